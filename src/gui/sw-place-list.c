/* The ranked places. The ranking is made again (it is one pass over the
 * findings) once after each burst of edits, and the list, the open place
 * and the map's colours all take the same new ranking. Grouping runs in a
 * worker thread and is stored as one undoable edit. */
#define G_LOG_DOMAIN "sw-place-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sw-place-grouping.h"
#include "sw-place-list.h"
#include "sw-place-priority.h"
#include "sw-place-row.h"
#include "sw-place-view.h"
#include "sw-window.h"

struct _SwPlaceList
{
  GtkWidget parent_instance;

  SwProject *project;
  GListModel *ranking;
  GtkSingleSelection *selection;
  GCancellable *cancellable;
  guint rank_id;
  /* Edits came while the list was not shown: rank when it is. */
  gboolean stale;
  gboolean grouping;

  GtkStack *stack;
  GtkLabel *summary_label;
  GtkListView *list_view;
  SwPlaceView *place_view;
};

G_DEFINE_FINAL_TYPE (SwPlaceList, sw_place_list, GTK_TYPE_WIDGET)

enum
{
  RANKING_CHANGED,
  FINDING_ACTIVATED,
  PLACE_SHOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_summary (SwPlaceList *self)
{
  GListModel *findings;
  guint n_ungrouped = 0;
  guint n_places = self->ranking != NULL ? g_list_model_get_n_items (self->ranking) : 0;
  g_autofree char *places = NULL;
  g_autofree char *text = NULL;

  if (self->project == NULL)
    return;

  findings = sw_project_get_findings (self->project);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);

      if (sw_finding_get_place_uuid (finding) == NULL)
        n_ungrouped++;
    }

  places = g_strdup_printf (ngettext ("%u place, by priority", "%u places, by priority", n_places), n_places);
  if (n_ungrouped > 0)
    /* Translators: the places, then how many findings are in none yet. */
    text = g_strdup_printf (ngettext ("%s · %u finding not grouped", "%s · %u findings not grouped", n_ungrouped),
                            places, n_ungrouped);
  else
    text = g_steal_pointer (&places);
  gtk_label_set_label (self->summary_label, text);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "place"))
    gtk_stack_set_visible_child_name (self->stack, n_places > 0 ? "list" : "empty");
}

static void
rank (SwPlaceList *self)
{
  g_clear_handle_id (&self->rank_id, g_source_remove);
  self->stale = FALSE;
  g_clear_object (&self->ranking);

  if (self->project != NULL)
    self->ranking = sw_project_rank_places (self->project, NULL);

  gtk_single_selection_set_model (self->selection, self->ranking);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  if (sw_place_view_get_place (self->place_view) != NULL)
    sw_place_view_set_place (self->place_view, self->project, self->ranking,
                             sw_place_view_get_place (self->place_view));

  update_summary (self);
  g_signal_emit (self, signals[RANKING_CHANGED], 0);
}

static gboolean
rank_cb (gpointer user_data)
{
  SwPlaceList *self = user_data;

  self->rank_id = 0;
  rank (self);

  return G_SOURCE_REMOVE;
}

static void
queue_rank (SwPlaceList *self)
{
  /* Ranking is a pass over every finding: not for each edit made while
   * the list and the map's colours are hidden. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  if (self->rank_id == 0)
    self->rank_id = g_idle_add (rank_cb, self);
}

/* ---------------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, sw_place_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  sw_place_row_set_priority (SW_PLACE_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
on_activate (SwPlaceList *self,
             guint        position)
{
  g_autoptr (SwPlacePriority) priority = g_list_model_get_item (self->ranking, position);

  if (priority != NULL)
    sw_place_list_show_place (self, sw_place_priority_get_place (priority));
}

static void
on_view_close_requested (SwPlaceList *self)
{
  sw_place_view_set_place (self->place_view, NULL, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, "list");
  update_summary (self);
}

static void
on_finding_activated (SwPlaceList *self,
                      SwFinding   *finding)
{
  g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

static void
on_grouped (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (SwPlaceList) self = user_data;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window;
  g_autofree char *message = NULL;

  self->grouping = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "places.group", self->project != NULL);

  if (!sw_project_group_places_finish (SW_PROJECT (object), result, &problems, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup (error->message);
    }
  else if (problems != NULL && problems->len > 0)
    message = g_strdup_printf (ngettext ("Grouped into %u places; %u finding was left out: %s",
                                         "Grouped into %u places; %u findings were left out: %s", problems->len),
                               sw_project_count (SW_PROJECT (object), SW_KIND_PLACE), problems->len,
                               (char *) g_ptr_array_index (problems, 0));
  else
    message = g_strdup_printf (ngettext ("Grouped into %u place", "Grouped into %u places",
                                         sw_project_count (SW_PROJECT (object), SW_KIND_PLACE)),
                               sw_project_count (SW_PROJECT (object), SW_KIND_PLACE));

  rank (self);

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), SW_TYPE_WINDOW);
  if (window != NULL)
    {
      AdwToast *toast = adw_toast_new (message);

      if (error == NULL)
        {
          adw_toast_set_button_label (toast, _("_Undo"));
          adw_toast_set_action_name (toast, "win.undo");
        }
      sw_window_add_toast (SW_WINDOW (window), toast);
    }
}

void
sw_place_list_group (SwPlaceList *self)
{
  g_return_if_fail (SW_IS_PLACE_LIST (self));

  if (self->project == NULL || self->grouping)
    return;

  self->grouping = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "places.group", FALSE);
  sw_project_group_places_async (self->project, 0, self->cancellable, on_grouped, g_object_ref (self));
}

static void
group_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  sw_place_list_group (SW_PLACE_LIST (widget));
}

/* ---------------------------------------------------------------------- */

static void
sw_place_list_map (GtkWidget *widget)
{
  SwPlaceList *self = SW_PLACE_LIST (widget);

  GTK_WIDGET_CLASS (sw_place_list_parent_class)->map (widget);

  if (self->stale)
    rank (self);
}

static void
sw_place_list_dispose (GObject *object)
{
  SwPlaceList *self = SW_PLACE_LIST (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rank_id, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->ranking);
  g_clear_object (&self->project);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sw_place_list_parent_class)->dispose (object);
}

static void
sw_place_list_class_init (SwPlaceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_place_list_dispose;
  widget_class->map = sw_place_list_map;

  signals[RANKING_CHANGED] =
    g_signal_new ("ranking-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_FINDING);
  signals[PLACE_SHOWN] =
    g_signal_new ("place-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_PLACE);

  gtk_widget_class_install_action (widget_class, "places.group", NULL, group_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "placelist");
}

static void
sw_place_list_init (SwPlaceList *self)
{
  GtkWidget *list_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *group_button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *empty_button = gtk_button_new_with_mnemonic (_("_Group Findings into Places"));

  self->cancellable = g_cancellable_new ();

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  /* The list */
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->summary_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "caption");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->summary_label));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (group_button), "places.group");
  gtk_widget_add_css_class (group_button, "flat");
  gtk_widget_set_valign (group_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (group_button, _("Group the Findings into Places Again"));
  gtk_box_append (GTK_BOX (bar), group_button);
  gtk_box_append (GTK_BOX (list_page), bar);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Places by priority"), -1);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_activate), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list_view));
  gtk_box_append (GTK_BOX (list_page), scroller);
  gtk_stack_add_named (self->stack, list_page, "list");

  /* No places yet */
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "mark-location-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Places Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Findings close together become places, ranked by priority."));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (empty_button), "places.group");
  gtk_widget_set_halign (empty_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (empty_button, "pill");
  gtk_widget_add_css_class (empty_button, "suggested-action");
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), empty_button);
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (self->stack, empty, "empty");

  /* One place */
  self->place_view = SW_PLACE_VIEW (sw_place_view_new ());
  g_signal_connect_swapped (self->place_view, "close-requested", G_CALLBACK (on_view_close_requested), self);
  g_signal_connect_swapped (self->place_view, "finding-activated", G_CALLBACK (on_finding_activated), self);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->place_view), "place");

  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "places.group", FALSE);
}

GtkWidget *
sw_place_list_new (void)
{
  return g_object_new (SW_TYPE_PLACE_LIST, NULL);
}

void
sw_place_list_set_project (SwPlaceList *self,
                           SwProject   *project)
{
  g_return_if_fail (SW_IS_PLACE_LIST (self));

  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (queue_rank), self, G_CONNECT_SWAPPED);

  on_view_close_requested (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "places.group",
                                 project != NULL && !sw_project_is_read_only (project) && !self->grouping);
  rank (self);
}

GListModel *
sw_place_list_get_ranking (SwPlaceList *self)
{
  g_return_val_if_fail (SW_IS_PLACE_LIST (self), NULL);

  if (self->rank_id != 0 || self->stale)
    rank (self);

  return self->ranking;
}

void
sw_place_list_show_place (SwPlaceList *self,
                          SwPlace     *place)
{
  g_return_if_fail (SW_IS_PLACE_LIST (self));
  g_return_if_fail (SW_IS_PLACE (place));

  if (self->rank_id != 0 || self->stale)
    rank (self);

  sw_place_view_set_place (self->place_view, self->project, self->ranking, place);
  gtk_stack_set_visible_child_name (self->stack, "place");
  g_signal_emit (self, signals[PLACE_SHOWN], 0, place);
}
