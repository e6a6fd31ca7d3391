/* hs-manifest.c — reads a package's course.json into the course model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-manifest"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hs-manifest.h"
#include "hs-quiz.h"
#include "hs-scorm.h"
#include "hs-utils.h"
#include "hs-walkthrough.h"

G_DEFINE_QUARK (hs-manifest-error-quark, hs_manifest_error)

#define MANIFEST_NAME "course.json"

/* What a lesson's source file may be, by kind (NULL: any file, as a SCORM
 * resource may launch a page, a PDF or a picture).  Kinds missing here are
 * part of the format but not yet played by this version. */
static const struct {
  HsLessonKind        kind;
  const char * const *extensions;
} supported_kinds[] = {
  { HS_LESSON_KIND_PAGE, (const char * const[]) { ".html", ".htm", ".xhtml", NULL } },
  { HS_LESSON_KIND_VIDEO, (const char * const[]) { ".webm", ".mp4", ".m4v", ".ogv", NULL } },
  { HS_LESSON_KIND_QUIZ, (const char * const[]) { ".json", NULL } },
  { HS_LESSON_KIND_WALKTHROUGH, (const char * const[]) { ".json", NULL } },
  { HS_LESSON_KIND_SCO, NULL },
};

/* The SCORM time limit actions, as cmi.student_data.time_limit_action
 * (1.2) and cmi.time_limit_action (2004) spell them. */
static const char * const time_limit_actions[] = {
  "exit,message", "exit,no message", "continue,message", "continue,no message", NULL
};

typedef struct {
  const char      *root;      /* folder the paths are checked against, or NULL */
  HsCoursePackage  package;
  GHashTable      *lesson_ids;
  GHashTable      *module_ids;
} ParseContext;

static gboolean
missing (const char  *field,
         GError     **error)
{
  g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_MISSING_FIELD,
               _("course.json: the field “%s” is missing."), field);
  return FALSE;
}

static gboolean
invalid (GError     **error,
         const char  *field,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

/* @format is a translated sentence about the field; it is prefixed with the
 * field's name so the author knows exactly where to look. */
static gboolean
invalid (GError     **error,
         const char  *field,
         const char  *format,
         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_INVALID_FIELD,
               _("course.json: the field “%s” is not valid: %s"), field, detail);
  return FALSE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Reads a string member.  Returns FALSE with @error set when it is missing
 * (and @required) or not a non-empty string of at most @max_chars. */
static gboolean
get_string (JsonObject   *object,
            const char   *name,
            const char   *path,
            gboolean      required,
            guint         max_chars,
            const char  **out,
            GError      **error)
{
  JsonNode *node = hs_utils_json_member (object, name);
  const char *value;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? missing (path, error) : TRUE;

  if (!node_is_string (node))
    return invalid (error, path, _("it must be a text in quotes."));

  value = json_node_get_string (node);
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (value));

    if (*trimmed == '\0')
      return invalid (error, path, _("it must not be empty."));
  }

  if (g_utf8_strlen (value, -1) > (glong) max_chars)
    return invalid (error, path, _("it is longer than %u characters."), max_chars);

  *out = value;
  return TRUE;
}

/* Course, module and lesson ids name folders and origins: see
 * hs_utils_id_is_valid(). */
static gboolean
get_id (JsonObject   *object,
        const char   *path,
        const char  **out,
        GError      **error)
{
  if (!get_string (object, "id", path, TRUE, 64, out, error))
    return FALSE;
  if (!hs_utils_id_is_valid (*out))
    return invalid (error, path,
                    _("“%s” may only use a–z, 0–9, “.”, “-” and “_”, and must start with a letter or digit."), *out);
  return TRUE;
}

static gboolean
check_file (ParseContext  *ctx,
            const char    *path,
            const char    *field,
            GError       **error)
{
  g_autofree char *full = NULL;
  GStatBuf st;

  if (!hs_utils_relative_path_is_clean (path))
    return invalid (error, field,
                    _("“%s” must be a relative path inside the package, without “..”."), path);

  if (ctx->root == NULL)
    return TRUE;

  {
    g_autofree char *nfc = g_utf8_normalize (path, -1, G_NORMALIZE_NFC);
    full = g_build_filename (ctx->root, nfc, NULL);
  }
  if (g_lstat (full, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_MISSING_FILE,
                   _("course.json: the file “%s” named by “%s” is not in the package."),
                   path, field);
      return FALSE;
    }

  return TRUE;
}

static gboolean
get_string_array (JsonObject   *object,
                  const char   *name,
                  GPtrArray   **out,
                  GError      **error)
{
  JsonNode *node = hs_utils_json_member (object, name);
  JsonArray *array;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, name, _("it must be a list of texts, like [\"a\", \"b\"]."));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", name, i);

      if (!node_is_string (item) || *json_node_get_string (item) == '\0')
        return invalid (error, path, _("it must be a non-empty text in quotes."));
      g_ptr_array_add (values, g_strdup (json_node_get_string (item)));
    }

  g_ptr_array_add (values, NULL);
  *out = g_steal_pointer (&values);
  return TRUE;
}

/* An optional number from @min to @max; *out is NAN when it is absent. */
static gboolean
get_number (JsonObject  *object,
            const char  *name,
            const char  *path,
            double       min,
            double       max,
            double      *out,
            GError     **error)
{
  JsonNode *node = hs_utils_json_member (object, name);

  *out = NAN;
  if (node == NULL)
    return TRUE;
  if (!hs_utils_json_is_number (node) || json_node_get_double (node) < min || json_node_get_double (node) > max)
    return invalid (error, path, _("it must be a number from %g to %g."), min, max);
  *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *name,
             const char  *path,
             gboolean     fallback,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node = hs_utils_json_member (object, name);

  *out = fallback;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, path, _("it must be true or false."));
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Launch parameters are appended to the lesson's address as they are, so
 * they must already be a percent-encoded query or fragment. */
static gboolean
check_parameters (const char  *parameters,
                  const char  *path,
                  GError     **error)
{
  if (parameters[0] != '?' && parameters[0] != '#')
    return invalid (error, path, _("it must begin with “?” or “#”."));
  for (const char *p = parameters; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f)
      return invalid (error, path, _("spaces and characters other than plain ASCII must be percent-encoded, like %%20."));
  return TRUE;
}

/* The "scorm" object of a "sco" lesson: what the run-time needs from the
 * SCORM package's imsmanifest.xml.  Members that only one SCORM version
 * has are refused in a course of the other. */
static gboolean
parse_lesson_scorm (ParseContext  *ctx,
                    JsonObject    *lesson,
                    const char    *lesson_path,
                    HsLessonScorm *scorm,
                    GError       **error)
{
  g_autofree char *path = g_strdup_printf ("%s.scorm", lesson_path);
  g_autofree char *identifier_path = g_strdup_printf ("%s.identifier", path);
  g_autofree char *resource_path = g_strdup_printf ("%s.resource", path);
  g_autofree char *type_path = g_strdup_printf ("%s.type", path);
  g_autofree char *visible_path = g_strdup_printf ("%s.visible", path);
  g_autofree char *mastery_path = g_strdup_printf ("%s.mastery_score", path);
  g_autofree char *scaled_path = g_strdup_printf ("%s.scaled_passing_score", path);
  g_autofree char *threshold_path = g_strdup_printf ("%s.completion_threshold", path);
  g_autofree char *launch_path = g_strdup_printf ("%s.launch_data", path);
  g_autofree char *time_path = g_strdup_printf ("%s.max_time_allowed", path);
  g_autofree char *action_path = g_strdup_printf ("%s.time_limit_action", path);
  g_autofree char *sequencing_path = g_strdup_printf ("%s.sequencing", path);
  gboolean is_12 = ctx->package == HS_COURSE_PACKAGE_SCORM_12;
  const char *identifier, *resource, *type, *launch_data, *max_time, *action, *sequencing;
  JsonNode *node = hs_utils_json_member (lesson, "scorm");
  JsonObject *object;

  if (node == NULL)
    return missing (path, error);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, _("it must be an object in { }."));
  object = json_node_get_object (node);

  if (!get_string (object, "identifier", identifier_path, TRUE, 1000, &identifier, error) ||
      !get_string (object, "resource", resource_path, TRUE, 1000, &resource, error) ||
      !get_string (object, "type", type_path, TRUE, 10, &type, error))
    return FALSE;
  if (g_str_equal (type, "sco"))
    scorm->type = HS_SCORM_TYPE_SCO;
  else if (g_str_equal (type, "asset"))
    scorm->type = HS_SCORM_TYPE_ASSET;
  else
    return invalid (error, type_path, _("it must be \"sco\" or \"asset\"."));

  if (!get_boolean (object, "visible", visible_path, TRUE, &scorm->visible, error) ||
      !get_number (object, "mastery_score", mastery_path, 0, 100, &scorm->mastery_score, error) ||
      !get_number (object, "scaled_passing_score", scaled_path, -1, 1, &scorm->scaled_passing_score, error) ||
      !get_number (object, "completion_threshold", threshold_path, 0, 1, &scorm->completion_threshold, error))
    return FALSE;
  if (!is_12 && !isnan (scorm->mastery_score))
    return invalid (error, mastery_path, _("only SCORM 1.2 lessons have a mastery score."));
  if (is_12 && !isnan (scorm->scaled_passing_score))
    return invalid (error, scaled_path, _("only SCORM 2004 lessons have a scaled passing score."));
  if (is_12 && !isnan (scorm->completion_threshold))
    return invalid (error, threshold_path, _("only SCORM 2004 lessons have a completion threshold."));

  if (!get_string (object, "launch_data", launch_path, FALSE, 4096, &launch_data, error) ||
      !get_string (object, "max_time_allowed", time_path, FALSE, 64, &max_time, error) ||
      !get_string (object, "time_limit_action", action_path, FALSE, 32, &action, error) ||
      !get_string (object, "sequencing", sequencing_path, FALSE, HS_SCORM_MAX_SEQUENCING, &sequencing, error))
    return FALSE;
  if (max_time != NULL && !hs_scorm_time_is_valid (ctx->package, max_time))
    return invalid (error, time_path,
                    is_12 ? _("“%s” must be a time span like 0001:30:00.") : _("“%s” must be a duration like PT1H30M."),
                    max_time);
  if (action != NULL && !g_strv_contains (time_limit_actions, action))
    return invalid (error, action_path,
                    _("“%s” must be \"exit,message\", \"exit,no message\", \"continue,message\" or \"continue,no message\"."),
                    action);
  if (is_12 && sequencing != NULL)
    return invalid (error, sequencing_path, _("only SCORM 2004 lessons have sequencing."));

  scorm->identifier = g_strdup (identifier);
  scorm->resource = g_strdup (resource);
  scorm->launch_data = g_strdup (launch_data);
  scorm->max_time_allowed = g_strdup (max_time);
  scorm->time_limit_action = g_strdup (action);
  scorm->sequencing = g_strdup (sequencing);
  return TRUE;
}

static gboolean
parse_lesson (ParseContext  *ctx,
              JsonNode      *node,
              const char    *path,
              HsModule      *module,
              GError       **error)
{
  g_autoptr(HsLesson) lesson = NULL;
  g_autofree char *id_path = g_strdup_printf ("%s.id", path);
  g_autofree char *kind_path = g_strdup_printf ("%s.kind", path);
  g_autofree char *title_path = g_strdup_printf ("%s.title", path);
  g_autofree char *src_path = g_strdup_printf ("%s.src", path);
  g_autofree char *captions_path = g_strdup_printf ("%s.captions", path);
  g_autofree char *parameters_path = g_strdup_printf ("%s.parameters", path);
  g_autoptr(HsLessonScorm) scorm = NULL;
  const char *id, *kind_str, *title, *src, *captions, *parameters;
  const char * const *extensions = NULL;
  JsonObject *object;
  HsLessonKind kind;
  gboolean supported = FALSE;
  gboolean ext_ok = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, _("each lesson must be an object in { }."));
  object = json_node_get_object (node);

  if (!get_id (object, id_path, &id, error))
    return FALSE;
  if (g_hash_table_contains (ctx->lesson_ids, id))
    {
      g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_DUPLICATE_ID,
                   _("course.json: the lesson id “%s” in “%s” is used twice."), id, id_path);
      return FALSE;
    }

  if (!get_string (object, "kind", kind_path, TRUE, 32, &kind_str, error))
    return FALSE;
  if (!hs_lesson_kind_from_string (kind_str, &kind))
    return invalid (error, kind_path, _("“%s” is not a lesson kind."), kind_str);
  for (guint i = 0; i < G_N_ELEMENTS (supported_kinds); i++)
    if (supported_kinds[i].kind == kind)
      {
        supported = TRUE;
        extensions = supported_kinds[i].extensions;
      }
  if (!supported)
    return invalid (error, kind_path,
                    _("lessons of kind “%s” are not supported by this version of Học Số."), kind_str);
  /* SCO lessons need a SCORM run-time, which a course gets as a whole. */
  if (kind == HS_LESSON_KIND_SCO && ctx->package == HS_COURSE_PACKAGE_HOCSO)
    return invalid (error, kind_path, _("“sco” lessons are only found in SCORM courses (see “package”)."));
  if (kind != HS_LESSON_KIND_SCO && ctx->package != HS_COURSE_PACKAGE_HOCSO)
    return invalid (error, kind_path, _("every lesson of a SCORM course is of kind “sco”."));

  if (!get_string (object, "title", title_path, TRUE, 200, &title, error))
    return FALSE;

  if (!get_string (object, "src", src_path, TRUE, 512, &src, error) ||
      !check_file (ctx, src, src_path, error))
    return FALSE;
  for (guint i = 0; extensions != NULL && extensions[i] != NULL; i++)
    if (g_str_has_suffix (src, extensions[i]))
      ext_ok = TRUE;
  if (extensions != NULL && !ext_ok)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) extensions);
      return invalid (error, src_path, _("a “%s” lesson must be one of these file types: %s."),
                      kind_str, list);
    }

  if (!get_string (object, "captions", captions_path, FALSE, 512, &captions, error))
    return FALSE;
  if (captions != NULL)
    {
      if (kind != HS_LESSON_KIND_VIDEO)
        return invalid (error, captions_path, _("only video lessons have captions."));
      if (!g_str_has_suffix (captions, ".vtt"))
        return invalid (error, captions_path, _("captions must be a WebVTT file (.vtt)."));
      if (!check_file (ctx, captions, captions_path, error))
        return FALSE;
    }

  if (!get_string (object, "parameters", parameters_path, FALSE, 2000, &parameters, error))
    return FALSE;
  if (parameters != NULL)
    {
      if (kind != HS_LESSON_KIND_SCO)
        return invalid (error, parameters_path, _("only SCORM lessons have launch parameters."));
      if (!check_parameters (parameters, parameters_path, error))
        return FALSE;
    }

  if (kind == HS_LESSON_KIND_SCO)
    {
      scorm = hs_lesson_scorm_new ();
      if (!parse_lesson_scorm (ctx, object, path, scorm, error))
        return FALSE;
    }

  /* A quiz is checked whole at import, so a bad question is refused with
   * the package rather than found by a learner. */
  if (kind == HS_LESSON_KIND_QUIZ && ctx->root != NULL)
    {
      g_autoptr(HsQuiz) quiz = hs_quiz_load (ctx->root, src, error);

      if (quiz == NULL)
        return FALSE;
    }

  /* So is a walkthrough: a target off its screen or a step nothing leads
   * to refuses the package with the walkthrough's own message. */
  if (kind == HS_LESSON_KIND_WALKTHROUGH && ctx->root != NULL)
    {
      g_autoptr(HsWalkthrough) walkthrough = hs_walkthrough_load (ctx->root, src, error);

      if (walkthrough == NULL)
        return FALSE;
    }

  /* Package file names are stored NFC (hs-package), so the paths that
   * name them are too. */
  {
    g_autofree char *src_nfc = g_utf8_normalize (src, -1, G_NORMALIZE_NFC);
    g_autofree char *captions_nfc = captions ? g_utf8_normalize (captions, -1, G_NORMALIZE_NFC) : NULL;

    lesson = hs_lesson_new (id, kind, title, src_nfc);
    hs_lesson_set_captions (lesson, captions_nfc);
  }
  hs_lesson_set_parameters (lesson, parameters);
  hs_lesson_set_scorm (lesson, scorm);
  hs_module_add_lesson (module, lesson);
  g_hash_table_add (ctx->lesson_ids, g_strdup (id));

  return TRUE;
}

static gboolean
parse_module (ParseContext  *ctx,
              JsonNode      *node,
              guint          index,
              HsCourse      *course,
              GError       **error)
{
  g_autofree char *path = g_strdup_printf ("modules[%u]", index);
  g_autofree char *id_path = g_strdup_printf ("%s.id", path);
  g_autofree char *title_path = g_strdup_printf ("%s.title", path);
  g_autofree char *lessons_path = g_strdup_printf ("%s.lessons", path);
  g_autoptr(HsModule) module = NULL;
  const char *id, *title;
  JsonObject *object;
  JsonNode *lessons;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, _("each module must be an object in { }."));
  object = json_node_get_object (node);

  if (!get_id (object, id_path, &id, error))
    return FALSE;
  if (g_hash_table_contains (ctx->module_ids, id))
    {
      g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_DUPLICATE_ID,
                   _("course.json: the module id “%s” in “%s” is used twice."), id, id_path);
      return FALSE;
    }
  g_hash_table_add (ctx->module_ids, g_strdup (id));

  if (!get_string (object, "title", title_path, TRUE, 200, &title, error))
    return FALSE;

  lessons = hs_utils_json_member (object, "lessons");
  if (lessons == NULL)
    return missing (lessons_path, error);
  if (!JSON_NODE_HOLDS_ARRAY (lessons) || json_array_get_length (json_node_get_array (lessons)) == 0)
    return invalid (error, lessons_path, _("it must be a list with at least one lesson."));

  module = hs_module_new (id, title);
  array = json_node_get_array (lessons);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *lesson_path = g_strdup_printf ("%s[%u]", lessons_path, i);

      if (!parse_lesson (ctx, json_array_get_element (array, i), lesson_path, module, error))
        return FALSE;
    }

  hs_course_add_module (course, module);
  return TRUE;
}

static gboolean
parse_completion (ParseContext  *ctx,
                  JsonObject    *root,
                  HsCourse      *course,
                  GError       **error)
{
  JsonNode *node = hs_utils_json_member (root, "completion");
  JsonNode *require, *pass_mark;
  JsonObject *object;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "completion", _("it must be an object in { }."));
  object = json_node_get_object (node);

  require = hs_utils_json_member (object, "require");
  if (require != NULL && node_is_string (require))
    {
      if (!g_str_equal (json_node_get_string (require), "all"))
        return invalid (error, "completion.require",
                        _("it must be \"all\" or a list of lesson ids."));
    }
  else if (require != NULL && JSON_NODE_HOLDS_ARRAY (require))
    {
      JsonArray *array = json_node_get_array (require);
      g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
      GPtrArray *lessons = hs_course_get_lessons (course);

      if (json_array_get_length (array) == 0)
        return invalid (error, "completion.require", _("the list of required lessons is empty."));

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("completion.require[%u]", i);
          const char *id;

          if (!node_is_string (item))
            return invalid (error, path, _("it must be a lesson id in quotes."));
          id = json_node_get_string (item);
          if (!g_hash_table_contains (ctx->lesson_ids, id))
            return invalid (error, path, _("there is no lesson with the id “%s”."), id);
          g_hash_table_add (wanted, (gpointer) id);
        }

      for (guint i = 0; i < lessons->len; i++)
        {
          HsLesson *lesson = g_ptr_array_index (lessons, i);
          hs_lesson_set_required (lesson, g_hash_table_contains (wanted, hs_lesson_get_id (lesson)));
        }
    }
  else if (require != NULL)
    return invalid (error, "completion.require", _("it must be \"all\" or a list of lesson ids."));

  pass_mark = hs_utils_json_member (object, "pass_mark");
  if (pass_mark != NULL)
    {
      GType type = JSON_NODE_HOLDS_VALUE (pass_mark) ? json_node_get_value_type (pass_mark) : G_TYPE_INVALID;
      double value;

      if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
        return invalid (error, "completion.pass_mark", _("it must be a number from 0 to 1, like 0.8."));
      value = json_node_get_double (pass_mark);
      if (value < 0 || value > 1)
        return invalid (error, "completion.pass_mark", _("it must be a number from 0 to 1, like 0.8."));
      hs_course_set_pass_mark (course, value);
    }

  return TRUE;
}

/* The top-level "scorm" object of a SCORM course: what its imsmanifest.xml
 * said about the package as a whole, kept for the run-time. */
static gboolean
parse_course_scorm (ParseContext  *ctx,
                    JsonObject    *root,
                    GError       **error)
{
  static const struct {
    const char *name;
    guint       max_chars;
  } members[] = {
    { "identifier", 1000 },
    { "organization", 1000 },
    { "schemaversion", 100 },
    { "sequencing_collection", HS_SCORM_MAX_SEQUENCING },
  };
  JsonNode *node = hs_utils_json_member (root, "scorm");
  JsonObject *object;

  if (node == NULL)
    return TRUE;
  if (ctx->package == HS_COURSE_PACKAGE_HOCSO)
    return invalid (error, "scorm", _("only SCORM courses have it (see “package”)."));
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "scorm", _("it must be an object in { }."));
  object = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *path = g_strdup_printf ("scorm.%s", members[i].name);
      const char *value;

      if (!get_string (object, members[i].name, path, FALSE, members[i].max_chars, &value, error))
        return FALSE;
    }
  if (json_object_has_member (object, "sequencing_collection") && ctx->package != HS_COURSE_PACKAGE_SCORM_2004)
    return invalid (error, "scorm.sequencing_collection", _("only SCORM 2004 courses have sequencing."));
  return TRUE;
}

/**
 * hs_manifest_parse:
 * @root: (nullable): the package folder, to check that every file the
 *   manifest names is there; %NULL skips those checks
 *
 * Parses course.json format 1 and checks every field.  Errors name the
 * field, as "modules[0].lessons[2].src".
 */
HsCourse *
hs_manifest_parse (const char  *json,
                   gssize       length,
                   const char  *root,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) audience = NULL;
  g_autoptr(GPtrArray) competences = NULL;
  g_autoptr(GHashTable) lesson_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) module_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ParseContext ctx = { root, HS_COURSE_PACKAGE_HOCSO, lesson_ids, module_ids };
  const char *package, *id, *version, *title, *summary, *language, *cover, *license;
  JsonObject *object;
  JsonNode *node, *modules;
  JsonArray *array;

  g_return_val_if_fail (json != NULL, NULL);

  if (length < 0)
    length = strlen (json);

  if ((gsize) length > HS_MANIFEST_MAX_SIZE)
    {
      g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_TOO_LARGE,
                   _("course.json is larger than %d KiB."), HS_MANIFEST_MAX_SIZE / 1024);
      return NULL;
    }
  if (!g_utf8_validate (json, length, NULL))
    {
      g_set_error_literal (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_INVALID_JSON,
                           _("course.json is not UTF-8 text."));
      return NULL;
    }
  if (!hs_utils_json_is_shallow (json, length, HS_MANIFEST_MAX_DEPTH))
    {
      g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_INVALID_JSON,
                   _("course.json is nested more than %d levels deep."), HS_MANIFEST_MAX_DEPTH);
      return NULL;
    }
  if (!hs_utils_json_escapes_are_valid (json, length))
    {
      g_set_error_literal (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_INVALID_JSON,
                           _("course.json is not valid JSON: a \\u escape in it stands for no character (NUL, or half a surrogate pair)."));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_INVALID_JSON,
                   _("course.json is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_INVALID_JSON,
                           _("course.json must hold one object in { }."));
      return NULL;
    }
  object = json_node_get_object (node);

  node = hs_utils_json_member (object, "format");
  if (node == NULL)
    return missing ("format", error), NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, "format", _("it must be a whole number, like 1.")), NULL;
  if (json_node_get_int (node) != 1)
    {
      g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_UNSUPPORTED_FORMAT,
                   _("course.json uses format %d; this version of Học Số reads format 1."),
                   (int) CLAMP (json_node_get_int (node), G_MININT, G_MAXINT));
      return NULL;
    }

  if (!get_string (object, "package", "package", FALSE, 20, &package, error))
    return NULL;
  if (package != NULL && !hs_course_package_from_string (package, &ctx.package))
    return invalid (error, "package", _("it must be \"hocso\", \"scorm-1.2\" or \"scorm-2004\".")), NULL;
  if (!parse_course_scorm (&ctx, object, error))
    return NULL;

  if (!get_id (object, "id", &id, error))
    return NULL;

  if (!get_string (object, "version", "version", TRUE, 40, &version, error))
    return NULL;
  if (!hs_utils_version_is_valid (version))
    return invalid (error, "version", _("“%s” must be numbers separated by dots, like 1.0.2."), version), NULL;

  if (!get_string (object, "title", "title", TRUE, 200, &title, error) ||
      !get_string (object, "summary", "summary", FALSE, 2000, &summary, error) ||
      !get_string (object, "language", "language", FALSE, 35, &language, error) ||
      !get_string (object, "license", "license", FALSE, 100, &license, error) ||
      !get_string (object, "cover", "cover", FALSE, 512, &cover, error))
    return NULL;

  if (cover != NULL && !check_file (&ctx, cover, "cover", error))
    return NULL;

  course = hs_course_new (id, version, title);
  hs_course_set_package (course, ctx.package);
  hs_course_set_summary (course, summary);
  if (language != NULL)
    hs_course_set_language (course, language);
  hs_course_set_license (course, license);
  {
    g_autofree char *cover_nfc = cover ? g_utf8_normalize (cover, -1, G_NORMALIZE_NFC) : NULL;
    hs_course_set_cover (course, cover_nfc);
  }

  if (!get_string_array (object, "audience", &audience, error))
    return NULL;
  if (audience != NULL)
    {
      guint mask = 0;

      if (audience->len <= 1)
        return invalid (error, "audience", _("list at least one of \"manager\", \"teacher\", \"staff\".")), NULL;
      for (guint i = 0; i + 1 < audience->len; i++)
        {
          HsRole role;

          if (!hs_role_from_string (g_ptr_array_index (audience, i), &role))
            {
              g_autofree char *path = g_strdup_printf ("audience[%u]", i);
              return invalid (error, path, _("“%s” is not one of \"manager\", \"teacher\", \"staff\"."),
                              (char *) g_ptr_array_index (audience, i)), NULL;
            }
          mask |= 1u << role;
        }
      hs_course_set_audience (course, mask);
    }

  if (!get_string_array (object, "competences", &competences, error))
    return NULL;
  if (competences != NULL)
    hs_course_set_competences (course, (const char * const *) competences->pdata);

  node = hs_utils_json_member (object, "estimated_minutes");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 1 || json_node_get_int (node) > 6000)
        return invalid (error, "estimated_minutes", _("it must be a whole number of minutes from 1 to 6000.")), NULL;
      hs_course_set_estimated_minutes (course, json_node_get_int (node));
    }

  modules = hs_utils_json_member (object, "modules");
  if (modules == NULL)
    return missing ("modules", error), NULL;
  if (!JSON_NODE_HOLDS_ARRAY (modules) || json_array_get_length (json_node_get_array (modules)) == 0)
    return invalid (error, "modules", _("it must be a list with at least one module.")), NULL;
  array = json_node_get_array (modules);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!parse_module (&ctx, json_array_get_element (array, i), i, course, error))
      return NULL;

  if (!parse_completion (&ctx, object, course, error))
    return NULL;

  node = hs_utils_json_member (object, "certificate");
  if (node != NULL)
    {
      JsonNode *enabled;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, "certificate", _("it must be an object in { }.")), NULL;
      enabled = hs_utils_json_member (json_node_get_object (node), "enabled");
      if (enabled != NULL)
        {
          if (!JSON_NODE_HOLDS_VALUE (enabled) || json_node_get_value_type (enabled) != G_TYPE_BOOLEAN)
            return invalid (error, "certificate.enabled", _("it must be true or false.")), NULL;
          hs_course_set_certificate_enabled (course, json_node_get_boolean (enabled));
        }
    }

  /* @json need not end in a NUL: keep @length bytes of it, no more. */
  {
    g_autofree char *copy = g_strndup (json, length);

    hs_course_set_manifest_json (course, copy);
  }
  hs_course_set_path (course, root);

  return g_steal_pointer (&course);
}

/**
 * hs_manifest_load:
 * @root: an extracted package folder
 *
 * Reads @root/course.json, or else @root/imsmanifest.xml, a SCORM 1.2 or
 * 2004 package, through hs_scorm_load().  A package with both is read as a
 * Học Số course.
 */
HsCourse *
hs_manifest_load (const char  *root,
                  GError     **error)
{
  g_autofree char *path = g_build_filename (root, MANIFEST_NAME, NULL);
  g_autofree char *scorm = g_build_filename (root, HS_SCORM_MANIFEST_NAME, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  g_return_val_if_fail (root != NULL, NULL);

  if (g_lstat (path, &st) != 0)
    {
      if (g_lstat (scorm, &st) == 0)
        return hs_scorm_load (root, error);
      g_set_error_literal (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_NOT_FOUND,
                           _("This package has neither course.json nor imsmanifest.xml, so it is not a course Học Số can read."));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_NOT_FOUND,
                           _("course.json in this package is not a regular file."));
      return NULL;
    }
  if (st.st_size > HS_MANIFEST_MAX_SIZE)
    {
      g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_TOO_LARGE,
                   _("course.json is larger than %d KiB."), HS_MANIFEST_MAX_SIZE / 1024);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, HS_MANIFEST_ERROR, HS_MANIFEST_ERROR_NOT_FOUND,
                   _("Could not read course.json: %s"), local_error->message);
      return NULL;
    }

  return hs_manifest_parse (contents, length, root, error);
}
