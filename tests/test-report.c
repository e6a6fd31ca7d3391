/* test-report.c — hs-report: who reached the level, against the target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A school with known answers: five people added on known days, three
 * courses, completions placed on both sides of New Year's Eve in Hà Nội
 * (UTC+7, so 16:30 UTC on 31 December is still that year there).
 */
#include "config.h"

#include <string.h>
#include <poppler.h>

#include "hs-report.h"
#include "hs-test-fixtures.h"

typedef struct {
  char       *tmp;
  HsLibrary  *library;
  HsProgress *progress;
  HsSchool   *school;
  HsLearner  *hoa;    /* manager */
  HsLearner  *lan;    /* teacher */
  HsLearner  *minh;   /* teacher */
  HsLearner  *tu;     /* staff, did nothing */
  HsLearner  *moi;    /* teacher, joined in 2026 */
} Fixture;

static void
install (Fixture    *f,
         const char *id,
         const char *title,
         const char *audience,
         gboolean    certificate,
         gboolean    quiz)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *package = hs_test_make_certificate_package (f->tmp, id, title, audience, certificate, quiz);
  g_autoptr(HsCourse) course = hs_library_import (f->library, package, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
}

static HsLearner *
add (Fixture    *f,
     const char *name,
     HsRole      role,
     const char *created)
{
  g_autoptr(GError) error = NULL;
  HsLearner *learner = hs_progress_add_learner (f->progress, name, role, &error);

  g_assert_no_error (error);
  g_assert_true (hs_store_run (hs_library_get_store (f->library), &error,
                               "UPDATE learners SET created = ? WHERE id = ?", "sI",
                               created, hs_learner_get_id (learner)));
  g_assert_no_error (error);
  return learner;
}

/* A course-level "completed" statement at a chosen time, as
 * hs-progress writes one when the last required lesson is done. */
static void
completed_at (Fixture    *f,
              HsLearner  *learner,
              const char *course_id,
              const char *time)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  g_assert_true (hs_store_run (hs_library_get_store (f->library), &error,
                               "INSERT INTO events (uuid, learner_id, verb, course_id, course_version, lesson_id, result, time)"
                               " VALUES (?, ?, ?, ?, '1.0.0', NULL, '{\"completion\":true}', ?)",
                               "sIsss", uuid, hs_learner_get_id (learner), hs_verb_to_iri (HS_VERB_COMPLETED),
                               course_id, time));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;

  f->tmp = hs_test_make_tmp_dir ();
  data_dir = g_build_filename (f->tmp, "data", NULL);
  f->library = hs_library_new (data_dir, &error);
  g_assert_no_error (error);
  f->progress = hs_progress_new (f->library);
  f->school = hs_school_new (f->library);
  g_assert_true (hs_school_set_admin_pin (f->school, "246810", &error));
  g_assert_no_error (error);

  install (f, "vn.test.a", "Chuyển đổi số là gì?", "[\"manager\", \"teacher\", \"staff\"]", TRUE, TRUE);
  install (f, "vn.test.b", "An toàn trên không gian mạng", "[\"teacher\", \"staff\"]", TRUE, FALSE);
  install (f, "vn.test.c", "Làm quen với Học Số", "[\"manager\", \"teacher\", \"staff\"]", FALSE, FALSE);

  f->hoa = add (f, "Nguyễn Thị Hoa", HS_ROLE_MANAGER, "2025-01-10T02:00:00.000Z");
  f->lan = add (f, "Nguyễn Thị Lan", HS_ROLE_TEACHER, "2025-01-10T02:00:00.000Z");
  f->minh = add (f, "Trần Văn Minh", HS_ROLE_TEACHER, "2025-01-10T02:00:00.000Z");
  f->tu = add (f, "Lê Văn Tú", HS_ROLE_STAFF, "2025-01-10T02:00:00.000Z");
  /* Added on 1 January 2026 at 00:30 in Hà Nội: staff from 2026 on. */
  f->moi = add (f, "Phạm Văn Mới", HS_ROLE_TEACHER, "2025-12-31T17:30:00.000Z");

  completed_at (f, f->hoa, "vn.test.a", "2025-06-01T02:00:00.000Z");
  completed_at (f, f->lan, "vn.test.a", "2025-03-01T02:00:00.000Z");
  completed_at (f, f->lan, "vn.test.b", "2025-12-31T16:30:00.000Z");    /* 23:30 on 31/12 */
  completed_at (f, f->minh, "vn.test.a", "2025-05-01T02:00:00.000Z");
  completed_at (f, f->minh, "vn.test.b", "2025-12-31T17:30:00.000Z");   /* 00:30 on 1/1/2026 */
  completed_at (f, f->moi, "vn.test.a", "2026-03-01T02:00:00.000Z");
  completed_at (f, f->moi, "vn.test.b", "2026-03-02T02:00:00.000Z");
  /* A later statement never moves the first completion. */
  completed_at (f, f->lan, "vn.test.b", "2026-02-01T02:00:00.000Z");

  /* Lan's best on the quiz of course A: 80 %. */
  g_assert_true (hs_progress_record_result (f->progress, f->lan, "vn.test.a", "kiem-tra", 0.6, FALSE, &error));
  g_assert_true (hs_progress_record_result (f->progress, f->lan, "vn.test.a", "kiem-tra", 0.8, TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->hoa);
  g_clear_object (&f->lan);
  g_clear_object (&f->minh);
  g_clear_object (&f->tu);
  g_clear_object (&f->moi);
  g_assert_finalize_object (f->school);
  g_assert_finalize_object (f->progress);
  g_assert_finalize_object (f->library);
  hs_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static HsReport *
report (Fixture *f,
        int      year)
{
  g_autoptr(GError) error = NULL;
  HsReport *r = hs_report_new (f->progress, f->school, year, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static const HsReportRow *
row_of (HsReport   *r,
        HsLearner  *learner)
{
  for (guint i = 0; i < hs_report_get_n_rows (r); i++)
    {
      const HsReportRow *row = hs_report_get_row (r, i);

      if (hs_learner_get_id (row->learner) == hs_learner_get_id (learner))
        return row;
    }
  return NULL;
}

static const HsReportCell *
cell_of (HsReport          *r,
         const HsReportRow *row,
         const char        *course_id)
{
  GPtrArray *courses = hs_report_get_courses (r);

  for (guint i = 0; i < courses->len; i++)
    if (g_str_equal (hs_course_get_id (g_ptr_array_index (courses, i)), course_id))
      return &row->cells[i];
  g_assert_not_reached ();
}

static void
assert_date (const GDate *date,
             guint        day,
             guint        month,
             guint        year)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpuint (g_date_get_day (date), ==, day);
  g_assert_cmpuint (g_date_get_month (date), ==, month);
  g_assert_cmpuint (g_date_get_year (date), ==, year);
}

static void
test_year_2025 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HsReport) r = report (f, 2025);
  const HsReportRow *row;
  guint staff, reached;
  int from = 0;

  /* Courses A and B give certificates; C does not count. */
  g_assert_true (hs_report_get_default_courses (r));
  g_assert_cmpuint (hs_report_get_courses (r)->len, ==, 2);

  /* Mới joined in 2026: four staff, Hoa and Lan reached it. */
  g_assert_cmpuint (hs_report_get_n_staff (r), ==, 4);
  g_assert_null (row_of (r, f->moi));
  g_assert_cmpuint (hs_report_get_n_reached (r), ==, 2);
  g_assert_cmpfloat (hs_report_get_percent (r), ==, 50.0);
  g_assert_cmpint (hs_report_get_target (r, &from), ==, 95);
  g_assert_cmpint (from, ==, 2025);
  g_assert_cmpint (hs_report_get_status (r), ==, HS_REPORT_STATUS_NOT_YET);
  /* 95 % of 4 people is 3.8: all 4 must, 2 more than now. */
  g_assert_cmpuint (hs_report_get_n_needed (r), ==, 2);

  /* Hoa, a manager: only A is for her role. */
  row = row_of (r, f->hoa);
  g_assert_cmpuint (row->n_required, ==, 1);
  g_assert_true (row->reached);
  assert_date (&row->reached_on, 1, 6, 2025);

  /* Lan finished B at 23:30 on New Year's Eve: still 2025. */
  row = row_of (r, f->lan);
  g_assert_true (row->reached);
  assert_date (&row->reached_on, 31, 12, 2025);
  g_assert_cmpint (cell_of (r, row, "vn.test.a")->score, ==, 80);
  g_assert_cmpint (cell_of (r, row, "vn.test.b")->score, ==, -1);

  /* Minh finished B half an hour into 2026. */
  row = row_of (r, f->minh);
  g_assert_false (row->reached);
  g_assert_cmpuint (row->n_completed, ==, 1);
  g_assert_false (g_date_valid (&row->reached_on));

  /* Tú has done nothing at all. */
  row = row_of (r, f->tu);
  g_assert_cmpuint (row->n_required, ==, 2);
  g_assert_cmpuint (row->n_completed, ==, 0);
  g_assert_false (row->reached);

  hs_report_get_role_counts (r, HS_ROLE_MANAGER, &staff, &reached);
  g_assert_cmpuint (staff, ==, 1);
  g_assert_cmpuint (reached, ==, 1);
  hs_report_get_role_counts (r, HS_ROLE_TEACHER, &staff, &reached);
  g_assert_cmpuint (staff, ==, 2);
  g_assert_cmpuint (reached, ==, 1);
  hs_report_get_role_counts (r, HS_ROLE_STAFF, &staff, &reached);
  g_assert_cmpuint (staff, ==, 1);
  g_assert_cmpuint (reached, ==, 0);
}

static void
test_year_2026 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HsReport) before = report (f, 2026);
  g_autoptr(HsReport) after = NULL;
  const char *order[] = { "Nguyễn Thị Hoa", "Nguyễn Thị Lan", "Trần Văn Minh", "Phạm Văn Mới", "Lê Văn Tú" };

  g_assert_cmpuint (hs_report_get_n_staff (before), ==, 5);
  g_assert_cmpuint (hs_report_get_n_reached (before), ==, 4);
  g_assert_cmpfloat (hs_report_get_percent (before), ==, 80.0);
  g_assert_cmpint (hs_report_get_target (before, NULL), ==, 100);
  g_assert_cmpint (hs_report_get_status (before), ==, HS_REPORT_STATUS_NOT_YET);
  assert_date (&row_of (before, f->minh)->reached_on, 1, 1, 2026);

  /* By given name, in the Vietnamese alphabet: Minh before Mới. */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (hs_learner_get_name (hs_report_get_row (before, i)->learner), ==, order[i]);

  completed_at (f, f->tu, "vn.test.a", "2026-10-01T02:00:00.000Z");
  completed_at (f, f->tu, "vn.test.b", "2026-10-02T02:00:00.000Z");
  after = report (f, 2026);
  g_assert_cmpuint (hs_report_get_n_reached (after), ==, 5);
  g_assert_cmpint (hs_report_get_status (after), ==, HS_REPORT_STATUS_ON_TRACK);
}

static void
test_target_boundaries (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsReport) exactly = NULL;
  g_autoptr(HsReport) above = NULL;
  g_autoptr(HsReport) early = NULL;
  g_autoptr(HsReport) later = NULL;
  int from = 0;

  /* 2 of 4 meets 50 % exactly, not 51 %. */
  g_assert_true (hs_school_set_target (f->school, 2025, 50, &error));
  g_assert_no_error (error);
  exactly = report (f, 2025);
  g_assert_cmpint (hs_report_get_status (exactly), ==, HS_REPORT_STATUS_ON_TRACK);
  g_assert_cmpuint (hs_report_get_n_needed (exactly), ==, 0);
  g_assert_true (hs_school_set_target (f->school, 2025, 51, &error));
  g_assert_no_error (error);
  above = report (f, 2025);
  g_assert_cmpint (hs_report_get_status (above), ==, HS_REPORT_STATUS_NOT_YET);
  g_assert_cmpuint (hs_report_get_n_needed (above), ==, 1);

  /* Before anyone was added, and before any target. */
  early = report (f, 2024);
  g_assert_cmpuint (hs_report_get_n_staff (early), ==, 0);
  g_assert_cmpint (hs_report_get_target (early, NULL), ==, -1);
  g_assert_cmpint (hs_report_get_status (early), ==, HS_REPORT_STATUS_NO_STAFF);
  g_assert_cmpfloat (hs_report_get_percent (early), ==, 0.0);

  /* After the plan: 2026's 100 % still holds. */
  later = report (f, 2027);
  g_assert_cmpint (hs_report_get_target (later, &from), ==, 100);
  g_assert_cmpint (from, ==, 2026);

  g_assert_null (hs_report_new (f->progress, f->school, 1999, &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE);
}

static void
test_chosen_courses (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsReport) only_c = NULL;
  g_autoptr(HsReport) b_and_missing = NULL;
  const char *c[] = { "vn.test.c", NULL };
  const char *b[] = { "vn.test.b", "vn.test.khong-co", NULL };
  const HsReportRow *row;

  /* A course without a certificate counts when the principal picks it. */
  g_assert_true (hs_school_set_level_courses (f->school, c, &error));
  g_assert_no_error (error);
  only_c = report (f, 2025);
  g_assert_false (hs_report_get_default_courses (only_c));
  g_assert_cmpuint (hs_report_get_courses (only_c)->len, ==, 1);
  g_assert_cmpuint (hs_report_get_n_reached (only_c), ==, 0);

  /* B is not for managers: Hoa has nothing to complete, so has not
   * reached it; a chosen course not installed is reported. */
  g_assert_true (hs_school_set_level_courses (f->school, b, &error));
  g_assert_no_error (error);
  b_and_missing = report (f, 2025);
  g_assert_cmpuint (hs_report_get_courses (b_and_missing)->len, ==, 1);
  g_assert_cmpstrv (hs_report_get_missing_courses (b_and_missing), ((const char *[]) { "vn.test.khong-co", NULL }));
  row = row_of (b_and_missing, f->hoa);
  g_assert_cmpuint (row->n_required, ==, 0);
  g_assert_false (row->cells[0].applies);
  g_assert_false (row->reached);
  g_assert_true (row_of (b_and_missing, f->lan)->reached);
  g_assert_cmpuint (hs_report_get_n_reached (b_and_missing), ==, 1);
}

static void
test_live_completion (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(HsLearner) an = hs_progress_add_learner (f->progress, "Đỗ Thị An", HS_ROLE_STAFF, &error);
  g_autoptr(HsReport) r = NULL;
  const HsReportRow *row;

  /* Completed the ordinary way, today. */
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      const char *course = i == 0 ? "vn.test.a" : "vn.test.b";

      g_assert_true (hs_progress_record (f->progress, an, course, "l1", HS_VERB_COMPLETED, 1, NULL, &error));
      g_assert_true (hs_progress_record (f->progress, an, course, "l2", HS_VERB_COMPLETED, 1, NULL, &error));
    }
  g_assert_true (hs_progress_record_result (f->progress, an, "vn.test.a", "kiem-tra", 1.0, TRUE, &error));
  g_assert_no_error (error);

  r = report (f, g_date_time_get_year (now));
  row = row_of (r, an);
  g_assert_nonnull (row);
  g_assert_true (row->reached);
  g_assert_cmpint (cell_of (r, row, "vn.test.a")->score, ==, 100);
  assert_date (&row->reached_on, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
               g_date_time_get_year (now));
}

static void
test_needs_admin_pin (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsSchool) locked = hs_school_new (f->library);
  g_autoptr(HsReport) r = hs_report_new (f->progress, locked, 2025, &error);

  g_assert_null (r);
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_LOCKED);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(HsReport) r = report (f, 2025);
  g_autoptr(JsonNode) root = hs_report_to_json (r);
  JsonObject *object = json_node_get_object (root);
  JsonArray *learners = json_object_get_array_member (object, "learners");
  gboolean found_lan = FALSE;

  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, 2025);
  g_assert_cmpint (json_object_get_int_member (object, "target"), ==, 95);
  g_assert_cmpint (json_object_get_int_member (object, "staff"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (object, "reached"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (object, "percent"), ==, 50.0);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "not-yet");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "courses")), ==, 2);
  g_assert_cmpuint (json_array_get_length (learners), ==, 4);
  for (guint i = 0; i < json_array_get_length (learners); i++)
    {
      JsonObject *learner = json_array_get_object_element (learners, i);

      if (!g_str_equal (json_object_get_string_member (learner, "name"), "Nguyễn Thị Lan"))
        continue;
      found_lan = TRUE;
      g_assert_true (json_object_get_boolean_member (learner, "reached"));
      g_assert_cmpstr (json_object_get_string_member (learner, "reached_on"), ==, "2025-12-31");
      g_assert_cmpstr (json_object_get_string_member (learner, "role"), ==, "teacher");
    }
  g_assert_true (found_lan);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLearner) odd = add (f, "=HYPERLINK(\"http://x\")", HS_ROLE_STAFF, "2025-02-01T02:00:00.000Z");
  g_autoptr(HsReport) r = report (f, 2025);
  g_autofree char *csv = hs_report_to_csv (r);
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "STT,Họ và tên,Nhóm,"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  lines = g_strsplit (csv + 3, "\r\n", -1);
  /* A header, five people, and the empty string after the last CR LF. */
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_cmpstr (lines[0], ==,
                   "STT,Họ và tên,Nhóm,"
                   "An toàn trên không gian mạng – ngày hoàn thành,An toàn trên không gian mạng – điểm,"
                   "Chuyển đổi số là gì? – ngày hoàn thành,Chuyển đổi số là gì? – điểm,"
                   "Số khoá đã hoàn thành,Đạt mức kỹ năng số,Ngày đạt");
  g_assert_nonnull (strstr (csv, "\r\n2,Nguyễn Thị Lan,Giáo viên,31/12/2025,,01/03/2025,80,2/2,Đạt,31/12/2025\r\n"));
  /* B is not for managers. */
  g_assert_nonnull (strstr (csv, "\r\n1,Nguyễn Thị Hoa,Cán bộ quản lý,–,–,01/06/2025,,1/1,Đạt,01/06/2025\r\n"));
  /* Never a formula, quotes doubled. */
  g_assert_nonnull (strstr (csv, ",\"'=HYPERLINK(\"\"http://x\"\")\",Nhân viên,"));
}

static char *
pdf_text (const char *path,
          int        *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  *n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < *n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);
      double width, height;

      /* A4 portrait. */
      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);
      g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);
      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsReport) r = NULL;
  g_autofree char *path = g_build_filename (f->tmp, "bao-cao.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *nfc = NULL;
  int pages = 0;

  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_NAME, "Trường Mầm non Tam Hưng A", &error));
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_UNIT, "UBND xã Tam Hưng", &error));
  g_assert_no_error (error);
  r = report (f, 2025);
  g_assert_true (hs_report_write_pdf (r, path, &error));
  g_assert_no_error (error);

  text = pdf_text (path, &pages);
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_assert_cmpint (pages, ==, 1);
  g_assert_nonnull (strstr (nfc, "UBND XÃ TAM HƯNG"));
  g_assert_nonnull (strstr (nfc, "BÁO CÁO"));
  g_assert_nonnull (strstr (nfc, "năm 2025"));
  g_assert_nonnull (strstr (nfc, "CHƯA ĐẠT CHỈ TIÊU"));
  g_assert_nonnull (strstr (nfc, "tỉ lệ 50%"));
  g_assert_nonnull (strstr (nfc, "Chỉ tiêu năm 2025: 95%"));
  g_assert_nonnull (strstr (nfc, "Nguyễn Thị Lan"));
  g_assert_nonnull (strstr (nfc, "31/12/2025"));
  g_assert_nonnull (strstr (nfc, "Trang 1/1"));
}

static void
test_pdf_many_pages (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsReport) r = NULL;
  g_autofree char *path = g_build_filename (f->tmp, "bao-cao.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  g_autofree char *page_note = NULL;
  int pages = 0;

  for (guint i = 0; i < 70; i++)
    {
      g_autofree char *name = g_strdup_printf ("Giáo viên số %u", i + 1);
      g_autoptr(HsLearner) learner = add (f, name, HS_ROLE_TEACHER, "2025-02-01T02:00:00.000Z");
    }
  r = report (f, 2025);
  g_assert_cmpuint (hs_report_get_n_staff (r), ==, 74);
  g_assert_true (hs_report_write_pdf (r, path, &error));
  g_assert_no_error (error);

  text = pdf_text (path, &pages);
  g_assert_cmpint (pages, >=, 3);
  page_note = g_strdup_printf ("Trang %d/%d", pages, pages);
  g_assert_nonnull (strstr (text, page_note));
  /* Every row made it onto some page. */
  g_assert_nonnull (strstr (text, "Giáo viên số 70"));
  g_assert_nonnull (strstr (text, "Lê Văn Tú"));
}

int
main (int   argc,
      char *argv[])
{
  /* Hà Nội's time, UTC+7, without needing tzdata. */
  g_setenv ("TZ", "ICT-7", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/hocso/report/year-2025", test_year_2025);
  ADD ("/hocso/report/year-2026", test_year_2026);
  ADD ("/hocso/report/target-boundaries", test_target_boundaries);
  ADD ("/hocso/report/chosen-courses", test_chosen_courses);
  ADD ("/hocso/report/live-completion", test_live_completion);
  ADD ("/hocso/report/needs-admin-pin", test_needs_admin_pin);
  ADD ("/hocso/report/json", test_json);
  ADD ("/hocso/report/csv", test_csv);
  ADD ("/hocso/report/pdf", test_pdf);
  ADD ("/hocso/report/pdf-many-pages", test_pdf_many_pages);
#undef ADD

  return g_test_run ();
}
