/* test-quiz.c — hs-quiz: the quiz format, its checks, what pages see, scoring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hs-quiz.h"
#include "hs-utils.h"
#include "hs-test-fixtures.h"

#define QUIZ_NAME "m1/quiz.json"

static char *root_dir;

/* Every question type once, with every optional member somewhere.  No text
 * a page sees uses the words the public JSON must not contain. */
static const char good_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"pass_mark\": 0.7,\n"
  "  \"shuffle_questions\": false,\n"
  "  \"shuffle_choices\": true,\n"
  "  \"attempts\": 3,\n"
  "  \"time_limit\": 600,\n"
  "  \"show_answers\": \"after_each\",\n"
  "  \"questions\": [\n"
  "    { \"id\": \"q1\", \"type\": \"single\", \"text\": \"Ứng dụng định danh điện tử chính thức là gì?\",\n"
  "      \"points\": 1, \"competences\": [\"tt02-4.2\", \"qd757-2\"],\n"
  "      \"image\": \"hinh/a.svg\", \"audio\": \"am-thanh/a.ogg\",\n"
  "      \"explanation\": \"Chỉ có một ứng dụng VNeID, tải từ kho ứng dụng.\",\n"
  "      \"choices\": [\n"
  "        { \"id\": \"a\", \"text\": \"VNeID\", \"correct\": true, \"feedback\": \"Đúng rồi.\" },\n"
  "        { \"id\": \"b\", \"text\": \"Ứng dụng tải qua đường link\", \"feedback\": \"Không cài ứng dụng từ link.\" },\n"
  "        { \"id\": \"c\", \"text\": \"Zalo\" } ] },\n"
  "    { \"id\": \"q2\", \"type\": \"multiple\", \"partial_credit\": true, \"points\": 2,\n"
  "      \"text\": \"Những gì không bao giờ đưa cho người khác?\",\n"
  "      \"choices\": [\n"
  "        { \"id\": \"a\", \"text\": \"Mã OTP\", \"correct\": true, \"feedback\": \"OTP là chìa khoá.\" },\n"
  "        { \"id\": \"b\", \"text\": \"Mật khẩu\", \"correct\": true },\n"
  "        { \"id\": \"c\", \"text\": \"Passcode 6 số\", \"correct\": true },\n"
  "        { \"id\": \"d\", \"text\": \"Tên trường\", \"feedback\": \"Tên trường là công khai.\" },\n"
  "        { \"id\": \"e\", \"text\": \"Số tổng đài 156\" } ] },\n"
  "    { \"id\": \"q3\", \"type\": \"true_false\", \"text\": \"Công an gọi điện hướng dẫn kích hoạt VNeID.\",\n"
  "      \"answer\": false, \"feedback_true\": \"Công an không gọi điện hướng dẫn.\",\n"
  "      \"feedback_false\": \"Chính xác: đó là lừa đảo.\" },\n"
  "    { \"id\": \"q4\", \"type\": \"fill_in\", \"text\": \"Gõ tên ứng dụng định danh.\",\n"
  "      \"accepted\": [\"VNeID\", \"ứng dụng VNeID\"] },\n"
  "    { \"id\": \"q5\", \"type\": \"ordering\", \"text\": \"Sắp xếp các bước kích hoạt.\", \"points\": 1.5,\n"
  "      \"items\": [\n"
  "        { \"id\": \"s1\", \"text\": \"Nhập số định danh và số điện thoại\" },\n"
  "        { \"id\": \"s2\", \"text\": \"Nhập mã OTP\" },\n"
  "        { \"id\": \"s3\", \"text\": \"Đặt mật khẩu\" },\n"
  "        { \"id\": \"s4\", \"text\": \"Đặt passcode\" } ] },\n"
  "    { \"id\": \"q6\", \"type\": \"matching\", \"text\": \"Nối thủ đoạn với cách xử lý.\", \"points\": 3,\n"
  "      \"pairs\": [\n"
  "        { \"id\": \"p1\", \"left\": \"Cuộc gọi giả công an\", \"right\": \"Gác máy, gọi lại số đã biết\" },\n"
  "        { \"id\": \"p2\", \"left\": \"Tin nhắn lừa đảo\", \"right\": \"Nhắn tới 156\" },\n"
  "        { \"id\": \"p3\", \"left\": \"Chuyển nhầm tiền\", \"right\": \"Báo ngân hàng\" } ] },\n"
  "    { \"id\": \"q7\", \"type\": \"fill_in\", \"text\": \"Gõ tên gọi của tài khoản VNeID.\",\n"
  "      \"accepted\": [\"Định danh điện tử\"], \"ignore_diacritics\": true }\n"
  "  ]\n"
  "}\n";

static const char * const banned_words[] = { "correct", "answer", "accepted", "feedback", "explanation", NULL };

/* Returns good_json with the member at @path (e.g. "questions[1].choices[0].correct")
 * replaced by the JSON text @value, or removed when @value is NULL.  List
 * elements are replaced in place. */
static char *
mutate (const char *path,
        const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonNode *node;

  json_parser_load_from_data (parser, good_json, -1, &error);
  g_assert_no_error (error);
  node = json_parser_get_root (parser);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup (parts[i]);
      char *bracket = strchr (name, '[');
      JsonObject *object = json_node_get_object (node);
      int index = -1;

      if (bracket != NULL)
        {
          index = atoi (bracket + 1);
          *bracket = '\0';
        }

      if (index < 0 && i == n - 1)
        {
          if (value == NULL)
            json_object_remove_member (object, name);
          else
            json_object_set_member (object, name, json_from_string (value, NULL));
        }
      else if (index < 0)
        node = json_object_get_member (object, name);
      else if (i == n - 1)
        {
          JsonArray *array = json_object_get_array_member (object, name);
          JsonArray *copy = json_array_new ();

          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              if ((int) j != index)
                json_array_add_element (copy, json_node_copy (json_array_get_element (array, j)));
              else if (value != NULL)
                json_array_add_element (copy, json_from_string (value, NULL));
            }
          json_object_set_array_member (object, name, copy);
        }
      else
        node = json_array_get_element (json_object_get_array_member (object, name), index);
    }

  return json_to_string (json_parser_get_root (parser), TRUE);
}

static HsQuiz *
parse_good (const char *json)
{
  g_autoptr(GError) error = NULL;
  HsQuiz *quiz = hs_quiz_parse (json, -1, QUIZ_NAME, root_dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (quiz);
  return quiz;
}

static void
assert_quiz_error (const char  *json,
                   HsQuizError  code,
                   const char  *question,
                   const char  *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuiz) quiz = hs_quiz_parse (json, -1, QUIZ_NAME, root_dir, &error);

  g_assert_null (quiz);
  if (!g_error_matches (error, HS_QUIZ_ERROR, code))
    g_error ("expected error %d, got “%s” for:\n%s", code, error ? error->message : "success", json);
  g_assert_nonnull (strstr (error->message, "quiz “" QUIZ_NAME "”"));
  if (question != NULL && strstr (error->message, question) == NULL)
    g_error ("the message “%s” does not name the question “%s”", error->message, question);
  if (field != NULL && strstr (error->message, field) == NULL)
    g_error ("the message “%s” does not name “%s”", error->message, field);
}

static JsonNode *
json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* Scores @response (JSON text) and checks the points and the flag. */
static void
assert_score (HsQuiz     *quiz,
              const char *question_id,
              const char *response,
              double      points,
              gboolean    correct)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json (response);
  gboolean is_correct = !correct;
  double earned = hs_quiz_score (quiz, question_id, node, &is_correct, &error);

  g_assert_no_error (error);
  if (fabs (earned - points) > 1e-9 || is_correct != correct)
    g_error ("%s %s: expected %g (%s), got %g (%s)", question_id, response, points,
             correct ? "correct" : "not correct", earned, is_correct ? "correct" : "not correct");
}

static void
write_file (const char *relative,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root_dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_parses_good (void)
{
  g_autoptr(HsQuiz) quiz = parse_good (good_json);
  const char * const some[] = { "q2", "q6", "nope", NULL };
  HsQuizQuestionType type;

  g_assert_cmpstr (hs_quiz_get_name (quiz), ==, QUIZ_NAME);
  g_assert_cmpfloat_with_epsilon (hs_quiz_get_pass_mark (quiz), 0.7, 1e-9);
  g_assert_false (hs_quiz_get_shuffle_questions (quiz));
  g_assert_true (hs_quiz_get_shuffle_choices (quiz));
  g_assert_cmpuint (hs_quiz_get_draw (quiz), ==, 0);
  g_assert_cmpuint (hs_quiz_get_attempts (quiz), ==, 3);
  g_assert_cmpuint (hs_quiz_get_time_limit (quiz), ==, 600);
  g_assert_cmpint (hs_quiz_get_show_answers (quiz), ==, HS_QUIZ_SHOW_ANSWERS_AFTER_EACH);
  g_assert_cmpuint (hs_quiz_get_n_questions (quiz), ==, 7);
  g_assert_cmpstr (hs_quiz_get_question_id (quiz, 4), ==, "q5");
  g_assert_cmpfloat_with_epsilon (hs_quiz_get_total_points (quiz, NULL), 1 + 2 + 1 + 1 + 1.5 + 3 + 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (hs_quiz_get_total_points (quiz, some), 5, 1e-9);

  g_assert_true (hs_quiz_get_question_type (quiz, "q1", &type));
  g_assert_cmpint (type, ==, HS_QUIZ_QUESTION_SINGLE);
  g_assert_true (hs_quiz_get_question_type (quiz, "q6", &type));
  g_assert_cmpint (type, ==, HS_QUIZ_QUESTION_MATCHING);
  g_assert_cmpstr (hs_quiz_question_type_to_string (type), ==, "matching");
  g_assert_false (hs_quiz_get_question_type (quiz, "q9", &type));
  g_assert_cmpstr (hs_quiz_get_question_competences (quiz, "q1")[1], ==, "qd757-2");
  g_assert_null (hs_quiz_get_question_competences (quiz, "q2")[0]);
}

static void
test_defaults (void)
{
  const char *minimal =
    "{ \"format\": 1, \"questions\": [\n"
    "  { \"id\": \"c1\", \"type\": \"fill_in\", \"text\": \"Gõ: VNeID\", \"accepted\": [\"VNeID\"] } ] }";
  g_autoptr(HsQuiz) quiz = parse_good (minimal);
  g_autoptr(GPtrArray) ids = hs_quiz_draw (quiz, 7);

  g_assert_true (isnan (hs_quiz_get_pass_mark (quiz)));
  g_assert_false (hs_quiz_get_shuffle_questions (quiz));
  g_assert_false (hs_quiz_get_shuffle_choices (quiz));
  g_assert_cmpuint (hs_quiz_get_draw (quiz), ==, 0);
  g_assert_cmpuint (hs_quiz_get_attempts (quiz), ==, 0);
  g_assert_cmpuint (hs_quiz_get_time_limit (quiz), ==, 0);
  g_assert_cmpint (hs_quiz_get_show_answers (quiz), ==, HS_QUIZ_SHOW_ANSWERS_AT_END);
  g_assert_cmpfloat_with_epsilon (hs_quiz_get_total_points (quiz, NULL), 1, 1e-9);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "c1");
  /* ignore_case is on by default. */
  assert_score (quiz, "c1", "{\"text\": \"vneid\"}", 1, TRUE);
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = mutate ("questions[0].image", "\"hinh/khong-co.svg\"");
  g_autoptr(HsQuiz) quiz = NULL;

  write_file (QUIZ_NAME, good_json);
  quiz = hs_quiz_load (root_dir, QUIZ_NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hs_quiz_get_n_questions (quiz), ==, 7);
  g_clear_object (&quiz);

  quiz = hs_quiz_load (root_dir, "m1/other.json", &error);
  g_assert_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_NOT_FOUND);
  g_assert_null (quiz);
  g_clear_error (&error);

  quiz = hs_quiz_load (root_dir, "../quiz.json", &error);
  g_assert_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_NOT_FOUND);
  g_clear_error (&error);

  quiz = hs_quiz_load (root_dir, "m1", &error);
  g_assert_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Without a root, media are checked for their form only. */
  quiz = hs_quiz_parse (broken, -1, QUIZ_NAME, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quiz);
  g_clear_object (&quiz);
  quiz = hs_quiz_parse (broken, -1, QUIZ_NAME, root_dir, &error);
  g_assert_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_MISSING_FILE);
  g_assert_null (quiz);
}

static void
test_invalid_json (void)
{
  assert_quiz_error ("{ \"format\": 1, ", HS_QUIZ_ERROR_INVALID_JSON, NULL, "JSON");
  assert_quiz_error ("[1, 2]", HS_QUIZ_ERROR_INVALID_JSON, NULL, NULL);
  assert_quiz_error ("{\"format\": 1, \"questions\": \"B\xe0i\"}", HS_QUIZ_ERROR_INVALID_JSON, NULL, "UTF-8");

  /* Found by fuzzing (see test-manifest's invalid-json): escapes that
   * stand for no character. */
  {
    g_autoptr(GString) lone = g_string_new (good_json);
    g_autoptr(GString) nul = g_string_new (good_json);

    g_assert_cmpuint (g_string_replace (lone, "\"pass_mark\"", "\"title\": \"\\udfff\", \"pass_mark\"", 1), ==, 1);
    assert_quiz_error (lone->str, HS_QUIZ_ERROR_INVALID_JSON, NULL, "\\u");
    g_assert_cmpuint (g_string_replace (nul, "\"pass_mark\"", "\"title\": \"a\\u0000b\", \"pass_mark\"", 1), ==, 1);
    assert_quiz_error (nul->str, HS_QUIZ_ERROR_INVALID_JSON, NULL, "\\u");
  }
}

static void
test_too_deep (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": 1, \"x\":");

  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  assert_quiz_error (text->str, HS_QUIZ_ERROR_INVALID_JSON, NULL, NULL);
}

static void
test_too_large (void)
{
  g_autofree char *padding = g_strnfill (HS_QUIZ_MAX_SIZE, ' ');
  g_autofree char *text = g_strconcat ("{", padding, "}", NULL);

  assert_quiz_error (text, HS_QUIZ_ERROR_TOO_LARGE, NULL, NULL);
}

typedef struct {
  const char  *test;
  const char  *path;
  const char  *value;      /* NULL removes the member */
  HsQuizError  code;
  const char  *question;   /* how the message must name the question, or NULL */
  const char  *field;      /* the field it must name */
} FieldCase;

static const FieldCase field_cases[] = {
  { "format-missing", "format", NULL, HS_QUIZ_ERROR_MISSING_FIELD, NULL, "“format”" },
  { "format-not-number", "format", "\"1\"", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“format”" },
  { "format-newer", "format", "2", HS_QUIZ_ERROR_UNSUPPORTED_FORMAT, NULL, "format 2" },
  { "pass-mark-range", "pass_mark", "80", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“pass_mark”" },
  { "pass-mark-not-number", "pass_mark", "\"0.8\"", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“pass_mark”" },
  { "shuffle-questions-not-bool", "shuffle_questions", "\"yes\"", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“shuffle_questions”" },
  { "shuffle-choices-not-bool", "shuffle_choices", "1", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“shuffle_choices”" },
  { "draw-more-than-questions", "draw", "8", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“draw”" },
  { "draw-zero", "draw", "0", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“draw”" },
  { "draw-fraction", "draw", "2.5", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“draw”" },
  { "attempts-too-many", "attempts", "101", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“attempts”" },
  { "attempts-zero", "attempts", "0", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“attempts”" },
  { "time-limit-short", "time_limit", "10", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“time_limit”" },
  { "time-limit-long", "time_limit", "90000", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“time_limit”" },
  { "show-answers-unknown", "show_answers", "\"sometimes\"", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“show_answers”" },
  { "show-answers-not-string", "show_answers", "true", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“show_answers”" },
  { "questions-missing", "questions", NULL, HS_QUIZ_ERROR_MISSING_FIELD, NULL, "“questions”" },
  { "questions-not-list", "questions", "{}", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“questions”" },
  { "questions-empty", "questions", "[]", HS_QUIZ_ERROR_TOO_FEW, NULL, "“questions”" },
  { "question-not-object", "questions[1]", "\"q2\"", HS_QUIZ_ERROR_INVALID_FIELD, NULL, "“questions[1]”" },
  { "question-id-missing", "questions[1].id", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "questions[1]", "“id”" },
  { "question-id-bad", "questions[1].id", "\"Câu 2\"", HS_QUIZ_ERROR_INVALID_FIELD, "questions[1]", "“id”" },
  { "question-id-duplicate", "questions[1].id", "\"q1\"", HS_QUIZ_ERROR_DUPLICATE_ID, "“q1”", "“id”" },
  { "type-missing", "questions[0].type", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "“q1” (questions[0])", "“type”" },
  { "type-unknown", "questions[0].type", "\"essay\"", HS_QUIZ_ERROR_UNKNOWN_TYPE, "“q1” (questions[0])", "“type”" },
  { "text-missing", "questions[2].text", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "“q3” (questions[2])", "“text”" },
  { "text-blank", "questions[2].text", "\"   \"", HS_QUIZ_ERROR_INVALID_FIELD, "“q3” (questions[2])", "“text”" },
  { "points-zero", "questions[0].points", "0", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“points”" },
  { "points-negative", "questions[0].points", "-1", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“points”" },
  { "points-not-number", "questions[0].points", "\"1\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“points”" },
  { "competences-not-list", "questions[0].competences", "\"tt02-4.2\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“competences”" },
  { "competences-not-strings", "questions[0].competences", "[1]", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“competences[0]”" },
  { "image-not-in-package", "questions[0].image", "\"hinh/b.svg\"", HS_QUIZ_ERROR_MISSING_FILE, "“q1”", "“image”" },
  { "image-folder", "questions[0].image", "\"hinh.svg\"", HS_QUIZ_ERROR_MISSING_FILE, "“q1”", "“image”" },
  { "image-traversal", "questions[0].image", "\"../a.svg\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“image”" },
  { "image-absolute", "questions[0].image", "\"/etc/a.png\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“image”" },
  { "image-wrong-type", "questions[0].image", "\"am-thanh/a.ogg\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“image”" },
  { "audio-wrong-type", "questions[0].audio", "\"hinh/a.svg\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“audio”" },
  { "audio-not-in-package", "questions[0].audio", "\"am-thanh/b.mp3\"", HS_QUIZ_ERROR_MISSING_FILE, "“q1”", "“audio”" },
  { "explanation-not-string", "questions[0].explanation", "[\"x\"]", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“explanation”" },
  { "choices-missing", "questions[0].choices", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "“q1”", "“choices”" },
  { "choices-not-list", "questions[0].choices", "{}", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“choices”" },
  { "single-one-choice", "questions[0].choices", "[{\"id\": \"a\", \"text\": \"VNeID\", \"correct\": true}]",
    HS_QUIZ_ERROR_TOO_FEW, "“q1”", "“choices”" },
  { "single-two-right", "questions[0].choices[1].correct", "true", HS_QUIZ_ERROR_ANSWER_KEY, "“q1”", "“choices”" },
  { "single-none-right", "questions[0].choices[0].correct", "false", HS_QUIZ_ERROR_ANSWER_KEY, "“q1”", "“choices”" },
  { "choice-not-object", "questions[0].choices[2]", "\"Zalo\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“choices[2]”" },
  { "choice-id-duplicate", "questions[0].choices[2].id", "\"a\"", HS_QUIZ_ERROR_DUPLICATE_ID, "“q1”", "“choices[2].id”" },
  { "choice-id-bad", "questions[0].choices[2].id", "\"C\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“choices[2].id”" },
  { "choice-text-missing", "questions[0].choices[1].text", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "“q1”", "“choices[1].text”" },
  { "choice-correct-not-bool", "questions[0].choices[1].correct", "0", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“choices[1].correct”" },
  { "choice-feedback-empty", "questions[0].choices[1].feedback", "\"\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q1”", "“choices[1].feedback”" },
  { "multiple-none-right", "questions[1].choices",
    "[{\"id\": \"a\", \"text\": \"OTP\"}, {\"id\": \"b\", \"text\": \"Tên\"}]",
    HS_QUIZ_ERROR_ANSWER_KEY, "“q2” (questions[1])", "“choices”" },
  { "partial-credit-not-bool", "questions[1].partial_credit", "\"yes\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q2”", "“partial_credit”" },
  { "true-false-missing", "questions[2].answer", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "“q3”", "“answer”" },
  { "true-false-not-bool", "questions[2].answer", "\"false\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q3”", "“answer”" },
  { "fill-in-missing", "questions[3].accepted", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "“q4”", "“accepted”" },
  { "fill-in-empty", "questions[3].accepted", "[]", HS_QUIZ_ERROR_TOO_FEW, "“q4”", "“accepted”" },
  { "fill-in-blank", "questions[3].accepted", "[\"VNeID\", \"  \"]", HS_QUIZ_ERROR_INVALID_FIELD, "“q4”", "“accepted[1]”" },
  { "fill-in-no-break-space", "questions[3].accepted", "[\"\u00a0\"]", HS_QUIZ_ERROR_INVALID_FIELD, "“q4”", "“accepted[0]”" },
  { "fill-in-not-list", "questions[3].accepted", "\"VNeID\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q4”", "“accepted”" },
  { "fill-in-ignore-case-not-bool", "questions[3].ignore_case", "\"no\"", HS_QUIZ_ERROR_INVALID_FIELD, "“q4”", "“ignore_case”" },
  { "fill-in-ignore-diacritics-not-bool", "questions[6].ignore_diacritics", "1", HS_QUIZ_ERROR_INVALID_FIELD, "“q7”", "“ignore_diacritics”" },
  { "ordering-missing", "questions[4].items", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "“q5”", "“items”" },
  { "ordering-one-item", "questions[4].items", "[{\"id\": \"s1\", \"text\": \"Một\"}]", HS_QUIZ_ERROR_TOO_FEW, "“q5”", "“items”" },
  { "ordering-id-duplicate", "questions[4].items[2].id", "\"s1\"", HS_QUIZ_ERROR_DUPLICATE_ID, "“q5”", "“items[2].id”" },
  { "ordering-text-duplicate", "questions[4].items[3]", "{\"id\": \"s4\", \"text\": \"đặt  MẬT khẩu\"}",
    HS_QUIZ_ERROR_DUPLICATE_TEXT, "“q5”", "“items[3].text”" },
  { "ordering-text-missing", "questions[4].items[1].text", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "“q5”", "“items[1].text”" },
  { "matching-missing", "questions[5].pairs", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "“q6”", "“pairs”" },
  { "matching-one-pair", "questions[5].pairs", "[{\"id\": \"p1\", \"left\": \"A\", \"right\": \"B\"}]",
    HS_QUIZ_ERROR_TOO_FEW, "“q6”", "“pairs”" },
  { "matching-id-duplicate", "questions[5].pairs[1].id", "\"p1\"", HS_QUIZ_ERROR_DUPLICATE_ID, "“q6”", "“pairs[1].id”" },
  { "matching-left-duplicate", "questions[5].pairs[2].left", "\"cuộc gọi  giả công an\"",
    HS_QUIZ_ERROR_DUPLICATE_TEXT, "“q6”", "“pairs[2].left”" },
  { "matching-right-duplicate", "questions[5].pairs[1].right", "\"Báo ngân hàng\"",
    HS_QUIZ_ERROR_DUPLICATE_TEXT, "“q6”", "“pairs[2].right”" },
  { "matching-right-missing", "questions[5].pairs[0].right", NULL, HS_QUIZ_ERROR_MISSING_FIELD, "“q6”", "“pairs[0].right”" },
};

static void
test_field_case (gconstpointer data)
{
  const FieldCase *c = data;
  g_autofree char *text = mutate (c->path, c->value);

  assert_quiz_error (text, c->code, c->question, c->field);
}

static void
test_message_shape (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mutate ("questions[1].choices[0].correct", "\"ja\"");
  g_autoptr(HsQuiz) quiz = hs_quiz_parse (text, -1, QUIZ_NAME, root_dir, &error);

  g_assert_null (quiz);
  g_assert_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_INVALID_FIELD);
  g_assert_true (g_str_has_prefix (error->message,
                                   "quiz “m1/quiz.json”: question “q2” (questions[1]): "
                                   "the field “choices[0].correct” is not valid: "));
}

static void
test_score_single_true_false (void)
{
  g_autoptr(HsQuiz) quiz = parse_good (good_json);

  assert_score (quiz, "q1", "{\"choice\": \"a\"}", 1, TRUE);
  assert_score (quiz, "q1", "{\"choice\": \"b\"}", 0, FALSE);
  assert_score (quiz, "q3", "{\"answer\": false}", 1, TRUE);
  assert_score (quiz, "q3", "{\"answer\": true}", 0, FALSE);
}

static void
test_score_multiple (void)
{
  g_autoptr(HsQuiz) quiz = parse_good (good_json);
  g_autofree char *strict_json = mutate ("questions[1].partial_credit", "false");
  g_autoptr(HsQuiz) strict = parse_good (strict_json);

  /* Three right choices (a, b, c) out of five, worth 2 points. */
  assert_score (quiz, "q2", "{\"choices\": [\"c\", \"a\", \"b\"]}", 2, TRUE);
  assert_score (quiz, "q2", "{\"choices\": [\"a\", \"b\"]}", 2.0 * 2 / 3, FALSE);
  assert_score (quiz, "q2", "{\"choices\": [\"a\"]}", 2.0 / 3, FALSE);
  /* One wrong pick cancels one right one. */
  assert_score (quiz, "q2", "{\"choices\": [\"a\", \"b\", \"d\"]}", 2.0 / 3, FALSE);
  assert_score (quiz, "q2", "{\"choices\": [\"a\", \"b\", \"c\", \"d\"]}", 2.0 * 2 / 3, FALSE);
  assert_score (quiz, "q2", "{\"choices\": [\"a\", \"d\"]}", 0, FALSE);
  /* More wrong than right is 0, never below. */
  assert_score (quiz, "q2", "{\"choices\": [\"a\", \"d\", \"e\"]}", 0, FALSE);
  assert_score (quiz, "q2", "{\"choices\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}", 2.0 / 3, FALSE);
  assert_score (quiz, "q2", "{\"choices\": [\"d\", \"e\"]}", 0, FALSE);
  assert_score (quiz, "q2", "{\"choices\": []}", 0, FALSE);

  /* Without partial credit, all or nothing. */
  assert_score (strict, "q2", "{\"choices\": [\"a\", \"b\", \"c\"]}", 2, TRUE);
  assert_score (strict, "q2", "{\"choices\": [\"a\", \"b\"]}", 0, FALSE);
  assert_score (strict, "q2", "{\"choices\": [\"a\", \"b\", \"c\", \"e\"]}", 0, FALSE);
}

static void
test_score_fill_in (void)
{
  g_autoptr(HsQuiz) quiz = parse_good (good_json);
  g_autofree char *cased_json = mutate ("questions[3].ignore_case", "false");
  g_autoptr(HsQuiz) cased = parse_good (cased_json);
  g_autofree char *marked_json = mutate ("questions[6].ignore_diacritics", "false");
  g_autoptr(HsQuiz) marked = parse_good (marked_json);
  /* "Định danh điện tử" typed as NFD, as some keyboards send it. */
  g_autofree char *nfd = g_utf8_normalize ("Định danh điện tử", -1, G_NORMALIZE_NFD);
  g_autofree char *nfd_response = g_strdup_printf ("{\"text\": \"%s\"}", nfd);

  /* Case ignored by default; spaces trimmed and collapsed. */
  assert_score (quiz, "q4", "{\"text\": \"VNeID\"}", 1, TRUE);
  assert_score (quiz, "q4", "{\"text\": \"vneid\"}", 1, TRUE);
  assert_score (quiz, "q4", "{\"text\": \"  ỨNG   dụng\\tVNeID \"}", 1, TRUE);
  assert_score (quiz, "q4", "{\"text\": \"ung dung VNeID\"}", 0, FALSE);
  assert_score (quiz, "q4", "{\"text\": \"VNeID app\"}", 0, FALSE);
  assert_score (quiz, "q4", "{\"text\": \"\"}", 0, FALSE);
  assert_score (quiz, "q4", "{\"text\": \"   \"}", 0, FALSE);

  assert_score (cased, "q4", "{\"text\": \"VNeID\"}", 1, TRUE);
  assert_score (cased, "q4", "{\"text\": \"vneid\"}", 0, FALSE);
  assert_score (cased, "q4", "{\"text\": \"Ứng dụng VNeID\"}", 0, FALSE);

  /* ignore_diacritics: marks, đ and case do not count. */
  assert_score (quiz, "q7", "{\"text\": \"dinh danh dien tu\"}", 1, TRUE);
  assert_score (quiz, "q7", "{\"text\": \"DINH DANH ĐIEN TU\"}", 1, TRUE);
  assert_score (quiz, "q7", "{\"text\": \"Định danh điện tử\"}", 1, TRUE);
  assert_score (quiz, "q7", "{\"text\": \"dinh danh\"}", 0, FALSE);

  assert_score (marked, "q7", "{\"text\": \"dinh danh dien tu\"}", 0, FALSE);
  assert_score (marked, "q7", "{\"text\": \"  định danh  ĐIỆN TỬ\"}", 1, TRUE);
  assert_score (marked, "q7", nfd_response, 1, TRUE);
}

/* The ids of the public items of @question_id, in the order shown, and a
 * table from their text to their id. */
static GPtrArray *
shown_ids (HsQuiz      *quiz,
           const char  *question_id,
           const char  *list,
           guint32      seed,
           GHashTable **by_text)
{
  g_autoptr(JsonNode) node = hs_quiz_question_to_public_json (quiz, question_id, seed);
  JsonArray *array = json_object_get_array_member (json_node_get_object (node), list);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  if (by_text != NULL)
    *by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      g_ptr_array_add (ids, g_strdup (json_object_get_string_member (item, "id")));
      if (by_text != NULL)
        g_hash_table_insert (*by_text, g_strdup (json_object_get_string_member (item, "text")),
                             g_strdup (json_object_get_string_member (item, "id")));
    }
  return ids;
}

static char *
order_response (const char * const *ids,
                guint               n)
{
  g_autoptr(GString) text = g_string_new ("{\"order\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s\"%s\"", i > 0 ? ", " : "", ids[i]);
  g_string_append (text, "]}");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_score_ordering (void)
{
  g_autoptr(HsQuiz) quiz = parse_good (good_json);
  const char * const solution_texts[] = {
    "Nhập số định danh và số điện thoại", "Nhập mã OTP", "Đặt mật khẩu", "Đặt passcode",
  };

  for (guint32 seed = 1; seed < 6; seed++)
    {
      g_autoptr(GHashTable) by_text = NULL;
      g_autoptr(GPtrArray) shown = shown_ids (quiz, "q5", "items", seed, &by_text);
      const char *right[4], *swapped[4];
      g_autofree char *right_response = NULL;
      g_autofree char *shown_response = NULL;
      g_autofree char *swapped_response = NULL;

      for (guint i = 0; i < 4; i++)
        right[i] = swapped[i] = g_hash_table_lookup (by_text, solution_texts[i]);
      swapped[0] = right[1];
      swapped[1] = right[0];

      right_response = order_response (right, 4);
      shown_response = order_response ((const char * const *) shown->pdata, shown->len);
      swapped_response = order_response (swapped, 4);
      assert_score (quiz, "q5", right_response, 1.5, TRUE);
      assert_score (quiz, "q5", shown_response, 0, FALSE);
      assert_score (quiz, "q5", swapped_response, 0, FALSE);
    }
}

static void
test_score_matching (void)
{
  g_autoptr(HsQuiz) quiz = parse_good (good_json);
  g_autoptr(GHashTable) by_text = NULL;
  g_autoptr(GPtrArray) shown = shown_ids (quiz, "q6", "right", 11, &by_text);
  const char *r1 = g_hash_table_lookup (by_text, "Gác máy, gọi lại số đã biết");
  const char *r2 = g_hash_table_lookup (by_text, "Nhắn tới 156");
  const char *r3 = g_hash_table_lookup (by_text, "Báo ngân hàng");
  g_autofree char *all = g_strdup_printf ("{\"pairs\": {\"p1\": \"%s\", \"p2\": \"%s\", \"p3\": \"%s\"}}", r1, r2, r3);
  g_autofree char *one = g_strdup_printf ("{\"pairs\": {\"p1\": \"%s\", \"p2\": \"%s\", \"p3\": \"%s\"}}", r1, r3, r2);
  g_autofree char *none = g_strdup_printf ("{\"pairs\": {\"p1\": \"%s\", \"p2\": \"%s\", \"p3\": \"%s\"}}", r2, r3, r1);
  g_autofree char *partial = g_strdup_printf ("{\"pairs\": {\"p3\": \"%s\", \"p2\": \"%s\"}}", r3, r2);

  g_assert_cmpuint (shown->len, ==, 3);
  assert_score (quiz, "q6", all, 3, TRUE);
  assert_score (quiz, "q6", one, 1, FALSE);
  assert_score (quiz, "q6", none, 0, FALSE);
  /* Lefts left unmatched count as wrong. */
  assert_score (quiz, "q6", partial, 2, FALSE);
  assert_score (quiz, "q6", "{\"pairs\": {}}", 0, FALSE);
}

typedef struct {
  const char *question;
  const char *response;   /* NULL: no response at all */
} BadResponse;

static void
test_malformed_responses (void)
{
  g_autoptr(HsQuiz) quiz = parse_good (good_json);
  g_autoptr(GPtrArray) items = shown_ids (quiz, "q5", "items", 3, NULL);
  g_autoptr(GPtrArray) rights = shown_ids (quiz, "q6", "right", 3, NULL);
  g_autofree char *short_order = g_strdup_printf ("{\"order\": [\"%s\", \"%s\", \"%s\"]}",
                                                  (char *) items->pdata[0], (char *) items->pdata[1],
                                                  (char *) items->pdata[2]);
  g_autofree char *twice_order = g_strdup_printf ("{\"order\": [\"%s\", \"%s\", \"%s\", \"%s\"]}",
                                                  (char *) items->pdata[0], (char *) items->pdata[1],
                                                  (char *) items->pdata[2], (char *) items->pdata[1]);
  g_autofree char *twice_right = g_strdup_printf ("{\"pairs\": {\"p1\": \"%s\", \"p2\": \"%s\"}}",
                                                  (char *) rights->pdata[0], (char *) rights->pdata[0]);
  g_autofree char *unknown_left = g_strdup_printf ("{\"pairs\": {\"p9\": \"%s\"}}", (char *) rights->pdata[0]);
  const BadResponse cases[] = {
    { "q1", NULL },
    { "q1", "[\"a\"]" },
    { "q1", "\"a\"" },
    { "q1", "{}" },
    { "q1", "{\"choice\": 1}" },
    { "q1", "{\"choice\": [\"a\"]}" },
    { "q1", "{\"choice\": \"z\"}" },
    { "q2", "{\"choices\": \"a\"}" },
    { "q2", "{\"choices\": [\"a\", \"a\"]}" },
    { "q2", "{\"choices\": [\"a\", \"z\"]}" },
    { "q2", "{\"choices\": [1]}" },
    { "q2", "{\"choice\": \"a\"}" },
    { "q3", "{\"answer\": \"false\"}" },
    { "q3", "{\"answer\": 0}" },
    { "q4", "{\"text\": 5}" },
    { "q4", "{\"text\": [\"VNeID\"]}" },
    { "q5", "{\"order\": [\"s1\", \"s2\", \"s3\", \"s4\"]}" },
    { "q5", "{\"order\": {}}" },
    { "q5", short_order },
    { "q5", twice_order },
    { "q6", "{\"pairs\": []}" },
    { "q6", "{\"pairs\": {\"p1\": \"p1\"}}" },
    { "q6", "{\"pairs\": {\"p1\": 1}}" },
    { "q6", unknown_left },
    { "q6", twice_right },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = cases[i].response ? json (cases[i].response) : NULL;
      gboolean correct = TRUE;
      double earned = hs_quiz_score (quiz, cases[i].question, node, &correct, &error);

      if (!g_error_matches (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_INVALID_RESPONSE))
        g_error ("%s %s: expected an invalid-response error, got %s", cases[i].question,
                 cases[i].response, error ? error->message : "a score");
      g_assert_nonnull (strstr (error->message, cases[i].question));
      g_assert_cmpfloat (earned, <, 0);
      g_assert_false (correct);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = json ("{\"choice\": \"a\"}");

    hs_quiz_score (quiz, "q99", node, NULL, &error);
    g_assert_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_UNKNOWN_QUESTION);
  }
}

static char *
bank_json (guint    n,
           gboolean shuffle,
           guint    draw)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": 1, ");

  g_string_append_printf (text, "\"shuffle_questions\": %s, ", shuffle ? "true" : "false");
  if (draw > 0)
    g_string_append_printf (text, "\"draw\": %u, ", draw);
  g_string_append (text, "\"questions\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "%s{\"id\": \"c%u\", \"type\": \"true_false\", \"text\": \"Câu %u\", \"answer\": true, \"points\": %u}",
                            i > 0 ? ", " : "", i, i, i + 1);
  g_string_append (text, "]}");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
join_ids (GPtrArray *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len && g_ptr_array_index (ids, i) != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "", (char *) g_ptr_array_index (ids, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_draw (void)
{
  g_autofree char *drawn_json = bank_json (10, TRUE, 4);
  g_autofree char *plain_json = bank_json (10, FALSE, 0);
  g_autofree char *subset_json = bank_json (10, FALSE, 4);
  g_autofree char *shuffled_json = bank_json (10, TRUE, 0);
  g_autoptr(HsQuiz) drawn = parse_good (drawn_json);
  g_autoptr(HsQuiz) plain = parse_good (plain_json);
  g_autoptr(HsQuiz) subset = parse_good (subset_json);
  g_autoptr(HsQuiz) shuffled = parse_good (shuffled_json);
  g_autoptr(GHashTable) attempts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (hs_quiz_get_draw (drawn), ==, 4);

  for (guint32 seed = 0; seed < 40; seed++)
    {
      g_autoptr(GPtrArray) a = hs_quiz_draw (drawn, seed);
      g_autoptr(GPtrArray) b = hs_quiz_draw (drawn, seed);
      g_autoptr(GPtrArray) all = hs_quiz_draw (shuffled, seed);
      g_autoptr(GPtrArray) in_order = hs_quiz_draw (subset, seed);
      g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *a_text = join_ids (a);
      g_autofree char *b_text = join_ids (b);
      double total;

      /* Deterministic per seed, N distinct questions. */
      g_assert_cmpstr (a_text, ==, b_text);
      g_assert_cmpuint (a->len, ==, 4);
      for (guint i = 0; i < a->len; i++)
        g_assert_true (g_hash_table_add (distinct, g_ptr_array_index (a, i)));
      g_hash_table_add (attempts, g_steal_pointer (&a_text));

      /* The total is that of the drawn questions. */
      g_ptr_array_add (a, NULL);
      total = hs_quiz_get_total_points (drawn, (const char * const *) a->pdata);
      g_assert_cmpfloat (total, >=, 1 + 2 + 3 + 4);
      g_assert_cmpfloat (total, <=, 10 + 9 + 8 + 7);

      /* Shuffled without a draw: all of them, in some order. */
      g_assert_cmpuint (all->len, ==, 10);
      g_hash_table_add (orders, join_ids (all));

      /* Drawn without shuffling: the file's order. */
      g_assert_cmpuint (in_order->len, ==, 4);
      for (guint i = 1; i < in_order->len; i++)
        g_assert_cmpint (atoi ((char *) g_ptr_array_index (in_order, i - 1) + 1), <,
                         atoi ((char *) g_ptr_array_index (in_order, i) + 1));
    }

  /* Different seeds give different attempts. */
  g_assert_cmpuint (g_hash_table_size (attempts), >, 20);
  g_assert_cmpuint (g_hash_table_size (orders), >, 20);

  {
    g_autoptr(GPtrArray) ids = hs_quiz_draw (plain, 123);
    g_autofree char *text = join_ids (ids);

    g_assert_cmpstr (text, ==, "c0,c1,c2,c3,c4,c5,c6,c7,c8,c9");
  }
}

static void
assert_no_banned_words (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (guint i = 0; banned_words[i] != NULL; i++)
    if (strstr (lower, banned_words[i]) != NULL)
      g_error ("the public JSON mentions “%s”: %s", banned_words[i], text);
}

static void
test_public_json (void)
{
  g_autoptr(HsQuiz) quiz = parse_good (good_json);
  g_autoptr(GHashTable) choice_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) item_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const solution_texts[] = {
    "Nhập số định danh và số điện thoại", "Nhập mã OTP", "Đặt mật khẩu", "Đặt passcode",
  };
  const char * const right_texts[] = {
    "Gác máy, gọi lại số đã biết", "Nhắn tới 156", "Báo ngân hàng",
  };

  for (guint32 seed = 0; seed < 50; seed++)
    {
      for (guint q = 0; q < hs_quiz_get_n_questions (quiz); q++)
        {
          g_autoptr(JsonNode) node = hs_quiz_question_to_public_json (quiz, hs_quiz_get_question_id (quiz, q), seed);
          g_autoptr(JsonNode) again = hs_quiz_question_to_public_json (quiz, hs_quiz_get_question_id (quiz, q), seed);

          g_assert_true (json_node_equal (node, again));
          assert_no_banned_words (node);
        }

      /* Choices carry an id and a text, nothing else, shuffled by the seed. */
      {
        g_autoptr(JsonNode) node = hs_quiz_question_to_public_json (quiz, "q2", seed);
        JsonArray *choices = json_object_get_array_member (json_node_get_object (node), "choices");
        g_autoptr(GString) order = g_string_new (NULL);

        g_assert_cmpuint (json_array_get_length (choices), ==, 5);
        for (guint i = 0; i < json_array_get_length (choices); i++)
          {
            JsonObject *choice = json_array_get_object_element (choices, i);

            g_assert_cmpuint (json_object_get_size (choice), ==, 2);
            g_string_append (order, json_object_get_string_member (choice, "id"));
          }
        g_hash_table_add (choice_orders, g_string_free (g_steal_pointer (&order), FALSE));
      }

      /* Ordering: never shown in the right order, never under the author's
       * ids, and the shown ids in their own order are not the solution. */
      {
        g_autoptr(GHashTable) by_text = NULL;
        g_autoptr(GPtrArray) shown = shown_ids (quiz, "q5", "items", seed, &by_text);
        g_autoptr(GString) order = g_string_new (NULL);
        g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
        gboolean same = TRUE, sorted_same = TRUE;

        for (guint i = 0; i < shown->len; i++)
          {
            const char *id = g_ptr_array_index (shown, i);

            g_assert_true (id[0] == 'i');
            g_assert_false (id[0] == 's');
            g_string_append (order, id);
            if (!g_str_equal (id, g_hash_table_lookup (by_text, solution_texts[i])))
              same = FALSE;
            g_ptr_array_add (sorted, (gpointer) id);
          }
        g_assert_false (same);
        g_ptr_array_sort (sorted, compare_strings);
        for (guint i = 0; i < sorted->len; i++)
          if (!g_str_equal (g_ptr_array_index (sorted, i), g_hash_table_lookup (by_text, solution_texts[i])))
            sorted_same = FALSE;
        g_assert_false (sorted_same);
        g_hash_table_add (item_orders, g_string_free (g_steal_pointer (&order), FALSE));
      }

      /* Matching: lefts in the author's order, rights under opaque ids,
       * never straight across from their lefts, nor in label order. */
      {
        g_autoptr(GHashTable) by_text = NULL;
        g_autoptr(GPtrArray) lefts = shown_ids (quiz, "q6", "left", seed, NULL);
        g_autoptr(GPtrArray) rights = shown_ids (quiz, "q6", "right", seed, &by_text);
        gboolean across = TRUE, labels_across = TRUE;
        g_autoptr(JsonNode) node = hs_quiz_question_to_public_json (quiz, "q6", seed);
        JsonArray *right = json_object_get_array_member (json_node_get_object (node), "right");

        g_assert_cmpstr (g_ptr_array_index (lefts, 0), ==, "p1");
        g_assert_cmpstr (g_ptr_array_index (lefts, 2), ==, "p3");
        for (guint i = 0; i < rights->len; i++)
          {
            g_autofree char *label = g_strdup_printf ("r%u", i + 1);

            g_assert_true (((char *) g_ptr_array_index (rights, i))[0] == 'r');
            if (!g_str_equal (json_object_get_string_member (json_array_get_object_element (right, i), "text"),
                              right_texts[i]))
              across = FALSE;
            if (!g_str_equal (g_hash_table_lookup (by_text, right_texts[i]), label))
              labels_across = FALSE;
          }
        g_assert_false (across);
        g_assert_false (labels_across);
      }
    }

  /* The seed changes the order. */
  g_assert_cmpuint (g_hash_table_size (choice_orders), >, 10);
  g_assert_cmpuint (g_hash_table_size (item_orders), >, 5);

  /* The page gets the media, not the key. */
  {
    g_autoptr(JsonNode) node = hs_quiz_question_to_public_json (quiz, "q1", 0);
    JsonObject *object = json_node_get_object (node);

    g_assert_cmpstr (json_object_get_string_member (object, "image"), ==, "hinh/a.svg");
    g_assert_cmpstr (json_object_get_string_member (object, "audio"), ==, "am-thanh/a.ogg");
    g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "single");
    g_assert_cmpfloat (json_object_get_double_member (object, "points"), ==, 1);
    g_assert_false (json_object_has_member (object, "competences"));
    g_assert_null (hs_quiz_question_to_public_json (quiz, "q99", 0));
  }

  /* Without shuffle_choices the author's order is kept. */
  {
    g_autofree char *text = mutate ("shuffle_choices", "false");
    g_autoptr(HsQuiz) fixed = parse_good (text);
    g_autoptr(GPtrArray) ids = shown_ids (fixed, "q2", "choices", 99, NULL);
    g_autofree char *joined = join_ids (ids);

    g_assert_cmpstr (joined, ==, "a,b,c,d,e");
  }
}

static void
test_two_items (void)
{
  const char *text =
    "{ \"format\": 1, \"questions\": [\n"
    "  { \"id\": \"o\", \"type\": \"ordering\", \"text\": \"Xếp\",\n"
    "    \"items\": [ {\"id\": \"x\", \"text\": \"Một\"}, {\"id\": \"y\", \"text\": \"Hai\"} ] } ] }";
  g_autoptr(HsQuiz) quiz = parse_good (text);

  /* With two items the only order that is not the solution is the other. */
  for (guint32 seed = 0; seed < 10; seed++)
    {
      g_autoptr(GHashTable) by_text = NULL;
      g_autoptr(GPtrArray) shown = shown_ids (quiz, "o", "items", seed, &by_text);

      g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, g_hash_table_lookup (by_text, "Hai"));
    }
}

static void
test_feedback (void)
{
  g_autoptr(HsQuiz) quiz = parse_good (good_json);
  g_autoptr(JsonNode) wrong = json ("{\"choice\": \"b\"}");
  g_autoptr(JsonNode) picks = json ("{\"choices\": [\"a\", \"d\", \"e\"]}");
  g_autoptr(JsonNode) said_true = json ("{\"answer\": true}");
  g_autoptr(JsonNode) bad = json ("{\"choice\": \"z\"}");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object, *solution;
  JsonArray *array;

  node = hs_quiz_question_feedback (quiz, "q1", wrong);
  object = json_node_get_object (node);
  g_assert_true (json_object_get_boolean_member (object, "answered"));
  g_assert_false (json_object_get_boolean_member (object, "correct"));
  g_assert_cmpfloat (json_object_get_double_member (object, "earned"), ==, 0);
  solution = json_object_get_object_member (object, "solution");
  array = json_object_get_array_member (solution, "choices");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"), ==, "a");
  array = json_object_get_array_member (object, "feedback");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "Không cài ứng dụng từ link.");
  g_assert_cmpstr (json_object_get_string_member (object, "explanation"), ==,
                   "Chỉ có một ứng dụng VNeID, tải từ kho ứng dụng.");
  g_clear_pointer (&node, json_node_unref);

  /* The feedback of each chosen choice that has one. */
  node = hs_quiz_question_feedback (quiz, "q2", picks);
  object = json_node_get_object (node);
  array = json_object_get_array_member (object, "feedback");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "OTP là chìa khoá.");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "Tên trường là công khai.");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (object, "solution"), "choices")), ==, 3);
  g_assert_false (json_object_has_member (object, "explanation"));
  g_clear_pointer (&node, json_node_unref);

  node = hs_quiz_question_feedback (quiz, "q3", said_true);
  object = json_node_get_object (node);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (object, "solution"), "answer"));
  array = json_object_get_array_member (object, "feedback");
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "Công an không gọi điện hướng dẫn.");
  g_clear_pointer (&node, json_node_unref);

  /* No response, or one that cannot be scored: the solution only. */
  node = hs_quiz_question_feedback (quiz, "q1", NULL);
  object = json_node_get_object (node);
  g_assert_false (json_object_get_boolean_member (object, "answered"));
  g_assert_false (json_object_has_member (object, "earned"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "feedback")), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  node = hs_quiz_question_feedback (quiz, "q1", bad);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (node), "answered"));
  g_clear_pointer (&node, json_node_unref);

  node = hs_quiz_question_feedback (quiz, "q4", NULL);
  array = json_object_get_array_member (json_object_get_object_member (json_node_get_object (node), "solution"), "accepted");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "ứng dụng VNeID");
  g_clear_pointer (&node, json_node_unref);

  /* Ordering and matching solutions use the ids the page was shown. */
  {
    g_autoptr(GHashTable) by_text = NULL;
    g_autoptr(GPtrArray) shown = shown_ids (quiz, "q5", "items", 5, &by_text);

    node = hs_quiz_question_feedback (quiz, "q5", NULL);
    array = json_object_get_array_member (json_object_get_object_member (json_node_get_object (node), "solution"), "order");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"), ==,
                     g_hash_table_lookup (by_text, "Nhập số định danh và số điện thoại"));
    g_clear_pointer (&node, json_node_unref);
  }
  {
    g_autoptr(GHashTable) by_text = NULL;
    g_autoptr(GPtrArray) shown = shown_ids (quiz, "q6", "right", 5, &by_text);
    JsonObject *pair;

    node = hs_quiz_question_feedback (quiz, "q6", NULL);
    array = json_object_get_array_member (json_object_get_object_member (json_node_get_object (node), "solution"), "pairs");
    pair = json_array_get_object_element (array, 1);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pair, "left"), "id"), ==, "p2");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pair, "right"), "id"), ==,
                     g_hash_table_lookup (by_text, "Nhắn tới 156"));
  }

  g_assert_null (hs_quiz_question_feedback (quiz, "q99", NULL));
}

static void
test_fold (void)
{
  const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "Định danh", "dinh danh" },
    { "ĐƯỜNG", "duong" },
    { "  Lừa   đảo ", "lua dao" },
    { "Tiếng Việt có dấu: ă â ê ô ơ ư", "tieng viet co dau: a a e o o u" },
    { "Nghị\tđịnh\n69/2024", "nghi dinh 69/2024" },
    { "\xc2\xa0VNeID\xc2\xa0", "vneid" },
    { "", "" },
    { "   ", "" },
  };
  g_autofree char *nfd = g_utf8_normalize ("Định danh", -1, G_NORMALIZE_NFD);
  g_autofree char *nfd_folded = hs_utils_fold (nfd);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = hs_utils_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
  g_assert_cmpstr (nfd_folded, ==, "dinh danh");
}

static void
assert_strv (GStrv               texts,
             const char * const *expected)
{
  g_assert_nonnull (texts);
  g_assert_cmpuint (g_strv_length (texts), ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (texts[i], ==, expected[i]);
}

/* What the search index reads of a quiz: what learners read while
 * answering, and nothing that gives an answer away. */
static void
test_question_texts (void)
{
  g_autoptr(HsQuiz) quiz = parse_good (good_json);
  g_auto(GStrv) q1 = hs_quiz_get_question_texts (quiz, "q1");
  g_auto(GStrv) q3 = hs_quiz_get_question_texts (quiz, "q3");
  g_auto(GStrv) q4 = hs_quiz_get_question_texts (quiz, "q4");
  g_auto(GStrv) q5 = hs_quiz_get_question_texts (quiz, "q5");
  g_auto(GStrv) q6 = hs_quiz_get_question_texts (quiz, "q6");

  assert_strv (q1, (const char * const[]) {
    "Ứng dụng định danh điện tử chính thức là gì?", "VNeID", "Ứng dụng tải qua đường link", "Zalo", NULL });
  g_assert_cmpstr (hs_quiz_get_question_explanation (quiz, "q1"), ==,
                   "Chỉ có một ứng dụng VNeID, tải từ kho ứng dụng.");
  /* No feedback, no accepted answers. */
  assert_strv (q3, (const char * const[]) { "Công an gọi điện hướng dẫn kích hoạt VNeID.", NULL });
  assert_strv (q4, (const char * const[]) { "Gõ tên ứng dụng định danh.", NULL });
  g_assert_null (hs_quiz_get_question_explanation (quiz, "q4"));
  /* The file order of ordering items is the solution (s1, s2, s3, s4);
   * sorted, it is not. */
  assert_strv (q5, (const char * const[]) {
    "Sắp xếp các bước kích hoạt.",
    "Nhập mã OTP", "Nhập số định danh và số điện thoại", "Đặt mật khẩu", "Đặt passcode", NULL });
  /* Matching: no left next to its right. */
  assert_strv (q6, (const char * const[]) {
    "Nối thủ đoạn với cách xử lý.",
    "Chuyển nhầm tiền", "Cuộc gọi giả công an", "Tin nhắn lừa đảo",
    "Báo ngân hàng", "Gác máy, gọi lại số đã biết", "Nhắn tới 156", NULL });

  g_assert_null (hs_quiz_get_question_texts (quiz, "q99"));
  g_assert_null (hs_quiz_get_question_explanation (quiz, "q99"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  root_dir = hs_test_make_tmp_dir ();
  write_file ("hinh/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
  write_file ("am-thanh/a.ogg", "OggS");
  {
    g_autofree char *folder = g_build_filename (root_dir, "hinh.svg", NULL);
    g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  }

  g_test_add_func ("/hocso/quiz/parses-good", test_parses_good);
  g_test_add_func ("/hocso/quiz/defaults", test_defaults);
  g_test_add_func ("/hocso/quiz/load", test_load);
  g_test_add_func ("/hocso/quiz/invalid-json", test_invalid_json);
  g_test_add_func ("/hocso/quiz/too-deep", test_too_deep);
  g_test_add_func ("/hocso/quiz/too-large", test_too_large);
  g_test_add_func ("/hocso/quiz/message-shape", test_message_shape);
  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hocso/quiz/field/%s", field_cases[i].test);
      g_test_add_data_func (path, &field_cases[i], test_field_case);
    }
  g_test_add_func ("/hocso/quiz/score/single-true-false", test_score_single_true_false);
  g_test_add_func ("/hocso/quiz/score/multiple", test_score_multiple);
  g_test_add_func ("/hocso/quiz/score/fill-in", test_score_fill_in);
  g_test_add_func ("/hocso/quiz/score/ordering", test_score_ordering);
  g_test_add_func ("/hocso/quiz/score/matching", test_score_matching);
  g_test_add_func ("/hocso/quiz/score/malformed", test_malformed_responses);
  g_test_add_func ("/hocso/quiz/draw", test_draw);
  g_test_add_func ("/hocso/quiz/public-json", test_public_json);
  g_test_add_func ("/hocso/quiz/public-json-two-items", test_two_items);
  g_test_add_func ("/hocso/quiz/feedback", test_feedback);
  g_test_add_func ("/hocso/quiz/fold", test_fold);
  g_test_add_func ("/hocso/quiz/question-texts", test_question_texts);

  status = g_test_run ();
  hs_test_rm_rf (root_dir);
  g_free (root_dir);
  return status;
}
