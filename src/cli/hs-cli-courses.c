/* hs-cli-courses.c — hocso import, list and remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "hs-cli.h"

typedef struct {
  const char *name;
  int         last_percent;
} ImportProgress;

static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  ImportProgress *p = user_data;
  int percent = total > 0 ? (int) (done * 100 / total) : 0;

  if (percent == p->last_percent)
    return;
  p->last_percent = percent;
  fprintf (stderr, "\r%s: %3d%%", p->name, MIN (percent, 100));
  fflush (stderr);
}

int
hs_cli_import (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  gboolean tty = isatty (STDERR_FILENO);
  gboolean skip_installed = FALSE;
  int status = 0;
  const GOptionEntry entries[] = {
    { "skip-installed", 0, 0, G_OPTION_ARG_NONE, &skip_installed,
      N_("Do not count a package whose version (or a newer one) is installed as a failure"), NULL },
    { NULL }
  };

  if (!hs_cli_parse ("import", N_("FILE…"), N_("Install course packages (zip, tar.gz, tar.xz, 7z) into the library."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("import", error->message);
  if (argc < 2)
    return hs_cli_usage_error ("import", _("name at least one package file"));

  library = hs_cli_open_library (&error);
  if (library == NULL)
    return hs_cli_fail (NULL, error);

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *name = g_filename_display_basename (argv[i]);
      g_autoptr(HsCourse) course = NULL;
      g_autoptr(GError) import_error = NULL;
      ImportProgress progress = { name, -1 };

      course = hs_library_import (library, argv[i],
                                  tty ? import_progress_cb : NULL, &progress,
                                  NULL, &import_error);
      if (tty && progress.last_percent >= 0)
        fprintf (stderr, "\r\033[K");

      if (course == NULL && skip_installed &&
          (g_error_matches (import_error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_ALREADY_INSTALLED) ||
           g_error_matches (import_error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_NEWER_INSTALLED)))
        {
          printf ("%s: %s\n", name, import_error->message);
          continue;
        }

      if (course == NULL)
        {
          hs_cli_fail (name, import_error);
          status = HS_CLI_EXIT_FAILURE;
          continue;
        }

      printf (ngettext ("Installed “%s” %s (%u lesson) from %s\n",
                        "Installed “%s” %s (%u lessons) from %s\n",
                        hs_course_get_n_lessons (course)),
              hs_course_get_title (course), hs_course_get_version (course),
              hs_course_get_n_lessons (course), name);
    }

  return status;
}

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
course_to_json (JsonBuilder *builder,
                HsCourse    *course)
{
  const char *audience[HS_N_ROLES + 1] = { NULL };
  guint n = 0;

  for (HsRole role = 0; role < HS_N_ROLES; role++)
    if (hs_course_get_audience (course) & (1u << role))
      audience[n++] = hs_role_to_string (role);

  json_builder_begin_object (builder);
  add_string (builder, "id", hs_course_get_id (course));
  add_string (builder, "version", hs_course_get_version (course));
  add_string (builder, "title", hs_course_get_title (course));
  add_string (builder, "package", hs_course_package_to_string (hs_course_get_package (course)));
  add_string (builder, "summary", hs_course_get_summary (course));
  add_string (builder, "language", hs_course_get_language (course));
  add_strv (builder, "audience", audience);
  add_strv (builder, "competences", hs_course_get_competences (course));
  json_builder_set_member_name (builder, "estimated_minutes");
  json_builder_add_int_value (builder, hs_course_get_estimated_minutes (course));
  json_builder_set_member_name (builder, "modules");
  json_builder_add_int_value (builder, g_list_model_get_n_items (G_LIST_MODEL (course)));
  json_builder_set_member_name (builder, "lessons");
  json_builder_add_int_value (builder, hs_course_get_n_lessons (course));
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, hs_course_get_size (course));
  add_string (builder, "installed", hs_course_get_installed (course));
  add_string (builder, "source", hs_course_get_source (course));
  add_string (builder, "path", hs_course_get_path (course));
  json_builder_end_object (builder);
}

int
hs_cli_list (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  guint id_width = strlen ("ID");

  if (!hs_cli_parse ("list", "", N_("List the installed courses with their versions and lesson counts."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("list", error->message);
  if (argc > 1)
    return hs_cli_usage_error ("list", _("this command takes no arguments"));

  library = hs_cli_open_library (&error);
  if (library == NULL)
    return hs_cli_fail (NULL, error);

  courses = hs_library_list (library, &error);
  if (courses == NULL)
    return hs_cli_fail (NULL, error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < courses->len; i++)
        course_to_json (builder, g_ptr_array_index (courses, i));
      json_builder_end_array (builder);
      hs_cli_print_json (builder);
      return 0;
    }

  if (courses->len == 0)
    {
      printf ("%s\n", _("No courses are installed. Install one with “hocso import FILE”."));
      return 0;
    }

  for (guint i = 0; i < courses->len; i++)
    id_width = MAX (id_width, (guint) g_utf8_strlen (hs_course_get_id (g_ptr_array_index (courses, i)), -1));

  {
    g_autofree char *h_id = hs_cli_pad (_("ID"), id_width);
    g_autofree char *h_version = hs_cli_pad (_("VERSION"), 10);
    g_autofree char *h_lessons = hs_cli_pad (_("LESSONS"), 8);

    printf ("%s  %s %s %s\n", h_id, h_version, h_lessons, _("TITLE"));
  }

  for (guint i = 0; i < courses->len; i++)
    {
      HsCourse *course = g_ptr_array_index (courses, i);
      g_autofree char *id = hs_cli_pad (hs_course_get_id (course), id_width);
      g_autofree char *version = hs_cli_pad (hs_course_get_version (course), 10);
      g_autofree char *count = g_strdup_printf ("%u", hs_course_get_n_lessons (course));
      g_autofree char *lessons = hs_cli_pad (count, 8);

      printf ("%s  %s %s %s\n", id, version, lessons, hs_course_get_title (course));
    }

  return 0;
}

int
hs_cli_remove (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsCourse) course = NULL;
  gboolean purge = FALSE;
  const GOptionEntry entries[] = {
    { "purge", 0, 0, G_OPTION_ARG_NONE, &purge,
      N_("Also delete every learner’s progress and records for the course"), NULL },
    { NULL }
  };

  if (!hs_cli_parse ("remove", N_("COURSE-ID"),
                     N_("Remove a course’s files. Learners’ progress is kept unless --purge is given."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("remove", error->message);
  if (argc != 2)
    return hs_cli_usage_error ("remove", _("name one course id"));

  library = hs_cli_open_library (&error);
  if (library == NULL)
    return hs_cli_fail (NULL, error);

  course = hs_library_get_course (library, argv[1], &error);
  if (course == NULL || !hs_library_remove (library, argv[1], purge, &error))
    return hs_cli_fail (NULL, error);

  if (purge)
    printf (_("Removed “%s” and everyone’s records of it.\n"), hs_course_get_title (course));
  else
    printf (_("Removed “%s”. Learners’ progress is kept.\n"), hs_course_get_title (course));
  return 0;
}
