/* The sidebar lists walks with their findings beneath them, as a tree of two
 * levels in one GtkListView so that long lists stay quick. */
#define G_LOG_DOMAIN "sw-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sw-finding-editor.h"
#include "sw-finding-row.h"
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
  GtkSearchEntry *search_entry;
  GtkCustomFilter *search_filter;
  char *search_key;
  SwWalkEditor *walk_editor;
  SwFindingEditor *finding_editor;
};

G_DEFINE_FINAL_TYPE (SwSidebar, sw_sidebar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT,
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

/* A finding shows when its note, its category or a further category, by key
 * or label, holds the search text. */
static gboolean
finding_matches_search (gpointer item,
                        gpointer user_data)
{
  SwSidebar *self = user_data;
  SwFinding *finding = SW_FINDING (item);
  const char *category = sw_finding_get_category (finding);
  g_auto (GStrv) further = NULL;

  if (self->search_key == NULL || self->search_key[0] == '\0')
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

static void
on_search_changed (SwSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search_key, g_free);
  if (text != NULL && text[0] != '\0')
    self->search_key = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
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
  gboolean empty = self->rows == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->rows)) == 0;

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
  g_clear_object (&self->search_filter);
  g_clear_pointer (&self->search_key, g_free);
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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (SW_TYPE_WALK_EDITOR);
  g_type_ensure (SW_TYPE_FINDING_EDITOR);

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
  gtk_widget_class_bind_template_child (widget_class, SwSidebar, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_install_action (widget_class, "sidebar.search", NULL, focus_search_action);
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

  gtk_widget_init_template (GTK_WIDGET (self));
  self->search_filter = gtk_custom_filter_new (finding_matches_search, self, NULL);

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
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->rows);

  g_set_object (&self->project, project);
  sw_walk_editor_set_walk (self->walk_editor, project, NULL);
  sw_finding_editor_set_finding (self->finding_editor, project, NULL);

  if (self->project != NULL)
    {
      self->rows = gtk_tree_list_model_new (g_object_ref (sw_project_get_walks (self->project)),
                                            FALSE, TRUE,
                                            create_walk_children, self, NULL);
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

  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

/* The rows as listed: GtkTreeListRow items holding an SwWalk, followed by
 * the SwFinding items of that walk. */
GListModel *
sw_sidebar_get_rows (SwSidebar *self)
{
  g_return_val_if_fail (SW_IS_SIDEBAR (self), NULL);

  return self->rows != NULL ? G_LIST_MODEL (self->rows) : NULL;
}
