/* Import Photos at work: files are found and prepared in worker threads
 * while the bar shows how far it has come; the prepared photos are stored
 * as one edit only when all are ready, so Cancel leaves nothing behind. */
#define G_LOG_DOMAIN "sw-photo-import-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sw-photo-import-bar.h"
#include "sw-window.h"

#define POLL_MS           100
/* Long enough for the bar to say it is storing before the store blocks. */
#define STORE_DELAY_MS    60
#define TOAST_SECONDS     10
#define MAX_FAILURES_LISTED 15

/* Shared by the bar and the worker thread; counters are atomic. */
typedef struct
{
  GPtrArray *files;
  guint max_edge;
  GPtrArray *failures;
  int n_done;
  int n_total;
} ImportJob;

static void
import_job_clear (ImportJob *job)
{
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->failures, g_ptr_array_unref);
}

static void
import_job_unref (ImportJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) import_job_clear);
}

struct _SwPhotoImportBar
{
  GtkWidget parent_instance;

  GtkRevealer *revealer;
  GtkLabel *label;
  GtkProgressBar *progress;
  GtkButton *cancel_button;

  SwProject *project;
  char *walk_uuid;
  double join_distance;
  GTimeSpan clock_offset;
  GCancellable *cancellable;
  ImportJob *job;
  GPtrArray *pending;
  guint poll_id;
  guint store_id;

  guint counts[SW_PHOTO_IMPORT_DUPLICATE + 1];
  GPtrArray *failures;
  char *summary;
};

G_DEFINE_FINAL_TYPE (SwPhotoImportBar, sw_photo_import_bar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* The worker                                                             */

static void
on_progress (guint    n_done,
             guint    n_total,
             gpointer user_data)
{
  ImportJob *job = user_data;

  g_atomic_int_set (&job->n_total, (int) n_total);
  g_atomic_int_set (&job->n_done, (int) n_done);
}

static void
prepare_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr (GPtrArray) files = NULL;
  GPtrArray *prepared;
  GError *error = NULL;

  files = sw_photo_import_collect_files (job->files, cancellable, &error);
  if (files == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_atomic_int_set (&job->n_total, (int) files->len);

  prepared = sw_photo_import_prepare_files (files, job->max_edge, 0, on_progress, job,
                                            job->failures, cancellable, &error);
  if (prepared == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, prepared, (GDestroyNotify) g_ptr_array_unref);
}

/* ---------------------------------------------------------------------- */
/* Showing it                                                             */

static void
set_running (SwPhotoImportBar *self,
             gboolean          running)
{
  gtk_revealer_set_reveal_child (self->revealer, running);
  gtk_widget_set_can_target (GTK_WIDGET (self), running);
  if (!running)
    {
      g_clear_handle_id (&self->poll_id, g_source_remove);
      g_clear_handle_id (&self->store_id, g_source_remove);
      g_clear_pointer (&self->job, import_job_unref);
      g_clear_pointer (&self->pending, g_ptr_array_unref);
      g_clear_object (&self->cancellable);
      g_clear_object (&self->project);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
poll_cb (gpointer user_data)
{
  SwPhotoImportBar *self = user_data;
  guint n_done, n_total;
  g_autofree char *text = NULL;

  sw_photo_import_bar_get_progress (self, &n_done, &n_total);
  if (self->pending != NULL)
    return G_SOURCE_CONTINUE;

  if (n_total == 0)
    {
      gtk_label_set_label (self->label, _("Looking for photos…"));
      gtk_progress_bar_pulse (self->progress);
      return G_SOURCE_CONTINUE;
    }

  /* Translators: progress of Import Photos, "12 of 500". */
  text = g_strdup_printf (_("Importing photos: %u of %u"), n_done, n_total);
  gtk_label_set_label (self->label, text);
  gtk_progress_bar_set_fraction (self->progress, (double) n_done / n_total);
  return G_SOURCE_CONTINUE;
}

static GtkWidget *
get_window (SwPhotoImportBar *self)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (self), SW_TYPE_WINDOW);
}

static void
show_details (SwPhotoImportBar *self)
{
  GtkWidget *window = get_window (self);
  g_autofree char *details = sw_photo_import_bar_dup_details (self);
  AdwMessageDialog *dialog;
  GtkWidget *label;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window != NULL ? GTK_WINDOW (window) : NULL,
                                                       _("Photos Imported"), self->summary));
  label = gtk_label_new (details);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  adw_message_dialog_set_extra_child (dialog, label);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_toast (SwPhotoImportBar *self,
           const char       *title,
           gboolean          with_details)
{
  GtkWidget *window = get_window (self);
  AdwToast *toast;

  if (window == NULL)
    return;

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, TOAST_SECONDS);
  /* The outcome of this import, not one before it, is what matters now. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (with_details)
    {
      adw_toast_set_button_label (toast, _("Show _Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_details), self,
                               G_CONNECT_SWAPPED);
    }
  sw_window_add_toast (SW_WINDOW (window), toast);
}

static void
append_part (GString *summary,
             guint    n,
             char    *part)
{
  if (n > 0)
    {
      if (summary->len > 0)
        g_string_append (summary, ", ");
      g_string_append (summary, part);
    }
  g_free (part);
}

static void
summarise (SwPhotoImportBar *self)
{
  g_autoptr (GString) summary = g_string_new (NULL);
  guint n;

  n = self->counts[SW_PHOTO_IMPORT_NEW_FINDING];
  append_part (summary, n, g_strdup_printf (ngettext ("%u new finding", "%u new findings", n), n));
  n = self->counts[SW_PHOTO_IMPORT_JOINED];
  append_part (summary, n, g_strdup_printf (ngettext ("%u joined a finding", "%u joined findings", n), n));
  n = self->counts[SW_PHOTO_IMPORT_PLACED_BY_TRACK];
  append_part (summary, n, g_strdup_printf (ngettext ("%u placed by the track", "%u placed by the track", n), n));
  n = self->counts[SW_PHOTO_IMPORT_UNPLACED];
  append_part (summary, n, g_strdup_printf (ngettext ("%u unplaced", "%u unplaced", n), n));
  n = self->counts[SW_PHOTO_IMPORT_DUPLICATE];
  append_part (summary, n, g_strdup_printf (ngettext ("%u already in the project", "%u already in the project", n), n));
  n = self->failures->len;
  append_part (summary, n, g_strdup_printf (ngettext ("%u could not be used", "%u could not be used", n), n));
  if (summary->len == 0)
    g_string_append (summary, _("No photos were found"));

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
}

static void
finish (SwPhotoImportBar *self,
        gboolean          stored)
{
  set_running (self, FALSE);
  g_signal_emit (self, signals[FINISHED], 0, stored);
}

static gboolean
store_cb (gpointer user_data)
{
  SwPhotoImportBar *self = user_data;
  g_autoptr (GArray) results = NULL;
  g_autoptr (GVariant) track = NULL;
  g_autoptr (GError) error = NULL;
  SwPhotoImportOptions options;

  self->store_id = 0;

  sw_photo_import_options_init (&options);
  options.walk_uuid = self->walk_uuid;
  options.join_distance = self->join_distance;
  options.clock_offset = self->clock_offset;
  track = sw_project_dup_walk_track_points (self->project, self->walk_uuid);
  options.track = track;

  results = sw_project_import_photos (self->project, self->pending, &options, &error);
  if (results == NULL)
    {
      GtkWidget *window = get_window (self);

      if (window != NULL)
        sw_window_show_error (SW_WINDOW (window), _("Could Not Import the Photos"), error->message);
      finish (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  memset (self->counts, 0, sizeof self->counts);
  for (guint i = 0; i < results->len; i++)
    self->counts[g_array_index (results, SwPhotoImportResult, i).outcome]++;
  g_ptr_array_set_size (self->failures, 0);
  for (guint i = 0; i < self->job->failures->len; i++)
    g_ptr_array_add (self->failures, g_error_copy (self->job->failures->pdata[i]));
  summarise (self);

  add_toast (self, self->summary, results->len > 0 || self->failures->len > 0);
  finish (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_prepared (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SwPhotoImportBar *self = SW_PHOTO_IMPORT_BAR (object);
  g_autoptr (GPtrArray) prepared = NULL;
  g_autoptr (GError) error = NULL;

  prepared = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer import, or none, owns the bar now. */
  if (self->job != g_task_get_task_data (G_TASK (result)))
    return;

  if (prepared == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, _("Import cancelled: nothing was added"), FALSE);
      else if (get_window (self) != NULL)
        sw_window_show_error (SW_WINDOW (get_window (self)), _("Could Not Import the Photos"), error->message);
      finish (self, FALSE);
      return;
    }

  self->pending = g_steal_pointer (&prepared);
  gtk_label_set_label (self->label, _("Adding the photos to the project…"));
  gtk_progress_bar_set_fraction (self->progress, 1.0);
  self->store_id = g_timeout_add (STORE_DELAY_MS, store_cb, self);
}

/* ---------------------------------------------------------------------- */
/* Public                                                                 */

void
sw_photo_import_bar_start (SwPhotoImportBar *self,
                           SwProject        *project,
                           GPtrArray        *files,
                           const char       *walk_uuid,
                           double            join_distance,
                           GTimeSpan         clock_offset)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GSettings) settings = NULL;

  g_return_if_fail (SW_IS_PHOTO_IMPORT_BAR (self));
  g_return_if_fail (SW_IS_PROJECT (project));
  g_return_if_fail (files != NULL);
  g_return_if_fail (!sw_photo_import_bar_is_running (self));

  settings = g_settings_new (APPLICATION_ID);

  self->project = g_object_ref (project);
  g_free (self->walk_uuid);
  self->walk_uuid = g_strdup (walk_uuid);
  self->join_distance = join_distance;
  self->clock_offset = clock_offset;
  self->cancellable = g_cancellable_new ();

  self->job = g_atomic_rc_box_new0 (ImportJob);
  self->job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (self->job->files, g_object_ref (files->pdata[i]));
  self->job->max_edge = g_settings_get_uint (settings, "photo-max-edge");
  self->job->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  gtk_label_set_label (self->label, _("Looking for photos…"));
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  self->poll_id = g_timeout_add (POLL_MS, poll_cb, self);
  set_running (self, TRUE);

  task = g_task_new (self, self->cancellable, on_prepared, NULL);
  g_task_set_source_tag (task, sw_photo_import_bar_start);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (self->job), (GDestroyNotify) import_job_unref);
  g_task_run_in_thread (task, prepare_in_thread);
}

/* Stops the import; nothing is added. */
void
sw_photo_import_bar_cancel (SwPhotoImportBar *self)
{
  g_return_if_fail (SW_IS_PHOTO_IMPORT_BAR (self));

  if (!sw_photo_import_bar_is_running (self))
    return;

  /* Prepared and waiting to be stored: store nothing. */
  if (self->pending != NULL)
    {
      add_toast (self, _("Import cancelled: nothing was added"), FALSE);
      finish (self, FALSE);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  gtk_label_set_label (self->label, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

gboolean
sw_photo_import_bar_is_running (SwPhotoImportBar *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_IMPORT_BAR (self), FALSE);

  return self->job != NULL;
}

void
sw_photo_import_bar_get_progress (SwPhotoImportBar *self,
                                  guint            *n_done,
                                  guint            *n_total)
{
  g_return_if_fail (SW_IS_PHOTO_IMPORT_BAR (self));

  *n_done = self->job != NULL ? (guint) g_atomic_int_get (&self->job->n_done) : 0;
  *n_total = self->job != NULL ? (guint) g_atomic_int_get (&self->job->n_total) : 0;
}

guint
sw_photo_import_bar_get_count (SwPhotoImportBar    *self,
                               SwPhotoImportOutcome outcome)
{
  g_return_val_if_fail (SW_IS_PHOTO_IMPORT_BAR (self), 0);
  g_return_val_if_fail (outcome <= SW_PHOTO_IMPORT_DUPLICATE, 0);

  return self->counts[outcome];
}

GPtrArray *
sw_photo_import_bar_get_failures (SwPhotoImportBar *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_IMPORT_BAR (self), NULL);

  return self->failures;
}

const char *
sw_photo_import_bar_get_summary (SwPhotoImportBar *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_IMPORT_BAR (self), NULL);

  return self->summary;
}

char *
sw_photo_import_bar_dup_details (SwPhotoImportBar *self)
{
  GString *details = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (SW_IS_PHOTO_IMPORT_BAR (self), NULL);

  n = self->counts[SW_PHOTO_IMPORT_NEW_FINDING];
  if (n > 0)
    {
      g_string_append_printf (details, ngettext ("%u photo became a new finding where it was taken",
                                                 "%u photos became new findings where they were taken", n), n);
      g_string_append_c (details, '\n');
    }
  n = self->counts[SW_PHOTO_IMPORT_JOINED];
  if (n > 0)
    {
      g_string_append_printf (details, ngettext ("%u photo joined a finding close by",
                                                 "%u photos joined findings close by", n), n);
      g_string_append_c (details, '\n');
    }
  n = self->counts[SW_PHOTO_IMPORT_PLACED_BY_TRACK];
  if (n > 0)
    {
      g_string_append_printf (details, ngettext ("%u photo was placed on the walk’s track by its time",
                                                 "%u photos were placed on the walk’s track by their time", n), n);
      g_string_append_c (details, '\n');
    }
  n = self->counts[SW_PHOTO_IMPORT_UNPLACED];
  if (n > 0)
    {
      g_string_append_printf (details, ngettext ("%u photo has no position and waits under Unplaced Photos",
                                                 "%u photos have no position and wait under Unplaced Photos", n), n);
      g_string_append_c (details, '\n');
    }
  n = self->counts[SW_PHOTO_IMPORT_DUPLICATE];
  if (n > 0)
    {
      g_string_append_printf (details, ngettext ("%u photo was already in the project and was skipped",
                                                 "%u photos were already in the project and were skipped", n), n);
      g_string_append_c (details, '\n');
    }

  if (self->failures->len > 0)
    {
      g_string_append_c (details, '\n');
      g_string_append_printf (details,
                              ngettext ("%u photo could not be used:", "%u photos could not be used:",
                                        self->failures->len),
                              self->failures->len);
      g_string_append_c (details, '\n');
      /* Many failed photos must not make the dialog taller than the screen. */
      for (guint i = 0; i < self->failures->len && i < MAX_FAILURES_LISTED; i++)
        {
          g_string_append (details, "• ");
          g_string_append (details, ((GError *) self->failures->pdata[i])->message);
          g_string_append_c (details, '\n');
        }
      if (self->failures->len > MAX_FAILURES_LISTED)
        {
          guint n_more = self->failures->len - MAX_FAILURES_LISTED;

          g_string_append_printf (details, ngettext ("and %u more", "and %u more", n_more), n_more);
          g_string_append_c (details, '\n');
        }
    }

  while (details->len > 0 && details->str[details->len - 1] == '\n')
    g_string_truncate (details, details->len - 1);
  return g_string_free (details, FALSE);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
sw_photo_import_bar_dispose (GObject *object)
{
  SwPhotoImportBar *self = SW_PHOTO_IMPORT_BAR (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->store_id, g_source_remove);
  g_clear_pointer (&self->job, import_job_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->project);
  g_clear_pointer ((GtkWidget **) &self->revealer, gtk_widget_unparent);

  G_OBJECT_CLASS (sw_photo_import_bar_parent_class)->dispose (object);
}

static void
sw_photo_import_bar_finalize (GObject *object)
{
  SwPhotoImportBar *self = SW_PHOTO_IMPORT_BAR (object);

  g_clear_pointer (&self->failures, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->walk_uuid, g_free);

  G_OBJECT_CLASS (sw_photo_import_bar_parent_class)->finalize (object);
}

static void
sw_photo_import_bar_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SwPhotoImportBar *self = SW_PHOTO_IMPORT_BAR (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, sw_photo_import_bar_is_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sw_photo_import_bar_cancel (SW_PHOTO_IMPORT_BAR (widget));
}

static void
sw_photo_import_bar_class_init (SwPhotoImportBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_photo_import_bar_dispose;
  object_class->finalize = sw_photo_import_bar_finalize;
  object_class->get_property = sw_photo_import_bar_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "import-bar.cancel", NULL, cancel_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sw_photo_import_bar_init (SwPhotoImportBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  gtk_widget_add_css_class (box, "photo-import-bar");
  gtk_widget_add_css_class (box, "osd");

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->progress), 260, -1);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->progress));
  gtk_widget_set_valign (column, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), column);

  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "import-bar.cancel");
  gtk_widget_set_valign (GTK_WIDGET (self->cancel_button), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->cancel_button));

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_revealer_set_child (self->revealer, box);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));

  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  /* Low on the map, clear of the note about the map background above. */
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 48);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GtkWidget *
sw_photo_import_bar_new (void)
{
  return g_object_new (SW_TYPE_PHOTO_IMPORT_BAR, NULL);
}
