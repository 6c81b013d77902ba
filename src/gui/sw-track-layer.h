/* The walks' recorded GPS tracks drawn on the map, thin and dashed beside
 * the planned routes. */
#pragma once

#include <shumate/shumate.h>

#include "sw-project.h"

G_BEGIN_DECLS

#define SW_TYPE_TRACK_LAYER (sw_track_layer_get_type ())
G_DECLARE_FINAL_TYPE (SwTrackLayer, sw_track_layer, SW, TRACK_LAYER, ShumateLayer)

SwTrackLayer *sw_track_layer_new         (ShumateViewport *viewport);
/* Draws every track of @project and follows its edits, undo and redo. */
void          sw_track_layer_set_project (SwTrackLayer    *self,
                                          SwProject       *project);
/* How many tracks are drawn, for tests. */
guint         sw_track_layer_get_n_tracks (SwTrackLayer   *self);

G_END_DECLS
