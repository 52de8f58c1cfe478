/* spill.c - 16-bit audio in an anonymous temporary file. */
#include "audio/spill.h"
#include "base/error.h"
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { SPILL_BLOCK = 4096 };

struct spill {
	audio_format fmt;
	int fd;
	long long frames;
};

int spill_new(spill **out, audio_format fmt)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	spill *s;
	int fd;

	*out = NULL;
	snprintf(path, sizeof(path), "%s/crieur-spill.XXXXXX",
		 dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return err_set(CRIEUR_EIO, "cannot create a temporary file in "
			       "'%s': %s", dir && *dir ? dir : "/tmp", strerror(errno));
	unlink(path);
	s = xcalloc(1, sizeof(*s));
	s->fmt = fmt;
	s->fd = fd;
	*out = s;
	return 0;
}

void spill_free(spill *s)
{
	if (!s)
		return;
	close(s->fd);
	free(s);
}

audio_format spill_format(const spill *s)
{
	return s->fmt;
}

static int16_t to_s16(float x)
{
	float v = x * 32768.0f;

	return v >= 32767.0f ? 32767 : v <= -32768.0f ? -32768 : (int16_t)lrintf(v);
}

int spill_append(spill *s, audio_stage *src, long long *offset,
		 long long *frames)
{
	int ch = s->fmt.channels;
	float *buf = xcalloc((size_t)SPILL_BLOCK * (size_t)ch, sizeof(float));
	int16_t *pcm = xcalloc((size_t)SPILL_BLOCK * (size_t)ch, sizeof(int16_t));
	long got;
	int err = 0;

	*offset = s->frames;
	do {
		got = stage_read(src, buf, SPILL_BLOCK);
		if (got < 0) {
			err = (int)got;
			break;
		}
		for (long i = 0; i < got * ch; i++)
			pcm[i] = to_s16(buf[i]);
		size_t bytes = (size_t)(got * ch) * sizeof(int16_t);
		off_t at = (off_t)(s->frames * ch) * (off_t)sizeof(int16_t);
		if (got && pwrite(s->fd, pcm, bytes, at) != (ssize_t)bytes) {
			err = err_set(CRIEUR_EIO, "cannot write a temporary file: %s",
				      strerror(errno ? errno : ENOSPC));
			break;
		}
		s->frames += got;
	} while (got == SPILL_BLOCK);
	*frames = s->frames - *offset;
	free(buf);
	free(pcm);
	return err;
}

int spill_read(spill *s, long long at, float *out, long n)
{
	enum { CHUNK = 4096 };   /* samples: on the stack, so that threads can
				    read one spill at once (pread keeps no
				    file position) */
	int16_t pcm[CHUNK];
	int ch = s->fmt.channels;

	while (n > 0) {
		long k = n < CHUNK / ch ? n : CHUNK / ch;
		size_t bytes = (size_t)(k * ch) * sizeof(int16_t);
		off_t pos = (off_t)(at * ch) * (off_t)sizeof(int16_t);

		if (at < 0 || at + k > s->frames ||
		    pread(s->fd, pcm, bytes, pos) != (ssize_t)bytes)
			return err_set(CRIEUR_EIO, "cannot read a temporary file: %s",
				       strerror(errno ? errno : EIO));
		for (long i = 0; i < k * ch; i++)
			out[i] = pcm[i] / 32768.0f;
		at += k;
		out += k * ch;
		n -= k;
	}
	return 0;
}

struct spill_track {
	audio_stage base;
	spill *s;
	spill_piece *pieces;
	size_t n, cur;
	long long t, total;
};

static long spill_track_read(audio_stage *self, float *buf, long frames)
{
	struct spill_track *tr = (struct spill_track *)self;
	int ch = self->fmt.channels;
	long done = 0;

	while (done < frames && tr->t < tr->total) {
		spill_piece *p = tr->cur < tr->n ? &tr->pieces[tr->cur] : NULL;
		long long until = p ? (tr->t < p->at ? p->at : p->at + p->frames) : tr->total;
		long long n = frames - done;
		int err;

		if (until > tr->total)
			until = tr->total;
		if (n > until - tr->t)
			n = until - tr->t;
		if (n > SPILL_BLOCK)
			n = SPILL_BLOCK;
		if (p && tr->t >= p->at) {
			if ((err = spill_read(tr->s, p->offset + tr->t - p->at,
					      buf + done * ch, (long)n)))
				return err;
		} else {
			memset(buf + done * ch, 0, (size_t)(n * ch) * sizeof(float));
		}
		tr->t += n;
		done += n;
		if (p && tr->t >= p->at + p->frames)
			tr->cur++;
	}
	return done;
}

static void spill_track_free(audio_stage *self)
{
	struct spill_track *tr = (struct spill_track *)self;

	free(tr->pieces);
	free(tr);
}

int spill_track_new(audio_stage **out, spill *s, const spill_piece *pieces,
		    size_t n, long long total)
{
	struct spill_track *tr = xcalloc(1, sizeof(*tr));

	tr->base.fmt = s->fmt;
	tr->base.read = spill_track_read;
	tr->base.free = spill_track_free;
	tr->s = s;
	tr->pieces = xcalloc(n ? n : 1, sizeof(*pieces));
	if (n)
		memcpy(tr->pieces, pieces, n * sizeof(*pieces));
	tr->n = n;
	tr->total = total;
	*out = &tr->base;
	return 0;
}
