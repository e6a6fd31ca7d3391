/* hs-library-page.h — the installed courses as cards, "Continue", Import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hs-learner.h"

G_BEGIN_DECLS

#define HS_TYPE_LIBRARY_PAGE (hs_library_page_get_type ())

/* Signals:
 *   course-activated (const char *course_id)
 *   continue-activated (const char *course_id, const char *lesson_id) */
G_DECLARE_FINAL_TYPE (HsLibraryPage, hs_library_page, HS, LIBRARY_PAGE, AdwBin)

GtkWidget *hs_library_page_new         (void);
void       hs_library_page_set_learner (HsLibraryPage *self,
                                        HsLearner     *learner);
void       hs_library_page_reload      (HsLibraryPage *self);
void       hs_library_page_import      (HsLibraryPage *self,
                                        GFile         *file);

G_END_DECLS
