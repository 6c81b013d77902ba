/* The review before a merge is stored: a summary of what the files bring,
 * then one group per conflict with the differing fields side by side (this
 * project, the file) and a choice per conflict: keep mine or take theirs. */
#define G_LOG_DOMAIN "sw-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-merge-dialog.h"
#include "sw-vocabulary.h"

struct _SwMergeDialog
{
  AdwWindow parent_instance;

  SwMergeReport *report;
  /* One GtkToggleButton "Take Theirs" per conflict, in report order */
  GPtrArray *take_buttons;
  gboolean responded;

  GtkBox *content_box;
  GtkListBox *summary_list;
  GtkButton *merge_button;
};

G_DEFINE_FINAL_TYPE (SwMergeDialog, sw_merge_dialog, ADW_TYPE_WINDOW)

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Field names as the editors call them. */
static const char *
property_label (const char *property)
{
  static const struct
  {
    const char *property;
    const char *label;
  } labels[] = {
    { "title", N_("Title") },
    { "name", N_("Name") },
    { "note", N_("Note") },
    { "notes", N_("Notes") },
    { "category", N_("Category") },
    { "categories", N_("Further Categories") },
    { "severity", N_("Severity") },
    { "light", N_("Light") },
    { "unsafe-for", N_("Unsafe For") },
    { "position", N_("Position") },
    { "points", N_("Line") },
    { "number", N_("Number") },
    { "color", N_("Colour") },
    { "date", N_("Date") },
    { "start-time", N_("Start Time") },
    { "area", N_("Area") },
    { "meeting-point", N_("Meeting Point") },
    { "description", N_("Description") },
    { "measure-type", N_("Type of Measure") },
    { "responsible", N_("Responsible") },
    { "responsible-unit", N_("Responsible Unit") },
    { "due-date", N_("Due Date") },
    { "cost", N_("Cost") },
    { "status", N_("Status") },
    { "status-reason", N_("Reason") },
    { "effect", N_("Effect") },
    { "finding-uuid", N_("Finding") },
    { "route-uuid", N_("Route") },
    { "walk-uuid", N_("Walk") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].property, property))
      return _(labels[i].label);
  return property;
}

/* A value in the user's words: list keys through their labels. */
static char *
value_text (SwFeature  *feature,
            const char *property)
{
  g_autofree char *text = sw_feature_dup_value_text (feature, property);
  int vocabulary = -1;

  if (g_str_equal (property, "category") || g_str_equal (property, "categories"))
    vocabulary = SW_VOCABULARY_CATEGORY;
  else if (g_str_equal (property, "light"))
    vocabulary = SW_VOCABULARY_LIGHT;
  else if (g_str_equal (property, "unsafe-for"))
    vocabulary = SW_VOCABULARY_UNSAFE_FOR;
  else if (g_str_equal (property, "status"))
    vocabulary = SW_VOCABULARY_MEASURE_STATUS;
  else if (g_str_equal (property, "measure-type"))
    vocabulary = SW_VOCABULARY_MEASURE_TYPE;
  else if (g_str_equal (property, "responsible"))
    vocabulary = SW_VOCABULARY_RESPONSIBLE;
  else if (g_str_equal (property, "effect"))
    vocabulary = SW_VOCABULARY_EFFECT;

  if (vocabulary >= 0 && text != NULL && *text != '\0')
    {
      g_auto (GStrv) keys = g_strsplit (text, ",", -1);
      g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();
      g_auto (GStrv) joined = NULL;

      for (guint i = 0; keys[i] != NULL; i++)
        {
          const char *label = sw_vocabulary_get_label (vocabulary, g_strstrip (keys[i]));

          g_strv_builder_add (labels, label != NULL ? label : keys[i]);
        }
      joined = g_strv_builder_end (labels);
      return g_strjoinv (", ", joined);
    }
  if (text == NULL || *text == '\0')
    return g_strdup (C_("merge value", "(empty)"));
  return g_steal_pointer (&text);
}

static const char *
kind_label (SwKind kind)
{
  switch (kind)
    {
    case SW_KIND_WALK: return _("Walk");
    case SW_KIND_ROUTE: return _("Route");
    case SW_KIND_STOP: return _("Stop");
    case SW_KIND_FINDING: return _("Finding");
    case SW_KIND_PHOTO: return _("Photo");
    case SW_KIND_MEASURE: return _("Measure");
    case SW_KIND_PLACE: return _("Place");
    case SW_KIND_TRACK: return _("Track");
    case SW_KIND_STATUS_CHANGE: return _("Status Change");
    case SW_N_KINDS:
    default: return "";
    }
}

/* "Finding “Trasig lampa vid…”": the kind and what names the item. */
static char *
conflict_title (const SwMergeConflict *conflict)
{
  SwFeature *feature = conflict->target != NULL ? conflict->target : conflict->source;
  static const char *const naming[] = { "title", "name", "note", "description" };

  for (guint i = 0; i < G_N_ELEMENTS (naming); i++)
    {
      g_autofree char *text = NULL;

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (feature), naming[i]) == NULL)
        continue;
      text = sw_feature_dup_value_text (feature, naming[i]);
      if (text != NULL && *text != '\0')
        {
          g_autofree char *line = g_strdelimit (g_strdup (text), "\n", ' ');

          if (g_utf8_strlen (line, -1) > 48)
            {
              g_autofree char *cut = g_utf8_substring (line, 0, 47);

              /* TRANSLATORS: the kind of item and the start of its text */
              return g_strdup_printf (_("%s “%s…”"), kind_label (conflict->kind), cut);
            }
          /* TRANSLATORS: the kind of item and its name */
          return g_strdup_printf (_("%s “%s”"), kind_label (conflict->kind), line);
        }
    }
  return g_strdup (kind_label (conflict->kind));
}

static GtkWidget *
cell (const char *text,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_widget_set_hexpand (label, TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* One row of three columns: field, this project's value, the file's. The
 * two values share the width equally, so the columns line up from row to
 * row whatever their text. */
static GtkWidget *
side_by_side_row (const char *field,
                  const char *mine,
                  const char *theirs,
                  gboolean    heading)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *values = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *field_label = cell (field, TRUE);

  gtk_box_set_homogeneous (GTK_BOX (values), TRUE);
  gtk_widget_set_hexpand (values, TRUE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (field_label, FALSE);
  gtk_widget_set_size_request (field_label, 130, -1);
  if (heading)
    gtk_widget_add_css_class (field_label, "caption-heading");
  gtk_box_append (GTK_BOX (box), field_label);
  gtk_box_append (GTK_BOX (values), cell (mine, heading));
  gtk_box_append (GTK_BOX (values), cell (theirs, heading));
  if (heading)
    {
      gtk_widget_add_css_class (gtk_widget_get_first_child (values), "caption-heading");
      gtk_widget_add_css_class (gtk_widget_get_last_child (values), "caption-heading");
    }
  gtk_box_append (GTK_BOX (box), values);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
add_summary_row (SwMergeDialog *self,
                 const char    *title,
                 guint          count)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *value = gtk_label_new (number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (value, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  gtk_list_box_append (self->summary_list, row);
}

static void
add_conflict_group (SwMergeDialog         *self,
                    const SwMergeConflict *conflict,
                    guint                  index)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *choice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *keep = gtk_toggle_button_new_with_mnemonic (_("_Keep Mine"));
  GtkWidget *take = gtk_toggle_button_new_with_mnemonic (_("_Take Theirs"));
  g_autofree char *title = conflict_title (conflict);
  g_autofree char *theirs_heading = NULL;
  g_autofree char *description = NULL;
  g_autofree char *basename = g_path_get_basename (conflict->source_name);
  g_autofree char *keep_name = g_strdup_printf ("keep-mine-%u", index);
  g_autofree char *take_name = g_strdup_printf ("take-theirs-%u", index);

  if (conflict->target == NULL)
    description = g_strdup_printf (_("Deleted in this project, changed in “%s”."), basename);
  else if (conflict->source == NULL)
    description = g_strdup_printf (_("Changed in this project, deleted in “%s”."), basename);
  else
    description = g_strdup_printf (_("Changed both in this project and in “%s”."), basename);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  gtk_widget_add_css_class (choice, "linked");
  gtk_widget_set_valign (choice, GTK_ALIGN_CENTER);
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (take), GTK_TOGGLE_BUTTON (keep));
  gtk_widget_set_name (keep, keep_name);
  gtk_widget_set_name (take, take_name);
  gtk_box_append (GTK_BOX (choice), keep);
  gtk_box_append (GTK_BOX (choice), take);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (conflict->resolution == SW_MERGE_PREFER_SOURCE ? take : keep),
                                TRUE);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), choice);
  g_ptr_array_add (self->take_buttons, take);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* TRANSLATORS: column heading over the values of the file being merged */
  theirs_heading = g_strdup_printf (_("In “%s”"), basename);
  gtk_list_box_append (GTK_LIST_BOX (list),
                       side_by_side_row (_("Field"), _("In This Project"), theirs_heading, TRUE));

  if (conflict->target == NULL || conflict->source == NULL)
    {
      g_autofree char *summary = conflict_title (conflict);
      const char *deleted = _("Deleted");

      gtk_list_box_append (GTK_LIST_BOX (list),
                           side_by_side_row (kind_label (conflict->kind),
                                             conflict->target != NULL ? summary : deleted,
                                             conflict->source != NULL ? summary : deleted, FALSE));
    }
  else
    {
      g_auto (GStrv) differences = sw_merge_conflict_dup_differences (conflict);

      for (guint i = 0; differences[i] != NULL; i++)
        {
          g_autofree char *mine = value_text (conflict->target, differences[i]);
          g_autofree char *theirs = value_text (conflict->source, differences[i]);

          gtk_list_box_append (GTK_LIST_BOX (list),
                               side_by_side_row (property_label (differences[i]), mine, theirs, FALSE));
        }
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (self->content_box, group);
}

static void
respond (SwMergeDialog *self,
         gboolean       merge)
{
  if (self->responded)
    return;
  self->responded = TRUE;
  g_signal_emit (self, signals[RESPONSE], 0, merge);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  respond (SW_MERGE_DIALOG (widget), TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  respond (SW_MERGE_DIALOG (widget), FALSE);
}

static gboolean
sw_merge_dialog_close_request (GtkWindow *window)
{
  SwMergeDialog *self = SW_MERGE_DIALOG (window);

  if (!self->responded)
    {
      self->responded = TRUE;
      g_signal_emit (self, signals[RESPONSE], 0, FALSE);
    }
  return GTK_WINDOW_CLASS (sw_merge_dialog_parent_class)->close_request (window);
}

static void
sw_merge_dialog_finalize (GObject *object)
{
  SwMergeDialog *self = SW_MERGE_DIALOG (object);

  g_clear_pointer (&self->report, sw_merge_report_free);
  g_clear_pointer (&self->take_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (sw_merge_dialog_parent_class)->finalize (object);
}

static void
sw_merge_dialog_class_init (SwMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->finalize = sw_merge_dialog_finalize;
  window_class->close_request = sw_merge_dialog_close_request;

  signals[RESPONSE] = g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SwMergeDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, SwMergeDialog, summary_list);
  gtk_widget_class_bind_template_child (widget_class, SwMergeDialog, merge_button);

  gtk_widget_class_install_action (widget_class, "merge-dialog.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "merge-dialog.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "merge-dialog.cancel", NULL);
}

static void
sw_merge_dialog_init (SwMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->take_buttons = g_ptr_array_new ();
}

SwMergeDialog *
sw_merge_dialog_new (GtkWindow     *parent,
                     SwMergeReport *report)
{
  SwMergeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (report != NULL, NULL);

  self = g_object_new (SW_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  self->report = report;

  add_summary_row (self, _("New items to add"), report->added);
  add_summary_row (self, _("Items to update"), report->updated);
  if (report->removed > 0)
    add_summary_row (self, _("Items deleted in the files"), report->removed);
  add_summary_row (self, _("Conflicts to settle"), report->conflicts->len);

  for (guint i = 0; i < report->conflicts->len; i++)
    add_conflict_group (self, report->conflicts->pdata[i], i);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->merge_button));
  return self;
}

guint
sw_merge_dialog_get_n_conflicts (SwMergeDialog *self)
{
  g_return_val_if_fail (SW_IS_MERGE_DIALOG (self), 0);

  return self->take_buttons->len;
}

SwMergePreference
sw_merge_dialog_get_choice (SwMergeDialog *self,
                            guint          index)
{
  g_return_val_if_fail (SW_IS_MERGE_DIALOG (self), SW_MERGE_PREFER_TARGET);
  g_return_val_if_fail (index < self->take_buttons->len, SW_MERGE_PREFER_TARGET);

  return gtk_toggle_button_get_active (self->take_buttons->pdata[index]) ? SW_MERGE_PREFER_SOURCE
                                                                         : SW_MERGE_PREFER_TARGET;
}

void
sw_merge_dialog_set_choice (SwMergeDialog     *self,
                            guint              index,
                            SwMergePreference  choice)
{
  GtkToggleButton *take;

  g_return_if_fail (SW_IS_MERGE_DIALOG (self));
  g_return_if_fail (index < self->take_buttons->len);

  take = self->take_buttons->pdata[index];
  if (choice == SW_MERGE_PREFER_SOURCE)
    gtk_toggle_button_set_active (take, TRUE);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_prev_sibling (GTK_WIDGET (take))), TRUE);
}

GHashTable *
sw_merge_dialog_dup_choices (SwMergeDialog *self)
{
  GHashTable *choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (SW_IS_MERGE_DIALOG (self), choices);

  for (guint i = 0; i < self->report->conflicts->len; i++)
    g_hash_table_insert (choices, sw_merge_conflict_dup_key (self->report->conflicts->pdata[i]),
                         GINT_TO_POINTER (sw_merge_dialog_get_choice (self, i) + 1));
  return choices;
}
