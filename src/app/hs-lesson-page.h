/* hs-lesson-page.h — a lesson in its web view, with Previous / Next / Done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hs-learner.h"
#include "hs-lesson-view.h"

G_BEGIN_DECLS

#define HS_TYPE_LESSON_PAGE (hs_lesson_page_get_type ())

G_DECLARE_FINAL_TYPE (HsLessonPage, hs_lesson_page, HS, LESSON_PAGE, AdwBin)

GtkWidget    *hs_lesson_page_new       (void);
gboolean      hs_lesson_page_open      (HsLessonPage  *self,
                                        HsLearner     *learner,
                                        const char    *course_id,
                                        const char    *lesson_id,
                                        GError       **error);
void          hs_lesson_page_close     (HsLessonPage  *self);
HsLessonView *hs_lesson_page_get_view  (HsLessonPage  *self);
void          hs_lesson_page_set_find  (HsLessonPage  *self,
                                        const char    *query);
const char   *hs_lesson_page_get_title (HsLessonPage  *self);
GListModel   *hs_lesson_page_get_scorm_log (HsLessonPage *self);

G_END_DECLS
