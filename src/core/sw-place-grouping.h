/* From findings to places: grouping findings that stand close together,
 * keeping each place's identity and the user's own choices (merges,
 * findings split off, names) across regrouping. */
#pragma once

#include <gio/gio.h>

#include "sw-project.h"

G_BEGIN_DECLS

/* The grouping distance a new project starts with, in metres on the ground
 * (measured in the working CRS); a project keeps its own in the setting
 * SW_PLACE_DISTANCE_SETTING. */
#define SW_PLACE_DEFAULT_DISTANCE 25.0
#define SW_PLACE_DISTANCE_SETTING "place_distance"

/* The project's grouping distance in metres: its setting, or
 * SW_PLACE_DEFAULT_DISTANCE when it has none or an unusable one. */
double      sw_project_get_place_distance (SwProject *self);

/* One grouping run, in three steps so that the heavy part can run in a
 * worker thread: sw_place_grouping_new() copies what it needs from the
 * project into plain arrays (main thread); sw_place_grouping_compute()
 * works on those only (any thread: it touches no project and no GObject
 * shared with the main thread); sw_project_apply_place_grouping() stores
 * the result as one edit and one undo step (main thread).
 *
 * The rules: findings closer than the distance, directly or through a
 * chain, share a place. A group keeps the place most of its findings had
 * (so a place keeps its uuid, name and measures when a finding joins it
 * months later); a group of new findings joins the place of a finding the
 * user placed by hand (pinned) within the distance, or an existing place
 * without findings that lies within the distance, or else becomes a new
 * place. Findings the user placed by hand (merge, split, move) keep their
 * place and do not chain others. A place is named by the user or after the
 * nearest stop within SW_PLACE_STOP_NAME_DISTANCE metres; it lies at the
 * centre of its findings. A place left without findings, measures and a
 * name from the user is removed. Findings without a usable position (empty, not a
 * number, out of range, or 0,0 from a broken import) are left out and
 * reported, never grouped. */
#define SW_PLACE_STOP_NAME_DISTANCE 150.0

typedef struct _SwPlaceGrouping SwPlaceGrouping;

/* Snapshots @project for grouping at @distance metres (<= 0: the project's
 * setting). Main thread. */
SwPlaceGrouping *sw_place_grouping_new      (SwProject        *project,
                                             double            distance);
void             sw_place_grouping_free     (SwPlaceGrouping  *self);
/* Groups the snapshot. Safe in a worker thread. Fails only when cancelled
 * (G_IO_ERROR_CANCELLED) or when the working CRS is unusable. */
gboolean         sw_place_grouping_compute  (SwPlaceGrouping  *self,
                                             GCancellable     *cancellable,
                                             GError          **error);
/* After compute: how many places the project will have, and one
 * translated line per finding left out ("Finding “…” has no usable
 * position and was not grouped."). */
guint            sw_place_grouping_get_n_places (SwPlaceGrouping *self);
GPtrArray       *sw_place_grouping_get_problems (SwPlaceGrouping *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwPlaceGrouping, sw_place_grouping_free)

/* Stores a computed grouping as one transaction and one undo step ("Group
 * Places"); nothing is written when nothing changed. Refused with
 * SW_PROJECT_ERROR_INVALID, project unchanged, if the project was edited
 * since the snapshot: group again then. Main thread. */
gboolean    sw_project_apply_place_grouping (SwProject        *self,
                                             SwPlaceGrouping  *grouping,
                                             GError          **error);

/* All three steps at once, on the calling thread. @problems, if given,
 * receives the lines of sw_place_grouping_get_problems(). */
gboolean    sw_project_group_places        (SwProject        *self,
                                            double            distance,
                                            GCancellable     *cancellable,
                                            GPtrArray       **problems,
                                            GError          **error);
/* The same with the compute step in a GTask thread; _finish applies the
 * result on the thread that called _async, and gives the problems. */
void        sw_project_group_places_async  (SwProject          *self,
                                            double              distance,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean    sw_project_group_places_finish (SwProject        *self,
                                            GAsyncResult     *result,
                                            GPtrArray       **problems,
                                            GError          **error);

/* The user's own choices, each one edit and one undo step; grouping again
 * keeps them. */

/* Moves every finding and measure of @other to @target and removes
 * @other; the findings of both are then pinned to @target, so the two stay
 * one place. @target keeps its name. Returns FALSE with an error if either
 * is not in the project or they are the same place. */
gboolean    sw_project_merge_places        (SwProject        *self,
                                            SwPlace          *target,
                                            SwPlace          *other,
                                            GError          **error);
/* Takes @finding out of its place into a new place of its own, pinned
 * there, and returns that place (listed, transfer none). */
SwPlace    *sw_project_split_finding       (SwProject        *self,
                                            SwFinding        *finding,
                                            GError          **error);
/* Puts @finding into @place by hand (pinned); @place NULL gives the
 * finding back to the grouping (unpinned, in its place until the next
 * grouping). */
gboolean    sw_project_move_finding        (SwProject        *self,
                                            SwFinding        *finding,
                                            SwPlace          *place,
                                            GError          **error);
/* Names @place as the user wants; a NULL or blank @name gives it back its
 * automatic name (the nearest stop's) at once. */
gboolean    sw_project_rename_place        (SwProject        *self,
                                            SwPlace          *place,
                                            const char       *name,
                                            GError          **error);

/* The listed findings of @place, in file order. */
GPtrArray  *sw_project_list_place_findings (SwProject        *self,
                                            SwPlace          *place);

G_END_DECLS
