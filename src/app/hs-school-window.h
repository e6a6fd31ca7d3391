/* hs-school-window.h — the school's settings, once the admin PIN is given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HS_TYPE_SCHOOL_WINDOW (hs_school_window_get_type ())

G_DECLARE_FINAL_TYPE (HsSchoolWindow, hs_school_window, HS, SCHOOL_WINDOW, AdwPreferencesWindow)

GtkWidget *hs_school_window_new (GtkWindow *parent);

G_END_DECLS
