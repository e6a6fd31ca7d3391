/* hs-scorm.h — reads a SCORM 1.2 or 2004 package's imsmanifest.xml
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-course.h"

G_BEGIN_DECLS

#define HS_SCORM_ERROR (hs_scorm_error_quark ())

typedef enum {
  HS_SCORM_ERROR_NOT_FOUND,
  HS_SCORM_ERROR_TOO_LARGE,
  HS_SCORM_ERROR_INVALID_XML,
  HS_SCORM_ERROR_ENTITY,
  HS_SCORM_ERROR_TOO_DEEP,
  HS_SCORM_ERROR_UNSUPPORTED_VERSION,
  HS_SCORM_ERROR_NO_ORGANIZATION,
  HS_SCORM_ERROR_MISSING_RESOURCE,
  HS_SCORM_ERROR_MISSING_FILE,
  HS_SCORM_ERROR_OUTSIDE_PACKAGE,
  HS_SCORM_ERROR_INVALID_ELEMENT,
  HS_SCORM_ERROR_NOTHING_TO_LAUNCH,
} HsScormError;

#define HS_SCORM_MANIFEST_NAME "imsmanifest.xml"

/* The largest imsmanifest.xml read (authoring tools list every file of the
 * package in it), and the deepest nesting of elements accepted. */
#define HS_SCORM_MAX_SIZE  (16 * 1024 * 1024)
#define HS_SCORM_MAX_DEPTH 64

/* The largest <imsss:sequencing> (or sequencing collection) kept, in
 * characters of XML. */
#define HS_SCORM_MAX_SEQUENCING (64 * 1024)

GQuark    hs_scorm_error_quark     (void);

char     *hs_scorm_to_json         (const char       *xml,
                                    gssize            length,
                                    const char       *root,
                                    GError          **error) G_GNUC_WARN_UNUSED_RESULT;
HsCourse *hs_scorm_parse           (const char       *xml,
                                    gssize            length,
                                    const char       *root,
                                    GError          **error) G_GNUC_WARN_UNUSED_RESULT;
HsCourse *hs_scorm_load            (const char       *root,
                                    GError          **error) G_GNUC_WARN_UNUSED_RESULT;

char     *hs_scorm_make_course_id  (const char       *identifier,
                                    const char       *title) G_GNUC_WARN_UNUSED_RESULT;
gboolean  hs_scorm_time_is_valid   (HsCoursePackage   package,
                                    const char       *value);

G_END_DECLS
