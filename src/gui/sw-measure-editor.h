/* One measure (åtgärd): its type, description, who is responsible, by when,
 * its cost and its status, each change one undoable edit. */
#pragma once

#include <gtk/gtk.h>

#include "sw-project.h"

G_BEGIN_DECLS

/* Signal "close-requested" when the close button or Escape asks to go back. */
#define SW_TYPE_MEASURE_EDITOR (sw_measure_editor_get_type ())
G_DECLARE_FINAL_TYPE (SwMeasureEditor, sw_measure_editor, SW, MEASURE_EDITOR, GtkWidget)

GtkWidget  *sw_measure_editor_new          (void);
void        sw_measure_editor_set_measure  (SwMeasureEditor *self,
                                            SwProject       *project,
                                            SwMeasure       *measure);
SwMeasure  *sw_measure_editor_get_measure  (SwMeasureEditor *self);
/* The message of the last refused change, or NULL when the last change was
 * stored. */
const char *sw_measure_editor_get_problem  (SwMeasureEditor *self);
/* Saves a description still being typed, as one edit. */
void        sw_measure_editor_save_description (SwMeasureEditor *self);

G_END_DECLS
