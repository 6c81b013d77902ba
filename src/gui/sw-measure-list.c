/* The measures of one finding or place. The rows are made again after each
 * edit: a finding has a handful of measures, and a row shows several of a
 * measure's properties at once. */
#define G_LOG_DOMAIN "sw-measure-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sw-action-plan.h"
#include "sw-measure-list.h"
#include "sw-vocabulary.h"

struct _SwMeasureList
{
  GtkWidget parent_instance;

  SwProject *project;
  char *finding_uuid;
  char *place_uuid;
  GtkCustomFilter *filter;
  GtkFilterListModel *measures;

  AdwPreferencesGroup *group;
  GtkButton *add_button;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (SwMeasureList, sw_measure_list, GTK_TYPE_WIDGET)

static const char *plan_color_classes[] = {
  [SW_PLAN_COLOR_NONE] = "plan-none",
  [SW_PLAN_COLOR_RED] = "plan-red",
  [SW_PLAN_COLOR_AMBER] = "plan-amber",
  [SW_PLAN_COLOR_GREEN] = "plan-green",
};

static gboolean
measure_is_shown (gpointer item,
                  gpointer user_data)
{
  SwMeasureList *self = user_data;
  SwMeasure *measure = SW_MEASURE (item);

  if (self->finding_uuid != NULL)
    return g_strcmp0 (sw_measure_get_finding_uuid (measure), self->finding_uuid) == 0;
  if (self->place_uuid != NULL)
    return g_strcmp0 (sw_measure_get_place_uuid (measure), self->place_uuid) == 0;
  return FALSE;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SwMeasureList *self = user_data;
  SwMeasure *measure = SW_MEASURE (item);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                            g_date_time_get_month (now),
                                            g_date_time_get_year (now));
  g_autofree char *when = sw_action_plan_dup_cell (self->project, measure, SW_PLAN_COLUMN_WHEN, today);
  g_autofree char *who = sw_action_plan_dup_cell (self->project, measure, SW_PLAN_COLUMN_WHO, today);
  g_autofree char *kind = sw_action_plan_dup_cell (self->project, measure, SW_PLAN_COLUMN_MEASURE, today);
  g_autofree char *subtitle = NULL;
  g_autofree char *status_text = NULL;
  const char *status = sw_measure_get_status (measure) != NULL ? sw_measure_get_status (measure) : "proposed";
  SwPlanColor color = sw_action_plan_get_color (measure, today);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dot = gtk_image_new_from_icon_name ("media-record-symbolic");
  GtkWidget *status_label;
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Translators: when a measure is due, then who does it. */
  subtitle = g_strdup_printf (_("%s · %s"), when, who);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kind);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_widget_add_css_class (dot, plan_color_classes[color]);
  gtk_widget_set_tooltip_text (dot, sw_plan_color_get_label (color));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);

  status_text = g_strdup (sw_vocabulary_get_label (SW_VOCABULARY_MEASURE_STATUS, status));
  status_label = gtk_label_new (status_text);
  gtk_widget_add_css_class (status_label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-measure");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", sw_feature_get_uuid (SW_FEATURE (measure)));
  gtk_widget_set_tooltip_text (row, _("Open in the Action Plan"));

  return row;
}

static void
rebuild (SwMeasureList *self)
{
  gboolean has_target = self->finding_uuid != NULL || self->place_uuid != NULL;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_list_box_bind_model (self->list_box,
                           has_target ? G_LIST_MODEL (self->measures) : NULL,
                           create_row, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), has_target);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->add_button), "s",
                                    self->finding_uuid != NULL ? self->finding_uuid
                                    : self->place_uuid != NULL ? self->place_uuid : "");
}

static void
sw_measure_list_dispose (GObject *object)
{
  SwMeasureList *self = SW_MEASURE_LIST (object);
  GtkWidget *child;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->group = NULL;
  self->list_box = NULL;
  self->add_button = NULL;

  g_clear_object (&self->measures);
  g_clear_object (&self->filter);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (sw_measure_list_parent_class)->dispose (object);
}

static void
sw_measure_list_finalize (GObject *object)
{
  SwMeasureList *self = SW_MEASURE_LIST (object);

  g_free (self->finding_uuid);
  g_free (self->place_uuid);

  G_OBJECT_CLASS (sw_measure_list_parent_class)->finalize (object);
}

static void
sw_measure_list_class_init (SwMeasureListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_measure_list_dispose;
  object_class->finalize = sw_measure_list_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "measurelist");
}

static void
sw_measure_list_init (SwMeasureList *self)
{
  GtkWidget *content;

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Measures"));
  gtk_widget_set_parent (GTK_WIDGET (self->group), GTK_WIDGET (self));

  self->add_button = GTK_BUTTON (gtk_button_new ());
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Measure"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (self->add_button, content);
  gtk_widget_add_css_class (GTK_WIDGET (self->add_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (self->add_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _("Propose a measure and open it in the Action Plan"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->add_button), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "win.add-measure");
  adw_preferences_group_set_header_suffix (self->group, GTK_WIDGET (self->add_button));

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  {
    GtkWidget *placeholder = gtk_label_new (_("No measures yet"));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (self->list_box, placeholder);
  }
  adw_preferences_group_add (self->group, GTK_WIDGET (self->list_box));

  self->filter = gtk_custom_filter_new (measure_is_shown, self, NULL);
  self->measures = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
sw_measure_list_new (void)
{
  return g_object_new (SW_TYPE_MEASURE_LIST, NULL);
}

void
sw_measure_list_set_feature (SwMeasureList *self,
                             SwProject     *project,
                             SwFeature     *feature)
{
  g_return_if_fail (SW_IS_MEASURE_LIST (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));
  g_return_if_fail (feature == NULL || SW_IS_FINDING (feature) || SW_IS_PLACE (feature));

  if (self->project != project)
    {
      if (self->project != NULL)
        g_signal_handlers_disconnect_by_data (self->project, self);
      g_set_object (&self->project, project);
      gtk_filter_list_model_set_model (self->measures, project != NULL ? sw_project_get_measures (project) : NULL);
      if (project != NULL)
        g_signal_connect_object (project, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
    }

  g_clear_pointer (&self->finding_uuid, g_free);
  g_clear_pointer (&self->place_uuid, g_free);
  if (feature != NULL && SW_IS_FINDING (feature))
    self->finding_uuid = g_strdup (sw_feature_get_uuid (feature));
  else if (feature != NULL)
    self->place_uuid = g_strdup (sw_feature_get_uuid (feature));

  rebuild (self);
}

guint
sw_measure_list_get_n_measures (SwMeasureList *self)
{
  g_return_val_if_fail (SW_IS_MEASURE_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->measures));
}
