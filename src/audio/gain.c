/* gain.c - gain stages: a fixed gain, and a gain settled later from
 * another thread (pass C's, while pass B measures). */
#include "audio/gain.h"
#include "base/error.h"
#include "base/util.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

int gain_range_check(double gain_db, audio_stage *src)
{
	int err;

	if (fabs(gain_db) <= GAIN_MAX_DB)
		return 0;
	err = err_set(CRIEUR_EINVAL, "gain: %g dB is out of range (-%g to +%g)",
		      gain_db, GAIN_MAX_DB, GAIN_MAX_DB);
	stage_free(src);
	return err;
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

int gain_new(audio_stage **out, audio_stage *src, double gain_db)
{
	struct gain *g;
	int err;

	*out = NULL;
	if ((err = gain_range_check(gain_db, src)))
		return err;
	*out = src;
	if (gain_db == 0)
		return 0;
	g = xcalloc(1, sizeof(*g));
	g->base.fmt = src->fmt;
	g->base.read = gain_read;
	g->base.free = gain_free;
	g->src = src;
	g->g = (float)pow(10, gain_db / 20);
	*out = &g->base;
	return 0;
}

/* ---- a gain settled later, from another thread ------------------------ */

struct gain_ctl {
	audio_stage base;
	audio_stage *src;
	pthread_mutex_t lock;
	pthread_cond_t settled_cv;
	long long pos, hold_at, ramp_end;
	long ramp;
	float g, from, to;         /* now; from, then a ramp over [ramp_end -
				      ramp, ramp_end), then to */
	int settled;
	err_ctx error;             /* pass B's, or a gain out of range */
};

static long gain_ctl_read(audio_stage *self, float *buf, long frames)
{
	struct gain_ctl *c = (struct gain_ctl *)self;
	int ch = self->fmt.channels;
	long got;

	pthread_mutex_lock(&c->lock);
	while (!c->settled && !c->error.code && c->pos + frames > c->hold_at &&
	       !crieur_interrupted) {
		struct timespec ts;   /* wake now and then to see a signal */

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 50000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&c->settled_cv, &c->lock, &ts);
	}
	if (c->error.code) {
		int err = err_raise(&c->error);

		pthread_mutex_unlock(&c->lock);
		return err;
	}
	pthread_mutex_unlock(&c->lock);
	if (crieur_interrupted)
		return err_set(CRIEUR_EINTR, "interrupted");
	if ((got = stage_read(c->src, buf, frames)) <= 0)
		return got;
	pthread_mutex_lock(&c->lock);
	if (c->pos >= c->ramp_end || c->pos + got <= c->ramp_end - c->ramp) {
		/* no ramp: one gain, a loop that vectorizes */
		const float g = c->g = c->pos >= c->ramp_end ? c->to : c->from;

		for (long i = 0; i < got * ch; i++)
			buf[i] *= g;
		c->pos += got;
		pthread_mutex_unlock(&c->lock);
		return got;
	}
	for (long i = 0; i < got; i++) {
		float g;

		if (c->pos + i < c->ramp_end - c->ramp)
			g = c->g = c->from;
		else if (c->pos + i < c->ramp_end)   /* linear, in amplitude */
			g = c->g = c->from + (c->to - c->from) *
			    (float)(c->ramp - (c->ramp_end - c->pos - i)) /
			    (float)c->ramp;
		else
			g = c->g = c->to;
		for (int k = 0; k < ch; k++)
			buf[i * ch + k] *= g;
	}
	c->pos += got;
	pthread_mutex_unlock(&c->lock);
	return got;
}

static void gain_ctl_free(audio_stage *self)
{
	struct gain_ctl *c = (struct gain_ctl *)self;

	stage_free(c->src);
	pthread_mutex_destroy(&c->lock);
	pthread_cond_destroy(&c->settled_cv);
	free(c);
}

int gain_ctl_new(audio_stage **out, audio_stage *src, double gain_db,
		 long long hold_at, long ramp, gain_ctl **ctl)
{
	struct gain_ctl *c;
	int err;

	*out = NULL;
	if (ramp < 1)
		gain_db = HUGE_VAL;   /* refused below, src freed */
	if ((err = gain_range_check(gain_db, src)))
		return err;
	c = xcalloc(1, sizeof(*c));
	c->base.fmt = src->fmt;
	c->base.read = gain_ctl_read;
	c->base.free = gain_ctl_free;
	c->src = src;
	c->g = c->from = c->to = (float)pow(10, gain_db / 20);
	c->hold_at = hold_at;
	c->ramp = ramp;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->settled_cv, NULL);
	*ctl = c;
	*out = &c->base;
	return 0;
}

int gain_ctl_settle(gain_ctl *c, double (*decide)(void *ctx, long long pos),
		    void *ctx)
{
	long long at;
	double g;

	pthread_mutex_lock(&c->lock);
	at = c->pos > c->hold_at ? c->pos : c->hold_at;
	g = decide(ctx, at);
	if (!(fabs(g) <= GAIN_MAX_DB)) {
		err_keep(&c->error, err_set(CRIEUR_EINVAL, "loudness: gain "
					    "%+.1f dB is out of range", g));
	} else {
		c->from = c->g;
		c->to = (float)pow(10, g / 20);
		c->ramp_end = at + c->ramp;
	}
	c->settled = 1;
	pthread_cond_broadcast(&c->settled_cv);
	pthread_mutex_unlock(&c->lock);
	return err_raise(&c->error);
}

void gain_ctl_fail(gain_ctl *c, const err_ctx *e)
{
	pthread_mutex_lock(&c->lock);
	if (!c->settled && !c->error.code)
		c->error = *e;
	pthread_cond_broadcast(&c->settled_cv);
	pthread_mutex_unlock(&c->lock);
}
