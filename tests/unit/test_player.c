/* test_player.c - the device sink's callback logic, driven offline:
 * prebuffer, underruns, the fade of a cut, first-audio marks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/play_portaudio.h"

#define RATE 22050

static void sine(float *buf, long n, long from)
{
	for (long i = 0; i < n; i++)
		buf[i] = 0.5f * (float)sin(2 * M_PI * 440 * (double)(from + i) / RATE);
}

/* A mono player with no device, buffer_ms deep (it cannot fail). */
static audio_sink *offline(int buffer_ms)
{
	audio_sink *p = NULL;

	assert_int_equal(player_new_offline(&p, (audio_format){ RATE, 1 },
					    buffer_ms), 0);
	return p;
}

/* Playback waits for the prebuffer, then plays what was written. */
static void player_prebuffers_then_plays(void **state)
{
	audio_sink *p = offline(500);
	float in[1000], out[256];
	player_stats_t st;

	sine(in, 1000, 0);
	assert_int_equal(p->write(p, in, 100), 0);     /* under 20 ms */
	player_pull(p, out, 256);
	for (int i = 0; i < 256; i++)
		assert_true(out[i] == 0.0f);
	assert_int_equal(p->write(p, in + 100, 400), 0);
	player_pull(p, out, 256);
	assert_memory_equal(out, in, sizeof(out));
	player_pull(p, out, 256);                       /* 12 frames left: dry */
	assert_memory_equal(out, in + 256, 244 * sizeof(float));
	player_stats(p, &st);
	assert_int_equal(st.underruns, 1);
	assert_int_equal(p->write(p, in + 500, 300), 0);
	player_idle(p);                                 /* a line is done */
	player_pull(p, out, 256);
	player_pull(p, out, 256);
	player_stats(p, &st);
	assert_int_equal(st.underruns, 1);              /* idle: not counted */
	assert_int_equal(p->finish(p), 0);
	sink_free(p);
}

struct cut_job {
	audio_sink *p;
	volatile int done;
};

static void *do_cut(void *arg)
{
	struct cut_job *j = arg;

	player_cut(j->p, player_now_ns());
	j->done = 1;
	return NULL;
}

/* A cut fades out over a few ms (no step: no click) and drops the rest;
 * what is written after it plays. */
static void player_cut_fades_out(void **state)
{
	audio_sink *p = offline(2000);
	float *in = calloc(RATE, sizeof(float)), out[RATE], blk[64];
	struct cut_job j = { p, 0 };
	long n = 0, fade_from;
	double max_step = 0, slope = 2 * M_PI * 440 / RATE * 0.5;
	pthread_t th;

	sine(in, RATE, 0);
	assert_int_equal(p->write(p, in, RATE), 0);
	player_pull(p, out, 512);
	n = 512;
	assert_int_equal(pthread_create(&th, NULL, do_cut, &j), 0);
	while (!j.done && n + 64 <= RATE) {   /* a device, faster than real time */
		player_pull(p, out + n, 64);
		n += 64;
		usleep(500);
	}
	pthread_join(th, NULL);
	player_pull(p, blk, 64);   /* after the cut: silence */
	for (int i = 0; i < 64; i++)
		assert_true(blk[i] == 0.0f);
	for (long i = 1; i < n; i++)
		max_step = fmax(max_step, fabs(out[i] - out[i - 1]));
	assert_true(max_step < slope * 1.05);           /* never a step */
	for (fade_from = 0; fade_from < n && out[fade_from] == in[fade_from]; fade_from++)
		;
	assert_true(fade_from < n - RATE * 4 / 1000);   /* a fade of >= 4 ms */
	assert_true(n < RATE / 2);                       /* the rest dropped */
	/* a new line plays from its own start */
	assert_int_equal(p->write(p, in, 1000), 0);
	player_pull(p, out, 256);
	assert_memory_equal(out, in, 256 * sizeof(float));
	player_idle(p);
	free(in);
	sink_free(p);
}

/* A mark notes when its line's first frame goes out. */
static void player_marks_first_audio(void **state)
{
	audio_sink *p = offline(500);
	float in[1000], out[256];
	player_stats_t st;

	sine(in, 1000, 0);
	player_mark(p, player_now_ns());
	assert_int_equal(p->write(p, in, 1000), 0);
	player_pull(p, out, 256);
	player_stats(p, &st);
	assert_int_equal(st.lines, 1);
	assert_true(st.first_p95_ms >= 0 && st.first_p95_ms < 1000);
	sink_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(player_prebuffers_then_plays),
		cmocka_unit_test(player_cut_fades_out),
		cmocka_unit_test(player_marks_first_audio),
	};
	return cmocka_run_group_tests_name("player", tests, NULL, NULL);
}
