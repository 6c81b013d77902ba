/* What the print renderer keeps of a project: plain values read once, so
 * drawing needs no project, and the parts that feed it (ranking, basemap). */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "sw-print.h"
#include "sw-project.h"

G_BEGIN_DECLS

typedef struct
{
  char *uuid;
  char *name;
  double red, green, blue;
  GArray *points;       /* SwPrintPoint, longitude/latitude */
  double length;        /* metres in the working CRS */
} SwPrintRoute;

typedef struct
{
  double longitude;
  double latitude;
} SwPrintPoint;

typedef struct
{
  char *route_uuid;
  int number;
  char *name;
  char *note;
  double longitude;
  double latitude;
} SwPrintStop;

typedef struct
{
  char *uuid;
  char *walk_uuid;
  char *category;
  GStrv categories;     /* the main one first, then the others */
  int severity;
  char *light;
  char *unsafe_for;
  char *note;
  double longitude;
  double latitude;
  char *place_uuid;     /* the project's place, or NULL when not grouped */
  int place;            /* index into the ranked places */
} SwPrintFinding;

typedef struct
{
  char *type;
  char *description;
  char *responsible;
  char *responsible_unit;
  char *due_date;
  char *status;
  char *color;          /* the action plan's red, amber or green, "#rrggbb" */
  gboolean overdue;
} SwPrintMeasure;

typedef struct
{
  cairo_surface_t *image; /* upright, at most SW_PRINT_PHOTO_EDGE pixels */
  char *caption;
} SwPrintPhoto;

typedef struct
{
  char *uuid;           /* the project's place, or NULL */
  int number;           /* the rank, 1 first: on the map and in the table */
  char *name;
  double longitude;
  double latitude;
  double score;
  int max_severity;
  gboolean positive_only;
  GPtrArray *findings;  /* SwPrintFinding *, not owned */
  GPtrArray *measures;  /* SwPrintMeasure *, owned */
  GPtrArray *photos;    /* SwPrintPhoto *, owned */
  GStrv categories;     /* the categories of its findings, most frequent first */
  char *why;            /* the reasons of its score, one per line, or NULL */
  gboolean provisional; /* grouped for this print only: not a place of the project */
} SwPrintPlace;


#define SW_PRINT_PHOTO_EDGE 1400

/* The places of @findings in rank order, numbered from 1: the project's
 * places ranked by sw_project_rank_places(), keeping the order among those
 * the printed findings belong to; findings not yet grouped into a place
 * are grouped here for the print alone, by the same distance and scored by
 * the same formula. Sets each finding's place index. @project is the
 * read-only connection preparing opened. */
GPtrArray *_sw_print_rank_places (SwProject  *project,
                                  GPtrArray  *findings,
                                  GPtrArray  *stops,
                                  GError    **error);


void       _sw_print_place_free   (gpointer place);
void       _sw_print_finding_free (gpointer finding);
void       _sw_print_measure_free (gpointer measure);

/* Web Mercator (EPSG:3857) metres. */
void       _sw_print_mercator     (double  longitude,
                                   double  latitude,
                                   double *x,
                                   double *y);

typedef struct
{
  char *mbtiles;        /* a path, or */
  char *url_template;   /* an XYZ template */
  char *attribution;    /* given, or NULL */
} SwPrintBasemapSpec;

/* Reads the basemap for the Web Mercator box [@min_x, @max_x] x [@min_y,
 * @max_y] into an image of @width by @height pixels. Returns NULL with
 * @problem set (a translated line) when the tiles cannot be had; sets
 * @attribution to what must be printed. Fails with an error only when the
 * basemap can never work (not an MBTiles file, a bad template). */
cairo_surface_t *_sw_print_fetch_basemap (const SwPrintBasemapSpec *spec,
                                          double                    min_x,
                                          double                    min_y,
                                          double                    max_x,
                                          double                    max_y,
                                          int                       width,
                                          int                       height,
                                          GCancellable             *cancellable,
                                          char                    **attribution,
                                          char                    **problem,
                                          GError                  **error);

G_END_DECLS
