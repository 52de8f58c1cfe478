/* voicefx.c - high-pass, presence EQ and a gentle compressor (voicefx.h). */
#include "audio/voicefx.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FX_MAX_CH = 8 };
#define FX_FLOOR (1.0 / 32768)   /* -90 dBFS: one 16-bit step */

struct biquad {
	double b0, b1, b2, a1, a2;
	double z1[FX_MAX_CH], z2[FX_MAX_CH];   /* transposed direct form II */
	int on;
};

enum { ROTATE_STAGES = 4 };

struct voicefx {
	audio_stage base;
	audio_stage *src;
	struct biquad hp, eq, rot[ROTATE_STAGES];
	int comp;
	double thr, ratio, att, rel, env, makeup;
	double thr_lin, slope;   /* thr as a level; -(1 - 1/ratio) */
};

int voicefx_active(const voicefx_params *p)
{
	return p->hp_hz > 0 || p->eq_db != 0 || p->ratio > 1 ||
	       p->makeup_db != 0 || p->rotate_hz > 0;
}

/* RBJ cookbook all-pass, Q 0.7: the magnitude is untouched, the phase
 * turns through 360 degrees around f. */
static void allpass_design(struct biquad *b, double f, double rate)
{
	double w = 2 * M_PI * f / rate, c = cos(w), al = sin(w) / (2 * 0.7);
	double a0 = 1 + al;

	b->b0 = (1 - al) / a0;
	b->b1 = -2 * c / a0;
	b->b2 = (1 + al) / a0;
	b->a1 = -2 * c / a0;
	b->a2 = (1 - al) / a0;
	b->on = 1;
}

/* RBJ cookbook high-pass, Q = 1/sqrt(2). */
static void hp_design(struct biquad *b, double f, double rate)
{
	double w = 2 * M_PI * f / rate, c = cos(w), al = sin(w) / (2 * M_SQRT1_2);
	double a0 = 1 + al;

	b->b0 = (1 + c) / 2 / a0;
	b->b1 = -(1 + c) / a0;
	b->b2 = (1 + c) / 2 / a0;
	b->a1 = -2 * c / a0;
	b->a2 = (1 - al) / a0;
	b->on = 1;
}

/* RBJ cookbook peaking EQ. */
static void peak_design(struct biquad *b, double f, double db, double q, double rate)
{
	double A = pow(10, db / 40), w = 2 * M_PI * f / rate, c = cos(w);
	double al = sin(w) / (2 * (q > 0 ? q : 1)), a0 = 1 + al / A;

	b->b0 = (1 + al * A) / a0;
	b->b1 = -2 * c / a0;
	b->b2 = (1 - al * A) / a0;
	b->a1 = -2 * c / a0;
	b->a2 = (1 - al / A) / a0;
	b->on = 1;
}

/* Filter one sample of channel ch. */
static inline double biquad_run(struct biquad *b, int ch, double x)
{
	double y = b->b0 * x + b->z1[ch];

	b->z1[ch] = b->b1 * x - b->a1 * y + b->z2[ch];
	b->z2[ch] = b->b2 * x - b->a2 * y;
	return y;
}

static long voicefx_read(audio_stage *self, float *buf, long frames)
{
	struct voicefx *f = (struct voicefx *)self;
	long got = stage_read(f->src, buf, frames);
	int nch = self->fmt.channels < FX_MAX_CH ? self->fmt.channels : FX_MAX_CH;

	for (long i = 0; i < got; i++) {
		float *fr = buf + i * self->fmt.channels;
		double peak = 0, gain = f->makeup;

		for (int ch = 0; ch < nch; ch++) {
			double x = fr[ch];
			if (f->hp.on)
				x = biquad_run(&f->hp, ch, x);
			if (f->eq.on)
				x = biquad_run(&f->eq, ch, x);
			for (int k = 0; k < ROTATE_STAGES && f->rot[k].on; k++)
				x = biquad_run(&f->rot[k], ch, x);
			fr[ch] = (float)x;
			if (fabs(x) > peak)
				peak = fabs(x);
		}
		if (f->comp) {   /* peak envelope, gain reduction above thr */
			double k = peak > f->env ? f->att : f->rel;
			f->env = peak + k * (f->env - peak);
			/* (env/thr)^-(1-1/ratio): the dB rule, in one pow, and
			 * only over the threshold; at ratio 2 (every voice
			 * of voices/) that is 1/sqrt, several times faster */
			if (f->env > f->thr_lin)
				gain *= f->slope == -0.5 ?
					1 / sqrt(f->env / f->thr_lin) :
					pow(f->env / f->thr_lin, f->slope);
		}
		for (int ch = 0; ch < nch; ch++) {
			double y = fr[ch] * gain;
			/* below one 16-bit step (filter tails) is silence, exactly */
			fr[ch] = fabs(y) < FX_FLOOR ? 0.0f :
				(float)(y > 1 ? 1 : y < -1 ? -1 : y);
		}
	}
	return got;
}

static void voicefx_free(audio_stage *self)
{
	struct voicefx *f = (struct voicefx *)self;

	stage_free(f->src);
	free(f);
}

int voicefx_new(audio_stage **out, audio_stage *src, const voicefx_params *p)
{
	struct voicefx *f;
	double rate = src->fmt.rate;

	*out = src;
	if (!voicefx_active(p))
		return 0;
	f = xcalloc(1, sizeof(*f));
	f->base.fmt = src->fmt;
	f->base.read = voicefx_read;
	f->base.free = voicefx_free;
	f->src = src;
	if (p->hp_hz > 0 && p->hp_hz < rate / 2)
		hp_design(&f->hp, p->hp_hz, rate);
	if (p->eq_db != 0 && p->eq_hz > 0 && p->eq_hz < rate / 2)
		peak_design(&f->eq, p->eq_hz, p->eq_db, p->eq_q, rate);
	if (p->rotate_hz > 0 && p->rotate_hz < rate / 2)
		for (int k = 0; k < ROTATE_STAGES; k++)
			allpass_design(&f->rot[k], p->rotate_hz, rate);
	f->comp = p->ratio > 1;
	f->thr = p->threshold_db;
	f->ratio = p->ratio;
	f->thr_lin = pow(10, f->thr / 20);
	f->slope = f->comp ? -(1 - 1 / f->ratio) : 0;
	f->att = exp(-1 / (rate * (p->attack_ms > 0 ? p->attack_ms : 5) / 1000));
	f->rel = exp(-1 / (rate * (p->release_ms > 0 ? p->release_ms : 100) / 1000));
	f->env = 0;
	f->makeup = pow(10, p->makeup_db / 20);
	*out = &f->base;
	return 0;
}
