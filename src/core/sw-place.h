/* A place: findings close together, grouped under one name. */
#pragma once

#include "sw-feature.h"

G_BEGIN_DECLS

#define SW_TYPE_PLACE (sw_place_get_type ())
G_DECLARE_FINAL_TYPE (SwPlace, sw_place, SW, PLACE, SwFeature)

SwPlace *sw_place_new (void);

const char *sw_place_get_name (SwPlace *self);
void sw_place_set_name (SwPlace *self, const char *name);
double sw_place_get_longitude (SwPlace *self);
void sw_place_set_longitude (SwPlace *self, double longitude);
double sw_place_get_latitude (SwPlace *self);
void sw_place_set_latitude (SwPlace *self, double latitude);
gboolean sw_place_get_user_named (SwPlace *self);
void sw_place_set_user_named (SwPlace *self, gboolean user_named);

G_END_DECLS
