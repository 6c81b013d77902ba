/* Findings drawn in one snapshot from cached textures: no widget and no
 * render node per finding, so the map pans at full speed with 100,000 of
 * them (DESIGN.md, "The map"). The drawing covers the view plus a margin at
 * one zoom level, cut into tiles of which only those with markers are kept,
 * and is only moved while panning; it is drawn again when the view leaves
 * it, the zoom settles or the findings change. */
#define G_LOG_DOMAIN "sw-finding-layer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "sw-point-index.h"
#include "sw-vocabulary.h"

#include "sw-finding-layer.h"
#include "sw-map-transform.h"

/* Marker sizes in pixels, large from ZOOM_LARGE on and small below it,
 * where markers crowd and icons would not be read anyway. */
#define ZOOM_LARGE        11.0
#define RADIUS_LARGE      12.0
#define RADIUS_SMALL       8.0
#define ICON_LARGE        16
#define ICON_SMALL        10
#define BORDER_WIDTH       1.5
#define SELECTION_GAP      4.0
#define SELECTION_WIDTH    3.0
/* Markers whose centres are nearer than this many pixels join a cluster:
 * then no two drawn markers overlap. */
#define CLUSTER_DISTANCE  34.0
#define CLUSTER_RADIUS    14.0
/* The cached drawing reaches this far beyond each edge of the view, so
 * panning by up to this much needs no new drawing. */
#define CACHE_MARGIN     384.0
/* A zoom or rotation change scales the cached drawing until the gesture or
 * animation has been still this long, then draws it anew. */
#define SETTLE_MS        150

/* Tiles of the cached drawing, in pixels: small enough that empty map
 * costs nothing to draw, large enough to keep the number of nodes low. */
#define TILE_SIZE        256

#define SELECTION_COLOR "#3584e4"
#define CLUSTER_COLOR   "#3d3846"

/* A finding as the layer draws it; @x and @y in Web Mercator 0..1. */
typedef struct
{
  double x;
  double y;
  guint8 category;  /* position in SW_VOCABULARY_CATEGORY */
  guint8 severity;  /* 0 when unset */
} Item;

typedef struct
{
  GdkTexture *texture;
  graphene_rect_t bounds;   /* in the drawing's pixels, scale 1 */
} Tile;

static void
tile_clear (gpointer data)
{
  g_clear_object (&((Tile *) data)->texture);
}

/* What one cached drawing shows: single findings (count 1) and clusters,
 * each at the position of its first finding. */
typedef struct
{
  double x;
  double y;
  guint item;       /* the first finding, the one a single marker shows */
  guint count;
  double min_x, min_y, max_x, max_y;
} Group;

struct _SwFindingLayer
{
  ShumateLayer parent_instance;

  SwProject *project;
  GListModel *findings;
  SwFinding *selected;

  /* Rebuilt from @findings, debounced to one rebuild per main-loop turn;
   * @generation counts rebuilds so the cache knows when it is stale. */
  GPtrArray *listed;         /* SwFinding, parallel to @items */
  GArray *items;             /* Item */
  SwPointIndex *index;       /* over @items */
  guint rebuild_id;
  guint generation;

  /* The cached drawing and the view it was drawn for. */
  GArray *tiles;             /* Tile: the non-empty parts of the drawing */
  gboolean cached;
  guint texture_generation;
  double texture_zoom;
  double texture_rotation;
  double texture_x;          /* the view's centre, Mercator */
  double texture_y;
  double texture_world_size;
  int texture_width;         /* the widget's size then */
  int texture_height;
  int texture_scale;
  GArray *groups;            /* Group, as drawn in @tiles */
  SwPointIndex *group_index; /* over @groups */
  guint *stamps;             /* per item: the clustering that took it */
  guint stamp;
  guint settle_id;

  /* Marker images per category, severity and size; icons per category and
   * size, as alpha masks. */
  GHashTable *sprites;
  GHashTable *cluster_sprites;   /* per count */
  GHashTable *icons;
  int sprite_scale;

  /* The Mercator area the last frame showed, for sw_finding_layer_get_n_drawn(). */
  double shown_min_x, shown_min_y, shown_max_x, shown_max_y;
  gboolean shown;
};

G_DEFINE_FINAL_TYPE (SwFindingLayer, sw_finding_layer, SHUMATE_TYPE_LAYER)

enum
{
  PROP_0,
  PROP_FINDINGS,
  PROP_SELECTED_FINDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------- */
/* Categories and their look                                              */

static guint
category_position (const char *category)
{
  guint n_terms;
  const SwTerm *terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n_terms);

  if (category != NULL)
    for (guint i = 0; i < n_terms; i++)
      if (g_str_equal (terms[i].key, category))
        return i;

  /* Unknown keys (a newer file, a hand edit) look like "other". */
  for (guint i = 0; i < n_terms; i++)
    if (g_str_equal (terms[i].key, "other"))
      return i;

  return 0;
}

static const SwTerm *
category_term (guint position)
{
  guint n_terms;
  const SwTerm *terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n_terms);

  return &terms[MIN (position, n_terms - 1)];
}

static gboolean
category_is_positive (guint position)
{
  return g_str_equal (category_term (position)->key, "positive");
}

static void
parse_color (const char *spec,
             const char *fallback,
             GdkRGBA    *color)
{
  if (spec == NULL || !gdk_rgba_parse (color, spec))
    gdk_rgba_parse (color, fallback);
}

static double
marker_radius (gboolean large)
{
  return large ? RADIUS_LARGE : RADIUS_SMALL;
}

/* The severity ring: wider and warmer as severity rises. */
static double
ring_width (int severity)
{
  return severity >= 1 && severity <= 3 ? 1.0 + severity : 0.0;
}

static double
cluster_radius (guint count)
{
  return CLUSTER_RADIUS + 3.0 * log10 (MAX (count, 1));
}

/* The category's symbolic icon as an alpha mask, from the app's icon
 * resources through the icon theme, loaded once per size. */
static cairo_surface_t *
lookup_icon (SwFindingLayer *self,
             guint           category,
             int             size)
{
  int pixels = size * self->sprite_scale;
  gpointer key = GUINT_TO_POINTER ((category << 16) | (guint) pixels);
  cairo_surface_t *mask;
  GtkIconTheme *theme;
  g_autoptr (GtkIconPaintable) icon = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  g_autoptr (GError) error = NULL;
  const char *icon_name = category_term (category)->icon_name;
  cairo_t *cr;

  if (g_hash_table_lookup_extended (self->icons, key, NULL, (gpointer *) &mask))
    return mask;

  mask = NULL;
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  if (icon_name != NULL && gtk_icon_theme_has_icon (theme, icon_name))
    {
      icon = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, size, self->sprite_scale,
                                         GTK_TEXT_DIR_NONE, 0);
      file = gtk_icon_paintable_get_file (icon);
    }
  if (file != NULL)
    stream = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  if (stream != NULL)
    pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, pixels, pixels, TRUE, NULL, &error);
  if (error != NULL)
    g_warning ("Cannot load the icon %s: %s", icon_name, error->message);

  if (pixbuf != NULL)
    {
      mask = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                         gdk_pixbuf_get_width (pixbuf),
                                         gdk_pixbuf_get_height (pixbuf));
      cr = cairo_create (mask);
      gdk_cairo_set_source_pixbuf (cr, pixbuf, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }

  g_hash_table_insert (self->icons, key, mask);
  return mask;
}

static void
draw_marker (SwFindingLayer *self,
             cairo_t        *cr,
             double          x,
             double          y,
             guint           category,
             int             severity,
             gboolean        large)
{
  double radius = marker_radius (large);
  gboolean positive = category_is_positive (category);
  double ring = positive ? 0.0 : ring_width (severity);
  int icon_size = large ? ICON_LARGE : ICON_SMALL;
  cairo_surface_t *icon;
  GdkRGBA color;

  /* A soft shadow and a white border keep markers readable on any basemap. */
  cairo_arc (cr, x, y + 1.0, radius + BORDER_WIDTH + ring + 0.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_fill (cr);

  if (ring > 0)
    {
      const SwTerm *term = NULL;
      char key[4];

      g_snprintf (key, sizeof key, "%d", severity);
      term = sw_vocabulary_lookup (SW_VOCABULARY_SEVERITY, key);
      parse_color (term != NULL ? term->color : NULL, "#e01b24", &color);
      cairo_arc (cr, x, y, radius + BORDER_WIDTH + ring, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill (cr);
    }

  cairo_arc (cr, x, y, radius + BORDER_WIDTH, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  parse_color (category_term (category)->color, "#77767b", &color);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill (cr);

  icon = lookup_icon (self, category, icon_size);
  if (icon != NULL)
    {
      double size = cairo_image_surface_get_width (icon) / (double) self->sprite_scale;

      cairo_save (cr);
      cairo_translate (cr, x - size / 2.0, y - size / 2.0);
      cairo_scale (cr, 1.0 / self->sprite_scale, 1.0 / self->sprite_scale);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_mask_surface (cr, icon, 0, 0);
      cairo_restore (cr);
    }
}

/* One marker image per look, drawn once and painted per finding: painting
 * an image is much cheaper than filling arcs and masking icons. */
static cairo_surface_t *
lookup_sprite (SwFindingLayer *self,
               guint           category,
               int             severity,
               gboolean        large,
               double         *half_size)
{
  gpointer key = GUINT_TO_POINTER ((category << 8) | ((guint) severity << 1) | (large ? 1 : 0));
  double half = ceil (marker_radius (large) + BORDER_WIDTH + ring_width (3) + 2.0);
  cairo_surface_t *sprite = g_hash_table_lookup (self->sprites, key);

  *half_size = half;
  if (sprite == NULL)
    {
      cairo_t *cr;

      sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                           2 * half * self->sprite_scale,
                                           2 * half * self->sprite_scale);
      cairo_surface_set_device_scale (sprite, self->sprite_scale, self->sprite_scale);
      cr = cairo_create (sprite);
      draw_marker (self, cr, half, half, category, severity, large);
      cairo_destroy (cr);
      g_hash_table_insert (self->sprites, key, sprite);
    }

  return sprite;
}

static void
clear_looks (SwFindingLayer *self)
{
  g_hash_table_remove_all (self->sprites);
  g_hash_table_remove_all (self->cluster_sprites);
  g_hash_table_remove_all (self->icons);
}

/* ---------------------------------------------------------------------- */
/* The index, rebuilt when findings change                                */

static void
drop_cache (SwFindingLayer *self)
{
  g_array_set_size (self->tiles, 0);
  self->cached = FALSE;
  g_array_set_size (self->groups, 0);
  g_clear_pointer (&self->group_index, sw_point_index_unref);
}

static void
rebuild_items (SwFindingLayer *self)
{
  guint n_items = self->findings != NULL ? g_list_model_get_n_items (self->findings) : 0;
  g_autofree double *coords = g_new (double, 2 * MAX (n_items, 1));

  g_ptr_array_set_size (self->listed, 0);
  g_array_set_size (self->items, 0);

  for (guint i = 0; i < n_items; i++)
    {
      SwFinding *finding = g_list_model_get_item (self->findings, i);
      double latitude = sw_finding_get_latitude (finding);
      double longitude = sw_finding_get_longitude (finding);
      Item item;

      if (!isfinite (latitude) || !isfinite (longitude))
        {
          g_object_unref (finding);
          continue;
        }

      item.x = sw_mercator_x (longitude);
      item.y = sw_mercator_y (latitude);
      item.category = category_position (sw_finding_get_category (finding));
      item.severity = CLAMP (sw_finding_get_severity (finding), 0, 3);
      coords[2 * self->items->len] = item.x;
      coords[2 * self->items->len + 1] = item.y;
      g_array_append_val (self->items, item);
      g_ptr_array_add (self->listed, finding);
    }

  g_clear_pointer (&self->index, sw_point_index_unref);
  self->index = sw_point_index_new (coords, self->items->len);

  g_free (self->stamps);
  self->stamps = g_new0 (guint, MAX (self->items->len, 1));
  self->stamp = 0;

  self->generation++;
  drop_cache (self);
}

static gboolean
rebuild_in_idle (gpointer user_data)
{
  SwFindingLayer *self = user_data;

  self->rebuild_id = 0;
  rebuild_items (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* Many changes in one turn of the main loop (an import, an undo of one)
 * cost one rebuild, done before the next frame is drawn. */
void
sw_finding_layer_invalidate (SwFindingLayer *self)
{
  g_return_if_fail (SW_IS_FINDING_LAYER (self));

  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (GDK_PRIORITY_REDRAW - 10, rebuild_in_idle, self, NULL);
}

static void
on_findings_changed (SwFindingLayer *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *findings)
{
  sw_finding_layer_invalidate (self);
}

static void
on_feature_changed (SwFindingLayer *self,
                    SwFeature      *feature,
                    SwProject      *project)
{
  if (SW_IS_FINDING (feature))
    sw_finding_layer_invalidate (self);
}

/* ---------------------------------------------------------------------- */
/* Clustering and the cached drawing                                      */

/* Groups the findings in the Mercator box greedily: in list order, each
 * finding not yet taken starts a group and takes every finding not yet
 * taken within @distance of it. Group positions are then at least
 * @distance apart, and the result depends on list order only, not on where
 * the view is, so clusters stay put while panning. */
static void
cluster (SwFindingLayer *self,
         double          min_x,
         double          min_y,
         double          max_x,
         double          max_y,
         double          distance)
{
  g_autoptr (GArray) inside = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *coords = NULL;
  guint in_box, taken;

  g_array_set_size (self->groups, 0);
  g_clear_pointer (&self->group_index, sw_point_index_unref);

  /* Stamps spare clearing two flags per finding for every drawing: one
   * marks the findings in the box, the other those already in a group. */
  if (self->stamp >= G_MAXUINT - 2)
    {
      memset (self->stamps, 0, sizeof (guint) * MAX (self->items->len, 1));
      self->stamp = 0;
    }
  in_box = ++self->stamp;
  taken = ++self->stamp;

  sw_point_index_query_bbox (self->index, min_x, min_y, max_x, max_y, inside);
  /* Seeds in list order without sorting: mark, then walk the list. */
  for (guint i = 0; i < inside->len; i++)
    self->stamps[g_array_index (inside, guint, i)] = in_box;

  for (guint i = 0; i < self->items->len && inside->len > 0; i++)
    {
      const Item *seed = &g_array_index (self->items, Item, i);
      Group group;

      if (self->stamps[i] != in_box)
        continue;

      group.x = seed->x;
      group.y = seed->y;
      group.item = i;
      group.count = 0;
      group.min_x = group.max_x = seed->x;
      group.min_y = group.max_y = seed->y;

      g_array_set_size (near, 0);
      sw_point_index_query_radius (self->index, seed->x, seed->y, distance, near);
      for (guint j = 0; j < near->len; j++)
        {
          guint k = g_array_index (near, guint, j);
          const Item *item = &g_array_index (self->items, Item, k);

          /* Findings just outside the box join too: they would overlap. */
          if (self->stamps[k] == taken)
            continue;
          self->stamps[k] = taken;
          group.count++;
          group.min_x = MIN (group.min_x, item->x);
          group.max_x = MAX (group.max_x, item->x);
          group.min_y = MIN (group.min_y, item->y);
          group.max_y = MAX (group.max_y, item->y);
        }

      g_array_append_val (self->groups, group);
    }

  coords = g_new (double, 2 * MAX (self->groups->len, 1));
  for (guint i = 0; i < self->groups->len; i++)
    {
      coords[2 * i] = g_array_index (self->groups, Group, i).x;
      coords[2 * i + 1] = g_array_index (self->groups, Group, i).y;
    }
  self->group_index = sw_point_index_new (coords, self->groups->len);
}

static void
draw_cluster (cairo_t     *cr,
              PangoLayout *layout,
              double       x,
              double       y,
              guint        count)
{
  double radius = cluster_radius (count);
  char text[16];
  PangoRectangle extents;
  GdkRGBA color;

  cairo_arc (cr, x, y + 1.0, radius + 2.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_fill (cr);

  cairo_arc (cr, x, y, radius + 2.0, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  parse_color (CLUSTER_COLOR, "#3d3846", &color);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill (cr);

  g_snprintf (text, sizeof text, "%u", count);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_extents (layout, &extents, NULL);
  cairo_move_to (cr, x - extents.x - extents.width / 2.0, y - extents.y - extents.height / 2.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
}

static PangoLayout *
create_count_layout (SwFindingLayer *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr (PangoAttrList) attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attributes, pango_attr_scale_new (0.8));
  pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attributes);

  return layout;
}

/* Laying out text costs far more than painting an image, and most clusters
 * hold a small count, so each count is drawn once. */
static cairo_surface_t *
lookup_cluster_sprite (SwFindingLayer *self,
                       PangoLayout    *layout,
                       guint           count,
                       double         *half_size)
{
  double half = ceil (cluster_radius (count) + 4.0);
  cairo_surface_t *sprite = g_hash_table_lookup (self->cluster_sprites, GUINT_TO_POINTER (count));

  *half_size = half;
  if (sprite == NULL)
    {
      cairo_t *cr;

      /* Many distinct counts only come from large views; keep memory bounded. */
      if (g_hash_table_size (self->cluster_sprites) > 2048)
        g_hash_table_remove_all (self->cluster_sprites);

      sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                           2 * half * self->sprite_scale,
                                           2 * half * self->sprite_scale);
      cairo_surface_set_device_scale (sprite, self->sprite_scale, self->sprite_scale);
      cr = cairo_create (sprite);
      draw_cluster (cr, layout, half, half, count);
      cairo_destroy (cr);
      g_hash_table_insert (self->cluster_sprites, GUINT_TO_POINTER (count), sprite);
    }

  return sprite;
}

/* Draws the view plus CACHE_MARGIN on each side, kept as tiles. */
static void
render_cache (SwFindingLayer       *self,
              const SwMapTransform *transform,
              double                zoom,
              double                rotation)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int width = (int) ceil (transform->width + 2 * CACHE_MARGIN);
  int height = (int) ceil (transform->height + 2 * CACHE_MARGIN);
  gboolean large = zoom >= ZOOM_LARGE;
  double min_x, min_y, max_x, max_y;
  g_autoptr (PangoLayout) layout = NULL;
  int n_columns = (width + TILE_SIZE - 1) / TILE_SIZE;
  int n_rows = (height + TILE_SIZE - 1) / TILE_SIZE;
  g_autofree gboolean *touched = g_new0 (gboolean, n_columns * n_rows);
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 start = g_get_monotonic_time ();
  gint64 clustered;

  if (scale != self->sprite_scale)
    {
      clear_looks (self);
      self->sprite_scale = scale;
    }

  sw_map_transform_get_visible_area (transform, CACHE_MARGIN + cluster_radius (G_MAXUINT) + 4.0,
                                     &min_x, &min_y, &max_x, &max_y);
  cluster (self, min_x, min_y, max_x, max_y, CLUSTER_DISTANCE / transform->world_size);
  clustered = g_get_monotonic_time ();

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  layout = create_count_layout (self);

  for (guint i = 0; i < self->groups->len; i++)
    {
      const Group *group = &g_array_index (self->groups, Group, i);
      cairo_surface_t *sprite;
      double x, y, half;

      sw_map_transform_apply (transform, group->x, group->y, &x, &y);
      x += CACHE_MARGIN;
      y += CACHE_MARGIN;

      if (group->count > 1)
        sprite = lookup_cluster_sprite (self, layout, group->count, &half);
      else
        {
          const Item *item = &g_array_index (self->items, Item, group->item);

          sprite = lookup_sprite (self, item->category, item->severity, large, &half);
        }

      /* Whole pixels keep the sprite sharp; a rectangle bounds the work. */
      x = round (x - half);
      y = round (y - half);
      cairo_set_source_surface (cr, sprite, x, y);
      cairo_rectangle (cr, x, y, 2 * half, 2 * half);
      cairo_fill (cr);

      for (int row = MAX (0, (int) floor (y / TILE_SIZE));
           row <= MIN (n_rows - 1, (int) floor ((y + 2 * half) / TILE_SIZE)); row++)
        for (int column = MAX (0, (int) floor (x / TILE_SIZE));
             column <= MIN (n_columns - 1, (int) floor ((x + 2 * half) / TILE_SIZE)); column++)
          touched[row * n_columns + column] = TRUE;
    }

  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Only tiles with markers become textures; each takes its pixels as they
   * are, cairo's ARGB32 being GDK's default memory format. */
  g_array_set_size (self->tiles, 0);
  for (int row = 0; row < n_rows; row++)
    for (int column = 0; column < n_columns; column++)
      {
        int stride = cairo_image_surface_get_stride (surface);
        int tile_width = MIN (TILE_SIZE, width - column * TILE_SIZE) * scale;
        int tile_height = MIN (TILE_SIZE, height - row * TILE_SIZE) * scale;
        const guchar *pixels = cairo_image_surface_get_data (surface)
                               + (gsize) row * TILE_SIZE * scale * stride
                               + (gsize) column * TILE_SIZE * scale * 4;
        g_autoptr (GBytes) bytes = NULL;
        guchar *copy;
        Tile tile;

        if (!touched[row * n_columns + column])
          continue;

        copy = g_malloc ((gsize) tile_width * 4 * tile_height);
        for (int line = 0; line < tile_height; line++)
          memcpy (copy + (gsize) line * tile_width * 4, pixels + (gsize) line * stride, (gsize) tile_width * 4);
        bytes = g_bytes_new_take (copy, (gsize) tile_width * 4 * tile_height);
        tile.texture = gdk_memory_texture_new (tile_width, tile_height, GDK_MEMORY_DEFAULT,
                                               bytes, tile_width * 4);
        tile.bounds = GRAPHENE_RECT_INIT (column * TILE_SIZE, row * TILE_SIZE,
                                          tile_width / (float) scale, tile_height / (float) scale);
        g_array_append_val (self->tiles, tile);
      }
  cairo_surface_destroy (surface);
  self->cached = TRUE;

  self->texture_generation = self->generation;
  self->texture_zoom = zoom;
  self->texture_rotation = rotation;
  self->texture_x = transform->center_x;
  self->texture_y = transform->center_y;
  self->texture_world_size = transform->world_size;
  self->texture_width = (int) transform->width;
  self->texture_height = (int) transform->height;
  self->texture_scale = scale;

  g_debug ("Drew %u groups in %u tiles at zoom %.2f in %.1f ms (%.1f ms clustering)",
           self->groups->len, self->tiles->len, zoom, (g_get_monotonic_time () - start) / 1000.0,
           (clustered - start) / 1000.0);
}

static gboolean
on_settled (gpointer user_data)
{
  SwFindingLayer *self = user_data;

  self->settle_id = 0;
  self->cached = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* Makes sure the drawing and its groups fit the current view; returns
 * FALSE when there is nothing to draw. */
static gboolean
ensure_cache (SwFindingLayer *self,
              SwMapTransform *transform)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom, rotation;
  gboolean same_look;

  if (self->index == NULL && self->rebuild_id != 0)
    {
      g_clear_handle_id (&self->rebuild_id, g_source_remove);
      rebuild_items (self);
    }

  if (self->items->len == 0 || !sw_map_transform_init (transform, viewport, GTK_WIDGET (self)))
    return FALSE;

  zoom = shumate_viewport_get_zoom_level (viewport);
  rotation = shumate_viewport_get_rotation (viewport);

  if (self->cached
      && self->texture_generation == self->generation
      && self->texture_width == (int) transform->width
      && self->texture_height == (int) transform->height
      && self->texture_scale == gtk_widget_get_scale_factor (GTK_WIDGET (self)))
    {
      same_look = self->texture_zoom == zoom && self->texture_rotation == rotation;

      if (same_look)
        {
          double x, y;

          /* Panning: still inside the drawn margin? */
          sw_map_transform_apply (transform, self->texture_x, self->texture_y, &x, &y);
          if (fabs (x - transform->width / 2.0) <= CACHE_MARGIN
              && fabs (y - transform->height / 2.0) <= CACHE_MARGIN)
            return TRUE;
        }
      else if (fabs (self->texture_zoom - zoom) < 1.0)
        {
          /* Zooming or rotating: scale the old drawing until it settles. */
          g_clear_handle_id (&self->settle_id, g_source_remove);
          self->settle_id = g_timeout_add (SETTLE_MS, on_settled, self);
          return TRUE;
        }
    }

  g_clear_handle_id (&self->settle_id, g_source_remove);
  render_cache (self, transform, zoom, rotation);
  return TRUE;
}

/* Widget coordinates to Web Mercator, the inverse of sw_map_transform_apply(). */
static void
unapply (const SwMapTransform *transform,
         double                x,
         double                y,
         double               *mercator_x,
         double               *mercator_y)
{
  double dx = x - transform->width / 2.0;
  double dy = y - transform->height / 2.0;

  *mercator_x = transform->center_x + (transform->cos_rotation * dx + transform->sin_rotation * dy) / transform->world_size;
  *mercator_y = transform->center_y + (-transform->sin_rotation * dx + transform->cos_rotation * dy) / transform->world_size;
}

static void
draw_selection (SwFindingLayer       *self,
                GtkSnapshot          *snapshot,
                const SwMapTransform *transform,
                gboolean              large)
{
  double longitude, latitude, x, y, radius;
  GdkRGBA color;
  cairo_t *cr;

  if (self->selected == NULL)
    return;

  longitude = sw_finding_get_longitude (self->selected);
  latitude = sw_finding_get_latitude (self->selected);
  if (!isfinite (longitude) || !isfinite (latitude))
    return;

  sw_map_transform_apply (transform, sw_mercator_x (longitude), sw_mercator_y (latitude), &x, &y);
  radius = marker_radius (large) + BORDER_WIDTH + ring_width (3) + SELECTION_GAP;
  if (x < -2 * radius || y < -2 * radius
      || x > transform->width + 2 * radius || y > transform->height + 2 * radius)
    return;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (x - radius - SELECTION_WIDTH - 2,
                                                       y - radius - SELECTION_WIDTH - 2,
                                                       2 * (radius + SELECTION_WIDTH + 2),
                                                       2 * (radius + SELECTION_WIDTH + 2)));
  parse_color (SELECTION_COLOR, "#3584e4", &color);

  color.alpha = 0.3;
  cairo_arc (cr, x, y, radius + SELECTION_WIDTH, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill (cr);

  color.alpha = 1.0;
  cairo_arc (cr, x, y, radius + SELECTION_WIDTH / 2.0, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, SELECTION_WIDTH);
  cairo_stroke (cr);

  draw_marker (self, cr, x, y,
               category_position (sw_finding_get_category (self->selected)),
               CLAMP (sw_finding_get_severity (self->selected), 0, 3),
               large);
  cairo_destroy (cr);
}

static void
sw_finding_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SwFindingLayer *self = SW_FINDING_LAYER (widget);
  SwMapTransform transform;
  double x, y;
  double scale, rotation;
  double origin_x, origin_y;

  self->shown = FALSE;
  if (!ensure_cache (self, &transform))
    return;

  sw_map_transform_get_visible_area (&transform, 0, &self->shown_min_x, &self->shown_min_y,
                                     &self->shown_max_x, &self->shown_max_y);
  self->shown = TRUE;

  /* The cached drawing's centre goes where its view centre lands now;
   * only while zooming or rotating does it also scale or turn. */
  sw_map_transform_apply (&transform, self->texture_x, self->texture_y, &x, &y);
  scale = transform.world_size / self->texture_world_size;
  rotation = shumate_viewport_get_rotation (shumate_layer_get_viewport (SHUMATE_LAYER (self)));
  origin_x = -self->texture_width / 2.0 - CACHE_MARGIN;
  origin_y = -self->texture_height / 2.0 - CACHE_MARGIN;

  gtk_snapshot_save (snapshot);
  if (scale == 1.0 && rotation == self->texture_rotation)
    {
      /* Whole pixels while panning keep markers sharp, and keep the renderer
       * from sampling beyond a tile's edge (small textures share an atlas). */
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x + origin_x), round (y + origin_y)));
    }
  else
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      if (rotation != self->texture_rotation)
        gtk_snapshot_rotate (snapshot, (rotation - self->texture_rotation) * 180.0 / G_PI);
      gtk_snapshot_scale (snapshot, scale, scale);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (origin_x, origin_y));
    }
  for (guint i = 0; i < self->tiles->len; i++)
    {
      const Tile *tile = &g_array_index (self->tiles, Tile, i);

      gtk_snapshot_append_texture (snapshot, tile->texture, &tile->bounds);
    }
  gtk_snapshot_restore (snapshot);

  draw_selection (self, snapshot, &transform,
                  shumate_viewport_get_zoom_level (shumate_layer_get_viewport (SHUMATE_LAYER (self))) >= ZOOM_LARGE);
}

/* The group drawn under widget point (x, y), or FALSE. */
static gboolean
pick_group (SwFindingLayer *self,
            double          x,
            double          y,
            const Group   **group_out)
{
  SwMapTransform transform;
  double mx, my;
  g_autoptr (GArray) near = NULL;
  const Group *best = NULL;
  double best_distance = INFINITY;
  double reach;

  if (!ensure_cache (self, &transform) || self->group_index == NULL)
    return FALSE;

  /* While zooming the drawing is that of an earlier zoom, scaled: measure
   * in its pixels, where the marker sizes hold. */
  unapply (&transform, x, y, &mx, &my);
  transform.world_size = self->texture_world_size;

  reach = cluster_radius (G_MAXUINT) + 2.0;
  near = g_array_new (FALSE, FALSE, sizeof (guint));
  sw_point_index_query_radius (self->group_index, mx, my, reach / transform.world_size, near);

  for (guint i = 0; i < near->len; i++)
    {
      guint k = g_array_index (near, guint, i);
      const Group *group = &g_array_index (self->groups, Group, k);
      double distance = hypot (group->x - mx, group->y - my) * transform.world_size;
      double radius = group->count > 1
                      ? cluster_radius (group->count) + 2.0
                      : marker_radius (self->texture_zoom >= ZOOM_LARGE) + BORDER_WIDTH + ring_width (3);

      /* Later groups are drawn on top: they win ties. */
      if (distance <= radius && (distance < best_distance || (distance == best_distance && group > best)))
        {
          best = group;
          best_distance = distance;
        }
    }

  *group_out = best;
  return best != NULL;
}

static gboolean
on_selected (SwFindingLayer *self,
             double          x,
             double          y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  SwMapTransform transform;
  double sx, sy;
  double radius;

  if (self->selected == NULL || !sw_map_transform_init (&transform, viewport, GTK_WIDGET (self)))
    return FALSE;

  sw_map_transform_apply (&transform,
                          sw_mercator_x (sw_finding_get_longitude (self->selected)),
                          sw_mercator_y (sw_finding_get_latitude (self->selected)),
                          &sx, &sy);
  radius = marker_radius (shumate_viewport_get_zoom_level (viewport) >= ZOOM_LARGE)
           + BORDER_WIDTH + ring_width (3) + SELECTION_GAP;

  return hypot (sx - x, sy - y) <= radius;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

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

  sw_finding_layer_set_project (self, NULL);
  g_clear_object (&self->selected);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  drop_cache (self);

  G_OBJECT_CLASS (sw_finding_layer_parent_class)->dispose (object);
}

static void
sw_finding_layer_finalize (GObject *object)
{
  SwFindingLayer *self = SW_FINDING_LAYER (object);

  g_clear_pointer (&self->listed, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->groups, g_array_unref);
  g_clear_pointer (&self->tiles, g_array_unref);
  g_clear_pointer (&self->index, sw_point_index_unref);
  g_clear_pointer (&self->stamps, g_free);
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_clear_pointer (&self->cluster_sprites, g_hash_table_unref);
  g_clear_pointer (&self->icons, g_hash_table_unref);

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

    case PROP_SELECTED_FINDING:
      g_value_set_object (value, self->selected);
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

    case PROP_SELECTED_FINDING:
      sw_finding_layer_set_selected_finding (self, g_value_get_object (value));
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

  properties[PROP_SELECTED_FINDING] =
    g_param_spec_object ("selected-finding", NULL, NULL,
                         SW_TYPE_FINDING,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_finding_layer_init (SwFindingLayer *self)
{
  self->listed = g_ptr_array_new_with_free_func (g_object_unref);
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->groups = g_array_new (FALSE, FALSE, sizeof (Group));
  self->tiles = g_array_new (FALSE, FALSE, sizeof (Tile));
  g_array_set_clear_func (self->tiles, tile_clear);
  self->stamps = g_new0 (guint, 1);
  self->sprites = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  self->cluster_sprites = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  self->icons = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  self->sprite_scale = 1;
}

/* ---------------------------------------------------------------------- */
/* Public API                                                             */

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

static void
set_findings (SwFindingLayer *self,
              GListModel     *findings)
{
  if (self->findings == findings)
    return;

  if (self->findings != NULL)
    g_signal_handlers_disconnect_by_func (self->findings, on_findings_changed, self);

  g_set_object (&self->findings, findings);

  if (self->findings != NULL)
    g_signal_connect_object (self->findings, "items-changed",
                             G_CALLBACK (on_findings_changed), self,
                             G_CONNECT_SWAPPED);

  sw_finding_layer_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS]);
}

/* @findings holds SwFinding objects. Prefer sw_finding_layer_set_project():
 * a bare list tells of additions and removals only. */
void
sw_finding_layer_set_findings (SwFindingLayer *self,
                               GListModel     *findings)
{
  g_return_if_fail (SW_IS_FINDING_LAYER (self));
  g_return_if_fail (findings == NULL || G_IS_LIST_MODEL (findings));

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->project, on_feature_changed, self);
      g_clear_object (&self->project);
    }
  set_findings (self, findings);
}

/* Draws the findings of @project (or none for NULL) and follows its
 * edits, undo and redo. */
void
sw_finding_layer_set_project (SwFindingLayer *self,
                              SwProject      *project)
{
  g_return_if_fail (SW_IS_FINDING_LAYER (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_feature_changed, self);
  g_set_object (&self->project, project);
  if (self->project != NULL)
    g_signal_connect_object (self->project, "feature-changed",
                             G_CALLBACK (on_feature_changed), self,
                             G_CONNECT_SWAPPED);

  set_findings (self, project != NULL ? sw_project_get_findings (project) : NULL);
}

SwFinding *
sw_finding_layer_get_selected_finding (SwFindingLayer *self)
{
  g_return_val_if_fail (SW_IS_FINDING_LAYER (self), NULL);

  return self->selected;
}

void
sw_finding_layer_set_selected_finding (SwFindingLayer *self,
                                       SwFinding      *finding)
{
  g_return_if_fail (SW_IS_FINDING_LAYER (self));
  g_return_if_fail (finding == NULL || SW_IS_FINDING (finding));

  if (g_set_object (&self->selected, finding))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FINDING]);
    }
}

/* The finding whose marker is under widget point (x, y), or NULL when
 * there is none or a cluster is there. */
SwFinding *
sw_finding_layer_pick (SwFindingLayer *self,
                       double          x,
                       double          y)
{
  const Group *group;

  g_return_val_if_fail (SW_IS_FINDING_LAYER (self), NULL);

  if (on_selected (self, x, y))
    {
      const char *uuid = sw_feature_get_uuid (SW_FEATURE (self->selected));

      /* The listed finding, also when a copy is selected. */
      if (self->project != NULL && uuid != NULL)
        {
          SwFeature *listed = sw_project_lookup (self->project, SW_KIND_FINDING, uuid);

          if (listed != NULL)
            return SW_FINDING (listed);
        }
      return self->selected;
    }

  if (!pick_group (self, x, y, &group) || group->count != 1)
    return NULL;

  return g_ptr_array_index (self->listed, group->item);
}

/* Whether a cluster is under widget point (x, y); @bounds (if given)
 * receives the longitude/latitude extent of its findings. */
gboolean
sw_finding_layer_pick_cluster (SwFindingLayer  *self,
                               double           x,
                               double           y,
                               SwBounds       **bounds)
{
  const Group *group;

  g_return_val_if_fail (SW_IS_FINDING_LAYER (self), FALSE);
  g_return_val_if_fail (bounds == NULL || *bounds == NULL, FALSE);

  if (on_selected (self, x, y) || !pick_group (self, x, y, &group) || group->count < 2)
    return FALSE;

  if (bounds != NULL)
    {
      *bounds = sw_bounds_new ();
      sw_bounds_extend (*bounds, sw_mercator_longitude (group->min_x), sw_mercator_latitude (group->max_y));
      sw_bounds_extend (*bounds, sw_mercator_longitude (group->max_x), sw_mercator_latitude (group->min_y));
    }

  return TRUE;
}

guint
sw_finding_layer_get_n_drawn (SwFindingLayer *self)
{
  g_autoptr (GArray) shown = NULL;

  g_return_val_if_fail (SW_IS_FINDING_LAYER (self), 0);

  if (!self->shown || self->index == NULL)
    return 0;

  shown = g_array_new (FALSE, FALSE, sizeof (guint));
  return sw_point_index_query_bbox (self->index, self->shown_min_x, self->shown_min_y,
                                    self->shown_max_x, self->shown_max_y, shown);
}

gboolean
sw_finding_layer_is_ready (SwFindingLayer *self)
{
  g_return_val_if_fail (SW_IS_FINDING_LAYER (self), FALSE);

  return self->rebuild_id == 0 && self->index != NULL;
}
