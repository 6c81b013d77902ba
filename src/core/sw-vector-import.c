/* Routes and findings from other tools' files: KML, GeoJSON and GPX read
 * through GDAL with an explicit driver list, geometries checked and
 * repaired with GEOS, everything added as one edit or nothing. */
#define G_LOG_DOMAIN "sw-vector-import"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>
#include <geos_c.h>

#include "sw-vector-import.h"

G_DEFINE_QUARK (sw-vector-import-error-quark, sw_vector_import_error)

/* How much of an XML file is read at a time when looking for declarations. */
#define SCAN_CHUNK 65536

/* Fields GDAL's KML drivers add to every placemark: styling, not content. */
static const char *const ignored_fields[] = {
  "timestamp", "begin", "end", "altitudeMode", "tessellate", "extrude",
  "visibility", "drawOrder", "icon", "snippet", NULL
};

void
sw_vector_import_free (SwVectorImport *import)
{
  if (import == NULL)
    return;
  g_clear_object (&import->file);
  g_clear_pointer (&import->features, g_ptr_array_unref);
  g_clear_pointer (&import->skipped, g_ptr_array_unref);
  g_free (import);
}

gboolean
sw_xml_file_check_safe (const char  *path,
                        const char  *display_name,
                        GError     **error)
{
  static const char *const markers[] = { "<!DOCTYPE", "<!ENTITY" };
  g_autofree char *buffer = g_malloc (SCAN_CHUNK + 16);
  gsize carry = 0;
  FILE *stream;

  g_return_val_if_fail (path != NULL, FALSE);

  stream = fopen (path, "rb");
  if (stream == NULL)
    {
      g_set_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_NOT_FOUND,
                   _("Cannot import “%s”: the file cannot be read."), display_name);
      return FALSE;
    }

  /* GDAL 3.6 on its own, measured here: LIBKML aborts on a DOCTYPE with
   * "parsing aborted"; the expat-based KML driver opens a file with an
   * external entity but leaves the entity empty, and stops a billion
   * laughs expansion with an error. Refusing here gives one clear message
   * for all of them and for GPX, and no parser ever sees such a file.
   *
   * The whole file, in chunks that overlap by a marker's length, so a
   * declaration split across two reads is still seen; case does not matter
   * to be safe against parsers that are lenient about it. */
  for (;;)
    {
      gsize n = fread (buffer + carry, 1, SCAN_CHUNK, stream);
      gsize length = carry + n;

      for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
        {
          gsize marker_length = strlen (markers[m]);

          for (gsize i = 0; i + marker_length <= length; i++)
            if (buffer[i] == '<' && g_ascii_strncasecmp (buffer + i, markers[m], marker_length) == 0)
              {
                fclose (stream);
                g_set_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_UNSAFE,
                             _("Cannot import “%s”: it declares its own XML entities (%s), "
                               "which could read other files or fill the memory. Export it "
                               "again from the program that made it, without a document "
                               "type declaration."),
                             display_name, markers[m]);
                return FALSE;
              }
        }
      if (n == 0)
        break;
      carry = MIN (length, (gsize) 15);
      memmove (buffer, buffer + length - carry, carry);
    }
  fclose (stream);
  return TRUE;
}

static gboolean
is_xml_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".kml") || g_str_has_suffix (lower, ".gpx") ||
         g_str_has_suffix (lower, ".xml");
}

/* A name for an item in messages: its name field, or its number. */
static char *
item_label (OGRFeatureH feature,
            guint       number)
{
  static const char *const name_fields[] = { "Name", "name", "NAME", "title", "Title" };

  for (guint i = 0; i < G_N_ELEMENTS (name_fields); i++)
    {
      int index = OGR_F_GetFieldIndex (feature, name_fields[i]);

      if (index >= 0 && OGR_F_IsFieldSetAndNotNull (feature, index) &&
          *OGR_F_GetFieldAsString (feature, index) != '\0')
        return g_strdup_printf (_("Item %u (“%s”)"), number, OGR_F_GetFieldAsString (feature, index));
    }
  return g_strdup_printf (_("Item %u"), number);
}

static const char *
item_name (OGRFeatureH feature)
{
  static const char *const name_fields[] = { "Name", "name", "NAME", "title", "Title" };

  for (guint i = 0; i < G_N_ELEMENTS (name_fields); i++)
    {
      int index = OGR_F_GetFieldIndex (feature, name_fields[i]);

      if (index >= 0 && OGR_F_IsFieldSetAndNotNull (feature, index) &&
          *OGR_F_GetFieldAsString (feature, index) != '\0')
        return OGR_F_GetFieldAsString (feature, index);
    }
  return NULL;
}

static void
skip (SwVectorImport *import,
      OGRFeatureH     feature,
      guint           number,
      const char     *reason)
{
  g_autofree char *label = item_label (feature, number);

  /* TRANSLATORS: an item of an imported file and why it was left out */
  g_ptr_array_add (import->skipped, g_strdup_printf (_("%s: %s"), label, reason));
}

/* The names a KML file gives its placemarks' data, as written: GDAL's
 * LIBKML driver turns every byte outside A-Z, a-z, 0-9 into "_" in field
 * names, so "ärende" would reach the note as "__rende". Only read for
 * files already checked for entity declarations. */
static GPtrArray *
kml_data_names (const char *path)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GRegex) regex = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf info;

  /* Large files go without: the names are a nicety. */
  if (g_stat (path, &info) != 0 || info.st_size > 64 * 1024 * 1024 ||
      !g_file_get_contents (path, &contents, &length, NULL) || !g_utf8_validate (contents, length, NULL))
    return g_steal_pointer (&names);

  regex = g_regex_new ("<(?:Data|SimpleData|SimpleField)\\s[^>]*?name\\s*=\\s*[\"']([^\"']*)[\"']", 0, 0, NULL);
  g_regex_match_full (regex, contents, length, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      g_autofree char *raw = g_match_info_fetch (match, 1);
      g_autoptr (GString) name = g_string_new (raw);

      g_string_replace (name, "&quot;", "\"", 0);
      g_string_replace (name, "&apos;", "'", 0);
      g_string_replace (name, "&lt;", "<", 0);
      g_string_replace (name, "&gt;", ">", 0);
      g_string_replace (name, "&amp;", "&", 0);
      if (!g_ptr_array_find_with_equal_func (names, name->str, g_str_equal, NULL))
        g_ptr_array_add (names, g_string_free (g_steal_pointer (&name), FALSE));
      g_match_info_next (match, NULL);
    }
  return g_steal_pointer (&names);
}

/* The name as the file wrote it for a field name GDAL made safe. */
static const char *
field_display_name (const char *field_name,
                    GPtrArray  *written)
{
  gsize length = strlen (field_name);

  for (guint i = 0; written != NULL && i < written->len; i++)
    {
      const char *candidate = written->pdata[i];
      gboolean same = strlen (candidate) == length && strcmp (candidate, field_name) != 0;

      for (gsize b = 0; same && b < length; b++)
        same = candidate[b] == field_name[b] || field_name[b] == '_';
      if (same)
        return candidate;
    }
  return field_name;
}

/* The attributes of an item as "name: value" lines for a finding's note. */
static char *
attributes_note (OGRFeatureH  feature,
                 GPtrArray   *written_names)
{
  OGRFeatureDefnH definition = OGR_F_GetDefnRef (feature);
  GString *note = g_string_new (NULL);

  for (int i = 0; i < OGR_FD_GetFieldCount (definition); i++)
    {
      OGRFieldDefnH field = OGR_FD_GetFieldDefn (definition, i);
      const char *field_name = OGR_Fld_GetNameRef (field);
      g_autofree char *value = NULL;

      if (!OGR_F_IsFieldSetAndNotNull (feature, i) || g_strv_contains (ignored_fields, field_name))
        continue;
      value = g_strstrip (g_strdup (OGR_F_GetFieldAsString (feature, i)));
      if (*value == '\0')
        continue;
      if (note->len > 0)
        g_string_append_c (note, '\n');
      g_string_append_printf (note, "%s: %s", field_display_name (field_name, written_names), value);
    }
  return g_string_free (note, note->len == 0);
}

static GVariant *
line_points (GEOSContextHandle_t  context,
             const GEOSGeometry  *line)
{
  const GEOSCoordSequence *sequence = GEOSGeom_getCoordSeq_r (context, line);
  GVariantBuilder builder;
  unsigned int size = 0;
  double last_x = NAN, last_y = NAN;
  guint n = 0;

  GEOSCoordSeq_getSize_r (context, sequence, &size);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  for (unsigned int i = 0; i < size; i++)
    {
      double x, y;

      GEOSCoordSeq_getXY_r (context, sequence, i, &x, &y);
      /* Repeated points draw nothing and make lengths wrong. */
      if (x == last_x && y == last_y)
        continue;
      g_variant_builder_add (&builder, "(dd)", x, y);
      last_x = x;
      last_y = y;
      n++;
    }
  if (n < 2)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static gboolean
position_usable (double      x,
                 double      y,
                 const char **reason)
{
  if (!isfinite (x) || !isfinite (y) || x < -180.0 || x > 180.0 || y < -90.0 || y > 90.0)
    {
      *reason = _("its position is outside the earth’s coordinates");
      return FALSE;
    }
  if (x == 0.0 && y == 0.0)
    {
      /* Null Island: what tools write when they had no position. */
      *reason = _("its position is 0, 0, which means it was recorded without one");
      return FALSE;
    }
  return TRUE;
}

/* One item of the file into routes or a finding, or a line in skipped. */
static void
read_item (SwVectorImport      *import,
           GPtrArray           *written_names,
           GEOSContextHandle_t  context,
           OGRFeatureH          feature,
           OGRCoordinateTransformationH to_storage,
           guint                number)
{
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  g_autofree unsigned char *wkb = NULL;
  GEOSWKBReader *reader;
  GEOSGeometry *parsed = NULL;
  GEOSGeometry *valid = NULL;
  const char *reason = NULL;
  OGRwkbGeometryType original_type;
  int size;

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    {
      skip (import, feature, number, _("it has no position or line"));
      return;
    }

  /* What the file meant, before any repair turns a degenerate line into
   * a point. */
  original_type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  if (import->mode == SW_VECTOR_IMPORT_FINDINGS && original_type != wkbPoint)
    {
      skip (import, feature, number,
            original_type == wkbMultiPoint ? _("it is several points, not one")
            : original_type == wkbLineString || original_type == wkbMultiLineString
              ? _("it is a line, not a point; import the file as routes to get it")
              : _("it is an area, not a point"));
      return;
    }

  geometry = OGR_G_Clone (geometry);
  if (to_storage != NULL && OGR_G_Transform (geometry, to_storage) != OGRERR_NONE)
    {
      OGR_G_DestroyGeometry (geometry);
      skip (import, feature, number, _("its coordinates cannot be converted to longitude and latitude"));
      return;
    }
  OGR_G_FlattenTo2D (geometry);
  size = OGR_G_WkbSize (geometry);
  wkb = g_malloc (size);
  OGR_G_ExportToWkb (geometry, wkbNDR, wkb);
  OGR_G_DestroyGeometry (geometry);

  reader = GEOSWKBReader_create_r (context);
  parsed = GEOSWKBReader_read_r (context, reader, wkb, size);
  GEOSWKBReader_destroy_r (context, reader);
  if (parsed == NULL)
    {
      skip (import, feature, number, _("its geometry cannot be read"));
      return;
    }

  if (GEOSisValid_r (context, parsed) != 1)
    {
      valid = GEOSMakeValid_r (context, parsed);
      GEOSGeom_destroy_r (context, parsed);
      if (valid == NULL || GEOSisEmpty_r (context, valid) == 1)
        {
          if (valid != NULL)
            GEOSGeom_destroy_r (context, valid);
          skip (import, feature, number, _("its geometry is broken and cannot be repaired"));
          return;
        }
      import->repaired++;
    }
  else
    valid = parsed;

  if (import->mode == SW_VECTOR_IMPORT_ROUTES)
    {
      int n_parts = GEOSGetNumGeometries_r (context, valid);
      guint n_routes = 0;

      for (int p = 0; p < n_parts; p++)
        {
          const GEOSGeometry *part = GEOSGetGeometryN_r (context, valid, p);
          g_autoptr (GVariant) points = NULL;
          g_autoptr (SwRoute) route = NULL;
          const char *name = item_name (feature);

          if (GEOSGeomTypeId_r (context, part) != GEOS_LINESTRING)
            continue;
          if ((points = line_points (context, part)) == NULL)
            continue;

          route = sw_route_new ();
          if (name != NULL && n_parts > 1)
            {
              g_autofree char *numbered = g_strdup_printf ("%s (%d)", name, p + 1);

              sw_route_set_name (route, numbered);
            }
          else
            sw_route_set_name (route, name);
          sw_route_set_points (route, points);
          g_ptr_array_add (import->features, g_steal_pointer (&route));
          n_routes++;
        }
      if (n_routes == 0)
        {
          skip (import, feature, number,
                original_type == wkbPoint || original_type == wkbMultiPoint
                  ? _("it is a point, not a line; import the file as findings to get it")
                  : original_type == wkbPolygon || original_type == wkbMultiPolygon
                      ? _("it is an area, not a line")
                      : _("its line has fewer than two distinct points"));
        }
    }
  else
    {
      if (GEOSGeomTypeId_r (context, valid) != GEOS_POINT)
        skip (import, feature, number, _("its point cannot be read"));
      else
        {
          double x = NAN, y = NAN;

          GEOSGeomGetX_r (context, valid, &x);
          GEOSGeomGetY_r (context, valid, &y);
          if (!position_usable (x, y, &reason))
            skip (import, feature, number, reason);
          else
            {
              g_autoptr (SwFinding) finding = sw_finding_new ();
              g_autofree char *note = attributes_note (feature, written_names);

              sw_finding_set_longitude (finding, x);
              sw_finding_set_latitude (finding, y);
              sw_finding_set_note (finding, note);
              g_ptr_array_add (import->features, g_steal_pointer (&finding));
            }
        }
    }
  GEOSGeom_destroy_r (context, valid);
}

static gboolean
read_layer (SwVectorImport       *import,
            GPtrArray            *written_names,
            GEOSContextHandle_t   context,
            OGRLayerH             layer,
            guint                *number,
            GCancellable         *cancellable,
            GError              **error)
{
  OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef (layer);
  OGRSpatialReferenceH storage_srs = NULL;
  OGRCoordinateTransformationH to_storage = NULL;
  OGRFeatureH feature;

  if (layer_srs != NULL)
    {
      storage_srs = OSRNewSpatialReference (NULL);
      OSRSetFromUserInput (storage_srs, SW_PROJECT_STORAGE_CRS);
      OSRSetAxisMappingStrategy (storage_srs, OAMS_TRADITIONAL_GIS_ORDER);
      if (!OSRIsSame (layer_srs, storage_srs))
        to_storage = OCTNewCoordinateTransformation (layer_srs, storage_srs);
    }

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      (*number)++;
      read_item (import, written_names, context, feature, to_storage, *number);
      OGR_F_Destroy (feature);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
    }

  if (to_storage != NULL)
    OCTDestroyCoordinateTransformation (to_storage);
  if (storage_srs != NULL)
    OSRDestroySpatialReference (storage_srs);
  return error == NULL || *error == NULL;
}

SwVectorImport *
sw_vector_import_read (GFile               *file,
                       SwVectorImportMode   mode,
                       GCancellable        *cancellable,
                       GError             **error)
{
  /* LIBKML first: it gives a placemark's ExtendedData as fields. */
  static const char *const drivers[] = { "LIBKML", "KML", "GeoJSON", "GPX", NULL };
  g_autoptr (SwVectorImport) import = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) written_names = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  GEOSContextHandle_t context;
  GDALDatasetH dataset;
  guint number = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  /* A local file only: GDAL would take /vsicurl/ and friends as network
   * paths. */
  if (path == NULL || g_str_has_prefix (path, "/vsi") || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_NOT_FOUND,
                   _("Cannot import “%s”: the file does not exist."), name);
      return NULL;
    }
  if (is_xml_path (path) && !sw_xml_file_check_safe (path, name, error))
    return NULL;

  GDALAllRegister ();
  CPLPushErrorHandler (CPLQuietErrorHandler);
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, NULL, NULL);
  CPLPopErrorHandler ();
  if (dataset == NULL)
    {
      g_set_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_UNSUPPORTED,
                   _("Cannot import “%s”: it is not a KML, GeoJSON or GPX file that can be read."),
                   name);
      return NULL;
    }

  {
    g_autofree char *lower = g_ascii_strdown (path, -1);

    if (g_str_has_suffix (lower, ".kml"))
      written_names = kml_data_names (path);
  }

  import = g_new0 (SwVectorImport, 1);
  import->file = g_object_ref (file);
  import->mode = mode;
  import->features = g_ptr_array_new_with_free_func (g_object_unref);
  import->skipped = g_ptr_array_new_with_free_func (g_free);

  context = GEOS_init_r ();
  CPLPushErrorHandler (CPLQuietErrorHandler);
  for (int i = 0; i < GDALDatasetGetLayerCount (dataset) && local_error == NULL; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (dataset, i);
      const char *layer_name = OGR_L_GetName (layer);

      /* GPX repeats its routes and tracks point by point in these. */
      if (g_str_equal (layer_name, "route_points") || g_str_equal (layer_name, "track_points"))
        continue;
      read_layer (import, written_names, context, layer, &number, cancellable, &local_error);
    }
  CPLPopErrorHandler ();
  GEOS_finish_r (context);
  GDALClose (dataset);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (import->features->len == 0)
    {
      if (number == 0)
        g_set_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_NOTHING,
                     _("Cannot import “%s”: it holds no items."), name);
      else
        g_set_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_NOTHING,
                     mode == SW_VECTOR_IMPORT_ROUTES
                       ? _("Cannot import “%s” as routes: none of its %u items is a usable line (%s).")
                       : _("Cannot import “%s” as findings: none of its %u items is a usable point (%s)."),
                     name, number, (const char *) import->skipped->pdata[0]);
      return NULL;
    }
  return g_steal_pointer (&import);
}

GPtrArray *
sw_project_import_vector (SwProject       *self,
                          SwVectorImport  *import,
                          SwWalk          *walk,
                          GError         **error)
{
  g_autoptr (GPtrArray) features = g_ptr_array_new_with_free_func (g_object_unref);
  const char *walk_uuid;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (SW_IS_WALK (walk), NULL);

  walk_uuid = sw_feature_get_uuid (SW_FEATURE (walk));
  for (guint i = 0; i < import->features->len; i++)
    {
      SwFeature *copy = sw_feature_copy (import->features->pdata[i]);

      g_object_set (copy, "walk-uuid", walk_uuid, NULL);
      g_ptr_array_add (features, copy);
    }
  return sw_project_add_many (self, features,
                              import->mode == SW_VECTOR_IMPORT_ROUTES ? _("Import Routes")
                                                                      : _("Import Findings"),
                              error);
}

SwTrack *
sw_project_import_track (SwProject  *self,
                         SwTrack    *track,
                         SwWalk     *walk,
                         GError    **error)
{
  GListModel *tracks;
  const char *walk_uuid;
  g_autoptr (SwFeature) state = NULL;
  g_autoptr (GPtrArray) features = g_ptr_array_new ();
  g_autoptr (GPtrArray) added = NULL;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (SW_IS_TRACK (track), NULL);
  g_return_val_if_fail (SW_IS_WALK (walk), NULL);

  walk_uuid = sw_feature_get_uuid (SW_FEATURE (walk));
  state = sw_feature_copy (SW_FEATURE (track));
  sw_track_set_walk_uuid (SW_TRACK (state), walk_uuid);
  g_ptr_array_add (features, state);

  /* A walk has one recorded track: a new one takes the old one's place,
   * as an edit of it, so undo brings the old one back. */
  tracks = sw_project_get_tracks (self);
  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr (SwTrack) listed = g_list_model_get_item (tracks, i);

      if (g_strcmp0 (sw_track_get_walk_uuid (listed), walk_uuid) != 0)
        continue;
      sw_feature_set_uuid (state, sw_feature_get_uuid (SW_FEATURE (listed)));
      if (!sw_project_update_many (self, features, _("Import Track"), error))
        return NULL;
      return SW_TRACK (sw_project_lookup (self, SW_KIND_TRACK, sw_feature_get_uuid (state)));
    }

  added = sw_project_add_many (self, features, _("Import Track"), error);
  return added != NULL ? added->pdata[0] : NULL;
}
