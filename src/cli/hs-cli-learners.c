/* hs-cli-learners.c — hocso learner, progress and record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "hs-cli.h"

static void
learner_to_json (JsonBuilder *builder,
                 HsLearner   *learner)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, hs_learner_get_uuid (learner));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, hs_learner_get_name (learner));
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, hs_role_to_string (hs_learner_get_role (learner)));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, hs_learner_get_created (learner));
}

static int
learner_add (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsProgress) progress = NULL;
  g_autoptr(HsLearner) learner = NULL;
  g_autofree char *role_name = NULL;
  HsRole role;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name,
      N_("The learner’s role group: manager, teacher or staff"), N_("ROLE") },
    { NULL }
  };

  if (!hs_cli_parse ("learner add", N_("NAME --role ROLE"), N_("Add a learner on this PC."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("learner", error->message);
  if (argc != 2)
    return hs_cli_usage_error ("learner", _("give the learner’s name in quotes, e.g. \"Nguyễn Thị Lan\""));
  if (role_name == NULL)
    return hs_cli_usage_error ("learner", _("choose a role with --role manager, --role teacher or --role staff"));
  if (!hs_role_from_string (role_name, &role))
    return hs_cli_usage_error ("learner", _("the role must be manager, teacher or staff"));

  library = hs_cli_open_library (&error);
  if (library == NULL)
    return hs_cli_fail (NULL, error);
  progress = hs_progress_new (library);

  learner = hs_progress_add_learner (progress, argv[1], role, &error);
  if (learner == NULL)
    return hs_cli_fail (NULL, error);

  printf (_("Added %s (%s).\n"), hs_learner_get_name (learner), hs_role_get_label (role));
  return 0;
}

static int
learner_list (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsProgress) progress = NULL;
  g_autoptr(GPtrArray) learners = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!hs_cli_parse ("learner list", "", N_("List the learners on this PC."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("learner", error->message);
  if (argc > 1)
    return hs_cli_usage_error ("learner", _("this command takes no arguments"));

  library = hs_cli_open_library (&error);
  if (library == NULL)
    return hs_cli_fail (NULL, error);
  progress = hs_progress_new (library);

  learners = hs_progress_list_learners (progress, &error);
  if (learners == NULL)
    return hs_cli_fail (NULL, error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < learners->len; i++)
        {
          json_builder_begin_object (builder);
          learner_to_json (builder, g_ptr_array_index (learners, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      hs_cli_print_json (builder);
      return 0;
    }

  if (learners->len == 0)
    printf ("%s\n", _("No learners yet. Add one with “hocso learner add NAME --role ROLE”."));

  for (guint i = 0; i < learners->len; i++)
    {
      HsLearner *learner = g_ptr_array_index (learners, i);
      g_autofree char *name = hs_cli_pad (hs_learner_get_name (learner), 30);

      printf ("%s %s\n", name, hs_role_get_label (hs_learner_get_role (learner)));
    }

  return 0;
}

int
hs_cli_learner (int    argc,
                char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return learner_add (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return learner_list (argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n  hocso learner add %s\n  hocso learner list [--json]\n",
              _("Usage:"), _("NAME --role manager|teacher|staff"));
      return 0;
    }

  return hs_cli_usage_error ("learner", _("use “hocso learner add” or “hocso learner list”"));
}

static const char *
status_label (HsLessonStatus status)
{
  switch (status)
    {
    case HS_LESSON_STATUS_COMPLETED:
      return _("completed");
    case HS_LESSON_STATUS_IN_PROGRESS:
      return _("in progress");
    case HS_LESSON_STATUS_NOT_STARTED:
    default:
      return _("not started");
    }
}

static gboolean
print_learner (HsProgress   *progress,
               HsLearner    *learner,
               GPtrArray    *courses,
               JsonBuilder  *builder,
               GError      **error)
{
  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "learner");
      json_builder_begin_object (builder);
      learner_to_json (builder, learner);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "courses");
      json_builder_begin_array (builder);
    }
  else
    printf ("%s (%s)\n", hs_learner_get_name (learner), hs_role_get_label (hs_learner_get_role (learner)));

  for (guint c = 0; c < courses->len; c++)
    {
      HsCourse *course = g_ptr_array_index (courses, c);
      g_autoptr(GPtrArray) lessons = NULL;
      g_auto(HsCourseProgress) summary = { 0 };

      lessons = hs_progress_get_lessons (progress, learner, course, error);
      if (lessons == NULL || !hs_progress_get_course (progress, learner, course, &summary, error))
        return FALSE;

      if (builder != NULL)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, hs_course_get_id (course));
          json_builder_set_member_name (builder, "version");
          json_builder_add_string_value (builder, hs_course_get_version (course));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, hs_course_get_title (course));
          json_builder_set_member_name (builder, "complete");
          json_builder_add_boolean_value (builder, summary.complete);
          json_builder_set_member_name (builder, "completed");
          if (summary.completed != NULL)
            json_builder_add_string_value (builder, summary.completed);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "lessons_completed");
          json_builder_add_int_value (builder, summary.n_completed);
          json_builder_set_member_name (builder, "lessons_total");
          json_builder_add_int_value (builder, summary.n_lessons);
          json_builder_set_member_name (builder, "required_completed");
          json_builder_add_int_value (builder, summary.n_required_completed);
          json_builder_set_member_name (builder, "required_total");
          json_builder_add_int_value (builder, summary.n_required);
          json_builder_set_member_name (builder, "lessons");
          json_builder_begin_array (builder);
        }
      else
        {
          printf ("  %s (%s) — ", hs_course_get_title (course), hs_course_get_id (course));
          printf (ngettext ("%u of %u lesson completed", "%u of %u lessons completed", summary.n_lessons),
                  summary.n_completed, summary.n_lessons);
          if (summary.complete)
            printf (" · %s", _("COURSE COMPLETE"));
          printf ("\n");
        }

      for (guint i = 0; i < lessons->len; i++)
        {
          HsLessonProgress *p = g_ptr_array_index (lessons, i);
          HsLesson *lesson = hs_course_find_lesson (course, p->lesson_id);

          if (builder != NULL)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_string_value (builder, p->lesson_id);
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, hs_lesson_get_title (lesson));
              json_builder_set_member_name (builder, "status");
              json_builder_add_string_value (builder, hs_lesson_status_to_string (p->status));
              json_builder_set_member_name (builder, "fraction");
              json_builder_add_double_value (builder, p->fraction);
              json_builder_set_member_name (builder, "location");
              if (p->location != NULL)
                json_builder_add_string_value (builder, p->location);
              else
                json_builder_add_null_value (builder);
              json_builder_set_member_name (builder, "updated");
              if (p->updated != NULL)
                json_builder_add_string_value (builder, p->updated);
              else
                json_builder_add_null_value (builder);
              json_builder_end_object (builder);
            }
          else
            {
              const char *mark = p->status == HS_LESSON_STATUS_COMPLETED ? "[x]"
                               : p->status == HS_LESSON_STATUS_IN_PROGRESS ? "[~]" : "[ ]";
              g_autofree char *title = hs_cli_pad (hs_lesson_get_title (lesson), 40);

              printf ("    %s %s %s", mark, title, status_label (p->status));
              if (p->status == HS_LESSON_STATUS_IN_PROGRESS && p->fraction > 0)
                printf (" (%d%%)", (int) (p->fraction * 100 + 0.5));
              printf ("\n");
            }
        }

      if (builder != NULL)
        {
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }

  if (builder != NULL)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  return TRUE;
}

int
hs_cli_progress (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsProgress) progress = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GPtrArray) learners = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *name = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "learner", 0, 0, G_OPTION_ARG_STRING, &name, N_("Only this learner"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!hs_cli_parse ("progress", "", N_("Show each learner’s progress per course and lesson."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("progress", error->message);
  if (argc > 1)
    return hs_cli_usage_error ("progress", _("this command takes no arguments"));

  library = hs_cli_open_library (&error);
  if (library == NULL)
    return hs_cli_fail (NULL, error);
  progress = hs_progress_new (library);

  courses = hs_library_list (library, &error);
  if (courses == NULL)
    return hs_cli_fail (NULL, error);

  if (name != NULL)
    {
      HsLearner *learner = hs_progress_find_learner (progress, name, &error);

      if (learner == NULL)
        return hs_cli_fail (NULL, error);
      learners = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (learners, learner);
    }
  else if ((learners = hs_progress_list_learners (progress, &error)) == NULL)
    return hs_cli_fail (NULL, error);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  else if (learners->len == 0)
    printf ("%s\n", _("No learners yet. Add one with “hocso learner add NAME --role ROLE”."));

  for (guint i = 0; i < learners->len; i++)
    if (!print_learner (progress, g_ptr_array_index (learners, i), courses, builder, &error))
      return hs_cli_fail (NULL, error);

  if (builder != NULL)
    {
      json_builder_end_array (builder);
      hs_cli_print_json (builder);
    }
  return 0;
}

int
hs_cli_record (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsProgress) progress = NULL;
  g_autoptr(HsLearner) learner = NULL;
  g_autofree char *location = NULL;
  double fraction = 0;
  HsVerb verb;
  const GOptionEntry entries[] = {
    { "fraction", 0, 0, G_OPTION_ARG_DOUBLE, &fraction, N_("How far through the lesson, 0 to 1 (with “progressed”)"), N_("FRACTION") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Where to resume the lesson"), N_("TEXT") },
    { NULL }
  };

  if (!hs_cli_parse ("record", N_("LEARNER COURSE-ID LESSON-ID opened|progressed|completed"),
                     N_("Record what a learner did with a lesson (for scripts and tests)."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("record", error->message);
  if (argc != 5)
    return hs_cli_usage_error ("record", _("give a learner, a course id, a lesson id and an action"));
  if (!hs_verb_from_string (argv[4], &verb))
    return hs_cli_usage_error ("record", _("the action must be opened, progressed or completed"));

  library = hs_cli_open_library (&error);
  if (library == NULL)
    return hs_cli_fail (NULL, error);
  progress = hs_progress_new (library);

  learner = hs_progress_find_learner (progress, argv[1], &error);
  if (learner == NULL ||
      !hs_progress_record (progress, learner, argv[2], argv[3], verb, fraction, location, &error))
    return hs_cli_fail (NULL, error);

  return 0;
}
