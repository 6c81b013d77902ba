/* The first step of New Project: what the project is called and where it is. */
#define G_LOG_DOMAIN "sw-new-project-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-new-project-dialog.h"

struct _SwNewProjectDialog
{
  AdwMessageDialog parent_instance;

  AdwEntryRow *title_row;
  AdwEntryRow *municipality_row;
};

G_DEFINE_FINAL_TYPE (SwNewProjectDialog, sw_new_project_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_title_changed (SwNewProjectDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", *title != '\0');
}

static void
sw_new_project_dialog_class_init (SwNewProjectDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-new-project-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SwNewProjectDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, SwNewProjectDialog, municipality_row);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
}

static void
sw_new_project_dialog_init (SwNewProjectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

GtkWidget *
sw_new_project_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (SW_TYPE_NEW_PROJECT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}

const char *
sw_new_project_dialog_get_title (SwNewProjectDialog *self)
{
  g_return_val_if_fail (SW_IS_NEW_PROJECT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

const char *
sw_new_project_dialog_get_municipality (SwNewProjectDialog *self)
{
  g_return_val_if_fail (SW_IS_NEW_PROJECT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->municipality_row));
}
