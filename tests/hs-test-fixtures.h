/* hs-test-fixtures.h — courses and snapshots for the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-test-archive.h"
#include "hs-quiz.h"

G_BEGIN_DECLS

/* Writes a valid course (course.json, n_lessons page lessons, a cover) into
 * a new folder below parent and returns its path. */
char *hs_test_make_course_tree (const char   *parent,
                                const char   *id,
                                const char   *version,
                                guint         n_lessons) G_GNUC_WARN_UNUSED_RESULT;

/* Packs a course made by hs_test_make_course_tree() into parent/NAME and
 * returns the archive's path; top_folder puts it inside one folder. */
char *hs_test_make_package     (const char   *parent,
                                const char   *id,
                                const char   *version,
                                guint         n_lessons,
                                HsTestFormat  format,
                                gboolean      top_folder) G_GNUC_WARN_UNUSED_RESULT;

/* A zip of the course of hs_test_make_course_tree() (version 1.0.0, one
 * page "l1") with a quiz lesson "kiem-tra" whose file m1/quiz.json holds
 * quiz_json. */
char *hs_test_make_quiz_package (const char  *parent,
                                 const char  *id,
                                 const char  *quiz_json) G_GNUC_WARN_UNUSED_RESULT;

/* Zips a SCORM package into parent/NAME.zip: imsmanifest.xml holding
 * manifest, and files, a NULL-ended list of path, contents pairs. */
char *hs_test_make_scorm_package (const char         *parent,
                                  const char         *name,
                                  const char         *manifest,
                                  const char * const *files) G_GNUC_WARN_UNUSED_RESULT;

/* A zip of a course "id" version 1.0.0 titled @title, with two pages "l1"
 * and "l2", @audience as course.json writes it (e.g. "[\"teacher\"]"),
 * certificate.enabled set to @certificate and, with @quiz, a quiz lesson
 * "kiem-tra" of one true/false question. */
char *hs_test_make_certificate_package (const char  *parent,
                                        const char  *id,
                                        const char  *title,
                                        const char  *audience,
                                        gboolean     certificate,
                                        gboolean     quiz) G_GNUC_WARN_UNUSED_RESULT;

/* Every row of every table of the database, as text. */
char *hs_test_dump_db          (const char   *db_path) G_GNUC_WARN_UNUSED_RESULT;

/* What a data folder holds that an import may change: its course files,
 * whether a staging folder exists, and the database's rows. */
char *hs_test_snapshot_data_dir (const char  *data_dir) G_GNUC_WARN_UNUSED_RESULT;

/* Responses to a question of @quiz that earn all its points, and none,
 * built from its solution (so with the labels its page is shown). */
JsonNode *hs_test_quiz_right_response (HsQuiz      *quiz,
                                       const char  *question_id) G_GNUC_WARN_UNUSED_RESULT;
JsonNode *hs_test_quiz_wrong_response (HsQuiz      *quiz,
                                       const char  *question_id) G_GNUC_WARN_UNUSED_RESULT;

/* The demo walkthrough in the source tree (tests/data/walkthrough-demo):
 * walkthrough.json and its screens. */
const char *hs_test_walkthrough_demo_dir (void);

/* The demo walkthrough's walkthrough.json, as text. */
char *hs_test_walkthrough_demo_json (void) G_GNUC_WARN_UNUSED_RESULT;

/* The demo's walkthrough.json with the target of step “gui-yeu-cau” made
 * 40 px tall: too small for a finger, so the walkthrough is refused. */
char *hs_test_walkthrough_broken_json (void) G_GNUC_WARN_UNUSED_RESULT;

/* Copies the demo walkthrough (walkthrough.json and screens/) into dest,
 * which is made when missing. */
void  hs_test_copy_walkthrough_demo (const char *dest);

/* A course as hs_test_make_course_tree() makes it, with one page lesson and
 * a walkthrough lesson "kich-hoat" whose src is walkthrough.json: the demo
 * walkthrough at the top of the course, or walkthrough_json instead of its
 * JSON. */
char *hs_test_make_walkthrough_course_tree (const char *parent,
                                            const char *id,
                                            const char *walkthrough_json) G_GNUC_WARN_UNUSED_RESULT;

/* Packs hs_test_make_walkthrough_course_tree() into parent/NAME.zip. */
char *hs_test_make_walkthrough_package     (const char *parent,
                                            const char *id,
                                            const char *walkthrough_json) G_GNUC_WARN_UNUSED_RESULT;

/* As hs_test_make_walkthrough_package() with the demo, its first two
 * steps (mo-ung-dung, chon-kich-hoat) narrated by am-thanh/<step>.wav: a
 * second of silence each. */
char *hs_test_make_narrated_walkthrough_package (const char *parent,
                                                 const char *id) G_GNUC_WARN_UNUSED_RESULT;

/* A new temporary folder, removed with its contents by hs_test_rm_rf(). */
char *hs_test_make_tmp_dir     (void) G_GNUC_WARN_UNUSED_RESULT;
void  hs_test_rm_rf            (const char   *path);

G_END_DECLS
