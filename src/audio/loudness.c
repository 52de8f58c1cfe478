/* loudness.c - BS.1770 loudness meter stage, trials, targets, plan, pilot. */
#include "audio/loudness.h"
#include "audio/gain.h"
#include "audio/limiter.h"
#include "base/error.h"
#include "base/thread.h"
#include "base/util.h"

#include <ebur128.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>
#include <time.h>

/* How near the pilot aims, and how near it must come, to its target. */
#define PILOT_AIM_LU 0.02
#define PILOT_REACH_LU 0.3
/* Two points of the pilot this near the target are as good: the lower
 * gain is taken. */
#define PILOT_TIE_LU 0.05
/* Trial runs of the pilot's secant at most. */
#define PILOT_TRIES 8

/* The one error of every measurement that found nothing over the
 * gate: the audio is silent. */
static int silent_error(void)
{
	return err_set(CRIEUR_EEMPTY, "loudness: the audio is silent (all "
		       "under the -70 LUFS gate): nothing to normalize");
}

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
		return silent_error();
	if (!(target_lufs >= LOUDNESS_TARGET_MIN &&
	      target_lufs <= LOUDNESS_TARGET_MAX))
		return err_set(CRIEUR_EINVAL, "loudness: target %g LUFS is out "
			       "of range (%g to %g)", target_lufs,
			       LOUDNESS_TARGET_MIN, LOUDNESS_TARGET_MAX);
	if (fabs(g) > GAIN_MAX_DB)
		return err_set(CRIEUR_EINVAL, "loudness: %.1f LUFS is too far "
			       "from the target %g LUFS (gain %+.1f dB)",
			       measured_lufs, target_lufs, g);
	*gain_db = g;
	return 0;
}

void loudness_for_mp3(int bitrate, int channels, double *target_lufs,
		      double *ceiling_dbtp)
{
	int per_channel;
	double margin;

	channels = channels == 2 ? 2 : 1;
	if (bitrate <= 0)
		bitrate = channels == 1 ? 64 : 128;
	per_channel = bitrate / channels;
	margin = per_channel < 80 ? 1.6 : per_channel < 112 ? 0.6 : 0.4;
	*target_lufs -= LOUDNESS_MP3_GAIN_DB;
	*ceiling_dbtp += -LOUDNESS_MP3_GAIN_DB - margin;
	if (*ceiling_dbtp > LOUDNESS_CEILING_MAX)
		*ceiling_dbtp = LOUDNESS_CEILING_MAX;
}

void loudness_for_opus(int bitrate, int channels, double *target_lufs,
		       double *ceiling_dbtp)
{
	int total = bitrate > 0 ? bitrate : 32 * (channels == 2 ? 2 : 1);

	if (total <= 40)
		*target_lufs += 0.2;
	*ceiling_dbtp -= total <= 24 ? 4.0 : total <= 40 ? 2.4 :
			 total <= 64 ? 0.8 : 0.5;
}

/* ---- meter ---------------------------------------------------------- */

enum {
	TRIAL_PRIME_S = 10,   /* seconds buffered to estimate the trial gain */
	TRIAL_BLOCK = 1024,   /* frames limited at a time in a trial */
};
#define TRIAL_STEP_DB 3.0     /* the second trial's gain over the first */

/* A trial: limiter(gain(x)) measured, to learn what the limiter costs;
 * the limiter's first `skip` output frames are not measured. */
struct trial {
	limiter_core *core;
	ebur128_state *st;
	float gain;
	double gain_db, lufs;
	long long skip;
};

struct meter {
	audio_stage base;
	audio_stage *src;
	ebur128_state *st;
	int flags;
	int ended, reading;
	/* trial (loudness_meter_set_target) */
	int has_target, trials_running;
	double target, ceiling;
	float *prime, *work;          /* first TRIAL_PRIME_S s; a block */
	long prime_len, prime_cap;
	struct trial trial[2];
	/* the second trial runs on its own thread, beside the first */
	pthread_t helper;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int helper_up, quit;
	const float *job;             /* frames for trial[1], or NULL: idle */
	long job_n;
	int job_err;
	float *work2;                 /* trial[1]'s block */
};

/* Run n frames of x (NULL: silence) through a trial and measure them. */
static int trial_feed(struct trial *t, float *work, const float *x, long n,
		      int ch)
{
	while (n > 0) {
		long k = n < TRIAL_BLOCK ? n : TRIAL_BLOCK;
		long skip = t->skip < k ? (long)t->skip : k;

		for (long i = 0; i < k * ch; i++)
			work[i] = x ? x[i] * t->gain : 0;
		limiter_core_run(t->core, work, work, k);
		t->skip -= skip;
		if (skip < k &&
		    ebur128_add_frames_float(t->st, work + skip * ch,
					     (size_t)(k - skip)) !=
		    EBUR128_SUCCESS)
			return err_set(CRIEUR_ENOMEM, "loudness meter: "
				       "libebur128 failed");
		if (x)
			x += k * ch;
		n -= k;
	}
	return 0;
}

/* The helper thread: feed trial[1] each block it is given. */
static void *trial_helper(void *arg)
{
	struct meter *m = arg;

	pthread_mutex_lock(&m->lock);
	for (;;) {
		while (!m->job && !m->quit)
			pthread_cond_wait(&m->cond, &m->lock);
		if (m->quit)
			break;
		pthread_mutex_unlock(&m->lock);
		int err = trial_feed(&m->trial[1], m->work2, m->job, m->job_n,
				     m->base.fmt.channels);
		pthread_mutex_lock(&m->lock);
		m->job_err = err;
		m->job = NULL;
		pthread_cond_broadcast(&m->cond);
	}
	pthread_mutex_unlock(&m->lock);
	return NULL;
}

/* Feed both trials n frames of x, the second on the helper thread (or
 * here when there is none). */
static int trials_feed_both(struct meter *m, const float *x, long n)
{
	int ch = m->base.fmt.channels, err, err2;

	if (!m->helper_up) {
		err = trial_feed(&m->trial[0], m->work, x, n, ch);
		return err ? err : trial_feed(&m->trial[1], m->work, x, n, ch);
	}
	pthread_mutex_lock(&m->lock);
	m->job = x;
	m->job_n = n;
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->lock);
	err = trial_feed(&m->trial[0], m->work, x, n, ch);
	pthread_mutex_lock(&m->lock);
	while (m->job)
		pthread_cond_wait(&m->cond, &m->lock);
	err2 = m->job_err;
	pthread_mutex_unlock(&m->lock);
	return err ? err : err2;
}

/* Start the trials once the prime buffer is full (or the stream ended):
 * the first at the gain the buffered audio asks for, the second 3 dB
 * above; feed them the buffer. */
static int trials_start(struct meter *m)
{
	audio_format fmt = m->base.fmt;
	double l = -HUGE_VAL, g;
	int err = 0;

	ebur128_loudness_global(m->st, &l);
	g = isfinite(l) ? m->target - l : 0;
	g = g > GAIN_MAX_DB - TRIAL_STEP_DB ? GAIN_MAX_DB - TRIAL_STEP_DB :
	    g < -GAIN_MAX_DB ? -GAIN_MAX_DB : g;
	for (int i = 0; i < 2 && !err; i++) {
		struct trial *t = &m->trial[i];

		t->gain_db = g + i * TRIAL_STEP_DB;
		t->gain = (float)pow(10, t->gain_db / 20);
		limiter_core_new(&t->core, fmt, m->ceiling,
				 LIMITER_LOOKAHEAD_MS, LIMITER_RELEASE_MS);
		t->st = ebur128_init((unsigned)fmt.channels,
				     (unsigned long)fmt.rate, EBUR128_MODE_I);
		if (!t->core || !t->st)
			return err_set(CRIEUR_ENOMEM, "loudness meter: cannot "
				       "set up the trial");
		err = trial_feed(t, m->work, m->prime, m->prime_len,
				 fmt.channels);
	}
	free(m->prime);
	m->prime = NULL;
	m->trials_running = 1;
	if (!err) {
		m->work2 = xcalloc((size_t)TRIAL_BLOCK * (size_t)fmt.channels,
				   sizeof(float));
		pthread_mutex_init(&m->lock, NULL);
		pthread_cond_init(&m->cond, NULL);
		m->helper_up = !thread_start_beside(&m->helper, trial_helper,
						    m);
		if (!m->helper_up) {
			pthread_mutex_destroy(&m->lock);
			pthread_cond_destroy(&m->cond);
		}
	}
	return err;
}

/* Flush the trials' limiters and read their loudness. */
static int trials_finish(struct meter *m)
{
	for (int i = 0; i < 2; i++) {
		struct trial *t = &m->trial[i];
		int err = trial_feed(t, m->work, NULL,
				     limiter_core_latency(t->core),
				     m->base.fmt.channels);

		if (err)
			return err;
		t->lufs = -HUGE_VAL;
		ebur128_loudness_global(t->st, &t->lufs);
	}
	return 0;
}

/* Pass n frames to the trials: into the prime buffer first, then on. */
static int trials_push(struct meter *m, const float *x, long n)
{
	int ch = m->base.fmt.channels, err = 0;

	if (!m->trials_running) {
		long k = m->prime_cap - m->prime_len < n ?
			 m->prime_cap - m->prime_len : n;

		memcpy(m->prime + m->prime_len * ch, x,
		       (size_t)(k * ch) * sizeof(float));
		m->prime_len += k;
		x += k * ch;
		n -= k;
		if (m->prime_len == m->prime_cap || m->ended)
			err = trials_start(m);
	}
	if (!err && n > 0)
		err = trials_feed_both(m, x, n);
	if (!err && m->ended)
		err = trials_finish(m);
	return err;
}

static long meter_read(audio_stage *self, float *buf, long frames)
{
	struct meter *m = (struct meter *)self;
	long got;
	int err;

	if (m->ended)
		return 0;
	m->reading = 1;
	if ((got = stage_read(m->src, buf, frames)) < 0)
		return got;
	if (got > 0 &&
	    ebur128_add_frames_float(m->st, buf, (size_t)got) != EBUR128_SUCCESS)
		return err_set(CRIEUR_ENOMEM, "loudness meter: libebur128 "
			       "failed");
	if (got < frames)
		m->ended = 1;
	if (m->has_target && (err = trials_push(m, buf, got)))
		return err;
	return got;
}

static void meter_free(audio_stage *self)
{
	struct meter *m = (struct meter *)self;

	if (m->helper_up) {
		pthread_mutex_lock(&m->lock);
		m->quit = 1;
		pthread_cond_broadcast(&m->cond);
		pthread_mutex_unlock(&m->lock);
		pthread_join(m->helper, NULL);
		pthread_mutex_destroy(&m->lock);
		pthread_cond_destroy(&m->cond);
	}
	free(m->work2);
	stage_free(m->src);
	ebur128_destroy(&m->st);
	for (int i = 0; i < 2; i++) {
		limiter_core_free(m->trial[i].core);
		if (m->trial[i].st)
			ebur128_destroy(&m->trial[i].st);
	}
	free(m->prime);
	free(m->work);
	free(m);
}
int loudness_meter_new(audio_stage **out, audio_stage *src, int flags)
{
	struct meter *m;
	int mode = EBUR128_MODE_I, err;

	*out = NULL;
	if (flags & ~LOUDNESS_TRUE_PEAK || src->fmt.channels < 1 ||
	    src->fmt.channels > 8 || src->fmt.rate < 8000) {
		err = err_set(CRIEUR_EINVAL, "loudness meter: unsupported "
			      "flags or format (%d Hz, %d channels)",
			      src->fmt.rate, src->fmt.channels);
		stage_free(src);
		return err;
	}
	if (flags & LOUDNESS_TRUE_PEAK)
		mode |= EBUR128_MODE_TRUE_PEAK;
	m = xcalloc(1, sizeof(*m));
	m->st = ebur128_init((unsigned)src->fmt.channels,
			     (unsigned long)src->fmt.rate, mode);
	if (!m->st) {
		err = err_set(CRIEUR_EINVAL, "loudness meter: libebur128 "
			      "cannot measure %d Hz, %d channels",
			      src->fmt.rate, src->fmt.channels);
		stage_free(src);
		free(m);
		return err;
	}
	m->base.fmt = src->fmt;
	m->base.read = meter_read;
	m->base.free = meter_free;
	m->src = src;
	m->flags = flags;
	*out = &m->base;
	return 0;
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
		return silent_error();
	}
	if (lufs)
		*lufs = l;
	return 0;
}

int loudness_meter_set_target(audio_stage *meter, double target_lufs,
			      double ceiling_dbtp)
{
	struct meter *m = (struct meter *)meter;
	int ch;

	if (!meter || meter->read != meter_read || m->reading)
		return err_set(CRIEUR_EINVAL, "internal: loudness target set "
			       "on a stage that is not a fresh meter");
	if (!(target_lufs >= LOUDNESS_TARGET_MIN &&
	      target_lufs <= LOUDNESS_TARGET_MAX) ||
	    !(ceiling_dbtp >= LOUDNESS_CEILING_MIN &&
	      ceiling_dbtp <= LOUDNESS_CEILING_MAX))
		return err_set(CRIEUR_EINVAL, "loudness: target %g LUFS or "
			       "ceiling %g dBTP out of range", target_lufs,
			       ceiling_dbtp);
	ch = meter->fmt.channels;
	m->has_target = 1;
	m->target = target_lufs;
	m->ceiling = ceiling_dbtp;
	m->prime_cap = (long)TRIAL_PRIME_S * meter->fmt.rate;
	free(m->prime);
	free(m->work);
	m->prime = xcalloc((size_t)m->prime_cap * (size_t)ch, sizeof(float));
	m->work = xcalloc((size_t)TRIAL_BLOCK * (size_t)ch, sizeof(float));
	return 0;
}

/* What the limiter takes away at gain g, interpolated from the points
 * (gain, loss) sorted by gain: piecewise linear, extended linearly past
 * both ends, never negative. */
static double loss_at(const double (*pt)[2], int n, double g)
{
	int i = 0;
	double slope, v;

	while (i < n - 2 && g > pt[i + 1][0])
		i++;
	slope = pt[i + 1][0] > pt[i][0] ?
		(pt[i + 1][1] - pt[i][1]) / (pt[i + 1][0] - pt[i][0]) : 0;
	v = pt[i][1] + slope * (g - pt[i][0]);
	return v > 0 ? v : 0;
}

/* The gain g at which g + measured - loss(g) = target (bisection: the
 * left side grows with g as long as the loss grows slower than g). */
static int solve_gain(const double (*pt)[2], int n, double measured,
		      double target, double *gain_db)
{
	double lo = target - measured, hi = lo + 30;

	if (hi + measured - loss_at(pt, n, hi) < target)
		return err_set(CRIEUR_EINVAL, "loudness: %g LUFS is out of "
			       "reach under the true-peak ceiling", target);
	for (int i = 0; i < 60; i++) {
		double mid = (lo + hi) / 2;

		if (mid + measured - loss_at(pt, n, mid) < target)
			lo = mid;
		else
			hi = mid;
	}
	*gain_db = hi;
	return 0;
}

int loudness_plan_limited(audio_stage *meter, double *gain_db)
{
	struct meter *m = (struct meter *)meter;
	double measured, peak, pt[3][2];
	int err, n = 0;

	if ((err = loudness_meter_result(meter, &measured, NULL)))
		return err;
	if (!m->has_target)
		return err_set(CRIEUR_EINVAL, "internal: loudness plan asked "
			       "of a meter without a target");
	if ((err = loudness_plan(measured, m->target, gain_db)))
		return err;
	for (int i = 0; i < 2; i++)
		if (!isfinite(m->trial[i].lufs))
			return 0;   /* nothing measurable: no correction */
	peak = limiter_core_peak_db(m->trial[0].core) - m->trial[0].gain_db;
	if (isfinite(peak) &&     /* where the limiter starts to act */
	    m->ceiling - LIMITER_MARGIN_DB - peak < m->trial[0].gain_db) {
		pt[n][0] = m->ceiling - LIMITER_MARGIN_DB - peak;
		pt[n++][1] = 0;
	}
	for (int i = 0; i < 2; i++, n++) {
		pt[n][0] = m->trial[i].gain_db;
		pt[n][1] = measured + m->trial[i].gain_db - m->trial[i].lufs;
	}
	if ((err = solve_gain((const double (*)[2])pt, n, measured,
			      m->target, gain_db)))
		return err;
	if (*gain_db > GAIN_MAX_DB)
		return err_set(CRIEUR_EINVAL, "loudness: %.1f LUFS is too far "
			       "from the target %g LUFS (gain %+.1f dB)",
			       measured, m->target, *gain_db);
	return 0;
}

/* ---- one trial, as a stage ------------------------------------------ */

struct trial_stage {
	audio_stage base;
	audio_stage *src;
	struct trial t;
	float *work;
	int ended;
};

static long trial_read(audio_stage *self, float *buf, long frames)
{
	struct trial_stage *s = (struct trial_stage *)self;
	int ch = self->fmt.channels, err;
	long got;

	if (s->ended)
		return 0;
	if ((got = stage_read(s->src, buf, frames)) < 0)
		return got;
	if ((err = trial_feed(&s->t, s->work, buf, got, ch)))
		return err;
	if (got < frames) {   /* the end: flush the limiter, measure */
		s->ended = 1;
		if ((err = trial_feed(&s->t, s->work, NULL,
				      limiter_core_latency(s->t.core), ch)))
			return err;
		s->t.lufs = -HUGE_VAL;
		ebur128_loudness_global(s->t.st, &s->t.lufs);
	}
	return got;
}

static void trial_free(audio_stage *self)
{
	struct trial_stage *s = (struct trial_stage *)self;

	stage_free(s->src);
	limiter_core_free(s->t.core);
	if (s->t.st)
		ebur128_destroy(&s->t.st);
	free(s->work);
	free(s);
}

int loudness_trial_new(audio_stage **out, audio_stage *src, double gain_db,
		       double ceiling_dbtp, long long skip)
{
	struct trial_stage *s;
	int err;

	*out = NULL;
	if ((err = gain_range_check(gain_db, src)))
		return err;
	s = xcalloc(1, sizeof(*s));
	s->base.fmt = src->fmt;
	s->base.read = trial_read;
	s->base.free = trial_free;
	s->src = src;
	s->t.gain_db = gain_db;
	s->t.gain = (float)pow(10, gain_db / 20);
	limiter_core_new(&s->t.core, src->fmt, ceiling_dbtp,
			 LIMITER_LOOKAHEAD_MS, LIMITER_RELEASE_MS);
	s->t.st = ebur128_init((unsigned)src->fmt.channels,
			       (unsigned long)src->fmt.rate, EBUR128_MODE_I);
	s->work = xcalloc((size_t)TRIAL_BLOCK * (size_t)src->fmt.channels,
			  sizeof(float));
	if (s->t.core)   /* output frame i is input frame i - latency */
		s->t.skip = (skip > 0 ? skip : 0) + limiter_core_latency(s->t.core);
	if (!s->t.core || !s->t.st) {
		audio_format fmt = src->fmt;

		trial_free(&s->base);   /* and src */
		return err_set(CRIEUR_EINVAL, "loudness trial: cannot measure "
			       "%d Hz, %d channels", fmt.rate, fmt.channels);
	}
	*out = &s->base;
	return 0;
}

int loudness_trial_result(audio_stage *trial, double *lufs)
{
	struct trial_stage *s = (struct trial_stage *)trial;

	if (!trial || trial->read != trial_read || !s->ended)
		return err_set(CRIEUR_EINVAL, "internal: trial result asked of "
			       "a stage that is not an ended trial");
	*lufs = s->t.lufs;
	if (!isfinite(s->t.lufs))
		return silent_error();
	return 0;
}

/* The integrated loudness of two measurements as one (libebur128 pools
 * their gating blocks). */
static int joint_lufs(ebur128_state *a, ebur128_state *b, double *lufs)
{
	ebur128_state *st[2] = { a, b };

	*lufs = -HUGE_VAL;
	if (ebur128_loudness_global_multiple(st, 2, lufs) != EBUR128_SUCCESS ||
	    !isfinite(*lufs)) {
		*lufs = -HUGE_VAL;
		return silent_error();
	}
	return 0;
}

/* ---- the head of a stream, measured for a trial of the rest ---------- */

struct head {
	audio_stage base;
	audio_stage *src;
	ebur128_state *st;
	long long left;            /* frames still to measure */
	pthread_mutex_t lock;
	pthread_cond_t done_cv;
	int done;
};

/* The head is measured (or its stream ended before): say so. */
static void head_done(struct head *h)
{
	pthread_mutex_lock(&h->lock);
	h->done = 1;
	pthread_cond_broadcast(&h->done_cv);
	pthread_mutex_unlock(&h->lock);
}

/* A read that crosses the head's end is two reads, so that the head is
 * done before anything past it is asked of src. */
static long head_read(audio_stage *self, float *buf, long frames)
{
	struct head *h = (struct head *)self;
	long n = h->left > 0 && h->left < frames ? (long)h->left : frames;
	long got = stage_read(h->src, buf, n), more;

	if (got < 0 || h->left <= 0)
		return got;
	if (got > 0 && ebur128_add_frames_float(h->st, buf, (size_t)got) !=
	    EBUR128_SUCCESS)
		return err_set(CRIEUR_ENOMEM, "loudness meter: libebur128 "
			       "failed");
	h->left -= got;
	if (h->left <= 0 || got < n) {
		h->left = 0;
		head_done(h);
	}
	if (got == n && n < frames) {
		if ((more = stage_read(h->src, buf + got * self->fmt.channels,
				       frames - n)) < 0)
			return more;
		got += more;
	}
	return got;
}

static void head_free(audio_stage *self)
{
	struct head *h = (struct head *)self;

	stage_free(h->src);
	if (h->st)
		ebur128_destroy(&h->st);
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->done_cv);
	free(h);
}

int loudness_head_new(audio_stage **out, audio_stage *src, long long frames)
{
	struct head *h = xcalloc(1, sizeof(*h));

	*out = NULL;
	h->base.fmt = src->fmt;
	h->base.read = head_read;
	h->base.free = head_free;
	h->src = src;
	h->left = frames;
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->done_cv, NULL);
	h->st = ebur128_init((unsigned)src->fmt.channels,
			     (unsigned long)src->fmt.rate, EBUR128_MODE_I);
	if (!h->st || frames < 0) {
		audio_format fmt = src->fmt;

		head_free(&h->base);   /* and src */
		return err_set(CRIEUR_EINVAL, "loudness: cannot measure %lld "
			       "frames at %d Hz, %d channels", frames,
			       fmt.rate, fmt.channels);
	}
	if (!frames)
		h->done = 1;
	*out = &h->base;
	return 0;
}

int loudness_head_wait(audio_stage *head, const atomic_int *stop)
{
	struct head *h = (struct head *)head;
	int done;

	if (!head || head->read != head_read)
		return err_set(CRIEUR_EINVAL, "internal: waiting on a stage "
			       "that is not a loudness head");
	pthread_mutex_lock(&h->lock);
	while (!(done = h->done) && !atomic_load(stop) && !crieur_interrupted)
		thread_cond_wait_ms(&h->done_cv, &h->lock, 50);
	pthread_mutex_unlock(&h->lock);
	return done ? 0 : err_set(CRIEUR_EINTR, "interrupted");
}

int loudness_trial_result_with(audio_stage *trial, audio_stage *head,
			       double *lufs)
{
	struct trial_stage *s = (struct trial_stage *)trial;
	struct head *h = (struct head *)head;
	int done = 0;

	if (head && head->read == head_read) {
		pthread_mutex_lock(&h->lock);
		done = h->done;
		pthread_mutex_unlock(&h->lock);
	}
	if (!trial || trial->read != trial_read || !s->ended || !done)
		return err_set(CRIEUR_EINVAL, "internal: joint loudness asked "
			       "of an unfinished trial or head");
	return joint_lufs(h->st, s->t.st, lufs);
}

/* ---- pilot ---------------------------------------------------------- */

/* One run of a trial limiter and meter over n frames of x at gain g, the
 * limiter flushed at the end; st is kept for the loudness. */
struct limited_run {
	const float *x;
	long n;
	audio_format fmt;
	double g, ceiling;
	ebur128_state *st;
	int err;
};

static void *limited_run(void *arg)
{
	struct limited_run *r = arg;
	limiter_core *core;
	int core_err = limiter_core_new(&core, r->fmt, r->ceiling,
					LIMITER_LOOKAHEAD_MS,
					LIMITER_RELEASE_MS);
	float *work = xcalloc((size_t)TRIAL_BLOCK * (size_t)r->fmt.channels,
			      sizeof(float));
	struct trial t = { core, NULL, (float)pow(10, r->g / 20), r->g, 0, 0 };

	r->st = t.st = ebur128_init((unsigned)r->fmt.channels,
				    (unsigned long)r->fmt.rate, EBUR128_MODE_I);
	r->err = !core_err && r->st ? 0 : err_set(CRIEUR_ENOMEM, "loudness "
						  "pilot: cannot set up a trial");
	if (!r->err)
		r->err = trial_feed(&t, work, r->x, r->n, r->fmt.channels);
	if (!r->err)
		r->err = trial_feed(&t, work, NULL, limiter_core_latency(core),
				    r->fmt.channels);
	free(work);
	if (!core_err)
		limiter_core_free(core);
	return NULL;
}

/* The integrated loudness of limiter(x * 10^(g/20)): x is n frames of
 * fmt; -HUGE_VAL when all of it is gated out.  With a cut (0 < cut < n,
 * a join between excerpts that fade to silence), x[0, cut) and x[cut, n)
 * run on two threads, each through its own limiter, and are measured as
 * one stream: half the wait, while the other cores have nothing to do
 * (the pilot comes before the mix and the encoders can start).  The
 * second starts on another CPU (thread_start_beside()): started as
 * usual, the two halves often shared one. */
static int limited_lufs(const float *x, long n, audio_format fmt, double g,
			double ceiling, long cut, double *lufs)
{
	struct limited_run a = { x, n, fmt, g, ceiling, NULL, 0 }, b = a;
	pthread_t th;
	int two = cut > 0 && cut < n && thread_cpus() > 1, err;

	if (two) {
		a.n = cut;
		b.x = x + cut * fmt.channels;
		b.n = n - cut;
		two = !thread_start_beside(&th, limited_run, &b);
		if (!two)
			a.n = n;
	}
	limited_run(&a);
	if (two)
		pthread_join(th, NULL);
	err = a.err ? a.err : two ? b.err : 0;
	*lufs = -HUGE_VAL;
	if (!err && two) {
		ebur128_state *st[2] = { a.st, b.st };

		if (ebur128_loudness_global_multiple(st, 2, lufs) !=
		    EBUR128_SUCCESS)
			*lufs = -HUGE_VAL;
	} else if (!err) {
		ebur128_loudness_global(a.st, lufs);
	}
	if (a.st)
		ebur128_destroy(&a.st);
	if (b.st)
		ebur128_destroy(&b.st);
	return err;
}

int loudness_measure(const float *x, long n, audio_format fmt, double *lufs)
{
	ebur128_state *st = ebur128_init((unsigned)fmt.channels,
					 (unsigned long)fmt.rate,
					 EBUR128_MODE_I);

	*lufs = -HUGE_VAL;
	if (!st)
		return err_set(CRIEUR_EINVAL, "loudness: cannot measure %d Hz, "
			       "%d channels", fmt.rate, fmt.channels);
	if (ebur128_add_frames_float(st, x, (size_t)n) != EBUR128_SUCCESS ||
	    ebur128_loudness_global(st, lufs) != EBUR128_SUCCESS) {
		ebur128_destroy(&st);
		return err_set(CRIEUR_ENOMEM, "loudness: measuring failed");
	}
	ebur128_destroy(&st);
	return isfinite(*lufs) ? 0 : silent_error();
}

/* One gain the pilot tried and the limited loudness it measured. */
struct pilot_point {
	double g, l;
};

static int pilot_point_cmp(const void *a, const void *b)
{
	double d = ((const struct pilot_point *)a)->g -
		   ((const struct pilot_point *)b)->g;

	return (d > 0) - (d < 0);
}

/* Whether point p is a better answer for target than q: on target
 * (PILOT_AIM_LU) when q is not, else nearer, or as near (PILOT_TIE_LU)
 * at a lower gain. */
static int pilot_nearer(struct pilot_point p, struct pilot_point q,
			double target)
{
	double dp = fabs(p.l - target), dq = fabs(q.l - target);

	if ((dp < PILOT_AIM_LU) != (dq < PILOT_AIM_LU))
		return dp < PILOT_AIM_LU;
	return dp < dq - PILOT_TIE_LU || (dp < dq + PILOT_TIE_LU && p.g < q.g);
}

/* The answer among the n points tried: the nearest to the target on
 * the rising branch of L(g), the points up to where the loudness first
 * falls as the gain grows, if it comes within PILOT_REACH_LU; else the
 * nearest of all.  Sorts pt. */
static struct pilot_point pilot_choose(struct pilot_point *pt, int n,
				       double target)
{
	struct pilot_point best = pt[0];
	double top;
	int k = 1;

	qsort(pt, (size_t)n, sizeof(*pt), pilot_point_cmp);
	top = pt[0].l;
	while (k < n && !(pt[k].l < top - PILOT_TIE_LU)) {
		top = fmax(top, pt[k].l);
		k++;
	}
	for (int i = 0; i < k; i++)
		if (pilot_nearer(pt[i], best, target))
			best = pt[i];
	if (fabs(best.l - target) < PILOT_REACH_LU)
		return best;
	for (int i = k; i < n; i++)
		if (pilot_nearer(pt[i], best, target))
			best = pt[i];
	return best;
}

/* The secant's next gain for target from (g0, l0), then (g1, l1): where
 * the line through them reaches it if the loudness rose, else a step
 * twice the distance from l1 (the loudness falling as the gain grows:
 * see pilot_choose()). */
static double secant_step(double g0, double l0, double g1, double l1,
			  double target)
{
	return l1 > l0 ? g1 + (target - l1) * (g1 - g0) / (l1 - l0) :
	       g1 + (target - l1) * 2;
}

/* Note point (g, l) in pt[*n] and in the curve, while it has room. */
static void pilot_note(struct pilot_point *pt, int *n, loudness_curve *c,
		       double g, double l)
{
	pt[(*n)++] = (struct pilot_point){ g, l };
	if (c->n < LOUDNESS_CURVE_MAX) {
		c->g[c->n] = g;
		c->l[c->n++] = l;
	}
}

/* Where a pilot with known points starts: the nearest to the target in
 * *p1, and the next nearest at another gain in *p0 (0 when there is
 * none: *p0 is then *p1). */
static int pilot_nearest(const struct pilot_point *pt, int n, double target,
			 struct pilot_point *p0, struct pilot_point *p1)
{
	int k1 = 0, k0 = -1;

	for (int i = 1; i < n; i++)
		if (fabs(pt[i].l - target) < fabs(pt[k1].l - target))
			k1 = i;
	for (int i = 0; i < n; i++)
		if (fabs(pt[i].g - pt[k1].g) >= 1e-3 &&
		    (k0 < 0 || fabs(pt[i].l - target) < fabs(pt[k0].l - target)))
			k0 = i;
	*p1 = pt[k1];
	*p0 = pt[k0 < 0 ? k1 : k0];
	return k0 >= 0;
}

int loudness_pilot_curve(const float *x, long n, audio_format fmt,
			 double target, double ceiling, loudness_curve *curve,
			 double *gain_db, double *slope)
{
	loudness_curve none = LOUDNESS_CURVE_INIT;
	struct pilot_point pt[LOUDNESS_CURVE_MAX + PILOT_TRIES + 2], best;
	struct pilot_point p0, p1;
	double g0, g1, l0, l1, step = 0.5;
	int err, tried = 0, done = 0;

	curve = curve ? curve : &none;
	for (int i = 0; i < curve->n; i++)
		pt[tried++] = (struct pilot_point){ curve->g[i], curve->l[i] };
	/* secant on L(g) - target, L the limited loudness at gain g: it
	 * grows with g, ever more slowly as the limiter takes more, but not
	 * always steadily: once the limiter flattens the speech, a quiet bed
	 * rises over BS.1770's relative gate and L falls as g grows, to rise
	 * again far above, where all is crushed to the ceiling (and the MP3
	 * encoder lifts those dense peaks over it).  So every point tried is
	 * kept, and the answer is taken on the rising branch where it can
	 * be (pilot_choose).  Known points start it from the two nearest
	 * the target; else it starts at 0 dB, from the unlimited loudness
	 * where the caller knows it, or from a trial there. */
	if (tried) {
		int two = pilot_nearest(pt, tried, target, &p0, &p1);

		g0 = p1.g;
		l0 = p1.l;
		done = fabs(l0 - target) < PILOT_AIM_LU;
		if (two && p0.g > p1.g)   /* the lower gain first */
			g1 = secant_step(p1.g, p1.l, p0.g, p0.l, target);
		else if (two)
			g1 = secant_step(p0.g, p0.l, p1.g, p1.l, target);
		else
			g1 = g0 + (target - l0);
	} else {
		g0 = 0;
		l0 = curve->unlimited;
		if (isnan(l0)) {
			if ((err = limited_lufs(x, n, fmt, 0, ceiling,
						curve->cut, &l0)))
				return err;
			if (isfinite(l0))
				pilot_note(pt, &tried, curve, 0, l0);
		}
		if (!isfinite(l0))
			return err_set(CRIEUR_EEMPTY, "loudness pilot: the "
				       "excerpt is silent");
		g1 = target - l0;
	}
	for (int i = 0; i < PILOT_TRIES && !done; i++) {
		double g2;

		g1 = g1 > GAIN_MAX_DB ? GAIN_MAX_DB : g1 < -GAIN_MAX_DB ?
		     -GAIN_MAX_DB : g1;
		if ((err = limited_lufs(x, n, fmt, g1, ceiling, curve->cut, &l1)))
			return err;
		pilot_note(pt, &tried, curve, g1, l1);
		if (fabs(l1 - target) < PILOT_AIM_LU || fabs(g1 - g0) < 1e-3)
			break;
		g2 = secant_step(g0, l0, g1, l1, target);
		g0 = g1;
		l0 = l1;
		g1 = g2;
	}
	best = pilot_choose(pt, tried, target);
	g1 = best.g;
	l1 = best.l;
	/* past the ceiling, more gain brings no more loudness: say so, not
	 * "gain +60 dB is out of range" */
	if (!(fabs(l1 - target) < PILOT_REACH_LU))
		return err_set(CRIEUR_EINVAL, "loudness: the target %.1f LUFS "
			       "cannot be reached under the %.1f dBTP ceiling "
			       "(at best %.1f LUFS, at %+.1f dB)", target,
			       ceiling, l1, g1);
	*gain_db = g1;
	if (!slope)
		return 0;
	/* the slope of the loss there, from one point step dB above */
	if ((err = limited_lufs(x, n, fmt, g1 + step, ceiling,
				 curve->cut, &l0)))
		return err;
	pilot_note(pt, &tried, curve, g1 + step, l0);
	*slope = 1 - (l0 - l1) / step;
	*slope = *slope < 0 ? 0 : *slope > 0.9 ? 0.9 : *slope;
	return 0;
}

int loudness_pilot(const float *x, long n, audio_format fmt, double target,
		   double ceiling, double *gain_db, double *slope)
{
	return loudness_pilot_curve(x, n, fmt, target, ceiling, NULL, gain_db,
				    slope);
}
