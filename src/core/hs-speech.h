/* hs-speech.h — Vietnamese read-aloud: text to speech with espeak-ng
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HS_SPEECH_ERROR (hs_speech_error_quark ())

typedef enum {
  HS_SPEECH_ERROR_UNAVAILABLE,
  HS_SPEECH_ERROR_NO_VOICE,
  HS_SPEECH_ERROR_INVALID_TEXT,
  HS_SPEECH_ERROR_FAILED,
} HsSpeechError;

/* The most text read in one go (a long lesson is some 20,000 characters). */
#define HS_SPEECH_MAX_CHARS    200000
#define HS_SPEECH_MAX_SENTENCES 4000

GQuark              hs_speech_error_quark (void);
const char * const *hs_speech_get_voices  (void);
const char         *hs_speech_voice_label (const char           *voice);
gboolean            hs_speech_synthesize  (const char * const   *sentences,
                                           const char           *voice,
                                           GBytes              **wav,
                                           GArray              **marks,
                                           GError              **error);

G_END_DECLS
