/* hs-search-hit.h — one course or lesson a search found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "hs-lesson.h"

G_BEGIN_DECLS

/* A matched part of a text: bytes start to end (exclusive). */
typedef struct {
  guint start;
  guint end;
} HsSearchRange;

#define HS_TYPE_SEARCH_HIT (hs_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (HsSearchHit, hs_search_hit, HS, SEARCH_HIT, GObject)

const char          *hs_search_hit_get_course_id      (HsSearchHit  *self);
const char          *hs_search_hit_get_course_title   (HsSearchHit  *self);
const char          *hs_search_hit_get_lesson_id      (HsSearchHit  *self);
gboolean             hs_search_hit_get_kind           (HsSearchHit  *self,
                                                       HsLessonKind *kind);
const char          *hs_search_hit_get_title          (HsSearchHit  *self);
const HsSearchRange *hs_search_hit_get_title_ranges   (HsSearchHit  *self,
                                                       guint        *n_ranges);
const char          *hs_search_hit_get_snippet        (HsSearchHit  *self);
const HsSearchRange *hs_search_hit_get_snippet_ranges (HsSearchHit  *self,
                                                       guint        *n_ranges);
char                *hs_search_hit_get_title_markup   (HsSearchHit  *self) G_GNUC_WARN_UNUSED_RESULT;
char                *hs_search_hit_get_snippet_markup (HsSearchHit  *self) G_GNUC_WARN_UNUSED_RESULT;

char                *hs_search_mark_up                (const char           *text,
                                                       const HsSearchRange  *ranges,
                                                       guint                 n_ranges,
                                                       const char           *open,
                                                       const char           *close) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
