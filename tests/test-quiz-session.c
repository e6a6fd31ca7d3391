/* test-quiz-session.c — hs-quiz-session: attempts, answers, resume, limits, results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "hs-library.h"
#include "hs-progress.h"
#include "hs-quiz-session.h"
#include "hs-test-fixtures.h"

#define COURSE_ID "vn.hocso.kiem-tra"
#define LESSON_ID "kiem-tra"

/* Ten questions, all six types, worth 12 points. */
static const char quiz_json[] =
  "{ \"format\": 1, \"pass_mark\": 0.8, \"shuffle_questions\": true, \"shuffle_choices\": true,"
  "  %s"
  "  \"questions\": ["
  "  { \"id\": \"q1\", \"type\": \"single\", \"text\": \"Ứng dụng định danh điện tử chính thức là gì?\","
  "    \"explanation\": \"Chỉ có một ứng dụng VNeID.\", \"competences\": [\"tt02-4\"],"
  "    \"choices\": [ { \"id\": \"a\", \"text\": \"VNeID\", \"correct\": true },"
  "                   { \"id\": \"b\", \"text\": \"Ứng dụng tải qua đường link\", \"feedback\": \"Không cài ứng dụng từ link.\" },"
  "                   { \"id\": \"c\", \"text\": \"Bất kỳ ứng dụng nào\" } ] },"
  "  { \"id\": \"q2\", \"type\": \"multiple\", \"partial_credit\": true, \"points\": 2, \"text\": \"Điều gì không được đưa cho người lạ?\","
  "    \"choices\": [ { \"id\": \"a\", \"text\": \"Mã OTP\", \"correct\": true },"
  "                   { \"id\": \"b\", \"text\": \"Mật khẩu\", \"correct\": true },"
  "                   { \"id\": \"c\", \"text\": \"Tên trường\" } ] },"
  "  { \"id\": \"q3\", \"type\": \"true_false\", \"text\": \"Công an gọi điện bắt cập nhật định danh.\", \"answer\": false },"
  "  { \"id\": \"q4\", \"type\": \"fill_in\", \"text\": \"Gọi số nào để báo lừa đảo?\", \"accepted\": [\"156\"] },"
  "  { \"id\": \"q5\", \"type\": \"ordering\", \"points\": 2, \"text\": \"Sắp xếp các bước kích hoạt.\","
  "    \"items\": [ { \"id\": \"s1\", \"text\": \"Nhập số định danh\" }, { \"id\": \"s2\", \"text\": \"Nhập mã OTP\" },"
  "                 { \"id\": \"s3\", \"text\": \"Đặt mật khẩu\" } ] },"
  "  { \"id\": \"q6\", \"type\": \"matching\", \"text\": \"Ghép tình huống với việc nên làm.\","
  "    \"pairs\": [ { \"id\": \"p1\", \"left\": \"Cuộc gọi giả công an\", \"right\": \"Gác máy\" },"
  "                 { \"id\": \"p2\", \"left\": \"Tin nhắn lừa đảo\", \"right\": \"Nhắn tới 156\" },"
  "                 { \"id\": \"p3\", \"left\": \"Chuyển nhầm tiền\", \"right\": \"Báo ngân hàng\" } ] },"
  "  { \"id\": \"q7\", \"type\": \"true_false\", \"text\": \"Mỗi tài khoản nên có một mật khẩu riêng.\", \"answer\": true },"
  "  { \"id\": \"q8\", \"type\": \"single\", \"text\": \"Ai phát triển VNeID?\","
  "    \"choices\": [ { \"id\": \"a\", \"text\": \"Bộ Công an\", \"correct\": true }, { \"id\": \"b\", \"text\": \"Một công ty lạ\" } ] },"
  "  { \"id\": \"q9\", \"type\": \"fill_in\", \"ignore_diacritics\": true, \"text\": \"Tên ứng dụng định danh?\","
  "    \"accepted\": [\"định danh điện tử\"] },"
  "  { \"id\": \"q10\", \"type\": \"multiple\", \"text\": \"Mật khẩu mạnh có gì?\","
  "    \"choices\": [ { \"id\": \"a\", \"text\": \"Ít nhất 8 ký tự\", \"correct\": true },"
  "                   { \"id\": \"b\", \"text\": \"Ngày sinh\" } ] }"
  "  ] }";

typedef struct {
  char       *tmp;
  HsLibrary  *library;
  HsProgress *progress;
  HsLearner  *learner;
  HsCourse   *course;
  HsLesson   *lesson;
} Fixture;

static char *
make_quiz (const char *settings)
{
  return g_strdup_printf (quiz_json, settings);
}

static void
install (Fixture    *fx,
         const char *settings)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = make_quiz (settings);
  g_autofree char *package = hs_test_make_quiz_package (fx->tmp, COURSE_ID, json);
  g_autoptr(HsCourse) imported = hs_library_import (fx->library, package, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (imported);
  fx->course = hs_library_get_course (fx->library, COURSE_ID, &error);
  g_assert_no_error (error);
  fx->lesson = g_object_ref (hs_course_find_lesson (fx->course, LESSON_ID));
  g_assert_cmpint (hs_lesson_get_kind (fx->lesson), ==, HS_LESSON_KIND_QUIZ);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;

  fx->tmp = hs_test_make_tmp_dir ();
  data_dir = g_build_filename (fx->tmp, "data", NULL);
  fx->library = hs_library_new (data_dir, &error);
  g_assert_no_error (error);
  fx->progress = hs_progress_new (fx->library);
  fx->learner = hs_progress_add_learner (fx->progress, "Nguyễn Thị Lan", HS_ROLE_TEACHER, &error);
  g_assert_no_error (error);
  install (fx, data != NULL ? data : "");
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
}

static HsQuizSession *
new_session (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  HsQuizSession *session = hs_quiz_session_new (fx->progress, fx->learner, fx->course, fx->lesson, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static JsonObject *
obj (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonNode *
json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* Answers every question of the open attempt, right or wrong, through the
 * questions as the page gets them, and returns the ids in the order asked. */
static GPtrArray *
answer_all (HsQuizSession *session,
            gboolean       right)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *asked = g_ptr_array_new_with_free_func (g_free);
  HsQuiz *quiz = hs_quiz_session_get_quiz (session);
  guint total;

  {
    g_autoptr(JsonNode) state = hs_quiz_session_get_state (session, &error);
    g_assert_no_error (error);
    total = json_object_get_int_member (json_object_get_object_member (obj (state), "open"), "total");
  }

  for (guint i = 0; i < total; i++)
    {
      g_autoptr(JsonNode) view = hs_quiz_session_get_question (session, i, &error);
      g_autoptr(JsonNode) response = NULL;
      g_autoptr(JsonNode) reply = NULL;
      const char *id;

      g_assert_no_error (error);
      id = json_object_get_string_member (json_object_get_object_member (obj (view), "question"), "id");
      g_ptr_array_add (asked, g_strdup (id));
      response = right ? hs_test_quiz_right_response (quiz, id) : hs_test_quiz_wrong_response (quiz, id);
      reply = hs_quiz_session_answer (session, id, response, &error);
      g_assert_no_error (error);
      g_assert_true (json_object_get_boolean_member (obj (reply), "saved"));
      g_assert_cmpint (json_object_get_int_member (obj (reply), "answered"), ==, i + 1);
    }
  return asked;
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

static void
test_full_attempt (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) results = NULL;
  g_autoptr(GPtrArray) asked = NULL;
  g_autoptr(HsLessonProgress) progress = NULL;
  g_autofree char *verbs = NULL;
  JsonArray *review;

  state = hs_quiz_session_get_state (session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (obj (state), "questions"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (obj (state), "attempts_used"), ==, 0);
  g_assert_true (json_object_get_null_member (obj (state), "open"));
  g_assert_true (json_object_get_null_member (obj (state), "attempts_limit"));
  g_assert_true (json_object_get_boolean_member (obj (state), "can_start"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (state), "pass_mark"), 0.8, 1e-9);
  g_clear_pointer (&state, json_node_unref);

  /* Nothing to answer before the attempt starts. */
  g_assert_null (hs_quiz_session_get_question (session, 0, &error));
  g_assert_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_NO_OPEN_ATTEMPT);
  g_clear_error (&error);

  state = hs_quiz_session_start (session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (state), "open"), "total"), ==, 10);

  asked = answer_all (session, TRUE);
  g_assert_cmpuint (asked->len, ==, 10);

  results = hs_quiz_session_submit (session, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (results), "score"), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (results), "earned"), 12.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (results), "max"), 12.0, 1e-9);
  g_assert_true (json_object_get_boolean_member (obj (results), "passed"));
  g_assert_cmpstr (json_object_get_string_member (obj (results), "ended_by"), ==, "submitted");
  g_assert_cmpint (json_object_get_int_member (obj (results), "attempts_used"), ==, 1);
  g_assert_true (json_object_get_boolean_member (obj (results), "can_retry"));

  /* The review follows the order the questions were asked. */
  review = json_object_get_array_member (obj (results), "review");
  g_assert_cmpuint (json_array_get_length (review), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      JsonObject *item = json_array_get_object_element (review, i);

      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "question"), "id"),
                       ==, g_ptr_array_index (asked, i));
      g_assert_true (json_object_get_boolean_member (json_object_get_object_member (item, "review"), "correct"));
    }

  /* Passing completes the lesson; the log says so. */
  progress = hs_progress_get_lesson (fx->progress, fx->learner, COURSE_ID, LESSON_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpint (progress->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_true (progress->has_score);
  g_assert_cmpfloat_with_epsilon (progress->score, 1.0, 1e-9);
  g_assert_true (progress->passed);
  verbs = query_text (fx, "SELECT group_concat (substr (verb, 32), ',') FROM"
                          " (SELECT verb FROM events WHERE lesson_id = 'kiem-tra' ORDER BY id)");
  g_assert_true (g_str_has_suffix (verbs, "progressed,passed,completed"));

  /* No open attempt is left behind. */
  g_clear_pointer (&state, json_node_unref);
  state = hs_quiz_session_get_state (session, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_null_member (obj (state), "open"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (state), "best_score"), 1.0, 1e-9);
}

static void
test_wrong_then_retry (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) results = NULL;
  g_autoptr(JsonNode) attempts = NULL;
  g_autoptr(GPtrArray) asked = NULL;
  g_autoptr(HsLessonProgress) progress = NULL;
  JsonArray *review, *list;
  JsonObject *first, *second;
  gboolean explained = FALSE;

  state = hs_quiz_session_start (session, &error);
  g_assert_no_error (error);
  g_clear_pointer (&asked, g_ptr_array_unref);
  asked = answer_all (session, FALSE);
  results = hs_quiz_session_submit (session, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (obj (results), "passed"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (results), "score"), 0.0, 1e-9);

  /* The review says why: the solution, the chosen choice's feedback and
   * the explanation. */
  review = json_object_get_array_member (obj (results), "review");
  for (guint i = 0; i < json_array_get_length (review); i++)
    {
      JsonObject *item = json_object_get_object_member (json_array_get_object_element (review, i), "review");

      g_assert_false (json_object_get_boolean_member (item, "correct"));
      g_assert_true (json_object_has_member (item, "solution"));
      if (g_strcmp0 (json_object_get_string_member (item, "id"), "q1") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (item, "explanation"), ==, "Chỉ có một ứng dụng VNeID.");
          explained = TRUE;
        }
    }
  g_assert_true (explained);

  progress = hs_progress_get_lesson (fx->progress, fx->learner, COURSE_ID, LESSON_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpint (progress->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  g_assert_false (progress->passed);
  g_clear_pointer (&progress, hs_lesson_progress_free);

  /* Try again, and pass. */
  g_clear_pointer (&state, json_node_unref);
  state = hs_quiz_session_start (session, &error);
  g_assert_no_error (error);
  g_clear_pointer (&asked, g_ptr_array_unref);
  asked = answer_all (session, TRUE);
  g_clear_pointer (&results, json_node_unref);
  results = hs_quiz_session_submit (session, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (obj (results), "passed"));
  g_assert_cmpint (json_object_get_int_member (obj (results), "attempts_used"), ==, 2);

  /* A third, weaker attempt never lowers the mastery. */
  g_clear_pointer (&state, json_node_unref);
  state = hs_quiz_session_start (session, &error);
  g_assert_no_error (error);
  g_clear_pointer (&results, json_node_unref);
  results = hs_quiz_session_submit (session, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (obj (results), "passed"));
  g_assert_true (json_object_get_boolean_member (obj (results), "lesson_passed"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (results), "best_score"), 1.0, 1e-9);
  progress = hs_progress_get_lesson (fx->progress, fx->learner, COURSE_ID, LESSON_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpint (progress->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_cmpfloat_with_epsilon (progress->score, 1.0, 1e-9);

  /* The record keeps every attempt with its responses. */
  attempts = hs_progress_list_attempts (fx->progress, fx->learner, COURSE_ID, &error);
  g_assert_no_error (error);
  list = json_node_get_array (attempts);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  first = json_array_get_object_element (list, 0);
  second = json_array_get_object_element (list, 1);
  g_assert_false (json_object_get_boolean_member (first, "passed"));
  g_assert_true (json_object_get_boolean_member (second, "passed"));
  g_assert_cmpstr (json_object_get_string_member (first, "learner"), ==, "Nguyễn Thị Lan");
  g_assert_cmpstr (json_object_get_string_member (first, "lesson"), ==, LESSON_ID);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "responses")), ==, 10);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (second, "responses")), ==, 10);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (second, "earned"), 12.0, 1e-9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_array_get_object_element (list, 2), "responses")), ==, 0);
  /* Responses come in the order the attempt asked them. */
  for (guint i = 0; i < 10; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (second, "responses"), i), "item"),
                     ==, g_ptr_array_index (asked, i));
}

static void
test_resume (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(HsQuizSession) again = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) view = NULL;
  g_autoptr(JsonNode) view_again = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *shown_again = NULL;
  JsonObject *open;
  const char *id;

  state = hs_quiz_session_start (session, &error);
  g_assert_no_error (error);
  view = hs_quiz_session_get_question (session, 0, &error);
  g_assert_no_error (error);
  id = json_object_get_string_member (json_object_get_object_member (obj (view), "question"), "id");
  response = hs_test_quiz_right_response (hs_quiz_session_get_quiz (session), id);
  reply = hs_quiz_session_answer (session, id, response, &error);
  g_assert_no_error (error);
  g_clear_pointer (&view, json_node_unref);
  view = hs_quiz_session_get_question (session, 3, &error);
  g_assert_no_error (error);
  shown = json_to_string (json_object_get_member (obj (view), "question"), FALSE);

  /* The app closes; a new session finds the attempt where it stopped, with
   * the same question shown the same way. */
  g_clear_object (&session);
  again = new_session (fx);
  g_clear_pointer (&state, json_node_unref);
  state = hs_quiz_session_get_state (again, &error);
  g_assert_no_error (error);
  open = json_object_get_object_member (obj (state), "open");
  g_assert_nonnull (open);
  g_assert_cmpint (json_object_get_int_member (open, "position"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (open, "answered"), ==, 1);

  /* Starting resumes rather than starting over. */
  g_clear_pointer (&state, json_node_unref);
  state = hs_quiz_session_start (again, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (state), "open"), "answered"), ==, 1);
  view_again = hs_quiz_session_get_question (again, 3, &error);
  g_assert_no_error (error);
  shown_again = json_to_string (json_object_get_member (obj (view_again), "question"), FALSE);
  g_assert_cmpstr (shown, ==, shown_again);

  /* The first answer is still there. */
  g_clear_pointer (&view_again, json_node_unref);
  view_again = hs_quiz_session_get_question (again, 0, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_object_get_member (obj (view_again), "response"), response));
  /* Nothing of the answer key went with it. */
  g_assert_true (json_object_get_null_member (obj (view_again), "review"));
}

static void
test_change_answer (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(JsonNode) state = hs_quiz_session_start (session, &error);
  g_autoptr(JsonNode) wrong = hs_test_quiz_wrong_response (hs_quiz_session_get_quiz (session), "q3");
  g_autoptr(JsonNode) right = hs_test_quiz_right_response (hs_quiz_session_get_quiz (session), "q3");
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) results = NULL;
  g_autofree char *tries = NULL;

  g_assert_no_error (error);
  reply = hs_quiz_session_answer (session, "q3", wrong, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_null_member (obj (reply), "review"));
  g_clear_pointer (&reply, json_node_unref);
  reply = hs_quiz_session_answer (session, "q3", right, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (obj (reply), "answered"), ==, 1);

  tries = query_text (fx, "SELECT tries || ' ' || correct FROM responses WHERE item_id = 'q3'");
  g_assert_cmpstr (tries, ==, "2 1");

  results = hs_quiz_session_submit (session, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (results), "earned"), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (results), "score"), 1.0 / 12.0, 1e-9);
}

static void
test_bad_responses (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(JsonNode) state = hs_quiz_session_start (session, &error);
  g_autoptr(JsonNode) bad = json ("{\"choice\": \"z\"}");
  g_autoptr(JsonNode) good = json ("{\"answer\": true}");
  g_autofree char *n = NULL;

  g_assert_no_error (error);
  g_assert_null (hs_quiz_session_answer (session, "q1", bad, &error));
  g_assert_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_null (hs_quiz_session_answer (session, "q99", good, &error));
  g_assert_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  g_assert_null (hs_quiz_session_get_question (session, 10, &error));
  g_assert_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  n = query_text (fx, "SELECT COUNT(*) FROM responses");
  g_assert_cmpstr (n, ==, "0");
}

static void
test_attempt_limit (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) results = NULL;
  g_autofree char *n = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&state, json_node_unref);
      state = hs_quiz_session_start (session, &error);
      g_assert_no_error (error);
      g_clear_pointer (&results, json_node_unref);
      results = hs_quiz_session_submit (session, &error);
      g_assert_no_error (error);
      g_assert_cmpint (json_object_get_int_member (obj (results), "attempts_left"), ==, 1 - i);
    }
  g_assert_false (json_object_get_boolean_member (obj (results), "can_retry"));

  g_clear_pointer (&state, json_node_unref);
  state = hs_quiz_session_get_state (session, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (obj (state), "can_start"));
  g_assert_cmpint (json_object_get_int_member (obj (state), "attempts_left"), ==, 0);

  g_assert_null (hs_quiz_session_start (session, &error));
  g_assert_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_NO_ATTEMPTS_LEFT);
  g_assert_nonnull (strstr (error->message, "2 attempts"));
  g_clear_error (&error);

  n = query_text (fx, "SELECT COUNT(*) FROM attempts");
  g_assert_cmpstr (n, ==, "2");
}

static void
test_time_limit (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(JsonNode) state = hs_quiz_session_start (session, &error);
  g_autoptr(JsonNode) right = hs_test_quiz_right_response (hs_quiz_session_get_quiz (session), "q7");
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) results = NULL;
  gint64 remaining;

  g_assert_no_error (error);
  remaining = json_object_get_int_member (json_object_get_object_member (obj (state), "open"), "remaining");
  g_assert_cmpint (remaining, >, 590);
  g_assert_cmpint (remaining, <=, 600);
  reply = hs_quiz_session_answer (session, "q7", right, &error);
  g_assert_no_error (error);

  /* The time runs out (as if the learner had walked away). */
  g_assert_true (hs_store_run (hs_library_get_store (fx->library), &error,
                               "UPDATE attempts SET deadline = '2020-01-01T00:00:00Z'", ""));
  g_assert_no_error (error);

  g_clear_pointer (&reply, json_node_unref);
  reply = hs_quiz_session_answer (session, "q1", right, &error);
  g_assert_null (reply);
  g_assert_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_TIME_UP);
  g_clear_error (&error);

  results = hs_quiz_session_get_results (session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (obj (results), "ended_by"), ==, "time_limit");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (results), "earned"), 1.0, 1e-9);
}

static void
test_after_each (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(JsonNode) state = hs_quiz_session_start (session, &error);
  g_autoptr(JsonNode) wrong = json ("{\"choice\": \"b\"}");
  g_autoptr(JsonNode) right = hs_test_quiz_right_response (hs_quiz_session_get_quiz (session), "q1");
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) view = NULL;
  JsonObject *review;
  guint position = 0;

  g_assert_no_error (error);
  reply = hs_quiz_session_answer (session, "q1", wrong, &error);
  g_assert_no_error (error);
  review = json_object_get_object_member (obj (reply), "review");
  g_assert_nonnull (review);
  g_assert_false (json_object_get_boolean_member (review, "correct"));
  g_assert_cmpstr (json_object_get_string_member (review, "explanation"), ==, "Chỉ có một ứng dụng VNeID.");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (review, "feedback"), 0),
                   ==, "Không cài ứng dụng từ link.");

  /* Seen the answer: no changing it now. */
  g_clear_pointer (&reply, json_node_unref);
  g_assert_null (hs_quiz_session_answer (session, "q1", right, &error));
  g_assert_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_ALREADY_ANSWERED);
  g_clear_error (&error);

  /* Coming back to the question shows the review again. */
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(JsonNode) v = hs_quiz_session_get_question (session, i, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (json_object_get_string_member (json_object_get_object_member (obj (v), "question"), "id"), "q1") == 0)
        position = i;
    }
  view = hs_quiz_session_get_question (session, position, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_object_get_object_member (obj (view), "review"));
}

static void
test_never_and_draw (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(JsonNode) state = hs_quiz_session_start (session, &error);
  g_autoptr(JsonNode) results = NULL;
  g_autoptr(GPtrArray) asked = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (obj (state), "questions"), ==, 4);
  asked = answer_all (session, TRUE);
  g_assert_cmpuint (asked->len, ==, 4);
  results = hs_quiz_session_submit (session, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_null_member (obj (results), "review"));
  g_assert_true (json_object_get_boolean_member (obj (results), "passed"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (results), "score"), 1.0, 1e-9);
}

static void
test_handle (Fixture       *fx,
             gconstpointer  data)
{
  static const char * const bad[] = {
    "null", "[]", "{}", "{\"type\": 3}", "{\"type\": \"quiz-drop-tables\"}",
    "{\"type\": \"quiz-question\"}", "{\"type\": \"quiz-question\", \"position\": -1}",
    "{\"type\": \"quiz-question\", \"position\": \"1\"}", "{\"type\": \"quiz-answer\", \"response\": {}}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(JsonNode) start = json ("{\"type\": \"quiz-start\"}");
  g_autoptr(JsonNode) question = json ("{\"type\": \"quiz-question\", \"position\": 0}");
  g_autoptr(JsonNode) answer = json ("{\"type\": \"quiz-answer\", \"question\": \"q3\", \"response\": {\"answer\": false}}");
  g_autoptr(JsonNode) submit = json ("{\"type\": \"quiz-submit\"}");
  g_autoptr(JsonNode) results_request = json ("{\"type\": \"quiz-results\"}");
  g_autoptr(JsonNode) reply = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) message = json (bad[i]);

      g_assert_null (hs_quiz_session_handle (session, message, &error));
      g_assert_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_INVALID_REQUEST);
      g_clear_error (&error);
    }

  /* No results before any attempt has finished. */
  reply = hs_quiz_session_handle (session, results_request, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_NULL (reply));
  g_clear_pointer (&reply, json_node_unref);

  reply = hs_quiz_session_handle (session, start, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_object_get_object_member (obj (reply), "open"));
  g_clear_pointer (&reply, json_node_unref);
  reply = hs_quiz_session_handle (session, question, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (obj (reply), "position"), ==, 0);
  g_clear_pointer (&reply, json_node_unref);
  reply = hs_quiz_session_handle (session, answer, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (obj (reply), "saved"));
  g_clear_pointer (&reply, json_node_unref);
  reply = hs_quiz_session_handle (session, submit, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (obj (reply), "earned"), 1.0, 1e-9);
}

static void
test_withheld (Fixture       *fx,
               gconstpointer  data)
{
  static const char * const secrets[] = {
    "\"correct\"", "\"answer\"", "\"accepted\"", "\"feedback", "\"explanation\"", "\"solution\"",
    "Chỉ có một ứng dụng VNeID", "Không cài ứng dụng từ link", "định danh điện tử\"",
    "partial_credit", "competences", "tt02",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuizSession) session = new_session (fx);
  g_autoptr(JsonNode) state = hs_quiz_session_start (session, &error);
  g_autoptr(GString) seen = g_string_new (NULL);

  g_assert_no_error (error);
  {
    g_autofree char *text = json_to_string (state, FALSE);
    g_string_append (seen, text);
  }
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(JsonNode) view = hs_quiz_session_get_question (session, i, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = json_to_string (view, FALSE);
      g_string_append (seen, text);
    }

  /* Everything the page is given before it hands the attempt in. */
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (strstr (seen->str, secrets[i]) != NULL)
      g_error ("the page was given “%s”: %s", secrets[i], seen->str);
}

static void
test_malformed_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = hs_test_make_tmp_dir ();
  g_autofree char *data_dir = g_build_filename (tmp, "data", NULL);
  g_autoptr(HsLibrary) library = hs_library_new (data_dir, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *package = NULL;
  g_autoptr(HsCourse) course = NULL;

  g_assert_no_error (error);
  package = hs_test_make_quiz_package (tmp, COURSE_ID,
                                       "{ \"format\": 1, \"questions\": ["
                                       "  { \"id\": \"q1\", \"type\": \"true_false\", \"text\": \"Đúng hay sai?\", \"answer\": true },"
                                       "  { \"id\": \"q2\", \"type\": \"single\", \"text\": \"Chọn một\","
                                       "    \"choices\": [ { \"id\": \"a\", \"text\": \"Một\" }, { \"id\": \"b\", \"text\": \"Hai\" } ] } ] }");
  before = hs_test_snapshot_data_dir (data_dir);
  course = hs_library_import (library, package, NULL, NULL, NULL, &error);
  g_assert_null (course);
  g_assert_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_ANSWER_KEY);
  g_assert_nonnull (strstr (error->message, "question “q2” (questions[1])"));
  g_assert_nonnull (strstr (error->message, "m1/quiz.json"));
  after = hs_test_snapshot_data_dir (data_dir);
  g_assert_cmpstr (before, ==, after);

  hs_test_rm_rf (tmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, settings) \
  g_test_add ("/hocso/quiz-session/" path, Fixture, settings, fixture_set_up, func, fixture_tear_down)

  ADD ("full-attempt", test_full_attempt, NULL);
  ADD ("wrong-then-retry", test_wrong_then_retry, NULL);
  ADD ("resume", test_resume, NULL);
  ADD ("change-answer", test_change_answer, NULL);
  ADD ("bad-responses", test_bad_responses, NULL);
  ADD ("attempt-limit", test_attempt_limit, "\"attempts\": 2,");
  ADD ("time-limit", test_time_limit, "\"time_limit\": 600,");
  ADD ("after-each", test_after_each, "\"show_answers\": \"after_each\",");
  ADD ("never-and-draw", test_never_and_draw, "\"show_answers\": \"never\", \"draw\": 4,");
  ADD ("handle", test_handle, NULL);
  ADD ("withheld", test_withheld, NULL);
  g_test_add_func ("/hocso/quiz-session/malformed-refused", test_malformed_refused);

  return g_test_run ();
}
