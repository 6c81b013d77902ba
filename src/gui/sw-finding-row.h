/* A finding as one row of the sidebar: category, severity and note. */
#pragma once

#include <gtk/gtk.h>

#include "sw-finding.h"

G_BEGIN_DECLS

#define SW_TYPE_FINDING_ROW (sw_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (SwFindingRow, sw_finding_row, SW, FINDING_ROW, GtkWidget)

GtkWidget *sw_finding_row_new         (void);
SwFinding *sw_finding_row_get_finding (SwFindingRow *self);
void       sw_finding_row_set_finding (SwFindingRow *self,
                                       SwFinding    *finding);

G_END_DECLS
