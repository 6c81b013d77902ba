/* The draw and edit mode of routes on the map: the route being edited drawn
 * with its vertex and midpoint handles, and the clicks and drags that shape
 * it; also the click that places a stop. */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

typedef enum
{
  SW_ROUTE_EDITOR_MODE_NONE,
  SW_ROUTE_EDITOR_MODE_ROUTE,
  SW_ROUTE_EDITOR_MODE_STOP,
} SwRouteEditorMode;

/* Signals: "changed" when the points or the selected vertex change,
 * "finish-requested" on a double click, "map-clicked" (double x, double y)
 * for a click in stop mode or outside any mode (a click another tool
 * claimed is not reported), in the map widget's coordinates. */
#define SW_TYPE_ROUTE_EDITOR (sw_route_editor_get_type ())
G_DECLARE_FINAL_TYPE (SwRouteEditor, sw_route_editor, SW, ROUTE_EDITOR, ShumateLayer)

SwRouteEditor    *sw_route_editor_new             (ShumateMap      *map);
SwRouteEditorMode sw_route_editor_get_mode        (SwRouteEditor   *self);
void              sw_route_editor_begin_route     (SwRouteEditor   *self,
                                                   GVariant        *points,
                                                   const char      *color);
void              sw_route_editor_begin_stop      (SwRouteEditor   *self);
void              sw_route_editor_end             (SwRouteEditor   *self);

GVariant         *sw_route_editor_dup_points      (SwRouteEditor   *self);
guint             sw_route_editor_get_n_points    (SwRouteEditor   *self);
void              sw_route_editor_get_point       (SwRouteEditor   *self,
                                                   guint            index,
                                                   double          *longitude,
                                                   double          *latitude);
int               sw_route_editor_get_selected    (SwRouteEditor   *self);
void              sw_route_editor_set_selected    (SwRouteEditor   *self,
                                                   int              index);

void              sw_route_editor_append_point    (SwRouteEditor   *self,
                                                   double           longitude,
                                                   double           latitude);
void              sw_route_editor_insert_point    (SwRouteEditor   *self,
                                                   guint            index,
                                                   double           longitude,
                                                   double           latitude);
void              sw_route_editor_move_point      (SwRouteEditor   *self,
                                                   guint            index,
                                                   double           longitude,
                                                   double           latitude);
gboolean          sw_route_editor_delete_selected (SwRouteEditor   *self);

gboolean          sw_route_editor_can_undo        (SwRouteEditor   *self);
gboolean          sw_route_editor_can_redo        (SwRouteEditor   *self);
gboolean          sw_route_editor_undo            (SwRouteEditor   *self);
gboolean          sw_route_editor_redo            (SwRouteEditor   *self);

G_END_DECLS
