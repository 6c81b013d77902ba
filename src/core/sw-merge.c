/* Volunteer copies and merging them back by uuid. The copy carries the time
 * it was made ("copied_at"); against that time each side's "modified" says
 * whether it changed a feature, which tells an edit from a conflict. */
#define G_LOG_DOMAIN "sw-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cpl_conv.h>
#include <sqlite3.h>

#include "sw-merge.h"
#include "sw-project-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
sw_merge_conflict_free (SwMergeConflict *conflict)
{
  g_free (conflict->uuid);
  g_clear_object (&conflict->target);
  g_clear_object (&conflict->source);
  g_free (conflict);
}

void
sw_merge_report_free (SwMergeReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_free (report);
}

static GDateTime *
now_milliseconds (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add (now, -(g_date_time_get_microsecond (now) % 1000));
}

gboolean
sw_project_write_volunteer_copy (SwProject  *self,
                                 SwWalk     *walk,
                                 GFile      *destination,
                                 GError    **error)
{
  g_autoptr (SwProject) copy = NULL;
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_object_unref);
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *copied_at = NULL;
  const char *walk_uuid;
  static const SwKind children[] = { SW_KIND_ROUTE, SW_KIND_STOP };

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SW_IS_WALK (walk), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  copy = sw_project_create (destination, sw_project_get_title (self),
                            sw_project_get_municipality (self), error);
  if (copy == NULL)
    return FALSE;

  walk_uuid = sw_feature_get_uuid (SW_FEATURE (walk));
  /* Pairs are (NULL, state): additions, uuids and timestamps kept. The
   * array owns only the states, so NULL slots are skipped on free. */
  g_ptr_array_set_free_func (pairs, NULL);
  g_ptr_array_add (pairs, NULL);
  g_ptr_array_add (pairs, walk);
  for (guint k = 0; k < G_N_ELEMENTS (children); k++)
    {
      GListModel *model = sw_project_get_features (self, children[k]);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr (SwFeature) feature = g_list_model_get_item (model, i);
          g_autofree char *owner = NULL;

          g_object_get (feature, "walk-uuid", &owner, NULL);
          if (g_strcmp0 (owner, walk_uuid) != 0)
            continue;
          g_ptr_array_add (pairs, NULL);
          g_ptr_array_add (pairs, feature);
        }
    }

  now = now_milliseconds ();
  copied_at = g_date_time_format_iso8601 (now);
  if (!sw_project_set_setting (copy, "working_crs", sw_project_get_working_crs (self), error) ||
      !_sw_project_apply_states (copy, _("Volunteer Copy"), pairs, FALSE, error) ||
      !sw_project_set_setting (copy, "copied_at", copied_at, error) ||
      !sw_project_set_setting (copy, "copied_walk", walk_uuid, error))
    {
      sw_project_close (copy);
      g_file_delete (destination, NULL, NULL);
      return FALSE;
    }

  sw_project_close (copy);
  return TRUE;
}

static gboolean
changed_since (SwFeature *feature,
               GDateTime *base)
{
  GDateTime *modified = sw_feature_get_modified (feature);

  /* Without a base every difference counts as a change on both sides. */
  return base == NULL || modified == NULL || g_date_time_compare (modified, base) > 0;
}

static gboolean
existed_at (SwFeature *feature,
            GDateTime *base)
{
  GDateTime *created = sw_feature_get_created (feature);

  return base != NULL && created != NULL && g_date_time_compare (created, base) <= 0;
}

/* Whether a feature of the open project was part of what the copy held,
 * so that its absence there means the volunteer deleted it. A copy holds a
 * walk with its routes and stops and nothing else: a finding the copy never
 * had is not missing from it. */
static gboolean
in_copy_scope (SwFeature  *feature,
               GHashTable *source_walks)
{
  g_autofree char *owner = NULL;

  switch (sw_feature_get_kind (feature))
    {
    case SW_KIND_WALK:
      return g_hash_table_contains (source_walks, sw_feature_get_uuid (feature));

    case SW_KIND_ROUTE:
    case SW_KIND_STOP:
      g_object_get (feature, "walk-uuid", &owner, NULL);
      return owner != NULL && g_hash_table_contains (source_walks, owner);

    case SW_KIND_FINDING:
    case SW_KIND_PHOTO:
    case SW_KIND_MEASURE:
    case SW_KIND_PLACE:
    case SW_KIND_TRACK:
    case SW_N_KINDS:
    default:
      return FALSE;
    }
}

/* A file from someone else is checked before GDAL reads it: SQLite's own
 * integrity check on a read-only, defensive connection that trusts nothing
 * in the schema, and layers that are plain tables, not views. */
static gboolean
check_source (GFile   *source,
              GError **error)
{
  g_autoptr (sqlite3) db = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *path = g_file_get_path (source);
  g_autofree char *name = g_file_get_parse_name (source);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_FOUND,
                   _("Cannot merge “%s”: the file does not exist."), name);
      return FALSE;
    }
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_GEOPACKAGE,
                   _("Cannot merge “%s”: it is not a project file."), name);
      return FALSE;
    }
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                   _("Cannot merge “%s”: the file is damaged (%s). Ask for a new copy."),
                   name, stmt != NULL && sqlite3_column_text (stmt, 0) != NULL
                           ? (const char *) sqlite3_column_text (stmt, 0)
                           : sqlite3_errmsg (db));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'view' AND name IN "
                              "('walks', 'routes', 'stops', 'findings', 'photos', 'measures',"
                              " 'places', 'findings_photos', 'safetywalk_metadata')",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                   _("Cannot merge “%s”: its layer “%s” is a view, not a table; the file "
                     "was not made by Safety Walk."),
                   name, (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

static void
add_pair (GPtrArray *pairs,
          SwFeature *before,
          SwFeature *after)
{
  g_ptr_array_add (pairs, before != NULL ? g_object_ref (before) : NULL);
  g_ptr_array_add (pairs, after != NULL ? g_object_ref (after) : NULL);
}

static void
add_conflict (SwMergeReport *report,
              SwKind         kind,
              const char    *uuid,
              SwFeature     *target,
              SwFeature     *source)
{
  SwMergeConflict *conflict = g_new0 (SwMergeConflict, 1);

  conflict->kind = kind;
  conflict->uuid = g_strdup (uuid);
  conflict->target = target != NULL ? sw_feature_copy (target) : NULL;
  conflict->source = source != NULL ? sw_feature_copy (source) : NULL;
  g_ptr_array_add (report->conflicts, conflict);
}

/* A photo taken over from the source brings its picture. */
static SwFeature *
with_data (SwProject *source,
           SwFeature *feature,
           GError   **error)
{
  g_autoptr (GBytes) data = NULL;
  SwFeature *copy;

  if (!SW_IS_PHOTO (feature))
    return g_object_ref (feature);
  data = sw_project_load_photo_data (source, SW_PHOTO (feature), error);
  if (data == NULL)
    return NULL;
  copy = sw_feature_copy (feature);
  sw_photo_set_data (SW_PHOTO (copy), data);
  return copy;
}

SwMergeReport *
sw_project_merge (SwProject          *self,
                  GFile              *source_file,
                  SwMergePreference   preference,
                  GError            **error)
{
  g_autoptr (SwProject) source = NULL;
  g_autoptr (SwMergeReport) report = NULL;
  g_autoptr (GDateTime) base = NULL;
  g_autoptr (GHashTable) source_walks = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_object_unref);
  g_autofree char *copied_at = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  gboolean prefer_source = preference == SW_MERGE_PREFER_SOURCE;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source_file), NULL);

  /* NULL slots in pairs mean "nothing on this side". */
  g_ptr_array_set_free_func (pairs, NULL);

  name = g_file_get_parse_name (source_file);
  if (g_file_equal (source_file, sw_project_get_file (self)))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                   _("Cannot merge “%s” into itself."), name);
      return NULL;
    }
  if (!check_source (source_file, error))
    return NULL;

  /* GDAL reads it with the schema untrusted, and never for writing. */
  CPLSetThreadLocalConfigOption ("OGR_SQLITE_PRAGMA", "trusted_schema=OFF");
  source = sw_project_open_with_flags (source_file, SW_PROJECT_OPEN_READ_ONLY, error);
  CPLSetThreadLocalConfigOption ("OGR_SQLITE_PRAGMA", NULL);
  if (source == NULL)
    return NULL;

  copied_at = sw_project_dup_setting (source, "copied_at");
  if (copied_at != NULL)
    base = g_date_time_new_from_iso8601 (copied_at, NULL);

  report = g_new0 (SwMergeReport, 1);
  report->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_merge_conflict_free);

  for (guint i = 0; i < sw_project_count (source, SW_KIND_WALK); i++)
    {
      g_autoptr (SwFeature) walk = g_list_model_get_item (sw_project_get_walks (source), i);

      g_hash_table_add (source_walks, (gpointer) sw_feature_get_uuid (walk));
    }

  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    {
      GListModel *source_model = sw_project_get_features (source, kind);
      GListModel *target_model = sw_project_get_features (self, kind);
      guint n_source = g_list_model_get_n_items (source_model);
      guint n_target = g_list_model_get_n_items (target_model);

      /* Places are worked out from findings, not merged. */
      if (kind == SW_KIND_PLACE)
        continue;

      for (guint i = 0; i < n_source; i++)
        {
          g_autoptr (SwFeature) theirs = g_list_model_get_item (source_model, i);
          SwFeature *ours = sw_project_lookup (self, kind, sw_feature_get_uuid (theirs));

          if (ours == NULL)
            {
              g_autoptr (SwFeature) state = NULL;

              if (existed_at (theirs, base) && !changed_since (theirs, base))
                continue; /* deleted here, untouched there: stays deleted */
              if (existed_at (theirs, base))
                {
                  /* Deleted here, edited there. */
                  add_conflict (report, kind, sw_feature_get_uuid (theirs), NULL, theirs);
                  if (!prefer_source)
                    continue;
                }
              if (!(state = with_data (source, theirs, error)))
                return NULL;
              add_pair (pairs, NULL, state);
              report->added++;
            }
          else if (sw_feature_equal_content (ours, theirs))
            report->unchanged++;
          else
            {
              gboolean theirs_changed = changed_since (theirs, base);
              gboolean ours_changed = changed_since (ours, base);

              if (theirs_changed && ours_changed)
                {
                  add_conflict (report, kind, sw_feature_get_uuid (ours), ours, theirs);
                  if (!prefer_source)
                    continue;
                }
              else if (!theirs_changed)
                continue; /* changed here only: ours stands */
              add_pair (pairs, ours, theirs);
              report->updated++;
            }
        }

      /* Deleted there: only what the copy held, and only with a base. */
      for (guint i = 0; base != NULL && i < n_target; i++)
        {
          g_autoptr (SwFeature) ours = g_list_model_get_item (target_model, i);

          if (sw_project_lookup (source, kind, sw_feature_get_uuid (ours)) != NULL ||
              !existed_at (ours, base) || !in_copy_scope (ours, source_walks))
            continue;
          if (changed_since (ours, base))
            {
              /* Edited here, deleted there. */
              add_conflict (report, kind, sw_feature_get_uuid (ours), ours, NULL);
              if (!prefer_source)
                continue;
            }
          add_pair (pairs, ours, NULL);
          report->removed++;
        }
    }

  /* Additions of parents before children; a deletion of a child before its
   * parent comes from the kind order (walks first) only for additions, so
   * removals are moved after, children first. */
  {
    g_autoptr (GPtrArray) ordered = g_ptr_array_new ();

    for (guint i = 0; i < pairs->len; i += 2)
      if (pairs->pdata[i + 1] != NULL)
        {
          g_ptr_array_add (ordered, pairs->pdata[i]);
          g_ptr_array_add (ordered, pairs->pdata[i + 1]);
        }
    for (guint i = pairs->len; i > 0; i -= 2)
      if (pairs->pdata[i - 1] == NULL)
        {
          g_ptr_array_add (ordered, pairs->pdata[i - 2]);
          g_ptr_array_add (ordered, NULL);
        }

    label = g_strdup_printf (_("Merge “%s”"), name);
    if (!_sw_project_apply_states (self, label, ordered, TRUE, error))
      {
        /* Nothing was stored: say which file could not be merged. */
        g_prefix_error (error, _("Nothing was merged from “%s”: "), name);
        for (guint i = 0; i < pairs->len; i++)
          g_clear_object (&pairs->pdata[i]);
        return NULL;
      }
  }

  for (guint i = 0; i < pairs->len; i++)
    g_clear_object (&pairs->pdata[i]);
  sw_project_close (source);
  return g_steal_pointer (&report);
}
