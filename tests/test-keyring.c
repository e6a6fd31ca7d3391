/* test-keyring.c — hs-keyring: the installation's key, signing, trusted keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "hs-keyring.h"
#include "hs-test-fixtures.h"

typedef struct {
  char      *tmp;
  char      *data_dir;
  HsLibrary *library;
  HsKeyring *keyring;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = hs_test_make_tmp_dir ();
  f->data_dir = g_build_filename (f->tmp, "data", NULL);
  f->library = hs_library_new (f->data_dir, &error);
  g_assert_no_error (error);
  f->keyring = hs_keyring_new (f->library, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->keyring);
  g_assert_finalize_object (f->library);
  hs_test_rm_rf (f->tmp);
  g_free (f->data_dir);
  g_free (f->tmp);
}

/* Another installation, in its own data folder below the fixture's. */
static HsKeyring *
other_keyring (Fixture    *f,
               const char *name,
               HsLibrary **library)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->tmp, name, NULL);
  HsKeyring *keyring;

  *library = hs_library_new (dir, &error);
  g_assert_no_error (error);
  keyring = hs_keyring_new (*library, &error);
  g_assert_no_error (error);
  return keyring;
}

static void
test_makes_key_once (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->data_dir, "signing-key", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(HsKeyring) again = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (strlen (hs_keyring_get_fingerprint (f->keyring)), ==, HS_KEYRING_FINGERPRINT_LEN);
  g_file_get_contents (path, &before, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (before, "HOCSO-SIGNING-KEY 1\n"));

  again = hs_keyring_new (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_keyring_get_fingerprint (again), ==, hs_keyring_get_fingerprint (f->keyring));
  g_file_get_contents (path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before, ==, after);

  /* No temporary file is left beside it. */
  {
    g_autoptr(GDir) dir = g_dir_open (f->data_dir, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".signing-key"));
  }
}

static void
test_makes_loose_key_private (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->data_dir, "signing-key", NULL);
  g_autoptr(HsKeyring) again = NULL;
  GStatBuf st;

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  again = hs_keyring_new (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_refuses_damaged_key (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->data_dir, "signing-key", NULL);
  g_autoptr(HsKeyring) again = NULL;

  g_file_set_contents (path, "HOCSO-SIGNING-KEY 1\nbm90IGEga2V5\n", -1, &error);
  g_assert_no_error (error);
  again = hs_keyring_new (f->library, &error);
  g_assert_null (again);
  g_assert_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_KEY_FILE);
  g_assert_nonnull (strstr (error->message, "damaged"));
}

static void
test_sign_verify_round_trip (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *text = "Họ và tên: Nguyễn Thị Lan\n";
  g_autofree char *signature = hs_keyring_sign (f->keyring, text, strlen (text));
  g_autofree char *signer = g_strdup ("x");

  g_assert_cmpuint (strlen (signature), ==, HS_KEYRING_SIGNATURE_BASE64_LEN);
  g_assert_true (hs_keyring_verify (f->keyring, hs_keyring_get_fingerprint (f->keyring), text, strlen (text),
                                    signature, &signer, &error));
  g_assert_no_error (error);
  g_assert_null (signer);
}

static void
test_refuses_changed_data (Fixture       *f,
                           gconstpointer  data)
{
  const char *text = "Họ và tên: Nguyễn Thị Lan\n";
  g_autofree char *signature = hs_keyring_sign (f->keyring, text, strlen (text));
  const char *fingerprint = hs_keyring_get_fingerprint (f->keyring);

  /* Any one byte changed, anywhere. */
  for (gsize i = 0; i < strlen (text); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *changed = g_strdup (text);

      changed[i] ^= 0x01;
      g_assert_false (hs_keyring_verify (f->keyring, fingerprint, changed, strlen (changed), signature, NULL, &error));
      g_assert_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_BAD_SIGNATURE);
    }

  /* The signature changed, or cut short. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *changed = g_strdup (signature);

    changed[10] = changed[10] == 'A' ? 'B' : 'A';
    g_assert_false (hs_keyring_verify (f->keyring, fingerprint, text, strlen (text), changed, NULL, &error));
    g_assert_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_BAD_SIGNATURE);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (hs_keyring_verify (f->keyring, fingerprint, text, strlen (text), "AAAA", NULL, &error));
    g_assert_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_BAD_SIGNATURE);
  }
}

static void
test_trusts_imported_key (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) other_library = NULL;
  g_autoptr(HsKeyring) other = other_keyring (f, "other", &other_library);
  const char *text = "Trường: Trường Mầm non Tam Hưng B\n";
  g_autofree char *signature = hs_keyring_sign (other, text, strlen (text));
  g_autofree char *exported = hs_keyring_export (other, "Trường Mầm non Tam Hưng B");
  g_autofree char *signer = NULL;
  g_autoptr(HsTrustedKey) key = NULL;
  g_autoptr(HsTrustedKey) again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean already = TRUE;

  /* Not trusted yet. */
  g_assert_false (hs_keyring_verify (f->keyring, hs_keyring_get_fingerprint (other), text, strlen (text),
                                     signature, NULL, &error));
  g_assert_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_UNKNOWN_KEY);
  g_assert_nonnull (strstr (error->message, "hocso key import"));
  g_clear_error (&error);

  g_assert_true (g_str_has_prefix (exported, "Học Số – khoá công khai v1\nTrường: Trường Mầm non Tam Hưng B\n"));
  key = hs_keyring_import (f->keyring, exported, &already, &error);
  g_assert_no_error (error);
  g_assert_false (already);
  g_assert_cmpstr (key->fingerprint, ==, hs_keyring_get_fingerprint (other));
  g_assert_cmpstr (key->label, ==, "Trường Mầm non Tam Hưng B");

  g_assert_true (hs_keyring_verify (f->keyring, hs_keyring_get_fingerprint (other), text, strlen (text),
                                    signature, &signer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (signer, ==, "Trường Mầm non Tam Hưng B");

  /* Importing twice changes nothing. */
  again = hs_keyring_import (f->keyring, exported, &already, &error);
  g_assert_no_error (error);
  g_assert_true (already);
  list = hs_keyring_list_trusted (f->keyring, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  /* Forgotten, it no longer verifies. */
  g_assert_true (hs_keyring_remove_trusted (f->keyring, key->fingerprint, &error));
  g_assert_no_error (error);
  g_assert_false (hs_keyring_verify (f->keyring, hs_keyring_get_fingerprint (other), text, strlen (text),
                                     signature, NULL, &error));
  g_assert_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);
  g_assert_false (hs_keyring_remove_trusted (f->keyring, key->fingerprint, &error));
  g_assert_error (error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_NOT_FOUND);
}

static void
test_import_accepts_copied_text (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) other_library = NULL;
  g_autoptr(HsKeyring) other = other_keyring (f, "other", &other_library);
  g_autofree char *exported = hs_keyring_export (other, "Trường B");
  g_autoptr(GString) windows = g_string_new (exported);
  g_autofree char *nfd = NULL;
  g_autoptr(HsTrustedKey) key = NULL;

  /* CR LF line ends and decomposed Vietnamese, as an editor may save it. */
  g_string_replace (windows, "\n", "  \r\n", 0);
  nfd = g_utf8_normalize (windows->str, -1, G_NORMALIZE_NFD);
  key = hs_keyring_import (f->keyring, nfd, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key->fingerprint, ==, hs_keyring_get_fingerprint (other));
}

static void
test_import_refusals (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HsLibrary) other_library = NULL;
  g_autoptr(HsKeyring) other = other_keyring (f, "other", &other_library);
  g_autofree char *exported = hs_keyring_export (other, "Trường B");
  g_autofree char *own = hs_keyring_export (f->keyring, "Trường A");
  g_autofree char *shown = hs_keyring_format_fingerprint (hs_keyring_get_fingerprint (other));
  g_autoptr(GString) wrong_fingerprint = g_string_new (exported);
  g_autoptr(GString) damaged_key = g_string_new (exported);
  g_autoptr(GString) no_school = g_string_new (exported);
  g_autofree char *school_line = g_strdup ("Trường: Trường B\n");
  const char *key_line;
  struct {
    const char    *text;
    int            code;
  } cases[] = {
    { "", HS_KEYRING_ERROR_INVALID_KEY },
    { "not a key\n", HS_KEYRING_ERROR_INVALID_KEY },
    { NULL, HS_KEYRING_ERROR_INVALID_KEY },   /* wrong fingerprint */
    { NULL, HS_KEYRING_ERROR_INVALID_KEY },   /* damaged key */
    { NULL, HS_KEYRING_ERROR_INVALID_KEY },   /* no school */
    { NULL, HS_KEYRING_ERROR_OWN_KEY },
  };

  g_string_replace (wrong_fingerprint, shown, "0000 0000 0000 0000", 1);
  key_line = strstr (damaged_key->str, "Khoá: ");
  g_assert_nonnull (key_line);
  damaged_key->str[key_line - damaged_key->str + 10] ^= 0x02;
  g_assert_cmpint (g_string_replace (no_school, school_line, "Trường:  \n", 1), ==, 1);
  cases[2].text = wrong_fingerprint->str;
  cases[3].text = damaged_key->str;
  cases[4].text = no_school->str;
  cases[5].text = own;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HsTrustedKey) key = hs_keyring_import (f->keyring, cases[i].text, NULL, &error);

      g_assert_null (key);
      g_assert_error (error, HS_KEYRING_ERROR, cases[i].code);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) list = hs_keyring_list_trusted (f->keyring, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 0);
  }
}

static void
test_fingerprint_text (void)
{
  g_autofree char *shown = hs_keyring_format_fingerprint ("3F2A9C1B7D4E8F60");
  g_autofree char *parsed = hs_keyring_parse_fingerprint ("3f2a 9c1b-7d4e 8f60");
  g_autofree char *short_one = hs_keyring_parse_fingerprint ("3F2A 9C1B 7D4E");
  g_autofree char *long_one = hs_keyring_parse_fingerprint ("3F2A9C1B7D4E8F6012");
  g_autofree char *not_hex = hs_keyring_parse_fingerprint ("3F2A9C1B7D4E8F6G");

  g_assert_cmpstr (shown, ==, "3F2A 9C1B 7D4E 8F60");
  g_assert_cmpstr (parsed, ==, "3F2A9C1B7D4E8F60");
  g_assert_null (short_one);
  g_assert_null (long_one);
  g_assert_null (not_hex);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hocso/keyring/makes-key-once", Fixture, NULL, fixture_set_up, test_makes_key_once, fixture_tear_down);
  g_test_add ("/hocso/keyring/makes-loose-key-private", Fixture, NULL, fixture_set_up, test_makes_loose_key_private, fixture_tear_down);
  g_test_add ("/hocso/keyring/refuses-damaged-key", Fixture, NULL, fixture_set_up, test_refuses_damaged_key, fixture_tear_down);
  g_test_add ("/hocso/keyring/sign-verify-round-trip", Fixture, NULL, fixture_set_up, test_sign_verify_round_trip, fixture_tear_down);
  g_test_add ("/hocso/keyring/refuses-changed-data", Fixture, NULL, fixture_set_up, test_refuses_changed_data, fixture_tear_down);
  g_test_add ("/hocso/keyring/trusts-imported-key", Fixture, NULL, fixture_set_up, test_trusts_imported_key, fixture_tear_down);
  g_test_add ("/hocso/keyring/import-accepts-copied-text", Fixture, NULL, fixture_set_up, test_import_accepts_copied_text, fixture_tear_down);
  g_test_add ("/hocso/keyring/import-refusals", Fixture, NULL, fixture_set_up, test_import_refusals, fixture_tear_down);
  g_test_add_func ("/hocso/keyring/fingerprint-text", test_fingerprint_text);

  return g_test_run ();
}
