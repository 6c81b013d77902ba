/* Tests the export's choices and its bad input: the CRS list, unknown codes, a target that is
 * the project, a folder that cannot be written, a full disk, an empty project, cancelling;
 * every failure names the file and leaves nothing behind. */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <errno.h>
#include <gdal.h>
#include <grp.h>
#include <locale.h>
#include <ogr_api.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "sw-test-files.h"
#include "sw-export.h"
#include "sw-place-priority.h"
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

#define UNPRIVILEGED_ID 65534

static char *
make_tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("sw-test-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static SwFeature *
add_ok (SwProject *project,
        SwFeature *feature)
{
  g_autoptr (GError) error = NULL;
  SwFeature *listed = sw_project_add (project, feature, &error);

  g_assert_no_error (error);
  return listed;
}

/* A closed project at @path with @n_findings findings in Kungsör, or only a
 * route when @n_findings is 0 and @with_route. */
static void
make_project (const char *path,
              guint       n_findings,
              gboolean    with_route)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_create (file, "Trygghetsvandring", "Kungsör", &error);
  g_autoptr (SwWalk) walk = sw_walk_new ();
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  SwFeature *listed_walk;

  g_assert_no_error (error);
  sw_walk_set_title (walk, "Kvällsvandring");
  listed_walk = add_ok (project, SW_FEATURE (walk));

  for (guint i = 0; i < n_findings; i++)
    {
      SwFinding *finding = sw_finding_new ();

      sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (listed_walk));
      sw_finding_set_category (finding, i % 2 ? "lighting" : "maintenance");
      sw_finding_set_severity (finding, 1 + i % 3);
      sw_finding_set_light (finding, "dark");
      sw_finding_set_note (finding, "Trasig lampa");
      sw_finding_set_longitude (finding, 16.08 + 0.0001 * (i % 100));
      sw_finding_set_latitude (finding, 59.42 + 0.0001 * (i / 100));
      g_ptr_array_add (findings, finding);
    }
  if (findings->len > 0)
    {
      g_autoptr (GPtrArray) added = sw_project_add_many (project, findings, "Add", &error);
      g_assert_no_error (error);
    }

  if (with_route)
    {
      g_autoptr (SwRoute) route = sw_route_new ();

      sw_route_set_walk_uuid (route, sw_feature_get_uuid (listed_walk));
      sw_route_set_name (route, "Röd slinga");
      sw_route_set_color (route, "#e01b24");
      sw_route_set_points (route, g_variant_new_parsed ("[(16.08, 59.42), (16.09, 59.425)]"));
      add_ok (project, SW_FEATURE (route));
    }
  sw_project_close (project);
}

static void
assert_export_error (const GError *error,
                     int           code,
                     const char   *name)
{
  g_assert_nonnull (error);
  check (error->domain == SW_EXPORT_ERROR && error->code == code,
         "expected export error %d, got %s %d: %s", code, g_quark_to_string (error->domain),
         error->code, error->message);
  if (name != NULL)
    check (strstr (error->message, name) != NULL, "the message does not name “%s”: %s", name,
           error->message);
}

/* ---------------------------------------------------------------------- */

static void
test_crs_list (void)
{
  guint n;
  const SwExportCrs *list = sw_export_list_crs (&n);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (n, ==, 13);
  g_assert_cmpuint (list[0].epsg, ==, 3006);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *proj_name = sw_export_dup_crs_name (list[i].epsg);
      g_autofree char *compact = NULL;

      if (i > 0)
        g_assert_cmpuint (list[i].epsg, ==, 3006 + i);
      /* PROJ writes "SWEREF99 12 00"; the list the way Lantmäteriet does. */
      g_assert_nonnull (proj_name);
      compact = g_strdup (list[i].name);
      memmove (compact + 6, compact + 7, strlen (compact + 7) + 1);
      check (g_str_equal (proj_name, compact), "EPSG:%u is “%s” for PROJ, “%s” in the list",
             list[i].epsg, proj_name, list[i].name);
      g_assert_cmpuint (sw_export_parse_crs (list[i].name, &error), ==, list[i].epsg);
      g_assert_no_error (error);
    }

  g_assert_cmpuint (sw_export_parse_crs ("EPSG:3006", &error), ==, 3006);
  g_assert_cmpuint (sw_export_parse_crs ("epsg:3021", &error), ==, 3021);
  g_assert_cmpuint (sw_export_parse_crs (" 4326 ", &error), ==, 4326);
  g_assert_no_error (error);

  g_assert_cmpuint (sw_export_parse_crs ("EPSG:99999", &error), ==, 0);
  assert_export_error (error, SW_EXPORT_ERROR_UNKNOWN_CRS, "99999");
  g_clear_error (&error);
  g_assert_cmpuint (sw_export_parse_crs ("SWEREF 99 TN", &error), ==, 0);
  assert_export_error (error, SW_EXPORT_ERROR_UNKNOWN_CRS, "SWEREF 99 TN");
  g_clear_error (&error);
  /* A vertical CRS has no positions to give. */
  g_assert_cmpuint (sw_export_parse_crs ("EPSG:5613", &error), ==, 0);
  assert_export_error (error, SW_EXPORT_ERROR_UNKNOWN_CRS, "5613");
}

static void
test_unknown_crs (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "projekt.gpkg", NULL);
  g_autofree char *out = g_build_filename (dir, "export.gpkg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GFile) project = g_file_new_for_path (path);
  g_autoptr (GFile) target = g_file_new_for_path (out);
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  g_autoptr (GError) error = NULL;

  make_project (path, 3, FALSE);
  before = list_dir (dir);
  g_free (options->crs);
  options->crs = g_strdup ("EPSG:999999");
  g_assert_false (sw_export_file (project, target, options, NULL, NULL, NULL, NULL, &error));
  assert_export_error (error, SW_EXPORT_ERROR_UNKNOWN_CRS, "999999");
  after = list_dir (dir);
  g_assert_cmpstr (before, ==, after);
  sw_test_remove_tree (dir);
}

static void
test_target_is_project (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "projekt.gpkg", NULL);
  g_autofree char *other_name = g_build_filename (dir, "samma.gpkg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) hard_link = g_file_new_for_path (other_name);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  g_autoptr (GError) error = NULL;
  gsize before_size;
  gsize after_size;

  make_project (path, 5, TRUE);
  g_assert_true (g_file_get_contents (path, &before, &before_size, NULL));
  project = sw_project_open (file, &error);
  g_assert_no_error (error);

  g_assert_false (sw_project_export (project, file, options, NULL, NULL, NULL, &error));
  assert_export_error (error, SW_EXPORT_ERROR_TARGET_IS_PROJECT, "projekt.gpkg");
  g_clear_error (&error);

  /* The same file under another name is the same file. */
  g_assert_cmpint (link (path, other_name), ==, 0);
  g_assert_false (sw_project_export (project, hard_link, options, NULL, NULL, NULL, &error));
  assert_export_error (error, SW_EXPORT_ERROR_TARGET_IS_PROJECT, "samma.gpkg");
  sw_project_close (project);

  g_assert_true (g_file_get_contents (path, &after, &after_size, NULL));
  g_assert_cmpmem (before, before_size, after, after_size);
  sw_test_remove_tree (dir);
}

static void
test_empty_project (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "tom.gpkg", NULL);
  g_autofree char *routes_path = g_build_filename (dir, "rutter.gpkg", NULL);
  g_autofree char *out = g_build_filename (dir, "export.gpkg", NULL);
  g_autofree char *json = g_build_filename (dir, "export.geojson", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GFile) empty = g_file_new_for_path (path);
  g_autoptr (GFile) routes_only = g_file_new_for_path (routes_path);
  g_autoptr (GFile) target = g_file_new_for_path (out);
  g_autoptr (GFile) json_target = g_file_new_for_path (json);
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  g_autoptr (GError) error = NULL;

  make_project (path, 0, FALSE);
  make_project (routes_path, 0, TRUE);
  before = list_dir (dir);

  g_assert_false (sw_export_file (empty, target, options, NULL, NULL, NULL, NULL, &error));
  assert_export_error (error, SW_EXPORT_ERROR_EMPTY, "tom.gpkg");
  g_clear_error (&error);

  /* Routes alone make a GeoPackage, but GeoJSON holds findings only. */
  options->format = SW_EXPORT_FORMAT_GEOJSON;
  g_assert_false (sw_export_file (routes_only, json_target, options, NULL, NULL, NULL, NULL, &error));
  assert_export_error (error, SW_EXPORT_ERROR_EMPTY, "rutter.gpkg");
  g_clear_error (&error);
  after = list_dir (dir);
  g_assert_cmpstr (before, ==, after);

  options->format = SW_EXPORT_FORMAT_GPKG;
  g_assert_true (sw_export_file (routes_only, target, options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  sw_test_remove_tree (dir);
}

static void
drop_privileges (void)
{
  check (setgroups (0, NULL) == 0, "setgroups: %s", g_strerror (errno));
  check (setgid (UNPRIVILEGED_ID) == 0, "setgid: %s", g_strerror (errno));
  check (setuid (UNPRIVILEGED_ID) == 0, "setuid: %s", g_strerror (errno));
}

static void
read_only_child (const char *project_path,
                 const char *out)
{
  g_autoptr (GFile) project = g_file_new_for_path (project_path);
  g_autoptr (GFile) target = g_file_new_for_path (out);
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  g_autoptr (GError) error = NULL;

  if (getuid () == 0)
    drop_privileges ();
  g_assert_false (sw_export_file (project, target, options, NULL, NULL, NULL, NULL, &error));
  assert_export_error (error, SW_EXPORT_ERROR_WRITE, "export.gpkg");
  check (strstr (error->message, "cannot be written") != NULL, "%s", error->message);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *project_dir = NULL;
  g_autofree char *target_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *listing = NULL;

  if (g_test_subprocess ())
    {
      read_only_child (g_getenv ("SW_TEST_EXPORT_PROJECT"), g_getenv ("SW_TEST_EXPORT_TARGET"));
      return;
    }
  if (getuid () == 0 && getpwuid (UNPRIVILEGED_ID) == NULL)
    {
      g_test_skip ("running as root, and there is no user 65534 to drop to");
      return;
    }

  dir = make_tmp_dir ();
  project_dir = g_build_filename (dir, "projekt", NULL);
  target_dir = g_build_filename (dir, "skrivskyddad", NULL);
  g_assert_cmpint (g_mkdir (project_dir, 0777), ==, 0);
  g_assert_cmpint (g_mkdir (target_dir, 0755), ==, 0);
  path = g_build_filename (project_dir, "projekt.gpkg", NULL);
  out = g_build_filename (target_dir, "export.gpkg", NULL);
  make_project (path, 4, TRUE);
  /* The unprivileged child reads the project: WAL needs its folder. */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (project_dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  g_assert_cmpint (g_chmod (target_dir, 0555), ==, 0);

  g_setenv ("SW_TEST_EXPORT_PROJECT", path, TRUE);
  g_setenv ("SW_TEST_EXPORT_TARGET", out, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("SW_TEST_EXPORT_PROJECT");
  g_unsetenv ("SW_TEST_EXPORT_TARGET");
  g_test_trap_assert_passed ();

  listing = list_dir (target_dir);
  g_assert_cmpstr (listing, ==, "");
  sw_test_remove_tree (dir);
}

/* A file size limit stands for a full disk: writes past it fail with EFBIG
 * as they would with ENOSPC. */
static void
full_disk_child (const char *project_path,
                 const char *out)
{
  g_autoptr (GFile) project = g_file_new_for_path (project_path);
  g_autoptr (GFile) target = g_file_new_for_path (out);
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  g_autoptr (GError) error = NULL;
  struct rlimit limit;

  signal (SIGXFSZ, SIG_IGN);
  limit.rlim_cur = limit.rlim_max = 256 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (sw_export_file (project, target, options, NULL, NULL, NULL, NULL, &error));
  assert_export_error (error, SW_EXPORT_ERROR_WRITE, "export.gpkg");
  check (strstr (error->message, "free space") != NULL, "%s", error->message);
}

static void
test_full_disk (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (g_test_subprocess ())
    {
      full_disk_child (g_getenv ("SW_TEST_EXPORT_PROJECT"), g_getenv ("SW_TEST_EXPORT_TARGET"));
      return;
    }

  dir = make_tmp_dir ();
  path = g_build_filename (dir, "projekt.gpkg", NULL);
  out = g_build_filename (dir, "export.gpkg", NULL);
  /* Enough findings that the export outgrows the limit, which the
   * project, already written, does not need to. */
  make_project (path, 6000, TRUE);
  before = list_dir (dir);

  g_setenv ("SW_TEST_EXPORT_PROJECT", path, TRUE);
  g_setenv ("SW_TEST_EXPORT_TARGET", out, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("SW_TEST_EXPORT_PROJECT");
  g_unsetenv ("SW_TEST_EXPORT_TARGET");
  g_test_trap_assert_passed ();

  after = list_dir (dir);
  g_assert_cmpstr (before, ==, after);
  sw_test_remove_tree (dir);
}

typedef struct
{
  GCancellable *cancellable;
  double last;
  guint calls;
  gboolean done;
  GError *error;
} ProgressState;

static void
cancel_halfway (double   fraction,
                gpointer user_data)
{
  ProgressState *state = user_data;

  g_assert_cmpfloat (fraction, >=, state->last);
  state->last = fraction;
  state->calls++;
  if (fraction > 0.2)
    g_cancellable_cancel (state->cancellable);
}

static void
test_cancel (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "projekt.gpkg", NULL);
  g_autofree char *out = g_build_filename (dir, "export.gpkg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GFile) project = g_file_new_for_path (path);
  g_autoptr (GFile) target = g_file_new_for_path (out);
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  ProgressState state = { cancellable, 0.0, 0, FALSE, NULL };

  make_project (path, 10000, FALSE);
  before = list_dir (dir);
  g_assert_false (sw_export_file (project, target, options, NULL, cancel_halfway, &state,
                                  cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, >=, 1);
  g_assert_cmpfloat (state.last, <, 1.0);
  after = list_dir (dir);
  g_assert_cmpstr (before, ==, after);
  sw_test_remove_tree (dir);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  ProgressState *state = user_data;

  g_assert_cmpfloat (fraction, >=, state->last);
  state->last = fraction;
  state->calls++;
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ProgressState *state = user_data;

  sw_project_export_finish (SW_PROJECT (source), result, &state->error);
  state->done = TRUE;
}

/* The GUI's way: in a worker thread, progress in the main context. */
static void
test_async (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "projekt.gpkg", NULL);
  g_autofree char *out = g_build_filename (dir, "export.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) target = g_file_new_for_path (out);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  g_autoptr (GError) error = NULL;
  ProgressState state = { NULL, 0.0, 0, FALSE, NULL };
  GThread *main_thread = g_thread_self ();

  make_project (path, 5000, TRUE);
  project = sw_project_open (file, &error);
  g_assert_no_error (error);
  sw_project_export_async (project, target, options, record_progress, &state, NULL, NULL,
                           export_done, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_true (g_thread_self () == main_thread);
  g_assert_cmpuint (state.calls, >=, 2);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  sw_project_close (project);
  sw_test_remove_tree (dir);
}

/* The places layer carries the score and rank the project ranks places by. */
static void
test_place_priority (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "projekt.gpkg", NULL);
  g_autofree char *out = g_build_filename (dir, "export.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) target = g_file_new_for_path (out);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  g_autoptr (GListModel) ranking = NULL;
  g_autoptr (GError) error = NULL;
  const char *names[] = { "Tunneln", "Parkeringen", "Torget" };
  const int n_findings[] = { 1, 4, 2 };
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH feature;
  guint n_seen = 0;

  make_project (path, 0, FALSE);
  project = sw_project_open (file, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    {
      g_autoptr (SwPlace) place = sw_place_new ();
      SwFeature *listed;

      sw_place_set_name (place, names[p]);
      sw_place_set_longitude (place, 16.08 + 0.01 * p);
      sw_place_set_latitude (place, 59.42);
      listed = add_ok (project, SW_FEATURE (place));
      for (int i = 0; i < n_findings[p]; i++)
        {
          g_autoptr (SwFinding) finding = sw_finding_new ();

          sw_finding_set_category (finding, "lighting");
          sw_finding_set_severity (finding, 1 + i % 3);
          sw_finding_set_light (finding, "dark");
          sw_finding_set_place_uuid (finding, sw_feature_get_uuid (listed));
          sw_finding_set_longitude (finding, 16.08 + 0.01 * p);
          sw_finding_set_latitude (finding, 59.42);
          add_ok (project, SW_FEATURE (finding));
        }
    }

  g_assert_true (sw_project_export (project, target, options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ranking = sw_project_rank_places (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (ranking), ==, 3);

  dataset = GDALOpenEx (out, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  layer = GDALDatasetGetLayerByName (dataset, "places");
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *uuid = OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "uuid"));
      SwPlacePriority *item = sw_place_ranking_lookup (ranking, uuid);

      g_assert_nonnull (item);
      g_assert_cmpint (OGR_F_GetFieldAsInteger (feature, OGR_F_GetFieldIndex (feature, "rank")), ==,
                       (int) sw_place_priority_get_rank (item));
      g_assert_cmpfloat_with_epsilon (OGR_F_GetFieldAsDouble (feature, OGR_F_GetFieldIndex (feature, "priority")),
                                      sw_place_priority_get_score (item), 1e-9);
      g_assert_cmpint (OGR_F_GetFieldAsInteger (feature, OGR_F_GetFieldIndex (feature, "findings")), >=, 1);
      n_seen++;
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  g_assert_cmpuint (n_seen, ==, 3);
  /* The busiest place ranks first. */
  {
    g_autoptr (SwPlacePriority) first = g_list_model_get_item (ranking, 0);
    g_assert_cmpstr (sw_place_get_name (sw_place_priority_get_place (first)), ==, "Parkeringen");
  }
  sw_project_close (project);
  sw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add_func ("/export/crs-list", test_crs_list);
  g_test_add_func ("/export/unknown-crs", test_unknown_crs);
  g_test_add_func ("/export/target-is-project", test_target_is_project);
  g_test_add_func ("/export/empty-project", test_empty_project);
  g_test_add_func ("/export/read-only-folder", test_read_only_folder);
  g_test_add_func ("/export/full-disk", test_full_disk);
  g_test_add_func ("/export/cancel", test_cancel);
  g_test_add_func ("/export/async", test_async);
  g_test_add_func ("/export/place-priority", test_place_priority);
  return g_test_run ();
}
