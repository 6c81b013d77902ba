/* Print… and Export PDF…: a small dialog for what to print, then the core
 * renderer, prepared in a worker thread while a progress dialog offers
 * Cancel, drawn through GtkPrintOperation (with the print dialog's preview)
 * or written to a PDF file beside which nothing half-written stays. */
#define G_LOG_DOMAIN "sw-print-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-basemap-source.h"
#include "sw-print-dialog.h"
#include "sw-walk-editor.h"
#include "sw-window.h"

typedef enum
{
  GOAL_PRINT,
  GOAL_EXPORT,
  GOAL_EXPORT_TO,
} Goal;

/* What was chosen last in a window, offered again next time. */
typedef struct
{
  SwPrintLayout layout;
  char *walk_uuid;      /* NULL: every walk */
  SwPrintPaper paper;
  gboolean landscape;
} Choice;

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_free (choice->walk_uuid);
  g_free (choice);
}

typedef struct
{
  SwWindow *window;
  Goal goal;
  GFile *target;
  SwPrintDocument *document;
  GCancellable *cancellable;
  AdwMessageDialog *progress_dialog;
  GtkProgressBar *bar;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  if (job->progress_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (job->progress_dialog));
  g_clear_object (&job->progress_dialog);
  g_clear_object (&job->bar);
  g_clear_object (&job->window);
  g_clear_object (&job->target);
  g_clear_object (&job->document);
  g_clear_object (&job->cancellable);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintJob, print_job_free)

static Choice *
window_choice (SwWindow *window)
{
  Choice *choice = g_object_get_data (G_OBJECT (window), "sw-print-choice");

  if (choice == NULL)
    {
      choice = g_new0 (Choice, 1);
      choice->layout = SW_PRINT_LAYOUT_COUNCIL;
      choice->paper = SW_PRINT_PAPER_A3;
      choice->landscape = TRUE;
      g_object_set_data_full (G_OBJECT (window), "sw-print-choice", choice, choice_free);
    }
  return choice;
}

static gboolean
window_is_printing (SwWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "sw-print-busy") != NULL;
}

static void
set_printing (SwWindow *window,
              gboolean  busy)
{
  g_object_set_data (G_OBJECT (window), "sw-print-busy", busy ? GINT_TO_POINTER (1) : NULL);
  sw_print_dialog_update_actions (GTK_WIDGET (window), sw_window_get_project (window) != NULL);
}

SwPrintDocument *
sw_print_dialog_new_document (SwProject     *project,
                              GSettings     *settings,
                              SwPrintLayout  layout)
{
  SwPrintDocument *document;
  g_autofree char *source = NULL;

  g_return_val_if_fail (SW_IS_PROJECT (project), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  document = sw_print_document_new (sw_project_get_file (project), layout);
  source = g_settings_get_string (settings, "basemap-source");
  if (g_str_equal (source, "mbtiles"))
    {
      g_autofree char *path = g_settings_get_string (settings, "basemap-mbtiles");

      sw_print_document_set_basemap_mbtiles (document, *path != '\0' ? path : NULL);
    }
  else if (g_str_equal (source, "xyz"))
    {
      g_autofree char *url = g_settings_get_string (settings, "basemap-url");

      if (*url != '\0')
        sw_print_document_set_basemap_url (document, url, NULL);
      else
        sw_print_document_set_basemap_mbtiles (document, NULL);
    }
  else
    sw_print_document_set_basemap_url (document, SW_BASEMAP_OSM_URL, SW_BASEMAP_OSM_LICENSE);
  return document;
}

/* ---------------------------------------------------------------------- */
/* The print operation                                                    */

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              SwPrintDocument   *document)
{
  sw_print_document_draw_page (document, gtk_print_context_get_cairo_context (context), (guint) page_nr,
                               gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

GtkPrintOperation *
sw_print_dialog_new_operation (SwPrintDocument *document)
{
  GtkPrintOperation *operation;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) paper = NULL;

  g_return_val_if_fail (SW_IS_PRINT_DOCUMENT (document), NULL);
  g_return_val_if_fail (sw_print_document_is_prepared (document), NULL);

  paper = gtk_paper_size_new (sw_print_document_get_paper (document) == SW_PRINT_PAPER_A3 ? GTK_PAPER_NAME_A3
                                                                                        : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, sw_print_document_get_landscape (document)
                                           ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                           : GTK_PAGE_ORIENTATION_PORTRAIT);
  /* The pages carry their own margins. */
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) sw_print_document_get_n_pages (document));
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "sw-print-document", g_object_ref (document), g_object_unref);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), document);
  return operation;
}

static void
on_operation_done (GtkPrintOperation      *operation,
                   GtkPrintOperationResult result,
                   SwWindow               *window)
{
  g_autoptr (GError) error = NULL;

  set_printing (window, FALSE);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      sw_window_show_error (window, _("Could Not Print"), error != NULL ? error->message : "");
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_object_set_data_full (G_OBJECT (window), "sw-print-settings",
                            g_object_ref (gtk_print_operation_get_print_settings (operation)), g_object_unref);
  g_object_unref (operation);
}

static void
run_operation (PrintJob *job)
{
  GtkPrintOperation *operation = sw_print_dialog_new_operation (job->document);
  GtkPrintSettings *settings = g_object_get_data (G_OBJECT (job->window), "sw-print-settings");
  g_autoptr (GError) error = NULL;
  GtkPrintOperationResult result;

  if (settings != NULL)
    gtk_print_operation_set_print_settings (operation, settings);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_operation_done), job->window, 0);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (job->window),
                                    &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      /* "done" does not come for an operation that failed to start. */
      sw_window_show_error (job->window, _("Could Not Print"), error != NULL ? error->message : "");
      set_printing (job->window, FALSE);
      g_object_unref (operation);
    }
}

/* ---------------------------------------------------------------------- */
/* Preparing and writing, with progress                                   */

static void
on_progress (double      fraction,
             const char *text,
             gpointer    user_data)
{
  PrintJob *job = user_data;

  gtk_progress_bar_set_fraction (job->bar, fraction);
  gtk_progress_bar_set_text (job->bar, text);
}

static void
on_progress_response (AdwMessageDialog *dialog,
                      const char       *response,
                      GCancellable     *cancellable)
{
  if (g_str_equal (response, "cancel"))
    g_cancellable_cancel (cancellable);
}

static void
on_prepared (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (PrintJob) job = user_data;
  g_autoptr (GError) error = NULL;

  if (!sw_print_document_prepare_finish (job->document, result, &error))
    {
      set_printing (job->window, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sw_window_show_error (job->window, _("Could Not Print"), error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (job->progress_dialog));
  g_clear_object (&job->progress_dialog);
  run_operation (job);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (PrintJob) job = user_data;
  g_autoptr (GError) error = NULL;

  set_printing (job->window, FALSE);
  if (!sw_print_document_write_pdf_finish (job->document, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sw_window_show_error (job->window, _("Could Not Export the PDF"), error->message);
      return;
    }

  {
    g_autofree char *basename = g_file_get_basename (job->target);
    g_autofree char *name = g_filename_display_name (basename);
    /* TRANSLATORS: a toast after Export PDF; %s is the file name */
    g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);
    AdwToast *toast = adw_toast_new (title);

    if (!sw_print_document_has_basemap (job->document))
      {
        g_free (title);
        /* TRANSLATORS: a toast after Export PDF; %s is the file name */
        title = g_strdup_printf (_("Exported “%s” without a basemap"), name);
        adw_toast_set_title (toast, title);
      }
    sw_window_add_toast (job->window, toast);
  }
}

static void
start_job (SwWindow        *window,
           Goal             goal,
           SwPrintDocument *document,
           GFile           *target)
{
  PrintJob *job = g_new0 (PrintJob, 1);
  GtkWidget *bar = gtk_progress_bar_new ();

  job->window = g_object_ref (window);
  job->goal = goal;
  job->document = g_object_ref (document);
  job->target = target != NULL ? g_object_ref (target) : NULL;
  job->cancellable = g_cancellable_new ();

  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  job->bar = GTK_PROGRESS_BAR (g_object_ref_sink (bar));
  job->progress_dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (window), goal == GOAL_PRINT ? _("Preparing the Pages") : _("Exporting the PDF"),
                            _("The basemap is fetched at print resolution; this can take a moment.")));
  g_object_ref (job->progress_dialog);
  adw_message_dialog_add_response (job->progress_dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (job->progress_dialog, "cancel");
  adw_message_dialog_set_extra_child (job->progress_dialog, bar);
  g_signal_connect_object (job->progress_dialog, "response", G_CALLBACK (on_progress_response), job->cancellable, 0);
  /* Closing the window stops the work. */
  g_signal_connect_object (window, "destroy", G_CALLBACK (g_cancellable_cancel), job->cancellable,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (job->progress_dialog));

  set_printing (window, TRUE);
  if (goal == GOAL_PRINT)
    sw_print_document_prepare_async (document, job->cancellable, on_progress, job, on_prepared, job);
  else
    sw_print_document_write_pdf_async (document, target, job->cancellable, on_progress, job, on_written, job);
}

/* ---------------------------------------------------------------------- */
/* The options                                                            */

static SwPrintDocument *
document_from_choice (SwWindow *window,
                      Choice   *choice)
{
  SwProject *project = sw_window_get_project (window);
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  SwPrintDocument *document = sw_print_dialog_new_document (project, settings, choice->layout);

  sw_print_document_set_paper (document, choice->paper, choice->landscape);
  sw_print_document_set_walk (document, choice->walk_uuid);
  return document;
}

static char *
suggested_name (SwWindow *window,
                Choice   *choice)
{
  SwProject *project = sw_window_get_project (window);
  SwFeature *walk = choice->walk_uuid != NULL ? sw_project_lookup (project, SW_KIND_WALK, choice->walk_uuid) : NULL;
  const char *title = walk != NULL ? sw_walk_get_title (SW_WALK (walk)) : sw_project_get_title (project);
  char *name;

  if (title == NULL || *title == '\0')
    title = _("Safety walk");
  if (choice->layout == SW_PRINT_LAYOUT_HANDOUT)
    /* TRANSLATORS: the suggested file name of a route handout; %s is the walk */
    name = g_strdup_printf (_("%s (routes).pdf"), title);
  else
    name = g_strdup_printf ("%s.pdf", title);
  g_strdelimit (name, "/\\:", '-');
  return name;
}

static void
on_export_chosen (GtkNativeDialog *native,
                  int              response,
                  SwWindow        *window)
{
  g_autoptr (GFile) chosen = NULL;

  if (response == GTK_RESPONSE_ACCEPT && sw_window_get_project (window) != NULL
      && (chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) != NULL)
    {
      g_autoptr (GFile) target = NULL;
      g_autoptr (SwPrintDocument) document = NULL;
      const char *path = g_file_peek_path (chosen);

      if (path != NULL && !g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
        {
          g_autofree char *with_suffix = g_strconcat (path, ".pdf", NULL);

          target = g_file_new_for_path (with_suffix);
        }
      else
        target = g_object_ref (chosen);
      document = document_from_choice (window, window_choice (window));
      start_job (window, GOAL_EXPORT, document, target);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_export_file (SwWindow *window)
{
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GFile) folder = NULL;
  g_autofree char *suggestion = suggested_name (window, window_choice (window));

  native = gtk_file_chooser_native_new (_("Export PDF"), GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (sw_window_get_file (window) != NULL)
    folder = g_file_get_parent (sw_window_get_file (window));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggestion);
  g_signal_connect (native, "response", G_CALLBACK (on_export_chosen), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

typedef struct
{
  SwWindow *window;
  Goal goal;
  GFile *target;
  AdwComboRow *pages_row;
  AdwComboRow *walk_row;
  AdwComboRow *paper_row;
  AdwComboRow *orientation_row;
  GPtrArray *walk_uuids; /* NULL first, for every walk */
} OptionsDialog;

static void
options_dialog_free (gpointer data)
{
  OptionsDialog *options = data;

  g_clear_object (&options->window);
  g_clear_object (&options->target);
  g_ptr_array_unref (options->walk_uuids);
  g_free (options);
}

static void
on_pages_selected (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   OptionsDialog *options)
{
  gboolean handout = adw_combo_row_get_selected (row) == 1;

  /* Handouts are A4 portrait, to copy for everyone. */
  gtk_widget_set_sensitive (GTK_WIDGET (options->paper_row), !handout);
  gtk_widget_set_sensitive (GTK_WIDGET (options->orientation_row), !handout);
  if (handout)
    {
      adw_combo_row_set_selected (options->paper_row, 0);
      adw_combo_row_set_selected (options->orientation_row, 0);
    }
}

static void
on_options_response (AdwMessageDialog *dialog,
                     const char       *response,
                     OptionsDialog    *options)
{
  Choice *choice;
  guint walk;

  if (!g_str_equal (response, "print") && !g_str_equal (response, "export"))
    return;
  if (sw_window_get_project (options->window) == NULL || window_is_printing (options->window))
    return;

  choice = window_choice (options->window);
  choice->layout = adw_combo_row_get_selected (options->pages_row) == 1 ? SW_PRINT_LAYOUT_HANDOUT
                                                                         : SW_PRINT_LAYOUT_COUNCIL;
  walk = adw_combo_row_get_selected (options->walk_row);
  g_free (choice->walk_uuid);
  choice->walk_uuid = walk < options->walk_uuids->len ? g_strdup (options->walk_uuids->pdata[walk]) : NULL;
  if (choice->layout == SW_PRINT_LAYOUT_COUNCIL)
    {
      choice->paper = adw_combo_row_get_selected (options->paper_row) == 1 ? SW_PRINT_PAPER_A3 : SW_PRINT_PAPER_A4;
      choice->landscape = adw_combo_row_get_selected (options->orientation_row) == 1;
    }

  if (options->goal == GOAL_EXPORT)
    choose_export_file (options->window);
  else
    {
      g_autoptr (SwPrintDocument) document = document_from_choice (options->window, choice);

      start_job (options->window, options->goal, document, options->target);
    }
}

static AdwComboRow *
combo_row (const char *title,
           const char *const *items,
           guint       selected)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr (GtkStringList) list = gtk_string_list_new (items);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (row, selected);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  return row;
}

static void
show_options (SwWindow *window,
              Goal      goal,
              GFile    *target)
{
  SwProject *project = sw_window_get_project (window);
  Choice *choice = window_choice (window);
  OptionsDialog *options = g_new0 (OptionsDialog, 1);
  GListModel *walks = sw_project_get_walks (project);
  g_autoptr (GtkStringList) walk_titles = gtk_string_list_new (NULL);
  GtkWidget *list = gtk_list_box_new ();
  AdwMessageDialog *dialog;
  SwWalk *shown = sw_walk_editor_get_walk (sw_sidebar_get_walk_editor (sw_window_get_sidebar (window)));
  const char *uuid = choice->walk_uuid;
  guint selected_walk = 0;
  const char *pages[] = { _("Council map and table"), _("Route handout"), NULL };
  const char *papers[] = { "A4", "A3", NULL };
  const char *orientations[] = { _("Portrait"), _("Landscape"), NULL };

  options->window = g_object_ref (window);
  options->goal = goal;
  options->target = target != NULL ? g_object_ref (target) : NULL;
  options->walk_uuids = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (options->walk_uuids, NULL);
  gtk_string_list_append (walk_titles, _("All walks"));
  if (uuid == NULL && shown != NULL)
    uuid = sw_feature_get_uuid (SW_FEATURE (shown));
  for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
    {
      g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);
      const char *title = sw_walk_get_title (walk);

      g_ptr_array_add (options->walk_uuids, g_strdup (sw_feature_get_uuid (SW_FEATURE (walk))));
      gtk_string_list_append (walk_titles, title != NULL && *title != '\0' ? title : _("Untitled walk"));
      if (g_strcmp0 (uuid, sw_feature_get_uuid (SW_FEATURE (walk))) == 0)
        selected_walk = i + 1;
    }
  /* One walk: that walk, not "all" of one. */
  if (g_list_model_get_n_items (walks) == 1)
    selected_walk = 1;

  options->pages_row = combo_row (_("_Pages"), pages, choice->layout == SW_PRINT_LAYOUT_HANDOUT ? 1 : 0);
  options->walk_row = combo_row (_("_Walk"), NULL, 0);
  adw_combo_row_set_model (options->walk_row, G_LIST_MODEL (walk_titles));
  adw_combo_row_set_selected (options->walk_row, selected_walk);
  options->paper_row = combo_row (_("Pa_per"), papers, choice->paper == SW_PRINT_PAPER_A3 ? 1 : 0);
  options->orientation_row = combo_row (_("_Orientation"), orientations, choice->landscape ? 1 : 0);
  gtk_widget_set_name (GTK_WIDGET (options->pages_row), "print-pages");
  gtk_widget_set_name (GTK_WIDGET (options->walk_row), "print-walk");
  gtk_widget_set_name (GTK_WIDGET (options->paper_row), "print-paper");
  gtk_widget_set_name (GTK_WIDGET (options->orientation_row), "print-orientation");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (options->pages_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (options->walk_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (options->paper_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (options->orientation_row));
  g_signal_connect (options->pages_row, "notify::selected", G_CALLBACK (on_pages_selected), options);
  on_pages_selected (options->pages_row, NULL, options);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (window), goal == GOAL_PRINT ? _("Print") : _("Export PDF"),
    _("For the council: the map with the routes, numbered stops and places numbered by "
      "priority, then the ranked table, the top places with their photos and the lägesbild. "
      "For participants: an A4 route map with the stops.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), goal == GOAL_PRINT ? "print" : "export",
                                    goal == GOAL_PRINT ? _("_Print…") : _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, goal == GOAL_PRINT ? "print" : "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, goal == GOAL_PRINT ? "print" : "export");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data_full (G_OBJECT (dialog), "sw-print-options", options, options_dialog_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_options_response), options);
  gtk_widget_set_name (GTK_WIDGET (dialog), "print-options");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------- */
/* Actions                                                                */

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SwWindow *window = SW_WINDOW (widget);

  if (sw_window_get_project (window) == NULL || window_is_printing (window))
    return;
  show_options (window, GOAL_PRINT, NULL);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SwWindow *window = SW_WINDOW (widget);

  if (sw_window_get_project (window) == NULL || window_is_printing (window))
    return;
  show_options (window, GOAL_EXPORT, NULL);
}

static void
export_pdf_to_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SwWindow *window = SW_WINDOW (widget);
  g_autoptr (GFile) target = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  if (sw_window_get_project (window) == NULL || window_is_printing (window))
    return;
  show_options (window, GOAL_EXPORT_TO, target);
}

void
sw_print_dialog_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf-to", "s", export_pdf_to_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-pdf", NULL);
}

void
sw_print_dialog_update_actions (GtkWidget *window,
                                gboolean   has_project)
{
  gboolean enabled = has_project && !window_is_printing (SW_WINDOW (window));

  gtk_widget_action_set_enabled (window, "win.print", enabled);
  gtk_widget_action_set_enabled (window, "win.export-pdf", enabled);
  gtk_widget_action_set_enabled (window, "win.export-pdf-to", enabled);
}
