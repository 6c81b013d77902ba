/* safetywalk-cli export: a project to GeoPackage, GeoJSON, CSV or KML for GIS. */
#define G_LOG_DOMAIN "sw-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-cli-private.h"
#include "sw-export.h"
#include "sw-project.h"

/* "original" keeps the stored size; a number is the long edge in pixels. */
static gboolean
parse_photo_size (const char *text, guint *edge)
{
  guint64 value;

  if (g_ascii_strcasecmp (text, "original") == 0)
    {
      *edge = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 64, 100000, &value, NULL))
    return FALSE;
  *edge = (guint) value;
  return TRUE;
}

int
sw_cli_export (const SwCliCommand *command, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) project_file = NULL;
  g_autoptr (GFile) target = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  g_autofree char *format = NULL;
  g_autofree char *crs = NULL;
  g_autofree char *photos = NULL;
  g_autofree char *target_name = NULL;
  gboolean public_only = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_ ("gpkg (the default), geojson, csv or kml"), N_ ("FORMAT") },
    { "crs", 'c', 0, G_OPTION_ARG_STRING, &crs,
      N_ ("Coordinate reference system for GeoPackage and CSV: an EPSG code or a SWEREF 99 "
          "zone name (default EPSG:3006)"),
      N_ ("CRS") },
    { "public", 'p', 0, G_OPTION_ARG_NONE, &public_only,
      N_ ("Leave out internal notes, stop notes, reasons and photos, for publishing"), NULL },
    { "photos", 0, 0, G_OPTION_ARG_STRING, &photos,
      N_ ("Include the photos (GeoPackage only): “original” or a long edge in pixels"),
      N_ ("SIZE") },
    G_OPTION_ENTRY_NULL
  };

  context = sw_cli_option_context_new (command, entries);
  if (!sw_cli_parse_options (command, context, &argc, &argv, 2))
    return SW_CLI_EXIT_ERROR;

  if (format != NULL && !sw_export_format_from_string (format, &options->format))
    {
      sw_cli_printerr (_ ("--format takes gpkg, geojson, csv or kml, not “%s”."), format);
      return SW_CLI_EXIT_ERROR;
    }
  if (crs != NULL)
    {
      g_free (options->crs);
      options->crs = g_strdup (crs);
      if (sw_export_parse_crs (crs, &error) == 0)
        {
          sw_cli_print_error (error);
          return SW_CLI_EXIT_ERROR;
        }
    }
  if (photos != NULL)
    {
      if (!parse_photo_size (photos, &options->photo_edge))
        {
          sw_cli_printerr (_ ("--photos takes “original” or a long edge of 64 to 100000 pixels, "
                              "not “%s”."),
                           photos);
          return SW_CLI_EXIT_ERROR;
        }
      if (options->format != SW_EXPORT_FORMAT_GPKG)
        {
          sw_cli_printerr (_ ("Photos can only be exported to a GeoPackage (--format gpkg)."));
          return SW_CLI_EXIT_ERROR;
        }
      options->photos = TRUE;
    }
  options->public_only = public_only;

  project_file = g_file_new_for_commandline_arg (argv[1]);
  target = g_file_new_for_commandline_arg (argv[2]);
  project = sw_project_open_with_flags (project_file, SW_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }

  if (!sw_project_export (project, target, options, NULL, NULL, NULL, &error))
    {
      sw_cli_print_error (error);
      sw_project_close (project);
      return SW_CLI_EXIT_ERROR;
    }
  sw_project_close (project);

  target_name = g_file_get_parse_name (target);
  /* TRANSLATORS: after an export; %s is the file written */
  g_print (_ ("Exported to “%s”\n"), target_name);
  return SW_CLI_EXIT_OK;
}
