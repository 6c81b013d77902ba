/* What the feature classes and the storage share but the app does not see. */
#pragma once

#include "sw-feature.h"

G_BEGIN_DECLS

/* A property with SW_PARAM_STORED is a column of the layer, named as the
 * property with '-' turned into '_'. SW_PARAM_GEOMETRY marks the properties
 * that together make the layer's geometry. */
#define SW_PARAM_STORED   (1 << G_PARAM_USER_SHIFT)
#define SW_PARAM_GEOMETRY (1 << (G_PARAM_USER_SHIFT + 1))
#define SW_PARAM_FLAGS    (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

gboolean sw_set_str       (char       **target,
                           const char  *value);
gboolean sw_set_date_time (GDateTime  **target,
                           GDateTime   *value);
gboolean sw_set_bytes     (GBytes     **target,
                           GBytes      *value);
gboolean sw_set_variant   (GVariant   **target,
                           GVariant    *value);

/* Reads a day written as YYYY-MM-DD (walk dates, due dates, status
 * changes) into @date if given; FALSE for anything else. */
gboolean sw_parse_date    (const char  *text,
                           GDate       *date);

G_END_DECLS
