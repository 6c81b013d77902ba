/* Map tiles read from an MBTiles file, for work without a network. */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SW_MBTILES_ERROR (sw_mbtiles_error_quark ())

typedef enum
{
  SW_MBTILES_ERROR_OPEN,
  SW_MBTILES_ERROR_NOT_MBTILES,
  SW_MBTILES_ERROR_UNSUPPORTED,
  SW_MBTILES_ERROR_READ,
  SW_MBTILES_ERROR_NO_TILE,
} SwMbtilesError;

GQuark sw_mbtiles_error_quark (void);

#define SW_TYPE_MBTILES_SOURCE (sw_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (SwMbtilesSource, sw_mbtiles_source, SW, MBTILES_SOURCE, ShumateDataSource)

SwMbtilesSource *sw_mbtiles_source_new             (GFile            *file,
                                                    GError          **error);
GFile           *sw_mbtiles_source_get_file        (SwMbtilesSource  *self);
const char      *sw_mbtiles_source_get_name        (SwMbtilesSource  *self);
const char      *sw_mbtiles_source_get_attribution (SwMbtilesSource  *self);
const char      *sw_mbtiles_source_get_format      (SwMbtilesSource  *self);
guint            sw_mbtiles_source_get_min_zoom    (SwMbtilesSource  *self);
guint            sw_mbtiles_source_get_max_zoom    (SwMbtilesSource  *self);
guint            sw_mbtiles_source_get_tile_size   (SwMbtilesSource  *self);

G_END_DECLS
