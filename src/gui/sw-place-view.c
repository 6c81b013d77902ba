/* One place beside the map. The groups are made again whenever the project
 * changes: a place has a handful of findings, reasons and measures. */
#define G_LOG_DOMAIN "sw-place-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sw-follow-up.h"
#include "sw-measure-list.h"
#include "sw-place-grouping.h"
#include "sw-place-row.h"
#include "sw-place-view.h"
#include "sw-vocabulary.h"
#include "sw-window.h"

struct _SwPlaceView
{
  GtkWidget parent_instance;

  SwProject *project;
  GListModel *ranking;
  SwPlace *place;

  GtkLabel *heading_label;
  GtkScrolledWindow *scroller;
  GtkBox *content;
  AdwEntryRow *name_row;
  GtkLabel *problem_label;
  AdwPreferencesGroup *priority_group;
  GtkListBox *reasons_list;
  AdwPreferencesGroup *findings_group;
  GtkListBox *findings_list;
  AdwPreferencesGroup *walks_group;
  GtkListBox *walks_list;
  SwMeasureList *measure_list;
  GtkMenuButton *merge_button;
  GtkListBox *merge_list;
};

G_DEFINE_FINAL_TYPE (SwPlaceView, sw_place_view, GTK_TYPE_WIDGET)

enum
{
  CLOSE_REQUESTED,
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_problem (SwPlaceView *self,
              const char  *message)
{
  gtk_label_set_label (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static char *
format_value (SwPriorityReason *reason)
{
  switch (reason->kind)
    {
    case SW_PRIORITY_REASON_WALKS:
    case SW_PRIORITY_REASON_GROUPS:
      /* Translators: a factor the score is multiplied by. */
      return g_strdup_printf (_("× %.2f"), reason->value);
    case SW_PRIORITY_REASON_POSITIVE:
      return g_strdup ("");
    case SW_PRIORITY_REASON_FINDINGS:
    case SW_PRIORITY_REASON_CATEGORY:
    case SW_PRIORITY_REASON_DARKNESS:
    default:
      return g_strdup_printf ("%+.1f", reason->value);
    }
}

static void
update_priority (SwPlaceView     *self,
                 SwPlacePriority *priority)
{
  g_autofree char *description = NULL;
  GPtrArray *reasons;

  clear_list (self->reasons_list);

  if (priority == NULL)
    {
      adw_preferences_group_set_description (self->priority_group, _("Group the findings again to rank this place."));
      gtk_widget_set_visible (GTK_WIDGET (self->reasons_list), FALSE);
      return;
    }

  /* Translators: a place's rank among all places, and its score. */
  description = g_strdup_printf (_("Rank %u of %u · score %.1f"),
                                 sw_place_priority_get_rank (priority),
                                 g_list_model_get_n_items (self->ranking),
                                 sw_place_priority_get_score (priority));
  adw_preferences_group_set_description (self->priority_group, description);

  reasons = sw_place_priority_get_reasons (priority);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_list), reasons->len > 0);
  for (guint i = 0; i < reasons->len; i++)
    {
      SwPriorityReason *reason = g_ptr_array_index (reasons, i);
      g_autofree char *value = format_value (reason);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value_label = gtk_label_new (value);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason->label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (value_label, "numeric");
      gtk_widget_add_css_class (value_label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label);
      gtk_list_box_append (self->reasons_list, row);
    }
}

static void
on_split_clicked (GtkButton   *button,
                  SwPlaceView *self)
{
  SwFinding *finding = g_object_get_data (G_OBJECT (button), "finding");
  g_autoptr (GError) error = NULL;
  GtkWidget *window;

  if (self->project == NULL || finding == NULL)
    return;

  if (sw_project_split_finding (self->project, finding, &error) == NULL)
    {
      show_problem (self, error->message);
      return;
    }

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), SW_TYPE_WINDOW);
  if (window != NULL)
    {
      AdwToast *toast = adw_toast_new (_("The finding is a place of its own now"));

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      sw_window_add_toast (SW_WINDOW (window), toast);
    }
}

static void
on_finding_row_activated (GtkListBox    *list,
                          GtkListBoxRow *row,
                          SwPlaceView   *self)
{
  SwFinding *finding = g_object_get_data (G_OBJECT (row), "finding");

  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

static void
update_findings (SwPlaceView *self)
{
  g_autoptr (GPtrArray) findings = NULL;

  clear_list (self->findings_list);

  findings = sw_project_list_place_findings (self->project, self->place);
  for (guint i = 0; i < findings->len; i++)
    {
      SwFinding *finding = g_ptr_array_index (findings, i);
      const char *category = sw_finding_get_category (finding);
      const SwTerm *term = sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, category);
      const char *note = sw_finding_get_note (finding);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (term != NULL ? term->icon_name : "dialog-question-symbolic");
      GtkWidget *split = gtk_button_new_from_icon_name ("edit-cut-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     note != NULL && *note != '\0' ? note
                                     : sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, category));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, category));
      gtk_widget_add_css_class (icon, "category-badge");
      gtk_widget_add_css_class (icon, "small-badge");
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      if (category != NULL)
        {
          g_autofree char *class = g_strdup_printf ("category-%s", category);

          gtk_widget_add_css_class (icon, class);
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      gtk_widget_set_valign (split, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (split, "flat");
      gtk_widget_set_tooltip_text (split, _("Make this finding a place of its own"));
      g_object_set_data_full (G_OBJECT (split), "finding", g_object_ref (finding), g_object_unref);
      g_signal_connect (split, "clicked", G_CALLBACK (on_split_clicked), self);
      gtk_widget_set_sensitive (split, findings->len > 1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), split);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "finding", g_object_ref (finding), g_object_unref);
      gtk_list_box_append (self->findings_list, row);
    }
}

static const char *
trend_class (SwTrend trend)
{
  switch (trend)
    {
    case SW_TREND_BETTER: return "trend-better";
    case SW_TREND_SAME: return "trend-same";
    case SW_TREND_WORSE: return "trend-worse";
    case SW_TREND_NONE:
    default:
      return "trend-none";
    }
}

/* Before and after: each walk that passed the place, what it found there,
 * and the measures taken in between; core says whether it got better. */
static void
update_follow_up (SwPlaceView *self)
{
  g_autoptr (SwPlaceFollowUp) follow_up = sw_project_follow_up_place (self->project, self->place);
  GPtrArray *visits = sw_place_follow_up_get_visits (follow_up);
  GPtrArray *measures = sw_place_follow_up_get_measures (follow_up);
  SwTrend trend = sw_place_follow_up_get_trend (follow_up);
  GtkWidget *badge;

  clear_list (self->walks_list);

  badge = gtk_label_new (sw_trend_get_label (trend));
  gtk_widget_add_css_class (badge, "trend-badge");
  gtk_widget_add_css_class (badge, trend_class (trend));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (self->walks_group, badge);
  adw_preferences_group_set_description (self->walks_group,
                                         trend == SW_TREND_NONE
                                         ? _("Repeat the walk to see whether the place got better.")
                                         : _("The first walk against the last, by the severity of what they found."));

  for (guint i = 0; i < visits->len; i++)
    {
      SwPlaceVisit *visit = g_ptr_array_index (visits, i);
      const char *title = sw_walk_get_title (visit->walk);
      const char *date = sw_walk_get_date (visit->walk);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *found = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *sum = g_strdup_printf ("%d", visit->severity_sum);
      GtkWidget *sum_label = gtk_label_new (sum);

      if (visit->findings->len == 0)
        found = g_strdup (_("nothing found here"));
      else
        found = g_strdup_printf (ngettext ("%u finding", "%u findings", visit->findings->len), visit->findings->len);
      subtitle = g_strdup_printf ("%s · %s", date != NULL ? date : "", found);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : _("Untitled Walk"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (sum_label, "numeric");
      gtk_widget_add_css_class (sum_label, "dim-label");
      gtk_widget_set_tooltip_text (sum_label, _("Sum of the severities found"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sum_label);
      gtk_list_box_append (self->walks_list, row);

      /* The measures taken after the first visit, shown before the last. */
      if (i == 0 && visits->len > 1)
        for (guint m = 0; m < measures->len; m++)
          {
            SwMeasure *measure = g_ptr_array_index (measures, m);
            const char *status = sw_measure_get_status (measure) != NULL ? sw_measure_get_status (measure) : "proposed";
            GtkWidget *measure_row = adw_action_row_new ();
            GtkWidget *icon = gtk_image_new_from_icon_name ("sw-view-plan-symbolic");

            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (measure_row),
                                           sw_vocabulary_get_label (SW_VOCABULARY_MEASURE_TYPE,
                                                                    sw_measure_get_measure_type (measure)));
            adw_action_row_set_subtitle (ADW_ACTION_ROW (measure_row),
                                         sw_vocabulary_get_label (SW_VOCABULARY_MEASURE_STATUS, status));
            adw_action_row_add_prefix (ADW_ACTION_ROW (measure_row), icon);
            gtk_widget_add_css_class (measure_row, "follow-up-measure");
            gtk_list_box_append (self->walks_list, measure_row);
          }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->walks_group), visits->len > 0);
}

static void
on_merge_row_activated (GtkListBox    *list,
                        GtkListBoxRow *row,
                        SwPlaceView   *self)
{
  SwPlace *other = g_object_get_data (G_OBJECT (row), "place");
  g_autoptr (GError) error = NULL;

  gtk_menu_button_popdown (self->merge_button);
  if (self->project == NULL || self->place == NULL || other == NULL)
    return;

  if (!sw_project_merge_places (self->project, self->place, other, &error))
    show_problem (self, error->message);
}

static void
update_merge_choices (SwPlaceView *self)
{
  guint n = self->ranking != NULL ? g_list_model_get_n_items (self->ranking) : 0;

  clear_list (self->merge_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SwPlacePriority) priority = g_list_model_get_item (self->ranking, i);
      SwPlace *place = sw_place_priority_get_place (priority);
      GtkWidget *row;

      if (place == self->place)
        continue;

      row = sw_place_row_new ();
      sw_place_row_set_priority (SW_PLACE_ROW (row), priority);
      gtk_list_box_append (self->merge_list, row);
      g_object_set_data_full (G_OBJECT (gtk_widget_get_parent (row)), "place", g_object_ref (place), g_object_unref);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), n > 1);
}

static void
update (SwPlaceView *self)
{
  const char *name;

  if (self->place == NULL || self->project == NULL)
    return;

  /* Merged into another, or gone with an undo. */
  if (sw_project_lookup (self->project, SW_KIND_PLACE, sw_feature_get_uuid (SW_FEATURE (self->place))) == NULL)
    {
      g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
      return;
    }

  name = sw_place_get_name (self->place);
  gtk_label_set_label (self->heading_label, name != NULL ? name : _("Unnamed place"));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), name != NULL ? name : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");

  update_priority (self, self->ranking != NULL
                         ? sw_place_ranking_lookup (self->ranking, sw_feature_get_uuid (SW_FEATURE (self->place)))
                         : NULL);
  update_findings (self);
  update_follow_up (self);
  update_merge_choices (self);
  sw_measure_list_set_feature (self->measure_list, self->project, SW_FEATURE (self->place));
}

static void
on_name_applied (SwPlaceView *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  if (self->project == NULL || self->place == NULL)
    return;

  g_strstrip (name);
  if (!sw_project_rename_place (self->project, self->place, *name != '\0' ? name : NULL, &error))
    show_problem (self, error->message);
  else
    show_problem (self, NULL);
}

static void
on_back_clicked (SwPlaceView *self)
{
  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

/* ---------------------------------------------------------------------- */

static GtkListBox *
add_group (SwPlaceView          *self,
           const char           *title,
           AdwPreferencesGroup **group_out)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (self->content, group);

  if (group_out != NULL)
    *group_out = ADW_PREFERENCES_GROUP (group);
  return GTK_LIST_BOX (list);
}

static void
sw_place_view_dispose (GObject *object)
{
  SwPlaceView *self = SW_PLACE_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->project);
  g_clear_object (&self->ranking);
  g_clear_object (&self->place);

  G_OBJECT_CLASS (sw_place_view_parent_class)->dispose (object);
}

static void
sw_place_view_class_init (SwPlaceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_place_view_dispose;

  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_FINDING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "placeview");
}

static void
sw_place_view_init (SwPlaceView *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *name_group;
  GtkWidget *popover;
  GtkWidget *merge_scroller;

  gtk_widget_set_parent (outer, GTK_WIDGET (self));

  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_add_css_class (back, "flat");
  gtk_widget_set_tooltip_text (back, _("All Places"));
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (on_back_clicked), self);
  gtk_box_append (GTK_BOX (header), back);
  self->heading_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading_label, 0);
  gtk_label_set_ellipsize (self->heading_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->heading_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading_label), "heading");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->heading_label));

  /* Merging: the other places, highest first. */
  self->merge_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->merge_button, "sw-merge-places-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->merge_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->merge_button), _("Merge Another Place Into This One"));
  self->merge_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->merge_list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->merge_list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->merge_list), "navigation-sidebar");
  g_signal_connect (self->merge_list, "row-activated", G_CALLBACK (on_merge_row_activated), self);
  merge_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (merge_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (merge_scroller), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (merge_scroller), TRUE);
  gtk_widget_set_size_request (merge_scroller, 300, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (merge_scroller), GTK_WIDGET (self->merge_list));
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), merge_scroller);
  gtk_menu_button_set_popover (self->merge_button, popover);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->merge_button));

  gtk_box_append (GTK_BOX (outer), header);
  gtk_box_append (GTK_BOX (outer), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->scroller));

  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (self->content), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->content), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->content), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->content), 12);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->content));

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_box_append (self->content, GTK_WIDGET (self->problem_label));

  name_group = adw_preferences_group_new ();
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("_Name"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->name_row), TRUE);
  adw_entry_row_set_show_apply_button (self->name_row, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_row), _("Leave empty to name the place after the nearest stop"));
  g_signal_connect_swapped (self->name_row, "apply", G_CALLBACK (on_name_applied), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (name_group), GTK_WIDGET (self->name_row));
  gtk_box_append (self->content, name_group);

  self->reasons_list = add_group (self, _("Why It Ranks Here"), &self->priority_group);
  self->findings_list = add_group (self, _("Findings"), &self->findings_group);
  g_signal_connect (self->findings_list, "row-activated", G_CALLBACK (on_finding_row_activated), self);
  self->walks_list = add_group (self, _("Before and After"), &self->walks_group);

  self->measure_list = SW_MEASURE_LIST (sw_measure_list_new ());
  gtk_box_append (self->content, GTK_WIDGET (self->measure_list));
}

GtkWidget *
sw_place_view_new (void)
{
  return g_object_new (SW_TYPE_PLACE_VIEW, NULL);
}

void
sw_place_view_set_place (SwPlaceView *self,
                         SwProject   *project,
                         GListModel  *ranking,
                         SwPlace     *place)
{
  g_return_if_fail (SW_IS_PLACE_VIEW (self));

  /* The place list calls again with its new ranking after each edit. */
  g_set_object (&self->project, project);
  g_set_object (&self->ranking, ranking);
  if (g_set_object (&self->place, place))
    {
      show_problem (self, NULL);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }

  update (self);
}

SwPlace *
sw_place_view_get_place (SwPlaceView *self)
{
  g_return_val_if_fail (SW_IS_PLACE_VIEW (self), NULL);

  return self->place;
}
