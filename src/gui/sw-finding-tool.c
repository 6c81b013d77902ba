/* Findings under the pointer. The gesture sits on the map itself, in the
 * capture phase, so that a press on a finding moves the finding rather than
 * panning the map; elsewhere the press is left to the map. */
#define G_LOG_DOMAIN "sw-finding-tool"

#include "config.h"

#include <math.h>

#include "sw-finding-tool.h"
#include "sw-vocabulary.h"

/* A press this close to a finding's centre is on the finding. */
#define PICK_RADIUS   12.0
/* Further than this between press and release is a drag, not a click. */
#define CLICK_SLOP     4.0
#define DOT_RADIUS     8.0
#define RING_RADIUS   14.0

struct _SwFindingTool
{
  ShumateLayer parent_instance;

  ShumateMap *map;
  GtkGesture *drag;
  GListModel *findings;
  SwFinding *selected;

  gboolean adding;
  gboolean blocked;

  /* The press being handled. */
  SwFinding *pressed;
  gboolean pressed_on_map;
  gboolean moved;
  double press_x;
  double press_y;
  double pointer_x;
  double pointer_y;
};

G_DEFINE_FINAL_TYPE (SwFindingTool, sw_finding_tool, SHUMATE_TYPE_LAYER)

enum
{
  PLACE_REQUESTED,
  FINDING_CLICKED,
  FINDING_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
to_widget (SwFindingTool *self,
           double         longitude,
           double         latitude,
           double        *x,
           double        *y)
{
  shumate_viewport_location_to_widget_coords (shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                                              GTK_WIDGET (self->map), latitude, longitude, x, y);
}

static void
to_location (SwFindingTool *self,
             double         x,
             double         y,
             double        *longitude,
             double        *latitude)
{
  shumate_viewport_widget_coords_to_location (shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                                              GTK_WIDGET (self->map), x, y, latitude, longitude);
}

/* The finding drawn nearest to @x, @y within reach, the last drawn (the
 * topmost) on a tie. A linear scan until the finding layer's spatial index
 * answers this. */
SwFinding *
sw_finding_tool_pick (SwFindingTool *self,
                      double         x,
                      double         y)
{
  SwFinding *best = NULL;
  double best_distance = PICK_RADIUS;
  guint n_items;

  g_return_val_if_fail (SW_IS_FINDING_TOOL (self), NULL);

  if (self->findings == NULL || self->map == NULL)
    return NULL;

  n_items = g_list_model_get_n_items (self->findings);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (self->findings, i);
      double fx, fy, distance;

      to_widget (self, sw_finding_get_longitude (finding), sw_finding_get_latitude (finding), &fx, &fy);
      distance = hypot (fx - x, fy - y);
      if (distance <= best_distance)
        {
          best_distance = distance;
          best = finding;
        }
    }

  return best;
}

/* ---------------------------------------------------------------------- */
/* Gesture                                                                */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SwFindingTool  *self)
{
  SwFinding *finding;

  g_clear_object (&self->pressed);
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
    gtk_widget_queue_draw (GTK_WIDGET (self));
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
      gtk_widget_queue_draw (GTK_WIDGET (self));
      if (moved)
        {
          double longitude, latitude;

          to_location (self, self->press_x + offset_x, self->press_y + offset_y, &longitude, &latitude);
          g_signal_emit (self, signals[FINDING_MOVED], 0, finding, longitude, latitude);
        }
      else
        g_signal_emit (self, signals[FINDING_CLICKED], 0, finding);
    }
  else if (on_map && !moved)
    g_signal_emit (self, signals[PLACE_REQUESTED], 0, self->press_x, self->press_y);
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                SwFindingTool    *self)
{
  g_clear_object (&self->pressed);
  self->pressed_on_map = FALSE;
  self->moved = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------------- */
/* Drawing                                                                */

static void
category_color (SwFinding *finding,
                GdkRGBA   *color)
{
  const SwTerm *term = sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, sw_finding_get_category (finding));

  if (term == NULL)
    term = sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, "other");
  if (term == NULL || term->color == NULL || !gdk_rgba_parse (color, term->color))
    gdk_rgba_parse (color, "#77767b");
}

static void
sw_finding_tool_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SwFindingTool *self = SW_FINDING_TOOL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  double x, y;

  if (self->map == NULL || (self->selected == NULL && (self->pressed == NULL || !self->moved)))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->selected != NULL)
    {
      to_widget (self, sw_finding_get_longitude (self->selected), sw_finding_get_latitude (self->selected), &x, &y);
      if (self->pressed == self->selected && self->moved)
        {
          x = self->pointer_x;
          y = self->pointer_y;
        }
      cairo_arc (cr, x, y, RING_RADIUS, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 5.0);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.208, 0.518, 0.894);
      cairo_set_line_width (cr, 3.0);
      cairo_stroke (cr);
    }

  if (self->pressed != NULL && self->moved)
    {
      GdkRGBA color;
      double ox, oy;

      /* The finding under the pointer, tied to where it was. */
      to_widget (self, sw_finding_get_longitude (self->pressed), sw_finding_get_latitude (self->pressed), &ox, &oy);
      cairo_move_to (cr, ox, oy);
      cairo_line_to (cr, self->pointer_x, self->pointer_y);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[]) { 4.0, 3.0 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      category_color (self->pressed, &color);
      cairo_arc (cr, self->pointer_x, self->pointer_y + 2.0, DOT_RADIUS + 3.0, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
      cairo_fill (cr);
      cairo_arc (cr, self->pointer_x, self->pointer_y, DOT_RADIUS + 2.0, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      cairo_arc (cr, self->pointer_x, self->pointer_y, DOT_RADIUS, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill (cr);
    }

  cairo_destroy (cr);
}

/* ---------------------------------------------------------------------- */

static void
on_selected_notify (SwFindingTool *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sw_finding_tool_constructed (GObject *object)
{
  SwFindingTool *self = SW_FINDING_TOOL (object);

  G_OBJECT_CLASS (sw_finding_tool_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
sw_finding_tool_dispose (GObject *object)
{
  SwFindingTool *self = SW_FINDING_TOOL (object);

  if (self->drag != NULL && self->map != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (self->drag));
  self->drag = NULL;
  sw_finding_tool_set_selected (self, NULL);
  g_clear_object (&self->pressed);
  g_clear_object (&self->findings);
  g_clear_weak_pointer (&self->map);

  G_OBJECT_CLASS (sw_finding_tool_parent_class)->dispose (object);
}

static void
sw_finding_tool_class_init (SwFindingToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sw_finding_tool_constructed;
  object_class->dispose = sw_finding_tool_dispose;

  widget_class->snapshot = sw_finding_tool_snapshot;

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
  /* The gesture is on the map; the layer only draws. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/* Adds its gesture to @map; add the layer to the same map, above the
 * finding layer. */
SwFindingTool *
sw_finding_tool_new (ShumateMap *map)
{
  SwFindingTool *self;

  g_return_val_if_fail (SHUMATE_IS_MAP (map), NULL);

  self = g_object_new (SW_TYPE_FINDING_TOOL, "viewport", shumate_map_get_viewport (map), NULL);
  g_set_weak_pointer (&self->map, map);

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

void
sw_finding_tool_set_findings (SwFindingTool *self,
                              GListModel    *findings)
{
  g_return_if_fail (SW_IS_FINDING_TOOL (self));
  g_return_if_fail (findings == NULL || G_IS_LIST_MODEL (findings));

  g_set_object (&self->findings, findings);
  sw_finding_tool_set_selected (self, NULL);
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

/* Rings @finding (a listed object) on the map and follows its moves. */
void
sw_finding_tool_set_selected (SwFindingTool *self,
                              SwFinding     *finding)
{
  g_return_if_fail (SW_IS_FINDING_TOOL (self));
  g_return_if_fail (finding == NULL || SW_IS_FINDING (finding));

  if (self->selected == finding)
    return;

  if (self->selected != NULL)
    g_signal_handlers_disconnect_by_func (self->selected, on_selected_notify, self);
  g_set_object (&self->selected, finding);
  if (self->selected != NULL)
    g_signal_connect_object (self->selected, "notify", G_CALLBACK (on_selected_notify), self,
                             G_CONNECT_SWAPPED);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
sw_finding_tool_is_dragging (SwFindingTool *self)
{
  g_return_val_if_fail (SW_IS_FINDING_TOOL (self), FALSE);

  return self->pressed != NULL && self->moved;
}
