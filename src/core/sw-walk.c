/* A safety walk: when and where a group walks, and what it found. */
#define G_LOG_DOMAIN "sw-walk"

#include "config.h"

#include "sw-feature-private.h"
#include "sw-walk.h"

struct _SwWalk
{
  SwFeature parent_instance;

  char *title;
  char *date;
  char *start_time;
  char *light;
  char *meeting_point;
  char *area;
  char *notes;
  char *repeats_uuid;
};

G_DEFINE_FINAL_TYPE (SwWalk, sw_walk, SW_TYPE_FEATURE)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DATE,
  PROP_START_TIME,
  PROP_LIGHT,
  PROP_MEETING_POINT,
  PROP_AREA,
  PROP_NOTES,
  PROP_REPEATS_UUID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sw_walk_finalize (GObject *object)
{
  SwWalk *self = SW_WALK (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->start_time, g_free);
  g_clear_pointer (&self->light, g_free);
  g_clear_pointer (&self->meeting_point, g_free);
  g_clear_pointer (&self->area, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->repeats_uuid, g_free);

  G_OBJECT_CLASS (sw_walk_parent_class)->finalize (object);
}

static void
sw_walk_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SwWalk *self = SW_WALK (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_START_TIME:
      g_value_set_string (value, self->start_time);
      break;

    case PROP_LIGHT:
      g_value_set_string (value, self->light);
      break;

    case PROP_MEETING_POINT:
      g_value_set_string (value, self->meeting_point);
      break;

    case PROP_AREA:
      g_value_set_string (value, self->area);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_REPEATS_UUID:
      g_value_set_string (value, self->repeats_uuid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_walk_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SwWalk *self = SW_WALK (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      sw_walk_set_title (self, g_value_get_string (value));
      break;

    case PROP_DATE:
      sw_walk_set_date (self, g_value_get_string (value));
      break;

    case PROP_START_TIME:
      sw_walk_set_start_time (self, g_value_get_string (value));
      break;

    case PROP_LIGHT:
      sw_walk_set_light (self, g_value_get_string (value));
      break;

    case PROP_MEETING_POINT:
      sw_walk_set_meeting_point (self, g_value_get_string (value));
      break;

    case PROP_AREA:
      sw_walk_set_area (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      sw_walk_set_notes (self, g_value_get_string (value));
      break;

    case PROP_REPEATS_UUID:
      sw_walk_set_repeats_uuid (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_walk_class_init (SwWalkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SwFeatureClass *feature_class = SW_FEATURE_CLASS (klass);

  object_class->finalize = sw_walk_finalize;
  object_class->get_property = sw_walk_get_property;
  object_class->set_property = sw_walk_set_property;

  feature_class->kind = SW_KIND_WALK;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_START_TIME] =
    g_param_spec_string ("start-time", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_LIGHT] =
    g_param_spec_string ("light", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_MEETING_POINT] =
    g_param_spec_string ("meeting-point", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_AREA] =
    g_param_spec_string ("area", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_REPEATS_UUID] =
    g_param_spec_string ("repeats-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_walk_init (SwWalk *self)
{
}

SwWalk *
sw_walk_new (void)
{
  return g_object_new (SW_TYPE_WALK, NULL);
}

const char *
sw_walk_get_title (SwWalk *self)
{
  g_return_val_if_fail (SW_IS_WALK (self), NULL);

  return self->title;
}

void
sw_walk_set_title (SwWalk *self,
                  const char *title)
{
  g_return_if_fail (SW_IS_WALK (self));

  if (sw_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
sw_walk_get_date (SwWalk *self)
{
  g_return_val_if_fail (SW_IS_WALK (self), NULL);

  return self->date;
}

void
sw_walk_set_date (SwWalk *self,
                 const char *date)
{
  g_return_if_fail (SW_IS_WALK (self));

  if (sw_set_str (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
sw_walk_get_start_time (SwWalk *self)
{
  g_return_val_if_fail (SW_IS_WALK (self), NULL);

  return self->start_time;
}

void
sw_walk_set_start_time (SwWalk *self,
                       const char *start_time)
{
  g_return_if_fail (SW_IS_WALK (self));

  if (sw_set_str (&self->start_time, start_time))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME]);
}

const char *
sw_walk_get_light (SwWalk *self)
{
  g_return_val_if_fail (SW_IS_WALK (self), NULL);

  return self->light;
}

void
sw_walk_set_light (SwWalk *self,
                  const char *light)
{
  g_return_if_fail (SW_IS_WALK (self));

  if (sw_set_str (&self->light, light))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIGHT]);
}

const char *
sw_walk_get_meeting_point (SwWalk *self)
{
  g_return_val_if_fail (SW_IS_WALK (self), NULL);

  return self->meeting_point;
}

void
sw_walk_set_meeting_point (SwWalk *self,
                          const char *meeting_point)
{
  g_return_if_fail (SW_IS_WALK (self));

  if (sw_set_str (&self->meeting_point, meeting_point))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING_POINT]);
}

const char *
sw_walk_get_area (SwWalk *self)
{
  g_return_val_if_fail (SW_IS_WALK (self), NULL);

  return self->area;
}

void
sw_walk_set_area (SwWalk *self,
                 const char *area)
{
  g_return_if_fail (SW_IS_WALK (self));

  if (sw_set_str (&self->area, area))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
}

const char *
sw_walk_get_notes (SwWalk *self)
{
  g_return_val_if_fail (SW_IS_WALK (self), NULL);

  return self->notes;
}

void
sw_walk_set_notes (SwWalk *self,
                  const char *notes)
{
  g_return_if_fail (SW_IS_WALK (self));

  if (sw_set_str (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

const char *
sw_walk_get_repeats_uuid (SwWalk *self)
{
  g_return_val_if_fail (SW_IS_WALK (self), NULL);

  return self->repeats_uuid;
}

void
sw_walk_set_repeats_uuid (SwWalk *self,
                          const char *repeats_uuid)
{
  g_return_if_fail (SW_IS_WALK (self));

  if (sw_set_str (&self->repeats_uuid, repeats_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPEATS_UUID]);
}
