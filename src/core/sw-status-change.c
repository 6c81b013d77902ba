/* One change of a measure's status, with its date: the history an action
 * plan is followed up with. */
#define G_LOG_DOMAIN "sw-status-change"

#include "config.h"

#include "sw-feature-private.h"
#include "sw-status-change.h"

struct _SwStatusChange
{
  SwFeature parent_instance;

  char *measure_uuid;
  char *status;
  char *date;
  char *note;
};

G_DEFINE_FINAL_TYPE (SwStatusChange, sw_status_change, SW_TYPE_FEATURE)

enum {
  PROP_0,
  PROP_MEASURE_UUID,
  PROP_STATUS,
  PROP_DATE,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sw_status_change_finalize (GObject *object)
{
  SwStatusChange *self = SW_STATUS_CHANGE (object);

  g_clear_pointer (&self->measure_uuid, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (sw_status_change_parent_class)->finalize (object);
}

static void
sw_status_change_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SwStatusChange *self = SW_STATUS_CHANGE (object);

  switch (prop_id)
    {
    case PROP_MEASURE_UUID:
      g_value_set_string (value, self->measure_uuid);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_status_change_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SwStatusChange *self = SW_STATUS_CHANGE (object);

  switch (prop_id)
    {
    case PROP_MEASURE_UUID:
      sw_status_change_set_measure_uuid (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      sw_status_change_set_status (self, g_value_get_string (value));
      break;

    case PROP_DATE:
      sw_status_change_set_date (self, g_value_get_string (value));
      break;

    case PROP_NOTE:
      sw_status_change_set_note (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_status_change_class_init (SwStatusChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SwFeatureClass *feature_class = SW_FEATURE_CLASS (klass);

  object_class->finalize = sw_status_change_finalize;
  object_class->get_property = sw_status_change_get_property;
  object_class->set_property = sw_status_change_set_property;

  feature_class->kind = SW_KIND_STATUS_CHANGE;

  properties[PROP_MEASURE_UUID] =
    g_param_spec_string ("measure-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_status_change_init (SwStatusChange *self)
{
}

SwStatusChange *
sw_status_change_new (void)
{
  return g_object_new (SW_TYPE_STATUS_CHANGE, NULL);
}

const char *
sw_status_change_get_measure_uuid (SwStatusChange *self)
{
  g_return_val_if_fail (SW_IS_STATUS_CHANGE (self), NULL);

  return self->measure_uuid;
}

void
sw_status_change_set_measure_uuid (SwStatusChange *self,
                                   const char     *measure_uuid)
{
  g_return_if_fail (SW_IS_STATUS_CHANGE (self));

  if (sw_set_str (&self->measure_uuid, measure_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEASURE_UUID]);
}

const char *
sw_status_change_get_status (SwStatusChange *self)
{
  g_return_val_if_fail (SW_IS_STATUS_CHANGE (self), NULL);

  return self->status;
}

void
sw_status_change_set_status (SwStatusChange *self,
                             const char     *status)
{
  g_return_if_fail (SW_IS_STATUS_CHANGE (self));

  if (sw_set_str (&self->status, status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
sw_status_change_get_date (SwStatusChange *self)
{
  g_return_val_if_fail (SW_IS_STATUS_CHANGE (self), NULL);

  return self->date;
}

void
sw_status_change_set_date (SwStatusChange *self,
                           const char     *date)
{
  g_return_if_fail (SW_IS_STATUS_CHANGE (self));

  if (sw_set_str (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
sw_status_change_get_note (SwStatusChange *self)
{
  g_return_val_if_fail (SW_IS_STATUS_CHANGE (self), NULL);

  return self->note;
}

void
sw_status_change_set_note (SwStatusChange *self,
                           const char     *note)
{
  g_return_if_fail (SW_IS_STATUS_CHANGE (self));

  if (sw_set_str (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}
