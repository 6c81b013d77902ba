/* The lägesbild in figures: counts over the chosen findings, places and
 * measures, the top places and the trend across walks. */
#define G_LOG_DOMAIN "sw-situation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sw-action-plan.h"
#include "sw-situation.h"
#include "sw-vocabulary.h"

#define N_TOP_PLACES 10

struct _SwSituation
{
  gatomicrefcount ref_count;
  guint n_findings;
  guint n_places;
  guint n_measures;
  guint n_overdue;
  GArray *by_category;
  GArray *by_severity;
  GArray *by_light;
  GArray *by_status;
  GArray *by_responsible;
  GPtrArray *top_places;
  GArray *walks;
};

G_DEFINE_BOXED_TYPE (SwSituation, sw_situation, sw_situation_ref, sw_situation_unref)

static void
situation_walk_clear (SwSituationWalk *walk)
{
  g_clear_object (&walk->walk);
}

SwSituation *
sw_situation_ref (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sw_situation_unref (SwSituation *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->by_category);
  g_array_unref (self->by_severity);
  g_array_unref (self->by_light);
  g_array_unref (self->by_status);
  g_array_unref (self->by_responsible);
  g_ptr_array_unref (self->top_places);
  g_array_unref (self->walks);
  g_free (self);
}

static GArray *
counts_for (SwVocabulary vocabulary)
{
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (SwSituationCount));
  const SwTerm *terms;
  guint n;

  terms = sw_vocabulary_get_terms (vocabulary, &n);
  for (guint i = 0; i < n; i++)
    {
      SwSituationCount count = { terms[i].key, sw_vocabulary_get_label (vocabulary, terms[i].key),
                                 terms[i].color, 0 };

      g_array_append_val (counts, count);
    }
  return counts;
}

static void
append_count (GArray     *counts,
              const char *key,
              const char *label,
              const char *color)
{
  SwSituationCount count = { key, label, color, 0 };

  g_array_append_val (counts, count);
}

static void
count_key (GArray     *counts,
           const char *key,
           guint       fallback)
{
  for (guint i = 0; i < counts->len; i++)
    if (g_strcmp0 (g_array_index (counts, SwSituationCount, i).key, key) == 0)
      {
        g_array_index (counts, SwSituationCount, i).count++;
        return;
      }
  if (fallback < counts->len)
    g_array_index (counts, SwSituationCount, fallback).count++;
}

static gboolean
in_area (const SwSituationChoice *choice,
         double                   longitude,
         double                   latitude)
{
  SwBounds *area = choice->area;

  if (area == NULL)
    return TRUE;
  return longitude >= sw_bounds_get_west (area) && longitude <= sw_bounds_get_east (area) &&
         latitude >= sw_bounds_get_south (area) && latitude <= sw_bounds_get_north (area);
}

static gboolean
walk_chosen (const SwSituationChoice *choice,
             SwWalk                  *walk)
{
  const char *date;

  if (choice->walk_uuid != NULL)
    return walk != NULL && g_strcmp0 (sw_feature_get_uuid (SW_FEATURE (walk)), choice->walk_uuid) == 0;
  if (choice->from == NULL && choice->to == NULL)
    return TRUE;
  date = walk != NULL ? sw_walk_get_date (walk) : NULL;
  return date != NULL && (choice->from == NULL || g_strcmp0 (date, choice->from) >= 0) &&
         (choice->to == NULL || g_strcmp0 (date, choice->to) <= 0);
}

static int
compare_walk_dates (gconstpointer a,
                    gconstpointer b)
{
  const SwSituationWalk *wa = a;
  const SwSituationWalk *wb = b;
  const char *da = sw_walk_get_date (wa->walk);
  const char *db = sw_walk_get_date (wb->walk);
  int by_date;

  if ((da == NULL) != (db == NULL))
    return da == NULL ? 1 : -1;
  by_date = g_strcmp0 (da, db);
  return by_date != 0 ? by_date : g_strcmp0 (sw_walk_get_title (wa->walk), sw_walk_get_title (wb->walk));
}

SwSituation *
sw_situation_new (SwProject               *project,
                  const SwSituationChoice *choice,
                  const GDate             *today)
{
  static const SwSituationChoice everything = { NULL, NULL, NULL, NULL };
  g_autoptr (GHashTable) chosen_findings = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) chosen_places = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) walk_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GListModel) ranking = NULL;
  g_autoptr (GDate) now = NULL;
  SwSituation *self;
  GListModel *findings, *measures, *places, *walks;
  gboolean anything_chosen;
  const SwTerm *severities;
  guint n_severities;

  g_return_val_if_fail (SW_IS_PROJECT (project), NULL);

  if (choice == NULL)
    choice = &everything;
  anything_chosen = choice->from != NULL || choice->to != NULL || choice->walk_uuid != NULL ||
                    choice->area != NULL;
  if (today == NULL)
    {
      now = g_date_new ();
      g_date_set_time_t (now, time (NULL));
      today = now;
    }

  self = g_new0 (SwSituation, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->by_category = counts_for (SW_VOCABULARY_CATEGORY);
  self->by_severity = g_array_new (FALSE, TRUE, sizeof (SwSituationCount));
  severities = sw_vocabulary_get_terms (SW_VOCABULARY_SEVERITY, &n_severities);
  for (int s = (int) n_severities - 1; s >= 0; s--)
    append_count (self->by_severity, severities[s].key,
                  sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, severities[s].key),
                  severities[s].color);
  append_count (self->by_severity, "positive",
                sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, "positive"),
                sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, "positive")->color);
  self->by_light = counts_for (SW_VOCABULARY_LIGHT);
  append_count (self->by_light, "", C_("light", "Not noted"), "#9a9996");
  self->by_status = counts_for (SW_VOCABULARY_MEASURE_STATUS);
  self->by_responsible = counts_for (SW_VOCABULARY_RESPONSIBLE);
  append_count (self->by_responsible, "", C_("responsible", "Not yet decided"), "#9a9996");
  self->top_places = g_ptr_array_new_with_free_func (g_object_unref);
  self->walks = g_array_new (FALSE, TRUE, sizeof (SwSituationWalk));
  g_array_set_clear_func (self->walks, (GDestroyNotify) situation_walk_clear);

  walks = sw_project_get_walks (project);
  for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
    {
      SwSituationWalk entry = { 0 };

      entry.walk = g_list_model_get_item (walks, i);
      if (!walk_chosen (choice, entry.walk))
        {
          g_object_unref (entry.walk);
          continue;
        }
      g_array_append_val (self->walks, entry);
    }
  g_array_sort (self->walks, compare_walk_dates);
  for (guint i = 0; i < self->walks->len; i++)
    g_hash_table_insert (walk_index,
                         (gpointer) sw_feature_get_uuid (SW_FEATURE (g_array_index (self->walks, SwSituationWalk, i).walk)),
                         GUINT_TO_POINTER (i + 1));

  findings = sw_project_get_findings (project);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);
      const char *walk_uuid = sw_finding_get_walk_uuid (finding);
      SwFeature *walk = walk_uuid != NULL ? sw_project_lookup (project, SW_KIND_WALK, walk_uuid) : NULL;
      const char *category = sw_finding_get_category (finding);
      const char *light = sw_finding_get_light (finding);
      int severity = sw_finding_get_severity (finding);
      gboolean positive = g_strcmp0 (category, "positive") == 0 || severity <= 0;
      guint index;

      if (!walk_chosen (choice, walk != NULL ? SW_WALK (walk) : NULL) ||
          !in_area (choice, sw_finding_get_longitude (finding), sw_finding_get_latitude (finding)))
        continue;

      self->n_findings++;
      g_hash_table_add (chosen_findings, (gpointer) sw_feature_get_uuid (SW_FEATURE (finding)));
      if (sw_finding_get_place_uuid (finding) != NULL)
        g_hash_table_add (chosen_places, (gpointer) sw_finding_get_place_uuid (finding));

      count_key (self->by_category, category, G_MAXUINT);
      if (positive)
        count_key (self->by_severity, "positive", G_MAXUINT);
      else
        {
          g_autofree char *key = g_strdup_printf ("%d", MIN (severity, 3));

          count_key (self->by_severity, key, G_MAXUINT);
        }
      count_key (self->by_light, light != NULL ? light : "", self->by_light->len - 1);

      index = walk != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (walk_index, sw_feature_get_uuid (walk))) : 0;
      if (index > 0)
        {
          SwSituationWalk *entry = &g_array_index (self->walks, SwSituationWalk, index - 1);

          entry->n_findings++;
          entry->by_severity[positive ? 0 : MIN (severity, 3)]++;
          if (g_strcmp0 (light, "dark") == 0)
            entry->n_dark++;
        }
    }

  places = sw_project_get_places (project);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr (SwPlace) place = g_list_model_get_item (places, i);

      if (!in_area (choice, sw_place_get_longitude (place), sw_place_get_latitude (place)))
        g_hash_table_remove (chosen_places, sw_feature_get_uuid (SW_FEATURE (place)));
    }
  /* Only places that exist: a finding may name one deleted since. */
  ranking = sw_project_rank_places (project, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (ranking); i++)
    {
      g_autoptr (SwPlacePriority) item = g_list_model_get_item (ranking, i);

      if (!g_hash_table_contains (chosen_places,
                                  sw_feature_get_uuid (SW_FEATURE (sw_place_priority_get_place (item)))))
        continue;
      self->n_places++;
      if (self->top_places->len < N_TOP_PLACES)
        g_ptr_array_add (self->top_places, g_object_ref (item));
    }

  measures = sw_project_get_measures (project);
  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr (SwMeasure) measure = g_list_model_get_item (measures, i);
      const char *finding_uuid = sw_measure_get_finding_uuid (measure);
      const char *place_uuid = sw_measure_get_place_uuid (measure);
      const char *status = sw_measure_get_status (measure);
      gboolean chosen;

      if (finding_uuid != NULL)
        chosen = g_hash_table_contains (chosen_findings, finding_uuid);
      else if (place_uuid != NULL)
        {
          SwFeature *place = sw_project_lookup (project, SW_KIND_PLACE, place_uuid);

          chosen = place != NULL && in_area (choice, sw_place_get_longitude (SW_PLACE (place)),
                                             sw_place_get_latitude (SW_PLACE (place)));
        }
      else
        chosen = !anything_chosen;
      if (!chosen)
        continue;

      self->n_measures++;
      if (sw_action_plan_is_overdue (measure, (GDate *) today))
        self->n_overdue++;
      count_key (self->by_status, status != NULL ? status : "proposed", G_MAXUINT);
      count_key (self->by_responsible,
                 sw_vocabulary_has_key (SW_VOCABULARY_RESPONSIBLE, sw_measure_get_responsible (measure))
                   ? sw_measure_get_responsible (measure) : "",
                 self->by_responsible->len - 1);
    }

  return self;
}

guint
sw_situation_get_n_findings (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_findings;
}

guint
sw_situation_get_n_places (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_places;
}

guint
sw_situation_get_n_measures (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_measures;
}

guint
sw_situation_get_n_overdue (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_overdue;
}

GArray *
sw_situation_get_findings_by_category (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->by_category;
}

GArray *
sw_situation_get_findings_by_severity (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->by_severity;
}

GArray *
sw_situation_get_findings_by_light (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->by_light;
}

GArray *
sw_situation_get_measures_by_status (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->by_status;
}

GArray *
sw_situation_get_measures_by_responsible (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->by_responsible;
}

GPtrArray *
sw_situation_get_top_places (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->top_places;
}

GArray *
sw_situation_get_walks (SwSituation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->walks;
}

/* Tabs and line breaks in a cell would break the table. */
static void
append_cell (GString    *text,
             const char *cell)
{
  for (const char *p = cell != NULL ? cell : ""; *p != '\0'; p++)
    g_string_append_c (text, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void
append_counts (GString    *text,
               const char *heading,
               GArray     *counts)
{
  if (text->len > 0)
    g_string_append_c (text, '\n');
  append_cell (text, heading);
  g_string_append_c (text, '\t');
  g_string_append (text, C_("table heading", "Count"));
  g_string_append_c (text, '\n');
  for (guint i = 0; i < counts->len; i++)
    {
      SwSituationCount *count = &g_array_index (counts, SwSituationCount, i);

      append_cell (text, count->label);
      g_string_append_printf (text, "\t%u\n", count->count);
    }
}

char *
sw_situation_to_tsv (SwSituation *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, "%s\t%s\n", C_("table heading", "Lägesbild"), C_("table heading", "Count"));
  g_string_append_printf (text, "%s\t%u\n", _("Findings"), self->n_findings);
  g_string_append_printf (text, "%s\t%u\n", _("Places"), self->n_places);
  g_string_append_printf (text, "%s\t%u\n", _("Measures"), self->n_measures);
  g_string_append_printf (text, "%s\t%u\n", _("Overdue measures"), self->n_overdue);

  append_counts (text, _("Findings by category"), self->by_category);
  append_counts (text, _("Findings by severity"), self->by_severity);
  append_counts (text, _("Findings by daylight and darkness"), self->by_light);

  g_string_append_printf (text, "\n%s\t%s\t%s\t%s\n", _("Places ranked highest"),
                          C_("table heading", "Rank"), C_("table heading", "Score"),
                          C_("table heading", "Findings"));
  for (guint i = 0; i < self->top_places->len; i++)
    {
      SwPlacePriority *item = self->top_places->pdata[i];

      append_cell (text, sw_place_get_name (sw_place_priority_get_place (item)));
      g_string_append_printf (text, "\t%u\t%.1f\t%u\n", sw_place_priority_get_rank (item),
                              sw_place_priority_get_score (item),
                              sw_place_priority_get_n_findings (item));
    }

  append_counts (text, _("Measures by status"), self->by_status);
  append_counts (text, _("Measures by responsible party"), self->by_responsible);

  g_string_append_printf (text, "\n%s\t%s\t%s\t%s\t%s\t%s\t%s\n", _("Trend across walks"),
                          C_("table heading", "Date"),
                          sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, "3"),
                          sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, "2"),
                          sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, "1"),
                          sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, "positive"),
                          sw_vocabulary_get_label (SW_VOCABULARY_LIGHT, "dark"));
  for (guint i = 0; i < self->walks->len; i++)
    {
      SwSituationWalk *entry = &g_array_index (self->walks, SwSituationWalk, i);

      append_cell (text, sw_walk_get_title (entry->walk));
      g_string_append_c (text, '\t');
      append_cell (text, sw_walk_get_date (entry->walk));
      g_string_append_printf (text, "\t%u\t%u\t%u\t%u\t%u\n", entry->by_severity[3],
                              entry->by_severity[2], entry->by_severity[1], entry->by_severity[0],
                              entry->n_dark);
    }
  return g_string_free (text, FALSE);
}
