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

typedef enum {
  HS_SCORM_TYPE_SCO,
  HS_SCORM_TYPE_ASSET,
} HsScormType;

/* What a lesson of kind "sco" keeps from its package's imsmanifest.xml for
 * the SCORM run-time.  Each member feeds the CMI element named beside it;
 * numbers the manifest does not give are NAN, texts NULL. */
typedef struct {
  char        *identifier;           /* the <item>'s identifier */
  char        *resource;             /* the <resource>'s identifier */
  HsScormType  type;                 /* sco, or asset (no run-time API calls) */
  gboolean     visible;              /* isvisible */
  double       mastery_score;        /* 1.2 cmi.student_data.mastery_score, 0–100 */
  double       scaled_passing_score; /* 2004 cmi.scaled_passing_score, -1–1 */
  double       completion_threshold; /* 2004 cmi.completion_threshold, 0–1 */
  char        *launch_data;          /* cmi.launch_data */
  char        *max_time_allowed;     /* 1.2 timespan or 2004 duration, as written */
  char        *time_limit_action;    /* "exit,message", "continue,no message", … */
  char        *sequencing;           /* 2004: the item's <imsss:sequencing>, as XML */
} HsLessonScorm;

HsLessonScorm *hs_lesson_scorm_new  (void) G_GNUC_WARN_UNUSED_RESULT;
HsLessonScorm *hs_lesson_scorm_copy (const HsLessonScorm *scorm) G_GNUC_WARN_UNUSED_RESULT;
void           hs_lesson_scorm_free (HsLessonScorm       *scorm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsLessonScorm, hs_lesson_scorm_free)

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
const char   *hs_lesson_get_parameters      (HsLesson     *self);
void          hs_lesson_set_parameters      (HsLesson     *self,
                                             const char   *parameters);
const HsLessonScorm *hs_lesson_get_scorm    (HsLesson     *self);
void          hs_lesson_set_scorm           (HsLesson     *self,
                                             const HsLessonScorm *scorm);

const char   *hs_lesson_kind_to_string      (HsLessonKind  kind);
gboolean      hs_lesson_kind_from_string    (const char   *str,
                                             HsLessonKind *kind);
gboolean      hs_lesson_kind_hides_source   (HsLessonKind  kind);

G_END_DECLS
