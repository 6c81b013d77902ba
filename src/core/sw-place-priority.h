/* The priority of a place: a score from its findings, its rank among the
 * project's places, and the reasons, as docs/priority.md defines them. */
#pragma once

#include <gio/gio.h>

#include "sw-project.h"

G_BEGIN_DECLS

/* The weights of the score (docs/priority.md). A project keeps its own in
 * its settings, so a plan ranks the same on every computer it is opened
 * on: "priority_weight_<category key>", "priority_darkness",
 * "priority_per_walk" and "priority_per_group", each a decimal number with
 * a point. Missing or unusable settings take the defaults. */
#define SW_TYPE_PRIORITY_WEIGHTS (sw_priority_weights_get_type ())
typedef struct _SwPriorityWeights SwPriorityWeights;

GType               sw_priority_weights_get_type     (void) G_GNUC_CONST;
/* The defaults of docs/priority.md. */
SwPriorityWeights  *sw_priority_weights_new          (void);
/* The weights @project keeps in its settings. */
SwPriorityWeights  *sw_priority_weights_new_for_project (SwProject *project);
SwPriorityWeights  *sw_priority_weights_copy         (const SwPriorityWeights *self);
void                sw_priority_weights_free         (SwPriorityWeights       *self);
/* The weight of a finding's main category (a SW_VOCABULARY_CATEGORY key);
 * 1.0 for a key not in the list. */
double              sw_priority_weights_get_category (const SwPriorityWeights *self,
                                                      const char              *category);
void                sw_priority_weights_set_category (SwPriorityWeights       *self,
                                                      const char              *category,
                                                      double                   weight);
/* A finding seen in darkness counts this many times (default 1.5). */
double              sw_priority_weights_get_darkness (const SwPriorityWeights *self);
void                sw_priority_weights_set_darkness (SwPriorityWeights       *self,
                                                      double                   factor);
/* Each walk beyond the first that reports the place adds this share
 * (default 0.5, i.e. 50 %). */
double              sw_priority_weights_get_per_walk (const SwPriorityWeights *self);
void                sw_priority_weights_set_per_walk (SwPriorityWeights       *self,
                                                      double                   share);
/* Each group of people the place feels unsafe for adds this share
 * (default 0.1, i.e. 10 %); "everyone" counts as all four groups. */
double              sw_priority_weights_get_per_group (const SwPriorityWeights *self);
void                sw_priority_weights_set_per_group (SwPriorityWeights       *self,
                                                       double                   share);
/* Stores @weights in @project's settings. Weights must be 0 or more. */
gboolean            sw_project_set_priority_weights  (SwProject               *project,
                                                      const SwPriorityWeights *weights,
                                                      GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwPriorityWeights, sw_priority_weights_free)

/* One part of the explanation of a score, for the GUI's "why it ranks
 * here": @label is a translated sentence; @value is the points the part
 * adds (findings, category weights, darkness) or the factor it multiplies
 * by (walks, groups); 0 for the note on safe places. */
typedef enum
{
  SW_PRIORITY_REASON_FINDINGS,
  SW_PRIORITY_REASON_CATEGORY,
  SW_PRIORITY_REASON_DARKNESS,
  SW_PRIORITY_REASON_WALKS,
  SW_PRIORITY_REASON_GROUPS,
  SW_PRIORITY_REASON_POSITIVE,
} SwPriorityReasonKind;

typedef struct
{
  SwPriorityReasonKind kind;
  char *label;
  double value;
} SwPriorityReason;

/* The priority of one place, made by sw_project_rank_places(). */
#define SW_TYPE_PLACE_PRIORITY (sw_place_priority_get_type ())
G_DECLARE_FINAL_TYPE (SwPlacePriority, sw_place_priority, SW, PLACE_PRIORITY, GObject)

/* The listed place. */
SwPlace    *sw_place_priority_get_place        (SwPlacePriority *self);
/* The score (0 for a place with only safe and pleasant findings). */
double      sw_place_priority_get_score        (SwPlacePriority *self);
/* 1 for the highest score; every place has its own rank. */
guint       sw_place_priority_get_rank         (SwPlacePriority *self);
/* The score over the highest score of the ranking, 0 to 1: for colouring
 * places on the map. */
double      sw_place_priority_get_relative     (SwPlacePriority *self);
/* Findings that count (not safe and pleasant ones), those safe and
 * pleasant, those seen in darkness, the distinct walks reporting the
 * place, the highest severity and the sum of severities. */
guint       sw_place_priority_get_n_findings   (SwPlacePriority *self);
guint       sw_place_priority_get_n_positive   (SwPlacePriority *self);
guint       sw_place_priority_get_n_dark       (SwPlacePriority *self);
guint       sw_place_priority_get_n_walks      (SwPlacePriority *self);
int         sw_place_priority_get_max_severity (SwPlacePriority *self);
int         sw_place_priority_get_severity_sum (SwPlacePriority *self);
/* The groups the place feels unsafe for, as SW_VOCABULARY_UNSAFE_FOR keys
 * separated by commas ("everyone" spelt out), or NULL. */
const char *sw_place_priority_get_unsafe_for   (SwPlacePriority *self);
/* The parts of the score in the order of the formula: SwPriorityReason
 * items owned by @self. */
GPtrArray  *sw_place_priority_get_reasons      (SwPlacePriority *self);
/* All of it as translated lines, for a tooltip or a printed table:
 * "Rank 2 of 9, score 13.5" and one line per reason. */
char       *sw_place_priority_dup_explanation  (SwPlacePriority *self);

/* Ranks every place of @project by priority with @weights (NULL: the
 * project's): a new list of SwPlacePriority, highest first. Ties go to more
 * findings, then the higher severity, then the name. Quick (one pass over
 * findings and places): call it again after edits. Main thread. */
GListModel      *sw_project_rank_places  (SwProject               *project,
                                          const SwPriorityWeights *weights);
/* The item of @ranking for the place with @place_uuid, or NULL
 * (transfer none). */
SwPlacePriority *sw_place_ranking_lookup (GListModel              *ranking,
                                          const char              *place_uuid);

G_END_DECLS
