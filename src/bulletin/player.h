/* player.h - `crieur play`: a bulletin played live, as a stream: jingles,
 * bed and ducking, played as it is synthesized, with no file rendered
 * first (lines of text spoken live, `crieur say`, are live/line_speaker.h).
 *
 * The file renderer (bulletin.c) synthesizes every item before mixing, since
 * slot fitting and loudness need the whole.  Live, positions of item k
 * depend only on the items before it: a speech track on a worker thread
 * synthesizes item after item (eSpeak NG in live mode) a second or so
 * ahead of the playhead; as each item ends it lays out the timeline
 * (timeline_layout() with the lengths known so far) and tells the mixer
 * where the next sting goes, and after the last item where the outro, the
 * bed's end and the end are.  Loudness: instead of measuring the mix
 * (pass B), a per-voice calibration — the gain that masters this voice's
 * speech to the target under the ceiling, measured once on a reference
 * text and cached under $XDG_CACHE_HOME/crieur (or ~/.cache/crieur) —
 * then the true-peak limiter, as rendered.  The mix is louder than its
 * speech where jingles are louder: the gain is corrected by the power
 * mean of the speech (its length estimated from the text and the voice's
 * pace) and the jingles (measured when the stream opens).  Not supported
 * live: fitting to a slot (`duration`, ignored). */
#ifndef CRIEUR_BULLETIN_PLAYER_H
#define CRIEUR_BULLETIN_PLAYER_H

#include "audio/stage.h"
#include "bulletin/bulletin.h"
#include "speech/voice.h"

typedef struct bulletin_player_info {
	double gain_db;          /* the mastering gain applied (0: none) */
	double mix_correction_db;   /* of which the jingles' correction */
	int calibration_cached;  /* the voice's calibration came from the cache */
} bulletin_player_info;

/* The mastered bulletin as a stage in spec->out's format (spec must
 * outlive it).  Checks the items, voices and jingles first (as
 * bulletin_render() does).  info may be NULL. */
int bulletin_player_new(audio_stage **out, const bulletin_spec *spec,
		      bulletin_player_info *info);

/* A voice's calibration: the gain (dB) that brings its speech to a
 * loudness target with the true-peak limiter at a ceiling (as the
 * renderer's pass B would plan it), its loudness at unity gain, and its
 * pace (seconds of speech per byte of text). */
typedef struct bulletin_calibration {
	double gain_db, lufs, seconds_per_byte;
	int cached;          /* it came from the cache */
} bulletin_calibration;

/* Calibrate the voice so picks (speech_pick_voice(): overrides and text
 * language included) at fmt (rate, channels): measured on a reference
 * text through the speech chain once, then cached under
 * $XDG_CACHE_HOME/crieur (~/.cache/crieur).  An unwritable cache is not
 * an error; a cached record out of range (a gain beyond
 * +-CAL_MAX_GAIN_DB, a loudness outside -70 to 0 LUFS, a speaking speed
 * outside (0, 1) s per byte) is measured again. */
enum { CAL_MAX_GAIN_DB = 40 };
int bulletin_player_calibrate(const speech_options *so, audio_format fmt,
			    double target_lufs, double ceiling_dbtp,
			    bulletin_calibration *cal);

#endif
