/* A project: one GeoPackage file holding walks, findings, photos and measures,
 * written through GDAL, one transaction per edit, with undo and redo. */
#define G_LOG_DOMAIN "sw-project"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <sqlite3.h>

#include "sw-feature-private.h"
#include "sw-photo-image.h"
#include "sw-project-private.h"
#include "sw-vocabulary.h"

G_DEFINE_QUARK (sw-project-error-quark, sw_project_error)

typedef void *SwGdalDataset;
static void
sw_gdal_dataset_close (SwGdalDataset dataset)
{
  if (dataset != NULL)
    GDALClose (dataset);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwGdalDataset, sw_gdal_dataset_close)

typedef void *SwOgrFeature;
static void
sw_ogr_feature_destroy (SwOgrFeature feature)
{
  if (feature != NULL)
    OGR_F_Destroy (feature);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwOgrFeature, sw_ogr_feature_destroy)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* One change of one feature: before is NULL for an insertion, after is NULL
 * for a deletion. Both are private copies, never listed objects. */
typedef struct
{
  SwFeature *before;
  SwFeature *after;
} SwChange;

/* One undo step: the changes of one edit, applied in order and undone in
 * reverse order, in one transaction. */
typedef struct
{
  char *label;
  GPtrArray *changes;
} SwCommand;

struct _SwProject
{
  GObject parent_instance;

  GFile *file;
  char *path;
  GDALDatasetH dataset;
  gboolean read_only;
  GHashTable *settings;

  GListStore *stores[SW_N_KINDS];
  /* uuid → listed feature, one table per kind */
  GHashTable *index[SW_N_KINDS];

  GPtrArray *undo_stack;
  GPtrArray *redo_stack;

  /* While a command is written: the findings it inserts, by uuid, so its
   * photos can be linked before the lists know them. */
  GHashTable *pending_findings;

  /* Counts committed edits, undos and redos: work computed from a snapshot
   * (grouping places) checks it before it is stored. */
  guint64 generation;
};

G_DEFINE_FINAL_TYPE (SwProject, sw_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_MUNICIPALITY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  FEATURE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const allowed_drivers[] = { "GPKG", NULL };

static void
sw_change_free (SwChange *change)
{
  g_clear_object (&change->before);
  g_clear_object (&change->after);
  g_free (change);
}

static SwChange *
sw_change_new (SwFeature *before,
               SwFeature *after)
{
  SwChange *change = g_new0 (SwChange, 1);

  change->before = before;
  change->after = after;
  return change;
}

static void
sw_command_free (SwCommand *command)
{
  g_free (command->label);
  g_ptr_array_unref (command->changes);
  g_free (command);
}

static SwCommand *
sw_command_new (const char *label)
{
  SwCommand *command = g_new0 (SwCommand, 1);

  command->label = g_strdup (label);
  command->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_change_free);
  return command;
}

/* ---------------------------------------------------------------------- */
/* Errors                                                                 */

static char *
display_name (GFile *file)
{
  return g_file_get_parse_name (file);
}

static const char *
gdal_message (void)
{
  const char *message = CPLGetLastErrorMsg ();

  if (message == NULL || *message == '\0')
    return _("unknown error");
  return message;
}

static gboolean
set_write_error (SwProject  *self,
                 GError    **error)
{
  g_autofree char *name = display_name (self->file);

  g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
               _("Could not save the change to “%s”: %s. The project is unchanged; "
                 "check that the disk has free space and the file can be written."),
               name, gdal_message ());
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Schema                                                                 */

static OGRwkbGeometryType
kind_geometry_type (SwKind kind)
{
  switch (kind)
    {
    case SW_KIND_ROUTE:
      return wkbLineString;
    case SW_KIND_TRACK:
      /* M holds each point's time: QGIS and GDAL read it as such. */
      return wkbLineStringM;
    case SW_KIND_STOP:
    case SW_KIND_FINDING:
    case SW_KIND_PLACE:
      return wkbPoint;
    case SW_KIND_WALK:
    case SW_KIND_PHOTO:
    case SW_KIND_MEASURE:
    case SW_KIND_STATUS_CHANGE:
    case SW_N_KINDS:
    default:
      return wkbNone;
    }
}

/* The schema version that brought each layer: an older project lacks the
 * later ones until it is upgraded. */
static int
kind_since_version (SwKind kind)
{
  if (kind == SW_KIND_STATUS_CHANGE)
    return 4;
  return kind == SW_KIND_TRACK ? 3 : 1;
}

static char *
column_name (const char *property_name)
{
  char *name = g_strdup (property_name);

  g_strdelimit (name, "-", '_');
  return name;
}

static OGRFieldType
field_type_for (GParamSpec *pspec,
                OGRFieldSubType *subtype)
{
  *subtype = OFSTNone;
  if (pspec->value_type == G_TYPE_STRING)
    return OFTString;
  if (pspec->value_type == G_TYPE_INT)
    return OFTInteger;
  if (pspec->value_type == G_TYPE_INT64)
    return OFTInteger64;
  if (pspec->value_type == G_TYPE_DOUBLE)
    return OFTReal;
  if (pspec->value_type == G_TYPE_BOOLEAN)
    {
      *subtype = OFSTBoolean;
      return OFTInteger;
    }
  if (pspec->value_type == G_TYPE_DATE_TIME)
    return OFTDateTime;
  if (pspec->value_type == G_TYPE_BYTES)
    return OFTBinary;
  g_assert_not_reached ();
}

static OGRSpatialReferenceH
new_storage_srs (void)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  OSRImportFromEPSG (srs, 4326);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

static gboolean
add_field (OGRLayerH     layer,
           const char   *name,
           OGRFieldType  type,
           OGRFieldSubType subtype,
           gboolean      not_null,
           gboolean      unique)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, type);
  OGRErr err;

  OGR_Fld_SetSubType (field, subtype);
  OGR_Fld_SetNullable (field, !not_null);
  OGR_Fld_SetUnique (field, unique);
  err = OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  return err == OGRERR_NONE;
}

static gboolean
create_kind_layer (GDALDatasetH dataset,
                   SwKind       kind)
{
  g_autofree GParamSpec **pspecs = NULL;
  OGRSpatialReferenceH srs = NULL;
  OGRwkbGeometryType geometry_type = kind_geometry_type (kind);
  const char *options[4] = { NULL };
  OGRLayerH layer;
  guint n_pspecs;
  guint n_options = 0;

  /* The Related Tables media table must use "id" as its key. */
  options[n_options++] = kind == SW_KIND_PHOTO ? "FID=id" : "FID=fid";
  if (geometry_type != wkbNone)
    {
      options[n_options++] = "GEOMETRY_NAME=geom";
      srs = new_storage_srs ();
    }

  layer = GDALDatasetCreateLayer (dataset, sw_kind_get_layer_name (kind), srs, geometry_type,
                                  (char **) options);
  if (srs != NULL)
    OSRRelease (srs);
  if (layer == NULL)
    return FALSE;

  pspecs = sw_feature_list_stored_properties (sw_kind_get_feature_type (kind), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *name = column_name (pspecs[i]->name);
      OGRFieldSubType subtype;
      OGRFieldType type = field_type_for (pspecs[i], &subtype);
      gboolean is_uuid = g_str_equal (name, "uuid");
      gboolean not_null = is_uuid || g_str_equal (name, "created") ||
                          g_str_equal (name, "modified");

      if (!add_field (layer, name, type, subtype, not_null, is_uuid))
        return FALSE;
    }

  /* The media table's required columns; the data is never in a listed
   * object, so it is not a stored property. */
  if (kind == SW_KIND_PHOTO && !add_field (layer, "data", OFTBinary, OFSTNone, TRUE, FALSE))
    return FALSE;

  return TRUE;
}

static gboolean
execute_sql (GDALDatasetH dataset,
             const char  *sql)
{
  OGRLayerH result;

  CPLErrorReset ();
  result = GDALDatasetExecuteSQL (dataset, sql, NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (dataset, result);
  return CPLGetLastErrorType () < CE_Failure;
}

/* GDAL 3.6 reads but cannot create relationships, so the Related Tables
 * Extension rows are written here; GDAL must then report the relation. */
static gboolean
create_photo_relation (GDALDatasetH dataset)
{
  OGRLayerH layer;
  const char *options[] = { "FID=fid", NULL };

  layer = GDALDatasetCreateLayer (dataset, SW_PROJECT_PHOTO_MAPPING_TABLE, NULL, wkbNone,
                                  (char **) options);
  if (layer == NULL ||
      !add_field (layer, "base_id", OFTInteger64, OFSTNone, TRUE, FALSE) ||
      !add_field (layer, "related_id", OFTInteger64, OFSTNone, TRUE, FALSE))
    return FALSE;

  return execute_sql (dataset,
                      "CREATE TABLE gpkgext_relations ("
                      " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                      " base_table_name TEXT NOT NULL,"
                      " base_primary_column TEXT NOT NULL DEFAULT 'id',"
                      " related_table_name TEXT NOT NULL,"
                      " related_primary_column TEXT NOT NULL DEFAULT 'id',"
                      " relation_name TEXT NOT NULL,"
                      " mapping_table_name TEXT NOT NULL UNIQUE)") &&
         execute_sql (dataset,
                      "INSERT INTO gpkgext_relations (base_table_name, base_primary_column,"
                      " related_table_name, related_primary_column, relation_name,"
                      " mapping_table_name) VALUES ('findings', 'fid', 'photos', 'id', 'media',"
                      " '" SW_PROJECT_PHOTO_MAPPING_TABLE "')") &&
         execute_sql (dataset,
                      "CREATE TABLE IF NOT EXISTS gpkg_extensions ("
                      " table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,"
                      " definition TEXT NOT NULL, scope TEXT NOT NULL,"
                      " CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))") &&
         execute_sql (dataset,
                      "INSERT INTO gpkg_extensions (table_name, column_name, extension_name,"
                      " definition, scope) VALUES"
                      " ('gpkgext_relations', NULL, 'related_tables',"
                      "  'http://docs.opengeospatial.org/is/18-000/18-000.html', 'read-write'),"
                      " ('" SW_PROJECT_PHOTO_MAPPING_TABLE "', NULL, 'related_tables',"
                      "  'http://docs.opengeospatial.org/is/18-000/18-000.html', 'read-write')");
}

static gboolean
create_metadata_layer (GDALDatasetH dataset)
{
  OGRLayerH layer;
  const char *options[] = { "FID=fid", NULL };

  layer = GDALDatasetCreateLayer (dataset, SW_PROJECT_METADATA_TABLE, NULL, wkbNone,
                                  (char **) options);
  return layer != NULL &&
         add_field (layer, "key", OFTString, OFSTNone, TRUE, TRUE) &&
         add_field (layer, "value", OFTString, OFSTNone, FALSE, FALSE);
}

/* Writes one key of the metadata table through OGR, so that user text never
 * becomes SQL. */
static gboolean
write_setting (GDALDatasetH dataset,
               const char  *key,
               const char  *value)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (dataset, SW_PROJECT_METADATA_TABLE);
  g_autoptr (SwOgrFeature) feature = NULL;
  OGRFeatureH existing = NULL;
  OGRErr err;

  if (layer == NULL)
    return FALSE;

  OGR_L_ResetReading (layer);
  while ((existing = OGR_L_GetNextFeature (layer)) != NULL)
    {
      if (g_strcmp0 (OGR_F_GetFieldAsString (existing, 0), key) == 0)
        break;
      OGR_F_Destroy (existing);
    }

  feature = existing != NULL ? existing : OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGR_F_SetFieldString (feature, 0, key);
  if (value != NULL)
    OGR_F_SetFieldString (feature, 1, value);
  else
    OGR_F_SetFieldNull (feature, 1);

  err = existing != NULL ? OGR_L_SetFeature (layer, feature) : OGR_L_CreateFeature (layer, feature);
  return err == OGRERR_NONE;
}

static GHashTable *
read_settings (GDALDatasetH dataset)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (dataset, SW_PROJECT_METADATA_TABLE);
  GHashTable *settings;
  OGRFeatureH feature;

  if (layer == NULL)
    return NULL;

  settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      if (OGR_F_IsFieldSetAndNotNull (feature, 0))
        g_hash_table_insert (settings,
                             g_strdup (OGR_F_GetFieldAsString (feature, 0)),
                             OGR_F_IsFieldSetAndNotNull (feature, 1)
                               ? g_strdup (OGR_F_GetFieldAsString (feature, 1))
                               : NULL);
      OGR_F_Destroy (feature);
    }
  return settings;
}

/* Migrations from each older schema version to the next: entry v upgrades
 * version v to v + 1. Each runs inside the opening transaction and adds
 * through GDAL, which keeps gpkg_contents and friends right. */
typedef gboolean (*SwMigration) (GDALDatasetH dataset);

/* Version 2: photos remember the hash of the file they came from. */
static gboolean
migrate_1_to_2 (GDALDatasetH dataset)
{
  OGRLayerH photos = GDALDatasetGetLayerByName (dataset, sw_kind_get_layer_name (SW_KIND_PHOTO));

  return photos != NULL &&
         (OGR_L_FindFieldIndex (photos, "source_sha256", TRUE) >= 0 ||
          add_field (photos, "source_sha256", OFTString, OFSTNone, FALSE, FALSE));
}

/* Version 3: walks get the tracks they recorded. */
static gboolean
migrate_2_to_3 (GDALDatasetH dataset)
{
  return GDALDatasetGetLayerByName (dataset, sw_kind_get_layer_name (SW_KIND_TRACK)) != NULL ||
         create_kind_layer (dataset, SW_KIND_TRACK);
}

static gboolean
ensure_field (GDALDatasetH    dataset,
              SwKind          kind,
              const char     *name,
              OGRFieldType    type,
              OGRFieldSubType subtype)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (dataset, sw_kind_get_layer_name (kind));

  return layer != NULL &&
         (OGR_L_FindFieldIndex (layer, name, TRUE) >= 0 ||
          add_field (layer, name, type, subtype, FALSE, FALSE));
}

/* Each measure of an older file starts its history with the status it has,
 * dated by its last change: the best the file knows. */
static gboolean
seed_status_history (GDALDatasetH dataset)
{
  OGRLayerH measures = GDALDatasetGetLayerByName (dataset, sw_kind_get_layer_name (SW_KIND_MEASURE));
  OGRLayerH changes = GDALDatasetGetLayerByName (dataset, sw_kind_get_layer_name (SW_KIND_STATUS_CHANGE));
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_F_Destroy);
  int uuid_index = OGR_L_FindFieldIndex (measures, "uuid", TRUE);
  int status_index = OGR_L_FindFieldIndex (measures, "status", TRUE);
  int modified_index = OGR_L_FindFieldIndex (measures, "modified", TRUE);
  int reason_index = OGR_L_FindFieldIndex (measures, "status_reason", TRUE);
  int effect_index = OGR_L_FindFieldIndex (measures, "effect", TRUE);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (changes);
  OGRFeatureH measure;

  OGR_L_ResetReading (measures);
  while ((measure = OGR_L_GetNextFeature (measures)) != NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      OGRFeatureH row;
      int year = 1970, month = 1, day = 1, hour, minute, tz;
      float second;
      g_autofree char *date = NULL;
      const char *status;

      if (status_index < 0 || !OGR_F_IsFieldSetAndNotNull (measure, status_index) ||
          !OGR_F_IsFieldSetAndNotNull (measure, uuid_index))
        {
          OGR_F_Destroy (measure);
          continue;
        }
      status = OGR_F_GetFieldAsString (measure, status_index);
      OGR_F_GetFieldAsDateTimeEx (measure, modified_index, &year, &month, &day, &hour, &minute,
                                  &second, &tz);
      date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);

      row = OGR_F_Create (defn);
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "uuid"), uuid);
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "measure_uuid"),
                            OGR_F_GetFieldAsString (measure, uuid_index));
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "status"), status);
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "date"), date);
      if (g_str_equal (status, "rejected") && reason_index >= 0 &&
          OGR_F_IsFieldSetAndNotNull (measure, reason_index))
        OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "note"),
                              OGR_F_GetFieldAsString (measure, reason_index));
      else if (g_str_equal (status, "followed-up") && effect_index >= 0 &&
               OGR_F_IsFieldSetAndNotNull (measure, effect_index))
        OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "note"),
                              OGR_F_GetFieldAsString (measure, effect_index));
      OGR_F_SetFieldDateTimeEx (row, OGR_F_GetFieldIndex (row, "created"),
                                year, month, day, hour, minute, second, 100);
      OGR_F_SetFieldDateTimeEx (row, OGR_F_GetFieldIndex (row, "modified"),
                                year, month, day, hour, minute, second, 100);
      g_ptr_array_add (rows, row);
      OGR_F_Destroy (measure);
    }

  for (guint i = 0; i < rows->len; i++)
    if (OGR_L_CreateFeature (changes, rows->pdata[i]) != OGRERR_NONE)
      return FALSE;
  return TRUE;
}

/* Version 4: places. Findings know their place and whether the user put
 * them there; places whether the user named them; walks the walk they
 * repeat; measures keep the history of their status. */
static gboolean
migrate_3_to_4 (GDALDatasetH dataset)
{
  return ensure_field (dataset, SW_KIND_FINDING, "place_uuid", OFTString, OFSTNone) &&
         ensure_field (dataset, SW_KIND_FINDING, "place_pinned", OFTInteger, OFSTBoolean) &&
         ensure_field (dataset, SW_KIND_PLACE, "user_named", OFTInteger, OFSTBoolean) &&
         ensure_field (dataset, SW_KIND_WALK, "repeats_uuid", OFTString, OFSTNone) &&
         (GDALDatasetGetLayerByName (dataset, sw_kind_get_layer_name (SW_KIND_STATUS_CHANGE)) != NULL ||
          (create_kind_layer (dataset, SW_KIND_STATUS_CHANGE) && seed_status_history (dataset)));
}

/* Version 5: a finding's note can be marked internal, for the
 * municipality only; a public export leaves it out. */
static gboolean
migrate_4_to_5 (GDALDatasetH dataset)
{
  return ensure_field (dataset, SW_KIND_FINDING, "note_internal", OFTInteger, OFSTBoolean);
}

static const SwMigration migrations[SW_PROJECT_SCHEMA_VERSION] = {
  NULL, /* there is no version 0 */
  migrate_1_to_2,
  migrate_2_to_3,
  migrate_3_to_4,
  migrate_4_to_5,
};

static gboolean
migrate (SwProject *self,
         int        from_version,
         GError   **error)
{
  g_autofree char *name = display_name (self->file);
  g_autofree char *version = NULL;

  if (GDALDatasetStartTransaction (self->dataset, FALSE) != OGRERR_NONE)
    return set_write_error (self, error);

  for (int v = from_version; v < SW_PROJECT_SCHEMA_VERSION; v++)
    {
      SwMigration step = migrations[v];

      if (step != NULL && !step (self->dataset))
        {
          GDALDatasetRollbackTransaction (self->dataset);
          g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                       _("Could not upgrade “%s” from version %d: %s. The file is unchanged."),
                       name, v, gdal_message ());
          return FALSE;
        }
    }

  version = g_strdup_printf ("%d", SW_PROJECT_SCHEMA_VERSION);
  if (!write_setting (self->dataset, "schema_version", version) ||
      GDALDatasetCommitTransaction (self->dataset) != OGRERR_NONE)
    {
      GDALDatasetRollbackTransaction (self->dataset);
      return set_write_error (self, error);
    }

  g_hash_table_replace (self->settings, g_strdup ("schema_version"), g_steal_pointer (&version));
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Features to and from OGR                                               */

static void
date_time_to_field (OGRFeatureH feature,
                    int         index,
                    GDateTime  *value)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (value);

  OGR_F_SetFieldDateTimeEx (feature, index,
                            g_date_time_get_year (utc),
                            g_date_time_get_month (utc),
                            g_date_time_get_day_of_month (utc),
                            g_date_time_get_hour (utc),
                            g_date_time_get_minute (utc),
                            (float) g_date_time_get_seconds (utc),
                            100);
}

static GDateTime *
date_time_from_field (OGRFeatureH feature,
                      int         index)
{
  g_autoptr (GDateTime) utc = NULL;
  int year, month, day, hour, minute, tz, whole;
  gint64 milliseconds;
  float second;

  if (!OGR_F_GetFieldAsDateTimeEx (feature, index, &year, &month, &day, &hour, &minute,
                                   &second, &tz))
    return NULL;

  /* Milliseconds are what GeoPackage keeps: rebuild them as an integer,
   * away from float noise. */
  whole = (int) floor (second);
  milliseconds = (gint64) rint (((double) second - whole) * 1000.0);
  if (tz > 1 && tz != 100)
    {
      g_autoptr (GTimeZone) zone = g_time_zone_new_offset ((tz - 100) * 15 * 60);
      g_autoptr (GDateTime) local = g_date_time_new (zone, year, month, day, hour, minute, whole);

      if (local == NULL)
        return NULL;
      utc = g_date_time_to_utc (local);
    }
  else
    utc = g_date_time_new_utc (year, month, day, hour, minute, whole);

  if (utc == NULL)
    return NULL;
  return g_date_time_add (utc, milliseconds * 1000);
}

static void
feature_to_ogr (SwFeature  *feature,
                OGRLayerH   layer,
                OGRFeatureH ogr_feature)
{
  g_autofree GParamSpec **pspecs = NULL;
  SwKind kind = sw_feature_get_kind (feature);
  OGRwkbGeometryType geometry_type = kind_geometry_type (kind);
  guint n_pspecs;

  if (sw_feature_get_fid (feature) > 0)
    OGR_F_SetFID (ogr_feature, sw_feature_get_fid (feature));

  pspecs = sw_feature_list_stored_properties (G_OBJECT_TYPE (feature), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *name = column_name (pspecs[i]->name);
      g_auto (GValue) value = G_VALUE_INIT;
      int index = OGR_L_FindFieldIndex (layer, name, TRUE);

      g_assert (index >= 0);
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (feature), pspecs[i]->name, &value);

      if (pspecs[i]->value_type == G_TYPE_STRING)
        {
          const char *s = g_value_get_string (&value);

          if (s != NULL)
            OGR_F_SetFieldString (ogr_feature, index, s);
          else
            OGR_F_SetFieldNull (ogr_feature, index);
        }
      else if (pspecs[i]->value_type == G_TYPE_INT)
        OGR_F_SetFieldInteger (ogr_feature, index, g_value_get_int (&value));
      else if (pspecs[i]->value_type == G_TYPE_INT64)
        OGR_F_SetFieldInteger64 (ogr_feature, index, g_value_get_int64 (&value));
      else if (pspecs[i]->value_type == G_TYPE_BOOLEAN)
        OGR_F_SetFieldInteger (ogr_feature, index, g_value_get_boolean (&value));
      else if (pspecs[i]->value_type == G_TYPE_DOUBLE)
        {
          /* Not a number is how a feature says it does not know. */
          if (isnan (g_value_get_double (&value)))
            OGR_F_SetFieldNull (ogr_feature, index);
          else
            OGR_F_SetFieldDouble (ogr_feature, index, g_value_get_double (&value));
        }
      else if (pspecs[i]->value_type == G_TYPE_DATE_TIME)
        {
          GDateTime *dt = g_value_get_boxed (&value);

          if (dt != NULL)
            date_time_to_field (ogr_feature, index, dt);
          else
            OGR_F_SetFieldNull (ogr_feature, index);
        }
      else if (pspecs[i]->value_type == G_TYPE_BYTES)
        {
          GBytes *bytes = g_value_get_boxed (&value);

          if (bytes != NULL)
            OGR_F_SetFieldBinary (ogr_feature, index, (int) g_bytes_get_size (bytes),
                                  g_bytes_get_data (bytes, NULL));
          else
            OGR_F_SetFieldNull (ogr_feature, index);
        }
      else
        g_assert_not_reached ();
    }

  if (geometry_type == wkbPoint)
    {
      OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);
      double lon, lat;

      g_object_get (feature, "longitude", &lon, "latitude", &lat, NULL);
      OGR_G_SetPoint_2D (point, 0, lon, lat);
      OGR_F_SetGeometryDirectly (ogr_feature, point);
    }
  else if (geometry_type == wkbLineString)
    {
      g_autoptr (GVariant) points = NULL;
      OGRGeometryH line = OGR_G_CreateGeometry (wkbLineString);
      GVariantIter iter;
      double lon, lat;

      g_object_get (feature, "points", &points, NULL);
      if (points != NULL)
        {
          g_variant_iter_init (&iter, points);
          while (g_variant_iter_next (&iter, "(dd)", &lon, &lat))
            OGR_G_AddPoint_2D (line, lon, lat);
        }
      OGR_F_SetGeometryDirectly (ogr_feature, line);
    }
  else if (geometry_type == wkbLineStringM)
    {
      g_autoptr (GVariant) points = NULL;
      OGRGeometryH line = OGR_G_CreateGeometry (wkbLineStringM);
      GVariantIter iter;
      double lon, lat;
      gint64 time;

      g_object_get (feature, "points", &points, NULL);
      if (points != NULL)
        {
          g_variant_iter_init (&iter, points);
          while (g_variant_iter_next (&iter, "(ddx)", &lon, &lat, &time))
            OGR_G_AddPointM (line, lon, lat, (double) time);
        }
      OGR_F_SetGeometryDirectly (ogr_feature, line);
    }
}

/* Which field of a layer holds which property, worked out once per layer
 * rather than once per feature: opening a large project reads many. */
typedef struct
{
  SwKind kind;
  GParamSpec **pspecs;
  int *indexes;
  guint n;
} SwColumnMap;

static void
sw_column_map_clear (SwColumnMap *map)
{
  g_clear_pointer (&map->pspecs, g_free);
  g_clear_pointer (&map->indexes, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SwColumnMap, sw_column_map_clear)

static void
sw_column_map_init (SwColumnMap *map,
                    SwKind       kind,
                    OGRLayerH    layer)
{
  map->kind = kind;
  map->pspecs = sw_feature_list_stored_properties (sw_kind_get_feature_type (kind), &map->n);
  map->indexes = g_new (int, map->n);
  for (guint i = 0; i < map->n; i++)
    {
      g_autofree char *name = column_name (map->pspecs[i]->name);

      map->indexes[i] = OGR_L_FindFieldIndex (layer, name, TRUE);
    }
}

static SwFeature *
feature_from_ogr (SwColumnMap *map,
                  OGRFeatureH  ogr_feature)
{
  GParamSpec **pspecs = map->pspecs;
  OGRwkbGeometryType geometry_type = kind_geometry_type (map->kind);
  SwFeature *feature = g_object_new (sw_kind_get_feature_type (map->kind), NULL);
  OGRGeometryH geometry;

  sw_feature_set_fid (feature, OGR_F_GetFID (ogr_feature));

  g_object_freeze_notify (G_OBJECT (feature));
  for (guint i = 0; i < map->n; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;
      int index = map->indexes[i];

      if (index < 0 || !OGR_F_IsFieldSetAndNotNull (ogr_feature, index))
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      if (pspecs[i]->value_type == G_TYPE_STRING)
        g_value_set_string (&value, OGR_F_GetFieldAsString (ogr_feature, index));
      else if (pspecs[i]->value_type == G_TYPE_INT)
        g_value_set_int (&value, OGR_F_GetFieldAsInteger (ogr_feature, index));
      else if (pspecs[i]->value_type == G_TYPE_INT64)
        g_value_set_int64 (&value, OGR_F_GetFieldAsInteger64 (ogr_feature, index));
      else if (pspecs[i]->value_type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, OGR_F_GetFieldAsInteger (ogr_feature, index) != 0);
      else if (pspecs[i]->value_type == G_TYPE_DOUBLE)
        g_value_set_double (&value, OGR_F_GetFieldAsDouble (ogr_feature, index));
      else if (pspecs[i]->value_type == G_TYPE_DATE_TIME)
        g_value_take_boxed (&value, date_time_from_field (ogr_feature, index));
      else if (pspecs[i]->value_type == G_TYPE_BYTES)
        {
          int size = 0;
          const GByte *data = OGR_F_GetFieldAsBinary (ogr_feature, index, &size);

          g_value_take_boxed (&value, g_bytes_new (data, size));
        }
      else
        g_assert_not_reached ();

      g_object_set_property (G_OBJECT (feature), pspecs[i]->name, &value);
    }

  geometry = OGR_F_GetGeometryRef (ogr_feature);
  /* GeoPackage stores an empty point as NaN, NaN: such a feature keeps no
   * position (0, 0), which validation and grouping report. */
  if (geometry != NULL && geometry_type == wkbPoint && OGR_G_GetPointCount (geometry) > 0 &&
      !OGR_G_IsEmpty (geometry) && isfinite (OGR_G_GetX (geometry, 0)) &&
      isfinite (OGR_G_GetY (geometry, 0)))
    g_object_set (feature,
                  "longitude", OGR_G_GetX (geometry, 0),
                  "latitude", OGR_G_GetY (geometry, 0),
                  NULL);
  else if (geometry != NULL && geometry_type == wkbLineString)
    {
      GVariantBuilder builder;
      int n = OGR_G_GetPointCount (geometry);

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
      for (int i = 0; i < n; i++)
        g_variant_builder_add (&builder, "(dd)", OGR_G_GetX (geometry, i), OGR_G_GetY (geometry, i));
      g_object_set (feature, "points", g_variant_builder_end (&builder), NULL);
    }
  else if (geometry != NULL && geometry_type == wkbLineStringM)
    {
      GVariantBuilder builder;
      int n = OGR_G_GetPointCount (geometry);

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ddx)"));
      for (int i = 0; i < n; i++)
        g_variant_builder_add (&builder, "(ddx)", OGR_G_GetX (geometry, i), OGR_G_GetY (geometry, i),
                               (gint64) llround (OGR_G_GetM (geometry, i)));
      g_object_set (feature, "points", g_variant_builder_end (&builder), NULL);
    }
  g_object_thaw_notify (G_OBJECT (feature));

  return feature;
}

/* ---------------------------------------------------------------------- */
/* Reading                                                                */

static OGRLayerH
kind_layer (SwProject *self,
            SwKind     kind)
{
  return GDALDatasetGetLayerByName (self->dataset, sw_kind_get_layer_name (kind));
}

/* photo fid → finding fid, read from the mapping table in one pass */
static GHashTable *
read_photo_mapping (SwProject *self)
{
  OGRLayerH mapping = GDALDatasetGetLayerByName (self->dataset, SW_PROJECT_PHOTO_MAPPING_TABLE);
  GHashTable *map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  int base_index = OGR_L_FindFieldIndex (mapping, "base_id", TRUE);
  int related_index = OGR_L_FindFieldIndex (mapping, "related_id", TRUE);
  OGRFeatureH row;

  OGR_L_ResetReading (mapping);
  while ((row = OGR_L_GetNextFeature (mapping)) != NULL)
    {
      g_hash_table_insert (map,
                           g_memdup2 (&(gint64) { OGR_F_GetFieldAsInteger64 (row, related_index) },
                                      sizeof (gint64)),
                           g_memdup2 (&(gint64) { OGR_F_GetFieldAsInteger64 (row, base_index) },
                                      sizeof (gint64)));
      OGR_F_Destroy (row);
    }
  return map;
}

static void
link_photos_to_findings (SwProject *self,
                         GPtrArray *photos)
{
  g_autoptr (GHashTable) mapping = read_photo_mapping (self);
  g_autoptr (GHashTable) findings = g_hash_table_new (g_int64_hash, g_int64_equal);
  GListModel *model = G_LIST_MODEL (self->stores[SW_KIND_FINDING]);
  guint n = g_list_model_get_n_items (model);
  g_autofree gint64 *fids = g_new (gint64, n);

  for (guint i = 0; i < n; i++)
    {
      SwFeature *finding = g_list_model_get_item (model, i);

      fids[i] = sw_feature_get_fid (finding);
      g_hash_table_insert (findings, &fids[i], finding);
      g_object_unref (finding);
    }

  for (guint i = 0; i < photos->len; i++)
    {
      gint64 fid = sw_feature_get_fid (photos->pdata[i]);
      gint64 *finding_fid = g_hash_table_lookup (mapping, &fid);
      SwFeature *finding = finding_fid != NULL ? g_hash_table_lookup (findings, finding_fid) : NULL;

      if (finding != NULL)
        sw_photo_set_finding_uuid (SW_PHOTO (photos->pdata[i]), sw_feature_get_uuid (finding));
    }
}

static void
load_kind (SwProject *self,
           SwKind     kind)
{
  OGRLayerH layer = kind_layer (self, kind);
  g_autoptr (GPtrArray) features = g_ptr_array_new_with_free_func (g_object_unref);
  const char *ignored[] = { "data", NULL };
  g_auto (SwColumnMap) map = { 0 };
  OGRFeatureH ogr_feature;

  /* An older project opened read-only may not have this layer yet. */
  if (layer == NULL)
    return;

  /* Photo data stays in the file until asked for. */
  if (kind == SW_KIND_PHOTO)
    OGR_L_SetIgnoredFields (layer, ignored);

  sw_column_map_init (&map, kind, layer);
  OGR_L_ResetReading (layer);
  while ((ogr_feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      SwFeature *feature = feature_from_ogr (&map, ogr_feature);

      OGR_F_Destroy (ogr_feature);
      g_ptr_array_add (features, feature);
    }

  if (kind == SW_KIND_PHOTO)
    {
      OGR_L_SetIgnoredFields (layer, NULL);
      link_photos_to_findings (self, features);
    }

  for (guint i = 0; i < features->len; i++)
    {
      SwFeature *feature = features->pdata[i];

      if (sw_feature_get_uuid (feature) != NULL)
        g_hash_table_insert (self->index[kind], g_strdup (sw_feature_get_uuid (feature)), feature);
    }
  g_list_store_splice (self->stores[kind], 0, 0, features->pdata, features->len);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
sw_project_dispose (GObject *object)
{
  SwProject *self = SW_PROJECT (object);

  sw_project_close (self);

  G_OBJECT_CLASS (sw_project_parent_class)->dispose (object);
}

static void
sw_project_finalize (GObject *object)
{
  SwProject *self = SW_PROJECT (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->settings, g_hash_table_unref);
  for (guint i = 0; i < SW_N_KINDS; i++)
    {
      g_clear_object (&self->stores[i]);
      g_clear_pointer (&self->index[i], g_hash_table_unref);
    }
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->pending_findings, g_hash_table_unref);

  G_OBJECT_CLASS (sw_project_parent_class)->finalize (object);
}

static void
sw_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SwProject *self = SW_PROJECT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_TITLE:
      g_value_set_string (value, sw_project_get_title (self));
      break;

    case PROP_MUNICIPALITY:
      g_value_set_string (value, sw_project_get_municipality (self));
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, sw_project_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, sw_project_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, sw_project_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, sw_project_get_redo_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_project_class_init (SwProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sw_project_dispose;
  object_class->finalize = sw_project_finalize;
  object_class->get_property = sw_project_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MUNICIPALITY] =
    g_param_spec_string ("municipality", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SwProject::changed:
   *
   * Emitted after an edit, undo or redo was committed to the file.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SwProject::feature-changed:
   * @feature: the listed feature whose stored state changed
   *
   * Emitted for each listed feature updated in place by an edit, undo or
   * redo, after the lists are up to date; additions and removals are the
   * lists' own items-changed. One handler here spares a view watching
   * every feature.
   */
  signals[FEATURE_CHANGED] =
    g_signal_new ("feature-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_FEATURE);

  GDALAllRegister ();
}

static void
sw_project_init (SwProject *self)
{
  for (guint i = 0; i < SW_N_KINDS; i++)
    {
      self->stores[i] = g_list_store_new (sw_kind_get_feature_type (i));
      self->index[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_command_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_command_free);
  self->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pending_findings = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ---------------------------------------------------------------------- */
/* Create, open, close                                                    */

static gboolean
configure_connection (GDALDatasetH dataset)
{
  /* WAL keeps readers and the writer apart; FULL makes a commit survive
   * power loss, not only a crash. */
  return execute_sql (dataset, "PRAGMA journal_mode = WAL") &&
         execute_sql (dataset, "PRAGMA synchronous = FULL");
}

static gboolean
looks_like_sqlite (const char *path,
                   GError    **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  FILE *stream = g_fopen (path, "rb");
  size_t n;

  if (stream == NULL)
    return FALSE;
  n = fread (header, 1, sizeof header, stream);
  fclose (stream);
  return n == sizeof header && memcmp (header, magic, sizeof header) == 0;
}

SwProject *
sw_project_create (GFile       *file,
                   const char  *title,
                   const char  *municipality,
                   GError     **error)
{
  g_autoptr (SwGdalDataset) dataset = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *now = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autofree char *version = NULL;
  const char *options[] = { "VERSION=1.3", NULL };
  GDALDriverH driver;
  gboolean ok = TRUE;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  GDALAllRegister ();

  path = g_file_get_path (file);
  name = display_name (file);
  if (path == NULL)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                   _("Cannot create “%s”: projects must be saved in a local folder."), name);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_EXISTS,
                   _("Cannot create “%s”: a file with that name already exists."), name);
      return NULL;
    }

  /* Built under a temporary name and renamed when complete, so a failure
   * never leaves a half-made project under the user's name. */
  tmp_path = g_strdup_printf ("%s.creating-%08x", path, g_random_int ());
  driver = GDALGetDriverByName ("GPKG");
  CPLPushErrorHandler (CPLQuietErrorHandler);
  CPLErrorReset ();
  dataset = GDALCreate (driver, tmp_path, 0, 0, 0, GDT_Unknown, (char **) options);
  if (dataset == NULL)
    {
      CPLPopErrorHandler ();
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                   _("Cannot create “%s”: %s."), name, gdal_message ());
      return NULL;
    }

  created = g_date_time_new_now_utc ();
  now = g_date_time_format_iso8601 (created);
  version = g_strdup_printf ("%d", SW_PROJECT_SCHEMA_VERSION);

  ok = GDALDatasetStartTransaction (dataset, FALSE) == OGRERR_NONE;
  for (SwKind kind = 0; ok && kind < SW_N_KINDS; kind++)
    ok = create_kind_layer (dataset, kind);
  ok = ok && create_photo_relation (dataset) && create_metadata_layer (dataset) &&
       write_setting (dataset, "schema_version", version) &&
       write_setting (dataset, "title", title) &&
       write_setting (dataset, "municipality", municipality) &&
       write_setting (dataset, "working_crs", SW_PROJECT_DEFAULT_WORKING_CRS) &&
       write_setting (dataset, "created", now) &&
       write_setting (dataset, "application", PACKAGE_NAME " " PACKAGE_VERSION) &&
       GDALDatasetCommitTransaction (dataset) == OGRERR_NONE;
  if (ok)
    ok = configure_connection (dataset);

  if (!ok)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                   _("Cannot create “%s”: %s."), name, gdal_message ());
      g_clear_pointer (&dataset, sw_gdal_dataset_close);
      CPLPopErrorHandler ();
      g_unlink (tmp_path);
      return NULL;
    }

  g_clear_pointer (&dataset, sw_gdal_dataset_close);
  CPLPopErrorHandler ();

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                   _("Cannot create “%s”: %s."), name, g_strerror (saved_errno));
      return NULL;
    }

  return sw_project_open (file, error);
}

static gboolean
check_writable (GFile      *file,
                const char *path,
                GError    **error)
{
  g_autofree char *name = display_name (file);
  g_autofree char *dir = g_path_get_dirname (path);

  /* SQLite's write-ahead log lives beside the file, so the folder must be
   * writable too. */
  if (g_access (path, W_OK) != 0)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_READ_ONLY,
                   _("Cannot open “%s”: the file is read-only. Save a copy in a folder you "
                     "can write to, or ask the owner for write access."),
                   name);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_READ_ONLY,
                   _("Cannot open “%s”: its folder is read-only, and the project needs to "
                     "keep a journal beside the file. Copy the project to a folder you can "
                     "write to."),
                   name);
      return FALSE;
    }
  return TRUE;
}

/* Everything that can refuse a file is checked on a read-only connection,
 * before the file is opened for writing: a refused file stays untouched. */
static GHashTable *
inspect_read_only (GFile      *file,
                   const char *path,
                   GError    **error)
{
  g_autoptr (SwGdalDataset) dataset = NULL;
  g_autofree char *name = display_name (file);
  g_autoptr (GHashTable) settings = NULL;
  const char *version_text;
  gint64 version;

  if (!looks_like_sqlite (path, error))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_GEOPACKAGE,
                   _("Cannot open “%s”: it is not a GeoPackage project file."), name);
      return NULL;
    }

  CPLPushErrorHandler (CPLQuietErrorHandler);
  CPLErrorReset ();
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed_drivers, NULL, NULL);
  CPLPopErrorHandler ();
  if (dataset == NULL)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_GEOPACKAGE,
                   _("Cannot open “%s”: it is not a GeoPackage (%s)."), name, gdal_message ());
      return NULL;
    }

  settings = read_settings (dataset);
  version_text = settings != NULL ? g_hash_table_lookup (settings, "schema_version") : NULL;
  if (version_text == NULL)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_PROJECT,
                   _("Cannot open “%s”: it is a GeoPackage made by another program and holds "
                     "no Safety Walk project. The file was not changed."),
                   name);
      return NULL;
    }

  version = g_ascii_strtoll (version_text, NULL, 10);
  if (version > SW_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NEWER_SCHEMA,
                   _("Cannot open “%s”: it was saved by a newer version of Safety Walk "
                     "(project version %lld, this version reads up to %d). "
                     "Update Safety Walk to open it."),
                   name, (long long) version, SW_PROJECT_SCHEMA_VERSION);
      return NULL;
    }
  if (version < 1)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                   _("Cannot open “%s”: its project version “%s” is not valid."),
                   name, version_text);
      return NULL;
    }

  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    if (kind_since_version (kind) <= version &&
        GDALDatasetGetLayerByName (dataset, sw_kind_get_layer_name (kind)) == NULL)
      {
        g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                     _("Cannot open “%s”: the project is damaged, its layer “%s” is missing."),
                     name, sw_kind_get_layer_name (kind));
        return NULL;
      }

  return g_steal_pointer (&settings);
}

SwProject *
sw_project_open (GFile   *file,
                 GError **error)
{
  return sw_project_open_with_flags (file, SW_PROJECT_OPEN_FLAGS_NONE, error);
}

SwProject *
sw_project_open_with_flags (GFile               *file,
                            SwProjectOpenFlags   flags,
                            GError             **error)
{
  g_autoptr (SwProject) self = NULL;
  gboolean read_only = (flags & SW_PROJECT_OPEN_READ_ONLY) != 0;
  g_autoptr (GHashTable) settings = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  int version;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  GDALAllRegister ();

  path = g_file_get_path (file);
  name = display_name (file);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_FOUND,
                   _("Cannot open “%s”: the file does not exist."), name);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_GEOPACKAGE,
                   _("Cannot open “%s”: it is not a file."), name);
      return NULL;
    }

  if (!(settings = inspect_read_only (file, path, error)))
    return NULL;
  version = (int) g_ascii_strtoll (g_hash_table_lookup (settings, "schema_version"), NULL, 10);
  if (!read_only && !check_writable (file, path, error))
    return NULL;

  self = g_object_new (SW_TYPE_PROJECT, NULL);
  self->read_only = read_only;
  self->file = g_object_ref (file);
  self->path = g_steal_pointer (&path);
  g_hash_table_unref (self->settings);
  self->settings = g_steal_pointer (&settings);

  CPLPushErrorHandler (CPLQuietErrorHandler);
  CPLErrorReset ();
  self->dataset = GDALOpenEx (self->path,
                              GDAL_OF_VECTOR | (read_only ? GDAL_OF_READONLY : GDAL_OF_UPDATE),
                              allowed_drivers, NULL, NULL);
  if (self->dataset == NULL)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                   _("Cannot open “%s”: %s."), name, gdal_message ());
      CPLPopErrorHandler ();
      return NULL;
    }
  if (!read_only && !configure_connection (self->dataset))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                   _("Cannot open “%s” for writing: %s."), name, gdal_message ());
      CPLPopErrorHandler ();
      return NULL;
    }

  /* Read-only, an older project is shown as it is: the columns it lacks
   * keep their defaults, and the file is upgraded only when edited. */
  if (!read_only && version < SW_PROJECT_SCHEMA_VERSION && !migrate (self, version, error))
    {
      CPLPopErrorHandler ();
      return NULL;
    }

  /* Findings before photos: a photo's finding is found by fid. */
  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    load_kind (self, kind);
  CPLPopErrorHandler ();

  return g_steal_pointer (&self);
}

void
sw_project_close (SwProject *self)
{
  g_return_if_fail (SW_IS_PROJECT (self));

  if (self->dataset != NULL)
    {
      CPLPushErrorHandler (CPLQuietErrorHandler);
      GDALClose (self->dataset);
      CPLPopErrorHandler ();
      self->dataset = NULL;
    }
}

gboolean
sw_project_is_open (SwProject *self)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);

  return self->dataset != NULL;
}

static gboolean
check_open (SwProject  *self,
            GError    **error)
{
  g_autofree char *name = NULL;

  if (self->dataset != NULL)
    return TRUE;
  name = display_name (self->file);
  g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_CLOSED,
               _("The project “%s” is closed."), name);
  return FALSE;
}

static gboolean
check_editable (SwProject  *self,
                GError    **error)
{
  g_autofree char *name = NULL;

  if (!check_open (self, error))
    return FALSE;
  if (!self->read_only)
    return TRUE;
  name = display_name (self->file);
  g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_READ_ONLY,
               _("“%s” is open read-only: save a copy to make changes."), name);
  return FALSE;
}

gboolean
sw_project_is_read_only (SwProject *self)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), TRUE);

  return self->read_only;
}

/* ---------------------------------------------------------------------- */
/* Accessors                                                              */

GFile *
sw_project_get_file (SwProject *self)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);

  return self->file;
}

const char *
sw_project_get_title (SwProject *self)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);

  return g_hash_table_lookup (self->settings, "title");
}

const char *
sw_project_get_municipality (SwProject *self)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);

  return g_hash_table_lookup (self->settings, "municipality");
}

const char *
sw_project_get_working_crs (SwProject *self)
{
  const char *crs;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);

  crs = g_hash_table_lookup (self->settings, "working_crs");
  return crs != NULL ? crs : SW_PROJECT_DEFAULT_WORKING_CRS;
}

int
sw_project_get_schema_version (SwProject *self)
{
  const char *version;

  g_return_val_if_fail (SW_IS_PROJECT (self), 0);

  version = g_hash_table_lookup (self->settings, "schema_version");
  return version != NULL ? (int) g_ascii_strtoll (version, NULL, 10) : 0;
}

char *
sw_project_dup_setting (SwProject  *self,
                        const char *key)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_strdup (g_hash_table_lookup (self->settings, key));
}

gboolean
sw_project_set_setting (SwProject   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (!g_str_equal (key, "schema_version"), FALSE);

  if (!check_editable (self, error))
    return FALSE;

  CPLErrorReset ();
  if (GDALDatasetStartTransaction (self->dataset, FALSE) != OGRERR_NONE ||
      !write_setting (self->dataset, key, value) ||
      GDALDatasetCommitTransaction (self->dataset) != OGRERR_NONE)
    {
      GDALDatasetRollbackTransaction (self->dataset);
      return set_write_error (self, error);
    }

  g_hash_table_replace (self->settings, g_strdup (key), g_strdup (value));
  if (g_str_equal (key, "title"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  else if (g_str_equal (key, "municipality"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUNICIPALITY]);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

GListModel *
sw_project_get_features (SwProject *self,
                         SwKind     kind)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (kind < SW_N_KINDS, NULL);

  return G_LIST_MODEL (self->stores[kind]);
}

GListModel *
sw_project_get_walks (SwProject *self)
{
  return sw_project_get_features (self, SW_KIND_WALK);
}

GListModel *
sw_project_get_routes (SwProject *self)
{
  return sw_project_get_features (self, SW_KIND_ROUTE);
}

GListModel *
sw_project_get_stops (SwProject *self)
{
  return sw_project_get_features (self, SW_KIND_STOP);
}

GListModel *
sw_project_get_findings (SwProject *self)
{
  return sw_project_get_features (self, SW_KIND_FINDING);
}

GListModel *
sw_project_get_photos (SwProject *self)
{
  return sw_project_get_features (self, SW_KIND_PHOTO);
}

GListModel *
sw_project_get_measures (SwProject *self)
{
  return sw_project_get_features (self, SW_KIND_MEASURE);
}

GListModel *
sw_project_get_places (SwProject *self)
{
  return sw_project_get_features (self, SW_KIND_PLACE);
}

GListModel *
sw_project_get_tracks (SwProject *self)
{
  return sw_project_get_features (self, SW_KIND_TRACK);
}

SwFeature *
sw_project_lookup (SwProject  *self,
                   SwKind      kind,
                   const char *uuid)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (kind < SW_N_KINDS, NULL);

  if (uuid == NULL)
    return NULL;
  return g_hash_table_lookup (self->index[kind], uuid);
}

guint
sw_project_count (SwProject *self,
                  SwKind     kind)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), 0);
  g_return_val_if_fail (kind < SW_N_KINDS, 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->stores[kind]));
}

SwBounds *
sw_project_get_bounds (SwProject *self)
{
  static const SwKind point_kinds[] = { SW_KIND_STOP, SW_KIND_FINDING, SW_KIND_PLACE };
  SwBounds *bounds;
  GListModel *routes;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);

  bounds = sw_bounds_new ();
  for (guint k = 0; k < G_N_ELEMENTS (point_kinds); k++)
    {
      GListModel *model = G_LIST_MODEL (self->stores[point_kinds[k]]);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (GObject) feature = g_list_model_get_item (model, i);
          double lon, lat;

          g_object_get (feature, "longitude", &lon, "latitude", &lat, NULL);
          sw_bounds_extend (bounds, lon, lat);
        }
    }

  routes = G_LIST_MODEL (self->stores[SW_KIND_ROUTE]);
  for (guint i = 0; i < g_list_model_get_n_items (routes); i++)
    {
      g_autoptr (SwRoute) route = g_list_model_get_item (routes, i);
      GVariant *points = sw_route_get_points (route);
      GVariantIter iter;
      double lon, lat;

      if (points == NULL)
        continue;
      g_variant_iter_init (&iter, points);
      while (g_variant_iter_next (&iter, "(dd)", &lon, &lat))
        sw_bounds_extend (bounds, lon, lat);
    }

  return bounds;
}

/* ---------------------------------------------------------------------- */
/* Applying changes                                                       */

static gboolean
write_photo_mapping (SwProject *self,
                     SwPhoto   *photo)
{
  OGRLayerH mapping = GDALDatasetGetLayerByName (self->dataset, SW_PROJECT_PHOTO_MAPPING_TABLE);
  const char *finding_uuid = sw_photo_get_finding_uuid (photo);
  SwFeature *finding = sw_project_lookup (self, SW_KIND_FINDING, finding_uuid);
  g_autoptr (SwOgrFeature) row = NULL;

  if (finding == NULL && finding_uuid != NULL)
    finding = g_hash_table_lookup (self->pending_findings, finding_uuid);
  if (finding == NULL)
    return TRUE;

  row = OGR_F_Create (OGR_L_GetLayerDefn (mapping));
  OGR_F_SetFieldInteger64 (row, OGR_L_FindFieldIndex (mapping, "base_id", TRUE),
                           sw_feature_get_fid (finding));
  OGR_F_SetFieldInteger64 (row, OGR_L_FindFieldIndex (mapping, "related_id", TRUE),
                           sw_feature_get_fid (SW_FEATURE (photo)));
  return OGR_L_CreateFeature (mapping, row) == OGRERR_NONE;
}

static gboolean
delete_photo_mapping (SwProject *self,
                      gint64     photo_fid)
{
  OGRLayerH mapping = GDALDatasetGetLayerByName (self->dataset, SW_PROJECT_PHOTO_MAPPING_TABLE);
  g_autofree char *filter = g_strdup_printf ("related_id = %" G_GINT64_FORMAT, photo_fid);
  g_autoptr (GArray) fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  OGRFeatureH row;
  gboolean ok = TRUE;

  OGR_L_SetAttributeFilter (mapping, filter);
  OGR_L_ResetReading (mapping);
  while ((row = OGR_L_GetNextFeature (mapping)) != NULL)
    {
      gint64 fid = OGR_F_GetFID (row);

      g_array_append_val (fids, fid);
      OGR_F_Destroy (row);
    }
  OGR_L_SetAttributeFilter (mapping, NULL);

  for (guint i = 0; ok && i < fids->len; i++)
    ok = OGR_L_DeleteFeature (mapping, g_array_index (fids, gint64, i)) == OGRERR_NONE;
  return ok;
}

/* Writes @to in place of @from in the file; either may be NULL. */
static gboolean
write_change (SwProject *self,
              SwFeature *from,
              SwFeature *to)
{
  SwKind kind = sw_feature_get_kind (to != NULL ? to : from);
  OGRLayerH layer = kind_layer (self, kind);
  g_autoptr (SwOgrFeature) ogr_feature = NULL;

  if (to == NULL)
    {
      gint64 fid = sw_feature_get_fid (from);

      if (kind == SW_KIND_PHOTO && !delete_photo_mapping (self, fid))
        return FALSE;
      return OGR_L_DeleteFeature (layer, fid) == OGRERR_NONE;
    }

  ogr_feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  feature_to_ogr (to, layer, ogr_feature);

  if (kind == SW_KIND_PHOTO)
    {
      GBytes *data = sw_photo_get_data (SW_PHOTO (to));
      int index = OGR_L_FindFieldIndex (layer, "data", TRUE);

      if (data != NULL)
        OGR_F_SetFieldBinary (ogr_feature, index, (int) g_bytes_get_size (data),
                              g_bytes_get_data (data, NULL));
    }

  if (from == NULL)
    {
      if (OGR_L_CreateFeature (layer, ogr_feature) != OGRERR_NONE)
        return FALSE;
      sw_feature_set_fid (to, OGR_F_GetFID (ogr_feature));
      if (kind == SW_KIND_PHOTO)
        return write_photo_mapping (self, SW_PHOTO (to));
      return TRUE;
    }

  if (kind == SW_KIND_PHOTO)
    {
      /* An update never carries the photo's data: keep what is stored. */
      const char *ignored[] = { "data", NULL };
      OGRErr err;

      if (sw_photo_get_data (SW_PHOTO (to)) == NULL)
        OGR_L_SetIgnoredFields (layer, ignored);
      err = OGR_L_SetFeature (layer, ogr_feature);
      OGR_L_SetIgnoredFields (layer, NULL);
      if (err != OGRERR_NONE)
        return FALSE;
      if (g_strcmp0 (sw_photo_get_finding_uuid (SW_PHOTO (from)),
                     sw_photo_get_finding_uuid (SW_PHOTO (to))) != 0)
        return delete_photo_mapping (self, sw_feature_get_fid (to)) &&
               write_photo_mapping (self, SW_PHOTO (to));
      return TRUE;
    }

  return OGR_L_SetFeature (layer, ogr_feature) == OGRERR_NONE;
}

/* After the file holds @to, the lists follow. New items are collected in
 * @appended, one array per kind, and spliced in at once by the caller: a
 * bulk import then signals the lists once, not once per item. */
static void
publish_change (SwProject *self,
                SwFeature *from,
                SwFeature *to,
                GPtrArray *appended[SW_N_KINDS],
                GPtrArray *updated)
{
  SwKind kind = sw_feature_get_kind (to != NULL ? to : from);
  const char *uuid = sw_feature_get_uuid (to != NULL ? to : from);
  SwFeature *listed = g_hash_table_lookup (self->index[kind], uuid);

  if (to == NULL)
    {
      guint position;

      if (listed == NULL)
        return;
      if (appended[kind] != NULL && g_ptr_array_find (appended[kind], listed, &position))
        g_ptr_array_remove_index (appended[kind], position);
      else if (g_list_store_find (self->stores[kind], listed, &position))
        g_list_store_remove (self->stores[kind], position);
      g_hash_table_remove (self->index[kind], uuid);
    }
  else if (listed == NULL)
    {
      SwFeature *copy = sw_feature_copy (to);

      /* Listed photos carry thumbnails, not data. */
      if (kind == SW_KIND_PHOTO)
        sw_photo_set_data (SW_PHOTO (copy), NULL);
      g_hash_table_insert (self->index[kind], g_strdup (uuid), copy);
      if (appended[kind] == NULL)
        appended[kind] = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (appended[kind], copy);
    }
  else
    {
      sw_feature_assign (listed, to);
      if (kind == SW_KIND_PHOTO)
        sw_photo_set_data (SW_PHOTO (listed), NULL);
      g_ptr_array_add (updated, g_object_ref (listed));
    }
}

static void
notify_undo_state (SwProject *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

/* Applies @command forwards or backwards as one transaction. On failure the
 * file and the lists are as before. */
static gboolean
apply_command (SwProject *self,
               SwCommand *command,
               gboolean   forward,
               GError   **error)
{
  GPtrArray *appended[SW_N_KINDS] = { NULL };
  g_autoptr (GPtrArray) updated = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = command->changes->len;

  if (!check_editable (self, error))
    return FALSE;

  CPLPushErrorHandler (CPLQuietErrorHandler);
  CPLErrorReset ();
  if (GDALDatasetStartTransaction (self->dataset, FALSE) != OGRERR_NONE)
    {
      CPLPopErrorHandler ();
      return set_write_error (self, error);
    }

  for (guint i = 0; i < n; i++)
    {
      SwChange *change = command->changes->pdata[forward ? i : n - 1 - i];
      SwFeature *from = forward ? change->before : change->after;
      SwFeature *to = forward ? change->after : change->before;

      if (to != NULL && SW_IS_FINDING (to))
        g_hash_table_insert (self->pending_findings, (gpointer) sw_feature_get_uuid (to), to);
      if (!write_change (self, from, to))
        {
          g_hash_table_remove_all (self->pending_findings);
          GDALDatasetRollbackTransaction (self->dataset);
          CPLPopErrorHandler ();
          return set_write_error (self, error);
        }
    }

  g_hash_table_remove_all (self->pending_findings);
  if (GDALDatasetCommitTransaction (self->dataset) != OGRERR_NONE)
    {
      GDALDatasetRollbackTransaction (self->dataset);
      CPLPopErrorHandler ();
      return set_write_error (self, error);
    }
  CPLPopErrorHandler ();

  for (guint i = 0; i < n; i++)
    {
      SwChange *change = command->changes->pdata[forward ? i : n - 1 - i];

      publish_change (self,
                      forward ? change->before : change->after,
                      forward ? change->after : change->before,
                      appended, updated);
    }
  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    if (appended[kind] != NULL)
      {
        g_list_store_splice (self->stores[kind],
                             g_list_model_get_n_items (G_LIST_MODEL (self->stores[kind])), 0,
                             appended[kind]->pdata, appended[kind]->len);
        g_clear_pointer (&appended[kind], g_ptr_array_unref);
      }
  self->generation++;
  for (guint i = 0; i < updated->len; i++)
    if (sw_project_lookup (self, sw_feature_get_kind (updated->pdata[i]),
                           sw_feature_get_uuid (updated->pdata[i])) == updated->pdata[i])
      g_signal_emit (self, signals[FEATURE_CHANGED], 0, updated->pdata[i]);

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

guint64
_sw_project_get_generation (SwProject *self)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), 0);

  return self->generation;
}

/* Runs a new edit and makes it the top of the undo stack. */
static gboolean
run_command (SwProject *self,
             SwCommand *command,
             GError   **error)
{
  if (!apply_command (self, command, TRUE, error))
    {
      sw_command_free (command);
      return FALSE;
    }
  g_ptr_array_add (self->undo_stack, command);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_undo_state (self);
  return TRUE;
}

static SwFeature *snapshot      (SwProject *self,
                                 SwFeature *listed);
static void       collect_children (SwProject  *self,
                                    SwKind      kind,
                                    const char *property,
                                    const char *uuid,
                                    GPtrArray  *out);
static gboolean   update_features (SwProject  *self,
                                   GPtrArray  *features,
                                   const char *label,
                                   const char *status_date,
                                   gboolean    date_given,
                                   GError    **error);
static gboolean   check_feature (SwFeature *feature,
                                 GError   **error);

gboolean
_sw_project_apply_states (SwProject  *self,
                          const char *label,
                          GPtrArray  *pairs,
                          gboolean    undoable,
                          GError    **error)
{
  SwCommand *command;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (pairs != NULL && pairs->len % 2 == 0, FALSE);

  command = sw_command_new (label);
  for (guint i = 0; i < pairs->len; i += 2)
    {
      SwFeature *before = pairs->pdata[i];
      SwFeature *after = pairs->pdata[i + 1];
      SwFeature *after_copy = NULL;

      if (after != NULL)
        {
          if (!check_feature (after, error))
            {
              sw_command_free (command);
              return FALSE;
            }
          after_copy = sw_feature_copy (after);
          sw_feature_set_fid (after_copy, before != NULL ? sw_feature_get_fid (before) : -1);
          /* A photo added keeps its data; the listed copy drops it later. */
          if (SW_IS_PHOTO (after) && sw_photo_get_data (SW_PHOTO (after)) != NULL)
            sw_photo_set_data (SW_PHOTO (after_copy), sw_photo_get_data (SW_PHOTO (after)));
        }
      g_ptr_array_add (command->changes,
                       sw_change_new (before != NULL ? (after == NULL ? snapshot (self, before)
                                                                      : sw_feature_copy (before))
                                                     : NULL,
                                      after_copy));
    }

  if (command->changes->len == 0)
    {
      sw_command_free (command);
      return TRUE;
    }
  if (undoable)
    return run_command (self, command, error);

  if (!apply_command (self, command, TRUE, error))
    {
      sw_command_free (command);
      return FALSE;
    }
  sw_command_free (command);
  return TRUE;
}

static SwFeature *
snapshot (SwProject *self,
          SwFeature *listed)
{
  SwFeature *copy = sw_feature_copy (listed);

  /* A deletion must be undoable with the photo itself. */
  if (SW_IS_PHOTO (copy) && sw_photo_get_data (SW_PHOTO (copy)) == NULL)
    {
      g_autoptr (GBytes) data = sw_project_load_photo_data (self, SW_PHOTO (listed), NULL);

      sw_photo_set_data (SW_PHOTO (copy), data);
    }
  return copy;
}

static const char *
kind_label (SwKind kind,
            int    verb)
{
  /* verb: 0 add, 1 edit, 2 remove */
  static const char *const labels[SW_N_KINDS][3] = {
    [SW_KIND_WALK] = { N_("Add Walk"), N_("Edit Walk"), N_("Delete Walk") },
    [SW_KIND_ROUTE] = { N_("Add Route"), N_("Edit Route"), N_("Delete Route") },
    [SW_KIND_STOP] = { N_("Add Stop"), N_("Edit Stop"), N_("Delete Stop") },
    [SW_KIND_FINDING] = { N_("Add Finding"), N_("Edit Finding"), N_("Delete Finding") },
    [SW_KIND_PHOTO] = { N_("Add Photo"), N_("Edit Photo"), N_("Remove Photo") },
    [SW_KIND_MEASURE] = { N_("Add Measure"), N_("Edit Measure"), N_("Delete Measure") },
    [SW_KIND_PLACE] = { N_("Add Place"), N_("Edit Place"), N_("Delete Place") },
    [SW_KIND_TRACK] = { N_("Add Track"), N_("Edit Track"), N_("Delete Track") },
    [SW_KIND_STATUS_CHANGE] = { N_("Change Status"), N_("Edit Status Change"), N_("Delete Status Change") },
  };

  return labels[kind][verb];
}

/* ---------------------------------------------------------------------- */
/* Edits                                                                  */

/* Now, to the millisecond that GeoPackage keeps, so that a listed object
 * holds exactly what a reader of the file sees. */
static GDateTime *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add (now, -(g_date_time_get_microsecond (now) % 1000));
}

GDateTime *
_sw_project_now (void)
{
  return now_utc ();
}

static gboolean
refuse (GError    **error,
        const char *message)
{
  g_set_error_literal (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED, message);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* Each list has its own message, a whole sentence for translators. */
#define REFUSE_KEY(message) \
  G_STMT_START { \
    g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED, message, key); \
    return FALSE; \
  } G_STMT_END

static gboolean
check_key (SwVocabulary  vocabulary,
           const char   *key,
           GError      **error)
{
  if (key == NULL || sw_vocabulary_has_key (vocabulary, key))
    return TRUE;

  switch (vocabulary)
    {
    case SW_VOCABULARY_CATEGORY: REFUSE_KEY (_("“%s” is not a known category."));
    case SW_VOCABULARY_MEASURE_TYPE: REFUSE_KEY (_("“%s” is not a known type of measure."));
    case SW_VOCABULARY_MEASURE_STATUS: REFUSE_KEY (_("“%s” is not a known status of a measure."));
    case SW_VOCABULARY_RESPONSIBLE: REFUSE_KEY (_("“%s” is not a known responsible party."));
    case SW_VOCABULARY_LIGHT: REFUSE_KEY (_("“%s” is neither daylight nor darkness."));
    case SW_VOCABULARY_UNSAFE_FOR: REFUSE_KEY (_("“%s” is not a known group of people."));
    case SW_VOCABULARY_EFFECT: REFUSE_KEY (_("“%s” is not a known effect of a measure."));
    case SW_VOCABULARY_SEVERITY:
    default: REFUSE_KEY (_("“%s” is not a known value."));
    }
}

#undef REFUSE_KEY

/* Every word of a comma-separated list is one of @vocabulary's keys. */
static gboolean
check_key_list (SwVocabulary  vocabulary,
                const char   *keys,
                GError      **error)
{
  g_auto (GStrv) parts = NULL;

  if (keys == NULL || *keys == '\0')
    return TRUE;
  parts = g_strsplit (keys, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (!check_key (vocabulary, g_strstrip (parts[i]), error))
      return FALSE;
  return TRUE;
}

/* A day as YYYY-MM-DD, the form dates of walks and measures are kept in. */
static gboolean
check_date (const char *date,
            gboolean    is_due_date,
            GError    **error)
{
  if (date == NULL || sw_parse_date (date, NULL))
    return TRUE;
  if (is_due_date)
    g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED,
                 _("“%s” is not a due date: write it as year-month-day, e.g. 2026-12-15."), date);
  else
    g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED,
                 _("“%s” is not a date: write it as year-month-day, e.g. 2026-12-15."), date);
  return FALSE;
}

static gboolean
check_position (double  longitude,
                double  latitude,
                GError **error)
{
  if (!isfinite (longitude) || !isfinite (latitude) ||
      fabs (longitude) > 180.0 || fabs (latitude) > 90.0)
    return refuse (error, _("A place on the map needs a valid position."));
  return TRUE;
}

/* The rules a stored feature keeps, whoever makes the edit: the GUI, an
 * import or the CLI. */
static gboolean
check_feature (SwFeature  *feature,
               GError    **error)
{
  switch (sw_feature_get_kind (feature))
    {
    case SW_KIND_FINDING:
      {
        SwFinding *finding = SW_FINDING (feature);
        const char *category = sw_finding_get_category (finding);
        int severity = sw_finding_get_severity (finding);

        if (!check_position (sw_finding_get_longitude (finding), sw_finding_get_latitude (finding), error) ||
            !check_key (SW_VOCABULARY_CATEGORY, category, error) ||
            !check_key_list (SW_VOCABULARY_CATEGORY, sw_finding_get_categories (finding), error) ||
            !check_key (SW_VOCABULARY_LIGHT, sw_finding_get_light (finding), error) ||
            !check_key_list (SW_VOCABULARY_UNSAFE_FOR, sw_finding_get_unsafe_for (finding), error))
          return FALSE;
        if (g_strcmp0 (category, "positive") == 0 && severity != 0)
          return refuse (error, _("A safe and pleasant place has no severity."));
        return TRUE;
      }

    case SW_KIND_STOP:
      return check_position (sw_stop_get_longitude (SW_STOP (feature)),
                             sw_stop_get_latitude (SW_STOP (feature)), error);

    case SW_KIND_PLACE:
      return check_position (sw_place_get_longitude (SW_PLACE (feature)),
                             sw_place_get_latitude (SW_PLACE (feature)), error);

    case SW_KIND_WALK:
      return check_key (SW_VOCABULARY_LIGHT, sw_walk_get_light (SW_WALK (feature)), error);

    case SW_KIND_MEASURE:
      {
        SwMeasure *measure = SW_MEASURE (feature);
        const char *status = sw_measure_get_status (measure);
        const char *reason = sw_measure_get_status_reason (measure);

        if (!check_key (SW_VOCABULARY_MEASURE_TYPE, sw_measure_get_measure_type (measure), error) ||
            !check_key (SW_VOCABULARY_MEASURE_STATUS, status, error) ||
            !check_key (SW_VOCABULARY_RESPONSIBLE, sw_measure_get_responsible (measure), error) ||
            !check_key (SW_VOCABULARY_EFFECT, sw_measure_get_effect (measure), error))
          return FALSE;
        if (!check_date (sw_measure_get_due_date (measure), TRUE, error))
          return FALSE;
        if (sw_measure_get_cost (measure) < 0.0 || isnan (sw_measure_get_cost (measure)))
          return refuse (error, _("A cost cannot be negative."));
        if (g_strcmp0 (status, "rejected") == 0 && is_blank (reason))
          return refuse (error, _("A rejected measure needs a reason: write why it was rejected."));
        if (g_strcmp0 (status, "followed-up") == 0 && sw_measure_get_effect (measure) == NULL)
          return refuse (error, _("A followed-up measure needs its effect: better, unchanged or worse."));
        return TRUE;
      }

    case SW_KIND_STATUS_CHANGE:
      {
        SwStatusChange *change = SW_STATUS_CHANGE (feature);

        if (sw_status_change_get_status (change) == NULL)
          return refuse (error, _("A status change needs the status it changed to."));
        return check_key (SW_VOCABULARY_MEASURE_STATUS, sw_status_change_get_status (change), error) &&
               check_date (sw_status_change_get_date (change), FALSE, error);
      }

    case SW_KIND_ROUTE:
    case SW_KIND_PHOTO:
    case SW_KIND_TRACK:
    case SW_N_KINDS:
    default:
      return TRUE;
    }
}

gboolean
_sw_project_check_feature (SwFeature  *feature,
                           GError    **error)
{
  g_return_val_if_fail (SW_IS_FEATURE (feature), FALSE);

  return check_feature (feature, error);
}

/* Today in the user's time zone, as YYYY-MM-DD: the day a status change is
 * dated when no other is given. */
static char *
today_text (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
is_decision_status (const char *status)
{
  return g_strcmp0 (status, "decided") == 0 || g_strcmp0 (status, "in-progress") == 0 ||
         g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "followed-up") == 0;
}

/* The day the measure was decided: its first change to decided or to a
 * later step of the work (in progress, done, followed up), among the
 * stored history and, if given, a change on @pending_date to its status. */
static char *
decision_date (SwProject  *self,
               SwMeasure  *measure,
               const char *pending_date)
{
  GListModel *changes = G_LIST_MODEL (self->stores[SW_KIND_STATUS_CHANGE]);
  const char *uuid = sw_feature_get_uuid (SW_FEATURE (measure));
  const char *earliest = NULL;
  guint n = g_list_model_get_n_items (changes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwStatusChange) change = g_list_model_get_item (changes, i);
      const char *date = sw_status_change_get_date (change);

      if (g_strcmp0 (sw_status_change_get_measure_uuid (change), uuid) == 0 &&
          is_decision_status (sw_status_change_get_status (change)) && date != NULL &&
          (earliest == NULL || strcmp (date, earliest) < 0))
        earliest = sw_status_change_get_date (change);
    }
  if (pending_date != NULL && is_decision_status (sw_measure_get_status (measure)) &&
      (earliest == NULL || strcmp (pending_date, earliest) < 0))
    earliest = pending_date;
  return g_strdup (earliest);
}

/* A measure cannot be due before it was decided. */
static gboolean
check_measure_dates (SwProject  *self,
                     SwMeasure  *measure,
                     const char *pending_date,
                     GError    **error)
{
  const char *due = sw_measure_get_due_date (measure);
  g_autofree char *decided = NULL;

  if (pending_date != NULL && !check_date (pending_date, FALSE, error))
    return FALSE;
  if (due == NULL)
    return TRUE;
  decided = decision_date (self, measure, pending_date);
  /* Both are YYYY-MM-DD: text order is date order. */
  if (decided != NULL && strcmp (due, decided) < 0)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED,
                   _("The due date %s is before the decision on %s: a measure cannot be due "
                     "before it was decided. Choose a later due date."),
                   due, decided);
      return FALSE;
    }
  return TRUE;
}

/* The history row of @measure reaching its current status on @date. */
static SwFeature *
new_status_change (SwMeasure  *measure,
                   const char *date,
                   GDateTime  *now)
{
  g_autoptr (SwStatusChange) change = sw_status_change_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  const char *status = sw_measure_get_status (measure);
  SwFeature *stored;

  sw_status_change_set_measure_uuid (change, sw_feature_get_uuid (SW_FEATURE (measure)));
  sw_status_change_set_status (change, status);
  sw_status_change_set_date (change, date);
  if (g_strcmp0 (status, "rejected") == 0)
    sw_status_change_set_note (change, sw_measure_get_status_reason (measure));
  else if (g_strcmp0 (status, "followed-up") == 0)
    sw_status_change_set_note (change, sw_measure_get_effect (measure));

  stored = sw_feature_copy (SW_FEATURE (change));
  sw_feature_set_uuid (stored, uuid);
  sw_feature_set_created (stored, now);
  sw_feature_set_modified (stored, now);
  sw_feature_set_fid (stored, -1);
  return stored;
}

/* The stored form of a new feature: a fresh uuid unless it brings one the
 * project does not have yet, the time, no fid. */
static SwFeature *
prepare_addition (SwProject  *self,
                  SwFeature  *feature,
                  GHashTable *batch_uuids,
                  GDateTime  *now)
{
  SwKind kind = sw_feature_get_kind (feature);
  SwFeature *after = sw_feature_copy (feature);
  const char *uuid = sw_feature_get_uuid (after);

  if (uuid == NULL || !g_uuid_string_is_valid (uuid) ||
      g_hash_table_contains (self->index[kind], uuid) ||
      g_hash_table_contains (batch_uuids, uuid))
    {
      g_autofree char *fresh = g_uuid_string_random ();

      sw_feature_set_uuid (after, fresh);
    }
  g_hash_table_add (batch_uuids, (gpointer) sw_feature_get_uuid (after));
  if (sw_feature_get_created (after) == NULL)
    sw_feature_set_created (after, now);
  sw_feature_set_modified (after, now);
  sw_feature_set_fid (after, -1);
  return after;
}

SwFeature *
sw_project_add (SwProject  *self,
                SwFeature  *feature,
                GError    **error)
{
  g_autoptr (GPtrArray) features = g_ptr_array_new ();
  g_autoptr (GPtrArray) added = NULL;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (SW_IS_FEATURE (feature), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_ptr_array_add (features, feature);
  added = sw_project_add_many (self, features,
                               g_dgettext (GETTEXT_PACKAGE,
                                           kind_label (sw_feature_get_kind (feature), 0)),
                               error);
  return added != NULL ? added->pdata[0] : NULL;
}

/* Adds every feature of @features, of any kinds, in one transaction and one
 * undo step labelled @label. Returns the listed objects, in order. */
GPtrArray *
sw_project_add_many (SwProject   *self,
                     GPtrArray   *features,
                     const char  *label,
                     GError     **error)
{
  g_autoptr (GHashTable) batch_uuids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GPtrArray) added = NULL;
  g_autofree char *today = NULL;
  SwCommand *command;
  guint n_added;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (features != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < features->len; i++)
    {
      g_return_val_if_fail (SW_IS_FEATURE (features->pdata[i]), NULL);
      if (!check_feature (features->pdata[i], error))
        return NULL;
    }

  now = now_utc ();
  today = today_text ();
  command = sw_command_new (label);
  for (guint i = 0; i < features->len; i++)
    {
      g_ptr_array_add (command->changes,
                       sw_change_new (NULL, prepare_addition (self, features->pdata[i],
                                                              batch_uuids, now)));
    }
  /* A new measure starts its history with the status it is given. */
  n_added = command->changes->len;
  for (guint i = 0; i < n_added; i++)
    {
      SwFeature *after = ((SwChange *) command->changes->pdata[i])->after;

      if (SW_IS_MEASURE (after) && sw_measure_get_status (SW_MEASURE (after)) != NULL)
        {
          g_ptr_array_add (command->changes,
                           sw_change_new (NULL, new_status_change (SW_MEASURE (after), today, now)));
        }
    }
  if (!run_command (self, command, error))
    return NULL;

  added = g_ptr_array_new_full (n_added, g_object_unref);
  for (guint i = 0; i < n_added; i++)
    {
      SwFeature *after = ((SwChange *) command->changes->pdata[i])->after;

      g_ptr_array_add (added, g_object_ref (sw_project_lookup (self, sw_feature_get_kind (after),
                                                               sw_feature_get_uuid (after))));
    }
  return g_steal_pointer (&added);
}

gboolean
sw_project_update (SwProject  *self,
                   SwFeature  *feature,
                   GError    **error)
{
  g_autoptr (GPtrArray) features = g_ptr_array_new ();

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SW_IS_FEATURE (feature), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_ptr_array_add (features, feature);
  return sw_project_update_many (self, features,
                                 g_dgettext (GETTEXT_PACKAGE,
                                             kind_label (sw_feature_get_kind (feature), 1)),
                                 error);
}

/* Updates every feature of @features (edited copies of listed ones) in one
 * transaction and one undo step labelled @label; copies equal to what is
 * listed are skipped, and nothing at all is written when all are. */
gboolean
sw_project_update_many (SwProject   *self,
                        GPtrArray   *features,
                        const char  *label,
                        GError     **error)
{
  g_autofree char *today = NULL;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (features != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  today = today_text ();
  return update_features (self, features, label, today, FALSE, error);
}

/* The body of sw_project_update_many(): a measure whose status changes gets
 * a history row dated @status_date in the same step. The due date is held
 * against the decision when either is set by the user: a new due date, or
 * a status change on a day the user gave (@date_given). Today's date given
 * by default is not held against an older due date: a measure entered late
 * is overdue, not wrong. */
static gboolean
update_features (SwProject   *self,
                 GPtrArray   *features,
                 const char  *label,
                 const char  *status_date,
                 gboolean     date_given,
                 GError     **error)
{
  g_autoptr (GDateTime) now = NULL;
  SwCommand *command;

  now = now_utc ();
  command = sw_command_new (label);
  for (guint i = 0; i < features->len; i++)
    {
      SwFeature *feature = features->pdata[i];
      SwFeature *listed;
      SwFeature *after;

      g_return_val_if_fail (SW_IS_FEATURE (feature), FALSE);
      if (!check_feature (feature, error))
        {
          sw_command_free (command);
          return FALSE;
        }
      listed = sw_project_lookup (self, sw_feature_get_kind (feature),
                                  sw_feature_get_uuid (feature));
      if (listed == NULL)
        {
          sw_command_free (command);
          g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                       _("The item to change is no longer in the project."));
          return FALSE;
        }

      after = sw_feature_copy (feature);
      sw_feature_set_fid (after, sw_feature_get_fid (listed));
      sw_feature_set_created (after, sw_feature_get_created (listed));
      sw_feature_set_modified (after, sw_feature_get_modified (listed));
      if (sw_feature_equal (after, listed))
        {
          g_object_unref (after);
          continue;
        }
      sw_feature_set_modified (after, now);
      g_ptr_array_add (command->changes, sw_change_new (sw_feature_copy (listed), after));

      if (SW_IS_MEASURE (after))
        {
          gboolean status_changed = g_strcmp0 (sw_measure_get_status (SW_MEASURE (after)),
                                               sw_measure_get_status (SW_MEASURE (listed))) != 0 &&
                                    sw_measure_get_status (SW_MEASURE (after)) != NULL;

          gboolean due_changed = g_strcmp0 (sw_measure_get_due_date (SW_MEASURE (after)),
                                            sw_measure_get_due_date (SW_MEASURE (listed))) != 0;

          if ((due_changed || (status_changed && date_given)) &&
              !check_measure_dates (self, SW_MEASURE (after),
                                    status_changed && date_given ? status_date : NULL, error))
            {
              sw_command_free (command);
              return FALSE;
            }
          if (status_changed)
            g_ptr_array_add (command->changes,
                             sw_change_new (NULL, new_status_change (SW_MEASURE (after), status_date, now)));
        }
    }

  if (command->changes->len == 0)
    {
      sw_command_free (command);
      return TRUE;
    }
  return run_command (self, command, error);
}

gboolean
sw_project_edit (SwProject  *self,
                 SwFeature  *feature,
                 GError    **error,
                 const char *first_property_name,
                 ...)
{
  g_autoptr (SwFeature) copy = NULL;
  va_list args;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SW_IS_FEATURE (feature), FALSE);

  copy = sw_feature_copy (feature);
  va_start (args, first_property_name);
  g_object_set_valist (G_OBJECT (copy), first_property_name, args);
  va_end (args);

  return sw_project_update (self, copy, error);
}

gboolean
sw_project_set_measure_status (SwProject   *self,
                               SwMeasure   *measure,
                               const char  *status,
                               const char  *date,
                               const char  *note,
                               GError     **error)
{
  g_autoptr (SwFeature) copy = NULL;
  g_autoptr (GPtrArray) features = g_ptr_array_new ();
  g_autofree char *today = NULL;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SW_IS_MEASURE (measure), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (date == NULL)
    date = today = today_text ();
  if (!check_date (date, FALSE, error))
    return FALSE;

  copy = sw_feature_copy (SW_FEATURE (measure));
  sw_measure_set_status (SW_MEASURE (copy), status);
  if (g_str_equal (status, "rejected") && note != NULL)
    sw_measure_set_status_reason (SW_MEASURE (copy), note);
  else if (g_str_equal (status, "followed-up") && note != NULL)
    sw_measure_set_effect (SW_MEASURE (copy), note);

  g_ptr_array_add (features, copy);
  return update_features (self, features, _("Change Status"), date, TRUE, error);
}

static int
compare_status_change (gconstpointer a,
                       gconstpointer b)
{
  SwStatusChange *ca = *(SwStatusChange **) a;
  SwStatusChange *cb = *(SwStatusChange **) b;
  int by_date = g_strcmp0 (sw_status_change_get_date (ca), sw_status_change_get_date (cb));

  if (by_date != 0)
    return by_date;
  return (int) CLAMP (sw_feature_get_fid (SW_FEATURE (ca)) - sw_feature_get_fid (SW_FEATURE (cb)),
                      -1, 1);
}

GPtrArray *
sw_project_list_status_changes (SwProject *self,
                                SwMeasure *measure)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SW_IS_PROJECT (self), changes);
  g_return_val_if_fail (SW_IS_MEASURE (measure), changes);

  collect_children (self, SW_KIND_STATUS_CHANGE, "measure-uuid",
                    sw_feature_get_uuid (SW_FEATURE (measure)), changes);
  g_ptr_array_sort (changes, compare_status_change);
  return changes;
}

char *
sw_project_dup_decision_date (SwProject *self,
                              SwMeasure *measure)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (SW_IS_MEASURE (measure), NULL);

  return decision_date (self, measure, NULL);
}

static void
collect_children (SwProject  *self,
                  SwKind      kind,
                  const char *property,
                  const char *uuid,
                  GPtrArray  *out)
{
  GListModel *model = G_LIST_MODEL (self->stores[kind]);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwFeature) child = g_list_model_get_item (model, i);
      g_autofree char *value = NULL;

      g_object_get (child, property, &value, NULL);
      if (g_strcmp0 (value, uuid) == 0)
        g_ptr_array_add (out, g_object_ref (child));
    }
}

/* Children first, so that undoing in reverse restores parents first. */
static void
add_removal (SwProject *self,
             SwCommand *command,
             SwFeature *listed)
{
  g_autoptr (GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  const char *uuid = sw_feature_get_uuid (listed);

  switch (sw_feature_get_kind (listed))
    {
    case SW_KIND_WALK:
      collect_children (self, SW_KIND_TRACK, "walk-uuid", uuid, children);
      collect_children (self, SW_KIND_FINDING, "walk-uuid", uuid, children);
      collect_children (self, SW_KIND_STOP, "walk-uuid", uuid, children);
      collect_children (self, SW_KIND_ROUTE, "walk-uuid", uuid, children);
      break;

    case SW_KIND_ROUTE:
      collect_children (self, SW_KIND_STOP, "route-uuid", uuid, children);
      break;

    case SW_KIND_FINDING:
      collect_children (self, SW_KIND_PHOTO, "finding-uuid", uuid, children);
      collect_children (self, SW_KIND_MEASURE, "finding-uuid", uuid, children);
      break;

    case SW_KIND_PLACE:
      collect_children (self, SW_KIND_MEASURE, "place-uuid", uuid, children);
      break;

    case SW_KIND_MEASURE:
      collect_children (self, SW_KIND_STATUS_CHANGE, "measure-uuid", uuid, children);
      break;

    case SW_KIND_STOP:
    case SW_KIND_PHOTO:
    case SW_KIND_STATUS_CHANGE:
    case SW_KIND_TRACK:
    case SW_N_KINDS:
    default:
      break;
    }

  for (guint i = 0; i < children->len; i++)
    {
      SwFeature *child = children->pdata[i];
      gboolean seen = FALSE;

      /* A stop of the walk's route is reached twice. */
      for (guint j = 0; j < command->changes->len && !seen; j++)
        {
          SwChange *change = command->changes->pdata[j];

          seen = g_strcmp0 (sw_feature_get_uuid (change->before), sw_feature_get_uuid (child)) == 0 &&
                 sw_feature_get_kind (change->before) == sw_feature_get_kind (child);
        }
      if (!seen)
        add_removal (self, command, child);
    }

  g_ptr_array_add (command->changes, sw_change_new (snapshot (self, listed), NULL));
}

gboolean
sw_project_remove (SwProject  *self,
                   SwFeature  *feature,
                   GError    **error)
{
  SwFeature *listed;
  SwKind kind;
  SwCommand *command;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SW_IS_FEATURE (feature), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kind = sw_feature_get_kind (feature);
  listed = sw_project_lookup (self, kind, sw_feature_get_uuid (feature));
  if (listed == NULL)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                   _("The item to delete is no longer in the project."));
      return FALSE;
    }

  command = sw_command_new (g_dgettext (GETTEXT_PACKAGE, kind_label (kind, 2)));

  /* A place's findings stay, without a place until the next grouping. */
  if (kind == SW_KIND_PLACE)
    {
      g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GDateTime) now = now_utc ();

      collect_children (self, SW_KIND_FINDING, "place-uuid", sw_feature_get_uuid (listed), findings);
      for (guint i = 0; i < findings->len; i++)
        {
          SwFeature *after = sw_feature_copy (findings->pdata[i]);

          sw_finding_set_place_uuid (SW_FINDING (after), NULL);
          sw_finding_set_place_pinned (SW_FINDING (after), FALSE);
          sw_feature_set_modified (after, now);
          g_ptr_array_add (command->changes, sw_change_new (sw_feature_copy (findings->pdata[i]), after));
        }
    }

  add_removal (self, command, listed);
  return run_command (self, command, error);
}

/* ---------------------------------------------------------------------- */
/* Photos                                                                 */

SwPhoto *
sw_project_add_photo (SwProject  *self,
                      SwFinding  *finding,
                      GBytes     *image,
                      guint       max_edge,
                      GError    **error)
{
  g_autoptr (SwPhoto) photo = NULL;
  g_autoptr (GBytes) jpeg = NULL;
  g_autoptr (GBytes) thumbnail = NULL;
  g_autoptr (GPtrArray) existing = NULL;
  g_auto (SwPhotoExif) exif = { 0 };
  g_autofree char *source_sha256 = NULL;
  int width, height;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (SW_IS_FINDING (finding), NULL);
  g_return_val_if_fail (image != NULL, NULL);

  if (!sw_photo_image_process (image, max_edge, &jpeg, &thumbnail, &width, &height, error))
    return NULL;

  existing = sw_project_list_finding_photos (self, finding);
  source_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, image);
  photo = sw_photo_new ();
  sw_photo_set_source_sha256 (photo, source_sha256);
  sw_photo_set_finding_uuid (photo, sw_feature_get_uuid (SW_FEATURE (finding)));
  sw_photo_set_position (photo, (int) existing->len);
  sw_photo_set_content_type (photo, "image/jpeg");
  sw_photo_set_width (photo, width);
  sw_photo_set_height (photo, height);
  sw_photo_set_thumbnail (photo, thumbnail);
  sw_photo_set_data (photo, jpeg);

  /* The stored JPEG has no EXIF left: what matters of it is kept here. */
  if (sw_photo_image_read_exif (image, &exif))
    {
      sw_photo_set_taken_at (photo, exif.taken_at);
      if (exif.has_position)
        {
          sw_photo_set_taken_lat (photo, exif.latitude);
          sw_photo_set_taken_lon (photo, exif.longitude);
        }
    }

  return SW_PHOTO (sw_project_add (self, SW_FEATURE (photo), error));
}

GBytes *
sw_project_load_photo_data (SwProject  *self,
                            SwPhoto    *photo,
                            GError    **error)
{
  OGRLayerH layer;
  g_autoptr (SwOgrFeature) row = NULL;
  const GByte *data;
  int size = 0;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (SW_IS_PHOTO (photo), NULL);

  if (!check_open (self, error))
    return NULL;

  layer = kind_layer (self, SW_KIND_PHOTO);
  row = OGR_L_GetFeature (layer, sw_feature_get_fid (SW_FEATURE (photo)));
  if (row == NULL)
    {
      g_autofree char *name = display_name (self->file);

      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                   _("The photo is missing from “%s”."), name);
      return NULL;
    }
  data = OGR_F_GetFieldAsBinary (row, OGR_L_FindFieldIndex (layer, "data", TRUE), &size);
  return g_bytes_new (data, size);
}

SwPhoto *
sw_project_find_photo_by_source (SwProject  *self,
                                 const char *source_sha256)
{
  GListModel *photos;
  guint n;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);

  if (source_sha256 == NULL)
    return NULL;

  photos = G_LIST_MODEL (self->stores[SW_KIND_PHOTO]);
  n = g_list_model_get_n_items (photos);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwPhoto) photo = g_list_model_get_item (photos, i);

      if (g_strcmp0 (sw_photo_get_source_sha256 (photo), source_sha256) == 0)
        return photo;
    }
  return NULL;
}

static int
compare_photo_position (gconstpointer a,
                        gconstpointer b)
{
  SwPhoto *pa = *(SwPhoto **) a;
  SwPhoto *pb = *(SwPhoto **) b;

  return sw_photo_get_position (pa) - sw_photo_get_position (pb);
}

GPtrArray *
sw_project_list_finding_photos (SwProject *self,
                                SwFinding *finding)
{
  GPtrArray *photos = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SW_IS_PROJECT (self), photos);
  g_return_val_if_fail (SW_IS_FINDING (finding), photos);

  collect_children (self, SW_KIND_PHOTO, "finding-uuid",
                    sw_feature_get_uuid (SW_FEATURE (finding)), photos);
  g_ptr_array_sort (photos, compare_photo_position);
  return photos;
}

/* ---------------------------------------------------------------------- */
/* Undo and redo                                                          */

gboolean
sw_project_can_undo (SwProject *self)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
sw_project_can_redo (SwProject *self)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);

  return self->redo_stack->len > 0;
}

const char *
sw_project_get_undo_label (SwProject *self)
{
  SwCommand *command;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);

  if (self->undo_stack->len == 0)
    return NULL;
  command = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);
  return command->label;
}

const char *
sw_project_get_redo_label (SwProject *self)
{
  SwCommand *command;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);

  if (self->redo_stack->len == 0)
    return NULL;
  command = g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1);
  return command->label;
}

static gboolean
move_command (SwProject *self,
              GPtrArray *from_stack,
              GPtrArray *to_stack,
              gboolean   forward,
              GError   **error)
{
  SwCommand *command;

  if (from_stack->len == 0)
    {
      g_set_error_literal (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOTHING_TO_UNDO,
                           forward ? _("There is nothing to redo.") : _("There is nothing to undo."));
      return FALSE;
    }

  command = g_ptr_array_index (from_stack, from_stack->len - 1);
  if (!apply_command (self, command, forward, error))
    return FALSE;

  g_ptr_array_add (to_stack, g_ptr_array_steal_index (from_stack, from_stack->len - 1));
  notify_undo_state (self);
  return TRUE;
}

gboolean
sw_project_undo (SwProject  *self,
                 GError    **error)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);

  return move_command (self, self->undo_stack, self->redo_stack, FALSE, error);
}

gboolean
sw_project_redo (SwProject  *self,
                 GError    **error)
{
  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);

  return move_command (self, self->redo_stack, self->undo_stack, TRUE, error);
}

/* ---------------------------------------------------------------------- */
/* Save a copy and validate                                               */

/* Uses its own SQLite connection, so it may run in a worker thread while
 * the project stays open; WAL gives it a consistent snapshot. */
gboolean
sw_project_save_copy (SwProject  *self,
                      GFile      *destination,
                      GError    **error)
{
  g_autoptr (sqlite3) source = NULL;
  g_autoptr (sqlite3) target = NULL;
  g_autofree char *dest_path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *name = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  name = display_name (destination);
  dest_path = g_file_get_path (destination);
  if (dest_path == NULL)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                   _("Cannot save a copy as “%s”: choose a local folder."), name);
      return FALSE;
    }
  if (g_file_equal (destination, self->file))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                   _("Cannot save a copy as “%s”: that is the open project itself."), name);
      return FALSE;
    }

  tmp_path = g_strdup_printf ("%s.saving-%08x", dest_path, g_random_int ());
  rc = sqlite3_open_v2 (self->path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (tmp_path, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", source, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (target);
    }
  /* A copy travels as one file: no write-ahead log beside it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                   _("Cannot save a copy as “%s”: %s."), name,
                   target != NULL ? sqlite3_errmsg (target) : sqlite3_errstr (rc));
      g_clear_pointer (&target, sqlite3_close);
      g_unlink (tmp_path);
      return FALSE;
    }

  g_clear_pointer (&target, sqlite3_close);
  if (g_rename (tmp_path, dest_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_WRITE,
                   _("Cannot save a copy as “%s”: %s."), name, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
check_sqlite (const char *path,
              GPtrArray  *problems)
{
  g_autoptr (sqlite3) db = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      add_problem (problems, _("SQLite cannot open the file: %s"), sqlite3_errmsg (db));
      return;
    }

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *line = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (line, "ok") != 0)
            add_problem (problems, _("SQLite integrity check: %s"), line);
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0x47504B47)
    add_problem (problems, _("The file does not declare itself a GeoPackage (application_id)."));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) < 10200)
    add_problem (problems, _("The GeoPackage version %d is older than 1.2."),
                 sqlite3_column_int (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    add_problem (problems, _("A foreign key points at a missing row in table “%s”."),
                 (const char *) sqlite3_column_text (stmt, 0));
}

static void
check_layers (GDALDatasetH dataset,
              gint64       version,
              GPtrArray   *problems)
{
  gboolean current_schema = version == SW_PROJECT_SCHEMA_VERSION;

  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    {
      const char *layer_name = sw_kind_get_layer_name (kind);
      OGRLayerH layer = GDALDatasetGetLayerByName (dataset, layer_name);
      g_autofree GParamSpec **pspecs = NULL;
      g_autoptr (GHashTable) uuids = NULL;
      OGRwkbGeometryType expected = kind_geometry_type (kind);
      OGRFeatureH feature;
      guint n_pspecs;
      int uuid_index;

      if (layer == NULL && kind_since_version (kind) > version)
        continue;
      if (layer == NULL)
        {
          add_problem (problems, _("The layer “%s” is missing."), layer_name);
          continue;
        }

      if (OGR_L_GetGeomType (layer) != expected)
        add_problem (problems, _("The layer “%s” has the geometry type %s instead of %s."),
                     layer_name, OGRGeometryTypeToName (OGR_L_GetGeomType (layer)),
                     OGRGeometryTypeToName (expected));

      if (expected != wkbNone)
        {
          OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);
          const char *code = srs != NULL ? OSRGetAuthorityCode (srs, NULL) : NULL;

          if (g_strcmp0 (code, "4326") != 0)
            add_problem (problems, _("The layer “%s” is not stored in EPSG:4326."), layer_name);
        }

      pspecs = sw_feature_list_stored_properties (sw_kind_get_feature_type (kind), &n_pspecs);
      for (guint i = 0; current_schema && i < n_pspecs; i++)
        {
          g_autofree char *column = column_name (pspecs[i]->name);

          if (OGR_L_FindFieldIndex (layer, column, TRUE) < 0)
            add_problem (problems, _("The layer “%s” has no column “%s”."), layer_name, column);
        }

      uuid_index = OGR_L_FindFieldIndex (layer, "uuid", TRUE);
      if (uuid_index < 0)
        continue;

      uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      OGR_L_ResetReading (layer);
      while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
        {
          const char *uuid = OGR_F_GetFieldAsString (feature, uuid_index);
          OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

          if (!OGR_F_IsFieldSetAndNotNull (feature, uuid_index) || !g_uuid_string_is_valid (uuid))
            add_problem (problems, _("Feature %lld in “%s” has no valid uuid."),
                         (long long) OGR_F_GetFID (feature), layer_name);
          else if (!g_hash_table_add (uuids, g_strdup (uuid)))
            add_problem (problems, _("The uuid %s appears twice in “%s”."), uuid, layer_name);

          if (expected != wkbNone && (geometry == NULL || OGR_G_IsEmpty (geometry)))
            add_problem (problems, _("Feature %lld in “%s” has no position."),
                         (long long) OGR_F_GetFID (feature), layer_name);
          OGR_F_Destroy (feature);
        }
    }
}

gboolean
sw_project_validate_file (GFile      *file,
                          GPtrArray **problems,
                          GError    **error)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (SwGdalDataset) dataset = NULL;
  g_autoptr (GHashTable) settings = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  gboolean has_relation = FALSE;
  gint64 version = 0;
  char **relations;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  GDALAllRegister ();

  path = g_file_get_path (file);
  name = display_name (file);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_FOUND,
                   _("Cannot validate “%s”: the file does not exist."), name);
      return FALSE;
    }
  if (!looks_like_sqlite (path, NULL))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_GEOPACKAGE,
                   _("Cannot validate “%s”: it is not a GeoPackage."), name);
      return FALSE;
    }

  check_sqlite (path, found);

  CPLPushErrorHandler (CPLQuietErrorHandler);
  CPLErrorReset ();
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed_drivers, NULL, NULL);
  if (dataset == NULL)
    {
      CPLPopErrorHandler ();
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOT_GEOPACKAGE,
                   _("Cannot validate “%s”: GDAL does not read it as a GeoPackage (%s)."),
                   name, gdal_message ());
      return FALSE;
    }

  settings = read_settings (dataset);
  if (settings == NULL || g_hash_table_lookup (settings, "schema_version") == NULL)
    add_problem (found, _("The file holds no Safety Walk project metadata."));
  else
    {
      version = g_ascii_strtoll (g_hash_table_lookup (settings, "schema_version"), NULL, 10);

      if (version < 1 || version > SW_PROJECT_SCHEMA_VERSION)
        add_problem (found, _("The project version %lld is not one this version "
                              "of Safety Walk knows (1 to %d)."),
                     (long long) version, SW_PROJECT_SCHEMA_VERSION);
    }

  /* An older project lacks the newer columns until it is opened for
   * editing, which upgrades it: that is not a fault. */
  check_layers (dataset, version, found);

  relations = GDALDatasetGetRelationshipNames (dataset, NULL);
  for (guint i = 0; relations != NULL && relations[i] != NULL; i++)
    {
      GDALRelationshipH relation = GDALDatasetGetRelationship (dataset, relations[i]);

      if (relation != NULL &&
          g_strcmp0 (GDALRelationshipGetLeftTableName (relation), "findings") == 0 &&
          g_strcmp0 (GDALRelationshipGetRightTableName (relation), "photos") == 0 &&
          g_strcmp0 (GDALRelationshipGetMappingTableName (relation),
                     SW_PROJECT_PHOTO_MAPPING_TABLE) == 0)
        has_relation = TRUE;
    }
  CSLDestroy (relations);
  CPLPopErrorHandler ();
  if (!has_relation)
    add_problem (found, _("GDAL does not report the media relation from findings to photos."));

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);
  return found->len == 0;
}
