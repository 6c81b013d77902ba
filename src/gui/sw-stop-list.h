/* The numbered stops of one route in the sidebar, renumbered by dragging a
 * row or with its move buttons. */
#pragma once

#include <gtk/gtk.h>

#include "sw-project.h"

G_BEGIN_DECLS

#define SW_TYPE_STOP_LIST (sw_stop_list_get_type ())
G_DECLARE_FINAL_TYPE (SwStopList, sw_stop_list, SW, STOP_LIST, GtkWidget)

GtkWidget *sw_stop_list_new        (void);
void       sw_stop_list_set_route  (SwStopList  *self,
                                    SwProject   *project,
                                    SwRoute     *route);
GPtrArray *sw_stop_list_dup_stops  (SwStopList  *self);
gboolean   sw_stop_list_move_stop  (SwStopList  *self,
                                    SwStop      *stop,
                                    guint        position,
                                    GError     **error);

/* The stops of @route_uuid in @project, by number. */
GPtrArray *sw_stop_list_collect    (SwProject   *project,
                                    const char  *route_uuid);

G_END_DECLS
