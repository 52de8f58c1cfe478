/* stage.c - generic stage helpers: freeing, the pump, channel mapping. */
#include "audio/stage.h"
#include "base/error.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

enum { PUMP_FRAMES = 4096 };

void stage_free(audio_stage *s)
{
	if (s)
		s->free(s);
}

void sink_free(audio_sink *s)
{
	if (s)
		s->free(s);
}

struct tee {
	audio_sink base;
	audio_sink *a, *b;
};

static int tee_write(audio_sink *self, const float *buf, long frames)
{
	struct tee *t = (struct tee *)self;
	int err = t->a->write(t->a, buf, frames);

	return err ? err : t->b->write(t->b, buf, frames);
}

static int tee_finish(audio_sink *self)
{
	struct tee *t = (struct tee *)self;
	int ea = t->a->finish(t->a), eb = t->b->finish(t->b);

	return ea ? ea : eb;
}

static void tee_abort(audio_sink *self)
{
	struct tee *t = (struct tee *)self;

	t->a->abort(t->a);
	t->b->abort(t->b);
}

static void tee_free(audio_sink *self)
{
	struct tee *t = (struct tee *)self;

	sink_free(t->a);
	sink_free(t->b);
	free(t);
}

int sink_tee_new(audio_sink **out, audio_sink *first, audio_sink *second)
{
	struct tee *t = xcalloc(1, sizeof(*t));

	t->a = first;
	t->b = second;
	t->base.fmt = first->fmt;
	t->base.write = tee_write;
	t->base.finish = tee_finish;
	t->base.abort = tee_abort;
	t->base.free = tee_free;
	*out = &t->base;
	return 0;
}

int audio_pump(audio_stage *src, audio_sink *sink, long long *frames_out)
{
	int ch = src->fmt.channels;
	float *buf = xcalloc((size_t)PUMP_FRAMES * (size_t)ch, sizeof(float));
	long long total = 0;
	int err = 0;

	if (src->fmt.rate != sink->fmt.rate || ch != sink->fmt.channels)
		err = err_set(CRIEUR_EINVAL, "internal: stage and sink formats "
			      "differ (%d Hz x%d vs %d Hz x%d)", src->fmt.rate,
			      ch, sink->fmt.rate, sink->fmt.channels);
	while (!err) {
		long got = stage_read(src, buf, PUMP_FRAMES);

		if (got < 0) {
			err = (int)got;
			break;
		}
		if (got > 0 && (err = sink->write(sink, buf, got)))
			break;
		total += got;
		if (crieur_interrupted)
			err = err_set(CRIEUR_EINTR, "interrupted");
		if (got < PUMP_FRAMES)
			break;
	}
	free(buf);
	if (!err)
		err = sink->finish(sink);
	else
		sink->abort(sink);
	if (frames_out)
		*frames_out = total;
	return err;
}

struct channel_map {
	audio_stage base;
	audio_stage *src;
	float *tmp;
	long tmp_frames;
};

static long channel_map_read(audio_stage *self, float *buf, long frames)
{
	struct channel_map *m = (struct channel_map *)self;
	int in_ch = m->src->fmt.channels, out_ch = self->fmt.channels;
	long done = 0;

	while (done < frames) {
		long want = frames - done < m->tmp_frames ? frames - done : m->tmp_frames;
		long got = stage_read(m->src, m->tmp, want);

		if (got < 0)
			return got;
		for (long f = 0; f < got; f++) {
			const float *in = m->tmp + f * in_ch;
			float *out = buf + (done + f) * out_ch;

			if (out_ch == 1) {
				float sum = 0;
				for (int c = 0; c < in_ch; c++)
					sum += in[c];
				out[0] = sum / (float)in_ch;
			} else {
				for (int c = 0; c < out_ch; c++)
					out[c] = in[c % in_ch];
			}
		}
		done += got;
		if (got < want)
			break;
	}
	return done;
}

static void channel_map_free(audio_stage *self)
{
	struct channel_map *m = (struct channel_map *)self;

	stage_free(m->src);
	free(m->tmp);
	free(m);
}

int channel_map_new(audio_stage **out, audio_stage *src, int channels)
{
	struct channel_map *m;

	*out = src;
	if (src->fmt.channels == channels)
		return 0;
	m = xcalloc(1, sizeof(*m));
	m->base.fmt.rate = src->fmt.rate;
	m->base.fmt.channels = channels;
	m->base.read = channel_map_read;
	m->base.free = channel_map_free;
	m->src = src;
	m->tmp_frames = 1024;
	m->tmp = xcalloc((size_t)m->tmp_frames * (size_t)src->fmt.channels,
			 sizeof(float));
	*out = &m->base;
	return 0;
}

struct on_end {
	audio_stage base;
	audio_stage *src;
	void (*fn)(void *ctx);
	void *ctx;
};

static long on_end_read(audio_stage *self, float *buf, long frames)
{
	struct on_end *e = (struct on_end *)self;
	long got = stage_read(e->src, buf, frames);

	if (got >= 0 && got < frames && e->fn) {
		e->fn(e->ctx);
		e->fn = NULL;
	}
	return got;
}

static void on_end_free(audio_stage *self)
{
	stage_free(((struct on_end *)self)->src);
	free(self);
}

int stage_on_end_new(audio_stage **out, audio_stage *src,
		     void (*fn)(void *ctx), void *ctx)
{
	struct on_end *e = xcalloc(1, sizeof(*e));

	e->base.fmt = src->fmt;
	e->base.read = on_end_read;
	e->base.free = on_end_free;
	e->src = src;
	e->fn = fn;
	e->ctx = ctx;
	*out = &e->base;
	return 0;
}
