/* A numbered stop along a route, where the group halts and talks. */
#define G_LOG_DOMAIN "sw-stop"

#include "config.h"

#include "sw-feature-private.h"
#include "sw-stop.h"

struct _SwStop
{
  SwFeature parent_instance;

  char *walk_uuid;
  char *route_uuid;
  int number;
  char *name;
  char *note;
  double longitude;
  double latitude;
};

G_DEFINE_FINAL_TYPE (SwStop, sw_stop, SW_TYPE_FEATURE)

enum {
  PROP_0,
  PROP_WALK_UUID,
  PROP_ROUTE_UUID,
  PROP_NUMBER,
  PROP_NAME,
  PROP_NOTE,
  PROP_LONGITUDE,
  PROP_LATITUDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sw_stop_finalize (GObject *object)
{
  SwStop *self = SW_STOP (object);

  g_clear_pointer (&self->walk_uuid, g_free);
  g_clear_pointer (&self->route_uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (sw_stop_parent_class)->finalize (object);
}

static void
sw_stop_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SwStop *self = SW_STOP (object);

  switch (prop_id)
    {
    case PROP_WALK_UUID:
      g_value_set_string (value, self->walk_uuid);
      break;

    case PROP_ROUTE_UUID:
      g_value_set_string (value, self->route_uuid);
      break;

    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_LONGITUDE:
      g_value_set_double (value, self->longitude);
      break;

    case PROP_LATITUDE:
      g_value_set_double (value, self->latitude);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_stop_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SwStop *self = SW_STOP (object);

  switch (prop_id)
    {
    case PROP_WALK_UUID:
      sw_stop_set_walk_uuid (self, g_value_get_string (value));
      break;

    case PROP_ROUTE_UUID:
      sw_stop_set_route_uuid (self, g_value_get_string (value));
      break;

    case PROP_NUMBER:
      sw_stop_set_number (self, g_value_get_int (value));
      break;

    case PROP_NAME:
      sw_stop_set_name (self, g_value_get_string (value));
      break;

    case PROP_NOTE:
      sw_stop_set_note (self, g_value_get_string (value));
      break;

    case PROP_LONGITUDE:
      sw_stop_set_longitude (self, g_value_get_double (value));
      break;

    case PROP_LATITUDE:
      sw_stop_set_latitude (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_stop_class_init (SwStopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SwFeatureClass *feature_class = SW_FEATURE_CLASS (klass);

  object_class->finalize = sw_stop_finalize;
  object_class->get_property = sw_stop_get_property;
  object_class->set_property = sw_stop_set_property;

  feature_class->kind = SW_KIND_STOP;

  properties[PROP_WALK_UUID] =
    g_param_spec_string ("walk-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_ROUTE_UUID] =
    g_param_spec_string ("route-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_NUMBER] =
    g_param_spec_int ("number", NULL, NULL, G_MININT, G_MAXINT, 0, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_LONGITUDE] =
    g_param_spec_double ("longitude", NULL, NULL, -180.0, 180.0, 0.0, SW_PARAM_FLAGS | SW_PARAM_GEOMETRY);
  properties[PROP_LATITUDE] =
    g_param_spec_double ("latitude", NULL, NULL, -90.0, 90.0, 0.0, SW_PARAM_FLAGS | SW_PARAM_GEOMETRY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_stop_init (SwStop *self)
{
}

SwStop *
sw_stop_new (void)
{
  return g_object_new (SW_TYPE_STOP, NULL);
}

const char *
sw_stop_get_walk_uuid (SwStop *self)
{
  g_return_val_if_fail (SW_IS_STOP (self), NULL);

  return self->walk_uuid;
}

void
sw_stop_set_walk_uuid (SwStop *self,
                      const char *walk_uuid)
{
  g_return_if_fail (SW_IS_STOP (self));

  if (sw_set_str (&self->walk_uuid, walk_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WALK_UUID]);
}

const char *
sw_stop_get_route_uuid (SwStop *self)
{
  g_return_val_if_fail (SW_IS_STOP (self), NULL);

  return self->route_uuid;
}

void
sw_stop_set_route_uuid (SwStop *self,
                       const char *route_uuid)
{
  g_return_if_fail (SW_IS_STOP (self));

  if (sw_set_str (&self->route_uuid, route_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUTE_UUID]);
}

int
sw_stop_get_number (SwStop *self)
{
  g_return_val_if_fail (SW_IS_STOP (self), 0);

  return self->number;
}

void
sw_stop_set_number (SwStop *self,
                   int number)
{
  g_return_if_fail (SW_IS_STOP (self));

  if (self->number != number)
    {
      self->number = number;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
    }
}

const char *
sw_stop_get_name (SwStop *self)
{
  g_return_val_if_fail (SW_IS_STOP (self), NULL);

  return self->name;
}

void
sw_stop_set_name (SwStop *self,
                 const char *name)
{
  g_return_if_fail (SW_IS_STOP (self));

  if (sw_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
sw_stop_get_note (SwStop *self)
{
  g_return_val_if_fail (SW_IS_STOP (self), NULL);

  return self->note;
}

void
sw_stop_set_note (SwStop *self,
                 const char *note)
{
  g_return_if_fail (SW_IS_STOP (self));

  if (sw_set_str (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

double
sw_stop_get_longitude (SwStop *self)
{
  g_return_val_if_fail (SW_IS_STOP (self), 0);

  return self->longitude;
}

void
sw_stop_set_longitude (SwStop *self,
                      double longitude)
{
  g_return_if_fail (SW_IS_STOP (self));

  if (self->longitude != longitude)
    {
      self->longitude = longitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONGITUDE]);
    }
}

double
sw_stop_get_latitude (SwStop *self)
{
  g_return_val_if_fail (SW_IS_STOP (self), 0);

  return self->latitude;
}

void
sw_stop_set_latitude (SwStop *self,
                     double latitude)
{
  g_return_if_fail (SW_IS_STOP (self));

  if (self->latitude != latitude)
    {
      self->latitude = latitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATITUDE]);
    }
}
