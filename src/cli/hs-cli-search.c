/* hs-cli-search.c — hocso search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "hs-cli.h"
#include "hs-search.h"

#define DEFAULT_LIMIT 20

/* Highlights as [code point, code point) pairs: what a JSON reader can
 * slice a string with, unlike bytes. */
static void
add_ranges (JsonBuilder         *builder,
            const char          *member,
            const char          *text,
            const HsSearchRange *ranges,
            guint                n_ranges)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_ranges; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, g_utf8_pointer_to_offset (text, text + ranges[i].start));
      json_builder_add_int_value (builder, g_utf8_pointer_to_offset (text, text + ranges[i].end));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
hit_to_json (JsonBuilder *builder,
             HsSearchHit *hit)
{
  const HsSearchRange *ranges;
  HsLessonKind kind;
  guint n;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lesson_id");
  if (hs_search_hit_get_lesson_id (hit) != NULL)
    json_builder_add_string_value (builder, hs_search_hit_get_lesson_id (hit));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "kind");
  if (hs_search_hit_get_kind (hit, &kind))
    json_builder_add_string_value (builder, hs_lesson_kind_to_string (kind));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, hs_search_hit_get_title (hit));
  ranges = hs_search_hit_get_title_ranges (hit, &n);
  add_ranges (builder, "title_highlights", hs_search_hit_get_title (hit), ranges, n);
  json_builder_set_member_name (builder, "snippet");
  json_builder_add_string_value (builder, hs_search_hit_get_snippet (hit));
  ranges = hs_search_hit_get_snippet_ranges (hit, &n);
  add_ranges (builder, "snippet_highlights", hs_search_hit_get_snippet (hit), ranges, n);
  json_builder_end_object (builder);
}

/* [ { course_id, course_title, hits: [ … ] }, … ]: the hits come grouped
 * by course already. */
static void
print_json (GPtrArray *hits)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *course = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      HsSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_strcmp0 (course, hs_search_hit_get_course_id (hit)) != 0)
        {
          if (course != NULL)
            {
              json_builder_end_array (builder);
              json_builder_end_object (builder);
            }
          course = hs_search_hit_get_course_id (hit);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "course_id");
          json_builder_add_string_value (builder, course);
          json_builder_set_member_name (builder, "course_title");
          json_builder_add_string_value (builder, hs_search_hit_get_course_title (hit));
          json_builder_set_member_name (builder, "hits");
          json_builder_begin_array (builder);
        }
      hit_to_json (builder, hit);
    }
  if (course != NULL)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  hs_cli_print_json (builder);
}

static void
print_text (GPtrArray *hits,
            gboolean   tty)
{
  /* Bold on a terminal; brackets where the output goes to a file. */
  const char *open = tty ? "\033[1m" : "[";
  const char *close = tty ? "\033[0m" : "]";
  const char *course = NULL;

  for (guint i = 0; i < hits->len; i++)
    {
      HsSearchHit *hit = g_ptr_array_index (hits, i);
      const HsSearchRange *ranges;
      g_autofree char *title = NULL;
      g_autofree char *snippet = NULL;
      guint n;

      ranges = hs_search_hit_get_title_ranges (hit, &n);
      title = hs_search_mark_up (hs_search_hit_get_title (hit), ranges, n, open, close);
      ranges = hs_search_hit_get_snippet_ranges (hit, &n);
      snippet = hs_search_mark_up (hs_search_hit_get_snippet (hit), ranges, n, open, close);

      if (g_strcmp0 (course, hs_search_hit_get_course_id (hit)) != 0)
        {
          course = hs_search_hit_get_course_id (hit);
          if (i > 0)
            printf ("\n");
          printf ("%s (%s)\n", hs_search_hit_get_course_title (hit), course);
        }

      /* The course itself matched: its title, summary or module titles. */
      printf ("  %s · %s\n",
              hs_search_hit_get_lesson_id (hit) != NULL ? hs_search_hit_get_lesson_id (hit) : _("course"),
              title);
      if (*snippet != '\0')
        printf ("      %s\n", snippet);
    }
}

int
hs_cli_search (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsSearch) search = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *course_id = NULL;
  g_autofree char *query = NULL;
  gboolean json = FALSE;
  int limit = DEFAULT_LIMIT;
  const GOptionEntry entries[] = {
    { "course", 0, 0, G_OPTION_ARG_STRING, &course_id, N_("Search this course only"), N_("COURSE-ID") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N lessons (default 20)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!hs_cli_parse ("search", N_("QUERY…"),
                     N_("Search the titles and text of the installed courses and lessons. Capitals and Vietnamese marks do not matter: “lua dao” finds “lừa đảo”. The last word also finds words it begins."),
                     entries, &argc, &argv, &error))
    return hs_cli_usage_error ("search", error->message);
  if (limit < 1 || limit > HS_SEARCH_MAX_LIMIT)
    {
      g_autofree char *message = g_strdup_printf (_("--limit must be a number from 1 to %d"), HS_SEARCH_MAX_LIMIT);
      return hs_cli_usage_error ("search", message);
    }

  /* hocso search lừa đảo: the words need no quotes. */
  query = g_strjoinv (" ", argv + 1);
  if (!hs_search_has_words (query))
    return hs_cli_usage_error ("search", _("give the words to search for"));

  library = hs_cli_open_library (&error);
  if (library == NULL)
    return hs_cli_fail (NULL, error);

  if (course_id != NULL)
    {
      g_autoptr(HsCourse) course = hs_library_get_course (library, course_id, &error);

      if (course == NULL)
        return hs_cli_fail (NULL, error);
    }

  search = hs_search_new (hs_library_get_store (library));
  hits = hs_search_query (search, query, course_id, limit, &error);
  if (hits == NULL)
    return hs_cli_fail (NULL, error);

  if (json)
    print_json (hits);
  else if (hits->len == 0)
    printf (_("Nothing found for “%s”.\n"), query);
  else
    print_text (hits, isatty (STDOUT_FILENO));

  return 0;
}
