/* hs-lesson-page.c — a lesson in its web view, with Previous / Next / Done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page turns what the lesson runtime reports into records: "opened" on
 * arrival, "progressed" at most every few seconds while the learner reads
 * or watches (and once more on leaving, so the place is never lost), and
 * "completed" when the runtime says the rule is met or the learner presses
 * Done.  Quizzes, walkthroughs and SCOs record themselves (HsQuizSession,
 * HsWalkthroughSession, HsScormSession): Done does not complete them, it
 * only goes on to the next lesson.  A SCORM asset is completed when it
 * opens.
 *
 * With the "scorm-debug" setting, a panel under a SCO lists its calls to
 * the SCORM API.
 */
#define G_LOG_DOMAIN "hs-lesson-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-application.h"
#include "hs-lesson-page.h"
#include "hs-window.h"

#define FLUSH_SECONDS 5

/* The SCORM debug panel keeps the latest calls, not all of a long session. */
#define SCORM_LOG_MAX 1000
/* A value longer than this (suspend data…) is cut in the panel. */
#define SCORM_VALUE_MAX 160

struct _HsLessonPage
{
  AdwBin          parent_instance;

  GtkStack       *content_stack;
  AdwBin         *view_bin;
  GtkLabel       *position_label;
  AdwButtonContent *done_content;
  GtkToggleButton *read_button;
  AdwButtonContent *read_content;
  GtkButton      *pause_button;
  AdwButtonContent *pause_content;
  char           *reading;       /* the read-aloud state the page last told */
  char           *find;          /* words to mark in the next lesson opened */
  gboolean        setting_read;  /* the toggle is being set from that state */
  GtkWidget      *scorm_panel;
  GtkLabel       *scorm_count_label;
  GtkListBox     *scorm_list;
  GtkScrolledWindow *scorm_scroller;
  GtkStringList  *scorm_log;      /* the panel's lines */

  HsLessonView   *view;
  HsLearner      *learner;       /* whose view (and web session) this is */
  HsCourse       *course;
  HsLesson       *lesson;
  HsScormSession *scorm;          /* the SCO shown, when one is */
  gboolean        scorm_done;     /* it was completed, when opened or since */
  guint           index;
  double          zoom;

  gboolean        dirty;
  double          fraction;
  char           *location;
  guint           flush_id;
};

G_DEFINE_FINAL_TYPE (HsLessonPage, hs_lesson_page, ADW_TYPE_BIN)

static HsApplication *
app (void)
{
  return HS_APPLICATION_DEFAULT;
}

static void
toast (HsLessonPage *self,
       const char   *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (HS_IS_WINDOW (root))
    hs_window_add_toast (HS_WINDOW (root), message);
}

static void
record (HsLessonPage *self,
        HsVerb        verb,
        double        fraction,
        const char   *location)
{
  g_autoptr(GError) error = NULL;

  if (self->lesson == NULL)
    return;

  if (!hs_progress_record (hs_application_get_progress (app ()), self->learner,
                           hs_course_get_id (self->course), hs_lesson_get_id (self->lesson),
                           verb, fraction, location, &error))
    {
      g_warning ("Could not record progress: %s", error->message);
      toast (self, _("Your progress could not be saved. Please tell whoever looks after this computer."));
    }
}

static void
flush_progress (HsLessonPage *self)
{
  if (!self->dirty)
    return;
  self->dirty = FALSE;
  record (self, HS_VERB_PROGRESSED, self->fraction, self->location);
}

static gboolean
flush_timeout_cb (gpointer user_data)
{
  HsLessonPage *self = user_data;

  flush_progress (self);
  self->flush_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
is_assessed (HsLesson *lesson)
{
  return hs_lesson_get_kind (lesson) == HS_LESSON_KIND_QUIZ ||
         hs_lesson_get_kind (lesson) == HS_LESSON_KIND_WALKTHROUGH;
}

static void
update_done_button (HsLessonPage *self)
{
  g_autoptr(HsLessonProgress) state = NULL;
  gboolean done = FALSE;

  if (self->lesson != NULL)
    {
      state = hs_progress_get_lesson (hs_application_get_progress (app ()), self->learner,
                                      hs_course_get_id (self->course), hs_lesson_get_id (self->lesson), NULL);
      done = state != NULL && state->status == HS_LESSON_STATUS_COMPLETED;
    }
  /* A quiz or a walkthrough's test is done by passing it, a SCO by what it
   * reports; not by pressing a button. */
  if (self->lesson != NULL && !done && (is_assessed (self->lesson) || self->scorm != NULL))
    adw_button_content_set_label (self->done_content, _("_Continue"));
  else
    adw_button_content_set_label (self->done_content, done ? _("_Done ✓") : _("_Done"));
}

static void
progress_cb (HsLessonView *view,
             double        fraction,
             const char   *location,
             HsLessonPage *self)
{
  self->fraction = MAX (self->fraction, fraction);
  g_free (self->location);
  self->location = g_strdup (location);
  self->dirty = TRUE;

  if (self->flush_id == 0)
    self->flush_id = g_timeout_add_seconds (FLUSH_SECONDS, flush_timeout_cb, self);
}

static void
completed_cb (HsLessonView *view,
              HsLessonPage *self)
{
  flush_progress (self);
  record (self, HS_VERB_COMPLETED, 1, self->location);
  update_done_button (self);
}

static void
external_link_cb (HsLessonView *view,
                  const char   *uri,
                  HsLessonPage *self)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  const char *host = parsed ? g_uri_get_host (parsed) : NULL;
  g_autofree char *message = NULL;

  if (host != NULL && *host != '\0')
    message = g_strdup_printf (_("This link goes to %s on the internet. Học Số shows only what is inside the course, so it stays closed."), host);
  else
    message = g_strdup (_("This link goes outside the course. Học Số shows only what is inside the course, so it stays closed."));
  toast (self, message);
}

static void
record_failed_cb (HsLessonView *view,
                  const char   *message,
                  HsLessonPage *self)
{
  toast (self, _("Your progress could not be saved. Please tell whoever looks after this computer."));
}

static void
update_scorm_panel (HsLessonPage *self)
{
  gboolean debug = g_settings_get_boolean (hs_application_get_settings (app ()), "scorm-debug");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scorm_log));
  g_autofree char *count = NULL;

  gtk_widget_set_visible (self->scorm_panel, debug && self->scorm != NULL);
  /* Translators: how many calls the SCORM debug panel lists. */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u call", "%u calls", n), n);
  gtk_label_set_label (self->scorm_count_label, count);
}

/* A value as the panel shows it: quoted like a string in JavaScript, and
 * cut when long. */
static void
append_value (GString    *line,
              const char *value)
{
  glong length = g_utf8_strlen (value, -1);
  const char *end = length > SCORM_VALUE_MAX ? g_utf8_offset_to_pointer (value, SCORM_VALUE_MAX) : value + strlen (value);

  g_string_append_c (line, '"');
  for (const char *p = value; p < end; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (line, '\\');
      if (*p == '\n')
        g_string_append (line, "\\n");
      else if ((guchar) *p < 0x20)
        g_string_append_printf (line, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (line, *p);
    }
  if (length > SCORM_VALUE_MAX)
    g_string_append (line, "…");
  g_string_append_c (line, '"');
}

static void
scorm_call_cb (HsLessonView       *view,
               const char         *method,
               const char * const *args,
               const char         *result,
               int                 error,
               const char         *error_text,
               HsLessonPage       *self)
{
  g_autoptr(GString) line = g_string_new (method);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scorm_scroller);
  gboolean at_end = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
                    gtk_adjustment_get_upper (adjustment) - 1;

  g_string_append_c (line, '(');
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (line, ", ");
      append_value (line, args[i]);
    }
  g_string_append (line, ") → ");
  append_value (line, result);
  if (error != 0)
    /* Translators: after a SCORM call in the debug panel: the error code
     * and its description from the SCORM run-time. */
    g_string_append_printf (line, _(" — error %d: %s"), error, error_text);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->scorm_log)) >= SCORM_LOG_MAX)
    gtk_string_list_remove (self->scorm_log, 0);
  gtk_string_list_append (self->scorm_log, line->str);
  update_scorm_panel (self);

  /* Follow the newest call, unless the learner scrolled back to read. */
  if (at_end)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static GtkWidget *
create_scorm_row (gpointer item,
                  gpointer user_data)
{
  const char *text = gtk_string_object_get_string (item);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  if (strstr (text, " — ") != NULL)
    gtk_widget_add_css_class (label, "scorm-error");
  return label;
}

static void
scorm_committed_cb (HsScormSession *session,
                    gboolean        completed,
                    HsLessonPage   *self)
{
  g_auto(HsCourseProgress) summary = { 0 };

  if (self->lesson == NULL || session != self->scorm || !completed || self->scorm_done)
    return;
  /* The commit that completed the lesson, said once. */
  self->scorm_done = TRUE;
  update_done_button (self);
  if (self->course != NULL &&
      hs_progress_get_course (hs_application_get_progress (app ()), self->learner, self->course, &summary, NULL) &&
      summary.complete)
    toast (self, _("Well done! You have completed this course."));
}

static void
web_process_terminated_cb (WebKitWebView                     *view,
                           WebKitWebProcessTerminationReason  reason,
                           HsLessonPage                      *self)
{
  g_warning ("The web process of a lesson ended (reason %d)", reason);
  gtk_stack_set_visible_child_name (self->content_stack, "crashed");
}

/* The app's text size reaches lessons by itself: WebKit scales pages by
 * gtk-xft-dpi, which HsApplication sets from it.  Multiplying by it here
 * as well made a lesson at 200 % text four times as large. */
static void
apply_zoom (HsLessonPage *self)
{
  if (self->view != NULL)
    webkit_web_view_set_zoom_level (WEBKIT_WEB_VIEW (self->view), self->zoom);
}

/* Read-aloud: the toggle starts and stops it, the second button pauses and
 * resumes; both follow what the page says it is doing. */
static void
show_reading (HsLessonPage *self,
              const char   *state)
{
  gboolean active = g_strcmp0 (state, "preparing") == 0 || g_strcmp0 (state, "playing") == 0 ||
                    g_strcmp0 (state, "paused") == 0;

  g_free (self->reading);
  self->reading = g_strdup (state);

  self->setting_read = TRUE;
  gtk_toggle_button_set_active (self->read_button, active);
  self->setting_read = FALSE;

  adw_button_content_set_label (self->read_content,
                                g_strcmp0 (state, "preparing") == 0 ? _("Getting Ready…") :
                                active ? _("Stop _Reading") : _("Read _Aloud"));
  gtk_widget_set_visible (GTK_WIDGET (self->pause_button),
                          g_strcmp0 (state, "playing") == 0 || g_strcmp0 (state, "paused") == 0);
  if (g_strcmp0 (state, "paused") == 0)
    {
      adw_button_content_set_icon_name (self->pause_content, "media-playback-start-symbolic");
      adw_button_content_set_label (self->pause_content, _("_Go On"));
    }
  else
    {
      adw_button_content_set_icon_name (self->pause_content, "media-playback-pause-symbolic");
      adw_button_content_set_label (self->pause_content, _("_Pause"));
    }
}

static void
reading_cb (HsLessonView *view,
            const char   *state,
            HsLessonPage *self)
{
  show_reading (self, state);
  if (g_strcmp0 (state, "failed") == 0)
    toast (self, _("This lesson could not be read aloud."));
  else if (g_strcmp0 (state, "nothing") == 0)
    toast (self, _("This lesson has no text to read aloud."));
}

static void
ensure_view (HsLessonPage *self,
             HsLearner    *learner)
{
  WebKitNetworkSession *session;

  if (self->view != NULL && self->learner == learner)
    return;

  /* A view lives in one learner's web session; another learner gets a
   * new view so their stored page data never meet. */
  if (self->view != NULL)
    {
      hs_lesson_view_unload (self->view);
      adw_bin_set_child (self->view_bin, NULL);
      self->view = NULL;
    }

  g_set_object (&self->learner, learner);
  session = hs_application_get_network_session (app (), learner);
  self->view = hs_lesson_view_new (hs_application_get_web_context (app ()), session,
                                   hs_application_get_media_server (app ()));
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  g_signal_connect_object (self->view, "progress", G_CALLBACK (progress_cb), self, 0);
  g_signal_connect_object (self->view, "completed", G_CALLBACK (completed_cb), self, 0);
  g_signal_connect_object (self->view, "external-link", G_CALLBACK (external_link_cb), self, 0);
  g_signal_connect_object (self->view, "web-process-terminated", G_CALLBACK (web_process_terminated_cb), self, 0);
  g_signal_connect_object (self->view, "reading", G_CALLBACK (reading_cb), self, 0);
  g_signal_connect_object (self->view, "record-failed", G_CALLBACK (record_failed_cb), self, 0);
  g_signal_connect_object (self->view, "scorm-call", G_CALLBACK (scorm_call_cb), self, 0);
  adw_bin_set_child (self->view_bin, GTK_WIDGET (self->view));
}

static void
update_navigation (HsLessonPage *self)
{
  guint n = self->course ? hs_course_get_n_lessons (self->course) : 0;
  g_autofree char *position = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lesson.previous", self->lesson && self->index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lesson.next", self->lesson && self->index + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lesson.done", self->lesson != NULL);

  /* Translators: the lesson's place in the course, e.g. "Lesson 2 of 5". */
  position = g_strdup_printf (_("Lesson %u of %u"), self->index + 1, n);
  gtk_label_set_label (self->position_label, self->lesson ? position : "");
}

/**
 * hs_lesson_page_open:
 *
 * Shows @lesson_id of @course_id for @learner, at the place they left it.
 */
/* A quiz attempt or a walkthrough test was handed in and recorded. */
static void
assessment_finished_cb (GObject      *session,
                        gboolean      passed,
                        HsLessonPage *self)
{
  g_auto(HsCourseProgress) summary = { 0 };

  update_done_button (self);
  if (passed && self->course != NULL &&
      hs_progress_get_course (hs_application_get_progress (app ()), self->learner, self->course, &summary, NULL) &&
      summary.complete)
    toast (self, _("Well done! You have completed this course."));
}

static void
read_toggled_cb (HsLessonPage *self)
{
  GSettings *settings = hs_application_get_settings (app ());

  if (self->setting_read || self->view == NULL)
    return;
  if (gtk_toggle_button_get_active (self->read_button))
    {
      g_autofree char *voice = g_settings_get_string (settings, "read-aloud-voice");

      show_reading (self, "preparing");
      hs_lesson_view_read_aloud (self->view, "start", g_settings_get_double (settings, "read-aloud-speed"), voice);
    }
  else
    {
      hs_lesson_view_read_aloud (self->view, "stop", 1, NULL);
      show_reading (self, "stopped");
    }
}

static void
read_aloud_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HsLessonPage *self = HS_LESSON_PAGE (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->read_button)))
    gtk_toggle_button_set_active (self->read_button, !gtk_toggle_button_get_active (self->read_button));
}

static void
pause_clicked_cb (HsLessonPage *self)
{
  if (self->view != NULL)
    hs_lesson_view_read_aloud (self->view, g_strcmp0 (self->reading, "paused") == 0 ? "resume" : "pause", 1, NULL);
}

static void
read_speed_changed_cb (GSettings    *settings,
                       const char   *key,
                       HsLessonPage *self)
{
  if (self->view != NULL)
    hs_lesson_view_read_aloud (self->view, "rate", g_settings_get_double (settings, key), NULL);
}

gboolean
hs_lesson_page_open (HsLessonPage  *self,
                     HsLearner     *learner,
                     const char    *course_id,
                     const char    *lesson_id,
                     GError       **error)
{
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(HsLessonProgress) state = NULL;
  g_autoptr(HsQuizSession) quiz = NULL;
  g_autoptr(HsScormSession) scorm = NULL;
  const HsLessonScorm *scorm_data;
  g_autoptr(HsWalkthroughSession) walkthrough = NULL;
  GPtrArray *lessons;
  HsLesson *lesson;

  g_return_val_if_fail (HS_IS_LESSON_PAGE (self), FALSE);
  g_return_val_if_fail (HS_IS_LEARNER (learner), FALSE);

  course = hs_library_get_course (hs_application_get_library (app ()), course_id, error);
  if (course == NULL)
    return FALSE;
  lesson = hs_course_find_lesson (course, lesson_id);
  if (lesson == NULL)
    {
      g_set_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LESSON,
                   _("There is no lesson “%s” in the installed course “%s”."), lesson_id, course_id);
      return FALSE;
    }

  if (hs_lesson_get_kind (lesson) == HS_LESSON_KIND_QUIZ)
    {
      quiz = hs_quiz_session_new (hs_application_get_progress (app ()), learner, course, lesson, error);
      if (quiz == NULL)
        return FALSE;
      g_signal_connect_object (quiz, "finished", G_CALLBACK (assessment_finished_cb), self, 0);
    }
  else if (hs_lesson_get_kind (lesson) == HS_LESSON_KIND_WALKTHROUGH)
    {
      walkthrough = hs_walkthrough_session_new (hs_application_get_progress (app ()), learner, course, lesson,
                                                error);
      if (walkthrough == NULL)
        return FALSE;
      g_signal_connect_object (walkthrough, "finished", G_CALLBACK (assessment_finished_cb), self, 0);
    }

  /* A SCO talks to the SCORM run-time, a session of its own each time it
   * opens; an asset (a plain page of the package) does not. */
  scorm_data = hs_lesson_get_scorm (lesson);
  if (hs_lesson_get_kind (lesson) == HS_LESSON_KIND_SCO && scorm_data != NULL &&
      scorm_data->type == HS_SCORM_TYPE_SCO)
    {
      scorm = hs_scorm_session_new (hs_application_get_progress (app ()), learner, course, lesson, error);
      if (scorm == NULL)
        return FALSE;
      g_signal_connect_object (scorm, "committed", G_CALLBACK (scorm_committed_cb), self, 0);
    }

  hs_lesson_page_close (self);

  g_set_object (&self->course, course);
  g_set_object (&self->lesson, lesson);
  lessons = hs_course_get_lessons (course);
  for (guint i = 0; i < lessons->len; i++)
    if (g_ptr_array_index (lessons, i) == (gpointer) lesson)
      self->index = i;

  state = hs_progress_get_lesson (hs_application_get_progress (app ()), learner, course_id, lesson_id, NULL);
  self->fraction = state ? state->fraction : 0;
  g_free (self->location);
  self->location = state ? g_strdup (state->location) : NULL;

  ensure_view (self, learner);
  g_set_object (&self->scorm, scorm);
  self->scorm_done = state != NULL && state->status == HS_LESSON_STATUS_COMPLETED;
  gtk_string_list_splice (self->scorm_log, 0, g_list_model_get_n_items (G_LIST_MODEL (self->scorm_log)), NULL);
  record (self, HS_VERB_OPENED, 0, NULL);
  if (hs_lesson_get_kind (lesson) == HS_LESSON_KIND_SCO && scorm == NULL)
    record (self, HS_VERB_COMPLETED, 1, NULL);
  update_navigation (self);
  update_done_button (self);
  update_scorm_panel (self);
  gtk_stack_set_visible_child_name (self->content_stack, "view");
  apply_zoom (self);
  show_reading (self, "stopped");
  gtk_widget_set_visible (GTK_WIDGET (self->read_button), hs_lesson_get_kind (lesson) == HS_LESSON_KIND_PAGE);
  hs_lesson_view_set_quiz_session (self->view, quiz);
  hs_lesson_view_set_find (self->view, self->find);
  g_clear_pointer (&self->find, g_free);
  hs_lesson_view_set_scorm_session (self->view, scorm);
  hs_lesson_view_set_scorm_debug (self->view,
                                  g_settings_get_boolean (hs_application_get_settings (app ()), "scorm-debug"));
  hs_lesson_view_set_walkthrough_session (self->view, walkthrough);
  hs_lesson_view_load (self->view, course, lesson, self->location);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));

  return TRUE;
}

/**
 * hs_lesson_page_close:
 *
 * Saves the place in the lesson and leaves it.
 */
void
hs_lesson_page_close (HsLessonPage *self)
{
  g_return_if_fail (HS_IS_LESSON_PAGE (self));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  flush_progress (self);
  if (self->view != NULL)
    hs_lesson_view_unload (self->view);
  g_clear_object (&self->lesson);
  g_clear_object (&self->course);
  g_clear_object (&self->scorm);
  self->fraction = 0;
}

/**
 * hs_lesson_page_set_find:
 * @query: (nullable): what the learner searched for
 *
 * The next lesson opened marks these words and scrolls to the first.
 */
void
hs_lesson_page_set_find (HsLessonPage *self,
                         const char   *query)
{
  g_return_if_fail (HS_IS_LESSON_PAGE (self));

  g_free (self->find);
  self->find = g_strdup (query);
}

HsLessonView *
hs_lesson_page_get_view (HsLessonPage *self)
{
  g_return_val_if_fail (HS_IS_LESSON_PAGE (self), NULL);
  return self->view;
}

/**
 * hs_lesson_page_get_scorm_log:
 *
 * Returns: (transfer none): the lines of the SCORM debug panel, one per
 * call of the SCO shown (every call with the "scorm-debug" setting, else
 * those the run-time refused), as #GtkStringObject items
 */
GListModel *
hs_lesson_page_get_scorm_log (HsLessonPage *self)
{
  g_return_val_if_fail (HS_IS_LESSON_PAGE (self), NULL);
  return G_LIST_MODEL (self->scorm_log);
}

const char *
hs_lesson_page_get_title (HsLessonPage *self)
{
  g_return_val_if_fail (HS_IS_LESSON_PAGE (self), NULL);
  return self->lesson ? hs_lesson_get_title (self->lesson) : "";
}

static void
go_to (HsLessonPage *self,
       guint         index)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GPtrArray *lessons = hs_course_get_lessons (self->course);
  g_autofree char *course_id = NULL;
  g_autofree char *lesson_id = NULL;

  if (index >= lessons->len || !HS_IS_WINDOW (root))
    return;
  course_id = g_strdup (hs_course_get_id (self->course));
  lesson_id = g_strdup (hs_lesson_get_id (g_ptr_array_index (lessons, index)));
  hs_window_open_lesson (HS_WINDOW (root), course_id, lesson_id);
}

static void
previous_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HsLessonPage *self = HS_LESSON_PAGE (widget);

  if (self->lesson != NULL && self->index > 0)
    go_to (self, self->index - 1);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HsLessonPage *self = HS_LESSON_PAGE (widget);

  if (self->lesson != NULL)
    go_to (self, self->index + 1);
}

static void
done_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HsLessonPage *self = HS_LESSON_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_auto(HsCourseProgress) summary = { 0 };
  g_autofree char *course_id = NULL;

  if (self->lesson == NULL)
    return;

  flush_progress (self);
  if (!is_assessed (self->lesson) && self->scorm == NULL)
    record (self, HS_VERB_COMPLETED, 1, self->location);

  if (self->index + 1 < hs_course_get_n_lessons (self->course))
    {
      go_to (self, self->index + 1);
      return;
    }

  /* The last lesson: back to the course, saying so if it is complete. */
  course_id = g_strdup (hs_course_get_id (self->course));
  if (hs_progress_get_course (hs_application_get_progress (app ()), self->learner, self->course, &summary, NULL) &&
      summary.complete)
    toast (self, _("Well done! You have completed this course."));
  if (HS_IS_WINDOW (root))
    hs_window_show_course (HS_WINDOW (root), course_id);
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HsLessonPage *self = HS_LESSON_PAGE (widget);
  g_autoptr(HsLearner) learner = NULL;
  g_autofree char *course_id = NULL;
  g_autofree char *lesson_id = NULL;

  if (self->lesson == NULL)
    return;
  learner = g_object_ref (self->learner);
  course_id = g_strdup (hs_course_get_id (self->course));
  lesson_id = g_strdup (hs_lesson_get_id (self->lesson));
  /* A dead web process leaves the view unusable: start a fresh one. */
  g_clear_object (&self->learner);
  hs_lesson_page_open (self, learner, course_id, lesson_id, NULL);
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HsLessonPage *self = HS_LESSON_PAGE (widget);

  if (g_str_equal (action_name, "lesson.zoom-in"))
    self->zoom = MIN (self->zoom + 0.1, 3.0);
  else if (g_str_equal (action_name, "lesson.zoom-out"))
    self->zoom = MAX (self->zoom - 0.1, 0.5);
  else
    self->zoom = 1.0;
  apply_zoom (self);
}

static void
clear_scorm_log_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  HsLessonPage *self = HS_LESSON_PAGE (widget);

  gtk_string_list_splice (self->scorm_log, 0, g_list_model_get_n_items (G_LIST_MODEL (self->scorm_log)), NULL);
  update_scorm_panel (self);
}

static void
scorm_debug_changed_cb (GSettings    *settings,
                        const char   *key,
                        HsLessonPage *self)
{
  /* The panel shows at once; the SCO's API reports every call from its
   * next opening. */
  update_scorm_panel (self);
}

static void
text_scale_changed_cb (GSettings    *settings,
                       const char   *key,
                       HsLessonPage *self)
{
  apply_zoom (self);
}

static void
hs_lesson_page_dispose (GObject *object)
{
  HsLessonPage *self = (HsLessonPage *)object;

  /* The view may still report while the template is torn down; nothing it
   * says may reach this page from now on. */
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      hs_lesson_view_unload (self->view);
      self->view = NULL;
    }
  g_clear_handle_id (&self->flush_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_LESSON_PAGE);
  g_clear_object (&self->learner);
  g_clear_object (&self->course);
  g_clear_object (&self->lesson);
  g_clear_object (&self->scorm);
  g_clear_object (&self->scorm_log);

  G_OBJECT_CLASS (hs_lesson_page_parent_class)->dispose (object);
}

static void
hs_lesson_page_finalize (GObject *object)
{
  HsLessonPage *self = (HsLessonPage *)object;

  g_free (self->location);
  g_free (self->reading);
  g_free (self->find);

  G_OBJECT_CLASS (hs_lesson_page_parent_class)->finalize (object);
}

static void
hs_lesson_page_class_init (HsLessonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_lesson_page_dispose;
  object_class->finalize = hs_lesson_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-lesson-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, view_bin);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, position_label);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, done_content);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, read_button);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, read_content);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, pause_content);
  gtk_widget_class_bind_template_callback (widget_class, read_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, pause_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, scorm_panel);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, scorm_count_label);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, scorm_list);
  gtk_widget_class_bind_template_child (widget_class, HsLessonPage, scorm_scroller);

  gtk_widget_class_install_action (widget_class, "lesson.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "lesson.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "lesson.done", NULL, done_activated);
  gtk_widget_class_install_action (widget_class, "lesson.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "lesson.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "lesson.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "lesson.zoom-reset", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "lesson.clear-scorm-log", NULL, clear_scorm_log_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "lesson.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "lesson.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "lesson.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "lesson.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "lesson.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "lesson.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "lesson.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "lesson.previous", NULL);
  gtk_widget_class_install_action (widget_class, "lesson.read-aloud", NULL, read_aloud_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "lesson.read-aloud", NULL);
}

static void
hs_lesson_page_init (HsLessonPage *self)
{
  self->zoom = 1.0;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->scorm_log = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->scorm_list, G_LIST_MODEL (self->scorm_log), create_scorm_row, NULL, NULL);

  g_signal_connect_object (hs_application_get_settings (app ()), "changed::text-scale",
                           G_CALLBACK (text_scale_changed_cb), self, 0);
  g_signal_connect_object (hs_application_get_settings (app ()), "changed::read-aloud-speed",
                           G_CALLBACK (read_speed_changed_cb), self, 0);
  g_signal_connect_object (hs_application_get_settings (app ()), "changed::scorm-debug",
                           G_CALLBACK (scorm_debug_changed_cb), self, 0);
}

GtkWidget *
hs_lesson_page_new (void)
{
  return g_object_new (HS_TYPE_LESSON_PAGE, NULL);
}
