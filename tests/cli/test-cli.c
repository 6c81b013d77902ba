/* Runs safetywalk-cli as a user would, on real files in a temporary folder,
 * and checks its output and exit status. */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <gdal.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "sw-project.h"

typedef struct
{
  char *tmp_dir;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *
cli_path (void)
{
  const char *path = g_getenv ("SW_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs the CLI with the arguments up to NULL; the exit status, or -1 when
 * it did not exit normally. English messages, so the test can read them. */
static void
run_cli (Run *run, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer)cli_path ());
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "", TRUE);

  run_clear (run);
  g_spawn_sync (NULL, (char **)argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);

  if (WIFEXITED (wait_status))
    run->status = WEXITSTATUS (wait_status);
  else
    run->status = -1;

  g_test_message ("safetywalk-cli %s… → %d\nstdout: %s\nstderr: %s",
                  first_arg != NULL ? first_arg : "", run->status, run->out, run->err);
}

/* The value of "Label: value" in info's output. */
static char *
info_field (const char *output, const char *label)
{
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);
  g_autofree char *prefix = g_strconcat (label, ": ", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i] + strlen (prefix));
  return NULL;
}

static guint
info_count (const char *output, const char *label)
{
  g_autofree char *value = info_field (output, label);
  guint64 count = 0;

  g_assert_nonnull (value);
  g_assert_true (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &count, NULL));
  return (guint)count;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->tmp_dir = g_dir_make_tmp ("test-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  remove_tree (fixture->tmp_dir);
  g_free (fixture->tmp_dir);
}

static void
test_usage (Fixture *fixture, gconstpointer data)
{
  g_auto (Run) run = { 0 };

  run_cli (&run, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "validate"));

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (const char *const *name = (const char *const[]){ "new", "info", "validate", "demo", NULL };
       *name != NULL; name++)
    g_assert_nonnull (strstr (run.out, *name));

  run_cli (&run, "new", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--title"));
  g_assert_nonnull (strstr (run.out, "--municipality"));
  g_assert_nonnull (strstr (run.out, "PATH"));

  run_cli (&run, "help", "validate", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Exit status"));

  run_cli (&run, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "safetywalk-cli: "));
  g_assert_nonnull (strstr (run.err, "frobnicate"));

  run_cli (&run, "info", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "safetywalk-cli: "));

  run_cli (&run, "info", "a.gpkg", "b.gpkg", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_new_info_validate (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "Trygghetsvandring 2026.gpkg", NULL);
  g_autofree char *version = g_strdup_printf ("%d", SW_PROJECT_SCHEMA_VERSION);
  g_autofree char *value = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_auto (Run) run = { 0 };

  run_cli (&run, "new", path, "--title", "Trygghetsvandring Västra", "--municipality",
           "Katrineholm", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  run_cli (&run, "info", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  value = info_field (run.out, "Title");
  g_assert_cmpstr (value, ==, "Trygghetsvandring Västra");
  g_clear_pointer (&value, g_free);
  value = info_field (run.out, "Municipality");
  g_assert_cmpstr (value, ==, "Katrineholm");
  g_clear_pointer (&value, g_free);
  value = info_field (run.out, "File");
  g_assert_nonnull (strstr (value, "Trygghetsvandring 2026.gpkg"));
  g_clear_pointer (&value, g_free);
  value = info_field (run.out, "Schema version");
  g_assert_cmpstr (value, ==, version);
  g_clear_pointer (&value, g_free);
  value = info_field (run.out, "Storage CRS");
  g_assert_cmpstr (value, ==, "EPSG:4326");
  g_clear_pointer (&value, g_free);
  value = info_field (run.out, "Working CRS");
  g_assert_cmpstr (value, ==, "EPSG:3006");
  for (const char *const *label = (const char *const[]){ "Walks", "Routes", "Stops", "Findings",
                                                         "Photos", "Measures", "Places", NULL };
       *label != NULL; label++)
    g_assert_cmpuint (info_count (run.out, *label), ==, 0);

  run_cli (&run, "validate", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  /* A second new on the same name refuses and leaves the file alone. */
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  run_cli (&run, "new", path, "--title", "Another", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_true (g_str_has_prefix (run.err, "safetywalk-cli: "));
  g_assert_nonnull (strstr (run.err, path));
  g_assert_nonnull (strstr (run.err, "exists"));
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);

  /* A title is required. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (fixture->tmp_dir, "untitled.gpkg", NULL);
  run_cli (&run, "new", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--title"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_validate_text_file (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "notes.txt", NULL);
  g_auto (Run) run = { 0 };

  g_assert_true (g_file_set_contents (path, "Not a project, just notes.\n", -1, NULL));

  run_cli (&run, "validate", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "safetywalk-cli: "));
  g_assert_nonnull (strstr (run.err, path));

  run_cli (&run, "info", path, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, path));
}

/* A GeoPackage another program made: valid GeoPackage, but no project. */
static void
test_foreign_geopackage (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "trees.gpkg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_auto (Run) run = { 0 };
  GDALDatasetH dataset;

  GDALAllRegister ();
  dataset = GDALCreate (GDALGetDriverByName ("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (dataset);
  g_assert_nonnull (GDALDatasetCreateLayer (dataset, "trees", NULL, wkbPoint, NULL));
  GDALClose (dataset);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));

  run_cli (&run, "validate", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, path));
  g_assert_nonnull (strstr (run.out, "metadata"));
  g_assert_true (g_str_has_prefix (run.err, "safetywalk-cli: "));
  g_assert_nonnull (strstr (run.err, path));
  g_assert_nonnull (strstr (run.err, "not a valid project"));

  run_cli (&run, "info", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, path));
  g_assert_nonnull (strstr (run.err, "another program"));

  /* Neither command changed the file. */
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
test_missing_file (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "missing.gpkg", NULL);
  g_auto (Run) run = { 0 };

  run_cli (&run, "info", path, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_true (g_str_has_prefix (run.err, "safetywalk-cli: "));
  g_assert_nonnull (strstr (run.err, path));
  g_assert_cmpstr (run.out, ==, "");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  run_cli (&run, "validate", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, path));
}

static void
test_demo_project (Fixture *fixture, gconstpointer data)
{
  const char *demo = g_getenv ("SW_DEMO_PROJECT");
  g_autofree char *copy = g_build_filename (fixture->tmp_dir, "katrineholm.gpkg", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_auto (Run) run = { 0 };

  if (demo == NULL)
    {
      g_test_skip ("SW_DEMO_PROJECT is not set: the build has no demo project");
      return;
    }

  /* A copy: opening a project may write to it. */
  g_assert_true (g_file_get_contents (demo, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  run_cli (&run, "info", copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (info_count (run.out, "Walks"), ==, 1);
  g_assert_cmpuint (info_count (run.out, "Routes"), ==, 2);
  g_assert_cmpuint (info_count (run.out, "Stops"), >=, 12);
  g_assert_cmpuint (info_count (run.out, "Findings"), >=, 25);
  g_assert_cmpuint (info_count (run.out, "Findings"), <=, 40);
  g_assert_cmpuint (info_count (run.out, "Photos"), >=, 20);
  g_assert_cmpuint (info_count (run.out, "Measures"), >=, 3);

  run_cli (&run, "validate", copy, NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* Its places are grouped and ranked: the tunnel the meeting made one
   * place of comes first, read-only and after grouping again alike. */
  run_cli (&run, "info", copy, NULL);
  g_assert_cmpuint (info_count (run.out, "Places"), >=, 10);
  g_assert_cmpuint (info_count (run.out, "Status changes"), >, info_count (run.out, "Measures"));
  run_cli (&run, "places", copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Rank\tScore\tFindings\tWalks\tSince the first walk\tPlace\n1\t"));
  g_assert_nonnull (strstr (run.out, "\t3\t1\tNot followed up yet\tGångtunneln under järnvägen\n"));
  run_cli (&run, "places", "--group", "--why", copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\t3\t1\tNot followed up yet\tGångtunneln under järnvägen\n"));
  g_assert_nonnull (strstr (run.out, "3 of 3 findings in darkness"));
  run_cli (&run, "places", "--distance", "5", copy, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--distance needs --group"));

  /* The lägesbild as a table: its count of findings is info's. */
  run_cli (&run, "info", copy, NULL);
  {
    g_autofree char *line = g_strdup_printf ("\nFindings\t%u\n", info_count (run.out, "Findings"));

    run_cli (&run, "situation", copy, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "Lägesbild\tCount\n"));
    g_assert_nonnull (strstr (run.out, line));
    g_assert_nonnull (strstr (run.out, "\nMeasures by status\tCount\n"));
  }
  run_cli (&run, "situation", "--from", "2030-01-01", copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\nFindings\t0\n"));
  run_cli (&run, "situation", "--from", "1 januari", copy, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "situation", "--walk", "Finns inte", copy, NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
write_source (const char *dir, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static gboolean
has_temporary_files (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".tmp-") != NULL || strstr (name, ".creating-") != NULL)
      return TRUE;
  return FALSE;
}

/* A small source of every kind, then a broken one: the broken one fails
 * with the file and group named and leaves the earlier output as it was. */
static void
test_demo_command (Fixture *fixture, gconstpointer data)
{
  g_autofree char *source = g_build_filename (fixture->tmp_dir, "source", NULL);
  g_autofree char *output = g_build_filename (fixture->tmp_dir, "demo.gpkg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_auto (Run) run = { 0 };

  g_assert_cmpint (g_mkdir (source, 0700), ==, 0);
  write_source (source, "walk.ini",
                "[Project]\nTitle=Test\nMunicipality=Katrineholm\n"
                "[Walk]\nTitle=Kvällsvandring\nDate=2026-10-15\nStartTime=19:00\nLight=dark\n"
                "[FollowUp]\nTitle=Uppföljning\nDate=2027-03-11\n");
  write_source (
    source, "routes.ini",
    "[Route a]\nName=A\nColor=#e66100\nPoint01=16.2064,58.9955\nPoint02=16.2072,58.9950\n"
    "[Stop a-1]\nRoute=a\nNumber=1\nName=Start\nLongitude=16.2064\nLatitude=58.9955\n");
  write_source (source, "findings.ini",
                "[Finding dark]\nCategory=lighting\nMoreCategories=passages\nSeverity=3\n"
                "Light=dark\nUnsafeFor=women,elderly\nNote=Mörkt\nLongitude=16.2068\n"
                "Latitude=58.9953\nTime=19:10\nPhoto=tunnel\nCaption=Tunneln\n"
                "[Finding good]\nCategory=positive\nSeverity=0\nLight=dark\nNote=Trivsamt\n"
                "Longitude=16.2069\nLatitude=58.9952\n"
                "[Finding later]\nWalk=follow-up\nCategory=lighting\nSeverity=1\nLight=dark\n"
                "Note=Ljusare nu\nLongitude=16.2068\nLatitude=58.9953\n");
  write_source (source, "measures.ini",
                "[Place p]\nName=Platsen\nLongitude=16.2068\nLatitude=58.9953\n"
                "[Measure m]\nFinding=dark\nType=lighting\nDescription=Ny belysning\n"
                "Responsible=municipality\nDueDate=2027-01-31\nStatus=proposed\n"
                "[Measure n]\nPlace=p\nType=art\nDescription=Neonkonst\n"
                "Responsible=municipality\nStatus=decided\n");

  run_cli (&run, "demo", source, output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (has_temporary_files (fixture->tmp_dir));

  run_cli (&run, "info", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* The follow-up walk repeats the walk on copies of its route and stop. */
  g_assert_cmpuint (info_count (run.out, "Walks"), ==, 2);
  g_assert_cmpuint (info_count (run.out, "Routes"), ==, 2);
  g_assert_cmpuint (info_count (run.out, "Stops"), ==, 2);
  g_assert_cmpuint (info_count (run.out, "Findings"), ==, 3);
  g_assert_cmpuint (info_count (run.out, "Photos"), ==, 1);
  g_assert_cmpuint (info_count (run.out, "Measures"), ==, 2);
  /* The findings, 13 m apart, are grouped into the place made by hand,
   * the follow-up's too: severity 3 then 1, better. */
  g_assert_cmpuint (info_count (run.out, "Places"), ==, 1);
  run_cli (&run, "places", output, NULL);
  g_assert_nonnull (strstr (run.out, "\t2\t2\tBetter\tPlatsen\n"));

  /* Now a category that does not exist. */
  g_assert_true (g_file_get_contents (output, &before, &before_length, NULL));
  write_source (source, "findings.ini",
                "[Finding dark]\nCategory=lightning\nSeverity=3\nLight=dark\nNote=Mörkt\n"
                "Longitude=16.2068\nLatitude=58.9953\n");
  run_cli (&run, "demo", source, output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "safetywalk-cli: "));
  g_assert_nonnull (strstr (run.err, "findings.ini"));
  g_assert_nonnull (strstr (run.err, "[Finding dark]"));
  g_assert_nonnull (strstr (run.err, "lightning"));
  g_assert_false (has_temporary_files (fixture->tmp_dir));
  g_assert_true (g_file_get_contents (output, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);

  /* A misspelt key is an error too, not a silently missing value. */
  write_source (source, "findings.ini",
                "[Finding dark]\nCategory=lighting\nSeverity=3\nLight=dark\nNote=Mörkt\n"
                "Longitude=16.2068\nLatitude=58.9953\nCaptoin=Tunneln\n");
  run_cli (&run, "demo", source, output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Captoin"));

  /* A missing source folder names the file it looked for. */
  g_clear_pointer (&source, g_free);
  source = g_build_filename (fixture->tmp_dir, "nowhere", NULL);
  run_cli (&run, "demo", source, output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "walk.ini"));
}

static void
edit_walk_title (const char *path, const char *title)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_open (file, &error);
  g_autoptr (SwFeature) walk = NULL;

  g_assert_no_error (error);
  walk = g_list_model_get_item (sw_project_get_walks (project), 0);
  /* Modified times are milliseconds: stay clear of the copy's time. */
  g_usleep (5000);
  g_assert_true (sw_project_edit (project, walk, &error, "title", title, NULL));
  g_assert_no_error (error);
  sw_project_close (project);
}

static char *
walk_title (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_open_with_flags (file, SW_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr (SwWalk) walk = NULL;

  g_assert_no_error (error);
  walk = g_list_model_get_item (sw_project_get_walks (project), 0);
  return g_strdup (sw_walk_get_title (walk));
}

/* A volunteer copy of the demo walk, a finding added in it, merged back;
 * merged again, nothing changes; a title edited on both sides is a
 * conflict that --prefer source settles the volunteer's way. */
static void
test_volunteer_copy_merge (Fixture *fixture, gconstpointer data)
{
  const char *demo = g_getenv ("SW_DEMO_PROJECT");
  g_autofree char *master = g_build_filename (fixture->tmp_dir, "katrineholm.gpkg", NULL);
  g_autofree char *copy = g_build_filename (fixture->tmp_dir, "volontär Anna.gpkg", NULL);
  g_autofree char *missing = g_build_filename (fixture->tmp_dir, "finns-inte.gpkg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *title = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (Run) run = { 0 };
  guint findings_before;
  gsize length;

  if (demo == NULL)
    {
      g_test_skip ("SW_DEMO_PROJECT is not set: the build has no demo project");
      return;
    }
  g_assert_true (g_file_get_contents (demo, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (master, contents, length, NULL));

  run_cli (&run, "info", master, NULL);
  findings_before = info_count (run.out, "Findings");

  run_cli (&run, "volunteer-copy", master, copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, "info", copy, NULL);
  g_assert_cmpuint (info_count (run.out, "Walks"), ==, 1);
  g_assert_cmpuint (info_count (run.out, "Routes"), ==, 2);
  g_assert_cmpuint (info_count (run.out, "Findings"), ==, 0);

  /* The volunteer adds a finding in the copy. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (copy);
    g_autoptr (SwProject) project = sw_project_open (file, &error);
    g_autoptr (SwWalk) walk = NULL;
    g_autoptr (SwFinding) finding = sw_finding_new ();

    g_assert_no_error (error);
    walk = g_list_model_get_item (sw_project_get_walks (project), 0);
    sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (SW_FEATURE (walk)));
    sw_finding_set_category (finding, "overview");
    sw_finding_set_severity (finding, 2);
    sw_finding_set_note (finding, "Buskar skymmer sikten vid cykelvägen");
    sw_finding_set_longitude (finding, 16.2105);
    sw_finding_set_latitude (finding, 58.9962);
    g_assert_nonnull (sw_project_add (project, SW_FEATURE (finding), &error));
    g_assert_no_error (error);
    sw_project_close (project);
  }

  run_cli (&run, "merge", master, copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1 added, 0 updated, 0 removed, 0 conflicts"));
  run_cli (&run, "info", master, NULL);
  g_assert_cmpuint (info_count (run.out, "Findings"), ==, findings_before + 1);

  run_cli (&run, "merge", master, copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "0 added, 0 updated, 0 removed, 0 conflicts"));

  edit_walk_title (master, "Samordnarens titel");
  edit_walk_title (copy, "Volontärens titel");
  run_cli (&run, "merge", master, copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1 conflicts"));
  g_assert_nonnull (strstr (run.out, "edited on both sides: kept the target’s"));
  title = walk_title (master);
  g_assert_cmpstr (title, ==, "Samordnarens titel");
  g_clear_pointer (&title, g_free);

  run_cli (&run, "merge", "--prefer", "source", master, copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "took the source’s"));
  title = walk_title (master);
  g_assert_cmpstr (title, ==, "Volontärens titel");

  run_cli (&run, "merge", master, missing, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "finns-inte.gpkg"));
  run_cli (&run, "merge", "--prefer", "both", master, copy, NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* import: a GPX track, points of a KML file as findings, its lines as
 * routes with --as routes; a KML with an entity declaration is refused. */
static void
test_import (Fixture *fixture, gconstpointer data)
{
  const char *demo = g_getenv ("SW_DEMO_PROJECT");
  g_autofree char *master = g_build_filename (fixture->tmp_dir, "katrineholm.gpkg", NULL);
  g_autofree char *gpx = g_build_filename (fixture->tmp_dir, "spår.gpx", NULL);
  g_autofree char *kml = g_build_filename (fixture->tmp_dir, "synpunkter.kml", NULL);
  g_autofree char *xxe = g_build_filename (fixture->tmp_dir, "farlig.kml", NULL);
  g_autofree char *contents = NULL;
  g_auto (Run) run = { 0 };
  guint findings_before, routes_before;
  gsize length;

  if (demo == NULL)
    {
      g_test_skip ("SW_DEMO_PROJECT is not set: the build has no demo project");
      return;
    }
  g_assert_true (g_file_get_contents (demo, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (master, contents, length, NULL));
  g_assert_true (g_file_set_contents (
    gpx,
    "<?xml version=\"1.0\"?><gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\">"
    "<trk><name>Kvällen</name><trkseg>"
    "<trkpt lat=\"58.996\" lon=\"16.207\"><time>2026-10-15T17:00:00Z</time></trkpt>"
    "<trkpt lat=\"58.997\" lon=\"16.209\"><time>2026-10-15T17:03:00Z</time></trkpt>"
    "<trkpt lat=\"58.998\" lon=\"16.211\"><time>2026-10-15T17:06:00Z</time></trkpt>"
    "</trkseg></trk></gpx>", -1, NULL));
  g_assert_true (g_file_set_contents (
    kml,
    "<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
    "<Placemark><name>Mörk passage</name><Point><coordinates>16.2101,58.9961</coordinates></Point></Placemark>"
    "<Placemark><name>Ingen plats</name><Point><coordinates>0,0</coordinates></Point></Placemark>"
    "<Placemark><name>Genväg</name><LineString><coordinates>16.207,58.996 16.210,58.998</coordinates>"
    "</LineString></Placemark></Document></kml>", -1, NULL));
  g_assert_true (g_file_set_contents (
    xxe,
    "<?xml version=\"1.0\"?><!DOCTYPE kml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
    "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><Placemark><name>&x;</name>"
    "<Point><coordinates>16.21,58.99</coordinates></Point></Placemark></Document></kml>", -1, NULL));

  run_cli (&run, "info", master, NULL);
  findings_before = info_count (run.out, "Findings");
  routes_before = info_count (run.out, "Routes");

  run_cli (&run, "import", master, gpx, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "track of 3 points"));

  run_cli (&run, "import", master, kml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 1 finding"));
  g_assert_nonnull (strstr (run.out, "skipped: Item 2 (“Ingen plats”)"));

  run_cli (&run, "import", "--as", "routes", master, kml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 1 route"));

  run_cli (&run, "import", master, xxe, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "farlig.kml"));
  g_assert_null (strstr (run.err, "root"));

  run_cli (&run, "import", "--as", "photos", master, kml, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "import", "--walk", "Finns inte", master, kml, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Finns inte"));

  run_cli (&run, "info", master, NULL);
  g_assert_cmpuint (info_count (run.out, "Findings"), ==, findings_before + 1);
  g_assert_cmpuint (info_count (run.out, "Routes"), ==, routes_before + 1);
  g_assert_cmpuint (info_count (run.out, "Tracks"), ==, 1);
}

static void
add_volunteer_finding (const char *path, const char *note, double offset)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_open (file, &error);
  g_autoptr (SwWalk) walk = NULL;
  g_autoptr (SwFinding) finding = sw_finding_new ();

  g_assert_no_error (error);
  walk = g_list_model_get_item (sw_project_get_walks (project), 0);
  sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (SW_FEATURE (walk)));
  sw_finding_set_category (finding, "lighting");
  sw_finding_set_severity (finding, 1);
  sw_finding_set_note (finding, note);
  sw_finding_set_longitude (finding, 16.2105 + offset);
  sw_finding_set_latitude (finding, 58.9962);
  g_assert_nonnull (sw_project_add (project, SW_FEATURE (finding), &error));
  g_assert_no_error (error);
  sw_project_close (project);
}

/* Several sources are one change: a source that cannot be read stops all
 * of them, and the target stays as it was; all good, all come in. */
static void
test_merge_all_or_nothing (Fixture *fixture, gconstpointer data)
{
  const char *demo = g_getenv ("SW_DEMO_PROJECT");
  g_autofree char *master = g_build_filename (fixture->tmp_dir, "katrineholm.gpkg", NULL);
  g_autofree char *anna = g_build_filename (fixture->tmp_dir, "anna.gpkg", NULL);
  g_autofree char *bo = g_build_filename (fixture->tmp_dir, "bo.gpkg", NULL);
  g_autofree char *broken = g_build_filename (fixture->tmp_dir, "trasig.gpkg", NULL);
  g_autofree char *contents = NULL;
  g_auto (Run) run = { 0 };
  guint findings_before;
  gsize length;

  if (demo == NULL)
    {
      g_test_skip ("SW_DEMO_PROJECT is not set: the build has no demo project");
      return;
    }
  g_assert_true (g_file_get_contents (demo, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (master, contents, length, NULL));
  g_assert_true (g_file_set_contents (broken, "inte ett projekt", -1, NULL));

  run_cli (&run, "volunteer-copy", master, anna, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, "volunteer-copy", master, bo, NULL);
  g_assert_cmpint (run.status, ==, 0);
  add_volunteer_finding (anna, "Annas fynd", 0.001);
  add_volunteer_finding (bo, "Bos fynd", 0.002);
  run_cli (&run, "info", master, NULL);
  findings_before = info_count (run.out, "Findings");

  run_cli (&run, "merge", master, anna, broken, bo, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "trasig.gpkg"));
  run_cli (&run, "info", master, NULL);
  g_assert_cmpuint (info_count (run.out, "Findings"), ==, findings_before);

  run_cli (&run, "merge", master, anna, bo, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Merged 2 files: 2 added, 0 updated, 0 removed, 0 conflicts"));
  run_cli (&run, "info", master, NULL);
  g_assert_cmpuint (info_count (run.out, "Findings"), ==, findings_before + 2);
}

/* Export's bad usage: each refused with exit status 2, a message that says
 * why, and no file. */
static void
test_export_refusals (Fixture *fixture, gconstpointer data)
{
  g_autofree char *project = g_build_filename (fixture->tmp_dir, "projekt.gpkg", NULL);
  g_autofree char *out = g_build_filename (fixture->tmp_dir, "export.gpkg", NULL);
  g_autofree char *csv = g_build_filename (fixture->tmp_dir, "export.csv", NULL);
  g_auto (Run) run = { 0 };

  run_cli (&run, "new", project, "--title", "Trygghetsvandring", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* Nothing in it yet. */
  run_cli (&run, "export", project, out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "nothing to export"));
  g_assert_nonnull (strstr (run.err, "projekt.gpkg"));

  run_cli (&run, "export", project, out, "--crs", "EPSG:99999", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "EPSG:99999"));

  run_cli (&run, "export", project, out, "--format", "shp", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“shp”"));

  run_cli (&run, "export", project, csv, "--format", "csv", "--photos", "original", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "GeoPackage"));

  run_cli (&run, "export", project, out, "--photos", "tiny", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“tiny”"));

  run_cli (&run, "export", project, project, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "the project itself"));

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/new-info-validate", test_new_info_validate);
  ADD ("/cli/validate-text-file", test_validate_text_file);
  ADD ("/cli/foreign-geopackage", test_foreign_geopackage);
  ADD ("/cli/missing-file", test_missing_file);
  ADD ("/cli/demo-project", test_demo_project);
  ADD ("/cli/demo-command", test_demo_command);
  ADD ("/cli/volunteer-copy-merge", test_volunteer_copy_merge);
  ADD ("/cli/import", test_import);
  ADD ("/cli/merge-all-or-nothing", test_merge_all_or_nothing);
  ADD ("/cli/export-refusals", test_export_refusals);
#undef ADD

  return g_test_run ();
}
