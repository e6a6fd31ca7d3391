/* test-isolation.c — a lesson page tries every way out of its course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real HsLessonView (under Xvfb in CI) loads pages that aim every kind
 * of request WebKit can make at loopback listeners this test starts: a TCP
 * listener that counts connections and a UDP socket that counts datagrams
 * (STUN).  The walls — the content filter, the CSP of hocso:// and the
 * navigation policy — must hold together: not one connection or datagram
 * may arrive, the page must stay where it is, and another course's files,
 * the disk and the media server without a real token give nothing.
 */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "hs-lesson-view.h"
#include "hs-library.h"
#include "hs-media-server.h"
#include "hs-scheme.h"
#include "hs-test-fixtures.h"
#include "hs-test-web.h"

typedef struct {
  char                 *tmp;
  HsLibrary            *library;
  HsMediaServer        *media;
  WebKitWebContext     *context;
  WebKitNetworkSession *session;
  GtkWindow            *window;
  HsLessonView         *view;
  HsCourse             *course;

  GSocketService       *listener;
  guint16               port;
  guint                 connections;
  GSocket              *udp;
  guint16               udp_port;
  guint                 datagrams;

  gboolean              loaded;
  GPtrArray            *external;
} World;

static World w;

static gboolean
is_loaded (gpointer data)
{
  return w.loaded;
}

static char *
js (const char *body)
{
  return hs_test_run_js (WEBKIT_WEB_VIEW (w.view), NULL, body);
}

static void
load_changed_cb (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 gpointer         user_data)
{
  if (event == WEBKIT_LOAD_FINISHED)
    w.loaded = TRUE;
}

static void
terminated_cb (WebKitWebView                     *view,
               WebKitWebProcessTerminationReason  reason,
               gpointer                           user_data)
{
  g_error ("the web process ended (reason %d)", reason);
}

static void
external_cb (HsLessonView *view,
             const char   *uri,
             gpointer      user_data)
{
  g_ptr_array_add (w.external, g_strdup (uri));
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  w.connections++;
  g_message ("the test listener was reached (connection %u)", w.connections);
  return FALSE;
}

static gboolean
datagram_cb (GSocket      *socket,
             GIOCondition  condition,
             gpointer      user_data)
{
  char buffer[2048];

  while (g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL) > 0)
    {
      w.datagrams++;
      g_message ("the test UDP socket got a datagram");
    }
  return G_SOURCE_CONTINUE;
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static HsCourse *
install (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autofree char *package = g_strconcat (dir, ".zip", NULL);
  HsCourse *course;

  hs_test_archive_add_tree (archive, dir, "");
  hs_test_archive_write (archive, package, &error);
  g_assert_no_error (error);
  course = hs_library_import (w.library, package, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return course;
}

/* Replaces every @L (the listener's origin), @M (the media server's), @U
 * (the UDP port) and @F (a made-up media token) in @text. */
static char *
expand (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);
  g_autofree char *listener = g_strdup_printf ("http://127.0.0.1:%u", w.port);
  g_autofree char *listener_port = g_strdup_printf ("%u", w.port);
  g_autofree char *udp = g_strdup_printf ("%u", w.udp_port);

  g_string_replace (out, "@L", listener, 0);
  g_string_replace (out, "@P", listener_port, 0);
  g_string_replace (out, "@M", hs_media_server_get_origin (w.media), 0);
  g_string_replace (out, "@U", udp, 0);
  g_string_replace (out, "@F", "00112233445566778899aabbccddeeff0011223344556677", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every subresource and script-made request, in one page.  Each promise
 * notes "loaded" or "blocked" in window.results; what has no promise is
 * counted at the listener. */
static const char attack_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Đường ra</title>"
  "<link rel=\"stylesheet\" href=\"@L/link.css\">"
  "<link rel=\"prefetch\" href=\"@L/prefetch\">"
  "<link rel=\"preload\" as=\"script\" href=\"@L/preload.js\">"
  "<link rel=\"preconnect\" href=\"@L/\">"
  "<link rel=\"dns-prefetch\" href=\"@L/\">"
  "<link rel=\"icon\" href=\"@L/favicon.ico\">"
  "<link rel=\"manifest\" href=\"@L/app.webmanifest\">"
  "<style>"
  "@import url(\"@L/import.css\");"
  "@font-face { font-family: ra; src: url(\"@L/font.woff2\"); }"
  "#bg { background: url(\"@L/background.png\"); font-family: ra; }"
  "#cursor { cursor: url(\"@L/cursor.png\"), auto; }"
  "#mask { -webkit-mask-image: url(\"@L/mask.png\"); }"
  "</style>"
  "<script src=\"@L/script.js\"></script>"
  "<script type=\"module\" src=\"@L/module.js\"></script>"
  "</head><body>"
  "<div id=\"bg\">nền</div><div id=\"cursor\">chuột</div><div id=\"mask\">mặt nạ</div>"
  "<img src=\"@L/img.png\">"
  "<img srcset=\"@L/srcset.png 2x\">"
  "<picture><source srcset=\"@L/source.png\"><img alt=\"\"></picture>"
  "<img src=\"http://localhost:@P/localhost.png\">"
  "<img src=\"http://[::ffff:127.0.0.1]:@P/mapped.png\">"
  "<img src=\"@M@127.0.0.1:@P/userinfo.png\">"
  "<img id=\"other-img\" src=\"hocso://vn.test.other/anh.svg\">"
  "<img id=\"file-img\" src=\"file:///usr/share/icons/hicolor/48x48/apps/debian-logo.png\">"
  "<input type=\"image\" src=\"@L/input.png\" alt=\"\">"
  "<svg width=\"10\" height=\"10\"><image href=\"@L/svg.png\" width=\"10\" height=\"10\"/></svg>"
  "<iframe src=\"@L/frame\"></iframe>"
  "<iframe src=\"file:///etc/hostname\"></iframe>"
  "<iframe id=\"other-frame\" src=\"hocso://vn.test.other/bai/bi-mat.html\"></iframe>"
  "<iframe src=\"data:text/html,<script>fetch('@L/data-frame-fetch');"
  "new Image().src='@L/data-frame-img';top.location='@L/data-frame-top';</script>\"></iframe>"
  "<iframe id=\"blank\"></iframe>"
  "<object data=\"@L/object\"></object>"
  "<embed src=\"@L/embed\">"
  "<video src=\"@L/video.webm\" poster=\"@L/poster.png\" autoplay muted>"
  "<track kind=\"captions\" src=\"@L/track.vtt\" default></video>"
  "<audio src=\"@L/audio.ogg\" autoplay></audio>"
  "<video id=\"fake-token\" src=\"@M/@F/clip.webm\" autoplay muted></video>"
  "<a id=\"ping\" href=\"#here\" ping=\"@L/ping\">ping</a>"
  "<form id=\"post\" method=\"post\" action=\"@L/form\" target=\"sink\"><input name=\"a\" value=\"b\"></form>"
  "<iframe name=\"sink\"></iframe>"
  "<script>"
  "window.results = {};"
  "function note(k, p) {"
  "  results[k] = 'pending';"
  "  Promise.resolve(p).then(r => results[k] = (r && r.status !== undefined) ? 'loaded:' + r.status : 'loaded',"
  "                          () => results[k] = 'blocked');"
  "}"
  "function attempt(k, f) { try { note(k, f()); } catch (e) { results[k] = 'blocked'; } }"
  "function fire(k, f) { try { f(); results[k] = 'fired'; } catch (e) { results[k] = 'blocked'; } }"
  "attempt('fetch', () => fetch('@L/fetch'));"
  "attempt('fetch-no-cors', () => fetch('@L/no-cors', { mode: 'no-cors' }));"
  "attempt('fetch-post', () => fetch('@L/post', { method: 'POST', body: 'x' }));"
  "attempt('fetch-localhost', () => fetch('http://localhost:@P/fetch'));"
  "attempt('fetch-file', () => fetch('file:///etc/hostname'));"
  "attempt('fetch-other-course', () => fetch('hocso://vn.test.other/bi-mat.txt'));"
  "attempt('fetch-media-fake-token', () => fetch('@M/@F/clip.webm'));"
  "attempt('fetch-media-userinfo', () => fetch('@M@127.0.0.1:@P/userinfo'));"
  "attempt('import', () => import('@L/dynamic.js'));"
  "attempt('xhr', () => new Promise((ok, no) => { const x = new XMLHttpRequest();"
  "  x.onload = ok; x.onerror = no; x.open('GET', '@L/xhr'); x.send(); }));"
  "attempt('xhr-sync', () => { const x = new XMLHttpRequest(); x.open('GET', '@L/xhr-sync', false); x.send(); return x; });"
  "attempt('websocket', () => new Promise((ok, no) => { const s = new WebSocket('ws://127.0.0.1:@P/ws');"
  "  s.onopen = ok; s.onerror = no; }));"
  "attempt('eventsource', () => new Promise((ok, no) => { const s = new EventSource('@L/events');"
  "  s.onopen = ok; s.onerror = () => { s.close(); no(); }; }));"
  "attempt('beacon', () => navigator.sendBeacon('@L/beacon', 'x') ? Promise.reject() : Promise.reject());"
  "attempt('image-object', () => new Promise((ok, no) => { const i = new Image(); i.onload = ok; i.onerror = no;"
  "  i.src = '@L/image-object.png'; }));"
  "attempt('late-script', () => new Promise((ok, no) => { const s = document.createElement('script');"
  "  s.onload = ok; s.onerror = no; s.src = '@L/late.js'; document.head.append(s); }));"
  "attempt('late-stylesheet', () => new Promise((ok, no) => { const l = document.createElement('link');"
  "  l.rel = 'stylesheet'; l.onload = ok; l.onerror = no; l.href = '@L/late.css'; document.head.append(l); }));"
  /* An @import in a constructed sheet is dropped, not loaded: only the
   * listener can tell. */
  "fire('constructed-sheet', () => new CSSStyleSheet().replace('@import url(\"@L/constructed.css\");'));"
  "attempt('worker-same-origin', () => new Promise((ok, no) => { const wk = new Worker('../worker.js');"
  "  wk.onmessage = e => (e.data === 'loaded' ? ok() : no()); wk.onerror = no; }));"
  "attempt('worker-blob', () => new Promise((ok, no) => {"
  "  const src = \"fetch('@L/blob-worker').then(() => postMessage('loaded'), () => postMessage('blocked'));\";"
  "  const wk = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));"
  "  wk.onmessage = e => (e.data === 'loaded' ? ok() : no()); wk.onerror = no; }));"
  "attempt('worker-remote', () => new Promise((ok, no) => { const wk = new Worker('@L/worker.js');"
  "  wk.onmessage = ok; wk.onerror = no; }));"
  "attempt('shared-worker', () => new Promise((ok, no) => { const wk = new SharedWorker('@L/shared.js');"
  "  wk.port.onmessage = ok; wk.onerror = no; }));"
  "attempt('service-worker', () => navigator.serviceWorker.register('../sw.js'));"
  "attempt('service-worker-remote', () => navigator.serviceWorker.register('@L/sw.js'));"
  "attempt('webrtc', () => new Promise((ok, no) => {"
  "  const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:@U' },"
  "    { urls: 'turn:127.0.0.1:@P?transport=tcp', username: 'u', credential: 'p' }] });"
  "  pc.createDataChannel('x'); pc.createOffer().then(o => pc.setLocalDescription(o));"
  "  setTimeout(no, 1500); }));"
  "attempt('window-open', () => window.open('@L/popup') ? Promise.resolve() : Promise.reject());"
  "attempt('window-open-other', () => window.open('hocso://vn.test.other/bai/bi-mat.html') ? Promise.resolve() : Promise.reject());"
  "attempt('window-open-file', () => window.open('file:///etc/hostname') ? Promise.resolve() : Promise.reject());"
  "attempt('blank-frame', () => { const d = document.getElementById('blank').contentDocument;"
  "  d.open(); d.write(\"<img src='@L/blank-frame-img'><script>fetch('@L/blank-frame-fetch')</scr\" + \"ipt>\"); d.close();"
  "  return Promise.reject(); });"
  "attempt('blob-frame', () => { const f = document.createElement('iframe');"
  "  f.src = URL.createObjectURL(new Blob([\"<img src='@L/blob-frame-img'><script>fetch('@L/blob-frame-fetch')</scr\" + \"ipt>\"],"
  "    { type: 'text/html' })); document.body.append(f); return Promise.reject(); });"
  "setTimeout(() => { document.getElementById('ping').click(); document.getElementById('post').submit(); }, 200);"
  "</script></body></html>";

/* Pages that try to take the whole view somewhere else. */
static const struct {
  const char *id;
  const char *html;
} leave_pages[] = {
  { "location", "<script>location.href = '@L/location';</script>" },
  { "location-replace", "<script>location.replace('@L/replace');</script>" },
  { "meta-refresh", "<meta http-equiv=\"refresh\" content=\"0; url=@L/refresh\">" },
  { "form-get", "<form id=\"f\" action=\"@L/form-get\"><input name=\"q\" value=\"x\"></form>"
                "<script>document.getElementById('f').submit();</script>" },
  { "form-post-top", "<form id=\"f\" method=\"post\" action=\"@L/form-post\"><input name=\"q\" value=\"x\"></form>"
                     "<script>document.getElementById('f').submit();</script>" },
  { "link-click", "<a id=\"a\" href=\"@L/click\">ra</a><script>document.getElementById('a').click();</script>" },
  { "link-blank", "<a id=\"a\" href=\"@L/blank\" target=\"_blank\">ra</a><script>document.getElementById('a').click();</script>" },
  { "file", "<script>location.href = 'file:///etc/hostname';</script>" },
  { "other-course", "<script>location.href = 'hocso://vn.test.other/bai/bi-mat.html';</script>" },
  { "media-fake-token", "<script>location.href = '@M/@F/clip.webm';</script>" },
  { "frame-top", "<iframe src=\"data:text/html,<script>top.location.href='@L/frame-top'</script>\"></iframe>" },
  { "download", "<a id=\"a\" href=\"../tai-ve.bin\" download>tải</a><script>document.getElementById('a').click();</script>" },
};

static void
build_courses (void)
{
  g_autofree char *dir = g_build_filename (w.tmp, "course", NULL);
  g_autofree char *other = g_build_filename (w.tmp, "other", NULL);
  g_autofree char *attack = expand (attack_page);
  g_autoptr(GString) json = g_string_new ("{\"format\":1,\"id\":\"vn.test.iso\",\"version\":\"1.0\",\"title\":\"Cách ly\","
                                          "\"modules\":[{\"id\":\"m\",\"title\":\"Phần\",\"lessons\":["
                                          "{\"id\":\"ra\",\"kind\":\"page\",\"title\":\"Ra\",\"src\":\"bai/ra.html\"}");
  g_autoptr(HsCourse) other_course = NULL;

  write_file (dir, "bai/ra.html", attack);
  {
    g_autofree char *worker = expand ("fetch('@L/worker-fetch').then(() => postMessage('loaded'), () => postMessage('blocked'));"
                                      "try { importScripts('@L/import-scripts.js'); } catch (e) {}"
                                      "try { new WebSocket('ws://127.0.0.1:@P/worker-ws'); } catch (e) {}");
    g_autofree char *sw = expand ("self.addEventListener('install', () => fetch('@L/sw-install'));");

    write_file (dir, "worker.js", worker);
    write_file (dir, "sw.js", sw);
  }
  write_file (dir, "tai-ve.bin", "\x7f" "ELF not really");

  for (guint i = 0; i < G_N_ELEMENTS (leave_pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("bai/%s.html", leave_pages[i].id);
      g_autofree char *body = expand (leave_pages[i].html);
      g_autofree char *html = g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                                               "<body><p id=\"here\">vẫn ở đây</p>%s</body></html>",
                                               leave_pages[i].id, body);

      write_file (dir, name, html);
      g_string_append_printf (json, ",{\"id\":\"%s\",\"kind\":\"page\",\"title\":\"%s\",\"src\":\"%s\"}",
                              leave_pages[i].id, leave_pages[i].id, name);
    }
  g_string_append (json, "]}]}");
  write_file (dir, "course.json", json->str);
  w.course = install (dir);

  write_file (other, "bai/bi-mat.html", "<!DOCTYPE html><meta charset=\"utf-8\"><p>bí mật</p>");
  write_file (other, "bi-mat.txt", "bí mật");
  write_file (other, "anh.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"/>");
  write_file (other, "course.json",
              "{\"format\":1,\"id\":\"vn.test.other\",\"version\":\"1.0\",\"title\":\"Khác\","
              "\"modules\":[{\"id\":\"m\",\"title\":\"Phần\",\"lessons\":["
              "{\"id\":\"bi-mat\",\"kind\":\"page\",\"title\":\"Bí mật\",\"src\":\"bai/bi-mat.html\"}]}]}");
  other_course = install (other);
}

static void
open_lesson (const char *lesson_id)
{
  w.loaded = FALSE;
  hs_lesson_view_load (w.view, w.course, hs_course_find_lesson (w.course, lesson_id), NULL);
  hs_test_wait_until (is_loaded, NULL, 30, "the lesson to load");
}

static void
test_subresources (void)
{
  g_autofree char *results = NULL;
  g_autofree char *frame = NULL;
  g_autofree char *img = NULL;
  g_autofree char *fake = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  JsonObject *object;
  GList *members;

  w.connections = w.datagrams = 0;
  open_lesson ("ra");
  hs_test_spin (4000);

  results = js ("return JSON.stringify(window.results);");
  g_test_message ("page results: %s", results);
  parsed = json_from_string (results, NULL);
  g_assert_nonnull (parsed);
  object = json_node_get_object (parsed);
  g_assert_cmpuint (json_object_get_size (object), >=, 30);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *outcome = json_object_get_string_member (object, l->data);

      /* "pending" is a request that never finished: no answer came. */
      if (g_str_has_prefix (outcome, "loaded"))
        g_error ("“%s” got out of the course: %s", (char *) l->data, outcome);
    }
  g_list_free (members);

  /* The other course's frame is a blank document of this page, and its
   * picture never drew. */
  frame = js ("const d = document.getElementById('other-frame').contentDocument;"
              "return d === null ? 'cross-origin' : (d.body ? d.body.textContent : '');");
  g_assert_null (strstr (frame, "bí mật"));
  g_assert_cmpstr (frame, !=, "cross-origin");
  img = js ("return document.getElementById('other-img').naturalWidth + ' ' +"
            " document.getElementById('file-img').naturalWidth;");
  g_assert_cmpstr (img, ==, "0 0");

  /* The media server answers nothing to a token it never issued. */
  fake = js ("const v = document.getElementById('fake-token');"
             "return String(v.error !== null || v.networkState === HTMLMediaElement.NETWORK_NO_SOURCE || v.readyState === 0);");
  g_assert_cmpstr (fake, ==, "true");

  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (w.view)),
                                   "hocso://vn.test.iso/bai/ra.html"));
  g_assert_cmpuint (w.connections, ==, 0);
  g_assert_cmpuint (w.datagrams, ==, 0);
}

static void
test_leaving (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (leave_pages); i++)
    {
      g_autofree char *expected = g_strdup_printf ("hocso://vn.test.iso/bai/%s.html", leave_pages[i].id);
      g_autofree char *here = NULL;

      w.connections = 0;
      open_lesson (leave_pages[i].id);
      hs_test_spin (1200);

      if (!g_str_has_prefix (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (w.view)), expected))
        g_error ("%s: the view went to %s", leave_pages[i].id, webkit_web_view_get_uri (WEBKIT_WEB_VIEW (w.view)));
      here = js ("return document.getElementById('here').textContent;");
      g_assert_cmpstr (here, ==, "vẫn ở đây");
      if (w.connections != 0)
        g_error ("%s: %u connections reached the listener", leave_pages[i].id, w.connections);
    }

  /* Web links become the notice that offers the browser; nothing else
   * does. */
  for (guint i = 0; i < w.external->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (w.external, i), "http://127.0.0.1:"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocketAddress) udp_bound = NULL;
  g_autoptr(GSource) udp_source = NULL;
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  w.tmp = hs_test_make_tmp_dir ();
  w.external = g_ptr_array_new_with_free_func (g_free);
  g_setenv ("XDG_CACHE_HOME", w.tmp, TRUE);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);

  w.listener = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (w.listener), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  w.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (w.listener, "incoming", G_CALLBACK (incoming_cb), NULL);
  g_socket_service_start (w.listener);

  w.udp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (w.udp, FALSE);
  g_socket_bind (w.udp, address, FALSE, &error);
  g_assert_no_error (error);
  udp_bound = g_socket_get_local_address (w.udp, &error);
  g_assert_no_error (error);
  w.udp_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (udp_bound));
  udp_source = g_socket_create_source (w.udp, G_IO_IN, NULL);
  g_source_set_callback (udp_source, (GSourceFunc) (void (*) (void)) datagram_cb, NULL, NULL);
  g_source_attach (udp_source, NULL);

  data_dir = g_build_filename (w.tmp, "data", NULL);
  w.library = hs_library_new (data_dir, &error);
  g_assert_no_error (error);
  w.media = hs_media_server_new (&error);
  g_assert_no_error (error);
  build_courses ();

  w.context = webkit_web_context_new ();
  hs_scheme_register (w.context, w.library, hs_media_server_get_origin (w.media));
  w.session = hs_lesson_view_new_network_session (data_dir, "learner-a");
  w.view = hs_lesson_view_new (w.context, w.session, w.media);
  g_signal_connect (w.view, "load-changed", G_CALLBACK (load_changed_cb), NULL);
  g_signal_connect (w.view, "web-process-terminated", G_CALLBACK (terminated_cb), NULL);
  g_signal_connect (w.view, "external-link", G_CALLBACK (external_cb), NULL);

  w.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (w.window, 900, 700);
  gtk_window_set_child (w.window, GTK_WIDGET (w.view));
  gtk_window_present (w.window);

  g_test_add_func ("/hocso/isolation/subresources", test_subresources);
  g_test_add_func ("/hocso/isolation/leaving", test_leaving);

  status = g_test_run ();

  gtk_window_destroy (w.window);
  g_source_destroy (udp_source);
  g_clear_object (&w.udp);
  g_clear_object (&w.course);
  g_clear_object (&w.session);
  g_clear_object (&w.context);
  g_clear_object (&w.media);
  g_clear_object (&w.library);
  g_socket_service_stop (w.listener);
  g_clear_object (&w.listener);
  g_ptr_array_unref (w.external);
  hs_test_rm_rf (w.tmp);
  return status;
}
