/* The Export dialog: the choices of an export as preference rows, a file
 * chooser, then the export in a GTask with its progress and Cancel shown in
 * the dialog, and a toast in the window when the file is written. */
#define G_LOG_DOMAIN "sw-export-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sw-export-dialog.h"

struct _SwExportDialog
{
  AdwWindow parent_instance;

  SwWindow *window;
  SwProject *project;

  AdwToastOverlay *toast_overlay;
  GtkButton *export_button;
  GtkButton *cancel_button;
  AdwComboRow *format_row;
  AdwComboRow *crs_row;
  AdwEntryRow *epsg_row;
  GtkSwitch *public_switch;
  AdwActionRow *photos_row;
  GtkSwitch *photos_switch;
  AdwComboRow *photo_size_row;
  AdwPreferencesGroup *progress_group;
  GtkProgressBar *progress_bar;
  AdwPreferencesPage *page;
  /* The groups of choices, insensitive while the export runs */
  GtkWidget *choices[3];

  GCancellable *cancellable;
  GFile *target;
};

G_DEFINE_FINAL_TYPE (SwExportDialog, sw_export_dialog, ADW_TYPE_WINDOW)

/* The long edges offered for photos; 0 keeps the stored size. */
static const guint photo_edges[] = { 0, 2048, 1024, 640 };

static SwExportFormat
selected_format (SwExportDialog *self)
{
  return (SwExportFormat) adw_combo_row_get_selected (self->format_row);
}

static gboolean
other_crs_selected (SwExportDialog *self)
{
  guint n_crs;

  sw_export_list_crs (&n_crs);
  return adw_combo_row_get_selected (self->crs_row) == n_crs;
}

static gboolean
is_running (SwExportDialog *self)
{
  return self->cancellable != NULL;
}

static void
update_rows (SwExportDialog *self)
{
  SwExportFormat format = selected_format (self);
  gboolean has_crs = format == SW_EXPORT_FORMAT_GPKG || format == SW_EXPORT_FORMAT_CSV;
  gboolean public_only = gtk_switch_get_active (self->public_switch);
  gboolean running = is_running (self);

  for (guint i = 0; i < G_N_ELEMENTS (self->choices); i++)
    gtk_widget_set_sensitive (self->choices[i], !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->crs_row), has_crs);
  if (!has_crs)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->crs_row),
                                 _("GeoJSON and KML are always in WGS 84 (EPSG:4326)"));
  else if (other_crs_selected (self))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->crs_row), "");
  else
    {
      const SwExportCrs *list = sw_export_list_crs (NULL);
      g_autofree char *code = g_strdup_printf ("EPSG:%u", list[adw_combo_row_get_selected (self->crs_row)].epsg);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->crs_row), code);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->epsg_row), has_crs && other_crs_selected (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->photos_row), format == SW_EXPORT_FORMAT_GPKG && !public_only);
  adw_action_row_set_subtitle (self->photos_row,
                               format != SW_EXPORT_FORMAT_GPKG
                                 ? _("Only a GeoPackage can hold the photos")
                                 : public_only ? _("A public export never holds photos")
                                               : _("Linked to their findings, for QGIS and ArcGIS"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->photo_size_row),
                            format == SW_EXPORT_FORMAT_GPKG && !public_only &&
                              gtk_switch_get_active (self->photos_switch));

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !running);
  gtk_button_set_label (self->cancel_button, running ? _("_Stop") : _("_Cancel"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), running);
}

SwExportOptions *
sw_export_dialog_get_options (SwExportDialog  *self,
                              GError         **error)
{
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  guint n_crs;
  const SwExportCrs *list = sw_export_list_crs (&n_crs);
  guint crs = adw_combo_row_get_selected (self->crs_row);

  g_return_val_if_fail (SW_IS_EXPORT_DIALOG (self), NULL);

  options->format = selected_format (self);
  g_clear_pointer (&options->crs, g_free);
  if (crs < n_crs)
    options->crs = g_strdup_printf ("EPSG:%u", list[crs].epsg);
  else
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->epsg_row));
      guint epsg = sw_export_parse_crs (text, error);

      if (epsg == 0)
        return NULL;
      options->crs = g_strdup_printf ("EPSG:%u", epsg);
    }
  options->public_only = gtk_switch_get_active (self->public_switch);
  options->photos = !options->public_only && options->format == SW_EXPORT_FORMAT_GPKG &&
                    gtk_switch_get_active (self->photos_switch);
  options->photo_edge = photo_edges[MIN (adw_combo_row_get_selected (self->photo_size_row),
                                         G_N_ELEMENTS (photo_edges) - 1)];
  return g_steal_pointer (&options);
}

/* ---------------------------------------------------------------------- */
/* Running                                                                */

/* The code row turns red; the toast is short enough to read whole. */
static void
show_code_refused (SwExportDialog *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->epsg_row), "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->epsg_row));
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Not a known EPSG code, for example 3006")));
}

static void
on_open_folder (AdwToast *toast,
                GtkWindow *window)
{
  GFile *folder = g_object_get_data (G_OBJECT (toast), "folder");
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  SwExportDialog *self = user_data;
  g_autofree char *text = g_strdup_printf (_("%d %%"), (int) (fraction * 100.0));

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (SwExportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (self->target);
  g_autofree char *name = g_filename_display_name (basename);

  g_clear_object (&self->cancellable);
  if (!sw_project_export_finish (SW_PROJECT (source), result, &error))
    {
      update_rows (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_toast_overlay_add_toast (self->toast_overlay,
                                       adw_toast_new (_("Export stopped: nothing was written")));
          return;
        }
      sw_window_show_error (self->window, _("Could Not Export"), error->message);
      return;
    }

  {
    g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);
    AdwToast *toast = adw_toast_new (title);
    GFile *folder = g_file_get_parent (self->target);

    if (folder != NULL)
      {
        adw_toast_set_button_label (toast, _("Open _Folder"));
        g_object_set_data_full (G_OBJECT (toast), "folder", folder, g_object_unref);
        g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_folder),
                                 self->window, 0);
      }
    sw_window_add_toast (self->window, toast);
  }
  gtk_window_destroy (GTK_WINDOW (self));
}

void
sw_export_dialog_export_to (SwExportDialog *self,
                            GFile          *target)
{
  g_autoptr (SwExportOptions) options = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (SW_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (target));

  if (is_running (self))
    return;
  options = sw_export_dialog_get_options (self, &error);
  if (options == NULL)
    {
      show_code_refused (self);
      return;
    }

  g_set_object (&self->target, target);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  update_rows (self);
  sw_project_export_async (self->project, target, options, on_progress, g_object_ref (self),
                           g_object_unref, self->cancellable, on_export_done, g_object_ref (self));
}

/* ---------------------------------------------------------------------- */
/* Choosing the file                                                      */

static void
on_file_chosen (GtkNativeDialog *native,
                int              response,
                SwExportDialog  *self)
{
  g_autoptr (GFile) chosen = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) != NULL)
    {
      const char *extension = sw_export_format_get_extension (selected_format (self));
      g_autofree char *suffix = g_strconcat (".", extension, NULL);
      const char *path = g_file_peek_path (chosen);

      if (path != NULL && !g_str_has_suffix (path, suffix))
        {
          g_autofree char *with_suffix = g_strconcat (path, suffix, NULL);

          g_object_unref (chosen);
          chosen = g_file_new_for_path (with_suffix);
        }
      sw_export_dialog_export_to (self, chosen);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
on_export_clicked (SwExportDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwExportOptions) options = sw_export_dialog_get_options (self, &error);
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  GFile *project_file = sw_project_get_file (self->project);
  g_autoptr (GFile) folder = g_file_get_parent (project_file);
  g_autofree char *basename = g_file_get_basename (project_file);
  g_autofree char *stem = NULL;
  g_autofree char *suggestion = NULL;
  g_autofree char *pattern = NULL;
  const char *extension;
  char *dot;

  if (options == NULL)
    {
      show_code_refused (self);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->epsg_row), "error");

  extension = sw_export_format_get_extension (options->format);
  stem = g_filename_display_name (basename);
  if ((dot = strrchr (stem, '.')) != NULL && dot != stem)
    *dot = '\0';
  /* TRANSLATORS: the suggested file name of an export; %s is the project's
   * file name without its extension, the second %s the new extension */
  suggestion = g_strdup_printf (options->public_only ? _("%s (public).%s") : _("%s (GIS).%s"),
                                stem, extension);
  pattern = g_strconcat ("*.", extension, NULL);

  native = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, adw_combo_row_get_selected_item (self->format_row) != NULL
                                      ? gtk_string_object_get_string (adw_combo_row_get_selected_item (self->format_row))
                                      : extension);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggestion);
  g_signal_connect (native, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_cancel_clicked (SwExportDialog *self)
{
  if (is_running (self))
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request (SwExportDialog *self)
{
  /* Closing stops a running export; nothing is left of it. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Building                                                               */

static GtkSwitch *
add_switch_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle,
                AdwActionRow       **row_out)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, toggle);
  adw_action_row_set_activatable_widget (row, toggle);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  if (row_out != NULL)
    *row_out = row;
  return GTK_SWITCH (toggle);
}

static AdwComboRow *
add_combo_row (AdwPreferencesGroup *group,
               const char          *title,
               GtkStringList       *model)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  g_object_unref (model);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static void
build (SwExportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Export"), NULL);
  AdwPreferencesGroup *format_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *crs_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *content_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkStringList *formats = gtk_string_list_new (NULL);
  GtkStringList *systems = gtk_string_list_new (NULL);
  GtkStringList *sizes = gtk_string_list_new (NULL);
  guint n_crs;
  const SwExportCrs *list = sw_export_list_crs (&n_crs);

  gtk_window_set_title (GTK_WINDOW (self), _("Export"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 660);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  self->export_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Export…")));
  gtk_widget_add_css_class (GTK_WIDGET (self->export_button), "suggested-action");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->cancel_button));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->export_button));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);

  /* Progress, shown at the top while the export runs */
  self->progress_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->progress_group, _("Exporting…"));
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->progress_bar), 6);
  adw_preferences_group_add (self->progress_group, GTK_WIDGET (self->progress_bar));

  adw_preferences_page_add (self->page, self->progress_group);

  /* Format */
  adw_preferences_group_set_title (format_group, _("File"));
  adw_preferences_group_set_description (format_group,
                                         _("A GeoPackage holds every layer and opens styled in QGIS; "
                                           "the other formats are for web maps, spreadsheets and "
                                           "Google Earth."));
  gtk_string_list_append (formats, _("GeoPackage for GIS"));
  gtk_string_list_append (formats, _("GeoJSON, the findings"));
  gtk_string_list_append (formats, _("CSV for spreadsheets, the findings"));
  gtk_string_list_append (formats, _("KML for Google Earth"));
  self->format_row = add_combo_row (format_group, _("_Format"), formats);
  adw_preferences_page_add (self->page, format_group);
  self->choices[0] = GTK_WIDGET (format_group);

  /* Coordinates */
  adw_preferences_group_set_title (crs_group, _("Coordinates"));
  for (guint i = 0; i < n_crs; i++)
    {
      gtk_string_list_append (systems, list[i].name);
    }
  gtk_string_list_append (systems, _("Other EPSG code…"));
  self->crs_row = add_combo_row (crs_group, _("Coordinate _system"), systems);
  self->epsg_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->epsg_row), _("EPSG code, for example 3021"));
  adw_preferences_group_add (crs_group, GTK_WIDGET (self->epsg_row));
  adw_preferences_page_add (self->page, crs_group);
  self->choices[1] = GTK_WIDGET (crs_group);

  /* What goes in */
  adw_preferences_group_set_title (content_group, _("Content"));
  self->public_switch = add_switch_row (content_group, _("_Public export"),
                                        _("Leaves out internal notes, stop notes, reasons and "
                                          "photos, for publishing on the municipality’s website"),
                                        NULL);
  self->photos_switch = add_switch_row (content_group, _("Include _photos"), NULL, &self->photos_row);
  gtk_string_list_append (sizes, _("As stored"));
  gtk_string_list_append (sizes, _("Large, 2048 pixels"));
  gtk_string_list_append (sizes, _("Medium, 1024 pixels"));
  gtk_string_list_append (sizes, _("Small, 640 pixels"));
  self->photo_size_row = add_combo_row (content_group, _("Photo si_ze"), sizes);
  adw_combo_row_set_selected (self->photo_size_row, 2);
  adw_preferences_page_add (self->page, content_group);
  self->choices[2] = GTK_WIDGET (content_group);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->page));

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));

  /* Names for tests and for inspecting the dialog. */
  gtk_widget_set_name (GTK_WIDGET (self->format_row), "format-row");
  gtk_widget_set_name (GTK_WIDGET (self->crs_row), "crs-row");
  gtk_widget_set_name (GTK_WIDGET (self->epsg_row), "epsg-row");
  gtk_widget_set_name (GTK_WIDGET (self->public_switch), "public-switch");
  gtk_widget_set_name (GTK_WIDGET (self->photos_switch), "photos-switch");
  gtk_widget_set_name (GTK_WIDGET (self->photo_size_row), "photo-size-row");
  gtk_widget_set_name (GTK_WIDGET (self->cancel_button), "cancel-button");

  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked), self);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->crs_row, "notify::selected", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->public_switch, "notify::active", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->photos_switch, "notify::active", G_CALLBACK (update_rows), self);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
}

static void
sw_export_dialog_dispose (GObject *object)
{
  SwExportDialog *self = SW_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->target);
  g_clear_object (&self->project);
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (sw_export_dialog_parent_class)->dispose (object);
}

static void
sw_export_dialog_class_init (SwExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_export_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sw_export_dialog_init (SwExportDialog *self)
{
  build (self);
}

SwExportDialog *
sw_export_dialog_new (SwWindow *window)
{
  SwExportDialog *self;

  g_return_val_if_fail (SW_IS_WINDOW (window), NULL);
  g_return_val_if_fail (sw_window_get_project (window) != NULL, NULL);

  self = g_object_new (SW_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->project = g_object_ref (sw_window_get_project (window));

  /* The project's working CRS first: the zone its municipality uses. */
  {
    guint n_crs;
    const SwExportCrs *list = sw_export_list_crs (&n_crs);
    guint working = sw_export_parse_crs (sw_project_get_working_crs (self->project), NULL);

    for (guint i = 0; i < n_crs; i++)
      if (list[i].epsg == working)
        adw_combo_row_set_selected (self->crs_row, i);
  }
  update_rows (self);
  return self;
}

/* ---------------------------------------------------------------------- */
/* The window's action                                                    */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SwWindow *window = SW_WINDOW (widget);

  if (sw_window_get_project (window) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (sw_export_dialog_new (window)));
}

void
sw_export_dialog_install_action (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (window_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
}
