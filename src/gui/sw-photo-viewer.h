/* A finding's photos shown large, one at a time, in a window of their own:
 * Left and Right step through them, Escape closes. */
#pragma once

#include <adwaita.h>

#include "sw-project.h"

G_BEGIN_DECLS

#define SW_TYPE_PHOTO_VIEWER (sw_photo_viewer_get_type ())
G_DECLARE_FINAL_TYPE (SwPhotoViewer, sw_photo_viewer, SW, PHOTO_VIEWER, AdwWindow)

SwPhotoViewer *sw_photo_viewer_new       (GtkWindow     *parent,
                                          SwProject     *project,
                                          GPtrArray     *photos,
                                          guint          index);
guint          sw_photo_viewer_get_index (SwPhotoViewer *self);
void           sw_photo_viewer_set_index (SwPhotoViewer *self,
                                          guint          index);
/* The photo shown, as a texture once decoded; NULL if it cannot be read. */
GdkPaintable  *sw_photo_viewer_get_paintable (SwPhotoViewer *self);

G_END_DECLS
