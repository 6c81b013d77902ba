/* A photo import under way, shown low on the map: what it is doing,
 * how far it has come, and Cancel. It runs the import and reports it. */
#pragma once

#include <adwaita.h>

#include "sw-photo-import.h"
#include "sw-project.h"

G_BEGIN_DECLS

/* Property "running" (notify); signal "finished" (gboolean stored) after an
 * import ends: stored is FALSE when it was cancelled or failed, and the
 * project is then as it was. */
#define SW_TYPE_PHOTO_IMPORT_BAR (sw_photo_import_bar_get_type ())
G_DECLARE_FINAL_TYPE (SwPhotoImportBar, sw_photo_import_bar, SW, PHOTO_IMPORT_BAR, GtkWidget)

GtkWidget *sw_photo_import_bar_new          (void);
/* Prepares @files (photos and folders) in worker threads, then stores them
 * in @project as one edit placed by @walk_uuid's track, @join_distance and
 * @clock_offset. A summary toast follows in the bar's window. */
void       sw_photo_import_bar_start        (SwPhotoImportBar *self,
                                             SwProject        *project,
                                             GPtrArray        *files,
                                             const char       *walk_uuid,
                                             double            join_distance,
                                             GTimeSpan         clock_offset);
void       sw_photo_import_bar_cancel       (SwPhotoImportBar *self);
gboolean   sw_photo_import_bar_is_running   (SwPhotoImportBar *self);
/* Photos prepared so far and photos in all, while running. */
void       sw_photo_import_bar_get_progress (SwPhotoImportBar *self,
                                             guint            *n_done,
                                             guint            *n_total);

/* What the last import that was stored did: how many photos had @outcome,
 * and the photos that could not be used (GError naming each). */
guint      sw_photo_import_bar_get_count    (SwPhotoImportBar    *self,
                                             SwPhotoImportOutcome outcome);
GPtrArray *sw_photo_import_bar_get_failures (SwPhotoImportBar    *self);
/* The one-line summary shown in the toast, and the details dialog's text. */
const char *sw_photo_import_bar_get_summary (SwPhotoImportBar    *self);
char      *sw_photo_import_bar_dup_details  (SwPhotoImportBar    *self);

G_END_DECLS
