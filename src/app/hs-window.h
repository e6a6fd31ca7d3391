/* hs-window.h — the main window: learner chooser, library, course, lesson, report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-application.h"

G_BEGIN_DECLS

#define HS_TYPE_WINDOW (hs_window_get_type ())

G_DECLARE_FINAL_TYPE (HsWindow, hs_window, HS, WINDOW, AdwApplicationWindow)

HsWindow  *hs_window_new                  (HsApplication *application);
HsLearner *hs_window_get_learner          (HsWindow      *self);
void       hs_window_set_learner          (HsWindow      *self,
                                           HsLearner     *learner);
void       hs_window_show_learner_chooser (HsWindow      *self);
void       hs_window_show_library         (HsWindow      *self);
void       hs_window_show_course          (HsWindow      *self,
                                           const char    *course_id);
void       hs_window_open_lesson          (HsWindow      *self,
                                           const char    *course_id,
                                           const char    *lesson_id);
void       hs_window_show_report          (HsWindow      *self);
void       hs_window_add_toast            (HsWindow      *self,
                                           const char    *message);
void       hs_window_import_file          (HsWindow      *self,
                                           GFile         *file);
const char *hs_window_get_page_name       (HsWindow      *self);
GtkWidget *hs_window_get_lesson_page      (HsWindow      *self);
GtkWidget *hs_window_get_report_page      (HsWindow      *self);

G_END_DECLS
