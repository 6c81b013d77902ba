/* The main window: opens a project off the main thread, shows it on the map
 * and in the sidebar, and remembers its size and each project's map view. */
#define G_LOG_DOMAIN "sw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-application.h"
#include "sw-export-dialog.h"
#include "sw-map-transform.h"
#include "sw-print-dialog.h"
#include "sw-window-private.h"

/* Sweden, shown when a project has nothing on the map yet. */
#define SWEDEN_WEST  10.9
#define SWEDEN_SOUTH 55.3
#define SWEDEN_EAST  24.2
#define SWEDEN_NORTH 69.1

#define LOADING_PAGE_DELAY_MS    200
#define BASEMAP_RETRY_SECONDS    30
#define FIT_PADDING             48.0

G_DEFINE_FINAL_TYPE (SwWindow, sw_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_display_name (GFile *file)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autofree char *basename = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  basename = g_file_get_basename (file);
  return g_filename_display_name (basename);
}

/* ---------------------------------------------------------------------- */
/* Basemap                                                                */

static void reload_basemap_tiles (SwWindow *self);

/* Runs while the tile server fails; removed when tiles come again. */
static gboolean
retry_basemap_cb (gpointer user_data)
{
  SwWindow *self = user_data;

  reload_basemap_tiles (self);

  return G_SOURCE_CONTINUE;
}

static void
update_basemap_problem (SwWindow *self)
{
  const char *problem = self->basemap != NULL ? sw_basemap_source_get_problem (self->basemap) : NULL;
  gboolean remote = self->basemap != NULL && sw_basemap_source_is_remote (self->basemap);

  gtk_revealer_set_reveal_child (self->basemap_problem_revealer, problem != NULL);

  if (problem != NULL)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf ("%s %s", problem,
                              remote
                              ? _("Findings and routes are still shown. For work without a network, "
                                  "choose an offline map (MBTiles) in Preferences.")
                              : _("Findings and routes are still shown. "
                                  "Choose another map background in Preferences."));
      gtk_label_set_label (self->basemap_problem_label, text);
    }

  /* A tile server that failed may come back; libshumate does not ask
   * again by itself. */
  if (problem != NULL && remote)
    {
      if (self->basemap_retry_id == 0)
        self->basemap_retry_id = g_timeout_add_seconds (BASEMAP_RETRY_SECONDS, retry_basemap_cb, self);
    }
  else
    g_clear_handle_id (&self->basemap_retry_id, g_source_remove);
}

static void
reload_basemap_tiles (SwWindow *self)
{
  g_autoptr (ShumateMapSource) map_source = NULL;

  if (self->basemap == NULL)
    return;

  map_source = sw_basemap_source_create_map_source (self->basemap);
  shumate_simple_map_set_map_source (self->map, map_source);
}

static void
load_basemap (SwWindow *self)
{
  if (self->basemap != NULL)
    g_signal_handlers_disconnect_by_func (self->basemap, update_basemap_problem, self);
  g_clear_object (&self->basemap);
  g_clear_handle_id (&self->basemap_retry_id, g_source_remove);

  self->basemap = sw_basemap_source_new_from_settings (self->settings);
  g_signal_connect_object (self->basemap, "notify::problem",
                           G_CALLBACK (update_basemap_problem), self,
                           G_CONNECT_SWAPPED);

  reload_basemap_tiles (self);
  update_basemap_problem (self);
}

static gboolean
load_basemap_cb (gpointer user_data)
{
  SwWindow *self = user_data;

  self->basemap_reload_id = 0;
  load_basemap (self);

  return G_SOURCE_REMOVE;
}

/* Preferences change the source and its file or address together; one
 * reload for both. */
static void
on_basemap_setting_changed (SwWindow   *self,
                            const char *key,
                            GSettings  *settings)
{
  if (self->basemap_reload_id == 0)
    self->basemap_reload_id = g_idle_add (load_basemap_cb, self);
}

static void
on_network_changed (SwWindow        *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  if (available
      && self->basemap != NULL
      && sw_basemap_source_is_remote (self->basemap)
      && sw_basemap_source_get_problem (self->basemap) != NULL)
    reload_basemap_tiles (self);
}

/* ---------------------------------------------------------------------- */
/* Map position                                                           */

static void
fit_map (SwWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  g_autoptr (SwBounds) bounds = NULL;
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double padding = MIN (FIT_PADDING, MIN (width, height) / 4.0);
  double west = SWEDEN_WEST, south = SWEDEN_SOUTH, east = SWEDEN_EAST, north = SWEDEN_NORTH;
  double min_x, min_y, max_x, max_y;
  double zoom;

  if (self->project != NULL)
    bounds = sw_project_get_bounds (self->project);
  if (bounds != NULL && !sw_bounds_is_empty (bounds))
    {
      west = sw_bounds_get_west (bounds);
      south = sw_bounds_get_south (bounds);
      east = sw_bounds_get_east (bounds);
      north = sw_bounds_get_north (bounds);
    }

  min_x = sw_mercator_x (west);
  max_x = sw_mercator_x (east);
  min_y = sw_mercator_y (north);
  max_y = sw_mercator_y (south);
  zoom = sw_map_transform_zoom_for_area (min_x, min_y, max_x, max_y,
                                         width - 2 * padding, height - 2 * padding,
                                         source != NULL ? shumate_map_source_get_tile_size (source) : 256);

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 sw_mercator_latitude ((min_y + max_y) / 2.0),
                                 sw_mercator_longitude ((min_x + max_x) / 2.0));
}

/* Fitting needs the map's size, known only once it is allocated. */
static gboolean
fit_map_when_allocated (GtkWidget     *widget,
                        GdkFrameClock *frame_clock,
                        gpointer       user_data)
{
  SwWindow *self = user_data;

  if (gtk_widget_get_width (widget) <= 1 || gtk_widget_get_height (widget) <= 1)
    return G_SOURCE_CONTINUE;

  self->fit_tick_id = 0;
  fit_map (self);

  return G_SOURCE_REMOVE;
}

static void
restore_map_position (SwWindow *self)
{
  g_autoptr (GVariant) positions = NULL;
  g_autofree char *uri = NULL;
  double latitude, longitude, zoom;

  if (self->fit_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->map), self->fit_tick_id);
      self->fit_tick_id = 0;
    }

  uri = g_file_get_uri (self->file);
  positions = g_settings_get_value (self->settings, "map-positions");

  if (g_variant_lookup (positions, uri, "(ddd)", &latitude, &longitude, &zoom))
    {
      ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude, longitude);
      return;
    }

  self->fit_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->map),
                                                    fit_map_when_allocated,
                                                    self, NULL);
}

static void
save_map_position (SwWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  g_autoptr (GVariant) positions = NULL;
  g_autofree char *uri = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (self->project == NULL || self->file == NULL)
    return;

  uri = g_file_get_uri (self->file);
  positions = g_settings_get_value (self->settings, "map-positions");

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(ddd)}"));
  g_variant_iter_init (&iter, positions);
  while (g_variant_iter_next (&iter, "{&s@(ddd)}", &key, &value))
    {
      if (!g_str_equal (key, uri))
        g_variant_builder_add (&builder, "{s@(ddd)}", key, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&builder, "{s(ddd)}", uri,
                         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         shumate_viewport_get_zoom_level (viewport));

  g_settings_set_value (self->settings, "map-positions", g_variant_builder_end (&builder));
}

/* ---------------------------------------------------------------------- */
/* Project                                                                */

static void
update_title (SwWindow *self)
{
  const char *title = NULL;
  const char *municipality = NULL;
  g_autofree char *window_title = NULL;

  if (self->project != NULL)
    {
      title = sw_project_get_title (self->project);
      municipality = sw_project_get_municipality (self->project);
    }

  if (self->project != NULL && (title == NULL || *title == '\0'))
    title = _("Untitled Project");

  adw_view_switcher_title_set_title (self->window_title, title != NULL ? title : _("Safety Walk"));
  adw_view_switcher_title_set_subtitle (self->window_title, municipality != NULL ? municipality : "");

  /* The window list and the task switcher show this. */
  if (title != NULL)
    window_title = g_strdup_printf (_("%s – Safety Walk"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title != NULL ? window_title : _("Safety Walk"));
}

static void
on_project_changed (SwWindow *self)
{
  _sw_window_actions_update (self);
}

/* @project is open and will be used on the main thread only from now on. */
void
sw_window_set_project (SwWindow  *self,
                       SwProject *project)
{
  g_return_if_fail (SW_IS_WINDOW (self));
  g_return_if_fail (SW_IS_PROJECT (project));
  g_return_if_fail (self->project == NULL);

  g_clear_handle_id (&self->loading_timeout_id, g_source_remove);

  self->project = g_object_ref (project);
  g_set_object (&self->file, sw_project_get_file (project));

  g_signal_connect_object (project, "notify::title", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::municipality", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::can-undo", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::can-redo", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);

  sw_sidebar_set_project (self->sidebar, project);
  sw_route_layer_set_models (self->route_layer,
                             sw_project_get_routes (project),
                             sw_project_get_stops (project));
  sw_finding_layer_set_project (self->finding_layer, project);
  sw_track_layer_set_project (self->track_layer, project);
  _sw_window_routes_set_project (self);
  _sw_window_findings_set_project (self);
  _sw_window_views_set_project (self);

  restore_map_position (self);
  update_title (self);
  gtk_stack_set_visible_child_name (self->main_stack, "project");

  _sw_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

static void
open_project_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GFile *file = task_data;
  SwProject *project;
  GError *error = NULL;

  project = sw_project_open (file, &error);
  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

static void
on_project_opened (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SwWindow *self = SW_WINDOW (object);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GError) error = NULL;

  project = g_task_propagate_pointer (G_TASK (result), &error);
  if (project == NULL)
    {
      g_autofree char *name = NULL;
      g_autofree char *heading = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_handle_id (&self->loading_timeout_id, g_source_remove);
      name = dup_display_name (g_task_get_task_data (G_TASK (result)));
      heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      g_clear_object (&self->file);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      _sw_window_actions_update (self);

      g_debug ("%s", error->message);
      sw_window_show_error (self, heading, error->message);
      return;
    }

  sw_window_set_project (self, project);
  if (SW_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))
    sw_application_add_recent (SW_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                               self->file);
}

static gboolean
show_loading_page_cb (gpointer user_data)
{
  SwWindow *self = user_data;

  self->loading_timeout_id = 0;
  gtk_stack_set_visible_child_name (self->main_stack, "loading");

  return G_SOURCE_REMOVE;
}

/* Opens @file in this window, which must be empty. Opening reads the whole
 * project, so it runs in a thread; errors are shown in the window. */
void
sw_window_open_file (SwWindow *self,
                     GFile    *file)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (SW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (sw_window_is_empty (self));

  g_set_object (&self->file, file);

  name = dup_display_name (file);
  title = g_strdup_printf (_("Opening “%s”…"), name);
  adw_status_page_set_title (self->loading_page, title);

  /* Most projects open in a blink; a spinner only for those that don't. */
  g_clear_handle_id (&self->loading_timeout_id, g_source_remove);
  self->loading_timeout_id = g_timeout_add (LOADING_PAGE_DELAY_MS, show_loading_page_cb, self);
  _sw_window_actions_update (self);

  task = g_task_new (self, self->cancellable, on_project_opened, NULL);
  g_task_set_source_tag (task, sw_window_open_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, open_project_in_thread);
}

/* ---------------------------------------------------------------------- */
/* Drag and drop                                                          */

static gboolean
is_project_file (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *folded = basename != NULL ? g_utf8_casefold (basename, -1) : NULL;

  return folded != NULL && g_str_has_suffix (folded, ".gpkg");
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SwWindow      *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GSList *files;
  gboolean opened = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !SW_IS_APPLICATION (application))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      if (!is_project_file (l->data))
        continue;

      sw_application_open_project (SW_APPLICATION (application), l->data, self);
      opened = TRUE;
    }
  g_slist_free (files);

  if (!opened)
    {
      g_autoptr (AdwToast) toast = adw_toast_new (_("Only Safety Walk projects (.gpkg) can be opened by dropping them here"));

      sw_window_add_toast (self, g_steal_pointer (&toast));
    }

  return opened;
}

/* ---------------------------------------------------------------------- */
/* GObject and GtkWidget                                                  */

static void
save_window_state (SwWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  save_map_position (self);
}

static gboolean
sw_window_close_request (GtkWindow *window)
{
  SwWindow *self = SW_WINDOW (window);

  save_window_state (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (sw_window_parent_class)->close_request (window);
}

/* GtkWindow:application is set after construction, so what comes from the
 * application is set up when it arrives. */
static void
on_application_changed (SwWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr (GFile) demo = NULL;

  if (!SW_IS_APPLICATION (application))
    return;

  if (g_menu_model_get_n_items (G_MENU_MODEL (self->recent_submenu)) == 0)
    g_menu_append_section (self->recent_submenu, NULL,
                           sw_application_get_recent_menu (SW_APPLICATION (application)));

  demo = sw_application_dup_demo_file (SW_APPLICATION (application));
  gtk_widget_set_visible (GTK_WIDGET (self->demo_button), demo != NULL);
}

static void
sw_window_dispose (GObject *object)
{
  SwWindow *self = SW_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->loading_timeout_id, g_source_remove);
  g_clear_handle_id (&self->basemap_retry_id, g_source_remove);
  g_clear_handle_id (&self->basemap_reload_id, g_source_remove);
  if (self->fit_tick_id != 0 && self->map != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->map), self->fit_tick_id);
  self->fit_tick_id = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_WINDOW);

  _sw_window_routes_dispose (self);
  _sw_window_findings_dispose (self);
  _sw_window_views_dispose (self);
  _sw_window_merge_dispose (self);
  g_clear_object (&self->track_layer);
  g_clear_object (&self->route_layer);
  g_clear_object (&self->finding_layer);
  g_clear_object (&self->basemap);
  g_clear_object (&self->project);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (sw_window_parent_class)->dispose (object);
}

static void
sw_window_finalize (GObject *object)
{
  SwWindow *self = SW_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sw_window_parent_class)->finalize (object);
}

static void
sw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SwWindow *self = SW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SwWindow *self = SW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      if (self->sidebar_visible != g_value_get_boolean (value))
        {
          self->sidebar_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_window_class_init (SwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sw_window_dispose;
  object_class->finalize = sw_window_finalize;
  object_class->get_property = sw_window_get_property;
  object_class->set_property = sw_window_set_property;

  window_class->close_request = sw_window_close_request;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         SW_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SW_TYPE_SIDEBAR);
  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, recent_submenu);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, map);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, basemap_problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, basemap_problem_label);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, action_plan_view);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, situation_view);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, place_list);

  _sw_window_class_actions_init (klass);
  _sw_window_class_routes_init (klass);
  _sw_window_class_findings_init (klass);
  _sw_window_class_import_init (klass);
  _sw_window_class_merge_init (klass);
  sw_export_dialog_install_action (widget_class);
  _sw_window_class_views_init (klass);
  _sw_window_class_photos_init (klass);
  sw_print_dialog_install_actions (GTK_WIDGET_CLASS (klass));
}

static void
sw_window_init (SwWindow *self)
{
  ShumateViewport *viewport;
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Each window keeps its own sidebar state; the setting is what a new
   * window starts with. */
  self->sidebar_visible = g_settings_get_boolean (self->settings, "sidebar-visible");
  g_settings_bind (self->settings, "sidebar-visible", self, "sidebar-visible",
                   G_SETTINGS_BIND_SET);
  g_object_bind_property (self, "sidebar-visible", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* Swedish municipalities measure in metres; feet only add noise. */
  shumate_scale_set_unit (shumate_simple_map_get_scale (self->map), SHUMATE_UNIT_METRIC);

  viewport = shumate_simple_map_get_viewport (self->map);
  self->track_layer = g_object_ref_sink (sw_track_layer_new (viewport));
  self->route_layer = g_object_ref_sink (sw_route_layer_new (viewport));
  self->finding_layer = g_object_ref_sink (sw_finding_layer_new (viewport));

  /* The basemap before the layers: the viewport needs a map source. */
  load_basemap (self);
  /* The recorded track under the planned routes: the plan stays legible. */
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->track_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->route_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->finding_layer));
  _sw_window_routes_init (self);
  _sw_window_findings_init (self);
  _sw_window_views_init (self);
  _sw_window_photos_init (self);

  g_signal_connect_object (self->settings, "changed::basemap-source",
                           G_CALLBACK (on_basemap_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::basemap-url",
                           G_CALLBACK (on_basemap_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::basemap-mbtiles",
                           G_CALLBACK (on_basemap_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed), self, G_CONNECT_SWAPPED);

  gtk_widget_set_visible (GTK_WIDGET (self->demo_button), FALSE);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  update_title (self);
  _sw_window_actions_update (self);
}

SwWindow *
sw_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (SW_TYPE_WINDOW, "application", application, NULL);
}

/* The project file, also while it is still opening. */
GFile *
sw_window_get_file (SwWindow *self)
{
  g_return_val_if_fail (SW_IS_WINDOW (self), NULL);

  return self->file;
}

SwProject *
sw_window_get_project (SwWindow *self)
{
  g_return_val_if_fail (SW_IS_WINDOW (self), NULL);

  return self->project;
}

/* TRUE when the window neither shows a project nor is opening one. */
gboolean
sw_window_is_empty (SwWindow *self)
{
  g_return_val_if_fail (SW_IS_WINDOW (self), FALSE);

  return self->project == NULL && self->file == NULL;
}

void
sw_window_show_error (SwWindow   *self,
                      const char *heading,
                      const char *message)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (SW_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Takes ownership of @toast, which may be floating. */
void
sw_window_add_toast (SwWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SW_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

SwSidebar *
sw_window_get_sidebar (SwWindow *self)
{
  g_return_val_if_fail (SW_IS_WINDOW (self), NULL);

  return self->sidebar;
}

ShumateSimpleMap *
sw_window_get_map (SwWindow *self)
{
  g_return_val_if_fail (SW_IS_WINDOW (self), NULL);

  return self->map;
}

/* Where the basemap tiles come from now; replaced when the settings change. */
SwBasemapSource *
sw_window_get_basemap_source (SwWindow *self)
{
  g_return_val_if_fail (SW_IS_WINDOW (self), NULL);

  return self->basemap;
}
