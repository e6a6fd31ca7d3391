/* hs-certificate.c — signed certificates of course completion, as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A certificate is a short text, its payload, signed with this
 * installation's Ed25519 key (hs-keyring.c).  The same text is the QR code
 * on the printed page, so a phone that scans it shows the facts in plain
 * Vietnamese, and `hocso certificate verify` checks them offline:
 *
 *   Học Số – Giấy chứng nhận v1
 *   Số hiệu: HS-7K3F-9QX2
 *   Họ và tên: Nguyễn Thị Lan
 *   Khoá học: An toàn trên không gian mạng
 *   Mã khoá học: vn.hocso.an-toan-mang 1.0.0
 *   Ngày hoàn thành: 20/11/2025
 *   Điểm: 90%                                (only when the course has quizzes)
 *   Trường: Trường Mầm non Tam Hưng A
 *   Cơ quan chủ quản: UBND xã Tam Hưng        (only when set)
 *   Người ký: Nguyễn Thị Hoa
 *   Chức vụ: Hiệu trưởng
 *   Mã khoá ký: 3F2A 9C1B 7D4E 8F60
 *   Chữ ký: <88 characters of base64>
 *
 * The signature covers every line before "Chữ ký", each ended by "\n", in
 * NFC.  Reading tolerates what copying does to text (CR LF, trailing
 * spaces, another Unicode normal form), because the signed bytes are
 * rebuilt from the fields read.  The wording of the PDF is Vietnamese
 * whatever the app's language: it is a document for Vietnamese offices.
 *
 * A PDF carries the payload twice: drawn as the QR code and in the
 * document's Keywords, which is where hs_certificate_read_pdf() reads it.
 * It then also checks that the page's own text shows the signed name,
 * course, date and serial, so a copy whose visible words were edited is
 * refused even though its QR code still verifies.
 */
#define G_LOG_DOMAIN "hs-certificate"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <qrencode.h>
#include <sodium.h>

#include "hs-certificate.h"
#include "hs-certificate-private.h"
#include "hs-pdf.h"
#include "hs-utils.h"

#define PAYLOAD_MAGIC    "Học Số – Giấy chứng nhận v1"
#define SERIAL_PREFIX    "HS-"
#define SERIAL_DIGITS    8
#define MAX_PAYLOAD_BYTES 2048
#define MAX_PDF_BYTES    (32 * 1024 * 1024)

/* A4 landscape. */
#define PAGE_WIDTH  HS_PDF_A4_LONG
#define PAGE_HEIGHT HS_PDF_A4_SHORT

/* Crockford's base 32: no I, L, O or U to misread. */
static const char serial_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

typedef enum {
  FIELD_SERIAL,
  FIELD_NAME,
  FIELD_TITLE,
  FIELD_COURSE,
  FIELD_COMPLETED,
  FIELD_SCORE,
  FIELD_SCHOOL,
  FIELD_UNIT,
  FIELD_PRINCIPAL,
  FIELD_PRINCIPAL_TITLE,
  FIELD_KEY,
  FIELD_SIGNATURE,
  N_FIELDS
} Field;

static const struct {
  const char *label;
  gboolean    optional;
} fields[] = {
  [FIELD_SERIAL] = { "Số hiệu", FALSE },
  [FIELD_NAME] = { "Họ và tên", FALSE },
  [FIELD_TITLE] = { "Khoá học", FALSE },
  [FIELD_COURSE] = { "Mã khoá học", FALSE },
  [FIELD_COMPLETED] = { "Ngày hoàn thành", FALSE },
  [FIELD_SCORE] = { "Điểm", TRUE },
  [FIELD_SCHOOL] = { "Trường", FALSE },
  [FIELD_UNIT] = { "Cơ quan chủ quản", TRUE },
  [FIELD_PRINCIPAL] = { "Người ký", FALSE },
  [FIELD_PRINCIPAL_TITLE] = { "Chức vụ", FALSE },
  [FIELD_KEY] = { "Mã khoá ký", FALSE },
  [FIELD_SIGNATURE] = { "Chữ ký", FALSE },
};

struct _HsCertificate
{
  GObject  parent_instance;

  char    *values[N_FIELDS];  /* as the payload writes them; NULL when left out */
  char    *course_id;
  char    *course_version;
  GDate    completed;
  int      score;             /* percent, -1 when none */
  char    *fingerprint;       /* 16 hex digits */
  char    *signed_text;
  char    *payload;
  char    *issued;            /* from the database, else NULL */
};

G_DEFINE_FINAL_TYPE (HsCertificate, hs_certificate, G_TYPE_OBJECT)

G_DEFINE_QUARK (hs-certificate-error-quark, hs_certificate_error)

static void
hs_certificate_finalize (GObject *object)
{
  HsCertificate *self = (HsCertificate *)object;

  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->values[i]);
  g_free (self->course_id);
  g_free (self->course_version);
  g_free (self->fingerprint);
  g_free (self->signed_text);
  g_free (self->payload);
  g_free (self->issued);

  G_OBJECT_CLASS (hs_certificate_parent_class)->finalize (object);
}

static void
hs_certificate_class_init (HsCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_certificate_finalize;
}

static void
hs_certificate_init (HsCertificate *self)
{
  g_date_clear (&self->completed, 1);
  self->score = -1;
}

/* "HS-" and two groups of four Crockford digits. */
gboolean
hs_certificate_serial_is_valid (const char *serial)
{
  if (serial == NULL || strlen (serial) != strlen (SERIAL_PREFIX) + SERIAL_DIGITS + 1 ||
      !g_str_has_prefix (serial, SERIAL_PREFIX))
    return FALSE;
  serial += strlen (SERIAL_PREFIX);
  for (guint i = 0; i < SERIAL_DIGITS + 1; i++)
    {
      if (i == 4)
        {
          if (serial[i] != '-')
            return FALSE;
        }
      else if (serial[i] == '\0' || strchr (serial_alphabet, serial[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}

static char *
new_serial (void)
{
  GString *serial = g_string_new (SERIAL_PREFIX);

  for (guint i = 0; i < SERIAL_DIGITS; i++)
    {
      if (i == 4)
        g_string_append_c (serial, '-');
      g_string_append_c (serial, serial_alphabet[randombytes_uniform (32)]);
    }
  return g_string_free (serial, FALSE);
}

static char *
format_short_date (const GDate *date)
{
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

/* The signed lines, each ended by "\n", and the whole payload. */
static void
build_texts (HsCertificate *self)
{
  GString *text = g_string_new (PAYLOAD_MAGIC "\n");

  for (guint i = 0; i < FIELD_SIGNATURE; i++)
    if (self->values[i] != NULL)
      g_string_append_printf (text, "%s: %s\n", fields[i].label, self->values[i]);

  g_free (self->signed_text);
  self->signed_text = g_strdup (text->str);
  g_string_append_printf (text, "%s: %s", fields[FIELD_SIGNATURE].label,
                          self->values[FIELD_SIGNATURE] ? self->values[FIELD_SIGNATURE] : "");
  g_free (self->payload);
  self->payload = g_string_free (text, FALSE);
}

static gboolean
malformed (GError     **error,
           const char  *why)
{
  g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_MALFORMED,
               _("This is not a Học Số certificate: %s"), why);
  return FALSE;
}

static gboolean
text_is_clean (const char *value,
               guint       max_chars)
{
  if (*value == '\0' || g_utf8_strlen (value, -1) > max_chars)
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Checks each value and fills the typed members from them. */
static gboolean
read_values (HsCertificate  *self,
             GError        **error)
{
  static const guint max_chars[] = {
    [FIELD_NAME] = 80, [FIELD_TITLE] = 200, [FIELD_SCHOOL] = HS_SCHOOL_MAX_TEXT_CHARS,
    [FIELD_UNIT] = HS_SCHOOL_MAX_TEXT_CHARS, [FIELD_PRINCIPAL] = HS_SCHOOL_MAX_TEXT_CHARS,
    [FIELD_PRINCIPAL_TITLE] = HS_SCHOOL_MAX_TEXT_CHARS,
  };
  const char *course = self->values[FIELD_COURSE];
  const char *space;
  guint day = 0, month = 0, year = 0;
  char extra;

  for (guint i = 0; i < G_N_ELEMENTS (max_chars); i++)
    if (max_chars[i] != 0 && self->values[i] != NULL && !text_is_clean (self->values[i], max_chars[i]))
      {
        g_autofree char *why = g_strdup_printf (_("the line “%s” is empty or too long."), fields[i].label);
        return malformed (error, why);
      }

  if (!hs_certificate_serial_is_valid (self->values[FIELD_SERIAL]))
    return malformed (error, _("its serial number is not like HS-XXXX-XXXX."));

  space = strrchr (course, ' ');
  if (space != NULL)
    {
      self->course_id = g_strndup (course, space - course);
      self->course_version = g_strdup (space + 1);
    }
  if (space == NULL || !hs_utils_id_is_valid (self->course_id) ||
      !hs_utils_version_is_valid (self->course_version))
    return malformed (error, _("its course id and version are not readable."));

  if (sscanf (self->values[FIELD_COMPLETED], "%2u/%2u/%4u%c", &day, &month, &year, &extra) != 3 ||
      strlen (self->values[FIELD_COMPLETED]) != 10 ||
      !g_date_valid_dmy (day, month, year))
    return malformed (error, _("its date is not a day written like 20/11/2025."));
  g_date_set_dmy (&self->completed, day, month, year);

  if (self->values[FIELD_SCORE] != NULL)
    {
      const char *score = self->values[FIELD_SCORE];
      guint64 percent;
      gsize len = strlen (score);
      g_autofree char *digits = len > 1 ? g_strndup (score, len - 1) : NULL;

      if (digits == NULL || score[len - 1] != '%' ||
          !g_ascii_string_to_unsigned (digits, 10, 0, 100, &percent, NULL))
        return malformed (error, _("its score is not a percentage like 90%."));
      self->score = percent;
    }

  self->fingerprint = hs_keyring_parse_fingerprint (self->values[FIELD_KEY]);
  if (self->fingerprint == NULL)
    return malformed (error, _("its signing key is not readable."));
  if (strlen (self->values[FIELD_SIGNATURE]) != HS_KEYRING_SIGNATURE_BASE64_LEN)
    return malformed (error, _("its signature is not readable."));

  return TRUE;
}

/**
 * hs_certificate_parse:
 * @text: a payload, as the QR code or the PDF holds it
 *
 * Reads a certificate without checking its signature: see
 * hs_certificate_verify().
 */
HsCertificate *
hs_certificate_parse (const char  *text,
                      GError     **error)
{
  g_autoptr(HsCertificate) self = NULL;
  g_autofree char *nfc = NULL;
  g_auto(GStrv) lines = NULL;
  guint first, last, line;

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) > MAX_PAYLOAD_BYTES || !g_utf8_validate (text, -1, NULL))
    return malformed (error, _("it is not a short UTF-8 text.")), NULL;

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  lines = g_strsplit (nfc, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strstrip (lines[i]);
  for (first = 0; lines[first] != NULL && *lines[first] == '\0'; first++)
    ;
  for (last = g_strv_length (lines); last > first && *lines[last - 1] == '\0'; last--)
    ;

  if (first == last || !g_str_equal (lines[first], PAYLOAD_MAGIC))
    {
      g_autofree char *why = g_strdup_printf (_("it does not start with “%s”."), PAYLOAD_MAGIC);
      return malformed (error, why), NULL;
    }

  self = g_object_new (HS_TYPE_CERTIFICATE, NULL);
  line = first + 1;
  for (guint f = 0; f < N_FIELDS; f++)
    {
      const char *label = fields[f].label;
      gsize label_len = strlen (label);

      if (line < last && g_str_has_prefix (lines[line], label) && lines[line][label_len] == ':')
        {
          self->values[f] = g_strdup (g_strchug (lines[line] + label_len + 1));
          line++;
        }
      else if (!fields[f].optional)
        {
          g_autofree char *why = g_strdup_printf (_("the line “%s” is missing or out of order."), label);
          return malformed (error, why), NULL;
        }
    }
  if (line != last)
    {
      g_autofree char *why = g_strdup_printf (_("the line “%s” does not belong in it."), lines[line]);
      return malformed (error, why), NULL;
    }

  if (!read_values (self, error))
    return NULL;

  build_texts (self);
  return g_steal_pointer (&self);
}

/**
 * hs_certificate_verify:
 * @signer: (out) (optional) (nullable): the school whose key signed it, or
 *   %NULL when this installation did
 *
 * Checks the signature with this installation's key or one it trusts.
 * %HS_CERTIFICATE_ERROR_TAMPERED when any signed byte changed,
 * %HS_CERTIFICATE_ERROR_UNKNOWN_KEY when the key is not trusted here.
 */
gboolean
hs_certificate_verify (HsCertificate  *self,
                       HsKeyring      *keyring,
                       char          **signer,
                       GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (HS_IS_CERTIFICATE (self), FALSE);
  g_return_val_if_fail (HS_IS_KEYRING (keyring), FALSE);

  if (hs_keyring_verify (keyring, self->fingerprint, self->signed_text, strlen (self->signed_text),
                         self->values[FIELD_SIGNATURE], signer, &local_error))
    return TRUE;

  if (g_error_matches (local_error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_BAD_SIGNATURE))
    g_set_error_literal (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_TAMPERED,
                         _("NOT VALID: this certificate was changed after it was signed. Its text does not match its signature; do not trust it."));
  else if (g_error_matches (local_error, HS_KEYRING_ERROR, HS_KEYRING_ERROR_UNKNOWN_KEY))
    g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_UNKNOWN_KEY,
                 _("Cannot check: %s"), local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Issuing. */

#define CERTIFICATE_COLUMNS "payload, issued"

static HsCertificate *
from_row (sqlite3_stmt  *stmt,
          GError       **error)
{
  HsCertificate *self = hs_certificate_parse ((const char *) sqlite3_column_text (stmt, 0), error);

  if (self != NULL)
    self->issued = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return self;
}

/* The one row @stmt finds, or %HS_CERTIFICATE_ERROR_NOT_FOUND with no
 * message: the callers word it. */
static HsCertificate *
step_one (HsStore       *store,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  HsCertificate *self = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = hs_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    self = from_row (stmt, error);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_FOUND, "");
  return self;
}

/**
 * hs_certificate_lookup:
 *
 * The certificate already issued to @learner for a course, without issuing
 * one.  %HS_CERTIFICATE_ERROR_NOT_FOUND when there is none.
 */
HsCertificate *
hs_certificate_lookup (HsProgress  *progress,
                       HsLearner   *learner,
                       const char  *course_id,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  HsCertificate *self;
  HsStore *store;

  g_return_val_if_fail (HS_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (HS_IS_LEARNER (learner), NULL);
  g_return_val_if_fail (course_id != NULL, NULL);

  store = hs_progress_get_store (progress);
  self = step_one (store,
                   hs_store_query (store, &local_error,
                                   "SELECT " CERTIFICATE_COLUMNS " FROM certificates"
                                   " WHERE learner_id = ? AND course_id = ?",
                                   "Is", hs_learner_get_id (learner), course_id),
                   &local_error);
  if (g_error_matches (local_error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_FOUND))
    g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_FOUND,
                 _("%s has no certificate for the course “%s” yet."), hs_learner_get_name (learner), course_id);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return self;
}

/**
 * hs_certificate_find:
 * @serial: a serial number as printed, any letter case
 *
 * A certificate issued on this installation, by its serial number.
 */
HsCertificate *
hs_certificate_find (HsProgress  *progress,
                     const char  *serial,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *upper = NULL;
  HsCertificate *self;
  HsStore *store;

  g_return_val_if_fail (HS_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (serial != NULL, NULL);

  upper = g_ascii_strup (serial, -1);
  g_strstrip (upper);
  store = hs_progress_get_store (progress);
  self = step_one (store,
                   hs_store_query (store, &local_error,
                                   "SELECT " CERTIFICATE_COLUMNS " FROM certificates WHERE serial = ?",
                                   "s", upper),
                   &local_error);
  if (g_error_matches (local_error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_FOUND))
    g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_FOUND,
                 _("No certificate with the serial number “%s” was issued on this PC."), serial);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return self;
}

/**
 * hs_certificate_list:
 * @learner: (nullable): only this learner's
 *
 * Returns: (transfer full) (element-type HsCertificate): the certificates
 * issued on this installation, oldest first
 */
GPtrArray *
hs_certificate_list (HsProgress  *progress,
                     HsLearner   *learner,
                     GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  HsStore *store;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HS_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (learner == NULL || HS_IS_LEARNER (learner), NULL);

  store = hs_progress_get_store (progress);
  stmt = hs_store_query (store, error,
                         "SELECT " CERTIFICATE_COLUMNS " FROM certificates"
                         " WHERE ?1 < 0 OR learner_id = ?1 ORDER BY issued, id",
                         "I", learner ? hs_learner_get_id (learner) : (gint64) -1);
  if (stmt == NULL)
    return NULL;
  while ((rc = hs_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      HsCertificate *self = from_row (stmt, error);

      if (self == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (list, self);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

typedef struct {
  HsProgress     *progress;
  HsSchool       *school;
  HsKeyring      *keyring;
  HsLearner      *learner;
  HsCourse       *course;
  HsCertificate  *result;
} IssueData;

static char *
course_title_of_version (HsStore    *store,
                         HsCourse   *course,
                         const char *version)
{
  sqlite3_stmt *stmt;
  char *title = NULL;

  stmt = hs_store_query (store, NULL, "SELECT title FROM courses WHERE id = ? AND version = ?",
                         "ss", hs_course_get_id (course), version);
  if (stmt != NULL && hs_store_step (store, stmt, NULL) == SQLITE_ROW)
    title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return title != NULL ? title : g_strdup (hs_course_get_title (course));
}

static gboolean
issue_txn (HsStore   *store,
           gpointer   user_data,
           GError   **error)
{
  IssueData *data = user_data;
  g_autoptr(HsCertificate) self = NULL;
  g_autoptr(GPtrArray) completions = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = hs_utils_now_iso ();
  HsCourseCompletion *completion;
  double score = -1;

  /* Issued before: the same certificate again. */
  data->result = hs_certificate_lookup (data->progress, data->learner, hs_course_get_id (data->course),
                                        &local_error);
  if (data->result != NULL)
    return TRUE;
  if (!g_error_matches (local_error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  completions = hs_progress_list_completions (data->progress, data->learner, hs_course_get_id (data->course), error);
  if (completions == NULL)
    return FALSE;
  if (completions->len == 0)
    {
      g_auto(HsCourseProgress) progress = { 0 };

      if (!hs_progress_get_course (data->progress, data->learner, data->course, &progress, error))
        return FALSE;
      g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_COMPLETE,
                   _("%s has not completed “%s” yet (%u of %u required lessons done)."),
                   hs_learner_get_name (data->learner), hs_course_get_title (data->course),
                   progress.n_required_completed, progress.n_required);
      return FALSE;
    }
  completion = g_ptr_array_index (completions, 0);

  if (!hs_school_check_complete (data->school, error))
    return FALSE;
  if (!hs_progress_get_course_score (data->progress, data->learner, hs_course_get_id (data->course), &score, error))
    return FALSE;

  self = g_object_new (HS_TYPE_CERTIFICATE, NULL);
  if (!hs_utils_local_date (completion->time, &self->completed))
    g_date_set_time_t (&self->completed, time (NULL));
  self->course_id = g_strdup (hs_course_get_id (data->course));
  self->course_version = g_strdup (completion->course_version ? completion->course_version
                                                               : hs_course_get_version (data->course));
  self->score = score >= 0 ? (int) floor (score * 100 + 0.5) : -1;
  self->fingerprint = g_strdup (hs_keyring_get_fingerprint (data->keyring));
  self->issued = g_strdup (now);

  self->values[FIELD_NAME] = g_strdup (hs_learner_get_name (data->learner));
  self->values[FIELD_TITLE] = course_title_of_version (store, data->course, self->course_version);
  self->values[FIELD_COURSE] = g_strdup_printf ("%s %s", self->course_id, self->course_version);
  self->values[FIELD_COMPLETED] = format_short_date (&self->completed);
  if (self->score >= 0)
    self->values[FIELD_SCORE] = g_strdup_printf ("%d%%", self->score);
  self->values[FIELD_SCHOOL] = hs_school_get_text (data->school, HS_SCHOOL_NAME);
  self->values[FIELD_UNIT] = hs_school_get_text (data->school, HS_SCHOOL_UNIT);
  if (*self->values[FIELD_UNIT] == '\0')
    g_clear_pointer (&self->values[FIELD_UNIT], g_free);
  self->values[FIELD_PRINCIPAL] = hs_school_get_text (data->school, HS_SCHOOL_PRINCIPAL_NAME);
  self->values[FIELD_PRINCIPAL_TITLE] = hs_school_get_text (data->school, HS_SCHOOL_PRINCIPAL_TITLE);
  self->values[FIELD_KEY] = hs_keyring_format_fingerprint (self->fingerprint);

  /* A new serial until one is free: 40 random bits rarely collide. */
  for (guint attempt = 0; ; attempt++)
    {
      g_clear_pointer (&self->values[FIELD_SERIAL], g_free);
      self->values[FIELD_SERIAL] = new_serial ();
      g_clear_pointer (&self->values[FIELD_SIGNATURE], g_free);
      build_texts (self);
      self->values[FIELD_SIGNATURE] = hs_keyring_sign (data->keyring, self->signed_text, strlen (self->signed_text));
      build_texts (self);

      g_clear_error (&local_error);
      if (hs_store_run (store, &local_error,
                        "INSERT INTO certificates (serial, learner_id, course_id, course_version, completed,"
                        " score, issued, key_fingerprint, payload)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 < 0 THEN NULL ELSE ?6 END, ?7, ?8, ?9)",
                        "sIsssdsss",
                        self->values[FIELD_SERIAL], hs_learner_get_id (data->learner), self->course_id,
                        self->course_version, completion->time, score, now, self->fingerprint,
                        self->payload))
        break;
      if (!g_error_matches (local_error, HS_STORE_ERROR, HS_STORE_ERROR_CONSTRAINT) || attempt >= 8)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  data->result = g_steal_pointer (&self);
  return TRUE;
}

/**
 * hs_certificate_issue:
 *
 * The certificate of @learner for @course: the one issued before, or a
 * new one when the learner has completed a course whose course.json enables
 * certificates.  The facts are the completion's (its local date and the
 * version completed), the learner's score on the course's quizzes, and the
 * school's settings as they are now; once issued, a certificate never
 * changes.
 */
HsCertificate *
hs_certificate_issue (HsProgress  *progress,
                      HsSchool    *school,
                      HsKeyring   *keyring,
                      HsLearner   *learner,
                      HsCourse    *course,
                      GError     **error)
{
  IssueData data = { progress, school, keyring, learner, course, NULL };

  g_return_val_if_fail (HS_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (HS_IS_SCHOOL (school), NULL);
  g_return_val_if_fail (HS_IS_KEYRING (keyring), NULL);
  g_return_val_if_fail (HS_IS_LEARNER (learner), NULL);
  g_return_val_if_fail (HS_IS_COURSE (course), NULL);

  if (!hs_course_get_certificate_enabled (course))
    {
      g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_ENABLED,
                   _("The course “%s” does not give a certificate."), hs_course_get_title (course));
      return NULL;
    }

  if (!hs_store_transaction (hs_progress_get_store (progress), issue_txn, &data, error))
    {
      g_clear_object (&data.result);
      return NULL;
    }
  return data.result;
}

/**
 * hs_certificate_issue_pending:
 *
 * Issues every certificate that is due: each completion of an installed
 * course that gives one and has none yet.  Nothing is issued while the
 * school's name or the principal's is missing.
 *
 * Returns: (transfer full) (element-type HsCertificate): the new ones
 */
GPtrArray *
hs_certificate_issue_pending (HsProgress  *progress,
                              HsSchool    *school,
                              HsKeyring   *keyring,
                              GError     **error)
{
  g_autoptr(GPtrArray) issued = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) completions = NULL;
  g_autoptr(GPtrArray) learners = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  HsStore *store;

  g_return_val_if_fail (HS_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (HS_IS_SCHOOL (school), NULL);
  g_return_val_if_fail (HS_IS_KEYRING (keyring), NULL);

  if (!hs_school_check_complete (school, NULL))
    return g_steal_pointer (&issued);

  store = hs_progress_get_store (progress);
  learners = hs_progress_list_learners (progress, error);
  completions = learners ? hs_progress_list_completions (progress, NULL, NULL, error) : NULL;
  if (completions == NULL)
    return NULL;
  for (guint i = 0; i < learners->len; i++)
    {
      HsLearner *learner = g_ptr_array_index (learners, i);
      gint64 *key = g_new (gint64, 1);

      *key = hs_learner_get_id (learner);
      g_hash_table_insert (by_id, key, learner);
    }

  for (guint i = 0; i < completions->len; i++)
    {
      HsCourseCompletion *completion = g_ptr_array_index (completions, i);
      HsLearner *learner = g_hash_table_lookup (by_id, &completion->learner_id);
      g_autoptr(HsCourse) course = NULL;
      g_autoptr(HsCertificate) certificate = NULL;
      g_autoptr(GError) local_error = NULL;
      sqlite3_stmt *stmt;
      gboolean exists = FALSE;
      int rc;

      if (learner == NULL)
        continue;
      stmt = hs_store_query (store, error, "SELECT 1 FROM certificates WHERE learner_id = ? AND course_id = ?",
                             "Is", completion->learner_id, completion->course_id);
      if (stmt == NULL)
        return NULL;
      rc = hs_store_step (store, stmt, error);
      exists = rc == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (rc == -1)
        return NULL;
      if (exists)
        continue;

      course = hs_library_get_course (hs_progress_get_library (progress), completion->course_id, NULL);
      if (course == NULL || !hs_course_get_certificate_enabled (course))
        continue;

      certificate = hs_certificate_issue (progress, school, keyring, learner, course, &local_error);
      if (certificate == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_ptr_array_add (issued, g_steal_pointer (&certificate));
    }

  return g_steal_pointer (&issued);
}

/* Getters. */

const char *
hs_certificate_get_payload (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->payload;
}

const char *
hs_certificate_get_serial (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->values[FIELD_SERIAL];
}

const char *
hs_certificate_get_learner_name (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->values[FIELD_NAME];
}

const char *
hs_certificate_get_course_id (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->course_id;
}

const char *
hs_certificate_get_course_version (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->course_version;
}

const char *
hs_certificate_get_course_title (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->values[FIELD_TITLE];
}

const GDate *
hs_certificate_get_completed (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return &self->completed;
}

/* The score in percent, or -1 when the course has no quizzes. */
int
hs_certificate_get_score (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), -1);
  return self->score;
}

const char *
hs_certificate_get_school (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->values[FIELD_SCHOOL];
}

/* Returns: (nullable): the unit above the school, when one was set */
const char *
hs_certificate_get_unit (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->values[FIELD_UNIT];
}

const char *
hs_certificate_get_principal (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->values[FIELD_PRINCIPAL];
}

const char *
hs_certificate_get_principal_title (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->values[FIELD_PRINCIPAL_TITLE];
}

const char *
hs_certificate_get_key_fingerprint (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->fingerprint;
}

/* Returns: (nullable): when it was issued, for certificates read from the
 * database */
const char *
hs_certificate_get_issued (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return self->issued;
}

/* The completion date as the payload writes it: "20/11/2025". */
char *
hs_certificate_format_date (HsCertificate *self)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), NULL);
  return format_short_date (&self->completed);
}

/* The PDF. */

/* The QR code of @text in a square of @size points, four modules of quiet
 * zone included; each row is drawn as runs, so no hairlines show between
 * neighbouring modules. */
static gboolean
draw_qr (cairo_t     *cr,
         const char  *text,
         double       x,
         double       y,
         double       size,
         GError     **error)
{
  QRcode *qr = QRcode_encodeData (strlen (text), (const unsigned char *) text, 0, QR_ECLEVEL_M);
  double module;

  if (qr == NULL)
    {
      g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_WRITE,
                   _("Could not make the QR code: %s"), g_strerror (errno));
      return FALSE;
    }

  module = size / (qr->width + 8);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; )
      {
        int start = col;

        while (col < qr->width && (qr->data[row * qr->width + col] & 1))
          col++;
        if (col > start)
          cairo_rectangle (cr, x + (start + 4) * module, y + (row + 4) * module,
                           (col - start) * module, module);
        else
          col++;
      }
  cairo_fill (cr);

  QRcode_free (qr);
  return TRUE;
}

static void
draw_frame (cairo_t *cr)
{
  hs_pdf_set_color (cr, &hs_pdf_red);
  cairo_set_line_width (cr, 3.5);
  cairo_rectangle (cr, 20, 20, PAGE_WIDTH - 40, PAGE_HEIGHT - 40);
  cairo_stroke (cr);

  hs_pdf_set_color (cr, &hs_pdf_gold);
  cairo_set_line_width (cr, 1.2);
  cairo_rectangle (cr, 28, 28, PAGE_WIDTH - 56, PAGE_HEIGHT - 56);
  cairo_stroke (cr);

  /* Small diamonds in the corners of the inner frame. */
  for (int i = 0; i < 4; i++)
    {
      double cx = i % 2 == 0 ? 28 : PAGE_WIDTH - 28;
      double cy = i < 2 ? 28 : PAGE_HEIGHT - 28;

      cairo_move_to (cr, cx, cy - 7);
      cairo_line_to (cr, cx + 7, cy);
      cairo_line_to (cr, cx, cy + 7);
      cairo_line_to (cr, cx - 7, cy);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static gboolean
draw_certificate (HsCertificate  *self,
                  HsSchool       *school,
                  const char     *payload,
                  cairo_t        *cr,
                  GError        **error)
{
  const double right_centre = PAGE_WIDTH - 215, column = 330;
  const double body_x = 80, body_width = PAGE_WIDTH - 160;
  g_autofree char *title_upper = g_utf8_strup (self->values[FIELD_PRINCIPAL_TITLE], -1);
  g_autofree char *when = hs_pdf_long_date (&self->completed);
  g_autofree char *short_date = format_short_date (&self->completed);
  g_autofree char *key = hs_keyring_format_fingerprint (self->fingerprint);
  g_autofree char *date_line = NULL;
  g_autofree char *certifies = NULL;
  g_autofree char *details = NULL;
  g_autofree char *serial_line = NULL;
  g_autofree char *check_text = NULL;
  double y;

  draw_frame (cr);
  hs_pdf_header (cr, self->values[FIELD_UNIT], self->values[FIELD_SCHOOL], 215, right_centre, column, 52);
  if (school != NULL)
    hs_school_paint_image (school, HS_SCHOOL_IMAGE_LOGO, cr, PAGE_WIDTH / 2 - 32, 44, 64, 64);

  /* The certificate itself. */
  y = 122;
  y += hs_pdf_text (cr, "GIẤY CHỨNG NHẬN", "Noto Serif Bold 40", &hs_pdf_red,
                    60, y, PAGE_WIDTH - 120, PANGO_ALIGN_CENTER);
  y += 8;
  certifies = g_strdup_printf ("%s chứng nhận", self->values[FIELD_SCHOOL]);
  y += hs_pdf_text (cr, certifies, "Noto Serif Italic 15", &hs_pdf_ink, body_x, y, body_width, PANGO_ALIGN_CENTER);
  y += 8;
  y += hs_pdf_text (cr, self->values[FIELD_NAME], "Noto Serif Bold 30", &hs_pdf_navy,
                    body_x, y, body_width, PANGO_ALIGN_CENTER);
  y += 6;
  y += hs_pdf_text (cr, "Đã hoàn thành khoá học", "Noto Serif 15", &hs_pdf_ink,
                    body_x, y, body_width, PANGO_ALIGN_CENTER);
  y += 4;
  y += hs_pdf_text (cr, self->values[FIELD_TITLE], "Noto Serif Bold 21", &hs_pdf_red,
                    110, y, PAGE_WIDTH - 220, PANGO_ALIGN_CENTER);
  y += 8;
  if (self->score >= 0)
    details = g_strdup_printf ("Phiên bản %s  ·  Điểm bài kiểm tra: %d%%  ·  Hoàn thành ngày %s",
                               self->course_version, self->score, short_date);
  else
    details = g_strdup_printf ("Phiên bản %s  ·  Hoàn thành ngày %s", self->course_version, short_date);
  hs_pdf_text (cr, details, "Noto Sans 12", &hs_pdf_grey, body_x, y, body_width, PANGO_ALIGN_CENTER);

  /* The signature block, on the right. */
  y = 392;
  date_line = g_strdup_printf ("%c%s", g_ascii_toupper (when[0]), when + 1);
  y += hs_pdf_text (cr, date_line, "Noto Serif Italic 12", &hs_pdf_ink,
                    right_centre - column / 2, y, column, PANGO_ALIGN_CENTER);
  y += 2;
  y += hs_pdf_text (cr, title_upper, "Noto Sans Bold 12", &hs_pdf_ink,
                    right_centre - column / 2, y, column, PANGO_ALIGN_CENTER);
  if (school != NULL)
    hs_school_paint_image (school, HS_SCHOOL_IMAGE_SIGNATURE, cr, right_centre - 90, y + 4, 180, 64);
  y += 76;
  hs_pdf_text (cr, self->values[FIELD_PRINCIPAL], "Noto Sans Bold 13", &hs_pdf_ink,
               right_centre - column / 2, y, column, PANGO_ALIGN_CENTER);

  /* The QR code and how to check it, on the left. */
  if (!draw_qr (cr, payload, 52, 400, 140, error))
    return FALSE;
  serial_line = g_strdup_printf ("Số hiệu: %s", self->values[FIELD_SERIAL]);
  y = 408;
  y += hs_pdf_text (cr, serial_line, "Noto Sans Bold 11", &hs_pdf_ink, 200, y, 230, PANGO_ALIGN_LEFT);
  y += 4;
  check_text = g_strdup_printf ("Giấy chứng nhận được ký số. Quét mã QR để đọc thông tin đã ký; "
                                "kiểm tra bằng Học Số với lệnh “hocso certificate verify”, "
                                "không cần mạng.\nMã khoá ký: %s", key);
  hs_pdf_text (cr, check_text, "Noto Sans 8.5", &hs_pdf_grey, 200, y, 215, PANGO_ALIGN_LEFT);

  return TRUE;
}

/* Cairo's PDF metadata dates are ISO 8601. */
static char *
metadata_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02uT00:00:00", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gboolean
_hs_certificate_write_pdf_with_payload (HsCertificate  *self,
                                        HsSchool       *school,
                                        const char     *payload,
                                        const char     *path,
                                        GError        **error)
{
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *created = NULL;
  cairo_surface_t *surface;
  HsPdfWriter *writer;
  cairo_t *cr;
  gboolean drawn;

  writer = hs_pdf_writer_new (path, PAGE_WIDTH, PAGE_HEIGHT, error);
  if (writer == NULL)
    return FALSE;
  surface = hs_pdf_writer_get_surface (writer);

  title = g_strdup_printf ("Giấy chứng nhận – %s – %s", self->values[FIELD_NAME], self->values[FIELD_TITLE]);
  subject = g_strdup_printf ("Giấy chứng nhận hoàn thành khoá học “%s”, số hiệu %s",
                             self->values[FIELD_TITLE], self->values[FIELD_SERIAL]);
  created = metadata_date (&self->completed);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->values[FIELD_SCHOOL]);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, payload);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Học Số " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  cr = cairo_create (surface);
  drawn = draw_certificate (self, school, payload, cr, error);
  cairo_show_page (cr);
  if (drawn && cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, cairo_status_to_string (cairo_status (cr)));
      drawn = FALSE;
    }
  cairo_destroy (cr);

  return hs_pdf_writer_finish (writer, drawn, error);
}

/**
 * hs_certificate_write_pdf:
 * @school: (nullable): where the logo and signature images come from
 *
 * Draws the certificate on one A4 landscape page: the school and the unit
 * above it, the national motto, the learner, the course, the date and
 * score, the principal's signature block, the QR code of the payload and
 * the serial number.  The texts all come from the signed payload; only the
 * images are the school's current ones.
 */
gboolean
hs_certificate_write_pdf (HsCertificate  *self,
                          HsSchool       *school,
                          const char     *path,
                          GError        **error)
{
  g_return_val_if_fail (HS_IS_CERTIFICATE (self), FALSE);
  g_return_val_if_fail (school == NULL || HS_IS_SCHOOL (school), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return _hs_certificate_write_pdf_with_payload (self, school, self->payload, path, error);
}

/* Text compared the way the PDF's own text comes out: NFC, any run of
 * space as one, no letter case (the school's name is printed in capitals). */
static char *
comparable (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autofree char *folded = g_utf8_casefold (nfc, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * hs_certificate_read_pdf:
 *
 * Reads the certificate a PDF made by hs_certificate_write_pdf() carries,
 * and checks that the page shows its signed facts.  Verify it with
 * hs_certificate_verify() next.
 */
HsCertificate *
hs_certificate_read_pdf (const char  *path,
                         GError     **error)
{
  g_autoptr(HsCertificate) self = NULL;
  /* poppler-glib 22 declares no g_autoptr for its types. */
  g_autoptr(GObject) document = NULL;
  g_autoptr(GObject) page = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *date = NULL;
  g_autofree char *score = NULL;
  const char *facts[5];
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_A_CERTIFICATE,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  if (length > MAX_PDF_BYTES || length < 5 || memcmp (contents, "%PDF-", 5) != 0)
    {
      g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_A_CERTIFICATE,
                   _("“%s” is not a PDF file."), path);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  document = G_OBJECT (poppler_document_new_from_bytes (bytes, NULL, &local_error));
  if (document != NULL)
    keywords = poppler_document_get_keywords (POPPLER_DOCUMENT (document));
  if (document == NULL || keywords == NULL || !g_str_has_prefix (keywords, PAYLOAD_MAGIC) ||
      poppler_document_get_n_pages (POPPLER_DOCUMENT (document)) != 1)
    {
      g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_NOT_A_CERTIFICATE,
                   _("“%s” is not a certificate made by Học Số."), path);
      return NULL;
    }

  self = hs_certificate_parse (keywords, error);
  if (self == NULL)
    return NULL;

  page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
  page_text = page ? poppler_page_get_text (POPPLER_PAGE (page)) : NULL;
  shown = comparable (page_text ? page_text : "");
  date = format_short_date (&self->completed);
  score = self->score >= 0 ? g_strdup_printf ("%d%%", self->score) : NULL;
  facts[0] = self->values[FIELD_NAME];
  facts[1] = self->values[FIELD_TITLE];
  facts[2] = self->values[FIELD_SERIAL];
  facts[3] = date;
  facts[4] = score;
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      g_autofree char *wanted = facts[i] ? comparable (facts[i]) : NULL;

      if (wanted != NULL && strstr (shown, wanted) == NULL)
        {
          g_set_error (error, HS_CERTIFICATE_ERROR, HS_CERTIFICATE_ERROR_TEXT_MISMATCH,
                       _("NOT VALID: the page does not show “%s”, which its signed data holds. The printed text was changed; do not trust it."),
                       facts[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}
