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
 * NULL for "deleted on this side". @target is what the project had before
 * this file was merged: with several files, possibly an earlier file's. */
typedef struct
{
  SwKind kind;
  char *uuid;
  SwFeature *target;
  SwFeature *source;
  /* Which of the merged files, counted from 0, and its name for people */
  guint source_index;
  char *source_name;
  /* How it was settled */
  SwMergePreference resolution;
} SwMergeConflict;

typedef struct
{
  guint added;
  guint updated;
  guint removed;
  guint unchanged;
  /* SwMergeConflict, resolved as the preference and the choices said */
  GPtrArray *conflicts;
} SwMergeReport;

void           sw_merge_report_free            (SwMergeReport      *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwMergeReport, sw_merge_report_free)

/* The key of @conflict in SwMergeOptions.choices; free with g_free(). */
char          *sw_merge_conflict_dup_key       (const SwMergeConflict *conflict);
/* The stored properties whose values differ between the two sides, in
 * declaration order (positions count once, as "position"); NULL-terminated,
 * free with g_strfreev(). Empty when one side is a deletion. */
GStrv          sw_merge_conflict_dup_differences (const SwMergeConflict *conflict);
/* A property's value as a person reads it: text as is, numbers, a
 * position as "59.37120, 16.50900", a line as its number of points. */
char          *sw_feature_dup_value_text       (SwFeature          *feature,
                                                const char         *property);

/* A project file to merge, read whole, photos included, and closed again;
 * checked first with SQLite's integrity check on a defensive, read-only
 * connection. Touches no open project, so it runs in a worker thread. */
typedef struct _SwMergeSource SwMergeSource;

SwMergeSource *sw_merge_source_read            (GFile              *file,
                                                GCancellable       *cancellable,
                                                GError            **error);
GFile         *sw_merge_source_get_file        (SwMergeSource      *source);
void           sw_merge_source_free            (SwMergeSource      *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwMergeSource, sw_merge_source_free)

typedef struct
{
  /* How conflicts without a choice are settled */
  SwMergePreference preference;
  /* Choices made in a review: sw_merge_conflict_dup_key () →
   * GINT_TO_POINTER (SwMergePreference + 1); may be NULL */
  GHashTable *choices;
  /* Only work out the report, store nothing: for a review first */
  gboolean dry_run;
} SwMergeOptions;

void           sw_merge_options_init           (SwMergeOptions     *options);

/* Writes a new project at @destination with @walk, its routes and stops
 * and the project's settings, stamped with the time of the copy, for one
 * volunteer to fill in on another computer. */
gboolean       sw_project_write_volunteer_copy (SwProject          *self,
                                                SwWalk             *walk,
                                                GFile              *destination,
                                                GError            **error);

/* Merges @sources (SwMergeSource) into @self by uuid, one after the other
 * but as one transaction and one undo step: either all of them are stored
 * or, on an error, none. A later file meets what the earlier ones brought,
 * so two volunteers who edited the same finding conflict. */
SwMergeReport *sw_project_merge_sources        (SwProject          *self,
                                                GPtrArray          *sources,
                                                const SwMergeOptions *options,
                                                GError            **error);

/* Reads each of @files (GFile) and merges them all as one transaction.
 * @progress, when given, is called after each file is read. Cancelled
 * before the end, nothing is stored. */
typedef void (*SwMergeProgressFunc) (guint    n_read,
                                     guint    n_files,
                                     gpointer user_data);

SwMergeReport *sw_project_merge_files          (SwProject          *self,
                                                GPtrArray          *files,
                                                const SwMergeOptions *options,
                                                SwMergeProgressFunc progress,
                                                gpointer            user_data,
                                                GCancellable       *cancellable,
                                                GError            **error);

/* Makes @self hold exactly what @source holds, as one edit and one undo
 * step labelled @label: how a copy kept before a merge is put back. */
gboolean       sw_project_restore_source       (SwProject          *self,
                                                SwMergeSource      *source,
                                                const char         *label,
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
