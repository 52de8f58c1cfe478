/* limiter.h - a lookahead true-peak limiter stage.
 *
 * How it works, per input frame:
 *   1. the true peak: each channel is interpolated 4x (a 64-tap Kaiser
 *      windowed-sinc polyphase FIR, 16 taps per phase); the peak is the
 *      largest |value| over the sample and the 3 points after it, over all
 *      channels (the gain is channel-linked);
 *   2. the gain that peak needs, min(1, ceiling / peak);
 *   3. its minimum over the lookahead window (a monotonic deque: O(1)
 *      amortized), held a few samples either side of the peak;
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
 * Safety margin: the limiter aims LIMITER_MARGIN_DB under the ceiling it
 * is given.  That covers the difference between its interpolator and the
 * measuring tools' (libebur128: 4x, 48 taps; ffmpeg's ebur128 filter:
 * libswresample to 192 kHz) and the gain's own modulation.  It does not
 * cover a lossy encoder: see LIMITER_MP3_MARGIN_DB. */
#ifndef CRIEUR_LIMITER_H
#define CRIEUR_LIMITER_H

#include "audio/stage.h"

#define LIMITER_LOOKAHEAD_MS  5.0
#define LIMITER_RELEASE_MS    100.0
#define LIMITER_MARGIN_DB     0.1

/* A lookahead true-peak limiter: src's true peak kept under ceiling_dbtp
 * (-20..0 dBTP) minus LIMITER_MARGIN_DB.  lookahead_ms (0.5..50) is both
 * the attack time and the delay; release_ms (1..5000) the release time
 * constant.  Takes ownership of src (1..8 channels, any rate).  Returns
 * NULL on bad arguments, with src freed and CRIEUR_EINVAL recorded. */
audio_stage *limiter_new(audio_stage *src, double ceiling_dbtp,
			 double lookahead_ms, double release_ms);

/* The limiter's delay in frames (compensated: for information), or -1 if
 * s is not a limiter. */
long limiter_latency(const audio_stage *s);

/* The deepest gain reduction applied so far, in dB (0 or negative), or 0
 * if s is not a limiter. */
double limiter_max_reduction_db(const audio_stage *s);

#endif
