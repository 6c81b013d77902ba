/* The Situation view (lägesbild): findings by category, severity and
 * daylight or darkness, the highest-priority places, measures by status and
 * responsible party, and the trend across walks, for a chosen period and
 * area, drawn as charts and copied as a table. */
#pragma once

#include <gtk/gtk.h>

#include "sw-chart.h"
#include "sw-project.h"

G_BEGIN_DECLS

#define SW_TYPE_SITUATION_VIEW (sw_situation_view_get_type ())
G_DECLARE_FINAL_TYPE (SwSituationView, sw_situation_view, SW, SITUATION_VIEW, GtkWidget)

GtkWidget *sw_situation_view_new            (void);
void       sw_situation_view_set_project    (SwSituationView *self,
                                             SwProject       *project);
/* The area the map shows, offered as the area of the picture; NULL when
 * there is no map to take it from. */
void       sw_situation_view_set_map_bounds (SwSituationView *self,
                                             SwBounds        *bounds);
/* The charts by name: "categories", "severity", "light", "places",
 * "measure-status", "responsible", "trend". */
SwChart   *sw_situation_view_get_chart      (SwSituationView *self,
                                             const char      *name);
/* What "Copy as Table" copies: tab-separated, a header line, then one
 * line per figure (chart, item, value). */
char      *sw_situation_view_dup_table      (SwSituationView *self);

G_END_DECLS
