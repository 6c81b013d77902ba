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
#define SW_PHOTO_IMAGE_MAX_PIXELS (100u * 1000u * 1000u)
#define SW_PHOTO_THUMBNAIL_EDGE   256

GQuark   sw_photo_image_error_quark (void);

gboolean sw_photo_image_process (GBytes  *image,
                                 guint    max_edge,
                                 GBytes **jpeg,
                                 GBytes **thumbnail,
                                 int     *width,
                                 int     *height,
                                 GError **error);

/* What the camera recorded: the capture time and, when the camera knew it,
 * the position. Fields not present stay unset. */
typedef struct
{
  GDateTime *taken_at;
  gboolean has_position;
  double latitude;
  double longitude;
  int orientation;
} SwPhotoExif;

void     sw_photo_exif_clear       (SwPhotoExif *exif);
gboolean sw_photo_image_read_exif  (GBytes      *image,
                                    SwPhotoExif *exif);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SwPhotoExif, sw_photo_exif_clear)

G_END_DECLS
