/* hs-progress.c — learners, lesson progress and the event log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every record is two writes in one transaction: an append-only event
 * shaped like an xAPI statement (actor, verb, object, result, timestamp),
 * and the learner's current state of the lesson in the progress table, which
 * is what the UI reads.  The progress row only ever moves forward: a
 * completed lesson stays completed, and the furthest fraction is kept.
 */
#define G_LOG_DOMAIN "hs-progress"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "hs-progress.h"
#include "hs-utils.h"

struct _HsProgress
{
  GObject    parent_instance;

  HsLibrary *library;
  HsStore   *store;
};

G_DEFINE_FINAL_TYPE (HsProgress, hs_progress, G_TYPE_OBJECT)

G_DEFINE_QUARK (hs-progress-error-quark, hs_progress_error)

#define MAX_NAME_CHARS 80

static const struct {
  const char *name;
  const char *iri;
} verbs[] = {
  [HS_VERB_OPENED] = { "opened", "http://adlnet.gov/expapi/verbs/launched" },
  [HS_VERB_PROGRESSED] = { "progressed", "http://adlnet.gov/expapi/verbs/progressed" },
  [HS_VERB_COMPLETED] = { "completed", "http://adlnet.gov/expapi/verbs/completed" },
  [HS_VERB_PASSED] = { "passed", "http://adlnet.gov/expapi/verbs/passed" },
  [HS_VERB_FAILED] = { "failed", "http://adlnet.gov/expapi/verbs/failed" },
  [HS_VERB_SCORED] = { "scored", "http://adlnet.gov/expapi/verbs/scored" },
};

static const char * const status_names[] = {
  [HS_LESSON_STATUS_NOT_STARTED] = "not_started",
  [HS_LESSON_STATUS_IN_PROGRESS] = "in_progress",
  [HS_LESSON_STATUS_COMPLETED] = "completed",
};

const char *
hs_verb_to_iri (HsVerb verb)
{
  g_return_val_if_fail ((guint) verb < G_N_ELEMENTS (verbs), NULL);
  return verbs[verb].iri;
}

gboolean
hs_verb_from_string (const char *str,
                     HsVerb     *verb)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (str, verbs[i].name))
      {
        *verb = (HsVerb) i;
        return TRUE;
      }
  return FALSE;
}

const char *
hs_lesson_status_to_string (HsLessonStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

void
hs_lesson_progress_free (HsLessonProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->lesson_id);
  g_free (progress->location);
  g_free (progress->updated);
  g_free (progress->completed);
  g_free (progress);
}

void
hs_course_progress_clear (HsCourseProgress *progress)
{
  g_clear_pointer (&progress->completed, g_free);
}

void
hs_course_completion_free (HsCourseCompletion *completion)
{
  if (completion == NULL)
    return;
  g_free (completion->course_id);
  g_free (completion->course_version);
  g_free (completion->time);
  g_free (completion);
}

static void
hs_progress_finalize (GObject *object)
{
  HsProgress *self = (HsProgress *)object;

  g_clear_object (&self->library);

  G_OBJECT_CLASS (hs_progress_parent_class)->finalize (object);
}

static void
hs_progress_class_init (HsProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_progress_finalize;
}

static void
hs_progress_init (HsProgress *self)
{
}

HsProgress *
hs_progress_new (HsLibrary *library)
{
  HsProgress *self;

  g_return_val_if_fail (HS_IS_LIBRARY (library), NULL);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  self = g_object_new (HS_TYPE_PROGRESS, NULL);
  self->library = g_object_ref (library);
  self->store = hs_library_get_store (library);

  return self;
}

HsStore *
hs_progress_get_store (HsProgress *self)
{
  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);
  return self->store;
}

HsLibrary *
hs_progress_get_library (HsProgress *self)
{
  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);
  return self->library;
}

static HsLearner *
learner_from_row (sqlite3_stmt *stmt)
{
  HsRole role = HS_ROLE_STAFF;
  HsLearner *learner;

  hs_role_from_string ((const char *) sqlite3_column_text (stmt, 4), &role);
  learner = hs_learner_new (sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            role,
                            (const char *) sqlite3_column_text (stmt, 3));
  hs_learner_set_has_pin (learner, sqlite3_column_type (stmt, 5) != SQLITE_NULL);
  return learner;
}

#define LEARNER_COLUMNS "id, uuid, name, created, role, pin_hash"

/**
 * hs_progress_add_learner:
 * @name: the learner's name as they want to see it
 *
 * Names are unique on one PC, compared without regard to case, so staff
 * find themselves by name.
 */
HsLearner *
hs_progress_add_learner (HsProgress  *self,
                         const char  *name,
                         HsRole       role,
                         GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *nfc = NULL;
  g_autofree char *key = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (role < HS_N_ROLES, NULL);

  trimmed = g_strstrip (g_strdup (name));
  if (!g_utf8_validate (trimmed, -1, NULL) || *trimmed == '\0' ||
      g_utf8_strlen (trimmed, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_NAME,
                   _("A name must have 1 to %d characters."), MAX_NAME_CHARS);
      return NULL;
    }
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_NAME,
                             _("A name cannot contain control characters."));
        return NULL;
      }

  nfc = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC);
  key = hs_utils_name_key (nfc);
  uuid = g_uuid_string_random ();
  now = hs_utils_now_iso ();

  if (!hs_store_run (self->store, &local_error,
                     "INSERT INTO learners (uuid, name, name_key, role, created) VALUES (?, ?, ?, ?, ?)",
                     "sssss", uuid, nfc, key, hs_role_to_string (role), now))
    {
      if (g_error_matches (local_error, HS_STORE_ERROR, HS_STORE_ERROR_CONSTRAINT))
        g_set_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NAME_TAKEN,
                     _("There is already a learner named “%s”."), nfc);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return hs_learner_new (hs_store_last_insert_id (self->store), uuid, nfc, role, now);
}

/**
 * hs_progress_list_learners:
 *
 * Returns: (transfer full) (element-type HsLearner): everyone, by name
 */
GPtrArray *
hs_progress_list_learners (HsProgress  *self,
                           GError     **error)
{
  g_autoptr(GPtrArray) learners = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);

  stmt = hs_store_query (self->store, error,
                         "SELECT " LEARNER_COLUMNS " FROM learners ORDER BY name_key", NULL);
  if (stmt == NULL)
    return NULL;
  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (learners, learner_from_row (stmt));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&learners) : NULL;
}

HsLearner *
hs_progress_find_learner (HsProgress  *self,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  HsLearner *learner = NULL;
  int rc;

  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = hs_utils_name_key (name);
  stmt = hs_store_query (self->store, error,
                         "SELECT " LEARNER_COLUMNS " FROM learners WHERE name_key = ?", "s", key);
  if (stmt == NULL)
    return NULL;

  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    learner = learner_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LEARNER,
                 _("There is no learner named “%s”."), name);
  sqlite3_reset (stmt);

  return learner;
}

static HsLessonProgress *lesson_progress_from_row (sqlite3_stmt *stmt,
                                                   int           first);

typedef struct {
  HsProgress *self;
  HsLearner  *learner;
  const char *course_id;
  const char *lesson_id;
  HsVerb      verb;
  double      fraction;
  const char *location;
  gboolean    passed;     /* an assessed lesson was passed */
} RecordData;

static char *
result_json (HsVerb      verb,
             double      fraction,
             const char *location)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (verb == HS_VERB_COMPLETED)
    {
      json_builder_set_member_name (builder, "completion");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (verb == HS_VERB_PROGRESSED || verb == HS_VERB_COMPLETED)
    {
      json_builder_set_member_name (builder, "extensions");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "https://hocso.github.io/xapi/progress");
      json_builder_add_double_value (builder, verb == HS_VERB_COMPLETED ? 1.0 : fraction);
      if (location != NULL)
        {
          json_builder_set_member_name (builder, "https://hocso.github.io/xapi/location");
          json_builder_add_string_value (builder, location);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
insert_event (HsStore     *store,
              HsLearner   *learner,
              HsVerb       verb,
              const char  *course_id,
              const char  *version,
              const char  *lesson_id,
              const char  *result,
              const char  *time,
              GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return hs_store_run (store, error,
                       "INSERT INTO events (uuid, learner_id, verb, course_id, course_version, lesson_id, result, time)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       "sIssssss", uuid, hs_learner_get_id (learner), hs_verb_to_iri (verb),
                       course_id, version, lesson_id, result, time);
}

static gboolean
course_progress_query (HsStore          *store,
                       HsLearner        *learner,
                       const char       *course_id,
                       HsCourseProgress *out,
                       GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (out, 0, sizeof *out);

  stmt = hs_store_query (store, error,
                         "SELECT COUNT(*),"
                         "       COALESCE(SUM(p.status = 'completed'), 0),"
                         "       COALESCE(SUM(l.required), 0),"
                         "       COALESCE(SUM(l.required AND p.status = 'completed'), 0)"
                         " FROM lessons l"
                         " JOIN courses c ON c.id = l.course_id AND c.version = l.version AND c.is_current = 1"
                         " LEFT JOIN progress p ON p.learner_id = ? AND p.course_id = l.course_id AND p.lesson_id = l.id"
                         " WHERE l.course_id = ?",
                         "Is", hs_learner_get_id (learner), course_id);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      out->n_lessons = sqlite3_column_int (stmt, 0);
      out->n_completed = sqlite3_column_int (stmt, 1);
      out->n_required = sqlite3_column_int (stmt, 2);
      out->n_required_completed = sqlite3_column_int (stmt, 3);
      out->complete = out->n_required > 0 && out->n_required_completed == out->n_required;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  stmt = hs_store_query (store, error,
                         "SELECT time FROM events WHERE learner_id = ? AND course_id = ?"
                         " AND lesson_id IS NULL AND verb = ? ORDER BY id LIMIT 1",
                         "Iss", hs_learner_get_id (learner), course_id,
                         hs_verb_to_iri (HS_VERB_COMPLETED));
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    out->completed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return rc != -1;
}

static const char * const upsert_sql[] = {
  [HS_VERB_OPENED] =
    "INSERT INTO progress (learner_id, course_id, lesson_id, status, fraction, location, opened, updated)"
    " VALUES (?1, ?2, ?3, 'in_progress', 0, ?5, ?6, ?6)"
    " ON CONFLICT DO UPDATE SET updated = excluded.updated",
  [HS_VERB_PROGRESSED] =
    "INSERT INTO progress (learner_id, course_id, lesson_id, status, fraction, location, opened, updated)"
    " VALUES (?1, ?2, ?3, 'in_progress', ?4, ?5, ?6, ?6)"
    " ON CONFLICT DO UPDATE SET fraction = MAX(fraction, excluded.fraction),"
    "   location = COALESCE(excluded.location, location), updated = excluded.updated",
  [HS_VERB_COMPLETED] =
    "INSERT INTO progress (learner_id, course_id, lesson_id, status, fraction, location, opened, updated, completed)"
    " VALUES (?1, ?2, ?3, 'completed', 1, ?5, ?6, ?6, ?6)"
    " ON CONFLICT DO UPDATE SET status = 'completed', fraction = 1,"
    "   location = COALESCE(excluded.location, location), updated = excluded.updated,"
    "   completed = COALESCE(completed, excluded.completed)",
};

static gboolean
record_txn (HsStore   *store,
            gpointer   user_data,
            GError   **error)
{
  RecordData *data = user_data;
  g_autofree char *version = NULL;
  g_autofree char *now = hs_utils_now_iso ();
  g_autofree char *result = NULL;
  g_auto(HsCourseProgress) course = { 0 };
  HsLessonKind kind = HS_LESSON_KIND_PAGE;
  sqlite3_stmt *stmt;
  int rc;

  stmt = hs_store_query (store, error,
                         "SELECT c.version, l.kind FROM lessons l"
                         " JOIN courses c ON c.id = l.course_id AND c.version = l.version AND c.is_current = 1"
                         " WHERE l.course_id = ? AND l.id = ?",
                         "ss", data->course_id, data->lesson_id);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      version = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (!hs_lesson_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind))
        kind = HS_LESSON_KIND_PAGE;
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;
  if (version == NULL)
    {
      g_set_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LESSON,
                   _("There is no lesson “%s” in the installed course “%s”."),
                   data->lesson_id, data->course_id);
      return FALSE;
    }
  /* A quiz, or a walkthrough's Test, is completed by passing it
   * (hs_progress_record_result), never by saying so. */
  if (data->verb == HS_VERB_COMPLETED && !data->passed && kind == HS_LESSON_KIND_QUIZ)
    {
      g_set_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE,
                   _("The lesson “%s” is a quiz: it is completed by passing it."), data->lesson_id);
      return FALSE;
    }
  if (data->verb == HS_VERB_COMPLETED && !data->passed && kind == HS_LESSON_KIND_WALKTHROUGH)
    {
      g_set_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE,
                   _("The lesson “%s” is a walkthrough: it is completed by passing its test."), data->lesson_id);
      return FALSE;
    }

  result = result_json (data->verb, data->fraction, data->location);
  if (!insert_event (store, data->learner, data->verb, data->course_id, version,
                     data->lesson_id, result, now, error))
    return FALSE;

  if (!hs_store_run (store, error, upsert_sql[data->verb], "Issdss",
                     hs_learner_get_id (data->learner), data->course_id, data->lesson_id,
                     data->fraction, data->location, now))
    return FALSE;

  if (data->verb != HS_VERB_COMPLETED)
    return TRUE;

  /* The last required lesson completes the course: log that once, as its
   * own statement about the course. */
  if (!course_progress_query (store, data->learner, data->course_id, &course, error))
    return FALSE;
  if (course.complete && course.completed == NULL)
    return insert_event (store, data->learner, HS_VERB_COMPLETED, data->course_id, version,
                         NULL, "{\"completion\":true}", now, error);

  return TRUE;
}

/**
 * hs_progress_record:
 * @fraction: for %HS_VERB_PROGRESSED, how far through the lesson, 0 to 1
 * @location: (nullable): where to resume, in the lesson runtime's own terms
 *
 * Records what @learner did with a lesson of the current version of an
 * installed course, in one transaction.
 */
gboolean
hs_progress_record (HsProgress  *self,
                    HsLearner   *learner,
                    const char  *course_id,
                    const char  *lesson_id,
                    HsVerb       verb,
                    double       fraction,
                    const char  *location,
                    GError     **error)
{
  RecordData data = { self, learner, course_id, lesson_id, verb, fraction, location, FALSE };

  g_return_val_if_fail (HS_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (HS_IS_LEARNER (learner), FALSE);
  g_return_val_if_fail (course_id != NULL, FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);
  g_return_val_if_fail ((guint) verb < G_N_ELEMENTS (verbs), FALSE);

  if (verb > HS_VERB_COMPLETED)
    {
      g_set_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE,
                   _("“%s” is recorded with the result of an assessment, not on its own."),
                   verbs[verb].name);
      return FALSE;
    }
  if (!(fraction >= 0.0 && fraction <= 1.0))
    {
      g_set_error_literal (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE,
                           _("Progress must be a number from 0 to 1."));
      return FALSE;
    }
  if (location != NULL && (strlen (location) > 4096 || !g_utf8_validate (location, -1, NULL)))
    {
      g_set_error_literal (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE,
                           _("The saved place in a lesson must be UTF-8 text of at most 4096 bytes."));
      return FALSE;
    }

  return hs_store_transaction (self->store, record_txn, &data, error);
}

/**
 * hs_progress_get_lessons:
 *
 * Returns: (transfer full) (element-type HsLessonProgress): one entry per
 * lesson of @course, in course order, "not started" where nothing was
 * recorded
 */
typedef struct {
  HsProgress *self;
  HsLearner  *learner;
  const char *course_id;
  const char *lesson_id;
  double      score;
  gboolean    passed;
} ResultData;

static gboolean
record_result_txn (HsStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  ResultData *data = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *result = NULL;
  g_autofree char *version = NULL;
  g_autofree char *now = hs_utils_now_iso ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = hs_store_query (store, error,
                         "SELECT c.version FROM lessons l"
                         " JOIN courses c ON c.id = l.course_id AND c.version = l.version AND c.is_current = 1"
                         " WHERE l.course_id = ? AND l.id = ?",
                         "ss", data->course_id, data->lesson_id);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    version = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;
  if (version == NULL)
    {
      g_set_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LESSON,
                   _("There is no lesson “%s” in the installed course “%s”."),
                   data->lesson_id, data->course_id);
      return FALSE;
    }

  json_builder_begin_object (builder);
  if (!isnan (data->score))
    {
      json_builder_set_member_name (builder, "score");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "scaled");
      json_builder_add_double_value (builder, data->score);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "success");
  json_builder_add_boolean_value (builder, data->passed);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  result = json_to_string (root, FALSE);

  if (!insert_event (store, data->learner, data->passed ? HS_VERB_PASSED : HS_VERB_FAILED,
                     data->course_id, version, data->lesson_id, result, now, error))
    return FALSE;

  /* Mastery is the best attempt: a weaker one never lowers the score, and
   * a lesson once passed stays passed. */
  if (isnan (data->score))
    {
      /* A verdict without a score (SCORM content may give one) leaves the
       * best score as it was. */
      if (!hs_store_run (store, error,
                         "INSERT INTO progress (learner_id, course_id, lesson_id, status, fraction, passed, opened, updated)"
                         " VALUES (?1, ?2, ?3, 'in_progress', 0, ?4, ?5, ?5)"
                         " ON CONFLICT DO UPDATE SET passed = MAX(COALESCE(passed, 0), excluded.passed),"
                         "   updated = excluded.updated",
                         "Issis", hs_learner_get_id (data->learner), data->course_id, data->lesson_id,
                         data->passed ? 1 : 0, now))
        return FALSE;
    }
  else if (!hs_store_run (store, error,
                          "INSERT INTO progress (learner_id, course_id, lesson_id, status, fraction, score, passed, opened, updated)"
                          " VALUES (?1, ?2, ?3, 'in_progress', 0, ?4, ?5, ?6, ?6)"
                          " ON CONFLICT DO UPDATE SET score = MAX(COALESCE(score, 0), excluded.score),"
                          "   passed = MAX(COALESCE(passed, 0), excluded.passed), updated = excluded.updated",
                          "Issdis", hs_learner_get_id (data->learner), data->course_id, data->lesson_id,
                          data->score, data->passed ? 1 : 0, now))
    return FALSE;

  /* Passing is what completes an assessed lesson. */
  if (data->passed)
    {
      RecordData completed = { data->self, data->learner, data->course_id, data->lesson_id,
                               HS_VERB_COMPLETED, 1.0, NULL, TRUE };

      return record_txn (store, &completed, error);
    }

  return TRUE;
}

/**
 * hs_progress_record_result:
 * @score: the share of the points earned, 0 to 1, or NAN for a verdict
 *   without a score (SCORM content may report only "passed")
 * @passed: whether @score reached the pass mark
 *
 * Records the result of one assessed attempt (a quiz, a walkthrough test):
 * a "passed" or "failed" event, the best score so far on the lesson, and,
 * when @passed, the lesson's completion.  Nests inside a caller's
 * transaction.
 */
gboolean
hs_progress_record_result (HsProgress  *self,
                           HsLearner   *learner,
                           const char  *course_id,
                           const char  *lesson_id,
                           double       score,
                           gboolean     passed,
                           GError     **error)
{
  ResultData data = { self, learner, course_id, lesson_id, score, passed };

  g_return_val_if_fail (HS_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (HS_IS_LEARNER (learner), FALSE);
  g_return_val_if_fail (course_id != NULL, FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);

  if (!isnan (score) && !(score >= 0.0 && score <= 1.0))
    {
      g_set_error_literal (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE,
                           _("A score must be a number from 0 to 1."));
      return FALSE;
    }

  return hs_store_transaction (self->store, record_result_txn, &data, error);
}

/* The version of the installed course a lesson belongs to, or NULL with
 * an error naming the lesson. */
static char *
current_version (HsStore     *store,
                 const char  *course_id,
                 const char  *lesson_id,
                 GError     **error)
{
  g_autofree char *version = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = hs_store_query (store, error,
                         "SELECT c.version FROM lessons l"
                         " JOIN courses c ON c.id = l.course_id AND c.version = l.version AND c.is_current = 1"
                         " WHERE l.course_id = ? AND l.id = ?",
                         "ss", course_id, lesson_id);
  if (stmt == NULL)
    return NULL;
  rc = hs_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    version = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == -1)
    return NULL;
  if (version == NULL)
    g_set_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LESSON,
                 _("There is no lesson “%s” in the installed course “%s”."), lesson_id, course_id);
  return g_steal_pointer (&version);
}

typedef struct {
  HsLearner  *learner;
  const char *course_id;
  const char *lesson_id;
  double      score;
} ScoreData;

static gboolean
record_score_txn (HsStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  ScoreData *data = user_data;
  g_autofree char *version = current_version (store, data->course_id, data->lesson_id, error);
  g_autofree char *now = hs_utils_now_iso ();
  g_autofree char *result = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (version == NULL)
    return FALSE;

  result = g_strdup_printf ("{\"score\":{\"scaled\":%s}}", g_ascii_dtostr (number, sizeof number, data->score));
  if (!insert_event (store, data->learner, HS_VERB_SCORED, data->course_id, version, data->lesson_id,
                     result, now, error))
    return FALSE;

  return hs_store_run (store, error,
                       "INSERT INTO progress (learner_id, course_id, lesson_id, status, fraction, score, opened, updated)"
                       " VALUES (?1, ?2, ?3, 'in_progress', 0, ?4, ?5, ?5)"
                       " ON CONFLICT DO UPDATE SET score = MAX(COALESCE(score, 0), excluded.score),"
                       "   updated = excluded.updated",
                       "Issds", hs_learner_get_id (data->learner), data->course_id, data->lesson_id,
                       data->score, now);
}

/**
 * hs_progress_record_score:
 * @score: the share of the points earned, 0 to 1
 *
 * Records a score that comes without a pass or fail verdict (SCORM content
 * without a mastery score reports such scores): a "scored" event, and the
 * best score so far on the lesson.  Whether the lesson was passed is left
 * as it was.  Nests inside a caller's transaction.
 */
gboolean
hs_progress_record_score (HsProgress  *self,
                          HsLearner   *learner,
                          const char  *course_id,
                          const char  *lesson_id,
                          double       score,
                          GError     **error)
{
  ScoreData data = { learner, course_id, lesson_id, score };

  g_return_val_if_fail (HS_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (HS_IS_LEARNER (learner), FALSE);
  g_return_val_if_fail (course_id != NULL, FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);

  if (!(score >= 0.0 && score <= 1.0))
    {
      g_set_error_literal (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE,
                           _("A score must be a number from 0 to 1."));
      return FALSE;
    }

  return hs_store_transaction (self->store, record_score_txn, &data, error);
}

typedef struct {
  HsLearner  *learner;
  const char *course_id;
  const char *lesson_id;
  gint64      seconds;
} TimeData;

static gboolean
add_time_txn (HsStore   *store,
              gpointer   user_data,
              GError   **error)
{
  TimeData *data = user_data;
  g_autofree char *version = current_version (store, data->course_id, data->lesson_id, error);
  g_autofree char *now = hs_utils_now_iso ();

  if (version == NULL)
    return FALSE;

  return hs_store_run (store, error,
                       "INSERT INTO progress (learner_id, course_id, lesson_id, status, fraction, seconds, opened, updated)"
                       " VALUES (?1, ?2, ?3, 'in_progress', 0, ?4, ?5, ?5)"
                       " ON CONFLICT DO UPDATE SET seconds = seconds + excluded.seconds, updated = excluded.updated",
                       "IssIs", hs_learner_get_id (data->learner), data->course_id, data->lesson_id,
                       data->seconds, now);
}

/**
 * hs_progress_add_time:
 * @seconds: time spent on the lesson, 0 or more
 *
 * Adds @seconds to the time @learner spent on a lesson (the session time
 * SCORM content reports).  Time is a running total, not a record of its
 * own, so no event is logged.  Nests inside a caller's transaction.
 */
gboolean
hs_progress_add_time (HsProgress  *self,
                      HsLearner   *learner,
                      const char  *course_id,
                      const char  *lesson_id,
                      gint64       seconds,
                      GError     **error)
{
  TimeData data = { learner, course_id, lesson_id, seconds };

  g_return_val_if_fail (HS_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (HS_IS_LEARNER (learner), FALSE);
  g_return_val_if_fail (course_id != NULL, FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);

  if (seconds < 0)
    {
      g_set_error_literal (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE,
                           _("Time spent cannot be less than nothing."));
      return FALSE;
    }

  return hs_store_transaction (self->store, add_time_txn, &data, error);
}

static void
add_column (JsonBuilder  *builder,
            const char   *name,
            sqlite3_stmt *stmt,
            int           column)
{
  json_builder_set_member_name (builder, name);
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      json_builder_add_null_value (builder);
      break;
    case SQLITE_INTEGER:
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      json_builder_add_double_value (builder, sqlite3_column_double (stmt, column));
      break;
    default:
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, column));
      break;
    }
}

static gboolean
add_responses (HsStore      *store,
               JsonBuilder  *builder,
               gint64        attempt_id,
               GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = hs_store_query (store, error,
                         "SELECT r.item_id, r.response, r.earned, r.max_points, r.correct, r.tries, r.answered"
                         " FROM responses r JOIN attempts a ON a.id = r.attempt_id, json_each (a.items) j"
                         " WHERE r.attempt_id = ? AND j.value = r.item_id ORDER BY j.key",
                         "I", attempt_id);
  if (stmt == NULL)
    return FALSE;

  json_builder_set_member_name (builder, "responses");
  json_builder_begin_array (builder);
  while ((rc = hs_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) response = json_from_string ((const char *) sqlite3_column_text (stmt, 1), NULL);

      json_builder_begin_object (builder);
      add_column (builder, "item", stmt, 0);
      json_builder_set_member_name (builder, "response");
      if (response != NULL)
        json_builder_add_value (builder, g_steal_pointer (&response));
      else
        json_builder_add_null_value (builder);
      add_column (builder, "earned", stmt, 2);
      add_column (builder, "max", stmt, 3);
      json_builder_set_member_name (builder, "correct");
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 4) != 0);
      add_column (builder, "tries", stmt, 5);
      add_column (builder, "answered", stmt, 6);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  sqlite3_reset (stmt);

  return rc != -1;
}

/**
 * hs_progress_list_attempts:
 * @learner: (nullable): only this learner's attempts
 * @course_id: (nullable): only attempts at this course's lessons
 *
 * Every assessed attempt, oldest first, with its responses in the order
 * they were asked, as a JSON array (the shape `hocso attempts --json`
 * prints; see README.md).
 */
JsonNode *
hs_progress_list_attempts (HsProgress  *self,
                           HsLearner   *learner,
                           const char  *course_id,
                           GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);
  g_return_val_if_fail (learner == NULL || HS_IS_LEARNER (learner), NULL);

  stmt = hs_store_query (self->store, error,
                         "SELECT a.id, a.uuid, l.name, a.course_id, a.course_version, a.lesson_id, a.kind, a.mode,"
                         "       a.started, a.finished, a.ended_by, a.earned, a.max_points, a.score, a.pass_mark,"
                         "       a.passed, json_array_length (a.items)"
                         " FROM attempts a JOIN learners l ON l.id = a.learner_id"
                         " WHERE (?1 < 0 OR a.learner_id = ?1) AND (?2 IS NULL OR a.course_id = ?2)"
                         " ORDER BY a.started, a.id",
                         "Is", learner ? hs_learner_get_id (learner) : (gint64) -1, course_id);
  if (stmt == NULL)
    return NULL;

  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(JsonBuilder) row = json_builder_new ();
      gint64 id = sqlite3_column_int64 (stmt, 0);

      json_builder_begin_object (row);
      add_column (row, "attempt", stmt, 1);
      add_column (row, "learner", stmt, 2);
      add_column (row, "course", stmt, 3);
      add_column (row, "course_version", stmt, 4);
      add_column (row, "lesson", stmt, 5);
      add_column (row, "kind", stmt, 6);
      add_column (row, "mode", stmt, 7);
      add_column (row, "started", stmt, 8);
      add_column (row, "finished", stmt, 9);
      add_column (row, "ended_by", stmt, 10);
      add_column (row, "earned", stmt, 11);
      add_column (row, "max", stmt, 12);
      add_column (row, "score", stmt, 13);
      add_column (row, "pass_mark", stmt, 14);
      json_builder_set_member_name (row, "passed");
      if (sqlite3_column_type (stmt, 15) == SQLITE_NULL)
        json_builder_add_null_value (row);
      else
        json_builder_add_boolean_value (row, sqlite3_column_int (stmt, 15) != 0);
      add_column (row, "items", stmt, 16);
      g_array_append_val (ids, id);
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonBuilder *row = g_ptr_array_index (rows, i);

      if (!add_responses (self->store, row, g_array_index (ids, gint64, i), error))
        return NULL;
      json_builder_end_object (row);
      json_builder_add_value (builder, json_builder_get_root (row));
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

GPtrArray *
hs_progress_get_lessons (HsProgress  *self,
                         HsLearner   *learner,
                         HsCourse    *course,
                         GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_lesson_progress_free);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) hs_lesson_progress_free);
  GPtrArray *lessons;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);
  g_return_val_if_fail (HS_IS_LEARNER (learner), NULL);
  g_return_val_if_fail (HS_IS_COURSE (course), NULL);

  stmt = hs_store_query (self->store, error,
                         "SELECT lesson_id, status, fraction, location, updated, completed, score, passed, seconds"
                         " FROM progress WHERE learner_id = ? AND course_id = ?",
                         "Is", hs_learner_get_id (learner), hs_course_get_id (course));
  if (stmt == NULL)
    return NULL;
  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      HsLessonProgress *p = lesson_progress_from_row (stmt, 0);

      g_hash_table_insert (rows, p->lesson_id, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  lessons = hs_course_get_lessons (course);
  for (guint i = 0; i < lessons->len; i++)
    {
      const char *id = hs_lesson_get_id (g_ptr_array_index (lessons, i));
      HsLessonProgress *p = NULL;

      if (!g_hash_table_steal_extended (rows, id, NULL, (gpointer *) &p))
        {
          p = g_new0 (HsLessonProgress, 1);
          p->lesson_id = g_strdup (id);
          p->status = HS_LESSON_STATUS_NOT_STARTED;
        }
      g_ptr_array_add (result, p);
    }

  return g_steal_pointer (&result);
}

/**
 * hs_progress_get_course:
 *
 * Fills @out with how far @learner is through the current version of
 * @course, by the course's completion rule.  Clear it with
 * hs_course_progress_clear().
 */
gboolean
hs_progress_get_course (HsProgress        *self,
                        HsLearner         *learner,
                        HsCourse          *course,
                        HsCourseProgress  *out,
                        GError           **error)
{
  g_return_val_if_fail (HS_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (HS_IS_LEARNER (learner), FALSE);
  g_return_val_if_fail (HS_IS_COURSE (course), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return course_progress_query (self->store, learner, hs_course_get_id (course), out, error);
}

/**
 * hs_progress_list_completions:
 * @learner: (nullable): only this learner's
 * @course_id: (nullable): only this course's
 *
 * When each learner first completed each course, from the course-level
 * "completed" statements of the event log.  A completion stays one even
 * when a later version of the course adds lessons: certificates and the
 * report count what was completed.
 *
 * Returns: (transfer full) (element-type HsCourseCompletion): oldest first
 */
GPtrArray *
hs_progress_list_completions (HsProgress  *self,
                              HsLearner   *learner,
                              const char  *course_id,
                              GError     **error)
{
  g_autoptr(GPtrArray) completions = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_course_completion_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);
  g_return_val_if_fail (learner == NULL || HS_IS_LEARNER (learner), NULL);

  /* The first statement per learner and course: ids grow with time. */
  stmt = hs_store_query (self->store, error,
                         "SELECT e.learner_id, e.course_id, e.course_version, e.time FROM events e"
                         " JOIN (SELECT MIN(id) AS id FROM events"
                         "       WHERE lesson_id IS NULL AND verb = ?1"
                         "         AND (?2 < 0 OR learner_id = ?2) AND (?3 IS NULL OR course_id = ?3)"
                         "       GROUP BY learner_id, course_id) f ON f.id = e.id"
                         " ORDER BY e.time, e.id",
                         "sIs", hs_verb_to_iri (HS_VERB_COMPLETED),
                         learner ? hs_learner_get_id (learner) : (gint64) -1, course_id);
  if (stmt == NULL)
    return NULL;
  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      HsCourseCompletion *completion = g_new0 (HsCourseCompletion, 1);

      completion->learner_id = sqlite3_column_int64 (stmt, 0);
      completion->course_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      completion->course_version = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      completion->time = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (completions, completion);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&completions) : NULL;
}

/**
 * hs_progress_get_course_score:
 * @score: (out): from 0 to 1, or -1 when there is none
 *
 * A learner's score on a course: the mean of their best scores on the quiz
 * lessons of its current version that they have taken.  A course without
 * quizzes, or whose quizzes were not taken, has none.
 */
gboolean
hs_progress_get_course_score (HsProgress  *self,
                              HsLearner   *learner,
                              const char  *course_id,
                              double      *score,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (HS_IS_LEARNER (learner), FALSE);
  g_return_val_if_fail (course_id != NULL, FALSE);
  g_return_val_if_fail (score != NULL, FALSE);

  *score = -1;
  stmt = hs_store_query (self->store, error,
                         "SELECT AVG(p.score), COUNT(p.score) FROM lessons l"
                         " JOIN courses c ON c.id = l.course_id AND c.version = l.version AND c.is_current = 1"
                         " JOIN progress p ON p.learner_id = ? AND p.course_id = l.course_id AND p.lesson_id = l.id"
                         " WHERE l.course_id = ? AND l.kind = ? AND p.score IS NOT NULL",
                         "Iss", hs_learner_get_id (learner), course_id,
                         hs_lesson_kind_to_string (HS_LESSON_KIND_QUIZ));
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) > 0)
    *score = CLAMP (sqlite3_column_double (stmt, 0), 0.0, 1.0);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

/* A PIN is 4 to 6 digits, nothing else. */
gboolean
hs_pin_is_valid (const char *pin)
{
  gsize len = pin ? strlen (pin) : 0;

  if (len < HS_PIN_MIN_DIGITS || len > HS_PIN_MAX_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;
  return TRUE;
}

/**
 * hs_progress_set_pin:
 * @pin: (nullable): 4 to 6 digits, or %NULL to remove the PIN
 *
 * Keeps only an Argon2id hash of the PIN (libsodium's crypto_pwhash_str),
 * never the PIN itself.
 */
gboolean
hs_progress_set_pin (HsProgress  *self,
                     HsLearner   *learner,
                     const char  *pin,
                     GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (HS_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (HS_IS_LEARNER (learner), FALSE);

  if (pin == NULL)
    {
      if (!hs_store_run (self->store, error, "UPDATE learners SET pin_hash = NULL WHERE id = ?",
                         "I", hs_learner_get_id (learner)))
        return FALSE;
      hs_learner_set_has_pin (learner, FALSE);
      return TRUE;
    }

  if (!hs_pin_is_valid (pin))
    {
      g_set_error_literal (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_PIN,
                           _("A PIN is 4 to 6 digits."));
      return FALSE;
    }

  if (crypto_pwhash_str (hash, pin, strlen (pin),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_PIN,
                           _("There is not enough memory to protect the PIN."));
      return FALSE;
    }

  if (!hs_store_run (self->store, error, "UPDATE learners SET pin_hash = ? WHERE id = ?",
                     "sI", hash, hs_learner_get_id (learner)))
    return FALSE;

  hs_learner_set_has_pin (learner, TRUE);
  return TRUE;
}

/**
 * hs_progress_check_pin:
 *
 * Returns: %TRUE when @learner has no PIN or @pin is theirs; otherwise
 * %FALSE with %HS_PROGRESS_ERROR_WRONG_PIN.
 */
gboolean
hs_progress_check_pin (HsProgress  *self,
                       HsLearner   *learner,
                       const char  *pin,
                       GError     **error)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (HS_IS_LEARNER (learner), FALSE);

  stmt = hs_store_query (self->store, error, "SELECT pin_hash FROM learners WHERE id = ?",
                         "I", hs_learner_get_id (learner));
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  if (hash == NULL)
    return TRUE;

  if (pin == NULL || crypto_pwhash_str_verify (hash, pin, strlen (pin)) != 0)
    {
      g_set_error_literal (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_WRONG_PIN,
                           _("That PIN is not right. Try again."));
      return FALSE;
    }

  return TRUE;
}

gboolean
hs_progress_set_last_learner (HsProgress  *self,
                              HsLearner   *learner,
                              GError     **error)
{
  g_return_val_if_fail (HS_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (HS_IS_LEARNER (learner), FALSE);

  return hs_store_run (self->store, error,
                       "INSERT INTO settings (key, value) VALUES ('last-learner', ?)"
                       " ON CONFLICT DO UPDATE SET value = excluded.value",
                       "s", hs_learner_get_uuid (learner));
}

/**
 * hs_progress_get_last_learner:
 *
 * Returns: (transfer full) (nullable): who used Học Số last on this PC
 */
HsLearner *
hs_progress_get_last_learner (HsProgress *self)
{
  sqlite3_stmt *stmt;
  HsLearner *learner = NULL;

  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);

  stmt = hs_store_query (self->store, NULL,
                         "SELECT " LEARNER_COLUMNS " FROM learners"
                         " WHERE uuid = (SELECT value FROM settings WHERE key = 'last-learner')", NULL);
  if (stmt == NULL)
    return NULL;
  if (hs_store_step (self->store, stmt, NULL) == SQLITE_ROW)
    learner = learner_from_row (stmt);
  sqlite3_reset (stmt);
  return learner;
}

static HsLessonProgress *
lesson_progress_from_row (sqlite3_stmt *stmt,
                          int           first)
{
  HsLessonProgress *p = g_new0 (HsLessonProgress, 1);
  const char *status = (const char *) sqlite3_column_text (stmt, first + 1);

  p->lesson_id = g_strdup ((const char *) sqlite3_column_text (stmt, first));
  p->status = g_strcmp0 (status, "completed") == 0 ? HS_LESSON_STATUS_COMPLETED
                                                   : HS_LESSON_STATUS_IN_PROGRESS;
  p->fraction = sqlite3_column_double (stmt, first + 2);
  p->location = g_strdup ((const char *) sqlite3_column_text (stmt, first + 3));
  p->updated = g_strdup ((const char *) sqlite3_column_text (stmt, first + 4));
  p->completed = g_strdup ((const char *) sqlite3_column_text (stmt, first + 5));
  p->has_score = sqlite3_column_type (stmt, first + 6) != SQLITE_NULL;
  p->score = sqlite3_column_double (stmt, first + 6);
  p->passed = sqlite3_column_int (stmt, first + 7) != 0;
  p->seconds = sqlite3_column_int64 (stmt, first + 8);
  return p;
}

/**
 * hs_progress_get_last_lesson:
 * @course_id: (out): the lesson's course
 *
 * The lesson of an installed course that @learner touched last: what the
 * "Continue" card reopens, at its saved location.
 *
 * Returns: (transfer full) (nullable): %NULL when there is none
 */
HsLessonProgress *
hs_progress_get_last_lesson (HsProgress  *self,
                             HsLearner   *learner,
                             char       **course_id,
                             GError     **error)
{
  HsLessonProgress *p = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);
  g_return_val_if_fail (HS_IS_LEARNER (learner), NULL);
  g_return_val_if_fail (course_id != NULL, NULL);

  *course_id = NULL;
  stmt = hs_store_query (self->store, error,
                         "SELECT p.course_id, p.lesson_id, p.status, p.fraction, p.location, p.updated, p.completed, p.score, p.passed, p.seconds"
                         " FROM progress p"
                         " JOIN courses c ON c.id = p.course_id AND c.is_current = 1"
                         " JOIN lessons l ON l.course_id = c.id AND l.version = c.version AND l.id = p.lesson_id"
                         " WHERE p.learner_id = ? ORDER BY p.updated DESC LIMIT 1",
                         "I", hs_learner_get_id (learner));
  if (stmt == NULL)
    return NULL;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      *course_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      p = lesson_progress_from_row (stmt, 1);
    }
  sqlite3_reset (stmt);
  return p;
}

/**
 * hs_progress_get_lesson:
 *
 * Returns: (transfer full): the learner's state of one lesson; "not
 * started" when nothing is recorded
 */
HsLessonProgress *
hs_progress_get_lesson (HsProgress  *self,
                        HsLearner   *learner,
                        const char  *course_id,
                        const char  *lesson_id,
                        GError     **error)
{
  HsLessonProgress *p = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_PROGRESS (self), NULL);
  g_return_val_if_fail (HS_IS_LEARNER (learner), NULL);

  stmt = hs_store_query (self->store, error,
                         "SELECT lesson_id, status, fraction, location, updated, completed, score, passed, seconds"
                         " FROM progress WHERE learner_id = ? AND course_id = ? AND lesson_id = ?",
                         "Iss", hs_learner_get_id (learner), course_id, lesson_id);
  if (stmt == NULL)
    return NULL;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    p = lesson_progress_from_row (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == -1)
    return NULL;

  if (p == NULL)
    {
      p = g_new0 (HsLessonProgress, 1);
      p->lesson_id = g_strdup (lesson_id);
      p->status = HS_LESSON_STATUS_NOT_STARTED;
    }
  return p;
}
