/* test-manifest.c — hs-manifest: course.json format 1, one test per rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hs-manifest.h"
#include "hs-scorm.h"
#include "hs-walkthrough.h"
#include "hs-test-fixtures.h"

static char *course_dir;
static char *good_json;

/* Returns good_json with the member at @path (e.g. "modules[0].lessons[1].src")
 * replaced by the JSON text @value, or removed when @value is NULL. */
static char *
mutate (const char *path,
        const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node;
  guint n = g_strv_length (parts);

  json_parser_load_from_data (parser, good_json, -1, &error);
  g_assert_no_error (error);
  node = json_parser_get_root (parser);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup (parts[i]);
      char *bracket = strchr (name, '[');
      int index = -1;
      JsonObject *object = json_node_get_object (node);

      if (bracket != NULL)
        {
          index = atoi (bracket + 1);
          *bracket = '\0';
        }

      if (i == n - 1 && index < 0)
        {
          if (value == NULL)
            json_object_remove_member (object, name);
          else
            json_object_set_member (object, name, json_from_string (value, NULL));
          break;
        }

      node = json_object_get_member (object, name);
      if (index >= 0)
        {
          JsonArray *array = json_node_get_array (node);

          if (i == n - 1)
            {
              g_assert_nonnull (value);
              json_array_remove_element (array, index);
              json_array_add_element (array, json_from_string (value, NULL));
              break;
            }
          node = json_array_get_element (array, index);
        }
    }

  return json_to_string (json_parser_get_root (parser), TRUE);
}

static void
assert_manifest_error (const char      *json,
                       HsManifestError  code,
                       const char      *named)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = hs_manifest_parse (json, -1, course_dir, &error);

  g_assert_null (course);
  if (!g_error_matches (error, HS_MANIFEST_ERROR, code))
    g_error ("expected error %d, got “%s” for:\n%s", code, error ? error->message : "success", json);
  if (named != NULL && strstr (error->message, named) == NULL)
    g_error ("the message “%s” does not name “%s”", error->message, named);
}

static void
test_parses_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = hs_manifest_load (course_dir, &error);
  HsModule *module;
  HsLesson *lesson;

  g_assert_no_error (error);
  g_assert_cmpstr (hs_course_get_id (course), ==, "vn.test.good");
  g_assert_cmpstr (hs_course_get_version (course), ==, "1.2.0");
  g_assert_cmpstr (hs_course_get_title (course), ==, "Khoá học thử vn.test.good");
  g_assert_cmpstr (hs_course_get_language (course), ==, "vi");
  g_assert_cmpuint (hs_course_get_audience (course), ==, (1u << HS_ROLE_TEACHER) | (1u << HS_ROLE_STAFF));
  g_assert_cmpstr (hs_course_get_competences (course)[0], ==, "tt02-1.1");
  g_assert_cmpuint (hs_course_get_estimated_minutes (course), ==, 15);
  g_assert_cmpstr (hs_course_get_cover (course), ==, "cover.svg");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (course)), ==, 1);
  g_assert_cmpuint (hs_course_get_n_lessons (course), ==, 3);

  module = g_list_model_get_item (G_LIST_MODEL (course), 0);
  g_assert_cmpstr (hs_module_get_title (module), ==, "Phần một");
  lesson = g_list_model_get_item (G_LIST_MODEL (module), 2);
  g_assert_cmpstr (hs_lesson_get_id (lesson), ==, "l3");
  g_assert_cmpint (hs_lesson_get_kind (lesson), ==, HS_LESSON_KIND_PAGE);
  g_assert_cmpstr (hs_lesson_get_src (lesson), ==, "bai/l3.html");
  g_assert_cmpstr (hs_lesson_get_module_id (lesson), ==, "m1");
  g_assert_true (hs_lesson_get_required (lesson));
  g_assert_true (hs_course_find_lesson (course, "l2") != NULL);
  g_object_unref (lesson);
  g_object_unref (module);
}

/* Found by fuzzing: the manifest kept as the course's JSON was copied up
 * to a NUL, not @length bytes, reading past a buffer that has none. */
static void
test_keeps_only_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (course_dir, "course.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *padded = NULL;
  g_autoptr(HsCourse) course = NULL;
  gsize length;

  g_file_get_contents (path, &json, &length, &error);
  g_assert_no_error (error);
  padded = g_strconcat (json, "  rác phía sau", NULL);
  course = hs_manifest_parse (padded, length, course_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_course_get_manifest_json (course), ==, json);
}

static void
test_require_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mutate ("completion", "{\"require\": [\"l1\", \"l3\"], \"pass_mark\": 0.7}");
  g_autoptr(HsCourse) course = hs_manifest_parse (json, -1, course_dir, &error);

  g_assert_no_error (error);
  g_assert_true (hs_lesson_get_required (hs_course_find_lesson (course, "l1")));
  g_assert_false (hs_lesson_get_required (hs_course_find_lesson (course, "l2")));
  g_assert_true (hs_lesson_get_required (hs_course_find_lesson (course, "l3")));
  g_assert_cmpfloat_with_epsilon (hs_course_get_pass_mark (course), 0.7, 1e-9);
}

typedef struct {
  const char      *test;
  const char      *path;
  const char      *value;     /* NULL removes the member */
  HsManifestError  code;
  const char      *named;     /* what the message must mention */
} FieldCase;

static const FieldCase field_cases[] = {
  { "format-missing", "format", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "format" },
  { "format-not-number", "format", "\"1\"", HS_MANIFEST_ERROR_INVALID_FIELD, "format" },
  { "format-newer", "format", "2", HS_MANIFEST_ERROR_UNSUPPORTED_FORMAT, "2" },
  { "id-missing", "id", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "id" },
  { "id-not-string", "id", "42", HS_MANIFEST_ERROR_INVALID_FIELD, "id" },
  { "id-bad-characters", "id", "\"Khoá Học/1\"", HS_MANIFEST_ERROR_INVALID_FIELD, "id" },
  { "id-traversal", "id", "\"a..b\"", HS_MANIFEST_ERROR_INVALID_FIELD, "id" },
  { "version-missing", "version", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "version" },
  { "version-bad", "version", "\"1.0-beta\"", HS_MANIFEST_ERROR_INVALID_FIELD, "version" },
  { "title-missing", "title", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "title" },
  { "title-empty", "title", "\"   \"", HS_MANIFEST_ERROR_INVALID_FIELD, "title" },
  { "summary-not-string", "summary", "[]", HS_MANIFEST_ERROR_INVALID_FIELD, "summary" },
  { "audience-not-list", "audience", "\"teacher\"", HS_MANIFEST_ERROR_INVALID_FIELD, "audience" },
  { "audience-empty", "audience", "[]", HS_MANIFEST_ERROR_INVALID_FIELD, "audience" },
  { "audience-unknown-role", "audience", "[\"teacher\", \"student\"]", HS_MANIFEST_ERROR_INVALID_FIELD, "audience[1]" },
  { "competences-not-strings", "competences", "[1, 2]", HS_MANIFEST_ERROR_INVALID_FIELD, "competences[0]" },
  { "minutes-not-number", "estimated_minutes", "\"15\"", HS_MANIFEST_ERROR_INVALID_FIELD, "estimated_minutes" },
  { "minutes-zero", "estimated_minutes", "0", HS_MANIFEST_ERROR_INVALID_FIELD, "estimated_minutes" },
  { "cover-missing-file", "cover", "\"anh/bia.png\"", HS_MANIFEST_ERROR_MISSING_FILE, "anh/bia.png" },
  { "cover-outside", "cover", "\"../cover.svg\"", HS_MANIFEST_ERROR_INVALID_FIELD, "cover" },
  { "modules-missing", "modules", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "modules" },
  { "modules-empty", "modules", "[]", HS_MANIFEST_ERROR_INVALID_FIELD, "modules" },
  { "module-not-object", "modules[0]", "\"m1\"", HS_MANIFEST_ERROR_INVALID_FIELD, "modules[0]" },
  { "module-id-missing", "modules[0].id", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "modules[0].id" },
  { "module-title-missing", "modules[0].title", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "modules[0].title" },
  { "lessons-missing", "modules[0].lessons", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "modules[0].lessons" },
  { "lessons-empty", "modules[0].lessons", "[]", HS_MANIFEST_ERROR_INVALID_FIELD, "modules[0].lessons" },
  { "lesson-id-missing", "modules[0].lessons[1].id", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "modules[0].lessons[1].id" },
  { "lesson-id-bad", "modules[0].lessons[1].id", "\"Bài 2\"", HS_MANIFEST_ERROR_INVALID_FIELD, "modules[0].lessons[1].id" },
  { "lesson-id-duplicate", "modules[0].lessons[1].id", "\"l1\"", HS_MANIFEST_ERROR_DUPLICATE_ID, "l1" },
  { "lesson-kind-missing", "modules[0].lessons[0].kind", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "modules[0].lessons[0].kind" },
  { "lesson-kind-unknown", "modules[0].lessons[0].kind", "\"game\"", HS_MANIFEST_ERROR_INVALID_FIELD, "game" },
  { "lesson-title-missing", "modules[0].lessons[0].title", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "modules[0].lessons[0].title" },
  { "lesson-src-missing", "modules[0].lessons[2].src", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "modules[0].lessons[2].src" },
  { "lesson-src-not-in-package", "modules[0].lessons[2].src", "\"bai/l9.html\"", HS_MANIFEST_ERROR_MISSING_FILE, "bai/l9.html" },
  { "lesson-src-absolute", "modules[0].lessons[2].src", "\"/etc/passwd\"", HS_MANIFEST_ERROR_INVALID_FIELD, "modules[0].lessons[2].src" },
  { "lesson-src-traversal", "modules[0].lessons[2].src", "\"bai/../../x.html\"", HS_MANIFEST_ERROR_INVALID_FIELD, "modules[0].lessons[2].src" },
  { "lesson-src-wrong-type", "modules[0].lessons[2].src", "\"cover.svg\"", HS_MANIFEST_ERROR_INVALID_FIELD, "modules[0].lessons[2].src" },
  { "lesson-src-folder", "modules[0].lessons[2].src", "\"bai\"", HS_MANIFEST_ERROR_MISSING_FILE, "modules[0].lessons[2].src" },
  { "lesson-captions-on-page", "modules[0].lessons[0].captions", "\"bai/l1.vtt\"", HS_MANIFEST_ERROR_INVALID_FIELD, "modules[0].lessons[0].captions" },
  { "lesson-kind-sco-outside-scorm", "modules[0].lessons[0].kind", "\"sco\"", HS_MANIFEST_ERROR_INVALID_FIELD, "modules[0].lessons[0].kind" },
  { "lesson-parameters-on-page", "modules[0].lessons[0].parameters", "\"?a=1\"", HS_MANIFEST_ERROR_INVALID_FIELD, "modules[0].lessons[0].parameters" },
  { "package-unknown", "package", "\"aicc\"", HS_MANIFEST_ERROR_INVALID_FIELD, "package" },
  { "scorm-outside-scorm", "scorm", "{}", HS_MANIFEST_ERROR_INVALID_FIELD, "scorm" },
  { "completion-not-object", "completion", "\"all\"", HS_MANIFEST_ERROR_INVALID_FIELD, "completion" },
  { "completion-require-bad", "completion", "{\"require\": \"some\"}", HS_MANIFEST_ERROR_INVALID_FIELD, "completion.require" },
  { "completion-require-unknown", "completion", "{\"require\": [\"l1\", \"l7\"]}", HS_MANIFEST_ERROR_INVALID_FIELD, "completion.require[1]" },
  { "completion-pass-mark-range", "completion", "{\"pass_mark\": 80}", HS_MANIFEST_ERROR_INVALID_FIELD, "completion.pass_mark" },
  { "certificate-enabled-not-bool", "certificate", "{\"enabled\": \"yes\"}", HS_MANIFEST_ERROR_INVALID_FIELD, "certificate.enabled" },
};

static void
test_field_case (gconstpointer data)
{
  const FieldCase *c = data;
  g_autofree char *json = mutate (c->path, c->value);

  assert_manifest_error (json, c->code, c->named);
}

static void
test_invalid_json (void)
{
  assert_manifest_error ("{ \"format\": 1, ", HS_MANIFEST_ERROR_INVALID_JSON, "JSON");
  assert_manifest_error ("[1, 2]", HS_MANIFEST_ERROR_INVALID_JSON, NULL);
  assert_manifest_error ("{\"title\": \"B\xe0i\"}", HS_MANIFEST_ERROR_INVALID_JSON, "UTF-8");

  /* Found by fuzzing: json-glib turns these escapes into text that is not
   * UTF-8, or cuts the text short. */
  assert_manifest_error ("{\"format\": 1, \"title\": \"B\\udc00i\"}", HS_MANIFEST_ERROR_INVALID_JSON, "\\u");
  assert_manifest_error ("{\"format\": 1, \"title\": \"B\\u0000i\"}", HS_MANIFEST_ERROR_INVALID_JSON, "\\u");
  assert_manifest_error ("{\"format\": 1, \"title\": \"B\\uD800\\u0041\"}", HS_MANIFEST_ERROR_INVALID_JSON, "\\u");
}

static void
test_too_deep (void)
{
  g_autoptr(GString) json = g_string_new ("{\"x\":");

  for (int i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  assert_manifest_error (json->str, HS_MANIFEST_ERROR_INVALID_JSON, NULL);
}

static void
test_too_large (void)
{
  g_autofree char *padding = g_strnfill (HS_MANIFEST_MAX_SIZE, ' ');
  g_autofree char *json = g_strconcat ("{", padding, "}", NULL);

  assert_manifest_error (json, HS_MANIFEST_ERROR_TOO_LARGE, NULL);
}

static void
test_missing_or_scorm (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = hs_test_make_tmp_dir ();
  g_autofree char *scorm = g_build_filename (dir, "imsmanifest.xml", NULL);
  g_autoptr(HsCourse) course = hs_manifest_load (dir, &error);

  g_assert_null (course);
  g_assert_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* imsmanifest.xml is read as a SCORM package, by hs-scorm: a manifest
   * that names no SCORM version gets its refusal. */
  g_file_set_contents (scorm, "<manifest/>", -1, &error);
  g_assert_no_error (error);
  course = hs_manifest_load (dir, &error);
  g_assert_null (course);
  g_assert_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_UNSUPPORTED_VERSION);
  g_clear_error (&error);

  g_file_set_contents (scorm,
                       "<manifest identifier='m' xmlns:adlcp='http://www.adlnet.org/xsd/adlcp_rootv1p2'>"
                       "<organizations><organization identifier='o'><title>Bài SCORM</title>"
                       "<item identifier='i' identifierref='r'><title>Một</title></item>"
                       "</organization></organizations>"
                       "<resources><resource identifier='r' adlcp:scormtype='sco' href='a.html'/></resources>"
                       "</manifest>", -1, &error);
  g_assert_no_error (error);
  {
    g_autofree char *page = g_build_filename (dir, "a.html", NULL);

    g_file_set_contents (page, "<p>Một</p>", -1, &error);
    g_assert_no_error (error);
  }
  course = hs_manifest_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hs_course_get_package (course), ==, HS_COURSE_PACKAGE_SCORM_12);
  g_assert_cmpstr (hs_course_get_title (course), ==, "Bài SCORM");
  g_assert_cmpuint (hs_course_get_n_lessons (course), ==, 1);
  hs_test_rm_rf (dir);
}

/* A walkthrough lesson is read whole at import: a good one is accepted, a
 * bad one refuses the package with the walkthrough's own message. */
static void
test_walkthrough_lesson (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = hs_test_make_tmp_dir ();
  g_autofree char *good = hs_test_make_walkthrough_course_tree (dir, "vn.test.wt", NULL);
  g_autofree char *broken_json = hs_test_walkthrough_broken_json ();
  g_autofree char *broken = NULL;
  g_autofree char *screen = NULL;
  g_autoptr(HsCourse) course = hs_manifest_load (good, &error);
  HsLesson *lesson;

  g_assert_no_error (error);
  lesson = hs_course_find_lesson (course, "kich-hoat");
  g_assert_nonnull (lesson);
  g_assert_cmpint (hs_lesson_get_kind (lesson), ==, HS_LESSON_KIND_WALKTHROUGH);
  g_assert_cmpstr (hs_lesson_get_src (lesson), ==, "walkthrough.json");
  g_clear_object (&course);

  /* A screen missing from the package. */
  screen = g_build_filename (good, "screens", "tin-nhan.svg", NULL);
  g_assert_cmpint (g_remove (screen), ==, 0);
  course = hs_manifest_load (good, &error);
  g_assert_null (course);
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_MISSING_FILE);
  g_assert_nonnull (strstr (error->message, "screens/tin-nhan.svg"));
  g_clear_error (&error);

  broken = hs_test_make_walkthrough_course_tree (dir, "vn.test.wt-broken", broken_json);
  course = hs_manifest_load (broken, &error);
  g_assert_null (course);
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_TARGET_TOO_SMALL);
  g_assert_nonnull (strstr (error->message, "walkthrough “walkthrough.json”: step “gui-yeu-cau” (steps[5])"));
  g_assert_nonnull (strstr (error->message, "“tap”"));
  hs_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmp = NULL;
  g_autofree char *manifest = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp = hs_test_make_tmp_dir ();
  course_dir = hs_test_make_course_tree (tmp, "vn.test.good", "1.2.0", 3);
  manifest = g_build_filename (course_dir, "course.json", NULL);
  g_file_get_contents (manifest, &good_json, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/hocso/manifest/parses-good", test_parses_good);
  g_test_add_func ("/hocso/manifest/keeps-only-length", test_keeps_only_length);
  g_test_add_func ("/hocso/manifest/require-list", test_require_list);
  g_test_add_func ("/hocso/manifest/invalid-json", test_invalid_json);
  g_test_add_func ("/hocso/manifest/too-deep", test_too_deep);
  g_test_add_func ("/hocso/manifest/too-large", test_too_large);
  g_test_add_func ("/hocso/manifest/missing-or-scorm", test_missing_or_scorm);
  g_test_add_func ("/hocso/manifest/walkthrough-lesson", test_walkthrough_lesson);
  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hocso/manifest/field/%s", field_cases[i].test);
      g_test_add_data_func (path, &field_cases[i], test_field_case);
    }

  status = g_test_run ();
  hs_test_rm_rf (tmp);
  g_free (course_dir);
  g_free (good_json);
  return status;
}
