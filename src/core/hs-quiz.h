/* hs-quiz.h — quiz definitions: parsing, checking and scoring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HS_QUIZ_ERROR (hs_quiz_error_quark ())

typedef enum {
  HS_QUIZ_ERROR_NOT_FOUND,
  HS_QUIZ_ERROR_TOO_LARGE,
  HS_QUIZ_ERROR_INVALID_JSON,
  HS_QUIZ_ERROR_UNSUPPORTED_FORMAT,
  HS_QUIZ_ERROR_MISSING_FIELD,
  HS_QUIZ_ERROR_INVALID_FIELD,
  HS_QUIZ_ERROR_UNKNOWN_TYPE,
  HS_QUIZ_ERROR_DUPLICATE_ID,
  HS_QUIZ_ERROR_DUPLICATE_TEXT,
  HS_QUIZ_ERROR_TOO_FEW,
  HS_QUIZ_ERROR_ANSWER_KEY,
  HS_QUIZ_ERROR_MISSING_FILE,
  HS_QUIZ_ERROR_UNKNOWN_QUESTION,
  HS_QUIZ_ERROR_INVALID_RESPONSE,
} HsQuizError;

typedef enum {
  HS_QUIZ_QUESTION_SINGLE,
  HS_QUIZ_QUESTION_MULTIPLE,
  HS_QUIZ_QUESTION_TRUE_FALSE,
  HS_QUIZ_QUESTION_FILL_IN,
  HS_QUIZ_QUESTION_ORDERING,
  HS_QUIZ_QUESTION_MATCHING,
} HsQuizQuestionType;

typedef enum {
  HS_QUIZ_SHOW_ANSWERS_AT_END,
  HS_QUIZ_SHOW_ANSWERS_AFTER_EACH,
  HS_QUIZ_SHOW_ANSWERS_NEVER,
} HsQuizShowAnswers;

/* The largest quiz file read, and the deepest nesting accepted. */
#define HS_QUIZ_MAX_SIZE  (1024 * 1024)
#define HS_QUIZ_MAX_DEPTH 32

#define HS_TYPE_QUIZ (hs_quiz_get_type ())

G_DECLARE_FINAL_TYPE (HsQuiz, hs_quiz, HS, QUIZ, GObject)

GQuark             hs_quiz_error_quark              (void);

HsQuiz            *hs_quiz_parse                    (const char          *json,
                                                     gssize               length,
                                                     const char          *name,
                                                     const char          *root,
                                                     GError             **error) G_GNUC_WARN_UNUSED_RESULT;
HsQuiz            *hs_quiz_load                     (const char          *root,
                                                     const char          *src,
                                                     GError             **error) G_GNUC_WARN_UNUSED_RESULT;

const char        *hs_quiz_get_name                 (HsQuiz              *self);
/* NaN when the quiz leaves it to the course. */
double             hs_quiz_get_pass_mark            (HsQuiz              *self);
gboolean           hs_quiz_get_shuffle_questions    (HsQuiz              *self);
gboolean           hs_quiz_get_shuffle_choices      (HsQuiz              *self);
/* 0 when every question is asked in each attempt. */
guint              hs_quiz_get_draw                 (HsQuiz              *self);
/* 0 when unlimited. */
guint              hs_quiz_get_attempts             (HsQuiz              *self);
/* In seconds; 0 when there is no limit. */
guint              hs_quiz_get_time_limit           (HsQuiz              *self);
HsQuizShowAnswers  hs_quiz_get_show_answers         (HsQuiz              *self);

guint              hs_quiz_get_n_questions          (HsQuiz              *self);
const char        *hs_quiz_get_question_id          (HsQuiz              *self,
                                                     guint                index);
gboolean           hs_quiz_get_question_type        (HsQuiz              *self,
                                                     const char          *question_id,
                                                     HsQuizQuestionType  *type);
const char * const *hs_quiz_get_question_competences (HsQuiz             *self,
                                                     const char          *question_id);
GStrv              hs_quiz_get_question_texts       (HsQuiz              *self,
                                                     const char          *question_id) G_GNUC_WARN_UNUSED_RESULT;
const char        *hs_quiz_get_question_explanation (HsQuiz              *self,
                                                     const char          *question_id);
double             hs_quiz_get_total_points         (HsQuiz              *self,
                                                     const char * const  *question_ids);

GPtrArray         *hs_quiz_draw                     (HsQuiz              *self,
                                                     guint32              seed) G_GNUC_WARN_UNUSED_RESULT;
JsonNode          *hs_quiz_question_to_public_json  (HsQuiz              *self,
                                                     const char          *question_id,
                                                     guint32              seed) G_GNUC_WARN_UNUSED_RESULT;
double             hs_quiz_score                    (HsQuiz              *self,
                                                     const char          *question_id,
                                                     JsonNode            *response,
                                                     gboolean            *correct,
                                                     GError             **error);
JsonNode          *hs_quiz_question_feedback        (HsQuiz              *self,
                                                     const char          *question_id,
                                                     JsonNode            *response) G_GNUC_WARN_UNUSED_RESULT;

const char        *hs_quiz_question_type_to_string  (HsQuizQuestionType   type);

G_END_DECLS
