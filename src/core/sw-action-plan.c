/* The action plan (åtgärdsplan) as Brå lays it out, row by row. */
#define G_LOG_DOMAIN "sw-action-plan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sw-action-plan.h"
#include "sw-vocabulary.h"

/* A cause longer than this is cut at a word, for the table. */
#define CAUSE_MAX_CHARS 160

const char *
sw_plan_column_get_title (SwPlanColumn column)
{
  switch (column)
    {
    case SW_PLAN_COLUMN_STATUS: return C_("action plan", "Status");
    case SW_PLAN_COLUMN_CAUSE: return C_("action plan", "Cause");
    case SW_PLAN_COLUMN_MEASURE: return C_("action plan", "Measure");
    case SW_PLAN_COLUMN_GOAL: return C_("action plan", "Operational goal");
    case SW_PLAN_COLUMN_WHEN: return C_("action plan", "When");
    case SW_PLAN_COLUMN_WHO: return C_("action plan", "Who");
    case SW_PLAN_COLUMN_FOLLOW_UP: return C_("action plan", "Follow-up");
    case SW_PLAN_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
sw_action_plan_format_kronor (double kronor)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (round (kronor)));
  g_autoptr (GString) number = g_string_new (kronor <= -0.5 ? "−" : "");
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (number, "\u202f");
      g_string_append_c (number, digits[i]);
    }

  /* Translators: an amount in Swedish kronor; %s is the number. */
  return g_strdup_printf (_("%s kr"), number->str);
}

gboolean
sw_action_plan_parse_date (const char *text,
                           GDate      *date)
{
  unsigned year, month, day;
  char end;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL
      || strlen (text) != 10
      || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || text[4] != '-' || text[7] != '-'
      || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static gboolean
status_is_open (const char *status)
{
  /* A measure without a status is a proposal. */
  return status == NULL
         || g_str_equal (status, "proposed")
         || g_str_equal (status, "decided")
         || g_str_equal (status, "in-progress");
}

gboolean
sw_action_plan_is_overdue (SwMeasure *measure,
                           GDate     *today)
{
  GDate due;

  g_return_val_if_fail (SW_IS_MEASURE (measure), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  return status_is_open (sw_measure_get_status (measure))
         && sw_action_plan_parse_date (sw_measure_get_due_date (measure), &due)
         && g_date_compare (&due, today) < 0;
}

SwPlanColor
sw_action_plan_get_color (SwMeasure *measure,
                          GDate     *today)
{
  const char *status;

  g_return_val_if_fail (SW_IS_MEASURE (measure), SW_PLAN_COLOR_NONE);

  status = sw_measure_get_status (measure);
  if (g_strcmp0 (status, "rejected") == 0)
    return SW_PLAN_COLOR_NONE;
  if (g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "followed-up") == 0)
    return SW_PLAN_COLOR_GREEN;
  if (sw_action_plan_is_overdue (measure, today))
    return SW_PLAN_COLOR_RED;
  if (g_strcmp0 (status, "in-progress") == 0)
    return SW_PLAN_COLOR_AMBER;
  return SW_PLAN_COLOR_RED;
}

const char *
sw_plan_color_get_label (SwPlanColor color)
{
  switch (color)
    {
    case SW_PLAN_COLOR_RED: return C_("plan colour", "Red");
    case SW_PLAN_COLOR_AMBER: return C_("plan colour", "Amber");
    case SW_PLAN_COLOR_GREEN: return C_("plan colour", "Green");
    case SW_PLAN_COLOR_NONE: return C_("plan colour", "None");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sw_plan_color_get_rgb (SwPlanColor color)
{
  switch (color)
    {
    case SW_PLAN_COLOR_RED: return "#e01b24";
    case SW_PLAN_COLOR_AMBER: return "#f5c211";
    case SW_PLAN_COLOR_GREEN: return "#2ec27e";
    case SW_PLAN_COLOR_NONE: return "#9a9996";
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
shorten (const char *text)
{
  const char *cut;
  glong length;

  if (text == NULL)
    return g_strdup ("");

  length = g_utf8_strlen (text, -1);
  if (length <= CAUSE_MAX_CHARS)
    return g_strdup (text);

  cut = g_utf8_offset_to_pointer (text, CAUSE_MAX_CHARS);
  while (cut > text && *cut != ' ')
    cut--;
  if (cut == text)
    cut = g_utf8_offset_to_pointer (text, CAUSE_MAX_CHARS);

  return g_strdup_printf ("%.*s…", (int) (cut - text), text);
}

static char *
dup_cause (SwProject *project,
           SwMeasure *measure)
{
  const char *place_uuid = sw_measure_get_place_uuid (measure);
  const char *finding_uuid = sw_measure_get_finding_uuid (measure);

  if (place_uuid != NULL)
    {
      SwFeature *place = sw_project_lookup (project, SW_KIND_PLACE, place_uuid);

      if (place != NULL && sw_place_get_name (SW_PLACE (place)) != NULL)
        /* Translators: the cause of a measure taken at a place; %s is the place's name. */
        return g_strdup_printf (_("The place “%s”"), sw_place_get_name (SW_PLACE (place)));
    }

  if (finding_uuid != NULL)
    {
      SwFeature *finding = sw_project_lookup (project, SW_KIND_FINDING, finding_uuid);

      if (finding != NULL)
        {
          const char *category = sw_finding_get_category (SW_FINDING (finding));
          const char *note = sw_finding_get_note (SW_FINDING (finding));
          g_autofree char *short_note = shorten (note);
          const char *label = category != NULL
                              ? sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, category)
                              : C_("category", "Other");

          if (note == NULL || *note == '\0')
            return g_strdup (label);
          /* Translators: the cause of a measure: a finding's category, then its note. */
          return g_strdup_printf (_("%s: %s"), label, short_note);
        }
    }

  return g_strdup (_("No finding or place"));
}

static char *
dup_who (SwMeasure *measure)
{
  const char *responsible = sw_measure_get_responsible (measure);
  const char *unit = sw_measure_get_responsible_unit (measure);
  const char *label = responsible != NULL ? sw_vocabulary_get_label (SW_VOCABULARY_RESPONSIBLE, responsible) : NULL;

  if (label != NULL && unit != NULL && *unit != '\0')
    /* Translators: who is responsible for a measure: the party, then its unit. */
    return g_strdup_printf (_("%s, %s"), label, unit);
  if (label != NULL)
    return g_strdup (label);
  if (unit != NULL && *unit != '\0')
    return g_strdup (unit);
  return g_strdup (_("Not yet decided"));
}

static char *
dup_when (SwMeasure *measure,
          GDate     *today)
{
  const char *due = sw_measure_get_due_date (measure);

  if (due == NULL || *due == '\0')
    return g_strdup (_("No date"));
  if (sw_action_plan_is_overdue (measure, today))
    /* Translators: a due date that has passed; %s is the date. */
    return g_strdup_printf (_("%s (overdue)"), due);
  return g_strdup (due);
}

/* The status as followed up: with the day it was reached, from the
 * measure's history, and the reason of a rejection or the effect seen. */
static char *
dup_follow_up (SwProject *project,
               SwMeasure *measure)
{
  const char *status = sw_measure_get_status (measure);
  const char *label = sw_vocabulary_get_label (SW_VOCABULARY_MEASURE_STATUS, status != NULL ? status : "proposed");
  const char *reason = sw_measure_get_status_reason (measure);
  const char *effect = sw_measure_get_effect (measure);
  g_autoptr (GPtrArray) changes = sw_project_list_status_changes (project, measure);
  const char *date = NULL;
  g_autofree char *reached = NULL;

  /* The last change to the status it has now. */
  for (guint i = changes->len; i > 0; i--)
    {
      SwStatusChange *change = g_ptr_array_index (changes, i - 1);

      if (g_strcmp0 (sw_status_change_get_status (change), status) == 0)
        {
          date = sw_status_change_get_date (change);
          break;
        }
    }

  if (date != NULL)
    /* Translators: a measure's status and the day it was reached, "Decided 2026-11-05". */
    reached = g_strdup_printf (C_("follow-up", "%s %s"), label, date);
  else
    reached = g_strdup (label);

  if (g_strcmp0 (status, "rejected") == 0 && reason != NULL && *reason != '\0')
    return g_strdup_printf (_("%s: %s"), reached, reason);
  if (g_strcmp0 (status, "followed-up") == 0 && effect != NULL)
    /* Translators: a measure followed up, and its effect (Better, Unchanged, Worse). */
    return g_strdup_printf (_("%s, effect: %s"), reached,
                            sw_vocabulary_get_label (SW_VOCABULARY_EFFECT, effect));
  return g_steal_pointer (&reached);
}

char *
sw_action_plan_dup_cell (SwProject    *project,
                         SwMeasure    *measure,
                         SwPlanColumn  column,
                         GDate        *today)
{
  g_return_val_if_fail (SW_IS_PROJECT (project), NULL);
  g_return_val_if_fail (SW_IS_MEASURE (measure), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  switch (column)
    {
    case SW_PLAN_COLUMN_STATUS:
      return g_strdup (sw_plan_color_get_label (sw_action_plan_get_color (measure, today)));

    case SW_PLAN_COLUMN_CAUSE:
      return dup_cause (project, measure);

    /* The measure is its kind, in the method's words; the operational goal
     * is what exactly is to be done, as the meeting wrote it. */
    case SW_PLAN_COLUMN_MEASURE:
      return g_strdup (sw_measure_get_measure_type (measure) != NULL
                       ? sw_vocabulary_get_label (SW_VOCABULARY_MEASURE_TYPE, sw_measure_get_measure_type (measure))
                       : C_("measure type", "Other"));

    case SW_PLAN_COLUMN_GOAL:
      return g_strdup (sw_measure_get_description (measure) != NULL ? sw_measure_get_description (measure) : "");

    case SW_PLAN_COLUMN_WHEN:
      return dup_when (measure, today);

    case SW_PLAN_COLUMN_WHO:
      return dup_who (measure);

    case SW_PLAN_COLUMN_FOLLOW_UP:
      return dup_follow_up (project, measure);

    case SW_PLAN_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sw_action_plan_get_walk_uuid (SwProject *project,
                              SwMeasure *measure)
{
  const char *finding_uuid;
  SwFeature *finding;

  g_return_val_if_fail (SW_IS_PROJECT (project), NULL);
  g_return_val_if_fail (SW_IS_MEASURE (measure), NULL);

  finding_uuid = sw_measure_get_finding_uuid (measure);
  finding = finding_uuid != NULL ? sw_project_lookup (project, SW_KIND_FINDING, finding_uuid) : NULL;

  return finding != NULL ? sw_finding_get_walk_uuid (SW_FINDING (finding)) : NULL;
}

/* Tabs and line breaks inside a cell would break the table. */
static void
append_cell (GString    *tsv,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (tsv, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

char *
sw_action_plan_to_tsv (SwProject  *project,
                       GListModel *measures,
                       GDate      *today)
{
  GString *tsv;
  guint n;

  g_return_val_if_fail (SW_IS_PROJECT (project), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (measures), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  tsv = g_string_new (NULL);
  for (SwPlanColumn column = 0; column < SW_PLAN_N_COLUMNS; column++)
    {
      if (column > 0)
        g_string_append_c (tsv, '\t');
      append_cell (tsv, sw_plan_column_get_title (column));
    }
  g_string_append_c (tsv, '\t');
  append_cell (tsv, C_("action plan", "Cost (kronor)"));
  g_string_append_c (tsv, '\n');

  n = g_list_model_get_n_items (measures);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwMeasure) measure = g_list_model_get_item (measures, i);
      char cost[G_ASCII_DTOSTR_BUF_SIZE];

      for (SwPlanColumn column = 0; column < SW_PLAN_N_COLUMNS; column++)
        {
          g_autofree char *cell = sw_action_plan_dup_cell (project, measure, column, today);

          if (column > 0)
            g_string_append_c (tsv, '\t');
          append_cell (tsv, cell);
        }
      g_string_append_c (tsv, '\t');
      if (sw_measure_get_cost (measure) > 0)
        g_string_append (tsv, g_ascii_formatd (cost, sizeof cost, "%.0f", round (sw_measure_get_cost (measure))));
      g_string_append_c (tsv, '\n');
    }

  return g_string_free (tsv, FALSE);
}
