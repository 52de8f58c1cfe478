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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(voicefx_neutral_is_bypassed),
		cmocka_unit_test(voicefx_highpass),
		cmocka_unit_test(voicefx_presence),
		cmocka_unit_test(voicefx_compressor),
	};

	return cmocka_run_group_tests_name("voicefx", tests, NULL, NULL);
}
