/* The Export dialog: format, coordinate system, public or not, photos; then
 * a file, and the export in a worker thread with progress and Cancel. */
#pragma once

#include <adwaita.h>

#include "sw-export.h"
#include "sw-window.h"

G_BEGIN_DECLS

#define SW_TYPE_EXPORT_DIALOG (sw_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SwExportDialog, sw_export_dialog, SW, EXPORT_DIALOG, AdwWindow)

SwExportDialog  *sw_export_dialog_new          (SwWindow       *window);
/* The options as the rows show them; NULL with @error when the EPSG code
 * typed is not one. */
SwExportOptions *sw_export_dialog_get_options  (SwExportDialog *self,
                                                GError        **error);
/* Exports to @target at once, as after the file chooser. */
void             sw_export_dialog_export_to    (SwExportDialog *self,
                                                GFile          *target);

/* Installs win.export (Ctrl+E) on the window's class: it opens the dialog. */
void             sw_export_dialog_install_action (GtkWidgetClass *window_class);

G_END_DECLS
