/* The Action Plan view: every measure as a row with Brå's columns and a red,
 * amber or green status, sortable, filtered by status, responsible party
 * and walk, with the measure editor beside it. */
#pragma once

#include <gtk/gtk.h>

#include "sw-project.h"

G_BEGIN_DECLS

#define SW_TYPE_ACTION_PLAN_VIEW (sw_action_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (SwActionPlanView, sw_action_plan_view, SW, ACTION_PLAN_VIEW, GtkWidget)

GtkWidget     *sw_action_plan_view_new           (void);
void           sw_action_plan_view_set_project   (SwActionPlanView *self,
                                                  SwProject        *project);
/* The measures shown, filtered and in the table's order. */
GListModel    *sw_action_plan_view_get_rows      (SwActionPlanView *self);
GtkColumnView *sw_action_plan_view_get_column_view (SwActionPlanView *self);
/* Selects @measure's row, showing all measures if a filter hides it, and
 * opens it in the editor. */
void           sw_action_plan_view_show_measure  (SwActionPlanView *self,
                                                  SwMeasure        *measure);
GtkWidget     *sw_action_plan_view_get_editor    (SwActionPlanView *self);

G_END_DECLS
