/* Volunteer copies and merging them back by uuid. The copy carries the time
 * it was made ("copied_at"); against that time each side's "modified" says
 * whether it changed a feature, which tells an edit from a conflict. */
#define G_LOG_DOMAIN "sw-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
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
  g_free (conflict->source_name);
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
    case SW_KIND_STATUS_CHANGE:
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

  /* A file that is no SQLite database at all fails on the first read. */
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK &&
      sqlite3_errcode (db) == SQLITE_NOTADB)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_GEOPACKAGE,
                   _("Cannot merge “%s”: it is not a project file."), name);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_autofree char *reason = NULL;

      /* The first line that says what is wrong, not which database. */
      if (stmt != NULL && sqlite3_column_text (stmt, 0) != NULL)
        {
          do
            {
              const char *text = (const char *) sqlite3_column_text (stmt, 0);
              g_auto (GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

              for (guint i = 0; reason == NULL && lines[i] != NULL; i++)
                if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "***"))
                  reason = g_strdup (lines[i]);
            }
          while (reason == NULL && sqlite3_step (stmt) == SQLITE_ROW);
        }
      if (reason == NULL)
        reason = g_strdup (sqlite3_errmsg (db));
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                   _("Cannot merge “%s”: the file is damaged (%s). Ask for a new copy."),
                   name, reason);
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
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* A GeoPackage has triggers of its own, named for what they keep up:
   * the spatial index of a layer and the tile matrix. Nothing of this file
   * is ever written, so no trigger could run, but a trigger of any other
   * kind says the file was made to do something else. */
  if (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND NOT ("
                              " (name GLOB 'rtree_*' AND substr (name, 7, length (tbl_name) + 1) = tbl_name || '_')"
                              " OR (name GLOB 'gpkg_*' AND tbl_name GLOB 'gpkg_*')"
                              " OR name GLOB 'trigger_insert_feature_count_*'"
                              " OR name GLOB 'trigger_delete_feature_count_*')",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                   _("Cannot merge “%s”: it holds a trigger “%s” that Safety Walk does not make; "
                     "the file may have been altered to run commands. Ask for a new copy."),
                   name, (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

struct _SwMergeSource
{
  GFile *file;
  char *name;
  /* When the copy was made; NULL for a file that is no volunteer copy */
  GDateTime *base;
  GHashTable *walks;
  /* Per kind: the features in file order, photos with their pictures */
  GPtrArray *features[SW_N_KINDS];
  GHashTable *index[SW_N_KINDS];
};

void
sw_merge_source_free (SwMergeSource *source)
{
  if (source == NULL)
    return;
  g_clear_object (&source->file);
  g_clear_pointer (&source->name, g_free);
  g_clear_pointer (&source->base, g_date_time_unref);
  g_clear_pointer (&source->walks, g_hash_table_unref);
  for (guint k = 0; k < SW_N_KINDS; k++)
    {
      g_clear_pointer (&source->index[k], g_hash_table_unref);
      g_clear_pointer (&source->features[k], g_ptr_array_unref);
    }
  g_free (source);
}

GFile *
sw_merge_source_get_file (SwMergeSource *source)
{
  g_return_val_if_fail (source != NULL, NULL);

  return source->file;
}

SwMergeSource *
sw_merge_source_read (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr (SwMergeSource) source = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autofree char *copied_at = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!check_source (file, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* GDAL reads it with the schema untrusted, and never for writing. */
  CPLSetThreadLocalConfigOption ("OGR_SQLITE_PRAGMA", "trusted_schema=OFF");
  project = sw_project_open_with_flags (file, SW_PROJECT_OPEN_READ_ONLY, error);
  CPLSetThreadLocalConfigOption ("OGR_SQLITE_PRAGMA", NULL);
  if (project == NULL)
    return NULL;

  source = g_new0 (SwMergeSource, 1);
  source->file = g_object_ref (file);
  source->name = g_file_get_parse_name (file);
  source->walks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  copied_at = sw_project_dup_setting (project, "copied_at");
  if (copied_at != NULL)
    source->base = g_date_time_new_from_iso8601 (copied_at, NULL);

  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    {
      GListModel *model = sw_project_get_features (project, kind);
      guint n = g_list_model_get_n_items (model);

      source->features[kind] = g_ptr_array_new_full (n, g_object_unref);
      source->index[kind] = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (SwFeature) listed = g_list_model_get_item (model, i);
          SwFeature *feature = sw_feature_copy (listed);

          /* A photo taken over from the file brings its picture. */
          if (SW_IS_PHOTO (feature))
            {
              g_autoptr (GBytes) data = sw_project_load_photo_data (project, SW_PHOTO (listed), error);

              if (data == NULL)
                {
                  g_object_unref (feature);
                  sw_project_close (project);
                  return NULL;
                }
              sw_photo_set_data (SW_PHOTO (feature), data);
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                {
                  g_object_unref (feature);
                  sw_project_close (project);
                  return NULL;
                }
            }
          g_ptr_array_add (source->features[kind], feature);
          g_hash_table_insert (source->index[kind], (gpointer) sw_feature_get_uuid (feature), feature);
          if (kind == SW_KIND_WALK)
            g_hash_table_add (source->walks, g_strdup (sw_feature_get_uuid (feature)));
        }
    }
  sw_project_close (project);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&source);
}

void
sw_merge_options_init (SwMergeOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->preference = SW_MERGE_PREFER_TARGET;
}

char *
sw_merge_conflict_dup_key (const SwMergeConflict *conflict)
{
  g_return_val_if_fail (conflict != NULL, NULL);

  return g_strdup_printf ("%u:%d:%s", conflict->source_index, conflict->kind, conflict->uuid);
}

static gboolean
is_bookkeeping (const char *name)
{
  return g_str_equal (name, "uuid") || g_str_equal (name, "fid") || g_str_equal (name, "created") ||
         g_str_equal (name, "modified") || g_str_equal (name, "data") ||
         g_str_equal (name, "thumbnail");
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == G_TYPE_DOUBLE)
    {
      double x = g_value_get_double (a), y = g_value_get_double (b);

      return x == y || (isnan (x) && isnan (y));
    }
  if (type == G_TYPE_VARIANT)
    {
      GVariant *x = g_value_get_variant (a), *y = g_value_get_variant (b);

      return x == y || (x != NULL && y != NULL && g_variant_equal (x, y));
    }
  if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *x = g_value_get_boxed (a), *y = g_value_get_boxed (b);

      return x == y || (x != NULL && y != NULL && g_date_time_equal (x, y));
    }
  if (type == G_TYPE_BYTES)
    {
      GBytes *x = g_value_get_boxed (a), *y = g_value_get_boxed (b);

      return x == y || (x != NULL && y != NULL && g_bytes_equal (x, y));
    }
  if (type == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  if (type == G_TYPE_INT64)
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (type == G_TYPE_BOOLEAN)
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (type == G_TYPE_UINT)
    return g_value_get_uint (a) == g_value_get_uint (b);
  return FALSE;
}

GStrv
sw_merge_conflict_dup_differences (const SwMergeConflict *conflict)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree GParamSpec **pspecs = NULL;
  gboolean position_added = FALSE;
  guint n_pspecs;

  g_return_val_if_fail (conflict != NULL, NULL);

  if (conflict->target == NULL || conflict->source == NULL ||
      G_OBJECT_TYPE (conflict->target) != G_OBJECT_TYPE (conflict->source))
    return g_strv_builder_end (builder);

  pspecs = sw_feature_list_stored_properties (G_OBJECT_TYPE (conflict->target), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      const char *name = pspecs[i]->name;
      g_auto (GValue) a = G_VALUE_INIT;
      g_auto (GValue) b = G_VALUE_INIT;
      gboolean position;

      if (is_bookkeeping (name))
        continue;
      g_value_init (&a, pspecs[i]->value_type);
      g_value_init (&b, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (conflict->target), name, &a);
      g_object_get_property (G_OBJECT (conflict->source), name, &b);
      if (values_equal (&a, &b))
        continue;
      position = g_str_equal (name, "longitude") || g_str_equal (name, "latitude");
      if (position && position_added)
        continue;
      g_strv_builder_add (builder, position ? "position" : name);
      position_added |= position;
    }
  return g_strv_builder_end (builder);
}

char *
sw_feature_dup_value_text (SwFeature  *feature,
                           const char *property)
{
  g_auto (GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;

  g_return_val_if_fail (SW_IS_FEATURE (feature), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  if (g_str_equal (property, "position"))
    {
      double longitude = NAN, latitude = NAN;

      g_object_get (feature, "longitude", &longitude, "latitude", &latitude, NULL);
      return g_strdup_printf ("%.5f, %.5f", latitude, longitude);
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (feature), property);
  g_return_val_if_fail (pspec != NULL, NULL);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (feature), property, &value);

  if (pspec->value_type == G_TYPE_STRING)
    return g_strdup (g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "");
  if (pspec->value_type == G_TYPE_DOUBLE)
    return isnan (g_value_get_double (&value)) ? g_strdup ("") : g_strdup_printf ("%g", g_value_get_double (&value));
  if (pspec->value_type == G_TYPE_INT)
    return g_strdup_printf ("%d", g_value_get_int (&value));
  if (pspec->value_type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value));
  if (pspec->value_type == G_TYPE_BOOLEAN)
    return g_strdup (g_value_get_boolean (&value) ? _("yes") : _("no"));
  if (pspec->value_type == G_TYPE_DATE_TIME)
    return g_value_get_boxed (&value) != NULL ? g_date_time_format (g_value_get_boxed (&value), "%Y-%m-%d %H:%M")
                                              : g_strdup ("");
  if (pspec->value_type == G_TYPE_VARIANT)
    {
      GVariant *variant = g_value_get_variant (&value);
      gsize n = variant != NULL && g_variant_is_container (variant) ? g_variant_n_children (variant) : 0;

      /* TRANSLATORS: a line on the map, by its number of points */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "a line of %zu point", "a line of %zu points", n), n);
    }
  return g_strdup ("");
}

/* NULL stands for "nothing on this side" in states and pairs. */
static void
unref_state (gpointer state)
{
  if (state != NULL)
    g_object_unref (state);
}

/* What the project looks like while files are merged one after the other:
 * states brought by earlier files over the listed features. */
typedef struct
{
  SwProject *project;
  /* uuid → SwFeature, or NULL for "deleted" */
  GHashTable *states[SW_N_KINDS];
  /* uuids in the order they were first changed, for a stable result */
  GPtrArray *order[SW_N_KINDS];
} Overlay;

static void
overlay_init (Overlay   *overlay,
              SwProject *project)
{
  overlay->project = project;
  for (guint k = 0; k < SW_N_KINDS; k++)
    {
      overlay->states[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_state);
      overlay->order[k] = g_ptr_array_new_with_free_func (g_free);
    }
}

static void
overlay_clear (Overlay *overlay)
{
  for (guint k = 0; k < SW_N_KINDS; k++)
    {
      g_clear_pointer (&overlay->order[k], g_ptr_array_unref);
      g_clear_pointer (&overlay->states[k], g_hash_table_unref);
    }
}

static SwFeature *
overlay_lookup (Overlay    *overlay,
                SwKind      kind,
                const char *uuid)
{
  gpointer state;

  if (g_hash_table_lookup_extended (overlay->states[kind], uuid, NULL, &state))
    return state;
  return sw_project_lookup (overlay->project, kind, uuid);
}

static void
overlay_set (Overlay    *overlay,
             SwKind      kind,
             const char *uuid,
             SwFeature  *state)
{
  if (!g_hash_table_contains (overlay->states[kind], uuid))
    g_ptr_array_add (overlay->order[kind], g_strdup (uuid));
  g_hash_table_replace (overlay->states[kind], g_strdup (uuid), state != NULL ? g_object_ref (state) : NULL);
}

static SwMergeConflict *
add_conflict (SwMergeReport *report,
              SwKind         kind,
              const char    *uuid,
              SwFeature     *target,
              SwFeature     *source,
              guint          source_index,
              const char    *source_name,
              const SwMergeOptions *options)
{
  SwMergeConflict *conflict = g_new0 (SwMergeConflict, 1);
  g_autofree char *key = NULL;
  gpointer choice = NULL;

  conflict->kind = kind;
  conflict->uuid = g_strdup (uuid);
  conflict->target = target != NULL ? sw_feature_copy (target) : NULL;
  conflict->source = source != NULL ? sw_feature_copy (source) : NULL;
  /* The picture itself is not shown in a review. */
  if (conflict->source != NULL && SW_IS_PHOTO (conflict->source))
    sw_photo_set_data (SW_PHOTO (conflict->source), NULL);
  conflict->source_index = source_index;
  conflict->source_name = g_strdup (source_name);
  key = sw_merge_conflict_dup_key (conflict);
  if (options->choices != NULL && (choice = g_hash_table_lookup (options->choices, key)) != NULL)
    conflict->resolution = GPOINTER_TO_INT (choice) - 1;
  else
    conflict->resolution = options->preference;
  g_ptr_array_add (report->conflicts, conflict);
  return conflict;
}

/* Takes @theirs over, after checking that the project accepts its values,
 * so a bad file is named before anything is stored. */
static gboolean
take (Overlay        *overlay,
      SwMergeSource  *source,
      SwKind          kind,
      SwFeature      *theirs,
      GError        **error)
{
  if (theirs != NULL && !_sw_project_check_feature (theirs, error))
    {
      g_prefix_error (error, _("Nothing was merged: “%s” holds a value the project cannot take. "),
                      source->name);
      return FALSE;
    }
  overlay_set (overlay, kind, sw_feature_get_uuid (theirs), theirs);
  return TRUE;
}

static gboolean
merge_one (Overlay              *overlay,
           SwMergeSource        *source,
           guint                 source_index,
           const SwMergeOptions *options,
           SwMergeReport        *report,
           GError              **error)
{
  GDateTime *base = source->base;

  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    {
      GPtrArray *theirs_all = source->features[kind];
      g_autoptr (GPtrArray) candidates = g_ptr_array_new ();
      GListModel *target_model;

      /* Places are worked out from findings, not merged. */
      if (kind == SW_KIND_PLACE)
        continue;

      for (guint i = 0; i < theirs_all->len; i++)
        {
          SwFeature *theirs = theirs_all->pdata[i];
          const char *uuid = sw_feature_get_uuid (theirs);
          SwFeature *ours = overlay_lookup (overlay, kind, uuid);

          if (ours == NULL)
            {
              if (existed_at (theirs, base) && !changed_since (theirs, base))
                continue; /* deleted here, untouched there: stays deleted */
              if (existed_at (theirs, base))
                {
                  /* Deleted here, edited there. */
                  SwMergeConflict *conflict = add_conflict (report, kind, uuid, NULL, theirs, source_index,
                                                            source->name, options);

                  if (conflict->resolution != SW_MERGE_PREFER_SOURCE)
                    continue;
                }
              if (!take (overlay, source, kind, theirs, error))
                return FALSE;
            }
          else if (sw_feature_equal_content (ours, theirs))
            report->unchanged++;
          else
            {
              gboolean theirs_changed = changed_since (theirs, base);
              gboolean ours_changed = changed_since (ours, base);

              if (theirs_changed && ours_changed)
                {
                  SwMergeConflict *conflict = add_conflict (report, kind, uuid, ours, theirs, source_index,
                                                            source->name, options);

                  if (conflict->resolution != SW_MERGE_PREFER_SOURCE)
                    continue;
                }
              else if (!theirs_changed)
                continue; /* changed here only: ours stands */
              if (!take (overlay, source, kind, theirs, error))
                return FALSE;
            }
        }

      /* Deleted there: only what the copy held, and only with a base. The
       * candidates are the listed features and what earlier files added. */
      if (base == NULL)
        continue;
      target_model = sw_project_get_features (overlay->project, kind);
      for (guint i = 0; i < g_list_model_get_n_items (target_model); i++)
        {
          g_autoptr (SwFeature) listed = g_list_model_get_item (target_model, i);

          if (!g_hash_table_contains (overlay->states[kind], sw_feature_get_uuid (listed)))
            g_ptr_array_add (candidates, (gpointer) sw_feature_get_uuid (listed));
        }
      for (guint i = 0; i < overlay->order[kind]->len; i++)
        g_ptr_array_add (candidates, overlay->order[kind]->pdata[i]);

      for (guint i = 0; i < candidates->len; i++)
        {
          const char *uuid = candidates->pdata[i];
          SwFeature *ours = overlay_lookup (overlay, kind, uuid);

          if (ours == NULL || g_hash_table_contains (source->index[kind], uuid) ||
              !existed_at (ours, base) || !in_copy_scope (ours, source->walks))
            continue;
          if (changed_since (ours, base))
            {
              /* Edited here, deleted there. */
              SwMergeConflict *conflict = add_conflict (report, kind, uuid, ours, NULL, source_index,
                                                        source->name, options);

              if (conflict->resolution != SW_MERGE_PREFER_SOURCE)
                continue;
            }
          overlay_set (overlay, kind, uuid, NULL);
        }
    }
  return TRUE;
}

SwMergeReport *
sw_project_merge_sources (SwProject             *self,
                          GPtrArray             *sources,
                          const SwMergeOptions  *options,
                          GError               **error)
{
  g_autoptr (SwMergeReport) report = NULL;
  g_autoptr (GPtrArray) pairs = NULL;
  g_autofree char *label = NULL;
  SwMergeOptions defaults;
  Overlay overlay;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (sources != NULL, NULL);

  if (options == NULL)
    {
      sw_merge_options_init (&defaults);
      options = &defaults;
    }

  for (guint s = 0; s < sources->len; s++)
    {
      SwMergeSource *source = sources->pdata[s];

      if (g_file_equal (source->file, sw_project_get_file (self)))
        {
          g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                       _("Cannot merge “%s” into itself."), source->name);
          return NULL;
        }
    }

  report = g_new0 (SwMergeReport, 1);
  report->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_merge_conflict_free);

  overlay_init (&overlay, self);
  for (guint s = 0; s < sources->len; s++)
    if (!merge_one (&overlay, sources->pdata[s], s, options, report, error))
      {
        overlay_clear (&overlay);
        return NULL;
      }

  /* Additions and edits parents first (the kind order has walks first),
   * removals after them, children first. NULL slots: nothing that side. */
  pairs = g_ptr_array_new_with_free_func (unref_state);
  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    for (guint i = 0; i < overlay.order[kind]->len; i++)
      {
        const char *uuid = overlay.order[kind]->pdata[i];
        SwFeature *after = g_hash_table_lookup (overlay.states[kind], uuid);
        SwFeature *before = sw_project_lookup (self, kind, uuid);

        if (after == NULL)
          continue;
        g_ptr_array_add (pairs, before != NULL ? g_object_ref (before) : NULL);
        g_ptr_array_add (pairs, g_object_ref (after));
        if (before != NULL)
          report->updated++;
        else
          report->added++;
      }
  for (SwKind kind = SW_N_KINDS; kind-- > 0;)
    for (guint i = overlay.order[kind]->len; i-- > 0;)
      {
        const char *uuid = overlay.order[kind]->pdata[i];
        SwFeature *before = sw_project_lookup (self, kind, uuid);

        if (g_hash_table_lookup (overlay.states[kind], uuid) != NULL || before == NULL)
          continue;
        g_ptr_array_add (pairs, g_object_ref (before));
        g_ptr_array_add (pairs, NULL);
        report->removed++;
      }
  overlay_clear (&overlay);

  if (options->dry_run || pairs->len == 0)
    return g_steal_pointer (&report);

  if (sources->len == 1)
    label = g_strdup_printf (_("Merge “%s”"), ((SwMergeSource *) sources->pdata[0])->name);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merge %u Project", "Merge %u Projects",
                                          sources->len),
                             sources->len);
  if (!_sw_project_apply_states (self, label, pairs, TRUE, error))
    {
      /* Nothing was stored: say which files could not be merged. */
      if (sources->len == 1)
        g_prefix_error (error, _("Nothing was merged from “%s”: "),
                        ((SwMergeSource *) sources->pdata[0])->name);
      else
        g_prefix_error (error, _("Nothing was merged: "));
      return NULL;
    }
  return g_steal_pointer (&report);
}

SwMergeReport *
sw_project_merge_files (SwProject             *self,
                        GPtrArray             *files,
                        const SwMergeOptions  *options,
                        SwMergeProgressFunc    progress,
                        gpointer               user_data,
                        GCancellable          *cancellable,
                        GError               **error)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_merge_source_free);

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (files != NULL, NULL);

  for (guint i = 0; i < files->len; i++)
    {
      SwMergeSource *source;

      if (g_file_equal (files->pdata[i], sw_project_get_file (self)))
        {
          g_autofree char *name = g_file_get_parse_name (files->pdata[i]);

          g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                       _("Cannot merge “%s” into itself."), name);
          return NULL;
        }
      source = sw_merge_source_read (files->pdata[i], cancellable, error);
      if (source == NULL)
        return NULL;
      g_ptr_array_add (sources, source);
      if (progress != NULL)
        progress (i + 1, files->len, user_data);
    }
  /* The last moment a cancel counts: after this everything is stored. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return sw_project_merge_sources (self, sources, options, error);
}

gboolean
sw_project_restore_source (SwProject      *self,
                           SwMergeSource  *source,
                           const char     *label,
                           GError        **error)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (unref_state);

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  /* What the copy has, parents first; then what it lacks, children first. */
  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    for (guint i = 0; i < source->features[kind]->len; i++)
      {
        SwFeature *kept = source->features[kind]->pdata[i];
        SwFeature *listed = sw_project_lookup (self, kind, sw_feature_get_uuid (kept));

        if (listed != NULL && sw_feature_equal (listed, kept))
          continue;
        g_ptr_array_add (pairs, listed != NULL ? g_object_ref (listed) : NULL);
        g_ptr_array_add (pairs, g_object_ref (kept));
      }
  for (SwKind kind = SW_N_KINDS; kind-- > 0;)
    {
      GListModel *model = sw_project_get_features (self, kind);

      for (guint i = g_list_model_get_n_items (model); i-- > 0;)
        {
          g_autoptr (SwFeature) listed = g_list_model_get_item (model, i);

          if (g_hash_table_contains (source->index[kind], sw_feature_get_uuid (listed)))
            continue;
          g_ptr_array_add (pairs, g_object_ref (listed));
          g_ptr_array_add (pairs, NULL);
        }
    }
  return _sw_project_apply_states (self, label, pairs, TRUE, error);
}

SwMergeReport *
sw_project_merge (SwProject          *self,
                  GFile              *source_file,
                  SwMergePreference   preference,
                  GError            **error)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new ();
  SwMergeOptions options;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source_file), NULL);

  sw_merge_options_init (&options);
  options.preference = preference;
  g_ptr_array_add (files, source_file);
  return sw_project_merge_files (self, files, &options, NULL, NULL, NULL, error);
}
