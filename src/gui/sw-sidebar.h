/* The sidebar beside the map: the project's walks, each with its findings. */
#pragma once

#include <gtk/gtk.h>

#include "sw-project.h"
#include "sw-finding-editor.h"
#include "sw-walk-editor.h"

G_BEGIN_DECLS

#define SW_TYPE_SIDEBAR (sw_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (SwSidebar, sw_sidebar, SW, SIDEBAR, GtkWidget)

GtkWidget  *sw_sidebar_new         (void);
SwProject  *sw_sidebar_get_project (SwSidebar *self);
void        sw_sidebar_set_project (SwSidebar *self,
                                    SwProject *project);
GListModel *sw_sidebar_get_rows    (SwSidebar *self);
void        sw_sidebar_show_walk   (SwSidebar *self,
                                    SwWalk    *walk);
SwWalkEditor *sw_sidebar_get_walk_editor (SwSidebar *self);
void        sw_sidebar_show_finding (SwSidebar *self,
                                     SwFinding *finding);
SwFindingEditor *sw_sidebar_get_finding_editor (SwSidebar *self);

G_END_DECLS
