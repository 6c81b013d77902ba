/* The basemap tiles, wrapped so failures are seen: libshumate leaves a tile
 * blank when it fails, and a blank map with no word why helps no one. */
#define G_LOG_DOMAIN "sw-basemap-source"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sw-basemap-source.h"
#include "sw-mbtiles-source.h"

struct _SwBasemapSource
{
  ShumateDataSource parent_instance;

  /* NULL when the settings name a source that cannot be used; then every
   * tile fails with @setup_error. */
  ShumateDataSource *tiles;
  GError *setup_error;
  gboolean remote;

  char *id;
  char *name;
  char *license;
  char *license_uri;
  guint min_zoom;
  guint max_zoom;
  guint tile_size;

  char *problem;
  guint n_served;
};

G_DEFINE_FINAL_TYPE (SwBasemapSource, sw_basemap_source, SHUMATE_TYPE_DATA_SOURCE)

enum
{
  PROP_0,
  PROP_PROBLEM,
  PROP_N_SERVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_problem (SwBasemapSource *self,
             const char      *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* A tile that is simply not there (an MBTiles file covering only the town,
 * a 404 at the edge of a server's area) is no reason to warn. */
static gboolean
is_missing_tile (const GError *error)
{
  return g_error_matches (error, SW_MBTILES_ERROR, SW_MBTILES_ERROR_NO_TILE)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static char *
describe_failure (SwBasemapSource *self,
                  const GError    *error)
{
  if (error->domain == SHUMATE_TILE_DOWNLOADER_ERROR)
    {
      switch ((ShumateTileDownloaderError) error->code)
        {
        case SHUMATE_TILE_DOWNLOADER_ERROR_OFFLINE:
        case SHUMATE_TILE_DOWNLOADER_ERROR_COULD_NOT_CONNECT:
          return g_strdup (_("There is no connection to the tile server."));
        case SHUMATE_TILE_DOWNLOADER_ERROR_BAD_RESPONSE:
          return g_strdup_printf (_("The tile server did not send the map: %s."), error->message);
        case SHUMATE_TILE_DOWNLOADER_ERROR_MALFORMED_URL:
          return g_strdup (_("The tile server address is not valid."));
        case SHUMATE_TILE_DOWNLOADER_ERROR_FAILED:
        default:
          break;
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED)
      || error->domain == G_RESOLVER_ERROR)
    return g_strdup (_("There is no connection to the tile server."));

  if (self->remote)
    return g_strdup_printf (_("The tile server cannot be reached: %s."), error->message);

  return g_strdup (error->message);
}

static void
on_tiles_received_data (SwBasemapSource   *self,
                        int                x,
                        int                y,
                        int                zoom_level,
                        GBytes            *bytes,
                        ShumateDataSource *tiles)
{
  g_signal_emit_by_name (self, "received-data", x, y, zoom_level, bytes);
}

static void
on_tile_data (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SwBasemapSource *self = g_task_get_source_object (task);
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &error);
  if (bytes != NULL)
    {
      self->n_served++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SERVED]);
      set_problem (self, NULL);
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (!is_missing_tile (error))
    {
      g_autofree char *problem = describe_failure (self, error);

      g_debug ("Tile failed: %s", error->message);
      set_problem (self, problem);
    }

  g_task_return_error (task, error);
}

static void
sw_basemap_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom_level,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  SwBasemapSource *self = SW_BASEMAP_SOURCE (source);
  g_autoptr (GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sw_basemap_source_get_tile_data_async);

  if (self->tiles == NULL)
    {
      g_task_return_error (task, g_error_copy (self->setup_error));
      return;
    }

  shumate_data_source_get_tile_data_async (self->tiles, x, y, zoom_level, cancellable,
                                           on_tile_data, g_steal_pointer (&task));
}

static GBytes *
sw_basemap_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sw_basemap_source_finalize (GObject *object)
{
  SwBasemapSource *self = SW_BASEMAP_SOURCE (object);

  g_clear_object (&self->tiles);
  g_clear_error (&self->setup_error);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->license, g_free);
  g_clear_pointer (&self->license_uri, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (sw_basemap_source_parent_class)->finalize (object);
}

static void
sw_basemap_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SwBasemapSource *self = SW_BASEMAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    case PROP_N_SERVED:
      g_value_set_uint (value, self->n_served);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_basemap_source_class_init (SwBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *data_source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = sw_basemap_source_finalize;
  object_class->get_property = sw_basemap_source_get_property;

  data_source_class->get_tile_data_async = sw_basemap_source_get_tile_data_async;
  data_source_class->get_tile_data_finish = sw_basemap_source_get_tile_data_finish;

  /* Why the map background cannot be shown, for a person; NULL while tiles
   * arrive. */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_N_SERVED] =
    g_param_spec_uint ("n-served", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_basemap_source_init (SwBasemapSource *self)
{
  self->min_zoom = 0;
  self->max_zoom = 19;
  self->tile_size = 256;
}

/* An XYZ template must be a web address with the three placeholders
 * libshumate fills in. */
gboolean
sw_basemap_check_url_template (const char  *url_template,
                               GError     **error)
{
  g_autofree char *scheme = NULL;

  if (url_template == NULL || *url_template == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No tile server address was entered."));
      return FALSE;
    }

  scheme = g_uri_parse_scheme (url_template);
  if (scheme == NULL
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The tile server address must start with https:// or http://."));
      return FALSE;
    }

  if (strstr (url_template, "{z}") == NULL
      || strstr (url_template, "{x}") == NULL
      || strstr (url_template, "{y}") == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The tile server address must contain {z}, {x} and {y} "
                             "where the zoom level, column and row go."));
      return FALSE;
    }

  return TRUE;
}

static void
setup_osm (SwBasemapSource *self)
{
  self->tiles = SHUMATE_DATA_SOURCE (shumate_tile_downloader_new (SW_BASEMAP_OSM_URL));
  self->remote = TRUE;
  self->id = g_strdup ("osm-mapnik");
  self->name = g_strdup ("OpenStreetMap");
  self->license = g_strdup (SW_BASEMAP_OSM_LICENSE);
  self->license_uri = g_strdup (SW_BASEMAP_OSM_LICENSE_URI);
  self->max_zoom = 19;
}

static void
setup_xyz (SwBasemapSource *self,
           const char      *url_template)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *checksum = NULL;

  self->remote = TRUE;
  self->name = g_strdup (_("Tile server"));

  if (!sw_basemap_check_url_template (url_template, &error))
    {
      self->id = g_strdup ("xyz-invalid");
      self->setup_error = g_steal_pointer (&error);
      return;
    }

  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url_template, -1);
  self->id = g_strdup_printf ("xyz-%s", checksum);
  self->tiles = SHUMATE_DATA_SOURCE (shumate_tile_downloader_new (url_template));

  /* A custom server's terms are unknown; naming its host at least says
   * where the map comes from. */
  uri = g_uri_parse (url_template, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    self->license = g_strdup_printf (_("Map tiles from %s"), g_uri_get_host (uri));
}

static void
setup_mbtiles (SwBasemapSource *self,
               const char      *path)
{
  g_autoptr (SwMbtilesSource) mbtiles = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *checksum = NULL;
  const char *attribution;
  GError *error = NULL;

  self->remote = FALSE;
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, path != NULL ? path : "", -1);
  self->id = g_strdup_printf ("mbtiles-%s", checksum);

  if (path == NULL || *path == '\0')
    {
      self->name = g_strdup (_("Offline map"));
      self->setup_error = g_error_new_literal (SW_MBTILES_ERROR, SW_MBTILES_ERROR_OPEN,
                                               _("No offline map file was chosen."));
      return;
    }

  file = g_file_new_for_path (path);
  mbtiles = sw_mbtiles_source_new (file, &error);
  if (mbtiles == NULL)
    {
      self->name = g_strdup (_("Offline map"));
      self->setup_error = error;
      return;
    }

  self->name = g_strdup (sw_mbtiles_source_get_name (mbtiles));
  attribution = sw_mbtiles_source_get_attribution (mbtiles);
  if (attribution != NULL && *attribution != '\0')
    self->license = g_strdup (attribution);
  self->min_zoom = sw_mbtiles_source_get_min_zoom (mbtiles);
  self->max_zoom = sw_mbtiles_source_get_max_zoom (mbtiles);
  self->tile_size = sw_mbtiles_source_get_tile_size (mbtiles);
  self->tiles = SHUMATE_DATA_SOURCE (g_steal_pointer (&mbtiles));
}

/* Never fails: a source the settings name but that cannot be used still
 * gives a map (of blank tiles) and says why through #SwBasemapSource:problem,
 * so findings and routes stay on screen. */
SwBasemapSource *
sw_basemap_source_new_from_settings (GSettings *settings)
{
  SwBasemapSource *self;
  g_autofree char *source = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SW_TYPE_BASEMAP_SOURCE, NULL);
  source = g_settings_get_string (settings, "basemap-source");

  if (g_str_equal (source, "xyz"))
    {
      g_autofree char *url_template = g_settings_get_string (settings, "basemap-url");

      setup_xyz (self, url_template);
    }
  else if (g_str_equal (source, "mbtiles"))
    {
      g_autofree char *path = g_settings_get_string (settings, "basemap-mbtiles");

      setup_mbtiles (self, path);
    }
  else
    setup_osm (self);

  if (self->tiles != NULL)
    g_signal_connect_object (self->tiles, "received-data",
                             G_CALLBACK (on_tiles_received_data), self,
                             G_CONNECT_SWAPPED);
  else
    self->problem = g_strdup (self->setup_error->message);

  return self;
}

/* A new map source each time: libshumate never asks again for a tile that
 * failed, but a new map source gets a new map layer that does. */
ShumateMapSource *
sw_basemap_source_create_map_source (SwBasemapSource *self)
{
  g_return_val_if_fail (SW_IS_BASEMAP_SOURCE (self), NULL);

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (self->id,
                                                               self->name,
                                                               self->license,
                                                               self->license_uri,
                                                               self->min_zoom,
                                                               self->max_zoom,
                                                               self->tile_size,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (self)));
}

/* The source the tiles come from: a ShumateTileDownloader, a
 * SwMbtilesSource, or NULL when the settings name nothing usable. */
ShumateDataSource *
sw_basemap_source_get_tiles (SwBasemapSource *self)
{
  g_return_val_if_fail (SW_IS_BASEMAP_SOURCE (self), NULL);

  return self->tiles;
}

const char *
sw_basemap_source_get_problem (SwBasemapSource *self)
{
  g_return_val_if_fail (SW_IS_BASEMAP_SOURCE (self), NULL);

  return self->problem;
}

guint
sw_basemap_source_get_n_served (SwBasemapSource *self)
{
  g_return_val_if_fail (SW_IS_BASEMAP_SOURCE (self), 0);

  return self->n_served;
}

gboolean
sw_basemap_source_is_remote (SwBasemapSource *self)
{
  g_return_val_if_fail (SW_IS_BASEMAP_SOURCE (self), FALSE);

  return self->remote;
}
