/* test-certificate.c — hs-certificate: issuing, signing, tampering, PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <poppler.h>

#include "hs-certificate.h"
#include "hs-certificate-private.h"
#include "hs-test-fixtures.h"
#include "hs-utils.h"

#define COURSE_ID "vn.test.an-toan"
#define COURSE_TITLE "An toàn trên không gian mạng"

typedef struct {
  char       *tmp;
  char       *data_dir;
  HsLibrary  *library;
  HsProgress *progress;
  HsSchool   *school;
  HsKeyring  *keyring;
  HsCourse   *course;    /* with a quiz, certificate enabled */
  HsCourse   *plain;     /* pages only, certificate enabled */
  HsCourse   *none;      /* no certificate */
  HsLearner  *lan;
  HsLearner  *minh;
} Fixture;

static HsCourse *
install (Fixture    *f,
         const char *id,
         const char *title,
         gboolean    certificate,
         gboolean    quiz)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *package = hs_test_make_certificate_package (f->tmp, id, title, "[\"teacher\", \"staff\"]",
                                                               certificate, quiz);
  HsCourse *course = hs_library_import (f->library, package, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return course;
}

static void
set_school (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_school_set_admin_pin (f->school, "246810", &error));
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_NAME, "Trường Mầm non Tam Hưng A", &error));
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_UNIT, "UBND xã Tam Hưng", &error));
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_PRINCIPAL_NAME, "Nguyễn Thị Hoa", &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = hs_test_make_tmp_dir ();
  f->data_dir = g_build_filename (f->tmp, "data", NULL);
  f->library = hs_library_new (f->data_dir, &error);
  g_assert_no_error (error);
  f->progress = hs_progress_new (f->library);
  f->school = hs_school_new (f->library);
  f->keyring = hs_keyring_new (f->library, &error);
  g_assert_no_error (error);
  f->course = install (f, COURSE_ID, COURSE_TITLE, TRUE, TRUE);
  f->plain = install (f, "vn.test.vneid", "Định danh điện tử VNeID", TRUE, FALSE);
  f->none = install (f, "vn.test.lam-quen", "Làm quen", FALSE, FALSE);
  f->lan = hs_progress_add_learner (f->progress, "Nguyễn Thị Lan", HS_ROLE_TEACHER, &error);
  g_assert_no_error (error);
  f->minh = hs_progress_add_learner (f->progress, "Trần Văn Minh", HS_ROLE_STAFF, &error);
  g_assert_no_error (error);
  set_school (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->lan);
  g_clear_object (&f->minh);
  g_clear_object (&f->course);
  g_clear_object (&f->plain);
  g_clear_object (&f->none);
  g_assert_finalize_object (f->keyring);
  g_assert_finalize_object (f->school);
  g_assert_finalize_object (f->progress);
  g_assert_finalize_object (f->library);
  hs_test_rm_rf (f->tmp);
  g_free (f->data_dir);
  g_free (f->tmp);
}

static void
complete (Fixture    *f,
          HsLearner  *learner,
          HsCourse   *course,
          double      score)
{
  g_autoptr(GError) error = NULL;
  const char *id = hs_course_get_id (course);

  g_assert_true (hs_progress_record (f->progress, learner, id, "l1", HS_VERB_COMPLETED, 1, NULL, &error));
  g_assert_true (hs_progress_record (f->progress, learner, id, "l2", HS_VERB_COMPLETED, 1, NULL, &error));
  if (score >= 0)
    {
      /* A weaker try first: the best one counts. */
      g_assert_true (hs_progress_record_result (f->progress, learner, id, "kiem-tra", 0.5, FALSE, &error));
      g_assert_true (hs_progress_record_result (f->progress, learner, id, "kiem-tra", score, TRUE, &error));
    }
  g_assert_no_error (error);
}

static HsCertificate *
issue (Fixture   *f,
       HsLearner *learner,
       HsCourse  *course)
{
  g_autoptr(GError) error = NULL;
  HsCertificate *certificate = hs_certificate_issue (f->progress, f->school, f->keyring, learner, course, &error);

  g_assert_no_error (error);
  g_assert_nonnull (certificate);
  return certificate;
}

static int
count_rows (Fixture *f)
{
  HsStore *store = hs_library_get_store (f->library);
  sqlite3_stmt *stmt = hs_store_query (store, NULL, "SELECT COUNT(*) FROM certificates", NULL);
  int n;

  g_assert_cmpint (hs_store_step (store, stmt, NULL), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
assert_verifies (Fixture    *f,
                 const char *payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCertificate) parsed = hs_certificate_parse (payload, &error);

  g_assert_no_error (error);
  g_assert_true (hs_certificate_verify (parsed, f->keyring, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_tampered (Fixture    *f,
                 const char *payload,
                 const char *find,
                 const char *replace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) changed = g_string_new (payload);
  g_autoptr(HsCertificate) parsed = NULL;

  g_assert_cmpint (g_string_replace (changed, find, replace, 1), ==, 1);
  parsed = hs_certificate_parse (changed->str, &error);
  g_assert_no_error (error);
  g_assert_false (hs_certificate_verify (parsed, f->keyring, NULL, &error));
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "NOT VALID"));
}

static void
assert_malformed (const char *payload,
                  const char *find,
                  const char *replace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) changed = g_string_new (payload);
  g_autoptr(HsCertificate) parsed = NULL;

  g_assert_cmpint (g_string_replace (changed, find, replace, 1), ==, 1);
  parsed = hs_certificate_parse (changed->str, &error);
  g_assert_null (parsed);
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_MALFORMED);
}

static void
test_issue_and_reissue (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCertificate) first = NULL;
  g_autoptr(HsCertificate) again = NULL;
  g_autoptr(HsCertificate) found = NULL;
  g_autoptr(HsCertificate) looked_up = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *lower = NULL;
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");
  g_autofree char *date = NULL;

  complete (f, f->lan, f->course, 0.9);
  first = issue (f, f->lan, f->course);

  g_assert_true (hs_certificate_serial_is_valid (hs_certificate_get_serial (first)));
  g_assert_cmpstr (hs_certificate_get_learner_name (first), ==, "Nguyễn Thị Lan");
  g_assert_cmpstr (hs_certificate_get_course_id (first), ==, COURSE_ID);
  g_assert_cmpstr (hs_certificate_get_course_version (first), ==, "1.0.0");
  g_assert_cmpstr (hs_certificate_get_course_title (first), ==, COURSE_TITLE);
  g_assert_cmpint (hs_certificate_get_score (first), ==, 90);
  g_assert_cmpstr (hs_certificate_get_school (first), ==, "Trường Mầm non Tam Hưng A");
  g_assert_cmpstr (hs_certificate_get_unit (first), ==, "UBND xã Tam Hưng");
  g_assert_cmpstr (hs_certificate_get_principal (first), ==, "Nguyễn Thị Hoa");
  g_assert_cmpstr (hs_certificate_get_principal_title (first), ==, "Hiệu trưởng");
  g_assert_cmpstr (hs_certificate_get_key_fingerprint (first), ==, hs_keyring_get_fingerprint (f->keyring));
  g_assert_nonnull (hs_certificate_get_issued (first));
  date = hs_certificate_format_date (first);
  g_assert_cmpstr (date, ==, today);
  g_assert_true (g_str_has_prefix (hs_certificate_get_payload (first),
                                   "Học Số – Giấy chứng nhận v1\nSố hiệu: HS-"));
  g_assert_nonnull (strstr (hs_certificate_get_payload (first), "\nĐiểm: 90%\n"));
  assert_verifies (f, hs_certificate_get_payload (first));

  /* Issuing again, even after the school's settings changed, gives the
   * same certificate. */
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_PRINCIPAL_NAME, "Lê Văn Khác", &error));
  g_assert_no_error (error);
  again = issue (f, f->lan, f->course);
  g_assert_cmpstr (hs_certificate_get_payload (again), ==, hs_certificate_get_payload (first));
  g_assert_cmpint (count_rows (f), ==, 1);

  lower = g_ascii_strdown (hs_certificate_get_serial (first), -1);
  found = hs_certificate_find (f->progress, lower, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_certificate_get_payload (found), ==, hs_certificate_get_payload (first));
  looked_up = hs_certificate_lookup (f->progress, f->lan, COURSE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_certificate_get_serial (looked_up), ==, hs_certificate_get_serial (first));
  list = hs_certificate_list (f->progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_null (hs_certificate_find (f->progress, "HS-0000-0000", &error));
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (hs_certificate_lookup (f->progress, f->minh, COURSE_ID, &error));
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_FOUND);
}

static void
test_course_without_quiz (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(HsCertificate) certificate = NULL;

  complete (f, f->minh, f->plain, -1);
  certificate = issue (f, f->minh, f->plain);
  g_assert_cmpint (hs_certificate_get_score (certificate), ==, -1);
  g_assert_null (strstr (hs_certificate_get_payload (certificate), "Điểm:"));
  assert_verifies (f, hs_certificate_get_payload (certificate));
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCertificate) certificate = NULL;

  /* Not complete: one page of two, the quiz not passed. */
  g_assert_true (hs_progress_record (f->progress, f->lan, COURSE_ID, "l1", HS_VERB_COMPLETED, 1, NULL, &error));
  certificate = hs_certificate_issue (f->progress, f->school, f->keyring, f->lan, f->course, &error);
  g_assert_null (certificate);
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_COMPLETE);
  g_assert_nonnull (strstr (error->message, "1 of 3"));
  g_clear_error (&error);

  /* A course that gives none. */
  complete (f, f->lan, f->none, -1);
  certificate = hs_certificate_issue (f->progress, f->school, f->keyring, f->lan, f->none, &error);
  g_assert_null (certificate);
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_ENABLED);
  g_clear_error (&error);

  /* Complete, but the school has no name yet. */
  complete (f, f->lan, f->plain, -1);
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_NAME, NULL, &error));
  certificate = hs_certificate_issue (f->progress, f->school, f->keyring, f->lan, f->plain, &error);
  g_assert_null (certificate);
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INCOMPLETE);

  g_assert_cmpint (count_rows (f), ==, 0);
}

static void
test_tampering_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(HsCertificate) certificate = NULL;
  const char *payload;
  char *signature_line;
  g_autofree char *flipped = NULL;

  complete (f, f->lan, f->course, 0.9);
  certificate = issue (f, f->lan, f->course);
  payload = hs_certificate_get_payload (certificate);

  /* Each fact changed is caught. */
  assert_tampered (f, payload, "Nguyễn Thị Lan", "Nguyễn Thị Lam");
  assert_tampered (f, payload, "Nguyễn Thị Lan", "Nguyễn Thị Lân");
  assert_tampered (f, payload, "Khoá học: " COURSE_TITLE, "Khoá học: An toàn thông tin");
  assert_tampered (f, payload, COURSE_ID " 1.0.0", COURSE_ID " 2.0.0");
  assert_tampered (f, payload, "Điểm: 90%", "Điểm: 100%");
  assert_tampered (f, payload, "Điểm: 90%\n", "");
  assert_tampered (f, payload, "Trường: Trường Mầm non Tam Hưng A", "Trường: Trường Mầm non Tam Hưng B");
  assert_tampered (f, payload, "Cơ quan chủ quản: UBND xã Tam Hưng\n", "");
  assert_tampered (f, payload, "Người ký: Nguyễn Thị Hoa", "Người ký: Nguyễn Văn Hoà");
  assert_tampered (f, payload, "Chức vụ: Hiệu trưởng", "Chức vụ: Phó Hiệu trưởng");
  {
    g_autofree char *date = hs_certificate_format_date (certificate);
    g_autofree char *line = g_strdup_printf ("Ngày hoàn thành: %s", date);
    g_autofree char *other = g_strdup_printf ("Ngày hoàn thành: 01/01/%s", date + 6);

    assert_tampered (f, payload, line, other);
  }
  {
    g_autofree char *line = g_strdup_printf ("Số hiệu: %s", hs_certificate_get_serial (certificate));

    assert_tampered (f, payload, line, "Số hiệu: HS-0000-0000");
  }

  /* One byte of the signature. */
  flipped = g_strdup (payload);
  signature_line = strstr (flipped, "Chữ ký: ");
  signature_line[strlen ("Chữ ký: ") + 5] = signature_line[strlen ("Chữ ký: ") + 5] == 'A' ? 'B' : 'A';
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HsCertificate) parsed = hs_certificate_parse (flipped, &error);

    g_assert_no_error (error);
    g_assert_false (hs_certificate_verify (parsed, f->keyring, NULL, &error));
    g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_TAMPERED);
  }

  /* Signed with a key this PC does not know. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *key = hs_keyring_format_fingerprint (hs_keyring_get_fingerprint (f->keyring));
    g_autofree char *line = g_strdup_printf ("Mã khoá ký: %s", key);
    g_autoptr(GString) changed = g_string_new (payload);
    g_autoptr(HsCertificate) parsed = NULL;

    g_string_replace (changed, line, "Mã khoá ký: 0000 0000 0000 0000", 1);
    parsed = hs_certificate_parse (changed->str, &error);
    g_assert_no_error (error);
    g_assert_false (hs_certificate_verify (parsed, f->keyring, NULL, &error));
    g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_UNKNOWN_KEY);
  }

  /* Not readable as a certificate at all. */
  assert_malformed (payload, "Học Số – Giấy chứng nhận v1", "Giấy chứng nhận");
  assert_malformed (payload, "Họ và tên:", "Tên:");
  assert_malformed (payload, "Điểm: 90%", "Điểm: chín mươi");
  assert_malformed (payload, "Điểm: 90%", "Điểm: 101%");
  assert_malformed (payload, "Số hiệu: HS-", "Số hiệu: XX-");
  assert_malformed (payload, "Chữ ký: ", "Chữ ký: AAAA");
  assert_malformed (payload, "Chữ ký:", "Ghi chú: thêm\nChữ ký:");
  {
    g_autofree char *date = hs_certificate_format_date (certificate);

    assert_malformed (payload, date, "31/02/2025");
  }
}

static void
test_copied_payload_verifies (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(HsCertificate) certificate = NULL;
  g_autoptr(GString) windows = NULL;
  g_autofree char *nfd = NULL;

  complete (f, f->lan, f->course, 1.0);
  certificate = issue (f, f->lan, f->course);

  /* What copying does to text: CR LF, spaces at line ends, blank lines
   * around it, decomposed Vietnamese. */
  windows = g_string_new (hs_certificate_get_payload (certificate));
  g_string_replace (windows, "\n", " \r\n", 0);
  g_string_prepend (windows, "\r\n\n");
  g_string_append (windows, "\n\n");
  nfd = g_utf8_normalize (windows->str, -1, G_NORMALIZE_NFD);
  assert_verifies (f, nfd);
}

static void
test_other_installation (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->tmp, "other", NULL);
  g_autoptr(HsLibrary) library = hs_library_new (dir, &error);
  g_autoptr(HsKeyring) keyring = hs_keyring_new (library, &error);
  g_autoptr(HsCertificate) certificate = NULL;
  g_autoptr(HsCertificate) parsed = NULL;
  g_autoptr(HsTrustedKey) key = NULL;
  g_autofree char *exported = hs_keyring_export (f->keyring, "Trường Mầm non Tam Hưng A");
  g_autofree char *signer = NULL;

  g_assert_no_error (error);
  complete (f, f->lan, f->course, 0.9);
  certificate = issue (f, f->lan, f->course);
  parsed = hs_certificate_parse (hs_certificate_get_payload (certificate), &error);
  g_assert_no_error (error);

  g_assert_false (hs_certificate_verify (parsed, keyring, NULL, &error));
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);

  key = hs_keyring_import (keyring, exported, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hs_certificate_verify (parsed, keyring, &signer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (signer, ==, "Trường Mầm non Tam Hưng A");
}

static char *
pdf_text (const char *path,
          double     *width,
          double     *height,
          char      **title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  PopplerPage *page;
  char *text;

  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, width, height);
  text = poppler_page_get_text (page);
  *title = poppler_document_get_title (document);
  g_object_unref (page);
  g_object_unref (document);
  return text;
}

static void
test_pdf_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCertificate) certificate = NULL;
  g_autoptr(HsCertificate) read = NULL;
  g_autofree char *path = g_build_filename (f->tmp, "giay chung nhan.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *nfc = NULL;
  double width = 0, height = 0;

  complete (f, f->lan, f->course, 0.9);
  certificate = issue (f, f->lan, f->course);
  g_assert_true (hs_certificate_write_pdf (certificate, f->school, path, &error));
  g_assert_no_error (error);

  text = pdf_text (path, &width, &height, &title);
  /* A4 landscape. */
  g_assert_cmpfloat_with_epsilon (width, 841.89, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 595.28, 0.01);
  g_assert_cmpstr (title, ==, "Giấy chứng nhận – Nguyễn Thị Lan – " COURSE_TITLE);
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_assert_nonnull (strstr (nfc, "GIẤY CHỨNG NHẬN"));
  g_assert_nonnull (strstr (nfc, "Nguyễn Thị Lan"));
  g_assert_nonnull (strstr (nfc, "Đã hoàn thành khoá học"));
  g_assert_nonnull (strstr (nfc, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  g_assert_nonnull (strstr (nfc, "TRƯỜNG MẦM NON TAM HƯNG A"));
  g_assert_nonnull (strstr (nfc, hs_certificate_get_serial (certificate)));
  g_assert_nonnull (strstr (nfc, "90%"));

  read = hs_certificate_read_pdf (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_certificate_get_payload (read), ==, hs_certificate_get_payload (certificate));
  g_assert_true (hs_certificate_verify (read, f->keyring, NULL, &error));
  g_assert_no_error (error);
}

static void
test_pdf_with_changed_text (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCertificate) lan = NULL;
  g_autoptr(HsCertificate) minh = NULL;
  g_autoptr(HsCertificate) read = NULL;
  g_autofree char *path = g_build_filename (f->tmp, "sua.pdf", NULL);

  complete (f, f->lan, f->course, 0.9);
  complete (f, f->minh, f->course, 0.9);
  lan = issue (f, f->lan, f->course);
  minh = issue (f, f->minh, f->course);

  /* Minh's valid signed data under a page that shows Lan. */
  g_assert_true (_hs_certificate_write_pdf_with_payload (lan, f->school, hs_certificate_get_payload (minh),
                                                         path, &error));
  g_assert_no_error (error);
  read = hs_certificate_read_pdf (path, &error);
  g_assert_null (read);
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_TEXT_MISMATCH);
  g_assert_nonnull (strstr (error->message, "Trần Văn Minh"));
}

static void
test_not_a_certificate (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_build_filename (f->tmp, "rac.pdf", NULL);
  g_autofree char *blank = g_build_filename (f->tmp, "trang.pdf", NULL);
  g_autoptr(HsCertificate) read = NULL;
  cairo_surface_t *surface;

  g_file_set_contents (garbage, "không phải PDF", -1, &error);
  g_assert_no_error (error);
  read = hs_certificate_read_pdf (garbage, &error);
  g_assert_null (read);
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_A_CERTIFICATE);
  g_clear_error (&error);

  surface = cairo_pdf_surface_create (blank, 100, 100);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  read = hs_certificate_read_pdf (blank, &error);
  g_assert_null (read);
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_A_CERTIFICATE);
  g_clear_error (&error);

  read = hs_certificate_read_pdf ("/nonexistent/giay.pdf", &error);
  g_assert_null (read);
  g_assert_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_A_CERTIFICATE);
}

static void
test_pdf_keeps_old_file_on_failure (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCertificate) certificate = NULL;
  g_autofree char *folder = g_build_filename (f->tmp, "khong-co", "giay.pdf", NULL);

  complete (f, f->lan, f->plain, -1);
  certificate = issue (f, f->lan, f->plain);
  g_assert_false (hs_certificate_write_pdf (certificate, f->school, folder, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_issue_pending (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issued = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) none = NULL;

  complete (f, f->lan, f->course, 0.9);
  complete (f, f->minh, f->plain, -1);
  complete (f, f->minh, f->none, -1);
  g_assert_true (hs_progress_record (f->progress, f->lan, "vn.test.vneid", "l1", HS_VERB_COMPLETED, 1, NULL, &error));

  /* Nothing while the school is incomplete. */
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_PRINCIPAL_NAME, "", &error));
  none = hs_certificate_issue_pending (f->progress, f->school, f->keyring, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_PRINCIPAL_NAME, "Nguyễn Thị Hoa", &error));

  issued = hs_certificate_issue_pending (f->progress, f->school, f->keyring, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (issued->len, ==, 2);
  again = hs_certificate_issue_pending (f->progress, f->school, f->keyring, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpint (count_rows (f), ==, 2);
}

static void
test_records_never_change (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCertificate) certificate = NULL;

  complete (f, f->lan, f->plain, -1);
  certificate = issue (f, f->lan, f->plain);
  g_assert_false (hs_store_run (hs_library_get_store (f->library), &error,
                                "UPDATE certificates SET payload = 'x'", NULL));
  g_assert_error (error, HS_STORE_ERROR, HS_STORE_ERROR_CONSTRAINT);
}

static void
test_serial_format (void)
{
  g_assert_true (hs_certificate_serial_is_valid ("HS-7K3F-9QX2"));
  g_assert_false (hs_certificate_serial_is_valid ("HS-7K3F9QX2"));
  g_assert_false (hs_certificate_serial_is_valid ("HS-7K3F-9QXU"));
  g_assert_false (hs_certificate_serial_is_valid ("HS-7k3f-9qx2"));
  g_assert_false (hs_certificate_serial_is_valid ("HS-7K3F-9QX2-"));
  g_assert_false (hs_certificate_serial_is_valid (""));
  g_assert_false (hs_certificate_serial_is_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/hocso/certificate/issue-and-reissue", test_issue_and_reissue);
  ADD ("/hocso/certificate/course-without-quiz", test_course_without_quiz);
  ADD ("/hocso/certificate/refusals", test_refusals);
  ADD ("/hocso/certificate/tampering-refused", test_tampering_refused);
  ADD ("/hocso/certificate/copied-payload-verifies", test_copied_payload_verifies);
  ADD ("/hocso/certificate/other-installation", test_other_installation);
  ADD ("/hocso/certificate/pdf-round-trip", test_pdf_round_trip);
  ADD ("/hocso/certificate/pdf-with-changed-text", test_pdf_with_changed_text);
  ADD ("/hocso/certificate/not-a-certificate", test_not_a_certificate);
  ADD ("/hocso/certificate/pdf-keeps-old-file-on-failure", test_pdf_keeps_old_file_on_failure);
  ADD ("/hocso/certificate/issue-pending", test_issue_pending);
  ADD ("/hocso/certificate/records-never-change", test_records_never_change);
#undef ADD
  g_test_add_func ("/hocso/certificate/serial-format", test_serial_format);

  return g_test_run ();
}
