/* hs-test-fixtures.c — courses and snapshots for the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

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
