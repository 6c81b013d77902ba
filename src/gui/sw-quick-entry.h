/* Quick Entry: the findings still without a category, one at a time, the
 * photo large and the map beside it, filled in with the keyboard alone. */
#pragma once

#include <adwaita.h>

#include "sw-basemap-source.h"
#include "sw-project.h"

G_BEGIN_DECLS

/* Keys: 1 to 9 and 0 choose the first ten categories, P a safe and
 * pleasant place; Alt+1 to Alt+3 the severity; D daylight, M darkness;
 * N writes a note; Enter saves (one undo step) and moves on; Page Down
 * skips, Page Up goes back; Escape leaves. */
#define SW_TYPE_QUICK_ENTRY (sw_quick_entry_get_type ())
G_DECLARE_FINAL_TYPE (SwQuickEntry, sw_quick_entry, SW, QUICK_ENTRY, AdwWindow)

SwQuickEntry *sw_quick_entry_new         (GtkWindow       *parent,
                                          SwProject       *project,
                                          SwBasemapSource *basemap);
/* The finding shown, or NULL once all have been seen. */
SwFinding    *sw_quick_entry_get_finding (SwQuickEntry    *self);
/* Its place among the findings to enter, from 0, and how many there are. */
guint         sw_quick_entry_get_index   (SwQuickEntry    *self);
guint         sw_quick_entry_get_n_findings (SwQuickEntry *self);
/* The photo shown large, once decoded; NULL for a finding without one. */
GdkPaintable *sw_quick_entry_get_paintable (SwQuickEntry  *self);

G_END_DECLS
