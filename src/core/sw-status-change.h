/* One change of a measure's status, with its date: the history an action
 * plan is followed up with. Written by the project whenever a measure's
 * status is set; "status" is a SW_VOCABULARY_MEASURE_STATUS key, "date" the
 * day of the change as YYYY-MM-DD, "note" the reason of a rejection or the
 * effect key of a follow-up. */
#pragma once

#include "sw-feature.h"

G_BEGIN_DECLS

#define SW_TYPE_STATUS_CHANGE (sw_status_change_get_type ())
G_DECLARE_FINAL_TYPE (SwStatusChange, sw_status_change, SW, STATUS_CHANGE, SwFeature)

SwStatusChange *sw_status_change_new (void);

const char *sw_status_change_get_measure_uuid (SwStatusChange *self);
void sw_status_change_set_measure_uuid (SwStatusChange *self, const char *measure_uuid);
const char *sw_status_change_get_status (SwStatusChange *self);
void sw_status_change_set_status (SwStatusChange *self, const char *status);
const char *sw_status_change_get_date (SwStatusChange *self);
void sw_status_change_set_date (SwStatusChange *self, const char *date);
const char *sw_status_change_get_note (SwStatusChange *self);
void sw_status_change_set_note (SwStatusChange *self, const char *note);

G_END_DECLS
