/* One measure: each choice is stored at once as one undoable edit; the
 * description after a pause in the typing or when it loses the focus. A
 * change the project refuses (a negative cost, a rejection without a
 * reason) is shown above the form with the project's own message, and the
 * field keeps what the user chose so it can be completed. */
#define G_LOG_DOMAIN "sw-measure-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sw-action-plan.h"
#include "sw-measure-editor.h"
#include "sw-vocabulary.h"
#include "sw-window.h"

#define DESCRIPTION_SAVE_DELAY_MS 1000

struct _SwMeasureEditor
{
  GtkWidget parent_instance;

  SwProject *project;
  SwMeasure *measure;
  gboolean updating;
  guint description_timeout_id;
  char *problem;
  GtkWidget *problem_row;

  GtkStringList *type_labels;
  GtkStringList *responsible_labels;
  GtkStringList *status_labels;
  GtkStringList *effect_labels;

  /* Template children */
  GtkLabel *heading_label;
  GtkButton *map_button;
  GtkRevealer *problem_revealer;
  GtkLabel *problem_label;
  GtkLabel *cause_label;
  AdwComboRow *type_row;
  GtkTextView *description_view;
  AdwComboRow *responsible_row;
  AdwEntryRow *unit_row;
  AdwEntryRow *due_row;
  GtkMenuButton *calendar_button;
  GtkCalendar *calendar;
  AdwEntryRow *cost_row;
  AdwComboRow *status_row;
  AdwEntryRow *status_date_row;
  GtkImage *status_badge;
  AdwEntryRow *reason_row;
  AdwComboRow *effect_row;
  AdwPreferencesGroup *history_group;
  GtkListBox *history_list;
};

G_DEFINE_FINAL_TYPE (SwMeasureEditor, sw_measure_editor, GTK_TYPE_WIDGET)

enum
{
  CLOSE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *plan_color_classes[] = {
  [SW_PLAN_COLOR_NONE] = "plan-none",
  [SW_PLAN_COLOR_RED] = "plan-red",
  [SW_PLAN_COLOR_AMBER] = "plan-amber",
  [SW_PLAN_COLOR_GREEN] = "plan-green",
};

static GDate *
today_new (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_new_dmy (g_date_time_get_day_of_month (now),
                         g_date_time_get_month (now),
                         g_date_time_get_year (now));
}

/* ---------------------------------------------------------------------- */
/* Word lists in the combo rows                                           */

/* Rows whose first item means "none" (@none_label) hold the terms after it. */
static GtkStringList *
labels_new (SwVocabulary  vocabulary,
            const char   *none_label)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  const SwTerm *terms;
  guint n;

  if (none_label != NULL)
    gtk_string_list_append (labels, none_label);

  terms = sw_vocabulary_get_terms (vocabulary, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (labels, sw_vocabulary_get_label (vocabulary, terms[i].key));

  return labels;
}

static guint
position_of (SwVocabulary  vocabulary,
             gboolean      has_none,
             const char   *key)
{
  const SwTerm *terms;
  guint n;

  if (key == NULL)
    return has_none ? 0 : GTK_INVALID_LIST_POSITION;

  terms = sw_vocabulary_get_terms (vocabulary, &n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (terms[i].key, key))
      return i + (has_none ? 1 : 0);

  return GTK_INVALID_LIST_POSITION;
}

static const char *
key_at (SwVocabulary vocabulary,
        gboolean     has_none,
        guint        position)
{
  const SwTerm *terms;
  guint n;

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (has_none)
    {
      if (position == 0)
        return NULL;
      position--;
    }

  terms = sw_vocabulary_get_terms (vocabulary, &n);
  return position < n ? terms[position].key : NULL;
}

static const char *
selected_status (SwMeasureEditor *self)
{
  return key_at (SW_VOCABULARY_MEASURE_STATUS, FALSE, adw_combo_row_get_selected (self->status_row));
}

static const char *
selected_effect (SwMeasureEditor *self)
{
  return key_at (SW_VOCABULARY_EFFECT, TRUE, adw_combo_row_get_selected (self->effect_row));
}

/* ---------------------------------------------------------------------- */
/* Problems                                                               */

static void
clear_problem (SwMeasureEditor *self)
{
  g_clear_pointer (&self->problem, g_free);
  if (self->problem_row != NULL)
    gtk_widget_remove_css_class (self->problem_row, "error");
  self->problem_row = NULL;
  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
}

/* Shows @message above the form and marks @row, the field it is about. */
static void
show_problem (SwMeasureEditor *self,
              GtkWidget       *row,
              const char      *message)
{
  clear_problem (self);

  self->problem = g_strdup (message);
  gtk_label_set_label (self->problem_label, message);
  gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);

  if (row != NULL)
    {
      self->problem_row = row;
      gtk_widget_add_css_class (row, "error");
    }
}

/* ---------------------------------------------------------------------- */
/* Showing the measure                                                    */

static void
update_status_rows (SwMeasureEditor *self)
{
  const char *status = selected_status (self);

  gtk_widget_set_visible (GTK_WIDGET (self->reason_row), g_strcmp0 (status, "rejected") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->effect_row), g_strcmp0 (status, "followed-up") == 0);
}

static void
update_status_badge (SwMeasureEditor *self)
{
  g_autoptr (GDate) today = today_new ();
  SwPlanColor color = self->measure != NULL ? sw_action_plan_get_color (self->measure, today) : SW_PLAN_COLOR_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (plan_color_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_badge), plan_color_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_badge), plan_color_classes[color]);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_badge), sw_plan_color_get_label (color));
}

static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static char *
format_cost (double cost)
{
  if (cost <= 0)
    return g_strdup ("");
  if (cost == round (cost))
    return g_strdup_printf ("%.0f", cost);
  return g_strdup_printf ("%.2f", cost);
}

static void
load_description (SwMeasureEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  const char *description = self->measure != NULL ? sw_measure_get_description (self->measure) : NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  /* Typing not yet saved wins over the stored text. */
  if (self->description_timeout_id != 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, description != NULL ? description : "") != 0)
    gtk_text_buffer_set_text (buffer, description != NULL ? description : "", -1);
}

/* The status changes, newest first, each with its day and its reason or
 * effect. */
static void
load_history (SwMeasureEditor *self)
{
  g_autoptr (GPtrArray) changes = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  changes = sw_project_list_status_changes (self->project, self->measure);
  for (guint i = changes->len; i > 0; i--)
    {
      SwStatusChange *change = g_ptr_array_index (changes, i - 1);
      const char *status = sw_status_change_get_status (change);
      const char *note = sw_status_change_get_note (change);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *date = gtk_label_new (sw_status_change_get_date (change));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     sw_vocabulary_get_label (SW_VOCABULARY_MEASURE_STATUS, status));
      if (note != NULL && g_strcmp0 (status, "followed-up") == 0)
        note = sw_vocabulary_get_label (SW_VOCABULARY_EFFECT, note);
      if (note != NULL)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), note);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_add_css_class (date, "numeric");
      gtk_widget_add_css_class (date, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), date);
      gtk_list_box_append (self->history_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->history_group), changes->len > 0);
}

/* Sets every field from the stored measure. */
static void
load (SwMeasureEditor *self)
{
  g_autofree char *cause = NULL;
  g_autofree char *cost = NULL;
  g_autoptr (GDate) today = today_new ();
  SwMeasure *measure = self->measure;

  if (measure == NULL)
    return;

  self->updating = TRUE;

  cause = sw_action_plan_dup_cell (self->project, measure, SW_PLAN_COLUMN_CAUSE, today);
  gtk_label_set_label (self->cause_label, cause);

  adw_combo_row_set_selected (self->type_row,
                              position_of (SW_VOCABULARY_MEASURE_TYPE, FALSE, sw_measure_get_measure_type (measure)));
  load_description (self);
  adw_combo_row_set_selected (self->responsible_row,
                              position_of (SW_VOCABULARY_RESPONSIBLE, TRUE, sw_measure_get_responsible (measure)));
  set_entry_text (self->unit_row, sw_measure_get_responsible_unit (measure));
  set_entry_text (self->due_row, sw_measure_get_due_date (measure));
  cost = format_cost (sw_measure_get_cost (measure));
  set_entry_text (self->cost_row, cost);
  adw_combo_row_set_selected (self->status_row,
                              position_of (SW_VOCABULARY_MEASURE_STATUS, FALSE,
                                           sw_measure_get_status (measure) != NULL
                                           ? sw_measure_get_status (measure) : "proposed"));
  set_entry_text (self->reason_row, sw_measure_get_status_reason (measure));
  adw_combo_row_set_selected (self->effect_row,
                              position_of (SW_VOCABULARY_EFFECT, TRUE, sw_measure_get_effect (measure)));

  update_status_rows (self);
  update_status_badge (self);
  load_history (self);

  self->updating = FALSE;
}

/* ---------------------------------------------------------------------- */
/* Editing                                                                */

static gboolean
edit (SwMeasureEditor *self,
      GtkWidget       *row,
      const char      *first_property_name,
      ...) G_GNUC_NULL_TERMINATED;

/* One edit of the measure; the fields follow from the project's
 * feature-changed. Returns FALSE, with the problem shown, when refused. */
static gboolean
edit (SwMeasureEditor *self,
      GtkWidget       *row,
      const char      *first_property_name,
      ...)
{
  g_autoptr (SwFeature) copy = NULL;
  g_autoptr (GError) error = NULL;
  va_list args;

  if (self->project == NULL || self->measure == NULL || self->updating)
    return FALSE;

  copy = sw_feature_copy (SW_FEATURE (self->measure));
  va_start (args, first_property_name);
  g_object_set_valist (G_OBJECT (copy), first_property_name, args);
  va_end (args);

  /* Nothing changed: no empty step in the undo history. */
  if (sw_feature_equal_content (copy, SW_FEATURE (self->measure)))
    {
      clear_problem (self);
      return TRUE;
    }

  if (!sw_project_update (self->project, SW_FEATURE (copy), &error))
    {
      show_problem (self, row, error->message);
      return FALSE;
    }

  clear_problem (self);
  return TRUE;
}

static void
on_type_selected (SwMeasureEditor *self)
{
  const char *key = key_at (SW_VOCABULARY_MEASURE_TYPE, FALSE, adw_combo_row_get_selected (self->type_row));

  if (key != NULL)
    edit (self, GTK_WIDGET (self->type_row), "measure-type", key, NULL);
}

static void
on_responsible_selected (SwMeasureEditor *self)
{
  edit (self, GTK_WIDGET (self->responsible_row),
        "responsible", key_at (SW_VOCABULARY_RESPONSIBLE, TRUE, adw_combo_row_get_selected (self->responsible_row)),
        NULL);
}

static char *
dup_entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
on_unit_applied (SwMeasureEditor *self)
{
  g_autofree char *unit = dup_entry_text (self->unit_row);

  edit (self, GTK_WIDGET (self->unit_row), "responsible-unit", unit, NULL);
}

static void
apply_due_date (SwMeasureEditor *self,
                const char      *text)
{
  GDate date;

  if (text != NULL && !sw_action_plan_parse_date (text, &date))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what the user wrote as a due date. */
      message = g_strdup_printf (_("“%s” is not a date. Write the due date as year-month-day, for example 2027-03-31."),
                                 text);
      show_problem (self, GTK_WIDGET (self->due_row), message);
      return;
    }

  edit (self, GTK_WIDGET (self->due_row), "due-date", text, NULL);
}

static void
on_due_applied (SwMeasureEditor *self)
{
  g_autofree char *text = dup_entry_text (self->due_row);

  apply_due_date (self, text);
}

static void
on_calendar_day_selected (SwMeasureEditor *self)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  if (self->updating)
    return;

  gtk_menu_button_popdown (self->calendar_button);
  set_entry_text (self->due_row, text);
  apply_due_date (self, text);
}

static void
on_clear_due_clicked (SwMeasureEditor *self)
{
  gtk_menu_button_popdown (self->calendar_button);
  set_entry_text (self->due_row, NULL);
  apply_due_date (self, NULL);
}

/* The calendar opens on the due date, or today. */
static void
on_calendar_shown (SwMeasureEditor *self)
{
  GDate date;
  g_autoptr (GDateTime) shown = NULL;
  g_autofree char *text = dup_entry_text (self->due_row);

  if (text != NULL && sw_action_plan_parse_date (text, &date))
    shown = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  else
    shown = g_date_time_new_now_local ();

  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, shown);
  self->updating = FALSE;
}

/* "85 000", "85000 kr", "1 250,50": what people write for an amount. */
static gboolean
parse_cost (const char *text,
            double     *cost)
{
  g_autoptr (GString) number = g_string_new (NULL);
  char *end = NULL;
  const char *p = text;

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x202F || c == 0x00A0)
        continue;
      if (c == ',')
        g_string_append_c (number, '.');
      else if (c < 0x80)
        g_string_append_c (number, (char) c);
      else
        return FALSE;
    }

  if (g_str_has_suffix (number->str, "kr"))
    g_string_truncate (number, number->len - 2);
  if (g_str_has_suffix (number->str, "SEK"))
    g_string_truncate (number, number->len - 3);
  if (number->len == 0)
    return FALSE;

  *cost = g_ascii_strtod (number->str, &end);
  return end != NULL && *end == '\0' && isfinite (*cost);
}

static void
on_cost_applied (SwMeasureEditor *self)
{
  g_autofree char *text = dup_entry_text (self->cost_row);
  double cost = 0;

  if (text != NULL && !parse_cost (text, &cost))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what the user wrote as a cost. */
      message = g_strdup_printf (_("“%s” is not an amount. Write the cost in kronor, for example 85000."), text);
      show_problem (self, GTK_WIDGET (self->cost_row), message);
      return;
    }

  edit (self, GTK_WIDGET (self->cost_row), "cost", cost, NULL);
}

/* A status is stored together with what it needs: a rejection with its
 * reason, a follow-up with its effect. Until those are given, the project
 * refuses it and the row keeps the chosen status. */
static void
apply_status (SwMeasureEditor *self,
              GtkWidget       *row)
{
  const char *status = selected_status (self);
  g_autofree char *reason = dup_entry_text (self->reason_row);
  g_autofree char *date = dup_entry_text (self->status_date_row);
  const char *effect = selected_effect (self);
  const char *stored = sw_measure_get_status (self->measure) != NULL ? sw_measure_get_status (self->measure) : "proposed";
  g_autoptr (GError) error = NULL;
  GDate day;

  if (status == NULL || self->project == NULL || self->measure == NULL || self->updating)
    return;

  /* The same status: only its reason or effect changes. */
  if (g_str_equal (status, stored))
    {
      if (g_str_equal (status, "rejected"))
        edit (self, row, "status-reason", reason, NULL);
      else if (g_str_equal (status, "followed-up"))
        edit (self, row, "effect", effect, NULL);
      return;
    }

  if (date != NULL && !sw_action_plan_parse_date (date, &day))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what the user wrote as the day of a status change. */
      message = g_strdup_printf (_("“%s” is not a date. Write the day of the change as year-month-day, "
                                   "for example 2026-11-05, or leave it empty for today."), date);
      show_problem (self, GTK_WIDGET (self->status_date_row), message);
      return;
    }

  /* One edit, which also keeps the change with its day in the history. */
  if (!sw_project_set_measure_status (self->project, self->measure, status, date,
                                      g_str_equal (status, "rejected") ? reason
                                      : g_str_equal (status, "followed-up") ? effect : NULL,
                                      &error))
    {
      show_problem (self, row, error->message);
      if (g_str_equal (status, "rejected") && reason == NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
      return;
    }

  clear_problem (self);
  gtk_editable_set_text (GTK_EDITABLE (self->status_date_row), "");
}

static void
on_status_selected (SwMeasureEditor *self)
{
  if (self->updating)
    return;

  update_status_rows (self);
  apply_status (self, GTK_WIDGET (self->status_row));
}

static void
on_reason_applied (SwMeasureEditor *self)
{
  apply_status (self, GTK_WIDGET (self->reason_row));
}

static void
on_effect_selected (SwMeasureEditor *self)
{
  if (self->updating)
    return;

  apply_status (self, GTK_WIDGET (self->effect_row));
}

void
sw_measure_editor_save_description (SwMeasureEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_if_fail (SW_IS_MEASURE_EDITOR (self));

  g_clear_handle_id (&self->description_timeout_id, g_source_remove);
  if (self->measure == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->description_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);

  edit (self, GTK_WIDGET (self->description_view), "description", *text != '\0' ? text : NULL, NULL);
}

static gboolean
save_description_cb (gpointer user_data)
{
  SwMeasureEditor *self = user_data;

  self->description_timeout_id = 0;
  sw_measure_editor_save_description (self);

  return G_SOURCE_REMOVE;
}

static void
on_description_changed (SwMeasureEditor *self)
{
  if (self->updating || self->measure == NULL)
    return;

  g_clear_handle_id (&self->description_timeout_id, g_source_remove);
  self->description_timeout_id = g_timeout_add (DESCRIPTION_SAVE_DELAY_MS, save_description_cb, self);
}

static void
on_description_focus_left (SwMeasureEditor *self)
{
  if (self->description_timeout_id != 0)
    sw_measure_editor_save_description (self);
}

/* ---------------------------------------------------------------------- */
/* Following the project                                                  */

static void
on_feature_changed (SwMeasureEditor *self,
                    SwFeature       *feature)
{
  if (feature == SW_FEATURE (self->measure))
    load (self);
}

/* Undo of an addition, or a deletion elsewhere, takes the measure away.
 * Looked up once the edit is complete ("changed"): during the list's
 * items-changed the project's index may still hold it. */
static void
on_measures_changed (SwMeasureEditor *self)
{
  if (self->measure == NULL || self->project == NULL)
    return;

  if (sw_project_lookup (self->project, SW_KIND_MEASURE,
                         sw_feature_get_uuid (SW_FEATURE (self->measure))) == NULL)
    {
      sw_measure_editor_set_measure (self, NULL, NULL);
      g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
    }
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SwMeasureEditor *self = SW_MEASURE_EDITOR (widget);

  sw_measure_editor_save_description (self);
  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SwMeasureEditor *self = SW_MEASURE_EDITOR (widget);
  g_autoptr (SwMeasure) measure = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window;

  if (self->measure == NULL || self->project == NULL)
    return;

  g_clear_handle_id (&self->description_timeout_id, g_source_remove);
  measure = g_object_ref (self->measure);
  if (!sw_project_remove (self->project, SW_FEATURE (measure), &error))
    {
      show_problem (self, NULL, error->message);
      return;
    }

  window = gtk_widget_get_ancestor (widget, SW_TYPE_WINDOW);
  if (window != NULL)
    {
      AdwToast *toast = adw_toast_new (_("Measure deleted"));

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      sw_window_add_toast (SW_WINDOW (window), toast);
    }
}

/* ---------------------------------------------------------------------- */
/* GObject and GtkWidget                                                  */

static void
sw_measure_editor_dispose (GObject *object)
{
  SwMeasureEditor *self = SW_MEASURE_EDITOR (object);
  GtkWidget *child;

  sw_measure_editor_set_measure (self, NULL, NULL);
  g_clear_handle_id (&self->description_timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_MEASURE_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->type_labels);
  g_clear_object (&self->responsible_labels);
  g_clear_object (&self->status_labels);
  g_clear_object (&self->effect_labels);

  G_OBJECT_CLASS (sw_measure_editor_parent_class)->dispose (object);
}

static void
sw_measure_editor_finalize (GObject *object)
{
  SwMeasureEditor *self = SW_MEASURE_EDITOR (object);

  g_free (self->problem);

  G_OBJECT_CLASS (sw_measure_editor_parent_class)->finalize (object);
}

static void
sw_measure_editor_class_init (SwMeasureEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_measure_editor_dispose;
  object_class->finalize = sw_measure_editor_finalize;

  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-measure-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, map_button);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, cause_label);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, cost_row);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, status_date_row);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, status_badge);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, effect_row);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, history_group);
  gtk_widget_class_bind_template_child (widget_class, SwMeasureEditor, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_responsible_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_due_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_due_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cost_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_effect_selected);

  gtk_widget_class_install_action (widget_class, "measure-editor.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "measure-editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "measure-editor.close", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "measureeditor");
}

static void
sw_measure_editor_init (SwMeasureEditor *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->map_button), "s", "");

  self->type_labels = labels_new (SW_VOCABULARY_MEASURE_TYPE, NULL);
  self->responsible_labels = labels_new (SW_VOCABULARY_RESPONSIBLE, _("Not yet decided"));
  self->status_labels = labels_new (SW_VOCABULARY_MEASURE_STATUS, NULL);
  self->effect_labels = labels_new (SW_VOCABULARY_EFFECT, _("Choose the effect"));

  self->updating = TRUE;
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (self->type_labels));
  adw_combo_row_set_model (self->responsible_row, G_LIST_MODEL (self->responsible_labels));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (self->status_labels));
  adw_combo_row_set_model (self->effect_row, G_LIST_MODEL (self->effect_labels));
  self->updating = FALSE;

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (on_description_changed), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_description_focus_left), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->description_view), focus);

  g_signal_connect_object (gtk_menu_button_get_popover (self->calendar_button), "show",
                           G_CALLBACK (on_calendar_shown), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measure-editor.delete", FALSE);
}

GtkWidget *
sw_measure_editor_new (void)
{
  return g_object_new (SW_TYPE_MEASURE_EDITOR, NULL);
}

/* Shows @measure, a listed measure of @project; NULL for none. */
void
sw_measure_editor_set_measure (SwMeasureEditor *self,
                               SwProject       *project,
                               SwMeasure       *measure)
{
  g_return_if_fail (SW_IS_MEASURE_EDITOR (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));
  g_return_if_fail (measure == NULL || SW_IS_MEASURE (measure));
  g_return_if_fail (measure == NULL || project != NULL);

  if (self->measure == measure && self->project == project)
    return;

  /* Typing for the measure shown so far is kept. */
  if (self->description_timeout_id != 0)
    sw_measure_editor_save_description (self);

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
    }

  g_set_object (&self->project, project);
  g_set_object (&self->measure, measure);
  clear_problem (self);

  if (self->project != NULL)
    {
      g_signal_connect_object (self->project, "feature-changed",
                               G_CALLBACK (on_feature_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->project, "changed",
                               G_CALLBACK (on_measures_changed), self, G_CONNECT_SWAPPED);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measure-editor.delete",
                                 measure != NULL && !sw_project_is_read_only (project));
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);

  {
    const char *target = NULL;

    if (measure != NULL)
      target = sw_measure_get_finding_uuid (measure) != NULL ? sw_measure_get_finding_uuid (measure)
                                                             : sw_measure_get_place_uuid (measure);
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->map_button), "s", target != NULL ? target : "");
    gtk_widget_set_visible (GTK_WIDGET (self->map_button), target != NULL);
  }

  if (measure != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
      const char *description = sw_measure_get_description (measure);

      self->updating = TRUE;
      gtk_text_buffer_set_text (buffer, description != NULL ? description : "", -1);
      self->updating = FALSE;
      load (self);
    }
}

SwMeasure *
sw_measure_editor_get_measure (SwMeasureEditor *self)
{
  g_return_val_if_fail (SW_IS_MEASURE_EDITOR (self), NULL);

  return self->measure;
}

const char *
sw_measure_editor_get_problem (SwMeasureEditor *self)
{
  g_return_val_if_fail (SW_IS_MEASURE_EDITOR (self), NULL);

  return self->problem;
}
