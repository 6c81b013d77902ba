/* Findings drawn in one snapshot: no widget per finding, so the map stays
 * fast with many of them (DESIGN.md, "The map"). */
#define G_LOG_DOMAIN "sw-finding-layer"

#include "config.h"

#include <math.h>

#include "sw-finding.h"
#include "sw-vocabulary.h"

#include "sw-finding-layer.h"
#include "sw-map-transform.h"

#define DOT_RADIUS   7.0
#define RING_WIDTH   2.0

/* A finding as the layer draws it, in Web Mercator 0..1. */
typedef struct
{
  double x;
  double y;
  GdkRGBA color;
  int severity;
} FindingDot;

struct _SwFindingLayer
{
  ShumateLayer parent_instance;

  GListModel *findings;

  /* Rebuilt from @findings when they change. Drawing scans it for the dots
   * in view; a spatial index goes here when the layer learns clustering. */
  GArray *dots;
  gboolean dots_valid;
  guint n_drawn;
};

G_DEFINE_FINAL_TYPE (SwFindingLayer, sw_finding_layer, SHUMATE_TYPE_LAYER)

enum
{
  PROP_0,
  PROP_FINDINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
category_color (const char *category,
                GdkRGBA    *color)
{
  const SwTerm *term = sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, category);

  if (term == NULL)
    term = sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, "other");
  if (term == NULL || term->color == NULL || !gdk_rgba_parse (color, term->color))
    gdk_rgba_parse (color, "#77767b");
}

static void
rebuild_dots (SwFindingLayer *self)
{
  guint n_items = self->findings != NULL ? g_list_model_get_n_items (self->findings) : 0;

  g_array_set_size (self->dots, 0);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (self->findings, i);
      double latitude = sw_finding_get_latitude (finding);
      double longitude = sw_finding_get_longitude (finding);
      FindingDot dot;

      if (!isfinite (latitude) || !isfinite (longitude))
        continue;

      dot.x = sw_mercator_x (longitude);
      dot.y = sw_mercator_y (latitude);
      dot.severity = sw_finding_get_severity (finding);
      category_color (sw_finding_get_category (finding), &dot.color);
      g_array_append_val (self->dots, dot);
    }

  self->dots_valid = TRUE;
}

static void
invalidate_dots (SwFindingLayer *self)
{
  self->dots_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_finding_notify (SwFindingLayer *self,
                   GParamSpec     *pspec,
                   SwFinding      *finding)
{
  invalidate_dots (self);
}

static void
watch_findings (SwFindingLayer *self,
                guint           position,
                guint           n_items)
{
  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (self->findings, i);

      g_signal_connect_object (finding, "notify", G_CALLBACK (on_finding_notify),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
on_findings_changed (SwFindingLayer *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *findings)
{
  /* Removed findings keep their handler until they are finalized; it only
   * queues a redraw. */
  watch_findings (self, position, added);
  invalidate_dots (self);
}

static void
sw_finding_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SwFindingLayer *self = SW_FINDING_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  SwMapTransform transform;
  double min_x, min_y, max_x, max_y;
  double scale;
  cairo_t *cr = NULL;

  self->n_drawn = 0;

  if (!self->dots_valid)
    rebuild_dots (self);

  if (self->dots->len == 0 || !sw_map_transform_init (&transform, viewport, widget))
    return;

  sw_map_transform_get_visible_area (&transform, DOT_RADIUS + RING_WIDTH + 2.0,
                                     &min_x, &min_y, &max_x, &max_y);

  /* Dots shrink a little when zoomed far out, where they crowd. */
  scale = CLAMP ((shumate_viewport_get_zoom_level (viewport) - 8.0) / 6.0, 0.6, 1.0);

  for (guint i = 0; i < self->dots->len; i++)
    {
      const FindingDot *dot = &g_array_index (self->dots, FindingDot, i);
      double x, y, radius;

      if (dot->x < min_x || dot->x > max_x || dot->y < min_y || dot->y > max_y)
        continue;

      if (cr == NULL)
        cr = gtk_snapshot_append_cairo (snapshot,
                                        &GRAPHENE_RECT_INIT (0, 0, transform.width, transform.height));

      sw_map_transform_apply (&transform, dot->x, dot->y, &x, &y);
      radius = (DOT_RADIUS + (dot->severity > 1 ? dot->severity - 1 : 0)) * scale;

      /* A soft shadow and a white ring keep dots readable on any basemap. */
      cairo_arc (cr, x, y + 1.0, radius + RING_WIDTH + 0.5, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
      cairo_fill (cr);

      cairo_arc (cr, x, y, radius + RING_WIDTH, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);

      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &dot->color);
      cairo_fill (cr);

      self->n_drawn++;
    }

  g_clear_pointer (&cr, cairo_destroy);
}

static void
sw_finding_layer_constructed (GObject *object)
{
  SwFindingLayer *self = SW_FINDING_LAYER (object);

  G_OBJECT_CLASS (sw_finding_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
}

static void
sw_finding_layer_dispose (GObject *object)
{
  SwFindingLayer *self = SW_FINDING_LAYER (object);

  sw_finding_layer_set_findings (self, NULL);

  G_OBJECT_CLASS (sw_finding_layer_parent_class)->dispose (object);
}

static void
sw_finding_layer_finalize (GObject *object)
{
  SwFindingLayer *self = SW_FINDING_LAYER (object);

  g_clear_pointer (&self->dots, g_array_unref);

  G_OBJECT_CLASS (sw_finding_layer_parent_class)->finalize (object);
}

static void
sw_finding_layer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SwFindingLayer *self = SW_FINDING_LAYER (object);

  switch (prop_id)
    {
    case PROP_FINDINGS:
      g_value_set_object (value, self->findings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_finding_layer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SwFindingLayer *self = SW_FINDING_LAYER (object);

  switch (prop_id)
    {
    case PROP_FINDINGS:
      sw_finding_layer_set_findings (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_finding_layer_class_init (SwFindingLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sw_finding_layer_constructed;
  object_class->dispose = sw_finding_layer_dispose;
  object_class->finalize = sw_finding_layer_finalize;
  object_class->get_property = sw_finding_layer_get_property;
  object_class->set_property = sw_finding_layer_set_property;

  widget_class->snapshot = sw_finding_layer_snapshot;

  properties[PROP_FINDINGS] =
    g_param_spec_object ("findings", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_finding_layer_init (SwFindingLayer *self)
{
  self->dots = g_array_new (FALSE, FALSE, sizeof (FindingDot));
}

SwFindingLayer *
sw_finding_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (SW_TYPE_FINDING_LAYER, "viewport", viewport, NULL);
}

GListModel *
sw_finding_layer_get_findings (SwFindingLayer *self)
{
  g_return_val_if_fail (SW_IS_FINDING_LAYER (self), NULL);

  return self->findings;
}

/* @findings holds SwFinding objects; the layer follows its changes and the
 * changes of each finding. */
void
sw_finding_layer_set_findings (SwFindingLayer *self,
                               GListModel     *findings)
{
  g_return_if_fail (SW_IS_FINDING_LAYER (self));
  g_return_if_fail (findings == NULL || G_IS_LIST_MODEL (findings));

  if (self->findings == findings)
    return;

  if (self->findings != NULL)
    {
      guint n_items = g_list_model_get_n_items (self->findings);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr (GObject) finding = g_list_model_get_item (self->findings, i);

          g_signal_handlers_disconnect_by_func (finding, on_finding_notify, self);
        }
      g_signal_handlers_disconnect_by_func (self->findings, on_findings_changed, self);
    }

  g_set_object (&self->findings, findings);

  if (self->findings != NULL)
    {
      g_signal_connect_object (self->findings, "items-changed",
                               G_CALLBACK (on_findings_changed), self,
                               G_CONNECT_SWAPPED);
      watch_findings (self, 0, g_list_model_get_n_items (self->findings));
    }

  invalidate_dots (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS]);
}

/* How many findings the last frame drew: those in view. */
guint
sw_finding_layer_get_n_drawn (SwFindingLayer *self)
{
  g_return_val_if_fail (SW_IS_FINDING_LAYER (self), 0);

  return self->n_drawn;
}
