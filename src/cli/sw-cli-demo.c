/* safetywalk-cli demo: builds the demo project from the key files in
 * data/demo, so the demo always matches the schema of this build. */
#define G_LOG_DOMAIN "sw-cli-demo"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sw-cli-private.h"
#include "sw-demo-scene.h"
#include "sw-follow-up.h"
#include "sw-place-grouping.h"
#include "sw-project.h"
#include "sw-vocabulary.h"

/* The default long edge of stored photos (DESIGN.md). */
#define DEMO_PHOTO_MAX_EDGE 2048

/* The files of a demo source folder, read in this order. */
static const char *const source_names[] = {
  "walk.ini",
  "routes.ini",
  "findings.ini",
  "measures.ini",
};

typedef struct
{
  /* As messages show it. */
  char *path;
  GKeyFile *keys;
} DemoFile;

typedef struct _DemoBuild DemoBuild;

typedef gboolean (*GroupFunc) (DemoBuild *build, DemoFile *file, const char *group, const char *id,
                               GError **error);

typedef struct
{
  /* The word before the ID in the group name: [Route centrum]. */
  const char *kind;
  gboolean has_id;
  /* The keys the group may have; a trailing '*' allows any suffix. */
  const char *keys;
  GroupFunc add;
} GroupKind;

/* One photo to draw, started before the project is written so that drawing
 * runs in other threads while the features are stored. */
typedef struct
{
  char *finding_id;
  char *scene;
  char *caption;
  char *stamp;
  GDateTime *taken_at;
  double latitude;
  double longitude;
  guint32 seed;
  GBytes *png;
  GError *error;
} PhotoJob;

struct _DemoBuild
{
  GPtrArray *files;
  SwProject *project;
  char *walk_uuid;
  char *walk_date;
  /* The walk that repeats it, if the source has one. */
  char *follow_up_uuid;
  GTimeZone *time_zone;
  /* ID in the source -> uuid in the project. */
  GHashTable *route_uuids;
  GHashTable *place_uuids;
  /* Place uuid -> the finding IDs the follow-up meeting put in it by hand. */
  GHashTable *place_findings;
  /* ID in the source -> the listed SwFinding. */
  GHashTable *findings;
  GPtrArray *photo_jobs;
};

static void
demo_file_free (DemoFile *file)
{
  g_free (file->path);
  g_clear_pointer (&file->keys, g_key_file_unref);
  g_free (file);
}

static void
photo_job_free (PhotoJob *job)
{
  g_free (job->finding_id);
  g_free (job->scene);
  g_free (job->caption);
  g_free (job->stamp);
  g_clear_pointer (&job->taken_at, g_date_time_unref);
  g_clear_pointer (&job->png, g_bytes_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
demo_build_clear (DemoBuild *build)
{
  g_clear_pointer (&build->files, g_ptr_array_unref);
  if (build->project != NULL)
    sw_project_close (build->project);
  g_clear_object (&build->project);
  g_clear_pointer (&build->walk_uuid, g_free);
  g_clear_pointer (&build->walk_date, g_free);
  g_clear_pointer (&build->follow_up_uuid, g_free);
  g_clear_pointer (&build->time_zone, g_time_zone_unref);
  g_clear_pointer (&build->route_uuids, g_hash_table_unref);
  g_clear_pointer (&build->place_uuids, g_hash_table_unref);
  g_clear_pointer (&build->place_findings, g_hash_table_unref);
  g_clear_pointer (&build->findings, g_hash_table_unref);
  g_clear_pointer (&build->photo_jobs, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DemoBuild, demo_build_clear)

/* ---------------------------------------------------------------------- */
/* Reading values, with messages that name the file, the group and the key */

static gboolean set_group_error (GError **error, DemoFile *file, const char *group,
                                 const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
set_group_error (GError **error, DemoFile *file, const char *group, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, "%s: [%s] %s", file->path,
               group, detail);
  return FALSE;
}

/* An optional key that is absent or empty gives NULL. */
static gboolean
read_string (DemoFile *file, const char *group, const char *key, gboolean required, char **value,
             GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = NULL;

  *value = NULL;
  if (g_key_file_has_key (file->keys, group, key, NULL))
    {
      text = g_key_file_get_string (file->keys, group, key, &local_error);
      if (text == NULL)
        return set_group_error (error, file, group, "%s", local_error->message);
      g_strstrip (text);
    }

  if (text == NULL || *text == '\0')
    {
      if (required)
        return set_group_error (error, file, group, _ ("%s is missing or empty"), key);
      return TRUE;
    }

  *value = g_steal_pointer (&text);
  return TRUE;
}

static gboolean
read_double (DemoFile *file, const char *group, const char *key, gboolean required, double minimum,
             double maximum, double *value, gboolean *found, GError **error)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  double number;

  if (found != NULL)
    *found = FALSE;
  if (!read_string (file, group, key, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  number = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (number))
    return set_group_error (error, file, group, _ ("%s=%s is not a number"), key, text);
  if (number < minimum || number > maximum)
    return set_group_error (error, file, group, _ ("%s=%s is not between %g and %g"), key, text,
                            minimum, maximum);

  *value = number;
  if (found != NULL)
    *found = TRUE;
  return TRUE;
}

static gboolean
read_int (DemoFile *file, const char *group, const char *key, int minimum, int maximum, int *value,
          GError **error)
{
  g_autofree char *text = NULL;
  gint64 number;

  if (!read_string (file, group, key, TRUE, &text, error))
    return FALSE;
  if (!g_ascii_string_to_signed (text, 10, minimum, maximum, &number, NULL))
    return set_group_error (error, file, group, _ ("%s=%s is not a whole number from %d to %d"),
                            key, text, minimum, maximum);
  *value = (int)number;
  return TRUE;
}

static char *
join_vocabulary_keys (SwVocabulary vocabulary)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) keys = NULL;
  const SwTerm *terms;
  guint n_terms;

  terms = sw_vocabulary_get_terms (vocabulary, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    g_strv_builder_add (builder, terms[i].key);
  keys = g_strv_builder_end (builder);
  return g_strjoinv (", ", keys);
}

static gboolean
check_term (DemoFile *file, const char *group, const char *key, SwVocabulary vocabulary,
            const char *value, GError **error)
{
  g_autofree char *allowed = NULL;

  if (sw_vocabulary_has_key (vocabulary, value))
    return TRUE;
  allowed = join_vocabulary_keys (vocabulary);
  return set_group_error (error, file, group, _ ("%s=%s is not one of: %s"), key, value, allowed);
}

/* A key from one of the word lists of DOMAIN.md. */
static gboolean
read_term (DemoFile *file, const char *group, const char *key, SwVocabulary vocabulary,
           gboolean required, char **value, GError **error)
{
  if (!read_string (file, group, key, required, value, error))
    return FALSE;
  if (*value != NULL && !check_term (file, group, key, vocabulary, *value, error))
    {
      g_clear_pointer (value, g_free);
      return FALSE;
    }
  return TRUE;
}

/* A comma-separated list of keys from one word list, stored as such with
 * @first (if given) at its head and no key twice. */
static gboolean
read_term_list (DemoFile *file, const char *group, const char *key, SwVocabulary vocabulary,
                const char *first, char **value, GError **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) items = NULL;
  g_autoptr (GPtrArray) terms = g_ptr_array_new ();

  *value = NULL;
  if (!read_string (file, group, key, FALSE, &text, error))
    return FALSE;

  if (first != NULL)
    g_ptr_array_add (terms, (gpointer)first);

  items = g_strsplit (text != NULL ? text : "", ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *term = g_strstrip (items[i]);
      gboolean seen = FALSE;

      if (*term == '\0')
        continue;
      if (!check_term (file, group, key, vocabulary, term, error))
        return FALSE;
      for (guint j = 0; j < terms->len && !seen; j++)
        seen = g_str_equal (terms->pdata[j], term);
      if (!seen)
        g_ptr_array_add (terms, (gpointer)term);
    }

  if (terms->len > 0)
    {
      g_ptr_array_add (terms, NULL);
      *value = g_strjoinv (",", (char **)terms->pdata);
    }
  return TRUE;
}

static gboolean
read_date (DemoFile *file, const char *group, const char *key, gboolean required, char **value,
           GError **error)
{
  int year, month, day;
  int consumed = 0;

  if (!read_string (file, group, key, required, value, error))
    return FALSE;
  if (*value == NULL)
    return TRUE;

  if (sscanf (*value, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 || consumed != 10
      || (*value)[consumed] != '\0' || !g_date_valid_dmy (day, month, year))
    {
      set_group_error (error, file, group, _ ("%s=%s is not a date like 2026-10-15"), key, *value);
      g_clear_pointer (value, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_time (DemoFile *file, const char *group, const char *key, char **value, GError **error)
{
  int hour, minute;
  int consumed = 0;

  if (!read_string (file, group, key, FALSE, value, error))
    return FALSE;
  if (*value == NULL)
    return TRUE;

  if (sscanf (*value, "%2d:%2d%n", &hour, &minute, &consumed) != 2 || consumed != 5
      || (*value)[consumed] != '\0' || hour > 23 || minute > 59 || hour < 0 || minute < 0)
    {
      set_group_error (error, file, group, _ ("%s=%s is not a time like 19:30"), key, *value);
      g_clear_pointer (value, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_position (DemoFile *file, const char *group, double *longitude, double *latitude,
               GError **error)
{
  return read_double (file, group, "Longitude", TRUE, -180.0, 180.0, longitude, NULL, error)
         && read_double (file, group, "Latitude", TRUE, -90.0, 90.0, latitude, NULL, error);
}

static gboolean
is_colour (const char *text)
{
  if (text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static const char *
lookup_id (GHashTable *ids, DemoFile *file, const char *group, const char *key, const char *id,
           GError **error)
{
  const char *uuid = g_hash_table_lookup (ids, id);

  if (uuid == NULL)
    set_group_error (error, file, group, _ ("%s=%s names nothing defined before it"), key, id);
  return uuid;
}

/* Stores @feature and gives back the listed object, whose uuid links the
 * features that follow. */
static SwFeature *
add_feature (DemoBuild *build, DemoFile *file, const char *group, SwFeature *feature,
             GError **error)
{
  SwFeature *listed = sw_project_add (build->project, feature, error);

  if (listed == NULL)
    g_prefix_error (error, "%s: [%s] ", file->path, group);
  return listed;
}

/* ---------------------------------------------------------------------- */
/* The groups                                                             */

static gboolean
add_walk (DemoBuild *build, DemoFile *file, const char *group, const char *id, GError **error)
{
  g_autoptr (SwWalk) walk = sw_walk_new ();
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *start_time = NULL;
  g_autofree char *light = NULL;
  g_autofree char *meeting_point = NULL;
  g_autofree char *area = NULL;
  g_autofree char *notes = NULL;
  SwFeature *listed;

  if (!read_string (file, group, "Title", TRUE, &title, error)
      || !read_date (file, group, "Date", TRUE, &date, error)
      || !read_time (file, group, "StartTime", &start_time, error)
      || !read_term (file, group, "Light", SW_VOCABULARY_LIGHT, TRUE, &light, error)
      || !read_string (file, group, "MeetingPoint", FALSE, &meeting_point, error)
      || !read_string (file, group, "Area", FALSE, &area, error)
      || !read_string (file, group, "Notes", FALSE, &notes, error))
    return FALSE;

  sw_walk_set_title (walk, title);
  sw_walk_set_date (walk, date);
  sw_walk_set_start_time (walk, start_time);
  sw_walk_set_light (walk, light);
  sw_walk_set_meeting_point (walk, meeting_point);
  sw_walk_set_area (walk, area);
  sw_walk_set_notes (walk, notes);

  if (!(listed = add_feature (build, file, group, SW_FEATURE (walk), error)))
    return FALSE;
  build->walk_uuid = g_strdup (sw_feature_get_uuid (listed));
  build->walk_date = g_steal_pointer (&date);
  return TRUE;
}

/* The same walk repeated months later, on copies of its routes and stops,
 * as Repeat Walk makes it. */
static gboolean
add_follow_up (DemoBuild *build, DemoFile *file, const char *group, const char *id, GError **error)
{
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  SwFeature *walk = sw_project_lookup (build->project, SW_KIND_WALK, build->walk_uuid);
  SwWalk *repeat;

  if (!read_string (file, group, "Title", TRUE, &title, error)
      || !read_date (file, group, "Date", TRUE, &date, error))
    return FALSE;
  if (walk == NULL)
    return set_group_error (error, file, group, _ ("a follow-up needs the [Walk] it repeats"));

  repeat = sw_project_repeat_walk (build->project, SW_WALK (walk), date, title, error);
  if (repeat == NULL)
    {
      g_prefix_error (error, "%s: [%s] ", file->path, group);
      return FALSE;
    }
  build->follow_up_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (repeat)));
  return TRUE;
}

static gboolean
add_route (DemoBuild *build, DemoFile *file, const char *group, const char *id, GError **error)
{
  g_autoptr (SwRoute) route = sw_route_new ();
  g_autoptr (GVariant) points = NULL;
  g_autofree char *name = NULL;
  g_autofree char *color = NULL;
  g_auto (GStrv) keys = NULL;
  GVariantBuilder builder;
  guint n_points = 0;
  SwFeature *listed;

  if (!read_string (file, group, "Name", TRUE, &name, error)
      || !read_string (file, group, "Color", TRUE, &color, error))
    return FALSE;
  if (!is_colour (color))
    return set_group_error (error, file, group, _ ("Color=%s is not a colour like #e66100"), color);

  /* The Point keys in the order they are written. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  keys = g_key_file_get_keys (file->keys, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree double *pair = NULL;
      gsize length = 0;

      if (!g_str_has_prefix (keys[i], "Point"))
        continue;
      pair = g_key_file_get_double_list (file->keys, group, keys[i], &length, NULL);
      if (pair == NULL || length != 2 || pair[0] < -180.0 || pair[0] > 180.0 || pair[1] < -90.0
          || pair[1] > 90.0)
        {
          g_variant_builder_clear (&builder);
          return set_group_error (
            error, file, group,
            _ ("%s is not a position like 16.2064,58.9955 (longitude,latitude)"), keys[i]);
        }
      g_variant_builder_add (&builder, "(dd)", pair[0], pair[1]);
      n_points++;
    }
  points = g_variant_ref_sink (g_variant_builder_end (&builder));
  if (n_points < 2)
    return set_group_error (error, file, group, _ ("a route needs at least two Point keys"));

  sw_route_set_walk_uuid (route, build->walk_uuid);
  sw_route_set_name (route, name);
  sw_route_set_color (route, color);
  sw_route_set_points (route, points);

  if (!(listed = add_feature (build, file, group, SW_FEATURE (route), error)))
    return FALSE;
  g_hash_table_insert (build->route_uuids, g_strdup (id), g_strdup (sw_feature_get_uuid (listed)));
  return TRUE;
}

static gboolean
add_stop (DemoBuild *build, DemoFile *file, const char *group, const char *id, GError **error)
{
  g_autoptr (SwStop) stop = sw_stop_new ();
  g_autofree char *route_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *note = NULL;
  const char *route_uuid;
  double longitude, latitude;
  int number;

  if (!read_string (file, group, "Route", TRUE, &route_id, error)
      || !(route_uuid = lookup_id (build->route_uuids, file, group, "Route", route_id, error))
      || !read_int (file, group, "Number", 1, 999, &number, error)
      || !read_string (file, group, "Name", TRUE, &name, error)
      || !read_string (file, group, "Note", FALSE, &note, error)
      || !read_position (file, group, &longitude, &latitude, error))
    return FALSE;

  sw_stop_set_walk_uuid (stop, build->walk_uuid);
  sw_stop_set_route_uuid (stop, route_uuid);
  sw_stop_set_number (stop, number);
  sw_stop_set_name (stop, name);
  sw_stop_set_note (stop, note);
  sw_stop_set_longitude (stop, longitude);
  sw_stop_set_latitude (stop, latitude);

  return add_feature (build, file, group, SW_FEATURE (stop), error) != NULL;
}

static gboolean
add_place (DemoBuild *build, DemoFile *file, const char *group, const char *id, GError **error)
{
  g_autoptr (SwPlace) place = sw_place_new ();
  g_autofree char *name = NULL;
  g_autofree char *findings = NULL;
  double longitude, latitude;
  SwFeature *listed;

  if (!read_string (file, group, "Name", TRUE, &name, error)
      || !read_position (file, group, &longitude, &latitude, error)
      || !read_string (file, group, "Findings", FALSE, &findings, error))
    return FALSE;

  /* Named by people at the follow-up meeting: grouping keeps the name. */
  sw_place_set_name (place, name);
  sw_place_set_user_named (place, TRUE);
  sw_place_set_longitude (place, longitude);
  sw_place_set_latitude (place, latitude);

  if (!(listed = add_feature (build, file, group, SW_FEATURE (place), error)))
    return FALSE;
  g_hash_table_insert (build->place_uuids, g_strdup (id), g_strdup (sw_feature_get_uuid (listed)));
  if (findings != NULL)
    {
      if (build->place_findings == NULL)
        build->place_findings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (build->place_findings, g_strdup (sw_feature_get_uuid (listed)),
                           g_strdup_printf ("%s\t%s", group, findings));
    }
  return TRUE;
}

static gboolean
add_finding (DemoBuild *build, DemoFile *file, const char *group, const char *id, GError **error)
{
  g_autoptr (SwFinding) finding = sw_finding_new ();
  g_autofree char *category = NULL;
  g_autofree char *categories = NULL;
  g_autofree char *light = NULL;
  g_autofree char *unsafe_for = NULL;
  g_autofree char *note = NULL;
  g_autofree char *walk = NULL;
  double longitude, latitude;
  gboolean positive;
  int severity;
  SwFeature *listed;

  if (!read_term (file, group, "Category", SW_VOCABULARY_CATEGORY, TRUE, &category, error))
    return FALSE;
  positive = g_str_equal (category, "positive");

  /* The stored list holds every category, the main one first. */
  if (!read_term_list (file, group, "MoreCategories", SW_VOCABULARY_CATEGORY, category, &categories,
                       error)
      || !read_int (file, group, "Severity", positive ? 0 : 1, positive ? 0 : 3, &severity, error)
      || !read_term (file, group, "Light", SW_VOCABULARY_LIGHT, TRUE, &light, error)
      || !read_term_list (file, group, "UnsafeFor", SW_VOCABULARY_UNSAFE_FOR, NULL, &unsafe_for,
                          error)
      || !read_string (file, group, "Note", TRUE, &note, error)
      || !read_position (file, group, &longitude, &latitude, error)
      || !read_string (file, group, "Walk", FALSE, &walk, error))
    return FALSE;
  if (walk != NULL && (!g_str_equal (walk, "follow-up") || build->follow_up_uuid == NULL))
    return set_group_error (error, file, group,
                            _ ("Walk=%s: only “follow-up”, the walk of [FollowUp], may be named"), walk);

  sw_finding_set_walk_uuid (finding, walk != NULL ? build->follow_up_uuid : build->walk_uuid);
  sw_finding_set_category (finding, category);
  sw_finding_set_categories (finding, categories);
  sw_finding_set_severity (finding, severity);
  sw_finding_set_light (finding, light);
  sw_finding_set_unsafe_for (finding, unsafe_for);
  sw_finding_set_note (finding, note);
  sw_finding_set_longitude (finding, longitude);
  sw_finding_set_latitude (finding, latitude);

  if (!(listed = add_feature (build, file, group, SW_FEATURE (finding), error)))
    return FALSE;
  g_hash_table_insert (build->findings, g_strdup (id), g_object_ref (listed));
  return TRUE;
}

static gboolean
add_measure (DemoBuild *build, DemoFile *file, const char *group, const char *id, GError **error)
{
  g_autoptr (SwMeasure) measure = sw_measure_new ();
  g_autofree char *finding_id = NULL;
  g_autofree char *place_id = NULL;
  g_autofree char *type = NULL;
  g_autofree char *description = NULL;
  g_autofree char *responsible = NULL;
  g_autofree char *responsible_unit = NULL;
  g_autofree char *due_date = NULL;
  g_autofree char *status = NULL;
  g_autofree char *status_reason = NULL;
  g_autofree char *effect = NULL;
  g_autofree char *history = NULL;
  g_auto (GStrv) changes = NULL;
  double cost = 0.0;
  SwFeature *listed;

  if (!read_string (file, group, "Finding", FALSE, &finding_id, error)
      || !read_string (file, group, "Place", FALSE, &place_id, error))
    return FALSE;
  if ((finding_id == NULL) == (place_id == NULL))
    return set_group_error (error, file, group, _ ("a measure needs either Finding or Place"));

  if (finding_id != NULL)
    {
      SwFeature *finding = g_hash_table_lookup (build->findings, finding_id);

      if (finding == NULL)
        return set_group_error (error, file, group, _ ("%s=%s names nothing defined before it"),
                                "Finding", finding_id);
      sw_measure_set_finding_uuid (measure, sw_feature_get_uuid (finding));
    }
  else
    {
      const char *place_uuid;

      if (!(place_uuid = lookup_id (build->place_uuids, file, group, "Place", place_id, error)))
        return FALSE;
      sw_measure_set_place_uuid (measure, place_uuid);
    }

  if (!read_term (file, group, "Type", SW_VOCABULARY_MEASURE_TYPE, TRUE, &type, error)
      || !read_string (file, group, "Description", TRUE, &description, error)
      || !read_term (file, group, "Responsible", SW_VOCABULARY_RESPONSIBLE, TRUE, &responsible,
                     error)
      || !read_string (file, group, "ResponsibleUnit", FALSE, &responsible_unit, error)
      || !read_date (file, group, "DueDate", FALSE, &due_date, error)
      || !read_double (file, group, "Cost", FALSE, 0.0, G_MAXDOUBLE, &cost, NULL, error)
      || !read_term (file, group, "Status", SW_VOCABULARY_MEASURE_STATUS, TRUE, &status, error)
      || !read_string (file, group, "StatusReason", FALSE, &status_reason, error)
      || !read_term (file, group, "Effect", SW_VOCABULARY_EFFECT, FALSE, &effect, error)
      || !read_string (file, group, "History", FALSE, &history, error))
    return FALSE;

  sw_measure_set_measure_type (measure, type);
  sw_measure_set_description (measure, description);
  sw_measure_set_responsible (measure, responsible);
  sw_measure_set_responsible_unit (measure, responsible_unit);
  sw_measure_set_due_date (measure, due_date);
  sw_measure_set_cost (measure, cost);
  /* With a history, the measure gets its statuses one by one on their
   * days, the last one being Status. */
  if (history == NULL)
    {
      sw_measure_set_status (measure, status);
      sw_measure_set_status_reason (measure, status_reason);
      sw_measure_set_effect (measure, effect);
    }

  if (!(listed = add_feature (build, file, group, SW_FEATURE (measure), error)))
    return FALSE;
  if (history == NULL)
    return TRUE;

  changes = g_strsplit (history, ",", -1);
  for (guint i = 0; changes[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (g_strstrip (changes[i]), " ", 2);
      const char *note = NULL;

      if (g_strv_length (parts) != 2 || !sw_vocabulary_has_key (SW_VOCABULARY_MEASURE_STATUS, parts[0]))
        return set_group_error (error, file, group,
                                _ ("History=%s is not a list like “proposed 2026-11-05, decided 2026-11-19”"),
                                history);
      if (changes[i + 1] == NULL && !g_str_equal (parts[0], status))
        return set_group_error (error, file, group, _ ("History ends with %s, not with Status=%s"),
                                parts[0], status);
      if (g_str_equal (parts[0], "rejected"))
        note = status_reason;
      else if (g_str_equal (parts[0], "followed-up"))
        note = effect;
      if (!sw_project_set_measure_status (build->project, SW_MEASURE (listed), parts[0], parts[1], note,
                                          error))
        {
          g_prefix_error (error, "%s: [%s] ", file->path, group);
          return FALSE;
        }
    }
  return TRUE;
}

/* After the findings are grouped into places: those the follow-up meeting
 * put into a place by hand go there. */
static gboolean
place_findings_by_hand (DemoBuild *build, GError **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (build->place_findings == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, build->place_findings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SwFeature *place = sw_project_lookup (build->project, SW_KIND_PLACE, key);
      g_auto (GStrv) fields = g_strsplit (value, "\t", 2);
      g_auto (GStrv) ids = g_strsplit (fields[1], ",", -1);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          SwFeature *finding = g_hash_table_lookup (build->findings, g_strstrip (ids[i]));

          if (finding == NULL)
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           _ ("[%s] Findings=%s names no finding"), fields[0], ids[i]);
              return FALSE;
            }
          if (!sw_project_move_finding (build->project, SW_FINDING (finding), SW_PLACE (place), error))
            return FALSE;
        }
    }
  return TRUE;
}

/* In the order they are stored: each refers only to those above it. */
static const GroupKind group_kinds[] = {
  { "Project", FALSE, "Title Municipality", NULL },
  { "Walk", FALSE, "Title Date StartTime Light MeetingPoint Area Notes", add_walk },
  { "Route", TRUE, "Name Color Point*", add_route },
  { "Stop", TRUE, "Route Number Name Note Longitude Latitude", add_stop },
  { "FollowUp", FALSE, "Title Date", add_follow_up },
  { "Place", TRUE, "Name Longitude Latitude Findings", add_place },
  { "Finding", TRUE,
    "Category MoreCategories Severity Light UnsafeFor Note Longitude Latitude Time Photo Caption "
    "Walk",
    add_finding },
  { "Measure", TRUE,
    "Finding Place Type Description Responsible ResponsibleUnit DueDate Cost Status "
    "StatusReason Effect History",
    add_measure },
};

/* Splits "[Route centrum]" into its kind and ID. */
static const GroupKind *
parse_group (const char *group, const char **id)
{
  for (guint i = 0; i < G_N_ELEMENTS (group_kinds); i++)
    {
      const GroupKind *kind = &group_kinds[i];
      gsize length = strlen (kind->kind);

      if (strncmp (group, kind->kind, length) != 0)
        continue;
      if (!kind->has_id && group[length] == '\0')
        {
          *id = NULL;
          return kind;
        }
      if (kind->has_id && group[length] == ' ' && group[length + 1] != '\0')
        {
          *id = group + length + 1;
          return kind;
        }
    }
  return NULL;
}

static gboolean
key_is_allowed (const GroupKind *kind, const char *key)
{
  g_auto (GStrv) allowed = g_strsplit (kind->keys, " ", -1);

  for (guint i = 0; allowed[i] != NULL; i++)
    {
      gsize length = strlen (allowed[i]);

      if (length > 0 && allowed[i][length - 1] == '*' ? strncmp (key, allowed[i], length - 1) == 0
                                                      : g_str_equal (key, allowed[i]))
        return TRUE;
    }
  return FALSE;
}

/* Checks the shape of every group before anything is written: a typo in a
 * key name is an error, not a silently missing value. */
static gboolean
check_groups (DemoBuild *build, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint f = 0; f < build->files->len; f++)
    {
      DemoFile *file = build->files->pdata[f];
      g_auto (GStrv) groups = g_key_file_get_groups (file->keys, NULL);

      for (guint g = 0; groups[g] != NULL; g++)
        {
          g_auto (GStrv) keys = g_key_file_get_keys (file->keys, groups[g], NULL, NULL);
          const GroupKind *kind;
          const char *id;

          if (!(kind = parse_group (groups[g], &id)))
            return set_group_error (error, file, groups[g],
                                    _ ("is not a group this command knows; use [Project], "
                                       "[Walk], [Route ID], [Stop ID], [Place ID], "
                                       "[Finding ID] or [Measure ID]"));

          if (g_hash_table_contains (seen, groups[g]))
            return set_group_error (error, file, groups[g], _ ("is defined twice, also in %s"),
                                    (const char *)g_hash_table_lookup (seen, groups[g]));
          g_hash_table_insert (seen, g_strdup (groups[g]), g_strdup (file->path));

          for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
            if (!key_is_allowed (kind, keys[k]))
              return set_group_error (error, file, groups[g],
                                      _ ("has an unknown key “%s”; it may have: %s"), keys[k],
                                      kind->keys);
        }
    }

  if (!g_hash_table_contains (seen, "Project") || !g_hash_table_contains (seen, "Walk"))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                   _ ("%s: the demo needs a [Project] and a [Walk] group"),
                   ((DemoFile *)build->files->pdata[0])->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_files (DemoBuild *build, GFile *source_dir, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (source_names); i++)
    {
      g_autoptr (GFile) child = g_file_get_child (source_dir, source_names[i]);
      g_autofree char *path = g_file_get_path (child);
      g_autoptr (GError) local_error = NULL;
      DemoFile *file = g_new0 (DemoFile, 1);

      file->path = g_file_get_parse_name (child);
      file->keys = g_key_file_new ();
      g_ptr_array_add (build->files, file);

      g_key_file_set_list_separator (file->keys, ',');
      if (path == NULL
          || !g_key_file_load_from_file (file->keys, path, G_KEY_FILE_NONE, &local_error))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
                       _ ("Cannot read the demo source “%s”: %s."), file->path,
                       local_error != NULL ? local_error->message : _ ("not a local file"));
          return FALSE;
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Photos                                                                 */

/* Reads what the photos need from the findings, before the project exists,
 * so they can be drawn while the rest is being written. */
static gboolean
plan_photos (DemoBuild *build, GError **error)
{
  g_autofree char *walk_date = NULL;
  DemoFile *walk_file = NULL;

  for (guint f = 0; f < build->files->len && walk_file == NULL; f++)
    if (g_key_file_has_group (((DemoFile *)build->files->pdata[f])->keys, "Walk"))
      walk_file = build->files->pdata[f];
  if (!read_date (walk_file, "Walk", "Date", TRUE, &walk_date, error))
    return FALSE;

  for (guint f = 0; f < build->files->len; f++)
    {
      DemoFile *file = build->files->pdata[f];
      g_auto (GStrv) groups = g_key_file_get_groups (file->keys, NULL);

      for (guint g = 0; groups[g] != NULL; g++)
        {
          g_autofree char *scene = NULL;
          g_autofree char *caption = NULL;
          g_autofree char *time = NULL;
          g_autofree char *iso = NULL;
          double longitude, latitude;
          const char *id = NULL;
          const GroupKind *kind = parse_group (groups[g], &id);
          PhotoJob *job;

          if (kind == NULL || kind->add != add_finding)
            continue;
          if (!read_string (file, groups[g], "Photo", FALSE, &scene, error)
              || !read_string (file, groups[g], "Caption", FALSE, &caption, error)
              || !read_time (file, groups[g], "Time", &time, error)
              || !read_position (file, groups[g], &longitude, &latitude, error))
            return FALSE;
          if (scene == NULL)
            continue;
          if (!sw_demo_scene_is_known (scene))
            {
              g_auto (GStrv) names = sw_demo_scene_dup_names ();
              g_autofree char *allowed = g_strjoinv (", ", names);

              return set_group_error (error, file, groups[g], _ ("Photo=%s is not one of: %s"),
                                      scene, allowed);
            }

          job = g_new0 (PhotoJob, 1);
          job->finding_id = g_strdup (id);
          job->scene = g_steal_pointer (&scene);
          job->caption = g_steal_pointer (&caption);
          job->seed = g_str_hash (id);
          job->longitude = longitude;
          job->latitude = latitude;
          if (time != NULL)
            {
              iso = g_strdup_printf ("%sT%s:00", walk_date, time);
              job->taken_at = g_date_time_new_from_iso8601 (iso, build->time_zone);
              job->stamp = g_strdup_printf ("%s %s", walk_date, time);
            }
          g_ptr_array_add (build->photo_jobs, job);
        }
    }
  return TRUE;
}

static void
draw_photo (gpointer data, gpointer user_data)
{
  PhotoJob *job = data;

  job->png = sw_demo_scene_render_png (job->scene, job->caption, job->stamp, job->seed,
                                       SW_DEMO_SCENE_WIDTH, SW_DEMO_SCENE_HEIGHT, &job->error);
}

static gboolean
add_photos (DemoBuild *build, GError **error)
{
  for (guint i = 0; i < build->photo_jobs->len; i++)
    {
      PhotoJob *job = build->photo_jobs->pdata[i];
      SwFinding *finding = g_hash_table_lookup (build->findings, job->finding_id);
      SwPhoto *photo;

      if (job->png == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&job->error), "[Finding %s] ",
                                      job->finding_id);
          return FALSE;
        }
      g_assert (finding != NULL);

      photo = sw_project_add_photo (build->project, finding, job->png, DEMO_PHOTO_MAX_EDGE, error);
      if (photo == NULL)
        {
          g_prefix_error (error, "[Finding %s] ", job->finding_id);
          return FALSE;
        }

      /* Where and when it was taken, as a phone would record it. */
      if (job->taken_at != NULL
          && !sw_project_edit (build->project, SW_FEATURE (photo), error, "taken-at", job->taken_at,
                               "taken-lat", job->latitude, "taken-lon", job->longitude, NULL))
        {
          g_prefix_error (error, "[Finding %s] ", job->finding_id);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Writing the file                                                       */

static void
remove_temporary (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* The demo is installed read-only. In WAL mode SQLite needs to write beside
 * the file even to read it, so the finished file goes back to a rollback
 * journal, which also folds any write-ahead log into the file itself. The
 * app switches it to WAL again when it opens a writable copy. */
static gboolean
use_rollback_journal (const char *path, const char *name, GError **error)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int status;

  status = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (status == SQLITE_OK)
    status = sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, &message);
  if (status != SQLITE_OK)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Cannot finish “%s”: %s."), name,
                 message != NULL ? message : sqlite3_errstr (status));
  sqlite3_free (message);
  sqlite3_close (db);
  return status == SQLITE_OK;
}

static gboolean
check_valid (const char *path, const char *name, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *joined = NULL;

  if (sw_project_validate_file (file, &problems, error))
    return TRUE;
  if (problems == NULL)
    return FALSE;

  g_ptr_array_add (problems, NULL);
  joined = g_strjoinv ("\n  ", (char **)problems->pdata);
  g_set_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
               _ ("The demo project “%s” is not valid:\n  %s"), name, joined);
  return FALSE;
}

static void
thread_pool_free_wait (GThreadPool *pool)
{
  g_thread_pool_free (pool, FALSE, TRUE);
}

static gboolean
build_demo (DemoBuild *build, GFile *source_dir, const char *tmp_path, GError **error)
{
  g_autoptr (GFile) tmp_file = g_file_new_for_path (tmp_path);
  GThreadPool *pool = NULL;
  g_autofree char *title = NULL;
  g_autofree char *municipality = NULL;
  DemoFile *project_file = NULL;
  gboolean ok = TRUE;

  if (!load_files (build, source_dir, error) || !check_groups (build, error))
    return FALSE;

  for (guint f = 0; f < build->files->len && project_file == NULL; f++)
    if (g_key_file_has_group (((DemoFile *)build->files->pdata[f])->keys, "Project"))
      project_file = build->files->pdata[f];
  if (!read_string (project_file, "Project", "Title", TRUE, &title, error)
      || !read_string (project_file, "Project", "Municipality", FALSE, &municipality, error)
      || !plan_photos (build, error))
    return FALSE;

  pool = g_thread_pool_new (draw_photo, NULL, g_get_num_processors (), FALSE, NULL);
  for (guint i = 0; i < build->photo_jobs->len; i++)
    g_thread_pool_push (pool, build->photo_jobs->pdata[i], NULL);

  build->project
    = sw_project_create (tmp_file, title, municipality != NULL ? municipality : "", error);
  ok = build->project != NULL;

  for (guint k = 0; ok && k < G_N_ELEMENTS (group_kinds); k++)
    {
      if (group_kinds[k].add == NULL)
        continue;
      for (guint f = 0; ok && f < build->files->len; f++)
        {
          DemoFile *file = build->files->pdata[f];
          g_auto (GStrv) groups = g_key_file_get_groups (file->keys, NULL);

          for (guint g = 0; ok && groups[g] != NULL; g++)
            {
              const char *id;

              if (parse_group (groups[g], &id) == &group_kinds[k])
                ok = group_kinds[k].add (build, file, groups[g], id, error);
            }
        }
    }

  /* Places as the app groups them, and as the meeting agreed. */
  if (ok)
    ok = sw_project_group_places (build->project, 0, NULL, NULL, error) &&
         place_findings_by_hand (build, error) &&
         sw_project_group_places (build->project, 0, NULL, NULL, error);

  /* Waits for every drawing, also when something failed above. */
  g_clear_pointer (&pool, thread_pool_free_wait);

  return ok && add_photos (build, error);
}

int
sw_cli_demo (const SwCliCommand *command, int argc, char **argv)
{
  g_auto (DemoBuild) build = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) source_dir = NULL;
  g_autoptr (GFile) output = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *output_name = NULL;
  g_autofree char *tmp_path = NULL;
  gboolean skip_validation = FALSE;
  const GOptionEntry entries[] = { { "no-validate", 0, 0, G_OPTION_ARG_NONE, &skip_validation,
                                     N_ ("Do not validate the project before writing it"), NULL },
                                   G_OPTION_ENTRY_NULL };

  context = sw_cli_option_context_new (command, entries);
  if (!sw_cli_parse_options (command, context, &argc, &argv, 2))
    return SW_CLI_EXIT_ERROR;

  source_dir = g_file_new_for_commandline_arg (argv[1]);
  output = g_file_new_for_commandline_arg (argv[2]);
  output_path = g_file_get_path (output);
  output_name = g_file_get_parse_name (output);
  if (output_path == NULL)
    {
      sw_cli_printerr (_ ("Cannot write “%s”: the demo must be written to a local folder."),
                       output_name);
      return SW_CLI_EXIT_ERROR;
    }

  build.files = g_ptr_array_new_with_free_func ((GDestroyNotify)demo_file_free);
  build.route_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  build.place_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  build.findings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  build.photo_jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)photo_job_free);
  /* The walk's times are local; without time zone data this is UTC. */
  build.time_zone = g_time_zone_new_identifier ("Europe/Stockholm");
  if (build.time_zone == NULL)
    build.time_zone = g_time_zone_new_utc ();

  /* Built beside the output under a temporary name and renamed when
   * complete, so a failed build never leaves a broken demo behind. */
  tmp_path = g_strdup_printf ("%s.tmp-%08x.gpkg", output_path, g_random_int ());

  if (!build_demo (&build, source_dir, tmp_path, &error))
    goto failed;

  sw_project_close (build.project);
  g_clear_object (&build.project);

  if (!use_rollback_journal (tmp_path, output_name, &error))
    goto failed;
  if (!skip_validation && !check_valid (tmp_path, output_name, &error))
    goto failed;

  if (g_rename (tmp_path, output_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _ ("Cannot write “%s”: %s."), output_name, g_strerror (saved_errno));
      goto failed;
    }

  return SW_CLI_EXIT_OK;

failed:
  sw_cli_print_error (error);
  demo_build_clear (&build);
  remove_temporary (tmp_path);
  return SW_CLI_EXIT_ERROR;
}
