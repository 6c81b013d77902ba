/* The Export dialog in a real window under Xvfb, on a copy of the demo project: opened by
 * win.export, an unknown EPSG code refused with nothing written, a GeoPackage in a SWEREF 99
 * zone with small photos, and a public CSV; the files read back with GDAL. A screenshot of the
 * dialog goes to the build folder. */
#define G_LOG_DOMAIN "test-export-gui"

#include "config.h"

#include <string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sw-application.h"
#include "sw-export-dialog.h"
#include "sw-project.h"
#include "sw-test-gui.h"
#include "sw-window.h"

static SwApplication *application;
static SwWindow *window;
static char *tmpdir;
static GFile *project_file;

static SwExportDialog *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (SW_IS_EXPORT_DIALOG (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return SW_EXPORT_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer user_data)
{
  return find_export_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer user_data)
{
  return find_export_dialog () == NULL;
}

static gboolean
window_has_project (gpointer user_data)
{
  return sw_window_get_project (window) != NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
named (SwExportDialog *dialog,
       const char     *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (dialog), name);

  g_assert_nonnull (widget);
  return widget;
}

static SwExportDialog *
open_dialog (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  g_assert_true (wait_for (dialog_shown, NULL, "the export dialog"));
  return find_export_dialog ();
}

static guint
count_features (GDALDatasetH dataset,
                const char  *layer_name)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (dataset, layer_name);

  g_assert_nonnull (layer);
  return (guint) OGR_L_GetFeatureCount (layer, TRUE);
}

static void
test_open (void)
{
  g_application_open (G_APPLICATION (application), &project_file, 1, "");
  window = sw_application_find_window (application, project_file);
  g_assert_nonnull (window);
  g_assert_true (wait_for (window_has_project, NULL, "the project to open"));
}

static void
test_unknown_code (void)
{
  SwExportDialog *dialog = open_dialog ();
  g_autofree char *path = g_build_filename (tmpdir, "okänd.gpkg", NULL);
  g_autoptr (GFile) target = g_file_new_for_path (path);
  AdwComboRow *crs_row = ADW_COMBO_ROW (named (dialog, "crs-row"));
  g_autoptr (GError) error = NULL;
  g_autoptr (SwExportOptions) options = NULL;
  guint n_crs;

  save_screenshot (GTK_WIDGET (dialog), "export-dialog.png");
  sw_export_list_crs (&n_crs);
  /* The last entry is "Other EPSG code…", which shows the code row. */
  adw_combo_row_set_selected (crs_row, n_crs);
  g_assert_true (gtk_widget_get_visible (named (dialog, "epsg-row")));
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "epsg-row")), "99999");
  options = sw_export_dialog_get_options (dialog, &error);
  g_assert_null (options);
  g_assert_error (error, SW_EXPORT_ERROR, SW_EXPORT_ERROR_UNKNOWN_CRS);
  g_clear_error (&error);

  sw_export_dialog_export_to (dialog, target);
  spin (300);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (find_export_dialog () == dialog);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-unknown-code.png");

  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "epsg-row")), "EPSG:3021");
  g_clear_pointer (&options, sw_export_options_free);
  options = sw_export_dialog_get_options (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (options->crs, ==, "EPSG:3021");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (dialog_gone, NULL, "the dialog to close"));
}

static void
test_geopackage_in_zone (void)
{
  SwExportDialog *dialog = open_dialog ();
  g_autofree char *path = g_build_filename (tmpdir, "GIS zon.gpkg", NULL);
  g_autoptr (GFile) target = g_file_new_for_path (path);
  SwProject *project = sw_window_get_project (window);
  const char *drivers[] = { "GPKG", NULL };
  GDALDatasetH dataset;
  OGRLayerH photos;
  OGRFeatureH photo;
  guint n_photos = 0;

  /* SWEREF 99 16 30 is the fifth in the list. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "crs-row")), 4);
  gtk_switch_set_active (GTK_SWITCH (named (dialog, "photos-switch")), TRUE);
  g_assert_true (gtk_widget_get_sensitive (named (dialog, "photo-size-row")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "photo-size-row")), 3);
  sw_export_dialog_export_to (dialog, target);
  g_assert_true (wait_for (dialog_gone, NULL, "the export to finish"));

  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, NULL, NULL);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (count_features (dataset, "findings"), ==, sw_project_count (project, SW_KIND_FINDING));
  g_assert_cmpuint (count_features (dataset, "routes"), ==, sw_project_count (project, SW_KIND_ROUTE));
  g_assert_cmpstr (OSRGetAuthorityCode (OGR_L_GetSpatialRef (GDALDatasetGetLayerByName (dataset, "findings")), NULL),
                   ==, "3010");
  photos = GDALDatasetGetLayerByName (dataset, "photos");
  g_assert_nonnull (photos);
  while ((photo = OGR_L_GetNextFeature (photos)) != NULL)
    {
      g_assert_cmpint (MAX (OGR_F_GetFieldAsInteger (photo, OGR_F_GetFieldIndex (photo, "width")),
                            OGR_F_GetFieldAsInteger (photo, OGR_F_GetFieldIndex (photo, "height"))),
                       <=, 640);
      n_photos++;
      OGR_F_Destroy (photo);
    }
  g_assert_cmpuint (n_photos, >, 0);
  GDALClose (dataset);
}

/* Marks the first finding with a note internal; returns that note and, in
 * @open_note, the note of the next finding with one. */
static char *
mark_one_note_internal (char **open_note)
{
  SwProject *project = sw_window_get_project (window);
  GListModel *findings = sw_project_get_findings (project);
  g_autoptr (GError) error = NULL;
  char *internal_note = NULL;

  *open_note = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (findings) && *open_note == NULL; i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);
      const char *note = sw_finding_get_note (finding);

      if (note == NULL || *note == '\0')
        continue;
      if (internal_note != NULL)
        {
          *open_note = g_strdup (note);
          continue;
        }
      internal_note = g_strdup (note);
      g_assert_true (sw_project_edit (project, SW_FEATURE (finding), &error, "note-internal", TRUE, NULL));
      g_assert_no_error (error);
    }
  g_assert_nonnull (internal_note);
  g_assert_nonnull (*open_note);
  return internal_note;
}

static void
test_public_csv (void)
{
  g_autofree char *open_note = NULL;
  g_autofree char *internal_note = mark_one_note_internal (&open_note);
  SwExportDialog *dialog = open_dialog ();
  g_autofree char *path = g_build_filename (tmpdir, "publik.csv", NULL);
  g_autoptr (GFile) target = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *header = NULL;

  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "format-row")), SW_EXPORT_FORMAT_CSV);
  gtk_switch_set_active (GTK_SWITCH (named (dialog, "public-switch")), TRUE);
  /* Photos cannot go into a CSV, nor into a public export. */
  g_assert_false (gtk_widget_get_sensitive (named (dialog, "photo-size-row")));
  sw_export_dialog_export_to (dialog, target);
  g_assert_true (wait_for (dialog_gone, NULL, "the export to finish"));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf"));
  header = g_strndup (contents, strcspn (contents, "\r\n"));
  g_assert_nonnull (strstr (header, ";category;"));
  /* The note marked internal is left out; the others stay. */
  g_assert_nonnull (strstr (header, ";note;"));
  g_assert_null (strstr (contents, internal_note));
  g_assert_nonnull (strstr (contents, open_note));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) demo = NULL;
  g_autofree char *project_path = NULL;
  g_autofree char *missing_tiles = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  GDALAllRegister ();
  g_log_set_debug_enabled (FALSE);

  if (g_getenv ("SW_DEMO_PROJECT") == NULL)
    {
      g_test_skip ("SW_DEMO_PROJECT is not set: the build has no demo project");
      return g_test_run ();
    }

  tmpdir = g_dir_make_tmp ("sw-test-export-gui-XXXXXX", &error);
  g_assert_no_error (error);
  project_path = g_build_filename (tmpdir, "Katrineholm.gpkg", NULL);
  project_file = g_file_new_for_path (project_path);
  demo = g_file_new_for_path (g_getenv ("SW_DEMO_PROJECT"));
  g_assert_true (g_file_copy (demo, project_file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* An offline map that is not there: the map says so, nothing reaches
   * for the network. */
  missing_tiles = g_build_filename (tmpdir, "saknas.mbtiles", NULL);
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "basemap-mbtiles", missing_tiles);
  g_settings_set_string (settings, "basemap-source", "mbtiles");

  application = sw_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/export-gui/open", test_open);
  g_test_add_func ("/export-gui/unknown-code", test_unknown_code);
  g_test_add_func ("/export-gui/geopackage-in-zone", test_geopackage_in_zone);
  g_test_add_func ("/export-gui/public-csv", test_public_csv);
  status = g_test_run ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (application)))
    gtk_window_destroy (l->data);
  spin (50);
  g_clear_object (&application);

  dir = g_dir_open (tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (tmpdir, name, NULL);
      g_remove (child);
    }
  g_rmdir (tmpdir);
  g_clear_object (&project_file);
  g_clear_pointer (&tmpdir, g_free);
  return status;
}
