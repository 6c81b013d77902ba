/* Files the tests make and remove: temporary folders, MBTiles tile sets. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "sw-test-files.h"

/* Web Mercator, 0 to 1 from west to east and from north to south. */
static double
mercator_x (double longitude)
{
  return (longitude + 180.0) / 360.0;
}

static double
mercator_y (double latitude)
{
  double phi = latitude * G_PI / 180.0;

  return (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

void
sw_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }

  /* A test of an unwritable folder leaves it read-only. */
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      sw_test_remove_tree (child);
    }
  g_rmdir (path);
}

void
sw_test_write_mbtiles (const char *path,
                       GBytes     *png,
                       int         min_zoom,
                       int         max_zoom,
                       double      west,
                       double      south,
                       double      east,
                       double      north,
                       const char *attribution)
{
  g_autofree char *min_text = g_strdup_printf ("%d", min_zoom);
  g_autofree char *max_text = g_strdup_printf ("%d", max_zoom);
  const char *metadata[][2] = {
    { "name", "Test tiles" },
    { "format", "png" },
    { "type", "baselayer" },
    { "minzoom", min_text },
    { "maxzoom", max_text },
    { "attribution", attribution },
  };
  sqlite3_stmt *insert = NULL;
  sqlite3 *db = NULL;
  gsize size;
  const void *data = g_bytes_get_data (png, &size);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE metadata (name TEXT, value TEXT);"
                                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                                 "                    tile_row INTEGER, tile_data BLOB);"
                                 "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
                                 "BEGIN;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO metadata VALUES (?, ?)", -1, &insert, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (metadata); i++)
    {
      sqlite3_bind_text (insert, 1, metadata[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, metadata[i][1], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
    }
  sqlite3_finalize (insert);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &insert, NULL), ==, SQLITE_OK);
  for (int zoom = min_zoom; zoom <= max_zoom; zoom++)
    {
      double n = exp2 (zoom);
      int x0 = (int) floor (mercator_x (west) * n);
      int x1 = (int) floor (mercator_x (east) * n);
      int y0 = (int) floor (mercator_y (north) * n);
      int y1 = (int) floor (mercator_y (south) * n);

      for (int x = x0; x <= x1; x++)
        for (int y = y0; y <= y1; y++)
          {
            sqlite3_bind_int (insert, 1, zoom);
            sqlite3_bind_int (insert, 2, x);
            /* MBTiles count rows from the south (TMS). */
            sqlite3_bind_int (insert, 3, (1 << zoom) - 1 - y);
            sqlite3_bind_blob (insert, 4, data, (int) size, SQLITE_STATIC);
            g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
            sqlite3_reset (insert);
          }
    }
  sqlite3_finalize (insert);

  g_assert_cmpint (sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

GBytes *
sw_test_png_from_surface (cairo_surface_t *surface)
{
  g_autoptr (GByteArray) png = g_byte_array_new ();

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
