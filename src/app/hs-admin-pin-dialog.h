/* hs-admin-pin-dialog.h — asks for the admin PIN, or sets it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hs-school.h"

G_BEGIN_DECLS

#define HS_TYPE_ADMIN_PIN_DIALOG (hs_admin_pin_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HsAdminPinDialog, hs_admin_pin_dialog, HS, ADMIN_PIN_DIALOG, AdwWindow)

GtkWidget *hs_admin_pin_dialog_new        (GtkWindow *parent,
                                           HsSchool  *school,
                                           gboolean   change);

G_END_DECLS
