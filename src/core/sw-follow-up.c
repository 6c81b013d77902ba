/* Follow-up walks: Repeat Walk, and each place's before and after. */
#define G_LOG_DOMAIN "sw-follow-up"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sw-follow-up.h"
#include "sw-place-grouping.h"

SwWalk *
sw_project_repeat_walk (SwProject   *self,
                        SwWalk      *walk,
                        const char  *date,
                        const char  *title,
                        GError     **error)
{
  g_autoptr (GPtrArray) features = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) added = NULL;
  g_autoptr (GHashTable) route_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *walk_uuid = g_uuid_string_random ();
  SwFeature *listed;
  SwWalk *copy;
  GListModel *routes, *stops;
  const char *old_uuid;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (SW_IS_WALK (walk), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  listed = sw_project_lookup (self, SW_KIND_WALK, sw_feature_get_uuid (SW_FEATURE (walk)));
  if (listed == NULL)
    {
      g_set_error_literal (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                           _("The walk to repeat is no longer in the project."));
      return NULL;
    }
  old_uuid = sw_feature_get_uuid (listed);

  copy = sw_walk_new ();
  sw_feature_set_uuid (SW_FEATURE (copy), walk_uuid);
  if (title != NULL && *title != '\0')
    sw_walk_set_title (copy, title);
  else if (sw_walk_get_title (SW_WALK (listed)) != NULL)
    {
      /* TRANSLATORS: the title of a repeat walk, from the walk it repeats */
      g_autofree char *repeat_title = g_strdup_printf (_("%s, follow-up"),
                                                       sw_walk_get_title (SW_WALK (listed)));

      sw_walk_set_title (copy, repeat_title);
    }
  else
    sw_walk_set_title (copy, _("Follow-up walk"));
  sw_walk_set_date (copy, date);
  sw_walk_set_start_time (copy, sw_walk_get_start_time (SW_WALK (listed)));
  sw_walk_set_light (copy, sw_walk_get_light (SW_WALK (listed)));
  sw_walk_set_meeting_point (copy, sw_walk_get_meeting_point (SW_WALK (listed)));
  sw_walk_set_area (copy, sw_walk_get_area (SW_WALK (listed)));
  sw_walk_set_repeats_uuid (copy, old_uuid);
  g_ptr_array_add (features, copy);

  routes = sw_project_get_routes (self);
  for (guint i = 0; i < g_list_model_get_n_items (routes); i++)
    {
      g_autoptr (SwRoute) route = g_list_model_get_item (routes, i);
      SwRoute *route_copy;
      char *uuid;

      if (g_strcmp0 (sw_route_get_walk_uuid (route), old_uuid) != 0)
        continue;
      route_copy = SW_ROUTE (sw_feature_copy (SW_FEATURE (route)));
      uuid = g_uuid_string_random ();
      sw_feature_set_uuid (SW_FEATURE (route_copy), uuid);
      sw_feature_set_created (SW_FEATURE (route_copy), NULL);
      sw_route_set_walk_uuid (route_copy, walk_uuid);
      g_hash_table_insert (route_uuids, (gpointer) sw_feature_get_uuid (SW_FEATURE (route)), uuid);
      g_ptr_array_add (features, route_copy);
    }

  stops = sw_project_get_stops (self);
  for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
    {
      g_autoptr (SwStop) stop = g_list_model_get_item (stops, i);
      SwStop *stop_copy;
      g_autofree char *uuid = NULL;

      if (g_strcmp0 (sw_stop_get_walk_uuid (stop), old_uuid) != 0)
        continue;
      stop_copy = SW_STOP (sw_feature_copy (SW_FEATURE (stop)));
      uuid = g_uuid_string_random ();
      sw_feature_set_uuid (SW_FEATURE (stop_copy), uuid);
      sw_feature_set_created (SW_FEATURE (stop_copy), NULL);
      sw_stop_set_walk_uuid (stop_copy, walk_uuid);
      if (sw_stop_get_route_uuid (stop) != NULL)
        sw_stop_set_route_uuid (stop_copy, g_hash_table_lookup (route_uuids, sw_stop_get_route_uuid (stop)));
      g_ptr_array_add (features, stop_copy);
    }

  added = sw_project_add_many (self, features, _("Repeat Walk"), error);
  if (added == NULL)
    return NULL;
  return SW_WALK (added->pdata[0]);
}

const char *
sw_trend_get_label (SwTrend trend)
{
  switch (trend)
    {
    case SW_TREND_BETTER: return C_("trend", "Better");
    case SW_TREND_SAME: return C_("trend", "Unchanged");
    case SW_TREND_WORSE: return C_("trend", "Worse");
    case SW_TREND_NONE:
    default: return C_("trend", "Not followed up yet");
    }
}

/* ---------------------------------------------------------------------- */
/* Before and after                                                       */

struct _SwPlaceFollowUp
{
  gatomicrefcount ref_count;
  GPtrArray *visits;
  GPtrArray *measures;
  SwTrend trend;
};

G_DEFINE_BOXED_TYPE (SwPlaceFollowUp, sw_place_follow_up,
                     sw_place_follow_up_ref, sw_place_follow_up_unref)

static void
sw_place_visit_free (SwPlaceVisit *visit)
{
  g_clear_object (&visit->walk);
  g_clear_pointer (&visit->findings, g_ptr_array_unref);
  g_free (visit);
}

SwPlaceFollowUp *
sw_place_follow_up_ref (SwPlaceFollowUp *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sw_place_follow_up_unref (SwPlaceFollowUp *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->visits);
  g_ptr_array_unref (self->measures);
  g_free (self);
}

GPtrArray *
sw_place_follow_up_get_visits (SwPlaceFollowUp *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->visits;
}

GPtrArray *
sw_place_follow_up_get_measures (SwPlaceFollowUp *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->measures;
}

SwTrend
sw_place_follow_up_get_trend (SwPlaceFollowUp *self)
{
  g_return_val_if_fail (self != NULL, SW_TREND_NONE);
  return self->trend;
}

static int
compare_visits (gconstpointer a,
                gconstpointer b)
{
  SwPlaceVisit *va = *(SwPlaceVisit **) a;
  SwPlaceVisit *vb = *(SwPlaceVisit **) b;
  const char *da = sw_walk_get_date (va->walk);
  const char *db = sw_walk_get_date (vb->walk);
  gint64 ca, cb;

  /* Walks without a date go last, in the order they were made. */
  if (da != NULL && db != NULL && g_strcmp0 (da, db) != 0)
    return g_strcmp0 (da, db);
  if ((da == NULL) != (db == NULL))
    return da == NULL ? 1 : -1;
  ca = sw_feature_get_created (SW_FEATURE (va->walk)) != NULL
         ? g_date_time_to_unix (sw_feature_get_created (SW_FEATURE (va->walk))) : 0;
  cb = sw_feature_get_created (SW_FEATURE (vb->walk)) != NULL
         ? g_date_time_to_unix (sw_feature_get_created (SW_FEATURE (vb->walk))) : 0;
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

static gboolean
is_work_status (const char *status)
{
  return g_strcmp0 (status, "in-progress") == 0 || g_strcmp0 (status, "done") == 0 ||
         g_strcmp0 (status, "followed-up") == 0;
}

SwPlaceFollowUp *
sw_project_follow_up_place (SwProject *self,
                            SwPlace   *place)
{
  SwPlaceFollowUp *follow_up;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GHashTable) series = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) visit_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) finding_uuids = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *walks;
  gboolean grew = TRUE;
  guint n_walks;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (SW_IS_PLACE (place), NULL);

  follow_up = g_new0 (SwPlaceFollowUp, 1);
  g_atomic_ref_count_init (&follow_up->ref_count);
  follow_up->visits = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_place_visit_free);
  follow_up->measures = g_ptr_array_new_with_free_func (g_object_unref);

  findings = sw_project_list_place_findings (self, place);
  for (guint i = 0; i < findings->len; i++)
    {
      const char *walk_uuid = sw_finding_get_walk_uuid (findings->pdata[i]);

      g_hash_table_add (finding_uuids, (gpointer) sw_feature_get_uuid (findings->pdata[i]));
      if (walk_uuid != NULL && sw_project_lookup (self, SW_KIND_WALK, walk_uuid) != NULL)
        g_hash_table_add (series, (gpointer) sw_feature_get_uuid (sw_project_lookup (self, SW_KIND_WALK,
                                                                                    walk_uuid)));
    }

  /* The series: walks linked to a reporting walk by repeats, either way,
   * through chains. Few walks: passes until nothing joins. */
  walks = sw_project_get_walks (self);
  n_walks = g_list_model_get_n_items (walks);
  while (grew)
    {
      grew = FALSE;
      for (guint i = 0; i < n_walks; i++)
        {
          g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);
          const char *uuid = sw_feature_get_uuid (SW_FEATURE (walk));
          const char *repeats = sw_walk_get_repeats_uuid (walk);
          SwFeature *original = sw_project_lookup (self, SW_KIND_WALK, repeats);

          if (original == NULL)
            continue;
          if (g_hash_table_contains (series, uuid) &&
              g_hash_table_add (series, (gpointer) sw_feature_get_uuid (original)))
            grew = TRUE;
          if (g_hash_table_contains (series, sw_feature_get_uuid (original)) &&
              g_hash_table_add (series, (gpointer) uuid))
            grew = TRUE;
        }
    }

  for (guint i = 0; i < n_walks; i++)
    {
      g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);
      SwPlaceVisit *visit;

      if (!g_hash_table_contains (series, sw_feature_get_uuid (SW_FEATURE (walk))))
        continue;
      visit = g_new0 (SwPlaceVisit, 1);
      visit->walk = g_object_ref (walk);
      visit->findings = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (follow_up->visits, visit);
      g_hash_table_insert (visit_of, (gpointer) sw_feature_get_uuid (SW_FEATURE (walk)), visit);
    }
  for (guint i = 0; i < findings->len; i++)
    {
      SwFinding *finding = findings->pdata[i];
      SwPlaceVisit *visit = sw_finding_get_walk_uuid (finding) != NULL
                              ? g_hash_table_lookup (visit_of, sw_finding_get_walk_uuid (finding))
                              : NULL;

      if (visit == NULL)
        continue;
      g_ptr_array_add (visit->findings, g_object_ref (finding));
      if (g_strcmp0 (sw_finding_get_category (finding), "positive") != 0 &&
          sw_finding_get_severity (finding) > 0)
        {
          visit->severity_sum += sw_finding_get_severity (finding);
          visit->n_unsafe++;
        }
    }
  g_ptr_array_sort (follow_up->visits, compare_visits);

  if (follow_up->visits->len >= 2)
    {
      SwPlaceVisit *first = follow_up->visits->pdata[0];
      SwPlaceVisit *last = follow_up->visits->pdata[follow_up->visits->len - 1];
      const char *from = sw_walk_get_date (first->walk);
      const char *to = sw_walk_get_date (last->walk);
      GListModel *measures = sw_project_get_measures (self);

      if (last->severity_sum < first->severity_sum)
        follow_up->trend = SW_TREND_BETTER;
      else if (last->severity_sum > first->severity_sum)
        follow_up->trend = SW_TREND_WORSE;
      else
        follow_up->trend = SW_TREND_SAME;

      for (guint i = 0; from != NULL && to != NULL && i < g_list_model_get_n_items (measures); i++)
        {
          g_autoptr (SwMeasure) measure = g_list_model_get_item (measures, i);
          g_autoptr (GPtrArray) history = NULL;
          gboolean taken = FALSE;

          if (g_strcmp0 (sw_measure_get_place_uuid (measure),
                         sw_feature_get_uuid (SW_FEATURE (place))) != 0 &&
              (sw_measure_get_finding_uuid (measure) == NULL ||
               !g_hash_table_contains (finding_uuids, sw_measure_get_finding_uuid (measure))))
            continue;
          history = sw_project_list_status_changes (self, measure);
          for (guint h = 0; h < history->len && !taken; h++)
            {
              const char *date = sw_status_change_get_date (history->pdata[h]);

              taken = is_work_status (sw_status_change_get_status (history->pdata[h])) &&
                      date != NULL && g_strcmp0 (date, from) > 0 && g_strcmp0 (date, to) <= 0;
            }
          if (taken)
            g_ptr_array_add (follow_up->measures, g_object_ref (measure));
        }
    }

  return follow_up;
}
