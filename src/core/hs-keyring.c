/* hs-keyring.c — this installation's signing key and the keys it trusts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each installation has one Ed25519 key pair (libsodium), made the first
 * time a keyring is opened on a data folder.  Only the 32-byte seed is
 * kept, in <data-dir>/signing-key, readable by its owner alone; the key
 * pair is derived from it on every start.  Other installations' public keys
 * are trusted by importing the small text file `hocso key export` writes;
 * they live in the trusted_keys table.
 *
 * A key is named by its fingerprint: the first 8 bytes of the SHA-256 of
 * the public key as 16 upper-case hex digits, shown in groups of four.  The
 * fingerprint only finds the key; every check uses the whole key.
 */
#define G_LOG_DOMAIN "hs-keyring"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "hs-keyring.h"
#include "hs-utils.h"

#define KEY_FILE_NAME   "signing-key"
#define KEY_FILE_MAGIC  "HOCSO-SIGNING-KEY 1"
#define EXPORT_MAGIC    "Học Số – khoá công khai v1"
#define EXPORT_SCHOOL   "Trường: "
#define EXPORT_FINGER   "Mã khoá: "
#define EXPORT_KEY      "Khoá: "
#define MAX_LABEL_CHARS 200
#define MAX_EXPORT_BYTES 4096

struct _HsKeyring
{
  GObject    parent_instance;

  HsStore   *store;
  guint8    *secret_key;   /* crypto_sign_SECRETKEYBYTES, sodium_malloc'd */
  guint8     public_key[crypto_sign_PUBLICKEYBYTES];
  char       fingerprint[HS_KEYRING_FINGERPRINT_LEN + 1];
};

G_DEFINE_FINAL_TYPE (HsKeyring, hs_keyring, G_TYPE_OBJECT)

G_DEFINE_QUARK (hs-keyring-error-quark, hs_keyring_error)

void
hs_trusted_key_free (HsTrustedKey *key)
{
  if (key == NULL)
    return;
  g_free (key->fingerprint);
  g_free (key->label);
  g_free (key->added);
  g_free (key);
}

static void
fingerprint_of (const guint8 *public_key,
                char          out[HS_KEYRING_FINGERPRINT_LEN + 1])
{
  guint8 hash[crypto_hash_sha256_BYTES];
  static const char digits[] = "0123456789ABCDEF";

  crypto_hash_sha256 (hash, public_key, crypto_sign_PUBLICKEYBYTES);
  for (guint i = 0; i < HS_KEYRING_FINGERPRINT_LEN / 2; i++)
    {
      out[2 * i] = digits[hash[i] >> 4];
      out[2 * i + 1] = digits[hash[i] & 0xf];
    }
  out[HS_KEYRING_FINGERPRINT_LEN] = '\0';
}

static void
hs_keyring_finalize (GObject *object)
{
  HsKeyring *self = (HsKeyring *)object;

  g_clear_pointer (&self->secret_key, sodium_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hs_keyring_parent_class)->finalize (object);
}

static void
hs_keyring_class_init (HsKeyringClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_keyring_finalize;
}

static void
hs_keyring_init (HsKeyring *self)
{
}

static gboolean
key_file_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_set_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_KEY_FILE,
               _("Could not use this PC’s signing key “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Writes a new seed to a private temporary file, then links it into place:
 * link() refuses to replace a key another process made first, and a crash
 * never leaves half a key under the real name.  File systems without hard
 * links (a FAT USB stick) get an exclusive create instead. */
static gboolean
create_key_file (const char  *path,
                 GError     **error)
{
  guint8 seed[crypto_sign_SEEDBYTES];
  g_autofree char *encoded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_build_filename (dir, ".signing-key-XXXXXX", NULL);
  gsize length;
  int fd;

  randombytes_buf (seed, sizeof seed);
  encoded = g_base64_encode (seed, sizeof seed);
  sodium_memzero (seed, sizeof seed);
  text = g_strdup_printf (KEY_FILE_MAGIC "\n%s\n", encoded);
  length = strlen (text);

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return key_file_error (error, path, errno);
  if (write (fd, text, length) != (gssize) length || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (tmp);
      return key_file_error (error, path, saved);
    }
  close (fd);
  sodium_memzero (text, length);

  if (link (tmp, path) != 0)
    {
      int saved = errno;

      if (saved == EPERM || saved == ENOSYS || saved == EOPNOTSUPP)
        {
          fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
          saved = errno;
          if (fd >= 0)
            {
              g_autofree char *again = NULL;
              gsize again_length = 0;

              /* The same bytes, read back from the private file. */
              if (!g_file_get_contents (tmp, &again, &again_length, NULL) ||
                  write (fd, again, again_length) != (gssize) again_length || fsync (fd) != 0)
                saved = errno ? errno : EIO;
              else
                saved = 0;
              if (again != NULL)
                sodium_memzero (again, again_length);
              close (fd);
            }
        }
      g_unlink (tmp);
      /* Someone else made the key first: theirs is the key. */
      if (saved != 0 && saved != EEXIST)
        return key_file_error (error, path, saved);
      return TRUE;
    }

  g_unlink (tmp);
  return TRUE;
}

static gboolean
load_key_file (HsKeyring   *self,
               const char  *path,
               GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree guint8 *seed = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;
  gsize seed_length = 0;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return key_file_error (error, path, errno);
  if (!S_ISREG (st.st_mode))
    return key_file_error (error, path, EINVAL);
  /* Copied in with loose permissions: make it private again.  On file
   * systems without permissions this fails, which changes nothing. */
  if ((st.st_mode & 077) != 0)
    g_chmod (path, 0600);

  if (!g_file_get_contents (path, &text, &length, NULL))
    return key_file_error (error, path, errno ? errno : EIO);

  lines = g_strsplit (text, "\n", -1);
  sodium_memzero (text, length);
  if (g_strv_length (lines) >= 2 && g_str_equal (lines[0], KEY_FILE_MAGIC))
    seed = g_base64_decode (g_strstrip (lines[1]), &seed_length);
  if (seed == NULL || seed_length != crypto_sign_SEEDBYTES)
    {
      g_set_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_KEY_FILE,
                   _("This PC’s signing key “%s” is damaged. Restore it from a backup; certificates it signed cannot be checked without it."),
                   path);
      if (lines[0] != NULL && lines[1] != NULL)
        sodium_memzero (lines[1], strlen (lines[1]));
      return FALSE;
    }
  sodium_memzero (lines[1], strlen (lines[1]));

  self->secret_key = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  if (self->secret_key == NULL)
    g_error ("Out of memory for the signing key");
  crypto_sign_seed_keypair (self->public_key, self->secret_key, seed);
  sodium_memzero (seed, seed_length);
  fingerprint_of (self->public_key, self->fingerprint);

  return TRUE;
}

/**
 * hs_keyring_new:
 *
 * Opens the keyring of @library's data folder, making this installation's
 * key pair the first time.
 */
HsKeyring *
hs_keyring_new (HsLibrary  *library,
                GError    **error)
{
  g_autoptr(HsKeyring) self = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (HS_IS_LIBRARY (library), NULL);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  self = g_object_new (HS_TYPE_KEYRING, NULL);
  self->store = g_object_ref (hs_library_get_store (library));
  path = g_build_filename (hs_library_get_data_dir (library), KEY_FILE_NAME, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_key_file (path, error))
    return NULL;
  if (!load_key_file (self, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* This installation's key, as 16 upper-case hex digits. */
const char *
hs_keyring_get_fingerprint (HsKeyring *self)
{
  g_return_val_if_fail (HS_IS_KEYRING (self), NULL);
  return self->fingerprint;
}

/* "3F2A9C1B7D4E8F60" → "3F2A 9C1B 7D4E 8F60", the way people read it. */
char *
hs_keyring_format_fingerprint (const char *fingerprint)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (fingerprint != NULL, NULL);

  for (gsize i = 0; fingerprint[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, fingerprint[i]);
    }
  return g_string_free (out, FALSE);
}

/**
 * hs_keyring_parse_fingerprint:
 *
 * Reads a fingerprint as people write it: spaces and dashes anywhere, any
 * letter case.
 *
 * Returns: (nullable): the 16 upper-case hex digits, or %NULL when @text is
 * not a fingerprint
 */
char *
hs_keyring_parse_fingerprint (const char *text)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-')
        continue;
      if (!g_ascii_isxdigit (*p) || out->len == HS_KEYRING_FINGERPRINT_LEN)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, g_ascii_toupper (*p));
    }
  if (out->len != HS_KEYRING_FINGERPRINT_LEN)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/**
 * hs_keyring_sign:
 *
 * Returns: the Ed25519 signature of @data by this installation's key, in
 * base64 (%HS_KEYRING_SIGNATURE_BASE64_LEN characters)
 */
char *
hs_keyring_sign (HsKeyring  *self,
                 const char *data,
                 gsize       length)
{
  guint8 signature[crypto_sign_BYTES];

  g_return_val_if_fail (HS_IS_KEYRING (self), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  crypto_sign_detached (signature, NULL, (const guint8 *) data, length, self->secret_key);
  return g_base64_encode (signature, sizeof signature);
}

static gboolean
lookup_key (HsKeyring   *self,
            const char  *fingerprint,
            guint8       public_key[crypto_sign_PUBLICKEYBYTES],
            char       **label,
            GError     **error)
{
  g_autofree guint8 *decoded = NULL;
  gsize decoded_length = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (g_str_equal (fingerprint, self->fingerprint))
    {
      memcpy (public_key, self->public_key, crypto_sign_PUBLICKEYBYTES);
      if (label != NULL)
        *label = NULL;
      return TRUE;
    }

  stmt = hs_store_query (self->store, error,
                         "SELECT public_key, label FROM trusted_keys WHERE fingerprint = ?",
                         "s", fingerprint);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      decoded = g_base64_decode ((const char *) sqlite3_column_text (stmt, 0), &decoded_length);
      if (label != NULL)
        *label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  if (decoded == NULL || decoded_length != crypto_sign_PUBLICKEYBYTES)
    {
      g_autofree char *shown = hs_keyring_format_fingerprint (fingerprint);

      if (label != NULL)
        g_clear_pointer (label, g_free);
      g_set_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_UNKNOWN_KEY,
                   _("It was signed with the key %s, which this PC does not know. Import that school’s key with “hocso key import” to check it."),
                   shown);
      return FALSE;
    }
  memcpy (public_key, decoded, crypto_sign_PUBLICKEYBYTES);
  return TRUE;
}

/**
 * hs_keyring_verify:
 * @fingerprint: the key the data says signed it
 * @signature: base64, as hs_keyring_sign() wrote it
 * @signer: (out) (optional) (nullable): the trusted key's label, or %NULL
 *   when this installation signed it
 *
 * Checks @signature over @data with this installation's key or a trusted
 * one.  %HS_KEYRING_ERROR_UNKNOWN_KEY when the key is neither;
 * %HS_KEYRING_ERROR_BAD_SIGNATURE when the data or signature changed.
 */
gboolean
hs_keyring_verify (HsKeyring   *self,
                   const char  *fingerprint,
                   const char  *data,
                   gsize        length,
                   const char  *signature,
                   char       **signer,
                   GError     **error)
{
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];
  g_autofree guint8 *sig = NULL;
  g_autofree char *label = NULL;
  gsize sig_length = 0;

  g_return_val_if_fail (HS_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (fingerprint != NULL, FALSE);
  g_return_val_if_fail (signature != NULL, FALSE);

  if (!lookup_key (self, fingerprint, public_key, &label, error))
    return FALSE;

  if (strlen (signature) == HS_KEYRING_SIGNATURE_BASE64_LEN)
    sig = g_base64_decode (signature, &sig_length);
  if (sig == NULL || sig_length != crypto_sign_BYTES ||
      crypto_sign_verify_detached (sig, (const guint8 *) data, length, public_key) != 0)
    {
      g_set_error_literal (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_BAD_SIGNATURE,
                           _("The signature does not match: something was changed after it was signed."));
      return FALSE;
    }

  if (signer != NULL)
    *signer = g_steal_pointer (&label);
  return TRUE;
}

/**
 * hs_keyring_export:
 * @label: who the key belongs to, usually the school's name
 *
 * Returns: the text of a public key file for another installation's
 * `hocso key import`
 */
char *
hs_keyring_export (HsKeyring  *self,
                   const char *label)
{
  g_autofree char *key = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (HS_IS_KEYRING (self), NULL);

  key = g_base64_encode (self->public_key, sizeof self->public_key);
  shown = hs_keyring_format_fingerprint (self->fingerprint);
  /* One line, whatever the label holds. */
  clean = g_strdelimit (g_strdup (label != NULL && *label != '\0' ? label : "?"), "\r\n", ' ');

  return g_strdup_printf (EXPORT_MAGIC "\n"
                          EXPORT_SCHOOL "%s\n"
                          EXPORT_FINGER "%s\n"
                          EXPORT_KEY "%s\n",
                          clean, shown, key);
}

static gboolean
invalid_key_file (GError     **error,
                  const char  *why)
{
  g_set_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_INVALID_KEY,
               _("This is not a Học Số key file: %s"), why);
  return FALSE;
}

static const char *
field (char       **lines,
       guint        index,
       const char  *prefix)
{
  if (g_strv_length (lines) <= index || !g_str_has_prefix (lines[index], prefix))
    return NULL;
  return lines[index] + strlen (prefix);
}

/**
 * hs_keyring_import:
 * @text: a key file's contents, as hs_keyring_export() wrote it
 * @already_trusted: (out) (optional): set when the key was trusted before
 *
 * Trusts another installation's public key.  The file's fingerprint line
 * must match its key, so a file damaged in transit is refused; whether it
 * is the right school's key is for people to check, by comparing the
 * fingerprint with the one shown on that school's PC.
 *
 * Returns: (transfer full): the key now trusted
 */
HsTrustedKey *
hs_keyring_import (HsKeyring   *self,
                   const char  *text,
                   gboolean    *already_trusted,
                   GError     **error)
{
  g_autoptr(HsTrustedKey) trusted = NULL;
  g_autofree char *normalized = NULL;
  g_autofree guint8 *key = NULL;
  g_autofree char *written = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *label = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  char fingerprint[HS_KEYRING_FINGERPRINT_LEN + 1];
  const char *school, *finger, *key_text;
  gsize key_length = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_KEYRING (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (already_trusted != NULL)
    *already_trusted = FALSE;

  if (strlen (text) > MAX_EXPORT_BYTES || !g_utf8_validate (text, -1, NULL))
    return invalid_key_file (error, _("it is not a short UTF-8 text.")), NULL;

  /* Line ends from any system, and the NFC form the magic line is in. */
  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  lines = g_strsplit (normalized, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strchomp (lines[i]);

  if (lines[0] == NULL || !g_str_equal (g_strchug (lines[0]), EXPORT_MAGIC))
    {
      /* Translators: %s is the first line of a key file, kept in Vietnamese */
      g_autofree char *why = g_strdup_printf (_("its first line is not “%s”."), EXPORT_MAGIC);
      return invalid_key_file (error, why), NULL;
    }
  school = field (lines, 1, EXPORT_SCHOOL);
  finger = field (lines, 2, EXPORT_FINGER);
  key_text = field (lines, 3, EXPORT_KEY);
  if (school == NULL || finger == NULL || key_text == NULL)
    return invalid_key_file (error, _("a line is missing or out of order.")), NULL;

  key = g_base64_decode (key_text, &key_length);
  if (key == NULL || key_length != crypto_sign_PUBLICKEYBYTES)
    return invalid_key_file (error, _("the key line is damaged.")), NULL;

  fingerprint_of (key, fingerprint);
  written = hs_keyring_parse_fingerprint (finger);
  if (written == NULL || !g_str_equal (written, fingerprint))
    return invalid_key_file (error, _("its fingerprint does not match its key; the file was damaged or changed.")), NULL;

  label = g_strstrip (g_strdup (school));
  if (*label == '\0' || g_utf8_strlen (label, -1) > MAX_LABEL_CHARS)
    return invalid_key_file (error, _("the school’s name is missing or too long.")), NULL;

  if (g_str_equal (fingerprint, self->fingerprint))
    {
      g_set_error_literal (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_OWN_KEY,
                           _("This is this PC’s own key; it is always trusted."));
      return NULL;
    }

  encoded = g_base64_encode (key, key_length);
  stmt = hs_store_query (self->store, error,
                         "SELECT public_key FROM trusted_keys WHERE fingerprint = ?", "s", fingerprint);
  if (stmt == NULL)
    return NULL;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW && !g_str_equal ((const char *) sqlite3_column_text (stmt, 0), encoded))
    rc = -2;
  sqlite3_reset (stmt);
  if (rc == -1)
    return NULL;
  if (rc == -2)
    {
      g_autofree char *shown = hs_keyring_format_fingerprint (fingerprint);

      g_set_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_CONFLICT,
                   _("A different key with the fingerprint %s is already trusted; remove it first."), shown);
      return NULL;
    }

  trusted = g_new0 (HsTrustedKey, 1);
  trusted->fingerprint = g_strdup (fingerprint);
  trusted->label = g_steal_pointer (&label);

  if (rc == SQLITE_ROW)
    {
      if (already_trusted != NULL)
        *already_trusted = TRUE;
      stmt = hs_store_query (self->store, error,
                             "SELECT added FROM trusted_keys WHERE fingerprint = ?", "s", fingerprint);
      if (stmt == NULL)
        return NULL;
      if (hs_store_step (self->store, stmt, error) == SQLITE_ROW)
        trusted->added = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return g_steal_pointer (&trusted);
    }

  trusted->added = hs_utils_now_iso ();
  if (!hs_store_run (self->store, &local_error,
                     "INSERT INTO trusted_keys (fingerprint, public_key, label, added) VALUES (?, ?, ?, ?)",
                     "ssss", fingerprint, encoded, trusted->label, trusted->added))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&trusted);
}

/**
 * hs_keyring_list_trusted:
 *
 * Returns: (transfer full) (element-type HsTrustedKey): the other
 * installations' keys, oldest first
 */
GPtrArray *
hs_keyring_list_trusted (HsKeyring  *self,
                         GError    **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_trusted_key_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_KEYRING (self), NULL);

  stmt = hs_store_query (self->store, error,
                         "SELECT fingerprint, label, added FROM trusted_keys ORDER BY added, fingerprint", NULL);
  if (stmt == NULL)
    return NULL;
  while ((rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      HsTrustedKey *key = g_new0 (HsTrustedKey, 1);

      key->fingerprint = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      key->label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      key->added = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (keys, key);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&keys) : NULL;
}

/* Stops trusting a key; certificates it signed no longer verify here. */
gboolean
hs_keyring_remove_trusted (HsKeyring   *self,
                           const char  *fingerprint,
                           GError     **error)
{
  g_autofree char *parsed = NULL;

  g_return_val_if_fail (HS_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (fingerprint != NULL, FALSE);

  parsed = hs_keyring_parse_fingerprint (fingerprint);
  if (parsed != NULL &&
      !hs_store_run (self->store, error, "DELETE FROM trusted_keys WHERE fingerprint = ?", "s", parsed))
    return FALSE;
  if (parsed == NULL || hs_store_changes (self->store) == 0)
    {
      g_set_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_NOT_FOUND,
                   _("No trusted key has the fingerprint “%s”."), fingerprint);
      return FALSE;
    }
  return TRUE;
}
