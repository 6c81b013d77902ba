/* Benchmark, not a test: imports generated 12-megapixel phone photos with
 * positions into a new project, the way Import Photos does (prepared in a
 * pool of worker threads, stored as one edit), and times it. The peer, in
 * the same run, is decoding the same files at full size with GdkPixbuf and
 * scaling them down, which is what the import avoids.
 *
 * Usage: bench-photo-import [N_PHOTOS] (default 500); budget: 500 under 30 s. */
#include "config.h"

#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "sw-photo-import.h"
#include "sw-project.h"

/* A photo-like 4000x3000 JPEG: gradients and noise, so that the decoder has
 * real work, with a GPS position in Karlskoga. */
static GBytes *
make_base_photo (void)
{
  const int width = 4000, height = 3000;
  GDALDriverH mem = GDALGetDriverByName ("MEM");
  GDALDriverH jpeg = GDALGetDriverByName ("JPEG");
  GDALDatasetH source = GDALCreate (mem, "", width, height, 3, GDT_Byte, NULL);
  g_autofree guint8 *band = g_malloc ((gsize) width * height);
  g_autoptr (GRand) rand = g_rand_new_with_seed (12);
  const char *options[] = { "QUALITY=92", NULL };
  vsi_l_offset length = 0;
  GDALDatasetH copy;
  GByte *buffer;
  GBytes *bytes;

  for (int b = 0; b < 3; b++)
    {
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          band[(gsize) y * width + x] = (guint8) ((x * (b + 1) / 16 + y / 12 + g_rand_int_range (rand, 0, 40)) & 0xff);
      g_assert_cmpint (GDALRasterIO (GDALGetRasterBand (source, b + 1), GF_Write, 0, 0, width, height,
                                     band, width, height, GDT_Byte, 0, 0), ==, CE_None);
    }
  GDALSetMetadataItem (source, "EXIF_GPSLatitudeRef", "N", NULL);
  GDALSetMetadataItem (source, "EXIF_GPSLatitude", "(59) (19) (30.0)", NULL);
  GDALSetMetadataItem (source, "EXIF_GPSLongitudeRef", "E", NULL);
  GDALSetMetadataItem (source, "EXIF_GPSLongitude", "(14) (31) (20.0)", NULL);
  GDALSetMetadataItem (source, "EXIF_DateTimeOriginal", "2026:10:15 19:30:00", NULL);
  copy = GDALCreateCopy (jpeg, "/vsimem/bench-base.jpg", source, FALSE, (char **) options, NULL, NULL);
  GDALClose (copy);
  GDALClose (source);
  buffer = VSIGetMemFileBuffer ("/vsimem/bench-base.jpg", &length, TRUE);
  bytes = g_bytes_new (buffer, length);
  CPLFree (buffer);
  return bytes;
}

/* The same picture with a comment segment after SOI: other bytes, so each
 * file is a different photo to the import. */
static void
write_variant (GBytes     *base,
               const char *path,
               guint       number)
{
  g_autofree char *comment = g_strdup_printf ("photo %u", number);
  gsize size, comment_length = strlen (comment);
  const guint8 *data = g_bytes_get_data (base, &size);
  g_autoptr (GByteArray) out = g_byte_array_sized_new (size + 64);
  guint8 header[4] = { 0xFF, 0xFE, (guint8) ((comment_length + 2) >> 8), (guint8) (comment_length + 2) };

  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, header, 4);
  g_byte_array_append (out, (const guint8 *) comment, comment_length);
  g_byte_array_append (out, data + 2, size - 2);
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 500;
  guint n_peer = MIN (n, 50);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sw-bench-photos-XXXXXX", &error);
  g_autofree char *project_path = g_build_filename (dir, "bench.gpkg", NULL);
  g_autoptr (GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr (GBytes) base = NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GArray) results = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) prepared = NULL;
  SwPhotoImportOptions options;
  guint n_threads = g_get_num_processors ();
  gint64 start, prepared_at, stored_at, peer_start, peer_end;

  GDALAllRegister ();
  g_assert_no_error (error);

  g_print ("Making %u photos of 4000x3000 in %s...\n", n, dir);
  base = make_base_photo ();
  for (guint i = 0; i < n; i++)
    {
      char *path = g_strdup_printf ("%s/IMG_%04u.jpg", dir, i);

      write_variant (base, path, i);
      g_ptr_array_add (paths, path);
    }
  g_print ("Each file: %zu bytes\n", g_bytes_get_size (base));

  project = sw_project_create (project_file, "Bench", "Karlskoga", &error);
  g_assert_no_error (error);

  /* Safety Walk, as Import Photos runs it: the folder is searched and its
   * photos prepared by one worker per core, then stored as one edit. */
  start = g_get_monotonic_time ();
  {
    g_autoptr (GPtrArray) given = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (given, g_file_new_for_path (dir));
    files = sw_photo_import_collect_files (given, NULL, &error);
    g_assert_no_error (error);
  }
  /* The project itself is in the folder too, but is no photo by its name. */
  g_assert_cmpuint (files->len, ==, n);
  prepared = sw_photo_import_prepare_files (files, 2048, n_threads, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prepared->len, ==, n);
  prepared_at = g_get_monotonic_time ();

  sw_photo_import_options_init (&options);
  results = sw_project_import_photos (project, prepared, &options, &error);
  g_assert_no_error (error);
  stored_at = g_get_monotonic_time ();
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, n);

  /* The peer: full-size decode and scale, on the same threads' worth of
   * work, for the first photos only, then scaled to N. */
  peer_start = g_get_monotonic_time ();
  for (guint i = 0; i < n_peer; i++)
    {
      g_autoptr (GdkPixbuf) full = gdk_pixbuf_new_from_file (paths->pdata[i], &error);
      g_autoptr (GdkPixbuf) scaled = NULL;
      g_autofree char *buffer = NULL;
      gsize size;

      g_assert_no_error (error);
      scaled = gdk_pixbuf_scale_simple (full, 2048, 1536, GDK_INTERP_BILINEAR);
      g_assert_true (gdk_pixbuf_save_to_buffer (scaled, &buffer, &size, "jpeg", &error, "quality", "88", NULL));
    }
  peer_end = g_get_monotonic_time ();

  g_print ("\n%-52s %10s\n", "", "seconds");
  g_print ("%-52s %10.2f\n", "Safety Walk: prepare (decode, scale, encode, EXIF)", (prepared_at - start) / 1e6);
  g_print ("%-52s %10.2f\n", "Safety Walk: store as one edit", (stored_at - prepared_at) / 1e6);
  g_print ("%-52s %10.2f   (%u photos, %u threads; budget 30 s for 500)\n", "Safety Walk: total",
           (stored_at - start) / 1e6, n, n_threads);
  g_print ("%-52s %10.2f   (measured on %u, one thread, per photo %.0f ms)\n",
           "Peer: GdkPixbuf full decode + scale + encode, x N", (peer_end - peer_start) / 1e6 * n / n_peer,
           n_peer, (peer_end - peer_start) / 1e3 / n_peer);
  g_print ("%-52s %10.0f ms\n", "Safety Walk per photo, per thread",
           (prepared_at - start) / 1e3 / n * n_threads);

  sw_project_close (project);
  for (guint i = 0; i < paths->len; i++)
    g_unlink (paths->pdata[i]);
  g_unlink (project_path);
  g_rmdir (dir);
  return 0;
}
