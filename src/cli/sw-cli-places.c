/* safetywalk-cli places and situation: the project's places ranked by
 * priority with the reasons, and the lägesbild as a table. */
#define G_LOG_DOMAIN "sw-cli-places"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sw-cli-private.h"
#include "sw-follow-up.h"
#include "sw-place-grouping.h"
#include "sw-place-priority.h"
#include "sw-project.h"
#include "sw-situation.h"

/* Tabs or line breaks in a name would break a row. */
static char *
cell (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  return g_strdelimit (copy, "\t\r\n", ' ');
}

int
sw_cli_places (const SwCliCommand *command, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GListModel) ranking = NULL;
  gboolean group = FALSE;
  gboolean why = FALSE;
  double distance = 0.0;
  guint n;
  const GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_NONE, &group,
      N_ ("Group the findings into places again first (writes the project)"), NULL },
    { "distance", 'd', 0, G_OPTION_ARG_DOUBLE, &distance,
      N_ ("With --group: the distance in metres (default: the project’s, 25 m unless set)"),
      N_ ("METRES") },
    { "why", 'w', 0, G_OPTION_ARG_NONE, &why,
      N_ ("Print the reasons for each place’s rank under it"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = sw_cli_option_context_new (command, entries);
  if (!sw_cli_parse_options (command, context, &argc, &argv, 1))
    return SW_CLI_EXIT_ERROR;
  if (distance < 0.0 || (distance > 0.0 && !group))
    {
      sw_cli_printerr (_ ("--distance needs --group and a number of metres above 0."));
      return SW_CLI_EXIT_ERROR;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  project = sw_project_open_with_flags (file, group ? SW_PROJECT_OPEN_FLAGS_NONE
                                                    : SW_PROJECT_OPEN_READ_ONLY,
                                        &error);
  if (project == NULL)
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }

  if (group)
    {
      g_autoptr (GPtrArray) problems = NULL;

      if (!sw_project_group_places (project, distance, NULL, &problems, &error))
        {
          sw_cli_print_error (error);
          return SW_CLI_EXIT_ERROR;
        }
      for (guint i = 0; i < problems->len; i++)
        sw_cli_printerr ("%s", (const char *) problems->pdata[i]);
    }

  ranking = sw_project_rank_places (project, NULL);
  n = g_list_model_get_n_items (ranking);
  /* TRANSLATORS: the header of the places table, columns separated by tabs */
  g_print ("%s\n", _ ("Rank\tScore\tFindings\tWalks\tSince the first walk\tPlace"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwPlacePriority) item = g_list_model_get_item (ranking, i);
      g_autofree char *name = cell (sw_place_get_name (sw_place_priority_get_place (item)));
      GPtrArray *reasons = sw_place_priority_get_reasons (item);
      g_autoptr (SwPlaceFollowUp) follow_up = sw_project_follow_up_place (project,
                                                                           sw_place_priority_get_place (item));

      g_print ("%u\t%.1f\t%u\t%u\t%s\t%s\n", sw_place_priority_get_rank (item),
               sw_place_priority_get_score (item), sw_place_priority_get_n_findings (item),
               sw_place_priority_get_n_walks (item),
               sw_trend_get_label (sw_place_follow_up_get_trend (follow_up)), name);
      for (guint r = 0; why && r < reasons->len; r++)
        g_print ("\t\t\t\t\t  %s\n", ((SwPriorityReason *) reasons->pdata[r])->label);
    }

  sw_project_close (project);
  return SW_CLI_EXIT_OK;
}

static gboolean
valid_day (const char *text)
{
  unsigned year, month, day;
  int consumed = 0;

  return text == NULL ||
         (sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) == 3 &&
          consumed == 10 && text[10] == '\0' &&
          g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year));
}

int
sw_cli_situation (const SwCliCommand *command, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwSituation) situation = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *walk_title = NULL;
  g_autofree char *table = NULL;
  SwSituationChoice choice = { 0 };
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_ ("Only walks on or after this day"),
      N_ ("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("Only walks on or before this day"),
      N_ ("YYYY-MM-DD") },
    { "walk", 'w', 0, G_OPTION_ARG_STRING, &walk_title, N_ ("Only the walk with this title"),
      N_ ("TITLE") },
    G_OPTION_ENTRY_NULL
  };

  context = sw_cli_option_context_new (command, entries);
  if (!sw_cli_parse_options (command, context, &argc, &argv, 1))
    return SW_CLI_EXIT_ERROR;
  if (!valid_day (from) || !valid_day (to))
    {
      sw_cli_printerr (_ ("--from and --to take a day written as year-month-day, e.g. 2026-10-15."));
      return SW_CLI_EXIT_ERROR;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  project = sw_project_open_with_flags (file, SW_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    {
      sw_cli_print_error (error);
      return SW_CLI_EXIT_ERROR;
    }

  if (walk_title != NULL)
    {
      GListModel *walks = sw_project_get_walks (project);

      for (guint i = 0; i < g_list_model_get_n_items (walks) && choice.walk_uuid == NULL; i++)
        {
          g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);

          if (g_strcmp0 (sw_walk_get_title (walk), walk_title) == 0)
            choice.walk_uuid = sw_feature_get_uuid (SW_FEATURE (walk));
        }
      if (choice.walk_uuid == NULL)
        {
          sw_cli_printerr (_ ("The project has no walk titled “%s”."), walk_title);
          return SW_CLI_EXIT_ERROR;
        }
    }
  choice.from = from;
  choice.to = to;

  situation = sw_situation_new (project, &choice, NULL);
  table = sw_situation_to_tsv (situation);
  g_print ("%s", table);
  sw_project_close (project);
  return SW_CLI_EXIT_OK;
}
