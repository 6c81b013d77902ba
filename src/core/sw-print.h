/* Printed pages for the council and for walk participants: one renderer,
 * drawn with cairo and pango, for PDF files and for printers alike. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define SW_PRINT_ERROR (sw_print_error_quark ())

typedef enum
{
  /* The project cannot be read. */
  SW_PRINT_ERROR_PROJECT,
  /* No walk has the name asked for. */
  SW_PRINT_ERROR_NO_WALK,
  /* A route handout of a walk without routes. */
  SW_PRINT_ERROR_NOTHING_TO_PRINT,
  /* The basemap file or address cannot be used at all (a missing MBTiles
   * file, a template without {z}, {x}, {y}). A basemap that is only offline
   * is no error: the map is printed without it and says so. */
  SW_PRINT_ERROR_BASEMAP,
  /* The PDF cannot be written. */
  SW_PRINT_ERROR_WRITE,
} SwPrintError;

GQuark sw_print_error_quark (void);

typedef enum
{
  SW_PRINT_PAPER_A4,
  SW_PRINT_PAPER_A3,
} SwPrintPaper;

typedef enum
{
  /* Council map, ranked table, a page per top place, the lägesbild page. */
  SW_PRINT_LAYOUT_COUNCIL,
  /* A route map with numbered stops and a stop list per route, for the
   * participants before the walk; always A4 portrait. */
  SW_PRINT_LAYOUT_HANDOUT,
} SwPrintLayout;

/* Called with a fraction 0..1 and a translated line saying what is done. */
typedef void (*SwPrintProgressFunc) (double      fraction,
                                     const char *text,
                                     gpointer    user_data);

/* A document to print: made with the project's file and the choices, then
 * prepared once (reading the project, ranking its places, fetching the
 * basemap at print resolution, laying out the pages), then drawn page by
 * page onto any cairo context: a PDF surface, or a GtkPrintContext's.
 *
 * Preparing reads the project through its own read-only connection, so it
 * may run in a worker thread while the window keeps the project open;
 * everything else uses only what preparing kept. A document is used from one
 * thread at a time. */
#define SW_TYPE_PRINT_DOCUMENT (sw_print_document_get_type ())
G_DECLARE_FINAL_TYPE (SwPrintDocument, sw_print_document, SW, PRINT_DOCUMENT, GObject)

SwPrintDocument *sw_print_document_new              (GFile            *project_file,
                                                     SwPrintLayout     layout);
void             sw_print_document_set_paper        (SwPrintDocument  *self,
                                                     SwPrintPaper      paper,
                                                     gboolean          landscape);
SwPrintPaper     sw_print_document_get_paper        (SwPrintDocument  *self);
gboolean         sw_print_document_get_landscape    (SwPrintDocument  *self);
SwPrintLayout    sw_print_document_get_layout       (SwPrintDocument  *self);
/* The walk to print, by title or uuid; NULL for every walk of the project
 * (a handout needs a walk when the project has several). */
void             sw_print_document_set_walk         (SwPrintDocument  *self,
                                                     const char       *walk);
/* The basemap: an MBTiles file, or an XYZ template with {z}, {x} and {y}
 * read through GDAL's WMS driver, with the attribution to print (NULL asks
 * for the MBTiles file's own, or names the tile server). Both NULL: no
 * basemap, said so on the page. */
void             sw_print_document_set_basemap_mbtiles (SwPrintDocument *self,
                                                        const char      *path);
void             sw_print_document_set_basemap_url  (SwPrintDocument  *self,
                                                     const char       *url_template,
                                                     const char       *attribution);
/* The date printed on the pages, "YYYY-MM-DD"; today when not set. */
void             sw_print_document_set_date         (SwPrintDocument  *self,
                                                     const char       *date);

gboolean         sw_print_document_prepare          (SwPrintDocument  *self,
                                                     GCancellable     *cancellable,
                                                     SwPrintProgressFunc progress,
                                                     gpointer          progress_data,
                                                     GError          **error);
/* Progress is reported on the thread default main context of the caller. */
void             sw_print_document_prepare_async    (SwPrintDocument  *self,
                                                     GCancellable     *cancellable,
                                                     SwPrintProgressFunc progress,
                                                     gpointer          progress_data,
                                                     GAsyncReadyCallback callback,
                                                     gpointer          user_data);
gboolean         sw_print_document_prepare_finish   (SwPrintDocument  *self,
                                                     GAsyncResult     *result,
                                                     GError          **error);
gboolean         sw_print_document_is_prepared      (SwPrintDocument  *self);

/* After preparing. Sizes are in points (1/72 inch). */
guint            sw_print_document_get_n_pages      (SwPrintDocument  *self);
void             sw_print_document_get_page_size    (SwPrintDocument  *self,
                                                     double           *width,
                                                     double           *height);
/* Draws page @page (from 0) onto @cr, whose user space is @width by @height
 * points from its origin; a page of another size is scaled to fit it,
 * centred. */
void             sw_print_document_draw_page        (SwPrintDocument  *self,
                                                     cairo_t          *cr,
                                                     guint             page,
                                                     double            width,
                                                     double            height);
/* Whether the map pages carry the basemap; otherwise the pages say why. */
gboolean         sw_print_document_has_basemap      (SwPrintDocument  *self);
/* The number each place got on the map and in the table, in rank order:
 * the names of the ranked places, "1" first. */
GStrv            sw_print_document_dup_place_names  (SwPrintDocument  *self);

/* Writes every page to a PDF at @target: into a temporary file beside it,
 * renamed over @target when complete, so a failure leaves no partial file.
 * Prepares the document first when that has not been done. */
gboolean         sw_print_document_write_pdf        (SwPrintDocument  *self,
                                                     GFile            *target,
                                                     GCancellable     *cancellable,
                                                     SwPrintProgressFunc progress,
                                                     gpointer          progress_data,
                                                     GError          **error);
void             sw_print_document_write_pdf_async  (SwPrintDocument  *self,
                                                     GFile            *target,
                                                     GCancellable     *cancellable,
                                                     SwPrintProgressFunc progress,
                                                     gpointer          progress_data,
                                                     GAsyncReadyCallback callback,
                                                     gpointer          user_data);
gboolean         sw_print_document_write_pdf_finish (SwPrintDocument  *self,
                                                     GAsyncResult     *result,
                                                     GError          **error);

/* Paper sizes in points, portrait. */
void             sw_print_paper_get_size            (SwPrintPaper      paper,
                                                     double           *width,
                                                     double           *height);

G_END_DECLS
