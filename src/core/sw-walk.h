/* A safety walk: when and where a group walks, and what it found. */
#pragma once

#include "sw-feature.h"

G_BEGIN_DECLS

#define SW_TYPE_WALK (sw_walk_get_type ())
G_DECLARE_FINAL_TYPE (SwWalk, sw_walk, SW, WALK, SwFeature)

SwWalk *sw_walk_new (void);

const char *sw_walk_get_title (SwWalk *self);
void sw_walk_set_title (SwWalk *self, const char *title);
const char *sw_walk_get_date (SwWalk *self);
void sw_walk_set_date (SwWalk *self, const char *date);
const char *sw_walk_get_start_time (SwWalk *self);
void sw_walk_set_start_time (SwWalk *self, const char *start_time);
const char *sw_walk_get_light (SwWalk *self);
void sw_walk_set_light (SwWalk *self, const char *light);
const char *sw_walk_get_meeting_point (SwWalk *self);
void sw_walk_set_meeting_point (SwWalk *self, const char *meeting_point);
const char *sw_walk_get_area (SwWalk *self);
void sw_walk_set_area (SwWalk *self, const char *area);
const char *sw_walk_get_notes (SwWalk *self);
void sw_walk_set_notes (SwWalk *self, const char *notes);
const char *sw_walk_get_repeats_uuid (SwWalk *self);
void sw_walk_set_repeats_uuid (SwWalk *self, const char *repeats_uuid);

G_END_DECLS
