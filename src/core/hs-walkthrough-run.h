/* hs-walkthrough-run.h — one learner going through a walkthrough in one mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-walkthrough.h"

G_BEGIN_DECLS

#define HS_TYPE_WALKTHROUGH_RUN (hs_walkthrough_run_get_type ())

G_DECLARE_FINAL_TYPE (HsWalkthroughRun, hs_walkthrough_run, HS, WALKTHROUGH_RUN, GObject)

HsWalkthroughRun   *hs_walkthrough_run_new              (HsWalkthrough       *walkthrough,
                                                         HsWalkthroughMode    mode) G_GNUC_WARN_UNUSED_RESULT;
HsWalkthroughRun   *hs_walkthrough_run_resume           (HsWalkthrough       *walkthrough,
                                                         HsWalkthroughMode    mode,
                                                         JsonArray           *results,
                                                         const char          *step_id,
                                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
HsWalkthrough      *hs_walkthrough_run_get_walkthrough  (HsWalkthroughRun    *self);
HsWalkthroughMode   hs_walkthrough_run_get_mode         (HsWalkthroughRun    *self);
const char         *hs_walkthrough_run_get_step         (HsWalkthroughRun    *self);
gboolean            hs_walkthrough_run_is_finished      (HsWalkthroughRun    *self);

gboolean            hs_walkthrough_run_act              (HsWalkthroughRun    *self,
                                                         JsonNode            *action,
                                                         HsWalkthroughCheck  *check,
                                                         GError             **error);

guint               hs_walkthrough_run_get_misses       (HsWalkthroughRun    *self);
guint               hs_walkthrough_run_get_total_misses (HsWalkthroughRun    *self);
gboolean            hs_walkthrough_run_shows_hint       (HsWalkthroughRun    *self);

const char * const *hs_walkthrough_run_get_visited      (HsWalkthroughRun    *self);
guint               hs_walkthrough_run_get_n_scored     (HsWalkthroughRun    *self);
guint               hs_walkthrough_run_get_n_right      (HsWalkthroughRun    *self);
guint               hs_walkthrough_run_get_n_done       (HsWalkthroughRun    *self);
double              hs_walkthrough_run_get_score        (HsWalkthroughRun    *self);
gboolean            hs_walkthrough_run_get_passed       (HsWalkthroughRun    *self,
                                                         double               course_pass_mark);
JsonNode           *hs_walkthrough_run_step_result_to_json (HsWalkthroughRun *self,
                                                         const char          *step_id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
