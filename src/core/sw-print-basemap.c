/* The basemap of a printed map, read through GDAL at print resolution: an
 * MBTiles file with its own driver, or an XYZ tile server through the WMS
 * driver, so printing needs no display and no map widget. */
#define G_LOG_DOMAIN "sw-print"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cpl_error.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sw-print-private.h"

#define MERCATOR_RADIUS 6378137.0
#define MERCATOR_HALF   20037508.342789244

void
_sw_print_mercator (double  longitude,
                    double  latitude,
                    double *x,
                    double *y)
{
  double phi = CLAMP (latitude, -85.05112878, 85.05112878) * G_PI / 180.0;

  *x = MERCATOR_RADIUS * longitude * G_PI / 180.0;
  *y = MERCATOR_RADIUS * log (tan (G_PI / 4 + phi / 2));
}

/* Attribution is stored as HTML in MBTiles ("<a href=…>OSM</a> &copy; …"):
 * the printed page wants its text. */
static char *
strip_markup (const char *html)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&copy;", "©" }, { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
    { "&quot;", "\"" }, { "&#39;", "'" }, { "&nbsp;", " " },
  };
  GString *text = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        {
          gboolean replaced = FALSE;

          if (*p == '&')
            for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
              if (g_str_has_prefix (p, entities[i].entity))
                {
                  g_string_append (text, entities[i].text);
                  p += strlen (entities[i].entity) - 1;
                  replaced = TRUE;
                  break;
                }
          if (!replaced)
            g_string_append_c (text, *p);
        }
    }

  return g_strstrip (g_string_free (text, FALSE));
}

/* Checks that @path is an MBTiles file and reads its attribution, with
 * SQLite read-only: a clear error before GDAL says something vaguer. */
static gboolean
read_mbtiles_attribution (const char  *path,
                          char       **attribution,
                          GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gboolean ok = FALSE;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_BASEMAP,
                   _("The basemap file “%s” does not exist; choose another MBTiles file."),
                   path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT (SELECT value FROM metadata WHERE name = 'attribution'),"
                                 " EXISTS (SELECT 1 FROM tiles)",
                             -1, &statement, NULL);
  if (rc == SQLITE_OK && sqlite3_step (statement) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (statement, 0);

      if (sqlite3_column_int (statement, 1) == 0)
        g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_BASEMAP,
                     _("The basemap file “%s” holds no tiles; choose another MBTiles file."),
                     path);
      else
        {
          *attribution = value != NULL ? strip_markup (value) : NULL;
          ok = TRUE;
        }
    }
  else
    g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_BASEMAP,
                 _("The basemap file “%s” is not an MBTiles file; choose another file."),
                 path);

  sqlite3_finalize (statement);
  sqlite3_close (db);
  return ok;
}

static char *
markup_escape_xml (const char *text)
{
  return g_markup_escape_text (text, -1);
}

/* A GDAL WMS description of an XYZ tile server in Web Mercator, tiles of
 * 256 pixels from zoom 0 to 19, missing tiles (404) left blank. */
static char *
wms_description (const char  *url_template,
                 GError     **error)
{
  g_autoptr (GString) url = NULL;
  g_autofree char *escaped = NULL;

  if (strstr (url_template, "{z}") == NULL || strstr (url_template, "{x}") == NULL
      || strstr (url_template, "{y}") == NULL)
    {
      g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_BASEMAP,
                   _("The basemap address “%s” has no {z}, {x} and {y} for the zoom level, "
                     "column and row of a tile; give an XYZ template."),
                   url_template);
      return NULL;
    }
  if (!g_str_has_prefix (url_template, "http://") && !g_str_has_prefix (url_template, "https://"))
    {
      g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_BASEMAP,
                   _("The basemap address “%s” is not an http or https address."),
                   url_template);
      return NULL;
    }

  url = g_string_new (url_template);
  g_string_replace (url, "{z}", "${z}", 0);
  g_string_replace (url, "{x}", "${x}", 0);
  g_string_replace (url, "{y}", "${y}", 0);
  escaped = markup_escape_xml (url->str);

  return g_strdup_printf ("<GDAL_WMS>"
                          "<Service name=\"TMS\"><ServerUrl>%s</ServerUrl></Service>"
                          "<DataWindow>"
                          "<UpperLeftX>%.9f</UpperLeftX><UpperLeftY>%.9f</UpperLeftY>"
                          "<LowerRightX>%.9f</LowerRightX><LowerRightY>%.9f</LowerRightY>"
                          "<TileLevel>19</TileLevel><TileCountX>1</TileCountX>"
                          "<TileCountY>1</TileCountY><YOrigin>top</YOrigin>"
                          "</DataWindow>"
                          "<Projection>EPSG:3857</Projection>"
                          "<BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>"
                          "<BandsCount>3</BandsCount>"
                          "<UserAgent>SafetyWalk/%s (+https://github.com/safetywalk/safetywalk)</UserAgent>"
                          "<Timeout>15</Timeout><MaxConnections>4</MaxConnections>"
                          "<ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes>"
                          "</GDAL_WMS>",
                          escaped, -MERCATOR_HALF, MERCATOR_HALF, MERCATOR_HALF, -MERCATOR_HALF,
                          PACKAGE_VERSION);
}

/* GDAL's message for a failed download runs to several lines with advice
 * for developers; the page gets the reason in a few words. */
static char *
short_reason (const char *message)
{
  g_autofree char *first = NULL;
  const char *end;

  if (strstr (message, "connect") != NULL || strstr (message, "resolve") != NULL
      || strstr (message, "timed out") != NULL || strstr (message, "Timeout") != NULL)
    return g_strdup (_("no connection to the tile server"));
  if (strstr (message, "HTTP") != NULL || strstr (message, "http") != NULL)
    return g_strdup (_("the tile server refused the request"));
  end = strchr (message, '\n');
  first = g_strndup (message, end != NULL ? (gsize) (end - message) : strlen (message));
  if (g_utf8_strlen (first, -1) > 80)
    {
      *g_utf8_offset_to_pointer (first, 78) = '\0';
      return g_strconcat (first, "…", NULL);
    }
  return g_steal_pointer (&first);
}

static int CPL_STDCALL
on_raster_progress (double      complete,
                    const char *message,
                    void       *user_data)
{
  GCancellable *cancellable = user_data;

  (void) complete;
  (void) message;
  return !g_cancellable_is_cancelled (cancellable);
}

static char *
url_host (const char *url_template)
{
  g_autoptr (GUri) uri = g_uri_parse (url_template, G_URI_FLAGS_PARSE_RELAXED, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url_template);
  return g_strdup (g_uri_get_host (uri));
}

cairo_surface_t *
_sw_print_fetch_basemap (const SwPrintBasemapSpec *spec,
                         double                    min_x,
                         double                    min_y,
                         double                    max_x,
                         double                    max_y,
                         int                       width,
                         int                       height,
                         GCancellable             *cancellable,
                         char                    **attribution,
                         char                    **problem,
                         GError                  **error)
{
  static const char *const mbtiles_drivers[] = { "MBTiles", NULL };
  static const char *const wms_drivers[] = { "WMS", NULL };
  g_autofree char *description = NULL;
  g_autofree char *source_name = NULL;
  GDALDatasetH dataset;
  double transform[6];
  int n_bands;
  double px0, py0, px1, py1;
  int wx0, wy0, wx1, wy1, bx0, by0, bx1, by1;
  g_autofree guint8 *pixels = NULL;
  cairo_surface_t *surface;
  GDALRasterIOExtraArg extra;
  int band_map[4] = { 1, 2, 3, 4 };
  int n_read;
  CPLErr status;

  *attribution = NULL;
  *problem = NULL;

  if (spec->mbtiles != NULL)
    {
      if (!read_mbtiles_attribution (spec->mbtiles, attribution, error))
        return NULL;
      if (spec->attribution != NULL)
        {
          g_free (*attribution);
          *attribution = g_strdup (spec->attribution);
        }
      source_name = g_path_get_basename (spec->mbtiles);
    }
  else if (spec->url_template != NULL)
    {
      description = wms_description (spec->url_template, error);
      if (description == NULL)
        return NULL;
      source_name = url_host (spec->url_template);
      if (spec->attribution != NULL)
        *attribution = g_strdup (spec->attribution);
      else
        /* TRANSLATORS: the attribution printed for a tile server the app
         * knows nothing about; %s is its host name */
        *attribution = g_strdup_printf (_("Map tiles: %s"), source_name);
    }
  else
    {
      *problem = g_strdup (_("No basemap was chosen: the map is printed without one."));
      return NULL;
    }

  GDALAllRegister ();
  CPLPushErrorHandler (CPLQuietErrorHandler);
  CPLErrorReset ();
  dataset = GDALOpenEx (spec->mbtiles != NULL ? spec->mbtiles : description,
                        GDAL_OF_RASTER | GDAL_OF_READONLY,
                        spec->mbtiles != NULL ? mbtiles_drivers : wms_drivers, NULL, NULL);
  if (dataset == NULL)
    {
      CPLPopErrorHandler ();
      if (spec->mbtiles != NULL)
        {
          g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_BASEMAP,
                       _("The basemap file “%s” cannot be read as map tiles: %s"),
                       spec->mbtiles, CPLGetLastErrorMsg ());
          g_clear_pointer (attribution, g_free);
          return NULL;
        }
      g_autofree char *reason = short_reason (CPLGetLastErrorMsg ());

      *problem = g_strdup_printf (_("The basemap from %s is unavailable (%s): "
                                    "the map is printed without it."),
                                  source_name, reason);
      return NULL;
    }

  GDALGetGeoTransform (dataset, transform);
  n_bands = MIN (GDALGetRasterCount (dataset), 4);

  /* The window asked for, in the dataset's pixels, and the part of it the
   * dataset covers; that part lands at its place in the image. */
  px0 = (min_x - transform[0]) / transform[1];
  px1 = (max_x - transform[0]) / transform[1];
  py0 = (max_y - transform[3]) / transform[5];
  py1 = (min_y - transform[3]) / transform[5];
  wx0 = MAX (0, (int) floor (px0));
  wy0 = MAX (0, (int) floor (py0));
  wx1 = MIN (GDALGetRasterXSize (dataset), (int) ceil (px1));
  wy1 = MIN (GDALGetRasterYSize (dataset), (int) ceil (py1));
  if (wx1 <= wx0 || wy1 <= wy0 || n_bands < 1)
    {
      GDALClose (dataset);
      CPLPopErrorHandler ();
      *problem = g_strdup_printf (_("The basemap %s has no tiles for this area: "
                                    "the map is printed without it."),
                                  source_name);
      return NULL;
    }
  bx0 = (int) round ((wx0 - px0) / (px1 - px0) * width);
  bx1 = (int) round ((wx1 - px0) / (px1 - px0) * width);
  by0 = (int) round ((wy0 - py0) / (py1 - py0) * height);
  by1 = (int) round ((wy1 - py0) / (py1 - py0) * height);
  bx0 = CLAMP (bx0, 0, width);
  bx1 = CLAMP (bx1, bx0 + 1, width);
  by0 = CLAMP (by0, 0, height);
  by1 = CLAMP (by1, by0 + 1, height);

  n_read = n_bands;
  if (n_bands == 2)
    band_map[1] = 2; /* grey and alpha */
  pixels = g_malloc0 ((gsize) (bx1 - bx0) * (by1 - by0) * n_read);

  INIT_RASTERIO_EXTRA_ARG (extra);
  extra.eResampleAlg = GRIORA_Bilinear;
  extra.pfnProgress = on_raster_progress;
  extra.pProgressData = cancellable;

  status = GDALDatasetRasterIOEx (dataset, GF_Read, wx0, wy0, wx1 - wx0, wy1 - wy0, pixels,
                                  bx1 - bx0, by1 - by0, GDT_Byte, n_read, band_map, n_read,
                                  (GSpacing) (bx1 - bx0) * n_read, 1, &extra);
  GDALClose (dataset);

  if (status != CE_None)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          CPLPopErrorHandler ();
          g_clear_pointer (attribution, g_free);
          return NULL;
        }
      g_autofree char *reason = short_reason (CPLGetLastErrorMsg ());

      *problem = g_strdup_printf (_("The basemap from %s is unavailable (%s): "
                                    "the map is printed without it."),
                                  source_name, reason);
      CPLPopErrorHandler ();
      return NULL;
    }
  CPLPopErrorHandler ();

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  {
    guint8 *data;
    int stride;

    cairo_surface_flush (surface);
    data = cairo_image_surface_get_data (surface);
    stride = cairo_image_surface_get_stride (surface);
    memset (data, 0, (gsize) stride * height);
    for (int y = by0; y < by1; y++)
      {
        guint32 *row = (guint32 *) (data + (gsize) y * stride);
        const guint8 *in = pixels + (gsize) (y - by0) * (bx1 - bx0) * n_read;

        for (int x = bx0; x < bx1; x++, in += n_read)
          {
            guint r, g, b, a;

            if (n_read >= 3)
              {
                r = in[0]; g = in[1]; b = in[2];
                a = n_read == 4 ? in[3] : 255;
              }
            else
              {
                r = g = b = in[0];
                a = n_read == 2 ? in[1] : 255;
              }
            r = r * a / 255; g = g * a / 255; b = b * a / 255;
            row[x] = (a << 24) | (r << 16) | (g << 8) | b;
          }
      }
    cairo_surface_mark_dirty (surface);
  }

  return surface;
}
