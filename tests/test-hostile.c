/* test-hostile.c — a corpus of hostile packages through the whole import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every package here is built in the test (tests/hs-test-archive.c) and goes
 * through hs_library_import() into a library that already holds a course and
 * a learner's progress.  Each must be refused with its own error code and a
 * message that names what is wrong, and afterwards the library (course files
 * and every database row), the data folder, a sentinel folder beside it and
 * the folder that holds both must be exactly as they were: nothing may be
 * written outside the staging folder, and the staging folder must be gone.
 *
 * test-package.c checks each refusal of hs-package on its own; this corpus
 * checks them end to end, in every archive format, together with what the
 * manifest, quiz, walkthrough and SCORM readers refuse.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "hs-library.h"
#include "hs-manifest.h"
#include "hs-progress.h"
#include "hs-quiz.h"
#include "hs-scorm.h"
#include "hs-walkthrough.h"
#include "hs-test-fixtures.h"

/* Tighter limits than the app's, so that bombs stay cheap to build. */
#define TEST_MAX_TOTAL   (8 * 1024 * 1024)
#define TEST_MAX_ENTRIES 100

#define COURSE_JSON \
  "{\"format\":1,\"id\":\"vn.test.ac\",\"version\":\"1.0\",\"title\":\"Ác\"," \
  "\"modules\":[{\"id\":\"m\",\"title\":\"M\",\"lessons\":[{\"id\":\"l\",\"kind\":\"page\"," \
  "\"title\":\"L\",\"src\":\"l.html\"}]}]}"

typedef struct {
  char       *tmp;        /* holds data/ and sentinel/, nothing else */
  char       *data_dir;
  char       *sentinel;
  char       *packages;   /* a separate folder for the hostile packages */
  HsLibrary  *library;
} Fixture;

typedef struct {
  const char *name;
  GQuark    (*domain) (void);
  int         code;
  const char *named;      /* what the message must contain */
  void      (*build) (const char *path);
} HostileCase;

/* Builders ---------------------------------------------------------------- */

static void
write_or_die (HsTestArchive *archive,
              const char    *path)
{
  g_autoptr(GError) error = NULL;

  hs_test_archive_write (archive, path, &error);
  g_assert_no_error (error);
}

static void
set_contents (const char *path,
              const char *data,
              gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* A valid course, and one more entry. */
static void
course_plus_file (const char   *path,
                  HsTestFormat  format,
                  const char   *name,
                  const char   *data,
                  gssize        len)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (format);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_file (archive, name, data, len);
  write_or_die (archive, path);
}

static void
course_plus_special (const char   *path,
                     HsTestFormat  format,
                     const char   *name,
                     unsigned int  type)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (format);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_special (archive, name, type);
  write_or_die (archive, path);
}

/* Bytes that do not compress. */
static char *
noise (gsize   size,
       guint32 seed)
{
  GRand *rand = g_rand_new_with_seed (seed);
  char *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (char) g_rand_int (rand);
  g_rand_free (rand);
  return data;
}

static void
build_text_file (const char *path)
{
  set_contents (path, "Khoá học này được gửi qua nhóm chat, nhưng đây chỉ là văn bản.\n", -1);
}

static void
build_zero_bytes (const char *path)
{
  set_contents (path, "", 0);
}

static void
build_empty_zip (const char *path)
{
  /* Only an end-of-central-directory record: a zip with no entry. */
  static const char eocd[22] = "PK\x05\x06";

  set_contents (path, eocd, sizeof eocd);
}

static void
build_empty_tar_gz (const char *path)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR_GZ);

  write_or_die (archive, path);
}

static void
build_truncated (const char   *path,
                 HsTestFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (format);
  g_autofree char *whole = g_strconcat (path, ".whole", NULL);
  g_autofree char *video = noise (256 * 1024, 11);
  GStatBuf st;

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_file (archive, "video.webm", video, 256 * 1024);
  write_or_die (archive, whole);
  g_assert_cmpint (g_stat (whole, &st), ==, 0);
  hs_test_truncate_copy (whole, path, st.st_size / 2, &error);
  g_assert_no_error (error);
  g_remove (whole);
}

static void
build_truncated_7z (const char *path)
{
  build_truncated (path, HS_TEST_FORMAT_7Z);
}

static void
build_truncated_tar_xz (const char *path)
{
  build_truncated (path, HS_TEST_FORMAT_TAR_XZ);
}

static void
build_zip_slip (const char *path)
{
  course_plus_file (path, HS_TEST_FORMAT_ZIP, "../../../sentinel/evil.html", "x", -1);
}

static void
build_tar_windows_slip (const char *path)
{
  /* Tar keeps '\' as it is; the importer must still read it as a folder
   * separator, as Windows tools mean it. */
  course_plus_file (path, HS_TEST_FORMAT_TAR, "..\\..\\..\\sentinel\\evil.html", "x", -1);
}

static void
build_zip_windows_slip (const char *path)
{
  course_plus_file (path, HS_TEST_FORMAT_ZIP, "bai\\..\\..\\..\\..\\sentinel\\evil.html", "x", -1);
}

static void
build_7z_slip (const char *path)
{
  course_plus_file (path, HS_TEST_FORMAT_7Z, "bai/../../../../sentinel/evil.html", "x", -1);
}

static void
build_tar_absolute (const char *path)
{
  course_plus_file (path, HS_TEST_FORMAT_TAR, "/tmp/hocso-hostile-evil.html", "x", -1);
}

static void
build_zip_drive_letter (const char *path)
{
  course_plus_file (path, HS_TEST_FORMAT_ZIP, "C:\\Windows\\evil.html", "x", -1);
}

static void
build_zip_symlink (const char *path)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_symlink (archive, "l.html", "/etc/passwd");
  write_or_die (archive, path);
}

static void
build_7z_symlink (const char *path)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_7Z);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_symlink (archive, "anh.svg", "../../../sentinel/keep.txt");
  write_or_die (archive, path);
}

static void
build_tar_symlink_write_through (const char *path)
{
  /* A link to the folder above, then a file "inside" the link. */
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR_GZ);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_symlink (archive, "thoat", "../../../sentinel");
  hs_test_archive_add_file (archive, "thoat/evil.html", "x", -1);
  write_or_die (archive, path);
}

static void
build_tar_hardlink (const char *path)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_hardlink (archive, "shadow.html", "/etc/shadow");
  write_or_die (archive, path);
}

static void
build_tar_char_device (const char *path)
{
  course_plus_special (path, HS_TEST_FORMAT_TAR, "null.html", AE_IFCHR);
}

static void
build_7z_block_device (const char *path)
{
  course_plus_special (path, HS_TEST_FORMAT_7Z, "sda.html", AE_IFBLK);
}

static void
build_tar_fifo (const char *path)
{
  course_plus_special (path, HS_TEST_FORMAT_TAR, "ong.html", AE_IFIFO);
}

static void
build_7z_socket (const char *path)
{
  course_plus_special (path, HS_TEST_FORMAT_7Z, "o-cam.html", AE_IFSOCK);
}

static void
build_zip_duplicate (const char *path)
{
  course_plus_file (path, HS_TEST_FORMAT_ZIP, "l.html", "<p>lần hai</p>", -1);
}

static void
build_tar_case_duplicate (const char *path)
{
  course_plus_file (path, HS_TEST_FORMAT_TAR, "L.HTML", "<p>chữ hoa</p>", -1);
}

static void
build_7z_nfd_duplicate (const char *path)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_7Z);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_file (archive, "B\xc3\xa0i.html", "NFC", -1);    /* "Bài" composed */
  hs_test_archive_add_file (archive, "Ba\xcc\x80i.html", "NFD", -1);   /* "Bài" decomposed */
  write_or_die (archive, path);
}

static void
build_zip_file_then_folder (const char *path)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_file (archive, "bai", "a file", -1);
  hs_test_archive_add_file (archive, "Bai/l2.html", "inside the file", -1);
  write_or_die (archive, path);
}

static void
build_tar_control_character (const char *path)
{
  /* An escape sequence that would clear a terminal showing the name. */
  course_plus_file (path, HS_TEST_FORMAT_TAR, "bai/\x1b[2Jxoa.html", "x", -1);
}

static void
build_zip_delete_character (const char *path)
{
  course_plus_file (path, HS_TEST_FORMAT_ZIP, "bai/a\x7f" "b.html", "x", -1);
}

static void
build_7z_c1_control (const char *path)
{
  /* U+009B, the one-character CSI. */
  course_plus_file (path, HS_TEST_FORMAT_7Z, "bai/a\xc2\x9b" "b.html", "x", -1);
}

static void
build_zip_nul_in_name (const char *path)
{
  /* libarchive would cut this name at the NUL; another unzip tool might
   * not.  The name in the archive is "bai.html\0../../../sentinel/evil". */
  static const char name[] = "bai.html\0../../../sentinel/evil";
  const HsTestRawEntry entries[] = {
    { "course.json", 11, COURSE_JSON, strlen (COURSE_JSON) },
    { "l.html", 6, "<p>xin chào</p>", strlen ("<p>xin chào</p>") },
    { name, sizeof name - 1, "x", 1 },
  };
  g_autoptr(GError) error = NULL;

  hs_test_write_raw_zip (path, entries, G_N_ELEMENTS (entries), FALSE, &error);
  g_assert_no_error (error);
}

static void
build_tar_bad_encoding (const char *path)
{
  course_plus_file (path, HS_TEST_FORMAT_TAR, "B\xe0i\xff.html", "x", -1);
}

static void
build_tar_long_name (const char *path)
{
  g_autofree char *part = g_strnfill (300, 'a');
  g_autofree char *name = g_strconcat ("bai/", part, ".html", NULL);

  course_plus_file (path, HS_TEST_FORMAT_TAR, name, "x", -1);
}

static void
build_zip_long_path (const char *path)
{
  g_autoptr(GString) deep = g_string_new (NULL);

  while (deep->len < 1100)
    g_string_append (deep, "thu-muc/");
  g_string_append (deep, "a.html");
  course_plus_file (path, HS_TEST_FORMAT_ZIP, deep->str, "x", -1);
}

static void
build_tar_too_large (const char *path)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR);
  g_autofree char *video = noise (TEST_MAX_TOTAL / 2 + 4096, 3);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_file (archive, "mot.webm", video, TEST_MAX_TOTAL / 2 + 4096);
  hs_test_archive_add_file (archive, "hai.webm", video, TEST_MAX_TOTAL / 2 + 4096);
  write_or_die (archive, path);
}

/* Sets a 4-byte little-endian field of every local header (at
 * local_offset) and central directory record (at central_offset) of a zip
 * whose name is @name. */
static void
patch_zip (const char *path,
           const char *name,
           gsize       local_offset,
           gsize       central_offset,
           guint32     mask,
           guint32     value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length, name_len = strlen (name);
  guint patched = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i + 46 + name_len <= length; i++)
    {
      gsize header = 0, field = 0;

      if (memcmp (data + i, "PK\x03\x04", 4) == 0 && memcmp (data + i + 30, name, name_len) == 0)
        header = 30, field = local_offset;
      else if (memcmp (data + i, "PK\x01\x02", 4) == 0 && memcmp (data + i + 46, name, name_len) == 0)
        header = 46, field = central_offset;
      if (header == 0)
        continue;

      {
        guint32 old, new;

        /* Records sit at any offset: copy, never cast. */
        memcpy (&old, data + i + field, 4);
        old = GUINT32_FROM_LE (old);
        new = GUINT32_TO_LE ((old & ~mask) | (value & mask));
        memcpy (data + i + field, &new, 4);
        patched++;
      }
    }
  g_assert_cmpuint (patched, ==, 2);
  set_contents (path, data, length);
}

static void
raw_course_zip (const char *path,
                const char *name,
                const char *data,
                gsize       len)
{
  const HsTestRawEntry entries[] = {
    { "course.json", 11, COURSE_JSON, strlen (COURSE_JSON) },
    { "l.html", 6, "<p>xin chào</p>", strlen ("<p>xin chào</p>") },
    { name, strlen (name), data, len },
  };
  g_autoptr(GError) error = NULL;

  hs_test_write_raw_zip (path, entries, G_N_ELEMENTS (entries), FALSE, &error);
  g_assert_no_error (error);
}

static void
build_zip_lying_size_large (const char *path)
{
  /* A stored entry of 16 bytes that says it unpacks to 3.75 GiB. */
  raw_course_zip (path, "video.webm", "0123456789abcdef", 16);
  /* uncompressed size: local header +22, central record +24 */
  patch_zip (path, "video.webm", 22, 24, 0xffffffff, 0xf0000000);
}

static void
build_zip_lying_size_small (const char *path)
{
  /* 64 KiB stored, but the headers say 100 bytes: whoever trusts the
   * header checks the wrong number. */
  g_autofree char *video = noise (64 * 1024, 5);

  raw_course_zip (path, "video.webm", video, 64 * 1024);
  patch_zip (path, "video.webm", 22, 24, 0xffffffff, 100);
}

static void
build_zip_too_many_entries (const char *path)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  for (guint i = 0; i < TEST_MAX_ENTRIES + 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("nhieu/%u.html", i);
      hs_test_archive_add_file (archive, name, "x", 1);
    }
  write_or_die (archive, path);
}

static void
build_bomb (const char   *path,
            HsTestFormat  format)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (format);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_zeros (archive, "bom.webm", 6 * 1024 * 1024);
  write_or_die (archive, path);
}

static void
build_zip_bomb (const char *path)
{
  build_bomb (path, HS_TEST_FORMAT_ZIP);
}

static void
build_7z_bomb (const char *path)
{
  build_bomb (path, HS_TEST_FORMAT_7Z);
}

static void
build_tar_xz_bomb (const char *path)
{
  build_bomb (path, HS_TEST_FORMAT_TAR_XZ);
}

static void
build_zip_encrypted (const char *path)
{
  raw_course_zip (path, "bi-mat.html", "\x13\x37garbled", 9);
  /* general-purpose flags: local header +6, central record +8 (16 bits,
   * set through the low half of a 32-bit field) */
  patch_zip (path, "bi-mat.html", 6, 8, 0x0001, 0x0001);
}

static void
build_zip_two_roots (const char *path)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

  hs_test_archive_add_file (archive, "mot/course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "hai/course.json", COURSE_JSON, -1);
  write_or_die (archive, path);
}

static void
build_nested_only (const char *path)
{
  /* The course is inside an archive inside the archive: never opened. */
  g_autofree char *inner_path = g_strconcat (path, ".inner", NULL);
  g_autofree char *inner = NULL;
  gsize inner_len;
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autoptr(GError) error = NULL;

  course_plus_file (inner_path, HS_TEST_FORMAT_ZIP, "../../../sentinel/evil.html", "x", -1);
  g_file_get_contents (inner_path, &inner, &inner_len, &error);
  g_assert_no_error (error);
  g_remove (inner_path);

  hs_test_archive_add_file (archive, "khoa-hoc.zip", inner, inner_len);
  write_or_die (archive, path);
}

static void
build_zero_byte_manifest (const char *path)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

  hs_test_archive_add_file (archive, "course.json", "", 0);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  write_or_die (archive, path);
}

/* JSON of @depth nested arrays around a course's fields, or a course with
 * a field of @padding bytes. */
static char *
deep_json (const char *prefix,
           guint       depth,
           const char *suffix)
{
  g_autoptr(GString) json = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append (json, suffix);
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static char *
huge_json (const char *prefix,
           gsize       padding,
           const char *suffix)
{
  g_autofree char *fill = noise (padding / 2, 9);
  g_autoptr(GString) json = g_string_new (prefix);

  /* Hex of random bytes: text that compresses only 2:1, so the ratio
   * check does not stop it first. */
  g_string_append (json, "\"");
  for (gsize i = 0; i < padding / 2; i++)
    g_string_append_printf (json, "%02x", (guchar) fill[i]);
  g_string_append (json, "\"");
  g_string_append (json, suffix);
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
build_manifest_deep (const char *path)
{
  g_autofree char *json = deep_json ("{\"format\":1,\"id\":\"vn.test.ac\",\"x\":", 100000, "}");
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

  hs_test_archive_add_file (archive, "course.json", json, -1);
  write_or_die (archive, path);
}

static void
build_manifest_huge (const char *path)
{
  g_autofree char *json = huge_json ("{\"format\":1,\"id\":\"vn.test.ac\",\"summary\":",
                                     HS_MANIFEST_MAX_SIZE + 1024, "}");
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_TAR_GZ);

  hs_test_archive_add_file (archive, "course.json", json, -1);
  write_or_die (archive, path);
}

static void
build_quiz_package (const char *path,
                    const char *quiz_json)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *built = hs_test_make_quiz_package (dir, "vn.test.quiz", quiz_json);

  g_assert_cmpint (g_rename (built, path), ==, 0);
}

static void
build_quiz_deep (const char *path)
{
  g_autofree char *json = deep_json ("{\"format\":1,\"questions\":", 5000, "}");

  build_quiz_package (path, json);
}

static void
build_quiz_huge (const char *path)
{
  g_autofree char *json = huge_json ("{\"format\":1,\"title\":", HS_QUIZ_MAX_SIZE + 1024, "}");

  build_quiz_package (path, json);
}

static void
build_walkthrough_package (const char *path,
                           const char *walkthrough_json)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *built = hs_test_make_walkthrough_package (dir, "vn.test.wt", walkthrough_json);

  g_assert_cmpint (g_rename (built, path), ==, 0);
}

static void
build_walkthrough_deep (const char *path)
{
  g_autofree char *json = deep_json ("{\"format\":1,\"screens\":", 5000, "}");

  build_walkthrough_package (path, json);
}

static void
build_walkthrough_huge (const char *path)
{
  g_autofree char *json = huge_json ("{\"format\":1,\"title\":", HS_WALKTHROUGH_MAX_SIZE + 1024, "}");

  build_walkthrough_package (path, json);
}

static void
scorm_package (const char *path,
               const char *manifest)
{
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);

  hs_test_archive_add_file (archive, "imsmanifest.xml", manifest, -1);
  hs_test_archive_add_file (archive, "index.html", "<p>SCO</p>", -1);
  write_or_die (archive, path);
}

#define SCORM_BODY \
  "<manifest identifier=\"ac\" version=\"1.0\" xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"" \
  " xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\">" \
  "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>" \
  "<organizations default=\"o\"><organization identifier=\"o\"><title>&x;</title>" \
  "<item identifier=\"i\" identifierref=\"r\"><title>Bài</title></item></organization></organizations>" \
  "<resources><resource identifier=\"r\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"index.html\">" \
  "<file href=\"index.html\"/></resource></resources></manifest>"

static void
build_scorm_xxe (const char *path)
{
  scorm_package (path,
                 "<?xml version=\"1.0\"?>"
                 "<!DOCTYPE manifest [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                 SCORM_BODY);
}

static void
build_scorm_billion_laughs (const char *path)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?><!DOCTYPE manifest [<!ENTITY l0 \"ha\">");

  for (guint i = 1; i <= 10; i++)
    g_string_append_printf (xml, "<!ENTITY l%u \"&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;\">",
                            i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  g_string_append (xml, "<!ENTITY x \"&l10;\">]>" SCORM_BODY);
  scorm_package (path, xml->str);
}

static void
build_scorm_parameter_entity (const char *path)
{
  /* The out-of-band XXE: a parameter entity that loads a remote DTD. */
  scorm_package (path,
                 "<?xml version=\"1.0\"?>"
                 "<!DOCTYPE manifest [<!ENTITY % dtd SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %dtd;]>"
                 SCORM_BODY);
}

static void
build_scorm_deep (const char *path)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?><manifest identifier=\"ac\">");

  for (guint i = 0; i < 200; i++)
    g_string_append (xml, "<metadata>");
  for (guint i = 0; i < 200; i++)
    g_string_append (xml, "</metadata>");
  g_string_append (xml, "</manifest>");
  scorm_package (path, xml->str);
}

static void
build_scorm_very_deep (const char *path)
{
  /* Deeper than libxml2 itself goes without XML_PARSE_HUGE. */
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?><manifest identifier=\"ac\">");

  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "<a>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "</a>");
  g_string_append (xml, "</manifest>");
  scorm_package (path, xml->str);
}

static const HostileCase cases[] = {
  { "text-file", hs_package_error_quark, HS_PACKAGE_ERROR_NOT_AN_ARCHIVE, "text-file", build_text_file },
  { "zero-bytes", hs_package_error_quark, HS_PACKAGE_ERROR_NOT_AN_ARCHIVE, "zero-bytes", build_zero_bytes },
  { "empty-zip", hs_package_error_quark, HS_PACKAGE_ERROR_EMPTY, "empty-zip", build_empty_zip },
  { "empty-tar-gz", hs_package_error_quark, HS_PACKAGE_ERROR_EMPTY, "empty-tar-gz", build_empty_tar_gz },
  { "truncated-7z", hs_package_error_quark, HS_PACKAGE_ERROR_CORRUPT, "truncated-7z", build_truncated_7z },
  { "truncated-tar-xz", hs_package_error_quark, HS_PACKAGE_ERROR_CORRUPT, "video.webm", build_truncated_tar_xz },
  { "zip-slip", hs_package_error_quark, HS_PACKAGE_ERROR_PATH_TRAVERSAL, "sentinel/evil.html", build_zip_slip },
  { "tar-windows-slip", hs_package_error_quark, HS_PACKAGE_ERROR_PATH_TRAVERSAL, "sentinel/evil.html", build_tar_windows_slip },
  { "zip-windows-slip", hs_package_error_quark, HS_PACKAGE_ERROR_PATH_TRAVERSAL, "sentinel/evil.html", build_zip_windows_slip },
  { "7z-slip", hs_package_error_quark, HS_PACKAGE_ERROR_PATH_TRAVERSAL, "sentinel/evil.html", build_7z_slip },
  { "tar-absolute", hs_package_error_quark, HS_PACKAGE_ERROR_ABSOLUTE_PATH, "/tmp/hocso-hostile-evil.html", build_tar_absolute },
  { "zip-drive-letter", hs_package_error_quark, HS_PACKAGE_ERROR_ABSOLUTE_PATH, "C:/Windows/evil.html", build_zip_drive_letter },
  { "zip-symlink", hs_package_error_quark, HS_PACKAGE_ERROR_SYMLINK, "l.html", build_zip_symlink },
  { "7z-symlink", hs_package_error_quark, HS_PACKAGE_ERROR_SYMLINK, "anh.svg", build_7z_symlink },
  { "tar-symlink-write-through", hs_package_error_quark, HS_PACKAGE_ERROR_SYMLINK, "thoat", build_tar_symlink_write_through },
  { "tar-hardlink", hs_package_error_quark, HS_PACKAGE_ERROR_HARDLINK, "shadow.html", build_tar_hardlink },
  { "tar-char-device", hs_package_error_quark, HS_PACKAGE_ERROR_DEVICE, "null.html", build_tar_char_device },
  { "7z-block-device", hs_package_error_quark, HS_PACKAGE_ERROR_DEVICE, "sda.html", build_7z_block_device },
  { "tar-fifo", hs_package_error_quark, HS_PACKAGE_ERROR_FIFO, "ong.html", build_tar_fifo },
  { "7z-socket", hs_package_error_quark, HS_PACKAGE_ERROR_SPECIAL_FILE, "o-cam.html", build_7z_socket },
  { "zip-duplicate", hs_package_error_quark, HS_PACKAGE_ERROR_DUPLICATE, "l.html", build_zip_duplicate },
  { "tar-case-duplicate", hs_package_error_quark, HS_PACKAGE_ERROR_DUPLICATE, "L.HTML", build_tar_case_duplicate },
  { "7z-nfd-duplicate", hs_package_error_quark, HS_PACKAGE_ERROR_DUPLICATE, "Bài.html", build_7z_nfd_duplicate },
  { "zip-file-then-folder", hs_package_error_quark, HS_PACKAGE_ERROR_DUPLICATE, "Bai/l2.html", build_zip_file_then_folder },
  { "tar-escape-sequence", hs_package_error_quark, HS_PACKAGE_ERROR_CONTROL_CHARACTER, "bai/\\x1b[2Jxoa.html", build_tar_control_character },
  { "zip-delete-character", hs_package_error_quark, HS_PACKAGE_ERROR_CONTROL_CHARACTER, "bai/a\\x7fb.html", build_zip_delete_character },
  { "7z-c1-control", hs_package_error_quark, HS_PACKAGE_ERROR_CONTROL_CHARACTER, "bai/a\\x9bb.html", build_7z_c1_control },
  { "zip-nul-in-name", hs_package_error_quark, HS_PACKAGE_ERROR_CONTROL_CHARACTER, "bai.html\\x00", build_zip_nul_in_name },
  { "tar-bad-encoding", hs_package_error_quark, HS_PACKAGE_ERROR_BAD_NAME_ENCODING, "B", build_tar_bad_encoding },
  { "tar-long-name", hs_package_error_quark, HS_PACKAGE_ERROR_PATH_TOO_LONG, "bai/aaaa", build_tar_long_name },
  { "zip-long-path", hs_package_error_quark, HS_PACKAGE_ERROR_PATH_TOO_LONG, "thu-muc/thu-muc/", build_zip_long_path },
  { "tar-too-large", hs_package_error_quark, HS_PACKAGE_ERROR_TOO_LARGE, "hai.webm", build_tar_too_large },
  { "zip-lying-size-large", hs_package_error_quark, HS_PACKAGE_ERROR_TOO_LARGE, "video.webm", build_zip_lying_size_large },
  { "zip-lying-size-small", hs_package_error_quark, HS_PACKAGE_ERROR_CORRUPT, "video.webm", build_zip_lying_size_small },
  { "zip-too-many-entries", hs_package_error_quark, HS_PACKAGE_ERROR_TOO_MANY_ENTRIES, "100", build_zip_too_many_entries },
  { "zip-bomb", hs_package_error_quark, HS_PACKAGE_ERROR_COMPRESSION_RATIO, "bom.webm", build_zip_bomb },
  { "7z-bomb", hs_package_error_quark, HS_PACKAGE_ERROR_COMPRESSION_RATIO, "bom.webm", build_7z_bomb },
  { "tar-xz-bomb", hs_package_error_quark, HS_PACKAGE_ERROR_COMPRESSION_RATIO, "bom.webm", build_tar_xz_bomb },
  { "zip-encrypted", hs_package_error_quark, HS_PACKAGE_ERROR_ENCRYPTED, "bi-mat.html", build_zip_encrypted },
  { "zip-two-roots", hs_package_error_quark, HS_PACKAGE_ERROR_NO_COURSE_ROOT, "course.json", build_zip_two_roots },
  { "nested-archive", hs_package_error_quark, HS_PACKAGE_ERROR_NO_COURSE_ROOT, "course.json", build_nested_only },
  { "zero-byte-manifest", hs_manifest_error_quark, HS_MANIFEST_ERROR_INVALID_JSON, "course.json", build_zero_byte_manifest },
  { "manifest-deep", hs_manifest_error_quark, HS_MANIFEST_ERROR_INVALID_JSON, "nested", build_manifest_deep },
  { "manifest-huge", hs_manifest_error_quark, HS_MANIFEST_ERROR_TOO_LARGE, "course.json", build_manifest_huge },
  { "quiz-deep", hs_quiz_error_quark, HS_QUIZ_ERROR_INVALID_JSON, "m1/quiz.json", build_quiz_deep },
  { "quiz-huge", hs_quiz_error_quark, HS_QUIZ_ERROR_TOO_LARGE, "m1/quiz.json", build_quiz_huge },
  { "walkthrough-deep", hs_walkthrough_error_quark, HS_WALKTHROUGH_ERROR_INVALID_JSON, "walkthrough.json", build_walkthrough_deep },
  { "walkthrough-huge", hs_walkthrough_error_quark, HS_WALKTHROUGH_ERROR_TOO_LARGE, "walkthrough.json", build_walkthrough_huge },
  { "scorm-xxe", hs_scorm_error_quark, HS_SCORM_ERROR_ENTITY, "“x”", build_scorm_xxe },
  { "scorm-billion-laughs", hs_scorm_error_quark, HS_SCORM_ERROR_ENTITY, "“l0”", build_scorm_billion_laughs },
  { "scorm-parameter-entity", hs_scorm_error_quark, HS_SCORM_ERROR_ENTITY, "dtd", build_scorm_parameter_entity },
  { "scorm-deep", hs_scorm_error_quark, HS_SCORM_ERROR_TOO_DEEP, "64", build_scorm_deep },
  { "scorm-very-deep", hs_scorm_error_quark, HS_SCORM_ERROR_INVALID_XML, "imsmanifest.xml", build_scorm_very_deep },
};

/* The harness ------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *good = NULL;
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(HsProgress) progress = NULL;
  g_autoptr(HsLearner) lan = NULL;
  HsPackageLimits limits;

  f->tmp = hs_test_make_tmp_dir ();
  f->packages = hs_test_make_tmp_dir ();
  f->data_dir = g_build_filename (f->tmp, "data", NULL);
  f->sentinel = g_build_filename (f->tmp, "sentinel", NULL);
  g_assert_cmpint (g_mkdir (f->sentinel, 0755), ==, 0);
  keep = g_build_filename (f->sentinel, "keep.txt", NULL);
  set_contents (keep, "Không ai được ghi vào đây.\n", -1);

  f->library = hs_library_new (f->data_dir, &error);
  g_assert_no_error (error);

  /* A library with something to lose. */
  good = hs_test_make_package (f->packages, "vn.test.tot", "1.0", 2, HS_TEST_FORMAT_ZIP, FALSE);
  course = hs_library_import (f->library, good, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  progress = hs_progress_new (f->library);
  lan = hs_progress_add_learner (progress, "Lan", HS_ROLE_TEACHER, &error);
  g_assert_no_error (error);
  hs_progress_record (progress, lan, "vn.test.tot", "l1", HS_VERB_COMPLETED, 1, NULL, &error);
  g_assert_no_error (error);

  hs_package_limits_init_default (&limits);
  limits.max_total_size = TEST_MAX_TOTAL;
  limits.max_entries = TEST_MAX_ENTRIES;
  hs_library_set_limits (f->library, &limits);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->library);
  hs_test_rm_rf (f->tmp);
  hs_test_rm_rf (f->packages);
  g_free (f->tmp);
  g_free (f->packages);
  g_free (f->data_dir);
  g_free (f->sentinel);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names directly in @dir, sorted; the SQLite files and the lock are
 * left out of contents but not of names. */
static char *
list_names (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Everything a refused import could have touched: the library (course
 * files, staging, every row), the database file itself, what else is in
 * the data folder, the sentinel beside it and the folder above both. */
static char *
snapshot_world (Fixture *f)
{
  g_autofree char *library = hs_test_snapshot_data_dir (f->data_dir);
  g_autofree char *data_names = list_names (f->data_dir);
  g_autofree char *parent_names = list_names (f->tmp);
  g_autofree char *sentinel = hs_test_snapshot_tree (f->sentinel);
  g_autofree char *db_path = g_build_filename (f->data_dir, "hocso.db", NULL);
  g_autofree char *db = NULL;
  g_autofree char *db_sum = NULL;
  gsize db_len = 0;

  g_assert_true (g_file_get_contents (db_path, &db, &db_len, NULL));
  db_sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) db, db_len);

  return g_strdup_printf ("%s\n[data folder]\n%s[hocso.db] %s\n[beside it]\n%s[sentinel]\n%s",
                          library, data_names, db_sum, parent_names, sentinel);
}

static void
assert_refused (Fixture           *f,
                const HostileCase *c,
                const char        *before)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->packages, c->name, NULL);
  g_autoptr(HsCourse) course = NULL;
  g_autofree char *after = NULL;

  c->build (path);
  course = hs_library_import (f->library, path, NULL, NULL, NULL, &error);
  if (course != NULL)
    g_error ("%s: the hostile package was installed", c->name);
  if (!g_error_matches (error, c->domain (), c->code))
    g_error ("%s: expected %s code %d, got %s code %d: %s", c->name,
             g_quark_to_string (c->domain ()), c->code,
             error ? g_quark_to_string (error->domain) : "-", error ? error->code : -1,
             error ? error->message : "success");
  if (strstr (error->message, c->named) == NULL)
    g_error ("%s: the message “%s” does not name “%s”", c->name, error->message, c->named);
  g_test_message ("%-26s → %s", c->name, error->message);

  after = snapshot_world (f);
  if (g_strcmp0 (before, after) != 0)
    g_error ("%s changed the library or what is around it:\n--- before\n%s\n--- after\n%s",
             c->name, before, after);
  g_assert_false (g_file_test ("/tmp/hocso-hostile-evil.html", G_FILE_TEST_EXISTS));
  g_remove (path);
}

static void
test_corpus (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *before = snapshot_world (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (f, &cases[i], before);
}

/* Codes every case expects, so that a new refusal in hs-package without a
 * corpus case fails here.  WRITE_FAILED is the disk's failure, not the
 * package's, and no package can cause it. */
static void
test_covers_every_refusal (void)
{
  for (int code = HS_PACKAGE_ERROR_NOT_AN_ARCHIVE; code <= HS_PACKAGE_ERROR_WRITE_FAILED; code++)
    {
      gboolean found = code == HS_PACKAGE_ERROR_WRITE_FAILED;

      for (guint i = 0; i < G_N_ELEMENTS (cases) && !found; i++)
        found = cases[i].domain == hs_package_error_quark && cases[i].code == code;
      if (!found)
        g_error ("no corpus case expects HsPackageError %d", code);
    }
  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 25);
}

/* What is not refused must still be harmless: an archive inside a course is
 * one more file, never opened, and a 0-byte file is a file. */
static void
test_nested_archive_stays_closed (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *inner_path = g_build_filename (f->packages, "inner.zip", NULL);
  g_autofree char *outer_path = g_build_filename (f->packages, "outer.zip", NULL);
  g_autofree char *inner = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *sentinel_before = hs_test_snapshot_tree (f->sentinel);
  g_autofree char *sentinel_after = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autoptr(HsCourse) course = NULL;
  gsize inner_len, stored_len;

  course_plus_file (inner_path, HS_TEST_FORMAT_ZIP, "../../../../sentinel/evil.html", "x", -1);
  g_file_get_contents (inner_path, &inner, &inner_len, &error);
  g_assert_no_error (error);

  hs_test_archive_add_file (archive, "course.json", COURSE_JSON, -1);
  hs_test_archive_add_file (archive, "l.html", "<p>xin chào</p>", -1);
  hs_test_archive_add_file (archive, "tai-lieu/goc.zip", inner, inner_len);
  hs_test_archive_add_file (archive, "trong.txt", "", 0);
  write_or_die (archive, outer_path);

  course = hs_library_import (f->library, outer_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  stored = g_build_filename (hs_course_get_path (course), "tai-lieu", "goc.zip", NULL);
  g_file_get_contents (stored, &contents, &stored_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, stored_len, inner, inner_len);
  empty = g_build_filename (hs_course_get_path (course), "trong.txt", NULL);
  g_assert_true (g_file_test (empty, G_FILE_TEST_IS_REGULAR));

  sentinel_after = hs_test_snapshot_tree (f->sentinel);
  g_assert_cmpstr (sentinel_before, ==, sentinel_after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hocso/hostile/covers-every-refusal", test_covers_every_refusal);
  g_test_add ("/hocso/hostile/corpus", Fixture, NULL, fixture_set_up, test_corpus, fixture_tear_down);
  g_test_add ("/hocso/hostile/nested-archive-stays-closed", Fixture, NULL,
              fixture_set_up, test_nested_archive_stays_closed, fixture_tear_down);

  return g_test_run ();
}
