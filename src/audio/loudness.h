/* loudness.h - loudness measurement (ITU-R BS.1770 / EBU R128 through
 * libebur128), loudness targets, the pilot (gain stages: audio/gain.h).
 *
 * Mastering takes two passes over the mix, so memory stays bounded in the
 * bulletin's length (the mix is rendered twice; synthesis is cheap):
 *
 *   pass 1  m = loudness_meter_new(mix, 0);
 *           read m to its end (or audio_pump it into a null sink);
 *           loudness_meter_result(m, &measured, &tp);  stage_free(m);
 *   plan    loudness_plan(measured, target, &gain_db);
 *           (better: loudness_meter_set_target() + loudness_plan_limited())
 *   pass 2  out = limiter_new(gain_new(mix2, gain_db), ceiling,
 *                             LIMITER_LOOKAHEAD_MS, LIMITER_RELEASE_MS);
 *           audio_pump(out, encoder, NULL);
 *
 * The limiter (audio/limiter.h) lowers the loudness where it acts: on
 * eSpeak speech (-22.4 LUFS, -2.9 dBTP) brought to -16 LUFS under -1 dBTP
 * it takes away 0.7-0.9 LU, and several LU when the speech is peaky.  So
 * pass 1 should also learn what the limiter will cost, in one of two ways:
 *   - loudness_meter_set_target() before reading, and
 *     loudness_plan_limited() instead of loudness_plan(): two trial
 *     limiters in the meter, placed from the first 10 s (bulletin/player.c);
 *   - loudness_pilot() on excerpts of the audio, then one
 *     loudness_trial_new() stage in pass 1 at the pilot's gain and
 *     loudness_trial_result(), from which the pilot gives the gain: half
 *     the work, and the trial starts next to the answer; or pass 2
 *     itself, at the pilot's gain up to the middle, measures that half
 *     (loudness_head_new()) and the trial only the rest
 *     (loudness_trial_result_with(): bulletin/render_master.c).
 * The figures measured with ffmpeg are in limiter.h. */
#ifndef CRIEUR_LOUDNESS_H
#define CRIEUR_LOUDNESS_H

#include "audio/gain.h"
#include "audio/stage.h"
#include "base/error.h"

#include <math.h>
#include <stdatomic.h>

/* Targets (integrated loudness, LUFS) and the default true-peak ceiling. */
#define LOUDNESS_PODCAST_LUFS    (-16.0)
#define LOUDNESS_BROADCAST_LUFS  (-23.0)   /* EBU R128 */
#define LOUDNESS_TARGET_MIN      (-40.0)
#define LOUDNESS_TARGET_MAX      (-5.0)
#define LOUDNESS_CEILING_DBTP    (-1.0)
#define LOUDNESS_CEILING_MIN     (-20.0)
#define LOUDNESS_CEILING_MAX     (0.0)

/* Flags of loudness_meter_new(). */
enum {
	LOUDNESS_TRUE_PEAK = 1,   /* also measure the true peak (4x oversampled) */
};

/* Parse a loudness target: "podcast" (-16 LUFS), "broadcast" (-23 LUFS,
 * EBU R128) or a number of LUFS from -40 to -5 ("-19", "-18.5"; an
 * optional " LUFS" suffix is accepted).  Returns 0 and sets *lufs, or
 * CRIEUR_EINVAL with a detail quoting s; *lufs is then unchanged. */
int loudness_target_parse(const char *s, double *lufs);

/* Parse a true-peak ceiling in dBTP from -20 to 0 ("-1", "-1.5"; an
 * optional " dBTP" suffix is accepted).  0 or CRIEUR_EINVAL quoting s. */
int loudness_ceiling_parse(const char *s, double *dbtp);

/* A pass-through stage that measures everything it passes: integrated
 * loudness (BS.1770-4 gating, libebur128 mode I) and, with
 * LOUDNESS_TRUE_PEAK, the true peak over all channels.  Frames come out
 * unchanged, with no delay.  Takes ownership of src.  Supports 1 to 8
 * channels (channel weights are libebur128's defaults: L R C Ls Rs; a mono
 * stream counts once, as ffmpeg's ebur128 filter does) at 8 kHz and up.
 * The meter goes to *out.  Returns 0, or CRIEUR_EINVAL (bad flags or
 * format, libebur128 refused) with a detail recorded, src freed and *out
 * NULL. */
int loudness_meter_new(audio_stage **out, audio_stage *src, int flags);

/* The meter's figures once the stream has ended (a short read was
 * returned).  *lufs receives the integrated loudness, *true_peak_dbtp
 * the true peak in dBTP (either may be NULL; the true peak is -HUGE_VAL
 * when not measured).  Errors:
 *   CRIEUR_EINVAL  meter is not a meter, or its stream has not ended;
 *   CRIEUR_EEMPTY  everything was gated out (silence, or all of it under
 *                  -70 LUFS): nothing to normalize.  *lufs is then
 *                  -HUGE_VAL and *true_peak_dbtp is still set. */
int loudness_meter_result(audio_stage *meter, double *lufs,
			  double *true_peak_dbtp);

/* Tell the meter the target and the true-peak ceiling of pass 2, so it
 * can learn how much loudness the limiter will take away: it buffers the
 * first 10 s (memory: 10 s of audio), estimates the gain from them, then
 * runs two trial chains limiter(gain(x, g)) at that gain and 3 dB above,
 * and measures their output (the meter's own output is unchanged).  Call
 * it before the first read.  0, or CRIEUR_EINVAL (not a meter, already
 * reading, target or ceiling out of range).  Costs about two limiters and
 * two loudness meters more in pass 1. */
int loudness_meter_set_target(audio_stage *meter, double target_lufs,
			      double ceiling_dbtp);

/* One trial as a pass-through stage: it measures the integrated loudness
 * of limiter(gain(src, gain_db)) under ceiling_dbtp, frame for frame as
 * a limiter stage puts it out, and passes src on unchanged.  At the gain
 * loudness_pilot() found on excerpts, its result tells how far the whole
 * is from the excerpts, and the pilot, asked again for a target moved by
 * that much, gives pass 2's gain (one limiter and one meter, instead of
 * the meter's two trials).  The first `skip` frames go through the
 * limiter but are not measured: a trial started a few seconds before the
 * part it measures, so that its limiter (and the mix's ducking before
 * it) has settled as in the whole stream.  Takes ownership of src; the
 * trial goes to *out.  Returns 0, or CRIEUR_EINVAL on bad arguments with
 * a detail recorded, src freed and *out NULL. */
int loudness_trial_new(audio_stage **out, audio_stage *src, double gain_db,
		       double ceiling_dbtp, long long skip);

/* Once the trial's stream has ended: the loudness it measured.  0,
 * CRIEUR_EEMPTY (silence: *lufs is -HUGE_VAL), CRIEUR_EINVAL (not an
 * ended trial). */
int loudness_trial_result(audio_stage *trial, double *lufs);

/* A pass-through stage that measures the first `frames` frames of src
 * (as loudness_meter_new() does), for a trial that measures the rest on
 * another thread (loudness_trial_result_with()): pass 2 at the pilot's
 * gain is its own trial up to where its gain may change.  Frames come
 * out unchanged, with no delay; a read that crosses the head's end is
 * split there, so the head is done before src is asked for more.  Takes
 * ownership of src.  Returns 0, or CRIEUR_EINVAL (a format libebur128
 * refuses, frames < 0) with a detail recorded, src freed and *out NULL. */
int loudness_head_new(audio_stage **out, audio_stage *src, long long frames);

/* Wait, from another thread than the head's reader, until the head is
 * measured (or its stream ended before).  0, or CRIEUR_EINTR when *stop
 * becomes nonzero or on a signal (crieur_interrupted); CRIEUR_EINVAL if
 * head is not a head stage. */
int loudness_head_wait(audio_stage *head, const atomic_int *stop);

/* The integrated loudness of the head's frames and an ended trial's
 * together, as of one stream (their BS.1770 gating blocks pooled; the
 * few blocks that would straddle the join are not counted).  0,
 * CRIEUR_EEMPTY (silence: *lufs is -HUGE_VAL), CRIEUR_EINVAL (the trial
 * has not ended or the head is not done). */
int loudness_trial_result_with(audio_stage *trial, audio_stage *head,
			       double *lufs);

/* On an excerpt x (n frames of fmt, a few dozen seconds representative
 * of the audio): the gain at which limiter(gain(x)) under ceiling_dbtp
 * measures target_lufs (within 0.02 LU; where the loudness stops rising
 * with the gain before it gets there, the nearest point before it turns
 * down, within 0.3 LU), and unless slope is NULL the
 * slope of the limiter's loss there (d loss / d gain, clamped to 0..0.9:
 * one more trial run).  A handful of trial runs over x.  0, CRIEUR_EEMPTY when x is silent, CRIEUR_ENOMEM,
 * CRIEUR_EINVAL when the target cannot be reached under the ceiling
 * (within 0.3 LU: more gain only makes the limiter take more). */
int loudness_pilot(const float *x, long n, audio_format fmt,
		   double target_lufs, double ceiling_dbtp, double *gain_db,
		   double *slope);

/* What a pilot starts from and what it learned, for the next pilot on
 * the same excerpt under the same ceiling: the points (gain, limited
 * loudness) measured, and the excerpt's loudness at 0 dB without the
 * limiter where the caller knows it (NAN if not).  Points already known
 * are not measured again: a pilot for a target moved a little starts its
 * secant from the two nearest, and where one is on target it runs no
 * trial at all; the unlimited loudness stands in for the trial at 0 dB
 * as the secant's first point (it is no answer: the limiter may act at
 * 0 dB).  Where x is excerpts that each fade in from and out to
 * silence, cut may be set to a join between two of them near the middle:
 * each trial then runs the two sides on two threads at once, each
 * through its own limiter, and measures them as one stream (their
 * gating blocks pooled; the limiter starts afresh after the join).
 * Start from LOUDNESS_CURVE_INIT. */
enum { LOUDNESS_CURVE_MAX = 32 };
typedef struct loudness_curve {
	double unlimited;
	long cut;      /* 0: one thread, x as one stream */
	int n;
	double g[LOUDNESS_CURVE_MAX], l[LOUDNESS_CURVE_MAX];
} loudness_curve;
#define LOUDNESS_CURVE_INIT { .unlimited = NAN, .n = 0 }

/* loudness_pilot() that starts from *curve and adds the points it
 * measures to it (curve NULL: none known). */
int loudness_pilot_curve(const float *x, long n, audio_format fmt,
			 double target_lufs, double ceiling_dbtp,
			 loudness_curve *curve, double *gain_db,
			 double *slope);

/* The integrated loudness of x (n frames of fmt), as the meter gives
 * it.  0, CRIEUR_EEMPTY when all of it is gated out (*lufs -HUGE_VAL). */
int loudness_measure(const float *x, long n, audio_format fmt, double *lufs);

/* The gain that brings measured_lufs to target_lufs: target - measured.
 * CRIEUR_EEMPTY when measured is not finite (silence), CRIEUR_EINVAL
 * when the target is out of range or the gain would exceed +-60 dB. */
int loudness_plan(double measured_lufs, double target_lufs, double *gain_db);

/* The gain for pass 2, once the meter's stream has ended, corrected for
 * what the limiter takes away: the loss is interpolated between where the
 * limiter starts to act (the true peak as the trial limiter saw it) and
 * the two trials, then g + measured - loss(g) = target is solved.  The
 * meter needs loudness_meter_set_target(); it needs no LOUDNESS_TRUE_PEAK
 * (libebur128's true peak costs more than the trials).  On eSpeak speech
 * the result lands within 0.1 LU of the target (ffmpeg, see limiter.h).  Errors: those of
 * loudness_meter_result() and loudness_plan(); CRIEUR_EINVAL without a
 * target, or when the target cannot be reached under the ceiling. */
int loudness_plan_limited(audio_stage *meter, double *gain_db);

/* MP3 through LAME 3.100 (the project's writer, audio/encode_mp3.h): the
 * decoded file is 0.45 dB quieter than its input (a 1 kHz and a 100 Hz
 * sine, and speech: mono and stereo, 64 to 128 kbit/s, 44.1 and 48 kHz),
 * and coding noise lifts its true peak over the limited input's.  On
 * limited eSpeak speech at -16 LUFS, measured with ffmpeg, decoded true
 * peak minus (input true peak - 0.45 dB):
 *     64 kbit/s mono      +0.60 to +0.84 dB   (+1.7 dB with 17 dB of
 *                                              limiting: a +12 dB overload)
 *    128 kbit/s stereo    +0.1 to +0.3 dB
 *    128 kbit/s mono      -0.1 to +0.2 dB
 * So pass 1 and 2 aim at (target + 0.45) and at a ceiling of
 * (ceiling + 0.45 - margin), margin = 1.6 dB under 80 kbit/s per channel,
 * 0.6 dB under 112, else 0.4 (64 kbit/s mono: aim at -2.15 dBTP for a
 * -1 dBTP decoded ceiling).  Not enough on long bulletins at 64 kbit/s
 * mono: nine minutes of the sample statements decoded at -0.6 dBTP (the
 * codec lifted the limited peaks by 2.0 dB); a margin of 2.5 gave -1.2,
 * 3.0 gave -2.2 (and -1.0 over an hour), but 3.0 leaves a one-word
 * bulletin unable to reach -16 LUFS at all: the denser the limiting, the
 * more the codec overshoots.  LOUDNESS_MP3_GAIN_DB is that level
 * change. */
#define LOUDNESS_MP3_GAIN_DB (-0.45)

/* Turn the target and ceiling wanted in the decoded MP3 into the ones to
 * master to, for an MP3 of bitrate kbit/s (0: the writer's default, 64
 * mono or 128 stereo) and channels 1 or 2.  Never fails. */
void loudness_for_mp3(int bitrate, int channels, double *target_lufs,
		      double *ceiling_dbtp);

/* Ogg Opus through libopusenc 0.2 / libopus 1.3 (audio/encode_opus.h):
 * at speech bitrates the codec reshapes the waveform (SILK and hybrid
 * modes keep the spectrum, not the phase), so the decoded true peak rises
 * well over the limited input's, and the loudness drops a little.  On
 * this project's sample bulletin (speech, jingles, bed) mastered to -16
 * LUFS under -1 dBTP, measured with ffmpeg's ebur128:
 *     24 kbit/s mono     -16.4 LUFS  +1.8 dBTP   (2.8 dB over)
 *     32 kbit/s mono     -16.3 LUFS  +0.9 dBTP   (1.9 dB over)
 *     64 kbit/s stereo   -16.0 LUFS  -0.6 dBTP   (0.4 dB over)
 *    128 kbit/s stereo   -16.0 LUFS  -0.8 dBTP   (0.2 dB over)
 * The overshoot follows the whole stream's bitrate (the stereo 64 kbit/s
 * mix overshoots less than the mono 32 kbit/s speech).  So, by the total
 * bitrate: the target is raised by 0.2 dB up to 40 kbit/s, and the
 * ceiling lowered by a margin of 4.0 dB up to 24 kbit/s, 2.4 up to 40,
 * 0.8 up to 64, else 0.5.  With them (same bulletin, +0.3 dB then):
 * 24 mono -15.7 LUFS -1.0 dBTP, 32 mono -15.8 / -1.0, 64 stereo -16.0 /
 * -1.0, 128 stereo -16.0 / -1.2.  Never fails. */
void loudness_for_opus(int bitrate, int channels, double *target_lufs,
		       double *ceiling_dbtp);

#endif
