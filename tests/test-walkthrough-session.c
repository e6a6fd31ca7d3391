/* test-walkthrough-session.c — hs-walkthrough-session: Watch, Try, Test, records, resume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the demo walkthrough (tests/data/walkthrough-demo) installed in a
 * course, through the session as the practice page would.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-library.h"
#include "hs-progress.h"
#include "hs-test-fixtures.h"
#include "hs-walkthrough-session.h"

#define COURSE_ID "vn.hocso.thuc-hanh"
#define LESSON_ID "kich-hoat"
#define REAL_ID   "079203004567"

/* The demo's right flow, and the right action on each of its steps. */
static const char * const demo_path[] = {
  "mo-ung-dung", "chon-kich-hoat", "nhap-so-dinh-danh", "nhap-so-dien-thoai", "gui-yeu-cau",
  "tin-nhan-la", "nhap-otp", "dat-mat-khau", "dat-passcode", "hoan-tat",
};

static const char * const right_actions[] = {
  "{\"tap\": {\"x\": 180, \"y\": 390}}",
  "{\"tap\": {\"x\": 180, \"y\": 600}}",
  "{\"text\": \"001 099 012 345\"}",
  "{\"text\": \"0912345678\"}",
  "{\"tap\": {\"x\": 180, \"y\": 650}}",
  "{\"choice\": \"b\"}",
  "{\"text\": \"246810\"}",
  "{\"text\": \"Hocso@2026\"}",
  "{\"text\": \"135790\"}",
  "{\"tap\": {\"x\": 180, \"y\": 630}}",
};

#define SCAM_LINK  "{\"tap\": {\"x\": 100, \"y\": 90}}"
#define BACK_TAP   "{\"tap\": {\"x\": 180, \"y\": 630}}"
#define EMPTY_TAP  "{\"tap\": {\"x\": 60, \"y\": 480}}"

typedef struct {
  char       *tmp;
  char       *data_dir;
  HsLibrary  *library;
  HsProgress *progress;
  HsLearner  *learner;
  HsCourse   *course;
  HsLesson   *lesson;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *package = NULL;
  g_autoptr(HsCourse) imported = NULL;

  fx->tmp = hs_test_make_tmp_dir ();
  fx->data_dir = g_build_filename (fx->tmp, "data", NULL);
  fx->library = hs_library_new (fx->data_dir, &error);
  g_assert_no_error (error);
  fx->progress = hs_progress_new (fx->library);
  fx->learner = hs_progress_add_learner (fx->progress, "Trần Văn Bình", HS_ROLE_STAFF, &error);
  g_assert_no_error (error);

  package = hs_test_make_walkthrough_package (fx->tmp, COURSE_ID, NULL);
  imported = hs_library_import (fx->library, package, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fx->course = hs_library_get_course (fx->library, COURSE_ID, &error);
  g_assert_no_error (error);
  fx->lesson = g_object_ref (hs_course_find_lesson (fx->course, LESSON_ID));
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->lesson);
  g_clear_object (&fx->course);
  g_clear_object (&fx->learner);
  g_clear_object (&fx->progress);
  g_clear_object (&fx->library);
  hs_test_rm_rf (fx->tmp);
  g_free (fx->tmp);
  g_free (fx->data_dir);
}

static HsWalkthroughSession *
new_session (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  HsWalkthroughSession *session = hs_walkthrough_session_new (fx->progress, fx->learner, fx->course,
                                                              fx->lesson, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static JsonNode *
json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static JsonObject *
obj (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonObject *
view_step (JsonObject *view)
{
  return json_object_get_object_member (view, "step");
}

static const char *
view_step_id (JsonObject *view)
{
  return json_object_get_string_member (view_step (view), "id");
}

/* Acts through the session; checks the outcome and returns the reply. */
static JsonNode *
act (HsWalkthroughSession *session,
     const char           *action,
     const char           *outcome)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json (action);
  JsonNode *reply = hs_walkthrough_session_act (session, node, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (obj (reply), "outcome"), ==, outcome);
  return reply;
}

static JsonObject *
reply_view (JsonNode *reply)
{
  return json_object_get_object_member (obj (reply), "view");
}

static JsonNode *
start (HsWalkthroughSession *session,
       HsWalkthroughMode     mode)
{
  g_autoptr(GError) error = NULL;
  JsonNode *reply = hs_walkthrough_session_start (session, mode, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

static gint64
count (Fixture    *fx,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  HsStore *store = hs_library_get_store (fx->library);
  sqlite3_stmt *stmt = hs_store_query (store, &error, sql, "");
  gint64 n = -1;

  g_assert_no_error (error);
  if (hs_store_step (store, stmt, &error) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  g_assert_no_error (error);
  sqlite3_reset (stmt);
  return n;
}

static char *
query_text (Fixture    *fx,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  HsStore *store = hs_library_get_store (fx->library);
  sqlite3_stmt *stmt = hs_store_query (store, &error, sql, "");
  char *text = NULL;

  g_assert_no_error (error);
  if (hs_store_step (store, stmt, &error) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_no_error (error);
  sqlite3_reset (stmt);
  return text;
}

static HsLessonProgress *
lesson_state (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  HsLessonProgress *state = hs_progress_get_lesson (fx->progress, fx->learner, COURSE_ID, LESSON_ID, &error);

  g_assert_no_error (error);
  return state;
}

static void
finished_cb (HsWalkthroughSession *session,
             gboolean              passed,
             gpointer              user_data)
{
  int *signalled = user_data;

  *signalled = passed ? 1 : 0;
}

static void
test_not_a_walkthrough (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  HsLesson *page = hs_course_find_lesson (fx->course, "l1");
  g_autoptr(HsWalkthroughSession) session = NULL;

  g_assert_nonnull (page);
  session = hs_walkthrough_session_new (fx->progress, fx->learner, fx->course, page, &error);
  g_assert_null (session);
  g_assert_error (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_NOT_A_WALKTHROUGH);
}

static void
test_state (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsWalkthroughSession) session = new_session (fx);
  g_autoptr(JsonNode) state = hs_walkthrough_session_get_state (session, &error);
  g_autoptr(JsonNode) results = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  object = obj (state);
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Kích hoạt tài khoản định danh (mô phỏng)");
  g_assert_cmpint (json_object_get_int_member (object, "steps"), ==, 10);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "pass_mark"), 0.8, 1e-9);
  g_assert_cmpint (json_object_get_int_member (object, "tests_taken"), ==, 0);
  g_assert_true (json_object_get_null_member (object, "best_score"));
  g_assert_false (json_object_get_boolean_member (object, "passed"));
  g_assert_true (json_object_get_null_member (object, "open_test"));

  results = hs_walkthrough_session_get_results (session, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_NULL (results));
  g_assert_cmpfloat_with_epsilon (hs_walkthrough_session_get_pass_mark (session), 0.8, 1e-9);
}

static void
test_not_started (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(HsWalkthroughSession) session = new_session (fx);
  g_autoptr(JsonNode) action = json (right_actions[0]);
  const char * const bad_requests[] = {
    "{\"type\": \"walkthrough-nonsense\"}",
    "{\"type\": \"walkthrough-start\"}",
    "{\"type\": \"walkthrough-start\", \"mode\": \"play\"}",
    "{\"type\": \"walkthrough-start\", \"mode\": 2}",
    "{\"type\": \"walkthrough-watch\", \"position\": \"2\"}",
    "{\"type\": \"walkthrough-watch\", \"position\": -1}",
    "{\"type\": \"walkthrough-act\"}",
    "{\"kind\": \"walkthrough-state\"}",
    "[\"walkthrough-state\"]",
  };

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) reply = hs_walkthrough_session_act (session, action, &error);

    g_assert_null (reply);
    g_assert_error (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_NOT_STARTED);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) reply = hs_walkthrough_session_get_view (session, &error);

    g_assert_null (reply);
    g_assert_error (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_NOT_STARTED);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) reply = hs_walkthrough_session_watch (session, 1, &error);

    g_assert_null (reply);
    g_assert_error (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_NOT_STARTED);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad_requests); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) message = json (bad_requests[i]);
      g_autoptr(JsonNode) reply = hs_walkthrough_session_handle (session, message, &error);

      g_assert_null (reply);
      g_assert_error (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_INVALID_REQUEST);
    }

  /* None of it started anything. */
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM attempts"), ==, 0);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM progress"), ==, 0);
}

static void
test_watch (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsWalkthroughSession) session = new_session (fx);
  g_autoptr(JsonNode) started = start (session, HS_WALKTHROUGH_MODE_WATCH);
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) last = NULL;
  g_autoptr(JsonNode) action = json (right_actions[0]);
  g_autoptr(HsLessonProgress) state = NULL;
  JsonObject *view, *step;

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj (started), "walkthrough"), "mode"),
                   ==, "watch");
  g_assert_false (json_object_get_boolean_member (obj (started), "resumed"));
  view = json_object_get_object_member (obj (started), "view");
  g_assert_cmpstr (json_object_get_string_member (view, "mode"), ==, "watch");
  g_assert_cmpstr (view_step_id (view), ==, "mo-ung-dung");
  g_assert_cmpint (json_object_get_int_member (view, "total"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (view, "done"), ==, 0);
  g_assert_true (json_object_get_boolean_member (view, "show_hint"));
  /* Watch shows the way: the target, the hint, where Next goes. */
  step = view_step (view);
  g_assert_true (json_object_has_member (step, "target"));
  g_assert_true (json_object_has_member (step, "hint"));
  g_assert_cmpstr (json_object_get_string_member (step, "next"), ==, "chon-kich-hoat");

  /* Next and Back go along the right flow, never into a warning. */
  second = hs_walkthrough_session_watch (session, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (view_step_id (obj (second)), ==, "nhap-so-dinh-danh");
  g_assert_cmpstr (json_object_get_string_member (view_step (obj (second)), "value"), ==, "001099012345");
  last = hs_walkthrough_session_watch (session, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (view_step_id (obj (last)), ==, "hoan-tat");

  for (guint position = 0; position <= 11; position += 11)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) none = hs_walkthrough_session_watch (session, position, &local_error);

      g_assert_null (none);
      g_assert_error (local_error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_INVALID_REQUEST);
    }

  /* There is nothing to do in Watch mode. */
  {
    g_autoptr(JsonNode) reply = hs_walkthrough_session_act (session, action, &error);

    g_assert_null (reply);
    g_assert_error (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_INVALID_REQUEST);
    g_clear_error (&error);
  }

  /* Watching is progress, not an attempt, and completes nothing. */
  state = lesson_state (fx);
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  g_assert_cmpfloat_with_epsilon (state->fraction, 1.0, 1e-9);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM attempts"), ==, 0);
}

static void
test_try (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(HsWalkthroughSession) session = new_session (fx);
  g_autoptr(JsonNode) started = start (session, HS_WALKTHROUGH_MODE_TRY);
  g_autoptr(HsLessonProgress) state = NULL;
  JsonObject *view = json_object_get_object_member (obj (started), "view");
  int signalled = -1;

  g_signal_connect (session, "finished", G_CALLBACK (finished_cb), &signalled);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (started), "walkthrough"),
                                               "hint_after"), ==, 2);
  g_assert_cmpstr (view_step_id (view), ==, "mo-ung-dung");
  g_assert_false (json_object_get_boolean_member (view, "show_hint"));
  /* Try has the hint and target at hand, to show when the time comes. */
  g_assert_true (json_object_has_member (view_step (view), "target"));
  g_assert_false (json_object_has_member (view_step (view), "next"));

  /* A miss, then another: the hint shows. */
  {
    g_autoptr(JsonNode) reply = act (session, EMPTY_TAP, "miss");

    g_assert_cmpint (json_object_get_int_member (reply_view (reply), "misses"), ==, 1);
    g_assert_false (json_object_get_boolean_member (reply_view (reply), "show_hint"));
  }
  {
    g_autoptr(JsonNode) reply = act (session, EMPTY_TAP, "miss");

    g_assert_cmpint (json_object_get_int_member (reply_view (reply), "misses"), ==, 2);
    g_assert_true (json_object_get_boolean_member (reply_view (reply), "show_hint"));
    g_assert_cmpstr (view_step_id (reply_view (reply)), ==, "mo-ung-dung");
  }

  /* The scam link leads to its warning, with why, and back again. */
  {
    g_autoptr(JsonNode) reply = act (session, SCAM_LINK, "branch");

    g_assert_cmpstr (json_object_get_string_member (obj (reply), "branch"), ==, "link-nhan-qua");
    g_assert_nonnull (strstr (json_object_get_string_member (obj (reply), "feedback"), "lừa đảo"));
    g_assert_cmpstr (view_step_id (reply_view (reply)), ==, "canh-bao-link");
  }
  {
    g_autoptr(JsonNode) reply = act (session, BACK_TAP, "right");

    g_assert_cmpstr (view_step_id (reply_view (reply)), ==, "mo-ung-dung");
    g_assert_true (json_object_get_boolean_member (reply_view (reply), "show_hint"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (right_actions); i++)
    {
      g_autoptr(JsonNode) reply = NULL;

      /* A real-looking ID stops the learner, who stays on the step. */
      if (i == 2)
        {
          g_autoptr(JsonNode) guard = act (session, "{\"text\": \"" REAL_ID "\"}", "guard");

          g_assert_cmpstr (json_object_get_string_member (obj (guard), "guard"), ==, "citizen_id");
          g_assert_nonnull (json_object_get_string_member (obj (guard), "message"));
          g_assert_cmpstr (view_step_id (reply_view (guard)), ==, "nhap-so-dinh-danh");
        }
      reply = act (session, right_actions[i], "right");
      if (i + 1 < G_N_ELEMENTS (right_actions))
        {
          g_assert_cmpstr (view_step_id (reply_view (reply)), ==, demo_path[i + 1]);
          g_assert_cmpint (json_object_get_int_member (reply_view (reply), "done"), ==, i + 1);
        }
      else
        {
          g_assert_true (json_object_get_boolean_member (reply_view (reply), "finished"));
          g_assert_cmpint (json_object_get_int_member (reply_view (reply), "done"), ==, 10);
          g_assert_true (json_object_get_null_member (reply_view (reply), "result"));
        }
    }

  /* A finished Try takes no more actions. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) action = json (right_actions[0]);
    g_autoptr(JsonNode) reply = hs_walkthrough_session_act (session, action, &error);

    g_assert_null (reply);
    g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_ACTION);
  }

  /* Practice is not a Test: no attempt, no result, the lesson not complete,
   * only how far the learner came. */
  g_assert_cmpint (signalled, ==, -1);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM attempts"), ==, 0);
  state = lesson_state (fx);
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  g_assert_cmpfloat_with_epsilon (state->fraction, 1.0, 1e-9);
  g_assert_false (state->has_score);
}

/* Everything right: the Test passes and completes the lesson. */
static void
test_test_perfect (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(HsWalkthroughSession) session = new_session (fx);
  g_autoptr(JsonNode) started = start (session, HS_WALKTHROUGH_MODE_TEST);
  g_autoptr(HsLessonProgress) state = NULL;
  g_autofree char *items = NULL;
  JsonObject *view = json_object_get_object_member (obj (started), "view");
  JsonObject *result = NULL;
  g_autoptr(JsonNode) last = NULL;
  int signalled = -1;

  g_signal_connect (session, "finished", G_CALLBACK (finished_cb), &signalled);
  g_assert_false (json_object_get_boolean_member (obj (started), "resumed"));
  g_assert_false (json_object_has_member (json_object_get_object_member (obj (started), "walkthrough"), "hint_after"));
  g_assert_cmpstr (view_step_id (view), ==, "mo-ung-dung");
  /* A Test shows no target, hint or next step. */
  g_assert_false (json_object_has_member (view_step (view), "target"));
  g_assert_false (json_object_has_member (view_step (view), "hint"));
  g_assert_false (json_object_has_member (view_step (view), "next"));

  /* The attempt is there from the start, its items the right flow. */
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM attempts WHERE kind = 'walkthrough' AND mode = 'test'"
                              " AND finished IS NULL AND lesson_id = 'kich-hoat'"), ==, 1);
  items = query_text (fx, "SELECT items FROM attempts");
  g_assert_cmpstr (items, ==, "[\"mo-ung-dung\",\"chon-kich-hoat\",\"nhap-so-dinh-danh\",\"nhap-so-dien-thoai\","
                               "\"gui-yeu-cau\",\"tin-nhan-la\",\"nhap-otp\",\"dat-mat-khau\",\"dat-passcode\","
                               "\"hoan-tat\"]");

  for (guint i = 0; i < G_N_ELEMENTS (right_actions); i++)
    {
      g_autoptr(JsonNode) reply = act (session, right_actions[i], "right");

      /* Each step is kept as it is done. */
      g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM responses"), ==, i + 1);
      if (i + 1 < G_N_ELEMENTS (right_actions))
        {
          g_assert_cmpstr (view_step_id (reply_view (reply)), ==, demo_path[i + 1]);
          g_assert_cmpint (signalled, ==, -1);
        }
      else
        last = g_steal_pointer (&reply);
    }

  g_assert_true (json_object_get_boolean_member (reply_view (last), "finished"));
  result = json_object_get_object_member (reply_view (last), "result");
  g_assert_cmpint (json_object_get_int_member (result, "right"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (result, "total"), ==, 10);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (result, "score"), 1.0, 1e-9);
  g_assert_true (json_object_get_boolean_member (result, "passed"));
  g_assert_true (json_object_get_boolean_member (result, "lesson_passed"));
  g_assert_cmpint (json_object_get_int_member (result, "tests_taken"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "steps")), ==, 10);
  g_assert_cmpint (signalled, ==, 1);

  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM attempts WHERE finished IS NOT NULL AND ended_by = 'submitted'"
                              " AND earned = 10 AND max_points = 10 AND score = 1 AND passed = 1"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM responses WHERE correct = 1 AND earned = 1 AND max_points = 1"
                              " AND tries = 1"), ==, 10);
  /* The sample values typed are kept, being invented. */
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM responses WHERE item_id = 'nhap-so-dinh-danh'"
                              " AND json_extract (response, '$.response.text') = '001099012345'"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM events WHERE verb LIKE '%/passed'"), ==, 1);

  state = lesson_state (fx);
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_true (state->passed);
  g_assert_cmpfloat_with_epsilon (state->score, 1.0, 1e-9);
}

/* The demo's mistakes: 6 steps of 10 right first time, not passed; no
 * real-looking number reaches the database; a second Test passes. */
static void
test_test_mistakes (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(HsWalkthroughSession) session = new_session (fx);
  g_autoptr(JsonNode) started = start (session, HS_WALKTHROUGH_MODE_TEST);
  g_autoptr(JsonNode) last = NULL;
  g_autoptr(JsonNode) state_node = NULL;
  g_autoptr(JsonNode) restarted = NULL;
  g_autoptr(HsLessonProgress) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fx->data_dir, "hocso.db", NULL);
  g_autofree char *dump = NULL;
  JsonObject *result;
  JsonArray *steps;
  int signalled = -1;

  g_signal_connect (session, "finished", G_CALLBACK (finished_cb), &signalled);

  g_clear_pointer (&last, json_node_unref);
  last = act (session, SCAM_LINK, "branch");
  /* In a Test too, the warning says why. */
  g_assert_nonnull (json_object_get_string_member (obj (last), "feedback"));
  g_clear_pointer (&last, json_node_unref);
  last = act (session, BACK_TAP, "right");
  for (guint i = 0; i < G_N_ELEMENTS (right_actions); i++)
    {
      if (i == 2)
        {
          g_clear_pointer (&last, json_node_unref);
          last = act (session, "{\"text\": \"" REAL_ID "\"}", "guard");
          g_assert_nonnull (strstr (json_object_get_string_member (obj (last), "message"), "citizen ID"));
          /* A Test shows no hint, even after misses. */
          g_assert_false (json_object_get_boolean_member (reply_view (last), "show_hint"));
          g_clear_pointer (&last, json_node_unref);
          last = act (session, "{\"text\": \"0987 654 321\"}", "guard");
        }
      if (i == 5)
        {
          g_clear_pointer (&last, json_node_unref);
          last = act (session, "{\"choice\": \"a\"}", "branch");
          g_clear_pointer (&last, json_node_unref);
          last = act (session, BACK_TAP, "right");
        }
      if (i == 8)
        {
          g_clear_pointer (&last, json_node_unref);
          last = act (session, "{\"text\": \"1357\"}", "miss");
        }
      g_clear_pointer (&last, json_node_unref);
      last = act (session, right_actions[i], "right");
    }

  result = json_object_get_object_member (reply_view (last), "result");
  g_assert_cmpint (json_object_get_int_member (result, "right"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (result, "total"), ==, 10);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (result, "score"), 0.6, 1e-9);
  g_assert_false (json_object_get_boolean_member (result, "passed"));
  g_assert_false (json_object_get_boolean_member (result, "lesson_passed"));
  g_assert_cmpint (signalled, ==, 0);
  /* Which steps to practise again, in the flow's order. */
  steps = json_object_get_array_member (result, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0), "id"), ==, "mo-ung-dung");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (steps, 0), "correct"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (steps, 1), "correct"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (steps, 2), "correct"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (steps, 2), "position"), ==, 3);
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (steps, 2), "instruction"));

  /* Twelve steps were reached (two warnings); the attempt scores ten. */
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM responses"), ==, 12);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM attempts WHERE earned = 6 AND max_points = 10 AND passed = 0"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT tries FROM responses WHERE item_id = 'nhap-so-dinh-danh'"), ==, 3);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM responses WHERE item_id = 'nhap-so-dinh-danh'"
                              " AND json_extract (response, '$.response.guard') = 'citizen_id'"
                              " AND json_extract (response, '$.response.text') IS NULL"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM events WHERE verb LIKE '%/failed'"), ==, 1);

  /* What the learner typed that looked real is nowhere on the computer. */
  dump = hs_test_dump_db (db_path);
  g_assert_null (strstr (dump, REAL_ID));
  g_assert_null (strstr (dump, "0987 654 321"));
  g_assert_null (strstr (dump, "0987654321"));

  state = lesson_state (fx);
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  g_assert_false (state->passed);
  g_assert_cmpfloat_with_epsilon (state->score, 0.6, 1e-9);
  g_clear_pointer (&state, hs_lesson_progress_free);

  /* The finished Test is shown again, but takes no more actions. */
  {
    g_autoptr(JsonNode) view = hs_walkthrough_session_get_view (session, &error);
    g_autoptr(JsonNode) action = json (right_actions[0]);
    g_autoptr(JsonNode) none = NULL;

    g_assert_no_error (error);
    g_assert_true (json_object_get_boolean_member (obj (view), "finished"));
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (view), "result"), "right"), ==, 6);
    none = hs_walkthrough_session_act (session, action, &error);
    g_assert_null (none);
    g_assert_error (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_NOT_STARTED);
    g_clear_error (&error);
  }

  /* Again, right: a new attempt, which passes; the best score is kept. */
  restarted = start (session, HS_WALKTHROUGH_MODE_TEST);
  g_assert_false (json_object_get_boolean_member (obj (restarted), "resumed"));
  g_assert_cmpstr (view_step_id (json_object_get_object_member (obj (restarted), "view")), ==, "mo-ung-dung");
  for (guint i = 0; i < G_N_ELEMENTS (right_actions); i++)
    {
      g_clear_pointer (&last, json_node_unref);
      last = act (session, right_actions[i], "right");
    }
  g_assert_cmpint (signalled, ==, 1);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM attempts WHERE finished IS NOT NULL"), ==, 2);
  state = lesson_state (fx);
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_cmpfloat_with_epsilon (state->score, 1.0, 1e-9);

  state_node = hs_walkthrough_session_get_state (session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (obj (state_node), "tests_taken"), ==, 2);
  g_assert_true (json_object_get_boolean_member (obj (state_node), "passed"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (state_node), "best_score"), 1.0, 1e-9);
}

/* A Test left half-way goes on at the same step, with every first try as
 * it was: the mistake made before the window closed still counts. */
static void
test_resume (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) last = NULL;
  JsonObject *result;

  {
    g_autoptr(HsWalkthroughSession) session = new_session (fx);
    g_autoptr(JsonNode) started = start (session, HS_WALKTHROUGH_MODE_TEST);

    for (guint i = 0; i < 3; i++)
      {
        g_clear_pointer (&last, json_node_unref);
        last = act (session, right_actions[i], "right");
      }
    g_clear_pointer (&last, json_node_unref);
    last = act (session, "{\"text\": \"0912 345\"}", "miss");
  }

  {
    g_autoptr(HsWalkthroughSession) session = new_session (fx);
    g_autoptr(JsonNode) state = hs_walkthrough_session_get_state (session, &error);
    g_autoptr(JsonNode) resumed = NULL;
    JsonObject *open, *view;

    g_assert_no_error (error);
    open = json_object_get_object_member (obj (state), "open_test");
    g_assert_nonnull (open);
    g_assert_cmpint (json_object_get_int_member (open, "done"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (open, "total"), ==, 10);

    resumed = start (session, HS_WALKTHROUGH_MODE_TEST);
    g_assert_true (json_object_get_boolean_member (obj (resumed), "resumed"));
    view = json_object_get_object_member (obj (resumed), "view");
    g_assert_cmpstr (view_step_id (view), ==, "nhap-so-dien-thoai");
    g_assert_cmpint (json_object_get_int_member (view, "done"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (view, "misses"), ==, 1);

    /* Now the scam link on the next step... and the window closes on the
     * warning. */
    g_clear_pointer (&last, json_node_unref);
    last = act (session, right_actions[3], "right");
    g_clear_pointer (&last, json_node_unref);
    last = act (session, right_actions[4], "right");
    g_clear_pointer (&last, json_node_unref);
    last = act (session, "{\"choice\": \"a\"}", "branch");
    g_assert_cmpstr (view_step_id (reply_view (last)), ==, "canh-bao-otp");
  }

  {
    g_autoptr(HsWalkthroughSession) session = new_session (fx);
    g_autoptr(JsonNode) resumed = start (session, HS_WALKTHROUGH_MODE_TEST);

    g_assert_cmpstr (view_step_id (json_object_get_object_member (obj (resumed), "view")), ==, "canh-bao-otp");
    g_clear_pointer (&last, json_node_unref);
    last = act (session, BACK_TAP, "right");
    g_assert_cmpstr (view_step_id (reply_view (last)), ==, "tin-nhan-la");
    for (guint i = 5; i < G_N_ELEMENTS (right_actions); i++)
      {
        g_clear_pointer (&last, json_node_unref);
        last = act (session, right_actions[i], "right");
      }
  }

  /* One attempt, start to end: 8 of 10 right first time, passed. */
  result = json_object_get_object_member (reply_view (last), "result");
  g_assert_cmpint (json_object_get_int_member (result, "right"), ==, 8);
  g_assert_true (json_object_get_boolean_member (result, "passed"));
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM attempts"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM responses"), ==, 11);
}

/* Practising while a Test is open leaves the Test as it was. */
static void
test_try_during_test (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(HsWalkthroughSession) session = new_session (fx);
  g_autoptr(JsonNode) test = start (session, HS_WALKTHROUGH_MODE_TEST);
  g_autoptr(JsonNode) try = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(JsonNode) last = NULL;
  g_autoptr(GError) error = NULL;

  last = act (session, right_actions[0], "right");
  try = start (session, HS_WALKTHROUGH_MODE_TRY);
  g_assert_cmpstr (view_step_id (json_object_get_object_member (obj (try), "view")), ==, "mo-ung-dung");
  g_clear_pointer (&last, json_node_unref);
  last = act (session, right_actions[0], "right");
  g_clear_pointer (&last, json_node_unref);
  last = act (session, EMPTY_TAP, "miss");

  /* The start screen does not disturb the Try under way. */
  state = hs_walkthrough_session_get_state (session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (state), "open_test"), "done"), ==, 1);
  g_clear_pointer (&last, json_node_unref);
  last = act (session, right_actions[1], "right");
  g_assert_cmpstr (view_step_id (reply_view (last)), ==, "nhap-so-dinh-danh");

  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM responses"), ==, 1);
  back = start (session, HS_WALKTHROUGH_MODE_TEST);
  g_assert_true (json_object_get_boolean_member (obj (back), "resumed"));
  g_assert_cmpstr (view_step_id (json_object_get_object_member (obj (back), "view")), ==, "chon-kich-hoat");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (back), "view"), "misses"), ==, 0);
}

/* After a course update the Test goes on from the first step, keeping
 * what was done; a saved row that cannot be read stops it, changing
 * nothing. */
static void
test_resume_changed (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(HsWalkthroughSession) session = new_session (fx);
  g_autoptr(JsonNode) test = start (session, HS_WALKTHROUGH_MODE_TEST);
  g_autoptr(JsonNode) last = NULL;
  g_autoptr(JsonNode) view = NULL;
  g_autoptr(JsonNode) action = json (right_actions[0]);
  g_autoptr(GError) error = NULL;
  HsStore *store = hs_library_get_store (fx->library);

  last = act (session, EMPTY_TAP, "miss");
  g_clear_pointer (&last, json_node_unref);
  last = act (session, right_actions[0], "right");
  g_clear_pointer (&last, json_node_unref);
  last = act (session, right_actions[1], "right");

  hs_store_run (store, &error, "UPDATE attempts SET course_version = '0.9'", "");
  g_assert_no_error (error);
  view = hs_walkthrough_session_get_view (session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (view_step_id (obj (view)), ==, "mo-ung-dung");
  g_assert_cmpint (json_object_get_int_member (obj (view), "done"), ==, 2);
  g_clear_pointer (&last, json_node_unref);
  last = act (session, right_actions[0], "right");
  /* The first try on the step stands: a miss. */
  g_assert_cmpint (count (fx, "SELECT correct FROM responses WHERE item_id = 'mo-ung-dung'"), ==, 0);
  g_assert_cmpint (count (fx, "SELECT tries FROM responses WHERE item_id = 'mo-ung-dung'"), ==, 3);

  hs_store_run (store, &error, "UPDATE responses SET response = '{\"step\": \"chon-kich-hoat\"}'"
                               " WHERE item_id = 'chon-kich-hoat'", "");
  g_assert_no_error (error);
  g_clear_pointer (&last, json_node_unref);
  last = hs_walkthrough_session_act (session, action, &error);
  g_assert_null (last);
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_FIELD);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM responses"), ==, 2);
}

/* The page's messages, as the lesson view hands them over. */
static void
test_handle (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(HsWalkthroughSession) session = new_session (fx);
  const char * const script[][2] = {
    { "{\"type\": \"walkthrough-state\"}", "steps" },
    { "{\"type\": \"walkthrough-start\", \"mode\": \"watch\"}", "walkthrough" },
    { "{\"type\": \"walkthrough-watch\", \"position\": 2}", "step" },
    { "{\"type\": \"walkthrough-step\"}", "step" },
    { "{\"type\": \"walkthrough-start\", \"mode\": \"test\"}", "view" },
    { "{\"type\": \"walkthrough-act\", \"action\": {\"tap\": {\"x\": 180, \"y\": 390}}}", "outcome" },
    { "{\"type\": \"walkthrough-step\"}", "step" },
    { "{\"type\": \"walkthrough-results\"}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (script); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) message = json (script[i][0]);
      g_autoptr(JsonNode) reply = hs_walkthrough_session_handle (session, message, &error);

      g_assert_no_error (error);
      g_assert_nonnull (reply);
      if (script[i][1] != NULL)
        g_assert_true (json_object_has_member (obj (reply), script[i][1]));
      else
        g_assert_true (JSON_NODE_HOLDS_NULL (reply));
    }

  /* An action the step cannot take is an error, not a miss. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) message = json ("{\"type\": \"walkthrough-act\", \"action\": {\"choice\": \"b\"}}");
    g_autoptr(JsonNode) reply = hs_walkthrough_session_handle (session, message, &error);

    g_assert_null (reply);
    g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_ACTION);
    g_assert_cmpint (count (fx, "SELECT tries FROM responses"), ==, 1);
  }
}

/* Done never completes a walkthrough: only a passed Test does. */
static void
test_done_refused (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLessonProgress) state = NULL;

  g_assert_false (hs_progress_record (fx->progress, fx->learner, COURSE_ID, LESSON_ID, HS_VERB_COMPLETED, 1, NULL,
                                      &error));
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "passing its test"));
  state = lesson_state (fx);
  g_assert_true (state == NULL || state->status == HS_LESSON_STATUS_NOT_STARTED);
  g_assert_cmpint (count (fx, "SELECT COUNT(*) FROM events"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/hocso/walkthrough-session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("not-a-walkthrough", test_not_a_walkthrough);
  ADD ("state", test_state);
  ADD ("not-started", test_not_started);
  ADD ("watch", test_watch);
  ADD ("try", test_try);
  ADD ("test-perfect", test_test_perfect);
  ADD ("test-mistakes", test_test_mistakes);
  ADD ("resume", test_resume);
  ADD ("try-during-test", test_try_during_test);
  ADD ("resume-changed", test_resume_changed);
  ADD ("handle", test_handle);
  ADD ("done-refused", test_done_refused);

#undef ADD

  return g_test_run ();
}
