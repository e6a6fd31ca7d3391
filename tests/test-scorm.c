/* test-scorm.c — hs-scorm: SCORM 1.2 and 2004 manifests into the course model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every manifest is written here, in a g_dir_make_tmp() folder with the
 * files it names, and read with hs_scorm_load() as an import reads it.
 */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>

#include "hs-library.h"
#include "hs-manifest.h"
#include "hs-scorm.h"
#include "hs-test-fixtures.h"
#include "hs-utils.h"

#define NS_12 \
  "xmlns='http://www.imsproject.org/xsd/imscp_rootv1p1p2' " \
  "xmlns:adlcp='http://www.adlnet.org/xsd/adlcp_rootv1p2'"
#define NS_2004 \
  "xmlns='http://www.imsglobal.org/xsd/imscp_v1p1' " \
  "xmlns:adlcp='http://www.adlnet.org/xsd/adlcp_v1p3' " \
  "xmlns:adlseq='http://www.adlnet.org/xsd/adlseq_v1p3' " \
  "xmlns:imsss='http://www.imsglobal.org/xsd/imsss'"

/* Writes @contents to @dir/@path, making the folders on the way. */
static void
put (const char *dir,
     const char *path,
     const char *contents)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);
  g_autofree char *parent = g_path_get_dirname (full);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (full, contents, -1, &error);
  g_assert_no_error (error);
}

/* A SCORM 1.2 manifest of one organization, "Khoá thử", with @items and
 * @resources inside. */
static char *
manifest_12 (const char *items,
             const char *resources)
{
  return g_strdup_printf ("<?xml version='1.0' encoding='UTF-8'?>\n"
                          "<manifest identifier='vn.test.scorm' version='1.0' " NS_12 ">\n"
                          "  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n"
                          "  <organizations default='ORG'>\n"
                          "    <organization identifier='ORG'>\n"
                          "      <title>Khoá thử</title>\n"
                          "%s\n"
                          "    </organization>\n"
                          "  </organizations>\n"
                          "  <resources>\n"
                          "%s\n"
                          "  </resources>\n"
                          "</manifest>\n", items, resources);
}

static const char one_item[] =
  "<item identifier='I1' identifierref='R1'><title>Bài một</title></item>";
static const char one_resource[] =
  "<resource identifier='R1' type='webcontent' adlcp:scormtype='sco' href='index.html'/>";

/* Loads @manifest from a new folder holding it and @files (NULL-ended),
 * each a small page. */
static HsCourse *
load_with_files (const char          *manifest,
                 const char * const  *files,
                 char               **dir_out,
                 GError             **error)
{
  g_autofree char *dir = hs_test_make_tmp_dir ();
  HsCourse *course;

  put (dir, HS_SCORM_MANIFEST_NAME, manifest);
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    put (dir, files[i], "<!doctype html><p>Xin chào</p>");

  course = hs_scorm_load (dir, error);
  if (dir_out != NULL)
    *dir_out = g_steal_pointer (&dir);
  else
    hs_test_rm_rf (dir);
  return course;
}

static void
assert_refused (const char          *manifest,
                const char * const  *files,
                HsScormError         code,
                const char          *named)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = load_with_files (manifest, files, NULL, &error);

  g_assert_null (course);
  g_assert_error (error, HS_SCORM_ERROR, (int) code);
  if (named != NULL && strstr (error->message, named) == NULL)
    g_error ("“%s” does not name “%s”", error->message, named);
  g_test_message ("%s", error->message);
}

static HsModule *
module_at (HsCourse *course,
           guint     position)
{
  HsModule *module = g_list_model_get_item (G_LIST_MODEL (course), position);

  g_object_unref (module);  /* the course keeps it */
  return module;
}

static HsLesson *
lesson_at (HsModule *module,
           guint     position)
{
  HsLesson *lesson = g_list_model_get_item (G_LIST_MODEL (module), position);

  g_object_unref (lesson);
  return lesson;
}

static void
test_12_single_sco (void)
{
  const char *manifest =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<manifest identifier='_5awlawmFvsQ_course_id' version='1.0' " NS_12 ">\n"
    "  <metadata>\n"
    "    <schema>ADL SCORM</schema>\n"
    "    <schemaversion>1.2</schemaversion>\n"
    "    <lom xmlns='http://www.imsglobal.org/xsd/imsmd_rootv1p2p1'><general>\n"
    "      <title><langstring xml:lang='x-none'>Giải quyết vấn đề</langstring></title>\n"
    "      <description><langstring xml:lang='x-none'>Năm câu hỏi\n   “tại sao”.</langstring></description>\n"
    "    </general></lom>\n"
    "  </metadata>\n"
    "  <organizations default='5-Why_ORG'>\n"
    "    <organization identifier='5-Why_ORG'>\n"
    "      <title>\n        Giải quyết\n        vấn đề\n      </title>\n"
    "      <item identifier='FC_SCO' isvisible='true' identifierref='RES'>\n"
    "        <title>Năm lần tại sao</title>\n"
    "        <adlcp:masteryscore>80</adlcp:masteryscore>\n"
    "        <adlcp:datafromlms>chapter=1</adlcp:datafromlms>\n"
    "        <adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed>\n"
    "        <adlcp:timelimitaction>Exit, No Message</adlcp:timelimitaction>\n"
    "      </item>\n"
    "    </organization>\n"
    "  </organizations>\n"
    "  <resources>\n"
    "    <resource identifier='RES' type='webcontent' href='index_lms.html' adlcp:scormtype='sco'>\n"
    "      <file href='index_lms.html'/><file href='story.js'/>\n"
    "    </resource>\n"
    "  </resources>\n"
    "</manifest>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = load_with_files (manifest, (const char *[]) { "index_lms.html", NULL }, NULL, &error);
  g_autofree char *expected_id = hs_scorm_make_course_id ("_5awlawmFvsQ_course_id", "Giải quyết vấn đề");
  HsModule *module;
  HsLesson *lesson;
  const HsLessonScorm *scorm;

  g_assert_no_error (error);
  g_assert_cmpint (hs_course_get_package (course), ==, HS_COURSE_PACKAGE_SCORM_12);
  g_assert_cmpstr (hs_course_get_id (course), ==, expected_id);
  g_assert_true (g_str_has_prefix (hs_course_get_id (course), "5awlawmfvsq_course_id-"));
  g_assert_true (hs_utils_id_is_valid (hs_course_get_id (course)));
  g_assert_cmpstr (hs_course_get_version (course), ==, "1.0");
  g_assert_cmpstr (hs_course_get_title (course), ==, "Giải quyết vấn đề");
  g_assert_cmpstr (hs_course_get_summary (course), ==, "Năm câu hỏi “tại sao”.");
  g_assert_cmpstr (hs_course_get_language (course), ==, "vi");

  /* A flat organization is one module named after it. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (course)), ==, 1);
  module = module_at (course, 0);
  g_assert_cmpstr (hs_module_get_id (module), ==, "5-why_org");
  g_assert_cmpstr (hs_module_get_title (module), ==, "Giải quyết vấn đề");

  lesson = lesson_at (module, 0);
  g_assert_cmpstr (hs_lesson_get_id (lesson), ==, "fc_sco");
  g_assert_cmpint (hs_lesson_get_kind (lesson), ==, HS_LESSON_KIND_SCO);
  g_assert_cmpstr (hs_lesson_get_title (lesson), ==, "Năm lần tại sao");
  g_assert_cmpstr (hs_lesson_get_src (lesson), ==, "index_lms.html");
  g_assert_null (hs_lesson_get_parameters (lesson));
  g_assert_true (hs_lesson_get_required (lesson));

  scorm = hs_lesson_get_scorm (lesson);
  g_assert_nonnull (scorm);
  g_assert_cmpstr (scorm->identifier, ==, "FC_SCO");
  g_assert_cmpstr (scorm->resource, ==, "RES");
  g_assert_cmpint (scorm->type, ==, HS_SCORM_TYPE_SCO);
  g_assert_true (scorm->visible);
  g_assert_cmpfloat (scorm->mastery_score, ==, 80);
  g_assert_true (isnan (scorm->scaled_passing_score));
  g_assert_true (isnan (scorm->completion_threshold));
  g_assert_cmpstr (scorm->launch_data, ==, "chapter=1");
  g_assert_cmpstr (scorm->max_time_allowed, ==, "00:30:00");
  g_assert_cmpstr (scorm->time_limit_action, ==, "exit,no message");
  g_assert_null (scorm->sequencing);
}

static void
test_12_multi_sco (void)
{
  const char *items =
    "<item identifier='I_INTRO' identifierref='R1'><title>Giới thiệu</title></item>\n"
    "<item identifier='I_CH1'><title>Chương 1</title>\n"
    "  <item identifier='I_1_1' identifierref='R2'><title>Bài 1.1</title></item>\n"
    "  <item identifier='I_1_2'><title>Phần 1.2</title>\n"
    "    <item identifier='I_1_2_a' identifierref='R3'><title>Bài 1.2a</title></item>\n"
    "    <item identifier='i_1_2_A' identifierref='R3' parameters='b'><title>Bài 1.2A</title></item>\n"
    "  </item>\n"
    "  <item identifier='I_EMPTY'><title>Chưa có gì</title></item>\n"
    "</item>\n"
    "<item identifier='I_CH2'><title>Chương 2</title>\n"
    "  <item identifier='I_2_1'><title>Sắp có</title></item>\n"
    "</item>\n"
    "<item identifier='I_END' identifierref='R4' isvisible='false'><title>Kết thúc</title></item>\n";
  const char *resources =
    "<resource identifier='R1' adlcp:scormtype='sco' href='gioi-thieu.html'/>\n"
    "<resource identifier='R2' adlcp:scormtype='sco' href='c1/b1.html'/>\n"
    "<resource identifier='R3' adlcp:scormtype='sco' href='c1/b2.html'/>\n"
    "<resource identifier='R4' adlcp:scormtype='asset' href='ket-thuc.html'/>\n";
  g_autofree char *manifest = manifest_12 (items, resources);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = load_with_files (manifest, (const char *[]) {
                                                  "gioi-thieu.html", "c1/b1.html", "c1/b2.html", "ket-thuc.html", NULL
                                                }, NULL, &error);
  HsModule *module;
  HsLesson *lesson;

  g_assert_no_error (error);
  g_assert_cmpuint (hs_course_get_n_lessons (course), ==, 5);

  /* The top-level leaf before the first chapter, the chapter with every
   * lesson below it, and the leaf after it: Chương 2 launches nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (course)), ==, 3);

  module = module_at (course, 0);
  g_assert_cmpstr (hs_module_get_id (module), ==, "org");
  g_assert_cmpstr (hs_module_get_title (module), ==, "Khoá thử");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (module)), ==, 1);
  g_assert_cmpstr (hs_lesson_get_id (lesson_at (module, 0)), ==, "i_intro");

  module = module_at (course, 1);
  g_assert_cmpstr (hs_module_get_id (module), ==, "i_ch1");
  g_assert_cmpstr (hs_module_get_title (module), ==, "Chương 1");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (module)), ==, 3);
  g_assert_cmpstr (hs_lesson_get_id (lesson_at (module, 0)), ==, "i_1_1");
  g_assert_cmpstr (hs_lesson_get_title (lesson_at (module, 0)), ==, "Bài 1.1");
  g_assert_cmpstr (hs_lesson_get_src (lesson_at (module, 0)), ==, "c1/b1.html");
  /* Two identifiers that differ only by case make two lesson ids. */
  g_assert_cmpstr (hs_lesson_get_id (lesson_at (module, 1)), ==, "i_1_2_a");
  g_assert_cmpstr (hs_lesson_get_id (lesson_at (module, 2)), ==, "i_1_2_a-2");
  g_assert_cmpstr (hs_lesson_get_scorm (lesson_at (module, 2))->identifier, ==, "i_1_2_A");
  g_assert_cmpstr (hs_lesson_get_src (lesson_at (module, 2)), ==, "c1/b2.html");
  g_assert_cmpstr (hs_lesson_get_parameters (lesson_at (module, 2)), ==, "?b");

  module = module_at (course, 2);
  g_assert_cmpstr (hs_module_get_id (module), ==, "org-2");
  g_assert_cmpstr (hs_module_get_title (module), ==, "Khoá thử");
  lesson = lesson_at (module, 0);
  g_assert_cmpstr (hs_lesson_get_id (lesson), ==, "i_end");
  g_assert_false (hs_lesson_get_scorm (lesson)->visible);
  g_assert_cmpint (hs_lesson_get_scorm (lesson)->type, ==, HS_SCORM_TYPE_ASSET);
  /* A hidden item does not hold up the course; the others do. */
  g_assert_false (hs_lesson_get_required (lesson));
  g_assert_true (hs_lesson_get_required (hs_course_find_lesson (course, "i_intro")));
  g_assert_true (hs_lesson_get_required (hs_course_find_lesson (course, "i_1_2_a-2")));
}

static const char sequencing_2004[] =
  "<?xml version='1.0' encoding='UTF-8'?>\n"
  "<manifest identifier='com.example.an-toan' version='2.1' xml:base='noi-dung/' " NS_2004 ">\n"
  "  <metadata>\n"
  "    <schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion>\n"
  "    <lom xmlns='http://ltsc.ieee.org/xsd/LOM'><general><language>en</language></general></lom>\n"
  "  </metadata>\n"
  "  <organizations default='ORG_B'>\n"
  "    <organization identifier='ORG_A'><title>Khoá A</title>\n"
  "      <item identifier='A1' identifierref='R1'><title>A</title></item>\n"
  "    </organization>\n"
  "    <organization identifier='ORG_B'><title>Khóa B</title>\n"
  "      <item identifier='I1' identifierref='R1' parameters='?trang=2'>\n"
  "        <title>Một</title>\n"
  "        <adlcp:completionThreshold completedByMeasure='true' minProgressMeasure='0.75'/>\n"
  "        <adlcp:dataFromLMS>bat-dau=1</adlcp:dataFromLMS>\n"
  "        <adlcp:timeLimitAction>continue,message</adlcp:timeLimitAction>\n"
  "        <imsss:sequencing>\n"
  "          <imsss:limitConditions attemptAbsoluteDurationLimit='PT45M'/>\n"
  "          <imsss:objectives>\n"
  "            <imsss:primaryObjective objectiveID='p1' satisfiedByMeasure='true'>\n"
  "              <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>\n"
  "            </imsss:primaryObjective>\n"
  "          </imsss:objectives>\n"
  "          <adlseq:rollupConsiderations requiredForSatisfied='always'/>\n"
  "        </imsss:sequencing>\n"
  "      </item>\n"
  "      <item identifier='I2' identifierref='R2' parameters='#mục 3'>\n"
  "        <title>Hai</title>\n"
  "        <adlcp:completionThreshold>0.5</adlcp:completionThreshold>\n"
  "        <imsss:sequencing IDRef='seqA'/>\n"
  "      </item>\n"
  "      <item identifier='I3' identifierref='R3' parameters='&amp;a=1#f'>\n"
  "        <title>Ba</title>\n"
  "        <adlcp:completionThreshold completedByMeasure='false' minProgressMeasure='0.9'/>\n"
  "        <imsss:sequencing>\n"
  "          <imsss:objectives><imsss:primaryObjective satisfiedByMeasure='false'>\n"
  "            <imsss:minNormalizedMeasure>0.3</imsss:minNormalizedMeasure>\n"
  "          </imsss:primaryObjective></imsss:objectives>\n"
  "        </imsss:sequencing>\n"
  "      </item>\n"
  "      <item identifier='I4' identifierref='R4'><title>Tài liệu</title></item>\n"
  "    </organization>\n"
  "  </organizations>\n"
  "  <resources xml:base='bai/'>\n"
  "    <resource identifier='R1' type='webcontent' adlcp:scormType='sco' xml:base='mot/' href='index.html?lang=vi'/>\n"
  "    <resource identifier='R2' type='webcontent' adlcp:scormType='sco' xml:base='hai' href='./start.html'/>\n"
  "    <resource identifier='R3' type='webcontent' adlcp:scormType='sco' href='ba.html?x=y#g'/>\n"
  "    <resource identifier='R4' type='webcontent' adlcp:scormType='asset' xml:base='../' href='chung/t%C3%A0i%20li%E1%BB%87u.pdf'/>\n"
  "  </resources>\n"
  "  <imsss:sequencingCollection>\n"
  "    <imsss:sequencing ID='seqA'>\n"
  "      <imsss:objectives><imsss:primaryObjective satisfiedByMeasure='true'/></imsss:objectives>\n"
  "    </imsss:sequencing>\n"
  "  </imsss:sequencingCollection>\n"
  "</manifest>\n";

static const char * const sequencing_2004_files[] = {
  "noi-dung/bai/mot/index.html", "noi-dung/bai/hai/start.html", "noi-dung/bai/ba.html",
  "noi-dung/chung/tài liệu.pdf", NULL
};

static void
test_2004_base_and_parameters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = load_with_files (sequencing_2004, sequencing_2004_files, NULL, &error);
  HsLesson *lesson;

  g_assert_no_error (error);
  g_assert_cmpint (hs_course_get_package (course), ==, HS_COURSE_PACKAGE_SCORM_2004);
  /* The default organization, not the first. */
  g_assert_cmpstr (hs_course_get_title (course), ==, "Khóa B");
  g_assert_cmpstr (hs_course_get_version (course), ==, "2.1");
  g_assert_cmpstr (hs_course_get_language (course), ==, "en");
  g_assert_cmpuint (hs_course_get_n_lessons (course), ==, 4);

  /* xml:base of <manifest>, <resources> and <resource>, in that order;
   * the href's own query comes first, then the item's parameters. */
  lesson = hs_course_find_lesson (course, "i1");
  g_assert_cmpstr (hs_lesson_get_src (lesson), ==, "noi-dung/bai/mot/index.html");
  g_assert_cmpstr (hs_lesson_get_parameters (lesson), ==, "?lang=vi&trang=2");

  /* An xml:base without its final "/" still names a folder; parameters
   * starting with "#" are the fragment, percent-encoded. */
  lesson = hs_course_find_lesson (course, "i2");
  g_assert_cmpstr (hs_lesson_get_src (lesson), ==, "noi-dung/bai/hai/start.html");
  g_assert_cmpstr (hs_lesson_get_parameters (lesson), ==, "#m%E1%BB%A5c%203");

  /* A leading "&" is dropped; the href's fragment wins over the item's;
   * the fragment stays after the query. */
  lesson = hs_course_find_lesson (course, "i3");
  g_assert_cmpstr (hs_lesson_get_src (lesson), ==, "noi-dung/bai/ba.html");
  g_assert_cmpstr (hs_lesson_get_parameters (lesson), ==, "?x=y&a=1#g");

  /* "../" in an xml:base climbs back within the package; escapes name the
   * file's real characters. */
  lesson = hs_course_find_lesson (course, "i4");
  g_assert_cmpstr (hs_lesson_get_src (lesson), ==, "noi-dung/chung/tài liệu.pdf");
  g_assert_null (hs_lesson_get_parameters (lesson));
  g_assert_cmpint (hs_lesson_get_scorm (lesson)->type, ==, HS_SCORM_TYPE_ASSET);
}

static void
test_2004_sequencing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = load_with_files (sequencing_2004, sequencing_2004_files, NULL, &error);
  g_autoptr(JsonNode) json = NULL;
  const HsLessonScorm *scorm;
  const char *collection;
  xmlDoc *doc;
  xmlNode *root;

  g_assert_no_error (error);

  scorm = hs_lesson_get_scorm (hs_course_find_lesson (course, "i1"));
  g_assert_cmpfloat_with_epsilon (scorm->scaled_passing_score, 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (scorm->completion_threshold, 0.75, 1e-9);
  g_assert_true (isnan (scorm->mastery_score));
  g_assert_cmpstr (scorm->launch_data, ==, "bat-dau=1");
  g_assert_cmpstr (scorm->time_limit_action, ==, "continue,message");
  g_assert_cmpstr (scorm->max_time_allowed, ==, "PT45M");

  /* The sequencing is kept whole, with its namespaces, so it can be read
   * again on its own. */
  g_assert_nonnull (scorm->sequencing);
  doc = xmlReadMemory (scorm->sequencing, strlen (scorm->sequencing), NULL, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "sequencing");
  g_assert_cmpstr ((const char *) root->ns->href, ==, "http://www.imsglobal.org/xsd/imsss");
  g_assert_nonnull (strstr (scorm->sequencing, "attemptAbsoluteDurationLimit=\"PT45M\""));
  g_assert_nonnull (strstr (scorm->sequencing, "rollupConsiderations"));
  g_assert_nonnull (strstr (scorm->sequencing, "http://www.adlnet.org/xsd/adlseq_v1p3"));
  xmlFreeDoc (doc);

  /* Satisfied by measure through the collection, with no minimum given:
   * IMS Simple Sequencing's default of 1.0.  A 3rd Edition threshold is
   * the element's text. */
  scorm = hs_lesson_get_scorm (hs_course_find_lesson (course, "i2"));
  g_assert_cmpfloat (scorm->scaled_passing_score, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (scorm->completion_threshold, 0.5, 1e-9);
  g_assert_nonnull (strstr (scorm->sequencing, "IDRef=\"seqA\""));

  /* Not satisfied by measure, not completed by measure: neither applies. */
  scorm = hs_lesson_get_scorm (hs_course_find_lesson (course, "i3"));
  g_assert_true (isnan (scorm->scaled_passing_score));
  g_assert_true (isnan (scorm->completion_threshold));

  scorm = hs_lesson_get_scorm (hs_course_find_lesson (course, "i4"));
  g_assert_null (scorm->sequencing);

  /* The collection is kept in the course's manifest JSON. */
  json = json_from_string (hs_course_get_manifest_json (course), &error);
  g_assert_no_error (error);
  collection = json_object_get_string_member (json_object_get_object_member (json_node_get_object (json), "scorm"),
                                              "sequencing_collection");
  g_assert_nonnull (strstr (collection, "ID=\"seqA\""));
  g_assert_nonnull (strstr (collection, "sequencingCollection"));
}

static void
test_assets_and_scos (void)
{
  const char *items =
    "<item identifier='I1' identifierref='R1'><title>Một</title></item>\n"
    "<item identifier='I2' identifierref='R2'><title>Hai</title></item>\n"
    "<item identifier='I3' identifierref='R3'><title>Ba</title></item>\n";
  const char *resources =
    "<resource identifier='R1' adlcp:scormtype='asset' href='anh.png'/>\n"
    "<resource identifier='R2' href='trang.html'/>\n"
    "<resource identifier='R3' adlcp:scormtype='SCO' href='bai.html'/>\n";
  g_autofree char *manifest = manifest_12 (items, resources);
  g_autofree char *bad = manifest_12 (one_item, "<resource identifier='R1' adlcp:scormtype='lesson' href='index.html'/>");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = load_with_files (manifest, (const char *[]) { "anh.png", "trang.html", "bai.html", NULL },
                                                NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (hs_lesson_get_scorm (hs_course_find_lesson (course, "i1"))->type, ==, HS_SCORM_TYPE_ASSET);
  /* Without a scormtype a resource is an asset, as SCORM says. */
  g_assert_cmpint (hs_lesson_get_scorm (hs_course_find_lesson (course, "i2"))->type, ==, HS_SCORM_TYPE_ASSET);
  g_assert_cmpint (hs_lesson_get_scorm (hs_course_find_lesson (course, "i3"))->type, ==, HS_SCORM_TYPE_SCO);
  /* Any file may be launched, not only pages. */
  g_assert_cmpstr (hs_lesson_get_src (hs_course_find_lesson (course, "i1")), ==, "anh.png");

  assert_refused (bad, (const char *[]) { "index.html", NULL }, HS_SCORM_ERROR_INVALID_ELEMENT, "lesson");
}

static void
test_mastery_score (void)
{
  const struct {
    const char *text;
    double      expected;   /* NAN: absent; -1: refused */
  } cases[] = {
    { "80", 80 },
    { " 79.5 ", 79.5 },
    { "0", 0 },
    { "100", 100 },
    { "", NAN },
    { "150", -1 },
    { "-1", -1 },
    { "tám mươi", -1 },
    { "80%", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *item = g_strdup_printf ("<item identifier='I1' identifierref='R1'><title>Một</title>"
                                               "<adlcp:masteryscore>%s</adlcp:masteryscore></item>", cases[i].text);
      g_autofree char *manifest = manifest_12 (item, one_resource);
      g_autoptr(GError) error = NULL;
      g_autoptr(HsCourse) course = load_with_files (manifest, (const char *[]) { "index.html", NULL }, NULL, &error);

      if (cases[i].expected == -1)
        {
          g_assert_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT);
          g_assert_nonnull (strstr (error->message, "<adlcp:masteryscore>"));
          g_assert_nonnull (strstr (error->message, "I1"));
          continue;
        }
      g_assert_no_error (error);
      if (isnan (cases[i].expected))
        g_assert_true (isnan (hs_lesson_get_scorm (hs_course_find_lesson (course, "i1"))->mastery_score));
      else
        g_assert_cmpfloat (hs_lesson_get_scorm (hs_course_find_lesson (course, "i1"))->mastery_score, ==, cases[i].expected);
    }
}

static void
test_item_values (void)
{
  const struct {
    const char *element;
    const char *named;
  } refused[] = {
    { "<adlcp:maxtimeallowed>30 phút</adlcp:maxtimeallowed>", "<adlcp:maxtimeallowed>" },
    { "<adlcp:maxtimeallowed>00:75:00</adlcp:maxtimeallowed>", "<adlcp:maxtimeallowed>" },
    { "<adlcp:timelimitaction>stop</adlcp:timelimitaction>", "stop" },
  };
  g_autoptr(GString) long_data = g_string_new ("<adlcp:datafromlms>");
  g_autofree char *hidden = NULL;
  g_autofree char *long_item = NULL;
  g_autofree char *manifest = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *item = g_strdup_printf ("<item identifier='I1' identifierref='R1'><title>Một</title>%s</item>",
                                               refused[i].element);
      g_autofree char *text = manifest_12 (item, one_resource);

      assert_refused (text, (const char *[]) { "index.html", NULL }, HS_SCORM_ERROR_INVALID_ELEMENT, refused[i].named);
    }

  hidden = manifest_12 ("<item identifier='I1' identifierref='R1' isvisible='có lẽ'><title>Một</title></item>",
                        one_resource);
  assert_refused (hidden, (const char *[]) { "index.html", NULL }, HS_SCORM_ERROR_INVALID_ELEMENT, "isvisible");

  for (guint i = 0; i < 4097; i++)
    g_string_append_c (long_data, 'x');
  g_string_append (long_data, "</adlcp:datafromlms>");
  long_item = g_strdup_printf ("<item identifier='I1' identifierref='R1'><title>Một</title>%s</item>", long_data->str);
  manifest = manifest_12 (long_item, one_resource);
  assert_refused (manifest, (const char *[]) { "index.html", NULL }, HS_SCORM_ERROR_INVALID_ELEMENT, "4096");
}

static void
test_version (void)
{
  const struct {
    const char      *schemaversion;   /* NULL: no <schemaversion> */
    const char      *adlcp;           /* the adlcp namespace declared */
    HsCoursePackage  expected;
    gboolean         refused;
  } cases[] = {
    { "1.2", "http://www.adlnet.org/xsd/adlcp_rootv1p2", HS_COURSE_PACKAGE_SCORM_12, FALSE },
    { "CAM 1.3", "http://www.adlnet.org/xsd/adlcp_v1p3", HS_COURSE_PACKAGE_SCORM_2004, FALSE },
    { "2004 3rd Edition", "http://www.adlnet.org/xsd/adlcp_v1p3", HS_COURSE_PACKAGE_SCORM_2004, FALSE },
    { "2004 4th Edition", "http://www.adlnet.org/xsd/adlcp_v1p3", HS_COURSE_PACKAGE_SCORM_2004, FALSE },
    /* The schemaversion wins over a namespace. */
    { "1.2", "http://www.adlnet.org/xsd/adlcp_v1p3", HS_COURSE_PACKAGE_SCORM_12, FALSE },
    { NULL, "http://www.adlnet.org/xsd/adlcp_rootv1p2", HS_COURSE_PACKAGE_SCORM_12, FALSE },
    { NULL, "http://www.adlnet.org/xsd/adlcp_v1p3", HS_COURSE_PACKAGE_SCORM_2004, FALSE },
    { "1.1", "http://www.adlnet.org/xsd/adlcp_rootv1p2", 0, TRUE },
    { NULL, "http://example.com/not-scorm", 0, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *metadata = cases[i].schemaversion != NULL
        ? g_strdup_printf ("<metadata><schema>ADL SCORM</schema><schemaversion>%s</schemaversion></metadata>",
                           cases[i].schemaversion)
        : g_strdup ("");
      g_autofree char *manifest = g_strdup_printf ("<manifest identifier='m' xmlns:adlcp='%s'>%s"
                                                   "<organizations><organization identifier='o'><title>T</title>%s"
                                                   "</organization></organizations><resources>%s</resources></manifest>",
                                                   cases[i].adlcp, metadata, one_item, one_resource);
      g_autoptr(GError) error = NULL;
      g_autoptr(HsCourse) course = load_with_files (manifest, (const char *[]) { "index.html", NULL }, NULL, &error);

      if (cases[i].refused)
        {
          g_assert_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_UNSUPPORTED_VERSION);
          if (cases[i].schemaversion != NULL)
            g_assert_nonnull (strstr (error->message, cases[i].schemaversion));
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpint (hs_course_get_package (course), ==, cases[i].expected);
    }
}

static void
test_bad_xml (void)
{
  const char *manifest =
    "<?xml version='1.0'?>\n"
    "<manifest identifier='m'>\n"
    "  <organizations>\n"
    "  </organization>\n"
    "</manifest>\n";

  assert_refused (manifest, NULL, HS_SCORM_ERROR_INVALID_XML, "line 4");
  assert_refused ("", NULL, HS_SCORM_ERROR_INVALID_XML, "empty");
  assert_refused ("<organizations/>", NULL, HS_SCORM_ERROR_INVALID_ELEMENT, "<organizations>");
  /* An entity nobody declared. */
  assert_refused ("<manifest>&nbsp;</manifest>", NULL, HS_SCORM_ERROR_INVALID_XML, "nbsp");
}

static void
test_missing_resource (void)
{
  g_autofree char *manifest = manifest_12 ("<item identifier='I1' identifierref='KHONG_CO'><title>Một</title></item>",
                                           one_resource);
  g_autofree char *no_href = manifest_12 (one_item, "<resource identifier='R1' adlcp:scormtype='sco'/>");

  assert_refused (manifest, (const char *[]) { "index.html", NULL }, HS_SCORM_ERROR_MISSING_RESOURCE, "KHONG_CO");
  assert_refused (no_href, NULL, HS_SCORM_ERROR_INVALID_ELEMENT, "R1");
}

static void
test_missing_launch_file (void)
{
  g_autofree char *manifest = manifest_12 (one_item, one_resource);
  g_autofree char *nested = manifest_12 (one_item,
                                         "<resource identifier='R1' adlcp:scormtype='sco' xml:base='bai/' href='mot.html'/>");
  g_autofree char *percent = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = NULL;

  assert_refused (manifest, NULL, HS_SCORM_ERROR_MISSING_FILE, "index.html");
  /* The message names the path as resolved, and a folder is not a file. */
  assert_refused (nested, (const char *[]) { "mot.html", NULL }, HS_SCORM_ERROR_MISSING_FILE, "bai/mot.html");
  assert_refused (nested, (const char *[]) { "bai/mot.html/x.html", NULL }, HS_SCORM_ERROR_MISSING_FILE, "bai/mot.html");

  /* Without a folder to check against, the files are not looked for. */
  course = hs_scorm_parse (manifest, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_lesson_get_src (hs_course_find_lesson (course, "i1")), ==, "index.html");
  g_clear_object (&course);

  /* A file whose name really has a "%" is found too. */
  percent = manifest_12 (one_item, "<resource identifier='R1' adlcp:scormtype='sco' href='100%25.html'/>");
  course = load_with_files (percent, (const char *[]) { "100%25.html", NULL }, &dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_lesson_get_src (hs_course_find_lesson (course, "i1")), ==, "100%25.html");
  hs_test_rm_rf (dir);
}

static void
test_outside_package (void)
{
  const char * const hrefs[] = {
    "href='../../etc/passwd'",
    "href='a/../../x.html'",
    "href='%2e%2e/x.html'",
    "href='/etc/passwd'",
    "href='http://example.com/bai.html'",
    "href='//example.com/bai.html'",
    "href='file:///etc/passwd'",
    "href='C:\\bai.html'",
    "xml:base='../' href='x.html'",
    "xml:base='http://example.com/' href='x.html'",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hrefs); i++)
    {
      g_autofree char *resource = g_strdup_printf ("<resource identifier='R1' adlcp:scormtype='sco' %s/>", hrefs[i]);
      g_autofree char *manifest = manifest_12 (one_item, resource);

      assert_refused (manifest, (const char *[]) { "x.html", NULL }, HS_SCORM_ERROR_OUTSIDE_PACKAGE, NULL);
    }
}

static void
test_no_organization (void)
{
  const char *empty =
    "<manifest identifier='m' " NS_12 "><metadata><schemaversion>1.2</schemaversion></metadata>"
    "<organizations/><resources>" "<resource identifier='R1' href='index.html'/>" "</resources></manifest>";
  const char *none =
    "<manifest identifier='m' " NS_12 "><metadata><schemaversion>1.2</schemaversion></metadata>"
    "<resources/></manifest>";
  const char *wrong_default =
    "<manifest identifier='m' " NS_12 "><metadata><schemaversion>1.2</schemaversion></metadata>"
    "<organizations default='ORG_X'><organization identifier='ORG'><title>T</title></organization></organizations>"
    "<resources/></manifest>";
  g_autofree char *nothing = manifest_12 ("<item identifier='I1'><title>Trống</title></item>", one_resource);
  g_autofree char *untitled = manifest_12 ("<item identifier='I1' identifierref='R1'/>", one_resource);

  assert_refused (empty, (const char *[]) { "index.html", NULL }, HS_SCORM_ERROR_NO_ORGANIZATION, "<organization>");
  assert_refused (none, NULL, HS_SCORM_ERROR_NO_ORGANIZATION, NULL);
  assert_refused (wrong_default, NULL, HS_SCORM_ERROR_NO_ORGANIZATION, "ORG_X");
  assert_refused (nothing, (const char *[]) { "index.html", NULL }, HS_SCORM_ERROR_NOTHING_TO_LAUNCH, "Khoá thử");
  assert_refused (untitled, (const char *[]) { "index.html", NULL }, HS_SCORM_ERROR_INVALID_ELEMENT, "<title>");
}

static void
test_entities_refused (void)
{
  const char *cases[] = {
    /* An internal entity. */
    "<!DOCTYPE manifest [<!ENTITY t 'Tiêu đề'>]>"
    "<manifest><organizations><organization><title>&t;</title></organization></organizations></manifest>",
    /* An external one: never read. */
    "<!DOCTYPE manifest [<!ENTITY secret SYSTEM 'file:///etc/passwd'>]>"
    "<manifest><metadata><schemaversion>&secret;</schemaversion></metadata></manifest>",
    /* A parameter entity, fetched from the network if it were allowed. */
    "<!DOCTYPE manifest [<!ENTITY % remote SYSTEM 'http://127.0.0.1:9/x.dtd'> %remote;]><manifest/>",
    /* An entity with NDATA. */
    "<!DOCTYPE manifest [<!NOTATION png SYSTEM 'png'><!ENTITY pic SYSTEM 'a.png' NDATA png>]><manifest/>",
  };
  g_autoptr(GString) laughs = g_string_new ("<!DOCTYPE manifest [<!ENTITY l0 'ha'>");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (cases[i], NULL, HS_SCORM_ERROR_ENTITY, "<!DOCTYPE>");

  /* A billion laughs: refused at the first declaration, before any of it
   * could be expanded. */
  for (guint i = 1; i < 10; i++)
    g_string_append_printf (laughs, "<!ENTITY l%u '&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;'>",
                            i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  g_string_append (laughs, "]><manifest><organizations><organization><title>&l9;</title></organization></organizations></manifest>");
  assert_refused (laughs->str, NULL, HS_SCORM_ERROR_ENTITY, "l0");
}

static void
test_external_dtd_not_loaded (void)
{
  /* A DOCTYPE naming an external DTD is accepted, but the DTD is never
   * read, not even from the package: the entity it declares stays
   * unexpanded. */
  const char *manifest =
    "<?xml version='1.0'?>\n"
    "<!DOCTYPE manifest SYSTEM 'secret.dtd'>\n"
    "<manifest identifier='m' " NS_12 ">\n"
    "  <organizations><organization identifier='o'><title>Khoá&x;</title>\n"
    "    <item identifier='I1' identifierref='R1'><title>Bài một</title></item>\n"
    "  </organization></organizations>\n"
    "  <resources><resource identifier='R1' adlcp:scormtype='sco' href='index.html'/></resources>\n"
    "</manifest>\n";
  g_autofree char *dir = hs_test_make_tmp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = NULL;

  put (dir, "secret.dtd", "<!ENTITY x ' BÍ MẬT'>");
  put (dir, "index.html", "<p>x</p>");
  put (dir, HS_SCORM_MANIFEST_NAME, manifest);
  course = hs_scorm_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_course_get_title (course), ==, "Khoá");
  hs_test_rm_rf (dir);
}

static void
test_limits (void)
{
  g_autoptr(GString) deep = g_string_new ("<manifest><metadata>");
  g_autofree char *dir = hs_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, HS_SCORM_MANIFEST_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = NULL;
  int fd;

  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "<x>");
  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "</x>");
  g_string_append (deep, "</metadata></manifest>");
  assert_refused (deep->str, NULL, HS_SCORM_ERROR_TOO_DEEP, "64");

  /* A file over the limit is refused before it is read. */
  fd = g_open (path, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, HS_SCORM_MAX_SIZE + 1), ==, 0);
  close (fd);
  course = hs_scorm_load (dir, &error);
  g_assert_null (course);
  g_assert_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_remove (path);
  course = hs_scorm_load (dir, &error);
  g_assert_null (course);
  g_assert_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_NOT_FOUND);
  hs_test_rm_rf (dir);
}

static void
test_course_id (void)
{
  g_autofree char *adapt_a = hs_scorm_make_course_id ("adapt_manifest", "An toàn thông tin");
  g_autofree char *adapt_b = hs_scorm_make_course_id ("adapt_manifest", "Chữ ký số");
  g_autofree char *again = hs_scorm_make_course_id ("adapt_manifest", "An toàn thông tin");
  g_autofree char *vietnamese = hs_scorm_make_course_id ("Khóa_Học Đầu..Tiên", "T");
  g_autofree char *none = hs_scorm_make_course_id (NULL, "T");
  g_autofree char *symbols = hs_scorm_make_course_id ("...", "T");
  g_autofree char *long_id = NULL;
  g_autoptr(GString) longer = g_string_new (NULL);
  const char *versions[][2] = {
    { "version='3.0.1'", "3.0.1" },
    { "version='v2'", "1.0.0" },
    { "", "1.0.0" },
  };

  /* The same identifier with another title is another course (Adapt gives
   * every package the same identifier); the same pair is the same id. */
  g_assert_cmpstr (adapt_a, !=, adapt_b);
  g_assert_cmpstr (adapt_a, ==, again);
  g_assert_true (g_str_has_prefix (adapt_a, "adapt_manifest-"));
  g_assert_cmpuint (strlen (adapt_a), ==, strlen ("adapt_manifest-") + 8);

  g_assert_true (g_str_has_prefix (vietnamese, "khoa_hoc-dau.tien-"));
  g_assert_true (g_str_has_prefix (none, "scorm-"));
  g_assert_true (g_str_has_prefix (symbols, "scorm-"));

  for (guint i = 0; i < 30; i++)
    g_string_append (longer, "Rất_Dài-");
  long_id = hs_scorm_make_course_id (longer->str, "T");
  g_assert_cmpuint (strlen (long_id), <=, 64);

  g_assert_true (hs_utils_id_is_valid (adapt_a));
  g_assert_true (hs_utils_id_is_valid (vietnamese));
  g_assert_true (hs_utils_id_is_valid (none));
  g_assert_true (hs_utils_id_is_valid (symbols));
  g_assert_true (hs_utils_id_is_valid (long_id));

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *manifest = g_strdup_printf ("<manifest identifier='m' %s " NS_12 ">"
                                                   "<organizations><organization identifier='o'><title>T</title>%s"
                                                   "</organization></organizations><resources>%s</resources></manifest>",
                                                   versions[i][0], one_item, one_resource);
      g_autoptr(GError) error = NULL;
      g_autoptr(HsCourse) course = load_with_files (manifest, (const char *[]) { "index.html", NULL }, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (hs_course_get_version (course), ==, versions[i][1]);
    }
}

static void
test_time_formats (void)
{
  const struct {
    HsCoursePackage  package;
    const char      *value;
    gboolean         valid;
  } cases[] = {
    { HS_COURSE_PACKAGE_SCORM_12, "00:30:00", TRUE },
    { HS_COURSE_PACKAGE_SCORM_12, "0001:30:00.5", TRUE },
    { HS_COURSE_PACKAGE_SCORM_12, "12:00:59.99", TRUE },
    { HS_COURSE_PACKAGE_SCORM_12, "1:30:00", FALSE },
    { HS_COURSE_PACKAGE_SCORM_12, "00:60:00", FALSE },
    { HS_COURSE_PACKAGE_SCORM_12, "00:30:00.123", FALSE },
    { HS_COURSE_PACKAGE_SCORM_12, "PT30M", FALSE },
    { HS_COURSE_PACKAGE_SCORM_2004, "PT45M", TRUE },
    { HS_COURSE_PACKAGE_SCORM_2004, "P1DT2H30M10.5S", TRUE },
    { HS_COURSE_PACKAGE_SCORM_2004, "P2Y", TRUE },
    { HS_COURSE_PACKAGE_SCORM_2004, "P", FALSE },
    { HS_COURSE_PACKAGE_SCORM_2004, "PT", FALSE },
    { HS_COURSE_PACKAGE_SCORM_2004, "PT1.5H", FALSE },
    { HS_COURSE_PACKAGE_SCORM_2004, "PT30S10M", FALSE },
    { HS_COURSE_PACKAGE_SCORM_2004, "-PT1H", FALSE },
    { HS_COURSE_PACKAGE_SCORM_2004, "00:30:00", FALSE },
    { HS_COURSE_PACKAGE_HOCSO, "PT45M", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (hs_scorm_time_is_valid (cases[i].package, cases[i].value) != cases[i].valid)
      g_error ("%s should be %s", cases[i].value, cases[i].valid ? "valid" : "refused");
}

static void
assert_same_lessons (HsCourse *a,
                     HsCourse *b)
{
  GPtrArray *la = hs_course_get_lessons (a);
  GPtrArray *lb = hs_course_get_lessons (b);

  g_assert_cmpuint (la->len, ==, lb->len);
  for (guint i = 0; i < la->len; i++)
    {
      HsLesson *x = g_ptr_array_index (la, i);
      HsLesson *y = g_ptr_array_index (lb, i);
      const HsLessonScorm *sx = hs_lesson_get_scorm (x);
      const HsLessonScorm *sy = hs_lesson_get_scorm (y);

      g_assert_cmpstr (hs_lesson_get_id (x), ==, hs_lesson_get_id (y));
      g_assert_cmpstr (hs_lesson_get_module_id (x), ==, hs_lesson_get_module_id (y));
      g_assert_cmpstr (hs_lesson_get_src (x), ==, hs_lesson_get_src (y));
      g_assert_cmpstr (hs_lesson_get_parameters (x), ==, hs_lesson_get_parameters (y));
      g_assert_cmpint (hs_lesson_get_required (x), ==, hs_lesson_get_required (y));
      g_assert_cmpstr (sx->identifier, ==, sy->identifier);
      g_assert_cmpstr (sx->resource, ==, sy->resource);
      g_assert_cmpint (sx->type, ==, sy->type);
      g_assert_cmpint (sx->visible, ==, sy->visible);
      g_assert_true (sx->mastery_score == sy->mastery_score || (isnan (sx->mastery_score) && isnan (sy->mastery_score)));
      g_assert_true (sx->scaled_passing_score == sy->scaled_passing_score ||
                     (isnan (sx->scaled_passing_score) && isnan (sy->scaled_passing_score)));
      g_assert_true (sx->completion_threshold == sy->completion_threshold ||
                     (isnan (sx->completion_threshold) && isnan (sy->completion_threshold)));
      g_assert_cmpstr (sx->launch_data, ==, sy->launch_data);
      g_assert_cmpstr (sx->max_time_allowed, ==, sy->max_time_allowed);
      g_assert_cmpstr (sx->time_limit_action, ==, sy->time_limit_action);
      g_assert_cmpstr (sx->sequencing, ==, sy->sequencing);
    }
}

/* The library keeps only the manifest JSON and reads it back without the
 * package folder: everything must survive that. */
static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = load_with_files (sequencing_2004, sequencing_2004_files, NULL, &error);
  g_autoptr(HsCourse) again = NULL;

  g_assert_no_error (error);
  again = hs_manifest_parse (hs_course_get_manifest_json (course), -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hs_course_get_package (again), ==, HS_COURSE_PACKAGE_SCORM_2004);
  g_assert_cmpstr (hs_course_get_id (again), ==, hs_course_get_id (course));
  g_assert_cmpstr (hs_course_get_title (again), ==, hs_course_get_title (course));
  assert_same_lessons (course, again);
}

/* Returns @json with the member at @path ("modules[0].lessons[1].scorm.type")
 * set to the JSON text @value, or removed when @value is NULL. */
static char *
mutate (const char *json,
        const char *path,
        const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (json, &error);
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  g_assert_no_error (error);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup (parts[i]);
      char *bracket = strchr (name, '[');
      JsonObject *object = json_node_get_object (node);

      if (bracket != NULL)
        *bracket = '\0';
      if (parts[i + 1] == NULL)
        {
          g_assert_null (bracket);
          if (value == NULL)
            json_object_remove_member (object, name);
          else
            json_object_set_member (object, name, json_from_string (value, NULL));
          break;
        }
      node = json_object_get_member (object, name);
      if (bracket != NULL)
        node = json_array_get_element (json_node_get_array (node), atoi (bracket + 1));
    }

  return json_to_string (root, FALSE);
}

static void
test_json_rules (void)
{
  const struct {
    gboolean         is_2004;
    const char      *path;
    const char      *value;
    HsManifestError  code;
    const char      *named;
  } cases[] = {
    { FALSE, "package", "\"scorm-3\"", HS_MANIFEST_ERROR_INVALID_FIELD, "package" },
    { FALSE, "modules[0].lessons[0].kind", "\"page\"", HS_MANIFEST_ERROR_INVALID_FIELD, "modules[0].lessons[0].kind" },
    { FALSE, "modules[0].lessons[0].scorm", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "modules[0].lessons[0].scorm" },
    { FALSE, "modules[0].lessons[0].scorm.identifier", NULL, HS_MANIFEST_ERROR_MISSING_FIELD, "scorm.identifier" },
    { FALSE, "modules[0].lessons[0].scorm.type", "\"lesson\"", HS_MANIFEST_ERROR_INVALID_FIELD, "scorm.type" },
    { FALSE, "modules[0].lessons[0].scorm.visible", "\"no\"", HS_MANIFEST_ERROR_INVALID_FIELD, "scorm.visible" },
    { FALSE, "modules[0].lessons[0].scorm.mastery_score", "101", HS_MANIFEST_ERROR_INVALID_FIELD, "scorm.mastery_score" },
    { FALSE, "modules[0].lessons[0].scorm.scaled_passing_score", "0.5", HS_MANIFEST_ERROR_INVALID_FIELD, "scaled_passing_score" },
    { FALSE, "modules[0].lessons[0].scorm.completion_threshold", "0.5", HS_MANIFEST_ERROR_INVALID_FIELD, "completion_threshold" },
    { FALSE, "modules[0].lessons[0].scorm.sequencing", "\"<sequencing/>\"", HS_MANIFEST_ERROR_INVALID_FIELD, "scorm.sequencing" },
    { FALSE, "modules[0].lessons[0].scorm.max_time_allowed", "\"PT1H\"", HS_MANIFEST_ERROR_INVALID_FIELD, "max_time_allowed" },
    { FALSE, "modules[0].lessons[0].scorm.time_limit_action", "\"stop\"", HS_MANIFEST_ERROR_INVALID_FIELD, "time_limit_action" },
    { FALSE, "modules[0].lessons[0].parameters", "\"a=1\"", HS_MANIFEST_ERROR_INVALID_FIELD, "parameters" },
    { FALSE, "modules[0].lessons[0].parameters", "\"?a b\"", HS_MANIFEST_ERROR_INVALID_FIELD, "parameters" },
    { FALSE, "scorm", "\"x\"", HS_MANIFEST_ERROR_INVALID_FIELD, "scorm" },
    { FALSE, "scorm.sequencing_collection", "\"<c/>\"", HS_MANIFEST_ERROR_INVALID_FIELD, "sequencing_collection" },
    { TRUE, "modules[0].lessons[0].scorm.mastery_score", "80", HS_MANIFEST_ERROR_INVALID_FIELD, "mastery_score" },
    { TRUE, "modules[0].lessons[0].scorm.scaled_passing_score", "-1.5", HS_MANIFEST_ERROR_INVALID_FIELD, "scaled_passing_score" },
    { TRUE, "modules[0].lessons[0].scorm.max_time_allowed", "\"00:30:00\"", HS_MANIFEST_ERROR_INVALID_FIELD, "max_time_allowed" },
  };
  g_autofree char *manifest_12_text = manifest_12 (one_item, one_resource);
  g_autoptr(GError) error = NULL;
  g_autofree char *json_12 = hs_scorm_to_json (manifest_12_text, -1, NULL, &error);
  g_autofree char *json_2004 = NULL;

  g_assert_no_error (error);
  json_2004 = hs_scorm_to_json (sequencing_2004, -1, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = mutate (cases[i].is_2004 ? json_2004 : json_12, cases[i].path, cases[i].value);
      g_autoptr(HsCourse) course = hs_manifest_parse (json, -1, NULL, &error);

      g_assert_null (course);
      if (!g_error_matches (error, HS_MANIFEST_ERROR, cases[i].code) || strstr (error->message, cases[i].named) == NULL)
        g_error ("%s: expected code %d naming “%s”, got “%s”", cases[i].path, cases[i].code, cases[i].named,
                 error != NULL ? error->message : "success");
      g_clear_error (&error);
    }
}

/* A SCORM zip, as authoring tools export it inside one folder, imported by
 * the library like any package, listed, and read back from the database. */
static void
test_import_zip (void)
{
  g_autofree char *tmp = hs_test_make_tmp_dir ();
  g_autofree char *tree = g_build_filename (tmp, "tree", NULL);
  g_autofree char *data_dir = g_build_filename (tmp, "data", NULL);
  g_autofree char *package = g_build_filename (tmp, "goi-scorm.zip", NULL);
  g_autofree char *broken = g_build_filename (tmp, "hong.zip", NULL);
  g_autofree char *items = g_strdup_printf ("%s<item identifier='I2' identifierref='R2' parameters='?p=2'>"
                                            "<title>Bài hai</title><adlcp:masteryscore>70</adlcp:masteryscore></item>",
                                            one_item);
  g_autofree char *manifest = manifest_12 (items,
                                           "<resource identifier='R1' adlcp:scormtype='sco' href='index.html'/>"
                                           "<resource identifier='R2' adlcp:scormtype='sco' href='bai/hai.html'/>");
  g_autofree char *expected_dir = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autoptr(HsTestArchive) bad = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(HsCourse) stored = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  HsLesson *lesson;

  put (tree, HS_SCORM_MANIFEST_NAME, manifest);
  put (tree, "index.html", "<p>Một</p>");
  put (tree, "bai/hai.html", "<p>Hai</p>");
  hs_test_archive_add_dir (archive, "Gói SCORM");
  hs_test_archive_add_tree (archive, tree, "Gói SCORM/");
  hs_test_archive_write (archive, package, &error);
  g_assert_no_error (error);

  library = hs_library_new (data_dir, &error);
  g_assert_no_error (error);
  course = hs_library_import (library, package, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hs_course_get_package (course), ==, HS_COURSE_PACKAGE_SCORM_12);

  expected_dir = g_build_filename (data_dir, "courses", hs_course_get_id (course), "1.0", NULL);
  g_assert_cmpstr (hs_course_get_path (course), ==, expected_dir);
  {
    g_autofree char *launch = g_build_filename (expected_dir, "bai", "hai.html", NULL);
    g_assert_true (g_file_test (launch, G_FILE_TEST_IS_REGULAR));
  }

  listed = hs_library_list (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (hs_course_get_title (g_ptr_array_index (listed, 0)), ==, "Khoá thử");
  g_assert_cmpuint (hs_course_get_n_lessons (g_ptr_array_index (listed, 0)), ==, 2);

  stored = hs_library_get_course (library, hs_course_get_id (course), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hs_course_get_package (stored), ==, HS_COURSE_PACKAGE_SCORM_12);
  lesson = hs_course_find_lesson (stored, "i2");
  g_assert_nonnull (lesson);
  g_assert_cmpint (hs_lesson_get_kind (lesson), ==, HS_LESSON_KIND_SCO);
  g_assert_cmpstr (hs_lesson_get_src (lesson), ==, "bai/hai.html");
  g_assert_cmpstr (hs_lesson_get_parameters (lesson), ==, "?p=2");
  g_assert_cmpfloat (hs_lesson_get_scorm (lesson)->mastery_score, ==, 70);
  assert_same_lessons (course, stored);

  /* The lessons table has the launch file, kind "sco". */
  {
    sqlite3_stmt *stmt = hs_store_query (hs_library_get_store (library), &error,
                                         "SELECT kind, src FROM lessons WHERE course_id = ? AND id = 'i2'",
                                         "s", hs_course_get_id (course));

    g_assert_no_error (error);
    g_assert_cmpint (hs_store_step (hs_library_get_store (library), stmt, &error), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "sco");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "bai/hai.html");
    sqlite3_reset (stmt);
  }

  /* A package whose item opens a missing file is refused and leaves the
   * library as it was. */
  before = hs_test_snapshot_data_dir (data_dir);
  hs_test_archive_add_file (bad, HS_SCORM_MANIFEST_NAME, manifest, -1);
  hs_test_archive_add_file (bad, "index.html", "<p>Một</p>", -1);
  hs_test_archive_write (bad, broken, &error);
  g_assert_no_error (error);
  g_clear_object (&course);
  course = hs_library_import (library, broken, NULL, NULL, NULL, &error);
  g_assert_null (course);
  g_assert_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_MISSING_FILE);
  g_assert_nonnull (strstr (error->message, "bai/hai.html"));
  after = hs_test_snapshot_data_dir (data_dir);
  g_assert_cmpstr (before, ==, after);

  g_clear_object (&library);
  hs_test_rm_rf (tmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hocso/scorm/12-single-sco", test_12_single_sco);
  g_test_add_func ("/hocso/scorm/12-multi-sco", test_12_multi_sco);
  g_test_add_func ("/hocso/scorm/2004-base-and-parameters", test_2004_base_and_parameters);
  g_test_add_func ("/hocso/scorm/2004-sequencing", test_2004_sequencing);
  g_test_add_func ("/hocso/scorm/assets-and-scos", test_assets_and_scos);
  g_test_add_func ("/hocso/scorm/mastery-score", test_mastery_score);
  g_test_add_func ("/hocso/scorm/item-values", test_item_values);
  g_test_add_func ("/hocso/scorm/version", test_version);
  g_test_add_func ("/hocso/scorm/refuses/bad-xml", test_bad_xml);
  g_test_add_func ("/hocso/scorm/refuses/missing-resource", test_missing_resource);
  g_test_add_func ("/hocso/scorm/refuses/missing-launch-file", test_missing_launch_file);
  g_test_add_func ("/hocso/scorm/refuses/outside-package", test_outside_package);
  g_test_add_func ("/hocso/scorm/refuses/no-organization", test_no_organization);
  g_test_add_func ("/hocso/scorm/refuses/entities", test_entities_refused);
  g_test_add_func ("/hocso/scorm/refuses/limits", test_limits);
  g_test_add_func ("/hocso/scorm/external-dtd-not-loaded", test_external_dtd_not_loaded);
  g_test_add_func ("/hocso/scorm/course-id", test_course_id);
  g_test_add_func ("/hocso/scorm/time-formats", test_time_formats);
  g_test_add_func ("/hocso/scorm/round-trip", test_round_trip);
  g_test_add_func ("/hocso/scorm/json-rules", test_json_rules);
  g_test_add_func ("/hocso/scorm/import-zip", test_import_zip);

  return g_test_run ();
}
