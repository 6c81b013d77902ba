/* The stops of the selected route, in the order of their numbers. Moving
 * one renumbers the stops 1, 2, 3… in the new order as one edit. */
#define G_LOG_DOMAIN "sw-stop-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sw-stop-list.h"
#include "sw-window.h"

struct _SwStopList
{
  GtkWidget parent_instance;

  SwProject *project;
  SwRoute *route;
  /* The stops shown, in order; rebuilt after every edit. */
  GPtrArray *stops;
  /* The stop whose row is open, kept open across rebuilds. */
  char *expanded_uuid;
  /* After a move by its arrow, the keyboard focus goes back to the arrow
   * in the stop's new row: "stops.move-up" or "stops.move-down". */
  char *focus_uuid;
  const char *focus_action;

  AdwPreferencesGroup *group;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (SwStopList, sw_stop_list, GTK_TYPE_WIDGET)

static gpointer
copy_object (gconstpointer source,
             gpointer      user_data)
{
  return g_object_ref ((gpointer) source);
}

static int
compare_stops (gconstpointer a,
               gconstpointer b)
{
  SwStop *stop_a = *(SwStop **) a;
  SwStop *stop_b = *(SwStop **) b;

  return sw_stop_get_number (stop_a) - sw_stop_get_number (stop_b);
}

GPtrArray *
sw_stop_list_collect (SwProject  *project,
                      const char *route_uuid)
{
  GListModel *model;
  GPtrArray *stops = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SW_IS_PROJECT (project), stops);

  model = sw_project_get_stops (project);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SwStop) stop = g_list_model_get_item (model, i);

      if (route_uuid != NULL && g_strcmp0 (sw_stop_get_route_uuid (stop), route_uuid) == 0)
        g_ptr_array_add (stops, g_steal_pointer (&stop));
    }
  g_ptr_array_sort (stops, compare_stops);

  return stops;
}

static void
report_error (SwStopList *self,
              const char *heading,
              GError     *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), SW_TYPE_WINDOW);

  if (window != NULL)
    sw_window_show_error (SW_WINDOW (window), heading, error->message);
  else
    g_warning ("%s: %s", heading, error->message);
}

static int
find_stop (SwStopList *self,
           const char *uuid)
{
  for (guint i = 0; i < self->stops->len; i++)
    if (g_strcmp0 (sw_feature_get_uuid (g_ptr_array_index (self->stops, i)), uuid) == 0)
      return i;

  return -1;
}

static void
move_to (SwStopList *self,
         const char *uuid,
         int         position)
{
  g_autoptr (GError) error = NULL;
  int index = find_stop (self, uuid);

  if (index < 0 || position < 0 || position >= (int) self->stops->len || index == position)
    return;

  if (!sw_stop_list_move_stop (self, g_ptr_array_index (self->stops, index), position, &error))
    report_error (self, _("Could Not Renumber the Stops"), error);
}

static gboolean
on_row_drop (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             SwStopList    *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  if (!G_VALUE_HOLDS_STRING (value))
    return FALSE;

  move_to (self, g_value_get_string (value), gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));

  return TRUE;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 SwStop        *stop)
{
  return gdk_content_provider_new_typed (G_TYPE_STRING, sw_feature_get_uuid (SW_FEATURE (stop)));
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 20, 20);
}

static void
on_row_expanded (AdwExpanderRow *row,
                 GParamSpec     *pspec,
                 SwStopList     *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "uuid");

  if (adw_expander_row_get_expanded (row))
    {
      g_free (self->expanded_uuid);
      self->expanded_uuid = g_strdup (uuid);
    }
  else if (g_strcmp0 (uuid, self->expanded_uuid) == 0)
    g_clear_pointer (&self->expanded_uuid, g_free);
}

static void
save_field (SwStopList  *self,
            AdwEntryRow *field)
{
  SwStop *stop = g_object_get_data (G_OBJECT (field), "stop");
  const char *property = g_object_get_data (G_OBJECT (field), "property");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field));
  g_autofree char *current = NULL;
  g_autoptr (GError) error = NULL;

  if (self->project == NULL || stop == NULL)
    return;

  g_object_get (stop, property, &current, NULL);
  if (g_strcmp0 (current, text) == 0 || ((current == NULL || *current == '\0') && *text == '\0'))
    return;

  if (!sw_project_edit (self->project, SW_FEATURE (stop), &error, property, *text != '\0' ? text : NULL, NULL))
    report_error (self, _("Could Not Change the Stop"), error);
}

static void
on_field_activated (AdwEntryRow *field,
                    SwStopList  *self)
{
  save_field (self, field);
}

static void
on_field_focus_left (GtkEventControllerFocus *focus,
                     SwStopList              *self)
{
  save_field (self, ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))));
}

/* An entry for the stop's @property, saved on activate or focus-out. */
static GtkWidget *
create_field (SwStopList *self,
              SwStop     *stop,
              const char *property,
              const char *title,
              const char *text)
{
  GtkWidget *field = adw_entry_row_new ();
  GtkEventController *focus;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field), title);
  gtk_editable_set_text (GTK_EDITABLE (field), text != NULL ? text : "");
  g_object_set_data_full (G_OBJECT (field), "stop", g_object_ref (stop), g_object_unref);
  g_object_set_data (G_OBJECT (field), "property", (gpointer) property);
  g_signal_connect (field, "entry-activated", G_CALLBACK (on_field_activated), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_field_focus_left), self);
  gtk_widget_add_controller (field, focus);

  return field;
}

static GtkWidget *
create_row (SwStopList *self,
            SwStop     *stop,
            guint       index)
{
  const char *uuid = sw_feature_get_uuid (SW_FEATURE (stop));
  const char *name = sw_stop_get_name (stop);
  const char *note = sw_stop_get_note (stop);
  g_autofree char *number = g_strdup_printf ("%d", sw_stop_get_number (stop));
  g_autofree char *title = NULL;
  GtkWidget *row;
  GtkWidget *badge;
  GtkWidget *button;
  GtkDragSource *source;
  GtkDropTarget *target;

  if (name != NULL && *name != '\0')
    title = g_markup_escape_text (name, -1);
  else
    /* Translators: a stop without a name in the list of a route's stops; %d is its number. */
    title = g_strdup_printf (_("Stop %d"), sw_stop_get_number (stop));

  /* Expanded, the row shows the stop's name and note for editing. */
  row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_strcmp0 (uuid, self->expanded_uuid) == 0);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_row_expanded), self, 0);
  g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (uuid), g_free);

  badge = gtk_label_new (number);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "stop-number");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), badge);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), create_field (self, stop, "name", _("Name"), name));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), create_field (self, stop, "note", _("Note"), note));

  /* Actions are packed from the end: Down first puts Up before it. */
  button = gtk_button_new_from_icon_name ("go-down-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Move Down"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "stops.move-down");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uuid);
  gtk_widget_set_sensitive (button, index + 1 < self->stops->len);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "stops.move-down", button);

  button = gtk_button_new_from_icon_name ("go-up-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Move Up"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "stops.move-up");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uuid);
  gtk_widget_set_sensitive (button, index > 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "stops.move-up", button);

  /* Removing is rarer than reordering: inside the open row. */
  button = gtk_button_new_with_mnemonic (_("_Remove Stop"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_bottom (button, 6);
  gtk_widget_set_margin_start (button, 12);
  gtk_widget_set_margin_end (button, 12);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "stops.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uuid);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), button);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (on_drag_prepare), stop, 0);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (on_row_drop), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  return row;
}

static void
rebuild (SwStopList *self)
{
  GtkListBoxRow *old_row;

  while ((old_row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (old_row));

  g_ptr_array_set_size (self->stops, 0);
  if (self->project != NULL && self->route != NULL)
    {
      g_autoptr (GPtrArray) stops = sw_stop_list_collect (self->project,
                                                          sw_feature_get_uuid (SW_FEATURE (self->route)));

      for (guint i = 0; i < stops->len; i++)
        g_ptr_array_add (self->stops, g_object_ref (g_ptr_array_index (stops, i)));
    }

  for (guint i = 0; i < self->stops->len; i++)
    {
      SwStop *stop = g_ptr_array_index (self->stops, i);
      GtkWidget *row = create_row (self, stop, i);

      gtk_list_box_append (self->list_box, row);

      if (self->focus_uuid != NULL && g_str_equal (self->focus_uuid, sw_feature_get_uuid (SW_FEATURE (stop))))
        {
          GtkWidget *button = g_object_get_data (G_OBJECT (row), self->focus_action);

          /* At the top or bottom the arrow is off; the other one takes it. */
          if (!gtk_widget_get_sensitive (button))
            button = g_object_get_data (G_OBJECT (row), g_str_equal (self->focus_action, "stops.move-up")
                                                        ? "stops.move-down" : "stops.move-up");
          gtk_widget_grab_focus (button);
        }
    }
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SwStopList *self = SW_STOP_LIST (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);

  g_free (self->focus_uuid);
  self->focus_uuid = g_strdup (uuid);
  self->focus_action = "stops.move-up";
  move_to (self, uuid, find_stop (self, uuid) - 1);
  g_clear_pointer (&self->focus_uuid, g_free);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SwStopList *self = SW_STOP_LIST (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  int index = find_stop (self, uuid);

  if (index < 0)
    return;

  g_free (self->focus_uuid);
  self->focus_uuid = g_strdup (uuid);
  self->focus_action = "stops.move-down";
  move_to (self, uuid, index + 1);
  g_clear_pointer (&self->focus_uuid, g_free);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SwStopList *self = SW_STOP_LIST (widget);
  g_autoptr (GError) error = NULL;
  int index = find_stop (self, g_variant_get_string (parameter, NULL));

  if (index < 0 || self->project == NULL)
    return;

  if (!sw_project_remove (self->project, g_ptr_array_index (self->stops, index), &error))
    report_error (self, _("Could Not Remove the Stop"), error);
}

static void
sw_stop_list_dispose (GObject *object)
{
  SwStopList *self = SW_STOP_LIST (object);

  sw_stop_list_set_route (self, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_STOP_LIST);

  G_OBJECT_CLASS (sw_stop_list_parent_class)->dispose (object);
}

static void
sw_stop_list_finalize (GObject *object)
{
  SwStopList *self = SW_STOP_LIST (object);

  g_clear_pointer (&self->stops, g_ptr_array_unref);
  g_clear_pointer (&self->focus_uuid, g_free);
  g_clear_pointer (&self->expanded_uuid, g_free);

  G_OBJECT_CLASS (sw_stop_list_parent_class)->finalize (object);
}

static void
sw_stop_list_class_init (SwStopListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_stop_list_dispose;
  object_class->finalize = sw_stop_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-stop-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SwStopList, group);
  gtk_widget_class_bind_template_child (widget_class, SwStopList, list_box);

  gtk_widget_class_install_action (widget_class, "stops.move-up", "s", move_up_action);
  gtk_widget_class_install_action (widget_class, "stops.move-down", "s", move_down_action);
  gtk_widget_class_install_action (widget_class, "stops.remove", "s", remove_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sw_stop_list_init (SwStopList *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->stops = g_ptr_array_new_with_free_func (g_object_unref);

  placeholder = gtk_label_new (_("No stops yet. Press S, then click on or beside the route."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list_box, placeholder);
}

GtkWidget *
sw_stop_list_new (void)
{
  return g_object_new (SW_TYPE_STOP_LIST, NULL);
}

/* Shows the stops of @route; the list follows every edit, undo and redo. */
void
sw_stop_list_set_route (SwStopList *self,
                        SwProject  *project,
                        SwRoute    *route)
{
  g_return_if_fail (SW_IS_STOP_LIST (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));
  g_return_if_fail (route == NULL || SW_IS_ROUTE (route));

  if (self->project != project)
    {
      if (self->project != NULL)
        g_signal_handlers_disconnect_by_func (self->project, rebuild, self);
      g_set_object (&self->project, project);
      if (self->project != NULL)
        g_signal_connect_object (self->project, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
    }
  g_set_object (&self->route, route);

  rebuild (self);
}

/* The stops as listed, by number. */
GPtrArray *
sw_stop_list_dup_stops (SwStopList *self)
{
  GPtrArray *stops;

  g_return_val_if_fail (SW_IS_STOP_LIST (self), NULL);

  stops = g_ptr_array_copy (self->stops, copy_object, NULL);
  g_ptr_array_set_free_func (stops, g_object_unref);

  return stops;
}

/* Puts @stop at @position (from 0) and numbers the route's stops 1, 2, 3…
 * in that order, as one undo step. */
gboolean
sw_stop_list_move_stop (SwStopList  *self,
                        SwStop      *stop,
                        guint        position,
                        GError     **error)
{
  g_autoptr (GPtrArray) order = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  int index;

  g_return_val_if_fail (SW_IS_STOP_LIST (self), FALSE);
  g_return_val_if_fail (SW_IS_STOP (stop), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  index = find_stop (self, sw_feature_get_uuid (SW_FEATURE (stop)));
  g_return_val_if_fail (index >= 0, FALSE);
  g_return_val_if_fail (position < self->stops->len, FALSE);

  order = g_ptr_array_copy (self->stops, copy_object, NULL);
  g_ptr_array_set_free_func (order, g_object_unref);
  {
    SwStop *moved = g_ptr_array_steal_index (order, index);

    g_ptr_array_insert (order, position, moved);
  }

  changed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < order->len; i++)
    {
      SwStop *listed = g_ptr_array_index (order, i);

      if (sw_stop_get_number (listed) != (int) i + 1)
        {
          SwFeature *copy = sw_feature_copy (SW_FEATURE (listed));

          sw_stop_set_number (SW_STOP (copy), i + 1);
          g_ptr_array_add (changed, copy);
        }
    }

  if (changed->len == 0)
    return TRUE;

  return sw_project_update_many (self->project, changed, _("Renumber Stops"), error);
}
