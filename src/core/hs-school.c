/* hs-school.c — the school's settings, kept behind the admin PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the principal sets once: the school's name, the unit above it (the
 * commune since the two-level local government of 1 July 2025), who signs,
 * a logo and a signature image, the yearly targets and which courses count
 * toward "reached the level".  Everything lives in the settings table, read
 * afresh on every call so that the app and a `hocso settings` run beside it
 * never disagree; images are copied into <data-dir>/school/.
 *
 * Changing anything needs the object unlocked with the admin PIN, which is
 * set on first use and kept only as an Argon2id hash.  The lock is a rule
 * of the product, not a defence against someone who can read the data
 * folder: HACKING.md says what it does and does not protect.
 */
#define G_LOG_DOMAIN "hs-school"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <librsvg/rsvg.h>
#include <sodium.h>

#include "hs-school.h"
#include "hs-utils.h"

#define KEY_ADMIN_PIN     "admin-pin-hash"
#define KEY_TARGETS       "targets"
#define KEY_LEVEL_COURSES "level-courses"
#define IMAGE_FOLDER      "school"

/* The title printed under the signature when none is set.  Certificates
 * and reports are Vietnamese documents, whatever the app's language. */
#define DEFAULT_PRINCIPAL_TITLE "Hiệu trưởng"

struct _HsSchool
{
  GObject    parent_instance;

  HsLibrary *library;
  HsStore   *store;
  gboolean   unlocked;
};

G_DEFINE_FINAL_TYPE (HsSchool, hs_school, G_TYPE_OBJECT)

G_DEFINE_QUARK (hs-school-error-quark, hs_school_error)

static const char * const field_names[] = {
  [HS_SCHOOL_NAME] = "school",
  [HS_SCHOOL_UNIT] = "unit",
  [HS_SCHOOL_PRINCIPAL_NAME] = "principal",
  [HS_SCHOOL_PRINCIPAL_TITLE] = "principal-title",
};

static const char * const field_keys[] = {
  [HS_SCHOOL_NAME] = "school-name",
  [HS_SCHOOL_UNIT] = "school-unit",
  [HS_SCHOOL_PRINCIPAL_NAME] = "principal-name",
  [HS_SCHOOL_PRINCIPAL_TITLE] = "principal-title",
};

static const char * const image_names[] = {
  [HS_SCHOOL_IMAGE_LOGO] = "logo",
  [HS_SCHOOL_IMAGE_SIGNATURE] = "signature",
};

static const char * const image_keys[] = {
  [HS_SCHOOL_IMAGE_LOGO] = "logo-image",
  [HS_SCHOOL_IMAGE_SIGNATURE] = "signature-image",
};

/* The plan the school follows (KH 138/KH-UBND of Hà Nội, 2025): 95 % of
 * staff in 2025, all of them in 2026. */
static const HsSchoolTarget default_targets[] = {
  { 2025, 95 },
  { 2026, 100 },
};

const char *
hs_school_field_to_string (HsSchoolField field)
{
  g_return_val_if_fail ((guint) field < HS_SCHOOL_N_FIELDS, NULL);
  return field_names[field];
}

gboolean
hs_school_field_from_string (const char    *str,
                             HsSchoolField *field)
{
  for (guint i = 0; str != NULL && i < HS_SCHOOL_N_FIELDS; i++)
    if (g_str_equal (str, field_names[i]))
      {
        *field = (HsSchoolField) i;
        return TRUE;
      }
  return FALSE;
}

const char *
hs_school_image_to_string (HsSchoolImage image)
{
  g_return_val_if_fail ((guint) image < HS_SCHOOL_N_IMAGES, NULL);
  return image_names[image];
}

gboolean
hs_school_image_from_string (const char    *str,
                             HsSchoolImage *image)
{
  for (guint i = 0; str != NULL && i < HS_SCHOOL_N_IMAGES; i++)
    if (g_str_equal (str, image_names[i]))
      {
        *image = (HsSchoolImage) i;
        return TRUE;
      }
  return FALSE;
}

/* An admin PIN is 6 to 12 digits: longer than a learner's, as it guards
 * everyone's records. */
gboolean
hs_school_admin_pin_is_valid (const char *pin)
{
  gsize len = pin ? strlen (pin) : 0;

  if (len < HS_SCHOOL_ADMIN_PIN_MIN_DIGITS || len > HS_SCHOOL_ADMIN_PIN_MAX_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;
  return TRUE;
}

static void
hs_school_finalize (GObject *object)
{
  HsSchool *self = (HsSchool *)object;

  g_clear_object (&self->library);

  G_OBJECT_CLASS (hs_school_parent_class)->finalize (object);
}

static void
hs_school_class_init (HsSchoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_school_finalize;
}

static void
hs_school_init (HsSchool *self)
{
}

HsSchool *
hs_school_new (HsLibrary *library)
{
  HsSchool *self;

  g_return_val_if_fail (HS_IS_LIBRARY (library), NULL);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  self = g_object_new (HS_TYPE_SCHOOL, NULL);
  self->library = g_object_ref (library);
  self->store = hs_library_get_store (library);
  return self;
}

static char *
get_setting (HsSchool   *self,
             const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  stmt = hs_store_query (self->store, NULL, "SELECT value FROM settings WHERE key = ?", "s", key);
  if (stmt == NULL)
    return NULL;
  if (hs_store_step (self->store, stmt, NULL) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
set_setting (HsSchool    *self,
             const char  *key,
             const char  *value,
             GError     **error)
{
  if (value == NULL)
    return hs_store_run (self->store, error, "DELETE FROM settings WHERE key = ?", "s", key);
  return hs_store_run (self->store, error,
                       "INSERT INTO settings (key, value) VALUES (?, ?)"
                       " ON CONFLICT DO UPDATE SET value = excluded.value",
                       "ss", key, value);
}

static gboolean
check_unlocked (HsSchool  *self,
                GError   **error)
{
  if (self->unlocked)
    return TRUE;
  if (!hs_school_has_admin_pin (self))
    g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_NO_PIN,
                         _("Set the admin PIN first; the school’s settings are kept behind it."));
  else
    g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_LOCKED,
                         _("Enter the admin PIN to change the school’s settings."));
  return FALSE;
}

gboolean
hs_school_has_admin_pin (HsSchool *self)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (HS_IS_SCHOOL (self), FALSE);

  hash = get_setting (self, KEY_ADMIN_PIN);
  return hash != NULL;
}

/**
 * hs_school_set_admin_pin:
 *
 * Sets the admin PIN: on first use anyone may, after that only when
 * unlocked.  Leaves the school unlocked.
 */
gboolean
hs_school_set_admin_pin (HsSchool    *self,
                         const char  *pin,
                         GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (HS_IS_SCHOOL (self), FALSE);

  if (hs_school_has_admin_pin (self) && !check_unlocked (self, error))
    return FALSE;

  if (!hs_school_admin_pin_is_valid (pin))
    {
      g_set_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_PIN,
                   _("An admin PIN is %d to %d digits."),
                   HS_SCHOOL_ADMIN_PIN_MIN_DIGITS, HS_SCHOOL_ADMIN_PIN_MAX_DIGITS);
      return FALSE;
    }

  if (crypto_pwhash_str (hash, pin, strlen (pin),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_PIN,
                           _("There is not enough memory to protect the PIN."));
      return FALSE;
    }

  if (!set_setting (self, KEY_ADMIN_PIN, hash, error))
    return FALSE;

  self->unlocked = TRUE;
  return TRUE;
}

/**
 * hs_school_unlock:
 *
 * Opens the settings for changes with the admin PIN.
 * %HS_SCHOOL_ERROR_NO_PIN when none is set yet.
 */
gboolean
hs_school_unlock (HsSchool    *self,
                  const char  *pin,
                  GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (HS_IS_SCHOOL (self), FALSE);

  hash = get_setting (self, KEY_ADMIN_PIN);
  if (hash == NULL)
    {
      g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_NO_PIN,
                           _("No admin PIN is set yet. Choose one first."));
      return FALSE;
    }

  if (pin == NULL || crypto_pwhash_str_verify (hash, pin, strlen (pin)) != 0)
    {
      self->unlocked = FALSE;
      g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_WRONG_PIN,
                           _("That admin PIN is not right. Try again."));
      return FALSE;
    }

  self->unlocked = TRUE;
  return TRUE;
}

void
hs_school_lock (HsSchool *self)
{
  g_return_if_fail (HS_IS_SCHOOL (self));
  self->unlocked = FALSE;
}

gboolean
hs_school_get_unlocked (HsSchool *self)
{
  g_return_val_if_fail (HS_IS_SCHOOL (self), FALSE);
  return self->unlocked;
}

/**
 * hs_school_get_text:
 *
 * Returns: (transfer full): the text, "" when it is not set (the principal's
 * title is "Hiệu trưởng" then)
 */
char *
hs_school_get_text (HsSchool      *self,
                    HsSchoolField  field)
{
  char *value;

  g_return_val_if_fail (HS_IS_SCHOOL (self), NULL);
  g_return_val_if_fail ((guint) field < HS_SCHOOL_N_FIELDS, NULL);

  value = get_setting (self, field_keys[field]);
  if (value == NULL && field == HS_SCHOOL_PRINCIPAL_TITLE)
    return g_strdup (DEFAULT_PRINCIPAL_TITLE);
  return value != NULL ? value : g_strdup ("");
}

/**
 * hs_school_set_text:
 * @value: (nullable): the new text; %NULL or blank clears it
 *
 * Texts are stored trimmed and NFC-normalised, up to
 * %HS_SCHOOL_MAX_TEXT_CHARS characters on one line.
 */
gboolean
hs_school_set_text (HsSchool       *self,
                    HsSchoolField   field,
                    const char     *value,
                    GError        **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *nfc = NULL;

  g_return_val_if_fail (HS_IS_SCHOOL (self), FALSE);
  g_return_val_if_fail ((guint) field < HS_SCHOOL_N_FIELDS, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE,
                   _("The setting “%s” must be UTF-8 text."), field_names[field]);
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (value ? value : ""));
  if (*trimmed == '\0')
    return set_setting (self, field_keys[field], NULL, error);

  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE,
                     _("The setting “%s” must be one line without control characters."), field_names[field]);
        return FALSE;
      }
  if (g_utf8_strlen (trimmed, -1) > HS_SCHOOL_MAX_TEXT_CHARS)
    {
      g_set_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE,
                   _("The setting “%s” can have at most %d characters."),
                   field_names[field], HS_SCHOOL_MAX_TEXT_CHARS);
      return FALSE;
    }

  nfc = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC);
  return set_setting (self, field_keys[field], nfc, error);
}

/**
 * hs_school_check_complete:
 *
 * Whether certificates can be issued: they need the school's name and the
 * principal's.  %HS_SCHOOL_ERROR_INCOMPLETE names what is missing.
 */
gboolean
hs_school_check_complete (HsSchool  *self,
                          GError   **error)
{
  g_autofree char *name = NULL;
  g_autofree char *principal = NULL;

  g_return_val_if_fail (HS_IS_SCHOOL (self), FALSE);

  name = hs_school_get_text (self, HS_SCHOOL_NAME);
  principal = hs_school_get_text (self, HS_SCHOOL_PRINCIPAL_NAME);
  if (*name == '\0' || *principal == '\0')
    {
      g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INCOMPLETE,
                           *name == '\0'
                           ? _("The school’s name is not set yet. The principal can set it in the school settings.")
                           : _("The principal’s name is not set yet. The principal can set it in the school settings."));
      return FALSE;
    }
  return TRUE;
}

/* Images: a PNG or an SVG of at most 1 MiB and 4096 px a side, checked by
 * decoding it whole before it is copied in. */

typedef struct {
  const guint8 *data;
  gsize         length;
  gsize         offset;
} ReadState;

static cairo_status_t
read_png_cb (void          *closure,
             unsigned char *data,
             unsigned int   length)
{
  ReadState *state = closure;

  if (state->length - state->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, state->data + state->offset, length);
  state->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode_png (const guint8 *data,
            gsize         length)
{
  ReadState state = { data, length, 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_png_cb, &state);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

static gboolean
is_png (const guint8 *data,
        gsize         length)
{
  static const guint8 magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  return length >= sizeof magic && memcmp (data, magic, sizeof magic) == 0;
}

/* No base file: an SVG can then load nothing beside itself. */
static RsvgHandle *
decode_svg (const guint8  *data,
            gsize          length,
            double        *width,
            double        *height)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  gboolean has_width, has_height, has_viewbox;
  RsvgHandle *handle;
  RsvgLength w, h;
  RsvgRectangle viewbox;

  stream = g_memory_input_stream_new_from_bytes (bytes);
  handle = rsvg_handle_new_from_stream_sync (stream, NULL, RSVG_HANDLE_FLAGS_NONE, NULL, NULL);
  if (handle == NULL)
    return NULL;

  rsvg_handle_get_intrinsic_dimensions (handle, &has_width, &w, &has_height, &h, &has_viewbox, &viewbox);
  if (has_viewbox && viewbox.width > 0 && viewbox.height > 0)
    {
      *width = viewbox.width;
      *height = viewbox.height;
    }
  else if (!rsvg_handle_get_intrinsic_size_in_pixels (handle, width, height) ||
           *width <= 0 || *height <= 0)
    {
      g_object_unref (handle);
      return NULL;
    }

  return handle;
}

static gboolean
image_error (GError     **error,
             const char  *source,
             const char  *why)
{
  g_set_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_IMAGE,
               _("The image “%s” cannot be used: %s"), source, why);
  return FALSE;
}

static char *
image_relative_path (HsSchoolImage  image,
                     const char    *extension)
{
  return g_strdup_printf (IMAGE_FOLDER "/%s.%s", image_names[image], extension);
}

/**
 * hs_school_get_image_path:
 *
 * Returns: (transfer full) (nullable): the copy of the image in the data
 * folder, or %NULL when there is none
 */
char *
hs_school_get_image_path (HsSchool      *self,
                          HsSchoolImage  image)
{
  g_autofree char *relative = NULL;
  char *path;

  g_return_val_if_fail (HS_IS_SCHOOL (self), NULL);
  g_return_val_if_fail ((guint) image < HS_SCHOOL_N_IMAGES, NULL);

  relative = get_setting (self, image_keys[image]);
  if (relative == NULL || !hs_utils_relative_path_is_clean (relative))
    return NULL;
  path = g_build_filename (hs_library_get_data_dir (self->library), relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);
  return path;
}

/**
 * hs_school_set_image:
 * @source: (nullable): a PNG or SVG file to copy in, or %NULL to remove the
 *   image
 */
gboolean
hs_school_set_image (HsSchool       *self,
                     HsSchoolImage   image,
                     const char     *source,
                     GError        **error)
{
  g_autofree char *old = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *target = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *extension;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (HS_IS_SCHOOL (self), FALSE);
  g_return_val_if_fail ((guint) image < HS_SCHOOL_N_IMAGES, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;

  old = hs_school_get_image_path (self, image);

  if (source == NULL)
    {
      if (!set_setting (self, image_keys[image], NULL, error))
        return FALSE;
      if (old != NULL)
        g_unlink (old);
      return TRUE;
    }

  if (g_stat (source, &st) != 0 || !S_ISREG (st.st_mode))
    return image_error (error, source, _("it is not a file that can be read."));
  if (st.st_size > HS_SCHOOL_MAX_IMAGE_BYTES)
    return image_error (error, source, _("it is larger than 1 MB. Save a smaller copy and try again."));
  if (!g_file_get_contents (source, (char **) &data, &length, &local_error))
    return image_error (error, source, local_error->message);
  if (length > HS_SCHOOL_MAX_IMAGE_BYTES)
    return image_error (error, source, _("it is larger than 1 MB. Save a smaller copy and try again."));

  if (is_png (data, length))
    {
      cairo_surface_t *surface = decode_png (data, length);
      int w, h;

      if (surface == NULL)
        return image_error (error, source, _("it is a damaged PNG picture."));
      w = cairo_image_surface_get_width (surface);
      h = cairo_image_surface_get_height (surface);
      cairo_surface_destroy (surface);
      if (w > HS_SCHOOL_MAX_IMAGE_PIXELS || h > HS_SCHOOL_MAX_IMAGE_PIXELS)
        return image_error (error, source, _("it is more than 4096 pixels wide or tall."));
      extension = "png";
    }
  else
    {
      RsvgHandle *handle;
      double w = 0, h = 0;

      handle = decode_svg (data, length, &w, &h);
      if (handle == NULL)
        return image_error (error, source, _("it is neither a PNG nor an SVG picture with a size."));
      g_object_unref (handle);
      extension = "svg";
    }

  folder = g_build_filename (hs_library_get_data_dir (self->library), IMAGE_FOLDER, NULL);
  if (g_mkdir_with_parents (folder, 0755) != 0)
    return image_error (error, source, g_strerror (errno));
  relative = image_relative_path (image, extension);
  target = g_build_filename (hs_library_get_data_dir (self->library), relative, NULL);
  if (!g_file_set_contents (target, (const char *) data, length, &local_error))
    return image_error (error, source, local_error->message);

  if (!set_setting (self, image_keys[image], relative, error))
    return FALSE;
  if (old != NULL && !g_str_equal (old, target))
    g_unlink (old);
  return TRUE;
}

/**
 * hs_school_paint_image:
 *
 * Paints the image centred in the box, as large as fits without changing
 * its shape.
 *
 * Returns: %FALSE when there is no image, or it cannot be read any more
 */
gboolean
hs_school_paint_image (HsSchool       *self,
                       HsSchoolImage   image,
                       cairo_t        *cr,
                       double          x,
                       double          y,
                       double          width,
                       double          height)
{
  g_autofree char *path = NULL;
  g_autofree guint8 *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (HS_IS_SCHOOL (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  path = hs_school_get_image_path (self, image);
  if (path == NULL || !g_file_get_contents (path, (char **) &data, &length, NULL) ||
      length > HS_SCHOOL_MAX_IMAGE_BYTES)
    return FALSE;

  if (is_png (data, length))
    {
      cairo_surface_t *surface = decode_png (data, length);
      double w, h, scale;

      if (surface == NULL)
        return FALSE;
      w = cairo_image_surface_get_width (surface);
      h = cairo_image_surface_get_height (surface);
      scale = MIN (width / w, height / h);
      cairo_save (cr);
      cairo_translate (cr, x + (width - w * scale) / 2, y + (height - h * scale) / 2);
      cairo_scale (cr, scale, scale);
      /* Clipped to the picture and padded, so its edges stay sharp
       * instead of fading into the page. */
      cairo_rectangle (cr, 0, 0, w, h);
      cairo_clip (cr);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (surface);
      return TRUE;
    }
  else
    {
      RsvgHandle *handle;
      RsvgRectangle viewport;
      double w = 0, h = 0, scale;
      gboolean painted;

      handle = decode_svg (data, length, &w, &h);
      if (handle == NULL)
        return FALSE;
      scale = MIN (width / w, height / h);
      viewport.width = w * scale;
      viewport.height = h * scale;
      viewport.x = x + (width - viewport.width) / 2;
      viewport.y = y + (height - viewport.height) / 2;
      painted = rsvg_handle_render_document (handle, cr, &viewport, NULL);
      g_object_unref (handle);
      return painted;
    }
}

/* Targets: percent of staff per year, kept as {"2025": 95, …}. */

static int
compare_targets (gconstpointer a,
                 gconstpointer b)
{
  return ((const HsSchoolTarget *) a)->year - ((const HsSchoolTarget *) b)->year;
}

/**
 * hs_school_list_targets:
 *
 * Returns: (transfer full) (element-type HsSchoolTarget): the targets by
 * year, 95 % for 2025 and 100 % for 2026 until the principal changes them
 */
GArray *
hs_school_list_targets (HsSchool *self)
{
  GArray *targets = g_array_new (FALSE, FALSE, sizeof (HsSchoolTarget));
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (HS_IS_SCHOOL (self), targets);

  json = get_setting (self, KEY_TARGETS);
  if (json != NULL)
    root = json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_array_append_vals (targets, default_targets, G_N_ELEMENTS (default_targets));
      return targets;
    }

  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *value;

    json_object_iter_init (&iter, json_node_get_object (root));
    while (json_object_iter_next (&iter, &name, &value))
      {
        HsSchoolTarget target;
        gint64 year;

        if (!g_ascii_string_to_signed (name, 10, HS_SCHOOL_MIN_YEAR, HS_SCHOOL_MAX_YEAR, &year, NULL) ||
            !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
          continue;
        target.year = year;
        target.percent = CLAMP (json_node_get_int (value), 1, 100);
        g_array_append_val (targets, target);
      }
  }
  g_array_sort (targets, compare_targets);
  return targets;
}

/**
 * hs_school_get_target:
 * @from_year: (out) (optional): the year whose target applies
 *
 * A year without a target of its own keeps the latest earlier one: after
 * 2026, still 100 %.
 *
 * Returns: the percentage of staff to reach the level by the end of @year,
 * or -1 when no target applies
 */
int
hs_school_get_target (HsSchool *self,
                      int       year,
                      int      *from_year)
{
  g_autoptr(GArray) targets = NULL;
  int percent = -1;

  g_return_val_if_fail (HS_IS_SCHOOL (self), -1);

  if (from_year != NULL)
    *from_year = 0;
  targets = hs_school_list_targets (self);
  for (guint i = 0; i < targets->len; i++)
    {
      const HsSchoolTarget *target = &g_array_index (targets, HsSchoolTarget, i);

      if (target->year > year)
        break;
      percent = target->percent;
      if (from_year != NULL)
        *from_year = target->year;
    }
  return percent;
}

/**
 * hs_school_set_target:
 * @percent: 1 to 100, or 0 to remove the year's target
 */
gboolean
hs_school_set_target (HsSchool  *self,
                      int        year,
                      int        percent,
                      GError   **error)
{
  g_autoptr(GArray) targets = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (HS_IS_SCHOOL (self), FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  if (year < HS_SCHOOL_MIN_YEAR || year > HS_SCHOOL_MAX_YEAR)
    {
      g_set_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE,
                   _("A target’s year must be from %d to %d."), HS_SCHOOL_MIN_YEAR, HS_SCHOOL_MAX_YEAR);
      return FALSE;
    }
  if (percent < 0 || percent > 100)
    {
      g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE,
                           _("A target is a percentage from 1 to 100 (0 removes it)."));
      return FALSE;
    }

  targets = hs_school_list_targets (self);
  json_builder_begin_object (builder);
  for (guint i = 0; i < targets->len; i++)
    {
      HsSchoolTarget *target = &g_array_index (targets, HsSchoolTarget, i);
      g_autofree char *name = NULL;

      if (target->year == year)
        {
          found = TRUE;
          if (percent == 0)
            continue;
          target->percent = percent;
        }
      name = g_strdup_printf ("%d", target->year);
      json_builder_set_member_name (builder, name);
      json_builder_add_int_value (builder, target->percent);
    }
  if (!found && percent > 0)
    {
      g_autofree char *name = g_strdup_printf ("%d", year);

      json_builder_set_member_name (builder, name);
      json_builder_add_int_value (builder, percent);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  return set_setting (self, KEY_TARGETS, json, error);
}

/**
 * hs_school_get_level_courses:
 *
 * Returns: (transfer full) (nullable): the ids of the courses the principal
 * chose to count toward "reached the level", or %NULL when none were
 * chosen: then every installed course with a certificate counts (see
 * hs-report.c)
 */
GStrv
hs_school_get_level_courses (HsSchool *self)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  g_return_val_if_fail (HS_IS_SCHOOL (self), NULL);

  json = get_setting (self, KEY_LEVEL_COURSES);
  if (json != NULL)
    root = json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *id = json_array_get_string_element (array, i);

      if (id != NULL && hs_utils_id_is_valid (id))
        g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

/**
 * hs_school_set_level_courses:
 * @course_ids: (nullable): the courses that count, at least one; %NULL goes
 *   back to every course with a certificate
 */
gboolean
hs_school_set_level_courses (HsSchool            *self,
                             const char * const  *course_ids,
                             GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *json = NULL;

  g_return_val_if_fail (HS_IS_SCHOOL (self), FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  if (course_ids == NULL)
    return set_setting (self, KEY_LEVEL_COURSES, NULL, error);
  if (course_ids[0] == NULL)
    {
      g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE,
                           _("Choose at least one course that counts toward the level."));
      return FALSE;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; course_ids[i] != NULL; i++)
    {
      if (!hs_utils_id_is_valid (course_ids[i]))
        {
          g_set_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE,
                       _("“%s” is not a course id."), course_ids[i]);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer) course_ids[i]))
        continue;
      json_builder_add_string_value (builder, course_ids[i]);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  return set_setting (self, KEY_LEVEL_COURSES, json, error);
}
