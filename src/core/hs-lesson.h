/* hs-lesson.h — one lesson of a course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  HS_LESSON_KIND_PAGE,
  HS_LESSON_KIND_VIDEO,
  HS_LESSON_KIND_QUIZ,
  HS_LESSON_KIND_WALKTHROUGH,
  HS_LESSON_KIND_SCO,
  HS_LESSON_KIND_DOCUMENT,
  HS_LESSON_KIND_TEXT,
} HsLessonKind;

#define HS_TYPE_LESSON (hs_lesson_get_type ())

G_DECLARE_FINAL_TYPE (HsLesson, hs_lesson, HS, LESSON, GObject)

HsLesson     *hs_lesson_new                 (const char   *id,
                                             HsLessonKind  kind,
                                             const char   *title,
                                             const char   *src) G_GNUC_WARN_UNUSED_RESULT;
const char   *hs_lesson_get_id              (HsLesson     *self);
HsLessonKind  hs_lesson_get_kind            (HsLesson     *self);
const char   *hs_lesson_get_title           (HsLesson     *self);
const char   *hs_lesson_get_src             (HsLesson     *self);
const char   *hs_lesson_get_captions        (HsLesson     *self);
void          hs_lesson_set_captions        (HsLesson     *self,
                                             const char   *captions);
gboolean      hs_lesson_get_required        (HsLesson     *self);
void          hs_lesson_set_required        (HsLesson     *self,
                                             gboolean      required);
const char   *hs_lesson_get_module_id       (HsLesson     *self);
void          hs_lesson_set_module_id       (HsLesson     *self,
                                             const char   *module_id);

const char   *hs_lesson_kind_to_string      (HsLessonKind  kind);
gboolean      hs_lesson_kind_from_string    (const char   *str,
                                             HsLessonKind *kind);
gboolean      hs_lesson_kind_hides_source   (HsLessonKind  kind);

G_END_DECLS
