/* A project: one GeoPackage file holding walks, findings, photos and measures. */
#pragma once

#include <gio/gio.h>

#include "sw-bounds.h"
#include "sw-feature.h"
#include "sw-finding.h"
#include "sw-measure.h"
#include "sw-photo.h"
#include "sw-place.h"
#include "sw-route.h"
#include "sw-status-change.h"
#include "sw-stop.h"
#include "sw-track.h"
#include "sw-walk.h"

G_BEGIN_DECLS

/* The schema this build writes; files with a lower version are upgraded when
 * opened, files with a higher one are refused. */
#define SW_PROJECT_SCHEMA_VERSION 5
#define SW_PROJECT_STORAGE_CRS    "EPSG:4326"
#define SW_PROJECT_DEFAULT_WORKING_CRS "EPSG:3006"
#define SW_PROJECT_METADATA_TABLE "safetywalk_metadata"
#define SW_PROJECT_PHOTO_MAPPING_TABLE "findings_photos"

#define SW_PROJECT_ERROR (sw_project_error_quark ())

typedef enum
{
  SW_PROJECT_ERROR_NOT_FOUND,
  SW_PROJECT_ERROR_NOT_GEOPACKAGE,
  SW_PROJECT_ERROR_NOT_PROJECT,
  SW_PROJECT_ERROR_NEWER_SCHEMA,
  SW_PROJECT_ERROR_READ_ONLY,
  SW_PROJECT_ERROR_EXISTS,
  SW_PROJECT_ERROR_WRITE,
  SW_PROJECT_ERROR_INVALID,
  SW_PROJECT_ERROR_CLOSED,
  SW_PROJECT_ERROR_NOTHING_TO_UNDO,
  SW_PROJECT_ERROR_REFUSED,
} SwProjectError;

GQuark sw_project_error_quark (void);

typedef enum
{
  SW_PROJECT_OPEN_FLAGS_NONE = 0,
  /* Opens without writing anything, for looking only: edits are refused. */
  SW_PROJECT_OPEN_READ_ONLY = 1 << 0,
} SwProjectOpenFlags;

/* SwProject has the read-only properties "file", "title", "municipality",
 * "can-undo", "can-redo", "undo-label" and "redo-label" (all notify), and
 * the signals "changed" (after every committed edit, undo or redo) and
 * "feature-changed" (SwFeature *listed, for each listed feature updated in
 * place; additions and removals are the lists' items-changed). */
#define SW_TYPE_PROJECT (sw_project_get_type ())
G_DECLARE_FINAL_TYPE (SwProject, sw_project, SW, PROJECT, GObject)

SwProject  *sw_project_create           (GFile         *file,
                                         const char    *title,
                                         const char    *municipality,
                                         GError       **error);
SwProject  *sw_project_open             (GFile         *file,
                                         GError       **error);
SwProject  *sw_project_open_with_flags  (GFile         *file,
                                         SwProjectOpenFlags flags,
                                         GError       **error);
gboolean    sw_project_is_read_only     (SwProject     *self);
void        sw_project_close            (SwProject     *self);
gboolean    sw_project_is_open          (SwProject     *self);

GFile      *sw_project_get_file         (SwProject     *self);
const char *sw_project_get_title        (SwProject     *self);
const char *sw_project_get_municipality (SwProject     *self);
const char *sw_project_get_working_crs  (SwProject     *self);
int         sw_project_get_schema_version (SwProject   *self);

/* Project settings kept in the metadata table; each set is one edit. */
char       *sw_project_dup_setting      (SwProject     *self,
                                         const char    *key);
gboolean    sw_project_set_setting      (SwProject     *self,
                                         const char    *key,
                                         const char    *value,
                                         GError       **error);

/* Live lists of SwWalk, SwRoute, SwStop, SwFinding, SwPhoto, SwMeasure and
 * SwPlace, in file order. Their items are updated in place by edits, undo
 * and redo; do not modify them directly, edit through the functions below.
 * Photos in the list carry their thumbnail, not their data. */
GListModel *sw_project_get_features     (SwProject     *self,
                                         SwKind         kind);
GListModel *sw_project_get_walks        (SwProject     *self);
GListModel *sw_project_get_routes       (SwProject     *self);
GListModel *sw_project_get_stops        (SwProject     *self);
GListModel *sw_project_get_findings     (SwProject     *self);
GListModel *sw_project_get_photos       (SwProject     *self);
GListModel *sw_project_get_measures     (SwProject     *self);
GListModel *sw_project_get_places       (SwProject     *self);
GListModel *sw_project_get_tracks       (SwProject     *self);
SwFeature  *sw_project_lookup           (SwProject     *self,
                                         SwKind         kind,
                                         const char    *uuid);
guint       sw_project_count            (SwProject     *self,
                                         SwKind         kind);
/* The extent of all routes, stops, findings and places; empty when the
 * project has none. */
SwBounds   *sw_project_get_bounds       (SwProject     *self);

/* Edits. Each is one transaction and one undo step. Values that cannot be
 * right are refused with SW_PROJECT_ERROR_REFUSED and a message saying why
 * (a finding without a position, a severity on a safe place, a negative
 * cost, a rejected measure without a reason, a word not in the lists). @feature is a new
 * object (add) or an edited copy of a listed one, matched by uuid (update).
 * On success the listed object holds the stored state, including the uuid,
 * fid and timestamps given by the project. */
SwFeature  *sw_project_add              (SwProject     *self,
                                         SwFeature     *feature,
                                         GError       **error);
gboolean    sw_project_update           (SwProject     *self,
                                         SwFeature     *feature,
                                         GError       **error);
/* The same for many features at once, as one transaction and one undo step
 * with a translated @label ("Import Photos", "Renumber Stops"). */
GPtrArray  *sw_project_add_many         (SwProject     *self,
                                         GPtrArray     *features,
                                         const char    *label,
                                         GError       **error);
gboolean    sw_project_update_many      (SwProject     *self,
                                         GPtrArray     *features,
                                         const char    *label,
                                         GError       **error);
gboolean    sw_project_edit             (SwProject     *self,
                                         SwFeature     *feature,
                                         GError       **error,
                                         const char    *first_property_name,
                                         ...) G_GNUC_NULL_TERMINATED;
/* Measures (åtgärder). Setting a measure's status is one edit that also
 * keeps the change, with its day, in the measure's history (an
 * SwStatusChange); sw_project_update() of a measure whose status differs
 * does the same, dated today. @date is YYYY-MM-DD, NULL for today. @note is
 * the reason when @status is "rejected" and the effect key ("better",
 * "unchanged", "worse") when it is "followed-up"; ignored otherwise.
 * Refused with SW_PROJECT_ERROR_REFUSED: a rejection without a reason, a
 * follow-up without an effect, an unknown status, a date that is not a
 * day, and a due date before the decision. */
gboolean    sw_project_set_measure_status (SwProject   *self,
                                           SwMeasure   *measure,
                                           const char  *status,
                                           const char  *date,
                                           const char  *note,
                                           GError     **error);
/* The history of @measure, oldest first: listed SwStatusChange objects. */
GPtrArray  *sw_project_list_status_changes (SwProject  *self,
                                            SwMeasure  *measure);
/* The day (YYYY-MM-DD) @measure was decided: its first change to decided or
 * a later step of the work (in progress, done, followed up); NULL while it
 * is only proposed or was rejected. Free with g_free(). */
char       *sw_project_dup_decision_date (SwProject  *self,
                                          SwMeasure  *measure);

/* Removes @feature and what belongs to it: a walk's routes, stops and
 * findings, a finding's photos and measures, a measure's history, a
 * place's measures (its findings stay, without a place). */
gboolean    sw_project_remove           (SwProject     *self,
                                         SwFeature     *feature,
                                         GError       **error);

/* Photos: @image is the encoded file as read from disk. It is turned
 * upright, downscaled to @max_edge pixels on its long side and stored
 * re-encoded as JPEG without metadata, with a thumbnail. */
SwPhoto    *sw_project_add_photo        (SwProject     *self,
                                         SwFinding     *finding,
                                         GBytes        *image,
                                         guint          max_edge,
                                         GError       **error);
GBytes     *sw_project_load_photo_data  (SwProject     *self,
                                         SwPhoto       *photo,
                                         GError       **error);
GPtrArray  *sw_project_list_finding_photos (SwProject  *self,
                                            SwFinding  *finding);
/* The listed photo made from the file whose bytes hash to @source_sha256
 * (hex), or NULL: the same photo imported twice is found this way. */
SwPhoto    *sw_project_find_photo_by_source (SwProject  *self,
                                             const char *source_sha256);

/* Undo and redo; labels are translated, for menus. */
gboolean    sw_project_can_undo         (SwProject     *self);
gboolean    sw_project_can_redo         (SwProject     *self);
const char *sw_project_get_undo_label   (SwProject     *self);
const char *sw_project_get_redo_label   (SwProject     *self);
gboolean    sw_project_undo             (SwProject     *self,
                                         GError       **error);
gboolean    sw_project_redo             (SwProject     *self,
                                         GError       **error);

/* A consistent copy of the whole project at @destination, for Save a Copy. */
gboolean    sw_project_save_copy        (SwProject     *self,
                                         GFile         *destination,
                                         GError       **error);

/* Conformance of the file at @file: GeoPackage structure as GDAL reads it,
 * SQLite integrity, and the project's own schema. Returns TRUE when valid;
 * otherwise @problems (if given) receives one translated line per problem. */
gboolean    sw_project_validate_file    (GFile         *file,
                                         GPtrArray    **problems,
                                         GError       **error);

G_END_DECLS
