/* loop.c - a looping reader over a spill, with crossfaded joins. */
#include "audio/loop.h"
#include "base/error.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct loop {
	audio_stage base;
	spill_reader r;   /* the body, read ahead */
	long long off, n; /* the piece in the spill */
	long xf;          /* crossfade frames */
	float *head;      /* the first xf frames */
	float *tail;      /* the last xf frames */
	long long pos;    /* next frame: the first cycle starts at 0, later
			     ones at xf (their head was in the fade) */
};

/* Fill buf with the crossfade of tail and head, frames [k, k+n). */
static void crossfade(const struct loop *l, float *buf, long k, long n)
{
	int ch = l->base.fmt.channels;

	for (long f = 0; f < n; f++) {
		double x = (double)(k + f) / (double)l->xf;
		float gi = (float)sin(0.5 * M_PI * x), go = (float)cos(0.5 * M_PI * x);
		for (int c = 0; c < ch; c++)
			buf[f * ch + c] = l->tail[(k + f) * ch + c] * go +
					  l->head[(k + f) * ch + c] * gi;
	}
}

/* The cycle: [0 or xf, n - xf) straight from the spill, then the
 * crossfade region of xf frames (tail faded into head), then again. */
static long loop_read(audio_stage *self, float *buf, long frames)
{
	struct loop *l = (struct loop *)self;
	int ch = self->fmt.channels, err;
	long done = 0;

	while (done < frames) {
		long long body_end = l->n - l->xf;
		long n;

		if (l->pos < body_end) {
			n = (long)(body_end - l->pos < frames - done ?
				   body_end - l->pos : frames - done);
			if ((err = spill_reader_read(&l->r, l->off + l->pos, buf + done * ch, n)))
				return err;
		} else {
			long k = (long)(l->pos - body_end);
			n = l->xf - k < frames - done ? l->xf - k : frames - done;
			crossfade(l, buf + done * ch, k, n);
		}
		l->pos += n;
		done += n;
		if (l->pos >= l->n)
			l->pos = l->xf;   /* the head was played inside the fade */
	}
	return done;
}

void loop_skip(audio_stage *s, long long frames)
{
	struct loop *l = (struct loop *)s;
	long long at;

	if (!s || s->read != loop_read || frames <= 0)
		return;
	/* the first cycle is [0, n), every later one [xf, n) */
	at = l->pos + frames;
	l->pos = at < l->n ? at : l->xf + (at - l->n) % (l->n - l->xf);
}

static void loop_free(audio_stage *self)
{
	struct loop *l = (struct loop *)self;

	free(l->head);
	free(l->tail);
	spill_reader_release(&l->r);
	free(l);
}

int loop_new(audio_stage **out, spill *s, long long offset, long long frames,
	     double xfade_ms)
{
	audio_format fmt = spill_format(s);
	struct loop *l;
	int err;

	*out = NULL;
	l = xcalloc(1, sizeof(*l));
	l->base.fmt = fmt;
	l->base.read = loop_read;
	l->base.free = loop_free;
	spill_reader_init(&l->r, s);
	l->off = offset;
	l->n = frames;
	l->xf = (long)(xfade_ms * 0.001 * fmt.rate);
	if (l->xf < 1 || frames < 4LL * l->xf) {
		loop_free(&l->base);
		return err_set(CRIEUR_EINVAL, "the bed is too short to loop "
			       "(%.2f s)", (double)frames / fmt.rate);
	}
	l->head = xcalloc((size_t)l->xf * (size_t)fmt.channels, sizeof(float));
	l->tail = xcalloc((size_t)l->xf * (size_t)fmt.channels, sizeof(float));
	if ((err = spill_read(s, offset, l->head, l->xf)) ||
	    (err = spill_read(s, offset + frames - l->xf, l->tail, l->xf))) {
		loop_free(&l->base);
		return err;
	}
	*out = &l->base;
	return 0;
}
