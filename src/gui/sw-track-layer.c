/* The walks' recorded GPS tracks in one snapshot: a thin dark dashed line
 * on a light casing, so a track reads as "where the group went" beside the
 * wide coloured planned routes, and neither hides the other. */
#define G_LOG_DOMAIN "sw-track-layer"

#include "config.h"

#include "sw-map-transform.h"
#include "sw-track-layer.h"

#define LINE_WIDTH   2.0
#define CASING_WIDTH 4.5

typedef struct
{
  GArray *points;
  double min_x, min_y, max_x, max_y;
} TrackLine;

struct _SwTrackLayer
{
  ShumateLayer parent_instance;

  SwProject *project;
  /* Rebuilt when the tracks change; drawing culls by bounding box. */
  GArray *lines;
  gboolean valid;
};

G_DEFINE_FINAL_TYPE (SwTrackLayer, sw_track_layer, SHUMATE_TYPE_LAYER)

static void
track_line_clear (gpointer data)
{
  TrackLine *line = data;

  g_clear_pointer (&line->points, g_array_unref);
}

static void
rebuild (SwTrackLayer *self)
{
  GListModel *tracks = self->project != NULL ? sw_project_get_tracks (self->project) : NULL;
  guint n_tracks = tracks != NULL ? g_list_model_get_n_items (tracks) : 0;

  g_array_set_size (self->lines, 0);
  for (guint i = 0; i < n_tracks; i++)
    {
      g_autoptr (SwTrack) track = g_list_model_get_item (tracks, i);
      GVariant *points = sw_track_get_points (track);
      GVariantIter iter;
      double longitude, latitude;
      gint64 time;
      TrackLine line;

      if (points == NULL || g_variant_n_children (points) < 2)
        continue;

      line.points = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * g_variant_n_children (points));
      line.min_x = line.min_y = G_MAXDOUBLE;
      line.max_x = line.max_y = -G_MAXDOUBLE;
      g_variant_iter_init (&iter, points);
      while (g_variant_iter_next (&iter, "(ddx)", &longitude, &latitude, &time))
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
  self->valid = TRUE;
}

static void
invalidate (SwTrackLayer *self)
{
  self->valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_feature_changed (SwTrackLayer *self,
                    SwFeature    *feature,
                    SwProject    *project)
{
  if (SW_IS_TRACK (feature))
    invalidate (self);
}

static void
sw_track_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SwTrackLayer *self = SW_TRACK_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  static const double dashes[] = { 6.0, 4.0 };
  SwMapTransform transform;
  double min_x, min_y, max_x, max_y;
  cairo_t *cr;

  if (!self->valid)
    rebuild (self);

  if (self->lines->len == 0 || !sw_map_transform_init (&transform, viewport, widget))
    return;

  sw_map_transform_get_visible_area (&transform, CASING_WIDTH, &min_x, &min_y, &max_x, &max_y);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, transform.width, transform.height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  for (guint i = 0; i < self->lines->len; i++)
    {
      const TrackLine *line = &g_array_index (self->lines, TrackLine, i);

      if (line->max_x < min_x || line->min_x > max_x || line->max_y < min_y || line->min_y > max_y)
        continue;

      for (guint j = 0; j + 1 < line->points->len; j += 2)
        {
          double x, y;

          sw_map_transform_apply (&transform, g_array_index (line->points, double, j),
                                  g_array_index (line->points, double, j + 1), &x, &y);
          cairo_line_to (cr, x, y);
        }

      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      cairo_set_line_width (cr, CASING_WIDTH);
      cairo_stroke_preserve (cr);

      /* Dark purple: apart from route colours and finding markers. */
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_source_rgba (cr, 0.38, 0.21, 0.51, 0.95);
      cairo_set_line_width (cr, LINE_WIDTH);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
sw_track_layer_constructed (GObject *object)
{
  SwTrackLayer *self = SW_TRACK_LAYER (object);

  G_OBJECT_CLASS (sw_track_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
sw_track_layer_dispose (GObject *object)
{
  sw_track_layer_set_project (SW_TRACK_LAYER (object), NULL);

  G_OBJECT_CLASS (sw_track_layer_parent_class)->dispose (object);
}

static void
sw_track_layer_finalize (GObject *object)
{
  SwTrackLayer *self = SW_TRACK_LAYER (object);

  g_clear_pointer (&self->lines, g_array_unref);

  G_OBJECT_CLASS (sw_track_layer_parent_class)->finalize (object);
}

static void
sw_track_layer_class_init (SwTrackLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sw_track_layer_constructed;
  object_class->dispose = sw_track_layer_dispose;
  object_class->finalize = sw_track_layer_finalize;

  widget_class->snapshot = sw_track_layer_snapshot;
}

static void
sw_track_layer_init (SwTrackLayer *self)
{
  self->lines = g_array_new (FALSE, FALSE, sizeof (TrackLine));
  g_array_set_clear_func (self->lines, track_line_clear);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

SwTrackLayer *
sw_track_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (SW_TYPE_TRACK_LAYER, "viewport", viewport, NULL);
}

void
sw_track_layer_set_project (SwTrackLayer *self,
                            SwProject    *project)
{
  g_return_if_fail (SW_IS_TRACK_LAYER (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->project, on_feature_changed, self);
      g_signal_handlers_disconnect_by_func (sw_project_get_tracks (self->project), invalidate, self);
    }
  g_set_object (&self->project, project);
  if (self->project != NULL)
    {
      g_signal_connect_object (self->project, "feature-changed", G_CALLBACK (on_feature_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (sw_project_get_tracks (self->project), "items-changed",
                               G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
    }
  invalidate (self);
}

guint
sw_track_layer_get_n_tracks (SwTrackLayer *self)
{
  g_return_val_if_fail (SW_IS_TRACK_LAYER (self), 0);

  if (!self->valid)
    rebuild (self);
  return self->lines->len;
}
