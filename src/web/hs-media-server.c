/* hs-media-server.c — loopback HTTP for <video> and <audio>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WebKitGTK plays no media from custom URI schemes, so lesson media is
 * served from http://127.0.0.1:<ephemeral port>.  The server answers only
 * capability URLs: a random token per file, issued by the app for the
 * lesson a learner has open (its "scope") and revoked when the lesson
 * closes.  Anything else is 404.  Range requests get 206, so seeking in a
 * large video reads only what is shown.
 */
#define G_LOG_DOMAIN "hs-media-server"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <sodium.h>

#include "hs-media-server.h"
#include "hs-utils.h"

struct _HsMediaServer
{
  GObject     parent_instance;

  SoupServer *server;
  char       *origin;
  GHashTable *tokens;    /* token → Entry */
  GHashTable *issued;    /* scope \n file path → token */
};

typedef struct {
  char *scope;
  char *course_id;
  char *path;
} Entry;

G_DEFINE_FINAL_TYPE (HsMediaServer, hs_media_server, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->scope);
  g_free (entry->course_id);
  g_free (entry->path);
  g_free (entry);
}

static void
not_found (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                    "Not found\n", strlen ("Not found\n"));
}

/* Browsers say where a request comes from in Origin (CORS requests) or
 * Referer (media elements); when they do, it must be the course. */
static gboolean
request_is_from (SoupMessageHeaders *headers,
                 const char         *origin)
{
  const char *from = soup_message_headers_get_one (headers, "Origin");
  const char *referer = soup_message_headers_get_one (headers, "Referer");

  if (from != NULL && g_strcmp0 (from, origin) != 0)
    return FALSE;
  if (referer != NULL &&
      !(g_str_has_prefix (referer, origin) && referer[strlen (origin)] == '/'))
    return FALSE;
  return TRUE;
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  HsMediaServer *self = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autofree char *token = NULL;
  g_autofree char *allow_origin = NULL;
  const char *range;
  const char *slash;
  Entry *entry;
  guint64 size, start, end;

  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  /* Paths are /<token>/<file name>; the name is only for the player. */
  if (path == NULL || path[0] != '/')
    return not_found (msg);
  slash = strchr (path + 1, '/');
  token = slash ? g_strndup (path + 1, slash - path - 1) : g_strdup (path + 1);
  entry = g_hash_table_lookup (self->tokens, token);
  if (entry == NULL)
    return not_found (msg);

  /* A token works only for pages of its own course: another course's page
   * that learned the URL gets nothing. */
  allow_origin = g_strdup_printf ("hocso://%s", entry->course_id);
  if (!request_is_from (request_headers, allow_origin))
    return not_found (msg);

  mapped = g_mapped_file_new (entry->path, FALSE, NULL);
  if (mapped == NULL)
    return not_found (msg);
  whole = g_mapped_file_get_bytes (mapped);
  size = g_bytes_get_size (whole);

  soup_message_headers_replace (headers, "Access-Control-Allow-Origin", allow_origin);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");
  soup_message_headers_replace (headers, "Cache-Control", "private, max-age=3600");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");

  range = soup_message_headers_get_one (request_headers, "Range");
  if (range != NULL)
    {
      g_autoptr(GBytes) part = NULL;

      if (!hs_utils_parse_range (range, size, &start, &end))
        {
          g_autofree char *unsatisfied = g_strdup_printf ("bytes */%" G_GUINT64_FORMAT, size);

          soup_message_headers_replace (headers, "Content-Range", unsatisfied);
          soup_server_message_set_status (msg, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE, NULL);
          return;
        }

      part = g_bytes_new_from_bytes (whole, start, end - start + 1);
      soup_message_headers_set_content_range (headers, start, end, size);
      soup_message_headers_set_content_type (headers, hs_utils_content_type (entry->path), NULL);
      soup_server_message_set_status (msg, SOUP_STATUS_PARTIAL_CONTENT, NULL);
      if (g_strcmp0 (method, "GET") == 0)
        soup_message_body_append_bytes (soup_server_message_get_response_body (msg), part);
      else
        soup_message_headers_set_content_length (headers, end - start + 1);
      return;
    }

  soup_message_headers_set_content_type (headers, hs_utils_content_type (entry->path), NULL);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (g_strcmp0 (method, "GET") == 0)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), whole);
  else
    soup_message_headers_set_content_length (headers, size);
}

static void
hs_media_server_dispose (GObject *object)
{
  HsMediaServer *self = (HsMediaServer *)object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (hs_media_server_parent_class)->dispose (object);
}

static void
hs_media_server_finalize (GObject *object)
{
  HsMediaServer *self = (HsMediaServer *)object;

  g_free (self->origin);
  g_hash_table_unref (self->tokens);
  g_hash_table_unref (self->issued);

  G_OBJECT_CLASS (hs_media_server_parent_class)->finalize (object);
}

static void
hs_media_server_class_init (HsMediaServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_media_server_dispose;
  object_class->finalize = hs_media_server_finalize;
}

static void
hs_media_server_init (HsMediaServer *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  self->issued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * hs_media_server_new:
 *
 * Starts listening on 127.0.0.1 on a port the system picks.  Only this
 * machine can connect, and only with a token.
 */
HsMediaServer *
hs_media_server_new (GError **error)
{
  g_autoptr(HsMediaServer) self = g_object_new (HS_TYPE_MEDIA_SERVER, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;
  int port;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  self->server = soup_server_new ("server-header", "HocSo", NULL);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);
  if (!soup_server_listen (self->server, address, 0, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  port = uris ? g_uri_get_port (uris->data) : -1;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (port <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The media server could not find a port to listen on."));
      return NULL;
    }

  self->origin = g_strdup_printf ("http://127.0.0.1:%d", port);
  return g_steal_pointer (&self);
}

const char *
hs_media_server_get_origin (HsMediaServer *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_SERVER (self), NULL);
  return self->origin;
}

/**
 * hs_media_server_issue:
 * @scope: who the URL is for (one open lesson of one learner)
 * @course_id: the course the file belongs to; its origin may read it
 * @file_path: an absolute path of a file inside that course
 *
 * Returns: a capability URL for the file, the same one each time for the
 * same scope and file
 */
char *
hs_media_server_issue (HsMediaServer *self,
                       const char    *scope,
                       const char    *course_id,
                       const char    *file_path)
{
  g_autofree char *key = NULL;
  g_autofree char *base = NULL;
  g_autofree char *escaped = NULL;
  const char *token;

  g_return_val_if_fail (HS_IS_MEDIA_SERVER (self), NULL);
  g_return_val_if_fail (scope != NULL && course_id != NULL && file_path != NULL, NULL);

  key = g_strconcat (scope, "\n", file_path, NULL);
  token = g_hash_table_lookup (self->issued, key);
  if (token == NULL)
    {
      guint8 random[24];
      GString *hex = g_string_new (NULL);
      Entry *entry = g_new0 (Entry, 1);

      /* 192 bits from the system's secure random source. */
      randombytes_buf (random, sizeof random);
      for (guint i = 0; i < sizeof random; i++)
        g_string_append_printf (hex, "%02x", random[i]);

      entry->scope = g_strdup (scope);
      entry->course_id = g_strdup (course_id);
      entry->path = g_strdup (file_path);
      token = hex->str;
      g_hash_table_insert (self->issued, g_strdup (key), g_strdup (token));
      g_hash_table_insert (self->tokens, g_string_free (hex, FALSE), entry);
    }

  base = g_path_get_basename (file_path);
  escaped = g_uri_escape_string (base, NULL, FALSE);
  return g_strdup_printf ("%s/%s/%s", self->origin, token, escaped);
}

/**
 * hs_media_server_revoke:
 *
 * Forgets every URL issued for @scope: they answer 404 from now on.
 */
void
hs_media_server_revoke (HsMediaServer *self,
                        const char    *scope)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (HS_IS_MEDIA_SERVER (self));

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_equal (((Entry *) value)->scope, scope))
      g_hash_table_iter_remove (&iter);

  g_hash_table_iter_init (&iter, self->issued);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, scope) && ((char *) key)[strlen (scope)] == '\n')
      g_hash_table_iter_remove (&iter);
}
