/* voicefx.h - a voice's post-processing: what makes eSpeak NG's thin
 * formant speech sit better on air.
 *
 *   high-pass  2nd-order Butterworth (RBJ biquad) at hp_hz: rumble and
 *              the DC eSpeak NG leaves below the voice
 *   presence   a peaking biquad (RBJ) at eq_hz, eq_db, Q eq_q: clarity
 *   compressor feed-forward, a peak envelope with attack/release, a
 *              knee-less ratio above threshold, then makeup gain, and a
 *              hard clip at +-1 as a last guard
 * Each part is off at its neutral value (hp_hz 0, eq_db 0, ratio <= 1,
 * makeup 0).  Output below one 16-bit step (filter tails) is exactly 0,
 * so silence stays digital silence. */
#ifndef CRIEUR_VOICEFX_H
#define CRIEUR_VOICEFX_H

#include "audio/stage.h"

typedef struct voicefx_params {
	double hp_hz;                       /* 0: off */
	double eq_hz, eq_db, eq_q;          /* eq_db 0: off */
	double threshold_db, ratio;         /* ratio <= 1: off */
	double attack_ms, release_ms;
	double makeup_db;
	double rotate_hz;                   /* 0: off */
} voicefx_params;

/* Whether p changes anything. */
int voicefx_active(const voicefx_params *p);

/* Wrap src (any rate; every channel processed alike) with p's processing,
 * in *out; takes ownership of src.  *out is src itself when p changes
 * nothing.  Returns 0 (it cannot fail). */
int voicefx_new(audio_stage **out, audio_stage *src, const voicefx_params *p);

#endif
