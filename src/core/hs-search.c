/* hs-search.c — full-text search over installed courses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The index (schema 3, hs-store.c) holds the current version of each
 * course: one document for the course (title; summary and module titles)
 * and one per lesson (title; the text of a page, the questions and choices
 * of a quiz; quiz explanations in a column that is searched but never
 * shown).  hs-library collects the documents from the extracted files
 * before an import commits and writes them in the import's transaction, so
 * the index never disagrees with the courses table; deleting a course's
 * rows deletes its documents by cascade, and triggers update FTS5.
 *
 * Words are folded by the hocso tokenizer (hs-search-fts.c) in the
 * index and in queries alike.  A query is never handed to FTS5's query
 * language: it is cut into words here and each word quoted, so no input
 * can be an FTS5 syntax error.  All words must match; the last one also
 * matches as the start of a word while it is being typed.  Ranking, and
 * how it stays fast on a large library, is described above tiers[];
 * snippets and highlights are made here from the stored text, with the
 * same folding.
 */
#define G_LOG_DOMAIN "hs-search"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>

#include "hs-quiz.h"
#include "hs-walkthrough.h"
#include "hs-search.h"
#include "hs-search-fts.h"
#include "hs-search-hit-private.h"

#define MAX_TITLE_BYTES   2048

struct _HsSearch
{
  GObject  parent_instance;

  HsStore *store;
};

G_DEFINE_FINAL_TYPE (HsSearch, hs_search, G_TYPE_OBJECT)

/* Documents */

/* NFC, control characters and runs of whitespace made one space, trimmed,
 * and at most @max_bytes long, cut at a character boundary.  Control
 * characters must go: snippets end up on terminals, where a course could
 * otherwise send escape sequences. */
static char *
clean_text (const char *text,
            gsize       max_bytes)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  out = g_string_sized_new (MIN (strlen (nfc), max_bytes));

  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize n = g_utf8_next_char (p) - p;

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = TRUE;
          continue;
        }
      if (out->len + n + (space ? 1 : 0) > max_bytes)
        break;
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_len (out, p, n);
    }

  return g_string_free (out, FALSE);
}

/**
 * hs_search_document_new:
 * @lesson_id: (nullable): %NULL for the course's own document
 *
 * The texts are cleaned (NFC, one space between words) and cut to the
 * index's bounds.
 */
HsSearchDocument *
hs_search_document_new (const char *lesson_id,
                        const char *title,
                        const char *body,
                        const char *extra)
{
  HsSearchDocument *document;

  g_return_val_if_fail (title != NULL, NULL);

  document = g_new0 (HsSearchDocument, 1);
  document->lesson_id = g_strdup (lesson_id);
  document->title = clean_text (title, MAX_TITLE_BYTES);
  document->body = clean_text (body, HS_SEARCH_MAX_TEXT_BYTES);
  document->extra = clean_text (extra, HS_SEARCH_MAX_TEXT_BYTES);
  return document;
}

void
hs_search_document_free (HsSearchDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->lesson_id);
  g_free (document->title);
  g_free (document->body);
  g_free (document->extra);
  g_free (document);
}

/* HTML */

/* Elements whose text is never read on the page. */
static const char * const hidden_elements[] = {
  "head", "script", "style", "template", "noscript", "iframe", "object", "embed",
  "audio", "video", "canvas", "select", "textarea", NULL,
};

/* Elements that sit inside a line of text: their edges do not separate
 * words ("<b>Đ</b>ịnh" is one word).  Every other element does. */
static const char * const inline_elements[] = {
  "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
  "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
  "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", NULL,
};

static gboolean
name_in (const xmlNode      *node,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp ((const char *) node->name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
separates_words (const xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE && !name_in (node, inline_elements);
}

/* Appends a piece of text.  At the first words after a block ended, a
 * block that ended without punctuation (a heading, a list item, a table
 * cell) gets a " · ", so snippets do not run one into the next. */
static void
append_text (GString    *out,
             const char *text,
             gboolean   *block_ended)
{
  const char *p;

  for (p = text; *p != '\0' && g_ascii_isspace (*p); p++)
    ;
  if (*p == '\0')
    {
      g_string_append_c (out, ' ');
      return;
    }

  if (*block_ended && out->len > 0)
    {
      const char *end = out->str + out->len;

      while (end > out->str && g_ascii_isspace (end[-1]))
        end--;
      if (end > out->str && g_unichar_isalnum (g_utf8_get_char (g_utf8_find_prev_char (out->str, end))))
        g_string_append (out, " · ");
      else
        g_string_append_c (out, ' ');
    }
  *block_ended = FALSE;
  g_string_append (out, text);
}

static xmlNode *
find_element (xmlNode    *node,
              const char *name)
{
  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0)
      return node;
  return NULL;
}

/**
 * hs_search_text_from_html:
 * @html: a page, in UTF-8 (as the hocso:// scheme serves it); at most
 *   %HS_SEARCH_MAX_PAGE_BYTES of it are read
 *
 * The text a reader sees in the page's body: no scripts, styles or hidden
 * elements; entities decoded; block elements separating words; images'
 * alternative text included.  Broken HTML is read as a browser would
 * recover it; nothing is fetched.
 *
 * Returns: the text, cleaned and at most %HS_SEARCH_MAX_TEXT_BYTES long
 */
char *
hs_search_text_from_html (const char *html,
                          gsize       length)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  xmlDoc *doc;
  xmlNode *container, *node;
  gboolean block_ended;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  valid = g_utf8_make_valid (html != NULL ? html : "", MIN (length, HS_SEARCH_MAX_PAGE_BYTES));
  doc = htmlReadMemory (valid, (int) strlen (valid), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                        HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
  if (doc == NULL)
    return g_strdup ("");

  /* The body, else the whole document (its head is skipped below). */
  container = find_element (xmlDocGetRootElement (doc), "html");
  container = container != NULL ? find_element (container->children, "body") : NULL;
  if (container == NULL)
    container = (xmlNode *) doc;

  out = g_string_new (NULL);
  node = container->children;
  block_ended = FALSE;

  /* Depth first without recursion: hostile pages nest deeply. */
  while (node != NULL && out->len < HS_SEARCH_MAX_TEXT_BYTES)
    {
      gboolean descend = FALSE;

      if (node->type == XML_ELEMENT_NODE)
        {
          if (!name_in (node, hidden_elements) && xmlHasProp (node, (const xmlChar *) "hidden") == NULL)
            {
              descend = TRUE;
              if (separates_words (node))
                block_ended = TRUE;
              if (g_ascii_strcasecmp ((const char *) node->name, "img") == 0)
                {
                  xmlChar *alt = xmlGetProp (node, (const xmlChar *) "alt");

                  if (alt != NULL)
                    append_text (out, (const char *) alt, &block_ended);
                  xmlFree (alt);
                }
            }
        }
      else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
               node->content != NULL)
        append_text (out, (const char *) node->content, &block_ended);

      if (descend && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      /* Leave the node, and each ancestor that has no next sibling. */
      while (node != NULL)
        {
          if (separates_words (node))
            block_ended = TRUE;
          if (node->next != NULL)
            {
              node = node->next;
              break;
            }
          node = node->parent;
          if (node == container)
            node = NULL;
        }
    }

  xmlFreeDoc (doc);
  return clean_text (out->str, HS_SEARCH_MAX_TEXT_BYTES);
}

/* Reads at most @max bytes of @path: a page larger than that is indexed by
 * its beginning. */
static char *
read_head (const char  *path,
           gsize        max,
           gsize       *length,
           GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize total = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
      return NULL;
    }

  buffer = g_malloc (max + 1);
  while (total < max)
    {
      gssize n = read (fd, buffer + total, max - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      total += n;
    }
  close (fd);

  buffer[total] = '\0';
  *length = total;
  return g_steal_pointer (&buffer);
}

static gboolean
page_text (const char  *root,
           HsLesson    *lesson,
           char       **body,
           GError     **error)
{
  g_autofree char *path = g_build_filename (root, hs_lesson_get_src (lesson), NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *html = NULL;
  gsize length;

  html = read_head (path, HS_SEARCH_MAX_PAGE_BYTES, &length, &local_error);
  if (html == NULL)
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Could not read the lesson “%s” to index it for search: %s"),
                   hs_lesson_get_src (lesson), local_error->message);
      return FALSE;
    }

  *body = hs_search_text_from_html (html, length);
  return TRUE;
}

/* A quiz's questions and what the learner chooses from go into the shown
 * text; explanations, which are read after answering and may give an
 * answer away, are searched but never shown. */
static gboolean
quiz_text (const char  *root,
           HsLesson    *lesson,
           char       **body,
           char       **extra,
           GError     **error)
{
  g_autoptr(HsQuiz) quiz = hs_quiz_load (root, hs_lesson_get_src (lesson), error);
  g_autoptr(GString) shown = NULL;
  g_autoptr(GString) hidden = NULL;

  if (quiz == NULL)
    return FALSE;

  shown = g_string_new (NULL);
  hidden = g_string_new (NULL);
  for (guint i = 0; i < hs_quiz_get_n_questions (quiz); i++)
    {
      const char *id = hs_quiz_get_question_id (quiz, i);
      g_auto(GStrv) texts = hs_quiz_get_question_texts (quiz, id);
      const char *explanation = hs_quiz_get_question_explanation (quiz, id);

      for (guint j = 0; texts[j] != NULL; j++)
        g_string_append_printf (shown, "%s%s", texts[j], j == 0 ? " — " : texts[j + 1] != NULL ? " · " : "\n");
      if (explanation != NULL)
        g_string_append_printf (hidden, "%s\n", explanation);
    }

  *body = g_string_free (g_steal_pointer (&shown), FALSE);
  *extra = g_string_free (g_steal_pointer (&hidden), FALSE);
  return TRUE;
}

/* A walkthrough's title and the instruction of each step, as the Watch
 * mode shows them: the answers (targets, typed values) are not text. */
static gboolean
walkthrough_text (const char  *root,
                  HsLesson    *lesson,
                  char       **body,
                  GError     **error)
{
  g_autoptr(HsWalkthrough) walkthrough = hs_walkthrough_load (root, hs_lesson_get_src (lesson), error);
  g_autoptr(GString) text = NULL;

  if (walkthrough == NULL)
    return FALSE;

  text = g_string_new (hs_walkthrough_get_title (walkthrough));
  for (guint i = 0; i < hs_walkthrough_get_n_steps (walkthrough); i++)
    {
      const char *id = hs_walkthrough_get_step_id (walkthrough, i);
      g_autoptr(JsonNode) step = hs_walkthrough_step_to_public_json (walkthrough, id, HS_WALKTHROUGH_MODE_WATCH);
      JsonObject *object = step != NULL && JSON_NODE_HOLDS_OBJECT (step) ? json_node_get_object (step) : NULL;
      const char *instruction = object != NULL ?
        json_object_get_string_member_with_default (object, "instruction", NULL) : NULL;

      if (instruction != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", instruction);
    }

  *body = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

/**
 * hs_search_collect:
 * @root: the folder the course's files are in
 *
 * Reads what the index holds of @course from its files.  Run it before
 * the transaction that calls hs_search_index_course(), so the database is
 * not locked while files are read.
 *
 * Returns: (transfer full) (element-type HsSearchDocument): the course's
 *   document, then one per lesson
 */
GPtrArray *
hs_search_collect (HsCourse    *course,
                   const char  *root,
                   GError     **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_search_document_free);
  g_autoptr(GString) about = g_string_new (hs_course_get_summary (course));
  GPtrArray *lessons;

  g_return_val_if_fail (HS_IS_COURSE (course), NULL);
  g_return_val_if_fail (root != NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (course)); i++)
    {
      g_autoptr(HsModule) module = g_list_model_get_item (G_LIST_MODEL (course), i);

      g_string_append_printf (about, "%s%s", about->len > 0 ? " · " : "", hs_module_get_title (module));
    }
  g_ptr_array_add (documents, hs_search_document_new (NULL, hs_course_get_title (course), about->str, NULL));

  lessons = hs_course_get_lessons (course);
  for (guint i = 0; i < lessons->len; i++)
    {
      HsLesson *lesson = g_ptr_array_index (lessons, i);
      g_autofree char *body = NULL;
      g_autofree char *extra = NULL;

      switch (hs_lesson_get_kind (lesson))
        {
        case HS_LESSON_KIND_PAGE:
          if (!page_text (root, lesson, &body, error))
            return NULL;
          break;

        case HS_LESSON_KIND_QUIZ:
          if (!quiz_text (root, lesson, &body, &extra, error))
            return NULL;
          break;

        case HS_LESSON_KIND_WALKTHROUGH:
          if (!walkthrough_text (root, lesson, &body, error))
            return NULL;
          break;

        case HS_LESSON_KIND_VIDEO:
        case HS_LESSON_KIND_SCO:
        case HS_LESSON_KIND_DOCUMENT:
        case HS_LESSON_KIND_TEXT:
        default:
          break;
        }

      g_ptr_array_add (documents, hs_search_document_new (hs_lesson_get_id (lesson),
                                                         hs_lesson_get_title (lesson),
                                                         body, extra));
    }

  return g_steal_pointer (&documents);
}

/**
 * hs_search_index_course:
 * @documents: (element-type HsSearchDocument): from hs_search_collect()
 *
 * Replaces whatever the index holds of the course (any version) by
 * @documents, for the version of @course, whose row must exist.  Call it
 * inside the transaction that writes the course's rows.
 */
gboolean
hs_search_index_course (HsStore    *store,
                        HsCourse   *course,
                        GPtrArray  *documents,
                        GError    **error)
{
  const char *id, *version;

  g_return_val_if_fail (HS_IS_STORE (store), FALSE);
  g_return_val_if_fail (HS_IS_COURSE (course), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  id = hs_course_get_id (course);
  version = hs_course_get_version (course);

  if (!hs_store_run (store, error, "DELETE FROM search_docs WHERE course_id = ?", "s", id))
    return FALSE;

  for (guint i = 0; i < documents->len; i++)
    {
      HsSearchDocument *document = g_ptr_array_index (documents, i);

      if (!hs_store_run (store, error,
                         "INSERT INTO search_docs (course_id, version, lesson_id, title, body, extra)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         "ssssss", id, version, document->lesson_id, document->title,
                         document->body != NULL ? document->body : "",
                         document->extra != NULL ? document->extra : ""))
        return FALSE;
    }

  return TRUE;
}

/* Queries */

typedef struct {
  GPtrArray *words;          /* folded, as the index holds them */
  gboolean   last_is_prefix;
  char      *match;          /* the FTS5 expression */
} Query;

static void
query_free (Query *query)
{
  g_ptr_array_unref (query->words);
  g_free (query->match);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Query, query_free)

typedef struct {
  GPtrArray *words;
  gsize      last_end;
} WordsData;

static gboolean
query_word_cb (const char *folded,
               gsize       folded_length,
               gsize       start,
               gsize       end,
               gpointer    user_data)
{
  WordsData *data = user_data;

  g_ptr_array_add (data->words, g_strndup (folded, folded_length));
  data->last_end = end;
  return data->words->len < HS_SEARCH_MAX_QUERY_WORDS;
}

/* Cuts what a person typed into folded words and makes the FTS5 query.
 * Each word is quoted; a folded word is letters and digits only, so it
 * needs no escaping, and quoted, "and", "or", "not" or "near" are plain
 * words.  Returns NULL when there are no words. */
static Query *
query_new (const char *text)
{
  g_autoptr(Query) query = g_new0 (Query, 1);
  WordsData data = { NULL, 0 };
  GString *match;

  query->words = g_ptr_array_new_with_free_func (g_free);
  data.words = query->words;
  hs_search_tokenize (text, -1, query_word_cb, &data);
  if (query->words->len == 0)
    return NULL;

  /* Still typing the last word: it matches the start of words too.  A
   * space or punctuation after it means it is complete. */
  query->last_is_prefix = data.last_end == strlen (text);

  /* One letter being typed after other words would match nearly every
   * lesson; wait for the next one.  Alone, it is matched as a word. */
  if (g_utf8_strlen (g_ptr_array_index (query->words, query->words->len - 1), -1) == 1 &&
      query->last_is_prefix)
    {
      if (query->words->len > 1)
        g_ptr_array_remove_index (query->words, query->words->len - 1);
      query->last_is_prefix = FALSE;
    }

  match = g_string_new (NULL);
  for (guint i = 0; i < query->words->len; i++)
    g_string_append_printf (match, "%s\"%s\"", i > 0 ? " " : "",
                            (const char *) g_ptr_array_index (query->words, i));
  if (query->last_is_prefix)
    g_string_append_c (match, '*');
  query->match = g_string_free (match, FALSE);

  return g_steal_pointer (&query);
}

/* Which query word @folded is, or -1. */
static int
query_find_word (Query      *query,
                 const char *folded,
                 gsize       length)
{
  for (guint i = 0; i < query->words->len; i++)
    {
      const char *word = g_ptr_array_index (query->words, i);
      gsize word_length = strlen (word);

      if (word_length == length && memcmp (word, folded, length) == 0)
        return i;
      if (query->last_is_prefix && i == query->words->len - 1 &&
          word_length < length && memcmp (word, folded, word_length) == 0)
        return i;
    }
  return -1;
}

static gboolean
count_word_cb (const char *folded,
               gsize       folded_length,
               gsize       start,
               gsize       end,
               gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
  return FALSE;
}

/**
 * hs_search_has_words:
 *
 * Whether @query has anything to search for: "", "  " or "-*:" do not.
 */
gboolean
hs_search_has_words (const char *query)
{
  gboolean found = FALSE;

  g_return_val_if_fail (query != NULL, FALSE);

  hs_search_tokenize (query, -1, count_word_cb, &found);
  return found;
}

/* Snippets and highlights are made here, not by FTS5's snippet(): the
 * words are matched with the same folding, and the result is plain text
 * and ranges rather than text with markers in it. */

typedef struct {
  gsize start;
  gsize end;
  int   word;     /* the query word it matches, or -1 */
} Token;

typedef struct {
  Query  *query;
  GArray *tokens;
} TokensData;

static gboolean
collect_token_cb (const char *folded,
                  gsize       folded_length,
                  gsize       start,
                  gsize       end,
                  gpointer    user_data)
{
  TokensData *data = user_data;
  Token token = { start, end, query_find_word (data->query, folded, folded_length) };

  g_array_append_val (data->tokens, token);
  return TRUE;
}

static GArray *
tokens_new (Query      *query,
            const char *text)
{
  TokensData data = { query, g_array_new (FALSE, FALSE, sizeof (Token)) };

  hs_search_tokenize (text, -1, collect_token_cb, &data);
  return data.tokens;
}

/* Adds the range, or stretches the last one over it when only spaces are
 * between: "Định danh" reads as one match, not two. */
static void
add_range (GArray     *ranges,
           const char *text,
           gsize       start,
           gsize       end)
{
  if (ranges->len > 0)
    {
      HsSearchRange *last = &g_array_index (ranges, HsSearchRange, ranges->len - 1);
      gboolean only_spaces = TRUE;

      for (gsize i = last->end; i < start && only_spaces; i++)
        only_spaces = text[i] == ' ';
      if (only_spaces)
        {
          last->end = end;
          return;
        }
    }

  g_array_append_val (ranges, ((HsSearchRange) { start, end }));
}

static GArray *
highlight (Query      *query,
           const char *text)
{
  g_autoptr(GArray) tokens = tokens_new (query, text);
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (HsSearchRange));

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->word >= 0)
        add_range (ranges, text, token->start, token->end);
    }
  return ranges;
}

#define SNIPPET_WORDS   24
#define SNIPPET_CONTEXT 4
/* How far into a text a snippet looks for the words, and how much text
 * around the words may stand before the first or after the last. */
#define SNIPPET_SCAN    (64 * 1024)
#define SNIPPET_SLACK   8

typedef struct {
  Query  *query;
  GArray *tokens;
  guint  *seen;          /* per query word, in the window */
  guint   distinct;
  guint   hits;
  guint   best_score;
  guint   best_first;
  guint   stop_at;       /* 0, or how many tokens to read before stopping */
} SnippetScan;

/* Slides a window of SNIPPET_WORDS tokens over the text as it is read,
 * keeping the one with the most of the query's words (different words
 * first, then how many).  Once a window holds every word, it reads one
 * window more, for the snippet's end, and stops. */
static gboolean
snippet_token_cb (const char *folded,
                  gsize       folded_length,
                  gsize       start,
                  gsize       end,
                  gpointer    user_data)
{
  SnippetScan *scan = user_data;
  Token token = { start, end, query_find_word (scan->query, folded, folded_length) };
  guint i = scan->tokens->len;
  guint score;

  g_array_append_val (scan->tokens, token);
  if (scan->stop_at > 0)
    return scan->tokens->len < scan->stop_at;

  if (token.word >= 0)
    {
      scan->hits++;
      if (scan->seen[token.word]++ == 0)
        scan->distinct++;
    }
  if (i >= SNIPPET_WORDS)
    {
      int word = g_array_index (scan->tokens, Token, i - SNIPPET_WORDS).word;

      if (word >= 0)
        {
          scan->hits--;
          if (--scan->seen[word] == 0)
            scan->distinct--;
        }
    }

  score = scan->distinct * (SNIPPET_WORDS + 1) + scan->hits;
  if (score > scan->best_score)
    {
      guint first = i >= SNIPPET_WORDS ? i + 1 - SNIPPET_WORDS : 0;

      /* The window begins at its first match. */
      while (g_array_index (scan->tokens, Token, first).word < 0)
        first++;
      scan->best_score = score;
      scan->best_first = first;
    }

  if (scan->distinct == scan->query->words->len)
    scan->stop_at = scan->best_first + SNIPPET_WORDS;
  return TRUE;
}

/* SNIPPET_WORDS words of @text from a few words before the best place for
 * the query's words; the text's beginning when nothing matches.  "…"
 * marks a cut. */
static char *
snippet (Query       *query,
         const char  *text,
         GArray     **ranges_out)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autofree guint *seen = g_new0 (guint, query->words->len);
  SnippetScan scan = { query, tokens, seen, 0, 0, 0, 0, 0 };
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (HsSearchRange));
  gsize length = strlen (text);
  guint n, first, last;
  gsize from, to, shift;
  GString *out;

  hs_search_tokenize (text, MIN (length, SNIPPET_SCAN), snippet_token_cb, &scan);
  n = tokens->len;
  *ranges_out = ranges;
  if (n == 0)
    return g_strdup ("");

  /* A few words before the match, and never fewer words than fit. */
  first = scan.best_score > 0 && scan.best_first > SNIPPET_CONTEXT ? scan.best_first - SNIPPET_CONTEXT : 0;
  first = n > SNIPPET_WORDS ? MIN (first, n - SNIPPET_WORDS) : 0;
  last = MIN (n, first + SNIPPET_WORDS);   /* one past */

  from = g_array_index (tokens, Token, first).start;
  if (first == 0 && from <= SNIPPET_SLACK)
    from = 0;
  to = g_array_index (tokens, Token, last - 1).end;
  if (length - to <= SNIPPET_SLACK)
    to = length;

  out = g_string_new (from > 0 ? "…" : "");
  shift = out->len;
  g_string_append_len (out, text + from, to - from);
  if (to < length)
    g_string_append (out, "…");

  for (guint i = first; i < last; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->word >= 0)
        add_range (ranges, out->str, token->start - from + shift, token->end - from + shift);
    }

  return g_string_free (out, FALSE);
}

static void
hs_search_finalize (GObject *object)
{
  HsSearch *self = (HsSearch *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (hs_search_parent_class)->finalize (object);
}

static void
hs_search_class_init (HsSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_search_finalize;
}

static void
hs_search_init (HsSearch *self)
{
}

HsSearch *
hs_search_new (HsStore *store)
{
  HsSearch *self;

  g_return_val_if_fail (HS_IS_STORE (store), NULL);

  self = g_object_new (HS_TYPE_SEARCH, NULL);
  self->store = g_object_ref (store);
  return self;
}

/* How a search stays fast on a large library.  Ranking costs time for
 * every matching row, and a word being typed ("lu", "ma") matches nearly
 * every lesson; so each tier ranks at most its cap of matches, the most
 * recently installed ones (document ids grow with each import), found by
 * walking the index backwards, which costs little.  Below the cap the
 * ranking is exact.  Titles have their own small index, so lessons whose
 * title holds every word are found however old their course is.
 *
 * A course's documents are written in one transaction and their ids are
 * consecutive, so "this course only" is an id range FTS5 can use. */

typedef struct {
  const char *table;
  const char *rank;          /* hocso_rank (b, weights…) */
  guint       cap;
} Tier;

static const Tier tiers[] = {
  /* Every word in the title; shorter titles first. */
  { "search_titles", "hocso_rank (0.75, 1.0)", 1000 },
  /* Every word anywhere; a word in the title counts ten times one in the
   * text, one in a quiz explanation half. */
  { "search", "hocso_rank (0, 10.0, 1.0, 0.5)", 3000 },
};

static gboolean
tier_threshold (HsSearch     *self,
                const Tier   *tier,
                Query        *query,
                gint64        low,
                gint64        high,
                gint64       *threshold,
                GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s MATCH ?1"
                                          " AND rowid BETWEEN ?2 AND ?3"
                                          " ORDER BY rowid DESC LIMIT 1 OFFSET ?4",
                                          tier->table, tier->table);
  sqlite3_stmt *stmt = hs_store_query (self->store, error, sql, "sIIi",
                                       query->match, low, high, (int) tier->cap - 1);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = hs_store_step (self->store, stmt, error);
  *threshold = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : low;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Appends to @ids the best matches of the tier not in it yet, until it
 * holds @limit. */
static gboolean
tier_query (HsSearch    *self,
            const Tier  *tier,
            Query       *query,
            gint64       low,
            gint64       high,
            guint        limit,
            GArray      *ids,
            GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 threshold;
  int rc = SQLITE_DONE;

  if (!tier_threshold (self, tier, query, low, high, &threshold, error))
    return FALSE;

  sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s MATCH ?1 AND rank MATCH '%s'"
                         " AND rowid BETWEEN ?2 AND ?3 ORDER BY rank LIMIT ?4",
                         tier->table, tier->table, tier->rank);
  /* Enough rows to fill up even if the ones found already come back. */
  stmt = hs_store_query (self->store, error, sql, "sIIi", query->match, threshold, high, (int) limit);
  if (stmt == NULL)
    return FALSE;

  while (ids->len < limit && (rc = hs_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean known = FALSE;

      for (guint i = 0; i < ids->len && !known; i++)
        known = g_array_index (ids, gint64, i) == id;
      if (!known)
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  return ids->len == limit || rc == SQLITE_DONE;
}

static HsSearchHit *
make_hit (HsSearch    *self,
          Query       *query,
          gint64       id,
          GError     **error)
{
  sqlite3_stmt *stmt;
  HsSearchHit *hit = NULL;
  int rc;

  stmt = hs_store_query (self->store, error,
                         "SELECT d.course_id, c.title, d.lesson_id, l.kind, d.title, d.body"
                         " FROM search_docs d"
                         " JOIN courses c ON c.id = d.course_id AND c.version = d.version"
                         " LEFT JOIN lessons l ON l.course_id = d.course_id AND l.version = d.version"
                         "   AND l.id = d.lesson_id"
                         " WHERE d.id = ?",
                         "I", id);
  if (stmt == NULL)
    return NULL;

  rc = hs_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 4);
      g_autofree char *text = NULL;
      GArray *text_ranges = NULL;

      text = snippet (query, (const char *) sqlite3_column_text (stmt, 5), &text_ranges);
      hit = hs_search_hit_new ((const char *) sqlite3_column_text (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               title, highlight (query, title),
                               text, text_ranges);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, HS_STORE_ERROR, HS_STORE_ERROR_FAILED,
                 "The search index names document %" G_GINT64_FORMAT ", which does not exist.", id);
  sqlite3_reset (stmt);

  return hit;
}

/**
 * hs_search_query:
 * @query: what the person typed, as typed: any text is fine
 * @course_id: (nullable): search this course only
 * @limit: the most hits to return, 1 to %HS_SEARCH_MAX_LIMIT
 *
 * Finds the courses and lessons that hold every word of @query, ignoring
 * case and Vietnamese marks ("lua dao" finds "Lừa đảo", "DUONG" finds
 * "đường"); the last word also matches the start of longer words unless a
 * space follows it.  Hits whose title holds every word come first, shorter
 * titles first; then the others by BM25, a word in a title counting ten
 * times one in the text.  The best @limit are then grouped: the courses in
 * the order of their best hit, each course's hits together, in order.
 * When very many lessons match, each of those two tiers ranks only the
 * most recently installed few thousand of them.
 *
 * Returns: (transfer full) (element-type HsSearchHit): the hits, possibly
 *   none (always none when @query has no words)
 */
GPtrArray *
hs_search_query (HsSearch    *self,
                 const char  *query,
                 const char  *course_id,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GPtrArray) ranked = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) grouped = NULL;
  g_autoptr(GHashTable) done = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(Query) parsed = NULL;
  gint64 low = G_MININT64, high = G_MAXINT64;

  g_return_val_if_fail (HS_IS_SEARCH (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (limit > 0 && limit <= HS_SEARCH_MAX_LIMIT, NULL);

  parsed = query_new (query);
  if (parsed == NULL)
    return g_steal_pointer (&ranked);

  if (course_id != NULL)
    {
      sqlite3_stmt *stmt = hs_store_query (self->store, error,
                                           "SELECT min (id), max (id) FROM search_docs WHERE course_id = ?",
                                           "s", course_id);
      int rc;

      if (stmt == NULL)
        return NULL;
      rc = hs_store_step (self->store, stmt, error);
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          low = sqlite3_column_int64 (stmt, 0);
          high = sqlite3_column_int64 (stmt, 1);
        }
      else
        high = low;   /* nothing of it is indexed */
      sqlite3_reset (stmt);
      if (rc < 0)
        return NULL;
    }

  for (guint t = 0; t < G_N_ELEMENTS (tiers) && ids->len < limit; t++)
    if (!tier_query (self, &tiers[t], parsed, low, high, limit, ids, error))
      return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      HsSearchHit *hit = make_hit (self, parsed, g_array_index (ids, gint64, i), error);

      if (hit == NULL)
        return NULL;
      /* The id range holds only the course's documents; this is a guard. */
      if (course_id != NULL && !g_str_equal (hs_search_hit_get_course_id (hit), course_id))
        g_object_unref (hit);
      else
        g_ptr_array_add (ranked, hit);
    }

  /* Group by course, keeping the order within and between groups. */
  grouped = g_ptr_array_new_full (ranked->len, g_object_unref);
  done = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < ranked->len; i++)
    {
      const char *course = hs_search_hit_get_course_id (g_ptr_array_index (ranked, i));

      if (!g_hash_table_add (done, (gpointer) course))
        continue;
      for (guint j = i; j < ranked->len; j++)
        {
          HsSearchHit *hit = g_ptr_array_index (ranked, j);

          if (g_str_equal (hs_search_hit_get_course_id (hit), course))
            g_ptr_array_add (grouped, g_object_ref (hit));
        }
    }

  return g_steal_pointer (&grouped);
}
