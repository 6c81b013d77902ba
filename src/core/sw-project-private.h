/* What the merge and copy code in core needs of a project beyond its public
 * API: edits made of exact states, timestamps kept. */
#pragma once

#include "sw-project.h"

G_BEGIN_DECLS

/* Applies the changes in @pairs, (before, after) SwFeature pairs laid out
 * flat (before may be NULL for an addition, after NULL for a removal), as
 * one transaction and, when @undoable, one undo step labelled @label.
 * Before states are listed objects (copied here), after states are stored
 * as given: their uuid and timestamps are kept; their fid is set from the
 * listed object, or left to the file for additions. */
gboolean _sw_project_apply_states (SwProject  *self,
                                   const char *label,
                                   GPtrArray  *pairs,
                                   gboolean    undoable,
                                   GError    **error);

/* Whether @feature holds values the project accepts, as every edit checks;
 * refused with SW_PROJECT_ERROR_REFUSED and the reason. */
gboolean _sw_project_check_feature (SwFeature  *feature,
                                    GError    **error);

/* Counts the edits, undos and redos committed since the project opened:
 * a result computed from a snapshot is stored only if it has not moved. */
guint64  _sw_project_get_generation (SwProject *self);

/* Now in UTC to the millisecond that GeoPackage keeps, for the timestamps
 * of states given to _sw_project_apply_states(). */
GDateTime *_sw_project_now (void);

G_END_DECLS
