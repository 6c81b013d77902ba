/* Coordinates from storage (EPSG:4326) into the project's working CRS, where
 * distances and lengths are measured in metres with GEOS. */
#define G_LOG_DOMAIN "sw-crs-transform"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <geos_c.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>

#include "sw-crs-transform.h"

G_DEFINE_QUARK (sw-crs-transform-error-quark, sw_crs_transform_error)

struct _SwCrsTransform
{
  GObject parent_instance;

  char *target;
  OGRSpatialReferenceH source_srs;
  OGRSpatialReferenceH target_srs;
  OGRCoordinateTransformationH forward;
  OGRCoordinateTransformationH inverse;
  GEOSContextHandle_t geos;
};

G_DEFINE_FINAL_TYPE (SwCrsTransform, sw_crs_transform, G_TYPE_OBJECT)

static void
sw_crs_transform_finalize (GObject *object)
{
  SwCrsTransform *self = SW_CRS_TRANSFORM (object);

  g_clear_pointer (&self->forward, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&self->inverse, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&self->source_srs, OSRRelease);
  g_clear_pointer (&self->target_srs, OSRRelease);
  g_clear_pointer (&self->geos, GEOS_finish_r);
  g_clear_pointer (&self->target, g_free);

  G_OBJECT_CLASS (sw_crs_transform_parent_class)->finalize (object);
}

static void
sw_crs_transform_class_init (SwCrsTransformClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sw_crs_transform_finalize;
}

static void
sw_crs_transform_init (SwCrsTransform *self)
{
}

/* @target_crs is anything OSR understands, normally "EPSG:3006" or one of
 * the SWEREF 99 local zones; it must have metres as its unit. */
SwCrsTransform *
sw_crs_transform_new (const char  *target_crs,
                      GError     **error)
{
  g_autoptr (SwCrsTransform) self = NULL;

  g_return_val_if_fail (target_crs != NULL, NULL);

  self = g_object_new (SW_TYPE_CRS_TRANSFORM, NULL);
  self->target = g_strdup (target_crs);
  self->source_srs = OSRNewSpatialReference (NULL);
  self->target_srs = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (self->source_srs, 4326);
  OSRSetAxisMappingStrategy (self->source_srs, OAMS_TRADITIONAL_GIS_ORDER);

  CPLPushErrorHandler (CPLQuietErrorHandler);
  if (OSRSetFromUserInput (self->target_srs, target_crs) != OGRERR_NONE)
    {
      CPLPopErrorHandler ();
      g_set_error (error, SW_CRS_TRANSFORM_ERROR, SW_CRS_TRANSFORM_ERROR_UNKNOWN_CRS,
                   _("The coordinate reference system “%s” is not known."), target_crs);
      return NULL;
    }
  CPLPopErrorHandler ();
  OSRSetAxisMappingStrategy (self->target_srs, OAMS_TRADITIONAL_GIS_ORDER);

  if (!OSRIsProjected (self->target_srs) ||
      fabs (OSRGetLinearUnits (self->target_srs, NULL) - 1.0) > 1e-9)
    {
      g_set_error (error, SW_CRS_TRANSFORM_ERROR, SW_CRS_TRANSFORM_ERROR_NOT_METRIC,
                   _("The coordinate reference system “%s” does not measure in metres; "
                     "choose a projected one such as EPSG:3006 (SWEREF 99 TM)."),
                   target_crs);
      return NULL;
    }
  self->forward = OCTNewCoordinateTransformation (self->source_srs, self->target_srs);
  self->inverse = OCTNewCoordinateTransformation (self->target_srs, self->source_srs);
  if (self->forward == NULL || self->inverse == NULL)
    {
      g_set_error (error, SW_CRS_TRANSFORM_ERROR, SW_CRS_TRANSFORM_ERROR_UNKNOWN_CRS,
                   _("Coordinates cannot be transformed to “%s”."), target_crs);
      return NULL;
    }

  self->geos = GEOS_init_r ();
  return g_steal_pointer (&self);
}

const char *
sw_crs_transform_get_target (SwCrsTransform *self)
{
  g_return_val_if_fail (SW_IS_CRS_TRANSFORM (self), NULL);

  return self->target;
}

gboolean
sw_crs_transform_forward (SwCrsTransform *self,
                          double          longitude,
                          double          latitude,
                          double         *x,
                          double         *y)
{
  g_return_val_if_fail (SW_IS_CRS_TRANSFORM (self), FALSE);

  *x = longitude;
  *y = latitude;
  return OCTTransform (self->forward, 1, x, y, NULL) != 0;
}

void
sw_crs_transform_forward_many (SwCrsTransform *self,
                               gsize           n,
                               double         *x,
                               double         *y,
                               gboolean       *ok)
{
  g_autofree int *success = NULL;

  g_return_if_fail (SW_IS_CRS_TRANSFORM (self));

  if (n == 0)
    return;
  success = g_new0 (int, n);
  /* Chunks keep within OCTTransformEx's int count. */
  for (gsize start = 0; start < n; start += G_MAXINT / 2)
    {
      int count = (int) MIN (n - start, (gsize) G_MAXINT / 2);

      OCTTransformEx (self->forward, count, x + start, y + start, NULL, success + start);
    }
  for (gsize i = 0; ok != NULL && i < n; i++)
    ok[i] = success[i] != 0 && isfinite (x[i]) && isfinite (y[i]);
}

gboolean
sw_crs_transform_inverse (SwCrsTransform *self,
                          double          x,
                          double          y,
                          double         *longitude,
                          double         *latitude)
{
  g_return_val_if_fail (SW_IS_CRS_TRANSFORM (self), FALSE);

  *longitude = x;
  *latitude = y;
  return OCTTransform (self->inverse, 1, longitude, latitude, NULL) != 0;
}

/* The length in metres of a line of (longitude, latitude) pairs, as GEOS
 * measures it in the working CRS; 0 for fewer than two points. */
double
sw_crs_transform_line_length (SwCrsTransform *self,
                              GVariant       *points)
{
  GEOSCoordSequence *sequence;
  GEOSGeometry *line;
  GVariantIter iter;
  double lon, lat, length = 0.0;
  gsize n;
  guint i = 0;

  g_return_val_if_fail (SW_IS_CRS_TRANSFORM (self), 0.0);

  if (points == NULL || (n = g_variant_n_children (points)) < 2)
    return 0.0;

  sequence = GEOSCoordSeq_create_r (self->geos, (unsigned int) n, 2);
  g_variant_iter_init (&iter, points);
  while (g_variant_iter_next (&iter, "(dd)", &lon, &lat))
    {
      double x, y;

      if (!sw_crs_transform_forward (self, lon, lat, &x, &y))
        {
          GEOSCoordSeq_destroy_r (self->geos, sequence);
          return NAN;
        }
      GEOSCoordSeq_setXY_r (self->geos, sequence, i++, x, y);
    }

  line = GEOSGeom_createLineString_r (self->geos, sequence);
  if (line == NULL || GEOSLength_r (self->geos, line, &length) == 0)
    length = NAN;
  if (line != NULL)
    GEOSGeom_destroy_r (self->geos, line);
  return length;
}

double
sw_crs_transform_distance (SwCrsTransform *self,
                           double          longitude_a,
                           double          latitude_a,
                           double          longitude_b,
                           double          latitude_b)
{
  g_autoptr (GVariant) pair = NULL;

  g_return_val_if_fail (SW_IS_CRS_TRANSFORM (self), NAN);

  pair = g_variant_ref_sink (g_variant_new_parsed ("[(%d, %d), (%d, %d)]",
                                                   longitude_a, latitude_a,
                                                   longitude_b, latitude_b));
  return sw_crs_transform_line_length (self, pair);
}
