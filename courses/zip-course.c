/* zip-course.c — build a course package from a course source folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: zip-course OUTPUT.zip DIR
 *
 * Writes a zip (deflate) of every regular file and folder below DIR, sorted
 * by path (strcmp), with names relative to DIR.  Files and folders whose name
 * starts with '.' and anything named meson.build are left out.  Every entry
 * gets mtime 2025-01-01 00:00 UTC, uid/gid 0 and mode 0644 (files) or 0755
 * (folders), so the output only depends on the names and contents.  Names
 * must be UTF-8; non-ASCII names are stored with the zip UTF-8 flag.
 * Symbolic links and special files are refused.
 *
 * Exits 0 on success, 1 with a one-line message on stderr otherwise (and
 * removes a partly written OUTPUT).
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <archive.h>
#include <archive_entry.h>

#define FIXED_MTIME ((time_t) 1735689600)  /* 2025-01-01 00:00:00 UTC */
#define CHUNK_SIZE (64 * 1024)

typedef struct archive ZipWriter;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZipWriter, archive_write_free)
typedef struct archive_entry ZipEntry;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZipEntry, archive_entry_free)

static gboolean
fail (GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_FILE_ERROR, G_FILE_ERROR_FAILED, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
fail_archive (GError         **error,
              struct archive  *a,
              const char      *what)
{
  const char *message = archive_error_string (a);

  return fail (error, "%s: %s", what, message != NULL ? message : "libarchive error");
}

static gboolean
is_skipped (const char *name)
{
  return name[0] == '.' || strcmp (name, "meson.build") == 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Adds the relative path of every kept file and folder below root/rel. */
static gboolean
collect (const char  *root,
         const char  *rel,
         GPtrArray   *paths,
         GError     **error)
{
  g_autofree char *full = rel != NULL ? g_build_filename (root, rel, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (full, 0, error);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char *child_rel;
      g_autofree char *child = NULL;
      GStatBuf st;

      if (is_skipped (name))
        continue;

      child_rel = rel != NULL ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
      g_ptr_array_add (paths, child_rel);
      child = g_build_filename (root, child_rel, NULL);

      if (g_lstat (child, &st) != 0)
        return fail (error, "%s: %s", child, g_strerror (errno));
      if (!g_utf8_validate (name, -1, NULL))
        return fail (error, "%s: file name is not UTF-8", child);
      if (S_ISDIR (st.st_mode))
        {
          if (!collect (root, child_rel, paths, error))
            return FALSE;
        }
      else if (!S_ISREG (st.st_mode))
        return fail (error, "%s: not a regular file or folder", child);
    }

  return TRUE;
}

static gboolean
write_file_data (struct archive  *a,
                 const char      *path,
                 guint64          size,
                 GError         **error)
{
  g_autofree char *buf = g_malloc (CHUNK_SIZE);
  FILE *f = g_fopen (path, "rb");
  guint64 total = 0;
  size_t n;

  if (f == NULL)
    return fail (error, "%s: %s", path, g_strerror (errno));

  while ((n = fread (buf, 1, CHUNK_SIZE, f)) > 0)
    {
      size_t done = 0;

      total += n;
      if (total > size)
        break;
      while (done < n)
        {
          la_ssize_t w = archive_write_data (a, buf + done, n - done);

          if (w <= 0)
            {
              fclose (f);
              return fail_archive (error, a, path);
            }
          done += w;
        }
    }

  if (ferror (f))
    {
      int saved_errno = errno;

      fclose (f);
      return fail (error, "%s: %s", path, g_strerror (saved_errno));
    }
  fclose (f);

  if (total != size)
    return fail (error, "%s: file changed while being read", path);

  return TRUE;
}

/* Adds root/rel to the archive as prefix + rel. */
static gboolean
add_path (struct archive  *a,
          const char      *root,
          const char      *rel,
          const char      *prefix,
          GError         **error)
{
  g_autofree char *full = g_build_filename (root, rel, NULL);
  g_autofree char *name = g_strconcat (prefix, rel, NULL);
  g_autoptr(ZipEntry) entry = archive_entry_new ();
  GStatBuf st;

  if (entry == NULL)
    return fail (error, "out of memory");
  if (g_lstat (full, &st) != 0)
    return fail (error, "%s: %s", full, g_strerror (errno));

  archive_entry_copy_pathname (entry, name);
  archive_entry_set_mtime (entry, FIXED_MTIME, 0);
  archive_entry_set_uid (entry, 0);
  archive_entry_set_gid (entry, 0);
  if (S_ISDIR (st.st_mode))
    {
      archive_entry_set_filetype (entry, AE_IFDIR);
      archive_entry_set_perm (entry, 0755);
      archive_entry_set_size (entry, 0);
    }
  else
    {
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, st.st_size);
    }

  /* Any warning (such as a name that could not be converted) is an error. */
  if (archive_write_header (a, entry) != ARCHIVE_OK)
    return fail_archive (error, a, full);

  if (S_ISREG (st.st_mode) && !write_file_data (a, full, st.st_size, error))
    return FALSE;

  if (archive_write_finish_entry (a) != ARCHIVE_OK)
    return fail_archive (error, a, full);

  return TRUE;
}

/* The course folder's files, then the shared folder's (when given) under
 * SHARED_PREFIX, so every course package carries the common stylesheet
 * and runs on its own. */
#define SHARED_PREFIX "chung/"

static gboolean
zip_course (const char  *output,
            const char  *dir,
            const char  *shared,
            GError     **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) shared_paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *clash = NULL;
  g_autoptr(ZipWriter) a = NULL;
  GStatBuf st;
  guint i;

  if (g_stat (dir, &st) != 0)
    return fail (error, "%s: %s", dir, g_strerror (errno));
  if (!S_ISDIR (st.st_mode))
    return fail (error, "%s: not a folder", dir);

  if (!collect (dir, NULL, paths, error))
    return FALSE;
  g_ptr_array_sort (paths, compare_strings);
  if (shared != NULL)
    {
      clash = g_build_filename (dir, SHARED_PREFIX, NULL);
      if (g_file_test (clash, G_FILE_TEST_EXISTS))
        return fail (error, "%s: the folder name is kept for the shared files", clash);
      if (!collect (shared, NULL, shared_paths, error))
        return FALSE;
      g_ptr_array_sort (shared_paths, compare_strings);
    }

  a = archive_write_new ();
  if (a == NULL)
    return fail (error, "out of memory");
  /* hdrcharset=UTF-8 makes libarchive set the UTF-8 flag on non-ASCII
   * names; main() runs us in a UTF-8 locale, so they are stored as they are. */
  if (archive_write_set_format_zip (a) != ARCHIVE_OK ||
      archive_write_set_options (a, "zip:compression=deflate,zip:hdrcharset=UTF-8") != ARCHIVE_OK)
    return fail_archive (error, a, "zip writer");
  if (archive_write_open_filename (a, output) != ARCHIVE_OK)
    return fail_archive (error, a, output);

  for (i = 0; i < paths->len; i++)
    if (!add_path (a, dir, g_ptr_array_index (paths, i), "", error))
      return FALSE;
  for (i = 0; i < shared_paths->len; i++)
    if (!add_path (a, shared, g_ptr_array_index (shared_paths, i), SHARED_PREFIX, error))
      return FALSE;

  if (archive_write_close (a) != ARCHIVE_OK)
    return fail_archive (error, a, output);

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  /* libarchive converts names from the locale's charset; names are UTF-8. */
  if (setlocale (LC_ALL, "C.UTF-8") == NULL &&
      setlocale (LC_ALL, "C.utf8") == NULL)
    setlocale (LC_ALL, "");

  if (argc != 3 && argc != 4)
    {
      fprintf (stderr, "usage: zip-course OUTPUT.zip DIR [SHARED-DIR]\n");
      return 1;
    }

  if (!zip_course (argv[1], argv[2], argc == 4 ? argv[3] : NULL, &error))
    {
      fprintf (stderr, "zip-course: %s\n", error->message);
      g_unlink (argv[1]);
      return 1;
    }

  return 0;
}
