/* Turning a photo file into what a project stores: upright, downscaled JPEG
 * without metadata, and a thumbnail. */
#define G_LOG_DOMAIN "sw-photo-image"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <string.h>
#include <setjmp.h>
#include <stdio.h>
#include <jpeglib.h>
#include <jerror.h>
#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include "sw-photo-image.h"

G_DEFINE_QUARK (sw-photo-image-error-quark, sw_photo_image_error)

typedef struct
{
  guint max_edge;
  gboolean too_large;
} SizeRequest;

/* Called by the loader once it knows the size, before any pixel is decoded:
 * the place to refuse huge images and to ask JPEG for scaled decoding. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  SizeRequest *request = user_data;
  double scale;

  if ((guint64) width * (guint64) height > SW_PHOTO_IMAGE_MAX_PIXELS)
    {
      /* A size of zero makes the loaders stop before they allocate the
       * pixels, as gdk_pixbuf_get_file_info() does. */
      request->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  scale = (double) request->max_edge / MAX (width, height);
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) (width * scale + 0.5)),
                                MAX (1, (int) (height * scale + 0.5)));
}

/* Feeds the image in small pieces and stops as soon as the size is known to
 * be too large: the pixels after the header are then never decoded. */
static gboolean
feed_loader (GdkPixbufLoader *loader,
             GBytes          *image,
             SizeRequest     *request,
             GError         **error)
{
  const gsize chunk = 16 * 1024;
  gsize size;
  const guchar *data = g_bytes_get_data (image, &size);

  for (gsize offset = 0; offset < size; offset += chunk)
    {
      if (!gdk_pixbuf_loader_write (loader, data + offset, MIN (chunk, size - offset), error))
        return FALSE;
      if (request->too_large)
        return FALSE;
    }
  return TRUE;
}

static GBytes *
encode_jpeg (GdkPixbuf  *pixbuf,
             const char *quality,
             GError    **error)
{
  g_autofree char *buffer = NULL;
  gsize size;

  /* No "icc-profile" and no EXIF options: the output carries no metadata. */
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error, "quality", quality, NULL))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

static GdkPixbuf *
scale_to_edge (GdkPixbuf *pixbuf,
               guint      edge)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double scale = (double) edge / MAX (width, height);

  if (scale >= 1.0)
    return g_object_ref (pixbuf);
  return gdk_pixbuf_scale_simple (pixbuf,
                                  MAX (1, (int) (width * scale + 0.5)),
                                  MAX (1, (int) (height * scale + 0.5)),
                                  GDK_INTERP_BILINEAR);
}

/* Drops the alpha channel onto white: JPEG has none. */
static GdkPixbuf *
flatten (GdkPixbuf *pixbuf)
{
  GdkPixbuf *flat;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);

  flat = gdk_pixbuf_composite_color_simple (pixbuf,
                                            gdk_pixbuf_get_width (pixbuf),
                                            gdk_pixbuf_get_height (pixbuf),
                                            GDK_INTERP_NEAREST, 255, 8,
                                            0xffffffff, 0xffffffff);
  return flat;
}

static gboolean
is_png (GBytes *image)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size;
  const guint8 *data = g_bytes_get_data (image, &size);

  return size >= sizeof signature && memcmp (data, signature, sizeof signature) == 0;
}

static gboolean
is_jpeg (GBytes *image)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (image, &size);

  return size > 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;
}

/* From a decoded picture (taken over) to what is stored: upright, at most
 * @max_edge on its long side, without alpha, as JPEG, with a thumbnail. */
static gboolean
finish_processing (GdkPixbuf *decoded,
                   guint      max_edge,
                   GBytes   **jpeg,
                   GBytes   **thumbnail,
                   int       *width,
                   int       *height,
                   GError   **error)
{
  g_autoptr (GdkPixbuf) owned = decoded;
  g_autoptr (GdkPixbuf) upright = NULL;
  g_autoptr (GdkPixbuf) scaled = NULL;
  g_autoptr (GdkPixbuf) flat = NULL;
  g_autoptr (GdkPixbuf) thumb = NULL;

  upright = gdk_pixbuf_apply_embedded_orientation (owned);
  scaled = scale_to_edge (upright, max_edge);
  flat = flatten (scaled);
  thumb = scale_to_edge (flat, SW_PHOTO_THUMBNAIL_EDGE);

  if (jpeg != NULL && !(*jpeg = encode_jpeg (flat, "88", error)))
    return FALSE;
  if (thumbnail != NULL && !(*thumbnail = encode_jpeg (thumb, "80", error)))
    {
      if (jpeg != NULL)
        g_clear_pointer (jpeg, g_bytes_unref);
      return FALSE;
    }
  if (width != NULL)
    *width = gdk_pixbuf_get_width (flat);
  if (height != NULL)
    *height = gdk_pixbuf_get_height (flat);
  return TRUE;
}

/* libjpeg reports errors by calling exit() unless told otherwise: jump back
 * with its message instead. */
typedef struct
{
  struct jpeg_error_mgr manager;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
} SwJpegError;

static void
on_jpeg_error (j_common_ptr info)
{
  SwJpegError *jpeg_error = (SwJpegError *) info->err;

  info->err->format_message (info, jpeg_error->message);
  longjmp (jpeg_error->jump, 1);
}

static void
on_jpeg_message (j_common_ptr info,
                 int          level)
{
  /* Warnings about slightly broken files: the picture still decodes. But a
   * file cut short would be stored with a grey band where the rest of the
   * picture was: that is an error, said as one. */
  if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF)
    on_jpeg_error (info);
}

/* Decodes a JPEG with libjpeg's DCT scaling (M/8), at the smallest size whose
 * long edge still reaches @max_edge: a 12-megapixel phone photo is never
 * decoded at full size. Returns NULL with @error set, or NULL without error
 * when libjpeg cannot give RGB (CMYK files), for the general path to try. */
static GdkPixbuf *
decode_jpeg_scaled (GBytes  *image,
                    guint    max_edge,
                    GError **error)
{
  struct jpeg_decompress_struct info;
  SwJpegError jpeg_error;
  GdkPixbuf *volatile pixbuf = NULL;
  gsize size;
  const guchar *data = g_bytes_get_data (image, &size);
  guint long_edge, scale = 8;
  guchar *pixels;
  int rowstride;

  info.err = jpeg_std_error (&jpeg_error.manager);
  jpeg_error.manager.error_exit = on_jpeg_error;
  jpeg_error.manager.emit_message = on_jpeg_message;
  if (setjmp (jpeg_error.jump))
    {
      jpeg_destroy_decompress (&info);
      g_clear_object ((GdkPixbuf **) &pixbuf);
      g_set_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_CORRUPT,
                   _("The image is damaged or incomplete: %s"), jpeg_error.message);
      return NULL;
    }

  jpeg_create_decompress (&info);
  jpeg_mem_src (&info, data, size);
  jpeg_read_header (&info, TRUE);

  if ((guint64) info.image_width * info.image_height > SW_PHOTO_IMAGE_MAX_PIXELS)
    {
      jpeg_destroy_decompress (&info);
      g_set_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_TOO_LARGE,
                   _("The image is too large: more than %u megapixels."),
                   SW_PHOTO_IMAGE_MAX_PIXELS / 1000000u);
      return NULL;
    }
  if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK)
    {
      jpeg_destroy_decompress (&info);
      return NULL;
    }

  /* Only 8/8, 4/8, 2/8 and 1/8 have libjpeg-turbo's SIMD code; the other
   * eighths are plain C, and decoding at 5/8 and then scaling down took as
   * long as decoding at full size. So the picture is decoded at the smallest
   * power-of-two scale that keeps at least 95 % of @max_edge, and only
   * scaled when that is still larger: a 4000-pixel phone photo is stored at
   * 2000 pixels, decoded at half size, with no scaling at all. */
  long_edge = MAX (info.image_width, info.image_height);
  while (scale > 1 && ((guint64) long_edge * (scale / 2) + 7) / 8 * 100 >= (guint64) max_edge * 95)
    scale /= 2;
  info.scale_num = scale;
  info.scale_denom = 8;
  info.out_color_space = JCS_EXT_RGB;
  jpeg_start_decompress (&info);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, info.output_width, info.output_height);
  if (pixbuf == NULL)
    {
      jpeg_destroy_decompress (&info);
      g_set_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_TOO_LARGE,
                   _("There is not enough memory to decode the image."));
      return NULL;
    }
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  while (info.output_scanline < info.output_height)
    {
      JSAMPROW row = pixels + (gsize) info.output_scanline * rowstride;

      jpeg_read_scanlines (&info, &row, 1);
    }
  jpeg_finish_decompress (&info);
  jpeg_destroy_decompress (&info);
  return pixbuf;
}

gboolean
sw_photo_image_process (GBytes  *image,
                        guint    max_edge,
                        GBytes **jpeg,
                        GBytes **thumbnail,
                        int     *width,
                        int     *height,
                        GError **error)
{
  g_autoptr (GdkPixbufLoader) loader = NULL;
  g_autoptr (GError) local_error = NULL;
  SizeRequest request = { 0 };
  GdkPixbuf *decoded;

  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (max_edge > 0, FALSE);

  /* Phones save JPEG (or HEIC, which GDK may or may not read depending on
   * what is installed); only JPEG and PNG are taken, so that every computer
   * of a municipality reads the same photos the same way. */
  if (!is_jpeg (image) && !is_png (image))
    {
      g_set_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_UNSUPPORTED,
                   _("Only JPEG and PNG photos can be added. On a phone that saves HEIC, "
                     "choose “Most Compatible” (JPEG) in the camera settings, or export the "
                     "photo as JPEG."));
      return FALSE;
    }

  if (is_jpeg (image))
    {
      g_auto (SwPhotoExif) exif = { 0 };
      GdkPixbuf *jpeg_pixbuf;

      jpeg_pixbuf = decode_jpeg_scaled (image, max_edge, error);
      if (jpeg_pixbuf == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (jpeg_pixbuf != NULL)
        {
          g_autofree char *orientation = NULL;

          /* GdkPixbuf knows how to turn a picture by its EXIF orientation;
           * it only needs to be told the value. */
          if (sw_photo_image_read_exif (image, &exif) && exif.orientation >= 2 && exif.orientation <= 8)
            {
              orientation = g_strdup_printf ("%d", exif.orientation);
              gdk_pixbuf_set_option (jpeg_pixbuf, "orientation", orientation);
            }
          return finish_processing (jpeg_pixbuf, max_edge, jpeg, thumbnail, width, height, error);
        }
    }

  /* The orientation may swap the sides, so the long edge is what counts. */
  request.max_edge = max_edge;
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &request);

  if (!feed_loader (loader, image, &request, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error))
    {
      if (request.too_large)
        {
          /* The loader complains about the missing rest; that is expected. */
          gdk_pixbuf_loader_close (loader, NULL);
          goto too_large;
        }
      if (g_error_matches (local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE))
        g_set_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_UNSUPPORTED,
                     _("The image format is not supported: %s"), local_error->message);
      else
        g_set_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_CORRUPT,
                     _("The image is damaged or incomplete: %s"), local_error->message);
      return FALSE;
    }

  if (request.too_large)
    goto too_large;

  decoded = gdk_pixbuf_loader_get_pixbuf (loader);
  if (decoded == NULL)
    {
      g_set_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_CORRUPT,
                   _("The image holds no picture."));
      return FALSE;
    }

  return finish_processing (g_object_ref (decoded), max_edge, jpeg, thumbnail, width, height, error);

too_large:
  g_set_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_TOO_LARGE,
               _("The image is too large: more than %u megapixels."),
               SW_PHOTO_IMAGE_MAX_PIXELS / 1000000u);
  return FALSE;
}

void
sw_photo_exif_clear (SwPhotoExif *exif)
{
  g_clear_pointer (&exif->taken_at, g_date_time_unref);
  exif->has_position = FALSE;
  exif->latitude = exif->longitude = 0.0;
  exif->orientation = 0;
}

/* GDAL writes EXIF rationals as "(58) (59) (42.12)": degrees, minutes,
 * seconds. */
static gboolean
parse_dms (const char *text,
           double     *degrees)
{
  double parts[3] = { 0.0, 0.0, 0.0 };
  const char *p = text;
  int n = 0;

  if (text == NULL)
    return FALSE;
  while (n < 3 && (p = strchr (p, '(')) != NULL)
    {
      char *end = NULL;

      parts[n] = g_ascii_strtod (p + 1, &end);
      if (end == p + 1 || !isfinite (parts[n]))
        return FALSE;
      p = end;
      n++;
    }
  if (n == 0)
    return FALSE;
  *degrees = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
  return TRUE;
}

/* "2026:10:15 19:42:10" in the camera's own clock; @offset is EXIF's
 * "+02:00" when the camera wrote one, otherwise the local zone is assumed. */
static GDateTime *
parse_exif_time (const char *text,
                 const char *offset)
{
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (GDateTime) local = NULL;
  int year, month, day, hour, minute;
  double second;

  if (text == NULL ||
      sscanf (text, "%d:%d:%d %d:%d:%lf", &year, &month, &day, &hour, &minute, &second) != 6)
    return NULL;

  if (offset != NULL)
    zone = g_time_zone_new_identifier (offset);
  if (zone == NULL)
    zone = g_time_zone_new_local ();

  local = g_date_time_new (zone, year, month, day, hour, minute, second);
  return local != NULL ? g_date_time_to_utc (local) : NULL;
}

/* Reads the capture time, position and orientation with GDAL's JPEG
 * driver, which only parses the headers. Returns FALSE when @image is not a
 * JPEG with EXIF. */
gboolean
sw_photo_image_read_exif (GBytes      *image,
                          SwPhotoExif *exif)
{
  static const char *const drivers[] = { "JPEG", NULL };
  g_autofree char *path = NULL;
  GDALDatasetH dataset;
  VSILFILE *handle;
  CSLConstList metadata;
  double lat, lon;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (exif != NULL, FALSE);

  GDALAllRegister ();

  data = g_bytes_get_data (image, &size);
  if (size < 4 || data[0] != 0xFF || data[1] != 0xD8)
    return FALSE;

  path = g_strdup_printf ("/vsimem/sw-photo-exif-%p-%08x.jpg", (void *) exif, g_random_int ());
  handle = VSIFileFromMemBuffer (path, (GByte *) data, size, FALSE);
  if (handle == NULL)
    return FALSE;
  VSIFCloseL (handle);

  CPLPushErrorHandler (CPLQuietErrorHandler);
  dataset = GDALOpenEx (path, GDAL_OF_RASTER | GDAL_OF_READONLY, drivers, NULL, NULL);
  CPLPopErrorHandler ();
  if (dataset == NULL)
    {
      VSIUnlink (path);
      return FALSE;
    }

  metadata = GDALGetMetadata (dataset, NULL);
  exif->taken_at = parse_exif_time (CSLFetchNameValue (metadata, "EXIF_DateTimeOriginal"),
                                    CSLFetchNameValue (metadata, "EXIF_OffsetTimeOriginal"));
  if (exif->taken_at == NULL)
    exif->taken_at = parse_exif_time (CSLFetchNameValue (metadata, "EXIF_DateTime"),
                                      CSLFetchNameValue (metadata, "EXIF_OffsetTime"));

  if (parse_dms (CSLFetchNameValue (metadata, "EXIF_GPSLatitude"), &lat) &&
      parse_dms (CSLFetchNameValue (metadata, "EXIF_GPSLongitude"), &lon))
    {
      const char *lat_ref = CSLFetchNameValue (metadata, "EXIF_GPSLatitudeRef");
      const char *lon_ref = CSLFetchNameValue (metadata, "EXIF_GPSLongitudeRef");

      if (lat_ref != NULL && g_ascii_toupper (lat_ref[0]) == 'S')
        lat = -lat;
      if (lon_ref != NULL && g_ascii_toupper (lon_ref[0]) == 'W')
        lon = -lon;
      if (fabs (lat) <= 90.0 && fabs (lon) <= 180.0)
        {
          exif->has_position = TRUE;
          exif->latitude = lat;
          exif->longitude = lon;
        }
    }

  if (CSLFetchNameValue (metadata, "EXIF_Orientation") != NULL)
    exif->orientation = atoi (CSLFetchNameValue (metadata, "EXIF_Orientation"));

  GDALClose (dataset);
  VSIUnlink (path);
  return TRUE;
}
