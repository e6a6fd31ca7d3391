/* hs-test-web.c — waiting on the main loop and running page JavaScript, for
 * the WebKit tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hs-test-web.h"

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
hs_test_wait_until (gboolean   (*done) (gpointer),
                    gpointer     data,
                    guint        seconds,
                    const char  *what)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () > *(gint64 *) data;
}

void
hs_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  hs_test_wait_until (time_passed, &end, ms / 1000 + 5, "time to pass");
}

typedef struct {
  JSCValue *value;
  GError   *error;
  gboolean  done;
} JsResult;

static void
js_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsResult *r = user_data;

  r->value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
js_is_done (gpointer data)
{
  return ((JsResult *) data)->done;
}

char *
hs_test_run_js (WebKitWebView *view,
                const char    *world,
                const char    *body)
{
  JsResult r = { 0 };
  char *text;

  webkit_web_view_call_async_javascript_function (view, body, -1, NULL, world, NULL, NULL, js_done_cb, &r);
  hs_test_wait_until (js_is_done, &r, 30, body);
  if (r.error != NULL)
    g_error ("JavaScript failed: %s\n%s", r.error->message, body);
  text = jsc_value_is_undefined (r.value) ? g_strdup ("undefined") : jsc_value_to_string (r.value);
  g_object_unref (r.value);
  return text;
}
