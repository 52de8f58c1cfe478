/* test_util.h - what the unit tests share (libsndfile's tests/utils.h):
 * scratch paths, test stages (a sine, a buffer served in odd blocks),
 * reading a stage whole, and waiting on a condition instead of sleeping.
 * Include it after <cmocka.h>. */
#ifndef CRIEUR_TEST_UTIL_H
#define CRIEUR_TEST_UTIL_H

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/stage.h"
#include "base/util.h"
#include "unit/tmp_path.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* ---- a sine ------------------------------------------------------------ */

/* freq Hz, peak amp, `frames` long (< 0: endless), the same on every
 * channel. */
struct test_tone {
	audio_stage base;
	double freq, amp;
	long pos, frames;
};

static inline long test_tone_read(audio_stage *self, float *buf, long frames)
{
	struct test_tone *t = (struct test_tone *)self;
	long n = t->frames >= 0 && t->frames - t->pos < frames ?
		 t->frames - t->pos : frames;

	for (long i = 0; i < n; i++)
		for (int c = 0; c < self->fmt.channels; c++)
			buf[i * self->fmt.channels + c] = (float)(t->amp *
				sin(2 * M_PI * t->freq * (double)(t->pos + i) /
				    self->fmt.rate));
	t->pos += n;
	return n;
}

static inline audio_stage *test_tone_new(int rate, int channels, double freq,
					 double amp, long frames)
{
	struct test_tone *t = xcalloc(1, sizeof(*t));

	t->base.fmt.rate = rate;
	t->base.fmt.channels = channels;
	t->base.read = test_tone_read;
	t->base.free = (void (*)(audio_stage *))free;
	t->freq = freq;
	t->amp = amp;
	t->frames = frames;
	return &t->base;
}

/* ---- a buffer ------------------------------------------------------------ */

/* Serves x (n frames, not owned) `repeat` times over. */
struct test_buffer {
	audio_stage base;
	const float *x;
	long n, pos;
	int repeat;
};

static inline long test_buffer_read(audio_stage *self, float *buf, long frames)
{
	struct test_buffer *b = (struct test_buffer *)self;
	int ch = self->fmt.channels;
	long done = 0;

	while (done < frames && b->repeat > 0) {
		long k = b->n - b->pos;

		k = k < frames - done ? k : frames - done;
		memcpy(buf + done * ch, b->x + b->pos * ch,
		       (size_t)(k * ch) * sizeof(float));
		done += k;
		b->pos += k;
		if (b->pos == b->n) {
			b->pos = 0;
			b->repeat--;
		}
	}
	return done;
}

static inline audio_stage *test_buffer_new(audio_format fmt, const float *x,
					   long n, int repeat)
{
	struct test_buffer *b = xcalloc(1, sizeof(*b));

	b->base.fmt = fmt;
	b->base.read = test_buffer_read;
	b->base.free = (void (*)(audio_stage *))free;
	b->x = x;
	b->n = n;
	b->repeat = n ? repeat : 0;
	return &b->base;
}

/* ---- reading ------------------------------------------------------------- */

/* Read a whole stage into a heap buffer (*out) in reads of `chunk`
 * frames; the number of frames, or a negative error. */
static inline long test_drain_in(audio_stage *s, float **out, long chunk)
{
	int ch = s->fmt.channels;
	long cap = 4096, n = 0, got;
	float *buf = xcalloc((size_t)cap * (size_t)ch, sizeof(float));

	for (;;) {
		if (n + chunk > cap) {
			cap = 2 * (n + chunk);
			buf = xrealloc(buf, (size_t)cap * (size_t)ch * sizeof(float));
		}
		got = stage_read(s, buf + n * ch, chunk);
		if (got < 0) {
			free(buf);
			*out = NULL;
			return got;
		}
		n += got;
		if (got < chunk)
			break;
	}
	*out = buf;
	return n;
}

static inline long test_drain(audio_stage *s, float **out)
{
	return test_drain_in(s, out, 4096);
}

/* ---- waiting ------------------------------------------------------------- */

/* Poll cond(ctx) every millisecond for up to `seconds` (generous: a
 * loaded or sanitized machine is slow); whether it became true. */
static inline int test_wait_for(int (*cond)(void *ctx), void *ctx,
				double seconds)
{
	struct timespec ms = { 0, 1000000 };

	for (double t = 0; t < seconds; t += 1e-3) {
		if (cond(ctx))
			return 1;
		nanosleep(&ms, NULL);
	}
	return cond(ctx);
}

#endif
