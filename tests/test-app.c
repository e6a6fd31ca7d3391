/* test-app.c — the whole app, as a learner uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens Học Số on a lesson of the sample course, reads it to the end,
 * quits; then starts again, finds the lesson under "Continue" and reopens
 * it at the same place.  Records are checked in the database in between.
 */
#include "config.h"

#include <string.h>

#include "hs-application.h"
#include "hs-lesson-page.h"
#include "hs-test-fixtures.h"
#include "hs-window.h"

#define COURSE "vn.hocso.lam-quen"
#define LESSON "hoc-so-la-gi"
#define LEARNER "Nguyễn Thị Lan"

static char *data_dir;

typedef struct {
  HsApplication *app;
  int            step;
  char          *answer;
  gboolean       js_done;
  guint          ticks;
  gboolean       failed;
  const char    *script;     /* the JavaScript the test runs, then quits */
} Run;

static void
js_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source),
                                                                                     result, &error);

  g_assert_no_error (error);
  run->answer = jsc_value_to_string (value);
  run->js_done = TRUE;
}

static HsLessonView *
lesson_view (Run *run)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  if (!HS_IS_WINDOW (window) || g_strcmp0 (hs_window_get_page_name (HS_WINDOW (window)), "lesson") != 0)
    return NULL;
  return hs_lesson_page_get_view (HS_LESSON_PAGE (hs_window_get_lesson_page (HS_WINDOW (window))));
}

/* A small state machine, one step per tick: wait for the lesson, run the
 * script, give the runtime time to report, quit. */
static gboolean
tick_cb (gpointer user_data)
{
  Run *run = user_data;
  HsLessonView *view = lesson_view (run);

  if (++run->ticks > 600)
    {
      run->failed = TRUE;
      g_application_quit (G_APPLICATION (run->app));
      return G_SOURCE_REMOVE;
    }

  switch (run->step)
    {
    case 0:
      if (view != NULL && !webkit_web_view_is_loading (WEBKIT_WEB_VIEW (view)) &&
          g_str_has_prefix (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)) ?: "", "hocso://"))
        run->step = 1;
      break;
    case 1:
      /* Let the runtime restore the saved place first. */
      if (run->ticks % 10 == 0)
        {
          webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (view), run->script, -1, NULL, NULL,
                                                          NULL, NULL, js_done_cb, run);
          run->step = 2;
        }
      break;
    case 2:
      if (run->js_done)
        run->step = 3;
      break;
    default:
      if (++run->step > 3 + 20)
        {
          g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
          return G_SOURCE_REMOVE;
        }
    }

  return G_SOURCE_CONTINUE;
}

static char *
run_app (const char *script,
         const char *const *args)
{
  g_autoptr(HsApplication) app = hs_application_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  Run run = { app, 0, NULL, FALSE, 0, FALSE, script };
  int status;

  g_ptr_array_add (argv, (char *) "hocso");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_timeout_add (100, tick_cb, &run);
  status = g_application_run (G_APPLICATION (app), argv->len - 1, (char **) argv->pdata);
  g_assert_cmpint (status, ==, 0);
  g_assert_false (run.failed);
  return run.answer;
}

static HsLessonProgress *
saved_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = hs_library_new (data_dir, &error);
  g_autoptr(HsProgress) progress = hs_progress_new (library);
  g_autoptr(HsLearner) learner = hs_progress_find_learner (progress, LEARNER, &error);

  g_assert_no_error (error);
  return hs_progress_get_lesson (progress, learner, COURSE, LESSON, &error);
}

static void
test_read_quit_continue (void)
{
  const char *open_args[] = { "open", COURSE, LESSON, "--learner", LEARNER, NULL };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(HsLessonProgress) state = NULL;
  g_autofree char *last_course = NULL;

  /* Read half way, then quit: the place is saved on the way out. */
  first = run_app ("window.scrollTo(0, (document.scrollingElement.scrollHeight - innerHeight) / 2);"
                   "await new Promise(r => setTimeout(r, 800));"
                   "return document.querySelector('h1').textContent;",
                   open_args);
  g_assert_cmpstr (first, ==, "Học Số là gì?");
  state = saved_state ();
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  g_assert_nonnull (state->location);
  g_assert_true (g_str_has_prefix (state->location, "scroll:0.4") || g_str_has_prefix (state->location, "scroll:0.5"));
  g_clear_pointer (&state, hs_lesson_progress_free);

  /* Start again: the lesson reopens where it was left, and reading to the
   * end completes it. */
  second = run_app ("const max = document.scrollingElement.scrollHeight - innerHeight;"
                    "const at = Math.round(100 * scrollY / max);"
                    "window.scrollTo(0, document.scrollingElement.scrollHeight);"
                    "await new Promise(r => setTimeout(r, 800));"
                    "return String(at);",
                    open_args);
  g_assert_cmpint (atoi (second), >=, 40);
  g_assert_cmpint (atoi (second), <=, 60);
  state = saved_state ();
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_COMPLETED);

  /* "Continue" offers that lesson. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HsLibrary) library = hs_library_new (data_dir, &error);
    g_autoptr(HsProgress) progress = hs_progress_new (library);
    g_autoptr(HsLearner) learner = hs_progress_find_learner (progress, LEARNER, &error);
    g_autoptr(HsLessonProgress) last = hs_progress_get_last_lesson (progress, learner, &last_course, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (last_course, ==, COURSE);
    g_assert_cmpstr (last->lesson_id, ==, LESSON);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp = hs_test_make_tmp_dir ();
  data_dir = g_build_filename (tmp, "data", NULL);
  g_setenv ("HOCSO_DATA_DIR", data_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp, TRUE);

  {
    g_autoptr(HsLibrary) library = hs_library_new (data_dir, &error);
    g_autoptr(HsProgress) progress = hs_progress_new (library);
    g_autoptr(HsCourse) course = NULL;
    g_autoptr(HsLearner) learner = NULL;

    g_assert_no_error (error);
    course = hs_library_import (library, g_getenv ("HOCSO_TEST_SAMPLE"), NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    learner = hs_progress_add_learner (progress, LEARNER, HS_ROLE_TEACHER, &error);
    g_assert_no_error (error);
  }

  g_test_add_func ("/hocso/app/read-quit-continue", test_read_quit_continue);

  status = g_test_run ();
  hs_test_rm_rf (tmp);
  g_free (data_dir);
  return status;
}
