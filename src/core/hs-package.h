/* hs-package.h — opens a course archive, checks it, extracts it safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HS_PACKAGE_ERROR (hs_package_error_quark ())

/* One code per refusal, so callers and tests can tell them apart. */
typedef enum {
  HS_PACKAGE_ERROR_NOT_AN_ARCHIVE,
  HS_PACKAGE_ERROR_CORRUPT,
  HS_PACKAGE_ERROR_EMPTY,
  HS_PACKAGE_ERROR_PATH_TRAVERSAL,
  HS_PACKAGE_ERROR_ABSOLUTE_PATH,
  HS_PACKAGE_ERROR_SYMLINK,
  HS_PACKAGE_ERROR_HARDLINK,
  HS_PACKAGE_ERROR_DEVICE,
  HS_PACKAGE_ERROR_FIFO,
  HS_PACKAGE_ERROR_SPECIAL_FILE,
  HS_PACKAGE_ERROR_DUPLICATE,
  HS_PACKAGE_ERROR_CONTROL_CHARACTER,
  HS_PACKAGE_ERROR_BAD_NAME_ENCODING,
  HS_PACKAGE_ERROR_PATH_TOO_LONG,
  HS_PACKAGE_ERROR_TOO_LARGE,
  HS_PACKAGE_ERROR_TOO_MANY_ENTRIES,
  HS_PACKAGE_ERROR_COMPRESSION_RATIO,
  HS_PACKAGE_ERROR_ENCRYPTED,
  HS_PACKAGE_ERROR_NO_COURSE_ROOT,
  HS_PACKAGE_ERROR_WRITE_FAILED,
} HsPackageError;

typedef struct {
  guint64 max_total_size;   /* bytes, all entries together */
  guint   max_entries;
  double  max_ratio;        /* uncompressed : compressed, per entry */
  guint64 ratio_threshold;  /* entries smaller than this skip the ratio check */
  guint   max_path_length;  /* bytes of a whole relative path */
  guint   max_name_length;  /* bytes of one path component */
} HsPackageLimits;

#define HS_PACKAGE_DEFAULT_MAX_TOTAL_SIZE  (G_GUINT64_CONSTANT (4) << 30)
#define HS_PACKAGE_DEFAULT_MAX_ENTRIES     50000
#define HS_PACKAGE_DEFAULT_MAX_RATIO       200.0
#define HS_PACKAGE_DEFAULT_RATIO_THRESHOLD (1024 * 1024)
#define HS_PACKAGE_DEFAULT_MAX_PATH        1024
#define HS_PACKAGE_DEFAULT_MAX_NAME        255

/* Called now and then with the bytes of the archive read so far. */
typedef void (*HsPackageProgressFunc) (guint64  done,
                                       guint64  total,
                                       gpointer user_data);

GQuark  hs_package_error_quark         (void);
void    hs_package_limits_init_default (HsPackageLimits       *limits);
char   *hs_package_extract             (const char            *archive_path,
                                        const char            *staging_dir,
                                        const HsPackageLimits *limits,
                                        HsPackageProgressFunc  progress,
                                        gpointer               user_data,
                                        GCancellable          *cancellable,
                                        GError               **error) G_GNUC_WARN_UNUSED_RESULT;
char   *hs_package_find_root           (const char            *dir,
                                        GError               **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
