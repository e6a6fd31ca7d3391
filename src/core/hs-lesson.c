/* hs-lesson.c — one lesson of a course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-lesson"

#include "config.h"

#include <math.h>

#include "hs-lesson.h"

struct _HsLesson
{
  GObject        parent_instance;

  char          *id;
  char          *title;
  char          *src;
  char          *captions;
  char          *module_id;
  char          *parameters;
  HsLessonScorm *scorm;
  HsLessonKind   kind;
  gboolean       required;
};

G_DEFINE_FINAL_TYPE (HsLesson, hs_lesson, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SRC,
  PROP_REQUIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = {
  [HS_LESSON_KIND_PAGE] = "page",
  [HS_LESSON_KIND_VIDEO] = "video",
  [HS_LESSON_KIND_QUIZ] = "quiz",
  [HS_LESSON_KIND_WALKTHROUGH] = "walkthrough",
  [HS_LESSON_KIND_SCO] = "sco",
  [HS_LESSON_KIND_DOCUMENT] = "document",
  [HS_LESSON_KIND_TEXT] = "text",
};

/**
 * hs_lesson_scorm_new:
 *
 * Returns: (transfer full): SCORM data with nothing given: a visible SCO,
 *   every number NAN and every text %NULL
 */
HsLessonScorm *
hs_lesson_scorm_new (void)
{
  HsLessonScorm *scorm = g_new0 (HsLessonScorm, 1);

  scorm->type = HS_SCORM_TYPE_SCO;
  scorm->visible = TRUE;
  scorm->mastery_score = NAN;
  scorm->scaled_passing_score = NAN;
  scorm->completion_threshold = NAN;
  return scorm;
}

HsLessonScorm *
hs_lesson_scorm_copy (const HsLessonScorm *scorm)
{
  HsLessonScorm *copy;

  g_return_val_if_fail (scorm != NULL, NULL);

  copy = g_memdup2 (scorm, sizeof *scorm);
  copy->identifier = g_strdup (scorm->identifier);
  copy->resource = g_strdup (scorm->resource);
  copy->launch_data = g_strdup (scorm->launch_data);
  copy->max_time_allowed = g_strdup (scorm->max_time_allowed);
  copy->time_limit_action = g_strdup (scorm->time_limit_action);
  copy->sequencing = g_strdup (scorm->sequencing);
  return copy;
}

void
hs_lesson_scorm_free (HsLessonScorm *scorm)
{
  if (scorm == NULL)
    return;
  g_free (scorm->identifier);
  g_free (scorm->resource);
  g_free (scorm->launch_data);
  g_free (scorm->max_time_allowed);
  g_free (scorm->time_limit_action);
  g_free (scorm->sequencing);
  g_free (scorm);
}

static void
hs_lesson_finalize (GObject *object)
{
  HsLesson *self = (HsLesson *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->src);
  g_free (self->captions);
  g_free (self->module_id);
  g_free (self->parameters);
  g_clear_pointer (&self->scorm, hs_lesson_scorm_free);

  G_OBJECT_CLASS (hs_lesson_parent_class)->finalize (object);
}

static void
hs_lesson_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HsLesson *self = HS_LESSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SRC:
      g_value_set_string (value, self->src);
      break;
    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_lesson_class_init (HsLessonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_lesson_finalize;
  object_class->get_property = hs_lesson_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SRC] =
    g_param_spec_string ("src", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_lesson_init (HsLesson *self)
{
  self->required = TRUE;
}

HsLesson *
hs_lesson_new (const char   *id,
               HsLessonKind  kind,
               const char   *title,
               const char   *src)
{
  HsLesson *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (src != NULL, NULL);

  self = g_object_new (HS_TYPE_LESSON, NULL);
  self->id = g_strdup (id);
  self->kind = kind;
  self->title = g_strdup (title);
  self->src = g_strdup (src);

  return self;
}

const char *
hs_lesson_get_id (HsLesson *self)
{
  g_return_val_if_fail (HS_IS_LESSON (self), NULL);
  return self->id;
}

HsLessonKind
hs_lesson_get_kind (HsLesson *self)
{
  g_return_val_if_fail (HS_IS_LESSON (self), HS_LESSON_KIND_PAGE);
  return self->kind;
}

const char *
hs_lesson_get_title (HsLesson *self)
{
  g_return_val_if_fail (HS_IS_LESSON (self), NULL);
  return self->title;
}

const char *
hs_lesson_get_src (HsLesson *self)
{
  g_return_val_if_fail (HS_IS_LESSON (self), NULL);
  return self->src;
}

const char *
hs_lesson_get_captions (HsLesson *self)
{
  g_return_val_if_fail (HS_IS_LESSON (self), NULL);
  return self->captions;
}

void
hs_lesson_set_captions (HsLesson   *self,
                        const char *captions)
{
  g_return_if_fail (HS_IS_LESSON (self));
  g_free (self->captions);
  self->captions = g_strdup (captions);
}

gboolean
hs_lesson_get_required (HsLesson *self)
{
  g_return_val_if_fail (HS_IS_LESSON (self), FALSE);
  return self->required;
}

void
hs_lesson_set_required (HsLesson *self,
                        gboolean  required)
{
  g_return_if_fail (HS_IS_LESSON (self));

  required = !!required;
  if (self->required == required)
    return;

  self->required = required;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED]);
}

const char *
hs_lesson_get_module_id (HsLesson *self)
{
  g_return_val_if_fail (HS_IS_LESSON (self), NULL);
  return self->module_id;
}

void
hs_lesson_set_module_id (HsLesson   *self,
                         const char *module_id)
{
  g_return_if_fail (HS_IS_LESSON (self));
  g_free (self->module_id);
  self->module_id = g_strdup (module_id);
}

/**
 * hs_lesson_get_parameters:
 *
 * What follows the address of the lesson's file when it is opened: a query
 * and/or fragment beginning with "?" or "#", already percent-encoded (a
 * SCORM item's launch parameters), or %NULL.
 */
const char *
hs_lesson_get_parameters (HsLesson *self)
{
  g_return_val_if_fail (HS_IS_LESSON (self), NULL);
  return self->parameters;
}

void
hs_lesson_set_parameters (HsLesson   *self,
                          const char *parameters)
{
  g_return_if_fail (HS_IS_LESSON (self));
  g_free (self->parameters);
  self->parameters = g_strdup (parameters);
}

/**
 * hs_lesson_get_scorm:
 *
 * Returns: (nullable): the SCORM data of a "sco" lesson, %NULL for other
 *   kinds
 */
const HsLessonScorm *
hs_lesson_get_scorm (HsLesson *self)
{
  g_return_val_if_fail (HS_IS_LESSON (self), NULL);
  return self->scorm;
}

void
hs_lesson_set_scorm (HsLesson            *self,
                     const HsLessonScorm *scorm)
{
  g_return_if_fail (HS_IS_LESSON (self));
  g_clear_pointer (&self->scorm, hs_lesson_scorm_free);
  if (scorm != NULL)
    self->scorm = hs_lesson_scorm_copy (scorm);
}

const char *
hs_lesson_kind_to_string (HsLessonKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
hs_lesson_kind_from_string (const char   *str,
                            HsLessonKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (str, kind_names[i]))
      {
        *kind = (HsLessonKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * hs_lesson_kind_hides_source:
 *
 * Whether lessons of @kind keep their answers in their source file (a
 * quiz, a walkthrough), which the player reads itself and never serves to
 * a page.
 */
gboolean
hs_lesson_kind_hides_source (HsLessonKind kind)
{
  return kind == HS_LESSON_KIND_QUIZ || kind == HS_LESSON_KIND_WALKTHROUGH;
}
