/* Preferences, each one a GSettings key; the windows follow the basemap
 * keys live. */
#define G_LOG_DOMAIN "sw-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sw-basemap-source.h"
#include "sw-mbtiles-source.h"
#include "sw-preferences-window.h"

struct _SwPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  GtkStringList *crs_labels;
  /* Set while the widgets are being made to match the settings, so that
   * their signals do not write back. */
  gboolean updating;

  GtkCheckButton *osm_check;
  GtkCheckButton *xyz_check;
  GtkCheckButton *mbtiles_check;
  AdwEntryRow *url_row;
  AdwActionRow *mbtiles_row;
  GtkSpinButton *photo_edge_spin;
  AdwComboRow *crs_row;
};

G_DEFINE_FINAL_TYPE (SwPreferencesWindow, sw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* SWEREF 99 TM and the local SWEREF 99 zones, west to east. */
static const struct
{
  const char *code;
  const char *name;
} working_crs[] = {
  { "EPSG:3006", "SWEREF 99 TM" },
  { "EPSG:3007", "SWEREF 99 12 00" },
  { "EPSG:3008", "SWEREF 99 13 30" },
  { "EPSG:3012", "SWEREF 99 14 15" },
  { "EPSG:3009", "SWEREF 99 15 00" },
  { "EPSG:3013", "SWEREF 99 15 45" },
  { "EPSG:3010", "SWEREF 99 16 30" },
  { "EPSG:3014", "SWEREF 99 17 15" },
  { "EPSG:3011", "SWEREF 99 18 00" },
  { "EPSG:3015", "SWEREF 99 18 45" },
  { "EPSG:3016", "SWEREF 99 20 15" },
  { "EPSG:3017", "SWEREF 99 21 45" },
  { "EPSG:3018", "SWEREF 99 23 15" },
};

static void
add_toast (SwPreferencesWindow *self,
           const char          *title)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

/* The source and its file or address change together, in one write; a
 * GSettings in delay mode stays so, hence one of its own. */
static void
set_basemap (SwPreferencesWindow *self,
             const char          *source,
             const char          *key,
             const char          *value)
{
  g_autoptr (GSettings) batch = g_settings_new (APPLICATION_ID);

  g_settings_delay (batch);
  g_settings_set_string (batch, key, value);
  g_settings_set_string (batch, "basemap-source", source);
  g_settings_apply (batch);
}

static void
update_from_settings (SwPreferencesWindow *self)
{
  g_autofree char *source = g_settings_get_string (self->settings, "basemap-source");
  g_autofree char *url = g_settings_get_string (self->settings, "basemap-url");
  g_autofree char *mbtiles = g_settings_get_string (self->settings, "basemap-mbtiles");
  g_autofree char *crs = g_settings_get_string (self->settings, "working-crs");
  guint crs_index = G_N_ELEMENTS (working_crs);

  self->updating = TRUE;

  gtk_check_button_set_active (self->xyz_check, g_str_equal (source, "xyz"));
  gtk_check_button_set_active (self->mbtiles_check, g_str_equal (source, "mbtiles"));
  gtk_check_button_set_active (self->osm_check, !g_str_equal (source, "xyz") && !g_str_equal (source, "mbtiles"));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), url) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), g_str_equal (source, "xyz"));

  if (*mbtiles != '\0')
    {
      g_autofree char *basename = g_path_get_basename (mbtiles);
      g_autofree char *name = g_filename_display_name (basename);

      adw_action_row_set_subtitle (self->mbtiles_row, name);
    }
  else
    adw_action_row_set_subtitle (self->mbtiles_row, _("An MBTiles file, for work without a network"));

  for (guint i = 0; i < G_N_ELEMENTS (working_crs); i++)
    if (g_str_equal (working_crs[i].code, crs))
      crs_index = i;
  /* A system set elsewhere (by hand, or by an older version) is kept and
   * shown as it is. */
  if (crs_index == G_N_ELEMENTS (working_crs))
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (self->crs_labels)) > G_N_ELEMENTS (working_crs))
        gtk_string_list_remove (self->crs_labels, G_N_ELEMENTS (working_crs));
      gtk_string_list_append (self->crs_labels, crs);
    }
  adw_combo_row_set_selected (self->crs_row, crs_index);

  self->updating = FALSE;
}

/* ---------------------------------------------------------------------- */
/* Offline map                                                            */

static void
on_mbtiles_chosen (GtkNativeDialog     *native,
                   int                  response,
                   SwPreferencesWindow *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwMbtilesSource) mbtiles = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  gtk_native_dialog_destroy (native);
  g_object_unref (native);

  if (file == NULL)
    {
      /* Back to what the settings say if the radio was ticked first. */
      update_from_settings (self);
      return;
    }

  /* Checked now, so a wrong file is refused here rather than turning the
   * map blank. */
  mbtiles = sw_mbtiles_source_new (file, &error);
  if (mbtiles == NULL)
    {
      add_toast (self, error->message);
      update_from_settings (self);
      return;
    }

  set_basemap (self, "mbtiles", "basemap-mbtiles", g_file_peek_path (file));
}

static void
choose_mbtiles_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SwPreferencesWindow *self = SW_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autoptr (GtkFileFilter) all = NULL;

  native = gtk_file_chooser_native_new (_("Choose an Offline Map"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("MBTiles Maps"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  g_signal_connect (native, "response", G_CALLBACK (on_mbtiles_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---------------------------------------------------------------------- */
/* Tile server                                                            */

static gboolean
apply_url (SwPreferencesWindow *self,
           gboolean             complain)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autoptr (GError) error = NULL;

  if (!sw_basemap_check_url_template (url, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      if (complain)
        add_toast (self, error->message);
      return FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  set_basemap (self, "xyz", "basemap-url", url);

  return TRUE;
}

static void
on_url_apply (SwPreferencesWindow *self)
{
  apply_url (self, TRUE);
}

static void
on_url_changed (SwPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  /* Red only once there is something to judge; no scolding while typing
   * the first characters. */
  if (self->updating || strlen (url) < 8 || sw_basemap_check_url_template (url, NULL))
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
}

/* ---------------------------------------------------------------------- */

static void
on_source_toggled (SwPreferencesWindow *self,
                   GtkCheckButton      *check)
{
  g_autofree char *mbtiles = NULL;

  if (self->updating || !gtk_check_button_get_active (check))
    return;

  if (check == self->osm_check)
    g_settings_set_string (self->settings, "basemap-source", "osm");
  else if (check == self->xyz_check)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), TRUE);
      /* Without a usable address the choice waits for one. */
      if (!apply_url (self, FALSE))
        gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
    }
  else if (check == self->mbtiles_check)
    {
      mbtiles = g_settings_get_string (self->settings, "basemap-mbtiles");
      if (*mbtiles == '\0')
        gtk_widget_activate_action (GTK_WIDGET (self), "prefs.choose-mbtiles", NULL);
      else
        g_settings_set_string (self->settings, "basemap-source", "mbtiles");
    }
}

static void
on_crs_selected (SwPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->crs_row);

  if (self->updating || selected >= G_N_ELEMENTS (working_crs))
    return;

  g_settings_set_string (self->settings, "working-crs", working_crs[selected].code);
}

static void
sw_preferences_window_dispose (GObject *object)
{
  SwPreferencesWindow *self = SW_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (sw_preferences_window_parent_class)->dispose (object);
}

static void
sw_preferences_window_finalize (GObject *object)
{
  SwPreferencesWindow *self = SW_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->crs_labels);

  G_OBJECT_CLASS (sw_preferences_window_parent_class)->finalize (object);
}

static void
sw_preferences_window_class_init (SwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_preferences_window_dispose;
  object_class->finalize = sw_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesWindow, osm_check);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesWindow, xyz_check);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesWindow, mbtiles_check);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesWindow, mbtiles_row);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesWindow, photo_edge_spin);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesWindow, crs_row);
  gtk_widget_class_bind_template_callback (widget_class, on_source_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);

  gtk_widget_class_install_action (widget_class, "prefs.choose-mbtiles", NULL, choose_mbtiles_action);
}

static void
sw_preferences_window_init (SwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);

  self->crs_labels = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (working_crs); i++)
    {
      g_autofree char *label = g_strdup_printf ("%s (%s)", working_crs[i].name, working_crs[i].code);

      gtk_string_list_append (self->crs_labels, label);
    }
  adw_combo_row_set_model (self->crs_row, G_LIST_MODEL (self->crs_labels));

  g_settings_bind (self->settings, "photo-max-edge",
                   gtk_spin_button_get_adjustment (self->photo_edge_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);

  update_from_settings (self);

  g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (update_from_settings), self);
  g_signal_connect_swapped (self->crs_row, "notify::selected", G_CALLBACK (on_crs_selected), self);
}

GtkWidget *
sw_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (SW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
