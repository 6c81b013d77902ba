/* A place noted on a walk: what feels unsafe there, or safe and pleasant. */
#define G_LOG_DOMAIN "sw-finding"

#include "config.h"

#include "sw-feature-private.h"
#include "sw-finding.h"

struct _SwFinding
{
  SwFeature parent_instance;

  char *walk_uuid;
  char *category;
  char *categories;
  int severity;
  char *light;
  char *unsafe_for;
  char *note;
  gboolean note_internal;
  char *place_uuid;
  gboolean place_pinned;
  double longitude;
  double latitude;
};

G_DEFINE_FINAL_TYPE (SwFinding, sw_finding, SW_TYPE_FEATURE)

enum {
  PROP_0,
  PROP_WALK_UUID,
  PROP_CATEGORY,
  PROP_CATEGORIES,
  PROP_SEVERITY,
  PROP_LIGHT,
  PROP_UNSAFE_FOR,
  PROP_NOTE,
  PROP_NOTE_INTERNAL,
  PROP_PLACE_UUID,
  PROP_PLACE_PINNED,
  PROP_LONGITUDE,
  PROP_LATITUDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sw_finding_finalize (GObject *object)
{
  SwFinding *self = SW_FINDING (object);

  g_clear_pointer (&self->walk_uuid, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->categories, g_free);
  g_clear_pointer (&self->light, g_free);
  g_clear_pointer (&self->unsafe_for, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->place_uuid, g_free);

  G_OBJECT_CLASS (sw_finding_parent_class)->finalize (object);
}

static void
sw_finding_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SwFinding *self = SW_FINDING (object);

  switch (prop_id)
    {
    case PROP_WALK_UUID:
      g_value_set_string (value, self->walk_uuid);
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;

    case PROP_CATEGORIES:
      g_value_set_string (value, self->categories);
      break;

    case PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;

    case PROP_LIGHT:
      g_value_set_string (value, self->light);
      break;

    case PROP_UNSAFE_FOR:
      g_value_set_string (value, self->unsafe_for);
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

    case PROP_PLACE_UUID:
      g_value_set_string (value, self->place_uuid);
      break;

    case PROP_NOTE_INTERNAL:
      g_value_set_boolean (value, self->note_internal);
      break;

    case PROP_PLACE_PINNED:
      g_value_set_boolean (value, self->place_pinned);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_finding_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SwFinding *self = SW_FINDING (object);

  switch (prop_id)
    {
    case PROP_WALK_UUID:
      sw_finding_set_walk_uuid (self, g_value_get_string (value));
      break;

    case PROP_CATEGORY:
      sw_finding_set_category (self, g_value_get_string (value));
      break;

    case PROP_CATEGORIES:
      sw_finding_set_categories (self, g_value_get_string (value));
      break;

    case PROP_SEVERITY:
      sw_finding_set_severity (self, g_value_get_int (value));
      break;

    case PROP_LIGHT:
      sw_finding_set_light (self, g_value_get_string (value));
      break;

    case PROP_UNSAFE_FOR:
      sw_finding_set_unsafe_for (self, g_value_get_string (value));
      break;

    case PROP_NOTE:
      sw_finding_set_note (self, g_value_get_string (value));
      break;

    case PROP_LONGITUDE:
      sw_finding_set_longitude (self, g_value_get_double (value));
      break;

    case PROP_LATITUDE:
      sw_finding_set_latitude (self, g_value_get_double (value));
      break;

    case PROP_PLACE_UUID:
      sw_finding_set_place_uuid (self, g_value_get_string (value));
      break;

    case PROP_NOTE_INTERNAL:
      sw_finding_set_note_internal (self, g_value_get_boolean (value));
      break;

    case PROP_PLACE_PINNED:
      sw_finding_set_place_pinned (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_finding_class_init (SwFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SwFeatureClass *feature_class = SW_FEATURE_CLASS (klass);

  object_class->finalize = sw_finding_finalize;
  object_class->get_property = sw_finding_get_property;
  object_class->set_property = sw_finding_set_property;

  feature_class->kind = SW_KIND_FINDING;

  properties[PROP_WALK_UUID] =
    g_param_spec_string ("walk-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_CATEGORIES] =
    g_param_spec_string ("categories", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL, 0, 3, 0, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_LIGHT] =
    g_param_spec_string ("light", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_UNSAFE_FOR] =
    g_param_spec_string ("unsafe-for", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_LONGITUDE] =
    g_param_spec_double ("longitude", NULL, NULL, -180.0, 180.0, 0.0, SW_PARAM_FLAGS | SW_PARAM_GEOMETRY);
  properties[PROP_LATITUDE] =
    g_param_spec_double ("latitude", NULL, NULL, -90.0, 90.0, 0.0, SW_PARAM_FLAGS | SW_PARAM_GEOMETRY);
  properties[PROP_PLACE_UUID] =
    g_param_spec_string ("place-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  /* The note is for the municipality only: a public export leaves it out. */
  properties[PROP_NOTE_INTERNAL] =
    g_param_spec_boolean ("note-internal", NULL, NULL, FALSE, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_PLACE_PINNED] =
    g_param_spec_boolean ("place-pinned", NULL, NULL, FALSE, SW_PARAM_FLAGS | SW_PARAM_STORED);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_finding_init (SwFinding *self)
{
}

SwFinding *
sw_finding_new (void)
{
  return g_object_new (SW_TYPE_FINDING, NULL);
}

const char *
sw_finding_get_walk_uuid (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), NULL);

  return self->walk_uuid;
}

void
sw_finding_set_walk_uuid (SwFinding *self,
                         const char *walk_uuid)
{
  g_return_if_fail (SW_IS_FINDING (self));

  if (sw_set_str (&self->walk_uuid, walk_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WALK_UUID]);
}

const char *
sw_finding_get_category (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), NULL);

  return self->category;
}

void
sw_finding_set_category (SwFinding *self,
                        const char *category)
{
  g_return_if_fail (SW_IS_FINDING (self));

  if (sw_set_str (&self->category, category))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

const char *
sw_finding_get_categories (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), NULL);

  return self->categories;
}

void
sw_finding_set_categories (SwFinding *self,
                          const char *categories)
{
  g_return_if_fail (SW_IS_FINDING (self));

  if (sw_set_str (&self->categories, categories))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORIES]);
}

int
sw_finding_get_severity (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), 0);

  return self->severity;
}

void
sw_finding_set_severity (SwFinding *self,
                        int severity)
{
  g_return_if_fail (SW_IS_FINDING (self));

  if (self->severity != severity)
    {
      self->severity = severity;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
    }
}

const char *
sw_finding_get_light (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), NULL);

  return self->light;
}

void
sw_finding_set_light (SwFinding *self,
                     const char *light)
{
  g_return_if_fail (SW_IS_FINDING (self));

  if (sw_set_str (&self->light, light))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIGHT]);
}

const char *
sw_finding_get_unsafe_for (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), NULL);

  return self->unsafe_for;
}

void
sw_finding_set_unsafe_for (SwFinding *self,
                          const char *unsafe_for)
{
  g_return_if_fail (SW_IS_FINDING (self));

  if (sw_set_str (&self->unsafe_for, unsafe_for))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSAFE_FOR]);
}

const char *
sw_finding_get_note (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), NULL);

  return self->note;
}

void
sw_finding_set_note (SwFinding *self,
                    const char *note)
{
  g_return_if_fail (SW_IS_FINDING (self));

  if (sw_set_str (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

double
sw_finding_get_longitude (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), 0);

  return self->longitude;
}

void
sw_finding_set_longitude (SwFinding *self,
                         double longitude)
{
  g_return_if_fail (SW_IS_FINDING (self));

  if (self->longitude != longitude)
    {
      self->longitude = longitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONGITUDE]);
    }
}

double
sw_finding_get_latitude (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), 0);

  return self->latitude;
}

void
sw_finding_set_latitude (SwFinding *self,
                        double latitude)
{
  g_return_if_fail (SW_IS_FINDING (self));

  if (self->latitude != latitude)
    {
      self->latitude = latitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATITUDE]);
    }
}

const char *
sw_finding_get_place_uuid (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), NULL);

  return self->place_uuid;
}

void
sw_finding_set_place_uuid (SwFinding *self,
                           const char *place_uuid)
{
  g_return_if_fail (SW_IS_FINDING (self));

  if (sw_set_str (&self->place_uuid, place_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE_UUID]);
}

gboolean
sw_finding_get_place_pinned (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), FALSE);

  return self->place_pinned;
}

void
sw_finding_set_place_pinned (SwFinding *self,
                             gboolean place_pinned)
{
  g_return_if_fail (SW_IS_FINDING (self));

  place_pinned = !!place_pinned;
  if (self->place_pinned != place_pinned)
    {
      self->place_pinned = place_pinned;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE_PINNED]);
    }
}

gboolean
sw_finding_get_note_internal (SwFinding *self)
{
  g_return_val_if_fail (SW_IS_FINDING (self), FALSE);

  return self->note_internal;
}

void
sw_finding_set_note_internal (SwFinding *self,
                              gboolean   note_internal)
{
  g_return_if_fail (SW_IS_FINDING (self));

  note_internal = !!note_internal;
  if (self->note_internal != note_internal)
    {
      self->note_internal = note_internal;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE_INTERNAL]);
    }
}
