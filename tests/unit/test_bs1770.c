/* test_bs1770.c - crieur's BS.1770 meter gives libebur128's integrated
 * loudness (mode I) on speech-like programmes, silences and gated
 * passages included, at the rates and channel counts crieur uses and at
 * surround layouts; pooled meters as ebur128_loudness_global_multiple();
 * and it is faster. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "audio/bs1770.h"
#include "base/util.h"

/* n frames of a programme: syllables of a gliding harmonic voice, hiss,
 * silences, a quiet passage (-50 dB: under the relative gate), each
 * channel a little different; `level` scales it. */
static float *programme(long n, int ch, int rate, double level)
{
	float *x = xcalloc((size_t)n * (size_t)ch, sizeof(float));
	unsigned seed = 777;
	double phase = 0;

	for (long i = 0; i < n; i++) {
		double t = (double)i / rate, part = fmod(t, 9.7), v = 0;

		seed = seed * 1103515245u + 12345u;
		phase += 2 * M_PI * (120 + 30 * sin(2 * M_PI * 0.23 * t)) / rate;
		if (part < 5) {
			double env = 0.5 + 0.5 * sin(2 * M_PI * 3.7 * t);
			for (int h = 1; h < 20; h++)
				v += sin(h * phase) / h;
			v *= 0.3 * env * env;
		} else if (part < 6) {
			v = 0.2 * (((seed >> 8) & 0xFFFF) / 32768.0 - 1);
		} else if (part < 8) {
			v = 0.003 * sin(phase * 5);   /* quiet: gated out */
		}   /* else silence */
		for (int c = 0; c < ch; c++)
			x[i * ch + c] = (float)(level * (c ? v * (1 - 0.1 * c) +
					 0.02 * sin(phase * (c + 2)) : v));
	}
	return x;
}

static double ebur128_lufs(const float *x, long n, int ch, int rate)
{
	ebur128_state *st = ebur128_init((unsigned)ch, (unsigned long)rate,
					 EBUR128_MODE_I);
	double l = -HUGE_VAL;

	assert_non_null(st);
	for (long at = 0; at < n; at += 3000)
		ebur128_add_frames_float(st, x + at * ch,
					 (size_t)(n - at < 3000 ? n - at : 3000));
	ebur128_loudness_global(st, &l);
	ebur128_destroy(&st);
	return l;
}

static double ours(const float *x, long n, int ch, int rate)
{
	bs1770 *m = bs1770_new((audio_format){ rate, ch });
	double l;

	assert_non_null(m);
	for (long at = 0; at < n; at += 1777)   /* odd blocks */
		bs1770_add(m, x + at * ch, n - at < 1777 ? n - at : 1777);
	l = bs1770_loudness(&m, 1);
	bs1770_free(m);
	return l;
}

static void same_as_libebur128(void **state)
{
	static const int rates[] = { 8000, 16000, 22050, 24000, 32000, 44100,
				     48000, 96000 };
	static const int chans[] = { 1, 2, 3, 4, 5, 6, 8 };
	double worst = 0;

	for (size_t r = 0; r < sizeof(rates) / sizeof(*rates); r++)
		for (size_t c = 0; c < sizeof(chans) / sizeof(*chans); c++) {
			int rate = rates[r], ch = chans[c];
			long n = (long)(23.3 * rate);
			float *x = programme(n, ch, rate, c % 2 ? 0.5 : 1.0);
			double want = ebur128_lufs(x, n, ch, rate);
			double got = ours(x, n, ch, rate);

			if (!(fabs(got - want) < 1e-6))
				fail_msg("%d Hz x%d: %.9f LUFS, libebur128 %.9f",
					 rate, ch, got, want);
			worst = fmax(worst, fabs(got - want));
			free(x);
		}
	printf("# 56 cases, the largest difference %.2g LU\n", worst);
}

static void silence_and_short(void **state)
{
	float *x = xcalloc(48000 * 2, sizeof(float));
	bs1770 *m = bs1770_new((audio_format){ 48000, 2 });

	bs1770_add(m, x, 48000);   /* silence */
	assert_true(isinf(bs1770_loudness(&m, 1)));
	bs1770_free(m);
	free(x);
	x = programme(9000, 1, 48000, 1);   /* under one block */
	m = bs1770_new((audio_format){ 48000, 1 });
	bs1770_add(m, x, 9000);
	assert_true(isinf(bs1770_loudness(&m, 1)));
	bs1770_free(m);
	free(x);
	assert_null(bs1770_new((audio_format){ 4000, 1 }));
	assert_null(bs1770_new((audio_format){ 44100, 9 }));
	bs1770_free(NULL);
}

/* Two meters over two halves (the second at another level), pooled. */
static void pooled(void **state)
{
	int rate = 44100;
	long n = 31L * rate, h = 13L * rate;
	float *x = programme(n, 1, rate, 1);
	ebur128_state *st[2];
	bs1770 *m[2];
	double want, got;

	for (long i = h; i < n; i++)
		x[i] *= 0.6f;
	for (int k = 0; k < 2; k++) {
		long from = k ? h : 0, to = k ? n : h;

		st[k] = ebur128_init(1, (unsigned long)rate, EBUR128_MODE_I);
		ebur128_add_frames_float(st[k], x + from, (size_t)(to - from));
		m[k] = bs1770_new((audio_format){ rate, 1 });
		bs1770_add(m[k], x + from, to - from);
	}
	ebur128_loudness_global_multiple(st, 2, &want);
	got = bs1770_loudness(m, 2);
	printf("# pooled: %.9f LUFS, libebur128 %.9f\n", got, want);
	assert_true(fabs(got - want) < 1e-6);
	for (int k = 0; k < 2; k++) {
		ebur128_destroy(&st[k]);
		bs1770_free(m[k]);
	}
	free(x);
}

static double cpu_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* Five minutes of mono at 44.1 kHz: the best of three runs each. */
static void faster(void **state)
{
	int rate = 44100;
	long n = 300L * rate;
	float *x = programme(n, 1, rate, 1);
	double t_ours = HUGE_VAL, t_lib = HUGE_VAL;

	for (int k = 0; k < 3; k++) {
		double t0 = cpu_now(), t1;

		ours(x, n, 1, rate);
		t1 = cpu_now();
		ebur128_lufs(x, n, 1, rate);
		t_ours = fmin(t_ours, t1 - t0);
		t_lib = fmin(t_lib, cpu_now() - t1);
	}
	printf("# 300 s mono 44.1 kHz: %.3f s, libebur128 %.3f s\n", t_ours,
	       t_lib);
	assert_true(t_ours < t_lib);
	free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_as_libebur128),
		cmocka_unit_test(silence_and_short),
		cmocka_unit_test(pooled),
		cmocka_unit_test(faster),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
