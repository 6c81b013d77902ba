/* A finding's photos as a row of thumbnails: a click opens one large, and
 * each can be moved left or right (buttons, Alt+arrows, or a drag onto
 * another) or removed (Delete). */
#pragma once

#include <gtk/gtk.h>

#include "sw-photo.h"

G_BEGIN_DECLS

/* Signals: "photo-activated" (SwPhoto *), "remove-requested" (SwPhoto *),
 * "move-requested" (SwPhoto *, int new_index). */
#define SW_TYPE_PHOTO_STRIP (sw_photo_strip_get_type ())
G_DECLARE_FINAL_TYPE (SwPhotoStrip, sw_photo_strip, SW, PHOTO_STRIP, GtkWidget)

GtkWidget *sw_photo_strip_new        (void);
/* @photos holds SwPhoto in their order; NULL or empty clears the strip. */
void       sw_photo_strip_set_photos (SwPhotoStrip *self,
                                      GPtrArray    *photos);
guint      sw_photo_strip_get_n_photos (SwPhotoStrip *self);
/* The thumbnail button of the photo at @index, for focus and tests. */
GtkWidget *sw_photo_strip_get_thumbnail (SwPhotoStrip *self,
                                         guint         index);

G_END_DECLS
