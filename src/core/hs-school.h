/* hs-school.h — the school's settings, kept behind the admin PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "hs-library.h"

G_BEGIN_DECLS

#define HS_SCHOOL_ERROR (hs_school_error_quark ())

typedef enum {
  HS_SCHOOL_ERROR_NO_PIN,
  HS_SCHOOL_ERROR_INVALID_PIN,
  HS_SCHOOL_ERROR_WRONG_PIN,
  HS_SCHOOL_ERROR_LOCKED,
  HS_SCHOOL_ERROR_INVALID_VALUE,
  HS_SCHOOL_ERROR_IMAGE,
  HS_SCHOOL_ERROR_INCOMPLETE,
} HsSchoolError;

/* The texts a certificate and the report print about the school. */
typedef enum {
  HS_SCHOOL_NAME,             /* "Trường Mầm non Tam Hưng A" */
  HS_SCHOOL_UNIT,             /* the unit above it: "UBND xã Tam Hưng" */
  HS_SCHOOL_PRINCIPAL_NAME,
  HS_SCHOOL_PRINCIPAL_TITLE,  /* "Hiệu trưởng" unless set */
  HS_SCHOOL_N_FIELDS
} HsSchoolField;

typedef enum {
  HS_SCHOOL_IMAGE_LOGO,
  HS_SCHOOL_IMAGE_SIGNATURE,
  HS_SCHOOL_N_IMAGES
} HsSchoolImage;

typedef struct {
  int year;
  int percent;
} HsSchoolTarget;

#define HS_SCHOOL_ADMIN_PIN_MIN_DIGITS 6
#define HS_SCHOOL_ADMIN_PIN_MAX_DIGITS 12
#define HS_SCHOOL_MAX_TEXT_CHARS       120
#define HS_SCHOOL_MAX_IMAGE_BYTES      (1024 * 1024)
#define HS_SCHOOL_MAX_IMAGE_PIXELS     4096
#define HS_SCHOOL_MIN_YEAR             2000
#define HS_SCHOOL_MAX_YEAR             2100

#define HS_TYPE_SCHOOL (hs_school_get_type ())

G_DECLARE_FINAL_TYPE (HsSchool, hs_school, HS, SCHOOL, GObject)

GQuark      hs_school_error_quark          (void);
const char *hs_school_field_to_string      (HsSchoolField   field);
gboolean    hs_school_field_from_string    (const char     *str,
                                            HsSchoolField  *field);
const char *hs_school_image_to_string      (HsSchoolImage   image);
gboolean    hs_school_image_from_string    (const char     *str,
                                            HsSchoolImage  *image);
gboolean    hs_school_admin_pin_is_valid   (const char     *pin);

HsSchool   *hs_school_new                  (HsLibrary      *library) G_GNUC_WARN_UNUSED_RESULT;
gboolean    hs_school_has_admin_pin        (HsSchool       *self);
gboolean    hs_school_set_admin_pin        (HsSchool       *self,
                                            const char     *pin,
                                            GError        **error);
gboolean    hs_school_unlock               (HsSchool       *self,
                                            const char     *pin,
                                            GError        **error);
void        hs_school_lock                 (HsSchool       *self);
gboolean    hs_school_get_unlocked         (HsSchool       *self);

char       *hs_school_get_text             (HsSchool       *self,
                                            HsSchoolField   field) G_GNUC_WARN_UNUSED_RESULT;
gboolean    hs_school_set_text             (HsSchool       *self,
                                            HsSchoolField   field,
                                            const char     *value,
                                            GError        **error);
gboolean    hs_school_check_complete       (HsSchool       *self,
                                            GError        **error);

char       *hs_school_get_image_path       (HsSchool       *self,
                                            HsSchoolImage   image) G_GNUC_WARN_UNUSED_RESULT;
gboolean    hs_school_set_image            (HsSchool       *self,
                                            HsSchoolImage   image,
                                            const char     *source,
                                            GError        **error);
gboolean    hs_school_paint_image          (HsSchool       *self,
                                            HsSchoolImage   image,
                                            cairo_t        *cr,
                                            double          x,
                                            double          y,
                                            double          width,
                                            double          height);

GArray     *hs_school_list_targets         (HsSchool       *self) G_GNUC_WARN_UNUSED_RESULT;
int         hs_school_get_target           (HsSchool       *self,
                                            int             year,
                                            int            *from_year);
gboolean    hs_school_set_target           (HsSchool       *self,
                                            int             year,
                                            int             percent,
                                            GError        **error);

GStrv       hs_school_get_level_courses    (HsSchool       *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean    hs_school_set_level_courses    (HsSchool       *self,
                                            const char * const *course_ids,
                                            GError        **error);

G_END_DECLS
