/* Tests that every edit a project acknowledged survives its process being killed at any moment. */
#define G_LOG_DOMAIN "test-durability"

#include "config.h"

#include <locale.h>
#include <errno.h>
#include <gdal.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* ---------------------------------------------------------------------- */
/* The writer: a separate process that edits until it is killed            */

/* Reports go to stdout, one line each, after the edit returned:
 *   ready
 *   committed <finding uuid> <note>
 *   editing <finding uuid> <new note>     (before the edit)
 *   edited <finding uuid> <new note>
 *   removing <finding uuid>               (before the removal)
 *   removed <finding uuid>
 *   photo <photo uuid> <finding uuid>
 * A line is one write() under PIPE_BUF, so a kill never cuts one in half. */
static void
report (const char *format,
        ...) G_GNUC_PRINTF (1, 2);

static void
report (const char *format,
        ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  if (write (STDOUT_FILENO, line, strlen (line)) != (gssize) strlen (line))
    _exit (3);
}

static GBytes *
make_png (void)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 480, 360);
  g_autofree char *buffer = NULL;
  gsize size;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

/* A finding the writer may edit or remove: one without photos, so that a
 * removal never takes a reported photo with it. */
static SwFeature *
pick_finding (SwProject *project,
              GRand     *rand)
{
  GListModel *findings = sw_project_get_findings (project);
  guint n = g_list_model_get_n_items (findings);

  for (guint attempt = 0; n > 0 && attempt < 10; attempt++)
    {
      g_autoptr (SwFeature) finding = g_list_model_get_item (findings, g_rand_int_range (rand, 0, n));
      g_autoptr (GPtrArray) photos = sw_project_list_finding_photos (project, SW_FINDING (finding));

      if (photos->len == 0)
        return finding;
    }
  return NULL;
}

static int
writer_main (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GBytes) png = make_png ();
  g_autoptr (GRand) rand = g_rand_new ();
  g_autofree char *walk_uuid = NULL;
  SwFeature *last_added = NULL;

  project = sw_project_open (file, &error);
  if (project == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 2;
    }
  {
    g_autoptr (SwFeature) walk = g_list_model_get_item (sw_project_get_walks (project), 0);

    walk_uuid = g_strdup (sw_feature_get_uuid (walk));
  }
  report ("ready\n");

  for (guint n = 0;; n++)
    {
      guint action = n % 12;
      SwFeature *target;

      if (action < 8 || sw_project_count (project, SW_KIND_FINDING) < 5)
        {
          g_autoptr (SwFinding) finding = sw_finding_new ();
          g_autofree char *note = g_strdup_printf ("w%d-%u", (int) getpid (), n);
          SwFeature *listed;

          sw_finding_set_walk_uuid (finding, walk_uuid);
          sw_finding_set_category (finding, "lighting");
          sw_finding_set_severity (finding, 1 + n % 3);
          sw_finding_set_light (finding, "dark");
          sw_finding_set_note (finding, note);
          sw_finding_set_longitude (finding, 16.2 + g_rand_double_range (rand, 0, 0.02));
          sw_finding_set_latitude (finding, 58.99 + g_rand_double_range (rand, 0, 0.01));
          listed = sw_project_add (project, SW_FEATURE (finding), &error);
          if (listed == NULL)
            break;
          report ("committed %s %s\n", sw_feature_get_uuid (listed), note);
          last_added = listed;
        }
      else if (action == 8 || action == 9)
        {
          g_autofree char *note = NULL;

          if ((target = pick_finding (project, rand)) == NULL)
            continue;
          note = g_strdup_printf ("%s+e%u", sw_finding_get_note (SW_FINDING (target)), n);
          report ("editing %s %s\n", sw_feature_get_uuid (target), note);
          if (!sw_project_edit (project, target, &error, "note", note, NULL))
            break;
          report ("edited %s %s\n", sw_feature_get_uuid (target), note);
        }
      else if (action == 10)
        {
          g_autofree char *uuid = NULL;

          if ((target = pick_finding (project, rand)) == NULL || target == last_added)
            continue;
          uuid = g_strdup (sw_feature_get_uuid (target));
          report ("removing %s\n", uuid);
          if (!sw_project_remove (project, target, &error))
            break;
          report ("removed %s\n", uuid);
        }
      else if (last_added != NULL)
        {
          SwPhoto *photo = sw_project_add_photo (project, SW_FINDING (last_added), png, 2048, &error);

          if (photo == NULL)
            break;
          report ("photo %s %s\n", sw_feature_get_uuid (SW_FEATURE (photo)),
                  sw_feature_get_uuid (last_added));
        }
    }

  g_printerr ("writer: an edit failed: %s\n", error->message);
  return 1;
}

/* ---------------------------------------------------------------------- */
/* The parent: what it was told, and what it finds                         */

typedef struct
{
  char *note;          /* last confirmed note, NULL when not known */
  char *pending_note;  /* an edit that may or may not have been made */
  gboolean pending_removal;
} FindingState;

static void
finding_state_free (gpointer data)
{
  FindingState *state = data;

  g_free (state->note);
  g_free (state->pending_note);
  g_free (state);
}

typedef struct
{
  GHashTable *findings;  /* uuid -> FindingState */
  GHashTable *removed;   /* uuids confirmed removed */
  GHashTable *photos;    /* photo uuid -> finding uuid */
  guint n_commits;
} Expected;

static FindingState *
expected_finding (Expected   *expected,
                  const char *uuid)
{
  FindingState *state = g_hash_table_lookup (expected->findings, uuid);

  if (state == NULL)
    {
      /* Added by a writer that was killed before it could say so. */
      state = g_new0 (FindingState, 1);
      g_hash_table_insert (expected->findings, g_strdup (uuid), state);
    }
  return state;
}

static void
apply_report (Expected   *expected,
              const char *line)
{
  g_auto (GStrv) parts = g_strsplit (line, " ", 3);
  guint n = g_strv_length (parts);
  FindingState *state;

  if (n == 3 && g_str_equal (parts[0], "committed"))
    {
      state = expected_finding (expected, parts[1]);
      g_free (state->note);
      state->note = g_strdup (parts[2]);
      expected->n_commits++;
    }
  else if (n == 3 && g_str_equal (parts[0], "editing"))
    {
      state = expected_finding (expected, parts[1]);
      g_free (state->pending_note);
      state->pending_note = g_strdup (parts[2]);
    }
  else if (n == 3 && g_str_equal (parts[0], "edited"))
    {
      state = expected_finding (expected, parts[1]);
      g_free (state->note);
      state->note = g_strdup (parts[2]);
      g_clear_pointer (&state->pending_note, g_free);
      expected->n_commits++;
    }
  else if (n == 2 && g_str_equal (parts[0], "removing"))
    {
      expected_finding (expected, parts[1])->pending_removal = TRUE;
    }
  else if (n == 2 && g_str_equal (parts[0], "removed"))
    {
      g_hash_table_remove (expected->findings, parts[1]);
      g_hash_table_add (expected->removed, g_strdup (parts[1]));
      expected->n_commits++;
    }
  else if (n == 3 && g_str_equal (parts[0], "photo"))
    {
      g_hash_table_insert (expected->photos, g_strdup (parts[1]), g_strdup (parts[2]));
      expected->n_commits++;
    }
  else if (!g_str_equal (line, "ready"))
    g_error ("the writer reported something unknown: “%s”", line);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  check (rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  check (rc == SQLITE_ROW, "%s: no row (%s)", sql, sqlite3_errmsg (db));
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* SQLite's own check, and the R-trees GDAL keeps for each geometry column. */
static void
assert_file_sound (const char *path,
                   guint       kill_number)
{
  g_autoptr (sqlite3) db = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *integrity = NULL;
  guint n_rtrees = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  integrity = query_text (db, "PRAGMA integrity_check");
  check (g_strcmp0 (integrity, "ok") == 0, "after kill %u, integrity_check says: %s", kill_number,
         integrity);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                           " AND name LIKE 'rtree\\_%' ESCAPE '\\'"
                                           " AND sql LIKE 'CREATE VIRTUAL TABLE%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT rtreecheck('%s')", sqlite3_column_text (stmt, 0));
      g_autofree char *result = query_text (db, sql);

      check (g_strcmp0 (result, "ok") == 0, "after kill %u, %s: %s", kill_number,
             sqlite3_column_text (stmt, 0), result);
      n_rtrees++;
    }
  check (n_rtrees >= 4, "the project has %u spatial indexes, expected one per geometry layer",
         n_rtrees);
}

/* The project opens and holds everything it acknowledged; what was under
 * way when the writer died is either done or not, and becomes known. */
static void
assert_project_holds (const char *path,
                      Expected   *expected,
                      guint       kill_number)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_open (file, &error);
  g_autoptr (GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  check (project != NULL, "after kill %u the project does not open: %s", kill_number,
         error != NULL ? error->message : "no error");

  g_hash_table_iter_init (&iter, expected->findings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      FindingState *state = value;
      SwFeature *finding = sw_project_lookup (project, SW_KIND_FINDING, key);
      const char *note;

      if (finding == NULL)
        {
          check (state->pending_removal || state->note == NULL,
                 "after kill %u, finding %s (note %s), reported committed, is missing",
                 kill_number, (char *) key, state->note);
          g_ptr_array_add (gone, g_strdup (key));
          continue;
        }
      state->pending_removal = FALSE;

      note = sw_finding_get_note (SW_FINDING (finding));
      check (state->note == NULL || g_strcmp0 (note, state->note) == 0 ||
             g_strcmp0 (note, state->pending_note) == 0,
             "after kill %u, finding %s has note %s, expected %s%s%s", kill_number, (char *) key,
             note, state->note, state->pending_note ? " or " : "",
             state->pending_note ? state->pending_note : "");
      g_free (state->note);
      state->note = g_strdup (note);
      g_clear_pointer (&state->pending_note, g_free);
    }
  for (guint i = 0; i < gone->len; i++)
    {
      g_hash_table_remove (expected->findings, gone->pdata[i]);
      g_hash_table_add (expected->removed, g_strdup (gone->pdata[i]));
    }

  g_hash_table_iter_init (&iter, expected->removed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    check (sw_project_lookup (project, SW_KIND_FINDING, key) == NULL,
           "after kill %u, finding %s, reported removed, is back", kill_number, (char *) key);

  g_hash_table_iter_init (&iter, expected->photos);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SwFeature *photo = sw_project_lookup (project, SW_KIND_PHOTO, key);

      check (photo != NULL, "after kill %u, photo %s, reported committed, is missing", kill_number,
             (char *) key);
      check (g_strcmp0 (sw_photo_get_finding_uuid (SW_PHOTO (photo)), value) == 0,
             "after kill %u, photo %s belongs to %s, not %s", kill_number, (char *) key,
             sw_photo_get_finding_uuid (SW_PHOTO (photo)), (char *) value);
    }

  sw_project_close (project);
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  GString *buffer;
  gboolean ready;
  guint n_lines;
} WriterOutput;

/* Reads what is there; returns FALSE at end of file. */
static gboolean
read_reports (int           fd,
              WriterOutput *output,
              Expected     *expected)
{
  char chunk[4096];
  gssize n;
  char *newline;

  n = read (fd, chunk, sizeof chunk);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return TRUE;
  g_assert_cmpint (n, >=, 0);
  if (n == 0)
    return FALSE;
  g_string_append_len (output->buffer, chunk, n);
  while ((newline = strchr (output->buffer->str, '\n')) != NULL)
    {
      g_autofree char *line = g_strndup (output->buffer->str, newline - output->buffer->str);

      g_string_erase (output->buffer, 0, newline - output->buffer->str + 1);
      if (g_str_equal (line, "ready"))
        output->ready = TRUE;
      apply_report (expected, line);
      output->n_lines++;
    }
  return TRUE;
}

static void
test_kill_writer (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sw-test-durability-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", &error);
  g_autoptr (GFile) file = NULL;
  Expected expected = { 0 };
  guint n_kills, n_during_open = 0, n_reports = 0;
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  path = g_build_filename (dir, "vandring.gpkg", NULL);
  file = g_file_new_for_path (path);
  {
    g_autoptr (SwProject) project = sw_project_create (file, "Hållbarhet", "Karlskoga", &error);
    g_autoptr (SwWalk) walk = sw_walk_new ();

    g_assert_no_error (error);
    sw_walk_set_title (walk, "Nattvandring");
    g_assert_nonnull (sw_project_add (project, SW_FEATURE (walk), &error));
    g_assert_no_error (error);
    sw_project_close (project);
  }

  expected.findings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finding_state_free);
  expected.removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  expected.photos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  n_kills = g_test_rand_int_range (20, 31);
  for (guint k = 1; k <= n_kills; k++)
    {
      const char *argv[] = { self_path, "--writer", path, NULL };
      WriterOutput output = { g_string_new (NULL), FALSE, 0 };
      /* Every fifth kill counts from the start, so some land while opening. */
      gboolean from_start = k % 5 == 0;
      gint64 delay = g_test_rand_int_range (5, 81) * 1000;
      gint64 deadline = from_start ? g_get_monotonic_time () + delay : G_MAXINT64;
      gint64 spawn_deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
      GPid pid;
      int out_fd, status;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      for (;;)
        {
          struct pollfd pfd = { out_fd, POLLIN, 0 };
          gint64 now = g_get_monotonic_time ();
          gint64 until = MIN (deadline, spawn_deadline);
          int timeout_ms = until == G_MAXINT64 ? 1000 : (int) MAX (0, (until - now + 999) / 1000);
          gboolean was_ready = output.ready;

          if (now >= deadline)
            break;
          check (now < spawn_deadline, "the writer did not get ready in 20 s");
          if (poll (&pfd, 1, timeout_ms) > 0)
            check (read_reports (out_fd, &output, &expected),
                   "the writer stopped on its own before kill %u (see its message above)", k);
          if (!was_ready && output.ready && !from_start)
            deadline = g_get_monotonic_time () + delay;
        }

      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      while (read_reports (out_fd, &output, &expected))
        ;
      close (out_fd);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      check (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL,
             "the writer ended by itself before kill %u (status %d)", k, status);
      check (output.buffer->len == 0, "a report was cut in half: “%s”", output.buffer->str);
      if (!output.ready)
        n_during_open++;
      n_reports += output.n_lines;
      g_string_free (output.buffer, TRUE);

      assert_file_sound (path, k);
      assert_project_holds (path, &expected, k);
    }

  g_test_message ("%u kills (%u while opening), %u reports, %u acknowledged edits, "
                  "%u findings and %u photos checked, %" G_GINT64_FORMAT " ms",
                  n_kills, n_during_open, n_reports, expected.n_commits,
                  g_hash_table_size (expected.findings), g_hash_table_size (expected.photos),
                  (g_get_monotonic_time () - start) / 1000);
  check (expected.n_commits >= n_kills, "only %u edits were acknowledged in %u runs: the kills "
         "came too early to test anything", expected.n_commits, n_kills);

  g_hash_table_unref (expected.findings);
  g_hash_table_unref (expected.removed);
  g_hash_table_unref (expected.photos);
  sw_test_remove_tree (dir);
}

/* ---------------------------------------------------------------------- */
/* Another program reading the open project                                */

static guint
count_with_sqlite3 (const char *path)
{
  g_autofree char *sqlite3_program = g_find_program_in_path ("sqlite3");
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { sqlite3_program, path, "SELECT count(*) FROM findings;", NULL };
  int status = -1;

  check (sqlite3_program != NULL, "the sqlite3 program is not installed (build-aux/dev installs it)");
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return (guint) g_ascii_strtoull (out, NULL, 10);
}

static void
add_finding (SwProject *project,
             double     longitude)
{
  g_autoptr (SwFinding) finding = sw_finding_new ();
  g_autoptr (GError) error = NULL;

  g_object_set (finding, "category", "lighting", "severity", 2,
                "longitude", longitude, "latitude", 58.9966, NULL);
  g_assert_nonnull (sw_project_add (project, SW_FEATURE (finding), &error));
  g_assert_no_error (error);
}

/* While the app has a project open, a file chooser or file manager in its
 * own process asks for the types of the files in the folder, and another
 * program (QGIS, sqlite3) reads the project and closes it. Reading a file to
 * learn its type would drop the app's SQLite locks (POSIX locks belong to
 * the process and go with any close of the file), and the other program,
 * believing itself the last one, would remove the write-ahead log the app
 * still writes to: later edits would be invisible to others and lost in a
 * crash. The project and SQLite's files beside it are typed by name. */
static void
test_foreign_reader (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("safetywalk-foreign-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "Kvällsvandring.gpkg", NULL);
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SwProject) project = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_assert_no_error (error);
  project = sw_project_create (file, "Kvällsvandring", "Katrineholm", &error);
  g_assert_no_error (error);
  add_finding (project, 16.2080);
  g_assert_true (g_file_test (wal_path, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_autoptr (GFile) each = g_file_new_for_path (name);
      g_autoptr (GFileInfo) info = g_file_query_info (each, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                                      G_FILE_QUERY_INFO_NONE, NULL, &error);

      g_assert_no_error (error);
      g_test_message ("%s: %s", name, g_file_info_get_content_type (info));
      if (i == 0)
        g_assert_cmpstr (g_file_info_get_content_type (info), ==, "application/geopackage+sqlite3");
    }

  g_assert_cmpuint (count_with_sqlite3 (path), ==, 1);
  check (g_file_test (wal_path, G_FILE_TEST_EXISTS),
         "another program's read removed the write-ahead log of the open project");

  add_finding (project, 16.2090);
  g_assert_cmpuint (count_with_sqlite3 (path), ==, 2);

  sw_project_close (project);
  g_assert_cmpuint (count_with_sqlite3 (path), ==, 2);
  sw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return writer_main (argv[2]);

  /* Messages with å, ä, ö print as such, not as question marks. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add_func ("/durability/kill-writer", test_kill_writer);
  g_test_add_func ("/durability/foreign-reader", test_foreign_reader);

  return g_test_run ();
}
