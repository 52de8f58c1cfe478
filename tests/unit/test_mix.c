/* test_mix.c - mixer and ducking, looping, spill, async, timeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/async.h"
#include "audio/loop.h"
#include "audio/mix.h"
#include "audio/sndfile_io.h"
#include "audio/spill.h"
#include "base/error.h"
#include "base/util.h"
#include "bulletin/timeline.h"

/* A source of constant-amplitude sine bursts: on for `on` frames, off for
 * `off`, repeated, `frames` long (off = 0: a plain tone). */
struct burst {
	audio_stage base;
	double freq, amp;
	long on, off;
	long long pos, frames;
};

static long burst_read(audio_stage *self, float *buf, long frames)
{
	struct burst *b = (struct burst *)self;
	long n = b->frames - b->pos < frames ? (long)(b->frames - b->pos) : frames;

	for (long i = 0; i < n; i++) {
		long long p = b->pos + i;
		int active = !b->off || p % (b->on + b->off) < b->on;
		float v = active ? (float)(b->amp * sin(2 * M_PI * b->freq * (double)p /
						       self->fmt.rate)) : 0;
		for (int c = 0; c < self->fmt.channels; c++)
			buf[i * self->fmt.channels + c] = v;
	}
	b->pos += n;
	return n;
}

static void burst_free(audio_stage *self)
{
	free(self);
}

static audio_stage *burst_new(int rate, int ch, double freq, double amp,
			      long on, long off, long long frames)
{
	struct burst *b = xcalloc(1, sizeof(*b));

	b->base.fmt.rate = rate;
	b->base.fmt.channels = ch;
	b->base.read = burst_read;
	b->base.free = burst_free;
	b->freq = freq;
	b->amp = amp;
	b->on = on;
	b->off = off;
	b->frames = frames;
	return &b->base;
}

static float *read_all(audio_stage *s, long long expect)
{
	float *x = xcalloc((size_t)(expect + 1) * (size_t)s->fmt.channels, sizeof(float));
	long long done = 0;
	long got;

	while ((got = stage_read(s, x + done * s->fmt.channels, 1000)) > 0)
		done += got;
	assert_true(got == 0);
	assert_int_equal(done, expect);
	return x;
}

/* RMS in dBFS of channel 0 over [from, from + n). */
static double rms_db(const float *x, int ch, long from, long n)
{
	double sum = 0;

	for (long i = from; i < from + n; i++)
		sum += (double)x[i * ch] * x[i * ch];
	return 10 * log10(sum / n + 1e-20);
}

/* Largest sample-to-sample jump in channel 0. */
static double max_jump(const float *x, int ch, long n)
{
	double m = 0;

	for (long i = 1; i < n; i++)
		m = fmax(m, fabs(x[i * ch] - x[(i - 1) * ch]));
	return m;
}

static void mixer_ducks_bed_under_voice(void **state)
{
	const int rate = 8000;
	audio_format fmt = { rate, 1 };
	mix_duck duck = { -12, 80, 600, 400, -45 };
	audio_stage *m;
	float *x;

	assert_int_equal(mixer_new(&m, fmt, 10 * rate, &duck), 0);
	/* bed: a 100 Hz tone at -20 dBFS for 10 s; voice: a 1 kHz tone from
	 * 3 s to 6 s only (no speech before or after) */
	mixer_add(m, burst_new(rate, 1, 100, 0.1, 0, 0, 10 * rate), 0, -1, 0,
		  MIX_BED, 0, 0);
	mixer_add(m, burst_new(rate, 1, 1000, 0.3, 0, 0, 3 * rate), 3 * rate, -1,
		  0, MIX_VOICE, 0, 0);
	x = read_all(m, 10 * rate);
	/* before the voice: the bed at its level (-23 dB RMS for amp 0.1) */
	assert_true(fabs(rms_db(x, 1, rate, rate) - -23.0) < 0.3);
	/* after the voice has gone on 0.5 s: bed down by 12 dB.  Measure
	 * the bed alone by subtracting the known voice. */
	{
		double sum = 0;
		for (long i = 4 * rate; i < 5 * rate; i++) {
			double v = x[i] - 0.3 * sin(2 * M_PI * 1000 * (double)(i - 3 * rate) / rate);
			sum += v * v;
		}
		assert_true(fabs(10 * log10(sum / rate) - -35.0) < 0.5);
	}
	/* 1.5 s after the voice stops: back to its level */
	assert_true(fabs(rms_db(x, 1, (long)(7.5 * rate), rate / 2) - -23.0) < 0.3);
	free(x);
	stage_free(m);
}

static void mixer_holds_through_short_pauses(void **state)
{
	const int rate = 8000;
	audio_format fmt = { rate, 1 };
	mix_duck duck = { -12, 80, 600, 400, -45 };
	audio_stage *m;
	float *x;
	double min_db = 0, max_db = -100;

	assert_int_equal(mixer_new(&m, fmt, 6 * rate, &duck), 0);
	mixer_add(m, burst_new(rate, 1, 100, 0.1, 0, 0, 6 * rate), 0, -1, 0,
		  MIX_BED, 0, 0);
	/* speech-like: 0.8 s on, 0.25 s off */
	mixer_add(m, burst_new(rate, 1, 1000, 0.3, rate * 8 / 10, rate / 4, 5 * rate),
		  0, -1, 0, MIX_VOICE, 0, 0);
	x = read_all(m, 6 * rate);
	stage_free(m);
	/* in the pauses after the first second, the bed stays ducked */
	for (long p = rate; p + rate < 5 * rate; p += rate * 105 / 100) {
		long pause = (p / (rate * 105 / 100)) * (rate * 105 / 100) + rate * 8 / 10;
		double db = rms_db(x, 1, pause + 200, rate / 4 - 400);
		min_db = fmin(min_db, db);
		max_db = fmax(max_db, db);
	}
	assert_true(max_db < -33.5);
	free(x);
}

/* The ducked bed comes out the same, sample for sample, whatever the
 * size of the reads: the ducking envelope's steps are counted from the
 * mixer's start, not from each block (reads of 1 to 4096 frames, in
 * stereo, against reads of 1000). */
static void mixer_ducks_alike_any_read_size(void **state)
{
	const int rate = 8000;
	audio_format fmt = { rate, 2 };
	mix_duck duck = { -12, 80, 600, 400, -45 };
	const long reads[] = { 1, 7, 333, 4096 };
	float *ref = NULL;

	(void)state;
	for (int k = -1; k < (int)(sizeof(reads) / sizeof(*reads)); k++) {
		audio_stage *m;
		float *x;
		long long done = 0;
		long got, want = k < 0 ? 1000 : reads[k];

		assert_int_equal(mixer_new(&m, fmt, 6 * rate, &duck), 0);
		mixer_add(m, burst_new(rate, 2, 100, 0.1, 0, 0, 6 * rate), 0, -1,
			  0, MIX_BED, 0, 0);
		mixer_add(m, burst_new(rate, 2, 1000, 0.3, rate * 8 / 10,
				       rate / 2, 5 * rate), rate / 3, -1, 0,
			  MIX_VOICE, 0, 0);
		x = xcalloc((size_t)(6 * rate + 4096) * 2, sizeof(float));
		while ((got = stage_read(m, x + done * 2, want)) > 0)
			done += got;
		stage_free(m);
		assert_int_equal(done, 6 * rate);
		if (k < 0)
			ref = x;
		else {
			assert_memory_equal(x, ref, (size_t)done * 2 * sizeof(float));
			free(x);
		}
	}
	free(ref);
}

static void mixer_fades_are_click_free(void **state)
{
	const int rate = 44100;
	audio_format fmt = { rate, 2 };
	audio_stage *m;
	float *x;

	assert_int_equal(mixer_new(&m, fmt, 3 * rate, NULL), 0);
	mixer_add(m, burst_new(rate, 2, 440, 0.5, 0, 0, 10 * rate), rate / 2,
		  2 * rate, -6, MIX_BED, rate / 2, rate / 2);
	x = read_all(m, 3 * rate);
	stage_free(m);
	/* a 440 Hz sine of amplitude 0.25 moves at most 0.016 per sample;
	 * fades must not add jumps */
	assert_true(max_jump(x, 2, 3 * rate) < 0.017);
	assert_true(fabs(x[(rate / 2 - 1) * 2]) < 1e-6);     /* silent before */
	assert_true(fabs(x[(long)(2.6 * rate) * 2]) < 1e-6); /* and after */
	free(x);
}

static void loop_joins_without_click(void **state)
{
	audio_format fmt = { 8000, 1 };
	audio_stage *src = burst_new(8000, 1, 123.4, 0.5, 0, 0, 8000);  /* not periodic */
	audio_stage *l;
	spill *sp;
	long long off, n;
	float *x = xcalloc(8000 * 5, sizeof(float));

	assert_int_equal(spill_new(&sp, fmt), 0);
	assert_int_equal(spill_append(sp, src, &off, &n), 0);
	stage_free(src);
	assert_int_equal(loop_new(&l, sp, off, n, 100), 0);
	assert_int_equal(stage_read(l, x, 8000 * 5), 8000 * 5);
	/* 123.4 Hz at 0.5 moves at most ~0.049 per sample (~0.069 where the
	 * equal-power crossfade sums two phases of it); the join of a plain
	 * cut would jump by up to 1.0 */
	assert_true(max_jump(x, 1, 8000 * 5) < 0.075);
	stage_free(l);
	assert_int_equal(loop_new(&l, sp, off, 300, 100), CRIEUR_EINVAL);
	spill_free(sp);
	free(x);
}

/* loop_skip() moves a loop on as reading would: within the first cycle,
 * to the crossfade, and over several later cycles (which start past the
 * head the fade played). */
static void loop_skip_is_reading(void **state)
{
	audio_format fmt = { 8000, 1 };
	audio_stage *src = burst_new(8000, 1, 123.4, 0.5, 0, 0, 4000), *a, *b;
	const long long skips[] = { 0, 1, 2999, 3200, 3999, 4000, 4001, 7199,
				    7200, 31111 };
	spill *sp;
	long long off, n;
	float *x = xcalloc(9000, sizeof(float)), *y = xcalloc(9000, sizeof(float));

	assert_int_equal(spill_new(&sp, fmt), 0);
	assert_int_equal(spill_append(sp, src, &off, &n), 0);
	stage_free(src);
	for (size_t i = 0; i < sizeof(skips) / sizeof(*skips); i++) {
		assert_int_equal(loop_new(&a, sp, off, n, 100), 0);
		assert_int_equal(loop_new(&b, sp, off, n, 100), 0);
		for (long long k = skips[i]; k > 0; k -= 9000)
			assert_int_equal(stage_read(a, x, k < 9000 ? (long)k : 9000),
					 k < 9000 ? k : 9000);
		loop_skip(b, skips[i]);
		assert_int_equal(stage_read(a, x, 9000), 9000);
		assert_int_equal(stage_read(b, y, 9000), 9000);
		assert_memory_equal(x, y, 9000 * sizeof(float));
		/* a second skip goes on from there */
		assert_int_equal(stage_read(a, x, 5000), 5000);
		loop_skip(b, 5000);
		assert_int_equal(stage_read(a, x, 100), 100);
		assert_int_equal(stage_read(b, y, 100), 100);
		assert_memory_equal(x, y, 100 * sizeof(float));
		stage_free(a);
		stage_free(b);
	}
	loop_skip(NULL, 5);   /* not a loop: nothing */
	spill_free(sp);
	free(x);
	free(y);
}

/* A mixer started part-way (tracks at negative starts, their sources
 * moved on that far) gives the rest of the whole mix: fades and lengths
 * count from each track's own beginning, tracks over before the start
 * are left out. */
static void mixer_starts_part_way(void **state)
{
	const int rate = 8000;
	audio_format fmt = { rate, 2 };
	const long long total = 5 * rate, from = 2 * rate + 123;
	audio_stage *m;
	float *whole, *part, *skip = xcalloc((size_t)from * 2, sizeof(float));

	assert_int_equal(mixer_new(&m, fmt, total, NULL), 0);
	mixer_add(m, burst_new(rate, 2, 440, 0.5, 0, 0, 10 * rate), rate,
		  3 * rate, -6, MIX_BED, rate + rate / 2, rate / 2);
	mixer_add(m, burst_new(rate, 2, 300, 0.3, 100, 50, 10 * rate), 0,
		  -1, 0, MIX_JINGLE, 0, 0);
	mixer_add(m, burst_new(rate, 2, 500, 0.3, 0, 0, rate), rate / 2,
		  -1, 0, MIX_JINGLE, 0, 0);   /* over before `from` */
	whole = read_all(m, total);
	stage_free(m);
	assert_int_equal(mixer_new(&m, fmt, total - from, NULL), 0);
	{
		audio_stage *bed = burst_new(rate, 2, 440, 0.5, 0, 0, 10 * rate);
		audio_stage *j = burst_new(rate, 2, 300, 0.3, 100, 50, 10 * rate);

		assert_int_equal(stage_read(bed, skip, from - rate), from - rate);
		assert_int_equal(stage_read(j, skip, from), from);
		mixer_add(m, bed, rate - from, 3 * rate, -6, MIX_BED,
			  rate + rate / 2, rate / 2);
		mixer_add(m, j, -from, -1, 0, MIX_JINGLE, 0, 0);
	}
	part = read_all(m, total - from);
	stage_free(m);
	assert_memory_equal(whole + from * 2, part,
			    (size_t)(total - from) * 2 * sizeof(float));
	free(whole);
	free(part);
	free(skip);
}

static void spill_places_pieces(void **state)
{
	audio_format fmt = { 8000, 1 };
	spill *sp;
	long long off1, n1, off2, n2;
	audio_stage *a = burst_new(8000, 1, 500, 0.5, 0, 0, 800);
	audio_stage *b = burst_new(8000, 1, 700, 0.25, 0, 0, 400);
	float *x;

	assert_int_equal(spill_new(&sp, fmt), 0);
	assert_int_equal(spill_append(sp, a, &off1, &n1), 0);
	assert_int_equal(spill_append(sp, b, &off2, &n2), 0);
	assert_int_equal(off1, 0);
	assert_int_equal(n1, 800);
	assert_int_equal(off2, 800);
	assert_int_equal(n2, 400);
	{
		spill_piece p[2] = { { 100, off1, n1 }, { 2000, off2, n2 } };
		audio_stage *t;

		assert_int_equal(spill_track_new(&t, sp, p, 2, 3000), 0);
		x = read_all(t, 3000);
		stage_free(t);
	}
	assert_true(x[99] == 0 && x[1000] == 0 && x[2999] == 0);
	assert_true(fabs(rms_db(x, 1, 100, 800) - (20 * log10(0.5 / sqrt(2)))) < 0.1);
	assert_true(fabs(rms_db(x, 1, 2000, 400) - (20 * log10(0.25 / sqrt(2)))) < 0.2);
	free(x);
	stage_free(a);
	stage_free(b);
	spill_free(sp);
}

/* The end of a chain, seen once on the reading thread (pass C's mix
 * discards the speech's and the music's files there, while the
 * encoders finish): not on a full read, once on the short one, before
 * it returns, never again.  After spill_discard() the spill's frames
 * are gone: a read is refused, not silence. */
static int ends_seen;
static long long spill_len_at_end;
static spill *ending_spill;

static void on_end(void *ctx)
{
	ends_seen++;
	spill_len_at_end = spill_length(ending_spill);
	spill_discard(ctx);
}

static void chain_end_discards_spill(void **state)
{
	audio_format fmt = { 8000, 1 };
	audio_stage *a = burst_new(8000, 1, 500, 0.5, 0, 0, 800), *t, *e;
	spill_piece p = { 0, 0, 800 };
	long long off, n;
	float x[1000];

	(void)state;
	assert_int_equal(spill_new(&ending_spill, fmt), 0);
	assert_int_equal(spill_append(ending_spill, a, &off, &n), 0);
	stage_free(a);
	assert_int_equal(spill_track_new(&t, ending_spill, &p, 1, 1000), 0);
	assert_int_equal(stage_on_end_new(&e, t, on_end, ending_spill), 0);
	assert_int_equal(stage_read(e, x, 600), 600);
	assert_int_equal(ends_seen, 0);
	assert_int_equal(spill_read(ending_spill, 0, x, 800), 0);
	assert_int_equal(stage_read(e, x, 600), 400);   /* the end */
	assert_int_equal(ends_seen, 1);
	assert_int_equal(spill_len_at_end, 800);
	assert_int_equal(stage_read(e, x, 600), 0);
	assert_int_equal(ends_seen, 1);
	assert_int_equal(spill_read(ending_spill, 0, x, 800), CRIEUR_EIO);
	stage_free(e);
	spill_free(ending_spill);
}

/* A reader gives what spill_read gives, at any position and length:
 * across its read-ahead's edges, backwards, in stereo; and refuses
 * frames past the end as spill_read does. */
static void spill_reader_reads_like_spill_read(void **state)
{
	audio_format fmt = { 8000, 2 };
	long total = 3 * SPILL_AHEAD_BYTES / 4 + 777;   /* frames: 3 fills */
	audio_stage *src = burst_new(8000, 2, 321, 0.7, 0, 0, total);
	static const long at[][2] = { { 0, 10 }, { 10, 4000 }, { 4010, 5000 },
		{ 8191, 2 }, { 5, 3 }, { 9000, 8192 }, { 17000, 0 } };
	float *x = xcalloc(2 * 9000, sizeof(float)),
	      *y = xcalloc(2 * 9000, sizeof(float));
	long long off, n;
	spill_reader r;
	spill *sp;

	assert_int_equal(spill_new(&sp, fmt), 0);
	assert_int_equal(spill_append(sp, src, &off, &n), 0);
	stage_free(src);
	assert_int_equal(n, total);
	spill_reader_init(&r, sp);
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		long from = at[i][0], k = at[i][1] ? at[i][1] : total - from;

		assert_int_equal(spill_read(sp, from, x, k), 0);
		memset(y, 0xff, 2 * 9000 * sizeof(float));
		assert_int_equal(spill_reader_read(&r, from, y, k), 0);
		assert_memory_equal(x, y, (size_t)k * 2 * sizeof(float));
	}
	assert_true(fabs(x[2 * 100]) + fabs(x[2 * 101]) > 0.1);   /* not silence */
	assert_int_equal(spill_reader_read(&r, total - 5, y, 6), CRIEUR_EIO);
	assert_int_equal(spill_reader_read(&r, -1, y, 6), CRIEUR_EIO);
	assert_int_equal(spill_read(sp, total - 5, x, 6), CRIEUR_EIO);
	spill_reader_release(&r);
	spill_free(sp);
	free(x);
	free(y);
}

/* Everything comes through in order, whatever the ring, the batch and
 * the reads (larger than the ring, a ring not a multiple of the worker's
 * block: a wait on both sides would hang here). */
static void async_passes_everything_in_order(void **state)
{
	static const long cases[][3] = {   /* ring, batch, read */
		{ 5000, 0, 1000 }, { 5000, 0, 7000 }, { 5000, 3000, 1000 },
		{ 44100, 22050, 4096 }, { 4096, 0, 9000 }, { 10000, 100000, 333 },
		{ 12345, 6000, 12345 },
	};
	audio_stage *direct = burst_new(8000, 2, 300, 0.5, 100, 50, 100000);
	audio_stage *threaded;
	float *x, *y = xcalloc(100000 * 2 + 20000, sizeof(float));

	x = read_all(direct, 100000);
	stage_free(direct);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		long done = 0, got;

		assert_int_equal(async_new(&threaded, burst_new(8000, 2, 300, 0.5,
								100, 50, 100000),
					   cases[i][0], cases[i][1]), 0);
		while ((got = stage_read(threaded, y + done * 2, cases[i][2])) > 0)
			done += got;
		assert_int_equal(got, 0);
		assert_int_equal(done, 100000);
		assert_memory_equal(x, y, 100000 * 2 * sizeof(float));
		stage_free(threaded);
	}
	/* freeing before the end stops the worker cleanly */
	assert_int_equal(async_new(&threaded, burst_new(8000, 1, 300, 0.5, 0, 0,
							1000000), 4096, 0), 0);
	stage_free(threaded);
	assert_int_equal(async_new(&threaded, burst_new(8000, 1, 300, 0.5, 0, 0,
							1000000), 9000, 5000), 0);
	assert_int_equal(stage_read(threaded, y, 10), 10);
	stage_free(threaded);
	free(x);
	free(y);
}

static void timeline_lays_out_items(void **state)
{
	long long items[3] = { 1000, 2000, 500 };
	timeline_input in = { 100, 400, 300, 50, items, 3, 1.0, 1.0, 1 };
	timeline tl;

	timeline_layout(&in, &tl);
	assert_int_equal(tl.item_at[0], 300);              /* 4 s intro - 1 s talk-up */
	assert_int_equal(tl.sting_at[0], 1300 + 100);      /* after a gap */
	assert_int_equal(tl.item_at[1], 1400 + 50 + 100);  /* sting, gap */
	assert_int_equal(tl.item_at[2], 1550 + 2000 + 250);
	assert_int_equal(tl.sting_at[2], -1);
	assert_int_equal(tl.outro_at, 3800 + 500 + 100);
	assert_int_equal(tl.total, 4400 + 300);
	assert_int_equal(tl.bed_from, 150);
	timeline_release(&tl);
	/* the gap that makes it last 60 s: 5 gaps absorb 60 - 42 - 5 = 13 s */
	assert_true(fabs(timeline_gap_for(&in, 60) - (60.0 - 42.0) / 5) < 1e-9);
	in.gap = timeline_gap_for(&in, 60);
	timeline_layout(&in, &tl);
	assert_int_equal(tl.total, 6000);
	timeline_release(&tl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mixer_ducks_bed_under_voice),
		cmocka_unit_test(mixer_holds_through_short_pauses),
		cmocka_unit_test(mixer_ducks_alike_any_read_size),
		cmocka_unit_test(mixer_fades_are_click_free),
		cmocka_unit_test(loop_joins_without_click),
		cmocka_unit_test(loop_skip_is_reading),
		cmocka_unit_test(mixer_starts_part_way),
		cmocka_unit_test(spill_places_pieces),
		cmocka_unit_test(chain_end_discards_spill),
		cmocka_unit_test(spill_reader_reads_like_spill_read),
		cmocka_unit_test(async_passes_everything_in_order),
		cmocka_unit_test(timeline_lays_out_items),
	};
	return cmocka_run_group_tests_name("mix", tests, NULL, NULL);
}
