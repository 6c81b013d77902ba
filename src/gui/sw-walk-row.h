/* A walk as a heading row of the sidebar: its title, when, and how many findings. */
#pragma once

#include <gtk/gtk.h>

#include "sw-walk.h"

G_BEGIN_DECLS

#define SW_TYPE_WALK_ROW (sw_walk_row_get_type ())
G_DECLARE_FINAL_TYPE (SwWalkRow, sw_walk_row, SW, WALK_ROW, GtkWidget)

GtkWidget *sw_walk_row_new          (void);
SwWalk    *sw_walk_row_get_walk     (SwWalkRow  *self);
void       sw_walk_row_set_walk     (SwWalkRow  *self,
                                     SwWalk     *walk,
                                     GListModel *findings);

G_END_DECLS
