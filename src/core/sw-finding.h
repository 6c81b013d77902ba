/* A place noted on a walk: what feels unsafe there, or safe and pleasant. */
#pragma once

#include "sw-feature.h"

G_BEGIN_DECLS

#define SW_TYPE_FINDING (sw_finding_get_type ())
G_DECLARE_FINAL_TYPE (SwFinding, sw_finding, SW, FINDING, SwFeature)

SwFinding *sw_finding_new (void);

const char *sw_finding_get_walk_uuid (SwFinding *self);
void sw_finding_set_walk_uuid (SwFinding *self, const char *walk_uuid);
const char *sw_finding_get_category (SwFinding *self);
void sw_finding_set_category (SwFinding *self, const char *category);
const char *sw_finding_get_categories (SwFinding *self);
void sw_finding_set_categories (SwFinding *self, const char *categories);
int sw_finding_get_severity (SwFinding *self);
void sw_finding_set_severity (SwFinding *self, int severity);
const char *sw_finding_get_light (SwFinding *self);
void sw_finding_set_light (SwFinding *self, const char *light);
const char *sw_finding_get_unsafe_for (SwFinding *self);
void sw_finding_set_unsafe_for (SwFinding *self, const char *unsafe_for);
const char *sw_finding_get_note (SwFinding *self);
void sw_finding_set_note (SwFinding *self, const char *note);
gboolean sw_finding_get_note_internal (SwFinding *self);
void sw_finding_set_note_internal (SwFinding *self, gboolean note_internal);
double sw_finding_get_longitude (SwFinding *self);
void sw_finding_set_longitude (SwFinding *self, double longitude);
double sw_finding_get_latitude (SwFinding *self);
void sw_finding_set_latitude (SwFinding *self, double latitude);
const char *sw_finding_get_place_uuid (SwFinding *self);
void sw_finding_set_place_uuid (SwFinding *self, const char *place_uuid);
gboolean sw_finding_get_place_pinned (SwFinding *self);
void sw_finding_set_place_pinned (SwFinding *self, gboolean place_pinned);

G_END_DECLS
