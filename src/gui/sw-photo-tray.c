/* The Unplaced Photos tray: thumbnails of the project's photos that are on
 * no finding, each one a drag source the map accepts. */
#define G_LOG_DOMAIN "sw-photo-tray"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-photo-import.h"
#include "sw-photo-tray.h"

#define THUMBNAIL_SIZE 76

struct _SwPhotoTray
{
  GtkWidget parent_instance;

  SwProject *project;
  GtkCustomFilter *filter;
  GtkFilterListModel *photos;
  GtkSingleSelection *selection;
  /* Decoded thumbnails by photo uuid, so scrolling decodes nothing twice. */
  GHashTable *textures;

  GtkWidget *box;
  GtkLabel *count_label;
  GtkGridView *grid;
  GtkPopoverMenu *context_menu;
};

G_DEFINE_FINAL_TYPE (SwPhotoTray, sw_photo_tray, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
photo_is_unplaced (gpointer item,
                   gpointer user_data)
{
  return sw_photo_is_unplaced (SW_PHOTO (item));
}

static void
update_count (SwPhotoTray *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->photos));
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tray.place", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tray.remove", n > 0);
}

static void
on_feature_changed (SwPhotoTray *self,
                    SwFeature   *feature)
{
  /* A photo placed or taken back changes its finding in place. */
  if (SW_IS_PHOTO (feature))
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static GdkTexture *
get_texture (SwPhotoTray *self,
             SwPhoto     *photo)
{
  const char *uuid = sw_feature_get_uuid (SW_FEATURE (photo));
  GdkTexture *texture = g_hash_table_lookup (self->textures, uuid);
  GBytes *thumbnail;

  if (texture != NULL)
    return texture;

  thumbnail = sw_photo_get_thumbnail (photo);
  if (thumbnail == NULL || (texture = gdk_texture_new_from_bytes (thumbnail, NULL)) == NULL)
    return NULL;
  g_hash_table_insert (self->textures, g_strdup (uuid), texture);
  return texture;
}

/* ---------------------------------------------------------------------- */
/* Items                                                                  */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *item)
{
  SwPhoto *photo = gtk_list_item_get_item (item);

  if (photo == NULL)
    return NULL;
  return gdk_content_provider_new_typed (SW_TYPE_PHOTO, photo);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkListItem   *item)
{
  GtkWidget *picture = gtk_list_item_get_child (item);
  GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));

  if (paintable != NULL)
    gtk_drag_source_set_icon (source, paintable, THUMBNAIL_SIZE / 2, THUMBNAIL_SIZE / 2);
}

static void on_secondary_click (GtkGestureClick *gesture,
                                int              n_press,
                                double           x,
                                double           y,
                                GtkListItem     *item);

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            SwPhotoTray              *self)
{
  GtkWidget *picture = gtk_picture_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkGesture *click;

  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (picture, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_widget_add_css_class (picture, "unplaced-photo");
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE | GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), item);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), item);
  gtk_widget_add_controller (picture, GTK_EVENT_CONTROLLER (source));
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), item);
  gtk_widget_add_controller (picture, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, picture);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SwPhotoTray              *self)
{
  SwPhoto *photo = gtk_list_item_get_item (item);
  GtkWidget *picture = gtk_list_item_get_child (item);
  GDateTime *taken_at = sw_photo_get_taken_at (photo);
  g_autofree char *description = NULL;

  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (get_texture (self, photo)));
  if (taken_at != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (taken_at);
      g_autofree char *time = g_date_time_format (local, "%x %X");

      /* Translators: a photo's tooltip in Unplaced Photos; %s is when it was taken. */
      description = g_strdup_printf (_("Taken %s. Drag it onto the map to place it."), time);
    }
  else
    description = g_strdup (_("Drag it onto the map to place it."));
  gtk_widget_set_tooltip_text (picture, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

/* ---------------------------------------------------------------------- */
/* Actions                                                                */

SwPhoto *
sw_photo_tray_get_selected (SwPhotoTray *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_TRAY (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

static void
place (SwPhotoTray *self,
       SwPhoto     *photo)
{
  if (photo == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.place-photo", "s",
                              sw_feature_get_uuid (SW_FEATURE (photo)));
}

static void
place_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SwPhotoTray *self = SW_PHOTO_TRAY (widget);

  place (self, sw_photo_tray_get_selected (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SwPhotoTray *self = SW_PHOTO_TRAY (widget);
  SwPhoto *photo = sw_photo_tray_get_selected (self);
  g_autoptr (GError) error = NULL;

  if (photo == NULL || self->project == NULL)
    return;
  if (!sw_project_remove (self->project, SW_FEATURE (photo), &error))
    g_warning ("%s", error->message);
}

static void
on_activate (SwPhotoTray *self,
             guint        position)
{
  g_autoptr (SwPhoto) photo = g_list_model_get_item (G_LIST_MODEL (self->photos), position);

  place (self, photo);
}

static void
popup_menu (SwPhotoTray *self,
            double       x,
            double       y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (sw_photo_tray_get_selected (self) == NULL)
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* A right click selects the photo under the pointer, as a file manager
 * does, and opens the menu there. */
static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkListItem     *item)
{
  GtkWidget *picture = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  SwPhotoTray *self = SW_PHOTO_TRAY (gtk_widget_get_ancestor (picture, SW_TYPE_PHOTO_TRAY));
  double tx, ty;

  if (self == NULL || gtk_list_item_get_position (item) == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (item));
  gtk_widget_translate_coordinates (picture, GTK_WIDGET (self), x, y, &tx, &ty);
  popup_menu (self, tx, ty);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SwPhotoTray *self = SW_PHOTO_TRAY (widget);

  popup_menu (self, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

/* ---------------------------------------------------------------------- */
/* Building                                                               */

static void
build (SwPhotoTray *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Unplaced Photos"));
  GtkWidget *place_button = gtk_button_new_from_icon_name ("mark-location-symbolic");
  GtkWidget *hint = gtk_label_new (_("Drag a photo onto the map to make a finding there, "
                                     "or press Enter to place it at the map’s centre."));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GMenu) menu = g_menu_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->box, "photo-tray");

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_box_append (GTK_BOX (header), title);
  self->count_label = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "photo-tray-count");
  gtk_widget_set_valign (GTK_WIDGET (self->count_label), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->count_label), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->count_label));
  gtk_widget_add_css_class (place_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (place_button), "tray.place");
  gtk_widget_set_tooltip_text (place_button, _("Place the Selected Photo at the Map’s Centre"));
  gtk_box_append (GTK_BOX (header), place_button);
  gtk_box_append (GTK_BOX (self->box), header);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (self->box), hint);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  self->grid = GTK_GRID_VIEW (gtk_grid_view_new (g_object_ref (GTK_SELECTION_MODEL (self->selection)), factory));
  gtk_grid_view_set_max_columns (self->grid, 8);
  gtk_grid_view_set_min_columns (self->grid, 3);
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "photo-tray-grid");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unplaced Photos"), -1);
  g_signal_connect_swapped (self->grid, "activate", G_CALLBACK (on_activate), self);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 2 * THUMBNAIL_SIZE + 24);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->grid));
  gtk_box_append (GTK_BOX (self->box), scrolled);

  g_menu_append (menu, _("_Place at Map Centre"), "tray.place");
  g_menu_append (menu, _("_Remove Photo"), "tray.remove");
  self->context_menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (G_MENU_MODEL (menu)));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
sw_photo_tray_dispose (GObject *object)
{
  SwPhotoTray *self = SW_PHOTO_TRAY (object);

  g_clear_pointer ((GtkWidget **) &self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->photos);
  g_clear_object (&self->project);
  g_clear_pointer (&self->textures, g_hash_table_unref);

  G_OBJECT_CLASS (sw_photo_tray_parent_class)->dispose (object);
}

static void
sw_photo_tray_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SwPhotoTray *self = SW_PHOTO_TRAY (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_photo_tray_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SwPhotoTray *self = SW_PHOTO_TRAY (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      sw_photo_tray_set_project (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_photo_tray_class_init (SwPhotoTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_photo_tray_dispose;
  object_class->get_property = sw_photo_tray_get_property;
  object_class->set_property = sw_photo_tray_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, SW_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "tray.place", NULL, place_action);
  gtk_widget_class_install_action (widget_class, "tray.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "tray.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "tray.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "tray.menu", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "phototray");
}

static void
sw_photo_tray_init (SwPhotoTray *self)
{
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->filter = gtk_custom_filter_new (photo_is_unplaced, NULL, NULL);
  self->photos = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->photos)));
  g_signal_connect_swapped (self->photos, "items-changed", G_CALLBACK (update_count), self);

  build (self);
  update_count (self);
}

GtkWidget *
sw_photo_tray_new (void)
{
  return g_object_new (SW_TYPE_PHOTO_TRAY, NULL);
}

SwProject *
sw_photo_tray_get_project (SwPhotoTray *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_TRAY (self), NULL);

  return self->project;
}

void
sw_photo_tray_set_project (SwPhotoTray *self,
                           SwProject   *project)
{
  g_return_if_fail (SW_IS_PHOTO_TRAY (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_feature_changed, self);
  g_set_object (&self->project, project);
  g_hash_table_remove_all (self->textures);
  if (project != NULL)
    g_signal_connect_object (project, "feature-changed", G_CALLBACK (on_feature_changed), self,
                             G_CONNECT_SWAPPED);
  gtk_filter_list_model_set_model (self->photos, project != NULL ? sw_project_get_photos (project) : NULL);
  update_count (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

GListModel *
sw_photo_tray_get_photos (SwPhotoTray *self)
{
  g_return_val_if_fail (SW_IS_PHOTO_TRAY (self), NULL);

  return G_LIST_MODEL (self->photos);
}
