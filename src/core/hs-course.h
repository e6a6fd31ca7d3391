/* hs-course.h — a course: its metadata and modules of lessons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hs-lesson.h"
#include "hs-module.h"

G_BEGIN_DECLS

/* The three role groups of school staff.  A course's audience is a mask of
 * (1 << role). */
typedef enum {
  HS_ROLE_MANAGER,
  HS_ROLE_TEACHER,
  HS_ROLE_STAFF,
  HS_N_ROLES
} HsRole;

#define HS_AUDIENCE_ALL ((1u << HS_N_ROLES) - 1)

const char *hs_role_to_string   (HsRole      role);
gboolean    hs_role_from_string (const char *str,
                                 HsRole     *role);
const char *hs_role_get_label   (HsRole      role);

/* What a course was installed from: a Học Số package (course.json) or a
 * SCORM one (imsmanifest.xml), whose lessons are all of kind "sco". */
typedef enum {
  HS_COURSE_PACKAGE_HOCSO,
  HS_COURSE_PACKAGE_SCORM_12,
  HS_COURSE_PACKAGE_SCORM_2004,
} HsCoursePackage;

const char *hs_course_package_to_string   (HsCoursePackage  package);
gboolean    hs_course_package_from_string (const char      *str,
                                           HsCoursePackage *package);

#define HS_TYPE_COURSE (hs_course_get_type ())

/* An HsCourse is a GListModel of its HsModule objects. */
G_DECLARE_FINAL_TYPE (HsCourse, hs_course, HS, COURSE, GObject)

HsCourse    *hs_course_new                   (const char  *id,
                                              const char  *version,
                                              const char  *title) G_GNUC_WARN_UNUSED_RESULT;
const char  *hs_course_get_id                (HsCourse    *self);
const char  *hs_course_get_version           (HsCourse    *self);
const char  *hs_course_get_title             (HsCourse    *self);
const char  *hs_course_get_summary           (HsCourse    *self);
void         hs_course_set_summary           (HsCourse    *self,
                                              const char  *summary);
const char  *hs_course_get_language          (HsCourse    *self);
void         hs_course_set_language          (HsCourse    *self,
                                              const char  *language);
guint        hs_course_get_audience          (HsCourse    *self);
void         hs_course_set_audience          (HsCourse    *self,
                                              guint        audience);
const char * const *hs_course_get_competences (HsCourse   *self);
void         hs_course_set_competences       (HsCourse    *self,
                                              const char * const *competences);
guint        hs_course_get_estimated_minutes (HsCourse    *self);
void         hs_course_set_estimated_minutes (HsCourse    *self,
                                              guint        minutes);
const char  *hs_course_get_cover             (HsCourse    *self);
void         hs_course_set_cover             (HsCourse    *self,
                                              const char  *cover);
const char  *hs_course_get_license           (HsCourse    *self);
void         hs_course_set_license           (HsCourse    *self,
                                              const char  *license);
double       hs_course_get_pass_mark         (HsCourse    *self);
void         hs_course_set_pass_mark         (HsCourse    *self,
                                              double       pass_mark);
HsCoursePackage hs_course_get_package       (HsCourse    *self);
void         hs_course_set_package           (HsCourse    *self,
                                              HsCoursePackage package);
gboolean     hs_course_get_certificate_enabled (HsCourse  *self);
void         hs_course_set_certificate_enabled (HsCourse  *self,
                                              gboolean     enabled);
const char  *hs_course_get_path              (HsCourse    *self);
void         hs_course_set_path              (HsCourse    *self,
                                              const char  *path);
const char  *hs_course_get_manifest_json     (HsCourse    *self);
void         hs_course_set_manifest_json     (HsCourse    *self,
                                              const char  *json);
const char  *hs_course_get_installed         (HsCourse    *self);
void         hs_course_set_installed         (HsCourse    *self,
                                              const char  *installed);
const char  *hs_course_get_source            (HsCourse    *self);
void         hs_course_set_source            (HsCourse    *self,
                                              const char  *source);
guint64      hs_course_get_size              (HsCourse    *self);
void         hs_course_set_size              (HsCourse    *self,
                                              guint64      size);

void         hs_course_add_module            (HsCourse    *self,
                                              HsModule    *module);
GPtrArray   *hs_course_get_lessons           (HsCourse    *self);
HsLesson    *hs_course_find_lesson           (HsCourse    *self,
                                              const char  *lesson_id);
guint        hs_course_get_n_lessons         (HsCourse    *self);


G_END_DECLS
