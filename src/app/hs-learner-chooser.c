/* PLACEHOLDER — replaced by the full learner chooser. */
#include "config.h"
#include "hs-learner-chooser.h"
struct _HsLearnerChooser { AdwBin parent_instance; };
G_DEFINE_FINAL_TYPE (HsLearnerChooser, hs_learner_chooser, ADW_TYPE_BIN)
static void hs_learner_chooser_class_init (HsLearnerChooserClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  g_signal_new ("learner-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1, HS_TYPE_LEARNER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-learner-chooser.ui");
}
static void hs_learner_chooser_init (HsLearnerChooser *self) { gtk_widget_init_template (GTK_WIDGET (self)); }
GtkWidget *hs_learner_chooser_new (void) { return g_object_new (HS_TYPE_LEARNER_CHOOSER, NULL); }
void hs_learner_chooser_reload (HsLearnerChooser *self) { }
