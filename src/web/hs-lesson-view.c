/* hs-lesson-view.c — a lesson page in WebKit, sealed in its course's origin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three walls keep a lesson inside its course: a content filter compiled
 * per course that blocks every load but hocso://<course-id>/ and the media
 * server; the Content-Security-Policy hs-scheme puts on every response; and
 * the navigation policy here, which refuses to leave the course, to open
 * windows or to download.  The lesson runtime (ui/runtime/lesson.js) runs
 * in its own script world and reports progress through a message handler
 * registered only for that world, so a page cannot forge a record.
 *
 * A SCO is the exception the SCORM standard makes: its API must be on a
 * window of the page's own world.  The API (ui/runtime/scorm.js, with
 * scorm-again) goes there, on the SCORM player page; it hands what it
 * commits to a bridge in our world (ui/runtime/scorm-bridge.js) over a
 * private channel, and the bridge signs it with a token that names this
 * launch of this lesson.  Only the token decides which lesson a commit
 * belongs to, and the commit is checked as untrusted data in core.
 */
#define G_LOG_DOMAIN "hs-lesson-view"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hs-lesson-view.h"
#include "hs-runtime-resources.h"
#include "hs-scheme.h"
#include "hs-speech.h"
#include "hs-utils.h"

struct _HsLessonView
{
  WebKitWebView                 parent_instance;

  HsMediaServer                *media_server;
  WebKitUserContentFilterStore *filter_store;
  GCancellable                 *cancellable;
  char                         *scope;
  char                         *course_id;
  char                         *course_dir;
  char                         *lesson_id;
  char                         *pending_uri;
  char                         *filter_key;   /* course and media origin */
  char                         *identifier;   /* the filter's name in the store */
  GBytes                       *rules;        /* the filter's JSON */
  guint                         serial;       /* of the latest load */
  HsQuizSession                *quiz;         /* answers the quiz page, when one is shown */
  char                         *speech_voice; /* espeak-ng voice for read-aloud */
  char                         *speech_file;  /* the WAV being read aloud, removed after */
  char                         *find;         /* words to mark in the next lesson loaded */

  /* What hs_lesson_view_load() asked for, set up once the page before it
   * has been left. */
  HsCourse                     *pending_course;
  HsLesson                     *pending_lesson;
  char                         *pending_location;

  HsScormSession               *next_scorm;   /* for the next SCO to load */
  HsScormSession               *scorm;        /* the SCO shown, when one is */
  char                         *scorm_token;  /* its bridge signs messages with this */
  struct _ScormClose           *closing;      /* the SCO being left, when one is */
  gboolean                      scorm_debug;
  HsWalkthroughSession         *walkthrough;  /* answers the practice page, when one is shown */
};

/* A SCO being left: its page is asked for its last data, which is saved
 * before anything else loads. */
typedef void (*StopMediaDone) (HsLessonView *self);

typedef struct _ScormClose {
  HsLessonView   *self;
  HsScormSession *session;
  char           *token;
  guint           serial;
  StopMediaDone   done;        /* what comes after: the next load, or nothing */
  GCancellable   *cancellable;
  guint           timeout_id;
  GApplication   *app;         /* held, so quitting waits for the data */
} ScormClose;

/* How long a SCO's page may take to hand over its last data. */
#define SCORM_CLOSE_SECONDS 8

G_DEFINE_FINAL_TYPE (HsLessonView, hs_lesson_view, WEBKIT_TYPE_WEB_VIEW)

enum {
  PROP_0,
  PROP_MEDIA_SERVER,
  N_PROPS
};

enum {
  PROGRESS,
  COMPLETED,
  EXTERNAL_LINK,
  READING,
  SCORM_CALL,
  RECORD_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static guint next_scope;

/* Compiled filters of this run, by course: compiling again on every lesson
 * would write the same file again and again. */
static GHashTable *filters;

static char *
runtime_source (const char *name)
{
  g_autofree char *path = g_strconcat ("/io/github/hocso/HocSo/runtime/", name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (bytes != NULL);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Every text the quiz page shows, translated here so the page needs no
 * translations of its own.  {name} marks where the page puts a value. */
/* One text of a page the app draws, by the name the page knows it by. */
typedef struct {
  const char *key;
  const char *text;
} PageString;

static void
add_strings (JsonBuilder      *builder,
             const PageString *strings,
             guint             n)
{
  json_builder_set_member_name (builder, "strings");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, strings[i].key);
      json_builder_add_string_value (builder, strings[i].text);
    }
  json_builder_end_object (builder);
}

static void
add_quiz_strings (JsonBuilder *builder)
{
  const PageString strings[] = {
    { "problem", _("Something went wrong") },
    { "continue", _("Continue") },
    /* Translators: {n} is a number of questions. */
    { "questionCount", _("Questions: {n}") },
    /* Translators: {percent} is a number; keep the space before % as your language writes it. */
    /* xgettext:no-c-format */
    { "passMark", _("To pass: {percent} % of the points") },
    /* Translators: {minutes} is a number. */
    { "timeLimit", _("Time allowed: {minutes} minutes") },
    { "attemptsLeft", _("Attempts left: {left} of {limit}") },
    { "attemptsUnlimited", _("You may try as many times as you like.") },
    { "bestPassed", _("You passed this quiz. Your best result: {percent} %.") },
    { "best", _("Your best result so far: {percent} %.") },
    { "unfinished", _("You have an unfinished attempt: {answered} of {total} questions answered.") },
    { "resume", _("Carry on where I stopped") },
    { "tryAgain", _("Try again") },
    { "start", _("Start the quiz") },
    { "noAttemptsLeft", _("You have used all your attempts at this quiz.") },
    { "seeResults", _("See my last result") },
    { "pickOne", _("Choose one answer.") },
    { "pickAll", _("Choose every right answer.") },
    { "true", _("True") },
    { "false", _("False") },
    { "yourAnswer", _("Your answer") },
    { "typeAnswer", _("Type your answer:") },
    /* Translators: {item} is the text of a step being moved. */
    { "moveUp", _("Move up: {item}") },
    { "moveDown", _("Move down: {item}") },
    { "putInOrder", _("Put the steps in the right order with the arrow buttons.") },
    { "matchEach", _("For each item on the left, choose what goes with it.") },
    { "choose", _("— Choose —") },
    { "unknownType", _("This version of Học Số cannot show questions of type “{type}”.") },
    /* Translators: a countdown, e.g. "Time left: 4:05". */
    { "timeLeft", _("Time left: {minutes}:{seconds}") },
    { "answerFirst", _("Choose or type an answer first.") },
    { "previous", _("Previous question") },
    { "next", _("Next question") },
    { "finish", _("Hand in") },
    { "check", _("Check my answer") },
    /* Translators: shown above each question, e.g. "Question 3/10". */
    { "questionOf", _("Question {n}/{total}") },
    { "answeredOf", _("{n} of {total} questions answered") },
    { "worth", _("This question is worth {points} points.") },
    { "picture", _("Picture for the question") },
    { "handInTitle", _("Hand in your answers?") },
    { "unanswered", _("Questions not answered yet: {n}. They earn no points if you hand in now.") },
    { "goBack", _("Go back to the questions") },
    { "handIn", _("Hand in now") },
    { "nothingPicked", _("(nothing chosen)") },
    { "notMatched", _("(not matched)") },
    { "notAnswered", _("Not answered") },
    { "right", _("Right") },
    { "partly", _("Partly right") },
    { "wrong", _("Not right") },
    { "yourAnswerLabel", _("Your answer:") },
    { "rightAnswerLabel", _("The right answer:") },
    { "whyLabel", _("Why:") },
    { "resultsTitle", _("Your result") },
    { "score", _("{percent} %") },
    { "pointsOf", _("{earned} of {max} points") },
    { "timeUp", _("The time ran out, so your answers were handed in.") },
    { "passed", _("Well done — you passed!") },
    /* Translators: {percent} is the pass mark. */
    /* xgettext:no-c-format */
    { "notPassed", _("Not passed this time ({percent} % needed). That is fine: read the explanations below and try again.") },
    { "keptBest", _("You passed on an earlier attempt; your best result, {percent} %, is kept.") },
    { "attemptsLeftNow", _("Attempts left: {left}") },
    { "backToStart", _("Back to the start of the quiz") },
    { "reviewTitle", _("Each question again") },
    { "noReview", _("This quiz does not show the answers.") },
  };

  add_strings (builder, strings, G_N_ELEMENTS (strings));
}

/* Every text the practice page shows around the walkthrough's own, as for
 * the quiz page.  The mode names are the words the learner chooses by. */
static void
add_walkthrough_strings (JsonBuilder *builder)
{
  const PageString strings[] = {
    { "problem", _("Something went wrong") },
    { "continue", _("Continue") },
    /* Translators: {n} is the number of steps of a practice. */
    { "stepCount", _("Steps: {n}") },
    { "toPass", _("To pass the test: {need} of {total} steps right the first time") },
    { "invented", _("Every number and name in this practice is made up. Never type your own real details into it.") },
    /* Translators: {percent} is a number; keep the space before % as your language writes it. */
    /* xgettext:no-c-format */
    { "bestPassed", _("You passed the test. Your best result: {percent} %.") },
    /* xgettext:no-c-format */
    { "best", _("Your best test result so far: {percent} %.") },
    { "openTest", _("You have a test in progress: {done} of {total} steps done. Everything you did is kept.") },
    { "chooseMode", _("How would you like to practise?") },
    /* Translators: the three ways to practise, chosen at the start. */
    { "watch", C_("walkthrough mode", "Watch") },
    { "watchText", _("See each step done for you, with the instructions read out.") },
    { "try", C_("walkthrough mode", "Try") },
    { "tryText", _("Do each step yourself. Hints appear when you need them.") },
    { "test", C_("walkthrough mode", "Test") },
    { "testText", _("Do every step on your own, without hints. It is scored.") },
    { "resumeTest", _("Carry on with the test") },
    { "seeResult", _("See my last test result") },
    /* Translators: above each step, e.g. "Step 3/10". */
    { "stepOf", _("Step {n}/{total}") },
    { "aside", _("Read this carefully") },
    { "doneOf", _("{done} of {total} steps done") },
    { "phone", _("The practice phone") },
    { "listen", _("Listen to the instruction") },
    { "right", _("Right!") },
    { "miss", _("Not quite. Have another go.") },
    { "hint", _("Hint:") },
    { "typeHere", _("Type here") },
    { "typed", _("Done typing") },
    { "typeFirst", _("Type in the box on the phone first.") },
    { "chooseOne", _("Choose one:") },
    { "tapHere", _("Tap here") },
    { "previousStep", _("Previous step") },
    { "nextStep", _("Next step") },
    { "pause", _("Pause") },
    { "play", _("Play") },
    { "leave", _("Choose another way to practise") },
    { "resumed", _("The test carries on from the step where you stopped.") },
    { "guardTitle", _("Stop for a moment") },
    { "guardBack", _("I understand — back to the practice") },
    { "watchedAll", _("You have watched all {total} steps.") },
    { "watchAgain", _("Watch again") },
    { "tryNow", _("Try it yourself") },
    { "takeTest", _("Take the test") },
    { "triedTitle", _("You did it!") },
    { "triedText", _("You did all {total} steps yourself. When you feel ready, take the test.") },
    { "tryAgain", _("Try again") },
    { "resultTitle", _("Your test result") },
    { "resultSteps", _("You got {right} of {total} steps right the first time.") },
    { "passed", _("Well done — you passed!") },
    { "notPassed", _("Not passed this time: {need} of {total} steps right the first time are needed. "
                     "That is fine — practise with Try, then take the test again.") },
    { "keptPass", _("You passed an earlier test; that result is kept.") },
    { "practiseAgain", _("Steps to practise again:") },
    { "allRight", _("Every step was right the first time.") },
    /* Translators: the button that starts the test again. */
    { "retake", _("Take it again") },
    { "tryWithHints", _("Practise with hints") },
  };

  add_strings (builder, strings, G_N_ELEMENTS (strings));
}

/* The runtime's settings for this lesson, as a JSON object literal. */
static char *
runtime_config (HsLesson   *lesson,
                const char *course_id,
                const char *location,
                const char *find)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "course");
  json_builder_add_string_value (builder, course_id);
  json_builder_set_member_name (builder, "lesson");
  json_builder_add_string_value (builder, hs_lesson_get_id (lesson));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, hs_lesson_kind_to_string (hs_lesson_get_kind (lesson)));
  json_builder_set_member_name (builder, "location");
  if (location != NULL)
    json_builder_add_string_value (builder, location);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "completeAt");
  json_builder_add_double_value (builder, 0.9);
  json_builder_set_member_name (builder, "find");
  if (find != NULL)
    json_builder_add_string_value (builder, find);
  else
    json_builder_add_null_value (builder);
  if (hs_lesson_get_kind (lesson) == HS_LESSON_KIND_QUIZ)
    add_quiz_strings (builder);
  else if (hs_lesson_get_kind (lesson) == HS_LESSON_KIND_WALKTHROUGH)
    add_walkthrough_strings (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Escapes for a regular expression inside the JSON of a content filter. */
static char *
regex_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr (".^$*+?()[]{}|\\", *p) != NULL)
        g_string_append (out, "\\\\");
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
filter_json (const char *course_id,
             const char *media_origin)
{
  g_autofree char *course = regex_escape (course_id);
  g_autofree char *media = regex_escape (media_origin);

  return g_strdup_printf ("["
                          "{\"trigger\":{\"url-filter\":\".*\"},\"action\":{\"type\":\"block\"}},"
                          "{\"trigger\":{\"url-filter\":\"^hocso://%s/\"},\"action\":{\"type\":\"ignore-previous-rules\"}},"
                          "{\"trigger\":{\"url-filter\":\"^%s/\"},\"action\":{\"type\":\"ignore-previous-rules\"}},"
                          "{\"trigger\":{\"url-filter\":\"^data:\"},\"action\":{\"type\":\"ignore-previous-rules\"}},"
                          "{\"trigger\":{\"url-filter\":\"^blob:\"},\"action\":{\"type\":\"ignore-previous-rules\"}},"
                          "{\"trigger\":{\"url-filter\":\"^about:\"},\"action\":{\"type\":\"ignore-previous-rules\"}}"
                          "]",
                          course, media);
}

static gboolean
is_course_uri (HsLessonView *self,
               const char   *uri)
{
  g_autofree char *prefix = NULL;

  if (self->course_id == NULL || uri == NULL)
    return FALSE;
  prefix = g_strdup_printf (HS_SCHEME "://%s/", self->course_id);
  return g_str_has_prefix (uri, prefix);
}

static gboolean
is_web_uri (const char *uri)
{
  return g_str_has_prefix (uri, "http:") || g_str_has_prefix (uri, "https:") ||
         g_str_has_prefix (uri, "mailto:") || g_str_has_prefix (uri, "tel:");
}

static gboolean
decide_policy_cb (WebKitWebView            *view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  gpointer                  user_data)
{
  HsLessonView *self = HS_LESSON_VIEW (view);

  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      {
        WebKitNavigationAction *action =
          webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
        WebKitURIRequest *request = webkit_navigation_action_get_request (action);
        const char *uri = webkit_uri_request_get_uri (request);
        gboolean main_frame = webkit_navigation_action_get_frame_name (action) == NULL;

        if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && is_course_uri (self, uri))
          {
            webkit_policy_decision_use (decision);
            return TRUE;
          }

        /* Frames may hold blank or generated documents; they stay
         * offline under the content filter and the CSP. */
        if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && !main_frame &&
            (g_str_has_prefix (uri, "about:") || g_str_has_prefix (uri, "data:") ||
             g_str_has_prefix (uri, "blob:")))
          {
            webkit_policy_decision_use (decision);
            return TRUE;
          }

        if (is_web_uri (uri))
          g_signal_emit (self, signals[EXTERNAL_LINK], 0, uri);
        g_debug ("Refused to navigate to %s", uri);
        webkit_policy_decision_ignore (decision);
        return TRUE;
      }

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      /* What WebKit cannot show would become a download: refuse it. */
      if (!webkit_response_policy_decision_is_mime_type_supported (WEBKIT_RESPONSE_POLICY_DECISION (decision)))
        {
          webkit_policy_decision_ignore (decision);
          return TRUE;
        }
      return FALSE;

    default:
      return FALSE;
    }
}

static gboolean
permission_request_cb (WebKitWebView           *view,
                       WebKitPermissionRequest *request,
                       gpointer                 user_data)
{
  /* Camera, microphone, location, notifications: a lesson needs none. */
  webkit_permission_request_deny (request);
  return TRUE;
}

static void
download_started_cb (WebKitNetworkSession *session,
                     WebKitDownload       *download,
                     gpointer              user_data)
{
  webkit_download_cancel (download);
}

static char *
media_url_for (HsLessonView  *self,
               const char    *src)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *full = NULL;
  const char *path, *content_type;

  if (self->course_dir == NULL || !is_course_uri (self, src))
    return NULL;
  uri = g_uri_parse (src, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;
  path = g_uri_get_path (uri);
  relative = g_utf8_normalize (path[0] == '/' ? path + 1 : path, -1, G_NORMALIZE_NFC);
  if (relative == NULL || !hs_utils_relative_path_is_clean (relative))
    return NULL;
  /* Sound, pictures that move and their captions; nothing else goes out
   * by the media server (a page must not fetch a quiz's key through it). */
  content_type = hs_utils_content_type (relative);
  if (!g_str_has_prefix (content_type, "audio/") && !g_str_has_prefix (content_type, "video/") &&
      !g_str_has_prefix (content_type, "text/vtt"))
    return NULL;
  full = g_build_filename (self->course_dir, relative, NULL);
  if (!g_file_test (full, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return hs_media_server_issue (self->media_server, self->scope, self->course_id, full);
}

static void
remove_speech_file (HsLessonView *self)
{
  if (self->speech_file != NULL)
    g_unlink (self->speech_file);
  g_clear_pointer (&self->speech_file, g_free);
}

typedef struct {
  char     **sentences;
  char      *voice;
  char      *path;       /* where the WAV went */
  GArray    *marks;
} Speech;

static void
speech_free (Speech *speech)
{
  g_strfreev (speech->sentences);
  g_free (speech->voice);
  g_free (speech->path);
  g_clear_pointer (&speech->marks, g_array_unref);
  g_free (speech);
}

/* In a thread: the sentences to a WAV file in the cache. */
static void
speak_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Speech *speech = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wav = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "hocso", "speech", NULL);
  g_autofree char *path = g_build_filename (dir, "lesson-XXXXXX.wav", NULL);
  int fd;

  if (!hs_speech_synthesize ((const char * const *) speech->sentences, speech->voice, &wav, &speech->marks, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = g_mkstemp_full (path, O_WRONLY, 0600)) < 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errno),
                               "%s: %s", dir, g_strerror (errno));
      return;
    }
  close (fd);
  if (!g_file_set_contents (path, g_bytes_get_data (wav, NULL), g_bytes_get_size (wav), &error))
    {
      g_unlink (path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  speech->path = g_steal_pointer (&path);
  g_task_return_boolean (task, TRUE);
}

typedef struct {
  HsLessonView             *self;
  WebKitScriptMessageReply *reply;
  JSCContext               *context;
  guint                     serial;   /* the load it was asked in */
} SpeakReply;

static void
spoken_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SpeakReply *pending = user_data;
  HsLessonView *self = pending->self;
  Speech *speech = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *url = NULL;
  g_autoptr(JSCValue) value = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Could not read the lesson aloud: %s", error->message);
      webkit_script_message_reply_return_error_message (pending->reply, error->message);
      goto out;
    }

  /* The learner may have moved on while the speech was made. */
  if (pending->serial != self->serial || self->course_id == NULL)
    {
      g_unlink (speech->path);
      webkit_script_message_reply_return_error_message (pending->reply, "the lesson was left");
      goto out;
    }

  remove_speech_file (self);
  self->speech_file = g_strdup (speech->path);
  url = hs_media_server_issue (self->media_server, self->scope, self->course_id, speech->path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "marks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < speech->marks->len; i++)
    json_builder_add_int_value (builder, g_array_index (speech->marks, guint, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  value = jsc_value_new_from_json (pending->context, json);
  webkit_script_message_reply_return_value (pending->reply, value);

out:
  webkit_script_message_reply_unref (pending->reply);
  g_object_unref (pending->context);
  g_object_unref (pending->self);
  g_free (pending);
}

/* The page asks for its sentences to be read: made in a thread, answered
 * when the WAV is ready. */
static void
reply_speak (HsLessonView             *self,
             JSCValue                 *value,
             WebKitScriptMessageReply *reply)
{
  g_autoptr(JSCValue) list = jsc_value_object_get_property (value, "sentences");
  g_autoptr(GStrvBuilder) strv = g_strv_builder_new ();
  g_autoptr(GTask) task = NULL;
  SpeakReply *pending;
  Speech *speech;
  int n = 0;

  if (jsc_value_is_array (list))
    {
      g_autoptr(JSCValue) length = jsc_value_object_get_property (list, "length");
      n = jsc_value_to_int32 (length);
    }
  if (n <= 0 || n > HS_SPEECH_MAX_SENTENCES)
    {
      webkit_script_message_reply_return_error_message (reply, "nothing to read");
      return;
    }
  for (int i = 0; i < n; i++)
    {
      g_autoptr(JSCValue) item = jsc_value_object_get_property_at_index (list, i);
      g_autofree char *text = jsc_value_is_string (item) ? jsc_value_to_string (item) : NULL;

      if (text != NULL)
        g_strv_builder_add (strv, text);
    }

  speech = g_new0 (Speech, 1);
  speech->sentences = g_strv_builder_end (strv);
  speech->voice = g_strdup (self->speech_voice);

  pending = g_new0 (SpeakReply, 1);
  pending->self = g_object_ref (self);
  pending->reply = webkit_script_message_reply_ref (reply);
  pending->context = g_object_ref (jsc_value_get_context (value));
  pending->serial = self->serial;

  task = g_task_new (self, NULL, spoken_cb, pending);
  g_task_set_task_data (task, speech, (GDestroyNotify) speech_free);
  g_task_run_in_thread (task, speak_thread);
}

typedef JsonNode *(*HandleFunc) (gpointer   session,
                                 JsonNode  *message,
                                 GError   **error);

/* The requests of the pages the app draws (the quiz, the practice) go to
 * their session as JSON, and its answer comes back as a JavaScript value
 * (or the error's message, which the page shows). */
static void
reply_session (JSCValue                 *value,
               WebKitScriptMessageReply *reply,
               gpointer                  session,
               HandleFunc                handle,
               const char               *missing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *json = NULL;
  g_autofree char *answer_json = NULL;
  g_autoptr(JSCValue) result = NULL;

  if (session == NULL)
    {
      webkit_script_message_reply_return_error_message (reply, missing);
      return;
    }

  json = jsc_value_to_json (value, 0);
  request = json != NULL ? json_from_string (json, NULL) : NULL;
  answer = handle (session, request, &error);
  if (answer == NULL)
    {
      /* Not the request itself: a practice action may hold typed text. */
      g_debug ("A page request was refused: %s", error->message);
      webkit_script_message_reply_return_error_message (reply, error->message);
      return;
    }

  answer_json = json_to_string (answer, FALSE);
  result = jsc_value_new_from_json (jsc_value_get_context (value), answer_json);
  webkit_script_message_reply_return_value (reply, result);
}

/* The SCO that a message signed with @token is about: the one shown, or
 * the one being left.  Nothing else: a token of an earlier launch, or
 * none, names no lesson. */
static HsScormSession *
scorm_for_token (HsLessonView *self,
                 const char   *token)
{
  if (token == NULL)
    return NULL;
  if (self->scorm != NULL && self->scorm_token != NULL && g_str_equal (token, self->scorm_token))
    return self->scorm;
  if (self->closing != NULL && self->closing->token != NULL && g_str_equal (token, self->closing->token))
    return self->closing->session;
  return NULL;
}

static void
commit_failed (HsLessonView   *self,
               HsScormSession *session,
               const GError   *error)
{
  /* Data the SCO should not have sent is the content's fault; a database
   * that cannot save is the learner's problem, and they are told. */
  if (error->domain == HS_SCORM_SESSION_ERROR)
    g_message ("A commit of the SCO “%s” was refused: %s", hs_scorm_session_get_lesson_id (session), error->message);
  else
    {
      g_warning ("Could not save the SCO “%s”: %s", hs_scorm_session_get_lesson_id (session), error->message);
      g_signal_emit (self, signals[RECORD_FAILED], 0, error->message);
    }
}

/* One message of a SCO's bridge: a commit, or an API call it reports. */
static gboolean
handle_scorm (HsLessonView    *self,
              HsScormSession  *session,
              JsonObject      *message,
              GError         **error)
{
  const char *type = json_object_get_string_member_with_default (message, "type", "");

  if (g_str_equal (type, "scorm-commit"))
    {
      JsonNode *cmi = json_object_get_member (message, "cmi");
      gboolean final = json_object_get_boolean_member_with_default (message, "final", FALSE);

      if (cmi == NULL || !JSON_NODE_HOLDS_VALUE (cmi) || json_node_get_value_type (cmi) != G_TYPE_STRING)
        {
          g_set_error_literal (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_INVALID_DATA,
                               "a commit without data");
          return FALSE;
        }
      if (!hs_scorm_session_commit (session, json_node_get_string (cmi), final, error))
        {
          commit_failed (self, session, *error);
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_equal (type, "scorm-call"))
    {
      const char *method = json_object_get_string_member_with_default (message, "method", "");
      const char *result = json_object_get_string_member_with_default (message, "result", "");
      const char *text = json_object_get_string_member_with_default (message, "text", "");
      int code = (int) json_object_get_int_member_with_default (message, "error", 0);
      JsonNode *args_node = json_object_get_member (message, "args");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) args = NULL;

      if (args_node != NULL && JSON_NODE_HOLDS_ARRAY (args_node))
        {
          JsonArray *array = json_node_get_array (args_node);

          for (guint i = 0; i < json_array_get_length (array) && i < 8; i++)
            {
              JsonNode *arg = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (arg) && json_node_get_value_type (arg) == G_TYPE_STRING)
                g_strv_builder_add (builder, json_node_get_string (arg));
            }
        }
      args = g_strv_builder_end (builder);

      if (code != 0)
        hs_scorm_session_note_error (session, method, strstr (method, "Value") != NULL ? args[0] : NULL, code);
      g_signal_emit (self, signals[SCORM_CALL], 0, method, args, result, code, text);
      return TRUE;
    }

  g_set_error (error, HS_SCORM_SESSION_ERROR, HS_SCORM_SESSION_ERROR_INVALID_DATA,
               "unknown message “%s”", type);
  return FALSE;
}

/* What the SCORM bridge posts: commits and calls, each signed with the
 * token of the launch it comes from. */
static void
reply_scorm (HsLessonView             *self,
             JSCValue                 *value,
             WebKitScriptMessageReply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = jsc_value_to_json (value, 0);
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  JsonObject *message = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  HsScormSession *session;

  session = message ? scorm_for_token (self, json_object_get_string_member_with_default (message, "token", NULL)) : NULL;
  if (session == NULL)
    {
      g_debug ("A SCORM message for no SCO shown here was refused");
      webkit_script_message_reply_return_error_message (reply, "not a SCO of this page");
      return;
    }

  if (!handle_scorm (self, session, message, &error))
    {
      webkit_script_message_reply_return_error_message (reply, error->message);
      return;
    }
  {
    g_autoptr(JSCValue) answer = jsc_value_new_boolean (jsc_value_get_context (value), TRUE);
    webkit_script_message_reply_return_value (reply, answer);
  }
}

static gboolean
script_dialog_cb (WebKitWebView      *view,
                  WebKitScriptDialog *dialog,
                  gpointer            user_data)
{
  /* Leaving a lesson is the learner's choice, made with the app's own
   * buttons: a page that asks "leave this page?" is answered yes. */
  if (webkit_script_dialog_get_dialog_type (dialog) == WEBKIT_SCRIPT_DIALOG_BEFORE_UNLOAD_CONFIRM)
    {
      webkit_script_dialog_confirm_set_confirmed (dialog, TRUE);
      return TRUE;
    }
  return FALSE;
}

static gboolean
script_message_cb (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   WebKitScriptMessageReply *reply,
                   gpointer                  user_data)
{
  HsLessonView *self = user_data;
  g_autoptr(JSCValue) type_value = NULL;
  g_autofree char *type = NULL;

  if (!jsc_value_is_object (value))
    return TRUE;

  type_value = jsc_value_object_get_property (value, "type");
  type = jsc_value_is_string (type_value) ? jsc_value_to_string (type_value) : NULL;

  if (type != NULL && g_str_has_prefix (type, "quiz-"))
    {
      reply_session (value, reply, self->quiz, (HandleFunc) hs_quiz_session_handle,
                     _("This lesson is not a quiz."));
      return TRUE;
    }
  if (type != NULL && g_str_has_prefix (type, "walkthrough-"))
    {
      reply_session (value, reply, self->walkthrough, (HandleFunc) hs_walkthrough_session_handle,
                     _("This lesson is not a practice on the simulated phone."));
      return TRUE;
    }
  if (g_strcmp0 (type, "speak") == 0)
    {
      reply_speak (self, value, reply);
      return TRUE;
    }
  if (g_strcmp0 (type, "reading") == 0)
    {
      g_autoptr(JSCValue) state = jsc_value_object_get_property (value, "state");
      g_autofree char *s = jsc_value_is_string (state) ? jsc_value_to_string (state) : NULL;

      if (s != NULL)
        g_signal_emit (self, signals[READING], 0, s);
      return TRUE;
    }

  if (type != NULL && g_str_has_prefix (type, "scorm-"))
    {
      reply_scorm (self, value, reply);
      return TRUE;
    }

  if (g_strcmp0 (type, "progress") == 0)
    {
      g_autoptr(JSCValue) fraction = jsc_value_object_get_property (value, "fraction");
      g_autoptr(JSCValue) location = jsc_value_object_get_property (value, "location");
      g_autofree char *where = jsc_value_is_string (location) ? jsc_value_to_string (location) : NULL;
      double f = jsc_value_is_number (fraction) ? jsc_value_to_double (fraction) : 0;

      g_signal_emit (self, signals[PROGRESS], 0, CLAMP (f, 0.0, 1.0), where);
    }
  else if (g_strcmp0 (type, "completed") == 0)
    g_signal_emit (self, signals[COMPLETED], 0);
  else if (g_strcmp0 (type, "view-size") == 0)
    {
      /* The view's size in screen pixels: with the page's own size in CSS
       * pixels it gives the zoom, which WebKit does not tell pages (their
       * devicePixelRatio stays 1).  The practice phone needs it to keep
       * its targets large enough on the screen. */
      g_autofree char *json = g_strdup_printf ("{\"width\":%d,\"height\":%d}",
                                               gtk_widget_get_width (GTK_WIDGET (self)),
                                               gtk_widget_get_height (GTK_WIDGET (self)));
      g_autoptr(JSCValue) answer = jsc_value_new_from_json (jsc_value_get_context (value), json);

      webkit_script_message_reply_return_value (reply, answer);
      return TRUE;
    }
  else if (g_strcmp0 (type, "external") == 0)
    {
      g_autoptr(JSCValue) url = jsc_value_object_get_property (value, "url");
      g_autofree char *uri = jsc_value_is_string (url) ? jsc_value_to_string (url) : NULL;

      if (uri != NULL)
        g_signal_emit (self, signals[EXTERNAL_LINK], 0, uri);
    }
  else if (g_strcmp0 (type, "media") == 0)
    {
      g_autoptr(JSCValue) src = jsc_value_object_get_property (value, "src");
      g_autofree char *s = jsc_value_is_string (src) ? jsc_value_to_string (src) : NULL;
      g_autofree char *url = s ? media_url_for (self, s) : NULL;

      if (url != NULL)
        {
          g_autoptr(JSCValue) answer = jsc_value_new_string (jsc_value_get_context (value), url);
          webkit_script_message_reply_return_value (reply, answer);
        }
      else
        webkit_script_message_reply_return_error_message (reply, "not a media file of this course");
      return TRUE;
    }

  return TRUE;
}

static void
hs_lesson_view_constructed (GObject *object)
{
  HsLessonView *self = (HsLessonView *)object;
  WebKitWebView *view = WEBKIT_WEB_VIEW (self);
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (view);
  WebKitSettings *settings = webkit_web_view_get_settings (view);
  g_autofree char *filter_dir = g_build_filename (g_get_user_cache_dir (), "hocso", "filters", NULL);

  G_OBJECT_CLASS (hs_lesson_view_parent_class)->constructed (object);

  self->scope = g_strdup_printf ("lesson-view-%u", ++next_scope);
  self->filter_store = webkit_user_content_filter_store_new (filter_dir);

  webkit_user_content_manager_register_script_message_handler_with_reply (manager, "hocso",
                                                                          HS_LESSON_VIEW_WORLD);
  g_signal_connect_object (manager, "script-message-with-reply-received::hocso",
                           G_CALLBACK (script_message_cb), self, 0);

  g_signal_connect (self, "decide-policy", G_CALLBACK (decide_policy_cb), NULL);
  g_signal_connect (self, "permission-request", G_CALLBACK (permission_request_cb), NULL);
  g_signal_connect (self, "script-dialog", G_CALLBACK (script_dialog_cb), NULL);
  g_signal_connect_object (webkit_web_view_get_network_session (view), "download-started",
                           G_CALLBACK (download_started_cb), self, 0);

  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_allow_file_access_from_file_urls (settings, FALSE);
  webkit_settings_set_allow_universal_access_from_file_urls (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, g_getenv ("HOCSO_DEVELOPER") != NULL);
  webkit_settings_set_enable_write_console_messages_to_stdout (settings, g_getenv ("HOCSO_DEBUG") != NULL);
  webkit_settings_set_default_charset (settings, "utf-8");
}

static void
hs_lesson_view_dispose (GObject *object)
{
  HsLessonView *self = (HsLessonView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->media_server != NULL && self->scope != NULL)
    hs_media_server_revoke (self->media_server, self->scope);
  g_clear_object (&self->media_server);
  g_clear_object (&self->filter_store);
  g_clear_object (&self->quiz);
  remove_speech_file (self);
  g_clear_pointer (&self->find, g_free);
  if (self->scorm != NULL)
    hs_scorm_session_close (self->scorm);
  g_clear_object (&self->scorm);
  g_clear_object (&self->next_scorm);
  g_clear_object (&self->pending_course);
  g_clear_object (&self->pending_lesson);
  g_clear_object (&self->walkthrough);

  G_OBJECT_CLASS (hs_lesson_view_parent_class)->dispose (object);
}

static void
hs_lesson_view_finalize (GObject *object)
{
  HsLessonView *self = (HsLessonView *)object;

  g_free (self->scope);
  g_free (self->course_id);
  g_free (self->course_dir);
  g_free (self->lesson_id);
  g_free (self->pending_uri);
  g_free (self->filter_key);
  g_free (self->identifier);
  g_free (self->pending_location);
  g_free (self->scorm_token);
  g_clear_pointer (&self->rules, g_bytes_unref);

  G_OBJECT_CLASS (hs_lesson_view_parent_class)->finalize (object);
}

static void
hs_lesson_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsLessonView *self = HS_LESSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_MEDIA_SERVER:
      self->media_server = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_lesson_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsLessonView *self = HS_LESSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_MEDIA_SERVER:
      g_value_set_object (value, self->media_server);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_lesson_view_class_init (HsLessonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hs_lesson_view_constructed;
  object_class->dispose = hs_lesson_view_dispose;
  object_class->finalize = hs_lesson_view_finalize;
  object_class->set_property = hs_lesson_view_set_property;
  object_class->get_property = hs_lesson_view_get_property;

  properties[PROP_MEDIA_SERVER] =
    g_param_spec_object ("media-server", NULL, NULL, HS_TYPE_MEDIA_SERVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_STRING);
  signals[COMPLETED] =
    g_signal_new ("completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[EXTERNAL_LINK] =
    g_signal_new ("external-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[READING] =
    g_signal_new ("reading", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SCORM_CALL] =
    g_signal_new ("scorm-call", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 5, G_TYPE_STRING, G_TYPE_STRV, G_TYPE_STRING, G_TYPE_INT, G_TYPE_STRING);
  signals[RECORD_FAILED] =
    g_signal_new ("record-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  hs_runtime_register_resource ();
  filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) webkit_user_content_filter_unref);
}

static void
hs_lesson_view_init (HsLessonView *self)
{
}

/**
 * hs_lesson_view_new:
 * @session: the learner's own session: their localStorage and IndexedDB
 *   never meet another learner's
 */
HsLessonView *
hs_lesson_view_new (WebKitWebContext     *context,
                    WebKitNetworkSession *session,
                    HsMediaServer        *media_server)
{
  g_autoptr(WebKitUserContentManager) manager = webkit_user_content_manager_new ();
  g_autoptr(WebKitSettings) settings = webkit_settings_new ();
  g_autoptr(WebKitWebsitePolicies) policies = NULL;

  g_return_val_if_fail (WEBKIT_IS_WEB_CONTEXT (context), NULL);
  g_return_val_if_fail (WEBKIT_IS_NETWORK_SESSION (session), NULL);
  g_return_val_if_fail (HS_IS_MEDIA_SERVER (media_server), NULL);

  /* A lesson may play sound without a click: a walkthrough's Watch mode
   * reads step after step by itself, read-aloud starts from the app's
   * button, and SCORM content often narrates each slide.  Only the
   * course's own media can play, from the media server. */
  policies = webkit_website_policies_new_with_policies ("autoplay", WEBKIT_AUTOPLAY_ALLOW, NULL);

  return g_object_new (HS_TYPE_LESSON_VIEW,
                       "web-context", context,
                       "network-session", session,
                       "user-content-manager", manager,
                       "settings", settings,
                       "website-policies", policies,
                       "media-server", media_server,
                       NULL);
}

/**
 * hs_lesson_view_new_network_session:
 *
 * A persistent session whose data lives in
 * @data_dir/web/<learner-uuid>/: one per learner on this PC.
 */
WebKitNetworkSession *
hs_lesson_view_new_network_session (const char *data_dir,
                                    const char *learner_uuid)
{
  g_autofree char *base = g_build_filename (data_dir, "web", learner_uuid, NULL);
  g_autofree char *data = g_build_filename (base, "data", NULL);
  g_autofree char *cache = g_build_filename (base, "cache", NULL);
  WebKitNetworkSession *session = webkit_network_session_new (data, cache);

  /* Nothing goes out, so no proxy, no tracking prevention chatter, and no
   * saved passwords. */
  webkit_network_session_set_persistent_credential_storage_enabled (session, FALSE);
  return session;
}

static void
load_with_filter (HsLessonView            *self,
                  WebKitUserContentFilter *filter)
{
  g_autofree char *uri = g_steal_pointer (&self->pending_uri);

  webkit_user_content_manager_add_filter (webkit_web_view_get_user_content_manager (WEBKIT_WEB_VIEW (self)),
                                          filter);
  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self), uri);
}

static void
filter_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HsLessonView) self = user_data;
  g_autoptr(WebKitUserContentFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  filter = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without its filter a lesson does not load at all: the CSP alone is not
   * the wall we promise. */
  if (filter == NULL)
    {
      g_critical ("Could not compile the content filter: %s", error->message);
      return;
    }

  g_hash_table_insert (filters, g_strdup (self->filter_key), webkit_user_content_filter_ref (filter));
  load_with_filter (self, filter);
}

/* Media elements are stopped and emptied before their page goes or their
 * URLs are revoked: a pipeline torn down mid-stream, or answered 404 in the
 * middle of a range, can take the web process with it. */
#define STOP_MEDIA_JS \
  "for (const m of document.querySelectorAll('video, audio')) {" \
  "  m.pause(); m.removeAttribute('src');" \
  "  for (const s of m.querySelectorAll('source')) s.removeAttribute('src');" \
  "  m.load();" \
  "} true;"

typedef struct {
  HsLessonView  *self;
  guint          serial;
  StopMediaDone  done;
} StopMedia;

/* A SCO's two scripts: the bridge in our world, which must listen before
 * the API speaks, then the API in the page's own world. */
static void
add_scorm_scripts (HsLessonView             *self,
                   WebKitUserContentManager *manager,
                   HsScormSession           *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) state = hs_scorm_session_launch (session, &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) bridge_config = NULL;
  g_autoptr(JsonNode) api_config = NULL;
  g_autoptr(WebKitUserScript) bridge = NULL;
  g_autoptr(WebKitUserScript) api = NULL;
  g_autofree char *token = g_uuid_string_random ();
  g_autofree char *nonce = g_uuid_string_random ();
  g_autofree char *bridge_json = NULL;
  g_autofree char *api_json = NULL;
  g_autofree char *bridge_source = NULL;
  g_autofree char *api_source = NULL;
  g_autofree char *bundle = runtime_source ("scorm-again.min.js");
  g_autofree char *adapter = runtime_source ("scorm.js");
  g_autofree char *relay = runtime_source ("scorm-bridge.js");

  /* Without its saved data the SCO still runs, from the start; the
   * learner hears that something is wrong. */
  if (state == NULL)
    {
      g_warning ("Could not read the saved data of the SCO “%s”: %s",
                 hs_scorm_session_get_lesson_id (session), error->message);
      g_signal_emit (self, signals[RECORD_FAILED], 0, error->message);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "nonce");
  json_builder_add_string_value (builder, nonce);
  json_builder_end_object (builder);
  bridge_config = json_builder_get_root (builder);
  bridge_json = json_to_string (bridge_config, FALSE);

  json_builder_reset (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, hs_scorm_session_get_version (session));
  json_builder_set_member_name (builder, "nonce");
  json_builder_add_string_value (builder, nonce);
  json_builder_set_member_name (builder, "debug");
  json_builder_add_boolean_value (builder, self->scorm_debug);
  json_builder_set_member_name (builder, "state");
  if (state != NULL)
    json_builder_add_value (builder, json_node_ref (state));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  api_config = json_builder_get_root (builder);
  api_json = json_to_string (api_config, FALSE);

  bridge_source = g_strdup_printf ("const HOCSO_SCORM_BRIDGE = %s;\n%s", bridge_json, relay);
  bridge = webkit_user_script_new_for_world (bridge_source, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                             HS_LESSON_VIEW_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (manager, bridge);

  api_source = g_strdup_printf ("(function () {\nconst HOCSO_SCORM = %s;\n%s\n%s\n}) ();\n", api_json, bundle, adapter);
  api = webkit_user_script_new (api_source, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, NULL, NULL);
  webkit_user_content_manager_add_script (manager, api);

  g_set_object (&self->scorm, session);
  g_free (self->scorm_token);
  self->scorm_token = g_steal_pointer (&token);
}

/* The scripts of the lesson about to load: the runtime in our world, and
 * for a SCO the SCORM API.  Set only once the page before has been left,
 * so that nothing of the next lesson runs in what is left of it. */
static void
add_scripts (HsLessonView *self)
{
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (WEBKIT_WEB_VIEW (self));
  g_autoptr(WebKitUserScript) script = NULL;
  g_autoptr(HsScormSession) session = g_steal_pointer (&self->next_scorm);
  g_autofree char *config = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *source = NULL;
  HsLessonKind kind = hs_lesson_get_kind (self->pending_lesson);
  const HsLessonScorm *scorm = hs_lesson_get_scorm (self->pending_lesson);

  webkit_user_content_manager_remove_all_scripts (manager);
  webkit_user_content_manager_remove_all_filters (manager);

  config = runtime_config (self->pending_lesson, self->course_id, self->pending_location, self->find);
  g_clear_pointer (&self->find, g_free);
  runtime = runtime_source ("lesson.js");
  if (kind == HS_LESSON_KIND_QUIZ || kind == HS_LESSON_KIND_WALKTHROUGH)
    {
      g_autofree char *player = runtime_source (kind == HS_LESSON_KIND_QUIZ ? "quiz.js" : "walkthrough.js");
      g_autofree char *both = g_strconcat (runtime, "\n", player, NULL);

      g_free (runtime);
      runtime = g_steal_pointer (&both);
    }
  source = g_strdup_printf ("const HOCSO_CONFIG = %s;\n%s", config, runtime);
  /* A SCO lives in a frame of its player page, often in framesets of its
   * own: its media and links need the runtime in every frame. */
  script = webkit_user_script_new_for_world (source,
                                             kind == HS_LESSON_KIND_SCO ? WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES
                                                                        : WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                             HS_LESSON_VIEW_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (manager, script);

  if (kind == HS_LESSON_KIND_SCO && scorm != NULL && scorm->type == HS_SCORM_TYPE_SCO && session != NULL)
    add_scorm_scripts (self, manager, session);
}

static void
continue_load (HsLessonView *self)
{
  WebKitUserContentFilter *cached = g_hash_table_lookup (filters, self->filter_key);

  g_free (self->course_id);
  self->course_id = g_strdup (hs_course_get_id (self->pending_course));
  g_free (self->course_dir);
  self->course_dir = g_strdup (hs_course_get_path (self->pending_course));
  add_scripts (self);
  g_clear_object (&self->pending_course);
  g_clear_object (&self->pending_lesson);

  if (cached != NULL)
    {
      load_with_filter (self, cached);
      return;
    }

  webkit_user_content_filter_store_save (self->filter_store, self->identifier, self->rules, self->cancellable,
                                         filter_saved_cb, g_object_ref (self));
}

static void
media_stopped_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  StopMedia *stop = user_data;
  HsLessonView *self = stop->self;
  g_autoptr(JSCValue) value = NULL;

  /* The page may be gone already, or have no media; either is fine. */
  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, NULL);

  /* Only the latest load goes on; an older one was overtaken. */
  if (stop->serial == self->serial && self->media_server != NULL)
    {
      hs_media_server_revoke (self->media_server, self->scope);
      if (stop->done != NULL && self->pending_uri != NULL)
        stop->done (self);
    }

  g_object_unref (self);
  g_free (stop);
}

static void
stop_media (HsLessonView  *self,
            StopMediaDone  done)
{
  StopMedia *stop = g_new0 (StopMedia, 1);

  stop->self = g_object_ref (self);
  stop->serial = ++self->serial;
  stop->done = done;
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self), STOP_MEDIA_JS, -1, HS_LESSON_VIEW_WORLD,
                                       NULL, NULL, media_stopped_cb, stop);
}

static gboolean
scorm_close_timeout_cb (gpointer user_data)
{
  ScormClose *close = user_data;

  close->timeout_id = 0;
  g_cancellable_cancel (close->cancellable);
  return G_SOURCE_REMOVE;
}

static void
scorm_closed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ScormClose *close = user_data;
  HsLessonView *self = close->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) messages = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source), result, &error);
  g_clear_handle_id (&close->timeout_id, g_source_remove);
  if (value != NULL && jsc_value_is_string (value))
    {
      json = jsc_value_to_string (value);
      messages = json_from_string (json, NULL);
    }
  else
    g_debug ("The SCO “%s” could not hand over its last data: %s", hs_scorm_session_get_lesson_id (close->session),
             error ? error->message : "no answer");

  /* In the order the page sent them: its unload handlers' commits, then
   * what was set since. */
  if (messages != NULL && JSON_NODE_HOLDS_ARRAY (messages))
    {
      JsonArray *array = json_node_get_array (messages);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autoptr(GError) message_error = NULL;

          if (JSON_NODE_HOLDS_OBJECT (node) &&
              g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node), "token", NULL),
                         close->token) == 0)
            handle_scorm (self, close->session, json_node_get_object (node), &message_error);
        }
    }

  hs_scorm_session_close (close->session);
  self->closing = NULL;
  if (close->serial == self->serial && self->media_server != NULL)
    stop_media (self, close->done);

  if (close->app != NULL)
    {
      g_application_release (close->app);
      g_object_unref (close->app);
    }
  g_object_unref (close->cancellable);
  g_object_unref (close->session);
  g_free (close->token);
  g_free (close);
  g_object_unref (self);
}

/* Leaves the SCO shown: its page hands over what it still has (see
 * scorm-bridge.js), which is saved before @done loads anything else.  The
 * application is held meanwhile, so that quitting does not lose it. */
static void
close_scorm (HsLessonView  *self,
             StopMediaDone  done)
{
  ScormClose *close = g_new0 (ScormClose, 1);
  GApplication *app = g_application_get_default ();

  close->self = g_object_ref (self);
  close->session = g_steal_pointer (&self->scorm);
  close->token = g_steal_pointer (&self->scorm_token);
  close->serial = ++self->serial;
  close->done = done;
  close->cancellable = g_cancellable_new ();
  close->timeout_id = g_timeout_add_seconds (SCORM_CLOSE_SECONDS, scorm_close_timeout_cb, close);
  if (app != NULL)
    {
      close->app = g_object_ref (app);
      g_application_hold (app);
    }
  self->closing = close;

  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (self),
                                                  "return typeof hocsoScormClose === 'function'"
                                                  " ? hocsoScormClose () : '[]';",
                                                  -1, NULL, HS_LESSON_VIEW_WORLD, NULL, close->cancellable,
                                                  scorm_closed_cb, close);
}

/* Leaves the page shown, then runs @done (or nothing) unless another
 * load overtook this one. */
static void
leave_page (HsLessonView  *self,
            StopMediaDone  done)
{
  if (self->closing != NULL)
    {
      self->closing->done = done;
      self->closing->serial = ++self->serial;
      return;
    }
  if (self->scorm != NULL)
    {
      close_scorm (self, done);
      return;
    }
  stop_media (self, done);
}

/**
 * hs_lesson_view_load:
 * @location: (nullable): where the learner left off, as the runtime wrote it
 *
 * Loads @lesson.  The page shown before is left first (a SCO hands over
 * its last data), and the content filter for the course is compiled (or
 * fetched from the store), so not one request runs unfiltered.
 */
void
hs_lesson_view_load (HsLessonView *self,
                     HsCourse     *course,
                     HsLesson     *lesson,
                     const char   *location)
{
  const char *origin;
  const char *course_id;

  g_return_if_fail (HS_IS_LESSON_VIEW (self));
  g_return_if_fail (HS_IS_COURSE (course));
  g_return_if_fail (HS_IS_LESSON (lesson));

  hs_lesson_view_unload (self);
  if (hs_lesson_get_kind (lesson) != HS_LESSON_KIND_QUIZ)
    g_clear_object (&self->quiz);
  if (hs_lesson_get_kind (lesson) != HS_LESSON_KIND_SCO)
    g_clear_object (&self->next_scorm);
  if (hs_lesson_get_kind (lesson) != HS_LESSON_KIND_WALKTHROUGH)
    g_clear_object (&self->walkthrough);

  /* The course's walls move to the next course only when it loads: the
   * page being left keeps its own until then. */
  course_id = hs_course_get_id (course);
  g_free (self->lesson_id);
  self->lesson_id = g_strdup (hs_lesson_get_id (lesson));
  g_free (self->pending_uri);
  self->pending_uri = hs_scheme_lesson_uri (course_id,
                                            hs_lesson_kind_to_string (hs_lesson_get_kind (lesson)),
                                            hs_lesson_get_src (lesson),
                                            self->lesson_id);
  g_set_object (&self->pending_course, course);
  g_set_object (&self->pending_lesson, lesson);
  g_free (self->pending_location);
  self->pending_location = g_strdup (location);

  origin = hs_media_server_get_origin (self->media_server);
  {
    g_autofree char *json = filter_json (course_id, origin);
    gsize length = strlen (json);

    g_clear_pointer (&self->rules, g_bytes_unref);
    self->rules = g_bytes_new_take (g_steal_pointer (&json), length);
  }
  /* One stored filter per course, replaced when the media port changes
   * from one run to the next, so the store does not grow. */
  g_free (self->identifier);
  self->identifier = g_strdup_printf ("course-%s", course_id);
  g_free (self->filter_key);
  self->filter_key = g_strdup_printf ("%s %s", course_id, origin);

  self->cancellable = g_cancellable_new ();
  leave_page (self, continue_load);
}

/**
 * hs_lesson_view_unload:
 *
 * Leaves the lesson: stops loading, lets a SCO hand over its last data,
 * and revokes the media URLs it was given.
 */
void
hs_lesson_view_unload (HsLessonView *self)
{
  g_return_if_fail (HS_IS_LESSON_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->lesson_id, g_free);
  g_clear_pointer (&self->pending_uri, g_free);
  webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (self));
  leave_page (self, NULL);
  remove_speech_file (self);
}

/**
 * hs_lesson_view_read_aloud:
 * @command: "start", "pause", "resume", "stop" or "rate"
 * @rate: the speed for "start" and "rate", 0.5 to 2 (1 is normal)
 * @voice: (nullable): for "start": one of hs_speech_get_voices()
 *
 * Reads a page lesson aloud, marking the sentence being read.  The page
 * says how it goes with the ::reading signal: "preparing", "playing",
 * "paused", "stopped", "nothing" (no text) or "failed".
 */
void
hs_lesson_view_read_aloud (HsLessonView *self,
                           const char   *command,
                           double        rate,
                           const char   *voice)
{
  g_autofree char *script = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (HS_IS_LESSON_VIEW (self));
  g_return_if_fail (g_strv_contains ((const char * const[]) { "start", "pause", "resume", "stop", "rate", NULL },
                                     command));

  if (g_strcmp0 (command, "start") == 0)
    {
      g_free (self->speech_voice);
      self->speech_voice = g_strdup (voice);
    }
  g_ascii_dtostr (number, sizeof number, CLAMP (rate, 0.5, 2.0));
  script = g_strdup_printf ("window.hocsoReadAloud ? window.hocsoReadAloud.%s(%s) : false", command, number);
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self), script, -1, HS_LESSON_VIEW_WORLD,
                                       NULL, NULL, NULL, NULL);
}

/**
 * hs_lesson_view_set_find:
 * @query: (nullable): words the learner searched for
 *
 * The next lesson loaded marks these words (ignoring case and Vietnamese
 * marks, as search does) and scrolls to the first.
 */
void
hs_lesson_view_set_find (HsLessonView *self,
                         const char   *query)
{
  g_return_if_fail (HS_IS_LESSON_VIEW (self));

  g_free (self->find);
  self->find = g_strdup (query);
}

/**
 * hs_lesson_view_set_scorm_session:
 * @session: (nullable): the session of the next SCO lesson
 *
 * A SCO's page gets its SCORM API from @session, and sends it what it
 * commits.  Set it before hs_lesson_view_load() of a SCO lesson; loading
 * any other lesson drops it.
 */
void
hs_lesson_view_set_scorm_session (HsLessonView   *self,
                                  HsScormSession *session)
{
  g_return_if_fail (HS_IS_LESSON_VIEW (self));
  g_return_if_fail (session == NULL || HS_IS_SCORM_SESSION (session));

  g_set_object (&self->next_scorm, session);
}

/**
 * hs_lesson_view_set_scorm_debug:
 *
 * With @debug, the SCORM API of the next SCO reports every call (the
 * "scorm-call" signal), not only those that failed.
 */
void
hs_lesson_view_set_scorm_debug (HsLessonView *self,
                                gboolean      debug)
{
  g_return_if_fail (HS_IS_LESSON_VIEW (self));
  self->scorm_debug = !!debug;
}

/**
 * hs_lesson_view_set_quiz_session:
 * @session: (nullable): what answers the quiz page of the next quiz lesson
 *
 * A quiz lesson's page asks for its questions; @session answers.  Set it
 * before hs_lesson_view_load() of a quiz lesson; loading any other lesson
 * drops it.
 */
void
hs_lesson_view_set_quiz_session (HsLessonView  *self,
                                 HsQuizSession *session)
{
  g_return_if_fail (HS_IS_LESSON_VIEW (self));
  g_return_if_fail (session == NULL || HS_IS_QUIZ_SESSION (session));

  g_set_object (&self->quiz, session);
}

/**
 * hs_lesson_view_set_walkthrough_session:
 * @session: (nullable): what answers the practice page of the next
 *   walkthrough lesson
 *
 * A walkthrough lesson's page asks for its steps and posts what the
 * learner does; @session answers.  Set it before hs_lesson_view_load() of
 * a walkthrough lesson; loading any other lesson drops it.
 */
void
hs_lesson_view_set_walkthrough_session (HsLessonView         *self,
                                        HsWalkthroughSession *session)
{
  g_return_if_fail (HS_IS_LESSON_VIEW (self));
  g_return_if_fail (session == NULL || HS_IS_WALKTHROUGH_SESSION (session));

  g_set_object (&self->walkthrough, session);
}

const char *
hs_lesson_view_get_course_id (HsLessonView *self)
{
  g_return_val_if_fail (HS_IS_LESSON_VIEW (self), NULL);
  return self->course_id;
}

const char *
hs_lesson_view_get_lesson_id (HsLessonView *self)
{
  g_return_val_if_fail (HS_IS_LESSON_VIEW (self), NULL);
  return self->lesson_id;
}
