/* hs-school-window.c — the school's settings, once the admin PIN is given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opened from the report page, which is only reached through the admin PIN;
 * every change goes straight to HsSchool or HsKeyring, which refuse it
 * (shown as a toast) should the school have been locked meanwhile.  Rows
 * that depend on the records — the targets, the installed courses, the
 * trusted keys — are built in code and rebuilt after each change.
 */
#define G_LOG_DOMAIN "hs-school-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-admin-pin-dialog.h"
#include "hs-application.h"
#include "hs-school-window.h"

struct _HsSchoolWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *name_row;
  AdwEntryRow          *unit_row;
  AdwEntryRow          *principal_row;
  AdwEntryRow          *title_row;
  AdwActionRow         *logo_row;
  AdwActionRow         *signature_row;
  GtkWidget            *remove_logo_button;
  GtkWidget            *remove_signature_button;
  AdwPreferencesGroup  *targets_group;
  AdwPreferencesGroup  *courses_group;
  GtkSwitch            *default_switch;
  AdwPreferencesGroup  *keys_group;
  AdwActionRow         *own_key_row;

  GPtrArray            *target_rows;
  GPtrArray            *course_rows;   /* with "course-id" data and a check button */
  GPtrArray            *key_rows;
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (HsSchoolWindow, hs_school_window, ADW_TYPE_PREFERENCES_WINDOW)

static HsSchool *
school (void)
{
  return hs_application_get_school (HS_APPLICATION_DEFAULT);
}

static void
toast (HsSchoolWindow *self,
       const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* The texts. */

static HsSchoolField
field_of (HsSchoolWindow *self,
          AdwEntryRow    *row)
{
  if (row == self->unit_row)
    return HS_SCHOOL_UNIT;
  if (row == self->principal_row)
    return HS_SCHOOL_PRINCIPAL_NAME;
  if (row == self->title_row)
    return HS_SCHOOL_PRINCIPAL_TITLE;
  return HS_SCHOOL_NAME;
}

static void
fill_texts (HsSchoolWindow *self)
{
  AdwEntryRow *rows[] = { self->name_row, self->unit_row, self->principal_row, self->title_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = hs_school_get_text (school (), field_of (self, rows[i]));

      gtk_editable_set_text (GTK_EDITABLE (rows[i]), value);
    }
}

static void
text_applied_cb (HsSchoolWindow *self,
                 AdwEntryRow    *row)
{
  g_autoptr(GError) error = NULL;

  if (!hs_school_set_text (school (), field_of (self, row), gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      toast (self, error->message);
      return;
    }
  /* Shown as stored: trimmed, and the default title back when cleared. */
  fill_texts (self);
  toast (self, _("Saved."));
}

/* The pictures. */

static void
fill_images (HsSchoolWindow *self)
{
  struct {
    HsSchoolImage  image;
    AdwActionRow  *row;
    GtkWidget     *remove;
  } images[] = {
    { HS_SCHOOL_IMAGE_LOGO, self->logo_row, self->remove_logo_button },
    { HS_SCHOOL_IMAGE_SIGNATURE, self->signature_row, self->remove_signature_button },
  };

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      g_autofree char *path = hs_school_get_image_path (school (), images[i].image);

      adw_action_row_set_subtitle (images[i].row, path != NULL ? _("Set: printed on certificates and the report")
                                                               : _("None"));
      gtk_widget_set_visible (images[i].remove, path != NULL);
    }
}

static void
image_chosen_cb (GtkNativeDialog *dialog,
                 int              response,
                 HsSchoolWindow  *self)
{
  HsSchoolImage image = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "image"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !hs_school_set_image (school (), image, path, &error))
        toast (self, error ? error->message : _("Choose a file on this computer."));
      else
        toast (self, _("Saved."));
      fill_images (self);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_image (HsSchoolWindow *self,
              HsSchoolImage   image)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (image == HS_SCHOOL_IMAGE_LOGO ? _("Choose the School Logo")
                                                                       : _("Choose the Principal’s Signature"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PNG or SVG pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_pattern (filter, "*.png");
  gtk_file_filter_add_pattern (filter, "*.svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "image", GINT_TO_POINTER (image));
  g_signal_connect (dialog, "response", G_CALLBACK (image_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
remove_image (HsSchoolWindow *self,
              HsSchoolImage   image)
{
  g_autoptr(GError) error = NULL;

  if (!hs_school_set_image (school (), image, NULL, &error))
    toast (self, error->message);
  fill_images (self);
}

static void
choose_logo_cb (HsSchoolWindow *self,
                GtkButton      *button)
{
  choose_image (self, HS_SCHOOL_IMAGE_LOGO);
}

static void
choose_signature_cb (HsSchoolWindow *self,
                     GtkButton      *button)
{
  choose_image (self, HS_SCHOOL_IMAGE_SIGNATURE);
}

static void
remove_logo_cb (HsSchoolWindow *self,
                GtkButton      *button)
{
  remove_image (self, HS_SCHOOL_IMAGE_LOGO);
}

static void
remove_signature_cb (HsSchoolWindow *self,
                     GtkButton      *button)
{
  remove_image (self, HS_SCHOOL_IMAGE_SIGNATURE);
}

/* The targets. */

static void fill_targets (HsSchoolWindow *self);

static void
set_target (HsSchoolWindow *self,
            int             year,
            int             percent)
{
  g_autoptr(GError) error = NULL;

  if (!hs_school_set_target (school (), year, percent, &error))
    toast (self, error->message);
}

static void
target_changed_cb (GtkSpinButton  *spin,
                   HsSchoolWindow *self)
{
  if (!self->filling)
    set_target (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "year")),
                gtk_spin_button_get_value_as_int (spin));
}

static void
remove_target_cb (GtkButton      *button,
                  HsSchoolWindow *self)
{
  set_target (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "year")), 0);
  fill_targets (self);
}

static void
fill_targets (HsSchoolWindow *self)
{
  g_autoptr(GArray) targets = hs_school_list_targets (school ());

  self->filling = TRUE;
  clear_rows (self->targets_group, self->target_rows);
  for (guint i = 0; i < targets->len; i++)
    {
      const HsSchoolTarget *target = &g_array_index (targets, HsSchoolTarget, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (1, 100, 1);
      GtkWidget *percent = gtk_label_new ("%");
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: a target's row, "Year 2025" */
      g_autofree char *title = g_strdup_printf (_("Year %d"), target->year);
      g_autofree char *remove_text = g_strdup_printf (_("Remove the target of %d"), target->year);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), target->percent);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_object_set_data (G_OBJECT (spin), "year", GINT_TO_POINTER (target->year));
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (target_changed_cb), self, 0);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_text);
      g_object_set_data (G_OBJECT (remove), "year", GINT_TO_POINTER (target->year));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_target_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), percent);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->targets_group, row);
      g_ptr_array_add (self->target_rows, row);
    }
  self->filling = FALSE;
}

static void
add_target_cb (HsSchoolWindow *self,
               GtkButton      *button)
{
  g_autoptr(GArray) targets = hs_school_list_targets (school ());
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  if (targets->len > 0)
    year = MAX (year, g_array_index (targets, HsSchoolTarget, targets->len - 1).year + 1);
  set_target (self, year, 100);
  fill_targets (self);
}

/* The courses that count. */

static void fill_courses (HsSchoolWindow *self);

static void
save_chosen_courses (HsSchoolWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->course_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->course_rows, i);
      GtkCheckButton *check = g_object_get_data (row, "check");

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (row, "course-id"));
    }
  ids = g_strv_builder_end (builder);
  if (!hs_school_set_level_courses (school (), (const char * const *) ids, &error))
    {
      toast (self, error->message);
      fill_courses (self);
    }
}

static void
course_toggled_cb (GtkCheckButton *check,
                   HsSchoolWindow *self)
{
  if (!self->filling)
    save_chosen_courses (self);
}

static void
default_toggled_cb (HsSchoolWindow *self,
                    GParamSpec     *pspec,
                    GtkSwitch      *toggle)
{
  g_autoptr(GError) error = NULL;

  if (self->filling)
    return;
  /* Leaving the default starts from what it counted, so nothing changes
   * until a box is ticked or cleared. */
  if (gtk_switch_get_active (self->default_switch))
    {
      if (!hs_school_set_level_courses (school (), NULL, &error))
        toast (self, error->message);
    }
  else
    save_chosen_courses (self);
  fill_courses (self);
}

static void
fill_courses (HsSchoolWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) installed = hs_library_list (hs_application_get_library (HS_APPLICATION_DEFAULT), &error);
  g_auto(GStrv) chosen = hs_school_get_level_courses (school ());

  self->filling = TRUE;
  gtk_switch_set_active (self->default_switch, chosen == NULL);
  clear_rows (self->courses_group, self->course_rows);
  for (guint i = 0; installed != NULL && i < installed->len; i++)
    {
      HsCourse *course = g_ptr_array_index (installed, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean counts = chosen ? g_strv_contains ((const char * const *) chosen, hs_course_get_id (course))
                               : hs_course_get_certificate_enabled (course);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hs_course_get_title (course));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hs_course_get_certificate_enabled (course)
                                                         ? _("Gives a certificate") : _("No certificate"));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), counts);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (row, chosen != NULL);
      g_object_set_data_full (G_OBJECT (row), "course-id", g_strdup (hs_course_get_id (course)), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (course_toggled_cb), self, 0);
      adw_preferences_group_add (self->courses_group, row);
      g_ptr_array_add (self->course_rows, row);
    }
  self->filling = FALSE;
}

/* The keys. */

static void fill_keys (HsSchoolWindow *self);

static HsKeyring *
keyring (HsSchoolWindow *self)
{
  g_autoptr(GError) error = NULL;
  HsKeyring *keyring = hs_application_get_keyring (HS_APPLICATION_DEFAULT, &error);

  if (keyring == NULL)
    toast (self, error->message);
  return keyring;
}

static void
remove_key_cb (GtkButton      *button,
               HsSchoolWindow *self)
{
  g_autoptr(GError) error = NULL;
  HsKeyring *ring = keyring (self);

  if (ring != NULL && !hs_keyring_remove_trusted (ring, g_object_get_data (G_OBJECT (button), "fingerprint"), &error))
    toast (self, error->message);
  fill_keys (self);
}

static void
fill_keys (HsSchoolWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *own = NULL;
  HsKeyring *ring = keyring (self);

  clear_rows (self->keys_group, self->key_rows);
  if (ring == NULL)
    return;
  own = hs_keyring_format_fingerprint (hs_keyring_get_fingerprint (ring));
  adw_action_row_set_subtitle (self->own_key_row, own);

  keys = hs_keyring_list_trusted (ring, &error);
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      HsTrustedKey *key = g_ptr_array_index (keys, i);
      g_autofree char *shown = hs_keyring_format_fingerprint (key->fingerprint);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), key->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Stop trusting this key"));
      g_object_set_data_full (G_OBJECT (remove), "fingerprint", g_strdup (key->fingerprint), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_key_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->keys_group, row);
      g_ptr_array_add (self->key_rows, row);
    }
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    HsSchoolWindow  *self)
{
  HsKeyring *ring = response == GTK_RESPONSE_ACCEPT ? keyring (self) : NULL;

  if (ring != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = hs_school_get_text (school (), HS_SCHOOL_NAME);
      g_autofree char *text = hs_keyring_export (ring, name);
      g_autoptr(GError) error = NULL;

      if (g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
        toast (self, _("Saved. Give this file to the other school, on a USB stick or by message."));
      else
        toast (self, error->message);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_key_cb (HsSchoolWindow *self,
               GtkButton      *button)
{
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (_("Save This PC’s Key"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  /* Translators: the file name offered for the key file */
  name = g_strdup_printf ("%s.txt", _("Học Số key"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    HsSchoolWindow  *self)
{
  HsKeyring *ring = response == GTK_RESPONSE_ACCEPT ? keyring (self) : NULL;

  if (ring != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autoptr(HsTrustedKey) key = NULL;
      g_autofree char *text = NULL;
      gsize length = 0;

      if (g_file_load_contents (file, NULL, &text, &length, NULL, &error))
        key = hs_keyring_import (ring, text, NULL, &error);
      if (key == NULL)
        toast (self, error->message);
      else
        {
          g_autofree char *shown = hs_keyring_format_fingerprint (key->fingerprint);
          /* Translators: %s is a school's name, %s its key's code */
          g_autofree char *message = g_strdup_printf (_("Now trusting %s, key %s. Check that the other PC shows the same code."),
                                                      key->label, shown);

          toast (self, message);
        }
      fill_keys (self);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
import_key_cb (HsSchoolWindow *self,
               AdwActionRow   *row)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Trust Another School’s Key"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Trust"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The PIN. */

static void
pin_changed_cb (HsSchoolWindow   *self,
                HsAdminPinDialog *dialog)
{
  toast (self, _("The admin PIN is changed."));
}

static void
change_pin_cb (HsSchoolWindow *self,
               AdwActionRow   *row)
{
  GtkWidget *dialog = hs_admin_pin_dialog_new (GTK_WINDOW (self), school (), TRUE);

  g_signal_connect_object (dialog, "done", G_CALLBACK (pin_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hs_school_window_dispose (GObject *object)
{
  HsSchoolWindow *self = (HsSchoolWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_SCHOOL_WINDOW);
  g_clear_pointer (&self->target_rows, g_ptr_array_unref);
  g_clear_pointer (&self->course_rows, g_ptr_array_unref);
  g_clear_pointer (&self->key_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hs_school_window_parent_class)->dispose (object);
}

static void
hs_school_window_class_init (HsSchoolWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_school_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-school-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, principal_row);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, signature_row);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, remove_logo_button);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, remove_signature_button);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, targets_group);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, courses_group);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, default_switch);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, keys_group);
  gtk_widget_class_bind_template_child (widget_class, HsSchoolWindow, own_key_row);
  gtk_widget_class_bind_template_callback (widget_class, text_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_logo_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_signature_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_logo_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_signature_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_target_cb);
  gtk_widget_class_bind_template_callback (widget_class, default_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_pin_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_key_cb);
}

static void
hs_school_window_init (HsSchoolWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->target_rows = g_ptr_array_new ();
  self->course_rows = g_ptr_array_new ();
  self->key_rows = g_ptr_array_new ();
}

GtkWidget *
hs_school_window_new (GtkWindow *parent)
{
  HsSchoolWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (HS_TYPE_SCHOOL_WINDOW, "transient-for", parent, NULL);
  if (HS_APPLICATION_DEFAULT != NULL)
    {
      fill_texts (self);
      fill_images (self);
      fill_targets (self);
      fill_courses (self);
      fill_keys (self);
    }
  return GTK_WIDGET (self);
}
