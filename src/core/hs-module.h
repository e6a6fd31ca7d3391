/* hs-module.h — a module of a course: a titled list of lessons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hs-lesson.h"

G_BEGIN_DECLS

#define HS_TYPE_MODULE (hs_module_get_type ())

/* An HsModule is a GListModel of its HsLesson objects. */
G_DECLARE_FINAL_TYPE (HsModule, hs_module, HS, MODULE, GObject)

HsModule   *hs_module_new        (const char *id,
                                  const char *title) G_GNUC_WARN_UNUSED_RESULT;
const char *hs_module_get_id     (HsModule   *self);
const char *hs_module_get_title  (HsModule   *self);
void        hs_module_add_lesson (HsModule   *self,
                                  HsLesson   *lesson);

G_END_DECLS
