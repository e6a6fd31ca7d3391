/* fuzz-package.c — libFuzzer target: an archive through hs_package_extract()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is written to a file and extracted into a fresh staging
 * folder inside a private folder; whatever it holds, nothing may appear
 * beside the staging folder, and no link or special file inside it.
 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "hs-package.h"
#include "hs-utils.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *work;

/* Everything below @dir is a folder or a regular file. */
static void
assert_only_plain (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        assert_only_plain (path);
      else if (!S_ISREG (st.st_mode))
        g_error ("%s is neither a file nor a folder", path);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *archive = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *root = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  HsPackageLimits limits;

  if (work == NULL)
    {
      /* tmpfs when there is one: every input is a file write. */
      const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
      g_autofree char *template = g_build_filename (base, "hocso-fuzz-XXXXXX", NULL);

      work = g_mkdtemp (g_steal_pointer (&template));
      g_assert_nonnull (work);
    }

  archive = g_build_filename (work, "package", NULL);
  staging = g_build_filename (work, "staging", NULL);
  g_assert_true (g_file_set_contents (archive, (const char *) data, size, NULL));
  g_assert_cmpint (g_mkdir (staging, 0755), ==, 0);

  hs_package_limits_init_default (&limits);
  limits.max_total_size = 8 * 1024 * 1024;
  limits.max_entries = 500;
  root = hs_package_extract (archive, staging, &limits, NULL, NULL, NULL, &error);
  g_assert ((root == NULL) != (error == NULL));
  if (root != NULL)
    g_assert_true (g_str_has_prefix (root, staging));

  assert_only_plain (staging);
  listing = g_dir_open (work, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (!g_str_equal (name, "package") && !g_str_equal (name, "staging"))
      g_error ("“%s” was written outside the staging folder", name);

  g_assert_true (hs_utils_rm_rf (staging, NULL));
  return 0;
}
