/* hs-cli-admin.c — hocso settings and hocso key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Showing the settings and exporting the public key need nothing; every
 * change needs the admin PIN (hs_cli_unlock()), except choosing it the
 * first time.
 */
#define G_LOG_DOMAIN "hs-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "hs-cli.h"

/* Set by the options of the commands below. */
static char *pin_file;

static const GOptionEntry pin_entries[] = {
  { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file,
    N_("Read the admin PIN from the first line of FILE (“-”: standard input) instead of asking"), N_("FILE") },
  { NULL }
};

typedef struct {
  HsLibrary *library;
  HsSchool  *school;
} Admin;

static void
admin_clear (Admin *admin)
{
  g_clear_object (&admin->school);
  g_clear_object (&admin->library);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Admin, admin_clear)

static gboolean
admin_open (Admin     *admin,
            gboolean   unlock,
            GError   **error)
{
  admin->library = hs_cli_open_library (error);
  if (admin->library == NULL)
    return FALSE;
  admin->school = hs_school_new (admin->library);
  return !unlock || hs_cli_unlock (admin->school, pin_file, error);
}

static char *
targets_text (HsSchool *school)
{
  g_autoptr(GArray) targets = hs_school_list_targets (school);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < targets->len; i++)
    {
      const HsSchoolTarget *target = &g_array_index (targets, HsSchoolTarget, i);

      /* Translators: a yearly target, like "2025: 95%" */
      g_string_append_printf (text, i > 0 ? ", %d: %d%%" : "%d: %d%%", target->year, target->percent);
    }
  if (text->len == 0)
    g_string_append (text, _("none"));
  return g_string_free (text, FALSE);
}

static int
settings_show (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Admin) admin = { 0 };
  g_autoptr(HsKeyring) keyring = NULL;
  g_auto(GStrv) courses = NULL;
  g_autofree char *fingerprint = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  const char *labels[HS_SCHOOL_N_FIELDS] = {
    [HS_SCHOOL_NAME] = N_("School"),
    [HS_SCHOOL_UNIT] = N_("Unit above"),
    [HS_SCHOOL_PRINCIPAL_NAME] = N_("Principal"),
    [HS_SCHOOL_PRINCIPAL_TITLE] = N_("Principal’s title"),
  };

  if (!hs_cli_parse ("settings", "", N_("Show the school’s settings."), entries, &argc, &argv, &error))
    return hs_cli_usage_error ("settings", error->message);
  if (argc > 1)
    return hs_cli_usage_error ("settings", _("“set”, “image”, “target”, “courses” or “pin” was expected"));
  if (!admin_open (&admin, FALSE, &error))
    return hs_cli_fail (NULL, error);
  keyring = hs_keyring_new (admin.library, &error);
  if (keyring == NULL)
    return hs_cli_fail (NULL, error);
  fingerprint = hs_keyring_format_fingerprint (hs_keyring_get_fingerprint (keyring));
  courses = hs_school_get_level_courses (admin.school);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GArray) targets = hs_school_list_targets (admin.school);

      json_builder_begin_object (builder);
      for (HsSchoolField field = 0; field < HS_SCHOOL_N_FIELDS; field++)
        {
          g_autofree char *value = hs_school_get_text (admin.school, field);

          json_builder_set_member_name (builder, hs_school_field_to_string (field));
          json_builder_add_string_value (builder, value);
        }
      for (HsSchoolImage image = 0; image < HS_SCHOOL_N_IMAGES; image++)
        {
          g_autofree char *path = hs_school_get_image_path (admin.school, image);

          json_builder_set_member_name (builder, hs_school_image_to_string (image));
          if (path != NULL)
            json_builder_add_string_value (builder, path);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_set_member_name (builder, "targets");
      json_builder_begin_object (builder);
      for (guint i = 0; i < targets->len; i++)
        {
          const HsSchoolTarget *target = &g_array_index (targets, HsSchoolTarget, i);
          g_autofree char *year = g_strdup_printf ("%d", target->year);

          json_builder_set_member_name (builder, year);
          json_builder_add_int_value (builder, target->percent);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "courses");
      if (courses != NULL)
        {
          json_builder_begin_array (builder);
          for (guint i = 0; courses[i] != NULL; i++)
            json_builder_add_string_value (builder, courses[i]);
          json_builder_end_array (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "admin_pin");
      json_builder_add_boolean_value (builder, hs_school_has_admin_pin (admin.school));
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, fingerprint);
      json_builder_end_object (builder);
      hs_cli_print_json (builder);
      return 0;
    }

  for (HsSchoolField field = 0; field < HS_SCHOOL_N_FIELDS; field++)
    {
      g_autofree char *value = hs_school_get_text (admin.school, field);
      g_autofree char *label = g_strdup_printf ("%s:", _(labels[field]));
      g_autofree char *padded = hs_cli_pad (label, 22);

      printf ("%s %s\n", padded, *value != '\0' ? value : _("(not set)"));
    }
  for (HsSchoolImage image = 0; image < HS_SCHOOL_N_IMAGES; image++)
    {
      g_autofree char *path = hs_school_get_image_path (admin.school, image);
      g_autofree char *label = g_strdup_printf ("%s:", image == HS_SCHOOL_IMAGE_LOGO ? _("Logo") : _("Signature image"));
      g_autofree char *padded = hs_cli_pad (label, 22);

      printf ("%s %s\n", padded, path != NULL ? path : _("(none)"));
    }
  {
    g_autofree char *targets = targets_text (admin.school);
    g_autofree char *label = g_strdup_printf ("%s:", _("Targets"));
    g_autofree char *padded = hs_cli_pad (label, 22);

    printf ("%s %s\n", padded, targets);
  }
  {
    g_autofree char *label = g_strdup_printf ("%s:", _("Courses that count"));
    g_autofree char *padded = hs_cli_pad (label, 22);
    g_autofree char *list = courses ? g_strjoinv (", ", courses) : NULL;

    printf ("%s %s\n", padded, list != NULL ? list : _("every installed course that gives a certificate"));
  }
  {
    g_autofree char *label = g_strdup_printf ("%s:", _("Admin PIN"));
    g_autofree char *padded = hs_cli_pad (label, 22);

    printf ("%s %s\n", padded, hs_school_has_admin_pin (admin.school) ? _("set") : _("not set yet"));
  }
  {
    g_autofree char *label = g_strdup_printf ("%s:", _("Signing key"));
    g_autofree char *padded = hs_cli_pad (label, 22);

    printf ("%s %s\n", padded, fingerprint);
  }
  return 0;
}

static int
settings_set (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Admin) admin = { 0 };
  HsSchoolField field;

  if (!hs_cli_parse ("settings set", N_("FIELD VALUE"),
                     N_("Set the school’s name (school), the unit above it (unit), the principal’s name (principal) or title (principal-title). An empty VALUE clears it."),
                     pin_entries, &argc, &argv, &error))
    return hs_cli_usage_error ("settings", error->message);
  if (argc != 3)
    return hs_cli_usage_error ("settings", _("give a field and its value, e.g. settings set school \"Trường Mầm non Tam Hưng A\""));
  if (!hs_school_field_from_string (argv[1], &field))
    return hs_cli_usage_error ("settings", _("the field must be school, unit, principal or principal-title"));

  if (!admin_open (&admin, TRUE, &error) ||
      !hs_school_set_text (admin.school, field, argv[2], &error))
    return hs_cli_fail (NULL, error);
  printf (_("Saved.\n"));
  return 0;
}

static int
settings_image (int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Admin) admin = { 0 };
  gboolean remove = FALSE;
  HsSchoolImage image;
  const GOptionEntry entries[] = {
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Remove the image"), NULL },
    { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file,
      N_("Read the admin PIN from the first line of FILE (“-”: standard input) instead of asking"), N_("FILE") },
    { NULL }
  };

  if (!hs_cli_parse ("settings image", N_("logo|signature FILE"),
                     N_("Set the school’s logo or the principal’s signature from a PNG or SVG file of at most 1 MB."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("settings", error->message);
  if (argc != (remove ? 2 : 3))
    return hs_cli_usage_error ("settings", _("give logo or signature, and a PNG or SVG file (or --remove)"));
  if (!hs_school_image_from_string (argv[1], &image))
    return hs_cli_usage_error ("settings", _("the image must be logo or signature"));

  if (!admin_open (&admin, TRUE, &error) ||
      !hs_school_set_image (admin.school, image, remove ? NULL : argv[2], &error))
    return hs_cli_fail (NULL, error);
  printf (_("Saved.\n"));
  return 0;
}

static int
settings_target (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Admin) admin = { 0 };
  gint64 year, percent;

  if (!hs_cli_parse ("settings target", N_("YEAR PERCENT"),
                     N_("Set the share of staff who must reach the level by the end of YEAR; 0 removes the year’s target."),
                     pin_entries, &argc, &argv, &error))
    return hs_cli_usage_error ("settings", error->message);
  if (argc != 3 ||
      !g_ascii_string_to_signed (argv[1], 10, HS_SCHOOL_MIN_YEAR, HS_SCHOOL_MAX_YEAR, &year, NULL) ||
      !g_ascii_string_to_signed (g_strdelimit (argv[2], "%", '\0'), 10, 0, 100, &percent, NULL))
    return hs_cli_usage_error ("settings", _("give a year and a percentage from 0 to 100, e.g. settings target 2025 95"));

  if (!admin_open (&admin, TRUE, &error) ||
      !hs_school_set_target (admin.school, year, percent, &error))
    return hs_cli_fail (NULL, error);
  printf (_("Saved.\n"));
  return 0;
}

static int
settings_courses (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Admin) admin = { 0 };
  g_autoptr(GPtrArray) installed = NULL;
  gboolean use_default = FALSE;
  const GOptionEntry entries[] = {
    { "default", 0, 0, G_OPTION_ARG_NONE, &use_default,
      N_("Count every installed course that gives a certificate"), NULL },
    { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file,
      N_("Read the admin PIN from the first line of FILE (“-”: standard input) instead of asking"), N_("FILE") },
    { NULL }
  };

  if (!hs_cli_parse ("settings courses", N_("COURSE-ID… | --default"),
                     N_("Choose the courses that count toward reaching the level."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("settings", error->message);
  if (use_default == (argc > 1))
    return hs_cli_usage_error ("settings", _("give course ids, or --default"));

  if (!admin_open (&admin, TRUE, &error))
    return hs_cli_fail (NULL, error);

  /* A course not installed is allowed (it may come later), but said. */
  installed = hs_library_list (admin.library, &error);
  if (installed == NULL)
    return hs_cli_fail (NULL, error);
  for (int i = 1; i < argc; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < installed->len && !found; j++)
        found = g_str_equal (argv[i], hs_course_get_id (g_ptr_array_index (installed, j)));
      if (!found)
        fprintf (stderr, _("hocso: note: the course “%s” is not installed; it counts once it is.\n"), argv[i]);
    }

  if (!hs_school_set_level_courses (admin.school, use_default ? NULL : (const char * const *) argv + 1, &error))
    return hs_cli_fail (NULL, error);
  printf (_("Saved.\n"));
  return 0;
}

static int
settings_pin (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Admin) admin = { 0 };
  g_autofree char *new_pin_file = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *again = NULL;
  gboolean first;
  const GOptionEntry entries[] = {
    { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file,
      N_("Read the current admin PIN from the first line of FILE (“-”: standard input)"), N_("FILE") },
    { "new-pin-file", 0, 0, G_OPTION_ARG_FILENAME, &new_pin_file,
      N_("Read the new admin PIN from the first line of FILE (“-”: standard input)"), N_("FILE") },
    { NULL }
  };

  if (!hs_cli_parse ("settings pin", "",
                     N_("Choose the admin PIN (6 to 12 digits), or change it: the current one is asked first."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("settings", error->message);
  if (argc > 1)
    return hs_cli_usage_error ("settings", _("this command takes no arguments"));

  if (!admin_open (&admin, FALSE, &error))
    return hs_cli_fail (NULL, error);
  first = !hs_school_has_admin_pin (admin.school);
  if (!first && !hs_cli_unlock (admin.school, pin_file, &error))
    return hs_cli_fail (NULL, error);

  pin = hs_cli_read_pin (_("New admin PIN (6 to 12 digits):"), new_pin_file, &error);
  if (pin == NULL)
    return hs_cli_fail (NULL, error);
  /* Typed blind on a terminal: typed twice. */
  if (new_pin_file == NULL && isatty (fileno (stdin)))
    {
      again = hs_cli_read_pin (_("The same PIN again:"), NULL, &error);
      if (again == NULL)
        return hs_cli_fail (NULL, error);
      if (!g_str_equal (pin, again))
        {
          fprintf (stderr, "hocso: %s\n", _("The two PINs differ; nothing was changed."));
          return HS_CLI_EXIT_FAILURE;
        }
    }

  if (!hs_school_set_admin_pin (admin.school, pin, &error))
    return hs_cli_fail (NULL, error);
  printf ("%s\n", first ? _("The admin PIN is set. Keep it safe: the school’s settings and the report need it.")
                        : _("The admin PIN is changed."));
  return 0;
}

int
hs_cli_settings (int    argc,
                 char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "set"))
    return settings_set (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "image"))
    return settings_image (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "target"))
    return settings_target (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "courses"))
    return settings_courses (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "pin"))
    return settings_pin (argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n"
              "  hocso settings [--json]\n"
              "  hocso settings set school|unit|principal|principal-title %s\n"
              "  hocso settings image logo|signature %s\n"
              "  hocso settings target %s\n"
              "  hocso settings courses %s\n"
              "  hocso settings pin\n\n%s\n",
              _("Usage:"), _("VALUE"), _("FILE | --remove"), _("YEAR PERCENT"), _("COURSE-ID… | --default"),
              _("Changes need the admin PIN: it is asked for on a terminal, or read with --pin-file FILE."));
      return 0;
    }
  return settings_show (argc, argv);
}

static int
key_export (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Admin) admin = { 0 };
  g_autoptr(HsKeyring) keyring = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  g_autofree char *school = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the key to FILE instead of the screen"), N_("FILE") },
    { NULL }
  };

  if (!hs_cli_parse ("key export", "",
                     N_("Print this PC’s public key, for other schools’ PCs to trust its certificates with “hocso key import”."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("key", error->message);
  if (argc > 1)
    return hs_cli_usage_error ("key", _("this command takes no arguments"));
  if (!admin_open (&admin, FALSE, &error))
    return hs_cli_fail (NULL, error);
  keyring = hs_keyring_new (admin.library, &error);
  if (keyring == NULL)
    return hs_cli_fail (NULL, error);

  school = hs_school_get_text (admin.school, HS_SCHOOL_NAME);
  text = hs_keyring_export (keyring, school);
  if (output == NULL)
    {
      fputs (text, stdout);
      return 0;
    }
  if (!g_file_set_contents (output, text, -1, &error))
    return hs_cli_fail (NULL, error);
  {
    g_autofree char *shown = hs_keyring_format_fingerprint (hs_keyring_get_fingerprint (keyring));

    printf (_("Wrote the key %s to %s.\n"), shown, output);
  }
  return 0;
}

static int
key_import (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Admin) admin = { 0 };
  g_autoptr(HsKeyring) keyring = NULL;
  g_autoptr(HsTrustedKey) key = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  gboolean already = FALSE;

  if (!hs_cli_parse ("key import", N_("FILE"),
                     N_("Trust the certificates of another school’s PC, from the key file it exported. Compare the fingerprint shown with the one on that PC."),
                     pin_entries, &argc, &argv, &error))
    return hs_cli_usage_error ("key", error->message);
  if (argc != 2)
    return hs_cli_usage_error ("key", _("give the key file to import"));

  if (!g_file_get_contents (argv[1], &text, NULL, &error))
    return hs_cli_fail (NULL, error);
  if (!admin_open (&admin, TRUE, &error))
    return hs_cli_fail (NULL, error);
  keyring = hs_keyring_new (admin.library, &error);
  if (keyring == NULL)
    return hs_cli_fail (argv[1], error);
  key = hs_keyring_import (keyring, text, &already, &error);
  if (key == NULL)
    return hs_cli_fail (argv[1], error);

  shown = hs_keyring_format_fingerprint (key->fingerprint);
  if (already)
    printf (_("The key %s of %s was already trusted.\n"), shown, key->label);
  else
    printf (_("Now trusting the key %s of %s.\n"), shown, key->label);
  return 0;
}

static int
key_list (int    argc,
          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Admin) admin = { 0 };
  g_autoptr(HsKeyring) keyring = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *own = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!hs_cli_parse ("key list", "", N_("Show this PC’s key and the keys it trusts."), entries, &argc, &argv, &error))
    return hs_cli_usage_error ("key", error->message);
  if (argc > 1)
    return hs_cli_usage_error ("key", _("this command takes no arguments"));
  if (!admin_open (&admin, FALSE, &error))
    return hs_cli_fail (NULL, error);
  keyring = hs_keyring_new (admin.library, &error);
  keys = keyring ? hs_keyring_list_trusted (keyring, &error) : NULL;
  if (keys == NULL)
    return hs_cli_fail (NULL, error);
  own = hs_keyring_format_fingerprint (hs_keyring_get_fingerprint (keyring));

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "own");
      json_builder_add_string_value (builder, hs_keyring_get_fingerprint (keyring));
      json_builder_set_member_name (builder, "trusted");
      json_builder_begin_array (builder);
      for (guint i = 0; i < keys->len; i++)
        {
          HsTrustedKey *key = g_ptr_array_index (keys, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "fingerprint");
          json_builder_add_string_value (builder, key->fingerprint);
          json_builder_set_member_name (builder, "school");
          json_builder_add_string_value (builder, key->label);
          json_builder_set_member_name (builder, "added");
          json_builder_add_string_value (builder, key->added);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      hs_cli_print_json (builder);
      return 0;
    }

  printf (_("This PC’s key: %s\n"), own);
  if (keys->len == 0)
    printf ("%s\n", _("No other school’s key is trusted yet."));
  for (guint i = 0; i < keys->len; i++)
    {
      HsTrustedKey *key = g_ptr_array_index (keys, i);
      g_autofree char *shown = hs_keyring_format_fingerprint (key->fingerprint);

      printf ("%s  %s\n", shown, key->label);
    }
  return 0;
}

static int
key_remove (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Admin) admin = { 0 };
  g_autoptr(HsKeyring) keyring = NULL;

  if (!hs_cli_parse ("key remove", N_("FINGERPRINT"),
                     N_("Stop trusting another school’s key."), pin_entries, &argc, &argv, &error))
    return hs_cli_usage_error ("key", error->message);
  if (argc != 2)
    return hs_cli_usage_error ("key", _("give the fingerprint of the key, as “hocso key list” shows it"));
  if (!admin_open (&admin, TRUE, &error))
    return hs_cli_fail (NULL, error);
  keyring = hs_keyring_new (admin.library, &error);
  if (keyring == NULL || !hs_keyring_remove_trusted (keyring, argv[1], &error))
    return hs_cli_fail (NULL, error);
  printf (_("Removed.\n"));
  return 0;
}

int
hs_cli_key (int    argc,
            char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return key_export (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return key_import (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return key_list (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "remove"))
    return key_remove (argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  hocso key export [-o %s]\n  hocso key import %s\n  hocso key list [--json]\n"
              "  hocso key remove %s\n",
              _("Usage:"), _("FILE"), _("FILE"), _("FINGERPRINT"));
      return 0;
    }
  return hs_cli_usage_error ("key", _("“export”, “import”, “list” or “remove” was expected"));
}
