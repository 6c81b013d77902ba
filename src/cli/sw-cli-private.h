/* What the commands of safetywalk-cli share: the command table entry, exit
 * statuses and error reporting. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exit statuses, the same for every command. */
typedef enum
{
  SW_CLI_EXIT_OK = 0,
  /* The command ran but the answer is "no": validate found problems. */
  SW_CLI_EXIT_FAILED = 1,
  /* The command could not run: bad usage, unreadable file, write error. */
  SW_CLI_EXIT_ERROR = 2,
} SwCliExit;

typedef struct _SwCliCommand SwCliCommand;

/* A command gets its own arguments: argv[0] is "safetywalk-cli NAME". */
typedef int (*SwCliCommandFunc) (const SwCliCommand *command, int argc, char **argv);

struct _SwCliCommand
{
  const char *name;
  /* The operands after the options, as GOption prints them (N_()). */
  const char *parameter_string;
  /* One line for the command list and the usage (N_()). */
  const char *summary;
  /* Longer text after the options in --help (N_(), may be NULL). */
  const char *description;
  /* Developer commands are listed apart from the ones users need. */
  gboolean developer;
  SwCliCommandFunc run;
};

GOptionContext *sw_cli_option_context_new (const SwCliCommand *command,
                                           const GOptionEntry *entries);
gboolean sw_cli_parse_options (const SwCliCommand *command, GOptionContext *context, int *argc,
                               char ***argv, int n_operands);
void sw_cli_print_error (const GError *error);
void sw_cli_printerr (const char *format, ...) G_GNUC_PRINTF (1, 2);

int sw_cli_demo (const SwCliCommand *command, int argc, char **argv);
int sw_cli_import (const SwCliCommand *command, int argc, char **argv);
int sw_cli_print (const SwCliCommand *command, int argc, char **argv);
int sw_cli_export (const SwCliCommand *command, int argc, char **argv);
int sw_cli_places (const SwCliCommand *command, int argc, char **argv);
int sw_cli_situation (const SwCliCommand *command, int argc, char **argv);

G_END_DECLS
