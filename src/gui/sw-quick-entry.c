/* Quick Entry: after a photo import, a volunteer gives each new finding its
 * category, severity and light with a few keys, photo after photo. */
#define G_LOG_DOMAIN "sw-quick-entry"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sw-finding-layer.h"
#include "sw-quick-entry.h"
#include "sw-vocabulary.h"

#define MAP_ZOOM        17.0
#define SIDE_WIDTH      400
/* The keys of the first ten categories, in the vocabulary's order; the
 * eleventh, a safe and pleasant place, has P. */
#define N_NUMBERED      10
#define POSITIVE_KEY    "positive"

struct _SwQuickEntry
{
  AdwWindow parent_instance;

  SwProject *project;
  /* The findings to enter, by uuid, as they were when the mode began: a
   * finding given its category stays in the round. */
  GPtrArray *uuids;
  guint index;
  guint n_saved;

  /* What is chosen for the finding shown. */
  char *category;
  int severity;
  char *light;

  AdwWindowTitle *title;
  GtkStack *stack;
  GtkStack *photo_stack;
  GtkPicture *picture;
  ShumateSimpleMap *map;
  SwFindingLayer *finding_layer;
  GtkEntry *note_entry;
  GtkLabel *position_label;
  AdwStatusPage *done_page;
  /* Rows to highlight, by key. */
  GHashTable *category_rows;
  GtkWidget *severity_rows[4];
  GHashTable *light_rows;
};

G_DEFINE_FINAL_TYPE (SwQuickEntry, sw_quick_entry, ADW_TYPE_WINDOW)

static SwFinding *
lookup (SwQuickEntry *self,
        guint         index)
{
  if (index >= self->uuids->len)
    return NULL;
  return SW_FINDING (sw_project_lookup (self->project, SW_KIND_FINDING, self->uuids->pdata[index]));
}

static void
set_chosen (GtkWidget *row,
            gboolean   chosen)
{
  if (chosen)
    gtk_widget_add_css_class (row, "chosen");
  else
    gtk_widget_remove_css_class (row, "chosen");
}

static void
update_choices (SwQuickEntry *self)
{
  GHashTableIter iter;
  const char *key;
  GtkWidget *row;
  gboolean positive = g_strcmp0 (self->category, POSITIVE_KEY) == 0;

  g_hash_table_iter_init (&iter, self->category_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &row))
    set_chosen (row, g_strcmp0 (key, self->category) == 0);
  for (int i = 1; i <= 3; i++)
    {
      set_chosen (self->severity_rows[i], self->severity == i);
      /* A safe place has no severity. */
      gtk_widget_set_sensitive (self->severity_rows[i], !positive);
    }
  g_hash_table_iter_init (&iter, self->light_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &row))
    set_chosen (row, g_strcmp0 (key, self->light) == 0);
}

static void
show_photo (SwQuickEntry *self,
            SwFinding    *finding)
{
  g_autoptr (GPtrArray) photos = sw_project_list_finding_photos (self->project, finding);
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;

  if (photos->len > 0)
    data = sw_project_load_photo_data (self->project, photos->pdata[0], &error);
  if (data != NULL)
    texture = gdk_texture_new_from_bytes (data, &error);
  if (error != NULL)
    g_debug ("%s", error->message);

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->photo_stack, texture != NULL ? "photo" : "none");
}

static SwWalk *
get_walk (SwQuickEntry *self,
          SwFinding    *finding)
{
  return SW_WALK (sw_project_lookup (self->project, SW_KIND_WALK, sw_finding_get_walk_uuid (finding)));
}

/* Shows the finding at @index, skipping those gone meanwhile. */
static void
show (SwQuickEntry *self,
      guint         index)
{
  SwFinding *finding = NULL;
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  g_autofree char *position = NULL;
  SwWalk *walk;

  while (index < self->uuids->len && (finding = lookup (self, index)) == NULL)
    index++;
  self->index = index;

  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->light, g_free);
  self->severity = 0;

  if (finding == NULL)
    {
      g_autofree char *description = NULL;

      if (self->n_saved == 0)
        description = g_strdup (_("No finding is waiting for a category. Findings made by Import Photos "
                                  "come here until they have one."));
      else
        description = g_strdup_printf (ngettext ("%u finding was given its category.",
                                                 "%u findings were given their category.", self->n_saved),
                                       self->n_saved);
      adw_status_page_set_description (self->done_page, description);
      adw_window_title_set_subtitle (self->title, NULL);
      gtk_stack_set_visible_child_name (self->stack, "done");
      sw_finding_layer_set_selected_finding (self->finding_layer, NULL);
      return;
    }

  self->category = g_strdup (sw_finding_get_category (finding));
  self->severity = sw_finding_get_severity (finding);
  walk = get_walk (self, finding);
  self->light = g_strdup (sw_finding_get_light (finding) != NULL ? sw_finding_get_light (finding)
                          : walk != NULL ? sw_walk_get_light (walk) : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry),
                         sw_finding_get_note (finding) != NULL ? sw_finding_get_note (finding) : "");

  /* Translators: progress through the findings in Quick Entry, "12 of 50". */
  position = g_strdup_printf (_("%u of %u"), index + 1, self->uuids->len);
  adw_window_title_set_subtitle (self->title, position);
  gtk_label_set_label (self->position_label, position);

  show_photo (self, finding);
  shumate_viewport_set_zoom_level (viewport, MAP_ZOOM);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 sw_finding_get_latitude (finding), sw_finding_get_longitude (finding));
  sw_finding_layer_set_selected_finding (self->finding_layer, finding);

  update_choices (self);
  gtk_stack_set_visible_child_name (self->stack, "entry");
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

static char *
compose_categories (const char *category,
                    const char *categories)
{
  g_auto (GStrv) keys = NULL;
  GString *list = g_string_new (category);

  if (categories == NULL)
    return g_string_free (list, FALSE);

  keys = g_strsplit (categories, ",", -1);
  for (guint i = 0; keys[i] != NULL; i++)
    if (keys[i][0] != '\0' && g_strcmp0 (keys[i], category) != 0)
      g_string_append_printf (list, ",%s", keys[i]);
  return g_string_free (list, FALSE);
}

/* Stores what was chosen as one edit; FALSE (and says why) if refused. */
static gboolean
save (SwQuickEntry *self)
{
  SwFinding *finding = lookup (self, self->index);
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  g_autofree char *categories = NULL;
  g_autoptr (GError) error = NULL;
  int severity;

  if (finding == NULL)
    return TRUE;

  severity = g_strcmp0 (self->category, POSITIVE_KEY) == 0 ? 0 : self->severity;
  categories = self->category != NULL ? compose_categories (self->category, sw_finding_get_categories (finding))
                                      : g_strdup (sw_finding_get_categories (finding));
  if (!sw_project_edit (self->project, SW_FEATURE (finding), &error,
                        "category", self->category,
                        "categories", categories,
                        "severity", severity,
                        "light", self->light,
                        "note", note[0] != '\0' ? note : NULL,
                        NULL))
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Finding"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  if (self->category != NULL)
    self->n_saved++;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Keys                                                                   */

static void
choose_category (SwQuickEntry *self,
                 const char   *key)
{
  g_free (self->category);
  self->category = g_strdup (key);
  if (g_strcmp0 (key, POSITIVE_KEY) == 0)
    self->severity = 0;
  update_choices (self);
}

static int
digit_of (guint keyval)
{
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    return (int) (keyval - GDK_KEY_0);
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    return (int) (keyval - GDK_KEY_KP_0);
  return -1;
}

static gboolean
on_key_pressed (SwQuickEntry          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_note = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->note_entry));
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  gboolean entering = g_str_equal (gtk_stack_get_visible_child_name (self->stack), "entry");
  int digit = digit_of (gdk_keyval_to_lower (keyval));
  guint n_terms;
  const SwTerm *terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n_terms);

  /* Alt with a digit may come as the shifted symbol on some layouts; the
   * key code's digit is what counts. */
  if (digit < 0 && (modifiers & GDK_ALT_MASK))
    {
      GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
      guint plain = 0;

      if (gdk_display_translate_key (display, keycode, 0, 0, &plain, NULL, NULL, NULL))
        digit = digit_of (plain);
    }

  if (keyval == GDK_KEY_Escape)
    {
      if (in_note)
        gtk_window_set_focus (GTK_WINDOW (self), NULL);
      else
        gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    }

  if (!entering)
    {
      if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter)
        {
          gtk_window_close (GTK_WINDOW (self));
          return TRUE;
        }
      return FALSE;
    }

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      if (save (self))
        show (self, self->index + 1);
      return TRUE;
    }

  if (in_note)
    return FALSE;

  if (modifiers == GDK_ALT_MASK && digit >= 1 && digit <= 3)
    {
      if (g_strcmp0 (self->category, POSITIVE_KEY) != 0)
        {
          self->severity = digit;
          update_choices (self);
        }
      return TRUE;
    }

  if (modifiers != 0)
    return FALSE;

  if (digit >= 0)
    {
      guint index = digit == 0 ? N_NUMBERED - 1 : (guint) digit - 1;

      if (index < n_terms)
        choose_category (self, terms[index].key);
      return TRUE;
    }

  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_p:
      choose_category (self, POSITIVE_KEY);
      return TRUE;

    case GDK_KEY_d:
      g_free (self->light);
      self->light = g_strdup ("daylight");
      update_choices (self);
      return TRUE;

    case GDK_KEY_m:
      g_free (self->light);
      self->light = g_strdup ("dark");
      update_choices (self);
      return TRUE;

    case GDK_KEY_n:
      gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
      return TRUE;

    case GDK_KEY_Page_Down:
    case GDK_KEY_Right:
      show (self, self->index + 1);
      return TRUE;

    case GDK_KEY_Page_Up:
    case GDK_KEY_Left:
      if (self->index > 0)
        {
          guint previous = self->index - 1;

          /* Back past findings gone meanwhile. */
          while (previous > 0 && lookup (self, previous) == NULL)
            previous--;
          show (self, previous);
        }
      return TRUE;

    default:
      return FALSE;
    }
}

/* ---------------------------------------------------------------------- */
/* Building                                                               */

static GtkWidget *
key_row (const char *key,
         const char *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *key_label = gtk_label_new (key);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (row, "quick-entry-choice");
  gtk_widget_add_css_class (key_label, "quick-entry-key");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (key_label, 4);
  gtk_box_append (GTK_BOX (row), key_label);
  gtk_box_append (GTK_BOX (row), label);
  return row;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static GtkWidget *
build_choices (SwQuickEntry *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *severity_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *light_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  guint n_terms;
  const SwTerm *terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n_terms);
  const char *light_keys[] = { "daylight", "dark" };
  const char *light_shortcuts[] = { "D", "M" };

  gtk_box_append (GTK_BOX (box), heading (_("Category")));
  for (guint i = 0; i < n_terms; i++)
    {
      g_autofree char *key = i < N_NUMBERED ? g_strdup_printf ("%u", (i + 1) % 10) : NULL;
      GtkWidget *row;

      if (key == NULL && g_strcmp0 (terms[i].key, POSITIVE_KEY) == 0)
        /* Translators: the key for a safe and pleasant place in Quick Entry. */
        key = g_strdup (C_("quick entry key", "P"));
      if (key == NULL)
        continue;
      row = key_row (key, sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, terms[i].key));
      g_hash_table_insert (self->category_rows, g_strdup (terms[i].key), row);
      gtk_box_append (GTK_BOX (box), row);
    }

  gtk_box_append (GTK_BOX (box), heading (_("Severity")));
  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", i);
      /* Translators: the key for a severity in Quick Entry, Alt and a digit. */
      g_autofree char *shortcut = g_strdup_printf (_("Alt+%d"), i);

      self->severity_rows[i] = key_row (shortcut, sw_vocabulary_get_label (SW_VOCABULARY_SEVERITY, number));
      gtk_widget_set_hexpand (self->severity_rows[i], TRUE);
      gtk_box_append (GTK_BOX (severity_box), self->severity_rows[i]);
    }
  gtk_box_append (GTK_BOX (box), severity_box);

  gtk_box_append (GTK_BOX (box), heading (_("Light")));
  for (guint i = 0; i < G_N_ELEMENTS (light_keys); i++)
    {
      GtkWidget *row = key_row (light_shortcuts[i], sw_vocabulary_get_label (SW_VOCABULARY_LIGHT, light_keys[i]));

      g_hash_table_insert (self->light_rows, g_strdup (light_keys[i]), row);
      gtk_widget_set_hexpand (row, TRUE);
      gtk_box_append (GTK_BOX (light_box), row);
    }
  gtk_box_append (GTK_BOX (box), light_box);

  return box;
}

static void
build (SwQuickEntry *self,
       SwBasemapSource *basemap)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *entry_page = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *side_scrolled = gtk_scrolled_window_new ();
  GtkWidget *no_photo = adw_status_page_new ();
  GtkWidget *hint = gtk_label_new (_("Enter saves and shows the next · N writes a note · "
                                     "Page Up and Page Down step without saving · Escape leaves"));
  GtkWidget *close_button;
  GtkWidget *photo_overlay;
  GtkWidget *clamp;
  GtkWidget *map_clamp;
  g_autoptr (ShumateMapSource) map_source = NULL;

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Quick Entry"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (toolbar), header);

  /* The photo, large. */
  self->photo_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->photo_stack), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->photo_stack), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->photo_stack), "quick-entry-photo");
  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_CONTAIN);
  gtk_stack_add_named (self->photo_stack, GTK_WIDGET (self->picture), "photo");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (no_photo), "image-missing-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (no_photo), _("No Photo"));
  gtk_stack_add_named (self->photo_stack, no_photo, "none");
  photo_overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (photo_overlay), GTK_WIDGET (self->photo_stack));
  self->position_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->position_label), "quick-entry-position");
  gtk_widget_add_css_class (GTK_WIDGET (self->position_label), "osd");
  gtk_widget_add_css_class (GTK_WIDGET (self->position_label), "numeric");
  gtk_widget_set_halign (GTK_WIDGET (self->position_label), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self->position_label), GTK_ALIGN_START);
  gtk_widget_set_margin_start (GTK_WIDGET (self->position_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->position_label), 12);
  gtk_overlay_add_overlay (GTK_OVERLAY (photo_overlay), GTK_WIDGET (self->position_label));
  gtk_box_append (GTK_BOX (entry_page), photo_overlay);

  /* The map and the choices beside it. */
  self->map = shumate_simple_map_new ();
  if (basemap != NULL)
    {
      map_source = sw_basemap_source_create_map_source (basemap);
      shumate_simple_map_set_map_source (self->map, map_source);
    }
  shumate_scale_set_unit (shumate_simple_map_get_scale (self->map), SHUMATE_UNIT_METRIC);
  gtk_widget_set_size_request (GTK_WIDGET (self->map), -1, 200);
  gtk_widget_set_hexpand (GTK_WIDGET (self->map), FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->map), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->map), FALSE);
  self->finding_layer = sw_finding_layer_new (shumate_simple_map_get_viewport (self->map));
  sw_finding_layer_set_project (self->finding_layer, self->project);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->finding_layer));
  /* The map asks for much more height than it needs here. */
  map_clamp = adw_clamp_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (map_clamp), GTK_ORIENTATION_VERTICAL);
  adw_clamp_set_maximum_size (ADW_CLAMP (map_clamp), 220);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (map_clamp), 220);
  adw_clamp_set_child (ADW_CLAMP (map_clamp), GTK_WIDGET (self->map));
  gtk_box_append (GTK_BOX (side), map_clamp);


  {
    GtkWidget *choices = build_choices (self);

    gtk_widget_set_margin_start (choices, 12);
    gtk_widget_set_margin_end (choices, 12);
    gtk_box_append (GTK_BOX (choices), heading (_("Note")));
    self->note_entry = GTK_ENTRY (gtk_entry_new ());
    gtk_entry_set_placeholder_text (self->note_entry, _("Press N to write a note"));
    gtk_box_append (GTK_BOX (choices), GTK_WIDGET (self->note_entry));
    gtk_widget_set_vexpand (choices, TRUE);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (side_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (side_scrolled), choices);
    gtk_widget_set_vexpand (side_scrolled, TRUE);
    gtk_box_append (GTK_BOX (side), side_scrolled);
  }

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  /* A wrapped label asks for its whole text on one line otherwise, and the
   * side would take the photo's room. */
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 40);
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_set_margin_start (hint, 12);
  gtk_widget_set_margin_end (hint, 12);
  gtk_widget_set_margin_bottom (hint, 12);
  gtk_box_append (GTK_BOX (side), hint);

  gtk_widget_set_size_request (side, SIDE_WIDTH, -1);
  gtk_widget_set_hexpand (side, FALSE);
  gtk_box_append (GTK_BOX (entry_page), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  /* The side keeps its width; the photo takes the rest. */
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), SIDE_WIDTH);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), SIDE_WIDTH);
  adw_clamp_set_child (ADW_CLAMP (clamp), side);
  gtk_widget_set_hexpand (clamp, FALSE);
  gtk_box_append (GTK_BOX (entry_page), clamp);

  /* When every finding has been seen. */
  self->done_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->done_page, "object-select-symbolic");
  adw_status_page_set_title (self->done_page, _("All Findings Seen"));
  close_button = gtk_button_new_with_mnemonic (_("_Close"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close_button), "window.close");
  gtk_widget_set_halign (close_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (close_button, "pill");
  gtk_widget_add_css_class (close_button, "suggested-action");
  adw_status_page_set_child (self->done_page, close_button);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, entry_page, "entry");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->done_page), "done");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->stack));

  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
sw_quick_entry_dispose (GObject *object)
{
  SwQuickEntry *self = SW_QUICK_ENTRY (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->uuids, g_ptr_array_unref);
  g_clear_pointer (&self->category_rows, g_hash_table_unref);
  g_clear_pointer (&self->light_rows, g_hash_table_unref);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->light, g_free);

  G_OBJECT_CLASS (sw_quick_entry_parent_class)->dispose (object);
}

static void
sw_quick_entry_class_init (SwQuickEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sw_quick_entry_dispose;
}

static void
sw_quick_entry_init (SwQuickEntry *self)
{
  GtkEventController *controller;

  self->uuids = g_ptr_array_new_with_free_func (g_free);
  self->category_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->light_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("Quick Entry"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1180, 760);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

SwQuickEntry *
sw_quick_entry_new (GtkWindow       *parent,
                    SwProject       *project,
                    SwBasemapSource *basemap)
{
  SwQuickEntry *self;
  GListModel *findings;

  g_return_val_if_fail (SW_IS_PROJECT (project), NULL);

  self = g_object_new (SW_TYPE_QUICK_ENTRY, "transient-for", parent, NULL);
  self->project = g_object_ref (project);

  findings = sw_project_get_findings (project);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);

      if (sw_finding_get_category (finding) == NULL)
        g_ptr_array_add (self->uuids, g_strdup (sw_feature_get_uuid (SW_FEATURE (finding))));
    }

  build (self, basemap);
  if (self->uuids->len == 0)
    {
      adw_status_page_set_title (self->done_page, _("Every Finding Has a Category"));
      adw_status_page_set_description (self->done_page,
                                       _("Quick Entry steps through findings without a category, "
                                         "such as those made by Import Photos."));
    }
  show (self, 0);

  return self;
}

SwFinding *
sw_quick_entry_get_finding (SwQuickEntry *self)
{
  g_return_val_if_fail (SW_IS_QUICK_ENTRY (self), NULL);

  return lookup (self, self->index);
}

guint
sw_quick_entry_get_index (SwQuickEntry *self)
{
  g_return_val_if_fail (SW_IS_QUICK_ENTRY (self), 0);

  return self->index;
}

guint
sw_quick_entry_get_n_findings (SwQuickEntry *self)
{
  g_return_val_if_fail (SW_IS_QUICK_ENTRY (self), 0);

  return self->uuids->len;
}

GdkPaintable *
sw_quick_entry_get_paintable (SwQuickEntry *self)
{
  g_return_val_if_fail (SW_IS_QUICK_ENTRY (self), NULL);

  return gtk_picture_get_paintable (self->picture);
}
