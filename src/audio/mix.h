/* mix.h - the mixer: tracks placed on a timeline, summed, with the music
 * bed ducked under the voice.
 *
 * Each track is a stage already in the mixer's format, placed at a start
 * frame, with a gain, fades and a role.  The bed's gain follows a
 * sidechain envelope of the voice tracks: at its level in pauses, lowered
 * by the ducking depth under speech, moving with the attack and release
 * times (and a hold, so the short pauses between sentences do not pump).
 * The envelope is worked out every 16 frames (0.36 ms at 44.1 kHz) and
 * goes in straight lines between, the same whatever the reads. */
#ifndef CRIEUR_MIX_H
#define CRIEUR_MIX_H

#include "audio/stage.h"

typedef enum { MIX_VOICE, MIX_BED, MIX_JINGLE } mix_role;

typedef struct mix_duck {
	double depth_db;      /* bed gain under speech, e.g. -12 (0: none) */
	double attack_ms;     /* time to duck, e.g. 80 */
	double release_ms;    /* time to come back, e.g. 600 */
	double hold_ms;       /* stay ducked through pauses this short */
	double threshold_db;  /* voice level that counts as speech, e.g. -45 */
} mix_duck;

/* A mixer producing fmt, in *out; total_frames is its exact length (the
 * output is padded with silence or cut to it).  duck may be NULL (no
 * ducking).  Returns 0 (it cannot fail). */
int mixer_new(audio_stage **out, audio_format fmt, long long total_frames,
	      const mix_duck *duck);

/* Place src (owned; must be in the mixer's format) at frame start, for at
 * most length frames (-1: until it ends), at gain_db, with raised-cosine
 * fades of fade_in / fade_out frames (fade_out needs a known length).
 * Tracks may be added in any order, also while the mixer is read (live
 * playback places stings as it learns where), at a start not before the
 * frames already read.  A negative start is a track that began before
 * the mixer's first frame (a mix of the second half of a bulletin): src
 * must begin -start frames into it, and its length and fades count from
 * its own beginning. */
void mixer_add(audio_stage *mixer, audio_stage *src, long long start,
	       long long length, double gain_db, mix_role role,
	       long fade_in, long fade_out);

#endif
