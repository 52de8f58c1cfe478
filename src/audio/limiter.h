/* limiter.h - a lookahead true-peak limiter stage.
 *
 * How it works, per input frame:
 *   1. the true peak: each channel is interpolated 4x (a 64-tap Kaiser
 *      windowed-sinc polyphase FIR, 16 taps per phase); the peak is the
 *      largest |value| over the sample and the 3 points after it, over all
 *      channels (the gain is channel-linked);
 *   2. the gain that peak needs, min(1, ceiling / peak);
 *   3. its minimum over the lookahead window (van Herk and Gil-Werman's
 *      running minima: three comparisons a frame, no branch), held a few
 *      samples either side of the peak;
 *   4. instant attack, exponential release (release_ms time constant);
 *   5. two moving averages (together as long as the lookahead) smooth the
 *      attack into an S-curve that reaches the needed gain exactly when the
 *      peak comes out of the delay line: no gain step, no click, no
 *      overshoot;
 *   6. the audio, delayed by the lookahead, times that gain.
 * The delay is compensated: the first `latency` output frames are dropped
 * and the tail is flushed at the end, so the output is exactly as long as
 * the input and aligned with it.  All memory is allocated by limiter_new().
 *
 * Safety margin: the limiter aims LIMITER_MARGIN_DB (0.1 dB) under the
 * ceiling it is given.  That covers the difference between its
 * interpolator and the measuring tools' (libebur128: 4x, 48 taps; ffmpeg's
 * ebur128 filter: libswresample to 192 kHz), the gain's own modulation
 * and 16-bit rounding: WAV output measures -1.09 dBTP (ffmpeg) for a
 * -1 dBTP ceiling, -1.07 at worst with 20 dB of gain reduction.
 *
 * It does not cover a lossy encoder.  Measured with ffmpeg on eSpeak
 * speech (3 statements, 52-116 s) limited to -1.1 dBTP then encoded by
 * the project's MP3 writer (LAME 3.100, 64 kbit/s mono, q5): the decoded
 * true peak reached -0.83 dBTP, and +0.21 dBTP under 18 dB of limiting;
 * the decoded level is also 0.45 dB lower (LAME's, at every bitrate).  So
 * an MP3 is mastered to a lower ceiling and a higher target given by
 * loudness_for_mp3() (loudness.h): 64 kbit/s per channel and under aim
 * 1.6 dB lower (-2.15 dBTP for -1; -2.25 with this margin) and +0.45 LU.
 * The margin was 1.0 dB, set on three statements; over longer audio the
 * decoded peaks have a longer tail: a 28-minute bulletin at 64 kbit/s
 * mono decoded at -0.82 dBTP in one spot (1.2 dB over the limiter's
 * output), with a 1.4 dB margin.  With 1.6, that bulletin decodes at
 * -16.0 LUFS / -1.7 dBTP, a 13-minute statement at -16.0 / -1.8 (ffmpeg).
 * It is a statistical margin, not a bound: LAME's quantization noise at
 * low bitrates is what overshoots.
 *
 * Loudness: where it acts the limiter lowers the integrated loudness; on
 * the sample speech at -16 LUFS, 0.7-0.9 LU with a 100 ms release (0.5
 * with 20 ms, 1.2 with 400 ms).  loudness_plan_limited() corrects it.
 *
 * Speed (tests/bench/master.sh 30, one core of an AMD EPYC, mono
 * 44.1 kHz, +6 dB into the limiter): about 2300-3100x realtime, against
 * 270-290x for LAME at 64 kbit/s on the same audio (2100-2300x for the
 * limiter before its gains were split into three loops). */
#ifndef CRIEUR_LIMITER_H
#define CRIEUR_LIMITER_H

#include "audio/stage.h"

#define LIMITER_LOOKAHEAD_MS  5.0
#define LIMITER_RELEASE_MS    100.0
#define LIMITER_MARGIN_DB     0.1

/* A lookahead true-peak limiter stage: src's true peak kept under
 * ceiling_dbtp (-20..0 dBTP) minus LIMITER_MARGIN_DB.  lookahead_ms
 * (0.5..50) is the attack time (the delay is that plus 10 frames);
 * release_ms (1..5000) the release time constant.  Takes ownership of src
 * (1..8 channels, 1 kHz and up).  The output, in *out, has src's format
 * and exactly its length.  Returns 0, or CRIEUR_EINVAL on bad arguments
 * with a detail recorded, src freed and *out NULL. */
int limiter_new(audio_stage **out, audio_stage *src, double ceiling_dbtp,
		double lookahead_ms, double release_ms);

/* The same limiter, push-style, for callers that have the frames in hand
 * (the loudness meter's trial).  No delay compensation: output frame i is
 * input frame i - latency, limited (silence before the start), in *out.
 * Same arguments and errors as limiter_new() (*out NULL on error). */
typedef struct limiter_core limiter_core;
int limiter_core_new(limiter_core **out, audio_format fmt, double ceiling_dbtp,
		     double lookahead_ms, double release_ms);

/* Run n frames of in (interleaved; NULL for silence, to flush) into out;
 * out may be in.  Never fails, never allocates. */
void limiter_core_run(limiter_core *l, const float *in, float *out, long n);

/* The core's delay in frames. */
long limiter_core_latency(const limiter_core *l);

/* The largest true peak of the input so far, in dBTP (-HUGE_VAL if
 * silent).  Exact (4x) where it matters: a peak under the ceiling minus
 * 3.5 dB may be reported at its sample value. */
double limiter_core_peak_db(const limiter_core *l);

/* The deepest gain reduction applied so far, in dB (0 or negative). */
double limiter_core_max_reduction_db(const limiter_core *l);

/* Free a core; NULL does nothing. */
void limiter_core_free(limiter_core *l);

/* The core inside a limiter stage (to read its figures), or NULL if s is
 * not a limiter stage. */
limiter_core *limiter_stage_core(audio_stage *s);

#endif
