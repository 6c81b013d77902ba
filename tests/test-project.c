/* Tests that a project stores, edits, undoes and reads back every kind of feature in a real
 * GeoPackage. */
#define G_LOG_DOMAIN "test-project"

#include "config.h"

#include <locale.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <math.h>
#include <string.h>

#include "sw-test-files.h"
#include "sw-project.h"

/* ---------------------------------------------------------------------- */
/* Checks that say what differs                                           */

#define check(cond, ...)                                                    \
  G_STMT_START                                                              \
  {                                                                         \
    if (!(cond))                                                            \
      {                                                                     \
        g_autofree char *check_message_ = g_strdup_printf (__VA_ARGS__);    \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,   \
                             check_message_);                               \
      }                                                                     \
  }                                                                         \
  G_STMT_END

#define COORD_EPSILON 1e-9

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef void *TestDataset;
static void
test_dataset_close (TestDataset dataset)
{
  GDALClose (dataset);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDataset, test_dataset_close)

static const char *const gpkg_only[] = { "GPKG", NULL };

/* The integer key of each layer; photos, a Related Tables media table, use
 * the "id" the extension names. */
static const char *
fid_column (SwKind kind)
{
  return kind == SW_KIND_PHOTO ? "id" : "fid";
}

static gint64
usec_of (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static char *
describe_value (const GValue *value)
{
  if (G_VALUE_HOLDS (value, G_TYPE_DATE_TIME))
    {
      GDateTime *dt = g_value_get_boxed (value);

      return dt != NULL ? g_date_time_format (dt, "%FT%T.%fZ") : g_strdup ("NULL");
    }
  if (G_VALUE_HOLDS (value, G_TYPE_VARIANT))
    {
      GVariant *v = g_value_get_variant (value);

      return v != NULL ? g_variant_print (v, FALSE) : g_strdup ("NULL");
    }
  if (G_VALUE_HOLDS (value, G_TYPE_BYTES))
    {
      GBytes *b = g_value_get_boxed (value);

      return b != NULL ? g_strdup_printf ("<%" G_GSIZE_FORMAT " bytes>", g_bytes_get_size (b))
                       : g_strdup ("NULL");
    }
  return g_strdup_value_contents (value);
}

static gboolean
points_equal (GVariant *a,
              GVariant *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_variant_n_children (a) != g_variant_n_children (b))
    return FALSE;
  for (gsize i = 0; i < g_variant_n_children (a); i++)
    {
      double ax, ay, bx, by;

      g_variant_get_child (a, i, "(dd)", &ax, &ay);
      g_variant_get_child (b, i, "(dd)", &bx, &by);
      if (fabs (ax - bx) > COORD_EPSILON || fabs (ay - by) > COORD_EPSILON)
        return FALSE;
    }
  return TRUE;
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  if (type == G_TYPE_INT64)
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (type == G_TYPE_BOOLEAN)
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (type == G_TYPE_DOUBLE)
    {
      double da = g_value_get_double (a), db = g_value_get_double (b);

      /* NaN is how a photo says its position is not known. */
      if (isnan (da) || isnan (db))
        return isnan (da) && isnan (db);
      return fabs (da - db) <= COORD_EPSILON;
    }
  if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *da = g_value_get_boxed (a), *db = g_value_get_boxed (b);

      if (da == NULL || db == NULL)
        return da == db;
      return usec_of (da) == usec_of (db);
    }
  if (type == G_TYPE_BYTES)
    {
      GBytes *ba = g_value_get_boxed (a), *bb = g_value_get_boxed (b);

      if (ba == NULL || bb == NULL)
        return ba == bb;
      return g_bytes_equal (ba, bb);
    }
  if (type == G_TYPE_VARIANT)
    return points_equal (g_value_get_variant (a), g_value_get_variant (b));
  g_assert_not_reached ();
}

typedef enum
{
  COMPARE_VALUES = 0,
  COMPARE_CREATED = 1 << 0,
  COMPARE_MODIFIED = 1 << 1,
  COMPARE_FID = 1 << 2,
  IGNORE_UUID = 1 << 3,
  COMPARE_ALL = COMPARE_CREATED | COMPARE_MODIFIED | COMPARE_FID,
} CompareFlags;

/* Every readable property of @actual against @expected; photo data is not
 * carried by listed photos and is checked on its own. */
static void
assert_feature_values (SwFeature   *actual,
                       SwFeature   *expected,
                       CompareFlags flags,
                       const char  *when)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert_nonnull (actual);
  g_assert_nonnull (expected);
  g_assert_true (G_OBJECT_TYPE (actual) == G_OBJECT_TYPE (expected));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (actual), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      const char *name = pspecs[i]->name;
      g_auto (GValue) va = G_VALUE_INIT;
      g_auto (GValue) vb = G_VALUE_INIT;

      if (g_str_equal (name, "data") ||
          (g_str_equal (name, "created") && !(flags & COMPARE_CREATED)) ||
          (g_str_equal (name, "modified") && !(flags & COMPARE_MODIFIED)) ||
          (g_str_equal (name, "fid") && !(flags & COMPARE_FID)) ||
          (g_str_equal (name, "uuid") && (flags & IGNORE_UUID)))
        continue;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (actual), name, &va);
      g_object_get_property (G_OBJECT (expected), name, &vb);
      if (!values_equal (&va, &vb))
        {
          g_autofree char *sa = describe_value (&va);
          g_autofree char *sb = describe_value (&vb);

          check (FALSE, "%s: %s.%s is %s, expected %s", when,
                 G_OBJECT_TYPE_NAME (actual), name, sa, sb);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Fixture: a fresh folder per test                                        */

typedef struct
{
  char *dir;
  char *path;
  GFile *file;
  GHashTable *uuids;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sw-test-project-XXXXXX", &error);
  g_assert_no_error (error);
  /* Swedish letters and a space: paths are user text. */
  fixture->path = g_build_filename (fixture->dir, "Trygghetsvandring Östermalm.gpkg", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  fixture->uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* A failed test aborts before this, which leaves its files to look at. */
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->uuids, g_hash_table_unref);
  g_clear_object (&fixture->file);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static SwProject *
create_project (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  SwProject *project;

  project = sw_project_create (fixture->file, "Trygghetsvandring Östermalm 2024", "Katrineholm",
                               &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static SwProject *
reopen_project (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  SwProject *project;

  project = sw_project_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_true (sw_project_is_open (project));
  return project;
}

/* ---------------------------------------------------------------------- */
/* The file seen from outside: SQLite and GDAL                             */

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  check (rc == SQLITE_OK, "sqlite3_open_v2 (%s): %s", path, sqlite3_errstr (rc));
  sqlite3_busy_timeout (db, 0);
  return db;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  check (rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  check (rc == SQLITE_ROW, "%s: no row (%s)", sql, sqlite3_errmsg (db));
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  check (rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  check (rc == SQLITE_ROW, "%s: no row (%s)", sql, sqlite3_errmsg (db));
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
count_rows_with_uuid (sqlite3    *db,
                      SwKind      kind,
                      const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE uuid = ?",
                                          sw_kind_get_layer_name (kind));
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  check (rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  check (rc == SQLITE_ROW, "%s: %s", sql, sqlite3_errmsg (db));
  return sqlite3_column_int64 (stmt, 0);
}

/* Compares one stored column with a property value. */
static void
assert_column (sqlite3_stmt *stmt,
               int           column,
               const GValue *value,
               const char   *what)
{
  int type = sqlite3_column_type (stmt, column);
  GType vtype = G_VALUE_TYPE (value);

  if (vtype == G_TYPE_STRING)
    {
      const char *s = g_value_get_string (value);
      const char *stored = (const char *) sqlite3_column_text (stmt, column);

      check (g_strcmp0 (s, type == SQLITE_NULL ? NULL : stored) == 0,
             "%s: column holds \"%s\", the object \"%s\"", what, stored, s);
    }
  else if (vtype == G_TYPE_INT || vtype == G_TYPE_INT64 || vtype == G_TYPE_BOOLEAN)
    {
      gint64 expected = vtype == G_TYPE_INT ? g_value_get_int (value)
                      : vtype == G_TYPE_INT64 ? g_value_get_int64 (value)
                      : g_value_get_boolean (value);

      check (type == SQLITE_INTEGER && sqlite3_column_int64 (stmt, column) == expected,
             "%s: column holds %s (type %d), the object %" G_GINT64_FORMAT, what,
             sqlite3_column_text (stmt, column), type, expected);
    }
  else if (vtype == G_TYPE_DOUBLE)
    {
      double expected = g_value_get_double (value);

      if (isnan (expected))
        check (type == SQLITE_NULL, "%s: column holds %s, the object NaN (not known)", what,
               sqlite3_column_text (stmt, column));
      else
        check (type != SQLITE_NULL &&
               fabs (sqlite3_column_double (stmt, column) - expected) <= COORD_EPSILON,
               "%s: column holds %s, the object %.12g", what, sqlite3_column_text (stmt, column),
               expected);
    }
  else if (vtype == G_TYPE_DATE_TIME)
    {
      GDateTime *dt = g_value_get_boxed (value);
      const char *stored = (const char *) sqlite3_column_text (stmt, column);
      g_autoptr (GDateTime) parsed = stored != NULL ? g_date_time_new_from_iso8601 (stored, NULL) : NULL;
      g_autofree char *shown = dt != NULL ? g_date_time_format (dt, "%FT%T.%fZ") : NULL;

      if (dt == NULL)
        check (type == SQLITE_NULL, "%s: column holds %s, the object NULL", what, stored);
      else
        check (parsed != NULL && usec_of (parsed) == usec_of (dt),
               "%s: column holds \"%s\", the object %s", what, stored, shown);
    }
  else if (vtype == G_TYPE_BYTES)
    {
      GBytes *bytes = g_value_get_boxed (value);
      gsize size = bytes != NULL ? g_bytes_get_size (bytes) : 0;

      if (bytes == NULL)
        check (type == SQLITE_NULL, "%s: column is not NULL, the object is", what);
      else
        check (type == SQLITE_BLOB && (gsize) sqlite3_column_bytes (stmt, column) == size &&
               memcmp (sqlite3_column_blob (stmt, column), g_bytes_get_data (bytes, NULL), size) == 0,
               "%s: blob of %d bytes differs from the object's %" G_GSIZE_FORMAT " bytes",
               what, sqlite3_column_bytes (stmt, column), size);
    }
  else
    g_assert_not_reached ();
}

/* The geometry as GDAL reads it from the file. */
static void
assert_stored_geometry (const char *path,
                        SwFeature  *feature)
{
  g_autoptr (TestDataset) dataset = NULL;
  g_autofree char *filter = NULL;
  SwKind kind = sw_feature_get_kind (feature);
  OGRLayerH layer;
  OGRFeatureH row;
  OGRGeometryH geometry;
  const char *uuid = sw_feature_get_uuid (feature);

  if (kind != SW_KIND_ROUTE && kind != SW_KIND_STOP && kind != SW_KIND_FINDING &&
      kind != SW_KIND_PLACE)
    return;

  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, gpkg_only, NULL, NULL);
  check (dataset != NULL, "GDAL cannot open %s: %s", path, CPLGetLastErrorMsg ());
  layer = GDALDatasetGetLayerByName (dataset, sw_kind_get_layer_name (kind));
  g_assert_nonnull (layer);
  filter = g_strdup_printf ("uuid = '%s'", uuid);
  g_assert_cmpint (OGR_L_SetAttributeFilter (layer, filter), ==, OGRERR_NONE);
  row = OGR_L_GetNextFeature (layer);
  check (row != NULL, "GDAL finds no %s with uuid %s", sw_kind_get_layer_name (kind), uuid);
  geometry = OGR_F_GetGeometryRef (row);
  check (geometry != NULL, "%s %s has no geometry in the file", sw_kind_get_layer_name (kind), uuid);

  if (kind == SW_KIND_ROUTE)
    {
      g_autoptr (GVariant) points = NULL;
      int n;

      g_object_get (feature, "points", &points, NULL);
      check (wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbLineString,
             "route geometry is %s, not a LineString", OGR_G_GetGeometryName (geometry));
      n = OGR_G_GetPointCount (geometry);
      check (points != NULL && (gsize) n == g_variant_n_children (points),
             "route has %d points in the file, %" G_GSIZE_FORMAT " in the object", n,
             points != NULL ? g_variant_n_children (points) : 0);
      for (int i = 0; i < n; i++)
        {
          double lon, lat;

          g_variant_get_child (points, i, "(dd)", &lon, &lat);
          check (fabs (OGR_G_GetX (geometry, i) - lon) <= COORD_EPSILON &&
                 fabs (OGR_G_GetY (geometry, i) - lat) <= COORD_EPSILON,
                 "route point %d is (%.12f, %.12f) in the file, (%.12f, %.12f) in the object",
                 i, OGR_G_GetX (geometry, i), OGR_G_GetY (geometry, i), lon, lat);
        }
    }
  else
    {
      double lon, lat;

      g_object_get (feature, "longitude", &lon, "latitude", &lat, NULL);
      check (wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbPoint,
             "%s geometry is %s, not a Point", sw_kind_get_layer_name (kind),
             OGR_G_GetGeometryName (geometry));
      check (fabs (OGR_G_GetX (geometry, 0) - lon) <= COORD_EPSILON &&
             fabs (OGR_G_GetY (geometry, 0) - lat) <= COORD_EPSILON,
             "%s point is (%.12f, %.12f) in the file, (%.12f, %.12f) in the object",
             sw_kind_get_layer_name (kind), OGR_G_GetX (geometry, 0), OGR_G_GetY (geometry, 0),
             lon, lat);
    }
  OGR_F_Destroy (row);
}

/* The row of @feature, read on a second connection, holds every stored
 * property of the object: what the app shows is what the file has. */
static void
assert_stored (const char *path,
               SwFeature  *feature,
               const char *when)
{
  g_autoptr (sqlite3) db = open_db (path);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  SwKind kind = sw_feature_get_kind (feature);
  g_autoptr (GString) sql = g_string_new (NULL);
  guint n_pspecs;
  int rc;

  g_string_append_printf (sql, "SELECT \"%s\"", fid_column (kind));
  pspecs = sw_feature_list_stored_properties (G_OBJECT_TYPE (feature), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *column = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');

      g_string_append_printf (sql, ", \"%s\"", column);
    }
  g_string_append_printf (sql, " FROM \"%s\" WHERE uuid = ?", sw_kind_get_layer_name (kind));

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  check (rc == SQLITE_OK, "%s: %s: %s", when, sql->str, sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, sw_feature_get_uuid (feature), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  check (rc == SQLITE_ROW, "%s: no row in %s with uuid %s", when, sw_kind_get_layer_name (kind),
         sw_feature_get_uuid (feature));
  check (sqlite3_column_int64 (stmt, 0) == sw_feature_get_fid (feature),
         "%s: fid in file %" G_GINT64_FORMAT ", in object %" G_GINT64_FORMAT, when,
         (gint64) sqlite3_column_int64 (stmt, 0), sw_feature_get_fid (feature));

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;
      g_autofree char *what = g_strdup_printf ("%s: %s.%s", when, sw_kind_get_layer_name (kind),
                                               pspecs[i]->name);

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (feature), pspecs[i]->name, &value);
      assert_column (stmt, (int) i + 1, &value, what);
    }
  check (sqlite3_step (stmt) == SQLITE_DONE, "%s: uuid %s is in %s more than once", when,
         sw_feature_get_uuid (feature), sw_kind_get_layer_name (kind));

  assert_stored_geometry (path, feature);
}

static void
assert_not_stored (const char *path,
                   SwKind      kind,
                   const char *uuid,
                   const char *when)
{
  g_autoptr (sqlite3) db = open_db (path);

  check (count_rows_with_uuid (db, kind, uuid) == 0, "%s: %s %s is still in the file", when,
         sw_kind_get_layer_name (kind), uuid);
}

/* ---------------------------------------------------------------------- */
/* Identity, timestamps and lists                                          */

static SwFeature *
find_in_model (GListModel *model,
               const char *uuid)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwFeature) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (sw_feature_get_uuid (item), uuid) == 0)
        return item;
    }
  return NULL;
}

static void
assert_listed (SwProject  *project,
               SwFeature  *feature,
               const char *when)
{
  SwKind kind = sw_feature_get_kind (feature);
  GListModel *model = sw_project_get_features (project, kind);
  const char *uuid = sw_feature_get_uuid (feature);

  check (find_in_model (model, uuid) != NULL, "%s: %s %s is not in the list", when,
         sw_kind_get_layer_name (kind), uuid);
  check (sw_project_lookup (project, kind, uuid) == find_in_model (model, uuid),
         "%s: lookup and list disagree on %s", when, uuid);
  check (g_list_model_get_n_items (model) == sw_project_count (project, kind),
         "%s: list has %u items, count says %u", when, g_list_model_get_n_items (model),
         sw_project_count (project, kind));
}

static void
assert_not_listed (SwProject  *project,
                   SwKind      kind,
                   const char *uuid,
                   const char *when)
{
  check (sw_project_lookup (project, kind, uuid) == NULL, "%s: lookup still finds %s", when, uuid);
  check (find_in_model (sw_project_get_features (project, kind), uuid) == NULL,
         "%s: the list still holds %s", when, uuid);
}

static void
assert_identity (Fixture   *fixture,
                 SwFeature *feature,
                 gint64     before_usec,
                 gint64     after_usec)
{
  const char *uuid = sw_feature_get_uuid (feature);
  GDateTime *created = sw_feature_get_created (feature);
  GDateTime *modified = sw_feature_get_modified (feature);

  check (uuid != NULL && strlen (uuid) == 36 && g_uuid_string_is_valid (uuid),
         "uuid \"%s\" is not a 36-character UUID", uuid);
  check (!g_hash_table_contains (fixture->uuids, uuid), "uuid %s was given twice", uuid);
  g_hash_table_add (fixture->uuids, g_strdup (uuid));
  check (sw_feature_get_fid (feature) > 0, "fid %" G_GINT64_FORMAT " is not positive",
         sw_feature_get_fid (feature));

  check (created != NULL, "created is not set");
  check (modified != NULL, "modified is not set");
  check (g_date_time_get_utc_offset (created) == 0, "created is not in UTC");
  check (g_date_time_get_utc_offset (modified) == 0, "modified is not in UTC");
  /* A millisecond either side for the precision GeoPackage keeps. */
  check (usec_of (created) >= before_usec - 1000 && usec_of (created) <= after_usec + 1000,
         "created %" G_GINT64_FORMAT " is outside the call (%" G_GINT64_FORMAT "..%" G_GINT64_FORMAT ")",
         usec_of (created), before_usec, after_usec);
  check (usec_of (modified) >= usec_of (created), "modified is before created");
}

/* ---------------------------------------------------------------------- */
/* What each kind looks like, and how it is edited                         */

#define WALK_EDIT "title", "Kvällsvandring: Järvenområdet", "light", "daylight"
#define ROUTE_EDIT "name", "Rutt B – via resecentrum", "color", "#3584e4"
#define STOP_EDIT "number", 7, "name", "Stopp 7: gångtunneln"
#define FINDING_EDIT "longitude", 16.218765432109, "latitude", 58.993456789012, "severity", 2
#define MEASURE_EDIT "status", "rejected", "status-reason", "Ingen budget 2025; tas upp igen i höst"
#define PLACE_EDIT "name", "Resecentrum, norra entrén"

static const char tricky_text[] =
  "Trasig lampa vid \"Vasavägen\" – O'Brien's kiosk;\nrad två\t🔦'); DROP TABLE findings; --";

static GVariant *
make_points (const double *coords,
             gsize         n_points)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  for (gsize i = 0; i < n_points; i++)
    g_variant_builder_add (&builder, "(dd)", coords[2 * i], coords[2 * i + 1]);
  return g_variant_builder_end (&builder);
}

static SwFeature *
add_ok (SwProject *project,
        SwFeature *feature)
{
  g_autoptr (GError) error = NULL;
  SwFeature *listed = sw_project_add (project, feature, &error);

  g_assert_no_error (error);
  g_assert_nonnull (listed);
  return listed;
}

static SwWalk *
new_walk (void)
{
  SwWalk *walk = sw_walk_new ();

  sw_walk_set_title (walk, "Trygghetsvandring Östermalm");
  sw_walk_set_date (walk, "2024-11-05");
  sw_walk_set_start_time (walk, "18:30");
  sw_walk_set_light (walk, "dark");
  sw_walk_set_meeting_point (walk, "Stortorget, vid fontänen");
  sw_walk_set_area (walk, "Östermalm");
  sw_walk_set_notes (walk, tricky_text);
  return walk;
}

static const char *
add_parent_walk (SwProject *project)
{
  g_autoptr (SwWalk) walk = new_walk ();

  return sw_feature_get_uuid (add_ok (project, SW_FEATURE (walk)));
}

static SwRoute *
new_route (const char *walk_uuid)
{
  static const double coords[] = {
    16.207123456789, 58.996012345678,
    16.210987654321, 58.997543210987,
    16.214321098765, 58.995678901234,
    16.219876543210, 58.994321098765,
  };
  SwRoute *route = sw_route_new ();

  sw_route_set_walk_uuid (route, walk_uuid);
  sw_route_set_name (route, "Rutt A – centrum");
  sw_route_set_color (route, "#e01b24");
  sw_route_set_points (route, make_points (coords, G_N_ELEMENTS (coords) / 2));
  return route;
}

static SwStop *
new_stop (const char *walk_uuid,
          const char *route_uuid,
          int         number)
{
  SwStop *stop = sw_stop_new ();

  sw_stop_set_walk_uuid (stop, walk_uuid);
  sw_stop_set_route_uuid (stop, route_uuid);
  sw_stop_set_number (stop, number);
  sw_stop_set_name (stop, "Stopp 1: tunneln under Vasavägen");
  sw_stop_set_note (stop, tricky_text);
  sw_stop_set_longitude (stop, 16.210987654321);
  sw_stop_set_latitude (stop, 58.997543210987);
  return stop;
}

static SwFinding *
new_finding (const char *walk_uuid)
{
  SwFinding *finding = sw_finding_new ();

  sw_finding_set_walk_uuid (finding, walk_uuid);
  sw_finding_set_category (finding, "lighting");
  sw_finding_set_categories (finding, "lighting,overview");
  sw_finding_set_severity (finding, 3);
  sw_finding_set_light (finding, "dark");
  sw_finding_set_unsafe_for (finding, "women,elderly");
  sw_finding_set_note (finding, tricky_text);
  sw_finding_set_longitude (finding, 16.212345678901);
  sw_finding_set_latitude (finding, 58.996789012345);
  return finding;
}

static SwMeasure *
new_measure (const char *finding_uuid)
{
  SwMeasure *measure = sw_measure_new ();

  sw_measure_set_finding_uuid (measure, finding_uuid);
  sw_measure_set_measure_type (measure, "lighting");
  sw_measure_set_description (measure, "Byt armaturer längs gångvägen; ljus som inte bländar.");
  sw_measure_set_responsible (measure, "municipality");
  sw_measure_set_responsible_unit (measure, "Gatu- och parkförvaltningen");
  sw_measure_set_due_date (measure, "2025-03-31");
  sw_measure_set_cost (measure, 45000.5);
  sw_measure_set_status (measure, "proposed");
  return measure;
}

static SwPlace *
new_place (void)
{
  SwPlace *place = sw_place_new ();

  sw_place_set_name (place, "Resecentrum");
  sw_place_set_longitude (place, 16.206543210987);
  sw_place_set_latitude (place, 58.999012345678);
  return place;
}

static SwFeature *
make_walk (SwProject *project)
{
  return SW_FEATURE (new_walk ());
}

static SwFeature *
make_route (SwProject *project)
{
  return SW_FEATURE (new_route (add_parent_walk (project)));
}

static SwFeature *
make_stop (SwProject *project)
{
  const char *walk_uuid = add_parent_walk (project);
  g_autoptr (SwRoute) route = new_route (walk_uuid);
  SwFeature *listed_route = add_ok (project, SW_FEATURE (route));

  return SW_FEATURE (new_stop (walk_uuid, sw_feature_get_uuid (listed_route), 1));
}

static SwFeature *
make_finding (SwProject *project)
{
  return SW_FEATURE (new_finding (add_parent_walk (project)));
}

static SwFeature *
make_measure (SwProject *project)
{
  g_autoptr (SwFinding) finding = new_finding (add_parent_walk (project));
  SwFeature *listed = add_ok (project, SW_FEATURE (finding));

  return SW_FEATURE (new_measure (sw_feature_get_uuid (listed)));
}

static SwFeature *
make_place (SwProject *project)
{
  return SW_FEATURE (new_place ());
}

static gboolean
edit_walk (SwProject *p, SwFeature *f, GError **e)
{
  return sw_project_edit (p, f, e, WALK_EDIT, NULL);
}

static void
expect_walk_edit (SwFeature *f)
{
  g_object_set (f, WALK_EDIT, NULL);
}

static gboolean
edit_route (SwProject *p, SwFeature *f, GError **e)
{
  return sw_project_edit (p, f, e, ROUTE_EDIT, NULL);
}

static void
expect_route_edit (SwFeature *f)
{
  g_object_set (f, ROUTE_EDIT, NULL);
}

static gboolean
edit_stop (SwProject *p, SwFeature *f, GError **e)
{
  return sw_project_edit (p, f, e, STOP_EDIT, NULL);
}

static void
expect_stop_edit (SwFeature *f)
{
  g_object_set (f, STOP_EDIT, NULL);
}

static gboolean
edit_finding (SwProject *p, SwFeature *f, GError **e)
{
  return sw_project_edit (p, f, e, FINDING_EDIT, NULL);
}

static void
expect_finding_edit (SwFeature *f)
{
  g_object_set (f, FINDING_EDIT, NULL);
}

static gboolean
edit_measure (SwProject *p, SwFeature *f, GError **e)
{
  return sw_project_edit (p, f, e, MEASURE_EDIT, NULL);
}

static void
expect_measure_edit (SwFeature *f)
{
  g_object_set (f, MEASURE_EDIT, NULL);
}

static gboolean
edit_place (SwProject *p, SwFeature *f, GError **e)
{
  return sw_project_edit (p, f, e, PLACE_EDIT, NULL);
}

static void
expect_place_edit (SwFeature *f)
{
  g_object_set (f, PLACE_EDIT, NULL);
}

/* Changes applied to a copy and stored with sw_project_update. */
static void
change_walk (SwFeature *f)
{
  sw_walk_set_notes (SW_WALK (f), "Ändrad efter mötet; \"ny\" samlingsplats.");
  sw_walk_set_meeting_point (SW_WALK (f), NULL);
}

static void
change_route (SwFeature *f)
{
  static const double coords[] = {
    16.200000000001, 58.990000000002,
    16.201234567891, 58.991234567892,
    16.202345678912, 58.992345678913,
    16.203456789123, 58.993456789124,
    16.204567891234, 58.994567891235,
  };

  sw_route_set_points (SW_ROUTE (f), make_points (coords, G_N_ELEMENTS (coords) / 2));
}

static void
change_stop (SwFeature *f)
{
  sw_stop_set_longitude (SW_STOP (f), 16.223456789012);
  sw_stop_set_latitude (SW_STOP (f), 58.981234567890);
  sw_stop_set_note (SW_STOP (f), "Flyttad tio meter norrut.");
}

static void
change_finding (SwFeature *f)
{
  sw_finding_set_category (SW_FINDING (f), "positive");
  sw_finding_set_categories (SW_FINDING (f), "positive");
  sw_finding_set_severity (SW_FINDING (f), 0);
  sw_finding_set_unsafe_for (SW_FINDING (f), NULL);
  sw_finding_set_note (SW_FINDING (f), "Ny belysning fungerar bra.");
}

static void
change_measure (SwFeature *f)
{
  sw_measure_set_status (SW_MEASURE (f), "followed-up");
  sw_measure_set_status_reason (SW_MEASURE (f), NULL);
  sw_measure_set_effect (SW_MEASURE (f), "better");
  sw_measure_set_cost (SW_MEASURE (f), 38250.25);
}

static void
change_place (SwFeature *f)
{
  sw_place_set_longitude (SW_PLACE (f), -0.000000123456);
  sw_place_set_latitude (SW_PLACE (f), -33.868820000001);
}

typedef struct
{
  SwKind kind;
  SwFeature *(*make) (SwProject *project);
  gboolean (*edit) (SwProject *project, SwFeature *feature, GError **error);
  void (*expect_edit) (SwFeature *feature);
  void (*change) (SwFeature *feature);
} KindCase;

static const KindCase kind_cases[] = {
  { SW_KIND_WALK, make_walk, edit_walk, expect_walk_edit, change_walk },
  { SW_KIND_ROUTE, make_route, edit_route, expect_route_edit, change_route },
  { SW_KIND_STOP, make_stop, edit_stop, expect_stop_edit, change_stop },
  { SW_KIND_FINDING, make_finding, edit_finding, expect_finding_edit, change_finding },
  { SW_KIND_MEASURE, make_measure, edit_measure, expect_measure_edit, change_measure },
  { SW_KIND_PLACE, make_place, edit_place, expect_place_edit, change_place },
};

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
undo_ok (SwProject *project)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sw_project_can_undo (project));
  g_assert_nonnull (sw_project_get_undo_label (project));
  g_assert_true (sw_project_undo (project, &error));
  g_assert_no_error (error);
}

static void
redo_ok (SwProject *project)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sw_project_can_redo (project));
  g_assert_nonnull (sw_project_get_redo_label (project));
  g_assert_true (sw_project_redo (project, &error));
  g_assert_no_error (error);
}

/* Add, edit, update, undo, redo, remove, undo the removal, close, reopen:
 * after every step the list, the object and the file agree. */
static void
test_kind_cycle (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const KindCase *kc = user_data;
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (SwFeature) input = NULL;
  g_autoptr (SwFeature) original = NULL;
  g_autoptr (SwFeature) edited = NULL;
  g_autoptr (SwFeature) changed = NULL;
  g_autoptr (SwFeature) update = NULL;
  g_autoptr (SwFeature) final = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *model = sw_project_get_features (project, kc->kind);
  g_autofree char *uuid = NULL;
  SwFeature *listed;
  guint n_before, n_notify = 0, n_items_changed = 0;
  gulong handler;
  gint64 before, after, fid, last_modified;

  g_assert_nonnull (model);
  input = kc->make (project);
  n_before = sw_project_count (project, kc->kind);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_items_changed), &n_items_changed);

  /* Add. */
  before = g_get_real_time ();
  listed = sw_project_add (project, input, &error);
  after = g_get_real_time ();
  g_assert_no_error (error);
  g_assert_nonnull (listed);
  g_assert_true (G_OBJECT_TYPE (listed) == G_OBJECT_TYPE (input));
  assert_identity (fixture, listed, before, after);
  uuid = g_strdup (sw_feature_get_uuid (listed));
  fid = sw_feature_get_fid (listed);
  g_assert_cmpuint (sw_project_count (project, kc->kind), ==, n_before + 1);
  check (n_items_changed > 0, "the list did not signal the addition");
  assert_listed (project, listed, "after add");
  /* uuid, fid and timestamps come from the project, the rest from the input. */
  assert_feature_values (listed, input, IGNORE_UUID, "after add");
  assert_stored (fixture->path, listed, "after add");
  original = sw_feature_copy (listed);

  /* Undo and redo the addition: the same uuid comes back. */
  undo_ok (project);
  assert_not_listed (project, kc->kind, uuid, "after undoing the add");
  assert_not_stored (fixture->path, kc->kind, uuid, "after undoing the add");
  g_assert_cmpuint (sw_project_count (project, kc->kind), ==, n_before);
  redo_ok (project);
  listed = sw_project_lookup (project, kc->kind, uuid);
  check (listed != NULL, "redoing the add did not bring %s back", uuid);
  assert_feature_values (listed, original, COMPARE_ALL, "after redoing the add");
  assert_stored (fixture->path, listed, "after redoing the add");

  handler = g_signal_connect (listed, "notify", G_CALLBACK (count_notify), &n_notify);

  /* Edit through sw_project_edit. */
  last_modified = usec_of (sw_feature_get_modified (listed));
  g_usleep (3000);
  g_assert_true (kc->edit (project, listed, &error));
  g_assert_no_error (error);
  edited = sw_feature_copy (original);
  kc->expect_edit (edited);
  check (sw_project_lookup (project, kc->kind, uuid) == listed,
         "an edit replaced the listed object instead of updating it");
  assert_feature_values (listed, edited, COMPARE_CREATED | COMPARE_FID, "after edit");
  check (usec_of (sw_feature_get_modified (listed)) > last_modified,
         "modified did not advance with the edit");
  check (n_notify > 0, "the listed object did not notify the edit");
  assert_stored (fixture->path, listed, "after edit");
  g_clear_object (&edited);
  edited = sw_feature_copy (listed);

  /* Edit a copy and store it with sw_project_update. */
  last_modified = usec_of (sw_feature_get_modified (listed));
  g_usleep (3000);
  update = sw_feature_copy (listed);
  kc->change (update);
  g_assert_true (sw_project_update (project, update, &error));
  g_assert_no_error (error);
  changed = sw_feature_copy (edited);
  kc->change (changed);
  assert_feature_values (listed, changed, COMPARE_CREATED | COMPARE_FID, "after update");
  check (usec_of (sw_feature_get_modified (listed)) > last_modified,
         "modified did not advance with the update");
  assert_stored (fixture->path, listed, "after update");
  g_clear_object (&changed);
  changed = sw_feature_copy (listed);

  /* Undo both, redo both. */
  undo_ok (project);
  assert_feature_values (listed, edited, COMPARE_VALUES | COMPARE_CREATED | COMPARE_FID,
                         "after undoing the update");
  assert_stored (fixture->path, listed, "after undoing the update");
  undo_ok (project);
  assert_feature_values (listed, original, COMPARE_VALUES | COMPARE_CREATED | COMPARE_FID,
                         "after undoing the edit");
  assert_stored (fixture->path, listed, "after undoing the edit");
  redo_ok (project);
  assert_feature_values (listed, edited, COMPARE_VALUES | COMPARE_CREATED | COMPARE_FID,
                         "after redoing the edit");
  assert_stored (fixture->path, listed, "after redoing the edit");
  redo_ok (project);
  assert_feature_values (listed, changed, COMPARE_ALL, "after redoing the update");
  assert_stored (fixture->path, listed, "after redoing the update");
  g_assert_false (sw_project_can_redo (project));
  g_signal_handler_disconnect (listed, handler);

  /* Remove, undo: back with the same uuid and values. */
  g_assert_true (sw_project_remove (project, listed, &error));
  g_assert_no_error (error);
  listed = NULL;
  assert_not_listed (project, kc->kind, uuid, "after remove");
  assert_not_stored (fixture->path, kc->kind, uuid, "after remove");
  g_assert_cmpuint (sw_project_count (project, kc->kind), ==, n_before);
  undo_ok (project);
  listed = sw_project_lookup (project, kc->kind, uuid);
  check (listed != NULL, "undoing the removal did not bring %s back", uuid);
  assert_feature_values (listed, changed, COMPARE_VALUES | COMPARE_CREATED, "after undoing the removal");
  assert_stored (fixture->path, listed, "after undoing the removal");
  assert_listed (project, listed, "after undoing the removal");
  redo_ok (project);
  assert_not_listed (project, kc->kind, uuid, "after redoing the removal");
  assert_not_stored (fixture->path, kc->kind, uuid, "after redoing the removal");
  undo_ok (project);
  listed = sw_project_lookup (project, kc->kind, uuid);
  check (listed != NULL, "undoing the removal again did not bring %s back", uuid);
  final = sw_feature_copy (listed);
  (void) fid;

  /* Close, reopen, read back every value. */
  g_signal_handlers_disconnect_by_data (model, &n_items_changed);
  sw_project_close (project);
  g_assert_false (sw_project_is_open (project));
  g_clear_object (&project);

  project = reopen_project (fixture);
  listed = sw_project_lookup (project, kc->kind, uuid);
  check (listed != NULL, "%s %s is missing after reopening", sw_kind_get_layer_name (kc->kind), uuid);
  assert_feature_values (listed, final, COMPARE_ALL, "after reopening");
  g_assert_cmpuint (sw_project_count (project, kc->kind), ==, n_before + 1);
  g_assert_false (sw_project_can_undo (project));
  sw_project_close (project);
}

/* ---------------------------------------------------------------------- */
/* The project itself                                                      */

static void
test_create (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3) db = NULL;
  g_autofree char *journal_mode = NULL;
  g_autofree char *stored_version = NULL;

  g_assert_true (sw_project_is_open (project));
  g_assert_true (g_file_equal (sw_project_get_file (project), fixture->file));
  g_assert_cmpstr (sw_project_get_title (project), ==, "Trygghetsvandring Östermalm 2024");
  g_assert_cmpstr (sw_project_get_municipality (project), ==, "Katrineholm");
  g_assert_cmpint (sw_project_get_schema_version (project), ==, SW_PROJECT_SCHEMA_VERSION);
  g_assert_cmpstr (sw_project_get_working_crs (project), ==, SW_PROJECT_DEFAULT_WORKING_CRS);
  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    {
      g_assert_nonnull (sw_project_get_features (project, kind));
      g_assert_cmpuint (sw_project_count (project, kind), ==, 0);
      g_assert_true (g_list_model_get_item_type (sw_project_get_features (project, kind)) ==
                     sw_kind_get_feature_type (kind));
    }
  g_assert_false (sw_project_can_undo (project));
  g_assert_false (sw_project_can_redo (project));
  g_assert_false (sw_project_undo (project, &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);
  g_assert_false (sw_project_redo (project, &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  /* A GeoPackage 1.3 file in WAL mode, with no temporary left behind. */
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  db = open_db (fixture->path);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, 0x47504B47);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 10300);
  journal_mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  stored_version = query_text (db, "SELECT value FROM " SW_PROJECT_METADATA_TABLE
                                   " WHERE key = 'schema_version'");
  g_assert_cmpstr (stored_version, ==, G_STRINGIFY (SW_PROJECT_SCHEMA_VERSION));
  g_clear_pointer (&db, sqlite3_close);
  {
    g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      check (!strstr (name, ".creating"), "a temporary file %s was left beside the project", name);
  }

  /* Reopened, the settings are the same. */
  sw_project_close (project);
  g_clear_object (&project);
  project = reopen_project (fixture);
  g_assert_cmpstr (sw_project_get_title (project), ==, "Trygghetsvandring Östermalm 2024");
  g_assert_cmpstr (sw_project_get_municipality (project), ==, "Katrineholm");
  g_assert_cmpint (sw_project_get_schema_version (project), ==, SW_PROJECT_SCHEMA_VERSION);
  g_assert_cmpstr (sw_project_get_working_crs (project), ==, SW_PROJECT_DEFAULT_WORKING_CRS);
  sw_project_close (project);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_true (sw_project_set_setting (project, "working_crs", "EPSG:3010", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_project_get_working_crs (project), ==, "EPSG:3010");
  g_assert_true (sw_project_set_setting (project, "title", tricky_text, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_project_get_title (project), ==, tricky_text);
  g_assert_true (sw_project_set_setting (project, "test.note", "värde", &error));
  g_assert_no_error (error);

  sw_project_close (project);
  g_clear_object (&project);
  project = reopen_project (fixture);
  g_assert_cmpstr (sw_project_get_working_crs (project), ==, "EPSG:3010");
  g_assert_cmpstr (sw_project_get_title (project), ==, tricky_text);
  value = sw_project_dup_setting (project, "test.note");
  g_assert_cmpstr (value, ==, "värde");
  sw_project_close (project);
}

/* GDAL sees the layers DESIGN.md names, with their geometry, CRS, columns and
 * the media relation between findings and photos. */
static void
test_layers (Fixture       *fixture,
             gconstpointer  user_data)
{
  static const struct
  {
    const char *name;
    OGRwkbGeometryType type;
  } layers[] = {
    { "walks", wkbNone },
    { "routes", wkbLineString },
    { "stops", wkbPoint },
    { "findings", wkbPoint },
    { "photos", wkbNone },
    { "measures", wkbNone },
    { "places", wkbPoint },
    { SW_PROJECT_PHOTO_MAPPING_TABLE, wkbNone },
    { SW_PROJECT_METADATA_TABLE, wkbNone },
  };
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (TestDataset) dataset = NULL;
  g_autoptr (sqlite3) db = NULL;
  char **names;
  gboolean found_media = FALSE;
  OGRLayerH layer;

  sw_project_close (project);

  dataset = GDALOpenEx (fixture->path, GDAL_OF_VECTOR | GDAL_OF_READONLY, gpkg_only, NULL, NULL);
  check (dataset != NULL, "GDAL cannot open the project: %s", CPLGetLastErrorMsg ());
  g_assert_cmpstr (GDALGetDriverShortName (GDALGetDatasetDriver (dataset)), ==, "GPKG");

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      OGRSpatialReferenceH srs;

      layer = GDALDatasetGetLayerByName (dataset, layers[i].name);
      check (layer != NULL, "GDAL does not list the layer %s", layers[i].name);
      check (wkbFlatten (OGR_L_GetGeomType (layer)) == layers[i].type,
             "layer %s has geometry %s, expected %s", layers[i].name,
             OGRGeometryTypeToName (OGR_L_GetGeomType (layer)),
             OGRGeometryTypeToName (layers[i].type));
      srs = OGR_L_GetSpatialRef (layer);
      if (layers[i].type != wkbNone)
        {
          check (srs != NULL, "layer %s has no CRS", layers[i].name);
          g_assert_cmpstr (OSRGetAuthorityName (srs, NULL), ==, "EPSG");
          g_assert_cmpstr (OSRGetAuthorityCode (srs, NULL), ==, "4326");
        }
    }

  /* Each stored property is a column, and uuid is unique. */
  db = open_db (fixture->path);
  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    {
      g_autofree GParamSpec **pspecs = NULL;
      g_autofree char *sql = NULL;
      OGRFeatureDefnH defn;
      guint n_pspecs;

      layer = GDALDatasetGetLayerByName (dataset, sw_kind_get_layer_name (kind));
      defn = OGR_L_GetLayerDefn (layer);
      pspecs = sw_feature_list_stored_properties (sw_kind_get_feature_type (kind), &n_pspecs);
      for (guint i = 0; i < n_pspecs; i++)
        {
          g_autofree char *column = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');

          check (OGR_FD_GetFieldIndex (defn, column) >= 0, "layer %s has no field %s",
                 sw_kind_get_layer_name (kind), column);
        }
      check (g_strcmp0 (OGR_L_GetFIDColumn (layer), fid_column (kind)) == 0,
             "layer %s has the key column %s, expected %s", sw_kind_get_layer_name (kind),
             OGR_L_GetFIDColumn (layer), fid_column (kind));

      sql = g_strdup_printf ("SELECT count(*) FROM pragma_index_list('%s') il"
                             " JOIN pragma_index_info(il.name) ii"
                             " WHERE il.\"unique\" = 1 AND ii.name = 'uuid'"
                             " AND (SELECT count(*) FROM pragma_index_info(il.name)) = 1",
                             sw_kind_get_layer_name (kind));
      check (query_int (db, sql) >= 1, "layer %s has no unique index on uuid",
             sw_kind_get_layer_name (kind));
    }

  /* The photos layer holds the media columns of the Related Tables Extension. */
  layer = GDALDatasetGetLayerByName (dataset, "photos");
  for (guint i = 0; i < 8; i++)
    {
      static const char *const media_columns[] = {
        "data", "content_type", "thumbnail", "width", "height", "taken_at", "taken_lat", "taken_lon",
      };

      check (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), media_columns[i]) >= 0,
             "photos has no column %s", media_columns[i]);
    }

  names = GDALDatasetGetRelationshipNames (dataset, NULL);
  check (names != NULL && names[0] != NULL, "GDAL reports no relationship");
  for (int i = 0; names != NULL && names[i] != NULL; i++)
    {
      GDALRelationshipH relationship = GDALDatasetGetRelationship (dataset, names[i]);

      g_assert_nonnull (relationship);
      if (g_strcmp0 (GDALRelationshipGetLeftTableName (relationship), "findings") == 0 &&
          g_strcmp0 (GDALRelationshipGetRightTableName (relationship), "photos") == 0)
        {
          found_media = TRUE;
          g_assert_cmpstr (GDALRelationshipGetMappingTableName (relationship), ==,
                           SW_PROJECT_PHOTO_MAPPING_TABLE);
          g_assert_cmpstr (GDALRelationshipGetRelatedTableType (relationship), ==, "media");
          g_assert_cmpint (GDALRelationshipGetCardinality (relationship), ==, GRC_MANY_TO_MANY);
        }
    }
  check (found_media, "GDAL reports no relationship from findings to photos (%d relationships)",
         names != NULL ? CSLCount (names) : 0);
  CSLDestroy (names);
}

/* ---------------------------------------------------------------------- */
/* Photos                                                                  */

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr (GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autofree char *buffer = NULL;
  gsize size;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;

        p[0] = (guchar) (x * 255 / width);
        p[1] = (guchar) (y * 255 / height);
        p[2] = 128;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

/* A JPEG stored sideways, as phones do: red on the left, blue on the right,
 * with EXIF orientation 6 (turn 90° clockwise to show), so upright it is red
 * on top and blue below. */
static GBytes *
make_sideways_jpeg (int width,
                    int height)
{
  static const guint8 exif[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
    0x00, 0x01,
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr (GError) error = NULL;
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autofree char *buffer = NULL;
  gsize size;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;
        gboolean left = x < width / 2;

        p[0] = left ? 230 : 20;
        p[1] = 20;
        p[2] = left ? 20 : 230;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error,
                                            "quality", "95", NULL));
  g_assert_no_error (error);
  g_assert_true ((guchar) buffer[0] == 0xff && (guchar) buffer[1] == 0xd8);
  g_byte_array_append (out, (const guint8 *) buffer, 2);
  g_byte_array_append (out, exif, sizeof exif);
  g_byte_array_append (out, (const guint8 *) buffer + 2, size - 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
put_u16 (GByteArray *out,
         guint       value)
{
  guint8 bytes[2] = { value >> 8, value & 0xff };

  g_byte_array_append (out, bytes, 2);
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint8 bytes[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (out, bytes, 4);
}

static void
put_entry (GByteArray *out,
           guint       tag,
           guint       type,
           guint32     count,
           guint32     value)
{
  put_u16 (out, tag);
  put_u16 (out, type);
  put_u32 (out, count);
  put_u32 (out, value);
}

/* A phone photo: stored sideways (orientation 6), taken on 5 November 2024
 * at 19:42:10 +01:00, at 58°59'45.6" N 16°12'31.2" E. */
static GBytes *
make_phone_jpeg (int width,
                 int height)
{
  enum { SHORT = 3, LONG = 4, ASCII = 2, RATIONAL = 5 };
  static const guint32 latitude[] = { 58, 1, 59, 1, 456, 10 };
  static const guint32 longitude[] = { 16, 1, 12, 1, 312, 10 };
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr (GByteArray) tiff = g_byte_array_new ();
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *buffer = NULL;
  gsize size;

  /* Offsets are from the start of the TIFF header: IFD0 at 8 (42 bytes),
   * the Exif IFD at 50 (30 bytes) with its text at 80 and 100, the GPS IFD
   * at 108 (54 bytes) with its rationals at 162 and 186. */
  g_byte_array_append (tiff, (const guint8 *) "MM\0\x2a", 4);
  put_u32 (tiff, 8);
  put_u16 (tiff, 3);
  put_entry (tiff, 0x0112, SHORT, 1, 6u << 16);
  put_entry (tiff, 0x8769, LONG, 1, 50);
  put_entry (tiff, 0x8825, LONG, 1, 108);
  put_u32 (tiff, 0);
  g_assert_cmpuint (tiff->len, ==, 50);
  put_u16 (tiff, 2);
  put_entry (tiff, 0x9003, ASCII, 20, 80);
  put_entry (tiff, 0x9011, ASCII, 7, 100);
  put_u32 (tiff, 0);
  g_assert_cmpuint (tiff->len, ==, 80);
  g_byte_array_append (tiff, (const guint8 *) "2024:11:05 19:42:10", 20);
  g_byte_array_append (tiff, (const guint8 *) "+01:00\0", 8);
  g_assert_cmpuint (tiff->len, ==, 108);
  put_u16 (tiff, 4);
  put_entry (tiff, 0x0001, ASCII, 2, (guint32) 'N' << 24);
  put_entry (tiff, 0x0002, RATIONAL, 3, 162);
  put_entry (tiff, 0x0003, ASCII, 2, (guint32) 'E' << 24);
  put_entry (tiff, 0x0004, RATIONAL, 3, 186);
  put_u32 (tiff, 0);
  g_assert_cmpuint (tiff->len, ==, 162);
  for (guint i = 0; i < 6; i++)
    put_u32 (tiff, latitude[i]);
  for (guint i = 0; i < 6; i++)
    put_u32 (tiff, longitude[i]);

  gdk_pixbuf_fill (pixbuf, 0x2ec27eff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, NULL));
  g_assert_no_error (error);
  g_byte_array_append (out, (const guint8 *) buffer, 2);
  put_u16 (out, 0xffe1);
  put_u16 (out, 2 + 6 + tiff->len);
  g_byte_array_append (out, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (out, tiff->data, tiff->len);
  g_byte_array_append (out, (const guint8 *) buffer + 2, size - 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Walks the JPEG markers up to the image data: a JPEG, and no EXIF. */
static void
assert_jpeg_without_exif (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize pos = 2;

  check (size > 4 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff,
         "the stored photo does not start as a JPEG (%02x %02x %02x)",
         size > 0 ? data[0] : 0, size > 1 ? data[1] : 0, size > 2 ? data[2] : 0);
  check (data[size - 2] == 0xff && data[size - 1] == 0xd9, "the stored JPEG is not complete");
  while (pos + 4 <= size)
    {
      guint8 marker;
      gsize length;

      check (data[pos] == 0xff, "JPEG segment at %" G_GSIZE_FORMAT " does not start with FF", pos);
      marker = data[pos + 1];
      if (marker == 0xda) /* start of scan: no metadata after this */
        break;
      length = ((gsize) data[pos + 2] << 8) | data[pos + 3];
      check (!(marker == 0xe1 && pos + 10 <= size && memcmp (data + pos + 4, "Exif\0\0", 6) == 0),
             "the stored JPEG has an EXIF segment at %" G_GSIZE_FORMAT, pos);
      check (!(marker == 0xe1 && pos + 9 <= size && memcmp (data + pos + 4, "http:", 5) == 0),
             "the stored JPEG has an XMP segment at %" G_GSIZE_FORMAT, pos);
      pos += 2 + length;
    }
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, bytes, &error));
  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static void
assert_mapping (const char *path,
                const char *finding_uuid,
                const char *photo_uuid,
                gint64      expected)
{
  g_autoptr (sqlite3) db = open_db (path);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const char *sql = "SELECT count(*) FROM " SW_PROJECT_PHOTO_MAPPING_TABLE " m"
                    " JOIN findings f ON f.fid = m.base_id"
                    " JOIN photos p ON p.id = m.related_id"
                    " WHERE f.uuid = ? AND p.uuid = ?";

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, finding_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, photo_uuid, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  check (sqlite3_column_int64 (stmt, 0) == expected,
         "the mapping table links photo %s to finding %s %lld times, expected %" G_GINT64_FORMAT,
         photo_uuid, finding_uuid, (long long) sqlite3_column_int64 (stmt, 0), expected);
}

static void
test_photo (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (SwFinding) input = new_finding (add_parent_walk (project));
  g_autoptr (GBytes) png = make_png (3000, 2000);
  g_autoptr (GBytes) small = make_png (200, 120);
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GBytes) data2 = NULL;
  g_autoptr (GdkPixbuf) stored = NULL;
  g_autoptr (GdkPixbuf) thumb = NULL;
  g_autoptr (GPtrArray) photos = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFeature) saved = NULL;
  g_autofree char *photo_uuid = NULL;
  g_autofree char *finding_uuid = NULL;
  SwFinding *finding = SW_FINDING (add_ok (project, SW_FEATURE (input)));
  SwPhoto *photo;
  SwPhoto *second;
  gint64 before, after;

  finding_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (finding)));
  before = g_get_real_time ();
  photo = sw_project_add_photo (project, finding, png, 1024, &error);
  after = g_get_real_time ();
  g_assert_no_error (error);
  g_assert_nonnull (photo);
  assert_identity (fixture, SW_FEATURE (photo), before, after);
  photo_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (photo)));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 1);
  assert_listed (project, SW_FEATURE (photo), "after adding a photo");
  g_assert_cmpstr (sw_photo_get_finding_uuid (photo), ==, finding_uuid);
  g_assert_cmpstr (sw_photo_get_content_type (photo), ==, "image/jpeg");
  g_assert_cmpint (sw_photo_get_width (photo), ==, 1024);
  g_assert_cmpint (sw_photo_get_height (photo), >=, 682);
  g_assert_cmpint (sw_photo_get_height (photo), <=, 683);
  /* A PNG tells neither when nor where. */
  g_assert_null (sw_photo_get_taken_at (photo));
  check (isnan (sw_photo_get_taken_lat (photo)) && isnan (sw_photo_get_taken_lon (photo)),
         "a photo without a position has one: %f %f", sw_photo_get_taken_lat (photo),
         sw_photo_get_taken_lon (photo));
  check (sw_photo_get_data (photo) == NULL, "the listed photo carries its full data");
  g_assert_nonnull (sw_photo_get_thumbnail (photo));
  thumb = decode (sw_photo_get_thumbnail (photo));
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (thumb), gdk_pixbuf_get_height (thumb)), <=, 256);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (thumb), gdk_pixbuf_get_height (thumb)), >=, 64);
  assert_stored (fixture->path, SW_FEATURE (photo), "after adding a photo");
  assert_mapping (fixture->path, finding_uuid, photo_uuid, 1);

  photos = sw_project_list_finding_photos (project, finding);
  g_assert_cmpuint (photos->len, ==, 1);
  g_assert_cmpstr (sw_feature_get_uuid (photos->pdata[0]), ==, photo_uuid);
  g_clear_pointer (&photos, g_ptr_array_unref);

  data = sw_project_load_photo_data (project, photo, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  assert_jpeg_without_exif (data);
  stored = decode (data);
  g_assert_cmpint (gdk_pixbuf_get_width (stored), ==, sw_photo_get_width (photo));
  g_assert_cmpint (gdk_pixbuf_get_height (stored), ==, sw_photo_get_height (photo));
  g_clear_object (&stored);

  /* A small photo is not enlarged; a second photo goes after the first. */
  second = sw_project_add_photo (project, finding, small, 2048, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpint (sw_photo_get_width (second), ==, 200);
  g_assert_cmpint (sw_photo_get_height (second), ==, 120);
  g_assert_cmpint (sw_photo_get_position (second), >, sw_photo_get_position (photo));
  photos = sw_project_list_finding_photos (project, finding);
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_cmpstr (sw_feature_get_uuid (photos->pdata[0]), ==, photo_uuid);
  g_clear_pointer (&photos, g_ptr_array_unref);

  /* Undo and redo the second photo. */
  undo_ok (project);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 1);
  redo_ok (project);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 2);

  /* Removing the photo and undoing it brings its data back. */
  photo = SW_PHOTO (sw_project_lookup (project, SW_KIND_PHOTO, photo_uuid));
  g_assert_nonnull (photo);
  saved = sw_feature_copy (SW_FEATURE (photo));
  g_assert_true (sw_project_remove (project, SW_FEATURE (photo), &error));
  g_assert_no_error (error);
  assert_not_listed (project, SW_KIND_PHOTO, photo_uuid, "after removing the photo");
  assert_not_stored (fixture->path, SW_KIND_PHOTO, photo_uuid, "after removing the photo");
  assert_mapping (fixture->path, finding_uuid, photo_uuid, 0);
  undo_ok (project);
  photo = SW_PHOTO (sw_project_lookup (project, SW_KIND_PHOTO, photo_uuid));
  check (photo != NULL, "undoing the photo's removal did not bring it back");
  assert_feature_values (SW_FEATURE (photo), saved, COMPARE_VALUES | COMPARE_CREATED,
                         "after undoing the photo's removal");
  assert_mapping (fixture->path, finding_uuid, photo_uuid, 1);
  data2 = sw_project_load_photo_data (project, photo, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (data, data2));
  g_clear_pointer (&data2, g_bytes_unref);

  /* Editing a photo keeps its data; moving it to another finding moves its
   * row in the mapping table; undo moves it back. */
  {
    g_autoptr (SwFinding) other_input = new_finding (sw_finding_get_walk_uuid (finding));
    SwFeature *other = add_ok (project, SW_FEATURE (other_input));

    g_assert_true (sw_project_edit (project, SW_FEATURE (photo), &error, "taken-lat", 58.9961,
                                    "taken-lon", 16.2087, NULL));
    g_assert_no_error (error);
    assert_stored (fixture->path, SW_FEATURE (photo), "after editing the photo");
    data2 = sw_project_load_photo_data (project, photo, &error);
    g_assert_no_error (error);
    check (g_bytes_equal (data, data2), "editing a photo's attributes changed its data");
    g_clear_pointer (&data2, g_bytes_unref);

    g_assert_true (sw_project_edit (project, SW_FEATURE (photo), &error, "finding-uuid",
                                    sw_feature_get_uuid (other), NULL));
    g_assert_no_error (error);
    assert_mapping (fixture->path, sw_feature_get_uuid (other), photo_uuid, 1);
    assert_mapping (fixture->path, finding_uuid, photo_uuid, 0);
    undo_ok (project);
    g_assert_cmpstr (sw_photo_get_finding_uuid (photo), ==, finding_uuid);
    assert_mapping (fixture->path, finding_uuid, photo_uuid, 1);
    assert_mapping (fixture->path, sw_feature_get_uuid (other), photo_uuid, 0);
    data2 = sw_project_load_photo_data (project, photo, &error);
    g_assert_no_error (error);
    check (g_bytes_equal (data, data2), "moving a photo and back changed its data");
    g_clear_pointer (&data2, g_bytes_unref);
    g_clear_object (&saved);
    saved = sw_feature_copy (SW_FEATURE (photo));
  }

  /* Reopened: the photo, its finding, its thumbnail and its data. */
  sw_project_close (project);
  g_clear_object (&project);
  project = reopen_project (fixture);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 2);
  photo = SW_PHOTO (sw_project_lookup (project, SW_KIND_PHOTO, photo_uuid));
  check (photo != NULL, "the photo is missing after reopening");
  assert_feature_values (SW_FEATURE (photo), saved, COMPARE_VALUES | COMPARE_CREATED,
                         "photo after reopening");
  g_assert_cmpstr (sw_photo_get_finding_uuid (photo), ==, finding_uuid);
  data2 = sw_project_load_photo_data (project, photo, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (data, data2));
  finding = SW_FINDING (sw_project_lookup (project, SW_KIND_FINDING, finding_uuid));
  photos = sw_project_list_finding_photos (project, finding);
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_cmpstr (sw_feature_get_uuid (photos->pdata[0]), ==, photo_uuid);
  sw_project_close (project);
}

/* A phone photo stored sideways is kept upright, and its EXIF is gone. */
static void
test_photo_orientation (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (SwFinding) input = new_finding (add_parent_walk (project));
  g_autoptr (GBytes) jpeg = make_sideways_jpeg (300, 200);
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GdkPixbuf) upright = NULL;
  g_autoptr (GError) error = NULL;
  SwFinding *finding = SW_FINDING (add_ok (project, SW_FEATURE (input)));
  SwPhoto *photo;
  const guchar *top, *bottom;
  int stride;

  photo = sw_project_add_photo (project, finding, jpeg, 2048, &error);
  g_assert_no_error (error);
  g_assert_nonnull (photo);
  g_assert_cmpint (sw_photo_get_width (photo), ==, 200);
  g_assert_cmpint (sw_photo_get_height (photo), ==, 300);
  data = sw_project_load_photo_data (project, photo, &error);
  g_assert_no_error (error);
  assert_jpeg_without_exif (data);
  upright = decode (data);
  g_assert_cmpint (gdk_pixbuf_get_width (upright), ==, 200);
  g_assert_cmpint (gdk_pixbuf_get_height (upright), ==, 300);
  stride = gdk_pixbuf_get_rowstride (upright);
  top = gdk_pixbuf_get_pixels (upright) + 50 * stride + 100 * gdk_pixbuf_get_n_channels (upright);
  bottom = gdk_pixbuf_get_pixels (upright) + 250 * stride + 100 * gdk_pixbuf_get_n_channels (upright);
  check (top[0] > 150 && top[2] < 100, "the top of the upright photo is not red (%d,%d,%d)",
         top[0], top[1], top[2]);
  check (bottom[2] > 150 && bottom[0] < 100, "the bottom of the upright photo is not blue (%d,%d,%d)",
         bottom[0], bottom[1], bottom[2]);
  sw_project_close (project);
}

/* The capture time and position of a phone photo are kept as attributes,
 * while the stored JPEG carries no EXIF. */
static void
test_photo_exif (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (SwFinding) input = new_finding (add_parent_walk (project));
  g_autoptr (GBytes) jpeg = make_phone_jpeg (320, 240);
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GDateTime) expected_time = g_date_time_new_utc (2024, 11, 5, 18, 42, 10);
  g_autoptr (GError) error = NULL;
  g_autofree char *photo_uuid = NULL;
  g_autofree char *shown = NULL;
  SwFinding *finding = SW_FINDING (add_ok (project, SW_FEATURE (input)));
  SwPhoto *photo;

  photo = sw_project_add_photo (project, finding, jpeg, 2048, &error);
  g_assert_no_error (error);
  g_assert_nonnull (photo);
  photo_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (photo)));
  g_assert_cmpint (sw_photo_get_width (photo), ==, 240);
  g_assert_cmpint (sw_photo_get_height (photo), ==, 320);
  check (sw_photo_get_taken_at (photo) != NULL, "the photo's capture time was not kept");
  shown = g_date_time_format_iso8601 (sw_photo_get_taken_at (photo));
  check (g_date_time_equal (sw_photo_get_taken_at (photo), expected_time),
         "the photo was taken at 2024-11-05T18:42:10Z, the project says %s", shown);
  check (fabs (sw_photo_get_taken_lat (photo) - 58.996) < 1e-6 &&
         fabs (sw_photo_get_taken_lon (photo) - (16.2 + 31.2 / 3600.0)) < 1e-6,
         "the photo was taken at 58.996 N 16.208667 E, the project says %.6f %.6f",
         sw_photo_get_taken_lat (photo), sw_photo_get_taken_lon (photo));
  assert_stored (fixture->path, SW_FEATURE (photo), "after adding a phone photo");
  data = sw_project_load_photo_data (project, photo, &error);
  g_assert_no_error (error);
  assert_jpeg_without_exif (data);

  sw_project_close (project);
  g_clear_object (&project);
  project = reopen_project (fixture);
  photo = SW_PHOTO (sw_project_lookup (project, SW_KIND_PHOTO, photo_uuid));
  g_assert_nonnull (photo);
  check (sw_photo_get_taken_at (photo) != NULL &&
         g_date_time_equal (sw_photo_get_taken_at (photo), expected_time),
         "after reopening, the capture time is not 2024-11-05T18:42:10Z");
  g_assert_cmpfloat_with_epsilon (sw_photo_get_taken_lat (photo), 58.996, 1e-6);
  sw_project_close (project);
}

/* ---------------------------------------------------------------------- */
/* Removing a walk removes what belongs to it                              */

typedef struct
{
  char *uuid;
  SwKind kind;
  SwFeature *state;
} Remembered;

static void
remembered_free (gpointer data)
{
  Remembered *r = data;

  g_free (r->uuid);
  g_clear_object (&r->state);
  g_free (r);
}

static void
remember (GPtrArray *all,
          SwFeature *feature)
{
  Remembered *r = g_new0 (Remembered, 1);

  r->uuid = g_strdup (sw_feature_get_uuid (feature));
  r->kind = sw_feature_get_kind (feature);
  r->state = sw_feature_copy (feature);
  g_ptr_array_add (all, r);
}

static void
test_cascade (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (GPtrArray) doomed = g_ptr_array_new_with_free_func (remembered_free);
  g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (remembered_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = make_png (320, 240);
  g_autoptr (SwWalk) walk_input = new_walk ();
  g_autoptr (SwWalk) other_input = new_walk ();
  g_autofree char *photo_uuid = NULL;
  g_autofree char *finding_uuid = NULL;
  SwFeature *walk, *other, *route, *feature;
  SwPhoto *photo;

  walk = add_ok (project, SW_FEATURE (walk_input));
  other = add_ok (project, SW_FEATURE (other_input));
  remember (kept, other);

  {
    g_autoptr (SwRoute) r = new_route (sw_feature_get_uuid (walk));
    g_autoptr (SwStop) s1 = NULL;
    g_autoptr (SwStop) s2 = NULL;
    g_autoptr (SwFinding) f1 = new_finding (sw_feature_get_uuid (walk));
    g_autoptr (SwFinding) f2 = new_finding (sw_feature_get_uuid (walk));
    g_autoptr (SwFinding) f3 = new_finding (sw_feature_get_uuid (other));
    g_autoptr (SwMeasure) m1 = NULL;
    g_autoptr (SwMeasure) m3 = NULL;
    g_autoptr (SwPlace) place = new_place ();
    SwFeature *listed_f1, *listed_f3;

    route = add_ok (project, SW_FEATURE (r));
    remember (doomed, route);
    s1 = new_stop (sw_feature_get_uuid (walk), sw_feature_get_uuid (route), 1);
    s2 = new_stop (sw_feature_get_uuid (walk), sw_feature_get_uuid (route), 2);
    remember (doomed, add_ok (project, SW_FEATURE (s1)));
    remember (doomed, add_ok (project, SW_FEATURE (s2)));
    listed_f1 = add_ok (project, SW_FEATURE (f1));
    remember (doomed, listed_f1);
    remember (doomed, add_ok (project, SW_FEATURE (f2)));
    listed_f3 = add_ok (project, SW_FEATURE (f3));
    remember (kept, listed_f3);
    m1 = new_measure (sw_feature_get_uuid (listed_f1));
    remember (doomed, add_ok (project, SW_FEATURE (m1)));
    m3 = new_measure (sw_feature_get_uuid (listed_f3));
    remember (kept, add_ok (project, SW_FEATURE (m3)));
    remember (kept, add_ok (project, SW_FEATURE (place)));

    photo = sw_project_add_photo (project, SW_FINDING (listed_f1), png, 2048, &error);
    g_assert_no_error (error);
    g_assert_nonnull (photo);
    remember (doomed, SW_FEATURE (photo));
    photo_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (photo)));
    finding_uuid = g_strdup (sw_feature_get_uuid (listed_f1));
  }
  remember (doomed, walk);

  /* One removal takes the walk and everything of it, as one undo step. */
  g_assert_true (sw_project_remove (project, walk, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < doomed->len; i++)
    {
      Remembered *r = doomed->pdata[i];

      assert_not_listed (project, r->kind, r->uuid, "after removing the walk");
      assert_not_stored (fixture->path, r->kind, r->uuid, "after removing the walk");
    }
  for (guint i = 0; i < kept->len; i++)
    {
      Remembered *r = kept->pdata[i];

      feature = sw_project_lookup (project, r->kind, r->uuid);
      check (feature != NULL, "removing a walk removed %s %s of another walk",
             sw_kind_get_layer_name (r->kind), r->uuid);
    }
  assert_mapping (fixture->path, finding_uuid, photo_uuid, 0);
  {
    g_autoptr (sqlite3) db = open_db (fixture->path);

    g_assert_cmpint (query_int (db, "SELECT count(*) FROM " SW_PROJECT_PHOTO_MAPPING_TABLE), ==, 0);
  }

  /* One undo brings all of it back, with the same uuids and values. */
  undo_ok (project);
  for (guint i = 0; i < doomed->len; i++)
    {
      Remembered *r = doomed->pdata[i];

      feature = sw_project_lookup (project, r->kind, r->uuid);
      check (feature != NULL, "undoing the walk's removal did not bring back %s %s",
             sw_kind_get_layer_name (r->kind), r->uuid);
      assert_feature_values (feature, r->state, COMPARE_VALUES | COMPARE_CREATED | COMPARE_MODIFIED,
                             "after undoing the walk's removal");
      assert_stored (fixture->path, feature, "after undoing the walk's removal");
    }
  assert_mapping (fixture->path, finding_uuid, photo_uuid, 1);
  photo = SW_PHOTO (sw_project_lookup (project, SW_KIND_PHOTO, photo_uuid));
  {
    g_autoptr (GBytes) data = sw_project_load_photo_data (project, photo, &error);

    g_assert_no_error (error);
    assert_jpeg_without_exif (data);
  }

  /* Redo removes it all again; undo, close and reopen keeps it all. */
  redo_ok (project);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 0);
  undo_ok (project);
  sw_project_close (project);
  g_clear_object (&project);
  project = reopen_project (fixture);
  for (guint i = 0; i < doomed->len; i++)
    {
      Remembered *r = doomed->pdata[i];

      feature = sw_project_lookup (project, r->kind, r->uuid);
      check (feature != NULL, "after reopening, %s %s is missing", sw_kind_get_layer_name (r->kind),
             r->uuid);
      assert_feature_values (feature, r->state, COMPARE_ALL, "after reopening");
    }
  photo = SW_PHOTO (sw_project_lookup (project, SW_KIND_PHOTO, photo_uuid));
  g_assert_cmpstr (sw_photo_get_finding_uuid (photo), ==, finding_uuid);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 2);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_STOP), ==, 2);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 3);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_MEASURE), ==, 2);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PLACE), ==, 1);
  sw_project_close (project);
}

/* ---------------------------------------------------------------------- */
/* Every edit is committed at once                                         */

static char *
stored_walk_title (sqlite3    *db,
                   const char *uuid)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title FROM walks WHERE uuid = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Between edits the project holds no write transaction: another connection
 * can take the write lock at once. */
static void
assert_no_open_transaction (sqlite3    *db,
                            const char *when)
{
  int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  check (rc == SQLITE_OK, "%s: another connection cannot begin a write (%s): the project "
         "holds a transaction open", when, sqlite3_errstr (rc));
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
count_feature_changed (SwProject *project,
                       SwFeature *feature,
                       guint     *count)
{
  g_assert_true (sw_project_lookup (project, sw_feature_get_kind (feature),
                                    sw_feature_get_uuid (feature)) == feature);
  (*count)++;
}

/* Many additions or updates are one undo step, and each reaches the file. */
static void
test_many (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) added = NULL;
  g_autoptr (GPtrArray) edited = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3) db = open_db (fixture->path);
  guint changed = 0;

  g_signal_connect (project, "feature-changed", G_CALLBACK (count_feature_changed), &changed);
  for (guint i = 0; i < 3; i++)
    {
      SwFinding *finding = sw_finding_new ();

      sw_finding_set_category (finding, "lighting");
      sw_finding_set_longitude (finding, 16.2 + i * 0.001);
      sw_finding_set_latitude (finding, 58.99);
      g_ptr_array_add (inputs, finding);
    }

  added = sw_project_add_many (project, inputs, "Import", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 3);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM findings"), ==, 3);
  g_assert_cmpstr (sw_project_get_undo_label (project), ==, "Import");
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (sw_project_lookup (project, SW_KIND_FINDING,
                                        sw_feature_get_uuid (added->pdata[i])) == added->pdata[i]);
      g_assert_cmpfloat_with_epsilon (sw_finding_get_longitude (added->pdata[i]), 16.2 + i * 0.001,
                                      1e-12);
    }

  for (guint i = 0; i < 3; i++)
    {
      SwFeature *copy = sw_feature_copy (added->pdata[i]);

      sw_finding_set_severity (SW_FINDING (copy), 3);
      g_ptr_array_add (edited, copy);
    }
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (sw_project_update_many (project, edited, "Set Severity", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM findings WHERE severity = 3"), ==, 3);
  /* One signal per finding updated in place, none for additions. */
  g_assert_cmpuint (changed, ==, 3);

  /* One undo takes back all three edits, the next all three additions. */
  g_assert_true (sw_project_undo (project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM findings WHERE severity = 3"), ==, 0);
  g_assert_cmpint (sw_finding_get_severity (added->pdata[0]), ==, 0);
  g_assert_true (sw_project_undo (project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM findings"), ==, 0);
  g_assert_true (sw_project_redo (project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM findings"), ==, 3);
}

static void
test_transactions (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (SwWalk) input = new_walk ();
  g_autoptr (sqlite3) db = open_db (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autofree char *journal_mode = NULL;
  g_autofree char *title = NULL;
  g_autofree char *wal_path = g_strconcat (fixture->path, "-wal", NULL);
  SwFeature *walk;

  journal_mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  assert_no_open_transaction (db, "after create");

  walk = add_ok (project, SW_FEATURE (input));
  title = stored_walk_title (db, sw_feature_get_uuid (walk));
  g_assert_cmpstr (title, ==, "Trygghetsvandring Östermalm");
  g_clear_pointer (&title, g_free);
  assert_no_open_transaction (db, "after add");
  g_assert_true (g_file_test (wal_path, G_FILE_TEST_EXISTS));

  g_assert_true (sw_project_edit (project, walk, &error, "title", "Andra titeln", NULL));
  g_assert_no_error (error);
  title = stored_walk_title (db, sw_feature_get_uuid (walk));
  g_assert_cmpstr (title, ==, "Andra titeln");
  g_clear_pointer (&title, g_free);
  assert_no_open_transaction (db, "after edit");

  undo_ok (project);
  title = stored_walk_title (db, sw_feature_get_uuid (walk));
  g_assert_cmpstr (title, ==, "Trygghetsvandring Östermalm");
  g_clear_pointer (&title, g_free);
  assert_no_open_transaction (db, "after undo");

  redo_ok (project);
  title = stored_walk_title (db, sw_feature_get_uuid (walk));
  g_assert_cmpstr (title, ==, "Andra titeln");
  g_clear_pointer (&title, g_free);

  g_assert_true (sw_project_set_setting (project, "title", "Ny projekttitel", &error));
  g_assert_no_error (error);
  title = query_text (db, "SELECT value FROM " SW_PROJECT_METADATA_TABLE " WHERE key = 'title'");
  g_assert_cmpstr (title, ==, "Ny projekttitel");
  assert_no_open_transaction (db, "after setting a value");

  /* Whatever another connection sees, the file itself is sound. */
  g_clear_pointer (&title, g_free);
  title = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (title, ==, "ok");
  sw_project_close (project);
}

/* A closed project refuses edits with a reason. */
static void
test_closed (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (SwWalk) input = new_walk ();
  g_autoptr (SwWalk) late = new_walk ();
  g_autoptr (GError) error = NULL;
  SwFeature *walk = add_ok (project, SW_FEATURE (input));

  sw_project_close (project);
  g_assert_false (sw_project_is_open (project));
  g_assert_null (sw_project_add (project, SW_FEATURE (late), &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (sw_project_edit (project, walk, &error, "title", "x", NULL));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (sw_project_undo (project, &error));
  check (g_error_matches (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_CLOSED) ||
         g_error_matches (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_NOTHING_TO_UNDO),
         "undo on a closed project: %s", error != NULL ? error->message : "no error");
  g_clear_error (&error);
  /* Closing twice is harmless. */
  sw_project_close (project);
}

/* Save a Copy writes a whole project elsewhere that opens on its own. */
static void
test_save_copy (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (SwProject) project = create_project (fixture);
  g_autoptr (SwProject) copy = NULL;
  g_autoptr (SwFinding) input = new_finding (add_parent_walk (project));
  g_autoptr (GBytes) png = make_png (400, 300);
  g_autoptr (GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "kopia.gpkg", NULL);
  g_autoptr (GFile) copy_file = g_file_new_for_path (copy_path);
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GBytes) copied_data = NULL;
  SwFeature *finding = add_ok (project, SW_FEATURE (input));
  SwPhoto *photo;

  photo = sw_project_add_photo (project, SW_FINDING (finding), png, 2048, &error);
  g_assert_no_error (error);
  data = sw_project_load_photo_data (project, photo, &error);
  g_assert_no_error (error);

  g_assert_true (sw_project_save_copy (project, copy_file, &error));
  g_assert_no_error (error);
  /* The original stays open and editable. */
  g_assert_true (sw_project_edit (project, finding, &error, "note", "efter kopian", NULL));
  g_assert_no_error (error);

  copy = sw_project_open (copy_file, &error);
  g_assert_no_error (error);
  for (SwKind kind = 0; kind < SW_N_KINDS; kind++)
    g_assert_cmpuint (sw_project_count (copy, kind), ==, sw_project_count (project, kind));
  assert_feature_values (sw_project_lookup (copy, SW_KIND_FINDING, sw_feature_get_uuid (finding)),
                         SW_FEATURE (input), IGNORE_UUID, "in the copy");
  photo = SW_PHOTO (sw_project_lookup (copy, SW_KIND_PHOTO, sw_feature_get_uuid (SW_FEATURE (photo))));
  g_assert_nonnull (photo);
  copied_data = sw_project_load_photo_data (copy, photo, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (data, copied_data));
  g_assert_cmpstr (sw_project_get_title (copy), ==, sw_project_get_title (project));
  sw_project_close (copy);
  sw_project_close (project);
}

int
main (int   argc,
      char *argv[])
{
  /* Messages with å, ä, ö print as such, not as question marks. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add ("/project/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/project/settings", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/project/layers", Fixture, NULL, fixture_set_up, test_layers, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (kind_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/project/kind/%s",
                                               sw_kind_get_layer_name (kind_cases[i].kind));

      g_test_add (path, Fixture, &kind_cases[i], fixture_set_up, test_kind_cycle, fixture_tear_down);
    }
  g_test_add ("/project/photo", Fixture, NULL, fixture_set_up, test_photo, fixture_tear_down);
  g_test_add ("/project/photo-orientation", Fixture, NULL, fixture_set_up, test_photo_orientation,
              fixture_tear_down);
  g_test_add ("/project/photo-exif", Fixture, NULL, fixture_set_up, test_photo_exif,
              fixture_tear_down);
  g_test_add ("/project/cascade", Fixture, NULL, fixture_set_up, test_cascade, fixture_tear_down);
  g_test_add ("/project/transactions", Fixture, NULL, fixture_set_up, test_transactions,
              fixture_tear_down);
  g_test_add ("/project/many", Fixture, NULL, fixture_set_up, test_many, fixture_tear_down);
  g_test_add ("/project/closed", Fixture, NULL, fixture_set_up, test_closed, fixture_tear_down);
  g_test_add ("/project/save-copy", Fixture, NULL, fixture_set_up, test_save_copy, fixture_tear_down);

  return g_test_run ();
}
