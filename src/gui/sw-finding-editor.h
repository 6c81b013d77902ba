/* A finding in the sidebar: its category and further categories, severity,
 * daylight or darkness, whom it feels unsafe for, a note, and its photos. */
#pragma once

#include <gtk/gtk.h>

#include "sw-project.h"

G_BEGIN_DECLS

/* Signal "close-requested" when the back button or Escape asks for the
 * list; "photos-added" (guint n_added) when photos have been stored. */
#define SW_TYPE_FINDING_EDITOR (sw_finding_editor_get_type ())
G_DECLARE_FINAL_TYPE (SwFindingEditor, sw_finding_editor, SW, FINDING_EDITOR, GtkWidget)

GtkWidget *sw_finding_editor_new          (void);
void       sw_finding_editor_set_finding  (SwFindingEditor *self,
                                           SwProject       *project,
                                           SwFinding       *finding);
SwFinding *sw_finding_editor_get_finding  (SwFindingEditor *self);
void       sw_finding_editor_focus_category (SwFindingEditor *self);
/* Saves a note still being typed, as one edit. */
void       sw_finding_editor_save_note    (SwFindingEditor *self);
/* Reads, turns upright and downscales @files (GFile) in a thread, then adds
 * them to the finding as one undo step; errors name the file in a toast. */
void       sw_finding_editor_add_photo_files (SwFindingEditor *self,
                                              GPtrArray       *files);
gboolean   sw_finding_editor_is_busy      (SwFindingEditor *self);

/* The photo work itself, also for photos dropped on the map: in a thread,
 * each of @files (GFile) becomes an SwPhoto with its data, thumbnail, size,
 * capture time and position, not yet in any project; files that cannot be
 * used are left out, each with a translated message naming it. */
void       sw_finding_editor_prepare_photos_async  (GPtrArray           *files,
                                                    guint                max_edge,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray *sw_finding_editor_prepare_photos_finish (GAsyncResult        *result,
                                                    GPtrArray          **problems,
                                                    GError             **error);
/* Leaves out of @photos (SwPhoto from the above) those already in @project
 * or twice among them, by their source hash, each with a translated line
 * added to @problems (may be NULL). */
void       sw_finding_editor_drop_duplicate_photos (SwProject           *project,
                                                    GPtrArray           *photos,
                                                    GPtrArray           *problems);
/* Shows @problems (translated lines) as toasts in @widget's window. */
void       sw_finding_editor_report_photo_problems (GtkWidget           *widget,
                                                    GPtrArray           *problems);

G_END_DECLS
