/* The window's views beside the map: the Action Plan and the Situation
 * (lägesbild), switched in the header bar; the ranked places beside the
 * map, coloured on it while they are shown; and adding a measure to a
 * finding or a place, which opens it in the Action Plan. */
#define G_LOG_DOMAIN "sw-window-views"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-action-plan.h"
#include "sw-follow-up.h"
#include "sw-walk-editor.h"

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

/* Shows the finding or place whose uuid is the parameter beside the map. */
static void
show_on_map_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  SwFeature *feature;

  if (self->project == NULL)
    return;

  if ((feature = sw_project_lookup (self->project, SW_KIND_FINDING, uuid)) != NULL)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "map");
      gtk_stack_set_visible_child_name (self->sidebar_stack, "walks");
      adw_flap_set_reveal_flap (self->flap, TRUE);
      sw_sidebar_show_finding (self->sidebar, SW_FINDING (feature));
    }
  else if ((feature = sw_project_lookup (self->project, SW_KIND_PLACE, uuid)) != NULL)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "map");
      gtk_stack_set_visible_child_name (self->sidebar_stack, "places");
      adw_flap_set_reveal_flap (self->flap, TRUE);
      sw_place_list_show_place (self->place_list, SW_PLACE (feature));
    }
}

/* ---------------------------------------------------------------------- */
/* Repeat Walk                                                            */

typedef struct
{
  SwWindow *window;
  GPtrArray *walks;
  AdwComboRow *walk_row;
  AdwEntryRow *date_row;
} RepeatDialog;

static void
repeat_dialog_free (gpointer data)
{
  RepeatDialog *dialog = data;

  g_ptr_array_unref (dialog->walks);
  g_free (dialog);
}

static int
compare_walks_by_date (gconstpointer a,
                       gconstpointer b)
{
  return g_strcmp0 (sw_walk_get_date (*(SwWalk **) a), sw_walk_get_date (*(SwWalk **) b));
}

static void
on_repeat_date_changed (AdwMessageDialog *message_dialog)
{
  RepeatDialog *dialog = g_object_get_data (G_OBJECT (message_dialog), "repeat");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (dialog->date_row));
  GDate date;
  gboolean valid = sw_action_plan_parse_date (text, &date);

  adw_message_dialog_set_response_enabled (message_dialog, "repeat", valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (dialog->date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (dialog->date_row), "error");
}

static void
on_repeat_response (AdwMessageDialog *message_dialog,
                    const char       *response,
                    gpointer          user_data)
{
  RepeatDialog *dialog = g_object_get_data (G_OBJECT (message_dialog), "repeat");
  SwWindow *self = dialog->window;
  guint position = adw_combo_row_get_selected (dialog->walk_row);
  g_autoptr (GError) error = NULL;
  SwWalk *walk;
  SwWalk *repeat;
  AdwToast *toast;

  if (!g_str_equal (response, "repeat") || self->project == NULL || position >= dialog->walks->len)
    return;

  walk = g_ptr_array_index (dialog->walks, position);
  repeat = sw_project_repeat_walk (self->project, walk, gtk_editable_get_text (GTK_EDITABLE (dialog->date_row)),
                                   NULL, &error);
  if (repeat == NULL)
    {
      sw_window_show_error (self, _("Could Not Repeat the Walk"), error->message);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  gtk_stack_set_visible_child_name (self->sidebar_stack, "walks");
  sw_sidebar_show_walk (self->sidebar, repeat);

  toast = adw_toast_new (_("Follow-up walk made on the same routes and stops"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  sw_window_add_toast (self, toast);
}

/* Asks which walk to repeat (the one open beside the map, else the
 * latest) and on which day, then makes the follow-up walk in core. */
static void
repeat_walk_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  AdwMessageDialog *message_dialog;
  RepeatDialog *dialog;
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GListModel *walks;
  SwWalk *shown;
  GtkWidget *list;
  guint selected;

  if (self->project == NULL)
    return;

  walks = sw_project_get_walks (self->project);
  if (g_list_model_get_n_items (walks) == 0)
    return;

  dialog = g_new0 (RepeatDialog, 1);
  dialog->window = self;
  dialog->walks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
    g_ptr_array_add (dialog->walks, g_list_model_get_item (walks, i));
  g_ptr_array_sort (dialog->walks, compare_walks_by_date);

  shown = sw_walk_editor_get_walk (sw_sidebar_get_walk_editor (self->sidebar));
  selected = dialog->walks->len - 1;
  for (guint i = 0; i < dialog->walks->len; i++)
    {
      SwWalk *walk = g_ptr_array_index (dialog->walks, i);
      const char *title = sw_walk_get_title (walk);
      g_autofree char *label = NULL;

      label = sw_walk_get_date (walk) != NULL
              ? g_strdup_printf ("%s (%s)", title != NULL ? title : _("Untitled Walk"), sw_walk_get_date (walk))
              : g_strdup (title != NULL ? title : _("Untitled Walk"));
      gtk_string_list_append (labels, label);
      if (walk == shown)
        selected = i;
    }

  message_dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Repeat Walk"),
                                                               _("A new walk on the same routes and stops. "
                                                                 "After grouping, its findings join the earlier "
                                                                 "places, and each place shows before and after.")));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  dialog->walk_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->walk_row), _("_Walk"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (dialog->walk_row), TRUE);
  adw_combo_row_set_model (dialog->walk_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (dialog->walk_row, selected);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (dialog->walk_row));
  dialog->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->date_row), _("_Date (YYYY-MM-DD)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (dialog->date_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (dialog->date_row), today);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (dialog->date_row));
  adw_message_dialog_set_extra_child (message_dialog, list);

  adw_message_dialog_add_responses (message_dialog,
                                    "cancel", _("_Cancel"),
                                    "repeat", _("_Repeat Walk"),
                                    NULL);
  adw_message_dialog_set_response_appearance (message_dialog, "repeat", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (message_dialog, "repeat");
  adw_message_dialog_set_close_response (message_dialog, "cancel");

  g_object_set_data_full (G_OBJECT (message_dialog), "repeat", dialog, repeat_dialog_free);
  g_signal_connect_swapped (dialog->date_row, "changed", G_CALLBACK (on_repeat_date_changed), message_dialog);
  g_signal_connect (message_dialog, "response", G_CALLBACK (on_repeat_response), NULL);
  gtk_window_present (GTK_WINDOW (message_dialog));
}

void
_sw_window_views_update (SwWindow *self)
{
  gboolean has_project = self->project != NULL;
  gboolean on_map = is_on_map (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-measure", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-on-map", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.repeat-walk",
                                 has_project && !sw_project_is_read_only (self->project)
                                 && g_list_model_get_n_items (sw_project_get_walks (self->project)) > 0);
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

/* The Situation offers the area the map showed last as its area. */
static void
on_view_changed (SwWindow *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));
  g_autoptr (SwBounds) bounds = NULL;
  const double corners[4][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 } };

  _sw_window_actions_update (self);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "situation") != 0)
    return;
  if (width <= 1 || height <= 1)
    {
      sw_situation_view_set_map_bounds (self->situation_view, NULL);
      return;
    }

  bounds = sw_bounds_new ();
  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      double latitude, longitude;

      shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map),
                                                  corners[i][0] * width, corners[i][1] * height,
                                                  &latitude, &longitude);
      sw_bounds_extend (bounds, longitude, latitude);
    }
  sw_situation_view_set_map_bounds (self->situation_view, bounds);
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

/* An opened place comes into the middle of the map, at street level at
 * least. */
static void
on_place_shown (SwWindow *self,
                SwPlace  *place)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  shumate_map_go_to_full_with_duration (map, sw_place_get_latitude (place), sw_place_get_longitude (place),
                                        MAX (shumate_viewport_get_zoom_level (viewport), 16.0), 400);
}

void
_sw_window_views_init (SwWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_view_changed), self, G_CONNECT_SWAPPED);

  /* Under the findings, which stay clickable above the circles. */
  self->place_layer = g_object_ref_sink (sw_place_layer_new (viewport));
  shumate_map_insert_layer_behind (shumate_simple_map_get_map (self->map),
                                   SHUMATE_LAYER (self->place_layer),
                                   SHUMATE_LAYER (self->finding_layer));
  g_signal_connect_object (self->place_list, "ranking-changed",
                           G_CALLBACK (on_ranking_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->place_list, "place-shown",
                           G_CALLBACK (on_place_shown), self, G_CONNECT_SWAPPED);
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
  gtk_widget_class_install_action (widget_class, "win.repeat-walk", NULL, repeat_walk_action);
  gtk_widget_class_install_action (widget_class, "win.show-on-map", "s", show_on_map_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "map");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "action-plan");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "situation");
}
