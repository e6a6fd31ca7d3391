/* hs-preferences-window.c — text size and other comforts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scale writes the "text-scale" key as it moves; HsApplication applies
 * the key to the whole app, this window included, so the sample under the
 * scale always shows the size in use.  The developer page (the SCORM debug
 * panel) shows only with HOCSO_DEVELOPER set, or once a tool is on, so that
 * learners never meet it.
 */
#define G_LOG_DOMAIN "hs-preferences-window"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "hs-application.h"
#include "hs-preferences-window.h"
#include "hs-speech.h"

#define MIN_TEXT_SCALE 1.0
#define MAX_TEXT_SCALE 2.0

struct _HsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkScale             *text_scale;
  GtkAdjustment        *text_scale_adjustment;
  AdwComboRow          *style_row;
  AdwComboRow          *voice_row;
  AdwComboRow          *speed_row;
  AdwPreferencesPage   *developer_page;
  GtkSwitch            *scorm_debug_switch;
};

/* The read-aloud speeds offered, with their names. */
static const struct {
  double      speed;
  const char *label;
} speeds[] = {
  { 0.75, N_("Slow") },
  { 1.0, N_("Normal") },
  { 1.25, N_("A little faster") },
  { 1.5, N_("Fast") },
};

G_DEFINE_FINAL_TYPE (HsPreferencesWindow, hs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static int
to_percent (double scale)
{
  return (int) (scale * 100 + 0.5);
}

static char *
format_percent (GtkScale *scale,
                double    value,
                gpointer  user_data)
{
  /* Translators: a text size, like "150%" */
  return g_strdup_printf (_("%d%%"), to_percent (value));
}

static gboolean
text_scale_get_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant));
  return TRUE;
}

/* Whole steps of 10 % only, and never outside the key's range, which
 * GSettings would refuse. */
static GVariant *
text_scale_set_mapping (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  double scale = to_percent (g_value_get_double (value)) / 100.0;

  return g_variant_new_double (CLAMP (scale, MIN_TEXT_SCALE, MAX_TEXT_SCALE));
}

static const char * const styles[] = { "system", "light", "dark" };

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_str_equal (styles[i], style))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (styles) ? g_variant_new_string (styles[i]) : NULL;
}

static gboolean
voice_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char * const *voices = hs_speech_get_voices ();
  const char *voice = g_variant_get_string (variant, NULL);

  for (guint i = 0; voices[i] != NULL; i++)
    if (g_str_equal (voices[i], voice))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
voice_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  const char * const *voices = hs_speech_get_voices ();
  guint i = g_value_get_uint (value);

  return i < g_strv_length ((char **) voices) ? g_variant_new_string (voices[i]) : NULL;
}

static gboolean
speed_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  double speed = g_variant_get_double (variant);
  guint best = 1;

  /* The nearest speed offered. */
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (fabs (speeds[i].speed - speed) < fabs (speeds[best].speed - speed))
      best = i;
  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
speed_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (speeds) ? g_variant_new_double (speeds[i].speed) : NULL;
}

static void
hs_preferences_window_dispose (GObject *object)
{
  HsPreferencesWindow *self = (HsPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (hs_preferences_window_parent_class)->dispose (object);
}

static void
hs_preferences_window_class_init (HsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, text_scale);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, text_scale_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, voice_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, speed_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, developer_page);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, scorm_debug_switch);
}

static void
hs_preferences_window_init (HsPreferencesWindow *self)
{
  HsApplication *app = HS_APPLICATION_DEFAULT;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_scale_set_format_value_func (self->text_scale, format_percent, NULL, NULL);
  for (int percent = 100; percent <= 200; percent += 10)
    {
      g_autofree char *label = NULL;

      /* A mark at every step shows where the scale stops; words only at
       * the two ends, as labels on all of them would crowd. */
      if (percent == 100)
        label = g_strdup (_("Normal"));
      else if (percent == 200)
        label = g_strdup (_("Largest"));
      gtk_scale_add_mark (self->text_scale, percent / 100.0, GTK_POS_BOTTOM, label);
    }

  {
    g_autoptr(GtkStringList) voices = gtk_string_list_new (NULL);
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
    const char * const *ids = hs_speech_get_voices ();

    for (guint i = 0; ids[i] != NULL; i++)
      gtk_string_list_append (voices, hs_speech_voice_label (ids[i]));
    for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
      gtk_string_list_append (names, _(speeds[i].label));
    adw_combo_row_set_model (self->voice_row, G_LIST_MODEL (voices));
    adw_combo_row_set_model (self->speed_row, G_LIST_MODEL (names));
  }

  if (app != NULL)
    {
      GSettings *settings = hs_application_get_settings (app);

      g_settings_bind_with_mapping (settings, "text-scale",
                                    self->text_scale_adjustment, "value",
                                    G_SETTINGS_BIND_DEFAULT,
                                    text_scale_get_mapping, text_scale_set_mapping,
                                    NULL, NULL);
      g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT, style_get_mapping, style_set_mapping,
                                    NULL, NULL);
      g_settings_bind_with_mapping (settings, "read-aloud-voice", self->voice_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT, voice_get_mapping, voice_set_mapping,
                                    NULL, NULL);
      g_settings_bind_with_mapping (settings, "read-aloud-speed", self->speed_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT, speed_get_mapping, speed_set_mapping,
                                    NULL, NULL);
      g_settings_bind (settings, "scorm-debug", self->scorm_debug_switch, "active", G_SETTINGS_BIND_DEFAULT);
      gtk_widget_set_visible (GTK_WIDGET (self->developer_page),
                              g_getenv ("HOCSO_DEVELOPER") != NULL ||
                              g_settings_get_boolean (settings, "scorm-debug"));
    }
}

GtkWidget *
hs_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (HS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
