/* fuzz-walkthrough.c — libFuzzer target: a walkthrough through
 * hs_walkthrough_parse()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hs-walkthrough.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsWalkthrough) walkthrough =
    hs_walkthrough_parse ((const char *) data, size, "walkthrough.json", NULL, &error);

  g_assert ((walkthrough == NULL) != (error == NULL));
  if (walkthrough == NULL)
    return 0;

  /* What the player asks of an accepted walkthrough. */
  for (HsWalkthroughMode mode = HS_WALKTHROUGH_MODE_WATCH; mode <= HS_WALKTHROUGH_MODE_TEST; mode++)
    {
      g_autoptr(JsonNode) whole = hs_walkthrough_to_public_json (walkthrough, mode);

      g_assert_nonnull (whole);
      for (guint i = 0; i < hs_walkthrough_get_n_steps (walkthrough); i++)
        {
          g_autoptr(JsonNode) step =
            hs_walkthrough_step_to_public_json (walkthrough, hs_walkthrough_get_step_id (walkthrough, i), mode);

          g_assert_nonnull (step);
        }
    }
  return 0;
}
