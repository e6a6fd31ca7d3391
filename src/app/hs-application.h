/* hs-application.h — the Học Số desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "hs-keyring.h"
#include "hs-library.h"
#include "hs-media-server.h"
#include "hs-progress.h"
#include "hs-school.h"

G_BEGIN_DECLS

#define HS_TYPE_APPLICATION (hs_application_get_type ())

G_DECLARE_FINAL_TYPE (HsApplication, hs_application, HS, APPLICATION, AdwApplication)

#define HS_APPLICATION_DEFAULT (HS_APPLICATION (g_application_get_default ()))

HsApplication        *hs_application_new                 (void) G_GNUC_WARN_UNUSED_RESULT;
HsLibrary            *hs_application_get_library         (HsApplication *self);
HsProgress           *hs_application_get_progress        (HsApplication *self);
HsSchool             *hs_application_get_school          (HsApplication *self);
HsKeyring            *hs_application_get_keyring         (HsApplication *self,
                                                          GError       **error);
HsMediaServer        *hs_application_get_media_server    (HsApplication *self);
WebKitWebContext     *hs_application_get_web_context     (HsApplication *self);
WebKitNetworkSession *hs_application_get_network_session (HsApplication *self,
                                                          HsLearner     *learner);
GSettings            *hs_application_get_settings        (HsApplication *self);
void                  hs_application_library_changed     (HsApplication *self);
void                  hs_application_set_bundled_dir     (HsApplication *self,
                                                          const char    *dir);

G_END_DECLS
