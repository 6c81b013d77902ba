/* The fixed word lists of DOMAIN.md, with their stable keys and labels. */
#define G_LOG_DOMAIN "sw-vocabulary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sw-vocabulary.h"

static const SwTerm categories[] = {
  { "lighting",    NC_("category", "Lighting"),                             "#f5c211", "sw-category-lighting-symbolic" },
  { "vegetation",  NC_("category", "Vegetation blocking sight"),            "#2ec27e", "sw-category-vegetation-symbolic" },
  { "overview",    NC_("category", "Overview, hiding places"),              "#9141ac", "sw-category-overview-symbolic" },
  { "wayfinding",  NC_("category", "Wayfinding and signage"),               "#3584e4", "sw-category-wayfinding-symbolic" },
  { "maintenance", NC_("category", "Maintenance: graffiti, litter, vandalism"), "#986a44", "sw-category-maintenance-symbolic" },
  { "people",      NC_("category", "People: deserted places"),              "#e66100", "sw-category-people-symbolic" },
  { "passages",    NC_("category", "Tunnels, passages, no alternative routes"), "#613583", "sw-category-passages-symbolic" },
  { "walkpath",    NC_("category", "Walking path and accessibility"),       "#1c71d8", "sw-category-walkpath-symbolic" },
  { "traffic",     NC_("category", "Traffic and crossings"),                "#c01c28", "sw-category-traffic-symbolic" },
  { "other",       NC_("category", "Other"),                                "#77767b", "sw-category-other-symbolic" },
  { "positive",    NC_("category", "Safe and pleasant place"),              "#26a269", "sw-category-positive-symbolic" },
};

static const SwTerm measure_types[] = {
  { "lighting",  NC_("measure type", "New or better lighting"), NULL, NULL },
  { "vegetation", NC_("measure type", "Clearing and pruning"), NULL, NULL },
  { "cleaning",  NC_("measure type", "Cleaning, graffiti removal"), NULL, NULL },
  { "repair",    NC_("measure type", "Repair of damage"), NULL, NULL },
  { "art",       NC_("measure type", "Art installation, e.g. neon art"), NULL, NULL },
  { "signage",   NC_("measure type", "Signage"), NULL, NULL },
  { "redesign",  NC_("measure type", "Redesign, open sight lines"), NULL, NULL },
  { "presence",  NC_("measure type", "More presence: safety hosts, night walkers, police"), NULL, NULL },
  { "activity",  NC_("measure type", "Activities that bring people"), NULL, NULL },
  { "traffic",   NC_("measure type", "Traffic safety"), NULL, NULL },
  { "camera",    NC_("measure type", "Camera surveillance (needs a permit)"), NULL, NULL },
  { "other",     NC_("measure type", "Other"), NULL, NULL },
};

/* Colours follow the plan convention: red not started, amber in progress,
 * green done. */
static const SwTerm measure_statuses[] = {
  { "proposed",    NC_("measure status", "Proposed"),    "#e01b24", NULL },
  { "decided",     NC_("measure status", "Decided"),     "#e01b24", NULL },
  { "in-progress", NC_("measure status", "In progress"), "#f6d32d", NULL },
  { "done",        NC_("measure status", "Done"),        "#33d17a", NULL },
  { "rejected",    NC_("measure status", "Rejected"),    "#77767b", NULL },
  { "followed-up", NC_("measure status", "Followed up"), "#33d17a", NULL },
};

static const SwTerm responsibles[] = {
  { "municipality",      NC_("responsible", "Municipality"), NULL, NULL },
  { "property-owner",    NC_("responsible", "Property owner"), NULL, NULL },
  { "housing-company",   NC_("responsible", "Housing company"), NULL, NULL },
  { "police",            NC_("responsible", "Police"), NULL, NULL },
  { "transport-admin",   NC_("responsible", "Swedish Transport Administration"), NULL, NULL },
  { "public-transport",  NC_("responsible", "Region, public transport"), NULL, NULL },
  { "association",       NC_("responsible", "Association"), NULL, NULL },
  { "other",             NC_("responsible", "Other"), NULL, NULL },
};

static const SwTerm lights[] = {
  { "daylight", NC_("light", "Daylight"), NULL, "weather-clear-symbolic" },
  { "dark",     NC_("light", "Darkness"), NULL, "weather-clear-night-symbolic" },
};

static const SwTerm unsafe_for[] = {
  { "women",       NC_("unsafe for", "Women"), NULL, NULL },
  { "elderly",     NC_("unsafe for", "Elderly"), NULL, NULL },
  { "young",       NC_("unsafe for", "Children and young people"), NULL, NULL },
  { "disabilities", NC_("unsafe for", "People with disabilities"), NULL, NULL },
  { "everyone",    NC_("unsafe for", "Everyone"), NULL, NULL },
};

static const SwTerm severities[] = {
  { "1", NC_("severity", "Low"),    "#f6d32d", NULL },
  { "2", NC_("severity", "Medium"), "#ff7800", NULL },
  { "3", NC_("severity", "High"),   "#e01b24", NULL },
};

static const SwTerm effects[] = {
  { "better",    NC_("effect", "Better"), "#33d17a", NULL },
  { "unchanged", NC_("effect", "Unchanged"), "#f6d32d", NULL },
  { "worse",     NC_("effect", "Worse"), "#e01b24", NULL },
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

/* Each list is translated in its own context: the same English word can be
 * two Swedish ones ("Other" is Övrigt as a category, Annan as a party). */
static const char *
vocabulary_context (SwVocabulary vocabulary)
{
  switch (vocabulary)
    {
    case SW_VOCABULARY_CATEGORY: return "category";
    case SW_VOCABULARY_MEASURE_TYPE: return "measure type";
    case SW_VOCABULARY_MEASURE_STATUS: return "measure status";
    case SW_VOCABULARY_RESPONSIBLE: return "responsible";
    case SW_VOCABULARY_LIGHT: return "light";
    case SW_VOCABULARY_UNSAFE_FOR: return "unsafe for";
    case SW_VOCABULARY_SEVERITY: return "severity";
    case SW_VOCABULARY_EFFECT: return "effect";
    default:
      g_return_val_if_reached (NULL);
    }
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
  return g_dpgettext2 (GETTEXT_PACKAGE, vocabulary_context (vocabulary), term->label);
}

gboolean
sw_vocabulary_has_key (SwVocabulary  vocabulary,
                       const char   *key)
{
  return sw_vocabulary_lookup (vocabulary, key) != NULL;
}
