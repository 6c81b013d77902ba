/* Turning a photo file into what a project stores: upright, downscaled JPEG
 * without metadata, and a thumbnail. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SW_PHOTO_IMAGE_ERROR (sw_photo_image_error_quark ())

typedef enum
{
  SW_PHOTO_IMAGE_ERROR_UNSUPPORTED,
  SW_PHOTO_IMAGE_ERROR_TOO_LARGE,
  SW_PHOTO_IMAGE_ERROR_CORRUPT,
} SwPhotoImageError;

/* Decoding refuses images with more pixels than this, before decoding. */
#define SW_PHOTO_IMAGE_MAX_PIXELS (120u * 1000u * 1000u)
#define SW_PHOTO_THUMBNAIL_EDGE   256

GQuark   sw_photo_image_error_quark (void);

gboolean sw_photo_image_process (GBytes  *image,
                                 guint    max_edge,
                                 GBytes **jpeg,
                                 GBytes **thumbnail,
                                 int     *width,
                                 int     *height,
                                 GError **error);

G_END_DECLS
