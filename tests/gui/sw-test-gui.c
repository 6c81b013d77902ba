/* What the GUI tests share: running the main loop until something holds,
 * saving screenshots, finding widgets. */
#include "config.h"

#include "sw-test-gui.h"

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
