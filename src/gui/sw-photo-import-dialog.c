/* The Import Photos dialog: what the volunteer knows and the photos do not
 * say (which walk, the camera's clock), asked once for a whole import. */
#define G_LOG_DOMAIN "sw-photo-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-photo-import.h"
#include "sw-photo-import-dialog.h"

#define DEFAULT_JOIN_DISTANCE 15.0
#define MAX_JOIN_DISTANCE     500.0
#define MAX_OFFSET_MINUTES    (24 * 60)

struct _SwPhotoImportDialog
{
  AdwWindow parent_instance;

  SwProject *project;
  GPtrArray *files;
  /* The walks offered, parallel to the combo row's strings. */
  GPtrArray *walk_uuids;

  GtkWidget *import_button;
  AdwActionRow *files_row;
  AdwComboRow *walk_row;
  GtkSpinButton *distance_spin;
  GtkDropDown *sign_dropdown;
  GtkSpinButton *minutes_spin;
  GtkSpinButton *seconds_spin;
};

G_DEFINE_FINAL_TYPE (SwPhotoImportDialog, sw_photo_import_dialog, ADW_TYPE_WINDOW)

enum
{
  IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_files (SwPhotoImportDialog *self)
{
  guint n_folders = 0, n_files = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < self->files->len; i++)
    {
      if (g_file_query_file_type (self->files->pdata[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        n_folders++;
      else
        n_files++;
    }

  if (self->files->len == 1)
    {
      g_autofree char *name = g_file_get_basename (self->files->pdata[0]);

      subtitle = g_filename_display_name (name);
    }
  else if (n_folders > 0 && n_files > 0)
    {
      g_autofree char *photos = g_strdup_printf (ngettext ("%u photo", "%u photos", n_files), n_files);
      g_autofree char *folders = g_strdup_printf (ngettext ("%u folder", "%u folders", n_folders), n_folders);

      /* Translators: "3 photos and 2 folders". */
      subtitle = g_strdup_printf (_("%s and %s"), photos, folders);
    }
  else if (n_folders > 0)
    subtitle = g_strdup_printf (ngettext ("%u folder", "%u folders", n_folders), n_folders);
  else if (n_files > 0)
    subtitle = g_strdup_printf (ngettext ("%u photo", "%u photos", n_files), n_files);
  else
    subtitle = g_strdup (_("Choose photos or a folder of photos, or drop them on the map"));

  adw_action_row_set_subtitle (self->files_row, subtitle);
  gtk_widget_set_sensitive (self->import_button, self->files->len > 0);
}

static void
update_walk (SwPhotoImportDialog *self)
{
  const char *walk_uuid = sw_photo_import_dialog_get_walk_uuid (self);
  g_autoptr (GVariant) track = NULL;

  if (walk_uuid != NULL)
    track = sw_project_dup_walk_track_points (self->project, walk_uuid);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->walk_row),
                               track != NULL
                               ? _("Photos without a position are placed on this walk’s recorded track by their time")
                               : _("This walk has no recorded track: photos without a position wait under Unplaced Photos"));
}

/* ---------------------------------------------------------------------- */
/* Choosing files                                                         */

static void
on_chooser_response (GtkNativeDialog     *native,
                     int                  response,
                     SwPhotoImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      sw_photo_import_dialog_set_files (self, files);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

static void
choose (SwPhotoImportDialog  *self,
        GtkFileChooserAction  action)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                        ? _("Choose a Folder of Photos")
                                        : _("Choose Photos"),
                                        GTK_WINDOW (self), action, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      g_autoptr (GtkFileFilter) images = gtk_file_filter_new ();

      gtk_file_filter_set_name (images, _("Photos"));
      gtk_file_filter_add_mime_type (images, "image/jpeg");
      gtk_file_filter_add_mime_type (images, "image/png");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), images);
    }

  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
choose_files_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose (SW_PHOTO_IMPORT_DIALOG (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose (SW_PHOTO_IMPORT_DIALOG (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SwPhotoImportDialog *self = SW_PHOTO_IMPORT_DIALOG (widget);

  if (self->files->len == 0)
    return;

  g_signal_emit (self, signals[IMPORT], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------------- */
/* Building                                                               */

static GtkWidget *
suffix_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkSpinButton *
new_spin (double      max,
          const char *accessible_label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return GTK_SPIN_BUTTON (spin);
}

static void
build (SwPhotoImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *photos_group = adw_preferences_group_new ();
  GtkWidget *placing_group = adw_preferences_group_new ();
  GtkWidget *files_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button;
  GtkWidget *distance_row = adw_action_row_new ();
  GtkWidget *clock_row = adw_action_row_new ();
  const char *signs[] = { "+", "−", NULL };

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->import_button), "import-dialog.import");
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (box), header);

  /* Photos */
  self->files_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->files_row), _("Photos"));
  gtk_widget_set_valign (files_buttons, GTK_ALIGN_CENTER);
  button = gtk_button_new_with_mnemonic (_("Choose _Photos…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "import-dialog.choose-files");
  gtk_box_append (GTK_BOX (files_buttons), button);
  button = gtk_button_new_with_mnemonic (_("Choose _Folder…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "import-dialog.choose-folder");
  gtk_box_append (GTK_BOX (files_buttons), button);
  adw_action_row_add_suffix (self->files_row, files_buttons);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (photos_group), GTK_WIDGET (self->files_row));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (photos_group),
                                         _("A photo with a position becomes a finding where it was taken. "
                                           "The same photo imported again is recognised and skipped."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (photos_group));

  /* Placing */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (placing_group), _("Placing"));
  self->walk_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->walk_row), _("_Walk"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->walk_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (placing_group), GTK_WIDGET (self->walk_row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (distance_row), _("_Join Distance"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (distance_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (distance_row),
                               _("A photo taken this close to a finding of the walk joins it"));
  self->distance_spin = new_spin (MAX_JOIN_DISTANCE, _("Join distance in metres"));
  gtk_spin_button_set_value (self->distance_spin, DEFAULT_JOIN_DISTANCE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (distance_row), GTK_WIDGET (self->distance_spin));
  /* Translators: metres, after a number. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (distance_row), suffix_label (_("m")));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (distance_row), GTK_WIDGET (self->distance_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (placing_group), distance_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (clock_row), _("Camera _Clock Offset"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (clock_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (clock_row),
                               _("Added to each photo’s time: +3 min for a camera 3 minutes slow"));
  self->sign_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (signs));
  gtk_widget_set_valign (GTK_WIDGET (self->sign_dropdown), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sign_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add or subtract the offset"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (clock_row), GTK_WIDGET (self->sign_dropdown));
  self->minutes_spin = new_spin (MAX_OFFSET_MINUTES, _("Minutes"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (clock_row), GTK_WIDGET (self->minutes_spin));
  /* Translators: minutes, after a number. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (clock_row), suffix_label (_("min")));
  self->seconds_spin = new_spin (59, _("Seconds"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (clock_row), GTK_WIDGET (self->seconds_spin));
  /* Translators: seconds, after a number. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (clock_row), suffix_label (_("s")));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (clock_row), GTK_WIDGET (self->minutes_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (placing_group), clock_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (placing_group));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
sw_photo_import_dialog_dispose (GObject *object)
{
  SwPhotoImportDialog *self = SW_PHOTO_IMPORT_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->walk_uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (sw_photo_import_dialog_parent_class)->dispose (object);
}

static void
sw_photo_import_dialog_class_init (SwPhotoImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_photo_import_dialog_dispose;

  signals[IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "import-dialog.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import-dialog.choose-files", NULL, choose_files_action);
  gtk_widget_class_install_action (widget_class, "import-dialog.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sw_photo_import_dialog_init (SwPhotoImportDialog *self)
{
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->walk_uuids = g_ptr_array_new_with_free_func (g_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Import Photos"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 600);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  build (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
  g_signal_connect_swapped (self->walk_row, "notify::selected", G_CALLBACK (update_walk), self);
}

SwPhotoImportDialog *
sw_photo_import_dialog_new (GtkWindow  *parent,
                            SwProject  *project,
                            const char *walk_uuid)
{
  SwPhotoImportDialog *self;
  g_autoptr (GtkStringList) titles = gtk_string_list_new (NULL);
  GListModel *walks;

  g_return_val_if_fail (SW_IS_PROJECT (project), NULL);

  self = g_object_new (SW_TYPE_PHOTO_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);

  walks = sw_project_get_walks (project);
  for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
    {
      g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);
      const char *title = sw_walk_get_title (walk);

      gtk_string_list_append (titles, title != NULL && *title != '\0' ? title : _("Untitled Walk"));
      g_ptr_array_add (self->walk_uuids, g_strdup (sw_feature_get_uuid (SW_FEATURE (walk))));
    }
  if (self->walk_uuids->len == 0)
    gtk_string_list_append (titles, _("A new walk"));
  adw_combo_row_set_model (self->walk_row, G_LIST_MODEL (titles));

  sw_photo_import_dialog_set_walk_uuid (self, walk_uuid);
  update_walk (self);
  update_files (self);

  return self;
}

GPtrArray *
sw_photo_import_dialog_get_files (SwPhotoImportDialog *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_IMPORT_DIALOG (self), NULL);

  return self->files;
}

void
sw_photo_import_dialog_set_files (SwPhotoImportDialog *self,
                                  GPtrArray           *files)
{
  g_return_if_fail (SW_IS_PHOTO_IMPORT_DIALOG (self));
  g_return_if_fail (files != NULL);

  g_ptr_array_set_size (self->files, 0);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (self->files, g_object_ref (files->pdata[i]));
  update_files (self);
}

const char *
sw_photo_import_dialog_get_walk_uuid (SwPhotoImportDialog *self)
{
  guint selected;

  g_return_val_if_fail (SW_IS_PHOTO_IMPORT_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->walk_row);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->walk_uuids->len)
    return NULL;
  return self->walk_uuids->pdata[selected];
}

void
sw_photo_import_dialog_set_walk_uuid (SwPhotoImportDialog *self,
                                      const char          *walk_uuid)
{
  g_return_if_fail (SW_IS_PHOTO_IMPORT_DIALOG (self));

  for (guint i = 0; i < self->walk_uuids->len; i++)
    if (g_strcmp0 (self->walk_uuids->pdata[i], walk_uuid) == 0)
      {
        adw_combo_row_set_selected (self->walk_row, i);
        return;
      }
}

double
sw_photo_import_dialog_get_join_distance (SwPhotoImportDialog *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_IMPORT_DIALOG (self), DEFAULT_JOIN_DISTANCE);

  return gtk_spin_button_get_value (self->distance_spin);
}

void
sw_photo_import_dialog_set_join_distance (SwPhotoImportDialog *self,
                                          double               metres)
{
  g_return_if_fail (SW_IS_PHOTO_IMPORT_DIALOG (self));

  gtk_spin_button_set_value (self->distance_spin, metres);
}

GTimeSpan
sw_photo_import_dialog_get_clock_offset (SwPhotoImportDialog *self)
{
  GTimeSpan magnitude;

  g_return_val_if_fail (SW_IS_PHOTO_IMPORT_DIALOG (self), 0);

  magnitude = (gtk_spin_button_get_value_as_int (self->minutes_spin) * 60
               + gtk_spin_button_get_value_as_int (self->seconds_spin)) * G_TIME_SPAN_SECOND;
  return gtk_drop_down_get_selected (self->sign_dropdown) == 1 ? -magnitude : magnitude;
}

void
sw_photo_import_dialog_set_clock_offset (SwPhotoImportDialog *self,
                                         GTimeSpan            offset)
{
  gint64 seconds;

  g_return_if_fail (SW_IS_PHOTO_IMPORT_DIALOG (self));

  seconds = ABS (offset) / G_TIME_SPAN_SECOND;
  gtk_drop_down_set_selected (self->sign_dropdown, offset < 0 ? 1 : 0);
  gtk_spin_button_set_value (self->minutes_spin, (double) (seconds / 60));
  gtk_spin_button_set_value (self->seconds_spin, (double) (seconds % 60));
}
