/* A small chart drawn with cairo: horizontal bars with their labels and
 * values, or columns of stacked parts (a trend across walks). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  SW_CHART_BARS,
  SW_CHART_COLUMNS,
} SwChartKind;

#define SW_TYPE_CHART (sw_chart_get_type ())
G_DECLARE_FINAL_TYPE (SwChart, sw_chart, SW, CHART, GtkWidget)

GtkWidget  *sw_chart_new          (SwChartKind  kind);
void        sw_chart_clear        (SwChart     *self);
/* A bar, or a column made of the parts added to it with add_part. @color
 * is "#rrggbb", NULL for the accent colour. */
void        sw_chart_add          (SwChart     *self,
                                   const char  *label,
                                   double       value,
                                   const char  *color);
void        sw_chart_add_part     (SwChart     *self,
                                   double       value,
                                   const char  *color);
/* The parts' legend for columns: @color "#rrggbb" named @label. */
void        sw_chart_add_legend   (SwChart     *self,
                                   const char  *label,
                                   const char  *color);
/* Shown when nothing was added. */
void        sw_chart_set_empty_text (SwChart   *self,
                                     const char *text);

guint       sw_chart_get_n_items  (SwChart     *self);
const char *sw_chart_get_label    (SwChart     *self,
                                   guint        position);
/* A column's value is the sum of its parts. */
double      sw_chart_get_value    (SwChart     *self,
                                   guint        position);

G_END_DECLS
