/* test-web.c — hs-scheme, hs-lesson-view and the lesson runtime, in WebKit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a real HsLessonView in a window (under Xvfb in CI) on courses built
 * here, and drives it with JavaScript: what a learner's page shows, what it
 * records, and every way a page might reach out of its course.
 */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "hs-lesson-view.h"
#include "hs-library.h"
#include "hs-media-server.h"
#include "hs-progress.h"
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
  gboolean              have_video;
  HsCourse             *scorm;
  HsProgress           *progress;
  HsLearner            *learner;
  guint                 commits;

  GSocketService       *listener;
  guint16               port;
  guint                 hits;

  gboolean              loaded;
  double                fraction;
  char                 *location;
  guint                 completed;
  GPtrArray            *external;
} World;

static World w;

static gboolean
is_loaded (gpointer data)
{
  return w.loaded;
}

/* Runs @body as an async function in the page's world (or @world) and
 * returns its result as a string. */
static char *
js_in (HsLessonView *view,
       const char   *world,
       const char   *body)
{
  return hs_test_run_js (WEBKIT_WEB_VIEW (view), world, body);
}

static char *
js (const char *body)
{
  return js_in (w.view, NULL, body);
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
progress_cb (HsLessonView *view,
             double        fraction,
             const char   *location,
             gpointer      user_data)
{
  w.fraction = fraction;
  g_free (w.location);
  w.location = g_strdup (location);
}

static void
completed_cb (HsLessonView *view,
              gpointer      user_data)
{
  w.completed++;
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
  w.hits++;
  g_message ("the test listener was reached");
  return FALSE;
}

static void
open_lesson (const char *lesson_id,
             const char *location)
{
  w.loaded = FALSE;
  w.completed = 0;
  w.fraction = 0;
  g_clear_pointer (&w.location, g_free);
  hs_lesson_view_load (w.view, w.course, hs_course_find_lesson (w.course, lesson_id), location);
  hs_test_wait_until (is_loaded, NULL, 30, "the lesson to load");
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static gboolean
make_video (const char *path)
{
  g_autofree char *gst = g_find_program_in_path ("gst-launch-1.0");
  g_autofree char *location = g_strdup_printf ("location=%s", path);
  const char *argv[] = { gst, "-q", "videotestsrc", "num-buffers=250", "!",
                         "video/x-raw,width=160,height=120,framerate=25/1", "!",
                         "vp8enc", "deadline=1", "!", "webmmux", "!", "filesink", location, NULL };
  int status = -1;

  if (gst == NULL)
    return FALSE;
  {
    g_autofree char *parent = g_path_get_dirname (path);
    g_mkdir_with_parents (parent, 0755);
  }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL);
  return status == 0 && g_file_test (path, G_FILE_TEST_IS_REGULAR);
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

/* A SCORM 1.2 package: a SCO with launch parameters that commits on
 * request and finishes in its unload handler, a SCO in a frameset, and an
 * asset.  Each SCO looks for its API the usual way: up window.parent to
 * the top, then window.opener. */
#define FIND_API \
  "function findApi (win) {" \
  "  for (let n = 0; win && n < 10; n++) {" \
  "    if (win.API) return win.API;" \
  "    if (win.parent === win) break;" \
  "    win = win.parent;" \
  "  }" \
  "  return null;" \
  "}" \
  "const api = findApi (window) || (window.opener && findApi (window.opener));"

static void
build_scorm_course (void)
{
  g_autofree char *dir = g_build_filename (w.tmp, "scorm", NULL);

  write_file (dir, "imsmanifest.xml",
              "<?xml version='1.0' encoding='UTF-8'?>\n"
              "<manifest identifier='vn.test.scorm-web' version='1.0'"
              " xmlns='http://www.imsproject.org/xsd/imscp_rootv1p1p2'"
              " xmlns:adlcp='http://www.adlnet.org/xsd/adlcp_rootv1p2'>"
              "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>"
              "<organizations default='O'><organization identifier='O'><title>SCORM thử</title>"
              "<item identifier='sco-1' identifierref='R1' parameters='?chuong=2&amp;ngon-ngu=vi'><title>Bài SCO</title></item>"
              "<item identifier='khung' identifierref='R2'><title>Khung</title></item>"
              "<item identifier='tai-lieu' identifierref='R3'><title>Tài liệu</title></item>"
              "</organization></organizations><resources>"
              "<resource identifier='R1' type='webcontent' adlcp:scormtype='sco' href='bai/sco.html'/>"
              "<resource identifier='R2' type='webcontent' adlcp:scormtype='sco' href='khung/index.html'/>"
              "<resource identifier='R3' type='webcontent' href='tai-lieu.html'/>"
              "</resources></manifest>", -1);
  write_file (dir, "bai/sco.html",
              "<!DOCTYPE html><meta charset=\"utf-8\"><title>SCO</title><p>Bài SCO</p><script>" FIND_API
              "window.seen = { found: !!api, search: location.search };"
              "if (api) {"
              "  api.LMSInitialize ('');"
              "  seen.entry = api.LMSGetValue ('cmi.core.entry');"
              "  seen.location = api.LMSGetValue ('cmi.core.lesson_location');"
              "  seen.suspend = api.LMSGetValue ('cmi.suspend_data');"
              "}"
              "window.addEventListener ('unload', () => {"
              "  api.LMSSetValue ('cmi.core.exit', 'suspend');"
              "  api.LMSSetValue ('cmi.core.session_time', '00:00:42');"
              "  api.LMSFinish ('');"
              "});"
              "</script>", -1);
  write_file (dir, "khung/index.html",
              "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Khung</title></head>"
              "<frameset rows=\"20%,*\"><frame src=\"muc-luc.html\" name=\"muc-luc\">"
              "<frame src=\"noi-dung.html\" name=\"noi-dung\"></frameset></html>", -1);
  write_file (dir, "khung/muc-luc.html", "<!DOCTYPE html><meta charset=\"utf-8\"><p>Mục lục</p>", -1);
  write_file (dir, "khung/noi-dung.html",
              "<!DOCTYPE html><meta charset=\"utf-8\"><p>Nội dung</p><script>" FIND_API
              "window.seen = { found: !!api };"
              "api.LMSInitialize ('');"
              "api.LMSSetValue ('cmi.core.lesson_status', 'completed');"
              "api.LMSCommit ('');"
              "</script>", -1);
  write_file (dir, "tai-lieu.html", "<!DOCTYPE html><meta charset=\"utf-8\"><p id=\"p\">Tài liệu</p>", -1);
  w.scorm = install (dir);
}

static void
build_courses (void)
{
  g_autofree char *dir = g_build_filename (w.tmp, "web", NULL);
  g_autofree char *other = g_build_filename (w.tmp, "other", NULL);
  g_autofree char *video = g_build_filename (dir, "media", "clip.webm", NULL);
  g_autofree char *attack = NULL;
  g_autofree guint8 *bin = g_malloc (1000);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(HsCourse) other_course = NULL;
  g_autoptr(GString) long_page = g_string_new (NULL);

  for (guint i = 0; i < 1000; i++)
    bin[i] = i % 251;
  write_file (dir, "big.bin", (char *) bin, 1000);
  write_file (dir, "style.css", "h1 { color: rgb(11, 110, 110); }\nbody { font-size: 20px; }\n", -1);

  g_string_append (long_page, "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                              "<title>Định danh điện tử</title><link rel=\"stylesheet\" href=\"../style.css\"></head>"
                              "<body><h1>Định danh điện tử</h1>");
  for (guint i = 0; i < 80; i++)
    g_string_append_printf (long_page, "<p>Đoạn %u: Tài khoản định danh điện tử mức 2 dùng được mọi tiện ích của VNeID.</p>", i);
  g_string_append (long_page, "<p><a id=\"out\" href=\"https://dichvucong.gov.vn/\">Cổng dịch vụ công</a></p>"
                              "<p id=\"cuoi\">Hết bài.</p></body></html>");
  write_file (dir, "bai/trang.html", long_page->str, -1);
  /* No <meta charset>: the UTF-8 must come from the response header. */
  write_file (dir, "bai/ngan.html", "<!DOCTYPE html><title>Ngắn</title><p id=\"p\">Ngắn thôi.</p>", -1);

  /* Every way out of a course, aimed at a listener that counts visitors. */
  attack = g_strdup_printf (
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Mạng</title>"
    "<link rel=\"stylesheet\" href=\"http://127.0.0.1:%1$u/css\">"
    "<style>#bg{background:url(http://127.0.0.1:%1$u/bg)}</style>"
    "<script src=\"http://127.0.0.1:%1$u/script.js\"></script></head><body>"
    "<div id=\"bg\">nền</div>"
    "<img src=\"http://127.0.0.1:%1$u/img\">"
    "<img id=\"other-img\" src=\"hocso://vn.test.other/anh.svg\">"
    "<img src=\"file:///usr/share/pixmaps/debian-logo.png\">"
    "<iframe src=\"http://127.0.0.1:%1$u/frame\"></iframe>"
    "<iframe id=\"other-frame\" src=\"hocso://vn.test.other/bai/bi-mat.html\"></iframe>"
    "<iframe src=\"file:///etc/hostname\"></iframe>"
    "<video src=\"http://127.0.0.1:%1$u/video.webm\" autoplay muted></video>"
    "<audio src=\"http://127.0.0.1:%1$u/audio.ogg\" autoplay></audio>"
    "<object data=\"http://127.0.0.1:%1$u/object\"></object>"
    "<form id=\"form\" method=\"post\" action=\"http://127.0.0.1:%1$u/form\"><input name=\"a\" value=\"b\"></form>"
    "<script>"
    "window.results = {};"
    "function note(k, p) { p.then(() => results[k] = 'loaded', () => results[k] = 'blocked'); }"
    "note('fetch', fetch('http://127.0.0.1:%1$u/fetch'));"
    "note('fetch-localhost', fetch('http://localhost:%1$u/fetch'));"
    "note('fetch-file', fetch('file:///etc/hostname'));"
    "fetch('hocso://vn.test.other/bi-mat.txt').then(r => r.text()).then(t => results.other = 'read:' + t, () => results.other = 'blocked');"
    "try { const x = new XMLHttpRequest(); x.open('GET', 'http://127.0.0.1:%1$u/xhr'); x.send(); } catch (e) {}"
    "try { new WebSocket('ws://127.0.0.1:%1$u/ws'); } catch (e) {}"
    "try { new EventSource('http://127.0.0.1:%1$u/es'); } catch (e) {}"
    "try { navigator.sendBeacon('http://127.0.0.1:%1$u/beacon', 'x'); } catch (e) {}"
    "try { navigator.serviceWorker && navigator.serviceWorker.register('http://127.0.0.1:%1$u/sw.js').catch(() => {}); } catch (e) {}"
    "try { window.open('http://127.0.0.1:%1$u/popup'); } catch (e) {}"
    "try { const s = document.createElement('script'); s.src = 'http://127.0.0.1:%1$u/late.js'; document.head.append(s); } catch (e) {}"
    "setTimeout(() => document.getElementById('form').submit(), 300);"
    "setTimeout(() => { location.href = 'http://127.0.0.1:%1$u/navigate'; }, 600);"
    "</script></body></html>",
    w.port);
  write_file (dir, "bai/mang.html", attack, -1);

  g_string_append (json,
                   "{\"format\":1,\"id\":\"vn.test.web\",\"version\":\"1.0\",\"title\":\"Thử web\","
                   "\"modules\":[{\"id\":\"m\",\"title\":\"Phần\",\"lessons\":["
                   "{\"id\":\"trang\",\"kind\":\"page\",\"title\":\"Trang\",\"src\":\"bai/trang.html\"},"
                   "{\"id\":\"ngan\",\"kind\":\"page\",\"title\":\"Ngắn\",\"src\":\"bai/ngan.html\"},"
                   "{\"id\":\"mang\",\"kind\":\"page\",\"title\":\"Mạng\",\"src\":\"bai/mang.html\"}");
  w.have_video = make_video (video);
  if (w.have_video)
    {
      write_file (dir, "media/clip.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào các bạn\n", -1);
      g_string_append (json, ",{\"id\":\"video\",\"kind\":\"video\",\"title\":\"Video\","
                             "\"src\":\"media/clip.webm\",\"captions\":\"media/clip.vtt\"}");
    }
  g_string_append (json, "]}]}");
  write_file (dir, "course.json", json->str, -1);
  w.course = install (dir);

  write_file (other, "bai/bi-mat.html", "<!DOCTYPE html><meta charset=\"utf-8\"><p>bí mật</p>", -1);
  write_file (other, "bi-mat.txt", "bí mật", -1);
  write_file (other, "anh.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"/>", -1);
  write_file (other, "course.json",
              "{\"format\":1,\"id\":\"vn.test.other\",\"version\":\"1.0\",\"title\":\"Khác\","
              "\"modules\":[{\"id\":\"m\",\"title\":\"Phần\",\"lessons\":["
              "{\"id\":\"bi-mat\",\"kind\":\"page\",\"title\":\"Bí mật\",\"src\":\"bai/bi-mat.html\"}]}]}", -1);
  other_course = install (other);

  build_scorm_course ();
}

static void
test_page_text_and_style (void)
{
  g_autofree char *title = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *color = NULL;
  g_autofree char *ctype = NULL;

  open_lesson ("trang", NULL);
  title = js ("return document.querySelector('h1').textContent;");
  g_assert_cmpstr (title, ==, "Định danh điện tử");
  charset = js ("return document.characterSet;");
  g_assert_cmpstr (charset, ==, "UTF-8");
  color = js ("return getComputedStyle(document.querySelector('h1')).color;");
  g_assert_cmpstr (color, ==, "rgb(11, 110, 110)");
  ctype = js ("return document.contentType;");
  g_assert_cmpstr (ctype, ==, "text/html");
}

static void
test_scheme_range_and_errors (void)
{
  g_autofree char *range = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *traversal = NULL;
  g_autofree char *csp = NULL;

  open_lesson ("ngan", NULL);
  {
    g_autofree char *text = js ("return document.characterSet + ' ' + document.getElementById('p').textContent;");
    g_assert_cmpstr (text, ==, "UTF-8 Ngắn thôi.");
  }
  range = js ("const r = await fetch('/big.bin', { headers: { Range: 'bytes=10-19' } });"
              "const b = new Uint8Array(await r.arrayBuffer());"
              "return r.status + ' ' + r.headers.get('Content-Range') + ' ' + Array.from(b).join(',');");
  g_assert_cmpstr (range, ==, "206 bytes 10-19/1000 10,11,12,13,14,15,16,17,18,19");

  missing = js ("const r = await fetch('/khong-co.html'); const t = await r.text();"
                "return r.status + ' ' + (t.includes('khong-co.html') ? 'named' : 'unnamed');");
  g_assert_cmpstr (missing, ==, "404 named");

  traversal = js ("const r = await fetch('/bai/%2e%2e/%2e%2e/%2e%2e/etc/passwd'); return String(r.status);");
  g_assert_true (g_str_equal (traversal, "403") || g_str_equal (traversal, "404"));

  csp = js ("const r = await fetch('/style.css'); return r.headers.get('Content-Security-Policy');");
  g_assert_nonnull (strstr (csp, "default-src 'self'"));
  g_assert_nonnull (strstr (csp, hs_media_server_get_origin (w.media)));
}

static void
test_isolation (void)
{
  g_autofree char *results = NULL;
  g_autofree char *frame = NULL;
  g_autofree char *img = NULL;

  w.hits = 0;
  open_lesson ("mang", NULL);
  hs_test_spin (3000);

  results = js ("return JSON.stringify(window.results);");
  g_test_message ("page results: %s", results);
  g_assert_null (strstr (results, "loaded"));
  g_assert_null (strstr (results, "read:"));

  /* The other course's frame never loaded: it is still a blank document of
   * this page, not the other course's secret. */
  frame = js ("const f = document.getElementById('other-frame');"
              "const d = f.contentDocument;"
              "return d === null ? 'cross-origin' : (d.body ? d.body.textContent : '');");
  g_assert_null (strstr (frame, "bí mật"));
  g_assert_cmpstr (frame, !=, "cross-origin");
  img = js ("return String(document.getElementById('other-img').naturalWidth);");
  g_assert_cmpstr (img, ==, "0");

  /* Still on the lesson: the form post and the navigation were refused. */
  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (w.view)),
                                   "hocso://vn.test.web/bai/mang.html"));
  g_assert_cmpuint (w.hits, ==, 0);
}

static void
test_external_link_notice (void)
{
  g_autofree char *clicked = NULL;

  g_ptr_array_set_size (w.external, 0);
  open_lesson ("trang", NULL);
  clicked = js ("document.getElementById('out').click(); return location.href;");
  hs_test_spin (500);
  g_assert_true (g_str_has_prefix (clicked, "hocso://vn.test.web/"));
  g_assert_cmpuint (w.external->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (w.external, 0), ==, "https://dichvucong.gov.vn/");
}

static gboolean
is_completed (gpointer data)
{
  return w.completed > 0;
}

static void
test_scroll_to_end_completes (void)
{
  g_autofree char *y = NULL;

  open_lesson ("trang", NULL);
  js ("window.scrollTo(0, document.scrollingElement.scrollHeight); return 0;");
  hs_test_wait_until (is_completed, NULL, 10, "the page lesson to complete");
  g_assert_cmpfloat (w.fraction, >=, 0.98);
  g_assert_true (g_str_has_prefix (w.location, "scroll:"));

  /* Reopened at the place it was left. */
  open_lesson ("trang", "scroll:0.5");
  hs_test_spin (300);
  y = js ("const max = document.scrollingElement.scrollHeight - innerHeight;"
          "return String(Math.round(100 * scrollY / max));");
  g_assert_cmpint (atoi (y), >=, 45);
  g_assert_cmpint (atoi (y), <=, 55);
}

static void
test_runtime_is_isolated (void)
{
  g_autofree char *page = NULL;
  g_autofree char *world = NULL;

  open_lesson ("ngan", NULL);
  page = js ("return typeof HOCSO_CONFIG + ' ' + typeof (window.webkit && window.webkit.messageHandlers"
             " && window.webkit.messageHandlers.hocso);");
  g_assert_cmpstr (page, ==, "undefined undefined");
  world = js_in (w.view, HS_LESSON_VIEW_WORLD, "return typeof HOCSO_CONFIG + ' ' + HOCSO_CONFIG.lesson;");
  g_assert_cmpstr (world, ==, "object ngan");
}

static gboolean
found_marked (gpointer data)
{
  g_autofree char *n = js_in (w.view, HS_LESSON_VIEW_WORLD, "return String(window.hocsoFound || 0);");

  return atoi (n) > 0;
}

static void
test_find_in_page (void)
{
  g_autofree char *marked = NULL;
  g_autofree char *second = NULL;

  /* Coming from a search for "dinh danh" without accents: every "định
   * danh" of the page is marked (the heading's and one per paragraph), and
   * "Đoạn 1" is not mistaken for "danh". */
  hs_lesson_view_set_find (w.view, "DINH danh");
  open_lesson ("trang", NULL);
  hs_test_wait_until (found_marked, NULL, 10, "the words searched for to be marked");
  marked = js_in (w.view, HS_LESSON_VIEW_WORLD,
                  "const h = CSS.highlights.get('hocso-found');"
                  "const texts = [...h].map((r) => r.toString());"
                  "return [h.size, texts[0], texts[1], new Set(texts).size].join('|');");
  g_assert_cmpstr (marked, ==, "162|Định|danh|3");

  /* The next lesson opened is not searched again. */
  open_lesson ("trang", NULL);
  hs_test_spin (500);
  second = js_in (w.view, HS_LESSON_VIEW_WORLD, "return String(window.hocsoFound || 0);");
  g_assert_cmpstr (second, ==, "0");
}

static char *reading_state;

static void
reading_cb (HsLessonView *view,
            const char   *state,
            gpointer      user_data)
{
  g_free (reading_state);
  reading_state = g_strdup (state);
}

static gboolean
speech_playing (gpointer data)
{
  return g_strcmp0 (reading_state, "failed") == 0 || g_strcmp0 (reading_state, "playing") == 0;
}

static void
test_read_aloud (void)
{
  g_autofree char *state = NULL;
  g_autofree char *page = NULL;
  gulong handler;

  handler = g_signal_connect (w.view, "reading", G_CALLBACK (reading_cb), NULL);
  open_lesson ("trang", NULL);

  /* The page's own scripts cannot start it or see it. */
  page = js ("return typeof window.hocsoReadAloud;");
  g_assert_cmpstr (page, ==, "undefined");

  hs_lesson_view_read_aloud (w.view, "start", 1.25, "vi-vn-x-south");
  hs_test_wait_until (speech_playing, NULL, 60, "the speech to be made and to play");
  if (g_strcmp0 (reading_state, "playing") != 0)
    {
      g_autofree char *problem = js_in (w.view, HS_LESSON_VIEW_WORLD,
                                        "return String(window.hocsoReadAloud.state().problem);");
      g_error ("reading aloud failed: %s", problem);
    }

  /* Every sentence of the text (the heading, 80 paragraphs, the link line,
   * the last line), the first one marked, read in Vietnamese into audio a
   * few minutes long, at the speed asked. */
  state = js_in (w.view, HS_LESSON_VIEW_WORLD,
                 "const s = window.hocsoReadAloud.state();"
                 "return [s.sentences, s.current, s.marked, s.duration > 60, s.duration < 900,"
                 "        CSS.highlights.get('hocso-reading').size].join('|');");
  g_assert_cmpstr (state, ==, "83|0|Định danh điện tử|true|true|1");

  hs_lesson_view_read_aloud (w.view, "stop", 1, NULL);
  hs_test_spin (300);
  g_clear_pointer (&state, g_free);
  state = js_in (w.view, HS_LESSON_VIEW_WORLD,
                 "const s = window.hocsoReadAloud.state(); return [s.current, s.playing].join('|');");
  g_assert_cmpstr (state, ==, "-1|false");
  g_assert_cmpstr (reading_state, ==, "stopped");

  g_signal_handler_disconnect (w.view, handler);
  g_clear_pointer (&reading_state, g_free);
}

static gboolean
video_ready (gpointer data)
{
  g_autofree char *state = js ("const v = document.querySelector('video'); return String(v ? v.readyState : -1);");
  return atoi (state) >= 1;
}

static void
test_video_plays_and_seeks (void)
{
  g_autofree char *src = NULL;
  g_autofree char *seek = NULL;
  g_autofree char *track = NULL;

  if (!w.have_video)
    {
      g_test_skip ("gst-launch-1.0 with vp8enc is needed to make the test video");
      return;
    }

  open_lesson ("video", NULL);
  hs_test_wait_until (video_ready, NULL, 30, "the video's metadata");
  src = js ("return document.querySelector('video').currentSrc;");
  g_assert_true (g_str_has_prefix (src, hs_media_server_get_origin (w.media)));

  /* Plays with enough data to go on (readyState 4), then a seek lands on
   * its frame and playback carries on from there.  After a seek WebKit 2.50
   * with GStreamer reports readyState 4 or 2 depending on how much of the
   * file had arrived, though playback goes on either way; what a learner
   * sees is asserted instead: the frame at 6 s (readyState ≥ 2) and time
   * moving past it. */
  seek = js ("const v = document.querySelector('video'); v.muted = true;"
             "const wait = (ms) => new Promise(r => setTimeout(r, ms));"
             "const within = (p, ms, what) => Promise.race([p, wait(ms).then(() => { throw new Error(what + ' timed out'); })]);"
             "const all = () => v.buffered.length && v.buffered.end(v.buffered.length - 1) >= v.duration - 0.1;"
             "try {"
             "  await within(v.play(), 10000, 'play');"
             "  for (let i = 0; i < 60 && !(v.currentTime > 0.3 && v.readyState == 4 && all()); i++) await wait(50);"
             "  const played = v.currentTime > 0.3 && v.readyState == 4;"
             "  v.pause();"
             "  await within(new Promise(r => { v.addEventListener('seeked', r, { once: true }); v.currentTime = 6.0; }), 10000, 'seek');"
             "  for (let i = 0; i < 100 && v.readyState < 4; i++) await wait(50);"
             "  const state = v.readyState >= 2 && Math.abs(v.currentTime - 6.0) < 0.05 ? 'landed' : 'lost';"
             "  v.play().catch(() => {});"
             "  for (let i = 0; i < 100 && !(v.currentTime > 6.2); i++) await wait(50);"
             "  const moved = v.currentTime > 6.2;"
             "  v.pause();"
             "  return played + ' ' + state + ' ' + moved;"
             "} catch (e) {"
             "  return e.message + ' (readyState ' + v.readyState + ', networkState ' + v.networkState + ', t ' + v.currentTime + ', error ' + (v.error && v.error.code) + ')';"
             "}");
  g_assert_cmpstr (seek, ==, "true landed true");

  /* The position is reported for resume. */
  hs_test_spin (500);
  g_assert_nonnull (w.location);
  g_assert_true (g_str_has_prefix (w.location, "t:6."));
  g_assert_cmpfloat (w.fraction, >, 0.05);

  track = js ("const t = document.querySelector('track'); return t.src.startsWith(location.origin) ? 'course' : 'media';");
  g_assert_cmpstr (track, ==, "media");
}

static void
test_video_resumes (void)
{
  g_autofree char *t = NULL;

  if (!w.have_video)
    {
      g_test_skip ("gst-launch-1.0 with vp8enc is needed to make the test video");
      return;
    }

  open_lesson ("video", "t:1.50");
  hs_test_wait_until (video_ready, NULL, 30, "the video's metadata");
  hs_test_spin (300);
  t = js ("return document.querySelector('video').currentTime.toFixed(1);");
  g_assert_cmpstr (t, ==, "1.5");
}

static gboolean
view_loaded (gpointer data)
{
  WebKitWebView *view = data;

  return !webkit_web_view_is_loading (view) && webkit_web_view_get_uri (view) != NULL;
}

static void
test_storage_per_learner (void)
{
  g_autofree char *dir = g_build_filename (w.tmp, "data", NULL);
  g_autoptr(WebKitNetworkSession) other = hs_lesson_view_new_network_session (dir, "learner-b");
  HsLessonView *second = hs_lesson_view_new (w.context, other, w.media);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;

  open_lesson ("ngan", NULL);
  mine = js ("localStorage.setItem('ghi-chu', 'của Lan'); return localStorage.getItem('ghi-chu');");
  g_assert_cmpstr (mine, ==, "của Lan");

  gtk_window_set_child (window, GTK_WIDGET (second));
  gtk_window_present (window);
  g_signal_connect (second, "web-process-terminated", G_CALLBACK (terminated_cb), NULL);
  hs_lesson_view_load (second, w.course, hs_course_find_lesson (w.course, "ngan"), NULL);
  hs_test_wait_until (view_loaded, second, 30, "the second learner's lesson to load");
  theirs = js_in (second, NULL, "return String(localStorage.getItem('ghi-chu'));");
  g_assert_cmpstr (theirs, ==, "null");
  gtk_window_destroy (window);
}

static void
committed_cb (HsScormSession *session,
              gboolean        completed,
              gpointer        user_data)
{
  w.commits++;
}

/* Opens a SCO of the SCORM course with a new session, as the lesson page
 * does, and waits for its content to have looked for the API. */
static HsScormSession *
open_sco (const char *lesson_id)
{
  g_autoptr(GError) error = NULL;
  HsLesson *lesson = hs_course_find_lesson (w.scorm, lesson_id);
  HsScormSession *session = NULL;

  if (hs_lesson_get_scorm (lesson)->type == HS_SCORM_TYPE_SCO)
    {
      session = hs_scorm_session_new (w.progress, w.learner, w.scorm, lesson, &error);
      g_assert_no_error (error);
      g_signal_connect (session, "committed", G_CALLBACK (committed_cb), NULL);
      hs_lesson_view_set_scorm_session (w.view, session);
    }
  w.loaded = FALSE;
  hs_lesson_view_load (w.view, w.scorm, lesson, NULL);
  hs_test_wait_until (is_loaded, NULL, 30, "the SCO to load");
  return session;
}

static gboolean
commits_reach (gpointer data)
{
  return w.commits >= GPOINTER_TO_UINT (data);
}

static HsLessonProgress *
sco_state (const char *lesson_id)
{
  g_autoptr(GError) error = NULL;
  HsLessonProgress *p = hs_progress_get_lesson (w.progress, w.learner, hs_course_get_id (w.scorm), lesson_id, &error);

  g_assert_no_error (error);
  return p;
}

static void
test_sco_finds_its_api (void)
{
  g_autoptr(HsScormSession) session = open_sco ("sco-1");
  g_autofree char *seen = NULL;
  g_autofree char *top = NULL;
  g_autofree char *frame = NULL;
  g_autofree char *world = NULL;

  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (w.view)),
                                   "hocso://" ) &&
                 strstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (w.view)), "/_hocso/sco?lesson=sco-1") != NULL);
  seen = js ("const f = document.getElementById('hocso-sco').contentWindow;"
             "return JSON.stringify(f.seen);");
  g_assert_cmpstr (seen, ==, "{\"found\":true,\"search\":\"?chuong=2&ngon-ngu=vi\",\"entry\":\"ab-initio\","
                             "\"location\":\"\",\"suspend\":\"\"}");

  /* The page's world gets the API and nothing else of ours: no message
   * handler, no settings, no token, no library constructors. */
  top = js ("return [typeof window.API, typeof window.API_1484_11, typeof (window.webkit && window.webkit.messageHandlers"
            " && window.webkit.messageHandlers.hocso), typeof HOCSO_SCORM, typeof HOCSO_SCORM_BRIDGE,"
            " typeof HOCSO_CONFIG, typeof Scorm12API, typeof hocsoScormClose].join(' ');");
  g_assert_cmpstr (top, ==, "object undefined undefined undefined undefined undefined undefined undefined");
  frame = js ("const f = document.getElementById('hocso-sco').contentWindow;"
              "return [typeof f.API, typeof (f.webkit && f.webkit.messageHandlers && f.webkit.messageHandlers.hocso)].join(' ');");
  g_assert_cmpstr (frame, ==, "undefined undefined");
  world = js_in (w.view, HS_LESSON_VIEW_WORLD, "return typeof HOCSO_SCORM_BRIDGE + ' ' + typeof hocsoScormClose"
                 " + ' ' + HOCSO_CONFIG.kind;");
  g_assert_cmpstr (world, ==, "object function sco");
}

static void
test_sco_commits_and_resumes (void)
{
  g_autoptr(HsScormSession) session = open_sco ("sco-1");
  g_autoptr(HsScormSession) again = NULL;
  g_autoptr(HsLessonProgress) state = NULL;
  g_autofree char *result = NULL;
  g_autofree char *seen = NULL;
  guint before = w.commits;
  gint64 seconds;

  /* Time counts on from earlier tests that played this SCO. */
  state = sco_state ("sco-1");
  seconds = state->seconds;
  g_clear_pointer (&state, hs_lesson_progress_free);

  result = js ("const api = window.API;"
               "api.LMSSetValue('cmi.core.lesson_location', 'trang-2');"
               "api.LMSSetValue('cmi.suspend_data', 'da-xem=1,2');"
               "return api.LMSCommit('');");
  g_assert_cmpstr (result, ==, "true");
  hs_test_wait_until (commits_reach, GUINT_TO_POINTER (before + 1), 10, "the commit");
  state = sco_state ("sco-1");
  g_assert_cmpstr (state->location, ==, "trang-2");

  /* Leaving for another lesson empties the SCO's frame first: its unload
   * handler finishes the session, and that is saved too. */
  open_lesson ("ngan", NULL);
  hs_test_wait_until (commits_reach, GUINT_TO_POINTER (before + 2), 10, "the commit of LMSFinish on unload");
  g_assert_true (hs_scorm_session_is_closed (session));
  g_clear_pointer (&state, hs_lesson_progress_free);
  state = sco_state ("sco-1");
  g_assert_cmpint (state->seconds, ==, seconds + 42);

  /* Back again: the SCO is told to resume, where it was. */
  again = open_sco ("sco-1");
  seen = js ("return JSON.stringify(document.getElementById('hocso-sco').contentWindow.seen);");
  g_assert_cmpstr (seen, ==, "{\"found\":true,\"search\":\"?chuong=2&ngon-ngu=vi\",\"entry\":\"resume\","
                             "\"location\":\"trang-2\",\"suspend\":\"da-xem=1,2\"}");
}

static void
test_sco_forged_commit (void)
{
  g_autoptr(HsScormSession) session = open_sco ("sco-1");
  g_autoptr(HsLessonProgress) state = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *unsigned_ = NULL;
  g_autofree char *page = NULL;
  guint before = w.commits;

  /* Even our own world cannot post for a lesson without its launch's
   * token; the page's world cannot post at all. */
  forged = js_in (w.view, HS_LESSON_VIEW_WORLD,
                  "try {"
                  "  await window.webkit.messageHandlers.hocso.postMessage({ type: 'scorm-commit', token: 'forged',"
                  "    final: true, cmi: JSON.stringify({ cmi: { core: { lesson_status: 'passed' } } }) });"
                  "  return 'accepted';"
                  "} catch (e) { return 'refused'; }");
  g_assert_cmpstr (forged, ==, "refused");
  unsigned_ = js_in (w.view, HS_LESSON_VIEW_WORLD,
                     "try {"
                     "  await window.webkit.messageHandlers.hocso.postMessage({ type: 'scorm-commit',"
                     "    cmi: JSON.stringify({ cmi: { core: { lesson_status: 'passed' } } }) });"
                     "  return 'accepted';"
                     "} catch (e) { return 'refused'; }");
  g_assert_cmpstr (unsigned_, ==, "refused");
  page = js ("try { window.webkit.messageHandlers.hocso.postMessage({ type: 'scorm-commit' }); return 'posted'; }"
             " catch (e) { return 'no handler'; }");
  g_assert_cmpstr (page, ==, "no handler");

  hs_test_spin (300);
  g_assert_cmpuint (w.commits, ==, before);
  state = sco_state ("sco-1");
  g_assert_cmpint (state->status, !=, HS_LESSON_STATUS_COMPLETED);

  /* A launch's token names nothing once the learner has left it: not the
   * next SCO, not the one it was for. */
  {
    g_autofree char *token = js_in (w.view, HS_LESSON_VIEW_WORLD, "return HOCSO_SCORM_BRIDGE.token;");
    g_autofree char *script = NULL;
    g_autofree char *stale = NULL;
    g_autoptr(HsScormSession) next = open_sco ("khung");
    guint after;

    g_assert_true (hs_scorm_session_is_closed (session));
    hs_test_wait_until (commits_reach, GUINT_TO_POINTER (before + 1), 10, "the frameset SCO's commit");
    after = w.commits;
    script = g_strdup_printf ("try {"
                              "  await window.webkit.messageHandlers.hocso.postMessage({ type: 'scorm-commit', token: '%s',"
                              "    final: true, cmi: JSON.stringify({ cmi: { core: { lesson_status: 'passed' } } }) });"
                              "  return 'accepted';"
                              "} catch (e) { return 'refused'; }", token);
    stale = js_in (w.view, HS_LESSON_VIEW_WORLD, script);
    g_assert_cmpstr (stale, ==, "refused");
    hs_test_spin (300);
    g_assert_cmpuint (w.commits, ==, after);
    g_clear_pointer (&state, hs_lesson_progress_free);
    state = sco_state ("sco-1");
    g_assert_cmpint (state->status, !=, HS_LESSON_STATUS_COMPLETED);
  }
}

static void
test_sco_in_frameset (void)
{
  g_autoptr(HsScormSession) session = NULL;
  g_autoptr(HsLessonProgress) state = NULL;
  guint before = w.commits;

  session = open_sco ("khung");
  hs_test_wait_until (commits_reach, GUINT_TO_POINTER (before + 1), 10, "the frameset SCO's commit");
  state = sco_state ("khung");
  g_assert_cmpint (state->status, ==, HS_LESSON_STATUS_COMPLETED);
}

static void
test_sco_asset (void)
{
  g_autofree char *text = NULL;
  g_autofree char *api = NULL;

  g_assert_null (open_sco ("tai-lieu"));
  text = js ("return document.getElementById('hocso-sco').contentDocument.getElementById('p').textContent;");
  g_assert_cmpstr (text, ==, "Tài liệu");
  /* An asset talks to no API, and gets none. */
  api = js ("return typeof window.API;");
  g_assert_cmpstr (api, ==, "undefined");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  w.tmp = hs_test_make_tmp_dir ();
  w.external = g_ptr_array_new_with_free_func (g_free);
  g_setenv ("XDG_CACHE_HOME", w.tmp, TRUE);

  /* The listener every isolation attempt aims at. */
  w.listener = g_socket_service_new ();
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_listener_add_address (G_SOCKET_LISTENER (w.listener), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  w.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (w.listener, "incoming", G_CALLBACK (incoming_cb), NULL);
  g_socket_service_start (w.listener);

  data_dir = g_build_filename (w.tmp, "data", NULL);
  w.library = hs_library_new (data_dir, &error);
  g_assert_no_error (error);
  w.media = hs_media_server_new (&error);
  g_assert_no_error (error);
  build_courses ();
  w.progress = hs_progress_new (w.library);
  w.learner = hs_progress_add_learner (w.progress, "Nguyễn Thị Lan", HS_ROLE_TEACHER, &error);
  g_assert_no_error (error);

  w.context = webkit_web_context_new ();
  hs_scheme_register (w.context, w.library, hs_media_server_get_origin (w.media));
  w.session = hs_lesson_view_new_network_session (data_dir, "learner-a");
  w.view = hs_lesson_view_new (w.context, w.session, w.media);
  g_signal_connect (w.view, "load-changed", G_CALLBACK (load_changed_cb), NULL);
  g_signal_connect (w.view, "web-process-terminated", G_CALLBACK (terminated_cb), NULL);
  g_signal_connect (w.view, "progress", G_CALLBACK (progress_cb), NULL);
  g_signal_connect (w.view, "completed", G_CALLBACK (completed_cb), NULL);
  g_signal_connect (w.view, "external-link", G_CALLBACK (external_cb), NULL);

  w.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (w.window, 900, 700);
  gtk_window_set_child (w.window, GTK_WIDGET (w.view));
  gtk_window_present (w.window);

  g_test_add_func ("/hocso/web/page-text-and-style", test_page_text_and_style);
  g_test_add_func ("/hocso/web/scheme-range-and-errors", test_scheme_range_and_errors);
  g_test_add_func ("/hocso/web/isolation", test_isolation);
  g_test_add_func ("/hocso/web/external-link-notice", test_external_link_notice);
  g_test_add_func ("/hocso/web/scroll-to-end-completes", test_scroll_to_end_completes);
  g_test_add_func ("/hocso/web/runtime-is-isolated", test_runtime_is_isolated);
  g_test_add_func ("/hocso/web/read-aloud", test_read_aloud);
  g_test_add_func ("/hocso/web/find-in-page", test_find_in_page);
  g_test_add_func ("/hocso/web/video-plays-and-seeks", test_video_plays_and_seeks);
  g_test_add_func ("/hocso/web/video-resumes", test_video_resumes);
  g_test_add_func ("/hocso/web/storage-per-learner", test_storage_per_learner);
  g_test_add_func ("/hocso/web/sco-finds-its-api", test_sco_finds_its_api);
  g_test_add_func ("/hocso/web/sco-commits-and-resumes", test_sco_commits_and_resumes);
  g_test_add_func ("/hocso/web/sco-forged-commit", test_sco_forged_commit);
  g_test_add_func ("/hocso/web/sco-in-frameset", test_sco_in_frameset);
  g_test_add_func ("/hocso/web/sco-asset", test_sco_asset);

  status = g_test_run ();

  gtk_window_destroy (w.window);
  g_clear_object (&w.course);
  g_clear_object (&w.scorm);
  g_clear_object (&w.learner);
  g_clear_object (&w.progress);
  g_clear_object (&w.session);
  g_clear_object (&w.context);
  g_clear_object (&w.media);
  g_clear_object (&w.library);
  g_socket_service_stop (w.listener);
  g_clear_object (&w.listener);
  hs_test_rm_rf (w.tmp);
  return status;
}
