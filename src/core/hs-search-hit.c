/* hs-search-hit.c — one course or lesson a search found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hit carries its title and a snippet of its text as plain text, with the
 * matched parts as byte ranges.  The UI turns them into Pango markup with
 * hs_search_hit_get_*_markup(), which escapes everything else, so course
 * text can never inject markup.
 */
#define G_LOG_DOMAIN "hs-search"

#include "config.h"

#include <string.h>

#include "hs-search-hit-private.h"

struct _HsSearchHit
{
  GObject       parent_instance;

  char         *course_id;
  char         *course_title;
  char         *lesson_id;
  char         *title;
  char         *snippet;
  GArray       *title_ranges;     /* HsSearchRange */
  GArray       *snippet_ranges;   /* HsSearchRange */
  HsLessonKind  kind;
  gboolean      has_kind;
};

G_DEFINE_FINAL_TYPE (HsSearchHit, hs_search_hit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COURSE_ID,
  PROP_COURSE_TITLE,
  PROP_LESSON_ID,
  PROP_TITLE,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hs_search_hit_finalize (GObject *object)
{
  HsSearchHit *self = (HsSearchHit *)object;

  g_free (self->course_id);
  g_free (self->course_title);
  g_free (self->lesson_id);
  g_free (self->title);
  g_free (self->snippet);
  g_clear_pointer (&self->title_ranges, g_array_unref);
  g_clear_pointer (&self->snippet_ranges, g_array_unref);

  G_OBJECT_CLASS (hs_search_hit_parent_class)->finalize (object);
}

static void
hs_search_hit_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HsSearchHit *self = HS_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_COURSE_ID:
      g_value_set_string (value, self->course_id);
      break;
    case PROP_COURSE_TITLE:
      g_value_set_string (value, self->course_title);
      break;
    case PROP_LESSON_ID:
      g_value_set_string (value, self->lesson_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_search_hit_class_init (HsSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_search_hit_finalize;
  object_class->get_property = hs_search_hit_get_property;

  properties[PROP_COURSE_ID] =
    g_param_spec_string ("course-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COURSE_TITLE] =
    g_param_spec_string ("course-title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LESSON_ID] =
    g_param_spec_string ("lesson-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_search_hit_init (HsSearchHit *self)
{
}

/**
 * hs_search_hit_new:
 * @lesson_id: (nullable): %NULL when the course itself matched
 * @kind: (nullable): the lesson's kind, as hs_lesson_kind_to_string() names it
 * @title_ranges: (transfer full) (element-type HsSearchRange): the matches
 *   in @title
 * @snippet_ranges: (transfer full) (element-type HsSearchRange): the
 *   matches in @snippet
 */
HsSearchHit *
hs_search_hit_new (const char *course_id,
                   const char *course_title,
                   const char *lesson_id,
                   const char *kind,
                   const char *title,
                   GArray     *title_ranges,
                   const char *snippet,
                   GArray     *snippet_ranges)
{
  HsSearchHit *self;

  g_return_val_if_fail (course_id != NULL, NULL);
  g_return_val_if_fail (course_title != NULL, NULL);
  g_return_val_if_fail (title != NULL && title_ranges != NULL, NULL);
  g_return_val_if_fail (snippet != NULL && snippet_ranges != NULL, NULL);

  self = g_object_new (HS_TYPE_SEARCH_HIT, NULL);
  self->course_id = g_strdup (course_id);
  self->course_title = g_strdup (course_title);
  self->lesson_id = g_strdup (lesson_id);
  self->has_kind = kind != NULL && hs_lesson_kind_from_string (kind, &self->kind);
  self->title = g_strdup (title);
  self->title_ranges = title_ranges;
  self->snippet = g_strdup (snippet);
  self->snippet_ranges = snippet_ranges;

  return self;
}

const char *
hs_search_hit_get_course_id (HsSearchHit *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_HIT (self), NULL);
  return self->course_id;
}

const char *
hs_search_hit_get_course_title (HsSearchHit *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_HIT (self), NULL);
  return self->course_title;
}

/**
 * hs_search_hit_get_lesson_id:
 *
 * Returns: (nullable): the lesson, or %NULL when the course itself matched
 *   (its title, summary or module titles)
 */
const char *
hs_search_hit_get_lesson_id (HsSearchHit *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_HIT (self), NULL);
  return self->lesson_id;
}

/**
 * hs_search_hit_get_kind:
 *
 * Returns: %FALSE when the hit is the course itself
 */
gboolean
hs_search_hit_get_kind (HsSearchHit  *self,
                        HsLessonKind *kind)
{
  g_return_val_if_fail (HS_IS_SEARCH_HIT (self), FALSE);

  if (self->has_kind && kind != NULL)
    *kind = self->kind;
  return self->has_kind;
}

/**
 * hs_search_hit_get_title:
 *
 * The lesson's title, or the course's for a course hit.
 */
const char *
hs_search_hit_get_title (HsSearchHit *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_HIT (self), NULL);
  return self->title;
}

const HsSearchRange *
hs_search_hit_get_title_ranges (HsSearchHit *self,
                                guint       *n_ranges)
{
  g_return_val_if_fail (HS_IS_SEARCH_HIT (self), NULL);
  g_return_val_if_fail (n_ranges != NULL, NULL);

  *n_ranges = self->title_ranges->len;
  return (const HsSearchRange *) self->title_ranges->data;
}

/**
 * hs_search_hit_get_snippet:
 *
 * A few lines of the text around the best match, with "…" where it was
 * cut; the start of the text when only the title matched.  A course hit's
 * text is its summary and module titles.  Possibly empty (a video lesson).
 */
const char *
hs_search_hit_get_snippet (HsSearchHit *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_HIT (self), NULL);
  return self->snippet;
}

const HsSearchRange *
hs_search_hit_get_snippet_ranges (HsSearchHit *self,
                                  guint       *n_ranges)
{
  g_return_val_if_fail (HS_IS_SEARCH_HIT (self), NULL);
  g_return_val_if_fail (n_ranges != NULL, NULL);

  *n_ranges = self->snippet_ranges->len;
  return (const HsSearchRange *) self->snippet_ranges->data;
}

static void
append_text (GString    *out,
             const char *text,
             gsize       length,
             gboolean    escape)
{
  if (escape)
    {
      g_autofree char *escaped = g_markup_escape_text (text, length);
      g_string_append (out, escaped);
    }
  else
    g_string_append_len (out, text, length);
}

static char *
mark_up (const char          *text,
         const HsSearchRange *ranges,
         guint                n_ranges,
         const char          *open,
         const char          *close,
         gboolean             escape)
{
  GString *out = g_string_new (NULL);
  gsize length = strlen (text);
  gsize at = 0;

  for (guint i = 0; i < n_ranges; i++)
    {
      gsize start = CLAMP (ranges[i].start, at, length);
      gsize end = CLAMP (ranges[i].end, start, length);

      append_text (out, text + at, start - at, escape);
      g_string_append (out, open);
      append_text (out, text + start, end - start, escape);
      g_string_append (out, close);
      at = end;
    }
  append_text (out, text + at, length - at, escape);

  return g_string_free (out, FALSE);
}

/**
 * hs_search_mark_up:
 * @ranges: in order, not overlapping
 *
 * Puts @open and @close around each range of @text, as they are: for a
 * terminal or plain text.  For Pango, use hs_search_hit_get_title_markup().
 */
char *
hs_search_mark_up (const char          *text,
                   const HsSearchRange *ranges,
                   guint                n_ranges,
                   const char          *open,
                   const char          *close)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (open != NULL && close != NULL, NULL);

  return mark_up (text, ranges, n_ranges, open, close, FALSE);
}

/**
 * hs_search_hit_get_title_markup:
 *
 * Returns: the title as Pango markup, matches in bold, the rest escaped
 */
char *
hs_search_hit_get_title_markup (HsSearchHit *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_HIT (self), NULL);

  return mark_up (self->title, (const HsSearchRange *) self->title_ranges->data,
                  self->title_ranges->len, "<b>", "</b>", TRUE);
}

/**
 * hs_search_hit_get_snippet_markup:
 *
 * Returns: the snippet as Pango markup, matches in bold, the rest escaped
 */
char *
hs_search_hit_get_snippet_markup (HsSearchHit *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_HIT (self), NULL);

  return mark_up (self->snippet, (const HsSearchRange *) self->snippet_ranges->data,
                  self->snippet_ranges->len, "<b>", "</b>", TRUE);
}
