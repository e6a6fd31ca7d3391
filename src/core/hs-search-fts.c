/* hs-search-fts.c — FTS5 for Vietnamese: the hocso tokenizer and rank function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A word is a run of letters, digits and combining marks.  Each word is
 * folded: lower case, every tone and vowel mark dropped, đ and Đ made d, so
 * "Định", "ĐỊNH", "dinh" and "định" written with separate combining marks
 * are one word "dinh".  FTS5 is told each folded word with its byte range
 * in the original text, so offsets point into the Vietnamese as written
 * (hs-search makes its snippets with hs_search_tokenize() the same way).
 * Queries go through the same code, so a query word and an indexed word
 * fold alike by construction.
 *
 * SQLite's unicode61 tokenizer with remove_diacritics=2 would fold the
 * marks but keeps đ, which has no decomposition; that is why this exists.
 */
#define G_LOG_DOMAIN "hs-search"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-search-fts.h"

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gboolean
append_char (char     *out,
             gsize    *length,
             gunichar  c)
{
  char buf[6];
  int n = g_unichar_to_utf8 (c, buf);

  if (*length + n > HS_SEARCH_MAX_TOKEN_BYTES)
    return FALSE;
  memcpy (out + *length, buf, n);
  *length += n;
  return TRUE;
}

/**
 * hs_search_fold_word:
 * @word: valid UTF-8, not necessarily nul-terminated
 * @out: at least %HS_SEARCH_MAX_TOKEN_BYTES bytes; not nul-terminated
 *
 * Folds one word the way the search index does.  Marks are dropped after
 * each character's canonical decomposition, which covers both precomposed
 * and decomposed Vietnamese.
 *
 * Returns: the length of the folded word in @out, possibly 0
 */
gsize
hs_search_fold_word (const char *word,
                     gsize       length,
                     char        out[HS_SEARCH_MAX_TOKEN_BYTES])
{
  const char *end = word + length;
  gsize n = 0;

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      guchar byte = (guchar) *p;
      gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n_parts;

      if (byte < 0x80)
        {
          if (n == HS_SEARCH_MAX_TOKEN_BYTES)
            break;
          out[n++] = g_ascii_tolower (byte);
          continue;
        }

      n_parts = g_unichar_fully_decompose (g_utf8_get_char (p), FALSE, parts, G_N_ELEMENTS (parts));
      for (gsize i = 0; i < n_parts; i++)
        {
          gunichar c = parts[i];

          if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
            continue;
          c = g_unichar_tolower (c);
          if (c == 0x0111)   /* đ, and Đ lowered */
            c = 'd';
          if (!append_char (out, &n, c))
            return n;
        }
    }

  return n;
}

/**
 * hs_search_tokenize:
 * @text: UTF-8; invalid bytes separate words
 * @length: in bytes, or -1 when @text ends with a nul
 *
 * Calls @func for each word of @text that folds to something.
 */
void
hs_search_tokenize (const char        *text,
                    gssize             length,
                    HsSearchTokenFunc  func,
                    gpointer           user_data)
{
  const char *p, *end, *word = NULL;

  g_return_if_fail (text != NULL || length == 0);
  g_return_if_fail (func != NULL);

  if (length < 0)
    length = strlen (text);
  end = text + length;
  p = text;

  while (TRUE)
    {
      gunichar c = 0;
      const char *next = p + 1;
      gboolean in_word = FALSE;

      if (p < end)
        {
          if ((guchar) *p < 0x80)
            c = (guchar) *p;
          else
            {
              c = g_utf8_get_char_validated (p, end - p);
              if (c == (gunichar) -1 || c == (gunichar) -2)
                c = 0;
              else
                next = g_utf8_next_char (p);
            }
          in_word = c != 0 && is_word_char (c);
        }

      if (in_word && word == NULL)
        word = p;
      else if (!in_word && word != NULL)
        {
          char folded[HS_SEARCH_MAX_TOKEN_BYTES];
          gsize n = hs_search_fold_word (word, p - word, folded);

          if (n > 0 && !func (folded, n, word - text, p - text, user_data))
            return;
          word = NULL;
        }

      if (p >= end)
        return;
      p = next;
    }
}

/* The FTS5 side.  The tokenizer has no state, so every table shares one
 * static instance. */

static char tokenizer_instance;

static int
tokenizer_create (void           *context,
                  const char    **args,
                  int             n_args,
                  Fts5Tokenizer **out)
{
  if (n_args > 0)
    return SQLITE_ERROR;
  *out = (Fts5Tokenizer *) &tokenizer_instance;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

typedef struct {
  void  *context;
  int  (*token) (void *, int, const char *, int, int, int);
  int    rc;
} TokenizeData;

static gboolean
fts5_token_cb (const char *folded,
               gsize       folded_length,
               gsize       start,
               gsize       end,
               gpointer    user_data)
{
  TokenizeData *data = user_data;

  data->rc = data->token (data->context, 0, folded, (int) folded_length, (int) start, (int) end);
  return data->rc == SQLITE_OK;
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *context,
                    int            flags,
                    const char    *text,
                    int            length,
                    int          (*token) (void *, int, const char *, int, int, int))
{
  TokenizeData data = { context, token, SQLITE_OK };

  if (length > 0)
    hs_search_tokenize (text, length, fts5_token_cb, &data);
  return data.rc;
}

/* The rank function, hocso_rank(b, weight of column 0, of column 1, …):
 * BM25, with document frequencies counted only up to a cap, and the length
 * normalisation b (0 to 1) chosen per query.
 *
 * FTS5's bm25() reads each row's length from the docsize table and counts
 * every row holding each query word; over a large library those two cost
 * more than the rest of a query.  Past the cap a word is common whatever
 * its exact count, so its weight stays at the cap's.  Lesson texts are of
 * similar length and are ranked with b = 0, no length at all; titles,
 * whose length says how much of a title the words are, with b > 0, where
 * the lengths of the small title index are cheap to read. */

#define RANK_K1            1.2
#define RANK_COUNT_CAP     500
#define RANK_MAX_COLUMNS   8

typedef struct {
  int    n_phrases;
  double average_length[RANK_MAX_COLUMNS];
  double idf[];
} RankData;

static int
count_rows_cb (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               void                   *user_data)
{
  sqlite3_int64 *n = user_data;

  return ++*n >= RANK_COUNT_CAP ? SQLITE_DONE : SQLITE_OK;
}

static RankData *
rank_data_new (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               int                     *rc)
{
  int n_phrases = api->xPhraseCount (fts);
  int n_columns = MIN (api->xColumnCount (fts), RANK_MAX_COLUMNS);
  RankData *data = g_malloc0 (sizeof (RankData) + MAX (n_phrases, 1) * sizeof (double));
  sqlite3_int64 n_rows = 0;

  data->n_phrases = n_phrases;
  *rc = api->xRowCount (fts, &n_rows);
  for (int c = 0; *rc == SQLITE_OK && c < n_columns; c++)
    {
      sqlite3_int64 total = 0;

      *rc = api->xColumnTotalSize (fts, c, &total);
      data->average_length[c] = n_rows > 0 ? MAX ((double) total / n_rows, 1) : 1;
    }
  for (int i = 0; *rc == SQLITE_OK && i < n_phrases; i++)
    {
      sqlite3_int64 n = 0;

      *rc = api->xQueryPhrase (fts, i, &n, count_rows_cb);
      /* As bm25(): a word in more than half the rows weighs next to
       * nothing, but still more than nothing. */
      data->idf[i] = MAX (log ((n_rows - n + 0.5) / (n + 0.5)), 1e-6);
    }

  if (*rc != SQLITE_OK)
    g_clear_pointer (&data, g_free);
  return data;
}

/* A word's places in the row, in (column, offset) order, as FTS5 gives
 * them; only the first RANK_MAX_PLACES count for pairs. */
#define RANK_MAX_PLACES 256

typedef struct {
  int column;
  int offset;
} Place;

static double
saturate (double count,
          double norm)
{
  return count * (RANK_K1 + 1) / (count + RANK_K1 * norm);
}

static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_args,
               sqlite3_value          **args)
{
  RankData *data = api->xGetAuxdata (fts, 0);
  double counts[RANK_MAX_COLUMNS];
  double pairs[RANK_MAX_COLUMNS];
  double norms[RANK_MAX_COLUMNS];
  double weights[RANK_MAX_COLUMNS];
  double b = n_args > 0 ? CLAMP (sqlite3_value_double (args[0]), 0, 1) : 0;
  Place places[2][RANK_MAX_PLACES];
  guint n_places[2] = { 0, 0 };
  double score = 0;
  int rc = SQLITE_OK;

  if (data == NULL)
    {
      data = rank_data_new (api, fts, &rc);
      if (data != NULL)
        rc = api->xSetAuxdata (fts, data, g_free);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }

  for (int c = 0; c < RANK_MAX_COLUMNS; c++)
    {
      weights[c] = c + 1 < n_args ? sqlite3_value_double (args[c + 1]) : 1.0;
      norms[c] = 1 - b;   /* the length part is added when first needed */
    }
  if (b > 0)
    for (int c = 0; rc == SQLITE_OK && c < MIN (api->xColumnCount (fts), RANK_MAX_COLUMNS); c++)
      {
        int length = 0;

        rc = api->xColumnSize (fts, c, &length);
        norms[c] += b * length / data->average_length[c];
      }

  for (int i = 0; rc == SQLITE_OK && i < data->n_phrases; i++)
    {
      Place *here = places[i % 2];
      Place *before = places[(i + 1) % 2];
      guint n_before = n_places[(i + 1) % 2];
      guint n_here = 0;
      Fts5PhraseIter iter;
      int column, offset;

      memset (counts, 0, sizeof counts);
      memset (pairs, 0, sizeof pairs);
      for (rc = api->xPhraseFirst (fts, i, &iter, &column, &offset);
           rc == SQLITE_OK && column >= 0;
           api->xPhraseNext (fts, &iter, &column, &offset))
        if (column < RANK_MAX_COLUMNS)
          {
            counts[column]++;
            if (n_here < RANK_MAX_PLACES)
              here[n_here++] = (Place) { column, offset };
          }
      n_places[i % 2] = n_here;

      /* Vietnamese words are mostly two or three syllables, each its own
       * word here: "Hà Giang" is worth more than a "hà" and a "giảng"
       * apart.  Each place where this word follows the query's previous
       * one counts as a match of the pair, weighed as the two words. */
      for (guint j = 0, k = 0; i > 0 && j < n_before && k < n_here;)
        {
          Place *p = &before[j], *q = &here[k];

          if (p->column < q->column || (p->column == q->column && p->offset + 1 < q->offset))
            j++;
          else if (p->column > q->column || p->offset + 1 > q->offset)
            k++;
          else
            {
              pairs[q->column]++;
              j++;
              k++;
            }
        }

      for (int c = 0; c < RANK_MAX_COLUMNS; c++)
        {
          if (counts[c] > 0)
            score += data->idf[i] * weights[c] * saturate (counts[c], norms[c]);
          if (pairs[c] > 0)
            score += (data->idf[i - 1] + data->idf[i]) / 2 * weights[c] * saturate (pairs[c], norms[c]);
        }
    }

  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  /* Like bm25(), better matches are more negative, so ORDER BY rank is
   * best first. */
  sqlite3_result_double (context, -score);
}

/**
 * hs_search_fts_register:
 *
 * Makes the hocso tokenizer and the hocso_rank() function known to FTS5 on
 * @db.  They must be registered on every connection before a table that
 * names them is touched, even by a migration.
 *
 * Returns: an SQLite result code
 */
int
hs_search_fts_register (sqlite3 *db)
{
  fts5_tokenizer methods = { tokenizer_create, tokenizer_delete, tokenizer_tokenize };
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  /* The documented way to reach the FTS5 API of a connection. */
  rc = sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  if (rc == SQLITE_OK)
    sqlite3_step (stmt);
  if (sqlite3_finalize (stmt) != SQLITE_OK && rc == SQLITE_OK)
    rc = SQLITE_ERROR;
  if (rc != SQLITE_OK)
    return rc;
  if (api == NULL || api->iVersion < 2)
    return SQLITE_ERROR;

  rc = api->xCreateTokenizer (api, HS_SEARCH_TOKENIZER_NAME, NULL, &methods, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, HS_SEARCH_RANK_NAME, NULL, rank_function, NULL);
  return rc;
}
