/* test_voicefx.c - the voice post-processing stage on sines: high-pass,
 * presence peak, compressor, neutral settings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/voicefx.h"
#include "unit/test_util.h"
#include "base/util.h"

enum { RATE = 22050 };

/* One second of a sine at RATE. */
static audio_stage *sine_new(double f, double amp)
{
	return test_tone_new(RATE, 1, f, amp, RATE);
}

/* Output level (dB, RMS of the last half second) over input level. */
static double gain_db(const voicefx_params *p, double f, double amp)
{
	audio_stage *s;
	float *buf = xcalloc(RATE, sizeof(float));
	double e = 0;

	assert_int_equal(voicefx_new(&s, sine_new(f, amp), p), 0);
	assert_int_equal(stage_read(s, buf, RATE), RATE);
	for (long i = RATE / 2; i < RATE; i++)
		e += (double)buf[i] * buf[i];
	stage_free(s);
	free(buf);
	return 10 * log10(e / (RATE / 2)) - 20 * log10(amp * M_SQRT1_2);
}

static void voicefx_neutral_is_bypassed(void **state)
{
	voicefx_params p = { .eq_hz = 3000, .eq_q = 1, .threshold_db = -20,
			      .ratio = 1, .attack_ms = 5, .release_ms = 100 };
	audio_stage *s = sine_new(440, 0.5), *f;

	assert_false(voicefx_active(&p));
	assert_int_equal(voicefx_new(&f, s, &p), 0);
	assert_ptr_equal(f, s);
	stage_free(s);
}

static void voicefx_highpass(void **state)
{
	voicefx_params p = { .hp_hz = 90, .eq_hz = 3000, .eq_q = 1,
			      .threshold_db = -20, .ratio = 1, .attack_ms = 5,
			      .release_ms = 100 };

	assert_true(gain_db(&p, 30, 0.5) < -18);        /* rumble: 2 octaves down */
	assert_true(fabs(gain_db(&p, 1000, 0.5)) < 0.1); /* the voice: untouched */
}

static void voicefx_presence(void **state)
{
	voicefx_params p = { .eq_hz = 3000, .eq_db = 3, .eq_q = 0.9,
			      .threshold_db = -20, .ratio = 1, .attack_ms = 5,
			      .release_ms = 100 };

	assert_true(fabs(gain_db(&p, 3000, 0.1) - 3) < 0.1);
	assert_true(fabs(gain_db(&p, 300, 0.1)) < 0.3);
}

static void voicefx_compressor(void **state)
{
	voicefx_params p = { .eq_hz = 3000, .eq_q = 1, .threshold_db = -20,
			      .ratio = 2.5, .attack_ms = 5, .release_ms = 120 };
	double loud = gain_db(&p, 440, 0.7), quiet = gain_db(&p, 440, 0.02);

	/* -3 dBFS peaks are 17 dB over: about 10 dB taken off (ratio 2.5) */
	assert_true(loud < -7 && loud > -12);
	assert_true(fabs(quiet) < 0.1);   /* below threshold: untouched */
	p.makeup_db = 2;
	assert_true(fabs(gain_db(&p, 440, 0.02) - 2) < 0.1);
}

/* Mono (fx_mono: the six filters as a wavefront, two at a time) puts
 * out, to the bit, what the general loop puts out on each channel of
 * the same signal in stereo, whatever the size of the reads (under six
 * samples the wave never fills); with every part on, as the anchor
 * voices have it, and with the presence and the all-passes off. */
static void voicefx_mono_as_general_loop(void **state)
{
	voicefx_params all = { .hp_hz = 90, .eq_hz = 3000, .eq_db = 3,
				.eq_q = 0.9, .threshold_db = -18, .ratio = 2,
				.attack_ms = 5, .release_ms = 120,
				.makeup_db = 2.5, .rotate_hz = 300 };
	voicefx_params some = all;
	const voicefx_params *ps[2] = { &all, &some };
	const long reads[] = { 4096, 1, 3, 5, 6, 7, 333 };
	long n = 3 * RATE;
	float *x = xcalloc((size_t)n, sizeof(float));
	float *x2 = xcalloc((size_t)n * 2, sizeof(float));
	unsigned r = 12345;

	(void)state;
	some.eq_db = 0;
	some.rotate_hz = 0;
	for (long i = 0; i < n; i++) {   /* a tone, noise, a loud burst */
		r = r * 1103515245u + 12345u;
		x[i] = (float)(0.3 * sin(2 * M_PI * 180 * i / RATE) +
			       0.2 * ((double)(r >> 8) / (1 << 24) - 0.5) +
			       (i > RATE && i < RATE + RATE / 4 ? 0.5 : 0));
		x2[2 * i] = x2[2 * i + 1] = x[i];
	}
	for (int k = 0; k < 2; k++) {
		audio_stage *st, *mo;
		float *ys, *ym;
		long ns, nm;

		assert_int_equal(voicefx_new(&st, test_buffer_new((audio_format){
				 RATE, 2 }, x2, n, 1), ps[k]), 0);
		ns = test_drain(st, &ys);
		stage_free(st);
		assert_int_equal(ns, n);
		for (size_t j = 0; j < sizeof(reads) / sizeof(*reads); j++) {
			long diff = 0;

			assert_int_equal(voicefx_new(&mo, test_buffer_new(
					 (audio_format){ RATE, 1 }, x, n, 1),
					 ps[k]), 0);
			nm = test_drain_in(mo, &ym, reads[j]);
			stage_free(mo);
			assert_int_equal(nm, n);
			for (long i = 0; i < n; i++)
				diff += memcmp(&ym[i], &ys[2 * i], sizeof(float)) != 0;
			if (diff)
				print_message("parts %s, reads of %ld: %ld samples "
					      "differ\n", k ? "some" : "all",
					      reads[j], diff);
			assert_int_equal(diff, 0);
			free(ym);
		}
		free(ys);
	}
	free(x);
	free(x2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(voicefx_neutral_is_bypassed),
		cmocka_unit_test(voicefx_highpass),
		cmocka_unit_test(voicefx_presence),
		cmocka_unit_test(voicefx_compressor),
		cmocka_unit_test(voicefx_mono_as_general_loop),
	};

	return cmocka_run_group_tests_name("voicefx", tests, NULL, NULL);
}
