/* encode_mp3_parallel.c - MP3 encoded in segments on several cores and
 * joined into one continuous stream (see encode_mp3_parallel.h). */
#include "audio/encode_mp3_parallel.h"
#include "base/error.h"
#include "base/thread.h"
#include "base/util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Segment geometry, in MP3 frames: SEG_SAMPLES of input per segment
 * at most (about 20 s at 44.1 kHz; fewer with many jobs), PREROLL frames
 * before the join window to prime the encoder; the window starts WINDOW
 * frames before the nominal boundary and the join may be made at its
 * first SPAN frames; TAIL frames of input after them so that LAME has put
 * out every frame in it.  Each segment costs LAME PREROLL + SPAN + TAIL
 * frames more than its share: 9 of 768 (1.2%; 18 before, with 8, 6 and
 * 4).  The join is nearly always at the window's first frame (90 of 91
 * on the 30-minute bulletin, the other at its second; 2 of 67 at its
 * third on 10 minutes of it in stereo at 128 kbit/s); a join not found
 * in SPAN frames is made by encoding the two segments again as one
 * (merge()).  Four frames of pre-roll (104 ms at 44.1 kHz) leave the
 * SNR against the source within 0.02 dB of a serial encode's in
 * test_mp3_parallel (0.01 with eight). */
enum {
	SEG_SAMPLES = 1152 * 768,
	PREROLL = 4,
	WINDOW = MP3_PAR_WINDOW,
	SPAN = 3,
	TAIL = 2,
	PCM_BUDGET = 16 << 20,   /* bytes of PCM held at once, at most */
	MIN_SEG = 128,           /* frames a segment has at least (3.3 s at
				    44.1 kHz: the overlaps cost 7% of it) */
	BLOCK = 4096,
	POOL = 8,                /* fresh encoders started at once, at most
				    (fewer with more jobs: take_encoder()) */
	SPARE = 2                /* segment buffers kept for the next ones */
};

/* One frame of a segment, its main data taken out of the reservoir. */
struct frame {
	size_t head;        /* header + side info in seg->heads */
	int head_len, size;   /* bytes; size: the whole frame */
	int mdb;            /* main_data_begin in the encoder's own stream */
	size_t main;        /* offset of its main data in seg->mains */
	int main_len;
};

struct seg {
	long long first;    /* global index of the encoder's frame 0 */
	long long keep;     /* global index of the first frame kept */
	float *pcm;
	long pcm_frames, pcm_cap;
	struct seg *base;   /* merged (see merge()): the input starts with */
	long base_frames;   /* base's first base_frames sample frames */
	int final;
	/* results */
	struct frame *frames;   /* global index keep + k */
	long n_frames;
	unsigned char *heads, *mains;
	size_t heads_len, mains_len;
	int state;          /* 0 waiting, 1 encoding, 2 done */
	err_ctx error;      /* the encoder's, for the joiner */
};

struct mp3_par {
	audio_format fmt;
	mp3_options opt;
	int jobs, frame_samples, mpeg1, max_mdb;
	int (*put)(void *ctx, const unsigned char *p, size_t n);
	void *ctx;
	long long seg_frames;       /* nominal frames per segment */
	long pcm_cap;               /* a segment's buffer, in sample frames */
	float *spare[SPARE];        /* buffers of segments joined, for reuse */
	int n_spare;                /* (fresh ones cost page faults) */
	long long input;            /* sample frames received */

	pthread_t *threads;
	int n_threads;
	atomic_int started;         /* workers started (their index) */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	int stop;
	struct seg **queue;         /* in flight, in order */
	int q_len, q_cap;
	struct seg *cur;            /* being filled */
	long long cur_end;          /* nominal end frame of cur */

	/* the joiner */
	struct seg *prev;           /* joined up to prev_next, the rest kept */
	long long prev_next;        /* next frame index of prev to place */
	long long prev_limit;       /* first frame of prev beyond its window */
	unsigned char *out;         /* placed frames not yet put out */
	size_t out_len, out_cap;
	/* pending frames' slots: where in out, where in the slot stream */
	struct slot { size_t at; long long pos; int len; } *slots;
	int n_slots, cap_slots;
	long long slot_pos;         /* slot-stream bytes placed so far */
	long long fill;             /* slot-stream end of the main data */
	long long frames_out, bytes_out;
	unsigned crc;               /* music CRC over the audio frames */
	unsigned short crc_table[256];
	long long *toc_pos;         /* byte offset of frame k*frames/... */
	size_t toc_n, toc_cap;      /* every TOC_STEP-th frame's offset */
	unsigned char info[2880];   /* LAME's info frame, as a template */
	size_t info_len;
	int delay;
	int finished;
	/* fresh encoders, for the segments to come (take_encoder()) */
	pthread_mutex_t pool_lock;
	lame_global_flags *pool[POOL];
	int n_pool, batch, pool_max;
	int merges;                 /* joins made by encoding again */
	int always_merge;           /* CRIEUR_MP3_JOIN=merge (tests) */
};

enum { TOC_STEP = 16 };

/* CRC-16 (polynomial 0x8005, reflected), as in the LAME tag: the table
 * of each byte's remainder (computed by crc16_table()). */
static void crc16_table(unsigned short t[256])
{
	for (unsigned b = 0; b < 256; b++) {
		unsigned crc = b;

		for (int k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ 0xA001 : crc >> 1;
		t[b] = (unsigned short)crc;
	}
}

static unsigned crc16(const unsigned short t[256], unsigned crc,
		      const unsigned char *p, size_t n)
{
	while (n--)
		crc = (crc >> 8) ^ t[(crc ^ *p++) & 0xFF];
	return crc & 0xFFFF;
}

/* Layer III header at h: frame size, side info end (header + CRC + side
 * info), or 0 when h is not one. */
static int frame_geometry(const unsigned char *h, int *size, int *head)
{
	static const int br1[16] = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128,
				     160, 192, 224, 256, 320, 0 };
	static const int br2[16] = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96,
				     112, 128, 144, 160, 0 };
	static const int sr[4][3] = { { 11025, 12000, 8000 }, { 0, 0, 0 },
				      { 22050, 24000, 16000 },
				      { 44100, 48000, 32000 } };
	int ver = (h[1] >> 3) & 3, bi = h[2] >> 4, si = (h[2] >> 2) & 3;
	int mono = (h[3] >> 6) == 3, rate, kbps;

	if (h[0] != 0xFF || (h[1] & 0xE0) != 0xE0 || ((h[1] >> 1) & 3) != 1 ||
	    ver == 1 || si == 3 || bi == 0 || bi == 15)
		return 0;
	rate = sr[ver][si];
	kbps = ver == 3 ? br1[bi] : br2[bi];
	*size = (ver == 3 ? 144 : 72) * kbps * 1000 / rate + ((h[2] >> 1) & 1);
	*head = 4 + (h[1] & 1 ? 0 : 2) +
		(ver == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17));
	return 1;
}

static unsigned bits(const unsigned char *p, int *at, int n)
{
	unsigned v = 0;

	for (int k = 0; k < n; k++, (*at)++)
		v = v << 1 | ((p[*at >> 3] >> (7 - (*at & 7))) & 1);
	return v;
}

/* main_data_begin and the main data's length in bytes, from the side
 * information of the frame at h. */
static void side_info(const unsigned char *h, int *mdb, int *len)
{
	int mpeg1 = ((h[1] >> 3) & 3) == 3, nch = (h[3] >> 6) == 3 ? 1 : 2;
	const unsigned char *s = h + 4 + (h[1] & 1 ? 0 : 2);
	int at = 0;
	long total = 0;

	*mdb = (int)bits(s, &at, mpeg1 ? 9 : 8);
	at += mpeg1 ? (nch == 1 ? 5 : 3) + 4 * nch : nch;
	for (int gr = 0; gr < (mpeg1 ? 2 : 1); gr++)
		for (int ch = 0; ch < nch; ch++) {
			total += bits(s, &at, 12);
			at += mpeg1 ? 47 : 51;
		}
	*len = (int)((total + 7) / 8);
}

static void set_mdb(unsigned char *h, int mdb)
{
	unsigned char *s = h + 4 + (h[1] & 1 ? 0 : 2);

	if (((h[1] >> 3) & 3) == 3) {
		s[0] = (unsigned char)(mdb >> 1);
		s[1] = (unsigned char)((s[1] & 0x7F) | (mdb & 1) << 7);
	} else {
		s[0] = (unsigned char)mdb;
	}
}

/* Split the encoder's stream (n bytes at b) into frames with their main
 * data, keeping those from global index seg->keep on. */
static int take_frames(struct seg *sg, const unsigned char *b, size_t n)
{
	unsigned char *slots = xcalloc(1, n + 1);   /* the slot stream */
	size_t at = 0, slot_len = 0, cap = 0;
	long long idx = sg->first;
	int err = 0;

	/* room for all: a frame's head and main data are parts of it (one
	 * realloc per frame for each, 860 000 on a 3-hour bulletin) */
	sg->heads = xrealloc(sg->heads, sg->heads_len + n + 1);
	sg->mains = xrealloc(sg->mains, sg->mains_len + n + 1);
	while (at + 4 <= n) {
		int size, head, mdb, len;
		struct frame *f;

		if (!frame_geometry(b + at, &size, &head)) {
			err = err_set(CRIEUR_EENCODE, "internal: the MP3 encoder "
				      "wrote something that is not a frame");
			break;
		}
		if (at + (size_t)size > n)
			break;   /* incomplete: past what is kept */
		side_info(b + at, &mdb, &len);
		memcpy(slots + slot_len, b + at + head, (size_t)(size - head));
		if ((long long)mdb > (long long)slot_len ||
		    slot_len - (size_t)mdb + (size_t)len > slot_len + (size_t)(size - head)) {
			err = err_set(CRIEUR_EENCODE, "internal: an MP3 frame's "
				      "main data is out of its stream");
			break;
		}
		if (idx >= sg->keep) {
			if ((size_t)sg->n_frames == cap) {
				cap = cap ? cap * 2 : 1024;
				sg->frames = xrealloc(sg->frames, cap * sizeof(*f));
			}
			f = &sg->frames[sg->n_frames++];
			f->head = sg->heads_len;
			f->head_len = head;
			f->size = size;
			f->mdb = mdb;
			f->main = sg->mains_len;
			f->main_len = len;
			memcpy(sg->heads + sg->heads_len, b + at, (size_t)head);
			sg->heads_len += (size_t)head;
			memcpy(sg->mains + sg->mains_len, slots + slot_len - mdb,
			       (size_t)len);
			sg->mains_len += (size_t)len;
		}
		slot_len += (size_t)(size - head);
		at += (size_t)size;
		idx++;
	}
	free(slots);
	return err;
}

struct bytes { unsigned char *p; size_t len, cap; };

static void bytes_add(struct bytes *b, const unsigned char *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

/* An encoder at work on a segment: LAME, and what it put out. */
struct encoding {
	lame_global_flags *l;
	struct bytes out;
	unsigned char *mp3;
	int ch;
};

enum { ENC_OUT = BLOCK * 5 / 4 + 7200 };

/* Encode the first `limit` sample frames of sg's input: its base's,
 * then its own. */
static int feed(struct encoding *e, const struct seg *sg, long limit)
{
	int err = 0;

	if (sg->base) {
		long n = sg->base_frames < limit ? sg->base_frames : limit;

		err = feed(e, sg->base, n);
		limit -= n;
	}
	limit = limit < sg->pcm_frames ? limit : sg->pcm_frames;
	for (long done = 0; !err && done < limit; ) {
		int n = (int)(limit - done > BLOCK ? BLOCK : limit - done);
		const float *x = sg->pcm + done * e->ch;
		int got;

		mp3_lame_enter();
		got = e->ch == 2 ?
			lame_encode_buffer_interleaved_ieee_float(e->l, x, n, e->mp3,
								  ENC_OUT) :
			lame_encode_buffer_ieee_float(e->l, x, x, n, e->mp3, ENC_OUT);
		mp3_lame_leave();
		if (got < 0)
			err = err_set(CRIEUR_EENCODE, "MP3 encoder failed (%d)", got);
		else
			bytes_add(&e->out, e->mp3, (size_t)got);
		done += n;
	}
	return err;
}

/* A fresh encoder for a segment.  Starting one stops every encoding call
 * of the process (mp3_lame_new()), and each stop cost the other workers
 * more than the start itself: a worker that waits gives up its CPU, and
 * gets it back a scheduler's slice later (2.5 ms a start on the 30-minute
 * bulletin, 94 starts; 0.25 s of a core idle in all).  So they start
 * several at a time, as many as segments have been started so far (1, 2,
 * 4 ... up to POOL: a short stream starts few it does not use), and wait
 * in the pool.  A fresh encoder holds about 0.75 MB of zeroed heap, in
 * the malloc arena of the worker that started it, where its memory goes
 * back when another closes it: the arenas of many workers keep more
 * (peak RSS of the 30-minute bulletin, 47.4 MB without a pool; 50.4,
 * 53.6 and 57.1 MB with batches of up to 4, 8 and 16 on two jobs; with
 * up to 8, 60.1 MB on 4 jobs and 83.2 MB on 16; the 3-hour one, 62.3 MB
 * on 4 jobs with up to 4).  So a batch is 32 / jobs^2 at most: 8 on two
 * jobs, 2 on four, 1 (as if there were no pool) from six on. */
static int take_encoder(struct mp3_par *p, lame_global_flags **out)
{
	int err = 0;

	pthread_mutex_lock(&p->pool_lock);
	if (!p->n_pool && !(err = mp3_lame_new(p->pool, p->batch, p->fmt,
					       &p->opt, 0))) {
		p->n_pool = p->batch;
		p->batch = p->batch * 2 < p->pool_max ? p->batch * 2 :
			   p->pool_max;
	}
	*out = err ? NULL : p->pool[--p->n_pool];
	pthread_mutex_unlock(&p->pool_lock);
	return err;
}

/* Encode one segment (a worker's job). */
static void encode_seg(struct mp3_par *p, struct seg *sg)
{
	struct encoding e = { .mp3 = xcalloc(1, ENC_OUT), .ch = p->fmt.channels };
	int err = take_encoder(p, &e.l);

	if (!err)
		err = feed(&e, sg, sg->base_frames + sg->pcm_frames);
	if (!err && sg->final) {
		int got = mp3_lame_flush(e.l, e.mp3, ENC_OUT);
		if (got < 0)
			err = err_set(CRIEUR_EENCODE, "MP3 encoder failed (%d)", got);
		else
			bytes_add(&e.out, e.mp3, (size_t)got);
	}
	if (!err)
		err = take_frames(sg, e.out.p, e.out.len);
	if (err)
		err_keep(&sg->error, err);
	free(e.out.p);
	free(e.mp3);
	if (e.l)
		lame_close(e.l);
}

static void *worker(void *arg)
{
	struct mp3_par *p = arg;

	thread_pin(atomic_fetch_add(&p->started, 1), p->jobs);
	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct seg *sg = NULL;

		for (int i = 0; i < p->q_len && !sg; i++)
			if (p->queue[i]->state == 0)
				sg = p->queue[i];
		if (!sg && p->stop)
			break;
		if (!sg) {
			pthread_cond_wait(&p->changed, &p->lock);
			continue;
		}
		sg->state = 1;
		pthread_mutex_unlock(&p->lock);
		encode_seg(p, sg);
		pthread_mutex_lock(&p->lock);
		sg->state = 2;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Free sg (NULL: nothing) and its base, its buffer kept for reuse when p
 * has room. */
static void seg_free(struct mp3_par *p, struct seg *sg)
{
	if (!sg)
		return;
	seg_free(p, sg->base);
	if (sg->pcm && sg->pcm_cap == p->pcm_cap && p->n_spare < SPARE)
		p->spare[p->n_spare++] = sg->pcm;
	else
		free(sg->pcm);
	free(sg->frames);
	free(sg->heads);
	free(sg->mains);
	free(sg);
}

/* Joins made by encoding again, by every writer of the process. */
static atomic_long merges_total;

long mp3_par_merges(void)
{
	return atomic_load(&merges_total);
}

/* ---- the joiner: frames placed one after the other ---- */

static void out_reserve(struct mp3_par *p, size_t n)
{
	if (p->out_len + n > p->out_cap) {
		p->out_cap = (p->out_len + n) * 2;
		p->out = xrealloc(p->out, p->out_cap);
	}
}

/* Put out the frames whose slots nothing can be written into any more. */
static int flush_settled(struct mp3_par *p, int all)
{
	long long floor = p->fill > p->slot_pos - p->max_mdb ?
			  p->fill : p->slot_pos - p->max_mdb;
	size_t upto;
	int k = 0, err;

	while (k < p->n_slots &&
	       (all || p->slots[k].pos + p->slots[k].len <= floor))
		k++;
	if (!k)
		return 0;
	/* the settled frames end where slot k-1 ends */
	upto = p->slots[k - 1].at + (size_t)p->slots[k - 1].len;
	p->crc = crc16(p->crc_table, p->crc, p->out, upto);
	if ((err = p->put(p->ctx, p->out, upto)))
		return err;
	memmove(p->out, p->out + upto, p->out_len - upto);
	p->out_len -= upto;
	memmove(p->slots, p->slots + k, (size_t)(p->n_slots - k) * sizeof(*p->slots));
	p->n_slots -= k;
	for (int i = 0; i < p->n_slots; i++)
		p->slots[i].at -= upto;
	return 0;
}

/* The main_data_begin frame f would get if placed now. */
static int room_before(const struct mp3_par *p)
{
	long long start = p->fill > p->slot_pos - p->max_mdb ?
			  p->fill : p->slot_pos - p->max_mdb;

	return (int)(p->slot_pos - start);
}

/* Place frame f of sg at the end of the stream. */
static int place(struct mp3_par *p, const struct seg *sg, const struct frame *f)
{
	int slot = f->size - f->head_len, mdb = room_before(p);
	long long start = p->slot_pos - mdb;
	const unsigned char *m = sg->mains + f->main;
	int left = f->main_len;

	if (start + f->main_len > p->slot_pos + slot)
		return err_set(CRIEUR_EENCODE, "internal: an MP3 frame does not "
			       "fit at a join of the parallel encoder");
	if (p->n_slots == p->cap_slots) {
		p->cap_slots = p->cap_slots ? p->cap_slots * 2 : 64;
		p->slots = xrealloc(p->slots, (size_t)p->cap_slots * sizeof(*p->slots));
	}
	out_reserve(p, (size_t)f->size);
	memcpy(p->out + p->out_len, sg->heads + f->head, (size_t)f->head_len);
	set_mdb(p->out + p->out_len, mdb);
	memset(p->out + p->out_len + f->head_len, 0, (size_t)slot);
	p->slots[p->n_slots].at = p->out_len + (size_t)f->head_len;
	p->slots[p->n_slots].pos = p->slot_pos;
	p->slots[p->n_slots++].len = slot;
	p->out_len += (size_t)f->size;
	p->slot_pos += slot;
	/* copy the main data into the slots from `start` on */
	for (int k = 0; k < p->n_slots && left > 0; k++) {
		struct slot *s = &p->slots[k];
		long long from = start > s->pos ? start : s->pos;
		long long to = s->pos + s->len;
		int n;

		if (from >= to)
			continue;
		n = (int)(to - from) < left ? (int)(to - from) : left;
		memcpy(p->out + s->at + (from - s->pos), m, (size_t)n);
		m += n;
		left -= n;
		start = from + n;
	}
	if (left)
		return err_set(CRIEUR_EENCODE, "internal: MP3 main data lost "
			       "at a join");
	p->fill = start;
	if (p->frames_out % TOC_STEP == 0) {
		if (p->toc_n == p->toc_cap) {
			p->toc_cap = p->toc_cap ? p->toc_cap * 2 : 256;
			p->toc_pos = xrealloc(p->toc_pos, p->toc_cap * sizeof(long long));
		}
		p->toc_pos[p->toc_n++] = p->bytes_out;
	}
	p->frames_out++;
	p->bytes_out += f->size;
	return flush_settled(p, 0);
}

/* Encode again, in one piece, a's input and sg's after it (LAME is
 * deterministic: the frames of a's range come out as they did, and the
 * rest continues them natively), keeping the frames from `from` on.  The
 * merged segment takes a (as its base: a's frames are freed, its input
 * kept) and sg's input, without copying them: a copy of both, 6.5 MB at
 * 44.1 kHz mono on two cores, was the peak of a 3-hour bulletin's memory
 * (60.0 MB; most long bulletins make a merge or two). */
static int merge(struct mp3_par *p, struct seg *a, struct seg *sg,
		 long long from, struct seg **out)
{
	struct seg *m = xcalloc(1, sizeof(*m));

	m->first = a->first;
	m->keep = from;
	m->final = sg->final;
	m->base = a;
	m->base_frames = (long)((sg->first - a->first) * p->frame_samples);
	m->pcm = sg->pcm;
	m->pcm_frames = sg->pcm_frames;
	m->pcm_cap = sg->pcm_cap;
	sg->pcm = NULL;
	free(a->frames);
	free(a->heads);
	free(a->mains);
	a->frames = NULL;
	a->heads = a->mains = NULL;
	a->n_frames = 0;
	a->heads_len = a->mains_len = 0;
	encode_seg(p, m);
	*out = m;
	if (m->error.code)
		return err_raise(&m->error);
	return m->n_frames ? 0 : err_set(CRIEUR_EENCODE, "internal: the MP3 "
					  "encoder lost frames at a join");
}

/* Join the next finished segment sg after p->prev: a's frames until the
 * window, then the first frame where sg finds the reservoir its encoder
 * had; if there is none (rare: sg's encoder had saved more than a left),
 * a and sg encoded again as one. */
static int join(struct mp3_par *p, struct seg *sg)
{
	struct seg *a = p->prev;
	int err = 0;

	if (sg->error.code)
		return err_raise(&sg->error);
	if (a) {
		long long s = p->prev_next;
		long long a_end = a->keep + a->n_frames;
		long long b_end = sg->keep + sg->n_frames;

		while (!err && s < a_end) {
			if (s >= sg->keep && s < b_end && !p->always_merge &&
			    room_before(p) >= sg->frames[s - sg->keep].mdb)
				break;
			err = place(p, a, &a->frames[s - a->keep]);
			s++;
		}
		/* no join found in the window (s == a_end, which may still
		 * be one of sg's frames: its reservoir must fit too) */
		if (!err && (s < sg->keep || s >= b_end || p->always_merge ||
			     room_before(p) < sg->frames[s - sg->keep].mdb)) {
			struct seg *m = NULL;

			p->merges++;
			atomic_fetch_add(&merges_total, 1);
			err = merge(p, a, sg, s, &m);
			seg_free(p, sg);
			sg = m;
			a = NULL;   /* m's base now */
		}
		p->prev_next = s;
	} else {
		p->prev_next = sg->keep;
	}
	seg_free(p, a);
	p->prev = sg;
	return err;
}

/* ---- the producer: segments cut, queued, joined in order ---- */

static struct seg *seg_new(struct mp3_par *p, long long index)
{
	struct seg *sg = xcalloc(1, sizeof(*sg));
	long long end = (index + 1) * p->seg_frames - WINDOW + SPAN + TAIL;

	sg->first = index ? index * p->seg_frames - WINDOW - PREROLL : 0;
	sg->keep = index ? index * p->seg_frames - WINDOW : 0;
	sg->pcm_cap = (long)((end - sg->first) * p->frame_samples);
	if (sg->pcm_cap == p->pcm_cap && p->n_spare)
		sg->pcm = p->spare[--p->n_spare];
	else
		sg->pcm = xrealloc(NULL, (size_t)sg->pcm_cap *
				   (size_t)p->fmt.channels * sizeof(float));
	return sg;
}

/* Join the finished segments at the head of the queue; wait for the
 * head when `wait`.  Called by the writer. */
static int drain(struct mp3_par *p, int wait)
{
	int err = 0;

	pthread_mutex_lock(&p->lock);
	while (!err && p->q_len > 0) {
		struct seg *sg = p->queue[0];

		if (sg->state != 2) {
			if (!wait)
				break;
			pthread_cond_wait(&p->changed, &p->lock);
			continue;
		}
		memmove(p->queue, p->queue + 1, (size_t)--p->q_len * sizeof(*p->queue));
		pthread_mutex_unlock(&p->lock);
		err = join(p, sg);
		pthread_mutex_lock(&p->lock);
		wait = wait > 1 ? wait : 0;   /* 1: one segment; 2: all */
	}
	pthread_mutex_unlock(&p->lock);
	return err;
}

/* Queue the current segment (and start the next from its overlap). */
static int submit(struct mp3_par *p, int final)
{
	struct seg *sg = p->cur, *next = NULL;
	int ch = p->fmt.channels, err = 0;

	while (!err && p->q_len >= p->q_cap)   /* bounded memory */
		err = drain(p, 1);
	if (err)
		return err;
	sg->final = final;
	if (!final) {
		long long index = (sg->keep + WINDOW) / p->seg_frames + 1;
		long from;

		next = seg_new(p, index);
		from = (long)((next->first - sg->first) * p->frame_samples);
		next->pcm_frames = sg->pcm_frames - from;
		memcpy(next->pcm, sg->pcm + (size_t)from * (size_t)ch,
		       (size_t)next->pcm_frames * (size_t)ch * sizeof(float));
	}
	p->cur = next;
	pthread_mutex_lock(&p->lock);
	p->queue[p->q_len++] = sg;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	return drain(p, 0);
}

int mp3_par_write(mp3_par *p, const float *buf, long frames)
{
	int ch = p->fmt.channels, err = 0;

	while (!err && frames > 0) {
		struct seg *sg = p->cur;
		long n = sg->pcm_cap - sg->pcm_frames;

		n = n < frames ? n : frames;
		memcpy(sg->pcm + (size_t)sg->pcm_frames * (size_t)ch, buf,
		       (size_t)n * (size_t)ch * sizeof(float));
		sg->pcm_frames += n;
		p->input += n;
		buf += n * ch;
		frames -= n;
		if (sg->pcm_frames == sg->pcm_cap)
			err = submit(p, 0);
	}
	return err;
}

int mp3_par_finish(mp3_par *p)
{
	int err = submit(p, 1);

	if (!err)
		err = drain(p, 2);
	for (long long s = p->prev_next;
	     !err && p->prev && s < p->prev->keep + p->prev->n_frames; s++)
		err = place(p, p->prev, &p->prev->frames[s - p->prev->keep]);
	if (!err)
		err = flush_settled(p, 1);
	p->finished = !err;
	return err;
}

size_t mp3_par_info_size(const mp3_par *p)
{
	return p->info_len;
}

static void put_be32(unsigned char *b, unsigned long v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

/* Byte offset of audio frame k, from the seek points kept every
 * TOC_STEP frames (interpolated between them). */
static double frame_offset(const mp3_par *p, long long k)
{
	size_t i = (size_t)(k / TOC_STEP);
	double a, b;

	if (i + 1 >= p->toc_n)
		return i < p->toc_n ? (double)p->toc_pos[i] : (double)p->bytes_out;
	a = (double)p->toc_pos[i];
	b = (double)p->toc_pos[i + 1];
	return a + (b - a) * (double)(k % TOC_STEP) / TOC_STEP;
}

int mp3_par_info_frame(mp3_par *p, unsigned char *buf)
{
	int size, head;
	unsigned char *t = buf, *lame;
	long long bytes = (long long)p->info_len + p->bytes_out;
	long long padding = p->frames_out * p->frame_samples - p->input - p->delay;

	if (!p->finished || !p->info_len)
		return err_set(CRIEUR_EENCODE, "internal: no MP3 info frame");
	memcpy(t, p->info, p->info_len);
	if (!frame_geometry(t, &size, &head) || (size_t)head + 156 > p->info_len ||
	    (memcmp(t + head, "Info", 4) && memcmp(t + head, "Xing", 4)))
		return err_set(CRIEUR_EENCODE, "internal: LAME's info frame has "
			       "an unknown layout");
	if (padding < 0 || padding > 4095 || p->delay > 4095)
		return err_set(CRIEUR_EENCODE, "internal: MP3 padding %lld out "
			       "of range", padding);
	t += head;
	put_be32(t + 4, 0x0F);   /* frames, bytes, seek table, quality */
	put_be32(t + 8, (unsigned long)p->frames_out);
	put_be32(t + 12, (unsigned long)bytes);
	for (int i = 0; i < 100; i++) {
		double at = p->info_len + frame_offset(p, p->frames_out * i / 100);
		int v = (int)(256.0 * at / (double)bytes);
		t[16 + i] = (unsigned char)(v > 255 ? 255 : v);
	}
	lame = t + 120;
	lame[21] = (unsigned char)(p->delay >> 4);
	lame[22] = (unsigned char)((p->delay & 15) << 4 | (int)(padding >> 8));
	lame[23] = (unsigned char)(padding & 0xFF);
	put_be32(lame + 28, (unsigned long)bytes);
	lame[32] = (unsigned char)(p->crc >> 8);
	lame[33] = (unsigned char)p->crc;
	{
		unsigned c = crc16(p->crc_table, 0, buf, (size_t)head + 154);
		lame[34] = (unsigned char)(c >> 8);
		lame[35] = (unsigned char)c;
	}
	return 0;
}

/* LAME's info frame for this configuration, as a template, and its
 * encoder delay. */
static int info_template(struct mp3_par *p)
{
	lame_global_flags *l = NULL;
	float *zero = xcalloc((size_t)p->frame_samples * 2, sizeof(float));
	unsigned char *mp3 = xcalloc(1, 16384);
	int err = mp3_lame_new(&l, 1, p->fmt, &p->opt, 1), got = 0;

	if (!err) {
		p->frame_samples = lame_get_framesize(l);
		p->delay = lame_get_encoder_delay(l);
		mp3_lame_enter();
		got = lame_encode_buffer_ieee_float(l, zero, zero, 1152, mp3, 16384);
		mp3_lame_leave();
		if (got < 0 || mp3_lame_flush(l, mp3, 16384) < 0)
			err = err_set(CRIEUR_EENCODE, "MP3 encoder failed");
	}
	if (!err)
		p->info_len = lame_get_lametag_frame(l, p->info, sizeof(p->info));
	if (l)
		lame_close(l);
	free(zero);
	free(mp3);
	return err;
}

/* The frames a segment may have with `jobs` threads, the PCM held within
 * PCM_BUDGET: the segments queued or encoding (jobs + 1), the one being
 * filled and the last one joined, each with its overlaps. */
static long frames_fitting(audio_format fmt, int jobs)
{
	return PCM_BUDGET / ((long)(jobs + 3) * 4L * 1152 * fmt.channels) -
	       PREROLL - 2 * WINDOW - TAIL;
}

int mp3_par_jobs(audio_format fmt, int jobs)
{
	jobs = jobs < 1 ? 1 : jobs > MP3_PAR_MAX_JOBS ? MP3_PAR_MAX_JOBS : jobs;
	while (jobs > 1 && frames_fitting(fmt, jobs) < MIN_SEG)
		jobs--;
	return jobs;
}

long mp3_par_segment_samples(audio_format fmt, int jobs)
{
	long n = frames_fitting(fmt, mp3_par_jobs(fmt, jobs));

	/* at least MIN_SEG: mp3_par_jobs() saw to it (one job fits 433
	 * frames in stereo) */
	return (n > SEG_SAMPLES / 1152 ? SEG_SAMPLES / 1152 : n) * 1152;
}

int mp3_par_new(mp3_par **out, audio_format fmt, const mp3_options *opt,
		int jobs, int (*put)(void *ctx, const unsigned char *p, size_t n),
		void *ctx)
{
	struct mp3_par *p = xcalloc(1, sizeof(*p));
	int err;
	*out = NULL;
	p->fmt = fmt;
	if (opt)
		p->opt = *opt;
	else
		p->opt.quality = 5;
	p->opt.tag = NULL;
	p->put = put;
	p->ctx = ctx;
	p->frame_samples = 1152;
	if ((err = info_template(p))) {
		free(p);
		return err;
	}
	p->mpeg1 = p->frame_samples == 1152;
	p->max_mdb = p->mpeg1 ? 511 : 255;
	p->jobs = mp3_par_jobs(fmt, jobs);
	p->seg_frames = mp3_par_segment_samples(fmt, p->jobs) / p->frame_samples;
	p->pcm_cap = (long)((p->seg_frames + SPAN + PREROLL + TAIL) *
			    p->frame_samples);
	crc16_table(p->crc_table);
	p->q_cap = p->jobs + 1;   /* one ready when a worker is done */
	p->always_merge = getenv("CRIEUR_MP3_JOIN") &&
			  !strcmp(getenv("CRIEUR_MP3_JOIN"), "merge");
	p->queue = xcalloc((size_t)p->q_cap + 1, sizeof(*p->queue));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	pthread_mutex_init(&p->pool_lock, NULL);
	p->batch = 1;
	p->pool_max = 32 / (p->jobs * p->jobs);
	p->pool_max = p->pool_max > POOL ? POOL : p->pool_max < 1 ? 1 :
		      p->pool_max;
	p->n_threads = p->jobs;
	atomic_init(&p->started, 0);
	p->threads = xcalloc((size_t)p->n_threads, sizeof(*p->threads));
	for (int i = 0; i < p->n_threads; i++)
		if (pthread_create(&p->threads[i], NULL, worker, p)) {
			p->n_threads = i;
			if (!i) {
				mp3_par_free(p);
				return err_set(CRIEUR_ENOMEM, "cannot start a thread");
			}
			break;
		}
	p->cur = seg_new(p, 0);
	*out = p;
	return 0;
}

void mp3_par_free(mp3_par *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	/* queued segments nobody started: drop them */
	for (int i = 0; i < p->q_len; i++)
		if (p->queue[i]->state == 0)
			p->queue[i]->state = 3;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->n_threads; i++)
		pthread_join(p->threads[i], NULL);
	for (int i = 0; i < p->q_len; i++)
		seg_free(p, p->queue[i]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	while (p->n_pool)
		lame_close(p->pool[--p->n_pool]);
	pthread_mutex_destroy(&p->pool_lock);
	seg_free(p, p->cur);
	seg_free(p, p->prev);
	while (p->n_spare)
		free(p->spare[--p->n_spare]);
	free(p->queue);
	free(p->threads);
	free(p->out);
	free(p->slots);
	free(p->toc_pos);
	free(p);
}
