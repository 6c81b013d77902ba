/* How a photo file becomes what a project stores: upright, at most the long
 * edge asked for, with no EXIF left, and its time and position kept. The
 * JPEGs are made here with GDAL's JPEG driver, EXIF included. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "sw-photo-image.h"
#include "sw-test-photos.h"

static GdkPixbuf *
decode (GBytes *jpeg)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, jpeg, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

/* Whether the pixel at (@fx, @fy), as fractions of the size, is red. */
static gboolean
is_red_at (GdkPixbuf *pixbuf,
           double     fx,
           double     fy)
{
  int x = (int) (fx * (gdk_pixbuf_get_width (pixbuf) - 1));
  int y = (int) (fy * (gdk_pixbuf_get_height (pixbuf) - 1));
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf) +
                    (gsize) x * gdk_pixbuf_get_n_channels (pixbuf);

  return p[0] > 150 && p[2] < 100;
}

/* No APP1 segment holding "Exif" anywhere before the picture data. */
static gboolean
has_exif_segment (GBytes *jpeg)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (jpeg, &size);

  for (gsize i = 2; i + 4 < size;)
    {
      guint length;

      if (data[i] != 0xFF)
        return FALSE;
      if (data[i + 1] == 0xDA)
        return FALSE;
      length = (data[i + 2] << 8) | data[i + 3];
      if (data[i + 1] == 0xE1 && i + 10 < size && memcmp (data + i + 4, "Exif", 4) == 0)
        return TRUE;
      i += 2 + length;
    }
  return FALSE;
}

static void
process (GBytes     *input,
         guint       max_edge,
         GBytes    **jpeg,
         GdkPixbuf **pixbuf)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) thumbnail = NULL;
  int width = 0, height = 0;

  g_assert_true (sw_photo_image_process (input, max_edge, jpeg, &thumbnail, &width, &height, &error));
  g_assert_no_error (error);
  *pixbuf = decode (*jpeg);
  g_assert_cmpint (gdk_pixbuf_get_width (*pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (*pixbuf), ==, height);
  g_assert_false (has_exif_segment (*jpeg));
  g_assert_false (has_exif_segment (thumbnail));
}

/* Orientation 6: the camera was turned clockwise; shown upright, the stored
 * top-left corner is the top-right one and the picture is portrait. */
static void
test_orientation_6 (void)
{
  const char *exif[] = { "EXIF_Orientation=6", NULL };
  g_autoptr (GBytes) input = sw_test_make_jpeg (400, 300, exif);
  g_autoptr (GBytes) jpeg = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;

  g_assert_true (has_exif_segment (input));
  process (input, 2048, &jpeg, &pixbuf);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 300);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 400);
  g_assert_true (is_red_at (pixbuf, 0.9, 0.1));
  g_assert_false (is_red_at (pixbuf, 0.1, 0.1));
  g_assert_false (is_red_at (pixbuf, 0.1, 0.9));
}

/* Orientation 8: turned counter-clockwise; the stored top-left corner is
 * shown bottom-left. */
static void
test_orientation_8 (void)
{
  const char *exif[] = { "EXIF_Orientation=8", NULL };
  g_autoptr (GBytes) input = sw_test_make_jpeg (400, 300, exif);
  g_autoptr (GBytes) jpeg = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;

  process (input, 2048, &jpeg, &pixbuf);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 300);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 400);
  g_assert_true (is_red_at (pixbuf, 0.1, 0.9));
  g_assert_false (is_red_at (pixbuf, 0.1, 0.1));
  g_assert_false (is_red_at (pixbuf, 0.9, 0.9));
}

/* A 6000x4000 photo is stored at 2048 on its long edge, in proportion. */
static void
test_downscale (void)
{
  g_autoptr (GBytes) input = sw_test_make_jpeg (6000, 4000, NULL);
  g_autoptr (GBytes) jpeg = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;

  process (input, 2048, &jpeg, &pixbuf);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 2048);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 1365);
  g_assert_true (is_red_at (pixbuf, 0.1, 0.1));
  g_assert_false (is_red_at (pixbuf, 0.9, 0.9));
}

/* The long edge never grows, and never ends above the limit; a phone's
 * 4000-pixel photo is decoded at half size and kept at 2000 (within 5 %). */
static void
test_edge_limits (void)
{
  static const struct { int width, height; guint max_edge; int min_long, max_long; } cases[] = {
    { 640, 480, 2048, 640, 640 },
    { 4000, 3000, 2048, 1946, 2048 },
    { 3000, 4000, 1024, 973, 1024 },
    { 2500, 1000, 2048, 1946, 2048 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) input = sw_test_make_jpeg (cases[i].width, cases[i].height, NULL);
      g_autoptr (GBytes) jpeg = NULL;
      g_autoptr (GdkPixbuf) pixbuf = NULL;
      int long_edge;
      double in_ratio = (double) cases[i].width / cases[i].height;
      double out_ratio;

      process (input, cases[i].max_edge, &jpeg, &pixbuf);
      long_edge = MAX (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
      out_ratio = (double) gdk_pixbuf_get_width (pixbuf) / gdk_pixbuf_get_height (pixbuf);
      g_test_message ("%dx%d at %u: %dx%d", cases[i].width, cases[i].height, cases[i].max_edge,
                      gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
      g_assert_cmpint (long_edge, >=, cases[i].min_long);
      g_assert_cmpint (long_edge, <=, cases[i].max_long);
      g_assert_cmpfloat_with_epsilon (out_ratio, in_ratio, 0.01);
    }
}

/* What the camera said stays, as values: time and position. */
static void
test_exif_values (void)
{
  const char *exif[] = {
    "EXIF_DateTimeOriginal=2026:10:15 19:42:10",
    "EXIF_OffsetTimeOriginal=+02:00",
    "EXIF_GPSLatitudeRef=N",
    "EXIF_GPSLatitude=(58) (59) (42.12)",
    "EXIF_GPSLongitudeRef=E",
    "EXIF_GPSLongitude=(16) (12) (25.2)",
    NULL
  };
  g_autoptr (GBytes) input = sw_test_make_jpeg (320, 240, exif);
  g_auto (SwPhotoExif) values = { 0 };
  g_autoptr (GDateTime) expected = g_date_time_new_utc (2026, 10, 15, 17, 42, 10);

  g_assert_true (sw_photo_image_read_exif (input, &values));
  g_assert_nonnull (values.taken_at);
  g_assert_true (g_date_time_equal (values.taken_at, expected));
  g_assert_true (values.has_position);
  g_assert_cmpfloat_with_epsilon (values.latitude, 58 + 59 / 60.0 + 42.12 / 3600.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (values.longitude, 16 + 12 / 60.0 + 25.2 / 3600.0, 1e-9);
}

/* A JPEG cut short is refused with a message, not half stored. */
static void
test_truncated (void)
{
  g_autoptr (GBytes) input = sw_test_make_jpeg (800, 600, NULL);
  g_autoptr (GBytes) cut = g_bytes_new_from_bytes (input, 0, g_bytes_get_size (input) / 3);
  g_autoptr (GBytes) jpeg = NULL;
  g_autoptr (GError) error = NULL;

  /* libjpeg fills a cut-off picture with grey and warns; what matters is
   * that nothing crashes and a result, if any, is a whole JPEG. */
  if (sw_photo_image_process (cut, 2048, &jpeg, NULL, NULL, NULL, &error))
    {
      g_autoptr (GdkPixbuf) pixbuf = decode (jpeg);

      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 800);
    }
  else
    {
      g_assert_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_CORRUPT);
      g_test_message ("refused: %s", error->message);
    }
}

/* HEIC, as an iPhone saves it by default, is refused with what to do,
 * whether or not this computer could decode it. */
static void
test_heic_refused (void)
{
  /* The start of an HEIF file: a box "ftyp" with the brand "heic". */
  static const guint8 heic[] = { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c',
                                 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e', 'i', 'c' };
  g_autoptr (GBytes) input = g_bytes_new_static (heic, sizeof heic);
  g_autoptr (GError) error = NULL;

  g_assert_false (sw_photo_image_process (input, 2048, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "JPEG"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add_func ("/photo/orientation-6", test_orientation_6);
  g_test_add_func ("/photo/orientation-8", test_orientation_8);
  g_test_add_func ("/photo/downscale", test_downscale);
  g_test_add_func ("/photo/edge-limits", test_edge_limits);
  g_test_add_func ("/photo/exif-values", test_exif_values);
  g_test_add_func ("/photo/truncated", test_truncated);
  g_test_add_func ("/photo/heic-refused", test_heic_refused);

  return g_test_run ();
}
