/* hs-certificate-private.h — for the tests only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-certificate.h"

G_BEGIN_DECLS

/* Draws @self's page with another payload in its QR code and metadata: how
 * the tests make a PDF whose printed text and signed data disagree. */
gboolean _hs_certificate_write_pdf_with_payload (HsCertificate  *self,
                                                 HsSchool       *school,
                                                 const char     *payload,
                                                 const char     *path,
                                                 GError        **error);

G_END_DECLS
