/* The routes of a project drawn on the map as lines, with their numbered stops. */
#pragma once

#include <shumate/shumate.h>

#include "sw-project.h"

G_BEGIN_DECLS

/* The models say what to draw (a filtered list hides a route while an
 * editor draws it); the project, when given, says when a listed route or
 * stop changed in place, through its "feature-changed", so the layer needs no
 * handler on each feature. Without a project the layer watches each item's
 * notify instead, which is fine for the few routes a walk has. Drawing
 * follows on the next frame. */

#define SW_TYPE_ROUTE_LAYER (sw_route_layer_get_type ())
G_DECLARE_FINAL_TYPE (SwRouteLayer, sw_route_layer, SW, ROUTE_LAYER, ShumateLayer)

SwRouteLayer *sw_route_layer_new        (ShumateViewport *viewport);
void          sw_route_layer_set_models (SwRouteLayer    *self,
                                         GListModel      *routes,
                                         GListModel      *stops);
void          sw_route_layer_set_project (SwRouteLayer   *self,
                                          SwProject      *project);

G_END_DECLS
