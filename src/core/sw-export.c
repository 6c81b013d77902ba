/* Exporting a project for GIS through GDAL: every layer read in bulk with SQL
 * on the project file, transformed with OSR and written by GDAL's own
 * writers in one transaction, to a temporary file renamed when complete. */
#define G_LOG_DOMAIN "sw-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "sw-export-private.h"
#include "sw-export.h"
#include "sw-photo-image.h"
#include "sw-place-priority.h"
#include "sw-vocabulary.h"

G_DEFINE_QUARK (sw-export-error-quark, sw_export_error)

G_DEFINE_BOXED_TYPE (SwExportOptions, sw_export_options, sw_export_options_copy, sw_export_options_free)

typedef void *SwExportDataset;
static void
sw_export_dataset_close (SwExportDataset dataset)
{
  if (dataset != NULL)
    GDALClose (dataset);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwExportDataset, sw_export_dataset_close)

/* Features between two looks at the cancellable and two progress reports. */
#define CHUNK 2048

/* ---------------------------------------------------------------------- */
/* Options and coordinate reference systems                               */

SwExportOptions *
sw_export_options_new (void)
{
  SwExportOptions *options = g_new0 (SwExportOptions, 1);

  options->format = SW_EXPORT_FORMAT_GPKG;
  options->crs = g_strdup (SW_EXPORT_DEFAULT_CRS);
  return options;
}

SwExportOptions *
sw_export_options_copy (const SwExportOptions *options)
{
  SwExportOptions *copy = g_memdup2 (options, sizeof *options);

  copy->crs = g_strdup (options->crs);
  return copy;
}

void
sw_export_options_free (SwExportOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->crs);
  g_free (options);
}

static const SwExportCrs sweref_crs[] = {
  { 3006, "SWEREF 99 TM" },
  { 3007, "SWEREF 99 12 00" },
  { 3008, "SWEREF 99 13 30" },
  { 3009, "SWEREF 99 15 00" },
  { 3010, "SWEREF 99 16 30" },
  { 3011, "SWEREF 99 18 00" },
  { 3012, "SWEREF 99 14 15" },
  { 3013, "SWEREF 99 15 45" },
  { 3014, "SWEREF 99 17 15" },
  { 3015, "SWEREF 99 18 45" },
  { 3016, "SWEREF 99 20 15" },
  { 3017, "SWEREF 99 21 45" },
  { 3018, "SWEREF 99 23 15" },
};

const SwExportCrs *
sw_export_list_crs (guint *n_crs)
{
  if (n_crs != NULL)
    *n_crs = G_N_ELEMENTS (sweref_crs);
  return sweref_crs;
}

static OGRSpatialReferenceH
new_srs (guint epsg)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  CPLPushErrorHandler (CPLQuietErrorHandler);
  if (OSRImportFromEPSG (srs, (int) epsg) != OGRERR_NONE ||
      !(OSRIsProjected (srs) || OSRIsGeographic (srs)))
    {
      OSRRelease (srs);
      srs = NULL;
    }
  CPLPopErrorHandler ();
  if (srs != NULL)
    OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

char *
sw_export_dup_crs_name (guint epsg)
{
  OGRSpatialReferenceH srs = new_srs (epsg);
  char *name = NULL;

  if (srs == NULL)
    return NULL;
  name = g_strdup (OSRGetName (srs));
  OSRRelease (srs);
  return name;
}

guint
sw_export_parse_crs (const char  *crs,
                     GError     **error)
{
  g_autofree char *stripped = NULL;
  const char *digits;
  guint64 code = 0;
  OGRSpatialReferenceH srs;

  if (crs == NULL)
    crs = SW_EXPORT_DEFAULT_CRS;
  stripped = g_strstrip (g_strdup (crs));

  for (guint i = 0; i < G_N_ELEMENTS (sweref_crs); i++)
    if (g_ascii_strcasecmp (stripped, sweref_crs[i].name) == 0)
      return sweref_crs[i].epsg;

  digits = stripped;
  if (g_ascii_strncasecmp (digits, "EPSG:", 5) == 0)
    digits += 5;
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT, &code, NULL))
    {
      g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_UNKNOWN_CRS,
                   _("“%s” is not an EPSG code. Give one as EPSG:3006 or 3006, or choose a "
                     "SWEREF 99 zone."),
                   crs);
      return 0;
    }

  srs = new_srs ((guint) code);
  if (srs == NULL)
    {
      g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_UNKNOWN_CRS,
                   _("EPSG:%u is not a coordinate reference system that can be exported to. "
                     "Check the code, for example EPSG:3006 for SWEREF 99 TM."),
                   (guint) code);
      return 0;
    }
  OSRRelease (srs);
  return (guint) code;
}

const char *
sw_export_format_get_extension (SwExportFormat format)
{
  switch (format)
    {
    case SW_EXPORT_FORMAT_GEOJSON: return "geojson";
    case SW_EXPORT_FORMAT_CSV: return "csv";
    case SW_EXPORT_FORMAT_KML: return "kml";
    case SW_EXPORT_FORMAT_GPKG:
    default:
      return "gpkg";
    }
}

gboolean
sw_export_format_from_string (const char     *name,
                              SwExportFormat *format)
{
  static const char *const names[] = { "gpkg", "geojson", "csv", "kml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (name != NULL && g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *format = (SwExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

static const char *
format_driver (SwExportFormat format)
{
  switch (format)
    {
    case SW_EXPORT_FORMAT_GEOJSON: return "GeoJSON";
    case SW_EXPORT_FORMAT_CSV: return "CSV";
    case SW_EXPORT_FORMAT_KML: return "KML";
    case SW_EXPORT_FORMAT_GPKG:
    default:
      return "GPKG";
    }
}

/* ---------------------------------------------------------------------- */
/* What each layer holds                                                  */

/* Swedish words for the values the styles classify: the GIS the export
 * goes to is a Swedish municipality's, whatever the app's language. */
static const struct
{
  const char *key;
  const char *label;
  const char *shape;
} category_words[] = {
  { "lighting", "Belysning", "circle" },
  { "vegetation", "Växtlighet som skymmer", "triangle" },
  { "overview", "Överblickbarhet, gömställen", "diamond" },
  { "wayfinding", "Orienterbarhet och skyltning", "square" },
  { "maintenance", "Skötsel: klotter, nedskräpning", "pentagon" },
  { "people", "Folkliv: ödsligt, folktomt", "hexagon" },
  { "passages", "Tunnlar och passager", "diamond" },
  { "walkpath", "Gångväg och tillgänglighet", "square" },
  { "traffic", "Trafik och övergångsställen", "triangle" },
  { "other", "Övrigt", "circle" },
  { "positive", "Trygg och trivsam plats", "star" },
};

static const struct
{
  const char *key;
  const char *label;
} status_words[] = {
  { "proposed", "Föreslagen" },
  { "decided", "Beslutad" },
  { "in-progress", "Pågår" },
  { "done", "Genomförd" },
  { "rejected", "Avslagen" },
  { "followed-up", "Uppföljd" },
};

typedef struct _ExportContext ExportContext;
typedef struct _ExportLayer ExportLayer;

typedef struct
{
  const char *name;
  OGRFieldType type;
  const char *alias;
  /* The value, as SQL on the project's row; NULL for values set in C. */
  const char *expression;
  /* "table.column" the expression needs; without it the value is NULL. */
  const char *needs;
  /* Left out of a public export: free text where internal remarks and
   * participants' names are written. */
  gboolean is_private;
  /* A boolean column ("table.column") that marks this row's value internal:
   * a public export leaves the value out where it is set. */
  const char *internal_flag;
} ExportField;

struct _ExportLayer
{
  const char *name;
  const char *description;
  OGRwkbGeometryType geometry_type;
  /* The project's table, the alias the fields use, and joins with what
   * they need. */
  const char *table;
  const char *joins;
  const char *joins_need;
  const ExportField *fields;
  guint n_fields;
  /* Sets what SQL does not give (geometry, values from core, KML style). */
  void (*complete) (ExportContext *ctx, const ExportLayer *layer, OGRFeatureH source,
                    OGRFeatureH target);
};

static const ExportField finding_fields[] = {
  { "uuid", OFTString, "UUID", "f.uuid", NULL, FALSE },
  { "walk", OFTString, "Vandring", "w.title", NULL, FALSE },
  { "walk_date", OFTString, "Datum", "w.date", NULL, FALSE },
  { "category", OFTString, "Kategori", "f.category", NULL, FALSE },
  { "category_name", OFTString, "Kategori (text)", NULL, NULL, FALSE },
  { "categories", OFTString, "Fler kategorier", "f.categories", NULL, FALSE },
  { "severity", OFTInteger, "Allvarlighet", "f.severity", NULL, FALSE },
  { "light", OFTString, "Ljus", "f.light", NULL, FALSE },
  { "unsafe_for", OFTString, "Otryggt för", "f.unsafe_for", NULL, FALSE },
  { "note", OFTString, "Anteckning", "f.note", NULL, FALSE, "findings.note_internal" },
  { "place_uuid", OFTString, "Platsens UUID", "f.place_uuid", "findings.place_uuid", FALSE },
  { "place", OFTString, "Plats", "p.name", "findings.place_uuid", FALSE },
  { "created", OFTDateTime, "Skapad", "f.created", NULL, FALSE },
  { "modified", OFTDateTime, "Ändrad", "f.modified", NULL, FALSE },
};

static const ExportField place_fields[] = {
  { "uuid", OFTString, "UUID", "p.uuid", NULL, FALSE },
  { "name", OFTString, "Namn", "p.name", NULL, FALSE },
  { "findings", OFTInteger, "Antal fynd",
    "(SELECT COUNT(*) FROM findings f WHERE f.place_uuid = p.uuid)", "findings.place_uuid", FALSE },
  { "priority", OFTReal, "Prioritet", NULL, NULL, FALSE },
  { "rank", OFTInteger, "Rangordning", NULL, NULL, FALSE },
  { "created", OFTDateTime, "Skapad", "p.created", NULL, FALSE },
  { "modified", OFTDateTime, "Ändrad", "p.modified", NULL, FALSE },
};

static const ExportField measure_fields[] = {
  { "uuid", OFTString, "UUID", "m.uuid", NULL, FALSE },
  { "finding_uuid", OFTString, "Fyndets UUID", "m.finding_uuid", NULL, FALSE },
  { "place_uuid", OFTString, "Platsens UUID", "m.place_uuid", NULL, FALSE },
  { "place", OFTString, "Plats", "p.name", NULL, FALSE },
  { "measure_type", OFTString, "Åtgärdstyp", "m.measure_type", NULL, FALSE },
  { "description", OFTString, "Åtgärd", "m.description", NULL, FALSE },
  { "responsible", OFTString, "Ansvarig", "m.responsible", NULL, FALSE },
  { "responsible_unit", OFTString, "Ansvarig enhet", "m.responsible_unit", NULL, FALSE },
  { "due_date", OFTString, "När", "m.due_date", NULL, FALSE },
  { "cost", OFTReal, "Kostnad (kr)", "m.cost", NULL, FALSE },
  { "status", OFTString, "Status", "m.status", NULL, FALSE },
  { "status_name", OFTString, "Status (text)", NULL, NULL, FALSE },
  { "status_reason", OFTString, "Skäl", "m.status_reason", NULL, TRUE },
  { "effect", OFTString, "Effekt", "m.effect", NULL, FALSE },
  { "created", OFTDateTime, "Skapad", "m.created", NULL, FALSE },
  { "modified", OFTDateTime, "Ändrad", "m.modified", NULL, FALSE },
};

static const ExportField route_fields[] = {
  { "uuid", OFTString, "UUID", "r.uuid", NULL, FALSE },
  { "walk", OFTString, "Vandring", "w.title", NULL, FALSE },
  { "name", OFTString, "Namn", "r.name", NULL, FALSE },
  { "color", OFTString, "Färg", "r.color", NULL, FALSE },
  { "length_m", OFTReal, "Längd (m)", NULL, NULL, FALSE },
  { "created", OFTDateTime, "Skapad", "r.created", NULL, FALSE },
  { "modified", OFTDateTime, "Ändrad", "r.modified", NULL, FALSE },
};

static const ExportField stop_fields[] = {
  { "uuid", OFTString, "UUID", "s.uuid", NULL, FALSE },
  { "walk", OFTString, "Vandring", "w.title", NULL, FALSE },
  { "route", OFTString, "Rutt", "r.name", NULL, FALSE },
  { "number", OFTInteger, "Nummer", "s.number", NULL, FALSE },
  { "name", OFTString, "Namn", "s.name", NULL, FALSE },
  { "note", OFTString, "Anteckning", "s.note", NULL, TRUE },
  { "created", OFTDateTime, "Skapad", "s.created", NULL, FALSE },
  { "modified", OFTDateTime, "Ändrad", "s.modified", NULL, FALSE },
};

static void complete_finding (ExportContext *, const ExportLayer *, OGRFeatureH, OGRFeatureH);
static void complete_place (ExportContext *, const ExportLayer *, OGRFeatureH, OGRFeatureH);
static void complete_measure (ExportContext *, const ExportLayer *, OGRFeatureH, OGRFeatureH);
static void complete_route (ExportContext *, const ExportLayer *, OGRFeatureH, OGRFeatureH);

#define FIELDS(array) array, G_N_ELEMENTS (array)

/* In the order QGIS lists them: points over lines. */
static const ExportLayer export_layers[] = {
  { "findings", "Fynd från trygghetsvandringar", wkbPoint, "findings f",
    "LEFT JOIN walks w ON w.uuid = f.walk_uuid",
    NULL, FIELDS (finding_fields), complete_finding },
  { "places", "Platser med prioritet och rangordning", wkbPoint, "places p", NULL, NULL,
    FIELDS (place_fields), complete_place },
  { "measures", "Åtgärder, vid sitt fynd eller sin plats", wkbPoint, "measures m",
    "LEFT JOIN places p ON p.uuid = m.place_uuid", NULL, FIELDS (measure_fields),
    complete_measure },
  { "stops", "Stopp längs rutterna", wkbPoint, "stops s",
    "LEFT JOIN walks w ON w.uuid = s.walk_uuid LEFT JOIN routes r ON r.uuid = s.route_uuid", NULL,
    FIELDS (stop_fields), NULL },
  { "routes", "Planerade rutter", wkbLineString, "routes r",
    "LEFT JOIN walks w ON w.uuid = r.walk_uuid", NULL, FIELDS (route_fields), complete_route },
};

/* The findings' join to their places exists once findings have places. */
static const char finding_place_join[] = "LEFT JOIN places p ON p.uuid = f.place_uuid";

/* ---------------------------------------------------------------------- */
/* The export                                                             */

struct _ExportContext
{
  const SwExportOptions *options;
  GHashTable *priorities;
  GDALDatasetH source;
  GDALDatasetH target;
  char *target_name;
  OGRSpatialReferenceH source_srs;
  OGRSpatialReferenceH target_srs;
  OGRCoordinateTransformationH transform;
  gboolean projected;
  gboolean kml;

  /* uuid → OGRGeometryH in storage coordinates, for measures */
  GHashTable *positions;

  guint64 total;
  guint64 done;
  SwExportProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;

  /* Values seen, for the styles: place priorities, route colours. */
  double priority_min;
  double priority_max;
  GPtrArray *routes;
};

static const char *
gdal_message (void)
{
  const char *message = CPLGetLastErrorMsg ();

  if (message == NULL || *message == '\0')
    return _("unknown error");
  return message;
}

static gboolean
set_write_error (ExportContext  *ctx,
                 GError        **error)
{
  g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s. Nothing was written; check that the disk has "
                 "free space and the folder can be written to."),
               ctx->target_name, gdal_message ());
  return FALSE;
}

static gboolean
report_progress (ExportContext  *ctx,
                 GError        **error)
{
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;
  /* The last tenth is GDAL closing the file: the spatial index. */
  if (ctx->progress != NULL && ctx->total > 0)
    ctx->progress (0.9 * MIN (1.0, (double) ctx->done / (double) ctx->total), ctx->progress_data);
  return TRUE;
}

static gboolean
source_has_column (ExportContext *ctx,
                   const char    *needs)
{
  g_auto (GStrv) parts = NULL;
  OGRLayerH layer;

  if (needs == NULL)
    return TRUE;
  parts = g_strsplit (needs, ".", 2);
  layer = GDALDatasetGetLayerByName (ctx->source, parts[0]);
  return layer != NULL && parts[1] != NULL &&
         OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), parts[1]) >= 0;
}

static gboolean
field_wanted (ExportContext     *ctx,
              const ExportField *field)
{
  return !(field->is_private && ctx->options->public_only);
}

/* The SQL for @field's value: in a public export, a value marked internal
 * is NULL, and so is every value when the project cannot mark any. */
static char *
public_expression (ExportContext     *ctx,
                   const ExportField *field,
                   const ExportLayer *layer)
{
  const char *column;

  if (!ctx->options->public_only || field->internal_flag == NULL)
    return g_strdup (field->expression);
  if (!source_has_column (ctx, field->internal_flag))
    return g_strdup ("NULL");

  column = strchr (field->internal_flag, '.') + 1;
  return g_strdup_printf ("CASE WHEN COALESCE(%c.%s, 0) THEN NULL ELSE %s END",
                          layer->table[strlen (layer->table) - 1], column, field->expression);
}

static guint64
count_rows (ExportContext *ctx,
            const char    *table)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (ctx->source, table);

  return layer != NULL ? (guint64) MAX (0, OGR_L_GetFeatureCount (layer, TRUE)) : 0;
}

static char *
build_select (ExportContext     *ctx,
              const ExportLayer *layer)
{
  g_autoptr (GString) sql = g_string_new ("SELECT ");
  char alias = layer->table[strlen (layer->table) - 1];

  g_string_append_printf (sql, "%c.fid AS fid", alias);
  if (layer->geometry_type != wkbNone && !g_str_equal (layer->name, "measures"))
    g_string_append_printf (sql, ", %c.geom AS geom", alias);
  for (guint i = 0; i < layer->n_fields; i++)
    {
      const ExportField *field = &layer->fields[i];

      g_autofree char *expression = NULL;

      if (field->expression == NULL || !field_wanted (ctx, field))
        continue;
      expression = public_expression (ctx, field, layer);
      /* A spreadsheet reads times as ISO 8601, as the project stores them. */
      if (field->type == OFTDateTime && ctx->options->format == SW_EXPORT_FORMAT_CSV)
        g_string_append_printf (sql, ", CAST(%s AS TEXT) AS \"%s\"", expression, field->name);
      else
        g_string_append_printf (sql, ", %s AS \"%s\"",
                                source_has_column (ctx, field->needs) ? expression : "NULL",
                                field->name);
    }
  g_string_append_printf (sql, " FROM %s", layer->table);
  if (layer->joins != NULL)
    g_string_append_printf (sql, " %s", layer->joins);
  if (g_str_equal (layer->name, "findings") && source_has_column (ctx, "findings.place_uuid"))
    g_string_append_printf (sql, " %s", finding_place_join);
  g_string_append_printf (sql, " ORDER BY %c.fid", alias);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static const char *
category_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_words); i++)
    if (key != NULL && g_str_equal (category_words[i].key, key))
      return category_words[i].label;
  return key;
}

static const char *
status_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_words); i++)
    if (key != NULL && g_str_equal (status_words[i].key, key))
      return status_words[i].label;
  return key;
}

static const char *
term_color (SwVocabulary  vocabulary,
            const char   *key)
{
  const SwTerm *term = sw_vocabulary_lookup (vocabulary, key);

  return term != NULL && term->color != NULL ? term->color : "#77767b";
}

static void
complete_finding (ExportContext     *ctx,
                  const ExportLayer *layer,
                  OGRFeatureH        source,
                  OGRFeatureH        target)
{
  int index = OGR_F_GetFieldIndex (target, "category");
  const char *category = index >= 0 && OGR_F_IsFieldSetAndNotNull (target, index)
                           ? OGR_F_GetFieldAsString (target, index) : NULL;

  if (category == NULL)
    return;
  OGR_F_SetFieldString (target, OGR_F_GetFieldIndex (target, "category_name"),
                        category_label (category));
}

static void
complete_place (ExportContext     *ctx,
                const ExportLayer *layer,
                OGRFeatureH        source,
                OGRFeatureH        target)
{
  const char *uuid = OGR_F_GetFieldAsString (target, OGR_F_GetFieldIndex (target, "uuid"));
  GVariant *value = ctx->priorities != NULL ? g_hash_table_lookup (ctx->priorities, uuid) : NULL;
  double priority;
  int rank;

  if (value == NULL)
    return;
  g_variant_get (value, "(di)", &priority, &rank);
  OGR_F_SetFieldDouble (target, OGR_F_GetFieldIndex (target, "priority"), priority);
  if (rank > 0)
    OGR_F_SetFieldInteger (target, OGR_F_GetFieldIndex (target, "rank"), rank);
  ctx->priority_min = MIN (ctx->priority_min, priority);
  ctx->priority_max = MAX (ctx->priority_max, priority);
}

static void
complete_measure (ExportContext     *ctx,
                  const ExportLayer *layer,
                  OGRFeatureH        source,
                  OGRFeatureH        target)
{
  const char *keys[] = { "finding_uuid", "place_uuid" };
  int status_index = OGR_F_GetFieldIndex (target, "status");
  const char *status = OGR_F_IsFieldSetAndNotNull (target, status_index)
                         ? OGR_F_GetFieldAsString (target, status_index) : NULL;

  if (status != NULL)
    OGR_F_SetFieldString (target, OGR_F_GetFieldIndex (target, "status_name"), status_label (status));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      int index = OGR_F_GetFieldIndex (target, keys[i]);
      OGRGeometryH position;

      if (!OGR_F_IsFieldSetAndNotNull (target, index))
        continue;
      position = g_hash_table_lookup (ctx->positions, OGR_F_GetFieldAsString (target, index));
      if (position != NULL)
        {
          OGR_F_SetGeometry (target, position);
          break;
        }
    }
}

static void
complete_route (ExportContext     *ctx,
                const ExportLayer *layer,
                OGRFeatureH        source,
                OGRFeatureH        target)
{
  int color_index = OGR_F_GetFieldIndex (target, "color");
  const char *color = OGR_F_IsFieldSetAndNotNull (target, color_index)
                        ? OGR_F_GetFieldAsString (target, color_index) : "#3584e4";
  const char *name = OGR_F_GetFieldAsString (target, OGR_F_GetFieldIndex (target, "name"));
  const char *uuid = OGR_F_GetFieldAsString (target, OGR_F_GetFieldIndex (target, "uuid"));

  /* The geometry is already in the target CRS here. */
  if (ctx->projected && OGR_F_GetGeometryRef (target) != NULL)
    OGR_F_SetFieldDouble (target, OGR_F_GetFieldIndex (target, "length_m"),
                          round (OGR_G_Length (OGR_F_GetGeometryRef (target)) * 10.0) / 10.0);
  g_ptr_array_add (ctx->routes, g_strdup (uuid));
  g_ptr_array_add (ctx->routes, g_strdup (name));
  g_ptr_array_add (ctx->routes, g_strdup (color));
  /* GDAL's KML writer styles lines; its points keep the viewer's pins. */
  if (ctx->kml)
    {
      g_autofree char *style = g_strdup_printf ("PEN(c:%s,w:4px)", color);
      OGR_F_SetStyleString (target, style);
    }
}

static gboolean
load_measure_positions (ExportContext  *ctx,
                        GError        **error)
{
  const char *queries[] = {
    "SELECT f.uuid AS uuid, f.geom AS geom FROM findings f "
    "WHERE f.uuid IN (SELECT finding_uuid FROM measures)",
    "SELECT p.uuid AS uuid, p.geom AS geom FROM places p",
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      OGRLayerH result = GDALDatasetExecuteSQL (ctx->source, queries[q], NULL, NULL);
      OGRFeatureH feature;

      if (result == NULL)
        {
          g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_READ,
                       _("Could not read the measures of the project: %s"), gdal_message ());
          return FALSE;
        }
      while ((feature = OGR_L_GetNextFeature (result)) != NULL)
        {
          OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

          if (geometry != NULL)
            g_hash_table_insert (ctx->positions, g_strdup (OGR_F_GetFieldAsString (feature, 0)),
                                 OGR_G_Clone (geometry));
          OGR_F_Destroy (feature);
        }
      GDALDatasetReleaseResultSet (ctx->source, result);
    }
  return TRUE;
}

static char **
layer_creation_options (ExportContext     *ctx,
                        const ExportLayer *layer)
{
  char **options = NULL;

  switch (ctx->options->format)
    {
    case SW_EXPORT_FORMAT_GPKG:
      options = CSLSetNameValue (options, "FID", "fid");
      options = CSLSetNameValue (options, "GEOMETRY_NAME", "geom");
      options = CSLSetNameValue (options, "DESCRIPTION", layer->description);
      break;
    case SW_EXPORT_FORMAT_GEOJSON:
      options = CSLSetNameValue (options, "RFC7946", "YES");
      options = CSLSetNameValue (options, "WRITE_NAME", "NO");
      break;
    case SW_EXPORT_FORMAT_CSV:
      options = CSLSetNameValue (options, "GEOMETRY", "AS_XY");
      options = CSLSetNameValue (options, "SEPARATOR", "SEMICOLON");
      options = CSLSetNameValue (options, "WRITE_BOM", "YES");
      break;
    case SW_EXPORT_FORMAT_KML:
    default:
      break;
    }
  return options;
}

static gboolean
export_layer (ExportContext     *ctx,
              const ExportLayer *layer,
              GError           **error)
{
  g_autofree char *sql = build_select (ctx, layer);
  char **creation_options = layer_creation_options (ctx, layer);
  OGRLayerH source;
  OGRLayerH target;
  OGRFeatureDefnH source_defn;
  OGRFeatureDefnH target_defn;
  g_autofree int *map = NULL;
  int fid_index;
  OGRFeatureH feature;
  gboolean ok = TRUE;
  guint64 n = 0;

  CPLErrorReset ();
  source = GDALDatasetExecuteSQL (ctx->source, sql, NULL, NULL);
  if (source == NULL)
    {
      CSLDestroy (creation_options);
      g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_READ,
                   _("Could not read the layer “%s” of the project: %s"), layer->name, gdal_message ());
      return FALSE;
    }

  target = GDALDatasetCreateLayer (ctx->target, layer->name, ctx->target_srs,
                                   layer->geometry_type, creation_options);
  CSLDestroy (creation_options);
  if (target == NULL)
    {
      GDALDatasetReleaseResultSet (ctx->source, source);
      return set_write_error (ctx, error);
    }

  for (guint i = 0; i < layer->n_fields; i++)
    {
      OGRFieldDefnH field;

      if (!field_wanted (ctx, &layer->fields[i]))
        continue;
      field = OGR_Fld_Create (layer->fields[i].name,
                              layer->fields[i].type == OFTDateTime && ctx->options->format == SW_EXPORT_FORMAT_CSV
                                ? OFTString : layer->fields[i].type);
      if (OGR_L_CreateField (target, field, TRUE) != OGRERR_NONE)
        ok = FALSE;
      OGR_Fld_Destroy (field);
    }
  if (!ok)
    {
      GDALDatasetReleaseResultSet (ctx->source, source);
      return set_write_error (ctx, error);
    }

  /* Source fields go to the target's fields of the same name. */
  source_defn = OGR_L_GetLayerDefn (source);
  target_defn = OGR_L_GetLayerDefn (target);
  map = g_new (int, OGR_FD_GetFieldCount (source_defn));
  for (int i = 0; i < OGR_FD_GetFieldCount (source_defn); i++)
    map[i] = OGR_FD_GetFieldIndex (target_defn, OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (source_defn, i)));
  fid_index = OGR_FD_GetFieldIndex (source_defn, "fid");

  while (ok && (feature = OGR_L_GetNextFeature (source)) != NULL)
    {
      OGRFeatureH out = OGR_F_Create (target_defn);
      OGRGeometryH geometry;

      OGR_F_SetFromWithMap (out, feature, TRUE, map);
      /* The same fid as in the project, so photos keep their links. */
      OGR_F_SetFID (out, fid_index >= 0 ? OGR_F_GetFieldAsInteger64 (feature, fid_index)
                                        : OGR_F_GetFID (feature));
      if (layer->complete != NULL && g_str_equal (layer->name, "measures"))
        layer->complete (ctx, layer, feature, out);
      geometry = OGR_F_GetGeometryRef (out);
      if (geometry != NULL && ctx->transform != NULL &&
          OGR_G_Transform (geometry, ctx->transform) != OGRERR_NONE)
        OGR_F_SetGeometryDirectly (out, NULL);
      if (layer->complete != NULL && !g_str_equal (layer->name, "measures"))
        layer->complete (ctx, layer, feature, out);

      if (OGR_L_CreateFeature (target, out) != OGRERR_NONE)
        ok = set_write_error (ctx, error);
      OGR_F_Destroy (out);
      OGR_F_Destroy (feature);

      ctx->done++;
      if (ok && ++n % CHUNK == 0)
        ok = report_progress (ctx, error);
    }

  GDALDatasetReleaseResultSet (ctx->source, source);
  return ok && report_progress (ctx, error);
}

/* ---------------------------------------------------------------------- */
/* Photos, as a Related Tables media table                                */

static gboolean
execute_sql (ExportContext  *ctx,
             const char     *sql,
             GError        **error)
{
  OGRLayerH result;

  CPLErrorReset ();
  result = GDALDatasetExecuteSQL (ctx->target, sql, NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (ctx->target, result);
  if (CPLGetLastErrorType () >= CE_Failure)
    return set_write_error (ctx, error);
  return TRUE;
}

static gboolean
create_field (OGRLayerH    layer,
              const char  *name,
              OGRFieldType type,
              gboolean     not_null)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, type);
  OGRErr err;

  OGR_Fld_SetNullable (field, !not_null);
  err = OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  return err == OGRERR_NONE;
}

static gboolean
export_photos (ExportContext  *ctx,
               GError        **error)
{
  const char *media_options[] = { "FID=id", "DESCRIPTION=Foton till fynden", NULL };
  const char *mapping_options[] = { "FID=fid", NULL };
  const char *sql = "SELECT p.id AS id, fp.base_id AS finding_fid, f.uuid AS finding_uuid,"
                    " p.uuid AS uuid, p.position AS position, p.content_type AS content_type,"
                    " p.width AS width, p.height AS height, p.taken_at AS taken_at, p.data AS data"
                    " FROM photos p JOIN findings_photos fp ON fp.related_id = p.id"
                    " JOIN findings f ON f.fid = fp.base_id ORDER BY p.id";
  OGRLayerH source;
  OGRLayerH media;
  OGRLayerH mapping;
  OGRFeatureH feature;
  gboolean ok = TRUE;

  media = GDALDatasetCreateLayer (ctx->target, "photos", NULL, wkbNone, (char **) media_options);
  if (media == NULL ||
      !create_field (media, "data", OFTBinary, TRUE) ||
      !create_field (media, "content_type", OFTString, TRUE) ||
      !create_field (media, "uuid", OFTString, FALSE) ||
      !create_field (media, "finding_uuid", OFTString, FALSE) ||
      !create_field (media, "position", OFTInteger, FALSE) ||
      !create_field (media, "width", OFTInteger, FALSE) ||
      !create_field (media, "height", OFTInteger, FALSE) ||
      !create_field (media, "taken_at", OFTDateTime, FALSE))
    return set_write_error (ctx, error);

  mapping = GDALDatasetCreateLayer (ctx->target, "findings_photos", NULL, wkbNone,
                                    (char **) mapping_options);
  if (mapping == NULL ||
      !create_field (mapping, "base_id", OFTInteger64, TRUE) ||
      !create_field (mapping, "related_id", OFTInteger64, TRUE))
    return set_write_error (ctx, error);

  source = GDALDatasetExecuteSQL (ctx->source, sql, NULL, NULL);
  if (source == NULL)
    {
      g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_READ,
                   _("Could not read the photos of the project: %s"), gdal_message ());
      return FALSE;
    }

  while (ok && (feature = OGR_L_GetNextFeature (source)) != NULL)
    {
      OGRFeatureH photo = OGR_F_Create (OGR_L_GetLayerDefn (media));
      OGRFeatureH link = OGR_F_Create (OGR_L_GetLayerDefn (mapping));
      int id_index = OGR_F_GetFieldIndex (feature, "id");
      /* GDAL takes the key of the result for its FID when it can. */
      gint64 id = id_index >= 0 ? OGR_F_GetFieldAsInteger64 (feature, id_index) : OGR_F_GetFID (feature);
      int data_index = OGR_F_GetFieldIndex (feature, "data");
      int width = OGR_F_GetFieldAsInteger (feature, OGR_F_GetFieldIndex (feature, "width"));
      int height = OGR_F_GetFieldAsInteger (feature, OGR_F_GetFieldIndex (feature, "height"));
      int size = 0;
      const GByte *bytes = OGR_F_GetFieldAsBinary (feature, data_index, &size);
      g_autoptr (GBytes) smaller = NULL;
      const char *copied[] = { "uuid", "finding_uuid", "position", "content_type", "taken_at" };

      for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
        {
          int from = OGR_F_GetFieldIndex (feature, copied[i]);
          if (OGR_F_IsFieldSetAndNotNull (feature, from))
            OGR_F_SetFieldString (photo, OGR_F_GetFieldIndex (photo, copied[i]),
                                  OGR_F_GetFieldAsString (feature, from));
        }

      if (ctx->options->photo_edge > 0 && (guint) MAX (width, height) > ctx->options->photo_edge)
        {
          g_autoptr (GBytes) original = g_bytes_new_static (bytes, size);
          g_autoptr (GError) local_error = NULL;

          if (sw_photo_image_process (original, ctx->options->photo_edge, &smaller, NULL, &width,
                                      &height, &local_error))
            {
              gsize smaller_size;
              bytes = g_bytes_get_data (smaller, &smaller_size);
              size = (int) smaller_size;
              OGR_F_SetFieldString (photo, OGR_F_GetFieldIndex (photo, "content_type"), "image/jpeg");
            }
          else
            g_warning ("Photo %" G_GINT64_FORMAT " kept at its stored size: %s", id,
                       local_error->message);
        }
      OGR_F_SetFieldBinary (photo, OGR_F_GetFieldIndex (photo, "data"), size, bytes);
      OGR_F_SetFieldInteger (photo, OGR_F_GetFieldIndex (photo, "width"), width);
      OGR_F_SetFieldInteger (photo, OGR_F_GetFieldIndex (photo, "height"), height);
      OGR_F_SetFID (photo, id);

      OGR_F_SetFieldInteger64 (link, 0, OGR_F_GetFieldAsInteger64 (feature, OGR_F_GetFieldIndex (feature, "finding_fid")));
      OGR_F_SetFieldInteger64 (link, 1, id);

      if (OGR_L_CreateFeature (media, photo) != OGRERR_NONE ||
          OGR_L_CreateFeature (mapping, link) != OGRERR_NONE)
        ok = set_write_error (ctx, error);
      OGR_F_Destroy (photo);
      OGR_F_Destroy (link);
      OGR_F_Destroy (feature);

      ctx->done++;
      if (ok)
        ok = report_progress (ctx, error);
    }
  GDALDatasetReleaseResultSet (ctx->source, source);
  if (!ok)
    return FALSE;

  /* GDAL 3.6 reads relationships but cannot create them. */
  return execute_sql (ctx,
                      "CREATE TABLE gpkgext_relations ("
                      " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                      " base_table_name TEXT NOT NULL,"
                      " base_primary_column TEXT NOT NULL DEFAULT 'id',"
                      " related_table_name TEXT NOT NULL,"
                      " related_primary_column TEXT NOT NULL DEFAULT 'id',"
                      " relation_name TEXT NOT NULL,"
                      " mapping_table_name TEXT NOT NULL UNIQUE)", error) &&
         execute_sql (ctx,
                      "INSERT INTO gpkgext_relations (base_table_name, base_primary_column,"
                      " related_table_name, related_primary_column, relation_name,"
                      " mapping_table_name) VALUES ('findings', 'fid', 'photos', 'id', 'media',"
                      " 'findings_photos')", error) &&
         execute_sql (ctx,
                      "CREATE TABLE IF NOT EXISTS gpkg_extensions ("
                      " table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,"
                      " definition TEXT NOT NULL, scope TEXT NOT NULL,"
                      " CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))", error) &&
         execute_sql (ctx,
                      "INSERT INTO gpkg_extensions (table_name, column_name, extension_name,"
                      " definition, scope) VALUES"
                      " ('gpkgext_relations', NULL, 'related_tables',"
                      "  'http://docs.opengeospatial.org/is/18-000/18-000.html', 'read-write'),"
                      " ('findings_photos', NULL, 'related_tables',"
                      "  'http://docs.opengeospatial.org/is/18-000/18-000.html', 'read-write')",
                      error);
}

/* ---------------------------------------------------------------------- */
/* QGIS default styles                                                    */

static SwLayerStyle *
style_for_layer (ExportContext     *ctx,
                 const ExportLayer *layer)
{
  g_autoptr (SwLayerStyle) style = NULL;

  if (g_str_equal (layer->name, "findings"))
    {
      guint n_terms;
      const SwTerm *terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n_terms);

      style = _sw_layer_style_new (layer->name, SW_LAYER_STYLE_MARKER, SW_LAYER_STYLE_CATEGORIZED,
                                   "category");
      for (guint i = 0; i < n_terms; i++)
        _sw_layer_style_add_class (style, terms[i].key, 0, 0, category_label (terms[i].key),
                                   terms[i].color, category_words[i].shape);
    }
  else if (g_str_equal (layer->name, "places"))
    {
      /* Five equal steps over the priorities exported, yellow to red. */
      static const char *const colors[] = { "#f9f06b", "#f6d32d", "#ffa348", "#ff7800", "#e01b24" };
      double low = ctx->priority_min <= ctx->priority_max ? ctx->priority_min : 0.0;
      double high = ctx->priority_min <= ctx->priority_max ? ctx->priority_max : 1.0;
      double step = (high - low) / G_N_ELEMENTS (colors);

      if (step <= 0.0)
        step = 1.0 / G_N_ELEMENTS (colors);
      style = _sw_layer_style_new (layer->name, SW_LAYER_STYLE_MARKER, SW_LAYER_STYLE_GRADUATED,
                                   "priority");
      for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
        {
          double lower = low + step * i;
          double upper = i + 1 == G_N_ELEMENTS (colors) ? MAX (high, low + step * (i + 1))
                                                        : low + step * (i + 1);
          g_autofree char *label = g_strdup_printf ("%.1f – %.1f", lower, upper);

          _sw_layer_style_add_class (style, NULL, lower, upper, label, colors[i], "circle");
        }
      style->label_attribute = g_strdup ("name");
    }
  else if (g_str_equal (layer->name, "measures"))
    {
      style = _sw_layer_style_new (layer->name, SW_LAYER_STYLE_MARKER, SW_LAYER_STYLE_CATEGORIZED,
                                   "status");
      for (guint i = 0; i < G_N_ELEMENTS (status_words); i++)
        _sw_layer_style_add_class (style, status_words[i].key, 0, 0, status_words[i].label,
                                   term_color (SW_VOCABULARY_MEASURE_STATUS, status_words[i].key),
                                   "square");
    }
  else if (g_str_equal (layer->name, "routes"))
    {
      style = _sw_layer_style_new (layer->name, SW_LAYER_STYLE_LINE, SW_LAYER_STYLE_CATEGORIZED,
                                   "uuid");
      for (guint i = 0; i + 2 < ctx->routes->len; i += 3)
        _sw_layer_style_add_class (style, ctx->routes->pdata[i], 0, 0, ctx->routes->pdata[i + 1],
                                   ctx->routes->pdata[i + 2], NULL);
      style->label_attribute = g_strdup ("name");
    }
  else
    {
      style = _sw_layer_style_new (layer->name, SW_LAYER_STYLE_MARKER, SW_LAYER_STYLE_SINGLE, NULL);
      _sw_layer_style_add_class (style, NULL, 0, 0, "Stopp", "#ffffff", "circle");
      style->label_attribute = g_strdup ("number");
    }

  for (guint i = 0; i < layer->n_fields; i++)
    if (field_wanted (ctx, &layer->fields[i]))
      _sw_layer_style_add_field (style, layer->fields[i].name, layer->fields[i].alias);

  return g_steal_pointer (&style);
}

/* The table QGIS reads a layer's default style from, made as QGIS makes it. */
static gboolean
write_styles (ExportContext  *ctx,
              GError        **error)
{
  const char *options[] = { "FID=id", NULL };
  const struct
  {
    const char *name;
    OGRFieldType type;
  } columns[] = {
    { "f_table_catalog", OFTString }, { "f_table_schema", OFTString },
    { "f_table_name", OFTString }, { "f_geometry_column", OFTString },
    { "styleName", OFTString }, { "styleQML", OFTString }, { "styleSLD", OFTString },
    { "useAsDefault", OFTInteger }, { "description", OFTString }, { "owner", OFTString },
    { "ui", OFTString }, { "update_time", OFTDateTime },
  };
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  OGRLayerH table;

  table = GDALDatasetCreateLayer (ctx->target, "layer_styles", NULL, wkbNone, (char **) options);
  if (table == NULL)
    return set_write_error (ctx, error);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (columns[i].name, columns[i].type);
      OGRErr err;

      if (g_str_equal (columns[i].name, "useAsDefault"))
        OGR_Fld_SetSubType (field, OFSTBoolean);
      err = OGR_L_CreateField (table, field, TRUE);
      OGR_Fld_Destroy (field);
      if (err != OGRERR_NONE)
        return set_write_error (ctx, error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (export_layers); i++)
    {
      const ExportLayer *layer = &export_layers[i];
      g_autoptr (SwLayerStyle) style = style_for_layer (ctx, layer);
      g_autofree char *qml = _sw_layer_style_to_qml (style);
      g_autofree char *sld = _sw_layer_style_to_sld (style);
      OGRFeatureH row = OGR_F_Create (OGR_L_GetLayerDefn (table));
      OGRErr err;

      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "f_table_catalog"), "");
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "f_table_schema"), "");
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "f_table_name"), layer->name);
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "f_geometry_column"), "geom");
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "styleName"), layer->name);
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "styleQML"), qml);
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "styleSLD"), sld);
      OGR_F_SetFieldInteger (row, OGR_F_GetFieldIndex (row, "useAsDefault"), 1);
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "description"), layer->description);
      OGR_F_SetFieldString (row, OGR_F_GetFieldIndex (row, "owner"), "");
      OGR_F_SetFieldDateTimeEx (row, OGR_F_GetFieldIndex (row, "update_time"),
                                g_date_time_get_year (now), g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                                g_date_time_get_minute (now),
                                (float) g_date_time_get_seconds (now), 100);
      err = OGR_L_CreateFeature (table, row);
      OGR_F_Destroy (row);
      if (err != OGRERR_NONE)
        return set_write_error (ctx, error);
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Files                                                                  */

static gboolean
same_file (GFile *a,
           GFile *b)
{
  g_autoptr (GFileInfo) info_a = NULL;
  g_autoptr (GFileInfo) info_b = NULL;

  if (g_file_equal (a, b))
    return TRUE;
  info_a = g_file_query_info (a, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  info_b = g_file_query_info (b, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  return info_a != NULL && info_b != NULL &&
         g_strcmp0 (g_file_info_get_attribute_string (info_a, G_FILE_ATTRIBUTE_ID_FILE),
                    g_file_info_get_attribute_string (info_b, G_FILE_ATTRIBUTE_ID_FILE)) == 0;
}

/* A hidden name beside the target, with the target's extension so that
 * GDAL's drivers take it for what it is. */
static char *
temporary_path (const char     *target_path,
                SwExportFormat  format)
{
  g_autofree char *dir = g_path_get_dirname (target_path);
  g_autofree char *base = g_path_get_basename (target_path);
  g_autofree char *name = g_strdup_printf (".%s.%08x.%s", base, g_random_int (),
                                           sw_export_format_get_extension (format));

  return g_build_filename (dir, name, NULL);
}

static void
remove_partial (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (journal);
}

gboolean
sw_export_file (GFile                 *project_file,
                GFile                 *target,
                const SwExportOptions *options,
                GHashTable            *priorities,
                SwExportProgressFunc   progress,
                gpointer               progress_data,
                GCancellable          *cancellable,
                GError               **error)
{
  const char *const project_drivers[] = { "GPKG", NULL };
  g_autofree char *project_path = NULL;
  g_autofree char *project_name = NULL;
  g_autofree char *target_path = NULL;
  g_autofree char *target_dir = NULL;
  g_autofree char *temp_path = NULL;
  g_autoptr (SwExportDataset) source = NULL;
  g_autoptr (GHashTable) positions = NULL;
  g_autoptr (GPtrArray) routes = NULL;
  ExportContext ctx = { 0 };
  GDALDriverH driver;
  SwExportFormat format;
  gboolean findings_only;
  gboolean with_photos;
  guint epsg;
  guint64 n_findings = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (G_IS_FILE (project_file), FALSE);
  g_return_val_if_fail (G_IS_FILE (target), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = options->format;
  findings_only = format == SW_EXPORT_FORMAT_GEOJSON || format == SW_EXPORT_FORMAT_CSV;
  with_photos = format == SW_EXPORT_FORMAT_GPKG && options->photos && !options->public_only;
  target_path = g_file_get_path (target);
  project_path = g_file_get_path (project_file);
  project_name = g_file_get_parse_name (project_file);
  ctx.target_name = g_file_get_parse_name (target);

  if (target_path == NULL || project_path == NULL)
    {
      g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: only files on this computer can be written."),
                   ctx.target_name);
      g_free (ctx.target_name);
      return FALSE;
    }

  if (same_file (project_file, target))
    {
      g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_TARGET_IS_PROJECT,
                   _("Could not export to “%s”: it is the project itself. Choose another file "
                     "name."),
                   ctx.target_name);
      g_free (ctx.target_name);
      return FALSE;
    }

  /* GeoJSON (RFC 7946) and KML are always in longitude and latitude. */
  epsg = format == SW_EXPORT_FORMAT_GEOJSON || format == SW_EXPORT_FORMAT_KML
           ? 4326 : sw_export_parse_crs (options->crs, error);
  if (epsg == 0)
    {
      g_free (ctx.target_name);
      return FALSE;
    }

  target_dir = g_path_get_dirname (target_path);
  if (!g_file_test (target_dir, G_FILE_TEST_IS_DIR) || g_access (target_dir, W_OK) != 0)
    {
      g_autofree char *dir_name = g_filename_display_name (target_dir);

      g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: the folder “%s” cannot be written to. Choose "
                     "another folder."),
                   ctx.target_name, dir_name);
      g_free (ctx.target_name);
      return FALSE;
    }

  source = GDALOpenEx (project_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, project_drivers, NULL, NULL);
  if (source == NULL || GDALDatasetGetLayerByName (source, "findings") == NULL)
    {
      g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_READ,
                   _("Could not read the project “%s”: %s"), project_name,
                   source == NULL ? gdal_message () : _("it is not a Safety Walk project"));
      g_free (ctx.target_name);
      return FALSE;
    }

  positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) OGR_G_DestroyGeometry);
  routes = g_ptr_array_new_with_free_func (g_free);
  ctx.options = options;
  ctx.priorities = priorities;
  ctx.source = source;
  ctx.positions = positions;
  ctx.routes = routes;
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  ctx.cancellable = cancellable;
  ctx.kml = format == SW_EXPORT_FORMAT_KML;
  ctx.priority_min = G_MAXDOUBLE;
  ctx.priority_max = -G_MAXDOUBLE;

  for (guint i = 0; i < G_N_ELEMENTS (export_layers); i++)
    {
      guint64 n;

      if (findings_only && i > 0)
        break;
      n = count_rows (&ctx, export_layers[i].name);
      if (i == 0)
        n_findings = n;
      ctx.total += n;
    }
  if (with_photos)
    ctx.total += count_rows (&ctx, "findings_photos");

  if ((findings_only && n_findings == 0) || ctx.total == 0)
    {
      g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_EMPTY,
                   findings_only ? _("“%s” has no findings to export. Add findings on the map first.")
                                 : _("“%s” has nothing to export yet: no findings, places, measures, "
                                     "routes or stops."),
                   project_name);
      g_free (ctx.target_name);
      return FALSE;
    }

  ctx.source_srs = new_srs (4326);
  ctx.target_srs = new_srs (epsg);
  ctx.projected = OSRIsProjected (ctx.target_srs);
  if (epsg != 4326)
    ctx.transform = OCTNewCoordinateTransformation (ctx.source_srs, ctx.target_srs);

  temp_path = temporary_path (target_path, format);
  driver = GDALGetDriverByName (format_driver (format));
  CPLErrorReset ();
  ctx.target = driver != NULL ? GDALCreate (driver, temp_path, 0, 0, 0, GDT_Unknown, NULL) : NULL;
  if (ctx.target == NULL)
    ok = set_write_error (&ctx, error);

  if (ok && format == SW_EXPORT_FORMAT_GPKG)
    ok = load_measure_positions (&ctx, error);
  if (ok && format == SW_EXPORT_FORMAT_KML)
    ok = load_measure_positions (&ctx, error);

  /* One transaction for the whole file: GDAL's GeoPackage writer is
   * fastest that way; the other drivers have none. */
  if (ok && format == SW_EXPORT_FORMAT_GPKG && GDALDatasetStartTransaction (ctx.target, FALSE) != OGRERR_NONE)
    ok = set_write_error (&ctx, error);

  for (guint i = 0; ok && i < G_N_ELEMENTS (export_layers); i++)
    {
      if (findings_only && i > 0)
        break;
      ok = export_layer (&ctx, &export_layers[i], error);
    }
  if (ok && with_photos)
    ok = export_photos (&ctx, error);
  if (ok && format == SW_EXPORT_FORMAT_GPKG)
    ok = write_styles (&ctx, error);
  if (ok && format == SW_EXPORT_FORMAT_GPKG && GDALDatasetCommitTransaction (ctx.target) != OGRERR_NONE)
    ok = set_write_error (&ctx, error);

  if (ctx.target != NULL)
    {
      CPLErrorReset ();
      GDALClose (ctx.target);
      /* Closing writes what is left (the spatial index, a CSV's last
       * lines): its failure is the export's. */
      if (ok && CPLGetLastErrorType () >= CE_Failure)
        ok = set_write_error (&ctx, error);
    }

  if (ok && g_rename (temp_path, target_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s. Nothing was written."), ctx.target_name,
                   g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    remove_partial (temp_path);
  else if (progress != NULL)
    progress (1.0, progress_data);

  g_clear_pointer (&ctx.transform, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&ctx.source_srs, OSRRelease);
  g_clear_pointer (&ctx.target_srs, OSRRelease);
  g_free (ctx.target_name);
  return ok;
}

/* ---------------------------------------------------------------------- */
/* From an open project                                                   */

typedef struct
{
  GFile *project_file;
  GFile *target;
  SwExportOptions *options;
  GHashTable *priorities;
  GMainContext *context;
  SwExportProgressFunc progress;
  gpointer progress_data;
  GDestroyNotify progress_data_free;
  int last_percent;
} ExportTask;

static void
export_task_free (ExportTask *task)
{
  g_clear_object (&task->project_file);
  g_clear_object (&task->target);
  sw_export_options_free (task->options);
  g_clear_pointer (&task->priorities, g_hash_table_unref);
  g_clear_pointer (&task->context, g_main_context_unref);
  if (task->progress_data_free != NULL)
    task->progress_data_free (task->progress_data);
  g_free (task);
}

/* Each place's priority score and rank as the project ranks them
 * (docs/priority.md), taken on the main thread for the places layer. */
static GHashTable *
collect_priorities (SwProject *project)
{
  g_autoptr (GListModel) ranking = sw_project_rank_places (project, NULL);
  GHashTable *priorities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_variant_unref);

  for (guint i = 0; i < g_list_model_get_n_items (ranking); i++)
    {
      g_autoptr (SwPlacePriority) item = g_list_model_get_item (ranking, i);
      SwPlace *place = sw_place_priority_get_place (item);

      g_hash_table_insert (priorities, g_strdup (sw_feature_get_uuid (SW_FEATURE (place))),
                           g_variant_ref_sink (g_variant_new ("(di)", sw_place_priority_get_score (item),
                                                              (int) sw_place_priority_get_rank (item))));
    }
  return priorities;
}

typedef struct
{
  GTask *gtask;
  double fraction;
} ProgressReport;

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->gtask);
  g_free (report);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *report = user_data;
  ExportTask *task = g_task_get_task_data (report->gtask);

  if (!g_task_get_completed (report->gtask))
    task->progress (report->fraction, task->progress_data);
  return G_SOURCE_REMOVE;
}

static void
thread_progress (double   fraction,
                 gpointer user_data)
{
  GTask *gtask = user_data;
  ExportTask *task = g_task_get_task_data (gtask);
  int percent = (int) (fraction * 100.0);
  ProgressReport *report;

  if (task->progress == NULL || percent == task->last_percent)
    return;
  task->last_percent = percent;
  report = g_new (ProgressReport, 1);
  report->gtask = g_object_ref (gtask);
  report->fraction = fraction;
  g_main_context_invoke_full (task->context, G_PRIORITY_DEFAULT, deliver_progress, report,
                              (GDestroyNotify) progress_report_free);
}

static void
export_thread (GTask        *gtask,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportTask *task = task_data;
  GError *error = NULL;

  if (sw_export_file (task->project_file, task->target, task->options, task->priorities,
                      thread_progress, gtask, cancellable, &error))
    g_task_return_boolean (gtask, TRUE);
  else
    g_task_return_error (gtask, error);
}

void
sw_project_export_async (SwProject             *project,
                         GFile                 *target,
                         const SwExportOptions *options,
                         SwExportProgressFunc   progress,
                         gpointer               progress_data,
                         GDestroyNotify         progress_data_free,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autoptr (GTask) gtask = NULL;
  ExportTask *task;

  g_return_if_fail (SW_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (target));
  g_return_if_fail (options != NULL);

  task = g_new0 (ExportTask, 1);
  task->project_file = g_object_ref (sw_project_get_file (project));
  task->target = g_object_ref (target);
  task->options = sw_export_options_copy (options);
  task->priorities = collect_priorities (project);
  task->context = g_main_context_ref_thread_default ();
  task->progress = progress;
  task->progress_data = progress_data;
  task->progress_data_free = progress_data_free;
  task->last_percent = -1;

  gtask = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (gtask, sw_project_export_async);
  g_task_set_task_data (gtask, task, (GDestroyNotify) export_task_free);
  g_task_run_in_thread (gtask, export_thread);
}

gboolean
sw_project_export_finish (SwProject     *project,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sw_project_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
sw_project_export (SwProject             *project,
                   GFile                 *target,
                   const SwExportOptions *options,
                   SwExportProgressFunc   progress,
                   gpointer               progress_data,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autoptr (GHashTable) priorities = NULL;

  g_return_val_if_fail (SW_IS_PROJECT (project), FALSE);

  priorities = collect_priorities (project);
  return sw_export_file (sw_project_get_file (project), target, options, priorities, progress,
                         progress_data, cancellable, error);
}
