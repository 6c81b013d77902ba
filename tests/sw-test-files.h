/* Files the tests make and remove: temporary folders, MBTiles tile sets. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and, for a folder, everything in it (also folders a test
 * made read-only); symbolic links are removed, not followed. */
void sw_test_remove_tree   (const char *path);

/* Writes an MBTiles file at @path holding @png for every tile of zoom
 * levels @min_zoom to @max_zoom that covers the box from @west, @south to
 * @east, @north (degrees), with @attribution in its metadata. */
void sw_test_write_mbtiles (const char *path,
                            GBytes     *png,
                            int         min_zoom,
                            int         max_zoom,
                            double      west,
                            double      south,
                            double      east,
                            double      north,
                            const char *attribution);

/* The PNG encoding of @surface, for tiles and images the tests draw. */
GBytes *sw_test_png_from_surface (cairo_surface_t *surface);

G_END_DECLS
