/* Map tiles from an MBTiles file (an SQLite database of tiles, rows counted
 * from the south as in TMS), read in worker threads. */
#define G_LOG_DOMAIN "sw-mbtiles-source"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "sw-mbtiles-source.h"

struct _SwMbtilesSource
{
  ShumateDataSource parent_instance;

  GFile *file;
  char *name;
  char *attribution;
  char *format;
  guint min_zoom;
  guint max_zoom;
  guint tile_size;

  /* One connection, opened read-only; worker threads take turns on it
   * because a prepared statement is one cursor. */
  GMutex lock;
  sqlite3 *db;
  sqlite3_stmt *tile_statement;
};

typedef struct
{
  int x;
  int y;
  int zoom;
} TileRequest;

static void sw_mbtiles_source_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SwMbtilesSource, sw_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, sw_mbtiles_source_initable_iface_init))

G_DEFINE_QUARK (sw-mbtiles-error-quark, sw_mbtiles_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

enum
{
  PROP_0,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

/* Attribution in MBTiles metadata is often HTML; ShumateLicense shows text. */
static char *
strip_markup (const char *text)
{
  GString *plain = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (plain, *p);
    }

  g_string_replace (plain, "&copy;", "©", 0);
  g_string_replace (plain, "&amp;", "&", 0);

  return g_strstrip (g_string_free (plain, FALSE));
}

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  guint *tile_size = user_data;

  *tile_size = (guint) width;
}

/* Tiles are usually 256 pixels, sometimes 512; the header of one tells. */
static guint
read_tile_size (sqlite3 *db)
{
  g_autoptr (sqlite3_stmt) statement = NULL;
  g_autoptr (GdkPixbufLoader) loader = NULL;
  guint tile_size = 256;

  if (sqlite3_prepare_v2 (db, "SELECT tile_data FROM tiles LIMIT 1", -1, &statement, NULL) != SQLITE_OK
      || sqlite3_step (statement) != SQLITE_ROW)
    return tile_size;

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &tile_size);
  gdk_pixbuf_loader_write (loader,
                           sqlite3_column_blob (statement, 0),
                           (gsize) sqlite3_column_bytes (statement, 0),
                           NULL);
  gdk_pixbuf_loader_close (loader, NULL);

  if (tile_size != 256 && tile_size != 512)
    tile_size = 256;

  return tile_size;
}

static gboolean
sw_mbtiles_source_initable_init (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  SwMbtilesSource *self = SW_MBTILES_SOURCE (initable);
  g_autoptr (sqlite3_stmt) statement = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  gboolean has_min_zoom = FALSE;
  gboolean has_max_zoom = FALSE;

  if (self->file == NULL)
    {
      g_set_error_literal (error, SW_MBTILES_ERROR, SW_MBTILES_ERROR_OPEN,
                           _("No offline map file was chosen."));
      return FALSE;
    }

  name = dup_display_name (self->file);
  path = g_file_get_path (self->file);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SW_MBTILES_ERROR, SW_MBTILES_ERROR_OPEN,
                   _("The offline map “%s” does not exist."), name);
      return FALSE;
    }

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, SW_MBTILES_ERROR, SW_MBTILES_ERROR_OPEN,
                   _("The offline map “%s” cannot be opened: %s."),
                   name, sqlite3_errmsg (self->db));
      return FALSE;
    }

  if (sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &statement, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (self->db,
                             "SELECT tile_data FROM tiles"
                             " WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                             -1, &self->tile_statement, NULL) != SQLITE_OK)
    {
      g_set_error (error, SW_MBTILES_ERROR, SW_MBTILES_ERROR_NOT_MBTILES,
                   _("“%s” is not an MBTiles file: it has no metadata and tiles tables."),
                   name);
      return FALSE;
    }

  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (statement, 0);
      const char *value = (const char *) sqlite3_column_text (statement, 1);

      if (key == NULL || value == NULL)
        continue;

      if (g_str_equal (key, "name"))
        {
          g_free (self->name);
          self->name = g_strdup (value);
        }
      else if (g_str_equal (key, "format"))
        {
          g_free (self->format);
          self->format = g_strdup (value);
        }
      else if (g_str_equal (key, "attribution"))
        {
          g_clear_pointer (&self->attribution, g_free);
          self->attribution = strip_markup (value);
        }
      else if (g_str_equal (key, "minzoom"))
        {
          self->min_zoom = (guint) CLAMP (g_ascii_strtoll (value, NULL, 10), 0, 30);
          has_min_zoom = TRUE;
        }
      else if (g_str_equal (key, "maxzoom"))
        {
          self->max_zoom = (guint) CLAMP (g_ascii_strtoll (value, NULL, 10), 0, 30);
          has_max_zoom = TRUE;
        }
    }

  if (self->format != NULL
      && !g_str_equal (self->format, "png")
      && !g_str_equal (self->format, "jpg")
      && !g_str_equal (self->format, "jpeg"))
    {
      g_set_error (error, SW_MBTILES_ERROR, SW_MBTILES_ERROR_UNSUPPORTED,
                   _("The offline map “%s” holds tiles in the format “%s”; "
                     "only raster tiles in PNG or JPEG can be shown."),
                   name, self->format);
      return FALSE;
    }

  /* The zoom range is optional metadata; the tiles themselves tell. */
  if (!has_min_zoom || !has_max_zoom)
    {
      g_autoptr (sqlite3_stmt) range = NULL;

      if (sqlite3_prepare_v2 (self->db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles",
                              -1, &range, NULL) == SQLITE_OK
          && sqlite3_step (range) == SQLITE_ROW
          && sqlite3_column_type (range, 0) != SQLITE_NULL)
        {
          if (!has_min_zoom)
            self->min_zoom = (guint) CLAMP (sqlite3_column_int (range, 0), 0, 30);
          if (!has_max_zoom)
            self->max_zoom = (guint) CLAMP (sqlite3_column_int (range, 1), 0, 30);
        }
      else
        {
          self->min_zoom = 0;
          self->max_zoom = 19;
        }
    }
  if (self->max_zoom < self->min_zoom)
    self->max_zoom = self->min_zoom;

  if (self->name == NULL)
    self->name = g_steal_pointer (&name);

  self->tile_size = read_tile_size (self->db);

  return TRUE;
}

static void
sw_mbtiles_source_initable_iface_init (GInitableIface *iface)
{
  iface->init = sw_mbtiles_source_initable_init;
}

static void
read_tile_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  SwMbtilesSource *self = source_object;
  TileRequest *request = task_data;
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *message = NULL;
  GBytes *bytes = NULL;
  int rc;

  if (g_task_return_error_if_cancelled (task))
    return;

  locker = g_mutex_locker_new (&self->lock);

  sqlite3_bind_int (self->tile_statement, 1, request->zoom);
  sqlite3_bind_int (self->tile_statement, 2, request->x);
  sqlite3_bind_int (self->tile_statement, 3, (1 << request->zoom) - 1 - request->y);

  rc = sqlite3_step (self->tile_statement);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (self->tile_statement, 0),
                         (gsize) sqlite3_column_bytes (self->tile_statement, 0));
  else if (rc != SQLITE_DONE)
    message = g_strdup (sqlite3_errmsg (self->db));
  sqlite3_reset (self->tile_statement);
  sqlite3_clear_bindings (self->tile_statement);

  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else if (rc == SQLITE_DONE)
    g_task_return_new_error (task, SW_MBTILES_ERROR, SW_MBTILES_ERROR_NO_TILE,
                             "The offline map has no tile %d/%d/%d",
                             request->zoom, request->x, request->y);
  else
    g_task_return_new_error (task, SW_MBTILES_ERROR, SW_MBTILES_ERROR_READ,
                             _("The offline map cannot be read: %s."),
                             message);
}

/* Back on the main thread: ShumateRasterRenderer takes the image from the
 * received-data signal, so it is emitted before the request completes. */
static void
on_tile_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SwMbtilesSource *self = SW_MBTILES_SOURCE (object);
  g_autoptr (GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
sw_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom_level,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  SwMbtilesSource *self = SW_MBTILES_SOURCE (source);
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) read_task = NULL;
  TileRequest *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sw_mbtiles_source_get_tile_data_async);

  if (zoom_level < 0 || zoom_level > 30 || x < 0 || y < 0
      || x >= (1 << zoom_level) || y >= (1 << zoom_level))
    {
      g_task_return_new_error (task, SW_MBTILES_ERROR, SW_MBTILES_ERROR_NO_TILE,
                               "No tile %d/%d/%d", zoom_level, x, y);
      return;
    }

  request = g_new0 (TileRequest, 1);
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;

  read_task = g_task_new (self, cancellable, on_tile_read, g_steal_pointer (&task));
  g_task_set_source_tag (read_task, sw_mbtiles_source_get_tile_data_async);
  g_task_set_task_data (read_task, request, g_free);
  g_task_run_in_thread (read_task, read_tile_in_thread);
}

static GBytes *
sw_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sw_mbtiles_source_finalize (GObject *object)
{
  SwMbtilesSource *self = SW_MBTILES_SOURCE (object);

  g_clear_pointer (&self->tile_statement, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->attribution, g_free);
  g_clear_pointer (&self->format, g_free);

  G_OBJECT_CLASS (sw_mbtiles_source_parent_class)->finalize (object);
}

static void
sw_mbtiles_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SwMbtilesSource *self = SW_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_mbtiles_source_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SwMbtilesSource *self = SW_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_mbtiles_source_class_init (SwMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *data_source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = sw_mbtiles_source_finalize;
  object_class->get_property = sw_mbtiles_source_get_property;
  object_class->set_property = sw_mbtiles_source_set_property;

  data_source_class->get_tile_data_async = sw_mbtiles_source_get_tile_data_async;
  data_source_class->get_tile_data_finish = sw_mbtiles_source_get_tile_data_finish;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_mbtiles_source_init (SwMbtilesSource *self)
{
  g_mutex_init (&self->lock);
  self->tile_size = 256;
}

SwMbtilesSource *
sw_mbtiles_source_new (GFile   *file,
                       GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (SW_TYPE_MBTILES_SOURCE, NULL, error, "file", file, NULL);
}

GFile *
sw_mbtiles_source_get_file (SwMbtilesSource *self)
{
  g_return_val_if_fail (SW_IS_MBTILES_SOURCE (self), NULL);

  return self->file;
}

const char *
sw_mbtiles_source_get_name (SwMbtilesSource *self)
{
  g_return_val_if_fail (SW_IS_MBTILES_SOURCE (self), NULL);

  return self->name;
}

const char *
sw_mbtiles_source_get_attribution (SwMbtilesSource *self)
{
  g_return_val_if_fail (SW_IS_MBTILES_SOURCE (self), NULL);

  return self->attribution;
}

const char *
sw_mbtiles_source_get_format (SwMbtilesSource *self)
{
  g_return_val_if_fail (SW_IS_MBTILES_SOURCE (self), NULL);

  return self->format;
}

guint
sw_mbtiles_source_get_min_zoom (SwMbtilesSource *self)
{
  g_return_val_if_fail (SW_IS_MBTILES_SOURCE (self), 0);

  return self->min_zoom;
}

guint
sw_mbtiles_source_get_max_zoom (SwMbtilesSource *self)
{
  g_return_val_if_fail (SW_IS_MBTILES_SOURCE (self), 0);

  return self->max_zoom;
}

guint
sw_mbtiles_source_get_tile_size (SwMbtilesSource *self)
{
  g_return_val_if_fail (SW_IS_MBTILES_SOURCE (self), 256);

  return self->tile_size;
}
