/* Volunteer copies merge back by uuid: additions on both sides, an edit on
 * one side, conflicts when both sides changed or one deleted, several
 * volunteers, merging twice, undo, and a merge that fails leaving the
 * project as it was. The merged file is never written. */
#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <string.h>
#include <gdal.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <sqlite3.h>

#include "sw-merge.h"
#include "sw-project.h"

typedef struct
{
  char *dir;
  SwProject *master;
  SwWalk *walk;
  SwRoute *route;
  SwStop *stop;
} Fixture;

static SwFeature *
add (SwProject *project,
     gpointer   feature)
{
  g_autoptr (GError) error = NULL;
  SwFeature *listed = sw_project_add (project, SW_FEATURE (feature), &error);

  g_assert_no_error (error);
  g_object_unref (feature);
  return listed;
}

static void
edit (SwProject  *project,
      gpointer    feature,
      const char *property,
      const char *value)
{
  g_autoptr (GError) error = NULL;

  /* Timestamps are milliseconds: keep edits apart from the copy's time. */
  g_usleep (3000);
  g_assert_true (sw_project_edit (project, SW_FEATURE (feature), &error, property, value, NULL));
  g_assert_no_error (error);
}

static SwFinding *
new_finding (const char *walk_uuid,
             const char *note,
             double      offset)
{
  SwFinding *finding = sw_finding_new ();

  sw_finding_set_walk_uuid (finding, walk_uuid);
  sw_finding_set_category (finding, "lighting");
  sw_finding_set_severity (finding, 2);
  sw_finding_set_note (finding, note);
  sw_finding_set_longitude (finding, 14.55 + offset);
  sw_finding_set_latitude (finding, 59.33);
  return finding;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  SwWalk *walk = sw_walk_new ();
  SwRoute *route = sw_route_new ();
  SwStop *stop = sw_stop_new ();

  fixture->dir = g_dir_make_tmp ("sw-test-merge-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "karlskoga.gpkg", NULL);
  file = g_file_new_for_path (path);
  fixture->master = sw_project_create (file, "Trygghetsvandring Karlskoga", "Karlskoga", &error);
  g_assert_no_error (error);

  sw_walk_set_title (walk, "Centrum i mörker");
  fixture->walk = SW_WALK (add (fixture->master, walk));
  sw_route_set_walk_uuid (route, sw_feature_get_uuid (SW_FEATURE (fixture->walk)));
  sw_route_set_name (route, "Rutt 1");
  sw_route_set_points (route, g_variant_new_parsed ("[(14.55, 59.33), (14.56, 59.331)]"));
  fixture->route = SW_ROUTE (add (fixture->master, route));
  sw_stop_set_walk_uuid (stop, sw_feature_get_uuid (SW_FEATURE (fixture->walk)));
  sw_stop_set_route_uuid (stop, sw_feature_get_uuid (SW_FEATURE (fixture->route)));
  sw_stop_set_number (stop, 1);
  sw_stop_set_name (stop, "Torget");
  sw_stop_set_longitude (stop, 14.555);
  sw_stop_set_latitude (stop, 59.3305);
  fixture->stop = SW_STOP (add (fixture->master, stop));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  sw_project_close (fixture->master);
  g_clear_object (&fixture->master);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Writes a volunteer copy and opens it as the volunteer would. */
static SwProject *
volunteer_copy (Fixture    *fixture,
                const char *name,
                GFile     **file_out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  GFile *file = g_file_new_for_path (path);
  SwProject *copy;

  g_assert_true (sw_project_write_volunteer_copy (fixture->master, fixture->walk, file, &error));
  g_assert_no_error (error);
  copy = sw_project_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (copy, SW_KIND_WALK), ==, 1);
  g_assert_cmpuint (sw_project_count (copy, SW_KIND_ROUTE), ==, 1);
  g_assert_cmpuint (sw_project_count (copy, SW_KIND_STOP), ==, 1);
  g_assert_cmpuint (sw_project_count (copy, SW_KIND_FINDING), ==, 0);
  g_assert_cmpstr (sw_project_get_municipality (copy), ==, "Karlskoga");
  *file_out = file;
  return copy;
}

static SwMergeReport *
merge (Fixture           *fixture,
       GFile             *file,
       SwMergePreference  preference)
{
  g_autoptr (GError) error = NULL;
  SwMergeReport *report = sw_project_merge (fixture->master, file, preference, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static char *
file_checksum (GFile *file)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = g_file_get_path (file);
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Findings added on both sides both end up in the project; an edit made on
 * one side only is applied; the volunteer's file is only read. */
static void
test_add_and_edit (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) copy = volunteer_copy (fixture, "volontär.gpkg", &file);
  g_autoptr (SwMergeReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));
  SwFeature *theirs, *ours, *copy_stop, *copy_route;

  theirs = add (copy, new_finding (walk_uuid, "Trasig lampa vid tunneln", 0.001));
  ours = add (fixture->master, new_finding (walk_uuid, "Klotter på muren", 0.002));
  copy_stop = sw_project_lookup (copy, SW_KIND_STOP, sw_feature_get_uuid (SW_FEATURE (fixture->stop)));
  edit (copy, copy_stop, "name", "Stora torget");
  /* Changed here only: stays as the master has it. */
  edit (fixture->master, fixture->route, "name", "Rutt norr");
  copy_route = sw_project_lookup (copy, SW_KIND_ROUTE, sw_feature_get_uuid (SW_FEATURE (fixture->route)));
  g_assert_cmpstr (sw_route_get_name (SW_ROUTE (copy_route)), ==, "Rutt 1");
  sw_project_close (copy);

  before = file_checksum (file);
  report = merge (fixture, file, SW_MERGE_PREFER_TARGET);
  after = file_checksum (file);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpuint (report->added, ==, 1);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->removed, ==, 0);
  g_assert_cmpuint (report->conflicts->len, ==, 0);
  g_assert_nonnull (sw_project_lookup (fixture->master, SW_KIND_FINDING, sw_feature_get_uuid (theirs)));
  g_assert_nonnull (sw_project_lookup (fixture->master, SW_KIND_FINDING, sw_feature_get_uuid (ours)));
  g_assert_cmpstr (sw_stop_get_name (fixture->stop), ==, "Stora torget");
  g_assert_cmpstr (sw_route_get_name (fixture->route), ==, "Rutt norr");

  /* One undo takes the merge back. */
  g_assert_true (sw_project_undo (fixture->master, NULL));
  g_assert_null (sw_project_lookup (fixture->master, SW_KIND_FINDING, sw_feature_get_uuid (theirs)));
  g_assert_cmpstr (sw_stop_get_name (fixture->stop), ==, "Torget");
  g_assert_true (sw_project_redo (fixture->master, NULL));
  g_assert_cmpstr (sw_stop_get_name (fixture->stop), ==, "Stora torget");
}

/* Both sides edited the walk's title: a conflict, which keeps the master's
 * value unless the source is preferred; both values are in the report. */
static void
test_edit_edit (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) copy = volunteer_copy (fixture, "volontär.gpkg", &file);
  g_autoptr (SwMergeReport) kept = NULL;
  g_autoptr (SwMergeReport) taken = NULL;
  SwMergeConflict *conflict;

  edit (copy, sw_project_lookup (copy, SW_KIND_WALK, sw_feature_get_uuid (SW_FEATURE (fixture->walk))),
        "title", "Centrum, volontärens titel");
  edit (fixture->master, fixture->walk, "title", "Centrum, samordnarens titel");
  sw_project_close (copy);

  kept = merge (fixture, file, SW_MERGE_PREFER_TARGET);
  g_assert_cmpuint (kept->conflicts->len, ==, 1);
  conflict = kept->conflicts->pdata[0];
  g_assert_cmpint (conflict->kind, ==, SW_KIND_WALK);
  g_assert_cmpstr (sw_walk_get_title (SW_WALK (conflict->target)), ==, "Centrum, samordnarens titel");
  g_assert_cmpstr (sw_walk_get_title (SW_WALK (conflict->source)), ==, "Centrum, volontärens titel");
  g_assert_cmpstr (sw_walk_get_title (fixture->walk), ==, "Centrum, samordnarens titel");

  taken = merge (fixture, file, SW_MERGE_PREFER_SOURCE);
  g_assert_cmpuint (taken->conflicts->len, ==, 1);
  g_assert_cmpstr (sw_walk_get_title (fixture->walk), ==, "Centrum, volontärens titel");
}

/* The volunteer deleted the stop the master edited: a conflict, the stop
 * stays. The volunteer deleted the route nobody else touched: it goes. */
static void
test_delete_edit (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) copy = volunteer_copy (fixture, "volontär.gpkg", &file);
  g_autoptr (SwMergeReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *route_uuid = NULL;
  SwMergeConflict *conflict;
  SwStop *extra;

  /* A stop the master adds after the copy is the master's own: the copy
   * never had it, so its absence there is no deletion. */
  extra = sw_stop_new ();
  sw_stop_set_walk_uuid (extra, sw_feature_get_uuid (SW_FEATURE (fixture->walk)));
  sw_stop_set_number (extra, 2);
  sw_stop_set_longitude (extra, 14.556);
  sw_stop_set_latitude (extra, 59.331);
  extra = SW_STOP (add (fixture->master, extra));

  g_usleep (3000);
  g_assert_true (sw_project_remove (copy, sw_project_lookup (copy, SW_KIND_STOP,
                                                             sw_feature_get_uuid (SW_FEATURE (fixture->stop))),
                                    &error));
  g_assert_no_error (error);
  g_assert_true (sw_project_remove (copy, sw_project_lookup (copy, SW_KIND_ROUTE,
                                                             sw_feature_get_uuid (SW_FEATURE (fixture->route))),
                                    &error));
  g_assert_no_error (error);
  edit (fixture->master, fixture->stop, "name", "Torget vid kyrkan");
  sw_project_close (copy);

  /* The listed route goes with the merge: keep its uuid. */
  route_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (fixture->route)));
  report = merge (fixture, file, SW_MERGE_PREFER_TARGET);
  g_assert_cmpuint (report->conflicts->len, ==, 1);
  conflict = report->conflicts->pdata[0];
  g_assert_cmpint (conflict->kind, ==, SW_KIND_STOP);
  g_assert_null (conflict->source);
  g_assert_cmpstr (sw_stop_get_name (SW_STOP (conflict->target)), ==, "Torget vid kyrkan");
  g_assert_cmpuint (report->removed, ==, 1);
  g_assert_nonnull (sw_project_lookup (fixture->master, SW_KIND_STOP, sw_feature_get_uuid (SW_FEATURE (fixture->stop))));
  g_assert_null (sw_project_lookup (fixture->master, SW_KIND_ROUTE, route_uuid));
  g_assert_nonnull (sw_project_lookup (fixture->master, SW_KIND_STOP, sw_feature_get_uuid (SW_FEATURE (extra))));
}

/* Three volunteers, each with findings and a photo, into one master; then
 * the same files again, which changes nothing. */
static void
test_three_volunteers_twice (Fixture       *fixture,
                             gconstpointer  user_data)
{
  const char *names[] = { "anna.gpkg", "bo.gpkg", "cecilia.gpkg" };
  GFile *files[3];
  const char *walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));
  g_autofree char *undo_label = NULL;

  for (guint v = 0; v < 3; v++)
    {
      g_autoptr (SwProject) copy = volunteer_copy (fixture, names[v], &files[v]);
      g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
      g_autofree char *buffer = NULL;
      g_autoptr (GBytes) png = NULL;
      g_autoptr (GError) error = NULL;
      SwFeature *finding;
      gsize size;

      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *note = g_strdup_printf ("%s, fynd %u", names[v], i + 1);

          finding = add (copy, new_finding (walk_uuid, note, 0.001 * (v * 2 + i)));
        }
      gdk_pixbuf_fill (pixbuf, 0x20406000u + v * 0x100000u + 0xff);
      g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
      png = g_bytes_new (buffer, size);
      g_assert_nonnull (sw_project_add_photo (copy, SW_FINDING (finding), png, 2048, &error));
      g_assert_no_error (error);
      sw_project_close (copy);
    }

  for (guint v = 0; v < 3; v++)
    {
      g_autoptr (SwMergeReport) report = merge (fixture, files[v], SW_MERGE_PREFER_TARGET);

      g_assert_cmpuint (report->added, ==, 3);
      g_assert_cmpuint (report->conflicts->len, ==, 0);
    }
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, 6);
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_PHOTO), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (SwPhoto) photo = g_list_model_get_item (sw_project_get_photos (fixture->master), i);
      g_autoptr (GBytes) data = sw_project_load_photo_data (fixture->master, photo, NULL);
      SwFeature *finding = sw_project_lookup (fixture->master, SW_KIND_FINDING,
                                              sw_photo_get_finding_uuid (photo));

      g_assert_nonnull (finding);
      g_assert_nonnull (data);
      g_assert_cmpuint (((const guint8 *) g_bytes_get_data (data, NULL))[0], ==, 0xFF);
    }

  undo_label = g_strdup (sw_project_get_undo_label (fixture->master));
  for (guint v = 0; v < 3; v++)
    {
      g_autoptr (SwMergeReport) again = merge (fixture, files[v], SW_MERGE_PREFER_TARGET);

      g_assert_cmpuint (again->added + again->updated + again->removed, ==, 0);
      g_assert_cmpuint (again->conflicts->len, ==, 0);
    }
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, 6);
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_PHOTO), ==, 3);
  /* Nothing to merge is no edit at all. */
  g_assert_cmpstr (sw_project_get_undo_label (fixture->master), ==, undo_label);

  for (guint v = 0; v < 3; v++)
    g_object_unref (files[v]);
}

/* A merge that cannot be stored fails as a whole: the master is as it was.
 * Here the volunteer's file holds a value the project refuses, after two
 * findings that would have been fine. */
static void
test_failed_merge_changes_nothing (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) copy = volunteer_copy (fixture, "volontär.gpkg", &file);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwMergeReport) report = NULL;
  g_autofree char *path = g_file_get_path (file);
  const char *walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));
  sqlite3 *db = NULL;
  guint findings_before;

  add (copy, new_finding (walk_uuid, "Bra fynd", 0.001));
  add (copy, new_finding (walk_uuid, "Ett fynd till", 0.002));
  sw_project_close (copy);

  /* A file edited by hand: a light condition no list has, on the walk, as
   * a change made after the copy. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE walks SET light = 'skymning', "
                                     "modified = '2099-01-01T00:00:00.000Z'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  findings_before = sw_project_count (fixture->master, SW_KIND_FINDING);
  report = sw_project_merge (fixture->master, file, SW_MERGE_PREFER_TARGET, &error);
  g_assert_null (report);
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "volontär.gpkg"));
  g_test_message ("%s", error->message);
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, findings_before);
}

/* Files that are not projects, or the project itself, are refused by name. */
static void
test_bad_sources (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *text_path = g_build_filename (fixture->dir, "anteckningar.gpkg", NULL);
  g_autoptr (GFile) text = g_file_new_for_path (text_path);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (text_path, "inte ett projekt", -1, NULL));
  g_assert_null (sw_project_merge (fixture->master, text, SW_MERGE_PREFER_TARGET, &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_GEOPACKAGE);
  g_assert_nonnull (strstr (error->message, "anteckningar.gpkg"));
  g_assert_nonnull (strstr (error->message, "not a project file"));
  g_clear_error (&error);

  g_assert_null (sw_project_merge (fixture->master, sw_project_get_file (fixture->master),
                                   SW_MERGE_PREFER_TARGET, &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID);
}

/* Three volunteers, merged together as one transaction and one undo step.
 * Two of them renamed the same stop: the second meets the first's edit, a
 * conflict between volunteers, settled for the first unless chosen. */
static void
test_several_files_one_step (Fixture       *fixture,
                             gconstpointer  user_data)
{
  const char *names[] = { "anna.gpkg", "bo.gpkg", "cecilia.gpkg" };
  const char *stop_names[] = { "Annas torg", "Bos torg", NULL };
  const char *walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));
  const char *stop_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->stop));
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  SwProject *copies[3];
  g_autoptr (SwMergeReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *undo_before = NULL;
  SwMergeConflict *conflict;
  SwMergeOptions options;

  /* Everyone gets a copy before the walk, then works on their own. */
  for (guint v = 0; v < 3; v++)
    {
      GFile *file = NULL;

      copies[v] = volunteer_copy (fixture, names[v], &file);
      g_ptr_array_add (files, file);
    }
  for (guint v = 0; v < 3; v++)
    {
      g_autofree char *note = g_strdup_printf ("%s, eget fynd", names[v]);

      add (copies[v], new_finding (walk_uuid, note, 0.001 * (v + 1)));
      if (stop_names[v] != NULL)
        edit (copies[v], sw_project_lookup (copies[v], SW_KIND_STOP, stop_uuid), "name", stop_names[v]);
      sw_project_close (copies[v]);
      g_object_unref (copies[v]);
    }

  undo_before = g_strdup (sw_project_get_undo_label (fixture->master));
  sw_merge_options_init (&options);
  report = sw_project_merge_files (fixture->master, files, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 3);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->conflicts->len, ==, 1);
  conflict = report->conflicts->pdata[0];
  g_assert_cmpuint (conflict->source_index, ==, 1);
  g_assert_nonnull (strstr (conflict->source_name, "bo.gpkg"));
  g_assert_cmpstr (sw_stop_get_name (SW_STOP (conflict->target)), ==, "Annas torg");
  g_assert_cmpstr (sw_stop_get_name (SW_STOP (conflict->source)), ==, "Bos torg");
  g_assert_cmpint (conflict->resolution, ==, SW_MERGE_PREFER_TARGET);
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, 3);
  /* Cecilia left the stop alone: Anna's name stands. */
  g_assert_cmpstr (sw_stop_get_name (fixture->stop), ==, "Annas torg");
  g_assert_cmpstr (sw_project_get_undo_label (fixture->master), ==, "Merge 3 Projects");

  /* One undo takes all three back. */
  g_assert_true (sw_project_undo (fixture->master, &error));
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, 0);
  g_assert_cmpstr (sw_stop_get_name (fixture->stop), ==, "Torget");
  g_assert_cmpstr (sw_project_get_undo_label (fixture->master), ==, undo_before);
}

/* A review first (nothing stored), then one conflict taken from the file
 * and one kept, each by its own choice. */
static void
test_choices_after_review (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) copy = volunteer_copy (fixture, "volontär.gpkg", &file);
  g_autoptr (GPtrArray) files = g_ptr_array_new ();
  g_autoptr (SwMergeReport) review = NULL;
  g_autoptr (SwMergeReport) report = NULL;
  g_autoptr (GHashTable) choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *undo_before = NULL;
  const char *walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));
  const char *stop_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->stop));
  SwMergeOptions options;

  edit (copy, sw_project_lookup (copy, SW_KIND_WALK, walk_uuid), "title", "Volontärens titel");
  edit (copy, sw_project_lookup (copy, SW_KIND_STOP, stop_uuid), "name", "Volontärens torg");
  sw_project_close (copy);
  edit (fixture->master, fixture->walk, "title", "Samordnarens titel");
  edit (fixture->master, fixture->stop, "name", "Samordnarens torg");

  g_ptr_array_add (files, file);
  sw_merge_options_init (&options);
  options.dry_run = TRUE;
  undo_before = g_strdup (sw_project_get_undo_label (fixture->master));
  review = sw_project_merge_files (fixture->master, files, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (review->conflicts->len, ==, 2);
  g_assert_cmpstr (sw_project_get_undo_label (fixture->master), ==, undo_before);
  g_assert_cmpstr (sw_walk_get_title (fixture->walk), ==, "Samordnarens titel");

  for (guint i = 0; i < review->conflicts->len; i++)
    {
      SwMergeConflict *conflict = review->conflicts->pdata[i];
      g_auto (GStrv) differences = sw_merge_conflict_dup_differences (conflict);

      g_assert_cmpuint (g_strv_length (differences), ==, 1);
      if (conflict->kind == SW_KIND_STOP)
        {
          g_autofree char *mine = sw_feature_dup_value_text (conflict->target, differences[0]);
          g_autofree char *theirs = sw_feature_dup_value_text (conflict->source, differences[0]);

          g_assert_cmpstr (differences[0], ==, "name");
          g_assert_cmpstr (mine, ==, "Samordnarens torg");
          g_assert_cmpstr (theirs, ==, "Volontärens torg");
          g_hash_table_insert (choices, sw_merge_conflict_dup_key (conflict),
                               GINT_TO_POINTER (SW_MERGE_PREFER_SOURCE + 1));
        }
      else
        g_assert_cmpstr (differences[0], ==, "title");
    }

  options.dry_run = FALSE;
  options.choices = choices;
  report = sw_project_merge_files (fixture->master, files, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->conflicts->len, ==, 2);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpstr (sw_stop_get_name (fixture->stop), ==, "Volontärens torg");
  g_assert_cmpstr (sw_walk_get_title (fixture->walk), ==, "Samordnarens titel");
}

static void
cancel_after_first (guint    n_read,
                    guint    n_files,
                    gpointer user_data)
{
  if (n_read == 1)
    g_cancellable_cancel (user_data);
}

/* Cancelled after the first of three files is read: an error, and the
 * project, its file and its undo history exactly as they were. */
static void
test_cancelled_halfway (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *names[] = { "anna.gpkg", "bo.gpkg", "cecilia.gpkg" };
  const char *walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SwMergeReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undo_before = NULL;
  SwMergeOptions options;

  for (guint v = 0; v < 3; v++)
    {
      GFile *file = NULL;
      g_autoptr (SwProject) copy = volunteer_copy (fixture, names[v], &file);

      g_ptr_array_add (files, file);
      add (copy, new_finding (walk_uuid, names[v], 0.001 * (v + 1)));
      edit (copy, sw_project_lookup (copy, SW_KIND_STOP, sw_feature_get_uuid (SW_FEATURE (fixture->stop))),
            "name", names[v]);
      sw_project_close (copy);
    }

  undo_before = g_strdup (sw_project_get_undo_label (fixture->master));
  before = file_checksum (sw_project_get_file (fixture->master));
  sw_merge_options_init (&options);
  report = sw_project_merge_files (fixture->master, files, &options, cancel_after_first, cancellable,
                                   cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = file_checksum (sw_project_get_file (fixture->master));
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, 0);
  g_assert_cmpstr (sw_stop_get_name (fixture->stop), ==, "Torget");
  g_assert_cmpstr (sw_project_get_undo_label (fixture->master), ==, undo_before);

  /* The same files, not cancelled, all go in. */
  g_clear_error (&error);
  report = sw_project_merge_files (fixture->master, files, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, 3);
}

/* A damaged project file, a truncated one, and one with a trigger of its
 * own: refused by name, the master untouched, the file never written. */
static void
test_damaged_sources (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) copy = volunteer_copy (fixture, "skadad.gpkg", &file);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *truncated_path = g_build_filename (fixture->dir, "avkortad.gpkg", NULL);
  g_autofree char *trigger_path = g_build_filename (fixture->dir, "utlösare.gpkg", NULL);
  g_autoptr (GFile) truncated = g_file_new_for_path (truncated_path);
  g_autoptr (GFile) trigger = g_file_new_for_path (trigger_path);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  gsize length;

  add (copy, new_finding (sw_feature_get_uuid (SW_FEATURE (fixture->walk)), "Fynd", 0.001));
  sw_project_close (copy);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  /* Half the file. */
  g_assert_true (g_file_set_contents (truncated_path, contents, length / 2, NULL));
  g_assert_null (sw_project_merge (fixture->master, truncated, SW_MERGE_PREFER_TARGET, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "avkortad.gpkg"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* A trigger that would empty the walks if it ever ran. */
  g_assert_true (g_file_set_contents (trigger_path, contents, length, NULL));
  g_assert_cmpint (sqlite3_open (trigger_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER rensa AFTER INSERT ON findings BEGIN DELETE FROM walks; END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (trigger);
  g_assert_null (sw_project_merge (fixture->master, trigger, SW_MERGE_PREFER_TARGET, &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "utlösare.gpkg"));
  g_assert_nonnull (strstr (error->message, "rensa"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  after = file_checksum (trigger);
  g_assert_cmpstr (before, ==, after);

  /* From a newer version of the app. */
  {
    g_autofree char *newer_path = g_build_filename (fixture->dir, "nyare.gpkg", NULL);
    g_autoptr (GFile) newer = g_file_new_for_path (newer_path);

    g_assert_true (g_file_set_contents (newer_path, contents, length, NULL));
    g_assert_cmpint (sqlite3_open (newer_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE safetywalk_metadata SET value = '99' WHERE key = 'schema_version'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_null (sw_project_merge (fixture->master, newer, SW_MERGE_PREFER_TARGET, &error));
    g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NEWER_SCHEMA);
    g_assert_nonnull (strstr (error->message, "nyare.gpkg"));
    g_test_message ("%s", error->message);
    g_clear_error (&error);
  }

  /* Garbage over the pages after the header: damaged inside. */
  for (gsize i = 4096; i < length && i < 4096 * 6; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_null (sw_project_merge (fixture->master, file, SW_MERGE_PREFER_TARGET, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "skadad.gpkg"));
  g_test_message ("%s", error->message);

  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, 0);
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_WALK), ==, 1);
}

/* The copy kept before a merge puts the project back as it was, edits
 * made after the merge included, as one more undo step. */
static void
test_restore_backup (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) copy = volunteer_copy (fixture, "volontär.gpkg", &file);
  g_autofree char *backup_path = g_build_filename (fixture->dir, "före.gpkg", NULL);
  g_autoptr (GFile) backup = g_file_new_for_path (backup_path);
  g_autoptr (SwMergeReport) report = NULL;
  g_autoptr (SwMergeSource) kept = NULL;
  g_autoptr (GError) error = NULL;
  const char *walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));

  add (copy, new_finding (walk_uuid, "Från volontären", 0.001));
  edit (copy, sw_project_lookup (copy, SW_KIND_STOP, sw_feature_get_uuid (SW_FEATURE (fixture->stop))),
        "name", "Volontärens torg");
  sw_project_close (copy);

  g_assert_true (sw_project_save_copy (fixture->master, backup, &error));
  g_assert_no_error (error);
  report = merge (fixture, file, SW_MERGE_PREFER_TARGET);
  g_assert_cmpuint (report->added, ==, 1);
  edit (fixture->master, fixture->route, "name", "Efter sammanslagningen");
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, 1);

  kept = sw_merge_source_read (backup, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sw_project_restore_source (fixture->master, kept, "Undo Merge", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, 0);
  g_assert_cmpstr (sw_stop_get_name (fixture->stop), ==, "Torget");
  g_assert_cmpstr (sw_route_get_name (fixture->route), ==, "Rutt 1");
  g_assert_cmpstr (sw_project_get_undo_label (fixture->master), ==, "Undo Merge");

  /* Undoing the restore brings the merge back. */
  g_assert_true (sw_project_undo (fixture->master, &error));
  g_assert_cmpuint (sw_project_count (fixture->master, SW_KIND_FINDING), ==, 1);
  g_assert_cmpstr (sw_stop_get_name (fixture->stop), ==, "Volontärens torg");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/merge/add-and-edit", test_add_and_edit);
  ADD ("/merge/edit-edit", test_edit_edit);
  ADD ("/merge/delete-edit", test_delete_edit);
  ADD ("/merge/three-volunteers-twice", test_three_volunteers_twice);
  ADD ("/merge/failed-merge-changes-nothing", test_failed_merge_changes_nothing);
  ADD ("/merge/bad-sources", test_bad_sources);
  ADD ("/merge/several-files-one-step", test_several_files_one_step);
  ADD ("/merge/choices-after-review", test_choices_after_review);
  ADD ("/merge/cancelled-halfway", test_cancelled_halfway);
  ADD ("/merge/damaged-sources", test_damaged_sources);
  ADD ("/merge/restore-backup", test_restore_backup);
#undef ADD

  return g_test_run ();
}
