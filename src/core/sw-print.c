/* The one renderer of printed pages: council map, ranked table, a page per
 * top place, the lägesbild page and the route handout, drawn with cairo and
 * pango onto a PDF surface or a printer's context. */
#define G_LOG_DOMAIN "sw-print"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "sw-crs-transform.h"
#include "sw-print-private.h"
#include "sw-project.h"
#include "sw-situation.h"
#include "sw-vocabulary.h"

G_DEFINE_QUARK (sw-print-error-quark, sw_print_error)

#define FONT_FAMILY "Nimbus Sans, DejaVu Sans, Sans"
#define MM          (72.0 / 25.4)
#define N_TOP_PLACES 5
#define MAX_PHOTOS_PER_PLACE 4
/* Print resolution of the basemap, in pixels per inch. */
#define BASEMAP_DPI 200.0
#define BASEMAP_MAX_PIXELS 4800
#define NOTICE_PAD (2.2 * MM)

typedef struct
{
  double red, green, blue;
} Rgb;

static const Rgb ink = { 0.13, 0.13, 0.15 };
static const Rgb grey = { 0.40, 0.40, 0.43 };
static const Rgb rule = { 0.75, 0.75, 0.77 };

typedef enum
{
  PAGE_MAP,
  PAGE_TABLE,
  PAGE_PLACE,
  PAGE_SUMMARY,
  PAGE_HANDOUT,
} PageKind;

typedef struct
{
  PageKind kind;
  guint index;  /* place (PAGE_PLACE), route (PAGE_HANDOUT) */
  guint first;  /* the rows or stops on the page: [first, last) */
  guint last;
  gboolean continued;
} Page;

typedef struct
{
  double x, y, width, height;
} Rect;

/* One printed map: where it looks, at which scale, and its basemap. */
typedef struct
{
  int route;              /* the route of a handout map, or -1 */
  gboolean empty;         /* nothing to show: no extent */
  double center_x;        /* Web Mercator metres */
  double center_y;
  double scale;           /* Web Mercator metres per point */
  double denominator;     /* ground scale 1:denominator */
  double latitude;
  Rect frame;
  cairo_surface_t *basemap;
  char *attribution;
  char *problem;
  /* Where each place's and each stop's badge goes on the page: at its
   * position, or moved aside with a leader line when another is there. */
  double *place_xy;
  double *stop_xy;
  /* What the map lacks (no basemap, no findings), said above it. */
  char *notice;
  Rect notice_rect;
} MapView;

struct _SwPrintDocument
{
  GObject parent_instance;

  GFile *project_file;
  SwPrintLayout layout;
  SwPrintPaper paper;
  gboolean landscape;
  char *walk;
  SwPrintBasemapSpec basemap;
  char *date;

  gboolean prepared;
  double page_width;
  double page_height;
  double k;               /* type scale: 1 on A4, larger on A3 */
  char *title;
  char *municipality;
  char *walk_uuid;
  char *walk_title;
  char *walk_date;
  char *walk_start;
  char *walk_light;
  char *meeting_point;
  guint n_walks;
  GPtrArray *routes;      /* SwPrintRoute */
  GPtrArray *stops;       /* SwPrintStop, by route and number */
  GPtrArray *findings;    /* SwPrintFinding */
  GPtrArray *places;      /* SwPrintPlace, in rank order */
  guint n_top_places;
  SwSituation *situation; /* the lägesbild of what is printed */
  GPtrArray *maps;        /* MapView */
  GArray *pages;          /* Page */
  GArray *row_heights;    /* double, per ranked place */
  PangoFontMap *font_map;
};

G_DEFINE_FINAL_TYPE (SwPrintDocument, sw_print_document, G_TYPE_OBJECT)

/* ---------------------------------------------------------------------- */
/* Values                                                                 */

static void
route_free (gpointer data)
{
  SwPrintRoute *route = data;

  g_free (route->uuid);
  g_free (route->name);
  g_array_unref (route->points);
  g_free (route);
}

static void
stop_free (gpointer data)
{
  SwPrintStop *stop = data;

  g_free (stop->route_uuid);
  g_free (stop->name);
  g_free (stop->note);
  g_free (stop);
}

static void
map_view_free (gpointer data)
{
  MapView *view = data;

  g_clear_pointer (&view->basemap, cairo_surface_destroy);
  g_free (view->notice);
  g_free (view->place_xy);
  g_free (view->stop_xy);
  g_free (view->attribution);
  g_free (view->problem);
  g_free (view);
}

/* The document's own font map rides on each cairo context it draws on:
 * pango's default one is per thread, and preparing runs in a worker. */
static cairo_user_data_key_t font_map_key;

static Rgb
parse_color (const char *color,
             Rgb         fallback)
{
  unsigned int r, g, b;

  if (color != NULL && strlen (color) == 7 && sscanf (color, "#%02x%02x%02x", &r, &g, &b) == 3)
    return (Rgb) { r / 255.0, g / 255.0, b / 255.0 };
  return fallback;
}

static Rgb
category_color (const char *category)
{
  const SwTerm *term = sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, category);

  return parse_color (term != NULL ? term->color : NULL, (Rgb) { 0.47, 0.46, 0.48 });
}

static void
set_rgb (cairo_t *cr,
         Rgb      color)
{
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
}

/* White or black, whichever reads on @color. */
static Rgb
text_on (Rgb color)
{
  double luminance = 0.299 * color.red + 0.587 * color.green + 0.114 * color.blue;

  return luminance > 0.62 ? ink : (Rgb) { 1, 1, 1 };
}

static void
clear_prepared (SwPrintDocument *self)
{
  self->prepared = FALSE;
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->municipality, g_free);
  g_clear_pointer (&self->walk_uuid, g_free);
  g_clear_pointer (&self->walk_title, g_free);
  g_clear_pointer (&self->walk_date, g_free);
  g_clear_pointer (&self->walk_start, g_free);
  g_clear_pointer (&self->walk_light, g_free);
  g_clear_pointer (&self->meeting_point, g_free);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->stops, g_ptr_array_unref);
  g_clear_pointer (&self->routes, g_ptr_array_unref);
  g_clear_pointer (&self->maps, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->row_heights, g_array_unref);
  g_clear_pointer (&self->situation, sw_situation_unref);
}

static void
sw_print_document_finalize (GObject *object)
{
  SwPrintDocument *self = SW_PRINT_DOCUMENT (object);

  clear_prepared (self);
  g_clear_object (&self->font_map);
  g_clear_object (&self->project_file);
  g_free (self->walk);
  g_free (self->basemap.mbtiles);
  g_free (self->basemap.url_template);
  g_free (self->basemap.attribution);
  g_free (self->date);

  G_OBJECT_CLASS (sw_print_document_parent_class)->finalize (object);
}

static void
sw_print_document_class_init (SwPrintDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sw_print_document_finalize;
}

static void
sw_print_document_init (SwPrintDocument *self)
{
  self->paper = SW_PRINT_PAPER_A4;
}

SwPrintDocument *
sw_print_document_new (GFile         *project_file,
                       SwPrintLayout  layout)
{
  SwPrintDocument *self;

  g_return_val_if_fail (G_IS_FILE (project_file), NULL);

  self = g_object_new (SW_TYPE_PRINT_DOCUMENT, NULL);
  self->project_file = g_object_ref (project_file);
  self->layout = layout;
  if (layout == SW_PRINT_LAYOUT_HANDOUT)
    self->paper = SW_PRINT_PAPER_A4;
  return self;
}

void
sw_print_paper_get_size (SwPrintPaper  paper,
                         double       *width,
                         double       *height)
{
  if (paper == SW_PRINT_PAPER_A3)
    {
      *width = 297 * MM;
      *height = 420 * MM;
    }
  else
    {
      *width = 210 * MM;
      *height = 297 * MM;
    }
}

void
sw_print_document_set_paper (SwPrintDocument *self,
                             SwPrintPaper     paper,
                             gboolean         landscape)
{
  g_return_if_fail (SW_IS_PRINT_DOCUMENT (self));

  self->paper = paper;
  self->landscape = landscape;
  clear_prepared (self);
}

SwPrintPaper
sw_print_document_get_paper (SwPrintDocument *self)
{
  g_return_val_if_fail (SW_IS_PRINT_DOCUMENT (self), SW_PRINT_PAPER_A4);

  return self->layout == SW_PRINT_LAYOUT_HANDOUT ? SW_PRINT_PAPER_A4 : self->paper;
}

gboolean
sw_print_document_get_landscape (SwPrintDocument *self)
{
  g_return_val_if_fail (SW_IS_PRINT_DOCUMENT (self), FALSE);

  return self->layout == SW_PRINT_LAYOUT_HANDOUT ? FALSE : self->landscape;
}

SwPrintLayout
sw_print_document_get_layout (SwPrintDocument *self)
{
  g_return_val_if_fail (SW_IS_PRINT_DOCUMENT (self), SW_PRINT_LAYOUT_COUNCIL);

  return self->layout;
}

void
sw_print_document_set_walk (SwPrintDocument *self,
                            const char      *walk)
{
  g_return_if_fail (SW_IS_PRINT_DOCUMENT (self));

  g_free (self->walk);
  self->walk = walk != NULL && *walk != '\0' ? g_strdup (walk) : NULL;
  clear_prepared (self);
}

void
sw_print_document_set_basemap_mbtiles (SwPrintDocument *self,
                                       const char      *path)
{
  g_return_if_fail (SW_IS_PRINT_DOCUMENT (self));

  g_clear_pointer (&self->basemap.url_template, g_free);
  g_clear_pointer (&self->basemap.attribution, g_free);
  g_free (self->basemap.mbtiles);
  self->basemap.mbtiles = g_strdup (path);
  clear_prepared (self);
}

void
sw_print_document_set_basemap_url (SwPrintDocument *self,
                                   const char      *url_template,
                                   const char      *attribution)
{
  g_return_if_fail (SW_IS_PRINT_DOCUMENT (self));

  g_clear_pointer (&self->basemap.mbtiles, g_free);
  g_free (self->basemap.url_template);
  g_free (self->basemap.attribution);
  self->basemap.url_template = g_strdup (url_template);
  self->basemap.attribution = g_strdup (attribution);
  clear_prepared (self);
}

void
sw_print_document_set_date (SwPrintDocument *self,
                            const char      *date)
{
  g_return_if_fail (SW_IS_PRINT_DOCUMENT (self));

  g_free (self->date);
  self->date = g_strdup (date);
}

/* ---------------------------------------------------------------------- */
/* Text                                                                   */

typedef enum
{
  TEXT_LEFT,
  TEXT_CENTER,
  TEXT_RIGHT,
} TextAlign;

/* Metrics without hinting, so a line measured while paginating is as long
 * on paper and in a preview at any zoom. */
static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      size,
             PangoWeight weight,
             double      width,
             TextAlign   align,
             gboolean    markup)
{
  PangoFontMap *font_map = cairo_get_user_data (cr, &font_map_key);
  PangoLayout *layout;
  PangoContext *context;

  if (font_map != NULL)
    {
      PangoContext *own = pango_font_map_create_context (font_map);

      pango_cairo_update_context (cr, own);
      layout = pango_layout_new (own);
      g_object_unref (own);
    }
  else
    layout = pango_cairo_create_layout (cr);
  context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align == TEXT_CENTER  ? PANGO_ALIGN_CENTER
                                      : align == TEXT_RIGHT ? PANGO_ALIGN_RIGHT
                                                            : PANGO_ALIGN_LEFT);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

/* Draws @text with its top left at (@x, @y) and returns its height. */
static double
draw_text_full (cairo_t    *cr,
                double      x,
                double      y,
                double      width,
                const char *text,
                double      size,
                PangoWeight weight,
                Rgb         color,
                TextAlign   align,
                gboolean    markup)
{
  g_autoptr (PangoLayout) layout = NULL;
  double height;

  if (text == NULL || *text == '\0')
    return 0;
  layout = text_layout (cr, text, size, weight, width, align, markup);
  height = layout_height (layout);
  set_rgb (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return height;
}

static double
draw_text (cairo_t    *cr,
           double      x,
           double      y,
           double      width,
           const char *text,
           double      size,
           PangoWeight weight,
           Rgb         color)
{
  return draw_text_full (cr, x, y, width, text, size, weight, color, TEXT_LEFT, FALSE);
}

static double
measure_text (cairo_t    *cr,
              double      width,
              const char *text,
              double      size,
              PangoWeight weight,
              gboolean    markup)
{
  g_autoptr (PangoLayout) layout = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  layout = text_layout (cr, text, size, weight, width, TEXT_LEFT, markup);
  return layout_height (layout);
}

static double
text_width (cairo_t    *cr,
            const char *text,
            double      size,
            PangoWeight weight)
{
  g_autoptr (PangoLayout) layout = text_layout (cr, text, size, weight, -1, TEXT_LEFT, FALSE);

  return layout_width (layout);
}

/* A context to measure text in while laying out pages. */
static PangoFontMap *
document_font_map (SwPrintDocument *self)
{
  if (self->font_map == NULL)
    self->font_map = pango_cairo_font_map_new ();
  return self->font_map;
}

static void
attach_font_map (SwPrintDocument *self,
                 cairo_t         *cr)
{
  cairo_set_user_data (cr, &font_map_key, g_object_ref (document_font_map (self)), g_object_unref);
}

static cairo_t *
measuring_context (SwPrintDocument *self)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  attach_font_map (self, cr);
  return cr;
}

/* "2026-10-15" as the reader's date, "15 October 2026". */
static char *
format_date (const char *iso)
{
  int year, month, day;
  g_autoptr (GDateTime) date = NULL;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3)
    return g_strdup (iso != NULL ? iso : "");
  date = g_date_time_new_utc (year, month, day, 12, 0, 0);
  if (date == NULL)
    return g_strdup (iso);
  /* TRANSLATORS: a date on printed pages, strftime format: "15 October 2026" */
  return g_date_time_format (date, _("%-d %B %Y"));
}

static char *
format_number (double value)
{
  /* Thin groups of thousands, as Swedish and English print both read. */
  g_autofree char *digits = g_strdup_printf ("%.0f", value);
  GString *text = g_string_new (NULL);
  size_t n = strlen (digits);

  for (size_t i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (text, " ");
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Page frame                                                             */

static double
margin (SwPrintDocument *self)
{
  return (self->paper == SW_PRINT_PAPER_A3 && self->layout == SW_PRINT_LAYOUT_COUNCIL ? 14 : 12) * MM;
}

static double
header_height (SwPrintDocument *self)
{
  return 17 * MM * self->k;
}

static double
footer_height (SwPrintDocument *self)
{
  return 8 * MM;
}

static Rect
content_rect (SwPrintDocument *self)
{
  double m = margin (self);

  return (Rect) { m, m + header_height (self), self->page_width - 2 * m,
                  self->page_height - 2 * m - header_height (self) - footer_height (self) };
}

static const char *
document_heading (SwPrintDocument *self)
{
  return self->walk_title != NULL ? self->walk_title : self->title;
}

static void
draw_header (SwPrintDocument *self,
             cairo_t         *cr,
             const char      *kind)
{
  double m = margin (self);
  double width = self->page_width - 2 * m;
  double k = self->k;
  g_autofree char *printed = format_date (self->date);
  g_autoptr (GString) subtitle = g_string_new (NULL);
  double title_height;
  double right;

  g_string_append (subtitle, self->municipality != NULL && *self->municipality != '\0'
                               ? self->municipality : self->title);
  if (self->walk_title != NULL && self->walk_date != NULL && *self->walk_date != '\0')
    {
      g_autofree char *walked = format_date (self->walk_date);

      g_string_append_printf (subtitle, "  ·  %s", walked);
      if (self->walk_light != NULL)
        g_string_append_printf (subtitle, ", %s",
                                sw_vocabulary_get_label (SW_VOCABULARY_LIGHT, self->walk_light));
    }
  else if (self->walk_title == NULL && self->n_walks != 1)
    g_string_append_printf (subtitle, "  ·  %s", self->title);

  right = text_width (cr, kind, 10 * k, PANGO_WEIGHT_BOLD);
  right = MAX (right, text_width (cr, printed, 8.5 * k, PANGO_WEIGHT_NORMAL));

  title_height = draw_text (cr, m, m, width - right - 10 * MM, document_heading (self), 17 * k,
                            PANGO_WEIGHT_BOLD, ink);
  draw_text (cr, m, m + MIN (title_height, 22 * k) + 1.5 * k, width - right - 10 * MM, subtitle->str,
             9.5 * k, PANGO_WEIGHT_NORMAL, grey);
  draw_text_full (cr, m, m + 1 * k, width, kind, 10 * k, PANGO_WEIGHT_BOLD, ink, TEXT_RIGHT, FALSE);
  draw_text_full (cr, m, m + 15 * k, width, printed, 8.5 * k, PANGO_WEIGHT_NORMAL, grey, TEXT_RIGHT,
                  FALSE);

  set_rgb (cr, ink);
  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, m, m + header_height (self) - 4 * MM);
  cairo_line_to (cr, m + width, m + header_height (self) - 4 * MM);
  cairo_stroke (cr);
}

static void
draw_footer (SwPrintDocument *self,
             cairo_t         *cr,
             guint            page,
             const char      *attribution)
{
  double m = margin (self);
  double width = self->page_width - 2 * m;
  double y = self->page_height - m - 4 * MM;
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  g_autofree char *left = g_strdup_printf ("%s  ·  %s", self->title, _("Safety Walk"));

  set_rgb (cr, rule);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, m, y - 1.5 * MM);
  cairo_line_to (cr, m + width, y - 1.5 * MM);
  cairo_stroke (cr);

  draw_text (cr, m, y, width * 0.3, left, 7, PANGO_WEIGHT_NORMAL, grey);
  if (attribution != NULL)
    {
      /* TRANSLATORS: the basemap's attribution in the page footer */
      g_autofree char *line = g_strdup_printf (_("Basemap: %s"), attribution);

      draw_text_full (cr, m + width * 0.3, y, width * 0.5, line, 7, PANGO_WEIGHT_NORMAL, grey,
                      TEXT_CENTER, FALSE);
    }
  draw_text_full (cr, m, y, width, number, 7, PANGO_WEIGHT_NORMAL, grey, TEXT_RIGHT, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Maps                                                                   */

static void
map_to_page (MapView *view,
             double   longitude,
             double   latitude,
             double  *x,
             double  *y)
{
  double mx, my;

  _sw_print_mercator (longitude, latitude, &mx, &my);
  *x = view->frame.x + view->frame.width / 2 + (mx - view->center_x) / view->scale;
  *y = view->frame.y + view->frame.height / 2 - (my - view->center_y) / view->scale;
}

/* 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 7.5 times a power of ten: the scales a
 * planner expects on a map, the smallest at least @value. */
static double
nice_scale (double value)
{
  static const double steps[] = { 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10 };
  double power = pow (10, floor (log10 (value)));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * power >= value * 0.9999)
      return steps[i] * power;
  return 10 * power;
}

/* A round length for a scale bar at most @value long: 1, 2 or 5 times a
 * power of ten. */
static double
nice_length (double value)
{
  double power = pow (10, floor (log10 (value)));

  if (5 * power <= value)
    return 5 * power;
  if (2 * power <= value)
    return 2 * power;
  return power;
}

static void
extend_extent (double  longitude,
               double  latitude,
               double *extent)
{
  double x, y;

  _sw_print_mercator (longitude, latitude, &x, &y);
  extent[0] = MIN (extent[0], x);
  extent[1] = MIN (extent[1], y);
  extent[2] = MAX (extent[2], x);
  extent[3] = MAX (extent[3], y);
}

static MapView *
map_view_new (SwPrintDocument *self,
              Rect             frame,
              int              route)
{
  MapView *view = g_new0 (MapView, 1);
  double extent[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  double width, height, fit;
  double min_span = 250; /* metres: a single point still shows its streets */
  double phi;

  view->route = route;
  view->frame = frame;

  for (guint i = 0; i < self->routes->len; i++)
    {
      SwPrintRoute *r = g_ptr_array_index (self->routes, i);

      if (route >= 0 && (guint) route != i)
        continue;
      for (guint p = 0; p < r->points->len; p++)
        {
          SwPrintPoint *point = &g_array_index (r->points, SwPrintPoint, p);

          extend_extent (point->longitude, point->latitude, extent);
        }
    }
  for (guint i = 0; i < self->stops->len; i++)
    {
      SwPrintStop *stop = g_ptr_array_index (self->stops, i);

      if (route >= 0
          && g_strcmp0 (stop->route_uuid,
                        ((SwPrintRoute *) g_ptr_array_index (self->routes, route))->uuid) != 0)
        continue;
      extend_extent (stop->longitude, stop->latitude, extent);
    }
  if (route < 0)
    for (guint i = 0; i < self->findings->len; i++)
      {
        SwPrintFinding *finding = g_ptr_array_index (self->findings, i);

        extend_extent (finding->longitude, finding->latitude, extent);
      }

  if (!isfinite (extent[0]))
    {
      view->empty = TRUE;
      view->scale = 1;
      view->denominator = 0;
      return view;
    }

  view->center_x = (extent[0] + extent[2]) / 2;
  view->center_y = (extent[1] + extent[3]) / 2;
  view->latitude = (2 * atan (exp (view->center_y / 6378137.0)) - G_PI / 2) * 180 / G_PI;
  phi = view->latitude * G_PI / 180;

  /* Web Mercator stretches by 1 / cos(latitude): the ground scale is the
   * paper scale times cos(latitude). Markers near the edge need room. */
  width = MAX (extent[2] - extent[0], min_span / cos (phi));
  height = MAX (extent[3] - extent[1], min_span / cos (phi));
  fit = MAX (width / (frame.width - 24 * MM), height / (frame.height - 24 * MM));
  view->denominator = nice_scale (fit * cos (phi) / (0.0254 / 72));
  view->scale = view->denominator * (0.0254 / 72) / cos (phi);
  return view;
}

/* The ground distance a point of paper stands for on @view, in metres. */
static double
metres_per_point (MapView *view)
{
  return view->denominator * 0.0254 / 72;
}

static char *
map_notice (SwPrintDocument *self,
            MapView         *view,
            gboolean         show_places)
{
  g_autoptr (GString) notice = g_string_new (NULL);

  if (view->empty)
    g_string_append (notice, _("Nothing to map yet: this walk has no routes, stops or findings."));
  else if (show_places && self->findings->len == 0)
    g_string_append (notice, _("No findings have been recorded yet, so there are no places to rank."));
  if (view->problem != NULL && !view->empty)
    {
      if (notice->len > 0)
        g_string_append_c (notice, '\n');
      g_string_append (notice, view->problem);
    }
  if (notice->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&notice), FALSE);
}

/* A view of the same things in @frame less a band at its top for
 * @notice; the old view's basemap answer is kept. */
static MapView *
map_view_with_notice (SwPrintDocument *self,
                      MapView         *view,
                      Rect             frame,
                      char            *notice)
{
  cairo_t *cr = measuring_context (self);
  double height = measure_text (cr, frame.width - 8 * MM, notice, 9 * self->k, PANGO_WEIGHT_BOLD, FALSE)
                  + 2 * NOTICE_PAD;
  Rect rest = { frame.x, frame.y + height + 3 * MM, frame.width, frame.height - height - 3 * MM };
  MapView *shrunk = map_view_new (self, rest, view->route);

  cairo_destroy (cr);
  shrunk->notice = notice;
  shrunk->notice_rect = (Rect) { frame.x, frame.y, frame.width, height };
  shrunk->problem = g_steal_pointer (&view->problem);
  shrunk->attribution = g_steal_pointer (&view->attribution);
  shrunk->basemap = g_steal_pointer (&view->basemap);
  map_view_free (view);
  return shrunk;
}

static void
fetch_map (SwPrintDocument *self,
           MapView         *view,
           GCancellable    *cancellable,
           GError         **error)
{
  double dpi = BASEMAP_DPI;
  int width, height;
  double half_w, half_h;

  if (view->empty)
    return;
  if (self->basemap.mbtiles == NULL && self->basemap.url_template == NULL)
    {
      view->problem = g_strdup (_("No basemap was chosen: the map is printed without one."));
      return;
    }

  /* A tile server gets asked for fewer tiles than a local file. */
  if (self->basemap.url_template != NULL)
    dpi = 150;
  width = (int) ceil (view->frame.width / 72 * dpi);
  height = (int) ceil (view->frame.height / 72 * dpi);
  if (MAX (width, height) > BASEMAP_MAX_PIXELS)
    {
      double shrink = (double) BASEMAP_MAX_PIXELS / MAX (width, height);

      width = (int) (width * shrink);
      height = (int) (height * shrink);
    }
  half_w = view->frame.width / 2 * view->scale;
  half_h = view->frame.height / 2 * view->scale;
  view->basemap = _sw_print_fetch_basemap (&self->basemap, view->center_x - half_w,
                                           view->center_y - half_h, view->center_x + half_w,
                                           view->center_y + half_h, width, height, cancellable,
                                           &view->attribution, &view->problem, error);
}

static void
draw_route_line (cairo_t      *cr,
                 MapView      *view,
                 SwPrintRoute *route,
                 double        width)
{
  if (route->points->len < 2)
    return;
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint p = 0; p < route->points->len; p++)
        {
          SwPrintPoint *point = &g_array_index (route->points, SwPrintPoint, p);
          double x, y;

          map_to_page (view, point->longitude, point->latitude, &x, &y);
          if (p == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      if (pass == 0)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, width + 2.4);
        }
      else
        {
          cairo_set_source_rgba (cr, route->red, route->green, route->blue, 0.92);
          cairo_set_line_width (cr, width);
        }
      cairo_stroke (cr);
    }
}

static Rgb
route_rgb (SwPrintRoute *route)
{
  return (Rgb) { route->red, route->green, route->blue };
}

static SwPrintRoute *
stop_route (SwPrintDocument *self,
            SwPrintStop     *stop)
{
  for (guint i = 0; i < self->routes->len; i++)
    {
      SwPrintRoute *route = g_ptr_array_index (self->routes, i);

      if (g_strcmp0 (route->uuid, stop->route_uuid) == 0)
        return route;
    }
  return NULL;
}

/* A stop: a white rounded square, its number in the route's colour. */
static void
draw_stop_badge (cairo_t    *cr,
                 double      x,
                 double      y,
                 double      size,
                 Rgb         color,
                 int         number)
{
  char text[16];
  double r = size / 2;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + r - 2, y - r + 2, 2, -G_PI / 2, 0);
  cairo_arc (cr, x + r - 2, y + r - 2, 2, 0, G_PI / 2);
  cairo_arc (cr, x - r + 2, y + r - 2, 2, G_PI / 2, G_PI);
  cairo_arc (cr, x - r + 2, y - r + 2, 2, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  set_rgb (cr, color);
  cairo_set_line_width (cr, MAX (1.2, size * 0.12));
  cairo_stroke (cr);

  g_snprintf (text, sizeof text, "%d", number);
  {
    g_autoptr (PangoLayout) layout = text_layout (cr, text, size * 0.58, PANGO_WEIGHT_BOLD, -1,
                                                  TEXT_LEFT, FALSE);
    PangoRectangle ink_rect;

    pango_layout_get_extents (layout, &ink_rect, NULL);
    cairo_move_to (cr, x - (ink_rect.x + ink_rect.width / 2.0) / PANGO_SCALE,
                   y - (ink_rect.y + ink_rect.height / 2.0) / PANGO_SCALE);
    set_rgb (cr, color);
    pango_cairo_show_layout (cr, layout);
  }
}

/* A ranked place: a disc split among its categories' colours, with its
 * number in white. */
static void
draw_place_badge (cairo_t      *cr,
                  double        x,
                  double        y,
                  double        radius,
                  SwPrintPlace *place)
{
  guint n = place->categories != NULL ? MIN (g_strv_length (place->categories), 4) : 0;
  char text[16];
  Rgb main_color = category_color (n > 0 ? place->categories[0] : NULL);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius + 1.4, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  if (n <= 1)
    {
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      set_rgb (cr, main_color);
      cairo_fill (cr);
    }
  else
    {
      /* The main category takes half the disc, the others share the rest. */
      double start = -G_PI / 2;

      for (guint i = 0; i < n; i++)
        {
          double sweep = i == 0 ? G_PI : G_PI / (n - 1);

          cairo_move_to (cr, x, y);
          cairo_arc (cr, x, y, radius, start, start + sweep);
          cairo_close_path (cr);
          set_rgb (cr, category_color (place->categories[i]));
          cairo_fill (cr);
          start += sweep;
        }
      cairo_arc (cr, x, y, radius * 0.68, 0, 2 * G_PI);
      set_rgb (cr, main_color);
      cairo_fill (cr);
    }

  g_snprintf (text, sizeof text, "%d", place->number);
  {
    double size = radius * (place->number >= 10 ? 0.95 : 1.1);
    g_autoptr (PangoLayout) layout = text_layout (cr, text, size, PANGO_WEIGHT_BOLD, -1,
                                                  TEXT_LEFT, FALSE);
    PangoRectangle ink_rect;

    pango_layout_get_extents (layout, &ink_rect, NULL);
    cairo_move_to (cr, x - (ink_rect.x + ink_rect.width / 2.0) / PANGO_SCALE,
                   y - (ink_rect.y + ink_rect.height / 2.0) / PANGO_SCALE);
    set_rgb (cr, text_on (main_color));
    pango_cairo_show_layout (cr, layout);
  }
}

static void
draw_label_box (cairo_t *cr,
                double   x,
                double   y,
                double   width,
                double   height)
{
  cairo_rectangle (cr, x, y, width, height);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
  cairo_fill_preserve (cr);
  set_rgb (cr, rule);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
}

static void
draw_north_arrow (cairo_t *cr,
                  double   x,
                  double   y,
                  double   size)
{
  /* (x, y) is the arrow's tip. */
  draw_label_box (cr, x - size * 0.55, y - size * 0.2, size * 1.1, size * 1.55);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + size * 0.32, y + size * 0.95);
  cairo_line_to (cr, x, y + size * 0.75);
  cairo_close_path (cr);
  set_rgb (cr, ink);
  cairo_fill (cr);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - size * 0.32, y + size * 0.95);
  cairo_line_to (cr, x, y + size * 0.75);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  set_rgb (cr, ink);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  draw_text_full (cr, x - size / 2, y + size * 0.95, size, "N", size * 0.38, PANGO_WEIGHT_BOLD, ink,
                  TEXT_CENTER, FALSE);
}

/* A bar of four alternating segments in round metres, and the scale. */
static void
draw_scale_bar (SwPrintDocument *self,
                cairo_t         *cr,
                MapView         *view,
                double           x,
                double           y)
{
  double k = self->k;
  double mpp = metres_per_point (view);
  double length = nice_length (view->frame.width * 0.22 * mpp);
  double bar = length / mpp;
  double segment = bar / 4;
  double height = 4 * k;
  g_autofree char *denominator = format_number (view->denominator);
  g_autofree char *scale = NULL;
  g_autofree char *end = NULL;
  g_autofree char *half = NULL;
  const char *paper = self->paper == SW_PRINT_PAPER_A3 || self->layout == SW_PRINT_LAYOUT_HANDOUT
                        ? (self->paper == SW_PRINT_PAPER_A3 ? "A3" : "A4")
                        : "A4";

  /* TRANSLATORS: the map scale, e.g. "Scale 1:5 000 on A3" */
  scale = g_strdup_printf (_("Scale 1:%s on %s"), denominator, paper);
  if (length >= 1000)
    end = g_strdup_printf ("%g km", length / 1000);
  else
    end = g_strdup_printf ("%g m", length);
  half = length / 2 >= 1000 ? g_strdup_printf ("%g", length / 2000) : g_strdup_printf ("%g", length / 2);

  draw_label_box (cr, x - 3 * MM, y - 9 * k - 2 * MM, bar + 6 * MM + text_width (cr, end, 7 * k, PANGO_WEIGHT_NORMAL) / 2,
                  height + 20 * k + 2 * MM);
  for (int i = 0; i < 4; i++)
    {
      cairo_rectangle (cr, x + i * segment, y, segment, height);
      if (i % 2 == 0)
        set_rgb (cr, ink);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, ink);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
    }
  draw_text_full (cr, x - 10, y - 9 * k, 20, "0", 7 * k, PANGO_WEIGHT_NORMAL, ink, TEXT_CENTER, FALSE);
  draw_text_full (cr, x + bar / 2 - 20, y - 9 * k, 40, half, 7 * k, PANGO_WEIGHT_NORMAL, ink,
                  TEXT_CENTER, FALSE);
  draw_text_full (cr, x + bar - 30, y - 9 * k, 60, end, 7 * k, PANGO_WEIGHT_NORMAL, ink, TEXT_CENTER,
                  FALSE);
  draw_text (cr, x, y + height + 2 * k, bar + 40, scale, 7 * k, PANGO_WEIGHT_NORMAL, ink);
}

static double
place_badge_radius (SwPrintDocument *self,
                    SwPrintPlace    *place)
{
  return (place->number <= 9 ? 7.5 : 8.2) * self->k;
}

static double
stop_badge_size (SwPrintDocument *self,
                 MapView         *view)
{
  return (view->route < 0 ? 10 : 15) * self->k;
}

typedef struct
{
  double x, y, r;
} Disc;

static gboolean
disc_is_free (GArray *placed,
              Rect    frame,
              double  x,
              double  y,
              double  r)
{
  if (x - r < frame.x + 2 || x + r > frame.x + frame.width - 2 || y - r < frame.y + 2
      || y + r > frame.y + frame.height - 2)
    return FALSE;
  for (guint i = 0; i < placed->len; i++)
    {
      Disc *other = &g_array_index (placed, Disc, i);

      if (hypot (other->x - x, other->y - y) < other->r + r + 0.8)
        return FALSE;
    }
  return TRUE;
}

/* Puts a badge at its anchor when free, otherwise at the nearest free spot
 * on rings around it; the first placed keep their spots, so the places
 * ranked highest sit exactly where they are. */
static void
place_disc (GArray *placed,
            Rect    frame,
            double  ax,
            double  ay,
            double  r,
            double *xy)
{
  Disc disc = { ax, ay, r };

  if (!disc_is_free (placed, frame, ax, ay, r))
    {
      gboolean found = FALSE;

      for (int ring = 1; ring <= 6 && !found; ring++)
        {
          double distance = ring * (r * 1.1 + 1.5) + r * 0.6;
          int n = 8 + 4 * ring;

          for (int a = 0; a < n && !found; a++)
            {
              /* Up and to the right first, as labels are read. */
              double angle = -G_PI / 4 + 2 * G_PI * a / n;
              double x = ax + distance * cos (angle);
              double y = ay + distance * sin (angle);

              if (disc_is_free (placed, frame, x, y, r))
                {
                  disc.x = x;
                  disc.y = y;
                  found = TRUE;
                }
            }
        }
    }
  g_array_append_val (placed, disc);
  xy[0] = disc.x;
  xy[1] = disc.y;
}


static void
layout_badges (SwPrintDocument *self,
               MapView         *view,
               gboolean         show_places)
{
  g_autoptr (GArray) placed = g_array_new (FALSE, FALSE, sizeof (Disc));

  view->place_xy = g_new0 (double, 2 * (self->places->len + 1));
  view->stop_xy = g_new0 (double, 2 * (self->stops->len + 1));
  if (view->empty)
    return;

  if (show_places)
    for (guint i = 0; i < self->places->len; i++)
      {
        SwPrintPlace *place = g_ptr_array_index (self->places, i);
        double x, y;

        map_to_page (view, place->longitude, place->latitude, &x, &y);
        place_disc (placed, view->frame, x, y, place_badge_radius (self, place) + 1.4, &view->place_xy[2 * i]);
      }
  for (guint i = 0; i < self->stops->len; i++)
    {
      SwPrintStop *stop = g_ptr_array_index (self->stops, i);
      double x, y;

      if (view->route >= 0 && stop_route (self, stop) != g_ptr_array_index (self->routes, view->route))
        continue;
      map_to_page (view, stop->longitude, stop->latitude, &x, &y);
      place_disc (placed, view->frame, x, y, stop_badge_size (self, view) * 0.62, &view->stop_xy[2 * i]);
    }
}

/* A thin line from where a thing is to its badge moved aside. */
static void
draw_leader (cairo_t *cr,
             double   ax,
             double   ay,
             double   x,
             double   y,
             Rgb      color)
{
  if (hypot (x - ax, y - ay) < 0.5)
    return;
  cairo_new_path (cr);
  cairo_move_to (cr, ax, ay);
  cairo_line_to (cr, x, y);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 2.2);
  cairo_stroke (cr);
  cairo_move_to (cr, ax, ay);
  cairo_line_to (cr, x, y);
  set_rgb (cr, ink);
  cairo_set_line_width (cr, 0.7);
  cairo_stroke (cr);
  cairo_arc (cr, ax, ay, 2.2, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_arc (cr, ax, ay, 1.5, 0, 2 * G_PI);
  set_rgb (cr, color);
  cairo_fill (cr);
}

static void
draw_map (SwPrintDocument *self,
          cairo_t         *cr,
          MapView         *view,
          gboolean         show_places)
{
  Rect f = view->frame;
  double k = self->k;

  cairo_save (cr);
  cairo_rectangle (cr, f.x, f.y, f.width, f.height);
  cairo_clip (cr);

  if (view->basemap != NULL)
    {
      double sx = f.width / cairo_image_surface_get_width (view->basemap);
      double sy = f.height / cairo_image_surface_get_height (view->basemap);

      cairo_save (cr);
      cairo_translate (cr, f.x, f.y);
      cairo_scale (cr, sx, sy);
      cairo_set_source_surface (cr, view->basemap, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  else
    {
      cairo_set_source_rgb (cr, 0.965, 0.965, 0.955);
      cairo_paint (cr);
    }

  if (!view->empty)
    {
      for (guint i = 0; i < self->routes->len; i++)
        if (view->route < 0 || (guint) view->route == i)
          draw_route_line (cr, view, g_ptr_array_index (self->routes, i), 3.2 * k);

      if (show_places)
        {
          /* Every finding as a small dot, its place's number above them. */
          for (guint i = 0; i < self->findings->len; i++)
            {
              SwPrintFinding *finding = g_ptr_array_index (self->findings, i);
              double x, y;

              map_to_page (view, finding->longitude, finding->latitude, &x, &y);
              cairo_new_path (cr);
              cairo_arc (cr, x, y, 2.6 * k, 0, 2 * G_PI);
              cairo_set_source_rgb (cr, 1, 1, 1);
              cairo_fill (cr);
              cairo_arc (cr, x, y, 1.8 * k, 0, 2 * G_PI);
              set_rgb (cr, category_color (finding->category));
              cairo_fill (cr);
            }
        }

      /* A place's findings far from its badge (a place merged by hand,
       * or a long one) are tied to it by thin lines. */
      if (show_places)
        for (guint i = 0; i < self->places->len; i++)
          {
            SwPrintPlace *place = g_ptr_array_index (self->places, i);
            double bx = view->place_xy[2 * i], by = view->place_xy[2 * i + 1];

            for (guint m = 0; place->findings->len > 1 && m < place->findings->len; m++)
              {
                SwPrintFinding *finding = g_ptr_array_index (place->findings, m);
                double x, y;

                map_to_page (view, finding->longitude, finding->latitude, &x, &y);
                if (hypot (x - bx, y - by) < place_badge_radius (self, place) + 3)
                  continue;
                cairo_new_path (cr);
                cairo_move_to (cr, bx, by);
                cairo_line_to (cr, x, y);
                set_rgb (cr, category_color (finding->category));
                cairo_set_line_width (cr, 0.9);
                cairo_set_dash (cr, (double[]) { 2.5, 1.5 }, 2, 0);
                cairo_stroke (cr);
                cairo_set_dash (cr, NULL, 0, 0);
              }
          }

      /* Leader lines first, badges over them. */
      for (guint i = 0; i < self->stops->len; i++)
        {
          SwPrintStop *stop = g_ptr_array_index (self->stops, i);
          SwPrintRoute *route = stop_route (self, stop);
          double x, y;

          if (view->route >= 0 && route != g_ptr_array_index (self->routes, view->route))
            continue;
          map_to_page (view, stop->longitude, stop->latitude, &x, &y);
          draw_leader (cr, x, y, view->stop_xy[2 * i], view->stop_xy[2 * i + 1],
                       route != NULL ? route_rgb (route) : ink);
        }
      if (show_places)
        for (guint i = 0; i < self->places->len; i++)
          {
            SwPrintPlace *place = g_ptr_array_index (self->places, i);
            double x, y;

            map_to_page (view, place->longitude, place->latitude, &x, &y);
            draw_leader (cr, x, y, view->place_xy[2 * i], view->place_xy[2 * i + 1],
                         category_color (place->categories[0]));
          }

      for (guint i = 0; i < self->stops->len; i++)
        {
          SwPrintStop *stop = g_ptr_array_index (self->stops, i);
          SwPrintRoute *route = stop_route (self, stop);

          if (view->route >= 0 && route != g_ptr_array_index (self->routes, view->route))
            continue;
          draw_stop_badge (cr, view->stop_xy[2 * i], view->stop_xy[2 * i + 1], stop_badge_size (self, view),
                           route != NULL ? route_rgb (route) : ink, stop->number);
        }

      if (show_places)
        for (guint i = self->places->len; i-- > 0;)
          {
            SwPrintPlace *place = g_ptr_array_index (self->places, i);

            draw_place_badge (cr, view->place_xy[2 * i], view->place_xy[2 * i + 1],
                              place_badge_radius (self, place), place);
          }
    }

  if (!view->empty)
    {
      draw_north_arrow (cr, f.x + f.width - 9 * MM * k, f.y + 6 * MM, 9 * MM * k);
      draw_scale_bar (self, cr, view, f.x + 7 * MM, f.y + f.height - 12 * MM * k);
    }

  if (view->attribution != NULL && view->basemap != NULL)
    {
      g_autofree char *line = g_strdup_printf ("%s", view->attribution);
      double width = text_width (cr, line, 6.5 * k, PANGO_WEIGHT_NORMAL) + 4 * MM;
      double height = 6.5 * k * 1.3 + 2 * MM;

      width = MIN (width, f.width * 0.6);
      cairo_rectangle (cr, f.x + f.width - width, f.y + f.height - height, width, height);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_fill (cr);
      draw_text (cr, f.x + f.width - width + 2 * MM, f.y + f.height - height + 1 * MM, width - 4 * MM,
                 line, 6.5 * k, PANGO_WEIGHT_NORMAL, ink);
    }
  cairo_restore (cr);

  cairo_rectangle (cr, f.x, f.y, f.width, f.height);
  set_rgb (cr, ink);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);

  /* What is missing, in a band above the map, hiding nothing on it. */
  if (view->notice != NULL)
    {
      Rect n = view->notice_rect;

      cairo_rectangle (cr, n.x, n.y, n.width, n.height);
      cairo_set_source_rgb (cr, 1, 0.96, 0.85);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.85, 0.55, 0.1);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      cairo_rectangle (cr, n.x, n.y, 2 * MM, n.height);
      cairo_fill (cr);
      draw_text (cr, n.x + 5 * MM, n.y + NOTICE_PAD, n.width - 8 * MM, view->notice, 9 * k,
                 PANGO_WEIGHT_BOLD, ink);
    }
}

/* ---------------------------------------------------------------------- */
/* Council map page                                                       */

static gboolean
legend_beside (SwPrintDocument *self)
{
  return self->landscape;
}

static Rect
council_map_frame (SwPrintDocument *self)
{
  Rect c = content_rect (self);

  if (legend_beside (self))
    {
      double legend = MAX (58 * MM, c.width * 0.2);

      return (Rect) { c.x, c.y, c.width - legend - 6 * MM, c.height };
    }
  return (Rect) { c.x, c.y, c.width, c.height * 0.76 };
}

static Rect
council_legend_rect (SwPrintDocument *self)
{
  Rect c = content_rect (self);
  Rect map = council_map_frame (self);

  if (legend_beside (self))
    return (Rect) { map.x + map.width + 6 * MM, c.y, c.width - map.width - 6 * MM, c.height };
  return (Rect) { c.x, map.y + map.height + 5 * MM, c.width, c.height - map.height - 5 * MM };
}

/* The categories that appear, in the order of the word list. */
static GPtrArray *
categories_shown (SwPrintDocument *self)
{
  GPtrArray *shown = g_ptr_array_new ();
  guint n;
  const SwTerm *terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n);

  for (guint t = 0; t < n; t++)
    for (guint i = 0; i < self->findings->len; i++)
      {
        SwPrintFinding *finding = g_ptr_array_index (self->findings, i);

        if (g_strv_contains ((const char *const *) finding->categories, terms[t].key))
          {
            g_ptr_array_add (shown, (gpointer) terms[t].key);
            break;
          }
      }
  return shown;
}

typedef struct
{
  SwPrintDocument *self;
  cairo_t *cr;
  Rect area;
  double x;
  double y;
  double column_width;
  guint n_columns;
  guint column;
} LegendCursor;

static void
legend_next_column (LegendCursor *cursor)
{
  if (cursor->column + 1 < cursor->n_columns)
    {
      cursor->column++;
      cursor->x = cursor->area.x + cursor->column * cursor->column_width;
      cursor->y = cursor->area.y;
    }
}

static void
legend_heading (LegendCursor *cursor,
                const char   *text)
{
  double k = cursor->self->k;

  if (cursor->y > cursor->area.y)
    cursor->y += 3 * k;
  if (cursor->y + 30 * k > cursor->area.y + cursor->area.height)
    legend_next_column (cursor);
  cursor->y += draw_text (cursor->cr, cursor->x, cursor->y, cursor->column_width - 4 * MM, text, 9 * k,
                          PANGO_WEIGHT_BOLD, ink);
  cursor->y += 2 * k;
}

/* One line of the legend with a symbol drawn by @kind: 0 a category disc,
 * 1 a route line, 2 a stop, 3 a ranked place. */
static void
legend_entry (LegendCursor *cursor,
              int           kind,
              Rgb           color,
              const char   *text)
{
  SwPrintDocument *self = cursor->self;
  cairo_t *cr = cursor->cr;
  double k = self->k;
  double symbol = 11 * k;
  double height = measure_text (cr, cursor->column_width - symbol - 6 * MM, text, 8 * k,
                                PANGO_WEIGHT_NORMAL, FALSE);
  double cy = cursor->y + MIN (height, 8 * k * 1.25) / 2;

  if (cursor->y + height > cursor->area.y + cursor->area.height)
    {
      legend_next_column (cursor);
      cy = cursor->y + MIN (height, 8 * k * 1.25) / 2;
    }

  switch (kind)
    {
    case 0:
      cairo_new_path (cr);
      cairo_arc (cr, cursor->x + symbol / 2, cy, 4.2 * k, 0, 2 * G_PI);
      set_rgb (cr, color);
      cairo_fill (cr);
      break;
    case 1:
      cairo_move_to (cr, cursor->x, cy);
      cairo_line_to (cr, cursor->x + symbol, cy);
      cairo_set_line_width (cr, 3.2 * k);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      set_rgb (cr, color);
      cairo_stroke (cr);
      break;
    case 2:
      draw_stop_badge (cr, cursor->x + symbol / 2, cy, 10 * k, color, 1);
      break;
    default:
      {
        SwPrintPlace sample = { 0 };
        const char *categories[] = { "lighting", NULL };

        sample.number = 1;
        sample.categories = (GStrv) categories;
        draw_place_badge (cr, cursor->x + symbol / 2, cy, 6 * k, &sample);
      }
      break;
    }

  draw_text (cr, cursor->x + symbol + 2.5 * MM, cursor->y, cursor->column_width - symbol - 6 * MM, text,
             8 * k, PANGO_WEIGHT_NORMAL, ink);
  cursor->y += MAX (height, 10 * k) + 2.2 * k;
}

static void
draw_council_legend (SwPrintDocument *self,
                     cairo_t         *cr,
                     MapView         *view)
{
  Rect area = council_legend_rect (self);
  LegendCursor cursor = { self, cr, area, area.x, area.y, area.width, 1, 0 };
  g_autoptr (GPtrArray) shown = categories_shown (self);
  double k = self->k;

  if (!legend_beside (self))
    {
      cursor.n_columns = 4;
      cursor.column_width = area.width / cursor.n_columns;
    }

  cursor.y += draw_text (cr, cursor.x, cursor.y, cursor.column_width, _("Legend"), 11 * k,
                         PANGO_WEIGHT_BOLD, ink) + 3 * k;

  legend_heading (&cursor, _("Places, by priority"));
  legend_entry (&cursor, 3, ink,
                _("Number: the place’s rank in the table; colours: its categories, the main one in the centre"));

  legend_heading (&cursor, _("Findings, by category"));
  if (shown->len == 0)
    legend_entry (&cursor, 0, rule, _("No findings yet"));
  for (guint i = 0; i < shown->len; i++)
    legend_entry (&cursor, 0, category_color (shown->pdata[i]),
                  sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, shown->pdata[i]));

  if (self->routes->len > 0)
    {
      legend_heading (&cursor, _("Routes and stops"));
      for (guint i = 0; i < self->routes->len; i++)
        {
          SwPrintRoute *route = g_ptr_array_index (self->routes, i);
          g_autofree char *line = g_strdup_printf (_("%s (%.1f km)"), route->name, route->length / 1000);

          legend_entry (&cursor, 1, route_rgb (route), line);
        }
      if (self->stops->len > 0)
        legend_entry (&cursor, 2, ink, _("Numbered stop of a route"));
    }

  if (legend_beside (self))
    {
      /* The basemap's source at the foot of the legend. */
      g_autoptr (GString) about = g_string_new (NULL);
      double height;

      if (view->attribution != NULL && view->basemap != NULL)
        g_string_append_printf (about, _("Basemap: %s"), view->attribution);
      else if (view->problem != NULL)
        g_string_append (about, _("Printed without a basemap."));
      g_string_append_printf (about, "\n%s", _("Coordinates: WGS 84, shown in Web Mercator."));
      height = measure_text (cr, area.width, about->str, 7 * k, PANGO_WEIGHT_NORMAL, FALSE);
      draw_text (cr, area.x, area.y + area.height - height, area.width, about->str, 7 * k,
                 PANGO_WEIGHT_NORMAL, grey);
    }
}

static void
draw_council_map_page (SwPrintDocument *self,
                       cairo_t         *cr,
                       guint            page)
{
  MapView *view = g_ptr_array_index (self->maps, 0);

  draw_header (self, cr, _("Map of findings"));
  draw_map (self, cr, view, TRUE);
  draw_council_legend (self, cr, view);
  draw_footer (self, cr, page, view->basemap != NULL ? view->attribution : NULL);
}

/* ---------------------------------------------------------------------- */
/* Ranked table                                                           */

typedef struct
{
  const char *title;
  double share;
} Column;

enum
{
  COL_NUMBER,
  COL_PLACE,
  COL_CATEGORIES,
  COL_SEVERITY,
  COL_MEASURE,
  COL_RESPONSIBLE,
  COL_STATUS,
  N_COLUMNS
};

static const Column columns[N_COLUMNS] = {
  { N_("No."), 0.045 },
  { N_("Place"), 0.185 },
  { N_("Categories"), 0.165 },
  { N_("Severity"), 0.085 },
  { N_("Measure"), 0.265 },
  { N_("Responsible"), 0.135 },
  { N_("Status"), 0.12 },
};

#define CELL_PAD (1.6 * MM)

static double
column_x (Rect area,
          int  column)
{
  double x = area.x;

  for (int c = 0; c < column; c++)
    x += columns[c].share * area.width;
  return x;
}

static double
column_width (Rect area,
              int  column)
{
  return columns[column].share * area.width - 2 * CELL_PAD;
}

static char *
place_findings_line (SwPrintPlace *place)
{
  guint dark = 0;

  for (guint i = 0; i < place->findings->len; i++)
    if (g_strcmp0 (((SwPrintFinding *) g_ptr_array_index (place->findings, i))->light, "dark") == 0)
      dark++;
  if (dark > 0)
    /* TRANSLATORS: under a place's name in the ranked table */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding, %u in darkness",
                                         "%u findings, %u in darkness", place->findings->len),
                            place->findings->len, dark);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings",
                                       place->findings->len),
                          place->findings->len);
}

static char *
place_categories_text (SwPrintPlace *place)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; place->categories[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, place->categories[i]));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
severity_text (SwPrintPlace *place)
{
  g_autofree char *key = NULL;

  if (place->max_severity <= 0)
    return "–";
  key = g_strdup_printf ("%d", place->max_severity);
  return sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, key);
}

static char *
measure_text_of (SwPrintMeasure *measure)
{
  const char *type = sw_vocabulary_get_label (SW_VOCABULARY_MEASURE_TYPE, measure->type);
  g_autofree char *type_markup = g_markup_escape_text (type != NULL ? type : "", -1);
  g_autofree char *description = g_markup_escape_text (measure->description != NULL ? measure->description : "", -1);

  if (*description == '\0')
    return g_strdup_printf ("<b>%s</b>", type_markup);
  return g_strdup_printf ("<b>%s</b>: %s", type_markup, description);
}

static char *
responsible_text_of (SwPrintMeasure *measure)
{
  const char *party = sw_vocabulary_get_label (SW_VOCABULARY_RESPONSIBLE, measure->responsible);

  if (measure->responsible_unit != NULL && *measure->responsible_unit != '\0')
    return g_strdup_printf ("%s\n%s", party != NULL ? party : "", measure->responsible_unit);
  return g_strdup (party != NULL ? party : "");
}

static char *
status_text_of (SwPrintMeasure *measure)
{
  const char *status = sw_vocabulary_get_label (SW_VOCABULARY_MEASURE_STATUS, measure->status);
  g_autofree char *due = NULL;

  if (measure->due_date == NULL || *measure->due_date == '\0')
    return g_strdup (status != NULL ? status : "");
  due = format_date (measure->due_date);
  if (measure->overdue)
    /* TRANSLATORS: a measure's status and its due date, passed, in the ranked table */
    return g_strdup_printf (_("%s\nlate, due %s"), status != NULL ? status : "", due);
  /* TRANSLATORS: a measure's status and its due date in the ranked table */
  return g_strdup_printf (_("%s\nby %s"), status != NULL ? status : "", due);
}

static double
table_font (SwPrintDocument *self)
{
  return 8 * self->k;
}

/* The height of one measure's line of cells. */
static double
measure_height (SwPrintDocument *self,
                cairo_t         *cr,
                Rect             area,
                SwPrintMeasure  *measure)
{
  double size = table_font (self);
  g_autofree char *what = measure_text_of (measure);
  g_autofree char *who = responsible_text_of (measure);
  g_autofree char *status = status_text_of (measure);
  double height = measure_text (cr, column_width (area, COL_MEASURE), what, size, PANGO_WEIGHT_NORMAL, TRUE);

  height = MAX (height, measure_text (cr, column_width (area, COL_RESPONSIBLE), who, size,
                                      PANGO_WEIGHT_NORMAL, FALSE));
  height = MAX (height, measure_text (cr, column_width (area, COL_STATUS) - 4 * MM, status, size,
                                      PANGO_WEIGHT_NORMAL, FALSE));
  return height + 1.5 * MM;
}

static double
row_height (SwPrintDocument *self,
            cairo_t         *cr,
            Rect             area,
            SwPrintPlace    *place)
{
  double size = table_font (self);
  g_autofree char *findings = place_findings_line (place);
  g_autofree char *categories = place_categories_text (place);
  double left, right = 0;

  left = measure_text (cr, column_width (area, COL_PLACE), place->name, size, PANGO_WEIGHT_BOLD, FALSE)
         + measure_text (cr, column_width (area, COL_PLACE), findings, size * 0.9, PANGO_WEIGHT_NORMAL, FALSE);
  left = MAX (left, measure_text (cr, column_width (area, COL_CATEGORIES) - 3.5 * MM, categories, size,
                                  PANGO_WEIGHT_NORMAL, FALSE));
  left = MAX (left, 7 * MM);
  for (guint m = 0; m < place->measures->len; m++)
    right += measure_height (self, cr, area, g_ptr_array_index (place->measures, m));
  if (place->measures->len == 0)
    right = size * 1.3;
  return MAX (left, right) + 2 * CELL_PAD;
}

static Rect
table_area (SwPrintDocument *self)
{
  Rect c = content_rect (self);

  /* Room for the table's title and its column headings. */
  return (Rect) { c.x, c.y + 22 * self->k + 4 * MM, c.width, c.height - 22 * self->k - 4 * MM };
}

static double
table_heading_height (SwPrintDocument *self)
{
  return table_font (self) * 1.4 + 2 * CELL_PAD;
}

static void
draw_table_page (SwPrintDocument *self,
                 cairo_t         *cr,
                 guint            page_number,
                 const Page      *page)
{
  Rect area = table_area (self);
  Rect c = content_rect (self);
  double size = table_font (self);
  double k = self->k;
  double y;
  const char *title = page->continued ? _("Places ranked by priority (continued)")
                                      : _("Places ranked by priority");

  draw_header (self, cr, _("Ranked places"));
  draw_text (cr, c.x, c.y, c.width, title, 13 * k, PANGO_WEIGHT_BOLD, ink);

  if (self->places->len == 0)
    {
      draw_text (cr, c.x, area.y + 4 * MM, c.width * 0.7,
                 _("No findings have been recorded yet, so there are no places to rank. "
                   "Add findings to the walk, then print again."),
                 11 * k, PANGO_WEIGHT_NORMAL, grey);
      draw_footer (self, cr, page_number, NULL);
      return;
    }

  /* Column headings on a tinted band. */
  y = area.y;
  cairo_rectangle (cr, area.x, y, area.width, table_heading_height (self));
  cairo_set_source_rgb (cr, 0.92, 0.92, 0.93);
  cairo_fill (cr);
  for (int col = 0; col < N_COLUMNS; col++)
    draw_text (cr, column_x (area, col) + CELL_PAD, y + CELL_PAD, column_width (area, col),
               _(columns[col].title), size, PANGO_WEIGHT_BOLD, ink);
  y += table_heading_height (self);

  for (guint r = page->first; r < page->last; r++)
    {
      SwPrintPlace *place = g_ptr_array_index (self->places, r);
      double height = g_array_index (self->row_heights, double, r);
      double cy = y + CELL_PAD;
      g_autofree char *findings = place_findings_line (place);
      double name_height;
      double my;

      if ((r - page->first) % 2 == 1)
        {
          cairo_rectangle (cr, area.x, y, area.width, height);
          cairo_set_source_rgb (cr, 0.975, 0.975, 0.98);
          cairo_fill (cr);
        }

      draw_place_badge (cr, column_x (area, COL_NUMBER) + CELL_PAD + 3.2 * MM * k, cy + 3.2 * MM * k - 1,
                        3 * MM * k, place);

      name_height = draw_text (cr, column_x (area, COL_PLACE) + CELL_PAD, cy, column_width (area, COL_PLACE),
                               place->name, size, PANGO_WEIGHT_BOLD, ink);
      draw_text (cr, column_x (area, COL_PLACE) + CELL_PAD, cy + name_height, column_width (area, COL_PLACE),
                 findings, size * 0.9, PANGO_WEIGHT_NORMAL, grey);

      {
        double ly = cy;

        for (guint i = 0; place->categories[i] != NULL; i++)
          {
            const char *label = sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, place->categories[i]);
            double x = column_x (area, COL_CATEGORIES) + CELL_PAD;
            double h;

            cairo_new_path (cr);
            cairo_arc (cr, x + 1.3 * MM, ly + size * 0.62, 1.3 * MM, 0, 2 * G_PI);
            set_rgb (cr, category_color (place->categories[i]));
            cairo_fill (cr);
            h = draw_text (cr, x + 3.5 * MM, ly, column_width (area, COL_CATEGORIES) - 3.5 * MM, label,
                           size, PANGO_WEIGHT_NORMAL, ink);
            ly += h;
          }
      }

      draw_text (cr, column_x (area, COL_SEVERITY) + CELL_PAD, cy, column_width (area, COL_SEVERITY),
                 severity_text (place), size, place->max_severity >= 3 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                 ink);

      my = cy;
      if (place->measures->len == 0)
        draw_text (cr, column_x (area, COL_MEASURE) + CELL_PAD, my, column_width (area, COL_MEASURE),
                   _("No measure yet"), size, PANGO_WEIGHT_NORMAL, grey);
      for (guint m = 0; m < place->measures->len; m++)
        {
          SwPrintMeasure *measure = g_ptr_array_index (place->measures, m);
          g_autofree char *what = measure_text_of (measure);
          g_autofree char *who = responsible_text_of (measure);
          g_autofree char *status = status_text_of (measure);
          double sx = column_x (area, COL_STATUS) + CELL_PAD;

          draw_text_full (cr, column_x (area, COL_MEASURE) + CELL_PAD, my, column_width (area, COL_MEASURE),
                          what, size, PANGO_WEIGHT_NORMAL, ink, TEXT_LEFT, TRUE);
          draw_text (cr, column_x (area, COL_RESPONSIBLE) + CELL_PAD, my,
                     column_width (area, COL_RESPONSIBLE), who, size, PANGO_WEIGHT_NORMAL, ink);
          cairo_rectangle (cr, sx, my + size * 0.15, 2.6 * MM, 2.6 * MM);
          set_rgb (cr, parse_color (measure->color, rule));
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
          cairo_set_line_width (cr, 0.4);
          cairo_stroke (cr);
          draw_text (cr, sx + 4 * MM, my, column_width (area, COL_STATUS) - 4 * MM, status, size,
                     PANGO_WEIGHT_NORMAL, ink);
          my += measure_height (self, cr, area, measure);
        }

      y += height;
      set_rgb (cr, rule);
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, area.x, y);
      cairo_line_to (cr, area.x + area.width, y);
      cairo_stroke (cr);
    }

  {
    g_autoptr (GString) note = g_string_new (_("Status colours as in the action plan: red not started or late, "
                                               "amber in progress, green done. The numbers are those on the map."));
    guint provisional = 0;

    for (guint p = 0; p < self->places->len; p++)
      provisional += ((SwPrintPlace *) g_ptr_array_index (self->places, p))->provisional;
    if (provisional > 0)
      {
        g_string_append_c (note, ' ');
        g_string_append_printf (note,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u place was grouped for this print only, from findings not yet "
                                             "grouped into places; group the places in the app to keep them.",
                                             "%u places were grouped for this print only, from findings not yet "
                                             "grouped into places; group the places in the app to keep them.",
                                             provisional),
                                provisional);
      }
    draw_text (cr, area.x, y + 2 * MM, area.width, note->str, 7 * k, PANGO_WEIGHT_NORMAL, grey);
  }
  draw_footer (self, cr, page_number, NULL);
}

/* ---------------------------------------------------------------------- */
/* A page per top place                                                   */

static void
draw_place_page (SwPrintDocument *self,
                 cairo_t         *cr,
                 guint            page_number,
                 const Page      *page)
{
  SwPrintPlace *place = g_ptr_array_index (self->places, page->index);
  Rect c = content_rect (self);
  double k = self->k;
  double y = c.y;
  double text_width_ = self->landscape ? c.width * 0.38 : c.width;
  Rect photos;
  g_autofree char *findings = place_findings_line (place);
  g_autofree char *score = NULL;
  g_autofree char *heading = g_strdup_printf ("%s", place->name);
  guint n_photos = MIN (place->photos->len, MAX_PHOTOS_PER_PLACE);

  draw_header (self, cr, _("Place"));
  draw_place_badge (cr, c.x + 5 * MM * k, y + 5 * MM * k, 4.6 * MM * k, place);
  y += MAX (draw_text (cr, c.x + 12 * MM * k, y + 1.5 * MM, text_width_ - 12 * MM * k, heading, 15 * k,
                       PANGO_WEIGHT_BOLD, ink),
            10 * MM * k) + 1 * MM;
  /* TRANSLATORS: under a place's name on its page: "Rank 1 of 9 · 3 findings" */
  score = g_strdup_printf (_("Rank %d of %u  ·  %s"), place->number, self->places->len, findings);
  y += draw_text (cr, c.x, y, text_width_, score, 9 * k, PANGO_WEIGHT_NORMAL, grey) + 4 * MM;

  y += draw_text (cr, c.x, y, text_width_, _("Findings"), 10.5 * k, PANGO_WEIGHT_BOLD, ink) + 1.5 * MM;
  for (guint i = 0; i < place->findings->len; i++)
    {
      SwPrintFinding *finding = g_ptr_array_index (place->findings, i);
      g_autofree char *severity_key = g_strdup_printf ("%d", finding->severity);
      g_autofree char *what = NULL;
      g_autofree char *markup = NULL;
      g_autofree char *note = g_markup_escape_text (finding->note != NULL ? finding->note : "", -1);

      if (finding->severity > 0)
        what = g_strdup_printf ("%s · %s · %s",
                                sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, finding->category),
                                sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, severity_key),
                                sw_vocabulary_get_label (SW_VOCABULARY_LIGHT, finding->light));
      else
        what = g_strdup_printf ("%s · %s",
                                sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, finding->category),
                                sw_vocabulary_get_label (SW_VOCABULARY_LIGHT, finding->light));
      {
        g_autofree char *escaped = g_markup_escape_text (what, -1);

        markup = g_strdup_printf ("<b>%s</b>\n%s", escaped, note);
      }
      if (y + 20 * k > c.y + c.height * (self->landscape ? 1.0 : 0.45))
        break;
      cairo_new_path (cr);
      cairo_arc (cr, c.x + 1.5 * MM, y + 4.2 * k, 1.5 * MM, 0, 2 * G_PI);
      set_rgb (cr, category_color (finding->category));
      cairo_fill (cr);
      y += draw_text_full (cr, c.x + 5 * MM, y, text_width_ - 5 * MM, markup, 8.5 * k, PANGO_WEIGHT_NORMAL,
                           ink, TEXT_LEFT, TRUE) + 2.5 * MM;
    }

  y += 2 * MM;
  y += draw_text (cr, c.x, y, text_width_, _("Measures"), 10.5 * k, PANGO_WEIGHT_BOLD, ink) + 1.5 * MM;
  if (place->measures->len == 0)
    y += draw_text (cr, c.x, y, text_width_, _("No measure yet"), 8.5 * k, PANGO_WEIGHT_NORMAL, grey) + 2 * MM;
  for (guint m = 0; m < place->measures->len; m++)
    {
      SwPrintMeasure *measure = g_ptr_array_index (place->measures, m);
      g_autofree char *what = measure_text_of (measure);
      g_autofree char *who = responsible_text_of (measure);
      g_autofree char *status = status_text_of (measure);
      g_autofree char *line = NULL;
      {
        char *newline = strchr (who, '\n');

        if (newline != NULL)
          {
            g_autofree char *joined = g_strdup_printf ("%.*s, %s", (int) (newline - who), who, newline + 1);

            g_free (who);
            who = g_steal_pointer (&joined);
          }
      }
      {
        g_auto (GStrv) parts = g_strsplit (status, "\n", -1);

        g_free (status);
        status = g_strjoinv (", ", parts);
      }
      {
        g_autofree char *who_markup = g_markup_escape_text (who, -1);
        g_autofree char *status_markup = g_markup_escape_text (status, -1);

        line = g_strdup_printf ("%s\n<span foreground=\"#555\">%s  ·  %s</span>", what, who_markup,
                                status_markup);
      }
      if (y + 20 * k > c.y + c.height * (self->landscape ? 1.0 : 0.5))
        break;
      cairo_rectangle (cr, c.x, y + 1, 3 * MM, 3 * MM);
      set_rgb (cr, parse_color (measure->color, rule));
      cairo_fill (cr);
      y += draw_text_full (cr, c.x + 5 * MM, y, text_width_ - 5 * MM, line, 8.5 * k, PANGO_WEIGHT_NORMAL,
                           ink, TEXT_LEFT, TRUE) + 2.5 * MM;
    }

  if (place->why != NULL && y + 30 * k < c.y + c.height * (self->landscape ? 1.0 : 0.55))
    {
      y += 2 * MM;
      y += draw_text (cr, c.x, y, text_width_, _("Why it ranks here"), 10.5 * k, PANGO_WEIGHT_BOLD, ink) + 1.5 * MM;
      y += draw_text (cr, c.x, y, text_width_, place->why, 8.5 * k, PANGO_WEIGHT_NORMAL, grey) + 2 * MM;
    }

  if (self->landscape)
    photos = (Rect) { c.x + text_width_ + 8 * MM, c.y, c.width - text_width_ - 8 * MM, c.height };
  else
    photos = (Rect) { c.x, y + 4 * MM, c.width, c.y + c.height - y - 4 * MM };

  if (n_photos == 0)
    {
      draw_text (cr, photos.x, photos.y, photos.width, _("No photos of this place."), 9 * k,
                 PANGO_WEIGHT_NORMAL, grey);
    }
  else
    {
      guint n_columns = n_photos == 1 ? 1 : 2;
      guint n_rows = (n_photos + n_columns - 1) / n_columns;
      double gap = 5 * MM;
      double caption = 8.5 * k * 2.6;
      double cell_w = (photos.width - gap * (n_columns - 1)) / n_columns;
      double cell_h = (photos.height - gap * (n_rows - 1)) / n_rows;

      for (guint i = 0; i < n_photos; i++)
        {
          SwPrintPhoto *photo = g_ptr_array_index (place->photos, i);
          double x = photos.x + (i % n_columns) * (cell_w + gap);
          double py = photos.y + (i / n_columns) * (cell_h + gap);
          double iw = cairo_image_surface_get_width (photo->image);
          double ih = cairo_image_surface_get_height (photo->image);
          double scale = MIN (cell_w / iw, (cell_h - caption) / ih);
          double dw = iw * scale;
          double dh = ih * scale;

          cairo_save (cr);
          cairo_translate (cr, x, py);
          cairo_scale (cr, scale, scale);
          cairo_set_source_surface (cr, photo->image, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
          cairo_rectangle (cr, 0, 0, iw, ih);
          cairo_fill (cr);
          cairo_restore (cr);
          cairo_rectangle (cr, x, py, dw, dh);
          set_rgb (cr, rule);
          cairo_set_line_width (cr, 0.5);
          cairo_stroke (cr);
          draw_text (cr, x, py + dh + 1.2 * MM, dw, photo->caption, 8 * k, PANGO_WEIGHT_NORMAL, grey);
        }
      if (place->photos->len > n_photos)
        {
          g_autofree char *more = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "One more photo of this place is in the project.",
                         "%u more photos of this place are in the project.",
                         place->photos->len - n_photos),
            place->photos->len - n_photos);

          draw_text (cr, photos.x, photos.y + photos.height - 8 * k, photos.width, more, 7.5 * k,
                     PANGO_WEIGHT_NORMAL, grey);
        }
    }

  draw_footer (self, cr, page_number, NULL);
}

/* ---------------------------------------------------------------------- */
/* Lägesbild                                                              */

typedef struct
{
  const char *label;
  guint value;
  Rgb color;
} Bar;

static double
draw_bars (SwPrintDocument *self,
           cairo_t         *cr,
           double           x,
           double           y,
           double           width,
           const char      *title,
           const Bar       *bars,
           guint            n_bars)
{
  double k = self->k;
  double label_width = width * 0.45;
  double bar_width = width - label_width - 12 * MM;
  double row = 8 * k * 1.55;
  guint max = 1;
  double top = y;

  for (guint i = 0; i < n_bars; i++)
    max = MAX (max, bars[i].value);

  y += draw_text (cr, x, y, width, title, 10 * k, PANGO_WEIGHT_BOLD, ink) + 2 * MM;
  for (guint i = 0; i < n_bars; i++)
    {
      char count[16];
      double length = bar_width * bars[i].value / max;

      g_snprintf (count, sizeof count, "%u", bars[i].value);
      draw_text (cr, x, y, label_width - 2 * MM, bars[i].label, 8 * k, PANGO_WEIGHT_NORMAL, ink);
      cairo_rectangle (cr, x + label_width, y + 1.2 * k, MAX (length, 0.6), row - 4 * k);
      set_rgb (cr, bars[i].color);
      cairo_fill (cr);
      draw_text (cr, x + label_width + length + 1.5 * MM, y, 12 * MM, count, 8 * k, PANGO_WEIGHT_BOLD, ink);
      y += MAX (row, measure_text (cr, label_width - 2 * MM, bars[i].label, 8 * k, PANGO_WEIGHT_NORMAL, FALSE) + 1.5 * k);
    }
  return y - top;
}

/* The bars of one figure of the lägesbild, those with a count (or all). */
static guint
situation_bars (GArray  *counts,
                gboolean all,
                Bar     *bars,
                guint    max_bars)
{
  guint n = 0;

  for (guint i = 0; i < counts->len && n < max_bars; i++)
    {
      SwSituationCount *count = &g_array_index (counts, SwSituationCount, i);

      if (count->count == 0 && !all)
        continue;
      Rgb fallback = { 0.21, 0.52, 0.89 };

      /* Light has no colours of its own in the word list. */
      if (g_strcmp0 (count->key, "dark") == 0)
        fallback = (Rgb) { 0.16, 0.19, 0.33 };
      else if (g_strcmp0 (count->key, "daylight") == 0)
        fallback = (Rgb) { 0.96, 0.76, 0.07 };
      else if (count->key != NULL && *count->key == '\0')
        fallback = (Rgb) { 0.6, 0.6, 0.62 };
      bars[n++] = (Bar) { count->label, count->count, parse_color (count->color, fallback) };
    }
  return n;
}

/* Findings per walk, in date order, each bar split by severity. */
static double
draw_trend (SwPrintDocument *self,
            cairo_t         *cr,
            double           x,
            double           y,
            double           width)
{
  GArray *walks = sw_situation_get_walks (self->situation);
  GArray *severities = sw_situation_get_findings_by_severity (self->situation);
  double k = self->k;
  double label_width = width * 0.45;
  double bar_width = width - label_width - 12 * MM;
  double row = 8 * k * 2.6;
  guint max = 1;
  double top = y;

  y += draw_text (cr, x, y, width, _("Findings per walk"), 10 * k, PANGO_WEIGHT_BOLD, ink) + 2 * MM;
  for (guint i = 0; i < walks->len; i++)
    max = MAX (max, g_array_index (walks, SwSituationWalk, i).n_findings);
  for (guint i = 0; i < walks->len; i++)
    {
      SwSituationWalk *walk = &g_array_index (walks, SwSituationWalk, i);
      g_autofree char *date = format_date (sw_walk_get_date (walk->walk));
      g_autofree char *label = g_strdup_printf ("%s\n%s", sw_walk_get_title (walk->walk) != NULL
                                                            ? sw_walk_get_title (walk->walk) : "", date);
      double bx = x + label_width;
      char count[16];

      draw_text (cr, x, y, label_width - 2 * MM, label, 7.5 * k, PANGO_WEIGHT_NORMAL, ink);
      /* High, medium, low, then safe and pleasant: the order of the
       * severity figure. */
      for (guint s = 0; s < severities->len && s < 4; s++)
        {
          SwSituationCount *severity = &g_array_index (severities, SwSituationCount, s);
          guint n = s < 3 ? walk->by_severity[3 - s] : walk->by_severity[0];
          double length = bar_width * n / max;

          if (n == 0)
            continue;
          cairo_rectangle (cr, bx, y + 1.2 * k, length, 8 * k * 1.55 - 4 * k);
          set_rgb (cr, parse_color (severity->color, grey));
          cairo_fill (cr);
          bx += length;
        }
      g_snprintf (count, sizeof count, "%u", walk->n_findings);
      draw_text (cr, bx + 1.5 * MM, y, 12 * MM, count, 8 * k, PANGO_WEIGHT_BOLD, ink);
      y += row;
    }
  if (walks->len == 0)
    y += draw_text (cr, x, y, width, _("No walk in this choice."), 8 * k, PANGO_WEIGHT_NORMAL, grey);
  return y - top;
}

static void
draw_summary_page (SwPrintDocument *self,
                   cairo_t         *cr,
                   guint            page_number)
{
  SwSituation *situation = self->situation;
  Rect c = content_rect (self);
  double k = self->k;
  double gap = 10 * MM;
  guint n_panels = self->landscape ? 3 : 2;
  double panel = (c.width - gap * (n_panels - 1)) / n_panels;
  double y = c.y;
  double column_y[3];
  Bar bars[24];
  guint n_bars;
  guint n_dark = 0;
  GArray *light = sw_situation_get_findings_by_light (situation);

  for (guint i = 0; i < light->len; i++)
    if (g_strcmp0 (g_array_index (light, SwSituationCount, i).key, "dark") == 0)
      n_dark = g_array_index (light, SwSituationCount, i).count;

  draw_header (self, cr, _("Situation overview"));
  y += draw_text (cr, c.x, y, c.width, _("Lägesbild: the situation in figures"), 13 * k, PANGO_WEIGHT_BOLD,
                  ink) + 3 * MM;

  /* Key figures across the top. */
  {
    const struct { guint value; const char *label; } keys[] = {
      { sw_situation_get_n_findings (situation), _("findings") },
      { self->places->len, _("places") },
      { n_dark, _("findings in darkness") },
      { sw_situation_get_n_measures (situation), _("measures") },
      { sw_situation_get_n_overdue (situation), _("measures overdue") },
    };
    double w = c.width / G_N_ELEMENTS (keys);

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        char value[16];

        g_snprintf (value, sizeof value, "%u", keys[i].value);
        draw_text (cr, c.x + i * w, y, w, value, 22 * k, PANGO_WEIGHT_BOLD, ink);
        draw_text (cr, c.x + i * w, y + 25 * k, w, keys[i].label, 8.5 * k, PANGO_WEIGHT_NORMAL, grey);
      }
    y += 25 * k + 8.5 * k * 1.3 + 6 * MM;
  }

  for (guint i = 0; i < n_panels; i++)
    column_y[i] = y;

  n_bars = situation_bars (sw_situation_get_findings_by_category (situation), FALSE, bars, G_N_ELEMENTS (bars));
  column_y[0] += draw_bars (self, cr, c.x, column_y[0], panel, _("Findings by main category"), bars, n_bars)
                 + 6 * MM;

  n_bars = situation_bars (sw_situation_get_findings_by_severity (situation), TRUE, bars, G_N_ELEMENTS (bars));
  column_y[1] += draw_bars (self, cr, c.x + (panel + gap), column_y[1], panel, _("Findings by severity"), bars,
                            n_bars) + 6 * MM;
  n_bars = situation_bars (light, FALSE, bars, G_N_ELEMENTS (bars));
  column_y[1] += draw_bars (self, cr, c.x + (panel + gap), column_y[1], panel, _("Findings by light"), bars,
                            n_bars) + 6 * MM;

  {
    guint p = n_panels == 3 ? 2 : 0;

    n_bars = situation_bars (sw_situation_get_measures_by_status (situation), TRUE, bars, G_N_ELEMENTS (bars));
    column_y[p] += draw_bars (self, cr, c.x + p * (panel + gap), column_y[p], panel, _("Measures by status"),
                              bars, n_bars) + 6 * MM;
  }
  {
    guint p = n_panels == 3 ? 2 : 1;

    n_bars = situation_bars (sw_situation_get_measures_by_responsible (situation), FALSE, bars,
                             G_N_ELEMENTS (bars));
    column_y[p] += draw_bars (self, cr, c.x + p * (panel + gap), column_y[p], panel,
                              _("Measures by responsible party"), bars, n_bars) + 6 * MM;
  }

  /* The trend and the ten places ranked highest, under the shortest
   * columns. */
  for (int block = 0; block < 2; block++)
    {
      guint p = 0;
      double x;

      for (guint i = 1; i < n_panels; i++)
        if (column_y[i] < column_y[p])
          p = i;
      x = c.x + p * (panel + gap);

      if (block == 0)
        {
          column_y[p] += draw_trend (self, cr, x, column_y[p], panel) + 6 * MM;
          continue;
        }

      column_y[p] += draw_text (cr, x, column_y[p], panel, _("The ten places ranked highest"), 10 * k,
                                PANGO_WEIGHT_BOLD, ink) + 2 * MM;
      for (guint i = 0; i < MIN (self->places->len, 10); i++)
        {
          SwPrintPlace *place = g_ptr_array_index (self->places, i);
          double h;

          if (column_y[p] + 9 * k > c.y + c.height)
            break;
          draw_place_badge (cr, x + 2.2 * MM * k, column_y[p] + 2.2 * MM * k - 0.5, 2.2 * MM * k, place);
          h = draw_text (cr, x + 6.5 * MM * k, column_y[p], panel - 6.5 * MM * k, place->name, 8.5 * k,
                         PANGO_WEIGHT_NORMAL, ink);
          column_y[p] += MAX (h, 4.4 * MM * k) + 1.2 * MM;
        }
    }

  draw_footer (self, cr, page_number, NULL);
}

/* ---------------------------------------------------------------------- */
/* Route handout                                                          */

static Rect
handout_map_frame (SwPrintDocument *self)
{
  Rect c = content_rect (self);

  return (Rect) { c.x, c.y + 14 * MM, c.width, c.height * 0.56 };
}

static Rect
handout_list_rect (SwPrintDocument *self)
{
  Rect c = content_rect (self);
  Rect map = handout_map_frame (self);
  double top = map.y + map.height + 6 * MM;

  return (Rect) { c.x, top, c.width, c.y + c.height - top };
}

static double
stop_entry_height (SwPrintDocument *self,
                   cairo_t         *cr,
                   double           width,
                   SwPrintStop     *stop)
{
  double height = measure_text (cr, width - 9 * MM, stop->name, 9.5, PANGO_WEIGHT_BOLD, FALSE);

  height += measure_text (cr, width - 9 * MM, stop->note, 8.5, PANGO_WEIGHT_NORMAL, FALSE);
  return MAX (height, 7 * MM) + 3 * MM;
}

static GPtrArray *
route_stops (SwPrintDocument *self,
             guint            route)
{
  SwPrintRoute *r = g_ptr_array_index (self->routes, route);
  GPtrArray *stops = g_ptr_array_new ();

  for (guint i = 0; i < self->stops->len; i++)
    {
      SwPrintStop *stop = g_ptr_array_index (self->stops, i);

      if (g_strcmp0 (stop->route_uuid, r->uuid) == 0)
        g_ptr_array_add (stops, stop);
    }
  return stops;
}

static void
draw_handout_page (SwPrintDocument *self,
                   cairo_t         *cr,
                   guint            page_number,
                   const Page      *page)
{
  SwPrintRoute *route = g_ptr_array_index (self->routes, page->index);
  MapView *view = g_ptr_array_index (self->maps, page->index);
  g_autoptr (GPtrArray) stops = route_stops (self, page->index);
  Rect c = content_rect (self);
  Rect list = handout_list_rect (self);
  double column = (list.width - 8 * MM) / 2;
  double y;
  g_autoptr (GString) when = g_string_new (NULL);
  g_autofree char *length = g_strdup_printf (_("%.1f km, about %.0f minutes’ walk without the stops"),
                                             route->length / 1000, route->length / 1000 / 4.5 * 60);

  draw_header (self, cr, _("Route for participants"));

  /* The route's name, its length, where and when to meet. */
  cairo_move_to (cr, c.x, c.y + 3 * MM);
  cairo_line_to (cr, c.x + 9 * MM, c.y + 3 * MM);
  cairo_set_line_width (cr, 3.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_rgb (cr, route_rgb (route));
  cairo_stroke (cr);
  draw_text (cr, c.x + 12 * MM, c.y, c.width * 0.55, route->name, 11.5, PANGO_WEIGHT_BOLD, ink);
  draw_text (cr, c.x + 12 * MM, c.y + 6 * MM, c.width * 0.55, length, 8.5, PANGO_WEIGHT_NORMAL, grey);

  if (self->walk_start != NULL && *self->walk_start != '\0')
    /* TRANSLATORS: when the walk starts, on the route handout */
    g_string_append_printf (when, _("Start %s"), self->walk_start);
  if (self->meeting_point != NULL && *self->meeting_point != '\0')
    {
      if (when->len > 0)
        g_string_append (when, "\n");
      /* TRANSLATORS: where the walk starts, on the route handout */
      g_string_append_printf (when, _("Meet at %s"), self->meeting_point);
    }
  draw_text_full (cr, c.x + c.width * 0.58, c.y, c.width * 0.42, when->str, 9, PANGO_WEIGHT_NORMAL, ink,
                  TEXT_RIGHT, FALSE);

  draw_map (self, cr, view, FALSE);

  y = list.y;
  y += draw_text (cr, list.x, y, list.width,
                  page->continued ? _("Stops (continued)") : _("Stops"), 11.5, PANGO_WEIGHT_BOLD, ink)
       + 2.5 * MM;
  if (stops->len == 0)
    draw_text (cr, list.x, y, list.width, _("This route has no stops yet."), 9, PANGO_WEIGHT_NORMAL, grey);

  {
    double top = y;
    guint col = 0;

    for (guint i = page->first; i < page->last; i++)
      {
        SwPrintStop *stop = g_ptr_array_index (stops, i);
        double x = list.x + col * (column + 8 * MM);
        double h = stop_entry_height (self, cr, column, stop);
        double name_h;

        if (y + h > list.y + list.height && col == 0)
          {
            col = 1;
            y = top;
            x = list.x + column + 8 * MM;
          }
        draw_stop_badge (cr, x + 3.5 * MM, y + 3.3 * MM, 6.5 * MM, route_rgb (route), stop->number);
        name_h = draw_text (cr, x + 9 * MM, y, column - 9 * MM, stop->name, 9.5, PANGO_WEIGHT_BOLD, ink);
        draw_text (cr, x + 9 * MM, y + name_h, column - 9 * MM, stop->note, 8.5, PANGO_WEIGHT_NORMAL, grey);
        y += h;
      }
  }

  draw_footer (self, cr, page_number, view->basemap != NULL ? view->attribution : NULL);
}

/* ---------------------------------------------------------------------- */
/* Pages                                                                  */

static void
paginate (SwPrintDocument *self)
{
  cairo_t *cr = measuring_context (self);

  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));

  if (self->layout == SW_PRINT_LAYOUT_HANDOUT)
    {
      for (guint r = 0; r < self->routes->len; r++)
        {
          g_autoptr (GPtrArray) stops = route_stops (self, r);
          Rect list = handout_list_rect (self);
          double column = (list.width - 8 * MM) / 2;
          guint first = 0;
          gboolean continued = FALSE;

          do
            {
              Page page = { PAGE_HANDOUT, r, first, first, continued };
              double y = list.y + 11.5 * 1.3 + 2.5 * MM;
              guint col = 0;

              while (page.last < stops->len)
                {
                  double h = stop_entry_height (self, cr, column, g_ptr_array_index (stops, page.last));

                  if (y + h > list.y + list.height)
                    {
                      if (col == 1 || page.last == first)
                        break;
                      col = 1;
                      y = list.y + 11.5 * 1.3 + 2.5 * MM;
                    }
                  y += h;
                  page.last++;
                }
              if (page.last == first && first < stops->len)
                page.last = first + 1; /* never loop on an entry taller than a page */
              g_array_append_val (self->pages, page);
              first = page.last;
              continued = TRUE;
            }
          while (first < stops->len);
        }
      cairo_destroy (cr);
      return;
    }

  {
    Page map = { PAGE_MAP, 0, 0, 0, FALSE };

    g_array_append_val (self->pages, map);
  }

  /* The table, as many pages as its rows need. */
  {
    Rect area = table_area (self);
    double available = area.height - table_heading_height (self) - 8 * MM;
    guint first = 0;
    gboolean continued = FALSE;

    self->row_heights = g_array_new (FALSE, TRUE, sizeof (double));
    for (guint r = 0; r < self->places->len; r++)
      {
        double h = row_height (self, cr, area, g_ptr_array_index (self->places, r));

        g_array_append_val (self->row_heights, h);
      }

    do
      {
        Page page = { PAGE_TABLE, 0, first, first, continued };
        double used = 0;

        while (page.last < self->places->len
               && (used + g_array_index (self->row_heights, double, page.last) <= available
                   || page.last == first))
          used += g_array_index (self->row_heights, double, page.last++);
        /* No last place alone on a page of its own: its neighbour goes
         * with it. */
        if (page.last + 1 == self->places->len && page.last - page.first >= 3)
          page.last--;
        g_array_append_val (self->pages, page);
        first = page.last;
        continued = TRUE;
      }
    while (first < self->places->len);
  }

  for (guint p = 0; p < self->n_top_places; p++)
    {
      Page page = { PAGE_PLACE, p, 0, 0, FALSE };

      g_array_append_val (self->pages, page);
    }

  if (self->findings->len > 0)
    {
      Page page = { PAGE_SUMMARY, 0, 0, 0, FALSE };

      g_array_append_val (self->pages, page);
    }

  cairo_destroy (cr);
}

guint
sw_print_document_get_n_pages (SwPrintDocument *self)
{
  g_return_val_if_fail (SW_IS_PRINT_DOCUMENT (self), 0);
  g_return_val_if_fail (self->prepared, 0);

  return self->pages->len;
}

void
sw_print_document_get_page_size (SwPrintDocument *self,
                                 double          *width,
                                 double          *height)
{
  double w, h;

  g_return_if_fail (SW_IS_PRINT_DOCUMENT (self));

  sw_print_paper_get_size (sw_print_document_get_paper (self), &w, &h);
  if (sw_print_document_get_landscape (self))
    {
      *width = h;
      *height = w;
    }
  else
    {
      *width = w;
      *height = h;
    }
}

gboolean
sw_print_document_is_prepared (SwPrintDocument *self)
{
  g_return_val_if_fail (SW_IS_PRINT_DOCUMENT (self), FALSE);

  return self->prepared;
}

gboolean
sw_print_document_has_basemap (SwPrintDocument *self)
{
  g_return_val_if_fail (SW_IS_PRINT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->prepared, FALSE);

  for (guint i = 0; i < self->maps->len; i++)
    if (((MapView *) g_ptr_array_index (self->maps, i))->basemap == NULL)
      return FALSE;
  return self->maps->len > 0;
}

GStrv
sw_print_document_dup_place_names (SwPrintDocument *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SW_IS_PRINT_DOCUMENT (self), NULL);
  g_return_val_if_fail (self->prepared, NULL);

  for (guint i = 0; i < self->places->len; i++)
    g_strv_builder_add (builder, ((SwPrintPlace *) g_ptr_array_index (self->places, i))->name);
  return g_strv_builder_end (builder);
}

void
sw_print_document_draw_page (SwPrintDocument *self,
                             cairo_t         *cr,
                             guint            page,
                             double           width,
                             double           height)
{
  const Page *p;
  double scale;

  g_return_if_fail (SW_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (self->prepared);
  g_return_if_fail (page < self->pages->len);

  p = &g_array_index (self->pages, Page, page);

  attach_font_map (self, cr);
  cairo_save (cr);
  scale = MIN (width / self->page_width, height / self->page_height);
  cairo_translate (cr, (width - self->page_width * scale) / 2, (height - self->page_height * scale) / 2);
  cairo_scale (cr, scale, scale);

  cairo_rectangle (cr, 0, 0, self->page_width, self->page_height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  switch (p->kind)
    {
    case PAGE_MAP:
      draw_council_map_page (self, cr, page);
      break;
    case PAGE_TABLE:
      draw_table_page (self, cr, page, p);
      break;
    case PAGE_PLACE:
      draw_place_page (self, cr, page, p);
      break;
    case PAGE_SUMMARY:
      draw_summary_page (self, cr, page);
      break;
    case PAGE_HANDOUT:
      draw_handout_page (self, cr, page, p);
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
  cairo_set_user_data (cr, &font_map_key, NULL, NULL);
}

/* ---------------------------------------------------------------------- */
/* Preparing                                                              */

static void
report (SwPrintProgressFunc progress,
        gpointer            data,
        double              fraction,
        const char         *text)
{
  if (progress != NULL)
    progress (fraction, text, data);
}

static SwWalk *
find_walk (GListModel *walks,
           const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
    {
      g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);

      if (g_strcmp0 (sw_walk_get_title (walk), name) == 0
          || g_strcmp0 (sw_feature_get_uuid (SW_FEATURE (walk)), name) == 0)
        return walk;
    }
  return NULL;
}

static char *
walk_titles (GListModel *walks)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
    {
      g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);

      g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "", sw_walk_get_title (walk));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GStrv
split_categories (const char *main,
                  const char *more)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) others = g_strsplit (more != NULL ? more : "", ",", -1);

  if (main != NULL && *main != '\0')
    g_strv_builder_add (builder, main);
  for (guint i = 0; others[i] != NULL; i++)
    {
      char *key = g_strstrip (others[i]);

      if (*key != '\0' && g_strcmp0 (key, main) != 0)
        g_strv_builder_add (builder, key);
    }
  return g_strv_builder_end (builder);
}

static cairo_surface_t *
pixbuf_to_surface (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  guint8 *out;
  int out_stride;

  cairo_surface_flush (surface);
  out = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *in = pixels + (gsize) y * stride;
      guint32 *row = (guint32 *) (out + (gsize) y * out_stride);

      for (int x = 0; x < width; x++, in += channels)
        row[x] = 0xff000000u | ((guint32) in[0] << 16) | ((guint32) in[1] << 8) | in[2];
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

typedef struct
{
  gboolean too_large;
} PhotoSize;

static void
on_photo_size (GdkPixbufLoader *loader,
               int              width,
               int              height,
               gpointer         user_data)
{
  PhotoSize *size = user_data;
  double scale = (double) SW_PRINT_PHOTO_EDGE / MAX (width, height);

  /* Stored photos are small already; a file written elsewhere may not be. */
  if ((guint64) width * height > 120u * 1000u * 1000u)
    {
      size->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
  else if (scale < 1)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
}

/* Decodes a stored photo no larger than a page needs; stored photos are
 * upright already. */
static cairo_surface_t *
decode_photo (GBytes *data)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  PhotoSize size = { FALSE };
  GdkPixbuf *pixbuf;
  gboolean written;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_photo_size), &size);
  written = gdk_pixbuf_loader_write_bytes (loader, data, NULL);
  if (!gdk_pixbuf_loader_close (loader, NULL) || !written || size.too_large)
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || gdk_pixbuf_get_width (pixbuf) < 1)
    return NULL;
  return pixbuf_to_surface (pixbuf);
}

static char *
photo_caption (SwPrintFinding *finding,
               SwPhoto        *photo)
{
  g_autoptr (GString) caption = g_string_new (
    sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, finding->category));
  GDateTime *taken = sw_photo_get_taken_at (photo);

  if (taken != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (taken);
      g_autofree char *time = g_date_time_format (local, "%H:%M");

      /* TRANSLATORS: a photo caption: the finding's category and the time */
      g_string_append_printf (caption, _(", taken at %s"), time);
    }
  if (finding->note != NULL && *finding->note != '\0')
    {
      g_autofree char *note = g_strdup (finding->note);
      char *end = strpbrk (note, ".!?\n");

      if (end != NULL)
        *end = '\0';
      if (g_utf8_strlen (note, -1) > 90)
        {
          *g_utf8_offset_to_pointer (note, 88) = '\0';
          g_string_append_printf (caption, ": %s…", g_strstrip (note));
        }
      else
        g_string_append_printf (caption, ": %s", g_strstrip (note));
    }
  return g_string_free (g_steal_pointer (&caption), FALSE);
}

static gboolean
read_project (SwPrintDocument *self,
              SwProject       *project,
              GError         **error)
{
  GListModel *walks = sw_project_get_walks (project);
  GListModel *routes = sw_project_get_routes (project);
  GListModel *stops = sw_project_get_stops (project);
  GListModel *findings = sw_project_get_findings (project);
  g_autoptr (SwCrsTransform) transform = NULL;
  SwWalk *walk = NULL;
  const char *walk_uuid = NULL;
  g_autofree char *path = g_file_get_parse_name (self->project_file);

  self->title = g_strdup (sw_project_get_title (project));
  self->municipality = g_strdup (sw_project_get_municipality (project));
  self->n_walks = g_list_model_get_n_items (walks);

  if (self->walk != NULL)
    {
      walk = find_walk (walks, self->walk);
      if (walk == NULL)
        {
          g_autofree char *titles = walk_titles (walks);

          if (self->n_walks == 0)
            g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_NO_WALK,
                         _("“%s” has no walk named “%s”: it has no walks yet."), path, self->walk);
          else
            g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_NO_WALK,
                         _("“%s” has no walk named “%s”; its walks are %s."), path, self->walk, titles);
          return FALSE;
        }
    }
  else if (self->n_walks == 1)
    walk = g_list_model_get_item (walks, 0), g_object_unref (walk);
  else if (self->layout == SW_PRINT_LAYOUT_HANDOUT && self->n_walks > 1)
    {
      g_autofree char *titles = walk_titles (walks);

      g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_NO_WALK,
                   _("“%s” has several walks: choose the one to print route maps of (%s)."), path,
                   titles);
      return FALSE;
    }

  if (walk != NULL)
    {
      walk_uuid = sw_feature_get_uuid (SW_FEATURE (walk));
      self->walk_uuid = g_strdup (walk_uuid);
      self->walk_title = g_strdup (sw_walk_get_title (walk));
      self->walk_date = g_strdup (sw_walk_get_date (walk));
      self->walk_start = g_strdup (sw_walk_get_start_time (walk));
      self->walk_light = g_strdup (sw_walk_get_light (walk));
      self->meeting_point = g_strdup (sw_walk_get_meeting_point (walk));
      if (self->walk_title == NULL || *self->walk_title == '\0')
        {
          g_free (self->walk_title);
          self->walk_title = g_strdup (self->title);
        }
    }

  transform = sw_crs_transform_new (sw_project_get_working_crs (project), error);
  if (transform == NULL)
    return FALSE;

  self->routes = g_ptr_array_new_with_free_func (route_free);
  for (guint i = 0; i < g_list_model_get_n_items (routes); i++)
    {
      g_autoptr (SwRoute) route = g_list_model_get_item (routes, i);
      SwPrintRoute *copy;
      GVariant *points = sw_route_get_points (route);
      Rgb color = parse_color (sw_route_get_color (route), (Rgb) { 0.9, 0.38, 0 });

      if (walk_uuid != NULL && g_strcmp0 (sw_route_get_walk_uuid (route), walk_uuid) != 0)
        continue;
      copy = g_new0 (SwPrintRoute, 1);
      copy->uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (route)));
      copy->name = g_strdup (sw_route_get_name (route) != NULL ? sw_route_get_name (route) : "");
      copy->red = color.red;
      copy->green = color.green;
      copy->blue = color.blue;
      copy->points = g_array_new (FALSE, FALSE, sizeof (SwPrintPoint));
      if (points != NULL)
        {
          GVariantIter iter;
          SwPrintPoint point;

          g_variant_iter_init (&iter, points);
          while (g_variant_iter_next (&iter, "(dd)", &point.longitude, &point.latitude))
            g_array_append_val (copy->points, point);
          copy->length = sw_crs_transform_line_length (transform, points);
        }
      g_ptr_array_add (self->routes, copy);
    }

  self->stops = g_ptr_array_new_with_free_func (stop_free);
  for (guint r = 0; r < self->routes->len; r++)
    {
      SwPrintRoute *route = g_ptr_array_index (self->routes, r);
      g_autoptr (GPtrArray) ordered = g_ptr_array_new ();

      for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
        {
          g_autoptr (SwStop) stop = g_list_model_get_item (stops, i);
          SwPrintStop *copy;
          guint at = 0;

          if (g_strcmp0 (sw_stop_get_route_uuid (stop), route->uuid) != 0)
            continue;
          copy = g_new0 (SwPrintStop, 1);
          copy->route_uuid = g_strdup (route->uuid);
          copy->number = sw_stop_get_number (stop);
          copy->name = g_strdup (sw_stop_get_name (stop) != NULL ? sw_stop_get_name (stop) : "");
          copy->note = g_strdup (sw_stop_get_note (stop));
          copy->longitude = sw_stop_get_longitude (stop);
          copy->latitude = sw_stop_get_latitude (stop);
          while (at < ordered->len && ((SwPrintStop *) ordered->pdata[at])->number <= copy->number)
            at++;
          g_ptr_array_insert (ordered, (int) at, copy);
        }
      for (guint i = 0; i < ordered->len; i++)
        g_ptr_array_add (self->stops, ordered->pdata[i]);
    }

  self->findings = g_ptr_array_new_with_free_func (_sw_print_finding_free);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);
      SwPrintFinding *copy;

      if (walk_uuid != NULL && g_strcmp0 (sw_finding_get_walk_uuid (finding), walk_uuid) != 0)
        continue;
      copy = g_new0 (SwPrintFinding, 1);
      copy->uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (finding)));
      copy->walk_uuid = g_strdup (sw_finding_get_walk_uuid (finding));
      copy->category = g_strdup (sw_finding_get_category (finding) != NULL ? sw_finding_get_category (finding)
                                                                          : "other");
      copy->categories = split_categories (copy->category, sw_finding_get_categories (finding));
      copy->severity = sw_finding_get_severity (finding);
      copy->light = g_strdup (sw_finding_get_light (finding));
      copy->unsafe_for = g_strdup (sw_finding_get_unsafe_for (finding));
      copy->note = g_strdup (sw_finding_get_note (finding));
      copy->longitude = sw_finding_get_longitude (finding);
      copy->latitude = sw_finding_get_latitude (finding);
      copy->place_uuid = sw_finding_get_place_uuid (finding) != NULL && *sw_finding_get_place_uuid (finding) != '\0'
                           ? g_strdup (sw_finding_get_place_uuid (finding))
                           : NULL;
      g_ptr_array_add (self->findings, copy);
    }

  if (self->layout == SW_PRINT_LAYOUT_HANDOUT && self->routes->len == 0)
    {
      g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_NOTHING_TO_PRINT,
                   _("“%s” has no routes to print for participants: draw a route for the walk first."),
                   self->walk_title != NULL ? self->walk_title : path);
      return FALSE;
    }

  return TRUE;
}

static void
load_photos (SwPrintDocument *self,
             SwProject       *project,
             GCancellable    *cancellable)
{
  GListModel *findings = sw_project_get_findings (project);

  for (guint p = 0; p < self->n_top_places; p++)
    {
      SwPrintPlace *place = g_ptr_array_index (self->places, p);

      for (guint i = 0; i < place->findings->len && place->photos->len < 12; i++)
        {
          SwPrintFinding *finding = g_ptr_array_index (place->findings, i);
          SwFeature *listed = sw_project_lookup (project, SW_KIND_FINDING, finding->uuid);
          g_autoptr (GPtrArray) photos = NULL;

          if (listed == NULL || g_cancellable_is_cancelled (cancellable))
            continue;
          photos = sw_project_list_finding_photos (project, SW_FINDING (listed));
          for (guint f = 0; photos != NULL && f < photos->len; f++)
            {
              SwPhoto *photo = g_ptr_array_index (photos, f);
              g_autoptr (GBytes) data = NULL;
              cairo_surface_t *image;
              SwPrintPhoto *copy;

              /* Only the photos a page shows are decoded; the rest are counted. */
              if (place->photos->len >= MAX_PHOTOS_PER_PLACE)
                {
                  copy = g_new0 (SwPrintPhoto, 1);
                  copy->image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
                  g_ptr_array_add (place->photos, copy);
                  continue;
                }
              data = sw_project_load_photo_data (project, photo, NULL);
              if (data == NULL)
                continue;
              image = decode_photo (data);
              if (image == NULL)
                continue;
              copy = g_new0 (SwPrintPhoto, 1);
              copy->image = image;
              copy->caption = photo_caption (finding, photo);
              g_ptr_array_add (place->photos, copy);
            }
        }
    }
  (void) findings;
}

gboolean
sw_print_document_prepare (SwPrintDocument    *self,
                           GCancellable       *cancellable,
                           SwPrintProgressFunc progress,
                           gpointer            progress_data,
                           GError            **error)
{
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (SW_IS_PRINT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  clear_prepared (self);
  sw_print_document_get_page_size (self, &self->page_width, &self->page_height);
  self->k = sw_print_document_get_paper (self) == SW_PRINT_PAPER_A3 ? 1.3 : 1.0;
  if (self->date == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      self->date = g_date_time_format (now, "%Y-%m-%d");
    }

  report (progress, progress_data, 0.02, _("Reading the project"));
  project = sw_project_open_with_flags (self->project_file, SW_PROJECT_OPEN_READ_ONLY, &local_error);
  if (project == NULL)
    {
      g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_PROJECT, "%s", local_error->message);
      return FALSE;
    }
  if (!read_project (self, project, error))
    {
      sw_project_close (project);
      clear_prepared (self);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  report (progress, progress_data, 0.15, _("Ranking the places"));
  self->places = _sw_print_rank_places (project, self->findings, self->stops, error);
  if (self->places == NULL)
    goto failed;
  for (guint p = 0; p < self->places->len && self->n_top_places < N_TOP_PLACES; p++)
    if (!((SwPrintPlace *) g_ptr_array_index (self->places, p))->positive_only)
      self->n_top_places = p + 1;
  if (self->layout == SW_PRINT_LAYOUT_HANDOUT)
    self->n_top_places = 0;
  {
    SwSituationChoice choice = { NULL, NULL, self->walk_uuid, NULL };

    self->situation = sw_situation_new (project, &choice, NULL);
  }

  report (progress, progress_data, 0.25, _("Reading the photos"));
  load_photos (self, project, cancellable);
  sw_project_close (project);
  g_clear_object (&project);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  self->maps = g_ptr_array_new_with_free_func (map_view_free);
  if (self->layout == SW_PRINT_LAYOUT_HANDOUT)
    for (guint r = 0; r < self->routes->len; r++)
      g_ptr_array_add (self->maps, map_view_new (self, handout_map_frame (self), (int) r));
  else
    g_ptr_array_add (self->maps, map_view_new (self, council_map_frame (self), -1));

  for (guint i = 0; i < self->maps->len; i++)
    {
      gboolean show_places = self->layout == SW_PRINT_LAYOUT_COUNCIL;
      MapView *view = g_ptr_array_index (self->maps, i);
      Rect frame = view->frame;
      char *notice = map_notice (self, view, show_places);

      /* A notice known before the basemap takes its room first, so the
       * tiles are fetched for the map as printed. */
      if (notice != NULL)
        view = self->maps->pdata[i] = map_view_with_notice (self, view, frame, notice);

      report (progress, progress_data, 0.35 + 0.55 * i / self->maps->len, _("Fetching the basemap"));
      fetch_map (self, view, cancellable, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      if (view->problem != NULL && !view->empty)
        {
          notice = map_notice (self, view, show_places);
          self->maps->pdata[i] = map_view_with_notice (self, view, frame, notice);
        }
    }
  for (guint i = 0; i < self->maps->len; i++)
    layout_badges (self, g_ptr_array_index (self->maps, i), self->layout == SW_PRINT_LAYOUT_COUNCIL);

  report (progress, progress_data, 0.95, _("Laying out the pages"));
  paginate (self);
  self->prepared = TRUE;
  report (progress, progress_data, 1.0, _("Ready to print"));
  return TRUE;

failed:
  if (project != NULL)
    sw_project_close (project);
  clear_prepared (self);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Work in a thread                                                       */

typedef struct
{
  GMainContext *context;
  SwPrintProgressFunc func;
  gpointer data;
} ProgressTarget;

/* A copy of what to call: the task, and its target, may be gone by the
 * time the report is delivered. */
typedef struct
{
  SwPrintProgressFunc func;
  gpointer data;
  double fraction;
  char *text;
} ProgressReport;

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *progress = user_data;

  progress->func (progress->fraction, progress->text, progress->data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer user_data)
{
  ProgressReport *progress = user_data;

  g_free (progress->text);
  g_free (progress);
}

/* Called in the worker thread: hands the report to the caller's context. */
static void
forward_progress (double      fraction,
                  const char *text,
                  gpointer    user_data)
{
  ProgressTarget *target = user_data;
  ProgressReport *progress;

  if (target->func == NULL)
    return;
  progress = g_new0 (ProgressReport, 1);
  progress->func = target->func;
  progress->data = target->data;
  progress->fraction = fraction;
  progress->text = g_strdup (text);
  /* Always through a source: g_main_context_invoke() would call it right
   * here when this thread can acquire the context. */
  {
    GSource *source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, deliver_progress, progress, progress_report_free);
    g_source_set_static_name (source, "[sw-print] progress");
    g_source_attach (source, target->context);
    g_source_unref (source);
  }
}

typedef struct
{
  ProgressTarget target;
  GFile *file;
} TaskData;

static void
task_data_free (gpointer user_data)
{
  TaskData *data = user_data;

  g_main_context_unref (data->target.context);
  g_clear_object (&data->file);
  g_free (data);
}

static TaskData *
task_data_new (SwPrintProgressFunc progress,
               gpointer            progress_data,
               GFile              *file)
{
  TaskData *data = g_new0 (TaskData, 1);

  data->target.context = g_main_context_ref_thread_default ();
  data->target.func = progress;
  data->target.data = progress_data;
  data->file = file != NULL ? g_object_ref (file) : NULL;
  return data;
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (sw_print_document_prepare (source_object, cancellable, forward_progress, &data->target, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sw_print_document_prepare_async (SwPrintDocument    *self,
                                 GCancellable       *cancellable,
                                 SwPrintProgressFunc progress,
                                 gpointer            progress_data,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SW_IS_PRINT_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sw_print_document_prepare_async);
  g_task_set_task_data (task, task_data_new (progress, progress_data, NULL), task_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

gboolean
sw_print_document_prepare_finish (SwPrintDocument *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sw_print_document_prepare_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* PDF                                                                    */

typedef struct
{
  int fd;
  GCancellable *cancellable;
  GError *error;
} PdfSink;

static cairo_status_t
write_to_sink (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  while (length > 0)
    {
      ssize_t written = write (sink->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          int saved_errno = errno;

          g_set_error_literal (&sink->error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= (unsigned int) written;
    }
  return CAIRO_STATUS_SUCCESS;
}

gboolean
sw_print_document_write_pdf (SwPrintDocument    *self,
                             GFile              *target,
                             GCancellable       *cancellable,
                             SwPrintProgressFunc progress,
                             gpointer            progress_data,
                             GError            **error)
{
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  g_autoptr (GFile) temp_file = NULL;
  PdfSink sink = { -1, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  int fd;
  int saved_errno;

  g_return_val_if_fail (SW_IS_PRINT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (target), FALSE);

  display = g_file_get_parse_name (target);
  path = g_file_get_path (target);
  if (path == NULL)
    {
      g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_WRITE,
                   _("Cannot write “%s”: choose a file on this computer."), display);
      return FALSE;
    }
  if (g_file_equal (target, self->project_file))
    {
      g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_WRITE,
                   _("Cannot write the PDF to “%s”: that is the project itself. "
                     "Choose another file name."), display);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_WRITE,
                   _("Cannot write “%s”: it is a folder; give a file name ending in .pdf."), display);
      return FALSE;
    }

  if (!self->prepared)
    {
      if (!sw_print_document_prepare (self, cancellable, progress, progress_data, error))
        return FALSE;
    }

  /* A temporary file beside the target, renamed over it when complete. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  template = g_strdup_printf ("%s%c.%s-XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (template, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_WRITE,
                   _("Cannot write “%s”: %s. Choose a folder you can write to."), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  sink.fd = fd;
  temp_file = g_file_new_for_path (template);

  surface = cairo_pdf_surface_create_for_stream (write_to_sink, &sink, self->page_width, self->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, document_heading (self));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Safety Walk " PACKAGE_VERSION);
  if (self->municipality != NULL && *self->municipality != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->municipality);

  {
    cairo_t *cr = cairo_create (surface);

    for (guint page = 0; page < self->pages->len; page++)
      {
        if (g_cancellable_is_cancelled (cancellable) || sink.error != NULL)
          break;
        report (progress, progress_data, (double) page / self->pages->len, _("Writing the pages"));
        sw_print_document_draw_page (self, cr, page, self->page_width, self->page_height);
        cairo_show_page (cr);
      }
    cairo_destroy (cr);
  }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error == NULL && !g_cancellable_set_error_if_cancelled (cancellable, &sink.error)
      && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&sink.error, SW_PRINT_ERROR, SW_PRINT_ERROR_WRITE, "%s", cairo_status_to_string (status));
  /* On disk before it takes the target's name. */
  if (sink.error == NULL && fsync (fd) != 0)
    {
      saved_errno = errno;
      g_set_error_literal (&sink.error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
    }
  if (close (fd) != 0 && sink.error == NULL)
    {
      saved_errno = errno;
      g_set_error_literal (&sink.error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
    }

  if (sink.error == NULL)
    g_file_move (temp_file, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE, NULL, NULL,
                 NULL, &sink.error);

  if (sink.error != NULL)
    {
      g_file_delete (temp_file, NULL, NULL);
      if (g_error_matches (sink.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, sink.error);
      else
        {
          g_set_error (error, SW_PRINT_ERROR, SW_PRINT_ERROR_WRITE, _("Cannot write “%s”: %s"), display,
                       sink.error->message);
          g_error_free (sink.error);
        }
      return FALSE;
    }

  report (progress, progress_data, 1.0, _("Written"));
  return TRUE;
}

static void
write_pdf_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (sw_print_document_write_pdf (source_object, data->file, cancellable, forward_progress, &data->target,
                                   &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sw_print_document_write_pdf_async (SwPrintDocument    *self,
                                   GFile              *target,
                                   GCancellable       *cancellable,
                                   SwPrintProgressFunc progress,
                                   gpointer            progress_data,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SW_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (target));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sw_print_document_write_pdf_async);
  g_task_set_task_data (task, task_data_new (progress, progress_data, target), task_data_free);
  g_task_run_in_thread (task, write_pdf_thread);
}

gboolean
sw_print_document_write_pdf_finish (SwPrintDocument *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sw_print_document_write_pdf_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
