/* hs-media-server.h — loopback HTTP for <video> and <audio>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HS_TYPE_MEDIA_SERVER (hs_media_server_get_type ())

G_DECLARE_FINAL_TYPE (HsMediaServer, hs_media_server, HS, MEDIA_SERVER, GObject)

HsMediaServer *hs_media_server_new        (GError        **error) G_GNUC_WARN_UNUSED_RESULT;
const char    *hs_media_server_get_origin (HsMediaServer  *self);
char          *hs_media_server_issue      (HsMediaServer  *self,
                                           const char     *scope,
                                           const char     *course_id,
                                           const char     *file_path) G_GNUC_WARN_UNUSED_RESULT;
void           hs_media_server_revoke     (HsMediaServer  *self,
                                           const char     *scope);

G_END_DECLS
