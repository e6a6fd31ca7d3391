/* hs-report-page.c — the principal's report, behind the admin PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything on the page comes from one HsReport for the year shown, made
 * again on each reload: the verdict against the target in large type,
 * then the numbers per role and per person, the courses that count, and
 * the two exports the commune asks for.  The page is only reached through
 * the admin PIN dialog, and "Lock" locks the school again.
 */
#define G_LOG_DOMAIN "hs-report-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-application.h"
#include "hs-report.h"
#include "hs-report-page.h"
#include "hs-school-window.h"
#include "hs-window.h"

struct _HsReportPage
{
  AdwBin          parent_instance;

  GtkLabel       *year_label;
  GtkWidget      *previous_button;
  GtkWidget      *next_button;
  GtkLabel       *status_label;
  GtkLabel       *summary_label;
  GtkProgressBar *percent_bar;
  GtkLabel       *target_label;
  GtkLabel       *needed_label;
  GtkListBox     *roles_list;
  GtkLabel       *staff_heading;
  GtkListBox     *staff_list;
  GtkLabel       *courses_heading;
  GtkListBox     *courses_list;

  HsReport       *report;
  int             year;
};

G_DEFINE_FINAL_TYPE (HsReportPage, hs_report_page, ADW_TYPE_BIN)

enum {
  LOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (HsReportPage *self,
       const char   *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (HS_IS_WINDOW (root))
    hs_window_add_toast (HS_WINDOW (root), message);
}

static const char *
role_plural (HsRole role)
{
  switch (role)
    {
    case HS_ROLE_MANAGER:
      return _("Managers");
    case HS_ROLE_TEACHER:
      return _("Teachers");
    case HS_ROLE_STAFF:
    case HS_N_ROLES:
    default:
      return _("Staff");
    }
}

static char *
percent_text (double percent)
{
  if (percent - (int) percent < 0.05 || percent - (int) percent > 0.95)
    /* Translators: a share of staff, like "95%" */
    return g_strdup_printf (_("%.0f%%"), percent);
  /* Translators: a share of staff, like "66.7%" */
  return g_strdup_printf (_("%.1f%%"), percent);
}

static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and titles are text people typed, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
add_suffix_label (GtkWidget  *row,
                  const char *text,
                  const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "fact-label");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

static void
fill_summary (HsReportPage *self)
{
  HsReportStatus status = hs_report_get_status (self->report);
  guint staff = hs_report_get_n_staff (self->report);
  guint reached = hs_report_get_n_reached (self->report);
  guint needed = hs_report_get_n_needed (self->report);
  int from = 0;
  int target = hs_report_get_target (self->report, &from);
  g_autofree char *percent = percent_text (hs_report_get_percent (self->report));
  g_autofree char *summary = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *needed_text = NULL;
  const char *status_text;

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
  switch (status)
    {
    case HS_REPORT_STATUS_ON_TRACK:
      status_text = _("On track: the target is met");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
      break;
    case HS_REPORT_STATUS_NOT_YET:
      status_text = _("Not yet: the target is not met");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
      break;
    case HS_REPORT_STATUS_NO_TARGET:
      status_text = _("No target is set for this year");
      break;
    case HS_REPORT_STATUS_NO_STAFF:
    default:
      status_text = _("No staff to count for this year");
      break;
    }
  gtk_label_set_label (self->status_label, status_text);

  /* Translators: "19 of 20 staff reached the level (95%)" */
  summary = g_strdup_printf (ngettext ("%u of %u person reached the level (%s)",
                                       "%u of %u people reached the level (%s)", staff),
                             reached, staff, percent);
  gtk_label_set_label (self->summary_label, summary);
  gtk_progress_bar_set_fraction (self->percent_bar, hs_report_get_percent (self->report) / 100);
  gtk_progress_bar_set_text (self->percent_bar, percent);
  if (status == HS_REPORT_STATUS_ON_TRACK)
    gtk_widget_add_css_class (GTK_WIDGET (self->percent_bar), "on-track");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->percent_bar), "on-track");

  if (target < 0)
    target_text = g_strdup (_("Set a target for this year in the school settings."));
  else if (from == self->year)
    target_text = g_strdup_printf (_("Target for %d: %d%% of staff reach the level by 31 December."), self->year, target);
  else
    target_text = g_strdup_printf (_("Target for %d: %d%% of staff, as set for %d."), self->year, target, from);
  gtk_label_set_label (self->target_label, target_text);

  if (needed > 0)
    needed_text = g_strdup_printf (ngettext ("%u more person must reach the level to meet it.",
                                             "%u more people must reach the level to meet it.", needed),
                                   needed);
  gtk_label_set_label (self->needed_label, needed_text ? needed_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->needed_label), needed_text != NULL);
}

static void
fill_roles (HsReportPage *self)
{
  clear_list (self->roles_list);
  for (HsRole role = 0; role < HS_N_ROLES; role++)
    {
      guint staff, reached;
      GtkWidget *row;
      g_autofree char *subtitle = NULL;
      g_autofree char *percent = NULL;

      hs_report_get_role_counts (self->report, role, &staff, &reached);
      subtitle = g_strdup_printf (ngettext ("%u of %u person reached the level", "%u of %u people reached the level",
                                            staff), reached, staff);
      row = new_row (role_plural (role), subtitle);
      percent = staff > 0 ? percent_text (100.0 * reached / staff) : g_strdup ("–");
      add_suffix_label (row, percent, staff > 0 && reached == staff ? "success" : NULL);
      gtk_list_box_append (self->roles_list, row);
    }
}

static void
fill_staff (HsReportPage *self)
{
  guint n_rows = hs_report_get_n_rows (self->report);
  g_autofree char *heading = g_strdup_printf (_("Staff (%u)"), n_rows);

  gtk_label_set_label (self->staff_heading, heading);
  clear_list (self->staff_list);
  if (n_rows == 0)
    gtk_list_box_append (self->staff_list,
                         new_row (_("Nobody to count yet"),
                                  _("People added on this PC by the end of the year are counted here.")));

  for (guint i = 0; i < n_rows; i++)
    {
      const HsReportRow *row = hs_report_get_row (self->report, i);
      g_autofree char *courses = g_strdup_printf (ngettext ("%u of %u course done", "%u of %u courses done",
                                                            row->n_required),
                                                  row->n_completed, row->n_required);
      /* Translators: under a person's name: their role and courses, "Teacher · 2 of 3 courses done" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), hs_role_get_label (hs_learner_get_role (row->learner)),
                                                   courses);
      GtkWidget *list_row = new_row (hs_learner_get_name (row->learner), subtitle);

      if (row->reached)
        {
          g_autofree char *day = date_text (&row->reached_on);
          /* Translators: the day a person reached the level, "Reached 20/11/2025" */
          g_autofree char *text = g_strdup_printf (_("Reached %s"), day);

          add_suffix_label (list_row, text, "success");
        }
      else if (row->n_required == 0)
        add_suffix_label (list_row, _("No course for this role"), "dim-label");
      else
        add_suffix_label (list_row, _("Not yet"), "warning");
      gtk_list_box_append (self->staff_list, list_row);
    }
}

static void
fill_courses (HsReportPage *self)
{
  GPtrArray *courses = hs_report_get_courses (self->report);
  const char * const *missing = hs_report_get_missing_courses (self->report);

  gtk_label_set_label (self->courses_heading,
                       hs_report_get_default_courses (self->report)
                       ? _("Courses That Count: every course that gives a certificate")
                       : _("Courses That Count: chosen in the school settings"));
  clear_list (self->courses_list);
  if (courses->len == 0)
    gtk_list_box_append (self->courses_list,
                         new_row (_("No course counts yet"),
                                  _("Install the courses, or choose which count in the school settings.")));
  for (guint i = 0; i < courses->len; i++)
    {
      HsCourse *course = g_ptr_array_index (courses, i);

      gtk_list_box_append (self->courses_list, new_row (hs_course_get_title (course), hs_course_get_id (course)));
    }
  for (guint i = 0; missing[i] != NULL; i++)
    {
      GtkWidget *row = new_row (missing[i], _("Chosen, but not installed on this PC: it counts once it is."));

      add_suffix_label (row, _("Not installed"), "warning");
      gtk_list_box_append (self->courses_list, row);
    }
}

/**
 * hs_report_page_reload:
 *
 * Builds the report of the year shown from the records as they are now.
 */
void
hs_report_page_reload (HsReportPage *self)
{
  HsApplication *app = HS_APPLICATION_DEFAULT;
  g_autoptr(GError) error = NULL;
  g_autofree char *year = NULL;

  g_return_if_fail (HS_IS_REPORT_PAGE (self));

  /* Translators: the report's heading, "Report 2025" */
  year = g_strdup_printf (_("Report %d"), self->year);
  gtk_label_set_label (self->year_label, year);
  gtk_widget_set_sensitive (self->previous_button, self->year > HS_SCHOOL_MIN_YEAR);
  gtk_widget_set_sensitive (self->next_button, self->year < HS_SCHOOL_MAX_YEAR);

  g_clear_object (&self->report);
  if (app == NULL)
    return;
  self->report = hs_report_new (hs_application_get_progress (app), hs_application_get_school (app),
                                self->year, &error);
  if (self->report == NULL)
    {
      toast (self, error->message);
      return;
    }

  fill_summary (self);
  fill_roles (self);
  fill_staff (self);
  fill_courses (self);
}

int
hs_report_page_get_year (HsReportPage *self)
{
  g_return_val_if_fail (HS_IS_REPORT_PAGE (self), 0);
  return self->year;
}

void
hs_report_page_set_year (HsReportPage *self,
                         int           year)
{
  g_return_if_fail (HS_IS_REPORT_PAGE (self));

  self->year = CLAMP (year, HS_SCHOOL_MIN_YEAR, HS_SCHOOL_MAX_YEAR);
  hs_report_page_reload (self);
}

static void
previous_clicked_cb (HsReportPage *self,
                     GtkButton    *button)
{
  hs_report_page_set_year (self, self->year - 1);
}

static void
next_clicked_cb (HsReportPage *self,
                 GtkButton    *button)
{
  hs_report_page_set_year (self, self->year + 1);
}

static void
settings_closed_cb (HsReportPage *self,
                    GtkWindow    *window)
{
  hs_report_page_reload (self);
}

static void
settings_clicked_cb (HsReportPage *self,
                     GtkButton    *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window = hs_school_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);

  g_signal_connect_object (window, "destroy", G_CALLBACK (settings_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
lock_clicked_cb (HsReportPage *self,
                 GtkButton    *button)
{
  hs_school_lock (hs_application_get_school (HS_APPLICATION_DEFAULT));
  g_clear_object (&self->report);
  g_signal_emit (self, signals[LOCKED], 0);
}

/* The report's data lives in the database the main thread owns, so the
 * files are written here; they take a fraction of a second. */
static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  HsReportPage    *self)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pdf"));

  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gboolean saved;

      if (pdf)
        saved = hs_report_write_pdf (self->report, path, &error);
      else
        {
          g_autofree char *csv = hs_report_to_csv (self->report);

          saved = g_file_set_contents (path, csv, -1, &error);
        }

      if (saved)
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Saved “%s”."), name);

          toast (self, message);
        }
      else
        toast (self, error->message);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save (HsReportPage *self,
      gboolean      pdf)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->report == NULL)
    return;

  dialog = gtk_file_chooser_native_new (pdf ? _("Save Report as PDF") : _("Save Report as Spreadsheet"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("Spreadsheets (CSV)"));
  gtk_file_filter_add_pattern (filter, pdf ? "*.pdf" : "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the file name offered for the report, without its extension */
  name = g_strdup_printf ("%s %d.%s", _("Digital skills report"), self->year, pdf ? "pdf" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  g_object_set_data (G_OBJECT (dialog), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_pdf_clicked_cb (HsReportPage *self,
                       GtkButton    *button)
{
  save (self, TRUE);
}

static void
export_csv_clicked_cb (HsReportPage *self,
                       GtkButton    *button)
{
  save (self, FALSE);
}

static void
hs_report_page_dispose (GObject *object)
{
  HsReportPage *self = (HsReportPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_REPORT_PAGE);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (hs_report_page_parent_class)->dispose (object);
}

static void
hs_report_page_class_init (HsReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_report_page_dispose;

  /**
   * HsReportPage::locked:
   *
   * The principal locked the school again: the page should go.
   */
  signals[LOCKED] = g_signal_new ("locked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, percent_bar);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, target_label);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, needed_label);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, roles_list);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, staff_heading);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, staff_list);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, courses_heading);
  gtk_widget_class_bind_template_child (widget_class, HsReportPage, courses_list);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, settings_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, lock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_pdf_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_csv_clicked_cb);
}

static void
hs_report_page_init (HsReportPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->year = g_date_time_get_year (now);
}
