/* Unplaced Photos: imported photos that carried no position and met no
 * track, waiting in the sidebar to be dragged onto the map. */
#pragma once

#include <gtk/gtk.h>

#include "sw-project.h"

G_BEGIN_DECLS

/* Property "project". A photo is placed by dragging it onto the map (the
 * map accepts an SwPhoto), or from the keyboard or its context menu, which
 * activate "win.place-photo" with the photo's uuid. The tray hides itself
 * while no photo waits. */
#define SW_TYPE_PHOTO_TRAY (sw_photo_tray_get_type ())
G_DECLARE_FINAL_TYPE (SwPhotoTray, sw_photo_tray, SW, PHOTO_TRAY, GtkWidget)

GtkWidget  *sw_photo_tray_new         (void);
SwProject  *sw_photo_tray_get_project (SwPhotoTray *self);
void        sw_photo_tray_set_project (SwPhotoTray *self,
                                       SwProject   *project);
/* The unplaced photos (SwPhoto), live. */
GListModel *sw_photo_tray_get_photos  (SwPhotoTray *self);
SwPhoto    *sw_photo_tray_get_selected (SwPhotoTray *self);

G_END_DECLS
