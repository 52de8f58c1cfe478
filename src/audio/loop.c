/* loop.c - a looping file reader with crossfaded joins. */
#include "audio/loop.h"
#include "base/error.h"
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct loop {
	audio_stage base;
	SNDFILE *sf;
	char *path;
	long long n;      /* file length */
	long xf;          /* crossfade frames */
	float *head;      /* the first xf frames */
	float *tail;      /* the last xf frames */
	long long pos;    /* next frame: the first cycle starts at 0, later
			     ones at xf (their head was in the fade) */
	long long file_pos;   /* where the decoder stands (seeks are costly) */
};

/* Read exactly n frames at frame `at` into buf, seeking only when the
 * decoder is not already there. */
static int read_at(struct loop *l, long long at, float *buf, long n)
{
	if ((at != l->file_pos && sf_seek(l->sf, at, SEEK_SET) < 0) ||
	    sf_readf_float(l->sf, buf, n) != n) {
		l->file_pos = -1;
		return err_set(CRIEUR_EIO, "cannot read '%s': %s", l->path,
			       sf_strerror(l->sf));
	}
	l->file_pos = at + n;
	return 0;
}

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

/* The cycle: [0 or xf, n - xf) straight from the file, then the
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
			if ((err = read_at(l, l->pos, buf + done * ch, n)))
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

static void loop_free(audio_stage *self)
{
	struct loop *l = (struct loop *)self;

	if (l->sf)
		sf_close(l->sf);
	free(l->head);
	free(l->tail);
	free(l->path);
	free(l);
}

int loop_open(audio_stage **out, const char *path, double xfade_ms)
{
	SF_INFO info = { 0 };
	struct loop *l;
	int err;

	*out = NULL;
	if (access(path, R_OK))
		return err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "cannot open '%s': %s", path, strerror(errno));
	l = xcalloc(1, sizeof(*l));
	l->path = xstrdup(path);
	l->sf = sf_open(path, SFM_READ, &info);
	if (!l->sf) {
		err = err_set(CRIEUR_EFORMAT, "cannot read audio from '%s': %s",
			      path, sf_strerror(NULL));
		loop_free(&l->base);
		return err;
	}
	l->base.fmt.rate = info.samplerate;
	l->base.fmt.channels = info.channels;
	l->base.read = loop_read;
	l->base.free = loop_free;
	l->n = info.frames;
	l->xf = (long)(xfade_ms * 0.001 * info.samplerate);
	if (l->xf < 1 || l->n < 4LL * l->xf) {
		err = err_set(CRIEUR_EINVAL, "'%s' is too short to loop (%.2f s)",
			      path, (double)l->n / info.samplerate);
		loop_free(&l->base);
		return err;
	}
	l->head = xcalloc((size_t)l->xf * (size_t)info.channels, sizeof(float));
	l->tail = xcalloc((size_t)l->xf * (size_t)info.channels, sizeof(float));
	if ((err = read_at(l, 0, l->head, l->xf)) ||
	    (err = read_at(l, l->n - l->xf, l->tail, l->xf))) {
		loop_free(&l->base);
		return err;
	}
	*out = &l->base;
	return 0;
}
