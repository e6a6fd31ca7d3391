/* fuzz-scorm.c — libFuzzer target: imsmanifest.xml through hs_scorm_parse()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hs-scorm.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = hs_scorm_parse ((const char *) data, size, NULL, &error);

  g_assert ((course == NULL) != (error == NULL));
  return 0;
}
