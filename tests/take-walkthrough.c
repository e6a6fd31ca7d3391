/* take-walkthrough.c — takes the demo walkthrough's Test, for the CLI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   take-walkthrough DATA-DIR LEARNER right|mistakes
 *
 * Installs the demo walkthrough (tests/data/walkthrough-demo) as the course
 * vn.hocso.thuc-hanh when it is not installed yet, then takes its Test
 * through HsWalkthroughSession, as the practice page would: every step
 * right, or with the demo's mistakes (the scam link, a real-looking ID).
 * Prints the steps right first time over the steps scored.
 */
#include "config.h"

#include <locale.h>

#include "hs-test-fixtures.h"
#include "hs-walkthrough-session.h"

#define COURSE_ID "vn.hocso.thuc-hanh"

static const char * const right_actions[] = {
  "{\"tap\": {\"x\": 180, \"y\": 390}}",
  "{\"tap\": {\"x\": 180, \"y\": 600}}",
  "{\"text\": \"001 099 012 345\"}",
  "{\"text\": \"0912345678\"}",
  "{\"tap\": {\"x\": 180, \"y\": 650}}",
  "{\"choice\": \"b\"}",
  "{\"text\": \"246810\"}",
  "{\"text\": \"Hocso@2026\"}",
  "{\"text\": \"135790\"}",
  "{\"tap\": {\"x\": 180, \"y\": 630}}",
};

static JsonNode *
act (HsWalkthroughSession  *session,
     const char            *action,
     GError               **error)
{
  g_autoptr(JsonNode) node = json_from_string (action, NULL);

  return hs_walkthrough_session_act (session, node, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsProgress) progress = NULL;
  g_autoptr(HsLearner) learner = NULL;
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(HsWalkthroughSession) session = NULL;
  g_autoptr(JsonNode) started = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonObject *result;
  gboolean mistakes;

  setlocale (LC_ALL, "");
  if (argc != 4 || (!g_str_equal (argv[3], "right") && !g_str_equal (argv[3], "mistakes")))
    {
      g_printerr ("usage: take-walkthrough DATA-DIR LEARNER right|mistakes\n");
      return 2;
    }
  mistakes = g_str_equal (argv[3], "mistakes");

  if ((library = hs_library_new (argv[1], &error)) == NULL ||
      (progress = hs_progress_new (library),
       (learner = hs_progress_find_learner (progress, argv[2], &error)) == NULL))
    goto fail;

  course = hs_library_get_course (library, COURSE_ID, NULL);
  if (course == NULL)
    {
      g_autofree char *tmp = hs_test_make_tmp_dir ();
      g_autofree char *package = hs_test_make_walkthrough_package (tmp, COURSE_ID, NULL);
      g_autoptr(HsCourse) imported = hs_library_import (library, package, NULL, NULL, NULL, &error);

      hs_test_rm_rf (tmp);
      if (imported == NULL || (course = hs_library_get_course (library, COURSE_ID, &error)) == NULL)
        goto fail;
    }

  if ((session = hs_walkthrough_session_new (progress, learner, course,
                                             hs_course_find_lesson (course, "kich-hoat"), &error)) == NULL ||
      (started = hs_walkthrough_session_start (session, HS_WALKTHROUGH_MODE_TEST, &error)) == NULL)
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (right_actions); i++)
    {
      if (mistakes && i == 0)
        {
          g_autoptr(JsonNode) branch = act (session, "{\"tap\": {\"x\": 100, \"y\": 90}}", &error);
          g_autoptr(JsonNode) back = branch ? act (session, "{\"tap\": {\"x\": 180, \"y\": 630}}", &error) : NULL;

          if (back == NULL)
            goto fail;
        }
      if (mistakes && i == 2)
        {
          g_autoptr(JsonNode) guard = act (session, "{\"text\": \"079203004567\"}", &error);

          if (guard == NULL)
            goto fail;
        }
      g_clear_pointer (&reply, json_node_unref);
      if ((reply = act (session, right_actions[i], &error)) == NULL)
        goto fail;
    }

  result = json_object_get_object_member (json_object_get_object_member (json_node_get_object (reply), "view"),
                                          "result");
  g_print ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\n", json_object_get_int_member (result, "right"),
           json_object_get_int_member (result, "total"));
  return 0;

fail:
  g_printerr ("take-walkthrough: %s\n", error->message);
  return 1;
}
