/* The findings of a project drawn on the map: markers in their category's
 * colour and icon, a ring for severity, counted clusters where they crowd. */
#pragma once

#include <shumate/shumate.h>

#include "sw-bounds.h"
#include "sw-finding.h"
#include "sw-project.h"

G_BEGIN_DECLS

/* How the layer works, for code that builds on it:
 *
 * - Give it a project with sw_finding_layer_set_project(): it follows the
 *   findings list's items-changed and the project's "feature-changed", and
 *   rebuilds its spatial index once per main-loop turn however many findings
 *   changed. sw_finding_layer_set_findings() takes a bare list instead; then
 *   only additions and removals are seen, and a caller that changes findings
 *   in place calls sw_finding_layer_invalidate().
 * - Drawing is cached per zoom level and only translated while panning, so a
 *   data change shows on the first frame after the rebuild, not at once.
 * - "selected-finding" (SwFinding *, may be NULL) is drawn on top with a
 *   highlight, out of any cluster, at its own current longitude and
 *   latitude, read on every frame: a drag can show its progress by moving an
 *   edited copy set as the selected finding and queueing a draw on the layer.
 *   Copies are matched to listed findings by uuid.
 * - Hit-testing takes widget coordinates of this layer (the same as the
 *   map's, as overlay layers fill the map). sw_finding_layer_pick() returns
 *   the finding whose marker is under the point (the selected one first, then
 *   the nearest), or NULL when nothing or a cluster is there;
 *   sw_finding_layer_pick_cluster() says whether a cluster is there and the
 *   extent of its findings, to zoom into it. Both answer for what the last
 *   frame drew, so call them from input handlers, not before the first frame.
 */

#define SW_TYPE_FINDING_LAYER (sw_finding_layer_get_type ())
G_DECLARE_FINAL_TYPE (SwFindingLayer, sw_finding_layer, SW, FINDING_LAYER, ShumateLayer)

SwFindingLayer *sw_finding_layer_new                  (ShumateViewport *viewport);

void            sw_finding_layer_set_project          (SwFindingLayer  *self,
                                                       SwProject       *project);
GListModel     *sw_finding_layer_get_findings         (SwFindingLayer  *self);
void            sw_finding_layer_set_findings         (SwFindingLayer  *self,
                                                       GListModel      *findings);
void            sw_finding_layer_invalidate           (SwFindingLayer  *self);

SwFinding      *sw_finding_layer_get_selected_finding (SwFindingLayer  *self);
void            sw_finding_layer_set_selected_finding (SwFindingLayer  *self,
                                                       SwFinding       *finding);

SwFinding      *sw_finding_layer_pick                 (SwFindingLayer  *self,
                                                       double           x,
                                                       double           y);
gboolean        sw_finding_layer_pick_cluster         (SwFindingLayer  *self,
                                                       double           x,
                                                       double           y,
                                                       SwBounds       **bounds);

/* How many findings lie in the area the last frame showed, clustered or
 * not. */
guint           sw_finding_layer_get_n_drawn          (SwFindingLayer  *self);
/* TRUE once the index holds the current findings (no rebuild pending):
 * what the benchmark waits for after opening a project. */
gboolean        sw_finding_layer_is_ready             (SwFindingLayer  *self);

G_END_DECLS
