/* Follow-up walks: a walk repeated on the same routes and stops, and each
 * place's before and after across the walks that passed it
 * (docs/priority.md, "Follow-up walks"). */
#pragma once

#include "sw-project.h"

G_BEGIN_DECLS

/* Makes a new walk on the routes and stops of @walk (copies, numbered as
 * they were), recording that it repeats @walk, as one edit and one undo
 * step ("Repeat Walk"). @date is its day (YYYY-MM-DD) or NULL; @title NULL
 * gives "<title of @walk>, follow-up". Its findings are grouped into the
 * earlier places by the next grouping. Returns the listed new walk
 * (transfer none), or NULL with an error. */
SwWalk     *sw_project_repeat_walk        (SwProject   *self,
                                           SwWalk      *walk,
                                           const char  *date,
                                           const char  *title,
                                           GError     **error);

typedef enum
{
  SW_TREND_NONE,    /* fewer than two visits: nothing to compare yet */
  SW_TREND_BETTER,
  SW_TREND_SAME,
  SW_TREND_WORSE,
} SwTrend;

/* "Better", "Unchanged", "Worse", "Not followed up yet", translated. */
const char *sw_trend_get_label            (SwTrend      trend);

/* One walk's visit to a place: the walk, its findings there (listed
 * SwFinding), the sum of their severities (safe places add 0) and how many
 * of them count. */
typedef struct
{
  SwWalk *walk;
  GPtrArray *findings;
  int severity_sum;
  guint n_unsafe;
} SwPlaceVisit;

/* A place's before and after. */
#define SW_TYPE_PLACE_FOLLOW_UP (sw_place_follow_up_get_type ())
typedef struct _SwPlaceFollowUp SwPlaceFollowUp;

GType            sw_place_follow_up_get_type     (void) G_GNUC_CONST;
SwPlaceFollowUp *sw_place_follow_up_ref          (SwPlaceFollowUp *self);
void             sw_place_follow_up_unref        (SwPlaceFollowUp *self);
/* The visits (SwPlaceVisit), oldest walk first: the walks that reported
 * the place and every walk that repeats one of them, or that one of them
 * repeats; a repeat walk that found nothing there is a visit with none. */
GPtrArray       *sw_place_follow_up_get_visits   (SwPlaceFollowUp *self);
/* The measures of the place or its findings (listed SwMeasure) with a
 * change to in progress, done or followed up after the first visit and
 * on or before the last. */
GPtrArray       *sw_place_follow_up_get_measures (SwPlaceFollowUp *self);
/* The first visit's severity sum against the last one's. */
SwTrend          sw_place_follow_up_get_trend    (SwPlaceFollowUp *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwPlaceFollowUp, sw_place_follow_up_unref)

/* The before and after of @place, from the project as it is now. */
SwPlaceFollowUp *sw_project_follow_up_place      (SwProject  *self,
                                                  SwPlace    *place);

G_END_DECLS
