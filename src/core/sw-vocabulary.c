/* The fixed word lists of DOMAIN.md, with their stable keys and labels. */
#define G_LOG_DOMAIN "sw-vocabulary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sw-vocabulary.h"

static const SwTerm categories[] = {
  { "lighting",    N_("Lighting"),                             "#f5c211", "sw-category-lighting-symbolic" },
  { "vegetation",  N_("Vegetation blocking sight"),            "#2ec27e", "sw-category-vegetation-symbolic" },
  { "overview",    N_("Overview, hiding places"),              "#9141ac", "sw-category-overview-symbolic" },
  { "wayfinding",  N_("Wayfinding and signage"),               "#3584e4", "sw-category-wayfinding-symbolic" },
  { "maintenance", N_("Maintenance: graffiti, litter, vandalism"), "#986a44", "sw-category-maintenance-symbolic" },
  { "people",      N_("People: deserted places"),              "#e66100", "sw-category-people-symbolic" },
  { "passages",    N_("Tunnels, passages, no alternative routes"), "#613583", "sw-category-passages-symbolic" },
  { "walkpath",    N_("Walking path and accessibility"),       "#1c71d8", "sw-category-walkpath-symbolic" },
  { "traffic",     N_("Traffic and crossings"),                "#c01c28", "sw-category-traffic-symbolic" },
  { "other",       N_("Other"),                                "#77767b", "sw-category-other-symbolic" },
  { "positive",    N_("Safe and pleasant place"),              "#26a269", "sw-category-positive-symbolic" },
};

static const SwTerm measure_types[] = {
  { "lighting",  N_("New or better lighting"), NULL, NULL },
  { "vegetation", N_("Clearing and pruning"), NULL, NULL },
  { "cleaning",  N_("Cleaning, graffiti removal"), NULL, NULL },
  { "repair",    N_("Repair of damage"), NULL, NULL },
  { "art",       N_("Art installation, e.g. neon art"), NULL, NULL },
  { "signage",   N_("Signage"), NULL, NULL },
  { "redesign",  N_("Redesign, open sight lines"), NULL, NULL },
  { "presence",  N_("More presence: safety hosts, night walkers, police"), NULL, NULL },
  { "activity",  N_("Activities that bring people"), NULL, NULL },
  { "traffic",   N_("Traffic safety"), NULL, NULL },
  { "camera",    N_("Camera surveillance (needs a permit)"), NULL, NULL },
  { "other",     N_("Other"), NULL, NULL },
};

/* Colours follow the plan convention: red not started, amber in progress,
 * green done. */
static const SwTerm measure_statuses[] = {
  { "proposed",    N_("Proposed"),    "#e01b24", NULL },
  { "decided",     N_("Decided"),     "#e01b24", NULL },
  { "in-progress", N_("In progress"), "#f6d32d", NULL },
  { "done",        N_("Done"),        "#33d17a", NULL },
  { "rejected",    N_("Rejected"),    "#77767b", NULL },
  { "followed-up", N_("Followed up"), "#33d17a", NULL },
};

static const SwTerm responsibles[] = {
  { "municipality",      N_("Municipality"), NULL, NULL },
  { "property-owner",    N_("Property owner"), NULL, NULL },
  { "housing-company",   N_("Housing company"), NULL, NULL },
  { "police",            N_("Police"), NULL, NULL },
  { "transport-admin",   N_("Swedish Transport Administration"), NULL, NULL },
  { "public-transport",  N_("Region, public transport"), NULL, NULL },
  { "association",       N_("Association"), NULL, NULL },
  { "other",             N_("Other"), NULL, NULL },
};

static const SwTerm lights[] = {
  { "daylight", N_("Daylight"), NULL, "weather-clear-symbolic" },
  { "dark",     N_("Darkness"), NULL, "weather-clear-night-symbolic" },
};

static const SwTerm unsafe_for[] = {
  { "women",       N_("Women"), NULL, NULL },
  { "elderly",     N_("Elderly"), NULL, NULL },
  { "young",       N_("Children and young people"), NULL, NULL },
  { "disabilities", N_("People with disabilities"), NULL, NULL },
  { "everyone",    N_("Everyone"), NULL, NULL },
};

static const SwTerm severities[] = {
  { "1", N_("Low"),    "#f6d32d", NULL },
  { "2", N_("Medium"), "#ff7800", NULL },
  { "3", N_("High"),   "#e01b24", NULL },
};

static const SwTerm effects[] = {
  { "better",    N_("Better"), "#33d17a", NULL },
  { "unchanged", N_("Unchanged"), "#f6d32d", NULL },
  { "worse",     N_("Worse"), "#e01b24", NULL },
};

const SwTerm *
sw_vocabulary_get_terms (SwVocabulary  vocabulary,
                         guint        *n_terms)
{
  const SwTerm *terms = NULL;
  guint n = 0;

#define TERMS(array) terms = array; n = G_N_ELEMENTS (array); break
  switch (vocabulary)
    {
    case SW_VOCABULARY_CATEGORY: TERMS (categories);
    case SW_VOCABULARY_MEASURE_TYPE: TERMS (measure_types);
    case SW_VOCABULARY_MEASURE_STATUS: TERMS (measure_statuses);
    case SW_VOCABULARY_RESPONSIBLE: TERMS (responsibles);
    case SW_VOCABULARY_LIGHT: TERMS (lights);
    case SW_VOCABULARY_UNSAFE_FOR: TERMS (unsafe_for);
    case SW_VOCABULARY_SEVERITY: TERMS (severities);
    case SW_VOCABULARY_EFFECT: TERMS (effects);
    default:
      g_return_val_if_reached (NULL);
    }
#undef TERMS

  if (n_terms != NULL)
    *n_terms = n;
  return terms;
}

const SwTerm *
sw_vocabulary_lookup (SwVocabulary  vocabulary,
                      const char   *key)
{
  const SwTerm *terms;
  guint n;

  if (key == NULL)
    return NULL;

  terms = sw_vocabulary_get_terms (vocabulary, &n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (terms[i].key, key))
      return &terms[i];
  return NULL;
}

/* The translated label, or the key itself for a word the app does not know
 * (a file from a newer version may carry one). */
const char *
sw_vocabulary_get_label (SwVocabulary  vocabulary,
                         const char   *key)
{
  const SwTerm *term = sw_vocabulary_lookup (vocabulary, key);

  if (term == NULL)
    return key;
  return g_dgettext (GETTEXT_PACKAGE, term->label);
}

gboolean
sw_vocabulary_has_key (SwVocabulary  vocabulary,
                       const char   *key)
{
  return sw_vocabulary_lookup (vocabulary, key) != NULL;
}
