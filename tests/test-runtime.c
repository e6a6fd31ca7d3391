/* test-runtime.c — what the build puts in the lesson runtime resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SCORM run-time (scorm-again) is copied from node_modules at build
 * time: this checks that the bundle compiled in is the browser build that
 * defines both APIs for a plain <script>, and that its licence ships with
 * it.
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "hs-runtime-resources.h"

#define RUNTIME "/io/github/hocso/HocSo/runtime/"

static char *
resource_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  gsize size;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

static void
test_scorm_again_bundled (void)
{
  g_autofree char *bundle = resource_text (RUNTIME "scorm-again.min.js");
  g_autofree char *license = resource_text (RUNTIME "scorm-again.LICENSE");

  g_assert_nonnull (strstr (bundle, "window.Scorm12API="));
  g_assert_nonnull (strstr (bundle, "window.Scorm2004API="));
  /* The plain-script bundle, not the ES module build, which a <script>
   * or a user script cannot load. */
  g_assert_null (strstr (bundle, "export{"));

  g_assert_nonnull (strstr (license, "MIT License"));
}

static void
test_lesson_runtime (void)
{
  g_autofree char *lesson = resource_text (RUNTIME "lesson.js");
  g_autofree char *api = resource_text (RUNTIME "scorm.js");
  g_autofree char *bridge = resource_text (RUNTIME "scorm-bridge.js");
  g_autofree char *walkthrough = resource_text (RUNTIME "walkthrough.js");
  g_autofree char *walkthrough_css = resource_text (RUNTIME "walkthrough.css");

  g_assert_cmpuint (strlen (lesson), >, 0);
  /* The SCORM API goes on the page's window; only the bridge, in the
   * app's own world, holds the message handler. */
  g_assert_nonnull (strstr (api, "window.API = api"));
  g_assert_nonnull (strstr (api, "window.API_1484_11 = api"));
  g_assert_null (strstr (api, "messageHandlers"));
  g_assert_nonnull (strstr (bridge, "messageHandlers.hocso"));
  /* The practice phone's player and its page's style are there. */
  g_assert_nonnull (strstr (walkthrough, "walkthrough-act"));
  g_assert_nonnull (strstr (walkthrough_css, ".hocso-phone"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hs_runtime_register_resource ();

  g_test_add_func ("/hocso/runtime/scorm-again-bundled", test_scorm_again_bundled);
  g_test_add_func ("/hocso/runtime/lesson", test_lesson_runtime);

  return g_test_run ();
}
