/* The Action Plan view. The project's live list of measures goes through a
 * filter (status, responsible party, walk) and the column view's sorter;
 * cells show the text of sw-action-plan.c, so the table, its copy and the
 * printed plan say the same. Bound cells are refreshed after every edit,
 * since a cell may show a finding's note or a place's name. */
#define G_LOG_DOMAIN "sw-action-plan-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sw-action-plan.h"
#include "sw-action-plan-view.h"
#include "sw-measure-editor.h"
#include "sw-vocabulary.h"
#include "sw-window.h"

/* The status filter's items after "All statuses" and the statuses. */
#define STATUS_FILTER_OVERDUE "overdue"

struct _SwActionPlanView
{
  GtkWidget parent_instance;

  SwProject *project;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;
  GPtrArray *column_sorters;
  /* GtkListItem of every bound cell. */
  GHashTable *bound_cells;
  GPtrArray *walk_uuids;
  GDate *today;
  gboolean updating_walks;
  /* Edits came while the view was not shown: refresh when it is. */
  gboolean stale;

  /* Template children */
  AdwFlap *flap;
  SwMeasureEditor *editor;
  GtkDropDown *status_filter;
  GtkDropDown *responsible_filter;
  GtkDropDown *walk_filter;
  GtkLabel *count_label;
  GtkStack *stack;
  GtkColumnView *column_view;
};

G_DEFINE_FINAL_TYPE (SwActionPlanView, sw_action_plan_view, GTK_TYPE_WIDGET)

static const char *plan_color_classes[] = {
  [SW_PLAN_COLOR_NONE] = "plan-none",
  [SW_PLAN_COLOR_RED] = "plan-red",
  [SW_PLAN_COLOR_AMBER] = "plan-amber",
  [SW_PLAN_COLOR_GREEN] = "plan-green",
};

static void
update_today (SwActionPlanView *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_clear_pointer (&self->today, g_date_free);
  self->today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                g_date_time_get_month (now),
                                g_date_time_get_year (now));
}

/* ---------------------------------------------------------------------- */
/* Filters                                                                */

static const char *
chosen_status (SwActionPlanView *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_filter);
  const SwTerm *terms;
  guint n;

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_MEASURE_STATUS, &n);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (selected <= n)
    return terms[selected - 1].key;
  return STATUS_FILTER_OVERDUE;
}

static const char *
chosen_responsible (SwActionPlanView *self)
{
  guint selected = gtk_drop_down_get_selected (self->responsible_filter);
  const SwTerm *terms;
  guint n;

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_RESPONSIBLE, &n);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > n)
    return NULL;
  return terms[selected - 1].key;
}

static const char *
chosen_walk (SwActionPlanView *self)
{
  guint selected = gtk_drop_down_get_selected (self->walk_filter);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->walk_uuids->len)
    return NULL;
  return g_ptr_array_index (self->walk_uuids, selected - 1);
}

static gboolean
measure_matches (gpointer item,
                 gpointer user_data)
{
  SwActionPlanView *self = user_data;
  SwMeasure *measure = SW_MEASURE (item);
  const char *status = chosen_status (self);
  const char *responsible = chosen_responsible (self);
  const char *walk = chosen_walk (self);

  if (status != NULL)
    {
      const char *measure_status = sw_measure_get_status (measure) != NULL
                                   ? sw_measure_get_status (measure) : "proposed";

      if (g_str_equal (status, STATUS_FILTER_OVERDUE))
        {
          if (!sw_action_plan_is_overdue (measure, self->today))
            return FALSE;
        }
      else if (!g_str_equal (status, measure_status))
        return FALSE;
    }

  if (responsible != NULL && g_strcmp0 (responsible, sw_measure_get_responsible (measure)) != 0)
    return FALSE;

  if (walk != NULL && g_strcmp0 (walk, sw_action_plan_get_walk_uuid (self->project, measure)) != 0)
    return FALSE;

  return TRUE;
}

static void
update_count (SwActionPlanView *self)
{
  guint n_all = self->project != NULL ? g_list_model_get_n_items (sw_project_get_measures (self->project)) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint n_overdue = 0;
  double cost = 0;
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_shown; i++)
    {
      g_autoptr (SwMeasure) measure = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (sw_action_plan_is_overdue (measure, self->today))
        n_overdue++;
      /* What the council is asked for: rejected measures cost nothing. */
      if (g_strcmp0 (sw_measure_get_status (measure), "rejected") != 0)
        cost += sw_measure_get_cost (measure);
    }

  if (n_shown == n_all)
    shown = g_strdup_printf (ngettext ("%u measure", "%u measures", n_all), n_all);
  else
    /* Translators: "3 of 12 measures", when a filter hides some. */
    shown = g_strdup_printf (ngettext ("%u of %u measure", "%u of %u measures", n_all), n_shown, n_all);

  if (n_overdue > 0)
    /* Translators: the measures shown, then how many of them are overdue. */
    text = g_strdup_printf (ngettext ("%s · %u overdue", "%s · %u overdue", n_overdue), shown, n_overdue);
  else
    text = g_steal_pointer (&shown);

  if (cost > 0)
    {
      g_autofree char *amount = sw_action_plan_format_kronor (cost);
      g_autofree char *with_cost = NULL;

      /* Translators: the measures shown, then their estimated cost, "85 000 kr". */
      with_cost = g_strdup_printf (_("%s · %s"), text, amount);
      g_free (text);
      text = g_steal_pointer (&with_cost);
    }

  gtk_label_set_label (self->count_label, text);

  if (n_all == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->stack, "table");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.copy", n_shown > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.show-all",
                                 chosen_status (self) != NULL || chosen_responsible (self) != NULL
                                 || chosen_walk (self) != NULL);
}

static void
on_filter_changed (SwActionPlanView *self)
{
  if (self->updating_walks || self->filter == NULL)
    return;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SwActionPlanView *self = SW_ACTION_PLAN_VIEW (widget);

  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->responsible_filter, 0);
  gtk_drop_down_set_selected (self->walk_filter, 0);
}

static void
update_walk_filter (SwActionPlanView *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  const char *chosen = chosen_walk (self);
  g_autofree char *was = g_strdup (chosen);
  guint selected = 0;
  GListModel *walks;

  g_ptr_array_set_size (self->walk_uuids, 0);
  gtk_string_list_append (labels, _("All walks"));

  if (self->project != NULL)
    {
      walks = sw_project_get_walks (self->project);
      for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
        {
          g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);
          const char *title = sw_walk_get_title (walk);
          const char *date = sw_walk_get_date (walk);
          g_autofree char *label = NULL;

          if (title == NULL || *title == '\0')
            title = _("Untitled Walk");
          label = date != NULL ? g_strdup_printf ("%s (%s)", title, date) : g_strdup (title);
          gtk_string_list_append (labels, label);
          g_ptr_array_add (self->walk_uuids, g_strdup (sw_feature_get_uuid (SW_FEATURE (walk))));
          if (g_strcmp0 (was, sw_feature_get_uuid (SW_FEATURE (walk))) == 0)
            selected = i + 1;
        }
    }

  self->updating_walks = TRUE;
  gtk_drop_down_set_model (self->walk_filter, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->walk_filter, selected);
  self->updating_walks = FALSE;

  if (g_strcmp0 (was, chosen_walk (self)) != 0)
    on_filter_changed (self);
}

/* ---------------------------------------------------------------------- */
/* Cells                                                                  */

static SwPlanColumn
cell_column (GtkListItem *item)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "plan-column"));
}

static void
refresh_cell (SwActionPlanView *self,
              GtkListItem      *item)
{
  SwMeasure *measure = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  SwPlanColumn column = cell_column (item);
  g_autofree char *text = NULL;

  if (measure == NULL || self->project == NULL)
    return;

  text = sw_action_plan_dup_cell (self->project, measure, column, self->today);

  switch (column)
    {
    case SW_PLAN_COLUMN_STATUS:
      {
        GtkWidget *dot = gtk_widget_get_first_child (cell);
        GtkWidget *label = gtk_widget_get_next_sibling (dot);
        SwPlanColor color = sw_action_plan_get_color (measure, self->today);
        const char *status = sw_measure_get_status (measure) != NULL ? sw_measure_get_status (measure) : "proposed";

        for (guint i = 0; i < G_N_ELEMENTS (plan_color_classes); i++)
          gtk_widget_remove_css_class (dot, plan_color_classes[i]);
        gtk_widget_add_css_class (dot, plan_color_classes[color]);
        gtk_widget_set_tooltip_text (dot, text);
        gtk_label_set_label (GTK_LABEL (label), sw_vocabulary_get_label (SW_VOCABULARY_MEASURE_STATUS, status));
      }
      break;

    case SW_PLAN_COLUMN_WHEN:
      {
        GtkWidget *label = gtk_widget_get_first_child (cell);
        GtkWidget *badge = gtk_widget_get_next_sibling (label);
        const char *due = sw_measure_get_due_date (measure);
        gboolean overdue = sw_action_plan_is_overdue (measure, self->today);

        gtk_label_set_label (GTK_LABEL (label), due != NULL && *due != '\0' ? due : "—");
        gtk_widget_set_visible (badge, overdue);
      }
      break;

    case SW_PLAN_COLUMN_CAUSE:
    case SW_PLAN_COLUMN_MEASURE:
    case SW_PLAN_COLUMN_GOAL:
    case SW_PLAN_COLUMN_WHO:
    case SW_PLAN_COLUMN_FOLLOW_UP:
      gtk_label_set_label (GTK_LABEL (cell), text);
      gtk_widget_set_tooltip_text (cell, column == SW_PLAN_COLUMN_GOAL || column == SW_PLAN_COLUMN_CAUSE ? text : NULL);
      if (column == SW_PLAN_COLUMN_FOLLOW_UP)
        {
          if (g_strcmp0 (sw_measure_get_status (measure), "rejected") == 0)
            gtk_widget_add_css_class (cell, "dim-label");
          else
            gtk_widget_remove_css_class (cell, "dim-label");
        }
      break;

    case SW_PLAN_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
new_text_label (int width_chars,
                int lines)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), lines);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  gtk_label_set_max_width_chars (GTK_LABEL (label), width_chars);

  return label;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            SwActionPlanView         *self)
{
  SwPlanColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "plan-column"));
  GtkWidget *cell;

  g_object_set_data (G_OBJECT (item), "plan-column", GINT_TO_POINTER (column));

  switch (column)
    {
    case SW_PLAN_COLUMN_STATUS:
      {
        GtkWidget *dot = gtk_image_new_from_icon_name ("media-record-symbolic");
        GtkWidget *label = gtk_label_new (NULL);

        cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        gtk_widget_set_valign (dot, GTK_ALIGN_START);
        gtk_widget_add_css_class (dot, "plan-dot");
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_set_valign (label, GTK_ALIGN_START);
        gtk_box_append (GTK_BOX (cell), dot);
        gtk_box_append (GTK_BOX (cell), label);
      }
      break;

    case SW_PLAN_COLUMN_WHEN:
      {
        GtkWidget *label = gtk_label_new (NULL);
        GtkWidget *badge = gtk_label_new (_("Overdue"));

        cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_add_css_class (label, "numeric");
        gtk_widget_set_halign (badge, GTK_ALIGN_START);
        gtk_widget_add_css_class (badge, "overdue-badge");
        gtk_box_append (GTK_BOX (cell), label);
        gtk_box_append (GTK_BOX (cell), badge);
      }
      break;

    case SW_PLAN_COLUMN_CAUSE:
      cell = new_text_label (28, 3);
      break;

    case SW_PLAN_COLUMN_MEASURE:
      cell = new_text_label (18, 3);
      gtk_widget_add_css_class (cell, "plan-measure");
      break;

    case SW_PLAN_COLUMN_GOAL:
      cell = new_text_label (36, 4);
      break;

    case SW_PLAN_COLUMN_WHO:
      cell = new_text_label (20, 3);
      break;

    case SW_PLAN_COLUMN_FOLLOW_UP:
      cell = new_text_label (22, 3);
      break;

    case SW_PLAN_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_widget_set_valign (cell, GTK_ALIGN_START);
  gtk_widget_add_css_class (cell, "plan-cell");
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SwActionPlanView         *self)
{
  g_hash_table_add (self->bound_cells, item);
  refresh_cell (self, item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SwActionPlanView         *self)
{
  g_hash_table_remove (self->bound_cells, item);
}

/* ---------------------------------------------------------------------- */
/* Sorting                                                                */

static int
compare_strings (const char *a,
                 const char *b)
{
  /* Empty values last, whichever the direction asked. */
  if (a == NULL || *a == '\0')
    return (b == NULL || *b == '\0') ? 0 : 1;
  if (b == NULL || *b == '\0')
    return -1;
  return g_utf8_collate (a, b);
}

static int
color_rank (SwPlanColor color)
{
  switch (color)
    {
    case SW_PLAN_COLOR_RED: return 0;
    case SW_PLAN_COLOR_AMBER: return 1;
    case SW_PLAN_COLOR_GREEN: return 2;
    case SW_PLAN_COLOR_NONE:
    default:
      return 3;
    }
}

static guint
status_rank (const char *status)
{
  const SwTerm *terms;
  guint n;

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_MEASURE_STATUS, &n);
  for (guint i = 0; status != NULL && i < n; i++)
    if (g_str_equal (terms[i].key, status))
      return i;
  return 0;
}

static int
compare_measures (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GtkCustomSorter *sorter = user_data;
  SwActionPlanView *self = g_object_get_data (G_OBJECT (sorter), "view");
  SwPlanColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sorter), "plan-column"));
  SwMeasure *first = SW_MEASURE ((gpointer) a);
  SwMeasure *second = SW_MEASURE ((gpointer) b);
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  int result;

  switch (column)
    {
    case SW_PLAN_COLUMN_STATUS:
      result = color_rank (sw_action_plan_get_color (first, self->today))
               - color_rank (sw_action_plan_get_color (second, self->today));
      if (result == 0)
        result = (int) sw_action_plan_is_overdue (second, self->today)
                 - (int) sw_action_plan_is_overdue (first, self->today);
      break;

    case SW_PLAN_COLUMN_WHEN:
      result = compare_strings (sw_measure_get_due_date (first), sw_measure_get_due_date (second));
      break;

    /* By how far the work has come, in the order of the statuses; not by
     * the text, which reads each measure's history. */
    case SW_PLAN_COLUMN_FOLLOW_UP:
      result = (int) status_rank (sw_measure_get_status (first)) - (int) status_rank (sw_measure_get_status (second));
      if (result == 0)
        result = compare_strings (sw_measure_get_due_date (first), sw_measure_get_due_date (second));
      break;

    case SW_PLAN_COLUMN_CAUSE:
    case SW_PLAN_COLUMN_MEASURE:
    case SW_PLAN_COLUMN_GOAL:
    case SW_PLAN_COLUMN_WHO:
      text_a = sw_action_plan_dup_cell (self->project, first, column, self->today);
      text_b = sw_action_plan_dup_cell (self->project, second, column, self->today);
      result = compare_strings (text_a, text_b);
      break;

    case SW_PLAN_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* ---------------------------------------------------------------------- */
/* Following the project                                                  */

static void
refresh_all (SwActionPlanView *self)
{
  GHashTableIter iter;
  gpointer item;

  update_today (self);
  self->stale = FALSE;

  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    refresh_cell (self, item);

  /* An edit may move a row in the order or out of the filter. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < self->column_sorters->len; i++)
    gtk_sorter_changed (g_ptr_array_index (self->column_sorters, i), GTK_SORTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_project_changed (SwActionPlanView *self)
{
  /* Sorting asks every row for its text: not for edits on the map. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  refresh_all (self);
}

static void
open_editor (SwActionPlanView *self,
             SwMeasure        *measure)
{
  if (self->editor == NULL)
    return;

  sw_measure_editor_set_measure (self->editor, self->project, measure);
  adw_flap_set_reveal_flap (self->flap, measure != NULL);
}

static void
on_selection_changed (SwActionPlanView *self)
{
  SwMeasure *measure = gtk_single_selection_get_selected_item (self->selection);

  if (measure != NULL)
    open_editor (self, measure);
}

static void
on_row_activated (SwActionPlanView *self,
                  guint             position)
{
  g_autoptr (SwMeasure) measure = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (measure != NULL)
    {
      open_editor (self, measure);
      gtk_widget_grab_focus (GTK_WIDGET (self->editor));
    }
}

static void
on_editor_close_requested (SwActionPlanView *self)
{
  adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  sw_measure_editor_set_measure (self->editor, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SwActionPlanView *self = SW_ACTION_PLAN_VIEW (widget);
  g_autofree char *tsv = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  GtkWidget *window;

  if (self->project == NULL || n == 0)
    return;

  tsv = sw_action_plan_to_tsv (self->project, G_LIST_MODEL (self->sorted), self->today);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), tsv);

  window = gtk_widget_get_ancestor (widget, SW_TYPE_WINDOW);
  if (window != NULL)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Copied %u measure as a table",
                                                          "Copied %u measures as a table", n), n);

      sw_window_add_toast (SW_WINDOW (window), adw_toast_new (title));
    }
}

/* ---------------------------------------------------------------------- */
/* GObject and GtkWidget                                                  */

static void
add_columns (SwActionPlanView *self)
{
  /* Widths in characters are set on the labels; these say which columns
   * take the room left over. */
  static const gboolean expands[SW_PLAN_N_COLUMNS] = {
    [SW_PLAN_COLUMN_CAUSE] = TRUE,
    [SW_PLAN_COLUMN_GOAL] = TRUE,
  };

  for (SwPlanColumn column = 0; column < SW_PLAN_N_COLUMNS; column++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *view_column;
      GtkCustomSorter *sorter;

      g_object_set_data (G_OBJECT (factory), "plan-column", GINT_TO_POINTER (column));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);

      sorter = gtk_custom_sorter_new (compare_measures, NULL, NULL);
      /* The sort function gets the sorter, which knows its column. */
      gtk_custom_sorter_set_sort_func (sorter, compare_measures, sorter, NULL);
      g_object_set_data (G_OBJECT (sorter), "view", self);
      g_object_set_data (G_OBJECT (sorter), "plan-column", GINT_TO_POINTER (column));
      g_ptr_array_add (self->column_sorters, g_object_ref (sorter));

      view_column = gtk_column_view_column_new (sw_plan_column_get_title (column), factory);
      gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
      gtk_column_view_column_set_expand (view_column, expands[column]);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_append_column (self->column_view, view_column);

      g_object_unref (sorter);
      g_object_unref (view_column);
    }
}

static GtkStringList *
filter_labels (SwVocabulary  vocabulary,
               const char   *all_label,
               const char   *last_label)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  const SwTerm *terms;
  guint n;

  gtk_string_list_append (labels, all_label);
  terms = sw_vocabulary_get_terms (vocabulary, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (labels, sw_vocabulary_get_label (vocabulary, terms[i].key));
  if (last_label != NULL)
    gtk_string_list_append (labels, last_label);

  return labels;
}

static void
sw_action_plan_view_map (GtkWidget *widget)
{
  SwActionPlanView *self = SW_ACTION_PLAN_VIEW (widget);

  GTK_WIDGET_CLASS (sw_action_plan_view_parent_class)->map (widget);

  if (self->stale)
    refresh_all (self);
}

static void
sw_action_plan_view_dispose (GObject *object)
{
  SwActionPlanView *self = SW_ACTION_PLAN_VIEW (object);
  GtkWidget *child;

  sw_action_plan_view_set_project (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_ACTION_PLAN_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->column_sorters, g_ptr_array_unref);
  g_clear_pointer (&self->bound_cells, g_hash_table_unref);

  G_OBJECT_CLASS (sw_action_plan_view_parent_class)->dispose (object);
}

static void
sw_action_plan_view_finalize (GObject *object)
{
  SwActionPlanView *self = SW_ACTION_PLAN_VIEW (object);

  g_clear_pointer (&self->walk_uuids, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_date_free);

  G_OBJECT_CLASS (sw_action_plan_view_parent_class)->finalize (object);
}

static void
sw_action_plan_view_class_init (SwActionPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_action_plan_view_dispose;
  object_class->finalize = sw_action_plan_view_finalize;
  widget_class->map = sw_action_plan_view_map;

  g_type_ensure (SW_TYPE_MEASURE_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-action-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SwActionPlanView, flap);
  gtk_widget_class_bind_template_child (widget_class, SwActionPlanView, editor);
  gtk_widget_class_bind_template_child (widget_class, SwActionPlanView, status_filter);
  gtk_widget_class_bind_template_child (widget_class, SwActionPlanView, responsible_filter);
  gtk_widget_class_bind_template_child (widget_class, SwActionPlanView, walk_filter);
  gtk_widget_class_bind_template_child (widget_class, SwActionPlanView, count_label);
  gtk_widget_class_bind_template_child (widget_class, SwActionPlanView, stack);
  gtk_widget_class_bind_template_child (widget_class, SwActionPlanView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_close_requested);

  gtk_widget_class_install_action (widget_class, "plan.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "plan.show-all", NULL, show_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "plan.copy", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "actionplan");
}

static void
sw_action_plan_view_init (SwActionPlanView *self)
{
  g_autoptr (GtkStringList) statuses = NULL;
  g_autoptr (GtkStringList) responsibles = NULL;
  GtkColumnViewColumn *when_column;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound_cells = g_hash_table_new (NULL, NULL);
  self->column_sorters = g_ptr_array_new_with_free_func (g_object_unref);
  self->walk_uuids = g_ptr_array_new_with_free_func (g_free);
  update_today (self);

  statuses = filter_labels (SW_VOCABULARY_MEASURE_STATUS, _("All statuses"), _("Overdue"));
  responsibles = filter_labels (SW_VOCABULARY_RESPONSIBLE, _("All parties"), NULL);
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->responsible_filter, G_LIST_MODEL (responsibles));
  update_walk_filter (self);

  add_columns (self);

  self->filter = gtk_custom_filter_new (measure_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted, "items-changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);

  /* The plan opens on what is due first; overdue measures come on top. */
  when_column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), SW_PLAN_COLUMN_WHEN);
  gtk_column_view_sort_by_column (self->column_view, when_column, GTK_SORT_ASCENDING);
  g_object_unref (when_column);

  update_count (self);
}

GtkWidget *
sw_action_plan_view_new (void)
{
  return g_object_new (SW_TYPE_ACTION_PLAN_VIEW, NULL);
}

void
sw_action_plan_view_set_project (SwActionPlanView *self,
                                 SwProject        *project)
{
  g_return_if_fail (SW_IS_ACTION_PLAN_VIEW (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_signal_handlers_disconnect_by_data (sw_project_get_walks (self->project), self);
    }

  open_editor (self, NULL);
  g_set_object (&self->project, project);

  if (self->filtered != NULL)
    gtk_filter_list_model_set_model (self->filtered, project != NULL ? sw_project_get_measures (project) : NULL);

  if (project != NULL)
    {
      g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sw_project_get_walks (project), "items-changed",
                               G_CALLBACK (update_walk_filter), self, G_CONNECT_SWAPPED);
    }

  if (self->walk_uuids != NULL)
    {
      update_walk_filter (self);
      refresh_all (self);
    }
}

GListModel *
sw_action_plan_view_get_rows (SwActionPlanView *self)
{
  g_return_val_if_fail (SW_IS_ACTION_PLAN_VIEW (self), NULL);

  if (self->stale)
    refresh_all (self);

  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
sw_action_plan_view_get_column_view (SwActionPlanView *self)
{
  g_return_val_if_fail (SW_IS_ACTION_PLAN_VIEW (self), NULL);

  return self->column_view;
}

GtkWidget *
sw_action_plan_view_get_editor (SwActionPlanView *self)
{
  g_return_val_if_fail (SW_IS_ACTION_PLAN_VIEW (self), NULL);

  return GTK_WIDGET (self->editor);
}

/* The column view's rows are a list view inside it, which knows how to
 * bring a row into sight. */
static void
scroll_to_row (SwActionPlanView *self,
               guint             position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

void
sw_action_plan_view_show_measure (SwActionPlanView *self,
                                  SwMeasure        *measure)
{
  guint n;

  g_return_if_fail (SW_IS_ACTION_PLAN_VIEW (self));
  g_return_if_fail (SW_IS_MEASURE (measure));

  for (int attempt = 0; attempt < 2; attempt++)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (SwMeasure) shown = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

          if (shown == measure)
            {
              gtk_single_selection_set_selected (self->selection, i);
              open_editor (self, measure);
              scroll_to_row (self, i);
              return;
            }
        }

      /* A filter hides it: show everything and look again. */
      show_all_action (GTK_WIDGET (self), NULL, NULL);
    }

  open_editor (self, measure);
}
