/* Print… and Export PDF… for a window: the choice of pages, walk, paper and
 * orientation, then the core renderer through GtkPrintOperation or into a
 * PDF file, prepared in a worker thread with progress and Cancel. */
#pragma once

#include <adwaita.h>

#include "sw-print.h"
#include "sw-project.h"

G_BEGIN_DECLS

/* Installs win.print (Ctrl+P), win.export-pdf (Ctrl+Shift+E) and
 * win.export-pdf-to (a file URI: the options, then that file, without a
 * file chooser; what tests use) on a window class whose instances are
 * SwWindows. */
void               sw_print_dialog_install_actions   (GtkWidgetClass  *widget_class);
/* Enables those actions when the window has a project. */
void               sw_print_dialog_update_actions    (GtkWidget       *window,
                                                      gboolean         has_project);

/* A document for @project with the basemap the app's settings choose. */
SwPrintDocument   *sw_print_dialog_new_document      (SwProject       *project,
                                                      GSettings       *settings,
                                                      SwPrintLayout    layout);
/* A print operation that draws @document's pages (prepared) at its paper
 * and orientation, a page of the renderer per printed page. */
GtkPrintOperation *sw_print_dialog_new_operation     (SwPrintDocument *document);

G_END_DECLS
