/* Places drawn on the map as circles coloured by their priority, the
 * highest ten with their rank. */
#pragma once

#include <shumate/shumate.h>

#include "sw-project.h"

G_BEGIN_DECLS

#define SW_TYPE_PLACE_LAYER (sw_place_layer_get_type ())
G_DECLARE_FINAL_TYPE (SwPlaceLayer, sw_place_layer, SW, PLACE_LAYER, ShumateLayer)

SwPlaceLayer *sw_place_layer_new         (ShumateViewport *viewport);
/* @ranking is a list of SwPlacePriority (sw_project_rank_places()), or
 * NULL for none. */
void          sw_place_layer_set_ranking (SwPlaceLayer    *self,
                                          GListModel      *ranking);
/* The colour of a place with @relative priority (0 to 1; below 0 for a
 * place with only safe and pleasant findings), as "#rrggbb". */
const char   *sw_place_layer_priority_color (double        relative);

G_END_DECLS
