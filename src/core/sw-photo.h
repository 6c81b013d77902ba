/* A photo of a finding, stored inside the project file. */
#pragma once

#include "sw-feature.h"

G_BEGIN_DECLS

#define SW_TYPE_PHOTO (sw_photo_get_type ())
G_DECLARE_FINAL_TYPE (SwPhoto, sw_photo, SW, PHOTO, SwFeature)

SwPhoto *sw_photo_new (void);

const char *sw_photo_get_finding_uuid (SwPhoto *self);
void sw_photo_set_finding_uuid (SwPhoto *self, const char *finding_uuid);
int sw_photo_get_position (SwPhoto *self);
void sw_photo_set_position (SwPhoto *self, int position);
const char *sw_photo_get_content_type (SwPhoto *self);
void sw_photo_set_content_type (SwPhoto *self, const char *content_type);
int sw_photo_get_width (SwPhoto *self);
void sw_photo_set_width (SwPhoto *self, int width);
int sw_photo_get_height (SwPhoto *self);
void sw_photo_set_height (SwPhoto *self, int height);
GDateTime *sw_photo_get_taken_at (SwPhoto *self);
void sw_photo_set_taken_at (SwPhoto *self, GDateTime *taken_at);
double sw_photo_get_taken_lat (SwPhoto *self);
void sw_photo_set_taken_lat (SwPhoto *self, double taken_lat);
double sw_photo_get_taken_lon (SwPhoto *self);
void sw_photo_set_taken_lon (SwPhoto *self, double taken_lon);
GBytes *sw_photo_get_thumbnail (SwPhoto *self);
void sw_photo_set_thumbnail (SwPhoto *self, GBytes *thumbnail);
GBytes *sw_photo_get_data (SwPhoto *self);
void sw_photo_set_data (SwPhoto *self, GBytes *data);
const char *sw_photo_get_source_sha256 (SwPhoto *self);
void sw_photo_set_source_sha256 (SwPhoto *self, const char *source_sha256);

G_END_DECLS
