/* test-progress.c — hs-progress: learners, lesson records, course completion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "hs-progress.h"
#include "hs-test-fixtures.h"

typedef struct {
  char       *tmp;
  HsLibrary  *library;
  HsProgress *progress;
  HsCourse   *course;
  HsLearner  *lan;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *package = NULL;

  f->tmp = hs_test_make_tmp_dir ();
  data_dir = g_build_filename (f->tmp, "data", NULL);
  f->library = hs_library_new (data_dir, &error);
  g_assert_no_error (error);
  package = hs_test_make_package (f->tmp, "vn.test.a", "1.0", 3, HS_TEST_FORMAT_ZIP, FALSE);
  f->course = hs_library_import (f->library, package, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->progress = hs_progress_new (f->library);
  f->lan = hs_progress_add_learner (f->progress, "Nguyễn Thị Lan", HS_ROLE_TEACHER, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->lan);
  g_clear_object (&f->course);
  g_assert_finalize_object (f->progress);
  g_assert_finalize_object (f->library);
  hs_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static void
record (Fixture    *f,
        HsLearner  *learner,
        const char *lesson,
        HsVerb      verb,
        double      fraction,
        const char *location)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_progress_record (f->progress, learner, "vn.test.a", lesson, verb, fraction, location, &error));
  g_assert_no_error (error);
}

static HsLessonProgress *
lesson_state (Fixture   *f,
              HsLearner *learner,
              guint      index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lessons = hs_progress_get_lessons (f->progress, learner, f->course, &error);
  HsLessonProgress *p;

  g_assert_no_error (error);
  p = g_ptr_array_steal_index (lessons, index);
  g_ptr_array_set_free_func (lessons, (GDestroyNotify) hs_lesson_progress_free);
  return p;
}

static int
count_events (Fixture    *f,
              const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM events WHERE %s", where);
  HsStore *store = hs_library_get_store (f->library);
  sqlite3_stmt *stmt = hs_store_query (store, &error, sql, NULL);
  int n;

  g_assert_no_error (error);
  g_assert_cmpint (hs_store_step (store, stmt, &error), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
test_learners (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLearner) duc = hs_progress_add_learner (f->progress, "  Trần Văn Đức ", HS_ROLE_MANAGER, &error);
  g_autoptr(HsLearner) dup = NULL;
  g_autoptr(HsLearner) found = NULL;
  g_autoptr(HsLearner) empty = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (hs_learner_get_name (duc), ==, "Trần Văn Đức");
  g_assert_cmpint (hs_learner_get_role (duc), ==, HS_ROLE_MANAGER);
  g_assert_cmpuint (strlen (hs_learner_get_uuid (duc)), ==, 36);

  /* Same name, other case (Vietnamese capitals included): the same person. */
  dup = hs_progress_add_learner (f->progress, "NGUYỄN THỊ LAN", HS_ROLE_STAFF, &error);
  g_assert_null (dup);
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NAME_TAKEN);
  g_clear_error (&error);

  empty = hs_progress_add_learner (f->progress, "   ", HS_ROLE_STAFF, &error);
  g_assert_null (empty);
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_NAME);
  g_clear_error (&error);

  found = hs_progress_find_learner (f->progress, "trần văn đức", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hs_learner_get_id (found), ==, hs_learner_get_id (duc));

  g_assert_null (hs_progress_find_learner (f->progress, "Ai đó", &error));
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LEARNER);
  g_clear_error (&error);

  all = hs_progress_list_learners (f->progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
}

static void
test_lesson_states (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(HsLessonProgress) p = NULL;

  p = lesson_state (f, f->lan, 0);
  g_assert_cmpint (p->status, ==, HS_LESSON_STATUS_NOT_STARTED);
  g_clear_pointer (&p, hs_lesson_progress_free);

  record (f, f->lan, "l1", HS_VERB_OPENED, 0, NULL);
  p = lesson_state (f, f->lan, 0);
  g_assert_cmpint (p->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  g_assert_cmpfloat (p->fraction, ==, 0);
  g_clear_pointer (&p, hs_lesson_progress_free);

  /* The furthest point is kept; the latest place is where to resume. */
  record (f, f->lan, "l1", HS_VERB_PROGRESSED, 0.6, "y=1200");
  record (f, f->lan, "l1", HS_VERB_PROGRESSED, 0.3, "y=600");
  p = lesson_state (f, f->lan, 0);
  g_assert_cmpfloat_with_epsilon (p->fraction, 0.6, 1e-9);
  g_assert_cmpstr (p->location, ==, "y=600");
  g_clear_pointer (&p, hs_lesson_progress_free);

  record (f, f->lan, "l1", HS_VERB_COMPLETED, 0, NULL);
  p = lesson_state (f, f->lan, 0);
  g_assert_cmpint (p->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_cmpfloat (p->fraction, ==, 1);
  g_assert_nonnull (p->completed);
  g_clear_pointer (&p, hs_lesson_progress_free);

  /* Opening a completed lesson again never takes it back. */
  record (f, f->lan, "l1", HS_VERB_OPENED, 0, NULL);
  record (f, f->lan, "l1", HS_VERB_PROGRESSED, 0.1, "y=0");
  p = lesson_state (f, f->lan, 0);
  g_assert_cmpint (p->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_cmpfloat (p->fraction, ==, 1);

  g_assert_cmpint (count_events (f, "lesson_id = 'l1'"), ==, 6);
}

static void
test_course_completion (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLearner) hoa = hs_progress_add_learner (f->progress, "Lê Thị Hoa", HS_ROLE_STAFF, &error);
  g_auto(HsCourseProgress) summary = { 0 };

  record (f, f->lan, "l1", HS_VERB_COMPLETED, 0, NULL);
  record (f, f->lan, "l2", HS_VERB_COMPLETED, 0, NULL);
  g_assert_true (hs_progress_get_course (f->progress, f->lan, f->course, &summary, &error));
  g_assert_cmpuint (summary.n_lessons, ==, 3);
  g_assert_cmpuint (summary.n_completed, ==, 2);
  g_assert_false (summary.complete);
  g_assert_null (summary.completed);
  hs_course_progress_clear (&summary);

  record (f, f->lan, "l3", HS_VERB_COMPLETED, 0, NULL);
  g_assert_true (hs_progress_get_course (f->progress, f->lan, f->course, &summary, &error));
  g_assert_true (summary.complete);
  g_assert_nonnull (summary.completed);
  hs_course_progress_clear (&summary);

  /* Completing a lesson again logs the lesson, not the course, again. */
  record (f, f->lan, "l3", HS_VERB_COMPLETED, 0, NULL);
  g_assert_cmpint (count_events (f, "lesson_id IS NULL"), ==, 1);

  /* Another learner on the same PC has her own progress. */
  g_assert_true (hs_progress_get_course (f->progress, hoa, f->course, &summary, &error));
  g_assert_cmpuint (summary.n_completed, ==, 0);
  g_assert_false (summary.complete);
}

static void
test_required_lessons (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tree = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *json = NULL;
  g_autofree char *package = g_build_filename (f->tmp, "required.zip", NULL);
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autoptr(HsCourse) course = NULL;
  g_auto(HsCourseProgress) summary = { 0 };
  g_autoptr(GString) edited = NULL;

  /* Version 2 requires only l1 and l3. */
  tree = hs_test_make_course_tree (f->tmp, "vn.test.a", "2.0", 3);
  manifest = g_build_filename (tree, "course.json", NULL);
  g_file_get_contents (manifest, &json, NULL, &error);
  edited = g_string_new (json);
  g_string_replace (edited, "\"require\": \"all\"", "\"require\": [\"l1\", \"l3\"]", 1);
  g_file_set_contents (manifest, edited->str, -1, &error);
  g_assert_no_error (error);
  hs_test_archive_add_tree (archive, tree, "");
  hs_test_archive_write (archive, package, &error);
  g_assert_no_error (error);
  course = hs_library_import (f->library, package, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  record (f, f->lan, "l1", HS_VERB_COMPLETED, 0, NULL);
  record (f, f->lan, "l3", HS_VERB_COMPLETED, 0, NULL);
  g_assert_true (hs_progress_get_course (f->progress, f->lan, course, &summary, &error));
  g_assert_cmpuint (summary.n_required, ==, 2);
  g_assert_cmpuint (summary.n_required_completed, ==, 2);
  g_assert_cmpuint (summary.n_completed, ==, 2);
  g_assert_true (summary.complete);
}

static void
test_refuses_bad_records (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLearner) ghost = hs_learner_new (9999, "00000000-0000-0000-0000-000000000000", "Ma", HS_ROLE_STAFF, NULL);

  g_assert_false (hs_progress_record (f->progress, f->lan, "vn.test.a", "l9", HS_VERB_OPENED, 0, NULL, &error));
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LESSON);
  g_clear_error (&error);

  g_assert_false (hs_progress_record (f->progress, f->lan, "vn.test.none", "l1", HS_VERB_OPENED, 0, NULL, &error));
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LESSON);
  g_clear_error (&error);

  g_assert_false (hs_progress_record (f->progress, f->lan, "vn.test.a", "l1", HS_VERB_PROGRESSED, 1.5, NULL, &error));
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_false (hs_progress_record (f->progress, ghost, "vn.test.a", "l1", HS_VERB_OPENED, 0, NULL, &error));
  g_assert_error (error, HS_STORE_ERROR, HS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A refused record writes nothing at all. */
  g_assert_cmpint (count_events (f, "1"), ==, 0);
}

/* What SCORM content reports beside completion: a verdict without a
 * score, a score without a verdict, and time. */
static void
test_scores_and_time (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  HsLessonProgress *p;

  g_assert_true (hs_progress_record_score (f->progress, f->lan, "vn.test.a", "l1", 0.4, &error));
  g_assert_true (hs_progress_record_score (f->progress, f->lan, "vn.test.a", "l1", 0.3, &error));
  g_assert_no_error (error);
  p = lesson_state (f, f->lan, 0);
  g_assert_true (p->has_score);
  g_assert_cmpfloat (p->score, ==, 0.4);
  g_assert_false (p->passed);
  g_assert_cmpint (p->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  hs_lesson_progress_free (p);
  g_assert_cmpint (count_events (f, "verb = 'http://adlnet.gov/expapi/verbs/scored'"), ==, 2);

  /* A verdict without a score keeps the best score and completes. */
  g_assert_true (hs_progress_record_result (f->progress, f->lan, "vn.test.a", "l1", NAN, TRUE, &error));
  g_assert_no_error (error);
  p = lesson_state (f, f->lan, 0);
  g_assert_cmpfloat (p->score, ==, 0.4);
  g_assert_true (p->passed);
  g_assert_cmpint (p->status, ==, HS_LESSON_STATUS_COMPLETED);
  hs_lesson_progress_free (p);
  g_assert_cmpint (count_events (f, "verb = 'http://adlnet.gov/expapi/verbs/passed' AND result NOT LIKE '%score%'"), ==, 1);

  g_assert_true (hs_progress_add_time (f->progress, f->lan, "vn.test.a", "l2", 30, &error));
  g_assert_true (hs_progress_add_time (f->progress, f->lan, "vn.test.a", "l2", 45, &error));
  g_assert_no_error (error);
  p = lesson_state (f, f->lan, 1);
  g_assert_cmpint (p->seconds, ==, 75);
  g_assert_cmpint (p->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  hs_lesson_progress_free (p);

  g_assert_false (hs_progress_record_score (f->progress, f->lan, "vn.test.a", "l1", 1.5, &error));
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (hs_progress_record_score (f->progress, f->lan, "vn.test.a", "l9", 0.5, &error));
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LESSON);
  g_clear_error (&error);
  g_assert_false (hs_progress_add_time (f->progress, f->lan, "vn.test.a", "l2", -1, &error));
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (hs_progress_add_time (f->progress, f->lan, "vn.test.a", "l9", 1, &error));
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LESSON);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/hocso/progress/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("learners", test_learners);
  ADD ("lesson-states", test_lesson_states);
  ADD ("course-completion", test_course_completion);
  ADD ("required-lessons", test_required_lessons);
  ADD ("refuses-bad-records", test_refuses_bad_records);
  ADD ("scores-and-time", test_scores_and_time);

  return g_test_run ();
}
