/* hs-scorm-session.c — one learner playing one SCO: launch data, commits, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SCORM run-time (scorm-again, in the lesson page) holds the CMI data
 * model while the SCO runs.  This object gives it the data to start from —
 * what the manifest says, who the learner is, what the learner's last
 * session left — and takes every commit back: the data model as JSON,
 * saved in scorm_state with one row per interaction, and read into Học
 * Số's own progress (completed, passed, score, time spent), all in one
 * transaction.
 *
 * A commit is untrusted input: it comes from the lesson page, whose content
 * can change anything in its own world.  Only the members read here are
 * used, each checked for its type; the next launch copies only the elements
 * a SCO may read back, never the stored text whole.
 */
#define G_LOG_DOMAIN "hs-scorm-session"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hs-scorm-session.h"
#include "hs-utils.h"

/* How deep a saved subtree (objectives, interactions) is copied into the
 * next launch; the data model nests four levels at most. */
#define MAX_TREE_DEPTH 6

struct _HsScormSession
{
  GObject          parent_instance;

  HsProgress      *progress;
  HsStore         *store;
  HsLearner       *learner;
  char            *course_id;
  char            *lesson_id;
  char            *title;
  HsCoursePackage  package;
  HsLessonScorm   *scorm;

  gboolean         closed;
  gboolean         launched;
  gboolean         committed;        /* at least once in this session */
  double           base_seconds;     /* total time of earlier sessions */
  double           counted_seconds;  /* this session's time, as far as saved */
  gboolean         warned_suspend;
  GHashTable      *noted;            /* foreign element names already logged */

  /* What the last commit of this session recorded, so that a commit that
   * changes nothing logs nothing new. */
  char            *last_location;
  double           last_progress;
  double           last_score;
  HsScormSuccess   last_success;
};

G_DEFINE_FINAL_TYPE (HsScormSession, hs_scorm_session, G_TYPE_OBJECT)

enum {
  COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (hs-scorm-session-error-quark, hs_scorm_session_error)

void
hs_scorm_outcome_clear (HsScormOutcome *outcome)
{
  g_clear_pointer (&outcome->location, g_free);
}

/* Reads @count digits (at least one; any number when @count is 0) as a
 * whole number. */
static gboolean
read_number (const char **p,
             double      *value,
             guint       *n_digits)
{
  const char *start = *p;
  double v = 0;

  while (g_ascii_isdigit (**p))
    {
      v = v * 10 + (**p - '0');
      (*p)++;
    }
  *value = v;
  *n_digits = *p - start;
  return *n_digits > 0;
}

/* A fraction after a '.', as a number below 1. */
static gboolean
read_fraction (const char **p,
               double      *value)
{
  double scale = 0.1;
  const char *start;

  *value = 0;
  if (**p != '.')
    return TRUE;
  (*p)++;
  start = *p;
  while (g_ascii_isdigit (**p))
    {
      *value += (**p - '0') * scale;
      scale /= 10;
      (*p)++;
    }
  return *p > start;
}

static gboolean
parse_timespan (const char *p,
                double     *seconds)
{
  double hours, minutes, secs, fraction;
  guint n;

  if (!read_number (&p, &hours, &n) || n < 2 || n > 4 || *p++ != ':')
    return FALSE;
  if (!read_number (&p, &minutes, &n) || n != 2 || minutes > 59 || *p++ != ':')
    return FALSE;
  if (!read_number (&p, &secs, &n) || n != 2 || secs > 59 || !read_fraction (&p, &fraction) || *p != '\0')
    return FALSE;

  *seconds = hours * 3600 + minutes * 60 + secs + fraction;
  return TRUE;
}

/* An ISO 8601 duration, as SCORM 2004 timeinterval: P[nY][nM][nD][T[nH][nM][n[.n]S]].
 * A year counts 365 days and a month 30: session times never have them in
 * practice, and the data model gives no calendar to count them by. */
static gboolean
parse_duration (const char *p,
                double     *seconds)
{
  static const struct {
    char   unit;
    double seconds;
  } date_units[] = { { 'Y', 365 * 86400.0 }, { 'M', 30 * 86400.0 }, { 'D', 86400.0 } },
    time_units[] = { { 'H', 3600.0 }, { 'M', 60.0 }, { 'S', 1.0 } };
  double total = 0;
  gboolean any = FALSE;
  guint next = 0;

  if (*p++ != 'P')
    return FALSE;

  while (*p != '\0' && *p != 'T')
    {
      double value;
      guint n;

      if (!read_number (&p, &value, &n))
        return FALSE;
      while (next < G_N_ELEMENTS (date_units) && date_units[next].unit != *p)
        next++;
      if (next == G_N_ELEMENTS (date_units))
        return FALSE;
      total += value * date_units[next++].seconds;
      any = TRUE;
      p++;
    }

  if (*p == 'T')
    {
      gboolean any_time = FALSE;

      p++;
      next = 0;
      while (*p != '\0')
        {
          double value, fraction = 0;
          guint n;

          if (!read_number (&p, &value, &n))
            return FALSE;
          if (*p == '.' && (!read_fraction (&p, &fraction) || *p != 'S'))
            return FALSE;
          while (next < G_N_ELEMENTS (time_units) && time_units[next].unit != *p)
            next++;
          if (next == G_N_ELEMENTS (time_units))
            return FALSE;
          total += (value + fraction) * time_units[next++].seconds;
          any_time = TRUE;
          p++;
        }
      if (!any_time)
        return FALSE;
      any = TRUE;
    }

  *seconds = total;
  return any;
}

/**
 * hs_scorm_parse_time:
 * @seconds: (out): the time span in seconds
 *
 * Reads a session or total time: a SCORM 1.2 CMITimespan (HHHH:MM:SS.SS,
 * two to four digits of hours) or a SCORM 2004 timeinterval (an ISO 8601
 * duration such as PT1H30M5.25S).
 *
 * Returns: whether @value is such a time
 */
gboolean
hs_scorm_parse_time (HsCoursePackage  package,
                     const char      *value,
                     double          *seconds)
{
  double parsed = 0;
  gboolean ok;

  g_return_val_if_fail (seconds != NULL, FALSE);

  if (value == NULL)
    return FALSE;
  ok = package == HS_COURSE_PACKAGE_SCORM_12 ? parse_timespan (value, &parsed)
                                             : parse_duration (value, &parsed);
  if (ok)
    *seconds = parsed;
  return ok;
}

/**
 * hs_scorm_format_time:
 *
 * Writes @seconds as cmi.core.total_time (SCORM 1.2, 0000:00:00.00, hours
 * capped at 9999) or cmi.total_time (SCORM 2004, PT1H2M3.5S) takes it,
 * rounded to hundredths of a second.
 */
char *
hs_scorm_format_time (HsCoursePackage package,
                      double          seconds)
{
  guint64 centis = seconds > 0 ? (guint64) llround (seconds * 100) : 0;
  guint64 hours = centis / 360000;
  guint minutes = (centis / 6000) % 60;
  guint secs = (centis / 100) % 60;
  guint hundredths = centis % 100;
  GString *out;

  if (package == HS_COURSE_PACKAGE_SCORM_12)
    {
      if (hours > 9999)
        return g_strdup ("9999:59:59.99");
      return g_strdup_printf ("%02" G_GUINT64_FORMAT ":%02u:%02u.%02u", hours, minutes, secs, hundredths);
    }

  out = g_string_new ("PT");
  if (hours > 0)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT "H", hours);
  if (minutes > 0)
    g_string_append_printf (out, "%uM", minutes);
  if (hundredths > 0)
    g_string_append_printf (out, "%u.%02uS", secs, hundredths);
  else if (secs > 0 || (hours == 0 && minutes == 0))
    g_string_append_printf (out, "%uS", secs);
  return g_string_free (out, FALSE);
}

/**
 * hs_scorm_learner_name:
 *
 * The learner's name as cmi.core.student_name and cmi.learner_name want
 * it, "Family, Given".  A Vietnamese name starts with the family name, so
 * "Nguyễn Thị Lan" becomes "Nguyễn, Thị Lan"; a name of one word, or one
 * already written with a comma, stays as it is.
 */
char *
hs_scorm_learner_name (const char *name)
{
  g_autofree char *trimmed = NULL;
  const char *space;
  const char *given;

  g_return_val_if_fail (name != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name));
  space = strpbrk (trimmed, " \t");
  if (space == NULL || strchr (trimmed, ',') != NULL)
    return g_steal_pointer (&trimmed);

  for (given = space; *given == ' ' || *given == '\t'; given++)
    ;
  return g_strdup_printf ("%.*s, %s", (int) (space - trimmed), trimmed, given);
}

/* Names of one SCORM version's data model that the other has not: what
 * content written for one version sometimes sends to the other's API. */
static const char * const only_2004[] = {
  "cmi.completion_status", "cmi.success_status", "cmi.location", "cmi.learner_id", "cmi.learner_name",
  "cmi.progress_measure", "cmi.scaled_passing_score", "cmi.completion_threshold", "cmi.mode", "cmi.entry",
  "cmi.exit", "cmi.credit", "cmi.session_time", "cmi.total_time", "cmi.score.", "cmi.learner_preference.",
  "cmi.comments_from_learner.", "cmi.max_time_allowed", "cmi.time_limit_action", "adl.",
};

static const char * const only_12[] = {
  "cmi.core.", "cmi.student_data.", "cmi.student_preference.", "cmi.comments",
};

static gboolean
matches (const char *element,
         const char *name)
{
  gsize length = strlen (name);

  /* A name ending in '.' is a prefix; others must match whole. */
  if (name[length - 1] == '.')
    return g_str_has_prefix (element, name);
  return g_str_equal (element, name);
}

/**
 * hs_scorm_element_is_foreign:
 * @package: the SCORM version of the run-time the element was used with
 *
 * Whether @element (cmi.completion_status, cmi.core.lesson_status…) belongs
 * to the other SCORM version's data model: SCORM 1.2 content that writes
 * SCORM 2004 names, or the other way round.
 */
gboolean
hs_scorm_element_is_foreign (HsCoursePackage  package,
                             const char      *element)
{
  const char * const *names = package == HS_COURSE_PACKAGE_SCORM_12 ? only_2004 : only_12;
  guint n = package == HS_COURSE_PACKAGE_SCORM_12 ? G_N_ELEMENTS (only_2004) : G_N_ELEMENTS (only_12);
  const char *last;

  if (element == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (matches (element, names[i]))
      return TRUE;

  /* Interactions and objectives name their members differently. */
  last = strrchr (element, '.');
  if (last != NULL && (g_str_has_prefix (element, "cmi.interactions.") || g_str_has_prefix (element, "cmi.objectives.")))
    {
      static const char * const members_2004[] = { ".learner_response", ".timestamp", ".description",
                                                   ".success_status", ".completion_status", ".progress_measure" };
      static const char * const members_12[] = { ".student_response", ".time", ".status" };
      const char * const *members = package == HS_COURSE_PACKAGE_SCORM_12 ? members_2004 : members_12;
      guint n_members = package == HS_COURSE_PACKAGE_SCORM_12 ? G_N_ELEMENTS (members_2004) : G_N_ELEMENTS (members_12);

      for (guint i = 0; i < n_members; i++)
        if (g_str_equal (last, members[i]))
          return TRUE;
    }

  return FALSE;
}

/* The member at @path ("core.score.raw") of @object, when it is text or a
 * number: elements of the data model are strings, but a page may send
 * anything. */
static JsonNode *
member_at (JsonObject *object,
           const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (object == NULL || !json_object_has_member (object, parts[i]))
        return NULL;
      node = json_object_get_member (object, parts[i]);
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

/* The text of an element, or NULL when it is missing, empty or not text. */
static const char *
cmi_text (JsonObject *cmi,
          const char *path)
{
  JsonNode *node = member_at (cmi, path);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  return text != NULL && *text != '\0' && g_utf8_validate (text, -1, NULL) ? text : NULL;
}

/* A decimal element, or NAN. */
static double
cmi_number (JsonObject *cmi,
            const char *path)
{
  JsonNode *node = member_at (cmi, path);
  const char *text;
  char *end = NULL;
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_double (node);
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      text = json_node_get_string (node);
      if (text == NULL || *text == '\0')
        return NAN;
      value = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        return NAN;
    }
  else
    return NAN;
  return isfinite (value) ? value : NAN;
}

/* A raw score as a share: (raw − min) / (max − min), where min and max are
 * 0 and 100 when the SCO leaves them out. */
static double
share_of_raw (double raw,
              double min,
              double max)
{
  double share;

  if (isnan (raw))
    return NAN;
  if (isnan (min))
    min = 0;
  if (isnan (max))
    max = 100;
  share = max > min ? (raw - min) / (max - min) : raw / 100;
  return CLAMP (share, 0.0, 1.0);
}

static void
read_12 (const HsLessonScorm *scorm,
         JsonObject          *cmi,
         HsScormOutcome      *out)
{
  const char *status = cmi_text (cmi, "core.lesson_status");
  double raw = cmi_number (cmi, "core.score.raw");
  gboolean finished = g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "passed") == 0 ||
                      g_strcmp0 (status, "failed") == 0;

  out->score = share_of_raw (raw, cmi_number (cmi, "core.score.min"), cmi_number (cmi, "core.score.max"));
  if (g_strcmp0 (status, "passed") == 0)
    out->success = HS_SCORM_SUCCESS_PASSED;
  else if (g_strcmp0 (status, "failed") == 0)
    out->success = HS_SCORM_SUCCESS_FAILED;

  /* With a mastery score, the raw score decides passed or failed once the
   * SCO says it is finished (SCORM 1.2 RTE 3.4.4, cmi.core.lesson_status). */
  if (scorm != NULL && !isnan (scorm->mastery_score) && !isnan (raw) && finished)
    out->success = raw >= scorm->mastery_score ? HS_SCORM_SUCCESS_PASSED : HS_SCORM_SUCCESS_FAILED;

  out->completed = out->success == HS_SCORM_SUCCESS_PASSED ||
                   ((g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "passed") == 0) &&
                    out->success != HS_SCORM_SUCCESS_FAILED);
  if (!hs_scorm_parse_time (HS_COURSE_PACKAGE_SCORM_12, cmi_text (cmi, "core.session_time"), &out->session_seconds))
    out->session_seconds = NAN;
  out->location = g_strdup (cmi_text (cmi, "core.lesson_location"));
}

static void
read_2004 (const HsLessonScorm *scorm,
           JsonObject          *cmi,
           HsScormOutcome      *out)
{
  const char *completion = cmi_text (cmi, "completion_status");
  const char *success = cmi_text (cmi, "success_status");
  double scaled = cmi_number (cmi, "score.scaled");
  double measure = cmi_number (cmi, "progress_measure");
  gboolean complete;

  if (!isnan (scaled))
    out->score = CLAMP (scaled, 0.0, 1.0);
  else
    out->score = share_of_raw (cmi_number (cmi, "score.raw"), cmi_number (cmi, "score.min"),
                               cmi_number (cmi, "score.max"));
  if (!isnan (measure))
    out->progress = CLAMP (measure, 0.0, 1.0);

  /* The LMS judges by the manifest's measures when the SCO gives what they
   * measure (SCORM 2004 RTE 4.2.4.1 and 4.2.22.1). */
  if (scorm != NULL && !isnan (scorm->scaled_passing_score) && !isnan (scaled))
    out->success = scaled >= scorm->scaled_passing_score ? HS_SCORM_SUCCESS_PASSED : HS_SCORM_SUCCESS_FAILED;
  else if (g_strcmp0 (success, "passed") == 0)
    out->success = HS_SCORM_SUCCESS_PASSED;
  else if (g_strcmp0 (success, "failed") == 0)
    out->success = HS_SCORM_SUCCESS_FAILED;

  if (scorm != NULL && !isnan (scorm->completion_threshold) && !isnan (measure))
    complete = measure >= scorm->completion_threshold;
  else
    complete = g_strcmp0 (completion, "completed") == 0;

  out->completed = out->success == HS_SCORM_SUCCESS_PASSED ||
                   (complete && out->success != HS_SCORM_SUCCESS_FAILED);
  if (!hs_scorm_parse_time (HS_COURSE_PACKAGE_SCORM_2004, cmi_text (cmi, "session_time"), &out->session_seconds))
    out->session_seconds = NAN;
  out->location = g_strdup (cmi_text (cmi, "location"));
}

/**
 * hs_scorm_read_cmi:
 * @scorm: (nullable): the lesson's data from the manifest (mastery score,
 *   passing score, completion threshold)
 * @cmi: the "cmi" object of the data model, as the run-time renders it
 * @outcome: (out caller-allocates): clear it with hs_scorm_outcome_clear()
 *
 * Reads what the data model says about the lesson.  SCORM 1.2: "passed"
 * and "completed" complete it, "failed" does not; with a mastery score the
 * raw score decides passed or failed once the SCO has finished.  SCORM
 * 2004: completion_status, or progress_measure against the completion
 * threshold; success_status, or score.scaled against the scaled passing
 * score.  In both, a lesson passed is completed and a lesson failed is not,
 * as for a quiz.  The score is score.scaled (2004), else the raw score
 * between min and max (0 and 100 when not given).
 *
 * Returns: %TRUE (the data model was read; what it lacks stays unknown)
 */
gboolean
hs_scorm_read_cmi (HsCoursePackage      package,
                   const HsLessonScorm *scorm,
                   JsonObject          *cmi,
                   HsScormOutcome      *outcome)
{
  g_return_val_if_fail (package != HS_COURSE_PACKAGE_HOCSO, FALSE);
  g_return_val_if_fail (cmi != NULL, FALSE);
  g_return_val_if_fail (outcome != NULL, FALSE);

  memset (outcome, 0, sizeof *outcome);
  outcome->success = HS_SCORM_SUCCESS_UNKNOWN;
  outcome->score = NAN;
  outcome->progress = NAN;
  outcome->session_seconds = NAN;

  if (package == HS_COURSE_PACKAGE_SCORM_12)
    read_12 (scorm, cmi, outcome);
  else
    read_2004 (scorm, cmi, outcome);

  {
    const char *suspend = cmi_text (cmi, "suspend_data");
    outcome->suspend_chars = suspend != NULL ? g_utf8_strlen (suspend, -1) : 0;
  }
  return TRUE;
}

static void
hs_scorm_session_finalize (GObject *object)
{
  HsScormSession *self = HS_SCORM_SESSION (object);

  g_clear_object (&self->progress);
  g_clear_object (&self->learner);
  g_free (self->course_id);
  g_free (self->lesson_id);
  g_free (self->title);
  g_free (self->last_location);
  g_clear_pointer (&self->scorm, hs_lesson_scorm_free);
  g_clear_pointer (&self->noted, g_hash_table_unref);

  G_OBJECT_CLASS (hs_scorm_session_parent_class)->finalize (object);
}

static void
hs_scorm_session_class_init (HsScormSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_scorm_session_finalize;

  /**
   * HsScormSession::committed:
   * @completed: whether the lesson is completed now
   *
   * A commit of the SCO was saved, with what it means for the lesson.
   */
  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
hs_scorm_session_init (HsScormSession *self)
{
  self->noted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->last_progress = NAN;
  self->last_score = NAN;
  self->last_success = HS_SCORM_SUCCESS_UNKNOWN;
}

/**
 * hs_scorm_session_new:
 * @lesson: a lesson of kind "sco" and SCORM type "sco" of @course, a SCORM
 *   course that is installed
 *
 * A session is one launch of the SCO: make a new one each time the lesson
 * opens.
 */
HsScormSession *
hs_scorm_session_new (HsProgress  *progress,
                      HsLearner   *learner,
                      HsCourse    *course,
                      HsLesson    *lesson,
                      GError     **error)
{
  HsScormSession *self;
  const HsLessonScorm *scorm;

  g_return_val_if_fail (HS_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (HS_IS_LEARNER (learner), NULL);
  g_return_val_if_fail (HS_IS_COURSE (course), NULL);
  g_return_val_if_fail (HS_IS_LESSON (lesson), NULL);

  scorm = hs_lesson_get_scorm (lesson);
  if (hs_lesson_get_kind (lesson) != HS_LESSON_KIND_SCO || scorm == NULL || scorm->type != HS_SCORM_TYPE_SCO ||
      hs_course_get_package (course) == HS_COURSE_PACKAGE_HOCSO)
    {
      g_set_error (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_NOT_A_SCO,
                   _("The lesson “%s” is not a SCO of a SCORM course."), hs_lesson_get_title (lesson));
      return NULL;
    }

  self = g_object_new (HS_TYPE_SCORM_SESSION, NULL);
  self->progress = g_object_ref (progress);
  self->store = hs_progress_get_store (progress);
  self->learner = g_object_ref (learner);
  self->course_id = g_strdup (hs_course_get_id (course));
  self->lesson_id = g_strdup (hs_lesson_get_id (lesson));
  self->title = g_strdup (hs_lesson_get_title (lesson));
  self->package = hs_course_get_package (course);
  self->scorm = hs_lesson_scorm_copy (scorm);

  return self;
}

HsCoursePackage
hs_scorm_session_get_package (HsScormSession *self)
{
  g_return_val_if_fail (HS_IS_SCORM_SESSION (self), HS_COURSE_PACKAGE_SCORM_12);
  return self->package;
}

/**
 * hs_scorm_session_get_version:
 *
 * Returns: "1.2" or "2004", the data model the SCO uses
 */
const char *
hs_scorm_session_get_version (HsScormSession *self)
{
  g_return_val_if_fail (HS_IS_SCORM_SESSION (self), NULL);
  return self->package == HS_COURSE_PACKAGE_SCORM_12 ? "1.2" : "2004";
}

const char *
hs_scorm_session_get_course_id (HsScormSession *self)
{
  g_return_val_if_fail (HS_IS_SCORM_SESSION (self), NULL);
  return self->course_id;
}

const char *
hs_scorm_session_get_lesson_id (HsScormSession *self)
{
  g_return_val_if_fail (HS_IS_SCORM_SESSION (self), NULL);
  return self->lesson_id;
}

gboolean
hs_scorm_session_is_closed (HsScormSession *self)
{
  g_return_val_if_fail (HS_IS_SCORM_SESSION (self), TRUE);
  return self->closed;
}

/* A copy of a saved subtree of the data model (objectives, interactions,
 * preferences) with only what loads back: objects of text, no counts
 * ("_count", "_children"), no empty values. */
static JsonNode *
copy_tree (JsonNode *node,
           guint     depth)
{
  if (node == NULL || depth > MAX_TREE_DEPTH)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
        return NULL;
      return json_node_copy (node);
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(JsonObject) copy = json_object_new ();
      g_autoptr(GList) names = json_object_get_members (object);
      JsonNode *result;

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *child;

          if (name[0] == '_')
            continue;
          child = copy_tree (json_object_get_member (object, name), depth + 1);
          if (child != NULL)
            json_object_set_member (copy, name, child);
        }
      if (json_object_get_size (copy) == 0)
        return NULL;
      result = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (result, copy);
      return result;
    }

  return NULL;
}

/* Sets @path ("core.score.raw") of @object to @text, making the objects on
 * the way; nothing when @text is NULL. */
static void
set_text (JsonObject *object,
          const char *path,
          const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return;
  parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i + 1] != NULL; i++)
    {
      if (!json_object_has_member (object, parts[i]) ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, parts[i])))
        json_object_set_object_member (object, parts[i], json_object_new ());
      object = json_object_get_object_member (object, parts[i]);
    }
  json_object_set_string_member (object, parts[g_strv_length (parts) - 1], text);
}

static void
set_number (JsonObject *object,
            const char *path,
            double      value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (value))
    set_text (object, path, g_ascii_formatd (text, sizeof text, "%.10g", value));
}

/* Copies the element at @path of @saved into @cmi, when it is text. */
static void
keep_text (JsonObject *cmi,
           JsonObject *saved,
           const char *path)
{
  if (saved != NULL)
    set_text (cmi, path, cmi_text (saved, path));
}

static void
keep_tree (JsonObject *cmi,
           JsonObject *saved,
           const char *name)
{
  JsonNode *copy;

  if (saved == NULL || !json_object_has_member (saved, name))
    return;
  copy = copy_tree (json_object_get_member (saved, name), 0);
  if (copy != NULL)
    json_object_set_member (cmi, name, copy);
}

typedef struct {
  char   *cmi;
  double  total_seconds;
} Saved;

/* The learner's saved data model of this SCO, if it is of this SCORM
 * version. */
static gboolean
read_saved (HsScormSession  *self,
            Saved           *saved,
            GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (saved, 0, sizeof *saved);
  stmt = hs_store_query (self->store, error,
                         "SELECT version, cmi, total_seconds FROM scorm_state"
                         " WHERE learner_id = ? AND course_id = ? AND lesson_id = ?",
                         "Iss", hs_learner_get_id (self->learner), self->course_id, self->lesson_id);
  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      const char *version = (const char *) sqlite3_column_text (stmt, 0);

      /* An update of the course may have moved it to the other SCORM
       * version; its data model does not load into this one. */
      if (g_strcmp0 (version, hs_scorm_session_get_version (self)) == 0)
        {
          saved->cmi = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          saved->total_seconds = sqlite3_column_double (stmt, 2);
        }
      else
        g_message ("The saved SCORM %s data of “%s” does not fit its SCORM %s package; it starts afresh",
                   version, self->title, hs_scorm_session_get_version (self));
    }
  sqlite3_reset (stmt);
  return rc != -1;
}

static void
launch_12 (HsScormSession *self,
           JsonObject     *cmi,
           JsonObject     *saved,
           const char     *entry,
           const char     *name,
           const char     *total)
{
  const char *status = saved ? cmi_text (saved, "core.lesson_status") : NULL;

  set_text (cmi, "core.student_id", hs_learner_get_uuid (self->learner));
  set_text (cmi, "core.student_name", name);
  set_text (cmi, "core.credit", "credit");
  set_text (cmi, "core.lesson_mode", "normal");
  set_text (cmi, "core.entry", entry);
  set_text (cmi, "core.total_time", total);
  if (g_strcmp0 (status, "not attempted") != 0)
    set_text (cmi, "core.lesson_status", status);
  keep_text (cmi, saved, "core.lesson_location");
  keep_text (cmi, saved, "core.score.raw");
  keep_text (cmi, saved, "core.score.min");
  keep_text (cmi, saved, "core.score.max");
  keep_text (cmi, saved, "suspend_data");
  keep_text (cmi, saved, "comments");
  keep_tree (cmi, saved, "objectives");
  keep_tree (cmi, saved, "student_preference");
  /* Write-only in SCORM 1.2, but loaded so that cmi.interactions._count
   * goes on from the last session and new answers do not overwrite rows
   * kept for reports. */
  keep_tree (cmi, saved, "interactions");

  set_text (cmi, "launch_data", self->scorm->launch_data);
  set_number (cmi, "student_data.mastery_score", self->scorm->mastery_score);
  set_text (cmi, "student_data.max_time_allowed", self->scorm->max_time_allowed);
  set_text (cmi, "student_data.time_limit_action", self->scorm->time_limit_action);
}

static void
launch_2004 (HsScormSession *self,
             JsonObject     *cmi,
             JsonObject     *saved,
             const char     *entry,
             const char     *name,
             const char     *total)
{
  const char *completion = saved ? cmi_text (saved, "completion_status") : NULL;
  const char *success = saved ? cmi_text (saved, "success_status") : NULL;

  set_text (cmi, "learner_id", hs_learner_get_uuid (self->learner));
  set_text (cmi, "learner_name", name);
  set_text (cmi, "credit", "credit");
  set_text (cmi, "mode", "normal");
  set_text (cmi, "entry", entry);
  set_text (cmi, "total_time", total);
  if (g_strcmp0 (completion, "unknown") != 0)
    set_text (cmi, "completion_status", completion);
  if (g_strcmp0 (success, "unknown") != 0)
    set_text (cmi, "success_status", success);
  keep_text (cmi, saved, "location");
  keep_text (cmi, saved, "suspend_data");
  keep_text (cmi, saved, "progress_measure");
  keep_text (cmi, saved, "score.scaled");
  keep_text (cmi, saved, "score.raw");
  keep_text (cmi, saved, "score.min");
  keep_text (cmi, saved, "score.max");
  keep_tree (cmi, saved, "objectives");
  keep_tree (cmi, saved, "interactions");
  keep_tree (cmi, saved, "learner_preference");
  keep_tree (cmi, saved, "comments_from_learner");

  set_text (cmi, "launch_data", self->scorm->launch_data);
  set_number (cmi, "scaled_passing_score", self->scorm->scaled_passing_score);
  set_number (cmi, "completion_threshold", self->scorm->completion_threshold);
  set_text (cmi, "max_time_allowed", self->scorm->max_time_allowed);
  set_text (cmi, "time_limit_action", self->scorm->time_limit_action);
}

/* The "cmi" object of a saved data model, or NULL. */
static JsonObject *
saved_cmi (JsonNode *root)
{
  JsonNode *cmi;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  cmi = json_object_get_member (json_node_get_object (root), "cmi");
  return cmi != NULL && JSON_NODE_HOLDS_OBJECT (cmi) ? json_node_get_object (cmi) : NULL;
}

/**
 * hs_scorm_session_launch:
 *
 * The data model to start the SCO with, as the run-time's loadFromJSON()
 * takes it: {"cmi": {…}}.  What the LMS sets (who the learner is, credit
 * and mode, the manifest's mastery score, launch data and time limits, the
 * time of earlier sessions) and what the learner's last session left that
 * a SCO reads back (location, suspend data, status, score, objectives,
 * interactions, preferences).  cmi.core.entry (1.2) or cmi.entry (2004) is
 * "resume" when that session left a location or suspend data, else
 * "ab-initio".
 */
JsonNode *
hs_scorm_session_launch (HsScormSession  *self,
                         GError         **error)
{
  g_autoptr(JsonObject) cmi = json_object_new ();
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) saved_root = NULL;
  g_autofree char *name = NULL;
  g_autofree char *total = NULL;
  Saved saved;
  JsonObject *saved_object;
  const char *entry = "ab-initio";
  JsonNode *node;

  g_return_val_if_fail (HS_IS_SCORM_SESSION (self), NULL);

  if (!read_saved (self, &saved, error))
    return NULL;
  if (saved.cmi != NULL)
    saved_root = json_from_string (saved.cmi, NULL);
  g_free (saved.cmi);

  saved_object = saved_cmi (saved_root);
  if (saved_object != NULL)
    {
      const char *location = cmi_text (saved_object, self->package == HS_COURSE_PACKAGE_SCORM_12
                                                     ? "core.lesson_location" : "location");
      const char *exit_value = cmi_text (saved_object, self->package == HS_COURSE_PACKAGE_SCORM_12
                                                       ? "core.exit" : "exit");

      if (location != NULL || cmi_text (saved_object, "suspend_data") != NULL ||
          g_strcmp0 (exit_value, "suspend") == 0)
        entry = "resume";
    }

  self->launched = TRUE;
  self->base_seconds = saved.total_seconds;
  self->counted_seconds = 0;
  name = hs_scorm_learner_name (hs_learner_get_name (self->learner));
  total = hs_scorm_format_time (self->package, saved.total_seconds);

  if (self->package == HS_COURSE_PACKAGE_SCORM_12)
    launch_12 (self, cmi, saved_object, entry, name, total);
  else
    launch_2004 (self, cmi, saved_object, entry, name, total);

  json_object_set_object_member (root, "cmi", g_steal_pointer (&cmi));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  return node;
}

/* Logs, once per session, an element of the other SCORM version's data
 * model: the content was made for the other run-time. */
static void
note_foreign (HsScormSession *self,
              const char     *element)
{
  if (g_hash_table_contains (self->noted, element))
    return;
  g_hash_table_add (self->noted, g_strdup (element));
  g_message ("The SCO “%s” of “%s” used %s, a name of SCORM %s, with the SCORM %s run-time; it is ignored",
             self->title, self->course_id, element,
             self->package == HS_COURSE_PACKAGE_SCORM_12 ? "2004" : "1.2",
             hs_scorm_session_get_version (self));
}

/**
 * hs_scorm_session_note_error:
 * @method: the API function, "LMSSetValue", "GetValue"…
 * @element: (nullable): the data model element it was called with
 * @code: the SCORM error code the call ended with
 *
 * The run-time refused a call of the SCO.  A name of the other SCORM
 * version's data model is logged as a message (content made for the other
 * run-time); anything else is only a debug message, as SCOs probe for
 * elements as a matter of course.
 */
void
hs_scorm_session_note_error (HsScormSession *self,
                             const char     *method,
                             const char     *element,
                             int             code)
{
  g_return_if_fail (HS_IS_SCORM_SESSION (self));

  if (element != NULL && hs_scorm_element_is_foreign (self->package, element))
    note_foreign (self, element);
  else
    g_debug ("%s (%s) of the SCO “%s” ended with SCORM error %d", method, element ? element : "", self->title, code);
}

/* The patterns or ids of a list of objects ("correct_responses",
 * "objectives"), as a JSON array. */
static char *
list_of (JsonObject *interaction,
         const char *list,
         const char *member)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node = json_object_get_member (interaction, list);

  json_builder_begin_array (builder);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *items = json_node_get_object (node);

      for (guint i = 0;; i++)
        {
          char key[16];
          JsonNode *item;
          const char *text;

          g_snprintf (key, sizeof key, "%u", i);
          item = json_object_get_member (items, key);
          if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
            break;
          text = cmi_text (json_node_get_object (item), member);
          json_builder_add_string_value (builder, text ? text : "");
        }
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

typedef struct {
  HsScormSession *self;
  JsonNode       *root;
  JsonObject     *cmi;
  HsScormOutcome *outcome;
  double          counted;    /* this session's time after the commit */
  gboolean        completed;  /* the lesson, after the commit */
} CommitData;

static gboolean
save_interactions (HsScormSession *self,
                   JsonObject     *cmi,
                   const char     *now,
                   GError        **error)
{
  gboolean is_12 = self->package == HS_COURSE_PACKAGE_SCORM_12;
  JsonNode *node = json_object_get_member (cmi, "interactions");
  JsonObject *interactions;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  interactions = json_node_get_object (node);

  /* The run-time keeps interactions as "0", "1"… in the order they were
   * first set; the index is the row's key. */
  for (guint n = 0;; n++)
    {
      g_autofree char *correct = NULL;
      g_autofree char *objectives = NULL;
      char key[16];
      JsonNode *item;
      JsonObject *interaction;
      const char *id;

      g_snprintf (key, sizeof key, "%u", n);
      item = json_object_get_member (interactions, key);
      if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
        break;
      interaction = json_node_get_object (item);
      id = cmi_text (interaction, "id");
      if (id == NULL)
        continue;

      correct = list_of (interaction, "correct_responses", "pattern");
      objectives = list_of (interaction, "objectives", "id");
      if (!hs_store_run (self->store, error,
                         "INSERT INTO scorm_interactions (learner_id, course_id, lesson_id, n, id, type, time, weighting,"
                         "  response, result, latency, description, correct_responses, objectives, updated)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
                         " ON CONFLICT DO UPDATE SET id = excluded.id, type = excluded.type, time = excluded.time,"
                         "   weighting = excluded.weighting, response = excluded.response, result = excluded.result,"
                         "   latency = excluded.latency, description = excluded.description,"
                         "   correct_responses = excluded.correct_responses, objectives = excluded.objectives,"
                         "   updated = excluded.updated",
                         "Ississsssssssss", hs_learner_get_id (self->learner), self->course_id, self->lesson_id, (int) n,
                         id, cmi_text (interaction, "type"),
                         cmi_text (interaction, is_12 ? "time" : "timestamp"),
                         cmi_text (interaction, "weighting"),
                         cmi_text (interaction, is_12 ? "student_response" : "learner_response"),
                         cmi_text (interaction, "result"), cmi_text (interaction, "latency"),
                         is_12 ? NULL : cmi_text (interaction, "description"),
                         correct, objectives, now))
        return FALSE;
    }

  return TRUE;
}

/* The saved place, when the progress table can keep it. */
static const char *
usable_location (const char *location)
{
  return location != NULL && strlen (location) <= 4096 ? location : NULL;
}

static gboolean
same_number (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
commit_txn (HsStore   *store,
            gpointer   user_data,
            GError   **error)
{
  CommitData *data = user_data;
  HsScormSession *self = data->self;
  HsScormOutcome *outcome = data->outcome;
  g_autofree char *now = hs_utils_now_iso ();
  g_autofree char *json = json_to_string (data->root, FALSE);
  g_autoptr(HsLessonProgress) state = NULL;
  const char *location = usable_location (outcome->location);
  gint64 seconds;

  if (!hs_store_run (store, error,
                     "INSERT INTO scorm_state (learner_id, course_id, lesson_id, version, cmi, total_seconds, launches, updated)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)"
                     " ON CONFLICT DO UPDATE SET version = excluded.version, cmi = excluded.cmi,"
                     "   total_seconds = excluded.total_seconds, launches = launches + ?8, updated = excluded.updated",
                     "Issssdsi", hs_learner_get_id (self->learner), self->course_id, self->lesson_id,
                     hs_scorm_session_get_version (self), json, self->base_seconds + data->counted, now,
                     self->committed ? 0 : 1))
    return FALSE;

  if (!save_interactions (self, data->cmi, now, error))
    return FALSE;

  /* Where the learner is, and how far (2004 progress_measure). */
  if (g_strcmp0 (location, self->last_location) != 0 || !same_number (outcome->progress, self->last_progress))
    {
      if (!hs_progress_record (self->progress, self->learner, self->course_id, self->lesson_id, HS_VERB_PROGRESSED,
                               isnan (outcome->progress) ? 0 : outcome->progress, location, error))
        return FALSE;
    }

  /* Time spent: whole seconds of this session's time not added yet. */
  seconds = (gint64) floor (data->counted) - (gint64) floor (self->counted_seconds);
  if (seconds > 0 &&
      !hs_progress_add_time (self->progress, self->learner, self->course_id, self->lesson_id, seconds, error))
    return FALSE;

  /* A verdict, or a score alone.  The progress row keeps the best of each:
   * a lesson once passed stays passed whatever the SCO says later. */
  if (outcome->success != HS_SCORM_SUCCESS_UNKNOWN)
    {
      if ((outcome->success != self->last_success || !same_number (outcome->score, self->last_score)) &&
          !hs_progress_record_result (self->progress, self->learner, self->course_id, self->lesson_id,
                                      outcome->score, outcome->success == HS_SCORM_SUCCESS_PASSED, error))
        return FALSE;
    }
  else if (!isnan (outcome->score) && !same_number (outcome->score, self->last_score) &&
           !hs_progress_record_score (self->progress, self->learner, self->course_id, self->lesson_id,
                                      outcome->score, error))
    return FALSE;

  state = hs_progress_get_lesson (self->progress, self->learner, self->course_id, self->lesson_id, error);
  if (state == NULL)
    return FALSE;
  if (outcome->completed && state->status != HS_LESSON_STATUS_COMPLETED)
    {
      if (!hs_progress_record (self->progress, self->learner, self->course_id, self->lesson_id, HS_VERB_COMPLETED,
                               1, location, error))
        return FALSE;
      data->completed = TRUE;
    }
  else
    data->completed = state->status == HS_LESSON_STATUS_COMPLETED;

  return TRUE;
}

/* Members the other SCORM version's run-time renders at the top of the
 * data model; a commit that has them was made by content written for it
 * (or by hand), and they are logged and ignored. */
static void
note_foreign_members (HsScormSession *self,
                      JsonObject     *cmi)
{
  g_autoptr(GList) names = json_object_get_members (cmi);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *element = g_strconcat ("cmi.", (const char *) l->data, NULL);
      g_autofree char *prefix = g_strconcat (element, ".", NULL);

      if (hs_scorm_element_is_foreign (self->package, element) ||
          hs_scorm_element_is_foreign (self->package, prefix))
        note_foreign (self, element);
    }
}

/**
 * hs_scorm_session_commit:
 * @cmi_json: the SCO's data model as the run-time renders it, {"cmi": {…}}
 * @final: the SCO ended its session (LMSFinish, Terminate) or the learner
 *   left it
 *
 * Saves a commit in one transaction: the data model in scorm_state (its
 * session time added to the total), each interaction as a row of
 * scorm_interactions, and what it means for the lesson (see
 * hs_scorm_read_cmi()) through hs-progress: where the learner is, the time
 * spent, passed or failed with the score, or the score alone, and
 * completed.  Nothing moves back: a lesson passed or completed stays so.
 * suspend_data above the SCORM 1.2 limit is kept, with a warning in the
 * log.
 */
gboolean
hs_scorm_session_commit (HsScormSession  *self,
                         const char      *cmi_json,
                         gboolean         final,
                         GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_auto(HsScormOutcome) outcome = { 0 };
  CommitData data = { 0 };
  JsonObject *cmi;

  g_return_val_if_fail (HS_IS_SCORM_SESSION (self), FALSE);
  g_return_val_if_fail (cmi_json != NULL, FALSE);

  if (self->closed)
    {
      g_set_error (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_CLOSED,
                   _("The SCO “%s” was already closed; its data can no longer change."), self->title);
      return FALSE;
    }

  if (strlen (cmi_json) > HS_SCORM_MAX_CMI_BYTES)
    {
      g_set_error (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_INVALID_DATA,
                   _("The SCO “%s” sent more data than Học Số keeps (%d MiB at most)."),
                   self->title, HS_SCORM_MAX_CMI_BYTES / (1024 * 1024));
      return FALSE;
    }

  root = json_from_string (cmi_json, &parse_error);
  cmi = saved_cmi (root);
  if (cmi == NULL)
    {
      g_set_error (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_INVALID_DATA,
                   _("The SCO “%s” sent data that is not a SCORM data model: %s"), self->title,
                   parse_error ? parse_error->message : _("there is no “cmi” object."));
      return FALSE;
    }

  /* Time already saved counts on even when the SCO was never launched
   * through hs_scorm_session_launch(). */
  if (!self->launched)
    {
      Saved saved;

      if (!read_saved (self, &saved, error))
        return FALSE;
      g_free (saved.cmi);
      self->launched = TRUE;
      self->base_seconds = saved.total_seconds;
    }

  note_foreign_members (self, cmi);
  hs_scorm_read_cmi (self->package, self->scorm, cmi, &outcome);

  if (self->package == HS_COURSE_PACKAGE_SCORM_12 && outcome.suspend_chars > HS_SCORM_12_SUSPEND_DATA_LIMIT &&
      !self->warned_suspend)
    {
      self->warned_suspend = TRUE;
      g_warning ("The SCO “%s” of “%s” saved %ld characters of suspend data, more than the %d of SCORM 1.2; all of it is kept",
                 self->title, self->course_id, outcome.suspend_chars, HS_SCORM_12_SUSPEND_DATA_LIMIT);
    }

  data.self = self;
  data.root = root;
  data.cmi = cmi;
  data.outcome = &outcome;
  data.counted = self->counted_seconds;
  /* session_time is the time of the whole session so far, set again and
   * again; a smaller one (a SCO restarting its clock) adds nothing. */
  if (!isnan (outcome.session_seconds))
    data.counted = MAX (self->counted_seconds, outcome.session_seconds);

  if (!hs_store_transaction (self->store, commit_txn, &data, error))
    return FALSE;

  self->committed = TRUE;
  self->counted_seconds = data.counted;
  g_free (self->last_location);
  self->last_location = g_strdup (usable_location (outcome.location));
  self->last_progress = outcome.progress;
  self->last_score = outcome.score;
  self->last_success = outcome.success;

  g_debug ("Saved a%s commit of the SCO “%s”", final ? " final" : "", self->title);
  g_signal_emit (self, signals[COMMITTED], 0, data.completed);
  return TRUE;
}

/**
 * hs_scorm_session_close:
 *
 * Ends the session: the SCO's page is gone, and any commit that still
 * arrives for it is refused.
 */
void
hs_scorm_session_close (HsScormSession *self)
{
  g_return_if_fail (HS_IS_SCORM_SESSION (self));
  self->closed = TRUE;
}
