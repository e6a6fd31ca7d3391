/* hs-speech.c — Vietnamese read-aloud: text to speech with espeak-ng
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WebKitGTK's speechSynthesis on Debian 12 speaks through flite, which has
 * English voices only.  espeak-ng has Northern, Central and Southern
 * Vietnamese voices and a small C library that needs no daemon, so Học Số
 * speaks through it: each sentence is synthesised in turn into one WAV,
 * and the time each sentence starts at is kept, so the page can play the
 * WAV as plain audio (pause, speed, seeking come free) and mark the
 * sentence being read.
 *
 * libespeak-ng keeps global state and is not thread-safe: every call is
 * made under one lock.
 */
#define G_LOG_DOMAIN "hs-speech"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <espeak-ng/speak_lib.h>

#include "hs-speech.h"

G_DEFINE_QUARK (hs-speech-error-quark, hs_speech_error)

static GMutex lock;
static int sample_rate;        /* 0 before the first use, -1 when unavailable */

static const struct {
  const char *name;            /* espeak-ng's voice name */
  const char *label;           /* N_() */
} voices[] = {
  { "vi", N_("Northern Vietnamese") },
  { "vi-vn-x-central", N_("Central Vietnamese") },
  { "vi-vn-x-south", N_("Southern Vietnamese") },
};

/**
 * hs_speech_get_voices:
 *
 * Returns: (transfer none): the voice names hs_speech_synthesize() takes,
 *   the default first
 */
const char * const *
hs_speech_get_voices (void)
{
  static const char *names[G_N_ELEMENTS (voices) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (voices); i++)
      names[i] = voices[i].name;
  return names;
}

/**
 * hs_speech_voice_label:
 *
 * Returns: the translated name of @voice, or %NULL when it is not a voice
 */
const char *
hs_speech_voice_label (const char *voice)
{
  for (guint i = 0; i < G_N_ELEMENTS (voices); i++)
    if (g_strcmp0 (voice, voices[i].name) == 0)
      return _(voices[i].label);
  return NULL;
}

static int
synth_cb (short        *samples,
          int           n_samples,
          espeak_EVENT *events)
{
  GByteArray *pcm = events != NULL ? events->user_data : NULL;

  if (pcm != NULL && samples != NULL && n_samples > 0)
    g_byte_array_append (pcm, (const guint8 *) samples, n_samples * sizeof (short));
  return 0;   /* go on */
}

/* Under the lock. */
static gboolean
ensure_engine (GError **error)
{
  if (sample_rate == 0)
    {
      sample_rate = espeak_Initialize (AUDIO_OUTPUT_SYNCHRONOUS, 500, NULL, 0);
      if (sample_rate <= 0)
        sample_rate = -1;
      else
        espeak_SetSynthCallback (synth_cb);
    }
  if (sample_rate < 0)
    {
      g_set_error_literal (error, HS_SPEECH_ERROR, HS_SPEECH_ERROR_UNAVAILABLE,
                           _("Reading aloud is not available: the espeak-ng speech data is not installed."));
      return FALSE;
    }
  return TRUE;
}

static void
put_le (GByteArray *out,
        guint32     value,
        guint       bytes)
{
  for (guint i = 0; i < bytes; i++)
    {
      guint8 b = (value >> (8 * i)) & 0xff;
      g_byte_array_append (out, &b, 1);
    }
}

/* A 16-bit mono PCM WAV around @pcm. */
static GBytes *
wav_from_pcm (GByteArray *pcm,
              int         rate)
{
  GByteArray *out = g_byte_array_sized_new (44 + pcm->len);

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_le (out, 36 + pcm->len, 4);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  put_le (out, 16, 4);             /* fmt chunk size */
  put_le (out, 1, 2);              /* PCM */
  put_le (out, 1, 2);              /* mono */
  put_le (out, rate, 4);
  put_le (out, rate * 2, 4);       /* bytes per second */
  put_le (out, 2, 2);              /* block align */
  put_le (out, 16, 2);             /* bits per sample */
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_le (out, pcm->len, 4);
  g_byte_array_append (out, pcm->data, pcm->len);

  return g_byte_array_free_to_bytes (out);
}

/**
 * hs_speech_synthesize:
 * @sentences: the text to read, a sentence an item, in order
 * @voice: (nullable): one of hs_speech_get_voices(), %NULL for the default
 * @wav: (out): the speech, a 16-bit mono WAV
 * @marks: (out) (element-type guint): when each sentence starts, in
 *   milliseconds from the start of @wav
 *
 * Reads @sentences aloud into @wav.  Slow text (a whole lesson) takes a
 * second or so: call it from a thread.
 */
gboolean
hs_speech_synthesize (const char * const  *sentences,
                      const char          *voice,
                      GBytes             **wav,
                      GArray             **marks,
                      GError             **error)
{
  g_autoptr(GByteArray) pcm = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  gsize total = 0;
  guint n = 0;

  g_return_val_if_fail (sentences != NULL, FALSE);
  g_return_val_if_fail (wav != NULL && marks != NULL, FALSE);

  if (voice == NULL)
    voice = voices[0].name;
  if (hs_speech_voice_label (voice) == NULL)
    {
      g_set_error (error, HS_SPEECH_ERROR, HS_SPEECH_ERROR_NO_VOICE,
                   _("“%s” is not a voice Học Số can read with."), voice);
      return FALSE;
    }
  for (; sentences[n] != NULL; n++)
    {
      if (!g_utf8_validate (sentences[n], -1, NULL))
        {
          g_set_error_literal (error, HS_SPEECH_ERROR, HS_SPEECH_ERROR_INVALID_TEXT,
                               _("The text to read is not valid UTF-8."));
          return FALSE;
        }
      total += strlen (sentences[n]);
    }
  if (n == 0 || n > HS_SPEECH_MAX_SENTENCES || total > HS_SPEECH_MAX_CHARS)
    {
      g_set_error (error, HS_SPEECH_ERROR, HS_SPEECH_ERROR_INVALID_TEXT,
                   _("There must be from 1 to %u sentences to read, of at most %u characters in all."),
                   (guint) HS_SPEECH_MAX_SENTENCES, (guint) HS_SPEECH_MAX_CHARS);
      return FALSE;
    }

  locker = g_mutex_locker_new (&lock);
  if (!ensure_engine (error))
    return FALSE;
  if (espeak_SetVoiceByName (voice) != EE_OK)
    {
      g_set_error (error, HS_SPEECH_ERROR, HS_SPEECH_ERROR_NO_VOICE,
                   _("The voice “%s” is not installed."), hs_speech_voice_label (voice));
      return FALSE;
    }

  pcm = g_byte_array_new ();
  starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    {
      guint start_ms = (guint) ((guint64) (pcm->len / sizeof (short)) * 1000 / sample_rate);
      espeak_ERROR rc;

      g_array_append_val (starts, start_ms);
      rc = espeak_Synth (sentences[i], strlen (sentences[i]) + 1, 0, POS_CHARACTER, 0,
                         espeakCHARS_UTF8, NULL, pcm);
      if (rc != EE_OK)
        {
          g_set_error (error, HS_SPEECH_ERROR, HS_SPEECH_ERROR_FAILED,
                       _("The speech engine could not read sentence %u."), i + 1);
          return FALSE;
        }
    }

  *wav = wav_from_pcm (pcm, sample_rate);
  *marks = g_steal_pointer (&starts);
  return TRUE;
}
