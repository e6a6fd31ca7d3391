/* hs-learner-chooser.h — "Who is learning?": big tiles of the staff on this PC
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hs-learner.h"

G_BEGIN_DECLS

#define HS_TYPE_LEARNER_CHOOSER (hs_learner_chooser_get_type ())

/* Signals:
 *   learner-chosen (HsLearner *learner): a tile was picked (and its PIN, if
 *   any, was right), or a new person was added. */
G_DECLARE_FINAL_TYPE (HsLearnerChooser, hs_learner_chooser, HS, LEARNER_CHOOSER, AdwBin)

GtkWidget *hs_learner_chooser_new    (void);
void       hs_learner_chooser_reload (HsLearnerChooser *self);

G_END_DECLS
