/* hs-module.c — a module of a course: a titled list of lessons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-module"

#include "config.h"

#include "hs-module.h"

struct _HsModule
{
  GObject    parent_instance;

  char      *id;
  char      *title;
  GPtrArray *lessons;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HsModule, hs_module, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return HS_TYPE_LESSON;
}

static guint
get_n_items (GListModel *model)
{
  return HS_MODULE (model)->lessons->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  HsModule *self = HS_MODULE (model);

  if (position >= self->lessons->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->lessons, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
hs_module_finalize (GObject *object)
{
  HsModule *self = (HsModule *)object;

  g_free (self->id);
  g_free (self->title);
  g_ptr_array_unref (self->lessons);

  G_OBJECT_CLASS (hs_module_parent_class)->finalize (object);
}

static void
hs_module_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HsModule *self = HS_MODULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_module_class_init (HsModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_module_finalize;
  object_class->get_property = hs_module_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_module_init (HsModule *self)
{
  self->lessons = g_ptr_array_new_with_free_func (g_object_unref);
}

HsModule *
hs_module_new (const char *id,
               const char *title)
{
  HsModule *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (HS_TYPE_MODULE, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);

  return self;
}

const char *
hs_module_get_id (HsModule *self)
{
  g_return_val_if_fail (HS_IS_MODULE (self), NULL);
  return self->id;
}

const char *
hs_module_get_title (HsModule *self)
{
  g_return_val_if_fail (HS_IS_MODULE (self), NULL);
  return self->title;
}

void
hs_module_add_lesson (HsModule *self,
                      HsLesson *lesson)
{
  g_return_if_fail (HS_IS_MODULE (self));
  g_return_if_fail (HS_IS_LESSON (lesson));

  hs_lesson_set_module_id (lesson, self->id);
  g_ptr_array_add (self->lessons, g_object_ref (lesson));
  g_list_model_items_changed (G_LIST_MODEL (self), self->lessons->len - 1, 0, 1);
}
