/* hs-pdf.h — drawing helpers shared by the certificate and the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* A4, in points. */
#define HS_PDF_A4_SHORT 595.28
#define HS_PDF_A4_LONG  841.89

typedef struct {
  double r, g, b;
} HsPdfColor;

extern const HsPdfColor hs_pdf_red;
extern const HsPdfColor hs_pdf_gold;
extern const HsPdfColor hs_pdf_ink;
extern const HsPdfColor hs_pdf_navy;
extern const HsPdfColor hs_pdf_grey;
extern const HsPdfColor hs_pdf_green;

typedef struct _HsPdfWriter HsPdfWriter;

PangoLayout *hs_pdf_layout         (cairo_t           *cr,
                                    const char        *text,
                                    const char        *font,
                                    double             width,
                                    PangoAlignment     alignment) G_GNUC_WARN_UNUSED_RESULT;
double       hs_pdf_text           (cairo_t           *cr,
                                    const char        *text,
                                    const char        *font,
                                    const HsPdfColor  *color,
                                    double             x,
                                    double             y,
                                    double             width,
                                    PangoAlignment     alignment);
double       hs_pdf_underlined     (cairo_t           *cr,
                                    const char        *text,
                                    const char        *font,
                                    const HsPdfColor  *color,
                                    double             centre,
                                    double             y,
                                    double             width,
                                    double             rule_share);
double       hs_pdf_header         (cairo_t           *cr,
                                    const char        *unit,
                                    const char        *school,
                                    double             left_centre,
                                    double             right_centre,
                                    double             column,
                                    double             y);
void         hs_pdf_set_color      (cairo_t           *cr,
                                    const HsPdfColor  *color);
char        *hs_pdf_long_date      (const GDate       *date) G_GNUC_WARN_UNUSED_RESULT;

HsPdfWriter *hs_pdf_writer_new     (const char        *path,
                                    double             width,
                                    double             height,
                                    GError           **error) G_GNUC_WARN_UNUSED_RESULT;
cairo_surface_t *hs_pdf_writer_get_surface (HsPdfWriter *writer);
gboolean     hs_pdf_writer_finish  (HsPdfWriter       *writer,
                                    gboolean           drawn,
                                    GError           **error);

G_END_DECLS
