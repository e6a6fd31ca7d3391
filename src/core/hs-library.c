/* hs-library.c — installed courses: import, update, remove, list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import extracts into <data-dir>/staging/import-XXXXXX, reads the
 * manifest there, then moves the course root to
 * <data-dir>/courses/<id>/<version> with one rename() and writes the rows in
 * one transaction.  If anything fails, the rename is undone and the staging
 * folder removed, so a refused package leaves no folder and no row.
 *
 * Imports and removals hold a shared lock on <data-dir>/library.lock.  When a
 * library is opened and nobody holds it, leftovers of a crash are swept: the
 * staging folder, and course folders that no database row names.
 */
#define G_LOG_DOMAIN "hs-library"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hs-library.h"
#include "hs-manifest.h"
#include "hs-search.h"
#include "hs-utils.h"

struct _HsLibrary
{
  GObject          parent_instance;

  char            *data_dir;
  char            *courses_dir;
  char            *staging_dir;
  char            *lock_path;
  HsStore         *store;
  HsPackageLimits  limits;
};

G_DEFINE_FINAL_TYPE (HsLibrary, hs_library, G_TYPE_OBJECT)

G_DEFINE_QUARK (hs-library-error-quark, hs_library_error)

static int
take_lock (HsLibrary *self,
           int        operation)
{
  int fd = g_open (self->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

  if (fd < 0)
    return -1;
  if (flock (fd, operation) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static void
release_lock (int fd)
{
  if (fd >= 0)
    close (fd);
}

static gboolean
course_row_exists (HsLibrary  *self,
                   const char *id,
                   const char *version)
{
  sqlite3_stmt *stmt = hs_store_query (self->store, NULL,
                                       "SELECT 1 FROM courses WHERE id = ? AND version = ?",
                                       "ss", id, version);
  gboolean found = stmt != NULL && hs_store_step (self->store, stmt, NULL) == SQLITE_ROW;

  if (stmt != NULL)
    sqlite3_reset (stmt);
  return found;
}

/* Runs only when no other process imports or removes: what a crash left
 * half done is safe to delete. */
static void
sweep_leftovers (HsLibrary *self)
{
  g_autoptr(GDir) courses = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  int fd;

  fd = take_lock (self, LOCK_EX | LOCK_NB);
  if (fd < 0)
    return;

  if (!hs_utils_rm_rf (self->staging_dir, &error))
    g_warning ("Could not clean %s: %s", self->staging_dir, error->message);

  courses = g_dir_open (self->courses_dir, 0, NULL);
  while (courses != NULL && (id = g_dir_read_name (courses)) != NULL)
    {
      g_autofree char *course_dir = g_build_filename (self->courses_dir, id, NULL);
      g_autoptr(GDir) versions = g_dir_open (course_dir, 0, NULL);
      const char *version;

      while (versions != NULL && (version = g_dir_read_name (versions)) != NULL)
        {
          g_autofree char *path = g_build_filename (course_dir, version, NULL);

          if (!course_row_exists (self, id, version))
            {
              g_message ("Removing %s, which no course record names", path);
              hs_utils_rm_rf (path, NULL);
            }
        }
      g_rmdir (course_dir);  /* only succeeds when now empty */
    }

  release_lock (fd);
}

static void index_unindexed (HsLibrary *self);

static void
hs_library_finalize (GObject *object)
{
  HsLibrary *self = (HsLibrary *)object;

  g_free (self->data_dir);
  g_free (self->courses_dir);
  g_free (self->staging_dir);
  g_free (self->lock_path);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hs_library_parent_class)->finalize (object);
}

static void
hs_library_class_init (HsLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_library_finalize;
}

static void
hs_library_init (HsLibrary *self)
{
  hs_package_limits_init_default (&self->limits);
}

/**
 * hs_library_default_data_dir:
 *
 * $HOCSO_DATA_DIR when set, else $XDG_DATA_HOME/hocso.
 */
char *
hs_library_default_data_dir (void)
{
  const char *env = g_getenv ("HOCSO_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "hocso", NULL);
}

HsLibrary *
hs_library_new (const char  *data_dir,
                GError     **error)
{
  g_autoptr(HsLibrary) self = NULL;
  g_autofree char *db_path = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (HS_TYPE_LIBRARY, NULL);
  self->data_dir = g_canonicalize_filename (data_dir, NULL);
  self->courses_dir = g_build_filename (self->data_dir, "courses", NULL);
  self->staging_dir = g_build_filename (self->data_dir, "staging", NULL);
  self->lock_path = g_build_filename (self->data_dir, "library.lock", NULL);

  if (g_mkdir_with_parents (self->courses_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_DATA_DIR,
                   _("Could not create the data folder “%s”: %s"),
                   self->data_dir, g_strerror (saved_errno));
      return NULL;
    }

  db_path = g_build_filename (self->data_dir, "hocso.db", NULL);
  self->store = hs_store_open (db_path, error);
  if (self->store == NULL)
    return NULL;

  sweep_leftovers (self);
  index_unindexed (self);

  return g_steal_pointer (&self);
}

const char *
hs_library_get_data_dir (HsLibrary *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  return self->data_dir;
}

HsStore *
hs_library_get_store (HsLibrary *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  return self->store;
}

void
hs_library_set_limits (HsLibrary             *self,
                       const HsPackageLimits *limits)
{
  g_return_if_fail (HS_IS_LIBRARY (self));
  g_return_if_fail (limits != NULL);

  self->limits = *limits;
}

const HsPackageLimits *
hs_library_get_limits (HsLibrary *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  return &self->limits;
}

static char *
current_version (HsLibrary   *self,
                 const char  *id,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  char *version = NULL;
  int rc;

  stmt = hs_store_query (self->store, error,
                         "SELECT version FROM courses WHERE id = ? AND is_current = 1", "s", id);
  if (stmt == NULL)
    return NULL;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    version = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return version;
}

typedef struct {
  HsCourse   *course;
  GPtrArray  *documents;       /* for the search index */
  const char *relative_path;
  const char *installed;
} InsertData;

static gboolean
insert_course_txn (HsStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  InsertData *data = user_data;
  HsCourse *course = data->course;
  const char *id = hs_course_get_id (course);
  const char *version = hs_course_get_version (course);
  GPtrArray *lessons = hs_course_get_lessons (course);

  if (!hs_store_run (store, error, "UPDATE courses SET is_current = 0 WHERE id = ?", "s", id))
    return FALSE;

  if (!hs_store_run (store, error,
                     "INSERT INTO courses (id, version, title, manifest, path, source, size, installed, is_current)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                     "ssssssIs", id, version, hs_course_get_title (course),
                     hs_course_get_manifest_json (course), data->relative_path,
                     hs_course_get_source (course), (gint64) hs_course_get_size (course),
                     data->installed))
    return FALSE;

  for (guint i = 0; i < lessons->len; i++)
    {
      HsLesson *lesson = g_ptr_array_index (lessons, i);

      if (!hs_store_run (store, error,
                         "INSERT INTO lessons (course_id, version, id, module_id, position, kind, title, src, required)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         "ssssisssi", id, version, hs_lesson_get_id (lesson),
                         hs_lesson_get_module_id (lesson), (int) i,
                         hs_lesson_kind_to_string (hs_lesson_get_kind (lesson)),
                         hs_lesson_get_title (lesson), hs_lesson_get_src (lesson),
                         (int) hs_lesson_get_required (lesson)))
        return FALSE;
    }

  /* The index follows the current version, in the same transaction. */
  return hs_search_index_course (store, course, data->documents, error);
}

static gboolean
rename_or_error (const char  *from,
                 const char  *to,
                 GError     **error)
{
  if (g_rename (from, to) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not move “%s” to “%s”: %s"), from, to, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* The folder staging/<prefix>-XXXXXX for one import or removal. */
static char *
make_work_dir (HsLibrary   *self,
               const char  *prefix,
               GError     **error)
{
  g_autofree char *template = NULL;

  if (g_mkdir_with_parents (self->staging_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_DATA_DIR,
                   _("Could not create the data folder “%s”: %s"),
                   self->staging_dir, g_strerror (saved_errno));
      return NULL;
    }

  template = g_strdup_printf ("%s/%s-XXXXXX", self->staging_dir, prefix);
  if (g_mkdtemp (template) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_DATA_DIR,
                   _("Could not create a folder in “%s”: %s"),
                   self->staging_dir, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&template);
}

static HsCourse *
import_locked (HsLibrary              *self,
               const char             *archive_path,
               const char             *work_dir,
               HsPackageProgressFunc   progress,
               gpointer                user_data,
               GCancellable           *cancellable,
               GError                **error)
{
  g_autofree char *root = NULL;
  g_autofree char *installed_version = NULL;
  g_autofree char *course_dir = NULL;
  g_autofree char *dest = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *now = NULL;
  g_autofree char *source = NULL;
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean made_course_dir;
  InsertData data;
  const char *id, *version;

  root = hs_package_extract (archive_path, work_dir, &self->limits,
                             progress, user_data, cancellable, error);
  if (root == NULL)
    return NULL;

  course = hs_manifest_load (root, error);
  if (course == NULL)
    return NULL;

  id = hs_course_get_id (course);
  version = hs_course_get_version (course);

  if (course_row_exists (self, id, version))
    {
      g_set_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_ALREADY_INSTALLED,
                   _("“%s” version %s is already installed."), hs_course_get_title (course), version);
      return NULL;
    }

  installed_version = current_version (self, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (installed_version != NULL && hs_utils_version_compare (installed_version, version) > 0)
    {
      g_set_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_NEWER_INSTALLED,
                   _("A newer version (%s) of “%s” is already installed; this package has version %s."),
                   installed_version, hs_course_get_title (course), version);
      return NULL;
    }

  /* Read the lessons' text for the search index now, so the transaction
   * below only writes. */
  documents = hs_search_collect (course, root, error);
  if (documents == NULL)
    return NULL;

  source = g_canonicalize_filename (archive_path, NULL);
  hs_course_set_source (course, source);
  hs_course_set_size (course, hs_utils_tree_size (root));

  course_dir = g_build_filename (self->courses_dir, id, NULL);
  made_course_dir = !g_file_test (course_dir, G_FILE_TEST_IS_DIR);
  if (g_mkdir_with_parents (course_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_DATA_DIR,
                   _("Could not create the data folder “%s”: %s"), course_dir, g_strerror (saved_errno));
      return NULL;
    }

  /* A folder without a row is what a crash between rename and commit
   * leaves; it holds nothing anyone needs. */
  dest = g_build_filename (course_dir, version, NULL);
  if (!hs_utils_rm_rf (dest, error) || !rename_or_error (root, dest, error))
    goto undo_dir;

  relative = g_build_filename ("courses", id, version, NULL);
  now = hs_utils_now_iso ();
  data.course = course;
  data.documents = documents;
  data.relative_path = relative;
  data.installed = now;

  if (!hs_store_transaction (self->store, insert_course_txn, &data, error))
    {
      hs_utils_rm_rf (dest, NULL);
      goto undo_dir;
    }

  hs_course_set_path (course, dest);
  hs_course_set_installed (course, now);
  return g_steal_pointer (&course);

undo_dir:
  if (made_course_dir)
    g_rmdir (course_dir);
  return NULL;
}

/**
 * hs_library_import:
 * @archive_path: a course package
 *
 * Installs the package, or refuses it leaving the library as it was.  A
 * newer version of an installed course is installed beside the old one and
 * becomes current; progress, keyed by course and lesson id, carries over.
 *
 * Returns: (transfer full): the installed course
 */
HsCourse *
hs_library_import (HsLibrary              *self,
                   const char             *archive_path,
                   HsPackageProgressFunc   progress,
                   gpointer                user_data,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_autofree char *work_dir = NULL;
  HsCourse *course;
  int lock;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (archive_path != NULL, NULL);

  lock = take_lock (self, LOCK_SH);

  work_dir = make_work_dir (self, "import", error);
  if (work_dir == NULL)
    {
      release_lock (lock);
      return NULL;
    }

  course = import_locked (self, archive_path, work_dir, progress, user_data, cancellable, error);

  hs_utils_rm_rf (work_dir, NULL);
  g_rmdir (self->staging_dir);
  release_lock (lock);

  return course;
}

static HsCourse *
course_from_row (HsLibrary     *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  const char *manifest = (const char *) sqlite3_column_text (stmt, 0);
  const char *path = (const char *) sqlite3_column_text (stmt, 1);
  g_autofree char *full = g_build_filename (self->data_dir, path, NULL);
  HsCourse *course;

  /* The manifest was checked against the files at import; here it is only
   * read back. */
  course = hs_manifest_parse (manifest, -1, NULL, error);
  if (course == NULL)
    return NULL;

  hs_course_set_path (course, full);
  hs_course_set_source (course, (const char *) sqlite3_column_text (stmt, 2));
  hs_course_set_size (course, sqlite3_column_int64 (stmt, 3));
  hs_course_set_installed (course, (const char *) sqlite3_column_text (stmt, 4));
  return course;
}

/**
 * hs_library_list:
 *
 * Returns: (transfer full) (element-type HsCourse): the current version of
 * every installed course, by title
 */
GPtrArray *
hs_library_list (HsLibrary  *self,
                 GError    **error)
{
  g_autoptr(GPtrArray) courses = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);

  stmt = hs_store_query (self->store, error,
                         "SELECT manifest, path, source, size, installed FROM courses"
                         " WHERE is_current = 1 ORDER BY title COLLATE NOCASE, id", NULL);
  if (stmt == NULL)
    return NULL;

  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      HsCourse *course = course_from_row (self, stmt, error);

      if (course == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (courses, course);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&courses) : NULL;
}

typedef struct {
  HsCourse  *course;
  GPtrArray *documents;
} IndexData;

static gboolean
index_txn (HsStore   *store,
           gpointer   user_data,
           GError   **error)
{
  IndexData *data = user_data;

  return hs_search_index_course (store, data->course, data->documents, error);
}

/* Courses installed before the search index existed (schema 2) have no
 * documents in it: index them from their files.  A course that cannot be
 * read stays installed, only unfound, and is tried again next time. */
static void
index_unindexed (HsLibrary *self)
{
  g_autoptr(GPtrArray) courses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = hs_store_query (self->store, &error,
                         "SELECT manifest, path, source, size, installed FROM courses c"
                         " WHERE is_current = 1 AND NOT EXISTS (SELECT 1 FROM search_docs d"
                         "   WHERE d.course_id = c.id AND d.version = c.version AND d.lesson_id IS NULL)",
                         NULL);
  while (stmt != NULL && hs_store_step (self->store, stmt, &error) == SQLITE_ROW)
    {
      HsCourse *course = course_from_row (self, stmt, &error);

      if (course == NULL)
        break;
      g_ptr_array_add (courses, course);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (error != NULL)
    {
      g_warning ("Could not list the courses to index for search: %s", error->message);
      return;
    }

  for (guint i = 0; i < courses->len; i++)
    {
      HsCourse *course = g_ptr_array_index (courses, i);
      g_autoptr(GPtrArray) documents = NULL;
      g_autoptr(GError) local_error = NULL;
      IndexData data;

      documents = hs_search_collect (course, hs_course_get_path (course), &local_error);
      data.course = course;
      data.documents = documents;
      if (documents == NULL ||
          !hs_store_transaction (self->store, index_txn, &data, &local_error))
        g_warning ("Could not index “%s” for search: %s",
                   hs_course_get_id (course), local_error->message);
      else
        g_debug ("Indexed %s %s for search", hs_course_get_id (course), hs_course_get_version (course));
    }
}

/**
 * hs_library_get_course:
 *
 * Returns: (transfer full): the current version of the course
 */
HsCourse *
hs_library_get_course (HsLibrary   *self,
                       const char  *course_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  HsCourse *course = NULL;
  int rc;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (course_id != NULL, NULL);

  stmt = hs_store_query (self->store, error,
                         "SELECT manifest, path, source, size, installed FROM courses"
                         " WHERE id = ? AND is_current = 1", "s", course_id);
  if (stmt == NULL)
    return NULL;

  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    course = course_from_row (self, stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_NOT_FOUND,
                 _("No course with the id “%s” is installed."), course_id);
  sqlite3_reset (stmt);

  return course;
}

/**
 * hs_library_get_course_path:
 *
 * A cheap look-up for every file request: the folder of the current
 * version of the course.
 *
 * Returns: (nullable): the folder, or %NULL when the course is not installed
 */
/* The titles of the lessons of @version of @course_id, by lesson id. */
static GHashTable *
lesson_titles (HsLibrary   *self,
               const char  *course_id,
               const char  *version,
               GPtrArray   *order,
               GError     **error)
{
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = hs_store_query (self->store, error,
                         "SELECT id, title FROM lessons WHERE course_id = ? AND version = ? ORDER BY position",
                         "ss", course_id, version);
  if (stmt == NULL)
    return NULL;
  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      char *id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

      g_hash_table_insert (titles, id, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      if (order != NULL)
        g_ptr_array_add (order, id);
    }
  sqlite3_reset (stmt);
  return rc == -1 ? NULL : g_steal_pointer (&titles);
}

/**
 * hs_library_get_update_changes:
 * @previous_version: (out): the version the current one replaced, or %NULL
 *   when there is none (the course was new)
 * @added: (out) (element-type utf8): titles of the lessons the current
 *   version has and the previous one had not, in course order
 * @removed: (out) (element-type utf8): titles of the lessons the previous
 *   version had and the current one has not
 *
 * What an update changed, for telling the learner.  Lessons are matched by
 * id, as progress is, so a renamed lesson is neither added nor removed.
 */
gboolean
hs_library_get_update_changes (HsLibrary   *self,
                               const char  *course_id,
                               char       **previous_version,
                               GPtrArray  **added,
                               GPtrArray  **removed,
                               GError     **error)
{
  g_autofree char *current = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(GHashTable) now = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GPtrArray) now_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) before_order = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (course_id != NULL, FALSE);

  *previous_version = NULL;
  *added = g_ptr_array_new_with_free_func (g_free);
  *removed = g_ptr_array_new_with_free_func (g_free);

  stmt = hs_store_query (self->store, error, "SELECT version, is_current FROM courses WHERE id = ?", "s", course_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      const char *version = (const char *) sqlite3_column_text (stmt, 0);

      if (sqlite3_column_int (stmt, 1))
        {
          g_free (current);
          current = g_strdup (version);
        }
      else if (previous == NULL || hs_utils_version_compare (version, previous) > 0)
        {
          g_free (previous);
          previous = g_strdup (version);
        }
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;
  if (current == NULL || previous == NULL)
    return TRUE;

  now = lesson_titles (self, course_id, current, now_order, error);
  before = now ? lesson_titles (self, course_id, previous, before_order, error) : NULL;
  if (before == NULL)
    return FALSE;

  for (guint i = 0; i < now_order->len; i++)
    if (!g_hash_table_contains (before, g_ptr_array_index (now_order, i)))
      g_ptr_array_add (*added, g_strdup (g_hash_table_lookup (now, g_ptr_array_index (now_order, i))));
  for (guint i = 0; i < before_order->len; i++)
    if (!g_hash_table_contains (now, g_ptr_array_index (before_order, i)))
      g_ptr_array_add (*removed, g_strdup (g_hash_table_lookup (before, g_ptr_array_index (before_order, i))));
  *previous_version = g_steal_pointer (&previous);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
bundled_stamp_matches (HsLibrary  *self,
                       const char *stamp)
{
  sqlite3_stmt *stmt;
  gboolean same = FALSE;

  stmt = hs_store_query (self->store, NULL, "SELECT value FROM settings WHERE key = 'bundled-courses'", "");
  if (stmt == NULL)
    return FALSE;
  if (hs_store_step (self->store, stmt, NULL) == SQLITE_ROW)
    same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), stamp) == 0;
  sqlite3_reset (stmt);
  return same;
}

/**
 * hs_library_install_bundled:
 * @dir: the folder of the course packages that come with the app
 * @stamp: what the packages are (the app's version): once they all went in,
 *   the library remembers it and a later call with the same stamp does
 *   nothing, so a course the school removed stays removed until the next
 *   version of the app
 * @n_installed: (out) (optional): how many packages were installed or
 *   updated
 *
 * Installs the courses that come with Học Số: every `*.zip` in @dir, in
 * name order.  A course already installed at the same or a newer version
 * is left as it is.  A package that fails is skipped so the others still
 * go in; the first failure is returned, and the stamp is not kept, so the
 * next start tries again.
 */
gboolean
hs_library_install_bundled (HsLibrary   *self,
                            const char  *dir,
                            const char  *stamp,
                            guint       *n_installed,
                            GError     **error)
{
  g_autoptr(GError) first_error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) folder = NULL;
  const char *name;
  guint installed = 0;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  if (n_installed != NULL)
    *n_installed = 0;
  if (bundled_stamp_matches (self, stamp))
    return TRUE;

  folder = g_dir_open (dir, 0, error);
  if (folder == NULL)
    return FALSE;
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".zip"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(HsCourse) course = hs_library_import (self, path, NULL, NULL, NULL, &local_error);

      if (course != NULL)
        installed++;
      else if (!g_error_matches (local_error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_ALREADY_INSTALLED) &&
               !g_error_matches (local_error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_NEWER_INSTALLED))
        {
          g_warning ("Could not install the bundled course %s: %s", path, local_error->message);
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
        }
    }

  if (n_installed != NULL)
    *n_installed = installed;
  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return hs_store_run (self->store, error,
                       "INSERT INTO settings (key, value) VALUES ('bundled-courses', ?)"
                       " ON CONFLICT DO UPDATE SET value = excluded.value",
                       "s", stamp);
}

/**
 * hs_library_is_hidden_file:
 * @path: a path inside the course, NFC, without a leading "/"
 *
 * Whether @path is the source of a lesson of the current version of
 * @course_id that holds answers (hs_lesson_kind_hides_source()): such a file
 * is read by the player, never served to a page.  When the database cannot
 * say, the answer is %TRUE: refusing a file is the safe mistake.
 */
gboolean
hs_library_is_hidden_file (HsLibrary  *self,
                           const char *course_id,
                           const char *path)
{
  sqlite3_stmt *stmt;
  gboolean hidden = FALSE;
  int rc;

  g_return_val_if_fail (HS_IS_LIBRARY (self), TRUE);
  g_return_val_if_fail (course_id != NULL, TRUE);
  g_return_val_if_fail (path != NULL, TRUE);

  stmt = hs_store_query (self->store, NULL,
                         "SELECT l.kind FROM lessons l"
                         " JOIN courses c ON c.id = l.course_id AND c.version = l.version AND c.is_current = 1"
                         " WHERE l.course_id = ? AND l.src = ?",
                         "ss", course_id, path);
  if (stmt == NULL)
    return TRUE;
  while ((rc = hs_store_step (self->store, stmt, NULL)) == SQLITE_ROW)
    {
      HsLessonKind kind;

      if (!hs_lesson_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind) ||
          hs_lesson_kind_hides_source (kind))
        hidden = TRUE;
    }
  sqlite3_reset (stmt);

  return hidden || rc == -1;
}

char *
hs_library_get_course_path (HsLibrary  *self,
                            const char *course_id)
{
  sqlite3_stmt *stmt;
  char *path = NULL;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (course_id != NULL, NULL);

  stmt = hs_store_query (self->store, NULL,
                         "SELECT path FROM courses WHERE id = ? AND is_current = 1", "s", course_id);
  if (stmt == NULL)
    return NULL;
  if (hs_store_step (self->store, stmt, NULL) == SQLITE_ROW)
    path = g_build_filename (self->data_dir, (const char *) sqlite3_column_text (stmt, 0), NULL);
  sqlite3_reset (stmt);
  return path;
}

typedef struct {
  const char *id;
  gboolean    purge;
} RemoveData;

static gboolean
remove_txn (HsStore   *store,
            gpointer   user_data,
            GError   **error)
{
  RemoveData *data = user_data;

  if (!hs_store_run (store, error, "DELETE FROM courses WHERE id = ?", "s", data->id))
    return FALSE;
  if (data->purge &&
      (!hs_store_run (store, error, "DELETE FROM progress WHERE course_id = ?", "s", data->id) ||
       !hs_store_run (store, error, "DELETE FROM scorm_state WHERE course_id = ?", "s", data->id) ||
       !hs_store_run (store, error, "DELETE FROM scorm_interactions WHERE course_id = ?", "s", data->id) ||
       !hs_store_run (store, error, "DELETE FROM events WHERE course_id = ?", "s", data->id)))
    return FALSE;
  return TRUE;
}

/**
 * hs_library_remove:
 * @purge: also delete every learner's progress and events for the course
 *
 * Removes every installed version of the course: its files and its rows.
 * Without @purge, learners' records stay, so a reinstall picks them up.
 */
gboolean
hs_library_remove (HsLibrary   *self,
                   const char  *course_id,
                   gboolean     purge,
                   GError     **error)
{
  g_autofree char *course_dir = NULL;
  g_autofree char *work_dir = NULL;
  g_autofree char *trash = NULL;
  g_autofree char *version = NULL;
  g_autoptr(GError) local_error = NULL;
  RemoveData data = { course_id, purge };
  gboolean ok = FALSE;
  int lock;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (course_id != NULL, FALSE);

  version = current_version (self, course_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (version == NULL || !hs_utils_id_is_valid (course_id))
    {
      g_set_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_NOT_FOUND,
                   _("No course with the id “%s” is installed."), course_id);
      return FALSE;
    }

  lock = take_lock (self, LOCK_SH);

  /* Move the files aside first, so that a failed commit can put them back
   * and a crash leaves only staging litter. */
  work_dir = make_work_dir (self, "remove", error);
  if (work_dir == NULL)
    goto out;

  course_dir = g_build_filename (self->courses_dir, course_id, NULL);
  trash = g_build_filename (work_dir, course_id, NULL);
  if (g_file_test (course_dir, G_FILE_TEST_EXISTS) && !rename_or_error (course_dir, trash, error))
    goto out;

  if (!hs_store_transaction (self->store, remove_txn, &data, error))
    {
      if (g_file_test (trash, G_FILE_TEST_EXISTS))
        g_rename (trash, course_dir);
      goto out;
    }

  ok = TRUE;

out:
  if (work_dir != NULL)
    hs_utils_rm_rf (work_dir, NULL);
  g_rmdir (self->staging_dir);
  release_lock (lock);
  return ok;
}
