/* One place in the ranked list: its rank in the colour of its priority, its
 * name, what was found there and its score. */
#pragma once

#include <gtk/gtk.h>

#include "sw-place-priority.h"

G_BEGIN_DECLS

#define SW_TYPE_PLACE_ROW (sw_place_row_get_type ())
G_DECLARE_FINAL_TYPE (SwPlaceRow, sw_place_row, SW, PLACE_ROW, GtkWidget)

GtkWidget *sw_place_row_new          (void);
void       sw_place_row_set_priority (SwPlaceRow      *self,
                                      SwPlacePriority *priority);
/* The CSS class of a priority's colour: "priority-high", "-medium",
 * "-low", or "priority-none" for a place with only safe findings. */
const char *sw_place_row_priority_class (SwPlacePriority *priority);

G_END_DECLS
