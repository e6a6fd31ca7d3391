/* hs-course-page.c — one course: summary, modules and lessons with status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is filled again on each hs_course_page_set_course(), which the
 * window calls whenever the course comes into view or a lesson of it opens,
 * so what it shows is never older than the last lesson the learner left.
 */
#define G_LOG_DOMAIN "hs-course-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-application.h"
#include "hs-certificate.h"
#include "hs-course-page.h"
#include "hs-window.h"

struct _HsCoursePage
{
  AdwBin             parent_instance;

  GtkImage          *cover_placeholder;
  GtkPicture        *cover_picture;
  GtkLabel          *title_label;
  GtkLabel          *summary_label;
  AdwActionRow      *version_row;
  AdwActionRow      *installed_row;
  AdwActionRow      *size_row;
  AdwActionRow      *source_row;
  GtkWidget         *minutes_box;
  GtkLabel          *minutes_label;
  GtkWidget         *audience_box;
  GtkLabel          *audience_label;
  GtkProgressBar    *progress_bar;
  GtkWidget         *completed_badge;
  GtkWidget         *primary_button;
  AdwButtonContent  *primary_content;
  GtkLabel          *next_label;
  GtkWidget         *certificate_box;
  GtkLabel          *certificate_label;
  GtkWidget         *certificate_button;
  GtkBox            *modules_box;

  HsCourse          *course;
  HsLearner         *learner;
  char              *id;
  char              *title;
  char              *cover_path;
  char              *primary_lesson_id;
};

G_DEFINE_FINAL_TYPE (HsCoursePage, hs_course_page, ADW_TYPE_BIN)

enum {
  LESSON_ACTIVATED,
  COURSE_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static HsApplication *
app (void)
{
  return HS_APPLICATION_DEFAULT;
}

static void
toast (HsCoursePage *self,
       const char   *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (HS_IS_WINDOW (root))
    hs_window_add_toast (HS_WINDOW (root), message);
}

static const char *
audience_text (guint audience)
{
  switch (audience & HS_AUDIENCE_ALL)
    {
    case 1u << HS_ROLE_MANAGER:
      return _("For managers");
    case 1u << HS_ROLE_TEACHER:
      return _("For teachers");
    case 1u << HS_ROLE_STAFF:
      return _("For staff");
    case (1u << HS_ROLE_MANAGER) | (1u << HS_ROLE_TEACHER):
      return _("For managers and teachers");
    case (1u << HS_ROLE_MANAGER) | (1u << HS_ROLE_STAFF):
      return _("For managers and staff");
    case (1u << HS_ROLE_TEACHER) | (1u << HS_ROLE_STAFF):
      return _("For teachers and staff");
    default:
      return _("For everyone: managers, teachers and staff");
    }
}

static const char *
kind_text (HsLessonKind kind)
{
  switch (kind)
    {
    case HS_LESSON_KIND_VIDEO:
      return _("Video");
    case HS_LESSON_KIND_QUIZ:
      return _("Quiz");
    case HS_LESSON_KIND_WALKTHROUGH:
      return _("Step-by-step practice");
    case HS_LESSON_KIND_SCO:
      return _("Interactive lesson");
    case HS_LESSON_KIND_DOCUMENT:
      return _("Document");
    case HS_LESSON_KIND_PAGE:
    case HS_LESSON_KIND_TEXT:
    default:
      return _("Reading");
    }
}

static void
emit_lesson_activated (HsCoursePage *self,
                       const char   *lesson_id)
{
  /* A handler may set another course, which frees both strings. */
  g_autofree char *course_id = g_strdup (self->id);
  g_autofree char *lesson = g_strdup (lesson_id);

  if (course_id != NULL && lesson != NULL)
    g_signal_emit (self, signals[LESSON_ACTIVATED], 0, course_id, lesson);
}

static void
lesson_row_activated_cb (HsCoursePage *self,
                         AdwActionRow *row)
{
  emit_lesson_activated (self, g_object_get_data (G_OBJECT (row), "lesson-id"));
}

static void
primary_clicked_cb (HsCoursePage *self,
                    GtkButton    *button)
{
  emit_lesson_activated (self, self->primary_lesson_id);
}

static GtkWidget *
create_status_icon (const HsLessonProgress *state)
{
  HsLessonStatus status = state ? state->status : HS_LESSON_STATUS_NOT_STARTED;
  const char *icon_name;
  const char *label;
  const char *css_class;
  GtkWidget *icon;

  switch (status)
    {
    case HS_LESSON_STATUS_COMPLETED:
      icon_name = "object-select-symbolic";
      label = _("Completed");
      css_class = "success";
      break;
    case HS_LESSON_STATUS_IN_PROGRESS:
      icon_name = "media-playback-start-symbolic";
      label = _("In progress");
      css_class = "accent";
      break;
    case HS_LESSON_STATUS_NOT_STARTED:
    default:
      icon_name = "radio-symbolic";
      label = _("Not started");
      css_class = "not-started";
      break;
    }

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 20);
  gtk_widget_add_css_class (icon, "status-icon");
  gtk_widget_add_css_class (icon, css_class);
  gtk_widget_set_tooltip_text (icon, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return icon;
}

static GtkWidget *
create_lesson_row (HsCoursePage           *self,
                   HsLesson               *lesson,
                   const HsLessonProgress *state)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;

  g_ptr_array_add (parts, g_strdup (kind_text (hs_lesson_get_kind (lesson))));
  if (state != NULL && state->status == HS_LESSON_STATUS_IN_PROGRESS)
    {
      int percent = (int) (CLAMP (state->fraction, 0, 1) * 100 + 0.5);

      /* Translators: how much of one lesson is done, e.g. "40% done". */
      g_ptr_array_add (parts, g_strdup_printf (_("%d%% done"), percent));
    }
  if (!hs_lesson_get_required (lesson))
    g_ptr_array_add (parts, g_strdup (_("Optional")));
  g_ptr_array_add (parts, NULL);
  /* Translators: separates the facts under a lesson's title, as in "Video · 40% done". */
  subtitle = g_strjoinv (_(" · "), (char **) parts->pdata);

  /* Titles come from course packages: text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hs_lesson_get_title (lesson));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "lesson-row");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), create_status_icon (state));

  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  g_object_set_data_full (G_OBJECT (row), "lesson-id", g_strdup (hs_lesson_get_id (lesson)), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (lesson_row_activated_cb), self, G_CONNECT_SWAPPED);

  return row;
}

static void
clear_modules (HsCoursePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->modules_box))) != NULL)
    gtk_box_remove (self->modules_box, child);
}

static void
fill_modules (HsCoursePage *self,
              GHashTable   *states)
{
  guint n_modules = g_list_model_get_n_items (G_LIST_MODEL (self->course));

  clear_modules (self);
  for (guint i = 0; i < n_modules; i++)
    {
      g_autoptr(HsModule) module = g_list_model_get_item (G_LIST_MODEL (self->course), i);
      guint n_lessons = g_list_model_get_n_items (G_LIST_MODEL (module));
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *escaped = g_markup_escape_text (hs_module_get_title (module), -1);

      /* The group's title is markup. */
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
      for (guint j = 0; j < n_lessons; j++)
        {
          g_autoptr(HsLesson) lesson = g_list_model_get_item (G_LIST_MODEL (module), j);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     create_lesson_row (self, lesson,
                                                        g_hash_table_lookup (states, hs_lesson_get_id (lesson))));
        }
      gtk_box_append (self->modules_box, group);
    }
}

static void
update_cover (HsCoursePage *self)
{
  const char *cover = hs_course_get_cover (self->course);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (cover != NULL && *cover != '\0' && hs_course_get_path (self->course) != NULL)
    path = g_build_filename (hs_course_get_path (self->course), cover, NULL);

  /* Each version of a course has its own folder: same path, same picture. */
  if (g_strcmp0 (path, self->cover_path) == 0)
    return;
  g_free (self->cover_path);
  self->cover_path = g_strdup (path);

  if (path != NULL)
    {
      file = g_file_new_for_path (path);
      texture = gdk_texture_new_from_file (file, &error);
      if (texture == NULL)
        g_debug ("No cover for %s: %s", self->id, error->message);
    }
  gtk_picture_set_paintable (self->cover_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->cover_placeholder), texture == NULL);
}

/* Start at the first lesson; go on with the lesson left last, or else the
 * first one not done; once every lesson is done, look back from the first. */
static void
update_primary (HsCoursePage *self,
                GPtrArray    *lessons,
                GPtrArray    *states)
{
  const HsLessonProgress *latest = NULL;
  HsLesson *target = NULL;
  gboolean all_done = TRUE;
  gboolean any_started = FALSE;
  g_autofree char *next_text = NULL;
  const char *label;

  for (guint i = 0; i < lessons->len; i++)
    {
      const HsLessonProgress *state = states ? g_ptr_array_index (states, i) : NULL;
      HsLessonStatus status = state ? state->status : HS_LESSON_STATUS_NOT_STARTED;

      if (status != HS_LESSON_STATUS_COMPLETED)
        {
          all_done = FALSE;
          if (target == NULL)
            target = g_ptr_array_index (lessons, i);
        }
      if (status != HS_LESSON_STATUS_NOT_STARTED)
        any_started = TRUE;
      if (status == HS_LESSON_STATUS_IN_PROGRESS &&
          (latest == NULL || g_strcmp0 (state->updated, latest->updated) > 0))
        latest = state;
    }

  if (lessons->len == 0)
    {
      label = _("_Start");
      next_text = g_strdup ("");
    }
  else if (all_done)
    {
      label = _("_Review");
      target = g_ptr_array_index (lessons, 0);
      next_text = g_strdup (_("Well done! You have finished every lesson."));
    }
  else if (!any_started)
    {
      label = _("_Start");
      target = g_ptr_array_index (lessons, 0);
      /* Translators: beside the Start button; %s is a lesson title. */
      next_text = g_strdup_printf (_("First lesson: %s"), hs_lesson_get_title (target));
    }
  else
    {
      label = _("_Continue");
      if (latest != NULL && hs_course_find_lesson (self->course, latest->lesson_id) != NULL)
        target = hs_course_find_lesson (self->course, latest->lesson_id);
      /* Translators: beside the Continue button; %s is a lesson title. */
      next_text = g_strdup_printf (_("Continue with: %s"), hs_lesson_get_title (target));
    }

  adw_button_content_set_label (self->primary_content, label);
  adw_button_content_set_icon_name (self->primary_content,
                                    all_done ? "view-refresh-symbolic" : "media-playback-start-symbolic");
  gtk_label_set_label (self->next_label, next_text);
  gtk_widget_set_sensitive (self->primary_button, target != NULL);

  g_free (self->primary_lesson_id);
  self->primary_lesson_id = target ? g_strdup (hs_lesson_get_id (target)) : NULL;
}

/* The certificate is issued as soon as the completed course shows, so the
 * learner sees its serial number; while the school's details are missing
 * the card says so instead, and the button waits. */
static void
update_certificate (HsCoursePage *self,
                    gboolean      earned)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCertificate) certificate = NULL;
  g_autofree char *text = NULL;
  HsKeyring *keyring;

  gtk_widget_set_visible (self->certificate_box, earned && self->learner != NULL);
  if (!earned || self->learner == NULL)
    return;

  keyring = hs_application_get_keyring (app (), &error);
  if (keyring != NULL)
    certificate = hs_certificate_issue (hs_application_get_progress (app ()), hs_application_get_school (app ()),
                                        keyring, self->learner, self->course, &error);
  if (certificate != NULL)
    /* Translators: %s is the certificate's serial number, like HS-7K3F-9QX2 */
    text = g_strdup_printf (_("You have completed this course. Your certificate %s is ready."),
                            hs_certificate_get_serial (certificate));
  else
    text = g_strdup_printf (_("You have completed this course. Your certificate will be ready soon: %s"),
                            error->message);
  gtk_label_set_label (self->certificate_label, text);
  gtk_widget_set_sensitive (self->certificate_button, certificate != NULL);
}

static void
update_progress (HsCoursePage *self)
{
  g_auto(HsCourseProgress) summary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_lessons = hs_course_get_n_lessons (self->course);

  if (self->learner == NULL ||
      !hs_progress_get_course (hs_application_get_progress (app ()), self->learner, self->course, &summary, &error))
    {
      if (error != NULL)
        g_warning ("Could not read the progress of %s: %s", self->id, error->message);
      summary.n_lessons = n_lessons;
    }

  /* Translators: how far a learner is through a course, e.g. "2 of 3 lessons". */
  text = g_strdup_printf (ngettext ("%u of %u lesson", "%u of %u lessons", summary.n_lessons),
                          summary.n_completed, summary.n_lessons);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 summary.n_lessons ? (double) summary.n_completed / summary.n_lessons : 0);
  if (summary.complete)
    gtk_widget_add_css_class (GTK_WIDGET (self->progress_bar), "course-complete");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->progress_bar), "course-complete");
  gtk_widget_set_visible (self->completed_badge, summary.complete);
  /* A course completed once keeps its certificate, even if a newer
   * version has added lessons since. */
  update_certificate (self, hs_course_get_certificate_enabled (self->course) &&
                            (summary.complete || summary.completed != NULL));
}

/* A file name that works on any USB stick: no characters FAT forbids. */
static char *
certificate_file_name (HsCertificate *certificate)
{
  /* Translators: the file name offered for a certificate: the learner and
   * the course */
  g_autofree char *name = g_strdup_printf (_("Certificate – %s – %s"), hs_certificate_get_learner_name (certificate),
                                           hs_certificate_get_course_title (certificate));

  g_strdelimit (name, "/\\:*?\"<>|", ' ');
  return g_strdup_printf ("%s.pdf", g_strstrip (name));
}

static void
certificate_saved_cb (GtkNativeDialog *dialog,
                      int              response,
                      HsCoursePage    *self)
{
  HsCertificate *certificate = g_object_get_data (G_OBJECT (dialog), "certificate");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      /* One page drawn from data in memory, with the school's pictures
       * read from the database the main thread owns: a blink, here. */
      if (path != NULL && hs_certificate_write_pdf (certificate, hs_application_get_school (app ()), path, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Saved your certificate as “%s”."), name);

          toast (self, message);
        }
      else
        toast (self, error ? error->message : _("Choose a folder on this computer."));
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
certificate_clicked_cb (HsCoursePage *self,
                        GtkButton    *button)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCertificate) certificate = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  HsKeyring *keyring;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  if (self->course == NULL || self->learner == NULL)
    return;
  keyring = hs_application_get_keyring (app (), &error);
  if (keyring != NULL)
    certificate = hs_certificate_issue (hs_application_get_progress (app ()), hs_application_get_school (app ()),
                                        keyring, self->learner, self->course, &error);
  if (certificate == NULL)
    {
      toast (self, error->message);
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Save Your Certificate"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = certificate_file_name (certificate);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "certificate", g_steal_pointer (&certificate), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (certificate_saved_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
fill_details (HsCoursePage *self)
{
  const char *installed = hs_course_get_installed (self->course);
  const char *source = hs_course_get_source (self->course);
  g_autoptr(GDateTime) utc = installed ? g_date_time_new_from_iso8601 (installed, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  /* Translators: a date and time, as strftime() writes it */
  g_autofree char *when = local ? g_date_time_format (local, _("%d/%m/%Y %H:%M")) : NULL;
  g_autofree char *size = g_format_size (hs_course_get_size (self->course));

  adw_action_row_set_subtitle (self->version_row, hs_course_get_version (self->course));
  adw_action_row_set_subtitle (self->installed_row, when ? when : "");
  gtk_widget_set_visible (GTK_WIDGET (self->installed_row), when != NULL);
  adw_action_row_set_subtitle (self->size_row, size);
  adw_action_row_set_subtitle (self->source_row, source ? source : "");
  gtk_widget_set_visible (GTK_WIDGET (self->source_row), source != NULL && *source != '\0');
}

static void
fill (HsCoursePage *self)
{
  guint minutes = hs_course_get_estimated_minutes (self->course);
  const char *summary = hs_course_get_summary (self->course);
  GPtrArray *lessons = hs_course_get_lessons (self->course);
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  gtk_label_set_label (self->title_label, hs_course_get_title (self->course));
  gtk_label_set_label (self->summary_label, summary ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL && *summary != '\0');

  if (minutes > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("About %u minute", "About %u minutes", minutes), minutes);

      gtk_label_set_label (self->minutes_label, text);
    }
  gtk_widget_set_visible (self->minutes_box, minutes > 0);
  gtk_label_set_label (self->audience_label, audience_text (hs_course_get_audience (self->course)));
  gtk_widget_set_visible (self->audience_box, TRUE);

  update_cover (self);
  update_progress (self);
  fill_details (self);

  if (self->learner != NULL)
    {
      states = hs_progress_get_lessons (hs_application_get_progress (app ()), self->learner, self->course, &error);
      if (states == NULL)
        g_warning ("Could not read the lessons' progress of %s: %s", self->id, error->message);
    }
  for (guint i = 0; states != NULL && i < states->len; i++)
    {
      HsLessonProgress *state = g_ptr_array_index (states, i);

      g_hash_table_insert (by_id, state->lesson_id, state);
    }

  update_primary (self, lessons, states != NULL && states->len == lessons->len ? states : NULL);
  fill_modules (self, by_id);
}

static void
clear (HsCoursePage *self)
{
  g_clear_object (&self->course);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->primary_lesson_id, g_free);
  clear_modules (self);
}

static void
show_message (HsCoursePage *self,
              const char   *heading,
              const char   *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_OK"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    HsCoursePage     *self)
{
  const char *course_id = g_object_get_data (G_OBJECT (dialog), "course-id");
  const char *title = g_object_get_data (G_OBJECT (dialog), "title");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *id = NULL;

  if (!g_str_equal (response, "remove"))
    return;

  if (!hs_library_remove (hs_application_get_library (app ()), course_id, FALSE, &error))
    {
      g_warning ("Could not remove %s: %s", course_id, error->message);
      show_message (self, _("The Course Could Not Be Removed"), error->message);
      return;
    }

  message = g_strdup_printf (_("“%s” was removed."), title);
  toast (self, message);

  id = g_strdup (course_id);
  if (g_strcmp0 (self->id, id) == 0)
    clear (self);
  g_signal_emit (self, signals[COURSE_REMOVED], 0, id);
}

static void
remove_clicked_cb (HsCoursePage *self,
                   GtkButton    *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (self->id == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Remove “%s”?"), self->title);
  adw_message_dialog_set_body (dialog, _("The course’s files will be deleted from this computer. "
                                         "Everyone’s progress is kept, and comes back if the course is installed again."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  /* The dialog remembers which course it asked about. */
  g_object_set_data_full (G_OBJECT (dialog), "course-id", g_strdup (self->id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "title", g_strdup (self->title), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hs_course_page_dispose (GObject *object)
{
  HsCoursePage *self = (HsCoursePage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_COURSE_PAGE);
  g_clear_object (&self->course);
  g_clear_object (&self->learner);

  G_OBJECT_CLASS (hs_course_page_parent_class)->dispose (object);
}

static void
hs_course_page_finalize (GObject *object)
{
  HsCoursePage *self = (HsCoursePage *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->cover_path);
  g_free (self->primary_lesson_id);

  G_OBJECT_CLASS (hs_course_page_parent_class)->finalize (object);
}

static void
hs_course_page_class_init (HsCoursePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_course_page_dispose;
  object_class->finalize = hs_course_page_finalize;

  /**
   * HsCoursePage::lesson-activated:
   * @course_id: the course shown
   * @lesson_id: the lesson to open
   */
  signals[LESSON_ACTIVATED] =
    g_signal_new ("lesson-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * HsCoursePage::course-removed:
   * @course_id: the course whose files were just deleted
   */
  signals[COURSE_REMOVED] =
    g_signal_new ("course-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-course-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, cover_placeholder);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, cover_picture);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, version_row);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, installed_row);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, size_row);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, source_row);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, minutes_box);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, minutes_label);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, audience_box);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, audience_label);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, completed_badge);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, primary_button);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, primary_content);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, next_label);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, certificate_box);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, certificate_label);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, certificate_button);
  gtk_widget_class_bind_template_child (widget_class, HsCoursePage, modules_box);
  gtk_widget_class_bind_template_callback (widget_class, primary_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, certificate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
hs_course_page_init (HsCoursePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hs_course_page_new (void)
{
  return g_object_new (HS_TYPE_COURSE_PAGE, NULL);
}

/**
 * hs_course_page_set_course:
 * @learner: (nullable): whose progress to show
 *
 * Shows @course_id as it is installed now.  When it is not installed, the
 * page is emptied and hs_course_page_get_course_id() returns %NULL.
 */
void
hs_course_page_set_course (HsCoursePage *self,
                           const char   *course_id,
                           HsLearner    *learner)
{
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean same;

  g_return_if_fail (HS_IS_COURSE_PAGE (self));
  g_return_if_fail (course_id != NULL);
  g_return_if_fail (learner == NULL || HS_IS_LEARNER (learner));

  /* @course_id may be our own id, freed below. */
  id = g_strdup (course_id);
  course = hs_library_get_course (hs_application_get_library (app ()), id, &error);
  if (course == NULL)
    {
      if (!g_error_matches (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_NOT_FOUND))
        g_warning ("Could not read the course %s: %s", id, error->message);
      clear (self);
      return;
    }

  same = g_strcmp0 (self->id, id) == 0 && self->learner == learner;

  g_set_object (&self->learner, learner);
  g_set_object (&self->course, course);
  g_free (self->id);
  self->id = g_steal_pointer (&id);
  g_free (self->title);
  self->title = g_strdup (hs_course_get_title (course));

  fill (self);

  /* Back from a lesson, the list stays where it was; a new course starts
   * at its top. */
  if (!same)
    {
      GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)));

      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), 0);
    }
}

const char *
hs_course_page_get_course_id (HsCoursePage *self)
{
  g_return_val_if_fail (HS_IS_COURSE_PAGE (self), NULL);
  return self->id;
}

const char *
hs_course_page_get_title (HsCoursePage *self)
{
  g_return_val_if_fail (HS_IS_COURSE_PAGE (self), NULL);
  return self->title;
}
