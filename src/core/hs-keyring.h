/* hs-keyring.h — this installation's signing key and the keys it trusts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-library.h"

G_BEGIN_DECLS

#define HS_KEYRING_ERROR (hs_keyring_error_quark ())

typedef enum {
  HS_KEYRING_ERROR_KEY_FILE,
  HS_KEYRING_ERROR_INVALID_KEY,
  HS_KEYRING_ERROR_OWN_KEY,
  HS_KEYRING_ERROR_CONFLICT,
  HS_KEYRING_ERROR_UNKNOWN_KEY,
  HS_KEYRING_ERROR_BAD_SIGNATURE,
  HS_KEYRING_ERROR_NOT_FOUND,
} HsKeyringError;

/* A public key from another installation that this one trusts. */
typedef struct {
  char *fingerprint;   /* "3F2A9C1B7D4E8F60" */
  char *label;         /* the school it came from, as its file said */
  char *added;         /* when it was imported, UTC ISO 8601 */
} HsTrustedKey;

void hs_trusted_key_free (HsTrustedKey *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsTrustedKey, hs_trusted_key_free)

#define HS_KEYRING_SIGNATURE_BASE64_LEN 88
#define HS_KEYRING_FINGERPRINT_LEN 16

#define HS_TYPE_KEYRING (hs_keyring_get_type ())

G_DECLARE_FINAL_TYPE (HsKeyring, hs_keyring, HS, KEYRING, GObject)

GQuark      hs_keyring_error_quark          (void);
HsKeyring  *hs_keyring_new                  (HsLibrary     *library,
                                             GError       **error) G_GNUC_WARN_UNUSED_RESULT;
const char *hs_keyring_get_fingerprint      (HsKeyring     *self);
char       *hs_keyring_format_fingerprint   (const char    *fingerprint) G_GNUC_WARN_UNUSED_RESULT;
char       *hs_keyring_parse_fingerprint    (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
char       *hs_keyring_sign                 (HsKeyring     *self,
                                             const char    *data,
                                             gsize          length) G_GNUC_WARN_UNUSED_RESULT;
gboolean    hs_keyring_verify               (HsKeyring     *self,
                                             const char    *fingerprint,
                                             const char    *data,
                                             gsize          length,
                                             const char    *signature,
                                             char         **signer,
                                             GError       **error);
char       *hs_keyring_export               (HsKeyring     *self,
                                             const char    *label) G_GNUC_WARN_UNUSED_RESULT;
HsTrustedKey *hs_keyring_import             (HsKeyring     *self,
                                             const char    *text,
                                             gboolean      *already_trusted,
                                             GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *hs_keyring_list_trusted         (HsKeyring     *self,
                                             GError       **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    hs_keyring_remove_trusted       (HsKeyring     *self,
                                             const char    *fingerprint,
                                             GError       **error);

G_END_DECLS
