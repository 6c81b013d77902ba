/* Evening street scenes drawn with cairo, the stand-in photos of the demo. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SW_DEMO_SCENE_WIDTH 1600
#define SW_DEMO_SCENE_HEIGHT 1200

gboolean sw_demo_scene_is_known (const char *scene);
char **sw_demo_scene_dup_names (void);

/* Draws @scene at @width x @height with @caption and @stamp (a time, shown
 * as a camera would) along the bottom, and returns it encoded as PNG.
 * @seed makes the random details repeatable. Safe to call from several
 * threads at once. */
GBytes *sw_demo_scene_render_png (const char *scene, const char *caption, const char *stamp,
                                  guint32 seed, int width, int height, GError **error);

G_END_DECLS
