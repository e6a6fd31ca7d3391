/* hs-cli-certificates.c — hocso certificate and hocso report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "hs-certificate.h"
#include "hs-cli.h"
#include "hs-report.h"

typedef struct {
  HsLibrary  *library;
  HsProgress *progress;
  HsSchool   *school;
  HsKeyring  *keyring;
} Context;

static void
context_clear (Context *context)
{
  g_clear_object (&context->keyring);
  g_clear_object (&context->school);
  g_clear_object (&context->progress);
  g_clear_object (&context->library);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

static gboolean
context_open (Context  *context,
              GError  **error)
{
  context->library = hs_cli_open_library (error);
  if (context->library == NULL)
    return FALSE;
  context->progress = hs_progress_new (context->library);
  context->school = hs_school_new (context->library);
  context->keyring = hs_keyring_new (context->library, error);
  return context->keyring != NULL;
}

static char *
score_text (HsCertificate *certificate)
{
  return hs_certificate_get_score (certificate) >= 0
         ? g_strdup_printf ("%d%%", hs_certificate_get_score (certificate)) : g_strdup ("–");
}

static void
certificate_to_json (JsonBuilder   *builder,
                     HsCertificate *certificate)
{
  g_autofree char *date = hs_certificate_format_date (certificate);
  const GDate *completed = hs_certificate_get_completed (certificate);
  g_autofree char *iso = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (completed),
                                          g_date_get_month (completed), g_date_get_day (completed));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "serial");
  json_builder_add_string_value (builder, hs_certificate_get_serial (certificate));
  json_builder_set_member_name (builder, "learner");
  json_builder_add_string_value (builder, hs_certificate_get_learner_name (certificate));
  json_builder_set_member_name (builder, "course");
  json_builder_add_string_value (builder, hs_certificate_get_course_id (certificate));
  json_builder_set_member_name (builder, "course_version");
  json_builder_add_string_value (builder, hs_certificate_get_course_version (certificate));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, hs_certificate_get_course_title (certificate));
  json_builder_set_member_name (builder, "completed");
  json_builder_add_string_value (builder, iso);
  json_builder_set_member_name (builder, "score");
  if (hs_certificate_get_score (certificate) >= 0)
    json_builder_add_int_value (builder, hs_certificate_get_score (certificate));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "school");
  json_builder_add_string_value (builder, hs_certificate_get_school (certificate));
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, hs_certificate_get_key_fingerprint (certificate));
  json_builder_set_member_name (builder, "issued");
  if (hs_certificate_get_issued (certificate) != NULL)
    json_builder_add_string_value (builder, hs_certificate_get_issued (certificate));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "payload");
  json_builder_add_string_value (builder, hs_certificate_get_payload (certificate));
  json_builder_end_object (builder);
}

static int
certificate_list (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Context) context = { 0 };
  g_autoptr(HsLearner) learner = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *name = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "learner", 0, 0, G_OPTION_ARG_STRING, &name, N_("Only this learner’s"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON, with each certificate’s signed text"), NULL },
    { NULL }
  };

  if (!hs_cli_parse ("certificate list", "",
                     N_("List the certificates issued on this PC. Courses completed since are issued their certificate first."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("certificate", error->message);
  if (argc > 1)
    return hs_cli_usage_error ("certificate", _("this command takes no arguments"));
  if (!context_open (&context, &error))
    return hs_cli_fail (NULL, error);
  if (name != NULL && (learner = hs_progress_find_learner (context.progress, name, &error)) == NULL)
    return hs_cli_fail (NULL, error);

  pending = hs_certificate_issue_pending (context.progress, context.school, context.keyring, &error);
  if (pending == NULL)
    return hs_cli_fail (NULL, error);
  list = hs_certificate_list (context.progress, learner, &error);
  if (list == NULL)
    return hs_cli_fail (NULL, error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        certificate_to_json (builder, g_ptr_array_index (list, i));
      json_builder_end_array (builder);
      hs_cli_print_json (builder);
      return 0;
    }

  if (list->len == 0)
    {
      printf ("%s\n", _("No certificates yet. A learner gets one on completing a course that gives one."));
      if (!hs_school_check_complete (context.school, &error))
        printf ("%s\n", error->message);
      return 0;
    }

  {
    guint name_width = g_utf8_strlen (_("LEARNER"), -1);

    for (guint i = 0; i < list->len; i++)
      name_width = MAX (name_width, (guint) g_utf8_strlen (hs_certificate_get_learner_name (g_ptr_array_index (list, i)), -1));

    {
      g_autofree char *h_serial = hs_cli_pad (_("SERIAL"), 12);
      g_autofree char *h_learner = hs_cli_pad (_("LEARNER"), name_width);
      g_autofree char *h_date = hs_cli_pad (_("COMPLETED"), 10);
      g_autofree char *h_score = hs_cli_pad (_("SCORE"), 5);

      printf ("%s  %s  %s  %s  %s\n", h_serial, h_learner, h_date, h_score, _("COURSE"));
    }
    for (guint i = 0; i < list->len; i++)
      {
        HsCertificate *certificate = g_ptr_array_index (list, i);
        g_autofree char *learner_col = hs_cli_pad (hs_certificate_get_learner_name (certificate), name_width);
        g_autofree char *date = hs_certificate_format_date (certificate);
        g_autofree char *score = score_text (certificate);
        g_autofree char *score_col = hs_cli_pad (score, 5);

        printf ("%s  %s  %s  %s  %s\n", hs_certificate_get_serial (certificate), learner_col, date, score_col,
                hs_certificate_get_course_title (certificate));
      }
  }
  return 0;
}

static int
write_pdf (Context       *context,
           HsCertificate *certificate,
           const char    *output)
{
  g_autoptr(GError) error = NULL;

  if (!hs_certificate_write_pdf (certificate, context->school, output, &error))
    return hs_cli_fail (NULL, error);
  printf (_("Wrote the certificate %s of %s to %s.\n"), hs_certificate_get_serial (certificate),
          hs_certificate_get_learner_name (certificate), output);
  return 0;
}

static int
certificate_issue (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Context) context = { 0 };
  g_autoptr(HsLearner) learner = NULL;
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(HsCertificate) certificate = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Also write it as a PDF to FILE"), N_("FILE") },
    { NULL }
  };

  if (!hs_cli_parse ("certificate issue", N_("LEARNER COURSE-ID"),
                     N_("Give a learner the certificate of a course they completed; the same one again if it was issued before."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("certificate", error->message);
  if (argc != 3)
    return hs_cli_usage_error ("certificate", _("give the learner’s name and the course id"));
  if (!context_open (&context, &error))
    return hs_cli_fail (NULL, error);
  if ((learner = hs_progress_find_learner (context.progress, argv[1], &error)) == NULL ||
      (course = hs_library_get_course (context.library, argv[2], &error)) == NULL)
    return hs_cli_fail (NULL, error);

  certificate = hs_certificate_issue (context.progress, context.school, context.keyring, learner, course, &error);
  if (certificate == NULL)
    return hs_cli_fail (NULL, error);
  if (output != NULL)
    return write_pdf (&context, certificate, output);
  printf ("%s\n", hs_certificate_get_serial (certificate));
  return 0;
}

static int
certificate_export (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Context) context = { 0 };
  g_autoptr(HsCertificate) certificate = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { NULL }
  };

  if (!hs_cli_parse ("certificate export", N_("SERIAL --output FILE.pdf"),
                     N_("Write a certificate issued on this PC as a PDF to print or send."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("certificate", error->message);
  if (argc != 2)
    return hs_cli_usage_error ("certificate", _("give the certificate’s serial number, as “hocso certificate list” shows it"));
  if (output == NULL)
    return hs_cli_usage_error ("certificate", _("say where to write the PDF with --output FILE.pdf"));
  if (!context_open (&context, &error))
    return hs_cli_fail (NULL, error);
  certificate = hs_certificate_find (context.progress, argv[1], &error);
  if (certificate == NULL)
    return hs_cli_fail (NULL, error);
  return write_pdf (&context, certificate, output);
}

static void
print_fact (const char *label,
            const char *value)
{
  g_autofree char *with_colon = g_strdup_printf ("%s:", label);
  g_autofree char *padded = hs_cli_pad (with_colon, 14);

  printf ("  %s %s\n", padded, value);
}

/* Reads what `verify` was given: a PDF, a file holding the signed text,
 * "-" for standard input, the signed text itself, or a serial number of a
 * certificate issued here. */
static HsCertificate *
read_certificate (Context     *context,
                  const char  *what,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_str_equal (what, "-"))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char buffer[1024];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0 && text->len < 65536)
        g_string_append_len (text, buffer, n);
      return hs_certificate_parse (text->str, error);
    }

  if (strchr (what, '\n') == NULL && g_file_test (what, G_FILE_TEST_IS_REGULAR))
    {
      if (!g_file_get_contents (what, &contents, &length, error))
        return NULL;
      if (length >= 5 && memcmp (contents, "%PDF-", 5) == 0)
        return hs_certificate_read_pdf (what, error);
      return hs_certificate_parse (contents, error);
    }

  if (strchr (what, '\n') == NULL)
    {
      g_autofree char *upper = g_ascii_strup (what, -1);

      if (hs_certificate_serial_is_valid (g_strstrip (upper)))
        return hs_certificate_find (context->progress, upper, error);
      if (g_str_has_suffix (what, ".pdf") || g_str_has_suffix (what, ".PDF") || strchr (what, '/') != NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("There is no file “%s”."), what);
          return NULL;
        }
    }
  return hs_certificate_parse (what, error);
}

static int
certificate_verify (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Context) context = { 0 };
  g_autoptr(HsCertificate) certificate = NULL;
  g_autofree char *signer = NULL;
  g_autofree char *key = NULL;
  g_autofree char *date = NULL;
  g_autofree char *score = NULL;
  g_autofree char *course = NULL;
  g_autofree char *school = NULL;
  g_autofree char *signed_by = NULL;

  if (!hs_cli_parse ("certificate verify", N_("FILE.pdf | FILE | SERIAL | -"),
                     N_("Check a certificate offline: a PDF, a file with the text its QR code holds (“-” reads it from standard input), or the serial number of one issued here. It must be signed by this PC or by a school whose key was imported, and unchanged."),
                     NULL, &argc, &argv, &error))
    return hs_cli_usage_error ("certificate", error->message);
  if (argc != 2)
    return hs_cli_usage_error ("certificate", _("give a certificate PDF, the text of its QR code, or its serial number"));
  if (!context_open (&context, &error))
    return hs_cli_fail (NULL, error);

  certificate = read_certificate (&context, argv[1], &error);
  if (certificate == NULL || !hs_certificate_verify (certificate, context.keyring, &signer, &error))
    return hs_cli_fail (NULL, error);

  key = hs_keyring_format_fingerprint (hs_certificate_get_key_fingerprint (certificate));
  if (signer == NULL)
    printf (_("VALID: signed by this PC (key %s), unchanged since.\n"), key);
  else
    printf (_("VALID: signed by %s (key %s), unchanged since.\n"), signer, key);

  date = hs_certificate_format_date (certificate);
  score = score_text (certificate);
  course = g_strdup_printf ("%s (%s %s)", hs_certificate_get_course_title (certificate),
                            hs_certificate_get_course_id (certificate),
                            hs_certificate_get_course_version (certificate));
  school = hs_certificate_get_unit (certificate)
           ? g_strdup_printf ("%s, %s", hs_certificate_get_school (certificate), hs_certificate_get_unit (certificate))
           : g_strdup (hs_certificate_get_school (certificate));
  signed_by = g_strdup_printf ("%s %s", hs_certificate_get_principal_title (certificate),
                               hs_certificate_get_principal (certificate));
  print_fact (_("Serial"), hs_certificate_get_serial (certificate));
  print_fact (_("Name"), hs_certificate_get_learner_name (certificate));
  print_fact (_("Course"), course);
  print_fact (_("Completed"), date);
  print_fact (_("Score"), score);
  print_fact (_("School"), school);
  print_fact (_("Signed by"), signed_by);
  return 0;
}

int
hs_cli_certificate (int    argc,
                    char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return certificate_list (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "issue"))
    return certificate_issue (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return certificate_export (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "verify"))
    return certificate_verify (argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  hocso certificate list [--learner %s] [--json]\n"
              "  hocso certificate issue %s [-o %s]\n"
              "  hocso certificate export %s\n"
              "  hocso certificate verify %s\n",
              _("Usage:"), _("NAME"), _("LEARNER COURSE-ID"), _("FILE.pdf"), _("SERIAL --output FILE.pdf"),
              _("FILE.pdf | FILE | SERIAL | -"));
      return 0;
    }
  return hs_cli_usage_error ("certificate", _("“list”, “issue”, “export” or “verify” was expected"));
}

/* hocso report */

static const char *
role_plural (HsRole role)
{
  switch (role)
    {
    case HS_ROLE_MANAGER:
      return _("Managers");
    case HS_ROLE_TEACHER:
      return _("Teachers");
    case HS_ROLE_STAFF:
    case HS_N_ROLES:
    default:
      return _("Staff");
    }
}

static void
print_report (HsReport *report,
              HsSchool *school)
{
  g_autofree char *name = hs_school_get_text (school, HS_SCHOOL_NAME);
  GPtrArray *courses = hs_report_get_courses (report);
  const char * const *missing = hs_report_get_missing_courses (report);
  int year = hs_report_get_year (report);
  int from = 0;
  int target = hs_report_get_target (report, &from);
  guint name_width = g_utf8_strlen (_("NAME"), -1);

  if (*name != '\0')
    printf (_("Report for %d — %s\n"), year, name);
  else
    printf (_("Report for %d\n"), year);

  printf (_("Staff: %u. Reached the level: %u (%.1f%%).\n"), hs_report_get_n_staff (report),
          hs_report_get_n_reached (report), hs_report_get_percent (report));
  if (target < 0)
    printf (_("No target is set for %d.\n"), year);
  else if (from == year)
    printf (_("Target for %d: %d%%.\n"), year, target);
  else
    printf (_("Target for %d: %d%% (%d’s, still in force).\n"), year, target, from);

  switch (hs_report_get_status (report))
    {
    case HS_REPORT_STATUS_ON_TRACK:
      printf ("%s\n", _("ON TRACK: the target is met."));
      break;
    case HS_REPORT_STATUS_NOT_YET:
      printf (g_dngettext (GETTEXT_PACKAGE, "NOT YET: %u more person must reach the level to meet the target.\n",
                           "NOT YET: %u more people must reach the level to meet the target.\n",
                           hs_report_get_n_needed (report)),
              hs_report_get_n_needed (report));
      break;
    case HS_REPORT_STATUS_NO_TARGET:
      printf ("%s\n", _("There is no target to compare with."));
      break;
    case HS_REPORT_STATUS_NO_STAFF:
    default:
      printf ("%s\n", _("There are no staff to count for this year."));
      break;
    }

  printf ("\n%s\n", hs_report_get_default_courses (report)
                    ? _("Courses that count (every installed course that gives a certificate):")
                    : _("Courses that count (chosen by the school):"));
  if (courses->len == 0)
    printf ("  %s\n", _("none — so nobody can reach the level yet."));
  for (guint i = 0; i < courses->len; i++)
    {
      HsCourse *course = g_ptr_array_index (courses, i);

      printf ("  %s (%s)\n", hs_course_get_title (course), hs_course_get_id (course));
    }
  for (guint i = 0; missing[i] != NULL; i++)
    printf (_("  %s — chosen, but not installed on this PC\n"), missing[i]);

  printf ("\n%s", _("By role:"));
  for (HsRole role = 0; role < HS_N_ROLES; role++)
    {
      guint staff, reached;

      hs_report_get_role_counts (report, role, &staff, &reached);
      printf ("  %s %u/%u", role_plural (role), reached, staff);
    }
  printf ("\n\n");

  if (hs_report_get_n_rows (report) == 0)
    return;
  for (guint i = 0; i < hs_report_get_n_rows (report); i++)
    name_width = MAX (name_width, (guint) g_utf8_strlen (hs_learner_get_name (hs_report_get_row (report, i)->learner), -1));
  {
    g_autofree char *h_name = hs_cli_pad (_("NAME"), name_width);
    g_autofree char *h_role = hs_cli_pad (_("ROLE"), 10);
    g_autofree char *h_done = hs_cli_pad (_("DONE"), 6);
    g_autofree char *h_reached = hs_cli_pad (_("REACHED"), 8);

    printf ("%s  %s  %s  %s  %s\n", h_name, h_role, h_done, h_reached, _("ON"));
  }
  for (guint i = 0; i < hs_report_get_n_rows (report); i++)
    {
      const HsReportRow *row = hs_report_get_row (report, i);
      g_autofree char *name_col = hs_cli_pad (hs_learner_get_name (row->learner), name_width);
      g_autofree char *role_col = hs_cli_pad (hs_role_get_label (hs_learner_get_role (row->learner)), 10);
      g_autofree char *done = g_strdup_printf ("%u/%u", row->n_completed, row->n_required);
      g_autofree char *done_col = hs_cli_pad (done, 6);
      g_autofree char *reached_col = hs_cli_pad (row->reached ? _("yes") : row->n_required == 0 ? _("no course") : _("no"), 8);
      g_autofree char *on = NULL;

      if (row->reached)
        on = g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&row->reached_on),
                              g_date_get_month (&row->reached_on), g_date_get_year (&row->reached_on));
      printf ("%s  %s  %s  %s  %s\n", name_col, role_col, done_col, reached_col, on ? on : "");
    }
}

int
hs_cli_report (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Context) context = { 0 };
  g_autoptr(HsReport) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *pin_file = NULL;
  gboolean json = FALSE, csv = FALSE;
  int year = g_date_time_get_year (now);
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year to report on (default: this year)"), N_("YEAR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default), json, csv or pdf"), N_("FORMAT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Same as --format json"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Same as --format csv"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (needed for pdf)"), N_("FILE") },
    { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file,
      N_("Read the admin PIN from the first line of FILE (“-”: standard input) instead of asking"), N_("FILE") },
    { NULL }
  };
  g_autofree char *text = NULL;

  if (!hs_cli_parse ("report", "",
                     N_("Show which staff reached the digital-skills level by the end of the year, against the year’s target. Needs the admin PIN."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("report", error->message);
  if (argc > 1)
    return hs_cli_usage_error ("report", _("this command takes no arguments"));
  if ((json ? 1 : 0) + (csv ? 1 : 0) + (format ? 1 : 0) > 1)
    return hs_cli_usage_error ("report", _("choose one format"));
  if (format == NULL)
    format = g_strdup (json ? "json" : csv ? "csv" : "text");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "json") &&
      !g_str_equal (format, "csv") && !g_str_equal (format, "pdf"))
    return hs_cli_usage_error ("report", _("the format must be text, json, csv or pdf"));
  if (g_str_equal (format, "pdf") && output == NULL)
    return hs_cli_usage_error ("report", _("say where to write the PDF with --output FILE.pdf"));

  if (!context_open (&context, &error) || !hs_cli_unlock (context.school, pin_file, &error))
    return hs_cli_fail (NULL, error);
  report = hs_report_new (context.progress, context.school, year, &error);
  if (report == NULL)
    return hs_cli_fail (NULL, error);

  if (g_str_equal (format, "pdf"))
    {
      if (!hs_report_write_pdf (report, output, &error))
        return hs_cli_fail (NULL, error);
      printf (_("Wrote the report for %d to %s.\n"), year, output);
      return 0;
    }
  if (g_str_equal (format, "text"))
    {
      if (output != NULL)
        return hs_cli_usage_error ("report", _("--output is for the json, csv and pdf formats"));
      print_report (report, context.school);
      return 0;
    }

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) root = hs_report_to_json (report);
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      if (output == NULL)
        {
          printf ("%s\n", text);
          return 0;
        }
    }
  else
    text = hs_report_to_csv (report);

  if (output == NULL)
    {
      fputs (text, stdout);
      return 0;
    }
  if (!g_file_set_contents (output, text, -1, &error))
    return hs_cli_fail (NULL, error);
  printf (_("Wrote the report for %d to %s.\n"), year, output);
  return 0;
}
