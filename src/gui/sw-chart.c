/* A small chart drawn with cairo in the widget's snapshot: horizontal bars
 * with labels and values, or columns of stacked parts with a legend. Text
 * uses the widget's font and colour, so the chart follows the dark style. */
#define G_LOG_DOMAIN "sw-chart"

#include "config.h"

#include <math.h>

#include "sw-chart.h"

#define BAR_HEIGHT        22
#define BAR_SPACING        8
#define LABEL_GAP         12
#define VALUE_GAP          6
#define COLUMN_HEIGHT    180
#define LEGEND_HEIGHT     28
#define AXIS_LABEL_HEIGHT 36
#define MAX_COLUMN_WIDTH  44
#define RADIUS           4.0

typedef struct
{
  double value;
  GdkRGBA color;
  gboolean accent;
} Part;

typedef struct
{
  char *label;
  GArray *parts;
} Item;

struct _SwChart
{
  GtkWidget parent_instance;

  SwChartKind kind;
  GArray *items;
  GArray *legend;
  char *empty_text;
};

G_DEFINE_FINAL_TYPE (SwChart, sw_chart, GTK_TYPE_WIDGET)

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->label);
  g_array_unref (item->parts);
}

static void
legend_clear (gpointer data)
{
  Item *entry = data;

  g_free (entry->label);
  g_array_unref (entry->parts);
}

static Part
part_new (double      value,
          const char *color)
{
  Part part = { value, { 0, 0, 0, 1 }, color == NULL };

  if (color != NULL && !gdk_rgba_parse (&part.color, color))
    part.accent = TRUE;

  return part;
}

static double
item_total (const Item *item)
{
  double total = 0;

  for (guint i = 0; i < item->parts->len; i++)
    total += g_array_index (item->parts, Part, i).value;

  return total;
}

static void
get_colors (SwChart *self,
            GdkRGBA *foreground,
            GdkRGBA *accent)
{
  GtkStyleContext *context;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, foreground);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static char *
format_value (double value)
{
  if (value == floor (value))
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
set_part_color (cairo_t       *cr,
                const Part    *part,
                const GdkRGBA *accent)
{
  gdk_cairo_set_source_rgba (cr, part->accent ? accent : &part->color);
}

static PangoLayout *
create_layout (SwChart    *self,
               const char *text,
               int         max_width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (max_width > 0)
    {
      pango_layout_set_width (layout, max_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return layout;
}

static int
text_width (SwChart    *self,
            const char *text)
{
  g_autoptr (PangoLayout) layout = create_layout (self, text, -1);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
draw_text (SwChart       *self,
           cairo_t       *cr,
           const char    *text,
           double         x,
           double         y,
           int            max_width,
           PangoAlignment alignment,
           const GdkRGBA *color,
           gboolean       centre_vertically)
{
  g_autoptr (PangoLayout) layout = create_layout (self, text, max_width);
  int height;

  pango_layout_set_alignment (layout, alignment);
  pango_layout_get_pixel_size (layout, NULL, &height);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x, centre_vertically ? y - height / 2.0 : y);
  pango_cairo_show_layout (cr, layout);
}

static double
max_total (SwChart *self)
{
  double max = 0;

  for (guint i = 0; i < self->items->len; i++)
    max = MAX (max, item_total (&g_array_index (self->items, Item, i)));

  return max;
}

static void
draw_bars (SwChart       *self,
           cairo_t       *cr,
           int            width,
           const GdkRGBA *foreground,
           const GdkRGBA *accent)
{
  double max = max_total (self);
  int label_width = 0;
  int value_width = 0;
  double bar_area;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autofree char *value = format_value (item_total (item));

      label_width = MAX (label_width, text_width (self, item->label));
      value_width = MAX (value_width, text_width (self, value));
    }
  label_width = MIN (label_width, (int) (width * 0.42));
  bar_area = MAX (1, width - label_width - LABEL_GAP - VALUE_GAP - value_width);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      double y = i * (BAR_HEIGHT + BAR_SPACING);
      double x = label_width + LABEL_GAP;
      double total = item_total (item);
      g_autofree char *value = format_value (total);
      GdkRGBA track = *foreground;

      draw_text (self, cr, item->label, 0, y + BAR_HEIGHT / 2.0, label_width,
                 PANGO_ALIGN_LEFT, foreground, TRUE);

      /* A faint track shows the scale even for short bars. */
      track.alpha = 0.06;
      gdk_cairo_set_source_rgba (cr, &track);
      rounded_rectangle (cr, x, y, bar_area, BAR_HEIGHT, RADIUS);
      cairo_fill (cr);

      cairo_save (cr);
      if (max > 0 && total > 0)
        {
          double length = MAX (3.0, bar_area * total / max);

          rounded_rectangle (cr, x, y, length, BAR_HEIGHT, RADIUS);
          cairo_clip (cr);
          for (guint p = 0; p < item->parts->len; p++)
            {
              Part *part = &g_array_index (item->parts, Part, p);
              double part_length = length * part->value / total;

              set_part_color (cr, part, accent);
              cairo_rectangle (cr, x, y, part_length, BAR_HEIGHT);
              cairo_fill (cr);
              x += part_length;
            }
        }
      cairo_restore (cr);

      {
        GdkRGBA dim = *foreground;

        dim.alpha = 0.75;
        draw_text (self, cr, value, label_width + LABEL_GAP + bar_area + VALUE_GAP, y + BAR_HEIGHT / 2.0, -1,
                   PANGO_ALIGN_LEFT, &dim, TRUE);
      }
    }
}

static void
draw_columns (SwChart       *self,
              cairo_t       *cr,
              int            width,
              const GdkRGBA *foreground,
              const GdkRGBA *accent)
{
  double max = max_total (self);
  guint n = self->items->len;
  double slot = (double) width / MAX (n, 1);
  double column_width = MIN (MAX_COLUMN_WIDTH, slot * 0.6);
  double top = LEGEND_HEIGHT + 20;
  double base = top + COLUMN_HEIGHT;
  double legend_x = 0;
  GdkRGBA grid = *foreground;

  /* Legend */
  for (guint i = 0; i < self->legend->len; i++)
    {
      Item *entry = &g_array_index (self->legend, Item, i);
      Part *part = &g_array_index (entry->parts, Part, 0);

      set_part_color (cr, part, accent);
      rounded_rectangle (cr, legend_x, 5, 12, 12, 3);
      cairo_fill (cr);
      draw_text (self, cr, entry->label, legend_x + 18, 11, -1, PANGO_ALIGN_LEFT, foreground, TRUE);
      legend_x += 18 + text_width (self, entry->label) + 18;
    }

  /* Grid lines at quarters of the highest column. */
  grid.alpha = 0.1;
  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_set_line_width (cr, 1);
  for (int i = 0; i <= 4; i++)
    {
      double y = round (base - COLUMN_HEIGHT * i / 4.0) + 0.5;

      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, width, y);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      double total = item_total (item);
      double x = slot * i + (slot - column_width) / 2.0;
      double height = max > 0 ? COLUMN_HEIGHT * total / max : 0;
      double y = base;
      g_autofree char *value = format_value (total);

      cairo_save (cr);
      if (height > 0)
        {
          rounded_rectangle (cr, x, base - height, column_width, height, RADIUS);
          cairo_clip (cr);
          for (guint p = 0; p < item->parts->len; p++)
            {
              Part *part = &g_array_index (item->parts, Part, p);
              double part_height = height * part->value / total;

              set_part_color (cr, part, accent);
              cairo_rectangle (cr, x, y - part_height, column_width, part_height);
              cairo_fill (cr);
              y -= part_height;
            }
        }
      cairo_restore (cr);

      draw_text (self, cr, value, slot * i, base - height - 20, (int) slot, PANGO_ALIGN_CENTER, foreground, FALSE);
      {
        g_autoptr (PangoLayout) layout = create_layout (self, item->label, (int) slot - 4);

        pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_height (layout, -2);
        gdk_cairo_set_source_rgba (cr, foreground);
        cairo_move_to (cr, slot * i + 2, base + 6);
        pango_cairo_show_layout (cr, layout);
      }
    }
}

static void
sw_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  SwChart *self = SW_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA foreground, accent;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  get_colors (self, &foreground, &accent);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->items->len == 0)
    {
      GdkRGBA dim = foreground;

      dim.alpha = 0.55;
      if (self->empty_text != NULL)
        draw_text (self, cr, self->empty_text, 0, height / 2.0, width, PANGO_ALIGN_CENTER, &dim, TRUE);
    }
  else if (self->kind == SW_CHART_BARS)
    draw_bars (self, cr, width, &foreground, &accent);
  else
    draw_columns (self, cr, width, &foreground, &accent);

  cairo_destroy (cr);
}

static void
sw_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  SwChart *self = SW_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else if (self->kind == SW_CHART_BARS)
    {
      guint n = MAX (self->items->len, 1);

      *minimum = *natural = n * BAR_HEIGHT + (n - 1) * BAR_SPACING;
    }
  else
    *minimum = *natural = LEGEND_HEIGHT + 20 + COLUMN_HEIGHT + AXIS_LABEL_HEIGHT;
}

static void
sw_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sw_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
sw_chart_finalize (GObject *object)
{
  SwChart *self = SW_CHART (object);

  g_array_unref (self->items);
  g_array_unref (self->legend);
  g_free (self->empty_text);

  G_OBJECT_CLASS (sw_chart_parent_class)->finalize (object);
}

static void
sw_chart_class_init (SwChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sw_chart_finalize;
  widget_class->snapshot = sw_chart_snapshot;
  widget_class->measure = sw_chart_measure;
  widget_class->css_changed = sw_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sw_chart_init (SwChart *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->legend = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->legend, legend_clear);
}

GtkWidget *
sw_chart_new (SwChartKind kind)
{
  SwChart *self = g_object_new (SW_TYPE_CHART, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}

/* Screen readers get the numbers the chart shows. */
static void
update_description (SwChart *self)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autofree char *value = format_value (item_total (item));

      g_string_append_printf (text, "%s%s: %s", i > 0 ? "; " : "", item->label, value);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

void
sw_chart_clear (SwChart *self)
{
  g_return_if_fail (SW_IS_CHART (self));

  g_array_set_size (self->items, 0);
  g_array_set_size (self->legend, 0);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
sw_chart_add (SwChart    *self,
              const char *label,
              double      value,
              const char *color)
{
  Item item;
  Part part;

  g_return_if_fail (SW_IS_CHART (self));
  g_return_if_fail (label != NULL);

  item.label = g_strdup (label);
  item.parts = g_array_new (FALSE, FALSE, sizeof (Part));
  if (self->kind == SW_CHART_BARS || value > 0 || color != NULL)
    {
      part = part_new (MAX (value, 0), color);
      g_array_append_val (item.parts, part);
    }
  g_array_append_val (self->items, item);

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
sw_chart_add_part (SwChart    *self,
                   double      value,
                   const char *color)
{
  Item *item;
  Part part;

  g_return_if_fail (SW_IS_CHART (self));
  g_return_if_fail (self->items->len > 0);

  item = &g_array_index (self->items, Item, self->items->len - 1);
  part = part_new (MAX (value, 0), color);
  g_array_append_val (item->parts, part);

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sw_chart_add_legend (SwChart    *self,
                     const char *label,
                     const char *color)
{
  Item entry;
  Part part;

  g_return_if_fail (SW_IS_CHART (self));

  entry.label = g_strdup (label);
  entry.parts = g_array_new (FALSE, FALSE, sizeof (Part));
  part = part_new (0, color);
  g_array_append_val (entry.parts, part);
  g_array_append_val (self->legend, entry);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sw_chart_set_empty_text (SwChart    *self,
                         const char *text)
{
  g_return_if_fail (SW_IS_CHART (self));

  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sw_chart_get_n_items (SwChart *self)
{
  g_return_val_if_fail (SW_IS_CHART (self), 0);

  return self->items->len;
}

const char *
sw_chart_get_label (SwChart *self,
                    guint    position)
{
  g_return_val_if_fail (SW_IS_CHART (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_array_index (self->items, Item, position).label;
}

double
sw_chart_get_value (SwChart *self,
                    guint    position)
{
  g_return_val_if_fail (SW_IS_CHART (self), 0);
  g_return_val_if_fail (position < self->items->len, 0);

  return item_total (&g_array_index (self->items, Item, position));
}
