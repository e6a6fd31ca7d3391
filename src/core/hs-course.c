/* hs-course.c — a course: its metadata and modules of lessons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-course"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-course.h"

struct _HsCourse
{
  GObject         parent_instance;

  char           *id;
  char           *version;
  char           *title;
  char           *summary;
  char           *language;
  char          **competences;
  char           *cover;
  char           *license;
  char           *path;
  char           *manifest_json;
  char           *installed;
  char           *source;
  guint64         size;
  double          pass_mark;
  guint           audience;
  guint           estimated_minutes;
  gboolean        certificate_enabled;
  HsCoursePackage package;

  GPtrArray      *modules;
  GPtrArray      *lessons;     /* every lesson, in course order */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HsCourse, hs_course, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_COVER,
  PROP_ESTIMATED_MINUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const role_names[] = {
  [HS_ROLE_MANAGER] = "manager",
  [HS_ROLE_TEACHER] = "teacher",
  [HS_ROLE_STAFF] = "staff",
};

const char *
hs_role_to_string (HsRole role)
{
  g_return_val_if_fail (role < HS_N_ROLES, NULL);
  return role_names[role];
}

gboolean
hs_role_from_string (const char *str,
                     HsRole     *role)
{
  for (guint i = 0; str != NULL && i < HS_N_ROLES; i++)
    if (g_str_equal (str, role_names[i]))
      {
        *role = (HsRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
hs_role_get_label (HsRole role)
{
  switch (role)
    {
    case HS_ROLE_MANAGER:
      return _("Manager");
    case HS_ROLE_TEACHER:
      return _("Teacher");
    case HS_ROLE_STAFF:
      return _("Staff");
    case HS_N_ROLES:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char * const package_names[] = {
  [HS_COURSE_PACKAGE_HOCSO] = "hocso",
  [HS_COURSE_PACKAGE_SCORM_12] = "scorm-1.2",
  [HS_COURSE_PACKAGE_SCORM_2004] = "scorm-2004",
};

const char *
hs_course_package_to_string (HsCoursePackage package)
{
  g_return_val_if_fail ((guint) package < G_N_ELEMENTS (package_names), NULL);
  return package_names[package];
}

gboolean
hs_course_package_from_string (const char      *str,
                               HsCoursePackage *package)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (package_names); i++)
    if (g_str_equal (str, package_names[i]))
      {
        *package = (HsCoursePackage) i;
        return TRUE;
      }
  return FALSE;
}

static GType
get_item_type (GListModel *model)
{
  return HS_TYPE_MODULE;
}

static guint
get_n_items (GListModel *model)
{
  return HS_COURSE (model)->modules->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  HsCourse *self = HS_COURSE (model);

  if (position >= self->modules->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->modules, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
hs_course_finalize (GObject *object)
{
  HsCourse *self = (HsCourse *)object;

  g_free (self->id);
  g_free (self->version);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->language);
  g_strfreev (self->competences);
  g_free (self->cover);
  g_free (self->license);
  g_free (self->path);
  g_free (self->manifest_json);
  g_free (self->installed);
  g_free (self->source);
  g_ptr_array_unref (self->modules);
  g_ptr_array_unref (self->lessons);

  G_OBJECT_CLASS (hs_course_parent_class)->finalize (object);
}

static void
hs_course_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HsCourse *self = HS_COURSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_COVER:
      g_value_set_string (value, self->cover);
      break;
    case PROP_ESTIMATED_MINUTES:
      g_value_set_uint (value, self->estimated_minutes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_course_class_init (HsCourseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_course_finalize;
  object_class->get_property = hs_course_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COVER] =
    g_param_spec_string ("cover", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ESTIMATED_MINUTES] =
    g_param_spec_uint ("estimated-minutes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_course_init (HsCourse *self)
{
  self->modules = g_ptr_array_new_with_free_func (g_object_unref);
  self->lessons = g_ptr_array_new_with_free_func (g_object_unref);
  self->audience = HS_AUDIENCE_ALL;
  self->pass_mark = 0.8;
  self->language = g_strdup ("vi");
  self->competences = g_new0 (char *, 1);
}

HsCourse *
hs_course_new (const char *id,
               const char *version,
               const char *title)
{
  HsCourse *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (version != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (HS_TYPE_COURSE, NULL);
  self->id = g_strdup (id);
  self->version = g_strdup (version);
  self->title = g_strdup (title);

  return self;
}

/* Replaces a string field, telling whether anything changed. */
static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
hs_course_get_id (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->id;
}

const char *
hs_course_get_version (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->version;
}

const char *
hs_course_get_title (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->title;
}

const char *
hs_course_get_summary (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->summary;
}

void
hs_course_set_summary (HsCourse   *self,
                       const char *summary)
{
  g_return_if_fail (HS_IS_COURSE (self));
  if (set_str (&self->summary, summary))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

const char *
hs_course_get_language (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->language;
}

void
hs_course_set_language (HsCourse   *self,
                        const char *language)
{
  g_return_if_fail (HS_IS_COURSE (self));
  set_str (&self->language, language);
}

guint
hs_course_get_audience (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), 0);
  return self->audience;
}

void
hs_course_set_audience (HsCourse *self,
                        guint     audience)
{
  g_return_if_fail (HS_IS_COURSE (self));
  self->audience = audience & HS_AUDIENCE_ALL;
}

const char * const *
hs_course_get_competences (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return (const char * const *) self->competences;
}

void
hs_course_set_competences (HsCourse           *self,
                           const char * const *competences)
{
  g_return_if_fail (HS_IS_COURSE (self));
  g_strfreev (self->competences);
  self->competences = competences ? g_strdupv ((char **) competences) : g_new0 (char *, 1);
}

guint
hs_course_get_estimated_minutes (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), 0);
  return self->estimated_minutes;
}

void
hs_course_set_estimated_minutes (HsCourse *self,
                                 guint     minutes)
{
  g_return_if_fail (HS_IS_COURSE (self));
  if (self->estimated_minutes == minutes)
    return;
  self->estimated_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTIMATED_MINUTES]);
}

const char *
hs_course_get_cover (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->cover;
}

void
hs_course_set_cover (HsCourse   *self,
                     const char *cover)
{
  g_return_if_fail (HS_IS_COURSE (self));
  if (set_str (&self->cover, cover))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COVER]);
}

const char *
hs_course_get_license (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->license;
}

void
hs_course_set_license (HsCourse   *self,
                       const char *license)
{
  g_return_if_fail (HS_IS_COURSE (self));
  set_str (&self->license, license);
}

double
hs_course_get_pass_mark (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), 0);
  return self->pass_mark;
}

void
hs_course_set_pass_mark (HsCourse *self,
                         double    pass_mark)
{
  g_return_if_fail (HS_IS_COURSE (self));
  g_return_if_fail (pass_mark >= 0 && pass_mark <= 1);
  self->pass_mark = pass_mark;
}

gboolean
hs_course_get_certificate_enabled (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), FALSE);
  return self->certificate_enabled;
}

void
hs_course_set_certificate_enabled (HsCourse *self,
                                   gboolean  enabled)
{
  g_return_if_fail (HS_IS_COURSE (self));
  self->certificate_enabled = !!enabled;
}

HsCoursePackage
hs_course_get_package (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), HS_COURSE_PACKAGE_HOCSO);
  return self->package;
}

void
hs_course_set_package (HsCourse        *self,
                       HsCoursePackage  package)
{
  g_return_if_fail (HS_IS_COURSE (self));
  g_return_if_fail ((guint) package < G_N_ELEMENTS (package_names));
  self->package = package;
}

/**
 * hs_course_get_path:
 *
 * The folder holding the course's files: the installed
 * `courses/<id>/<version>` folder, or the staging folder during an import.
 */
const char *
hs_course_get_path (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->path;
}

void
hs_course_set_path (HsCourse   *self,
                    const char *path)
{
  g_return_if_fail (HS_IS_COURSE (self));
  set_str (&self->path, path);
}

const char *
hs_course_get_manifest_json (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->manifest_json;
}

void
hs_course_set_manifest_json (HsCourse   *self,
                             const char *json)
{
  g_return_if_fail (HS_IS_COURSE (self));
  set_str (&self->manifest_json, json);
}

const char *
hs_course_get_installed (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->installed;
}

void
hs_course_set_installed (HsCourse   *self,
                         const char *installed)
{
  g_return_if_fail (HS_IS_COURSE (self));
  set_str (&self->installed, installed);
}

const char *
hs_course_get_source (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->source;
}

void
hs_course_set_source (HsCourse   *self,
                      const char *source)
{
  g_return_if_fail (HS_IS_COURSE (self));
  set_str (&self->source, source);
}

guint64
hs_course_get_size (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), 0);
  return self->size;
}

void
hs_course_set_size (HsCourse *self,
                    guint64   size)
{
  g_return_if_fail (HS_IS_COURSE (self));
  self->size = size;
}

void
hs_course_add_module (HsCourse *self,
                      HsModule *module)
{
  guint n;

  g_return_if_fail (HS_IS_COURSE (self));
  g_return_if_fail (HS_IS_MODULE (module));

  g_ptr_array_add (self->modules, g_object_ref (module));

  n = g_list_model_get_n_items (G_LIST_MODEL (module));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->lessons, g_list_model_get_item (G_LIST_MODEL (module), i));

  g_list_model_items_changed (G_LIST_MODEL (self), self->modules->len - 1, 0, 1);
}

/**
 * hs_course_get_lessons:
 *
 * Returns: (transfer none) (element-type HsLesson): every lesson of the
 * course in order, across modules.
 */
GPtrArray *
hs_course_get_lessons (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);
  return self->lessons;
}

guint
hs_course_get_n_lessons (HsCourse *self)
{
  g_return_val_if_fail (HS_IS_COURSE (self), 0);
  return self->lessons->len;
}

HsLesson *
hs_course_find_lesson (HsCourse   *self,
                       const char *lesson_id)
{
  g_return_val_if_fail (HS_IS_COURSE (self), NULL);

  for (guint i = 0; i < self->lessons->len; i++)
    {
      HsLesson *lesson = g_ptr_array_index (self->lessons, i);

      if (g_strcmp0 (hs_lesson_get_id (lesson), lesson_id) == 0)
        return lesson;
    }
  return NULL;
}
