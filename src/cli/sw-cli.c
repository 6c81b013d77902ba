/* safetywalk-cli: project files from the command line, without a display. */
#define G_LOG_DOMAIN "sw-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "sw-cli-private.h"
#include "sw-merge.h"
#include "sw-project.h"

static int run_new (const SwCliCommand *command, int argc, char **argv);
static int run_info (const SwCliCommand *command, int argc, char **argv);
static int run_validate (const SwCliCommand *command, int argc, char **argv);
static int run_merge (const SwCliCommand *command, int argc, char **argv);
static int run_volunteer_copy (const SwCliCommand *command, int argc, char **argv);

/* Later commands (import, merge, export, print) are one row each here. */
static const SwCliCommand commands[] = {
  { "new", N_ ("PATH"), N_ ("Create an empty project file"),
    N_ ("Creates a new project at PATH with every layer a project has. "
        "An existing file is never overwritten."),
    FALSE, run_new },
  { "info", N_ ("PATH"), N_ ("Show a project’s title, settings and the number of items per layer"),
    NULL, FALSE, run_info },
  { "validate", N_ ("PATH"), N_ ("Check that a file is a valid project"),
    N_ ("Checks the GeoPackage structure as GDAL reads it, the SQLite integrity "
        "and the project’s own schema, and prints each problem found.\n\n"
        "Exit status: 0 when the file is valid, 1 when it has problems, "
        "2 when it cannot be checked (for example when it cannot be read)."),
    FALSE, run_validate },
  { "volunteer-copy", N_ ("PROJECT OUTPUT"),
    N_ ("Write a copy of one walk for a volunteer to fill in"),
    N_ ("Writes a new project at OUTPUT holding one walk of PROJECT with its routes "
        "and stops and the project’s settings, stamped with the time of the copy, "
        "so that “merge” can later tell the volunteer’s changes from conflicts. "
        "With several walks in PROJECT, name one with --walk."),
    FALSE, run_volunteer_copy },
  { "merge", N_ ("TARGET SOURCE…"),
    N_ ("Merge volunteer copies or other project files into a project"),
    N_ ("Merges every SOURCE into TARGET by uuid, one after the other but as one "
        "change: new findings, photos and measures are added, an edit made on one "
        "side only is applied. An edit made on both sides since the copy was made, "
        "or an edit against a deletion, is a conflict: it is reported, and TARGET "
        "keeps its value unless --prefer source is given. A SOURCE is only read. "
        "When one SOURCE cannot be merged, none is: TARGET is left as it was.\n\n"
        "Exit status: 0 when every SOURCE was merged, 2 when they could not be."),
    FALSE, run_merge },
  { "import", N_ ("PROJECT FILE"), N_ ("Import a GPS track, or routes or findings from KML, GeoJSON or GPX"), N_ ("Imports FILE into one walk of PROJECT (name it with --walk when there are several), as one change: a GPX track becomes the walk’s recorded track, lines become routes, points become findings with their attributes in the note. Items that cannot be used are listed and skipped. A KML or GPX file that declares XML entities is refused unread.\n\nExit status: 0 when FILE was imported, 2 when it could not be."), FALSE, sw_cli_import },
  { "print", N_ ("PROJECT OUTPUT.pdf"), N_ ("Print the council’s map and ranked table, or a route handout, to PDF"),
    N_ ("Writes a PDF: the map of the walk (or of every walk) with its routes, numbered stops and the "
        "places numbered by priority, then the ranked table, a page per top place with its photos "
        "and the lägesbild page; or, with --handout, an A4 route map with a stop list per route. "
        "The PDF is written under a temporary name and renamed when complete."),
    FALSE, sw_cli_print },
  { "export", N_ ("PROJECT OUTPUT"), N_ ("Export a project for GIS: GeoPackage, GeoJSON, CSV or KML"),
    N_ ("Writes the findings, places, measures, stops and routes of PROJECT to OUTPUT: a "
        "GeoPackage styled for QGIS in EPSG:3006 unless told otherwise, or the findings as "
        "GeoJSON or CSV, or everything as KML. OUTPUT is written under a temporary name and "
        "renamed when complete."),
    FALSE, sw_cli_export },
  { "places", N_ ("PROJECT"), N_ ("List the places ranked by priority, with their scores"),
    N_ ("Prints each place of PROJECT with its rank, score, number of findings and of "
        "walks, and whether it got better since the first walk that passed it, highest "
        "priority first, as tab-separated columns (docs/priority.md has the formula). With --group, the findings are grouped into places again first, keeping "
        "the places’ identities, names, merges and splits; without it the project is only read."),
    FALSE, sw_cli_places },
  { "situation", N_ ("PROJECT"), N_ ("Print the lägesbild as a table"),
    N_ ("Prints the lägesbild of PROJECT as tab-separated tables, for a spreadsheet: the "
        "findings by category, severity and daylight or darkness, the ten places ranked "
        "highest, the measures by status and by responsible party, and the trend across "
        "walks. --from, --to and --walk choose the walks it covers. The project is only read."),
    FALSE, sw_cli_situation },
  { "demo", N_ ("SOURCE-DIR OUTPUT"),
    N_ ("Build the demo project from its source data (for developers)"),
    N_ ("Reads the demo walk from the key files in SOURCE-DIR (walk.ini, "
        "routes.ini, findings.ini, measures.ini), draws a photo for the "
        "findings that ask for one and writes the project to OUTPUT. "
        "OUTPUT is written under a temporary name and renamed when complete, "
        "replacing an existing file. The build runs this command."),
    TRUE, sw_cli_demo },
};

void
sw_cli_printerr (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("safetywalk-cli: %s\n", message);
}

void
sw_cli_print_error (const GError *error)
{
  sw_cli_printerr ("%s", error->message);
}

GOptionContext *
sw_cli_option_context_new (const SwCliCommand *command, const GOptionEntry *entries)
{
  GOptionContext *context;

  context = g_option_context_new (_ (command->parameter_string));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ (command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _ (command->description));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Parses the options and checks that exactly @n_operands remain. */
gboolean
sw_cli_parse_options (const SwCliCommand *command, GOptionContext *context, int *argc, char ***argv,
                      int n_operands)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sw_cli_printerr ("%s: %s", command->name, error->message);
      sw_cli_printerr (_ ("Run “safetywalk-cli %s --help” for its usage."), command->name);
      return FALSE;
    }

  /* A negative count means "at least that many". */
  if (n_operands >= 0 ? *argc - 1 != n_operands : *argc - 1 < -n_operands)
    {
      /* TRANSLATORS: the first %s is a command name, the second what it
       * takes, e.g. "PATH" */
      sw_cli_printerr (_ ("%s expects %s; run “safetywalk-cli %s --help” for its usage."),
                       command->name, _ (command->parameter_string), command->name);
      return FALSE;
    }

  return TRUE;
}

static int
run_new (const SwCliCommand *command, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autofree char *title = NULL;
  g_autofree char *municipality = NULL;
  g_autofree char *path = NULL;
  const GOptionEntry entries[] = { { "title", 't', 0, G_OPTION_ARG_STRING, &title,
                                     N_ ("The project’s title (required)"), N_ ("TITLE") },
                                   { "municipality", 'm', 0, G_OPTION_ARG_STRING, &municipality,
                                     N_ ("The municipality the project is in"), N_ ("NAME") },
                                   G_OPTION_ENTRY_NULL };

  context = sw_cli_option_context_new (command, entries);
  if (!sw_cli_parse_options (command, context, &argc, &argv, 1))
    return SW_CLI_EXIT_ERROR;

  if (title == NULL || *g_strstrip (title) == '\0')
    {
      sw_cli_printerr (_ ("A new project needs a title: give one with --title."));
      return SW_CLI_EXIT_ERROR;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  path = g_file_get_parse_name (file);

  /* Core refuses too; checking first gives the plain reason before GDAL is
   * involved at all. */
  if (g_file_query_exists (file, NULL))
    {
      sw_cli_printerr (_ ("Cannot create “%s”: the file already exists; "
                          "choose another name or remove it first."),
                       path);
      return SW_CLI_EXIT_ERROR;
    }

  project = sw_project_create (file, title, municipality != NULL ? municipality : "", &error);
  if (project == NULL)
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }
  sw_project_close (project);

  g_print (_ ("Created “%s”\n"), path);
  return SW_CLI_EXIT_OK;
}

static void
print_field (const char *label, const char *value)
{
  /* TRANSLATORS: a label and its value in “safetywalk-cli info” */
  g_print (_ ("%s: %s\n"), label, value != NULL ? value : "");
}

static int
run_info (const SwCliCommand *command, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autofree char *path = NULL;
  g_autofree char *schema_version = NULL;
  /* In the order of SwKind. */
  static const char *const layer_labels[SW_N_KINDS] = {
    N_ ("Walks"),  N_ ("Routes"),   N_ ("Stops"),  N_ ("Findings"),
    N_ ("Photos"), N_ ("Measures"), N_ ("Places"), N_ ("Tracks"),
    N_ ("Status changes"),
  };

  context = sw_cli_option_context_new (command, NULL);
  if (!sw_cli_parse_options (command, context, &argc, &argv, 1))
    return SW_CLI_EXIT_ERROR;

  file = g_file_new_for_commandline_arg (argv[1]);
  project = sw_project_open_with_flags (file, SW_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }

  path = g_file_get_parse_name (sw_project_get_file (project));
  schema_version = g_strdup_printf ("%d", sw_project_get_schema_version (project));

  print_field (_ ("Title"), sw_project_get_title (project));
  print_field (_ ("Municipality"), sw_project_get_municipality (project));
  print_field (_ ("File"), path);
  print_field (_ ("Schema version"), schema_version);
  print_field (_ ("Storage CRS"), SW_PROJECT_STORAGE_CRS);
  print_field (_ ("Working CRS"), sw_project_get_working_crs (project));

  for (guint kind = 0; kind < SW_N_KINDS; kind++)
    {
      g_autofree char *count = g_strdup_printf ("%u", sw_project_count (project, kind));

      print_field (_ (layer_labels[kind]), count);
    }

  sw_project_close (project);
  return SW_CLI_EXIT_OK;
}

static int
run_validate (const SwCliCommand *command, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *path = NULL;

  context = sw_cli_option_context_new (command, NULL);
  if (!sw_cli_parse_options (command, context, &argc, &argv, 1))
    return SW_CLI_EXIT_ERROR;

  file = g_file_new_for_commandline_arg (argv[1]);
  path = g_file_get_parse_name (file);

  if (sw_project_validate_file (file, &problems, &error))
    {
      g_print (_ ("“%s” is a valid project\n"), path);
      return SW_CLI_EXIT_OK;
    }

  if (error != NULL)
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_print ("%s: %s\n", path, (const char *)g_ptr_array_index (problems, i));

  sw_cli_printerr (g_dngettext (GETTEXT_PACKAGE, "“%s” is not a valid project: %u problem found.",
                                "“%s” is not a valid project: %u problems found.",
                                problems != NULL ? problems->len : 0),
                   path, problems != NULL ? problems->len : 0);
  return SW_CLI_EXIT_FAILED;
}

static void
print_usage (FILE *stream)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  %s\n\n%s\n\n", _ ("Usage:"),
                          _ ("safetywalk-cli COMMAND [OPTION…] ARGUMENT…"),
                          _ ("Work with Safety Walk project files without a display."));

  for (int developer = 0; developer <= 1; developer++)
    {
      g_string_append_printf (text, "%s\n",
                              developer ? _ ("Commands for developers:") : _ ("Commands:"));
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (commands[i].developer == developer)
          g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _ (commands[i].summary));
      g_string_append_c (text, '\n');
    }

  g_string_append_printf (
    text, "%s\n  %-10s %s\n  %-10s %s\n\n%s\n", _ ("Options:"), "--help", _ ("Show this help"),
    "--version", _ ("Show the version"),
    _ ("Run “safetywalk-cli COMMAND --help” for a command’s usage and options."));

  fputs (text->str, stream);
}

static int
run_volunteer_copy (const SwCliCommand *command, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) output = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autofree char *walk_title = NULL;
  g_autofree char *output_name = NULL;
  GListModel *walks;
  SwWalk *walk = NULL;
  const GOptionEntry entries[] = { { "walk", 'w', 0, G_OPTION_ARG_STRING, &walk_title,
                                     N_ ("The title of the walk to copy"), N_ ("TITLE") },
                                   G_OPTION_ENTRY_NULL };

  context = sw_cli_option_context_new (command, entries);
  if (!sw_cli_parse_options (command, context, &argc, &argv, 2))
    return SW_CLI_EXIT_ERROR;

  file = g_file_new_for_commandline_arg (argv[1]);
  output = g_file_new_for_commandline_arg (argv[2]);
  output_name = g_file_get_parse_name (output);
  project = sw_project_open_with_flags (file, SW_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }

  walks = sw_project_get_walks (project);
  for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
    {
      g_autoptr (SwWalk) candidate = g_list_model_get_item (walks, i);

      if (walk_title == NULL ? g_list_model_get_n_items (walks) == 1
                             : g_strcmp0 (sw_walk_get_title (candidate), walk_title) == 0)
        walk = candidate;
    }
  if (walk == NULL)
    {
      if (walk_title != NULL)
        sw_cli_printerr (_ ("The project has no walk titled “%s”."), walk_title);
      else
        sw_cli_printerr (_ ("The project has %u walks: name the one to copy with --walk."),
                         g_list_model_get_n_items (walks));
      return SW_CLI_EXIT_ERROR;
    }

  if (!sw_project_write_volunteer_copy (project, walk, output, &error))
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }
  g_print (_ ("Wrote the volunteer copy “%s”\n"), output_name);
  return SW_CLI_EXIT_OK;
}

static const char *
kind_name (SwKind kind)
{
  switch (kind)
    {
    case SW_KIND_WALK: return _ ("walk");
    case SW_KIND_ROUTE: return _ ("route");
    case SW_KIND_STOP: return _ ("stop");
    case SW_KIND_FINDING: return _ ("finding");
    case SW_KIND_PHOTO: return _ ("photo");
    case SW_KIND_MEASURE: return _ ("measure");
    case SW_KIND_PLACE: return _ ("place");
    case SW_KIND_TRACK: return _ ("track");
    case SW_KIND_STATUS_CHANGE: return _ ("status change");
    case SW_N_KINDS:
    default: return "";
    }
}

static int
run_merge (const SwCliCommand *command, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) target_file = NULL;
  g_autoptr (SwProject) target = NULL;
  g_autofree char *prefer = NULL;
  SwMergePreference preference = SW_MERGE_PREFER_TARGET;
  int status = SW_CLI_EXIT_OK;
  const GOptionEntry entries[] = { { "prefer", 'p', 0, G_OPTION_ARG_STRING, &prefer,
                                     N_ ("Whose value a conflict keeps: target (the default) or source"),
                                     N_ ("SIDE") },
                                   G_OPTION_ENTRY_NULL };

  context = sw_cli_option_context_new (command, entries);
  if (!sw_cli_parse_options (command, context, &argc, &argv, -2))
    return SW_CLI_EXIT_ERROR;

  if (prefer != NULL && g_str_equal (prefer, "source"))
    preference = SW_MERGE_PREFER_SOURCE;
  else if (prefer != NULL && !g_str_equal (prefer, "target"))
    {
      sw_cli_printerr (_ ("--prefer takes “target” or “source”, not “%s”."), prefer);
      return SW_CLI_EXIT_ERROR;
    }

  target_file = g_file_new_for_commandline_arg (argv[1]);
  target = sw_project_open (target_file, &error);
  if (target == NULL)
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }

  {
    g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr (SwMergeReport) report = NULL;
    g_autofree char *name = NULL;
    SwMergeOptions options;

    for (int i = 2; i < argc; i++)
      g_ptr_array_add (sources, g_file_new_for_commandline_arg (argv[i]));
    name = g_file_get_parse_name (sources->pdata[0]);

    sw_merge_options_init (&options);
    options.preference = preference;
    report = sw_project_merge_files (target, sources, &options, NULL, NULL, NULL, &error);
    if (report == NULL)
      {
        sw_cli_print_error (error);
        sw_project_close (target);
        return SW_CLI_EXIT_ERROR;
      }

    if (sources->len == 1)
      /* TRANSLATORS: after merging a file; the numbers count items */
      g_print (_ ("Merged “%s”: %u added, %u updated, %u removed, %u conflicts\n"), name,
               report->added, report->updated, report->removed, report->conflicts->len);
    else
      /* TRANSLATORS: after merging several files as one change */
      g_print (_ ("Merged %u files: %u added, %u updated, %u removed, %u conflicts\n"), sources->len,
               report->added, report->updated, report->removed, report->conflicts->len);
    for (guint c = 0; c < report->conflicts->len; c++)
      {
        SwMergeConflict *conflict = report->conflicts->pdata[c];
        gboolean took = conflict->resolution == SW_MERGE_PREFER_SOURCE;
        const char *outcome;

        if (conflict->target == NULL)
          outcome = took ? _ ("deleted here, edited there: restored")
                         : _ ("deleted here, edited there: stays deleted");
        else if (conflict->source == NULL)
          outcome = took ? _ ("edited here, deleted there: deleted")
                         : _ ("edited here, deleted there: kept");
        else
          outcome = took ? _ ("edited on both sides: took the source’s")
                         : _ ("edited on both sides: kept the target’s");
        if (sources->len == 1)
          /* TRANSLATORS: a conflict: the kind of item, its uuid, what was done */
          g_print (_ ("  conflict: %s %s: %s\n"), kind_name (conflict->kind), conflict->uuid, outcome);
        else
          /* TRANSLATORS: a conflict: the file, the kind of item, its uuid, what was done */
          g_print (_ ("  conflict in “%s”: %s %s: %s\n"), conflict->source_name, kind_name (conflict->kind),
                   conflict->uuid, outcome);
      }
  }

  sw_project_close (target);
  return status;
}

static const SwCliCommand *
lookup_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

int
main (int argc, char **argv)
{
  const SwCliCommand *command;
  g_autofree char *prgname = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("safetywalk-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return SW_CLI_EXIT_ERROR;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      /* "help COMMAND" is the same as "COMMAND --help". */
      if (g_str_equal (argv[1], "help") && argc > 2 && lookup_command (argv[2]) != NULL)
        {
          char help_option[] = "--help";
          char *help_argv[] = { argv[0], help_option, NULL };

          command = lookup_command (argv[2]);
          prgname = g_strconcat ("safetywalk-cli ", command->name, NULL);
          g_set_prgname (prgname);
          return command->run (command, 2, help_argv);
        }
      print_usage (stdout);
      return SW_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("safetywalk-cli %s\n", PACKAGE_VERSION);
      return SW_CLI_EXIT_OK;
    }

  command = lookup_command (argv[1]);
  if (command == NULL)
    {
      sw_cli_printerr (_ ("“%s” is not a command; run “safetywalk-cli --help” for the list."),
                       argv[1]);
      return SW_CLI_EXIT_ERROR;
    }

  /* GOption prints the program name in the usage line: make it name the
   * command too. */
  prgname = g_strconcat ("safetywalk-cli ", command->name, NULL);
  g_set_prgname (prgname);

  return command->run (command, argc - 1, argv + 1);
}
