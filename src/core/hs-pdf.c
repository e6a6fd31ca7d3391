/* hs-pdf.c — drawing helpers shared by the certificate and the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both documents are PDF pages drawn with cairo, their text set by Pango in
 * Noto Sans and Noto Serif, which cover Vietnamese (fonts-noto-core).  The
 * surface's unit is the point, so layouts are made at 72 dpi, and metrics
 * are not hinted: the text is placed as it will print, not as a screen's
 * pixels would round it.
 */
#define G_LOG_DOMAIN "hs-pdf"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>

#include "hs-pdf.h"

const HsPdfColor hs_pdf_red = { 0.56, 0.09, 0.09 };
const HsPdfColor hs_pdf_gold = { 0.74, 0.58, 0.22 };
const HsPdfColor hs_pdf_ink = { 0.10, 0.10, 0.12 };
const HsPdfColor hs_pdf_navy = { 0.07, 0.19, 0.42 };
const HsPdfColor hs_pdf_grey = { 0.33, 0.33, 0.36 };
const HsPdfColor hs_pdf_green = { 0.11, 0.45, 0.22 };

struct _HsPdfWriter
{
  char              *path;
  GFileOutputStream *stream;
  cairo_surface_t   *surface;
};

void
hs_pdf_set_color (cairo_t          *cr,
                  const HsPdfColor *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

PangoLayout *
hs_pdf_layout (cairo_t        *cr,
               const char     *text,
               const char     *font,
               double          width,
               PangoAlignment  alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  PangoFontDescription *description = pango_font_description_from_string (font);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws @text with its top at @y, wrapped to @width; returns its height. */
double
hs_pdf_text (cairo_t          *cr,
             const char       *text,
             const char       *font,
             const HsPdfColor *color,
             double            x,
             double            y,
             double            width,
             PangoAlignment    alignment)
{
  g_autoptr(PangoLayout) layout = hs_pdf_layout (cr, text, font, width, alignment);
  int height;

  hs_pdf_set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Centred text with a short rule under it, the way Vietnamese documents
 * underline the school's name and the national motto. */
double
hs_pdf_underlined (cairo_t          *cr,
                   const char       *text,
                   const char       *font,
                   const HsPdfColor *color,
                   double            centre,
                   double            y,
                   double            width,
                   double            rule_share)
{
  g_autoptr(PangoLayout) layout = hs_pdf_layout (cr, text, font, width, PANGO_ALIGN_CENTER);
  PangoRectangle logical;
  double rule, height;

  pango_layout_get_extents (layout, NULL, &logical);
  height = (double) logical.height / PANGO_SCALE;
  hs_pdf_set_color (cr, color);
  cairo_move_to (cr, centre - width / 2, y);
  pango_cairo_show_layout (cr, layout);

  /* The rule is as wide as the last line, a share of it. */
  {
    PangoLayoutLine *last = pango_layout_get_line_readonly (layout, pango_layout_get_line_count (layout) - 1);
    PangoRectangle line;

    pango_layout_line_get_extents (last, NULL, &line);
    rule = (double) line.width / PANGO_SCALE * rule_share;
  }
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, centre - rule / 2, y + height + 2.5);
  cairo_rel_line_to (cr, rule, 0);
  cairo_stroke (cr);
  return height + 6;
}

/* The heading of a Vietnamese administrative document: the unit above and
 * the school (underlined) on the left, the national name and motto
 * (underlined) on the right.  Returns the bottom of the taller side. */
double
hs_pdf_header (cairo_t    *cr,
               const char *unit,
               const char *school,
               double      left_centre,
               double      right_centre,
               double      column,
               double      y)
{
  g_autofree char *school_upper = g_utf8_strup (school, -1);
  double left = y, right = y;

  if (unit != NULL && *unit != '\0')
    {
      g_autofree char *unit_upper = g_utf8_strup (unit, -1);

      left += hs_pdf_text (cr, unit_upper, "Noto Sans 11", &hs_pdf_ink,
                           left_centre - column / 2, left, column, PANGO_ALIGN_CENTER);
    }
  left += hs_pdf_underlined (cr, school_upper, "Noto Sans Bold 11", &hs_pdf_ink, left_centre, left, column, 0.45);

  right += hs_pdf_text (cr, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Noto Sans Bold 11", &hs_pdf_ink,
                        right_centre - column / 2, right, column, PANGO_ALIGN_CENTER);
  right += hs_pdf_underlined (cr, "Độc lập – Tự do – Hạnh phúc", "Noto Sans Bold 11.5", &hs_pdf_ink,
                              right_centre, right, column, 1.0);
  return MAX (left, right);
}

/* "ngày 20 tháng 11 năm 2025", as Vietnamese documents date themselves. */
char *
hs_pdf_long_date (const GDate *date)
{
  return g_strdup_printf ("ngày %u tháng %u năm %u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  GOutputStream *stream = closure;

  return g_output_stream_write_all (stream, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
writer_free (HsPdfWriter *writer)
{
  g_clear_pointer (&writer->surface, cairo_surface_destroy);
  g_clear_object (&writer->stream);
  g_free (writer->path);
  g_free (writer);
}

/**
 * hs_pdf_writer_new:
 *
 * A PDF surface whose bytes go to a file beside @path; hs_pdf_writer_finish()
 * renames it into place when the document is whole, so a failure never
 * leaves half a file (or spoils one that was there).
 */
HsPdfWriter *
hs_pdf_writer_new (const char  *path,
                   double       width,
                   double       height,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  HsPdfWriter *writer;
  GFileOutputStream *stream;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Could not write “%s”: %s"), path, local_error->message);
      return NULL;
    }

  writer = g_new0 (HsPdfWriter, 1);
  writer->path = g_strdup (path);
  writer->stream = stream;
  writer->surface = cairo_pdf_surface_create_for_stream (write_cb, stream, width, height);
  return writer;
}

cairo_surface_t *
hs_pdf_writer_get_surface (HsPdfWriter *writer)
{
  return writer->surface;
}

/**
 * hs_pdf_writer_finish:
 * @drawn: %FALSE when drawing failed (with the error already set): the file
 *   is then left as it was
 *
 * Frees @writer.
 */
gboolean
hs_pdf_writer_finish (HsPdfWriter  *writer,
                      gboolean      drawn,
                      GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  cairo_status_t status;

  cairo_surface_finish (writer->surface);
  status = cairo_surface_status (writer->surface);

  if (!drawn || status != CAIRO_STATUS_SUCCESS)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      if (drawn)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Could not write “%s”: %s"), writer->path, cairo_status_to_string (status));
      /* Closing a cancelled replace stream keeps the old file, if any. */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (writer->stream), cancel, NULL);
      writer_free (writer);
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (writer->stream), NULL, &local_error))
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Could not write “%s”: %s"), writer->path, local_error->message);
      writer_free (writer);
      return FALSE;
    }

  writer_free (writer);
  return TRUE;
}
