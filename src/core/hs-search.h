/* hs-search.h — full-text search over installed courses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-course.h"
#include "hs-search-hit.h"
#include "hs-store.h"

G_BEGIN_DECLS

/* Bounds on what one lesson gives the index: the first bytes of a page's
 * HTML that are read, and the text kept. */
#define HS_SEARCH_MAX_PAGE_BYTES  (4 * 1024 * 1024)
#define HS_SEARCH_MAX_TEXT_BYTES  (256 * 1024)
/* Words of a query past this many are ignored. */
#define HS_SEARCH_MAX_QUERY_WORDS 16
#define HS_SEARCH_MAX_LIMIT       1000

/* The text of one course (lesson_id NULL: its title, summary and module
 * titles) or lesson, as it goes into the index. */
typedef struct {
  char *lesson_id;
  char *title;
  char *body;     /* shown in snippets */
  char *extra;    /* searched, never shown: quiz explanations */
} HsSearchDocument;

HsSearchDocument *hs_search_document_new   (const char       *lesson_id,
                                            const char       *title,
                                            const char       *body,
                                            const char       *extra) G_GNUC_WARN_UNUSED_RESULT;
void              hs_search_document_free  (HsSearchDocument *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsSearchDocument, hs_search_document_free)

#define HS_TYPE_SEARCH (hs_search_get_type ())

G_DECLARE_FINAL_TYPE (HsSearch, hs_search, HS, SEARCH, GObject)

char       *hs_search_text_from_html  (const char  *html,
                                       gsize        length) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *hs_search_collect         (HsCourse    *course,
                                       const char  *root,
                                       GError     **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    hs_search_index_course    (HsStore     *store,
                                       HsCourse    *course,
                                       GPtrArray   *documents,
                                       GError     **error);
gboolean    hs_search_has_words       (const char  *query);

HsSearch   *hs_search_new             (HsStore     *store) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *hs_search_query           (HsSearch    *self,
                                       const char  *query,
                                       const char  *course_id,
                                       guint        limit,
                                       GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
