/* PLACEHOLDER — replaced by the full library page. */
#include "config.h"
#include "hs-library-page.h"
struct _HsLibraryPage { AdwBin parent_instance; };
G_DEFINE_FINAL_TYPE (HsLibraryPage, hs_library_page, ADW_TYPE_BIN)
static void hs_library_page_class_init (HsLibraryPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  g_signal_new ("course-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_signal_new ("continue-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-library-page.ui");
}
static void hs_library_page_init (HsLibraryPage *self) { gtk_widget_init_template (GTK_WIDGET (self)); }
GtkWidget *hs_library_page_new (void) { return g_object_new (HS_TYPE_LIBRARY_PAGE, NULL); }
void hs_library_page_set_learner (HsLibraryPage *self, HsLearner *learner) { }
void hs_library_page_reload (HsLibraryPage *self) { }
void hs_library_page_import (HsLibraryPage *self, GFile *file) { }
