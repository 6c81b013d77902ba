/* From findings to places: a snapshot on the main thread, the grouping on
 * plain arrays (any thread), and one edit that stores it. */
#define G_LOG_DOMAIN "sw-place-grouping"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "sw-crs-transform.h"
#include "sw-grouping.h"
#include "sw-place-grouping.h"
#include "sw-project-private.h"

/* One finding as the grouping sees it. */
typedef struct
{
  char *uuid;
  char *label;
  double longitude;
  double latitude;
  /* Index into places, or -1. */
  int place;
  gboolean pinned;

  /* Worked out: */
  gboolean valid;
  double x;
  double y;
  int new_place;
} GroupFinding;

typedef struct
{
  char *uuid;
  char *name;
  gboolean user_named;
  double longitude;
  double latitude;
  gboolean has_measures;
  /* FALSE for places the grouping makes. */
  gboolean existing;

  /* Worked out: */
  double x;
  double y;
  gboolean position_ok;
  guint n_before;
  guint n_after;
  double sum_x;
  double sum_y;
  gboolean keep;
  gboolean claimed;
  char *new_name;
  double new_longitude;
  double new_latitude;
} GroupPlace;

typedef struct
{
  char *name;
  double longitude;
  double latitude;
  double x;
  double y;
  gboolean ok;
} GroupStop;

struct _SwPlaceGrouping
{
  char *working_crs;
  double distance;
  guint64 generation;

  GArray *findings;   /* GroupFinding */
  GArray *places;     /* GroupPlace, existing ones first */
  GArray *stops;      /* GroupStop */

  gboolean computed;
  GPtrArray *problems;
};

static void
group_finding_clear (GroupFinding *finding)
{
  g_free (finding->uuid);
  g_free (finding->label);
}

static void
group_place_clear (GroupPlace *place)
{
  g_free (place->uuid);
  g_free (place->name);
  g_free (place->new_name);
}

static void
group_stop_clear (GroupStop *stop)
{
  g_free (stop->name);
}

void
sw_place_grouping_free (SwPlaceGrouping *self)
{
  if (self == NULL)
    return;
  g_free (self->working_crs);
  g_array_unref (self->findings);
  g_array_unref (self->places);
  g_array_unref (self->stops);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

double
sw_project_get_place_distance (SwProject *self)
{
  g_autofree char *text = NULL;
  double distance;
  char *end = NULL;

  g_return_val_if_fail (SW_IS_PROJECT (self), SW_PLACE_DEFAULT_DISTANCE);

  text = sw_project_dup_setting (self, SW_PLACE_DISTANCE_SETTING);
  if (text == NULL)
    return SW_PLACE_DEFAULT_DISTANCE;
  distance = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (distance) || distance <= 0.0 || distance > 10000.0)
    return SW_PLACE_DEFAULT_DISTANCE;
  return distance;
}

/* How a finding is named in a message: the start of its note. */
static char *
finding_label (SwFinding *finding)
{
  const char *note = sw_finding_get_note (finding);
  GString *label;

  if (note == NULL || *note == '\0')
    return g_strdup (sw_feature_get_uuid (SW_FEATURE (finding)));
  label = g_string_new (NULL);
  for (const char *p = note; *p != '\0' && g_utf8_strlen (label->str, -1) < 40;
       p = g_utf8_next_char (p))
    g_string_append_unichar (label, g_utf8_get_char (p));
  if (g_utf8_strlen (note, -1) > 40)
    g_string_append (label, "…");
  return g_string_free (label, FALSE);
}

SwPlaceGrouping *
sw_place_grouping_new (SwProject *project,
                       double     distance)
{
  SwPlaceGrouping *self;
  g_autoptr (GHashTable) place_index = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *findings, *places, *stops, *measures;
  guint n;

  g_return_val_if_fail (SW_IS_PROJECT (project), NULL);

  self = g_new0 (SwPlaceGrouping, 1);
  self->working_crs = g_strdup (sw_project_get_working_crs (project));
  self->distance = distance > 0.0 ? distance : sw_project_get_place_distance (project);
  self->generation = _sw_project_get_generation (project);
  self->findings = g_array_new (FALSE, TRUE, sizeof (GroupFinding));
  g_array_set_clear_func (self->findings, (GDestroyNotify) group_finding_clear);
  self->places = g_array_new (FALSE, TRUE, sizeof (GroupPlace));
  g_array_set_clear_func (self->places, (GDestroyNotify) group_place_clear);
  self->stops = g_array_new (FALSE, TRUE, sizeof (GroupStop));
  g_array_set_clear_func (self->stops, (GDestroyNotify) group_stop_clear);
  self->problems = g_ptr_array_new_with_free_func (g_free);

  places = sw_project_get_places (project);
  n = g_list_model_get_n_items (places);
  g_array_set_size (self->places, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwPlace) place = g_list_model_get_item (places, i);
      GroupPlace *gp = &g_array_index (self->places, GroupPlace, i);

      gp->uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (place)));
      gp->name = g_strdup (sw_place_get_name (place));
      gp->user_named = sw_place_get_user_named (place);
      gp->longitude = sw_place_get_longitude (place);
      gp->latitude = sw_place_get_latitude (place);
      gp->existing = TRUE;
      g_hash_table_insert (place_index, gp->uuid, GUINT_TO_POINTER (i + 1));
    }

  measures = sw_project_get_measures (project);
  n = g_list_model_get_n_items (measures);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwMeasure) measure = g_list_model_get_item (measures, i);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (place_index,
                                                           sw_measure_get_place_uuid (measure) != NULL
                                                             ? sw_measure_get_place_uuid (measure)
                                                             : ""));

      if (index > 0)
        g_array_index (self->places, GroupPlace, index - 1).has_measures = TRUE;
    }

  findings = sw_project_get_findings (project);
  n = g_list_model_get_n_items (findings);
  g_array_set_size (self->findings, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);
      GroupFinding *gf = &g_array_index (self->findings, GroupFinding, i);
      const char *place_uuid = sw_finding_get_place_uuid (finding);
      guint index = place_uuid != NULL
                      ? GPOINTER_TO_UINT (g_hash_table_lookup (place_index, place_uuid))
                      : 0;

      gf->uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (finding)));
      gf->label = finding_label (finding);
      gf->longitude = sw_finding_get_longitude (finding);
      gf->latitude = sw_finding_get_latitude (finding);
      gf->place = (int) index - 1;
      /* A finding pinned to a place that is gone is free again. */
      gf->pinned = sw_finding_get_place_pinned (finding) && index > 0;
    }

  stops = sw_project_get_stops (project);
  n = g_list_model_get_n_items (stops);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwStop) stop = g_list_model_get_item (stops, i);
      GroupStop gs = { 0 };
      g_autofree char *name = g_strstrip (g_strdup (sw_stop_get_name (stop) != NULL
                                                      ? sw_stop_get_name (stop) : ""));

      /* A stop without a name cannot name a place. */
      if (*name == '\0')
        continue;
      gs.name = g_steal_pointer (&name);
      gs.longitude = sw_stop_get_longitude (stop);
      gs.latitude = sw_stop_get_latitude (stop);
      g_array_append_val (self->stops, gs);
    }

  return self;
}

/* A position the grouping can use: 0,0 is where broken imports put what has
 * none. */
static gboolean
position_usable (double longitude,
                 double latitude)
{
  return isfinite (longitude) && isfinite (latitude) &&
         fabs (longitude) <= 180.0 && fabs (latitude) <= 90.0 &&
         !(longitude == 0.0 && latitude == 0.0);
}

/* Pinned findings on a grid of cells one distance wide: a new group looks
 * for a pinned finding near it in its own and the eight cells around. */
typedef struct
{
  GHashTable *cells; /* packed cell → GArray of finding indexes */
  double size;
} PinnedGrid;

static gint64
cell_key (gint64 ix,
          gint64 iy)
{
  /* Unsigned: a working CRS may have negative coordinates. */
  return (gint64) (((guint64) ix << 32) ^ (guint32) iy);
}

static void
pinned_grid_init (PinnedGrid *grid,
                  GArray     *findings,
                  double      distance)
{
  grid->size = MAX (distance, 1.0);
  grid->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < findings->len; i++)
    {
      GroupFinding *gf = &g_array_index (findings, GroupFinding, i);
      gint64 key;
      GArray *cell;

      if (!gf->valid || !gf->pinned)
        continue;
      key = cell_key ((gint64) floor (gf->x / grid->size), (gint64) floor (gf->y / grid->size));
      cell = g_hash_table_lookup (grid->cells, &key);
      if (cell == NULL)
        {
          cell = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (grid->cells, g_memdup2 (&key, sizeof key), cell);
        }
      g_array_append_val (cell, i);
    }
}

/* The nearest pinned finding within @distance of (x, y), or -1. */
static int
pinned_grid_nearest (PinnedGrid *grid,
                     GArray     *findings,
                     double      x,
                     double      y,
                     double      distance,
                     double     *found_distance)
{
  gint64 cx = (gint64) floor (x / grid->size);
  gint64 cy = (gint64) floor (y / grid->size);
  int best = -1;
  double best_d = distance;

  for (gint64 dx = -1; dx <= 1; dx++)
    for (gint64 dy = -1; dy <= 1; dy++)
      {
        gint64 key = cell_key (cx + dx, cy + dy);
        GArray *cell = g_hash_table_lookup (grid->cells, &key);

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          {
            guint j = g_array_index (cell, guint, k);
            GroupFinding *other = &g_array_index (findings, GroupFinding, j);
            double d = hypot (other->x - x, other->y - y);

            if (d <= best_d)
              {
                best_d = d;
                best = (int) j;
              }
          }
      }
  *found_distance = best_d;
  return best;
}

typedef struct
{
  guint group;
  guint place;
  guint votes;
} Vote;

static int
compare_votes (gconstpointer a,
               gconstpointer b)
{
  const Vote *va = a;
  const Vote *vb = b;

  /* Most votes first; then the older place (file order), then the group
   * of the earlier finding: the same input always gives the same answer. */
  if (va->votes != vb->votes)
    return va->votes > vb->votes ? -1 : 1;
  if (va->place != vb->place)
    return va->place < vb->place ? -1 : 1;
  if (va->group != vb->group)
    return va->group < vb->group ? -1 : 1;
  return 0;
}

static GroupPlace *
add_new_place (SwPlaceGrouping *self)
{
  GroupPlace gp = { 0 };

  gp.uuid = g_uuid_string_random ();
  gp.keep = TRUE;
  gp.claimed = TRUE;
  g_array_append_val (self->places, gp);
  return &g_array_index (self->places, GroupPlace, self->places->len - 1);
}

/* Automatic names: the nearest named stop within reach, else the name the
 * place had, else "Place N" with a number no other place uses. Places that
 * would share a stop's name are told apart by a number, the nearest to the
 * stop keeping the plain name. */
static void
name_places (SwPlaceGrouping *self)
{
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) by_stop = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                          (GDestroyNotify) g_array_unref);
  g_autofree int *stop_of = g_new (int, self->places->len);
  g_autofree double *stop_distance = g_new (double, self->places->len);
  guint next_number = 1;

  for (guint p = 0; p < self->places->len; p++)
    {
      GroupPlace *gp = &g_array_index (self->places, GroupPlace, p);

      stop_of[p] = -1;
      stop_distance[p] = G_MAXDOUBLE;
      if (!gp->keep)
        continue;
      if (gp->user_named && gp->name != NULL)
        {
          gp->new_name = g_strdup (gp->name);
          g_hash_table_add (used, gp->new_name);
          continue;
        }
      if (gp->n_after == 0)
        continue;
      for (guint s = 0; s < self->stops->len; s++)
        {
          GroupStop *gs = &g_array_index (self->stops, GroupStop, s);
          double d;

          if (!gs->ok)
            continue;
          d = hypot (gs->x - gp->x, gs->y - gp->y);
          if (d <= SW_PLACE_STOP_NAME_DISTANCE && d < stop_distance[p])
            {
              stop_distance[p] = d;
              stop_of[p] = (int) s;
            }
        }
      if (stop_of[p] >= 0)
        {
          GArray *sharing = g_hash_table_lookup (by_stop, GINT_TO_POINTER (stop_of[p] + 1));

          if (sharing == NULL)
            {
              sharing = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (by_stop, GINT_TO_POINTER (stop_of[p] + 1), sharing);
            }
          g_array_append_val (sharing, p);
        }
    }

  /* Stop names, numbered from the second nearest on. */
  for (guint s = 0; s < self->stops->len; s++)
    {
      GArray *sharing = g_hash_table_lookup (by_stop, GINT_TO_POINTER (s + 1));
      const char *stop_name = g_array_index (self->stops, GroupStop, s).name;

      if (sharing == NULL)
        continue;
      /* Insertion sort by distance: few places share a stop. */
      for (guint i = 1; i < sharing->len; i++)
        for (guint j = i; j > 0 &&
                          stop_distance[g_array_index (sharing, guint, j)] <
                            stop_distance[g_array_index (sharing, guint, j - 1)];
             j--)
          {
            guint tmp = g_array_index (sharing, guint, j);

            g_array_index (sharing, guint, j) = g_array_index (sharing, guint, j - 1);
            g_array_index (sharing, guint, j - 1) = tmp;
          }
      /* A name the user gave another place is taken too. */
      for (guint i = 0, number = 1; i < sharing->len; i++)
        {
          GroupPlace *gp = &g_array_index (self->places, GroupPlace, g_array_index (sharing, guint, i));

          if (i == 0 && !g_hash_table_contains (used, stop_name))
            {
              gp->new_name = g_strdup (stop_name);
              g_hash_table_add (used, gp->new_name);
              continue;
            }
          do
            {
              g_free (gp->new_name);
              /* TRANSLATORS: a place named after a stop that another place near
               * the same stop is already named after: "Stationsplan 2" */
              gp->new_name = g_strdup_printf (C_("place name", "%s %u"), stop_name, ++number);
            }
          while (g_hash_table_contains (used, gp->new_name));
          g_hash_table_add (used, gp->new_name);
        }
    }

  /* Names kept from before, then numbers. */
  for (guint p = 0; p < self->places->len; p++)
    {
      GroupPlace *gp = &g_array_index (self->places, GroupPlace, p);

      if (!gp->keep || gp->new_name != NULL)
        continue;
      if (gp->name != NULL && *gp->name != '\0' && !g_hash_table_contains (used, gp->name))
        {
          gp->new_name = g_strdup (gp->name);
          g_hash_table_add (used, gp->new_name);
        }
    }
  for (guint p = 0; p < self->places->len; p++)
    {
      GroupPlace *gp = &g_array_index (self->places, GroupPlace, p);

      if (!gp->keep || gp->new_name != NULL)
        continue;
      do
        {
          g_free (gp->new_name);
          gp->new_name = g_strdup_printf (_("Place %u"), next_number++);
        }
      while (g_hash_table_contains (used, gp->new_name));
      g_hash_table_add (used, gp->new_name);
    }
}

gboolean
sw_place_grouping_compute (SwPlaceGrouping  *self,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr (SwCrsTransform) transform = NULL;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree gboolean *ok = NULL;
  g_autofree double *xy = NULL;
  g_autofree guint *free_index = NULL;
  g_autofree guint *groups = NULL;
  g_autofree int *group_place = NULL;
  g_autoptr (GHashTable) vote_table = NULL;
  g_autoptr (GArray) votes = NULL;
  PinnedGrid grid = { 0 };
  guint n_findings, n_existing, n_free = 0, n_groups;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->computed, FALSE);

  transform = sw_crs_transform_new (self->working_crs, error);
  if (transform == NULL)
    return FALSE;

  n_findings = self->findings->len;
  n_existing = self->places->len;

  /* Everything into metres at once. */
  xs = g_new (double, MAX (n_findings, 1));
  ys = g_new (double, MAX (n_findings, 1));
  ok = g_new0 (gboolean, MAX (n_findings, 1));
  for (guint i = 0; i < n_findings; i++)
    {
      GroupFinding *gf = &g_array_index (self->findings, GroupFinding, i);

      xs[i] = gf->longitude;
      ys[i] = gf->latitude;
    }
  sw_crs_transform_forward_many (transform, n_findings, xs, ys, ok);
  for (guint i = 0; i < n_findings; i++)
    {
      GroupFinding *gf = &g_array_index (self->findings, GroupFinding, i);

      gf->valid = ok[i] && position_usable (gf->longitude, gf->latitude);
      gf->x = xs[i];
      gf->y = ys[i];
      gf->new_place = gf->place;
      if (!gf->valid)
        g_ptr_array_add (self->problems,
                         g_strdup_printf (_("The finding “%s” has no usable position and was "
                                            "not grouped into a place; give it a position on "
                                            "the map."),
                                          gf->label));
      if (gf->place >= 0)
        g_array_index (self->places, GroupPlace, gf->place).n_before++;
    }
  for (guint p = 0; p < n_existing; p++)
    {
      GroupPlace *gp = &g_array_index (self->places, GroupPlace, p);

      gp->position_ok = position_usable (gp->longitude, gp->latitude) &&
                        sw_crs_transform_forward (transform, gp->longitude, gp->latitude,
                                                  &gp->x, &gp->y) &&
                        isfinite (gp->x) && isfinite (gp->y);
    }
  for (guint s = 0; s < self->stops->len; s++)
    {
      GroupStop *gs = &g_array_index (self->stops, GroupStop, s);

      gs->ok = position_usable (gs->longitude, gs->latitude) &&
               sw_crs_transform_forward (transform, gs->longitude, gs->latitude, &gs->x, &gs->y) &&
               isfinite (gs->x) && isfinite (gs->y);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Free findings (valid, not pinned) are grouped by distance. */
  xy = g_new (double, 2 * MAX (n_findings, 1));
  free_index = g_new (guint, MAX (n_findings, 1));
  for (guint i = 0; i < n_findings; i++)
    {
      GroupFinding *gf = &g_array_index (self->findings, GroupFinding, i);

      if (!gf->valid || gf->pinned)
        continue;
      xy[2 * n_free] = gf->x;
      xy[2 * n_free + 1] = gf->y;
      free_index[n_free++] = i;
    }
  groups = g_new (guint, MAX (n_free, 1));
  n_groups = sw_group_points (xy, n_free, self->distance, groups);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Each group keeps the place most of its findings had. */
  vote_table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  votes = g_array_new (FALSE, FALSE, sizeof (Vote));
  for (guint k = 0; k < n_free; k++)
    {
      GroupFinding *gf = &g_array_index (self->findings, GroupFinding, free_index[k]);
      gint64 key;
      gpointer found;

      if (gf->place < 0)
        continue;
      key = (gint64) groups[k] * (gint64) (n_existing + 1) + gf->place;
      if (g_hash_table_lookup_extended (vote_table, &key, NULL, &found))
        g_array_index (votes, Vote, GPOINTER_TO_UINT (found)).votes++;
      else
        {
          Vote vote = { groups[k], (guint) gf->place, 1 };

          g_array_append_val (votes, vote);
          g_hash_table_insert (vote_table, g_memdup2 (&key, sizeof key),
                               GUINT_TO_POINTER (votes->len - 1));
        }
    }
  g_array_sort (votes, compare_votes);

  group_place = g_new (int, MAX (n_groups, 1));
  for (guint g = 0; g < n_groups; g++)
    group_place[g] = -1;
  for (guint v = 0; v < votes->len; v++)
    {
      Vote *vote = &g_array_index (votes, Vote, v);
      GroupPlace *gp = &g_array_index (self->places, GroupPlace, vote->place);

      if (group_place[vote->group] >= 0 || gp->claimed)
        continue;
      gp->claimed = TRUE;
      group_place[vote->group] = (int) vote->place;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Groups without a place of their own: a pinned finding near them, an
   * empty place near them, or a new place. Members are visited in group
   * order, so the nearest candidate over all members wins. */
  pinned_grid_init (&grid, self->findings, self->distance);
  {
    g_autofree int *best_place = g_new (int, MAX (n_groups, 1));
    g_autofree double *best_distance = g_new (double, MAX (n_groups, 1));

    for (guint g = 0; g < n_groups; g++)
      {
        best_place[g] = -1;
        best_distance[g] = G_MAXDOUBLE;
      }
    for (guint k = 0; k < n_free; k++)
      {
        GroupFinding *gf = &g_array_index (self->findings, GroupFinding, free_index[k]);
        guint g = groups[k];
        double d;
        int near;

        if (group_place[g] >= 0)
          continue;
        near = pinned_grid_nearest (&grid, self->findings, gf->x, gf->y, self->distance, &d);
        if (near >= 0 && d < best_distance[g])
          {
            best_distance[g] = d;
            best_place[g] = g_array_index (self->findings, GroupFinding, near).place;
          }
      }
    for (guint g = 0; g < n_groups; g++)
      if (group_place[g] < 0 && best_place[g] >= 0)
        group_place[g] = best_place[g];

    /* Empty places: made by hand, or left by findings deleted since. */
    for (guint g = 0; g < n_groups; g++)
      {
        best_place[g] = -1;
        best_distance[g] = G_MAXDOUBLE;
      }
    for (guint k = 0; k < n_free; k++)
      {
        GroupFinding *gf = &g_array_index (self->findings, GroupFinding, free_index[k]);
        guint g = groups[k];

        if (group_place[g] >= 0)
          continue;
        for (guint p = 0; p < n_existing; p++)
          {
            GroupPlace *gp = &g_array_index (self->places, GroupPlace, p);
            double d;

            if (gp->n_before > 0 || gp->claimed || !gp->position_ok)
              continue;
            d = hypot (gp->x - gf->x, gp->y - gf->y);
            if (d <= self->distance && d < best_distance[g])
              {
                best_distance[g] = d;
                best_place[g] = (int) p;
              }
          }
      }
    for (guint g = 0; g < n_groups; g++)
      if (group_place[g] < 0 && best_place[g] >= 0 &&
          !g_array_index (self->places, GroupPlace, best_place[g]).claimed)
        {
          g_array_index (self->places, GroupPlace, best_place[g]).claimed = TRUE;
          group_place[g] = best_place[g];
        }
  }
  g_hash_table_unref (grid.cells);

  for (guint g = 0; g < n_groups; g++)
    if (group_place[g] < 0)
      {
        add_new_place (self);
        group_place[g] = (int) self->places->len - 1;
      }

  /* Every finding's place, then each place's centre. */
  for (guint k = 0; k < n_free; k++)
    g_array_index (self->findings, GroupFinding, free_index[k]).new_place = group_place[groups[k]];
  for (guint i = 0; i < n_findings; i++)
    {
      GroupFinding *gf = &g_array_index (self->findings, GroupFinding, i);
      GroupPlace *gp;

      if (gf->new_place < 0)
        continue;
      gp = &g_array_index (self->places, GroupPlace, gf->new_place);
      gp->keep = TRUE;
      if (gf->valid)
        {
          gp->n_after++;
          gp->sum_x += gf->x;
          gp->sum_y += gf->y;
        }
    }
  for (guint p = 0; p < self->places->len; p++)
    {
      GroupPlace *gp = &g_array_index (self->places, GroupPlace, p);

      /* Measures need their place, and a name the user gave is a choice. */
      if (gp->has_measures || gp->user_named)
        gp->keep = TRUE;
      if (gp->n_after > 0)
        {
          gp->x = gp->sum_x / gp->n_after;
          gp->y = gp->sum_y / gp->n_after;
          if (!sw_crs_transform_inverse (transform, gp->x, gp->y,
                                         &gp->new_longitude, &gp->new_latitude) ||
              !position_usable (gp->new_longitude, gp->new_latitude))
            {
              /* Cannot happen for points that came from there; keep the
               * old position rather than store a wrong one. */
              gp->new_longitude = gp->longitude;
              gp->new_latitude = gp->latitude;
            }
        }
      else
        {
          gp->new_longitude = gp->longitude;
          gp->new_latitude = gp->latitude;
        }
    }

  name_places (self);
  self->computed = TRUE;
  return TRUE;
}

guint
sw_place_grouping_get_n_places (SwPlaceGrouping *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint p = 0; p < self->places->len; p++)
    if (g_array_index (self->places, GroupPlace, p).keep)
      n++;
  return n;
}

GPtrArray *
sw_place_grouping_get_problems (SwPlaceGrouping *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->problems;
}

/* ---------------------------------------------------------------------- */
/* Storing                                                                */

static void
add_pair (GPtrArray *pairs,
          gpointer   before,
          gpointer   after)
{
  g_ptr_array_add (pairs, before != NULL ? g_object_ref (before) : NULL);
  g_ptr_array_add (pairs, after);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static gboolean
same_position (double a,
               double b)
{
  return fabs (a - b) < 1e-9;
}

gboolean
sw_project_apply_place_grouping (SwProject        *self,
                                 SwPlaceGrouping  *grouping,
                                 GError          **error)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (unref_if_set);
  g_autoptr (GPtrArray) removals = g_ptr_array_new_with_free_func (unref_if_set);
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (grouping != NULL && grouping->computed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_sw_project_get_generation (self) != grouping->generation)
    {
      g_set_error_literal (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                           _("The project changed while its places were being grouped; "
                             "group the places again."));
      return FALSE;
    }

  now = _sw_project_now ();
  for (guint p = 0; p < grouping->places->len; p++)
    {
      GroupPlace *gp = &g_array_index (grouping->places, GroupPlace, p);
      SwFeature *listed = gp->existing ? sw_project_lookup (self, SW_KIND_PLACE, gp->uuid) : NULL;

      if (gp->existing && listed == NULL)
        continue;
      if (!gp->keep)
        {
          if (listed != NULL)
            add_pair (removals, listed, NULL);
          continue;
        }
      if (listed == NULL)
        {
          SwPlace *place = sw_place_new ();

          sw_feature_set_uuid (SW_FEATURE (place), gp->uuid);
          sw_feature_set_created (SW_FEATURE (place), now);
          sw_feature_set_modified (SW_FEATURE (place), now);
          sw_place_set_name (place, gp->new_name);
          sw_place_set_longitude (place, gp->new_longitude);
          sw_place_set_latitude (place, gp->new_latitude);
          add_pair (pairs, NULL, place);
        }
      else if (g_strcmp0 (sw_place_get_name (SW_PLACE (listed)), gp->new_name) != 0 ||
               !same_position (sw_place_get_longitude (SW_PLACE (listed)), gp->new_longitude) ||
               !same_position (sw_place_get_latitude (SW_PLACE (listed)), gp->new_latitude))
        {
          SwFeature *after = sw_feature_copy (listed);

          sw_place_set_name (SW_PLACE (after), gp->new_name);
          sw_place_set_longitude (SW_PLACE (after), gp->new_longitude);
          sw_place_set_latitude (SW_PLACE (after), gp->new_latitude);
          sw_feature_set_modified (after, now);
          add_pair (pairs, listed, after);
        }
    }

  for (guint i = 0; i < grouping->findings->len; i++)
    {
      GroupFinding *gf = &g_array_index (grouping->findings, GroupFinding, i);
      SwFeature *listed = sw_project_lookup (self, SW_KIND_FINDING, gf->uuid);
      const char *place_uuid = gf->new_place >= 0
                                 ? g_array_index (grouping->places, GroupPlace, gf->new_place).uuid
                                 : NULL;
      SwFinding *finding;

      if (listed == NULL)
        continue;
      finding = SW_FINDING (listed);
      if (g_strcmp0 (sw_finding_get_place_uuid (finding), place_uuid) != 0 ||
          sw_finding_get_place_pinned (finding) != gf->pinned)
        {
          SwFeature *after = sw_feature_copy (listed);

          sw_finding_set_place_uuid (SW_FINDING (after), place_uuid);
          sw_finding_set_place_pinned (SW_FINDING (after), gf->pinned);
          sw_feature_set_modified (after, now);
          add_pair (pairs, listed, after);
        }
    }

  for (guint i = 0; i < removals->len; i += 2)
    add_pair (pairs, removals->pdata[i], NULL);

  if (pairs->len == 0)
    return TRUE;
  return _sw_project_apply_states (self, _("Group Places"), pairs, TRUE, error);
}

gboolean
sw_project_group_places (SwProject     *self,
                         double         distance,
                         GCancellable  *cancellable,
                         GPtrArray    **problems,
                         GError       **error)
{
  g_autoptr (SwPlaceGrouping) grouping = NULL;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  grouping = sw_place_grouping_new (self, distance);
  if (!sw_place_grouping_compute (grouping, cancellable, error) ||
      !sw_project_apply_place_grouping (self, grouping, error))
    return FALSE;
  if (problems != NULL)
    *problems = g_ptr_array_ref (grouping->problems);
  return TRUE;
}

static void
group_places_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  SwPlaceGrouping *grouping = task_data;
  GError *error = NULL;

  if (!sw_place_grouping_compute (grouping, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
sw_project_group_places_async (SwProject          *self,
                               double              distance,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SW_IS_PROJECT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sw_project_group_places_async);
  g_task_set_task_data (task, sw_place_grouping_new (self, distance),
                        (GDestroyNotify) sw_place_grouping_free);
  g_task_run_in_thread (task, group_places_thread);
}

gboolean
sw_project_group_places_finish (SwProject     *self,
                                GAsyncResult  *result,
                                GPtrArray    **problems,
                                GError       **error)
{
  SwPlaceGrouping *grouping;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sw_project_group_places_async,
                        FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  grouping = g_task_get_task_data (G_TASK (result));
  if (!sw_project_apply_place_grouping (self, grouping, error))
    return FALSE;
  if (problems != NULL)
    *problems = g_ptr_array_ref (grouping->problems);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* The user's choices                                                     */

GPtrArray *
sw_project_list_place_findings (SwProject *self,
                                SwPlace   *place)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *findings;
  const char *uuid;
  guint n;

  g_return_val_if_fail (SW_IS_PROJECT (self), found);
  g_return_val_if_fail (SW_IS_PLACE (place), found);

  uuid = sw_feature_get_uuid (SW_FEATURE (place));
  findings = sw_project_get_findings (self);
  n = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n; i++)
    {
      SwFinding *finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (sw_finding_get_place_uuid (finding), uuid) == 0)
        g_ptr_array_add (found, finding);
      else
        g_object_unref (finding);
    }
  return found;
}

/* The centre of @findings (metres in the working CRS, back to degrees), or
 * FALSE when none has a usable position. */
static gboolean
centre_of (SwProject *self,
           GPtrArray *findings,
           double    *longitude,
           double    *latitude)
{
  g_autoptr (SwCrsTransform) transform = sw_crs_transform_new (sw_project_get_working_crs (self), NULL);
  double sx = 0.0, sy = 0.0;
  guint n = 0;

  if (transform == NULL)
    return FALSE;
  for (guint i = 0; i < findings->len; i++)
    {
      SwFinding *finding = findings->pdata[i];
      double x, y;

      if (!position_usable (sw_finding_get_longitude (finding), sw_finding_get_latitude (finding)) ||
          !sw_crs_transform_forward (transform, sw_finding_get_longitude (finding),
                                     sw_finding_get_latitude (finding), &x, &y))
        continue;
      sx += x;
      sy += y;
      n++;
    }
  return n > 0 && sw_crs_transform_inverse (transform, sx / n, sy / n, longitude, latitude);
}

/* The name the grouping would give a place at (lon, lat) by itself: the
 * nearest named stop within reach, or a free "Place N". */
static char *
automatic_name (SwProject  *self,
                double      longitude,
                double      latitude,
                const char *keep_uuid)
{
  g_autoptr (SwCrsTransform) transform = sw_crs_transform_new (sw_project_get_working_crs (self), NULL);
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *stops = sw_project_get_stops (self);
  GListModel *places = sw_project_get_places (self);
  const char *best = NULL;
  double best_distance = SW_PLACE_STOP_NAME_DISTANCE;
  double x, y;

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr (SwPlace) place = g_list_model_get_item (places, i);

      if (g_strcmp0 (sw_feature_get_uuid (SW_FEATURE (place)), keep_uuid) != 0 &&
          sw_place_get_name (place) != NULL)
        g_hash_table_add (used, (gpointer) sw_place_get_name (place));
    }

  if (transform != NULL && sw_crs_transform_forward (transform, longitude, latitude, &x, &y))
    for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
      {
        g_autoptr (SwStop) stop = g_list_model_get_item (stops, i);
        double sx, sy, d;

        if (sw_stop_get_name (stop) == NULL || *sw_stop_get_name (stop) == '\0' ||
            !sw_crs_transform_forward (transform, sw_stop_get_longitude (stop),
                                       sw_stop_get_latitude (stop), &sx, &sy))
          continue;
        d = hypot (sx - x, sy - y);
        if (d <= best_distance)
          {
            best_distance = d;
            best = sw_stop_get_name (stop);
          }
      }

  if (best != NULL && !g_hash_table_contains (used, best))
    return g_strdup (best);
  for (guint number = best != NULL ? 2 : 1;; number++)
    {
      g_autofree char *name = best != NULL ? g_strdup_printf (C_("place name", "%s %u"), best, number)
                                           : g_strdup_printf (_("Place %u"), number);

      if (!g_hash_table_contains (used, name))
        return g_steal_pointer (&name);
    }
}

static gboolean
lookup_listed (SwProject   *self,
               SwFeature   *feature,
               SwFeature  **listed,
               GError     **error)
{
  *listed = sw_project_lookup (self, sw_feature_get_kind (feature), sw_feature_get_uuid (feature));
  if (*listed == NULL)
    {
      g_set_error_literal (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                           _("The place or finding is no longer in the project."));
      return FALSE;
    }
  return TRUE;
}

gboolean
sw_project_merge_places (SwProject  *self,
                         SwPlace    *target,
                         SwPlace    *other,
                         GError    **error)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (unref_if_set);
  g_autoptr (GPtrArray) target_findings = NULL;
  g_autoptr (GPtrArray) other_findings = NULL;
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  g_autoptr (GDateTime) now = NULL;
  SwFeature *listed_target, *listed_other;
  GListModel *measures;
  const char *target_uuid;
  double longitude, latitude;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SW_IS_PLACE (target), FALSE);
  g_return_val_if_fail (SW_IS_PLACE (other), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_listed (self, SW_FEATURE (target), &listed_target, error) ||
      !lookup_listed (self, SW_FEATURE (other), &listed_other, error))
    return FALSE;
  if (listed_target == listed_other)
    {
      g_set_error_literal (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED,
                           _("A place cannot be merged with itself: choose two places."));
      return FALSE;
    }

  now = _sw_project_now ();
  target_uuid = sw_feature_get_uuid (listed_target);
  target_findings = sw_project_list_place_findings (self, SW_PLACE (listed_target));
  other_findings = sw_project_list_place_findings (self, SW_PLACE (listed_other));
  g_ptr_array_extend (all, target_findings, NULL, NULL);
  g_ptr_array_extend (all, other_findings, NULL, NULL);

  {
    SwFeature *after = sw_feature_copy (listed_target);

    if (centre_of (self, all, &longitude, &latitude))
      {
        sw_place_set_longitude (SW_PLACE (after), longitude);
        sw_place_set_latitude (SW_PLACE (after), latitude);
      }
    sw_feature_set_modified (after, now);
    add_pair (pairs, listed_target, after);
  }

  for (guint i = 0; i < all->len; i++)
    {
      SwFinding *finding = all->pdata[i];
      SwFeature *after;

      if (g_strcmp0 (sw_finding_get_place_uuid (finding), target_uuid) == 0 &&
          sw_finding_get_place_pinned (finding))
        continue;
      after = sw_feature_copy (SW_FEATURE (finding));
      sw_finding_set_place_uuid (SW_FINDING (after), target_uuid);
      sw_finding_set_place_pinned (SW_FINDING (after), TRUE);
      sw_feature_set_modified (after, now);
      add_pair (pairs, finding, after);
    }

  measures = sw_project_get_measures (self);
  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr (SwMeasure) measure = g_list_model_get_item (measures, i);
      SwFeature *after;

      if (g_strcmp0 (sw_measure_get_place_uuid (measure), sw_feature_get_uuid (listed_other)) != 0)
        continue;
      after = sw_feature_copy (SW_FEATURE (measure));
      sw_measure_set_place_uuid (SW_MEASURE (after), target_uuid);
      sw_feature_set_modified (after, now);
      add_pair (pairs, measure, after);
    }

  add_pair (pairs, listed_other, NULL);
  return _sw_project_apply_states (self, _("Merge Places"), pairs, TRUE, error);
}

SwPlace *
sw_project_split_finding (SwProject  *self,
                          SwFinding  *finding,
                          GError    **error)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (unref_if_set);
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = NULL;
  SwFeature *listed;
  SwFeature *old_place;
  SwPlace *place;
  SwFeature *after;

  g_return_val_if_fail (SW_IS_PROJECT (self), NULL);
  g_return_val_if_fail (SW_IS_FINDING (finding), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lookup_listed (self, SW_FEATURE (finding), &listed, error))
    return NULL;
  if (!position_usable (sw_finding_get_longitude (SW_FINDING (listed)),
                        sw_finding_get_latitude (SW_FINDING (listed))))
    {
      g_set_error_literal (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED,
                           _("The finding has no usable position: give it one on the map "
                             "before it gets a place of its own."));
      return NULL;
    }

  now = _sw_project_now ();
  old_place = sw_project_lookup (self, SW_KIND_PLACE, sw_finding_get_place_uuid (SW_FINDING (listed)));
  name = automatic_name (self, sw_finding_get_longitude (SW_FINDING (listed)),
                         sw_finding_get_latitude (SW_FINDING (listed)), NULL);

  place = sw_place_new ();
  sw_feature_set_uuid (SW_FEATURE (place), uuid);
  sw_feature_set_created (SW_FEATURE (place), now);
  sw_feature_set_modified (SW_FEATURE (place), now);
  sw_place_set_name (place, name);
  sw_place_set_longitude (place, sw_finding_get_longitude (SW_FINDING (listed)));
  sw_place_set_latitude (place, sw_finding_get_latitude (SW_FINDING (listed)));
  add_pair (pairs, NULL, place);

  after = sw_feature_copy (listed);
  sw_finding_set_place_uuid (SW_FINDING (after), uuid);
  sw_finding_set_place_pinned (SW_FINDING (after), TRUE);
  sw_feature_set_modified (after, now);
  add_pair (pairs, listed, after);

  if (old_place != NULL)
    {
      g_autoptr (GPtrArray) rest = sw_project_list_place_findings (self, SW_PLACE (old_place));
      double longitude, latitude;

      g_ptr_array_remove (rest, listed);
      if (centre_of (self, rest, &longitude, &latitude))
        {
          SwFeature *moved = sw_feature_copy (old_place);

          sw_place_set_longitude (SW_PLACE (moved), longitude);
          sw_place_set_latitude (SW_PLACE (moved), latitude);
          sw_feature_set_modified (moved, now);
          add_pair (pairs, old_place, moved);
        }
    }

  if (!_sw_project_apply_states (self, _("Split Finding Off"), pairs, TRUE, error))
    return NULL;
  return SW_PLACE (sw_project_lookup (self, SW_KIND_PLACE, uuid));
}

gboolean
sw_project_move_finding (SwProject  *self,
                         SwFinding  *finding,
                         SwPlace    *place,
                         GError    **error)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (unref_if_set);
  g_autoptr (GDateTime) now = NULL;
  SwFeature *listed;
  SwFeature *listed_place = NULL;
  SwFeature *after;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SW_IS_FINDING (finding), FALSE);
  g_return_val_if_fail (place == NULL || SW_IS_PLACE (place), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_listed (self, SW_FEATURE (finding), &listed, error) ||
      (place != NULL && !lookup_listed (self, SW_FEATURE (place), &listed_place, error)))
    return FALSE;

  now = _sw_project_now ();
  after = sw_feature_copy (listed);
  if (listed_place != NULL)
    sw_finding_set_place_uuid (SW_FINDING (after), sw_feature_get_uuid (listed_place));
  sw_finding_set_place_pinned (SW_FINDING (after), listed_place != NULL);
  sw_feature_set_modified (after, now);
  add_pair (pairs, listed, after);
  return _sw_project_apply_states (self, _("Move Finding to Place"), pairs, TRUE, error);
}

gboolean
sw_project_rename_place (SwProject   *self,
                         SwPlace     *place,
                         const char  *name,
                         GError     **error)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (unref_if_set);
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  SwFeature *listed;
  SwFeature *after;

  g_return_val_if_fail (SW_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (SW_IS_PLACE (place), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_listed (self, SW_FEATURE (place), &listed, error))
    return FALSE;

  now = _sw_project_now ();
  after = sw_feature_copy (listed);
  if (*clean != '\0')
    {
      sw_place_set_name (SW_PLACE (after), clean);
      sw_place_set_user_named (SW_PLACE (after), TRUE);
    }
  else
    {
      g_autofree char *automatic = automatic_name (self, sw_place_get_longitude (SW_PLACE (listed)),
                                                   sw_place_get_latitude (SW_PLACE (listed)),
                                                   sw_feature_get_uuid (listed));

      sw_place_set_name (SW_PLACE (after), automatic);
      sw_place_set_user_named (SW_PLACE (after), FALSE);
    }
  sw_feature_set_modified (after, now);
  add_pair (pairs, listed, after);
  return _sw_project_apply_states (self, _("Rename Place"), pairs, TRUE, error);
}
