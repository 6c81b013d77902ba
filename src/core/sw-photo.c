/* A photo of a finding, stored inside the project file. */
#define G_LOG_DOMAIN "sw-photo"

#include "config.h"

#include <math.h>

#include "sw-feature-private.h"
#include "sw-photo.h"

struct _SwPhoto
{
  SwFeature parent_instance;

  char *finding_uuid;
  int position;
  char *content_type;
  int width;
  int height;
  GDateTime *taken_at;
  double taken_lat;
  double taken_lon;
  GBytes *thumbnail;
  GBytes *data;
  char *source_sha256;
};

G_DEFINE_FINAL_TYPE (SwPhoto, sw_photo, SW_TYPE_FEATURE)

enum {
  PROP_0,
  PROP_FINDING_UUID,
  PROP_POSITION,
  PROP_CONTENT_TYPE,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_TAKEN_AT,
  PROP_TAKEN_LAT,
  PROP_TAKEN_LON,
  PROP_THUMBNAIL,
  PROP_DATA,
  PROP_SOURCE_SHA256,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sw_photo_finalize (GObject *object)
{
  SwPhoto *self = SW_PHOTO (object);

  g_clear_pointer (&self->finding_uuid, g_free);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->taken_at, g_date_time_unref);
  g_clear_pointer (&self->thumbnail, g_bytes_unref);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->source_sha256, g_free);

  G_OBJECT_CLASS (sw_photo_parent_class)->finalize (object);
}

static void
sw_photo_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SwPhoto *self = SW_PHOTO (object);

  switch (prop_id)
    {
    case PROP_FINDING_UUID:
      g_value_set_string (value, self->finding_uuid);
      break;

    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;

    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;

    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;

    case PROP_TAKEN_AT:
      g_value_set_boxed (value, self->taken_at);
      break;

    case PROP_TAKEN_LAT:
      g_value_set_double (value, self->taken_lat);
      break;

    case PROP_TAKEN_LON:
      g_value_set_double (value, self->taken_lon);
      break;

    case PROP_THUMBNAIL:
      g_value_set_boxed (value, self->thumbnail);
      break;

    case PROP_DATA:
      g_value_set_boxed (value, self->data);
      break;

    case PROP_SOURCE_SHA256:
      g_value_set_string (value, self->source_sha256);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_photo_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SwPhoto *self = SW_PHOTO (object);

  switch (prop_id)
    {
    case PROP_FINDING_UUID:
      sw_photo_set_finding_uuid (self, g_value_get_string (value));
      break;

    case PROP_POSITION:
      sw_photo_set_position (self, g_value_get_int (value));
      break;

    case PROP_CONTENT_TYPE:
      sw_photo_set_content_type (self, g_value_get_string (value));
      break;

    case PROP_WIDTH:
      sw_photo_set_width (self, g_value_get_int (value));
      break;

    case PROP_HEIGHT:
      sw_photo_set_height (self, g_value_get_int (value));
      break;

    case PROP_TAKEN_AT:
      sw_photo_set_taken_at (self, g_value_get_boxed (value));
      break;

    case PROP_TAKEN_LAT:
      sw_photo_set_taken_lat (self, g_value_get_double (value));
      break;

    case PROP_TAKEN_LON:
      sw_photo_set_taken_lon (self, g_value_get_double (value));
      break;

    case PROP_THUMBNAIL:
      sw_photo_set_thumbnail (self, g_value_get_boxed (value));
      break;

    case PROP_DATA:
      sw_photo_set_data (self, g_value_get_boxed (value));
      break;

    case PROP_SOURCE_SHA256:
      sw_photo_set_source_sha256 (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_photo_class_init (SwPhotoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SwFeatureClass *feature_class = SW_FEATURE_CLASS (klass);

  object_class->finalize = sw_photo_finalize;
  object_class->get_property = sw_photo_get_property;
  object_class->set_property = sw_photo_set_property;

  feature_class->kind = SW_KIND_PHOTO;

  properties[PROP_FINDING_UUID] =
    g_param_spec_string ("finding-uuid", NULL, NULL, NULL, SW_PARAM_FLAGS);
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, G_MININT, G_MAXINT, 0, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_CONTENT_TYPE] =
    g_param_spec_string ("content-type", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL, G_MININT, G_MAXINT, 0, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_HEIGHT] =
    g_param_spec_int ("height", NULL, NULL, G_MININT, G_MAXINT, 0, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_TAKEN_AT] =
    g_param_spec_boxed ("taken-at", NULL, NULL, G_TYPE_DATE_TIME, SW_PARAM_FLAGS | SW_PARAM_STORED);
  /* NaN, for a photo without a position, is outside any range: lax
   * validation lets it through unchanged. */
  properties[PROP_TAKEN_LAT] =
    g_param_spec_double ("taken-lat", NULL, NULL, -90.0, 90.0, 0.0,
                        SW_PARAM_FLAGS | SW_PARAM_STORED | G_PARAM_LAX_VALIDATION);
  properties[PROP_TAKEN_LON] =
    g_param_spec_double ("taken-lon", NULL, NULL, -180.0, 180.0, 0.0,
                        SW_PARAM_FLAGS | SW_PARAM_STORED | G_PARAM_LAX_VALIDATION);
  properties[PROP_THUMBNAIL] =
    g_param_spec_boxed ("thumbnail", NULL, NULL, G_TYPE_BYTES, SW_PARAM_FLAGS | SW_PARAM_STORED);
  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL, G_TYPE_BYTES, SW_PARAM_FLAGS);
  /* The SHA-256 of the file as it came from the camera, before it was
   * re-encoded: the same photo imported twice is known by it. Since
   * schema version 2. */
  properties[PROP_SOURCE_SHA256] =
    g_param_spec_string ("source-sha256", NULL, NULL, NULL, SW_PARAM_FLAGS | SW_PARAM_STORED);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_photo_init (SwPhoto *self)
{
  /* Not a number until the camera told where: 0, 0 is a real place. */
  self->taken_lat = NAN;
  self->taken_lon = NAN;
}

SwPhoto *
sw_photo_new (void)
{
  return g_object_new (SW_TYPE_PHOTO, NULL);
}

const char *
sw_photo_get_finding_uuid (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), NULL);

  return self->finding_uuid;
}

void
sw_photo_set_finding_uuid (SwPhoto *self,
                          const char *finding_uuid)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (sw_set_str (&self->finding_uuid, finding_uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDING_UUID]);
}

int
sw_photo_get_position (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), 0);

  return self->position;
}

void
sw_photo_set_position (SwPhoto *self,
                      int position)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (self->position != position)
    {
      self->position = position;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
}

const char *
sw_photo_get_content_type (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), NULL);

  return self->content_type;
}

void
sw_photo_set_content_type (SwPhoto *self,
                          const char *content_type)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (sw_set_str (&self->content_type, content_type))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_TYPE]);
}

int
sw_photo_get_width (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), 0);

  return self->width;
}

void
sw_photo_set_width (SwPhoto *self,
                   int width)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (self->width != width)
    {
      self->width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
    }
}

int
sw_photo_get_height (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), 0);

  return self->height;
}

void
sw_photo_set_height (SwPhoto *self,
                    int height)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (self->height != height)
    {
      self->height = height;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
    }
}

GDateTime *
sw_photo_get_taken_at (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), NULL);

  return self->taken_at;
}

void
sw_photo_set_taken_at (SwPhoto *self,
                      GDateTime *taken_at)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (sw_set_date_time (&self->taken_at, taken_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAKEN_AT]);
}

double
sw_photo_get_taken_lat (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), 0);

  return self->taken_lat;
}

void
sw_photo_set_taken_lat (SwPhoto *self,
                       double taken_lat)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (self->taken_lat != taken_lat)
    {
      self->taken_lat = taken_lat;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAKEN_LAT]);
    }
}

double
sw_photo_get_taken_lon (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), 0);

  return self->taken_lon;
}

void
sw_photo_set_taken_lon (SwPhoto *self,
                       double taken_lon)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (self->taken_lon != taken_lon)
    {
      self->taken_lon = taken_lon;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAKEN_LON]);
    }
}

GBytes *
sw_photo_get_thumbnail (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), NULL);

  return self->thumbnail;
}

void
sw_photo_set_thumbnail (SwPhoto *self,
                       GBytes *thumbnail)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (sw_set_bytes (&self->thumbnail, thumbnail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

GBytes *
sw_photo_get_data (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), NULL);

  return self->data;
}

void
sw_photo_set_data (SwPhoto *self,
                  GBytes *data)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (sw_set_bytes (&self->data, data))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
}

const char *
sw_photo_get_source_sha256 (SwPhoto *self)
{
  g_return_val_if_fail (SW_IS_PHOTO (self), NULL);

  return self->source_sha256;
}

void
sw_photo_set_source_sha256 (SwPhoto    *self,
                            const char *source_sha256)
{
  g_return_if_fail (SW_IS_PHOTO (self));

  if (sw_set_str (&self->source_sha256, source_sha256))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_SHA256]);
}
