/* hs-report.c — staff progress against the school's yearly target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule, for a year Y (HACKING.md repeats it for principals' questions):
 *
 *  - The courses that count are those the principal chose
 *    (hs_school_set_level_courses()) that are installed, or, when none were
 *    chosen, every installed course whose course.json enables a
 *    certificate.
 *  - Staff are the learners added on or before 31 December of Y, local
 *    time: someone who joins in 2026 is not missing from 2025.
 *  - A course counts for a learner when its audience holds the learner's
 *    role; it is completed by Y when the learner's first course-level
 *    "completed" statement falls on or before 31 December of Y, local time.
 *  - A learner reached the level by Y when at least one course counts for
 *    them and they completed every such course by Y.  A learner for whom no
 *    course counts has not reached it: the report flags them.
 *  - The school is on track when reached × 100 ≥ target × staff, with the
 *    target of Y (or of the latest earlier year that has one), in whole
 *    numbers so 19 of 20 meets 95 % exactly.
 *
 * The report holds staff's names and results, so it is built only with the
 * school's settings unlocked by the admin PIN.  Its PDF and CSV are
 * documents for the commune: their wording is Vietnamese whatever the
 * app's language.
 */
#define G_LOG_DOMAIN "hs-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>

#include "hs-pdf.h"
#include "hs-report.h"
#include "hs-utils.h"

struct _HsReport
{
  GObject     parent_instance;

  HsSchool   *school;
  int         year;
  int         target;
  int         target_year;
  gboolean    default_courses;
  GPtrArray  *courses;        /* HsCourse */
  GStrv       missing;        /* chosen but not installed */
  GArray     *rows;           /* HsReportRow */
  guint       n_reached;
  guint       role_staff[HS_N_ROLES];
  guint       role_reached[HS_N_ROLES];
};

G_DEFINE_FINAL_TYPE (HsReport, hs_report, G_TYPE_OBJECT)

static const char * const status_names[] = {
  [HS_REPORT_STATUS_ON_TRACK] = "on-track",
  [HS_REPORT_STATUS_NOT_YET] = "not-yet",
  [HS_REPORT_STATUS_NO_TARGET] = "no-target",
  [HS_REPORT_STATUS_NO_STAFF] = "no-staff",
};

/* The role groups as a Vietnamese document names them. */
static const char * const role_words[] = {
  [HS_ROLE_MANAGER] = "Cán bộ quản lý",
  [HS_ROLE_TEACHER] = "Giáo viên",
  [HS_ROLE_STAFF] = "Nhân viên",
};

const char *
hs_report_status_to_string (HsReportStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

static void
row_clear (HsReportRow *row)
{
  g_clear_object (&row->learner);
  g_clear_pointer (&row->cells, g_free);
}

static void
hs_report_finalize (GObject *object)
{
  HsReport *self = (HsReport *)object;

  g_clear_object (&self->school);
  g_clear_pointer (&self->courses, g_ptr_array_unref);
  g_clear_pointer (&self->missing, g_strfreev);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (hs_report_parent_class)->finalize (object);
}

static void
hs_report_class_init (HsReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_report_finalize;
}

static void
hs_report_init (HsReport *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (HsReportRow));
  g_array_set_clear_func (self->rows, (GDestroyNotify) row_clear);
}

static gboolean
pick_courses (HsReport    *self,
              HsProgress  *progress,
              GError     **error)
{
  g_autoptr(GPtrArray) installed = NULL;
  g_auto(GStrv) chosen = hs_school_get_level_courses (self->school);
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();

  installed = hs_library_list (hs_progress_get_library (progress), error);
  if (installed == NULL)
    return FALSE;

  self->courses = g_ptr_array_new_with_free_func (g_object_unref);
  self->default_courses = chosen == NULL;
  for (guint i = 0; i < installed->len; i++)
    {
      HsCourse *course = g_ptr_array_index (installed, i);
      gboolean counts = chosen ? g_strv_contains ((const char * const *) chosen, hs_course_get_id (course))
                               : hs_course_get_certificate_enabled (course);

      if (counts)
        g_ptr_array_add (self->courses, g_object_ref (course));
    }

  for (guint i = 0; chosen != NULL && chosen[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < self->courses->len && !found; j++)
        found = g_str_equal (chosen[i], hs_course_get_id (g_ptr_array_index (self->courses, j)));
      if (!found)
        g_strv_builder_add (missing, chosen[i]);
    }
  self->missing = g_strv_builder_end (missing);
  return TRUE;
}

/* Staff lists go by given name, as Vietnamese lists do. */
static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const HsReportRow *row_a = a, *row_b = b;
  g_autofree char *key_a = hs_utils_vietnamese_name_key (hs_learner_get_name (row_a->learner));
  g_autofree char *key_b = hs_utils_vietnamese_name_key (hs_learner_get_name (row_b->learner));

  return strcmp (key_a, key_b);
}

static char *
completion_key (gint64      learner_id,
                const char *course_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%s", learner_id, course_id);
}

/**
 * hs_report_new:
 * @year: the year whose end the report counts to, 2000 to 2100
 *
 * Builds the report of @year from the records; @school must be unlocked.
 */
HsReport *
hs_report_new (HsProgress  *progress,
               HsSchool    *school,
               int          year,
               GError     **error)
{
  g_autoptr(HsReport) self = NULL;
  g_autoptr(GPtrArray) learners = NULL;
  g_autoptr(GPtrArray) completions = NULL;
  g_autoptr(GHashTable) completed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GDate year_end;

  g_return_val_if_fail (HS_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (HS_IS_SCHOOL (school), NULL);

  if (!hs_school_get_unlocked (school))
    {
      if (hs_school_has_admin_pin (school))
        g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_LOCKED,
                             _("Enter the admin PIN to see the report."));
      else
        g_set_error_literal (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_NO_PIN,
                             _("Set the admin PIN first; the report is kept behind it."));
      return NULL;
    }
  if (year < HS_SCHOOL_MIN_YEAR || year > HS_SCHOOL_MAX_YEAR)
    {
      g_set_error (error, HS_SCHOOL_ERROR, HS_SCHOOL_ERROR_INVALID_VALUE,
                   _("The report’s year must be from %d to %d."), HS_SCHOOL_MIN_YEAR, HS_SCHOOL_MAX_YEAR);
      return NULL;
    }

  self = g_object_new (HS_TYPE_REPORT, NULL);
  self->school = g_object_ref (school);
  self->year = year;
  self->target = hs_school_get_target (school, year, &self->target_year);
  g_date_clear (&year_end, 1);
  g_date_set_dmy (&year_end, 31, G_DATE_DECEMBER, year);

  if (!pick_courses (self, progress, error))
    return NULL;

  learners = hs_progress_list_learners (progress, error);
  if (learners == NULL)
    return NULL;
  completions = hs_progress_list_completions (progress, NULL, NULL, error);
  if (completions == NULL)
    return NULL;

  for (guint i = 0; i < completions->len; i++)
    {
      HsCourseCompletion *completion = g_ptr_array_index (completions, i);
      GDate *day = g_date_new ();

      if (!hs_utils_local_date (completion->time, day) || g_date_compare (day, &year_end) > 0)
        {
          g_date_free (day);
          continue;
        }
      g_hash_table_insert (completed, completion_key (completion->learner_id, completion->course_id), day);
    }

  for (guint i = 0; i < learners->len; i++)
    {
      HsLearner *learner = g_ptr_array_index (learners, i);
      HsRole role = hs_learner_get_role (learner);
      HsReportRow row = { 0 };
      GDate added;

      if (hs_utils_local_date (hs_learner_get_created (learner), &added) &&
          g_date_compare (&added, &year_end) > 0)
        continue;

      row.learner = g_object_ref (learner);
      row.cells = g_new0 (HsReportCell, MAX (self->courses->len, 1));
      g_date_clear (&row.reached_on, 1);

      for (guint c = 0; c < self->courses->len; c++)
        {
          HsCourse *course = g_ptr_array_index (self->courses, c);
          HsReportCell *cell = &row.cells[c];
          g_autofree char *key = completion_key (hs_learner_get_id (learner), hs_course_get_id (course));
          GDate *day = g_hash_table_lookup (completed, key);
          double score = -1;

          g_date_clear (&cell->completed_on, 1);
          cell->applies = (hs_course_get_audience (course) & (1u << role)) != 0;
          cell->completed = day != NULL;
          if (day != NULL)
            cell->completed_on = *day;
          if (!hs_progress_get_course_score (progress, learner, hs_course_get_id (course), &score, error))
            {
              row_clear (&row);
              return NULL;
            }
          cell->score = score >= 0 ? (int) floor (score * 100 + 0.5) : -1;

          if (!cell->applies)
            continue;
          row.n_required++;
          if (cell->completed)
            {
              row.n_completed++;
              if (!g_date_valid (&row.reached_on) || g_date_compare (day, &row.reached_on) > 0)
                row.reached_on = *day;
            }
        }

      row.reached = row.n_required > 0 && row.n_completed == row.n_required;
      if (!row.reached)
        g_date_clear (&row.reached_on, 1);

      self->role_staff[role]++;
      if (row.reached)
        {
          self->n_reached++;
          self->role_reached[role]++;
        }
      g_array_append_val (self->rows, row);
    }

  g_array_sort (self->rows, compare_rows);
  return g_steal_pointer (&self);
}

int
hs_report_get_year (HsReport *self)
{
  g_return_val_if_fail (HS_IS_REPORT (self), 0);
  return self->year;
}

/**
 * hs_report_get_target:
 * @from_year: (out) (optional): the year that set it
 *
 * Returns: the target percentage, or -1 when none applies
 */
int
hs_report_get_target (HsReport *self,
                      int      *from_year)
{
  g_return_val_if_fail (HS_IS_REPORT (self), -1);
  if (from_year != NULL)
    *from_year = self->target_year;
  return self->target;
}

guint
hs_report_get_n_staff (HsReport *self)
{
  g_return_val_if_fail (HS_IS_REPORT (self), 0);
  return self->rows->len;
}

guint
hs_report_get_n_reached (HsReport *self)
{
  g_return_val_if_fail (HS_IS_REPORT (self), 0);
  return self->n_reached;
}

/* The share of staff who reached the level, 0 to 100. */
double
hs_report_get_percent (HsReport *self)
{
  g_return_val_if_fail (HS_IS_REPORT (self), 0);
  return self->rows->len > 0 ? 100.0 * self->n_reached / self->rows->len : 0;
}

HsReportStatus
hs_report_get_status (HsReport *self)
{
  g_return_val_if_fail (HS_IS_REPORT (self), HS_REPORT_STATUS_NO_STAFF);

  if (self->rows->len == 0)
    return HS_REPORT_STATUS_NO_STAFF;
  if (self->target < 0)
    return HS_REPORT_STATUS_NO_TARGET;
  return (guint64) self->n_reached * 100 >= (guint64) self->target * self->rows->len
         ? HS_REPORT_STATUS_ON_TRACK : HS_REPORT_STATUS_NOT_YET;
}

/* How many more people must reach the level for the school to meet the
 * target: 0 when it is met or there is none. */
guint
hs_report_get_n_needed (HsReport *self)
{
  guint64 wanted;

  g_return_val_if_fail (HS_IS_REPORT (self), 0);

  if (self->target < 0 || self->rows->len == 0)
    return 0;
  /* The smallest whole number of people that is target % of staff. */
  wanted = ((guint64) self->target * self->rows->len + 99) / 100;
  return wanted > self->n_reached ? (guint) (wanted - self->n_reached) : 0;
}

/* Whether the courses are the default ones (every course with a
 * certificate), not the principal's choice. */
gboolean
hs_report_get_default_courses (HsReport *self)
{
  g_return_val_if_fail (HS_IS_REPORT (self), FALSE);
  return self->default_courses;
}

/* Returns: (transfer none) (element-type HsCourse): the courses that count */
GPtrArray *
hs_report_get_courses (HsReport *self)
{
  g_return_val_if_fail (HS_IS_REPORT (self), NULL);
  return self->courses;
}

/* The ids the principal chose that are not installed: they count for
 * nobody until they are. */
const char * const *
hs_report_get_missing_courses (HsReport *self)
{
  g_return_val_if_fail (HS_IS_REPORT (self), NULL);
  return (const char * const *) self->missing;
}

guint
hs_report_get_n_rows (HsReport *self)
{
  g_return_val_if_fail (HS_IS_REPORT (self), 0);
  return self->rows->len;
}

/* The learners by name, each with a cell per course that counts. */
const HsReportRow *
hs_report_get_row (HsReport *self,
                   guint     index)
{
  g_return_val_if_fail (HS_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return &g_array_index (self->rows, HsReportRow, index);
}

void
hs_report_get_role_counts (HsReport *self,
                           HsRole    role,
                           guint    *n_staff,
                           guint    *n_reached)
{
  g_return_if_fail (HS_IS_REPORT (self));
  g_return_if_fail ((guint) role < HS_N_ROLES);

  if (n_staff != NULL)
    *n_staff = self->role_staff[role];
  if (n_reached != NULL)
    *n_reached = self->role_reached[role];
}

static char *
iso_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
vn_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          const GDate *date)
{
  g_autofree char *text = iso_date (date);

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

/**
 * hs_report_to_json:
 *
 * The report as `hocso report --json` prints it (README.md shows it).
 */
JsonNode *
hs_report_to_json (HsReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (HS_IS_REPORT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, self->year);
  json_builder_set_member_name (builder, "target");
  if (self->target >= 0)
    json_builder_add_int_value (builder, self->target);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "target_year");
  if (self->target >= 0)
    json_builder_add_int_value (builder, self->target_year);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "staff");
  json_builder_add_int_value (builder, self->rows->len);
  json_builder_set_member_name (builder, "reached");
  json_builder_add_int_value (builder, self->n_reached);
  json_builder_set_member_name (builder, "percent");
  json_builder_add_double_value (builder, round (hs_report_get_percent (self) * 10) / 10);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, hs_report_status_to_string (hs_report_get_status (self)));
  json_builder_set_member_name (builder, "needed");
  json_builder_add_int_value (builder, hs_report_get_n_needed (self));

  json_builder_set_member_name (builder, "courses_chosen");
  json_builder_add_boolean_value (builder, !self->default_courses);
  json_builder_set_member_name (builder, "courses");
  json_builder_begin_array (builder);
  for (guint c = 0; c < self->courses->len; c++)
    {
      HsCourse *course = g_ptr_array_index (self->courses, c);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, hs_course_get_id (course));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, hs_course_get_title (course));
      json_builder_set_member_name (builder, "audience");
      json_builder_begin_array (builder);
      for (HsRole role = 0; role < HS_N_ROLES; role++)
        if (hs_course_get_audience (course) & (1u << role))
          json_builder_add_string_value (builder, hs_role_to_string (role));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "missing_courses");
  json_builder_begin_array (builder);
  for (guint i = 0; self->missing[i] != NULL; i++)
    json_builder_add_string_value (builder, self->missing[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  for (HsRole role = 0; role < HS_N_ROLES; role++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, hs_role_to_string (role));
      json_builder_set_member_name (builder, "staff");
      json_builder_add_int_value (builder, self->role_staff[role]);
      json_builder_set_member_name (builder, "reached");
      json_builder_add_int_value (builder, self->role_reached[role]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "learners");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const HsReportRow *row = &g_array_index (self->rows, HsReportRow, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, hs_learner_get_name (row->learner));
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, hs_role_to_string (hs_learner_get_role (row->learner)));
      json_builder_set_member_name (builder, "required");
      json_builder_add_int_value (builder, row->n_required);
      json_builder_set_member_name (builder, "completed");
      json_builder_add_int_value (builder, row->n_completed);
      json_builder_set_member_name (builder, "reached");
      json_builder_add_boolean_value (builder, row->reached);
      add_date (builder, "reached_on", &row->reached_on);
      json_builder_set_member_name (builder, "courses");
      json_builder_begin_array (builder);
      for (guint c = 0; c < self->courses->len; c++)
        {
          const HsReportCell *cell = &row->cells[c];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, hs_course_get_id (g_ptr_array_index (self->courses, c)));
          json_builder_set_member_name (builder, "applies");
          json_builder_add_boolean_value (builder, cell->applies);
          add_date (builder, "completed_on", cell->completed ? &cell->completed_on : NULL);
          json_builder_set_member_name (builder, "score");
          if (cell->score >= 0)
            json_builder_add_int_value (builder, cell->score);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* One CSV field: quoted when it needs to be, and a leading = + - @ made
 * harmless, so a learner's name never runs as a spreadsheet formula. */
static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (strchr ("=+-@\t", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
  g_string_append (out, last ? "\r\n" : ",");
}

/**
 * hs_report_to_csv:
 *
 * One line per learner, Vietnamese column headers, UTF-8 with a byte order
 * mark and CR LF line ends, which is what spreadsheet programs need to
 * open Vietnamese text correctly.  Per course: the day it was completed
 * (dd/mm/yyyy) and the best quiz score; "–" where the course does not
 * count for the learner's role.
 */
char *
hs_report_to_csv (HsReport *self)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");

  g_return_val_if_fail (HS_IS_REPORT (self), NULL);

  csv_field (out, "STT", FALSE);
  csv_field (out, "Họ và tên", FALSE);
  csv_field (out, "Nhóm", FALSE);
  for (guint c = 0; c < self->courses->len; c++)
    {
      const char *title = hs_course_get_title (g_ptr_array_index (self->courses, c));
      g_autofree char *done = g_strdup_printf ("%s – ngày hoàn thành", title);
      g_autofree char *score = g_strdup_printf ("%s – điểm", title);

      csv_field (out, done, FALSE);
      csv_field (out, score, FALSE);
    }
  csv_field (out, "Số khoá đã hoàn thành", FALSE);
  csv_field (out, "Đạt mức kỹ năng số", FALSE);
  csv_field (out, "Ngày đạt", TRUE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const HsReportRow *row = &g_array_index (self->rows, HsReportRow, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *count = g_strdup_printf ("%u/%u", row->n_completed, row->n_required);
      g_autofree char *reached_on = vn_date (&row->reached_on);

      csv_field (out, number, FALSE);
      csv_field (out, hs_learner_get_name (row->learner), FALSE);
      csv_field (out, role_words[hs_learner_get_role (row->learner)], FALSE);
      for (guint c = 0; c < self->courses->len; c++)
        {
          const HsReportCell *cell = &row->cells[c];
          g_autofree char *day = cell->completed ? vn_date (&cell->completed_on) : g_strdup ("");
          g_autofree char *score = cell->score >= 0 ? g_strdup_printf ("%d", cell->score) : g_strdup ("");

          csv_field (out, cell->applies ? day : "–", FALSE);
          csv_field (out, cell->applies ? score : "–", FALSE);
        }
      csv_field (out, count, FALSE);
      csv_field (out, row->reached ? "Đạt" : "Chưa đạt", FALSE);
      csv_field (out, reached_on, TRUE);
    }

  return g_string_free (out, FALSE);
}

/* The printable report: A4 portrait. */

#define PAGE_WIDTH   HS_PDF_A4_SHORT
#define PAGE_HEIGHT  HS_PDF_A4_LONG
#define MARGIN       50.0
#define BOTTOM       (PAGE_HEIGHT - 62)
#define TABLE_FONT   "Noto Sans 9.5"

/* "95%", "66,7%": a decimal comma, as Vietnamese writes numbers. */
static char *
vn_percent (double percent)
{
  char *text;

  if (fabs (percent - round (percent)) < 0.05)
    return g_strdup_printf ("%.0f%%", round (percent));
  text = g_strdup_printf ("%.1f%%", percent);
  g_strdelimit (text, ".", ',');
  return text;
}

typedef struct {
  const char     *text;
  double          width;
  PangoAlignment  alignment;
} Column;

typedef struct {
  HsReport *self;
  cairo_t  *cr;
  guint     page;
  guint     n_pages;   /* 0 while counting */
  double    y;
} Doc;

static void
draw_footer (Doc *doc)
{
  g_autofree char *text = NULL;

  if (doc->n_pages == 0)
    return;
  text = g_strdup_printf ("Báo cáo kết quả học tập kỹ năng số năm %d  ·  Trang %u/%u",
                          doc->self->year, doc->page, doc->n_pages);
  hs_pdf_text (doc->cr, text, "Noto Sans 8", &hs_pdf_grey, MARGIN, PAGE_HEIGHT - 40,
               PAGE_WIDTH - 2 * MARGIN, PANGO_ALIGN_CENTER);
}

static void
new_page (Doc *doc)
{
  draw_footer (doc);
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN;
}

/* Measures a row of cells; draws it when @draw. */
static double
table_row (Doc          *doc,
           const Column *columns,
           guint         n_columns,
           const char  **cells,
           const char   *font,
           gboolean      shaded,
           gboolean      draw)
{
  double height = 0, x = MARGIN;

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(PangoLayout) layout = hs_pdf_layout (doc->cr, cells[i], font, columns[i].width - 8,
                                                     columns[i].alignment);
      int h;

      pango_layout_get_size (layout, NULL, &h);
      height = MAX (height, (double) h / PANGO_SCALE);
    }
  height += 8;
  if (!draw)
    return height;

  if (shaded)
    {
      cairo_set_source_rgb (doc->cr, 0.95, 0.93, 0.90);
      cairo_rectangle (doc->cr, MARGIN, doc->y, PAGE_WIDTH - 2 * MARGIN, height);
      cairo_fill (doc->cr);
    }
  for (guint i = 0; i < n_columns; i++)
    {
      hs_pdf_text (doc->cr, cells[i], font, &hs_pdf_ink, x + 4, doc->y + 4, columns[i].width - 8,
                   columns[i].alignment);
      x += columns[i].width;
    }
  cairo_set_source_rgb (doc->cr, 0.78, 0.75, 0.70);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN, doc->y + height);
  cairo_line_to (doc->cr, PAGE_WIDTH - MARGIN, doc->y + height);
  cairo_stroke (doc->cr);
  return height;
}

static void
table_header (Doc          *doc,
              const Column *columns,
              guint         n_columns)
{
  const char *cells[8];

  g_assert (n_columns <= G_N_ELEMENTS (cells));
  for (guint i = 0; i < n_columns; i++)
    cells[i] = columns[i].text;
  doc->y += table_row (doc, columns, n_columns, cells, "Noto Sans Bold 9.5", TRUE, TRUE);
}

static void
heading (Doc        *doc,
         const char *text)
{
  /* Never a heading alone at the foot of a page. */
  if (doc->y + 60 > BOTTOM)
    new_page (doc);
  doc->y += 10;
  doc->y += hs_pdf_text (doc->cr, text, "Noto Sans Bold 11.5", &hs_pdf_red, MARGIN, doc->y,
                         PAGE_WIDTH - 2 * MARGIN, PANGO_ALIGN_LEFT);
  doc->y += 4;
}

static void
draw_summary (Doc *doc)
{
  HsReport *self = doc->self;
  cairo_t *cr = doc->cr;
  HsReportStatus status = hs_report_get_status (self);
  g_autofree char *percent = vn_percent (hs_report_get_percent (self));
  g_autofree char *staff_line = g_strdup_printf ("Số cán bộ, giáo viên, nhân viên: %u người", self->rows->len);
  g_autofree char *reached_line = g_strdup_printf ("Đã đạt mức kỹ năng số: %u người, tỉ lệ %s",
                                                   self->n_reached, percent);
  g_autofree char *target_line = NULL;
  const HsPdfColor *status_color = &hs_pdf_grey;
  const char *status_text;
  double top = doc->y, bar_y, bar_width = PAGE_WIDTH - 2 * MARGIN - 32;

  if (self->target < 0)
    target_line = g_strdup_printf ("Chỉ tiêu năm %d: chưa đặt", self->year);
  else if (self->target_year == self->year)
    target_line = g_strdup_printf ("Chỉ tiêu năm %d: %d%% cán bộ, giáo viên, nhân viên", self->year, self->target);
  else
    target_line = g_strdup_printf ("Chỉ tiêu năm %d: %d%% (giữ theo chỉ tiêu năm %d)",
                                   self->year, self->target, self->target_year);

  switch (status)
    {
    case HS_REPORT_STATUS_ON_TRACK:
      status_text = "ĐẠT CHỈ TIÊU";
      status_color = &hs_pdf_green;
      break;
    case HS_REPORT_STATUS_NOT_YET:
      status_text = "CHƯA ĐẠT CHỈ TIÊU";
      status_color = &hs_pdf_red;
      break;
    case HS_REPORT_STATUS_NO_TARGET:
      status_text = "CHƯA CÓ CHỈ TIÊU";
      break;
    case HS_REPORT_STATUS_NO_STAFF:
    default:
      status_text = "CHƯA CÓ NGƯỜI HỌC";
      break;
    }

  cairo_set_source_rgb (cr, 0.98, 0.96, 0.93);
  cairo_rectangle (cr, MARGIN, top, PAGE_WIDTH - 2 * MARGIN, 132);
  cairo_fill (cr);
  hs_pdf_set_color (cr, &hs_pdf_gold);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, MARGIN, top, PAGE_WIDTH - 2 * MARGIN, 132);
  cairo_stroke (cr);

  doc->y = top + 12;
  hs_pdf_text (cr, status_text, "Noto Sans Bold 15", status_color, MARGIN + 16, doc->y,
               PAGE_WIDTH - 2 * MARGIN - 32, PANGO_ALIGN_RIGHT);
  doc->y += hs_pdf_text (cr, staff_line, "Noto Sans 11", &hs_pdf_ink, MARGIN + 16, doc->y, 300, PANGO_ALIGN_LEFT) + 3;
  doc->y += hs_pdf_text (cr, reached_line, "Noto Sans Bold 11", &hs_pdf_ink, MARGIN + 16, doc->y, 340, PANGO_ALIGN_LEFT) + 3;
  doc->y += hs_pdf_text (cr, target_line, "Noto Sans 11", &hs_pdf_ink, MARGIN + 16, doc->y,
                         PAGE_WIDTH - 2 * MARGIN - 32, PANGO_ALIGN_LEFT);
  if (status == HS_REPORT_STATUS_NOT_YET)
    {
      g_autofree char *needed = g_strdup_printf ("Cần thêm %u người đạt để đủ chỉ tiêu.",
                                                 hs_report_get_n_needed (self));

      hs_pdf_text (cr, needed, "Noto Sans Italic 10", &hs_pdf_red, MARGIN + 16, doc->y + 50,
                   PAGE_WIDTH - 2 * MARGIN - 32, PANGO_ALIGN_CENTER);
    }

  /* The bar: the share reached, and a mark where the target is. */
  bar_y = doc->y + 14;
  cairo_set_source_rgb (cr, 0.86, 0.84, 0.80);
  cairo_rectangle (cr, MARGIN + 16, bar_y, bar_width, 16);
  cairo_fill (cr);
  hs_pdf_set_color (cr, status == HS_REPORT_STATUS_ON_TRACK ? &hs_pdf_green : &hs_pdf_navy);
  cairo_rectangle (cr, MARGIN + 16, bar_y, bar_width * hs_report_get_percent (self) / 100, 16);
  cairo_fill (cr);
  if (self->target >= 0)
    {
      double x = MARGIN + 16 + bar_width * self->target / 100.0;
      g_autofree char *mark = g_strdup_printf ("chỉ tiêu %d%%", self->target);

      hs_pdf_set_color (cr, &hs_pdf_red);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, bar_y - 4);
      cairo_line_to (cr, x, bar_y + 20);
      cairo_stroke (cr);
      hs_pdf_text (cr, mark, "Noto Sans 8.5", &hs_pdf_red, x - 120, bar_y + 21, 120, PANGO_ALIGN_RIGHT);
    }
  hs_pdf_text (cr, "0%", "Noto Sans 8.5", &hs_pdf_grey, MARGIN + 16, bar_y + 21, 40, PANGO_ALIGN_LEFT);

  doc->y = top + 132 + 6;
}

static void
draw_courses (Doc *doc)
{
  HsReport *self = doc->self;

  heading (doc, self->default_courses ? "Các khoá học được tính (mọi khoá học có cấp giấy chứng nhận)"
                                      : "Các khoá học được tính (do nhà trường chọn)");
  if (self->courses->len == 0)
    doc->y += hs_pdf_text (doc->cr, "Chưa có khoá học nào được tính, nên chưa ai đạt.", "Noto Sans 10",
                           &hs_pdf_red, MARGIN, doc->y, PAGE_WIDTH - 2 * MARGIN, PANGO_ALIGN_LEFT);
  for (guint c = 0; c < self->courses->len; c++)
    {
      HsCourse *course = g_ptr_array_index (self->courses, c);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%u. %s (phiên bản %s)", c + 1, hs_course_get_title (course),
                              hs_course_get_version (course));
      if (hs_course_get_audience (course) != HS_AUDIENCE_ALL)
        {
          guint n = 0;

          g_string_append (line, " – dành cho ");
          for (HsRole role = 0; role < HS_N_ROLES; role++)
            if (hs_course_get_audience (course) & (1u << role))
              {
                g_autofree char *word = g_utf8_strdown (role_words[role], -1);

                g_string_append_printf (line, "%s%s", n++ > 0 ? ", " : "", word);
              }
        }
      if (doc->y + 20 > BOTTOM)
        new_page (doc);
      doc->y += hs_pdf_text (doc->cr, line->str, "Noto Sans 10", &hs_pdf_ink, MARGIN + 8, doc->y,
                             PAGE_WIDTH - 2 * MARGIN - 8, PANGO_ALIGN_LEFT) + 2;
    }
  for (guint i = 0; self->missing[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup_printf ("Khoá học “%s” được chọn nhưng chưa cài trên máy này: chưa tính.",
                                               self->missing[i]);

      doc->y += hs_pdf_text (doc->cr, line, "Noto Sans Italic 9.5", &hs_pdf_red, MARGIN + 8, doc->y,
                             PAGE_WIDTH - 2 * MARGIN - 8, PANGO_ALIGN_LEFT) + 2;
    }
}

static void
draw_roles (Doc *doc)
{
  static const Column columns[] = {
    { "Nhóm", 215, PANGO_ALIGN_LEFT },
    { "Số người", 90, PANGO_ALIGN_RIGHT },
    { "Đã đạt", 90, PANGO_ALIGN_RIGHT },
    { "Tỉ lệ", 100.28, PANGO_ALIGN_RIGHT },
  };
  HsReport *self = doc->self;

  heading (doc, "Theo nhóm");
  table_header (doc, columns, G_N_ELEMENTS (columns));
  for (HsRole role = 0; role < HS_N_ROLES; role++)
    {
      g_autofree char *staff = g_strdup_printf ("%u", self->role_staff[role]);
      g_autofree char *reached = g_strdup_printf ("%u", self->role_reached[role]);
      g_autofree char *share = self->role_staff[role] > 0
        ? vn_percent (100.0 * self->role_reached[role] / self->role_staff[role]) : g_strdup ("–");
      const char *cells[] = { role_words[role], staff, reached, share };

      doc->y += table_row (doc, columns, G_N_ELEMENTS (columns), cells, TABLE_FONT, FALSE, TRUE);
    }
}

static void
draw_learners (Doc *doc)
{
  static const Column columns[] = {
    { "STT", 34, PANGO_ALIGN_RIGHT },
    { "Họ và tên", 160.28, PANGO_ALIGN_LEFT },
    { "Nhóm", 86, PANGO_ALIGN_LEFT },
    { "Hoàn thành", 68, PANGO_ALIGN_RIGHT },
    { "Kết quả", 82, PANGO_ALIGN_LEFT },
    { "Ngày đạt", 65, PANGO_ALIGN_LEFT },
  };
  HsReport *self = doc->self;

  heading (doc, "Danh sách cán bộ, giáo viên, nhân viên");
  table_header (doc, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < self->rows->len; i++)
    {
      const HsReportRow *row = &g_array_index (self->rows, HsReportRow, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *count = g_strdup_printf ("%u/%u", row->n_completed, row->n_required);
      g_autofree char *reached_on = vn_date (&row->reached_on);
      const char *result = row->reached ? "Đạt" : row->n_required == 0 ? "Chưa có khoá" : "Chưa đạt";
      const char *cells[] = {
        number, hs_learner_get_name (row->learner), role_words[hs_learner_get_role (row->learner)],
        count, result, reached_on,
      };
      double height = table_row (doc, columns, G_N_ELEMENTS (columns), cells, TABLE_FONT, FALSE, FALSE);

      if (doc->y + height > BOTTOM)
        {
          new_page (doc);
          table_header (doc, columns, G_N_ELEMENTS (columns));
        }
      doc->y += table_row (doc, columns, G_N_ELEMENTS (columns), cells, TABLE_FONT, i % 2 == 1, TRUE);
    }
}

static void
draw_signature (Doc *doc)
{
  HsReport *self = doc->self;
  const double centre = PAGE_WIDTH - MARGIN - 120, column = 240;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = hs_school_get_text (self->school, HS_SCHOOL_PRINCIPAL_TITLE);
  g_autofree char *title_upper = g_utf8_strup (title, -1);
  g_autofree char *name = hs_school_get_text (self->school, HS_SCHOOL_PRINCIPAL_NAME);
  g_autofree char *when = NULL;
  g_autofree char *date_line = NULL;
  GDate today;

  if (doc->y + 150 > BOTTOM)
    new_page (doc);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  when = hs_pdf_long_date (&today);
  date_line = g_strdup_printf ("%c%s", g_ascii_toupper (when[0]), when + 1);

  doc->y += 20;
  doc->y += hs_pdf_text (doc->cr, date_line, "Noto Serif Italic 11", &hs_pdf_ink, centre - column / 2, doc->y,
                         column, PANGO_ALIGN_CENTER);
  doc->y += hs_pdf_text (doc->cr, title_upper, "Noto Sans Bold 11", &hs_pdf_ink, centre - column / 2, doc->y,
                         column, PANGO_ALIGN_CENTER);
  hs_school_paint_image (self->school, HS_SCHOOL_IMAGE_SIGNATURE, doc->cr, centre - 80, doc->y + 4, 160, 56);
  doc->y += 68;
  hs_pdf_text (doc->cr, *name != '\0' ? name : " ", "Noto Sans Bold 11", &hs_pdf_ink, centre - column / 2, doc->y,
               column, PANGO_ALIGN_CENTER);
}

static void
draw_report (Doc *doc)
{
  HsReport *self = doc->self;
  g_autofree char *unit = hs_school_get_text (self->school, HS_SCHOOL_UNIT);
  g_autofree char *school = hs_school_get_text (self->school, HS_SCHOOL_NAME);
  g_autofree char *subtitle = g_strdup_printf ("Kết quả học tập kỹ năng số của cán bộ, giáo viên, nhân viên năm %d",
                                               self->year);
  double column = (PAGE_WIDTH - 2 * MARGIN) / 2;

  doc->page = 1;
  doc->y = hs_pdf_header (doc->cr, unit, *school != '\0' ? school : " ",
                          MARGIN + column / 2, PAGE_WIDTH - MARGIN - column / 2, column, 40);
  /* The logo between the heading and the title: a portrait page has no
   * room for it between the heading's two columns. */
  if (hs_school_paint_image (self->school, HS_SCHOOL_IMAGE_LOGO, doc->cr, PAGE_WIDTH / 2 - 22, doc->y + 10, 44, 44))
    doc->y += 54;
  doc->y += 20;
  doc->y += hs_pdf_text (doc->cr, "BÁO CÁO", "Noto Serif Bold 20", &hs_pdf_red, MARGIN, doc->y,
                         PAGE_WIDTH - 2 * MARGIN, PANGO_ALIGN_CENTER);
  doc->y += hs_pdf_text (doc->cr, subtitle, "Noto Serif Bold 12.5", &hs_pdf_ink, MARGIN + 20, doc->y,
                         PAGE_WIDTH - 2 * MARGIN - 40, PANGO_ALIGN_CENTER);
  doc->y += 16;

  draw_summary (doc);
  draw_courses (doc);
  draw_roles (doc);
  draw_learners (doc);
  draw_signature (doc);
  draw_footer (doc);
}

/**
 * hs_report_write_pdf:
 *
 * The printable report for the commune: the school's heading, the share of
 * staff who reached the level against the year's target with a bar, the
 * courses that count, a table per role and one per learner, and the
 * principal's signature block.
 */
gboolean
hs_report_write_pdf (HsReport    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *title = NULL;
  g_autofree char *school = NULL;
  HsPdfWriter *writer;
  cairo_surface_t *counting;
  cairo_surface_t *surface;
  Doc doc = { self, NULL, 0, 0, 0 };
  gboolean drawn;

  g_return_val_if_fail (HS_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A first pass on a surface that keeps nothing counts the pages, so each
   * can say "Trang 1/3". */
  counting = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  doc.cr = cairo_create (counting);
  draw_report (&doc);
  doc.n_pages = doc.page;
  cairo_destroy (doc.cr);
  cairo_surface_destroy (counting);

  writer = hs_pdf_writer_new (path, PAGE_WIDTH, PAGE_HEIGHT, error);
  if (writer == NULL)
    return FALSE;
  surface = hs_pdf_writer_get_surface (writer);
  title = g_strdup_printf ("Báo cáo kết quả học tập kỹ năng số năm %d", self->year);
  school = hs_school_get_text (self->school, HS_SCHOOL_NAME);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, school);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Học Số " PACKAGE_VERSION);

  doc.cr = cairo_create (surface);
  draw_report (&doc);
  cairo_show_page (doc.cr);
  drawn = cairo_status (doc.cr) == CAIRO_STATUS_SUCCESS;
  if (!drawn)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not write “%s”: %s"), path, cairo_status_to_string (cairo_status (doc.cr)));
  cairo_destroy (doc.cr);

  return hs_pdf_writer_finish (writer, drawn, error);
}
