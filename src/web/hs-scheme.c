/* hs-scheme.c — the hocso:// URI scheme: files of installed courses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * hocso://<course-id>/<path> serves <path> from the current version of the
 * installed course, so each course is its own origin.  Every response
 * carries a Content-Security-Policy that allows the course's own origin,
 * data:, blob: and, for media only, the loopback media server.  A path that
 * is not clean (“..”, control characters) is refused before it reaches the
 * file system.
 */
#define G_LOG_DOMAIN "hs-scheme"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "hs-scheme.h"
#include "hs-utils.h"

typedef struct {
  HsLibrary *library;
  char      *media_origin;
  char      *csp;
} Scheme;

static void
scheme_free (gpointer data)
{
  Scheme *scheme = data;

  g_object_unref (scheme->library);
  g_free (scheme->media_origin);
  g_free (scheme->csp);
  g_free (scheme);
}

/**
 * hs_scheme_csp:
 *
 * The policy every hocso:// response carries.  Course content may run its
 * own inline scripts (authoring tools need them) but reach nothing outside
 * its origin: no network, no other course, no file://.
 */
char *
hs_scheme_csp (const char *media_origin)
{
  return g_strdup_printf ("default-src 'self'; "
                          "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                          "style-src 'self' 'unsafe-inline'; "
                          "img-src 'self' data: blob:; "
                          "font-src 'self' data:; "
                          "media-src 'self' %s data: blob:; "
                          "connect-src 'self' data: blob:; "
                          "frame-src 'self' data: blob:; "
                          "worker-src 'self' blob:; "
                          "object-src 'none'; "
                          "form-action 'self'; "
                          "base-uri 'self'",
                          media_origin);
}

char *
hs_scheme_lesson_uri (const char *course_id,
                      const char *kind,
                      const char *src,
                      const char *lesson_id)
{
  g_return_val_if_fail (course_id != NULL, NULL);

  /* Lessons the app draws itself: the video player, the quiz, the
   * walkthrough's phone, and the SCORM player, a page that holds the API
   * and the SCO in a frame. */
  if (g_strcmp0 (kind, "video") == 0 || g_strcmp0 (kind, "quiz") == 0 ||
      g_strcmp0 (kind, "walkthrough") == 0 || g_strcmp0 (kind, "sco") == 0)
    {
      g_autofree char *escaped = g_uri_escape_string (lesson_id, NULL, FALSE);
      return g_strdup_printf (HS_SCHEME "://%s" HS_SCHEME_RESERVED_PREFIX "%s?lesson=%s",
                              course_id, kind, escaped);
    }

  {
    g_autofree char *escaped = g_uri_escape_string (src, "/", FALSE);
    return g_strdup_printf (HS_SCHEME "://%s/%s", course_id, escaped);
  }
}

/**
 * hs_scheme_launch_path:
 * @parameters: (nullable): the lesson's launch parameters, a query and/or
 *   fragment as hs_lesson_get_parameters() gives them
 *
 * The address of a SCO's launch file from the course's root: "/" and @src
 * percent-encoded, then @parameters as they are (they are already
 * encoded).
 */
char *
hs_scheme_launch_path (const char *src,
                       const char *parameters)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (src != NULL, NULL);

  escaped = g_uri_escape_string (src, "/", FALSE);
  return g_strconcat ("/", escaped, parameters ? parameters : "", NULL);
}

static void
finish (WebKitURISchemeRequest *request,
        Scheme                 *scheme,
        guint                   status,
        const char             *content_type,
        GInputStream           *stream,
        gint64                  length,
        SoupMessageHeaders     *extra)
{
  g_autoptr(WebKitURISchemeResponse) response = webkit_uri_scheme_response_new (stream, length);
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  soup_message_headers_replace (headers, "Content-Security-Policy", scheme->csp);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");
  if (extra != NULL)
    {
      SoupMessageHeadersIter iter;
      const char *name, *value;

      soup_message_headers_iter_init (&iter, extra);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        soup_message_headers_replace (headers, name, value);
    }

  /* WebKit wants the bare MIME type here (a stylesheet with
   * "text/css; charset=utf-8" is refused in strict mode); the charset goes
   * in the Content-Type header, which it reads for text. */
  {
    g_autofree char *mime = g_strdup (content_type);
    char *semicolon = strchr (mime, ';');

    if (semicolon != NULL)
      *semicolon = '\0';
    soup_message_headers_replace (headers, "Content-Type", content_type);
    webkit_uri_scheme_response_set_status (response, status, NULL);
    webkit_uri_scheme_response_set_content_type (response, mime);
  }
  /* The response takes ownership of the headers. */
  webkit_uri_scheme_response_set_http_headers (response, headers);
  webkit_uri_scheme_request_finish_with_response (request, response);
}

static void
finish_text (WebKitURISchemeRequest *request,
             Scheme                 *scheme,
             guint                   status,
             const char             *content_type,
             char                   *text)
{
  gsize length = strlen (text);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, length, g_free);

  finish (request, scheme, status, content_type, stream, length, NULL);
}

static char *
error_page (const char *title,
            const char *detail)
{
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *d = g_markup_escape_text (detail, -1);

  return g_strdup_printf ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                          "<title>%s</title><style>"
                          "body{font:20px/1.6 'Noto Sans','DejaVu Sans',sans-serif;margin:4em auto;max-width:36em;"
                          "padding:0 1em;color:#1c1c1c;background:#fafafa}"
                          "h1{color:#0b6e6e;font-size:1.6em}"
                          "@media (prefers-color-scheme:dark){body{color:#eee;background:#1e1e1e}h1{color:#7fd1d1}}"
                          "</style></head><body><h1>%s</h1><p>%s</p></body></html>",
                          t, t, d);
}

static void
not_found (WebKitURISchemeRequest *request,
           Scheme                 *scheme,
           const char             *path)
{
  g_autofree char *detail = g_strdup_printf (_("The file “%s” is not in this course. The course package may be incomplete; ask whoever gave it to you for a new copy."),
                                             path);

  finish_text (request, scheme, SOUP_STATUS_NOT_FOUND, "text/html; charset=utf-8",
               error_page (_("Page not found"), detail));
}

/* The lesson of @kind named by the "lesson" parameter of @uri, or NULL. */
static HsLesson *
find_lesson (Scheme       *scheme,
             const char   *course_id,
             GUri         *uri,
             HsLessonKind  kind,
             HsCourse    **course)
{
  g_autoptr(GHashTable) params = NULL;
  const char *query = g_uri_get_query (uri);
  const char *lesson_id;
  HsLesson *lesson;

  params = query ? g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
  lesson_id = params ? g_hash_table_lookup (params, "lesson") : NULL;
  *course = lesson_id ? hs_library_get_course (scheme->library, course_id, NULL) : NULL;
  lesson = *course ? hs_course_find_lesson (*course, lesson_id) : NULL;
  if (lesson == NULL || hs_lesson_get_kind (lesson) != kind)
    return NULL;
  return lesson;
}

/* The quiz lesson's page: an empty frame that the quiz runtime (in the
 * app's own script world) fills with one question at a time, which it asks
 * the app for.  The quiz file itself is never served. */
static void
serve_quiz_page (WebKitURISchemeRequest *request,
                 Scheme                 *scheme,
                 const char             *course_id,
                 GUri                   *uri)
{
  g_autoptr(HsCourse) course = NULL;
  g_autofree char *title = NULL;
  g_autofree char *loading = NULL;
  HsLesson *lesson;

  lesson = find_lesson (scheme, course_id, uri, HS_LESSON_KIND_QUIZ, &course);
  if (lesson == NULL)
    return not_found (request, scheme, g_uri_get_path (uri));

  title = g_markup_escape_text (hs_lesson_get_title (lesson), -1);
  loading = g_markup_escape_text (_("Loading the quiz…"), -1);
  finish_text (request, scheme, SOUP_STATUS_OK, "text/html; charset=utf-8",
               g_strdup_printf ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                "<title>%s</title>"
                                "<link rel=\"stylesheet\" href=\"" HS_SCHEME_RESERVED_PREFIX "quiz.css\">"
                                "</head><body><main id=\"hocso-quiz\" aria-live=\"polite\">"
                                "<h1>%s</h1><p class=\"hocso-loading\">%s</p></main></body></html>",
                                title, title, loading));
}

/* A SCO's player: the page SCORM content looks for its API in.  The
 * lesson view puts the API on this page's window (scorm.js); the SCO's
 * launch file, with its parameters, fills the frame, and finds the API by
 * walking up window.parent as SCORM content does.  A frame keeps the API
 * alive while the SCO moves from page to page, as an LMS would. */
static void
serve_sco_page (WebKitURISchemeRequest *request,
                Scheme                 *scheme,
                const char             *course_id,
                GUri                   *uri)
{
  g_autoptr(HsCourse) course = NULL;
  g_autofree char *title = NULL;
  g_autofree char *launch = NULL;
  g_autofree char *src = NULL;
  HsLesson *lesson;

  lesson = find_lesson (scheme, course_id, uri, HS_LESSON_KIND_SCO, &course);
  if (lesson == NULL)
    return not_found (request, scheme, g_uri_get_path (uri));

  title = g_markup_escape_text (hs_lesson_get_title (lesson), -1);
  launch = hs_scheme_launch_path (hs_lesson_get_src (lesson), hs_lesson_get_parameters (lesson));
  src = g_markup_escape_text (launch, -1);
  finish_text (request, scheme, SOUP_STATUS_OK, "text/html; charset=utf-8",
               g_strdup_printf ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                                "<title>%s</title><style>"
                                "html,body{margin:0;height:100%%;overflow:hidden;background:#fff}"
                                "iframe{display:block;border:0;width:100%%;height:100%%}"
                                "</style></head><body>"
                                "<iframe id=\"hocso-sco\" name=\"hocso-sco\" title=\"%s\" src=\"%s\"></iframe>"
                                "</body></html>",
                                title, title, src));
}

/* The walkthrough lesson's page: an empty frame that the walkthrough
 * runtime fills with the phone and the step, which it asks the app for.
 * The screen images are package files like any other; the walkthrough
 * file, which holds the answers, is never served. */
static void
serve_walkthrough_page (WebKitURISchemeRequest *request,
                        Scheme                 *scheme,
                        const char             *course_id,
                        GUri                   *uri)
{
  g_autoptr(HsCourse) course = NULL;
  g_autofree char *title = NULL;
  g_autofree char *loading = NULL;
  HsLesson *lesson;

  lesson = find_lesson (scheme, course_id, uri, HS_LESSON_KIND_WALKTHROUGH, &course);
  if (lesson == NULL)
    return not_found (request, scheme, g_uri_get_path (uri));

  title = g_markup_escape_text (hs_lesson_get_title (lesson), -1);
  loading = g_markup_escape_text (_("Loading the practice…"), -1);
  finish_text (request, scheme, SOUP_STATUS_OK, "text/html; charset=utf-8",
               g_strdup_printf ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                "<title>%s</title>"
                                "<link rel=\"stylesheet\" href=\"" HS_SCHEME_RESERVED_PREFIX "walkthrough.css\">"
                                "</head><body><main id=\"hocso-walkthrough\">"
                                "<h1>%s</h1><p class=\"hocso-loading\">%s</p></main></body></html>",
                                title, title, loading));
}

/* The app's own stylesheets for the pages it draws, from the runtime
 * resource. */
static void
serve_runtime_file (WebKitURISchemeRequest *request,
                    Scheme                 *scheme,
                    const char             *name)
{
  g_autofree char *path = g_strconcat ("/io/github/hocso/HocSo/runtime/", name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GInputStream) stream = NULL;

  if (bytes == NULL)
    return not_found (request, scheme, name);
  stream = g_memory_input_stream_new_from_bytes (bytes);
  finish (request, scheme, SOUP_STATUS_OK, hs_utils_content_type (name), stream,
          g_bytes_get_size (bytes), NULL);
}

static void
serve_video_page (WebKitURISchemeRequest *request,
                  Scheme                 *scheme,
                  const char             *course_id,
                  GUri                   *uri)
{
  g_autoptr(HsCourse) course = NULL;
  g_autofree char *src = NULL;
  g_autofree char *title = NULL;
  g_autofree char *track = NULL;
  HsLesson *lesson;

  lesson = find_lesson (scheme, course_id, uri, HS_LESSON_KIND_VIDEO, &course);
  if (lesson == NULL)
    return not_found (request, scheme, g_uri_get_path (uri));

  /* Sources are relative to the course root; the lesson runtime points
   * them at the media server before they load. */
  {
    g_autofree char *escaped = g_uri_escape_string (hs_lesson_get_src (lesson), "/", FALSE);
    src = g_markup_printf_escaped ("/%s", escaped);
  }
  title = g_markup_escape_text (hs_lesson_get_title (lesson), -1);
  if (hs_lesson_get_captions (lesson) != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (hs_lesson_get_captions (lesson), "/", FALSE);
      track = g_markup_printf_escaped ("<track kind=\"captions\" srclang=\"vi\" label=\"%s\" src=\"/%s\" default>",
                                       _("Vietnamese"), escaped);
    }

  finish_text (request, scheme, SOUP_STATUS_OK, "text/html; charset=utf-8",
               g_strdup_printf ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                                "<title>%s</title><style>"
                                "html,body{margin:0;height:100%%;background:#111;color:#eee;"
                                "font:20px/1.5 'Noto Sans','DejaVu Sans',sans-serif}"
                                "main{display:flex;flex-direction:column;height:100%%}"
                                "h1{font-size:1.2em;margin:.6em 1em}"
                                "video{flex:1;min-height:0;width:100%%;background:#000}"
                                "</style></head><body><main><h1>%s</h1>"
                                "<video id=\"hocso-video\" controls preload=\"metadata\" src=\"%s\">%s</video>"
                                "</main></body></html>",
                                title, title, src, track ? track : ""));
}

static void
scheme_request_cb (WebKitURISchemeRequest *request,
                   gpointer                user_data)
{
  Scheme *scheme = user_data;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *course_dir = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *full = NULL;
  const char *course_id, *path, *range;
  SoupMessageHeaders *request_headers;
  GStatBuf st;

  uri = g_uri_parse (webkit_uri_scheme_request_get_uri (request), G_URI_FLAGS_NONE, &error);
  course_id = uri ? g_uri_get_host (uri) : NULL;
  if (course_id == NULL || !hs_utils_id_is_valid (course_id))
    {
      finish_text (request, scheme, SOUP_STATUS_BAD_REQUEST, "text/html; charset=utf-8",
                   error_page (_("Page not found"), _("This address does not name a course.")));
      return;
    }

  path = g_uri_get_path (uri);
  if (g_str_equal (path, HS_SCHEME_RESERVED_PREFIX "video"))
    return serve_video_page (request, scheme, course_id, uri);
  if (g_str_equal (path, HS_SCHEME_RESERVED_PREFIX "quiz"))
    return serve_quiz_page (request, scheme, course_id, uri);
  if (g_str_equal (path, HS_SCHEME_RESERVED_PREFIX "sco"))
    return serve_sco_page (request, scheme, course_id, uri);
  if (g_str_equal (path, HS_SCHEME_RESERVED_PREFIX "quiz.css"))
    return serve_runtime_file (request, scheme, "quiz.css");
  if (g_str_equal (path, HS_SCHEME_RESERVED_PREFIX "walkthrough"))
    return serve_walkthrough_page (request, scheme, course_id, uri);
  if (g_str_equal (path, HS_SCHEME_RESERVED_PREFIX "walkthrough.css"))
    return serve_runtime_file (request, scheme, "walkthrough.css");
  if (g_str_has_prefix (path, HS_SCHEME_RESERVED_PREFIX))
    return not_found (request, scheme, path);

  course_dir = hs_library_get_course_path (scheme->library, course_id);
  if (course_dir == NULL)
    {
      finish_text (request, scheme, SOUP_STATUS_NOT_FOUND, "text/html; charset=utf-8",
                   error_page (_("Page not found"), _("This course is not installed on this computer.")));
      return;
    }

  /* GUri has already decoded %2e%2e and friends; the check runs on what
   * the file system would see.  Package names are stored NFC. */
  relative = g_utf8_normalize (path[0] == '/' ? path + 1 : path, -1, G_NORMALIZE_NFC);
  if (relative == NULL || !hs_utils_relative_path_is_clean (relative))
    {
      finish_text (request, scheme, SOUP_STATUS_FORBIDDEN, "text/html; charset=utf-8",
                   error_page (_("Page not found"), _("This address points outside the course.")));
      return;
    }

  /* The answers of a quiz or a walkthrough stay with the app, whoever
   * asks. */
  if (hs_library_is_hidden_file (scheme->library, course_id, relative))
    {
      finish_text (request, scheme, SOUP_STATUS_FORBIDDEN, "text/html; charset=utf-8",
                   error_page (_("Page not found"),
                               _("This file holds the answers of a quiz or a practice and is only read by Học Số.")));
      return;
    }

  full = g_build_filename (course_dir, relative, NULL);
  if (g_lstat (full, &st) != 0 || !S_ISREG (st.st_mode))
    return not_found (request, scheme, relative);

  file = g_file_new_for_path (full);
  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    return not_found (request, scheme, relative);

  request_headers = webkit_uri_scheme_request_get_http_headers (request);
  range = request_headers ? soup_message_headers_get_one (request_headers, "Range") : NULL;
  if (range != NULL)
    {
      g_autoptr(SoupMessageHeaders) extra = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GInputStream) part = NULL;
      guint64 start, end;

      if (!hs_utils_parse_range (range, st.st_size, &start, &end))
        {
          g_autofree char *unsatisfied = g_strdup_printf ("bytes */%" G_GUINT64_FORMAT, (guint64) st.st_size);

          soup_message_headers_replace (extra, "Content-Range", unsatisfied);
          part = g_memory_input_stream_new ();
          finish (request, scheme, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE,
                  hs_utils_content_type (relative), part, 0, extra);
          return;
        }

      if (!g_seekable_seek (G_SEEKABLE (stream), start, G_SEEK_SET, NULL, &error) ||
          (bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), end - start + 1, NULL, &error)) == NULL)
        return not_found (request, scheme, relative);

      soup_message_headers_set_content_range (extra, start, start + g_bytes_get_size (bytes) - 1, st.st_size);
      part = g_memory_input_stream_new_from_bytes (bytes);
      finish (request, scheme, SOUP_STATUS_PARTIAL_CONTENT, hs_utils_content_type (relative),
              part, g_bytes_get_size (bytes), extra);
      return;
    }

  finish (request, scheme, SOUP_STATUS_OK, hs_utils_content_type (relative),
          G_INPUT_STREAM (stream), st.st_size, NULL);
}

/**
 * hs_scheme_register:
 * @media_origin: the media server's origin, the one place media may come from
 *
 * Registers hocso:// on @context, once at start-up, as a secure scheme
 * (course pages get localStorage and IndexedDB) whose origins are kept
 * apart like websites.
 */
void
hs_scheme_register (WebKitWebContext *context,
                    HsLibrary        *library,
                    const char       *media_origin)
{
  WebKitSecurityManager *security = webkit_web_context_get_security_manager (context);
  Scheme *scheme = g_new0 (Scheme, 1);

  g_return_if_fail (WEBKIT_IS_WEB_CONTEXT (context));
  g_return_if_fail (HS_IS_LIBRARY (library));

  scheme->library = g_object_ref (library);
  scheme->media_origin = g_strdup (media_origin);
  scheme->csp = hs_scheme_csp (media_origin);

  webkit_web_context_register_uri_scheme (context, HS_SCHEME, scheme_request_cb, scheme, scheme_free);
  webkit_security_manager_register_uri_scheme_as_secure (security, HS_SCHEME);
  webkit_security_manager_register_uri_scheme_as_cors_enabled (security, HS_SCHEME);
}
