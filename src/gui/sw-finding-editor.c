/* A finding in the sidebar. Each change is one edit and one undo step: a
 * click on a category or a severity at once, the note after a pause in the
 * typing or when it loses the focus, so that undo takes back a burst of
 * typing rather than a key. */
#define G_LOG_DOMAIN "sw-finding-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sw-finding-editor.h"
#include "sw-measure-list.h"
#include "sw-photo-image.h"
#include "sw-photo-import.h"
#include "sw-photo-strip.h"
#include "sw-photo-viewer.h"
#include "sw-vocabulary.h"
#include "sw-window.h"

/* A pause this long in the typing saves the note. */
#define NOTE_SAVE_DELAY_MS 1000

struct _SwFindingEditor
{
  GtkWidget parent_instance;

  SwProject *project;
  SwFinding *finding;
  GCancellable *cancellable;
  guint note_timeout_id;
  guint n_busy;
  gboolean updating;

  GtkStringList *category_keys;
  GtkWidget *more_category_checks[32];
  GtkWidget *severity_buttons[3];
  GtkWidget *light_buttons[2];
  GtkWidget *unsafe_for_checks[16];

  GtkLabel *heading_label;
  GtkScrolledWindow *scroller;
  AdwComboRow *category_row;
  SwMeasureList *measure_list;
  AdwExpanderRow *more_categories_row;
  GtkImage *category_badge;
  AdwPreferencesGroup *severity_group;
  GtkBox *severity_box;
  GtkBox *light_box;
  AdwPreferencesGroup *unsafe_for_group;
  GtkTextView *note_view;
  GtkCheckButton *note_internal_check;
  SwPhotoStrip *photo_strip;
  GtkRevealer *progress_revealer;
};

G_DEFINE_FINAL_TYPE (SwFindingEditor, sw_finding_editor, GTK_TYPE_WIDGET)

enum
{
  CLOSE_REQUESTED,
  PHOTOS_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report_error (SwFindingEditor *self,
              const char      *heading,
              GError          *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), SW_TYPE_WINDOW);

  if (window != NULL)
    sw_window_show_error (SW_WINDOW (window), heading, error->message);
  else
    g_warning ("%s: %s", heading, error->message);
}

static void
edit (SwFindingEditor *self,
      const char      *first_property_name,
      ...) G_GNUC_NULL_TERMINATED;

/* One edit of the finding; the widgets follow from the finding's notify. */
static void
edit (SwFindingEditor *self,
      const char      *first_property_name,
      ...)
{
  g_autoptr (SwFeature) copy = NULL;
  g_autoptr (GError) error = NULL;
  va_list args;

  if (self->project == NULL || self->finding == NULL || self->updating)
    return;

  copy = sw_feature_copy (SW_FEATURE (self->finding));
  va_start (args, first_property_name);
  g_object_set_valist (G_OBJECT (copy), first_property_name, args);
  va_end (args);

  if (!sw_project_update (self->project, copy, &error))
    {
      report_error (self, _("Could Not Change the Finding"), error);
      /* Show the finding as it is, not as the refused edit wanted. */
      g_object_notify (G_OBJECT (self->finding), "category");
    }
}

/* ---------------------------------------------------------------------- */
/* Key lists stored as "a,b,c"                                            */

static gboolean
list_has (const char *list,
          const char *key)
{
  g_auto (GStrv) keys = NULL;

  if (list == NULL || *list == '\0')
    return FALSE;
  keys = g_strsplit (list, ",", -1);
  return g_strv_contains ((const char *const *) keys, key);
}

/* The keys of @vocabulary that are in @list or are @add, without @remove,
 * in the vocabulary's order, after @first; NULL when empty. */
static char *
compose_list (SwVocabulary  vocabulary,
              const char   *first,
              const char   *list,
              const char   *add,
              const char   *remove)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) keys = NULL;
  const SwTerm *terms;
  guint n_terms;

  if (first != NULL)
    g_strv_builder_add (builder, first);

  terms = sw_vocabulary_get_terms (vocabulary, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      const char *key = terms[i].key;

      if (g_strcmp0 (key, first) == 0 || g_strcmp0 (key, remove) == 0)
        continue;
      if (list_has (list, key) || g_strcmp0 (key, add) == 0)
        g_strv_builder_add (builder, key);
    }

  keys = g_strv_builder_end (builder);
  return keys[0] != NULL ? g_strjoinv (",", keys) : NULL;
}

/* ---------------------------------------------------------------------- */
/* From the finding to the widgets                                        */

static void
update_category_badge (SwFindingEditor *self,
                       const char      *category)
{
  const SwTerm *term = sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, category);
  GtkWidget *badge = GTK_WIDGET (self->category_badge);
  char *old_class = g_object_get_data (G_OBJECT (badge), "category-class");
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (badge));

  if (old_class != NULL)
    gtk_widget_remove_css_class (badge, old_class);
  g_object_set_data_full (G_OBJECT (badge), "category-class",
                          term != NULL ? g_strdup_printf ("category-%s", term->key) : NULL, g_free);
  if (term != NULL)
    gtk_widget_add_css_class (badge, g_object_get_data (G_OBJECT (badge), "category-class"));

  /* The icons come with the layers; until then the colour tells. */
  if (term != NULL && term->icon_name != NULL && gtk_icon_theme_has_icon (theme, term->icon_name))
    gtk_image_set_from_icon_name (self->category_badge, term->icon_name);
  else
    gtk_image_clear (self->category_badge);
  gtk_widget_set_visible (badge, term != NULL);

  gtk_label_set_label (self->heading_label,
                       term != NULL ? sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, term->key) : _("New Finding"));
}

static void
update_widgets (SwFindingEditor *self)
{
  const char *category = NULL;
  const char *categories = NULL;
  const char *light = NULL;
  const char *unsafe_for = NULL;
  gboolean note_internal = FALSE;
  int severity = 0;
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n_terms;
  const SwTerm *terms;
  guint n_extra = 0;

  if (self->finding != NULL)
    {
      category = sw_finding_get_category (self->finding);
      categories = sw_finding_get_categories (self->finding);
      light = sw_finding_get_light (self->finding);
      unsafe_for = sw_finding_get_unsafe_for (self->finding);
      severity = sw_finding_get_severity (self->finding);
      note_internal = sw_finding_get_note_internal (self->finding);
    }

  self->updating = TRUE;

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      gboolean is_main = g_strcmp0 (terms[i].key, category) == 0;
      gboolean extra = !is_main && list_has (categories, terms[i].key);

      if (is_main)
        selected = i;
      if (i < G_N_ELEMENTS (self->more_category_checks))
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (self->more_category_checks[i]), extra);
          gtk_widget_set_sensitive (gtk_widget_get_ancestor (self->more_category_checks[i], ADW_TYPE_ACTION_ROW),
                                    category != NULL && !is_main);
        }
      if (extra)
        n_extra++;
    }
  adw_combo_row_set_selected (self->category_row, selected);
  update_category_badge (self, category);
  gtk_widget_set_sensitive (GTK_WIDGET (self->more_categories_row), category != NULL);
  if (n_extra > 0)
    {
      g_autofree char *subtitle = NULL;

      /* Translators: under "Further Categories", how many are chosen. */
      subtitle = g_strdup_printf (ngettext ("%u chosen", "%u chosen", n_extra), n_extra);
      adw_expander_row_set_subtitle (self->more_categories_row, subtitle);
    }
  else
    adw_expander_row_set_subtitle (self->more_categories_row, "");

  /* A safe and pleasant place has no severity. */
  gtk_widget_set_visible (GTK_WIDGET (self->severity_group), g_strcmp0 (category, "positive") != 0);
  for (int i = 0; i < 3; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->severity_buttons[i]), severity == i + 1);

  for (int i = 0; i < 2; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->light_buttons[i]),
                                  g_strcmp0 (light, g_object_get_data (G_OBJECT (self->light_buttons[i]), "key")) == 0);

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_UNSAFE_FOR, &n_terms);
  for (guint i = 0; i < n_terms && i < G_N_ELEMENTS (self->unsafe_for_checks); i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->unsafe_for_checks[i]), list_has (unsafe_for, terms[i].key));

  gtk_check_button_set_active (self->note_internal_check, note_internal);

  self->updating = FALSE;
}

static void
update_note (SwFindingEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  const char *note = self->finding != NULL ? sw_finding_get_note (self->finding) : NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  /* The text being typed stays; it is saved in a moment. */
  if (self->note_timeout_id != 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, note != NULL ? note : "") == 0)
    return;

  self->updating = TRUE;
  gtk_text_buffer_set_text (buffer, note != NULL ? note : "", -1);
  self->updating = FALSE;
}

static void
update_photos (SwFindingEditor *self)
{
  g_autoptr (GPtrArray) photos = NULL;

  if (self->project != NULL && self->finding != NULL)
    photos = sw_project_list_finding_photos (self->project, self->finding);

  sw_photo_strip_set_photos (self->photo_strip, photos);
}

static void
on_finding_notify (SwFindingEditor *self,
                   GParamSpec      *pspec)
{
  update_widgets (self);
  update_note (self);
}

/* An undo may take the finding away, or bring back its photos. */
static void
on_project_changed (SwFindingEditor *self)
{
  if (self->finding != NULL
      && sw_project_lookup (self->project, SW_KIND_FINDING,
                            sw_feature_get_uuid (SW_FEATURE (self->finding))) != SW_FEATURE (self->finding))
    {
      g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
      return;
    }

  update_photos (self);
}

/* ---------------------------------------------------------------------- */
/* From the widgets to the finding                                        */

static void
on_category_selected (SwFindingEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);
  const char *key;
  g_autofree char *categories = NULL;
  int severity;

  if (self->updating || self->finding == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  key = gtk_string_list_get_string (self->category_keys, selected);
  if (g_strcmp0 (key, sw_finding_get_category (self->finding)) == 0)
    return;

  /* The main category goes first; the further ones keep their place. */
  categories = compose_list (SW_VOCABULARY_CATEGORY, key, sw_finding_get_categories (self->finding),
                             NULL, sw_finding_get_category (self->finding));
  severity = g_strcmp0 (key, "positive") == 0 ? 0 : sw_finding_get_severity (self->finding);
  edit (self, "category", key, "categories", categories, "severity", severity, NULL);
}

static void
on_more_category_toggled (GtkCheckButton  *check,
                          SwFindingEditor *self)
{
  const char *key = g_object_get_data (G_OBJECT (check), "key");
  const char *category;
  g_autofree char *categories = NULL;

  if (self->updating || self->finding == NULL)
    return;

  category = sw_finding_get_category (self->finding);
  if (category == NULL)
    return;

  categories = compose_list (SW_VOCABULARY_CATEGORY, category, sw_finding_get_categories (self->finding),
                             gtk_check_button_get_active (check) ? key : NULL,
                             gtk_check_button_get_active (check) ? NULL : key);
  edit (self, "categories", categories, NULL);
}

static void
on_severity_toggled (GtkToggleButton *button,
                     SwFindingEditor *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  edit (self, "severity", GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "severity")), NULL);
}

static void
on_light_toggled (GtkToggleButton *button,
                  SwFindingEditor *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  edit (self, "light", g_object_get_data (G_OBJECT (button), "key"), NULL);
}

static void
on_unsafe_for_toggled (GtkCheckButton  *check,
                       SwFindingEditor *self)
{
  const char *key = g_object_get_data (G_OBJECT (check), "key");
  g_autofree char *unsafe_for = NULL;

  if (self->updating || self->finding == NULL)
    return;

  unsafe_for = compose_list (SW_VOCABULARY_UNSAFE_FOR, NULL, sw_finding_get_unsafe_for (self->finding),
                             gtk_check_button_get_active (check) ? key : NULL,
                             gtk_check_button_get_active (check) ? NULL : key);
  edit (self, "unsafe-for", unsafe_for, NULL);
}

void
sw_finding_editor_save_note (SwFindingEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *note;

  g_return_if_fail (SW_IS_FINDING_EDITOR (self));

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  if (self->finding == NULL || self->project == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  note = sw_finding_get_note (self->finding);
  if (g_strcmp0 (text, note != NULL ? note : "") == 0)
    return;

  edit (self, "note", *text != '\0' ? text : NULL, NULL);
}

static gboolean
save_note_cb (gpointer user_data)
{
  SwFindingEditor *self = user_data;

  self->note_timeout_id = 0;
  sw_finding_editor_save_note (self);

  return G_SOURCE_REMOVE;
}

static void
on_note_changed (SwFindingEditor *self)
{
  if (self->updating || self->finding == NULL)
    return;

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  self->note_timeout_id = g_timeout_add (NOTE_SAVE_DELAY_MS, save_note_cb, self);
}

static void
on_note_internal_toggled (SwFindingEditor *self)
{
  edit (self, "note-internal", gtk_check_button_get_active (self->note_internal_check), NULL);
}

static void
on_note_focus_left (SwFindingEditor *self)
{
  if (self->note_timeout_id != 0)
    sw_finding_editor_save_note (self);
}

/* ---------------------------------------------------------------------- */
/* Photos: prepared in a thread, stored on the main thread                */

typedef struct
{
  GPtrArray *files;
  guint max_edge;
  GPtrArray *photos;
  GPtrArray *problems;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_clear_pointer (&data->photos, g_ptr_array_unref);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data);
}

static char *
dup_file_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL ? g_filename_display_name (basename) : g_file_get_parse_name (file);
}

/* Touches no project: GDAL and the project's handle stay on the main
 * thread; sw_photo_image_* are safe in any thread. */
static void
prepare_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PrepareData *data = task_data;

  for (guint i = 0; i < data->files->len; i++)
    {
      GFile *file = g_ptr_array_index (data->files, i);
      g_autofree char *name = dup_file_name (file);
      g_autoptr (GError) error = NULL;
      g_autoptr (SwPreparedPhoto) prepared = NULL;
      SwPhoto *photo;

      if (g_task_return_error_if_cancelled (task))
        return;

      /* The same preparing as Import Photos, source hash included, so that
       * a photo added twice is recognised. */
      prepared = sw_prepared_photo_new_from_file (file, data->max_edge, cancellable, &error);
      if (prepared == NULL)
        {
          /* Translators: a photo that was not added; the first %s is the
           * file's name, the second why. */
          g_ptr_array_add (data->problems, g_strdup_printf (_("“%s” was not added: %s"), name, error->message));
          continue;
        }

      photo = sw_prepared_photo_to_photo (prepared);
      g_object_set_data_full (G_OBJECT (photo), "sw-file-name", g_steal_pointer (&name), g_free);
      g_ptr_array_add (data->photos, photo);
    }

  g_task_return_boolean (task, TRUE);
}

void
sw_finding_editor_prepare_photos_async (GPtrArray           *files,
                                        guint                max_edge,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  PrepareData *data;

  g_return_if_fail (files != NULL);

  data = g_new0 (PrepareData, 1);
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (data->files, g_object_ref (g_ptr_array_index (files, i)));
  data->max_edge = max_edge;
  data->photos = g_ptr_array_new_with_free_func (g_object_unref);
  data->problems = g_ptr_array_new_with_free_func (g_free);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sw_finding_editor_prepare_photos_async);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_in_thread);
}

GPtrArray *
sw_finding_editor_prepare_photos_finish (GAsyncResult  *result,
                                         GPtrArray    **problems,
                                         GError       **error)
{
  PrepareData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (problems != NULL)
    *problems = g_ptr_array_ref (data->problems);
  return g_ptr_array_ref (data->photos);
}

void
sw_finding_editor_drop_duplicate_photos (SwProject *project,
                                         GPtrArray *photos,
                                         GPtrArray *problems)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (SW_IS_PROJECT (project));
  g_return_if_fail (photos != NULL);

  for (guint i = 0; i < photos->len;)
    {
      SwPhoto *photo = g_ptr_array_index (photos, i);
      const char *sha256 = sw_photo_get_source_sha256 (photo);
      const char *name = g_object_get_data (G_OBJECT (photo), "sw-file-name");

      if (sha256 == NULL ||
          (sw_project_find_photo_by_source (project, sha256) == NULL && !g_hash_table_contains (seen, sha256)))
        {
          if (sha256 != NULL)
            g_hash_table_add (seen, (gpointer) sha256);
          i++;
          continue;
        }

      if (problems != NULL)
        /* Translators: %s is a photo's file name. */
        g_ptr_array_add (problems, g_strdup_printf (_("“%s” is already in the project and was not added again"),
                                                    name != NULL ? name : "?"));
      g_ptr_array_remove_index (photos, i);
    }
}

void
sw_finding_editor_report_photo_problems (GtkWidget *widget,
                                         GPtrArray *problems)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, SW_TYPE_WINDOW);

  if (problems == NULL)
    return;

  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);

      if (window != NULL)
        {
          AdwToast *toast = adw_toast_new (problem);

          adw_toast_set_timeout (toast, 10);
          sw_window_add_toast (SW_WINDOW (window), toast);
        }
      else
        g_message ("%s", problem);
    }
}

static guint
get_max_edge (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  return g_settings_get_uint (settings, "photo-max-edge");
}

static void
update_busy (SwFindingEditor *self)
{
  /* Photos may come back after the editor was taken down. */
  if (self->progress_revealer != NULL)
    gtk_revealer_set_reveal_child (self->progress_revealer, self->n_busy > 0);
}

typedef struct
{
  SwFindingEditor *editor;
  char *finding_uuid;
} AddPhotos;

static void
add_photos_free (AddPhotos *add)
{
  g_clear_object (&add->editor);
  g_clear_pointer (&add->finding_uuid, g_free);
  g_free (add);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddPhotos, add_photos_free)

static void
on_photos_prepared (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (AddPhotos) add = user_data;
  SwFindingEditor *self = add->editor;
  const char *finding_uuid = add->finding_uuid;
  g_autoptr (GPtrArray) photos = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) added = NULL;
  g_autoptr (GPtrArray) existing = NULL;
  g_autoptr (GError) error = NULL;
  SwFeature *finding;

  self->n_busy--;
  update_busy (self);

  photos = sw_finding_editor_prepare_photos_finish (result, &problems, &error);
  if (photos == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_error (self, _("Could Not Add the Photos"), error);
      return;
    }

  if (self->project != NULL)
    sw_finding_editor_drop_duplicate_photos (self->project, photos, problems);
  sw_finding_editor_report_photo_problems (GTK_WIDGET (self), problems);

  /* The finding may have gone meanwhile, by undo or on another window. */
  finding = self->project != NULL ? sw_project_lookup (self->project, SW_KIND_FINDING, finding_uuid) : NULL;
  if (finding == NULL || photos->len == 0)
    return;

  existing = sw_project_list_finding_photos (self->project, SW_FINDING (finding));
  for (guint i = 0; i < photos->len; i++)
    {
      SwPhoto *photo = g_ptr_array_index (photos, i);

      sw_photo_set_finding_uuid (photo, finding_uuid);
      sw_photo_set_position (photo, (int) (existing->len + i));
    }

  added = sw_project_add_many (self->project, photos,
                               ngettext ("Add Photo", "Add Photos", photos->len), &error);
  if (added == NULL)
    {
      report_error (self, _("Could Not Add the Photos"), error);
      return;
    }

  g_signal_emit (self, signals[PHOTOS_ADDED], 0, added->len);
}

void
sw_finding_editor_add_photo_files (SwFindingEditor *self,
                                   GPtrArray       *files)
{
  AddPhotos *add;

  g_return_if_fail (SW_IS_FINDING_EDITOR (self));
  g_return_if_fail (files != NULL);

  if (self->finding == NULL || files->len == 0)
    return;

  self->n_busy++;
  update_busy (self);

  /* The uuid finds the finding again when the photos are ready. */
  add = g_new0 (AddPhotos, 1);
  add->editor = g_object_ref (self);
  add->finding_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (self->finding)));
  sw_finding_editor_prepare_photos_async (files, get_max_edge (), self->cancellable,
                                          on_photos_prepared, add);
}

gboolean
sw_finding_editor_is_busy (SwFindingEditor *self)
{
  g_return_val_if_fail (SW_IS_FINDING_EDITOR (self), FALSE);

  return self->n_busy > 0;
}

static void
on_add_photos_response (GtkNativeDialog *native,
                        int              response,
                        SwFindingEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      sw_finding_editor_add_photo_files (self, files);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

static void
add_photos_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SwFindingEditor *self = SW_FINDING_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) images = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  if (self->finding == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Add Photos"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Add"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  gtk_file_filter_set_name (images, _("Photos (JPEG, PNG)"));
  gtk_file_filter_add_mime_type (images, "image/jpeg");
  gtk_file_filter_add_mime_type (images, "image/png");
  gtk_file_filter_add_suffix (images, "jpg");
  gtk_file_filter_add_suffix (images, "jpeg");
  gtk_file_filter_add_suffix (images, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), images);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  g_signal_connect (native, "response", G_CALLBACK (on_add_photos_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static gboolean
on_drop (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         SwFindingEditor *self)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *list;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->finding == NULL)
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  g_slist_free (list);

  sw_finding_editor_add_photo_files (self, files);
  return files->len > 0;
}

/* ---------------------------------------------------------------------- */
/* The strip's requests                                                   */

static void
on_photo_activated (SwFindingEditor *self,
                    SwPhoto         *photo)
{
  g_autoptr (GPtrArray) photos = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  SwPhotoViewer *viewer;
  guint index = 0;

  if (self->project == NULL || self->finding == NULL)
    return;

  photos = sw_project_list_finding_photos (self->project, self->finding);
  if (!g_ptr_array_find (photos, photo, &index))
    return;

  viewer = sw_photo_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->project, photos, index);
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
on_photo_remove_requested (SwFindingEditor *self,
                           SwPhoto         *photo)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *window;

  if (self->project == NULL)
    return;

  if (!sw_project_remove (self->project, SW_FEATURE (photo), &error))
    {
      report_error (self, _("Could Not Remove the Photo"), error);
      return;
    }

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), SW_TYPE_WINDOW);
  if (window != NULL)
    {
      AdwToast *toast = adw_toast_new (_("Photo removed"));

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      sw_window_add_toast (SW_WINDOW (window), toast);
    }
}

/* Moves @photo to @new_index; the photos' positions are renumbered 0, 1, …
 * as one undo step. */
static void
on_photo_move_requested (SwFindingEditor *self,
                         SwPhoto         *photo,
                         int              new_index)
{
  g_autoptr (GPtrArray) photos = NULL;
  g_autoptr (GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  guint index;

  if (self->project == NULL || self->finding == NULL)
    return;

  photos = sw_project_list_finding_photos (self->project, self->finding);
  if (!g_ptr_array_find (photos, photo, &index) || new_index < 0 || (guint) new_index >= photos->len)
    return;

  g_ptr_array_steal_index (photos, index);
  g_ptr_array_insert (photos, new_index, photo);

  for (guint i = 0; i < photos->len; i++)
    {
      SwPhoto *listed = g_ptr_array_index (photos, i);
      SwFeature *copy;

      if (sw_photo_get_position (listed) == (int) i)
        continue;
      copy = sw_feature_copy (SW_FEATURE (listed));
      sw_photo_set_position (SW_PHOTO (copy), (int) i);
      g_ptr_array_add (changed, copy);
    }

  if (changed->len > 0 && !sw_project_update_many (self->project, changed, _("Reorder Photos"), &error))
    report_error (self, _("Could Not Reorder the Photos"), error);

  /* The moved photo keeps the focus, for the next Alt+arrow. */
  {
    GtkWidget *thumbnail = sw_photo_strip_get_thumbnail (self->photo_strip, new_index);

    if (thumbnail != NULL)
      gtk_widget_grab_focus (thumbnail);
  }
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SwFindingEditor *self = SW_FINDING_EDITOR (widget);

  sw_finding_editor_save_note (self);
  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

/* ---------------------------------------------------------------------- */
/* Setting up                                                             */

static void
setup_category_item (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     SwFindingEditor          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *badge = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_image_set_pixel_size (GTK_IMAGE (badge), 14);
  gtk_widget_add_css_class (badge, "category-badge");
  gtk_widget_add_css_class (badge, "small");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_category_item (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    SwFindingEditor          *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *badge = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (badge);
  const char *key = gtk_string_object_get_string (gtk_list_item_get_item (list_item));
  const SwTerm *term = sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, key);
  char *old_class = g_object_get_data (G_OBJECT (badge), "category-class");
  g_autofree char *css_class = g_strdup_printf ("category-%s", key);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (badge));

  if (old_class != NULL)
    gtk_widget_remove_css_class (badge, old_class);
  gtk_widget_add_css_class (badge, css_class);
  g_object_set_data_full (G_OBJECT (badge), "category-class", g_steal_pointer (&css_class), g_free);

  /* The icons come with the layers; until then the colour tells. */
  if (term != NULL && term->icon_name != NULL && gtk_icon_theme_has_icon (theme, term->icon_name))
    gtk_image_set_from_icon_name (GTK_IMAGE (badge), term->icon_name);
  else
    gtk_image_clear (GTK_IMAGE (badge));

  gtk_label_set_label (GTK_LABEL (label), sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, key));
}

/* The combo row's subtitle: the chosen category in words. */
static char *
dup_category_label (GtkStringObject *item)
{
  return g_strdup (sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, gtk_string_object_get_string (item)));
}

static GtkWidget *
add_check_row (AdwPreferencesRow *parent_row,
               AdwPreferencesGroup *group,
               const char        *title,
               const char        *key)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (check), "key", (gpointer) key);

  if (parent_row != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent_row), row);
  else
    adw_preferences_group_add (group, row);

  return check;
}

static void
build_choices (SwFindingEditor *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  const SwTerm *terms;
  guint n_terms;
  GtkWidget *group = NULL;

  self->category_keys = gtk_string_list_new (NULL);
  terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n_terms);
  g_assert (n_terms <= G_N_ELEMENTS (self->more_category_checks));
  for (guint i = 0; i < n_terms; i++)
    {
      gtk_string_list_append (self->category_keys, terms[i].key);
      self->more_category_checks[i] = add_check_row (ADW_PREFERENCES_ROW (self->more_categories_row), NULL,
                                                     sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, terms[i].key),
                                                     terms[i].key);
      g_signal_connect (self->more_category_checks[i], "toggled", G_CALLBACK (on_more_category_toggled), self);
    }

  g_signal_connect (factory, "setup", G_CALLBACK (setup_category_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_category_item), self);
  self->updating = TRUE;
  adw_combo_row_set_expression (self->category_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (dup_category_label), NULL, NULL));
  adw_combo_row_set_factory (self->category_row, factory);
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (self->category_keys));
  adw_combo_row_set_selected (self->category_row, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_SEVERITY, &n_terms);
  g_assert (n_terms == G_N_ELEMENTS (self->severity_buttons));
  for (guint i = 0; i < n_terms; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, terms[i].key));

      g_object_set_data (G_OBJECT (button), "severity", GINT_TO_POINTER (atoi (terms[i].key)));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      group = button;
      g_signal_connect (button, "toggled", G_CALLBACK (on_severity_toggled), self);
      gtk_box_append (self->severity_box, button);
      self->severity_buttons[i] = button;
    }

  group = NULL;
  terms = sw_vocabulary_get_terms (SW_VOCABULARY_LIGHT, &n_terms);
  g_assert (n_terms == G_N_ELEMENTS (self->light_buttons));
  for (guint i = 0; i < n_terms; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), sw_vocabulary_get_label (SW_VOCABULARY_LIGHT, terms[i].key));
      if (terms[i].icon_name != NULL)
        adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), terms[i].icon_name);
      gtk_button_set_child (GTK_BUTTON (button), content);
      g_object_set_data (G_OBJECT (button), "key", (gpointer) terms[i].key);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      group = button;
      g_signal_connect (button, "toggled", G_CALLBACK (on_light_toggled), self);
      gtk_box_append (self->light_box, button);
      self->light_buttons[i] = button;
    }

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_UNSAFE_FOR, &n_terms);
  g_assert (n_terms <= G_N_ELEMENTS (self->unsafe_for_checks));
  for (guint i = 0; i < n_terms; i++)
    {
      self->unsafe_for_checks[i] = add_check_row (NULL, self->unsafe_for_group,
                                                  sw_vocabulary_get_label (SW_VOCABULARY_UNSAFE_FOR, terms[i].key),
                                                  terms[i].key);
      g_signal_connect (self->unsafe_for_checks[i], "toggled", G_CALLBACK (on_unsafe_for_toggled), self);
    }
}

static void
sw_finding_editor_dispose (GObject *object)
{
  SwFindingEditor *self = SW_FINDING_EDITOR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  sw_finding_editor_set_finding (self, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_FINDING_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sw_finding_editor_parent_class)->dispose (object);
}

static void
sw_finding_editor_finalize (GObject *object)
{
  SwFindingEditor *self = SW_FINDING_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->category_keys);

  G_OBJECT_CLASS (sw_finding_editor_parent_class)->finalize (object);
}

static void
sw_finding_editor_class_init (SwFindingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_finding_editor_dispose;
  object_class->finalize = sw_finding_editor_finalize;

  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PHOTOS_ADDED] =
    g_signal_new ("photos-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (SW_TYPE_PHOTO_STRIP);
  g_type_ensure (SW_TYPE_MEASURE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-finding-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, measure_list);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, more_categories_row);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, category_badge);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, severity_group);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, severity_box);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, light_box);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, unsafe_for_group);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, note_view);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, note_internal_check);
  gtk_widget_class_bind_template_callback (widget_class, on_note_internal_toggled);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, photo_strip);
  gtk_widget_class_bind_template_child (widget_class, SwFindingEditor, progress_revealer);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_photo_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_photo_remove_requested);
  gtk_widget_class_bind_template_callback (widget_class, on_photo_move_requested);

  gtk_widget_class_install_action (widget_class, "editor.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "editor.add-photos", NULL, add_photos_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.close", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sw_finding_editor_init (SwFindingEditor *self)
{
  GtkEventController *focus;
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  build_choices (self);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (on_note_changed), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_note_focus_left), self);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), focus);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

GtkWidget *
sw_finding_editor_new (void)
{
  return g_object_new (SW_TYPE_FINDING_EDITOR, NULL);
}

/* Shows @finding (a listed object of @project), or nothing. A note still
 * being typed for the previous finding is saved first. */
void
sw_finding_editor_set_finding (SwFindingEditor *self,
                               SwProject       *project,
                               SwFinding       *finding)
{
  g_return_if_fail (SW_IS_FINDING_EDITOR (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));
  g_return_if_fail (finding == NULL || SW_IS_FINDING (finding));

  if (self->finding != NULL && self->project != NULL)
    sw_finding_editor_save_note (self);
  g_clear_handle_id (&self->note_timeout_id, g_source_remove);

  if (self->finding != NULL)
    g_signal_handlers_disconnect_by_func (self->finding, on_finding_notify, self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);

  g_set_object (&self->project, project);
  if (g_set_object (&self->finding, finding))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

      /* Another finding is read from its top. */
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
    }

  if (self->finding != NULL)
    g_signal_connect_object (self->finding, "notify", G_CALLBACK (on_finding_notify), self,
                             G_CONNECT_SWAPPED);
  if (self->project != NULL)
    g_signal_connect_object (self->project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);

  /* A project opened for looking only is shown, not changed. */
  gtk_widget_set_sensitive (gtk_scrolled_window_get_child (self->scroller),
                            self->project == NULL || !sw_project_is_read_only (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-photos",
                                 self->project != NULL && !sw_project_is_read_only (self->project));

  update_widgets (self);
  update_note (self);
  update_photos (self);
  sw_measure_list_set_feature (self->measure_list, self->project, SW_FEATURE (self->finding));
}

/* Puts the keyboard on the category, the first thing to choose. */
void
sw_finding_editor_focus_category (SwFindingEditor *self)
{
  g_return_if_fail (SW_IS_FINDING_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->category_row));
}

SwFinding *
sw_finding_editor_get_finding (SwFindingEditor *self)
{
  g_return_val_if_fail (SW_IS_FINDING_EDITOR (self), NULL);

  return self->finding;
}
