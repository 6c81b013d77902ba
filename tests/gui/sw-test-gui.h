/* What the GUI tests share: running the main loop until something holds,
 * saving screenshots, finding widgets. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WAIT_SECONDS 30

typedef gboolean (*Condition) (gpointer user_data);

gboolean    wait_for        (Condition   condition,
                             gpointer    user_data,
                             const char *what);
void        spin            (guint       milliseconds);
GdkTexture *save_screenshot (GtkWidget  *widget,
                             const char *name);
GtkWidget  *find_descendant (GtkWidget  *widget,
                             GType       type);

/* Input through the X server (XTest, by the xdotool program), as a person
 * gives it: @widget's coordinates in the X window of its toplevel. */
gulong      sw_test_get_xid        (GtkWidget  *widget);
void        sw_test_to_surface     (GtkWidget  *widget,
                                    double      x,
                                    double      y,
                                    int        *surface_x,
                                    int        *surface_y);
void        sw_test_xdotool        (const char *format,
                                    ...) G_GNUC_PRINTF (1, 2);
/* Moves the pointer to @widget's coordinates @x0, @y0, presses, moves to
 * @x1, @y1 in steps and releases; a click when both are the same. Through
 * X when @gesture is NULL, else by emitting @gesture's drag signals. */
void        sw_test_pointer_drag   (GtkWidget  *widget,
                                    GtkGesture *gesture,
                                    double      x0,
                                    double      y0,
                                    double      x1,
                                    double      y1);

G_END_DECLS
