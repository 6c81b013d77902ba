/* Coordinates from storage (EPSG:4326) into the project's working CRS, where
 * distances and lengths are measured in metres with GEOS. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SW_CRS_TRANSFORM_ERROR (sw_crs_transform_error_quark ())

typedef enum
{
  SW_CRS_TRANSFORM_ERROR_UNKNOWN_CRS,
  SW_CRS_TRANSFORM_ERROR_NOT_METRIC,
} SwCrsTransformError;

GQuark sw_crs_transform_error_quark (void);

#define SW_TYPE_CRS_TRANSFORM (sw_crs_transform_get_type ())
G_DECLARE_FINAL_TYPE (SwCrsTransform, sw_crs_transform, SW, CRS_TRANSFORM, GObject)

SwCrsTransform *sw_crs_transform_new         (const char      *target_crs,
                                              GError         **error);
const char     *sw_crs_transform_get_target  (SwCrsTransform  *self);
gboolean        sw_crs_transform_forward     (SwCrsTransform  *self,
                                              double           longitude,
                                              double           latitude,
                                              double          *x,
                                              double          *y);
gboolean        sw_crs_transform_inverse     (SwCrsTransform  *self,
                                              double           x,
                                              double           y,
                                              double          *longitude,
                                              double          *latitude);
/* Transforms @n points in place, longitude/latitude in @x/@y to working
 * coordinates; @ok[i] (if given) tells whether point i could be. Faster
 * than one call per point for many. */
void            sw_crs_transform_forward_many (SwCrsTransform *self,
                                               gsize           n,
                                               double         *x,
                                               double         *y,
                                               gboolean       *ok);
double          sw_crs_transform_line_length (SwCrsTransform  *self,
                                              GVariant        *points);
double          sw_crs_transform_distance    (SwCrsTransform  *self,
                                              double           longitude_a,
                                              double           latitude_a,
                                              double           longitude_b,
                                              double           latitude_b);

G_END_DECLS
