/* The application: one instance per user, one window per open project. */
#pragma once

#include <adwaita.h>

#include "sw-window.h"

G_BEGIN_DECLS

#define SW_TYPE_APPLICATION (sw_application_get_type ())
G_DECLARE_FINAL_TYPE (SwApplication, sw_application, SW, APPLICATION, AdwApplication)

SwApplication *sw_application_new              (const char        *application_id,
                                                GApplicationFlags  flags);
SwWindow      *sw_application_open_project     (SwApplication     *self,
                                                GFile             *file,
                                                SwWindow          *preferred);
SwWindow      *sw_application_find_window      (SwApplication     *self,
                                                GFile             *file);
void           sw_application_add_recent       (SwApplication     *self,
                                                GFile             *file);
GMenuModel    *sw_application_get_recent_menu  (SwApplication     *self);
GFile         *sw_application_dup_demo_file    (SwApplication     *self);

G_END_DECLS
