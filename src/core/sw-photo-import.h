/* Phone photos into findings: each photo's position (from EXIF, or from the
 * walk's recorded track by its time) places it on a new finding or joins it
 * to a finding close by; photos with neither wait unplaced. */
#pragma once

#include <gio/gio.h>

#include "sw-photo-image.h"
#include "sw-project.h"

G_BEGIN_DECLS

/* One photo file read and processed, ready to be stored. Made in a worker
 * thread (it touches no project), stored on the main thread. */
#define SW_TYPE_PREPARED_PHOTO (sw_prepared_photo_get_type ())
G_DECLARE_FINAL_TYPE (SwPreparedPhoto, sw_prepared_photo, SW, PREPARED_PHOTO, GObject)

SwPreparedPhoto *sw_prepared_photo_new_from_file   (GFile            *file,
                                                    guint             max_edge,
                                                    GCancellable     *cancellable,
                                                    GError          **error);
GFile           *sw_prepared_photo_get_file        (SwPreparedPhoto  *self);
const char      *sw_prepared_photo_get_source_sha256 (SwPreparedPhoto *self);
GDateTime       *sw_prepared_photo_get_taken_at    (SwPreparedPhoto  *self);
gboolean         sw_prepared_photo_get_position    (SwPreparedPhoto  *self,
                                                    double           *longitude,
                                                    double           *latitude);
/* A new SwPhoto holding the processed picture, its thumbnail, size, source
 * hash and what the camera recorded, ready for sw_project_add_many once a
 * finding-uuid and position are set. */
SwPhoto         *sw_prepared_photo_to_photo        (SwPreparedPhoto  *self);

typedef struct
{
  /* The walk new findings belong to; may be NULL. */
  const char *walk_uuid;
  /* A photo within this many metres of a finding joins it (default 15). */
  double join_distance;
  /* Added to each photo's EXIF time before matching it to the track: a
   * camera whose clock was 3 minutes slow needs +180 s. */
  GTimeSpan clock_offset;
  /* The walk's recorded track, a(ddx): longitude, latitude and Unix time in
   * seconds, in time order; may be NULL. */
  GVariant *track;
} SwPhotoImportOptions;

typedef enum
{
  SW_PHOTO_IMPORT_NEW_FINDING,
  SW_PHOTO_IMPORT_JOINED,
  SW_PHOTO_IMPORT_PLACED_BY_TRACK,
  SW_PHOTO_IMPORT_UNPLACED,
  SW_PHOTO_IMPORT_DUPLICATE,
} SwPhotoImportOutcome;

/* What happened to one photo of an import. */
typedef struct
{
  GFile *file;
  SwPhotoImportOutcome outcome;
  /* The finding the photo is on (listed object, borrowed), or NULL. */
  SwFinding *finding;
} SwPhotoImportResult;

void      sw_photo_import_options_init (SwPhotoImportOptions *options);

/* Stores @prepared (SwPreparedPhoto) in @project as one edit ("Import
 * Photos") and returns one SwPhotoImportResult per photo, in order. */
GArray   *sw_project_import_photos     (SwProject                  *self,
                                        GPtrArray                  *prepared,
                                        const SwPhotoImportOptions *options,
                                        GError                    **error);

/* Where the track was at @time, interpolated between its points; FALSE
 * when @time is outside the track or the track has no times. */
gboolean  sw_track_position_at         (GVariant                   *track,
                                        GDateTime                  *time,
                                        double                     *longitude,
                                        double                     *latitude);

/* The photo files among @files (GFile: photos and folders; folders are
 * searched to any depth, and what is in them is taken by its name: .jpg,
 * .jpeg, .png), each folder's photos sorted by name. A file given by name is
 * kept whatever its name, for preparing to judge. Runs in a worker thread. */
GPtrArray *sw_photo_import_collect_files (GPtrArray     *files,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* Called in the thread that prepares, after each photo is done. */
typedef void (*SwPhotoPrepareProgress) (guint    n_done,
                                        guint    n_total,
                                        gpointer user_data);

/* Prepares @files (GFile) in @n_threads worker threads (0: one per core) and
 * returns the SwPreparedPhoto of each that could be used, in the order of
 * @files; each that could not is left out, with a GError naming the file
 * and the reason added to @failures (may be NULL). Blocks: call it from a
 * worker thread. Cancelled, it returns NULL with G_IO_ERROR_CANCELLED once
 * the photos being decoded are done. */
GPtrArray *sw_photo_import_prepare_files (GPtrArray              *files,
                                          guint                   max_edge,
                                          guint                   n_threads,
                                          SwPhotoPrepareProgress  progress,
                                          gpointer                user_data,
                                          GPtrArray              *failures,
                                          GCancellable           *cancellable,
                                          GError                **error);

/* The recorded track of the walk @walk_uuid as a(ddx) for
 * SwPhotoImportOptions: its tracks' points together in time order, or NULL
 * when the walk has none. */
GVariant  *sw_project_dup_walk_track_points (SwProject  *self,
                                             const char *walk_uuid);

/* Unplaced photos are photos on no finding. */
gboolean   sw_photo_is_unplaced          (SwPhoto    *photo);

/* Puts the unplaced, listed @photo on @finding, a new finding not yet in
 * the project (with its position and walk set), adding the finding: one
 * edit and one undo step ("Place Photo"). Returns the listed finding. */
SwFinding *sw_project_place_photo        (SwProject  *self,
                                          SwPhoto    *photo,
                                          SwFinding  *finding,
                                          GError    **error);

G_END_DECLS
