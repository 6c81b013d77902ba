/* The findings of a project drawn on the map as dots in their category's colour. */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SW_TYPE_FINDING_LAYER (sw_finding_layer_get_type ())
G_DECLARE_FINAL_TYPE (SwFindingLayer, sw_finding_layer, SW, FINDING_LAYER, ShumateLayer)

SwFindingLayer *sw_finding_layer_new          (ShumateViewport *viewport);
GListModel     *sw_finding_layer_get_findings (SwFindingLayer  *self);
void            sw_finding_layer_set_findings (SwFindingLayer  *self,
                                               GListModel      *findings);
guint           sw_finding_layer_get_n_drawn  (SwFindingLayer  *self);

G_END_DECLS
