/* hs-walkthrough-run.c — one learner going through a walkthrough in one mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-walkthrough-run"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "hs-walkthrough-run.h"

/* What became of one step the learner reached. */
typedef struct {
  guint                 tries;     /* actions on it, the right one included */
  guint                 misses;    /* misses, branches taken and guard stops */
  gboolean              acted;
  gboolean              done;      /* a right action was made on it */
  HsWalkthroughOutcome  first;     /* the outcome of the first action */
  JsonNode             *record;    /* the first action, as it may be stored */
} StepResult;

struct _HsWalkthroughRun
{
  GObject            parent_instance;

  HsWalkthrough     *walkthrough;
  HsWalkthroughMode  mode;
  const char        *step;          /* owned by the walkthrough; NULL once finished */
  GHashTable        *results;       /* step id → StepResult */
  GPtrArray         *visited;       /* step ids in the order first reached, NULL-terminated */
  guint              total_misses;
};

G_DEFINE_FINAL_TYPE (HsWalkthroughRun, hs_walkthrough_run, G_TYPE_OBJECT)

static void
step_result_free (gpointer data)
{
  StepResult *result = data;

  g_clear_pointer (&result->record, json_node_unref);
  g_free (result);
}

static void
enter (HsWalkthroughRun *self,
       const char       *step_id)
{
  if (g_str_equal (step_id, HS_WALKTHROUGH_END))
    {
      self->step = NULL;
      return;
    }

  /* Step ids and "next"s belong to the walkthrough, which the run keeps
   * alive. */
  self->step = step_id;

  if (!g_hash_table_contains (self->results, self->step))
    {
      g_hash_table_insert (self->results, (gpointer) self->step, g_new0 (StepResult, 1));
      g_ptr_array_insert (self->visited, self->visited->len - 1, (gpointer) self->step);
    }
}

static void
hs_walkthrough_run_finalize (GObject *object)
{
  HsWalkthroughRun *self = (HsWalkthroughRun *)object;

  g_clear_pointer (&self->results, g_hash_table_unref);
  g_clear_pointer (&self->visited, g_ptr_array_unref);
  g_clear_object (&self->walkthrough);

  G_OBJECT_CLASS (hs_walkthrough_run_parent_class)->finalize (object);
}

static void
hs_walkthrough_run_class_init (HsWalkthroughRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_walkthrough_run_finalize;
}

static void
hs_walkthrough_run_init (HsWalkthroughRun *self)
{
  self->results = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, step_result_free);
  self->visited = g_ptr_array_new ();
  g_ptr_array_add (self->visited, NULL);
}

/**
 * hs_walkthrough_run_new:
 * @walkthrough: the walkthrough to go through
 * @mode: Watch, Try or Test
 *
 * Starts a run at the walkthrough's first step.  The run is where a
 * learner is, how often they missed each step and, in Test mode, the
 * score: the page only shows and asks, it decides nothing.
 */
HsWalkthroughRun *
hs_walkthrough_run_new (HsWalkthrough     *walkthrough,
                        HsWalkthroughMode  mode)
{
  HsWalkthroughRun *self;

  g_return_val_if_fail (HS_IS_WALKTHROUGH (walkthrough), NULL);
  g_return_val_if_fail (hs_walkthrough_mode_to_string (mode) != NULL, NULL);

  self = g_object_new (HS_TYPE_WALKTHROUGH_RUN, NULL);
  self->walkthrough = g_object_ref (walkthrough);
  self->mode = mode;
  enter (self, hs_walkthrough_get_start (walkthrough));
  return self;
}

static gboolean
outcome_from_string (const char           *str,
                     HsWalkthroughOutcome *outcome)
{
  for (guint i = HS_WALKTHROUGH_OUTCOME_RIGHT; i <= HS_WALKTHROUGH_OUTCOME_GUARD; i++)
    if (g_strcmp0 (str, hs_walkthrough_outcome_to_string (i)) == 0)
      {
        *outcome = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
read_count (JsonObject *object,
            const char *name,
            guint      *out)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXUINT)
    return FALSE;
  *out = (guint) json_node_get_int (node);
  return TRUE;
}

/* Reads one saved step result back; FALSE when it is not one. */
static gboolean
read_result (JsonNode    *node,
             const char **step_id,
             StepResult  *result)
{
  JsonObject *object;
  JsonNode *done, *response;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  *step_id = json_object_get_string_member_with_default (object, "step", NULL);
  done = json_object_get_member (object, "done");
  response = json_object_get_member (object, "response");
  if (*step_id == NULL || !read_count (object, "tries", &result->tries) ||
      !read_count (object, "misses", &result->misses) ||
      done == NULL || !JSON_NODE_HOLDS_VALUE (done) || json_node_get_value_type (done) != G_TYPE_BOOLEAN ||
      response == NULL)
    return FALSE;
  result->done = json_node_get_boolean (done);

  if (JSON_NODE_HOLDS_NULL (response))
    return result->tries == 0;
  if (!JSON_NODE_HOLDS_OBJECT (response) ||
      !outcome_from_string (json_object_get_string_member_with_default (json_node_get_object (response), "outcome", NULL),
                            &result->first))
    return FALSE;
  result->acted = TRUE;
  result->record = json_node_copy (response);
  return TRUE;
}

/**
 * hs_walkthrough_run_resume:
 * @walkthrough: the walkthrough to go on with
 * @mode: Watch, Try or Test
 * @results: what hs_walkthrough_run_step_result_to_json() gave for each
 *   step reached, in the order they were first reached
 * @step_id: (nullable): the step the learner was on, or
 *   %HS_WALKTHROUGH_END for a run that had finished
 *
 * Rebuilds a run that was kept, so a Test left half-way goes on where it
 * stopped with its first tries as they were: nothing the learner did is
 * lost, and nothing done wrong is undone.  Results of steps @walkthrough no
 * longer has (the course was updated) are left out; so is @step_id, and
 * the run goes on from the first step, when it is %NULL or no longer there.
 *
 * Returns: the run, or %NULL with @error set when a result is not one
 */
HsWalkthroughRun *
hs_walkthrough_run_resume (HsWalkthrough      *walkthrough,
                           HsWalkthroughMode   mode,
                           JsonArray          *results,
                           const char         *step_id,
                           GError            **error)
{
  g_autoptr(HsWalkthroughRun) self = NULL;

  g_return_val_if_fail (HS_IS_WALKTHROUGH (walkthrough), NULL);
  g_return_val_if_fail (hs_walkthrough_mode_to_string (mode) != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (HS_TYPE_WALKTHROUGH_RUN, NULL);
  self->walkthrough = g_object_ref (walkthrough);
  self->mode = mode;

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      g_autofree StepResult *result = g_new0 (StepResult, 1);
      const char *saved_id = NULL;
      const char *id = NULL;

      if (!read_result (json_array_get_element (results, i), &saved_id, result))
        {
          g_clear_pointer (&result->record, json_node_unref);
          g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_FIELD,
                       _("walkthrough “%s”: the saved result number %u cannot be read."),
                       hs_walkthrough_get_name (walkthrough), i + 1);
          return NULL;
        }

      /* The run keeps the walkthrough's own copy of each id. */
      for (guint j = 0; j < hs_walkthrough_get_n_steps (walkthrough); j++)
        if (g_str_equal (hs_walkthrough_get_step_id (walkthrough, j), saved_id))
          id = hs_walkthrough_get_step_id (walkthrough, j);
      if (id == NULL || g_hash_table_contains (self->results, id))
        {
          g_clear_pointer (&result->record, json_node_unref);
          continue;
        }

      self->total_misses += result->misses;
      g_hash_table_insert (self->results, (gpointer) id, g_steal_pointer (&result));
      g_ptr_array_insert (self->visited, self->visited->len - 1, (gpointer) id);
    }

  {
    const char *at = hs_walkthrough_get_start (walkthrough);

    if (g_strcmp0 (step_id, HS_WALKTHROUGH_END) == 0)
      at = HS_WALKTHROUGH_END;
    else
      for (guint j = 0; step_id != NULL && j < hs_walkthrough_get_n_steps (walkthrough); j++)
        if (g_str_equal (hs_walkthrough_get_step_id (walkthrough, j), step_id))
          at = hs_walkthrough_get_step_id (walkthrough, j);
    enter (self, at);
  }

  return g_steal_pointer (&self);
}

HsWalkthrough *
hs_walkthrough_run_get_walkthrough (HsWalkthroughRun *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), NULL);

  return self->walkthrough;
}

HsWalkthroughMode
hs_walkthrough_run_get_mode (HsWalkthroughRun *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), HS_WALKTHROUGH_MODE_WATCH);

  return self->mode;
}

/* The step the learner is on, or NULL once the run has reached the end. */
const char *
hs_walkthrough_run_get_step (HsWalkthroughRun *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), NULL);

  return self->step;
}

gboolean
hs_walkthrough_run_is_finished (HsWalkthroughRun *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), FALSE);

  return self->step == NULL;
}

/**
 * hs_walkthrough_run_act:
 * @action: what the learner did on the current step, as for
 *   hs_walkthrough_check()
 * @check: (out caller-allocates): the outcome
 *
 * Checks an action on the current step and moves on: to "next" when it is
 * right, where the branch leads for a branch; a miss or a guard stop stays
 * on the step and counts as a miss.  Only the first action on a step
 * decides whether it was right first time.
 *
 * Returns: FALSE with @error set when the action cannot be checked or the
 *   run has ended; nothing changes then
 */
gboolean
hs_walkthrough_run_act (HsWalkthroughRun    *self,
                        JsonNode            *action,
                        HsWalkthroughCheck  *check,
                        GError             **error)
{
  StepResult *result;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->step == NULL)
    {
      g_set_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_ACTION,
                   _("walkthrough “%s” has ended; there is no step to act on."),
                   hs_walkthrough_get_name (self->walkthrough));
      return FALSE;
    }
  if (!hs_walkthrough_check (self->walkthrough, self->step, action, check, error))
    return FALSE;

  result = g_hash_table_lookup (self->results, self->step);
  if (!result->acted)
    {
      result->acted = TRUE;
      result->first = check->outcome;
      result->record = hs_walkthrough_action_to_record (self->walkthrough, self->step, action, check);
    }
  result->tries++;

  switch (check->outcome)
    {
    case HS_WALKTHROUGH_OUTCOME_RIGHT:
      result->done = TRUE;
      enter (self, check->next);
      break;

    case HS_WALKTHROUGH_OUTCOME_BRANCH:
      result->misses++;
      self->total_misses++;
      enter (self, check->next);
      break;

    case HS_WALKTHROUGH_OUTCOME_MISS:
    case HS_WALKTHROUGH_OUTCOME_GUARD:
      result->misses++;
      self->total_misses++;
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/* The misses on the current step so far; 0 once finished. */
guint
hs_walkthrough_run_get_misses (HsWalkthroughRun *self)
{
  StepResult *result;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), 0);

  if (self->step == NULL)
    return 0;
  result = g_hash_table_lookup (self->results, self->step);
  return result->misses;
}

/* Every miss of the run, on every step. */
guint
hs_walkthrough_run_get_total_misses (HsWalkthroughRun *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), 0);

  return self->total_misses;
}

/* Whether the page shows the current step's hint and highlights its target
 * now: see hs_walkthrough_mode_shows_hint(). */
gboolean
hs_walkthrough_run_shows_hint (HsWalkthroughRun *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), FALSE);

  return self->step != NULL && hs_walkthrough_mode_shows_hint (self->mode, hs_walkthrough_run_get_misses (self));
}

/**
 * hs_walkthrough_run_get_visited:
 *
 * The path taken: every step reached, in the order first reached.
 *
 * Returns: (transfer none) (array zero-terminated=1): step ids
 */
const char * const *
hs_walkthrough_run_get_visited (HsWalkthroughRun *self)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), NULL);

  return (const char * const *) self->visited->pdata;
}

/* The scored steps on the path taken (hs_walkthrough_step_is_scored()). */
guint
hs_walkthrough_run_get_n_scored (HsWalkthroughRun *self)
{
  guint n = 0;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), 0);

  for (guint i = 0; i + 1 < self->visited->len; i++)
    if (hs_walkthrough_step_is_scored (self->walkthrough, g_ptr_array_index (self->visited, i)))
      n++;
  return n;
}

/* The scored steps on the path taken that were right first time. */
guint
hs_walkthrough_run_get_n_right (HsWalkthroughRun *self)
{
  guint n = 0;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), 0);

  for (guint i = 0; i + 1 < self->visited->len; i++)
    {
      const char *step_id = g_ptr_array_index (self->visited, i);
      StepResult *result = g_hash_table_lookup (self->results, step_id);

      if (hs_walkthrough_step_is_scored (self->walkthrough, step_id) &&
          result->acted && result->first == HS_WALKTHROUGH_OUTCOME_RIGHT)
        n++;
    }
  return n;
}

/* The steps of the right flow done so far (a right action made on them),
 * for how far along the learner is. */
guint
hs_walkthrough_run_get_n_done (HsWalkthroughRun *self)
{
  guint n = 0;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), 0);

  for (guint i = 0; i + 1 < self->visited->len; i++)
    {
      const char *step_id = g_ptr_array_index (self->visited, i);
      StepResult *result = g_hash_table_lookup (self->results, step_id);

      if (hs_walkthrough_step_is_scored (self->walkthrough, step_id) && result->done)
        n++;
    }
  return n;
}

/**
 * hs_walkthrough_run_get_score:
 *
 * A Test's score: the scored steps of the path taken that were right first
 * time, over the scored steps of the path taken.  Watch and Try are not
 * scored.
 *
 * Returns: 0 to 1; NaN outside Test mode
 */
double
hs_walkthrough_run_get_score (HsWalkthroughRun *self)
{
  guint scored;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), NAN);

  scored = hs_walkthrough_run_get_n_scored (self);
  if (self->mode != HS_WALKTHROUGH_MODE_TEST || scored == 0)
    return NAN;
  return (double) hs_walkthrough_run_get_n_right (self) / scored;
}

/**
 * hs_walkthrough_run_get_passed:
 * @course_pass_mark: the course's completion.pass_mark, or NaN
 *
 * Whether a finished Test reached its pass mark
 * (hs_walkthrough_resolve_pass_mark()).  An unfinished run, or one in
 * Watch or Try mode, has not passed.
 */
gboolean
hs_walkthrough_run_get_passed (HsWalkthroughRun *self,
                               double            course_pass_mark)
{
  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), FALSE);

  return self->step == NULL &&
         hs_walkthrough_passes (hs_walkthrough_run_get_score (self),
                                hs_walkthrough_resolve_pass_mark (self->walkthrough, course_pass_mark));
}

/**
 * hs_walkthrough_run_step_result_to_json:
 * @step_id: a step of the path taken
 *
 * One step's result, shaped for an attempt's response row (item id = step
 * id): "response" is the first action as hs_walkthrough_action_to_record()
 * keeps it (null before any), "earned" and "max_points" are 1 and 1, or 0
 * and 1, for a scored step and 0 and 0 for a step a branch led to;
 * "correct" is right first time; "tries" counts every action on the step.
 *
 * Returns: (transfer full) (nullable): an object node, or %NULL when the
 *   run has not reached the step
 */
JsonNode *
hs_walkthrough_run_step_result_to_json (HsWalkthroughRun *self,
                                        const char       *step_id)
{
  g_autoptr(JsonBuilder) builder = NULL;
  StepResult *result;
  gboolean scored, correct;

  g_return_val_if_fail (HS_IS_WALKTHROUGH_RUN (self), NULL);
  g_return_val_if_fail (step_id != NULL, NULL);

  result = g_hash_table_lookup (self->results, step_id);
  if (result == NULL)
    return NULL;
  scored = hs_walkthrough_step_is_scored (self->walkthrough, step_id);
  correct = result->acted && result->first == HS_WALKTHROUGH_OUTCOME_RIGHT;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "step");
  json_builder_add_string_value (builder, step_id);
  json_builder_set_member_name (builder, "scored");
  json_builder_add_boolean_value (builder, scored);
  json_builder_set_member_name (builder, "tries");
  json_builder_add_int_value (builder, result->tries);
  json_builder_set_member_name (builder, "misses");
  json_builder_add_int_value (builder, result->misses);
  json_builder_set_member_name (builder, "done");
  json_builder_add_boolean_value (builder, result->done);
  json_builder_set_member_name (builder, "correct");
  json_builder_add_boolean_value (builder, correct);
  json_builder_set_member_name (builder, "earned");
  json_builder_add_int_value (builder, scored && correct ? 1 : 0);
  json_builder_set_member_name (builder, "max_points");
  json_builder_add_int_value (builder, scored ? 1 : 0);
  json_builder_set_member_name (builder, "response");
  if (result->record != NULL)
    json_builder_add_value (builder, json_node_copy (result->record));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
