/* A main window: one project on a map, with its walks and findings beside it. */
#pragma once

#include <adwaita.h>

#include "sw-basemap-source.h"
#include "sw-finding-tool.h"
#include "sw-project.h"
#include "sw-sidebar.h"

G_BEGIN_DECLS

#define SW_TYPE_WINDOW (sw_window_get_type ())
G_DECLARE_FINAL_TYPE (SwWindow, sw_window, SW, WINDOW, AdwApplicationWindow)

SwWindow         *sw_window_new                 (GtkApplication *application);
GFile            *sw_window_get_file            (SwWindow       *self);
SwProject        *sw_window_get_project         (SwWindow       *self);
gboolean          sw_window_is_empty            (SwWindow       *self);
void              sw_window_open_file           (SwWindow       *self,
                                                 GFile          *file);
void              sw_window_set_project         (SwWindow       *self,
                                                 SwProject      *project);
void              sw_window_show_error          (SwWindow       *self,
                                                 const char     *heading,
                                                 const char     *message);
void              sw_window_add_toast           (SwWindow       *self,
                                                 AdwToast       *toast);
SwSidebar        *sw_window_get_sidebar         (SwWindow       *self);
ShumateSimpleMap *sw_window_get_map             (SwWindow       *self);
SwBasemapSource  *sw_window_get_basemap_source  (SwWindow       *self);
SwFindingTool    *sw_window_get_finding_tool    (SwWindow       *self);

G_END_DECLS
