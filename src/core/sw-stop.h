/* A numbered stop along a route, where the group halts and talks. */
#pragma once

#include "sw-feature.h"

G_BEGIN_DECLS

#define SW_TYPE_STOP (sw_stop_get_type ())
G_DECLARE_FINAL_TYPE (SwStop, sw_stop, SW, STOP, SwFeature)

SwStop *sw_stop_new (void);

const char *sw_stop_get_walk_uuid (SwStop *self);
void sw_stop_set_walk_uuid (SwStop *self, const char *walk_uuid);
const char *sw_stop_get_route_uuid (SwStop *self);
void sw_stop_set_route_uuid (SwStop *self, const char *route_uuid);
int sw_stop_get_number (SwStop *self);
void sw_stop_set_number (SwStop *self, int number);
const char *sw_stop_get_name (SwStop *self);
void sw_stop_set_name (SwStop *self, const char *name);
const char *sw_stop_get_note (SwStop *self);
void sw_stop_set_note (SwStop *self, const char *note);
double sw_stop_get_longitude (SwStop *self);
void sw_stop_set_longitude (SwStop *self, double longitude);
double sw_stop_get_latitude (SwStop *self);
void sw_stop_set_latitude (SwStop *self, double latitude);

G_END_DECLS
