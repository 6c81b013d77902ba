/* Which places the printed pages number, and in which order. The order is the project's priority ranking
 * (sw-place-priority.c, docs/priority.md); findings that were never grouped
 * into places (a project grouped before they were added, or never) are
 * grouped here for the print alone, by the project's distance, and scored
 * by the same formula, so they rank among the others. */
#define G_LOG_DOMAIN "sw-print"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sw-action-plan.h"
#include "sw-crs-transform.h"
#include "sw-grouping.h"
#include "sw-place-grouping.h"
#include "sw-place-priority.h"
#include "sw-print-private.h"
#include "sw-vocabulary.h"

void
_sw_print_finding_free (gpointer data)
{
  SwPrintFinding *finding = data;

  g_free (finding->uuid);
  g_free (finding->walk_uuid);
  g_free (finding->category);
  g_strfreev (finding->categories);
  g_free (finding->light);
  g_free (finding->unsafe_for);
  g_free (finding->note);
  g_free (finding->place_uuid);
  g_free (finding);
}

void
_sw_print_measure_free (gpointer data)
{
  SwPrintMeasure *measure = data;

  g_free (measure->type);
  g_free (measure->description);
  g_free (measure->responsible);
  g_free (measure->responsible_unit);
  g_free (measure->due_date);
  g_free (measure->status);
  g_free (measure->color);
  g_free (measure);
}

static void
photo_free (gpointer data)
{
  SwPrintPhoto *photo = data;

  g_clear_pointer (&photo->image, cairo_surface_destroy);
  g_free (photo->caption);
  g_free (photo);
}

void
_sw_print_place_free (gpointer data)
{
  SwPrintPlace *place = data;

  g_free (place->uuid);
  g_free (place->name);
  g_free (place->why);
  g_ptr_array_unref (place->findings);
  g_ptr_array_unref (place->measures);
  g_ptr_array_unref (place->photos);
  g_strfreev (place->categories);
  g_free (place);
}

static SwPrintPlace *
place_new (void)
{
  SwPrintPlace *place = g_new0 (SwPrintPlace, 1);

  place->findings = g_ptr_array_new ();
  place->measures = g_ptr_array_new_with_free_func (_sw_print_measure_free);
  place->photos = g_ptr_array_new_with_free_func (photo_free);
  return place;
}

static SwPrintMeasure *
measure_from (SwProject *project,
              SwMeasure *measure)
{
  SwPrintMeasure *copy = g_new0 (SwPrintMeasure, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  /* The colour and lateness the Action Plan view shows. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  copy->color = g_strdup (sw_plan_color_get_rgb (sw_action_plan_get_color (measure, &today)));
  copy->overdue = sw_action_plan_is_overdue (measure, &today);
  (void) project;

  copy->type = g_strdup (sw_measure_get_measure_type (measure));
  copy->description = g_strdup (sw_measure_get_description (measure));
  copy->responsible = g_strdup (sw_measure_get_responsible (measure));
  copy->responsible_unit = g_strdup (sw_measure_get_responsible_unit (measure));
  copy->due_date = g_strdup (sw_measure_get_due_date (measure));
  copy->status = g_strdup (sw_measure_get_status (measure));
  return copy;
}

/* The first sentence of a note, shortened: a name for a place that has no
 * stored name and no stop near it. */
static char *
name_from_note (const char *note)
{
  g_autofree char *text = g_strstrip (g_strdup (note != NULL ? note : ""));
  char *end = strpbrk (text, ".:;!?\n");
  glong length;

  if (end != NULL)
    *end = '\0';
  length = g_utf8_strlen (text, -1);
  if (length > 48)
    {
      char *cut = g_utf8_offset_to_pointer (text, 46);

      *cut = '\0';
      return g_strconcat (g_strstrip (text), "…", NULL);
    }
  return g_steal_pointer (&text);
}

/* As sw_project_rank_places() orders: the score, then more findings, then
 * the higher severity, then the name. */
static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const SwPrintPlace *pa = *(SwPrintPlace *const *) a;
  const SwPrintPlace *pb = *(SwPrintPlace *const *) b;

  if (pa->score != pb->score)
    return pa->score > pb->score ? -1 : 1;
  if (pa->findings->len != pb->findings->len)
    return pa->findings->len > pb->findings->len ? -1 : 1;
  if (pa->max_severity != pb->max_severity)
    return pb->max_severity - pa->max_severity;
  if (g_strcmp0 (pa->name, pb->name) != 0)
    return g_utf8_collate (pa->name, pb->name);
  return pa->number - pb->number;
}

typedef struct
{
  const char *key;
  guint count;
  guint order;
} CategoryCount;

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const CategoryCount *ca = a;
  const CategoryCount *cb = b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return (int) ca->order - (int) cb->order;
}

static GStrv
place_categories (SwPrintPlace *place)
{
  g_autoptr (GArray) counts = g_array_new (FALSE, TRUE, sizeof (CategoryCount));
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < place->findings->len; i++)
    {
      SwPrintFinding *finding = g_ptr_array_index (place->findings, i);

      for (guint c = 0; finding->categories[c] != NULL; c++)
        {
          guint j;

          for (j = 0; j < counts->len; j++)
            if (g_str_equal (g_array_index (counts, CategoryCount, j).key, finding->categories[c]))
              break;
          if (j == counts->len)
            {
              CategoryCount count = { finding->categories[c], 0, counts->len };

              g_array_append_val (counts, count);
            }
          /* The main category counts more than a further one. */
          g_array_index (counts, CategoryCount, j).count += c == 0 ? 2 : 1;
        }
    }
  g_array_sort (counts, compare_counts);
  for (guint j = 0; j < counts->len; j++)
    g_strv_builder_add (builder, g_array_index (counts, CategoryCount, j).key);
  return g_strv_builder_end (builder);
}

/* The score of docs/priority.md for findings the project has not grouped:
 * severity × category weight × darkness, summed, times the walks and the
 * groups it feels unsafe for. */
static double
stand_in_score (SwPrintPlace            *place,
                const SwPriorityWeights *weights)
{
  static const char *const groups[] = { "women", "elderly", "young", "disabilities" };
  g_autoptr (GHashTable) walks = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean group_named[G_N_ELEMENTS (groups)] = { FALSE };
  guint n_groups = 0;
  double points = 0;

  for (guint i = 0; i < place->findings->len; i++)
    {
      SwPrintFinding *finding = g_ptr_array_index (place->findings, i);
      g_auto (GStrv) unsafe_for = NULL;

      if (g_strcmp0 (finding->category, "positive") == 0 || finding->severity <= 0)
        continue;
      points += finding->severity * sw_priority_weights_get_category (weights, finding->category)
                * (g_strcmp0 (finding->light, "dark") == 0 ? sw_priority_weights_get_darkness (weights) : 1.0);
      if (finding->walk_uuid != NULL)
        g_hash_table_add (walks, finding->walk_uuid);
      unsafe_for = g_strsplit (finding->unsafe_for != NULL ? finding->unsafe_for : "", ",", -1);
      for (guint u = 0; unsafe_for[u] != NULL; u++)
        for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
          if (g_str_equal (g_strstrip (unsafe_for[u]), groups[g]) || g_str_equal (unsafe_for[u], "everyone"))
            group_named[g] = TRUE;
    }
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    n_groups += group_named[g];

  return points * (1 + sw_priority_weights_get_per_walk (weights) * (MAX (g_hash_table_size (walks), 1) - 1))
         * (1 + sw_priority_weights_get_per_group (weights) * n_groups);
}

static void
finish_place (SwPrintPlace *place)
{
  place->positive_only = TRUE;
  for (guint i = 0; i < place->findings->len; i++)
    {
      SwPrintFinding *finding = g_ptr_array_index (place->findings, i);

      if (g_strcmp0 (finding->category, "positive") != 0)
        place->positive_only = FALSE;
      place->max_severity = MAX (place->max_severity, finding->severity);
    }
  place->categories = place_categories (place);
}

/* Groups @ungrouped (SwPrintFinding) as the project would, for this print. */
static void
group_for_print (SwProject               *project,
                 SwCrsTransform          *transform,
                 const SwPriorityWeights *weights,
                 GPtrArray               *ungrouped,
                 GPtrArray               *stops,
                 GPtrArray               *places,
                 GHashTable              *taken)
{
  g_autofree double *xy = g_new0 (double, 2 * MAX (ungrouped->len, 1));
  g_autofree guint *groups = g_new0 (guint, MAX (ungrouped->len, 1));
  guint first = places->len;
  guint n_groups;

  if (ungrouped->len == 0)
    return;
  for (guint i = 0; i < ungrouped->len; i++)
    {
      SwPrintFinding *finding = g_ptr_array_index (ungrouped, i);

      sw_crs_transform_forward (transform, finding->longitude, finding->latitude, &xy[2 * i], &xy[2 * i + 1]);
    }
  n_groups = sw_group_points (xy, ungrouped->len, sw_project_get_place_distance (project), groups);
  for (guint g = 0; g < n_groups; g++)
    {
      SwPrintPlace *place = place_new ();

      place->provisional = TRUE;
      place->number = (int) (first + g);
      g_ptr_array_add (places, place);
    }
  for (guint i = 0; i < ungrouped->len; i++)
    {
      SwPrintPlace *place = g_ptr_array_index (places, first + groups[i]);
      SwPrintFinding *finding = g_ptr_array_index (ungrouped, i);

      g_ptr_array_add (place->findings, finding);
      place->longitude += finding->longitude;
      place->latitude += finding->latitude;
    }

  for (guint g = 0; g < n_groups; g++)
    {
      SwPrintPlace *place = g_ptr_array_index (places, first + g);
      SwPrintStop *best_stop = NULL;
      double best_distance = SW_PLACE_STOP_NAME_DISTANCE;

      place->longitude /= place->findings->len;
      place->latitude /= place->findings->len;
      finish_place (place);
      place->score = stand_in_score (place, weights);

      /* As the grouping does, a group joins a place of the project that
       * has no findings yet and lies within the distance (a place planned
       * before the walk, perhaps with measures already). */
      {
        GListModel *listed = sw_project_get_places (project);
        double distance = sw_project_get_place_distance (project);
        SwPlace *nearest = NULL;

        for (guint i = 0; i < g_list_model_get_n_items (listed); i++)
          {
            g_autoptr (SwPlace) candidate = g_list_model_get_item (listed, i);
            const char *uuid = sw_feature_get_uuid (SW_FEATURE (candidate));
            double d = sw_crs_transform_distance (transform, place->longitude, place->latitude,
                                                  sw_place_get_longitude (candidate), sw_place_get_latitude (candidate));

            if (d < distance && !g_hash_table_contains (taken, uuid))
              {
                distance = d;
                nearest = candidate;
              }
          }
        if (nearest != NULL && sw_place_get_name (nearest) != NULL && *sw_place_get_name (nearest) != '\0')
          {
            place->uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (nearest)));
            place->name = g_strdup (sw_place_get_name (nearest));
            g_hash_table_add (taken, place->uuid);
            continue;
          }
      }

      /* Named as the grouping names places: the nearest stop (numbered
       * from the second place of a name on, once ranked). */
      for (guint i = 0; i < stops->len; i++)
        {
          SwPrintStop *stop = g_ptr_array_index (stops, i);
          double distance = sw_crs_transform_distance (transform, place->longitude, place->latitude,
                                                       stop->longitude, stop->latitude);

          if (distance < best_distance && stop->name != NULL && *stop->name != '\0')
            {
              best_distance = distance;
              best_stop = stop;
            }
        }
      if (best_stop != NULL)
        place->name = g_strdup (best_stop->name);
      else
        place->name = name_from_note (((SwPrintFinding *) g_ptr_array_index (place->findings, 0))->note);
      if (*place->name == '\0')
        {
          g_free (place->name);
          place->name = g_strdup (sw_vocabulary_get_label (
            SW_VOCABULARY_CATEGORY, ((SwPrintFinding *) g_ptr_array_index (place->findings, 0))->category));
        }
    }
}

GPtrArray *
_sw_print_rank_places (SwProject  *project,
                       GPtrArray  *findings,
                       GPtrArray  *stops,
                       GError    **error)
{
  g_autoptr (SwCrsTransform) transform = NULL;
  g_autoptr (SwPriorityWeights) weights = NULL;
  g_autoptr (GListModel) ranking = NULL;
  g_autoptr (GPtrArray) places = g_ptr_array_new_with_free_func (_sw_print_place_free);
  g_autoptr (GPtrArray) ungrouped = g_ptr_array_new ();
  g_autoptr (GHashTable) by_place = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) finding_places = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *measures = sw_project_get_measures (project);

  transform = sw_crs_transform_new (sw_project_get_working_crs (project), error);
  if (transform == NULL)
    return NULL;
  weights = sw_priority_weights_new_for_project (project);

  /* The printed findings by the place they belong to. */
  for (guint i = 0; i < findings->len; i++)
    {
      SwPrintFinding *finding = g_ptr_array_index (findings, i);
      GPtrArray *members;

      if (finding->place_uuid == NULL || sw_project_lookup (project, SW_KIND_PLACE, finding->place_uuid) == NULL)
        {
          g_ptr_array_add (ungrouped, finding);
          continue;
        }
      members = g_hash_table_lookup (by_place, finding->place_uuid);
      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (by_place, finding->place_uuid, members);
        }
      g_ptr_array_add (members, finding);
    }

  /* The project's places in its rank order, those this print shows. */
  ranking = sw_project_rank_places (project, weights);
  for (guint r = 0; r < g_list_model_get_n_items (ranking); r++)
    {
      g_autoptr (SwPlacePriority) priority = g_list_model_get_item (ranking, r);
      SwPlace *listed = sw_place_priority_get_place (priority);
      const char *uuid = sw_feature_get_uuid (SW_FEATURE (listed));
      g_autoptr (GPtrArray) members = NULL;
      g_autofree char *explanation = NULL;
      SwPrintPlace *place;
      char *reasons;

      if (!g_hash_table_steal_extended (by_place, uuid, NULL, (gpointer *) &members))
        continue;
      place = place_new ();
      place->uuid = g_strdup (uuid);
      place->number = (int) places->len;
      place->name = g_strdup (sw_place_get_name (listed) != NULL && *sw_place_get_name (listed) != '\0'
                                ? sw_place_get_name (listed)
                                : sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY,
                                                           ((SwPrintFinding *) members->pdata[0])->category));
      place->longitude = sw_place_get_longitude (listed);
      place->latitude = sw_place_get_latitude (listed);
      place->score = sw_place_priority_get_score (priority);
      for (guint i = 0; i < members->len; i++)
        g_ptr_array_add (place->findings, members->pdata[i]);
      finish_place (place);
      /* The reasons, without the first line's project-wide rank. */
      explanation = sw_place_priority_dup_explanation (priority);
      reasons = strchr (explanation, '\n');
      place->why = reasons != NULL ? g_strdup (reasons + 1) : NULL;
      g_ptr_array_add (places, place);
    }
  /* A place that vanished since (it should not): its findings as ungrouped. */
  {
    GHashTableIter iter;
    gpointer members;

    g_hash_table_iter_init (&iter, by_place);
    while (g_hash_table_iter_next (&iter, NULL, &members))
      {
        g_ptr_array_extend (ungrouped, members, NULL, NULL);
        g_ptr_array_unref (members);
      }
  }

  {
    g_autoptr (GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

    /* Places with findings of their own are not free to join. */
    for (guint i = 0; i < g_list_model_get_n_items (sw_project_get_findings (project)); i++)
      {
        g_autoptr (SwFinding) finding = g_list_model_get_item (sw_project_get_findings (project), i);
        const char *uuid = sw_finding_get_place_uuid (finding);

        if (uuid != NULL && *uuid != '\0')
          {
            SwFeature *listed = sw_project_lookup (project, SW_KIND_PLACE, uuid);

            if (listed != NULL)
              g_hash_table_add (taken, (gpointer) sw_feature_get_uuid (listed));
          }
      }
    group_for_print (project, transform, weights, ungrouped, stops, places, taken);
  }

  for (guint p = 0; p < places->len; p++)
    {
      SwPrintPlace *place = g_ptr_array_index (places, p);

      for (guint i = 0; i < place->findings->len; i++)
        g_hash_table_insert (finding_places, ((SwPrintFinding *) place->findings->pdata[i])->uuid, place);
    }

  /* Measures of a place come first, then those of its findings. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
      {
        g_autoptr (SwMeasure) measure = g_list_model_get_item (measures, i);
        const char *place_uuid = sw_measure_get_place_uuid (measure);
        const char *finding_uuid = sw_measure_get_finding_uuid (measure);
        SwPrintPlace *place = NULL;

        if (pass == 0 && place_uuid != NULL && *place_uuid != '\0')
          {
            for (guint p = 0; p < places->len && place == NULL; p++)
              if (g_strcmp0 (((SwPrintPlace *) places->pdata[p])->uuid, place_uuid) == 0)
                place = places->pdata[p];
          }
        else if (pass == 1 && finding_uuid != NULL && *finding_uuid != '\0')
          place = g_hash_table_lookup (finding_places, finding_uuid);
        if (place != NULL)
          g_ptr_array_add (place->measures, measure_from (project, measure));
      }

  g_ptr_array_sort (places, compare_places);

  /* Two places of one name would read as one: the later ones grouped for
   * the print are numbered, "Stationsplan 2", as the grouping does. */
  {
    g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint g = 0; g < places->len; g++)
      {
        SwPrintPlace *place = g_ptr_array_index (places, g);

        if (place->provisional && place->uuid == NULL && g_hash_table_contains (seen, place->name))
          {
            g_autofree char *base = g_steal_pointer (&place->name);

            for (guint n = 2; place->name == NULL || g_hash_table_contains (seen, place->name); n++)
              {
                g_free (place->name);
                place->name = g_strdup_printf ("%s %u", base, n);
              }
          }
        g_hash_table_add (seen, place->name);
      }
  }

  for (guint g = 0; g < places->len; g++)
    {
      SwPrintPlace *place = g_ptr_array_index (places, g);

      place->number = (int) g + 1;
      for (guint i = 0; i < place->findings->len; i++)
        ((SwPrintFinding *) g_ptr_array_index (place->findings, i))->place = (int) g;
    }

  return g_steal_pointer (&places);
}
