/* resample.c - sample-rate conversion stage over libsoxr. */
#include "audio/stage.h"
#include "base/error.h"
#include "base/util.h"

#include <soxr.h>
#include <stdlib.h>

enum { IN_FRAMES = 2048 };

struct resample {
	audio_stage base;
	audio_stage *src;
	soxr_t soxr;
	float *in;        /* IN_FRAMES frames of input */
	long in_len;      /* frames held in `in` */
	long in_pos;      /* next frame of `in` to feed */
	int src_ended;
	int drained;
};

/* Refill the input buffer from the source when it is used up. */
static int refill(struct resample *r)
{
	long got;

	if (r->in_pos < r->in_len || r->src_ended)
		return 0;
	got = stage_read(r->src, r->in, IN_FRAMES);
	if (got < 0)
		return (int)got;
	r->in_len = got;
	r->in_pos = 0;
	if (got < IN_FRAMES)
		r->src_ended = 1;
	return 0;
}

static long resample_read(audio_stage *self, float *buf, long frames)
{
	struct resample *r = (struct resample *)self;
	int ch = self->fmt.channels;
	long done = 0;

	while (done < frames && !r->drained) {
		size_t idone = 0, odone = 0;
		long avail;
		soxr_error_t e;
		int err = refill(r);

		if (err)
			return err;
		avail = r->in_len - r->in_pos;
		/* A NULL input tells soxr the stream ended: flush its tail. */
		e = soxr_process(r->soxr,
				 avail || !r->src_ended ? r->in + r->in_pos * ch : NULL,
				 (size_t)avail, &idone, buf + done * ch,
				 (size_t)(frames - done), &odone);
		if (e)
			return err_set(CRIEUR_ERESAMPLE, "resampling: %s", e);
		r->in_pos += (long)idone;
		done += (long)odone;
		if (r->src_ended && !avail && odone == 0)
			r->drained = 1;
	}
	return done;
}

static void resample_free(audio_stage *self)
{
	struct resample *r = (struct resample *)self;

	stage_free(r->src);
	soxr_delete(r->soxr);
	free(r->in);
	free(r);
}

int resample_new(audio_stage **out, audio_stage *src, int rate)
{
	return resample_new_quality(out, src, rate, RESAMPLE_HIGH);
}

int resample_new_quality(audio_stage **out, audio_stage *src, int rate,
			 enum resample_quality quality)
{
	soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
	soxr_quality_spec_t q = soxr_quality_spec(
		quality == RESAMPLE_SPEECH ? SOXR_MQ : SOXR_HQ, 0);
	soxr_error_t e = NULL;
	struct resample *r;

	*out = src;
	if (src->fmt.rate == rate)
		return 0;
	*out = NULL;
	r = xcalloc(1, sizeof(*r));
	r->soxr = soxr_create(src->fmt.rate, rate, (unsigned)src->fmt.channels,
			      &e, &io, &q, NULL);
	if (!r->soxr || e) {
		int err = err_set(CRIEUR_ERESAMPLE, "cannot resample %d Hz to "
				  "%d Hz: %s", src->fmt.rate, rate,
				  e ? e : "unknown error");

		stage_free(src);
		free(r);
		return err;
	}
	r->base.fmt.rate = rate;
	r->base.fmt.channels = src->fmt.channels;
	r->base.read = resample_read;
	r->base.free = resample_free;
	r->src = src;
	r->in = xcalloc((size_t)IN_FRAMES * (size_t)src->fmt.channels,
			sizeof(float));
	*out = &r->base;
	return 0;
}
