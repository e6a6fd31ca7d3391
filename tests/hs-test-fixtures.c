/* hs-test-fixtures.c — courses and snapshots for the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hs-test-fixtures.h"
#include "hs-utils.h"

char *
hs_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hocso-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
hs_test_rm_rf (const char *path)
{
  g_autoptr(GError) error = NULL;

  hs_utils_rm_rf (path, &error);
  g_assert_no_error (error);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

char *
hs_test_make_course_tree (const char *parent,
                          const char *id,
                          const char *version,
                          guint       n_lessons)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", id, version);
  char *dir = g_build_filename (parent, name, NULL);
  g_autoptr(GString) json = g_string_new (NULL);

  g_string_append_printf (json,
                          "{\n"
                          "  \"format\": 1,\n"
                          "  \"id\": \"%s\",\n"
                          "  \"version\": \"%s\",\n"
                          "  \"title\": \"Khoá học thử %s\",\n"
                          "  \"summary\": \"Một khoá học để kiểm thử.\",\n"
                          "  \"language\": \"vi\",\n"
                          "  \"audience\": [\"teacher\", \"staff\"],\n"
                          "  \"competences\": [\"tt02-1.1\"],\n"
                          "  \"estimated_minutes\": 15,\n"
                          "  \"cover\": \"cover.svg\",\n"
                          "  \"modules\": [{ \"id\": \"m1\", \"title\": \"Phần một\", \"lessons\": [\n",
                          id, version, id);

  for (guint i = 1; i <= n_lessons; i++)
    {
      g_autofree char *file = g_strdup_printf ("bai/l%u.html", i);
      g_autofree char *html = g_strdup_printf ("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">"
                                               "<title>Bài %u</title><h1>Bài %u: Định danh điện tử</h1></html>\n",
                                               i, i);

      write_file (dir, file, html);
      g_string_append_printf (json, "    { \"id\": \"l%u\", \"kind\": \"page\", \"title\": \"Bài %u\", \"src\": \"%s\" }%s\n",
                              i, i, file, i < n_lessons ? "," : "");
    }

  g_string_append (json, "  ]}],\n  \"completion\": { \"require\": \"all\" }\n}\n");
  write_file (dir, "course.json", json->str);
  write_file (dir, "cover.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"/>\n");

  return dir;
}

char *
hs_test_make_package (const char   *parent,
                      const char   *id,
                      const char   *version,
                      guint         n_lessons,
                      HsTestFormat  format,
                      gboolean      top_folder)
{
  static const char * const suffixes[] = {
    [HS_TEST_FORMAT_ZIP] = ".zip",
    [HS_TEST_FORMAT_TAR] = ".tar",
    [HS_TEST_FORMAT_TAR_GZ] = ".tar.gz",
    [HS_TEST_FORMAT_TAR_XZ] = ".tar.xz",
    [HS_TEST_FORMAT_7Z] = ".7z",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *sources = g_build_filename (parent, "sources", NULL);
  g_autofree char *tree = NULL;
  g_autofree char *name = g_strdup_printf ("%s-%s%s", id, version, suffixes[format]);
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (format);
  char *path = g_build_filename (parent, name, NULL);

  tree = hs_test_make_course_tree (sources, id, version, n_lessons);
  if (top_folder)
    {
      hs_test_archive_add_dir (archive, "khoa-hoc");
      hs_test_archive_add_tree (archive, tree, "khoa-hoc/");
    }
  else
    hs_test_archive_add_tree (archive, tree, "");

  hs_test_archive_write (archive, path, &error);
  g_assert_no_error (error);
  hs_test_rm_rf (tree);

  return path;
}

char *
hs_test_make_quiz_package (const char *parent,
                           const char *id,
                           const char *quiz_json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sources = g_build_filename (parent, "sources", NULL);
  g_autofree char *tree = hs_test_make_course_tree (sources, id, "1.0.0", 1);
  g_autofree char *name = g_strdup_printf ("%s.zip", id);
  g_autofree char *json = NULL;
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  char *path = g_build_filename (parent, name, NULL);
  g_autofree char *course_json = g_build_filename (tree, "course.json", NULL);
  GString *edited;

  /* The course of hs_test_make_course_tree() with a quiz lesson after its
   * page. */
  g_file_get_contents (course_json, &json, NULL, &error);
  g_assert_no_error (error);
  edited = g_string_new (json);
  g_assert_cmpint (g_string_replace (edited, "\"src\": \"bai/l1.html\" }",
                                     "\"src\": \"bai/l1.html\" },\n"
                                     "    { \"id\": \"kiem-tra\", \"kind\": \"quiz\", \"title\": \"Bài kiểm tra\","
                                     " \"src\": \"m1/quiz.json\" }", 1), ==, 1);
  write_file (tree, "course.json", edited->str);
  g_string_free (edited, TRUE);
  write_file (tree, "m1/quiz.json", quiz_json);

  hs_test_archive_add_tree (archive, tree, "");
  hs_test_archive_write (archive, path, &error);
  g_assert_no_error (error);
  hs_test_rm_rf (tree);

  return path;
}

static void
replace_once (GString    *text,
              const char *find,
              const char *replace)
{
  g_assert_cmpint (g_string_replace (text, find, replace, 1), ==, 1);
}

char *
hs_test_make_certificate_package (const char *parent,
                                  const char *id,
                                  const char *title,
                                  const char *audience,
                                  gboolean    certificate,
                                  gboolean    quiz)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sources = g_build_filename (parent, "sources", NULL);
  g_autofree char *tree = hs_test_make_course_tree (sources, id, "1.0.0", 2);
  g_autofree char *name = g_strdup_printf ("%s.zip", id);
  g_autofree char *course_json = g_build_filename (tree, "course.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *old_title = g_strdup_printf ("\"title\": \"Khoá học thử %s\"", id);
  g_autofree char *new_title = g_strdup_printf ("\"title\": \"%s\"", title);
  g_autofree char *new_audience = g_strdup_printf ("\"audience\": %s", audience);
  g_autofree char *new_end = g_strdup_printf ("\"completion\": { \"require\": \"all\" },\n"
                                              "  \"certificate\": { \"enabled\": %s }",
                                              certificate ? "true" : "false");
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  char *path = g_build_filename (parent, name, NULL);
  GString *edited;

  g_file_get_contents (course_json, &json, NULL, &error);
  g_assert_no_error (error);
  edited = g_string_new (json);
  replace_once (edited, old_title, new_title);
  replace_once (edited, "\"audience\": [\"teacher\", \"staff\"]", new_audience);
  replace_once (edited, "\"completion\": { \"require\": \"all\" }", new_end);
  if (quiz)
    {
      replace_once (edited, "\"src\": \"bai/l2.html\" }",
                    "\"src\": \"bai/l2.html\" },\n"
                    "    { \"id\": \"kiem-tra\", \"kind\": \"quiz\", \"title\": \"Bài kiểm tra\","
                    " \"src\": \"m1/quiz.json\" }");
      write_file (tree, "m1/quiz.json",
                  "{ \"format\": 1, \"questions\": ["
                  " { \"id\": \"q1\", \"type\": \"true_false\", \"text\": \"Không đưa mã OTP cho ai.\","
                  " \"answer\": true } ] }\n");
    }
  write_file (tree, "course.json", edited->str);
  g_string_free (edited, TRUE);

  hs_test_archive_add_tree (archive, tree, "");
  hs_test_archive_write (archive, path, &error);
  g_assert_no_error (error);
  hs_test_rm_rf (tree);

  return path;
}

char *
hs_test_make_scorm_package (const char         *parent,
                            const char         *name,
                            const char         *manifest,
                            const char * const *files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autofree char *file = g_strdup_printf ("%s.zip", name);
  char *path = g_build_filename (parent, file, NULL);

  hs_test_archive_add_file (archive, "imsmanifest.xml", manifest, -1);
  for (guint i = 0; files != NULL && files[i] != NULL; i += 2)
    {
      g_assert_nonnull (files[i + 1]);
      hs_test_archive_add_file (archive, files[i], files[i + 1], -1);
    }
  hs_test_archive_write (archive, path, &error);
  g_assert_no_error (error);

  return path;
}

char *
hs_test_dump_db (const char *db_path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    return g_strdup ("(no database)\n");

  /* Virtual tables are left out: this connection has no hocso tokenizer.
   * The search index's own tables hold what they would show. */
  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", table);

      g_string_append_printf (out, "[%s]\n", table);
      /* WITHOUT ROWID tables (FTS5's) have no rowid and come in key order. */
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          g_free (sql);
          sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
          g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              if (sqlite3_column_type (stmt, c) == SQLITE_BLOB)
                {
                  const guchar *blob = sqlite3_column_blob (stmt, c);

                  for (int i = 0; i < sqlite3_column_bytes (stmt, c); i++)
                    g_string_append_printf (out, "%02x", blob[i]);
                  g_string_append_c (out, '|');
                }
              else
                {
                  const char *text = (const char *) sqlite3_column_text (stmt, c);
                  g_string_append_printf (out, "%s|", text ? text : "NULL");
                }
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
hs_test_snapshot_data_dir (const char *data_dir)
{
  g_autofree char *courses = g_build_filename (data_dir, "courses", NULL);
  g_autofree char *staging = g_build_filename (data_dir, "staging", NULL);
  g_autofree char *db = g_build_filename (data_dir, "hocso.db", NULL);
  g_autofree char *tree = hs_test_snapshot_tree (courses);
  g_autofree char *rows = hs_test_dump_db (db);

  return g_strdup_printf ("courses:\n%sstaging: %s\ndatabase:\n%s",
                          tree, g_file_test (staging, G_FILE_TEST_EXISTS) ? "present" : "absent", rows);
}

/* The right response to a question, built from its solution as the review
 * gives it (with the labels the attempt's page was shown). */
JsonNode *
hs_test_quiz_right_response (HsQuiz     *quiz,
                             const char *question_id)
{
  g_autoptr(JsonNode) review = hs_quiz_question_feedback (quiz, question_id, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonObject *solution = json_object_get_object_member (json_node_get_object (review), "solution");
  HsQuizQuestionType type;

  g_assert_true (hs_quiz_get_question_type (quiz, question_id, &type));
  json_builder_begin_object (builder);
  switch (type)
    {
    case HS_QUIZ_QUESTION_SINGLE:
      json_builder_set_member_name (builder, "choice");
      json_builder_add_string_value (builder, json_object_get_string_member (
        json_array_get_object_element (json_object_get_array_member (solution, "choices"), 0), "id"));
      break;
    case HS_QUIZ_QUESTION_MULTIPLE:
      {
        JsonArray *choices = json_object_get_array_member (solution, "choices");

        json_builder_set_member_name (builder, "choices");
        json_builder_begin_array (builder);
        for (guint i = 0; i < json_array_get_length (choices); i++)
          json_builder_add_string_value (builder, json_object_get_string_member (
            json_array_get_object_element (choices, i), "id"));
        json_builder_end_array (builder);
      }
      break;
    case HS_QUIZ_QUESTION_TRUE_FALSE:
      json_builder_set_member_name (builder, "answer");
      json_builder_add_boolean_value (builder, json_object_get_boolean_member (solution, "answer"));
      break;
    case HS_QUIZ_QUESTION_FILL_IN:
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder,
                                     json_array_get_string_element (json_object_get_array_member (solution, "accepted"), 0));
      break;
    case HS_QUIZ_QUESTION_ORDERING:
      {
        JsonArray *order = json_object_get_array_member (solution, "order");

        json_builder_set_member_name (builder, "order");
        json_builder_begin_array (builder);
        for (guint i = 0; i < json_array_get_length (order); i++)
          json_builder_add_string_value (builder, json_object_get_string_member (
            json_array_get_object_element (order, i), "id"));
        json_builder_end_array (builder);
      }
      break;
    case HS_QUIZ_QUESTION_MATCHING:
      {
        JsonArray *pairs = json_object_get_array_member (solution, "pairs");

        json_builder_set_member_name (builder, "pairs");
        json_builder_begin_object (builder);
        for (guint i = 0; i < json_array_get_length (pairs); i++)
          {
            JsonObject *pair = json_array_get_object_element (pairs, i);

            json_builder_set_member_name (builder, json_object_get_string_member (
              json_object_get_object_member (pair, "left"), "id"));
            json_builder_add_string_value (builder, json_object_get_string_member (
              json_object_get_object_member (pair, "right"), "id"));
          }
        json_builder_end_object (builder);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* A response that earns nothing, whatever the type. */
JsonNode *
hs_test_quiz_wrong_response (HsQuiz     *quiz,
                             const char *question_id)
{
  HsQuizQuestionType type;

  g_assert_true (hs_quiz_get_question_type (quiz, question_id, &type));
  switch (type)
    {
    case HS_QUIZ_QUESTION_SINGLE:
      {
        /* The first choice that is not the solution. */
        g_autoptr(JsonNode) shown = hs_quiz_question_to_public_json (quiz, question_id, 0);
        g_autoptr(JsonNode) right = hs_test_quiz_right_response (quiz, question_id);
        JsonArray *choices = json_object_get_array_member (json_node_get_object (shown), "choices");
        const char *solution = json_object_get_string_member (json_node_get_object (right), "choice");

        for (guint i = 0; i < json_array_get_length (choices); i++)
          {
            const char *id = json_object_get_string_member (json_array_get_object_element (choices, i), "id");

            if (!g_str_equal (id, solution))
              {
                g_autofree char *text = g_strdup_printf ("{\"choice\": \"%s\"}", id);
                return json_from_string (text, NULL);
              }
          }
        g_assert_not_reached ();
      }
    case HS_QUIZ_QUESTION_MULTIPLE:
      return json_from_string ("{\"choices\": []}", NULL);
    case HS_QUIZ_QUESTION_TRUE_FALSE:
      {
        g_autoptr(JsonNode) right = hs_test_quiz_right_response (quiz, question_id);
        return json_from_string (json_object_get_boolean_member (json_node_get_object (right), "answer") ? "{\"answer\": false}"
                                                                             : "{\"answer\": true}", NULL);
      }
    case HS_QUIZ_QUESTION_FILL_IN:
      return json_from_string ("{\"text\": \"không biết\"}", NULL);
    case HS_QUIZ_QUESTION_ORDERING:
      {
        /* The right order turned around is wrong with 3 items. */
        g_autoptr(JsonNode) right = hs_test_quiz_right_response (quiz, question_id);
        JsonArray *order = json_object_get_array_member (json_node_get_object (right), "order");
        g_autoptr(JsonBuilder) builder = json_builder_new ();

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "order");
        json_builder_begin_array (builder);
        for (guint i = json_array_get_length (order); i > 0; i--)
          json_builder_add_string_value (builder, json_array_get_string_element (order, i - 1));
        json_builder_end_array (builder);
        json_builder_end_object (builder);
        return json_builder_get_root (builder);
      }
    case HS_QUIZ_QUESTION_MATCHING:
      return json_from_string ("{\"pairs\": {}}", NULL);
    default:
      g_assert_not_reached ();
    }
}
const char *
hs_test_walkthrough_demo_dir (void)
{
  return HS_TEST_DATA_DIR G_DIR_SEPARATOR_S "walkthrough-demo";
}

char *
hs_test_walkthrough_demo_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (hs_test_walkthrough_demo_dir (), "walkthrough.json", NULL);
  char *json = NULL;

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  return json;
}

char *
hs_test_walkthrough_broken_json (void)
{
  g_autofree char *json = hs_test_walkthrough_demo_json ();
  g_autoptr(GString) broken = g_string_new (json);

  g_assert_cmpuint (g_string_replace (broken, "\"tap\": { \"x\": 24, \"y\": 620, \"width\": 312, \"height\": 56 }",
                                      "\"tap\": { \"x\": 24, \"y\": 620, \"width\": 312, \"height\": 40 }", 0), ==, 1);
  return g_string_free (g_steal_pointer (&broken), FALSE);
}

void
hs_test_copy_walkthrough_demo (const char *dest)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *screens = g_build_filename (hs_test_walkthrough_demo_dir (), "screens", NULL);
  g_autofree char *json = hs_test_walkthrough_demo_json ();
  g_autoptr(GDir) dir = g_dir_open (screens, 0, &error);
  const char *name;

  g_assert_no_error (error);
  write_file (dest, "walkthrough.json", json);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (screens, name, NULL);
      g_autofree char *to = g_build_filename ("screens", name, NULL);
      g_autofree char *contents = NULL;

      g_file_get_contents (from, &contents, NULL, &error);
      g_assert_no_error (error);
      write_file (dest, to, contents);
    }
}

char *
hs_test_make_walkthrough_course_tree (const char *parent,
                                      const char *id,
                                      const char *walkthrough_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *text = NULL;
  JsonObject *lesson = json_object_new ();
  JsonArray *lessons;
  char *dir;

  /* Paths in a walkthrough are from the package's top, like every path in
   * course.json, so the demo goes there. */
  dir = hs_test_make_course_tree (parent, id, "1.0.0", 1);
  hs_test_copy_walkthrough_demo (dir);
  if (walkthrough_json != NULL)
    write_file (dir, "walkthrough.json", walkthrough_json);

  manifest = g_build_filename (dir, "course.json", NULL);
  json_parser_load_from_file (parser, manifest, &error);
  g_assert_no_error (error);
  lessons = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (
    json_node_get_object (json_parser_get_root (parser)), "modules"), 0), "lessons");
  json_object_set_string_member (lesson, "id", "kich-hoat");
  json_object_set_string_member (lesson, "kind", "walkthrough");
  json_object_set_string_member (lesson, "title", "Kích hoạt tài khoản định danh (mô phỏng)");
  json_object_set_string_member (lesson, "src", "walkthrough.json");
  json_array_add_object_element (lessons, lesson);
  text = json_to_string (json_parser_get_root (parser), TRUE);
  write_file (dir, "course.json", text);

  return dir;
}

/* Zips tree into parent/ID.zip and removes the tree. */
static char *
pack_tree (const char *parent,
           const char *id,
           const char *tree)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.zip", id);
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  char *path = g_build_filename (parent, name, NULL);

  hs_test_archive_add_tree (archive, tree, "");
  hs_test_archive_write (archive, path, &error);
  g_assert_no_error (error);
  hs_test_rm_rf (tree);

  return path;
}

char *
hs_test_make_walkthrough_package (const char *parent,
                                  const char *id,
                                  const char *walkthrough_json)
{
  g_autofree char *sources = g_build_filename (parent, "sources", NULL);
  g_autofree char *tree = hs_test_make_walkthrough_course_tree (sources, id, walkthrough_json);

  return pack_tree (parent, id, tree);
}

/* A second of silence as a WAV file: 8000 samples of 8-bit mono. */
static void
write_silence (const char *path,
               guint       samples)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) wav = g_byte_array_new ();
  guint8 header[44] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E',
                        'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0,
                        0x40, 0x1f, 0, 0, 0x40, 0x1f, 0, 0, 1, 0, 8, 0,
                        'd', 'a', 't', 'a', 0, 0, 0, 0 };
  guint32 riff = GUINT32_TO_LE (36 + samples);
  guint32 data = GUINT32_TO_LE (samples);

  memcpy (header + 4, &riff, 4);
  memcpy (header + 40, &data, 4);
  g_byte_array_append (wav, header, sizeof header);
  for (guint i = 0; i < samples; i++)
    g_byte_array_append (wav, (const guint8 *) "\x80", 1);
  g_file_set_contents (path, (const char *) wav->data, wav->len, &error);
  g_assert_no_error (error);
}

char *
hs_test_make_narrated_walkthrough_package (const char *parent,
                                           const char *id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = hs_test_walkthrough_demo_json ();
  g_autofree char *json = NULL;
  g_autofree char *sources = g_build_filename (parent, "sources", NULL);
  g_autofree char *tree = NULL;
  /* The first two steps of the right flow, by their place in the file. */
  const struct {
    guint       index;
    const char *sound;
  } narrated[] = {
    { 0, "am-thanh/mo-ung-dung.wav" },
    { 2, "am-thanh/chon-kich-hoat.wav" },
  };
  JsonArray *steps;

  json_parser_load_from_data (parser, demo, -1, &error);
  g_assert_no_error (error);
  steps = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "steps");
  for (guint i = 0; i < G_N_ELEMENTS (narrated); i++)
    json_object_set_string_member (json_array_get_object_element (steps, narrated[i].index), "narration",
                                   narrated[i].sound);
  json = json_to_string (json_parser_get_root (parser), TRUE);

  tree = hs_test_make_walkthrough_course_tree (sources, id, json);
  for (guint i = 0; i < G_N_ELEMENTS (narrated); i++)
    {
      g_autofree char *sound = g_build_filename (tree, narrated[i].sound, NULL);
      g_autofree char *folder = g_path_get_dirname (sound);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
      write_silence (sound, 8000);
    }

  return pack_tree (parent, id, tree);
}
