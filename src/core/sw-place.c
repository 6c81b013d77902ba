/* A place: findings close together, grouped under one name. */
#define G_LOG_DOMAIN "sw-place"

#include "config.h"

#include "sw-feature-private.h"
#include "sw-place.h"

struct _SwPlace
{
  SwFeature parent_instance;

  char *name;
  gboolean user_named;
  double longitude;
  double latitude;
};

G_DEFINE_FINAL_TYPE (SwPlace, sw_place, SW_TYPE_FEATURE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_USER_NAMED,
  PROP_LONGITUDE,
  PROP_LATITUDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sw_place_finalize (GObject *object)
{
  SwPlace *self = SW_PLACE (object);

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (sw_place_parent_class)->finalize (object);
}

static void
sw_place_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SwPlace *self = SW_PLACE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LONGITUDE:
      g_value_set_double (value, self->longitude);
      break;

    case PROP_LATITUDE:
      g_value_set_double (value, self->latitude);
      break;

    case PROP_USER_NAMED:
      g_value_set_boolean (value, self->user_named);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_place_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SwPlace *self = SW_PLACE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      sw_place_set_name (self, g_value_get_string (value));
      break;

    case PROP_LONGITUDE:
      sw_place_set_longitude (self, g_value_get_double (value));
      break;

    case PROP_LATITUDE:
      sw_place_set_latitude (self, g_value_get_double (value));
      break;

    case PROP_USER_NAMED:
      sw_place_set_user_named (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_place_class_init (SwPlaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SwFeatureClass *feature_class = SW_FEATURE_CLASS (klass);

  object_class->finalize = sw_place_finalize;
  object_class->get_property = sw_place_get_property;
  object_class->set_property = sw_place_set_property;

  feature_class->kind = SW_KIND_PLACE;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_LONGITUDE] =
    g_param_spec_double ("longitude", NULL, NULL, -180.0, 180.0, 0.0, SW_PARAM_FLAGS | SW_PARAM_GEOMETRY);
  properties[PROP_LATITUDE] =
    g_param_spec_double ("latitude", NULL, NULL, -90.0, 90.0, 0.0, SW_PARAM_FLAGS | SW_PARAM_GEOMETRY);
  properties[PROP_USER_NAMED] =
    g_param_spec_boolean ("user-named", NULL, NULL, FALSE, SW_PARAM_FLAGS | SW_PARAM_STORED);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_place_init (SwPlace *self)
{
}

SwPlace *
sw_place_new (void)
{
  return g_object_new (SW_TYPE_PLACE, NULL);
}

const char *
sw_place_get_name (SwPlace *self)
{
  g_return_val_if_fail (SW_IS_PLACE (self), NULL);

  return self->name;
}

void
sw_place_set_name (SwPlace *self,
                  const char *name)
{
  g_return_if_fail (SW_IS_PLACE (self));

  if (sw_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

double
sw_place_get_longitude (SwPlace *self)
{
  g_return_val_if_fail (SW_IS_PLACE (self), 0);

  return self->longitude;
}

void
sw_place_set_longitude (SwPlace *self,
                       double longitude)
{
  g_return_if_fail (SW_IS_PLACE (self));

  if (self->longitude != longitude)
    {
      self->longitude = longitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONGITUDE]);
    }
}

double
sw_place_get_latitude (SwPlace *self)
{
  g_return_val_if_fail (SW_IS_PLACE (self), 0);

  return self->latitude;
}

void
sw_place_set_latitude (SwPlace *self,
                      double latitude)
{
  g_return_if_fail (SW_IS_PLACE (self));

  if (self->latitude != latitude)
    {
      self->latitude = latitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATITUDE]);
    }
}

gboolean
sw_place_get_user_named (SwPlace *self)
{
  g_return_val_if_fail (SW_IS_PLACE (self), FALSE);

  return self->user_named;
}

void
sw_place_set_user_named (SwPlace *self,
                         gboolean user_named)
{
  g_return_if_fail (SW_IS_PLACE (self));

  user_named = !!user_named;
  if (self->user_named != user_named)
    {
      self->user_named = user_named;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAMED]);
    }
}
