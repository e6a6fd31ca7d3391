/* test-speech.c — hs-speech: Vietnamese text to speech
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hs-speech.h"

static guint32
le32 (const guint8 *p)
{
  return p[0] | p[1] << 8 | p[2] << 16 | (guint32) p[3] << 24;
}

static void
test_reads_vietnamese (void)
{
  const char *sentences[] = {
    "Học Số chạy hoàn toàn trên máy tính này.",
    "Đừng bao giờ đưa mã OTP cho người lạ, kể cả người xưng là công an.",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wav = NULL;
  g_autoptr(GArray) marks = NULL;
  const guint8 *data;
  gsize size;
  guint32 rate, data_size;
  guint loud = 0;

  g_assert_true (hs_speech_synthesize (sentences, NULL, &wav, &marks, &error));
  g_assert_no_error (error);

  /* A well-formed 16-bit mono WAV … */
  data = g_bytes_get_data (wav, &size);
  g_assert_cmpuint (size, >, 44);
  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpmem (data + 8, 8, "WAVEfmt ", 8);
  g_assert_cmpuint (data[22], ==, 1);                  /* mono */
  g_assert_cmpuint (data[34], ==, 16);                 /* 16 bits */
  rate = le32 (data + 24);
  g_assert_cmpuint (rate, >=, 16000);
  data_size = le32 (data + 40);
  g_assert_cmpuint (data_size + 44, ==, size);
  g_assert_cmpuint (le32 (data + 4), ==, size - 8);

  /* … of speech: a few seconds of it, not silence. */
  g_assert_cmpuint (data_size / 2, >, rate * 2);
  g_assert_cmpuint (data_size / 2, <, rate * 30);
  for (gsize i = 44; i + 1 < size; i += 2)
    if (ABS ((gint16) (data[i] | data[i + 1] << 8)) > 1000)
      loud++;
  g_assert_cmpuint (loud, >, rate / 10);

  /* One mark per sentence: the first at 0, the second later, both within
   * the sound. */
  g_assert_cmpuint (marks->len, ==, 2);
  g_assert_cmpuint (g_array_index (marks, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (marks, guint, 1), >, 1000);
  g_assert_cmpuint (g_array_index (marks, guint, 1), <, (guint64) data_size / 2 * 1000 / rate);
}

static void
test_voices (void)
{
  const char * const *voices = hs_speech_get_voices ();
  const char *sentence[] = { "Xin chào các thầy cô.", NULL };

  g_assert_cmpstr (voices[0], ==, "vi");
  g_assert_cmpuint (g_strv_length ((char **) voices), ==, 3);
  for (guint i = 0; voices[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) wav = NULL;
      g_autoptr(GArray) marks = NULL;

      g_assert_nonnull (hs_speech_voice_label (voices[i]));
      g_assert_true (hs_speech_synthesize (sentence, voices[i], &wav, &marks, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (wav), >, 44 + 8000);
    }
}

static void
test_refusals (void)
{
  const char *empty[] = { NULL };
  const char *sentence[] = { "Xin chào.", NULL };
  const char *bad[] = { "\xff\xfe", NULL };
  g_autoptr(GError) error = NULL;
  GBytes *wav = NULL;
  GArray *marks = NULL;

  g_assert_false (hs_speech_synthesize (empty, NULL, &wav, &marks, &error));
  g_assert_error (error, HS_SPEECH_ERROR, HS_SPEECH_ERROR_INVALID_TEXT);
  g_clear_error (&error);
  g_assert_false (hs_speech_synthesize (bad, NULL, &wav, &marks, &error));
  g_assert_error (error, HS_SPEECH_ERROR, HS_SPEECH_ERROR_INVALID_TEXT);
  g_clear_error (&error);
  g_assert_false (hs_speech_synthesize (sentence, "en", &wav, &marks, &error));
  g_assert_error (error, HS_SPEECH_ERROR, HS_SPEECH_ERROR_NO_VOICE);
  g_assert_null (wav);
  g_assert_null (marks);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hocso/speech/reads-vietnamese", test_reads_vietnamese);
  g_test_add_func ("/hocso/speech/voices", test_voices);
  g_test_add_func ("/hocso/speech/refusals", test_refusals);

  return g_test_run ();
}
