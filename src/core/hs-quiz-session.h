/* hs-quiz-session.h — one learner taking one quiz lesson: attempts, answers, results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hs-progress.h"
#include "hs-quiz.h"

G_BEGIN_DECLS

#define HS_QUIZ_SESSION_ERROR (hs_quiz_session_error_quark ())

typedef enum {
  HS_QUIZ_SESSION_ERROR_NOT_A_QUIZ,
  HS_QUIZ_SESSION_ERROR_INVALID_REQUEST,
  HS_QUIZ_SESSION_ERROR_NO_ATTEMPTS_LEFT,
  HS_QUIZ_SESSION_ERROR_NO_OPEN_ATTEMPT,
  HS_QUIZ_SESSION_ERROR_ALREADY_ANSWERED,
  HS_QUIZ_SESSION_ERROR_TIME_UP,
} HsQuizSessionError;

#define HS_TYPE_QUIZ_SESSION (hs_quiz_session_get_type ())

G_DECLARE_FINAL_TYPE (HsQuizSession, hs_quiz_session, HS, QUIZ_SESSION, GObject)

GQuark         hs_quiz_session_error_quark  (void);

HsQuizSession *hs_quiz_session_new          (HsProgress     *progress,
                                             HsLearner      *learner,
                                             HsCourse       *course,
                                             HsLesson       *lesson,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
HsQuiz        *hs_quiz_session_get_quiz     (HsQuizSession  *self);

JsonNode      *hs_quiz_session_get_state    (HsQuizSession  *self,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode      *hs_quiz_session_start        (HsQuizSession  *self,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode      *hs_quiz_session_get_question (HsQuizSession  *self,
                                             guint           position,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode      *hs_quiz_session_answer       (HsQuizSession  *self,
                                             const char     *question_id,
                                             JsonNode       *response,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode      *hs_quiz_session_submit       (HsQuizSession  *self,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode      *hs_quiz_session_get_results  (HsQuizSession  *self,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;

JsonNode      *hs_quiz_session_handle       (HsQuizSession  *self,
                                             JsonNode       *message,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
