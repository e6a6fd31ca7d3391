/* PLACEHOLDER — replaced by the full preferences window. */
#include "config.h"
#include "hs-preferences-window.h"
struct _HsPreferencesWindow { AdwPreferencesWindow parent_instance; };
G_DEFINE_FINAL_TYPE (HsPreferencesWindow, hs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)
static void hs_preferences_window_class_init (HsPreferencesWindowClass *klass)
{
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass), "/io/github/hocso/HocSo/hs-preferences-window.ui");
}
static void hs_preferences_window_init (HsPreferencesWindow *self) { gtk_widget_init_template (GTK_WIDGET (self)); }
GtkWidget *hs_preferences_window_new (GtkWindow *parent) { return g_object_new (HS_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL); }
