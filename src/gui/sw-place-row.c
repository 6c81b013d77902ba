/* One place in the ranked list, built in code: four labels. */
#define G_LOG_DOMAIN "sw-place-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-place-row.h"

struct _SwPlaceRow
{
  GtkWidget parent_instance;

  GtkLabel *rank_label;
  GtkLabel *name_label;
  GtkLabel *details_label;
  GtkLabel *score_label;
};

G_DEFINE_FINAL_TYPE (SwPlaceRow, sw_place_row, GTK_TYPE_WIDGET)

static const char *priority_classes[] = {
  "priority-high", "priority-medium", "priority-low", "priority-none",
};

const char *
sw_place_row_priority_class (SwPlacePriority *priority)
{
  double relative;

  if (priority == NULL || sw_place_priority_get_score (priority) <= 0)
    return "priority-none";

  /* The same steps as the map's colours (sw-place-layer.c). */
  relative = sw_place_priority_get_relative (priority);
  if (relative < 0.34)
    return "priority-low";
  if (relative < 0.67)
    return "priority-medium";
  return "priority-high";
}

static void
sw_place_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sw_place_row_parent_class)->dispose (object);
}

static void
sw_place_row_class_init (SwPlaceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_place_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "placerow");
}

static void
sw_place_row_init (SwPlaceRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_parent (box, GTK_WIDGET (self));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  self->rank_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->rank_label), "place-rank");
  gtk_widget_set_valign (GTK_WIDGET (self->rank_label), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->rank_label));

  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  self->details_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->details_label, 0);
  gtk_label_set_ellipsize (self->details_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "caption");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->details_label));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  self->score_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->score_label), "place-score");
  gtk_widget_add_css_class (GTK_WIDGET (self->score_label), "numeric");
  gtk_widget_set_valign (GTK_WIDGET (self->score_label), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->score_label));
}

GtkWidget *
sw_place_row_new (void)
{
  return g_object_new (SW_TYPE_PLACE_ROW, NULL);
}

void
sw_place_row_set_priority (SwPlaceRow      *self,
                           SwPlacePriority *priority)
{
  g_autofree char *rank = NULL;
  g_autofree char *details = NULL;
  g_autofree char *score = NULL;
  g_autofree char *findings = NULL;
  g_autofree char *tooltip = NULL;
  SwPlace *place;
  guint n_findings, n_walks;

  g_return_if_fail (SW_IS_PLACE_ROW (self));

  for (guint i = 0; i < G_N_ELEMENTS (priority_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->rank_label), priority_classes[i]);

  if (priority == NULL)
    return;

  place = sw_place_priority_get_place (priority);
  n_findings = sw_place_priority_get_n_findings (priority) + sw_place_priority_get_n_positive (priority);
  n_walks = sw_place_priority_get_n_walks (priority);

  rank = g_strdup_printf ("%u", sw_place_priority_get_rank (priority));
  gtk_label_set_label (self->rank_label, rank);
  gtk_widget_add_css_class (GTK_WIDGET (self->rank_label), sw_place_row_priority_class (priority));

  gtk_label_set_label (self->name_label,
                       sw_place_get_name (place) != NULL ? sw_place_get_name (place) : _("Unnamed place"));

  findings = g_strdup_printf (ngettext ("%u finding", "%u findings", n_findings), n_findings);
  if (n_walks > 1)
    /* Translators: "5 findings · 2 walks" */
    details = g_strdup_printf (ngettext ("%s · %u walk", "%s · %u walks", n_walks), findings, n_walks);
  else
    details = g_steal_pointer (&findings);
  gtk_label_set_label (self->details_label, details);

  score = g_strdup_printf ("%.1f", sw_place_priority_get_score (priority));
  gtk_label_set_label (self->score_label, score);

  tooltip = sw_place_priority_dup_explanation (priority);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
}
