/* hs-test-web.h — waiting on the main loop and running page JavaScript, for
 * the WebKit tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

/* Iterates the main loop (blocking, so servers in this process answer at
 * full speed) until @done returns TRUE; fails the test after @seconds,
 * naming @what. */
void  hs_test_wait_until (gboolean   (*done) (gpointer),
                          gpointer     data,
                          guint        seconds,
                          const char  *what);
/* Iterates the main loop for @ms milliseconds. */
void  hs_test_spin       (guint        ms);
/* Runs @body as an async function in @world (NULL: the page's own) of
 * @view and returns its result as a string; fails the test on an error. */
char *hs_test_run_js     (WebKitWebView *view,
                          const char    *world,
                          const char    *body) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
