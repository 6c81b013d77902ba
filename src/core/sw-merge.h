/* Volunteer copies and merging them back: a copy holds one walk with its
 * routes and stops; findings, photos and measures made in it come back by
 * uuid, with edits on both sides since the copy reported as conflicts. */
#pragma once

#include <gio/gio.h>

#include "sw-project.h"

G_BEGIN_DECLS

typedef enum
{
  /* A conflict keeps what the open project has. */
  SW_MERGE_PREFER_TARGET,
  /* A conflict takes what the merged file has. */
  SW_MERGE_PREFER_SOURCE,
} SwMergePreference;

/* One feature changed on both sides since the copy was made, or changed on
 * one and deleted on the other. @target and @source are private states,
 * NULL for "deleted on this side". */
typedef struct
{
  SwKind kind;
  char *uuid;
  SwFeature *target;
  SwFeature *source;
} SwMergeConflict;

typedef struct
{
  guint added;
  guint updated;
  guint removed;
  guint unchanged;
  /* SwMergeConflict, resolved as the preference said */
  GPtrArray *conflicts;
} SwMergeReport;

void           sw_merge_report_free            (SwMergeReport      *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwMergeReport, sw_merge_report_free)

/* Writes a new project at @destination with @walk, its routes and stops
 * and the project's settings, stamped with the time of the copy, for one
 * volunteer to fill in on another computer. */
gboolean       sw_project_write_volunteer_copy (SwProject          *self,
                                                SwWalk             *walk,
                                                GFile              *destination,
                                                GError            **error);

/* Merges the project file @source into @self by uuid, as one edit that one
 * undo takes back. @source comes from someone else: it is checked with
 * SQLite's integrity check on a defensive, read-only connection, its layers
 * must be tables, and it is only ever read. */
SwMergeReport *sw_project_merge                (SwProject          *self,
                                                GFile              *source,
                                                SwMergePreference   preference,
                                                GError            **error);

G_END_DECLS
