/* safetywalk-cli import: a GPS track, or routes and findings from KML,
 * GeoJSON and GPX files, into one walk of a project. */
#define G_LOG_DOMAIN "sw-cli-import"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-cli-private.h"
#include "sw-project.h"
#include "sw-track-import.h"
#include "sw-vector-import.h"

static SwWalk *
find_walk (SwProject  *project,
           const char *title)
{
  GListModel *walks = sw_project_get_walks (project);
  guint n_walks = g_list_model_get_n_items (walks);

  for (guint i = 0; i < n_walks; i++)
    {
      g_autoptr (SwWalk) candidate = g_list_model_get_item (walks, i);

      if (title == NULL ? n_walks == 1 : g_strcmp0 (sw_walk_get_title (candidate), title) == 0)
        return candidate;
    }

  if (title != NULL)
    sw_cli_printerr (_ ("The project has no walk titled “%s”."), title);
  else if (n_walks == 0)
    sw_cli_printerr (_ ("The project has no walk yet: add one in Safety Walk first."));
  else
    sw_cli_printerr (_ ("The project has %u walks: name the one to import into with --walk."), n_walks);
  return NULL;
}

static int
import_track (SwProject *project,
              SwWalk    *walk,
              GFile     *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwTrack) track = NULL;
  g_autoptr (GVariant) points = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  track = sw_track_new_from_gpx (file, &error);
  if (track == NULL || sw_project_import_track (project, track, walk, &error) == NULL)
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }
  /* TRANSLATORS: the number of points, the file, the walk */
  g_print (_ ("Imported a track of %zu points from “%s” into the walk “%s”\n"),
           g_variant_n_children (sw_track_get_points (track)), name, sw_walk_get_title (walk));
  return SW_CLI_EXIT_OK;
}

int
sw_cli_import (const SwCliCommand *command, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) project_file = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwVectorImport) import = NULL;
  g_autoptr (GPtrArray) added = NULL;
  g_autofree char *walk_title = NULL;
  g_autofree char *as = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *name = NULL;
  SwVectorImportMode mode = SW_VECTOR_IMPORT_FINDINGS;
  gboolean chosen = FALSE;
  SwWalk *walk;
  int status;
  const GOptionEntry entries[] = {
    { "walk", 'w', 0, G_OPTION_ARG_STRING, &walk_title, N_ ("The title of the walk to import into"),
      N_ ("TITLE") },
    { "as", 'a', 0, G_OPTION_ARG_STRING, &as,
      N_ ("What the file becomes: routes, findings or track (the default: track for GPX, "
          "findings for points, routes for lines)"),
      N_ ("KIND") },
    G_OPTION_ENTRY_NULL
  };

  context = sw_cli_option_context_new (command, entries);
  if (!sw_cli_parse_options (command, context, &argc, &argv, 2))
    return SW_CLI_EXIT_ERROR;

  project_file = g_file_new_for_commandline_arg (argv[1]);
  file = g_file_new_for_commandline_arg (argv[2]);
  name = g_file_get_parse_name (file);
  lower = g_ascii_strdown (name, -1);

  if (as == NULL)
    as = g_strdup (g_str_has_suffix (lower, ".gpx") ? "track" : "auto");
  if (g_str_equal (as, "routes"))
    mode = SW_VECTOR_IMPORT_ROUTES, chosen = TRUE;
  else if (g_str_equal (as, "findings"))
    mode = SW_VECTOR_IMPORT_FINDINGS, chosen = TRUE;
  else if (!g_str_equal (as, "track") && !g_str_equal (as, "auto"))
    {
      sw_cli_printerr (_ ("--as takes “routes”, “findings” or “track”, not “%s”."), as);
      return SW_CLI_EXIT_ERROR;
    }

  project = sw_project_open (project_file, &error);
  if (project == NULL)
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }
  walk = find_walk (project, walk_title);
  if (walk == NULL)
    return SW_CLI_EXIT_ERROR;

  if (g_str_equal (as, "track"))
    {
      status = import_track (project, walk, file);
      sw_project_close (project);
      return status;
    }

  import = sw_vector_import_read (file, mode, NULL, &error);
  /* Without --as a file of lines only is read as routes. */
  if (import == NULL && !chosen && g_error_matches (error, SW_VECTOR_IMPORT_ERROR, SW_VECTOR_IMPORT_ERROR_NOTHING))
    {
      g_autoptr (GError) routes_error = NULL;

      import = sw_vector_import_read (file, SW_VECTOR_IMPORT_ROUTES, NULL, &routes_error);
      if (import != NULL)
        g_clear_error (&error);
    }
  if (import == NULL || (added = sw_project_import_vector (project, import, walk, &error)) == NULL)
    {
      sw_cli_print_error (error);
      sw_project_close (project);
      return SW_CLI_EXIT_ERROR;
    }

  g_print (import->mode == SW_VECTOR_IMPORT_ROUTES
             ? g_dngettext (GETTEXT_PACKAGE, "Imported %u route from “%s” into the walk “%s”\n",
                            "Imported %u routes from “%s” into the walk “%s”\n", added->len)
             : g_dngettext (GETTEXT_PACKAGE, "Imported %u finding from “%s” into the walk “%s”\n",
                            "Imported %u findings from “%s” into the walk “%s”\n", added->len),
           added->len, name, sw_walk_get_title (walk));
  if (import->repaired > 0)
    g_print (_ ("  repaired: %u items had broken geometry and were repaired\n"), import->repaired);
  for (guint i = 0; i < import->skipped->len; i++)
    /* TRANSLATORS: an item of the file that was left out, and why */
    g_print (_ ("  skipped: %s\n"), (const char *) import->skipped->pdata[i]);

  sw_project_close (project);
  return SW_CLI_EXIT_OK;
}
