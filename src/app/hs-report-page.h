/* hs-report-page.h — the principal's report, behind the admin PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HS_TYPE_REPORT_PAGE (hs_report_page_get_type ())

G_DECLARE_FINAL_TYPE (HsReportPage, hs_report_page, HS, REPORT_PAGE, AdwBin)

void hs_report_page_reload   (HsReportPage *self);
int  hs_report_page_get_year (HsReportPage *self);
void hs_report_page_set_year (HsReportPage *self,
                              int           year);

G_END_DECLS
