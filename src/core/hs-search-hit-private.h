/* hs-search-hit-private.h — how hs-search makes hits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-search-hit.h"

G_BEGIN_DECLS

HsSearchHit *hs_search_hit_new (const char *course_id,
                                const char *course_title,
                                const char *lesson_id,
                                const char *kind,
                                const char *title,
                                GArray     *title_ranges,
                                const char *snippet,
                                GArray     *snippet_ranges) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
