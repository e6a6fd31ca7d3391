/* hs-walkthrough.c — guided practice on a simulated phone: the walkthrough
 * format, step checking, the fake-data guard and the rules of the modes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-walkthrough"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hs-walkthrough.h"
#include "hs-utils.h"

G_DEFINE_QUARK (hs-walkthrough-error-quark, hs_walkthrough_error)

#define MIN_DEVICE_WIDTH   240
#define MAX_DEVICE_WIDTH   600
#define MIN_DEVICE_HEIGHT  320
#define MAX_DEVICE_HEIGHT  1200
#define MAX_SCREENS        200
#define MAX_STEPS          500
#define MAX_HOTSPOTS       50
#define MAX_BRANCHES       10
#define MAX_OPTIONS        6
#define MAX_SAMPLE_VALUES  50
#define MAX_TYPED_CHARS    1000

typedef struct {
  double x;
  double y;
  double width;
  double height;
} Rect;

typedef struct {
  char *label;
  Rect  rect;
} Hotspot;

typedef struct {
  char      *id;
  guint      index;
  char      *image;
  char      *title;
  char      *alt;
  GPtrArray *hotspots;     /* Hotspot, in Tab order */
  gboolean   reached;
} Screen;

/* A place a learner may tap that is wrong but foreseen: it leads to a step
 * that explains, and from there back into the flow. */
typedef struct {
  char *id;
  Rect  rect;
  char *next;
  char *feedback;
} Branch;

typedef struct {
  char     *id;
  char     *text;
  char     *feedback;
  char     *next;          /* wrong options only: where this branch leads */
  gboolean  correct;
} Option;

typedef struct {
  char                *id;
  guint                index;
  Screen              *screen;
  char                *instruction;
  char                *hint;
  char                *narration;
  HsWalkthroughAction  action;
  Rect                 rect;          /* tap: the target; type: the field */
  char                *expected;      /* type */
  char                *label;         /* type */
  gboolean             ignore_case;
  gboolean             ignore_spaces;
  gboolean             ignore_separators;
  gboolean             ignore_diacritics;
  gboolean             masked;
  GPtrArray           *options;       /* Option: choice */
  GPtrArray           *branches;      /* Branch: tap */
  char                *next;
  guint                position;      /* 1-based place on the path; 0 off it */
  gboolean             reached;
} Step;

struct _HsWalkthrough
{
  GObject     parent_instance;

  char       *name;
  char       *title;
  double      pass_mark;
  guint       width;
  guint       height;
  char       *start;
  GStrv       invented;      /* every expected value and sample value */
  GPtrArray  *screens;       /* Screen, in file order */
  GHashTable *screens_by_id;
  GPtrArray  *steps;         /* Step, in file order */
  GHashTable *steps_by_id;
  GPtrArray  *path;          /* step ids of the right flow from the start, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (HsWalkthrough, hs_walkthrough, G_TYPE_OBJECT)

static const char * const action_names[] = {
  [HS_WALKTHROUGH_ACTION_TAP] = "tap",
  [HS_WALKTHROUGH_ACTION_TYPE] = "type",
  [HS_WALKTHROUGH_ACTION_CHOICE] = "choice",
};

static const char * const mode_names[] = {
  [HS_WALKTHROUGH_MODE_WATCH] = "watch",
  [HS_WALKTHROUGH_MODE_TRY] = "try",
  [HS_WALKTHROUGH_MODE_TEST] = "test",
};

static const char * const outcome_names[] = {
  [HS_WALKTHROUGH_OUTCOME_RIGHT] = "right",
  [HS_WALKTHROUGH_OUTCOME_BRANCH] = "branch",
  [HS_WALKTHROUGH_OUTCOME_MISS] = "miss",
  [HS_WALKTHROUGH_OUTCOME_GUARD] = "guard",
};

static const char * const guard_names[] = {
  [HS_WALKTHROUGH_GUARD_NONE] = "none",
  [HS_WALKTHROUGH_GUARD_CITIZEN_ID] = "citizen_id",
  [HS_WALKTHROUGH_GUARD_PHONE] = "phone",
  [HS_WALKTHROUGH_GUARD_OTP] = "otp",
};

static const char * const image_extensions[] = {
  ".svg", ".png", ".jpg", ".jpeg", ".webp", NULL
};
static const char * const audio_extensions[] = {
  ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".wav", ".webm", NULL
};

static void
hotspot_free (gpointer data)
{
  Hotspot *hotspot = data;

  g_free (hotspot->label);
  g_free (hotspot);
}

static void
screen_free (gpointer data)
{
  Screen *screen = data;

  g_free (screen->id);
  g_free (screen->image);
  g_free (screen->title);
  g_free (screen->alt);
  g_clear_pointer (&screen->hotspots, g_ptr_array_unref);
  g_free (screen);
}

static void
branch_free (gpointer data)
{
  Branch *branch = data;

  g_free (branch->id);
  g_free (branch->next);
  g_free (branch->feedback);
  g_free (branch);
}

static void
option_free (gpointer data)
{
  Option *option = data;

  g_free (option->id);
  g_free (option->text);
  g_free (option->feedback);
  g_free (option->next);
  g_free (option);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->id);
  g_free (step->instruction);
  g_free (step->hint);
  g_free (step->narration);
  g_free (step->expected);
  g_free (step->label);
  g_clear_pointer (&step->options, g_ptr_array_unref);
  g_clear_pointer (&step->branches, g_ptr_array_unref);
  g_free (step->next);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Screen, screen_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

/* Parsing */

typedef struct {
  const char    *name;
  const char    *root;      /* folder media paths are checked against, or NULL */
  char          *where;     /* how messages name the place being read */
  HsWalkthrough *walkthrough;
} ParseContext;

static void
set_where_walkthrough (ParseContext *ctx)
{
  g_free (ctx->where);
  ctx->where = g_strdup_printf (_("walkthrough “%s”"), ctx->name);
}

static void
set_where_screen (ParseContext *ctx,
                  const char   *id,
                  guint         index)
{
  g_autofree char *path = g_strdup_printf ("screens[%u]", index);

  g_free (ctx->where);
  if (id == NULL)
    ctx->where = g_strdup_printf (_("walkthrough “%s”: %s"), ctx->name, path);
  else
    ctx->where = g_strdup_printf (_("walkthrough “%s”: screen “%s” (%s)"), ctx->name, id, path);
}

static void
set_where_step (ParseContext *ctx,
                const char   *id,
                guint         index)
{
  g_autofree char *path = g_strdup_printf ("steps[%u]", index);

  g_free (ctx->where);
  if (id == NULL)
    ctx->where = g_strdup_printf (_("walkthrough “%s”: %s"), ctx->name, path);
  else
    ctx->where = g_strdup_printf (_("walkthrough “%s”: step “%s” (%s)"), ctx->name, id, path);
}

static gboolean
missing (ParseContext  *ctx,
         const char    *field,
         GError       **error)
{
  g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_MISSING_FIELD,
               _("%s: the field “%s” is missing."), ctx->where, field);
  return FALSE;
}

static gboolean
fail (ParseContext        *ctx,
      GError             **error,
      HsWalkthroughError   code,
      const char          *field,
      const char          *format,
      ...) G_GNUC_PRINTF (5, 6);

/* @format is a translated sentence about the field; the message names the
 * walkthrough, the screen or step and the field so the author knows where
 * to look. */
static gboolean
fail (ParseContext        *ctx,
      GError             **error,
      HsWalkthroughError   code,
      const char          *field,
      const char          *format,
      ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, HS_WALKTHROUGH_ERROR, code,
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
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field, _("it must be a text in quotes."));

  value = json_node_get_string (node);
  if (hs_utils_text_is_blank (value))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field, _("it must not be empty."));
  if (g_utf8_strlen (value, -1) > (glong) max_chars)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field,
                 _("it is longer than %u characters."), max_chars);

  *out = g_utf8_normalize (value, -1, G_NORMALIZE_NFC);
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
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field, _("it must be true or false."));

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Screen, step, branch and option ids: see hs_utils_id_is_valid(). */
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
      fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field,
            _("“%s” may only use a–z, 0–9, “.”, “-” and “_”, and must start with a letter or digit."),
            *out);
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  return TRUE;
}

/* Reads the list member @name of @object: required, with @min to @max
 * elements. */
static gboolean
get_list (ParseContext  *ctx,
          JsonObject    *object,
          const char    *name,
          const char    *field,
          guint          min,
          guint          max,
          JsonArray    **out,
          GError       **error)
{
  JsonNode *node = hs_utils_json_member (object, name);
  guint length;

  *out = NULL;
  if (node == NULL)
    return missing (ctx, field, error);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field, _("it must be a list in [ ]."));
  length = json_array_get_length (json_node_get_array (node));
  if (length < min)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_TOO_FEW, field,
                 _("it must list at least %u of them."), min);
  if (length > max)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field,
                 _("it lists %u; at most %u are allowed."), length, max);

  *out = json_node_get_array (node);
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

/* Reads a media path.  Its form is always checked; that the file is in
 * the package only when the context has a root.  Returns it NFC, as
 * package file names are stored (hs-package). */
static gboolean
get_media (ParseContext        *ctx,
           JsonObject          *object,
           const char          *name,
           gboolean             required,
           const char * const  *extensions,
           char               **out,
           GError             **error)
{
  g_autofree char *path = NULL;
  GStatBuf st;

  *out = NULL;
  if (!get_text (ctx, object, name, name, required, 512, &path, error))
    return FALSE;
  if (path == NULL)
    return TRUE;

  if (!hs_utils_relative_path_is_clean (path))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, name,
                 _("“%s” must be a relative path inside the package, without “..”."), path);
  if (!has_extension (path, extensions))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) extensions);

      return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, name,
                   _("it must be one of these file types: %s."), list);
    }

  if (ctx->root != NULL)
    {
      g_autofree char *full = g_build_filename (ctx->root, path, NULL);

      if (g_lstat (full, &st) != 0 || !S_ISREG (st.st_mode))
        {
          g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_MISSING_FILE,
                       _("%s: the file “%s” named by “%s” is not in the package."),
                       ctx->where, path, name);
          return FALSE;
        }
    }

  *out = g_steal_pointer (&path);
  return TRUE;
}

/* Reads a rectangle { "x", "y", "width", "height" } in CSS px of the
 * device: big enough for a finger and inside the screen. */
static gboolean
get_rect (ParseContext  *ctx,
          JsonObject    *object,
          const char    *name,
          const char    *field,
          Rect          *out,
          GError       **error)
{
  static const char * const sides[] = { "x", "y", "width", "height" };
  HsWalkthrough *walkthrough = ctx->walkthrough;
  JsonNode *node = hs_utils_json_member (object, name);
  JsonObject *rect;
  double values[4];

  if (node == NULL)
    return missing (ctx, field, error);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field,
                 _("it must be a rectangle: { \"x\": …, \"y\": …, \"width\": …, \"height\": … } in px."));
  rect = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      JsonNode *side = hs_utils_json_member (rect, sides[i]);
      g_autofree char *side_field = g_strdup_printf ("%s.%s", field, sides[i]);

      if (side == NULL)
        return missing (ctx, side_field, error);
      if (!hs_utils_json_is_number (side) || !isfinite (json_node_get_double (side)))
        return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, side_field,
                     _("it must be a number of px, like 24."));
      values[i] = json_node_get_double (side);
    }
  out->x = values[0];
  out->y = values[1];
  out->width = values[2];
  out->height = values[3];

  if (out->width < HS_WALKTHROUGH_MIN_TARGET || out->height < HS_WALKTHROUGH_MIN_TARGET)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_TARGET_TOO_SMALL, field,
                 _("it is %g × %g px; a finger needs at least %d × %d px at 100%% scale."),
                 out->width, out->height, HS_WALKTHROUGH_MIN_TARGET, HS_WALKTHROUGH_MIN_TARGET);
  if (out->x < 0 || out->y < 0 ||
      out->x + out->width > walkthrough->width || out->y + out->height > walkthrough->height)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_TARGET_OUTSIDE, field,
                 _("the rectangle at x %g, y %g, %g × %g px does not lie inside the screen, which is %u × %u px."),
                 out->x, out->y, out->width, out->height, walkthrough->width, walkthrough->height);
  return TRUE;
}

static gboolean
rects_overlap (const Rect *a,
               const Rect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
rect_contains (const Rect *rect,
               double      x,
               double      y)
{
  return x >= rect->x && x <= rect->x + rect->width &&
         y >= rect->y && y <= rect->y + rect->height;
}

/* Where a step goes: another step's id (checked once every step is read)
 * or "end". */
static gboolean
get_next (ParseContext  *ctx,
          JsonObject    *object,
          const char    *field,
          gboolean       may_end,
          char         **out,
          GError       **error)
{
  if (!get_text (ctx, object, "next", field, TRUE, 64, out, error))
    return FALSE;
  if (!g_str_equal (*out, HS_WALKTHROUGH_END) && !hs_utils_id_is_valid (*out))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field,
                 _("it must be a step id or \"end\"."));
  if (!may_end && g_str_equal (*out, HS_WALKTHROUGH_END))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field,
                 _("a wrong action cannot end the walkthrough; lead it to a step that explains what went wrong."));
  return TRUE;
}

/* Normalises typed text and expected values alike by the step's rules:
 * NFC, trimmed, each run of whitespace one space; then, as the step says,
 * case folded, marks dropped (hs_utils_fold(), which folds case too),
 * spaces dropped, dots and dashes dropped. */
static char *
normalise_typed (const Step *step,
                 const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  g_autofree char *base = NULL;
  GString *out;
  gboolean space = FALSE;

  if (step->ignore_diacritics)
    base = hs_utils_fold (nfc);
  else if (step->ignore_case)
    {
      g_autofree char *folded = g_utf8_casefold (nfc, -1);

      base = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
    }
  else
    base = g_steal_pointer (&nfc);

  out = g_string_sized_new (strlen (base));
  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (step->ignore_separators &&
          (c == '.' || g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION))
        continue;
      if (space && out->len > 0 && !step->ignore_spaces)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
parse_hotspots (ParseContext  *ctx,
                JsonObject    *object,
                Screen        *screen,
                GError       **error)
{
  JsonArray *array;

  if (hs_utils_json_member (object, "hotspots") == NULL)
    return TRUE;
  if (!get_list (ctx, object, "hotspots", "hotspots", 1, MAX_HOTSPOTS, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("hotspots[%u]", i);
      g_autofree char *label_field = g_strdup_printf ("%s.label", field);
      Hotspot *hotspot;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field,
                     _("each hotspot must be a rectangle with a label: { \"label\": …, \"x\": …, \"y\": …, \"width\": …, \"height\": … }."));

      hotspot = g_new0 (Hotspot, 1);
      g_ptr_array_add (screen->hotspots, hotspot);
      if (!get_text (ctx, json_node_get_object (node), "label", label_field, TRUE, 200, &hotspot->label, error))
        return FALSE;
      /* The rectangle's sides sit beside the label in the same object. */
      {
        g_autoptr(JsonObject) wrapper = json_object_new ();

        json_object_set_member (wrapper, "rect", json_node_copy (node));
        if (!get_rect (ctx, wrapper, "rect", field, &hotspot->rect, error))
          return FALSE;
      }
    }

  return TRUE;
}

static gboolean
parse_screen (ParseContext  *ctx,
              JsonNode      *node,
              guint          index,
              GError       **error)
{
  HsWalkthrough *walkthrough = ctx->walkthrough;
  g_autoptr(Screen) screen = g_new0 (Screen, 1);
  JsonObject *object;

  set_where_walkthrough (ctx);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *field = g_strdup_printf ("screens[%u]", index);
      return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field, _("each screen must be an object in { }."));
    }
  object = json_node_get_object (node);

  screen->index = index;
  screen->hotspots = g_ptr_array_new_with_free_func (hotspot_free);
  set_where_screen (ctx, NULL, index);
  if (!get_id (ctx, object, "id", &screen->id, error))
    return FALSE;
  if (g_hash_table_contains (walkthrough->screens_by_id, screen->id))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_DUPLICATE_ID, "id",
                 _("the screen id “%s” is used twice."), screen->id);
  set_where_screen (ctx, screen->id, index);

  if (!get_media (ctx, object, "image", TRUE, image_extensions, &screen->image, error) ||
      !get_text (ctx, object, "title", "title", FALSE, 200, &screen->title, error) ||
      !get_text (ctx, object, "alt", "alt", TRUE, 1000, &screen->alt, error) ||
      !parse_hotspots (ctx, object, screen, error))
    return FALSE;

  g_hash_table_insert (walkthrough->screens_by_id, screen->id, screen);
  g_ptr_array_add (walkthrough->screens, g_steal_pointer (&screen));
  return TRUE;
}

/* A learner who cannot use a pointer Tabs through the screen's hotspots;
 * each place of a step they may tap must hold the centre of one. */
static gboolean
check_keyboard (ParseContext  *ctx,
                Step          *step,
                const Rect    *rect,
                const char    *field,
                GError       **error)
{
  GPtrArray *hotspots = step->screen->hotspots;

  if (hotspots->len == 0)
    return TRUE;
  for (guint i = 0; i < hotspots->len; i++)
    {
      Hotspot *hotspot = g_ptr_array_index (hotspots, i);

      if (rect_contains (rect, hotspot->rect.x + hotspot->rect.width / 2,
                         hotspot->rect.y + hotspot->rect.height / 2))
        return TRUE;
    }
  return fail (ctx, error, HS_WALKTHROUGH_ERROR_NO_HOTSPOT, field,
               _("no hotspot of the screen “%s” has its centre in this rectangle, so it cannot be reached with the keyboard; add one to the screen’s “hotspots”."),
               step->screen->id);
}

static gboolean
parse_tap (ParseContext  *ctx,
           JsonObject    *object,
           Step          *step,
           GError       **error)
{
  return get_rect (ctx, object, "tap", "tap", &step->rect, error) &&
         check_keyboard (ctx, step, &step->rect, "tap", error);
}

static gboolean
parse_type (ParseContext  *ctx,
            JsonObject    *object,
            Step          *step,
            GError       **error)
{
  JsonNode *node = hs_utils_json_member (object, "type");
  g_autofree char *wanted = NULL;
  g_autofree char *in_label = NULL;
  g_autofree char *in_instruction = NULL;
  JsonObject *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, "type",
                 _("it must be an object in { } with a “field” and the “expected” value."));
  type = json_node_get_object (node);

  if (!get_rect (ctx, type, "field", "type.field", &step->rect, error) ||
      !get_text (ctx, type, "expected", "type.expected", TRUE, 200, &step->expected, error) ||
      !get_text (ctx, type, "label", "type.label", FALSE, 200, &step->label, error) ||
      !get_boolean (ctx, type, "ignore_case", "type.ignore_case", FALSE, &step->ignore_case, error) ||
      !get_boolean (ctx, type, "ignore_spaces", "type.ignore_spaces", TRUE, &step->ignore_spaces, error) ||
      !get_boolean (ctx, type, "ignore_separators", "type.ignore_separators", FALSE, &step->ignore_separators, error) ||
      !get_boolean (ctx, type, "ignore_diacritics", "type.ignore_diacritics", FALSE, &step->ignore_diacritics, error) ||
      !get_boolean (ctx, type, "masked", "type.masked", FALSE, &step->masked, error))
    return FALSE;

  /* Every value typed in practice is invented, so the learner can only
   * know it when the step shows it. */
  wanted = normalise_typed (step, step->expected);
  if (*wanted == '\0')
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, "type.expected",
                 _("by the step’s matching rules nothing of “%s” is left to type."), step->expected);
  in_instruction = normalise_typed (step, step->instruction);
  in_label = step->label != NULL ? normalise_typed (step, step->label) : g_strdup ("");
  if (strstr (in_label, wanted) == NULL && strstr (in_instruction, wanted) == NULL)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_VALUE_NOT_SHOWN, "type.label",
                 _("the learner is never shown the sample value “%s”; write it in “type.label” or in “instruction”."),
                 step->expected);
  return TRUE;
}

static gboolean
parse_choice (ParseContext  *ctx,
              JsonObject    *object,
              Step          *step,
              GError       **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = hs_utils_json_member (object, "choice");
  guint n_correct = 0;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, "choice",
                 _("it must be an object in { } with a list of “options”."));
  if (!get_list (ctx, json_node_get_object (node), "options", "choice.options", 2, MAX_OPTIONS, &array, error))
    return FALSE;

  step->options = g_ptr_array_new_with_free_func (option_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("choice.options[%u]", i);
      g_autofree char *id_field = g_strdup_printf ("%s.id", field);
      g_autofree char *text_field = g_strdup_printf ("%s.text", field);
      g_autofree char *correct_field = g_strdup_printf ("%s.correct", field);
      g_autofree char *feedback_field = g_strdup_printf ("%s.feedback", field);
      g_autofree char *next_field = g_strdup_printf ("%s.next", field);
      JsonObject *option_object;
      Option *option;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field, _("each option must be an object in { }."));
      option_object = json_node_get_object (element);

      option = g_new0 (Option, 1);
      g_ptr_array_add (step->options, option);
      if (!get_id (ctx, option_object, id_field, &option->id, error))
        return FALSE;
      if (!g_hash_table_add (ids, option->id))
        return fail (ctx, error, HS_WALKTHROUGH_ERROR_DUPLICATE_ID, id_field,
                     _("the option id “%s” is used twice."), option->id);
      if (!get_text (ctx, option_object, "text", text_field, TRUE, 200, &option->text, error) ||
          !get_boolean (ctx, option_object, "correct", correct_field, FALSE, &option->correct, error) ||
          !get_text (ctx, option_object, "feedback", feedback_field, FALSE, 1000, &option->feedback, error))
        return FALSE;
      if (hs_utils_json_member (option_object, "next") != NULL)
        {
          if (option->correct)
            return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, next_field,
                         _("the correct option goes on to the step’s “next”; only wrong options may lead elsewhere."));
          if (!get_next (ctx, option_object, next_field, FALSE, &option->next, error))
            return FALSE;
        }
      if (option->correct)
        n_correct++;
    }

  if (n_correct != 1)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_ANSWER_KEY, "choice.options",
                 _("exactly one option needs \"correct\": true; this step has %u."), n_correct);
  return TRUE;
}

static gboolean
parse_branches (ParseContext  *ctx,
                JsonObject    *object,
                Step          *step,
                GError       **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  step->branches = g_ptr_array_new_with_free_func (branch_free);
  if (hs_utils_json_member (object, "branches") == NULL)
    return TRUE;
  if (step->action != HS_WALKTHROUGH_ACTION_TAP)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, "branches",
                 _("only “tap” steps have branches; a wrong option of a “choice” step leads elsewhere with its own “next”."));
  if (!get_list (ctx, object, "branches", "branches", 1, MAX_BRANCHES, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("branches[%u]", i);
      g_autofree char *id_field = g_strdup_printf ("%s.id", field);
      g_autofree char *tap_field = g_strdup_printf ("%s.tap", field);
      g_autofree char *next_field = g_strdup_printf ("%s.next", field);
      g_autofree char *feedback_field = g_strdup_printf ("%s.feedback", field);
      JsonObject *branch_object;
      Branch *branch;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field, _("each branch must be an object in { }."));
      branch_object = json_node_get_object (node);

      branch = g_new0 (Branch, 1);
      g_ptr_array_add (step->branches, branch);
      if (!get_id (ctx, branch_object, id_field, &branch->id, error))
        return FALSE;
      if (!g_hash_table_add (ids, branch->id))
        return fail (ctx, error, HS_WALKTHROUGH_ERROR_DUPLICATE_ID, id_field,
                     _("the branch id “%s” is used twice."), branch->id);
      if (!get_rect (ctx, branch_object, "tap", tap_field, &branch->rect, error))
        return FALSE;
      /* One tap must mean one thing. */
      if (rects_overlap (&branch->rect, &step->rect))
        return fail (ctx, error, HS_WALKTHROUGH_ERROR_TARGET_OVERLAP, tap_field,
                     _("it overlaps the step’s own target, so one tap could be both right and wrong."));
      for (guint j = 0; j < i; j++)
        if (rects_overlap (&branch->rect, &((Branch *) g_ptr_array_index (step->branches, j))->rect))
          return fail (ctx, error, HS_WALKTHROUGH_ERROR_TARGET_OVERLAP, tap_field,
                       _("it overlaps branches[%u], so one tap could lead two ways."), j);
      if (!check_keyboard (ctx, step, &branch->rect, tap_field, error) ||
          !get_next (ctx, branch_object, next_field, FALSE, &branch->next, error) ||
          !get_text (ctx, branch_object, "feedback", feedback_field, FALSE, 1000, &branch->feedback, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_step (ParseContext  *ctx,
            JsonNode      *node,
            guint          index,
            GError       **error)
{
  HsWalkthrough *walkthrough = ctx->walkthrough;
  g_autoptr(Step) step = g_new0 (Step, 1);
  g_autofree char *screen_id = NULL;
  guint n_actions = 0;
  JsonObject *object;

  set_where_walkthrough (ctx);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *field = g_strdup_printf ("steps[%u]", index);
      return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field, _("each step must be an object in { }."));
    }
  object = json_node_get_object (node);

  step->index = index;
  set_where_step (ctx, NULL, index);
  if (!get_id (ctx, object, "id", &step->id, error))
    return FALSE;
  if (g_str_equal (step->id, HS_WALKTHROUGH_END))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, "id",
                 _("“end” is kept for the end of the walkthrough; give the step another id."));
  if (g_hash_table_contains (walkthrough->steps_by_id, step->id))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_DUPLICATE_ID, "id",
                 _("the step id “%s” is used twice."), step->id);
  set_where_step (ctx, step->id, index);

  if (!get_text (ctx, object, "screen", "screen", TRUE, 64, &screen_id, error))
    return FALSE;
  step->screen = g_hash_table_lookup (walkthrough->screens_by_id, screen_id);
  if (step->screen == NULL)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_UNKNOWN_SCREEN, "screen",
                 _("there is no screen “%s”."), screen_id);

  if (!get_text (ctx, object, "instruction", "instruction", TRUE, 1000, &step->instruction, error) ||
      !get_text (ctx, object, "hint", "hint", FALSE, 1000, &step->hint, error) ||
      !get_media (ctx, object, "narration", FALSE, audio_extensions, &step->narration, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (hs_utils_json_member (object, action_names[i]) != NULL)
      {
        step->action = i;
        n_actions++;
      }
  if (n_actions == 0)
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_MISSING_FIELD,
                   _("%s: the step needs one action: a “tap”, a “type” or a “choice”."), ctx->where);
      return FALSE;
    }
  if (n_actions > 1)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, action_names[step->action],
                 _("a step has exactly one action: “tap”, “type” or “choice”."));

  switch (step->action)
    {
    case HS_WALKTHROUGH_ACTION_TAP:
      if (!parse_tap (ctx, object, step, error))
        return FALSE;
      break;

    case HS_WALKTHROUGH_ACTION_TYPE:
      if (!parse_type (ctx, object, step, error))
        return FALSE;
      break;

    case HS_WALKTHROUGH_ACTION_CHOICE:
      if (!parse_choice (ctx, object, step, error))
        return FALSE;
      break;

    default:
      g_assert_not_reached ();
    }

  if (!get_next (ctx, object, "next", TRUE, &step->next, error) ||
      !parse_branches (ctx, object, step, error))
    return FALSE;

  g_hash_table_insert (walkthrough->steps_by_id, step->id, step);
  g_ptr_array_add (walkthrough->steps, g_steal_pointer (&step));
  return TRUE;
}

static gboolean
parse_device (ParseContext  *ctx,
              JsonObject    *object,
              GError       **error)
{
  static const struct {
    const char *name;
    guint       min;
    guint       max;
  } sizes[] = {
    { "width", MIN_DEVICE_WIDTH, MAX_DEVICE_WIDTH },
    { "height", MIN_DEVICE_HEIGHT, MAX_DEVICE_HEIGHT },
  };
  HsWalkthrough *walkthrough = ctx->walkthrough;
  JsonNode *node = hs_utils_json_member (object, "device");
  g_autofree char *kind = NULL;
  JsonObject *device;

  if (node == NULL)
    return missing (ctx, "device", error);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, "device",
                 _("it must be an object like { \"kind\": \"phone\", \"width\": 360, \"height\": 720 }."));
  device = json_node_get_object (node);

  if (!get_text (ctx, device, "kind", "device.kind", FALSE, 32, &kind, error))
    return FALSE;
  if (kind != NULL && !g_str_equal (kind, "phone"))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, "device.kind",
                 _("“%s” is not a device this version of Học Số can show; use \"phone\"."), kind);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      JsonNode *size = hs_utils_json_member (device, sizes[i].name);
      g_autofree char *field = g_strdup_printf ("device.%s", sizes[i].name);

      if (size == NULL)
        return missing (ctx, field, error);
      if (hs_utils_json_value_type (size) != G_TYPE_INT64 ||
          json_node_get_int (size) < sizes[i].min || json_node_get_int (size) > sizes[i].max)
        return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, field,
                     _("it must be a whole number of px from %u to %u."), sizes[i].min, sizes[i].max);
      if (i == 0)
        walkthrough->width = (guint) json_node_get_int (size);
      else
        walkthrough->height = (guint) json_node_get_int (size);
    }

  return TRUE;
}

static gboolean
parse_settings (ParseContext  *ctx,
                JsonObject    *object,
                GError       **error)
{
  HsWalkthrough *walkthrough = ctx->walkthrough;
  JsonNode *node;

  if (!get_text (ctx, object, "title", "title", FALSE, 200, &walkthrough->title, error))
    return FALSE;

  node = hs_utils_json_member (object, "pass_mark");
  if (node != NULL)
    {
      if (!hs_utils_json_is_number (node) || json_node_get_double (node) < 0 || json_node_get_double (node) > 1)
        return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, "pass_mark",
                     _("it must be a number from 0 to 1, like 0.8."));
      walkthrough->pass_mark = json_node_get_double (node);
    }

  return parse_device (ctx, object, error);
}

/* Every value the walkthrough asks for or shows is invented; the guard
 * lets them through.  "sample_values" lists those a screen shows that no
 * step asks for. */
static gboolean
collect_invented (ParseContext  *ctx,
                  JsonObject    *object,
                  GError       **error)
{
  HsWalkthrough *walkthrough = ctx->walkthrough;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = hs_utils_json_member (object, "sample_values");

  if (node != NULL)
    {
      JsonArray *array;

      if (!get_list (ctx, object, "sample_values", "sample_values", 0, MAX_SAMPLE_VALUES, &array, error))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(JsonObject) wrapper = json_object_new ();
          g_autofree char *field = g_strdup_printf ("sample_values[%u]", i);
          g_autofree char *value = NULL;

          json_object_set_member (wrapper, "value", json_node_copy (json_array_get_element (array, i)));
          if (!get_text (ctx, wrapper, "value", field, TRUE, 200, &value, error))
            return FALSE;
          g_strv_builder_add (builder, value);
        }
    }

  for (guint i = 0; i < walkthrough->steps->len; i++)
    {
      Step *step = g_ptr_array_index (walkthrough->steps, i);

      if (step->expected != NULL)
        g_strv_builder_add (builder, step->expected);
    }

  walkthrough->invented = g_strv_builder_end (builder);
  return TRUE;
}

/* Checks that a "next" names a step. */
static gboolean
resolve_next (ParseContext  *ctx,
              Step          *from,
              const char    *next,
              const char    *field,
              GError       **error)
{
  if (g_str_equal (next, HS_WALKTHROUGH_END) ||
      g_hash_table_contains (ctx->walkthrough->steps_by_id, next))
    return TRUE;

  set_where_step (ctx, from->id, from->index);
  return fail (ctx, error, HS_WALKTHROUGH_ERROR_UNKNOWN_STEP, field,
               _("there is no step “%s”."), next);
}

static void
reach (HsWalkthrough *walkthrough,
       const char    *next,
       GQueue        *queue)
{
  Step *to = g_hash_table_lookup (walkthrough->steps_by_id, next);

  if (to != NULL && !to->reached)
    {
      to->reached = TRUE;
      g_queue_push_tail (queue, to);
    }
}

/* Every "next" names a step; every step and screen can be reached from the
 * start, by right actions or by branches. */
static gboolean
check_graph (ParseContext  *ctx,
             GError       **error)
{
  HsWalkthrough *walkthrough = ctx->walkthrough;
  g_autoptr(GQueue) queue = g_queue_new ();
  Step *start = g_hash_table_lookup (walkthrough->steps_by_id, walkthrough->start);
  Step *step;

  /* Every reference first, in file order, so an author's typo is named
   * before what it makes unreachable. */
  for (guint i = 0; i < walkthrough->steps->len; i++)
    {
      Step *from = g_ptr_array_index (walkthrough->steps, i);

      if (!resolve_next (ctx, from, from->next, "next", error))
        return FALSE;
      for (guint j = 0; j < from->branches->len; j++)
        {
          Branch *branch = g_ptr_array_index (from->branches, j);
          g_autofree char *field = g_strdup_printf ("branches[%u].next", j);

          if (!resolve_next (ctx, from, branch->next, field, error))
            return FALSE;
        }
      for (guint j = 0; from->options != NULL && j < from->options->len; j++)
        {
          Option *option = g_ptr_array_index (from->options, j);
          g_autofree char *field = g_strdup_printf ("choice.options[%u].next", j);

          if (option->next != NULL && !resolve_next (ctx, from, option->next, field, error))
            return FALSE;
        }
    }

  start->reached = TRUE;
  g_queue_push_tail (queue, start);
  while ((step = g_queue_pop_head (queue)) != NULL)
    {
      step->screen->reached = TRUE;
      reach (walkthrough, step->next, queue);
      for (guint j = 0; j < step->branches->len; j++)
        reach (walkthrough, ((Branch *) g_ptr_array_index (step->branches, j))->next, queue);
      for (guint j = 0; step->options != NULL && j < step->options->len; j++)
        {
          Option *option = g_ptr_array_index (step->options, j);

          if (option->next != NULL)
            reach (walkthrough, option->next, queue);
        }
    }

  for (guint i = 0; i < walkthrough->steps->len; i++)
    {
      step = g_ptr_array_index (walkthrough->steps, i);
      if (!step->reached)
        {
          set_where_step (ctx, step->id, step->index);
          g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_UNREACHABLE,
                       _("%s: no way leads here from the first step “%s”; lead a “next” here or remove the step."),
                       ctx->where, walkthrough->start);
          return FALSE;
        }
    }
  for (guint i = 0; i < walkthrough->screens->len; i++)
    {
      Screen *screen = g_ptr_array_index (walkthrough->screens, i);

      if (!screen->reached)
        {
          set_where_screen (ctx, screen->id, screen->index);
          g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_UNREACHABLE,
                       _("%s: no step the learner can reach shows this screen; use it in a step or remove it."),
                       ctx->where);
          return FALSE;
        }
    }

  return TRUE;
}

/* Doing each step right must end the walkthrough from wherever the learner
 * is, branches' steps included: every step has exactly one right "next",
 * so it is enough that following them never goes round in a circle. */
static gboolean
check_ends (ParseContext  *ctx,
            GError       **error)
{
  HsWalkthrough *walkthrough = ctx->walkthrough;
  g_autoptr(GHashTable) ends = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < walkthrough->steps->len; i++)
    {
      g_autoptr(GPtrArray) chain = g_ptr_array_new ();
      Step *step = g_ptr_array_index (walkthrough->steps, i);

      while (step != NULL && !g_hash_table_contains (ends, step))
        {
          for (guint j = 0; j < chain->len; j++)
            if (g_ptr_array_index (chain, j) == step)
              {
                g_autoptr(GString) circle = g_string_new (NULL);
                Step *last = g_ptr_array_index (chain, chain->len - 1);

                for (guint k = j; k < chain->len; k++)
                  g_string_append_printf (circle, "%s → ", ((Step *) g_ptr_array_index (chain, k))->id);
                g_string_append (circle, step->id);
                set_where_step (ctx, last->id, last->index);
                return fail (ctx, error, HS_WALKTHROUGH_ERROR_DEAD_END, "next",
                             _("doing each step right never reaches the end: %s goes round in a circle."),
                             circle->str);
              }
          g_ptr_array_add (chain, step);
          step = g_hash_table_lookup (walkthrough->steps_by_id, step->next);
        }
      for (guint j = 0; j < chain->len; j++)
        g_hash_table_add (ends, g_ptr_array_index (chain, j));
    }

  return TRUE;
}

/* The right flow from the start: the steps Test mode scores. */
static void
trace_path (HsWalkthrough *walkthrough)
{
  Step *step = g_hash_table_lookup (walkthrough->steps_by_id, walkthrough->start);

  while (step != NULL)
    {
      g_ptr_array_add (walkthrough->path, step->id);
      step->position = walkthrough->path->len;
      step = g_hash_table_lookup (walkthrough->steps_by_id, step->next);
    }
  g_ptr_array_add (walkthrough->path, NULL);
}

static HsWalkthrough *
parse_walkthrough (ParseContext  *ctx,
                   const char    *json,
                   gsize          length,
                   GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HsWalkthrough) walkthrough = NULL;
  g_autofree char *start = NULL;
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;

  if (length > HS_WALKTHROUGH_MAX_SIZE)
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_TOO_LARGE,
                   _("%s is larger than %d KiB."), ctx->where, HS_WALKTHROUGH_MAX_SIZE / 1024);
      return NULL;
    }
  if (!g_utf8_validate (json, length, NULL))
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_JSON,
                   _("%s is not UTF-8 text."), ctx->where);
      return NULL;
    }
  if (!hs_utils_json_is_shallow (json, length, HS_WALKTHROUGH_MAX_DEPTH))
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_JSON,
                   _("%s is nested more than %d levels deep."), ctx->where, HS_WALKTHROUGH_MAX_DEPTH);
      return NULL;
    }
  if (!hs_utils_json_escapes_are_valid (json, length))
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_JSON,
                   _("%s is not valid JSON: a \\u escape in it stands for no character (NUL, or half a surrogate pair)."), ctx->where);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_JSON,
                   _("%s is not valid JSON: %s"), ctx->where, local_error->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_JSON,
                   _("%s must hold one object in { }."), ctx->where);
      return NULL;
    }
  object = json_node_get_object (node);

  node = hs_utils_json_member (object, "format");
  if (node == NULL)
    return missing (ctx, "format", error), NULL;
  if (hs_utils_json_value_type (node) != G_TYPE_INT64)
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_INVALID_FIELD, "format", _("it must be a whole number, like 1.")), NULL;
  if (json_node_get_int (node) != 1)
    {
      /* The number is printed apart: xgettext cannot read a format macro
       * inside a translated string. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_UNSUPPORTED_FORMAT,
                   _("%s uses format %s; this version of Học Số reads format 1."),
                   ctx->where, number);
      return NULL;
    }

  walkthrough = g_object_new (HS_TYPE_WALKTHROUGH, NULL);
  walkthrough->name = g_strdup (ctx->name);
  ctx->walkthrough = walkthrough;

  if (!parse_settings (ctx, object, error))
    return NULL;

  if (!get_list (ctx, object, "screens", "screens", 1, MAX_SCREENS, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!parse_screen (ctx, json_array_get_element (array, i), i, error))
      return NULL;
  set_where_walkthrough (ctx);

  if (!get_list (ctx, object, "steps", "steps", 1, MAX_STEPS, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!parse_step (ctx, json_array_get_element (array, i), i, error))
      return NULL;
  set_where_walkthrough (ctx);

  if (!get_text (ctx, object, "start", "start", FALSE, 64, &start, error))
    return NULL;
  if (start == NULL)
    start = g_strdup (((Step *) g_ptr_array_index (walkthrough->steps, 0))->id);
  else if (!g_hash_table_contains (walkthrough->steps_by_id, start))
    return fail (ctx, error, HS_WALKTHROUGH_ERROR_UNKNOWN_STEP, "start",
                 _("there is no step “%s”."), start), NULL;
  walkthrough->start = g_steal_pointer (&start);

  if (!collect_invented (ctx, object, error) ||
      !check_graph (ctx, error) ||
      !check_ends (ctx, error))
    return NULL;

  trace_path (walkthrough);
  ctx->walkthrough = NULL;
  return g_steal_pointer (&walkthrough);
}

/* The fake-data guard */

/* A run of digits in typed text: groups of digits that only spaces, dots,
 * dashes, brackets or a plus sign separate, as numbers are written
 * ("0912 345 678", "001.099.012.345", "(+84) 912-345-678"). */
typedef struct {
  guint    start;      /* offset of the group's first digit in Run.digits */
  guint    length;
  gboolean plus;       /* a '+' stands just before it */
  gboolean dotted;     /* joined to the group before by a '.' */
} Group;

typedef struct {
  GString *digits;
  GArray  *groups;     /* Group */
} Run;

static void
run_clear (Run *run)
{
  g_string_free (run->digits, TRUE);
  g_array_unref (run->groups);
}

static gboolean
is_number_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '.' || c == '(' || c == ')' || c == '+' ||
         g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION;
}

/* At most this many separator characters join two groups: "0912 - 345". */
#define MAX_JOIN 3

/* Splits @text into runs.  Digits are any Unicode decimal digits (typed
 * on a full-width keyboard too), kept as ASCII. */
static GArray *
scan_runs (const char *text)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));
  Run *run = NULL;
  gboolean in_group = FALSE;
  gboolean plus = FALSE, dot = FALSE;
  guint separators = 0;

  g_array_set_clear_func (runs, (GDestroyNotify) run_clear);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int digit = g_unichar_digit_value (c);

      if (digit >= 0)
        {
          if (!in_group)
            {
              Group group = { 0 };

              if (run == NULL || separators == 0 || separators > MAX_JOIN)
                {
                  Run fresh = { g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (Group)) };

                  g_array_append_val (runs, fresh);
                  run = &g_array_index (runs, Run, runs->len - 1);
                  dot = FALSE;
                }
              group.start = run->digits->len;
              group.plus = plus;
              group.dotted = dot;
              g_array_append_val (run->groups, group);
              in_group = TRUE;
            }
          g_string_append_c (run->digits, (char) ('0' + digit));
          g_array_index (run->groups, Group, run->groups->len - 1).length++;
          plus = FALSE;
          dot = FALSE;
          separators = 0;
        }
      else if (is_number_separator (c))
        {
          in_group = FALSE;
          separators++;
          plus = plus || c == '+';
          dot = dot || c == '.';
        }
      else
        {
          /* A letter or any other sign ends the run. */
          in_group = FALSE;
          run = NULL;
          plus = FALSE;
          dot = FALSE;
          separators = 0;
        }
    }

  return runs;
}

/* What a number of @length digits from @digits looks like.  Only rules
 * that hold whatever the details: a citizen ID (số định danh cá nhân) has
 * 12 digits; a mobile number 10 digits from 0 (not 00), or 84 and 9 more
 * (+84 form, with or without the plus); an OTP, like VNeID's passcode, 6
 * digits.  Six digits grouped by dots are a sum of money ("500.000"), not a
 * code. */
static HsWalkthroughGuard
classify (const char *digits,
          guint       length,
          gboolean    plus,
          gboolean    dotted)
{
  switch (length)
    {
    case 12:
      if (plus && strncmp (digits, "840", 3) == 0)
        return HS_WALKTHROUGH_GUARD_PHONE;
      return HS_WALKTHROUGH_GUARD_CITIZEN_ID;

    case 11:
      if (strncmp (digits, "84", 2) == 0 && digits[2] != '0')
        return HS_WALKTHROUGH_GUARD_PHONE;
      return HS_WALKTHROUGH_GUARD_NONE;

    case 10:
      if (digits[0] == '0' && digits[1] != '0')
        return HS_WALKTHROUGH_GUARD_PHONE;
      return HS_WALKTHROUGH_GUARD_NONE;

    case 6:
      return dotted ? HS_WALKTHROUGH_GUARD_NONE : HS_WALKTHROUGH_GUARD_OTP;

    default:
      return HS_WALKTHROUGH_GUARD_NONE;
    }
}

typedef struct {
  char               *digits;
  HsWalkthroughGuard  kind;
} Candidate;

static void
candidate_clear (Candidate *candidate)
{
  g_free (candidate->digits);
}

/* Reads a run as numbers, left to right: from each group the longest span
 * of whole groups that looks like something ("001 099 012 345" is one ID,
 * not two codes), else on to the next group. */
static void
run_candidates (const Run *run,
                GArray    *out)
{
  guint i = 0;

  while (i < run->groups->len)
    {
      const Group *first = &g_array_index (run->groups, Group, i);
      HsWalkthroughGuard best = HS_WALKTHROUGH_GUARD_NONE;
      guint best_end = i, length = 0;
      gboolean dotted = FALSE;

      for (guint j = i; j < run->groups->len; j++)
        {
          const Group *group = &g_array_index (run->groups, Group, j);
          HsWalkthroughGuard kind;

          length += group->length;
          if (length > 12)
            break;
          if (j > i)
            dotted = dotted || group->dotted;
          kind = classify (run->digits->str + first->start, length, first->plus, dotted);
          if (kind != HS_WALKTHROUGH_GUARD_NONE)
            {
              best = kind;
              best_end = j;
            }
        }

      if (best == HS_WALKTHROUGH_GUARD_NONE)
        {
          i++;
          continue;
        }

      {
        const Group *last = &g_array_index (run->groups, Group, best_end);
        Candidate candidate = {
          g_strndup (run->digits->str + first->start, last->start + last->length - first->start),
          best,
        };

        g_array_append_val (out, candidate);
      }
      i = best_end + 1;
    }
}

/* Edits (insert, delete, change, swap two neighbours) from @a to @b. */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize n = strlen (a), m = strlen (b);
  g_autofree guint *d = g_new0 (guint, (n + 1) * (m + 1));

#define D(i, j) d[(i) * (m + 1) + (j)]
  for (gsize i = 0; i <= n; i++)
    D (i, 0) = i;
  for (gsize j = 0; j <= m; j++)
    D (0, j) = j;
  for (gsize i = 1; i <= n; i++)
    for (gsize j = 1; j <= m; j++)
      {
        guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
        guint best = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);

        best = MIN (best, D (i - 1, j - 1) + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
#undef D

  return d[n * (m + 1) + m];
}

/* A number this close to an invented one is that one mistyped: telling the
 * learner off for real data would be wrong, and a real number lands this
 * close by chance about once in a thousand tries for a 6-digit code, far
 * more rarely for longer numbers. */
#define TYPO_EDITS 2

static void
add_invented_numbers (const char *value,
                      GPtrArray  *out)
{
  g_autoptr(GArray) runs = scan_runs (value);

  for (guint i = 0; i < runs->len; i++)
    {
      const Run *run = &g_array_index (runs, Run, i);
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

      g_array_set_clear_func (candidates, (GDestroyNotify) candidate_clear);
      g_ptr_array_add (out, g_strdup (run->digits->str));
      run_candidates (run, candidates);
      for (guint j = 0; j < candidates->len; j++)
        g_ptr_array_add (out, g_strdup (g_array_index (candidates, Candidate, j).digits));
    }
}

/**
 * hs_walkthrough_guard_check:
 * @text: what the learner typed
 * @invented: (nullable) (array zero-terminated=1): the walkthrough's
 *   invented values (hs_walkthrough_get_invented_values())
 *
 * Looks in @text for what could be real personal data: a 12-digit citizen
 * ID number, a mobile phone number (10 digits from 0, or the +84 form) or
 * a 6-digit one-time code, written with or without spaces, dots and dashes
 * between the digits.  Numbers that are an invented value, or that value
 * mistyped by at most two edits, are let through.
 *
 * Returns: the kind of the first real-looking number, or
 *   %HS_WALKTHROUGH_GUARD_NONE
 */
HsWalkthroughGuard
hs_walkthrough_guard_check (const char         *text,
                            const char * const *invented)
{
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) runs = NULL;
  g_autofree char *valid = NULL;

  g_return_val_if_fail (text != NULL, HS_WALKTHROUGH_GUARD_NONE);

  valid = g_utf8_make_valid (text, -1);
  for (guint i = 0; invented != NULL && invented[i] != NULL; i++)
    add_invented_numbers (invented[i], known);

  runs = scan_runs (valid);
  for (guint i = 0; i < runs->len; i++)
    {
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

      g_array_set_clear_func (candidates, (GDestroyNotify) candidate_clear);
      run_candidates (&g_array_index (runs, Run, i), candidates);
      for (guint j = 0; j < candidates->len; j++)
        {
          const Candidate *candidate = &g_array_index (candidates, Candidate, j);
          gsize length = strlen (candidate->digits);
          gboolean is_invented = FALSE;

          for (guint k = 0; k < known->len && !is_invented; k++)
            {
              const char *number = g_ptr_array_index (known, k);
              gsize other = strlen (number);

              if (MAX (length, other) - MIN (length, other) <= TYPO_EDITS &&
                  edit_distance (candidate->digits, number) <= TYPO_EDITS)
                is_invented = TRUE;
            }
          if (!is_invented)
            return candidate->kind;
        }
    }

  return HS_WALKTHROUGH_GUARD_NONE;
}

const char *
hs_walkthrough_guard_to_string (HsWalkthroughGuard guard)
{
  g_return_val_if_fail ((guint) guard < G_N_ELEMENTS (guard_names), NULL);

  return guard_names[guard];
}

/**
 * hs_walkthrough_guard_get_message:
 *
 * What the player tells a learner the guard stopped: what the text looked
 * like, and never to type real data into practice or into anything a
 * stranger sends.
 *
 * Returns: (nullable): a translated message; %NULL for
 *   %HS_WALKTHROUGH_GUARD_NONE
 */
const char *
hs_walkthrough_guard_get_message (HsWalkthroughGuard guard)
{
  switch (guard)
    {
    case HS_WALKTHROUGH_GUARD_CITIZEN_ID:
      return _("This looks like a real citizen ID number. In practice, type only the sample number shown. "
               "Never type your own ID number into practice, or into any link, message or app a stranger sends you.");
    case HS_WALKTHROUGH_GUARD_PHONE:
      return _("This looks like a real phone number. In practice, type only the sample number shown. "
               "Never type your own phone number into practice, or into any link, message or app a stranger sends you.");
    case HS_WALKTHROUGH_GUARD_OTP:
      return _("This looks like a real one-time code (OTP). In practice, type only the sample code shown. "
               "A real code is for you alone: never tell it to anyone, and never type it into anything a stranger sends you.");
    case HS_WALKTHROUGH_GUARD_NONE:
      return NULL;
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Checking */

static Step *
lookup (HsWalkthrough *self,
        const char    *step_id)
{
  return g_hash_table_lookup (self->steps_by_id, step_id);
}

static gboolean
bad_action (Step        *step,
            GError     **error,
            const char  *format,
            ...) G_GNUC_PRINTF (3, 4);

static gboolean
bad_action (Step        *step,
            GError     **error,
            const char  *format,
            ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_ACTION,
               _("The action on step “%s” is not valid: %s"), step->id, detail);
  return FALSE;
}

static gboolean
check_tap (Step                *step,
           JsonObject          *action,
           HsWalkthroughCheck  *check,
           GError             **error)
{
  JsonNode *node = hs_utils_json_member (action, "tap");
  JsonNode *x, *y;
  double px, py;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return bad_action (step, error, _("this step expects a tap: {\"tap\": {\"x\": …, \"y\": …}}."));
  x = hs_utils_json_member (json_node_get_object (node), "x");
  y = hs_utils_json_member (json_node_get_object (node), "y");
  if (x == NULL || y == NULL || !hs_utils_json_is_number (x) || !hs_utils_json_is_number (y) ||
      !isfinite (json_node_get_double (x)) || !isfinite (json_node_get_double (y)))
    return bad_action (step, error, _("“tap” needs the numbers “x” and “y”, in px of the screen."));
  px = json_node_get_double (x);
  py = json_node_get_double (y);

  if (rect_contains (&step->rect, px, py))
    {
      check->outcome = HS_WALKTHROUGH_OUTCOME_RIGHT;
      check->next = step->next;
      return TRUE;
    }
  for (guint i = 0; i < step->branches->len; i++)
    {
      Branch *branch = g_ptr_array_index (step->branches, i);

      if (rect_contains (&branch->rect, px, py))
        {
          check->outcome = HS_WALKTHROUGH_OUTCOME_BRANCH;
          check->branch = branch->id;
          check->next = branch->next;
          check->feedback = branch->feedback;
          return TRUE;
        }
    }
  check->outcome = HS_WALKTHROUGH_OUTCOME_MISS;
  return TRUE;
}

static gboolean
check_type (HsWalkthrough       *self,
            Step                *step,
            JsonObject          *action,
            HsWalkthroughCheck  *check,
            GError             **error)
{
  JsonNode *node = hs_utils_json_member (action, "text");
  g_autofree char *given = NULL;
  g_autofree char *wanted = NULL;
  const char *text;

  if (node == NULL || hs_utils_json_value_type (node) != G_TYPE_STRING)
    return bad_action (step, error, _("this step expects typed text: {\"text\": \"…\"}."));
  text = json_node_get_string (node);
  if (g_utf8_strlen (text, -1) > MAX_TYPED_CHARS)
    return bad_action (step, error, _("the text is longer than %d characters."), MAX_TYPED_CHARS);

  given = normalise_typed (step, text);
  wanted = normalise_typed (step, step->expected);
  if (g_str_equal (given, wanted))
    {
      check->outcome = HS_WALKTHROUGH_OUTCOME_RIGHT;
      check->next = step->next;
      return TRUE;
    }

  check->guard = hs_walkthrough_guard_check (text, (const char * const *) self->invented);
  check->outcome = check->guard != HS_WALKTHROUGH_GUARD_NONE ? HS_WALKTHROUGH_OUTCOME_GUARD
                                                             : HS_WALKTHROUGH_OUTCOME_MISS;
  return TRUE;
}

static gboolean
check_choice (Step                *step,
              JsonObject          *action,
              HsWalkthroughCheck  *check,
              GError             **error)
{
  JsonNode *node = hs_utils_json_member (action, "choice");
  const char *id;

  if (node == NULL || hs_utils_json_value_type (node) != G_TYPE_STRING)
    return bad_action (step, error, _("this step expects a choice: {\"choice\": \"option id\"}."));
  id = json_node_get_string (node);

  for (guint i = 0; i < step->options->len; i++)
    {
      Option *option = g_ptr_array_index (step->options, i);

      if (!g_str_equal (option->id, id))
        continue;
      check->feedback = option->feedback;
      if (option->correct)
        {
          check->outcome = HS_WALKTHROUGH_OUTCOME_RIGHT;
          check->next = step->next;
        }
      else if (option->next != NULL)
        {
          check->outcome = HS_WALKTHROUGH_OUTCOME_BRANCH;
          check->branch = option->id;
          check->next = option->next;
        }
      else
        check->outcome = HS_WALKTHROUGH_OUTCOME_MISS;
      return TRUE;
    }

  return bad_action (step, error, _("there is no option “%s”."), id);
}

/* Public JSON */

static void
add_rect (JsonBuilder *builder,
          const char  *name,
          const Rect  *rect)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "x");
  json_builder_add_double_value (builder, rect->x);
  json_builder_set_member_name (builder, "y");
  json_builder_add_double_value (builder, rect->y);
  json_builder_set_member_name (builder, "width");
  json_builder_add_double_value (builder, rect->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_double_value (builder, rect->height);
  json_builder_end_object (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_screen (JsonBuilder  *builder,
            const Screen *screen)
{
  json_builder_set_member_name (builder, "screen");
  json_builder_begin_object (builder);
  add_string (builder, "id", screen->id);
  add_string (builder, "image", screen->image);
  add_string (builder, "title", screen->title);
  add_string (builder, "alt", screen->alt);
  json_builder_set_member_name (builder, "hotspots");
  json_builder_begin_array (builder);
  for (guint i = 0; i < screen->hotspots->len; i++)
    {
      Hotspot *hotspot = g_ptr_array_index (screen->hotspots, i);

      json_builder_begin_object (builder);
      add_string (builder, "label", hotspot->label);
      json_builder_set_member_name (builder, "x");
      json_builder_add_double_value (builder, hotspot->rect.x);
      json_builder_set_member_name (builder, "y");
      json_builder_add_double_value (builder, hotspot->rect.y);
      json_builder_set_member_name (builder, "width");
      json_builder_add_double_value (builder, hotspot->rect.width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_double_value (builder, hotspot->rect.height);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
hs_walkthrough_finalize (GObject *object)
{
  HsWalkthrough *self = (HsWalkthrough *)object;

  g_free (self->name);
  g_free (self->title);
  g_free (self->start);
  g_strfreev (self->invented);
  g_clear_pointer (&self->path, g_ptr_array_unref);
  g_clear_pointer (&self->steps_by_id, g_hash_table_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->screens_by_id, g_hash_table_unref);
  g_clear_pointer (&self->screens, g_ptr_array_unref);

  G_OBJECT_CLASS (hs_walkthrough_parent_class)->finalize (object);
}

static void
hs_walkthrough_class_init (HsWalkthroughClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_walkthrough_finalize;
}

static void
hs_walkthrough_init (HsWalkthrough *self)
{
  self->screens = g_ptr_array_new_with_free_func (screen_free);
  self->screens_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->steps = g_ptr_array_new_with_free_func (step_free);
  self->steps_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->path = g_ptr_array_new ();
  self->pass_mark = NAN;
}

/**
 * hs_walkthrough_parse:
 * @json: the walkthrough file's text
 * @length: its length in bytes, or -1 when it ends with a nul
 * @name: how messages name the walkthrough, usually its path in the package
 * @root: (nullable): the package folder, to check that the screens and
 *   narration the walkthrough names are there; %NULL skips that check
 *
 * Parses a walkthrough file, format 1, and checks every field and the flow
 * as a whole: every target inside its screen and large enough, every
 * "next" a step, every step and screen reachable, and the end reachable
 * from every step by doing it right.  Errors name the walkthrough, the step
 * or screen and the field, as "walkthrough “m1/vneid.json”: step “otp”
 * (steps[4]): the field “type.field” …".
 */
HsWalkthrough *
hs_walkthrough_parse (const char  *json,
                      gssize       length,
                      const char  *name,
                      const char  *root,
                      GError     **error)
{
  ParseContext ctx = { name, root, NULL, NULL };
  HsWalkthrough *walkthrough;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (json);

  set_where_walkthrough (&ctx);
  walkthrough = parse_walkthrough (&ctx, json, length, error);
  g_free (ctx.where);

  return walkthrough;
}

/**
 * hs_walkthrough_load:
 * @root: an extracted package folder
 * @src: the walkthrough file's path in it, as a lesson's "src"
 *
 * Reads and parses @root/@src, checking its screens and narration against
 * @root.
 */
HsWalkthrough *
hs_walkthrough_load (const char  *root,
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
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_NOT_FOUND,
                   _("walkthrough “%s”: it must be a relative path inside the package, without “..”."), src);
      return NULL;
    }

  nfc = g_utf8_normalize (src, -1, G_NORMALIZE_NFC);
  path = g_build_filename (root, nfc, NULL);
  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_NOT_FOUND,
                   _("walkthrough “%s”: the file is not in the package."), src);
      return NULL;
    }
  if (st.st_size > HS_WALKTHROUGH_MAX_SIZE)
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_TOO_LARGE,
                   _("walkthrough “%s” is larger than %d KiB."), src, HS_WALKTHROUGH_MAX_SIZE / 1024);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_NOT_FOUND,
                   _("walkthrough “%s” could not be read: %s"), src, local_error->message);
      return NULL;
    }

  return hs_walkthrough_parse (contents, length, src, root, error);
}

const char *
hs_walkthrough_get_name (HsWalkthrough *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);

  return self->name;
}

/* The walkthrough's own title, or NULL: the lesson's title is used then. */
const char *
hs_walkthrough_get_title (HsWalkthrough *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);

  return self->title;
}

double
hs_walkthrough_get_pass_mark (HsWalkthrough *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NAN);

  return self->pass_mark;
}

/**
 * hs_walkthrough_resolve_pass_mark:
 * @course_pass_mark: the course's completion.pass_mark, or NaN when it has
 *   none
 *
 * The pass mark a Test is held to: the walkthrough's own, else the
 * course's, else %HS_WALKTHROUGH_DEFAULT_PASS_MARK.
 */
double
hs_walkthrough_resolve_pass_mark (HsWalkthrough *self,
                                  double         course_pass_mark)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), HS_WALKTHROUGH_DEFAULT_PASS_MARK);

  if (!isnan (self->pass_mark))
    return self->pass_mark;
  if (!isnan (course_pass_mark))
    return course_pass_mark;
  return HS_WALKTHROUGH_DEFAULT_PASS_MARK;
}

guint
hs_walkthrough_get_device_width (HsWalkthrough *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), 0);

  return self->width;
}

guint
hs_walkthrough_get_device_height (HsWalkthrough *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), 0);

  return self->height;
}

const char *
hs_walkthrough_get_start (HsWalkthrough *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);

  return self->start;
}

guint
hs_walkthrough_get_n_steps (HsWalkthrough *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), 0);

  return self->steps->len;
}

/* The id of the step at @index in file order. */
const char *
hs_walkthrough_get_step_id (HsWalkthrough *self,
                            guint          index)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);

  return ((Step *) g_ptr_array_index (self->steps, index))->id;
}

/* Returns FALSE when there is no such step. */
gboolean
hs_walkthrough_get_step_action (HsWalkthrough       *self,
                                const char          *step_id,
                                HsWalkthroughAction *action)
{
  Step *step;

  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), FALSE);
  g_return_val_if_fail (step_id != NULL, FALSE);

  step = lookup (self, step_id);
  if (step != NULL && action != NULL)
    *action = step->action;
  return step != NULL;
}

/* The id of the screen the step shows, or NULL when there is no such step. */
const char *
hs_walkthrough_get_step_screen (HsWalkthrough *self,
                                const char    *step_id)
{
  Step *step;

  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);
  g_return_val_if_fail (step_id != NULL, NULL);

  step = lookup (self, step_id);
  return step != NULL ? step->screen->id : NULL;
}

/* Where the step goes when done right: a step id or %HS_WALKTHROUGH_END;
 * NULL when there is no such step. */
const char *
hs_walkthrough_get_step_next (HsWalkthrough *self,
                              const char    *step_id)
{
  Step *step;

  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);
  g_return_val_if_fail (step_id != NULL, NULL);

  step = lookup (self, step_id);
  return step != NULL ? step->next : NULL;
}

/**
 * hs_walkthrough_step_is_scored:
 *
 * Whether a Test scores the step: the steps of the right flow from the
 * start are scored; steps only branches lead to explain a mistake and are
 * not.
 */
gboolean
hs_walkthrough_step_is_scored (HsWalkthrough *self,
                               const char    *step_id)
{
  Step *step;

  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), FALSE);
  g_return_val_if_fail (step_id != NULL, FALSE);

  step = lookup (self, step_id);
  return step != NULL && step->position > 0;
}

/**
 * hs_walkthrough_get_path:
 *
 * The right flow: the steps from the start, each step's "next" after it,
 * to the end.  These are the steps a Test scores (the attempt's items).
 *
 * Returns: (transfer none) (array zero-terminated=1): step ids
 */
const char * const *
hs_walkthrough_get_path (HsWalkthrough *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);

  return (const char * const *) self->path->pdata;
}

/**
 * hs_walkthrough_get_invented_values:
 *
 * Every value a step expects and every "sample_values" entry: what the
 * fake-data guard lets through.
 *
 * Returns: (transfer none) (array zero-terminated=1): the values
 */
const char * const *
hs_walkthrough_get_invented_values (HsWalkthrough *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);

  return (const char * const *) self->invented;
}

static double
smaller_side (double      min,
              const Rect *rect)
{
  return MIN (min, MIN (rect->width, rect->height));
}

/* The smallest side of anything a learner taps or types into.  It says
 * nothing about where the right one is, so every mode gets it. */
static double
smallest_target (HsWalkthrough *self)
{
  double min = G_MAXDOUBLE;

  for (guint i = 0; i < self->screens->len; i++)
    {
      Screen *screen = g_ptr_array_index (self->screens, i);

      for (guint j = 0; screen->hotspots != NULL && j < screen->hotspots->len; j++)
        min = smaller_side (min, &((Hotspot *) g_ptr_array_index (screen->hotspots, j))->rect);
    }
  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *step = g_ptr_array_index (self->steps, i);

      if (step->action != HS_WALKTHROUGH_ACTION_CHOICE)
        min = smaller_side (min, &step->rect);
      for (guint j = 0; step->branches != NULL && j < step->branches->len; j++)
        min = smaller_side (min, &((Branch *) g_ptr_array_index (step->branches, j))->rect);
    }
  return min < G_MAXDOUBLE ? min : HS_WALKTHROUGH_MIN_TARGET;
}

/**
 * hs_walkthrough_to_public_json:
 * @mode: the mode the learner chose
 *
 * What the page needs before the first step: the device, the first step
 * and how many steps the right flow has.  See courses/WALKTHROUGH-FORMAT.md.
 *
 * Returns: (transfer full): an object node
 */
JsonNode *
hs_walkthrough_to_public_json (HsWalkthrough     *self,
                               HsWalkthroughMode  mode)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "title", self->title);
  add_string (builder, "mode", mode_names[mode]);
  json_builder_set_member_name (builder, "device");
  json_builder_begin_object (builder);
  add_string (builder, "kind", "phone");
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, self->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, self->height);
  json_builder_end_object (builder);
  add_string (builder, "start", self->start);
  json_builder_set_member_name (builder, "steps");
  json_builder_add_int_value (builder, self->path->len - 1);
  /* The page may draw the phone smaller than 100 %, down to the scale at
   * which this is still HS_WALKTHROUGH_MIN_TARGET px. */
  json_builder_set_member_name (builder, "min_target");
  json_builder_add_double_value (builder, smallest_target (self));
  if (mode == HS_WALKTHROUGH_MODE_TRY)
    {
      json_builder_set_member_name (builder, "hint_after");
      json_builder_add_int_value (builder, HS_WALKTHROUGH_HINT_AFTER_MISSES);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * hs_walkthrough_step_to_public_json:
 * @step_id: a step of the walkthrough
 * @mode: the mode the learner chose
 *
 * What a page may see of a step to show it.  Never the branches, nor the
 * feedback.  Watch and Try get the tap target, the hint and the correct
 * option (to show and highlight them); Watch also the value to type and
 * the next step (it plays the flow by itself).  Test gets none of these:
 * the learner finds the way alone.  See courses/WALKTHROUGH-FORMAT.md.
 *
 * Returns: (transfer full) (nullable): an object node, or %NULL when there
 *   is no such step
 */
JsonNode *
hs_walkthrough_step_to_public_json (HsWalkthrough     *self,
                                    const char        *step_id,
                                    HsWalkthroughMode  mode)
{
  g_autoptr(JsonBuilder) builder = NULL;
  gboolean shown;
  Step *step;

  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);
  g_return_val_if_fail (step_id != NULL, NULL);
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), NULL);

  step = lookup (self, step_id);
  if (step == NULL)
    return NULL;
  shown = mode != HS_WALKTHROUGH_MODE_TEST;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "id", step->id);
  add_string (builder, "action", action_names[step->action]);
  add_screen (builder, step->screen);
  add_string (builder, "instruction", step->instruction);
  add_string (builder, "narration", step->narration);
  if (step->position > 0)
    {
      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, step->position);
    }
  if (shown)
    add_string (builder, "hint", step->hint);

  switch (step->action)
    {
    case HS_WALKTHROUGH_ACTION_TAP:
      if (shown)
        add_rect (builder, "target", &step->rect);
      break;

    case HS_WALKTHROUGH_ACTION_TYPE:
      /* The field is where the typing goes, in every mode: finding it is
       * not the skill a Test asks for. */
      add_rect (builder, "field", &step->rect);
      add_string (builder, "label", step->label);
      json_builder_set_member_name (builder, "masked");
      json_builder_add_boolean_value (builder, step->masked);
      if (mode == HS_WALKTHROUGH_MODE_WATCH)
        add_string (builder, "value", step->expected);
      break;

    case HS_WALKTHROUGH_ACTION_CHOICE:
      json_builder_set_member_name (builder, "options");
      json_builder_begin_array (builder);
      for (guint i = 0; i < step->options->len; i++)
        {
          Option *option = g_ptr_array_index (step->options, i);

          json_builder_begin_object (builder);
          add_string (builder, "id", option->id);
          add_string (builder, "text", option->text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      for (guint i = 0; shown && i < step->options->len; i++)
        {
          Option *option = g_ptr_array_index (step->options, i);

          if (option->correct)
            add_string (builder, "answer", option->id);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (mode == HS_WALKTHROUGH_MODE_WATCH)
    add_string (builder, "next", step->next);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * hs_walkthrough_check:
 * @step_id: the step the learner is on
 * @action: what the learner did: {"tap": {"x", "y"}}, {"text": "…"} or
 *   {"choice": "option id"}, as courses/WALKTHROUGH-FORMAT.md says
 * @check: (out caller-allocates): the outcome
 *
 * Checks one action.  Typed text that is not the expected value goes
 * through the fake-data guard (hs_walkthrough_guard_check()).  An action of
 * the wrong shape or kind is an error (%HS_WALKTHROUGH_ERROR_INVALID_ACTION),
 * not a miss.
 *
 * Returns: FALSE with @error set when the action cannot be checked
 */
gboolean
hs_walkthrough_check (HsWalkthrough       *self,
                      const char          *step_id,
                      JsonNode            *action,
                      HsWalkthroughCheck  *check,
                      GError             **error)
{
  Step *step;

  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), FALSE);
  g_return_val_if_fail (step_id != NULL, FALSE);
  g_return_val_if_fail (check != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (check, 0, sizeof *check);
  check->outcome = HS_WALKTHROUGH_OUTCOME_MISS;

  step = lookup (self, step_id);
  if (step == NULL)
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_UNKNOWN_STEP,
                   _("walkthrough “%s” has no step “%s”."), self->name, step_id);
      return FALSE;
    }
  if (action == NULL || !JSON_NODE_HOLDS_OBJECT (action))
    return bad_action (step, error, _("it must be an object in { }."));

  switch (step->action)
    {
    case HS_WALKTHROUGH_ACTION_TAP:
      return check_tap (step, json_node_get_object (action), check, error);
    case HS_WALKTHROUGH_ACTION_TYPE:
      return check_type (self, step, json_node_get_object (action), check, error);
    case HS_WALKTHROUGH_ACTION_CHOICE:
      return check_choice (step, json_node_get_object (action), check, error);
    default:
      g_assert_not_reached ();
    }
}

/**
 * hs_walkthrough_check_to_json:
 *
 * What the page gets back for an action: the outcome, where to go, the
 * author's feedback and, when the guard stopped the learner, what it saw
 * and the translated explanation.
 *
 * Returns: (transfer full): an object node
 */
JsonNode *
hs_walkthrough_check_to_json (const HsWalkthroughCheck *check)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (check != NULL, NULL);
  g_return_val_if_fail ((guint) check->outcome < G_N_ELEMENTS (outcome_names), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "outcome", outcome_names[check->outcome]);
  if (check->outcome == HS_WALKTHROUGH_OUTCOME_RIGHT || check->outcome == HS_WALKTHROUGH_OUTCOME_BRANCH)
    add_string (builder, "next", check->next);
  if (check->outcome == HS_WALKTHROUGH_OUTCOME_BRANCH)
    add_string (builder, "branch", check->branch);
  add_string (builder, "feedback", check->feedback);
  if (check->outcome == HS_WALKTHROUGH_OUTCOME_GUARD)
    {
      add_string (builder, "guard", guard_names[check->guard]);
      add_string (builder, "message", hs_walkthrough_guard_get_message (check->guard));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * hs_walkthrough_action_to_record:
 * @step_id: the step the action was on
 * @action: the action as hs_walkthrough_check() got it
 * @check: what hs_walkthrough_check() made of it
 *
 * The action as it may be stored (the "response" of an attempt's item).
 * Taps and choices are kept as they are.  Typed text is kept only when it
 * is the expected, invented value: anything else may be real personal
 * data, which the guard exists to keep out of practice and is never
 * written down — the record says only whether the guard fired.
 *
 * Returns: (transfer full): an object node
 */
JsonNode *
hs_walkthrough_action_to_record (HsWalkthrough            *self,
                                 const char               *step_id,
                                 JsonNode                 *action,
                                 const HsWalkthroughCheck *check)
{
  g_autoptr(JsonBuilder) builder = NULL;
  Step *step;

  g_return_val_if_fail (HS_IS_WALKTHROUGH (self), NULL);
  g_return_val_if_fail (step_id != NULL, NULL);
  g_return_val_if_fail (action != NULL && JSON_NODE_HOLDS_OBJECT (action), NULL);
  g_return_val_if_fail (check != NULL, NULL);

  step = lookup (self, step_id);
  g_return_val_if_fail (step != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  switch (step->action)
    {
    case HS_WALKTHROUGH_ACTION_TAP:
      {
        JsonObject *tap = json_object_get_object_member (json_node_get_object (action), "tap");

        json_builder_set_member_name (builder, "tap");
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "x");
        json_builder_add_double_value (builder, json_object_get_double_member (tap, "x"));
        json_builder_set_member_name (builder, "y");
        json_builder_add_double_value (builder, json_object_get_double_member (tap, "y"));
        json_builder_end_object (builder);
        break;
      }

    case HS_WALKTHROUGH_ACTION_TYPE:
      json_builder_set_member_name (builder, "text");
      if (check->outcome == HS_WALKTHROUGH_OUTCOME_RIGHT)
        json_builder_add_string_value (builder, step->expected);
      else
        json_builder_add_null_value (builder);
      if (check->outcome == HS_WALKTHROUGH_OUTCOME_GUARD)
        add_string (builder, "guard", guard_names[check->guard]);
      break;

    case HS_WALKTHROUGH_ACTION_CHOICE:
      add_string (builder, "choice", json_object_get_string_member (json_node_get_object (action), "choice"));
      break;

    default:
      g_assert_not_reached ();
    }
  add_string (builder, "outcome", outcome_names[check->outcome]);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * hs_walkthrough_mode_shows_hint:
 * @misses: the learner's misses on the step so far (plain misses, branches
 *   and guard stops alike)
 *
 * Whether the page shows the step's hint and highlights its target: always
 * in Watch, after %HS_WALKTHROUGH_HINT_AFTER_MISSES misses in Try, never in
 * Test.
 */
gboolean
hs_walkthrough_mode_shows_hint (HsWalkthroughMode mode,
                                guint             misses)
{
  switch (mode)
    {
    case HS_WALKTHROUGH_MODE_WATCH:
      return TRUE;
    case HS_WALKTHROUGH_MODE_TRY:
      return misses >= HS_WALKTHROUGH_HINT_AFTER_MISSES;
    case HS_WALKTHROUGH_MODE_TEST:
      return FALSE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Whether a Test's @score (0 to 1) reaches @pass_mark.  Scores are
 * fractions, so the comparison allows for rounding. */
gboolean
hs_walkthrough_passes (double score,
                       double pass_mark)
{
  return !isnan (score) && score >= pass_mark - 1e-9;
}

const char *
hs_walkthrough_mode_to_string (HsWalkthroughMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), NULL);

  return mode_names[mode];
}

gboolean
hs_walkthrough_mode_from_string (const char        *str,
                                 HsWalkthroughMode *mode)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (mode_names); i++)
    if (g_str_equal (str, mode_names[i]))
      {
        if (mode != NULL)
          *mode = (HsWalkthroughMode) i;
        return TRUE;
      }
  return FALSE;
}

const char *
hs_walkthrough_action_to_string (HsWalkthroughAction action)
{
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (action_names), NULL);

  return action_names[action];
}

const char *
hs_walkthrough_outcome_to_string (HsWalkthroughOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (outcome_names), NULL);

  return outcome_names[outcome];
}
