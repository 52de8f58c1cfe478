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
	GROUP = 32,      /* frames whose peaks are interpolated together */
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
	float rcoef[PHASES][TAPS];     /* phase k (1/4, 2/4, 3/4), taps oldest
					  first; phase 0 is the sample */
	float quiet;                   /* under this, no peak can reach thr */
	float *lin;                    /* per channel: TAPS-1 frames of
					  history, then a block */
	float *peak;                   /* a block's true peaks */
	float *gain;                   /* a block's gains */
	float *delay;                  /* latency frames of audio, then a
					  block (interleaved) */
	long latency;
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

	for (int k = 1; k < PHASES; k++) {
		double c[TAPS], sum = 0, abs_sum = 0;

		for (int j = 0; j < TAPS; j++) {
			double t = j - half + (double)k / PHASES, x = t / half;

			c[j] = sin(M_PI * t) / (M_PI * t) *
			       bessel_i0(beta * sqrt(1 - x * x)) / bessel_i0(beta);
			sum += c[j];
		}
		for (int j = 0; j < TAPS; j++) {
			l->rcoef[k][TAPS - 1 - j] = (float)(c[j] / sum);
			abs_sum += fabs(c[j] / sum);
		}
		worst = fmax(worst, abs_sum);
	}
	l->quiet = (float)(l->thr / worst * 0.999);
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
	if (++b->pos == b->len) {   /* four sums: no chain of dependent adds */
		double s[4] = { 0, 0, 0, 0 };
		long i = 0;

		for (; i + 4 <= b->len; i += 4)
			for (int u = 0; u < 4; u++)
				s[u] += b->ring[i + u];
		for (; i < b->len; i++)
			s[0] += b->ring[i];
		b->pos = 0;
		b->sum = (s[0] + s[1]) + (s[2] + s[3]);
	}
	return b->sum * b->inv_len;
}

/* The sliding-window minimum's deque, in locals for gains()'s loop:
 * through *l, its head, count and index were loaded and stored again at
 * every frame (a store to mq_idx, a long, may alias them). */
struct minq {
	float *val;
	long *idx;
	long mask, head, count, index, hold_len;
};

/* Push the needed gain of frame q->index into the sliding-window minimum
 * and return the minimum over the last hold_len frames. */
static inline double min_push(struct minq *q, float r)
{
	long i = q->index, mask = q->mask, head = q->head, count = q->count;

	while (count && q->val[(head + count - 1) & mask] >= r)
		count--;
	q->val[(head + count) & mask] = r;
	q->idx[(head + count) & mask] = i;
	count++;
	if (q->idx[head] <= i - q->hold_len) {
		head = (head + 1) & mask;
		count--;
	}
	q->head = head;
	q->count = count;
	return q->val[head];
}

/* max(a, |v|) for a >= 0, without fmaxf's NaN rules: a plain compare
 * that vectorizes (fmaxf is a library call without -ffast-math). */
static inline float max_abs(float a, float v)
{
	float m = v < 0 ? -v : v;

	return m > a ? m : a;
}

/* One phase of the interpolator over GROUP frames: pk[i] = max(pk[i],
 * |sum rc[m] x[i+m]|), 8 frames at a time in accumulators that GCC keeps
 * in vector registers at -O2. */
static void interpolate(const float *restrict rc, const float *restrict x,
			float *restrict pk)
{
	for (long i = 0; i < GROUP; i += 8) {
		float a[8] = { 0 };

		for (int m = 0; m < TAPS; m++)
			for (int u = 0; u < 8; u++)
				a[u] += rc[m] * x[i + u + m];
		for (int u = 0; u < 8; u++)
			pk[i + u] = max_abs(pk[i + u], a[u]);
	}
}

/* pk[i] = max(pk[i], |x[i]|) over a block: restrict and a fixed count,
 * so that GCC's -O2 vectorizes it (it would not check the aliasing of
 * l->peak and l->lin at run time). */
static void sample_peaks(float *restrict pk, const float *restrict x)
{
	for (long i = 0; i < BLOCK; i++)
		pk[i] = max_abs(pk[i], x[i]);
}

/* The true peaks of n frames (n <= BLOCK) into l->peak: for each frame,
 * the largest |value| over the channels, at the sample TAPS/2 frames back
 * and the 3 points after it.  Blockwise, so that the compiler vectorizes;
 * and only where a sample within reach of the interpolator reaches
 * `quiet` (elsewhere no interpolated value can reach thr: the sample is
 * the peak).  Frames past n are computed on stale data and ignored. */
static void true_peaks(limiter_core *l, const float *in, long n)
{
	enum { GROUPS = BLOCK / GROUP };
	const long stride = TAPS - 1 + BLOCK;
	const float q = l->quiet;
	float *pk = l->peak;

	for (long i = 0; i < BLOCK; i++)
		pk[i] = 0;
	for (int c = 0; c < l->ch; c++) {
		float *x = l->lin + c * stride;
		int loud[GROUPS + 1] = { 0 };

		if (l->ch == 1)
			memcpy(x + TAPS - 1, in, (size_t)n * sizeof(float));
		else
			for (long i = 0; i < n; i++)
				x[TAPS - 1 + i] = in[i * l->ch + c];
		/* loud[g]: a sample of x[g*GROUP, (g+1)*GROUP) reaches q */
		for (int g = 0; g <= GROUPS; g++) {
			long from = (long)g * GROUP, to = from + GROUP;
			int any = 0;

			to = to > TAPS - 1 + n ? TAPS - 1 + n : to;
			if (to - from == GROUP)   /* a fixed count: vectorizes */
				for (long i = 0; i < GROUP; i++)
					any |= (x[from + i] >= q) |
					       (x[from + i] <= -q);
			else
				for (long i = from; i < to; i++)
					any |= (x[i] >= q) | (x[i] <= -q);
			loud[g] = any;
		}
		sample_peaks(pk, x + TAPS - 1 - TAPS / 2);
		/* frames [g*GROUP, +GROUP) read x[g*GROUP, +GROUP+TAPS-1) */
		for (int g = 0; g < GROUPS && (long)g * GROUP < n; g++)
			if (loud[g] | loud[g + 1])
				for (int k = 1; k < PHASES; k++)
					interpolate(l->rcoef[k], x + g * GROUP,
						    pk + g * GROUP);
		memmove(x, x + n, (TAPS - 1) * sizeof(float));
	}
}

/* The gain of each of n frames into l->gain, from their peaks.  The
 * state lives in locals for the loop (the compiler cannot keep fields of
 * *l in registers across the stores to l->gain). */
static void gains(limiter_core *l, long n)
{
	const float thr = l->thr;
	const double release = l->release;
	double env = l->env, min_gain = l->min_gain;
	float max_peak = l->max_peak;
	const float *pk = l->peak;
	float *gain = l->gain;
	struct boxcar b1 = l->box1, b2 = l->box2;
	struct minq q = { l->mq_val, l->mq_idx, l->mq_mask, l->mq_head,
			  l->mq_count, l->index, l->hold_len };

	for (long i = 0; i < n; i++) {
		float peak = pk[i];
		float r = peak > thr ? thr / peak : 1.0f;
		double m, g;

		max_peak = peak > max_peak ? peak : max_peak;
		m = min_push(&q, r);
		env = m < env ? m : m + (env - m) * release;
		g = boxcar_push(&b2, boxcar_push(&b1, env));
		min_gain = g < min_gain ? g : min_gain;
		gain[i] = (float)g;
		q.index++;
	}
	l->mq_head = q.head;
	l->mq_count = q.count;
	l->index = q.index;
	l->box1 = b1;
	l->box2 = b2;
	l->env = env;
	l->min_gain = min_gain;
	l->max_peak = max_peak;
}

void limiter_core_run(limiter_core *l, const float *in, float *out, long n)
{
	static const float zeros[BLOCK * MAX_CH];
	const int ch = l->ch;
	const long lat = l->latency * ch;

	while (n > 0) {
		long k = n < BLOCK ? n : BLOCK;
		float *d = l->delay;

		if (!in)
			in = zeros;
		true_peaks(l, in, k);
		gains(l, k);
		memcpy(d + lat, in, (size_t)(k * ch) * sizeof(float));
		if (ch == 1) {
			for (long i = 0; i < k; i++)
				out[i] = d[i] * l->gain[i];
		} else {
			for (long i = 0; i < k; i++)
				for (int c = 0; c < ch; c++)
					out[i * ch + c] = d[i * ch + c] * l->gain[i];
		}
		memmove(d, d + k * ch, (size_t)lat * sizeof(float));
		if (in != zeros)
			in += k * ch;
		out += k * ch;
		n -= k;
	}
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
	free(l->lin);
	free(l->peak);
	free(l->gain);
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
	l->delay = xcalloc((size_t)(l->latency + BLOCK) * (size_t)l->ch,
			   sizeof(float));
}

int limiter_core_new(limiter_core **out, audio_format fmt, double ceiling_dbtp,
		     double lookahead_ms, double release_ms)
{
	limiter_core *l;
	long span;
	int err;

	*out = NULL;
	if ((err = check_args(fmt, ceiling_dbtp, lookahead_ms, release_ms)))
		return err;
	l = xcalloc(1, sizeof(*l));
	l->ch = fmt.channels;
	l->thr = (float)pow(10, (ceiling_dbtp - LIMITER_MARGIN_DB) / 20);
	design_interpolator(l);   /* after thr */
	l->lin = xcalloc((size_t)l->ch * (TAPS - 1 + BLOCK), sizeof(float));
	l->peak = xcalloc(BLOCK, sizeof(float));
	l->gain = xcalloc(BLOCK, sizeof(float));
	span = lround(lookahead_ms * fmt.rate / 1000);
	size_windows(l, span < 2 ? 2 : span);
	l->release = exp(-1000.0 / (release_ms * fmt.rate));
	l->env = l->min_gain = 1;
	*out = l;
	return 0;
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

int limiter_new(audio_stage **out, audio_stage *src, double ceiling_dbtp,
		double lookahead_ms, double release_ms)
{
	limiter_core *core;
	struct limiter *s;
	int err = limiter_core_new(&core, src->fmt, ceiling_dbtp,
				   lookahead_ms, release_ms);

	*out = NULL;
	if (err) {
		stage_free(src);
		return err;
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
	*out = &s->base;
	return 0;
}

limiter_core *limiter_stage_core(audio_stage *s)
{
	return s && s->read == limiter_read ? ((struct limiter *)s)->core : NULL;
}
