/* safetywalk-cli print: the council's pages or a route handout as a PDF,
 * drawn by the same renderer the app prints with. */
#define G_LOG_DOMAIN "sw-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-cli-private.h"
#include "sw-print.h"

#define OSM_URL         "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#define OSM_ATTRIBUTION "© OpenStreetMap contributors"

static void
print_progress (double      fraction,
                const char *text,
                gpointer    user_data)
{
  /* Quiet unless asked: scripts read the one line at the end. */
  if (GPOINTER_TO_INT (user_data))
    g_printerr ("%3.0f%% %s\n", fraction * 100, text);
}

int
sw_cli_print (const SwCliCommand *command, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) project_file = NULL;
  g_autoptr (GFile) output = NULL;
  g_autoptr (SwPrintDocument) document = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *walk = NULL;
  g_autofree char *basemap = NULL;
  g_autofree char *attribution = NULL;
  g_autofree char *output_name = NULL;
  gboolean landscape = FALSE;
  gboolean handout = FALSE;
  gboolean verbose = FALSE;
  SwPrintPaper print_paper = SW_PRINT_PAPER_A4;
  const GOptionEntry entries[] = {
    { "paper", 'p', 0, G_OPTION_ARG_STRING, &paper, N_ ("Paper size: A4 (the default) or A3"), N_ ("SIZE") },
    { "landscape", 'l', 0, G_OPTION_ARG_NONE, &landscape, N_ ("Print in landscape orientation"), NULL },
    { "walk", 'w', 0, G_OPTION_ARG_STRING, &walk, N_ ("The title of the walk to print (all walks when not given)"),
      N_ ("NAME") },
    { "handout", 0, 0, G_OPTION_ARG_NONE, &handout,
      N_ ("Print route maps with numbered stops for the participants, on A4"), NULL },
    { "basemap", 'b', 0, G_OPTION_ARG_STRING, &basemap,
      N_ ("The map under the findings: an MBTiles file, an XYZ address with {z}, {x} and {y}, "
          "or “none” (OpenStreetMap when not given)"),
      N_ ("MBTILES|URL") },
    { "attribution", 0, 0, G_OPTION_ARG_STRING, &attribution,
      N_ ("The credit printed for the basemap of an XYZ address"), N_ ("TEXT") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_ ("Say what is being done"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = sw_cli_option_context_new (command, entries);
  if (!sw_cli_parse_options (command, context, &argc, &argv, 2))
    return SW_CLI_EXIT_ERROR;

  if (paper != NULL && g_ascii_strcasecmp (paper, "A3") == 0)
    print_paper = SW_PRINT_PAPER_A3;
  else if (paper != NULL && g_ascii_strcasecmp (paper, "A4") != 0)
    {
      sw_cli_printerr (_ ("--paper takes “A4” or “A3”, not “%s”."), paper);
      return SW_CLI_EXIT_ERROR;
    }
  if (handout && (print_paper != SW_PRINT_PAPER_A4 || landscape))
    {
      sw_cli_printerr (_ ("A route handout is always A4 portrait: leave out --paper A3 and --landscape."));
      return SW_CLI_EXIT_ERROR;
    }

  project_file = g_file_new_for_commandline_arg (argv[1]);
  output = g_file_new_for_commandline_arg (argv[2]);
  output_name = g_file_get_parse_name (output);

  document = sw_print_document_new (project_file, handout ? SW_PRINT_LAYOUT_HANDOUT : SW_PRINT_LAYOUT_COUNCIL);
  sw_print_document_set_paper (document, print_paper, landscape);
  sw_print_document_set_walk (document, walk);
  if (basemap == NULL)
    sw_print_document_set_basemap_url (document, OSM_URL, OSM_ATTRIBUTION);
  else if (g_str_equal (basemap, "none"))
    sw_print_document_set_basemap_mbtiles (document, NULL);
  else if (g_str_has_prefix (basemap, "http://") || g_str_has_prefix (basemap, "https://"))
    sw_print_document_set_basemap_url (document, basemap, attribution);
  else
    {
      g_autoptr (GFile) tiles = g_file_new_for_commandline_arg (basemap);
      g_autofree char *tiles_path = g_file_get_path (tiles);

      sw_print_document_set_basemap_mbtiles (document, tiles_path);
    }

  if (!sw_print_document_write_pdf (document, output, NULL, print_progress, GINT_TO_POINTER (verbose), &error))
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }

  if (!sw_print_document_has_basemap (document))
    /* TRANSLATORS: printed when the PDF was written without a basemap */
    sw_cli_printerr (_ ("The map was printed without a basemap; the page says so."));
  /* TRANSLATORS: after printing; %u is the number of pages */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote “%s”, %u page\n", "Wrote “%s”, %u pages\n",
                        sw_print_document_get_n_pages (document)),
           output_name, sw_print_document_get_n_pages (document));
  return SW_CLI_EXIT_OK;
}
