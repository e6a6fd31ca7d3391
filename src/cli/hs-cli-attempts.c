/* hs-cli-attempts.c — `hocso attempts`: every quiz attempt and practice test with its score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-cli.h"

/* "2026-11-25T16:04:05.123Z" as the local date and time, to the minute. */
static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* What was attempted, in words: a quiz, or the Test of a walkthrough. */
static const char *
kind_word (JsonObject *attempt)
{
  const char *kind = json_object_get_string_member_with_default (attempt, "kind", NULL);

  if (g_strcmp0 (kind, "walkthrough") == 0)
    return g_strcmp0 (json_object_get_string_member_with_default (attempt, "mode", NULL), "test") == 0 ?
           _("practice test") : _("practice");
  return _("quiz");
}

static const char *
result_word (JsonObject *attempt)
{
  JsonNode *passed = json_object_get_member (attempt, "passed");

  if (json_object_get_null_member (attempt, "finished"))
    return _("unfinished");
  if (g_strcmp0 (json_object_get_string_member_with_default (attempt, "ended_by", NULL), "time_limit") == 0)
    return json_node_get_boolean (passed) ? _("passed (time ran out)") : _("not passed (time ran out)");
  return json_node_get_boolean (passed) ? _("passed") : _("not passed");
}

int
hs_cli_attempts (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsProgress) progress = NULL;
  g_autoptr(HsLearner) learner = NULL;
  g_autoptr(JsonNode) attempts = NULL;
  g_autofree char *name = NULL;
  g_autofree char *course_id = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "learner", 0, 0, G_OPTION_ARG_STRING, &name, N_("Only this learner"), N_("NAME") },
    { "course", 0, 0, G_OPTION_ARG_STRING, &course_id, N_("Only this course"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON, with every response"), NULL },
    { NULL }
  };
  guint name_width = g_utf8_strlen (_("LEARNER"), -1);
  guint lesson_width = g_utf8_strlen (_("LESSON"), -1);
  guint kind_width = g_utf8_strlen (_("KIND"), -1);
  JsonArray *list;

  if (!hs_cli_parse ("attempts", "", N_("List quiz attempts and practice tests with their scores, oldest first."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("attempts", error->message);
  if (argc > 1)
    return hs_cli_usage_error ("attempts", _("this command takes no arguments"));

  library = hs_cli_open_library (&error);
  if (library == NULL)
    return hs_cli_fail (NULL, error);
  progress = hs_progress_new (library);

  if (name != NULL && (learner = hs_progress_find_learner (progress, name, &error)) == NULL)
    return hs_cli_fail (NULL, error);

  attempts = hs_progress_list_attempts (progress, learner, course_id, &error);
  if (attempts == NULL)
    return hs_cli_fail (NULL, error);

  if (json)
    {
      hs_cli_print_json_node (attempts);
      return 0;
    }

  list = json_node_get_array (attempts);
  if (json_array_get_length (list) == 0)
    {
      printf ("%s\n", _("No attempts yet."));
      return 0;
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *attempt = json_array_get_object_element (list, i);
      g_autofree char *lesson = g_strdup_printf ("%s/%s", json_object_get_string_member (attempt, "course"),
                                                 json_object_get_string_member (attempt, "lesson"));

      name_width = MAX (name_width, (guint) g_utf8_strlen (json_object_get_string_member (attempt, "learner"), -1));
      lesson_width = MAX (lesson_width, (guint) g_utf8_strlen (lesson, -1));
      kind_width = MAX (kind_width, (guint) g_utf8_strlen (kind_word (attempt), -1));
    }

  {
    g_autofree char *h_learner = hs_cli_pad (_("LEARNER"), name_width);
    g_autofree char *h_lesson = hs_cli_pad (_("LESSON"), lesson_width);
    g_autofree char *h_started = hs_cli_pad (_("STARTED"), 16);
    g_autofree char *h_kind = hs_cli_pad (_("KIND"), kind_width);
    g_autofree char *h_score = hs_cli_pad (_("SCORE"), 7);
    g_autofree char *h_answered = hs_cli_pad (_("ANSWERED"), 9);

    printf ("%s  %s  %s  %s  %s %s %s\n", h_learner, h_lesson, h_started, h_kind, h_score, h_answered,
            _("RESULT"));
  }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *attempt = json_array_get_object_element (list, i);
      g_autofree char *lesson_text = g_strdup_printf ("%s/%s", json_object_get_string_member (attempt, "course"),
                                                      json_object_get_string_member (attempt, "lesson"));
      g_autofree char *learner_col = hs_cli_pad (json_object_get_string_member (attempt, "learner"), name_width);
      g_autofree char *lesson_col = hs_cli_pad (lesson_text, lesson_width);
      g_autofree char *started_text = local_time (json_object_get_string_member (attempt, "started"));
      g_autofree char *started_col = hs_cli_pad (started_text, 16);
      g_autofree char *kind_col = hs_cli_pad (kind_word (attempt), kind_width);
      g_autofree char *score_text = json_object_get_null_member (attempt, "score") ? g_strdup ("–") :
        g_strdup_printf ("%.0f%%", 100 * json_object_get_double_member (attempt, "score"));
      g_autofree char *score_col = hs_cli_pad (score_text, 7);
      g_autofree char *answered_text = g_strdup_printf ("%u/%" G_GINT64_FORMAT,
                                                        json_array_get_length (json_object_get_array_member (attempt, "responses")),
                                                        json_object_get_int_member (attempt, "items"));
      g_autofree char *answered_col = hs_cli_pad (answered_text, 9);

      printf ("%s  %s  %s  %s  %s %s %s\n", learner_col, lesson_col, started_col, kind_col, score_col,
              answered_col, result_word (attempt));
    }

  return 0;
}
