/* hs-progress.h — learners, lesson progress and the event log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hs-learner.h"
#include "hs-library.h"

G_BEGIN_DECLS

#define HS_PROGRESS_ERROR (hs_progress_error_quark ())

typedef enum {
  HS_PROGRESS_ERROR_INVALID_NAME,
  HS_PROGRESS_ERROR_NAME_TAKEN,
  HS_PROGRESS_ERROR_NO_LEARNER,
  HS_PROGRESS_ERROR_NO_LESSON,
  HS_PROGRESS_ERROR_INVALID_VALUE,
  HS_PROGRESS_ERROR_INVALID_PIN,
  HS_PROGRESS_ERROR_WRONG_PIN,
} HsProgressError;

/* What a learner did with a lesson: the verbs of the event log. */
typedef enum {
  HS_VERB_OPENED,
  HS_VERB_PROGRESSED,
  HS_VERB_COMPLETED,
  HS_VERB_PASSED,
  HS_VERB_FAILED,
  HS_VERB_SCORED,
} HsVerb;

typedef enum {
  HS_LESSON_STATUS_NOT_STARTED,
  HS_LESSON_STATUS_IN_PROGRESS,
  HS_LESSON_STATUS_COMPLETED,
} HsLessonStatus;

typedef struct {
  char           *lesson_id;
  HsLessonStatus  status;
  double          fraction;
  char           *location;   /* where to resume, as the lesson runtime wrote it */
  char           *updated;
  char           *completed;
  gboolean        has_score;  /* assessed lessons: the best score so far */
  double          score;
  gboolean        passed;
  gint64          seconds;    /* time spent, as lessons that count it report it */
} HsLessonProgress;

typedef struct {
  guint     n_lessons;
  guint     n_completed;
  guint     n_required;
  guint     n_required_completed;
  gboolean  complete;
  char     *completed;        /* when the course became complete, or NULL */
} HsCourseProgress;

/* A course-level "completed" statement: when a learner first completed a
 * course, and which version it was. */
typedef struct {
  gint64  learner_id;
  char   *course_id;
  char   *course_version;
  char   *time;             /* UTC ISO 8601, as the event log keeps it */
} HsCourseCompletion;

#define HS_TYPE_PROGRESS (hs_progress_get_type ())

G_DECLARE_FINAL_TYPE (HsProgress, hs_progress, HS, PROGRESS, GObject)

GQuark              hs_progress_error_quark      (void);
const char         *hs_verb_to_iri               (HsVerb            verb);
gboolean            hs_verb_from_string          (const char       *str,
                                                  HsVerb           *verb);
const char         *hs_lesson_status_to_string   (HsLessonStatus    status);
void                hs_lesson_progress_free      (HsLessonProgress *progress);
void                hs_course_progress_clear     (HsCourseProgress *progress);
void                hs_course_completion_free    (HsCourseCompletion *completion);

HsProgress         *hs_progress_new              (HsLibrary        *library) G_GNUC_WARN_UNUSED_RESULT;
HsStore            *hs_progress_get_store        (HsProgress       *self);
HsLibrary          *hs_progress_get_library      (HsProgress       *self);
HsLearner          *hs_progress_add_learner      (HsProgress       *self,
                                                  const char       *name,
                                                  HsRole            role,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray          *hs_progress_list_learners    (HsProgress       *self,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
HsLearner          *hs_progress_find_learner     (HsProgress       *self,
                                                  const char       *name,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean            hs_progress_record           (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  const char       *course_id,
                                                  const char       *lesson_id,
                                                  HsVerb            verb,
                                                  double            fraction,
                                                  const char       *location,
                                                  GError          **error);
gboolean            hs_progress_record_result    (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  const char       *course_id,
                                                  const char       *lesson_id,
                                                  double            score,
                                                  gboolean          passed,
                                                  GError          **error);
gboolean            hs_progress_record_score     (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  const char       *course_id,
                                                  const char       *lesson_id,
                                                  double            score,
                                                  GError          **error);
gboolean            hs_progress_add_time         (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  const char       *course_id,
                                                  const char       *lesson_id,
                                                  gint64            seconds,
                                                  GError          **error);
JsonNode           *hs_progress_list_attempts    (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  const char       *course_id,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray          *hs_progress_get_lessons      (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  HsCourse         *course,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
#define HS_PIN_MIN_DIGITS 4
#define HS_PIN_MAX_DIGITS 6

gboolean            hs_pin_is_valid              (const char       *pin);
gboolean            hs_progress_set_pin          (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  const char       *pin,
                                                  GError          **error);
gboolean            hs_progress_check_pin        (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  const char       *pin,
                                                  GError          **error);
gboolean            hs_progress_set_last_learner (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  GError          **error);
HsLearner          *hs_progress_get_last_learner (HsProgress       *self) G_GNUC_WARN_UNUSED_RESULT;
HsLessonProgress   *hs_progress_get_last_lesson  (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  char            **course_id,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
HsLessonProgress   *hs_progress_get_lesson       (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  const char       *course_id,
                                                  const char       *lesson_id,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean            hs_progress_get_course       (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  HsCourse         *course,
                                                  HsCourseProgress *out,
                                                  GError          **error);
GPtrArray          *hs_progress_list_completions (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  const char       *course_id,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean            hs_progress_get_course_score (HsProgress       *self,
                                                  HsLearner        *learner,
                                                  const char       *course_id,
                                                  double           *score,
                                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsLessonProgress, hs_lesson_progress_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HsCourseProgress, hs_course_progress_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsCourseCompletion, hs_course_completion_free)

G_END_DECLS
