/* Where a point on the earth lands in a map widget: the projection the map
 * layers share, in Web Mercator coordinates normalized to 0..1. */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

typedef struct
{
  double center_x;
  double center_y;
  double world_size;
  double width;
  double height;
  double cos_rotation;
  double sin_rotation;
} SwMapTransform;

double   sw_mercator_x                      (double                longitude);
double   sw_mercator_y                      (double                latitude);
double   sw_mercator_longitude              (double                x);
double   sw_mercator_latitude               (double                y);

gboolean sw_map_transform_init              (SwMapTransform       *self,
                                             ShumateViewport      *viewport,
                                             GtkWidget            *widget);
void     sw_map_transform_apply             (const SwMapTransform *self,
                                             double                x,
                                             double                y,
                                             double               *widget_x,
                                             double               *widget_y);
void     sw_map_transform_get_visible_area  (const SwMapTransform *self,
                                             double                margin,
                                             double               *min_x,
                                             double               *min_y,
                                             double               *max_x,
                                             double               *max_y);
double   sw_map_transform_zoom_for_area     (double                min_x,
                                             double                min_y,
                                             double                max_x,
                                             double                max_y,
                                             double                width,
                                             double                height,
                                             double                tile_size);

G_END_DECLS
