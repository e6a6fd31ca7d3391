/* hs-utils.h — small helpers shared by the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char     *hs_utils_now_iso             (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean  hs_utils_local_date          (const char  *iso,
                                        GDate       *date);
gboolean  hs_utils_rm_rf               (const char  *path,
                                        GError     **error);
guint64   hs_utils_tree_size           (const char  *path);
gboolean  hs_utils_version_is_valid    (const char  *version);
int       hs_utils_version_compare     (const char  *a,
                                        const char  *b);
gboolean  hs_utils_id_is_valid         (const char  *id);
gboolean  hs_utils_relative_path_is_clean (const char *path);
char     *hs_utils_name_key            (const char  *name) G_GNUC_WARN_UNUSED_RESULT;
const char *hs_utils_content_type      (const char  *path);
gboolean  hs_utils_parse_range         (const char  *header,
                                        guint64      size,
                                        guint64     *start,
                                        guint64     *end);
char     *hs_utils_fold                (const char  *text) G_GNUC_WARN_UNUSED_RESULT;
char     *hs_utils_vietnamese_name_key (const char  *name) G_GNUC_WARN_UNUSED_RESULT;

JsonNode *hs_utils_json_member         (JsonObject  *object,
                                        const char  *name);
GType     hs_utils_json_value_type     (JsonNode    *node);
gboolean  hs_utils_json_is_number      (JsonNode    *node);
gboolean  hs_utils_text_is_blank       (const char  *text);
gboolean  hs_utils_json_is_shallow     (const char  *json,
                                        gsize        length,
                                        int          max_depth);
gboolean  hs_utils_json_escapes_are_valid (const char *json,
                                        gsize        length);

G_END_DECLS
