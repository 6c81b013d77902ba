/* A planned route of a walk, drawn as a line on the map. */
#define G_LOG_DOMAIN "sw-route"

#include "config.h"

#include "sw-feature-private.h"
#include "sw-route.h"

struct _SwRoute
{
  SwFeature parent_instance;

  char *walk_uuid;
  char *name;
  char *color;
  GVariant *points;
};

G_DEFINE_FINAL_TYPE (SwRoute, sw_route, SW_TYPE_FEATURE)

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
sw_route_finalize (GObject *object)
{
  SwRoute *self = SW_ROUTE (object);

  g_clear_pointer (&self->walk_uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->points, g_variant_unref);

  G_OBJECT_CLASS (sw_route_parent_class)->finalize (object);
}

static void
sw_route_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SwRoute *self = SW_ROUTE (object);

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
sw_route_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SwRoute *self = SW_ROUTE (object);

  switch (prop_id)
    {
    case PROP_WALK_UUID:
      sw_route_set_walk_uuid (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      sw_route_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      sw_route_set_color (self, g_value_get_string (value));
      break;

    case PROP_POINTS:
      sw_route_set_points (self, g_value_get_variant (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_route_class_init (SwRouteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SwFeatureClass *feature_class = SW_FEATURE_CLASS (klass);

  object_class->finalize = sw_route_finalize;
  object_class->get_property = sw_route_get_property;
  object_class->set_property = sw_route_set_property;

  feature_class->kind = SW_KIND_ROUTE;

  properties[PROP_WALK_UUID] =
    g_param_spec_string ("walk-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_POINTS] =
    g_param_spec_variant ("points", NULL, NULL, G_VARIANT_TYPE ("a(dd)"), NULL, SW_PARAM_FLAGS | SW_PARAM_GEOMETRY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_route_init (SwRoute *self)
{
}

SwRoute *
sw_route_new (void)
{
  return g_object_new (SW_TYPE_ROUTE, NULL);
}

const char *
sw_route_get_walk_uuid (SwRoute *self)
{
  g_return_val_if_fail (SW_IS_ROUTE (self), NULL);

  return self->walk_uuid;
}

void
sw_route_set_walk_uuid (SwRoute *self,
                       const char *walk_uuid)
{
  g_return_if_fail (SW_IS_ROUTE (self));

  if (sw_set_str (&self->walk_uuid, walk_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WALK_UUID]);
}

const char *
sw_route_get_name (SwRoute *self)
{
  g_return_val_if_fail (SW_IS_ROUTE (self), NULL);

  return self->name;
}

void
sw_route_set_name (SwRoute *self,
                  const char *name)
{
  g_return_if_fail (SW_IS_ROUTE (self));

  if (sw_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
sw_route_get_color (SwRoute *self)
{
  g_return_val_if_fail (SW_IS_ROUTE (self), NULL);

  return self->color;
}

void
sw_route_set_color (SwRoute *self,
                   const char *color)
{
  g_return_if_fail (SW_IS_ROUTE (self));

  if (sw_set_str (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

GVariant *
sw_route_get_points (SwRoute *self)
{
  g_return_val_if_fail (SW_IS_ROUTE (self), NULL);

  return self->points;
}

void
sw_route_set_points (SwRoute *self,
                    GVariant *points)
{
  g_return_if_fail (SW_IS_ROUTE (self));

  if (sw_set_variant (&self->points, points))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTS]);
}
