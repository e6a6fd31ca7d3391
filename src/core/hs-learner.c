/* hs-learner.c — one member of staff who learns on this PC
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-learner"

#include "config.h"

#include "hs-learner.h"

struct _HsLearner
{
  GObject  parent_instance;

  gint64   id;
  char    *uuid;
  char    *name;
  char    *created;
  HsRole   role;
  gboolean has_pin;
};

G_DEFINE_FINAL_TYPE (HsLearner, hs_learner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hs_learner_finalize (GObject *object)
{
  HsLearner *self = (HsLearner *)object;

  g_free (self->uuid);
  g_free (self->name);
  g_free (self->created);

  G_OBJECT_CLASS (hs_learner_parent_class)->finalize (object);
}

static void
hs_learner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HsLearner *self = HS_LEARNER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ROLE:
      g_value_set_uint (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_learner_class_init (HsLearnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_learner_finalize;
  object_class->get_property = hs_learner_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_uint ("role", NULL, NULL, 0, HS_N_ROLES - 1, HS_ROLE_STAFF,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_learner_init (HsLearner *self)
{
}

HsLearner *
hs_learner_new (gint64      id,
                const char *uuid,
                const char *name,
                HsRole      role,
                const char *created)
{
  HsLearner *self;

  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (role < HS_N_ROLES, NULL);

  self = g_object_new (HS_TYPE_LEARNER, NULL);
  self->id = id;
  self->uuid = g_strdup (uuid);
  self->name = g_strdup (name);
  self->role = role;
  self->created = g_strdup (created);

  return self;
}

gint64
hs_learner_get_id (HsLearner *self)
{
  g_return_val_if_fail (HS_IS_LEARNER (self), 0);
  return self->id;
}

const char *
hs_learner_get_uuid (HsLearner *self)
{
  g_return_val_if_fail (HS_IS_LEARNER (self), NULL);
  return self->uuid;
}

const char *
hs_learner_get_name (HsLearner *self)
{
  g_return_val_if_fail (HS_IS_LEARNER (self), NULL);
  return self->name;
}

HsRole
hs_learner_get_role (HsLearner *self)
{
  g_return_val_if_fail (HS_IS_LEARNER (self), HS_ROLE_STAFF);
  return self->role;
}

const char *
hs_learner_get_created (HsLearner *self)
{
  g_return_val_if_fail (HS_IS_LEARNER (self), NULL);
  return self->created;
}

gboolean
hs_learner_get_has_pin (HsLearner *self)
{
  g_return_val_if_fail (HS_IS_LEARNER (self), FALSE);
  return self->has_pin;
}

void
hs_learner_set_has_pin (HsLearner *self,
                        gboolean   has_pin)
{
  g_return_if_fail (HS_IS_LEARNER (self));
  self->has_pin = !!has_pin;
}
