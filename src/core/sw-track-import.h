/* A walk's recorded track from a GPS file, read through GDAL's GPX driver. */
#pragma once

#include <gio/gio.h>

#include "sw-track.h"

G_BEGIN_DECLS

#define SW_TRACK_IMPORT_ERROR (sw_track_import_error_quark ())

typedef enum
{
  SW_TRACK_IMPORT_ERROR_NOT_GPX,
  SW_TRACK_IMPORT_ERROR_NO_TRACK,
  SW_TRACK_IMPORT_ERROR_TOO_SHORT,
  SW_TRACK_IMPORT_ERROR_NO_TIMES,
} SwTrackImportError;

GQuark   sw_track_import_error_quark (void);

/* Reads the first track of the GPX file @file, all its segments in order,
 * with each point's time. Touches no project: runs in a worker thread. */
SwTrack *sw_track_new_from_gpx       (GFile   *file,
                                      GError **error);

G_END_DECLS
