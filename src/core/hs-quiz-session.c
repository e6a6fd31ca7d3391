/* hs-quiz-session.c — one learner taking one quiz lesson: attempts, answers, results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quiz page never sees an answer key: it asks this object for the
 * question at a position, posts a response, and hands the attempt in.  All
 * of it is kept in the attempts and responses tables as it happens, so an
 * attempt left half-way (the window closed, the power cut) is resumed with
 * the same questions in the same order — the attempt keeps its seed.
 *
 * Every call first reads the learner's open attempt from the database
 * rather than trusting a copy in memory, so two views of the same quiz
 * cannot disagree, and an attempt whose time limit has passed is handed in
 * the moment anything touches it.
 */
#define G_LOG_DOMAIN "hs-quiz-session"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "hs-quiz-session.h"
#include "hs-utils.h"

/* Shares of partial credit are sums of fractions. */
#define PASS_TOLERANCE 1e-9

struct _HsQuizSession
{
  GObject     parent_instance;

  HsProgress *progress;
  HsStore    *store;
  HsLearner  *learner;
  HsQuiz     *quiz;
  char       *course_id;
  char       *course_version;
  char       *lesson_id;
  char       *title;
  double      pass_mark;

  /* The open attempt, as last read by load_open(); id 0 when none. */
  gint64      attempt_id;
  char       *attempt_uuid;
  guint32     seed;
  GPtrArray  *items;
  guint       position;
  GDateTime  *deadline;
};

G_DEFINE_FINAL_TYPE (HsQuizSession, hs_quiz_session, G_TYPE_OBJECT)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (hs-quiz-session-error-quark, hs_quiz_session_error)

static const char * const show_answers_names[] = {
  [HS_QUIZ_SHOW_ANSWERS_AT_END] = "at_end",
  [HS_QUIZ_SHOW_ANSWERS_AFTER_EACH] = "after_each",
  [HS_QUIZ_SHOW_ANSWERS_NEVER] = "never",
};

static void
clear_open (HsQuizSession *self)
{
  self->attempt_id = 0;
  self->seed = 0;
  self->position = 0;
  g_clear_pointer (&self->attempt_uuid, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->deadline, g_date_time_unref);
}

static void
hs_quiz_session_finalize (GObject *object)
{
  HsQuizSession *self = HS_QUIZ_SESSION (object);

  clear_open (self);
  g_clear_object (&self->progress);
  g_clear_object (&self->learner);
  g_clear_object (&self->quiz);
  g_free (self->course_id);
  g_free (self->course_version);
  g_free (self->lesson_id);
  g_free (self->title);

  G_OBJECT_CLASS (hs_quiz_session_parent_class)->finalize (object);
}

static void
hs_quiz_session_class_init (HsQuizSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_quiz_session_finalize;

  /**
   * HsQuizSession::finished:
   * @passed: whether the attempt passed
   *
   * An attempt was handed in, by the learner or by its time limit, and its
   * result recorded.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
hs_quiz_session_init (HsQuizSession *self)
{
}

/**
 * hs_quiz_session_new:
 * @lesson: a quiz lesson of @course, which must be installed
 *
 * Loads the lesson's quiz file from the installed course.
 */
HsQuizSession *
hs_quiz_session_new (HsProgress  *progress,
                     HsLearner   *learner,
                     HsCourse    *course,
                     HsLesson    *lesson,
                     GError     **error)
{
  g_autoptr(HsQuizSession) self = NULL;
  g_autoptr(HsQuiz) quiz = NULL;
  double pass_mark;

  g_return_val_if_fail (HS_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (HS_IS_LEARNER (learner), NULL);
  g_return_val_if_fail (HS_IS_COURSE (course), NULL);
  g_return_val_if_fail (HS_IS_LESSON (lesson), NULL);

  if (hs_lesson_get_kind (lesson) != HS_LESSON_KIND_QUIZ || hs_course_get_path (course) == NULL)
    {
      g_set_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_NOT_A_QUIZ,
                   _("The lesson “%s” is not a quiz of an installed course."), hs_lesson_get_title (lesson));
      return NULL;
    }

  quiz = hs_quiz_load (hs_course_get_path (course), hs_lesson_get_src (lesson), error);
  if (quiz == NULL)
    return NULL;

  pass_mark = hs_quiz_get_pass_mark (quiz);
  if (isnan (pass_mark))
    pass_mark = hs_course_get_pass_mark (course);

  self = g_object_new (HS_TYPE_QUIZ_SESSION, NULL);
  self->progress = g_object_ref (progress);
  self->store = hs_progress_get_store (progress);
  self->learner = g_object_ref (learner);
  self->quiz = g_steal_pointer (&quiz);
  self->course_id = g_strdup (hs_course_get_id (course));
  self->course_version = g_strdup (hs_course_get_version (course));
  self->lesson_id = g_strdup (hs_lesson_get_id (lesson));
  self->title = g_strdup (hs_lesson_get_title (lesson));
  self->pass_mark = pass_mark;

  return g_steal_pointer (&self);
}

HsQuiz *
hs_quiz_session_get_quiz (HsQuizSession *self)
{
  g_return_val_if_fail (HS_IS_QUIZ_SESSION (self), NULL);
  return self->quiz;
}

static guint
questions_per_attempt (HsQuizSession *self)
{
  guint draw = hs_quiz_get_draw (self->quiz);

  return draw > 0 ? draw : hs_quiz_get_n_questions (self->quiz);
}

static gboolean
is_item (HsQuizSession *self,
         const char    *question_id)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    if (g_str_equal (g_ptr_array_index (self->items, i), question_id))
      return TRUE;
  return FALSE;
}

static JsonNode *
parse_json (const char *text)
{
  return text != NULL ? json_from_string (text, NULL) : NULL;
}

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* Seconds left before the open attempt's deadline, or -1 without one. */
static gint64
remaining_seconds (HsQuizSession *self)
{
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan left;

  if (self->deadline == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  left = g_date_time_difference (self->deadline, now);
  return left > 0 ? (left + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND : 0;
}

static gboolean finish (HsQuizSession  *self,
                        const char     *ended_by,
                        GError        **error);

/* Reads the learner's open attempt at this lesson into self.  An attempt
 * past its deadline is handed in on the spot; @timed_out tells. */
static gboolean
load_open (HsQuizSession  *self,
           gboolean       *timed_out,
           GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  clear_open (self);
  if (timed_out != NULL)
    *timed_out = FALSE;

  stmt = hs_store_query (self->store, error,
                         "SELECT id, uuid, seed, items, position, deadline FROM attempts"
                         " WHERE learner_id = ? AND course_id = ? AND lesson_id = ? AND finished IS NULL",
                         "Iss", hs_learner_get_id (self->learner), self->course_id, self->lesson_id);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(JsonNode) items = parse_json ((const char *) sqlite3_column_text (stmt, 3));
      const char *deadline = (const char *) sqlite3_column_text (stmt, 5);

      self->attempt_id = sqlite3_column_int64 (stmt, 0);
      self->attempt_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      self->seed = (guint32) sqlite3_column_int64 (stmt, 2);
      self->position = sqlite3_column_int (stmt, 4);
      self->deadline = deadline ? g_date_time_new_from_iso8601 (deadline, NULL) : NULL;
      self->items = g_ptr_array_new_with_free_func (g_free);
      if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
        {
          JsonArray *array = json_node_get_array (items);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              const char *id = json_array_get_string_element (array, i);

              /* A question the installed version no longer has (the course
               * was updated mid-attempt) is left out rather than shown
               * broken. */
              if (id != NULL && hs_quiz_get_question_type (self->quiz, id, NULL))
                g_ptr_array_add (self->items, g_strdup (id));
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  if (self->attempt_id != 0 && self->deadline != NULL && remaining_seconds (self) == 0)
    {
      if (!finish (self, "time_limit", error))
        return FALSE;
      if (timed_out != NULL)
        *timed_out = TRUE;
    }

  return TRUE;
}

static gboolean
count_finished (HsQuizSession  *self,
                guint          *out,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = hs_store_query (self->store, error,
                         "SELECT COUNT(*) FROM attempts WHERE learner_id = ? AND course_id = ? AND lesson_id = ?"
                         " AND finished IS NOT NULL",
                         "Iss", hs_learner_get_id (self->learner), self->course_id, self->lesson_id);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (self->store, stmt, error);
  *out = rc == SQLITE_ROW ? (guint) sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc != -1;
}

static gboolean
count_answered (HsQuizSession  *self,
                guint          *out,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = hs_store_query (self->store, error, "SELECT COUNT(*) FROM responses WHERE attempt_id = ?",
                         "I", self->attempt_id);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (self->store, stmt, error);
  *out = rc == SQLITE_ROW ? (guint) sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc != -1;
}

static void
add_optional_uint (JsonBuilder *builder,
                   const char  *name,
                   guint        value)
{
  json_builder_set_member_name (builder, name);
  if (value > 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_remaining (HsQuizSession *self,
               JsonBuilder   *builder)
{
  gint64 left = remaining_seconds (self);

  json_builder_set_member_name (builder, "remaining");
  if (left >= 0)
    json_builder_add_int_value (builder, left);
  else
    json_builder_add_null_value (builder);
}

/**
 * hs_quiz_session_get_state:
 *
 * What the quiz's start screen shows: its settings, the attempts used and
 * left, the best result so far and the open attempt, if any.
 */
JsonNode *
hs_quiz_session_get_state (HsQuizSession  *self,
                           GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(HsLessonProgress) progress = NULL;
  guint limit = hs_quiz_get_attempts (self->quiz);
  guint used, answered = 0;

  g_return_val_if_fail (HS_IS_QUIZ_SESSION (self), NULL);

  if (!load_open (self, NULL, error) ||
      !count_finished (self, &used, error) ||
      (self->attempt_id != 0 && !count_answered (self, &answered, error)))
    return NULL;
  progress = hs_progress_get_lesson (self->progress, self->learner, self->course_id, self->lesson_id, error);
  if (progress == NULL && error != NULL && *error != NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "questions");
  json_builder_add_int_value (builder, questions_per_attempt (self));
  json_builder_set_member_name (builder, "pass_mark");
  json_builder_add_double_value (builder, self->pass_mark);
  add_optional_uint (builder, "time_limit", hs_quiz_get_time_limit (self->quiz));
  json_builder_set_member_name (builder, "show_answers");
  json_builder_add_string_value (builder, show_answers_names[hs_quiz_get_show_answers (self->quiz)]);
  json_builder_set_member_name (builder, "attempts_used");
  json_builder_add_int_value (builder, used);
  add_optional_uint (builder, "attempts_limit", limit);
  json_builder_set_member_name (builder, "attempts_left");
  if (limit > 0)
    json_builder_add_int_value (builder, used < limit ? limit - used : 0);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "best_score");
  if (progress != NULL && progress->has_score)
    json_builder_add_double_value (builder, progress->score);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "passed");
  json_builder_add_boolean_value (builder, progress != NULL && progress->passed);

  json_builder_set_member_name (builder, "open");
  if (self->attempt_id != 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, self->position);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, self->items->len);
      json_builder_set_member_name (builder, "answered");
      json_builder_add_int_value (builder, answered);
      add_remaining (self, builder);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "can_start");
  json_builder_add_boolean_value (builder, self->attempt_id != 0 || limit == 0 || used < limit);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
start_txn (HsStore   *store,
           gpointer   user_data,
           GError   **error)
{
  HsQuizSession *self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) items_node = NULL;
  g_autofree char *items_json = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = hs_utils_now_iso ();
  g_autofree char *deadline = NULL;
  guint limit = hs_quiz_get_attempts (self->quiz);
  guint time_limit = hs_quiz_get_time_limit (self->quiz);
  guint32 seed;
  guint used;

  if (!count_finished (self, &used, error))
    return FALSE;
  if (limit > 0 && used >= limit)
    {
      g_set_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_NO_ATTEMPTS_LEFT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "You have used the only attempt at this quiz.",
                                "You have used all %u attempts at this quiz.", limit),
                   limit);
      return FALSE;
    }

  /* Any seed will do; zero is kept to mean "none" nowhere, but avoid it
   * anyway so a seed is never mistaken for a missing value. */
  do
    seed = g_random_int ();
  while (seed == 0);
  items = hs_quiz_draw (self->quiz, seed);

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
  items_node = json_builder_get_root (builder);
  items_json = node_to_string (items_node);

  if (time_limit > 0)
    {
      g_autoptr(GDateTime) start = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) end = g_date_time_add_seconds (start, time_limit);

      deadline = g_date_time_format_iso8601 (end);
    }

  return hs_store_run (store, error,
                       "INSERT INTO attempts (uuid, learner_id, course_id, course_version, lesson_id, kind,"
                       " seed, items, position, started, deadline, pass_mark)"
                       " VALUES (?, ?, ?, ?, ?, 'quiz', ?, ?, 0, ?, ?, ?)",
                       "sIsssIsssd", uuid, hs_learner_get_id (self->learner), self->course_id,
                       self->course_version, self->lesson_id, (gint64) seed, items_json, now,
                       deadline, self->pass_mark);
}

/**
 * hs_quiz_session_start:
 *
 * Resumes the learner's open attempt, or starts a new one when attempts are
 * left (%HS_QUIZ_SESSION_ERROR_NO_ATTEMPTS_LEFT otherwise).
 *
 * Returns: the state, as hs_quiz_session_get_state()
 */
JsonNode *
hs_quiz_session_start (HsQuizSession  *self,
                       GError        **error)
{
  g_return_val_if_fail (HS_IS_QUIZ_SESSION (self), NULL);

  if (!load_open (self, NULL, error))
    return NULL;
  if (self->attempt_id == 0 &&
      !hs_store_transaction (self->store, start_txn, self, error))
    return NULL;

  return hs_quiz_session_get_state (self, error);
}

static gboolean
need_open (HsQuizSession  *self,
           GError        **error)
{
  gboolean timed_out;

  if (!load_open (self, &timed_out, error))
    return FALSE;
  if (timed_out)
    {
      g_set_error_literal (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_TIME_UP,
                           _("Time is up. Your answers so far have been handed in."));
      return FALSE;
    }
  if (self->attempt_id == 0)
    {
      g_set_error_literal (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_NO_OPEN_ATTEMPT,
                           _("This quiz has not been started. Start it first."));
      return FALSE;
    }
  return TRUE;
}

/* The saved response to @question_id in the open attempt, or NULL. */
static JsonNode *
saved_response (HsQuizSession  *self,
                const char     *question_id,
                GError        **error)
{
  sqlite3_stmt *stmt;
  JsonNode *node = NULL;
  int rc;

  stmt = hs_store_query (self->store, error,
                         "SELECT response FROM responses WHERE attempt_id = ? AND item_id = ?",
                         "Is", self->attempt_id, question_id);
  if (stmt == NULL)
    return NULL;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    node = parse_json ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return node;
}

/**
 * hs_quiz_session_get_question:
 * @position: 0 to the number of questions of the attempt − 1
 *
 * The question at @position of the open attempt, as the page may see it,
 * with the learner's saved response and, when the quiz shows answers after
 * each question and this one is answered, its review.  The position is
 * remembered, so the attempt resumes there.
 */
JsonNode *
hs_quiz_session_get_question (HsQuizSession  *self,
                              guint           position,
                              GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *question_id;
  guint answered;

  g_return_val_if_fail (HS_IS_QUIZ_SESSION (self), NULL);

  if (!need_open (self, error))
    return NULL;
  if (position >= self->items->len)
    {
      g_set_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_INVALID_REQUEST,
                   _("This attempt has no question number %u."), position + 1);
      return NULL;
    }
  question_id = g_ptr_array_index (self->items, position);

  response = saved_response (self, question_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (position != self->position &&
      !hs_store_run (self->store, error, "UPDATE attempts SET position = ? WHERE id = ?",
                     "iI", (int) position, self->attempt_id))
    return NULL;
  self->position = position;
  if (!count_answered (self, &answered, error))
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, position);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, self->items->len);
  json_builder_set_member_name (builder, "answered");
  json_builder_add_int_value (builder, answered);
  add_remaining (self, builder);
  json_builder_set_member_name (builder, "show_answers");
  json_builder_add_string_value (builder, show_answers_names[hs_quiz_get_show_answers (self->quiz)]);
  json_builder_set_member_name (builder, "question");
  json_builder_add_value (builder, hs_quiz_question_to_public_json (self->quiz, question_id, self->seed));
  json_builder_set_member_name (builder, "response");
  if (response != NULL)
    json_builder_add_value (builder, json_node_copy (response));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "review");
  if (response != NULL && hs_quiz_get_show_answers (self->quiz) == HS_QUIZ_SHOW_ANSWERS_AFTER_EACH)
    json_builder_add_value (builder, hs_quiz_question_feedback (self->quiz, question_id, response));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

typedef struct {
  HsQuizSession *self;
  const char    *question_id;
  JsonNode      *response;
  double         earned;
  gboolean       correct;
  guint          answered;
} Answer;

static gboolean
answer_txn (HsStore   *store,
            gpointer   user_data,
            GError   **error)
{
  Answer *answer = user_data;
  HsQuizSession *self = answer->self;
  g_autofree char *response = node_to_string (answer->response);
  g_autofree char *now = hs_utils_now_iso ();
  const char *ids[] = { answer->question_id, NULL };
  double max = hs_quiz_get_total_points (self->quiz, ids);

  if (!hs_store_run (store, error,
                     "INSERT INTO responses (attempt_id, item_id, response, earned, max_points, correct, tries, answered)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)"
                     " ON CONFLICT DO UPDATE SET response = excluded.response, earned = excluded.earned,"
                     "   correct = excluded.correct, tries = tries + 1, answered = excluded.answered",
                     "Issddis", self->attempt_id, answer->question_id, response, answer->earned, max,
                     answer->correct ? 1 : 0, now))
    return FALSE;

  if (!count_answered (self, &answer->answered, error))
    return FALSE;

  return hs_progress_record (self->progress, self->learner, self->course_id, self->lesson_id,
                             HS_VERB_PROGRESSED, (double) answer->answered / self->items->len,
                             NULL, error);
}

/**
 * hs_quiz_session_answer:
 * @response: the learner's response, as courses/QUIZ-FORMAT.md describes
 *
 * Scores and saves a response to a question of the open attempt.  Until
 * the attempt is handed in the learner may change it, unless the quiz shows
 * answers after each question: then the first response stands.
 */
JsonNode *
hs_quiz_session_answer (HsQuizSession  *self,
                        const char     *question_id,
                        JsonNode       *response,
                        GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) previous = NULL;
  g_autoptr(GError) local_error = NULL;
  Answer answer = { self, question_id, response, 0, FALSE, 0 };
  gboolean after_each;

  g_return_val_if_fail (HS_IS_QUIZ_SESSION (self), NULL);

  if (!need_open (self, error))
    return NULL;
  if (question_id == NULL || !is_item (self, question_id))
    {
      g_set_error (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_INVALID_REQUEST,
                   _("The question “%s” is not part of this attempt."), question_id ? question_id : "");
      return NULL;
    }

  after_each = hs_quiz_get_show_answers (self->quiz) == HS_QUIZ_SHOW_ANSWERS_AFTER_EACH;
  if (after_each)
    {
      previous = saved_response (self, question_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (previous != NULL)
        {
          g_set_error_literal (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_ALREADY_ANSWERED,
                               _("This question has been answered and its answer shown; it cannot be changed."));
          return NULL;
        }
    }

  answer.earned = hs_quiz_score (self->quiz, question_id, response, &answer.correct, error);
  if (answer.earned < 0)
    return NULL;
  if (!hs_store_transaction (self->store, answer_txn, &answer, error))
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "saved");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "answered");
  json_builder_add_int_value (builder, answer.answered);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, self->items->len);
  json_builder_set_member_name (builder, "review");
  if (after_each)
    json_builder_add_value (builder, hs_quiz_question_feedback (self->quiz, question_id, response));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

typedef struct {
  HsQuizSession *self;
  const char    *ended_by;
  gboolean       passed;
} Finish;

static gboolean
finish_txn (HsStore   *store,
            gpointer   user_data,
            GError   **error)
{
  Finish *data = user_data;
  HsQuizSession *self = data->self;
  g_autofree char *now = hs_utils_now_iso ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  double earned = 0, max, score;
  gboolean passed;
  int rc;

  stmt = hs_store_query (store, error,
                         "SELECT COALESCE(SUM(earned), 0) FROM responses WHERE attempt_id = ?",
                         "I", self->attempt_id);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    earned = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (ids, g_ptr_array_index (self->items, i));
  g_ptr_array_add (ids, NULL);
  max = hs_quiz_get_total_points (self->quiz, (const char * const *) ids->pdata);
  score = max > 0 ? CLAMP (earned / max, 0.0, 1.0) : 0.0;
  passed = score + PASS_TOLERANCE >= self->pass_mark;
  data->passed = passed;

  if (!hs_store_run (store, error,
                     "UPDATE attempts SET finished = ?, ended_by = ?, earned = ?, max_points = ?,"
                     " score = ?, passed = ? WHERE id = ?",
                     "ssdddiI", now, data->ended_by, earned, max, score, passed ? 1 : 0, self->attempt_id))
    return FALSE;

  return hs_progress_record_result (self->progress, self->learner, self->course_id, self->lesson_id,
                                    score, passed, error);
}

static gboolean
finish (HsQuizSession  *self,
        const char     *ended_by,
        GError        **error)
{
  Finish data = { self, ended_by, FALSE };

  if (!hs_store_transaction (self->store, finish_txn, &data, error))
    return FALSE;
  clear_open (self);
  g_signal_emit (self, signals[FINISHED], 0, data.passed);
  return TRUE;
}

/* The results of the learner's latest finished attempt at this quiz, or
 * NULL (without error) when there is none. */
static JsonNode *
latest_results (HsQuizSession  *self,
                GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) items = NULL;
  g_autoptr(HsLessonProgress) progress = NULL;
  g_autoptr(GHashTable) responses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) json_node_unref);
  guint limit = hs_quiz_get_attempts (self->quiz);
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint32 seed = 0;
  guint used;
  int rc;

  stmt = hs_store_query (self->store, error,
                         "SELECT id, uuid, seed, items, started, finished, ended_by, earned, max_points,"
                         "       score, pass_mark, passed FROM attempts"
                         " WHERE learner_id = ? AND course_id = ? AND lesson_id = ? AND finished IS NOT NULL"
                         " ORDER BY finished DESC, id DESC LIMIT 1",
                         "Iss", hs_learner_get_id (self->learner), self->course_id, self->lesson_id);
  if (stmt == NULL)
    return NULL;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      seed = (guint32) sqlite3_column_int64 (stmt, 2);
      items = parse_json ((const char *) sqlite3_column_text (stmt, 3));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "attempt");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
      json_builder_set_member_name (builder, "started");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 4));
      json_builder_set_member_name (builder, "finished");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 5));
      json_builder_set_member_name (builder, "ended_by");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 6));
      json_builder_set_member_name (builder, "earned");
      json_builder_add_double_value (builder, sqlite3_column_double (stmt, 7));
      json_builder_set_member_name (builder, "max");
      json_builder_add_double_value (builder, sqlite3_column_double (stmt, 8));
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, sqlite3_column_double (stmt, 9));
      json_builder_set_member_name (builder, "pass_mark");
      json_builder_add_double_value (builder, sqlite3_column_double (stmt, 10));
      json_builder_set_member_name (builder, "passed");
      json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 11) != 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return NULL;

  if (!count_finished (self, &used, error))
    return NULL;
  progress = hs_progress_get_lesson (self->progress, self->learner, self->course_id, self->lesson_id, NULL);

  json_builder_set_member_name (builder, "attempts_used");
  json_builder_add_int_value (builder, used);
  json_builder_set_member_name (builder, "attempts_left");
  if (limit > 0)
    json_builder_add_int_value (builder, used < limit ? limit - used : 0);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "can_retry");
  json_builder_add_boolean_value (builder, limit == 0 || used < limit);
  json_builder_set_member_name (builder, "best_score");
  if (progress != NULL && progress->has_score)
    json_builder_add_double_value (builder, progress->score);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "lesson_passed");
  json_builder_add_boolean_value (builder, progress != NULL && progress->passed);

  json_builder_set_member_name (builder, "review");
  if (hs_quiz_get_show_answers (self->quiz) == HS_QUIZ_SHOW_ANSWERS_NEVER ||
      items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      return json_builder_get_root (builder);
    }

  stmt = hs_store_query (self->store, error, "SELECT item_id, response FROM responses WHERE attempt_id = ?",
                         "I", id);
  if (stmt == NULL)
    return NULL;
  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      JsonNode *response = parse_json ((const char *) sqlite3_column_text (stmt, 1));

      if (response != NULL)
        g_hash_table_insert (responses, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), response);
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return NULL;

  json_builder_begin_array (builder);
  {
    JsonArray *array = json_node_get_array (items);

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        const char *question_id = json_array_get_string_element (array, i);
        JsonNode *response;
        JsonNode *question;

        if (question_id == NULL ||
            (question = hs_quiz_question_to_public_json (self->quiz, question_id, seed)) == NULL)
          continue;
        response = g_hash_table_lookup (responses, question_id);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "question");
        json_builder_add_value (builder, question);
        json_builder_set_member_name (builder, "response");
        if (response != NULL)
          json_builder_add_value (builder, json_node_copy (response));
        else
          json_builder_add_null_value (builder);
        json_builder_set_member_name (builder, "review");
        json_builder_add_value (builder, hs_quiz_question_feedback (self->quiz, question_id, response));
        json_builder_end_object (builder);
      }
  }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * hs_quiz_session_submit:
 *
 * Hands in the open attempt: unanswered questions earn nothing.  Records
 * the result (the best attempt is the lesson's mastery) and returns it as
 * hs_quiz_session_get_results() does.  An attempt whose time ran out was
 * handed in already; its results are returned all the same.
 */
JsonNode *
hs_quiz_session_submit (HsQuizSession  *self,
                        GError        **error)
{
  gboolean timed_out;

  g_return_val_if_fail (HS_IS_QUIZ_SESSION (self), NULL);

  if (!load_open (self, &timed_out, error))
    return NULL;
  if (self->attempt_id == 0 && !timed_out)
    {
      g_set_error_literal (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_NO_OPEN_ATTEMPT,
                           _("This quiz has not been started. Start it first."));
      return NULL;
    }
  if (self->attempt_id != 0 && !finish (self, "submitted", error))
    return NULL;

  return hs_quiz_session_get_results (self, error);
}

/**
 * hs_quiz_session_get_results:
 *
 * The learner's latest finished attempt: score, pass or fail, attempts
 * left and, unless the quiz never shows answers, the review of each
 * question it asked (the question as shown, the response, the solution,
 * feedback and explanation).  `null` when no attempt has finished.
 */
JsonNode *
hs_quiz_session_get_results (HsQuizSession  *self,
                             GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *results;

  g_return_val_if_fail (HS_IS_QUIZ_SESSION (self), NULL);

  if (!load_open (self, NULL, error))
    return NULL;
  results = latest_results (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return results != NULL ? results : json_node_new (JSON_NODE_NULL);
}

/**
 * hs_quiz_session_handle:
 * @message: what the quiz page posted: an object with a "type" of
 *   "quiz-state", "quiz-start", "quiz-question" (with "position"),
 *   "quiz-answer" (with "question" and "response"), "quiz-submit" or
 *   "quiz-results"
 *
 * The quiz page's whole protocol, so the web view only carries messages.
 *
 * Returns: (transfer full): the reply, or %NULL with @error set
 */
JsonNode *
hs_quiz_session_handle (HsQuizSession  *self,
                        JsonNode       *message,
                        GError        **error)
{
  JsonObject *object;
  const char *type;

  g_return_val_if_fail (HS_IS_QUIZ_SESSION (self), NULL);

  object = message != NULL && JSON_NODE_HOLDS_OBJECT (message) ? json_node_get_object (message) : NULL;
  type = object != NULL && json_object_has_member (object, "type") ?
         json_object_get_string_member_with_default (object, "type", NULL) : NULL;

  if (g_strcmp0 (type, "quiz-state") == 0)
    return hs_quiz_session_get_state (self, error);
  if (g_strcmp0 (type, "quiz-start") == 0)
    return hs_quiz_session_start (self, error);
  if (g_strcmp0 (type, "quiz-submit") == 0)
    return hs_quiz_session_submit (self, error);
  if (g_strcmp0 (type, "quiz-results") == 0)
    return hs_quiz_session_get_results (self, error);
  if (g_strcmp0 (type, "quiz-question") == 0)
    {
      JsonNode *position = json_object_get_member (object, "position");

      if (position != NULL && JSON_NODE_HOLDS_VALUE (position) &&
          json_node_get_value_type (position) == G_TYPE_INT64 && json_node_get_int (position) >= 0 &&
          json_node_get_int (position) <= G_MAXUINT)
        return hs_quiz_session_get_question (self, (guint) json_node_get_int (position), error);
    }
  if (g_strcmp0 (type, "quiz-answer") == 0)
    {
      JsonNode *question = json_object_get_member (object, "question");
      JsonNode *response = json_object_get_member (object, "response");

      if (question != NULL && JSON_NODE_HOLDS_VALUE (question) &&
          json_node_get_value_type (question) == G_TYPE_STRING)
        return hs_quiz_session_answer (self, json_node_get_string (question), response, error);
    }

  g_set_error_literal (error, HS_QUIZ_SESSION_ERROR, HS_QUIZ_SESSION_ERROR_INVALID_REQUEST,
                       _("The quiz page sent a request Học Số does not understand."));
  return NULL;
}
