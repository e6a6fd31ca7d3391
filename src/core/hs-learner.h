/* hs-learner.h — one member of staff who learns on this PC
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hs-course.h"

G_BEGIN_DECLS

#define HS_TYPE_LEARNER (hs_learner_get_type ())

G_DECLARE_FINAL_TYPE (HsLearner, hs_learner, HS, LEARNER, GObject)

HsLearner  *hs_learner_new         (gint64      id,
                                    const char *uuid,
                                    const char *name,
                                    HsRole      role,
                                    const char *created) G_GNUC_WARN_UNUSED_RESULT;
gint64      hs_learner_get_id      (HsLearner  *self);
const char *hs_learner_get_uuid    (HsLearner  *self);
const char *hs_learner_get_name    (HsLearner  *self);
HsRole      hs_learner_get_role    (HsLearner  *self);
const char *hs_learner_get_created (HsLearner  *self);
gboolean    hs_learner_get_has_pin (HsLearner  *self);
void        hs_learner_set_has_pin (HsLearner  *self,
                                    gboolean    has_pin);

G_END_DECLS
