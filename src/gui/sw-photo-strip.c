/* A finding's photos as a row of thumbnail buttons, made from the small
 * thumbnails listed with each photo: the full photos stay in the file until
 * one is opened. */
#define G_LOG_DOMAIN "sw-photo-strip"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-photo-strip.h"

#define THUMBNAIL_SIZE 88

struct _SwPhotoStrip
{
  GtkWidget parent_instance;

  GPtrArray *photos;

  GtkScrolledWindow *scroller;
  GtkBox *box;
  /* One menu for all thumbnails, pointing at the one it is for; a child of
   * the strip, so that its actions are found after it closes. */
  GtkWidget *menu;
};

G_DEFINE_FINAL_TYPE (SwPhotoStrip, sw_photo_strip, GTK_TYPE_WIDGET)

enum
{
  PHOTO_ACTIVATED,
  REMOVE_REQUESTED,
  MOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SwPhoto *
get_photo (SwPhotoStrip *self,
           int           index)
{
  if (self->photos == NULL || index < 0 || (guint) index >= self->photos->len)
    return NULL;

  return g_ptr_array_index (self->photos, index);
}

static int
get_button_index (GtkWidget *button)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "index"));
}

static void
on_thumbnail_clicked (GtkButton    *button,
                      SwPhotoStrip *self)
{
  SwPhoto *photo = get_photo (self, get_button_index (GTK_WIDGET (button)));

  if (photo != NULL)
    g_signal_emit (self, signals[PHOTO_ACTIVATED], 0, photo);
}

static void
request_move (SwPhotoStrip *self,
              int           index,
              int           new_index)
{
  SwPhoto *photo = get_photo (self, index);

  if (photo == NULL || new_index < 0 || (guint) new_index >= self->photos->len || new_index == index)
    return;

  g_signal_emit (self, signals[MOVE_REQUESTED], 0, photo, new_index);
}

/* ---------------------------------------------------------------------- */
/* Actions, with the index of the photo as parameter                      */

static void
move_left_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  int index = g_variant_get_int32 (parameter);

  request_move (SW_PHOTO_STRIP (widget), index, index - 1);
}

static void
move_right_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  int index = g_variant_get_int32 (parameter);

  request_move (SW_PHOTO_STRIP (widget), index, index + 1);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SwPhotoStrip *self = SW_PHOTO_STRIP (widget);
  SwPhoto *photo = get_photo (self, g_variant_get_int32 (parameter));

  if (photo != NULL)
    g_signal_emit (self, signals[REMOVE_REQUESTED], 0, photo);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SwPhotoStrip *self = SW_PHOTO_STRIP (widget);
  SwPhoto *photo = get_photo (self, g_variant_get_int32 (parameter));

  if (photo != NULL)
    g_signal_emit (self, signals[PHOTO_ACTIVATED], 0, photo);
}

/* ---------------------------------------------------------------------- */
/* Menu and drag and drop                                                 */

static void
show_menu (SwPhotoStrip *self,
           GtkWidget    *button)
{
  int index = get_button_index (button);
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenuItem) item = NULL;
  GtkWidget *popover;
  graphene_rect_t bounds;
  struct
  {
    const char *label;
    const char *action;
  } entries[] = {
    { N_("_Open"), "strip.open" },
    { N_("Move _Left"), "strip.move-left" },
    { N_("Move _Right"), "strip.move-right" },
    { N_("_Remove"), "strip.remove" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      item = g_menu_item_new (_(entries[i].label), NULL);
      g_menu_item_set_action_and_target (item, entries[i].action, "i", index);
      g_menu_append_item (menu, item);
      g_clear_object (&item);
    }

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }
  popover = self->menu;
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (popover), G_MENU_MODEL (menu));
  if (gtk_widget_compute_bounds (button, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                                 &(GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                                   (int) bounds.size.width, (int) bounds.size.height });
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      SwPhotoStrip    *self)
{
  show_menu (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
on_menu_shortcut (GtkWidget *button,
                  GVariant  *args,
                  gpointer   user_data)
{
  show_menu (SW_PHOTO_STRIP (user_data), button);
  return TRUE;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 SwPhotoStrip  *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  return gdk_content_provider_new_typed (G_TYPE_INT, get_button_index (button));
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               SwPhotoStrip  *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (button);

  gtk_drag_source_set_icon (source, paintable, THUMBNAIL_SIZE / 2, THUMBNAIL_SIZE / 2);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SwPhotoStrip  *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  if (!G_VALUE_HOLDS_INT (value))
    return FALSE;

  request_move (self, g_value_get_int (value), get_button_index (button));
  return TRUE;
}

/* ---------------------------------------------------------------------- */

static GtkWidget *
create_thumbnail (SwPhotoStrip *self,
                  SwPhoto      *photo,
                  int           index)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *picture = gtk_picture_new ();
  GBytes *thumbnail = sw_photo_get_thumbnail (photo);
  GtkEventController *controller;
  GtkGesture *click;
  GtkDragSource *source;
  GtkDropTarget *target;
  g_autofree char *label = NULL;

  if (thumbnail != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GdkTexture) texture = gdk_texture_new_from_bytes (thumbnail, &error);

      if (texture != NULL)
        gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
      else
        g_debug ("A thumbnail cannot be shown: %s", error->message);
    }

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (picture, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_button_set_child (GTK_BUTTON (button), picture);
  gtk_widget_add_css_class (button, "photo-thumbnail");
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "index", GINT_TO_POINTER (index));

  /* Translators: the accessible name of a thumbnail; %d is its number. */
  label = g_strdup_printf (_("Photo %d"), index + 1);
  gtk_widget_set_tooltip_text (button, _("Open the photo (Alt+←/→ moves it, Delete removes it, Menu for more)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  g_signal_connect (button, "clicked", G_CALLBACK (on_thumbnail_clicked), self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (click));

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                                          gtk_named_action_new ("strip.move-left")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, GDK_ALT_MASK),
                                                          gtk_named_action_new ("strip.move-right")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("strip.remove")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                          gtk_callback_action_new (on_menu_shortcut, self, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                          gtk_callback_action_new (on_menu_shortcut, self, NULL)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
    {
      g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);

      if (GTK_IS_NAMED_ACTION (gtk_shortcut_get_action (shortcut)))
        gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (index));
    }
  gtk_widget_add_controller (button, controller);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (G_TYPE_INT, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (target));

  return button;
}

void
sw_photo_strip_set_photos (SwPhotoStrip *self,
                           GPtrArray    *photos)
{
  GtkWidget *child;

  g_return_if_fail (SW_IS_PHOTO_STRIP (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  if (photos != NULL)
    self->photos = g_ptr_array_ref (photos);

  for (guint i = 0; self->photos != NULL && i < self->photos->len; i++)
    gtk_box_append (self->box, create_thumbnail (self, g_ptr_array_index (self->photos, i), (int) i));

  gtk_widget_set_visible (GTK_WIDGET (self->scroller), self->photos != NULL && self->photos->len > 0);
}

guint
sw_photo_strip_get_n_photos (SwPhotoStrip *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_STRIP (self), 0);

  return self->photos != NULL ? self->photos->len : 0;
}

GtkWidget *
sw_photo_strip_get_thumbnail (SwPhotoStrip *self,
                              guint         index)
{
  GtkWidget *child;

  g_return_val_if_fail (SW_IS_PHOTO_STRIP (self), NULL);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->box)); child != NULL && index > 0;
       child = gtk_widget_get_next_sibling (child))
    index--;

  return child;
}

static void
sw_photo_strip_dispose (GObject *object)
{
  SwPhotoStrip *self = SW_PHOTO_STRIP (object);

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_PHOTO_STRIP);

  G_OBJECT_CLASS (sw_photo_strip_parent_class)->dispose (object);
}

static void
sw_photo_strip_class_init (SwPhotoStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_photo_strip_dispose;

  signals[PHOTO_ACTIVATED] =
    g_signal_new ("photo-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_PHOTO);
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_PHOTO);
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SW_TYPE_PHOTO, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-photo-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, SwPhotoStrip, scroller);
  gtk_widget_class_bind_template_child (widget_class, SwPhotoStrip, box);

  gtk_widget_class_install_action (widget_class, "strip.open", "i", open_action);
  gtk_widget_class_install_action (widget_class, "strip.move-left", "i", move_left_action);
  gtk_widget_class_install_action (widget_class, "strip.move-right", "i", move_right_action);
  gtk_widget_class_install_action (widget_class, "strip.remove", "i", remove_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sw_photo_strip_init (SwPhotoStrip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->scroller), FALSE);
}

GtkWidget *
sw_photo_strip_new (void)
{
  return g_object_new (SW_TYPE_PHOTO_STRIP, NULL);
}
