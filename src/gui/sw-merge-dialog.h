/* The review before a merge is stored: what will be added and updated, and
 * each conflict with both sides' values side by side and a choice. */
#pragma once

#include <adwaita.h>

#include "sw-merge.h"

G_BEGIN_DECLS

#define SW_TYPE_MERGE_DIALOG (sw_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SwMergeDialog, sw_merge_dialog, SW, MERGE_DIALOG, AdwWindow)

/* @report is a dry run's; the dialog keeps it. Emits "response" with TRUE
 * for Merge and FALSE for Cancel (also on closing), once. */
SwMergeDialog *sw_merge_dialog_new        (GtkWindow          *parent,
                                           SwMergeReport      *report);
guint          sw_merge_dialog_get_n_conflicts (SwMergeDialog *self);
SwMergePreference sw_merge_dialog_get_choice (SwMergeDialog     *self,
                                              guint              index);
void           sw_merge_dialog_set_choice (SwMergeDialog      *self,
                                           guint               index,
                                           SwMergePreference   choice);
/* The choices as SwMergeOptions.choices wants them. */
GHashTable    *sw_merge_dialog_dup_choices (SwMergeDialog     *self);

G_END_DECLS
