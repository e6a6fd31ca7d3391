/* hs-admin-pin-dialog.c — asks for the admin PIN, or sets it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One dialog for the three ways the principal meets the PIN: the first
 * time (choose one, type it twice), every later time (enter it), and from
 * the school's settings (choose a new one).  A wrong PIN leaves the dialog
 * open with the reason under the entry; "done" is emitted once the school
 * is unlocked, then the dialog closes itself.
 */
#define G_LOG_DOMAIN "hs-admin-pin-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-admin-pin-dialog.h"

typedef enum {
  MODE_ENTER,
  MODE_CREATE,
  MODE_CHANGE,
} Mode;

struct _HsAdminPinDialog
{
  AdwWindow         parent_instance;

  GtkLabel         *title_label;
  GtkLabel         *body_label;
  GtkPasswordEntry *pin_entry;
  GtkPasswordEntry *again_entry;
  GtkLabel         *error_label;
  GtkButton        *ok_button;

  HsSchool         *school;
  Mode              mode;
};

G_DEFINE_FINAL_TYPE (HsAdminPinDialog, hs_admin_pin_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (HsAdminPinDialog *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->again_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

static void
ok_clicked_cb (HsAdminPinDialog *self,
               GtkButton        *button)
{
  g_autoptr(GError) error = NULL;
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_entry));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->again_entry));

  if (self->mode == MODE_ENTER)
    {
      if (!hs_school_unlock (self->school, pin, &error))
        {
          show_error (self, error->message);
          return;
        }
    }
  else
    {
      if (!hs_school_admin_pin_is_valid (pin))
        {
          g_autofree char *message = g_strdup_printf (_("An admin PIN is %d to %d digits."),
                                                      HS_SCHOOL_ADMIN_PIN_MIN_DIGITS,
                                                      HS_SCHOOL_ADMIN_PIN_MAX_DIGITS);
          show_error (self, message);
          return;
        }
      if (!g_str_equal (pin, again))
        {
          show_error (self, _("The two PINs are not the same. Type them again."));
          return;
        }
      if (!hs_school_set_admin_pin (self->school, pin, &error))
        {
          show_error (self, error->message);
          return;
        }
    }

  g_signal_emit (self, signals[DONE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
hs_admin_pin_dialog_dispose (GObject *object)
{
  HsAdminPinDialog *self = (HsAdminPinDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_ADMIN_PIN_DIALOG);
  g_clear_object (&self->school);

  G_OBJECT_CLASS (hs_admin_pin_dialog_parent_class)->dispose (object);
}

static void
hs_admin_pin_dialog_class_init (HsAdminPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_admin_pin_dialog_dispose;

  /**
   * HsAdminPinDialog::done:
   *
   * The PIN was right, or the new one is set: the school is unlocked.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-admin-pin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HsAdminPinDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, HsAdminPinDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, HsAdminPinDialog, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, HsAdminPinDialog, again_entry);
  gtk_widget_class_bind_template_child (widget_class, HsAdminPinDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, HsAdminPinDialog, ok_button);
  gtk_widget_class_bind_template_callback (widget_class, ok_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hs_admin_pin_dialog_init (HsAdminPinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hs_admin_pin_dialog_new:
 * @change: choose a new PIN (the school must be unlocked)
 *
 * Without @change: sets the PIN on first use, else asks for it.
 */
GtkWidget *
hs_admin_pin_dialog_new (GtkWindow *parent,
                         HsSchool  *school,
                         gboolean   change)
{
  HsAdminPinDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HS_IS_SCHOOL (school), NULL);

  self = g_object_new (HS_TYPE_ADMIN_PIN_DIALOG, "transient-for", parent, NULL);
  self->school = g_object_ref (school);
  self->mode = change ? MODE_CHANGE : hs_school_has_admin_pin (school) ? MODE_ENTER : MODE_CREATE;

  switch (self->mode)
    {
    case MODE_ENTER:
      gtk_label_set_label (self->title_label, _("School Administration"));
      gtk_label_set_label (self->body_label, _("Enter the admin PIN to see the report and the school’s settings."));
      gtk_button_set_label (self->ok_button, _("_Open"));
      break;
    case MODE_CREATE:
      gtk_label_set_label (self->title_label, _("Choose an Admin PIN"));
      gtk_label_set_label (self->body_label,
                           _("The report and the school’s settings are kept behind a PIN of 6 to 12 digits. "
                             "Choose one the principal will remember, and keep it to yourself."));
      gtk_button_set_label (self->ok_button, _("_Save PIN"));
      break;
    case MODE_CHANGE:
    default:
      gtk_label_set_label (self->title_label, _("Change the Admin PIN"));
      gtk_label_set_label (self->body_label, _("Type the new PIN of 6 to 12 digits twice."));
      gtk_button_set_label (self->ok_button, _("_Save PIN"));
      break;
    }
  g_object_set (self->pin_entry, "placeholder-text",
                self->mode == MODE_ENTER ? _("Admin PIN") : _("New PIN"), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->again_entry), self->mode != MODE_ENTER);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->ok_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));

  return GTK_WIDGET (self);
}
