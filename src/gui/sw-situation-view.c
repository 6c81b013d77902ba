/* The Situation view (lägesbild). The figures are gathered once per change
 * into sections of labelled values; the charts and the copied table are
 * both made from those sections, so they always agree. */
#define G_LOG_DOMAIN "sw-situation-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sw-action-plan.h"
#include "sw-place-layer.h"
#include "sw-place-priority.h"
#include "sw-situation.h"
#include "sw-situation-view.h"
#include "sw-vocabulary.h"
#include "sw-window.h"

#define N_TOP_PLACES 10

/* The period choices before the walks. */
enum
{
  PERIOD_ALL,
  PERIOD_LAST_12_MONTHS,
  PERIOD_THIS_YEAR,
  PERIOD_LAST_YEAR,
  N_FIXED_PERIODS
};

enum
{
  AREA_PROJECT,
  AREA_MAP,
};

typedef struct
{
  char *label;
  double value;
  char *color;
  /* For the trend: the parts of a column, as (value, colour) pairs. */
  GArray *parts;
} Row;

typedef struct
{
  double value;
  const char *color;
} RowPart;

typedef struct
{
  const char *name;
  SwChart *chart;
  GtkLabel *title;
  GPtrArray *rows;
} Section;

struct _SwSituationView
{
  GtkWidget parent_instance;

  SwProject *project;
  SwBounds *map_bounds;
  GPtrArray *walk_uuids;
  GHashTable *sections;
  SwSituation *situation;
  guint refresh_id;
  /* Edits came while the view was not shown: refresh when it is. */
  gboolean stale;
  gboolean updating_choices;

  GtkLabel *figure_values[4];

  /* Template children */
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkDropDown *period_dropdown;
  GtkDropDown *area_dropdown;
  GtkBox *figures_box;
  GtkFlowBox *cards;
  GtkBox *trend_card;
};

G_DEFINE_FINAL_TYPE (SwSituationView, sw_situation_view, GTK_TYPE_WIDGET)

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->label);
  g_free (row->color);
  g_clear_pointer (&row->parts, g_array_unref);
  g_free (row);
}

static Row *
section_add (Section    *section,
             const char *label,
             double      value,
             const char *color)
{
  Row *row = g_new0 (Row, 1);

  row->label = g_strdup (label);
  row->value = value;
  row->color = g_strdup (color);
  g_ptr_array_add (section->rows, row);

  return row;
}

static void
section_free (gpointer data)
{
  Section *section = data;

  g_ptr_array_unref (section->rows);
  g_free (section);
}

/* ---------------------------------------------------------------------- */
/* Choosing period and area                                               */

typedef struct
{
  /* Inclusive, YYYY-MM-DD; NULL for open. */
  char *from;
  char *to;
  const char *walk_uuid;
  SwBounds *area;
} Choice;

static void
choice_clear (Choice *choice)
{
  g_free (choice->from);
  g_free (choice->to);
}

static void
get_choice (SwSituationView *self,
            Choice          *choice)
{
  guint period = gtk_drop_down_get_selected (self->period_dropdown);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  memset (choice, 0, sizeof *choice);

  switch (period)
    {
    case PERIOD_LAST_12_MONTHS:
      {
        g_autoptr (GDateTime) start = g_date_time_add_years (now, -1);

        choice->from = g_date_time_format (start, "%Y-%m-%d");
        choice->to = g_date_time_format (now, "%Y-%m-%d");
      }
      break;

    case PERIOD_THIS_YEAR:
      choice->from = g_strdup_printf ("%04d-01-01", year);
      choice->to = g_strdup_printf ("%04d-12-31", year);
      break;

    case PERIOD_LAST_YEAR:
      choice->from = g_strdup_printf ("%04d-01-01", year - 1);
      choice->to = g_strdup_printf ("%04d-12-31", year - 1);
      break;

    case PERIOD_ALL:
    case GTK_INVALID_LIST_POSITION:
      break;

    default:
      if (period - N_FIXED_PERIODS < self->walk_uuids->len)
        choice->walk_uuid = g_ptr_array_index (self->walk_uuids, period - N_FIXED_PERIODS);
      break;
    }

  if (gtk_drop_down_get_selected (self->area_dropdown) == AREA_MAP && self->map_bounds != NULL)
    choice->area = self->map_bounds;
}

static void
update_period_choices (SwSituationView *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  g_autofree char *walk_uuid = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected >= N_FIXED_PERIODS
      && selected - N_FIXED_PERIODS < self->walk_uuids->len)
    walk_uuid = g_strdup (g_ptr_array_index (self->walk_uuids, selected - N_FIXED_PERIODS));
  if (selected == GTK_INVALID_LIST_POSITION || selected >= N_FIXED_PERIODS)
    selected = PERIOD_ALL;

  gtk_string_list_append (labels, _("All walks"));
  gtk_string_list_append (labels, _("Last 12 months"));
  gtk_string_list_append (labels, _("This year"));
  gtk_string_list_append (labels, _("Last year"));

  g_ptr_array_set_size (self->walk_uuids, 0);
  if (self->project != NULL)
    {
      GListModel *walks = sw_project_get_walks (self->project);

      for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
        {
          g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);
          const char *title = sw_walk_get_title (walk);
          g_autofree char *label = NULL;

          if (title == NULL || *title == '\0')
            title = _("Untitled Walk");
          /* Translators: a period of the situation: one walk only. */
          label = g_strdup_printf (_("Only “%s”"), title);
          gtk_string_list_append (labels, label);
          g_ptr_array_add (self->walk_uuids, g_strdup (sw_feature_get_uuid (SW_FEATURE (walk))));
          if (g_strcmp0 (walk_uuid, sw_feature_get_uuid (SW_FEATURE (walk))) == 0)
            selected = N_FIXED_PERIODS + i;
        }
    }

  self->updating_choices = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->period_dropdown, selected);
  self->updating_choices = FALSE;
}

/* ---------------------------------------------------------------------- */
/* Gathering the figures                                                  */

static Section *
get_section (SwSituationView *self,
             const char      *name)
{
  return g_hash_table_lookup (self->sections, name);
}

static void
add_counts (Section  *section,
            GArray   *counts,
            gboolean  skip_zeros)
{
  for (guint i = 0; i < counts->len; i++)
    {
      SwSituationCount *count = &g_array_index (counts, SwSituationCount, i);

      if (count->count == 0 && (skip_zeros || *count->key == '\0'))
        continue;
      section_add (section, count->label, count->count, count->color);
    }
}

/* The figures are core's (sw-situation.c), the same the print and the
 * copied table show. */
static void
gather (SwSituationView *self,
        Choice          *choice,
        guint           *figures)
{
  SwSituationChoice core_choice = { choice->from, choice->to, choice->walk_uuid, choice->area };
  g_autoptr (SwSituation) situation = NULL;
  const SwTerm *severities;
  GPtrArray *top;
  GArray *walks;
  Section *section;

  g_clear_pointer (&self->situation, sw_situation_unref);
  self->situation = sw_situation_new (self->project, &core_choice, NULL);
  situation = sw_situation_ref (self->situation);

  figures[0] = sw_situation_get_n_findings (situation);
  figures[1] = sw_situation_get_n_places (situation);
  figures[2] = sw_situation_get_n_measures (situation);
  figures[3] = sw_situation_get_n_overdue (situation);

  add_counts (get_section (self, "categories"), sw_situation_get_findings_by_category (situation), TRUE);
  add_counts (get_section (self, "severity"), sw_situation_get_findings_by_severity (situation), FALSE);
  add_counts (get_section (self, "light"), sw_situation_get_findings_by_light (situation), FALSE);
  add_counts (get_section (self, "measure-status"), sw_situation_get_measures_by_status (situation), TRUE);
  add_counts (get_section (self, "responsible"), sw_situation_get_measures_by_responsible (situation), TRUE);

  section = get_section (self, "places");
  top = sw_situation_get_top_places (situation);
  for (guint i = 0; i < top->len; i++)
    {
      SwPlacePriority *priority = g_ptr_array_index (top, i);
      const char *name = sw_place_get_name (sw_place_priority_get_place (priority));

      if (sw_place_priority_get_score (priority) <= 0)
        continue;
      section_add (section, name != NULL ? name : _("Unnamed place"),
                   round (sw_place_priority_get_score (priority) * 10) / 10,
                   sw_place_layer_priority_color (sw_place_priority_get_relative (priority)));
    }

  /* The trend: each walk a column of its findings by severity, high on
   * top, safe places at the bottom. */
  severities = sw_vocabulary_get_terms (SW_VOCABULARY_SEVERITY, NULL);
  section = get_section (self, "trend");
  walks = sw_situation_get_walks (situation);
  for (guint i = 0; i < walks->len; i++)
    {
      SwSituationWalk *walk = &g_array_index (walks, SwSituationWalk, i);
      const char *date = sw_walk_get_date (walk->walk);
      const char *title = sw_walk_get_title (walk->walk);
      RowPart safe = { walk->by_severity[0], sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, "positive")->color };
      Row *row;

      row = section_add (section, date != NULL ? date : (title != NULL ? title : _("Untitled Walk")), 0, NULL);
      row->parts = g_array_new (FALSE, FALSE, sizeof (RowPart));
      g_array_append_val (row->parts, safe);
      for (guint s = 1; s <= 3; s++)
        {
          RowPart part = { walk->by_severity[s], severities[s - 1].color };

          g_array_append_val (row->parts, part);
        }
      row->value = walk->by_severity[0] + walk->by_severity[1] + walk->by_severity[2] + walk->by_severity[3];
    }
}

/* ---------------------------------------------------------------------- */
/* Showing the figures                                                    */

static void
show_section (SwSituationView *self,
              Section         *section)
{
  sw_chart_clear (section->chart);

  if (g_str_equal (section->name, "trend"))
    {
      const SwTerm *severities = sw_vocabulary_get_terms (SW_VOCABULARY_SEVERITY, NULL);

      for (int s = 2; s >= 0; s--)
        sw_chart_add_legend (section->chart, sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, severities[s].key),
                             severities[s].color);
      sw_chart_add_legend (section->chart, sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, "positive"),
                           sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, "positive")->color);
    }

  for (guint i = 0; i < section->rows->len; i++)
    {
      Row *row = g_ptr_array_index (section->rows, i);

      if (row->parts != NULL)
        {
          sw_chart_add (section->chart, row->label, 0, NULL);
          for (guint p = 0; p < row->parts->len; p++)
            {
              RowPart *part = &g_array_index (row->parts, RowPart, p);

              sw_chart_add_part (section->chart, part->value, part->color);
            }
        }
      else
        sw_chart_add (section->chart, row->label, row->value, row->color);
    }
}

static void
update_subtitle (SwSituationView *self,
                 Choice          *choice)
{
  const char *municipality = self->project != NULL ? sw_project_get_municipality (self->project) : NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GObject *period = gtk_drop_down_get_selected_item (self->period_dropdown);
  GObject *area = gtk_drop_down_get_selected_item (self->area_dropdown);

  if (municipality != NULL && *municipality != '\0')
    g_string_append_printf (text, "%s · ", municipality);
  if (period != NULL)
    g_string_append (text, gtk_string_object_get_string (GTK_STRING_OBJECT (period)));
  if (area != NULL)
    g_string_append_printf (text, " · %s", gtk_string_object_get_string (GTK_STRING_OBJECT (area)));
  /* Translators: when the situation was drawn up; %s is today's date. */
  g_string_append_printf (text, " · ");
  g_string_append_printf (text, _("as of %s"), today);

  gtk_label_set_label (self->subtitle_label, text->str);
}

static void
refresh (SwSituationView *self)
{
  GHashTableIter iter;
  Section *section;
  Choice choice;
  guint figures[4] = { 0 };

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->stale = FALSE;

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &section))
    g_ptr_array_set_size (section->rows, 0);

  get_choice (self, &choice);
  if (self->project != NULL)
    gather (self, &choice, figures);

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &section))
    show_section (self, section);

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", figures[i]);

      gtk_label_set_label (self->figure_values[i], value);
    }
  if (figures[3] > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->figure_values[3]), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->figure_values[3]), "error");

  update_subtitle (self, &choice);
  choice_clear (&choice);
}

static gboolean
refresh_cb (gpointer user_data)
{
  SwSituationView *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* Many edits come at once (an import, an undo of many); one refresh. */
static void
queue_refresh (SwSituationView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

static void
on_choice_changed (SwSituationView *self)
{
  if (self->updating_choices)
    return;

  refresh (self);
}

static void
on_walks_changed (SwSituationView *self)
{
  update_period_choices (self);
  queue_refresh (self);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SwSituationView *self = SW_SITUATION_VIEW (widget);
  g_autofree char *table = sw_situation_view_dup_table (self);
  GtkWidget *window;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), table);

  window = gtk_widget_get_ancestor (widget, SW_TYPE_WINDOW);
  if (window != NULL)
    sw_window_add_toast (SW_WINDOW (window), adw_toast_new (_("Copied the situation as a table")));
}

/* ---------------------------------------------------------------------- */
/* GObject and GtkWidget                                                  */

/* Cards sit in four slots, two side by side: a long list beside two short
 * ones, so that the columns end about level. The trend goes below all. */
static const struct
{
  const char *name;
  const char *title;
  SwChartKind kind;
  int slot;
} section_specs[] = {
  { "categories",     N_("Findings by category"),               SW_CHART_BARS, 0 },
  { "severity",       N_("Findings by severity"),               SW_CHART_BARS, 1 },
  { "light",          N_("Findings in daylight and darkness"),  SW_CHART_BARS, 1 },
  { "places",         N_("The ten highest-priority places"),    SW_CHART_BARS, 2 },
  { "measure-status", N_("Measures by status"),                 SW_CHART_BARS, 3 },
  { "responsible",    N_("Measures by responsible party"),      SW_CHART_BARS, 3 },
  { "trend",          N_("Findings on each walk, by severity"), SW_CHART_COLUMNS, -1 },
};

#define N_SLOTS 4

static void
add_figure (SwSituationView *self,
            guint            position,
            const char      *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value = gtk_label_new ("0");
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "figure-card");
  gtk_widget_add_css_class (value, "title-1");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->figures_box, box);

  self->figure_values[position] = GTK_LABEL (value);
}

static void
add_sections (SwSituationView *self)
{
  GtkWidget *slots[N_SLOTS];
  GtkWidget *last_card[N_SLOTS] = { NULL };

  for (guint i = 0; i < N_SLOTS; i++)
    {
      slots[i] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_flow_box_append (self->cards, slots[i]);
      gtk_widget_set_focusable (gtk_widget_get_parent (slots[i]), FALSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (section_specs); i++)
    {
      Section *section = g_new0 (Section, 1);
      GtkWidget *title = gtk_label_new (_(section_specs[i].title));
      GtkWidget *chart = sw_chart_new (section_specs[i].kind);
      int slot = section_specs[i].slot;
      GtkWidget *card;

      section->name = section_specs[i].name;
      section->chart = SW_CHART (chart);
      section->title = GTK_LABEL (title);
      section->rows = g_ptr_array_new_with_free_func (row_free);
      g_hash_table_insert (self->sections, (gpointer) section->name, section);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_add_css_class (title, "heading");
      gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(section_specs[i].title), -1);
      sw_chart_set_empty_text (SW_CHART (chart), _("Nothing in the chosen period and area"));

      if (slot < 0)
        card = GTK_WIDGET (self->trend_card);
      else
        {
          card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
          gtk_widget_add_css_class (card, "card");
          gtk_widget_add_css_class (card, "chart-card");
          gtk_box_append (GTK_BOX (slots[slot]), card);
          last_card[slot] = card;
        }

      gtk_box_append (GTK_BOX (card), title);
      gtk_box_append (GTK_BOX (card), chart);
    }

  /* The last card of a slot takes the height its neighbour leaves. */
  for (guint i = 0; i < N_SLOTS; i++)
    if (last_card[i] != NULL)
      gtk_widget_set_vexpand (last_card[i], TRUE);
}

static void
sw_situation_view_map (GtkWidget *widget)
{
  SwSituationView *self = SW_SITUATION_VIEW (widget);

  GTK_WIDGET_CLASS (sw_situation_view_parent_class)->map (widget);

  if (self->stale)
    refresh (self);
}

static void
sw_situation_view_dispose (GObject *object)
{
  SwSituationView *self = SW_SITUATION_VIEW (object);
  GtkWidget *child;

  sw_situation_view_set_project (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_SITUATION_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_pointer (&self->map_bounds, sw_bounds_unref);
  g_clear_pointer (&self->situation, sw_situation_unref);

  G_OBJECT_CLASS (sw_situation_view_parent_class)->dispose (object);
}

static void
sw_situation_view_finalize (GObject *object)
{
  SwSituationView *self = SW_SITUATION_VIEW (object);

  g_clear_pointer (&self->walk_uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (sw_situation_view_parent_class)->finalize (object);
}

static void
sw_situation_view_class_init (SwSituationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_situation_view_dispose;
  object_class->finalize = sw_situation_view_finalize;
  widget_class->map = sw_situation_view_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-situation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SwSituationView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SwSituationView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SwSituationView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SwSituationView, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SwSituationView, figures_box);
  gtk_widget_class_bind_template_child (widget_class, SwSituationView, cards);
  gtk_widget_class_bind_template_child (widget_class, SwSituationView, trend_card);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);

  gtk_widget_class_install_action (widget_class, "situation.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "situation.copy", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "situation");
}

static void
sw_situation_view_init (SwSituationView *self)
{
  g_autoptr (GtkStringList) areas = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->walk_uuids = g_ptr_array_new_with_free_func (g_free);
  self->sections = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, section_free);

  areas = gtk_string_list_new ((const char *[]) { _("Whole project"), _("Area shown on the map"), NULL });
  self->updating_choices = TRUE;
  gtk_drop_down_set_model (self->area_dropdown, G_LIST_MODEL (areas));
  self->updating_choices = FALSE;
  update_period_choices (self);

  add_figure (self, 0, _("Findings"));
  add_figure (self, 1, _("Places"));
  add_figure (self, 2, _("Measures"));
  add_figure (self, 3, _("Measures overdue"));
  add_sections (self);

  refresh (self);
}

GtkWidget *
sw_situation_view_new (void)
{
  return g_object_new (SW_TYPE_SITUATION_VIEW, NULL);
}

void
sw_situation_view_set_project (SwSituationView *self,
                               SwProject       *project)
{
  g_return_if_fail (SW_IS_SITUATION_VIEW (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_signal_handlers_disconnect_by_data (sw_project_get_walks (self->project), self);
    }

  g_set_object (&self->project, project);

  if (project != NULL)
    {
      g_signal_connect_object (project, "changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sw_project_get_walks (project), "items-changed",
                               G_CALLBACK (on_walks_changed), self, G_CONNECT_SWAPPED);
    }

  if (self->sections != NULL)
    {
      update_period_choices (self);
      refresh (self);
    }
}

void
sw_situation_view_set_map_bounds (SwSituationView *self,
                                  SwBounds        *bounds)
{
  g_return_if_fail (SW_IS_SITUATION_VIEW (self));

  if (self->map_bounds == bounds)
    return;

  g_clear_pointer (&self->map_bounds, sw_bounds_unref);
  if (bounds != NULL)
    self->map_bounds = sw_bounds_ref (bounds);

  if (gtk_drop_down_get_selected (self->area_dropdown) == AREA_MAP)
    refresh (self);
}

SwChart *
sw_situation_view_get_chart (SwSituationView *self,
                             const char      *name)
{
  Section *section;

  g_return_val_if_fail (SW_IS_SITUATION_VIEW (self), NULL);

  /* Figures asked for are the figures of now. */
  if (self->refresh_id != 0 || self->stale)
    refresh (self);

  section = get_section (self, name);
  return section != NULL ? section->chart : NULL;
}

char *
sw_situation_view_dup_table (SwSituationView *self)
{
  g_return_val_if_fail (SW_IS_SITUATION_VIEW (self), NULL);

  if (self->refresh_id != 0 || self->stale || self->situation == NULL)
    refresh (self);

  return self->situation != NULL ? sw_situation_to_tsv (self->situation) : g_strdup ("");
}
