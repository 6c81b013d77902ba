/* The fixed word lists of the method: categories, measures, statuses, parties. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One entry of a word list: a stable key used in files and exports, an
 * untranslated label (show it through sw_vocabulary_get_label(), which
 * translates it in its list's context), and for categories a colour and a
 * symbolic icon name. */
typedef struct
{
  const char *key;
  const char *label;
  const char *color;
  const char *icon_name;
} SwTerm;

typedef enum
{
  SW_VOCABULARY_CATEGORY,
  SW_VOCABULARY_MEASURE_TYPE,
  SW_VOCABULARY_MEASURE_STATUS,
  SW_VOCABULARY_RESPONSIBLE,
  SW_VOCABULARY_LIGHT,
  SW_VOCABULARY_UNSAFE_FOR,
  SW_VOCABULARY_SEVERITY,
  SW_VOCABULARY_EFFECT,
} SwVocabulary;

const SwTerm *sw_vocabulary_get_terms  (SwVocabulary  vocabulary,
                                        guint        *n_terms);
const SwTerm *sw_vocabulary_lookup     (SwVocabulary  vocabulary,
                                        const char   *key);
const char   *sw_vocabulary_get_label  (SwVocabulary  vocabulary,
                                        const char   *key);
gboolean      sw_vocabulary_has_key    (SwVocabulary  vocabulary,
                                        const char   *key);

G_END_DECLS
