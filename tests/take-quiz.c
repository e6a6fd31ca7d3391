/* take-quiz.c — takes a quiz lesson start to finish, for the CLI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   take-quiz DATA-DIR LEARNER COURSE LESSON right|wrong
 *
 * Starts (or resumes) the learner's attempt, answers every question right
 * or wrong through HsQuizSession, as the quiz page would, and hands it in.
 * Prints the score as a percentage.
 */
#include "config.h"

#include <locale.h>

#include "hs-quiz-session.h"
#include "hs-test-fixtures.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsProgress) progress = NULL;
  g_autoptr(HsLearner) learner = NULL;
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(HsQuizSession) session = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) results = NULL;
  HsLesson *lesson;
  gboolean right;
  guint total;

  setlocale (LC_ALL, "");
  if (argc != 6 || (!g_str_equal (argv[5], "right") && !g_str_equal (argv[5], "wrong")))
    {
      g_printerr ("usage: take-quiz DATA-DIR LEARNER COURSE LESSON right|wrong\n");
      return 2;
    }
  right = g_str_equal (argv[5], "right");

  if ((library = hs_library_new (argv[1], &error)) == NULL ||
      (progress = hs_progress_new (library),
       (learner = hs_progress_find_learner (progress, argv[2], &error)) == NULL) ||
      (course = hs_library_get_course (library, argv[3], &error)) == NULL)
    goto fail;
  lesson = hs_course_find_lesson (course, argv[4]);
  if (lesson == NULL)
    {
      g_printerr ("take-quiz: no lesson %s\n", argv[4]);
      return 1;
    }
  if ((session = hs_quiz_session_new (progress, learner, course, lesson, &error)) == NULL ||
      (state = hs_quiz_session_start (session, &error)) == NULL)
    goto fail;

  total = json_object_get_int_member (json_object_get_object_member (json_node_get_object (state), "open"), "total");
  for (guint i = 0; i < total; i++)
    {
      g_autoptr(JsonNode) view = hs_quiz_session_get_question (session, i, &error);
      g_autoptr(JsonNode) response = NULL;
      g_autoptr(JsonNode) reply = NULL;
      const char *id;

      if (view == NULL)
        goto fail;
      id = json_object_get_string_member (json_object_get_object_member (json_node_get_object (view), "question"), "id");
      response = right ? hs_test_quiz_right_response (hs_quiz_session_get_quiz (session), id)
                       : hs_test_quiz_wrong_response (hs_quiz_session_get_quiz (session), id);
      if ((reply = hs_quiz_session_answer (session, id, response, &error)) == NULL)
        goto fail;
    }

  if ((results = hs_quiz_session_submit (session, &error)) == NULL)
    goto fail;
  g_print ("%.0f\n", 100 * json_object_get_double_member (json_node_get_object (results), "score"));
  return 0;

fail:
  g_printerr ("take-quiz: %s\n", error->message);
  return 1;
}
