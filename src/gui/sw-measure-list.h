/* The measures of one finding or place, as a short list beside it, with a
 * button to add one; a row opens its measure in the Action Plan. */
#pragma once

#include <gtk/gtk.h>

#include "sw-project.h"

G_BEGIN_DECLS

#define SW_TYPE_MEASURE_LIST (sw_measure_list_get_type ())
G_DECLARE_FINAL_TYPE (SwMeasureList, sw_measure_list, SW, MEASURE_LIST, GtkWidget)

GtkWidget *sw_measure_list_new         (void);
/* Shows the measures of @feature (a listed SwFinding or SwPlace of
 * @project), or none. */
void       sw_measure_list_set_feature (SwMeasureList *self,
                                        SwProject     *project,
                                        SwFeature     *feature);
guint      sw_measure_list_get_n_measures (SwMeasureList *self);

G_END_DECLS
