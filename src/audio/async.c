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
	long long written;    /* frames produced (worker) */
	long long taken;      /* frames consumed (reader) */
	int ended;            /* the worker saw the end or an error */
	err_ctx error;        /* the worker's error, if any */
	int stop;             /* the reader is going away */
};

/* Copy a block into the ring, waiting for room. */
static int put_block(struct async *a, const float *buf, long frames)
{
	int ch = a->base.fmt.channels;

	while (frames > 0) {
		long room, n, at;

		pthread_mutex_lock(&a->lock);
		while (!a->stop && a->written - a->taken >= a->ring_frames)
			pthread_cond_wait(&a->changed, &a->lock);
		if (a->stop) {
			pthread_mutex_unlock(&a->lock);
			return -1;
		}
		room = a->ring_frames - (long)(a->written - a->taken);
		pthread_mutex_unlock(&a->lock);
		at = (long)(a->written % a->ring_frames);
		n = frames < room ? frames : room;
		if (n > a->ring_frames - at)
			n = a->ring_frames - at;
		memcpy(a->ring + at * ch, buf, (size_t)(n * ch) * sizeof(float));
		pthread_mutex_lock(&a->lock);
		a->written += n;
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

static long async_read(audio_stage *self, float *buf, long frames)
{
	struct async *a = (struct async *)self;
	int ch = self->fmt.channels;
	long done = 0;

	while (done < frames) {
		long avail, n, at;

		pthread_mutex_lock(&a->lock);
		while (!a->ended && a->written == a->taken)
			pthread_cond_wait(&a->changed, &a->lock);
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

int async_new(audio_stage **out, audio_stage *src, long ring_frames)
{
	struct async *a = xcalloc(1, sizeof(*a));

	a->base.fmt = src->fmt;
	a->base.read = async_read;
	a->base.free = async_free;
	a->src = src;
	a->ring_frames = ring_frames > WORKER_BLOCK ? ring_frames : WORKER_BLOCK;
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
