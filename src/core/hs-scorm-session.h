/* hs-scorm-session.h — one learner playing one SCO: launch data, commits, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hs-progress.h"

G_BEGIN_DECLS

#define HS_SCORM_SESSION_ERROR (hs_scorm_session_error_quark ())

typedef enum {
  HS_SCORM_SESSION_ERROR_NOT_A_SCO,
  HS_SCORM_SESSION_ERROR_INVALID_DATA,
  HS_SCORM_SESSION_ERROR_CLOSED,
} HsScormSessionError;

/* The largest CMI data model a commit may carry, as JSON text. */
#define HS_SCORM_MAX_CMI_BYTES (4 * 1024 * 1024)

/* cmi.suspend_data of SCORM 1.2 is a CMIString4096: longer is kept, with a
 * warning in the log, as content from real authoring tools writes more. */
#define HS_SCORM_12_SUSPEND_DATA_LIMIT 4096

typedef enum {
  HS_SCORM_SUCCESS_UNKNOWN,
  HS_SCORM_SUCCESS_PASSED,
  HS_SCORM_SUCCESS_FAILED,
} HsScormSuccess;

/* What a SCO's CMI data model says about the lesson, in Học Số's terms
 * (hs_scorm_read_cmi()).  Numbers it does not say are NAN. */
typedef struct {
  gboolean        completed;        /* the lesson counts as done */
  HsScormSuccess  success;
  double          score;            /* 0–1 */
  double          progress;         /* 0–1, 2004 cmi.progress_measure */
  double          session_seconds;  /* cmi.core.session_time / cmi.session_time */
  char           *location;         /* cmi.core.lesson_location / cmi.location */
  glong           suspend_chars;    /* length of cmi.suspend_data, in characters */
} HsScormOutcome;

void     hs_scorm_outcome_clear     (HsScormOutcome      *outcome);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HsScormOutcome, hs_scorm_outcome_clear)

gboolean hs_scorm_parse_time        (HsCoursePackage      package,
                                     const char          *value,
                                     double              *seconds);
char    *hs_scorm_format_time       (HsCoursePackage      package,
                                     double               seconds) G_GNUC_WARN_UNUSED_RESULT;
char    *hs_scorm_learner_name      (const char          *name) G_GNUC_WARN_UNUSED_RESULT;
gboolean hs_scorm_element_is_foreign (HsCoursePackage     package,
                                     const char          *element);
gboolean hs_scorm_read_cmi          (HsCoursePackage      package,
                                     const HsLessonScorm *scorm,
                                     JsonObject          *cmi,
                                     HsScormOutcome      *outcome);

#define HS_TYPE_SCORM_SESSION (hs_scorm_session_get_type ())

/* Signals:
 *   committed (gboolean completed): a commit was saved; whether the lesson
 *   is completed now */
G_DECLARE_FINAL_TYPE (HsScormSession, hs_scorm_session, HS, SCORM_SESSION, GObject)

GQuark          hs_scorm_session_error_quark     (void);

HsScormSession *hs_scorm_session_new             (HsProgress      *progress,
                                                  HsLearner       *learner,
                                                  HsCourse        *course,
                                                  HsLesson        *lesson,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;
HsCoursePackage hs_scorm_session_get_package     (HsScormSession  *self);
const char     *hs_scorm_session_get_version     (HsScormSession  *self);
const char     *hs_scorm_session_get_course_id   (HsScormSession  *self);
const char     *hs_scorm_session_get_lesson_id   (HsScormSession  *self);
gboolean        hs_scorm_session_is_closed       (HsScormSession  *self);

JsonNode       *hs_scorm_session_launch          (HsScormSession  *self,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean        hs_scorm_session_commit          (HsScormSession  *self,
                                                  const char      *cmi_json,
                                                  gboolean         final,
                                                  GError         **error);
void            hs_scorm_session_close           (HsScormSession  *self);
void            hs_scorm_session_note_error      (HsScormSession  *self,
                                                  const char      *method,
                                                  const char      *element,
                                                  int              code);

G_END_DECLS
