/* hs-lesson-page.c — a lesson in its web view, with Previous / Next / Done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page turns what the lesson runtime reports into records: "opened" on
 * arrival, "progressed" at most every few seconds while the learner reads
 * or watches (and once more on leaving, so the place is never lost), and
 * "completed" when the runtime says the rule is met or the learner presses
 * Done.  Quizzes and walkthroughs are completed by passing them, which
 * their sessions record; Done only goes on to the next lesson.
 */
#define G_LOG_DOMAIN "hs-lesson-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-application.h"
#include "hs-lesson-page.h"
#include "hs-window.h"

#define FLUSH_SECONDS 5

struct _HsLessonPage
{
  AdwBin          parent_instance;

  GtkStack       *content_stack;
  AdwBin         *view_bin;
  GtkLabel       *position_label;
  AdwButtonContent *done_content;

  HsLessonView   *view;
  HsLearner      *learner;       /* whose view (and web session) this is */
  HsCourse       *course;
  HsLesson       *lesson;
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
  /* A quiz, or a walkthrough's test, is done by passing it, not by
   * pressing a button. */
  if (self->lesson != NULL && is_assessed (self->lesson) && !done)
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
  record (self, HS_VERB_OPENED, 0, NULL);
  update_navigation (self);
  update_done_button (self);
  gtk_stack_set_visible_child_name (self->content_stack, "view");
  apply_zoom (self);
  hs_lesson_view_set_quiz_session (self->view, quiz);
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
  self->fraction = 0;
}

HsLessonView *
hs_lesson_page_get_view (HsLessonPage *self)
{
  g_return_val_if_fail (HS_IS_LESSON_PAGE (self), NULL);
  return self->view;
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
  if (!is_assessed (self->lesson))
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

  G_OBJECT_CLASS (hs_lesson_page_parent_class)->dispose (object);
}

static void
hs_lesson_page_finalize (GObject *object)
{
  HsLessonPage *self = (HsLessonPage *)object;

  g_free (self->location);

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

  gtk_widget_class_install_action (widget_class, "lesson.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "lesson.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "lesson.done", NULL, done_activated);
  gtk_widget_class_install_action (widget_class, "lesson.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "lesson.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "lesson.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "lesson.zoom-reset", NULL, zoom_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "lesson.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "lesson.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "lesson.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "lesson.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "lesson.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "lesson.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "lesson.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "lesson.previous", NULL);
}

static void
hs_lesson_page_init (HsLessonPage *self)
{
  self->zoom = 1.0;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hs_lesson_page_new (void)
{
  return g_object_new (HS_TYPE_LESSON_PAGE, NULL);
}
