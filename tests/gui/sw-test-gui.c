/* What the GUI tests share: running the main loop until something holds,
 * saving screenshots, finding widgets. */
#include "config.h"

#include <math.h>

#include "sw-test-gui.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

typedef struct
{
  GdkTexture *texture;
  GtkWidget *widget;
} Screenshot;

static gboolean
keep_waking (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds or the time is up. */
gboolean
wait_for (Condition   condition,
          gpointer    user_data,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint waker = g_timeout_add (20, keep_waking, NULL);
  gboolean met;

  while (!(met = condition (user_data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (waker);
  if (!met)
    g_test_message ("Timed out waiting for %s", what);

  return met;
}

void
spin (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;
  guint waker = g_timeout_add (10, keep_waking, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (waker);
}

static void
on_paintable_invalidated (GdkPaintable *paintable,
                          Screenshot   *screenshot)
{
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer;
  graphene_rect_t bounds;
  int width = gdk_paintable_get_intrinsic_width (paintable);
  int height = gdk_paintable_get_intrinsic_height (paintable);

  if (screenshot->texture != NULL || width <= 0 || height <= 0)
    return;

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;

  renderer = gtk_native_get_renderer (gtk_widget_get_native (screenshot->widget));
  gsk_render_node_get_bounds (node, &bounds);
  graphene_rect_union (&bounds, &GRAPHENE_RECT_INIT (0, 0, width, height), &bounds);
  screenshot->texture = gsk_renderer_render_texture (renderer, node, &bounds);
}

static gboolean
screenshot_taken (gpointer user_data)
{
  Screenshot *screenshot = user_data;

  return screenshot->texture != NULL;
}

GdkTexture *
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  Screenshot screenshot = { NULL, widget };

  g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (on_paintable_invalidated), &screenshot);
  gtk_widget_queue_draw (widget);
  g_assert_true (wait_for (screenshot_taken, &screenshot, "a screenshot"));
  g_signal_handlers_disconnect_by_func (paintable, on_paintable_invalidated, &screenshot);

  g_assert_true (gdk_texture_save_to_png (screenshot.texture, path));
  g_test_message ("Screenshot: %s", path);

  return screenshot.texture;
}

GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gulong
sw_test_get_xid (GtkWidget *widget)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (gtk_widget_get_root (widget)));

  return gdk_x11_surface_get_xid (surface);
#else
  g_assert_not_reached ();
#endif
}

void
sw_test_to_surface (GtkWidget *widget,
                    double     x,
                    double     y,
                    int       *surface_x,
                    int       *surface_y)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_point_t point;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, root, &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (GTK_NATIVE (root), &dx, &dy);
  *surface_x = (int) round (point.x + dx);
  *surface_y = (int) round (point.y + dy);
}

void
sw_test_xdotool (const char *format,
                 ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *arguments = NULL;
  g_autofree char *command = NULL;
  int status = 0;
  va_list args;

  va_start (args, format);
  arguments = g_strdup_vprintf (format, args);
  va_end (args);

  command = g_strdup_printf ("xdotool %s", arguments);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Let the events arrive and be handled. */
  spin (120);
}

void
sw_test_pointer_drag (GtkWidget  *widget,
                      GtkGesture *gesture,
                      double      x0,
                      double      y0,
                      double      x1,
                      double      y1)
{
  if (gesture == NULL)
    {
      int sx0, sy0, sx1, sy1;
      gulong xid = sw_test_get_xid (widget);

      sw_test_to_surface (widget, x0, y0, &sx0, &sy0);
      sw_test_to_surface (widget, x1, y1, &sx1, &sy1);
      sw_test_xdotool ("mousemove --window %lu %d %d", xid, sx0, sy0);
      if (sx0 == sx1 && sy0 == sy1)
        {
          sw_test_xdotool ("click 1");
          return;
        }
      sw_test_xdotool ("mousedown 1");
      for (int step = 1; step <= 4; step++)
        sw_test_xdotool ("mousemove --window %lu %d %d", xid,
                         sx0 + (sx1 - sx0) * step / 4, sy0 + (sy1 - sy0) * step / 4);
      sw_test_xdotool ("mouseup 1");
    }
  else
    {
      g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
      if (x0 != x1 || y0 != y1)
        for (int step = 1; step <= 4; step++)
          g_signal_emit_by_name (gesture, "drag-update", (x1 - x0) * step / 4, (y1 - y0) * step / 4);
      g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
      spin (50);
    }
}
