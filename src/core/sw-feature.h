/* The base of every stored thing in a project: identity and timestamps. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The layers of a project. The order is the order of creation. */
typedef enum
{
  SW_KIND_WALK,
  SW_KIND_ROUTE,
  SW_KIND_STOP,
  SW_KIND_FINDING,
  SW_KIND_PHOTO,
  SW_KIND_MEASURE,
  SW_KIND_PLACE,
  SW_KIND_TRACK,
  SW_KIND_STATUS_CHANGE,
  SW_N_KINDS
} SwKind;

#define SW_TYPE_FEATURE (sw_feature_get_type ())
G_DECLARE_DERIVABLE_TYPE (SwFeature, sw_feature, SW, FEATURE, GObject)

struct _SwFeatureClass
{
  GObjectClass parent_class;

  /* Set by each subclass in class_init. */
  SwKind kind;
};

SwKind      sw_feature_get_kind      (SwFeature  *self);
const char *sw_feature_get_uuid      (SwFeature  *self);
void        sw_feature_set_uuid      (SwFeature  *self,
                                      const char *uuid);
gint64      sw_feature_get_fid       (SwFeature  *self);
void        sw_feature_set_fid       (SwFeature  *self,
                                      gint64      fid);
GDateTime  *sw_feature_get_created   (SwFeature  *self);
void        sw_feature_set_created   (SwFeature  *self,
                                      GDateTime  *created);
GDateTime  *sw_feature_get_modified  (SwFeature  *self);
void        sw_feature_set_modified  (SwFeature  *self,
                                      GDateTime  *modified);
SwFeature  *sw_feature_copy          (SwFeature  *self);
void        sw_feature_assign        (SwFeature  *self,
                                      SwFeature  *source);
gboolean    sw_feature_equal         (SwFeature  *a,
                                      SwFeature  *b);
/* Equal as stored, apart from the fid, the timestamps and a photo's data. */
gboolean    sw_feature_equal_content (SwFeature  *a,
                                      SwFeature  *b);
GParamSpec **sw_feature_list_stored_properties (GType  type,
                                                guint *n_properties);
GType       sw_kind_get_feature_type (SwKind      kind);
const char *sw_kind_get_layer_name   (SwKind      kind);


G_END_DECLS
