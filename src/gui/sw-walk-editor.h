/* A walk in the sidebar: its title, date, time, light, meeting point, area
 * and notes, its routes, and the selected route with its stops. */
#pragma once

#include <gtk/gtk.h>

#include "sw-project.h"

G_BEGIN_DECLS

/* Signal "close-requested" when the back button asks for the list of walks. */
#define SW_TYPE_WALK_EDITOR (sw_walk_editor_get_type ())
G_DECLARE_FINAL_TYPE (SwWalkEditor, sw_walk_editor, SW, WALK_EDITOR, GtkWidget)

GtkWidget *sw_walk_editor_new              (void);
void       sw_walk_editor_set_walk         (SwWalkEditor *self,
                                            SwProject    *project,
                                            SwWalk       *walk);
SwWalk    *sw_walk_editor_get_walk         (SwWalkEditor *self);
SwRoute   *sw_walk_editor_get_route        (SwWalkEditor *self);
void       sw_walk_editor_select_route     (SwWalkEditor *self,
                                            SwRoute      *route);
GtkWidget *sw_walk_editor_get_route_panel  (SwWalkEditor *self);

G_END_DECLS
