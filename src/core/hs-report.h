/* hs-report.h — staff progress against the school's yearly target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hs-progress.h"
#include "hs-school.h"

G_BEGIN_DECLS

typedef enum {
  HS_REPORT_STATUS_ON_TRACK,   /* the share of staff who reached the level meets the target */
  HS_REPORT_STATUS_NOT_YET,    /* it does not, yet */
  HS_REPORT_STATUS_NO_TARGET,  /* no target applies to the year */
  HS_REPORT_STATUS_NO_STAFF,   /* nobody to count */
} HsReportStatus;

/* One learner and one course that counts. */
typedef struct {
  gboolean applies;        /* the course's audience holds the learner's role */
  gboolean completed;      /* by the end of the year */
  GDate    completed_on;   /* the local day, when completed */
  int      score;          /* best quiz score so far, percent, or -1 */
} HsReportCell;

typedef struct {
  HsLearner    *learner;
  HsReportCell *cells;      /* one per course of hs_report_get_courses() */
  guint         n_required; /* courses that apply to the learner's role */
  guint         n_completed;
  gboolean      reached;
  GDate         reached_on; /* the day the last required course was completed */
} HsReportRow;

#define HS_TYPE_REPORT (hs_report_get_type ())

G_DECLARE_FINAL_TYPE (HsReport, hs_report, HS, REPORT, GObject)

const char        *hs_report_status_to_string   (HsReportStatus  status);

HsReport          *hs_report_new                (HsProgress     *progress,
                                                 HsSchool       *school,
                                                 int             year,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
int                hs_report_get_year           (HsReport       *self);
int                hs_report_get_target         (HsReport       *self,
                                                 int            *from_year);
guint              hs_report_get_n_staff        (HsReport       *self);
guint              hs_report_get_n_reached      (HsReport       *self);
double             hs_report_get_percent        (HsReport       *self);
HsReportStatus     hs_report_get_status         (HsReport       *self);
guint              hs_report_get_n_needed       (HsReport       *self);
gboolean           hs_report_get_default_courses (HsReport      *self);
GPtrArray         *hs_report_get_courses        (HsReport       *self);
const char * const *hs_report_get_missing_courses (HsReport     *self);
guint              hs_report_get_n_rows         (HsReport       *self);
const HsReportRow *hs_report_get_row            (HsReport       *self,
                                                 guint           index);
void               hs_report_get_role_counts    (HsReport       *self,
                                                 HsRole          role,
                                                 guint          *n_staff,
                                                 guint          *n_reached);

JsonNode          *hs_report_to_json            (HsReport       *self) G_GNUC_WARN_UNUSED_RESULT;
char              *hs_report_to_csv             (HsReport       *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean           hs_report_write_pdf          (HsReport       *self,
                                                 const char     *path,
                                                 GError        **error);

G_END_DECLS
