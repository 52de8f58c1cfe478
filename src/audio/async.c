/* async.c - a stage whose upstream runs on a worker thread. */
#include "audio/async.h"
#include "base/error.h"
#include "base/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WORKER_BLOCK = 4096 };

struct async {
	audio_stage base;
	audio_stage *src;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	float *ring;          /* ring_frames frames */
	long ring_frames;
	long batch;           /* a side that waits, waits for this many */
	long long written;    /* frames produced (worker) */
	long long taken;      /* frames consumed (reader) */
	long reader_want;     /* frames the waiting reader waits for */
	long writer_want;     /* room the waiting writer waits for (0: none
				 waits) */
	int ended;            /* the worker saw the end or an error */
	err_ctx error;        /* the worker's error, if any */
	int stop;             /* the reader is going away */
};

/* What a side that must wait waits for: what it needs, or the batch if
 * more.  The writer waits for at most W = max(WORKER_BLOCK, ring / 2)
 * frames of room, the reader for at most ring + 1 - W frames: the two
 * cannot both wait (that would take fewer than ring - W + 1 frames in
 * the ring and more than the reader's most). */
static long writer_wants(const struct async *a, long need)
{
	long w = a->ring_frames / 2 > WORKER_BLOCK ? a->ring_frames / 2 :
		 WORKER_BLOCK;

	need = need > a->batch ? need : a->batch;
	return need < w ? need : w;
}

static long reader_wants(const struct async *a, long need)
{
	long w = a->ring_frames / 2 > WORKER_BLOCK ? a->ring_frames / 2 :
		 WORKER_BLOCK;

	need = need > a->batch ? need : a->batch;
	return need < a->ring_frames + 1 - w ? need : a->ring_frames + 1 - w;
}

/* Copy a block into the ring, waiting for room for all of it (for the
 * batch, if it had to wait).  Wakes the reader only once it has what it
 * waits for: a wake per block, each a context switch both ways, was
 * tens of thousands of them on a long bulletin. */
static int put_block(struct async *a, const float *buf, long frames)
{
	int ch = a->base.fmt.channels;

	pthread_mutex_lock(&a->lock);
	if (a->ring_frames - (a->written - a->taken) < frames) {
		long want = writer_wants(a, frames);

		while (!a->stop && a->ring_frames - (a->written - a->taken) < want) {
			a->writer_want = want;
			pthread_cond_wait(&a->changed, &a->lock);
		}
		a->writer_want = 0;
	}
	if (a->stop) {
		pthread_mutex_unlock(&a->lock);
		return -1;
	}
	pthread_mutex_unlock(&a->lock);
	while (frames > 0) {   /* the room is there: the reader only adds */
		long at = (long)(a->written % a->ring_frames);
		long n = frames < a->ring_frames - at ? frames : a->ring_frames - at;

		memcpy(a->ring + at * ch, buf, (size_t)(n * ch) * sizeof(float));
		pthread_mutex_lock(&a->lock);
		a->written += n;
		if (a->reader_want && a->written - a->taken >= a->reader_want)
			pthread_cond_broadcast(&a->changed);
		pthread_mutex_unlock(&a->lock);
		buf += n * ch;
		frames -= n;
	}
	return 0;
}

static void *worker(void *arg)
{
	struct async *a = arg;
	float *buf = xcalloc((size_t)WORKER_BLOCK * (size_t)a->base.fmt.channels,
			     sizeof(float));
	long got;

	do {
		got = stage_read(a->src, buf, WORKER_BLOCK);
		if (got > 0 && put_block(a, buf, got))
			break;
	} while (got == WORKER_BLOCK);
	pthread_mutex_lock(&a->lock);
	if (got < 0)
		err_keep(&a->error, (int)got);
	a->ended = 1;
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->lock);
	free(buf);
	return NULL;
}

/* Take frames from the ring; when they are not all there, wait for them
 * (for the batch, if more).  Wakes the worker only once it has the room
 * it waits for. */
static long async_read(audio_stage *self, float *buf, long frames)
{
	struct async *a = (struct async *)self;
	int ch = self->fmt.channels;
	long done = 0;

	while (done < frames) {
		long avail, n, at;

		pthread_mutex_lock(&a->lock);
		if (a->written - a->taken < frames - done) {
			long want = reader_wants(a, frames - done);

			while (!a->ended && a->written - a->taken < want) {
				a->reader_want = want;
				pthread_cond_wait(&a->changed, &a->lock);
			}
			a->reader_want = 0;
		}
		avail = (long)(a->written - a->taken);
		if (!avail) {   /* ended */
			int err = err_raise(&a->error);
			a->error.code = 0;
			pthread_mutex_unlock(&a->lock);
			if (err)
				return err;
			break;
		}
		pthread_mutex_unlock(&a->lock);
		at = (long)(a->taken % a->ring_frames);
		n = frames - done < avail ? frames - done : avail;
		if (n > a->ring_frames - at)
			n = a->ring_frames - at;
		memcpy(buf + done * ch, a->ring + at * ch, (size_t)(n * ch) * sizeof(float));
		done += n;
		pthread_mutex_lock(&a->lock);
		a->taken += n;
		if (a->writer_want &&
		    a->ring_frames - (a->written - a->taken) >= a->writer_want)
			pthread_cond_broadcast(&a->changed);
		pthread_mutex_unlock(&a->lock);
	}
	return done;
}

static void async_free(audio_stage *self)
{
	struct async *a = (struct async *)self;

	pthread_mutex_lock(&a->lock);
	a->stop = 1;
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->lock);
	pthread_join(a->thread, NULL);
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->changed);
	stage_free(a->src);
	free(a->ring);
	free(a);
}

int async_new(audio_stage **out, audio_stage *src, long ring_frames,
	      long batch_frames)
{
	struct async *a = xcalloc(1, sizeof(*a));

	a->base.fmt = src->fmt;
	a->base.read = async_read;
	a->base.free = async_free;
	a->src = src;
	a->ring_frames = ring_frames > WORKER_BLOCK ? ring_frames : WORKER_BLOCK;
	a->batch = batch_frames > 0 ? batch_frames : 0;
	a->ring = xcalloc((size_t)a->ring_frames * (size_t)src->fmt.channels,
			  sizeof(float));
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->changed, NULL);
	if (pthread_create(&a->thread, NULL, worker, a)) {
		/* no thread: run synchronously through the same interface */
		pthread_mutex_destroy(&a->lock);
		pthread_cond_destroy(&a->changed);
		free(a->ring);
		free(a);
		*out = src;
		return 0;
	}
	*out = &a->base;
	return 0;
}
