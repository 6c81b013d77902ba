/* Asks for the title and municipality of a new project. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SW_TYPE_NEW_PROJECT_DIALOG (sw_new_project_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SwNewProjectDialog, sw_new_project_dialog, SW, NEW_PROJECT_DIALOG, AdwMessageDialog)

GtkWidget  *sw_new_project_dialog_new              (GtkWindow          *parent);
const char *sw_new_project_dialog_get_title        (SwNewProjectDialog *self);
const char *sw_new_project_dialog_get_municipality (SwNewProjectDialog *self);

G_END_DECLS
