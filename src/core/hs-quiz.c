/* hs-quiz.c — quiz definitions: parsing, checking and scoring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-quiz"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hs-quiz.h"
#include "hs-utils.h"

G_DEFINE_QUARK (hs-quiz-error-quark, hs_quiz_error)

#define MAX_POINTS 1000

/* A choice of a single or multiple choice question, or an item of an
 * ordering question (then only id, label and text are used). */
typedef struct {
  char     *id;
  char     *label;     /* ordering: the opaque id pages see instead of id */
  char     *text;
  char     *feedback;
  gboolean  correct;
} Choice;

typedef struct {
  char *id;
  char *label;         /* the opaque id pages see for the right side */
  char *left;
  char *right;
} Pair;

typedef struct {
  char               *id;
  HsQuizQuestionType  type;
  char               *text;
  double              points;
  GStrv               competences;
  char               *image;
  char               *audio;
  char               *explanation;
  GPtrArray          *choices;    /* Choice: choices, or ordering items */
  GPtrArray          *pairs;      /* Pair: matching */
  GStrv               accepted;
  char               *feedback_true;
  char               *feedback_false;
  guint               n_correct;
  gboolean            partial_credit;
  gboolean            answer;
  gboolean            ignore_case;
  gboolean            ignore_diacritics;
} Question;

struct _HsQuiz
{
  GObject            parent_instance;

  char              *name;
  GPtrArray         *questions;   /* Question, in file order */
  GHashTable        *by_id;       /* id → Question, owned by questions */
  double             pass_mark;
  guint              draw;
  guint              attempts;
  guint              time_limit;
  HsQuizShowAnswers  show_answers;
  gboolean           shuffle_questions;
  gboolean           shuffle_choices;
};

G_DEFINE_FINAL_TYPE (HsQuiz, hs_quiz, G_TYPE_OBJECT)

static const char * const type_names[] = {
  [HS_QUIZ_QUESTION_SINGLE] = "single",
  [HS_QUIZ_QUESTION_MULTIPLE] = "multiple",
  [HS_QUIZ_QUESTION_TRUE_FALSE] = "true_false",
  [HS_QUIZ_QUESTION_FILL_IN] = "fill_in",
  [HS_QUIZ_QUESTION_ORDERING] = "ordering",
  [HS_QUIZ_QUESTION_MATCHING] = "matching",
};

static const char * const show_answers_names[] = {
  [HS_QUIZ_SHOW_ANSWERS_AT_END] = "at_end",
  [HS_QUIZ_SHOW_ANSWERS_AFTER_EACH] = "after_each",
  [HS_QUIZ_SHOW_ANSWERS_NEVER] = "never",
};

static const char * const image_extensions[] = {
  ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", NULL
};
static const char * const audio_extensions[] = {
  ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".wav", ".webm", NULL
};

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_free (choice->id);
  g_free (choice->label);
  g_free (choice->text);
  g_free (choice->feedback);
  g_free (choice);
}

static void
pair_free (gpointer data)
{
  Pair *pair = data;

  g_free (pair->id);
  g_free (pair->label);
  g_free (pair->left);
  g_free (pair->right);
  g_free (pair);
}

static void
question_free (gpointer data)
{
  Question *q = data;

  g_free (q->id);
  g_free (q->text);
  g_strfreev (q->competences);
  g_free (q->image);
  g_free (q->audio);
  g_free (q->explanation);
  g_clear_pointer (&q->choices, g_ptr_array_unref);
  g_clear_pointer (&q->pairs, g_ptr_array_unref);
  g_strfreev (q->accepted);
  g_free (q->feedback_true);
  g_free (q->feedback_false);
  g_free (q);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Question, question_free)

/* Parsing */

typedef struct {
  const char *name;
  const char *root;       /* folder media paths are checked against, or NULL */
  char       *where;      /* how messages name the place being read */
  guint32     key[8];     /* the file's SHA-256: see assign_labels() */
} ParseContext;

static void
set_where_quiz (ParseContext *ctx)
{
  g_free (ctx->where);
  ctx->where = g_strdup_printf (_("quiz “%s”"), ctx->name);
}

static void
set_where_question (ParseContext *ctx,
                    const char   *id,
                    guint         index)
{
  g_autofree char *path = g_strdup_printf ("questions[%u]", index);

  g_free (ctx->where);
  if (id == NULL)
    ctx->where = g_strdup_printf (_("quiz “%s”: %s"), ctx->name, path);
  else
    ctx->where = g_strdup_printf (_("quiz “%s”: question “%s” (%s)"), ctx->name, id, path);
}

static gboolean
missing (ParseContext  *ctx,
         const char    *field,
         GError       **error)
{
  g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_MISSING_FIELD,
               _("%s: the field “%s” is missing."), ctx->where, field);
  return FALSE;
}

static gboolean
fail (ParseContext  *ctx,
      GError       **error,
      HsQuizError    code,
      const char    *field,
      const char    *format,
      ...) G_GNUC_PRINTF (5, 6);

/* @format is a translated sentence about the field; the message names the
 * quiz, the question and the field so the author knows where to look. */
static gboolean
fail (ParseContext  *ctx,
      GError       **error,
      HsQuizError    code,
      const char    *field,
      const char    *format,
      ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, HS_QUIZ_ERROR, code,
               _("%s: the field “%s” is not valid: %s"), ctx->where, field, detail);
  return FALSE;
}

/* Reads a text member of @object into @out (a copy, or NULL when absent
 * and not @required).  @field is how messages name it. */
static gboolean
get_text (ParseContext  *ctx,
          JsonObject    *object,
          const char    *name,
          const char    *field,
          gboolean       required,
          guint          max_chars,
          char         **out,
          GError       **error)
{
  JsonNode *node = hs_utils_json_member (object, name);
  const char *value;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? missing (ctx, field, error) : TRUE;

  if (hs_utils_json_value_type (node) != G_TYPE_STRING)
    return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field, _("it must be a text in quotes."));

  value = json_node_get_string (node);
  if (hs_utils_text_is_blank (value))
    return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field, _("it must not be empty."));
  if (g_utf8_strlen (value, -1) > (glong) max_chars)
    return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field,
                 _("it is longer than %u characters."), max_chars);

  *out = g_strdup (value);
  return TRUE;
}

static gboolean
get_boolean (ParseContext  *ctx,
             JsonObject    *object,
             const char    *name,
             const char    *field,
             gboolean       fallback,
             gboolean      *out,
             GError       **error)
{
  JsonNode *node = hs_utils_json_member (object, name);

  *out = fallback;
  if (node == NULL)
    return TRUE;
  if (hs_utils_json_value_type (node) != G_TYPE_BOOLEAN)
    return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field, _("it must be true or false."));

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Reads an optional whole number in @min..@max; @out is left alone when the
 * member is absent. */
static gboolean
get_whole_number (ParseContext  *ctx,
                  JsonObject    *object,
                  const char    *name,
                  guint          min,
                  guint          max,
                  guint         *out,
                  GError       **error)
{
  JsonNode *node = hs_utils_json_member (object, name);

  if (node == NULL)
    return TRUE;
  if (hs_utils_json_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, name,
                 _("it must be a whole number from %u to %u."), min, max);

  *out = (guint) json_node_get_int (node);
  return TRUE;
}

/* Question, choice, item and pair ids: see hs_utils_id_is_valid(). */
static gboolean
get_id (ParseContext  *ctx,
        JsonObject    *object,
        const char    *field,
        char         **out,
        GError       **error)
{
  if (!get_text (ctx, object, "id", field, TRUE, 64, out, error))
    return FALSE;
  if (!hs_utils_id_is_valid (*out))
    {
      fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field,
            _("“%s” may only use a–z, 0–9, “.”, “-” and “_”, and must start with a letter or digit."),
            *out);
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  return TRUE;
}

/* Reads the list member @name of @object, which must hold at least
 * @min_length elements. */
static gboolean
get_list (ParseContext  *ctx,
          JsonObject    *object,
          const char    *name,
          guint          min_length,
          JsonArray    **out,
          GError       **error)
{
  JsonNode *node = hs_utils_json_member (object, name);

  *out = NULL;
  if (node == NULL)
    return missing (ctx, name, error);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, name, _("it must be a list in [ ]."));
  if (json_array_get_length (json_node_get_array (node)) < min_length)
    return fail (ctx, error, HS_QUIZ_ERROR_TOO_FEW, name,
                 _("it must list at least %u of them."), min_length);

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_text_list (ParseContext  *ctx,
               JsonObject    *object,
               const char    *name,
               gboolean       required,
               guint          max_chars,
               GStrv         *out,
               GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = hs_utils_json_member (object, name);
  JsonArray *array;

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        return missing (ctx, name, error);
      *out = g_strv_builder_end (builder);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, name,
                 _("it must be a list of texts, like [\"a\", \"b\"]."));

  array = json_node_get_array (node);
  if (required && json_array_get_length (array) == 0)
    return fail (ctx, error, HS_QUIZ_ERROR_TOO_FEW, name, _("it must list at least one text."));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("%s[%u]", name, i);
      const char *value;

      if (hs_utils_json_value_type (item) != G_TYPE_STRING)
        return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field, _("it must be a non-empty text in quotes."));
      value = json_node_get_string (item);
      if (hs_utils_text_is_blank (value))
        return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field, _("it must be a non-empty text in quotes."));
      if (g_utf8_strlen (value, -1) > (glong) max_chars)
        return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field,
                     _("it is longer than %u characters."), max_chars);
      g_strv_builder_add (builder, value);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
has_extension (const char         *path,
               const char * const *extensions)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; extensions[i] != NULL; i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;
  return FALSE;
}

/* Reads an optional media path.  Its form is always checked; that the file
 * is in the package only when the context has a root.  Returns it NFC, as
 * package file names are stored (hs-package). */
static gboolean
get_media (ParseContext        *ctx,
           JsonObject          *object,
           const char          *name,
           const char * const  *extensions,
           char               **out,
           GError             **error)
{
  g_autofree char *path = NULL;
  g_autofree char *nfc = NULL;
  g_autofree char *full = NULL;
  GStatBuf st;

  *out = NULL;
  if (!get_text (ctx, object, name, name, FALSE, 512, &path, error))
    return FALSE;
  if (path == NULL)
    return TRUE;

  if (!hs_utils_relative_path_is_clean (path))
    return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, name,
                 _("“%s” must be a relative path inside the package, without “..”."), path);
  if (!has_extension (path, extensions))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) extensions);

      return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, name,
                   _("it must be one of these file types: %s."), list);
    }

  nfc = g_utf8_normalize (path, -1, G_NORMALIZE_NFC);
  if (ctx->root != NULL)
    {
      full = g_build_filename (ctx->root, nfc, NULL);
      if (g_lstat (full, &st) != 0 || !S_ISREG (st.st_mode))
        {
          g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_MISSING_FILE,
                       _("%s: the file “%s” named by “%s” is not in the package."),
                       ctx->where, path, name);
          return FALSE;
        }
    }

  *out = g_steal_pointer (&nfc);
  return TRUE;
}

/* Trimmed, each run of whitespace one space, NFC; case-folded with
 * @ignore_case.  With @ignore_diacritics it is hs_utils_fold(), which folds
 * case as well: an answer typed without marks is typed without care for
 * capitals too. */
static char *
normalise_text (const char *text,
                gboolean    ignore_case,
                gboolean    ignore_diacritics)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  g_autoptr(GString) collapsed = NULL;
  gboolean space = FALSE;

  if (ignore_diacritics)
    return hs_utils_fold (text);

  valid = g_utf8_make_valid (text, -1);
  collapsed = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && collapsed->len > 0)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_unichar (collapsed, c);
    }

  nfc = g_utf8_normalize (collapsed->str, collapsed->len, G_NORMALIZE_NFC);
  if (ignore_case)
    {
      g_autofree char *folded = g_utf8_casefold (nfc, -1);

      return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
    }
  return g_steal_pointer (&nfc);
}

/* Texts a learner tells apart only by reading them (ordering items, the
 * sides of matching pairs) must differ by more than case and spacing. */
static gboolean
check_unique_text (ParseContext  *ctx,
                   GHashTable    *seen,
                   const char    *text,
                   const char    *field,
                   GError       **error)
{
  char *key = normalise_text (text, TRUE, FALSE);

  if (!g_hash_table_add (seen, key))
    return fail (ctx, error, HS_QUIZ_ERROR_DUPLICATE_TEXT, field,
                 _("the text “%s” is used twice; the learner could not tell them apart."), text);
  return TRUE;
}

static guint32
fnv1a (const char *text)
{
  guint32 hash = 2166136261u;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= 16777619u;
    }
  return hash;
}

static gboolean
is_identity (const guint *order,
             guint        n)
{
  for (guint i = 0; i < n; i++)
    if (order[i] != i)
      return FALSE;
  return TRUE;
}

/* Fisher–Yates.  With @not_identity (and n ≥ 2) it shuffles again until
 * the result differs from 0, 1, 2, …, which stands for the solution: each
 * try succeeds with a chance of at least one half, so the rotation after
 * the loop is a formality. */
static void
shuffle (GRand    *rng,
         guint    *order,
         guint     n,
         gboolean  not_identity)
{
  for (guint tries = 0; tries < 64; tries++)
    {
      for (guint i = n; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rng, 0, (gint32) i);
          guint tmp = order[i - 1];

          order[i - 1] = order[j];
          order[j] = tmp;
        }
      if (!not_identity || n < 2 || !is_identity (order, n))
        return;
    }

  for (guint i = 0; i < n; i++)
    order[i] = (i + 1) % n;
}

static guint *
identity_order (guint n)
{
  guint *order = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    order[i] = i;
  return order;
}

/* Pages name ordering items and the right sides of matching pairs by
 * opaque labels ("i1", "r1", …), because authors' ids usually give the
 * solution away ("s1", "s2", …).  The labels must stay the same for a quiz
 * whatever the attempt's seed, since hs_quiz_score() reads them without
 * one; so they are a permutation drawn from the digest of the whole file,
 * which a page that does not hold the file cannot compute.  Labels in
 * order never spell the solution either. */
static void
assign_labels (ParseContext *ctx,
               Question     *q)
{
  guint32 seed[9];
  g_autoptr(GRand) rng = NULL;
  g_autofree guint *order = NULL;
  GPtrArray *array = q->type == HS_QUIZ_QUESTION_ORDERING ? q->choices : q->pairs;

  memcpy (seed, ctx->key, sizeof ctx->key);
  seed[8] = fnv1a (q->id);
  rng = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
  order = identity_order (array->len);
  /* Two matching pairs labelled crosswise would say which goes with which;
   * see hs_quiz_question_to_public_json() for the same rule. */
  shuffle (rng, order, array->len, q->type == HS_QUIZ_QUESTION_ORDERING || array->len >= 3);

  for (guint i = 0; i < array->len; i++)
    {
      if (q->type == HS_QUIZ_QUESTION_ORDERING)
        {
          Choice *item = g_ptr_array_index (array, i);
          item->label = g_strdup_printf ("i%u", order[i] + 1);
        }
      else
        {
          Pair *pair = g_ptr_array_index (array, i);
          pair->label = g_strdup_printf ("r%u", order[i] + 1);
        }
    }
}

/* The choices of a single or multiple choice question. */
static gboolean
parse_choices (ParseContext  *ctx,
               JsonObject    *object,
               Question      *q,
               GError       **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!get_list (ctx, object, "choices", 2, &array, error))
    return FALSE;

  q->choices = g_ptr_array_new_with_free_func (choice_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("choices[%u]", i);
      g_autofree char *id_field = g_strdup_printf ("%s.id", field);
      g_autofree char *text_field = g_strdup_printf ("%s.text", field);
      g_autofree char *correct_field = g_strdup_printf ("%s.correct", field);
      g_autofree char *feedback_field = g_strdup_printf ("%s.feedback", field);
      JsonObject *choice_object;
      Choice *choice;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field, _("each choice must be an object in { }."));
      choice_object = json_node_get_object (node);

      choice = g_new0 (Choice, 1);
      g_ptr_array_add (q->choices, choice);
      if (!get_id (ctx, choice_object, id_field, &choice->id, error))
        return FALSE;
      if (!g_hash_table_add (ids, choice->id))
        return fail (ctx, error, HS_QUIZ_ERROR_DUPLICATE_ID, id_field,
                     _("the choice id “%s” is used twice."), choice->id);
      if (!get_text (ctx, choice_object, "text", text_field, TRUE, 1000, &choice->text, error) ||
          !get_boolean (ctx, choice_object, "correct", correct_field, FALSE, &choice->correct, error) ||
          !get_text (ctx, choice_object, "feedback", feedback_field, FALSE, 4000, &choice->feedback, error))
        return FALSE;
      if (choice->correct)
        q->n_correct++;
    }

  if (q->type == HS_QUIZ_QUESTION_SINGLE && q->n_correct != 1)
    return fail (ctx, error, HS_QUIZ_ERROR_ANSWER_KEY, "choices",
                 _("a “single” question needs exactly one choice with \"correct\": true; this one has %u."),
                 q->n_correct);
  if (q->type == HS_QUIZ_QUESTION_MULTIPLE && q->n_correct == 0)
    return fail (ctx, error, HS_QUIZ_ERROR_ANSWER_KEY, "choices",
                 _("a “multiple” question needs at least one choice with \"correct\": true."));

  return TRUE;
}

static gboolean
parse_items (ParseContext  *ctx,
             JsonObject    *object,
             Question      *q,
             GError       **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (!get_list (ctx, object, "items", 2, &array, error))
    return FALSE;

  q->choices = g_ptr_array_new_with_free_func (choice_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("items[%u]", i);
      g_autofree char *id_field = g_strdup_printf ("%s.id", field);
      g_autofree char *text_field = g_strdup_printf ("%s.text", field);
      JsonObject *item_object;
      Choice *item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field, _("each item must be an object in { }."));
      item_object = json_node_get_object (node);

      item = g_new0 (Choice, 1);
      g_ptr_array_add (q->choices, item);
      if (!get_id (ctx, item_object, id_field, &item->id, error))
        return FALSE;
      if (!g_hash_table_add (ids, item->id))
        return fail (ctx, error, HS_QUIZ_ERROR_DUPLICATE_ID, id_field,
                     _("the item id “%s” is used twice."), item->id);
      if (!get_text (ctx, item_object, "text", text_field, TRUE, 1000, &item->text, error) ||
          !check_unique_text (ctx, texts, item->text, text_field, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_pairs (ParseContext  *ctx,
             JsonObject    *object,
             Question      *q,
             GError       **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lefts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) rights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (!get_list (ctx, object, "pairs", 2, &array, error))
    return FALSE;

  q->pairs = g_ptr_array_new_with_free_func (pair_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("pairs[%u]", i);
      g_autofree char *id_field = g_strdup_printf ("%s.id", field);
      g_autofree char *left_field = g_strdup_printf ("%s.left", field);
      g_autofree char *right_field = g_strdup_printf ("%s.right", field);
      JsonObject *pair_object;
      Pair *pair;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field, _("each pair must be an object in { }."));
      pair_object = json_node_get_object (node);

      pair = g_new0 (Pair, 1);
      g_ptr_array_add (q->pairs, pair);
      if (!get_id (ctx, pair_object, id_field, &pair->id, error))
        return FALSE;
      if (!g_hash_table_add (ids, pair->id))
        return fail (ctx, error, HS_QUIZ_ERROR_DUPLICATE_ID, id_field,
                     _("the pair id “%s” is used twice."), pair->id);
      if (!get_text (ctx, pair_object, "left", left_field, TRUE, 1000, &pair->left, error) ||
          !check_unique_text (ctx, lefts, pair->left, left_field, error) ||
          !get_text (ctx, pair_object, "right", right_field, TRUE, 1000, &pair->right, error) ||
          !check_unique_text (ctx, rights, pair->right, right_field, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_question (ParseContext  *ctx,
                JsonNode      *node,
                guint          index,
                GHashTable    *ids,
                Question     **out,
                GError       **error)
{
  g_autoptr(Question) q = g_new0 (Question, 1);
  g_autofree char *type = NULL;
  JsonObject *object;
  JsonNode *points;
  gboolean known = FALSE;

  set_where_quiz (ctx);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *field = g_strdup_printf ("questions[%u]", index);
      return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, field, _("each question must be an object in { }."));
    }
  object = json_node_get_object (node);

  set_where_question (ctx, NULL, index);
  if (!get_id (ctx, object, "id", &q->id, error))
    return FALSE;
  if (g_hash_table_contains (ids, q->id))
    return fail (ctx, error, HS_QUIZ_ERROR_DUPLICATE_ID, "id",
                 _("the question id “%s” is used twice."), q->id);
  set_where_question (ctx, q->id, index);

  if (!get_text (ctx, object, "type", "type", TRUE, 32, &type, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_str_equal (type, type_names[i]))
      {
        q->type = i;
        known = TRUE;
      }
  if (!known)
    return fail (ctx, error, HS_QUIZ_ERROR_UNKNOWN_TYPE, "type",
                 _("“%s” is not a question type; use single, multiple, true_false, fill_in, ordering or matching."),
                 type);

  if (!get_text (ctx, object, "text", "text", TRUE, 4000, &q->text, error))
    return FALSE;

  q->points = 1;
  points = hs_utils_json_member (object, "points");
  if (points != NULL)
    {
      if (!hs_utils_json_is_number (points) || !isfinite (json_node_get_double (points)) ||
          json_node_get_double (points) <= 0 || json_node_get_double (points) > MAX_POINTS)
        return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, "points",
                     _("it must be a number above 0 and at most %d, like 1 or 0.5."), MAX_POINTS);
      q->points = json_node_get_double (points);
    }

  if (!get_text_list (ctx, object, "competences", FALSE, 64, &q->competences, error) ||
      !get_media (ctx, object, "image", image_extensions, &q->image, error) ||
      !get_media (ctx, object, "audio", audio_extensions, &q->audio, error) ||
      !get_text (ctx, object, "explanation", "explanation", FALSE, 4000, &q->explanation, error))
    return FALSE;

  switch (q->type)
    {
    case HS_QUIZ_QUESTION_SINGLE:
    case HS_QUIZ_QUESTION_MULTIPLE:
      if (!parse_choices (ctx, object, q, error))
        return FALSE;
      if (q->type == HS_QUIZ_QUESTION_MULTIPLE &&
          !get_boolean (ctx, object, "partial_credit", "partial_credit", FALSE, &q->partial_credit, error))
        return FALSE;
      break;

    case HS_QUIZ_QUESTION_TRUE_FALSE:
      if (hs_utils_json_member (object, "answer") == NULL)
        return missing (ctx, "answer", error);
      if (!get_boolean (ctx, object, "answer", "answer", FALSE, &q->answer, error) ||
          !get_text (ctx, object, "feedback_true", "feedback_true", FALSE, 4000, &q->feedback_true, error) ||
          !get_text (ctx, object, "feedback_false", "feedback_false", FALSE, 4000, &q->feedback_false, error))
        return FALSE;
      break;

    case HS_QUIZ_QUESTION_FILL_IN:
      if (!get_text_list (ctx, object, "accepted", TRUE, 500, &q->accepted, error) ||
          !get_boolean (ctx, object, "ignore_case", "ignore_case", TRUE, &q->ignore_case, error) ||
          !get_boolean (ctx, object, "ignore_diacritics", "ignore_diacritics", FALSE, &q->ignore_diacritics, error))
        return FALSE;
      break;

    case HS_QUIZ_QUESTION_ORDERING:
      if (!parse_items (ctx, object, q, error))
        return FALSE;
      assign_labels (ctx, q);
      break;

    case HS_QUIZ_QUESTION_MATCHING:
      if (!parse_pairs (ctx, object, q, error))
        return FALSE;
      assign_labels (ctx, q);
      break;

    default:
      g_assert_not_reached ();
    }

  *out = g_steal_pointer (&q);
  return TRUE;
}

static gboolean
parse_settings (ParseContext  *ctx,
                JsonObject    *object,
                HsQuiz        *quiz,
                GError       **error)
{
  JsonNode *node;

  node = hs_utils_json_member (object, "pass_mark");
  if (node != NULL)
    {
      if (!hs_utils_json_is_number (node) || json_node_get_double (node) < 0 || json_node_get_double (node) > 1)
        return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, "pass_mark",
                     _("it must be a number from 0 to 1, like 0.8."));
      quiz->pass_mark = json_node_get_double (node);
    }

  if (!get_boolean (ctx, object, "shuffle_questions", "shuffle_questions", FALSE, &quiz->shuffle_questions, error) ||
      !get_boolean (ctx, object, "shuffle_choices", "shuffle_choices", FALSE, &quiz->shuffle_choices, error) ||
      !get_whole_number (ctx, object, "attempts", 1, 100, &quiz->attempts, error) ||
      !get_whole_number (ctx, object, "time_limit", 30, 86400, &quiz->time_limit, error))
    return FALSE;

  node = hs_utils_json_member (object, "show_answers");
  if (node != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; hs_utils_json_value_type (node) == G_TYPE_STRING && i < G_N_ELEMENTS (show_answers_names); i++)
        if (g_str_equal (json_node_get_string (node), show_answers_names[i]))
          {
            quiz->show_answers = i;
            known = TRUE;
          }
      if (!known)
        return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, "show_answers",
                     _("it must be \"after_each\", \"at_end\" or \"never\"."));
    }

  return TRUE;
}

static void
digest_key (const char *json,
            gsize       length,
            guint32     key[8])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) json, length);
  g_checksum_get_digest (checksum, digest, &digest_length);
  for (guint i = 0; i < 8; i++)
    key[i] = ((guint32) digest[4 * i] << 24) | ((guint32) digest[4 * i + 1] << 16) |
             ((guint32) digest[4 * i + 2] << 8) | digest[4 * i + 3];
}

static HsQuiz *
parse_quiz (ParseContext  *ctx,
            const char    *json,
            gsize          length,
            GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HsQuiz) quiz = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;

  if (length > HS_QUIZ_MAX_SIZE)
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_TOO_LARGE,
                   _("%s is larger than %d KiB."), ctx->where, HS_QUIZ_MAX_SIZE / 1024);
      return NULL;
    }
  if (!g_utf8_validate (json, length, NULL))
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_INVALID_JSON,
                   _("%s is not UTF-8 text."), ctx->where);
      return NULL;
    }
  if (!hs_utils_json_is_shallow (json, length, HS_QUIZ_MAX_DEPTH))
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_INVALID_JSON,
                   _("%s is nested more than %d levels deep."), ctx->where, HS_QUIZ_MAX_DEPTH);
      return NULL;
    }
  if (!hs_utils_json_escapes_are_valid (json, length))
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_INVALID_JSON,
                   _("%s is not valid JSON: a \\u escape in it stands for no character (NUL, or half a surrogate pair)."), ctx->where);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_INVALID_JSON,
                   _("%s is not valid JSON: %s"), ctx->where, local_error->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_INVALID_JSON,
                   _("%s must hold one object in { }."), ctx->where);
      return NULL;
    }
  object = json_node_get_object (node);

  node = hs_utils_json_member (object, "format");
  if (node == NULL)
    return missing (ctx, "format", error), NULL;
  if (hs_utils_json_value_type (node) != G_TYPE_INT64)
    return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, "format", _("it must be a whole number, like 1.")), NULL;
  if (json_node_get_int (node) != 1)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_UNSUPPORTED_FORMAT,
                   _("%s uses format %s; this version of Học Số reads format 1."),
                   ctx->where, number);
      return NULL;
    }

  digest_key (json, length, ctx->key);
  quiz = g_object_new (HS_TYPE_QUIZ, NULL);
  quiz->name = g_strdup (ctx->name);

  if (!parse_settings (ctx, object, quiz, error))
    return NULL;

  node = hs_utils_json_member (object, "questions");
  if (node == NULL)
    return missing (ctx, "questions", error), NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, error, HS_QUIZ_ERROR_INVALID_FIELD, "questions", _("it must be a list in [ ].")), NULL;
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return fail (ctx, error, HS_QUIZ_ERROR_TOO_FEW, "questions", _("it must list at least one question.")), NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Question *q = NULL;

      if (!parse_question (ctx, json_array_get_element (array, i), i, ids, &q, error))
        return NULL;
      g_ptr_array_add (quiz->questions, q);
      g_hash_table_add (ids, q->id);
      g_hash_table_insert (quiz->by_id, q->id, q);
    }
  set_where_quiz (ctx);

  if (!get_whole_number (ctx, object, "draw", 1, quiz->questions->len, &quiz->draw, error))
    return NULL;

  return g_steal_pointer (&quiz);
}

/* Scoring */

static gboolean
bad_response (Question    *q,
              GError     **error,
              const char  *format,
              ...) G_GNUC_PRINTF (3, 4);

static gboolean
bad_response (Question    *q,
              GError     **error,
              const char  *format,
              ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_INVALID_RESPONSE,
               _("The response to question “%s” is not valid: %s"), q->id, detail);
  return FALSE;
}

static Choice *
find_choice (Question   *q,
             const char *id)
{
  for (guint i = 0; i < q->choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (q->choices, i);

      if (g_str_equal (choice->id, id))
        return choice;
    }
  return NULL;
}

/* Reads the response member @name as a list of distinct texts. */
static gboolean
response_list (Question    *q,
               JsonObject  *response,
               const char  *name,
               GPtrArray  **out,
               GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = hs_utils_json_member (response, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return bad_response (q, error, _("“%s” must be a list of ids in [ ]."), name);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *value;

      if (hs_utils_json_value_type (item) != G_TYPE_STRING)
        return bad_response (q, error, _("“%s” must be a list of ids in [ ]."), name);
      value = json_node_get_string (item);
      if (!g_hash_table_add (seen, (gpointer) value))
        return bad_response (q, error, _("“%s” names “%s” twice."), name, value);
      g_ptr_array_add (values, (gpointer) value);
    }

  *out = g_steal_pointer (&values);
  return TRUE;
}

/* Scores @response to @q as a fraction of its points, 0 to 1.  @full is
 * TRUE only for a completely right response.  The picked choices of choice
 * questions are added to @picked when it is not NULL. */
static gboolean
evaluate (Question    *q,
          JsonObject  *response,
          double      *fraction,
          gboolean    *full,
          GPtrArray   *picked,
          GError     **error)
{
  JsonNode *node;

  *fraction = 0;
  *full = FALSE;

  switch (q->type)
    {
    case HS_QUIZ_QUESTION_SINGLE:
      {
        Choice *choice;

        node = hs_utils_json_member (response, "choice");
        if (node == NULL || hs_utils_json_value_type (node) != G_TYPE_STRING)
          return bad_response (q, error, _("“choice” must be the id of one choice in quotes."));
        choice = find_choice (q, json_node_get_string (node));
        if (choice == NULL)
          return bad_response (q, error, _("there is no choice “%s”."), json_node_get_string (node));
        if (picked != NULL)
          g_ptr_array_add (picked, choice);
        *full = choice->correct;
        break;
      }

    case HS_QUIZ_QUESTION_MULTIPLE:
      {
        g_autoptr(GPtrArray) ids = NULL;
        guint right = 0, wrong = 0;

        if (!response_list (q, response, "choices", &ids, error))
          return FALSE;
        for (guint i = 0; i < ids->len; i++)
          {
            Choice *choice = find_choice (q, g_ptr_array_index (ids, i));

            if (choice == NULL)
              return bad_response (q, error, _("there is no choice “%s”."),
                                   (const char *) g_ptr_array_index (ids, i));
            if (picked != NULL)
              g_ptr_array_add (picked, choice);
            if (choice->correct)
              right++;
            else
              wrong++;
          }
        *full = right == q->n_correct && wrong == 0;
        /* Each wrong pick cancels a right one, so ticking everything
         * earns nothing. */
        if (q->partial_credit && right > wrong)
          *fraction = (double) (right - wrong) / q->n_correct;
        break;
      }

    case HS_QUIZ_QUESTION_TRUE_FALSE:
      node = hs_utils_json_member (response, "answer");
      if (node == NULL || hs_utils_json_value_type (node) != G_TYPE_BOOLEAN)
        return bad_response (q, error, _("“answer” must be true or false."));
      *full = json_node_get_boolean (node) == q->answer;
      break;

    case HS_QUIZ_QUESTION_FILL_IN:
      {
        g_autofree char *given = NULL;

        node = hs_utils_json_member (response, "text");
        if (node == NULL || hs_utils_json_value_type (node) != G_TYPE_STRING)
          return bad_response (q, error, _("“text” must be a text in quotes."));
        given = normalise_text (json_node_get_string (node), q->ignore_case, q->ignore_diacritics);
        for (guint i = 0; *given != '\0' && q->accepted[i] != NULL && !*full; i++)
          {
            g_autofree char *accepted = normalise_text (q->accepted[i], q->ignore_case, q->ignore_diacritics);

            *full = g_str_equal (given, accepted);
          }
        break;
      }

    case HS_QUIZ_QUESTION_ORDERING:
      {
        g_autoptr(GPtrArray) labels = NULL;

        if (!response_list (q, response, "order", &labels, error))
          return FALSE;
        if (labels->len != q->choices->len)
          return bad_response (q, error, _("“order” must list each of the %u items once."), q->choices->len);
        *full = TRUE;
        for (guint i = 0; i < labels->len; i++)
          {
            const char *label = g_ptr_array_index (labels, i);
            gboolean known = FALSE;

            for (guint j = 0; j < q->choices->len && !known; j++)
              known = g_str_equal (((Choice *) g_ptr_array_index (q->choices, j))->label, label);
            if (!known)
              return bad_response (q, error, _("there is no item “%s”."), label);
            if (!g_str_equal (((Choice *) g_ptr_array_index (q->choices, i))->label, label))
              *full = FALSE;
          }
        break;
      }

    case HS_QUIZ_QUESTION_MATCHING:
      {
        g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
        JsonObject *pairs;
        guint right = 0;

        node = hs_utils_json_member (response, "pairs");
        if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
          return bad_response (q, error, _("“pairs” must be an object in { } from left ids to right ids."));
        pairs = json_node_get_object (node);

        /* Every member must name a left and a right; lefts left out count
         * as unmatched. */
        {
          g_autoptr(GList) names = json_object_get_members (pairs);

          for (GList *l = names; l != NULL; l = l->next)
            {
              JsonNode *value = json_object_get_member (pairs, l->data);
              gboolean left_known = FALSE, right_known = FALSE;
              const char *label;

              for (guint j = 0; j < q->pairs->len && !left_known; j++)
                left_known = g_str_equal (((Pair *) g_ptr_array_index (q->pairs, j))->id, l->data);
              if (!left_known)
                return bad_response (q, error, _("there is no left side “%s”."), (const char *) l->data);
              if (hs_utils_json_value_type (value) != G_TYPE_STRING)
                return bad_response (q, error, _("the match of “%s” must be a right id in quotes."),
                                     (const char *) l->data);
              label = json_node_get_string (value);
              for (guint j = 0; j < q->pairs->len && !right_known; j++)
                right_known = g_str_equal (((Pair *) g_ptr_array_index (q->pairs, j))->label, label);
              if (!right_known)
                return bad_response (q, error, _("there is no right side “%s”."), label);
              if (!g_hash_table_add (used, (gpointer) label))
                return bad_response (q, error, _("the right side “%s” is matched twice."), label);
            }
        }

        for (guint j = 0; j < q->pairs->len; j++)
          {
            Pair *pair = g_ptr_array_index (q->pairs, j);
            JsonNode *value = hs_utils_json_member (pairs, pair->id);

            if (value != NULL && g_str_equal (json_node_get_string (value), pair->label))
              right++;
          }
        *full = right == q->pairs->len;
        *fraction = (double) right / q->pairs->len;
        break;
      }

    default:
      g_assert_not_reached ();
    }

  if (*full)
    *fraction = 1;
  return TRUE;
}

static Question *
lookup (HsQuiz     *self,
        const char *question_id)
{
  return g_hash_table_lookup (self->by_id, question_id);
}

static void
add_item (JsonBuilder *builder,
          const char  *id,
          const char  *text)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
}

static GRand *
question_rand (guint32     seed,
               const char *question_id)
{
  guint32 seeds[2] = { seed, fnv1a (question_id) };

  return g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
}

static void
hs_quiz_finalize (GObject *object)
{
  HsQuiz *self = (HsQuiz *)object;

  g_free (self->name);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);

  G_OBJECT_CLASS (hs_quiz_parent_class)->finalize (object);
}

static void
hs_quiz_class_init (HsQuizClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_quiz_finalize;
}

static void
hs_quiz_init (HsQuiz *self)
{
  self->questions = g_ptr_array_new_with_free_func (question_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->pass_mark = NAN;
  self->show_answers = HS_QUIZ_SHOW_ANSWERS_AT_END;
}

/**
 * hs_quiz_parse:
 * @json: the quiz file's text
 * @length: its length in bytes, or -1 when it ends with a nul
 * @name: how messages name the quiz, usually its path in the package
 * @root: (nullable): the package folder, to check that the media the quiz
 *   names are there; %NULL skips that check
 *
 * Parses a quiz file, format 1, and checks every field.  Errors name the
 * quiz, the question and the field, as
 * "quiz “m1/quiz.json”: question “q2” (questions[1]): the field “choices” …".
 */
HsQuiz *
hs_quiz_parse (const char  *json,
               gssize       length,
               const char  *name,
               const char  *root,
               GError     **error)
{
  ParseContext ctx = { name, root, NULL, { 0 } };
  HsQuiz *quiz;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (json);

  set_where_quiz (&ctx);
  quiz = parse_quiz (&ctx, json, length, error);
  g_free (ctx.where);

  return quiz;
}

/**
 * hs_quiz_load:
 * @root: an extracted package folder
 * @src: the quiz file's path in it, as a lesson's "src"
 *
 * Reads and parses @root/@src, checking its media against @root.
 */
HsQuiz *
hs_quiz_load (const char  *root,
              const char  *src,
              GError     **error)
{
  g_autofree char *nfc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (src != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!hs_utils_relative_path_is_clean (src))
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_NOT_FOUND,
                   _("quiz “%s”: it must be a relative path inside the package, without “..”."), src);
      return NULL;
    }

  nfc = g_utf8_normalize (src, -1, G_NORMALIZE_NFC);
  path = g_build_filename (root, nfc, NULL);
  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_NOT_FOUND,
                   _("quiz “%s”: the file is not in the package."), src);
      return NULL;
    }
  if (st.st_size > HS_QUIZ_MAX_SIZE)
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_TOO_LARGE,
                   _("quiz “%s” is larger than %d KiB."), src, HS_QUIZ_MAX_SIZE / 1024);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_NOT_FOUND,
                   _("quiz “%s” could not be read: %s"), src, local_error->message);
      return NULL;
    }

  return hs_quiz_parse (contents, length, src, root, error);
}

const char *
hs_quiz_get_name (HsQuiz *self)
{
  g_return_val_if_fail (HS_IS_QUIZ (self), NULL);

  return self->name;
}

double
hs_quiz_get_pass_mark (HsQuiz *self)
{
  g_return_val_if_fail (HS_IS_QUIZ (self), NAN);

  return self->pass_mark;
}

gboolean
hs_quiz_get_shuffle_questions (HsQuiz *self)
{
  g_return_val_if_fail (HS_IS_QUIZ (self), FALSE);

  return self->shuffle_questions;
}

gboolean
hs_quiz_get_shuffle_choices (HsQuiz *self)
{
  g_return_val_if_fail (HS_IS_QUIZ (self), FALSE);

  return self->shuffle_choices;
}

guint
hs_quiz_get_draw (HsQuiz *self)
{
  g_return_val_if_fail (HS_IS_QUIZ (self), 0);

  return self->draw;
}

guint
hs_quiz_get_attempts (HsQuiz *self)
{
  g_return_val_if_fail (HS_IS_QUIZ (self), 0);

  return self->attempts;
}

guint
hs_quiz_get_time_limit (HsQuiz *self)
{
  g_return_val_if_fail (HS_IS_QUIZ (self), 0);

  return self->time_limit;
}

HsQuizShowAnswers
hs_quiz_get_show_answers (HsQuiz *self)
{
  g_return_val_if_fail (HS_IS_QUIZ (self), HS_QUIZ_SHOW_ANSWERS_AT_END);

  return self->show_answers;
}

guint
hs_quiz_get_n_questions (HsQuiz *self)
{
  g_return_val_if_fail (HS_IS_QUIZ (self), 0);

  return self->questions->len;
}

/* The id of the question at @index in file order. */
const char *
hs_quiz_get_question_id (HsQuiz *self,
                         guint   index)
{
  g_return_val_if_fail (HS_IS_QUIZ (self), NULL);
  g_return_val_if_fail (index < self->questions->len, NULL);

  return ((Question *) g_ptr_array_index (self->questions, index))->id;
}

/* Returns FALSE when there is no such question. */
gboolean
hs_quiz_get_question_type (HsQuiz             *self,
                           const char         *question_id,
                           HsQuizQuestionType *type)
{
  Question *q;

  g_return_val_if_fail (HS_IS_QUIZ (self), FALSE);
  g_return_val_if_fail (question_id != NULL, FALSE);

  q = lookup (self, question_id);
  if (q != NULL && type != NULL)
    *type = q->type;
  return q != NULL;
}

/* The question's competence codes (possibly none), or NULL when there is
 * no such question. */
const char * const *
hs_quiz_get_question_competences (HsQuiz     *self,
                                  const char *question_id)
{
  Question *q;

  g_return_val_if_fail (HS_IS_QUIZ (self), NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  q = lookup (self, question_id);
  return q != NULL ? (const char * const *) q->competences : NULL;
}

/* By code point: the same order whatever the locale. */
static int
compare_texts (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * hs_quiz_get_question_texts:
 *
 * What a learner reads while answering the question, for the search index:
 * its text, then its choices, ordering items or matching sides.  Nothing
 * that gives the answer away: no answer key, no accepted fill-in answers,
 * no feedback; ordering items (whose file order is the solution) and each
 * side of the matching pairs come sorted by code point, the left sides
 * before the right.
 *
 * Returns: (transfer full) (nullable): the texts, or %NULL when there is no
 *   such question
 */
GStrv
hs_quiz_get_question_texts (HsQuiz     *self,
                            const char *question_id)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) rights = NULL;
  Question *q;

  g_return_val_if_fail (HS_IS_QUIZ (self), NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  q = lookup (self, question_id);
  if (q == NULL)
    return NULL;

  texts = g_ptr_array_new ();
  for (guint i = 0; q->choices != NULL && i < q->choices->len; i++)
    g_ptr_array_add (texts, ((Choice *) g_ptr_array_index (q->choices, i))->text);
  if (q->type == HS_QUIZ_QUESTION_ORDERING)
    g_ptr_array_sort (texts, compare_texts);

  if (q->pairs != NULL)
    {
      rights = g_ptr_array_new ();
      for (guint i = 0; i < q->pairs->len; i++)
        {
          Pair *pair = g_ptr_array_index (q->pairs, i);

          g_ptr_array_add (texts, pair->left);
          g_ptr_array_add (rights, pair->right);
        }
      g_ptr_array_sort (texts, compare_texts);
      g_ptr_array_sort (rights, compare_texts);
      g_ptr_array_extend (texts, rights, NULL, NULL);
    }

  g_ptr_array_insert (texts, 0, q->text);
  g_ptr_array_add (texts, NULL);
  return g_strdupv ((char **) texts->pdata);
}

/* The question's explanation, shown after it is answered; NULL when it has
 * none or there is no such question. */
const char *
hs_quiz_get_question_explanation (HsQuiz     *self,
                                  const char *question_id)
{
  Question *q;

  g_return_val_if_fail (HS_IS_QUIZ (self), NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  q = lookup (self, question_id);
  return q != NULL ? q->explanation : NULL;
}

/**
 * hs_quiz_get_total_points:
 * @question_ids: (nullable): the questions of an attempt, as hs_quiz_draw()
 *   gives them; %NULL for all of them
 *
 * The points the questions are worth together.  Unknown ids count nothing.
 */
double
hs_quiz_get_total_points (HsQuiz             *self,
                          const char * const *question_ids)
{
  double total = 0;

  g_return_val_if_fail (HS_IS_QUIZ (self), 0);

  if (question_ids == NULL)
    {
      for (guint i = 0; i < self->questions->len; i++)
        total += ((Question *) g_ptr_array_index (self->questions, i))->points;
      return total;
    }

  for (guint i = 0; question_ids[i] != NULL; i++)
    {
      Question *q = lookup (self, question_ids[i]);

      if (q != NULL)
        total += q->points;
    }
  return total;
}

/**
 * hs_quiz_draw:
 * @seed: the attempt's seed
 *
 * Chooses the questions of one attempt: "draw" of them at random when the
 * quiz says so (else all), shuffled when "shuffle_questions" is set (else
 * in file order).  The same seed always gives the same attempt.
 *
 * Returns: (transfer full) (element-type utf8): the question ids, in the
 *   order they are asked
 */
GPtrArray *
hs_quiz_draw (HsQuiz  *self,
              guint32  seed)
{
  g_autoptr(GRand) rng = NULL;
  g_autofree guint *order = NULL;
  GPtrArray *ids;
  guint n, k;

  g_return_val_if_fail (HS_IS_QUIZ (self), NULL);

  n = self->questions->len;
  k = self->draw > 0 ? self->draw : n;
  rng = g_rand_new_with_seed (seed);
  order = identity_order (n);

  if (self->shuffle_questions || k < n)
    shuffle (rng, order, n, FALSE);
  /* Drawn but not shuffled: the drawn questions keep the file's order. */
  if (!self->shuffle_questions)
    {
      for (guint i = 1; i < k; i++)
        for (guint j = i; j > 0 && order[j - 1] > order[j]; j--)
          {
            guint tmp = order[j];

            order[j] = order[j - 1];
            order[j - 1] = tmp;
          }
    }

  ids = g_ptr_array_new_full (k, g_free);
  for (guint i = 0; i < k; i++)
    g_ptr_array_add (ids, g_strdup (((Question *) g_ptr_array_index (self->questions, order[i]))->id));
  return ids;
}

/**
 * hs_quiz_question_to_public_json:
 * @question_id: a question of the quiz
 * @seed: the attempt's seed; the same seed shows the same order
 *
 * What a page may see of a question: no answer key, no feedback and no
 * explanation.  See courses/QUIZ-FORMAT.md for the exact shape.
 *
 * Returns: (transfer full) (nullable): an object node, or %NULL when there
 *   is no such question
 */
JsonNode *
hs_quiz_question_to_public_json (HsQuiz     *self,
                                 const char *question_id,
                                 guint32     seed)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GRand) rng = NULL;
  g_autofree guint *order = NULL;
  Question *q;

  g_return_val_if_fail (HS_IS_QUIZ (self), NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  q = lookup (self, question_id);
  if (q == NULL)
    return NULL;

  rng = question_rand (seed, q->id);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, q->id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type_names[q->type]);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, q->text);
  json_builder_set_member_name (builder, "points");
  json_builder_add_double_value (builder, q->points);
  if (q->image != NULL)
    {
      json_builder_set_member_name (builder, "image");
      json_builder_add_string_value (builder, q->image);
    }
  if (q->audio != NULL)
    {
      json_builder_set_member_name (builder, "audio");
      json_builder_add_string_value (builder, q->audio);
    }

  switch (q->type)
    {
    case HS_QUIZ_QUESTION_SINGLE:
    case HS_QUIZ_QUESTION_MULTIPLE:
      order = identity_order (q->choices->len);
      if (self->shuffle_choices)
        shuffle (rng, order, q->choices->len, FALSE);
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint i = 0; i < q->choices->len; i++)
        {
          Choice *choice = g_ptr_array_index (q->choices, order[i]);
          add_item (builder, choice->id, choice->text);
        }
      json_builder_end_array (builder);
      break;

    case HS_QUIZ_QUESTION_ORDERING:
      /* Never shown in the right order, or submitting it unchanged would
       * score. */
      order = identity_order (q->choices->len);
      shuffle (rng, order, q->choices->len, TRUE);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < q->choices->len; i++)
        {
          Choice *item = g_ptr_array_index (q->choices, order[i]);
          add_item (builder, item->label, item->text);
        }
      json_builder_end_array (builder);
      break;

    case HS_QUIZ_QUESTION_MATCHING:
      json_builder_set_member_name (builder, "left");
      json_builder_begin_array (builder);
      for (guint i = 0; i < q->pairs->len; i++)
        {
          Pair *pair = g_ptr_array_index (q->pairs, i);
          add_item (builder, pair->id, pair->left);
        }
      json_builder_end_array (builder);

      /* Rights never line up with their lefts.  With two pairs that rule
       * would itself give the match away, so then any order goes. */
      order = identity_order (q->pairs->len);
      shuffle (rng, order, q->pairs->len, q->pairs->len >= 3);
      json_builder_set_member_name (builder, "right");
      json_builder_begin_array (builder);
      for (guint i = 0; i < q->pairs->len; i++)
        {
          Pair *pair = g_ptr_array_index (q->pairs, order[i]);
          add_item (builder, pair->label, pair->right);
        }
      json_builder_end_array (builder);
      break;

    case HS_QUIZ_QUESTION_TRUE_FALSE:
    case HS_QUIZ_QUESTION_FILL_IN:
      break;

    default:
      g_assert_not_reached ();
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * hs_quiz_score:
 * @question_id: a question of the quiz
 * @response: the learner's response, shaped as courses/QUIZ-FORMAT.md says
 * @correct: (out) (optional): TRUE only when the response earns full points
 *
 * Scores one response.  A response of the wrong shape, or naming choices,
 * items or sides the question does not have, is an error
 * (%HS_QUIZ_ERROR_INVALID_RESPONSE), not a wrong answer.
 *
 * Returns: the points earned, 0 to the question's points; -1 with @error
 *   set when the response cannot be scored
 */
double
hs_quiz_score (HsQuiz      *self,
               const char  *question_id,
               JsonNode    *response,
               gboolean    *correct,
               GError     **error)
{
  Question *q;
  double fraction;
  gboolean full;

  g_return_val_if_fail (HS_IS_QUIZ (self), -1);
  g_return_val_if_fail (question_id != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (correct != NULL)
    *correct = FALSE;

  q = lookup (self, question_id);
  if (q == NULL)
    {
      g_set_error (error, HS_QUIZ_ERROR, HS_QUIZ_ERROR_UNKNOWN_QUESTION,
                   _("quiz “%s” has no question “%s”."), self->name, question_id);
      return -1;
    }
  if (response == NULL || !JSON_NODE_HOLDS_OBJECT (response))
    {
      bad_response (q, error, _("it must be an object in { }."));
      return -1;
    }
  if (!evaluate (q, json_node_get_object (response), &fraction, &full, NULL, error))
    return -1;

  if (correct != NULL)
    *correct = full;
  return full ? q->points : q->points * fraction;
}

/**
 * hs_quiz_question_feedback:
 * @question_id: a question of the quiz
 * @response: (nullable): the learner's response, or %NULL when there is none
 *
 * What the review screen shows after a question was answered: the
 * solution, the feedback of what was chosen and the explanation.  A
 * response that cannot be scored counts as none.  Whether to show it at
 * all ("show_answers") is the caller's decision.
 *
 * Returns: (transfer full) (nullable): an object node, or %NULL when there
 *   is no such question
 */
JsonNode *
hs_quiz_question_feedback (HsQuiz     *self,
                           const char *question_id,
                           JsonNode   *response)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) picked = g_ptr_array_new ();
  gboolean answered = FALSE, full = FALSE, given = FALSE;
  double fraction = 0;
  Question *q;

  g_return_val_if_fail (HS_IS_QUIZ (self), NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  q = lookup (self, question_id);
  if (q == NULL)
    return NULL;

  if (response != NULL && JSON_NODE_HOLDS_OBJECT (response))
    answered = evaluate (q, json_node_get_object (response), &fraction, &full, picked, NULL);
  if (answered && q->type == HS_QUIZ_QUESTION_TRUE_FALSE)
    given = json_object_get_boolean_member (json_node_get_object (response), "answer");

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, q->id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type_names[q->type]);
  json_builder_set_member_name (builder, "points");
  json_builder_add_double_value (builder, q->points);
  json_builder_set_member_name (builder, "answered");
  json_builder_add_boolean_value (builder, answered);
  if (answered)
    {
      json_builder_set_member_name (builder, "earned");
      json_builder_add_double_value (builder, full ? q->points : q->points * fraction);
      json_builder_set_member_name (builder, "correct");
      json_builder_add_boolean_value (builder, full);
    }

  json_builder_set_member_name (builder, "solution");
  json_builder_begin_object (builder);
  switch (q->type)
    {
    case HS_QUIZ_QUESTION_SINGLE:
    case HS_QUIZ_QUESTION_MULTIPLE:
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint i = 0; i < q->choices->len; i++)
        {
          Choice *choice = g_ptr_array_index (q->choices, i);

          if (choice->correct)
            add_item (builder, choice->id, choice->text);
        }
      json_builder_end_array (builder);
      break;

    case HS_QUIZ_QUESTION_TRUE_FALSE:
      json_builder_set_member_name (builder, "answer");
      json_builder_add_boolean_value (builder, q->answer);
      break;

    case HS_QUIZ_QUESTION_FILL_IN:
      json_builder_set_member_name (builder, "accepted");
      json_builder_begin_array (builder);
      for (guint i = 0; q->accepted[i] != NULL; i++)
        json_builder_add_string_value (builder, q->accepted[i]);
      json_builder_end_array (builder);
      break;

    case HS_QUIZ_QUESTION_ORDERING:
      json_builder_set_member_name (builder, "order");
      json_builder_begin_array (builder);
      for (guint i = 0; i < q->choices->len; i++)
        {
          Choice *item = g_ptr_array_index (q->choices, i);
          add_item (builder, item->label, item->text);
        }
      json_builder_end_array (builder);
      break;

    case HS_QUIZ_QUESTION_MATCHING:
      json_builder_set_member_name (builder, "pairs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < q->pairs->len; i++)
        {
          Pair *pair = g_ptr_array_index (q->pairs, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "left");
          add_item (builder, pair->id, pair->left);
          json_builder_set_member_name (builder, "right");
          add_item (builder, pair->label, pair->right);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      break;

    default:
      g_assert_not_reached ();
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "feedback");
  json_builder_begin_array (builder);
  for (guint i = 0; i < picked->len; i++)
    {
      Choice *choice = g_ptr_array_index (picked, i);

      if (choice->feedback != NULL)
        json_builder_add_string_value (builder, choice->feedback);
    }
  if (answered && q->type == HS_QUIZ_QUESTION_TRUE_FALSE)
    {
      const char *feedback = given ? q->feedback_true : q->feedback_false;

      if (feedback != NULL)
        json_builder_add_string_value (builder, feedback);
    }
  json_builder_end_array (builder);

  if (q->explanation != NULL)
    {
      json_builder_set_member_name (builder, "explanation");
      json_builder_add_string_value (builder, q->explanation);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
hs_quiz_question_type_to_string (HsQuizQuestionType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (type_names), NULL);

  return type_names[type];
}
