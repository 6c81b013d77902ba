/* The action plan (åtgärdsplan) as Brå lays it out: each measure as a row of
 * Orsak, Åtgärd, Operativa mål, När, Vem and Uppföljning with a red, amber
 * or green status, for the app's table, its copy and the printed plan. */
#pragma once

#include "sw-project.h"

G_BEGIN_DECLS

/* Red: not started or late. Amber: in progress. Green: done or followed up.
 * None: rejected, no longer part of the plan. */
typedef enum
{
  SW_PLAN_COLOR_NONE,
  SW_PLAN_COLOR_RED,
  SW_PLAN_COLOR_AMBER,
  SW_PLAN_COLOR_GREEN,
} SwPlanColor;

/* The columns of the plan, in Brå's order, after the status. */
typedef enum
{
  SW_PLAN_COLUMN_STATUS,
  SW_PLAN_COLUMN_CAUSE,
  SW_PLAN_COLUMN_MEASURE,
  SW_PLAN_COLUMN_GOAL,
  SW_PLAN_COLUMN_WHEN,
  SW_PLAN_COLUMN_WHO,
  SW_PLAN_COLUMN_FOLLOW_UP,
  SW_PLAN_N_COLUMNS
} SwPlanColumn;

const char  *sw_plan_column_get_title      (SwPlanColumn  column);

/* @today is the local date the plan is read on. */
gboolean     sw_action_plan_is_overdue     (SwMeasure    *measure,
                                            GDate        *today);
SwPlanColor  sw_action_plan_get_color      (SwMeasure    *measure,
                                            GDate        *today);
const char  *sw_plan_color_get_label       (SwPlanColor   color);
/* "#rrggbb" */
const char  *sw_plan_color_get_rgb         (SwPlanColor   color);

/* The text of one cell, translated: the cause is the finding (category and
 * note) or the place (its name) the measure is against. */
char        *sw_action_plan_dup_cell       (SwProject    *project,
                                            SwMeasure    *measure,
                                            SwPlanColumn  column,
                                            GDate        *today);

/* The walk of the finding a measure is against, or NULL (a measure on a
 * place belongs to the walks of the place's findings). */
const char  *sw_action_plan_get_walk_uuid  (SwProject    *project,
                                            SwMeasure    *measure);

/* An amount in kronor as Swedish plans write it: "1 250 000 kr", whole
 * kronor, thousands apart by a narrow space. */
char        *sw_action_plan_format_kronor  (double        kronor);

/* A due date "YYYY-MM-DD" as a valid GDate, or FALSE. */
gboolean     sw_action_plan_parse_date     (const char   *text,
                                            GDate        *date);

/* The plan as tab-separated text with a header line, one line per measure
 * of @measures (SwMeasure), for pasting into a spreadsheet. */
char        *sw_action_plan_to_tsv         (SwProject    *project,
                                            GListModel   *measures,
                                            GDate        *today);

G_END_DECLS
