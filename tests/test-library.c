/* test-library.c — hs-library: the import pipeline, updates and removal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "hs-library.h"
#include "hs-manifest.h"
#include "hs-progress.h"
#include "hs-walkthrough.h"
#include "hs-test-fixtures.h"

typedef struct {
  char      *tmp;
  char      *data_dir;
  HsLibrary *library;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = hs_test_make_tmp_dir ();
  f->data_dir = g_build_filename (f->tmp, "data", NULL);
  f->library = hs_library_new (f->data_dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->library);
  hs_test_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->data_dir);
}

static HsCourse *
import_ok (Fixture    *f,
           const char *package)
{
  g_autoptr(GError) error = NULL;
  HsCourse *course = hs_library_import (f->library, package, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (course);
  return course;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *package = hs_test_make_package (f->tmp, "vn.test.a", "1.0.0", 3, HS_TEST_FORMAT_ZIP, TRUE);
  g_autoptr(HsCourse) course = import_ok (f, package);
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(HsCourse) again = NULL;
  g_autofree char *expected = g_build_filename (f->data_dir, "courses", "vn.test.a", "1.0.0", NULL);
  g_autofree char *lesson = g_build_filename (expected, "bai", "l3.html", NULL);
  g_autofree char *staging = g_build_filename (f->data_dir, "staging", NULL);

  g_assert_cmpstr (hs_course_get_path (course), ==, expected);
  g_assert_true (g_file_test (lesson, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (staging, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (hs_course_get_size (course), >, 0);
  g_assert_nonnull (hs_course_get_installed (course));

  courses = hs_library_list (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (courses->len, ==, 1);
  g_assert_cmpstr (hs_course_get_id (g_ptr_array_index (courses, 0)), ==, "vn.test.a");
  g_assert_cmpuint (hs_course_get_n_lessons (g_ptr_array_index (courses, 0)), ==, 3);

  again = hs_library_get_course (f->library, "vn.test.a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_course_get_path (again), ==, expected);
  g_assert_cmpstr (hs_course_get_source (again), ==, package);
}

static void
test_already_installed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *package = hs_test_make_package (f->tmp, "vn.test.a", "1.0.0", 3, HS_TEST_FORMAT_ZIP, FALSE);
  g_autoptr(HsCourse) course = import_ok (f, package);
  g_autofree char *before = hs_test_snapshot_data_dir (f->data_dir);
  g_autofree char *after = NULL;
  g_autoptr(HsCourse) twice = hs_library_import (f->library, package, NULL, NULL, NULL, &error);

  g_assert_null (twice);
  g_assert_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_ALREADY_INSTALLED);
  g_assert_nonnull (strstr (error->message, "1.0.0"));
  after = hs_test_snapshot_data_dir (f->data_dir);
  g_assert_cmpstr (before, ==, after);
}

static void
test_update_keeps_progress (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir1 = g_build_filename (f->tmp, "v1", NULL);
  g_autofree char *dir2 = g_build_filename (f->tmp, "v2", NULL);
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autoptr(HsCourse) c1 = NULL;
  g_autoptr(HsCourse) c2 = NULL;
  g_autoptr(HsCourse) current = NULL;
  g_autoptr(HsProgress) progress = hs_progress_new (f->library);
  g_autoptr(HsLearner) lan = NULL;
  g_autoptr(GPtrArray) lessons = NULL;
  g_autoptr(HsCourse) older = NULL;
  g_autofree char *old_dir = NULL;

  g_mkdir (dir1, 0755);
  g_mkdir (dir2, 0755);
  v1 = hs_test_make_package (dir1, "vn.test.a", "1.0", 2, HS_TEST_FORMAT_ZIP, FALSE);
  v2 = hs_test_make_package (dir2, "vn.test.a", "1.10", 4, HS_TEST_FORMAT_TAR_XZ, FALSE);

  c1 = import_ok (f, v1);
  lan = hs_progress_add_learner (progress, "Nguyễn Thị Lan", HS_ROLE_TEACHER, &error);
  g_assert_no_error (error);
  g_assert_true (hs_progress_record (progress, lan, "vn.test.a", "l1", HS_VERB_COMPLETED, 1, NULL, &error));
  g_assert_true (hs_progress_record (progress, lan, "vn.test.a", "l2", HS_VERB_PROGRESSED, 0.5, "y=400", &error));
  g_assert_no_error (error);

  c2 = import_ok (f, v2);
  current = hs_library_get_course (f->library, "vn.test.a", &error);
  g_assert_no_error (error);
  /* 1.10 is newer than 1.0 by number, not by text. */
  g_assert_cmpstr (hs_course_get_version (current), ==, "1.10");
  g_assert_cmpuint (hs_course_get_n_lessons (current), ==, 4);

  lessons = hs_progress_get_lessons (progress, lan, current, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lessons->len, ==, 4);
  g_assert_cmpint (((HsLessonProgress *) lessons->pdata[0])->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_cmpint (((HsLessonProgress *) lessons->pdata[1])->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  g_assert_cmpstr (((HsLessonProgress *) lessons->pdata[1])->location, ==, "y=400");
  g_assert_cmpint (((HsLessonProgress *) lessons->pdata[3])->status, ==, HS_LESSON_STATUS_NOT_STARTED);

  /* The old version stays beside the new one until the course is removed. */
  old_dir = g_build_filename (f->data_dir, "courses", "vn.test.a", "1.0", NULL);
  g_assert_true (g_file_test (old_dir, G_FILE_TEST_IS_DIR));

  older = hs_library_import (f->library, v1, NULL, NULL, NULL, &error);
  g_assert_null (older);
  g_assert_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_ALREADY_INSTALLED);
}

static void
test_refuses_older (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir1 = g_build_filename (f->tmp, "v1", NULL);
  g_autofree char *dir2 = g_build_filename (f->tmp, "v2", NULL);
  g_autofree char *newer = NULL;
  g_autofree char *older = NULL;
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(HsCourse) refused = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_mkdir (dir1, 0755);
  g_mkdir (dir2, 0755);
  newer = hs_test_make_package (dir1, "vn.test.a", "2.0", 2, HS_TEST_FORMAT_ZIP, FALSE);
  older = hs_test_make_package (dir2, "vn.test.a", "1.9.9", 2, HS_TEST_FORMAT_ZIP, FALSE);
  course = import_ok (f, newer);

  before = hs_test_snapshot_data_dir (f->data_dir);
  refused = hs_library_import (f->library, older, NULL, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_NEWER_INSTALLED);
  after = hs_test_snapshot_data_dir (f->data_dir);
  g_assert_cmpstr (before, ==, after);
}

/* Every hostile package, through the whole import: refused with its own
 * error, and the data folder exactly as it was. */
typedef struct {
  const char *name;
  GQuark      domain;
  int         code;
} HostileCase;

static void
build_hostile (const char *name,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTestArchive) archive = NULL;
  const char *course_json = "{\"format\":1,\"id\":\"vn.test.evil\",\"version\":\"1.0\",\"title\":\"Ác\","
                            "\"modules\":[{\"id\":\"m\",\"title\":\"M\",\"lessons\":[{\"id\":\"l\",\"kind\":\"page\","
                            "\"title\":\"L\",\"src\":\"l.html\"}]}]}";

  archive = hs_test_archive_new (g_str_equal (name, "hardlink") || g_str_equal (name, "device") ||
                                 g_str_equal (name, "fifo") ? HS_TEST_FORMAT_TAR : HS_TEST_FORMAT_ZIP);
  if (!g_str_equal (name, "missing-manifest") && !g_str_equal (name, "bad-field"))
    hs_test_archive_add_file (archive, "course.json", course_json, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);

  if (g_str_equal (name, "zip-slip"))
    hs_test_archive_add_file (archive, "../../evil.html", "x", -1);
  else if (g_str_equal (name, "absolute"))
    hs_test_archive_add_file (archive, "/tmp/hocso-evil.html", "x", -1);
  else if (g_str_equal (name, "symlink"))
    hs_test_archive_add_symlink (archive, "passwd.html", "/etc/passwd");
  else if (g_str_equal (name, "hardlink"))
    hs_test_archive_add_hardlink (archive, "passwd.html", "/etc/passwd");
  else if (g_str_equal (name, "device"))
    hs_test_archive_add_special (archive, "null.html", AE_IFCHR);
  else if (g_str_equal (name, "fifo"))
    hs_test_archive_add_special (archive, "pipe.html", AE_IFIFO);
  else if (g_str_equal (name, "duplicate"))
    hs_test_archive_add_file (archive, "l.html", "again", -1);
  else if (g_str_equal (name, "bomb-ratio"))
    hs_test_archive_add_zeros (archive, "video.webm", 40 * 1024 * 1024);
  else if (g_str_equal (name, "bomb-count"))
    for (guint i = 0; i < 120; i++)
      {
        g_autofree char *entry = g_strdup_printf ("many/%u.html", i);
        hs_test_archive_add_file (archive, entry, "x", 1);
      }
  else if (g_str_equal (name, "bad-field"))
    hs_test_archive_add_file (archive, "course.json",
                              "{\"format\":1,\"id\":\"vn.test.evil\",\"version\":\"one\",\"title\":\"Ác\"}", -1);

  if (g_str_equal (name, "not-an-archive"))
    g_file_set_contents (path, "Xin chào, đây là văn bản.", -1, &error);
  else
    hs_test_archive_write (archive, path, &error);
  g_assert_no_error (error);

  if (g_str_equal (name, "truncated"))
    {
      g_autofree char *whole = g_strconcat (path, ".whole", NULL);
      g_autoptr(HsTestArchive) big = hs_test_archive_new (HS_TEST_FORMAT_TAR_GZ);
      g_autofree char *noise = g_malloc (128 * 1024);

      for (guint i = 0; i < 128 * 1024; i++)
        noise[i] = (char) g_random_int ();
      hs_test_archive_add_file (big, "course.json", course_json, -1);
      hs_test_archive_add_file (big, "l.html", noise, 128 * 1024);
      hs_test_archive_write (big, whole, &error);
      g_assert_no_error (error);
      hs_test_truncate_copy (whole, path, 40 * 1024, &error);
      g_assert_no_error (error);
      g_remove (whole);
    }
}

static void
test_refuses_hostile (Fixture       *f,
                      gconstpointer  data)
{
  const HostileCase cases[] = {
    { "zip-slip", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_PATH_TRAVERSAL },
    { "absolute", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_ABSOLUTE_PATH },
    { "symlink", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_SYMLINK },
    { "hardlink", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_HARDLINK },
    { "device", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_DEVICE },
    { "fifo", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_FIFO },
    { "duplicate", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_DUPLICATE },
    { "bomb-ratio", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_COMPRESSION_RATIO },
    { "bomb-count", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_TOO_MANY_ENTRIES },
    { "truncated", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_CORRUPT },
    { "not-an-archive", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_NOT_AN_ARCHIVE },
    { "missing-manifest", HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_NO_COURSE_ROOT },
    { "bad-field", HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_INVALID_FIELD },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *good = hs_test_make_package (f->tmp, "vn.test.a", "1.0", 2, HS_TEST_FORMAT_ZIP, FALSE);
  g_autoptr(HsCourse) installed = import_ok (f, good);
  g_autofree char *before = hs_test_snapshot_data_dir (f->data_dir);
  g_autofree char *tmp_before = hs_test_snapshot_tree (f->tmp);
  HsPackageLimits limits;

  hs_package_limits_init_default (&limits);
  limits.max_entries = 100;
  hs_library_set_limits (f->library, &limits);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (f->tmp, cases[i].name, NULL);
      g_autoptr(HsCourse) course = NULL;
      g_autofree char *after = NULL;
      g_autofree char *tmp_after = NULL;

      build_hostile (cases[i].name, path);
      course = hs_library_import (f->library, path, NULL, NULL, NULL, &error);
      g_assert_null (course);
      if (!g_error_matches (error, cases[i].domain, cases[i].code))
        g_error ("%s: expected code %d, got “%s”", cases[i].name, cases[i].code,
                 error ? error->message : "success");
      g_test_message ("%s → %s", cases[i].name, error->message);
      g_clear_error (&error);

      after = hs_test_snapshot_data_dir (f->data_dir);
      g_assert_cmpstr (before, ==, after);
      g_remove (path);
      tmp_after = hs_test_snapshot_tree (f->tmp);
      g_assert_cmpstr (tmp_before, ==, tmp_after);
    }

  g_assert_false (g_file_test ("/tmp/hocso-evil.html", G_FILE_TEST_EXISTS));
}

static void
test_walkthrough (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *broken_json = hs_test_walkthrough_broken_json ();
  g_autofree char *good = hs_test_make_walkthrough_package (f->tmp, "vn.test.wt", NULL);
  g_autofree char *broken = hs_test_make_walkthrough_package (f->tmp, "vn.test.wt-broken", broken_json);
  g_autoptr(HsCourse) course = import_ok (f, good);
  g_autofree char *screen = g_build_filename (hs_course_get_path (course), "screens", "hoan-tat.svg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(HsCourse) refused = NULL;

  g_assert_cmpint (hs_lesson_get_kind (hs_course_find_lesson (course, "kich-hoat")), ==, HS_LESSON_KIND_WALKTHROUGH);
  g_assert_true (g_file_test (screen, G_FILE_TEST_IS_REGULAR));

  before = hs_test_snapshot_data_dir (f->data_dir);
  refused = hs_library_import (f->library, broken, NULL, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_TARGET_TOO_SMALL);
  g_assert_nonnull (strstr (error->message, "step “gui-yeu-cau”"));
  after = hs_test_snapshot_data_dir (f->data_dir);
  g_assert_cmpstr (before, ==, after);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *package = hs_test_make_package (f->tmp, "vn.test.a", "1.0", 2, HS_TEST_FORMAT_ZIP, FALSE);
  g_autoptr(HsCourse) course = import_ok (f, package);
  g_autoptr(HsCourse) reinstalled = NULL;
  g_autoptr(HsProgress) progress = hs_progress_new (f->library);
  g_autoptr(HsLearner) lan = hs_progress_add_learner (progress, "Lan", HS_ROLE_STAFF, &error);
  g_autofree char *course_dir = g_build_filename (f->data_dir, "courses", "vn.test.a", NULL);
  g_autoptr(GPtrArray) lessons = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  g_assert_true (hs_progress_record (progress, lan, "vn.test.a", "l1", HS_VERB_COMPLETED, 1, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (hs_library_remove (f->library, "vn.test.a", FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (course_dir, G_FILE_TEST_EXISTS));
  listed = hs_library_list (f->library, &error);
  g_assert_cmpuint (listed->len, ==, 0);

  g_assert_false (hs_library_remove (f->library, "vn.test.a", FALSE, &error));
  g_assert_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Without --purge the learner's records wait for a reinstall. */
  reinstalled = import_ok (f, package);
  lessons = hs_progress_get_lessons (progress, lan, reinstalled, &error);
  g_assert_cmpint (((HsLessonProgress *) lessons->pdata[0])->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_clear_pointer (&lessons, g_ptr_array_unref);

  g_assert_true (hs_library_remove (f->library, "vn.test.a", TRUE, &error));
  g_clear_object (&reinstalled);
  reinstalled = import_ok (f, package);
  lessons = hs_progress_get_lessons (progress, lan, reinstalled, &error);
  g_assert_cmpint (((HsLessonProgress *) lessons->pdata[0])->status, ==, HS_LESSON_STATUS_NOT_STARTED);
}

static void
test_sweeps_crash_leftovers (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *package = hs_test_make_package (f->tmp, "vn.test.a", "1.0", 2, HS_TEST_FORMAT_ZIP, FALSE);
  g_autoptr(HsCourse) course = import_ok (f, package);
  g_autofree char *half = g_build_filename (f->data_dir, "staging", "import-abc123", "bai", NULL);
  g_autofree char *orphan = g_build_filename (f->data_dir, "courses", "vn.test.ghost", "3.0", NULL);
  g_autofree char *staging = g_build_filename (f->data_dir, "staging", NULL);
  g_autofree char *kept = g_build_filename (f->data_dir, "courses", "vn.test.a", "1.0", NULL);
  HsLibrary *reopened;

  /* What a power cut leaves: a half-extracted import, and a course folder
   * renamed into place whose rows never committed. */
  g_assert_cmpint (g_mkdir_with_parents (half, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (orphan, 0755), ==, 0);

  reopened = hs_library_new (f->data_dir, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (staging, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_DIR));
  g_assert_finalize_object (reopened);
}

static void
test_update_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = hs_test_make_package (f->tmp, "vn.hocso.doi", "1.0.0", 3, HS_TEST_FORMAT_ZIP, FALSE);
  g_autofree char *v2 = hs_test_make_package (f->tmp, "vn.hocso.doi", "1.1.0", 5, HS_TEST_FORMAT_ZIP, FALSE);
  g_autofree char *v3 = hs_test_make_package (f->tmp, "vn.hocso.doi", "2.0.0", 2, HS_TEST_FORMAT_ZIP, FALSE);
  g_autoptr(HsCourse) first = import_ok (f, v1);
  g_autofree char *previous = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) removed = NULL;

  /* A course installed once has nothing to compare with. */
  g_assert_true (hs_library_get_update_changes (f->library, "vn.hocso.doi", &previous, &added, &removed, &error));
  g_assert_no_error (error);
  g_assert_null (previous);
  g_assert_cmpuint (added->len + removed->len, ==, 0);
  g_clear_pointer (&added, g_ptr_array_unref);
  g_clear_pointer (&removed, g_ptr_array_unref);

  {
    g_autoptr(HsCourse) second = import_ok (f, v2);
  }
  g_assert_true (hs_library_get_update_changes (f->library, "vn.hocso.doi", &previous, &added, &removed, &error));
  g_assert_cmpstr (previous, ==, "1.0.0");
  g_assert_cmpuint (added->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (added, 0), ==, "Bài 4");
  g_assert_cmpstr (g_ptr_array_index (added, 1), ==, "Bài 5");
  g_assert_cmpuint (removed->len, ==, 0);
  g_clear_pointer (&previous, g_free);
  g_clear_pointer (&added, g_ptr_array_unref);
  g_clear_pointer (&removed, g_ptr_array_unref);

  /* Against the newest of the older versions, not the first. */
  {
    g_autoptr(HsCourse) third = import_ok (f, v3);
  }
  g_assert_true (hs_library_get_update_changes (f->library, "vn.hocso.doi", &previous, &added, &removed, &error));
  g_assert_cmpstr (previous, ==, "1.1.0");
  g_assert_cmpuint (added->len, ==, 0);
  g_assert_cmpuint (removed->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (removed, 0), ==, "Bài 3");
}

static guint
n_installed_courses (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) courses = hs_library_list (f->library, &error);

  g_assert_no_error (error);
  return courses->len;
}

static void
test_bundled (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->tmp, "bundled", NULL);
  g_autofree char *garbage = g_build_filename (dir, "c-hong.zip", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint installed = 99;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  a = hs_test_make_package (dir, "vn.hocso.a", "1.0.0", 2, HS_TEST_FORMAT_ZIP, FALSE);
  b = hs_test_make_package (dir, "vn.hocso.b", "1.0.0", 1, HS_TEST_FORMAT_ZIP, FALSE);
  g_file_set_contents (garbage, "không phải tệp nén", -1, &error);
  g_assert_no_error (error);
  {
    g_autofree char *sources = g_build_filename (dir, "sources", NULL);
    hs_test_rm_rf (sources);
  }

  /* One bad package does not keep the others out, but is reported, and the
   * next start tries again. */
  g_test_expect_message ("hs-library", G_LOG_LEVEL_WARNING, "*Could not install the bundled course*c-hong.zip*");
  g_assert_false (hs_library_install_bundled (f->library, dir, "1.0", &installed, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_NOT_AN_ARCHIVE);
  g_clear_error (&error);
  g_assert_cmpuint (installed, ==, 2);
  g_assert_cmpuint (n_installed_courses (f), ==, 2);

  g_assert_cmpint (g_unlink (garbage), ==, 0);
  g_assert_true (hs_library_install_bundled (f->library, dir, "1.0", &installed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (installed, ==, 0);

  /* Done once for this stamp: a course the school removed stays removed. */
  g_assert_true (hs_library_remove (f->library, "vn.hocso.a", FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (hs_library_install_bundled (f->library, dir, "1.0", &installed, &error));
  g_assert_cmpuint (installed, ==, 0);
  g_assert_cmpuint (n_installed_courses (f), ==, 1);

  /* A new version of the app brings its courses again. */
  g_assert_true (hs_library_install_bundled (f->library, dir, "1.1", &installed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (installed, ==, 1);
  g_assert_cmpuint (n_installed_courses (f), ==, 2);

  /* No folder: an error, nothing changed. */
  g_assert_false (hs_library_install_bundled (f->library, "/khong/co/thu-muc", "1.2", &installed, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/hocso/library/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("import", test_import);
  ADD ("already-installed", test_already_installed);
  ADD ("update-keeps-progress", test_update_keeps_progress);
  ADD ("refuses-older", test_refuses_older);
  ADD ("refuses-hostile", test_refuses_hostile);
  ADD ("walkthrough", test_walkthrough);
  ADD ("remove", test_remove);
  ADD ("sweeps-crash-leftovers", test_sweeps_crash_leftovers);
  ADD ("bundled", test_bundled);
  ADD ("update-changes", test_update_changes);

  return g_test_run ();
}
