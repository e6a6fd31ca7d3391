/* hs-search-fts.h — FTS5 for Vietnamese: the hocso tokenizer and rank function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The name FTS5 tables use in tokenize = '…'. */
#define HS_SEARCH_TOKENIZER_NAME "hocso"
/* The rank function: hocso_rank(weight of column 0, of column 1, …). */
#define HS_SEARCH_RANK_NAME "hocso_rank"

/* The longest folded word kept, in bytes; longer words are cut at a
 * character boundary, the same way in the index and in a query. */
#define HS_SEARCH_MAX_TOKEN_BYTES 64

/* Called for each word of a text: @folded (not nul-terminated) is the word
 * without case or marks, @start and @end its byte range in the text.
 * Returns FALSE to stop. */
typedef gboolean (*HsSearchTokenFunc) (const char *folded,
                                       gsize       folded_length,
                                       gsize       start,
                                       gsize       end,
                                       gpointer    user_data);

gsize  hs_search_fold_word           (const char        *word,
                                      gsize              length,
                                      char               out[HS_SEARCH_MAX_TOKEN_BYTES]);
void   hs_search_tokenize            (const char        *text,
                                      gssize             length,
                                      HsSearchTokenFunc  func,
                                      gpointer           user_data);
int    hs_search_fts_register        (sqlite3           *db);

G_END_DECLS
