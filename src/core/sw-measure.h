/* A measure (åtgärd) proposed against a finding or a place, with who and when. */
#pragma once

#include "sw-feature.h"

G_BEGIN_DECLS

#define SW_TYPE_MEASURE (sw_measure_get_type ())
G_DECLARE_FINAL_TYPE (SwMeasure, sw_measure, SW, MEASURE, SwFeature)

SwMeasure *sw_measure_new (void);

const char *sw_measure_get_finding_uuid (SwMeasure *self);
void sw_measure_set_finding_uuid (SwMeasure *self, const char *finding_uuid);
const char *sw_measure_get_place_uuid (SwMeasure *self);
void sw_measure_set_place_uuid (SwMeasure *self, const char *place_uuid);
const char *sw_measure_get_measure_type (SwMeasure *self);
void sw_measure_set_measure_type (SwMeasure *self, const char *measure_type);
const char *sw_measure_get_description (SwMeasure *self);
void sw_measure_set_description (SwMeasure *self, const char *description);
const char *sw_measure_get_responsible (SwMeasure *self);
void sw_measure_set_responsible (SwMeasure *self, const char *responsible);
const char *sw_measure_get_responsible_unit (SwMeasure *self);
void sw_measure_set_responsible_unit (SwMeasure *self, const char *responsible_unit);
const char *sw_measure_get_due_date (SwMeasure *self);
void sw_measure_set_due_date (SwMeasure *self, const char *due_date);
double sw_measure_get_cost (SwMeasure *self);
void sw_measure_set_cost (SwMeasure *self, double cost);
const char *sw_measure_get_status (SwMeasure *self);
void sw_measure_set_status (SwMeasure *self, const char *status);
const char *sw_measure_get_status_reason (SwMeasure *self);
void sw_measure_set_status_reason (SwMeasure *self, const char *status_reason);
const char *sw_measure_get_effect (SwMeasure *self);
void sw_measure_set_effect (SwMeasure *self, const char *effect);


G_END_DECLS
