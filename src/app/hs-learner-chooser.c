/* hs-learner-chooser.c — "Who is learning?": big tiles of the staff on this PC
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One tile per person, the last one to learn here first and focused, then
 * an "Add a Person" tile.  A PIN, when someone chose one, is asked for in a
 * small window that stays open until it is right or cancelled; adding a
 * person works the same way, so that a mistake never loses what was typed.
 */
#define G_LOG_DOMAIN "hs-learner-chooser"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hs-application.h"
#include "hs-learner-chooser.h"

#define MAX_COLUMNS     5
#define MIN_FORM_HEIGHT 120

struct _HsLearnerChooser
{
  AdwBin               parent_instance;

  AdwStatusPage       *status_page;
  GtkFlowBox          *flow_box;
  GtkFlowBoxChild     *add_tile;

  GtkWindow           *add_window;
  GtkScrolledWindow   *add_scroller;
  AdwEntryRow         *name_row;
  GtkWidget           *role_box;
  GtkToggleButton     *manager_button;
  GtkToggleButton     *teacher_button;
  GtkToggleButton     *staff_button;
  GtkLabel            *manager_label;
  GtkLabel            *teacher_label;
  GtkLabel            *staff_label;
  AdwPasswordEntryRow *new_pin_row;
  GtkWidget           *add_error_box;
  GtkLabel            *add_error_label;

  GtkWindow           *pin_window;
  GtkScrolledWindow   *pin_scroller;
  AdwAvatar           *pin_avatar;
  GtkLabel            *pin_name_label;
  AdwPasswordEntryRow *pin_row;
  GtkWidget           *pin_error_box;
  GtkLabel            *pin_error_label;

  HsLearner           *pin_learner;      /* whose PIN the PIN window asks for */
  HsLearner           *pending_learner;  /* added, but their PIN is not saved yet */
};

G_DEFINE_FINAL_TYPE (HsLearnerChooser, hs_learner_chooser, ADW_TYPE_BIN)

enum {
  LEARNER_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static HsProgress *
get_progress (void)
{
  HsApplication *app = HS_APPLICATION_DEFAULT;

  return app != NULL ? hs_application_get_progress (app) : NULL;
}

static HsLearner *
tile_get_learner (GtkFlowBoxChild *tile)
{
  return g_object_get_data (G_OBJECT (tile), "hs-learner");
}

/* Keeps a PIN field to digits only, at most six: a letter typed by mistake
 * simply does not appear, as on a phone's PIN pad. */
static void
pin_insert_text_cb (GtkEditable *editable,
                    const char  *text,
                    int          length,
                    int         *position,
                    gpointer     user_data)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  int room = HS_PIN_MAX_DIGITS - (int) strlen (gtk_editable_get_text (editable));

  if (length < 0)
    length = strlen (text);
  for (int i = 0; i < length && (int) digits->len < room; i++)
    if (g_ascii_isdigit (text[i]))
      g_string_append_c (digits, text[i]);

  if ((int) digits->len == length)
    return;

  g_signal_handlers_block_by_func (editable, pin_insert_text_cb, user_data);
  if (digits->len > 0)
    gtk_editable_insert_text (editable, digits->str, digits->len, position);
  g_signal_handlers_unblock_by_func (editable, pin_insert_text_cb, user_data);
  g_signal_stop_emission_by_name (editable, "insert-text");
}

static void
setup_pin_row (AdwPasswordEntryRow *row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  if (GTK_IS_TEXT (delegate))
    gtk_text_set_input_purpose (GTK_TEXT (delegate), GTK_INPUT_PURPOSE_PIN);
  g_signal_connect (delegate, "insert-text", G_CALLBACK (pin_insert_text_cb), NULL);
}

/* Sizes a small window to its form, at its width: it grows to fit a
 * message rather than squeeze the form into a scrolled strip, is snug again
 * the next time it opens, and at a large text size still fits on the
 * screen, the form scrolling instead.  (Left to itself, GTK measures the
 * form at its natural width, where wrapped lines are longer and fewer.) */
static void
fit_to_content (GtkWindow         *window,
                GtkScrolledWindow *scroller)
{
  GtkWindow *parent = gtk_window_get_transient_for (window);
  GtkWidget *form = gtk_scrolled_window_get_child (scroller);
  int width, height, natural, rest = 0;

  gtk_window_get_default_size (window, &width, &height);
  if (width <= 0 || form == NULL)
    return;
  gtk_widget_measure (form, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);

  /* The title and the buttons around the form stay in view. */
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (scroller)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_natural;

      if (child == GTK_WIDGET (scroller) || !gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_natural, NULL, NULL);
      rest += child_natural;
    }

  if (parent != NULL && gtk_native_get_surface (GTK_NATIVE (parent)) != NULL)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (parent));
      GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface);
      GdkRectangle area;

      /* A tenth of the screen is left for the desktop's own panels. */
      if (monitor != NULL)
        {
          gdk_monitor_get_geometry (monitor, &area);
          natural = MIN (natural, MAX (area.height * 9 / 10 - rest, MIN_FORM_HEIGHT));
        }
    }

  gtk_scrolled_window_set_min_content_height (scroller, natural);
  gtk_window_set_default_size (window, width, -1);
}

static void
show_add_error (HsLearnerChooser *self,
                const char       *message)
{
  gtk_label_set_label (self->add_error_label, message);
  gtk_widget_set_visible (self->add_error_box, message != NULL);
  fit_to_content (self->add_window, self->add_scroller);
}

static void
show_pin_error (HsLearnerChooser *self,
                const char       *message)
{
  gtk_label_set_label (self->pin_error_label, message);
  gtk_widget_set_visible (self->pin_error_box, message != NULL);
  fit_to_content (self->pin_window, self->pin_scroller);
}

static GtkWidget *
create_tile (HsLearner *learner)
{
  const char *name = hs_learner_get_name (learner);
  const char *role = hs_role_get_label (hs_learner_get_role (learner));
  g_autofree char *accessible_label = NULL;
  GtkWidget *tile;
  GtkWidget *box;
  GtkWidget *overlay;
  GtkWidget *avatar;
  GtkWidget *label;

  tile = gtk_flow_box_child_new ();
  gtk_widget_add_css_class (tile, "card");
  gtk_widget_add_css_class (tile, "activatable");
  gtk_widget_add_css_class (tile, "learner-tile");
  g_object_set_data_full (G_OBJECT (tile), "hs-learner", g_object_ref (learner), g_object_unref);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (tile), box);

  overlay = gtk_overlay_new ();
  gtk_widget_set_halign (overlay, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (overlay, 6);
  gtk_box_append (GTK_BOX (box), overlay);

  avatar = adw_avatar_new (96, name, TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), avatar);

  if (hs_learner_get_has_pin (learner))
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("system-lock-screen-symbolic");

      gtk_widget_set_halign (lock, GTK_ALIGN_END);
      gtk_widget_set_valign (lock, GTK_ALIGN_END);
      gtk_widget_add_css_class (lock, "pin-badge");
      gtk_widget_set_tooltip_text (lock, _("Protected with a PIN"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (lock),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Protected with a PIN"),
                                      -1);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), lock);
    }

  label = gtk_label_new (name);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_add_css_class (label, "avatar-label");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (role);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  /* A screen reader reads the tile as one thing: who, what work, and
   * whether a PIN will be asked for. */
  if (hs_learner_get_has_pin (learner))
    /* Translators: how a screen reader reads a tile: name, role */
    accessible_label = g_strdup_printf (_("%s, %s, protected with a PIN"), name, role);
  else
    /* Translators: how a screen reader reads a tile: name, role */
    accessible_label = g_strdup_printf (_("%s, %s"), name, role);
  gtk_accessible_update_property (GTK_ACCESSIBLE (tile),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  return tile;
}

static void
focus_first_tile (HsLearnerChooser *self)
{
  GtkFlowBoxChild *first = gtk_flow_box_get_child_at_index (self->flow_box, 0);

  /* Going through the flow box's own focus handling, rather than grabbing
   * the focus, also moves its cursor: Enter and the arrow keys then start
   * from this tile. */
  if (first != NULL && !gtk_widget_has_focus (GTK_WIDGET (first)))
    gtk_widget_child_focus (GTK_WIDGET (first), GTK_DIR_TAB_FORWARD);
}

static void
choose (HsLearnerChooser *self,
        HsLearner        *learner)
{
  /* Whoever handles the signal may reload us and drop the tile holding
   * the last reference. */
  g_autoptr(HsLearner) chosen = g_object_ref (learner);

  g_signal_emit (self, signals[LEARNER_CHOSEN], 0, chosen);
}

/* The PIN window */

static void
open_pin_window (HsLearnerChooser *self,
                 HsLearner        *learner)
{
  g_set_object (&self->pin_learner, learner);

  adw_avatar_set_text (self->pin_avatar, hs_learner_get_name (learner));
  gtk_label_set_label (self->pin_name_label, hs_learner_get_name (learner));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_window_set_transient_for (self->pin_window, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  show_pin_error (self, NULL);

  gtk_window_present (self->pin_window);
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
}

static void
pin_button_clicked_cb (HsLearnerChooser *self,
                       GtkButton        *button)
{
  HsProgress *progress = get_progress ();
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLearner) learner = NULL;

  if (self->pin_learner == NULL || progress == NULL)
    return;

  if (*pin == '\0')
    {
      show_pin_error (self, _("Type your PIN first, then press Continue."));
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      return;
    }

  if (!hs_progress_check_pin (progress, self->pin_learner, pin, &error))
    {
      /* Clearing the field lets them simply type the PIN again. */
      show_pin_error (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      return;
    }

  learner = g_steal_pointer (&self->pin_learner);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->pin_window), FALSE);
  choose (self, learner);
}

/* The "Add a Person" window */

static gboolean
get_chosen_role (HsLearnerChooser *self,
                 HsRole           *role)
{
  if (gtk_toggle_button_get_active (self->manager_button))
    *role = HS_ROLE_MANAGER;
  else if (gtk_toggle_button_get_active (self->teacher_button))
    *role = HS_ROLE_TEACHER;
  else if (gtk_toggle_button_get_active (self->staff_button))
    *role = HS_ROLE_STAFF;
  else
    return FALSE;
  return TRUE;
}

static void
open_add_window (HsLearnerChooser *self)
{
  g_clear_object (&self->pending_learner);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_pin_row), "");
  gtk_toggle_button_set_active (self->manager_button, FALSE);
  gtk_toggle_button_set_active (self->teacher_button, FALSE);
  gtk_toggle_button_set_active (self->staff_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), TRUE);
  gtk_widget_set_sensitive (self->role_box, TRUE);
  gtk_window_set_transient_for (self->add_window, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  show_add_error (self, NULL);

  gtk_window_present (self->add_window);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
add_form_changed_cb (HsLearnerChooser *self,
                     GtkWidget        *widget)
{
  /* Once they start fixing it, the old complaint only gets in the way. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->new_pin_row), "error");
  if (gtk_widget_get_visible (self->add_error_box))
    show_add_error (self, NULL);
}

static void
add_button_clicked_cb (HsLearnerChooser *self,
                       GtkButton        *button)
{
  HsProgress *progress = get_progress ();
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->new_pin_row));
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLearner) learner = NULL;
  HsRole role;

  if (progress == NULL)
    return;

  if (self->pending_learner == NULL)
    {
      if (!get_chosen_role (self, &role))
        {
          show_add_error (self, _("Choose the work this person does: it decides which courses they see."));
          gtk_widget_grab_focus (GTK_WIDGET (self->manager_button));
          return;
        }

      if (*pin != '\0' && !hs_pin_is_valid (pin))
        {
          show_add_error (self, _("A PIN is 4 to 6 digits. Type it again, or leave it empty."));
          gtk_widget_add_css_class (GTK_WIDGET (self->new_pin_row), "error");
          gtk_widget_grab_focus (GTK_WIDGET (self->new_pin_row));
          return;
        }

      learner = hs_progress_add_learner (progress, name, role, &error);
      if (learner == NULL)
        {
          show_add_error (self, error->message);
          gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
          gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
          return;
        }
    }
  else
    {
      learner = g_steal_pointer (&self->pending_learner);
    }

  if (*pin != '\0' && !hs_progress_set_pin (progress, learner, pin, &error))
    {
      g_autofree char *message = NULL;

      /* The person exists now: only the PIN is left to save.  Keeping the
       * name and role fixed makes a second try do exactly that. */
      message = g_strdup_printf (_("%s was added, but the PIN could not be saved: %s"),
                                 hs_learner_get_name (learner), error->message);
      show_add_error (self, message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      gtk_widget_set_sensitive (self->role_box, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->new_pin_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->new_pin_row));
      self->pending_learner = g_steal_pointer (&learner);
      hs_learner_chooser_reload (self);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->new_pin_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->add_window), FALSE);
  hs_learner_chooser_reload (self);
  choose (self, learner);
}

static void
child_activated_cb (HsLearnerChooser *self,
                    GtkFlowBoxChild  *tile,
                    GtkFlowBox       *flow_box)
{
  HsLearner *learner;

  if (tile == self->add_tile)
    {
      open_add_window (self);
      return;
    }

  learner = tile_get_learner (tile);
  g_return_if_fail (HS_IS_LEARNER (learner));

  if (hs_learner_get_has_pin (learner))
    open_pin_window (self, learner);
  else
    choose (self, learner);
}

static void
hs_learner_chooser_map (GtkWidget *widget)
{
  HsLearnerChooser *self = HS_LEARNER_CHOOSER (widget);

  GTK_WIDGET_CLASS (hs_learner_chooser_parent_class)->map (widget);

  focus_first_tile (self);
}

static void
hs_learner_chooser_dispose (GObject *object)
{
  HsLearnerChooser *self = (HsLearnerChooser *)object;

  /* The two small windows are toplevels: nothing else would destroy them. */
  if (self->add_window != NULL)
    gtk_window_destroy (self->add_window);
  if (self->pin_window != NULL)
    gtk_window_destroy (self->pin_window);

  /* AdwBin unparents its child in its own dispose; letting the template
   * do it first would leave AdwBin a dangling pointer. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_LEARNER_CHOOSER);

  g_clear_object (&self->pin_learner);
  g_clear_object (&self->pending_learner);

  G_OBJECT_CLASS (hs_learner_chooser_parent_class)->dispose (object);
}

static void
hs_learner_chooser_class_init (HsLearnerChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_learner_chooser_dispose;
  widget_class->map = hs_learner_chooser_map;

  /**
   * HsLearnerChooser::learner-chosen:
   * @learner: who is learning now
   *
   * A tile was picked (and its PIN, if any, was right), or a new person
   * was added.
   */
  signals[LEARNER_CHOSEN] =
    g_signal_new ("learner-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HS_TYPE_LEARNER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-learner-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, status_page);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, flow_box);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, add_tile);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, add_window);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, add_scroller);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, name_row);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, role_box);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, manager_button);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, teacher_button);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, staff_button);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, manager_label);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, teacher_label);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, staff_label);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, new_pin_row);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, add_error_box);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, add_error_label);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, pin_window);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, pin_scroller);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, pin_avatar);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, pin_name_label);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, pin_row);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, pin_error_box);
  gtk_widget_class_bind_template_child (widget_class, HsLearnerChooser, pin_error_label);
  gtk_widget_class_bind_template_callback (widget_class, child_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pin_button_clicked_cb);
}

static void
hs_learner_chooser_init (HsLearnerChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_label_set_label (self->manager_label, hs_role_get_label (HS_ROLE_MANAGER));
  gtk_label_set_label (self->teacher_label, hs_role_get_label (HS_ROLE_TEACHER));
  gtk_label_set_label (self->staff_label, hs_role_get_label (HS_ROLE_STAFF));
  setup_pin_row (self->new_pin_row);
  setup_pin_row (self->pin_row);

  hs_learner_chooser_reload (self);
}

GtkWidget *
hs_learner_chooser_new (void)
{
  return g_object_new (HS_TYPE_LEARNER_CHOOSER, NULL);
}

/**
 * hs_learner_chooser_reload:
 *
 * Rebuilds the tiles from the learners on this PC, the last one to learn
 * here first.
 */
void
hs_learner_chooser_reload (HsLearnerChooser *self)
{
  HsProgress *progress;
  g_autoptr(GPtrArray) learners = NULL;
  g_autoptr(HsLearner) last = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  int position = 0;

  g_return_if_fail (HS_IS_LEARNER_CHOOSER (self));

  /* Everything but the "Add a Person" tile goes. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL &&
         child != GTK_WIDGET (self->add_tile))
    gtk_flow_box_remove (self->flow_box, child);

  progress = get_progress ();
  if (progress != NULL)
    {
      learners = hs_progress_list_learners (progress, &error);
      if (learners == NULL)
        g_warning ("Could not list the learners: %s", error->message);
      last = hs_progress_get_last_learner (progress);
    }

  if (last != NULL && learners != NULL)
    {
      for (guint i = 0; i < learners->len; i++)
        {
          HsLearner *learner = g_ptr_array_index (learners, i);

          if (hs_learner_get_id (learner) == hs_learner_get_id (last))
            gtk_flow_box_insert (self->flow_box, create_tile (learner), position++);
        }
    }

  for (guint i = 0; learners != NULL && i < learners->len; i++)
    {
      HsLearner *learner = g_ptr_array_index (learners, i);

      if (last == NULL || hs_learner_get_id (learner) != hs_learner_get_id (last))
        gtk_flow_box_insert (self->flow_box, create_tile (learner), position++);
    }

  /* A flow box asks for as many columns as it may have, not as it has
   * tiles; without this a few tiles would sit left of the centre. */
  gtk_flow_box_set_max_children_per_line (self->flow_box, CLAMP (position + 1, 1, MAX_COLUMNS));

  if (error != NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->status_page, _("The List of People Could Not Be Read"));
      adw_status_page_set_description (self->status_page,
                                       _("Please tell whoever looks after this computer."));
    }
  else if (position == 0)
    {
      adw_status_page_set_icon_name (self->status_page, APP_ID);
      adw_status_page_set_title (self->status_page, _("Welcome to Học Số"));
      adw_status_page_set_description (self->status_page,
                                       _("Learn digital skills at your own pace, even without the Internet. "
                                         "To begin, add the person who will learn on this computer."));
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, NULL);
      adw_status_page_set_title (self->status_page, _("Choose Your Name"));
      adw_status_page_set_description (self->status_page,
                                       _("Your lessons and progress are kept under your name."));
    }

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    focus_first_tile (self);
}
