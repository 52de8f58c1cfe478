/* loudness.h - loudness measurement (ITU-R BS.1770 / EBU R128 through
 * libebur128), loudness targets, and a gain stage.
 *
 * Mastering takes two passes over the mix, so memory stays bounded in the
 * bulletin's length (the mix is rendered twice; synthesis is cheap):
 *
 *   pass 1  m = loudness_meter_new(mix, LOUDNESS_TRUE_PEAK);
 *           read m to its end (or audio_pump it into a null sink);
 *           loudness_meter_result(m, &measured, &tp);  stage_free(m);
 *   plan    loudness_plan(measured, target, &gain_db);
 *   pass 2  out = limiter_new(gain_new(mix2, gain_db), ceiling,
 *                             LIMITER_LOOKAHEAD_MS, LIMITER_RELEASE_MS);
 *           audio_pump(out, encoder, NULL);
 *
 * The limiter (audio/limiter.h) lowers the loudness a little where it acts:
 * on eSpeak speech brought to -16 LUFS (podcast) it removes about
 * 0.3-0.6 LU.  loudness_meter_new() can therefore run a trial limiter in
 * pass 1 (see loudness_meter_set_trial()) so that loudness_plan_limited()
 * returns a gain that lands within about 0.1 LU of the target.  See
 * limiter.h for the figures measured with ffmpeg. */
#ifndef CRIEUR_LOUDNESS_H
#define CRIEUR_LOUDNESS_H

#include "audio/stage.h"

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
 * Returns NULL on failure (bad flags or format, libebur128 refused),
 * with src freed and a detail recorded (CRIEUR_EINVAL). */
audio_stage *loudness_meter_new(audio_stage *src, int flags);

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

/* Ask the meter to also run, beside the measurement, a trial chain
 * limiter(gain(x, trial_gain_db), ceiling_dbtp) whose output it measures
 * too (the output of the meter itself is unchanged).  Call it before the
 * first read.  trial_gain_db is a first approximation of the final gain
 * (e.g. target - the voice's nominal loudness); loudness_plan_limited()
 * uses the result.  0, or CRIEUR_EINVAL (not a meter, already reading,
 * values out of range). */
int loudness_meter_set_trial(audio_stage *meter, double trial_gain_db,
			     double ceiling_dbtp);

/* The gain that brings measured_lufs to target_lufs: target - measured.
 * CRIEUR_EEMPTY when measured is not finite (silence), CRIEUR_EINVAL
 * when the target is out of range or the gain would exceed +-60 dB. */
int loudness_plan(double measured_lufs, double target_lufs, double *gain_db);

/* Like loudness_plan(), corrected for the loudness the limiter will take
 * away, from the meter's trial (loudness_meter_set_trial()).  Without a
 * trial it is loudness_plan().  Same errors as loudness_meter_result()
 * and loudness_plan(). */
int loudness_plan_limited(audio_stage *meter, double target_lufs,
			  double *gain_db);

/* A stage that multiplies src by 10^(gain_db/20).  Takes ownership of
 * src; returns src itself when gain_db is 0.  gain_db must be finite and
 * within +-60 dB: otherwise NULL, src freed, CRIEUR_EINVAL recorded.  The
 * output is not clipped: follow it with a limiter. */
audio_stage *gain_new(audio_stage *src, double gain_db);

#endif
