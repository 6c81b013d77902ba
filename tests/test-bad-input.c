/* Tests that files a project cannot use are refused with a reason that names them, and are
 * left exactly as they were. */
#define G_LOG_DOMAIN "test-bad-input"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <errno.h>
#include <fcntl.h>
#include <gdal.h>
#include <grp.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <pwd.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "sw-test-files.h"
#include "sw-photo-image.h"
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The uid and gid a root test drops to, to meet permissions as a user would. */
#define UNPRIVILEGED_ID 65534

/* ---------------------------------------------------------------------- */
static char *
make_tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("sw-test-bad-input-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* What a file is: its bytes, its modification time, and the names beside it. */
typedef struct
{
  char *path;
  char *sha256;
  gint64 size;
  struct timespec mtime;
  mode_t mode;
  GPtrArray *siblings;
} FileState;

static void
file_state_free (FileState *state)
{
  g_free (state->path);
  g_free (state->sha256);
  g_clear_pointer (&state->siblings, g_ptr_array_unref);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileState, file_state_free)

static GPtrArray *
list_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static FileState *
file_state_new (const char *path)
{
  FileState *state = g_new0 (FileState, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  gsize length;
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  state->path = g_strdup (path);
  state->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  state->size = st.st_size;
  state->mtime = st.st_mtim;
  state->mode = st.st_mode;
  state->siblings = list_dir (dir);
  return state;
}

/* Nothing on disk changed: the same bytes, the same time, and no new file
 * beside it (except SQLite's -wal and -shm when @allow_journal). */
static void
assert_unchanged (FileState  *before,
                  gboolean    allow_journal,
                  const char *when)
{
  g_autoptr (FileState) after = file_state_new (before->path);
  g_autofree char *base = g_path_get_basename (before->path);

  check (g_str_equal (before->sha256, after->sha256), "%s: the bytes of %s changed", when, base);
  check (before->size == after->size, "%s: the size of %s changed from %" G_GINT64_FORMAT
         " to %" G_GINT64_FORMAT, when, base, before->size, after->size);
  check (before->mtime.tv_sec == after->mtime.tv_sec && before->mtime.tv_nsec == after->mtime.tv_nsec,
         "%s: the modification time of %s changed", when, base);
  check (before->mode == after->mode, "%s: the permissions of %s changed", when, base);
  for (guint i = 0; i < after->siblings->len; i++)
    {
      const char *name = after->siblings->pdata[i];
      gboolean known = FALSE;

      for (guint j = 0; j < before->siblings->len && !known; j++)
        known = g_str_equal (name, before->siblings->pdata[j]);
      if (allow_journal && g_str_has_prefix (name, base) &&
          (g_str_has_suffix (name, "-wal") || g_str_has_suffix (name, "-shm")))
        known = TRUE;
      check (known, "%s: a new file %s appeared beside %s", when, name, base);
    }
}

/* The error is @code of SW_PROJECT_ERROR, and its message names the file. */
static void
assert_project_error (GError     *error,
                      int         code,
                      const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  check (error != NULL, "no error, expected code %d for %s", code, base);
  check (error->domain == SW_PROJECT_ERROR && error->code == code,
         "expected SW_PROJECT_ERROR code %d for %s, got %s code %d: %s", code, base,
         g_quark_to_string (error->domain), error->code, error->message);
  check (strstr (error->message, base) != NULL, "the message does not name %s: %s", base,
         error->message);
  g_test_message ("%s: %s", base, error->message);
}

static void
assert_open_refused (const char *path,
                     int         code)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_open (file, &error);

  check (project == NULL, "%s was opened, expected it refused", path);
  assert_project_error (error, code, path);
}

static void
create_closed_project (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_create (file, "Trygghetsvandring", "Kungsör", &error);
  g_autoptr (SwWalk) walk = sw_walk_new ();

  g_assert_no_error (error);
  sw_walk_set_title (walk, "Kvällsvandring");
  g_assert_nonnull (sw_project_add (project, SW_FEATURE (walk), &error));
  g_assert_no_error (error);
  sw_project_close (project);
}

/* A GeoPackage as another program leaves it: GDAL alone, one point layer. */
static void
create_foreign_geopackage (const char *path)
{
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  GDALDatasetH dataset;
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  OGRLayerH layer;
  OGRFieldDefnH field;
  OGRFeatureH feature;
  OGRGeometryH point;

  g_assert_nonnull (driver);
  dataset = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (dataset);
  g_assert_cmpint (OSRImportFromEPSG (srs, 3006), ==, OGRERR_NONE);
  layer = GDALDatasetCreateLayer (dataset, "trad", srs, wkbPoint, NULL);
  g_assert_nonnull (layer);
  field = OGR_Fld_Create ("art", OFTString);
  g_assert_cmpint (OGR_L_CreateField (layer, field, TRUE), ==, OGRERR_NONE);
  OGR_Fld_Destroy (field);
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGR_F_SetFieldString (feature, 0, "Lind");
  point = OGR_G_CreateGeometry (wkbPoint);
  OGR_G_SetPoint_2D (point, 0, 586000.0, 6540000.0);
  OGR_F_SetGeometryDirectly (feature, point);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
  OSRRelease (srs);
  GDALClose (dataset);
}

static void
sql_exec (const char *path,
          const char *sql)
{
  g_autoptr (sqlite3) db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* ---------------------------------------------------------------------- */
/* Opening what is not a project                                           */

static void
test_not_geopackage (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.gpkg", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (FileState) state = NULL;

  g_assert_true (g_file_set_contents (path, "Mötesanteckningar, inte en GeoPackage.\n", -1, &error));
  g_assert_no_error (error);
  state = file_state_new (path);
  assert_open_refused (path, SW_PROJECT_ERROR_NOT_GEOPACKAGE);
  assert_unchanged (state, FALSE, "after opening a text file");
  sw_test_remove_tree (dir);
}

static void
test_empty_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "tom.gpkg", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (FileState) state = NULL;

  /* SQLite would take an empty file for an empty database. */
  g_assert_true (g_file_set_contents (path, "", 0, &error));
  g_assert_no_error (error);
  state = file_state_new (path);
  assert_open_refused (path, SW_PROJECT_ERROR_NOT_GEOPACKAGE);
  assert_unchanged (state, FALSE, "after opening an empty file");
  sw_test_remove_tree (dir);
}

static void
test_plain_sqlite (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "adresser.gpkg", NULL);
  g_autoptr (FileState) state = NULL;

  sql_exec (path, "CREATE TABLE adresser (id INTEGER PRIMARY KEY, gata TEXT);"
                  "INSERT INTO adresser (gata) VALUES ('Vasavägen 1');");
  state = file_state_new (path);
  assert_open_refused (path, SW_PROJECT_ERROR_NOT_GEOPACKAGE);
  assert_unchanged (state, FALSE, "after opening a plain SQLite file");
  sw_test_remove_tree (dir);
}

static void
test_foreign_geopackage (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "träd.gpkg", NULL);
  g_autoptr (FileState) state = NULL;

  create_foreign_geopackage (path);
  state = file_state_new (path);
  assert_open_refused (path, SW_PROJECT_ERROR_NOT_PROJECT);
  assert_unchanged (state, FALSE, "after opening a GeoPackage of another program");
  /* A second attempt is refused the same way. */
  assert_open_refused (path, SW_PROJECT_ERROR_NOT_PROJECT);
  assert_unchanged (state, FALSE, "after opening it again");
  sw_test_remove_tree (dir);
}

static void
test_newer_schema (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "framtid.gpkg", NULL);
  g_autoptr (FileState) state = NULL;
  g_autoptr (sqlite3) db = NULL;
  g_autofree char *sql = NULL;

  create_closed_project (path);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sql = g_strdup_printf ("UPDATE " SW_PROJECT_METADATA_TABLE " SET value = '%d'"
                         " WHERE key = 'schema_version'", SW_PROJECT_SCHEMA_VERSION + 1);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&db, sqlite3_close);

  state = file_state_new (path);
  assert_open_refused (path, SW_PROJECT_ERROR_NEWER_SCHEMA);
  assert_unchanged (state, TRUE, "after opening a project of a newer version");
  sw_test_remove_tree (dir);
}

static void
test_missing (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "finns-inte.gpkg", NULL);
  g_autofree char *deep = g_build_filename (dir, "saknad mapp", "projekt.gpkg", NULL);
  g_autoptr (GPtrArray) names = NULL;

  assert_open_refused (path, SW_PROJECT_ERROR_NOT_FOUND);
  assert_open_refused (deep, SW_PROJECT_ERROR_NOT_FOUND);
  names = list_dir (dir);
  check (names->len == 0, "opening a missing file created %s", (char *) names->pdata[0]);
  sw_test_remove_tree (dir);
}

static void
test_directory (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "mapp.gpkg", NULL);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  assert_open_refused (path, SW_PROJECT_ERROR_NOT_GEOPACKAGE);
  sw_test_remove_tree (dir);
}

/* ---------------------------------------------------------------------- */
/* Read-only files and folders                                             */

/* Run as root, permission bits do not stop a write, so the check runs in a
 * child that has dropped to an unprivileged user. */
static void
drop_privileges (void)
{
  check (setgroups (0, NULL) == 0, "setgroups: %s", g_strerror (errno));
  check (setgid (UNPRIVILEGED_ID) == 0, "setgid: %s", g_strerror (errno));
  check (setuid (UNPRIVILEGED_ID) == 0, "setuid: %s", g_strerror (errno));
  check (access ("/", W_OK) != 0, "still privileged after setuid");
}

static void
assert_refused_read_only (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_open (file, &error);
  g_autoptr (SwWalk) walk = sw_walk_new ();

  if (project != NULL)
    {
      /* Opening for reading only would do, if no edit then reaches the file. */
      check (sw_project_add (project, SW_FEATURE (walk), &error) == NULL,
             "a read-only project %s took an edit", path);
      assert_project_error (error, SW_PROJECT_ERROR_READ_ONLY, path);
      sw_project_close (project);
      return;
    }
  assert_project_error (error, SW_PROJECT_ERROR_READ_ONLY, path);
}

static void
run_read_only_case (const char *path,
                    const char *env_name,
                    FileState  *state)
{
  if (getuid () != 0)
    {
      assert_refused_read_only (path);
    }
  else
    {
      if (getpwuid (UNPRIVILEGED_ID) == NULL)
        {
          g_test_skip ("running as root, and there is no user 65534 to drop to");
          return;
        }
      g_setenv (env_name, path, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      g_unsetenv (env_name);
    }
  assert_unchanged (state, TRUE, "after opening a read-only project");
}

static void
test_read_only_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr (FileState) state = NULL;

  if (g_test_subprocess ())
    {
      drop_privileges ();
      assert_refused_read_only (g_getenv ("SW_TEST_READ_ONLY_FILE"));
      return;
    }

  /* A folder the user may write to, holding a file they may only read. */
  dir = make_tmp_dir ();
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  folder = g_build_filename (dir, "delad mapp", NULL);
  g_assert_cmpint (g_mkdir (folder, 0777), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0777), ==, 0);
  path = g_build_filename (folder, "skrivskyddad.gpkg", NULL);
  create_closed_project (path);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  state = file_state_new (path);

  run_read_only_case (path, "SW_TEST_READ_ONLY_FILE", state);
  sw_test_remove_tree (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr (FileState) state = NULL;

  if (g_test_subprocess ())
    {
      drop_privileges ();
      assert_refused_read_only (g_getenv ("SW_TEST_READ_ONLY_FOLDER"));
      return;
    }

  /* A file anyone may write to, in a folder where no journal can be made. */
  dir = make_tmp_dir ();
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  folder = g_build_filename (dir, "arkiv", NULL);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  path = g_build_filename (folder, "projekt.gpkg", NULL);
  create_closed_project (path);
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  if (getuid () != 0)
    g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  state = file_state_new (path);

  run_read_only_case (path, "SW_TEST_READ_ONLY_FOLDER", state);
  sw_test_remove_tree (dir);
}

/* ---------------------------------------------------------------------- */
/* A full disk                                                             */

static SwFinding *
new_finding (const char *walk_uuid,
             guint       counter)
{
  SwFinding *finding = sw_finding_new ();
  g_autofree char *padding = g_strnfill (3000 + (counter % 7) * 100, 'x');
  g_autofree char *note = g_strdup_printf ("fynd %u %s", counter, padding);

  sw_finding_set_walk_uuid (finding, walk_uuid);
  sw_finding_set_category (finding, "lighting");
  sw_finding_set_severity (finding, 1 + counter % 3);
  sw_finding_set_light (finding, "dark");
  sw_finding_set_note (finding, note);
  sw_finding_set_longitude (finding, 16.20 + counter * 1e-5);
  sw_finding_set_latitude (finding, 58.99 + counter * 1e-5);
  return finding;
}

/* In the child: edits until the size limit stops one; each acknowledged uuid
 * is written to the acks file before the next edit. */
static void
full_disk_child (const char *path,
                 const char *acks_path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_open (file, &error);
  g_autofree char *walk_uuid = NULL;
  struct rlimit limit;
  struct stat st;
  SwFeature *last = NULL;
  guint n_acked = 0;
  int fd;

  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 1);
  {
    g_autoptr (SwFeature) walk = g_list_model_get_item (sw_project_get_walks (project), 0);

    walk_uuid = g_strdup (sw_feature_get_uuid (walk));
  }

  fd = open (acks_path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (stat (path, &st), ==, 0);

  /* No file may grow past this: the write-ahead log soon reaches it. */
  signal (SIGXFSZ, SIG_IGN);
  limit.rlim_cur = limit.rlim_max = (rlim_t) st.st_size + 256 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr (SwFinding) finding = new_finding (walk_uuid, i);
      SwFeature *listed = sw_project_add (project, SW_FEATURE (finding), &error);
      g_autofree char *line = NULL;

      if (listed == NULL)
        break;
      line = g_strdup_printf ("%s %u\n", sw_feature_get_uuid (listed), i);
      g_assert_cmpint (write (fd, line, strlen (line)), ==, (gssize) strlen (line));
      n_acked++;
      last = listed;
    }
  close (fd);

  check (error != NULL, "5000 edits went through below a size limit of %lu bytes",
         (unsigned long) limit.rlim_cur);
  assert_project_error (error, SW_PROJECT_ERROR_WRITE, path);
  g_clear_error (&error);
  check (n_acked > 0, "the first edit already failed: the limit was too tight for the test");

  /* The failed edit left the lists as they were. */
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, n_acked);

  /* Removing still needs the log to grow: it fails too, and the finding stays. */
  if (!sw_project_remove (project, last, &error))
    {
      assert_project_error (error, SW_PROJECT_ERROR_WRITE, path);
      g_clear_error (&error);
      g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, n_acked);
    }
  else
    {
      /* If it fitted after all, put it back so the parent's count holds. */
      g_assert_true (sw_project_undo (project, &error) || error != NULL);
      g_clear_error (&error);
    }
  sw_project_close (project);
}

static void
test_full_disk (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *acks_path = NULL;
  g_autofree char *acks = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3) db = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  guint n_acked = 0;

  if (g_test_subprocess ())
    {
      full_disk_child (g_getenv ("SW_TEST_FULL_DISK_PROJECT"), g_getenv ("SW_TEST_FULL_DISK_ACKS"));
      return;
    }

  dir = make_tmp_dir ();
  path = g_build_filename (dir, "full disk.gpkg", NULL);
  acks_path = g_build_filename (dir, "acks.txt", NULL);
  create_closed_project (path);

  g_setenv ("SW_TEST_FULL_DISK_PROJECT", path, TRUE);
  g_setenv ("SW_TEST_FULL_DISK_ACKS", acks_path, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("SW_TEST_FULL_DISK_PROJECT");
  g_unsetenv ("SW_TEST_FULL_DISK_ACKS");
  g_test_trap_assert_passed ();

  /* The file is sound and holds every acknowledged edit, and nothing else. */
  g_assert_true (g_file_get_contents (acks_path, &acks, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&db, sqlite3_close);

  file = g_file_new_for_path (path);
  project = sw_project_open (file, &error);
  g_assert_no_error (error);
  lines = g_strsplit (acks, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) parts = NULL;
      SwFeature *finding;
      g_autofree char *prefix = NULL;

      if (*lines[i] == '\0')
        continue;
      parts = g_strsplit (lines[i], " ", 2);
      finding = sw_project_lookup (project, SW_KIND_FINDING, parts[0]);
      check (finding != NULL, "acknowledged finding %s (edit %s) is missing after the disk filled",
             parts[0], parts[1]);
      prefix = g_strdup_printf ("fynd %s ", parts[1]);
      check (g_str_has_prefix (sw_finding_get_note (SW_FINDING (finding)), prefix),
             "finding %s has the wrong note", parts[0]);
      n_acked++;
    }
  g_test_message ("%u edits were acknowledged before the disk filled", n_acked);
  g_assert_cmpuint (n_acked, >, 0);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, n_acked);
  sw_project_close (project);
  sw_test_remove_tree (dir);
}

/* ---------------------------------------------------------------------- */
/* Creating over a file, or where no file can be                           */

static void
test_create_exists (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *text_path = g_build_filename (dir, "anteckningar.gpkg", NULL);
  g_autofree char *project_path = g_build_filename (dir, "projekt.gpkg", NULL);
  g_autoptr (GFile) text_file = g_file_new_for_path (text_path);
  g_autoptr (GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr (FileState) text_state = NULL;
  g_autoptr (FileState) project_state = NULL;
  g_autoptr (GError) error = NULL;
  SwProject *project;

  g_assert_true (g_file_set_contents (text_path, "Viktiga anteckningar\n", -1, &error));
  g_assert_no_error (error);
  create_closed_project (project_path);
  text_state = file_state_new (text_path);
  project_state = file_state_new (project_path);

  project = sw_project_create (text_file, "Ny", "Haninge", &error);
  g_assert_null (project);
  assert_project_error (error, SW_PROJECT_ERROR_EXISTS, text_path);
  g_clear_error (&error);
  assert_unchanged (text_state, FALSE, "after creating over a text file");

  project = sw_project_create (project_file, "Ny", "Haninge", &error);
  g_assert_null (project);
  assert_project_error (error, SW_PROJECT_ERROR_EXISTS, project_path);
  g_clear_error (&error);
  assert_unchanged (project_state, FALSE, "after creating over a project");
  sw_test_remove_tree (dir);
}

static void
test_create_missing_folder (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "saknas", "projekt.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autofree char *base = g_path_get_basename (path);

  project = sw_project_create (file, "Ny", "Degerfors", &error);
  g_assert_null (project);
  check (error != NULL && error->domain == SW_PROJECT_ERROR, "creating in a missing folder: %s",
         error != NULL ? error->message : "no error");
  check (strstr (error->message, base) != NULL, "the message does not name %s: %s", base,
         error->message);
  names = list_dir (dir);
  check (names->len == 0, "creating in a missing folder left %s", (char *) names->pdata[0]);
  sw_test_remove_tree (dir);
}

/* ---------------------------------------------------------------------- */
/* Photos that cannot be stored                                            */

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         length)
{
  static guint32 table[256];

  if (table[1] == 0)
    for (guint32 n = 0; n < 256; n++)
      {
        guint32 c = n;

        for (int k = 0; k < 8; k++)
          c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
      }
  crc ^= 0xffffffffu;
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

static void
png_chunk (GByteArray   *png,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  guint32 be_length = GUINT32_TO_BE ((guint32) length);
  g_autoptr (GByteArray) typed = g_byte_array_new ();
  guint32 crc;

  g_byte_array_append (typed, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (typed, data, length);
  crc = GUINT32_TO_BE (crc32_update (0, typed->data, typed->len));
  g_byte_array_append (png, (const guint8 *) &be_length, 4);
  g_byte_array_append (png, typed->data, typed->len);
  g_byte_array_append (png, (const guint8 *) &crc, 4);
}

/* A real, black, one-bit PNG of @side × @side pixels: small on disk, huge
 * once decoded. */
static GBytes *
make_huge_png (guint32 side)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr (GByteArray) png = g_byte_array_new ();
  g_autoptr (GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9));
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) stream = g_converter_output_stream_new (memory, compressor);
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *row = g_malloc0 (1 + (side + 7) / 8);
  guint8 header[13];
  guint32 be_side = GUINT32_TO_BE (side);

  memcpy (header, &be_side, 4);
  memcpy (header + 4, &be_side, 4);
  header[8] = 1;  /* bit depth */
  header[9] = 0;  /* greyscale */
  header[10] = header[11] = header[12] = 0;

  for (guint32 y = 0; y < side; y++)
    {
      g_assert_true (g_output_stream_write_all (stream, row, 1 + (side + 7) / 8, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  g_assert_no_error (error);

  g_byte_array_append (png, signature, sizeof signature);
  png_chunk (png, "IHDR", header, sizeof header);
  png_chunk (png, "IDAT", g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
             g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
  png_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static SwProject *
new_project_with_finding (const char  *dir,
                          SwFinding  **finding)
{
  g_autofree char *path = g_build_filename (dir, "foton.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) input = new_finding (NULL, 1);
  SwProject *project = sw_project_create (file, "Foton", "Gävle", &error);

  g_assert_no_error (error);
  *finding = SW_FINDING (sw_project_add (project, SW_FEATURE (input), &error));
  g_assert_no_error (error);
  return project;
}

/* A photo with more pixels than allowed is refused before it is decoded:
 * memory stays low, and nothing is added. */
static void
test_photo_too_large (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GError) error = NULL;
  SwFinding *finding;
  struct rusage usage;
  glong rss_before, rss_after;
  gint64 start, elapsed;

  if (!g_test_subprocess ())
    {
      /* In a child, so its peak memory is its own. */
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  dir = make_tmp_dir ();
  project = new_project_with_finding (dir, &finding);
  /* 12000 × 12000 is 144 megapixels, 432 MB as RGB, 2 MB as a file. */
  png = make_huge_png (12000);
  g_test_message ("a %" G_GSIZE_FORMAT "-byte PNG of 12000x12000", g_bytes_get_size (png));

  getrusage (RUSAGE_SELF, &usage);
  rss_before = usage.ru_maxrss;
  start = g_get_monotonic_time ();
  g_assert_null (sw_project_add_photo (project, finding, png, 2048, &error));
  elapsed = g_get_monotonic_time () - start;
  getrusage (RUSAGE_SELF, &usage);
  rss_after = usage.ru_maxrss;

  g_assert_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_TOO_LARGE);
  g_test_message ("refused in %" G_GINT64_FORMAT " ms, peak memory grew by %ld MB: %s",
                  elapsed / 1000, (rss_after - rss_before) / 1024, error->message);
  check (rss_after - rss_before < 100 * 1024,
         "refusing a 144-megapixel PNG raised peak memory by %ld MB: it was decoded first",
         (rss_after - rss_before) / 1024);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 0);
  sw_project_close (project);
  sw_test_remove_tree (dir);
}

static void
test_photo_corrupt (void)
{
  static const guint8 truncated_jpeg[] = {
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xdb, 0x00, 0x43, 0x00, 0x08, 0x06,
  };
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GBytes) text = g_bytes_new_static ("inte en bild", 12);
  g_autoptr (GBytes) jpeg = g_bytes_new_static (truncated_jpeg, sizeof truncated_jpeg);
  g_autoptr (GError) error = NULL;
  g_autofree char *undo_label = NULL;
  SwFinding *finding;

  project = new_project_with_finding (dir, &finding);
  undo_label = g_strdup (sw_project_get_undo_label (project));

  g_assert_null (sw_project_add_photo (project, finding, text, 2048, &error));
  check (error != NULL && error->domain == SW_PHOTO_IMAGE_ERROR,
         "adding text as a photo: %s", error != NULL ? error->message : "no error");
  g_test_message ("text: %s", error->message);
  g_clear_error (&error);

  g_assert_null (sw_project_add_photo (project, finding, jpeg, 2048, &error));
  check (error != NULL && error->domain == SW_PHOTO_IMAGE_ERROR,
         "adding a truncated JPEG: %s", error != NULL ? error->message : "no error");
  g_test_message ("truncated JPEG: %s", error->message);
  g_clear_error (&error);

  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 0);
  g_assert_cmpstr (sw_project_get_undo_label (project), ==, undo_label);
  sw_project_close (project);
  sw_test_remove_tree (dir);
}

/* An edit of something no longer in the project changes nothing. */
static void
test_edit_removed (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwFeature) stale = NULL;
  g_autoptr (GError) error = NULL;
  SwFinding *finding;

  project = new_project_with_finding (dir, &finding);
  stale = sw_feature_copy (SW_FEATURE (finding));
  g_assert_true (sw_project_remove (project, SW_FEATURE (finding), &error));
  g_assert_no_error (error);

  sw_finding_set_note (SW_FINDING (stale), "ändrad efter borttagning");
  g_assert_false (sw_project_update (project, stale, &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sw_project_remove (project, stale, &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 0);
  sw_project_close (project);
  sw_test_remove_tree (dir);
}

/* Values that cannot be right are refused with a reason, and nothing is
 * stored or listed. */
static void
test_refused_values (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GError) error = NULL;
  SwFinding *finding;
  struct {
    const char *what;
    SwFeature *feature;
  } cases[8];
  guint n = 0;

  project = new_project_with_finding (dir, &finding);

#define MEASURE(...) ({ SwMeasure *m = sw_measure_new (); g_object_set (m, __VA_ARGS__, NULL); SW_FEATURE (m); })
#define FINDING(...) ({ SwFinding *f = sw_finding_new (); g_object_set (f, "longitude", 16.2, "latitude", 59.0, __VA_ARGS__, NULL); SW_FEATURE (f); })
  cases[n].what = "negative cost";
  cases[n++].feature = MEASURE ("measure-type", "lighting", "cost", -500.0);
  cases[n].what = "rejected without a reason";
  cases[n++].feature = MEASURE ("status", "rejected", "status-reason", "  ");
  cases[n].what = "followed up without an effect";
  cases[n++].feature = MEASURE ("status", "followed-up");
  cases[n].what = "unknown status";
  cases[n++].feature = MEASURE ("status", "maybe");
  cases[n].what = "positive with a severity";
  cases[n++].feature = FINDING ("category", "positive", "severity", 2);
  cases[n].what = "unknown category";
  cases[n++].feature = FINDING ("category", "lampa");
  cases[n].what = "unknown group in unsafe-for";
  cases[n++].feature = FINDING ("category", "lighting", "unsafe-for", "women,giraffes");
  /* The setter takes what an importer hands it; the project refuses it. */
  cases[n].what = "no position";
  cases[n].feature = FINDING ("category", "lighting");
  sw_finding_set_longitude (SW_FINDING (cases[n++].feature), NAN);
#undef MEASURE
#undef FINDING

  for (guint i = 0; i < n; i++)
    {
      guint before_measures = sw_project_count (project, SW_KIND_MEASURE);
      guint before_findings = sw_project_count (project, SW_KIND_FINDING);

      check (sw_project_add (project, cases[i].feature, &error) == NULL, "%s was stored", cases[i].what);
      check (g_error_matches (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED),
             "%s: expected REFUSED, got %s", cases[i].what, error != NULL ? error->message : "no error");
      g_test_message ("%s: %s", cases[i].what, error->message);
      g_clear_error (&error);
      g_assert_cmpuint (sw_project_count (project, SW_KIND_MEASURE), ==, before_measures);
      g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, before_findings);
      g_object_unref (cases[i].feature);
    }

  /* An edit that breaks a rule is refused too, and the listed finding
   * keeps its values. */
  g_assert_false (sw_project_edit (project, SW_FEATURE (finding), &error,
                                   "category", "positive", "severity", 3, NULL));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED);
  g_assert_cmpint (sw_finding_get_severity (finding), !=, 3);
  g_clear_error (&error);

  /* A rejected measure with its reason is fine. */
  {
    g_autoptr (SwMeasure) ok = sw_measure_new ();

    sw_measure_set_status (ok, "rejected");
    sw_measure_set_status_reason (ok, "Marken ägs av Trafikverket");
    g_assert_nonnull (sw_project_add (project, SW_FEATURE (ok), &error));
    g_assert_no_error (error);
  }

  sw_project_close (project);
  sw_test_remove_tree (dir);
}

/* Opened read-only, a project lists everything, refuses every edit with
 * READ_ONLY naming the file, and leaves the file exactly as it was. */
static void
test_open_read_only (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "foton.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (FileState) before = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) extra = new_finding (NULL, 2);
  SwFinding *finding;
  SwFeature *listed;

  project = new_project_with_finding (dir, &finding);
  sw_project_close (project);
  g_clear_object (&project);
  before = file_state_new (path);

  project = sw_project_open_with_flags (file, SW_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (sw_project_is_read_only (project));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 1);
  g_assert_cmpstr (sw_project_get_title (project), ==, "Foton");

  listed = g_list_model_get_item (sw_project_get_findings (project), 0);
  g_object_unref (listed);
  g_assert_false (sw_project_edit (project, listed, &error, "note", "ändrad", NULL));
  assert_project_error (error, SW_PROJECT_ERROR_READ_ONLY, path);
  g_clear_error (&error);
  g_assert_null (sw_project_add (project, SW_FEATURE (extra), &error));
  assert_project_error (error, SW_PROJECT_ERROR_READ_ONLY, path);
  g_clear_error (&error);
  g_assert_false (sw_project_remove (project, listed, &error));
  assert_project_error (error, SW_PROJECT_ERROR_READ_ONLY, path);
  g_clear_error (&error);
  g_assert_false (sw_project_set_setting (project, "title", "Annan", &error));
  assert_project_error (error, SW_PROJECT_ERROR_READ_ONLY, path);
  g_clear_error (&error);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 1);
  g_assert_false (sw_project_can_undo (project));

  sw_project_close (project);
  assert_unchanged (before, FALSE, "after a read-only open");
  sw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Messages with å, ä, ö print as such, not as question marks. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add_func ("/bad-input/not-geopackage", test_not_geopackage);
  g_test_add_func ("/bad-input/empty-file", test_empty_file);
  g_test_add_func ("/bad-input/plain-sqlite", test_plain_sqlite);
  g_test_add_func ("/bad-input/foreign-geopackage", test_foreign_geopackage);
  g_test_add_func ("/bad-input/newer-schema", test_newer_schema);
  g_test_add_func ("/bad-input/missing", test_missing);
  g_test_add_func ("/bad-input/directory", test_directory);
  g_test_add_func ("/bad-input/read-only-file", test_read_only_file);
  g_test_add_func ("/bad-input/open-read-only", test_open_read_only);
  g_test_add_func ("/bad-input/refused-values", test_refused_values);
  g_test_add_func ("/bad-input/read-only-folder", test_read_only_folder);
  g_test_add_func ("/bad-input/full-disk", test_full_disk);
  g_test_add_func ("/bad-input/create-exists", test_create_exists);
  g_test_add_func ("/bad-input/create-missing-folder", test_create_missing_folder);
  g_test_add_func ("/bad-input/photo-too-large", test_photo_too_large);
  g_test_add_func ("/bad-input/photo-corrupt", test_photo_corrupt);
  g_test_add_func ("/bad-input/edit-removed", test_edit_removed);

  return g_test_run ();
}
