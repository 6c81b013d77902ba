/* The route being drawn or edited, on top of the other layers: its line,
 * a handle on each vertex and one on each segment's midpoint. The pointer
 * gestures sit on the map itself, in the capture phase, so that they see a
 * press before the map pans and whatever layers lie above this one. */
#define G_LOG_DOMAIN "sw-route-editor"

#include "config.h"

#include <math.h>

#include "sw-route-editor.h"

#define DEFAULT_COLOR     "#3584e4"
#define LINE_WIDTH        4.0
#define CASING_WIDTH      7.0
#define VERTEX_RADIUS     6.0
#define MIDPOINT_RADIUS   4.0
#define VERTEX_HIT        11.0
#define MIDPOINT_HIT      9.0
/* Further than this between press and release is a pan, not a click. */
#define CLICK_SLOP        5.0
#define UNDO_LIMIT        200
/* Shorter segments on screen get no midpoint handle: it would crowd the
 * vertices it lies between. */
#define MIDPOINT_MIN_SEGMENT 28.0

typedef struct
{
  double longitude;
  double latitude;
} RoutePoint;

typedef enum
{
  PRESS_NONE,
  PRESS_CLICK,
  PRESS_VERTEX,
  PRESS_MIDPOINT,
  PRESS_FINISH,
} PressKind;

struct _SwRouteEditor
{
  ShumateLayer parent_instance;

  ShumateMap *map;
  GtkGesture *drag;
  GtkEventController *motion;

  /* Where the pointer is over the map, for the line to the next point. */
  gboolean has_pointer;
  double pointer_x;
  double pointer_y;

  SwRouteEditorMode mode;
  GArray *points;
  GPtrArray *undo_stack;
  GPtrArray *redo_stack;
  int selected;
  GdkRGBA color;

  /* The press being handled. */
  PressKind press;
  int press_index;
  double press_x;
  double press_y;
  gboolean moved;

  /* The last click that added a vertex, to tell a double click. */
  guint32 last_click_time;
  double last_click_x;
  double last_click_y;
  gboolean has_last_click;
};

G_DEFINE_FINAL_TYPE (SwRouteEditor, sw_route_editor, SHUMATE_TYPE_LAYER)

enum
{
  CHANGED,
  FINISH_REQUESTED,
  MAP_CLICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ShumateViewport *
get_viewport (SwRouteEditor *self)
{
  return shumate_layer_get_viewport (SHUMATE_LAYER (self));
}

static RoutePoint *
point_at (SwRouteEditor *self,
          guint          index)
{
  return &g_array_index (self->points, RoutePoint, index);
}

static void
to_widget (SwRouteEditor *self,
           double         longitude,
           double         latitude,
           double        *x,
           double        *y)
{
  shumate_viewport_location_to_widget_coords (get_viewport (self), GTK_WIDGET (self->map),
                                              latitude, longitude, x, y);
}

static void
to_location (SwRouteEditor *self,
             double         x,
             double         y,
             double        *longitude,
             double        *latitude)
{
  shumate_viewport_widget_coords_to_location (get_viewport (self), GTK_WIDGET (self->map),
                                              x, y, latitude, longitude);
}

static void
emit_changed (SwRouteEditor *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---------------------------------------------------------------------- */
/* Undo within the edit                                                   */

static void
push_undo (SwRouteEditor *self)
{
  g_ptr_array_add (self->undo_stack, g_array_copy (self->points));
  if (self->undo_stack->len > UNDO_LIMIT)
    g_ptr_array_remove_index (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
}

static void
swap_points (SwRouteEditor *self,
             GPtrArray     *from,
             GPtrArray     *to)
{
  g_ptr_array_add (to, g_steal_pointer (&self->points));
  self->points = g_ptr_array_steal_index (from, from->len - 1);
  if (self->selected >= (int) self->points->len)
    self->selected = -1;
  self->has_last_click = FALSE;
  emit_changed (self);
}

gboolean
sw_route_editor_can_undo (SwRouteEditor *self)
{
  g_return_val_if_fail (SW_IS_ROUTE_EDITOR (self), FALSE);

  return self->mode == SW_ROUTE_EDITOR_MODE_ROUTE && self->undo_stack->len > 0;
}

gboolean
sw_route_editor_can_redo (SwRouteEditor *self)
{
  g_return_val_if_fail (SW_IS_ROUTE_EDITOR (self), FALSE);

  return self->mode == SW_ROUTE_EDITOR_MODE_ROUTE && self->redo_stack->len > 0;
}

gboolean
sw_route_editor_undo (SwRouteEditor *self)
{
  g_return_val_if_fail (SW_IS_ROUTE_EDITOR (self), FALSE);

  if (!sw_route_editor_can_undo (self))
    return FALSE;

  swap_points (self, self->undo_stack, self->redo_stack);
  return TRUE;
}

gboolean
sw_route_editor_redo (SwRouteEditor *self)
{
  g_return_val_if_fail (SW_IS_ROUTE_EDITOR (self), FALSE);

  if (!sw_route_editor_can_redo (self))
    return FALSE;

  swap_points (self, self->redo_stack, self->undo_stack);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Hit testing                                                            */

static int
find_vertex (SwRouteEditor *self,
             double         x,
             double         y)
{
  double best = VERTEX_HIT * VERTEX_HIT;
  int found = -1;

  for (guint i = 0; i < self->points->len; i++)
    {
      const RoutePoint *p = point_at (self, i);
      double px, py, d;

      to_widget (self, p->longitude, p->latitude, &px, &py);
      d = (px - x) * (px - x) + (py - y) * (py - y);
      if (d <= best)
        {
          best = d;
          found = i;
        }
    }

  return found;
}

/* The segment whose midpoint handle is at @x, @y: the handle sits between
 * vertex i and i + 1. */
static int
find_midpoint (SwRouteEditor *self,
               double         x,
               double         y)
{
  double best = MIDPOINT_HIT * MIDPOINT_HIT;
  int found = -1;

  for (guint i = 0; i + 1 < self->points->len; i++)
    {
      const RoutePoint *a = point_at (self, i);
      const RoutePoint *b = point_at (self, i + 1);
      double ax, ay, bx, by, d;

      to_widget (self, a->longitude, a->latitude, &ax, &ay);
      to_widget (self, b->longitude, b->latitude, &bx, &by);
      if (hypot (bx - ax, by - ay) < MIDPOINT_MIN_SEGMENT)
        continue;
      d = pow ((ax + bx) / 2 - x, 2) + pow ((ay + by) / 2 - y, 2);
      if (d <= best)
        {
          best = d;
          found = i;
        }
    }

  return found;
}

/* ---------------------------------------------------------------------- */
/* Gestures                                                               */

static gboolean
is_double_click (SwRouteEditor *self,
                 GtkGesture    *gesture,
                 double         x,
                 double         y)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self->map));
  guint32 time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (gesture));
  int double_click_time = 400;
  int double_click_distance = 5;

  if (!self->has_last_click)
    return FALSE;

  g_object_get (settings,
                "gtk-double-click-time", &double_click_time,
                "gtk-double-click-distance", &double_click_distance,
                NULL);
  double_click_distance = MAX (double_click_distance, (int) CLICK_SLOP);

  return time - self->last_click_time <= (guint32) double_click_time
         && fabs (x - self->last_click_x) <= double_click_distance
         && fabs (y - self->last_click_y) <= double_click_distance;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SwRouteEditor  *self)
{
  int index;

  self->press = PRESS_NONE;
  self->press_index = -1;
  self->press_x = x;
  self->press_y = y;
  self->moved = FALSE;

  /* Outside drawing, and in stop mode, a press may still pan the map or be
   * claimed by another tool (as a finding's); a click is reported. */
  if (self->mode == SW_ROUTE_EDITOR_MODE_NONE || self->mode == SW_ROUTE_EDITOR_MODE_STOP)
    {
      self->press = PRESS_CLICK;
      return;
    }

  if (is_double_click (self, GTK_GESTURE (gesture), x, y))
    {
      self->press = PRESS_FINISH;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  if ((index = find_vertex (self, x, y)) >= 0)
    {
      self->press = PRESS_VERTEX;
      self->press_index = index;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  else if ((index = find_midpoint (self, x, y)) >= 0)
    {
      self->press = PRESS_MIDPOINT;
      self->press_index = index;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  else
    /* Unclaimed: the map pans if the pointer moves. */
    self->press = PRESS_CLICK;
}

static void
insert_midpoint (SwRouteEditor *self,
                 int            segment,
                 double         x,
                 double         y)
{
  double longitude, latitude;

  to_location (self, x, y, &longitude, &latitude);
  push_undo (self);
  g_array_insert_val (self->points, segment + 1, ((RoutePoint) { longitude, latitude }));
  self->selected = segment + 1;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                SwRouteEditor  *self)
{
  double x = self->press_x + offset_x;
  double y = self->press_y + offset_y;
  RoutePoint *point;

  if (!self->moved && hypot (offset_x, offset_y) < CLICK_SLOP)
    return;

  if (self->press == PRESS_CLICK)
    {
      /* The map pans; this is no longer a click. */
      self->press = PRESS_NONE;
      return;
    }

  if (self->press != PRESS_VERTEX && self->press != PRESS_MIDPOINT)
    return;

  if (!self->moved)
    {
      self->moved = TRUE;
      if (self->press == PRESS_MIDPOINT)
        {
          insert_midpoint (self, self->press_index, x, y);
          self->press = PRESS_VERTEX;
          self->press_index = self->press_index + 1;
        }
      else
        {
          push_undo (self);
          self->selected = self->press_index;
        }
    }

  point = point_at (self, self->press_index);
  to_location (self, x, y, &point->longitude, &point->latitude);
  emit_changed (self);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             SwRouteEditor  *self)
{
  PressKind press = self->press;
  double longitude, latitude;

  self->press = PRESS_NONE;

  switch (press)
    {
    case PRESS_FINISH:
      self->has_last_click = FALSE;
      g_signal_emit (self, signals[FINISH_REQUESTED], 0);
      break;

    case PRESS_VERTEX:
      if (!self->moved)
        {
          self->selected = self->press_index;
          emit_changed (self);
        }
      self->has_last_click = FALSE;
      break;

    case PRESS_MIDPOINT:
      if (!self->moved)
        {
          insert_midpoint (self, self->press_index, self->press_x, self->press_y);
          emit_changed (self);
        }
      self->has_last_click = FALSE;
      break;

    case PRESS_CLICK:
      if (hypot (offset_x, offset_y) >= CLICK_SLOP)
        break;

      if (self->mode != SW_ROUTE_EDITOR_MODE_ROUTE)
        {
          g_signal_emit (self, signals[MAP_CLICKED], 0, self->press_x, self->press_y);
          break;
        }

      to_location (self, self->press_x, self->press_y, &longitude, &latitude);
      sw_route_editor_append_point (self, longitude, latitude);
      self->last_click_time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (gesture));
      self->last_click_x = self->press_x;
      self->last_click_y = self->press_y;
      self->has_last_click = TRUE;
      break;

    case PRESS_NONE:
    default:
      break;
    }
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           SwRouteEditor            *self)
{
  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->mode == SW_ROUTE_EDITOR_MODE_ROUTE && self->points->len > 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (GtkEventControllerMotion *motion,
          SwRouteEditor            *self)
{
  self->has_pointer = FALSE;
  if (self->mode == SW_ROUTE_EDITOR_MODE_ROUTE)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                SwRouteEditor    *self)
{
  self->press = PRESS_NONE;
}

/* ---------------------------------------------------------------------- */
/* Drawing                                                                */

static void
sw_route_editor_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SwRouteEditor *self = SW_ROUTE_EDITOR (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autofree graphene_point_t *screen = NULL;
  cairo_t *cr;

  if (self->mode != SW_ROUTE_EDITOR_MODE_ROUTE || self->points->len == 0
      || width <= 0 || height <= 0
      || shumate_viewport_get_reference_map_source (get_viewport (self)) == NULL)
    return;

  screen = g_new (graphene_point_t, self->points->len);
  for (guint i = 0; i < self->points->len; i++)
    {
      const RoutePoint *p = point_at (self, i);
      double x, y;

      to_widget (self, p->longitude, p->latitude, &x, &y);
      screen[i] = GRAPHENE_POINT_INIT (x, y);
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < self->points->len; i++)
    cairo_line_to (cr, screen[i].x, screen[i].y);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, CASING_WIDTH);
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_stroke (cr);

  /* The line the next click would add, while the pointer is on the map. */
  if (self->has_pointer && self->press == PRESS_NONE)
    {
      const double dashes[] = { 6.0, 4.0 };

      cairo_move_to (cr, screen[self->points->len - 1].x, screen[self->points->len - 1].y);
      cairo_line_to (cr, self->pointer_x, self->pointer_y);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_source_rgba (cr, self->color.red, self->color.green, self->color.blue, 0.7);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Midpoint handles: dragging one inserts a vertex. */
  cairo_set_line_width (cr, 1.5);
  for (guint i = 0; i + 1 < self->points->len; i++)
    {
      if (hypot (screen[i + 1].x - screen[i].x, screen[i + 1].y - screen[i].y) < MIDPOINT_MIN_SEGMENT)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, (screen[i].x + screen[i + 1].x) / 2, (screen[i].y + screen[i + 1].y) / 2,
                 MIDPOINT_RADIUS, 0, 2 * G_PI);
    }
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, self->color.red, self->color.green, self->color.blue, 0.8);
  cairo_stroke (cr);

  cairo_set_line_width (cr, 2.5);
  for (guint i = 0; i < self->points->len; i++)
    {
      gboolean selected = (int) i == self->selected;

      cairo_new_sub_path (cr);
      cairo_arc (cr, screen[i].x, screen[i].y, VERTEX_RADIUS + (selected ? 1.5 : 0), 0, 2 * G_PI);
      if (selected)
        gdk_cairo_set_source_rgba (cr, &self->color);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      if (selected)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        gdk_cairo_set_source_rgba (cr, &self->color);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
set_mode (SwRouteEditor     *self,
          SwRouteEditorMode  mode)
{
  if (self->mode == mode)
    return;

  self->mode = mode;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map),
                                   mode == SW_ROUTE_EDITOR_MODE_NONE ? "grab" : "crosshair");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

static void
sw_route_editor_dispose (GObject *object)
{
  SwRouteEditor *self = SW_ROUTE_EDITOR (object);

  if (self->map != NULL && self->drag != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (self->drag));
  if (self->map != NULL && self->motion != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->map), self->motion);
  self->drag = NULL;
  self->motion = NULL;
  g_clear_weak_pointer (&self->map);

  G_OBJECT_CLASS (sw_route_editor_parent_class)->dispose (object);
}

static void
sw_route_editor_finalize (GObject *object)
{
  SwRouteEditor *self = SW_ROUTE_EDITOR (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);

  G_OBJECT_CLASS (sw_route_editor_parent_class)->finalize (object);
}

static void
sw_route_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SwRouteEditor *self = SW_ROUTE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_route_editor_class_init (SwRouteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_route_editor_dispose;
  object_class->finalize = sw_route_editor_finalize;
  object_class->get_property = sw_route_editor_get_property;

  widget_class->snapshot = sw_route_editor_snapshot;

  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL,
                      SW_ROUTE_EDITOR_MODE_NONE, SW_ROUTE_EDITOR_MODE_STOP, SW_ROUTE_EDITOR_MODE_NONE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINISH_REQUESTED] =
    g_signal_new ("finish-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MAP_CLICKED] =
    g_signal_new ("map-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

static void
sw_route_editor_init (SwRouteEditor *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (RoutePoint));
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->selected = -1;
  gdk_rgba_parse (&self->color, DEFAULT_COLOR);

  /* The gestures are on the map; the layer only draws. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/* Adds its gestures to @map; add the layer to the same map, above the
 * others. */
SwRouteEditor *
sw_route_editor_new (ShumateMap *map)
{
  SwRouteEditor *self;

  g_return_val_if_fail (SHUMATE_IS_MAP (map), NULL);

  self = g_object_new (SW_TYPE_ROUTE_EDITOR, "viewport", shumate_map_get_viewport (map), NULL);
  g_set_weak_pointer (&self->map, map);

  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drag), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (self->drag), "sw-route-editor");
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (self->drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (map), GTK_EVENT_CONTROLLER (self->drag));

  self->motion = gtk_event_controller_motion_new ();
  g_signal_connect (self->motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (self->motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (map), self->motion);

  return self;
}

SwRouteEditorMode
sw_route_editor_get_mode (SwRouteEditor *self)
{
  g_return_val_if_fail (SW_IS_ROUTE_EDITOR (self), SW_ROUTE_EDITOR_MODE_NONE);

  return self->mode;
}

/* Starts editing @points (a(dd) of longitude, latitude; NULL for a new
 * route) drawn in @color. */
void
sw_route_editor_begin_route (SwRouteEditor *self,
                             GVariant      *points,
                             const char    *color)
{
  g_return_if_fail (SW_IS_ROUTE_EDITOR (self));
  g_return_if_fail (points == NULL || g_variant_is_of_type (points, G_VARIANT_TYPE ("a(dd)")));

  g_array_set_size (self->points, 0);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->selected = -1;
  self->has_last_click = FALSE;
  self->press = PRESS_NONE;

  if (color == NULL || !gdk_rgba_parse (&self->color, color))
    gdk_rgba_parse (&self->color, DEFAULT_COLOR);

  if (points != NULL)
    {
      GVariantIter iter;
      RoutePoint point;

      g_variant_iter_init (&iter, points);
      while (g_variant_iter_next (&iter, "(dd)", &point.longitude, &point.latitude))
        g_array_append_val (self->points, point);
    }

  set_mode (self, SW_ROUTE_EDITOR_MODE_ROUTE);
  emit_changed (self);
}

/* The next click on the map is reported by "map-clicked". */
void
sw_route_editor_begin_stop (SwRouteEditor *self)
{
  g_return_if_fail (SW_IS_ROUTE_EDITOR (self));

  g_array_set_size (self->points, 0);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->selected = -1;
  set_mode (self, SW_ROUTE_EDITOR_MODE_STOP);
  emit_changed (self);
}

void
sw_route_editor_end (SwRouteEditor *self)
{
  g_return_if_fail (SW_IS_ROUTE_EDITOR (self));

  g_array_set_size (self->points, 0);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->selected = -1;
  self->press = PRESS_NONE;
  self->has_last_click = FALSE;
  set_mode (self, SW_ROUTE_EDITOR_MODE_NONE);
  emit_changed (self);
}

/* Returns a new floating a(dd) of (longitude, latitude). */
GVariant *
sw_route_editor_dup_points (SwRouteEditor *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (SW_IS_ROUTE_EDITOR (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  for (guint i = 0; i < self->points->len; i++)
    g_variant_builder_add (&builder, "(dd)", point_at (self, i)->longitude, point_at (self, i)->latitude);

  return g_variant_builder_end (&builder);
}

guint
sw_route_editor_get_n_points (SwRouteEditor *self)
{
  g_return_val_if_fail (SW_IS_ROUTE_EDITOR (self), 0);

  return self->points->len;
}

void
sw_route_editor_get_point (SwRouteEditor *self,
                           guint          index,
                           double        *longitude,
                           double        *latitude)
{
  g_return_if_fail (SW_IS_ROUTE_EDITOR (self));
  g_return_if_fail (index < self->points->len);

  *longitude = point_at (self, index)->longitude;
  *latitude = point_at (self, index)->latitude;
}

int
sw_route_editor_get_selected (SwRouteEditor *self)
{
  g_return_val_if_fail (SW_IS_ROUTE_EDITOR (self), -1);

  return self->selected;
}

void
sw_route_editor_set_selected (SwRouteEditor *self,
                              int            index)
{
  g_return_if_fail (SW_IS_ROUTE_EDITOR (self));
  g_return_if_fail (index < (int) self->points->len);

  self->selected = index;
  emit_changed (self);
}

void
sw_route_editor_append_point (SwRouteEditor *self,
                              double         longitude,
                              double         latitude)
{
  g_return_if_fail (SW_IS_ROUTE_EDITOR (self));

  push_undo (self);
  g_array_append_val (self->points, ((RoutePoint) { longitude, latitude }));
  self->selected = self->points->len - 1;
  emit_changed (self);
}

void
sw_route_editor_insert_point (SwRouteEditor *self,
                              guint          index,
                              double         longitude,
                              double         latitude)
{
  g_return_if_fail (SW_IS_ROUTE_EDITOR (self));
  g_return_if_fail (index <= self->points->len);

  push_undo (self);
  g_array_insert_val (self->points, index, ((RoutePoint) { longitude, latitude }));
  self->selected = index;
  emit_changed (self);
}

void
sw_route_editor_move_point (SwRouteEditor *self,
                            guint          index,
                            double         longitude,
                            double         latitude)
{
  g_return_if_fail (SW_IS_ROUTE_EDITOR (self));
  g_return_if_fail (index < self->points->len);

  push_undo (self);
  *point_at (self, index) = (RoutePoint) { longitude, latitude };
  self->selected = index;
  emit_changed (self);
}

gboolean
sw_route_editor_delete_selected (SwRouteEditor *self)
{
  g_return_val_if_fail (SW_IS_ROUTE_EDITOR (self), FALSE);

  if (self->mode != SW_ROUTE_EDITOR_MODE_ROUTE
      || self->selected < 0 || self->selected >= (int) self->points->len)
    return FALSE;

  push_undo (self);
  g_array_remove_index (self->points, self->selected);
  /* The one before, so that Delete pressed again walks back the line. */
  self->selected = MIN (self->selected, (int) self->points->len) - 1;
  if (self->selected < 0 && self->points->len > 0)
    self->selected = 0;
  self->has_last_click = FALSE;
  emit_changed (self);

  return TRUE;
}
