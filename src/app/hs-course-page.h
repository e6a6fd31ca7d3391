/* hs-course-page.h — one course: summary, modules and lessons with status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hs-learner.h"

G_BEGIN_DECLS

#define HS_TYPE_COURSE_PAGE (hs_course_page_get_type ())

/* Signals:
 *   lesson-activated (const char *course_id, const char *lesson_id)
 *   course-removed (const char *course_id) */
G_DECLARE_FINAL_TYPE (HsCoursePage, hs_course_page, HS, COURSE_PAGE, AdwBin)

GtkWidget  *hs_course_page_new           (void);
void        hs_course_page_set_course    (HsCoursePage *self,
                                          const char   *course_id,
                                          HsLearner    *learner);
const char *hs_course_page_get_course_id (HsCoursePage *self);
const char *hs_course_page_get_title     (HsCoursePage *self);

G_END_DECLS
