/* The tiles under the project: OpenStreetMap, an XYZ server or an MBTiles
 * file, chosen in the settings, watched so the window can say when they fail. */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SW_BASEMAP_OSM_URL     "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#define SW_BASEMAP_OSM_LICENSE "© OpenStreetMap contributors"
#define SW_BASEMAP_OSM_LICENSE_URI "https://www.openstreetmap.org/copyright"

#define SW_TYPE_BASEMAP_SOURCE (sw_basemap_source_get_type ())
G_DECLARE_FINAL_TYPE (SwBasemapSource, sw_basemap_source, SW, BASEMAP_SOURCE, ShumateDataSource)

SwBasemapSource   *sw_basemap_source_new_from_settings   (GSettings        *settings);
ShumateMapSource  *sw_basemap_source_create_map_source   (SwBasemapSource  *self);
ShumateDataSource *sw_basemap_source_get_tiles           (SwBasemapSource  *self);
const char        *sw_basemap_source_get_problem         (SwBasemapSource  *self);
guint              sw_basemap_source_get_n_served        (SwBasemapSource  *self);
gboolean           sw_basemap_source_is_remote           (SwBasemapSource  *self);

gboolean           sw_basemap_check_url_template         (const char       *url_template,
                                                          GError          **error);

G_END_DECLS
