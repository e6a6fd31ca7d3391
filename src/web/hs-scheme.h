/* hs-scheme.h — the hocso:// URI scheme: files of installed courses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

#include "hs-library.h"

G_BEGIN_DECLS

#define HS_SCHEME "hocso"

/* Paths under this prefix are the app's own pages (the video player, the
 * quiz, the SCORM player), never package files. */
#define HS_SCHEME_RESERVED_PREFIX "/_hocso/"

void  hs_scheme_register   (WebKitWebContext *context,
                            HsLibrary        *library,
                            const char       *media_origin);
char *hs_scheme_lesson_uri (const char       *course_id,
                            const char       *kind,
                            const char       *src,
                            const char       *lesson_id) G_GNUC_WARN_UNUSED_RESULT;
char *hs_scheme_launch_path (const char      *src,
                             const char      *parameters) G_GNUC_WARN_UNUSED_RESULT;
char *hs_scheme_csp        (const char       *media_origin) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
