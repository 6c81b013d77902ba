/* A planned route of a walk, drawn as a line on the map. */
#pragma once

#include "sw-feature.h"

G_BEGIN_DECLS

#define SW_TYPE_ROUTE (sw_route_get_type ())
G_DECLARE_FINAL_TYPE (SwRoute, sw_route, SW, ROUTE, SwFeature)

SwRoute *sw_route_new (void);

/* "points" is a GVariant of type a(dd): (longitude, latitude) pairs in
 * EPSG:4326, in drawing order. */

const char *sw_route_get_walk_uuid (SwRoute *self);
void sw_route_set_walk_uuid (SwRoute *self, const char *walk_uuid);
const char *sw_route_get_name (SwRoute *self);
void sw_route_set_name (SwRoute *self, const char *name);
const char *sw_route_get_color (SwRoute *self);
void sw_route_set_color (SwRoute *self, const char *color);
GVariant *sw_route_get_points (SwRoute *self);
void sw_route_set_points (SwRoute *self, GVariant *points);

G_END_DECLS
