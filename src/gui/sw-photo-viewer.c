/* A finding's photos shown large. The full photo is read from the project
 * only when shown; a 2048-pixel JPEG decodes in a few tens of milliseconds. */
#define G_LOG_DOMAIN "sw-photo-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-photo-viewer.h"

struct _SwPhotoViewer
{
  AdwWindow parent_instance;

  SwProject *project;
  GPtrArray *photos;
  guint index;

  AdwWindowTitle *window_title;
  GtkStack *stack;
  GtkPicture *picture;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (SwPhotoViewer, sw_photo_viewer, ADW_TYPE_WINDOW)

static void
show_photo (SwPhotoViewer *self)
{
  SwPhoto *photo;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GDateTime *taken_at;

  if (self->photos == NULL || self->photos->len == 0)
    return;

  photo = g_ptr_array_index (self->photos, self->index);

  /* Translators: the photo viewer's title; the numbers are "photo 2 of 5". */
  title = g_strdup_printf (_("Photo %u of %u"), self->index + 1, self->photos->len);
  adw_window_title_set_title (self->window_title, title);
  taken_at = sw_photo_get_taken_at (photo);
  if (taken_at != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (taken_at);

      /* Translators: when a photo was taken, a g_date_time_format() format. */
      subtitle = g_date_time_format (local, _("Taken %Y-%m-%d %H:%M"));
    }
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");

  data = sw_project_load_photo_data (self->project, photo, &error);
  if (data != NULL)
    texture = gdk_texture_new_from_bytes (data, &error);

  if (texture == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_picture_set_paintable (self->picture, NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
      gtk_stack_set_visible_child_name (self->stack, "photo");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->index + 1 < self->photos->len);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SwPhotoViewer *self = SW_PHOTO_VIEWER (widget);

  if (self->index > 0)
    sw_photo_viewer_set_index (self, self->index - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SwPhotoViewer *self = SW_PHOTO_VIEWER (widget);

  if (self->photos != NULL && self->index + 1 < self->photos->len)
    sw_photo_viewer_set_index (self, self->index + 1);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
sw_photo_viewer_dispose (GObject *object)
{
  SwPhotoViewer *self = SW_PHOTO_VIEWER (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->photos, g_ptr_array_unref);

  G_OBJECT_CLASS (sw_photo_viewer_parent_class)->dispose (object);
}

static void
sw_photo_viewer_class_init (SwPhotoViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_photo_viewer_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-photo-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, SwPhotoViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, SwPhotoViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, SwPhotoViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, SwPhotoViewer, error_page);

  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "viewer.close", NULL, close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "viewer.close", NULL);
}

static void
sw_photo_viewer_init (SwPhotoViewer *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The arrows step through the photos before they move the focus
   * between the header's buttons. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, 0),
                                                          gtk_named_action_new ("viewer.previous")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, 0),
                                                          gtk_named_action_new ("viewer.next")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Shows the photo at @index of @photos (SwPhoto of @project, in order). */
SwPhotoViewer *
sw_photo_viewer_new (GtkWindow *parent,
                     SwProject *project,
                     GPtrArray *photos,
                     guint      index)
{
  SwPhotoViewer *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SW_IS_PROJECT (project), NULL);
  g_return_val_if_fail (photos != NULL && index < photos->len, NULL);

  self = g_object_new (SW_TYPE_PHOTO_VIEWER, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  self->photos = g_ptr_array_ref (photos);
  self->index = index;
  show_photo (self);

  return self;
}

guint
sw_photo_viewer_get_index (SwPhotoViewer *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_VIEWER (self), 0);

  return self->index;
}

void
sw_photo_viewer_set_index (SwPhotoViewer *self,
                           guint          index)
{
  g_return_if_fail (SW_IS_PHOTO_VIEWER (self));
  g_return_if_fail (self->photos != NULL && index < self->photos->len);

  self->index = index;
  show_photo (self);
}

GdkPaintable *
sw_photo_viewer_get_paintable (SwPhotoViewer *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_VIEWER (self), NULL);

  return gtk_picture_get_paintable (self->picture);
}
