/* One finding in the sidebar list, kept up to date as the finding is edited. */
#define G_LOG_DOMAIN "sw-finding-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sw-vocabulary.h"

#include "sw-finding-row.h"

struct _SwFindingRow
{
  GtkWidget parent_instance;

  SwFinding *finding;
  char *category_class;
  char *severity_class;

  GtkImage *badge;
  GtkLabel *title_label;
  GtkLabel *severity_label;
  GtkLabel *subtitle_label;
};

G_DEFINE_FINAL_TYPE (SwFindingRow, sw_finding_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FINDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
swap_css_class (GtkWidget   *widget,
                char       **current,
                char        *wanted)
{
  if (g_strcmp0 (*current, wanted) == 0)
    {
      g_free (wanted);
      return;
    }

  if (*current != NULL)
    gtk_widget_remove_css_class (widget, *current);
  g_free (*current);
  *current = wanted;
  if (*current != NULL)
    gtk_widget_add_css_class (widget, *current);
}

/* The note may run to paragraphs; the row shows its first line. */
static char *
dup_first_line (const char *text)
{
  const char *end;

  if (text == NULL)
    return NULL;

  while (*text == '\n' || *text == '\r' || *text == ' ')
    text++;
  end = strpbrk (text, "\r\n");

  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

static void
update (SwFindingRow *self)
{
  const char *category = NULL;
  const SwTerm *term = NULL;
  const SwTerm *severity = NULL;
  g_autofree char *note = NULL;
  g_autofree char *severity_key = NULL;
  const char *category_label;

  if (self->finding != NULL)
    {
      category = sw_finding_get_category (self->finding);
      term = sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, category);
      severity_key = g_strdup_printf ("%d", sw_finding_get_severity (self->finding));
      severity = sw_vocabulary_lookup (SW_VOCABULARY_SEVERITY, severity_key);
      note = dup_first_line (sw_finding_get_note (self->finding));
    }

  if (term == NULL)
    term = sw_vocabulary_lookup (SW_VOCABULARY_CATEGORY, "other");

  category_label = term != NULL ? sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, term->key) : "";
  /* A finding made by Import Photos waits for its category. */
  if (self->finding != NULL && category == NULL)
    category_label = _("No category yet");

  /* What was seen says more than its category, which the colour and the
   * line below tell; a finding without a note shows its category. */
  if (note != NULL && *note != '\0')
    {
      gtk_label_set_label (self->title_label, note);
      gtk_label_set_label (self->subtitle_label, category_label);
    }
  else
    {
      gtk_label_set_label (self->title_label, category_label);
      gtk_label_set_label (self->subtitle_label, "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), note != NULL && *note != '\0');

  /* The category icons come with the app; without them the coloured badge
   * still tells categories apart. */
  if (term != NULL && term->icon_name != NULL
      && gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                  term->icon_name))
    gtk_image_set_from_icon_name (self->badge, term->icon_name);
  else
    gtk_image_clear (self->badge);

  swap_css_class (GTK_WIDGET (self->badge), &self->category_class,
                  term != NULL ? g_strdup_printf ("category-%s", term->key) : NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->severity_label), severity != NULL);
  if (severity != NULL)
    {
      gtk_label_set_label (self->severity_label, sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, severity->key));
      swap_css_class (GTK_WIDGET (self->severity_label), &self->severity_class,
                      g_strdup_printf ("severity-%s", severity->key));
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               self->finding != NULL ? sw_finding_get_note (self->finding) : NULL);
}

static void
sw_finding_row_dispose (GObject *object)
{
  SwFindingRow *self = SW_FINDING_ROW (object);
  GtkWidget *child;

  sw_finding_row_set_finding (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_FINDING_ROW);
  /* The template's unnamed box is not a template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sw_finding_row_parent_class)->dispose (object);
}

static void
sw_finding_row_finalize (GObject *object)
{
  SwFindingRow *self = SW_FINDING_ROW (object);

  g_clear_pointer (&self->category_class, g_free);
  g_clear_pointer (&self->severity_class, g_free);

  G_OBJECT_CLASS (sw_finding_row_parent_class)->finalize (object);
}

static void
sw_finding_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SwFindingRow *self = SW_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_FINDING:
      g_value_set_object (value, self->finding);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_finding_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SwFindingRow *self = SW_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_FINDING:
      sw_finding_row_set_finding (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_finding_row_class_init (SwFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_finding_row_dispose;
  object_class->finalize = sw_finding_row_finalize;
  object_class->get_property = sw_finding_row_get_property;
  object_class->set_property = sw_finding_row_set_property;

  properties[PROP_FINDING] =
    g_param_spec_object ("finding", NULL, NULL,
                         SW_TYPE_FINDING,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SwFindingRow, badge);
  gtk_widget_class_bind_template_child (widget_class, SwFindingRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SwFindingRow, severity_label);
  gtk_widget_class_bind_template_child (widget_class, SwFindingRow, subtitle_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findingrow");
}

static void
sw_finding_row_init (SwFindingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sw_finding_row_new (void)
{
  return g_object_new (SW_TYPE_FINDING_ROW, NULL);
}

SwFinding *
sw_finding_row_get_finding (SwFindingRow *self)
{
  g_return_val_if_fail (SW_IS_FINDING_ROW (self), NULL);

  return self->finding;
}

void
sw_finding_row_set_finding (SwFindingRow *self,
                            SwFinding    *finding)
{
  g_return_if_fail (SW_IS_FINDING_ROW (self));
  g_return_if_fail (finding == NULL || SW_IS_FINDING (finding));

  if (self->finding == finding)
    return;

  if (self->finding != NULL)
    g_signal_handlers_disconnect_by_func (self->finding, update, self);

  g_set_object (&self->finding, finding);

  if (self->finding != NULL)
    g_signal_connect_object (self->finding, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDING]);
}
