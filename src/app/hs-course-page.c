/* PLACEHOLDER — replaced by the full course page. */
#include "config.h"
#include "hs-application.h"
#include "hs-course-page.h"
struct _HsCoursePage { AdwBin parent_instance; char *id; char *title; };
G_DEFINE_FINAL_TYPE (HsCoursePage, hs_course_page, ADW_TYPE_BIN)
static void hs_course_page_class_init (HsCoursePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  g_signal_new ("lesson-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  g_signal_new ("course-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-course-page.ui");
}
static void hs_course_page_init (HsCoursePage *self) { gtk_widget_init_template (GTK_WIDGET (self)); }
GtkWidget *hs_course_page_new (void) { return g_object_new (HS_TYPE_COURSE_PAGE, NULL); }
void hs_course_page_set_course (HsCoursePage *self, const char *course_id, HsLearner *learner)
{
  g_autoptr(HsCourse) course = hs_library_get_course (hs_application_get_library (HS_APPLICATION_DEFAULT), course_id, NULL);
  g_free (self->id); g_free (self->title);
  self->id = course ? g_strdup (course_id) : NULL;
  self->title = course ? g_strdup (hs_course_get_title (course)) : NULL;
}
const char *hs_course_page_get_course_id (HsCoursePage *self) { return self->id; }
const char *hs_course_page_get_title (HsCoursePage *self) { return self->title; }
