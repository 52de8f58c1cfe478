/* mix.c - timeline mixer with sidechain ducking of the bed. */
#include "audio/mix.h"
#include "base/error.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MIX_BLOCK = 2048, DUCK_STEP = 16 };

struct track {
	audio_stage *src;
	long long start, length;   /* length -1: until src ends */
	double gain;
	mix_role role;
	long fade_in, fade_out;
	long long pos;             /* frames of the track passed (read from
				      src, and skipped before the mixer's
				      start) */
	int ended;
};

struct mixer {
	audio_stage base;
	struct track *tracks;
	size_t n, cap;
	long long t, total;
	float *scratch, *voice;    /* MIX_BLOCK frames each */
	float *duck;               /* MIX_BLOCK bed gains */
	int ducking;
	/* the ducking envelope, one step per DUCK_STEP frames: the gain
	 * at the end of this step and of the one before, the voice's peak
	 * so far in this step and how far it is; coefficients per step */
	double depth, env, gain, gain_before, att, rel, env_rel, thresh;
	float level;
	int phase;
	long hold, held;
};

static double db_to_gain(double db)
{
	return pow(10.0, db / 20.0);
}

/* Raised-cosine fade factor for frame k of a fade of n frames (0 to 1). */
static float fade(long k, long n)
{
	return n <= 0 || k >= n ? 1.0f :
		(float)(0.5 - 0.5 * cos(M_PI * (double)k / (double)n));
}

/* The gain envelope of track tr at its own frame p. */
static float track_gain(const struct track *tr, long long p)
{
	float g = (float)tr->gain * fade((long)(p < tr->fade_in ? p : tr->fade_in),
					 tr->fade_in);

	if (tr->length >= 0 && tr->fade_out > 0 && p >= tr->length - tr->fade_out)
		g *= fade((long)(tr->length - p), tr->fade_out);
	return g;
}

/* out[i] += x[i] * g, 8 at a time so that GCC's -O2 vectorizes it (not
 * a count of unknown remainder), then the rest. */
static void add_scaled(float *restrict out, const float *restrict x, float g,
		       long n)
{
	long i = 0;

	for (; i + 8 <= n; i += 8)
		for (int u = 0; u < 8; u++)
			out[i + u] += x[i + u] * g;
	for (; i < n; i++)
		out[i] += x[i] * g;
}

/* out[i] += x[i] * (g * duck[i]), mono, the same way. */
static void add_ducked(float *restrict out, const float *restrict x, float g,
		       const float *restrict duck, long n)
{
	long i = 0;

	for (; i + 8 <= n; i += 8)
		for (int u = 0; u < 8; u++)
			out[i + u] += x[i + u] * (g * duck[i + u]);
	for (; i < n; i++)
		out[i] += x[i] * (g * duck[i]);
}

/* Read the part of track tr that falls in [t, t+n) into out (added, with
 * per-frame gains from gains[] when not NULL).  0 or an error. */
static int mix_track(struct mixer *m, struct track *tr, long long t, long n,
		     float *out, const float *gains)
{
	int ch = m->base.fmt.channels;
	long long from = t > tr->start ? t : tr->start, to = t + n;
	long want, got;

	if (tr->ended || from >= to)
		return 0;
	if (tr->length >= 0 && to > tr->start + tr->length)
		to = tr->start + tr->length;
	if (from >= to) {
		tr->ended = 1;
		return 0;
	}
	want = (long)(to - from);
	got = stage_read(tr->src, m->scratch, want);
	if (got < 0)
		return (int)got;
	out += (from - t) * ch;
	if (gains)
		gains += from - t;
	if (tr->pos >= tr->fade_in &&
	    !(tr->length >= 0 && tr->fade_out > 0 &&
	      tr->pos + got > tr->length - tr->fade_out)) {
		/* no fade in this block: a constant gain (the common case) */
		const float g = (float)tr->gain, *x = m->scratch;

		if (gains && ch == 1)
			add_ducked(out, x, g, gains, got);
		else if (gains)
			for (long f = 0; f < got; f++)
				for (int c = 0; c < ch; c++)
					out[f * ch + c] += x[f * ch + c] * (g * gains[f]);
		else
			add_scaled(out, x, g, got * ch);
	} else {
		for (long f = 0; f < got; f++) {
			float g = track_gain(tr, tr->pos + f) *
				  (gains ? gains[f] : 1.0f);

			for (int c = 0; c < ch; c++)
				out[f * ch + c] += m->scratch[f * ch + c] * g;
		}
	}
	tr->pos += got;
	if (got < want || (tr->length >= 0 && tr->pos >= tr->length))
		tr->ended = 1;
	return 0;
}

/* The largest |x[i]| of n samples, 8 at a time so that GCC's -O2
 * vectorizes it (a running max does not vectorize without -ffast-math),
 * then the rest. */
static float peak_of(const float *restrict x, long n, float top)
{
	float t[8] = { 0 };
	long i = 0;

	for (; i + 8 <= n; i += 8)
		for (int u = 0; u < 8; u++) {
			float v = x[i + u] < 0 ? -x[i + u] : x[i + u];

			t[u] = v > t[u] ? v : t[u];
		}
	for (; i < n; i++) {
		float v = x[i] < 0 ? -x[i] : x[i];

		top = v > top ? v : top;
	}
	for (int u = 0; u < 8; u++)
		top = t[u] > top ? t[u] : top;
	return top;
}

/* Compute the bed's gain for each frame of the block from the voice.
 * The envelope moves at a control rate, one step every DUCK_STEP frames
 * counted from the mixer's start (whatever the blocks): the voice's peak
 * over a step, a peak follower, the hold and the gain's attack or
 * release are worked out once per step, and the gain goes in a straight
 * line from one step's value to the next within it.  At every frame,
 * that chain of dependent arithmetic (a multiply, a compare, a subtract,
 * a multiply, an add: 4 ns a frame, 0.4 s of the 30-minute bulletin,
 * counted twice over its second half) was the mixer's bound; the
 * envelope, with an attack of tens of milliseconds, lags by at most two
 * steps (0.7 ms at 44.1 kHz) and differs from the per-frame one by far
 * less than a 16-bit step. */
static void compute_duck(struct mixer *m, long n)
{
	const int ch = m->base.fmt.channels;
	const float *restrict voice = m->voice;
	float *restrict duck = m->duck;
	double gain = m->gain;
	float from = (float)m->gain_before, level = m->level;
	float step = (float)(gain - m->gain_before) / DUCK_STEP;
	int phase = m->phase;

	for (long f = 0; f < n;) {
		long run = n - f < DUCK_STEP - phase ? n - f : DUCK_STEP - phase;
		double target, e;

		for (long i = 0; i < run; i++)
			duck[f + i] = from + step * (float)(phase + i + 1);
		level = peak_of(voice + f * ch, run * ch, level);
		f += run;
		phase += (int)run;
		if (phase < DUCK_STEP)
			break;
		/* a step's end: instant rise, ~50 ms fall; the hold; the
		 * gain's move towards its target over the next step */
		e = m->env * m->env_rel;
		m->env = level > e ? level : e;
		m->held = m->env > m->thresh ? 0 :
			  m->held + DUCK_STEP < m->hold ? m->held + DUCK_STEP :
			  m->hold;
		target = m->held < m->hold ? m->depth : 1.0;
		from = (float)gain;
		gain = target + (gain - target) * (target < gain ? m->att : m->rel);
		step = (float)(gain - from) / DUCK_STEP;
		m->gain_before = from;
		level = 0;
		phase = 0;
	}
	m->gain = gain;
	m->level = level;
	m->phase = phase;
}

/* Mix one block of at most MIX_BLOCK frames at m->t. */
static int mix_block(struct mixer *m, float *out, long n)
{
	int ch = m->base.fmt.channels, err;

	memset(out, 0, (size_t)(n * ch) * sizeof(float));
	memset(m->voice, 0, (size_t)(n * ch) * sizeof(float));
	for (size_t i = 0; i < m->n; i++)
		if (m->tracks[i].role == MIX_VOICE &&
		    (err = mix_track(m, &m->tracks[i], m->t, n, m->voice, NULL)))
			return err;
	if (m->ducking)
		compute_duck(m, n);
	for (size_t i = 0; i < m->n; i++) {
		struct track *tr = &m->tracks[i];
		if (tr->role != MIX_VOICE &&
		    (err = mix_track(m, tr, m->t, n, out,
				     tr->role == MIX_BED && m->ducking ? m->duck : NULL)))
			return err;
	}
	add_scaled(out, m->voice, 1.0f, n * ch);   /* x * 1 is exact */
	m->t += n;
	return 0;
}

static long mixer_read(audio_stage *self, float *buf, long frames)
{
	struct mixer *m = (struct mixer *)self;
	long done = 0;

	while (done < frames && m->t < m->total) {
		long n = frames - done < MIX_BLOCK ? frames - done : MIX_BLOCK;
		int err;

		if (n > m->total - m->t)
			n = (long)(m->total - m->t);
		if ((err = mix_block(m, buf + done * self->fmt.channels, n)))
			return err;
		done += n;
	}
	return done;
}

static void mixer_free(audio_stage *self)
{
	struct mixer *m = (struct mixer *)self;

	for (size_t i = 0; i < m->n; i++)
		stage_free(m->tracks[i].src);
	free(m->tracks);
	free(m->scratch);
	free(m->voice);
	free(m->duck);
	free(m);
}

/* One-pole coefficient for a time constant of ms at rate. */
static double coeff(double ms, int rate)
{
	return ms <= 0 ? 0 : exp(-1.0 / (ms * 0.001 * rate));
}

int mixer_new(audio_stage **out, audio_format fmt, long long total_frames,
	      const mix_duck *duck)
{
	struct mixer *m = xcalloc(1, sizeof(*m));

	m->base.fmt = fmt;
	m->base.read = mixer_read;
	m->base.free = mixer_free;
	m->total = total_frames;
	m->scratch = xcalloc((size_t)MIX_BLOCK * (size_t)fmt.channels, sizeof(float));
	m->voice = xcalloc((size_t)MIX_BLOCK * (size_t)fmt.channels, sizeof(float));
	m->duck = xcalloc(MIX_BLOCK, sizeof(float));
	m->gain = m->gain_before = 1.0;
	if (duck && duck->depth_db < 0) {
		m->ducking = 1;
		m->depth = db_to_gain(duck->depth_db);
		/* ~95% in attack */
		m->att = pow(coeff(duck->attack_ms / 3, fmt.rate), DUCK_STEP);
		m->rel = pow(coeff(duck->release_ms / 3, fmt.rate), DUCK_STEP);
		m->env_rel = pow(coeff(50, fmt.rate), DUCK_STEP);
		m->thresh = db_to_gain(duck->threshold_db);
		m->hold = (long)(duck->hold_ms * 0.001 * fmt.rate);
		m->held = m->hold;
	}
	*out = &m->base;
	return 0;
}

void mixer_add(audio_stage *self, audio_stage *src, long long start,
	       long long length, double gain_db, mix_role role,
	       long fade_in, long fade_out)
{
	struct mixer *m = (struct mixer *)self;
	struct track *tr;

	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		m->tracks = xrealloc(m->tracks, m->cap * sizeof(*m->tracks));
	}
	tr = &m->tracks[m->n++];
	memset(tr, 0, sizeof(*tr));
	tr->src = src;
	tr->start = start;
	tr->length = length;
	tr->gain = db_to_gain(gain_db);
	tr->role = role;
	tr->fade_in = fade_in;
	tr->fade_out = length >= 0 ? fade_out : 0;
	tr->pos = start < 0 ? -start : 0;   /* src begins that far in */
}
