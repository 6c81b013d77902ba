/* The track a walk recorded: where the group went and when, from a GPS
 * file, shown beside the planned routes and used to place photos by time. */
#pragma once

#include "sw-feature.h"

G_BEGIN_DECLS

#define SW_TYPE_TRACK (sw_track_get_type ())
G_DECLARE_FINAL_TYPE (SwTrack, sw_track, SW, TRACK, SwFeature)

SwTrack *sw_track_new (void);

/* "points" is a GVariant of type a(ddx): (longitude, latitude, Unix time in
 * seconds) in EPSG:4326, in time order; stored as a LineString M. */

const char *sw_track_get_walk_uuid (SwTrack *self);
void sw_track_set_walk_uuid (SwTrack *self, const char *walk_uuid);
const char *sw_track_get_name (SwTrack *self);
void sw_track_set_name (SwTrack *self, const char *name);
const char *sw_track_get_color (SwTrack *self);
void sw_track_set_color (SwTrack *self, const char *color);
GVariant *sw_track_get_points (SwTrack *self);
void sw_track_set_points (SwTrack *self, GVariant *points);

G_END_DECLS
