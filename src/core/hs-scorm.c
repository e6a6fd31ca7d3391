/* hs-scorm.c — reads a SCORM 1.2 or 2004 package's imsmanifest.xml
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The manifest becomes course.json-shaped JSON ("package": "scorm-1.2" or
 * "scorm-2004", every lesson of kind "sco" with a "scorm" object), which
 * hs_manifest_parse() checks and turns into the course model.  That JSON is
 * what the library stores, so what the SCORM run-time needs survives in the
 * database, and a course is read back the same way whatever it came from.
 *
 * The default organization gives the course: its top-level items that have
 * items inside become modules holding every launchable item below them, in
 * document order; runs of top-level items without children make modules
 * named after the organization.
 *
 * libxml2 never touches the network (XML_PARSE_NONET), never substitutes
 * entities (no XML_PARSE_NOENT) and loads no DTD; a document that declares
 * any entity is stopped from the SAX callback that sees the declaration,
 * before anything can be expanded or fetched.  Size and depth are capped.
 */
#define G_LOG_DOMAIN "hs-scorm"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "hs-scorm.h"
#include "hs-manifest.h"
#include "hs-utils.h"

G_DEFINE_QUARK (hs-scorm-error-quark, hs_scorm_error)

#define MAX_TITLE     200
#define MAX_SUMMARY   2000
#define MAX_LAUNCH    4096
#define MAX_ID_CHARS  1000
#define COURSE_ID_MAX 64
#define COURSE_ID_SLUG (COURSE_ID_MAX - 9)   /* room for "-" and 8 hex digits */

typedef struct {
  char      *id;
  char      *title;
  JsonArray *lessons;
} Module;

static void
module_free (Module *module)
{
  g_free (module->id);
  g_free (module->title);
  json_array_unref (module->lessons);
  g_free (module);
}

typedef struct {
  const char      *root;         /* checked against, or NULL */
  xmlNode         *manifest;
  HsCoursePackage  package;
  char            *base;         /* manifest and <resources> xml:base: "" or "a/b/" */
  GHashTable      *resources;    /* identifier → <resource> */
  GHashTable      *sequencings;  /* ID → <imsss:sequencing> of the collection */
  GHashTable      *lesson_ids;
  GHashTable      *module_ids;
  GPtrArray       *modules;      /* Module */
  JsonArray       *required;     /* ids of the visible lessons */
  guint            n_hidden;
} Converter;

static void
converter_clear (Converter *cv)
{
  g_clear_pointer (&cv->base, g_free);
  g_clear_pointer (&cv->resources, g_hash_table_unref);
  g_clear_pointer (&cv->sequencings, g_hash_table_unref);
  g_clear_pointer (&cv->lesson_ids, g_hash_table_unref);
  g_clear_pointer (&cv->module_ids, g_hash_table_unref);
  g_clear_pointer (&cv->modules, g_ptr_array_unref);
  g_clear_pointer (&cv->required, json_array_unref);
}

/* Elements are matched by local name whatever their namespace: authoring
 * tools get namespaces wrong more often than names. */
static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name);
}

/* ADL renamed elements between versions (datafromlms → dataFromLMS), so
 * its elements are matched without regard to case. */
static gboolean
is_element_ci (xmlNode    *node,
               const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static xmlNode *
child (xmlNode    *parent,
       const char *name)
{
  for (xmlNode *node = parent != NULL ? parent->children : NULL; node != NULL; node = node->next)
    if (is_element (node, name))
      return node;
  return NULL;
}

static xmlNode *
child_ci (xmlNode    *parent,
          const char *name)
{
  for (xmlNode *node = parent != NULL ? parent->children : NULL; node != NULL; node = node->next)
    if (is_element_ci (node, name))
      return node;
  return NULL;
}

static gboolean
has_child_items (xmlNode *item)
{
  return child (item, "item") != NULL;
}

/* The text directly inside @node, trimmed; "" when there is none. */
static char *
text_of (xmlNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (xmlNode *n = node != NULL ? node->children : NULL; n != NULL; n = n->next)
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
      g_string_append (text, (const char *) n->content);

  return g_strstrip (g_string_free (g_steal_pointer (&text), FALSE));
}

/* Titles come indented over several lines: each run of white space
 * becomes one space, and a title too long for the library is cut. */
static char *
title_of (xmlNode *node,
          guint    max_chars)
{
  g_autofree char *text = text_of (node);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }

  if (g_utf8_strlen (out->str, -1) > (glong) max_chars)
    {
      const char *end = g_utf8_offset_to_pointer (out->str, max_chars - 1);

      g_string_truncate (out, end - out->str);
      g_string_append (out, "…");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* An attribute without a namespace, trimmed, or NULL when absent. */
static char *
attr (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);
  return copy;
}

/* An attribute by local name in any namespace, ignoring case
 * (adlcp:scormtype in 1.2, adlcp:scormType in 2004). */
static char *
attr_ci (xmlNode    *node,
         const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (g_ascii_strcasecmp ((const char *) a->name, name) == 0)
      {
        xmlChar *value = xmlNodeGetContent ((xmlNode *) a);
        char *copy = g_strstrip (g_strdup (value != NULL ? (const char *) value : ""));

        xmlFree (value);
        return copy;
      }
  return NULL;
}

static char *
xml_base (xmlNode *node)
{
  xmlChar *value = xmlGetNsProp (node, (const xmlChar *) "base", XML_XML_NAMESPACE);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);
  return copy;
}

static gboolean
parse_decimal (const char *text,
               double      min,
               double      max,
               double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < min || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_boolean (const char *text,
               gboolean   *out)
{
  if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
    *out = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* Runs of at least one digit; returns how many were read. */
static guint
digits (const char **p)
{
  guint n = 0;

  while (g_ascii_isdigit (**p))
    {
      (*p)++;
      n++;
    }
  return n;
}

/* SCORM 1.2 CMITimespan: HHHH:MM:SS.SS, two to four digits of hours. */
static gboolean
timespan_is_valid (const char *p)
{
  guint n = digits (&p);

  if (n < 2 || n > 4 || *p++ != ':')
    return FALSE;
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[0] > '5' || p[2] != ':')
    return FALSE;
  p += 3;
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[0] > '5')
    return FALSE;
  p += 2;
  if (*p == '.')
    {
      p++;
      n = digits (&p);
      if (n < 1 || n > 2)
        return FALSE;
    }
  return *p == '\0';
}

/* SCORM 2004 timeinterval: an ISO 8601 duration such as P1DT2H30M10.5S,
 * fractions only on seconds, with at least one part. */
static gboolean
duration_is_valid (const char *p)
{
  static const char date_units[] = "YMD";
  static const char time_units[] = "HMS";
  gboolean any = FALSE;
  guint next = 0;

  if (*p++ != 'P')
    return FALSE;

  while (*p != '\0' && *p != 'T')
    {
      const char *unit;

      if (digits (&p) == 0 || (unit = strchr (date_units + next, *p)) == NULL || *p == '\0')
        return FALSE;
      next = unit - date_units + 1;
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
          const char *unit;

          if (digits (&p) == 0)
            return FALSE;
          if (*p == '.')
            {
              guint n;

              p++;
              n = digits (&p);
              if (n < 1 || n > 2 || *p != 'S')
                return FALSE;
            }
          if (*p == '\0' || (unit = strchr (time_units + next, *p)) == NULL)
            return FALSE;
          next = unit - time_units + 1;
          any_time = TRUE;
          p++;
        }
      if (!any_time)
        return FALSE;
      any = TRUE;
    }

  return any;
}

/**
 * hs_scorm_time_is_valid:
 * @package: the SCORM version whose time format applies
 *
 * Whether @value is a SCORM 1.2 time span (0001:30:00) or a SCORM 2004
 * duration (PT1H30M), as maxtimeallowed and cmi.max_time_allowed take.
 */
gboolean
hs_scorm_time_is_valid (HsCoursePackage  package,
                        const char      *value)
{
  g_return_val_if_fail (value != NULL, FALSE);

  switch (package)
    {
    case HS_COURSE_PACKAGE_SCORM_12:
      return timespan_is_valid (value);
    case HS_COURSE_PACKAGE_SCORM_2004:
      return duration_is_valid (value);
    case HS_COURSE_PACKAGE_HOCSO:
    default:
      return FALSE;
    }
}

/* a–z, 0–9, ".", "-" and "_" from @text, after folding case and Vietnamese
 * marks; anything else becomes "-".  Never starts with a mark, never has
 * "..", at most @max bytes; "" when nothing is left. */
static char *
slug (const char *text,
      gsize       max)
{
  g_autofree char *folded = hs_utils_fold (text);
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0' && out->len < max; p++)
    {
      char c = *p;
      char last = out->len > 0 ? out->str[out->len - 1] : '\0';

      if (!g_ascii_islower (c) && !g_ascii_isdigit (c) && c != '.' && c != '_' && c != '-')
        c = '-';
      /* Non-ASCII letters are several bytes: one "-" stands for them. */
      if (c == '-' && last == '-')
        continue;
      if (c == '.' && last == '.')
        continue;
      if (out->len == 0 && !g_ascii_islower (c) && !g_ascii_isdigit (c))
        continue;
      g_string_append_c (out, c);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * hs_scorm_make_course_id:
 * @identifier: (nullable): the <manifest>'s identifier
 * @title: the course's title
 *
 * A course id for a SCORM package: the identifier made into a valid id
 * (see slug()), cut to 55 characters, then "-" and the first 8 hex digits
 * of the SHA-256 of @title.  The title is part of it because some
 * authoring tools give every package they make the same identifier (Adapt
 * writes "adapt_manifest"); a package without a usable identifier gets
 * "scorm-" and the digits.
 */
char *
hs_scorm_make_course_id (const char *identifier,
                         const char *title)
{
  g_autofree char *base = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (title != NULL, NULL);

  base = slug (identifier != NULL ? identifier : "", COURSE_ID_SLUG);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, title, -1);

  /* A slug may end in "." or "-"; neither makes the id invalid. */
  return g_strdup_printf ("%s-%.8s", *base != '\0' ? base : "scorm", hash);
}

/* A lesson or module id from an item's identifier, unique in @taken. */
static char *
unique_id (GHashTable *taken,
           const char *identifier,
           const char *fallback)
{
  g_autofree char *base = slug (identifier != NULL ? identifier : "", COURSE_ID_MAX);
  char *id;

  if (*base == '\0')
    {
      g_free (base);
      base = g_strdup (fallback);
    }

  id = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (taken, id); n++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", n);
      gsize keep = MIN (strlen (base), COURSE_ID_MAX - strlen (suffix));

      g_free (id);
      id = g_strdup_printf ("%.*s%s", (int) keep, base, suffix);
    }
  g_hash_table_add (taken, g_strdup (id));
  return id;
}

static gboolean
invalid_value (GError     **error,
               const char  *element,
               const char  *item,
               const char  *value,
               const char  *rule)
{
  g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT,
               _("imsmanifest.xml: %s of the item “%s” is “%s”, but %s"), element, item, value, rule);
  return FALSE;
}

/* ---- Paths ---------------------------------------------------------- */

static gboolean
is_absolute_reference (const char *ref)
{
  const char *p = ref;

  if (ref[0] == '/')
    return TRUE;
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return *p == ':';
}

/* Windows tools write "\" between folders; the package reader took it as
 * "/" in file names too. */
static char *
forward_slashes (const char *text)
{
  char *copy = g_strdup (text);

  g_strdelimit (copy, "\\", '/');
  return copy;
}

/* An xml:base names a folder: its text up to any "?" or "#", with "/"
 * added at the end when missing (ADL's examples always have it, and a
 * package that leaves it out still means a folder). */
static gboolean
append_base (GString     *base,
             const char  *value,
             const char  *where,
             GError     **error)
{
  g_autofree char *path = NULL;

  if (value == NULL || *value == '\0')
    return TRUE;

  path = forward_slashes (value);
  path[strcspn (path, "?#")] = '\0';
  if (is_absolute_reference (path))
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_OUTSIDE_PACKAGE,
                   _("imsmanifest.xml: the xml:base “%s” of %s points outside the package; Học Số only opens files inside it."),
                   value, where);
      return FALSE;
    }
  g_string_append (base, path);
  if (base->len > 0 && base->str[base->len - 1] != '/')
    g_string_append_c (base, '/');
  return TRUE;
}

/* Removes "." and empty parts and resolves "..": FALSE when a ".." would
 * climb above the package. */
static gboolean
normalize_parts (GPtrArray *parts)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);

      if (*part == '\0' || g_str_equal (part, "."))
        continue;
      if (g_str_equal (part, ".."))
        {
          if (out->len == 0)
            return FALSE;
          g_ptr_array_remove_index (out, out->len - 1);
          continue;
        }
      g_ptr_array_add (out, (gpointer) part);
    }

  g_ptr_array_set_size (parts, 0);
  for (guint i = 0; i < out->len; i++)
    g_ptr_array_add (parts, g_ptr_array_index (out, i));
  return TRUE;
}

/* @joined split into parts, each percent-decoded when @decode (parts that
 * are not valid escapes or UTF-8 stay as written), then normalized.  Parts
 * are decoded before ".." is resolved, so "%2e%2e" cannot climb out. */
static char *
package_path (const char *joined,
              gboolean    decode)
{
  g_auto(GStrv) raw = g_strsplit (joined, "/", -1);
  g_autoptr(GPtrArray) decoded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;

  for (guint i = 0; raw[i] != NULL; i++)
    {
      char *part = decode ? g_uri_unescape_string (raw[i], "/") : NULL;

      if (part == NULL || !g_utf8_validate (part, -1, NULL))
        {
          g_free (part);
          part = g_strdup (raw[i]);
        }
      g_ptr_array_add (decoded, part);
      g_ptr_array_add (parts, part);
    }

  if (!normalize_parts (parts))
    return NULL;
  g_ptr_array_add (parts, NULL);
  path = g_strjoinv ("/", (char **) parts->pdata);
  return g_utf8_normalize (path, -1, G_NORMALIZE_NFC);
}

static gboolean
is_package_file (const char *root,
                 const char *path)
{
  g_autofree char *full = g_build_filename (root, path, NULL);
  GStatBuf st;

  return g_lstat (full, &st) == 0 && S_ISREG (st.st_mode);
}

/* A query or fragment as it goes into an address: what is not allowed
 * there is percent-encoded; "%" is kept, as the text may already be. */
static char *
escape_part (const char *text)
{
  return g_uri_escape_string (text, "!$&'()*+,;=:@/?%", FALSE);
}

/* Appends an item's parameters to the launch address the SCORM way:
 * leading "?" and "&" are dropped; parameters beginning with "#" are the
 * fragment unless the address already has one; others join the query with
 * "&" (or start it).  The fragment stays after the query, where it
 * belongs. */
static void
apply_parameters (const char  *parameters,
                  char       **query,
                  char       **fragment)
{
  const char *p = parameters;
  g_autofree char *own_query = NULL;
  const char *hash;

  while (*p == '?' || *p == '&')
    p++;
  if (*p == '\0')
    return;

  if (*p == '#')
    {
      if (*fragment == NULL)
        *fragment = g_strdup (p + 1);
      return;
    }

  hash = strchr (p, '#');
  own_query = hash != NULL ? g_strndup (p, hash - p) : g_strdup (p);
  if (hash != NULL && *fragment == NULL)
    *fragment = g_strdup (hash + 1);

  if (*query != NULL && **query != '\0')
    {
      char *joined = g_strconcat (*query, "&", own_query, NULL);

      g_free (*query);
      *query = joined;
    }
  else
    {
      g_free (*query);
      *query = g_steal_pointer (&own_query);
    }
}

/* The file an item launches and what follows it in the address.  @href is
 * resolved against the manifest's, <resources>' and <resource>'s
 * xml:base, in that order. */
static gboolean
resolve_launch (Converter   *cv,
                xmlNode     *item,
                const char  *item_id,
                xmlNode     *resource,
                const char  *resource_id,
                char       **out_src,
                char       **out_parameters,
                GError     **error)
{
  g_autofree char *href = attr (resource, "href");
  g_autofree char *resource_base = xml_base (resource);
  g_autofree char *parameters = attr (item, "parameters");
  g_autofree char *where = g_strdup_printf ("<resource identifier=\"%s\">", resource_id);
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  g_autofree char *fragment = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *raw = NULL;
  g_autoptr(GString) joined = g_string_new (cv->base);
  g_autoptr(GString) suffix = g_string_new (NULL);
  const char *src;
  char *mark;

  if (href == NULL || *href == '\0')
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT,
                   _("imsmanifest.xml: the resource “%s”, which the item “%s” opens, has no href, so there is nothing to open."),
                   resource_id, item_id);
      return FALSE;
    }

  path = forward_slashes (href);
  if ((mark = strchr (path, '#')) != NULL)
    {
      fragment = g_strdup (mark + 1);
      *mark = '\0';
    }
  if ((mark = strchr (path, '?')) != NULL)
    {
      query = g_strdup (mark + 1);
      *mark = '\0';
    }

  if (is_absolute_reference (path))
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_OUTSIDE_PACKAGE,
                   _("imsmanifest.xml: the resource “%s” opens “%s”, which is on the internet or outside the package; Học Số only opens files inside the package."),
                   resource_id, href);
      return FALSE;
    }

  if (!append_base (joined, resource_base, where, error))
    return FALSE;
  g_string_append (joined, path);

  decoded = package_path (joined->str, TRUE);
  raw = package_path (joined->str, FALSE);
  if (decoded == NULL || raw == NULL || *decoded == '\0')
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_OUTSIDE_PACKAGE,
                   _("imsmanifest.xml: the resource “%s” opens “%s”, which is outside the package; Học Số only opens files inside the package."),
                   resource_id, href);
      return FALSE;
    }
  if (!hs_utils_relative_path_is_clean (decoded))
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT,
                   _("imsmanifest.xml: the resource “%s” opens “%s”, which is not a usable file name."),
                   resource_id, href);
      return FALSE;
    }

  /* Percent-escapes usually stand for the characters of a file name
   * ("B%C3%A0i%201.html"), but a file may have a "%" in its name. */
  src = decoded;
  if (cv->root != NULL && !is_package_file (cv->root, decoded))
    {
      if (!g_str_equal (raw, decoded) && hs_utils_relative_path_is_clean (raw) &&
          is_package_file (cv->root, raw))
        src = raw;
      else
        {
          g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_MISSING_FILE,
                       _("imsmanifest.xml: the file “%s” that the item “%s” opens is not in the package."),
                       decoded, item_id);
          return FALSE;
        }
    }

  if (parameters != NULL)
    apply_parameters (parameters, &query, &fragment);
  if (query != NULL && *query != '\0')
    {
      g_autofree char *escaped = escape_part (query);
      g_string_append_printf (suffix, "?%s", escaped);
    }
  if (fragment != NULL && *fragment != '\0')
    {
      g_autofree char *escaped = escape_part (fragment);
      g_string_append_printf (suffix, "#%s", escaped);
    }

  *out_src = g_strdup (src);
  *out_parameters = suffix->len > 0 ? g_string_free (g_steal_pointer (&suffix), FALSE) : NULL;
  return TRUE;
}

/* ---- Items ---------------------------------------------------------- */

/* @node as a standalone XML text, with the namespace declarations it
 * inherited copied onto it, so it can be parsed again on its own. */
static char *
node_to_xml (xmlNode *node)
{
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *copy = xmlDocCopyNode (node, doc, 1);
  xmlBuffer *buffer = xmlBufferCreate ();
  char *text = NULL;

  if (copy != NULL && buffer != NULL)
    {
      xmlDocSetRootElement (doc, copy);
      xmlReconciliateNs (doc, copy);
      if (xmlNodeDump (buffer, doc, copy, 0, 0) >= 0)
        text = g_strdup ((const char *) xmlBufferContent (buffer));
    }

  if (buffer != NULL)
    xmlBufferFree (buffer);
  xmlFreeDoc (doc);
  return text;
}

/* An item's sequencing, or the collection's one it refers to with IDRef. */
static xmlNode *
referenced_sequencing (Converter *cv,
                       xmlNode   *sequencing)
{
  g_autofree char *ref = NULL;

  if (sequencing == NULL)
    return NULL;
  ref = attr (sequencing, "IDRef");
  return ref != NULL ? g_hash_table_lookup (cv->sequencings, ref) : NULL;
}

/* The child @path[0]/@path[1]/… of the item's own sequencing, else of the
 * collection's sequencing it refers to. */
static xmlNode *
sequencing_find (Converter          *cv,
                 xmlNode            *sequencing,
                 const char * const *path)
{
  xmlNode *sources[] = { sequencing, referenced_sequencing (cv, sequencing) };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      xmlNode *node = sources[i];

      for (guint j = 0; node != NULL && path[j] != NULL; j++)
        node = child (node, path[j]);
      if (node != NULL)
        return node;
    }
  return NULL;
}

/* SCORM 2004 data of an item: sequencing (kept whole), the scaled passing
 * score its primary objective sets when satisfied by measure, its attempt
 * duration limit, launch data, time limit action and completion
 * threshold. */
static gboolean
read_item_2004 (Converter    *cv,
                xmlNode      *item,
                const char   *item_id,
                JsonObject   *scorm,
                GError      **error)
{
  xmlNode *sequencing = child (item, "sequencing");
  xmlNode *objective, *limits, *threshold;

  if (sequencing != NULL)
    {
      g_autofree char *xml = node_to_xml (sequencing);

      if (xml == NULL || g_utf8_strlen (xml, -1) > HS_SCORM_MAX_SEQUENCING)
        {
          g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_TOO_LARGE,
                       _("imsmanifest.xml: the <imsss:sequencing> of the item “%s” is larger than %d KiB."),
                       item_id, HS_SCORM_MAX_SEQUENCING / 1024);
          return FALSE;
        }
      json_object_set_string_member (scorm, "sequencing", xml);
    }

  objective = sequencing_find (cv, sequencing, (const char *[]) { "objectives", "primaryObjective", NULL });
  if (objective != NULL)
    {
      g_autofree char *by_measure = attr (objective, "satisfiedByMeasure");
      gboolean satisfied_by_measure = FALSE;

      if (by_measure != NULL && !parse_boolean (by_measure, &satisfied_by_measure))
        return invalid_value (error, "<imsss:primaryObjective satisfiedByMeasure>", item_id, by_measure,
                              _("it must be true or false."));
      if (satisfied_by_measure)
        {
          g_autofree char *text = text_of (child (objective, "minNormalizedMeasure"));
          double measure = 1.0;  /* the default of IMS Simple Sequencing */

          if (*text != '\0' && !parse_decimal (text, -1, 1, &measure))
            return invalid_value (error, "<imsss:minNormalizedMeasure>", item_id, text,
                                  _("it must be a number from -1 to 1."));
          json_object_set_double_member (scorm, "scaled_passing_score", measure);
        }
    }

  limits = sequencing_find (cv, sequencing, (const char *[]) { "limitConditions", NULL });
  if (limits != NULL)
    {
      g_autofree char *limit = attr (limits, "attemptAbsoluteDurationLimit");

      if (limit != NULL && *limit != '\0')
        {
          if (!duration_is_valid (limit))
            return invalid_value (error, "<imsss:limitConditions attemptAbsoluteDurationLimit>", item_id, limit,
                                  _("it must be a duration like PT1H30M."));
          json_object_set_string_member (scorm, "max_time_allowed", limit);
        }
    }

  threshold = child_ci (item, "completionThreshold");
  if (threshold != NULL)
    {
      g_autofree char *by_measure = attr (threshold, "completedByMeasure");
      g_autofree char *min_progress = attr (threshold, "minProgressMeasure");
      g_autofree char *text = text_of (threshold);
      double value = 1.0;

      /* 4th Edition puts the threshold in attributes and applies it only
       * when completedByMeasure is true; 3rd Edition writes it as text. */
      if (by_measure != NULL || min_progress != NULL)
        {
          gboolean completed_by_measure = FALSE;

          if (by_measure != NULL && !parse_boolean (by_measure, &completed_by_measure))
            return invalid_value (error, "<adlcp:completionThreshold completedByMeasure>", item_id, by_measure,
                                  _("it must be true or false."));
          if (min_progress != NULL && !parse_decimal (min_progress, 0, 1, &value))
            return invalid_value (error, "<adlcp:completionThreshold minProgressMeasure>", item_id, min_progress,
                                  _("it must be a number from 0 to 1."));
          if (completed_by_measure)
            json_object_set_double_member (scorm, "completion_threshold", value);
        }
      else if (*text != '\0')
        {
          if (!parse_decimal (text, 0, 1, &value))
            return invalid_value (error, "<adlcp:completionThreshold>", item_id, text,
                                  _("it must be a number from 0 to 1."));
          json_object_set_double_member (scorm, "completion_threshold", value);
        }
    }

  return TRUE;
}

/* SCORM 1.2 data of an item: mastery score and maximum time. */
static gboolean
read_item_12 (Converter   *cv,
              xmlNode     *item,
              const char  *item_id,
              JsonObject  *scorm,
              GError     **error)
{
  g_autofree char *mastery = text_of (child_ci (item, "masteryscore"));
  g_autofree char *max_time = text_of (child_ci (item, "maxtimeallowed"));
  double score;

  if (*mastery != '\0')
    {
      if (!parse_decimal (mastery, 0, 100, &score))
        return invalid_value (error, "<adlcp:masteryscore>", item_id, mastery,
                              _("it must be a number from 0 to 100."));
      json_object_set_double_member (scorm, "mastery_score", score);
    }

  if (*max_time != '\0')
    {
      if (!timespan_is_valid (max_time))
        return invalid_value (error, "<adlcp:maxtimeallowed>", item_id, max_time,
                              _("it must be a time span like 0001:30:00."));
      json_object_set_string_member (scorm, "max_time_allowed", max_time);
    }

  return TRUE;
}

/* "exit,message", "exit,no message", "continue,message" or
 * "continue,no message", read without regard to case or spaces around the
 * comma; NULL for anything else. */
static const char *
time_limit_action (const char *text)
{
  static const char * const actions[] = {
    "exit,message", "exit,no message", "continue,message", "continue,no message",
  };
  g_auto(GStrv) halves = g_strsplit (text, ",", 2);
  g_autofree char *joined = NULL;

  if (g_strv_length (halves) != 2)
    return NULL;
  joined = g_strdup_printf ("%s,%s", g_strstrip (halves[0]), g_strstrip (halves[1]));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_ascii_strcasecmp (joined, actions[i]) == 0)
      return actions[i];
  return NULL;
}

static gboolean
add_lesson (Converter  *cv,
            xmlNode    *item,
            Module     *module,
            GError    **error)
{
  g_autofree char *item_id = attr (item, "identifier");
  g_autofree char *ref = attr (item, "identifierref");
  g_autofree char *resource_id = NULL;
  g_autofree char *visible_text = attr (item, "isvisible");
  g_autofree char *title = NULL;
  g_autofree char *src = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *type = NULL;
  g_autofree char *launch_data = NULL;
  g_autofree char *action_text = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) lesson = json_object_new ();
  g_autoptr(JsonObject) scorm = json_object_new ();
  gboolean visible = TRUE;
  xmlNode *resource;

  if (item_id == NULL || *item_id == '\0')
    {
      g_free (item_id);
      item_id = g_strdup (ref);
    }
  if (strlen (item_id) > MAX_ID_CHARS || strlen (ref) > MAX_ID_CHARS)
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT,
                   _("imsmanifest.xml: an item's identifier or identifierref is longer than %d characters."), MAX_ID_CHARS);
      return FALSE;
    }

  resource = g_hash_table_lookup (cv->resources, ref);
  if (resource == NULL)
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_MISSING_RESOURCE,
                   _("imsmanifest.xml: the item “%s” names the resource “%s” (identifierref), which is not in <resources>."),
                   item_id, ref);
      return FALSE;
    }
  resource_id = g_strdup (ref);

  title = title_of (child (item, "title"), MAX_TITLE);
  if (*title == '\0')
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT,
                   _("imsmanifest.xml: the item “%s” has no <title>."), item_id);
      return FALSE;
    }

  if (!resolve_launch (cv, item, item_id, resource, resource_id, &src, &parameters, error))
    return FALSE;

  type = attr_ci (resource, "scormtype");
  if (type != NULL && *type != '\0' &&
      g_ascii_strcasecmp (type, "sco") != 0 && g_ascii_strcasecmp (type, "asset") != 0)
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT,
                   _("imsmanifest.xml: the scormType of the resource “%s” is “%s”, but it must be “sco” or “asset”."),
                   resource_id, type);
      return FALSE;
    }

  if (visible_text != NULL && !parse_boolean (visible_text, &visible))
    return invalid_value (error, "isvisible", item_id, visible_text, _("it must be true or false."));

  launch_data = text_of (child_ci (item, "datafromlms"));
  if (g_utf8_strlen (launch_data, -1) > MAX_LAUNCH)
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT,
                   _("imsmanifest.xml: the <adlcp:dataFromLMS> of the item “%s” is longer than %d characters."),
                   item_id, MAX_LAUNCH);
      return FALSE;
    }

  action_text = text_of (child_ci (item, "timelimitaction"));
  if (*action_text != '\0' && time_limit_action (action_text) == NULL)
    return invalid_value (error, "<adlcp:timeLimitAction>", item_id, action_text,
                          _("it must be “exit,message”, “exit,no message”, “continue,message” or “continue,no message”."));

  json_object_set_string_member (scorm, "identifier", item_id);
  json_object_set_string_member (scorm, "resource", resource_id);
  /* A resource without a scormType is an asset, as SCORM defines. */
  json_object_set_string_member (scorm, "type",
                                 type != NULL && g_ascii_strcasecmp (type, "sco") == 0 ? "sco" : "asset");
  json_object_set_boolean_member (scorm, "visible", visible);
  if (*launch_data != '\0')
    json_object_set_string_member (scorm, "launch_data", launch_data);
  if (*action_text != '\0')
    json_object_set_string_member (scorm, "time_limit_action", time_limit_action (action_text));

  if (cv->package == HS_COURSE_PACKAGE_SCORM_12)
    {
      if (!read_item_12 (cv, item, item_id, scorm, error))
        return FALSE;
    }
  else if (!read_item_2004 (cv, item, item_id, scorm, error))
    return FALSE;

  id = unique_id (cv->lesson_ids, item_id, "lesson");
  json_object_set_string_member (lesson, "id", id);
  json_object_set_string_member (lesson, "kind", "sco");
  json_object_set_string_member (lesson, "title", title);
  json_object_set_string_member (lesson, "src", src);
  if (parameters != NULL)
    json_object_set_string_member (lesson, "parameters", parameters);
  json_object_set_object_member (lesson, "scorm", g_steal_pointer (&scorm));

  /* A hidden item is reached through sequencing, not the table of
   * contents, so the course does not wait for it. */
  if (visible)
    json_array_add_string_element (cv->required, id);
  else
    cv->n_hidden++;

  json_array_add_object_element (module->lessons, g_steal_pointer (&lesson));
  return TRUE;
}

/* Every launchable item below @parent, depth first, into @module.  Items
 * with nothing to launch only group others.  The depth of the tree was
 * checked when it was read. */
static gboolean
collect_items (Converter  *cv,
               xmlNode    *parent,
               Module     *module,
               GError    **error)
{
  for (xmlNode *item = parent->children; item != NULL; item = item->next)
    {
      g_autofree char *ref = NULL;

      if (!is_element (item, "item"))
        continue;
      ref = attr (item, "identifierref");
      if (ref != NULL && *ref != '\0' && !add_lesson (cv, item, module, error))
        return FALSE;
      if (!collect_items (cv, item, module, error))
        return FALSE;
    }
  return TRUE;
}

static Module *
module_new (Converter  *cv,
            const char *identifier,
            const char *title)
{
  Module *module = g_new0 (Module, 1);

  module->id = unique_id (cv->module_ids, identifier, "module");
  module->title = g_strdup (title);
  module->lessons = json_array_new ();
  return module;
}

static void
keep_module (Converter *cv,
             Module    *module)
{
  if (json_array_get_length (module->lessons) > 0)
    g_ptr_array_add (cv->modules, module);
  else
    module_free (module);
}

static gboolean
read_organization (Converter   *cv,
                   xmlNode     *organization,
                   const char  *organization_title,
                   GError     **error)
{
  g_autofree char *organization_id = attr (organization, "identifier");
  Module *run = NULL;

  for (xmlNode *item = organization->children; item != NULL; item = item->next)
    {
      g_autofree char *ref = NULL;

      if (!is_element (item, "item"))
        continue;
      ref = attr (item, "identifierref");

      if (has_child_items (item))
        {
          g_autofree char *item_id = attr (item, "identifier");
          g_autofree char *title = title_of (child (item, "title"), MAX_TITLE);
          Module *module;

          if (*title == '\0')
            {
              g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT,
                           _("imsmanifest.xml: the item “%s” has no <title>."), item_id != NULL ? item_id : "");
              return FALSE;
            }

          run = NULL;
          module = module_new (cv, item_id, title);
          if ((ref != NULL && *ref != '\0' && !add_lesson (cv, item, module, error)) ||
              !collect_items (cv, item, module, error))
            {
              module_free (module);
              return FALSE;
            }
          keep_module (cv, module);
        }
      else if (ref != NULL && *ref != '\0')
        {
          if (run == NULL)
            {
              run = module_new (cv, organization_id, organization_title);
              g_ptr_array_add (cv->modules, run);
            }
          if (!add_lesson (cv, item, run, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* ---- The document --------------------------------------------------- */

typedef struct {
  char *entity;   /* the name of the first entity declared */
} Guard;

static void
refuse_entity_cb (void          *ctx,
                  const xmlChar *name)
{
  xmlParserCtxt *ctxt = ctx;
  Guard *guard = ctxt->_private;

  if (guard->entity == NULL)
    guard->entity = g_strdup (name != NULL ? (const char *) name : "");
  xmlStopParser (ctxt);
}

static void
entity_decl_cb (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  refuse_entity_cb (ctx, name);
}

static void
unparsed_entity_decl_cb (void          *ctx,
                         const xmlChar *name,
                         const xmlChar *public_id,
                         const xmlChar *system_id,
                         const xmlChar *notation_name)
{
  refuse_entity_cb (ctx, name);
}

/* Errors are read from the context afterwards, not printed. */
static void
quiet_error_cb (void     *user_data,
                xmlError *error)
{
}

static gsize parser_ready;

static xmlDoc *
read_document (const char  *xml,
               gsize        length,
               GError     **error)
{
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  Guard guard = { NULL };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;

  if (length == 0)
    {
      g_set_error_literal (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_XML,
                           _("imsmanifest.xml is empty."));
      return NULL;
    }

  /* libxml2 must be set up once before threads use it; imports run in
   * worker threads. */
  if (g_once_init_enter (&parser_ready))
    {
      xmlInitParser ();
      g_once_init_leave (&parser_ready, 1);
    }

  ctxt = xmlCreateMemoryParserCtxt (xml, (int) length);
  if (ctxt == NULL)
    {
      g_set_error_literal (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_XML,
                           _("imsmanifest.xml could not be read."));
      return NULL;
    }

  xmlCtxtUseOptions (ctxt, options);
  /* What the options leave alone comes from libxml2's process-wide
   * defaults, which another library could have changed. */
  ctxt->loadsubset = 0;
  ctxt->replaceEntities = 0;
  ctxt->validate = 0;
  ctxt->_private = &guard;
  ctxt->sax->entityDecl = entity_decl_cb;
  ctxt->sax->unparsedEntityDecl = unparsed_entity_decl_cb;
  ctxt->sax->serror = quiet_error_cb;

  xmlParseDocument (ctxt);
  doc = g_steal_pointer (&ctxt->myDoc);

  if (guard.entity != NULL)
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_ENTITY,
                   _("imsmanifest.xml declares the entity “%s” in its <!DOCTYPE>. Học Số does not read manifests with entities, because they can pull in other files or grow without end."),
                   guard.entity);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  else if (doc == NULL || !ctxt->wellFormed || xmlDocGetRootElement (doc) == NULL)
    {
      const xmlError *xerror = &ctxt->lastError;
      g_autofree char *message = g_strstrip (g_strdup (xerror->message != NULL ? xerror->message : ""));

      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_XML,
                   _("imsmanifest.xml is not valid XML (line %d): %s"), xerror->line, message);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  g_free (guard.entity);
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/* Checks the depth of the whole tree (without recursion) and notes which
 * SCORM namespaces are declared, to tell the version when the manifest
 * does not say. */
static gboolean
walk_tree (xmlNode   *top,
           gboolean  *has_12,
           gboolean  *has_2004,
           GError   **error)
{
  xmlNode *node = top;
  int depth = 1;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          if (depth > HS_SCORM_MAX_DEPTH)
            {
              g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_TOO_DEEP,
                           _("imsmanifest.xml is nested more than %d levels deep (at line %d)."),
                           HS_SCORM_MAX_DEPTH, (int) xmlGetLineNo (node));
              return FALSE;
            }
          for (xmlNs *ns = node->nsDef; ns != NULL; ns = ns->next)
            {
              g_autofree char *href = g_ascii_strdown (ns->href != NULL ? (const char *) ns->href : "", -1);

              if (g_str_has_suffix (href, "adlcp_rootv1p2") || g_str_has_suffix (href, "imscp_rootv1p1p2"))
                *has_12 = TRUE;
              else if (g_str_has_suffix (href, "adlcp_v1p3"))
                *has_2004 = TRUE;
            }
          if (node->children != NULL)
            {
              node = node->children;
              depth++;
              continue;
            }
        }

      while (node != top && node->next == NULL)
        {
          node = node->parent;
          depth--;
        }
      if (node == top)
        break;
      node = node->next;
    }

  return TRUE;
}

static gboolean
read_version (Converter  *cv,
              gboolean    has_12,
              gboolean    has_2004,
              char      **schemaversion,
              GError    **error)
{
  g_autofree char *text = text_of (child (child (cv->manifest, "metadata"), "schemaversion"));

  if (*text != '\0')
    {
      /* 2004's editions say "CAM 1.3" (2nd), "2004 3rd Edition" and
       * "2004 4th Edition"; some tools write "1.3". */
      if (g_str_equal (text, "1.2"))
        cv->package = HS_COURSE_PACKAGE_SCORM_12;
      else if (g_ascii_strcasecmp (text, "CAM 1.3") == 0 || g_str_equal (text, "1.3") ||
               g_str_has_prefix (text, "2004"))
        cv->package = HS_COURSE_PACKAGE_SCORM_2004;
      else
        {
          g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_UNSUPPORTED_VERSION,
                       _("imsmanifest.xml: <schemaversion> says “%s”; Học Số reads SCORM 1.2 and SCORM 2004 packages."),
                       text);
          return FALSE;
        }
      *schemaversion = g_steal_pointer (&text);
      return TRUE;
    }

  if (has_2004)
    cv->package = HS_COURSE_PACKAGE_SCORM_2004;
  else if (has_12)
    cv->package = HS_COURSE_PACKAGE_SCORM_12;
  else
    {
      g_set_error_literal (error, HS_SCORM_ERROR, HS_SCORM_ERROR_UNSUPPORTED_VERSION,
                           _("imsmanifest.xml says neither in <schemaversion> nor by its namespaces which SCORM version it is; Học Số reads SCORM 1.2 and SCORM 2004 packages."));
      return FALSE;
    }
  return TRUE;
}

/* The text of <metadata><lom><general><@name>: a language code directly,
 * a title or description in <langstring> (1.2) or <string> (2004). */
static char *
lom_general (xmlNode    *manifest,
             const char *name,
             guint       max_chars)
{
  xmlNode *general = child (child (child (manifest, "metadata"), "lom"), "general");
  xmlNode *node = child (general, name);
  xmlNode *text = child (node, "langstring");

  if (text == NULL)
    text = child (node, "string");
  return title_of (text != NULL ? text : node, max_chars);
}

static gboolean
is_language_tag (const char *tag)
{
  gsize len = strlen (tag);

  if (len < 2 || len > 35 || !g_ascii_isalpha (tag[0]))
    return FALSE;
  for (const char *p = tag; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static xmlNode *
find_organization (Converter  *cv,
                   GError    **error)
{
  xmlNode *organizations = child (cv->manifest, "organizations");
  g_autofree char *wanted = organizations != NULL ? attr (organizations, "default") : NULL;
  xmlNode *first = child (organizations, "organization");

  if (first == NULL)
    {
      g_set_error_literal (error, HS_SCORM_ERROR, HS_SCORM_ERROR_NO_ORGANIZATION,
                           _("imsmanifest.xml has no <organization>, so it does not say what there is to learn."));
      return NULL;
    }
  if (wanted == NULL || *wanted == '\0')
    return first;

  for (xmlNode *node = first; node != NULL; node = node->next)
    if (is_element (node, "organization"))
      {
        g_autofree char *id = attr (node, "identifier");

        if (g_strcmp0 (id, wanted) == 0)
          return node;
      }

  g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_NO_ORGANIZATION,
               _("imsmanifest.xml: <organizations default=\"%s\"> names no <organization>."), wanted);
  return NULL;
}

static void
read_resources (Converter *cv)
{
  xmlNode *resources = child (cv->manifest, "resources");

  for (xmlNode *node = resources != NULL ? resources->children : NULL; node != NULL; node = node->next)
    if (is_element (node, "resource"))
      {
        g_autofree char *id = attr (node, "identifier");

        if (id != NULL && *id != '\0' && !g_hash_table_contains (cv->resources, id))
          g_hash_table_insert (cv->resources, g_steal_pointer (&id), node);
      }
}

static gboolean
read_sequencing_collection (Converter   *cv,
                            JsonObject  *course_scorm,
                            GError     **error)
{
  xmlNode *collection = child (cv->manifest, "sequencingCollection");
  g_autofree char *xml = NULL;

  if (collection == NULL || cv->package != HS_COURSE_PACKAGE_SCORM_2004)
    return TRUE;

  for (xmlNode *node = collection->children; node != NULL; node = node->next)
    if (is_element (node, "sequencing"))
      {
        g_autofree char *id = attr (node, "ID");

        if (id != NULL && *id != '\0' && !g_hash_table_contains (cv->sequencings, id))
          g_hash_table_insert (cv->sequencings, g_steal_pointer (&id), node);
      }

  xml = node_to_xml (collection);
  if (xml == NULL || g_utf8_strlen (xml, -1) > HS_SCORM_MAX_SEQUENCING)
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_TOO_LARGE,
                   _("imsmanifest.xml: <imsss:sequencingCollection> is larger than %d KiB."),
                   HS_SCORM_MAX_SEQUENCING / 1024);
      return FALSE;
    }
  json_object_set_string_member (course_scorm, "sequencing_collection", xml);
  return TRUE;
}

static char *
convert (Converter  *cv,
         xmlDoc     *doc,
         GError    **error)
{
  g_autoptr(JsonObject) course = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) base = g_string_new (NULL);
  g_autofree char *schemaversion = NULL;
  g_autofree char *manifest_id = NULL;
  g_autofree char *manifest_version = NULL;
  g_autofree char *organization_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *course_id = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *language = NULL;
  JsonObject *course_scorm = json_object_new ();
  JsonArray *modules = json_array_new ();
  xmlNode *organization;
  gboolean has_12 = FALSE, has_2004 = FALSE;

  json_object_set_int_member (course, "format", 1);

  cv->manifest = xmlDocGetRootElement (doc);
  if (!is_element (cv->manifest, "manifest"))
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT,
                   _("imsmanifest.xml must have <manifest> at its top, not <%s>."), (const char *) cv->manifest->name);
      goto fail;
    }

  if (!walk_tree (cv->manifest, &has_12, &has_2004, error) ||
      !read_version (cv, has_12, has_2004, &schemaversion, error))
    goto fail;
  json_object_set_string_member (course, "package", hs_course_package_to_string (cv->package));

  read_resources (cv);
  {
    g_autofree char *manifest_base = xml_base (cv->manifest);
    xmlNode *resources = child (cv->manifest, "resources");
    g_autofree char *resources_base = resources != NULL ? xml_base (resources) : NULL;

    if (!append_base (base, manifest_base, "<manifest>", error) ||
        !append_base (base, resources_base, "<resources>", error))
      goto fail;
  }
  cv->base = g_strdup (base->str);

  organization = find_organization (cv, error);
  if (organization == NULL)
    goto fail;
  organization_id = attr (organization, "identifier");

  /* The organization's title names the course; a package that leaves it
   * out may still have one in its metadata. */
  title = title_of (child (organization, "title"), MAX_TITLE);
  if (*title == '\0')
    {
      g_free (title);
      title = lom_general (cv->manifest, "title", MAX_TITLE);
    }
  if (*title == '\0')
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_INVALID_ELEMENT,
                   _("imsmanifest.xml: the organization “%s” has no <title>."),
                   organization_id != NULL ? organization_id : "");
      goto fail;
    }

  manifest_id = attr (cv->manifest, "identifier");
  course_id = hs_scorm_make_course_id (manifest_id, title);
  json_object_set_string_member (course, "id", course_id);

  manifest_version = attr (cv->manifest, "version");
  json_object_set_string_member (course, "version",
                                 manifest_version != NULL && hs_utils_version_is_valid (manifest_version)
                                 ? manifest_version : "1.0.0");
  json_object_set_string_member (course, "title", title);

  summary = lom_general (cv->manifest, "description", MAX_SUMMARY);
  if (*summary != '\0')
    json_object_set_string_member (course, "summary", summary);
  language = lom_general (cv->manifest, "language", 35);
  json_object_set_string_member (course, "language", is_language_tag (language) ? language : "vi");

  if (manifest_id != NULL && *manifest_id != '\0' && strlen (manifest_id) <= MAX_ID_CHARS)
    json_object_set_string_member (course_scorm, "identifier", manifest_id);
  if (organization_id != NULL && *organization_id != '\0' && strlen (organization_id) <= MAX_ID_CHARS)
    json_object_set_string_member (course_scorm, "organization", organization_id);
  if (schemaversion != NULL && g_utf8_strlen (schemaversion, -1) <= 100)
    json_object_set_string_member (course_scorm, "schemaversion", schemaversion);
  if (!read_sequencing_collection (cv, course_scorm, error))
    goto fail;

  if (!read_organization (cv, organization, title, error))
    goto fail;
  if (cv->modules->len == 0)
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_NOTHING_TO_LAUNCH,
                   _("imsmanifest.xml: no item of the organization “%s” opens a resource, so there is nothing to learn."),
                   title);
      goto fail;
    }

  json_object_set_object_member (course, "scorm", g_steal_pointer (&course_scorm));

  for (guint i = 0; i < cv->modules->len; i++)
    {
      Module *module = g_ptr_array_index (cv->modules, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", module->id);
      json_object_set_string_member (object, "title", module->title);
      json_object_set_array_member (object, "lessons", json_array_ref (module->lessons));
      json_array_add_object_element (modules, object);
    }
  json_object_set_array_member (course, "modules", g_steal_pointer (&modules));

  if (cv->n_hidden > 0 && json_array_get_length (cv->required) > 0)
    {
      JsonObject *completion = json_object_new ();

      json_object_set_array_member (completion, "require", json_array_ref (cv->required));
      json_object_set_object_member (course, "completion", completion);
    }

  node = json_node_init_object (json_node_alloc (), course);
  return json_to_string (node, TRUE);

fail:
  if (course_scorm != NULL)
    json_object_unref (course_scorm);
  if (modules != NULL)
    json_array_unref (modules);
  return NULL;
}

/**
 * hs_scorm_to_json:
 * @xml: the text of an imsmanifest.xml
 * @root: (nullable): the package folder, to check that the files the
 *   items open are there; %NULL skips those checks
 *
 * Reads a SCORM 1.2 or 2004 manifest and writes the course it describes
 * as course.json-shaped JSON (see courses/FORMAT.md, "SCORM packages").
 *
 * Returns: (transfer full): the JSON text
 */
char *
hs_scorm_to_json (const char  *xml,
                  gssize       length,
                  const char  *root,
                  GError     **error)
{
  Converter cv = { 0 };
  xmlDoc *doc;
  char *json;

  g_return_val_if_fail (xml != NULL, NULL);

  if (length < 0)
    length = strlen (xml);
  if ((gsize) length > HS_SCORM_MAX_SIZE)
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_TOO_LARGE,
                   _("imsmanifest.xml is larger than %d MiB."), HS_SCORM_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  doc = read_document (xml, length, error);
  if (doc == NULL)
    return NULL;

  cv.root = root;
  cv.resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cv.sequencings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cv.lesson_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cv.module_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cv.modules = g_ptr_array_new_with_free_func ((GDestroyNotify) module_free);
  cv.required = json_array_new ();

  json = convert (&cv, doc, error);

  converter_clear (&cv);
  xmlFreeDoc (doc);
  return json;
}

/**
 * hs_scorm_parse:
 * @root: (nullable): as for hs_scorm_to_json()
 *
 * Reads a SCORM manifest into the course model: hs_scorm_to_json(), then
 * hs_manifest_parse() of that JSON, which becomes the course's manifest
 * JSON.
 */
HsCourse *
hs_scorm_parse (const char  *xml,
                gssize       length,
                const char  *root,
                GError     **error)
{
  g_autofree char *json = hs_scorm_to_json (xml, length, root, error);

  if (json == NULL)
    return NULL;

  if (strlen (json) > HS_MANIFEST_MAX_SIZE)
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_TOO_LARGE,
                   _("imsmanifest.xml describes a course too large for Học Số (more than %d KiB once read)."),
                   HS_MANIFEST_MAX_SIZE / 1024);
      return NULL;
    }

  return hs_manifest_parse (json, -1, root, error);
}

/**
 * hs_scorm_load:
 * @root: an extracted package folder
 *
 * Reads @root/imsmanifest.xml.
 */
HsCourse *
hs_scorm_load (const char  *root,
               GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  g_return_val_if_fail (root != NULL, NULL);

  path = g_build_filename (root, HS_SCORM_MANIFEST_NAME, NULL);
  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, HS_SCORM_ERROR, HS_SCORM_ERROR_NOT_FOUND,
                           _("This package has no imsmanifest.xml file, so it is not a SCORM package."));
      return NULL;
    }
  if (st.st_size > HS_SCORM_MAX_SIZE)
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_TOO_LARGE,
                   _("imsmanifest.xml is larger than %d MiB."), HS_SCORM_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, HS_SCORM_ERROR, HS_SCORM_ERROR_NOT_FOUND,
                   _("Could not read imsmanifest.xml: %s"), local_error->message);
      return NULL;
    }

  return hs_scorm_parse (contents, length, root, error);
}
