/* The lägesbild: the situation in figures for a period and an area, as the
 * app's Situation view shows it, the print draws it and a table copies it. */
#pragma once

#include "sw-bounds.h"
#include "sw-place-priority.h"
#include "sw-project.h"

G_BEGIN_DECLS

/* Which findings, places and measures a lägesbild covers. Findings: those
 * of walks dated from @from to @to (YYYY-MM-DD, both included; NULL for
 * no limit on that side; with a limit, findings of walks without a date or
 * without a walk are left out), or of @walk_uuid only when given; and
 * lying in @area when given. Places: those lying in @area with at least
 * one chosen finding. Measures: those of a chosen finding, or of a place
 * lying in @area; a measure against neither only when nothing is chosen
 * (no period, walk or area). */
typedef struct
{
  const char *from;
  const char *to;
  const char *walk_uuid;
  SwBounds *area;
} SwSituationChoice;

/* One figure: a key of a word list ("" for "not noted" or "not decided"),
 * its translated label, its colour (#rrggbb, or NULL) and the count. */
typedef struct
{
  const char *key;
  const char *label;
  const char *color;
  guint count;
} SwSituationCount;

/* One walk of the trend, in date order: its counted findings by severity
 * (1 low, 2 medium, 3 high; [0] the safe and pleasant ones) and those seen
 * in darkness. */
typedef struct
{
  SwWalk *walk;
  guint by_severity[4];
  guint n_findings;
  guint n_dark;
} SwSituationWalk;

#define SW_TYPE_SITUATION (sw_situation_get_type ())
typedef struct _SwSituation SwSituation;

GType        sw_situation_get_type  (void) G_GNUC_CONST;
/* The figures of @project now for @choice (NULL: everything); @today (NULL:
 * the local date) decides what is overdue. Main thread; quick. */
SwSituation *sw_situation_new       (SwProject               *project,
                                     const SwSituationChoice *choice,
                                     const GDate             *today);
SwSituation *sw_situation_ref       (SwSituation *self);
void         sw_situation_unref     (SwSituation *self);

guint        sw_situation_get_n_findings (SwSituation *self);
guint        sw_situation_get_n_places   (SwSituation *self);
guint        sw_situation_get_n_measures (SwSituation *self);
guint        sw_situation_get_n_overdue  (SwSituation *self);

/* Arrays of SwSituationCount owned by @self. Categories, severities (High,
 * Medium, Low, then Safe and pleasant), light (Daylight, Darkness, Not
 * noted), measure statuses (a measure without one counts as proposed) and
 * responsible parties (then Not yet decided) each list every word of their
 * list, in its order, zeros included. */
GArray      *sw_situation_get_findings_by_category    (SwSituation *self);
GArray      *sw_situation_get_findings_by_severity    (SwSituation *self);
GArray      *sw_situation_get_findings_by_light       (SwSituation *self);
GArray      *sw_situation_get_measures_by_status      (SwSituation *self);
GArray      *sw_situation_get_measures_by_responsible (SwSituation *self);
/* The ten chosen places ranked highest by the project's priority (all its
 * findings count toward a place's score), as SwPlacePriority, highest
 * first. */
GPtrArray   *sw_situation_get_top_places              (SwSituation *self);
/* The walks of the choice in date order (SwSituationWalk). */
GArray      *sw_situation_get_walks                   (SwSituation *self);

/* The whole lägesbild as tab-separated text: one block per figure with a
 * heading line, then "label<TAB>count" lines, blocks separated by an empty
 * line; translated. For "Copy as Table" into a spreadsheet. */
char        *sw_situation_to_tsv    (SwSituation *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwSituation, sw_situation_unref)

G_END_DECLS
