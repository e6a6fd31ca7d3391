/* hs-test-archive.c — build normal and hostile course archives in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-test-archive"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <archive.h>
#include <archive_entry.h>

#include "hs-test-archive.h"

#define FIXED_MTIME ((time_t) 1735689600)  /* 2025-01-01 00:00:00 UTC */
#define CHUNK_SIZE (64 * 1024)

/* In a zip, general-purpose bit 11: the name is UTF-8. */
#define ZIP_FLAG_UTF8 0x0800

typedef struct archive HsArchiveWriter;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsArchiveWriter, archive_write_free)
typedef struct archive_entry HsArchiveEntry;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsArchiveEntry, archive_entry_free)

typedef enum {
  ENTRY_FILE,
  ENTRY_ZEROS,
  ENTRY_DIR,
  ENTRY_SYMLINK,
  ENTRY_HARDLINK,
  ENTRY_SPECIAL,
} EntryKind;

typedef struct {
  EntryKind     kind;
  char         *name;
  GBytes       *data;      /* ENTRY_FILE */
  guint64       size;      /* ENTRY_ZEROS */
  char         *target;    /* ENTRY_SYMLINK, ENTRY_HARDLINK */
  unsigned int  filetype;  /* ENTRY_SPECIAL */
} Entry;

struct _HsTestArchive {
  HsTestFormat  format;
  GPtrArray    *entries;   /* of Entry */
  GError       *error;     /* first error met while adding entries */
};

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->name);
  g_clear_pointer (&e->data, g_bytes_unref);
  g_free (e->target);
  g_free (e);
}

static Entry *
add_entry (HsTestArchive *self,
           EntryKind      kind,
           const char    *name)
{
  Entry *e = g_new0 (Entry, 1);

  e->kind = kind;
  e->name = g_strdup (name);
  g_ptr_array_add (self->entries, e);
  return e;
}

/* An entry name as it can be shown in a message. */
static char *
display_name (const char *name)
{
  return g_strescape (name, NULL);
}

static gboolean
is_ascii (const char *s,
          gsize       len)
{
  gsize i;

  for (i = 0; i < len; i++)
    if ((guchar) s[i] >= 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
set_archive_error (GError         **error,
                   struct archive  *a,
                   const char      *what)
{
  const char *message = archive_error_string (a);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what,
               message != NULL ? message : "unknown libarchive error");
  return FALSE;
}

HsTestArchive *
hs_test_archive_new (HsTestFormat format)
{
  HsTestArchive *self = g_new0 (HsTestArchive, 1);

  self->format = format;
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  return self;
}

void
hs_test_archive_free (HsTestArchive *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->entries);
  g_clear_error (&self->error);
  g_free (self);
}

void
hs_test_archive_add_file (HsTestArchive *self,
                          const char    *name,
                          const void    *data,
                          gssize         len)
{
  Entry *e;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (data != NULL || len <= 0);

  if (len < 0)
    len = data != NULL ? strlen (data) : 0;
  e = add_entry (self, ENTRY_FILE, name);
  e->data = g_bytes_new (data, len);
}

void
hs_test_archive_add_zeros (HsTestArchive *self,
                           const char    *name,
                           guint64        size)
{
  Entry *e;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  e = add_entry (self, ENTRY_ZEROS, name);
  e->size = size;
}

void
hs_test_archive_add_dir (HsTestArchive *self,
                         const char    *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  add_entry (self, ENTRY_DIR, name);
}

void
hs_test_archive_add_symlink (HsTestArchive *self,
                             const char    *name,
                             const char    *target)
{
  Entry *e;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (target != NULL);

  e = add_entry (self, ENTRY_SYMLINK, name);
  e->target = g_strdup (target);
}

void
hs_test_archive_add_hardlink (HsTestArchive *self,
                              const char    *name,
                              const char    *target)
{
  Entry *e;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (target != NULL);

  e = add_entry (self, ENTRY_HARDLINK, name);
  e->target = g_strdup (target);
}

void
hs_test_archive_add_special (HsTestArchive *self,
                             const char    *name,
                             unsigned int   ae_filetype)
{
  Entry *e;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  if (ae_filetype != AE_IFCHR && ae_filetype != AE_IFBLK &&
      ae_filetype != AE_IFIFO && ae_filetype != AE_IFSOCK)
    {
      g_autofree char *shown = display_name (name);

      if (self->error == NULL)
        g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     "“%s”: %o is not a special file type", shown, ae_filetype);
      return;
    }
  e = add_entry (self, ENTRY_SPECIAL, name);
  e->filetype = ae_filetype;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Adds every path below root/rel (relative to root) to paths, without
 * following symbolic links. */
static gboolean
collect_paths (const char  *root,
               const char  *rel,
               GPtrArray   *paths,
               GError     **error)
{
  g_autofree char *full = rel != NULL ? g_build_filename (root, rel, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (full, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char *child_rel = rel != NULL ? g_build_filename (rel, name, NULL) : g_strdup (name);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);
      GStatBuf st;

      g_ptr_array_add (paths, child_rel);
      if (g_lstat (child, &st) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "%s: %s", child, g_strerror (saved_errno));
          return FALSE;
        }
      if (S_ISDIR (st.st_mode) && !collect_paths (root, child_rel, paths, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_tree_path (HsTestArchive  *self,
               const char     *dir,
               const char     *rel,
               const char     *prefix,
               GError        **error)
{
  g_autofree char *full = g_build_filename (dir, rel, NULL);
  g_autofree char *name = g_strconcat (prefix, rel, NULL);
  GStatBuf st;

  if (g_lstat (full, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", full, g_strerror (saved_errno));
      return FALSE;
    }

  if (S_ISREG (st.st_mode))
    {
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_file_get_contents (full, &contents, &len, error))
        return FALSE;
      hs_test_archive_add_file (self, name, contents, len);
    }
  else if (S_ISDIR (st.st_mode))
    hs_test_archive_add_dir (self, name);
  else if (S_ISLNK (st.st_mode))
    {
      g_autofree char *target = g_file_read_link (full, error);

      if (target == NULL)
        return FALSE;
      hs_test_archive_add_symlink (self, name, target);
    }
  else if (S_ISCHR (st.st_mode))
    hs_test_archive_add_special (self, name, AE_IFCHR);
  else if (S_ISBLK (st.st_mode))
    hs_test_archive_add_special (self, name, AE_IFBLK);
  else if (S_ISFIFO (st.st_mode))
    hs_test_archive_add_special (self, name, AE_IFIFO);
  else if (S_ISSOCK (st.st_mode))
    hs_test_archive_add_special (self, name, AE_IFSOCK);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s: unknown file type", full);
      return FALSE;
    }

  return TRUE;
}

void
hs_test_archive_add_tree (HsTestArchive *self,
                          const char    *dir,
                          const char    *prefix)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  guint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (dir != NULL);

  if (prefix == NULL)
    prefix = "";

  if (!collect_paths (dir, NULL, paths, &local_error))
    goto failed;

  g_ptr_array_sort (paths, compare_strings);
  for (i = 0; i < paths->len; i++)
    if (!add_tree_path (self, dir, g_ptr_array_index (paths, i), prefix, &local_error))
      goto failed;

  return;

failed:
  if (self->error == NULL)
    self->error = g_steal_pointer (&local_error);
}

/* Refuses what a format cannot hold, rather than let libarchive write
 * something else in its place. */
static gboolean
check_supported (HsTestArchive  *self,
                 GError        **error)
{
  g_autoptr(GHashTable) dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint i;

  for (i = 0; i < self->entries->len; i++)
    {
      const Entry *e = g_ptr_array_index (self->entries, i);
      const char *problem = NULL;

      switch (self->format)
        {
        case HS_TEST_FORMAT_ZIP:
          if (e->kind == ENTRY_HARDLINK)
            problem = "zip has no hard links";
          break;

        case HS_TEST_FORMAT_TAR:
        case HS_TEST_FORMAT_TAR_GZ:
        case HS_TEST_FORMAT_TAR_XZ:
          if (e->kind == ENTRY_SPECIAL && e->filetype == AE_IFSOCK)
            problem = "tar has no sockets";
          break;

        case HS_TEST_FORMAT_7Z:
          if (e->kind == ENTRY_HARDLINK)
            problem = "7z has no hard links";
          else if (!g_utf8_validate (e->name, -1, NULL))
            problem = "7z names are Unicode, this one is not valid UTF-8";
          else if (e->kind == ENTRY_DIR)
            {
              char *key = g_strdup (e->name);
              gsize len = strlen (key);

              /* libarchive's 7z writer keeps one of each folder. */
              while (len > 1 && key[len - 1] == '/')
                key[--len] = '\0';
              if (!g_hash_table_add (dirs, key))
                problem = "7z cannot hold the same folder twice";
            }
          break;

        default:
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "unknown archive format %d", self->format);
          return FALSE;
        }

      if (problem != NULL)
        {
          g_autofree char *shown = display_name (e->name);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "entry %u “%s”: %s", i, shown, problem);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
setup_format (struct archive  *a,
              HsTestFormat     format,
              GError         **error)
{
  int r = ARCHIVE_OK;

  switch (format)
    {
    case HS_TEST_FORMAT_ZIP:
      r = archive_write_set_format_zip (a);
      if (r == ARCHIVE_OK)
        r = archive_write_set_options (a, "zip:compression=deflate");
      break;

    case HS_TEST_FORMAT_TAR:
      r = archive_write_set_format_pax_restricted (a);
      break;

    case HS_TEST_FORMAT_TAR_GZ:
      r = archive_write_set_format_pax_restricted (a);
      if (r == ARCHIVE_OK)
        r = archive_write_add_filter_gzip (a);
      /* No time in the gzip header: the same entries give the same bytes. */
      if (r == ARCHIVE_OK)
        r = archive_write_set_options (a, "gzip:!timestamp");
      break;

    case HS_TEST_FORMAT_TAR_XZ:
      r = archive_write_set_format_pax_restricted (a);
      if (r == ARCHIVE_OK)
        r = archive_write_add_filter_xz (a);
      break;

    case HS_TEST_FORMAT_7Z:
      r = archive_write_set_format_7zip (a);
      break;

    default:
      g_assert_not_reached ();
    }

  if (r != ARCHIVE_OK)
    return set_archive_error (error, a, "setting up the archive format");
  return TRUE;
}

static gboolean
write_data (struct archive  *a,
            const void      *buf,
            gsize            len,
            const char      *what,
            GError         **error)
{
  const guint8 *p = buf;

  while (len > 0)
    {
      la_ssize_t n = archive_write_data (a, p, len);

      if (n < 0)
        return set_archive_error (error, a, what);
      if (n == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s: libarchive accepted no more data", what);
          return FALSE;
        }
      p += n;
      len -= n;
    }

  return TRUE;
}

static gboolean
write_entry (struct archive  *a,
             HsTestFormat     format,
             const Entry     *e,
             guint            index,
             GError         **error)
{
  static const guint8 zeros[CHUNK_SIZE];
  g_autoptr(HsArchiveEntry) ae = archive_entry_new ();
  g_autofree char *shown = display_name (e->name);
  g_autofree char *what = g_strdup_printf ("entry %u “%s”", index, shown);
  gboolean is_tar = (format == HS_TEST_FORMAT_TAR ||
                     format == HS_TEST_FORMAT_TAR_GZ ||
                     format == HS_TEST_FORMAT_TAR_XZ);
  int r;

  if (ae == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: out of memory", what);
      return FALSE;
    }

  archive_entry_copy_pathname (ae, e->name);
  archive_entry_set_mtime (ae, FIXED_MTIME, 0);
  archive_entry_set_uid (ae, 0);
  archive_entry_set_gid (ae, 0);
  archive_entry_set_size (ae, 0);

  switch (e->kind)
    {
    case ENTRY_FILE:
      archive_entry_set_filetype (ae, AE_IFREG);
      archive_entry_set_perm (ae, 0644);
      archive_entry_set_size (ae, g_bytes_get_size (e->data));
      break;

    case ENTRY_ZEROS:
      archive_entry_set_filetype (ae, AE_IFREG);
      archive_entry_set_perm (ae, 0644);
      archive_entry_set_size (ae, e->size);
      break;

    case ENTRY_DIR:
      archive_entry_set_filetype (ae, AE_IFDIR);
      archive_entry_set_perm (ae, 0755);
      break;

    case ENTRY_SYMLINK:
      archive_entry_set_filetype (ae, AE_IFLNK);
      archive_entry_set_perm (ae, 0777);
      archive_entry_copy_symlink (ae, e->target);
      break;

    case ENTRY_HARDLINK:
      /* A hard link shares its target's inode, so it has a file's mode. */
      archive_entry_set_filetype (ae, AE_IFREG);
      archive_entry_set_perm (ae, 0644);
      archive_entry_copy_hardlink (ae, e->target);
      break;

    case ENTRY_SPECIAL:
      if (format == HS_TEST_FORMAT_ZIP)
        {
          /* Written as an empty file; fix_zip() sets the real type. */
          archive_entry_set_filetype (ae, AE_IFREG);
        }
      else
        {
          archive_entry_set_filetype (ae, e->filetype);
          if (e->filetype == AE_IFCHR)
            {
              archive_entry_set_rdevmajor (ae, 1);  /* /dev/null */
              archive_entry_set_rdevminor (ae, 3);
            }
          else if (e->filetype == AE_IFBLK)
            {
              archive_entry_set_rdevmajor (ae, 7);  /* /dev/loop0 */
              archive_entry_set_rdevminor (ae, 0);
            }
        }
      archive_entry_set_perm (ae, 0644);
      break;

    default:
      g_assert_not_reached ();
    }

  r = archive_write_header (a, ae);
  /* The pax writer warns when a name or link target is not valid UTF-8 and
   * stores it raw under hdrcharset=BINARY: that is what we want. */
  if (r == ARCHIVE_WARN && is_tar &&
      (!g_utf8_validate (e->name, -1, NULL) ||
       (e->target != NULL && !g_utf8_validate (e->target, -1, NULL))))
    r = ARCHIVE_OK;
  if (r != ARCHIVE_OK)
    return set_archive_error (error, a, what);

  if (e->kind == ENTRY_FILE)
    {
      if (!write_data (a, g_bytes_get_data (e->data, NULL), g_bytes_get_size (e->data), what, error))
        return FALSE;
    }
  else if (e->kind == ENTRY_ZEROS)
    {
      guint64 left = e->size;

      while (left > 0)
        {
          gsize n = (gsize) MIN (left, (guint64) CHUNK_SIZE);

          if (!write_data (a, zeros, n, what, error))
            return FALSE;
          left -= n;
        }
    }

  if (archive_write_finish_entry (a) != ARCHIVE_OK)
    return set_archive_error (error, a, what);

  return TRUE;
}

static gboolean
write_archive (HsTestArchive  *self,
               const char     *path,
               GError        **error)
{
  g_autoptr(HsArchiveWriter) a = archive_write_new ();
  guint i;

  if (a == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "archive_write_new: out of memory");
      return FALSE;
    }

  if (!setup_format (a, self->format, error))
    return FALSE;

  if (archive_write_open_filename (a, path) != ARCHIVE_OK)
    return set_archive_error (error, a, path);

  for (i = 0; i < self->entries->len; i++)
    if (!write_entry (a, self->format, g_ptr_array_index (self->entries, i), i, error))
      return FALSE;

  if (archive_write_close (a) != ARCHIVE_OK)
    return set_archive_error (error, a, path);

  return TRUE;
}

/* Little-endian fields of zip records. */
static guint16
get_u16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static guint64
get_u64 (const guint8 *p)
{
  return (guint64) get_u32 (p) | ((guint64) get_u32 (p + 4) << 32);
}

static void
put_u16 (guint8  *p,
         guint16  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
}

static void
put_u32 (guint8  *p,
         guint32  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

static gboolean
pread_all (int          fd,
           void        *buf,
           gsize        len,
           goffset      offset,
           const char  *path,
           GError     **error)
{
  guint8 *p = buf;

  while (len > 0)
    {
      ssize_t n = pread (fd, p, len, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR,
                       n < 0 ? g_io_error_from_errno (saved_errno) : G_IO_ERROR_INVALID_DATA,
                       "%s: %s", path, n < 0 ? g_strerror (saved_errno) : "unexpected end of file");
          return FALSE;
        }
      p += n;
      len -= n;
      offset += n;
    }

  return TRUE;
}

static gboolean
pwrite_all (int          fd,
            const void  *buf,
            gsize        len,
            goffset      offset,
            const char  *path,
            GError     **error)
{
  const guint8 *p = buf;

  while (len > 0)
    {
      ssize_t n = pwrite (fd, p, len, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "%s: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
      p += n;
      len -= n;
      offset += n;
    }

  return TRUE;
}

static gboolean
zip_corrupt (GError     **error,
             const char  *path,
             const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s: unexpected zip written by libarchive: %s", path, what);
  return FALSE;
}

/* Finds the central directory of the zip libarchive wrote. */
static gboolean
zip_find_central_directory (int          fd,
                            const char  *path,
                            guint64     *n_entries,
                            guint64     *cd_offset,
                            guint64     *cd_size,
                            GError     **error)
{
  GStatBuf st;
  g_autofree guint8 *tail = NULL;
  gsize tail_len;
  goffset tail_start;
  gssize i;

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  tail_len = (gsize) MIN ((goffset) st.st_size, (goffset) (22 + 0xffff));
  tail_start = st.st_size - tail_len;
  tail = g_malloc (tail_len);
  if (!pread_all (fd, tail, tail_len, tail_start, path, error))
    return FALSE;

  for (i = (gssize) tail_len - 22; i >= 0; i--)
    if (memcmp (tail + i, "PK\5\6", 4) == 0)
      break;
  if (i < 0)
    return zip_corrupt (error, path, "no end of central directory");

  *n_entries = get_u16 (tail + i + 10);
  *cd_size = get_u32 (tail + i + 12);
  *cd_offset = get_u32 (tail + i + 16);

  if (*n_entries == 0xffff || *cd_size == 0xffffffff || *cd_offset == 0xffffffff)
    {
      /* Zip64: the locator sits just before the end record. */
      guint8 record[56];
      goffset locator = tail_start + i - 20;

      if (locator < 0 || !pread_all (fd, record, 20, locator, path, error))
        return zip_corrupt (error, path, "no zip64 locator");
      if (memcmp (record, "PK\6\7", 4) != 0)
        return zip_corrupt (error, path, "bad zip64 locator");
      if (!pread_all (fd, record, 56, get_u64 (record + 8), path, error))
        return FALSE;
      if (memcmp (record, "PK\6\6", 4) != 0)
        return zip_corrupt (error, path, "bad zip64 end of central directory");
      *n_entries = get_u64 (record + 32);
      *cd_size = get_u64 (record + 40);
      *cd_offset = get_u64 (record + 48);
    }

  if (*cd_offset + *cd_size > (guint64) st.st_size)
    return zip_corrupt (error, path, "central directory past the end");

  return TRUE;
}

/* The local header offset of a central directory record, from its zip64
 * extra field if needed. */
static gboolean
zip_local_offset (const guint8 *record,
                  guint64      *offset)
{
  guint16 name_len = get_u16 (record + 28);
  guint16 extra_len = get_u16 (record + 30);
  const guint8 *extra = record + 46 + name_len;
  guint pos = 0;

  *offset = get_u32 (record + 42);
  if (*offset != 0xffffffff)
    return TRUE;

  while (pos + 4 <= extra_len)
    {
      guint16 id = get_u16 (extra + pos);
      guint16 size = get_u16 (extra + pos + 2);

      if (id == 0x0001)
        {
          guint16 field = 0;

          if (get_u32 (record + 24) == 0xffffffff)  /* uncompressed size */
            field += 8;
          if (get_u32 (record + 20) == 0xffffffff)  /* compressed size */
            field += 8;
          if (field + 8 > size)
            return FALSE;
          *offset = get_u64 (extra + pos + 4 + field);
          return TRUE;
        }
      pos += 4 + size;
    }

  return FALSE;
}

/* Fixes what libarchive's zip writer cannot be told: the UTF-8 flag of each
 * entry (set exactly for non-ASCII valid UTF-8 names) and the type of
 * special files in the external attributes.  Also checks that every name
 * was stored byte-for-byte. */
static gboolean
fix_zip (HsTestArchive  *self,
         const char     *path,
         GError        **error)
{
  g_autofree guint8 *cd = NULL;
  guint64 n_entries, cd_offset, cd_size;
  gboolean changed = FALSE;
  gsize pos = 0;
  guint i;
  int fd;
  gboolean ok = FALSE;

  fd = g_open (path, O_RDWR, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!zip_find_central_directory (fd, path, &n_entries, &cd_offset, &cd_size, error))
    goto out;
  if (n_entries != self->entries->len)
    {
      zip_corrupt (error, path, "wrong number of entries");
      goto out;
    }

  cd = g_malloc (cd_size + 1);
  if (!pread_all (fd, cd, cd_size, cd_offset, path, error))
    goto out;

  for (i = 0; i < self->entries->len; i++)
    {
      const Entry *e = g_ptr_array_index (self->entries, i);
      guint8 *record = cd + pos;
      guint16 flags, name_len, want;
      const char *name;
      gsize expected_len = strlen (e->name);
      guint64 local_offset;

      if (pos + 46 > cd_size || memcmp (record, "PK\1\2", 4) != 0)
        {
          zip_corrupt (error, path, "bad central directory record");
          goto out;
        }
      flags = get_u16 (record + 8);
      name_len = get_u16 (record + 28);
      name = (const char *) record + 46;
      pos += 46 + name_len + get_u16 (record + 30) + get_u16 (record + 32);
      if (pos > cd_size)
        {
          zip_corrupt (error, path, "central directory record too long");
          goto out;
        }

      /* libarchive adds a '/' to folder names, nothing else. */
      if (!(name_len >= expected_len && memcmp (name, e->name, expected_len) == 0 &&
            (name_len == expected_len ||
             (e->kind == ENTRY_DIR && name_len == expected_len + 1 && name[expected_len] == '/'))))
        {
          g_autofree char *shown = display_name (e->name);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s: libarchive did not store entry %u “%s” as given",
                       path, i, shown);
          goto out;
        }

      if (!is_ascii (name, name_len) && g_utf8_validate (name, name_len, NULL))
        want = flags | ZIP_FLAG_UTF8;
      else
        want = flags & ~ZIP_FLAG_UTF8;

      if (want != flags)
        {
          guint8 local[30];

          if (!zip_local_offset (record, &local_offset))
            {
              zip_corrupt (error, path, "no local header offset");
              goto out;
            }
          if (!pread_all (fd, local, sizeof local, local_offset, path, error))
            goto out;
          if (memcmp (local, "PK\3\4", 4) != 0)
            {
              zip_corrupt (error, path, "bad local header");
              goto out;
            }
          put_u16 (local + 6, (get_u16 (local + 6) & ~ZIP_FLAG_UTF8) | (want & ZIP_FLAG_UTF8));
          if (!pwrite_all (fd, local + 6, 2, local_offset + 6, path, error))
            goto out;
          put_u16 (record + 8, want);
          changed = TRUE;
        }

      if (e->kind == ENTRY_SPECIAL)
        {
          guint32 attributes = get_u32 (record + 38);

          /* Version made by: Unix, so that readers use the mode. */
          record[5] = 3;
          put_u32 (record + 38, ((guint32) (e->filetype | 0644) << 16) | (attributes & 0xffff));
          changed = TRUE;
        }
    }

  if (changed && !pwrite_all (fd, cd, cd_size, cd_offset, path, error))
    goto out;

  ok = TRUE;

out:
  if (!g_close (fd, ok ? error : NULL))
    ok = FALSE;
  return ok;
}

gboolean
hs_test_archive_write (HsTestArchive  *self,
                       const char     *path,
                       GError        **error)
{
  locale_t utf8_locale;
  locale_t old_locale = (locale_t) 0;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  if (!check_supported (self, error))
    return FALSE;

  /* libarchive decides how to store names from the locale: use the same one
   * whatever the test process runs in. */
  utf8_locale = newlocale (LC_ALL_MASK, "C.UTF-8", (locale_t) 0);
  if (utf8_locale != (locale_t) 0)
    old_locale = uselocale (utf8_locale);

  ok = write_archive (self, path, error);

  if (utf8_locale != (locale_t) 0)
    {
      uselocale (old_locale);
      freelocale (utf8_locale);
    }

  if (ok && self->format == HS_TEST_FORMAT_ZIP)
    ok = fix_zip (self, path, error);

  return ok;
}

/* CRC-32 as in zip (IEEE 802.3, reflected). */
static guint32
crc32_update (guint32       crc,
              const guint8 *p,
              gsize         len)
{
  crc = ~crc;
  while (len-- > 0)
    {
      int k;

      crc ^= *p++;
      for (k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
  return ~crc;
}

static void
append_u16 (GByteArray *out,
            guint16     v)
{
  guint8 b[2];

  put_u16 (b, v);
  g_byte_array_append (out, b, 2);
}

static void
append_u32 (GByteArray *out,
            guint32     v)
{
  guint8 b[4];

  put_u32 (b, v);
  g_byte_array_append (out, b, 4);
}

gboolean
hs_test_write_raw_zip (const char            *path,
                       const HsTestRawEntry  *entries,
                       guint                  n_entries,
                       gboolean               utf8_flag,
                       GError               **error)
{
  /* 2025-01-01 00:00 in MS-DOS date and time. */
  const guint16 dos_date = ((2025 - 1980) << 9) | (1 << 5) | 1;
  const guint16 dos_time = 0;
  const guint16 flags = utf8_flag ? ZIP_FLAG_UTF8 : 0;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) cd = g_byte_array_new ();
  guint32 cd_offset;
  guint i;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (entries != NULL || n_entries == 0, FALSE);

  if (n_entries > 0xffff)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: too many entries for a zip without zip64", path);
      return FALSE;
    }

  for (i = 0; i < n_entries; i++)
    {
      const HsTestRawEntry *e = &entries[i];
      gboolean is_dir = e->name_len > 0 && e->name[e->name_len - 1] == '/';
      guint32 crc = crc32_update (0, (const guint8 *) e->data, e->data_len);
      guint32 local_offset = out->len;

      if (e->name_len > 0xffff || e->data_len >= 0xffffffff ||
          (guint64) out->len + 30 + e->name_len + e->data_len >= 0xffffffff)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "%s: entry %u too large for a zip without zip64", path, i);
          return FALSE;
        }

      /* Local file header. */
      append_u32 (out, 0x04034b50);
      append_u16 (out, 10);            /* version needed: 1.0 */
      append_u16 (out, flags);
      append_u16 (out, 0);             /* stored */
      append_u16 (out, dos_time);
      append_u16 (out, dos_date);
      append_u32 (out, crc);
      append_u32 (out, e->data_len);   /* compressed size */
      append_u32 (out, e->data_len);   /* uncompressed size */
      append_u16 (out, e->name_len);
      append_u16 (out, 0);             /* extra field length */
      g_byte_array_append (out, (const guint8 *) e->name, e->name_len);
      if (e->data_len > 0)
        g_byte_array_append (out, (const guint8 *) e->data, e->data_len);

      /* Central directory record. */
      append_u32 (cd, 0x02014b50);
      append_u16 (cd, 20);             /* made by MS-DOS, zip 2.0 */
      append_u16 (cd, 10);
      append_u16 (cd, flags);
      append_u16 (cd, 0);
      append_u16 (cd, dos_time);
      append_u16 (cd, dos_date);
      append_u32 (cd, crc);
      append_u32 (cd, e->data_len);
      append_u32 (cd, e->data_len);
      append_u16 (cd, e->name_len);
      append_u16 (cd, 0);              /* extra field length */
      append_u16 (cd, 0);              /* comment length */
      append_u16 (cd, 0);              /* disk number */
      append_u16 (cd, 0);              /* internal attributes */
      append_u32 (cd, is_dir ? 0x10 : 0x20);  /* MS-DOS folder / archive */
      append_u32 (cd, local_offset);
      g_byte_array_append (cd, (const guint8 *) e->name, e->name_len);
    }

  if ((guint64) out->len + cd->len >= 0xffffffff)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: too large for a zip without zip64", path);
      return FALSE;
    }

  cd_offset = out->len;
  g_byte_array_append (out, cd->data, cd->len);

  /* End of central directory. */
  append_u32 (out, 0x06054b50);
  append_u16 (out, 0);                 /* this disk */
  append_u16 (out, 0);                 /* disk with the central directory */
  append_u16 (out, n_entries);
  append_u16 (out, n_entries);
  append_u32 (out, cd->len);
  append_u32 (out, cd_offset);
  append_u16 (out, 0);                 /* comment length */

  return g_file_set_contents (path, (const char *) out->data, out->len, error);
}

gboolean
hs_test_truncate_copy (const char  *src,
                       const char  *dst,
                       goffset      keep,
                       GError     **error)
{
  g_autoptr(GFile) src_file = g_file_new_for_path (src);
  g_autoptr(GFile) dst_file = g_file_new_for_path (dst);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree guint8 *buf = NULL;
  goffset left = keep;

  g_return_val_if_fail (src != NULL, FALSE);
  g_return_val_if_fail (dst != NULL, FALSE);

  info = g_file_query_info (src_file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;
  if (keep < 0 || keep > g_file_info_get_size (info))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: cannot keep %" G_GOFFSET_FORMAT " bytes of %" G_GOFFSET_FORMAT,
                   src, keep, g_file_info_get_size (info));
      return FALSE;
    }

  in = g_file_read (src_file, NULL, error);
  if (in == NULL)
    return FALSE;
  out = g_file_replace (dst_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL)
    return FALSE;

  buf = g_malloc (CHUNK_SIZE);
  while (left > 0)
    {
      gsize want = (gsize) MIN (left, (goffset) CHUNK_SIZE);
      gsize got;

      if (!g_input_stream_read_all (G_INPUT_STREAM (in), buf, want, &got, NULL, error))
        return FALSE;
      if (got < want)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                       "%s: file shrank while being copied", src);
          return FALSE;
        }
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buf, got, NULL, NULL, error))
        return FALSE;
      left -= got;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

typedef struct {
  char *path;  /* relative, raw bytes: the sort key */
  char *line;
} SnapshotLine;

static void
snapshot_line_free (gpointer data)
{
  SnapshotLine *l = data;

  g_free (l->path);
  g_free (l->line);
  g_free (l);
}

static int
compare_snapshot_lines (gconstpointer a,
                        gconstpointer b)
{
  const SnapshotLine *la = *(const SnapshotLine * const *) a;
  const SnapshotLine *lb = *(const SnapshotLine * const *) b;

  return strcmp (la->path, lb->path);
}

static char *
sha256_of_file (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (CHUNK_SIZE);
  FILE *f = g_fopen (path, "rb");
  size_t n;
  gboolean failed;

  if (f == NULL)
    return g_strdup ("(unreadable)");
  while ((n = fread (buf, 1, CHUNK_SIZE, f)) > 0)
    g_checksum_update (checksum, buf, n);
  failed = ferror (f);
  fclose (f);

  return g_strdup (failed ? "(unreadable)" : g_checksum_get_string (checksum));
}

static void
snapshot_collect (const char *root,
                  const char *rel,
                  GPtrArray  *lines)
{
  char exceptions[129];
  g_autofree char *full = rel != NULL ? g_build_filename (root, rel, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (full, 0, NULL);
  const char *name;
  int i;

  /* g_strescape() leaves bytes 0x80-0xff alone, so UTF-8 stays readable. */
  for (i = 0; i < 128; i++)
    exceptions[i] = (char) (0x80 + i);
  exceptions[128] = '\0';

  if (dir == NULL)
    {
      SnapshotLine *l = g_new0 (SnapshotLine, 1);
      g_autofree char *escaped = g_strescape (rel != NULL ? rel : ".", exceptions);

      l->path = g_strdup (rel != NULL ? rel : ".");
      l->line = g_strdup_printf ("?\t%s\t(unreadable folder)\t-\n", escaped);
      g_ptr_array_add (lines, l);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_rel = rel != NULL ? g_build_filename (rel, name, NULL) : g_strdup (name);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);
      g_autofree char *escaped = g_strescape (child_rel, exceptions);
      g_autofree char *size = NULL;
      g_autofree char *sha = NULL;
      SnapshotLine *l;
      GStatBuf st;
      char type;

      if (g_lstat (child, &st) != 0)
        {
          type = '?';
          size = g_strdup ("-");
          sha = g_strdup ("-");
        }
      else if (S_ISDIR (st.st_mode))
        {
          type = 'd';
          size = g_strdup ("-");
          sha = g_strdup ("-");
        }
      else if (S_ISREG (st.st_mode))
        {
          type = 'f';
          size = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) st.st_size);
          sha = sha256_of_file (child);
        }
      else if (S_ISLNK (st.st_mode))
        {
          g_autofree char *target = g_file_read_link (child, NULL);

          type = 'l';
          if (target != NULL)
            {
              size = g_strdup_printf ("%" G_GSIZE_FORMAT, strlen (target));
              sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, target, -1);
            }
          else
            {
              size = g_strdup ("-");
              sha = g_strdup ("(unreadable)");
            }
        }
      else
        {
          type = 'o';
          size = g_strdup ("-");
          sha = g_strdup ("-");
        }

      l = g_new0 (SnapshotLine, 1);
      l->path = g_strdup (child_rel);
      l->line = g_strdup_printf ("%c\t%s\t%s\t%s\n", type, escaped, size, sha);
      g_ptr_array_add (lines, l);

      if (type == 'd')
        snapshot_collect (root, child_rel, lines);
    }
}

char *
hs_test_snapshot_tree (const char *dir)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (snapshot_line_free);
  GString *out;
  GStatBuf st;
  guint i;

  g_return_val_if_fail (dir != NULL, NULL);

  if (g_stat (dir, &st) != 0)
    return g_strdup ("(missing)\n");
  if (!S_ISDIR (st.st_mode))
    return g_strdup ("(not a folder)\n");

  snapshot_collect (dir, NULL, lines);
  g_ptr_array_sort (lines, compare_snapshot_lines);

  out = g_string_new (NULL);
  for (i = 0; i < lines->len; i++)
    g_string_append (out, ((SnapshotLine *) g_ptr_array_index (lines, i))->line);

  return g_string_free (out, FALSE);
}
