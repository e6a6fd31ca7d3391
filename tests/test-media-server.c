/* test-media-server.c — hs-media-server: capability URLs, ranges, refusals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "hs-media-server.h"
#include "hs-test-fixtures.h"

static HsMediaServer *server;
static SoupSession *session;
static char *tmp;
static char *video_path;

typedef struct {
  GBytes *body;
  guint   status;
  char   *content_range;
  char   *content_type;
  gboolean done;
} Response;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Response *r = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  r->status = soup_message_get_status (msg);
  r->content_range = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Content-Range"));
  r->content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL));
  r->done = TRUE;
}

static void
request (const char *method,
         const char *url,
         const char *range,
         const char *origin,
         Response   *r)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);

  memset (r, 0, sizeof *r);
  if (range != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Range", range);
  if (origin != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Origin", origin);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
response_clear (Response *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->content_range, g_free);
  g_clear_pointer (&r->content_type, g_free);
}

static void
test_listens_on_loopback_only (void)
{
  const char *origin = hs_media_server_get_origin (server);

  g_assert_true (g_str_has_prefix (origin, "http://127.0.0.1:"));
  g_assert_cmpint (atoi (origin + strlen ("http://127.0.0.1:")), >, 0);
}

static void
test_range (void)
{
  g_autofree char *url = hs_media_server_issue (server, "lesson-1", "vn.test.a", video_path);
  Response r;
  const guint8 *data;
  gsize size;

  request ("GET", url, "bytes=1000-1009", NULL, &r);
  g_assert_cmpuint (r.status, ==, 206);
  g_assert_cmpstr (r.content_range, ==, "bytes 1000-1009/200000");
  g_assert_cmpstr (r.content_type, ==, "video/webm");
  data = g_bytes_get_data (r.body, &size);
  g_assert_cmpuint (size, ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (data[i], ==, (1000 + i) % 251);
  response_clear (&r);

  request ("GET", url, "bytes=199990-", NULL, &r);
  g_assert_cmpuint (r.status, ==, 206);
  g_assert_cmpuint (g_bytes_get_size (r.body), ==, 10);
  response_clear (&r);

  request ("GET", url, "bytes=-5", NULL, &r);
  g_assert_cmpuint (r.status, ==, 206);
  g_assert_cmpstr (r.content_range, ==, "bytes 199995-199999/200000");
  response_clear (&r);

  request ("GET", url, "bytes=300000-", NULL, &r);
  g_assert_cmpuint (r.status, ==, 416);
  g_assert_cmpstr (r.content_range, ==, "bytes */200000");
  response_clear (&r);

  request ("GET", url, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (r.body), ==, 200000);
  response_clear (&r);
}

static void
test_same_url_per_scope (void)
{
  g_autofree char *a = hs_media_server_issue (server, "lesson-2", "vn.test.a", video_path);
  g_autofree char *b = hs_media_server_issue (server, "lesson-2", "vn.test.a", video_path);
  g_autofree char *c = hs_media_server_issue (server, "lesson-3", "vn.test.a", video_path);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_true (g_str_has_suffix (a, "/clip.webm"));
}

static void
test_refuses_unknown_token (void)
{
  g_autofree char *good = hs_media_server_issue (server, "lesson-4", "vn.test.a", video_path);
  g_autofree char *bad = g_strdup (good);
  const char *base = hs_media_server_get_origin (server);
  g_autofree char *bare = g_strdup_printf ("%s/", base);
  g_autofree char *guess = g_strdup_printf ("%s/0000/clip.webm", base);
  Response r;

  /* One character of the token changed. */
  bad[strlen (base) + 3] = bad[strlen (base) + 3] == 'a' ? 'b' : 'a';
  request ("GET", bad, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 404);
  response_clear (&r);
  request ("GET", bare, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 404);
  response_clear (&r);
  request ("GET", guess, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 404);
  response_clear (&r);
  request ("POST", good, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 405);
  response_clear (&r);
}

static void
test_refuses_other_course (void)
{
  g_autofree char *url = hs_media_server_issue (server, "lesson-5", "vn.test.a", video_path);
  Response r;

  request ("GET", url, "bytes=0-9", "hocso://vn.test.other", &r);
  g_assert_cmpuint (r.status, ==, 404);
  response_clear (&r);

  request ("GET", url, "bytes=0-9", "hocso://vn.test.a", &r);
  g_assert_cmpuint (r.status, ==, 206);
  response_clear (&r);
}

static void
test_revoke (void)
{
  g_autofree char *url = hs_media_server_issue (server, "lesson-6", "vn.test.a", video_path);
  g_autofree char *kept = hs_media_server_issue (server, "lesson-7", "vn.test.a", video_path);
  Response r;

  hs_media_server_revoke (server, "lesson-6");
  request ("GET", url, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 404);
  response_clear (&r);
  request ("GET", kept, "bytes=0-0", NULL, &r);
  g_assert_cmpuint (r.status, ==, 206);
  response_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = g_malloc (200000);
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp = hs_test_make_tmp_dir ();
  video_path = g_build_filename (tmp, "clip.webm", NULL);
  for (guint i = 0; i < 200000; i++)
    data[i] = i % 251;
  g_file_set_contents (video_path, (char *) data, 200000, &error);
  g_assert_no_error (error);

  server = hs_media_server_new (&error);
  g_assert_no_error (error);
  session = soup_session_new ();

  g_test_add_func ("/hocso/media-server/listens-on-loopback-only", test_listens_on_loopback_only);
  g_test_add_func ("/hocso/media-server/range", test_range);
  g_test_add_func ("/hocso/media-server/same-url-per-scope", test_same_url_per_scope);
  g_test_add_func ("/hocso/media-server/refuses-unknown-token", test_refuses_unknown_token);
  g_test_add_func ("/hocso/media-server/refuses-other-course", test_refuses_other_course);
  g_test_add_func ("/hocso/media-server/revoke", test_revoke);

  status = g_test_run ();

  g_object_unref (session);
  g_object_unref (server);
  hs_test_rm_rf (tmp);
  g_free (tmp);
  g_free (video_path);
  return status;
}
