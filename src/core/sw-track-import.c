/* A walk's recorded track from a GPS file, read through GDAL's GPX driver:
 * the points of the first track, in segment and point order, with times. */
#define G_LOG_DOMAIN "sw-track-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gdal.h>
#include <ogr_api.h>
#include <cpl_error.h>

#include "sw-track-import.h"
#include "sw-vector-import.h"

G_DEFINE_QUARK (sw-track-import-error-quark, sw_track_import_error)

SwTrack *
sw_track_new_from_gpx (GFile   *file,
                       GError **error)
{
  static const char *const drivers[] = { "GPX", NULL };
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *track_name = NULL;
  g_autoptr (SwTrack) track = NULL;
  GVariantBuilder builder;
  GDALDatasetH dataset;
  OGRLayerH points;
  OGRLayerH tracks;
  OGRFeatureH feature;
  gint64 first_fid = -1;
  guint n_points = 0, n_timed = 0;
  int fid_index, time_index;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  GDALAllRegister ();
  path = g_file_get_path (file);
  name = g_file_get_parse_name (file);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot import “%s”: the file does not exist."), name);
      return NULL;
    }
  /* GPX is XML: the same refusal of entity declarations as for KML. */
  if (!sw_xml_file_check_safe (path, name, error))
    return NULL;

  CPLPushErrorHandler (CPLQuietErrorHandler);
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, NULL, NULL);
  CPLPopErrorHandler ();
  if (dataset == NULL)
    {
      g_set_error (error, SW_TRACK_IMPORT_ERROR, SW_TRACK_IMPORT_ERROR_NOT_GPX,
                   _("Cannot import “%s”: it is not a GPX file."), name);
      return NULL;
    }

  points = GDALDatasetGetLayerByName (dataset, "track_points");
  tracks = GDALDatasetGetLayerByName (dataset, "tracks");
  if (tracks != NULL)
    {
      OGR_L_ResetReading (tracks);
      if ((feature = OGR_L_GetNextFeature (tracks)) != NULL)
        {
          int index = OGR_F_GetFieldIndex (feature, "name");

          if (index >= 0 && OGR_F_IsFieldSetAndNotNull (feature, index))
            track_name = g_strdup (OGR_F_GetFieldAsString (feature, index));
          OGR_F_Destroy (feature);
        }
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ddx)"));
  fid_index = points != NULL ? OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (points), "track_fid") : -1;
  time_index = points != NULL ? OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (points), "time") : -1;
  if (points != NULL)
    {
      /* The driver gives points in file order: segment by segment. */
      OGR_L_ResetReading (points);
      while ((feature = OGR_L_GetNextFeature (points)) != NULL)
        {
          OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
          gint64 track_fid = fid_index >= 0 ? OGR_F_GetFieldAsInteger64 (feature, fid_index) : 0;
          int year, month, day, hour, minute, tz;
          float second;
          gint64 time = 0;

          if (first_fid < 0)
            first_fid = track_fid;
          if (track_fid != first_fid || geometry == NULL || OGR_G_IsEmpty (geometry))
            {
              OGR_F_Destroy (feature);
              continue;
            }
          if (time_index >= 0 && OGR_F_IsFieldSetAndNotNull (feature, time_index) &&
              OGR_F_GetFieldAsDateTimeEx (feature, time_index, &year, &month, &day, &hour, &minute,
                                          &second, &tz))
            {
              g_autoptr (GDateTime) utc = g_date_time_new_utc (year, month, day, hour, minute, second);
              g_autoptr (GDateTime) zoned = NULL;

              /* GPX times are UTC; a file that says otherwise is honoured. */
              if (utc != NULL && tz > 1 && tz != 100)
                zoned = g_date_time_add_minutes (utc, -(tz - 100) * 15);
              if (utc != NULL)
                {
                  time = g_date_time_to_unix (zoned != NULL ? zoned : utc);
                  n_timed++;
                }
            }
          g_variant_builder_add (&builder, "(ddx)", OGR_G_GetX (geometry, 0), OGR_G_GetY (geometry, 0), time);
          n_points++;
          OGR_F_Destroy (feature);
        }
    }
  GDALClose (dataset);

  if (n_points == 0)
    {
      g_variant_builder_clear (&builder);
      g_set_error (error, SW_TRACK_IMPORT_ERROR, SW_TRACK_IMPORT_ERROR_NO_TRACK,
                   _("Cannot import “%s”: it holds no track, only waypoints or routes. "
                     "Record the walk as a track in the GPS app."),
                   name);
      return NULL;
    }
  if (n_points < 2)
    {
      g_variant_builder_clear (&builder);
      g_set_error (error, SW_TRACK_IMPORT_ERROR, SW_TRACK_IMPORT_ERROR_TOO_SHORT,
                   _("Cannot import “%s”: its track has a single point, too little to show "
                     "a walk."),
                   name);
      return NULL;
    }
  if (n_timed < n_points)
    {
      g_variant_builder_clear (&builder);
      g_set_error (error, SW_TRACK_IMPORT_ERROR, SW_TRACK_IMPORT_ERROR_NO_TIMES,
                   _("Cannot import “%s” as a recorded track: %u of its %u points have no "
                     "time, so photos cannot be placed along it. Import it as a route instead."),
                   name, n_points - n_timed, n_points);
      return NULL;
    }

  if (track_name == NULL)
    track_name = g_file_get_basename (file);
  track = sw_track_new ();
  sw_track_set_name (track, track_name);
  sw_track_set_points (track, g_variant_builder_end (&builder));
  return g_steal_pointer (&track);
}
