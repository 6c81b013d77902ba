/* Import Photos: which photos, the walk they belong to, how close a photo
 * must be to join a finding, and how far the camera's clock was off. */
#pragma once

#include <adwaita.h>

#include "sw-project.h"

G_BEGIN_DECLS

/* Signal "import" when the user asks to import what the dialog shows; the
 * dialog then closes. */
#define SW_TYPE_PHOTO_IMPORT_DIALOG (sw_photo_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SwPhotoImportDialog, sw_photo_import_dialog, SW, PHOTO_IMPORT_DIALOG, AdwWindow)

SwPhotoImportDialog *sw_photo_import_dialog_new (GtkWindow  *parent,
                                                 SwProject  *project,
                                                 const char *walk_uuid);

/* Photo files and folders (GFile) to import. */
GPtrArray  *sw_photo_import_dialog_get_files         (SwPhotoImportDialog *self);
void        sw_photo_import_dialog_set_files         (SwPhotoImportDialog *self,
                                                      GPtrArray           *files);
/* The chosen walk; NULL when the project has none yet. */
const char *sw_photo_import_dialog_get_walk_uuid     (SwPhotoImportDialog *self);
void        sw_photo_import_dialog_set_walk_uuid     (SwPhotoImportDialog *self,
                                                      const char          *walk_uuid);
double      sw_photo_import_dialog_get_join_distance (SwPhotoImportDialog *self);
void        sw_photo_import_dialog_set_join_distance (SwPhotoImportDialog *self,
                                                      double               metres);
/* Added to each photo's time: positive for a camera that was slow. */
GTimeSpan   sw_photo_import_dialog_get_clock_offset  (SwPhotoImportDialog *self);
void        sw_photo_import_dialog_set_clock_offset  (SwPhotoImportDialog *self,
                                                      GTimeSpan            offset);

G_END_DECLS
