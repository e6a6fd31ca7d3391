/* hs-test-archive.h — build normal and hostile course archives in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here is sanitised: entry names and link targets are written
 * byte-for-byte as given ("../x", "/etc/x", "a\\b", legacy-encoded bytes,
 * duplicates…), because the point is to check that the importer refuses them.
 *
 * Entry names
 *   All formats are written with the thread temporarily in the C.UTF-8 locale,
 *   so the output does not depend on the locale of the test process.
 *   - ZIP: names are stored as raw bytes.  General-purpose bit 11 (UTF-8) is
 *     set exactly when a name is non-ASCII *and* valid UTF-8; names that are
 *     not valid UTF-8 are stored without the flag, like a legacy zip.  (The
 *     writer fixes the flag in the finished file: libarchive 3.6's own rule
 *     depends on the locale, and its "hdrcharset=UTF-8" option replaces
 *     invalid bytes by U+FFFD.)
 *   - TAR: valid UTF-8 names go in a pax "path" record as bsdtar and GNU tar
 *     write them; other names are stored raw under "hdrcharset=BINARY".
 *   - 7Z: names are UTF-16 in the format, so a name that is not valid UTF-8
 *     cannot be stored: hs_test_archive_write() fails.
 *   libarchive appends a '/' to folder names (zip, tar; 7z reads back with
 *   one).  Writing
 *   keeps NFD names NFD in every format.  The same entries always give the
 *   same bytes (tar.gz has no time in its gzip header).
 *
 * Order: zip and tar keep the order of the calls.  libarchive's 7z writer
 * reorders: entries with data (files, symlinks) first, then empty files and
 * special files, then folders; hs_test_archive_write() refuses the same
 * folder twice in a 7z, because libarchive would silently keep one.
 *
 * What each format can hold (hs_test_archive_write() fails with
 * G_IO_ERROR_NOT_SUPPORTED rather than silently writing something else):
 *
 *                   ZIP                TAR (pax)          7Z
 *   symlink         yes                yes                yes
 *   hard link       NOT SUPPORTED (1)  yes                NOT SUPPORTED (1)
 *   AE_IFCHR/IFBLK  yes (2)            yes (dev 1,3/7,0)  yes
 *   AE_IFIFO        yes (2)            yes                yes
 *   AE_IFSOCK       yes (2)            NOT SUPPORTED (3)  yes
 *
 *   (1) Neither format has hard links; libarchive would silently store an
 *       empty regular file.
 *   (2) libarchive's zip writer refuses devices, FIFOs and sockets.  They are
 *       written as empty files and the Unix mode in the central directory
 *       (external attributes, made by Unix) is then patched to the special
 *       type, as Info-ZIP stores them (zipinfo shows c/b/p/s).  libarchive
 *       3.6 reading with archive_read_open_filename() (seeking) reports
 *       AE_IFCHR, AE_IFBLK and AE_IFSOCK, but turns AE_IFIFO into an empty
 *       AE_IFREG on purpose (an Info-ZIP workaround); reading as a stream
 *       (no central directory, e.g. a truncated zip) every special file and
 *       symlink is an AE_IFREG.
 *   (3) ustar/pax has no type flag for sockets; libarchive refuses them.
 *
 * What libarchive 3.6 readers do with these (the importer sees this, not the
 * bytes above):
 *   - Zip entries with the UTF-8 flag, pax "path" records and 7z names are
 *     converted to the current locale.  In the C locale (the default in a
 *     test: g_test_init() does not call setlocale()) a non-ASCII name gives
 *     ARCHIVE_WARN and archive_entry_pathname() == NULL for zip and 7z (the
 *     _utf8 and _w variants are NULL too); tar gives the raw bytes with
 *     ARCHIVE_WARN.  Reading under uselocale() of a C.UTF-8 locale works.
 *   - In a UTF-8 locale those names come back NFC: an NFD name and its NFC
 *     twin read back equal.  Names stored raw (zip without the flag, tar with
 *     hdrcharset=BINARY) come back byte-for-byte.
 *   - Zip: a name with '\' and no '/' comes back with '\' turned into '/'
 *     ("a\..\..\x" reads as "a/../../x").
 *   - Tar hard link: archive_entry_filetype() is 0 and
 *     archive_entry_hardlink() is the target.
 */
#pragma once

#include <gio/gio.h>
#include <archive_entry.h>

G_BEGIN_DECLS

typedef enum {
  HS_TEST_FORMAT_ZIP,      /* deflate */
  HS_TEST_FORMAT_TAR,      /* pax restricted, no compression */
  HS_TEST_FORMAT_TAR_GZ,
  HS_TEST_FORMAT_TAR_XZ,
  HS_TEST_FORMAT_7Z,
} HsTestFormat;

typedef struct _HsTestArchive HsTestArchive;

/* Entries are kept in a list and written in order by hs_test_archive_write(),
 * so duplicates stay duplicates.  Every entry gets mtime 2025-01-01 00:00 UTC,
 * uid/gid 0 and mode 0644 (files, hard links, specials), 0755 (folders) or
 * 0777 (symlinks).
 * Errors met while adding (for example an unreadable tree) are kept and
 * returned by hs_test_archive_write(). */
HsTestArchive *hs_test_archive_new          (HsTestFormat   format);
void           hs_test_archive_free         (HsTestArchive *self);
/* len -1: strlen (data) */
void           hs_test_archive_add_file     (HsTestArchive *self,
                                             const char    *name,
                                             const void    *data,
                                             gssize         len);
/* A file of `size` zero bytes, streamed in 64 KiB chunks and never held in
 * memory: a compression bomb (50 MB of zeros makes a zip or tar.gz of about
 * 48 KB, a tar.xz or 7z of about 7 KB; an uncompressed tar is full size). */
void           hs_test_archive_add_zeros    (HsTestArchive *self,
                                             const char    *name,
                                             guint64        size);
void           hs_test_archive_add_dir      (HsTestArchive *self,
                                             const char    *name);
void           hs_test_archive_add_symlink  (HsTestArchive *self,
                                             const char    *name,
                                             const char    *target);
void           hs_test_archive_add_hardlink (HsTestArchive *self,
                                             const char    *name,
                                             const char    *target);
/* ae_filetype: AE_IFCHR, AE_IFBLK, AE_IFIFO or AE_IFSOCK */
void           hs_test_archive_add_special  (HsTestArchive *self,
                                             const char    *name,
                                             unsigned int   ae_filetype);
/* Every file, folder, symlink and special file below dir (not dir itself),
 * sorted by relative path (strcmp), stored as prefix + relative path.
 * prefix is "" or ends with '/' ("top/"); it is not added as an entry of its
 * own: call hs_test_archive_add_dir (self, "top") first if wanted.  File
 * contents are read when this is called. */
void           hs_test_archive_add_tree     (HsTestArchive *self,
                                             const char    *dir,
                                             const char    *prefix);
gboolean       hs_test_archive_write        (HsTestArchive *self,
                                             const char    *path,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsTestArchive, hs_test_archive_free)

/* A hand-written zip (stored, no compression, own CRC-32) whose entry names
 * are raw bytes, for testing name decoding: utf8_flag sets general-purpose
 * bit 11 on every entry.  Entries are "made by" MS-DOS, like the legacy
 * Windows zips whose names are in a code page; a name ending in '/' is a
 * folder.  mtime 2025-01-01 00:00 (DOS time), no extra fields. */
typedef struct {
  const char *name;
  gsize       name_len;
  const char *data;
  gsize       data_len;
} HsTestRawEntry;

gboolean hs_test_write_raw_zip (const char            *path,
                                const HsTestRawEntry  *entries,
                                guint                  n_entries,
                                gboolean               utf8_flag,
                                GError               **error);

/* Writes the first `keep` bytes of src to dst (a truncated archive).  Fails
 * if src is shorter than keep. */
gboolean hs_test_truncate_copy (const char  *src,
                                const char  *dst,
                                goffset      keep,
                                GError     **error);

/* A stable text listing of everything below dir, one line per path, sorted
 * by path (strcmp):
 *   "<type>\t<path>\t<size>\t<sha256>\n"
 * type is d (folder), f (regular file), l (symlink, not followed), o
 * (anything else) or ? (could not be examined); path is relative to dir, with control characters,
 * backslash and '"' escaped as by g_strescape() (other bytes as they are);
 * size and sha256 are those of the file contents or of the link target, "-"
 * for folders and others.  An empty folder gives "".  Used to assert that a
 * refused import left a folder byte-for-byte as it was.
 * Missing dir -> "(missing)\n"; dir not a folder -> "(not a folder)\n". */
char    *hs_test_snapshot_tree (const char *dir) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
