/* hs-store.c — the one door to the SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-store"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-store.h"
#include "hs-search-fts.h"

struct _HsStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* sql → sqlite3_stmt, prepared once and reused */
  guint       depth;        /* transaction nesting, > 1 uses savepoints */
};

G_DEFINE_FINAL_TYPE (HsStore, hs_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (hs-store-error-quark, hs_store_error)

/* Schema migrations: entry N brings the database from user_version N to
 * N + 1.  Never edit an entry that has shipped; append a new one. */
static const char * const migrations[] = {
  /* 0 → 1: learners, installed courses, progress and the event log. */
  "CREATE TABLE learners ("
  "  id        INTEGER PRIMARY KEY,"
  "  uuid      TEXT NOT NULL UNIQUE,"
  "  name      TEXT NOT NULL,"
  "  name_key  TEXT NOT NULL UNIQUE,"
  "  role      TEXT NOT NULL CHECK (role IN ('manager', 'teacher', 'staff')),"
  "  pin_hash  TEXT,"
  "  created   TEXT NOT NULL"
  ");"
  "CREATE TABLE courses ("
  "  id         TEXT NOT NULL,"
  "  version    TEXT NOT NULL,"
  "  title      TEXT NOT NULL,"
  "  manifest   TEXT NOT NULL,"
  "  path       TEXT NOT NULL,"
  "  source     TEXT,"
  "  size       INTEGER NOT NULL DEFAULT 0,"
  "  installed  TEXT NOT NULL,"
  "  is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),"
  "  PRIMARY KEY (id, version)"
  ");"
  "CREATE UNIQUE INDEX courses_one_current ON courses (id) WHERE is_current = 1;"
  "CREATE TABLE lessons ("
  "  course_id  TEXT NOT NULL,"
  "  version    TEXT NOT NULL,"
  "  id         TEXT NOT NULL,"
  "  module_id  TEXT NOT NULL,"
  "  position   INTEGER NOT NULL,"
  "  kind       TEXT NOT NULL,"
  "  title      TEXT NOT NULL,"
  "  src        TEXT NOT NULL,"
  "  required   INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (course_id, version, id),"
  "  FOREIGN KEY (course_id, version) REFERENCES courses (id, version) ON DELETE CASCADE"
  ");"
  /* Progress is keyed by course id and lesson id, not by version, so it
   * survives an update of the course. */
  "CREATE TABLE progress ("
  "  learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,"
  "  course_id  TEXT NOT NULL,"
  "  lesson_id  TEXT NOT NULL,"
  "  status     TEXT NOT NULL CHECK (status IN ('in_progress', 'completed')),"
  "  fraction   REAL NOT NULL DEFAULT 0 CHECK (fraction >= 0 AND fraction <= 1),"
  "  location   TEXT,"
  "  passed     INTEGER,"
  "  score      REAL,"
  "  seconds    INTEGER NOT NULL DEFAULT 0,"
  "  opened     TEXT NOT NULL,"
  "  updated    TEXT NOT NULL,"
  "  completed  TEXT,"
  "  PRIMARY KEY (learner_id, course_id, lesson_id)"
  ");"
  /* The append-only log, one row per xAPI-shaped statement. */
  "CREATE TABLE events ("
  "  id             INTEGER PRIMARY KEY,"
  "  uuid           TEXT NOT NULL UNIQUE,"
  "  learner_id     INTEGER NOT NULL REFERENCES learners (id),"
  "  verb           TEXT NOT NULL,"
  "  course_id      TEXT NOT NULL,"
  "  course_version TEXT,"
  "  lesson_id      TEXT,"
  "  result         TEXT,"
  "  time           TEXT NOT NULL"
  ");"
  "CREATE INDEX events_by_learner ON events (learner_id, time);"
  "CREATE INDEX events_by_course ON events (course_id);"
  "CREATE TRIGGER events_append_only BEFORE UPDATE ON events"
  "  BEGIN SELECT RAISE (ABORT, 'events are append-only'); END;"
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ");",

  /* 1 → 2: assessed attempts (quizzes, walkthrough tests) and the response
   * given to each of their items.  An attempt with no `finished` time is
   * open; a learner has at most one open attempt per lesson, which is
   * resumed.  `items` is the JSON list of the item ids the attempt asks, in
   * the order it asks them, fixed when it starts. */
  "CREATE TABLE attempts ("
  "  id             INTEGER PRIMARY KEY,"
  "  uuid           TEXT NOT NULL UNIQUE,"
  "  learner_id     INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,"
  "  course_id      TEXT NOT NULL,"
  "  course_version TEXT NOT NULL,"
  "  lesson_id      TEXT NOT NULL,"
  "  kind           TEXT NOT NULL CHECK (kind IN ('quiz', 'walkthrough')),"
  "  mode           TEXT,"
  "  seed           INTEGER NOT NULL,"
  "  items          TEXT NOT NULL,"
  "  position       INTEGER NOT NULL DEFAULT 0,"
  "  started        TEXT NOT NULL,"
  "  deadline       TEXT,"
  "  finished       TEXT,"
  "  ended_by       TEXT CHECK (ended_by IN ('submitted', 'time_limit')),"
  "  earned         REAL,"
  "  max_points     REAL,"
  "  score          REAL CHECK (score >= 0 AND score <= 1),"
  "  pass_mark      REAL NOT NULL,"
  "  passed         INTEGER CHECK (passed IN (0, 1))"
  ");"
  "CREATE UNIQUE INDEX attempts_one_open ON attempts (learner_id, course_id, lesson_id)"
  "  WHERE finished IS NULL;"
  "CREATE INDEX attempts_by_lesson ON attempts (course_id, lesson_id, learner_id);"
  "CREATE TABLE responses ("
  "  attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,"
  "  item_id    TEXT NOT NULL,"
  "  response   TEXT NOT NULL,"
  "  earned     REAL,"
  "  max_points REAL NOT NULL,"
  "  correct    INTEGER CHECK (correct IN (0, 1)),"
  "  tries      INTEGER NOT NULL DEFAULT 1,"
  "  answered   TEXT NOT NULL,"
  "  PRIMARY KEY (attempt_id, item_id)"
  ");",

  /* 2 → 3: the search index (hs-search.c).  search_docs holds one row per
   * current course (its title; its summary and module titles as body;
   * lesson_id NULL) and one per lesson, with the text hs-search extracted
   * from the files; `extra` is searched but never shown (quiz
   * explanations).  Two FTS5 tables index it as external content through
   * the hocso tokenizer (hs-search-fts.c), which hs_store_open() registers
   * before this runs: `search` all three columns, `search_titles` the
   * titles alone, so that title matches are found without going through
   * every text match.  Triggers keep them in step, so deleting a course
   * cascades into the index too.  Courses installed before this migration
   * are indexed by hs_library_new(). */
  "CREATE TABLE search_docs ("
  "  id         INTEGER PRIMARY KEY,"
  "  course_id  TEXT NOT NULL,"
  "  version    TEXT NOT NULL,"
  "  lesson_id  TEXT,"
  "  title      TEXT NOT NULL,"
  "  body       TEXT NOT NULL,"
  "  extra      TEXT NOT NULL,"
  "  FOREIGN KEY (course_id, version) REFERENCES courses (id, version) ON DELETE CASCADE"
  ");"
  "CREATE INDEX search_docs_by_course ON search_docs (course_id, version);"
  "CREATE VIRTUAL TABLE search USING fts5 ("
  "  title, body, extra,"
  "  content = 'search_docs', content_rowid = 'id',"
  "  tokenize = 'hocso', prefix = '2 3 4 5 6 7'"
  ");"
  "CREATE VIRTUAL TABLE search_titles USING fts5 ("
  "  title,"
  "  content = 'search_docs', content_rowid = 'id',"
  "  tokenize = 'hocso', prefix = '2 3 4 5 6 7'"
  ");"
  "CREATE TRIGGER search_docs_insert AFTER INSERT ON search_docs BEGIN"
  "  INSERT INTO search (rowid, title, body, extra)"
  "    VALUES (new.id, new.title, new.body, new.extra);"
  "  INSERT INTO search_titles (rowid, title) VALUES (new.id, new.title);"
  "END;"
  "CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN"
  "  INSERT INTO search (search, rowid, title, body, extra)"
  "    VALUES ('delete', old.id, old.title, old.body, old.extra);"
  "  INSERT INTO search_titles (search_titles, rowid, title)"
  "    VALUES ('delete', old.id, old.title);"
  "END;"
  "CREATE TRIGGER search_docs_no_update BEFORE UPDATE ON search_docs"
  "  BEGIN SELECT RAISE (ABORT, 'search documents are replaced, not updated'); END;",

  /* 3 → 4: SCORM run-time data.  `scorm_state` keeps the CMI data model of
   * a learner's SCO as the run-time renders it (JSON), keyed like progress
   * so it survives a course update; `version` says which SCORM data model
   * it is, `total_seconds` the session times added up (cmi.core.total_time
   * or cmi.total_time on the next launch).  `scorm_interactions` keeps each
   * interaction of that data model as a row, for reports: `n` is its index
   * in cmi.interactions, `correct_responses` and `objectives` JSON lists. */
  "CREATE TABLE scorm_state ("
  "  learner_id    INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,"
  "  course_id     TEXT NOT NULL,"
  "  lesson_id     TEXT NOT NULL,"
  "  version       TEXT NOT NULL CHECK (version IN ('1.2', '2004')),"
  "  cmi           TEXT NOT NULL,"
  "  total_seconds REAL NOT NULL DEFAULT 0 CHECK (total_seconds >= 0),"
  "  launches      INTEGER NOT NULL DEFAULT 0,"
  "  updated       TEXT NOT NULL,"
  "  PRIMARY KEY (learner_id, course_id, lesson_id)"
  ");"
  "CREATE TABLE scorm_interactions ("
  "  learner_id        INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,"
  "  course_id         TEXT NOT NULL,"
  "  lesson_id         TEXT NOT NULL,"
  "  n                 INTEGER NOT NULL CHECK (n >= 0),"
  "  id                TEXT NOT NULL,"
  "  type              TEXT,"
  "  time              TEXT,"
  "  weighting         TEXT,"
  "  response          TEXT,"
  "  result            TEXT,"
  "  latency           TEXT,"
  "  description       TEXT,"
  "  correct_responses TEXT NOT NULL DEFAULT '[]',"
  "  objectives        TEXT NOT NULL DEFAULT '[]',"
  "  updated           TEXT NOT NULL,"
  "  PRIMARY KEY (learner_id, course_id, lesson_id, n)"
");",

  /* 4 → 5: certificates and the public keys of other installations.  A
   * certificate's `payload` is the signed text exactly as issued (see
   * hs-certificate.c); the other columns repeat its facts for queries.
   * One certificate per learner and course: issuing again returns it. */
  "CREATE TABLE certificates ("
  "  id              INTEGER PRIMARY KEY,"
  "  serial          TEXT NOT NULL UNIQUE,"
  "  learner_id      INTEGER NOT NULL REFERENCES learners (id),"
  "  course_id       TEXT NOT NULL,"
  "  course_version  TEXT NOT NULL,"
  "  completed       TEXT NOT NULL,"
  "  score           REAL CHECK (score >= 0 AND score <= 1),"
  "  issued          TEXT NOT NULL,"
  "  key_fingerprint TEXT NOT NULL,"
  "  payload         TEXT NOT NULL,"
  "  UNIQUE (learner_id, course_id)"
  ");"
  "CREATE TRIGGER certificates_unchanging BEFORE UPDATE ON certificates"
  "  BEGIN SELECT RAISE (ABORT, 'certificates are never changed'); END;"
  "CREATE TABLE trusted_keys ("
  "  fingerprint TEXT PRIMARY KEY,"
  "  public_key  TEXT NOT NULL UNIQUE,"
  "  label       TEXT NOT NULL,"
  "  added       TEXT NOT NULL"
  ");",
};

static gboolean
set_error (HsStore  *self,
           int       rc,
           GError  **error)
{
  HsStoreError code;

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      code = HS_STORE_ERROR_CONSTRAINT;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = HS_STORE_ERROR_BUSY;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = HS_STORE_ERROR_CORRUPT;
      break;
    default:
      code = HS_STORE_ERROR_FAILED;
      break;
    }

  g_set_error (error, HS_STORE_ERROR, code,
               _("Database error in “%s”: %s (SQLite code %d)"),
               self->path, sqlite3_errmsg (self->db), rc);
  return FALSE;
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
hs_store_finalize (GObject *object)
{
  HsStore *self = (HsStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (hs_store_parent_class)->finalize (object);
}

static void
hs_store_class_init (HsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_store_finalize;
}

static void
hs_store_init (HsStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            statement_free);
}

gboolean
hs_store_exec (HsStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc;

  g_return_val_if_fail (HS_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_error (self, rc, error);
  return TRUE;
}

static gboolean
migrate (HsStore  *self,
         GError  **error)
{
  int version = hs_store_get_schema_version (self);

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, HS_STORE_ERROR, HS_STORE_ERROR_NEWER_SCHEMA,
                   _("The database “%s” was written by a newer Học Số (schema %d; this one knows %d). Update Học Số to open it."),
                   self->path, version, (int) G_N_ELEMENTS (migrations));
      return FALSE;
    }

  for (; version < (int) G_N_ELEMENTS (migrations); version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!hs_store_begin (self, error))
        return FALSE;
      if (!hs_store_exec (self, migrations[version], error) ||
          !hs_store_exec (self, bump, error) ||
          !hs_store_commit (self, error))
        {
          hs_store_rollback (self);
          return FALSE;
        }
      g_debug ("Migrated %s to schema %d", self->path, version + 1);
    }

  return TRUE;
}

/**
 * hs_store_open:
 * @path: the database file, or ":memory:"
 *
 * Opens (creating it if needed) the database, switches on WAL, foreign keys
 * and a busy timeout, and migrates the schema to the latest version.
 */
HsStore *
hs_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(HsStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (HS_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      if (self->db == NULL)
        {
          g_set_error (error, HS_STORE_ERROR, HS_STORE_ERROR_FAILED,
                       _("Could not open the database “%s”: %s"), path, sqlite3_errstr (rc));
          return NULL;
        }
      set_error (self, rc, error);
      return NULL;
    }

  rc = sqlite3_busy_timeout (self->db, 5000);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return NULL;
    }

  /* Before any migration: migration 3 creates a table that uses it. */
  rc = hs_search_fts_register (self->db);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return NULL;
    }

  /* journal_mode returns a row, so it cannot go through sqlite3_exec's
   * error-free path silently: a read-only or corrupt file fails here. */
  if (!hs_store_exec (self, "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = NORMAL;"
                            "PRAGMA foreign_keys = ON;", error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

int
hs_store_get_schema_version (HsStore *self)
{
  sqlite3_stmt *stmt;
  int version = -1;

  g_return_val_if_fail (HS_IS_STORE (self), -1);

  stmt = hs_store_query (self, NULL, "PRAGMA user_version", NULL);
  if (stmt != NULL && hs_store_step (self, stmt, NULL) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

int
hs_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

sqlite3 *
hs_store_get_handle (HsStore *self)
{
  g_return_val_if_fail (HS_IS_STORE (self), NULL);

  return self->db;
}

static sqlite3_stmt *
query_valist (HsStore     *self,
              GError     **error,
              const char  *sql,
              const char  *types,
              va_list      args)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          set_error (self, rc, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  for (int i = 0; types != NULL && types[i] != '\0'; i++)
    {
      int col = i + 1;

      switch (types[i])
        {
        case 's':
          {
            const char *s = va_arg (args, const char *);
            rc = s ? sqlite3_bind_text (stmt, col, s, -1, SQLITE_TRANSIENT)
                   : sqlite3_bind_null (stmt, col);
          }
          break;
        case 'i':
          rc = sqlite3_bind_int (stmt, col, va_arg (args, int));
          break;
        case 'I':
          rc = sqlite3_bind_int64 (stmt, col, va_arg (args, gint64));
          break;
        case 'd':
          rc = sqlite3_bind_double (stmt, col, va_arg (args, double));
          break;
        case 'n':
          rc = sqlite3_bind_null (stmt, col);
          break;
        default:
          g_assert_not_reached ();
        }

      if (rc != SQLITE_OK)
        {
          set_error (self, rc, error);
          return NULL;
        }
    }

  return stmt;
}

/**
 * hs_store_query:
 * @types: one character per parameter: 's' text (NULL binds NULL), 'i' int,
 *   'I' gint64, 'd' double, 'n' NULL (takes no argument)
 *
 * Returns a cached prepared statement with the parameters bound, ready for
 * hs_store_step(). The statement belongs to the store: never finalize it,
 * and do not run the same SQL again while stepping through it.
 */
sqlite3_stmt *
hs_store_query (HsStore     *self,
                GError     **error,
                const char  *sql,
                const char  *types,
                ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  g_return_val_if_fail (HS_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  va_start (args, types);
  stmt = query_valist (self, error, sql, types, args);
  va_end (args);

  return stmt;
}

/**
 * hs_store_step:
 *
 * Returns: SQLITE_ROW or SQLITE_DONE, or -1 with @error set.
 */
int
hs_store_step (HsStore       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc;

  g_return_val_if_fail (HS_IS_STORE (self), -1);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  set_error (self, rc, error);
  sqlite3_reset (stmt);
  return -1;
}

/**
 * hs_store_run:
 *
 * Like hs_store_query(), then steps the statement to its end.
 */
gboolean
hs_store_run (HsStore     *self,
              GError     **error,
              const char  *sql,
              const char  *types,
              ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  g_return_val_if_fail (HS_IS_STORE (self), FALSE);

  va_start (args, types);
  stmt = query_valist (self, error, sql, types, args);
  va_end (args);

  if (stmt == NULL)
    return FALSE;

  while ((rc = hs_store_step (self, stmt, error)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

gint64
hs_store_last_insert_id (HsStore *self)
{
  g_return_val_if_fail (HS_IS_STORE (self), 0);

  return sqlite3_last_insert_rowid (self->db);
}

int
hs_store_changes (HsStore *self)
{
  g_return_val_if_fail (HS_IS_STORE (self), 0);

  return sqlite3_changes (self->db);
}

/**
 * hs_store_begin:
 *
 * Starts a write transaction (BEGIN IMMEDIATE, so a concurrent writer waits
 * here instead of failing half way), or a savepoint when one is already open.
 */
gboolean
hs_store_begin (HsStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (HS_IS_STORE (self), FALSE);

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT hs_%u", self->depth);

  if (!hs_store_exec (self, sql, error))
    return FALSE;

  self->depth++;
  return TRUE;
}

gboolean
hs_store_commit (HsStore  *self,
                 GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (HS_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE hs_%u", self->depth - 1);

  if (!hs_store_exec (self, sql, error))
    return FALSE;

  self->depth--;
  return TRUE;
}

void
hs_store_rollback (HsStore *self)
{
  g_autofree char *sql = NULL;
  int rc;

  g_return_if_fail (HS_IS_STORE (self));

  if (self->depth == 0)
    return;

  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO hs_%u; RELEASE hs_%u", self->depth - 1, self->depth - 1);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_warning ("Rollback failed on %s: %s", self->path, sqlite3_errmsg (self->db));

  self->depth--;
}

/**
 * hs_store_transaction:
 *
 * Runs @func inside a transaction: commits when it returns %TRUE, rolls
 * back when it returns %FALSE or the commit fails.
 */
gboolean
hs_store_transaction (HsStore                 *self,
                      HsStoreTransactionFunc   func,
                      gpointer                 user_data,
                      GError                 **error)
{
  g_return_val_if_fail (HS_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!hs_store_begin (self, error))
    return FALSE;

  if (!func (self, user_data, error) || !hs_store_commit (self, error))
    {
      hs_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}
