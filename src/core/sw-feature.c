/* The base of every stored thing in a project: identity and timestamps. */
#define G_LOG_DOMAIN "sw-feature"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "sw-feature-private.h"
#include "sw-finding.h"
#include "sw-measure.h"
#include "sw-photo.h"
#include "sw-place.h"
#include "sw-route.h"
#include "sw-stop.h"
#include "sw-status-change.h"
#include "sw-track.h"
#include "sw-walk.h"

typedef struct
{
  char *uuid;
  gint64 fid;
  GDateTime *created;
  GDateTime *modified;
} SwFeaturePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SwFeature, sw_feature, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_FID,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
sw_set_str (char       **target,
            const char  *value)
{
  if (g_strcmp0 (*target, value) == 0)
    return FALSE;
  g_free (*target);
  *target = g_strdup (value);
  return TRUE;
}

gboolean
sw_set_date_time (GDateTime **target,
                  GDateTime  *value)
{
  if (*target == value || (*target != NULL && value != NULL && g_date_time_equal (*target, value)))
    return FALSE;
  g_clear_pointer (target, g_date_time_unref);
  if (value != NULL)
    *target = g_date_time_ref (value);
  return TRUE;
}

gboolean
sw_set_bytes (GBytes **target,
              GBytes  *value)
{
  if (*target == value || (*target != NULL && value != NULL && g_bytes_equal (*target, value)))
    return FALSE;
  g_clear_pointer (target, g_bytes_unref);
  if (value != NULL)
    *target = g_bytes_ref (value);
  return TRUE;
}

gboolean
sw_set_variant (GVariant **target,
                GVariant  *value)
{
  g_autoptr (GVariant) owned = value != NULL ? g_variant_ref_sink (value) : NULL;

  if (*target == owned || (*target != NULL && owned != NULL && g_variant_equal (*target, owned)))
    return FALSE;
  g_clear_pointer (target, g_variant_unref);
  *target = g_steal_pointer (&owned);
  return TRUE;
}

static void
sw_feature_finalize (GObject *object)
{
  SwFeature *self = SW_FEATURE (object);
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  g_clear_pointer (&priv->uuid, g_free);
  g_clear_pointer (&priv->created, g_date_time_unref);
  g_clear_pointer (&priv->modified, g_date_time_unref);

  G_OBJECT_CLASS (sw_feature_parent_class)->finalize (object);
}

static void
sw_feature_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SwFeature *self = SW_FEATURE (object);
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;

    case PROP_FID:
      g_value_set_int64 (value, priv->fid);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, priv->created);
      break;

    case PROP_MODIFIED:
      g_value_set_boxed (value, priv->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_feature_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SwFeature *self = SW_FEATURE (object);

  switch (prop_id)
    {
    case PROP_UUID:
      sw_feature_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_FID:
      sw_feature_set_fid (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED:
      sw_feature_set_created (self, g_value_get_boxed (value));
      break;

    case PROP_MODIFIED:
      sw_feature_set_modified (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_feature_class_init (SwFeatureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_feature_finalize;
  object_class->get_property = sw_feature_get_property;
  object_class->set_property = sw_feature_set_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  /* The fid is GeoPackage's own key, not a column of ours. */
  properties[PROP_FID] =
    g_param_spec_int64 ("fid", NULL, NULL, -1, G_MAXINT64, -1, SW_PARAM_FLAGS);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, SW_PARAM_FLAGS | SW_PARAM_STORED);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_feature_init (SwFeature *self)
{
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  priv->fid = -1;
}

SwKind
sw_feature_get_kind (SwFeature *self)
{
  g_return_val_if_fail (SW_IS_FEATURE (self), SW_N_KINDS);

  return SW_FEATURE_GET_CLASS (self)->kind;
}

const char *
sw_feature_get_uuid (SwFeature *self)
{
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  g_return_val_if_fail (SW_IS_FEATURE (self), NULL);

  return priv->uuid;
}

void
sw_feature_set_uuid (SwFeature  *self,
                     const char *uuid)
{
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  g_return_if_fail (SW_IS_FEATURE (self));

  if (sw_set_str (&priv->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
sw_feature_get_fid (SwFeature *self)
{
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  g_return_val_if_fail (SW_IS_FEATURE (self), -1);

  return priv->fid;
}

void
sw_feature_set_fid (SwFeature *self,
                    gint64     fid)
{
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  g_return_if_fail (SW_IS_FEATURE (self));

  if (priv->fid != fid)
    {
      priv->fid = fid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FID]);
    }
}

GDateTime *
sw_feature_get_created (SwFeature *self)
{
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  g_return_val_if_fail (SW_IS_FEATURE (self), NULL);

  return priv->created;
}

void
sw_feature_set_created (SwFeature *self,
                        GDateTime *created)
{
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  g_return_if_fail (SW_IS_FEATURE (self));

  if (sw_set_date_time (&priv->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

GDateTime *
sw_feature_get_modified (SwFeature *self)
{
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  g_return_val_if_fail (SW_IS_FEATURE (self), NULL);

  return priv->modified;
}

void
sw_feature_set_modified (SwFeature *self,
                         GDateTime *modified)
{
  SwFeaturePrivate *priv = sw_feature_get_instance_private (self);

  g_return_if_fail (SW_IS_FEATURE (self));

  if (sw_set_date_time (&priv->modified, modified))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Every property of @source onto @self, notifying only what changed, so a
 * live object in a list model can take a stored state without being replaced. */
void
sw_feature_assign (SwFeature *self,
                   SwFeature *source)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_return_if_fail (SW_IS_FEATURE (self));
  g_return_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (source));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (source), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (self), pspecs[i]->name, &value);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

SwFeature *
sw_feature_copy (SwFeature *self)
{
  SwFeature *copy;

  g_return_val_if_fail (SW_IS_FEATURE (self), NULL);

  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  sw_feature_assign (copy, self);
  return copy;
}

/* Compares every property, or with @content_only every one but the file's
 * key, the timestamps and a photo's data: what two copies of one feature
 * made on two computers must agree on. Boxed values compare by content;
 * NaN (an unknown value) equals NaN. */
static gboolean
features_equal (SwFeature *a,
                SwFeature *b,
                gboolean   content_only)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      const char *name = pspecs[i]->name;
      g_auto (GValue) va = G_VALUE_INIT;
      g_auto (GValue) vb = G_VALUE_INIT;
      GType type = pspecs[i]->value_type;

      if (content_only &&
          (g_str_equal (name, "fid") || g_str_equal (name, "created") ||
           g_str_equal (name, "modified") || g_str_equal (name, "data")))
        continue;

      g_value_init (&va, type);
      g_value_init (&vb, type);
      g_object_get_property (G_OBJECT (a), name, &va);
      g_object_get_property (G_OBJECT (b), name, &vb);

      if (type == G_TYPE_DATE_TIME)
        {
          GDateTime *da = g_value_get_boxed (&va), *db = g_value_get_boxed (&vb);

          if (da != db && (da == NULL || db == NULL || !g_date_time_equal (da, db)))
            return FALSE;
        }
      else if (type == G_TYPE_BYTES)
        {
          GBytes *ba = g_value_get_boxed (&va), *bb = g_value_get_boxed (&vb);

          if (ba != bb && (ba == NULL || bb == NULL || !g_bytes_equal (ba, bb)))
            return FALSE;
        }
      else if (type == G_TYPE_VARIANT)
        {
          GVariant *xa = g_value_get_variant (&va), *xb = g_value_get_variant (&vb);

          if (xa != xb && (xa == NULL || xb == NULL || !g_variant_equal (xa, xb)))
            return FALSE;
        }
      else if (type == G_TYPE_DOUBLE)
        {
          double da = g_value_get_double (&va), db = g_value_get_double (&vb);

          if (!(da == db || (isnan (da) && isnan (db))))
            return FALSE;
        }
      else if (g_param_values_cmp (pspecs[i], &va, &vb) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
sw_feature_equal (SwFeature *a,
                  SwFeature *b)
{
  g_return_val_if_fail (SW_IS_FEATURE (a), FALSE);
  g_return_val_if_fail (SW_IS_FEATURE (b), FALSE);

  return features_equal (a, b, FALSE);
}

gboolean
sw_feature_equal_content (SwFeature *a,
                          SwFeature *b)
{
  g_return_val_if_fail (SW_IS_FEATURE (a), FALSE);
  g_return_val_if_fail (SW_IS_FEATURE (b), FALSE);

  return features_equal (a, b, TRUE);
}

/* The properties of @type that are columns, in declaration order. Free the
 * array with g_free(). */
GParamSpec **
sw_feature_list_stored_properties (GType  type,
                                   guint *n_properties)
{
  g_autoptr (GTypeClass) klass = g_type_class_ref (type);
  g_autofree GParamSpec **pspecs = NULL;
  GParamSpec **stored;
  guint n_pspecs, n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  stored = g_new0 (GParamSpec *, n_pspecs + 1);
  for (guint i = 0; i < n_pspecs; i++)
    if (pspecs[i]->flags & SW_PARAM_STORED)
      stored[n++] = pspecs[i];
  *n_properties = n;
  return stored;
}

GType
sw_kind_get_feature_type (SwKind kind)
{
  switch (kind)
    {
    case SW_KIND_WALK: return SW_TYPE_WALK;
    case SW_KIND_ROUTE: return SW_TYPE_ROUTE;
    case SW_KIND_STOP: return SW_TYPE_STOP;
    case SW_KIND_FINDING: return SW_TYPE_FINDING;
    case SW_KIND_PHOTO: return SW_TYPE_PHOTO;
    case SW_KIND_MEASURE: return SW_TYPE_MEASURE;
    case SW_KIND_PLACE: return SW_TYPE_PLACE;
    case SW_KIND_TRACK: return SW_TYPE_TRACK;
    case SW_KIND_STATUS_CHANGE: return SW_TYPE_STATUS_CHANGE;
    case SW_N_KINDS:
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

/* Layer names are part of the file format: QGIS users and exports see them. */
const char *
sw_kind_get_layer_name (SwKind kind)
{
  static const char *const names[] = {
    [SW_KIND_WALK] = "walks",
    [SW_KIND_ROUTE] = "routes",
    [SW_KIND_STOP] = "stops",
    [SW_KIND_FINDING] = "findings",
    [SW_KIND_PHOTO] = "photos",
    [SW_KIND_MEASURE] = "measures",
    [SW_KIND_PLACE] = "places",
    [SW_KIND_TRACK] = "tracks",
    [SW_KIND_STATUS_CHANGE] = "measure_status_changes",
  };

  g_return_val_if_fail (kind < SW_N_KINDS, NULL);
  return names[kind];
}

gboolean
sw_parse_date (const char *text,
               GDate      *date)
{
  unsigned year, month, day;
  int consumed = 0;

  if (text == NULL ||
      sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) != 3 ||
      consumed != 10 || text[consumed] != '\0' ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  if (date != NULL)
    g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}
