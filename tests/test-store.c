/* test-store.c — hs-store: opening, migrations, transactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hs-store.h"
#include "hs-test-fixtures.h"

static char *
query_text (HsStore    *store,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = hs_store_query (store, &error, sql, NULL);
  char *text = NULL;

  g_assert_no_error (error);
  if (hs_store_step (store, stmt, &error) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_no_error (error);
  sqlite3_reset (stmt);
  return text;
}

static void
test_creates_latest_schema (void)
{
  g_autofree char *dir = hs_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "hocso.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsStore) store = hs_store_open (path, &error);
  g_autofree char *mode = NULL;
  g_autofree char *fk = NULL;
  g_autofree char *tables = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (hs_store_get_schema_version (store), ==, hs_store_get_latest_schema_version ());
  g_assert_cmpint (hs_store_get_latest_schema_version (), >=, 1);

  mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  fk = query_text (store, "PRAGMA foreign_keys");
  g_assert_cmpstr (fk, ==, "1");
  tables = query_text (store, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
                              " WHERE type = 'table' ORDER BY name)");
  g_assert_cmpstr (tables, ==, "attempts,certificates,courses,events,learners,lessons,progress,responses,scorm_interactions,scorm_state,search,search_config,search_data,search_docs,search_docsize,search_idx,search_titles,search_titles_config,search_titles_data,search_titles_docsize,search_titles_idx,settings,trusted_keys");

  hs_test_rm_rf (dir);
}

static void
test_reopen_keeps_data (void)
{
  g_autofree char *dir = hs_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "hocso.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  HsStore *store;

  store = hs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (hs_store_run (store, &error, "INSERT INTO settings (key, value) VALUES (?, ?)",
                               "ss", "last-learner", "Nguyễn Văn Đức"));
  g_assert_no_error (error);
  g_object_unref (store);

  store = hs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hs_store_get_schema_version (store), ==, hs_store_get_latest_schema_version ());
  value = query_text (store, "SELECT value FROM settings WHERE key = 'last-learner'");
  g_assert_cmpstr (value, ==, "Nguyễn Văn Đức");
  g_object_unref (store);

  hs_test_rm_rf (dir);
}

static void
test_refuses_newer_schema (void)
{
  g_autofree char *dir = hs_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "hocso.db", NULL);
  g_autoptr(GError) error = NULL;
  HsStore *store;

  store = hs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (hs_store_exec (store, "PRAGMA user_version = 999", &error));
  g_object_unref (store);

  store = hs_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, HS_STORE_ERROR, HS_STORE_ERROR_NEWER_SCHEMA);
  hs_test_rm_rf (dir);
}

static void
test_refuses_garbage (void)
{
  g_autofree char *dir = hs_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "hocso.db", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autoptr(GError) error = NULL;
  g_autoptr(HsStore) store = NULL;

  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);
  store = hs_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, HS_STORE_ERROR, HS_STORE_ERROR_CORRUPT);
  hs_test_rm_rf (dir);
}

static gboolean
insert_then_fail (HsStore  *store,
                  gpointer  user_data,
                  GError  **error)
{
  if (!hs_store_run (store, error, "INSERT INTO settings (key, value) VALUES ('a', '1')", NULL))
    return FALSE;
  /* The second insert breaks the primary key, so the whole transaction,
   * first insert included, must go. */
  return hs_store_run (store, error, "INSERT INTO settings (key, value) VALUES ('a', '2')", NULL);
}

static gboolean
insert_ok (HsStore  *store,
           gpointer  user_data,
           GError  **error)
{
  return hs_store_run (store, error, "INSERT INTO settings (key, value) VALUES (?, ?)",
                       "ss", (const char *) user_data, "ok");
}

static gboolean
nested (HsStore  *store,
        gpointer  user_data,
        GError  **error)
{
  g_autoptr(GError) inner = NULL;

  if (!insert_ok (store, "outer", error))
    return FALSE;
  /* A failing inner transaction rolls back to its savepoint only. */
  g_assert_false (hs_store_transaction (store, insert_then_fail, NULL, &inner));
  g_assert_error (inner, HS_STORE_ERROR, HS_STORE_ERROR_CONSTRAINT);
  return hs_store_transaction (store, insert_ok, "inner", error);
}

static void
test_transactions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsStore) store = hs_store_open (":memory:", &error);
  g_autofree char *count = NULL;
  g_autofree char *keys = NULL;

  g_assert_no_error (error);

  g_assert_false (hs_store_transaction (store, insert_then_fail, NULL, &error));
  g_assert_error (error, HS_STORE_ERROR, HS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  count = query_text (store, "SELECT COUNT(*) FROM settings");
  g_assert_cmpstr (count, ==, "0");

  g_assert_true (hs_store_transaction (store, nested, NULL, &error));
  g_assert_no_error (error);
  keys = query_text (store, "SELECT group_concat(key, ',') FROM (SELECT key FROM settings ORDER BY key)");
  g_assert_cmpstr (keys, ==, "inner,outer");
}

static void
test_events_append_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsStore) store = hs_store_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_true (hs_store_run (store, &error,
                               "INSERT INTO learners (uuid, name, name_key, role, created)"
                               " VALUES ('u1', 'Lan', 'lan', 'teacher', 'now')", NULL));
  g_assert_true (hs_store_run (store, &error,
                               "INSERT INTO events (uuid, learner_id, verb, course_id, time)"
                               " VALUES ('e1', 1, 'v', 'c', 'now')", NULL));
  g_assert_no_error (error);
  g_assert_false (hs_store_run (store, &error, "UPDATE events SET verb = 'forged'", NULL));
  g_assert_error (error, HS_STORE_ERROR, HS_STORE_ERROR_CONSTRAINT);
}

static void
test_foreign_keys_enforced (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsStore) store = hs_store_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_false (hs_store_run (store, &error,
                                "INSERT INTO progress (learner_id, course_id, lesson_id, status, opened, updated)"
                                " VALUES (42, 'c', 'l', 'in_progress', 'now', 'now')", NULL));
  g_assert_error (error, HS_STORE_ERROR, HS_STORE_ERROR_CONSTRAINT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hocso/store/creates-latest-schema", test_creates_latest_schema);
  g_test_add_func ("/hocso/store/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/hocso/store/refuses-newer-schema", test_refuses_newer_schema);
  g_test_add_func ("/hocso/store/refuses-garbage", test_refuses_garbage);
  g_test_add_func ("/hocso/store/transactions", test_transactions);
  g_test_add_func ("/hocso/store/events-append-only", test_events_append_only);
  g_test_add_func ("/hocso/store/foreign-keys-enforced", test_foreign_keys_enforced);

  return g_test_run ();
}
