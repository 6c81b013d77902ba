/* Routes and findings from other tools' files (KML, GeoJSON, GPX), read
 * through GDAL with a fixed list of drivers, for example a municipality's
 * web map of citizen reports. */
#pragma once

#include <gio/gio.h>

#include "sw-project.h"

G_BEGIN_DECLS

#define SW_VECTOR_IMPORT_ERROR (sw_vector_import_error_quark ())

typedef enum
{
  SW_VECTOR_IMPORT_ERROR_NOT_FOUND,
  SW_VECTOR_IMPORT_ERROR_UNSUPPORTED,
  /* An XML file that declares a document type or entities: refused unread,
   * as entities can reach other files or expand without bound. */
  SW_VECTOR_IMPORT_ERROR_UNSAFE,
  SW_VECTOR_IMPORT_ERROR_NOTHING,
} SwVectorImportError;

GQuark sw_vector_import_error_quark (void);

typedef enum
{
  /* Lines become routes of a walk. */
  SW_VECTOR_IMPORT_ROUTES,
  /* Points become findings of a walk, their attributes in the note. */
  SW_VECTOR_IMPORT_FINDINGS,
} SwVectorImportMode;

/* What was read from one file: new routes or findings not yet in any
 * project, and one translated line per item that was skipped, saying which
 * item and why. */
typedef struct
{
  GFile *file;
  SwVectorImportMode mode;
  /* SwRoute or SwFinding, without a walk */
  GPtrArray *features;
  /* char *: "Placemark “Lampa”: it has no position" */
  GPtrArray *skipped;
  /* Items repaired with GEOSMakeValid on the way in */
  guint repaired;
} SwVectorImport;

void            sw_vector_import_free        (SwVectorImport     *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwVectorImport, sw_vector_import_free)

/* Refuses an XML file (KML, GPX) that has a <!DOCTYPE or <!ENTITY
 * declaration, before any XML parser sees it: an external entity could
 * read another file and an entity expansion could fill the memory. */
gboolean        sw_xml_file_check_safe       (const char         *path,
                                              const char         *display_name,
                                              GError            **error);

/* Reads @file (KML, GeoJSON or GPX) into new features. Touches no project,
 * so it runs in a worker thread. Fails when the file cannot be read or
 * holds nothing to import in @mode; single bad items are skipped and
 * listed instead. */
SwVectorImport *sw_vector_import_read        (GFile              *file,
                                              SwVectorImportMode  mode,
                                              GCancellable       *cancellable,
                                              GError            **error);

/* Adds what @import holds to @walk of @self as one edit and one undo step;
 * returns the listed features. */
GPtrArray      *sw_project_import_vector     (SwProject          *self,
                                              SwVectorImport     *import,
                                              SwWalk             *walk,
                                              GError            **error);

/* Stores @track as @walk's recorded track, replacing the one it had, as one
 * edit and one undo step; returns the listed track. */
SwTrack        *sw_project_import_track      (SwProject          *self,
                                              SwTrack            *track,
                                              SwWalk             *walk,
                                              GError            **error);

G_END_DECLS
