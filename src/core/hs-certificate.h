/* hs-certificate.h — signed certificates of course completion, as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-keyring.h"
#include "hs-progress.h"
#include "hs-school.h"

G_BEGIN_DECLS

#define HS_CERTIFICATE_ERROR (hs_certificate_error_quark ())

typedef enum {
  HS_CERTIFICATE_ERROR_NOT_ENABLED,
  HS_CERTIFICATE_ERROR_NOT_COMPLETE,
  HS_CERTIFICATE_ERROR_MALFORMED,
  HS_CERTIFICATE_ERROR_NOT_A_CERTIFICATE,
  HS_CERTIFICATE_ERROR_TAMPERED,
  HS_CERTIFICATE_ERROR_UNKNOWN_KEY,
  HS_CERTIFICATE_ERROR_TEXT_MISMATCH,
  HS_CERTIFICATE_ERROR_NOT_FOUND,
  HS_CERTIFICATE_ERROR_WRITE,
} HsCertificateError;

#define HS_TYPE_CERTIFICATE (hs_certificate_get_type ())

G_DECLARE_FINAL_TYPE (HsCertificate, hs_certificate, HS, CERTIFICATE, GObject)

GQuark         hs_certificate_error_quark        (void);
gboolean       hs_certificate_serial_is_valid    (const char     *serial);

HsCertificate *hs_certificate_issue              (HsProgress     *progress,
                                                  HsSchool       *school,
                                                  HsKeyring      *keyring,
                                                  HsLearner      *learner,
                                                  HsCourse       *course,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;
HsCertificate *hs_certificate_lookup             (HsProgress     *progress,
                                                  HsLearner      *learner,
                                                  const char     *course_id,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;
HsCertificate *hs_certificate_find               (HsProgress     *progress,
                                                  const char     *serial,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray     *hs_certificate_list               (HsProgress     *progress,
                                                  HsLearner      *learner,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray     *hs_certificate_issue_pending      (HsProgress     *progress,
                                                  HsSchool       *school,
                                                  HsKeyring      *keyring,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;

HsCertificate *hs_certificate_parse              (const char     *text,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;
HsCertificate *hs_certificate_read_pdf           (const char     *path,
                                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean       hs_certificate_verify             (HsCertificate  *self,
                                                  HsKeyring      *keyring,
                                                  char          **signer,
                                                  GError        **error);
gboolean       hs_certificate_write_pdf          (HsCertificate  *self,
                                                  HsSchool       *school,
                                                  const char     *path,
                                                  GError        **error);

const char    *hs_certificate_get_payload        (HsCertificate  *self);
const char    *hs_certificate_get_serial         (HsCertificate  *self);
const char    *hs_certificate_get_learner_name   (HsCertificate  *self);
const char    *hs_certificate_get_course_id      (HsCertificate  *self);
const char    *hs_certificate_get_course_version (HsCertificate  *self);
const char    *hs_certificate_get_course_title   (HsCertificate  *self);
const GDate   *hs_certificate_get_completed      (HsCertificate  *self);
int            hs_certificate_get_score          (HsCertificate  *self);
const char    *hs_certificate_get_school         (HsCertificate  *self);
const char    *hs_certificate_get_unit           (HsCertificate  *self);
const char    *hs_certificate_get_principal      (HsCertificate  *self);
const char    *hs_certificate_get_principal_title (HsCertificate *self);
const char    *hs_certificate_get_key_fingerprint (HsCertificate *self);
const char    *hs_certificate_get_issued         (HsCertificate  *self);
char          *hs_certificate_format_date        (HsCertificate  *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
