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

G_END_DECLS
