/* loop.h - play a piece of audio over and over, joined without clicks.
 *
 * The piece lives in a spill (audio/spill.h), decoded and converted to the
 * output format once, so each pass of a bulletin loops it without
 * decoding or resampling again. */
#ifndef CRIEUR_LOOP_H
#define CRIEUR_LOOP_H

#include "audio/spill.h"
#include "audio/stage.h"

/* A never-ending stage looping frames [offset, offset + frames) of the
 * spill s (which must outlive it).  Each join crossfades the piece's last
 * xfade_ms with its beginning (equal power), so material that was not
 * made to loop joins smoothly.  Bound it with the mixer's track length.
 * CRIEUR_EINVAL for a piece too short to loop (under 4 x xfade). */
int loop_new(audio_stage **out, spill *s, long long offset, long long frames,
	     double xfade_ms);

/* Move a loop stage `frames` frames on, as reading them would, without
 * reading (a mix that starts part-way into its bed).  Nothing happens if
 * s is not a loop stage. */
void loop_skip(audio_stage *s, long long frames);

#endif
