/* test-school.c — hs-school: settings behind the admin PIN, images, targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "hs-school.h"
#include "hs-test-fixtures.h"

typedef struct {
  char      *tmp;
  char      *data_dir;
  HsLibrary *library;
  HsSchool  *school;
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
  f->school = hs_school_new (f->library);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->school);
  g_assert_finalize_object (f->library);
  hs_test_rm_rf (f->tmp);
  g_free (f->data_dir);
  g_free (f->tmp);
}

static void
unlock (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_school_set_admin_pin (f->school, "246810", &error));
  g_assert_no_error (error);
}

static char *
setting (Fixture    *f,
         const char *key)
{
  HsStore *store = hs_library_get_store (f->library);
  sqlite3_stmt *stmt = hs_store_query (store, NULL, "SELECT value FROM settings WHERE key = ?", "s", key);
  char *value = NULL;

  g_assert_nonnull (stmt);
  if (hs_store_step (store, stmt, NULL) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static void
test_admin_pin_first_use (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsSchool) later = NULL;
  g_autofree char *hash = NULL;

  g_assert_false (hs_school_has_admin_pin (f->school));
  g_assert_false (hs_school_get_unlocked (f->school));

  /* Nothing changes before a PIN exists. */
  g_assert_false (hs_school_set_text (f->school, HS_SCHOOL_NAME, "Trường A", &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_NO_PIN);
  g_clear_error (&error);
  g_assert_false (hs_school_unlock (f->school, "246810", &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_NO_PIN);
  g_clear_error (&error);

  /* 6 to 12 digits. */
  for (guint i = 0; i < 5; i++)
    {
      const char *bad[] = { "12345", "1234567890123", "12345a", "", "１２３４５６" };

      g_assert_false (hs_school_set_admin_pin (f->school, bad[i], &error));
      g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_PIN);
      g_clear_error (&error);
    }
  g_assert_false (hs_school_has_admin_pin (f->school));

  g_assert_true (hs_school_set_admin_pin (f->school, "246810", &error));
  g_assert_no_error (error);
  g_assert_true (hs_school_get_unlocked (f->school));
  hash = setting (f, "admin-pin-hash");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "246810"));

  /* Another object on the same data — the next run of the app — starts
   * locked, and setting a new PIN needs the old one. */
  later = hs_school_new (f->library);
  g_assert_true (hs_school_has_admin_pin (later));
  g_assert_false (hs_school_get_unlocked (later));
  g_assert_false (hs_school_set_text (later, HS_SCHOOL_NAME, "Trường A", &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (hs_school_set_admin_pin (later, "135790", &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (hs_school_unlock (later, "246811", &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_false (hs_school_get_unlocked (later));

  g_assert_true (hs_school_unlock (later, "246810", &error));
  g_assert_no_error (error);
  g_assert_true (hs_school_set_admin_pin (later, "135790", &error));
  g_assert_no_error (error);
  hs_school_lock (later);
  g_assert_false (hs_school_get_unlocked (later));
  g_assert_false (hs_school_unlock (later, "246810", &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_true (hs_school_unlock (later, "135790", &error));
  g_assert_no_error (error);
}

static void
test_texts (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *nfd = g_utf8_normalize ("  Trường Mầm non Tam Hưng A \n", -1, G_NORMALIZE_NFD);
  g_autofree char *too_long = g_strnfill (HS_SCHOOL_MAX_TEXT_CHARS + 1, 'a');

  unlock (f);
  title = hs_school_get_text (f->school, HS_SCHOOL_PRINCIPAL_TITLE);
  g_assert_cmpstr (title, ==, "Hiệu trưởng");

  g_assert_false (hs_school_check_complete (f->school, &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "school’s name"));
  g_clear_error (&error);

  /* Trimmed and stored in NFC. */
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_NAME, nfd, &error));
  g_assert_no_error (error);
  name = hs_school_get_text (f->school, HS_SCHOOL_NAME);
  g_assert_cmpstr (name, ==, "Trường Mầm non Tam Hưng A");

  g_assert_false (hs_school_check_complete (f->school, &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "principal’s name"));
  g_clear_error (&error);
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_PRINCIPAL_NAME, "Nguyễn Thị Hoa", &error));
  g_assert_no_error (error);
  g_assert_true (hs_school_check_complete (f->school, &error));
  g_assert_no_error (error);

  g_assert_false (hs_school_set_text (f->school, HS_SCHOOL_UNIT, too_long, &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "“unit”"));
  g_clear_error (&error);
  g_assert_false (hs_school_set_text (f->school, HS_SCHOOL_UNIT, "UBND xã\nTam Hưng", &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* A title set, then cleared: back to the default. */
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_PRINCIPAL_TITLE, "Phó Hiệu trưởng", &error));
  g_assert_no_error (error);
  g_clear_pointer (&title, g_free);
  title = hs_school_get_text (f->school, HS_SCHOOL_PRINCIPAL_TITLE);
  g_assert_cmpstr (title, ==, "Phó Hiệu trưởng");
  g_assert_true (hs_school_set_text (f->school, HS_SCHOOL_PRINCIPAL_TITLE, "   ", &error));
  g_assert_no_error (error);
  g_clear_pointer (&title, g_free);
  title = hs_school_get_text (f->school, HS_SCHOOL_PRINCIPAL_TITLE);
  g_assert_cmpstr (title, ==, "Hiệu trưởng");
}

static void
test_targets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) targets = hs_school_list_targets (f->school);
  int from = 0;

  /* The plan's targets until someone changes them. */
  g_assert_cmpuint (targets->len, ==, 2);
  g_assert_cmpint (hs_school_get_target (f->school, 2024, &from), ==, -1);
  g_assert_cmpint (hs_school_get_target (f->school, 2025, &from), ==, 95);
  g_assert_cmpint (from, ==, 2025);
  g_assert_cmpint (hs_school_get_target (f->school, 2026, &from), ==, 100);
  g_assert_cmpint (from, ==, 2026);
  g_assert_cmpint (hs_school_get_target (f->school, 2030, &from), ==, 100);
  g_assert_cmpint (from, ==, 2026);

  g_assert_false (hs_school_set_target (f->school, 2027, 90, &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_NO_PIN);
  g_clear_error (&error);

  unlock (f);
  g_assert_true (hs_school_set_target (f->school, 2027, 90, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hs_school_get_target (f->school, 2027, NULL), ==, 90);
  g_assert_cmpint (hs_school_get_target (f->school, 2028, NULL), ==, 90);
  g_assert_cmpint (hs_school_get_target (f->school, 2026, NULL), ==, 100);

  /* Removing 2026's target leaves 2025's in force for it. */
  g_assert_true (hs_school_set_target (f->school, 2026, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hs_school_get_target (f->school, 2026, &from), ==, 95);
  g_assert_cmpint (from, ==, 2025);

  g_assert_false (hs_school_set_target (f->school, 1999, 50, &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (hs_school_set_target (f->school, 2025, 101, &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (hs_school_get_target (f->school, 2025, NULL), ==, 95);
}

static void
test_level_courses (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) none = hs_school_get_level_courses (f->school);
  g_auto(GStrv) chosen = NULL;
  g_auto(GStrv) back = NULL;
  const char *ids[] = { "vn.hocso.vneid", "vn.hocso.an-toan-mang", "vn.hocso.vneid", NULL };
  const char *empty[] = { NULL };
  const char *bad[] = { "vn.hocso.vneid", "không hợp lệ", NULL };

  g_assert_null (none);
  unlock (f);
  g_assert_true (hs_school_set_level_courses (f->school, ids, &error));
  g_assert_no_error (error);
  chosen = hs_school_get_level_courses (f->school);
  g_assert_cmpuint (g_strv_length (chosen), ==, 2);
  g_assert_cmpstr (chosen[0], ==, "vn.hocso.vneid");
  g_assert_cmpstr (chosen[1], ==, "vn.hocso.an-toan-mang");

  g_assert_false (hs_school_set_level_courses (f->school, empty, &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (hs_school_set_level_courses (f->school, bad, &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "không hợp lệ"));
  g_clear_error (&error);

  g_assert_true (hs_school_set_level_courses (f->school, NULL, &error));
  g_assert_no_error (error);
  back = hs_school_get_level_courses (f->school);
  g_assert_null (back);
}

static char *
write_png (const char *dir,
           const char *name,
           int         width,
           int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  char *path = g_build_filename (dir, name, NULL);

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

/* How many pixels of a white image are no longer white. */
static guint
painted_pixels (HsSchool      *school,
                HsSchoolImage  image)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 50);
  cairo_t *cr = cairo_create (surface);
  guint painted = 0;
  guint8 *pixels;
  int stride;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  hs_school_paint_image (school, image, cr, 0, 0, 100, 50);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 50; y++)
    for (int x = 0; x < 100; x++)
      if ((*(guint32 *) (pixels + y * stride + x * 4) & 0xffffff) != 0xffffff)
        painted++;
  cairo_surface_destroy (surface);
  return painted;
}

static void
test_images (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = write_png (f->tmp, "logo.png", 40, 40);
  g_autofree char *huge = write_png (f->tmp, "huge.png", 4100, 10);
  g_autofree char *svg = g_build_filename (f->tmp, "chu-ky.svg", NULL);
  g_autofree char *garbage = g_build_filename (f->tmp, "khong-phai-anh.png", NULL);
  g_autofree char *big = g_build_filename (f->tmp, "lon.svg", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *stored_svg = NULL;
  g_autofree char *padding = g_strnfill (HS_SCHOOL_MAX_IMAGE_BYTES, ' ');
  g_autofree char *big_svg = g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">%s</svg>", padding);

  g_file_set_contents (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 100\">"
                            "<path d=\"M10 80 C 40 10, 65 10, 95 80 S 150 150, 180 80\" stroke=\"#123\" stroke-width=\"8\" fill=\"none\"/>"
                            "</svg>", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (garbage, "\x89PNG\r\n\x1a\nnot really", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (big, big_svg, -1, &error);
  g_assert_no_error (error);

  g_assert_false (hs_school_set_image (f->school, HS_SCHOOL_IMAGE_LOGO, png, &error));
  g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_NO_PIN);
  g_clear_error (&error);
  unlock (f);

  g_assert_null (hs_school_get_image_path (f->school, HS_SCHOOL_IMAGE_LOGO));
  g_assert_cmpuint (painted_pixels (f->school, HS_SCHOOL_IMAGE_LOGO), ==, 0);
  g_assert_true (hs_school_set_image (f->school, HS_SCHOOL_IMAGE_LOGO, png, &error));
  g_assert_no_error (error);
  stored = hs_school_get_image_path (f->school, HS_SCHOOL_IMAGE_LOGO);
  g_assert_true (g_str_has_prefix (stored, f->data_dir));
  g_assert_true (g_str_has_suffix (stored, "school/logo.png"));
  /* A copy: the original may go. */
  g_assert_cmpint (g_unlink (png), ==, 0);
  /* Square in a 100 × 50 box: a 50 × 50 square, centred. */
  g_assert_cmpuint (painted_pixels (f->school, HS_SCHOOL_IMAGE_LOGO), ==, 50 * 50);

  /* An SVG replaces it, and the PNG copy goes. */
  g_assert_true (hs_school_set_image (f->school, HS_SCHOOL_IMAGE_LOGO, svg, &error));
  g_assert_no_error (error);
  stored_svg = hs_school_get_image_path (f->school, HS_SCHOOL_IMAGE_LOGO);
  g_assert_true (g_str_has_suffix (stored_svg, "school/logo.svg"));
  g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (painted_pixels (f->school, HS_SCHOOL_IMAGE_LOGO), >, 50);

  /* Refused, each leaving the logo as it was. */
  {
    const char *refused[] = { huge, garbage, big, "/nonexistent/anh.png", f->tmp };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autofree char *still = NULL;

        g_assert_false (hs_school_set_image (f->school, HS_SCHOOL_IMAGE_LOGO, refused[i], &error));
        g_assert_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_IMAGE);
        g_assert_nonnull (strstr (error->message, refused[i]));
        g_clear_error (&error);
        still = hs_school_get_image_path (f->school, HS_SCHOOL_IMAGE_LOGO);
        g_assert_cmpstr (still, ==, stored_svg);
      }
  }

  g_assert_null (hs_school_get_image_path (f->school, HS_SCHOOL_IMAGE_SIGNATURE));
  g_assert_true (hs_school_set_image (f->school, HS_SCHOOL_IMAGE_LOGO, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (hs_school_get_image_path (f->school, HS_SCHOOL_IMAGE_LOGO));
  g_assert_false (g_file_test (stored_svg, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hocso/school/admin-pin-first-use", Fixture, NULL, fixture_set_up, test_admin_pin_first_use, fixture_tear_down);
  g_test_add ("/hocso/school/texts", Fixture, NULL, fixture_set_up, test_texts, fixture_tear_down);
  g_test_add ("/hocso/school/targets", Fixture, NULL, fixture_set_up, test_targets, fixture_tear_down);
  g_test_add ("/hocso/school/level-courses", Fixture, NULL, fixture_set_up, test_level_courses, fixture_tear_down);
  g_test_add ("/hocso/school/images", Fixture, NULL, fixture_set_up, test_images, fixture_tear_down);

  return g_test_run ();
}
