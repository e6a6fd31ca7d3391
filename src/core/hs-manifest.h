/* hs-manifest.h — reads a package's course.json (or, through hs-scorm, its
 * imsmanifest.xml) into the course model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-course.h"

G_BEGIN_DECLS

#define HS_MANIFEST_ERROR (hs_manifest_error_quark ())

typedef enum {
  HS_MANIFEST_ERROR_NOT_FOUND,
  HS_MANIFEST_ERROR_TOO_LARGE,
  HS_MANIFEST_ERROR_INVALID_JSON,
  HS_MANIFEST_ERROR_UNSUPPORTED_FORMAT,
  HS_MANIFEST_ERROR_MISSING_FIELD,
  HS_MANIFEST_ERROR_INVALID_FIELD,
  HS_MANIFEST_ERROR_DUPLICATE_ID,
  HS_MANIFEST_ERROR_MISSING_FILE,
} HsManifestError;

/* The largest course.json read, and the deepest nesting accepted. */
#define HS_MANIFEST_MAX_SIZE  (1024 * 1024)
#define HS_MANIFEST_MAX_DEPTH 32

GQuark    hs_manifest_error_quark (void);
HsCourse *hs_manifest_load        (const char  *root,
                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;
HsCourse *hs_manifest_parse       (const char  *json,
                                   gssize       length,
                                   const char  *root,
                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
