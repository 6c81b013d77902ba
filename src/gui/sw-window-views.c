/* The window's views beside the map: the Action Plan and the Situation
 * (lägesbild), switched in the header bar; the ranked places beside the
 * map, coloured on it while they are shown; and adding a measure to a
 * finding or a place, which opens it in the Action Plan. */
#define G_LOG_DOMAIN "sw-window-views"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-window-private.h"

static gboolean
is_on_map (SwWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "map") == 0;
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (self->project == NULL || adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* The kind of measure a finding's category most often leads to. */
static const char *
measure_type_for_category (const char *category)
{
  static const struct { const char *category; const char *measure_type; } types[] = {
    { "lighting", "lighting" },
    { "vegetation", "vegetation" },
    { "overview", "redesign" },
    { "wayfinding", "signage" },
    { "maintenance", "cleaning" },
    { "people", "activity" },
    { "passages", "redesign" },
    { "walkpath", "repair" },
    { "traffic", "traffic" },
  };

  for (guint i = 0; category != NULL && i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (types[i].category, category))
      return types[i].measure_type;

  return "other";
}

/* Adds a proposed measure against the finding or place whose uuid is the
 * parameter, as one undoable edit, and opens it in the Action Plan. */
static void
add_measure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  g_autoptr (SwMeasure) measure = NULL;
  g_autoptr (GError) error = NULL;
  SwFeature *target;
  SwFeature *added;

  if (self->project == NULL)
    return;

  measure = sw_measure_new ();
  sw_measure_set_status (measure, "proposed");

  if ((target = sw_project_lookup (self->project, SW_KIND_FINDING, uuid)) != NULL)
    {
      sw_measure_set_finding_uuid (measure, uuid);
      sw_measure_set_measure_type (measure, measure_type_for_category (sw_finding_get_category (SW_FINDING (target))));
    }
  else if ((target = sw_project_lookup (self->project, SW_KIND_PLACE, uuid)) != NULL)
    {
      sw_measure_set_place_uuid (measure, uuid);
      sw_measure_set_measure_type (measure, "other");
    }
  else
    return;

  added = sw_project_add (self->project, SW_FEATURE (measure), &error);
  if (added == NULL)
    {
      sw_window_show_error (self, _("Could Not Add the Measure"), error->message);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, "action-plan");
  sw_action_plan_view_show_measure (self->action_plan_view, SW_MEASURE (added));
}

/* Opens the measure whose uuid is the parameter in the Action Plan. */
static void
show_measure_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  SwFeature *measure;

  if (self->project == NULL)
    return;

  measure = sw_project_lookup (self->project, SW_KIND_MEASURE, g_variant_get_string (parameter, NULL));
  if (measure == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "action-plan");
  sw_action_plan_view_show_measure (self->action_plan_view, SW_MEASURE (measure));
}

void
_sw_window_views_update (SwWindow *self)
{
  gboolean has_project = self->project != NULL;
  gboolean on_map = is_on_map (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-measure", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-measure",
                                 has_project && !sw_project_is_read_only (self->project));
  adw_view_switcher_title_set_view_switcher_enabled (self->window_title, has_project);

  /* Drawing and noting happen on the map; elsewhere the keys R, S, N and
   * F9 must not change what cannot be seen. */
  if (!on_map)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.draw-route", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-stop", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-finding", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sidebar", FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), has_project && on_map);
  gtk_widget_set_visible (GTK_WIDGET (self->draw_route_button), has_project && on_map);
  gtk_widget_set_visible (GTK_WIDGET (self->add_stop_button), has_project && on_map);
  gtk_widget_set_visible (GTK_WIDGET (self->add_finding_button), has_project && on_map);
}

void
_sw_window_views_set_project (SwWindow *self)
{
  sw_action_plan_view_set_project (self->action_plan_view, self->project);
  sw_situation_view_set_project (self->situation_view, self->project);
  sw_place_list_set_project (self->place_list, self->project);
}

static void
on_ranking_changed (SwWindow *self)
{
  sw_place_layer_set_ranking (self->place_layer, sw_place_list_get_ranking (self->place_list));
}

/* The map shows the places' colours while the places are listed. */
static void
on_sidebar_page_changed (SwWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->place_layer),
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "places") == 0);
}

static void
on_place_finding_activated (SwWindow  *self,
                            SwFinding *finding)
{
  gtk_stack_set_visible_child_name (self->sidebar_stack, "walks");
  sw_sidebar_show_finding (self->sidebar, finding);
}

void
_sw_window_views_init (SwWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (_sw_window_actions_update), self, G_CONNECT_SWAPPED);

  /* Under the findings, which stay clickable above the circles. */
  self->place_layer = g_object_ref_sink (sw_place_layer_new (viewport));
  shumate_map_insert_layer_behind (shumate_simple_map_get_map (self->map),
                                   SHUMATE_LAYER (self->place_layer),
                                   SHUMATE_LAYER (self->finding_layer));
  g_signal_connect_object (self->place_list, "ranking-changed",
                           G_CALLBACK (on_ranking_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->place_list, "finding-activated",
                           G_CALLBACK (on_place_finding_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_stack, "notify::visible-child-name",
                           G_CALLBACK (on_sidebar_page_changed), self, G_CONNECT_SWAPPED);
  on_sidebar_page_changed (self);
}

void
_sw_window_views_dispose (SwWindow *self)
{
  g_clear_object (&self->place_layer);
}

void
_sw_window_class_views_init (SwWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SW_TYPE_ACTION_PLAN_VIEW);
  g_type_ensure (SW_TYPE_SITUATION_VIEW);
  g_type_ensure (SW_TYPE_PLACE_LIST);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.add-measure", "s", add_measure_action);
  gtk_widget_class_install_action (widget_class, "win.show-measure", "s", show_measure_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "map");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "action-plan");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "situation");
}
