/* The priority of places: the formula of docs/priority.md, the ranking and
 * the reasons the app shows for it. */
#define G_LOG_DOMAIN "sw-place-priority"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sw-place-priority.h"
#include "sw-vocabulary.h"

/* ---------------------------------------------------------------------- */
/* Weights                                                                */

#define N_CATEGORY_WEIGHTS 16

struct _SwPriorityWeights
{
  /* In the order of the category list; entries past it are unused. */
  double category[N_CATEGORY_WEIGHTS];
  double darkness;
  double per_walk;
  double per_group;
};

G_DEFINE_BOXED_TYPE (SwPriorityWeights, sw_priority_weights,
                     sw_priority_weights_copy, sw_priority_weights_free)

/* Defaults of docs/priority.md: what makes people avoid a place outright
 * (darkness, hiding places, tunnels) weighs more than what is unpleasant
 * (litter, signs). */
static const struct
{
  const char *key;
  double weight;
} default_category_weights[] = {
  { "lighting", 1.2 },
  { "vegetation", 1.0 },
  { "overview", 1.2 },
  { "wayfinding", 0.8 },
  { "maintenance", 0.8 },
  { "people", 1.0 },
  { "passages", 1.3 },
  { "walkpath", 1.0 },
  { "traffic", 1.0 },
  { "other", 1.0 },
  { "positive", 0.0 },
};

static int
category_index (const char *category)
{
  const SwTerm *terms;
  guint n;

  if (category == NULL)
    return -1;
  terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n);
  for (guint i = 0; i < n && i < N_CATEGORY_WEIGHTS; i++)
    if (g_str_equal (terms[i].key, category))
      return (int) i;
  return -1;
}

SwPriorityWeights *
sw_priority_weights_new (void)
{
  SwPriorityWeights *self = g_new0 (SwPriorityWeights, 1);

  for (guint i = 0; i < N_CATEGORY_WEIGHTS; i++)
    self->category[i] = 1.0;
  for (guint i = 0; i < G_N_ELEMENTS (default_category_weights); i++)
    sw_priority_weights_set_category (self, default_category_weights[i].key,
                                      default_category_weights[i].weight);
  self->darkness = 1.5;
  self->per_walk = 0.5;
  self->per_group = 0.1;
  return self;
}

static gboolean
read_weight (SwProject  *project,
             const char *key,
             double     *weight)
{
  g_autofree char *text = sw_project_dup_setting (project, key);
  char *end = NULL;
  double value;

  if (text == NULL)
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < 0.0)
    return FALSE;
  *weight = value;
  return TRUE;
}

SwPriorityWeights *
sw_priority_weights_new_for_project (SwProject *project)
{
  SwPriorityWeights *self = sw_priority_weights_new ();
  const SwTerm *terms;
  guint n;

  g_return_val_if_fail (SW_IS_PROJECT (project), self);

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n);
  for (guint i = 0; i < n && i < N_CATEGORY_WEIGHTS; i++)
    {
      g_autofree char *key = g_strconcat ("priority_weight_", terms[i].key, NULL);

      read_weight (project, key, &self->category[i]);
    }
  read_weight (project, "priority_darkness", &self->darkness);
  read_weight (project, "priority_per_walk", &self->per_walk);
  read_weight (project, "priority_per_group", &self->per_group);
  return self;
}

SwPriorityWeights *
sw_priority_weights_copy (const SwPriorityWeights *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
sw_priority_weights_free (SwPriorityWeights *self)
{
  g_free (self);
}

double
sw_priority_weights_get_category (const SwPriorityWeights *self,
                                  const char              *category)
{
  int index = category_index (category);

  g_return_val_if_fail (self != NULL, 1.0);

  return index >= 0 ? self->category[index] : 1.0;
}

void
sw_priority_weights_set_category (SwPriorityWeights *self,
                                  const char        *category,
                                  double             weight)
{
  int index = category_index (category);

  g_return_if_fail (self != NULL);
  g_return_if_fail (index >= 0);
  g_return_if_fail (weight >= 0.0);

  self->category[index] = weight;
}

double
sw_priority_weights_get_darkness (const SwPriorityWeights *self)
{
  g_return_val_if_fail (self != NULL, 1.0);
  return self->darkness;
}

void
sw_priority_weights_set_darkness (SwPriorityWeights *self,
                                  double             factor)
{
  g_return_if_fail (self != NULL && factor >= 0.0);
  self->darkness = factor;
}

double
sw_priority_weights_get_per_walk (const SwPriorityWeights *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->per_walk;
}

void
sw_priority_weights_set_per_walk (SwPriorityWeights *self,
                                  double             share)
{
  g_return_if_fail (self != NULL && share >= 0.0);
  self->per_walk = share;
}

double
sw_priority_weights_get_per_group (const SwPriorityWeights *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->per_group;
}

void
sw_priority_weights_set_per_group (SwPriorityWeights *self,
                                   double             share)
{
  g_return_if_fail (self != NULL && share >= 0.0);
  self->per_group = share;
}

static gboolean
write_weight (SwProject   *project,
              const char  *key,
              double       value,
              GError     **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (text, sizeof text, value);
  return sw_project_set_setting (project, key, text, error);
}

gboolean
sw_project_set_priority_weights (SwProject                *project,
                                 const SwPriorityWeights  *weights,
                                 GError                  **error)
{
  const SwTerm *terms;
  guint n;

  g_return_val_if_fail (SW_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n);
  for (guint i = 0; i < n && i < N_CATEGORY_WEIGHTS; i++)
    {
      g_autofree char *key = g_strconcat ("priority_weight_", terms[i].key, NULL);

      if (!write_weight (project, key, weights->category[i], error))
        return FALSE;
    }
  return write_weight (project, "priority_darkness", weights->darkness, error) &&
         write_weight (project, "priority_per_walk", weights->per_walk, error) &&
         write_weight (project, "priority_per_group", weights->per_group, error);
}

/* ---------------------------------------------------------------------- */
/* One place's priority                                                   */

struct _SwPlacePriority
{
  GObject parent_instance;

  SwPlace *place;
  double score;
  guint rank;
  guint n_ranked;
  double relative;
  guint n_findings;
  guint n_positive;
  guint n_dark;
  guint n_walks;
  int max_severity;
  int severity_sum;
  char *unsafe_for;
  GPtrArray *reasons;

  /* While scoring: */
  double category_points;
  double dark_points;
  double walk_factor;
  double group_factor;
  GHashTable *walks;
  guint groups;
  /* Severity sum per category, for the reason line. */
  double category_severity[N_CATEGORY_WEIGHTS];
  guint n_by_severity[4];
};

G_DEFINE_FINAL_TYPE (SwPlacePriority, sw_place_priority, G_TYPE_OBJECT)

static void
sw_priority_reason_free (SwPriorityReason *reason)
{
  g_free (reason->label);
  g_free (reason);
}

static void
sw_place_priority_finalize (GObject *object)
{
  SwPlacePriority *self = SW_PLACE_PRIORITY (object);

  g_clear_object (&self->place);
  g_clear_pointer (&self->unsafe_for, g_free);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_clear_pointer (&self->walks, g_hash_table_unref);

  G_OBJECT_CLASS (sw_place_priority_parent_class)->finalize (object);
}

static void
sw_place_priority_class_init (SwPlacePriorityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sw_place_priority_finalize;
}

static void
sw_place_priority_init (SwPlacePriority *self)
{
  self->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_priority_reason_free);
  self->walks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

SwPlace *
sw_place_priority_get_place (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), NULL);
  return self->place;
}

double
sw_place_priority_get_score (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), 0.0);
  return self->score;
}

guint
sw_place_priority_get_rank (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), 0);
  return self->rank;
}

double
sw_place_priority_get_relative (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), 0.0);
  return self->relative;
}

guint
sw_place_priority_get_n_findings (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), 0);
  return self->n_findings;
}

guint
sw_place_priority_get_n_positive (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), 0);
  return self->n_positive;
}

guint
sw_place_priority_get_n_dark (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), 0);
  return self->n_dark;
}

guint
sw_place_priority_get_n_walks (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), 0);
  return self->n_walks;
}

int
sw_place_priority_get_max_severity (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), 0);
  return self->max_severity;
}

int
sw_place_priority_get_severity_sum (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), 0);
  return self->severity_sum;
}

const char *
sw_place_priority_get_unsafe_for (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), NULL);
  return self->unsafe_for;
}

GPtrArray *
sw_place_priority_get_reasons (SwPlacePriority *self)
{
  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), NULL);
  return self->reasons;
}

char *
sw_place_priority_dup_explanation (SwPlacePriority *self)
{
  GString *text;

  g_return_val_if_fail (SW_IS_PLACE_PRIORITY (self), NULL);

  text = g_string_new (NULL);
  /* TRANSLATORS: "Rank 2 of 9, score 13.5" */
  g_string_append_printf (text, _("Rank %u of %u, score %.1f"), self->rank, self->n_ranked,
                          self->score);
  for (guint i = 0; i < self->reasons->len; i++)
    {
      SwPriorityReason *reason = self->reasons->pdata[i];

      g_string_append_c (text, '\n');
      g_string_append (text, reason->label);
    }
  return g_string_free (text, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Scoring                                                                */

static const char *const specific_groups[] = { "women", "elderly", "young", "disabilities" };

/* The groups a finding names, as a bit set over specific_groups. */
static guint
group_bits (const char *unsafe_for)
{
  g_auto (GStrv) parts = NULL;
  guint bits = 0;

  if (unsafe_for == NULL || *unsafe_for == '\0')
    return 0;
  parts = g_strsplit (unsafe_for, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *key = g_strstrip (parts[i]);

      if (g_str_equal (key, "everyone"))
        bits |= (1u << G_N_ELEMENTS (specific_groups)) - 1;
      for (guint g = 0; g < G_N_ELEMENTS (specific_groups); g++)
        if (g_str_equal (key, specific_groups[g]))
          bits |= 1u << g;
    }
  return bits;
}

static void
add_reason (SwPlacePriority      *self,
            SwPriorityReasonKind  kind,
            double                value,
            char                 *label)
{
  SwPriorityReason *reason = g_new0 (SwPriorityReason, 1);

  reason->kind = kind;
  reason->value = value;
  reason->label = label;
  g_ptr_array_add (self->reasons, reason);
}

static char *
format_factor (double factor)
{
  /* "1.5", "1.25", "1.2": as few decimals as the factor needs. */
  char *text = g_strdup_printf ("%.2f", factor);
  gsize len = strlen (text);

  while (len > 0 && text[len - 1] == '0')
    text[--len] = '\0';
  if (len > 0 && (text[len - 1] == '.' || text[len - 1] == ','))
    text[--len] = '\0';
  return text;
}

static void
explain (SwPlacePriority         *self,
         const SwPriorityWeights *weights)
{
  if (self->n_findings > 0)
    {
      GString *parts = g_string_new (NULL);
      static const char *const severity_keys[] = { NULL, "1", "2", "3" };

      for (int s = 3; s >= 1; s--)
        if (self->n_by_severity[s] > 0)
          {
            if (parts->len > 0)
              g_string_append (parts, ", ");
            /* TRANSLATORS: a count of findings by severity, "2 high" */
            g_string_append_printf (parts, C_("severity count", "%u %s"), self->n_by_severity[s],
                                    sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, severity_keys[s]));
          }
      add_reason (self, SW_PRIORITY_REASON_FINDINGS, self->severity_sum,
                  /* TRANSLATORS: "3 findings (1 High, 2 Medium): 7 points of severity" */
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u finding (%s): %d points of severity",
                                                "%u findings (%s): %d points of severity",
                                                self->n_findings),
                                   self->n_findings, parts->str, self->severity_sum));
      g_string_free (parts, TRUE);
    }

  if (fabs (self->category_points) > 1e-9)
    {
      GString *parts = g_string_new (NULL);
      const SwTerm *terms;
      guint n;

      terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n);
      for (guint i = 0; i < n && i < N_CATEGORY_WEIGHTS; i++)
        {
          g_autofree char *factor = NULL;

          if (self->category_severity[i] == 0.0 || fabs (weights->category[i] - 1.0) < 1e-9)
            continue;
          factor = format_factor (weights->category[i]);
          if (parts->len > 0)
            g_string_append (parts, ", ");
          /* TRANSLATORS: a category and its weight, "Lighting ×1.2" */
          g_string_append_printf (parts, C_("category weight", "%s ×%s"),
                                  sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, terms[i].key),
                                  factor);
        }
      add_reason (self, SW_PRIORITY_REASON_CATEGORY, self->category_points,
                  /* TRANSLATORS: "Category weights (Lighting ×1.2): +1.2 points" */
                  g_strdup_printf (_("Category weights (%s): %+.1f points"), parts->str,
                                   self->category_points));
      g_string_free (parts, TRUE);
    }

  if (self->n_dark > 0 && fabs (self->dark_points) > 1e-9)
    {
      g_autofree char *factor = format_factor (weights->darkness);

      add_reason (self, SW_PRIORITY_REASON_DARKNESS, self->dark_points,
                  /* TRANSLATORS: "2 of 3 findings in darkness, counted ×1.5: +4.8 points" */
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u of %u finding in darkness, counted ×%s: %+.1f points",
                                                "%u of %u findings in darkness, counted ×%s: %+.1f points",
                                                self->n_findings),
                                   self->n_dark, self->n_findings, factor, self->dark_points));
    }

  if (self->n_walks > 1 && fabs (self->walk_factor - 1.0) > 1e-9)
    {
      g_autofree char *factor = format_factor (self->walk_factor);

      add_reason (self, SW_PRIORITY_REASON_WALKS, self->walk_factor,
                  /* TRANSLATORS: "Reported on 2 walks: ×1.5" */
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reported on %u walk: ×%s",
                                                "Reported on %u walks: ×%s", self->n_walks),
                                   self->n_walks, factor));
    }

  if (self->groups > 0 && fabs (self->group_factor - 1.0) > 1e-9)
    {
      g_autofree char *factor = format_factor (self->group_factor);
      GString *names = g_string_new (NULL);

      for (guint g = 0; g < G_N_ELEMENTS (specific_groups); g++)
        if (self->groups & (1u << g))
          {
            if (names->len > 0)
              g_string_append (names, ", ");
            g_string_append (names, sw_vocabulary_get_label (SW_VOCABULARY_UNSAFE_FOR,
                                                             specific_groups[g]));
          }
      add_reason (self, SW_PRIORITY_REASON_GROUPS, self->group_factor,
                  /* TRANSLATORS: "Feels unsafe for Women, Elderly: ×1.2" */
                  g_strdup_printf (_("Feels unsafe for %s: ×%s"), names->str, factor));
      g_string_free (names, TRUE);
    }

  if (self->n_positive > 0)
    add_reason (self, SW_PRIORITY_REASON_POSITIVE, 0.0,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u safe and pleasant finding, not counted",
                                              "%u safe and pleasant findings, not counted",
                                              self->n_positive),
                                 self->n_positive));
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  SwPlacePriority *pa = *(SwPlacePriority **) a;
  SwPlacePriority *pb = *(SwPlacePriority **) b;
  int by_name;

  if (pa->score != pb->score)
    return pa->score > pb->score ? -1 : 1;
  if (pa->n_findings != pb->n_findings)
    return pa->n_findings > pb->n_findings ? -1 : 1;
  if (pa->max_severity != pb->max_severity)
    return pa->max_severity > pb->max_severity ? -1 : 1;
  by_name = g_utf8_collate (sw_place_get_name (pa->place) != NULL ? sw_place_get_name (pa->place) : "",
                            sw_place_get_name (pb->place) != NULL ? sw_place_get_name (pb->place) : "");
  if (by_name != 0)
    return by_name;
  return g_strcmp0 (sw_feature_get_uuid (SW_FEATURE (pa->place)),
                    sw_feature_get_uuid (SW_FEATURE (pb->place)));
}

GListModel *
sw_project_rank_places (SwProject               *project,
                        const SwPriorityWeights *weights)
{
  g_autoptr (SwPriorityWeights) own_weights = NULL;
  g_autoptr (GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store = g_list_store_new (SW_TYPE_PLACE_PRIORITY);
  GListModel *places, *findings;
  double top = 0.0;
  guint n;

  g_return_val_if_fail (SW_IS_PROJECT (project), G_LIST_MODEL (store));

  if (weights == NULL)
    weights = own_weights = sw_priority_weights_new_for_project (project);

  places = sw_project_get_places (project);
  n = g_list_model_get_n_items (places);
  for (guint i = 0; i < n; i++)
    {
      SwPlacePriority *item = g_object_new (SW_TYPE_PLACE_PRIORITY, NULL);

      item->place = g_list_model_get_item (places, i);
      g_ptr_array_add (items, item);
      g_hash_table_insert (by_uuid, (gpointer) sw_feature_get_uuid (SW_FEATURE (item->place)), item);
    }

  findings = sw_project_get_findings (project);
  n = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);
      SwPlacePriority *item = NULL;
      const char *category = sw_finding_get_category (finding);
      const char *light = sw_finding_get_light (finding);
      const char *walk_uuid = sw_finding_get_walk_uuid (finding);
      int severity = sw_finding_get_severity (finding);
      int index = category_index (category);
      double weight, points, dark;

      if (sw_finding_get_place_uuid (finding) != NULL)
        item = g_hash_table_lookup (by_uuid, sw_finding_get_place_uuid (finding));
      if (item == NULL)
        continue;

      if (g_strcmp0 (category, "positive") == 0 || severity <= 0)
        {
          item->n_positive++;
          continue;
        }
      severity = MIN (severity, 3);

      /* A finding that does not say takes the light of its walk. */
      if (light == NULL && walk_uuid != NULL)
        {
          SwFeature *walk = sw_project_lookup (project, SW_KIND_WALK, walk_uuid);

          if (walk != NULL)
            light = sw_walk_get_light (SW_WALK (walk));
        }

      weight = sw_priority_weights_get_category (weights, category);
      dark = g_strcmp0 (light, "dark") == 0 ? weights->darkness : 1.0;
      points = severity * weight * dark;

      item->n_findings++;
      item->n_by_severity[severity]++;
      item->severity_sum += severity;
      item->max_severity = MAX (item->max_severity, severity);
      item->category_points += severity * (weight - 1.0);
      item->dark_points += points - severity * weight;
      item->score += points;
      if (g_strcmp0 (light, "dark") == 0)
        item->n_dark++;
      if (index >= 0)
        item->category_severity[index] += severity;
      g_hash_table_add (item->walks, g_strdup (walk_uuid != NULL ? walk_uuid : ""));
      item->groups |= group_bits (sw_finding_get_unsafe_for (finding));
    }

  for (guint i = 0; i < items->len; i++)
    {
      SwPlacePriority *item = items->pdata[i];
      guint n_groups = 0;

      item->n_walks = g_hash_table_size (item->walks);
      for (guint g = 0; g < G_N_ELEMENTS (specific_groups); g++)
        if (item->groups & (1u << g))
          n_groups++;
      item->walk_factor = 1.0 + weights->per_walk * (item->n_walks > 0 ? item->n_walks - 1 : 0);
      item->group_factor = 1.0 + weights->per_group * n_groups;
      item->score *= item->walk_factor * item->group_factor;
      if (n_groups > 0)
        {
          GString *keys = g_string_new (NULL);

          for (guint g = 0; g < G_N_ELEMENTS (specific_groups); g++)
            if (item->groups & (1u << g))
              {
                if (keys->len > 0)
                  g_string_append_c (keys, ',');
                g_string_append (keys, specific_groups[g]);
              }
          item->unsafe_for = g_string_free (keys, FALSE);
        }
      top = MAX (top, item->score);
      explain (item, weights);
    }

  g_ptr_array_sort (items, compare_priority);
  for (guint i = 0; i < items->len; i++)
    {
      SwPlacePriority *item = items->pdata[i];

      item->rank = i + 1;
      item->n_ranked = items->len;
      item->relative = top > 0.0 ? item->score / top : 0.0;
    }
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
}

SwPlacePriority *
sw_place_ranking_lookup (GListModel *ranking,
                         const char *place_uuid)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (ranking), NULL);

  if (place_uuid == NULL)
    return NULL;
  n = g_list_model_get_n_items (ranking);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwPlacePriority) item = g_list_model_get_item (ranking, i);

      if (g_strcmp0 (sw_feature_get_uuid (SW_FEATURE (item->place)), place_uuid) == 0)
        return item;
    }
  return NULL;
}
