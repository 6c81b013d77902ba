/* The selected route in the sidebar: its name, colour and length, the
 * buttons to edit or delete it, and its stops. */
#pragma once

#include <gtk/gtk.h>

#include "sw-project.h"

G_BEGIN_DECLS

#define SW_TYPE_ROUTE_PANEL (sw_route_panel_get_type ())
G_DECLARE_FINAL_TYPE (SwRoutePanel, sw_route_panel, SW, ROUTE_PANEL, GtkWidget)

GtkWidget   *sw_route_panel_new            (void);
void         sw_route_panel_set_route      (SwRoutePanel *self,
                                            SwProject    *project,
                                            SwRoute      *route);
SwRoute     *sw_route_panel_get_route      (SwRoutePanel *self);
GtkWidget   *sw_route_panel_get_stop_list  (SwRoutePanel *self);

/* The colours offered for routes, as "#rrggbb". */
const char  *sw_route_panel_get_palette_color (guint index);
guint        sw_route_panel_get_palette_size  (void);

/* "850 m" or "1.2 km", in the user's locale. */
char        *sw_route_panel_format_length  (double        metres);

G_END_DECLS
