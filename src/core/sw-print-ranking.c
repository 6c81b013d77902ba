/* Which places the printed pages number, in which order, and the counts of
 * the lägesbild page.
 *
 * STAND-IN: issue 5 brings place identity and a priority score in core.
 * Until that lands, this file groups the printed walk's findings itself
 * (25 m in the working CRS, as issue 5's default) and scores a group by its
 * severities, with darkness counting half again and each further finding
 * adding a little. Only this file changes when the real ranking arrives: the
 * renderer takes the SwPrintPlace list in rank order as it is. */
#define G_LOG_DOMAIN "sw-print"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sw-crs-transform.h"
#include "sw-grouping.h"
#include "sw-print-private.h"
#include "sw-vocabulary.h"

#define GROUP_DISTANCE      25.0
#define STORED_PLACE_RADIUS 40.0
#define STOP_NAME_RADIUS    50.0

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

  g_free (place->name);
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
measure_from (SwMeasure *measure)
{
  SwPrintMeasure *copy = g_new0 (SwPrintMeasure, 1);

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

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const SwPrintPlace *pa = *(SwPrintPlace *const *) a;
  const SwPrintPlace *pb = *(SwPrintPlace *const *) b;

  if (pa->score != pb->score)
    return pa->score > pb->score ? -1 : 1;
  if (pa->max_severity != pb->max_severity)
    return pb->max_severity - pa->max_severity;
  /* Equal places keep the order of their first finding. */
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

GPtrArray *
_sw_print_rank_places (SwProject  *project,
                       GPtrArray  *findings,
                       GPtrArray  *stops,
                       GError    **error)
{
  g_autoptr (SwCrsTransform) transform = NULL;
  g_autoptr (GPtrArray) places = g_ptr_array_new_with_free_func (_sw_print_place_free);
  g_autofree double *xy = NULL;
  g_autofree guint *groups = NULL;
  g_autoptr (GHashTable) finding_places = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) stored_places = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *stored = sw_project_get_places (project);
  GListModel *measures = sw_project_get_measures (project);
  guint n_groups;

  transform = sw_crs_transform_new (sw_project_get_working_crs (project), error);
  if (transform == NULL)
    return NULL;

  xy = g_new0 (double, 2 * MAX (findings->len, 1));
  groups = g_new0 (guint, MAX (findings->len, 1));
  for (guint i = 0; i < findings->len; i++)
    {
      SwPrintFinding *finding = g_ptr_array_index (findings, i);

      sw_crs_transform_forward (transform, finding->longitude, finding->latitude, &xy[2 * i],
                                &xy[2 * i + 1]);
    }
  n_groups = findings->len > 0 ? sw_group_points (xy, findings->len, GROUP_DISTANCE, groups) : 0;

  for (guint g = 0; g < n_groups; g++)
    {
      SwPrintPlace *place = place_new ();

      place->number = (int) g; /* the order of the first finding, for ties */
      place->positive_only = TRUE;
      g_ptr_array_add (places, place);
    }

  for (guint i = 0; i < findings->len; i++)
    {
      SwPrintFinding *finding = g_ptr_array_index (findings, i);
      SwPrintPlace *place = g_ptr_array_index (places, groups[i]);
      gboolean positive = g_strcmp0 (finding->category, "positive") == 0;
      double weight = finding->severity;

      g_ptr_array_add (place->findings, finding);
      place->longitude += finding->longitude;
      place->latitude += finding->latitude;
      if (!positive)
        {
          place->positive_only = FALSE;
          if (g_strcmp0 (finding->light, "dark") == 0)
            weight *= 1.5;
          place->score += weight + (place->findings->len > 1 ? 0.5 : 0.0);
        }
      place->max_severity = MAX (place->max_severity, finding->severity);
    }

  for (guint g = 0; g < n_groups; g++)
    {
      SwPrintPlace *place = g_ptr_array_index (places, g);
      SwPlace *best_place = NULL;
      double best_place_distance = STORED_PLACE_RADIUS;
      SwPrintStop *best_stop = NULL;
      double best_stop_distance = STOP_NAME_RADIUS;

      place->longitude /= place->findings->len;
      place->latitude /= place->findings->len;

      for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
        {
          g_autoptr (SwPlace) candidate = g_list_model_get_item (stored, i);
          double distance = sw_crs_transform_distance (transform, place->longitude, place->latitude,
                                                       sw_place_get_longitude (candidate),
                                                       sw_place_get_latitude (candidate));

          if (distance < best_place_distance)
            {
              best_place_distance = distance;
              best_place = candidate;
            }
        }
      for (guint i = 0; i < stops->len; i++)
        {
          SwPrintStop *stop = g_ptr_array_index (stops, i);
          double distance = sw_crs_transform_distance (transform, place->longitude, place->latitude,
                                                       stop->longitude, stop->latitude);

          if (distance < best_stop_distance && stop->name != NULL && *stop->name != '\0')
            {
              best_stop_distance = distance;
              best_stop = stop;
            }
        }

      if (best_place != NULL && sw_place_get_name (best_place) != NULL
          && *sw_place_get_name (best_place) != '\0')
        {
          place->name = g_strdup (sw_place_get_name (best_place));
          g_hash_table_insert (stored_places, (gpointer) sw_feature_get_uuid (SW_FEATURE (best_place)),
                               place);
        }
      else if (best_stop != NULL)
        place->name = g_strdup (best_stop->name);
      else
        place->name = name_from_note (((SwPrintFinding *) g_ptr_array_index (place->findings, 0))->note);
      if (*place->name == '\0')
        {
          g_free (place->name);
          place->name = g_strdup (sw_vocabulary_get_label (
            SW_VOCABULARY_CATEGORY, ((SwPrintFinding *) g_ptr_array_index (place->findings, 0))->category));
        }

      place->categories = place_categories (place);
      for (guint i = 0; i < place->findings->len; i++)
        g_hash_table_insert (finding_places,
                             ((SwPrintFinding *) g_ptr_array_index (place->findings, i))->uuid, place);
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
          place = g_hash_table_lookup (stored_places, place_uuid);
        else if (pass == 1 && finding_uuid != NULL && *finding_uuid != '\0')
          place = g_hash_table_lookup (finding_places, finding_uuid);
        if (place != NULL)
          g_ptr_array_add (place->measures, measure_from (measure));
      }

  g_ptr_array_sort (places, compare_places);
  for (guint g = 0; g < places->len; g++)
    {
      SwPrintPlace *place = g_ptr_array_index (places, g);

      place->number = (int) g + 1;
      for (guint i = 0; i < place->findings->len; i++)
        ((SwPrintFinding *) g_ptr_array_index (place->findings, i))->place = (int) g;
    }

  return g_steal_pointer (&places);
}

static guint
term_index (SwVocabulary vocabulary,
            const char  *key)
{
  guint n;
  const SwTerm *terms = sw_vocabulary_get_terms (vocabulary, &n);

  for (guint i = 0; key != NULL && i < n; i++)
    if (g_str_equal (terms[i].key, key))
      return i;
  return G_MAXUINT;
}

void
_sw_print_summarize (GPtrArray      *findings,
                     GPtrArray      *places,
                     guint           n_walks,
                     SwPrintSummary *summary)
{
  memset (summary, 0, sizeof *summary);
  summary->by_responsible = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  summary->n_findings = findings->len;
  summary->n_places = places->len;
  summary->n_walks = n_walks;

  for (guint i = 0; i < findings->len; i++)
    {
      SwPrintFinding *finding = g_ptr_array_index (findings, i);
      guint category = term_index (SW_VOCABULARY_CATEGORY, finding->category);

      if (category < G_N_ELEMENTS (summary->by_category))
        summary->by_category[category]++;
      summary->by_severity[CLAMP (finding->severity, 0, 3)]++;
      if (g_strcmp0 (finding->light, "dark") == 0)
        summary->n_dark++;
      else if (g_strcmp0 (finding->light, "daylight") == 0)
        summary->n_daylight++;
    }

  for (guint p = 0; p < places->len; p++)
    {
      SwPrintPlace *place = g_ptr_array_index (places, p);

      for (guint m = 0; m < place->measures->len; m++)
        {
          SwPrintMeasure *measure = g_ptr_array_index (place->measures, m);
          guint status = term_index (SW_VOCABULARY_MEASURE_STATUS, measure->status);
          const char *responsible = measure->responsible != NULL ? measure->responsible : "";
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (summary->by_responsible, responsible));

          summary->n_measures++;
          if (status < G_N_ELEMENTS (summary->by_status))
            summary->by_status[status]++;
          g_hash_table_insert (summary->by_responsible, g_strdup (responsible),
                               GUINT_TO_POINTER (count + 1));
        }
    }
}
