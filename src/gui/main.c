/* The entry point of the safetywalk binary. */
#define G_LOG_DOMAIN "safetywalk"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (SwApplication) application = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Safety Walk"));

  application = sw_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
