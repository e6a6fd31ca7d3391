/* test-admin.c — the principal's side of the app, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A school with two teachers, one of whom completed a course that gives a
 * certificate.  The app is driven as a principal would: School Report from
 * the menu, a wrong admin PIN (refused, the dialog stays), the right one,
 * the report's numbers, the school settings, Lock.  Then the learner's
 * course page offers the certificate, and saving it issues it.
 *
 * With HOCSO_TEST_SHOTS=DIR, the report, the PIN dialog, the settings and
 * the course page are saved as PNGs in DIR.
 */
#include "config.h"

#include <string.h>

#include "hs-admin-pin-dialog.h"
#include "hs-application.h"
#include "hs-certificate.h"
#include "hs-school-window.h"
#include "hs-test-fixtures.h"
#include "hs-window.h"

#define COURSE "vn.test.an-toan"
#define PIN "246810"

static char *data_dir;
static const char *shots_dir;

typedef struct {
  HsApplication *app;
  int            step;
  guint          ticks;
  guint          wait;
  gboolean       failed;
  GPtrArray     *done;    /* the steps passed, by name, for the log */
} Run;

static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (shots_dir == NULL || width == 0 || height == 0)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (shots_dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* The first widget below @root of @type whose text holds @text, when
 * given; labels by their label, buttons by their AdwButtonContent's. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          const char *own = NULL;

          if (GTK_IS_LABEL (child))
            own = gtk_label_get_label (GTK_LABEL (child));
          else if (GTK_IS_BUTTON (child) && ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (child))))
            own = adw_button_content_get_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (child))));
          if (text == NULL || (own != NULL && strstr (own, text) != NULL))
            return child;
        }
      found = find_widget (child, type, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

/* The dialog's OK button: the one suggested action in it. */
static GtkWidget *
find_suggested (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, "suggested-action"))
        return child;
      found = find_suggested (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
ok_button (GtkWindow *dialog)
{
  return find_suggested (GTK_WIDGET (dialog));
}

static HsWindow *
main_window (Run *run)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  return HS_IS_WINDOW (window) ? HS_WINDOW (window) : NULL;
}

#define STEP(name) G_STMT_START { g_ptr_array_add (run->done, (char *) (name)); run->step++; run->wait = 3; } G_STMT_END

static gboolean
tick_cb (gpointer user_data)
{
  Run *run = user_data;
  HsWindow *window = main_window (run);
  GtkWindow *dialog = find_toplevel (HS_TYPE_ADMIN_PIN_DIALOG);

  if (++run->ticks > 600)
    {
      g_printerr ("# stuck after step %d\n", run->step);
      run->failed = TRUE;
      g_application_quit (G_APPLICATION (run->app));
      return G_SOURCE_REMOVE;
    }
  /* Give each step a few frames to draw before the next looks at it. */
  if (run->wait > 0)
    {
      run->wait--;
      return G_SOURCE_CONTINUE;
    }
  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;

  switch (run->step)
    {
    case 0:
      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
      g_assert_cmpstr (hs_window_get_page_name (window), ==, "chooser");
      gtk_widget_activate_action (GTK_WIDGET (window), "win.admin", NULL);
      STEP ("the menu's School Report asks for the admin PIN");
      break;

    case 1:
      g_assert_nonnull (dialog);
      save_shot (GTK_WIDGET (dialog), "admin-pin.png");
      gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY, NULL)), "111111");
      click (ok_button (dialog));
      STEP ("a wrong PIN is typed");
      break;

    case 2:
      /* Refused: the dialog stays, saying why, and the report is not shown. */
      g_assert_nonnull (dialog);
      g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "not right")));
      g_assert_cmpstr (hs_window_get_page_name (window), ==, "chooser");
      g_assert_false (hs_school_get_unlocked (hs_application_get_school (run->app)));
      save_shot (GTK_WIDGET (dialog), "admin-pin-wrong.png");
      gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY, NULL)), PIN);
      click (ok_button (dialog));
      STEP ("the right PIN opens the report");
      break;

    case 3:
      {
        GtkWidget *page = hs_window_get_report_page (window);

        g_assert_null (dialog);
        g_assert_cmpstr (hs_window_get_page_name (window), ==, "report");
        g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL, "Not yet: the target is not met"));
        g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL, "1 of 2 people reached the level (50%)"));
        g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL, "1 more person must reach the level"));
        g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL, "Staff (2)"));
        save_shot (GTK_WIDGET (window), "report.png");
        click (find_widget (page, GTK_TYPE_BUTTON, "School _Settings"));
        STEP ("the report shows the numbers; School Settings opens");
      }
      break;

    case 4:
      {
        GtkWindow *settings = find_toplevel (HS_TYPE_SCHOOL_WINDOW);

        g_assert_nonnull (settings);
        save_shot (GTK_WIDGET (settings), "school-settings.png");
        gtk_window_destroy (settings);
        click (find_widget (hs_window_get_report_page (window), GTK_TYPE_BUTTON, "_Lock"));
        STEP ("the settings window shows; Lock");
      }
      break;

    case 5:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(HsLearner) lan = NULL;

        g_assert_cmpstr (hs_window_get_page_name (window), ==, "chooser");
        g_assert_false (hs_school_get_unlocked (hs_application_get_school (run->app)));
        lan = hs_progress_find_learner (hs_application_get_progress (run->app), "Nguyễn Thị Lan", &error);
        g_assert_no_error (error);
        hs_window_set_learner (window, lan);
        hs_window_show_course (window, COURSE);
        STEP ("locked, back to the chooser; Lan opens her course");
      }
      break;

    case 6:
      {
        GtkWidget *label = find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "is ready");

        g_assert_cmpstr (hs_window_get_page_name (window), ==, "course");
        g_assert_nonnull (label);
        g_assert_true (gtk_widget_is_visible (label));
        save_shot (GTK_WIDGET (window), "course-certificate.png");
        click (find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Save _Certificate"));
        STEP ("the completed course offers the certificate; saving it");
      }
      break;

    case 7:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(HsLearner) lan = hs_progress_find_learner (hs_application_get_progress (run->app),
                                                             "Nguyễn Thị Lan", &error);
        g_autoptr(HsCertificate) certificate = hs_certificate_lookup (hs_application_get_progress (run->app),
                                                                      lan, COURSE, &error);
        GtkWindow *chooser = NULL;

        /* Issued when the page showed, before any file was chosen. */
        g_assert_no_error (error);
        g_assert_cmpstr (hs_certificate_get_learner_name (certificate), ==, "Nguyễn Thị Lan");

        G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
        if (chooser != NULL)
          gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
        G_GNUC_END_IGNORE_DEPRECATIONS
        STEP ("the certificate is issued and recorded");
      }
      break;

    default:
      g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
test_admin_report_certificate (void)
{
  g_autoptr(HsApplication) app = hs_application_new ();
  g_autoptr(GPtrArray) done = g_ptr_array_new ();
  char *argv[] = { (char *) "hocso", NULL };
  Run run = { app, 0, 0, 0, FALSE, done };
  int status;

  g_timeout_add (100, tick_cb, &run);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  for (guint i = 0; i < done->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (done, i));
  g_assert_cmpint (status, ==, 0);
  g_assert_false (run.failed);
  g_assert_cmpint (run.step, ==, 8);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  shots_dir = g_getenv ("HOCSO_TEST_SHOTS");

  tmp = hs_test_make_tmp_dir ();
  data_dir = g_build_filename (tmp, "data", NULL);
  g_setenv ("HOCSO_DATA_DIR", data_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp, TRUE);

  {
    g_autoptr(HsLibrary) library = hs_library_new (data_dir, &error);
    g_autoptr(HsProgress) progress = hs_progress_new (library);
    g_autoptr(HsSchool) school = hs_school_new (library);
    g_autofree char *package = NULL;
    g_autoptr(HsCourse) course = NULL;
    g_autoptr(HsLearner) lan = NULL;
    g_autoptr(HsLearner) minh = NULL;

    g_assert_no_error (error);
    package = hs_test_make_certificate_package (tmp, COURSE, "An toàn trên không gian mạng",
                                                "[\"manager\", \"teacher\", \"staff\"]", TRUE, FALSE);
    course = hs_library_import (library, package, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    lan = hs_progress_add_learner (progress, "Nguyễn Thị Lan", HS_ROLE_TEACHER, &error);
    g_assert_no_error (error);
    minh = hs_progress_add_learner (progress, "Trần Văn Minh", HS_ROLE_TEACHER, &error);
    g_assert_no_error (error);
    g_assert_true (hs_progress_record (progress, lan, COURSE, "l1", HS_VERB_COMPLETED, 1, NULL, &error));
    g_assert_true (hs_progress_record (progress, lan, COURSE, "l2", HS_VERB_COMPLETED, 1, NULL, &error));
    g_assert_true (hs_school_set_admin_pin (school, PIN, &error));
    g_assert_true (hs_school_set_text (school, HS_SCHOOL_NAME, "Trường Mầm non Tam Hưng A", &error));
    g_assert_true (hs_school_set_text (school, HS_SCHOOL_UNIT, "UBND xã Tam Hưng", &error));
    g_assert_true (hs_school_set_text (school, HS_SCHOOL_PRINCIPAL_NAME, "Nguyễn Thị Hoa", &error));
    g_assert_no_error (error);
  }

  g_test_add_func ("/hocso/admin/report-and-certificate", test_admin_report_certificate);

  status = g_test_run ();
  hs_test_rm_rf (tmp);
  g_free (data_dir);
  return status;
}
