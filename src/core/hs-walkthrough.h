/* hs-walkthrough.h — guided practice on a simulated phone: the walkthrough
 * format, step checking, the fake-data guard and the rules of the modes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HS_WALKTHROUGH_ERROR (hs_walkthrough_error_quark ())

typedef enum {
  HS_WALKTHROUGH_ERROR_NOT_FOUND,
  HS_WALKTHROUGH_ERROR_TOO_LARGE,
  HS_WALKTHROUGH_ERROR_INVALID_JSON,
  HS_WALKTHROUGH_ERROR_UNSUPPORTED_FORMAT,
  HS_WALKTHROUGH_ERROR_MISSING_FIELD,
  HS_WALKTHROUGH_ERROR_INVALID_FIELD,
  HS_WALKTHROUGH_ERROR_DUPLICATE_ID,
  HS_WALKTHROUGH_ERROR_TOO_FEW,
  HS_WALKTHROUGH_ERROR_ANSWER_KEY,
  HS_WALKTHROUGH_ERROR_MISSING_FILE,
  HS_WALKTHROUGH_ERROR_TARGET_OUTSIDE,
  HS_WALKTHROUGH_ERROR_TARGET_TOO_SMALL,
  HS_WALKTHROUGH_ERROR_TARGET_OVERLAP,
  HS_WALKTHROUGH_ERROR_NO_HOTSPOT,
  HS_WALKTHROUGH_ERROR_VALUE_NOT_SHOWN,
  HS_WALKTHROUGH_ERROR_UNKNOWN_SCREEN,
  HS_WALKTHROUGH_ERROR_UNKNOWN_STEP,
  HS_WALKTHROUGH_ERROR_UNREACHABLE,
  HS_WALKTHROUGH_ERROR_DEAD_END,
  HS_WALKTHROUGH_ERROR_INVALID_ACTION,
} HsWalkthroughError;

/* What a step asks the learner to do. */
typedef enum {
  HS_WALKTHROUGH_ACTION_TAP,
  HS_WALKTHROUGH_ACTION_TYPE,
  HS_WALKTHROUGH_ACTION_CHOICE,
} HsWalkthroughAction;

typedef enum {
  HS_WALKTHROUGH_MODE_WATCH,
  HS_WALKTHROUGH_MODE_TRY,
  HS_WALKTHROUGH_MODE_TEST,
} HsWalkthroughMode;

/* What became of one action: right (go to "next"), a branch the author
 * foresaw (go where it leads), a plain miss (stay), or typed text that
 * looks like real personal data (stay, and explain). */
typedef enum {
  HS_WALKTHROUGH_OUTCOME_RIGHT,
  HS_WALKTHROUGH_OUTCOME_BRANCH,
  HS_WALKTHROUGH_OUTCOME_MISS,
  HS_WALKTHROUGH_OUTCOME_GUARD,
} HsWalkthroughOutcome;

/* Which kind of real-looking data the fake-data guard saw. */
typedef enum {
  HS_WALKTHROUGH_GUARD_NONE,
  HS_WALKTHROUGH_GUARD_CITIZEN_ID,
  HS_WALKTHROUGH_GUARD_PHONE,
  HS_WALKTHROUGH_GUARD_OTP,
} HsWalkthroughGuard;

/* The largest walkthrough file read, and the deepest nesting accepted. */
#define HS_WALKTHROUGH_MAX_SIZE  (1024 * 1024)
#define HS_WALKTHROUGH_MAX_DEPTH 32

/* The "next" that ends the walkthrough; no step may take this id. */
#define HS_WALKTHROUGH_END "end"

/* The smallest width and height of anything a learner taps or types into,
 * in CSS px of the device at 100 % scale. */
#define HS_WALKTHROUGH_MIN_TARGET 48

/* In Try mode the hint and the target's highlight show after this many
 * misses on a step. */
#define HS_WALKTHROUGH_HINT_AFTER_MISSES 2

/* The pass mark when neither the walkthrough nor the course sets one. */
#define HS_WALKTHROUGH_DEFAULT_PASS_MARK 0.8

/* The result of hs_walkthrough_check().  The strings belong to the
 * walkthrough and live as long as it does. */
typedef struct {
  HsWalkthroughOutcome  outcome;
  const char           *next;       /* RIGHT, BRANCH: a step id or HS_WALKTHROUGH_END */
  const char           *branch;     /* BRANCH: the branch's id, or the chosen option's */
  const char           *feedback;   /* what the author wrote for this action, or NULL */
  HsWalkthroughGuard    guard;      /* GUARD: what it looked like */
} HsWalkthroughCheck;

#define HS_TYPE_WALKTHROUGH (hs_walkthrough_get_type ())

G_DECLARE_FINAL_TYPE (HsWalkthrough, hs_walkthrough, HS, WALKTHROUGH, GObject)

GQuark              hs_walkthrough_error_quark           (void);

HsWalkthrough      *hs_walkthrough_parse                 (const char          *json,
                                                          gssize               length,
                                                          const char          *name,
                                                          const char          *root,
                                                          GError             **error) G_GNUC_WARN_UNUSED_RESULT;
HsWalkthrough      *hs_walkthrough_load                  (const char          *root,
                                                          const char          *src,
                                                          GError             **error) G_GNUC_WARN_UNUSED_RESULT;

const char         *hs_walkthrough_get_name              (HsWalkthrough       *self);
const char         *hs_walkthrough_get_title             (HsWalkthrough       *self);
/* NaN when the walkthrough leaves it to the course. */
double              hs_walkthrough_get_pass_mark         (HsWalkthrough       *self);
double              hs_walkthrough_resolve_pass_mark     (HsWalkthrough       *self,
                                                          double               course_pass_mark);
guint               hs_walkthrough_get_device_width      (HsWalkthrough       *self);
guint               hs_walkthrough_get_device_height     (HsWalkthrough       *self);
const char         *hs_walkthrough_get_start             (HsWalkthrough       *self);
guint               hs_walkthrough_get_n_steps           (HsWalkthrough       *self);
const char         *hs_walkthrough_get_step_id           (HsWalkthrough       *self,
                                                          guint                index);
gboolean            hs_walkthrough_get_step_action       (HsWalkthrough       *self,
                                                          const char          *step_id,
                                                          HsWalkthroughAction *action);
const char         *hs_walkthrough_get_step_screen       (HsWalkthrough       *self,
                                                          const char          *step_id);
const char         *hs_walkthrough_get_step_next         (HsWalkthrough       *self,
                                                          const char          *step_id);
gboolean            hs_walkthrough_step_is_scored        (HsWalkthrough       *self,
                                                          const char          *step_id);
const char * const *hs_walkthrough_get_path              (HsWalkthrough       *self);
const char * const *hs_walkthrough_get_invented_values   (HsWalkthrough       *self);

JsonNode           *hs_walkthrough_to_public_json        (HsWalkthrough       *self,
                                                          HsWalkthroughMode    mode) G_GNUC_WARN_UNUSED_RESULT;
JsonNode           *hs_walkthrough_step_to_public_json   (HsWalkthrough       *self,
                                                          const char          *step_id,
                                                          HsWalkthroughMode    mode) G_GNUC_WARN_UNUSED_RESULT;

gboolean            hs_walkthrough_check                 (HsWalkthrough       *self,
                                                          const char          *step_id,
                                                          JsonNode            *action,
                                                          HsWalkthroughCheck  *check,
                                                          GError             **error);
JsonNode           *hs_walkthrough_check_to_json         (const HsWalkthroughCheck *check) G_GNUC_WARN_UNUSED_RESULT;
JsonNode           *hs_walkthrough_action_to_record      (HsWalkthrough       *self,
                                                          const char          *step_id,
                                                          JsonNode            *action,
                                                          const HsWalkthroughCheck *check) G_GNUC_WARN_UNUSED_RESULT;

HsWalkthroughGuard  hs_walkthrough_guard_check           (const char          *text,
                                                          const char * const  *invented);
const char         *hs_walkthrough_guard_to_string       (HsWalkthroughGuard   guard);
const char         *hs_walkthrough_guard_get_message     (HsWalkthroughGuard   guard);

gboolean            hs_walkthrough_mode_shows_hint       (HsWalkthroughMode    mode,
                                                          guint                misses);
gboolean            hs_walkthrough_passes                (double               score,
                                                          double               pass_mark);

const char         *hs_walkthrough_mode_to_string        (HsWalkthroughMode    mode);
gboolean            hs_walkthrough_mode_from_string      (const char          *str,
                                                          HsWalkthroughMode   *mode);
const char         *hs_walkthrough_action_to_string      (HsWalkthroughAction  action);
const char         *hs_walkthrough_outcome_to_string     (HsWalkthroughOutcome outcome);

G_END_DECLS
