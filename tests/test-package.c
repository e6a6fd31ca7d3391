/* test-package.c — hs-package: safe extraction and every refusal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "hs-package.h"
#include "hs-test-fixtures.h"

typedef struct {
  char *tmp;       /* holds the archive and the staging folder, nothing else */
  char *archive;
  char *staging;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmp = hs_test_make_tmp_dir ();
  f->archive = g_build_filename (f->tmp, "package", NULL);
  f->staging = g_build_filename (f->tmp, "staging", NULL);
  g_assert_cmpint (g_mkdir (f->staging, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  hs_test_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->archive);
  g_free (f->staging);
}

static void
write_archive (Fixture       *f,
               HsTestArchive *archive)
{
  g_autoptr(GError) error = NULL;

  hs_test_archive_write (archive, f->archive, &error);
  g_assert_no_error (error);
}

/* Nothing may appear beside the archive and the staging folder. */
static void
assert_nothing_outside_staging (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->tmp, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (name, "package") && !g_str_equal (name, "staging"))
      g_error ("“%s” was written outside the staging folder", name);
}

static void
assert_refused (Fixture        *f,
                HsPackageError  code,
                const char     *named)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;

  root = hs_package_extract (f->archive, f->staging, NULL, NULL, NULL, NULL, &error);
  g_assert_null (root);
  if (!g_error_matches (error, HS_PACKAGE_ERROR, code))
    g_error ("expected refusal %d, got %s", code, error ? error->message : "success");
  if (named != NULL && strstr (error->message, named) == NULL)
    g_error ("the message “%s” does not name “%s”", error->message, named);
  assert_nothing_outside_staging (f);

  /* Callers remove the staging folder after a refusal; so do we, so that a
   * test can try several archives. */
  hs_test_rm_rf (f->staging);
  g_assert_cmpint (g_mkdir (f->staging, 0755), ==, 0);
}

static void
add_course_json (HsTestArchive *archive,
                 const char    *prefix)
{
  g_autofree char *name = g_strconcat (prefix, "course.json", NULL);
  hs_test_archive_add_file (archive, name, "{}", -1);
}

static void
test_extracts_formats (Fixture       *f,
                       gconstpointer  data)
{
  const HsTestFormat formats[] = {
    HS_TEST_FORMAT_ZIP, HS_TEST_FORMAT_TAR, HS_TEST_FORMAT_TAR_GZ, HS_TEST_FORMAT_TAR_XZ, HS_TEST_FORMAT_7Z,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = hs_test_make_tmp_dir ();
      g_autofree char *staging = g_build_filename (dir, "staging", NULL);
      g_autofree char *package = hs_test_make_package (dir, "vn.test.a", "1.0", 3, formats[i], i % 2 == 1);
      g_autofree char *root = NULL;
      g_autofree char *lesson = NULL;
      g_autofree char *contents = NULL;

      g_assert_cmpint (g_mkdir (staging, 0755), ==, 0);
      root = hs_package_extract (package, staging, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      if (i % 2 == 1)
        {
          g_autofree char *top = g_build_filename (staging, "khoa-hoc", NULL);
          g_assert_cmpstr (root, ==, top);
        }
      else
        g_assert_cmpstr (root, ==, staging);

      lesson = g_build_filename (root, "bai", "l2.html", NULL);
      g_file_get_contents (lesson, &contents, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (contents, "Định danh điện tử"));
      hs_test_rm_rf (dir);
    }
}

typedef struct {
  guint64 last;
  guint64 total;
  guint   calls;
} ProgressLog;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  ProgressLog *log = user_data;

  g_assert_cmpuint (done, >=, log->last);
  g_assert_cmpuint (done, <=, total);
  log->last = done;
  log->total = total;
  log->calls++;
}

static void
test_reports_progress (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *package = hs_test_make_package (f->tmp, "vn.test.a", "1.0", 5, HS_TEST_FORMAT_ZIP, FALSE);
  g_autofree char *root = NULL;
  ProgressLog log = { 0 };
  GStatBuf st;

  root = hs_package_extract (package, f->staging, NULL, progress_cb, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpint (g_stat (package, &st), ==, 0);
  g_assert_cmpuint (log.calls, >=, 5);
  g_assert_cmpuint (log.total, ==, st.st_size);
  g_assert_cmpuint (log.last, >, 0);
}

static void
test_refuses_zip_slip (Fixture       *f,
                       gconstpointer  data)
{
  const char * const names[] = { "../evil.txt", "a/../../evil.txt", "a/b/../../../evil.txt" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

      add_course_json (archive, "");
      hs_test_archive_add_file (archive, names[i], "pwned", -1);
      write_archive (f, archive);
      assert_refused (f, HS_PACKAGE_ERROR_PATH_TRAVERSAL, names[i]);
    }
}

static void
test_refuses_backslash_traversal (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

  add_course_json (archive, "");
  hs_test_archive_add_file (archive, "..\\..\\evil.txt", "pwned", -1);
  write_archive (f, archive);
  assert_refused (f, HS_PACKAGE_ERROR_PATH_TRAVERSAL, "evil.txt");
}

static void
test_refuses_absolute_path (Fixture       *f,
                            gconstpointer  data)
{
  const char * const names[] = { "/tmp/hocso-evil.txt", "C:\\evil.txt", "//server/evil.txt" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR);

      add_course_json (archive, "");
      hs_test_archive_add_file (archive, names[i], "pwned", -1);
      write_archive (f, archive);
      assert_refused (f, HS_PACKAGE_ERROR_ABSOLUTE_PATH, "evil.txt");
    }
  g_assert_false (g_file_test ("/tmp/hocso-evil.txt", G_FILE_TEST_EXISTS));
}

static void
test_refuses_symlink (Fixture       *f,
                      gconstpointer  data)
{
  const HsTestFormat formats[] = { HS_TEST_FORMAT_ZIP, HS_TEST_FORMAT_TAR_GZ, HS_TEST_FORMAT_7Z };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(HsTestArchive) archive = hs_test_archive_new (formats[i]);

      add_course_json (archive, "");
      hs_test_archive_add_symlink (archive, "passwd.html", "/etc/passwd");
      write_archive (f, archive);
      assert_refused (f, HS_PACKAGE_ERROR_SYMLINK, "passwd.html");
    }
}

static void
test_refuses_symlink_then_write_through (Fixture       *f,
                                         gconstpointer  data)
{
  /* The classic two-step: a link to a folder outside, then a file "inside"
   * the link.  The link is refused before anything is written. */
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR);

  add_course_json (archive, "");
  hs_test_archive_add_symlink (archive, "out", "..");
  hs_test_archive_add_file (archive, "out/evil.txt", "pwned", -1);
  write_archive (f, archive);
  assert_refused (f, HS_PACKAGE_ERROR_SYMLINK, "out");
}

static void
test_refuses_hardlink (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR);

  add_course_json (archive, "");
  hs_test_archive_add_hardlink (archive, "shadow.html", "/etc/shadow");
  write_archive (f, archive);
  assert_refused (f, HS_PACKAGE_ERROR_HARDLINK, "shadow.html");
}

static void
test_refuses_devices_and_fifos (Fixture       *f,
                                gconstpointer  data)
{
  const struct {
    HsTestFormat   format;
    unsigned int   type;
    HsPackageError code;
  } cases[] = {
    { HS_TEST_FORMAT_TAR, AE_IFCHR, HS_PACKAGE_ERROR_DEVICE },
    { HS_TEST_FORMAT_TAR, AE_IFBLK, HS_PACKAGE_ERROR_DEVICE },
    { HS_TEST_FORMAT_TAR, AE_IFIFO, HS_PACKAGE_ERROR_FIFO },
    { HS_TEST_FORMAT_ZIP, AE_IFCHR, HS_PACKAGE_ERROR_DEVICE },
    { HS_TEST_FORMAT_7Z, AE_IFSOCK, HS_PACKAGE_ERROR_SPECIAL_FILE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HsTestArchive) archive = hs_test_archive_new (cases[i].format);

      add_course_json (archive, "");
      hs_test_archive_add_special (archive, "dev-node", cases[i].type);
      write_archive (f, archive);
      assert_refused (f, cases[i].code, "dev-node");
    }
}

static void
test_refuses_duplicates (Fixture       *f,
                         gconstpointer  data)
{
  const char * const pairs[][2] = {
    { "bai/l1.html", "bai/l1.html" },
    { "bai/L1.html", "bai/l1.html" },                 /* differ only by case */
    { "bai/B\xc3\xa0i.html", "bai/Ba\xcc\x80i.html" },  /* NFC vs NFD "Bài" */
    { "bai", "bai/l1.html" },                          /* a file, then a file inside it */
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

      add_course_json (archive, "");
      hs_test_archive_add_file (archive, pairs[i][0], "one", -1);
      hs_test_archive_add_file (archive, pairs[i][1], "two", -1);
      write_archive (f, archive);
      assert_refused (f, HS_PACKAGE_ERROR_DUPLICATE, NULL);
    }
}

static void
test_refuses_bomb_by_ratio (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  GStatBuf st;

  add_course_json (archive, "");
  hs_test_archive_add_zeros (archive, "video.webm", 64 * 1024 * 1024);
  write_archive (f, archive);
  g_assert_cmpint (g_stat (f->archive, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 1024 * 1024);
  assert_refused (f, HS_PACKAGE_ERROR_COMPRESSION_RATIO, "video.webm");
}

static void
test_accepts_compressible_text (Fixture       *f,
                                gconstpointer  data)
{
  /* Real lesson text compresses well, but far less than 200:1. */
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  GRand *rand = g_rand_new_with_seed (42);

  while (text->len < 3 * 1024 * 1024)
    g_string_append_printf (text, "Câu %u: định danh điện tử mức %u. ", g_rand_int (rand), g_rand_int_range (rand, 1, 3));
  g_rand_free (rand);

  add_course_json (archive, "");
  hs_test_archive_add_file (archive, "bai/dai.html", text->str, text->len);
  write_archive (f, archive);
  root = hs_package_extract (f->archive, f->staging, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_refuses_bomb_by_count (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  HsPackageLimits limits;

  hs_package_limits_init_default (&limits);
  limits.max_entries = 200;

  add_course_json (archive, "");
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("f/%u.txt", i);
      hs_test_archive_add_file (archive, name, "x", 1);
    }
  write_archive (f, archive);

  root = hs_package_extract (f->archive, f->staging, &limits, NULL, NULL, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_TOO_MANY_ENTRIES);
  g_assert_nonnull (strstr (error->message, "200"));
  assert_nothing_outside_staging (f);
}

static void
test_refuses_too_large (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR);
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *big = g_malloc (600 * 1024);
  HsPackageLimits limits;

  hs_package_limits_init_default (&limits);
  limits.max_total_size = 1024 * 1024;
  memset (big, 'a', 600 * 1024);

  add_course_json (archive, "");
  hs_test_archive_add_file (archive, "a.bin", big, 600 * 1024);
  hs_test_archive_add_file (archive, "b.bin", big, 600 * 1024);
  write_archive (f, archive);

  root = hs_package_extract (f->archive, f->staging, &limits, NULL, NULL, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "b.bin"));
}

static void
test_refuses_truncated (Fixture       *f,
                        gconstpointer  data)
{
  const HsTestFormat formats[] = { HS_TEST_FORMAT_TAR_GZ, HS_TEST_FORMAT_TAR_XZ, HS_TEST_FORMAT_ZIP };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = hs_test_make_tmp_dir ();
      g_autoptr(HsTestArchive) archive = hs_test_archive_new (formats[i]);
      g_autofree char *whole = g_build_filename (dir, "whole", NULL);
      g_autofree char *text = g_malloc (256 * 1024);
      g_autofree char *root = NULL;
      GRand *rand = g_rand_new_with_seed (7);
      GStatBuf st;

      /* Incompressible content, so that half the file is half the data. */
      for (guint j = 0; j < 256 * 1024; j++)
        text[j] = (char) g_rand_int (rand);
      g_rand_free (rand);

      add_course_json (archive, "");
      hs_test_archive_add_file (archive, "video.webm", text, 256 * 1024);
      hs_test_archive_write (archive, whole, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (whole, &st), ==, 0);
      hs_test_truncate_copy (whole, f->archive, st.st_size / 2, &error);
      g_assert_no_error (error);

      root = hs_package_extract (f->archive, f->staging, NULL, NULL, NULL, NULL, &error);
      g_assert_null (root);
      if (!g_error_matches (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_CORRUPT) &&
          !g_error_matches (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_NOT_AN_ARCHIVE))
        g_error ("truncated archive %u: unexpected %s", i, error ? error->message : "success");
      assert_nothing_outside_staging (f);
      hs_test_rm_rf (dir);
      hs_test_rm_rf (f->staging);
      g_assert_cmpint (g_mkdir (f->staging, 0755), ==, 0);
    }
}

static void
test_refuses_not_an_archive (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (f->archive, "Đây không phải là tệp nén.\n", -1, &error);
  g_assert_no_error (error);
  assert_refused (f, HS_PACKAGE_ERROR_NOT_AN_ARCHIVE, "package");

  g_file_set_contents (f->archive, "", 0, &error);
  g_assert_no_error (error);
  {
    g_autofree char *root = hs_package_extract (f->archive, f->staging, NULL, NULL, NULL, NULL, &error);
    g_assert_null (root);
    g_assert_true (g_error_matches (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_NOT_AN_ARCHIVE) ||
                   g_error_matches (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_EMPTY));
  }
}

static void
test_refuses_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR_GZ);

  write_archive (f, archive);
  assert_refused (f, HS_PACKAGE_ERROR_EMPTY, NULL);
}

static void
test_refuses_control_characters (Fixture       *f,
                                 gconstpointer  data)
{
  const char * const names[] = { "bai/a\x01" "b.html", "bai/a\nb.html", "bai/a\xc2\x85" "b.html" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR);

      add_course_json (archive, "");
      hs_test_archive_add_file (archive, names[i], "x", 1);
      write_archive (f, archive);
      assert_refused (f, HS_PACKAGE_ERROR_CONTROL_CHARACTER, "bai/a\\x");
    }
}

static void
test_refuses_long_paths (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *long_part = g_strnfill (300, 'a');
  g_autofree char *long_name = g_strconcat ("bai/", long_part, ".html", NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR);
  g_autoptr(HsTestArchive) archive2 = hs_test_archive_new (HS_TEST_FORMAT_TAR);

  add_course_json (archive, "");
  hs_test_archive_add_file (archive, long_name, "x", 1);
  write_archive (f, archive);
  assert_refused (f, HS_PACKAGE_ERROR_PATH_TOO_LONG, "bai/aaaa");

  while (deep->len < 1100)
    g_string_append (deep, "thu-muc/");
  g_string_append (deep, "a.html");
  add_course_json (archive2, "");
  hs_test_archive_add_file (archive2, deep->str, "x", 1);
  hs_test_rm_rf (f->staging);
  g_assert_cmpint (g_mkdir (f->staging, 0755), ==, 0);
  write_archive (f, archive2);
  assert_refused (f, HS_PACKAGE_ERROR_PATH_TOO_LONG, "thu-muc/");
}

static void
test_decodes_legacy_names (Fixture       *f,
                           gconstpointer  data)
{
  /* "Bài 1.html" as Vietnamese Windows writes it (CP1258, no UTF-8 flag),
   * and "Übung.html" in CP437, which CP1258 cannot decode (0x81 is unused). */
  const HsTestRawEntry entries[] = {
    { "course.json", 11, "{}", 2 },
    { "B\xe0i 1.html", 10, "x", 1 },
    { "\x9a" "bung\x81.html", 11, "y", 1 },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *vi = g_build_filename (f->staging, "Bài 1.html", NULL);
  g_autofree char *de = g_build_filename (f->staging, "Übungü.html", NULL);

  hs_test_write_raw_zip (f->archive, entries, G_N_ELEMENTS (entries), FALSE, &error);
  g_assert_no_error (error);
  root = hs_package_extract (f->archive, f->staging, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (vi, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (de, G_FILE_TEST_IS_REGULAR));
}

static void
test_decodes_utf8_names (Fixture       *f,
                         gconstpointer  data)
{
  const HsTestRawEntry entries[] = {
    { "course.json", 11, "{}", 2 },
    { "bài-học/Định danh.html", strlen ("bài-học/Định danh.html"), "x", 1 },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *path = g_build_filename (f->staging, "bài-học", "Định danh.html", NULL);

  hs_test_write_raw_zip (f->archive, entries, G_N_ELEMENTS (entries), TRUE, &error);
  g_assert_no_error (error);
  root = hs_package_extract (f->archive, f->staging, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_refuses_undecodable_name (Fixture       *f,
                               gconstpointer  data)
{
  /* Tar names must be UTF-8; legacy code pages are a zip habit only. */
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR);

  add_course_json (archive, "");
  hs_test_archive_add_file (archive, "B\xe0i\xff.html", "x", 1);
  write_archive (f, archive);
  assert_refused (f, HS_PACKAGE_ERROR_BAD_NAME_ENCODING, "B");
}

static void
test_refuses_nul_in_zip_name (Fixture       *f,
                              gconstpointer  data)
{
  /* libarchive cuts the name at the NUL and would read "l.html"; the
   * zip's own list of files shows the whole name. */
  static const char name[] = "l.html\0../../evil.exe";
  const HsTestRawEntry entries[] = {
    { "course.json", 11, "{}", 2 },
    { name, sizeof name - 1, "x", 1 },
  };
  g_autoptr(GError) error = NULL;

  hs_test_write_raw_zip (f->archive, entries, G_N_ELEMENTS (entries), FALSE, &error);
  g_assert_no_error (error);
  assert_refused (f, HS_PACKAGE_ERROR_CONTROL_CHARACTER, "l.html\\x00../../evil.exe");
}

static void
test_refuses_zip_without_directory (Fixture       *f,
                                    gconstpointer  data)
{
  /* The entries are whole but the list of files at the end is cut off:
   * libarchive would read such a zip as a stream, trusting only the
   * local headers. */
  const HsTestRawEntry entries[] = {
    { "course.json", 11, "{}", 2 },
    { "l.html", 6, "<p>xin chào</p>", strlen ("<p>xin chào</p>") },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = g_build_filename (f->tmp, "whole.zip", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  const char *directory;

  hs_test_write_raw_zip (whole, entries, G_N_ELEMENTS (entries), FALSE, &error);
  g_assert_no_error (error);
  g_file_get_contents (whole, &contents, &length, &error);
  g_assert_no_error (error);
  directory = NULL;
  for (gsize i = 0; i + 4 <= length && directory == NULL; i++)
    if (memcmp (contents + i, "PK\x01\x02", 4) == 0)
      directory = contents + i;
  g_assert_nonnull (directory);
  g_file_set_contents (f->archive, contents, directory - contents, &error);
  g_assert_no_error (error);
  g_remove (whole);
  assert_refused (f, HS_PACKAGE_ERROR_CORRUPT, "package");
}

static void
test_refuses_missing_root (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

  hs_test_archive_add_file (archive, "mot/course.json", "{}", -1);
  hs_test_archive_add_file (archive, "hai/course.json", "{}", -1);
  write_archive (f, archive);
  assert_refused (f, HS_PACKAGE_ERROR_NO_COURSE_ROOT, NULL);
}

static void
test_skips_litter (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *top = g_build_filename (f->staging, "khoa-hoc", NULL);
  g_autofree char *macosx = g_build_filename (f->staging, "__MACOSX", NULL);

  add_course_json (archive, "khoa-hoc/");
  hs_test_archive_add_file (archive, "__MACOSX/khoa-hoc/._course.json", "junk", -1);
  hs_test_archive_add_file (archive, "khoa-hoc/.DS_Store", "junk", -1);
  write_archive (f, archive);

  root = hs_package_extract (f->archive, f->staging, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, top);
  g_assert_false (g_file_test (macosx, G_FILE_TEST_EXISTS));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *package = hs_test_make_package (f->tmp, "vn.test.a", "1.0", 3, HS_TEST_FORMAT_ZIP, FALSE);
  g_autofree char *root = NULL;

  g_cancellable_cancel (cancellable);
  root = hs_package_extract (package, f->staging, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/hocso/package/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("extracts-every-format", test_extracts_formats);
  ADD ("reports-progress", test_reports_progress);
  ADD ("refuses-zip-slip", test_refuses_zip_slip);
  ADD ("refuses-backslash-traversal", test_refuses_backslash_traversal);
  ADD ("refuses-absolute-path", test_refuses_absolute_path);
  ADD ("refuses-symlink", test_refuses_symlink);
  ADD ("refuses-symlink-write-through", test_refuses_symlink_then_write_through);
  ADD ("refuses-hardlink", test_refuses_hardlink);
  ADD ("refuses-devices-and-fifos", test_refuses_devices_and_fifos);
  ADD ("refuses-duplicates", test_refuses_duplicates);
  ADD ("refuses-bomb-by-ratio", test_refuses_bomb_by_ratio);
  ADD ("accepts-compressible-text", test_accepts_compressible_text);
  ADD ("refuses-bomb-by-count", test_refuses_bomb_by_count);
  ADD ("refuses-too-large", test_refuses_too_large);
  ADD ("refuses-truncated", test_refuses_truncated);
  ADD ("refuses-not-an-archive", test_refuses_not_an_archive);
  ADD ("refuses-empty", test_refuses_empty);
  ADD ("refuses-control-characters", test_refuses_control_characters);
  ADD ("refuses-long-paths", test_refuses_long_paths);
  ADD ("decodes-legacy-names", test_decodes_legacy_names);
  ADD ("decodes-utf8-names", test_decodes_utf8_names);
  ADD ("refuses-undecodable-name", test_refuses_undecodable_name);
  ADD ("refuses-nul-in-zip-name", test_refuses_nul_in_zip_name);
  ADD ("refuses-zip-without-directory", test_refuses_zip_without_directory);
  ADD ("refuses-missing-root", test_refuses_missing_root);
  ADD ("skips-litter", test_skips_litter);
  ADD ("cancel", test_cancel);

  return g_test_run ();
}
