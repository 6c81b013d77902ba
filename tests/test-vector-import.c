/* Routes and findings from KML, GeoJSON and GPX files the test writes:
 * attributes into the note, coordinates into longitude and latitude, broken
 * geometry repaired or skipped by name, all added as one undo step; KML
 * with external entities or entity expansion refused unread. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gdal.h>

#include "sw-project.h"
#include "sw-track-import.h"
#include "sw-vector-import.h"

typedef struct
{
  char *dir;
  SwProject *project;
  SwWalk *walk;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  SwWalk *walk = sw_walk_new ();

  fixture->dir = g_dir_make_tmp ("sw-test-vector-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "eskilstuna.gpkg", NULL);
  file = g_file_new_for_path (path);
  fixture->project = sw_project_create (file, "Trygghetsvandring Eskilstuna", "Eskilstuna", &error);
  g_assert_no_error (error);
  sw_walk_set_title (walk, "Fristadstorget");
  fixture->walk = SW_WALK (sw_project_add (fixture->project, SW_FEATURE (walk), &error));
  g_assert_no_error (error);
  g_object_unref (walk);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  sw_project_close (fixture->project);
  g_clear_object (&fixture->project);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static const char *citizen_reports_kml =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n"
  "<Placemark><name>Mörk gångtunnel</name><description>Lampan trasig sedan i somras</description>\n"
  " <ExtendedData><Data name=\"kategori\"><value>belysning</value></Data>\n"
  "  <Data name=\"inskickad\"><value>2026-09-03</value></Data>\n"
  "  <Data name=\"ärende nr\"><value>2026-1042</value></Data></ExtendedData>\n"
  " <Point><coordinates>16.5090,59.3712</coordinates></Point></Placemark>\n"
  "<Placemark><name>Buskage</name><Point><coordinates>16.5101,59.3720</coordinates></Point></Placemark>\n"
  "<Placemark><name>Ingen plats</name><Point><coordinates>0,0</coordinates></Point></Placemark>\n"
  "<Placemark><name>Gångväg</name><LineString><coordinates>16.5080,59.3700 16.5095,59.3710 "
  "16.5110,59.3722</coordinates></LineString></Placemark>\n"
  "<Placemark><name>Stolpe</name><LineString><coordinates>16.5080,59.3700 16.5080,59.3700"
  "</coordinates></LineString></Placemark>\n"
  "</Document></kml>\n";

/* Points become findings with their attributes in the note, lines are
 * skipped with their reason; one undo takes the whole import back. */
static void
test_kml_findings (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (GFile) file = write_file (fixture, "medborgarlöften.kml", citizen_reports_kml);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwVectorImport) import = sw_vector_import_read (file, SW_VECTOR_IMPORT_FINDINGS, NULL, &error);
  g_autoptr (GPtrArray) added = NULL;
  SwFinding *lamp;
  const char *note;

  g_assert_no_error (error);
  g_assert_cmpuint (import->features->len, ==, 2);
  g_assert_cmpuint (import->skipped->len, ==, 3);
  g_assert_nonnull (strstr (import->skipped->pdata[0], "Ingen plats"));
  g_assert_nonnull (strstr (import->skipped->pdata[0], "0, 0"));
  g_assert_nonnull (strstr (import->skipped->pdata[1], "Gångväg"));
  for (guint i = 0; i < import->skipped->len; i++)
    g_test_message ("skipped: %s", (const char *) import->skipped->pdata[i]);

  added = sw_project_import_vector (fixture->project, import, fixture->walk, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 2);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_FINDING), ==, 2);
  g_assert_cmpstr (sw_project_get_undo_label (fixture->project), ==, "Import Findings");

  lamp = added->pdata[0];
  g_assert_cmpstr (sw_finding_get_walk_uuid (lamp), ==, sw_feature_get_uuid (SW_FEATURE (fixture->walk)));
  g_assert_cmpfloat_with_epsilon (sw_finding_get_longitude (lamp), 16.5090, 1e-9);
  g_assert_cmpfloat_with_epsilon (sw_finding_get_latitude (lamp), 59.3712, 1e-9);
  note = sw_finding_get_note (lamp);
  g_test_message ("note:\n%s", note);
  g_assert_nonnull (strstr (note, "Mörk gångtunnel"));
  g_assert_nonnull (strstr (note, "Lampan trasig sedan i somras"));
  g_assert_nonnull (strstr (note, "kategori: belysning"));
  g_assert_nonnull (strstr (note, "inskickad: 2026-09-03"));
  /* Named as the file wrote it, not as GDAL made the field name safe. */
  g_assert_nonnull (strstr (note, "ärende nr: 2026-1042"));
  /* Styling fields of the KML driver are not the reporter's words. */
  g_assert_null (strstr (note, "tessellate"));
  g_assert_null (sw_finding_get_category (lamp));

  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_FINDING), ==, 0);
}

/* Lines become routes; a line of one repeated point is skipped. */
static void
test_kml_routes (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (GFile) file = write_file (fixture, "gångvägar.kml", citizen_reports_kml);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwVectorImport) import = sw_vector_import_read (file, SW_VECTOR_IMPORT_ROUTES, NULL, &error);
  g_autoptr (GPtrArray) added = NULL;
  SwRoute *route;

  g_assert_no_error (error);
  g_assert_cmpuint (import->features->len, ==, 1);
  g_assert_cmpuint (import->skipped->len, ==, 4);
  g_assert_nonnull (strstr (import->skipped->pdata[3], "Stolpe"));

  added = sw_project_import_vector (fixture->project, import, fixture->walk, &error);
  g_assert_no_error (error);
  route = added->pdata[0];
  g_assert_cmpstr (sw_route_get_name (route), ==, "Gångväg");
  g_assert_cmpuint (g_variant_n_children (sw_route_get_points (route)), ==, 3);
  g_assert_cmpstr (sw_project_get_undo_label (fixture->project), ==, "Import Routes");
}

/* GeoJSON in SWEREF 99 TM comes in as longitude and latitude; a line that
 * doubles back on one point is repaired, a line of one point skipped, a
 * feature without geometry skipped, all reported. */
static void
test_geojson (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr (GFile) file = write_file (
    fixture, "cykelvägar.geojson",
    "{\"type\":\"FeatureCollection\","
    "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3006\"}},"
    "\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Cykelväg norr\"},"
    " \"geometry\":{\"type\":\"LineString\",\"coordinates\":[[587000,6583000],[587100,6583050],[587200,6583120]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Punkt som linje\"},"
    " \"geometry\":{\"type\":\"LineString\",\"coordinates\":[[587000,6583000],[587000,6583000]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Utan form\"},\"geometry\":null},"
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Två delar\"},"
    " \"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[[[587300,6583000],[587400,6583100]],"
    "[[587500,6583000],[587600,6583100]]]}}"
    "]}");
  g_autoptr (GError) error = NULL;
  g_autoptr (SwVectorImport) import = sw_vector_import_read (file, SW_VECTOR_IMPORT_ROUTES, NULL, &error);
  double longitude, latitude;

  g_assert_no_error (error);
  for (guint i = 0; i < import->skipped->len; i++)
    g_test_message ("skipped: %s", (const char *) import->skipped->pdata[i]);
  g_assert_cmpuint (import->features->len, ==, 3);
  g_assert_cmpuint (import->skipped->len, ==, 2);
  g_assert_nonnull (strstr (import->skipped->pdata[0], "Punkt som linje"));
  g_assert_nonnull (strstr (import->skipped->pdata[0], "fewer than two"));
  g_assert_nonnull (strstr (import->skipped->pdata[1], "Utan form"));
  g_assert_cmpuint (import->repaired, ==, 1);
  g_assert_cmpstr (sw_route_get_name (import->features->pdata[1]), ==, "Två delar (1)");

  /* 587000, 6583000 in SWEREF 99 TM is in Eskilstuna, about 16.51, 59.37. */
  g_variant_get_child (sw_route_get_points (import->features->pdata[0]), 0, "(dd)", &longitude, &latitude);
  g_assert_cmpfloat_with_epsilon (longitude, 16.53, 0.05);
  g_assert_cmpfloat_with_epsilon (latitude, 59.37, 0.05);
}

/* Nothing usable, or not a file GDAL may read: refused by name. */
static void
test_bad_files (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GFile) text = write_file (fixture, "anteckning.kml", "inte kml");
  g_autoptr (GFile) empty = write_file (fixture, "tom.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}");
  g_autoptr (GFile) missing = NULL;
  g_autoptr (GFile) csv = write_file (fixture, "punkter.csv", "x,y\n16.5,59.3\n");
  g_autofree char *missing_path = g_build_filename (fixture->dir, "finns-inte.kml", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_null (sw_vector_import_read (text, SW_VECTOR_IMPORT_FINDINGS, NULL, &error));
  g_assert_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "anteckning.kml"));
  g_clear_error (&error);

  /* A driver outside the list is not asked, even for a file it could read. */
  g_assert_null (sw_vector_import_read (csv, SW_VECTOR_IMPORT_FINDINGS, NULL, &error));
  g_assert_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_assert_null (sw_vector_import_read (empty, SW_VECTOR_IMPORT_FINDINGS, NULL, &error));
  g_assert_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_NOTHING);
  g_assert_nonnull (strstr (error->message, "tom.geojson"));
  g_clear_error (&error);

  missing = g_file_new_for_path (missing_path);
  g_assert_null (sw_vector_import_read (missing, SW_VECTOR_IMPORT_FINDINGS, NULL, &error));
  g_assert_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Lines only, read as findings: nothing to import, the first reason given. */
  {
    g_autoptr (GFile) only_lines = write_file (
      fixture, "linjer.kml",
      "<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
      "<Placemark><name>Väg</name><LineString><coordinates>16.5,59.3 16.6,59.4</coordinates>"
      "</LineString></Placemark></Document></kml>");

    g_assert_null (sw_vector_import_read (only_lines, SW_VECTOR_IMPORT_FINDINGS, NULL, &error));
    g_assert_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_NOTHING);
    g_assert_nonnull (strstr (error->message, "linjer.kml"));
    g_assert_nonnull (strstr (error->message, "Väg"));
    g_test_message ("%s", error->message);
    g_clear_error (&error);
  }
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_FINDING), ==, 0);
}

/* A placemark naming a file through an external entity: refused before
 * any parser runs, so nothing of the secret reaches the project. */
static void
test_kml_external_entity (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *secret_path = g_build_filename (fixture->dir, "hemligt.txt", NULL);
  g_autofree char *kml = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SwTrack) track = NULL;
  g_autoptr (GFile) gpx = NULL;

  g_assert_true (g_file_set_contents (secret_path, "lösenord=hemligt", -1, NULL));
  kml = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                         "<!DOCTYPE kml [ <!ENTITY xxe SYSTEM \"file://%s\"> ]>\n"
                         "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
                         "<Placemark><name>&xxe;</name><Point><coordinates>16.5,59.37</coordinates>"
                         "</Point></Placemark></Document></kml>\n",
                         secret_path);
  file = write_file (fixture, "karta.kml", kml);

  g_assert_null (sw_vector_import_read (file, SW_VECTOR_IMPORT_FINDINGS, NULL, &error));
  g_assert_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "karta.kml"));
  g_assert_null (strstr (error->message, "hemligt"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_FINDING), ==, 0);

  /* The GPX reader refuses the same. */
  gpx = write_file (fixture, "spår.gpx",
                    "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
                    "<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>&x;</name>"
                    "<trkseg><trkpt lat=\"59.37\" lon=\"16.5\"><time>2026-10-15T17:00:00Z</time></trkpt>"
                    "<trkpt lat=\"59.38\" lon=\"16.51\"><time>2026-10-15T17:01:00Z</time></trkpt>"
                    "</trkseg></trk></gpx>\n");
  track = sw_track_new_from_gpx (gpx, &error);
  g_assert_null (track);
  g_assert_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "spår.gpx"));
}

/* Billion laughs: ten levels of ten references would expand to gigabytes.
 * Refused at once, before a parser could start expanding. */
static void
test_kml_billion_laughs (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GString *kml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE kml [\n"
                               " <!ENTITY lol0 \"lollollollollollollollollollol\">\n");
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  for (int i = 1; i < 10; i++)
    {
      g_string_append_printf (kml, " <!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (kml, "&lol%d;", i - 1);
      g_string_append (kml, "\">\n");
    }
  g_string_append (kml, "]>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
                        "<Placemark><name>&lol9;</name><Point><coordinates>16.5,59.37</coordinates>"
                        "</Point></Placemark></Document></kml>\n");
  file = write_file (fixture, "skratt.kml", kml->str);
  g_string_free (kml, TRUE);

  start = g_get_monotonic_time ();
  g_assert_null (sw_vector_import_read (file, SW_VECTOR_IMPORT_FINDINGS, NULL, &error));
  g_assert_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "skratt.kml"));
  g_test_message ("refused in %" G_GINT64_FORMAT " µs", g_get_monotonic_time () - start);
}

/* A declaration far into a large file, and one split across the scanner's
 * reads, are found too. */
static void
test_entity_late_in_file (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GString *kml = g_string_new ("<?xml version=\"1.0\"?>\n<!-- ");
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  /* 65536 - 3 puts "<!ENTITY" across the first 64 KiB boundary. */
  while (kml->len < 65536 - 3)
    g_string_append_c (kml, 'x');
  g_string_truncate (kml, 65536 - 3);
  g_string_append (kml, "<!ENTITY a \"b\"> -->\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"/>\n");
  file = write_file (fixture, "lång.kml", kml->str);
  path = g_file_get_path (file);
  g_string_free (kml, TRUE);

  g_assert_false (sw_xml_file_check_safe (path, "lång.kml", &error));
  g_assert_error (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_UNSAFE);
}

/* A new track for a walk takes the old one's place; undo brings it back. */
static void
test_track_replaces (Fixture       *fixture,
                     gconstpointer  user_data)
{
#define TRACK_GPX(name)                                                                  \
  "<?xml version=\"1.0\"?><gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\">" \
  "<trk><name>" name "</name><trkseg>"                                                   \
  "<trkpt lat=\"59.37\" lon=\"16.50\"><time>2026-10-15T17:00:00Z</time></trkpt>"         \
  "<trkpt lat=\"59.38\" lon=\"16.51\"><time>2026-10-15T17:01:00Z</time></trkpt>"         \
  "</trkseg></trk></gpx>"
  const char *first_gpx = TRACK_GPX ("Första");
  const char *second_gpx = TRACK_GPX ("Andra");
#undef TRACK_GPX
  g_autoptr (GFile) first = write_file (fixture, "första.gpx", first_gpx);
  g_autoptr (GFile) second = write_file (fixture, "andra.gpx", second_gpx);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwTrack) track = NULL;
  SwTrack *stored;

  track = sw_track_new_from_gpx (first, &error);
  g_assert_no_error (error);
  stored = sw_project_import_track (fixture->project, track, fixture->walk, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sw_track_get_walk_uuid (stored), ==, sw_feature_get_uuid (SW_FEATURE (fixture->walk)));
  g_clear_object (&track);

  track = sw_track_new_from_gpx (second, &error);
  g_assert_no_error (error);
  stored = sw_project_import_track (fixture->project, track, fixture->walk, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_TRACK), ==, 1);
  g_assert_cmpstr (sw_track_get_name (stored), ==, "Andra");
  g_assert_cmpstr (sw_project_get_undo_label (fixture->project), ==, "Import Track");

  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_TRACK), ==, 1);
  g_assert_cmpstr (sw_track_get_name (stored), ==, "Första");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/vector-import/kml-findings", test_kml_findings);
  ADD ("/vector-import/kml-routes", test_kml_routes);
  ADD ("/vector-import/geojson", test_geojson);
  ADD ("/vector-import/bad-files", test_bad_files);
  ADD ("/vector-import/kml-external-entity", test_kml_external_entity);
  ADD ("/vector-import/kml-billion-laughs", test_kml_billion_laughs);
  ADD ("/vector-import/entity-late-in-file", test_entity_late_in_file);
  ADD ("/vector-import/track-replaces", test_track_replaces);
#undef ADD

  return g_test_run ();
}
