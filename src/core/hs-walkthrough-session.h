/* hs-walkthrough-session.h — one learner practising one walkthrough lesson
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hs-progress.h"
#include "hs-walkthrough-run.h"

G_BEGIN_DECLS

#define HS_WALKTHROUGH_SESSION_ERROR (hs_walkthrough_session_error_quark ())

typedef enum {
  HS_WALKTHROUGH_SESSION_ERROR_NOT_A_WALKTHROUGH,
  HS_WALKTHROUGH_SESSION_ERROR_INVALID_REQUEST,
  HS_WALKTHROUGH_SESSION_ERROR_NOT_STARTED,
} HsWalkthroughSessionError;

#define HS_TYPE_WALKTHROUGH_SESSION (hs_walkthrough_session_get_type ())

G_DECLARE_FINAL_TYPE (HsWalkthroughSession, hs_walkthrough_session, HS, WALKTHROUGH_SESSION, GObject)

GQuark                hs_walkthrough_session_error_quark      (void);

HsWalkthroughSession *hs_walkthrough_session_new              (HsProgress            *progress,
                                                               HsLearner             *learner,
                                                               HsCourse              *course,
                                                               HsLesson              *lesson,
                                                               GError               **error) G_GNUC_WARN_UNUSED_RESULT;
HsWalkthrough        *hs_walkthrough_session_get_walkthrough  (HsWalkthroughSession  *self);
double                hs_walkthrough_session_get_pass_mark    (HsWalkthroughSession  *self);

JsonNode             *hs_walkthrough_session_get_state        (HsWalkthroughSession  *self,
                                                               GError               **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode             *hs_walkthrough_session_start            (HsWalkthroughSession  *self,
                                                               HsWalkthroughMode      mode,
                                                               GError               **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode             *hs_walkthrough_session_get_view         (HsWalkthroughSession  *self,
                                                               GError               **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode             *hs_walkthrough_session_watch            (HsWalkthroughSession  *self,
                                                               guint                  position,
                                                               GError               **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode             *hs_walkthrough_session_act              (HsWalkthroughSession  *self,
                                                               JsonNode              *action,
                                                               GError               **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode             *hs_walkthrough_session_get_results      (HsWalkthroughSession  *self,
                                                               GError               **error) G_GNUC_WARN_UNUSED_RESULT;

JsonNode             *hs_walkthrough_session_handle           (HsWalkthroughSession  *self,
                                                               JsonNode              *message,
                                                               GError               **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
