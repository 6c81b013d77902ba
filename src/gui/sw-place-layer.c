/* Places drawn in one snapshot under the findings: a translucent circle per
 * place in the colour of its priority, and the rank of the highest ten, so
 * the planner sees at a glance where to begin. */
#define G_LOG_DOMAIN "sw-place-layer"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "sw-map-transform.h"
#include "sw-place-layer.h"
#include "sw-place-priority.h"

#define PLACE_RADIUS 26.0
#define RANK_RADIUS   9.0
#define N_RANKED     10

typedef struct
{
  double x;
  double y;
  double relative;
  guint rank;
} PlaceMark;

struct _SwPlaceLayer
{
  ShumateLayer parent_instance;

  GArray *marks;
};

G_DEFINE_FINAL_TYPE (SwPlaceLayer, sw_place_layer, SHUMATE_TYPE_LAYER)

const char *
sw_place_layer_priority_color (double relative)
{
  if (relative <= 0)
    return "#2ec27e";
  if (relative < 0.34)
    return "#f6d32d";
  if (relative < 0.67)
    return "#ff7800";
  return "#e01b24";
}

static void
draw_rank (GtkWidget *widget,
           cairo_t   *cr,
           double     x,
           double     y,
           guint      rank)
{
  g_autofree char *text = g_strdup_printf ("%u", rank);
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold 8");
  PangoRectangle extents;

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_extents (layout, NULL, &extents);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, MAX (RANK_RADIUS, extents.width / 2.0 + 4), 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.14, 0.14, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  cairo_move_to (cr, x - extents.x - extents.width / 2.0, y - extents.y - extents.height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
sw_place_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SwPlaceLayer *self = SW_PLACE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  SwMapTransform transform;
  double min_x, min_y, max_x, max_y;
  cairo_t *cr;

  if (self->marks->len == 0 || !sw_map_transform_init (&transform, viewport, widget))
    return;

  sw_map_transform_get_visible_area (&transform, PLACE_RADIUS + 2, &min_x, &min_y, &max_x, &max_y);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, transform.width, transform.height));

  /* Lowest first, so the highest priority lies on top where they touch. */
  for (guint i = self->marks->len; i > 0; i--)
    {
      PlaceMark *mark = &g_array_index (self->marks, PlaceMark, i - 1);
      GdkRGBA color;
      double x, y;

      if (mark->x < min_x || mark->x > max_x || mark->y < min_y || mark->y > max_y)
        continue;

      sw_map_transform_apply (&transform, mark->x, mark->y, &x, &y);
      gdk_rgba_parse (&color, sw_place_layer_priority_color (mark->relative));

      cairo_new_path (cr);
      cairo_arc (cr, x, y, PLACE_RADIUS, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.28);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.9);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);

      if (mark->rank > 0 && mark->rank <= N_RANKED)
        draw_rank (widget, cr, x + PLACE_RADIUS * 0.72, y - PLACE_RADIUS * 0.72, mark->rank);
    }

  cairo_destroy (cr);
}

static void
sw_place_layer_constructed (GObject *object)
{
  SwPlaceLayer *self = SW_PLACE_LAYER (object);

  G_OBJECT_CLASS (sw_place_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
sw_place_layer_finalize (GObject *object)
{
  SwPlaceLayer *self = SW_PLACE_LAYER (object);

  g_array_unref (self->marks);

  G_OBJECT_CLASS (sw_place_layer_parent_class)->finalize (object);
}

static void
sw_place_layer_class_init (SwPlaceLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sw_place_layer_constructed;
  object_class->finalize = sw_place_layer_finalize;
  widget_class->snapshot = sw_place_layer_snapshot;
}

static void
sw_place_layer_init (SwPlaceLayer *self)
{
  self->marks = g_array_new (FALSE, FALSE, sizeof (PlaceMark));
  /* Clicks go to the findings beneath. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

SwPlaceLayer *
sw_place_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (SW_TYPE_PLACE_LAYER, "viewport", viewport, NULL);
}

void
sw_place_layer_set_ranking (SwPlaceLayer *self,
                            GListModel   *ranking)
{
  guint n;

  g_return_if_fail (SW_IS_PLACE_LAYER (self));

  g_array_set_size (self->marks, 0);
  n = ranking != NULL ? g_list_model_get_n_items (ranking) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwPlacePriority) priority = g_list_model_get_item (ranking, i);
      SwPlace *place = sw_place_priority_get_place (priority);
      PlaceMark mark;

      mark.x = sw_mercator_x (sw_place_get_longitude (place));
      mark.y = sw_mercator_y (sw_place_get_latitude (place));
      mark.rank = sw_place_priority_get_rank (priority);
      mark.relative = sw_place_priority_get_score (priority) > 0 ? sw_place_priority_get_relative (priority) : -1;
      g_array_append_val (self->marks, mark);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}
