/* Printed PDFs checked with poppler's own tools: pdfinfo for the paper,
 * pdftotext for what the pages say, pdftoppm for what they show. The
 * basemap comes from an MBTiles file the test makes; nothing touches the
 * network. Renders are kept in the build folder for a person to look at. */
#define G_LOG_DOMAIN "test-print"

#include "config.h"

#include <cairo.h>
#include <errno.h>
#include <gdal.h>
#include <grp.h>
#include <math.h>
#include <ogr_srs_api.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sw-test-files.h"
#include "sw-place-grouping.h"
#include "sw-place-priority.h"
#include "sw-print.h"
#include "sw-project.h"
#include "sw-test-photos.h"

#define UNPRIVILEGED_ID 65534

/* The fixture tiles' land colour: no category, route or page uses it. */
#define LAND_R 0xd6
#define LAND_G 0xea
#define LAND_B 0xf8

#define WALK_TITLE  "Kvällsvandring vid stationen"
#define TITLE       "Trygghetsvandring i Provstaden"
#define ATTRIBUTION "Provkartan © print fixture"

static char *tmpdir;
static char *mbtiles_path;
static char *project_path;
static char *empty_path;
static double stop_distance; /* metres between stops 1 and 2, measured with OSR */

/* ---------------------------------------------------------------------- */
/* Running the tools                                                      */

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_argv (Run                 *run,
          GPtrArray           *argv,
          GSpawnChildSetupFunc setup,
          gpointer             setup_data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  int wait_status = 0;

  g_ptr_array_add (argv, NULL);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "", TRUE);

  run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_SEARCH_PATH, setup, setup_data, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("%s … → %d\nstderr: %s", (char *) argv->pdata[0], run->status, run->err);
}

/* safetywalk-cli with the arguments up to NULL. */
static void
run_cli_with (Run                 *run,
              GSpawnChildSetupFunc setup,
              gpointer             setup_data,
              const char          *first_arg,
              ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SW_CLI"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  run_argv (run, argv, setup, setup_data);
}

#define run_cli(run, ...) run_cli_with (run, NULL, NULL, __VA_ARGS__)

static gboolean
have_cli (void)
{
  if (g_getenv ("SW_CLI") == NULL || *g_getenv ("SW_CLI") == '\0')
    {
      g_test_skip ("safetywalk-cli is not built");
      return FALSE;
    }
  return TRUE;
}

static char *
tool_output (const char *tool,
             const char *pdf,
             const char *first_arg,
             ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (Run) run = { 0 };
  va_list args;

  g_ptr_array_add (argv, (gpointer) tool);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) pdf);
  if (g_str_equal (tool, "pdftotext"))
    g_ptr_array_add (argv, (gpointer) "-");
  run_argv (&run, argv, NULL, NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

/* Text with every run of white space made one space: pdftotext breaks
 * lines where the page does. */
static char *
pdf_text (const char *pdf,
          int         first_page,
          int         last_page)
{
  g_autofree char *first = g_strdup_printf ("%d", first_page);
  g_autofree char *last = g_strdup_printf ("%d", last_page);
  g_autofree char *text = tool_output ("pdftotext", pdf, "-f", first, "-l", last, NULL);
  GString *flat = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        space = TRUE;
      else
        {
          if (space && flat->len > 0)
            g_string_append_c (flat, ' ');
          space = FALSE;
          g_string_append_c (flat, *p);
        }
    }
  return g_string_free (flat, FALSE);
}

static void
assert_text_has (const char *text,
                 const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("the PDF does not say “%s”; it says: %s", expected, text);
}

typedef struct
{
  int pages;
  double width;
  double height;
  char *size_line;
} PdfInfo;

static void
pdf_info (const char *pdf,
          PdfInfo    *info)
{
  g_autofree char *out = tool_output ("pdfinfo", pdf, NULL, NULL);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);

  memset (info, 0, sizeof *info);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Pages:"))
        info->pages = atoi (lines[i] + 6);
      else if (g_str_has_prefix (lines[i], "Page size:"))
        {
          g_assert_cmpint (sscanf (lines[i] + 10, "%lf x %lf", &info->width, &info->height), ==, 2);
          info->size_line = g_strdup (g_strstrip (lines[i] + 10));
        }
    }
}

/* pdfinfo names the paper ("(A3)"); the size must be exact in points. */
static void
assert_paper (const char *pdf,
              const char *paper,
              gboolean    landscape,
              int         min_pages)
{
  PdfInfo info;
  g_autofree char *name = g_strdup_printf ("(%s)", paper);
  double w = g_str_equal (paper, "A3") ? 841.89 : 595.28;
  double h = g_str_equal (paper, "A3") ? 1190.55 : 841.89;

  pdf_info (pdf, &info);
  g_test_message ("%s: %d pages, %s", pdf, info.pages, info.size_line);
  g_assert_nonnull (strstr (info.size_line, name));
  if (landscape)
    {
      g_assert_cmpfloat_with_epsilon (info.width, h, 0.05);
      g_assert_cmpfloat_with_epsilon (info.height, w, 0.05);
    }
  else
    {
      g_assert_cmpfloat_with_epsilon (info.width, w, 0.05);
      g_assert_cmpfloat_with_epsilon (info.height, h, 0.05);
    }
  g_assert_cmpint (info.pages, >=, min_pages);
  g_free (info.size_line);
}

/* Renders page @page with pdftoppm, keeps the PNG under the build folder
 * as print-@name.png and returns it. */
static cairo_surface_t *
render_page (const char *pdf,
             int         page,
             int         dpi,
             const char *name)
{
  g_autofree char *number = g_strdup_printf ("%d", page);
  g_autofree char *resolution = g_strdup_printf ("%d", dpi);
  g_autofree char *prefix = g_build_filename (tmpdir, name, NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *kept = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (Run) run = { 0 };
  cairo_surface_t *surface;
  const char *build_dir = g_getenv ("G_TEST_BUILDDIR");

  g_ptr_array_add (argv, (gpointer) "pdftoppm");
  g_ptr_array_add (argv, (gpointer) "-png");
  g_ptr_array_add (argv, (gpointer) "-singlefile");
  g_ptr_array_add (argv, (gpointer) "-r");
  g_ptr_array_add (argv, resolution);
  g_ptr_array_add (argv, (gpointer) "-f");
  g_ptr_array_add (argv, number);
  g_ptr_array_add (argv, (gpointer) "-l");
  g_ptr_array_add (argv, number);
  g_ptr_array_add (argv, (gpointer) pdf);
  g_ptr_array_add (argv, prefix);
  run_argv (&run, argv, NULL, NULL);
  g_assert_cmpint (run.status, ==, 0);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  kept = g_strdup_printf ("%s/print-%s.png", build_dir != NULL ? build_dir : ".", name);
  g_assert_cmpint (cairo_surface_write_to_png (surface, kept), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("render kept at %s", kept);
  return surface;
}

/* Pixels within @tolerance of a colour, in a box given as fractions of the
 * image (x0, y0, x1, y1). */
static guint
count_color (cairo_surface_t *surface,
             guint            red,
             guint            green,
             guint            blue,
             int              tolerance,
             double           x0,
             double           y0,
             double           x1,
             double           y1)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = (int) (y0 * height); y < (int) (y1 * height); y++)
    for (int x = (int) (x0 * width); x < (int) (x1 * width); x++)
      {
        guint32 pixel = *(const guint32 *) (data + (gsize) y * stride + 4 * x);
        int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        if (ABS (r - (int) red) <= tolerance && ABS (g - (int) green) <= tolerance
            && ABS (b - (int) blue) <= tolerance)
          n++;
      }
  return n;
}

static guint
count_hex (cairo_surface_t *surface,
           const char      *hex)
{
  unsigned int r, g, b;

  g_assert_cmpint (sscanf (hex, "#%02x%02x%02x", &r, &g, &b), ==, 3);
  return count_color (surface, r, g, b, 12, 0, 0, 1, 1);
}

static GPtrArray *
list_dir (const char *path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static char *
make_dir (const char *name)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return path;
}

/* ---------------------------------------------------------------------- */
/* Fixtures                                                               */

static GBytes *
draw_tile (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GBytes) png = NULL;

  cairo_set_source_rgb (cr, LAND_R / 255.0, LAND_G / 255.0, LAND_B / 255.0);
  cairo_paint (cr);
  /* White streets, so a render shows tiles and not a flat fill. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 6);
  for (int i = 32; i < 256; i += 64)
    {
      cairo_move_to (cr, i, 0);
      cairo_line_to (cr, i, 256);
      cairo_move_to (cr, 0, i);
      cairo_line_to (cr, 256, i);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
  png = sw_test_png_from_surface (surface);
  cairo_surface_destroy (surface);
  return g_steal_pointer (&png);
}

/* Tiles for zoom 0 to 17 over central Katrineholm, where the demo and the
 * test project lie. */
static void
write_mbtiles (const char *path)
{
  g_autoptr (GBytes) tile = draw_tile ();

  sw_test_write_mbtiles (path, tile, 0, 17, 16.17, 58.975, 16.25, 59.012,
                         "<a href=\"https://example.org\">Provkartan</a> &copy; print fixture");
}

/* Positions east and north of an origin, in metres of SWEREF 99 TM,
 * through OSR here rather than through the app's own transform. */
typedef struct
{
  OGRCoordinateTransformationH to_grid;
  OGRCoordinateTransformationH to_lonlat;
  double x0, y0;
} Grid;

static void
grid_init (Grid  *grid,
           double longitude,
           double latitude)
{
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
  OGRSpatialReferenceH sweref = OSRNewSpatialReference (NULL);
  double x = longitude, y = latitude;

  OSRImportFromEPSG (wgs84, 4326);
  OSRImportFromEPSG (sweref, 3006);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy (sweref, OAMS_TRADITIONAL_GIS_ORDER);
  grid->to_grid = OCTNewCoordinateTransformation (wgs84, sweref);
  grid->to_lonlat = OCTNewCoordinateTransformation (sweref, wgs84);
  g_assert_true (OCTTransform (grid->to_grid, 1, &x, &y, NULL));
  grid->x0 = x;
  grid->y0 = y;
  OSRDestroySpatialReference (wgs84);
  OSRDestroySpatialReference (sweref);
}

static void
grid_point (Grid   *grid,
            double  east,
            double  north,
            double *longitude,
            double *latitude)
{
  double x = grid->x0 + east, y = grid->y0 + north;

  g_assert_true (OCTTransform (grid->to_lonlat, 1, &x, &y, NULL));
  *longitude = x;
  *latitude = y;
}

static void
grid_clear (Grid *grid)
{
  OCTDestroyCoordinateTransformation (grid->to_grid);
  OCTDestroyCoordinateTransformation (grid->to_lonlat);
}

static SwFinding *
add_finding (SwProject  *project,
             Grid       *grid,
             const char *walk_uuid,
             const char *category,
             const char *more,
             int         severity,
             double      east,
             double      north,
             const char *note)
{
  g_autoptr (SwFinding) finding = sw_finding_new ();
  g_autoptr (GError) error = NULL;
  double longitude, latitude;
  SwFeature *added;

  grid_point (grid, east, north, &longitude, &latitude);
  sw_finding_set_walk_uuid (finding, walk_uuid);
  sw_finding_set_category (finding, category);
  sw_finding_set_categories (finding, more);
  sw_finding_set_severity (finding, severity);
  sw_finding_set_light (finding, "dark");
  sw_finding_set_note (finding, note);
  sw_finding_set_longitude (finding, longitude);
  sw_finding_set_latitude (finding, latitude);
  added = sw_project_add (project, SW_FEATURE (finding), &error);
  g_assert_no_error (error);
  return SW_FINDING (added);
}

static void
add_stop (SwProject  *project,
          Grid       *grid,
          SwRoute    *route,
          int         number,
          const char *name,
          double      east,
          double      north)
{
  g_autoptr (SwStop) stop = sw_stop_new ();
  g_autoptr (GError) error = NULL;
  double longitude, latitude;

  grid_point (grid, east, north, &longitude, &latitude);
  sw_stop_set_walk_uuid (stop, sw_route_get_walk_uuid (route));
  sw_stop_set_route_uuid (stop, sw_feature_get_uuid (SW_FEATURE (route)));
  sw_stop_set_number (stop, number);
  sw_stop_set_name (stop, name);
  sw_stop_set_note (stop, "Samling och samtal.");
  sw_stop_set_longitude (stop, longitude);
  sw_stop_set_latitude (stop, latitude);
  g_assert_nonnull (sw_project_add (project, SW_FEATURE (stop), &error));
  g_assert_no_error (error);
}

/* A walk with a route, stops 500 m apart east to west, and findings in
 * four categories (or none). */
static void
make_project (const char *path,
              gboolean    with_findings)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_create (file, TITLE, "Provkommun", &error);
  g_autoptr (SwWalk) walk = sw_walk_new ();
  g_autoptr (SwRoute) route = sw_route_new ();
  g_autoptr (GVariantBuilder) points = g_variant_builder_new (G_VARIANT_TYPE ("a(dd)"));
  const double line[][2] = { { 0, 0 }, { 250, 60 }, { 500, 0 }, { 500, -150 }, { 200, -200 } };
  Grid grid;
  SwFeature *added;

  g_assert_no_error (error);
  grid_init (&grid, 16.205, 58.993);

  sw_walk_set_title (walk, WALK_TITLE);
  sw_walk_set_date (walk, "2026-10-15");
  sw_walk_set_start_time (walk, "19:00");
  sw_walk_set_light (walk, "dark");
  sw_walk_set_meeting_point (walk, "Stationens entré");
  added = sw_project_add (project, SW_FEATURE (walk), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (line); i++)
    {
      double longitude, latitude;

      grid_point (&grid, line[i][0], line[i][1], &longitude, &latitude);
      g_variant_builder_add (points, "(dd)", longitude, latitude);
    }
  sw_route_set_walk_uuid (route, sw_feature_get_uuid (added));
  sw_route_set_name (route, "Rutt A: stationen och parken");
  sw_route_set_color (route, "#1a5fb4");
  sw_route_set_points (route, g_variant_builder_end (points));
  added = sw_project_add (project, SW_FEATURE (route), &error);
  g_assert_no_error (error);

  add_stop (project, &grid, SW_ROUTE (added), 1, "Stationen", 0, 0);
  add_stop (project, &grid, SW_ROUTE (added), 2, "Parken", 500, 0);
  add_stop (project, &grid, SW_ROUTE (added), 3, "Skolan", 200, -200);
  /* Grid metres are ground metres times the projection's scale factor
   * here (about 0.9996 near 15° E); near enough for a scale bar. */
  stop_distance = 500;

  if (with_findings)
    {
      const char *walk_uuid = sw_route_get_walk_uuid (SW_ROUTE (added));
      SwFinding *dark_corner;
      g_autoptr (SwMeasure) measure = sw_measure_new ();
      /* Taken with the phone turned: upright, it is portrait. */
      const char *const exif[] = { "EXIF_DateTimeOriginal=2026:10:15 19:42:10", "EXIF_Orientation=6", NULL };
      g_autoptr (GBytes) jpeg = sw_test_make_jpeg (800, 600, exif);

      dark_corner = add_finding (project, &grid, walk_uuid, "lighting", "overview", 3, 110, 120,
                                 "Trasig belysning vid cykelstället. Mörkt på kvällen.");
      add_finding (project, &grid, walk_uuid, "lighting", NULL, 2, 118, 126,
                   "Lampan vid cykelstället blinkar.");
      add_finding (project, &grid, walk_uuid, "vegetation", NULL, 2, 300, 140,
                   "Buskar skymmer sikten längs gångvägen.");
      add_finding (project, &grid, walk_uuid, "traffic", NULL, 2, 380, -90,
                   "Bilar kör fort vid övergångsstället.");
      add_finding (project, &grid, walk_uuid, "positive", NULL, 0, 260, -120,
                   "Ljust och öppet torg med folk i rörelse.");

      sw_measure_set_finding_uuid (measure, sw_feature_get_uuid (SW_FEATURE (dark_corner)));
      sw_measure_set_measure_type (measure, "lighting");
      sw_measure_set_description (measure, "Byta armaturerna vid cykelstället.");
      sw_measure_set_responsible (measure, "municipality");
      sw_measure_set_responsible_unit (measure, "Gatuförvaltningen");
      sw_measure_set_due_date (measure, "2026-12-15");
      sw_measure_set_status (measure, "decided");
      g_assert_nonnull (sw_project_add (project, SW_FEATURE (measure), &error));
      g_assert_no_error (error);

      g_assert_nonnull (sw_project_add_photo (project, dark_corner, jpeg, 2048, &error));
      g_assert_no_error (error);
    }

  grid_clear (&grid);
  sw_project_close (project);
}

static GStrv
ranked_names (const char *path,
              const char *basemap)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SwPrintDocument) document = sw_print_document_new (file, SW_PRINT_LAYOUT_COUNCIL);
  g_autoptr (GError) error = NULL;

  sw_print_document_set_walk (document, WALK_TITLE);
  sw_print_document_set_basemap_mbtiles (document, basemap);
  g_assert_true (sw_print_document_prepare (document, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return sw_print_document_dup_place_names (document);
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                  */

static void
test_council_a3_landscape (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "nämnden-a3.pdf", NULL);
  g_auto (Run) run = { 0 };
  g_auto (GStrv) names = NULL;
  g_autofree char *map_text = NULL;
  g_autofree char *all_text = NULL;
  g_autofree char *table_text = NULL;
  cairo_surface_t *map;
  PdfInfo info;
  const char *last = NULL;
  guint land;
  int width, height;

  if (!have_cli ())
    return;

  run_cli (&run, "print", project_path, pdf, "--paper", "A3", "--landscape", "--walk", WALK_TITLE,
           "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_paper (pdf, "A3", TRUE, 4);

  /* The map page: title, municipality, legend entries of the categories
   * that appear and of no other, the attribution. */
  map_text = pdf_text (pdf, 1, 1);
  assert_text_has (map_text, WALK_TITLE);
  assert_text_has (map_text, "Provkommun");
  assert_text_has (map_text, "Legend");
  assert_text_has (map_text, "Lighting");
  assert_text_has (map_text, "Overview, hiding places");
  assert_text_has (map_text, "Vegetation blocking sight");
  assert_text_has (map_text, "Traffic and crossings");
  assert_text_has (map_text, "Safe and pleasant place");
  assert_text_has (map_text, "Rutt A: stationen och parken");
  assert_text_has (map_text, ATTRIBUTION);
  assert_text_has (map_text, "Scale 1:");
  g_assert_null (strstr (map_text, "Wayfinding and signage"));
  g_assert_null (strstr (map_text, "Maintenance"));

  /* Every ranked place is in the table, in rank order, numbered as on the
   * map. */
  names = ranked_names (project_path, mbtiles_path);
  g_assert_cmpuint (g_strv_length (names), ==, 4);
  pdf_info (pdf, &info);
  g_free (info.size_line);
  all_text = pdf_text (pdf, 1, info.pages);
  table_text = pdf_text (pdf, 2, 2);
  assert_text_has (table_text, "Places ranked by priority");
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *number = g_strdup_printf (" %u ", i + 1);
      const char *at = strstr (table_text, names[i]);

      assert_text_has (all_text, names[i]);
      g_assert_nonnull (at);
      if (last != NULL)
        g_assert_true (at > last);
      last = at;
      /* The map carries each number. */
      g_assert_nonnull (strstr (map_text, number));
    }
  assert_text_has (table_text, "New or better lighting");
  assert_text_has (table_text, "Gatuförvaltningen");
  assert_text_has (table_text, "Decided");
  /* The fixture's findings are not grouped into places yet: the table
   * says they were grouped for the print. */
  assert_text_has (table_text, "4 places were grouped for this print only");

  /* The first place's page shows its photo with a caption, and the
   * lägesbild page counts the findings. */
  assert_text_has (all_text, "Lighting, taken at");
  /* The photo is printed upright: portrait, as the phone was held. */
  {
    g_autofree char *images = tool_output ("pdfimages", pdf, "-list", NULL);
    g_auto (GStrv) lines = g_strsplit (images, "\n", -1);
    guint n_upright = 0, n_turned = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        int page, number, image_width, image_height;
        char type[16];

        if (sscanf (lines[i], "%d %d %15s %d %d", &page, &number, type, &image_width, &image_height) != 5)
          continue;
        n_upright += image_width == 600 && image_height == 800;
        n_turned += image_width == 800 && image_height == 600;
      }
    g_test_message ("%s", images);
    g_assert_cmpuint (n_upright, ==, 1);
    g_assert_cmpuint (n_turned, ==, 0);
  }
  assert_text_has (all_text, "Lägesbild");
  assert_text_has (all_text, "Findings by main category");

  /* The map shows the local tiles' land colour over most of the map and
   * every category's colour where the findings are. */
  map = render_page (pdf, 1, 60, "a3-landscape-map");
  width = cairo_image_surface_get_width (map);
  height = cairo_image_surface_get_height (map);
  land = count_color (map, LAND_R, LAND_G, LAND_B, 6, 0, 0, 1, 1);
  g_test_message ("land pixels: %u of %d", land, width * height);
  g_assert_cmpuint (land, >, (guint) (0.30 * width * height));
  /* The legend column (right fifth) holds no tiles. */
  g_assert_cmpuint (count_color (map, LAND_R, LAND_G, LAND_B, 6, 0.85, 0.2, 1, 0.8), ==, 0);
  g_assert_cmpuint (count_hex (map, "#f5c211"), >, 20); /* lighting */
  g_assert_cmpuint (count_hex (map, "#2ec27e"), >, 20); /* vegetation */
  g_assert_cmpuint (count_hex (map, "#c01c28"), >, 20); /* traffic */
  g_assert_cmpuint (count_hex (map, "#1a5fb4"), >, 50); /* the route */
  cairo_surface_destroy (map);

  for (int page = 2; page <= info.pages; page++)
    {
      g_autofree char *name = g_strdup_printf ("a3-landscape-%d", page);

      cairo_surface_destroy (render_page (pdf, page, 50, name));
    }
}

static void
test_council_a4_portrait (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "nämnden-a4.pdf", NULL);
  g_auto (Run) run = { 0 };
  g_autofree char *text = NULL;
  cairo_surface_t *map;
  int width, height;

  if (!have_cli ())
    return;

  run_cli (&run, "print", project_path, pdf, "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_paper (pdf, "A4", FALSE, 4);
  text = pdf_text (pdf, 1, 1);
  assert_text_has (text, WALK_TITLE);
  assert_text_has (text, ATTRIBUTION);

  map = render_page (pdf, 1, 60, "a4-portrait-map");
  width = cairo_image_surface_get_width (map);
  height = cairo_image_surface_get_height (map);
  g_assert_cmpuint (count_color (map, LAND_R, LAND_G, LAND_B, 6, 0, 0, 1, 1), >, (guint) (0.3 * width * height));
  cairo_surface_destroy (map);

  /* A3 portrait is exactly A3 too. */
  run_cli (&run, "print", project_path, pdf, "--paper", "a3", "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_paper (pdf, "A3", FALSE, 4);
}

/* The centre of the word @word inside the box (fractions of the page) in
 * pdftotext's bounding boxes. */
static gboolean
find_word (const char *bbox_html,
           const char *word,
           double      max_y,
           double     *x,
           double     *y)
{
  g_autofree char *needle = g_strdup_printf (">%s</word>", word);
  const char *at = bbox_html;

  while ((at = strstr (at, needle)) != NULL)
    {
      const char *start = at;
      double x0, y0, x1, y1;

      while (start > bbox_html && strncmp (start, "<word", 5) != 0)
        start--;
      if (sscanf (start, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1, &y1) == 4
          && y1 < max_y)
        {
          *x = (x0 + x1) / 2;
          *y = (y0 + y1) / 2;
          return TRUE;
        }
      at += strlen (needle);
    }
  return FALSE;
}

static void
test_handout (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "deltagare.pdf", NULL);
  g_auto (Run) run = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *bbox = NULL;
  const char *scale;
  double denominator = 0;
  double x1, y1, x2, y2;
  double paper_metres, ground;
  cairo_surface_t *page;

  if (!have_cli ())
    return;

  run_cli (&run, "print", project_path, pdf, "--handout", "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_paper (pdf, "A4", FALSE, 1);
  text = pdf_text (pdf, 1, 1);
  assert_text_has (text, "Rutt A: stationen och parken");
  assert_text_has (text, "Stops");
  assert_text_has (text, "Stationen");
  assert_text_has (text, "Parken");
  assert_text_has (text, "Skolan");
  assert_text_has (text, "Start 19:00");
  assert_text_has (text, "Meet at Stationens entré");
  assert_text_has (text, ATTRIBUTION);
  /* Before the walk there are no findings to show. */
  g_assert_null (strstr (text, "Legend"));

  /* The scale bar tells the truth: stops 1 and 2 stand 500 m apart, and
   * their badges are that far apart on paper at the printed scale. */
  scale = strstr (text, "Scale 1:");
  g_assert_nonnull (scale);
  {
    g_autoptr (GString) digits = g_string_new (NULL);

    for (const char *p = scale + strlen ("Scale 1:"); *p != '\0' && !g_ascii_isalpha (*p); p++)
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    denominator = g_ascii_strtod (digits->str, NULL);
  }
  g_assert_cmpfloat (denominator, >=, 1000);
  bbox = tool_output ("pdftotext", pdf, "-bbox", "-f", "1", "-l", "1", NULL);
  /* Only the map's badges: the stop list lies below 60 % of the page. */
  g_assert_true (find_word (bbox, "1", 841.89 * 0.6, &x1, &y1));
  g_assert_true (find_word (bbox, "2", 841.89 * 0.6, &x2, &y2));
  paper_metres = hypot (x2 - x1, y2 - y1) * 0.0254 / 72;
  ground = paper_metres * denominator;
  g_test_message ("stops 1 and 2: %.1f pt apart at 1:%.0f = %.1f m (measured %.1f m)",
                  hypot (x2 - x1, y2 - y1), denominator, ground, stop_distance);
  g_assert_cmpfloat (fabs (ground - stop_distance) / stop_distance, <, 0.02);

  page = render_page (pdf, 1, 80, "handout");
  g_assert_cmpuint (count_color (page, LAND_R, LAND_G, LAND_B, 6, 0, 0, 1, 1), >, 10000);
  g_assert_cmpuint (count_hex (page, "#1a5fb4"), >, 100);
  cairo_surface_destroy (page);
}

static void
test_empty_project (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "tom.pdf", NULL);
  g_auto (Run) run = { 0 };
  g_autofree char *text = NULL;
  cairo_surface_t *page;
  int width, height;
  guint white;

  if (!have_cli ())
    return;

  run_cli (&run, "print", empty_path, pdf, "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_paper (pdf, "A4", FALSE, 2);
  text = pdf_text (pdf, 1, 2);
  assert_text_has (text, WALK_TITLE);
  assert_text_has (text, "No findings have been recorded yet");
  assert_text_has (text, "no places to rank");

  /* Not an empty page: the map with its route, and the notice. */
  page = render_page (pdf, 1, 50, "empty-project");
  width = cairo_image_surface_get_width (page);
  height = cairo_image_surface_get_height (page);
  white = count_color (page, 255, 255, 255, 2, 0, 0, 1, 1);
  g_assert_cmpuint (white, <, (guint) (0.6 * width * height));
  g_assert_cmpuint (count_hex (page, "#1a5fb4"), >, 20);
  cairo_surface_destroy (page);
}

static void
test_basemap_offline (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "utan-karta.pdf", NULL);
  g_auto (Run) run = { 0 };
  g_autofree char *text = NULL;
  cairo_surface_t *page;

  if (!have_cli ())
    return;

  /* Nothing listens on port 9 here: the connection is refused at once. */
  run_cli (&run, "print", project_path, pdf, "--basemap", "http://127.0.0.1:9/{z}/{x}/{y}.png", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "without a basemap"));
  assert_paper (pdf, "A4", FALSE, 4);
  text = pdf_text (pdf, 1, 1);
  assert_text_has (text, "The basemap from 127.0.0.1 is unavailable");
  assert_text_has (text, "printed without it");

  page = render_page (pdf, 1, 50, "offline");
  /* No tiles: at most a stray anti-aliased pixel of that colour. */
  g_assert_cmpuint (count_color (page, LAND_R, LAND_G, LAND_B, 6, 0, 0, 1, 1), <, 20);
  g_assert_cmpuint (count_hex (page, "#f5c211"), >, 10);
  cairo_surface_destroy (page);
}

static void
drop_privileges (gpointer user_data)
{
  if (setgroups (0, NULL) != 0 || setgid (UNPRIVILEGED_ID) != 0 || setuid (UNPRIVILEGED_ID) != 0)
    _exit (125);
}

static void
test_unwritable_target (void)
{
  g_autofree char *folder = make_dir ("skrivskyddad");
  g_autofree char *pdf = g_build_filename (folder, "karta.pdf", NULL);
  g_autoptr (GPtrArray) left = NULL;
  g_auto (Run) run = { 0 };
  gboolean root = getuid () == 0;

  if (!have_cli ())
    return;

  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  /* Root writes anywhere: the CLI then runs as nobody, who may read the
   * project and the tiles but not write the folder. */
  g_assert_cmpint (g_chmod (tmpdir, 0755), ==, 0);
  run_cli_with (&run, root ? drop_privileges : NULL, NULL, "print", project_path, pdf, "--basemap",
                mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, pdf));
  g_assert_nonnull (strstr (run.err, "Choose a folder you can write to"));
  left = list_dir (folder);
  g_assert_cmpuint (left->len, ==, 0);
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
}

static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { 40 * 1024, 40 * 1024 };

  /* A write past the limit fails with EFBIG instead of killing: a full
   * disk as the program sees one. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_full_disk (void)
{
  g_autofree char *folder = make_dir ("full");
  g_autofree char *pdf = g_build_filename (folder, "karta.pdf", NULL);
  g_autoptr (GPtrArray) left = NULL;
  g_auto (Run) run = { 0 };

  if (!have_cli ())
    return;

  run_cli_with (&run, limit_file_size, NULL, "print", project_path, pdf, "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, pdf));
  left = list_dir (folder);
  g_assert_cmpuint (left->len, ==, 0);

  /* An earlier PDF at the target stays as it was. */
  g_assert_true (g_file_set_contents (pdf, "earlier", -1, NULL));
  run_cli_with (&run, limit_file_size, NULL, "print", project_path, pdf, "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "earlier");
  }
  g_clear_pointer (&left, g_ptr_array_unref);
  left = list_dir (folder);
  g_assert_cmpuint (left->len, ==, 1);
}

static void
test_target_is_project (void)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_auto (Run) run = { 0 };

  if (!have_cli ())
    return;

  g_assert_true (g_file_get_contents (project_path, &before, &before_length, NULL));
  run_cli (&run, "print", project_path, project_path, "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "the project itself"));
  g_assert_true (g_file_get_contents (project_path, &after, &after_length, NULL));
  g_assert_cmpuint (before_length, ==, after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
test_bad_choices (void)
{
  g_autofree char *folder = make_dir ("val");
  g_autofree char *pdf = g_build_filename (folder, "karta.pdf", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "finns-inte.mbtiles", NULL);
  g_autoptr (GPtrArray) left = NULL;
  g_auto (Run) run = { 0 };

  if (!have_cli ())
    return;

  run_cli (&run, "print", project_path, pdf, "--basemap", missing, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, missing));

  run_cli (&run, "print", project_path, pdf, "--basemap", "https://tiles.example.org/{z}/{x}.png", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "{z}, {x} and {y}"));

  run_cli (&run, "print", project_path, pdf, "--walk", "Ingen sådan", "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Ingen sådan"));
  g_assert_nonnull (strstr (run.err, WALK_TITLE));

  run_cli (&run, "print", project_path, pdf, "--paper", "A5", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "A5"));

  left = list_dir (folder);
  g_assert_cmpuint (left->len, ==, 0);
}

/* Once the project's findings are grouped into places, the print numbers
 * those places in the project's own rank order, with their names. */
static void
test_grouped_places (void)
{
  g_autofree char *copy = g_build_filename (tmpdir, "grupperad.gpkg", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "grupperad.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GListModel) ranking = NULL;
  g_autoptr (GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) ungrouped_names = NULL;
  g_auto (GStrv) names = NULL;
  g_auto (Run) run = { 0 };
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (project_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  ungrouped_names = ranked_names (copy, mbtiles_path);

  file = g_file_new_for_path (copy);
  project = sw_project_open (file, &error);
  g_assert_no_error (error);
  g_assert_true (sw_project_group_places (project, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  ranking = sw_project_rank_places (project, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (ranking); i++)
    {
      g_autoptr (SwPlacePriority) priority = g_list_model_get_item (ranking, i);

      g_ptr_array_add (expected, g_strdup (sw_place_get_name (sw_place_priority_get_place (priority))));
    }
  sw_project_close (project);

  names = ranked_names (copy, mbtiles_path);
  g_assert_cmpuint (g_strv_length (names), ==, expected->len);
  /* Grouped for the print or by the project: the same places. */
  g_assert_cmpuint (g_strv_length (names), ==, g_strv_length (ungrouped_names));
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (names[i], ==, expected->pdata[i]);

  if (!have_cli ())
    return;
  run_cli (&run, "print", copy, pdf, "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (pdf, 2, 3);
  for (guint i = 0; i < expected->len; i++)
    assert_text_has (text, expected->pdata[i]);
  assert_text_has (text, "Why it ranks here");
  g_assert_null (strstr (text, "grouped for this print only"));
}

/* The renderer as a print dialog uses it: a page drawn onto any context,
 * scaled to the size given, prepared in a thread with progress. */
typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
  guint n_progress;
  double last_fraction;
  GThread *main_thread;
} AsyncState;

static void
on_progress (double      fraction,
             const char *text,
             gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  g_assert_nonnull (text);
  state->last_fraction = fraction;
  state->n_progress++;
}

static void
on_prepared (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = g_object_ref (result);
  g_main_loop_quit (state->loop);
}

static void
test_draw_page_async (void)
{
  g_autoptr (GFile) file = g_file_new_for_path (project_path);
  g_autoptr (SwPrintDocument) document = sw_print_document_new (file, SW_PRINT_LAYOUT_COUNCIL);
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  AsyncState state = { g_main_loop_new (NULL, FALSE), NULL, 0, 0, g_thread_self () };
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  g_autofree char *png = NULL;
  const char *build_dir = g_getenv ("G_TEST_BUILDDIR");

  sw_print_document_set_paper (document, SW_PRINT_PAPER_A3, TRUE);
  sw_print_document_set_basemap_mbtiles (document, mbtiles_path);

  /* Cancelled before it starts: nothing prepared. */
  g_cancellable_cancel (cancelled);
  sw_print_document_prepare_async (document, cancelled, on_progress, &state, on_prepared, &state);
  g_main_loop_run (state.loop);
  g_assert_false (sw_print_document_prepare_finish (document, state.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (sw_print_document_is_prepared (document));
  g_clear_error (&error);
  g_clear_object (&state.result);

  state.n_progress = 0;
  state.last_fraction = 0;
  sw_print_document_prepare_async (document, NULL, on_progress, &state, on_prepared, &state);
  g_main_loop_run (state.loop);
  g_assert_true (sw_print_document_prepare_finish (document, state.result, &error));
  g_assert_no_error (error);
  g_clear_object (&state.result);
  /* Progress reports may still be queued behind the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (state.n_progress, >=, 3);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  g_assert_true (sw_print_document_has_basemap (document));

  sw_print_document_get_page_size (document, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 1190.55, 0.05);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.05);

  /* Drawn at half size, as a preview would: still the whole page. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 421);
  cr = cairo_create (surface);
  sw_print_document_draw_page (document, cr, 0, 595, 421);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  png = g_strdup_printf ("%s/print-draw-page.png", build_dir != NULL ? build_dir : ".");
  cairo_surface_write_to_png (surface, png);
  g_assert_cmpuint (count_color (surface, LAND_R, LAND_G, LAND_B, 6, 0, 0, 0.78, 1), >, 0.3 * 595 * 421);
  g_assert_cmpuint (count_color (surface, LAND_R, LAND_G, LAND_B, 6, 0.85, 0.2, 1, 0.8), ==, 0);
  cairo_surface_destroy (surface);

  g_main_loop_unref (state.loop);
}

/* The demo, as a person would print it; for looking at. */
static void
test_demo (void)
{
  const char *demo = g_getenv ("SW_DEMO_PROJECT");
  g_autofree char *copy = g_build_filename (tmpdir, "katrineholm.gpkg", NULL);
  g_autofree char *a3 = g_build_filename (tmpdir, "katrineholm-a3.pdf", NULL);
  g_autofree char *handout = g_build_filename (tmpdir, "katrineholm-rutter.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_auto (Run) run = { 0 };
  PdfInfo info;

  if (!have_cli ())
    return;
  if (demo == NULL || !g_file_test (demo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The demo project is not built");
      return;
    }
  g_assert_true (g_file_get_contents (demo, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  run_cli (&run, "print", copy, a3, "--paper", "A3", "--landscape", "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_paper (a3, "A3", TRUE, 4);
  pdf_info (a3, &info);
  g_free (info.size_line);
  for (int page = 1; page <= info.pages; page++)
    {
      g_autofree char *name = g_strdup_printf ("demo-a3-%d", page);
      cairo_surface_t *render = render_page (a3, page, page == 1 ? 100 : 60, name);

      if (page == 1)
        g_assert_cmpuint (count_color (render, LAND_R, LAND_G, LAND_B, 6, 0, 0, 1, 1), >, 100000);
      cairo_surface_destroy (render);
    }

  run_cli (&run, "print", copy, handout, "--handout", "--basemap", mbtiles_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_paper (handout, "A4", FALSE, 2);
  pdf_info (handout, &info);
  g_free (info.size_line);
  for (int page = 1; page <= info.pages; page++)
    {
      g_autofree char *name = g_strdup_printf ("demo-handout-%d", page);

      cairo_surface_destroy (render_page (handout, page, 80, name));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  tmpdir = g_dir_make_tmp ("sw-test-print-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  g_assert_cmpint (g_chmod (tmpdir, 0755), ==, 0);
  mbtiles_path = g_build_filename (tmpdir, "provkartan.mbtiles", NULL);
  write_mbtiles (mbtiles_path);
  project_path = g_build_filename (tmpdir, "provstaden.gpkg", NULL);
  make_project (project_path, TRUE);
  empty_path = g_build_filename (tmpdir, "tom.gpkg", NULL);
  make_project (empty_path, FALSE);

  g_test_add_func ("/print/council-a3-landscape", test_council_a3_landscape);
  g_test_add_func ("/print/council-a4-portrait", test_council_a4_portrait);
  g_test_add_func ("/print/handout", test_handout);
  g_test_add_func ("/print/draw-page-async", test_draw_page_async);
  g_test_add_func ("/print/grouped-places", test_grouped_places);
  g_test_add_func ("/print/bad-input/empty-project", test_empty_project);
  g_test_add_func ("/print/bad-input/basemap-offline", test_basemap_offline);
  g_test_add_func ("/print/bad-input/unwritable-target", test_unwritable_target);
  g_test_add_func ("/print/bad-input/full-disk", test_full_disk);
  g_test_add_func ("/print/bad-input/target-is-project", test_target_is_project);
  g_test_add_func ("/print/bad-input/bad-choices", test_bad_choices);
  g_test_add_func ("/print/demo", test_demo);

  status = g_test_run ();

  sw_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (mbtiles_path);
  g_free (project_path);
  g_free (empty_path);
  return status;
}
