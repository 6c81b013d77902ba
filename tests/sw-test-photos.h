/* Photo files for tests, made with GDAL's JPEG driver so that they carry
 * real EXIF: orientation, time, GPS position. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *sw_test_make_jpeg (int                width,
                           int                height,
                           const char *const *exif);
char   *sw_test_exif_dms  (double             degrees);

G_END_DECLS
