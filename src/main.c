/* main.c — the hocso program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cli/hs-cli.h"
#include "hs-application.h"

/* Whether this binary is the one in the build folder, not an installed
 * copy: then translations and the settings schema come from there too. */
static gboolean
running_from_build (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/");
}

/* Where the courses that come with the app are: HOCSO_BUNDLED_COURSES
 * when set (empty: none), else the build's packages or the installed ones. */
static const char *
bundled_courses_dir (gboolean from_build)
{
  const char *dir = g_getenv ("HOCSO_BUNDLED_COURSES");

  if (dir != NULL)
    return *dir != '\0' ? dir : NULL;
  return from_build ? BUILD_ROOT "/courses" : BUNDLED_COURSES_DIR;
}

int
main (int    argc,
      char **argv)
{
  gboolean from_build = running_from_build ();
  const char *localedir = g_getenv ("HOCSO_LOCALEDIR");

  if (localedir == NULL)
    localedir = from_build ? BUILD_ROOT "/po" : LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A command runs headless; no command, "open" or options start the
   * desktop app. */
  if (argc >= 2 && argv[1][0] != '-' && !g_str_equal (argv[1], "open"))
    return hs_cli_main (argc, argv);
  if (argc >= 2 && hs_cli_is_command (argv[1]))
    return hs_cli_main (argc, argv);

  {
    g_autoptr(HsApplication) app = NULL;

    if (from_build && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
      g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_ROOT "/ui", TRUE);

    app = hs_application_new ();
    hs_application_set_bundled_dir (app, bundled_courses_dir (from_build));
    return g_application_run (G_APPLICATION (app), argc, argv);
  }
}
