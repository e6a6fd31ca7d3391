/* hs-cli.c — the `hocso <command>` tools, shared pieces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "hs-cli.h"

/* Set by every command's --data-dir option. */
static char *data_dir_option;

static const HsCliCommand commands[] = {
  { "import", N_("FILE…"), N_("Install course packages"), hs_cli_import },
  { "list", "", N_("List installed courses"), hs_cli_list },
  { "remove", N_("COURSE-ID"), N_("Remove an installed course"), hs_cli_remove },
  { "search", N_("QUERY…"), N_("Find lessons by their words, with or without Vietnamese marks"), hs_cli_search },
  { "learner", N_("add NAME --role ROLE | list"), N_("Add or list learners"), hs_cli_learner },
  { "progress", "", N_("Show learners’ progress per course and lesson"), hs_cli_progress },
  { "attempts", "", N_("List quiz attempts and practice tests with their scores"), hs_cli_attempts },
  { "record", N_("LEARNER COURSE-ID LESSON-ID opened|progressed|completed"),
    N_("Record what a learner did with a lesson"), hs_cli_record },
  { "certificate", N_("list | issue LEARNER COURSE-ID | export SERIAL | verify FILE|SERIAL"),
    N_("List, export and check certificates"), hs_cli_certificate },
  { "report", "", N_("Staff progress against the year’s target (admin PIN)"), hs_cli_report },
  { "settings", N_("[set FIELD VALUE | image | target | courses | pin]"),
    N_("Show or change the school’s settings (admin PIN)"), hs_cli_settings },
  { "key", N_("export | import FILE | list | remove FINGERPRINT"),
    N_("Share this PC’s signing key, trust other schools’ keys"), hs_cli_key },
};

const HsCliCommand *
hs_cli_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (commands);
  return commands;
}

void
hs_cli_print_usage (FILE *stream)
{
  fprintf (stream, "%s\n  hocso %s\n\n%s\n", _("Usage:"), _("COMMAND [OPTION…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = hs_cli_pad (commands[i].name, 12);
      fprintf (stream, "  %s %s\n", name, _(commands[i].summary));
    }
  fprintf (stream, "\n%s\n", _("Run “hocso COMMAND --help” for a command’s options."));
  fprintf (stream, "%s\n", _("Without a command, hocso opens the app; “hocso open COURSE-ID [LESSON-ID] [--learner NAME]” opens it on a course or lesson."));
}

gboolean
hs_cli_is_command (const char *arg)
{
  if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "help") ||
      g_str_equal (arg, "--version"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (arg, commands[i].name))
      return TRUE;
  return FALSE;
}

int
hs_cli_main (int    argc,
             char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      hs_cli_print_usage (stdout);
      return argc < 2 ? HS_CLI_EXIT_USAGE : 0;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("hocso %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _("hocso: “%s” is not a command. Run “hocso --help” to see the commands.\n"), argv[1]);
  return HS_CLI_EXIT_USAGE;
}

/* One line on stderr: "hocso: <prefix>: <message>". */
int
hs_cli_fail (const char   *prefix,
             const GError *error)
{
  if (prefix != NULL)
    fprintf (stderr, "hocso: %s: %s\n", prefix, error->message);
  else
    fprintf (stderr, "hocso: %s\n", error->message);
  return HS_CLI_EXIT_FAILURE;
}

int
hs_cli_usage_error (const char *command,
                    const char *message)
{
  fprintf (stderr, _("hocso %s: %s (see “hocso %s --help”)\n"), command, message, command);
  return HS_CLI_EXIT_USAGE;
}

/**
 * hs_cli_parse:
 *
 * Parses a command's options, adding --data-dir to @entries.  --help
 * prints the command's help and exits.
 */
gboolean
hs_cli_parse (const char          *command,
              const char          *parameters,
              const char          *summary,
              const GOptionEntry  *entries,
              int                 *argc,
              char              ***argv,
              GError             **error)
{
  const GOptionEntry common[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir_option,
      N_("Keep courses and records in DIR (default: $HOCSO_DATA_DIR, else ~/.local/share/hocso)"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  /* _("") would return the catalogue's header, so empty stays empty. */
  g_autofree char *title = g_strdup_printf ("%s", parameters && *parameters ? _(parameters) : "");

  /* --help reads "hocso import [OPTION…] FILE…". */
  {
    g_autofree char *prgname = g_strdup_printf ("hocso %s", command);
    g_set_prgname (prgname);
  }
  context = g_option_context_new (title);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(summary));
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, FALSE);

  return g_option_context_parse (context, argc, argv, error);
}

HsLibrary *
hs_cli_open_library (GError **error)
{
  g_autofree char *dir = data_dir_option ? g_strdup (data_dir_option) : hs_library_default_data_dir ();

  return hs_library_new (dir, error);
}

void
hs_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  hs_cli_print_json_node (root);
}

void
hs_cli_print_json_node (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* Pads to @width characters (not bytes), so Vietnamese columns line up. */
char *
hs_cli_pad (const char *text,
            guint       width)
{
  glong len = g_utf8_strlen (text, -1);
  GString *out = g_string_new (text);

  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

static char *
read_line (FILE *stream)
{
  char buffer[256];
  gsize len;

  if (fgets (buffer, sizeof buffer, stream) == NULL)
    return NULL;
  len = strlen (buffer);
  while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
    buffer[--len] = '\0';
  return g_strdup (buffer);
}

/**
 * hs_cli_read_pin:
 * @prompt: what to ask on a terminal
 * @pin_file: (nullable): a file whose first line is the PIN, or "-" for
 *   standard input
 *
 * A PIN never goes on the command line, where other users and the shell's
 * history would see it.  It is asked for without echo when standard input
 * is a terminal, else read from @pin_file or, line by line, from standard
 * input (how scripts and tests give it).
 */
char *
hs_cli_read_pin (const char  *prompt,
                 const char  *pin_file,
                 GError     **error)
{
  char *pin = NULL;

  if (pin_file != NULL && !g_str_equal (pin_file, "-"))
    {
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (pin_file, &contents, NULL, error))
        return NULL;
      lines = g_strsplit (contents, "\n", 2);
      pin = g_strdup (g_strstrip (lines[0] ? lines[0] : ""));
    }
  else if (pin_file == NULL && isatty (STDIN_FILENO))
    {
      struct termios before, quiet;
      gboolean hidden;

      fprintf (stderr, "%s ", prompt);
      fflush (stderr);
      hidden = tcgetattr (STDIN_FILENO, &before) == 0;
      if (hidden)
        {
          quiet = before;
          quiet.c_lflag &= ~ECHO;
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
        }
      pin = read_line (stdin);
      if (hidden)
        {
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &before);
          fputc ('\n', stderr);
        }
    }
  else
    pin = read_line (stdin);

  if (pin == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("No PIN was given. Type it when asked, or give it with --pin-file FILE."));
  return pin;
}

/* Unlocks the school's settings with the admin PIN, asked for as
 * hs_cli_read_pin() does. */
gboolean
hs_cli_unlock (HsSchool    *school,
               const char  *pin_file,
               GError     **error)
{
  g_autofree char *pin = NULL;

  if (!hs_school_has_admin_pin (school))
    {
      g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_NO_PIN,
                           _("No admin PIN is set yet. Choose one with “hocso settings pin”."));
      return FALSE;
    }
  pin = hs_cli_read_pin (_("Admin PIN:"), pin_file, error);
  if (pin == NULL)
    return FALSE;
  return hs_school_unlock (school, pin, error);
}
