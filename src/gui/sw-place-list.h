/* The places of a project beside the map, ranked by priority, with Group
 * Again, and each place opened in a view of its own. */
#pragma once

#include <gtk/gtk.h>

#include "sw-project.h"

G_BEGIN_DECLS

/* Signals: "ranking-changed" after the places were ranked again (read
 * sw_place_list_get_ranking()); "finding-activated" (SwFinding *) when a
 * finding of a place is to be shown on the map; "place-shown" (SwPlace *)
 * when a place is opened, for the map to bring it into view. */
#define SW_TYPE_PLACE_LIST (sw_place_list_get_type ())
G_DECLARE_FINAL_TYPE (SwPlaceList, sw_place_list, SW, PLACE_LIST, GtkWidget)

GtkWidget  *sw_place_list_new         (void);
void        sw_place_list_set_project (SwPlaceList *self,
                                       SwProject   *project);
/* SwPlacePriority items, highest first; NULL without a project. */
GListModel *sw_place_list_get_ranking (SwPlaceList *self);
void        sw_place_list_show_place  (SwPlaceList *self,
                                       SwPlace     *place);
/* Groups the findings into places again, in a thread; "ranking-changed"
 * follows when it is stored. */
void        sw_place_list_group       (SwPlaceList *self);

G_END_DECLS
