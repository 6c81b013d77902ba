/* Tests that every GeoPackage the app writes passes GDAL's validate_gpkg.py, ogrinfo and the
 * project's own validation. */
#define G_LOG_DOMAIN "test-geopackage"

#include "config.h"

#include <locale.h>
#include <gdal.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sw-test-files.h"
#include "sw-project.h"

#define check(cond, ...)                                                    \
  G_STMT_START                                                              \
  {                                                                         \
    if (!(cond))                                                            \
      {                                                                     \
        g_autofree char *check_message_ = g_strdup_printf (__VA_ARGS__);    \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,   \
                             check_message_);                               \
      }                                                                     \
  }                                                                         \
  G_STMT_END

/* The layers every project has, as ogrinfo names their geometry. */
static const struct
{
  const char *name;
  const char *geometry;
} project_layers[] = {
  { "walks", "None" },
  { "routes", "Line String" },
  { "stops", "Point" },
  { "findings", "Point" },
  { "photos", "None" },
  { "measures", "None" },
  { "places", "Point" },
  { SW_PROJECT_PHOTO_MAPPING_TABLE, "None" },
  { SW_PROJECT_METADATA_TABLE, "None" },
  { "tracks", "Measured Line String" },
};

/* ---------------------------------------------------------------------- */
/* Running the tools                                                       */

static void
run_tool (const char *const *argv,
          char              **out,
          char              **err,
          gboolean           *exited_ok)
{
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                     &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  *exited_ok = g_spawn_check_wait_status (status, NULL);
}

static const char *
required_env (const char *name,
              const char *what)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_error ("%s is not set: %s. Run the test through meson, on a system with it installed.",
             name, what);
  return value;
}

/* GDAL's validator of the OGC requirements: no error and no warning. */
static void
assert_validate_gpkg (const char *path)
{
  const char *python = required_env ("SW_PYTHON3", "/usr/bin/python3 is missing");
  const char *script = required_env ("SW_VALIDATE_GPKG",
                                     "validate_gpkg.py is missing; install python3-gdal");
  const char *argv[] = { python, script, "-k", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gboolean ok;

  run_tool (argv, &out, &err, &ok);
  check (ok && *out == '\0' && *err == '\0',
         "validate_gpkg.py %s %s:\n%s%s", path, ok ? "warned" : "failed", out, err);
}

/* ogrinfo opens the file and lists each layer with its geometry and, where
 * @counts gives one (>= 0), its number of features. */
static void
assert_ogrinfo (const char *path,
                const int  *counts)
{
  const char *ogrinfo = required_env ("SW_OGRINFO", "ogrinfo is missing; install gdal-bin");
  const char *argv[] = { ogrinfo, "-ro", "-al", "-so", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gboolean ok;

  run_tool (argv, &out, &err, &ok);
  check (ok, "ogrinfo failed on %s:\n%s", path, err);
  check (*err == '\0', "ogrinfo complained about %s:\n%s", path, err);
  check (strstr (out, "using driver `GPKG' successful") != NULL,
         "ogrinfo did not open %s with the GPKG driver:\n%s", path, out);

  for (guint i = 0; i < G_N_ELEMENTS (project_layers); i++)
    {
      g_autofree char *heading = g_strdup_printf ("\nLayer name: %s\n", project_layers[i].name);
      g_autofree char *geometry = g_strdup_printf ("Geometry: %s\n", project_layers[i].geometry);
      const char *block = strstr (out, heading);
      const char *next;
      g_autofree char *section = NULL;

      check (block != NULL, "ogrinfo does not list the layer %s of %s", project_layers[i].name, path);
      block += strlen (heading);
      next = strstr (block, "\nLayer name: ");
      section = next != NULL ? g_strndup (block, next - block) : g_strdup (block);
      check (g_str_has_prefix (section, geometry), "ogrinfo: layer %s of %s is not “%s”:\n%s",
             project_layers[i].name, path, project_layers[i].geometry, section);
      if (counts != NULL && counts[i] >= 0)
        {
          g_autofree char *count = g_strdup_printf ("\nFeature Count: %d\n", counts[i]);

          check (strstr (section, count) != NULL,
                 "ogrinfo: layer %s of %s does not have %d features:\n%s", project_layers[i].name,
                 path, counts[i], section);
        }
      if (!g_str_equal (project_layers[i].geometry, "None"))
        check (strstr (section, "ID[\"EPSG\",4326]]") != NULL,
               "ogrinfo: layer %s of %s is not in EPSG:4326:\n%s", project_layers[i].name, path,
               section);
    }
}

/* The project's own check, the one `safetywalk-cli validate` runs. */
static void
assert_project_valid (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  gboolean valid;

  valid = sw_project_validate_file (file, &problems, &error);
  g_assert_no_error (error);
  if (!valid)
    {
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint i = 0; problems != NULL && i < problems->len; i++)
        g_string_append_printf (text, "  %s\n", (char *) problems->pdata[i]);
      check (FALSE, "sw_project_validate_file finds %s invalid:\n%s", path, text->str);
    }
}

static void
assert_conformant (const char *path,
                   const int  *counts)
{
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_validate_gpkg (path);
  assert_ogrinfo (path, counts);
  assert_project_valid (path);
}

/* ---------------------------------------------------------------------- */
/* Projects to check                                                       */

typedef struct
{
  char *dir;
  char *path;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sw-test-geopackage-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "Trygghetsvandring Kungsör.gpkg", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  sw_test_remove_tree (fixture->dir);
  g_clear_object (&fixture->file);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static SwProject *
create_project (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  SwProject *project = sw_project_create (fixture->file, "Trygghetsvandring", "Kungsör", &error);

  g_assert_no_error (error);
  return project;
}

static SwFeature *
add_ok (SwProject *project,
        SwFeature *feature)
{
  g_autoptr (GError) error = NULL;
  SwFeature *listed = sw_project_add (project, feature, &error);

  g_assert_no_error (error);
  g_assert_nonnull (listed);
  return listed;
}

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  g_autoptr (GError) error = NULL;
  g_autofree char *buffer = NULL;
  gsize size;

  gdk_pixbuf_fill (pixbuf, 0xf5c21180);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

static SwFinding *
add_finding (SwProject  *project,
             const char *walk_uuid,
             double      longitude,
             double      latitude)
{
  g_autoptr (SwFinding) finding = sw_finding_new ();

  sw_finding_set_walk_uuid (finding, walk_uuid);
  sw_finding_set_category (finding, "vegetation");
  sw_finding_set_severity (finding, 2);
  sw_finding_set_light (finding, "dark");
  sw_finding_set_note (finding, "Buskar skymmer gatlyktan");
  sw_finding_set_longitude (finding, longitude);
  sw_finding_set_latitude (finding, latitude);
  return SW_FINDING (add_ok (project, SW_FEATURE (finding)));
}

/* A recorded track: a LineString M, times as M values. */
static void
test_track (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const int counts[] = { 1, 0, 0, 0, 0, 0, 0, 0, -1, 1 };
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (SwWalk) walk = sw_walk_new ();
  g_autoptr (SwTrack) track = sw_track_new ();
  SwFeature *listed;

  sw_walk_set_title (walk, "Kvällsvandring");
  listed = add_ok (project, SW_FEATURE (walk));
  sw_track_set_walk_uuid (track, sw_feature_get_uuid (listed));
  sw_track_set_name (track, "GPS-spår");
  sw_track_set_points (track, g_variant_new_parsed ("[(16.0930, 59.4250, int64 1792083600),"
                                                    " (16.0955, 59.4262, int64 1792083720),"
                                                    " (16.0981, 59.4270, int64 1792083845)]"));
  add_ok (project, SW_FEATURE (track));
  sw_project_close (project);
  assert_conformant (fixture->path, counts);
}

/* A file written by schema version 1, upgraded by opening it. */
static void
test_migrated (Fixture       *fixture,
               gconstpointer  user_data)
{
  static const int counts[] = { 1, 1, 1, 1, 1, 1, 0, 1, -1, 0 };
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "project-v1.gpkg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_true (g_file_set_contents (fixture->path, contents, length, &error));
  project = sw_project_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sw_project_get_schema_version (project), ==, SW_PROJECT_SCHEMA_VERSION);
  sw_project_close (project);
  assert_conformant (fixture->path, counts);
}

static void
test_new_project (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const int counts[] = { 0, 0, 0, 0, 0, 0, 0, 0, -1, 0 };
  g_autoptr (SwProject) project = create_project (fixture);

  sw_project_close (project);
  assert_conformant (fixture->path, counts);
}

static void
test_photo (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const int counts[] = { 0, 0, 0, 1, 1, 0, 0, 1, -1, 0 };
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (GBytes) png = make_png (1600, 1200);
  g_autoptr (GError) error = NULL;
  SwFinding *finding = add_finding (project, NULL, 16.2087, 58.9963);

  g_assert_nonnull (sw_project_add_photo (project, finding, png, 1024, &error));
  g_assert_no_error (error);
  sw_project_close (project);
  assert_conformant (fixture->path, counts);
}

/* Every kind, with edits, removals and undo behind it. */
static void
test_every_kind (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const int counts[] = { 1, 1, 2, 2, 1, 1, 1, 1, -1, 0 };
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (SwWalk) walk_input = sw_walk_new ();
  g_autoptr (SwRoute) route_input = sw_route_new ();
  g_autoptr (SwPlace) place_input = sw_place_new ();
  g_autoptr (SwMeasure) measure_input = sw_measure_new ();
  g_autoptr (GBytes) png = make_png (300, 400);
  g_autoptr (GError) error = NULL;
  GVariantBuilder points;
  SwFeature *walk, *route, *place;
  SwFinding *finding, *doomed;
  const char *walk_uuid;

  sw_walk_set_title (walk_input, "Kvällsvandring");
  sw_walk_set_light (walk_input, "dark");
  walk = add_ok (project, SW_FEATURE (walk_input));
  walk_uuid = sw_feature_get_uuid (walk);

  g_variant_builder_init (&points, G_VARIANT_TYPE ("a(dd)"));
  g_variant_builder_add (&points, "(dd)", 16.2071, 58.9960);
  g_variant_builder_add (&points, "(dd)", 16.2110, 58.9975);
  g_variant_builder_add (&points, "(dd)", 16.2143, 58.9957);
  sw_route_set_walk_uuid (route_input, walk_uuid);
  sw_route_set_name (route_input, "Rutt 1");
  sw_route_set_points (route_input, g_variant_builder_end (&points));
  route = add_ok (project, SW_FEATURE (route_input));

  for (int i = 1; i <= 2; i++)
    {
      g_autoptr (SwStop) stop = sw_stop_new ();

      sw_stop_set_walk_uuid (stop, walk_uuid);
      sw_stop_set_route_uuid (stop, sw_feature_get_uuid (route));
      sw_stop_set_number (stop, i);
      sw_stop_set_longitude (stop, 16.2071 + i * 0.002);
      sw_stop_set_latitude (stop, 58.9960 + i * 0.0005);
      add_ok (project, SW_FEATURE (stop));
    }

  finding = add_finding (project, walk_uuid, 16.2090, 58.9968);
  add_finding (project, walk_uuid, 16.2120, 58.9971);
  doomed = add_finding (project, walk_uuid, 16.2130, 58.9950);
  g_assert_nonnull (sw_project_add_photo (project, finding, png, 2048, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sw_project_add_photo (project, doomed, png, 2048, &error));
  g_assert_no_error (error);

  sw_measure_set_finding_uuid (measure_input, sw_feature_get_uuid (SW_FEATURE (finding)));
  sw_measure_set_measure_type (measure_input, "vegetation");
  sw_measure_set_responsible (measure_input, "municipality");
  sw_measure_set_status (measure_input, "decided");
  add_ok (project, SW_FEATURE (measure_input));

  sw_place_set_name (place_input, "Stationsparken");
  sw_place_set_longitude (place_input, 16.2100);
  sw_place_set_latitude (place_input, 58.9965);
  place = add_ok (project, SW_FEATURE (place_input));

  g_assert_true (sw_project_edit (project, place, &error, "longitude", 16.2105, NULL));
  g_assert_no_error (error);
  g_assert_true (sw_project_remove (project, SW_FEATURE (doomed), &error));
  g_assert_no_error (error);
  g_assert_true (sw_project_undo (project, &error));
  g_assert_no_error (error);
  g_assert_true (sw_project_redo (project, &error));
  g_assert_no_error (error);

  sw_project_close (project);
  assert_conformant (fixture->path, counts);
}

static void
test_save_copy (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const int counts[] = { 0, 0, 0, 1, 1, 0, 0, 1, -1, 0 };
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (GBytes) png = make_png (640, 480);
  g_autoptr (GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "kopia.gpkg", NULL);
  g_autoptr (GFile) copy_file = g_file_new_for_path (copy_path);
  SwFinding *finding = add_finding (project, NULL, 16.2, 59.0);

  g_assert_nonnull (sw_project_add_photo (project, finding, png, 2048, &error));
  g_assert_no_error (error);
  g_assert_true (sw_project_save_copy (project, copy_file, &error));
  g_assert_no_error (error);
  /* Checked while the original is still open: the copy stands alone. */
  assert_conformant (copy_path, counts);
  sw_project_close (project);
}

/* The demo project the build makes with the CLI. */
static void
test_demo (Fixture       *fixture,
           gconstpointer  user_data)
{
  const char *demo = g_getenv ("SW_DEMO_PROJECT");
  g_autoptr (GFile) source = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = NULL;

  if (demo == NULL || *demo == '\0')
    {
      g_test_fail_printf ("the build defines no demo_project target (data/demo/meson.build), "
                          "so the demo project cannot be checked");
      return;
    }
  check (g_file_test (demo, G_FILE_TEST_IS_REGULAR), "the demo project %s was not built", demo);

  /* A copy, so that the tools never touch the build's file. */
  source = g_file_new_for_path (demo);
  g_assert_true (g_file_copy (source, fixture->file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_conformant (fixture->path, NULL);

  /* The demo has what issue 2 promises: a walk, routes with stops, about 30
   * findings with photos, some measures. */
  project = sw_project_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), >=, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), >=, 2);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_STOP), >=, 4);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), >=, 25);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), >=, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_MEASURE), >=, 1);
  sw_project_close (project);
}

/* A project made by `safetywalk-cli new`. */
static void
test_cli_new (Fixture       *fixture,
              gconstpointer  user_data)
{
  static const int counts[] = { 0, 0, 0, 0, 0, 0, 0, 0, -1, 0 };
  const char *cli = g_getenv ("SW_CLI");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gboolean ok;

  if (cli == NULL || *cli == '\0')
    {
      g_test_skip ("src/cli/meson.build names no CLI executable variable (safetywalk_cli)");
      return;
    }

  {
    const char *argv[] = { cli, "new", fixture->path, "--title", "Trygghetsvandring",
                           "--municipality", "Kungsör", NULL };

    run_tool (argv, &out, &err, &ok);
    check (ok, "safetywalk-cli new failed:\n%s%s", out, err);
  }
  assert_conformant (fixture->path, counts);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { cli, "validate", fixture->path, NULL };

    run_tool (argv, &out, &err, &ok);
    check (ok, "safetywalk-cli validate fails on a new project:\n%s%s", out, err);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* Messages with å, ä, ö print as such, not as question marks. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add ("/conformance/new-project", Fixture, NULL, fixture_set_up, test_new_project,
              fixture_tear_down);
  g_test_add ("/conformance/photo", Fixture, NULL, fixture_set_up, test_photo, fixture_tear_down);
  g_test_add ("/conformance/every-kind", Fixture, NULL, fixture_set_up, test_every_kind,
              fixture_tear_down);
  g_test_add ("/conformance/save-copy", Fixture, NULL, fixture_set_up, test_save_copy,
              fixture_tear_down);
  g_test_add ("/conformance/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/conformance/track", Fixture, NULL, fixture_set_up, test_track, fixture_tear_down);
  g_test_add ("/conformance/migrated", Fixture, NULL, fixture_set_up, test_migrated, fixture_tear_down);
  g_test_add ("/conformance/cli-new", Fixture, NULL, fixture_set_up, test_cli_new, fixture_tear_down);

  return g_test_run ();
}
