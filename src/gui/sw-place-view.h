/* One place beside the map: its name, why it ranks where it does, its
 * findings (each can be split out into a place of its own), merging with
 * another place, its measures, and before and after across walks. */
#pragma once

#include <gtk/gtk.h>

#include "sw-place-priority.h"

G_BEGIN_DECLS

/* Signals: "close-requested" (back to the list); "finding-activated"
 * (SwFinding *) when a finding is to be shown on the map. */
#define SW_TYPE_PLACE_VIEW (sw_place_view_get_type ())
G_DECLARE_FINAL_TYPE (SwPlaceView, sw_place_view, SW, PLACE_VIEW, GtkWidget)

GtkWidget *sw_place_view_new          (void);
/* Shows @place of @project with its @ranking (SwPlacePriority items), or
 * nothing when @place is NULL. */
void       sw_place_view_set_place    (SwPlaceView *self,
                                       SwProject   *project,
                                       GListModel  *ranking,
                                       SwPlace     *place);
SwPlace   *sw_place_view_get_place    (SwPlaceView *self);

G_END_DECLS
