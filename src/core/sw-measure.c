/* A measure (åtgärd) proposed against a finding or a place, with who and when. */
#define G_LOG_DOMAIN "sw-measure"

#include "config.h"

#include "sw-feature-private.h"
#include "sw-measure.h"

struct _SwMeasure
{
  SwFeature parent_instance;

  char *finding_uuid;
  char *place_uuid;
  char *measure_type;
  char *description;
  char *responsible;
  char *responsible_unit;
  char *due_date;
  double cost;
  char *status;
  char *status_reason;
  char *effect;
};

G_DEFINE_FINAL_TYPE (SwMeasure, sw_measure, SW_TYPE_FEATURE)

enum {
  PROP_0,
  PROP_FINDING_UUID,
  PROP_PLACE_UUID,
  PROP_MEASURE_TYPE,
  PROP_DESCRIPTION,
  PROP_RESPONSIBLE,
  PROP_RESPONSIBLE_UNIT,
  PROP_DUE_DATE,
  PROP_COST,
  PROP_STATUS,
  PROP_STATUS_REASON,
  PROP_EFFECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sw_measure_finalize (GObject *object)
{
  SwMeasure *self = SW_MEASURE (object);

  g_clear_pointer (&self->finding_uuid, g_free);
  g_clear_pointer (&self->place_uuid, g_free);
  g_clear_pointer (&self->measure_type, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->responsible, g_free);
  g_clear_pointer (&self->responsible_unit, g_free);
  g_clear_pointer (&self->due_date, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->status_reason, g_free);
  g_clear_pointer (&self->effect, g_free);

  G_OBJECT_CLASS (sw_measure_parent_class)->finalize (object);
}

static void
sw_measure_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SwMeasure *self = SW_MEASURE (object);

  switch (prop_id)
    {
    case PROP_FINDING_UUID:
      g_value_set_string (value, self->finding_uuid);
      break;

    case PROP_PLACE_UUID:
      g_value_set_string (value, self->place_uuid);
      break;

    case PROP_MEASURE_TYPE:
      g_value_set_string (value, self->measure_type);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_RESPONSIBLE:
      g_value_set_string (value, self->responsible);
      break;

    case PROP_RESPONSIBLE_UNIT:
      g_value_set_string (value, self->responsible_unit);
      break;

    case PROP_DUE_DATE:
      g_value_set_string (value, self->due_date);
      break;

    case PROP_COST:
      g_value_set_double (value, self->cost);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_STATUS_REASON:
      g_value_set_string (value, self->status_reason);
      break;

    case PROP_EFFECT:
      g_value_set_string (value, self->effect);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_measure_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SwMeasure *self = SW_MEASURE (object);

  switch (prop_id)
    {
    case PROP_FINDING_UUID:
      sw_measure_set_finding_uuid (self, g_value_get_string (value));
      break;

    case PROP_PLACE_UUID:
      sw_measure_set_place_uuid (self, g_value_get_string (value));
      break;

    case PROP_MEASURE_TYPE:
      sw_measure_set_measure_type (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      sw_measure_set_description (self, g_value_get_string (value));
      break;

    case PROP_RESPONSIBLE:
      sw_measure_set_responsible (self, g_value_get_string (value));
      break;

    case PROP_RESPONSIBLE_UNIT:
      sw_measure_set_responsible_unit (self, g_value_get_string (value));
      break;

    case PROP_DUE_DATE:
      sw_measure_set_due_date (self, g_value_get_string (value));
      break;

    case PROP_COST:
      sw_measure_set_cost (self, g_value_get_double (value));
      break;

    case PROP_STATUS:
      sw_measure_set_status (self, g_value_get_string (value));
      break;

    case PROP_STATUS_REASON:
      sw_measure_set_status_reason (self, g_value_get_string (value));
      break;

    case PROP_EFFECT:
      sw_measure_set_effect (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_measure_class_init (SwMeasureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SwFeatureClass *feature_class = SW_FEATURE_CLASS (klass);

  object_class->finalize = sw_measure_finalize;
  object_class->get_property = sw_measure_get_property;
  object_class->set_property = sw_measure_set_property;

  feature_class->kind = SW_KIND_MEASURE;

  properties[PROP_FINDING_UUID] =
    g_param_spec_string ("finding-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_PLACE_UUID] =
    g_param_spec_string ("place-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_MEASURE_TYPE] =
    g_param_spec_string ("measure-type", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_RESPONSIBLE] =
    g_param_spec_string ("responsible", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_RESPONSIBLE_UNIT] =
    g_param_spec_string ("responsible-unit", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_DUE_DATE] =
    g_param_spec_string ("due-date", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_COST] =
    g_param_spec_double ("cost", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_STATUS_REASON] =
    g_param_spec_string ("status-reason", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_EFFECT] =
    g_param_spec_string ("effect", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_measure_init (SwMeasure *self)
{
}

SwMeasure *
sw_measure_new (void)
{
  return g_object_new (SW_TYPE_MEASURE, NULL);
}

const char *
sw_measure_get_finding_uuid (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), NULL);

  return self->finding_uuid;
}

void
sw_measure_set_finding_uuid (SwMeasure *self,
                            const char *finding_uuid)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (sw_set_str (&self->finding_uuid, finding_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDING_UUID]);
}

const char *
sw_measure_get_place_uuid (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), NULL);

  return self->place_uuid;
}

void
sw_measure_set_place_uuid (SwMeasure *self,
                          const char *place_uuid)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (sw_set_str (&self->place_uuid, place_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE_UUID]);
}

const char *
sw_measure_get_measure_type (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), NULL);

  return self->measure_type;
}

void
sw_measure_set_measure_type (SwMeasure *self,
                            const char *measure_type)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (sw_set_str (&self->measure_type, measure_type))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEASURE_TYPE]);
}

const char *
sw_measure_get_description (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), NULL);

  return self->description;
}

void
sw_measure_set_description (SwMeasure *self,
                           const char *description)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (sw_set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
sw_measure_get_responsible (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), NULL);

  return self->responsible;
}

void
sw_measure_set_responsible (SwMeasure *self,
                           const char *responsible)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (sw_set_str (&self->responsible, responsible))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESPONSIBLE]);
}

const char *
sw_measure_get_responsible_unit (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), NULL);

  return self->responsible_unit;
}

void
sw_measure_set_responsible_unit (SwMeasure *self,
                                const char *responsible_unit)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (sw_set_str (&self->responsible_unit, responsible_unit))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESPONSIBLE_UNIT]);
}

const char *
sw_measure_get_due_date (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), NULL);

  return self->due_date;
}

void
sw_measure_set_due_date (SwMeasure *self,
                        const char *due_date)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (sw_set_str (&self->due_date, due_date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_DATE]);
}

double
sw_measure_get_cost (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), 0);

  return self->cost;
}

void
sw_measure_set_cost (SwMeasure *self,
                    double cost)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (self->cost != cost)
    {
      self->cost = cost;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
    }
}

const char *
sw_measure_get_status (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), NULL);

  return self->status;
}

void
sw_measure_set_status (SwMeasure *self,
                      const char *status)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (sw_set_str (&self->status, status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
sw_measure_get_status_reason (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), NULL);

  return self->status_reason;
}

void
sw_measure_set_status_reason (SwMeasure *self,
                             const char *status_reason)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (sw_set_str (&self->status_reason, status_reason))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_REASON]);
}

const char *
sw_measure_get_effect (SwMeasure *self)
{
  g_return_val_if_fail (SW_IS_MEASURE (self), NULL);

  return self->effect;
}

void
sw_measure_set_effect (SwMeasure *self,
                      const char *effect)
{
  g_return_if_fail (SW_IS_MEASURE (self));

  if (sw_set_str (&self->effect, effect))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECT]);
}

