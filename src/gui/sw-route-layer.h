/* The routes of a project drawn on the map as lines, with their numbered stops. */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SW_TYPE_ROUTE_LAYER (sw_route_layer_get_type ())
G_DECLARE_FINAL_TYPE (SwRouteLayer, sw_route_layer, SW, ROUTE_LAYER, ShumateLayer)

SwRouteLayer *sw_route_layer_new        (ShumateViewport *viewport);
void          sw_route_layer_set_models (SwRouteLayer    *self,
                                         GListModel      *routes,
                                         GListModel      *stops);

G_END_DECLS
