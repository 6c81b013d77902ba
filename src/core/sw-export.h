/* Exporting a project for GIS: GeoPackage with QGIS styles, GeoJSON, CSV and KML. */
#pragma once

#include <gio/gio.h>

#include "sw-project.h"

G_BEGIN_DECLS

#define SW_EXPORT_ERROR (sw_export_error_quark ())

typedef enum
{
  /* The coordinate reference system asked for is not one PROJ knows. */
  SW_EXPORT_ERROR_UNKNOWN_CRS,
  /* The target is the project being exported. */
  SW_EXPORT_ERROR_TARGET_IS_PROJECT,
  /* The target's folder cannot be written, or the disk is full. */
  SW_EXPORT_ERROR_WRITE,
  /* The project cannot be read. */
  SW_EXPORT_ERROR_READ,
  /* There is nothing to export. */
  SW_EXPORT_ERROR_EMPTY,
} SwExportError;

GQuark sw_export_error_quark (void);

typedef enum
{
  /* Every layer, styled for QGIS, in the chosen CRS; photos when asked. */
  SW_EXPORT_FORMAT_GPKG,
  /* The findings, RFC 7946 (EPSG:4326). */
  SW_EXPORT_FORMAT_GEOJSON,
  /* The findings, UTF-8 with a byte order mark, X and Y in the chosen CRS. */
  SW_EXPORT_FORMAT_CSV,
  /* Findings, places, measures, routes and stops as folders (EPSG:4326). */
  SW_EXPORT_FORMAT_KML,
} SwExportFormat;

/* What an export writes. Photos go only into a GeoPackage; a public export
 * never holds them. */
typedef struct
{
  SwExportFormat format;
  /* "EPSG:3006", "3006" or any EPSG code; NULL is EPSG:3006. GeoJSON and KML
   * are always EPSG:4326. */
  char *crs;
  /* Leaves out free-text notes (where internal remarks and participants'
   * names are written) and photos, for publishing. */
  gboolean public_only;
  gboolean photos;
  /* The long edge of exported photos in pixels; 0 keeps the stored size. */
  guint photo_edge;
} SwExportOptions;

#define SW_TYPE_EXPORT_OPTIONS (sw_export_options_get_type ())
GType            sw_export_options_get_type (void) G_GNUC_CONST;
SwExportOptions *sw_export_options_new      (void);
SwExportOptions *sw_export_options_copy     (const SwExportOptions *options);
void             sw_export_options_free     (SwExportOptions       *options);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwExportOptions, sw_export_options_free)

#define SW_EXPORT_DEFAULT_CRS "EPSG:3006"

/* The coordinate reference systems offered by name: SWEREF 99 TM and the
 * twelve SWEREF 99 local zones. */
typedef struct
{
  guint epsg;
  const char *name;
} SwExportCrs;

const SwExportCrs *sw_export_list_crs       (guint          *n_crs);
/* The EPSG code of @crs ("EPSG:3007", "3007" or a name from the list), or
 * 0 with an error that says the code is unknown. */
guint              sw_export_parse_crs      (const char     *crs,
                                             GError        **error);
/* PROJ's name of an EPSG code, or NULL when it does not know it. */
char              *sw_export_dup_crs_name   (guint           epsg);

/* The file name extension of @format, without the dot ("gpkg"). */
const char        *sw_export_format_get_extension (SwExportFormat format);
/* "gpkg", "geojson", "csv" or "kml"; FALSE for anything else. */
gboolean           sw_export_format_from_string   (const char     *name,
                                                   SwExportFormat *format);

/* Called with the part done, from 0 to 1, in the thread that exports. */
typedef void (*SwExportProgressFunc) (double   fraction,
                                      gpointer user_data);

/* Exports the project file @project_file (read through its own connection,
 * so any thread may call this) to @target: written to a temporary file beside
 * @target and renamed over it when complete; on any failure or cancellation
 * nothing is left. @priorities, when given, maps a place's uuid to a
 * GVariant "(di)" of its priority score and rank. */
gboolean sw_export_file (GFile                 *project_file,
                         GFile                 *target,
                         const SwExportOptions *options,
                         GHashTable            *priorities,
                         SwExportProgressFunc   progress,
                         gpointer               progress_data,
                         GCancellable          *cancellable,
                         GError               **error);

/* The same for an open project, in a worker thread. @progress is called in
 * the thread-default main context of the caller. */
void     sw_project_export_async  (SwProject             *project,
                                   GFile                 *target,
                                   const SwExportOptions *options,
                                   SwExportProgressFunc   progress,
                                   gpointer               progress_data,
                                   GDestroyNotify         progress_data_free,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);
gboolean sw_project_export_finish (SwProject             *project,
                                   GAsyncResult          *result,
                                   GError               **error);
/* Synchronous, for the command line. */
gboolean sw_project_export        (SwProject             *project,
                                   GFile                 *target,
                                   const SwExportOptions *options,
                                   SwExportProgressFunc   progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GError               **error);

G_END_DECLS
