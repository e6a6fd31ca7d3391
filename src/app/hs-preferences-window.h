/* hs-preferences-window.h — text size and other comforts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HS_TYPE_PREFERENCES_WINDOW (hs_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (HsPreferencesWindow, hs_preferences_window, HS, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *hs_preferences_window_new (GtkWindow *parent);

G_END_DECLS
