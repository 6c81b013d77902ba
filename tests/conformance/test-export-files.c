/* Tests the files `safetywalk-cli export` writes from the demo project with GDAL's own tools:
 * validate_gpkg.py, ogrinfo, gdaltransform for the coordinates, the photo relationship, the QGIS
 * styles parsed as XML, the public export's dropped fields, and GeoJSON, CSV and KML read back. */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sw-project.h"

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

typedef struct
{
  char *dir;
  char *project;
} Fixture;

/* A point of a layer, by uuid: x and y (or longitude and latitude), the
 * category for findings. */
typedef struct
{
  double x;
  double y;
  char *category;
} Point;

static void
point_free (Point *point)
{
  g_free (point->category);
  g_free (point);
}

static const char *
required_env (const char *name,
              const char *what)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_error ("%s is not set: %s. Run the test through meson.", name, what);
  return value;
}

static void
run_tool (const char *const *argv,
          char              **out,
          char              **err,
          gboolean           *exited_ok)
{
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                     &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  *exited_ok = g_spawn_check_wait_status (status, NULL);
}

static void
export_ok (Fixture    *fixture,
           const char *out,
           ...)
{
  const char *cli = required_env ("SW_CLI", "the CLI was not built");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *arg;
  gboolean ok;
  va_list args;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "export");
  g_ptr_array_add (argv, fixture->project);
  g_ptr_array_add (argv, (char *) out);
  va_start (args, out);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_tool ((const char *const *) argv->pdata, &stdout_text, &stderr_text, &ok);
  check (ok, "safetywalk-cli export %s failed:\n%s%s", out, stdout_text, stderr_text);
  check (g_file_test (out, G_FILE_TEST_IS_REGULAR), "%s was not written", out);
}

static void
assert_validate_gpkg (const char *path)
{
  const char *python = required_env ("SW_PYTHON3", "/usr/bin/python3 is missing");
  const char *script = required_env ("SW_VALIDATE_GPKG", "install python3-gdal");
  const char *argv[] = { python, script, "-k", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gboolean ok;

  run_tool (argv, &out, &err, &ok);
  check (ok && *out == '\0' && *err == '\0', "validate_gpkg.py %s:\n%s%s", path, out, err);
}

/* ogrinfo names the CRS of each exported layer by its EPSG code. */
static void
assert_ogrinfo_crs (const char *path,
                    guint       epsg)
{
  const char *ogrinfo = required_env ("SW_OGRINFO", "install gdal-bin");
  const char *layers[] = { "findings", "places", "measures", "stops", "routes" };

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      const char *argv[] = { ogrinfo, "-ro", "-so", path, layers[i], NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *id = g_strdup_printf ("\n    ID[\"EPSG\",%u]]\n", epsg);
      gboolean ok;

      run_tool (argv, &out, &err, &ok);
      check (ok && *err == '\0', "ogrinfo %s %s:\n%s", path, layers[i], err);
      check (strstr (out, id) != NULL, "ogrinfo: %s of %s is not EPSG:%u:\n%s", layers[i], path,
             epsg, out);
    }
}

/* Points of @layer by uuid; @x_field and @y_field name columns for CSV. */
static GHashTable *
read_points (const char *path,
             const char *layer_name,
             const char *driver)
{
  const char *drivers[] = { driver, NULL };
  const char *csv_options[] = { "X_POSSIBLE_NAMES=X", "Y_POSSIBLE_NAMES=Y", "KEEP_GEOM_COLUMNS=NO", NULL };
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                                     g_str_equal (driver, "CSV") ? csv_options : NULL, NULL);
  GHashTable *points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) point_free);
  OGRLayerH layer;
  OGRFeatureH feature;

  check (dataset != NULL, "GDAL (%s) cannot open %s", driver, path);
  layer = layer_name != NULL ? GDALDatasetGetLayerByName (dataset, layer_name)
                             : GDALDatasetGetLayer (dataset, 0);
  check (layer != NULL, "%s has no layer %s", path, layer_name);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      int uuid = OGR_F_GetFieldIndex (feature, "uuid");
      int category = OGR_F_GetFieldIndex (feature, "category");
      Point *point = g_new0 (Point, 1);

      check (uuid >= 0 && geometry != NULL, "a feature of %s in %s lacks uuid or geometry",
             layer_name, path);
      point->x = OGR_G_GetX (geometry, 0);
      point->y = OGR_G_GetY (geometry, 0);
      if (category >= 0)
        point->category = g_strdup (OGR_F_GetFieldAsString (feature, category));
      g_hash_table_insert (points, g_strdup (OGR_F_GetFieldAsString (feature, uuid)), point);
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  return points;
}

static guint
layer_count (const char *path,
             const char *layer_name)
{
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer = dataset != NULL ? GDALDatasetGetLayerByName (dataset, layer_name) : NULL;
  guint count;

  check (layer != NULL, "%s has no layer %s", path, layer_name);
  count = (guint) OGR_L_GetFeatureCount (layer, TRUE);
  GDALClose (dataset);
  return count;
}

/* The project's points put through gdaltransform, a tool of its own. */
static GHashTable *
transform_independently (GHashTable *points,
                         guint       epsg)
{
  g_autoptr (GString) input = g_string_new (NULL);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  g_autofree char *target = g_strdup_printf ("EPSG:%u", epsg);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;
  GHashTable *result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) point_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, points);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Point *point = value;
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

      g_ptr_array_add (order, key);
      g_string_append_printf (input, "%s %s\n", g_ascii_dtostr (x, sizeof x, point->x),
                              g_ascii_dtostr (y, sizeof y, point->y));
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, "gdaltransform", "-s_srs", "EPSG:4326", "-t_srs", target,
                              "-output_xy", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input->str, NULL, &out, &err, &error);
  g_assert_no_error (error);
  check (g_subprocess_get_successful (process), "gdaltransform failed: %s", err);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; i < order->len; i++)
    {
      g_auto (GStrv) parts = NULL;
      Point *point = g_new0 (Point, 1);

      check (lines[i] != NULL, "gdaltransform gave %u lines for %u points", i, order->len);
      parts = g_strsplit (lines[i], " ", -1);
      check (g_strv_length (parts) >= 2, "gdaltransform wrote “%s”", lines[i]);
      point->x = g_ascii_strtod (parts[0], NULL);
      point->y = g_ascii_strtod (parts[1], NULL);
      g_hash_table_insert (result, g_strdup (order->pdata[i]), point);
    }
  return result;
}

static void
assert_same_points (GHashTable *expected,
                    GHashTable *actual,
                    double      tolerance,
                    const char *what)
{
  GHashTableIter iter;
  gpointer key, value;

  check (g_hash_table_size (expected) == g_hash_table_size (actual), "%s: %u points, expected %u",
         what, g_hash_table_size (actual), g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Point *want = value;
      Point *got = g_hash_table_lookup (actual, key);

      check (got != NULL, "%s: %s is missing", what, (char *) key);
      check (fabs (got->x - want->x) <= tolerance && fabs (got->y - want->y) <= tolerance,
             "%s: %s is at (%.9f, %.9f), expected (%.9f, %.9f)", what, (char *) key, got->x,
             got->y, want->x, want->y);
      if (want->category != NULL && got->category != NULL)
        g_assert_cmpstr (got->category, ==, want->category);
    }
}

/* The styles, read with Python's XML parser: every row names a layer of
 * the file, and every field its QML and SLD use is a field of that layer. */
static const char style_check[] =
  "import sys, xml.etree.ElementTree as ET\n"
  "from osgeo import ogr\n"
  "ds = ogr.Open(sys.argv[1])\n"
  "fields = {}\n"
  "for i in range(ds.GetLayerCount()):\n"
  "    l = ds.GetLayer(i); d = l.GetLayerDefn()\n"
  "    fields[l.GetName()] = {d.GetFieldDefn(j).GetName() for j in range(d.GetFieldCount())} | {l.GetFIDColumn()}\n"
  "seen = []\n"
  "for row in ds.GetLayerByName('layer_styles'):\n"
  "    t = row['f_table_name']\n"
  "    assert t in fields, 'style for a missing layer ' + t\n"
  "    assert row['useAsDefault'] == 1\n"
  "    q = ET.fromstring(row['styleQML'])\n"
  "    assert q.tag == 'qgis' and q.get('version', '').startswith('3.'), t\n"
  "    r = q.find('renderer-v2')\n"
  "    assert r is not None, t\n"
  "    if r.get('attr'): assert r.get('attr') in fields[t], (t, r.get('attr'))\n"
  "    aliases = q.findall('aliases/alias')\n"
  "    assert aliases, t + ' has no aliases'\n"
  "    for a in aliases: assert a.get('field') in fields[t], (t, a.get('field'))\n"
  "    assert all(a.get('name') for a in aliases), t\n"
  "    lab = q.find('labeling/settings/text-style')\n"
  "    if lab is not None: assert lab.get('fieldName') in fields[t], t\n"
  "    s = ET.fromstring(row['styleSLD'])\n"
  "    ns = {'se': 'http://www.opengis.net/se', 'ogc': 'http://www.opengis.net/ogc'}\n"
  "    assert s.find('.//se:Name', ns).text == t\n"
  "    for p in s.findall('.//ogc:PropertyName', ns): assert p.text in fields[t], (t, p.text)\n"
  "    seen.append(t + ':' + r.get('type') + ':' + str(len(q.findall('.//category')) + len(q.findall('.//range'))))\n"
  "print(' '.join(sorted(seen)))\n";

static char *
check_styles (const char *path)
{
  const char *python = required_env ("SW_PYTHON3", "/usr/bin/python3 is missing");
  const char *argv[] = { python, "-c", style_check, path, NULL };
  char *out = NULL;
  g_autofree char *err = NULL;
  gboolean ok;

  run_tool (argv, &out, &err, &ok);
  check (ok, "the layer styles of %s do not hold:\n%s%s", path, out, err);
  return g_strstrip (out);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *demo = required_env ("SW_DEMO_PROJECT", "the demo project was not built");
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) source = g_file_new_for_path (demo);
  g_autoptr (GFile) copy = NULL;

  fixture->dir = g_dir_make_tmp ("sw-test-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->project = g_build_filename (fixture->dir, "Katrineholm.gpkg", NULL);
  copy = g_file_new_for_path (fixture->project);
  g_assert_true (g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->project);
  g_free (fixture->dir);
}

static void
test_geopackage (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "GIS-export.gpkg", NULL);
  g_autoptr (GHashTable) source = NULL;
  g_autoptr (GHashTable) expected = NULL;
  g_autoptr (GHashTable) exported = NULL;
  g_autofree char *styles = NULL;
  GDALDatasetH dataset;
  char **names;
  OGRLayerH photos;
  OGRFeatureH photo;
  guint n_photos = 0;

  export_ok (fixture, out, "--format", "gpkg", "--crs", "EPSG:3006", "--photos", "400", NULL);
  assert_validate_gpkg (out);
  assert_ogrinfo_crs (out, 3006);

  source = read_points (fixture->project, "findings", "GPKG");
  expected = transform_independently (source, 3006);
  exported = read_points (out, "findings", "GPKG");
  assert_same_points (expected, exported, 0.01, "findings in EPSG:3006");
  g_assert_cmpuint (layer_count (out, "places"), ==, layer_count (fixture->project, "places"));
  g_assert_cmpuint (layer_count (out, "measures"), ==, layer_count (fixture->project, "measures"));
  g_assert_cmpuint (layer_count (out, "stops"), ==, layer_count (fixture->project, "stops"));
  g_assert_cmpuint (layer_count (out, "routes"), ==, layer_count (fixture->project, "routes"));

  /* GDAL reads the photo relationship, and the photos are no larger than asked. */
  dataset = GDALOpenEx (out, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  names = GDALDatasetGetRelationshipNames (dataset, NULL);
  check (names != NULL && names[0] != NULL, "GDAL reports no relationship in %s", out);
  {
    GDALRelationshipH relation = GDALDatasetGetRelationship (dataset, names[0]);

    g_assert_cmpstr (GDALRelationshipGetLeftTableName (relation), ==, "findings");
    g_assert_cmpstr (GDALRelationshipGetRightTableName (relation), ==, "photos");
    g_assert_cmpstr (GDALRelationshipGetMappingTableName (relation), ==, "findings_photos");
    g_assert_cmpstr (GDALRelationshipGetRelatedTableType (relation), ==, "media");
  }
  CSLDestroy (names);
  photos = GDALDatasetGetLayerByName (dataset, "photos");
  g_assert_nonnull (photos);
  while ((photo = OGR_L_GetNextFeature (photos)) != NULL)
    {
      int size = 0;
      const GByte *bytes = OGR_F_GetFieldAsBinary (photo, OGR_F_GetFieldIndex (photo, "data"), &size);

      g_assert_cmpint (size, >, 100);
      g_assert_true (bytes[0] == 0xff && bytes[1] == 0xd8);
      g_assert_cmpint (MAX (OGR_F_GetFieldAsInteger (photo, OGR_F_GetFieldIndex (photo, "width")),
                            OGR_F_GetFieldAsInteger (photo, OGR_F_GetFieldIndex (photo, "height"))),
                       <=, 400);
      n_photos++;
      OGR_F_Destroy (photo);
    }
  GDALClose (dataset);
  g_assert_cmpuint (n_photos, >, 0);
  g_assert_cmpuint (n_photos, ==, layer_count (fixture->project, "findings_photos"));

  styles = check_styles (out);
  g_test_message ("styles: %s", styles);
  check (strstr (styles, "findings:categorizedSymbol:11") != NULL, "%s", styles);
  check (strstr (styles, "places:graduatedSymbol:") != NULL, "%s", styles);
  check (strstr (styles, "measures:categorizedSymbol:6") != NULL, "%s", styles);
  check (strstr (styles, "routes:categorizedSymbol:") != NULL, "%s", styles);
  check (strstr (styles, "stops:singleSymbol:") != NULL, "%s", styles);
}

/* A SWEREF 99 local zone, asked for by name. */
static void
test_local_zone (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "zon.gpkg", NULL);
  g_autoptr (GHashTable) source = NULL;
  g_autoptr (GHashTable) expected = NULL;
  g_autoptr (GHashTable) exported = NULL;

  export_ok (fixture, out, "--crs", "SWEREF 99 16 30", NULL);
  assert_validate_gpkg (out);
  assert_ogrinfo_crs (out, 3010);
  source = read_points (fixture->project, "stops", "GPKG");
  expected = transform_independently (source, 3010);
  exported = read_points (out, "stops", "GPKG");
  assert_same_points (expected, exported, 0.01, "stops in EPSG:3010");
}

static gboolean
file_contains (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;
  gsize length;

  gsize text_length = strlen (text);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 0; i + text_length <= length; i++)
    if (memcmp (contents + i, text, text_length) == 0)
      return TRUE;
  return FALSE;
}

/* Every non-empty value of @field in @layer of the project. */
static GPtrArray *
project_texts (const char *path,
               const char *layer_name,
               const char *field)
{
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayerByName (dataset, layer_name);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  OGRFeatureH feature;

  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      int index = OGR_F_GetFieldIndex (feature, field);
      if (OGR_F_IsFieldSetAndNotNull (feature, index) && *OGR_F_GetFieldAsString (feature, index) != '\0')
        g_ptr_array_add (texts, g_strdup (OGR_F_GetFieldAsString (feature, index)));
      OGR_F_Destroy (feature);
    }
  GDALClose (dataset);
  return texts;
}

/* Marks every other finding's note internal, as a planner would in the
 * finding editor; @internal and @open get the notes of each kind. */
static void
mark_internal_notes (const char *path,
                     GPtrArray  *internal,
                     GPtrArray  *open)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_open (file, &error);
  GListModel *findings;
  guint n_with_notes = 0;

  g_assert_no_error (error);
  findings = sw_project_get_findings (project);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);
      const char *note = sw_finding_get_note (finding);

      if (note == NULL || *note == '\0')
        continue;
      if (n_with_notes++ % 2 == 0)
        {
          g_assert_true (sw_project_edit (project, SW_FEATURE (finding), &error, "note-internal", TRUE, NULL));
          g_assert_no_error (error);
          g_ptr_array_add (internal, g_strdup (note));
        }
      else
        g_ptr_array_add (open, g_strdup (note));
    }
  sw_project_close (project);
}

static void
test_public (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "publik.gpkg", NULL);
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) open_notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) exported_notes = NULL;
  g_autoptr (GPtrArray) stop_notes = project_texts (fixture->project, "stops", "note");
  const struct
  {
    const char *layer;
    const char *field;
  } dropped[] = { { "stops", "note" }, { "measures", "status_reason" } };
  GDALDatasetH dataset;
  char **names;
  g_autofree char *styles = NULL;

  mark_internal_notes (fixture->project, notes, open_notes);
  g_assert_cmpuint (notes->len, >, 0);
  g_assert_cmpuint (open_notes->len, >, 0);
  export_ok (fixture, out, "--public", "--photos", "original", NULL);
  assert_validate_gpkg (out);

  dataset = GDALOpenEx (out, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    {
      OGRLayerH layer = GDALDatasetGetLayerByName (dataset, dropped[i].layer);

      g_assert_nonnull (layer);
      check (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), dropped[i].field) < 0,
             "the public export has %s.%s", dropped[i].layer, dropped[i].field);
    }
  check (GDALDatasetGetLayerByName (dataset, "photos") == NULL, "the public export has photos");
  names = GDALDatasetGetRelationshipNames (dataset, NULL);
  check (names == NULL || names[0] == NULL, "the public export has a relationship");
  CSLDestroy (names);
  GDALClose (dataset);

  /* Not a trace of the internal notes anywhere in the file; the others are
   * there, each as it is in the project. */
  for (guint i = 0; i < notes->len; i++)
    check (!file_contains (out, notes->pdata[i]), "the public export holds the internal note “%s”",
           (char *) notes->pdata[i]);
  exported_notes = project_texts (out, "findings", "note");
  g_assert_cmpuint (exported_notes->len, ==, open_notes->len);
  for (guint i = 0; i < open_notes->len; i++)
    check (g_ptr_array_find_with_equal_func (exported_notes, open_notes->pdata[i], g_str_equal, NULL),
           "the public export lost the note “%s”", (char *) open_notes->pdata[i]);
  for (guint i = 0; i < stop_notes->len; i++)
    check (!file_contains (out, stop_notes->pdata[i]), "the public export holds the stop note “%s”",
           (char *) stop_notes->pdata[i]);
  styles = check_styles (out);
  check (strstr (styles, "findings:") != NULL, "%s", styles);
}

static void
test_geojson (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "fynd.geojson", NULL);
  g_autoptr (GHashTable) source = NULL;
  g_autoptr (GHashTable) exported = NULL;

  export_ok (fixture, out, "--format", "geojson", NULL);
  source = read_points (fixture->project, "findings", "GPKG");
  exported = read_points (out, NULL, "GeoJSON");
  assert_same_points (source, exported, 1e-7, "GeoJSON findings");
  /* RFC 7946 has no "crs" member: it is always WGS 84. */
  check (!file_contains (out, "\"crs\""), "%s names a CRS", out);
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "fynd.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GHashTable) source = NULL;
  g_autoptr (GHashTable) expected = NULL;
  g_autoptr (GHashTable) exported = NULL;

  export_ok (fixture, out, "--format", "csv", "--crs", "EPSG:3006", NULL);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  check (g_str_has_prefix (contents, "\xef\xbb\xbf" "X;Y;"), "%s does not start with a BOM and X;Y", out);
  /* Times as ISO 8601, which spreadsheets read. */
  check (g_regex_match_simple (";[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9.]+Z", contents, 0, 0),
         "%s has no ISO 8601 times", out);

  source = read_points (fixture->project, "findings", "GPKG");
  expected = transform_independently (source, 3006);
  exported = read_points (out, NULL, "CSV");
  assert_same_points (expected, exported, 0.01, "CSV findings in EPSG:3006");
}

static void
test_kml (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "vandring.kml", NULL);
  const char *layers[] = { "findings", "places", "stops" };

  export_ok (fixture, out, "--format", "kml", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      g_autoptr (GHashTable) source = read_points (fixture->project, layers[i], "GPKG");
      g_autoptr (GHashTable) exported = read_points (out, layers[i], "LIBKML");

      assert_same_points (source, exported, 1e-6, layers[i]);
    }
  g_assert_cmpuint (layer_count (out, "routes"), ==, layer_count (fixture->project, "routes"));
  g_assert_cmpuint (layer_count (out, "measures"), ==, layer_count (fixture->project, "measures"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export/geopackage", test_geopackage);
  ADD ("/export/local-zone", test_local_zone);
  ADD ("/export/public", test_public);
  ADD ("/export/geojson", test_geojson);
  ADD ("/export/csv", test_csv);
  ADD ("/export/kml", test_kml);
#undef ADD
  return g_test_run ();
}
