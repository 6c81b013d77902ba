/* Print… and Export PDF… in a real window under Xvfb, on a copy of the demo
 * project with an MBTiles basemap the test makes: the options dialog driven
 * through its rows, the PDF checked with pdfinfo, pdftotext and pdftoppm,
 * the print operation exporting the same pages, and the GTK print dialog
 * opened and cancelled. Screenshots and renders go to the build folder. */
#define G_LOG_DOMAIN "test-print-gui"

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include <adwaita.h>

#include "sw-test-files.h"
#include "sw-application.h"
#include "sw-print-dialog.h"
#include "sw-test-gui.h"
#include "sw-window.h"

#define LAND_R 0xd6
#define LAND_G 0xea
#define LAND_B 0xf8

static SwApplication *application;
static char *tmpdir;
static GFile *project_file;
static char *mbtiles_path;
static SwWindow *window;

/* ---------------------------------------------------------------------- */
/* The MBTiles fixture                                                    */

static GBytes *
draw_tile (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GBytes) png = NULL;

  cairo_set_source_rgb (cr, LAND_R / 255.0, LAND_G / 255.0, LAND_B / 255.0);
  cairo_paint (cr);
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

/* Central Katrineholm, zoom 0 to 17. */
static void
write_mbtiles (const char *path)
{
  g_autoptr (GBytes) tile = draw_tile ();

  sw_test_write_mbtiles (path, tile, 0, 17, 16.17, 58.975, 16.25, 59.012, "GUI-kartan &copy; print test");
}

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */

static char *
run_tool (const char *first,
          ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return out;
}

static void
assert_page_size (const char *pdf,
                  const char *paper,
                  double      width,
                  double      height)
{
  g_autofree char *info = run_tool ("pdfinfo", pdf, NULL);
  g_autofree char *name = g_strdup_printf ("(%s)", paper);
  const char *line = strstr (info, "Page size:");
  double w, h;

  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "Page size: %lf x %lf", &w, &h), ==, 2);
  g_assert_cmpfloat_with_epsilon (w, width, 0.05);
  g_assert_cmpfloat_with_epsilon (h, height, 0.05);
  g_assert_nonnull (strstr (line, name));
}

static int
page_count (const char *pdf)
{
  g_autofree char *info = run_tool ("pdfinfo", pdf, NULL);
  const char *line = strstr (info, "Pages:");

  g_assert_nonnull (line);
  return atoi (line + strlen ("Pages:"));
}

static guint
count_land (const char *pdf,
            const char *name)
{
  g_autofree char *prefix = g_build_filename (tmpdir, name, NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *kept = g_strdup_printf ("%s/print-%s.png", g_getenv ("G_TEST_BUILDDIR"), name);
  g_autofree char *out = run_tool ("pdftoppm", "-png", "-singlefile", "-r", "50", "-f", "1", "-l", "1", pdf, prefix, NULL);
  cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_write_to_png (surface, kept);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + (gsize) y * stride + 4 * x);

        if (ABS ((int) ((pixel >> 16) & 0xff) - LAND_R) <= 6 && ABS ((int) ((pixel >> 8) & 0xff) - LAND_G) <= 6
            && ABS ((int) (pixel & 0xff) - LAND_B) <= 6)
          n++;
      }
  g_test_message ("%s: %u of %d pixels show the fixture tiles", name, n, width * height);
  n = (guint) ((double) n / (width * height) * 1000); /* per mille */
  cairo_surface_destroy (surface);
  return n;
}

static gboolean
window_has_project (gpointer user_data)
{
  return sw_window_get_project (SW_WINDOW (user_data)) != NULL;
}

static GtkWindow *
find_toplevel (const char *type_name,
               const char *widget_name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (toplevel), type_name)
          && (widget_name == NULL || g_str_equal (gtk_widget_get_name (GTK_WIDGET (toplevel)), widget_name))
          && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
options_shown (gpointer user_data)
{
  return find_toplevel ("AdwMessageDialog", "print-options") != NULL;
}

static gboolean
print_dialog_shown (gpointer user_data)
{
  return find_toplevel ("GtkPrintUnixDialog", NULL) != NULL;
}

static gboolean
window_is_idle (gpointer user_data)
{
  return g_object_get_data (G_OBJECT (window), "sw-print-busy") == NULL;
}

static gboolean
file_written (gpointer user_data)
{
  return g_file_test (user_data, G_FILE_TEST_EXISTS) && window_is_idle (NULL);
}

static AdwComboRow *
find_row (GtkWidget  *widget,
          const char *name)
{
  if (ADW_IS_COMBO_ROW (widget) && g_str_equal (gtk_widget_get_name (widget), name))
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_row (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens the options through @action, chooses, and answers @response. */
static void
choose_options (const char *action,
                GVariant   *parameter,
                guint       pages,
                guint       paper,
                guint       orientation,
                const char *screenshot,
                const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, parameter));
  g_assert_true (wait_for (options_shown, NULL, "the print options"));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel ("AdwMessageDialog", "print-options"));

  adw_combo_row_set_selected (find_row (GTK_WIDGET (dialog), "print-pages"), pages);
  if (pages == 0)
    {
      adw_combo_row_set_selected (find_row (GTK_WIDGET (dialog), "print-paper"), paper);
      adw_combo_row_set_selected (find_row (GTK_WIDGET (dialog), "print-orientation"), orientation);
    }
  else
    {
      /* A handout is A4 portrait: those rows are not offered. */
      g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (find_row (GTK_WIDGET (dialog), "print-paper"))));
      g_assert_cmpuint (adw_combo_row_get_selected (find_row (GTK_WIDGET (dialog), "print-paper")), ==, 0);
    }
  /* The demo has one walk: it is chosen, not "All walks". */
  g_assert_cmpuint (adw_combo_row_get_selected (find_row (GTK_WIDGET (dialog), "print-walk")), ==, 1);

  if (screenshot != NULL)
    {
      g_autoptr (GdkTexture) texture = NULL;

      spin (200);
      texture = save_screenshot (GTK_WIDGET (dialog), screenshot);
    }
  /* As a click on the button does: the answer, then the dialog closes. */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                  */

static void
test_open (void)
{
  g_application_open (G_APPLICATION (application), &project_file, 1, "");
  window = sw_application_find_window (application, project_file);
  g_assert_nonnull (window);
  g_assert_true (wait_for (window_has_project, window, "the demo project to open"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  /* Opening the options and cancelling leaves nothing behind. */
  g_assert_true (wait_for (options_shown, NULL, "the print options"));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel ("AdwMessageDialog", "print-options"));

    adw_message_dialog_response (dialog, "cancel");
    gtk_window_close (GTK_WINDOW (dialog));
  }
  spin (100);
  g_assert_false (options_shown (NULL));
  g_assert_true (window_is_idle (NULL));
}

static void
test_export_council (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "nämnden.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autofree char *text = NULL;

  choose_options ("win.export-pdf-to", g_variant_new_string (uri), 0, 1, 1, "print-options.png", "export");
  g_assert_true (wait_for (file_written, pdf, "the PDF to be written"));

  assert_page_size (pdf, "A3", 1190.55, 841.89);
  g_assert_cmpint (page_count (pdf), >=, 4);
  text = run_tool ("pdftotext", "-f", "1", "-l", "1", pdf, "-", NULL);
  g_assert_nonnull (strstr (text, "Trygghetsvandring centrum, oktober 2026"));
  g_assert_nonnull (strstr (text, "Legend"));
  g_assert_nonnull (strstr (text, "GUI-kartan © print test"));
  g_assert_cmpuint (count_land (pdf, "gui-export-a3"), >, 250);

  /* Nothing else was left in the folder: no temporary file. */
  {
    g_autoptr (GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".nämnden.pdf"));
  }
}

static void
test_export_handout (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "rutter.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autofree char *text = NULL;

  choose_options ("win.export-pdf-to", g_variant_new_string (uri), 1, 0, 0, NULL, "export");
  g_assert_true (wait_for (file_written, pdf, "the handout to be written"));

  assert_page_size (pdf, "A4", 595.28, 841.89);
  /* A page per route of the demo walk. */
  g_assert_cmpint (page_count (pdf), ==, 2);
  text = run_tool ("pdftotext", pdf, "-", NULL);
  g_assert_nonnull (strstr (text, "Stops"));
  g_assert_nonnull (strstr (text, "Rutt 1"));
  g_assert_nonnull (strstr (text, "Rutt 2"));
  g_assert_cmpuint (count_land (pdf, "gui-export-handout"), >, 200);
}

/* The print operation draws the same pages Export PDF writes. */
static void
test_print_operation (void)
{
  g_autofree char *printed = g_build_filename (tmpdir, "utskrift.pdf", NULL);
  g_autofree char *exported = g_build_filename (tmpdir, "export.pdf", NULL);
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (SwPrintDocument) document = NULL;
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GFile) exported_file = g_file_new_for_path (exported);
  g_autoptr (GError) error = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  GtkPrintOperationResult result;

  document = sw_print_dialog_new_document (sw_window_get_project (window), settings, SW_PRINT_LAYOUT_COUNCIL);
  sw_print_document_set_paper (document, SW_PRINT_PAPER_A4, FALSE);
  sw_print_document_set_date (document, "2026-11-05");
  g_assert_true (sw_print_document_prepare (document, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  operation = sw_print_dialog_new_operation (document);
  gtk_print_operation_set_allow_async (operation, FALSE);
  gtk_print_operation_set_export_filename (operation, printed);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  g_assert_true (sw_print_document_write_pdf (document, exported_file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  assert_page_size (printed, "A4", 595.28, 841.89);
  g_assert_cmpint (page_count (printed), ==, (int) sw_print_document_get_n_pages (document));
  g_assert_cmpint (page_count (printed), ==, page_count (exported));
  printed_text = run_tool ("pdftotext", printed, "-", NULL);
  exported_text = run_tool ("pdftotext", exported, "-", NULL);
  g_assert_cmpstr (printed_text, ==, exported_text);
  g_assert_cmpuint (count_land (printed, "gui-print-operation"), >, 250);
}

static void
test_print_dialog (void)
{
  GtkWindow *dialog;
  g_autoptr (GdkTexture) texture = NULL;

  choose_options ("win.print", NULL, 0, 0, 1, NULL, "print");
  g_assert_true (wait_for (print_dialog_shown, NULL, "the print dialog"));
  dialog = find_toplevel ("GtkPrintUnixDialog", NULL);
  spin (300);
  texture = save_screenshot (GTK_WIDGET (dialog), "print-dialog.png");
  /* While it is open, the window is busy printing and offers no second
   * print. */
  g_assert_false (window_is_idle (NULL));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_true (wait_for (window_is_idle, NULL, "the print to be cancelled"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *project_path = NULL;
  g_autofree char *contents = NULL;
  const char *demo = g_getenv ("SW_DEMO_PROJECT");
  const char *dirs[] = { "cache", "config", "data" };
  const char *variables[] = { "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME" };
  gsize length;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_debug_enabled (FALSE);

  if (demo == NULL || !g_file_test (demo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The demo project is not built");
      return g_test_run ();
    }

  tmpdir = g_dir_make_tmp ("safetywalk-print-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (tmpdir, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (variables[i], dir, TRUE);
    }
  project_path = g_build_filename (tmpdir, "katrineholm.gpkg", NULL);
  g_assert_true (g_file_get_contents (demo, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (project_path, contents, length, NULL));
  project_file = g_file_new_for_path (project_path);
  mbtiles_path = g_build_filename (tmpdir, "tiles.mbtiles", NULL);
  write_mbtiles (mbtiles_path);

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "basemap-mbtiles", mbtiles_path);
  g_settings_set_string (settings, "basemap-source", "mbtiles");

  application = sw_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/print/open", test_open);
  g_test_add_func ("/print/export-council", test_export_council);
  g_test_add_func ("/print/export-handout", test_export_handout);
  g_test_add_func ("/print/print-operation", test_print_operation);
  g_test_add_func ("/print/print-dialog", test_print_dialog);

  status = g_test_run ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (application)))
    gtk_window_destroy (l->data);
  spin (50);
  g_clear_object (&application);
  sw_test_remove_tree (tmpdir);
  g_clear_object (&project_file);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&mbtiles_path, g_free);
  return status;
}
