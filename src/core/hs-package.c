/* hs-package.c — opens a course archive, checks it, extracts it safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every entry is checked before a byte of it is written: its name is decoded
 * and normalised, then refused if it could land outside the staging folder,
 * is a link or a special file, repeats another name, or breaks a limit.
 * Files are written by this code, never by archive_read_extract(), so no
 * ownership, permission, link or timestamp from the archive reaches the disk.
 */
#define G_LOG_DOMAIN "hs-package"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hs-package.h"

G_DEFINE_QUARK (hs-package-error-quark, hs_package_error)

#define READ_BLOCK (16 * 1024)
#define DATA_BLOCK (64 * 1024)

typedef struct {
  int      fd;
  guint64  consumed;    /* raw (compressed) bytes handed to libarchive */
  guint64  file_size;
  guchar   buffer[READ_BLOCK];
} Source;

typedef enum {
  NODE_DIR = 1,
  NODE_FILE,
} NodeKind;

typedef struct {
  const HsPackageLimits *limits;
  const char            *staging;
  const char            *archive_name;
  struct archive        *archive;
  Source                *source;
  GHashTable            *nodes;        /* folded path → NodeKind */
  guint64                total;
  guint                  entries;
  gboolean               is_zip;
  HsPackageProgressFunc  progress;
  gpointer               progress_data;
  GCancellable          *cancellable;
} Extraction;

void
hs_package_limits_init_default (HsPackageLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_total_size = HS_PACKAGE_DEFAULT_MAX_TOTAL_SIZE;
  limits->max_entries = HS_PACKAGE_DEFAULT_MAX_ENTRIES;
  limits->max_ratio = HS_PACKAGE_DEFAULT_MAX_RATIO;
  limits->ratio_threshold = HS_PACKAGE_DEFAULT_RATIO_THRESHOLD;
  limits->max_path_length = HS_PACKAGE_DEFAULT_MAX_PATH;
  limits->max_name_length = HS_PACKAGE_DEFAULT_MAX_NAME;
}

static la_ssize_t
source_read_cb (struct archive  *a,
                void            *user_data,
                const void     **buffer)
{
  Source *source = user_data;
  ssize_t n;

  do
    n = read (source->fd, source->buffer, sizeof source->buffer);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      archive_set_error (a, errno, "%s", g_strerror (errno));
      return -1;
    }

  source->consumed += n;
  *buffer = source->buffer;
  return n;
}

static la_int64_t
source_seek_cb (struct archive *a,
                void           *user_data,
                la_int64_t      offset,
                int             whence)
{
  Source *source = user_data;
  off_t pos = lseek (source->fd, offset, whence);

  if (pos < 0)
    {
      archive_set_error (a, errno, "%s", g_strerror (errno));
      return ARCHIVE_FATAL;
    }
  return pos;
}

static la_int64_t
source_skip_cb (struct archive *a,
                void           *user_data,
                la_int64_t      request)
{
  Source *source = user_data;
  off_t before = lseek (source->fd, 0, SEEK_CUR);
  off_t after;

  if (before < 0)
    return 0;
  after = lseek (source->fd, MIN ((guint64) request, source->file_size - MIN ((guint64) before, source->file_size)), SEEK_CUR);
  return after < 0 ? 0 : after - before;
}

typedef enum {
  ARCHIVE_KIND_UNKNOWN,
  ARCHIVE_KIND_ZIP,
  ARCHIVE_KIND_OTHER,
} ArchiveKind;

/* What the first bytes of the file say it is.  Only zips may carry names in
 * legacy code pages, and a damaged file with a known magic is "damaged",
 * not "not an archive". */
static ArchiveKind
archive_kind (int fd)
{
  static const struct {
    gsize        offset;
    const char  *magic;
    gsize        length;
    ArchiveKind  kind;
  } magics[] = {
    { 0, "PK\x03\x04", 4, ARCHIVE_KIND_ZIP },
    { 0, "PK\x05\x06", 4, ARCHIVE_KIND_ZIP },
    { 0, "\x1f\x8b", 2, ARCHIVE_KIND_OTHER },
    { 0, "\xfd" "7zXZ", 5, ARCHIVE_KIND_OTHER },
    { 0, "7z\xbc\xaf\x27\x1c", 6, ARCHIVE_KIND_OTHER },
    { 0, "BZh", 3, ARCHIVE_KIND_OTHER },
    { 0, "\x28\xb5\x2f\xfd", 4, ARCHIVE_KIND_OTHER },
    { 0, "\x5d\x00\x00", 3, ARCHIVE_KIND_OTHER },
    { 257, "ustar", 5, ARCHIVE_KIND_OTHER },
  };
  guchar head[262];
  ssize_t n = pread (fd, head, sizeof head, 0);

  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    if (n >= (ssize_t) (magics[i].offset + magics[i].length) &&
        memcmp (head + magics[i].offset, magics[i].magic, magics[i].length) == 0)
      return magics[i].kind;

  return ARCHIVE_KIND_UNKNOWN;
}

/* Shows a name in a message even when it is not valid UTF-8. */
static char *
printable_name (const char *raw)
{
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
refuse (GError         **error,
        HsPackageError   code,
        const char      *raw_name,
        const char      *format)
{
  g_autofree char *name = printable_name (raw_name);

  /* @format is a translated sentence with one %s for the entry's name. */
  g_set_error (error, HS_PACKAGE_ERROR, code, format, name);
  return FALSE;
}

/* Entry names: UTF-8 when they are valid UTF-8 (zips flag it, or just
 * happen to be); otherwise, for zips made on Vietnamese Windows, CP1258 and
 * then CP437.  Other formats must use UTF-8. */
static char *
decode_name (const char *raw,
             gboolean    is_zip)
{
  static const char * const legacy[] = { "CP1258", "CP437" };

  if (g_utf8_validate (raw, -1, NULL))
    return g_strdup (raw);

  for (guint i = 0; is_zip && i < G_N_ELEMENTS (legacy); i++)
    {
      char *converted = g_convert (raw, -1, "UTF-8", legacy[i], NULL, NULL, NULL);

      if (converted != NULL)
        return converted;
    }

  return NULL;
}

/* Turns an entry's name into a clean relative path, or refuses it. */
static char *
clean_name (Extraction  *ex,
            const char  *raw,
            GError     **error)
{
  g_autofree char *decoded = NULL;
  g_autofree char *nfc = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) path = g_string_new (NULL);

  decoded = decode_name (raw, ex->is_zip);
  if (decoded == NULL)
    return refuse (error, HS_PACKAGE_ERROR_BAD_NAME_ENCODING, raw,
                   _("The package entry “%s” has a name that is not in a known text encoding.")), NULL;

  for (const char *p = decoded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        return refuse (error, HS_PACKAGE_ERROR_CONTROL_CHARACTER, decoded,
                       _("The package entry “%s” has a control character in its name.")), NULL;
    }

  /* Windows tools write '\' between folders; treat it as one, so that
   * "..\evil" is seen for what it is. */
  g_strdelimit (decoded, "\\", '/');

  if (decoded[0] == '/' ||
      (g_ascii_isalpha (decoded[0]) && decoded[1] == ':'))
    return refuse (error, HS_PACKAGE_ERROR_ABSOLUTE_PATH, decoded,
                   _("The package entry “%s” has an absolute path.")), NULL;

  nfc = g_utf8_normalize (decoded, -1, G_NORMALIZE_NFC);
  parts = g_strsplit (nfc, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];

      if (*part == '\0' || g_str_equal (part, "."))
        continue;
      if (g_str_equal (part, ".."))
        return refuse (error, HS_PACKAGE_ERROR_PATH_TRAVERSAL, decoded,
                       _("The package entry “%s” points outside the package (“..”).")), NULL;
      if (strlen (part) > ex->limits->max_name_length)
        return refuse (error, HS_PACKAGE_ERROR_PATH_TOO_LONG, decoded,
                       _("The package entry “%s” has a name that is too long.")), NULL;
      if (path->len > 0)
        g_string_append_c (path, '/');
      g_string_append (path, part);
    }

  if (path->len > ex->limits->max_path_length)
    return refuse (error, HS_PACKAGE_ERROR_PATH_TOO_LONG, decoded,
                   _("The package entry “%s” has a path that is too long.")), NULL;

  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* Names are compared case-folded: two entries that would be one file on a
 * Windows-formatted USB stick are duplicates here too. */
static gboolean
claim_path (Extraction  *ex,
            const char  *path,
            NodeKind     kind,
            GError     **error)
{
  g_autofree char *key = g_utf8_casefold (path, -1);
  NodeKind existing;

  /* Every parent folder becomes a folder node; none may be a file. */
  for (char *slash = strchr (key, '/'); slash != NULL; slash = strchr (slash + 1, '/'))
    {
      *slash = '\0';
      existing = GPOINTER_TO_UINT (g_hash_table_lookup (ex->nodes, key));
      if (existing == NODE_FILE)
        return refuse (error, HS_PACKAGE_ERROR_DUPLICATE, path,
                       _("The package entry “%s” is inside another entry that is a file, not a folder.")), FALSE;
      if (existing == 0)
        g_hash_table_insert (ex->nodes, g_strdup (key), GUINT_TO_POINTER (NODE_DIR));
      *slash = '/';
    }

  existing = GPOINTER_TO_UINT (g_hash_table_lookup (ex->nodes, key));
  if (existing == NODE_FILE || (existing == NODE_DIR && kind == NODE_FILE))
    return refuse (error, HS_PACKAGE_ERROR_DUPLICATE, path,
                   _("The package has the name “%s” more than once.")), FALSE;

  g_hash_table_insert (ex->nodes, g_steal_pointer (&key), GUINT_TO_POINTER (kind));
  return TRUE;
}

/* Little-endian fields of zip records. */
static guint32
le16 (const guchar *p)
{
  return p[0] | (p[1] << 8);
}

static guint32
le32 (const guchar *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static guint64
le64 (const guchar *p)
{
  return le32 (p) | ((guint64) le32 (p + 4) << 32);
}

static gboolean
zip_unreadable (Extraction  *ex,
                GError     **error)
{
  g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_CORRUPT,
               _("The package “%s” is damaged or incomplete (%s)."),
               ex->archive_name, _("its list of files cannot be read"));
  return FALSE;
}

/* A raw name that holds a NUL, for a message: the NUL shows as \x00. */
static gboolean
refuse_nul_name (const guchar  *name,
                 gsize          length,
                 GError       **error)
{
  g_autoptr(GString) shown = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      if (name[i] == '\0')
        g_string_append (shown, "\\x00");
      else
        g_string_append_c (shown, name[i]);
    }
  return refuse (error, HS_PACKAGE_ERROR_CONTROL_CHARACTER, shown->str,
                 _("The package entry “%s” has a control character in its name."));
}

/* Where the zip64 extra field of a central record puts the local header,
 * or G_MAXUINT64 when it does not say. */
static guint64
zip64_local_offset (const guchar *record,
                    const guchar *extra,
                    gsize         extra_len)
{
  gsize at = 0;

  while (at + 4 <= extra_len)
    {
      guint32 tag = le16 (extra + at), size = le16 (extra + at + 2);
      gsize skip = 0;

      if (at + 4 + size > extra_len)
        break;
      if (tag == 0x0001)
        {
          if (le32 (record + 24) == 0xffffffff)
            skip += 8;
          if (le32 (record + 20) == 0xffffffff)
            skip += 8;
          return skip + 8 <= size ? le64 (extra + at + 4 + skip) : G_MAXUINT64;
        }
      at += 4 + size;
    }
  return G_MAXUINT64;
}

/* libarchive cuts a zip entry's name at a NUL byte, so "l.html\0../x"
 * would be read as "l.html" while another tool shows more.  Such names are
 * found in the zip's own list of files: every name in the central
 * directory and in the local header each record points to.  A zip whose
 * list cannot be read is damaged. */
static gboolean
check_zip_names (Extraction  *ex,
                 GError     **error)
{
  int fd = ex->source->fd;
  guint64 size = ex->source->file_size;
  gsize tail_len = (gsize) MIN (size, (guint64) (0xffff + 22));
  g_autofree guchar *tail = g_malloc (MAX (tail_len, 1));
  guint64 eocd = G_MAXUINT64, cd_offset, cd_size, cd_start, delta, at;
  guint n_records;

  if (pread (fd, tail, tail_len, size - tail_len) != (ssize_t) tail_len)
    return zip_unreadable (ex, error);
  for (gsize i = tail_len >= 22 ? tail_len - 22 + 1 : 0; i-- > 0;)
    if (memcmp (tail + i, "PK\x05\x06", 4) == 0)
      {
        eocd = size - tail_len + i;
        break;
      }
  if (eocd == G_MAXUINT64)
    return zip_unreadable (ex, error);

  {
    const guchar *record = tail + (eocd - (size - tail_len));

    cd_size = le32 (record + 12);
    cd_offset = le32 (record + 16);
  }

  if (cd_size == 0xffffffff || cd_offset == 0xffffffff)
    {
      guchar locator[20], record[56];

      if (eocd < 20 || pread (fd, locator, 20, eocd - 20) != 20 ||
          memcmp (locator, "PK\x06\x07", 4) != 0 ||
          le64 (locator + 8) > size - 56 ||
          pread (fd, record, 56, le64 (locator + 8)) != 56 ||
          memcmp (record, "PK\x06\x06", 4) != 0)
        return zip_unreadable (ex, error);
      cd_size = le64 (record + 40);
      cd_offset = le64 (record + 48);
    }

  /* A self-extracting zip has a program in front, and its offsets may
   * count from where the zip begins. */
  if (cd_size > eocd)
    return zip_unreadable (ex, error);
  cd_start = eocd - cd_size;
  if (cd_offset > cd_start)
    return zip_unreadable (ex, error);
  delta = cd_start - cd_offset;

  /* Record by record, never the whole directory at once: its size is the
   * archive's word, and a file can claim gigabytes. */
  for (at = 0, n_records = 0; at < cd_size; n_records++)
    {
      guchar record[46], header[30];
      gsize name_len, extra_len, comment_len;
      g_autofree guchar *name_extra = NULL;
      guint64 local;

      /* A digital signature record may end the directory. */
      if (cd_size - at < 46)
        break;
      if (pread (fd, record, 46, cd_start + at) != 46)
        return zip_unreadable (ex, error);
      if (memcmp (record, "PK\x01\x02", 4) != 0)
        break;
      if (n_records >= ex->limits->max_entries)
        {
          g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_TOO_MANY_ENTRIES,
                       _("The package has more than %u files and folders."), ex->limits->max_entries);
          return FALSE;
        }
      name_len = le16 (record + 28);
      extra_len = le16 (record + 30);
      comment_len = le16 (record + 32);
      if (46 + name_len + extra_len + comment_len > cd_size - at)
        return zip_unreadable (ex, error);
      name_extra = g_malloc (name_len + extra_len + 1);
      if (pread (fd, name_extra, name_len + extra_len, cd_start + at + 46) != (ssize_t) (name_len + extra_len))
        return zip_unreadable (ex, error);
      if (memchr (name_extra, '\0', name_len) != NULL)
        return refuse_nul_name (name_extra, name_len, error);

      local = le32 (record + 42);
      if (local == 0xffffffff)
        local = zip64_local_offset (record, name_extra + name_len, extra_len);
      if (local > G_MAXUINT64 - delta || local + delta > size ||
          size - (local + delta) < 30 ||
          pread (fd, header, 30, local + delta) != 30 ||
          memcmp (header, "PK\x03\x04", 4) != 0)
        return zip_unreadable (ex, error);
      {
        gsize local_len = le16 (header + 26);
        g_autofree guchar *local_name = g_malloc (local_len + 1);

        if (pread (fd, local_name, local_len, local + delta + 30) != (ssize_t) local_len)
          return zip_unreadable (ex, error);
        if (memchr (local_name, '\0', local_len) != NULL)
          return refuse_nul_name (local_name, local_len, error);
      }

      at += 46 + name_len + extra_len + comment_len;
    }

  return TRUE;
}

static gboolean
check_type (struct archive_entry  *entry,
            const char            *name,
            GError               **error)
{
  if (archive_entry_hardlink (entry) != NULL)
    return refuse (error, HS_PACKAGE_ERROR_HARDLINK, name,
                   _("The package entry “%s” is a hard link; packages may not contain links."));

  switch (archive_entry_filetype (entry))
    {
    case AE_IFREG:
    case AE_IFDIR:
      break;
    case AE_IFLNK:
      return refuse (error, HS_PACKAGE_ERROR_SYMLINK, name,
                     _("The package entry “%s” is a symbolic link; packages may not contain links."));
    case AE_IFCHR:
    case AE_IFBLK:
      return refuse (error, HS_PACKAGE_ERROR_DEVICE, name,
                     _("The package entry “%s” is a device file."));
    case AE_IFIFO:
      return refuse (error, HS_PACKAGE_ERROR_FIFO, name,
                     _("The package entry “%s” is a named pipe (FIFO)."));
    default:
      return refuse (error, HS_PACKAGE_ERROR_SPECIAL_FILE, name,
                     _("The package entry “%s” is a special file, not a regular file or folder."));
    }

  if (archive_entry_is_encrypted (entry))
    return refuse (error, HS_PACKAGE_ERROR_ENCRYPTED, name,
                   _("The package entry “%s” is encrypted; Học Số opens only unencrypted packages."));

  return TRUE;
}

/* Files macOS and Windows leave in archives; never part of a course. */
static gboolean
is_litter (const char *path)
{
  const char *base = strrchr (path, '/');

  base = base ? base + 1 : path;
  return g_str_has_prefix (path, "__MACOSX/") || g_str_equal (path, "__MACOSX") ||
         g_str_equal (base, ".DS_Store") || g_ascii_strcasecmp (base, "Thumbs.db") == 0 ||
         g_ascii_strcasecmp (base, "desktop.ini") == 0;
}

/* The file position, not the bytes read: a zip's central directory at the
 * end is read first, then the entries. */
static void
report_progress (Extraction *ex)
{
  off_t pos = lseek (ex->source->fd, 0, SEEK_CUR);

  ex->progress (CLAMP (pos, 0, (off_t) ex->source->file_size),
                ex->source->file_size, ex->progress_data);
}

static gboolean
write_failed (GError     **error,
              const char  *name,
              int          saved_errno)
{
  g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_WRITE_FAILED,
               _("Could not write “%s” from the package: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
make_parents (Extraction  *ex,
              const char  *path,
              GError     **error)
{
  g_autofree char *full = g_build_filename (ex->staging, path, NULL);
  g_autofree char *parent = g_path_get_dirname (full);

  if (g_mkdir_with_parents (parent, 0755) != 0)
    return write_failed (error, path, errno);
  return TRUE;
}

static gboolean
extract_file (Extraction            *ex,
              struct archive_entry  *entry,
              const char            *path,
              gboolean               skip,
              GError               **error)
{
  g_autofree char *full = g_build_filename (ex->staging, path, NULL);
  g_autofree guchar *buffer = NULL;
  guint64 written = 0;
  guint64 raw_start = ex->source->consumed;
  int fd = -1;
  gboolean ok = FALSE;

  if (archive_entry_size_is_set (entry) &&
      (guint64) archive_entry_size (entry) > ex->limits->max_total_size - ex->total)
    return refuse (error, HS_PACKAGE_ERROR_TOO_LARGE, path,
                   _("The package is too large to install (at “%s”).")), FALSE;

  if (!skip)
    {
      if (!make_parents (ex, path, error))
        return FALSE;
      fd = g_open (full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
      if (fd < 0)
        return write_failed (error, path, errno);
    }

  buffer = g_malloc (DATA_BLOCK);
  for (;;)
    {
      la_ssize_t n = archive_read_data (ex->archive, buffer, DATA_BLOCK);

      if (n == 0)
        break;
      if (n < 0)
        {
          const char *why = archive_error_string (ex->archive);

          if (why != NULL && strstr (why, "ncrypt") != NULL)
            refuse (error, HS_PACKAGE_ERROR_ENCRYPTED, path,
                    _("The package entry “%s” is encrypted; Học Số opens only unencrypted packages."));
          else
            {
              g_autofree char *name = printable_name (path);
              g_autofree char *reason = g_strstrip (g_strdup (why ? why : _("unknown error")));

              g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_CORRUPT,
                           _("The package is damaged or incomplete at “%s”: %s"), name, reason);
            }
          goto out;
        }

      written += n;
      ex->total += n;

      if (ex->total > ex->limits->max_total_size)
        {
          refuse (error, HS_PACKAGE_ERROR_TOO_LARGE, path,
                  _("The package is too large to install (at “%s”)."));
          goto out;
        }

      /* The compressed size is what libarchive pulled from the file while
       * this entry was decoded, allowing one read block that may have been
       * buffered before the entry began. */
      if (written > ex->limits->ratio_threshold &&
          (double) written / (double) (ex->source->consumed - raw_start + READ_BLOCK) > ex->limits->max_ratio)
        {
          refuse (error, HS_PACKAGE_ERROR_COMPRESSION_RATIO, path,
                  _("The package entry “%s” is compressed far more than real files are (a “zip bomb”)."));
          goto out;
        }

      if (fd >= 0)
        {
          const guchar *p = buffer;
          la_ssize_t left = n;

          while (left > 0)
            {
              ssize_t w = write (fd, p, left);

              if (w < 0 && errno == EINTR)
                continue;
              if (w < 0)
                {
                  write_failed (error, path, errno);
                  goto out;
                }
              p += w;
              left -= w;
            }
        }

      if (g_cancellable_set_error_if_cancelled (ex->cancellable, error))
        goto out;

      /* A large video is one entry: report within it too. */
      if (ex->progress != NULL && written % (1024 * 1024) < (guint64) n)
        report_progress (ex);
    }

  ok = TRUE;

out:
  if (fd >= 0 && close (fd) != 0 && ok)
    ok = write_failed (error, path, errno);
  return ok;
}

static gboolean
extract_all (Extraction  *ex,
             GError     **error)
{
  struct archive_entry *entry;

  for (;;)
    {
      g_autofree char *path = NULL;
      const char *raw;
      gboolean is_dir;
      int rc;

      if (g_cancellable_set_error_if_cancelled (ex->cancellable, error))
        return FALSE;

      rc = archive_read_next_header (ex->archive, &entry);
      if (rc == ARCHIVE_EOF)
        break;
      if (rc < ARCHIVE_WARN)
        {
          const char *why = archive_error_string (ex->archive);

          /* The format was recognised when the archive opened, so a
           * header that cannot be read is damage, not a foreign file. */
          g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_CORRUPT,
                       _("The package “%s” is damaged or incomplete (%s)."),
                       ex->archive_name, why ? why : _("unknown error"));
          return FALSE;
        }

      if (ex->entries == 0 &&
          (archive_format (ex->archive) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP &&
          !check_zip_names (ex, error))
        return FALSE;

      if (++ex->entries > ex->limits->max_entries)
        {
          g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_TOO_MANY_ENTRIES,
                       _("The package has more than %u files and folders."), ex->limits->max_entries);
          return FALSE;
        }

      raw = archive_entry_pathname (entry);
      if (raw == NULL)
        raw = archive_entry_pathname_utf8 (entry);
      if (raw == NULL)
        {
          g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_BAD_NAME_ENCODING,
                       _("Entry %u of the package has a name that cannot be read."), ex->entries);
          return FALSE;
        }

      path = clean_name (ex, raw, error);
      if (path == NULL || !check_type (entry, path, error))
        return FALSE;

      /* An entry that names only the top ("./") adds nothing. */
      if (*path == '\0')
        continue;

      is_dir = archive_entry_filetype (entry) == AE_IFDIR;
      if (!claim_path (ex, path, is_dir ? NODE_DIR : NODE_FILE, error))
        return FALSE;

      if (is_dir)
        {
          g_autofree char *full = g_build_filename (ex->staging, path, NULL);

          if (!is_litter (path) && g_mkdir_with_parents (full, 0755) != 0)
            return write_failed (error, path, errno);
        }
      else if (!extract_file (ex, entry, path, is_litter (path), error))
        return FALSE;

      if (ex->progress != NULL)
        report_progress (ex);
    }

  if (ex->entries == 0)
    {
      g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_EMPTY,
                   _("The package “%s” is empty."), ex->archive_name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_manifest (const char *dir)
{
  static const char * const names[] = { "course.json", "imsmanifest.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }
  return FALSE;
}

/**
 * hs_package_find_root:
 * @dir: an extracted package
 *
 * The course root is @dir itself when course.json or imsmanifest.xml is at
 * its top, or else its only folder when that holds one of them.
 *
 * Returns: the root's path
 */
char *
hs_package_find_root (const char  *dir,
                      GError     **error)
{
  g_autoptr(GDir) listing = NULL;
  g_autofree char *only = NULL;
  const char *name;
  guint count = 0;

  g_return_val_if_fail (dir != NULL, NULL);

  if (has_manifest (dir))
    return g_strdup (dir);

  listing = g_dir_open (dir, 0, error);
  if (listing == NULL)
    return NULL;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (is_litter (name))
        continue;
      count++;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          g_free (only);
          only = g_steal_pointer (&child);
        }
    }

  if (count == 1 && only != NULL && has_manifest (only))
    return g_steal_pointer (&only);

  g_set_error_literal (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_NO_COURSE_ROOT,
                       _("The package has no course.json or imsmanifest.xml, neither at its top nor in a single top folder."));
  return NULL;
}

/**
 * hs_package_extract:
 * @archive_path: a zip, tar (.gz, .xz, .bz2, .zst) or 7z file
 * @staging_dir: an existing, empty folder to extract into
 * @limits: (nullable): the limits; %NULL for the defaults
 *
 * Checks and extracts every entry of the archive into @staging_dir.  On
 * failure the caller removes @staging_dir; nothing is ever written outside it.
 *
 * Returns: the course root inside @staging_dir (see hs_package_find_root())
 */
char *
hs_package_extract (const char             *archive_path,
                    const char             *staging_dir,
                    const HsPackageLimits  *limits,
                    HsPackageProgressFunc   progress,
                    gpointer                user_data,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_autofree Source *source = g_new0 (Source, 1);
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *archive_name = g_filename_display_basename (archive_path);
  HsPackageLimits defaults;
  Extraction ex = { 0 };
  struct archive *a = NULL;
  locale_t utf8_locale, old_locale = (locale_t) 0;
  GStatBuf st;
  char *root = NULL;
  int rc;

  g_return_val_if_fail (archive_path != NULL, NULL);
  g_return_val_if_fail (staging_dir != NULL, NULL);

  if (limits == NULL)
    {
      hs_package_limits_init_default (&defaults);
      limits = &defaults;
    }

  source->fd = g_open (archive_path, O_RDONLY | O_CLOEXEC, 0);
  if (source->fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), archive_name, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (source->fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_NOT_AN_ARCHIVE,
                   _("“%s” is not a file."), archive_name);
      close (source->fd);
      return NULL;
    }
  source->file_size = st.st_size;

  /* libarchive converts entry names with the thread's locale; pin it to
   * UTF-8 so names decode the same whatever LANG the user runs with. */
  utf8_locale = newlocale (LC_ALL_MASK, "C.UTF-8", (locale_t) 0);
  if (utf8_locale != (locale_t) 0)
    old_locale = uselocale (utf8_locale);

  /* Only the formats and filters packages come in.  Not "all": mtree can
   * read files from this disk, and some filters run external programs. */
  a = archive_read_new ();
  archive_read_support_format_zip (a);
  archive_read_support_format_tar (a);
  archive_read_support_format_gnutar (a);
  archive_read_support_format_7zip (a);
  archive_read_support_filter_gzip (a);
  archive_read_support_filter_bzip2 (a);
  archive_read_support_filter_xz (a);
  archive_read_support_filter_lzma (a);
  archive_read_support_filter_zstd (a);

  archive_read_set_read_callback (a, source_read_cb);
  archive_read_set_seek_callback (a, source_seek_cb);
  archive_read_set_skip_callback (a, source_skip_cb);
  archive_read_set_callback_data (a, source);

  ex.limits = limits;
  ex.staging = staging_dir;
  ex.archive_name = archive_name;
  ex.archive = a;
  ex.source = source;
  ex.nodes = nodes;
  ex.progress = progress;
  ex.progress_data = user_data;
  ex.cancellable = cancellable;

  rc = archive_read_open1 (a);
  if (rc != ARCHIVE_OK)
    {
      const char *why = archive_error_string (a);

      /* libarchive reads ahead while it recognises the format, so a cut-off
       * archive can fail here: tell it from a foreign file by its magic. */
      if (archive_kind (source->fd) != ARCHIVE_KIND_UNKNOWN)
        g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_CORRUPT,
                     _("The package “%s” is damaged or incomplete (%s)."),
                     archive_name, why ? why : _("unknown error"));
      else
        g_set_error (error, HS_PACKAGE_ERROR, HS_PACKAGE_ERROR_NOT_AN_ARCHIVE,
                     _("“%s” is not a course package Học Số can open (%s)."),
                     archive_name, why ? why : _("unknown format"));
      goto out;
    }

  ex.is_zip = archive_kind (source->fd) == ARCHIVE_KIND_ZIP;

  if (!extract_all (&ex, error))
    goto out;

  root = hs_package_find_root (staging_dir, error);

out:
  archive_read_free (a);
  close (source->fd);
  if (utf8_locale != (locale_t) 0)
    {
      uselocale (old_locale);
      freelocale (utf8_locale);
    }
  return root;
}
