/* hs-library-page.c — the installed courses as cards, "Continue", Import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is rebuilt from the library on every reload: one list query and
 * one progress query per course, which stays quick for the few dozen
 * courses a school keeps.  Imports run one at a time in a worker thread
 * with their own HsLibrary (and so their own SQLite connection); files
 * dropped or chosen while one runs wait in a queue.
 */
#define G_LOG_DOMAIN "hs-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-application.h"
#include "hs-library-page.h"
#include "hs-manifest.h"
#include "hs-quiz.h"
#include "hs-scorm.h"
#include "hs-search.h"
#include "hs-search-hit.h"
#include "hs-walkthrough.h"
#include "hs-window.h"

#define COVER_HEIGHT 150
#define CARD_MIN_WIDTH 260

struct _HsLibraryPage
{
  AdwBin           parent_instance;

  GtkRevealer     *import_revealer;
  GtkLabel        *import_label;
  GtkProgressBar  *import_progress;
  GtkWidget       *import_cancel_button;
  GtkStack        *stack;
  GtkSearchEntry  *search_entry;
  GtkBox          *results_box;
  GtkWidget       *continue_card;
  GtkLabel        *continue_heading_label;
  GtkLabel        *continue_lesson_label;
  GtkLabel        *continue_course_label;
  GtkProgressBar  *continue_progress;
  GtkWidget       *filter_box;
  GtkToggleButton *all_toggle;
  GtkToggleButton *managers_toggle;
  GtkToggleButton *teachers_toggle;
  GtkToggleButton *staff_toggle;
  GtkFlowBox      *flowbox;
  GtkWidget       *filter_empty_label;
  AdwStatusPage   *error_page;

  HsLearner       *learner;
  GPtrArray       *courses;        /* HsCourse, as the last reload found them */
  GHashTable      *covers;         /* cover path → GdkTexture */
  int              role_filter;    /* an HsRole, or -1 for every course */
  char            *continue_course_id;
  char            *continue_lesson_id;

  GQueue           pending;        /* GFile, waiting to be imported */
  GTask           *import_task;    /* the import under way, or NULL */
  GCancellable    *import_cancellable;
  gint64           import_updated; /* monotonic time of the last progress */
  guint            heartbeat_id;
  HsSearch        *search;
  char            *query;          /* the search shown, or NULL */
};

G_DEFINE_FINAL_TYPE (HsLibraryPage, hs_library_page, ADW_TYPE_BIN)

enum {
  COURSE_ACTIVATED,
  CONTINUE_ACTIVATED,
  RESULT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the worker thread of one import shares with the main thread. */
typedef struct
{
  HsApplication *app;
  char          *data_dir;
  HsPackageLimits limits;
  char          *path;
  char          *display_name;
  GMutex         mutex;
  guint64        done;
  guint64        total;
  gboolean       update_pending;
} ImportData;

static void import_next (HsLibraryPage *self);

static void
import_data_free (gpointer user_data)
{
  ImportData *data = user_data;

  g_clear_object (&data->app);
  g_free (data->data_dir);
  g_free (data->path);
  g_free (data->display_name);
  g_mutex_clear (&data->mutex);
  g_free (data);
}

static HsApplication *
app (void)
{
  return HS_APPLICATION_DEFAULT;
}

static void
toast (HsLibraryPage *self,
       const char    *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (HS_IS_WINDOW (root))
    hs_window_add_toast (HS_WINDOW (root), message);
}

static void
show_message (HsLibraryPage *self,
              const char    *heading,
              const char    *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_OK"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}


static GdkTexture *
load_cover (HsLibraryPage *self,
            HsCourse      *course,
            GHashTable    *covers)
{
  const char *cover = hs_course_get_cover (course);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (cover == NULL || *cover == '\0' || hs_course_get_path (course) == NULL)
    return NULL;

  /* Each version of a course has its own folder, so a path names one
   * picture for good and the textures can be kept across reloads. */
  path = g_build_filename (hs_course_get_path (course), cover, NULL);
  texture = self->covers ? g_hash_table_lookup (self->covers, path) : NULL;
  if (texture != NULL)
    {
      g_hash_table_insert (covers, g_strdup (path), g_object_ref (texture));
      return texture;
    }

  file = g_file_new_for_path (path);
  texture = gdk_texture_new_from_file (file, &error);
  if (texture == NULL)
    {
      g_debug ("No cover for %s: %s", hs_course_get_id (course), error->message);
      return NULL;
    }
  g_hash_table_insert (covers, g_steal_pointer (&path), texture);
  return texture;
}

static GtkWidget *
create_cover (GdkTexture *texture)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *placeholder = g_object_new (GTK_TYPE_IMAGE,
                                         "icon-name", "accessories-dictionary-symbolic",
                                         "pixel-size", 64,
                                         "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                         NULL);

  /* The overlay takes its height from the placeholder and the fixed size
   * request; the picture, an unmeasured overlay, fills whatever that is
   * and crops to it. */
  gtk_widget_add_css_class (overlay, "cover");
  gtk_widget_set_size_request (overlay, -1, COVER_HEIGHT);
  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_visible (placeholder, texture == NULL);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), placeholder);

  if (texture != NULL)
    {
      GtkWidget *picture = g_object_new (GTK_TYPE_PICTURE,
                                         "paintable", texture,
                                         "can-shrink", TRUE,
                                         "content-fit", GTK_CONTENT_FIT_COVER,
                                         "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                         NULL);

      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), picture);
    }

  return overlay;
}

static GtkWidget *
create_badge (void)
{
  GtkWidget *badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *label = gtk_label_new (_("Completed"));

  gtk_widget_add_css_class (badge, "completed-badge");
  gtk_widget_set_halign (badge, GTK_ALIGN_END);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (badge), icon);
  gtk_box_append (GTK_BOX (badge), label);
  return badge;
}

/* A course that names nobody is for everybody. */
static guint
course_audience (HsCourse *course)
{
  guint audience = hs_course_get_audience (course) & HS_AUDIENCE_ALL;

  return audience != 0 ? audience : HS_AUDIENCE_ALL;
}

static gboolean
audience_matches (guint audience,
                  int   role)
{
  return role < 0 || (audience & (1u << role)) != 0;
}

static char *
lessons_text (guint n_completed,
              guint n_lessons)
{
  /* Translators: how far a learner is through a course, e.g. "2 of 3 lessons". */
  return g_strdup_printf (ngettext ("%u of %u lesson", "%u of %u lessons", n_lessons),
                          n_completed, n_lessons);
}

static GtkWidget *
create_card (HsLibraryPage          *self,
             HsCourse               *course,
             GdkTexture             *cover,
             const HsCourseProgress *progress)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = gtk_label_new (hs_course_get_title (course));
  GtkWidget *bar = gtk_progress_bar_new ();
  guint minutes = hs_course_get_estimated_minutes (course);
  guint n_lessons = hs_course_get_n_lessons (course);
  gboolean complete = progress != NULL && progress->complete;
  g_autofree char *minutes_text = NULL;
  g_autofree char *progress_text = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *description = NULL;

  g_object_set_data_full (G_OBJECT (child), "course-id", g_strdup (hs_course_get_id (course)), g_free);
  g_object_set_data (G_OBJECT (child), "audience", GUINT_TO_POINTER (course_audience (course)));

  gtk_widget_add_css_class (child, "card");
  gtk_widget_add_css_class (child, "activatable");
  gtk_widget_add_css_class (child, "course-card");
  gtk_widget_set_overflow (child, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_size_request (child, CARD_MIN_WIDTH, -1);
  gtk_widget_set_tooltip_text (child, hs_course_get_summary (course));
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);

  gtk_box_append (GTK_BOX (box), create_cover (cover));

  gtk_widget_set_margin_top (text, 14);
  gtk_widget_set_margin_bottom (text, 18);
  gtk_widget_set_margin_start (text, 16);
  gtk_widget_set_margin_end (text, 16);
  gtk_widget_set_vexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_add_css_class (title, "card-title");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  /* Keeps the natural width small, so the flow box decides the widths. */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 16);
  gtk_widget_set_vexpand (title, TRUE);
  gtk_widget_set_valign (title, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (text), title);

  /* The time, and the badge beside it once the course is complete. */
  if (minutes > 0 || complete)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label;

      if (minutes > 0)
        minutes_text = g_strdup_printf (ngettext ("About %u minute", "About %u minutes", minutes), minutes);
      label = gtk_label_new (minutes_text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "fact-label");
      gtk_box_append (GTK_BOX (row), label);
      if (complete)
        gtk_box_append (GTK_BOX (row), create_badge ());
      gtk_box_append (GTK_BOX (text), row);
    }

  if (progress != NULL)
    {
      progress_text = lessons_text (progress->n_completed, progress->n_lessons);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar),
                                     progress->n_lessons ? (double) progress->n_completed / progress->n_lessons : 0);
    }
  else
    {
      progress_text = g_strdup_printf (ngettext ("%u lesson", "%u lessons", n_lessons), n_lessons);
    }
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), progress_text);
  gtk_widget_set_margin_top (bar, 4);
  if (complete)
    gtk_widget_add_css_class (bar, "course-complete");
  gtk_box_append (GTK_BOX (text), bar);

  /* A screen reader hears the title first, then the rest in one sentence. */
  if (minutes_text != NULL)
    g_ptr_array_add (parts, minutes_text);
  g_ptr_array_add (parts, progress_text);
  if (complete)
    g_ptr_array_add (parts, _("Completed"));
  g_ptr_array_add (parts, NULL);
  description = g_strjoinv (". ", (char **) parts->pdata);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, hs_course_get_title (course),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  return child;
}

static gboolean
filter_card_cb (GtkFlowBoxChild *child,
                gpointer         user_data)
{
  HsLibraryPage *self = user_data;
  guint audience = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "audience"));

  return audience_matches (audience, self->role_filter);
}

static void
update_filter (HsLibraryPage *self)
{
  guint n_shown = 0;
  gboolean differ = FALSE;

  for (guint i = 0; self->courses != NULL && i < self->courses->len; i++)
    {
      HsCourse *course = g_ptr_array_index (self->courses, i);
      guint audience = course_audience (course);

      if (audience_matches (audience, self->role_filter))
        n_shown++;
      if (audience != course_audience (g_ptr_array_index (self->courses, 0)))
        differ = TRUE;
    }

  /* When every course is for the same people, filtering changes nothing:
   * the buttons would only be one more thing to understand. */
  if (!differ && self->role_filter >= 0)
    {
      gtk_toggle_button_set_active (self->all_toggle, TRUE);
      return;   /* "toggled" comes back here */
    }
  gtk_widget_set_visible (self->filter_box, differ);

  gtk_flow_box_invalidate_filter (self->flowbox);
  gtk_widget_set_visible (self->filter_empty_label,
                          self->courses != NULL && self->courses->len > 0 && n_shown == 0);
}

static void
filter_toggled_cb (HsLibraryPage   *self,
                   GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->managers_toggle)
    self->role_filter = HS_ROLE_MANAGER;
  else if (button == self->teachers_toggle)
    self->role_filter = HS_ROLE_TEACHER;
  else if (button == self->staff_toggle)
    self->role_filter = HS_ROLE_STAFF;
  else
    self->role_filter = -1;

  update_filter (self);
}

static HsCourse *
find_course (HsLibraryPage *self,
             const char    *course_id)
{
  for (guint i = 0; self->courses != NULL && i < self->courses->len; i++)
    {
      HsCourse *course = g_ptr_array_index (self->courses, i);

      if (g_strcmp0 (hs_course_get_id (course), course_id) == 0)
        return course;
    }
  return NULL;
}

static void
update_continue (HsLibraryPage *self)
{
  HsProgress *progress = hs_application_get_progress (app ());
  g_autoptr(HsLessonProgress) last = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *course_id = NULL;
  g_autofree char *course_text = NULL;
  g_autofree char *fraction_text = NULL;
  const HsLessonProgress *state;
  HsCourse *course;
  HsLesson *lesson;
  GPtrArray *lessons;

  gtk_widget_set_visible (self->continue_card, FALSE);
  g_clear_pointer (&self->continue_course_id, g_free);
  g_clear_pointer (&self->continue_lesson_id, g_free);

  if (self->learner == NULL)
    return;

  last = hs_progress_get_last_lesson (progress, self->learner, &course_id, &error);
  if (last == NULL)
    {
      if (error != NULL)
        g_warning ("Could not find the last lesson: %s", error->message);
      return;
    }

  course = find_course (self, course_id);
  lesson = course ? hs_course_find_lesson (course, last->lesson_id) : NULL;
  if (lesson == NULL)
    return;
  state = last;

  /* A finished lesson is not worth reopening: offer the next unfinished
   * one of the same course, and nothing once the course is all done. */
  if (last->status == HS_LESSON_STATUS_COMPLETED)
    {
      guint index = 0;

      lessons = hs_course_get_lessons (course);
      states = hs_progress_get_lessons (progress, self->learner, course, &error);
      if (states == NULL)
        {
          g_warning ("Could not read the progress of %s: %s", course_id, error->message);
          return;
        }
      g_ptr_array_find (lessons, lesson, &index);
      lesson = NULL;
      for (guint i = 1; i < lessons->len && lesson == NULL; i++)
        {
          guint j = (index + i) % lessons->len;
          const HsLessonProgress *p = g_ptr_array_index (states, j);

          if (p->status != HS_LESSON_STATUS_COMPLETED)
            {
              lesson = g_ptr_array_index (lessons, j);
              state = p;
            }
        }
      if (lesson == NULL)
        return;
    }

  gtk_label_set_label (self->continue_heading_label,
                       state->status == HS_LESSON_STATUS_IN_PROGRESS ? _("Continue where you left off")
                                                                     : _("Your next lesson"));
  gtk_label_set_label (self->continue_lesson_label, hs_lesson_get_title (lesson));
  /* Translators: under the lesson title on the Continue card. */
  course_text = g_strdup_printf (_("Course: %s"), hs_course_get_title (course));
  gtk_label_set_label (self->continue_course_label, course_text);

  /* Translators: how much of one lesson is done, e.g. "40% done". */
  fraction_text = g_strdup_printf (_("%d%% done"), (int) (CLAMP (state->fraction, 0, 1) * 100 + 0.5));
  gtk_progress_bar_set_fraction (self->continue_progress, CLAMP (state->fraction, 0, 1));
  gtk_progress_bar_set_text (self->continue_progress, fraction_text);
  gtk_widget_set_visible (GTK_WIDGET (self->continue_progress), state->status == HS_LESSON_STATUS_IN_PROGRESS);

  self->continue_course_id = g_strdup (hs_course_get_id (course));
  self->continue_lesson_id = g_strdup (hs_lesson_get_id (lesson));
  gtk_widget_set_visible (self->continue_card, TRUE);
}

static void
continue_clicked_cb (HsLibraryPage *self,
                     GtkButton     *button)
{
  g_autofree char *course_id = g_strdup (self->continue_course_id);
  g_autofree char *lesson_id = g_strdup (self->continue_lesson_id);

  if (course_id != NULL && lesson_id != NULL)
    g_signal_emit (self, signals[CONTINUE_ACTIVATED], 0, course_id, lesson_id);
}

static void
card_activated_cb (HsLibraryPage   *self,
                   GtkFlowBoxChild *child,
                   GtkFlowBox      *flowbox)
{
  /* A handler may reload the page, which frees the card. */
  g_autofree char *course_id = g_strdup (g_object_get_data (G_OBJECT (child), "course-id"));

  if (course_id != NULL)
    g_signal_emit (self, signals[COURSE_ACTIVATED], 0, course_id);
}

/* --- search ------------------------------------------------------------ */

static const char *
kind_icon (HsSearchHit *hit)
{
  HsLessonKind kind;

  if (hs_search_hit_get_lesson_id (hit) == NULL || !hs_search_hit_get_kind (hit, &kind))
    return "folder-symbolic";
  switch (kind)
    {
    case HS_LESSON_KIND_VIDEO:
      return "video-x-generic-symbolic";
    case HS_LESSON_KIND_QUIZ:
      return "checkbox-checked-symbolic";
    case HS_LESSON_KIND_WALKTHROUGH:
      return "phone-symbolic";
    default:
      return "text-x-generic-symbolic";
    }
}

static GtkWidget *
create_result_row (HsSearchHit *hit)
{
  g_autofree char *title = hs_search_hit_get_title_markup (hit);
  g_autofree char *snippet = hs_search_hit_get_snippet_markup (hit);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (hit));
  GtkWidget *title_label = gtk_label_new (NULL);
  GtkWidget *snippet_label = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);

  gtk_label_set_markup (GTK_LABEL (title_label), title);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_label_set_markup (GTK_LABEL (snippet_label), snippet);
  gtk_label_set_xalign (GTK_LABEL (snippet_label), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (snippet_label, "dim-label");
  gtk_widget_set_visible (snippet_label, hs_search_hit_get_snippet (hit) != NULL &&
                                         *hs_search_hit_get_snippet (hit) != '\0');

  gtk_box_append (GTK_BOX (text), title_label);
  gtk_box_append (GTK_BOX (text), snippet_label);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "course-id", g_strdup (hs_search_hit_get_course_id (hit)), g_free);
  g_object_set_data_full (G_OBJECT (row), "lesson-id", g_strdup (hs_search_hit_get_lesson_id (hit)), g_free);
  return row;
}

static void
result_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     HsLibraryPage *self)
{
  const char *course_id = g_object_get_data (G_OBJECT (row), "course-id");
  const char *lesson_id = g_object_get_data (G_OBJECT (row), "lesson-id");

  if (lesson_id != NULL)
    g_signal_emit (self, signals[RESULT_ACTIVATED], 0, course_id, lesson_id, self->query);
  else
    g_signal_emit (self, signals[COURSE_ACTIVATED], 0, course_id);
}

static void
clear_results (HsLibraryPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box))) != NULL)
    gtk_box_remove (self->results_box, child);
}

static void
show_search (HsLibraryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  GtkWidget *list = NULL;
  const char *course_id = NULL;

  clear_results (self);
  if (self->search == NULL)
    self->search = hs_search_new (hs_library_get_store (hs_application_get_library (app ())));

  hits = hs_search_query (self->search, self->query, NULL, 60, &error);
  if (hits == NULL)
    {
      g_warning ("Search failed: %s", error->message);
      hits = g_ptr_array_new ();
    }

  if (hits->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("Nothing found for “%s”. Try fewer or shorter words."), self->query);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_top (label, 36);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "title-4");
      gtk_box_append (self->results_box, label);
    }

  /* Hits come grouped by course: a heading and a list for each. */
  for (guint i = 0; i < hits->len; i++)
    {
      HsSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_strcmp0 (course_id, hs_search_hit_get_course_id (hit)) != 0)
        {
          GtkWidget *heading = gtk_label_new (hs_search_hit_get_course_title (hit));

          course_id = hs_search_hit_get_course_id (hit);
          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
          gtk_widget_add_css_class (heading, "title-3");
          gtk_widget_set_margin_top (heading, 12);
          gtk_box_append (self->results_box, heading);

          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          hs_search_hit_get_course_title (hit), -1);
          g_signal_connect_object (list, "row-activated", G_CALLBACK (result_activated_cb), self, 0);
          gtk_box_append (self->results_box, list);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), create_result_row (hit));
    }

  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
search_changed_cb (HsLibraryPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->query, g_free);
  if (hs_search_has_words (text))
    {
      self->query = g_strdup (text);
      show_search (self);
    }
  else
    {
      clear_results (self);
      gtk_stack_set_visible_child_name (self->stack,
                                        self->courses != NULL && self->courses->len > 0 ? "courses" : "empty");
    }
}

/* Enter opens the first result. */
static void
search_activate_cb (HsLibraryPage *self)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX (child))
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (child), 0);

        if (row != NULL)
          result_activated_cb (GTK_LIST_BOX (child), row, self);
        return;
      }
}

static void
search_stop_cb (HsLibraryPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  HsLibraryPage *self = HS_LIBRARY_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static void
show_import_error (HsLibraryPage *self,
                   const char    *display_name,
                   const GError  *error)
{
  g_autofree char *body = NULL;
  g_autofree char *kind = NULL;
  const char *heading;

  if (g_error_matches (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_ALREADY_INSTALLED))
    {
      heading = _("Already Installed");
      kind = g_strdup (_("There is nothing more to do: you will find it among your courses."));
    }
  else if (g_error_matches (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_NEWER_INSTALLED))
    {
      heading = _("A Newer Version Is Installed");
      kind = g_strdup (_("Nothing was changed, and you can go on using the version you have."));
    }
  else if ((error->domain == HS_PACKAGE_ERROR && error->code != HS_PACKAGE_ERROR_WRITE_FAILED) ||
           error->domain == HS_MANIFEST_ERROR || error->domain == HS_SCORM_ERROR ||
           error->domain == HS_QUIZ_ERROR || error->domain == HS_WALKTHROUGH_ERROR)
    {
      /* The message names the entry or field at fault. */
      heading = _("This Package Cannot Be Installed");
      kind = g_strdup_printf (_("Nothing on this computer was changed. You could ask whoever gave you “%s” for a new copy."),
                              display_name);
    }
  else
    {
      /* Not the package's fault: the disk is full, the USB stick was pulled
       * out, the data folder cannot be written. */
      heading = _("The Course Could Not Be Installed");
      kind = g_strdup (_("Nothing on this computer was changed. Check that the file is still there and that the computer has free space, then try again."));
    }

  body = g_strdup_printf ("%s\n\n%s", error->message, kind);
  show_message (self, heading, body);
}

static void
append_titles (GString    *text,
               const char *heading,
               GPtrArray  *titles)
{
  if (titles->len == 0)
    return;
  g_string_append_printf (text, "\n\n%s", heading);
  for (guint i = 0; i < titles->len; i++)
    g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (titles, i));
}

/* A new course gets a toast; an update says what changed, as a learner
 * half-way through it wants to know. */
static void
show_installed (HsLibraryPage *self,
                HsCourse      *course)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GString) body = NULL;

  if (!hs_library_get_update_changes (hs_application_get_library (app ()), hs_course_get_id (course),
                                      &previous, &added, &removed, &error))
    g_warning ("Could not compare the versions of %s: %s", hs_course_get_id (course), error->message);

  if (previous == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is installed."), hs_course_get_title (course));

      toast (self, message);
      return;
    }

  body = g_string_new (NULL);
  g_string_append_printf (body, _("“%s” is now version %s (it was %s)."),
                          hs_course_get_title (course), hs_course_get_version (course), previous);
  append_titles (body, _("New lessons:"), added);
  append_titles (body, _("Lessons no longer in the course:"), removed);
  if (added->len == 0 && removed->len == 0)
    g_string_append_printf (body, "\n\n%s", _("It has the same lessons, brought up to date."));
  g_string_append_printf (body, "\n\n%s", _("Everyone's progress is kept."));
  show_message (self, _("Course Updated"), body->str);
}

static gboolean
import_progress_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  HsLibraryPage *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);
  guint64 done, total;

  g_mutex_lock (&data->mutex);
  done = data->done;
  total = data->total;
  data->update_pending = FALSE;
  g_mutex_unlock (&data->mutex);

  /* Stopped, or the page is gone: nothing to show it on. */
  if (self->import_task != task || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return G_SOURCE_REMOVE;

  self->import_updated = g_get_monotonic_time ();
  if (total > 0)
    {
      double fraction = CLAMP ((double) done / total, 0, 1);
      /* Translators: a percentage, e.g. "40%". */
      g_autofree char *text = g_strdup_printf (_("%d%%"), (int) (fraction * 100));

      gtk_progress_bar_set_fraction (self->import_progress, fraction);
      gtk_progress_bar_set_text (self->import_progress, text);
    }
  else
    {
      gtk_progress_bar_pulse (self->import_progress);
    }

  return G_SOURCE_REMOVE;
}

/* Progress comes every megabyte or so; on a slow USB stick that can still
 * be seconds apart.  The bar moves meanwhile, so nobody thinks the computer
 * has stopped. */
static gboolean
import_heartbeat_cb (gpointer user_data)
{
  HsLibraryPage *self = user_data;

  if (g_get_monotonic_time () - self->import_updated > G_USEC_PER_SEC)
    gtk_progress_bar_pulse (self->import_progress);
  return G_SOURCE_CONTINUE;
}

/* Runs in the worker thread. */
static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  gboolean schedule;

  g_mutex_lock (&data->mutex);
  data->done = done;
  data->total = total;
  schedule = !data->update_pending;
  data->update_pending = TRUE;
  g_mutex_unlock (&data->mutex);

  /* At most one update waits in the main loop at a time. */
  if (schedule)
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT_IDLE,
                                import_progress_idle_cb, g_object_ref (task), g_object_unref);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  HsCourse *course;

  /* The application's library belongs to the main thread; its SQLite
   * connection must not be used from this one. */
  library = hs_library_new (data->data_dir, &error);
  if (library == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  hs_library_set_limits (library, &data->limits);
  course = hs_library_import (library, data->path, import_progress_cb, task, cancellable, &error);
  if (course == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, course, g_object_unref);
}

static void
import_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HsLibraryPage *self = HS_LIBRARY_PAGE (source_object);
  GTask *task = G_TASK (result);
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(HsCourse) course = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ours = self->import_task == task;

  course = g_task_propagate_pointer (task, &error);
  g_application_release (G_APPLICATION (data->app));

  /* Even when the page is gone, the rest of the app should know. */
  if (!ours)
    {
      if (course != NULL)
        hs_application_library_changed (data->app);
      return;
    }

  g_clear_object (&self->import_task);
  g_clear_object (&self->import_cancellable);
  g_clear_handle_id (&self->heartbeat_id, g_source_remove);

  if (course != NULL)
    {
      /* The window reloads this page when the library changes. */
      hs_application_library_changed (app ());
      show_installed (self, course);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      toast (self, _("The import was stopped. Nothing was changed."));
    }
  else
    {
      g_debug ("Could not import %s: %s", data->path, error->message);
      show_import_error (self, data->display_name, error);
    }

  import_next (self);
}

static void
import_next (HsLibraryPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;
  ImportData *data;

  if (self->import_task != NULL)
    return;

  file = g_queue_pop_head (&self->pending);
  if (file == NULL)
    {
      gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *body = g_strdup_printf (_("“%s” is not in a folder of this computer. Copy it to this computer or to a USB stick first, then import it from there."),
                                               name);

      show_message (self, _("This File Cannot Be Opened"), body);
      import_next (self);
      return;
    }

  data = g_new0 (ImportData, 1);
  g_mutex_init (&data->mutex);
  /* Held until the import ends, so that closing the window waits for a
   * stopped import to clean up after itself. */
  data->app = g_object_ref (app ());
  g_application_hold (G_APPLICATION (data->app));
  data->data_dir = g_strdup (hs_library_get_data_dir (hs_application_get_library (app ())));
  data->limits = *hs_library_get_limits (hs_application_get_library (app ()));
  data->display_name = g_filename_display_basename (path);
  data->path = g_steal_pointer (&path);

  /* Translators: shown while a course package is installed. */
  label = g_strdup_printf (_("Installing “%s”…"), data->display_name);
  gtk_label_set_label (self->import_label, label);
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_progress_bar_set_text (self->import_progress, _("Starting…"));
  gtk_widget_set_sensitive (self->import_cancel_button, TRUE);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  gtk_progress_bar_set_pulse_step (self->import_progress, 0.05);
  self->import_updated = g_get_monotonic_time ();
  self->heartbeat_id = g_timeout_add (250, import_heartbeat_cb, self);

  self->import_cancellable = g_cancellable_new ();
  self->import_task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (self->import_task, hs_library_page_import);
  g_task_set_name (self->import_task, "[hocso] import course");
  g_task_set_task_data (self->import_task, data, import_data_free);
  g_task_run_in_thread (self->import_task, import_thread);
}

static void
import_cancel_clicked_cb (HsLibraryPage *self,
                          GtkButton     *button)
{
  /* The import says itself when it has stopped; it may also finish first. */
  g_queue_clear_full (&self->pending, g_object_unref);
  g_cancellable_cancel (self->import_cancellable);
  gtk_progress_bar_set_text (self->import_progress, _("Stopping…"));
  gtk_widget_set_sensitive (self->import_cancel_button, FALSE);
}

/* The running task keeps the page alive, so dispose would come only after
 * the import: stop it as soon as the window goes instead. */
static void
hs_library_page_unroot (GtkWidget *widget)
{
  HsLibraryPage *self = HS_LIBRARY_PAGE (widget);

  g_queue_clear_full (&self->pending, g_object_unref);
  g_cancellable_cancel (self->import_cancellable);

  GTK_WIDGET_CLASS (hs_library_page_parent_class)->unroot (widget);
}

static void
hs_library_page_dispose (GObject *object)
{
  HsLibraryPage *self = (HsLibraryPage *)object;

  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->import_task);
  g_clear_handle_id (&self->heartbeat_id, g_source_remove);
  g_queue_clear_full (&self->pending, g_object_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_LIBRARY_PAGE);
  g_clear_object (&self->learner);
  g_clear_pointer (&self->courses, g_ptr_array_unref);
  g_clear_pointer (&self->covers, g_hash_table_unref);

  G_OBJECT_CLASS (hs_library_page_parent_class)->dispose (object);
}

static void
hs_library_page_finalize (GObject *object)
{
  HsLibraryPage *self = (HsLibraryPage *)object;

  g_free (self->continue_course_id);
  g_free (self->continue_lesson_id);
  g_free (self->query);
  g_clear_object (&self->search);

  G_OBJECT_CLASS (hs_library_page_parent_class)->finalize (object);
}

static void
hs_library_page_class_init (HsLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_library_page_dispose;
  object_class->finalize = hs_library_page_finalize;
  widget_class->unroot = hs_library_page_unroot;

  /**
   * HsLibraryPage::course-activated:
   * @course_id: the course the learner chose
   */
  signals[COURSE_ACTIVATED] =
    g_signal_new ("course-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * HsLibraryPage::continue-activated:
   * @course_id: the course of the lesson
   * @lesson_id: the lesson to reopen where it was left
   */
  signals[CONTINUE_ACTIVATED] =
    g_signal_new ("continue-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * HsLibraryPage::result-activated:
   * @course_id: the course of the lesson found
   * @lesson_id: the lesson found
   * @query: what was searched for, to mark in the lesson
   */
  signals[RESULT_ACTIVATED] =
    g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb, NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hocso/HocSo/hs-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, import_label);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, import_progress);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, import_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, results_box);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, continue_card);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, continue_heading_label);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, continue_lesson_label);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, continue_course_label);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, continue_progress);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, all_toggle);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, managers_toggle);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, teachers_toggle);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, staff_toggle);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, flowbox);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, filter_empty_label);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, import_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
}

static void
hs_library_page_init (HsLibraryPage *self)
{
  self->role_filter = -1;
  g_queue_init (&self->pending);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_flow_box_set_filter_func (self->flowbox, filter_card_cb, self, NULL);
}

GtkWidget *
hs_library_page_new (void)
{
  return g_object_new (HS_TYPE_LIBRARY_PAGE, NULL);
}

/**
 * hs_library_page_set_learner:
 * @learner: (nullable): whose progress the page shows
 *
 * Shows @learner's progress and "Continue" lesson, reloading the page.
 */
void
hs_library_page_set_learner (HsLibraryPage *self,
                             HsLearner     *learner)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (learner == NULL || HS_IS_LEARNER (learner));

  g_set_object (&self->learner, learner);
  hs_library_page_reload (self);
}

/**
 * hs_library_page_reload:
 *
 * Reads the installed courses and the learner's progress again.
 */
void
hs_library_page_reload (HsLibraryPage *self)
{
  HsLibrary *library;
  HsProgress *progress;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GHashTable) covers = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));

  library = hs_application_get_library (app ());
  progress = hs_application_get_progress (app ());

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flowbox))) != NULL)
    gtk_flow_box_remove (self->flowbox, child);
  g_clear_pointer (&self->courses, g_ptr_array_unref);

  courses = hs_library_list (library, &error);
  if (courses == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      g_warning ("Could not list the courses: %s", error->message);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_widget_set_visible (self->continue_card, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  covers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < courses->len; i++)
    {
      HsCourse *course = g_ptr_array_index (courses, i);
      g_auto(HsCourseProgress) course_progress = { 0 };
      gboolean have_progress = FALSE;

      if (self->learner != NULL)
        {
          g_autoptr(GError) local_error = NULL;

          have_progress = hs_progress_get_course (progress, self->learner, course, &course_progress, &local_error);
          if (!have_progress)
            g_warning ("Could not read the progress of %s: %s", hs_course_get_id (course), local_error->message);
        }

      gtk_flow_box_append (self->flowbox,
                           create_card (self, course, load_cover (self, course, covers),
                                        have_progress ? &course_progress : NULL));
    }
  g_clear_pointer (&self->covers, g_hash_table_unref);
  self->covers = g_steal_pointer (&covers);
  self->courses = g_steal_pointer (&courses);

  update_continue (self);
  update_filter (self);
  if (self->query != NULL)
    show_search (self);
  else
    gtk_stack_set_visible_child_name (self->stack, self->courses->len > 0 ? "courses" : "empty");
}

/**
 * hs_library_page_import:
 * @file: a course package
 *
 * Installs @file in a worker thread, showing its progress with a Cancel
 * button, then a toast or a dialog that says what happened.  Files given
 * while an import runs are installed after it, in order.
 */
void
hs_library_page_import (HsLibraryPage *self,
                        GFile         *file)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_queue_push_tail (&self->pending, g_object_ref (file));
  import_next (self);
}
