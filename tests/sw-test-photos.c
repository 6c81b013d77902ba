/* Photo files for tests, made with GDAL's JPEG driver so that they carry
 * real EXIF: orientation, time, GPS position. */
#include "config.h"

#include <math.h>
#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_vsi.h>

#include "sw-test-photos.h"

/* A JPEG of @width x @height, blue with a red quarter in the top-left
 * corner as stored, with the EXIF items given as NAME=VALUE. */
GBytes *
sw_test_make_jpeg (int                width,
                   int                height,
                   const char *const *exif)
{
  GDALDriverH mem = GDALGetDriverByName ("MEM");
  GDALDriverH jpeg = GDALGetDriverByName ("JPEG");
  g_autofree char *path = g_strdup_printf ("/vsimem/test-photo-%u.jpg", g_random_int ());
  g_autofree guint8 *band = g_malloc ((gsize) width * height);
  GDALDatasetH source = GDALCreate (mem, "", width, height, 3, GDT_Byte, NULL);
  GDALDatasetH copy;
  vsi_l_offset length = 0;
  GByte *buffer;
  GBytes *bytes;

  for (int b = 0; b < 3; b++)
    {
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            gboolean red = x < width / 2 && y < height / 2;
            static const guint8 red_rgb[3] = { 230, 20, 20 };
            static const guint8 blue_rgb[3] = { 20, 40, 220 };

            band[(gsize) y * width + x] = red ? red_rgb[b] : blue_rgb[b];
          }
      g_assert_cmpint (GDALRasterIO (GDALGetRasterBand (source, b + 1), GF_Write, 0, 0, width, height,
                                     band, width, height, GDT_Byte, 0, 0), ==, CE_None);
    }
  for (guint i = 0; exif != NULL && exif[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (exif[i], "=", 2);

      GDALSetMetadataItem (source, pair[0], pair[1], NULL);
    }

  copy = GDALCreateCopy (jpeg, path, source, FALSE, NULL, NULL, NULL);
  g_assert_nonnull (copy);
  GDALClose (copy);
  GDALClose (source);

  buffer = VSIGetMemFileBuffer (path, &length, TRUE);
  bytes = g_bytes_new (buffer, length);
  CPLFree (buffer);
  return bytes;
}

/* Degrees as EXIF's "(d) (m) (s)", seconds to the 1/10000, about 3 mm. */
char *
sw_test_exif_dms (double degrees)
{
  double value = fabs (degrees);
  int d = (int) floor (value);
  int m = (int) floor ((value - d) * 60.0);
  double s = ((value - d) * 60.0 - m) * 60.0;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("(%d) (%d) (%s)", d, m, g_ascii_formatd (buffer, sizeof buffer, "%.4f", s));
}
