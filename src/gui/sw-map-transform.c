/* The projection the map layers share: longitude and latitude to Web
 * Mercator (0..1) and on to widget pixels, as ShumateViewport places tiles. */
#define G_LOG_DOMAIN "sw-map-transform"

#include "config.h"

#include <math.h>

#include "sw-map-transform.h"

double
sw_mercator_x (double longitude)
{
  return (longitude + 180.0) / 360.0;
}

double
sw_mercator_y (double latitude)
{
  double sin_latitude;

  latitude = CLAMP (latitude, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE);
  sin_latitude = sin (latitude * G_PI / 180.0);

  return 0.5 - log ((1.0 + sin_latitude) / (1.0 - sin_latitude)) / (4.0 * G_PI);
}

double
sw_mercator_longitude (double x)
{
  return x * 360.0 - 180.0;
}

double
sw_mercator_latitude (double y)
{
  return 360.0 / G_PI * atan (exp ((0.5 - y) * 2.0 * G_PI)) - 90.0;
}

/* Returns FALSE when the viewport cannot place anything yet: it has no map
 * source (so no tile size) or the widget has no size. */
gboolean
sw_map_transform_init (SwMapTransform  *self,
                       ShumateViewport *viewport,
                       GtkWidget       *widget)
{
  ShumateMapSource *source;
  double rotation;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  source = shumate_viewport_get_reference_map_source (viewport);
  self->width = gtk_widget_get_width (widget);
  self->height = gtk_widget_get_height (widget);
  if (source == NULL || self->width <= 0 || self->height <= 0)
    return FALSE;

  self->world_size = shumate_map_source_get_tile_size (source)
                     * exp2 (shumate_viewport_get_zoom_level (viewport));
  self->center_x = sw_mercator_x (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  self->center_y = sw_mercator_y (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  rotation = shumate_viewport_get_rotation (viewport);
  self->cos_rotation = cos (rotation);
  self->sin_rotation = sin (rotation);

  return TRUE;
}

void
sw_map_transform_apply (const SwMapTransform *self,
                        double                x,
                        double                y,
                        double               *widget_x,
                        double               *widget_y)
{
  double dx = (x - self->center_x) * self->world_size;
  double dy = (y - self->center_y) * self->world_size;

  *widget_x = self->cos_rotation * dx - self->sin_rotation * dy + self->width / 2.0;
  *widget_y = self->sin_rotation * dx + self->cos_rotation * dy + self->height / 2.0;
}

/* The Mercator rectangle that holds the whole widget, widened by @margin
 * pixels on each side; with a rotated map it covers the rotated corners. */
void
sw_map_transform_get_visible_area (const SwMapTransform *self,
                                   double                margin,
                                   double               *min_x,
                                   double               *min_y,
                                   double               *max_x,
                                   double               *max_y)
{
  double half_w = self->width / 2.0 + margin;
  double half_h = self->height / 2.0 + margin;
  double extent_x = fabs (self->cos_rotation) * half_w + fabs (self->sin_rotation) * half_h;
  double extent_y = fabs (self->sin_rotation) * half_w + fabs (self->cos_rotation) * half_h;

  *min_x = self->center_x - extent_x / self->world_size;
  *max_x = self->center_x + extent_x / self->world_size;
  *min_y = self->center_y - extent_y / self->world_size;
  *max_y = self->center_y + extent_y / self->world_size;
}

/* The zoom level at which the Mercator rectangle fills @width x @height
 * pixels; a single point gives a street-level zoom. */
double
sw_map_transform_zoom_for_area (double min_x,
                                double min_y,
                                double max_x,
                                double max_y,
                                double width,
                                double height,
                                double tile_size)
{
  double span_x = MAX (max_x - min_x, 1e-9);
  double span_y = MAX (max_y - min_y, 1e-9);
  double zoom_x = log2 (width / (span_x * tile_size));
  double zoom_y = log2 (height / (span_y * tile_size));

  return CLAMP (MIN (zoom_x, zoom_y), 1.0, 17.0);
}
