/* test-scorm-session.c — hs-scorm-session: launch data, commits, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SCORM 1.2 and a SCORM 2004 package are made and imported here; each
 * test launches their SCOs and commits data models shaped as scorm-again
 * renders them, then reads what was kept.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-library.h"
#include "hs-scorm-session.h"
#include "hs-test-fixtures.h"

#define NS_12 \
  "xmlns='http://www.imsproject.org/xsd/imscp_rootv1p1p2' " \
  "xmlns:adlcp='http://www.adlnet.org/xsd/adlcp_rootv1p2'"
#define NS_2004 \
  "xmlns='http://www.imsglobal.org/xsd/imscp_v1p1' " \
  "xmlns:adlcp='http://www.adlnet.org/xsd/adlcp_v1p3' " \
  "xmlns:imsss='http://www.imsglobal.org/xsd/imsss'"

static const char manifest_12[] =
  "<?xml version='1.0' encoding='UTF-8'?>\n"
  "<manifest identifier='vn.test.scorm12' version='1.0' " NS_12 ">\n"
  "  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n"
  "  <organizations default='ORG'><organization identifier='ORG'><title>Khoá 1.2</title>\n"
  "    <item identifier='bai-1' identifierref='R1'><title>Bài một</title>\n"
  "      <adlcp:masteryscore>80</adlcp:masteryscore>\n"
  "      <adlcp:datafromlms>chuong=2</adlcp:datafromlms>\n"
  "      <adlcp:maxtimeallowed>0000:30:00</adlcp:maxtimeallowed>\n"
  "      <adlcp:timelimitaction>continue,no message</adlcp:timelimitaction>\n"
  "    </item>\n"
  "    <item identifier='bai-2' identifierref='R2'><title>Bài hai</title></item>\n"
  "    <item identifier='tai-lieu' identifierref='R3'><title>Tài liệu</title></item>\n"
  "  </organization></organizations>\n"
  "  <resources>\n"
  "    <resource identifier='R1' type='webcontent' adlcp:scormtype='sco' href='mot.html'/>\n"
  "    <resource identifier='R2' type='webcontent' adlcp:scormtype='sco' href='hai.html'/>\n"
  "    <resource identifier='R3' type='webcontent' href='tai-lieu.html'/>\n"
  "  </resources>\n"
  "</manifest>\n";

static const char manifest_2004[] =
  "<?xml version='1.0' encoding='UTF-8'?>\n"
  "<manifest identifier='vn.test.scorm2004' version='1.0' " NS_2004 ">\n"
  "  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>\n"
  "  <organizations default='ORG'><organization identifier='ORG'><title>Khoá 2004</title>\n"
  "    <item identifier='bai-1' identifierref='R1'><title>Bài một</title>\n"
  "      <adlcp:completionThreshold completedByMeasure='true' minProgressMeasure='0.75'/>\n"
  "      <imsss:sequencing><imsss:objectives>\n"
  "        <imsss:primaryObjective objectiveID='p1' satisfiedByMeasure='true'>\n"
  "          <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>\n"
  "        </imsss:primaryObjective>\n"
  "      </imsss:objectives></imsss:sequencing>\n"
  "    </item>\n"
  "    <item identifier='bai-2' identifierref='R2'><title>Bài hai</title></item>\n"
  "  </organization></organizations>\n"
  "  <resources>\n"
  "    <resource identifier='R1' type='webcontent' adlcp:scormType='sco' href='mot.html'/>\n"
  "    <resource identifier='R2' type='webcontent' adlcp:scormType='sco' href='hai.html'/>\n"
  "  </resources>\n"
  "</manifest>\n";

static const char * const files_12[] = {
  "mot.html", "<!doctype html><title>Một</title>",
  "hai.html", "<!doctype html><title>Hai</title>",
  "tai-lieu.html", "<!doctype html><title>Tài liệu</title>",
  NULL
};

static const char * const files_2004[] = {
  "mot.html", "<!doctype html><title>Một</title>",
  "hai.html", "<!doctype html><title>Hai</title>",
  NULL
};

typedef struct {
  char       *tmp;
  HsLibrary  *library;
  HsProgress *progress;
  HsLearner  *lan;
  HsLearner  *minh;
  HsCourse   *c12;
  HsCourse   *c2004;
  char       *p12;       /* the SCORM 1.2 package, to install again */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *p2004 = NULL;

  f->tmp = hs_test_make_tmp_dir ();
  data_dir = g_build_filename (f->tmp, "data", NULL);
  f->library = hs_library_new (data_dir, &error);
  g_assert_no_error (error);
  f->p12 = hs_test_make_scorm_package (f->tmp, "scorm12", manifest_12, files_12);
  p2004 = hs_test_make_scorm_package (f->tmp, "scorm2004", manifest_2004, files_2004);
  f->c12 = hs_library_import (f->library, f->p12, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->c2004 = hs_library_import (f->library, p2004, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->progress = hs_progress_new (f->library);
  f->lan = hs_progress_add_learner (f->progress, "Nguyễn Thị Lan", HS_ROLE_TEACHER, &error);
  g_assert_no_error (error);
  f->minh = hs_progress_add_learner (f->progress, "Minh", HS_ROLE_STAFF, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->lan);
  g_clear_object (&f->minh);
  g_clear_object (&f->c12);
  g_clear_object (&f->c2004);
  g_assert_finalize_object (f->progress);
  g_assert_finalize_object (f->library);
  hs_test_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->p12);
}

static HsScormSession *
session (Fixture    *f,
         HsLearner  *learner,
         HsCourse   *course,
         const char *lesson_id)
{
  g_autoptr(GError) error = NULL;
  HsScormSession *s = hs_scorm_session_new (f->progress, learner, course,
                                            hs_course_find_lesson (course, lesson_id), &error);

  g_assert_no_error (error);
  return s;
}

/* Launches a session and returns its "cmi" object; @keep holds it. */
static JsonObject *
launch (HsScormSession  *s,
        JsonNode       **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = hs_scorm_session_launch (s, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*keep));
  return json_object_get_object_member (json_node_get_object (*keep), "cmi");
}

static void
commit (HsScormSession *s,
        const char     *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_scorm_session_commit (s, json, FALSE, &error));
  g_assert_no_error (error);
}

static const char *
text_at (JsonObject *object,
         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i + 1] != NULL; i++)
    {
      if (object == NULL || !json_object_has_member (object, parts[i]))
        return NULL;
      object = json_object_get_object_member (object, parts[i]);
    }
  if (object == NULL || !json_object_has_member (object, parts[g_strv_length (parts) - 1]))
    return NULL;
  return json_object_get_string_member (object, parts[g_strv_length (parts) - 1]);
}

static HsLessonProgress *
state_of (Fixture    *f,
          HsLearner  *learner,
          HsCourse   *course,
          const char *lesson_id)
{
  g_autoptr(GError) error = NULL;
  HsLessonProgress *p = hs_progress_get_lesson (f->progress, learner, hs_course_get_id (course), lesson_id, &error);

  g_assert_no_error (error);
  return p;
}

/* One value of the database, as text ("" for NULL). */
static char *
query (Fixture    *f,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  HsStore *store = hs_progress_get_store (f->progress);
  sqlite3_stmt *stmt = hs_store_query (store, &error, sql, NULL);
  char *text = NULL;

  g_assert_no_error (error);
  if (hs_store_step (store, stmt, &error) == SQLITE_ROW)
    text = g_strdup (sqlite3_column_text (stmt, 0) ? (const char *) sqlite3_column_text (stmt, 0) : "");
  g_assert_no_error (error);
  sqlite3_reset (stmt);
  return text ? text : g_strdup ("");
}

static void
test_time (void)
{
  const struct {
    HsCoursePackage  package;
    const char      *text;
    double           seconds;   /* NAN: refused */
  } cases[] = {
    { HS_COURSE_PACKAGE_SCORM_12, "00:00:00", 0 },
    { HS_COURSE_PACKAGE_SCORM_12, "00:01:30.5", 90.5 },
    { HS_COURSE_PACKAGE_SCORM_12, "0002:03:04.25", 7384.25 },
    { HS_COURSE_PACKAGE_SCORM_12, "9999:59:59.99", 35999999.99 },
    { HS_COURSE_PACKAGE_SCORM_12, "1:00:00", NAN },
    { HS_COURSE_PACKAGE_SCORM_12, "00:60:00", NAN },
    { HS_COURSE_PACKAGE_SCORM_12, "00:00:60", NAN },
    { HS_COURSE_PACKAGE_SCORM_12, "00:00:10.", NAN },
    { HS_COURSE_PACKAGE_SCORM_12, "PT10S", NAN },
    { HS_COURSE_PACKAGE_SCORM_12, "", NAN },
    { HS_COURSE_PACKAGE_SCORM_2004, "PT1M2.5S", 62.5 },
    { HS_COURSE_PACKAGE_SCORM_2004, "PT0S", 0 },
    { HS_COURSE_PACKAGE_SCORM_2004, "P1DT2H", 93600 },
    { HS_COURSE_PACKAGE_SCORM_2004, "PT2H30M", 9000 },
    { HS_COURSE_PACKAGE_SCORM_2004, "P1M", 30 * 86400.0 },
    { HS_COURSE_PACKAGE_SCORM_2004, "P1Y", 365 * 86400.0 },
    { HS_COURSE_PACKAGE_SCORM_2004, "PT", NAN },
    { HS_COURSE_PACKAGE_SCORM_2004, "P", NAN },
    { HS_COURSE_PACKAGE_SCORM_2004, "PT30S10M", NAN },
    { HS_COURSE_PACKAGE_SCORM_2004, "PT1.5M", NAN },
    { HS_COURSE_PACKAGE_SCORM_2004, "-PT1S", NAN },
    { HS_COURSE_PACKAGE_SCORM_2004, "00:01:00", NAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double seconds = -1;
      gboolean ok = hs_scorm_parse_time (cases[i].package, cases[i].text, &seconds);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ok, ==, !isnan (cases[i].seconds));
      if (ok)
        g_assert_cmpfloat_with_epsilon (seconds, cases[i].seconds, 1e-6);
    }
  {
    double seconds = 0;
    g_assert_false (hs_scorm_parse_time (HS_COURSE_PACKAGE_SCORM_12, NULL, &seconds));
  }

  {
    const struct {
      HsCoursePackage  package;
      double           seconds;
      const char      *text;
    } formats[] = {
      { HS_COURSE_PACKAGE_SCORM_12, 0, "00:00:00.00" },
      { HS_COURSE_PACKAGE_SCORM_12, 90.5, "00:01:30.50" },
      { HS_COURSE_PACKAGE_SCORM_12, 7384.256, "02:03:04.26" },
      { HS_COURSE_PACKAGE_SCORM_12, 40000000, "9999:59:59.99" },
      { HS_COURSE_PACKAGE_SCORM_2004, 0, "PT0S" },
      { HS_COURSE_PACKAGE_SCORM_2004, 62.5, "PT1M2.50S" },
      { HS_COURSE_PACKAGE_SCORM_2004, 3600, "PT1H" },
      { HS_COURSE_PACKAGE_SCORM_2004, 93784, "PT26H3M4S" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_autofree char *text = hs_scorm_format_time (formats[i].package, formats[i].seconds);
        double back;

        g_assert_cmpstr (text, ==, formats[i].text);
        /* What is written reads back. */
        g_assert_true (hs_scorm_parse_time (formats[i].package, text, &back));
      }
  }
}

static void
test_learner_name (void)
{
  const char *cases[][2] = {
    { "Nguyễn Thị Lan", "Nguyễn, Thị Lan" },
    { "  Trần   Văn Đức ", "Trần, Văn Đức" },
    { "Minh", "Minh" },
    { "Lê, Hoa", "Lê, Hoa" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = hs_scorm_learner_name (cases[i][0]);
      g_assert_cmpstr (name, ==, cases[i][1]);
    }
}

static void
test_foreign_elements (void)
{
  const struct {
    HsCoursePackage  package;
    const char      *element;
    gboolean         foreign;
  } cases[] = {
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.completion_status", TRUE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.success_status", TRUE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.location", TRUE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.score.scaled", TRUE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.session_time", TRUE },
    { HS_COURSE_PACKAGE_SCORM_12, "adl.nav.request", TRUE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.interactions.0.learner_response", TRUE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.core.lesson_status", FALSE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.core.session_time", FALSE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.suspend_data", FALSE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.comments_from_lms", FALSE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.interactions.0.student_response", FALSE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.interactions._count", FALSE },
    { HS_COURSE_PACKAGE_SCORM_12, "cmi.objectives.0.id", FALSE },
    { HS_COURSE_PACKAGE_SCORM_2004, "cmi.core.lesson_status", TRUE },
    { HS_COURSE_PACKAGE_SCORM_2004, "cmi.student_data.mastery_score", TRUE },
    { HS_COURSE_PACKAGE_SCORM_2004, "cmi.comments", TRUE },
    { HS_COURSE_PACKAGE_SCORM_2004, "cmi.interactions.3.student_response", TRUE },
    { HS_COURSE_PACKAGE_SCORM_2004, "cmi.objectives.0.status", TRUE },
    { HS_COURSE_PACKAGE_SCORM_2004, "cmi.completion_status", FALSE },
    { HS_COURSE_PACKAGE_SCORM_2004, "cmi.comments_from_learner.0.comment", FALSE },
    { HS_COURSE_PACKAGE_SCORM_2004, "cmi.suspend_data", FALSE },
    { HS_COURSE_PACKAGE_SCORM_2004, "cmi.interactions.0.learner_response", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].element);
      g_assert_cmpint (hs_scorm_element_is_foreign (cases[i].package, cases[i].element), ==, cases[i].foreign);
    }
  g_assert_false (hs_scorm_element_is_foreign (HS_COURSE_PACKAGE_SCORM_12, NULL));
}

/* Reads @json (a "cmi" object) as the lesson of @scorm would. */
static void
read_outcome (HsCoursePackage      package,
              const HsLessonScorm *scorm,
              const char          *json,
              HsScormOutcome      *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (hs_scorm_read_cmi (package, scorm, json_node_get_object (node), out));
}

static void
test_read_12 (void)
{
  g_autoptr(HsLessonScorm) mastery = hs_lesson_scorm_new ();
  const struct {
    const char     *cmi;
    gboolean        with_mastery;
    gboolean        completed;
    HsScormSuccess  success;
    double          score;
  } cases[] = {
    { "{\"core\":{\"lesson_status\":\"passed\"}}", FALSE, TRUE, HS_SCORM_SUCCESS_PASSED, NAN },
    { "{\"core\":{\"lesson_status\":\"completed\"}}", FALSE, TRUE, HS_SCORM_SUCCESS_UNKNOWN, NAN },
    { "{\"core\":{\"lesson_status\":\"failed\"}}", FALSE, FALSE, HS_SCORM_SUCCESS_FAILED, NAN },
    { "{\"core\":{\"lesson_status\":\"incomplete\"}}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN },
    { "{\"core\":{\"lesson_status\":\"browsed\"}}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN },
    { "{\"core\":{\"lesson_status\":\"not attempted\"}}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN },
    { "{\"core\":{\"lesson_status\":\"\"}}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN },
    { "{}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN },
    /* Scores: min and max default to 0 and 100. */
    { "{\"core\":{\"lesson_status\":\"completed\",\"score\":{\"raw\":\"85\",\"min\":\"\",\"max\":\"\"}}}",
      FALSE, TRUE, HS_SCORM_SUCCESS_UNKNOWN, 0.85 },
    { "{\"core\":{\"lesson_status\":\"completed\",\"score\":{\"raw\":\"15\",\"min\":\"0\",\"max\":\"20\"}}}",
      FALSE, TRUE, HS_SCORM_SUCCESS_UNKNOWN, 0.75 },
    { "{\"core\":{\"lesson_status\":\"completed\",\"score\":{\"raw\":\"150\"}}}",
      FALSE, TRUE, HS_SCORM_SUCCESS_UNKNOWN, 1.0 },
    { "{\"core\":{\"lesson_status\":\"completed\",\"score\":{\"raw\":\"abc\"}}}",
      FALSE, TRUE, HS_SCORM_SUCCESS_UNKNOWN, NAN },
    { "{\"core\":{\"lesson_status\":\"completed\",\"score\":{\"raw\":85}}}",
      FALSE, TRUE, HS_SCORM_SUCCESS_UNKNOWN, 0.85 },
    /* The mastery score (80) judges a finished SCO by its raw score. */
    { "{\"core\":{\"lesson_status\":\"completed\",\"score\":{\"raw\":\"85\"}}}", TRUE, TRUE, HS_SCORM_SUCCESS_PASSED, 0.85 },
    { "{\"core\":{\"lesson_status\":\"completed\",\"score\":{\"raw\":\"70\"}}}", TRUE, FALSE, HS_SCORM_SUCCESS_FAILED, 0.70 },
    { "{\"core\":{\"lesson_status\":\"passed\",\"score\":{\"raw\":\"70\"}}}", TRUE, FALSE, HS_SCORM_SUCCESS_FAILED, 0.70 },
    { "{\"core\":{\"lesson_status\":\"failed\",\"score\":{\"raw\":\"80\"}}}", TRUE, TRUE, HS_SCORM_SUCCESS_PASSED, 0.80 },
    /* …but not one still under way. */
    { "{\"core\":{\"lesson_status\":\"incomplete\",\"score\":{\"raw\":\"90\"}}}", TRUE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, 0.90 },
    { "{\"core\":{\"lesson_status\":\"passed\"}}", TRUE, TRUE, HS_SCORM_SUCCESS_PASSED, NAN },
    /* Anything but text is not what the run-time sends; it is ignored. */
    { "{\"core\":{\"lesson_status\":[\"passed\"]}}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN },
    { "{\"core\":\"passed\"}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN },
  };

  mastery->mastery_score = 80;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(HsScormOutcome) out = { 0 };

      g_test_message ("%s", cases[i].cmi);
      read_outcome (HS_COURSE_PACKAGE_SCORM_12, cases[i].with_mastery ? mastery : NULL, cases[i].cmi, &out);
      g_assert_cmpint (out.completed, ==, cases[i].completed);
      g_assert_cmpint (out.success, ==, cases[i].success);
      if (isnan (cases[i].score))
        g_assert_true (isnan (out.score));
      else
        g_assert_cmpfloat_with_epsilon (out.score, cases[i].score, 1e-9);
      g_assert_true (isnan (out.progress));
    }

  {
    g_auto(HsScormOutcome) out = { 0 };

    read_outcome (HS_COURSE_PACKAGE_SCORM_12, NULL,
                  "{\"core\":{\"session_time\":\"00:02:05.5\",\"lesson_location\":\"trang-3\"},"
                  "\"suspend_data\":\"Tiếng Việt\"}", &out);
    g_assert_cmpfloat_with_epsilon (out.session_seconds, 125.5, 1e-9);
    g_assert_cmpstr (out.location, ==, "trang-3");
    g_assert_cmpint (out.suspend_chars, ==, 10);
  }
}

static void
test_read_2004 (void)
{
  g_autoptr(HsLessonScorm) measured = hs_lesson_scorm_new ();
  const struct {
    const char     *cmi;
    gboolean        with_measures;
    gboolean        completed;
    HsScormSuccess  success;
    double          score;
    double          progress;
  } cases[] = {
    { "{\"completion_status\":\"completed\",\"success_status\":\"unknown\"}", FALSE, TRUE, HS_SCORM_SUCCESS_UNKNOWN, NAN, NAN },
    { "{\"completion_status\":\"incomplete\",\"success_status\":\"passed\"}", FALSE, TRUE, HS_SCORM_SUCCESS_PASSED, NAN, NAN },
    { "{\"completion_status\":\"completed\",\"success_status\":\"failed\"}", FALSE, FALSE, HS_SCORM_SUCCESS_FAILED, NAN, NAN },
    { "{\"completion_status\":\"not attempted\"}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN, NAN },
    { "{\"completion_status\":\"unknown\"}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN, NAN },
    { "{\"score\":{\"scaled\":\"0.5\",\"raw\":\"9\",\"max\":\"10\"}}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, 0.5, NAN },
    { "{\"score\":{\"scaled\":\"-0.5\"}}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, 0, NAN },
    { "{\"score\":{\"scaled\":\"\",\"raw\":\"9\",\"max\":\"10\"}}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, 0.9, NAN },
    { "{\"progress_measure\":\"0.4\"}", FALSE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN, 0.4 },
    /* With the manifest's measures (threshold 0.75, passing score 0.6),
     * the LMS judges. */
    { "{\"completion_status\":\"incomplete\",\"progress_measure\":\"0.8\"}", TRUE, TRUE, HS_SCORM_SUCCESS_UNKNOWN, NAN, 0.8 },
    { "{\"completion_status\":\"completed\",\"progress_measure\":\"0.5\"}", TRUE, FALSE, HS_SCORM_SUCCESS_UNKNOWN, NAN, 0.5 },
    { "{\"completion_status\":\"completed\"}", TRUE, TRUE, HS_SCORM_SUCCESS_UNKNOWN, NAN, NAN },
    { "{\"success_status\":\"failed\",\"score\":{\"scaled\":\"0.6\"}}", TRUE, TRUE, HS_SCORM_SUCCESS_PASSED, 0.6, NAN },
    { "{\"success_status\":\"passed\",\"score\":{\"scaled\":\"0.59\"},\"completion_status\":\"completed\"}", TRUE, FALSE,
      HS_SCORM_SUCCESS_FAILED, 0.59, NAN },
    { "{\"success_status\":\"passed\"}", TRUE, TRUE, HS_SCORM_SUCCESS_PASSED, NAN, NAN },
  };

  measured->completion_threshold = 0.75;
  measured->scaled_passing_score = 0.6;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(HsScormOutcome) out = { 0 };

      g_test_message ("%s", cases[i].cmi);
      read_outcome (HS_COURSE_PACKAGE_SCORM_2004, cases[i].with_measures ? measured : NULL, cases[i].cmi, &out);
      g_assert_cmpint (out.completed, ==, cases[i].completed);
      g_assert_cmpint (out.success, ==, cases[i].success);
      if (isnan (cases[i].score))
        g_assert_true (isnan (out.score));
      else
        g_assert_cmpfloat_with_epsilon (out.score, cases[i].score, 1e-9);
      if (isnan (cases[i].progress))
        g_assert_true (isnan (out.progress));
      else
        g_assert_cmpfloat_with_epsilon (out.progress, cases[i].progress, 1e-9);
    }

  {
    g_auto(HsScormOutcome) out = { 0 };

    read_outcome (HS_COURSE_PACKAGE_SCORM_2004, NULL,
                  "{\"session_time\":\"PT1M2.5S\",\"location\":\"p2\",\"core\":{\"lesson_location\":\"x\"}}", &out);
    g_assert_cmpfloat_with_epsilon (out.session_seconds, 62.5, 1e-9);
    g_assert_cmpstr (out.location, ==, "p2");
  }
}

static void
test_first_launch_12 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-1");
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *cmi = launch (s, &keep);

  g_assert_cmpstr (hs_scorm_session_get_version (s), ==, "1.2");
  g_assert_cmpstr (text_at (cmi, "core.student_id"), ==, hs_learner_get_uuid (f->lan));
  g_assert_cmpstr (text_at (cmi, "core.student_name"), ==, "Nguyễn, Thị Lan");
  g_assert_cmpstr (text_at (cmi, "core.entry"), ==, "ab-initio");
  g_assert_cmpstr (text_at (cmi, "core.credit"), ==, "credit");
  g_assert_cmpstr (text_at (cmi, "core.lesson_mode"), ==, "normal");
  g_assert_cmpstr (text_at (cmi, "core.total_time"), ==, "00:00:00.00");
  g_assert_null (text_at (cmi, "core.lesson_status"));
  g_assert_null (text_at (cmi, "core.lesson_location"));
  g_assert_null (text_at (cmi, "suspend_data"));
  g_assert_cmpstr (text_at (cmi, "launch_data"), ==, "chuong=2");
  g_assert_cmpstr (text_at (cmi, "student_data.mastery_score"), ==, "80");
  g_assert_cmpstr (text_at (cmi, "student_data.max_time_allowed"), ==, "0000:30:00");
  g_assert_cmpstr (text_at (cmi, "student_data.time_limit_action"), ==, "continue,no message");
  /* Nothing of SCORM 2004. */
  g_assert_false (json_object_has_member (cmi, "learner_id"));
  g_assert_false (json_object_has_member (cmi, "entry"));
}

static void
test_first_launch_2004 (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->minh, f->c2004, "bai-1");
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *cmi = launch (s, &keep);

  g_assert_cmpstr (hs_scorm_session_get_version (s), ==, "2004");
  g_assert_cmpstr (text_at (cmi, "learner_id"), ==, hs_learner_get_uuid (f->minh));
  g_assert_cmpstr (text_at (cmi, "learner_name"), ==, "Minh");
  g_assert_cmpstr (text_at (cmi, "entry"), ==, "ab-initio");
  g_assert_cmpstr (text_at (cmi, "credit"), ==, "credit");
  g_assert_cmpstr (text_at (cmi, "mode"), ==, "normal");
  g_assert_cmpstr (text_at (cmi, "total_time"), ==, "PT0S");
  g_assert_cmpstr (text_at (cmi, "completion_threshold"), ==, "0.75");
  g_assert_cmpstr (text_at (cmi, "scaled_passing_score"), ==, "0.6");
  g_assert_false (json_object_has_member (cmi, "core"));
  g_assert_false (json_object_has_member (cmi, "launch_data"));
}

/* A data model as scorm-again renders a SCORM 1.2 one. */
static char *
cmi_12 (const char *status,
        const char *raw,
        const char *location,
        const char *suspend,
        const char *session_time,
        const char *interactions)
{
  return g_strdup_printf ("{\"cmi\":{\"suspend_data\":\"%s\",\"launch_data\":\"chuong=2\",\"comments\":\"\","
                          "\"comments_from_lms\":\"\",\"core\":{\"student_id\":\"x\",\"student_name\":\"x\","
                          "\"lesson_location\":\"%s\",\"credit\":\"credit\",\"lesson_status\":\"%s\","
                          "\"entry\":\"ab-initio\",\"lesson_mode\":\"normal\",\"exit\":\"suspend\","
                          "\"session_time\":\"%s\",\"score\":{\"raw\":\"%s\",\"min\":\"\",\"max\":\"100\"}},"
                          "\"objectives\":{},\"student_data\":{\"mastery_score\":\"80\",\"max_time_allowed\":\"\","
                          "\"time_limit_action\":\"\"},\"student_preference\":{\"audio\":\"\",\"language\":\"vi\","
                          "\"speed\":\"\",\"text\":\"\"},\"interactions\":{%s}}}",
                          suspend, location, status, session_time, raw, interactions ? interactions : "");
}

static void
test_commit_and_resume_12 (Fixture       *f,
                           gconstpointer  data)
{
  const char *course = hs_course_get_id (f->c12);
  g_autoptr(HsLessonProgress) state = NULL;
  g_autofree char *json = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *total = NULL;
  g_autofree char *events = NULL;

  {
    g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-1");
    g_autoptr(JsonNode) keep = NULL;
    guint committed = 0;

    launch (s, &keep);
    g_signal_connect_swapped (s, "committed", G_CALLBACK (g_atomic_int_inc), &committed);
    json = cmi_12 ("incomplete", "", "trang-2", "da-xem=1,2", "00:00:30",
                   "\"0\":{\"id\":\"cau-1\",\"time\":\"10:00:00\",\"type\":\"choice\",\"weighting\":\"1\","
                   "\"student_response\":\"b\",\"result\":\"wrong\",\"latency\":\"00:00:05\","
                   "\"objectives\":{\"0\":{\"id\":\"muc-tieu-1\"}},\"correct_responses\":{\"0\":{\"pattern\":\"a\"}}},"
                   "\"1\":{\"id\":\"cau-2\",\"type\":\"true-false\",\"student_response\":\"t\",\"result\":\"correct\","
                   "\"objectives\":{},\"correct_responses\":{}}");
    commit (s, json);
    g_clear_pointer (&json, g_free);
    g_assert_cmpuint (committed, ==, 1);

    /* The same session goes on: its clock says 70 s now, which is 40 s
     * more, not 70. */
    json = cmi_12 ("incomplete", "", "trang-3", "da-xem=1,2,3", "00:01:10",
                   "\"0\":{\"id\":\"cau-1\",\"type\":\"choice\",\"student_response\":\"a\",\"result\":\"correct\","
                   "\"objectives\":{},\"correct_responses\":{}},"
                   "\"1\":{\"id\":\"cau-2\",\"type\":\"true-false\",\"student_response\":\"t\",\"result\":\"correct\","
                   "\"objectives\":{},\"correct_responses\":{}}");
    g_assert_true (hs_scorm_session_commit (s, json, TRUE, NULL));
    g_assert_cmpuint (committed, ==, 2);
  }

  state = state_of (f, f->lan, f->c12, "bai-1");
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  g_assert_cmpstr (state->location, ==, "trang-3");
  g_assert_cmpint (state->seconds, ==, 70);
  g_assert_false (state->has_score);

  rows = query (f, "SELECT group_concat(n || ':' || id || ':' || response || ':' || result || ':' || correct_responses"
                   " || ':' || objectives, ' | ') FROM (SELECT * FROM scorm_interactions ORDER BY n)");
  g_assert_cmpstr (rows, ==, "0:cau-1:a:correct:[]:[] | 1:cau-2:t:correct:[]:[]");
  total = query (f, "SELECT version || ' ' || total_seconds || ' ' || launches FROM scorm_state");
  g_assert_cmpstr (total, ==, "1.2 70.0 1");

  /* Launched again: it resumes where it was, with the time so far and the
   * interactions counted on. */
  {
    g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-1");
    g_autoptr(JsonNode) keep = NULL;
    JsonObject *cmi = launch (s, &keep);
    JsonObject *interactions;

    g_assert_cmpstr (text_at (cmi, "core.entry"), ==, "resume");
    g_assert_cmpstr (text_at (cmi, "core.lesson_location"), ==, "trang-3");
    g_assert_cmpstr (text_at (cmi, "suspend_data"), ==, "da-xem=1,2,3");
    g_assert_cmpstr (text_at (cmi, "core.lesson_status"), ==, "incomplete");
    g_assert_cmpstr (text_at (cmi, "core.total_time"), ==, "00:01:10.00");
    g_assert_cmpstr (text_at (cmi, "core.score.max"), ==, "100");
    g_assert_null (text_at (cmi, "core.score.raw"));
    g_assert_null (text_at (cmi, "core.session_time"));
    g_assert_null (text_at (cmi, "core.exit"));
    g_assert_cmpstr (text_at (cmi, "student_preference.language"), ==, "vi");
    interactions = json_object_get_object_member (cmi, "interactions");
    g_assert_cmpuint (json_object_get_size (interactions), ==, 2);
    g_assert_cmpstr (text_at (cmi, "interactions.1.id"), ==, "cau-2");

    /* A second session's time adds to the first. */
    json = cmi_12 ("completed", "", "trang-4", "da-xem=1,2,3,4", "00:00:20", NULL);
    commit (s, json);
  }
  total = (g_free (total), query (f, "SELECT total_seconds || ' ' || launches FROM scorm_state"));
  g_assert_cmpstr (total, ==, "90.0 2");
  g_clear_pointer (&state, hs_lesson_progress_free);
  state = state_of (f, f->lan, f->c12, "bai-1");
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_cmpint (state->seconds, ==, 90);

  /* What went to the log: progress twice in the first session, then its
   * completion; no verdict was ever given. */
  events = query (f, "SELECT group_concat(substr(verb, 32), ',') FROM (SELECT verb FROM events"
                     " WHERE lesson_id = 'bai-1' ORDER BY id)");
  g_assert_cmpstr (events, ==, "progressed,progressed,progressed,completed");

  /* Other lessons, courses and learners start afresh. */
  {
    g_autoptr(HsScormSession) other_lesson = session (f, f->lan, f->c12, "bai-2");
    g_autoptr(HsScormSession) other_learner = session (f, f->minh, f->c12, "bai-1");
    g_autoptr(JsonNode) k1 = NULL;
    g_autoptr(JsonNode) k2 = NULL;
    JsonObject *a = launch (other_lesson, &k1);
    JsonObject *b = launch (other_learner, &k2);

    g_assert_cmpstr (text_at (a, "core.entry"), ==, "ab-initio");
    g_assert_null (text_at (a, "suspend_data"));
    g_assert_cmpstr (text_at (b, "core.entry"), ==, "ab-initio");
    g_assert_null (text_at (b, "suspend_data"));
    g_assert_cmpstr (text_at (b, "core.student_id"), ==, hs_learner_get_uuid (f->minh));
  }
  g_assert_nonnull (course);
}

static void
test_best_status_kept (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-2");
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(HsLessonProgress) state = NULL;
  g_autofree char *passed = NULL;
  g_autofree char *incomplete = NULL;
  g_autofree char *events = NULL;

  launch (s, &keep);
  /* Some packages say "passed" before any question is answered… */
  passed = cmi_12 ("passed", "", "", "", "00:00:01", NULL);
  commit (s, passed);
  state = state_of (f, f->lan, f->c12, "bai-2");
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_true (state->passed);
  g_assert_false (state->has_score);
  g_clear_pointer (&state, hs_lesson_progress_free);

  /* …then "incomplete": the lesson stays passed and completed. */
  incomplete = cmi_12 ("incomplete", "", "", "", "00:00:02", NULL);
  commit (s, incomplete);
  state = state_of (f, f->lan, f->c12, "bai-2");
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_true (state->passed);
  g_assert_cmpint (state->seconds, ==, 2);

  events = query (f, "SELECT group_concat(substr(verb, 32), ',') FROM (SELECT verb FROM events"
                     " WHERE lesson_id = 'bai-2' ORDER BY id)");
  g_assert_cmpstr (events, ==, "passed,completed");
}

static void
test_mastery_score (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-1");
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(HsLessonProgress) state = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *course_done = NULL;

  launch (s, &keep);
  low = cmi_12 ("completed", "70", "", "", "", NULL);
  commit (s, low);
  state = state_of (f, f->lan, f->c12, "bai-1");
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
  g_assert_false (state->passed);
  g_assert_cmpfloat_with_epsilon (state->score, 0.70, 1e-9);
  g_clear_pointer (&state, hs_lesson_progress_free);

  high = cmi_12 ("completed", "90", "", "", "", NULL);
  commit (s, high);
  lower = cmi_12 ("failed", "75", "", "", "", NULL);
  commit (s, lower);
  state = state_of (f, f->lan, f->c12, "bai-1");
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_true (state->passed);
  g_assert_cmpfloat_with_epsilon (state->score, 0.90, 1e-9);

  course_done = query (f, "SELECT count(*) FROM events WHERE lesson_id IS NULL");
  g_assert_cmpstr (course_done, ==, "0");
}

static void
test_score_without_verdict (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-2");
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(HsLessonProgress) state = NULL;
  g_autofree char *json = NULL;
  g_autofree char *events = NULL;

  launch (s, &keep);
  json = cmi_12 ("completed", "65", "", "", "", NULL);
  commit (s, json);
  commit (s, json);
  state = state_of (f, f->lan, f->c12, "bai-2");
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_true (state->has_score);
  g_assert_cmpfloat_with_epsilon (state->score, 0.65, 1e-9);
  g_assert_false (state->passed);

  /* Said once, not at every commit. */
  events = query (f, "SELECT group_concat(substr(verb, 32), ',') FROM (SELECT verb FROM events"
                     " WHERE lesson_id = 'bai-2' ORDER BY id)");
  g_assert_cmpstr (events, ==, "scored,completed");
}

/* A data model as scorm-again renders a SCORM 2004 one. */
static char *
cmi_2004 (const char *completion,
          const char *success,
          const char *scaled,
          const char *measure,
          const char *location,
          const char *suspend,
          const char *session_time)
{
  return g_strdup_printf ("{\"cmi\":{\"comments_from_learner\":{},\"comments_from_lms\":{},"
                          "\"completion_status\":\"%s\",\"completion_threshold\":\"0.75\",\"credit\":\"credit\","
                          "\"entry\":\"ab-initio\",\"exit\":\"suspend\",\"interactions\":{\"0\":{\"id\":\"q1\","
                          "\"type\":\"true-false\",\"objectives\":{\"0\":{\"id\":\"o1\"}},\"timestamp\":\"2025-05-01T10:00:00\","
                          "\"weighting\":\"1\",\"learner_response\":\"true\",\"result\":\"correct\",\"latency\":\"PT5S\","
                          "\"description\":\"Câu một\",\"correct_responses\":{\"0\":{\"pattern\":\"true\"}}}},"
                          "\"launch_data\":\"\",\"learner_id\":\"x\",\"learner_name\":\"x\",\"learner_preference\":"
                          "{\"audio_level\":\"1\",\"language\":\"\",\"delivery_speed\":\"1\",\"audio_captioning\":\"0\"},"
                          "\"location\":\"%s\",\"max_time_allowed\":\"\",\"mode\":\"normal\",\"objectives\":{},"
                          "\"progress_measure\":\"%s\",\"scaled_passing_score\":\"0.6\",\"score\":{\"scaled\":\"%s\","
                          "\"raw\":\"\",\"min\":\"\",\"max\":\"\"},\"session_time\":\"%s\",\"success_status\":\"%s\","
                          "\"suspend_data\":\"%s\",\"time_limit_action\":\"\",\"total_time\":\"PT0S\"}}",
                          completion, location, measure, scaled, session_time, success, suspend);
}

static void
test_commit_and_resume_2004 (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(HsLessonProgress) state = NULL;
  g_autofree char *rows = NULL;

  {
    g_autoptr(HsScormSession) s = session (f, f->lan, f->c2004, "bai-1");
    g_autoptr(JsonNode) keep = NULL;
    g_autofree char *half = NULL;
    g_autofree char *done = NULL;

    launch (s, &keep);
    half = cmi_2004 ("incomplete", "unknown", "", "0.5", "chuong-2", "{\\\"trang\\\":2}", "PT45S");
    commit (s, half);
    state = state_of (f, f->lan, f->c2004, "bai-1");
    g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_IN_PROGRESS);
    g_assert_cmpfloat_with_epsilon (state->fraction, 0.5, 1e-9);
    g_assert_cmpstr (state->location, ==, "chuong-2");
    g_clear_pointer (&state, hs_lesson_progress_free);

    /* The run-time renders completion_status as the SCO set it; the
     * threshold (0.75) and passing score (0.6) judge. */
    done = cmi_2004 ("incomplete", "unknown", "0.65", "0.8", "chuong-3", "{\\\"trang\\\":3}", "PT1M30.5S");
    g_assert_true (hs_scorm_session_commit (s, done, TRUE, NULL));
  }

  state = state_of (f, f->lan, f->c2004, "bai-1");
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_COMPLETED);
  g_assert_true (state->passed);
  g_assert_cmpfloat_with_epsilon (state->score, 0.65, 1e-9);
  g_assert_cmpfloat_with_epsilon (state->fraction, 1.0, 1e-9);
  g_assert_cmpint (state->seconds, ==, 90);

  rows = query (f, "SELECT id || ':' || type || ':' || time || ':' || weighting || ':' || response || ':' || result"
                   " || ':' || latency || ':' || description || ':' || correct_responses || ':' || objectives"
                   " FROM scorm_interactions");
  g_assert_cmpstr (rows, ==, "q1:true-false:2025-05-01T10:00:00:1:true:correct:PT5S:Câu một:[\"true\"]:[\"o1\"]");

  {
    g_autoptr(HsScormSession) s = session (f, f->lan, f->c2004, "bai-1");
    g_autoptr(JsonNode) keep = NULL;
    JsonObject *cmi = launch (s, &keep);

    g_assert_cmpstr (text_at (cmi, "entry"), ==, "resume");
    g_assert_cmpstr (text_at (cmi, "location"), ==, "chuong-3");
    g_assert_cmpstr (text_at (cmi, "suspend_data"), ==, "{\"trang\":3}");
    g_assert_cmpstr (text_at (cmi, "completion_status"), ==, "incomplete");
    g_assert_false (json_object_has_member (cmi, "success_status"));
    g_assert_cmpstr (text_at (cmi, "score.scaled"), ==, "0.65");
    g_assert_cmpstr (text_at (cmi, "progress_measure"), ==, "0.8");
    g_assert_cmpstr (text_at (cmi, "total_time"), ==, "PT1M30.50S");
    g_assert_cmpstr (text_at (cmi, "interactions.0.correct_responses.0.pattern"), ==, "true");
    g_assert_cmpstr (text_at (cmi, "learner_preference.audio_level"), ==, "1");
    g_assert_null (text_at (cmi, "session_time"));
    g_assert_null (text_at (cmi, "exit"));
  }
}

static void
test_long_suspend_data (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-2");
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *suspend = g_strnfill (5000, 'x');
  g_autofree char *json = cmi_12 ("incomplete", "", "", suspend, "", NULL);
  g_autofree char *stored = NULL;

  launch (s, &keep);
  g_test_expect_message ("hs-scorm-session", G_LOG_LEVEL_WARNING, "*saved 5000 characters of suspend data*");
  commit (s, json);
  /* Once per session. */
  commit (s, json);
  g_test_assert_expected_messages ();

  stored = query (f, "SELECT length(json_extract(cmi, '$.cmi.suspend_data')) FROM scorm_state");
  g_assert_cmpstr (stored, ==, "5000");

  {
    g_autoptr(HsScormSession) again = session (f, f->lan, f->c12, "bai-2");
    g_autoptr(JsonNode) keep2 = NULL;
    JsonObject *cmi = launch (again, &keep2);

    g_assert_cmpuint (strlen (text_at (cmi, "suspend_data")), ==, 5000);
  }
}

static void
test_foreign_names_logged (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-2");
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(HsLessonProgress) state = NULL;
  g_autofree char *stored = NULL;

  launch (s, &keep);
  g_test_expect_message ("hs-scorm-session", G_LOG_LEVEL_MESSAGE, "*used cmi.completion_status, a name of SCORM 2004*");
  hs_scorm_session_note_error (s, "LMSSetValue", "cmi.completion_status", 401);
  /* Once is enough. */
  hs_scorm_session_note_error (s, "LMSSetValue", "cmi.completion_status", 401);
  /* An element of its own version is only a debug message. */
  hs_scorm_session_note_error (s, "LMSGetValue", "cmi.core.lesson_location", 403);
  g_test_assert_expected_messages ();

  /* A data model with SCORM 2004 members (content that bypassed the
   * run-time's checks): logged, and they mean nothing here. */
  g_test_expect_message ("hs-scorm-session", G_LOG_LEVEL_MESSAGE, "*used cmi.success_status*");
  commit (s, "{\"cmi\":{\"core\":{\"lesson_status\":\"incomplete\"},\"success_status\":\"passed\",\"completion_status\":\"completed\"}}");
  g_test_assert_expected_messages ();
  state = state_of (f, f->lan, f->c12, "bai-2");
  g_assert_cmpint (state->status, !=, HS_LESSON_STATUS_COMPLETED);
  g_assert_false (state->passed);
  stored = query (f, "SELECT count(*) FROM scorm_state");
  g_assert_cmpstr (stored, ==, "1");
}

static void
test_refuses_bad_data (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-1");
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *rows = NULL;
  const char *bad[] = {
    "not json", "[1,2]", "{}", "{\"cmi\":\"passed\"}", "{\"core\":{\"lesson_status\":\"passed\"}}", "",
  };

  launch (s, &keep);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (hs_scorm_session_commit (s, bad[i], FALSE, &error));
      g_assert_error (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, "Bài một"));
      g_clear_error (&error);
    }

  huge = g_strnfill (HS_SCORM_MAX_CMI_BYTES + 1, ' ');
  memcpy (huge, "{\"cmi\":{}}", 10);
  g_assert_false (hs_scorm_session_commit (s, huge, FALSE, &error));
  g_assert_error (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* A closed session takes nothing more. */
  hs_scorm_session_close (s);
  g_assert_true (hs_scorm_session_is_closed (s));
  g_assert_false (hs_scorm_session_commit (s, "{\"cmi\":{}}", FALSE, &error));
  g_assert_error (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_CLOSED);

  rows = query (f, "SELECT (SELECT count(*) FROM scorm_state) + (SELECT count(*) FROM progress)");
  g_assert_cmpstr (rows, ==, "0");
}

static void
test_not_a_sco (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsScormSession) asset = NULL;
  g_autoptr(HsScormSession) page = NULL;
  g_autofree char *package = hs_test_make_package (f->tmp, "vn.test.trang", "1.0", 1, HS_TEST_FORMAT_ZIP, FALSE);
  g_autoptr(HsCourse) course = hs_library_import (f->library, package, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  asset = hs_scorm_session_new (f->progress, f->lan, f->c12, hs_course_find_lesson (f->c12, "tai-lieu"), &error);
  g_assert_null (asset);
  g_assert_error (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_NOT_A_SCO);
  g_assert_nonnull (strstr (error->message, "Tài liệu"));
  g_clear_error (&error);

  page = hs_scorm_session_new (f->progress, f->lan, course, hs_course_find_lesson (course, "l1"), &error);
  g_assert_null (page);
  g_assert_error (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_NOT_A_SCO);
}

/* A commit that cannot be recorded leaves nothing behind: the data model,
 * its interactions and the progress go in together or not at all. */
static void
test_one_transaction (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-1");
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = cmi_12 ("passed", "95", "trang-9", "x", "00:00:09",
                                  "\"0\":{\"id\":\"cau-1\",\"objectives\":{},\"correct_responses\":{}}");
  g_autofree char *rows = NULL;

  launch (s, &keep);
  g_assert_true (hs_library_remove (f->library, hs_course_get_id (f->c12), FALSE, &error));
  g_assert_no_error (error);

  g_assert_false (hs_scorm_session_commit (s, json, FALSE, &error));
  g_assert_error (error, HS_PROGRESS_ERROR, HS_PROGRESS_ERROR_NO_LESSON);
  rows = query (f, "SELECT (SELECT count(*) FROM scorm_state) || ' ' || (SELECT count(*) FROM scorm_interactions)"
                   " || ' ' || (SELECT count(*) FROM progress) || ' ' || (SELECT count(*) FROM events)");
  g_assert_cmpstr (rows, ==, "0 0 0 0");
}

static void
test_other_version_starts_afresh (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-1");
  g_autoptr(HsScormSession) again = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *json = cmi_12 ("incomplete", "", "trang-2", "x", "00:10:00", NULL);
  JsonObject *cmi;

  launch (s, &keep);
  commit (s, json);
  g_clear_pointer (&keep, json_node_unref);

  /* As if an update had made the course a SCORM 2004 one. */
  g_assert_true (hs_store_exec (hs_progress_get_store (f->progress), "UPDATE scorm_state SET version = '2004'", NULL));
  again = session (f, f->lan, f->c12, "bai-1");
  g_test_expect_message ("hs-scorm-session", G_LOG_LEVEL_MESSAGE, "*does not fit*starts afresh*");
  cmi = launch (again, &keep);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (text_at (cmi, "core.entry"), ==, "ab-initio");
  g_assert_null (text_at (cmi, "suspend_data"));
  g_assert_cmpstr (text_at (cmi, "core.total_time"), ==, "00:00:00.00");
}

static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(HsScormSession) s = session (f, f->lan, f->c12, "bai-1");
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = cmi_12 ("incomplete", "", "", "x", "", "\"0\":{\"id\":\"c\"}");
  g_autofree char *kept = NULL;
  g_autofree char *gone = NULL;
  g_autoptr(HsCourse) again = NULL;

  launch (s, &keep);
  commit (s, json);

  /* Removing keeps a learner's records for a reinstall… */
  g_assert_true (hs_library_remove (f->library, hs_course_get_id (f->c12), FALSE, &error));
  kept = query (f, "SELECT (SELECT count(*) FROM scorm_state) || ' ' || (SELECT count(*) FROM scorm_interactions)");
  g_assert_cmpstr (kept, ==, "1 1");

  /* …purging deletes them. */
  g_clear_object (&again);
  again = hs_library_import (f->library, f->p12, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hs_library_remove (f->library, hs_course_get_id (f->c12), TRUE, &error));
  g_assert_no_error (error);
  gone = query (f, "SELECT (SELECT count(*) FROM scorm_state) || ' ' || (SELECT count(*) FROM scorm_interactions)");
  g_assert_cmpstr (gone, ==, "0 0");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hocso/scorm-session/time", test_time);
  g_test_add_func ("/hocso/scorm-session/learner-name", test_learner_name);
  g_test_add_func ("/hocso/scorm-session/foreign-elements", test_foreign_elements);
  g_test_add_func ("/hocso/scorm-session/read-12", test_read_12);
  g_test_add_func ("/hocso/scorm-session/read-2004", test_read_2004);
#define ADD(path, func) \
  g_test_add ("/hocso/scorm-session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("first-launch-12", test_first_launch_12);
  ADD ("first-launch-2004", test_first_launch_2004);
  ADD ("commit-and-resume-12", test_commit_and_resume_12);
  ADD ("commit-and-resume-2004", test_commit_and_resume_2004);
  ADD ("best-status-kept", test_best_status_kept);
  ADD ("mastery-score", test_mastery_score);
  ADD ("score-without-verdict", test_score_without_verdict);
  ADD ("long-suspend-data", test_long_suspend_data);
  ADD ("foreign-names-logged", test_foreign_names_logged);
  ADD ("refuses-bad-data", test_refuses_bad_data);
  ADD ("not-a-sco", test_not_a_sco);
  ADD ("one-transaction", test_one_transaction);
  ADD ("other-version-starts-afresh", test_other_version_starts_afresh);
  ADD ("purge", test_purge);
#undef ADD

  return g_test_run ();
}
