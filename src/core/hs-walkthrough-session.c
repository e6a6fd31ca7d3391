/* hs-walkthrough-session.c — one learner practising one walkthrough lesson
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The practice page knows nothing the mode must hide: it asks this object
 * for the current step as the mode may show it, posts what the learner did,
 * and is told what became of it.  Watch plays the right flow step by step;
 * Try keeps its run in memory (practice, not a record); a Test is an
 * attempt kept in the attempts and responses tables as it happens.
 *
 * A Test is rebuilt from the database on every call, like a quiz attempt:
 * a Test left half-way (the window closed, the power cut) goes on at the
 * same step with its first tries as they were.  It is never thrown away
 * and never restarted behind the learner's back: what was done right
 * stays right, and closing the window does not undo a mistake.
 *
 * The lesson is completed by passing a Test (hs_progress_record_result);
 * Watch and Try, and a Test on its way, record how far along the right
 * flow the learner has come.
 */
#define G_LOG_DOMAIN "hs-walkthrough-session"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "hs-utils.h"
#include "hs-walkthrough-session.h"

struct _HsWalkthroughSession
{
  GObject            parent_instance;

  HsProgress        *progress;
  HsStore           *store;
  HsLearner         *learner;
  HsWalkthrough     *walkthrough;
  char              *course_id;
  char              *course_version;
  char              *lesson_id;
  char              *title;
  double             pass_mark;
  guint              total;          /* steps of the right flow */

  gboolean           started;        /* a mode has been chosen */
  HsWalkthroughMode  mode;
  HsWalkthroughRun  *run;            /* Try; Test: as last read by load_open() */
  guint              watch_position; /* Watch: 1 to total */
  gint64             attempt_id;     /* Test: the open attempt, 0 when none */
};

G_DEFINE_FINAL_TYPE (HsWalkthroughSession, hs_walkthrough_session, G_TYPE_OBJECT)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (hs-walkthrough-session-error-quark, hs_walkthrough_session_error)

static void
hs_walkthrough_session_finalize (GObject *object)
{
  HsWalkthroughSession *self = HS_WALKTHROUGH_SESSION (object);

  g_clear_object (&self->run);
  g_clear_object (&self->walkthrough);
  g_clear_object (&self->learner);
  g_clear_object (&self->progress);
  g_free (self->course_id);
  g_free (self->course_version);
  g_free (self->lesson_id);
  g_free (self->title);

  G_OBJECT_CLASS (hs_walkthrough_session_parent_class)->finalize (object);
}

static void
hs_walkthrough_session_class_init (HsWalkthroughSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_walkthrough_session_finalize;

  /**
   * HsWalkthroughSession::finished:
   * @passed: whether the Test passed
   *
   * A Test reached its end and its result was recorded.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
hs_walkthrough_session_init (HsWalkthroughSession *self)
{
}

/**
 * hs_walkthrough_session_new:
 * @lesson: a walkthrough lesson of @course, which must be installed
 *
 * Loads the lesson's walkthrough file from the installed course.
 */
HsWalkthroughSession *
hs_walkthrough_session_new (HsProgress  *progress,
                            HsLearner   *learner,
                            HsCourse    *course,
                            HsLesson    *lesson,
                            GError     **error)
{
  g_autoptr(HsWalkthroughSession) self = NULL;
  g_autoptr(HsWalkthrough) walkthrough = NULL;

  g_return_val_if_fail (HS_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (HS_IS_LEARNER (learner), NULL);
  g_return_val_if_fail (HS_IS_COURSE (course), NULL);
  g_return_val_if_fail (HS_IS_LESSON (lesson), NULL);

  if (hs_lesson_get_kind (lesson) != HS_LESSON_KIND_WALKTHROUGH || hs_course_get_path (course) == NULL)
    {
      g_set_error (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_NOT_A_WALKTHROUGH,
                   _("The lesson “%s” is not a walkthrough of an installed course."), hs_lesson_get_title (lesson));
      return NULL;
    }

  walkthrough = hs_walkthrough_load (hs_course_get_path (course), hs_lesson_get_src (lesson), error);
  if (walkthrough == NULL)
    return NULL;

  self = g_object_new (HS_TYPE_WALKTHROUGH_SESSION, NULL);
  self->progress = g_object_ref (progress);
  self->store = hs_progress_get_store (progress);
  self->learner = g_object_ref (learner);
  self->pass_mark = hs_walkthrough_resolve_pass_mark (walkthrough, hs_course_get_pass_mark (course));
  self->total = g_strv_length ((char **) hs_walkthrough_get_path (walkthrough));
  self->walkthrough = g_steal_pointer (&walkthrough);
  self->course_id = g_strdup (hs_course_get_id (course));
  self->course_version = g_strdup (hs_course_get_version (course));
  self->lesson_id = g_strdup (hs_lesson_get_id (lesson));
  self->title = g_strdup (hs_lesson_get_title (lesson));

  return g_steal_pointer (&self);
}

HsWalkthrough *
hs_walkthrough_session_get_walkthrough (HsWalkthroughSession *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_SESSION (self), NULL);
  return self->walkthrough;
}

/* The share of steps right first time a Test needs: the walkthrough's,
 * else the course's, else HS_WALKTHROUGH_DEFAULT_PASS_MARK. */
double
hs_walkthrough_session_get_pass_mark (HsWalkthroughSession *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_SESSION (self), NAN);
  return self->pass_mark;
}

/* Where a step is in the walkthrough's list: the attempt keeps the
 * current step as that number. */
static int
step_index (HsWalkthroughSession *self,
            const char           *step_id)
{
  for (guint i = 0; step_id != NULL && i < hs_walkthrough_get_n_steps (self->walkthrough); i++)
    if (g_str_equal (hs_walkthrough_get_step_id (self->walkthrough, i), step_id))
      return (int) i;
  return -1;
}

static gboolean
query_int (HsWalkthroughSession  *self,
           gint64                *out,
           GError               **error,
           const char            *sql)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = hs_store_query (self->store, error, sql, "Iss", hs_learner_get_id (self->learner),
                         self->course_id, self->lesson_id);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (self->store, stmt, error);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc != -1;
}

/* Reads the learner's open Test at this lesson: @run is rebuilt from its
 * rows, or %NULL (and @attempt_id 0) when there is none.  The current
 * step is kept by its place in the walkthrough; when the course was
 * updated since the Test began, the Test goes on from the first step,
 * keeping every step already done. */
static gboolean
read_open (HsWalkthroughSession  *self,
           HsWalkthroughRun     **run,
           gint64                *attempt_id,
           GError               **error)
{
  g_autoptr(JsonArray) results = json_array_new ();
  g_autofree char *version = NULL;
  sqlite3_stmt *stmt;
  const char *at = NULL;
  int position = -1;
  gint64 id = 0;
  int rc;

  *run = NULL;
  *attempt_id = 0;

  stmt = hs_store_query (self->store, error,
                         "SELECT id, course_version, position FROM attempts"
                         " WHERE learner_id = ? AND course_id = ? AND lesson_id = ? AND finished IS NULL",
                         "Iss", hs_learner_get_id (self->learner), self->course_id, self->lesson_id);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      version = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      position = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;
  if (id == 0)
    return TRUE;

  /* Rows are kept in the order the steps were first acted on; the row of
   * each step is its whole result. */
  stmt = hs_store_query (self->store, error, "SELECT response FROM responses WHERE attempt_id = ? ORDER BY rowid",
                         "I", id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      JsonNode *node = json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);

      json_array_add_element (results, node != NULL ? node : json_node_new (JSON_NODE_NULL));
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  if (g_strcmp0 (version, self->course_version) == 0 && position >= 0 &&
      (guint) position < hs_walkthrough_get_n_steps (self->walkthrough))
    at = hs_walkthrough_get_step_id (self->walkthrough, position);

  *run = hs_walkthrough_run_resume (self->walkthrough, HS_WALKTHROUGH_MODE_TEST, results, at, error);
  if (*run == NULL)
    return FALSE;
  *attempt_id = id;
  return TRUE;
}

/* In Test mode: the open Test becomes the session's run. */
static gboolean
load_open (HsWalkthroughSession  *self,
           GError               **error)
{
  g_clear_object (&self->run);
  return read_open (self, &self->run, &self->attempt_id, error);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The step the run is on, as the page of its mode may show it. */
static JsonNode *
step_view (HsWalkthroughSession *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *step = hs_walkthrough_run_get_step (self->run);

  json_builder_begin_object (builder);
  add_string (builder, "mode", hs_walkthrough_mode_to_string (self->mode));
  add_bool (builder, "finished", FALSE);
  add_int (builder, "total", self->total);
  add_int (builder, "done", hs_walkthrough_run_get_n_done (self->run));
  json_builder_set_member_name (builder, "step");
  json_builder_add_value (builder, hs_walkthrough_step_to_public_json (self->walkthrough, step, self->mode));
  add_int (builder, "misses", hs_walkthrough_run_get_misses (self->run));
  add_bool (builder, "show_hint", hs_walkthrough_run_shows_hint (self->run));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The end of a Try, or of a Test with its @result (transfer full). */
static JsonNode *
finished_view (HsWalkthroughSession *self,
               JsonNode             *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "mode", hs_walkthrough_mode_to_string (self->mode));
  add_bool (builder, "finished", TRUE);
  add_int (builder, "total", self->total);
  add_int (builder, "done", self->run != NULL ? hs_walkthrough_run_get_n_done (self->run) : self->total);
  json_builder_set_member_name (builder, "result");
  if (result != NULL)
    json_builder_add_value (builder, result);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
watch_view (HsWalkthroughSession *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *step = hs_walkthrough_get_path (self->walkthrough)[self->watch_position - 1];

  json_builder_begin_object (builder);
  add_string (builder, "mode", hs_walkthrough_mode_to_string (HS_WALKTHROUGH_MODE_WATCH));
  add_bool (builder, "finished", FALSE);
  add_int (builder, "total", self->total);
  add_int (builder, "done", self->watch_position - 1);
  json_builder_set_member_name (builder, "step");
  json_builder_add_value (builder, hs_walkthrough_step_to_public_json (self->walkthrough, step,
                                                                       HS_WALKTHROUGH_MODE_WATCH));
  add_int (builder, "misses", 0);
  add_bool (builder, "show_hint", TRUE);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The learner's latest finished Test, or NULL (without error) when there
 * is none: how many steps were right first time, pass or fail, and which
 * steps of the right flow to practise again. */
static JsonNode *
latest_result (HsWalkthroughSession  *self,
               GError               **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(HsLessonProgress) progress = NULL;
  g_autoptr(GHashTable) correct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *path = hs_walkthrough_get_path (self->walkthrough);
  sqlite3_stmt *stmt;
  gint64 id = 0, taken;
  int rc;

  stmt = hs_store_query (self->store, error,
                         "SELECT id, finished, earned, max_points, score, pass_mark, passed FROM attempts"
                         " WHERE learner_id = ? AND course_id = ? AND lesson_id = ? AND finished IS NOT NULL"
                         " ORDER BY finished DESC, id DESC LIMIT 1",
                         "Iss", hs_learner_get_id (self->learner), self->course_id, self->lesson_id);
  if (stmt == NULL)
    return NULL;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      json_builder_begin_object (builder);
      add_string (builder, "finished", (const char *) sqlite3_column_text (stmt, 1));
      add_int (builder, "right", (gint64) (sqlite3_column_double (stmt, 2) + 0.5));
      add_int (builder, "total", (gint64) (sqlite3_column_double (stmt, 3) + 0.5));
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, sqlite3_column_double (stmt, 4));
      json_builder_set_member_name (builder, "pass_mark");
      json_builder_add_double_value (builder, sqlite3_column_double (stmt, 5));
      add_bool (builder, "passed", sqlite3_column_int (stmt, 6) != 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return NULL;

  if (!query_int (self, &taken, error,
                  "SELECT COUNT(*) FROM attempts WHERE learner_id = ? AND course_id = ? AND lesson_id = ?"
                  " AND finished IS NOT NULL"))
    return NULL;
  add_int (builder, "tests_taken", taken);

  progress = hs_progress_get_lesson (self->progress, self->learner, self->course_id, self->lesson_id, NULL);
  json_builder_set_member_name (builder, "best_score");
  if (progress != NULL && progress->has_score)
    json_builder_add_double_value (builder, progress->score);
  else
    json_builder_add_null_value (builder);
  add_bool (builder, "lesson_passed", progress != NULL && progress->passed);

  stmt = hs_store_query (self->store, error, "SELECT item_id, correct FROM responses WHERE attempt_id = ?",
                         "I", id);
  if (stmt == NULL)
    return NULL;
  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    g_hash_table_insert (correct, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1) != 0));
  sqlite3_reset (stmt);
  if (rc == -1)
    return NULL;

  /* The steps of the right flow, each right first time or not; a step the
   * Test never reached (a branch led past it) is left out. */
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; path[i] != NULL; i++)
    {
      gpointer right;

      if (!g_hash_table_lookup_extended (correct, path[i], NULL, &right))
        continue;
      json_builder_begin_object (builder);
      add_string (builder, "id", path[i]);
      add_int (builder, "position", i + 1);
      {
        g_autoptr(JsonNode) step = hs_walkthrough_step_to_public_json (self->walkthrough, path[i],
                                                                       HS_WALKTHROUGH_MODE_TEST);

        add_string (builder, "instruction",
                    json_object_get_string_member (json_node_get_object (step), "instruction"));
      }
      add_bool (builder, "correct", GPOINTER_TO_INT (right));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
record_progress (HsWalkthroughSession  *self,
                 guint                  done,
                 GError               **error)
{
  return hs_progress_record (self->progress, self->learner, self->course_id, self->lesson_id,
                             HS_VERB_PROGRESSED, self->total > 0 ? (double) done / self->total : 0,
                             NULL, error);
}

/**
 * hs_walkthrough_session_get_state:
 *
 * What the walkthrough's start screen shows: its title, how many steps the
 * right flow has, the Test's pass mark, the best Test so far and the Test
 * in progress, if any.
 */
JsonNode *
hs_walkthrough_session_get_state (HsWalkthroughSession  *self,
                                  GError               **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(HsLessonProgress) progress = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HsWalkthroughRun) open = NULL;
  gint64 open_id, taken;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_SESSION (self), NULL);

  if (!read_open (self, &open, &open_id, error) ||
      !query_int (self, &taken, error,
                  "SELECT COUNT(*) FROM attempts WHERE learner_id = ? AND course_id = ? AND lesson_id = ?"
                  " AND finished IS NOT NULL"))
    return NULL;
  progress = hs_progress_get_lesson (self->progress, self->learner, self->course_id, self->lesson_id,
                                     &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  json_builder_begin_object (builder);
  add_string (builder, "title", self->title);
  add_int (builder, "steps", self->total);
  json_builder_set_member_name (builder, "pass_mark");
  json_builder_add_double_value (builder, self->pass_mark);
  add_int (builder, "tests_taken", taken);
  json_builder_set_member_name (builder, "best_score");
  if (progress != NULL && progress->has_score)
    json_builder_add_double_value (builder, progress->score);
  else
    json_builder_add_null_value (builder);
  add_bool (builder, "passed", progress != NULL && progress->passed);
  json_builder_set_member_name (builder, "open_test");
  if (open != NULL)
    {
      json_builder_begin_object (builder);
      add_int (builder, "done", hs_walkthrough_run_get_n_done (open));
      add_int (builder, "total", self->total);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
start_test_txn (HsStore   *store,
                gpointer   user_data,
                GError   **error)
{
  HsWalkthroughSession *self = user_data;
  const char * const *path = hs_walkthrough_get_path (self->walkthrough);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) items = NULL;
  g_autofree char *items_json = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = hs_utils_now_iso ();

  if (!load_open (self, error))
    return FALSE;
  if (self->attempt_id != 0)
    return TRUE;

  json_builder_begin_array (builder);
  for (guint i = 0; path[i] != NULL; i++)
    json_builder_add_string_value (builder, path[i]);
  json_builder_end_array (builder);
  items = json_builder_get_root (builder);
  items_json = json_to_string (items, FALSE);

  /* A walkthrough draws nothing at random: the seed is 0. */
  if (!hs_store_run (store, error,
                     "INSERT INTO attempts (uuid, learner_id, course_id, course_version, lesson_id, kind, mode,"
                     " seed, items, position, started, pass_mark)"
                     " VALUES (?, ?, ?, ?, ?, 'walkthrough', 'test', 0, ?, ?, ?, ?)",
                     "sIssssisd", uuid, hs_learner_get_id (self->learner), self->course_id,
                     self->course_version, self->lesson_id, items_json,
                     step_index (self, hs_walkthrough_get_start (self->walkthrough)), now, self->pass_mark))
    return FALSE;

  return load_open (self, error);
}

/**
 * hs_walkthrough_session_start:
 * @mode: how the learner chose to practise
 *
 * Starts practising in @mode: Watch at the first step of the right flow, a
 * new Try at the walkthrough's first step, and a Test where the learner's
 * Test in progress stopped, or a new one.
 *
 * Returns: `{ "walkthrough": …, "view": …, "resumed": … }`: the
 *   walkthrough as hs_walkthrough_to_public_json() shows it, the first view
 *   (see hs_walkthrough_session_get_view()) and whether a Test in progress
 *   goes on
 */
JsonNode *
hs_walkthrough_session_start (HsWalkthroughSession  *self,
                              HsWalkthroughMode      mode,
                              GError               **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) view = NULL;
  gboolean resumed = FALSE;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_SESSION (self), NULL);
  g_return_val_if_fail (hs_walkthrough_mode_to_string (mode) != NULL, NULL);

  switch (mode)
    {
    case HS_WALKTHROUGH_MODE_WATCH:
      g_clear_object (&self->run);
      self->mode = mode;
      self->started = TRUE;
      view = hs_walkthrough_session_watch (self, 1, error);
      break;

    case HS_WALKTHROUGH_MODE_TRY:
      g_clear_object (&self->run);
      self->run = hs_walkthrough_run_new (self->walkthrough, mode);
      self->mode = mode;
      self->started = TRUE;
      view = step_view (self);
      break;

    case HS_WALKTHROUGH_MODE_TEST:
      {
        g_autoptr(HsWalkthroughRun) open = NULL;
        gint64 open_id;

        if (!read_open (self, &open, &open_id, error))
          return NULL;
        resumed = open != NULL;
      }
      if (!hs_store_transaction (self->store, start_test_txn, self, error))
        {
          /* Whatever ran before is gone: the page starts again. */
          g_clear_object (&self->run);
          self->started = FALSE;
          return NULL;
        }
      self->mode = mode;
      self->started = TRUE;
      view = step_view (self);
      break;

    default:
      g_assert_not_reached ();
    }

  if (view == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "walkthrough");
  json_builder_add_value (builder, hs_walkthrough_to_public_json (self->walkthrough, mode));
  json_builder_set_member_name (builder, "view");
  json_builder_add_value (builder, g_steal_pointer (&view));
  add_bool (builder, "resumed", resumed);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
need_started (HsWalkthroughSession  *self,
              GError               **error)
{
  if (self->started)
    return TRUE;
  g_set_error_literal (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_NOT_STARTED,
                       _("Choose how to practise first: Watch, Try or Test."));
  return FALSE;
}

static JsonNode *
test_finished_view (HsWalkthroughSession  *self,
                    GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *result = latest_result (self, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return finished_view (self, result);
}

/**
 * hs_walkthrough_session_get_view:
 *
 * Where the learner is, to show it again: `{ "mode", "finished", "total",
 * "done", "step", "misses", "show_hint" }` with the step as
 * hs_walkthrough_step_to_public_json() shows it in the mode, the learner's
 * misses on it and whether its hint and highlight show now; once a Try or
 * Test is over, `{ "mode", "finished": true, "total", "done", "result" }`,
 * the result being a Test's (see hs_walkthrough_session_get_results()).
 */
JsonNode *
hs_walkthrough_session_get_view (HsWalkthroughSession  *self,
                                 GError               **error)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_SESSION (self), NULL);

  if (!need_started (self, error))
    return NULL;

  switch (self->mode)
    {
    case HS_WALKTHROUGH_MODE_WATCH:
      return watch_view (self);

    case HS_WALKTHROUGH_MODE_TRY:
      return hs_walkthrough_run_is_finished (self->run) ? finished_view (self, NULL) : step_view (self);

    case HS_WALKTHROUGH_MODE_TEST:
      if (!load_open (self, error))
        return NULL;
      return self->run != NULL ? step_view (self) : test_finished_view (self, error);

    default:
      g_assert_not_reached ();
    }
}

/**
 * hs_walkthrough_session_watch:
 * @position: a step of the right flow, from 1
 *
 * In Watch mode, goes to the step at @position of the right flow (Back and
 * Next) and records how far the learner has watched.
 *
 * Returns: the view, as hs_walkthrough_session_get_view()
 */
JsonNode *
hs_walkthrough_session_watch (HsWalkthroughSession  *self,
                              guint                  position,
                              GError               **error)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_SESSION (self), NULL);

  if (!need_started (self, error))
    return NULL;
  if (self->mode != HS_WALKTHROUGH_MODE_WATCH)
    {
      g_set_error_literal (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_NOT_STARTED,
                           _("Only Watch mode goes from step to step by itself. Choose Watch first."));
      return NULL;
    }
  if (position < 1 || position > self->total)
    {
      g_set_error (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_INVALID_REQUEST,
                   _("This walkthrough has no step number %u."), position);
      return NULL;
    }

  self->watch_position = position;
  if (!record_progress (self, position, error))
    return NULL;
  return watch_view (self);
}

typedef struct {
  HsWalkthroughSession *self;
  JsonNode             *action;
  HsWalkthroughCheck    check;
  gboolean              finished;
  gboolean              passed;
} Act;

static gboolean
act_test_txn (HsStore   *store,
              gpointer   user_data,
              GError   **error)
{
  Act *data = user_data;
  HsWalkthroughSession *self = data->self;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *result_json = NULL;
  g_autofree char *now = hs_utils_now_iso ();
  g_autofree char *step = NULL;
  JsonObject *object;

  if (!load_open (self, error))
    return FALSE;
  if (self->run == NULL)
    {
      g_set_error_literal (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_NOT_STARTED,
                           _("There is no test in progress. Start a new one from the beginning."));
      return FALSE;
    }

  step = g_strdup (hs_walkthrough_run_get_step (self->run));
  if (!hs_walkthrough_run_act (self->run, data->action, &data->check, error))
    return FALSE;

  /* The step's whole result is its row: the first action as it may be
   * stored (never typed text that was not the sample), tries and misses,
   * so the Test can be rebuilt from the rows. */
  result = hs_walkthrough_run_step_result_to_json (self->run, step);
  result_json = json_to_string (result, FALSE);
  object = json_node_get_object (result);
  if (!hs_store_run (store, error,
                     "INSERT INTO responses (attempt_id, item_id, response, earned, max_points, correct, tries, answered)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                     " ON CONFLICT DO UPDATE SET response = excluded.response, earned = excluded.earned,"
                     "   correct = excluded.correct, tries = excluded.tries, answered = excluded.answered",
                     "Issddiis", self->attempt_id, step, result_json,
                     (double) json_object_get_int_member (object, "earned"),
                     (double) json_object_get_int_member (object, "max_points"),
                     json_object_get_boolean_member (object, "correct") ? 1 : 0,
                     (int) json_object_get_int_member (object, "tries"), now))
    return FALSE;

  if (!hs_walkthrough_run_is_finished (self->run))
    {
      /* A Test begun before a course update goes on in the version
       * installed now. */
      if (!hs_store_run (store, error, "UPDATE attempts SET position = ?, course_version = ? WHERE id = ?", "isI",
                         step_index (self, hs_walkthrough_run_get_step (self->run)), self->course_version,
                         self->attempt_id))
        return FALSE;
      return data->check.outcome != HS_WALKTHROUGH_OUTCOME_RIGHT ||
             record_progress (self, hs_walkthrough_run_get_n_done (self->run), error);
    }

  {
    double score = hs_walkthrough_run_get_score (self->run);

    data->finished = TRUE;
    data->passed = hs_walkthrough_passes (score, self->pass_mark);
    if (!hs_store_run (store, error,
                       "UPDATE attempts SET finished = ?, ended_by = 'submitted', earned = ?, max_points = ?,"
                       " score = ?, passed = ? WHERE id = ?",
                       "sdddiI", now, (double) hs_walkthrough_run_get_n_right (self->run),
                       (double) hs_walkthrough_run_get_n_scored (self->run), score, data->passed ? 1 : 0,
                       self->attempt_id))
      return FALSE;
    return hs_progress_record_result (self->progress, self->learner, self->course_id, self->lesson_id,
                                      score, data->passed, error);
  }
}

/**
 * hs_walkthrough_session_act:
 * @action: what the learner did on the current step, as
 *   hs_walkthrough_check() takes it
 *
 * Checks an action in Try or Test mode and moves on (hs_walkthrough_run_act()).
 * In a Test the step's result is saved at once, and the Test's result is
 * recorded when it reaches its end: a passed Test completes the lesson.
 *
 * Returns: what hs_walkthrough_check_to_json() says of the action (the
 *   guard's explanation included), with "view": where the learner is now,
 *   as hs_walkthrough_session_get_view()
 */
JsonNode *
hs_walkthrough_session_act (HsWalkthroughSession  *self,
                            JsonNode              *action,
                            GError               **error)
{
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) view = NULL;
  Act data = { self, action, { 0 }, FALSE, FALSE };

  g_return_val_if_fail (HS_IS_WALKTHROUGH_SESSION (self), NULL);

  if (!need_started (self, error))
    return NULL;

  switch (self->mode)
    {
    case HS_WALKTHROUGH_MODE_WATCH:
      g_set_error_literal (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_INVALID_REQUEST,
                           _("In Watch mode the steps play by themselves: there is nothing to tap or type."));
      return NULL;

    case HS_WALKTHROUGH_MODE_TRY:
      if (!hs_walkthrough_run_act (self->run, action, &data.check, error))
        return NULL;
      if (data.check.outcome == HS_WALKTHROUGH_OUTCOME_RIGHT &&
          !record_progress (self, hs_walkthrough_run_get_n_done (self->run), error))
        return NULL;
      view = hs_walkthrough_session_get_view (self, error);
      break;

    case HS_WALKTHROUGH_MODE_TEST:
      if (!hs_store_transaction (self->store, act_test_txn, &data, error))
        return NULL;
      if (data.finished)
        {
          view = test_finished_view (self, error);
          g_signal_emit (self, signals[FINISHED], 0, data.passed);
        }
      else
        view = step_view (self);
      break;

    default:
      g_assert_not_reached ();
    }

  if (view == NULL)
    return NULL;
  reply = hs_walkthrough_check_to_json (&data.check);
  json_object_set_member (json_node_get_object (reply), "view", g_steal_pointer (&view));
  return g_steal_pointer (&reply);
}

/**
 * hs_walkthrough_session_get_results:
 *
 * The learner's latest finished Test: `{ "finished", "right", "total",
 * "score", "pass_mark", "passed", "tests_taken", "best_score",
 * "lesson_passed", "steps": [{ "id", "position", "instruction", "correct" }] }`
 * — the steps right first time over the steps scored, and each scored step
 * reached.  `null` when no Test has finished.
 */
JsonNode *
hs_walkthrough_session_get_results (HsWalkthroughSession  *self,
                                    GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *result;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_SESSION (self), NULL);

  result = latest_result (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return result != NULL ? result : json_node_new (JSON_NODE_NULL);
}

/**
 * hs_walkthrough_session_handle:
 * @message: what the practice page posted: an object with a "type" of
 *   "walkthrough-state", "walkthrough-start" (with "mode": "watch", "try"
 *   or "test"), "walkthrough-step", "walkthrough-watch" (with "position"),
 *   "walkthrough-act" (with "action") or "walkthrough-results"
 *
 * The practice page's whole protocol, so the web view only carries
 * messages.
 *
 * Returns: (transfer full): the reply, or %NULL with @error set
 */
JsonNode *
hs_walkthrough_session_handle (HsWalkthroughSession  *self,
                               JsonNode              *message,
                               GError               **error)
{
  JsonObject *object;
  const char *type;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_SESSION (self), NULL);

  object = message != NULL && JSON_NODE_HOLDS_OBJECT (message) ? json_node_get_object (message) : NULL;
  type = object != NULL && json_object_has_member (object, "type") ?
         json_object_get_string_member_with_default (object, "type", NULL) : NULL;

  if (g_strcmp0 (type, "walkthrough-state") == 0)
    return hs_walkthrough_session_get_state (self, error);
  if (g_strcmp0 (type, "walkthrough-step") == 0)
    return hs_walkthrough_session_get_view (self, error);
  if (g_strcmp0 (type, "walkthrough-results") == 0)
    return hs_walkthrough_session_get_results (self, error);
  if (g_strcmp0 (type, "walkthrough-start") == 0)
    {
      JsonNode *mode_node = json_object_get_member (object, "mode");
      HsWalkthroughMode mode;

      if (mode_node != NULL && JSON_NODE_HOLDS_VALUE (mode_node) &&
          json_node_get_value_type (mode_node) == G_TYPE_STRING &&
          hs_walkthrough_mode_from_string (json_node_get_string (mode_node), &mode))
        return hs_walkthrough_session_start (self, mode, error);
    }
  if (g_strcmp0 (type, "walkthrough-watch") == 0)
    {
      JsonNode *position = json_object_get_member (object, "position");

      if (position != NULL && JSON_NODE_HOLDS_VALUE (position) &&
          json_node_get_value_type (position) == G_TYPE_INT64 && json_node_get_int (position) >= 0 &&
          json_node_get_int (position) <= G_MAXUINT)
        return hs_walkthrough_session_watch (self, (guint) json_node_get_int (position), error);
    }
  if (g_strcmp0 (type, "walkthrough-act") == 0 && json_object_has_member (object, "action"))
    return hs_walkthrough_session_act (self, json_object_get_member (object, "action"), error);

  g_set_error_literal (error, HS_WALKTHROUGH_SESSION_ERROR, HS_WALKTHROUGH_SESSION_ERROR_INVALID_REQUEST,
                       _("The practice page sent a request Học Số does not understand."));
  return NULL;
}
