/* fuzz-manifest.c — libFuzzer target: course.json through hs_manifest_parse()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hs-manifest.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = NULL;

  /* No root: the checks against the package's files are left out, as
   * when the library reads a stored manifest back. */
  course = hs_manifest_parse ((const char *) data, size, NULL, &error);
  g_assert ((course == NULL) != (error == NULL));
  if (course != NULL)
    {
      g_autofree char *json = g_strdup (hs_course_get_manifest_json (course));
      g_autoptr(HsCourse) again = hs_manifest_parse (json, -1, NULL, &error);

      /* What the parser accepted, it accepts again from its own JSON. */
      g_assert_no_error (error);
      g_assert_cmpstr (hs_course_get_id (again), ==, hs_course_get_id (course));
    }
  return 0;
}
