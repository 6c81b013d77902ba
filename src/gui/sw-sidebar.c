/* The sidebar lists walks with their findings beneath them, as a tree of two
 * levels in one GtkListView so that long lists stay quick. */
#define G_LOG_DOMAIN "sw-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sw-finding-editor.h"
#include "sw-finding-row.h"
#include "sw-photo-tray.h"
#include "sw-sidebar.h"
#include "sw-walk-editor.h"
#include "sw-walk-row.h"
#include "sw-vocabulary.h"

struct _SwSidebar
{
  GtkWidget parent_instance;

  SwProject *project;
  GtkTreeListModel *rows;

  GtkStack *stack;
  GtkListView *list_view;
  GtkStack *results_stack;
  GtkSearchEntry *search_entry;
  GtkMenuButton *filter_button;
  GtkRevealer *filter_revealer;
  GtkLabel *filter_label;
  GMenu *walk_menu;

  /* What the list shows: findings pass search_filter (the search text and
   * the category, severity and light filters); walks pass walk_filter (the
   * walk filter, and while findings are filtered, having a finding that
   * passes: their uuids are in matching_walks). */
  GtkCustomFilter *search_filter;
  GtkCustomFilter *walk_filter;
  char *search_key;
  char *filter_category;
  int filter_severity;
  char *filter_light;
  char *filter_walk;
  GHashTable *matching_walks;
  guint n_matches;
  guint refilter_idle;
  SwWalkEditor *walk_editor;
  SwFindingEditor *finding_editor;
};

G_DEFINE_FINAL_TYPE (SwSidebar, sw_sidebar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_FILTER_CATEGORY,
  PROP_FILTER_SEVERITY,
  PROP_FILTER_LIGHT,
  PROP_FILTER_WALK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FINDING_ACTIVATED,
  FINDING_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
finding_is_on_walk (gpointer item,
                    gpointer user_data)
{
  SwWalk *walk = user_data;

  return g_strcmp0 (sw_finding_get_walk_uuid (SW_FINDING (item)),
                    sw_feature_get_uuid (SW_FEATURE (walk))) == 0;
}

static gboolean
text_matches (const char *text,
              const char *key)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);

  /* Accent-insensitive: g_str_match_string folds ASCII alternates too. */
  return g_str_match_string (key, folded, TRUE) || strstr (folded, key) != NULL;
}

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* Whether @finding has @category as its category or a further one. */
static gboolean
has_category (SwFinding  *finding,
              const char *category)
{
  g_auto (GStrv) further = NULL;

  if (g_strcmp0 (sw_finding_get_category (finding), category) == 0)
    return TRUE;
  if (sw_finding_get_categories (finding) == NULL)
    return FALSE;
  further = g_strsplit (sw_finding_get_categories (finding), ",", -1);
  return g_strv_contains ((const char *const *) further, category);
}

/* Whether the note, the category or a further category, by key or label,
 * holds the search text. */
static gboolean
matches_search_key (SwSidebar *self,
                    SwFinding *finding)
{
  const char *category = sw_finding_get_category (finding);
  g_auto (GStrv) further = NULL;

  if (!is_set (self->search_key))
    return TRUE;

  if (text_matches (sw_finding_get_note (finding), self->search_key)
      || text_matches (category, self->search_key)
      || (category != NULL
          && text_matches (sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, category),
                           self->search_key)))
    return TRUE;

  /* Further categories are stored as comma-separated keys. */
  if (sw_finding_get_categories (finding) == NULL)
    return FALSE;
  further = g_strsplit (sw_finding_get_categories (finding), ",", -1);
  for (guint i = 0; further[i] != NULL; i++)
    if (text_matches (further[i], self->search_key)
        || text_matches (sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, further[i]),
                         self->search_key))
      return TRUE;

  return FALSE;
}

/* A finding shows when it holds the search text and has the category, the
 * severity and the light the filters ask for. */
static gboolean
finding_matches_search (gpointer item,
                        gpointer user_data)
{
  SwSidebar *self = user_data;
  SwFinding *finding = SW_FINDING (item);

  if (is_set (self->filter_category) && !has_category (finding, self->filter_category))
    return FALSE;
  if (self->filter_severity > 0 && sw_finding_get_severity (finding) != self->filter_severity)
    return FALSE;
  if (is_set (self->filter_light) && g_strcmp0 (sw_finding_get_light (finding), self->filter_light) != 0)
    return FALSE;

  return matches_search_key (self, finding);
}

/* Whether the search or a filter leaves findings out. */
static gboolean
findings_filtered (SwSidebar *self)
{
  return is_set (self->search_key) || is_set (self->filter_category)
         || self->filter_severity > 0 || is_set (self->filter_light);
}

static gboolean
walk_matches_filters (gpointer item,
                      gpointer user_data)
{
  SwSidebar *self = user_data;
  const char *uuid = sw_feature_get_uuid (SW_FEATURE (item));

  if (is_set (self->filter_walk) && g_strcmp0 (uuid, self->filter_walk) != 0)
    return FALSE;

  return self->matching_walks == NULL || g_hash_table_contains (self->matching_walks, uuid);
}

/* One line that names what the filters keep, e.g. "High · Darkness". */
static char *
describe_filters (SwSidebar *self)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();

  if (is_set (self->filter_category))
    g_ptr_array_add (parts, (gpointer) sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, self->filter_category));
  if (self->filter_severity > 0)
    {
      g_autofree char *key = g_strdup_printf ("%d", self->filter_severity);

      g_ptr_array_add (parts, (gpointer) sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, key));
    }
  if (is_set (self->filter_light))
    g_ptr_array_add (parts, (gpointer) sw_vocabulary_get_label (SW_VOCABULARY_LIGHT, self->filter_light));
  if (is_set (self->filter_walk) && self->project != NULL)
    {
      SwFeature *walk = sw_project_lookup (self->project, SW_KIND_WALK, self->filter_walk);

      if (walk != NULL)
        g_ptr_array_add (parts, (gpointer) sw_walk_get_title (SW_WALK (walk)));
    }
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update_results (SwSidebar *self)
{
  g_autofree char *description = describe_filters (self);
  gboolean filtered = description[0] != '\0';

  gtk_label_set_text (self->filter_label, description);
  gtk_revealer_set_reveal_child (self->filter_revealer, filtered);
  if (filtered)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");

  gtk_stack_set_visible_child_name (self->results_stack,
                                    findings_filtered (self) && self->n_matches == 0 ? "no-match" : "rows");
}

/* Runs the filters again over every finding: the findings listed under the
 * walks, which walks have any, and whether anything is left to show. */
static void
refilter (SwSidebar *self)
{
  g_clear_handle_id (&self->refilter_idle, g_source_remove);
  g_clear_pointer (&self->matching_walks, g_hash_table_unref);
  self->n_matches = 0;

  if (self->project != NULL && findings_filtered (self))
    {
      GListModel *findings = sw_project_get_findings (self->project);

      self->matching_walks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);
          const char *walk = sw_finding_get_walk_uuid (finding);

          if (walk == NULL || !finding_matches_search (finding, self))
            continue;
          if (is_set (self->filter_walk) && g_strcmp0 (walk, self->filter_walk) != 0)
            continue;
          g_hash_table_add (self->matching_walks, g_strdup (walk));
          self->n_matches++;
        }
    }

  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->walk_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_results (self);
}

static gboolean
refilter_cb (gpointer user_data)
{
  SwSidebar *self = user_data;

  self->refilter_idle = 0;
  refilter (self);
  return G_SOURCE_REMOVE;
}

/* The walks' titles in the filter menu, one radio item each. */
static void
update_walk_menu (SwSidebar *self)
{
  GListModel *walks;

  g_menu_remove_all (self->walk_menu);
  g_menu_append (self->walk_menu, _("Any Walk"), "sidebar.filter-walk::");
  if (self->project == NULL)
    return;

  walks = sw_project_get_walks (self->project);
  for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
    {
      g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);
      g_autoptr (GMenuItem) item = NULL;
      const char *title = sw_walk_get_title (walk);

      item = g_menu_item_new (is_set (title) ? title : _("Untitled Walk"), NULL);
      g_menu_item_set_action_and_target_value (item, "sidebar.filter-walk",
                                               g_variant_new_string (sw_feature_get_uuid (SW_FEATURE (walk))));
      g_menu_append_item (self->walk_menu, item);
    }
}

/* An edit may change which findings pass and what the walks are called;
 * many edits in a row refilter once. */
static void
on_project_changed (SwSidebar *self)
{
  update_walk_menu (self);
  if (is_set (self->filter_walk)
      && sw_project_lookup (self->project, SW_KIND_WALK, self->filter_walk) == NULL)
    {
      g_clear_pointer (&self->filter_walk, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_WALK]);
    }
  if (self->refilter_idle == 0)
    self->refilter_idle = g_idle_add (refilter_cb, self);
}

static GMenuModel *
create_filter_menu (SwSidebar *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) filters = g_menu_new ();
  g_autoptr (GMenu) categories = g_menu_new ();
  g_autoptr (GMenu) severities = g_menu_new ();
  g_autoptr (GMenu) lights = g_menu_new ();
  g_autoptr (GMenu) clear = g_menu_new ();
  const SwTerm *terms;
  guint n_terms;

  g_menu_append (categories, _("Any Category"), "sidebar.filter-category::");
  terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, terms[i].key), NULL);

      g_menu_item_set_action_and_target_value (item, "sidebar.filter-category", g_variant_new_string (terms[i].key));
      g_menu_append_item (categories, item);
    }

  g_menu_append (severities, _("Any Severity"), "sidebar.filter-severity(0)");
  terms = sw_vocabulary_get_terms (SW_VOCABULARY_SEVERITY, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, terms[i].key), NULL);

      g_menu_item_set_action_and_target_value (item, "sidebar.filter-severity",
                                               g_variant_new_int32 ((gint32) g_ascii_strtoll (terms[i].key, NULL, 10)));
      g_menu_append_item (severities, item);
    }

  g_menu_append (lights, _("Daylight or Darkness"), "sidebar.filter-light::");
  terms = sw_vocabulary_get_terms (SW_VOCABULARY_LIGHT, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (sw_vocabulary_get_label (SW_VOCABULARY_LIGHT, terms[i].key), NULL);

      g_menu_item_set_action_and_target_value (item, "sidebar.filter-light", g_variant_new_string (terms[i].key));
      g_menu_append_item (lights, item);
    }

  g_menu_append_submenu (filters, _("_Category"), G_MENU_MODEL (categories));
  g_menu_append_submenu (filters, _("_Severity"), G_MENU_MODEL (severities));
  g_menu_append_submenu (filters, _("_Light"), G_MENU_MODEL (lights));
  g_menu_append_submenu (filters, _("_Walk"), G_MENU_MODEL (self->walk_menu));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (filters));
  g_menu_append (clear, _("C_lear Search and Filters"), "sidebar.clear-filters");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (clear));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
set_filter_string (SwSidebar  *self,
                   char      **field,
                   const char *value,
                   guint       prop_id)
{
  if (!is_set (value))
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_filter_severity (SwSidebar *self,
                     int        severity)
{
  if (self->filter_severity == severity)
    return;

  self->filter_severity = severity;
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_SEVERITY]);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SwSidebar *self = SW_SIDEBAR (widget);

  g_object_freeze_notify (G_OBJECT (self));
  set_filter_string (self, &self->filter_category, NULL, PROP_FILTER_CATEGORY);
  set_filter_severity (self, 0);
  set_filter_string (self, &self->filter_light, NULL, PROP_FILTER_LIGHT);
  set_filter_string (self, &self->filter_walk, NULL, PROP_FILTER_WALK);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_search_changed (SwSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search_key, g_free);
  if (is_set (text))
    self->search_key = g_utf8_casefold (text, -1);
  refilter (self);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SwSidebar *self = SW_SIDEBAR (widget);

  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static GListModel *
create_walk_children (gpointer item,
                      gpointer user_data)
{
  SwSidebar *self = user_data;
  GtkEveryFilter *filter;

  if (!SW_IS_WALK (item) || self->project == NULL)
    return NULL;

  filter = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter),
                           GTK_FILTER (gtk_custom_filter_new (finding_is_on_walk, g_object_ref (item), g_object_unref)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), g_object_ref (GTK_FILTER (self->search_filter)));

  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (sw_project_get_findings (self->project)),
                                                  GTK_FILTER (filter)));
}

static void
update_page (SwSidebar *self)
{
  /* Only a project without walks is empty: filters that hide every walk
   * say so on the list page instead. */
  gboolean empty = self->project == NULL || g_list_model_get_n_items (sw_project_get_walks (self->project)) == 0;

  /* A walk being edited stays on screen while its findings come and go. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "walk") == 0
      && sw_walk_editor_get_walk (self->walk_editor) != NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "finding") == 0
      && sw_finding_editor_get_finding (self->finding_editor) != NULL)
    return;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           SwSidebar                *self)
{
  gtk_list_item_set_child (list_item, gtk_tree_expander_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          SwSidebar                *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GObject *item = gtk_tree_list_row_get_item (row);
  GtkWidget *child = gtk_tree_expander_get_child (expander);

  gtk_tree_expander_set_list_row (expander, row);

  if (SW_IS_WALK (item))
    {
      if (!SW_IS_WALK_ROW (child))
        {
          child = sw_walk_row_new ();
          gtk_tree_expander_set_child (expander, child);
        }
      sw_walk_row_set_walk (SW_WALK_ROW (child), SW_WALK (item), gtk_tree_list_row_get_children (row));
      gtk_list_item_set_activatable (list_item, TRUE);
    }
  else if (SW_IS_FINDING (item))
    {
      if (!SW_IS_FINDING_ROW (child))
        {
          child = sw_finding_row_new ();
          gtk_tree_expander_set_child (expander, child);
        }
      sw_finding_row_set_finding (SW_FINDING_ROW (child), SW_FINDING (item));
      gtk_list_item_set_activatable (list_item, TRUE);
    }

  g_clear_object (&item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            SwSidebar                *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *child = gtk_tree_expander_get_child (expander);

  if (SW_IS_WALK_ROW (child))
    sw_walk_row_set_walk (SW_WALK_ROW (child), NULL, NULL);
  else if (SW_IS_FINDING_ROW (child))
    sw_finding_row_set_finding (SW_FINDING_ROW (child), NULL);

  gtk_tree_expander_set_list_row (expander, NULL);
}

/* ---------------------------------------------------------------------- */
/* The walk editor page                                                   */

static void
on_walk_editor_close_requested (SwSidebar *self)
{
  sw_walk_editor_set_walk (self->walk_editor, self->project, NULL);
  update_page (self);
}

static void
on_walk_row_activated (SwSidebar *self,
                       guint      position)
{
  g_autoptr (GtkTreeListRow) row = NULL;
  g_autoptr (GObject) item = NULL;

  if (self->rows == NULL)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
  if (SW_IS_WALK (item))
    sw_sidebar_show_walk (self, SW_WALK (item));
  else if (SW_IS_FINDING (item))
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, item);
}

static void
on_selected_item_changed (SwSidebar          *self,
                          GParamSpec         *pspec,
                          GtkSingleSelection *selection)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr (GObject) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (SW_IS_FINDING (item))
    g_signal_emit (self, signals[FINDING_SELECTED], 0, item);
}

/* ---------------------------------------------------------------------- */
/* The finding editor page                                                */

static void
on_finding_editor_close_requested (SwSidebar *self)
{
  sw_finding_editor_set_finding (self->finding_editor, self->project, NULL);
  update_page (self);
}

/* Shows @finding's editor in place of the list; NULL goes back to the list. */
void
sw_sidebar_show_finding (SwSidebar *self,
                         SwFinding *finding)
{
  g_return_if_fail (SW_IS_SIDEBAR (self));
  g_return_if_fail (finding == NULL || SW_IS_FINDING (finding));
  g_return_if_fail (self->project != NULL);

  sw_finding_editor_set_finding (self->finding_editor, self->project, finding);
  if (finding != NULL)
    gtk_stack_set_visible_child_name (self->stack, "finding");
  else
    update_page (self);
}

SwFindingEditor *
sw_sidebar_get_finding_editor (SwSidebar *self)
{
  g_return_val_if_fail (SW_IS_SIDEBAR (self), NULL);

  return self->finding_editor;
}

/* Shows @walk's details, routes and stops in place of the list. */
void
sw_sidebar_show_walk (SwSidebar *self,
                      SwWalk    *walk)
{
  g_return_if_fail (SW_IS_SIDEBAR (self));
  g_return_if_fail (SW_IS_WALK (walk));
  g_return_if_fail (self->project != NULL);

  sw_walk_editor_set_walk (self->walk_editor, self->project, walk);
  gtk_stack_set_visible_child_name (self->stack, "walk");
}

static void
show_walk_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SwSidebar *self = SW_SIDEBAR (widget);
  SwFeature *walk;

  if (self->project == NULL)
    return;

  walk = sw_project_lookup (self->project, SW_KIND_WALK, g_variant_get_string (parameter, NULL));
  if (walk != NULL)
    sw_sidebar_show_walk (self, SW_WALK (walk));
}

SwWalkEditor *
sw_sidebar_get_walk_editor (SwSidebar *self)
{
  g_return_val_if_fail (SW_IS_SIDEBAR (self), NULL);

  return self->walk_editor;
}

static void
sw_sidebar_dispose (GObject *object)
{
  SwSidebar *self = SW_SIDEBAR (object);
  GtkWidget *child;

  sw_sidebar_set_project (self, NULL);
  g_clear_handle_id (&self->refilter_idle, g_source_remove);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->walk_filter);
  g_clear_object (&self->walk_menu);
  g_clear_pointer (&self->matching_walks, g_hash_table_unref);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->filter_category, g_free);
  g_clear_pointer (&self->filter_light, g_free);
  g_clear_pointer (&self->filter_walk, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_SIDEBAR);
  /* The template's unnamed box is not a template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sw_sidebar_parent_class)->dispose (object);
}

static void
sw_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SwSidebar *self = SW_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_FILTER_CATEGORY:
      g_value_set_string (value, self->filter_category != NULL ? self->filter_category : "");
      break;

    case PROP_FILTER_SEVERITY:
      g_value_set_int (value, self->filter_severity);
      break;

    case PROP_FILTER_LIGHT:
      g_value_set_string (value, self->filter_light != NULL ? self->filter_light : "");
      break;

    case PROP_FILTER_WALK:
      g_value_set_string (value, self->filter_walk != NULL ? self->filter_walk : "");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SwSidebar *self = SW_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      sw_sidebar_set_project (self, g_value_get_object (value));
      break;

    case PROP_FILTER_CATEGORY:
      set_filter_string (self, &self->filter_category, g_value_get_string (value), prop_id);
      break;

    case PROP_FILTER_SEVERITY:
      set_filter_severity (self, g_value_get_int (value));
      break;

    case PROP_FILTER_LIGHT:
      set_filter_string (self, &self->filter_light, g_value_get_string (value), prop_id);
      break;

    case PROP_FILTER_WALK:
      set_filter_string (self, &self->filter_walk, g_value_get_string (value), prop_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_sidebar_class_init (SwSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_sidebar_dispose;
  object_class->get_property = sw_sidebar_get_property;
  object_class->set_property = sw_sidebar_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         SW_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /* The filters of the finding list; "" and 0 keep everything. The
   * category is a key of the category list, matched against further
   * categories too; the light is "daylight" or "dark"; the walk a uuid. */
  properties[PROP_FILTER_CATEGORY] =
    g_param_spec_string ("filter-category", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILTER_SEVERITY] =
    g_param_spec_int ("filter-severity", NULL, NULL, 0, 3, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILTER_LIGHT] =
    g_param_spec_string ("filter-light", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILTER_WALK] =
    g_param_spec_string ("filter-walk", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (SW_TYPE_WALK_EDITOR);
  g_type_ensure (SW_TYPE_FINDING_EDITOR);
  g_type_ensure (SW_TYPE_PHOTO_TRAY);

  /* A finding row was activated: the window selects it on the map. */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_FINDING);
  /* The selection moved onto a finding row, by arrow keys or a click: the
   * window shows it on the map while the list stays. */
  signals[FINDING_SELECTED] =
    g_signal_new ("finding-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, SwSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, SwSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, SwSidebar, results_stack);
  gtk_widget_class_bind_template_child (widget_class, SwSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SwSidebar, filter_button);
  gtk_widget_class_bind_template_child (widget_class, SwSidebar, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, SwSidebar, filter_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_install_action (widget_class, "sidebar.search", NULL, focus_search_action);
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-category", "filter-category");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-severity", "filter-severity");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-light", "filter-light");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-walk", "filter-walk");
  gtk_widget_class_install_action (widget_class, "sidebar.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_bind_template_child (widget_class, SwSidebar, walk_editor);
  gtk_widget_class_bind_template_child (widget_class, SwSidebar, finding_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_finding_editor_close_requested);
  gtk_widget_class_bind_template_callback (widget_class, on_walk_editor_close_requested);
  gtk_widget_class_bind_template_callback (widget_class, on_walk_row_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.show-walk", "s", show_walk_action);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebar");
}

static void
sw_sidebar_init (SwSidebar *self)
{
  GtkEventController *shortcuts;

  g_autoptr (GMenuModel) filter_menu = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->search_filter = gtk_custom_filter_new (finding_matches_search, self, NULL);
  self->walk_filter = gtk_custom_filter_new (walk_matches_filters, self, NULL);
  self->walk_menu = g_menu_new ();
  update_walk_menu (self);
  filter_menu = create_filter_menu (self);
  gtk_menu_button_set_menu_model (self->filter_button, filter_menu);

  /* Ctrl+F reaches the search wherever the focus is in the window. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>f"),
                                                          gtk_named_action_new ("sidebar.search")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  update_page (self);
}

GtkWidget *
sw_sidebar_new (void)
{
  return g_object_new (SW_TYPE_SIDEBAR, NULL);
}

SwProject *
sw_sidebar_get_project (SwSidebar *self)
{
  g_return_val_if_fail (SW_IS_SIDEBAR (self), NULL);

  return self->project;
}

void
sw_sidebar_set_project (SwSidebar *self,
                        SwProject *project)
{
  g_autoptr (GtkSingleSelection) selection = NULL;

  g_return_if_fail (SW_IS_SIDEBAR (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_func (self->rows, update_page, self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->rows);

  g_set_object (&self->project, project);
  sw_walk_editor_set_walk (self->walk_editor, project, NULL);
  sw_finding_editor_set_finding (self->finding_editor, project, NULL);

  if (self->project != NULL)
    {
      GtkFilterListModel *walks = gtk_filter_list_model_new (g_object_ref (sw_project_get_walks (self->project)),
                                                             g_object_ref (GTK_FILTER (self->walk_filter)));

      self->rows = gtk_tree_list_model_new (G_LIST_MODEL (walks), FALSE, TRUE,
                                            create_walk_children, self, NULL);
      g_signal_connect_object (self->project, "changed", G_CALLBACK (on_project_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->rows, "items-changed", G_CALLBACK (update_page), self,
                               G_CONNECT_SWAPPED);

      selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, TRUE);
      gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_object (selection, "notify::selected-item",
                               G_CALLBACK (on_selected_item_changed), self, G_CONNECT_SWAPPED);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
    }

  /* A filter on a walk of the last project means nothing in this one. */
  g_clear_pointer (&self->filter_walk, g_free);
  update_walk_menu (self);
  refilter (self);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_WALK]);
}

/* The rows as listed: GtkTreeListRow items holding an SwWalk, followed by
 * the SwFinding items of that walk. */
GListModel *
sw_sidebar_get_rows (SwSidebar *self)
{
  g_return_val_if_fail (SW_IS_SIDEBAR (self), NULL);

  return self->rows != NULL ? G_LIST_MODEL (self->rows) : NULL;
}
