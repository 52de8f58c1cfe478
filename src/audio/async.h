/* async.h - run a stage on its own thread, so that what is upstream
 * (synthesis, mixing, mastering) overlaps with what is downstream (the
 * encoder).  The worker fills a bounded ring; reads take from it. */
#ifndef CRIEUR_ASYNC_H
#define CRIEUR_ASYNC_H

#include "audio/stage.h"

/* Wrap src (owned) so its reads happen on a worker thread, ring_frames
 * ahead at most, in *out.  Errors in the worker (with their detail) come
 * out of the reader's read() in order.  A side that has to wait (the
 * reader for frames, the worker for room) is woken once it can go on,
 * and then for batch_frames at least (0: its own read or block; at most
 * about half the ring): each wake is a context switch both ways, and a
 * reader faster than its worker (a file's encoder fed by the mastering)
 * otherwise waits and wakes per block.  Freeing stops and joins the
 * worker.  Returns 0: when no thread can be started, *out is src itself
 * (read synchronously). */
int async_new(audio_stage **out, audio_stage *src, long ring_frames,
	      long batch_frames);

#endif
