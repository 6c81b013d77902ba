/* The track a walk recorded: where the group went and when, from a GPS
 * file, shown beside the planned routes and used to place photos by time. */
#define G_LOG_DOMAIN "sw-track"

#include "config.h"

#include "sw-feature-private.h"
#include "sw-track.h"

struct _SwTrack
{
  SwFeature parent_instance;

  char *walk_uuid;
  char *name;
  char *color;
  GVariant *points;
};

G_DEFINE_FINAL_TYPE (SwTrack, sw_track, SW_TYPE_FEATURE)

enum {
  PROP_0,
  PROP_WALK_UUID,
  PROP_NAME,
  PROP_COLOR,
  PROP_POINTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sw_track_finalize (GObject *object)
{
  SwTrack *self = SW_TRACK (object);

  g_clear_pointer (&self->walk_uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->points, g_variant_unref);

  G_OBJECT_CLASS (sw_track_parent_class)->finalize (object);
}

static void
sw_track_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SwTrack *self = SW_TRACK (object);

  switch (prop_id)
    {
    case PROP_WALK_UUID:
      g_value_set_string (value, self->walk_uuid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_POINTS:
      g_value_set_variant (value, self->points);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_track_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SwTrack *self = SW_TRACK (object);

  switch (prop_id)
    {
    case PROP_WALK_UUID:
      sw_track_set_walk_uuid (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      sw_track_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      sw_track_set_color (self, g_value_get_string (value));
      break;

    case PROP_POINTS:
      sw_track_set_points (self, g_value_get_variant (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_track_class_init (SwTrackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SwFeatureClass *feature_class = SW_FEATURE_CLASS (klass);

  object_class->finalize = sw_track_finalize;
  object_class->get_property = sw_track_get_property;
  object_class->set_property = sw_track_set_property;

  feature_class->kind = SW_KIND_TRACK;

  properties[PROP_WALK_UUID] =
    g_param_spec_string ("walk-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_POINTS] =
    g_param_spec_variant ("points", NULL, NULL, G_VARIANT_TYPE ("a(ddx)"), NULL, SW_PARAM_FLAGS | SW_PARAM_GEOMETRY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_track_init (SwTrack *self)
{
}

SwTrack *
sw_track_new (void)
{
  return g_object_new (SW_TYPE_TRACK, NULL);
}

const char *
sw_track_get_walk_uuid (SwTrack *self)
{
  g_return_val_if_fail (SW_IS_TRACK (self), NULL);

  return self->walk_uuid;
}

void
sw_track_set_walk_uuid (SwTrack *self,
                       const char *walk_uuid)
{
  g_return_if_fail (SW_IS_TRACK (self));

  if (sw_set_str (&self->walk_uuid, walk_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WALK_UUID]);
}

const char *
sw_track_get_name (SwTrack *self)
{
  g_return_val_if_fail (SW_IS_TRACK (self), NULL);

  return self->name;
}

void
sw_track_set_name (SwTrack *self,
                  const char *name)
{
  g_return_if_fail (SW_IS_TRACK (self));

  if (sw_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
sw_track_get_color (SwTrack *self)
{
  g_return_val_if_fail (SW_IS_TRACK (self), NULL);

  return self->color;
}

void
sw_track_set_color (SwTrack *self,
                   const char *color)
{
  g_return_if_fail (SW_IS_TRACK (self));

  if (sw_set_str (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

GVariant *
sw_track_get_points (SwTrack *self)
{
  g_return_val_if_fail (SW_IS_TRACK (self), NULL);

  return self->points;
}

void
sw_track_set_points (SwTrack *self,
                    GVariant *points)
{
  g_return_if_fail (SW_IS_TRACK (self));

  if (sw_set_variant (&self->points, points))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTS]);
}
