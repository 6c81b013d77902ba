/* Phone photos into findings: each photo's position (from EXIF, or from the
 * walk's recorded track by its time) places it on a new finding or joins it
 * to a finding close by; photos with neither wait unplaced. */
#define G_LOG_DOMAIN "sw-photo-import"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sw-crs-transform.h"
#include "sw-photo-import.h"
#include "sw-project-private.h"

struct _SwPreparedPhoto
{
  GObject parent_instance;

  GFile *file;
  GBytes *jpeg;
  GBytes *thumbnail;
  int width;
  int height;
  char *source_sha256;
  SwPhotoExif exif;
};

G_DEFINE_FINAL_TYPE (SwPreparedPhoto, sw_prepared_photo, G_TYPE_OBJECT)

static void
sw_prepared_photo_finalize (GObject *object)
{
  SwPreparedPhoto *self = SW_PREPARED_PHOTO (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->jpeg, g_bytes_unref);
  g_clear_pointer (&self->thumbnail, g_bytes_unref);
  g_clear_pointer (&self->source_sha256, g_free);
  sw_photo_exif_clear (&self->exif);

  G_OBJECT_CLASS (sw_prepared_photo_parent_class)->finalize (object);
}

static void
sw_prepared_photo_class_init (SwPreparedPhotoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sw_prepared_photo_finalize;
}

static void
sw_prepared_photo_init (SwPreparedPhoto *self)
{
}

/* A camera without a fix writes 0, 0; nobody walks there. */
static gboolean
position_is_real (double longitude,
                  double latitude)
{
  return isfinite (longitude) && isfinite (latitude) &&
         fabs (longitude) <= 180.0 && fabs (latitude) <= 90.0 &&
         !(fabs (longitude) < 1e-6 && fabs (latitude) < 1e-6);
}

SwPreparedPhoto *
sw_prepared_photo_new_from_file (GFile         *file,
                                 guint          max_edge,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr (SwPreparedPhoto) self = NULL;
  g_autoptr (GBytes) contents = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  contents = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (contents == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot read the photo “%s”: %s"), name, local_error->message);
      return NULL;
    }

  self = g_object_new (SW_TYPE_PREPARED_PHOTO, NULL);
  self->file = g_object_ref (file);
  if (!sw_photo_image_process (contents, max_edge, &self->jpeg, &self->thumbnail,
                               &self->width, &self->height, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot use the photo “%s”: %s"), name, local_error->message);
      return NULL;
    }
  self->source_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
  sw_photo_image_read_exif (contents, &self->exif);
  if (self->exif.has_position && !position_is_real (self->exif.longitude, self->exif.latitude))
    self->exif.has_position = FALSE;

  return g_steal_pointer (&self);
}

GFile *
sw_prepared_photo_get_file (SwPreparedPhoto *self)
{
  g_return_val_if_fail (SW_IS_PREPARED_PHOTO (self), NULL);

  return self->file;
}

const char *
sw_prepared_photo_get_source_sha256 (SwPreparedPhoto *self)
{
  g_return_val_if_fail (SW_IS_PREPARED_PHOTO (self), NULL);

  return self->source_sha256;
}

GDateTime *
sw_prepared_photo_get_taken_at (SwPreparedPhoto *self)
{
  g_return_val_if_fail (SW_IS_PREPARED_PHOTO (self), NULL);

  return self->exif.taken_at;
}

gboolean
sw_prepared_photo_get_position (SwPreparedPhoto *self,
                                double          *longitude,
                                double          *latitude)
{
  g_return_val_if_fail (SW_IS_PREPARED_PHOTO (self), FALSE);

  if (!self->exif.has_position)
    return FALSE;
  *longitude = self->exif.longitude;
  *latitude = self->exif.latitude;
  return TRUE;
}

SwPhoto *
sw_prepared_photo_to_photo (SwPreparedPhoto *self)
{
  SwPhoto *photo;

  g_return_val_if_fail (SW_IS_PREPARED_PHOTO (self), NULL);

  photo = sw_photo_new ();
  sw_photo_set_content_type (photo, "image/jpeg");
  sw_photo_set_data (photo, self->jpeg);
  sw_photo_set_thumbnail (photo, self->thumbnail);
  sw_photo_set_width (photo, self->width);
  sw_photo_set_height (photo, self->height);
  sw_photo_set_source_sha256 (photo, self->source_sha256);
  sw_photo_set_taken_at (photo, self->exif.taken_at);
  if (self->exif.has_position)
    {
      sw_photo_set_taken_lat (photo, self->exif.latitude);
      sw_photo_set_taken_lon (photo, self->exif.longitude);
    }
  return photo;
}

void
sw_photo_import_options_init (SwPhotoImportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->join_distance = 15.0;
}

gboolean
sw_track_position_at (GVariant  *track,
                      GDateTime *time,
                      double    *longitude,
                      double    *latitude)
{
  gint64 t;
  gsize n;
  double lon0, lat0, lon1, lat1;
  gint64 t0, t1;

  g_return_val_if_fail (time != NULL, FALSE);

  if (track == NULL || !g_variant_is_of_type (track, G_VARIANT_TYPE ("a(ddx)")) ||
      (n = g_variant_n_children (track)) == 0)
    return FALSE;

  t = g_date_time_to_unix (time);
  g_variant_get_child (track, 0, "(ddx)", &lon0, &lat0, &t0);
  if (t < t0)
    return FALSE;
  if (n == 1)
    {
      if (t != t0)
        return FALSE;
      *longitude = lon0;
      *latitude = lat0;
      return TRUE;
    }

  for (gsize i = 1; i < n; i++)
    {
      g_variant_get_child (track, i, "(ddx)", &lon1, &lat1, &t1);
      if (t <= t1)
        {
          /* Positions a few metres apart: linear in degrees is exact enough. */
          double f = t1 > t0 ? (double) (t - t0) / (double) (t1 - t0) : 0.0;

          *longitude = lon0 + f * (lon1 - lon0);
          *latitude = lat0 + f * (lat1 - lat0);
          return TRUE;
        }
      lon0 = lon1;
      lat0 = lat1;
      t0 = t1;
    }
  return FALSE;
}

static void
clear_result (SwPhotoImportResult *result)
{
  g_clear_object (&result->file);
}

/* A finding being placed: either a listed one or one new in this import. */
typedef struct
{
  SwFinding *finding;
  double x;
  double y;
  int next_position;
} Candidate;

static Candidate *
nearest_within (GArray *candidates,
                double  x,
                double  y,
                double  distance)
{
  Candidate *best = NULL;
  double best_distance = distance;

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);
      double d = hypot (candidate->x - x, candidate->y - y);

      if (d <= best_distance)
        {
          best = candidate;
          best_distance = d;
        }
    }
  return best;
}

GArray *
sw_project_import_photos (SwProject                  *self,
                          GPtrArray                  *prepared,
                          const SwPhotoImportOptions *options,
                          GError                    **error)
{
  g_autoptr (SwCrsTransform) transform = NULL;
  g_autoptr (GArray) results = NULL;
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr (GPtrArray) additions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) new_findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) added = NULL;
  GListModel *findings;
  guint n_findings;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (prepared != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  transform = sw_crs_transform_new (sw_project_get_working_crs (self), error);
  if (transform == NULL)
    return NULL;

  /* Existing findings of the walk are where photos may join. */
  findings = sw_project_get_findings (self);
  n_findings = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n_findings; i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);
      g_autoptr (GPtrArray) photos = NULL;
      Candidate candidate = { finding, 0, 0, 0 };

      if (options->walk_uuid != NULL &&
          g_strcmp0 (sw_finding_get_walk_uuid (finding), options->walk_uuid) != 0)
        continue;
      if (!sw_crs_transform_forward (transform, sw_finding_get_longitude (finding),
                                     sw_finding_get_latitude (finding), &candidate.x, &candidate.y))
        continue;
      photos = sw_project_list_finding_photos (self, finding);
      candidate.next_position = photos->len;
      g_array_append_val (candidates, candidate);
    }

  results = g_array_sized_new (FALSE, TRUE, sizeof (SwPhotoImportResult), prepared->len);
  g_array_set_clear_func (results, (GDestroyNotify) clear_result);

  for (guint i = 0; i < prepared->len; i++)
    {
      SwPreparedPhoto *photo = prepared->pdata[i];
      SwPhotoImportResult result = { g_object_ref (photo->file), SW_PHOTO_IMPORT_UNPLACED, NULL };
      g_autoptr (SwPhoto) stored = NULL;
      Candidate *target = NULL;
      double lon, lat, x, y;
      gboolean placed = FALSE;

      /* By content: the same file twice, in the project or in this import. */
      if (sw_project_find_photo_by_source (self, photo->source_sha256) != NULL ||
          g_hash_table_contains (seen, photo->source_sha256))
        {
          result.outcome = SW_PHOTO_IMPORT_DUPLICATE;
          g_array_append_val (results, result);
          continue;
        }
      g_hash_table_add (seen, photo->source_sha256);

      if (photo->exif.has_position)
        {
          lon = photo->exif.longitude;
          lat = photo->exif.latitude;
          placed = TRUE;
        }
      else if (photo->exif.taken_at != NULL && options->track != NULL)
        {
          g_autoptr (GDateTime) corrected = g_date_time_add (photo->exif.taken_at,
                                                             options->clock_offset);

          placed = sw_track_position_at (options->track, corrected, &lon, &lat);
          if (placed)
            result.outcome = SW_PHOTO_IMPORT_PLACED_BY_TRACK;
        }

      stored = sw_prepared_photo_to_photo (photo);

      if (placed && sw_crs_transform_forward (transform, lon, lat, &x, &y))
        {
          target = nearest_within (candidates, x, y, options->join_distance);
          if (target != NULL)
            {
              if (result.outcome != SW_PHOTO_IMPORT_PLACED_BY_TRACK)
                result.outcome = SW_PHOTO_IMPORT_JOINED;
            }
          else
            {
              g_autofree char *uuid = g_uuid_string_random ();
              SwFinding *finding = sw_finding_new ();
              Candidate candidate = { finding, x, y, 0 };

              /* The category is for the volunteer to set. */
              sw_feature_set_uuid (SW_FEATURE (finding), uuid);
              sw_finding_set_walk_uuid (finding, options->walk_uuid);
              sw_finding_set_longitude (finding, lon);
              sw_finding_set_latitude (finding, lat);
              g_ptr_array_add (new_findings, finding);
              g_ptr_array_add (additions, g_object_ref (finding));
              g_array_append_val (candidates, candidate);
              target = &g_array_index (candidates, Candidate, candidates->len - 1);
              if (result.outcome != SW_PHOTO_IMPORT_PLACED_BY_TRACK)
                result.outcome = SW_PHOTO_IMPORT_NEW_FINDING;
            }
          sw_photo_set_finding_uuid (stored, sw_feature_get_uuid (SW_FEATURE (target->finding)));
          sw_photo_set_position (stored, target->next_position++);
        }

      g_ptr_array_add (additions, g_steal_pointer (&stored));
      /* The finding is filled in once the edit is stored. */
      result.finding = target != NULL ? target->finding : NULL;
      g_array_append_val (results, result);
    }

  if (additions->len > 0)
    {
      added = sw_project_add_many (self, additions, _("Import Photos"), error);
      if (added == NULL)
        return NULL;
    }

  /* Results point at listed findings, not at the copies handed in. */
  for (guint i = 0; i < results->len; i++)
    {
      SwPhotoImportResult *result = &g_array_index (results, SwPhotoImportResult, i);

      if (result->finding != NULL)
        result->finding = SW_FINDING (sw_project_lookup (self, SW_KIND_FINDING,
                                                         sw_feature_get_uuid (SW_FEATURE (result->finding))));
    }

  return g_steal_pointer (&results);
}

/* ---------------------------------------------------------------------- */
/* Many files at once                                                     */

#define MAX_FOLDER_DEPTH 32

static gboolean
has_photo_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_str_has_suffix (folded, ".jpg") || g_str_has_suffix (folded, ".jpeg") ||
         g_str_has_suffix (folded, ".png");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *name_a = g_file_get_basename (*(GFile **) a);
  g_autofree char *name_b = g_file_get_basename (*(GFile **) b);
  g_autofree char *key_a = g_utf8_collate_key_for_filename (name_a, -1);
  g_autofree char *key_b = g_utf8_collate_key_for_filename (name_b, -1);

  return strcmp (key_a, key_b);
}

static gboolean
collect_folder (GFile         *folder,
                guint          depth,
                GPtrArray     *collected,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr (GFileEnumerator) children = NULL;
  g_autoptr (GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) folders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) local_error = NULL;

  if (depth > MAX_FOLDER_DEPTH)
    return TRUE;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                        G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (children == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (folder);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot read the folder “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  for (;;)
    {
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, &local_error))
        {
          g_autofree char *name = g_file_get_parse_name (folder);

          g_set_error (error, local_error->domain, local_error->code,
                       _("Cannot read the folder “%s”: %s"), name, local_error->message);
          return FALSE;
        }
      if (info == NULL)
        break;
      if (g_file_info_get_is_hidden (info))
        continue;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        g_ptr_array_add (folders, g_object_ref (child));
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
               has_photo_name (g_file_info_get_name (info)))
        g_ptr_array_add (photos, g_object_ref (child));
    }

  g_ptr_array_sort (photos, compare_names);
  g_ptr_array_sort (folders, compare_names);
  for (guint i = 0; i < photos->len; i++)
    g_ptr_array_add (collected, g_object_ref (photos->pdata[i]));
  for (guint i = 0; i < folders->len; i++)
    if (!collect_folder (folders->pdata[i], depth + 1, collected, cancellable, error))
      return FALSE;
  return TRUE;
}

GPtrArray *
sw_photo_import_collect_files (GPtrArray     *files,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr (GPtrArray) collected = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (files != NULL, NULL);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = files->pdata[i];

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
        {
          if (!collect_folder (file, 0, collected, cancellable, error))
            return NULL;
        }
      else
        g_ptr_array_add (collected, g_object_ref (file));
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&collected);
}

typedef struct
{
  GMutex lock;
  GCond done_changed;
  GPtrArray *files;
  guint max_edge;
  GCancellable *cancellable;
  /* One slot per file: the prepared photo, or its error. */
  SwPreparedPhoto **prepared;
  GError **errors;
  guint n_done;
} PrepareBatch;

static void
prepare_one (gpointer data,
             gpointer user_data)
{
  guint index = GPOINTER_TO_UINT (data) - 1;
  PrepareBatch *batch = user_data;
  SwPreparedPhoto *photo = NULL;
  GError *error = NULL;

  if (!g_cancellable_is_cancelled (batch->cancellable))
    photo = sw_prepared_photo_new_from_file (batch->files->pdata[index], batch->max_edge,
                                             batch->cancellable, &error);

  g_mutex_lock (&batch->lock);
  batch->prepared[index] = photo;
  batch->errors[index] = error;
  batch->n_done++;
  g_cond_signal (&batch->done_changed);
  g_mutex_unlock (&batch->lock);
}

GPtrArray *
sw_photo_import_prepare_files (GPtrArray              *files,
                               guint                   max_edge,
                               guint                   n_threads,
                               SwPhotoPrepareProgress  progress,
                               gpointer                user_data,
                               GPtrArray              *failures,
                               GCancellable           *cancellable,
                               GError                **error)
{
  PrepareBatch batch = { 0 };
  g_autoptr (GPtrArray) prepared = NULL;
  GThreadPool *pool;
  guint n = files != NULL ? files->len : 0;
  guint reported = 0;
  gboolean cancelled;

  g_return_val_if_fail (files != NULL, NULL);

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, MAX (n, 1));

  g_mutex_init (&batch.lock);
  g_cond_init (&batch.done_changed);
  batch.files = files;
  batch.max_edge = max_edge;
  batch.cancellable = cancellable;
  batch.prepared = g_new0 (SwPreparedPhoto *, MAX (n, 1));
  batch.errors = g_new0 (GError *, MAX (n, 1));

  pool = g_thread_pool_new (prepare_one, &batch, (int) n_threads, TRUE, NULL);
  for (guint i = 0; i < n; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);

  /* Progress from this thread, so the caller need not lock anything; a
   * cancel is seen within a tenth of a second. */
  g_mutex_lock (&batch.lock);
  while (batch.n_done < n && !g_cancellable_is_cancelled (cancellable))
    {
      if (reported != batch.n_done && progress != NULL)
        {
          reported = batch.n_done;
          g_mutex_unlock (&batch.lock);
          progress (reported, n, user_data);
          g_mutex_lock (&batch.lock);
          continue;
        }
      g_cond_wait_until (&batch.done_changed, &batch.lock,
                         g_get_monotonic_time () + G_TIME_SPAN_SECOND / 10);
    }
  g_mutex_unlock (&batch.lock);

  /* Photos not yet started are dropped; those being decoded finish. */
  cancelled = g_cancellable_is_cancelled (cancellable);
  g_thread_pool_free (pool, cancelled, TRUE);
  if (!cancelled && progress != NULL && reported != n)
    progress (n, n, user_data);

  prepared = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      if (batch.prepared[i] != NULL)
        g_ptr_array_add (prepared, batch.prepared[i]);
      else if (batch.errors[i] != NULL && failures != NULL && !cancelled)
        g_ptr_array_add (failures, g_steal_pointer (&batch.errors[i]));
      g_clear_error (&batch.errors[i]);
    }
  g_free (batch.prepared);
  g_free (batch.errors);
  g_mutex_clear (&batch.lock);
  g_cond_clear (&batch.done_changed);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&prepared);
}

static int
compare_track_times (gconstpointer a,
                     gconstpointer b)
{
  gint64 ta, tb;

  g_variant_get (*(GVariant **) a, "(ddx)", NULL, NULL, &ta);
  g_variant_get (*(GVariant **) b, "(ddx)", NULL, NULL, &tb);
  return ta < tb ? -1 : ta > tb;
}

GVariant *
sw_project_dup_walk_track_points (SwProject  *self,
                                  const char *walk_uuid)
{
  GListModel *tracks;
  g_autoptr (GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  GVariant *only = NULL;
  guint n_tracks = 0;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);

  if (walk_uuid == NULL)
    return NULL;

  tracks = sw_project_get_tracks (self);
  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr (SwTrack) track = g_list_model_get_item (tracks, i);
      GVariant *track_points = sw_track_get_points (track);

      if (g_strcmp0 (sw_track_get_walk_uuid (track), walk_uuid) != 0 || track_points == NULL ||
          !g_variant_is_of_type (track_points, G_VARIANT_TYPE ("a(ddx)")))
        continue;
      n_tracks++;
      only = track_points;
      for (gsize j = 0; j < g_variant_n_children (track_points); j++)
        g_ptr_array_add (points, g_variant_get_child_value (track_points, j));
    }

  if (n_tracks == 0)
    return NULL;
  if (n_tracks == 1)
    return g_variant_ref (only);

  /* A walk recorded in pieces (a phone restarted): one track in time order. */
  g_ptr_array_sort (points, compare_track_times);
  return g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("(ddx)"),
                                                  (GVariant **) points->pdata, points->len));
}

gboolean
sw_photo_is_unplaced (SwPhoto *photo)
{
  g_return_val_if_fail (SW_IS_PHOTO (photo), FALSE);

  return sw_photo_get_finding_uuid (photo) == NULL;
}

SwFinding *
sw_project_place_photo (SwProject  *self,
                        SwPhoto    *photo,
                        SwFinding  *finding,
                        GError    **error)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (SwFinding) new_finding = NULL;
  g_autoptr (SwPhoto) placed = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  SwFeature *listed;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (SW_IS_PHOTO (photo), NULL);
  g_return_val_if_fail (SW_IS_FINDING (finding), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  listed = sw_project_lookup (self, SW_KIND_PHOTO, sw_feature_get_uuid (SW_FEATURE (photo)));
  if (listed == NULL)
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                   _("The photo to place is no longer in the project."));
      return NULL;
    }
  if (!sw_photo_is_unplaced (SW_PHOTO (listed)))
    {
      g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED,
                   _("The photo is already on a finding."));
      return NULL;
    }

  new_finding = SW_FINDING (sw_feature_copy (SW_FEATURE (finding)));
  sw_feature_set_uuid (SW_FEATURE (new_finding), uuid);
  sw_feature_set_created (SW_FEATURE (new_finding), now);
  sw_feature_set_modified (SW_FEATURE (new_finding), now);

  placed = SW_PHOTO (sw_feature_copy (listed));
  sw_photo_set_finding_uuid (placed, uuid);
  sw_photo_set_position (placed, 0);
  sw_feature_set_modified (SW_FEATURE (placed), now);

  /* The finding first: the photo's link to it needs its row. */
  g_ptr_array_add (pairs, NULL);
  g_ptr_array_add (pairs, new_finding);
  g_ptr_array_add (pairs, listed);
  g_ptr_array_add (pairs, placed);
  if (!_sw_project_apply_states (self, _("Place Photo"), pairs, TRUE, error))
    return NULL;

  return SW_FINDING (sw_project_lookup (self, SW_KIND_FINDING, uuid));
}
