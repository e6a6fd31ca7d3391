/* hs-application.c — the Học Số desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hs-application"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-application.h"
#include "hs-app-resources.h"
#include "hs-lesson-view.h"
#include "hs-preferences-window.h"
#include "hs-scheme.h"
#include "hs-window.h"

struct _HsApplication
{
  AdwApplication    parent_instance;

  char             *data_dir;
  char             *bundled_dir;  /* the courses that come with the app */
  HsLibrary        *library;
  HsProgress       *progress;
  HsSchool         *school;
  HsKeyring        *keyring;
  HsMediaServer    *media_server;
  WebKitWebContext *web_context;
  GSettings        *settings;
  GHashTable       *sessions;     /* learner uuid → WebKitNetworkSession */
};

G_DEFINE_FINAL_TYPE (HsApplication, hs_application, ADW_TYPE_APPLICATION)

enum {
  LIBRARY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static HsWindow *
get_window (HsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (hs_window_new (self));
  return HS_WINDOW (window);
}

/* The text-size preference scales every font in the app through Xft's
 * resolution, the same knob the desktop's own "large text" turns. */
static void
apply_text_scale (HsApplication *self)
{
  double scale = g_settings_get_double (self->settings, "text-scale");

  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (96 * 1024 * scale), NULL);
}

static void
apply_color_scheme (HsApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  int scheme = g_settings_get_enum (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[CLAMP (scheme, 0, (int) G_N_ELEMENTS (schemes) - 1)]);
}

static void
color_scheme_changed_cb (GSettings     *settings,
                         const char    *key,
                         HsApplication *self)
{
  apply_color_scheme (self);
}

static void
text_scale_changed_cb (GSettings     *settings,
                       const char    *key,
                       HsApplication *self)
{
  apply_text_scale (self);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  HsApplication *self = user_data;
  /* A closed window leaves the application's list at once, so walk a copy
   * (holding each window) rather than the list itself. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);

  /* Closing the windows lets each save its lesson's place first. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  HsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (hs_preferences_window_new (parent)));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  HsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Học Số developers"), NULL };

  adw_show_about_window (parent,
                         "application-name", _("Học Số"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Learn digital skills offline, at your own pace"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

/* The folder that holds the library and the records, for whoever looks
 * after the computer (backups, a copy to another PC). */
static void
open_data_folder_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  HsApplication *self = user_data;
  g_autoptr(GFile) folder = g_file_new_for_path (self->data_dir);
  g_autofree char *uri = g_file_get_uri (folder);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
      g_autofree char *message = g_strdup_printf (_("The data folder could not be opened. It is %s"),
                                                  self->data_dir);

      g_warning ("Could not open %s: %s", uri, error->message);
      if (HS_IS_WINDOW (window))
        hs_window_add_toast (HS_WINDOW (window), message);
    }
}

static const GActionEntry app_actions[] = {
  { "open-data-folder", open_data_folder_activated },
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

/* The courses that come with the app go into the library on its first run
 * (and after an update of the app), in a thread with its own connection,
 * as any import does; the library page fills in when they are in. */
static void
install_bundled_thread (GTask        *task,
                        gpointer      source,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  HsApplication *self = source;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibrary) library = hs_library_new (self->data_dir, &error);
  guint installed = 0;

  if (library == NULL ||
      !hs_library_install_bundled (library, task_data, PACKAGE_VERSION, &installed, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, installed);
}

static void
install_bundled_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  HsApplication *self = HS_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  gssize installed = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    g_warning ("The courses that come with Học Số were not all installed: %s", error->message);
  if (installed != 0 || error != NULL)
    hs_application_library_changed (self);
}

static void
install_bundled (HsApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->bundled_dir == NULL || !g_file_test (self->bundled_dir, G_FILE_TEST_IS_DIR))
    return;

  task = g_task_new (self, NULL, install_bundled_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (self->bundled_dir), g_free);
  g_task_run_in_thread (task, install_bundled_thread);
}

static void
hs_application_startup (GApplication *application)
{
  HsApplication *self = HS_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  /* Before chaining up: AdwApplication loads style.css from the resource
   * base path in its startup. */
  hs_app_register_resource ();

  G_APPLICATION_CLASS (hs_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::text-scale",
                           G_CALLBACK (text_scale_changed_cb), self, 0);
  apply_text_scale (self);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, 0);
  apply_color_scheme (self);

  if (self->data_dir == NULL)
    self->data_dir = hs_library_default_data_dir ();

  self->library = hs_library_new (self->data_dir, &error);
  if (self->library == NULL)
    g_error ("%s", error->message);
  self->progress = hs_progress_new (self->library);
  /* Locked until the admin PIN is entered, in this run of the app. */
  self->school = hs_school_new (self->library);

  self->media_server = hs_media_server_new (&error);
  if (self->media_server == NULL)
    g_error ("%s", error->message);

  self->web_context = webkit_web_context_new ();
  webkit_web_context_set_cache_model (self->web_context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  {
    const char * const languages[] = { "vi", "en", NULL };
    webkit_web_context_set_preferred_languages (self->web_context, languages);
  }
  hs_scheme_register (self->web_context, self->library, hs_media_server_get_origin (self->media_server));

  install_bundled (self);
}

static void
hs_application_activate (GApplication *application)
{
  HsApplication *self = HS_APPLICATION (application);

  gtk_window_present (GTK_WINDOW (get_window (self)));
}

static int
hs_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  HsApplication *self = HS_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLearner) learner = NULL;
  g_auto(GStrv) args = NULL;
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *learner_name = NULL;
  HsWindow *window;
  int argc;

  args = g_application_command_line_get_arguments (command_line, &argc);
  g_variant_dict_lookup (options, "learner", "&s", &learner_name);

  window = get_window (self);
  gtk_window_present (GTK_WINDOW (window));

  if (learner_name != NULL)
    {
      learner = hs_progress_find_learner (self->progress, learner_name, &error);
      if (learner == NULL)
        {
          g_application_command_line_printerr (command_line, "hocso: %s\n", error->message);
          return 1;
        }
      if (hs_learner_get_has_pin (learner))
        g_clear_object (&learner);   /* a PIN is asked for on the chooser */
      else
        hs_window_set_learner (window, learner);
    }

  if (argc >= 2 && g_str_equal (args[1], "open"))
    {
      if (argc < 3 || argc > 4)
        {
          g_application_command_line_printerr (command_line, "%s\n",
                                               _("Usage: hocso open COURSE-ID [LESSON-ID] [--learner NAME]"));
          return 2;
        }
      if (hs_window_get_learner (window) == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n",
                                               _("Choose who is learning first (--learner NAME)."));
          hs_window_show_learner_chooser (window);
          return 0;
        }
      if (argc == 4)
        hs_window_open_lesson (window, args[2], args[3]);
      else
        hs_window_show_course (window, args[2]);
    }
  else if (argc >= 2)
    {
      g_application_command_line_printerr (command_line, _("hocso: “%s” is not a command. Run “hocso --help” to see the commands.\n"),
                                           args[1]);
      return 2;
    }

  return 0;
}

static int
hs_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  HsApplication *self = HS_APPLICATION (application);
  const char *data_dir = NULL;

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    {
      g_free (self->data_dir);
      self->data_dir = g_canonicalize_filename (data_dir, NULL);
    }

  return -1;
}

static void
hs_application_shutdown (GApplication *application)
{
  HsApplication *self = HS_APPLICATION (application);

  G_APPLICATION_CLASS (hs_application_parent_class)->shutdown (application);

  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_object (&self->web_context);
  g_clear_object (&self->media_server);
  g_clear_object (&self->keyring);
  g_clear_object (&self->school);
  g_clear_object (&self->progress);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
}

static void
hs_application_finalize (GObject *object)
{
  HsApplication *self = (HsApplication *)object;

  g_free (self->data_dir);
  g_free (self->bundled_dir);
  g_clear_pointer (&self->sessions, g_hash_table_unref);

  G_OBJECT_CLASS (hs_application_parent_class)->finalize (object);
}

static void
hs_application_class_init (HsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hs_application_finalize;
  app_class->startup = hs_application_startup;
  app_class->activate = hs_application_activate;
  app_class->command_line = hs_application_command_line;
  app_class->handle_local_options = hs_application_handle_local_options;
  app_class->shutdown = hs_application_shutdown;

  signals[LIBRARY_CHANGED] =
    g_signal_new ("library-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
hs_application_init (HsApplication *self)
{
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Keep courses and records in DIR"), N_("DIR") },
    { "learner", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Start as this learner"), N_("NAME") },
    { NULL }
  };

  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[open COURSE-ID [LESSON-ID]]"));
}

HsApplication *
hs_application_new (void)
{
  return g_object_new (HS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/hocso/HocSo",
                       NULL);
}

HsLibrary *
hs_application_get_library (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->library;
}

HsProgress *
hs_application_get_progress (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->progress;
}

HsSchool *
hs_application_get_school (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->school;
}

/**
 * hs_application_get_keyring:
 *
 * This installation's keyring, opened (and its key made) the first time
 * something is signed or checked.
 *
 * Returns: (transfer none) (nullable): the keyring, or %NULL with @error
 *   set when the key file cannot be used
 */
HsKeyring *
hs_application_get_keyring (HsApplication  *self,
                            GError        **error)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);

  if (self->keyring == NULL)
    self->keyring = hs_keyring_new (self->library, error);
  return self->keyring;
}

HsMediaServer *
hs_application_get_media_server (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->media_server;
}

WebKitWebContext *
hs_application_get_web_context (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->web_context;
}

GSettings *
hs_application_get_settings (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * hs_application_get_network_session:
 *
 * Returns: (transfer none): @learner's own web session, kept for the life of
 * the app
 */
WebKitNetworkSession *
hs_application_get_network_session (HsApplication *self,
                                    HsLearner     *learner)
{
  WebKitNetworkSession *session;

  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (HS_IS_LEARNER (learner), NULL);

  session = g_hash_table_lookup (self->sessions, hs_learner_get_uuid (learner));
  if (session == NULL)
    {
      session = hs_lesson_view_new_network_session (hs_library_get_data_dir (self->library),
                                                    hs_learner_get_uuid (learner));
      g_hash_table_insert (self->sessions, g_strdup (hs_learner_get_uuid (learner)), session);
    }
  return session;
}

/**
 * hs_application_set_bundled_dir:
 * @dir: (nullable): the folder of the course packages that come with the
 *   app, or %NULL for none
 *
 * Set before the application starts.
 */
void
hs_application_set_bundled_dir (HsApplication *self,
                                const char    *dir)
{
  g_return_if_fail (HS_IS_APPLICATION (self));

  g_free (self->bundled_dir);
  self->bundled_dir = g_strdup (dir);
}

/**
 * hs_application_library_changed:
 *
 * Tells every page that courses were installed or removed.
 */
void
hs_application_library_changed (HsApplication *self)
{
  g_return_if_fail (HS_IS_APPLICATION (self));
  g_signal_emit (self, signals[LIBRARY_CHANGED], 0);
}
