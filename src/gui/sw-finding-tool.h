/* Findings on the map under the pointer: the click that places a new
 * finding, the click that selects one and the drag that moves one; the
 * finding layer draws the selection and the finding being dragged. */
#pragma once

#include <shumate/shumate.h>

#include "sw-finding.h"
#include "sw-finding-layer.h"

G_BEGIN_DECLS

/* Signals: "place-requested" (double x, double y) for a click in add mode,
 * "finding-clicked" (SwFinding *) for a click on a finding,
 * "finding-moved" (SwFinding *, double longitude, double latitude) when a
 * dragged finding is dropped; coordinates in the map widget's. */
#define SW_TYPE_FINDING_TOOL (sw_finding_tool_get_type ())
G_DECLARE_FINAL_TYPE (SwFindingTool, sw_finding_tool, SW, FINDING_TOOL, GObject)

SwFindingTool *sw_finding_tool_new          (ShumateMap     *map,
                                             SwFindingLayer *layer);
gboolean       sw_finding_tool_get_adding   (SwFindingTool *self);
void           sw_finding_tool_set_adding   (SwFindingTool *self,
                                             gboolean       adding);
/* While blocked (another tool owns the pointer) the tool ignores presses. */
void           sw_finding_tool_set_blocked  (SwFindingTool *self,
                                             gboolean       blocked);
SwFinding     *sw_finding_tool_get_selected (SwFindingTool *self);
void           sw_finding_tool_set_selected (SwFindingTool *self,
                                             SwFinding     *finding);
SwFinding     *sw_finding_tool_pick         (SwFindingTool *self,
                                             double         x,
                                             double         y);
gboolean       sw_finding_tool_is_dragging  (SwFindingTool *self);

G_END_DECLS
