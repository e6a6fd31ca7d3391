/* hs-window.c — the main window: learner chooser, library, course, lesson
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-admin-pin-dialog.h"
#include "hs-course-page.h"
#include "hs-learner-chooser.h"
#include "hs-lesson-page.h"
#include "hs-library-page.h"
#include "hs-report-page.h"
#include "hs-window.h"

struct _HsWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkStack             *stack;
  HsLearnerChooser     *learner_chooser;
  HsLibraryPage        *library_page;
  HsCoursePage         *course_page;
  HsLessonPage         *lesson_page;
  HsReportPage         *report_page;

  HsLearner            *learner;
};

G_DEFINE_FINAL_TYPE (HsWindow, hs_window, ADW_TYPE_APPLICATION_WINDOW)

static HsApplication *
get_app (HsWindow *self)
{
  return HS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
show_page (HsWindow   *self,
           const char *name,
           const char *title,
           const char *subtitle)
{
  gboolean chooser = g_str_equal (name, "chooser");
  gboolean library = g_str_equal (name, "library");

  gtk_stack_set_visible_child_name (self->stack, name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
  gtk_widget_set_visible (self->back_button, !chooser && !library);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !chooser);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-learner", !chooser);
}

static void
leave_lesson (HsWindow *self)
{
  hs_lesson_page_close (self->lesson_page);
}

void
hs_window_show_learner_chooser (HsWindow *self)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  leave_lesson (self);
  hs_learner_chooser_reload (self->learner_chooser);
  show_page (self, "chooser", _("Who is learning?"), NULL);
}

void
hs_window_show_library (HsWindow *self)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  g_return_if_fail (self->learner != NULL);

  leave_lesson (self);
  hs_library_page_set_learner (self->library_page, self->learner);
  show_page (self, "library", _("Courses"), hs_learner_get_name (self->learner));
}

void
hs_window_show_course (HsWindow   *self,
                       const char *course_id)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  g_return_if_fail (self->learner != NULL);

  leave_lesson (self);
  hs_course_page_set_course (self->course_page, course_id, self->learner);
  if (hs_course_page_get_course_id (self->course_page) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The course “%s” is not installed."), course_id);

      hs_window_add_toast (self, message);
      hs_window_show_library (self);
      return;
    }
  show_page (self, "course", hs_course_page_get_title (self->course_page), hs_learner_get_name (self->learner));
}

void
hs_window_open_lesson (HsWindow   *self,
                       const char *course_id,
                       const char *lesson_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HS_IS_WINDOW (self));
  g_return_if_fail (self->learner != NULL);

  /* The course page stays ready underneath, for Back. */
  hs_course_page_set_course (self->course_page, course_id, self->learner);
  if (!hs_lesson_page_open (self->lesson_page, self->learner, course_id, lesson_id, &error))
    {
      hs_window_add_toast (self, error->message);
      return;
    }
  show_page (self, "lesson", hs_lesson_page_get_title (self->lesson_page),
             hs_course_page_get_title (self->course_page));
}

void
hs_window_add_toast (HsWindow   *self,
                     const char *message)
{
  AdwToast *toast;

  g_return_if_fail (HS_IS_WINDOW (self));

  /* A toast's title is Pango markup; messages are plain text (course
   * titles, file names, errors). */
  {
    g_autofree char *escaped = g_markup_escape_text (message, -1);
    toast = adw_toast_new (escaped);
  }
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

HsLearner *
hs_window_get_learner (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return self->learner;
}

void
hs_window_set_learner (HsWindow  *self,
                       HsLearner *learner)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HS_IS_WINDOW (self));
  g_return_if_fail (HS_IS_LEARNER (learner));

  g_set_object (&self->learner, learner);
  if (!hs_progress_set_last_learner (hs_application_get_progress (get_app (self)), learner, &error))
    g_warning ("Could not remember the last learner: %s", error->message);
  hs_window_show_library (self);
}

void
hs_window_import_file (HsWindow *self,
                       GFile    *file)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  if (self->learner == NULL)
    {
      hs_window_add_toast (self, _("Choose who is learning first, then import the course."));
      return;
    }
  hs_window_show_library (self);
  hs_library_page_import (self->library_page, file);
}

/* Which page shows: "chooser", "library", "course", "lesson" or "report". */
const char *
hs_window_get_page_name (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
hs_window_get_report_page (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->report_page);
}

GtkWidget *
hs_window_get_lesson_page (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->lesson_page);
}

static void
learner_chosen_cb (HsWindow         *self,
                   HsLearner        *learner,
                   HsLearnerChooser *chooser)
{
  hs_window_set_learner (self, learner);
}

static void
course_activated_cb (HsWindow      *self,
                     const char    *course_id,
                     HsLibraryPage *page)
{
  hs_window_show_course (self, course_id);
}

static void
result_activated_cb (HsWindow      *self,
                     const char    *course_id,
                     const char    *lesson_id,
                     const char    *query,
                     HsLibraryPage *page)
{
  hs_lesson_page_set_find (self->lesson_page, query);
  hs_window_open_lesson (self, course_id, lesson_id);
}

static void
continue_activated_cb (HsWindow      *self,
                       const char    *course_id,
                       const char    *lesson_id,
                       HsLibraryPage *page)
{
  hs_window_open_lesson (self, course_id, lesson_id);
}

static void
lesson_activated_cb (HsWindow     *self,
                     const char   *course_id,
                     const char   *lesson_id,
                     HsCoursePage *page)
{
  hs_window_open_lesson (self, course_id, lesson_id);
}

static void
course_removed_cb (HsWindow     *self,
                   const char   *course_id,
                   HsCoursePage *page)
{
  hs_application_library_changed (get_app (self));
  hs_window_show_library (self);
}

static void
admin_unlocked_cb (HsWindow         *self,
                   HsAdminPinDialog *dialog)
{
  hs_window_show_report (self);
}

/* The principal's report; the admin PIN is asked for (or chosen, the
 * first time) unless the school is unlocked already in this run. */
void
hs_window_show_report (HsWindow *self)
{
  HsSchool *school;
  g_autofree char *name = NULL;

  g_return_if_fail (HS_IS_WINDOW (self));

  school = hs_application_get_school (get_app (self));
  if (!hs_school_get_unlocked (school))
    {
      GtkWidget *dialog = hs_admin_pin_dialog_new (GTK_WINDOW (self), school, FALSE);

      g_signal_connect_object (dialog, "done", G_CALLBACK (admin_unlocked_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  leave_lesson (self);
  hs_report_page_reload (self->report_page);
  name = hs_school_get_text (school, HS_SCHOOL_NAME);
  show_page (self, "report", _("School Report"), name);
}

static void
leave_report (HsWindow *self)
{
  if (self->learner != NULL)
    hs_window_show_library (self);
  else
    hs_window_show_learner_chooser (self);
}

static void
report_locked_cb (HsWindow     *self,
                  HsReportPage *page)
{
  hs_window_add_toast (self, _("Locked. The admin PIN is needed to open the report again."));
  leave_report (self);
}

static void
admin_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  hs_window_show_report (HS_WINDOW (widget));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HsWindow *self = HS_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (page, "lesson"))
    {
      const char *course_id = hs_course_page_get_course_id (self->course_page);

      if (course_id != NULL)
        {
          g_autofree char *id = g_strdup (course_id);
          hs_window_show_course (self, id);
          return;
        }
    }
  if (g_str_equal (page, "lesson") || g_str_equal (page, "course"))
    hs_window_show_library (self);
  if (g_str_equal (page, "report"))
    leave_report (self);
}

static void
switch_learner_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HsWindow *self = HS_WINDOW (widget);

  g_clear_object (&self->learner);
  hs_window_show_learner_chooser (self);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    HsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      hs_window_import_file (self, file);
    }
  g_object_unref (dialog);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HsWindow *self = HS_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) packages = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  const char * const patterns[] = { "*.zip", "*.tar.gz", "*.tgz", "*.tar.xz", "*.txz", "*.tar", "*.7z", NULL };

  dialog = gtk_file_chooser_native_new (_("Import a Course"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (packages, _("Course packages"));
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (packages, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), packages);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         HsWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    hs_window_import_file (self, l->data);
  g_slist_free (files);
  return TRUE;
}

static void
library_changed_cb (HsWindow      *self,
                    HsApplication *app)
{
  hs_library_page_reload (self->library_page);
}

static gboolean
close_request_cb (GtkWindow *window,
                  gpointer   user_data)
{
  HsWindow *self = HS_WINDOW (window);
  GSettings *settings = hs_application_get_settings (get_app (self));
  int width, height;

  /* Saves the lesson's place before the window goes. */
  leave_lesson (self);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  return FALSE;
}

/* Runs once the window belongs to the application, which "application"
 * set after construction does not guarantee in constructed(). */
static void
setup (HsWindow *self)
{
  HsApplication *app = get_app (self);
  GSettings *settings = hs_application_get_settings (app);
  GtkDropTarget *drop;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (app, "library-changed", G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  hs_window_show_learner_chooser (self);
}

static void
hs_window_dispose (GObject *object)
{
  HsWindow *self = (HsWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_WINDOW);
  g_clear_object (&self->learner);

  G_OBJECT_CLASS (hs_window_parent_class)->dispose (object);
}

static void
hs_window_class_init (HsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_window_dispose;

  g_type_ensure (HS_TYPE_LEARNER_CHOOSER);
  g_type_ensure (HS_TYPE_LIBRARY_PAGE);
  g_type_ensure (HS_TYPE_COURSE_PAGE);
  g_type_ensure (HS_TYPE_LESSON_PAGE);
  g_type_ensure (HS_TYPE_REPORT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, learner_chooser);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, library_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, course_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, lesson_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, report_page);
  gtk_widget_class_bind_template_callback (widget_class, learner_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, course_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, course_removed_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_locked_cb);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.switch-learner", NULL, switch_learner_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.admin", NULL, admin_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
}

static void
hs_window_init (HsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HsWindow *
hs_window_new (HsApplication *application)
{
  HsWindow *self = g_object_new (HS_TYPE_WINDOW, "application", application, NULL);

  setup (self);
  return self;
}
