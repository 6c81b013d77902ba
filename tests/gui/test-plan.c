/* The Action Plan and the Situation (lägesbild) in a real window under Xvfb,
 * on a copy of the demo project: the rows, their order and the filters are
 * checked against SQL on the file; a measure's status is changed through the
 * editor's widgets, a refused change (a rejection without a reason, a
 * negative cost, a date that is no date) is shown and leaves the file as it
 * was, and undo takes a change back; the situation's figures are counted
 * again with SQL. Screenshots go to the build folder. */
#define G_LOG_DOMAIN "test-plan"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "sw-test-files.h"
#include "sw-test-gui.h"
#include "sw-action-plan.h"
#include "sw-action-plan-view.h"
#include "sw-application.h"
#include "sw-chart.h"
#include "sw-measure-editor.h"
#include "sw-measure-list.h"
#include "sw-place-grouping.h"
#include "sw-place-list.h"
#include "sw-place-priority.h"
#include "sw-place-view.h"
#include "sw-finding-editor.h"
#include "sw-sidebar.h"
#include "sw-project.h"
#include "sw-situation.h"
#include "sw-situation-view.h"
#include "sw-vocabulary.h"
#include "sw-window.h"

static SwApplication *application;
static char *tmpdir;
static GFile *demo_file;
static SwWindow *window;

/* ---------------------------------------------------------------------- */
/* The file, read with SQL beside the app                                 */

static sqlite3 *
open_file_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (g_file_peek_path (demo_file), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

/* The single integer @sql gives, with @text bound to ?1 if given. */
static gint64
query_int (const char *sql,
           const char *text)
{
  sqlite3 *db = open_file_db ();
  sqlite3_stmt *statement = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (statement, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);

  return value;
}

static char *
query_text (const char *sql,
            const char *text)
{
  sqlite3 *db = open_file_db ();
  sqlite3_stmt *statement = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (statement, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) == SQLITE_ROW && sqlite3_column_text (statement, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);

  return value;
}

/* The open measures whose due day has passed, counted by SQLite's own
 * idea of today. */
#define SQL_OVERDUE \
  "SELECT count(*) FROM measures WHERE (status IS NULL OR status IN ('proposed', 'decided', 'in-progress'))" \
  " AND due_date IS NOT NULL AND due_date < date('now', 'localtime')"

/* ---------------------------------------------------------------------- */
/* Widgets                                                                */

static gboolean
window_has_project (gpointer user_data)
{
  return sw_window_get_project (user_data) != NULL;
}

static GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  if (GTK_IS_BUILDABLE (widget) && g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static SwActionPlanView *
get_plan (void)
{
  return SW_ACTION_PLAN_VIEW (find_descendant (GTK_WIDGET (window), SW_TYPE_ACTION_PLAN_VIEW));
}

static SwSituationView *
get_situation (void)
{
  return SW_SITUATION_VIEW (find_descendant (GTK_WIDGET (window), SW_TYPE_SITUATION_VIEW));
}

static AdwViewStack *
get_view_stack (void)
{
  return ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
}

static guint
position_of_key (SwVocabulary vocabulary,
                 const char  *key)
{
  const SwTerm *terms;
  guint n;

  terms = sw_vocabulary_get_terms (vocabulary, &n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (terms[i].key, key))
      return i;

  g_assert_not_reached ();
}

static void
show_view (const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", name));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack ()), ==, name);
  spin (300);
}

static GListModel *
get_rows (void)
{
  return sw_action_plan_view_get_rows (get_plan ());
}

/* The measures shown, as a set of uuids. */
static GHashTable *
shown_uuids (void)
{
  GHashTable *uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *rows = get_rows ();

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (SwMeasure) measure = g_list_model_get_item (rows, i);

      g_hash_table_add (uuids, g_strdup (sw_feature_get_uuid (SW_FEATURE (measure))));
    }

  return uuids;
}

/* Each uuid @sql lists is shown, and nothing else. */
static void
assert_rows_are (const char *sql,
                 const char *parameter)
{
  g_autoptr (GHashTable) shown = shown_uuids ();
  sqlite3 *db = open_file_db ();
  sqlite3_stmt *statement = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (parameter != NULL)
    sqlite3_bind_text (statement, 1, parameter, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      g_assert_true (g_hash_table_contains (shown, sqlite3_column_text (statement, 0)));
      n++;
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);

  g_assert_cmpuint (g_hash_table_size (shown), ==, n);
}

static GtkDropDown *
get_dropdown (const char *id)
{
  GtkWidget *dropdown = find_by_id (GTK_WIDGET (get_plan ()), id);

  g_assert_true (GTK_IS_DROP_DOWN (dropdown));
  return GTK_DROP_DOWN (dropdown);
}

static void
sort_by (SwPlanColumn column,
         GtkSortType  order)
{
  GtkColumnView *view = sw_action_plan_view_get_column_view (get_plan ());
  g_autoptr (GtkColumnViewColumn) view_column = g_list_model_get_item (gtk_column_view_get_columns (view), column);

  g_assert_cmpstr (gtk_column_view_column_get_title (view_column), ==, sw_plan_column_get_title (column));
  gtk_column_view_sort_by_column (view, view_column, order);
  spin (100);
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                  */

static void
test_open (void)
{
  if (demo_file == NULL)
    {
      g_test_skip ("The demo project is not built");
      return;
    }

  g_application_open (G_APPLICATION (application), &demo_file, 1, "");
  window = sw_application_find_window (application, demo_file);
  g_assert_nonnull (window);
  g_assert_true (wait_for (window_has_project, window, "the demo project to open"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);

  /* The switcher offers the three views; the map comes first. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack ()), ==, "map");
  g_assert_nonnull (adw_view_stack_get_child_by_name (get_view_stack (), "action-plan"));
  g_assert_nonnull (adw_view_stack_get_child_by_name (get_view_stack (), "situation"));
}

static void
test_rows (void)
{
  GListModel *rows;
  gint64 n_overdue = query_int (SQL_OVERDUE, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                            g_date_time_get_month (now),
                                            g_date_time_get_year (now));
  guint n_overdue_rows = 0;
  GtkWidget *count;
  g_autofree char *expected_count = NULL;

  if (window == NULL)
    {
      g_test_skip ("No demo project");
      return;
    }

  show_view ("action-plan");

  /* Drawing on the map is not offered here. */
  g_assert_false (gtk_widget_is_visible (find_by_id (GTK_WIDGET (window), "draw_route_button")));
  g_assert_false (gtk_widget_is_visible (find_by_id (GTK_WIDGET (window), "add_finding_button")));

  rows = get_rows ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
  assert_rows_are ("SELECT uuid FROM measures", NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (SwMeasure) measure = g_list_model_get_item (rows, i);

      if (sw_action_plan_is_overdue (measure, today))
        n_overdue_rows++;
    }
  g_assert_cmpint (n_overdue_rows, ==, n_overdue);

  /* The count says how many, and how many are overdue. */
  count = find_by_id (GTK_WIDGET (get_plan ()), "count_label");
  {
    g_autofree char *kronor = sw_action_plan_format_kronor (
      query_int ("SELECT CAST(round(total(cost)) AS INTEGER) FROM measures"
                 " WHERE status IS NULL OR status != 'rejected'", NULL));

    if (n_overdue > 0)
      expected_count = g_strdup_printf ("%u measures · %" G_GINT64_FORMAT " overdue · %s",
                                        g_list_model_get_n_items (rows), n_overdue, kronor);
    else
      expected_count = g_strdup_printf ("%u measures · %s", g_list_model_get_n_items (rows), kronor);
  }
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, expected_count);

  /* Opened on the earliest due date first, so overdue measures lead. */
  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (SwMeasure) before = g_list_model_get_item (rows, i - 1);
      g_autoptr (SwMeasure) after = g_list_model_get_item (rows, i);

      if (sw_measure_get_due_date (after) != NULL)
        {
          g_assert_nonnull (sw_measure_get_due_date (before));
          g_assert_cmpstr (sw_measure_get_due_date (before), <=, sw_measure_get_due_date (after));
        }
    }
  if (n_overdue > 0)
    {
      g_autoptr (SwMeasure) first = g_list_model_get_item (rows, 0);

      g_assert_true (sw_action_plan_is_overdue (first, today)
                     || g_strcmp0 (sw_measure_get_status (first), "done") == 0
                     || g_strcmp0 (sw_measure_get_status (first), "followed-up") == 0
                     || g_strcmp0 (sw_measure_get_status (first), "rejected") == 0);
    }

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-action-plan.png"));
}

static void
test_sort (void)
{
  GListModel *rows;
  SwProject *project;
  g_autoptr (GDate) today = g_date_new_dmy (1, 1, 2000);

  if (window == NULL)
    {
      g_test_skip ("No demo project");
      return;
    }

  project = sw_window_get_project (window);
  rows = get_rows ();

  /* By who, both ways, in the words shown. */
  for (int order = GTK_SORT_ASCENDING; order <= GTK_SORT_DESCENDING; order++)
    {
      sort_by (SW_PLAN_COLUMN_WHO, order);
      for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr (SwMeasure) before = g_list_model_get_item (rows, i - 1);
          g_autoptr (SwMeasure) after = g_list_model_get_item (rows, i);
          g_autofree char *a = sw_action_plan_dup_cell (project, before, SW_PLAN_COLUMN_WHO, today);
          g_autofree char *b = sw_action_plan_dup_cell (project, after, SW_PLAN_COLUMN_WHO, today);

          if (order == GTK_SORT_ASCENDING)
            g_assert_cmpint (g_utf8_collate (a, b), <=, 0);
          else
            g_assert_cmpint (g_utf8_collate (a, b), >=, 0);
        }
    }

  /* By status: red, then amber, then green, then rejected. */
  sort_by (SW_PLAN_COLUMN_STATUS, GTK_SORT_ASCENDING);
  {
    g_autoptr (SwMeasure) first = g_list_model_get_item (rows, 0);
    g_autoptr (SwMeasure) last = g_list_model_get_item (rows, g_list_model_get_n_items (rows) - 1);
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autoptr (GDate) now_date = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                                 g_date_time_get_month (now),
                                                 g_date_time_get_year (now));

    g_assert_cmpint (sw_action_plan_get_color (first, now_date), ==, SW_PLAN_COLOR_RED);
    if (query_int ("SELECT count(*) FROM measures WHERE status = 'rejected'", NULL) > 0)
      g_assert_cmpstr (sw_measure_get_status (last), ==, "rejected");
  }

  /* By follow-up: how far the work has come, in the order of the statuses. */
  sort_by (SW_PLAN_COLUMN_FOLLOW_UP, GTK_SORT_ASCENDING);
  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (SwMeasure) before = g_list_model_get_item (rows, i - 1);
      g_autoptr (SwMeasure) after = g_list_model_get_item (rows, i);

      g_assert_cmpuint (position_of_key (SW_VOCABULARY_MEASURE_STATUS, sw_measure_get_status (before)), <=,
                        position_of_key (SW_VOCABULARY_MEASURE_STATUS, sw_measure_get_status (after)));
    }

  sort_by (SW_PLAN_COLUMN_WHEN, GTK_SORT_ASCENDING);
}

static void
test_filter (void)
{
  GtkDropDown *status;
  GtkDropDown *responsible;
  GtkDropDown *walk;
  g_autofree char *walk_uuid = NULL;

  if (window == NULL)
    {
      g_test_skip ("No demo project");
      return;
    }

  status = get_dropdown ("status_filter");
  responsible = get_dropdown ("responsible_filter");
  walk = get_dropdown ("walk_filter");

  /* Status: the first item is all, then the statuses in their order. */
  gtk_drop_down_set_selected (status, 1 + position_of_key (SW_VOCABULARY_MEASURE_STATUS, "in-progress"));
  assert_rows_are ("SELECT uuid FROM measures WHERE status = 'in-progress'", NULL);
  gtk_drop_down_set_selected (status, 1 + position_of_key (SW_VOCABULARY_MEASURE_STATUS, "decided"));
  assert_rows_are ("SELECT uuid FROM measures WHERE status = 'decided'", NULL);

  /* The last status item is the overdue measures. */
  gtk_drop_down_set_selected (status, g_list_model_get_n_items (gtk_drop_down_get_model (status)) - 1);
  assert_rows_are ("SELECT uuid FROM measures WHERE (status IS NULL OR status IN ('proposed', 'decided', 'in-progress'))"
                   " AND due_date IS NOT NULL AND due_date < date('now', 'localtime')", NULL);
  gtk_drop_down_set_selected (status, 0);

  /* Responsible party, alone and together with a status. */
  gtk_drop_down_set_selected (responsible, 1 + position_of_key (SW_VOCABULARY_RESPONSIBLE, "municipality"));
  g_assert_cmpint (query_int ("SELECT count(*) FROM measures WHERE responsible = 'municipality'", NULL), >, 0);
  assert_rows_are ("SELECT uuid FROM measures WHERE responsible = 'municipality'", NULL);
  gtk_drop_down_set_selected (status, 1 + position_of_key (SW_VOCABULARY_MEASURE_STATUS, "proposed"));
  assert_rows_are ("SELECT uuid FROM measures WHERE responsible = 'municipality' AND status = 'proposed'", NULL);

  /* A choice nothing matches says so, and offers to show all. */
  gtk_drop_down_set_selected (responsible, 1 + position_of_key (SW_VOCABULARY_RESPONSIBLE, "association"));
  gtk_drop_down_set_selected (status, 1 + position_of_key (SW_VOCABULARY_MEASURE_STATUS, "done"));
  if (query_int ("SELECT count(*) FROM measures WHERE responsible = 'association' AND status = 'done'", NULL) == 0)
    {
      GtkStack *stack = GTK_STACK (find_by_id (GTK_WIDGET (get_plan ()), "stack"));

      g_assert_cmpuint (g_list_model_get_n_items (get_rows ()), ==, 0);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_plan ()), "plan.show-all", NULL));
      g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, 0);
      g_assert_cmpuint (gtk_drop_down_get_selected (responsible), ==, 0);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "table");
    }
  gtk_drop_down_set_selected (status, 0);
  gtk_drop_down_set_selected (responsible, 0);

  /* Walk: the measures against the walk's findings. */
  walk_uuid = query_text ("SELECT uuid FROM walks ORDER BY fid LIMIT 1", NULL);
  g_assert_nonnull (walk_uuid);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (walk)), ==,
                    1 + query_int ("SELECT count(*) FROM walks", NULL));
  gtk_drop_down_set_selected (walk, 1);
  assert_rows_are ("SELECT m.uuid FROM measures m JOIN findings f ON f.uuid = m.finding_uuid WHERE f.walk_uuid = ?1",
                   walk_uuid);
  gtk_drop_down_set_selected (walk, 0);
  assert_rows_are ("SELECT uuid FROM measures", NULL);
}

static gboolean
editor_revealed (gpointer user_data)
{
  AdwFlap *flap = user_data;

  return adw_flap_get_reveal_flap (flap) && adw_flap_get_reveal_progress (flap) >= 1.0;
}

static void
apply_entry (GtkWidget  *row,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* What Enter or the apply button does. */
  g_signal_emit_by_name (row, "apply");
}

static void
test_edit_status (void)
{
  g_autofree char *uuid = NULL;
  g_autofree char *status = NULL;
  g_autofree char *reason = NULL;
  SwProject *project;
  SwMeasure *measure;
  SwMeasureEditor *editor;
  GListModel *rows;
  GtkWidget *status_row;
  GtkWidget *reason_row;
  GtkWidget *cost_row;
  GtkWidget *due_row;
  AdwFlap *flap;
  double cost_before;
  guint position = GTK_INVALID_LIST_POSITION;

  if (window == NULL)
    {
      g_test_skip ("No demo project");
      return;
    }

  project = sw_window_get_project (window);
  uuid = query_text ("SELECT uuid FROM measures WHERE status = 'decided' ORDER BY fid LIMIT 1", NULL);
  g_assert_nonnull (uuid);
  measure = SW_MEASURE (sw_project_lookup (project, SW_KIND_MEASURE, uuid));

  /* A click on its row selects it and opens the editor beside the table. */
  rows = get_rows ();
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (SwMeasure) shown = g_list_model_get_item (rows, i);

      if (shown == measure)
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_selection_model_select_item (gtk_column_view_get_model (sw_action_plan_view_get_column_view (get_plan ())),
                                   position, TRUE);
  flap = ADW_FLAP (find_by_id (GTK_WIDGET (get_plan ()), "flap"));
  g_assert_true (wait_for (editor_revealed, flap, "the measure editor"));
  editor = SW_MEASURE_EDITOR (sw_action_plan_view_get_editor (get_plan ()));
  g_assert_true (sw_measure_editor_get_measure (editor) == measure);

  status_row = find_by_id (GTK_WIDGET (editor), "status_row");
  reason_row = find_by_id (GTK_WIDGET (editor), "reason_row");
  cost_row = find_by_id (GTK_WIDGET (editor), "cost_row");
  due_row = find_by_id (GTK_WIDGET (editor), "due_row");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (status_row)), ==,
                    position_of_key (SW_VOCABULARY_MEASURE_STATUS, "decided"));

  /* Decided to in progress, on the day of the decision as the meeting
   * wrote it: stored at once, with that day in the history. A day that is
   * no day is refused first. */
  {
    GtkWidget *day_row = find_by_id (GTK_WIDGET (editor), "status_date_row");
    g_autofree char *decided_on = query_text ("SELECT date FROM measure_status_changes"
                                              " WHERE measure_uuid = ?1 AND status = 'decided'", uuid);

    g_assert_nonnull (decided_on);
    gtk_editable_set_text (GTK_EDITABLE (day_row), "2026-11-31");
    adw_combo_row_set_selected (ADW_COMBO_ROW (status_row), position_of_key (SW_VOCABULARY_MEASURE_STATUS, "in-progress"));
    g_assert_nonnull (sw_measure_editor_get_problem (editor));
    g_assert_nonnull (strstr (sw_measure_editor_get_problem (editor), "2026-11-31"));
    status = query_text ("SELECT status FROM measures WHERE uuid = ?1", uuid);
    g_assert_cmpstr (status, ==, "decided");
    g_clear_pointer (&status, g_free);

    adw_combo_row_set_selected (ADW_COMBO_ROW (status_row), position_of_key (SW_VOCABULARY_MEASURE_STATUS, "decided"));
    gtk_editable_set_text (GTK_EDITABLE (day_row), decided_on);
    adw_combo_row_set_selected (ADW_COMBO_ROW (status_row), position_of_key (SW_VOCABULARY_MEASURE_STATUS, "in-progress"));
    status = query_text ("SELECT status FROM measures WHERE uuid = ?1", uuid);
    g_assert_cmpstr (status, ==, "in-progress");
    g_assert_null (sw_measure_editor_get_problem (editor));
    g_assert_cmpint (query_int ("SELECT count(*) FROM measure_status_changes WHERE measure_uuid = ?1"
                                " AND status = 'in-progress' AND date = (SELECT date FROM measure_status_changes"
                                " WHERE measure_uuid = ?1 AND status = 'decided')", uuid), ==, 1);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (day_row)), ==, "");
  }

  /* Rejected without a reason: refused, said why, the file unchanged; the
   * reason row appears and the choice stays for it. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (status_row), position_of_key (SW_VOCABULARY_MEASURE_STATUS, "rejected"));
  g_clear_pointer (&status, g_free);
  status = query_text ("SELECT status FROM measures WHERE uuid = ?1", uuid);
  g_assert_cmpstr (status, ==, "in-progress");
  g_assert_nonnull (sw_measure_editor_get_problem (editor));
  g_assert_nonnull (strstr (sw_measure_editor_get_problem (editor), "reason"));
  g_assert_true (gtk_widget_get_visible (reason_row));
  g_assert_true (gtk_widget_has_css_class (status_row, "error"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find_by_id (GTK_WIDGET (editor), "problem_revealer"))));
  spin (400);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-measure-refused.png"));

  /* With the reason it is stored, status and reason together. */
  apply_entry (reason_row, "Ingår redan i belysningsprogrammet för 2027.");
  g_clear_pointer (&status, g_free);
  status = query_text ("SELECT status FROM measures WHERE uuid = ?1", uuid);
  reason = query_text ("SELECT status_reason FROM measures WHERE uuid = ?1", uuid);
  g_assert_cmpstr (status, ==, "rejected");
  g_assert_cmpstr (reason, ==, "Ingår redan i belysningsprogrammet för 2027.");
  g_assert_null (sw_measure_editor_get_problem (editor));
  g_assert_false (gtk_widget_has_css_class (status_row, "error"));

  /* The table follows: the row's follow-up shows the reason. */
  {
    g_autoptr (GDate) today = g_date_new_dmy (1, 1, 2000);
    g_autofree char *follow_up = sw_action_plan_dup_cell (project, measure, SW_PLAN_COLUMN_FOLLOW_UP, today);

    g_assert_nonnull (strstr (follow_up, "belysningsprogrammet"));
  }

  /* Undo takes the rejection back, in the file and in the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_clear_pointer (&status, g_free);
  status = query_text ("SELECT status FROM measures WHERE uuid = ?1", uuid);
  g_assert_cmpstr (status, ==, "in-progress");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (status_row)), ==,
                    position_of_key (SW_VOCABULARY_MEASURE_STATUS, "in-progress"));
  g_assert_false (gtk_widget_get_visible (reason_row));

  /* A negative cost is refused with the project's message. */
  cost_before = sw_measure_get_cost (measure);
  apply_entry (cost_row, "-5000");
  g_assert_nonnull (sw_measure_editor_get_problem (editor));
  g_assert_nonnull (strstr (sw_measure_editor_get_problem (editor), "negative"));
  g_assert_cmpfloat (sw_measure_get_cost (measure), ==, cost_before);
  g_assert_cmpint (query_int ("SELECT count(*) FROM measures WHERE uuid = ?1 AND cost < 0", uuid), ==, 0);

  /* A cost as people write it is stored. */
  apply_entry (cost_row, "92 500 kr");
  g_assert_null (sw_measure_editor_get_problem (editor));
  g_assert_cmpint (query_int ("SELECT CAST(cost AS INTEGER) FROM measures WHERE uuid = ?1", uuid), ==, 92500);

  /* A date that is no date is refused before it reaches the file. */
  apply_entry (due_row, "2027-02-30");
  g_assert_nonnull (sw_measure_editor_get_problem (editor));
  g_assert_nonnull (strstr (sw_measure_editor_get_problem (editor), "2027-02-30"));
  g_assert_cmpint (query_int ("SELECT count(*) FROM measures WHERE uuid = ?1 AND due_date = '2027-02-30'", uuid), ==, 0);
  /* Due before it was decided: refused with core's message, naming both. */
  apply_entry (due_row, "2020-01-01");
  g_assert_nonnull (sw_measure_editor_get_problem (editor));
  g_assert_nonnull (strstr (sw_measure_editor_get_problem (editor), "before the decision"));
  g_assert_cmpint (query_int ("SELECT count(*) FROM measures WHERE uuid = ?1 AND due_date = '2020-01-01'", uuid), ==, 0);
  apply_entry (due_row, "2027-03-31");
  g_assert_null (sw_measure_editor_get_problem (editor));

  /* The history lists every status change of the file, newest first. */
  {
    GtkWidget *history = find_by_id (GTK_WIDGET (editor), "history_list");
    guint n_rows = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (history); row != NULL; row = gtk_widget_get_next_sibling (row))
      n_rows++;
    g_assert_cmpint (n_rows, ==, query_int ("SELECT count(*) FROM measure_status_changes WHERE measure_uuid = ?1", uuid));
    g_assert_cmpint (n_rows, >=, 2);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_first_child (history))), ==,
                     "In progress");
  }
  g_clear_pointer (&status, g_free);
  status = query_text ("SELECT due_date FROM measures WHERE uuid = ?1", uuid);
  g_assert_cmpstr (status, ==, "2027-03-31");

  spin (300);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-measure-editor.png"));

  /* Escape closes the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "measure-editor.close", NULL));
  g_assert_false (adw_flap_get_reveal_flap (flap));
}

static void
test_add_measure (void)
{
  g_autofree char *finding_uuid = NULL;
  gint64 n_before;
  SwMeasureEditor *editor;
  SwMeasure *added;

  if (window == NULL)
    {
      g_test_skip ("No demo project");
      return;
    }

  finding_uuid = query_text ("SELECT uuid FROM findings WHERE category = 'lighting' ORDER BY fid LIMIT 1", NULL);
  n_before = query_int ("SELECT count(*) FROM measures", NULL);

  show_view ("map");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-measure", "s", finding_uuid));

  /* A proposal of the kind the finding calls for, open in the plan. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack ()), ==, "action-plan");
  g_assert_cmpint (query_int ("SELECT count(*) FROM measures", NULL), ==, n_before + 1);
  g_assert_cmpint (query_int ("SELECT count(*) FROM measures WHERE finding_uuid = ?1"
                              " AND measure_type = 'lighting' AND status = 'proposed'", finding_uuid), >=, 1);
  editor = SW_MEASURE_EDITOR (sw_action_plan_view_get_editor (get_plan ()));
  added = sw_measure_editor_get_measure (editor);
  g_assert_nonnull (added);
  g_assert_cmpstr (sw_measure_get_finding_uuid (added), ==, finding_uuid);
  assert_rows_are ("SELECT uuid FROM measures", NULL);

  /* Undo takes it away, and the editor closes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (query_int ("SELECT count(*) FROM measures", NULL), ==, n_before);
  g_assert_null (sw_measure_editor_get_measure (editor));
  assert_rows_are ("SELECT uuid FROM measures", NULL);
}

/* A finding's measures are listed in its editor beside the map; a row opens
 * the measure in the Action Plan. */
static void
test_finding_measures (void)
{
  g_autofree char *finding_uuid = NULL;
  g_autofree char *measure_uuid = NULL;
  SwProject *project;
  SwFeature *finding;
  SwFindingEditor *finding_editor;
  SwMeasureList *list;
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  SwMeasureEditor *editor;

  if (window == NULL)
    {
      g_test_skip ("No demo project");
      return;
    }

  project = sw_window_get_project (window);
  finding_uuid = query_text ("SELECT finding_uuid FROM measures WHERE finding_uuid IS NOT NULL"
                             " GROUP BY finding_uuid ORDER BY count(*) DESC, finding_uuid LIMIT 1", NULL);
  g_assert_nonnull (finding_uuid);
  finding = sw_project_lookup (project, SW_KIND_FINDING, finding_uuid);

  show_view ("map");
  sw_sidebar_show_finding (sw_window_get_sidebar (window), SW_FINDING (finding));
  finding_editor = sw_sidebar_get_finding_editor (sw_window_get_sidebar (window));
  list = SW_MEASURE_LIST (find_descendant (GTK_WIDGET (finding_editor), SW_TYPE_MEASURE_LIST));
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
  g_assert_cmpint (sw_measure_list_get_n_measures (list), ==,
                   query_int ("SELECT count(*) FROM measures WHERE finding_uuid = ?1", finding_uuid));

  /* Scrolled to the end, where the measures are, for the picture. */
  scroller = find_by_id (GTK_WIDGET (finding_editor), "scroller");
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  spin (300);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  spin (300);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-finding-measures.png"));

  /* A row opens its measure in the plan. */
  measure_uuid = query_text ("SELECT uuid FROM measures WHERE finding_uuid = ?1 ORDER BY fid LIMIT 1", finding_uuid);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "win.show-measure", "s", measure_uuid));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack ()), ==, "action-plan");
  editor = SW_MEASURE_EDITOR (sw_action_plan_view_get_editor (get_plan ()));
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (sw_measure_editor_get_measure (editor))), ==, measure_uuid);

  /* And the measure's map button goes back to its finding beside the map. */
  {
    GListModel *all = sw_project_get_findings (project);
    g_autoptr (SwFinding) other = g_list_model_get_item (all, 0);

    if (SW_FEATURE (other) == finding)
      {
        g_clear_object (&other);
        other = g_list_model_get_item (all, 1);
      }
    sw_sidebar_show_finding (sw_window_get_sidebar (window), other);
    g_assert_true (sw_finding_editor_get_finding (finding_editor) == other);
  }
  g_signal_emit_by_name (find_by_id (GTK_WIDGET (editor), "map_button"), "clicked");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack ()), ==, "map");
  g_assert_true (sw_finding_editor_get_finding (finding_editor) == SW_FINDING (finding));

  show_view ("action-plan");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "measure-editor.close", NULL));
}

static GtkWidget *
find_by_tooltip (GtkWidget  *widget,
                 const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_by_css_class (GtkWidget  *widget,
                   const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
map_centred_on (gpointer user_data)
{
  SwPlace *place = user_data;
  ShumateViewport *viewport = shumate_simple_map_get_viewport (sw_window_get_map (window));

  return fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - sw_place_get_latitude (place)) < 1e-5
         && fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - sw_place_get_longitude (place)) < 1e-5;
}

static gboolean
places_grouped (gpointer user_data)
{
  return query_int ("SELECT count(*) FROM findings WHERE place_uuid IS NULL", NULL) == 0;
}

static gboolean
list_ranked (gpointer user_data)
{
  SwPlaceList *list = user_data;
  GListModel *ranking = sw_place_list_get_ranking (list);

  return ranking != NULL
         && g_list_model_get_n_items (ranking) == (guint) query_int ("SELECT count(*) FROM places", NULL);
}

/* The places tab beside the map: grouping through its button, the ranking
 * against the file and core, a place's reasons, renaming, splitting a
 * finding out, and undo. */
static void
test_places (void)
{
  SwProject *project;
  GtkStack *sidebar_stack;
  SwPlaceList *list;
  SwPlaceView *view;
  g_autoptr (GListModel) ranking = NULL;
  g_autoptr (GListModel) expected = NULL;
  g_autoptr (SwPlacePriority) top = NULL;
  g_autoptr (GPtrArray) top_findings = NULL;
  g_autofree char *name = NULL;
  gint64 n_places;
  SwPlace *place;

  if (window == NULL)
    {
      g_test_skip ("No demo project");
      return;
    }

  project = sw_window_get_project (window);
  show_view ("map");
  sidebar_stack = GTK_STACK (find_by_id (GTK_WIDGET (window), "sidebar_stack"));
  gtk_stack_set_visible_child_name (sidebar_stack, "places");
  list = SW_PLACE_LIST (find_descendant (GTK_WIDGET (window), SW_TYPE_PLACE_LIST));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));

  /* Group through the list's own button, in its thread. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "places.group", NULL));
  g_assert_true (wait_for (places_grouped, NULL, "the findings grouped into places"));
  g_assert_true (wait_for (list_ranked, list, "the places ranked"));

  /* The list holds every place of the file, in core's order. A project
   * already grouped changes nothing, and the list may rank again when the
   * grouping's thread returns: the test keeps the ranking it looks at. */
  ranking = g_object_ref (sw_place_list_get_ranking (list));
  expected = sw_project_rank_places (project, NULL);
  n_places = query_int ("SELECT count(*) FROM places", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (ranking), ==, n_places);
  g_assert_cmpuint (g_list_model_get_n_items (expected), ==, n_places);
  for (guint i = 0; i < n_places; i++)
    {
      g_autoptr (SwPlacePriority) shown = g_list_model_get_item (ranking, i);
      g_autoptr (SwPlacePriority) wanted = g_list_model_get_item (expected, i);

      g_assert_true (sw_place_priority_get_place (shown) == sw_place_priority_get_place (wanted));
      g_assert_cmpuint (sw_place_priority_get_rank (shown), ==, i + 1);
      if (i > 0)
        {
          g_autoptr (SwPlacePriority) before = g_list_model_get_item (ranking, i - 1);

          g_assert_cmpfloat (sw_place_priority_get_score (before), >=, sw_place_priority_get_score (shown));
        }
    }
  spin (300);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-places.png"));

  /* The first place: why it ranks first. */
  top = g_list_model_get_item (ranking, 0);
  place = sw_place_priority_get_place (top);
  top_findings = sw_project_list_place_findings (project, place);
  sw_place_list_show_place (list, place);
  view = SW_PLACE_VIEW (find_descendant (GTK_WIDGET (list), SW_TYPE_PLACE_VIEW));
  g_assert_true (sw_place_view_get_place (view) == place);
  /* The map brings the opened place into its middle. */
  g_assert_true (wait_for (map_centred_on, place, "the map centred on the place"));
  {
    g_autofree char *description = g_strdup_printf ("Rank 1 of %" G_GINT64_FORMAT " · score %.1f", n_places,
                                                    sw_place_priority_get_score (top));
    GtkWidget *group = NULL;

    /* The priority group says the rank and score. */
    for (GtkWidget *w = find_descendant (GTK_WIDGET (view), ADW_TYPE_PREFERENCES_GROUP); w != NULL;
         w = gtk_widget_get_next_sibling (w))
      if (ADW_IS_PREFERENCES_GROUP (w)
          && g_strcmp0 (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (w)), description) == 0)
        group = w;
    g_assert_nonnull (group);
  }
  spin (300);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-place.png"));

  /* Renaming through the name row is stored and kept by the user's mark. */
  {
    GtkWidget *name_row = find_descendant (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW);

    apply_entry (name_row, "Gångtunneln, norra mynningen");
    name = query_text ("SELECT name FROM places WHERE uuid = ?1", sw_feature_get_uuid (SW_FEATURE (place)));
    g_assert_cmpstr (name, ==, "Gångtunneln, norra mynningen");
    g_assert_cmpint (query_int ("SELECT user_named FROM places WHERE uuid = ?1", sw_feature_get_uuid (SW_FEATURE (place))), ==, 1);
  }

  /* Splitting a finding out makes one more place; undo takes it back. */
  if (top_findings->len > 1)
    {
      GtkWidget *split = find_by_tooltip (GTK_WIDGET (view), "Make this finding a place of its own");

      g_assert_nonnull (split);
      g_assert_true (gtk_widget_is_sensitive (split));
      /* What a click on it does. */
      g_signal_emit_by_name (split, "clicked");
      g_assert_cmpint (query_int ("SELECT count(*) FROM places", NULL), ==, n_places + 1);
      g_assert_true (wait_for (list_ranked, list, "the places ranked again"));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
      g_assert_cmpint (query_int ("SELECT count(*) FROM places", NULL), ==, n_places);
      g_assert_true (wait_for (list_ranked, list, "the places ranked again"));
    }

  /* Merging the second place into the first through the merge list: one
   * place fewer, its findings in the first; undo brings it back. */
  {
    GtkWidget *popover = find_descendant (GTK_WIDGET (view), GTK_TYPE_POPOVER);
    GtkWidget *merge_list = find_descendant (popover, GTK_TYPE_LIST_BOX);
    GtkListBoxRow *first_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (merge_list), 0);
    g_autoptr (SwPlacePriority) second = g_list_model_get_item (sw_place_list_get_ranking (list), 1);
    g_autofree char *second_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (sw_place_priority_get_place (second))));
    gint64 n_in_second = query_int ("SELECT count(*) FROM findings WHERE place_uuid = ?1", second_uuid);
    gint64 n_in_first = query_int ("SELECT count(*) FROM findings WHERE place_uuid = ?1",
                                   sw_feature_get_uuid (SW_FEATURE (place)));

    g_assert_nonnull (first_row);
    g_assert_true (g_object_get_data (G_OBJECT (first_row), "place") == sw_place_priority_get_place (second));
    g_signal_emit_by_name (merge_list, "row-activated", first_row);
    g_assert_cmpint (query_int ("SELECT count(*) FROM places", NULL), ==, n_places - 1);
    g_assert_cmpint (query_int ("SELECT count(*) FROM places WHERE uuid = ?1", second_uuid), ==, 0);
    g_assert_cmpint (query_int ("SELECT count(*) FROM findings WHERE place_uuid = ?1",
                                sw_feature_get_uuid (SW_FEATURE (place))), ==, n_in_first + n_in_second);
    g_assert_true (wait_for (list_ranked, list, "the places ranked after the merge"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_cmpint (query_int ("SELECT count(*) FROM places", NULL), ==, n_places);
    g_assert_cmpint (query_int ("SELECT count(*) FROM findings WHERE place_uuid = ?1", second_uuid), ==, n_in_second);
    g_assert_true (wait_for (list_ranked, list, "the places ranked after undo"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_clear_pointer (&name, g_free);
  name = query_text ("SELECT name FROM places WHERE uuid = ?1", sw_feature_get_uuid (SW_FEATURE (place)));
  g_assert_cmpstr (name, !=, "Gångtunneln, norra mynningen");

  gtk_stack_set_visible_child_name (sidebar_stack, "walks");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
has_message_dialog (gpointer user_data)
{
  return find_message_dialog () != NULL;
}

/* Repeat Walk through its dialog; a finding of the follow-up at the place
 * that ranks first, less severe than before, joins that place when grouped,
 * and the place shows before and after: better. */
static void
test_repeat_walk (void)
{
  SwProject *project;
  AdwMessageDialog *dialog;
  GtkWidget *date_row;
  g_autofree char *first_walk = NULL;
  g_autofree char *repeat_uuid = NULL;
  g_autoptr (GListModel) ranking = NULL;
  g_autoptr (SwPlacePriority) top = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (SwFinding) later = sw_finding_new ();
  g_autoptr (GError) error = NULL;
  gint64 n_walks;
  SwPlaceList *list;
  SwPlaceView *view;
  SwPlace *place;
  SwFinding *earlier;
  GtkWidget *badge;
  GtkStack *sidebar_stack;

  if (window == NULL)
    {
      g_test_skip ("No demo project");
      return;
    }

  project = sw_window_get_project (window);
  n_walks = query_int ("SELECT count(*) FROM walks", NULL);
  first_walk = query_text ("SELECT uuid FROM walks ORDER BY date DESC LIMIT 1", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.repeat-walk", NULL));
  g_assert_true (wait_for (has_message_dialog, NULL, "the Repeat Walk dialog"));
  dialog = find_message_dialog ();

  /* A day that is no day cannot be chosen. */
  date_row = find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2027-04-31");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "repeat"));
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2027-04-22");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "repeat"));
  spin (200);
  g_object_unref (save_screenshot (GTK_WIDGET (dialog), "screenshot-repeat-walk.png"));
  adw_message_dialog_response (dialog, "repeat");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpint (query_int ("SELECT count(*) FROM walks", NULL), ==, n_walks + 1);
  repeat_uuid = query_text ("SELECT uuid FROM walks WHERE repeats_uuid = ?1", first_walk);
  g_assert_nonnull (repeat_uuid);
  g_assert_cmpint (query_int ("SELECT count(*) FROM walks WHERE uuid = ?1 AND date = '2027-04-22'", repeat_uuid), ==, 1);
  g_assert_cmpint (query_int ("SELECT count(*) FROM stops s JOIN routes r ON r.uuid = s.route_uuid WHERE r.walk_uuid = ?1",
                              repeat_uuid), ==,
                   query_int ("SELECT count(*) FROM stops s JOIN routes r ON r.uuid = s.route_uuid WHERE r.walk_uuid = ?1",
                              first_walk));

  /* A volunteer notes the same spot on the follow-up: less severe. */
  ranking = sw_project_rank_places (project, NULL);
  top = g_list_model_get_item (ranking, 0);
  place = sw_place_priority_get_place (top);
  findings = sw_project_list_place_findings (project, place);
  earlier = g_ptr_array_index (findings, 0);
  sw_finding_set_walk_uuid (later, repeat_uuid);
  sw_finding_set_category (later, sw_finding_get_category (earlier));
  sw_finding_set_severity (later, 1);
  sw_finding_set_light (later, "dark");
  sw_finding_set_note (later, "Ny belysning sedan i våras, fortfarande lite mörkt vid trappan.");
  sw_finding_set_longitude (later, sw_finding_get_longitude (earlier) + 0.00005);
  sw_finding_set_latitude (later, sw_finding_get_latitude (earlier));
  g_assert_nonnull (sw_project_add (project, SW_FEATURE (later), &error));
  g_assert_no_error (error);

  show_view ("map");
  sidebar_stack = GTK_STACK (find_by_id (GTK_WIDGET (window), "sidebar_stack"));
  gtk_stack_set_visible_child_name (sidebar_stack, "places");
  list = SW_PLACE_LIST (find_descendant (GTK_WIDGET (window), SW_TYPE_PLACE_LIST));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "places.group", NULL));
  g_assert_true (wait_for (places_grouped, NULL, "the follow-up's finding grouped"));
  g_assert_true (wait_for (list_ranked, list, "the places ranked"));

  /* It joined the earlier place. */
  g_assert_cmpint (query_int ("SELECT count(*) FROM findings WHERE walk_uuid = ?1 AND place_uuid = "
                              "(SELECT place_uuid FROM findings WHERE uuid = ?2)", NULL), ==, 0);
  {
    g_autofree char *joined = query_text ("SELECT place_uuid FROM findings WHERE walk_uuid = ?1", repeat_uuid);

    g_assert_cmpstr (joined, ==, sw_feature_get_uuid (SW_FEATURE (place)));
  }

  sw_place_list_show_place (list, place);
  view = SW_PLACE_VIEW (find_descendant (GTK_WIDGET (list), SW_TYPE_PLACE_VIEW));
  badge = find_by_css_class (GTK_WIDGET (view), "trend-badge");
  g_assert_nonnull (badge);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "Better");
  g_assert_true (gtk_widget_has_css_class (badge, "trend-better"));

  /* Scrolled to the before and after, for the picture. */
  {
    GtkWidget *scroller = NULL;
    GtkAdjustment *adjustment;

    /* The view's own, not the one in its merge popover. */
    for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (view)));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_SCROLLED_WINDOW (child))
        scroller = child;
    g_assert_nonnull (scroller);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    spin (500);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
    spin (300);
  }
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-before-after.png"));
  gtk_stack_set_visible_child_name (sidebar_stack, "walks");

  /* The lägesbild's trend now has a column for each walk, in date order. */
  show_view ("situation");
  {
    SwChart *trend = sw_situation_view_get_chart (get_situation (), "trend");
    GtkWidget *scroller = find_by_id (GTK_WIDGET (get_situation ()), "scroller");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    g_assert_cmpuint (sw_chart_get_n_items (trend), ==, n_walks + 1);
    g_assert_cmpstr (sw_chart_get_label (trend, sw_chart_get_n_items (trend) - 1), ==, "2027-04-22");
    g_assert_cmpfloat (sw_chart_get_value (trend, sw_chart_get_n_items (trend) - 1), ==, 1);

    spin (300);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
    spin (300);
    g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-situation-trend.png"));
  }
}

/* The value of the bar labelled @label in @chart, or -1. */
static double
chart_value (SwChart    *chart,
             const char *label)
{
  for (guint i = 0; i < sw_chart_get_n_items (chart); i++)
    if (g_str_equal (sw_chart_get_label (chart, i), label))
      return sw_chart_get_value (chart, i);

  return -1;
}

static void
assert_chart_counts (SwChart      *chart,
                     SwVocabulary  vocabulary,
                     const char   *sql)
{
  const SwTerm *terms;
  guint n;

  terms = sw_vocabulary_get_terms (vocabulary, &n);
  for (guint i = 0; i < n; i++)
    {
      gint64 expected = query_int (sql, terms[i].key);
      double shown = chart_value (chart, sw_vocabulary_get_label (vocabulary, terms[i].key));

      if (expected == 0)
        g_assert_true (shown == -1 || shown == 0);
      else
        g_assert_cmpfloat (shown, ==, expected);
    }
}

typedef struct
{
  char *text;
  gboolean done;
} ClipboardRead;

static void
on_clipboard_read (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static gboolean
clipboard_read (gpointer user_data)
{
  return ((ClipboardRead *) user_data)->done;
}

static void
test_situation (void)
{
  SwSituationView *situation;
  SwChart *chart;
  g_autofree char *table = NULL;
  g_autofree char *line = NULL;
  ClipboardRead read = { NULL, FALSE };

  if (window == NULL)
    {
      g_test_skip ("No demo project");
      return;
    }

  show_view ("situation");
  situation = get_situation ();

  assert_chart_counts (sw_situation_view_get_chart (situation, "categories"), SW_VOCABULARY_CATEGORY,
                       "SELECT count(*) FROM findings WHERE category = ?1");
  assert_chart_counts (sw_situation_view_get_chart (situation, "light"), SW_VOCABULARY_LIGHT,
                       "SELECT count(*) FROM findings WHERE light = ?1");
  assert_chart_counts (sw_situation_view_get_chart (situation, "severity"), SW_VOCABULARY_SEVERITY,
                       "SELECT count(*) FROM findings WHERE category != 'positive' AND severity = CAST(?1 AS INTEGER)");
  assert_chart_counts (sw_situation_view_get_chart (situation, "measure-status"), SW_VOCABULARY_MEASURE_STATUS,
                       "SELECT count(*) FROM measures WHERE status = ?1");
  assert_chart_counts (sw_situation_view_get_chart (situation, "responsible"), SW_VOCABULARY_RESPONSIBLE,
                       "SELECT count(*) FROM measures WHERE responsible = ?1");

  /* One column per walk, its height the walk's findings. */
  chart = sw_situation_view_get_chart (situation, "trend");
  g_assert_cmpuint (sw_chart_get_n_items (chart), ==, query_int ("SELECT count(*) FROM walks", NULL));
  {
    g_autofree char *date = query_text ("SELECT date FROM walks ORDER BY date LIMIT 1", NULL);
    g_autofree char *walk_uuid = query_text ("SELECT uuid FROM walks ORDER BY date LIMIT 1", NULL);

    g_assert_cmpstr (sw_chart_get_label (chart, 0), ==, date);
    g_assert_cmpfloat (sw_chart_get_value (chart, 0), ==,
                       query_int ("SELECT count(*) FROM findings WHERE walk_uuid = ?1", walk_uuid));
  }

  /* The highest places as core ranks them, with their scores. */
  {
    g_autoptr (GListModel) ranking = sw_project_rank_places (sw_window_get_project (window), NULL);
    g_autoptr (SwPlacePriority) top = g_list_model_get_item (ranking, 0);

    chart = sw_situation_view_get_chart (situation, "places");
    g_assert_cmpuint (sw_chart_get_n_items (chart), >, 0);
    g_assert_cmpuint (sw_chart_get_n_items (chart), <=, 10);
    g_assert_cmpstr (sw_chart_get_label (chart, 0), ==, sw_place_get_name (sw_place_priority_get_place (top)));
    g_assert_cmpfloat_with_epsilon (sw_chart_get_value (chart, 0), sw_place_priority_get_score (top), 0.051);
  }

  /* The copied table is core's lägesbild of the same choice. */
  table = sw_situation_view_dup_table (situation);
  {
    g_autoptr (SwSituation) expected = sw_situation_new (sw_window_get_project (window), NULL, NULL);
    g_autofree char *expected_table = sw_situation_to_tsv (expected);

    g_assert_cmpstr (table, ==, expected_table);
  }
  line = g_strdup_printf ("\n%s\t%" G_GINT64_FORMAT "\n",
                          sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, "lighting"),
                          query_int ("SELECT count(*) FROM findings WHERE category = 'lighting'", NULL));
  g_assert_nonnull (strstr (table, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("\nFindings\t%" G_GINT64_FORMAT "\n", query_int ("SELECT count(*) FROM findings", NULL));
  g_assert_nonnull (strstr (table, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("\nOverdue measures\t%" G_GINT64_FORMAT "\n", query_int (SQL_OVERDUE, NULL));
  g_assert_nonnull (strstr (table, line));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (situation), "situation.copy", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (situation)), NULL, on_clipboard_read, &read);
  g_assert_true (wait_for (clipboard_read, &read, "the clipboard"));
  g_assert_cmpstr (read.text, ==, table);
  g_free (read.text);

  /* One walk only: that walk's findings. */
  {
    GtkDropDown *period = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (situation), "period_dropdown"));
    g_autofree char *walk_uuid = query_text ("SELECT uuid FROM walks ORDER BY fid LIMIT 1", NULL);
    guint n = g_list_model_get_n_items (gtk_drop_down_get_model (period));

    gtk_drop_down_set_selected (period, n - query_int ("SELECT count(*) FROM walks", NULL));
    chart = sw_situation_view_get_chart (situation, "light");
    g_assert_cmpfloat (chart_value (chart, sw_vocabulary_get_label (SW_VOCABULARY_LIGHT, "dark")), ==,
                       query_int ("SELECT count(*) FROM findings WHERE light = 'dark' AND walk_uuid = ?1", walk_uuid));
    gtk_drop_down_set_selected (period, 0);
  }

  /* The area the map showed: zoomed in on the station, fewer findings,
   * counted again with the file's spatial index. */
  {
    ShumateMap *map = shumate_simple_map_get_map (sw_window_get_map (window));
    ShumateViewport *viewport = shumate_map_get_viewport (map);
    GtkDropDown *area = GTK_DROP_DOWN (find_by_id (GTK_WIDGET (situation), "area_dropdown"));
    double west = 180, east = -180, south = 90, north = -90;
    const double corners[4][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 } };
    g_autofree char *sql = NULL;

    show_view ("map");
    shumate_viewport_set_zoom_level (viewport, 17);
    shumate_location_set_location (SHUMATE_LOCATION (viewport), 58.9957, 16.2050);
    spin (300);
    for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
      {
        double latitude, longitude;

        shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map),
                                                    corners[i][0] * gtk_widget_get_width (GTK_WIDGET (map)),
                                                    corners[i][1] * gtk_widget_get_height (GTK_WIDGET (map)),
                                                    &latitude, &longitude);
        west = MIN (west, longitude);
        east = MAX (east, longitude);
        south = MIN (south, latitude);
        north = MAX (north, latitude);
      }
    show_view ("situation");
    gtk_drop_down_set_selected (area, 1);

    sql = g_strdup_printf ("SELECT count(*) FROM findings f JOIN rtree_findings_geom r ON r.id = f.fid"
                           " WHERE r.minx >= %.9f AND r.maxx <= %.9f AND r.miny >= %.9f AND r.maxy <= %.9f",
                           west, east, south, north);
    g_assert_cmpint (query_int (sql, NULL), >, 0);
    g_assert_cmpint (query_int (sql, NULL), <, query_int ("SELECT count(*) FROM findings", NULL));
    {
      GtkWidget *figures = find_by_id (GTK_WIDGET (situation), "figures_box");
      GtkWidget *first_value = gtk_widget_get_first_child (gtk_widget_get_first_child (figures));
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, query_int (sql, NULL));

      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (first_value)), ==, expected);
    }
    gtk_drop_down_set_selected (area, 0);
  }

  spin (300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-situation.png"));
}

/* ---------------------------------------------------------------------- */

static gboolean
copy_demo (void)
{
  const char *source = g_getenv ("SW_DEMO_PROJECT");
  g_autofree char *path = g_build_filename (tmpdir, "demo.gpkg", NULL);
  g_autoptr (GFile) from = NULL;
  g_autoptr (GError) error = NULL;

  if (source == NULL || !g_file_test (source, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  /* A copy, so the build's demo never changes under the test. */
  from = g_file_new_for_path (source);
  demo_file = g_file_new_for_path (path);
  g_assert_true (g_file_copy (from, demo_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return TRUE;
}

static void
set_up_environment (void)
{
  g_autoptr (GError) error = NULL;
  const char *dirs[] = { "cache", "config", "data" };
  const char *variables[] = { "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME" };

  tmpdir = g_dir_make_tmp ("safetywalk-plan-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (tmpdir, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (variables[i], dir, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  set_up_environment ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_debug_enabled (FALSE);

  copy_demo ();

  /* Tiles from a port on this machine where nothing listens: never the
   * network, and the map is not what these tests look at. */
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "basemap-url", "http://127.0.0.1:9/{z}/{x}/{y}.png");
  g_settings_set_string (settings, "basemap-source", "xyz");

  application = sw_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/plan/open", test_open);
  g_test_add_func ("/plan/rows", test_rows);
  g_test_add_func ("/plan/sort", test_sort);
  g_test_add_func ("/plan/filter", test_filter);
  g_test_add_func ("/plan/edit-status", test_edit_status);
  g_test_add_func ("/plan/add-measure", test_add_measure);
  g_test_add_func ("/plan/finding-measures", test_finding_measures);
  g_test_add_func ("/plan/places", test_places);
  g_test_add_func ("/plan/situation", test_situation);
  g_test_add_func ("/plan/repeat-walk", test_repeat_walk);

  status = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  spin (100);

  sw_test_remove_tree (tmpdir);
  g_clear_object (&demo_file);
  g_free (tmpdir);

  return status;
}
