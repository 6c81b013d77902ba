/* The selected route in the sidebar. The name is saved when the entry is
 * activated or loses focus, a colour when it is picked: each one edit. */
#define G_LOG_DOMAIN "sw-route-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sw-crs-transform.h"
#include "sw-route-panel.h"
#include "sw-stop-list.h"
#include "sw-window.h"

typedef struct
{
  const char *color;
  const char *name;
} PaletteColor;

/* From the GNOME palette, dark enough to stand out on a light map and
 * far enough apart to tell routes of one walk apart. */
static const PaletteColor palette[] = {
  { "#1c71d8", NC_("colour", "Blue") },
  { "#c01c28", NC_("colour", "Red") },
  { "#26a269", NC_("colour", "Green") },
  { "#e66100", NC_("colour", "Orange") },
  { "#813d9c", NC_("colour", "Purple") },
  { "#865e3c", NC_("colour", "Brown") },
  { "#c061cb", NC_("colour", "Pink") },
  { "#3d3846", NC_("colour", "Dark Grey") },
};

struct _SwRoutePanel
{
  GtkWidget parent_instance;

  SwProject *project;
  SwRoute *route;
  SwCrsTransform *transform;
  gboolean updating;

  AdwEntryRow *name_row;
  GtkBox *palette_box;
  GtkLabel *length_label;
  SwStopList *stop_list;
  GtkWidget *swatches[G_N_ELEMENTS (palette)];
};

G_DEFINE_FINAL_TYPE (SwRoutePanel, sw_route_panel, GTK_TYPE_WIDGET)

const char *
sw_route_panel_get_palette_color (guint index)
{
  return palette[index % G_N_ELEMENTS (palette)].color;
}

guint
sw_route_panel_get_palette_size (void)
{
  return G_N_ELEMENTS (palette);
}

char *
sw_route_panel_format_length (double metres)
{
  if (metres < 0)
    metres = 0;

  if (metres < 1000)
    /* Translators: a route's length in metres. */
    return g_strdup_printf (_("%.0f m"), metres);

  /* Translators: a route's length in kilometres, with one decimal. */
  return g_strdup_printf (_("%.1f km"), metres / 1000.0);
}

static void
report_error (SwRoutePanel *self,
              const char   *heading,
              GError       *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), SW_TYPE_WINDOW);

  if (window != NULL)
    sw_window_show_error (SW_WINDOW (window), heading, error->message);
  else
    g_warning ("%s: %s", heading, error->message);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *color = user_data;
  GdkRGBA rgba;

  gdk_rgba_parse (&rgba, color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill (cr);
}

static void
update (SwRoutePanel *self)
{
  const char *color = self->route != NULL ? sw_route_get_color (self->route) : NULL;
  GVariant *points = self->route != NULL ? sw_route_get_points (self->route) : NULL;
  g_autofree char *length = NULL;

  self->updating = TRUE;

  if (self->route != NULL && !gtk_widget_has_focus (GTK_WIDGET (self->name_row))
      && gtk_widget_get_focus_child (GTK_WIDGET (self->name_row)) == NULL)
    {
      const char *name = sw_route_get_name (self->route);

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->swatches[i]),
                                  color != NULL && g_ascii_strcasecmp (color, palette[i].color) == 0);

  if (points != NULL && self->transform != NULL)
    length = sw_route_panel_format_length (sw_crs_transform_line_length (self->transform, points));
  gtk_label_set_label (self->length_label, length != NULL ? length : "");

  self->updating = FALSE;
}

static void
save_name (SwRoutePanel *self)
{
  g_autoptr (GError) error = NULL;
  const char *text;

  if (self->updating || self->project == NULL || self->route == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  if (g_strcmp0 (text, sw_route_get_name (self->route)) == 0
      || (*text == '\0' && sw_route_get_name (self->route) == NULL))
    return;

  if (!sw_project_edit (self->project, SW_FEATURE (self->route), &error, "name", text, NULL))
    report_error (self, _("Could Not Rename the Route"), error);
}

static void
on_name_activated (SwRoutePanel *self)
{
  save_name (self);
}

static void
on_swatch_toggled (GtkToggleButton *button,
                   SwRoutePanel    *self)
{
  g_autoptr (GError) error = NULL;
  const char *color = g_object_get_data (G_OBJECT (button), "color");

  if (self->updating || !gtk_toggle_button_get_active (button)
      || self->project == NULL || self->route == NULL
      || g_strcmp0 (color, sw_route_get_color (self->route)) == 0)
    return;

  if (!sw_project_edit (self->project, SW_FEATURE (self->route), &error, "color", color, NULL))
    report_error (self, _("Could Not Change the Route’s Colour"), error);
}

static void
sw_route_panel_dispose (GObject *object)
{
  SwRoutePanel *self = SW_ROUTE_PANEL (object);
  GtkWidget *child;

  sw_route_panel_set_route (self, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_ROUTE_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sw_route_panel_parent_class)->dispose (object);
}

static void
sw_route_panel_class_init (SwRoutePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_route_panel_dispose;

  g_type_ensure (SW_TYPE_STOP_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-route-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SwRoutePanel, name_row);
  gtk_widget_class_bind_template_child (widget_class, SwRoutePanel, palette_box);
  gtk_widget_class_bind_template_child (widget_class, SwRoutePanel, length_label);
  gtk_widget_class_bind_template_child (widget_class, SwRoutePanel, stop_list);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sw_route_panel_init (SwRoutePanel *self)
{
  GtkEventController *focus;
  GtkWidget *group = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *swatch = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, (gpointer) palette[i].color, NULL);
      gtk_button_set_child (GTK_BUTTON (button), swatch);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_add_css_class (button, "route-swatch");
      gtk_widget_set_tooltip_text (button, g_dpgettext2 (NULL, "colour", palette[i].name));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_dpgettext2 (NULL, "colour", palette[i].name),
                                      -1);
      g_object_set_data (G_OBJECT (button), "color", (gpointer) palette[i].color);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      group = button;
      g_signal_connect (button, "toggled", G_CALLBACK (on_swatch_toggled), self);
      gtk_box_append (self->palette_box, button);
      self->swatches[i] = button;
    }

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (save_name), self);
  gtk_widget_add_controller (GTK_WIDGET (self->name_row), focus);
}

GtkWidget *
sw_route_panel_new (void)
{
  return g_object_new (SW_TYPE_ROUTE_PANEL, NULL);
}

void
sw_route_panel_set_route (SwRoutePanel *self,
                          SwProject    *project,
                          SwRoute      *route)
{
  g_return_if_fail (SW_IS_ROUTE_PANEL (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));
  g_return_if_fail (route == NULL || SW_IS_ROUTE (route));

  /* A name typed but not yet saved belongs to the route shown so far. */
  if (self->route != route)
    save_name (self);

  if (self->project != project)
    {
      if (self->project != NULL)
        g_signal_handlers_disconnect_by_func (self->project, update, self);
      g_set_object (&self->project, project);
      g_clear_object (&self->transform);
      if (self->project != NULL)
        {
          g_autoptr (GError) error = NULL;

          g_signal_connect_object (self->project, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
          self->transform = sw_crs_transform_new (sw_project_get_working_crs (self->project), &error);
          if (self->transform == NULL)
            g_warning ("No lengths in the working CRS: %s", error->message);
        }
    }

  if (g_set_object (&self->route, route))
    {
      const char *name = route != NULL ? sw_route_get_name (route) : NULL;

      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
      self->updating = FALSE;
    }

  if (self->stop_list != NULL)
    sw_stop_list_set_route (self->stop_list, project, route);
  update (self);
}

SwRoute *
sw_route_panel_get_route (SwRoutePanel *self)
{
  g_return_val_if_fail (SW_IS_ROUTE_PANEL (self), NULL);

  return self->route;
}

GtkWidget *
sw_route_panel_get_stop_list (SwRoutePanel *self)
{
  g_return_val_if_fail (SW_IS_ROUTE_PANEL (self), NULL);

  return GTK_WIDGET (self->stop_list);
}
