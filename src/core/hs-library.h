/* hs-library.h — installed courses: import, update, remove, list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-course.h"
#include "hs-package.h"
#include "hs-store.h"

G_BEGIN_DECLS

#define HS_LIBRARY_ERROR (hs_library_error_quark ())

typedef enum {
  HS_LIBRARY_ERROR_ALREADY_INSTALLED,
  HS_LIBRARY_ERROR_NEWER_INSTALLED,
  HS_LIBRARY_ERROR_NOT_FOUND,
  HS_LIBRARY_ERROR_DATA_DIR,
} HsLibraryError;

#define HS_TYPE_LIBRARY (hs_library_get_type ())

G_DECLARE_FINAL_TYPE (HsLibrary, hs_library, HS, LIBRARY, GObject)

GQuark      hs_library_error_quark    (void);
char       *hs_library_default_data_dir (void) G_GNUC_WARN_UNUSED_RESULT;
HsLibrary  *hs_library_new            (const char             *data_dir,
                                       GError                **error) G_GNUC_WARN_UNUSED_RESULT;
const char *hs_library_get_data_dir   (HsLibrary              *self);
gboolean    hs_library_get_update_changes (HsLibrary          *self,
                                       const char             *course_id,
                                       char                  **previous_version,
                                       GPtrArray             **added,
                                       GPtrArray             **removed,
                                       GError                **error);
gboolean    hs_library_install_bundled (HsLibrary             *self,
                                       const char             *dir,
                                       const char             *stamp,
                                       guint                  *n_installed,
                                       GError                **error);
gboolean    hs_library_is_hidden_file (HsLibrary              *self,
                                       const char             *course_id,
                                       const char             *path);
HsStore    *hs_library_get_store      (HsLibrary              *self);
void        hs_library_set_limits     (HsLibrary              *self,
                                       const HsPackageLimits  *limits);
const HsPackageLimits *hs_library_get_limits (HsLibrary       *self);
HsCourse   *hs_library_import         (HsLibrary              *self,
                                       const char             *archive_path,
                                       HsPackageProgressFunc   progress,
                                       gpointer                user_data,
                                       GCancellable           *cancellable,
                                       GError                **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *hs_library_list           (HsLibrary              *self,
                                       GError                **error) G_GNUC_WARN_UNUSED_RESULT;
HsCourse   *hs_library_get_course     (HsLibrary              *self,
                                       const char             *course_id,
                                       GError                **error) G_GNUC_WARN_UNUSED_RESULT;
char       *hs_library_get_course_path (HsLibrary             *self,
                                       const char             *course_id) G_GNUC_WARN_UNUSED_RESULT;
gboolean    hs_library_remove         (HsLibrary              *self,
                                       const char             *course_id,
                                       gboolean                purge,
                                       GError                **error);

G_END_DECLS
