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

/* A run of the spill's frames [start, start + frames) kept in fd from
 * frame phys on. */
struct spill_ext {
	long long start, frames, phys;
	int fd;
};

/* Its frames are runs (extents) in one or more files: its own, appended
 * to, and those it adopted from spills other processes filled. */
struct spill {
	audio_format fmt;
	int fd;
	long long own;            /* frames written to fd */
	long long frames;         /* in all */
	struct spill_ext *ext;
	size_t n_ext, cap_ext;
	int *adopted;             /* fds taken over (spill_adopt) */
	size_t n_adopted;
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
	for (size_t i = 0; i < s->n_adopted; i++)
		close(s->adopted[i]);
	free(s->adopted);
	free(s->ext);
	free(s);
}

void spill_discard(spill *s)
{
	if (!s)
		return;
	/* a failure leaves the pages to spill_free() */
	if (ftruncate(s->fd, 0))
		return;
	for (size_t i = 0; i < s->n_adopted; i++)
		if (ftruncate(s->adopted[i], 0))
			return;
}

/* Record frames [s->frames, + n) as kept in fd from frame phys. */
static void ext_add(spill *s, int fd, long long phys, long long n)
{
	struct spill_ext *e = s->n_ext ? &s->ext[s->n_ext - 1] : NULL;

	if (e && e->fd == fd && e->phys + e->frames == phys) {
		e->frames += n;
	} else {
		if (s->n_ext == s->cap_ext) {
			s->cap_ext = s->cap_ext ? 2 * s->cap_ext : 4;
			s->ext = xrealloc(s->ext, s->cap_ext * sizeof(*s->ext));
		}
		s->ext[s->n_ext++] = (struct spill_ext){ s->frames, n, phys, fd };
	}
	s->frames += n;
}

/* The extent holding frame at (0 <= at < s->frames). */
static const struct spill_ext *ext_at(const spill *s, long long at)
{
	size_t lo = 0, hi = s->n_ext;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->ext[mid].start <= at)
			lo = mid;
		else
			hi = mid;
	}
	return &s->ext[lo];
}

/* pread n frames at frame `at`, all within one extent (at most n: up to
 * the extent's end); the frames read, or CRIEUR_EIO. */
static long spill_pread(spill *s, long long at, int16_t *pcm, long n)
{
	const struct spill_ext *e;
	int ch = s->fmt.channels;
	size_t bytes;

	if (at < 0 || n <= 0 || at + n > s->frames)
		return err_set(CRIEUR_EIO, "cannot read a temporary file: "
			       "frames %lld to %lld are not in it", at, at + n);
	e = ext_at(s, at);
	if (n > e->start + e->frames - at)
		n = (long)(e->start + e->frames - at);
	bytes = (size_t)(n * ch) * sizeof(int16_t);
	if (pread(e->fd, pcm, bytes, (off_t)((e->phys + at - e->start) * ch) *
		  (off_t)sizeof(int16_t)) != (ssize_t)bytes)
		return err_set(CRIEUR_EIO, "cannot read a temporary file: %s",
			       strerror(errno ? errno : EIO));
	return n;
}

int spill_adopt(spill *dst, spill *src, long long frames, long long *offset)
{
	int err = 0;

	*offset = dst->frames;
	if (src->fmt.rate != dst->fmt.rate ||
	    src->fmt.channels != dst->fmt.channels || src->n_ext || frames < 0)
		err = err_set(CRIEUR_EINVAL, "internal: a spill adopted another "
			      "of a different format, or one not filled elsewhere");
	if (!err && frames)
		ext_add(dst, src->fd, 0, frames);
	if (!err) {
		dst->adopted = xrealloc(dst->adopted, (dst->n_adopted + 1) *
					sizeof(*dst->adopted));
		dst->adopted[dst->n_adopted++] = src->fd;
		src->fd = -1;
	}
	spill_free(src);
	return err;
}

audio_format spill_format(const spill *s)
{
	return s->fmt;
}

long long spill_length(const spill *s)
{
	return s->frames;
}

/* Floats to 16-bit samples, rounded half to even as lrintf() does, and
 * clipped.  Adding and taking away 1.5 * 2^23 rounds a float under 2^22
 * to an integer in the FPU's own mode (lrintf's): the same samples
 * without a library call per sample (lrintf is one without
 * -fno-math-errno).  Eight at a time, the clip and the conversion in
 * two loops of fixed count, so that GCC's -O2 vectorizes both (in one
 * loop it keeps the clip's compares as branches); the clip as MINSS and
 * MAXSS compute it, a NaN passed through as before. */
static inline float clip_s16(float v)
{
	v = 32767.0f < v ? 32767.0f : v;
	return -32768.0f > v ? -32768.0f : v;
}

static void to_s16(const float *restrict x, int16_t *restrict out, long n)
{
	const float magic = 12582912.0f;
	long i = 0;

	for (; i + 8 <= n; i += 8) {
		float v[8];

		for (int u = 0; u < 8; u++)
			v[u] = clip_s16(x[i + u] * 32768.0f);
		for (int u = 0; u < 8; u++)
			out[i + u] = (int16_t)(int)((v[u] + magic) - magic);
	}
	for (; i < n; i++)
		out[i] = (int16_t)(int)((clip_s16(x[i] * 32768.0f) + magic) - magic);
}

/* Write the n samples of pcm at the spill's end.  0 or CRIEUR_EIO. */
static int spill_put(spill *s, const int16_t *pcm, long n)
{
	size_t bytes = (size_t)n * sizeof(int16_t);
	off_t at = (off_t)(s->own * s->fmt.channels) * (off_t)sizeof(int16_t);

	if (!n)
		return 0;
	if (pwrite(s->fd, pcm, bytes, at) != (ssize_t)bytes)
		return err_set(CRIEUR_EIO, "cannot write a temporary file: %s",
			       strerror(errno ? errno : ENOSPC));
	ext_add(s, s->fd, s->own, n / s->fmt.channels);
	s->own += n / s->fmt.channels;
	return 0;
}

int spill_append(spill *s, audio_stage *src, long long *offset,
		 long long *frames)
{
	/* written SPILL_AHEAD_BYTES at a time (whole frames) */
	int ch = s->fmt.channels;
	long cap = SPILL_AHEAD_BYTES / (long)sizeof(int16_t) / ch * ch, fill = 0;
	float *buf = xcalloc((size_t)SPILL_BLOCK * (size_t)ch, sizeof(float));
	int16_t *pcm = xcalloc((size_t)(cap + SPILL_BLOCK * ch), sizeof(int16_t));
	long got;
	int err = 0;

	*offset = s->frames;
	do {
		got = stage_read(src, buf, SPILL_BLOCK);
		if (got < 0) {
			err = (int)got;
			break;
		}
		to_s16(buf, pcm + fill, got * ch);
		fill += got * ch;
		if (fill >= cap || got < SPILL_BLOCK) {
			err = spill_put(s, pcm, fill);
			fill = 0;
		}
	} while (!err && got == SPILL_BLOCK);
	*frames = s->frames - *offset;
	free(buf);
	free(pcm);
	return err;
}

/* Samples to float, 8 at a time so that GCC's -O2 vectorizes it (it does
 * not a loop of unknown remainder), then the rest. */
static void s16_to_float(const int16_t *restrict pcm, float *restrict out,
			 long n)
{
	long i = 0;

	for (; i + 8 <= n; i += 8)
		for (int u = 0; u < 8; u++)
			out[i + u] = pcm[i + u] / 32768.0f;
	for (; i < n; i++)
		out[i] = pcm[i] / 32768.0f;
}

int spill_read(spill *s, long long at, float *out, long n)
{
	enum { CHUNK = 4096 };   /* samples: on the stack, so that threads can
				    read one spill at once (pread keeps no
				    file position) */
	int16_t pcm[CHUNK];
	int ch = s->fmt.channels;

	while (n > 0) {
		long k = spill_pread(s, at, pcm, n < CHUNK / ch ? n : CHUNK / ch);

		if (k < 0)
			return (int)k;
		s16_to_float(pcm, out, k * ch);
		at += k;
		out += k * ch;
		n -= k;
	}
	return 0;
}

void spill_reader_init(spill_reader *r, spill *s)
{
	r->s = s;
	r->pcm = xcalloc(SPILL_AHEAD_BYTES, 1);
	r->from = r->len = 0;
}

void spill_reader_release(spill_reader *r)
{
	free(r->pcm);
	r->pcm = NULL;
	r->len = 0;
}

/* Fetch the frames from `at` on (as many as fit, up to the spill's
 * end) into r.  0 or CRIEUR_EIO. */
static int reader_fill(spill_reader *r, long long at)
{
	spill *s = r->s;
	long long left = s->frames - at;
	long max = SPILL_AHEAD_BYTES / (long)sizeof(int16_t) / s->fmt.channels;
	long k = spill_pread(s, at, r->pcm, left < max ? (long)left : max);

	r->len = 0;
	if (k < 0)
		return (int)k;
	r->from = at;
	r->len = k;
	return 0;
}

int spill_reader_read(spill_reader *r, long long at, float *out, long n)
{
	int ch = r->s->fmt.channels, err;

	if (at < 0 || at + n > r->s->frames)
		return err_set(CRIEUR_EIO, "cannot read a temporary file: "
			       "frames %lld to %lld are not in it", at, at + n);
	while (n > 0) {
		long k;

		if ((at < r->from || at >= r->from + r->len) &&
		    (err = reader_fill(r, at)))
			return err;
		k = (long)(r->from + r->len - at);
		k = k < n ? k : n;
		s16_to_float(r->pcm + (at - r->from) * ch, out, k * ch);
		at += k;
		out += k * ch;
		n -= k;
	}
	return 0;
}

struct spill_track {
	audio_stage base;
	spill_reader r;
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
			if ((err = spill_reader_read(&tr->r, p->offset + tr->t - p->at,
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
	spill_reader_release(&tr->r);
	free(tr);
}

int spill_track_new(audio_stage **out, spill *s, const spill_piece *pieces,
		    size_t n, long long total)
{
	struct spill_track *tr = xcalloc(1, sizeof(*tr));

	tr->base.fmt = s->fmt;
	tr->base.read = spill_track_read;
	tr->base.free = spill_track_free;
	spill_reader_init(&tr->r, s);
	tr->pieces = xcalloc(n ? n : 1, sizeof(*pieces));
	if (n)
		memcpy(tr->pieces, pieces, n * sizeof(*pieces));
	tr->n = n;
	tr->total = total;
	*out = &tr->base;
	return 0;
}
