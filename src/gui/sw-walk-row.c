/* One walk in the sidebar, heading its findings. */
#define G_LOG_DOMAIN "sw-walk-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-vocabulary.h"

#include "sw-walk-row.h"

struct _SwWalkRow
{
  GtkWidget parent_instance;

  SwWalk *walk;
  GListModel *findings;

  GtkImage *light_icon;
  GtkLabel *title_label;
  GtkLabel *details_label;
  GtkLabel *count_label;
  GtkButton *edit_button;
};

G_DEFINE_FINAL_TYPE (SwWalkRow, sw_walk_row, GTK_TYPE_WIDGET)

static void
update_count (SwWalkRow *self)
{
  guint n_findings = self->findings != NULL ? g_list_model_get_n_items (self->findings) : 0;
  g_autofree char *count = g_strdup_printf ("%u", n_findings);
  g_autofree char *description = NULL;

  gtk_label_set_label (self->count_label, count);
  description = g_strdup_printf (ngettext ("%u finding", "%u findings", n_findings),
                                 n_findings);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), description);
}

static void
update (SwWalkRow *self)
{
  const char *title = NULL;
  const char *date = NULL;
  const char *start_time = NULL;
  const SwTerm *light = NULL;
  g_autoptr (GString) details = g_string_new (NULL);

  if (self->walk != NULL)
    {
      title = sw_walk_get_title (self->walk);
      date = sw_walk_get_date (self->walk);
      start_time = sw_walk_get_start_time (self->walk);
      light = sw_vocabulary_lookup (SW_VOCABULARY_LIGHT, sw_walk_get_light (self->walk));
    }

  gtk_label_set_label (self->title_label,
                       title != NULL && *title != '\0' ? title : _("Untitled Walk"));

  if (date != NULL && *date != '\0')
    g_string_append (details, date);
  if (start_time != NULL && *start_time != '\0')
    g_string_append_printf (details, details->len > 0 ? " %s" : "%s", start_time);
  if (light != NULL)
    g_string_append_printf (details, details->len > 0 ? " · %s" : "%s",
                            sw_vocabulary_get_label (SW_VOCABULARY_LIGHT, light->key));

  gtk_label_set_label (self->details_label, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details->len > 0);

  gtk_widget_set_visible (GTK_WIDGET (self->light_icon), light != NULL && light->icon_name != NULL);
  if (light != NULL && light->icon_name != NULL)
    gtk_image_set_from_icon_name (self->light_icon, light->icon_name);
}

static void
sw_walk_row_dispose (GObject *object)
{
  SwWalkRow *self = SW_WALK_ROW (object);
  GtkWidget *child;

  sw_walk_row_set_walk (self, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_WALK_ROW);
  /* The template's unnamed box is not a template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sw_walk_row_parent_class)->dispose (object);
}

static void
sw_walk_row_class_init (SwWalkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_walk_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-walk-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SwWalkRow, light_icon);
  gtk_widget_class_bind_template_child (widget_class, SwWalkRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SwWalkRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, SwWalkRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, SwWalkRow, edit_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "walkrow");
}

static void
sw_walk_row_init (SwWalkRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sw_walk_row_new (void)
{
  return g_object_new (SW_TYPE_WALK_ROW, NULL);
}

SwWalk *
sw_walk_row_get_walk (SwWalkRow *self)
{
  g_return_val_if_fail (SW_IS_WALK_ROW (self), NULL);

  return self->walk;
}

/* @findings are the walk's findings as the sidebar lists them; the row
 * counts them. */
void
sw_walk_row_set_walk (SwWalkRow  *self,
                      SwWalk     *walk,
                      GListModel *findings)
{
  g_return_if_fail (SW_IS_WALK_ROW (self));
  g_return_if_fail (walk == NULL || SW_IS_WALK (walk));
  g_return_if_fail (findings == NULL || G_IS_LIST_MODEL (findings));

  if (self->walk != NULL)
    g_signal_handlers_disconnect_by_func (self->walk, update, self);
  if (self->findings != NULL)
    g_signal_handlers_disconnect_by_func (self->findings, update_count, self);

  g_set_object (&self->walk, walk);
  g_set_object (&self->findings, findings);

  if (self->walk != NULL)
    g_signal_connect_object (self->walk, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  if (self->findings != NULL)
    g_signal_connect_object (self->findings, "items-changed", G_CALLBACK (update_count), self,
                             G_CONNECT_SWAPPED);

  /* The sidebar opens the walk named by the edit button. */
  if (self->walk != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s",
                                        sw_feature_get_uuid (SW_FEATURE (self->walk)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "sidebar.show-walk");
    }

  update (self);
  update_count (self);
}
