/* test-crash.c — what a killed process leaves behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process writes progress (or imports a package) and is killed with
 * SIGKILL at a random moment, as a power cut or a crash would stop the app.
 * The database must pass SQLite's integrity check, every event the child
 * saw committed must be there, and an import must be all or nothing: the
 * next hs_library_new() sweeps what a half-done import left.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "hs-library.h"
#include "hs-progress.h"
#include "hs-test-fixtures.h"

#define ROUNDS 20

typedef struct {
  char *tmp;
  char *data_dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmp = hs_test_make_tmp_dir ();
  f->data_dir = g_build_filename (f->tmp, "data", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  hs_test_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->data_dir);
}

static void
write_all (int         fd,
           const char *text)
{
  gsize left = strlen (text);

  while (left > 0)
    {
      ssize_t n = write (fd, text, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        _exit (3);
      text += n;
      left -= n;
    }
}

/* In the child: record progress for ever, telling the parent the uuid of
 * each event once hs_progress_record() has returned (committed). */
static void G_GNUC_NORETURN
progress_writer (const char *data_dir,
                 int         out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = hs_library_new (data_dir, &error);
  g_autoptr(HsProgress) progress = NULL;
  g_autoptr(HsLearner) lan = NULL;
  HsStore *store;

  if (library == NULL)
    _exit (2);
  progress = hs_progress_new (library);
  store = hs_library_get_store (library);
  lan = hs_progress_find_learner (progress, "Lan", &error);
  if (lan == NULL)
    _exit (2);

  write_all (out, "ready\n");
  for (guint i = 0;; i++)
    {
      g_autofree char *location = g_strdup_printf ("#doan-%u", i);
      g_autofree char *line = NULL;
      const char *lesson = i % 2 ? "l1" : "l2";
      sqlite3_stmt *stmt;

      /* Fractions stay below 1, so no lesson completes and each record is
       * exactly one event. */
      if (!hs_progress_record (progress, lan, "vn.test.a", lesson, HS_VERB_PROGRESSED,
                               (i % 90) / 100.0, location, &error))
        {
          g_printerr ("the child could not record progress: %s\n", error->message);
          _exit (4);
        }
      stmt = hs_store_query (store, &error, "SELECT uuid FROM events ORDER BY id DESC LIMIT 1", NULL);
      if (stmt == NULL || hs_store_step (store, stmt, &error) != SQLITE_ROW)
        _exit (5);
      line = g_strdup_printf ("%s\n", (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      write_all (out, line);
    }
}

/* Reads what the child wrote until it ends (EOF), splitting lines. */
static void
read_lines (int        fd,
            GString   *buffer,
            gboolean   until_eof)
{
  char chunk[4096];

  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (buffer, chunk, n);
      if (!until_eof)
        break;
    }
}

static pid_t
fork_child (void     (*body) (const char *, int),
            const char *data_dir,
            int        *read_end)
{
  int fds[2];
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      guint32 seed[4];
      int urandom = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);

      /* A forked child inherits GLib's random state, so every child would
       * make the same event uuids; the app is started afresh each time
       * and seeds its own. */
      if (urandom < 0 || read (urandom, seed, sizeof seed) != sizeof seed)
        _exit (6);
      close (urandom);
      g_random_set_seed (seed[0] ^ seed[1] ^ seed[2] ^ seed[3]);
      close (fds[0]);
      body (data_dir, fds[1]);
      _exit (0);
    }
  close (fds[1]);
  *read_end = fds[0];
  return pid;
}

static void
kill_and_reap (pid_t pid)
{
  int status = 0;

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* The child must have been killed, not have stopped on its own. */
  if (!WIFSIGNALED (status))
    g_error ("the child ended by itself (status %d)", WEXITSTATUS (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
}

static char *
integrity (const char *data_dir)
{
  g_autofree char *db_path = g_build_filename (data_dir, "hocso.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static void
test_progress_survives_kill (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  guint total = 0;

  {
    g_autoptr(HsLibrary) library = hs_library_new (f->data_dir, &error);
    g_autoptr(HsProgress) progress = hs_progress_new (library);
    g_autoptr(HsLearner) lan = NULL;
    g_autofree char *package = hs_test_make_package (f->tmp, "vn.test.a", "1.0", 2, HS_TEST_FORMAT_ZIP, FALSE);
    g_autoptr(HsCourse) course = hs_library_import (library, package, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    lan = hs_progress_add_learner (progress, "Lan", HS_ROLE_STAFF, &error);
    g_assert_no_error (error);
  }

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      g_autofree char *check = NULL;
      g_autoptr(HsLibrary) library = NULL;
      HsStore *store;
      guint committed = 0;
      int fd;
      pid_t pid = fork_child (progress_writer, f->data_dir, &fd);

      /* Wait until the child has committed its first event, then kill it
       * at a random moment while it writes more (under valgrind that
       * first event takes a while). */
      while (strstr (out->str, "ready\n") == NULL || strchr (strstr (out->str, "ready\n") + 6, '\n') == NULL)
        {
          gsize before = out->len;

          read_lines (fd, out, FALSE);
          if (out->len == before)
            g_error ("round %u: the child ended before it was ready", round);
        }
      g_usleep (g_rand_int_range (rand, 1000, 250000));
      kill_and_reap (pid);
      read_lines (fd, out, TRUE);
      close (fd);

      check = integrity (f->data_dir);
      g_assert_cmpstr (check, ==, "ok");

      library = hs_library_new (f->data_dir, &error);
      g_assert_no_error (error);
      store = hs_library_get_store (library);
      lines = g_strsplit (out->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          sqlite3_stmt *stmt;

          /* The last line may be cut off by the kill; only whole lines
           * were committed and told. */
          if (lines[i + 1] == NULL || g_str_equal (lines[i], "ready"))
            continue;
          stmt = hs_store_query (store, &error, "SELECT count(*) FROM events WHERE uuid = ?", "s", lines[i]);
          g_assert_no_error (error);
          g_assert_cmpint (hs_store_step (store, stmt, &error), ==, SQLITE_ROW);
          if (sqlite3_column_int (stmt, 0) != 1)
            g_error ("round %u: event %s was committed but is not in the database", round, lines[i]);
          sqlite3_reset (stmt);
          committed++;
        }
      g_assert_cmpuint (committed, >=, 1);
      total += committed;
      g_test_message ("round %u: killed after %u committed events", round, committed);
    }

  /* Every kill landed while the child was writing. */
  g_assert_cmpuint (total, >=, ROUNDS);
}

/* In the child: import the package named in the file data_dir/../package,
 * telling the parent how far it got. */
static gboolean pause_after_first_report;

static void
report_cb (guint64  done,
           guint64  total,
           gpointer user_data)
{
  static gboolean reported;
  g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "\n", done, total);

  write_all (GPOINTER_TO_INT (user_data), line);
  /* Gives the parent time to act while this import is surely under way. */
  if (pause_after_first_report && !reported)
    g_usleep (2 * G_USEC_PER_SEC);
  reported = TRUE;
}

static void G_GNUC_NORETURN
importer (const char *data_dir,
          int         out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_path_get_dirname (data_dir);
  g_autofree char *package = g_build_filename (parent, "big.zip", NULL);
  g_autoptr(HsLibrary) library = hs_library_new (data_dir, &error);
  g_autoptr(HsCourse) course = NULL;

  if (library == NULL)
    _exit (2);
  course = hs_library_import (library, package, report_cb, GINT_TO_POINTER (out), NULL, &error);
  write_all (out, course != NULL ? "installed\n" : "refused\n");
  /* Stay alive until killed, so every round ends the same way. */
  for (;;)
    pause ();
}

/* A course with @n_files files of incompressible data, so that extracting
 * it takes a while. */
static char *
make_big_package (const char *parent,
                  guint       n_files)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tree = hs_test_make_course_tree (parent, "vn.test.lon", "1.0", 1);
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autofree char *path = g_build_filename (parent, "big.zip", NULL);
  GRand *rand = g_rand_new_with_seed (99);
  g_autofree guint32 *block = g_new (guint32, 256 * 1024);

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("media/phan-%03u.webm", i);
      g_autofree char *file = g_build_filename (tree, name, NULL);
      g_autofree char *dir = g_path_get_dirname (file);

      for (guint j = 0; j < 256 * 1024; j++)
        block[j] = g_rand_int (rand);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_file_set_contents (file, (const char *) block, 1024 * 1024, &error);
      g_assert_no_error (error);
    }
  g_rand_free (rand);

  hs_test_archive_add_tree (archive, tree, "");
  hs_test_archive_write (archive, path, &error);
  g_assert_no_error (error);
  hs_test_rm_rf (tree);
  return g_steal_pointer (&path);
}

static guint
count_rows (HsLibrary  *library,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  HsStore *store = hs_library_get_store (library);
  sqlite3_stmt *stmt = hs_store_query (store, &error, sql, NULL);
  guint n;

  g_assert_no_error (error);
  g_assert_cmpint (hs_store_step (store, stmt, &error), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
test_import_killed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  g_autofree char *package = make_big_package (f->tmp, 40);
  g_autofree char *staging = g_build_filename (f->data_dir, "staging", NULL);
  g_autofree char *course_dir = g_build_filename (f->data_dir, "courses", "vn.test.lon", NULL);
  g_autofree char *first_package = hs_test_make_package (f->tmp, "vn.test.a", "1.0", 2, HS_TEST_FORMAT_ZIP, FALSE);
  g_autofree char *kept = NULL;
  guint mid_way = 0;

  {
    g_autoptr(HsLibrary) library = hs_library_new (f->data_dir, &error);
    g_autoptr(HsCourse) course = hs_library_import (library, first_package, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    kept = hs_test_snapshot_tree (hs_course_get_path (course));
  }

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(HsLibrary) library = NULL;
      g_autoptr(GPtrArray) courses = NULL;
      g_autofree char *check = NULL;
      /* Kill somewhere between 5 % and 95 % of the way through the
       * archive; the last rounds let it finish, to see both ends. */
      guint kill_at = round < 4 ? (guint) g_rand_int_range (rand, 5, 95) : 101;
      gboolean was_staging = FALSE;
      gboolean installed = FALSE;
      int fd;
      pid_t pid = fork_child (importer, f->data_dir, &fd);

      for (;;)
        {
          const char *last;
          guint64 done = 0, total = 1;
          gsize before = out->len;

          read_lines (fd, out, FALSE);
          if (out->len == before)
            g_error ("round %u: the importer ended by itself", round);
          if (strstr (out->str, "installed\n") != NULL || strstr (out->str, "refused\n") != NULL)
            {
              installed = strstr (out->str, "installed\n") != NULL;
              break;
            }
          last = out->str;
          for (const char *p = strchr (out->str, '\n'); p != NULL && p[1] != '\0'; p = strchr (p + 1, '\n'))
            last = p + 1;
          if (sscanf (last, "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, &done, &total) == 2 &&
              done * 100 >= total * kill_at)
            break;
        }
      was_staging = g_file_test (staging, G_FILE_TEST_IS_DIR);
      kill_and_reap (pid);
      close (fd);
      if (!installed && kill_at <= 100)
        {
          g_assert_true (was_staging);
          mid_way++;
        }

      check = integrity (f->data_dir);
      g_assert_cmpstr (check, ==, "ok");

      /* The next start sweeps what the killed import left. */
      library = hs_library_new (f->data_dir, &error);
      g_assert_no_error (error);
      g_assert_false (g_file_test (staging, G_FILE_TEST_EXISTS));
      courses = hs_library_list (library, &error);
      g_assert_no_error (error);

      if (installed)
        {
          g_autoptr(HsCourse) course = hs_library_get_course (library, "vn.test.lon", &error);
          g_autofree char *last_file = NULL;

          g_assert_no_error (error);
          last_file = g_build_filename (hs_course_get_path (course), "media", "phan-039.webm", NULL);
          g_assert_true (g_file_test (last_file, G_FILE_TEST_IS_REGULAR));
          g_assert_cmpuint (courses->len, ==, 2);
          g_assert_true (hs_library_remove (library, "vn.test.lon", TRUE, &error));
          g_assert_no_error (error);
        }
      else
        {
          /* No row, no folder, nothing half there. */
          g_assert_cmpuint (courses->len, ==, 1);
          g_assert_cmpuint (count_rows (library, "SELECT count(*) FROM courses WHERE id = 'vn.test.lon'"), ==, 0);
          g_assert_cmpuint (count_rows (library, "SELECT count(*) FROM lessons WHERE course_id = 'vn.test.lon'"), ==, 0);
          g_assert_false (g_file_test (course_dir, G_FILE_TEST_EXISTS));
        }

      /* The course that was there before is untouched. */
      {
        g_autoptr(HsCourse) a = hs_library_get_course (library, "vn.test.a", &error);
        g_autofree char *now = NULL;

        g_assert_no_error (error);
        now = hs_test_snapshot_tree (hs_course_get_path (a));
        g_assert_cmpstr (now, ==, kept);
      }
      g_test_message ("round %u: %s", round, installed ? "finished before the kill" : "killed mid-way");
    }

  g_assert_cmpuint (mid_way, >=, 4);
}

/* The sweep is for what a dead process left: a library opened while
 * another process imports (the app and `hocso import` at once) must leave
 * that import's staging folder alone. */
static void
test_sweep_spares_live_import (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *package = make_big_package (f->tmp, 40);
  g_autofree char *staging = g_build_filename (f->data_dir, "staging", NULL);
  g_autoptr(HsLibrary) second = NULL;
  g_autoptr(HsLibrary) after = NULL;
  g_autoptr(HsCourse) course = NULL;
  int fd;
  pid_t pid;

  /* The data folder exists before the child opens it. */
  after = hs_library_new (f->data_dir, &error);
  g_assert_no_error (error);
  g_clear_object (&after);

  pause_after_first_report = TRUE;
  pid = fork_child (importer, f->data_dir, &fd);
  pause_after_first_report = FALSE;
  while (strstr (out->str, "/") == NULL)
    {
      gsize before = out->len;

      read_lines (fd, out, FALSE);
      if (out->len == before)
        g_error ("the importer ended before it began");
    }
  g_assert_true (g_file_test (staging, G_FILE_TEST_IS_DIR));

  second = hs_library_new (f->data_dir, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (staging, G_FILE_TEST_IS_DIR));

  /* The import goes on to the end. */
  while (strstr (out->str, "installed\n") == NULL && strstr (out->str, "refused\n") == NULL)
    {
      gsize before = out->len;

      read_lines (fd, out, FALSE);
      if (out->len == before)
        g_error ("the importer ended without a result");
    }
  kill_and_reap (pid);
  close (fd);
  g_assert_nonnull (strstr (out->str, "installed\n"));

  course = hs_library_get_course (second, "vn.test.lon", &error);
  g_assert_no_error (error);
  g_assert_nonnull (course);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hocso/crash/progress-survives-kill", Fixture, NULL,
              fixture_set_up, test_progress_survives_kill, fixture_tear_down);
  g_test_add ("/hocso/crash/import-killed-mid-way", Fixture, NULL,
              fixture_set_up, test_import_killed, fixture_tear_down);
  g_test_add ("/hocso/crash/sweep-spares-live-import", Fixture, NULL,
              fixture_set_up, test_sweep_spares_live_import, fixture_tear_down);

  return g_test_run ();
}
