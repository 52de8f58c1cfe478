/* loudness.c - BS.1770 loudness meter stage, targets, plan, gain stage. */
#include "audio/loudness.h"
#include "audio/limiter.h"
#include "base/error.h"
#include "base/util.h"

#include <ebur128.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_GAIN_DB 60.0

/* ---- targets -------------------------------------------------------- */

/* Parse a number followed by nothing or by " unit" / "unit"
 * (case-insensitive); 1 if s is such a number. */
static int parse_number(const char *s, const char *unit, double *v)
{
	char *end;
	double x = strtod(s, &end);

	if (end == s || !isfinite(x))
		return 0;
	while (*end == ' ')
		end++;
	if (*end && strcasecmp(end, unit))
		return 0;
	*v = x;
	return 1;
}

int loudness_target_parse(const char *s, double *lufs)
{
	double v;

	if (!s)
		return err_set(CRIEUR_EINVAL, "loudness: no target given");
	if (!strcmp(s, "podcast"))
		v = LOUDNESS_PODCAST_LUFS;
	else if (!strcmp(s, "broadcast"))
		v = LOUDNESS_BROADCAST_LUFS;
	else if (!parse_number(s, "LUFS", &v))
		return err_set(CRIEUR_EINVAL, "loudness: bad target '%s': "
			       "expected podcast, broadcast or a LUFS number",
			       s);
	else if (v < LOUDNESS_TARGET_MIN || v > LOUDNESS_TARGET_MAX)
		return err_set(CRIEUR_EINVAL, "loudness: target '%s' is out "
			       "of range (%g to %g LUFS)", s,
			       LOUDNESS_TARGET_MIN, LOUDNESS_TARGET_MAX);
	*lufs = v;
	return 0;
}

int loudness_ceiling_parse(const char *s, double *dbtp)
{
	double v;

	if (!s || !parse_number(s, "dBTP", &v))
		return err_set(CRIEUR_EINVAL, "true peak: bad ceiling '%s': "
			       "expected a number of dBTP", s ? s : "");
	if (v < LOUDNESS_CEILING_MIN || v > LOUDNESS_CEILING_MAX)
		return err_set(CRIEUR_EINVAL, "true peak: ceiling '%s' is out "
			       "of range (%g to %g dBTP)", s,
			       LOUDNESS_CEILING_MIN, LOUDNESS_CEILING_MAX);
	*dbtp = v;
	return 0;
}

int loudness_plan(double measured_lufs, double target_lufs, double *gain_db)
{
	double g = target_lufs - measured_lufs;

	if (!isfinite(measured_lufs))
		return err_set(CRIEUR_EEMPTY, "loudness: the audio is silent "
			       "(all under the -70 LUFS gate): nothing to "
			       "normalize");
	if (!(target_lufs >= LOUDNESS_TARGET_MIN &&
	      target_lufs <= LOUDNESS_TARGET_MAX))
		return err_set(CRIEUR_EINVAL, "loudness: target %g LUFS is out "
			       "of range (%g to %g)", target_lufs,
			       LOUDNESS_TARGET_MIN, LOUDNESS_TARGET_MAX);
	if (fabs(g) > MAX_GAIN_DB)
		return err_set(CRIEUR_EINVAL, "loudness: %.1f LUFS is too far "
			       "from the target %g LUFS (gain %+.1f dB)",
			       measured_lufs, target_lufs, g);
	*gain_db = g;
	return 0;
}

/* ---- gain ----------------------------------------------------------- */

struct gain {
	audio_stage base;
	audio_stage *src;
	float g;
};

static long gain_read(audio_stage *self, float *buf, long frames)
{
	struct gain *g = (struct gain *)self;
	long got = stage_read(g->src, buf, frames);

	for (long i = 0; i < got * self->fmt.channels; i++)
		buf[i] *= g->g;
	return got;
}

static void gain_free(audio_stage *self)
{
	stage_free(((struct gain *)self)->src);
	free(self);
}

audio_stage *gain_new(audio_stage *src, double gain_db)
{
	struct gain *g;

	if (!(fabs(gain_db) <= MAX_GAIN_DB)) {
		err_set(CRIEUR_EINVAL, "gain: %g dB is out of range (-%g to "
			"+%g)", gain_db, MAX_GAIN_DB, MAX_GAIN_DB);
		stage_free(src);
		return NULL;
	}
	if (gain_db == 0)
		return src;
	g = xcalloc(1, sizeof(*g));
	g->base.fmt = src->fmt;
	g->base.read = gain_read;
	g->base.free = gain_free;
	g->src = src;
	g->g = (float)pow(10, gain_db / 20);
	return &g->base;
}

/* ---- meter ---------------------------------------------------------- */

struct meter {
	audio_stage base;
	audio_stage *src;
	ebur128_state *st;
	int flags;
	int ended, errored;
};

static long meter_read(audio_stage *self, float *buf, long frames)
{
	struct meter *m = (struct meter *)self;
	long got = stage_read(m->src, buf, frames);

	if (got < 0)
		return got;
	if (got > 0 &&
	    ebur128_add_frames_float(m->st, buf, (size_t)got) != EBUR128_SUCCESS)
		return err_set(CRIEUR_ENOMEM, "loudness meter: libebur128 "
			       "failed");
	if (got < frames)
		m->ended = 1;
	return got;
}

static void meter_free(audio_stage *self)
{
	struct meter *m = (struct meter *)self;

	stage_free(m->src);
	ebur128_destroy(&m->st);
	free(m);
}

audio_stage *loudness_meter_new(audio_stage *src, int flags)
{
	struct meter *m;
	int mode = EBUR128_MODE_I;

	if (flags & ~LOUDNESS_TRUE_PEAK || src->fmt.channels < 1 ||
	    src->fmt.channels > 8 || src->fmt.rate < 8000) {
		err_set(CRIEUR_EINVAL, "loudness meter: unsupported flags or "
			"format (%d Hz, %d channels)", src->fmt.rate,
			src->fmt.channels);
		stage_free(src);
		return NULL;
	}
	if (flags & LOUDNESS_TRUE_PEAK)
		mode |= EBUR128_MODE_TRUE_PEAK;
	m = xcalloc(1, sizeof(*m));
	m->st = ebur128_init((unsigned)src->fmt.channels,
			     (unsigned long)src->fmt.rate, mode);
	if (!m->st) {
		err_set(CRIEUR_EINVAL, "loudness meter: libebur128 cannot "
			"measure %d Hz, %d channels", src->fmt.rate,
			src->fmt.channels);
		stage_free(src);
		free(m);
		return NULL;
	}
	m->base.fmt = src->fmt;
	m->base.read = meter_read;
	m->base.free = meter_free;
	m->src = src;
	m->flags = flags;
	return &m->base;
}

/* The largest true peak over the channels, linear; 0 if not measured. */
static double meter_true_peak(struct meter *m)
{
	double peak = 0;

	if (!(m->flags & LOUDNESS_TRUE_PEAK))
		return 0;
	for (unsigned c = 0; c < (unsigned)m->base.fmt.channels; c++) {
		double p;

		if (ebur128_true_peak(m->st, c, &p) == EBUR128_SUCCESS &&
		    p > peak)
			peak = p;
	}
	return peak;
}

int loudness_meter_result(audio_stage *meter, double *lufs,
			  double *true_peak_dbtp)
{
	struct meter *m = (struct meter *)meter;
	double l = -HUGE_VAL, peak;

	if (!meter || meter->read != meter_read)
		return err_set(CRIEUR_EINVAL, "internal: loudness result asked "
			       "of a stage that is not a meter");
	if (!m->ended)
		return err_set(CRIEUR_EINVAL, "internal: loudness result asked "
			       "before the end of the stream");
	peak = meter_true_peak(m);
	if (true_peak_dbtp)
		*true_peak_dbtp = peak > 0 ? 20 * log10(peak) : -HUGE_VAL;
	if (ebur128_loudness_global(m->st, &l) != EBUR128_SUCCESS ||
	    !isfinite(l)) {
		if (lufs)
			*lufs = -HUGE_VAL;
		return err_set(CRIEUR_EEMPTY, "loudness: the audio is silent "
			       "(all under the -70 LUFS gate)");
	}
	if (lufs)
		*lufs = l;
	return 0;
}
