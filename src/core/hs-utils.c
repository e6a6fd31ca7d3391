/* hs-utils.c — small helpers shared by the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-utils"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "hs-utils.h"

/* Times are stored as UTC ISO 8601 with milliseconds, so that text order is
 * time order in SQL. */
char *
hs_utils_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

/* The calendar day a stored UTC time falls on where this PC is: a course
 * completed at 23:30 on 31 December in Hà Nội counts for that year, though
 * it is already 16:30 UTC. */
gboolean
hs_utils_local_date (const char *iso,
                     GDate      *date)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  g_date_clear (date, 1);
  if (local == NULL)
    return FALSE;
  g_date_set_dmy (date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  return TRUE;
}

/* Deletes a file or a whole folder tree.  Never follows symbolic links: a
 * link is removed, not its target. */
gboolean
hs_utils_rm_rf (const char  *path,
                GError     **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "%s: %s", path, g_strerror (errno));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, error);
      const char *name;

      if (dir == NULL)
        return FALSE;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (!hs_utils_rm_rf (child, error))
            return FALSE;
        }
    }

  if (g_remove (path) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "%s: %s", path, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

guint64
hs_utils_tree_size (const char *path)
{
  GStatBuf st;
  guint64 total;

  if (g_lstat (path, &st) != 0)
    return 0;

  total = S_ISREG (st.st_mode) ? (guint64) st.st_size : 0;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          total += hs_utils_tree_size (child);
        }
    }

  return total;
}

/* A version is 1 to 4 dot-separated numbers, each at most 9 digits:
 * "1", "1.0", "2.10.3". */
gboolean
hs_utils_version_is_valid (const char *version)
{
  guint parts = 0;
  const char *p = version;

  if (version == NULL || *version == '\0')
    return FALSE;

  while (*p != '\0')
    {
      guint digits = 0;

      while (g_ascii_isdigit (*p))
        {
          p++;
          digits++;
        }
      if (digits == 0 || digits > 9)
        return FALSE;
      parts++;
      if (*p == '.')
        {
          p++;
          if (*p == '\0')
            return FALSE;
        }
      else if (*p != '\0')
        return FALSE;
    }

  return parts >= 1 && parts <= 4;
}

/* Compares two valid versions numerically, part by part; missing parts
 * count as 0, so "1.0" equals "1.0.0". */
int
hs_utils_version_compare (const char *a,
                          const char *b)
{
  while (*a != '\0' || *b != '\0')
    {
      guint64 na = g_ascii_strtoull (a, (char **) &a, 10);
      guint64 nb = g_ascii_strtoull (b, (char **) &b, 10);

      if (na != nb)
        return na < nb ? -1 : 1;
      if (*a == '.')
        a++;
      if (*b == '.')
        b++;
    }

  return 0;
}

/* Course, module and lesson ids: 1 to 64 characters of a–z, 0–9, '.', '-',
 * '_', starting with a letter or digit.  They appear in folder names and in
 * hocso:// origins, so nothing else is allowed. */
gboolean
hs_utils_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > 64)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = id[i];

      if (!g_ascii_islower (c) && !g_ascii_isdigit (c) && c != '.' && c != '-' && c != '_')
        return FALSE;
      if (c == '.' && id[i + 1] == '.')
        return FALSE;
    }

  return TRUE;
}

/* A path inside a package as a manifest names it: relative, '/'-separated,
 * no empty, "." or ".." parts, no backslashes or control characters. */
gboolean
hs_utils_relative_path_is_clean (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || *path == '\0' || *path == '/')
    return FALSE;
  if (!g_utf8_validate (path, -1, NULL))
    return FALSE;

  for (const char *p = path; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || *p == '\\')
      return FALSE;

  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      return FALSE;

  return TRUE;
}

/* The key two learner names are compared by: trimmed, NFC, case-folded. */
char *
hs_utils_name_key (const char *name)
{
  g_autofree char *copy = g_strstrip (g_strdup (name));
  g_autofree char *nfc = g_utf8_normalize (copy, -1, G_NORMALIZE_NFC);

  return nfc != NULL ? g_utf8_casefold (nfc, -1) : NULL;
}

/* Content types by file extension, for the hocso:// scheme and the media
 * server.  Text is always declared UTF-8: Vietnamese turns to mojibake when
 * a browser has to guess. */
static const struct {
  const char *extension;
  const char *type;
} content_types[] = {
  { ".html", "text/html; charset=utf-8" },
  { ".htm", "text/html; charset=utf-8" },
  { ".xhtml", "application/xhtml+xml; charset=utf-8" },
  { ".css", "text/css; charset=utf-8" },
  { ".js", "text/javascript; charset=utf-8" },
  { ".mjs", "text/javascript; charset=utf-8" },
  { ".json", "application/json; charset=utf-8" },
  { ".xml", "application/xml; charset=utf-8" },
  { ".txt", "text/plain; charset=utf-8" },
  { ".md", "text/markdown; charset=utf-8" },
  { ".csv", "text/csv; charset=utf-8" },
  { ".vtt", "text/vtt; charset=utf-8" },
  { ".svg", "image/svg+xml; charset=utf-8" },
  { ".png", "image/png" },
  { ".jpg", "image/jpeg" },
  { ".jpeg", "image/jpeg" },
  { ".gif", "image/gif" },
  { ".webp", "image/webp" },
  { ".ico", "image/x-icon" },
  { ".woff", "font/woff" },
  { ".woff2", "font/woff2" },
  { ".ttf", "font/ttf" },
  { ".otf", "font/otf" },
  { ".pdf", "application/pdf" },
  { ".wasm", "application/wasm" },
  { ".webm", "video/webm" },
  { ".mp4", "video/mp4" },
  { ".m4v", "video/mp4" },
  { ".ogv", "video/ogg" },
  { ".ogg", "audio/ogg" },
  { ".oga", "audio/ogg" },
  { ".opus", "audio/ogg" },
  { ".mp3", "audio/mpeg" },
  { ".m4a", "audio/mp4" },
  { ".wav", "audio/wav" },
};

const char *
hs_utils_content_type (const char *path)
{
  const char *dot = strrchr (path, '.');

  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (content_types); i++)
    if (g_ascii_strcasecmp (dot, content_types[i].extension) == 0)
      return content_types[i].type;

  return "application/octet-stream";
}

/* Parses a single HTTP byte range ("bytes=0-99", "bytes=100-",
 * "bytes=-500") against a file of @size bytes.  Several ranges are answered
 * with the first.  Returns FALSE when the range cannot be satisfied. */
gboolean
hs_utils_parse_range (const char *header,
                      guint64     size,
                      guint64    *start,
                      guint64    *end)
{
  const char *p;
  char *rest;
  guint64 first, last;

  if (header == NULL || !g_str_has_prefix (header, "bytes=") || size == 0)
    return FALSE;
  p = header + strlen ("bytes=");
  while (*p == ' ')
    p++;

  if (*p == '-')
    {
      guint64 suffix = g_ascii_strtoull (p + 1, &rest, 10);

      if (rest == p + 1 || suffix == 0)
        return FALSE;
      *start = suffix >= size ? 0 : size - suffix;
      *end = size - 1;
      return TRUE;
    }

  if (!g_ascii_isdigit (*p))
    return FALSE;
  first = g_ascii_strtoull (p, &rest, 10);
  if (*rest != '-' || first >= size)
    return FALSE;
  p = rest + 1;
  if (g_ascii_isdigit (*p))
    {
      last = g_ascii_strtoull (p, &rest, 10);
      if (last < first)
        return FALSE;
      last = MIN (last, size - 1);
    }
  else
    last = size - 1;

  *start = first;
  *end = last;
  return TRUE;
}

/* Folds a text for comparisons that ignore case and Vietnamese diacritics:
 * "  Lừa   đảo " → "lua dao".  Marks are dropped after NFD decomposition,
 * and đ/Đ, which have no decomposition, become d.  Whitespace is trimmed
 * and each run of it becomes one space. */
char *
hs_utils_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *nfd = NULL;
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  /* Case-fold first: folding can itself produce combining marks (İ → i̇). */
  valid = g_utf8_make_valid (text, -1);
  folded = g_utf8_casefold (valid, -1);
  nfd = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  out = g_string_sized_new (strlen (nfd));

  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0300 && c <= 0x036f)
        continue;
      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (c == 0x0111 || c == 0x0110)
        c = 'd';
      g_string_append_unichar (out, c);
    }

  return g_utf8_normalize (out->str, out->len, G_NORMALIZE_NFC);
}

/* A cheap scan for nesting depth before a real JSON parse: json-glib
 * recurses once per level, and a hostile file a million brackets deep must
 * not get that far. */
gboolean
hs_utils_json_is_shallow (const char *json,
                          gsize       length,
                          int         max_depth)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }

  return TRUE;
}

/* The 29 letters in Vietnamese order; a letter's marks other than the
 * tone (ă â đ ê ô ơ ư) make it a letter of its own. */
static const char * const vietnamese_letters[] = {
  "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m",
  "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
};

/* Tones, the secondary order: none, grave, hook, tilde, acute, dot. */
static int
tone_rank (gunichar mark)
{
  switch (mark)
    {
    case 0x0300: return 1;
    case 0x0309: return 2;
    case 0x0303: return 3;
    case 0x0301: return 4;
    case 0x0323: return 5;
    default: return 0;
    }
}

static void
append_word_key (GString    *primary,
                 GString    *secondary,
                 const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  g_autofree char *nfc = g_utf8_normalize (lower, -1, G_NORMALIZE_NFC);

  for (const char *p = nfc; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      char one[8] = { 0 };
      g_autofree char *nfd = NULL;
      g_autoptr(GString) letter = g_string_new (NULL);
      int tone = 0, rank = -1;

      g_unichar_to_utf8 (g_utf8_get_char (p), one);
      nfd = g_utf8_normalize (one, -1, G_NORMALIZE_NFD);
      /* Keep the base and the letter-making marks, set the tone aside. */
      for (const char *q = nfd; *q != '\0'; q = g_utf8_next_char (q))
        {
          gunichar c = g_utf8_get_char (q);

          if (tone_rank (c) > 0)
            tone = tone_rank (c);
          else
            g_string_append_unichar (letter, c);
        }
      {
        g_autofree char *composed = g_utf8_normalize (letter->str, -1, G_NORMALIZE_NFC);

        for (guint i = 0; i < G_N_ELEMENTS (vietnamese_letters); i++)
          if (g_str_equal (composed, vietnamese_letters[i]))
            rank = i;
        if (rank >= 0)
          g_string_append_printf (primary, "%02d", rank + 10);
        else
          /* Not a Vietnamese letter: after them, by code point. */
          g_string_append_printf (primary, "9%06X", g_utf8_get_char (composed));
      }
      g_string_append_printf (secondary, "%d", tone);
    }
}

/**
 * hs_utils_vietnamese_name_key:
 *
 * A key that sorts people's names the way Vietnamese lists do: by the given
 * name (the last word), then the whole name from the family name on, in
 * the Vietnamese alphabet (a ă â b c d đ e ê …), tones deciding only
 * between names that are otherwise the same.  Compare keys with strcmp().
 */
char *
hs_utils_vietnamese_name_key (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name ? name : "", " \t", -1);
  g_autoptr(GString) primary = g_string_new (NULL);
  g_autoptr(GString) secondary = g_string_new (NULL);
  const char *given = "";

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      given = words[i];

  append_word_key (primary, secondary, given);
  g_string_append (primary, "00");
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        append_word_key (primary, secondary, words[i]);
        g_string_append (primary, "01");
      }

  g_string_append_c (primary, '|');
  g_string_append (primary, secondary->str);
  return g_string_free (g_steal_pointer (&primary), FALSE);
}

/* The four hex digits of a \u escape at @p, or -1. */
static int
escape_value (const char *p,
              const char *end)
{
  int value = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* json-glib turns a lone "\udc00" into bytes that are not UTF-8, and
 * "\u0000" silently ends the text; both would reach code that trusts its
 * strings.  This scan, before the parse, refuses a document with any \u
 * escape that stands for no character: NUL, or half a surrogate pair. */
gboolean
hs_utils_json_escapes_are_valid (const char *json,
                                 gsize       length)
{
  const char *end = json + length;
  gboolean in_string = FALSE;

  for (const char *p = json; p < end; p++)
    {
      if (!in_string)
        {
          in_string = *p == '"';
          continue;
        }
      if (*p == '"')
        in_string = FALSE;
      else if (*p == '\\' && p + 1 < end && p[1] == 'u')
        {
          int value = escape_value (p, end);

          if (value == 0 || (value >= 0xdc00 && value <= 0xdfff))
            return FALSE;
          if (value >= 0xd800 && value <= 0xdbff)
            {
              int low = escape_value (p + 6, end);

              if (low < 0xdc00 || low > 0xdfff)
                return FALSE;
              p += 6;
            }
          if (value >= 0)
            p += 5;
        }
      else if (*p == '\\')
        p++;
    }
  return TRUE;
}/* The member @name of @object, or NULL when it has none. */
JsonNode *
hs_utils_json_member (JsonObject *object,
                      const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;
}

/* The type of the value @node holds, or G_TYPE_INVALID for an object, an
 * array or null. */
GType
hs_utils_json_value_type (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
}

gboolean
hs_utils_json_is_number (JsonNode *node)
{
  GType type = hs_utils_json_value_type (node);

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* Only whitespace, Unicode's included (a no-break space is not a text). */
gboolean
hs_utils_text_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}


