/* Findings under the pointer. The gesture sits on the map itself, in the
 * capture phase, so that a press on a finding moves the finding rather than
 * panning the map; elsewhere the press is left to the map. The finding
 * layer answers what is under the pointer and draws the selection; while a
 * finding is dragged, the layer shows a moved copy of it. */
#define G_LOG_DOMAIN "sw-finding-tool"

#include "config.h"

#include <math.h>

#include "sw-finding-tool.h"

/* Further than this between press and release is a drag, not a click. */
#define CLICK_SLOP     4.0

struct _SwFindingTool
{
  GObject parent_instance;

  ShumateMap *map;
  SwFindingLayer *layer;
  GtkGesture *drag;
  SwFinding *selected;
  /* The copy the layer shows while the selected finding is dragged. */
  SwFinding *dragged;

  gboolean adding;
  gboolean blocked;

  /* The press being handled. */
  SwFinding *pressed;
  /* The extent of a counted cluster pressed, to zoom into on release. */
  SwBounds *pressed_cluster;
  gboolean pressed_on_map;
  gboolean moved;
  double press_x;
  double press_y;
  double pointer_x;
  double pointer_y;
};

G_DEFINE_FINAL_TYPE (SwFindingTool, sw_finding_tool, G_TYPE_OBJECT)

enum
{
  PLACE_REQUESTED,
  FINDING_CLICKED,
  FINDING_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
to_location (SwFindingTool *self,
             double         x,
             double         y,
             double        *longitude,
             double        *latitude)
{
  shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (self->map),
                                              GTK_WIDGET (self->map), x, y, latitude, longitude);
}

/* The single finding drawn under @x, @y (not a cluster), or NULL. */
SwFinding *
sw_finding_tool_pick (SwFindingTool *self,
                      double         x,
                      double         y)
{
  g_return_val_if_fail (SW_IS_FINDING_TOOL (self), NULL);

  return self->layer != NULL ? sw_finding_layer_pick (self->layer, x, y) : NULL;
}

/* Shows @finding selected on the layer: the listed one, or a moved copy. */
static void
show_on_layer (SwFindingTool *self,
               SwFinding     *finding)
{
  if (self->layer == NULL)
    return;

  sw_finding_layer_set_selected_finding (self->layer, finding);
  gtk_widget_queue_draw (GTK_WIDGET (self->layer));
}

static void
end_drag (SwFindingTool *self)
{
  if (self->dragged == NULL)
    return;

  g_clear_object (&self->dragged);
  show_on_layer (self, self->selected);
}

/* ---------------------------------------------------------------------- */
/* Gesture                                                                */

/* Enough zoom that the cluster's findings spread apart, and at least two
 * levels more, centred on them. */
static void
zoom_into (SwFindingTool *self,
           SwBounds      *bounds)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double max_zoom = shumate_viewport_get_max_zoom_level (viewport);
  double longitude, latitude;

  if (sw_bounds_is_empty (bounds))
    return;
  sw_bounds_get_center (bounds, &longitude, &latitude);
  shumate_map_go_to_full (self->map, latitude, longitude, MIN (zoom + 2.0, max_zoom));
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SwFindingTool  *self)
{
  SwFinding *finding;

  g_clear_object (&self->pressed);
  g_clear_pointer (&self->pressed_cluster, sw_bounds_unref);
  self->pressed_on_map = FALSE;
  self->moved = FALSE;
  self->press_x = self->pointer_x = x;
  self->press_y = self->pointer_y = y;

  if (self->blocked)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  finding = sw_finding_tool_pick (self, x, y);
  if (finding != NULL && !self->adding)
    {
      self->pressed = g_object_ref (finding);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  /* A click on a counted cluster zooms into it; a drag still pans. */
  g_clear_pointer (&self->pressed_cluster, sw_bounds_unref);
  if (!self->adding && self->layer != NULL &&
      sw_finding_layer_pick_cluster (self->layer, x, y, &self->pressed_cluster))
    return;

  if (self->adding)
    {
      /* Unclaimed: the map pans if the pointer moves; a click places. */
      self->pressed_on_map = TRUE;
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                SwFindingTool  *self)
{
  if (!self->moved && hypot (offset_x, offset_y) < CLICK_SLOP)
    return;

  self->moved = TRUE;
  self->pointer_x = self->press_x + offset_x;
  self->pointer_y = self->press_y + offset_y;

  if (self->pressed != NULL)
    {
      double longitude, latitude;

      /* The layer draws the selected finding at its own position, read on
       * every frame: a copy that follows the pointer. */
      if (self->dragged == NULL)
        self->dragged = SW_FINDING (sw_feature_copy (SW_FEATURE (self->pressed)));
      to_location (self, self->pointer_x, self->pointer_y, &longitude, &latitude);
      sw_finding_set_longitude (self->dragged, longitude);
      sw_finding_set_latitude (self->dragged, latitude);
      show_on_layer (self, self->dragged);
    }
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             SwFindingTool  *self)
{
  g_autoptr (SwFinding) finding = g_steal_pointer (&self->pressed);
  gboolean on_map = self->pressed_on_map;
  gboolean moved = self->moved || hypot (offset_x, offset_y) >= CLICK_SLOP;

  self->pressed_on_map = FALSE;
  self->moved = FALSE;

  if (finding != NULL)
    {
      if (moved)
        {
          double longitude, latitude;

          to_location (self, self->press_x + offset_x, self->press_y + offset_y, &longitude, &latitude);
          g_signal_emit (self, signals[FINDING_MOVED], 0, finding, longitude, latitude);
        }
      else
        g_signal_emit (self, signals[FINDING_CLICKED], 0, finding);
      end_drag (self);
    }
  else if (on_map && !moved)
    g_signal_emit (self, signals[PLACE_REQUESTED], 0, self->press_x, self->press_y);
  else if (self->pressed_cluster != NULL && !moved)
    zoom_into (self, self->pressed_cluster);
  g_clear_pointer (&self->pressed_cluster, sw_bounds_unref);
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                SwFindingTool    *self)
{
  g_clear_object (&self->pressed);
  self->pressed_on_map = FALSE;
  self->moved = FALSE;
  end_drag (self);
}

/* ---------------------------------------------------------------------- */

static void
sw_finding_tool_dispose (GObject *object)
{
  SwFindingTool *self = SW_FINDING_TOOL (object);

  if (self->drag != NULL && self->map != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (self->drag));
  self->drag = NULL;
  g_clear_object (&self->dragged);
  g_clear_object (&self->selected);
  g_clear_object (&self->pressed);
  g_clear_pointer (&self->pressed_cluster, sw_bounds_unref);
  g_clear_weak_pointer (&self->layer);
  g_clear_weak_pointer (&self->map);

  G_OBJECT_CLASS (sw_finding_tool_parent_class)->dispose (object);
}

static void
sw_finding_tool_class_init (SwFindingToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sw_finding_tool_dispose;

  signals[PLACE_REQUESTED] =
    g_signal_new ("place-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[FINDING_CLICKED] =
    g_signal_new ("finding-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_FINDING);
  signals[FINDING_MOVED] =
    g_signal_new ("finding-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, SW_TYPE_FINDING, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

static void
sw_finding_tool_init (SwFindingTool *self)
{
}

/* Adds its gesture to @map, whose findings @layer draws. */
SwFindingTool *
sw_finding_tool_new (ShumateMap     *map,
                     SwFindingLayer *layer)
{
  SwFindingTool *self;

  g_return_val_if_fail (SHUMATE_IS_MAP (map), NULL);
  g_return_val_if_fail (SW_IS_FINDING_LAYER (layer), NULL);

  self = g_object_new (SW_TYPE_FINDING_TOOL, NULL);
  g_set_weak_pointer (&self->map, map);
  g_set_weak_pointer (&self->layer, layer);

  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drag), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (self->drag), "sw-finding-tool");
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (self->drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (map), GTK_EVENT_CONTROLLER (self->drag));

  return self;
}

gboolean
sw_finding_tool_get_adding (SwFindingTool *self)
{
  g_return_val_if_fail (SW_IS_FINDING_TOOL (self), FALSE);

  return self->adding;
}

/* In add mode a click on the map asks for a new finding there. */
void
sw_finding_tool_set_adding (SwFindingTool *self,
                            gboolean       adding)
{
  g_return_if_fail (SW_IS_FINDING_TOOL (self));

  self->adding = !!adding;
  if (self->map != NULL)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map), self->adding ? "crosshair" : NULL);
}

void
sw_finding_tool_set_blocked (SwFindingTool *self,
                             gboolean       blocked)
{
  g_return_if_fail (SW_IS_FINDING_TOOL (self));

  self->blocked = !!blocked;
}

SwFinding *
sw_finding_tool_get_selected (SwFindingTool *self)
{
  g_return_val_if_fail (SW_IS_FINDING_TOOL (self), NULL);

  return self->selected;
}

/* Highlights @finding (a listed object, or NULL) on the finding layer. */
void
sw_finding_tool_set_selected (SwFindingTool *self,
                              SwFinding     *finding)
{
  g_return_if_fail (SW_IS_FINDING_TOOL (self));
  g_return_if_fail (finding == NULL || SW_IS_FINDING (finding));

  g_set_object (&self->selected, finding);
  if (self->dragged == NULL)
    show_on_layer (self, finding);
}

gboolean
sw_finding_tool_is_dragging (SwFindingTool *self)
{
  g_return_val_if_fail (SW_IS_FINDING_TOOL (self), FALSE);

  return self->pressed != NULL && self->moved;
}
