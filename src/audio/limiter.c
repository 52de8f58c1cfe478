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
	float *held;                   /* the hold window's minimum: the
					  last hold_len - 1 needed gains,
					  then a block's ... */
	float *fwd, *bwd;              /* ... and its running minima */
	long hold_len;
	long ones;                     /* needed gains of 1 last in a row */
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

/* The ring's sum afresh (at each wrap, so that rounding cannot drift), in
 * four sums: no chain of dependent adds. */
static double boxcar_resum(const struct boxcar *b)
{
	double s[4] = { 0, 0, 0, 0 };
	long i = 0;

	for (; i + 4 <= b->len; i += 4)
		for (int u = 0; u < 4; u++)
			s[u] += b->ring[i + u];
	for (; i < b->len; i++)
		s[0] += b->ring[i];
	return (s[0] + s[1]) + (s[2] + s[3]);
}

/* The smaller of a and b (b if either is NaN), as MINSS computes it. */
static inline float min2(float a, float b)
{
	return a < b ? a : b;
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

/* need[i] = the gain peak pk[i] needs, min(1, thr / pk[i]), over a whole
 * block (a fixed count and no branch: vectorized; frames past n are
 * stale and ignored); returns the largest of the first n peaks, kept 8
 * at a time for the same reason (a running max does not vectorize
 * without -ffast-math). */
static float needed_gains(float *restrict need, const float *restrict pk,
			  float thr, long n)
{
	float top[8] = { 0 }, max = 0;
	long i;

	for (i = 0; i < BLOCK; i++) {
		float p = pk[i];

		need[i] = thr / (p > thr ? p : thr);
	}
	for (i = 0; i + 8 <= n; i += 8)
		for (int u = 0; u < 8; u++)
			top[u] = pk[i + u] > top[u] ? pk[i + u] : top[u];
	for (; i < n; i++)
		top[0] = pk[i] > top[0] ? pk[i] : top[0];
	for (int u = 0; u < 8; u++)
		max = top[u] > max ? top[u] : max;
	return max;
}

/* out[i] = d[i] * g[i], 8 frames at a time so that GCC's -O2 vectorizes
 * it (it would not for a count of unknown remainder), then the rest.  out
 * may be the caller's input, never d or g. */
static void apply_gain(float *restrict out, const float *restrict d,
		       const float *restrict g, long n)
{
	long i = 0;

	for (; i + 8 <= n; i += 8)
		for (int u = 0; u < 8; u++)
			out[i + u] = d[i + u] * g[i + u];
	for (; i < n; i++)
		out[i] = d[i] * g[i];
}

/* The minimum of each of n needed gains g[i] over the hold window (the
 * frame and the hold_len - 1 before it), in place; van Herk and
 * Gil-Werman's way: over h = the last hold_len - 1 gains, then the n new
 * ones, cut in pieces of hold_len from its start, a running minimum
 * forward within each piece (fwd) and one backward (bwd); the window
 * ending at h[j] spans at most two pieces, so its minimum is that of bwd
 * at its start and fwd at its end.  No branch on the data, three
 * minimums a frame (a monotonic deque costs an unpredictable branch or
 * two a frame). */
static void hold_min(limiter_core *l, float *restrict g, long n)
{
	const long w = l->hold_len, len = w - 1 + n;
	long i;
	float *restrict h = l->held, *restrict fwd = l->fwd,
	      *restrict bwd = l->bwd;

	memcpy(h + w - 1, g, (size_t)n * sizeof(float));
	for (long a = 0; a < len; a += w) {
		long b = a + w < len ? a + w : len;
		float lo = h[a];

		for (long j = a; j < b; j++) {
			lo = min2(h[j], lo);
			fwd[j] = lo;
		}
		lo = h[b - 1];
		for (long j = b - 1; j >= a; j--) {
			lo = min2(h[j], lo);
			bwd[j] = lo;
		}
	}
	i = 0;
	for (; i + 8 <= n; i += 8)   /* 8 at a time: vectorized */
		for (int u = 0; u < 8; u++)
			g[i + u] = min2(bwd[i + u], fwd[i + u + w - 1]);
	for (; i < n; i++)
		g[i] = min2(bwd[i], fwd[i + w - 1]);
	memmove(h, h + n, (size_t)(w - 1) * sizeof(float));
}

static inline double min_d(double a, double b)
{
	return a < b ? a : b;
}

/* One frame's two moving averages, from its envelope e, whose slots in
 * the rings are q1 and q2; returns the gain. */
static inline double averages(double e, double *s1, double *q1, double k1,
			      double *s2, double *q2, double k2)
{
	double a;

	*s1 += e - *q1;
	*q1 = e;
	a = *s1 * k1;
	*s2 += a - *q2;
	*q2 = a;
	return *s2 * k2;
}

/* Instant attack and exponential release, then the two moving averages,
 * over n held minima in g, in place.  The state is in locals and the
 * inner loop runs up to the next wrap of either ring, so that it has no
 * branch but the min and keeps everything in registers. */
static void smooth(limiter_core *l, float *g, long n)
{
	const double release = l->release, keep = 1 - release;
	const double release2 = release * release;
	const double k1 = l->box1.inv_len, k2 = l->box2.inv_len;
	double env = l->env, min_gain = l->min_gain;
	double s1 = l->box1.sum, s2 = l->box2.sum;
	double *r1 = l->box1.ring, *r2 = l->box2.ring;
	long p1 = l->box1.pos, p2 = l->box2.pos;

	for (long i = 0; i < n;) {
		long run = n - i, j;

		run = run < l->box1.len - p1 ? run : l->box1.len - p1;
		run = run < l->box2.len - p2 ? run : l->box2.len - p2;
		/* two frames a step: the envelope two frames on is
		 * min(c, d + env * release^2), where c and d do not depend
		 * on env, so that the chain through env (a multiply, an add
		 * and a min) is gone through once every two frames; the
		 * frame between comes off env beside it */
		for (j = 0; j + 2 <= run; j += 2) {
			double m0 = g[i + j], m1 = g[i + j + 1];
			double a0 = m0 * keep, a1 = m1 * keep;
			double c = min_d(m1, a1 + m0 * release);
			double d = a1 + a0 * release;
			double e0 = min_d(m0, a0 + env * release), b0, b1;

			env = min_d(c, d + env * release2);
			b0 = averages(e0, &s1, r1 + p1 + j, k1, &s2, r2 + p2 + j, k2);
			b1 = averages(env, &s1, r1 + p1 + j + 1, k1, &s2,
				      r2 + p2 + j + 1, k2);
			min_gain = min_d(min_d(b0, b1), min_gain);
			g[i + j] = (float)b0;
			g[i + j + 1] = (float)b1;
		}
		for (; j < run; j++) {
			double m = g[i + j], b;

			env = min_d(m, m * keep + env * release);
			b = averages(env, &s1, r1 + p1 + j, k1, &s2, r2 + p2 + j, k2);
			min_gain = min_d(b, min_gain);
			g[i + j] = (float)b;
		}
		i += run;
		p1 += run;
		p2 += run;
		if (p1 == l->box1.len) {
			p1 = 0;
			s1 = boxcar_resum(&l->box1);
		}
		if (p2 == l->box2.len) {
			p2 = 0;
			s2 = boxcar_resum(&l->box2);
		}
	}
	l->box1.sum = s1;
	l->box1.pos = p1;
	l->box2.sum = s2;
	l->box2.pos = p2;
	l->env = env;
	l->min_gain = min_gain;
}

/* The gain of each of n frames into l->gain, from their peaks, in three
 * loops: the gain each peak needs; its minimum over the hold window; the
 * release and the two moving averages.  Each keeps its state in
 * registers (one loop for all three spilled a dozen values to the
 * stack).  A block that needs no reduction, after a hold window that
 * needed none, holds 1 throughout: hold_min() is skipped (its history
 * stays all 1), as for most blocks of speech at broadcast levels (64% of
 * them in the 30-minute bulletin of make bench). */
static void gains(limiter_core *l, long n)
{
	float top = needed_gains(l->gain, l->peak, l->thr, n);
	long ones = 0;

	l->max_peak = top > l->max_peak ? top : l->max_peak;
	if (top <= l->thr && l->ones >= l->hold_len - 1) {
		l->ones += n;
	} else {
		while (ones < n && l->gain[n - 1 - ones] == 1)
			ones++;
		l->ones = ones == n ? l->ones + n : ones;
		hold_min(l, l->gain, n);
	}
	smooth(l, l->gain, n);
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
			apply_gain(out, d, l->gain, k);
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
	free(l->held);
	free(l->fwd);
	free(l->bwd);
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
	l->held = xcalloc((size_t)(l->hold_len - 1 + BLOCK), sizeof(float));
	l->fwd = xcalloc((size_t)(l->hold_len - 1 + BLOCK), sizeof(float));
	l->bwd = xcalloc((size_t)(l->hold_len - 1 + BLOCK), sizeof(float));
	for (long i = 0; i < l->hold_len - 1; i++)
		l->held[i] = 1;   /* no gain needed before the start */
	l->ones = l->hold_len - 1;
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
