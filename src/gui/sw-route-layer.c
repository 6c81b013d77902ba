/* Routes and their numbered stops drawn in one snapshot, as the printed
 * route map shows them: a coloured line and white numbered circles. */
#define G_LOG_DOMAIN "sw-route-layer"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "sw-feature.h"
#include "sw-route.h"
#include "sw-stop.h"

#include "sw-map-transform.h"
#include "sw-route-layer.h"

#define DEFAULT_ROUTE_COLOR "#3584e4"
#define LINE_WIDTH    4.0
#define CASING_WIDTH  7.0
#define STOP_RADIUS  10.0

typedef struct
{
  GArray *points;   /* graphene_point_t would do, but doubles keep precision */
  double min_x, min_y, max_x, max_y;
  GdkRGBA color;
} RouteLine;

typedef struct
{
  double x;
  double y;
  int number;
  GdkRGBA color;
} StopMark;

struct _SwRouteLayer
{
  ShumateLayer parent_instance;

  SwProject *project;
  GListModel *routes;
  GListModel *stops;

  /* Rebuilt when the routes or stops change; drawing culls lines by their
   * bounding box and stops by position. */
  GArray *lines;
  GArray *marks;
  gboolean valid;
};

G_DEFINE_FINAL_TYPE (SwRouteLayer, sw_route_layer, SHUMATE_TYPE_LAYER)

static void
route_line_clear (gpointer data)
{
  RouteLine *line = data;

  g_clear_pointer (&line->points, g_array_unref);
}

static void
parse_color (const char *spec,
             GdkRGBA    *color)
{
  if (spec == NULL || !gdk_rgba_parse (color, spec))
    gdk_rgba_parse (color, DEFAULT_ROUTE_COLOR);
}

static void
rebuild (SwRouteLayer *self)
{
  g_autoptr (GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_routes = self->routes != NULL ? g_list_model_get_n_items (self->routes) : 0;
  guint n_stops = self->stops != NULL ? g_list_model_get_n_items (self->stops) : 0;

  g_array_set_size (self->lines, 0);
  g_array_set_size (self->marks, 0);

  for (guint i = 0; i < n_routes; i++)
    {
      g_autoptr (SwRoute) route = g_list_model_get_item (self->routes, i);
      GVariant *points = sw_route_get_points (route);
      GVariantIter iter;
      double longitude, latitude;
      RouteLine line;

      parse_color (sw_route_get_color (route), &line.color);
      g_hash_table_insert (colors, (gpointer) sw_feature_get_uuid (SW_FEATURE (route)),
                           (gpointer) sw_route_get_color (route));

      if (points == NULL || g_variant_n_children (points) < 2)
        continue;

      line.points = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * g_variant_n_children (points));
      line.min_x = line.min_y = G_MAXDOUBLE;
      line.max_x = line.max_y = -G_MAXDOUBLE;

      /* Points are (longitude, latitude), as GDAL stores them. */
      g_variant_iter_init (&iter, points);
      while (g_variant_iter_next (&iter, "(dd)", &longitude, &latitude))
        {
          double x = sw_mercator_x (longitude);
          double y = sw_mercator_y (latitude);

          g_array_append_val (line.points, x);
          g_array_append_val (line.points, y);
          line.min_x = MIN (line.min_x, x);
          line.max_x = MAX (line.max_x, x);
          line.min_y = MIN (line.min_y, y);
          line.max_y = MAX (line.max_y, y);
        }

      g_array_append_val (self->lines, line);
    }

  for (guint i = 0; i < n_stops; i++)
    {
      g_autoptr (SwStop) stop = g_list_model_get_item (self->stops, i);
      const char *route_uuid = sw_stop_get_route_uuid (stop);
      StopMark mark;

      mark.x = sw_mercator_x (sw_stop_get_longitude (stop));
      mark.y = sw_mercator_y (sw_stop_get_latitude (stop));
      mark.number = sw_stop_get_number (stop);
      parse_color (route_uuid != NULL ? g_hash_table_lookup (colors, route_uuid) : NULL, &mark.color);
      g_array_append_val (self->marks, mark);
    }

  self->valid = TRUE;
}

static void
invalidate (SwRouteLayer *self)
{
  self->valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
watch_items (SwRouteLayer *self,
             GListModel   *model,
             guint         position,
             guint         n_items)
{
  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);

      g_signal_connect_object (item, "notify", G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
    }
}

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  SwRouteLayer *self)
{
  if (self->project == NULL)
    watch_items (self, model, position, added);
  invalidate (self);
}

static void
on_feature_changed (SwRouteLayer *self,
                    SwFeature    *feature,
                    SwProject    *project)
{
  if (SW_IS_ROUTE (feature) || SW_IS_STOP (feature))
    invalidate (self);
}

static void
unwatch_model (SwRouteLayer *self,
               GListModel   *model)
{
  guint n_items;

  if (model == NULL)
    return;

  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);

      g_signal_handlers_disconnect_by_func (item, invalidate, self);
    }
  g_signal_handlers_disconnect_by_func (model, on_items_changed, self);
}

static void
watch_model (SwRouteLayer *self,
             GListModel   *model)
{
  if (model == NULL)
    return;

  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed), self, 0);
  if (self->project == NULL)
    watch_items (self, model, 0, g_list_model_get_n_items (model));
}

static void
draw_lines (SwRouteLayer         *self,
            cairo_t              *cr,
            const SwMapTransform *transform,
            double                min_x,
            double                min_y,
            double                max_x,
            double                max_y)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < self->lines->len; i++)
    {
      const RouteLine *line = &g_array_index (self->lines, RouteLine, i);

      if (line->max_x < min_x || line->min_x > max_x || line->max_y < min_y || line->min_y > max_y)
        continue;

      for (guint j = 0; j + 1 < line->points->len; j += 2)
        {
          double x, y;

          sw_map_transform_apply (transform,
                                  g_array_index (line->points, double, j),
                                  g_array_index (line->points, double, j + 1),
                                  &x, &y);
          cairo_line_to (cr, x, y);
        }

      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, CASING_WIDTH);
      cairo_stroke_preserve (cr);

      gdk_cairo_set_source_rgba (cr, &line->color);
      cairo_set_line_width (cr, LINE_WIDTH);
      cairo_stroke (cr);
    }
}

static void
draw_stops (SwRouteLayer         *self,
            GtkWidget            *widget,
            cairo_t              *cr,
            const SwMapTransform *transform,
            double                min_x,
            double                min_y,
            double                max_x,
            double                max_y)
{
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (PangoAttrList) attributes = pango_attr_list_new ();

  layout = gtk_widget_create_pango_layout (widget, NULL);
  pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attributes, pango_attr_scale_new (0.8));
  pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attributes);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const StopMark *mark = &g_array_index (self->marks, StopMark, i);
      char number[16];
      PangoRectangle extents;
      double x, y;

      if (mark->x < min_x || mark->x > max_x || mark->y < min_y || mark->y > max_y)
        continue;

      sw_map_transform_apply (transform, mark->x, mark->y, &x, &y);

      cairo_arc (cr, x, y + 1.0, STOP_RADIUS + 1.0, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
      cairo_fill (cr);

      cairo_arc (cr, x, y, STOP_RADIUS, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &mark->color);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);

      if (mark->number <= 0)
        continue;

      g_snprintf (number, sizeof number, "%d", mark->number);
      pango_layout_set_text (layout, number, -1);
      pango_layout_get_pixel_extents (layout, &extents, NULL);
      cairo_move_to (cr,
                     x - extents.x - extents.width / 2.0,
                     y - extents.y - extents.height / 2.0);
      cairo_set_source_rgb (cr, 0.14, 0.14, 0.15);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
sw_route_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SwRouteLayer *self = SW_ROUTE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  SwMapTransform transform;
  double min_x, min_y, max_x, max_y;
  cairo_t *cr;

  if (!self->valid)
    rebuild (self);

  if ((self->lines->len == 0 && self->marks->len == 0)
      || !sw_map_transform_init (&transform, viewport, widget))
    return;

  sw_map_transform_get_visible_area (&transform, STOP_RADIUS + CASING_WIDTH,
                                     &min_x, &min_y, &max_x, &max_y);

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, transform.width, transform.height));
  draw_lines (self, cr, &transform, min_x, min_y, max_x, max_y);
  draw_stops (self, widget, cr, &transform, min_x, min_y, max_x, max_y);
  cairo_destroy (cr);
}

static void
sw_route_layer_constructed (GObject *object)
{
  SwRouteLayer *self = SW_ROUTE_LAYER (object);

  G_OBJECT_CLASS (sw_route_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
}

static void
sw_route_layer_dispose (GObject *object)
{
  SwRouteLayer *self = SW_ROUTE_LAYER (object);

  sw_route_layer_set_project (self, NULL);
  sw_route_layer_set_models (self, NULL, NULL);

  G_OBJECT_CLASS (sw_route_layer_parent_class)->dispose (object);
}

static void
sw_route_layer_finalize (GObject *object)
{
  SwRouteLayer *self = SW_ROUTE_LAYER (object);

  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);

  G_OBJECT_CLASS (sw_route_layer_parent_class)->finalize (object);
}

static void
sw_route_layer_class_init (SwRouteLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sw_route_layer_constructed;
  object_class->dispose = sw_route_layer_dispose;
  object_class->finalize = sw_route_layer_finalize;

  widget_class->snapshot = sw_route_layer_snapshot;
}

static void
sw_route_layer_init (SwRouteLayer *self)
{
  self->lines = g_array_new (FALSE, FALSE, sizeof (RouteLine));
  g_array_set_clear_func (self->lines, route_line_clear);
  self->marks = g_array_new (FALSE, FALSE, sizeof (StopMark));
}

SwRouteLayer *
sw_route_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (SW_TYPE_ROUTE_LAYER, "viewport", viewport, NULL);
}

/* @routes holds SwRoute objects and @stops SwStop objects; a stop takes the
 * colour of its route. */
void
sw_route_layer_set_models (SwRouteLayer *self,
                           GListModel   *routes,
                           GListModel   *stops)
{
  g_return_if_fail (SW_IS_ROUTE_LAYER (self));
  g_return_if_fail (routes == NULL || G_IS_LIST_MODEL (routes));
  g_return_if_fail (stops == NULL || G_IS_LIST_MODEL (stops));

  unwatch_model (self, self->routes);
  unwatch_model (self, self->stops);
  g_set_object (&self->routes, routes);
  g_set_object (&self->stops, stops);
  watch_model (self, self->routes);
  watch_model (self, self->stops);

  invalidate (self);
}

/* Shows every route and stop of @project and follows its edits, undo and
 * redo; sw_route_layer_set_models() may narrow what is shown afterwards. */
void
sw_route_layer_set_project (SwRouteLayer *self,
                            SwProject    *project)
{
  g_return_if_fail (SW_IS_ROUTE_LAYER (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));

  if (self->project == project)
    return;

  /* Models are watched per item only without a project: drop them first. */
  sw_route_layer_set_models (self, NULL, NULL);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_feature_changed, self);
  g_set_object (&self->project, project);
  if (self->project != NULL)
    {
      g_signal_connect_object (self->project, "feature-changed",
                               G_CALLBACK (on_feature_changed), self,
                               G_CONNECT_SWAPPED);
      sw_route_layer_set_models (self, sw_project_get_routes (project), sw_project_get_stops (project));
    }
}
