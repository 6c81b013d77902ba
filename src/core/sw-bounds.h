/* A longitude/latitude bounding box, as a refcounted boxed value. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SW_TYPE_BOUNDS (sw_bounds_get_type ())

typedef struct _SwBounds SwBounds;

GType     sw_bounds_get_type   (void) G_GNUC_CONST;
SwBounds *sw_bounds_new        (void);
SwBounds *sw_bounds_ref        (SwBounds *self);
void      sw_bounds_unref      (SwBounds *self);
void      sw_bounds_extend     (SwBounds *self,
                                double    longitude,
                                double    latitude);
gboolean  sw_bounds_is_empty   (const SwBounds *self);
double    sw_bounds_get_west   (const SwBounds *self);
double    sw_bounds_get_south  (const SwBounds *self);
double    sw_bounds_get_east   (const SwBounds *self);
double    sw_bounds_get_north  (const SwBounds *self);
void      sw_bounds_get_center (const SwBounds *self,
                                double         *longitude,
                                double         *latitude);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwBounds, sw_bounds_unref)

G_END_DECLS
