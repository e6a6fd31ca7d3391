/* hs-lesson-view.h — a lesson page in WebKit, sealed in its course's origin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

#include "hs-course.h"
#include "hs-media-server.h"
#include "hs-quiz-session.h"
#include "hs-scorm-session.h"
#include "hs-walkthrough-session.h"

G_BEGIN_DECLS

/* The script world the lesson runtime runs in; pages cannot reach it. */
#define HS_LESSON_VIEW_WORLD "hocso"

#define HS_TYPE_LESSON_VIEW (hs_lesson_view_get_type ())

/* Signals:
 *   progress (double fraction, const char *location): the learner moved on
 *   completed (): the lesson's completion rule was met
 *   external-link (const char *uri): the page tried to leave the course
 *   reading (const char *state): how reading aloud goes (hs_lesson_view_read_aloud)
 *   scorm-call (const char *method, GStrv arguments, const char *result,
 *     int error, const char *error_text): a SCO called its API (every call
 *     with hs_lesson_view_set_scorm_debug(), else only refused ones)
 *   record-failed (const char *message): what a SCO committed could not be
 *     saved */
G_DECLARE_FINAL_TYPE (HsLessonView, hs_lesson_view, HS, LESSON_VIEW, WebKitWebView)

HsLessonView *hs_lesson_view_new           (WebKitWebContext     *context,
                                            WebKitNetworkSession *session,
                                            HsMediaServer        *media_server) G_GNUC_WARN_UNUSED_RESULT;
void          hs_lesson_view_load          (HsLessonView         *self,
                                            HsCourse             *course,
                                            HsLesson             *lesson,
                                            const char           *location);
void          hs_lesson_view_unload        (HsLessonView         *self);
void          hs_lesson_view_set_quiz_session (HsLessonView      *self,
                                            HsQuizSession        *session);
void          hs_lesson_view_set_find      (HsLessonView         *self,
                                            const char           *query);
void          hs_lesson_view_read_aloud    (HsLessonView         *self,
                                            const char           *command,
                                            double                rate,
                                            const char           *voice);
void          hs_lesson_view_set_scorm_session (HsLessonView     *self,
                                            HsScormSession       *session);
void          hs_lesson_view_set_scorm_debug (HsLessonView       *self,
                                            gboolean              debug);
void          hs_lesson_view_set_walkthrough_session (HsLessonView *self,
                                            HsWalkthroughSession *session);
const char   *hs_lesson_view_get_course_id (HsLessonView         *self);
const char   *hs_lesson_view_get_lesson_id (HsLessonView         *self);

WebKitNetworkSession *hs_lesson_view_new_network_session (const char *data_dir,
                                                          const char *learner_uuid) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
