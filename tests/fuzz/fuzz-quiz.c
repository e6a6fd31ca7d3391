/* fuzz-quiz.c — libFuzzer target: a quiz file through hs_quiz_parse()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hs-quiz.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsQuiz) quiz = hs_quiz_parse ((const char *) data, size, "quiz.json", NULL, &error);

  g_assert ((quiz == NULL) != (error == NULL));
  if (quiz == NULL)
    return 0;

  /* What the quiz page and the scoring do with an accepted quiz. */
  {
    g_autoptr(GPtrArray) drawn = hs_quiz_draw (quiz, 7);

    g_assert_cmpuint (drawn->len, <=, hs_quiz_get_n_questions (quiz));

    for (guint i = 0; i < hs_quiz_get_n_questions (quiz); i++)
      {
        const char *id = hs_quiz_get_question_id (quiz, i);
        g_autoptr(JsonNode) page = hs_quiz_question_to_public_json (quiz, id, 7);
        g_autoptr(JsonNode) review = hs_quiz_question_feedback (quiz, id, NULL);
        g_autoptr(JsonNode) empty = json_from_string ("{}", NULL);
        g_autoptr(GError) score_error = NULL;
        gboolean correct;

        g_assert_nonnull (page);
        g_assert_nonnull (review);
        hs_quiz_score (quiz, id, empty, &correct, &score_error);
      }
  }
  return 0;
}
