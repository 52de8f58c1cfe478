/* limiter.c - lookahead true-peak limiter (see limiter.h for the design). */
#include "audio/limiter.h"
#include "base/error.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
	TAPS = 16,       /* interpolator taps per phase (even) */
	PHASES = 4,      /* oversampling factor */
	HOLD = 2,        /* gain held this many frames either side of a peak */
	BLOCK = 1024,    /* frames read from the source at a time */
	MAX_CH = 8,
};

/* A moving average of doubles over a fixed window (ring of len values). */
struct boxcar {
	double *ring, sum, inv_len;
	long len, pos;
};

struct limiter_core {
	int ch;
	float thr;                     /* linear ceiling, margin included */
	float coef[TAPS][PHASES];      /* tap j of phase k (0, 1/4, 2/4, 3/4) */
	float quiet;                   /* under this, no peak can reach thr */
	long loud_ago;                 /* frames since one was over quiet */
	float *hist;                   /* ch rings of 2*TAPS (mirrored) */
	int hpos;
	float *delay;                  /* ch * latency frames of audio */
	long latency, dpos;
	float *mq_val;                 /* min deque: values, ...*/
	long *mq_idx;                  /* ... and their frame index */
	long mq_mask, mq_head, mq_count, hold_len, index;
	double release, env, min_gain;
	float max_peak;                /* largest true peak seen (input) */
	struct boxcar box1, box2;
};

/* The stage: pulls blocks from src through the core. */
struct limiter {
	audio_stage base;
	audio_stage *src;
	limiter_core *core;
	float *in;                     /* BLOCK frames from the source */
	long to_drop, in_total, out_total;
	int src_ended;
};

/* Zeroth-order modified Bessel function of the first kind (series). */
static double bessel_i0(double x)
{
	double sum = 1, term = 1;

	for (int k = 1; k < 40; k++) {
		term *= (x / (2 * k)) * (x / (2 * k));
		sum += term;
	}
	return sum;
}

/* Fill the interpolator: phase 0 passes the sample through, phases 1-3
 * are a Kaiser-windowed sinc (beta 8), each normalized to unity gain at
 * DC.  `quiet` is thr over the largest sum of |taps|: while the last TAPS
 * samples are all under it, no interpolated value can reach thr. */
static void design_interpolator(limiter_core *l)
{
	const double beta = 8.0, half = TAPS / 2.0;
	double worst = 1;

	l->coef[TAPS / 2][0] = 1;
	for (int k = 1; k < PHASES; k++) {
		double c[TAPS], sum = 0, abs_sum = 0;

		for (int j = 0; j < TAPS; j++) {
			double t = j - half + (double)k / PHASES, x = t / half;

			c[j] = sin(M_PI * t) / (M_PI * t) *
			       bessel_i0(beta * sqrt(1 - x * x)) / bessel_i0(beta);
			sum += c[j];
		}
		for (int j = 0; j < TAPS; j++) {
			l->coef[j][k] = (float)(c[j] / sum);
			abs_sum += fabs(c[j] / sum);
		}
		worst = fmax(worst, abs_sum);
	}
	l->quiet = (float)(l->thr / worst * 0.999);
	l->loud_ago = TAPS;
}

/* Set up a moving average of len values, all starting at 1. */
static void boxcar_init(struct boxcar *b, long len)
{
	b->ring = xcalloc((size_t)len, sizeof(double));
	for (long i = 0; i < len; i++)
		b->ring[i] = 1;
	b->sum = (double)len;
	b->inv_len = 1.0 / (double)len;
	b->len = len;
	b->pos = 0;
}

/* Push v, return the mean of the last len values.  The sum is recomputed
 * at each wrap so rounding cannot drift. */
static inline double boxcar_push(struct boxcar *b, double v)
{
	b->sum += v - b->ring[b->pos];
	b->ring[b->pos] = v;
	if (++b->pos == b->len) {
		b->pos = 0;
		b->sum = 0;
		for (long i = 0; i < b->len; i++)
			b->sum += b->ring[i];
	}
	return b->sum * b->inv_len;
}

/* Push the needed gain of frame `index` into the sliding-window minimum
 * and return the minimum over the last hold_len frames. */
static inline double min_push(limiter_core *l, float r)
{
	long i = l->index, mask = l->mq_mask;

	while (l->mq_count &&
	       l->mq_val[(l->mq_head + l->mq_count - 1) & mask] >= r)
		l->mq_count--;
	l->mq_val[(l->mq_head + l->mq_count) & mask] = r;
	l->mq_idx[(l->mq_head + l->mq_count) & mask] = i;
	l->mq_count++;
	if (l->mq_idx[l->mq_head] <= i - l->hold_len) {
		l->mq_head = (l->mq_head + 1) & mask;
		l->mq_count--;
	}
	return l->mq_val[l->mq_head];
}

/* Push one frame into the interpolators; return the frame's true peak
 * (TAPS/2 frames back): the largest |x| at the sample and 3 points after.
 * While the window is quiet only the sample itself is looked at. */
static inline float true_peak_push(limiter_core *l, const float *frame)
{
	float peak = 0;
	int loud = 0;

	l->hpos = l->hpos ? l->hpos - 1 : TAPS - 1;
	for (int c = 0; c < l->ch; c++) {
		float *h = l->hist + c * 2 * TAPS;

		h[l->hpos] = h[l->hpos + TAPS] = frame[c];
		loud |= fabsf(frame[c]) >= l->quiet;
	}
	l->loud_ago = loud ? 0 : l->loud_ago + 1;
	for (int c = 0; c < l->ch; c++) {
		const float *w = l->hist + c * 2 * TAPS + l->hpos;
		float v[PHASES] = { 0 };

		if (l->loud_ago >= TAPS) {
			peak = fmaxf(peak, fabsf(w[TAPS / 2]));
			continue;
		}
		for (int j = 0; j < TAPS; j++)
			for (int k = 0; k < PHASES; k++)
				v[k] += l->coef[j][k] * w[j];
		for (int k = 0; k < PHASES; k++)
			peak = fmaxf(peak, fabsf(v[k]));
	}
	return peak;
}

/* Run one input frame through the limiter; write the delayed, limited
 * frame to out (which may be in). */
static inline void limit_frame(limiter_core *l, const float *in, float *out)
{
	float peak = true_peak_push(l, in);
	float r = peak > l->thr ? l->thr / peak : 1.0f;

	if (peak > l->max_peak)
		l->max_peak = peak;
	double m = min_push(l, r), g;
	float *d = l->delay + l->dpos * l->ch;

	l->env = m < l->env ? m : m + (l->env - m) * l->release;
	g = boxcar_push(&l->box2, boxcar_push(&l->box1, l->env));
	if (g < l->min_gain)
		l->min_gain = g;
	for (int c = 0; c < l->ch; c++) {
		float x = in[c];

		out[c] = (float)(d[c] * g);
		d[c] = x;
	}
	if (++l->dpos == l->latency)
		l->dpos = 0;
	l->index++;
}

void limiter_core_run(limiter_core *l, const float *in, float *out, long n)
{
	static const float zeros[MAX_CH];

	for (long i = 0; i < n; i++)
		limit_frame(l, in ? in + i * l->ch : zeros, out + i * l->ch);
}

/* Run n frames of s->in through the core and copy those past the initial
 * delay to out; returns the frames copied. */
static long run_block(struct limiter *s, long n, int flush, float *out)
{
	long skip = s->to_drop < n ? s->to_drop : n;
	int ch = s->base.fmt.channels;

	limiter_core_run(s->core, flush ? NULL : s->in, s->in, n);
	s->to_drop -= skip;
	memcpy(out, s->in + skip * ch, (size_t)((n - skip) * ch) * sizeof(float));
	return n - skip;
}

/* Read from the source, or once it ended flush the delay line with zeros,
 * until `frames` frames are out or all the input is. */
static long limiter_read(audio_stage *self, float *buf, long frames)
{
	struct limiter *s = (struct limiter *)self;
	long done = 0;

	while (done < frames) {
		long n = frames - done + s->to_drop, w;

		n = n > BLOCK ? BLOCK : n;
		if (!s->src_ended) {
			w = stage_read(s->src, s->in, n);
			if (w < 0)
				return w;
			s->src_ended = w < n;
			s->in_total += w;
			w = run_block(s, w, 0, buf + done * self->fmt.channels);
		} else {
			if (s->in_total - s->out_total + s->to_drop < n)
				n = s->in_total - s->out_total + s->to_drop;
			if (n == 0)
				break;
			w = run_block(s, n, 1, buf + done * self->fmt.channels);
		}
		done += w;
		s->out_total += w;
	}
	return done;
}

void limiter_core_free(limiter_core *l)
{
	if (!l)
		return;
	free(l->hist);
	free(l->delay);
	free(l->mq_val);
	free(l->mq_idx);
	free(l->box1.ring);
	free(l->box2.ring);
	free(l);
}

static void limiter_free(audio_stage *self)
{
	struct limiter *s = (struct limiter *)self;

	stage_free(s->src);
	limiter_core_free(s->core);
	free(s->in);
	free(s);
}

/* Check the limiter's arguments; 0 or CRIEUR_EINVAL with a detail. */
static int check_args(audio_format fmt, double ceiling, double lookahead_ms,
		      double release_ms)
{
	if (fmt.channels < 1 || fmt.channels > MAX_CH || fmt.rate < 1000)
		return err_set(CRIEUR_EINVAL, "limiter: unsupported format "
			       "(%d Hz, %d channels)", fmt.rate, fmt.channels);
	if (!(ceiling >= -20 && ceiling <= 0))
		return err_set(CRIEUR_EINVAL, "limiter: ceiling %g dBTP is "
			       "out of range (-20 to 0)", ceiling);
	if (!(lookahead_ms >= 0.5 && lookahead_ms <= 50))
		return err_set(CRIEUR_EINVAL, "limiter: lookahead %g ms is "
			       "out of range (0.5 to 50)", lookahead_ms);
	if (!(release_ms >= 1 && release_ms <= 5000))
		return err_set(CRIEUR_EINVAL, "limiter: release %g ms is "
			       "out of range (1 to 5000)", release_ms);
	return 0;
}

/* Size the windows: attack `span` frames (two boxcars), the minimum held
 * over span + 2*HOLD, the audio delayed by span - 1 + HOLD + TAPS/2. */
static void size_windows(limiter_core *l, long span)
{
	long l1 = (span + 1) / 2, l2 = span + 1 - l1;

	boxcar_init(&l->box1, l1);
	boxcar_init(&l->box2, l2);
	l->hold_len = span + 2 * HOLD;
	for (l->mq_mask = 1; l->mq_mask < l->hold_len + 1; l->mq_mask *= 2)
		;
	l->mq_val = xcalloc((size_t)l->mq_mask, sizeof(float));
	l->mq_idx = xcalloc((size_t)l->mq_mask, sizeof(long));
	l->mq_mask--;
	l->latency = span - 1 + HOLD + TAPS / 2;
	l->delay = xcalloc((size_t)l->latency * (size_t)l->ch, sizeof(float));
}

limiter_core *limiter_core_new(audio_format fmt, double ceiling_dbtp,
			       double lookahead_ms, double release_ms)
{
	limiter_core *l;
	long span;

	if (check_args(fmt, ceiling_dbtp, lookahead_ms, release_ms))
		return NULL;
	l = xcalloc(1, sizeof(*l));
	l->ch = fmt.channels;
	l->thr = (float)pow(10, (ceiling_dbtp - LIMITER_MARGIN_DB) / 20);
	design_interpolator(l);   /* after thr */
	l->hist = xcalloc((size_t)l->ch * 2 * TAPS, sizeof(float));
	span = lround(lookahead_ms * fmt.rate / 1000);
	size_windows(l, span < 2 ? 2 : span);
	l->release = exp(-1000.0 / (release_ms * fmt.rate));
	l->env = l->min_gain = 1;
	return l;
}

long limiter_core_latency(const limiter_core *l)
{
	return l->latency;
}

double limiter_core_peak_db(const limiter_core *l)
{
	return l->max_peak > 0 ? 20 * log10(l->max_peak) : -HUGE_VAL;
}

double limiter_core_max_reduction_db(const limiter_core *l)
{
	return 20 * log10(l->min_gain);
}

audio_stage *limiter_new(audio_stage *src, double ceiling_dbtp,
			 double lookahead_ms, double release_ms)
{
	limiter_core *core = limiter_core_new(src->fmt, ceiling_dbtp,
					      lookahead_ms, release_ms);
	struct limiter *s;

	if (!core) {
		stage_free(src);
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->base.fmt = src->fmt;
	s->base.read = limiter_read;
	s->base.free = limiter_free;
	s->src = src;
	s->core = core;
	s->to_drop = core->latency;
	s->in = xcalloc((size_t)BLOCK * (size_t)src->fmt.channels,
			sizeof(float));
	return &s->base;
}

limiter_core *limiter_stage_core(audio_stage *s)
{
	return s && s->read == limiter_read ? ((struct limiter *)s)->core : NULL;
}
