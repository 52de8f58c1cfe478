/* test_master.c - mastering: loudness meter, targets, gain, true-peak
 * limiter, and the two-pass chain checked by ffmpeg's ebur128 filter.
 * (The stages' speed: tests/bench/master.c, make bench.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio/encode_mp3.h"
#include "audio/limiter.h"
#include "audio/gain.h"
#include "audio/loudness.h"
#include "audio/sndfile_io.h"
#include "audio/stage.h"
#include "base/error.h"
#include "base/util.h"
#include "speech/chain.h"
#include "text/statement.h"
#include "unit/test_util.h"

#define SPEECH "samples/statements/2024-02-05-bruxelles.txt"

/* ---- sources ---------------------------------------------------------- */

/* A sine: freq Hz, peak amp, `frames` long, same on every channel. */
#define tone_new test_tone_new
/* Serves a buffer (not owned), `repeat` times over. */
#define bufsrc_new test_buffer_new

/* Read a whole stage into a heap buffer in reads of `chunk` frames; it
 * stays ended. */
static long drain_in(audio_stage *s, float **out, long chunk)
{
	long n = test_drain_in(s, out, chunk);
	float *end = xcalloc((size_t)chunk * (size_t)s->fmt.channels,
			     sizeof(float));

	assert_true(n >= 0);
	assert_int_equal(stage_read(s, end, chunk), 0);
	free(end);
	return n;
}

static long drain(audio_stage *s, float **out)
{
	return drain_in(s, out, 4096);
}

/* The stages under test, built (or the test fails): src is owned. */
static audio_stage *gained(audio_stage *src, double gain_db)
{
	audio_stage *s = NULL;

	assert_int_equal(gain_new(&s, src, gain_db), 0);
	return s;
}

static audio_stage *limited(audio_stage *src, double ceiling_dbtp,
			    double lookahead_ms, double release_ms)
{
	audio_stage *s = NULL;

	assert_int_equal(limiter_new(&s, src, ceiling_dbtp, lookahead_ms,
				     release_ms), 0);
	return s;
}

static audio_stage *metered(audio_stage *src, int flags)
{
	audio_stage *s = NULL;

	assert_int_equal(loudness_meter_new(&s, src, flags), 0);
	return s;
}

static audio_stage *trial(audio_stage *src, double gain_db,
			  double ceiling_dbtp, long long skip)
{
	audio_stage *s = NULL;

	assert_int_equal(loudness_trial_new(&s, src, gain_db, ceiling_dbtp,
					    skip), 0);
	return s;
}

/* eSpeak speech of the sample statement, at 44.1 kHz. */
static audio_stage *speech_new(int channels)
{
	statement st;
	speech_options opt = SPEECH_OPTIONS_INIT;
	speech_chain_config cfg = { .fmt = { 44100, channels } };
	speech_chain *c;

	assert_int_equal(statement_load(&st, SPEECH), 0);
	assert_int_equal(speech_chain_new(&c, &opt, &cfg), 0);
	assert_int_equal(speech_chain_say_statement(c, &st, 0, NULL), 0);
	statement_release(&st);
	return speech_chain_stage(c);
}

/* ---- independent measurement ------------------------------------------ */

/* Integrated loudness and true peak of a file by ffmpeg's ebur128 filter
 * (its frame metadata has 3 decimals).  0, or -1 when ffmpeg is missing
 * or failed. */
static int ffmpeg_measure(const char *path, double *lufs, double *dbtp)
{
	char cmd[512], line[256];
	const char *meta = tmp_path("master-meta.txt");
	double peak = -1;
	FILE *f;

	*lufs = NAN;
	snprintf(cmd, sizeof(cmd), "ffmpeg -nostdin -hide_banner -nostats -v error "
		 "-i '%s' -af ebur128=peak=true:metadata=1:framelog=verbose,"
		 "ametadata=mode=print:file=%s -f null - 2>/dev/null", path, meta);
	if (system(cmd) != 0 || !(f = fopen(meta, "r")))
		return -1;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "lavfi.r128.I=%lf", lufs);
		sscanf(line, "lavfi.r128.true_peak=%lf", &peak);
	}
	fclose(f);
	unlink(meta);
	*dbtp = 20 * log10(peak);
	return isnan(*lufs) || peak < 0 ? -1 : 0;
}

static int have_ffmpeg(void)
{
	return system("ffmpeg -version >/dev/null 2>&1") == 0;
}

/* Loudness and true peak of a stage by libebur128 (through the meter). */
static void meter_measure(audio_stage *s, double *lufs, double *dbtp)
{
	audio_stage *m = metered(s, LOUDNESS_TRUE_PEAK);
	float *x;

	drain(m, &x);
	free(x);
	assert_int_equal(loudness_meter_result(m, lufs, dbtp), 0);
	stage_free(m);
}

/* Largest |x[i] - x[i-1]| on channel 0. */
static double max_jump(const float *x, long n, int ch)
{
	double m = 0;

	for (long i = 1; i < n; i++)
		m = fmax(m, fabs(x[i * ch] - x[(i - 1) * ch]));
	return m;
}

/* ---- targets and plan ------------------------------------------------- */

static void targets_parse(void **state)
{
	static const struct { const char *s; double v; } good[] = {
		{ "podcast", -16 }, { "broadcast", -23 }, { "-19", -19 },
		{ "-18.5", -18.5 }, { "-40", -40 }, { "-5", -5 },
		{ "-14 LUFS", -14 }, { "-14lufs", -14 },
	};
	static const char *const bad[] = {
		"", "loud", "Podcast", "-41", "-4.9", "0", "nan", "-16 dB",
		"-16x", "inf",
	};
	double v;

	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		assert_int_equal(loudness_target_parse(good[i].s, &v), 0);
		assert_true(v == good[i].v);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char quoted[32];

		v = 123;
		assert_int_equal(loudness_target_parse(bad[i], &v), CRIEUR_EINVAL);
		assert_true(v == 123);
		snprintf(quoted, sizeof(quoted), "'%s'", bad[i]);
		assert_non_null(strstr(err_detail(), quoted));
	}
	assert_int_equal(loudness_target_parse(NULL, &v), CRIEUR_EINVAL);
	assert_int_equal(loudness_ceiling_parse("-1", &v), 0);
	assert_true(v == -1);
	assert_int_equal(loudness_ceiling_parse("-1.5 dBTP", &v), 0);
	assert_true(v == -1.5);
	assert_int_equal(loudness_ceiling_parse("0.5", &v), CRIEUR_EINVAL);
	assert_non_null(strstr(err_detail(), "'0.5'"));
	assert_int_equal(loudness_ceiling_parse("high", &v), CRIEUR_EINVAL);
	assert_non_null(strstr(err_detail(), "'high'"));
}

static void plan_and_mp3_offsets(void **state)
{
	double g, t = -16, c = -1;

	assert_int_equal(loudness_plan(-22.5, -16, &g), 0);
	assert_true(fabs(g - 6.5) < 1e-12);
	assert_int_equal(loudness_plan(-HUGE_VAL, -16, &g), CRIEUR_EEMPTY);
	assert_int_equal(loudness_plan(-20, -3, &g), CRIEUR_EINVAL);
	assert_int_equal(loudness_plan(-90, -16, &g), CRIEUR_EINVAL);
	loudness_for_mp3(0, 1, &t, &c);
	assert_true(fabs(t - -15.55) < 1e-9 && fabs(c - -2.15) < 1e-9);
	t = -16, c = -1;
	loudness_for_mp3(256, 2, &t, &c);
	assert_true(fabs(c - -0.95) < 1e-9);
}

/* ---- meter ------------------------------------------------------------ */

/* A 1 kHz sine at -20 dBFS: BS.1770 gives 20 log10(0.1) - 3.01 per
 * channel (K-weighting is 0 dB at 1 kHz), so -23.01 LUFS mono and
 * -20.00 stereo; its true peak is -20 dBTP.  ffmpeg must agree. */
static void meter_sine(void **state)
{
	for (int ch = 1; ch <= 2; ch++) {
		const char *path = tmp_path("master-sine.wav");
		double expect = ch == 1 ? -23.01 : -20.0, l, tp;
		audio_stage *s = tone_new(48000, ch, 1000, 0.1, 48000 * 5);
		audio_format fmt = { 48000, ch };
		audio_sink *sink;

		meter_measure(s, &l, &tp);
		assert_true(fabs(l - expect) < 0.1);
		assert_true(fabs(tp - -20) < 0.05);
		if (!have_ffmpeg())
			continue;
		assert_int_equal(sndfile_writer_open(&sink, path,
						     AUDIO_FILE_WAV, fmt), 0);
		s = tone_new(48000, ch, 1000, 0.1, 48000 * 5);
		assert_int_equal(audio_pump(s, sink, NULL), 0);
		sink_free(sink);
		stage_free(s);
		assert_int_equal(ffmpeg_measure(path, &l, &tp), 0);
		assert_true(fabs(l - expect) < 0.1);
		assert_true(fabs(tp - -20) < 0.05);
		unlink(path);
	}
}

static void meter_silence_and_errors(void **state)
{
	audio_stage *t = tone_new(44100, 1, 1000, 0, 44100);
	audio_stage *m = metered(t, LOUDNESS_TRUE_PEAK);
	float buf[100], *x;
	double l = 0, tp = 0, g;

	assert_int_equal(loudness_meter_result(m, &l, &tp), CRIEUR_EINVAL);
	assert_int_equal(stage_read(m, buf, 100), 100);
	assert_int_equal(loudness_meter_set_target(m, -16, -1), CRIEUR_EINVAL);
	drain(m, &x);
	free(x);
	assert_int_equal(loudness_meter_result(m, &l, &tp), CRIEUR_EEMPTY);
	assert_true(l == -HUGE_VAL && tp == -HUGE_VAL);
	assert_int_equal(loudness_plan_limited(m, &g), CRIEUR_EEMPTY);
	stage_free(m);
	t = tone_new(44100, 1, 1000, 0.5, 100);
	assert_int_equal(loudness_meter_result(t, &l, &tp), CRIEUR_EINVAL);
	assert_int_equal(loudness_meter_new(&m, t, 8), CRIEUR_EINVAL);
	assert_null(m);
	assert_int_equal(loudness_meter_new(&m, tone_new(44100, 9, 1, 1, 1), 0),
			 CRIEUR_EINVAL);
	assert_null(m);
	m = metered(tone_new(44100, 1, 1000, 0.5, 100), 0);
	assert_int_equal(loudness_meter_set_target(m, -50, -1), CRIEUR_EINVAL);
	assert_int_equal(loudness_meter_set_target(m, -16, 1), CRIEUR_EINVAL);
	stage_free(m);
}

static void gain_stage(void **state)
{
	audio_stage *t = tone_new(44100, 2, 440, 0.25, 1000);
	audio_stage *g = gained(t, 20 * log10(2));
	float *x;
	long n = drain(g, &x);

	assert_int_equal(n, 1000);
	assert_true(fabs(x[2 * 10] - 0.5 * sin(2 * M_PI * 440 * 10 / 44100.0)) < 1e-6);
	assert_true(x[2 * 10] == x[2 * 10 + 1]);
	free(x);
	stage_free(g);
	t = tone_new(44100, 1, 440, 0.25, 10);
	assert_ptr_equal(gained(t, 0), t);
	assert_int_equal(gain_new(&g, t, 61), CRIEUR_EINVAL);   /* frees t */
	assert_null(g);
	assert_non_null(strstr(err_detail(), "61 dB"));
	assert_int_equal(gain_new(&g, tone_new(44100, 1, 1, 1, 1), NAN),
			 CRIEUR_EINVAL);
	assert_null(g);
}

/* ---- limiter ---------------------------------------------------------- */

/* Under the ceiling the limiter is transparent: output == input, sample
 * for sample (the delay is compensated), for any length and read size. */
static void limiter_transparent_any_length(void **state)
{
	static const long lengths[] = { 0, 1, 5, 229, 230, 231, 1000, 44117 };
	static const long chunks[] = { 1, 7, 4096 };
	audio_format fmt = { 44100, 2 };

	for (size_t i = 0; i < ARRAY_SIZE(lengths); i++)
		for (size_t j = 0; j < ARRAY_SIZE(chunks); j++) {
			audio_stage *ref = tone_new(44100, 2, 997, 0.5, lengths[i]);
			audio_stage *l = limited(tone_new(44100, 2, 997, 0.5,
							  lengths[i]), -1, 5, 100);
			float *x, *y;
			long n = drain(ref, &x), m;

			assert_true(l->fmt.rate == fmt.rate &&
				    l->fmt.channels == fmt.channels);
			m = drain_in(l, &y, chunks[j]);
			assert_int_equal(m, n);
			for (long k = 0; k < 2 * n; k++)
				assert_true(x[k] == y[k]);
			assert_true(limiter_core_max_reduction_db(
					    limiter_stage_core(l)) == 0);
			free(x);
			free(y);
			stage_free(ref);
			stage_free(l);
		}
}

static void limiter_bad_arguments(void **state)
{
	audio_stage *l = NULL;

	assert_int_equal(limiter_new(&l, tone_new(44100, 1, 1, 1, 1), 0.5, 5,
				     100), CRIEUR_EINVAL);
	assert_null(l);
	assert_non_null(strstr(err_detail(), "0.5 dBTP"));
	assert_int_equal(limiter_new(&l, tone_new(44100, 1, 1, 1, 1), -1, 0,
				     100), CRIEUR_EINVAL);
	assert_non_null(strstr(err_detail(), "lookahead 0 ms"));
	assert_int_equal(limiter_new(&l, tone_new(44100, 1, 1, 1, 1), -1, 5,
				     NAN), CRIEUR_EINVAL);
	assert_int_equal(limiter_new(&l, tone_new(44100, 9, 1, 1, 1), -1, 5,
				     100), CRIEUR_EINVAL);
	assert_null(l);
	{
		audio_stage *t = tone_new(44100, 1, 1, 1, 1);

		assert_null(limiter_stage_core(t));
		stage_free(t);
	}
}

/* A sine jumps from -26 dBFS to +12 dBFS: the output's true peak stays
 * under the ceiling and the gain never moves faster than the attack
 * allows (two boxcars over the lookahead: at most 2/span per frame). */
static void limiter_step_is_smooth(void **state)
{
	enum { RATE = 44100, N = RATE };
	audio_format fmt = { RATE, 1 };
	float *x = xcalloc(N, sizeof(float)), *y;
	double span = 5e-3 * RATE, l, tp, worst = 0;
	audio_stage *s;
	long n;

	for (long i = 0; i < N; i++)
		x[i] = (float)((i < N / 2 ? 0.05 : 4.0) *
			       sin(2 * M_PI * 3000.5 * i / RATE));
	s = limited(bufsrc_new(fmt, x, N, 1), -1, 5, 100);
	n = drain_in(s, &y, 333);
	assert_int_equal(n, N);
	for (long i = 1; i < N; i++)    /* gain where x says enough */
		if (fabs(x[i]) > 0.02 && fabs(x[i - 1]) > 0.02)
			worst = fmax(worst, fabs(y[i] / x[i] - y[i - 1] / x[i - 1]));
	assert_true(worst <= 2.0 / span);
	stage_free(s);
	meter_measure(bufsrc_new(fmt, y, N, 1), &l, &tp);
	assert_true(tp <= -1.0);
	assert_true(tp > -1.5);          /* and not far under */
	free(x);
	free(y);
}

/* Limiting hard (bursts up to +12 dBFS), the output does not depend on
 * the read size: the limiter's core then runs on blocks of 1 to 1024
 * frames, and the hold window's minimum, the release and the moving
 * averages carry their state across blocks the same way whatever their
 * length.  Some gain is taken, and the true peak stays under the
 * ceiling. */
static void limiter_same_output_any_read_size(void **state)
{
	static const long chunks[] = { 1, 7, 240, 333, 1024 };
	enum { RATE = 44100, N = RATE * 3 };
	audio_format fmt = { RATE, 1 };
	float *x = xcalloc(N, sizeof(float)), *ref, *y;
	audio_stage *s;
	double l, tp;

	for (long i = 0; i < N; i++)   /* 50 ms bursts, 4 levels, 2 tones */
		x[i] = (float)((0.1 + 1.3 * ((i / 2205) % 4)) *
			       sin(2 * M_PI * (i / 2205 % 2 ? 997.3 : 3000.5) *
				   i / RATE));
	s = limited(bufsrc_new(fmt, x, N, 1), -1, 5, 100);
	assert_int_equal(drain_in(s, &ref, 4096), N);
	assert_true(limiter_core_max_reduction_db(limiter_stage_core(s)) < -12);
	stage_free(s);
	meter_measure(bufsrc_new(fmt, ref, N, 1), &l, &tp);
	assert_true(tp <= -1.0);
	for (size_t j = 0; j < ARRAY_SIZE(chunks); j++) {
		s = limited(bufsrc_new(fmt, x, N, 1), -1, 5, 100);
		assert_int_equal(drain_in(s, &y, chunks[j]), N);
		assert_memory_equal(ref, y, (size_t)N * sizeof(float));
		free(y);
		stage_free(s);
	}
	free(ref);
	free(x);
}

/* ---- the two-pass chain on speech -------------------------------------- */

/* Pass 1: the speech's loudness and the gain to reach target under
 * ceiling (with the limiter's cost learnt by the trials). */
static double plan_speech(int ch, double target, double ceiling)
{
	audio_stage *m = metered(speech_new(ch), 0);
	double g;
	float *x;

	assert_int_equal(loudness_meter_set_target(m, target, ceiling), 0);
	drain(m, &x);
	free(x);
	assert_int_equal(loudness_plan_limited(m, &g), 0);
	stage_free(m);
	return g;
}

/* Master the speech to path (WAV or MP3) for a decoded target and
 * ceiling, overload_db more gain than planned; returns the frames. */
static long master_speech(const char *path, enum audio_file_type type, int ch,
			  double target, double ceiling, double overload_db)
{
	audio_format fmt = { 44100, ch };
	audio_sink *sink;
	audio_stage *s;
	long long frames;
	double g;

	if (type == AUDIO_FILE_MP3)
		loudness_for_mp3(0, ch, &target, &ceiling);
	g = plan_speech(ch, target, ceiling) + overload_db;
	s = limited(gained(speech_new(ch), g), ceiling, LIMITER_LOOKAHEAD_MS,
		    LIMITER_RELEASE_MS);
	assert_int_equal(type == AUDIO_FILE_MP3 ?
			 mp3_writer_open(&sink, path, fmt, NULL) :
			 sndfile_writer_open(&sink, path, type, fmt), 0);
	assert_int_equal(audio_pump(s, sink, &frames), 0);
	sink_free(sink);
	stage_free(s);
	return (long)frames;
}

/* Master to target under -1 dBTP as WAV and as MP3 (mono 64 kbit/s and
 * stereo 128 kbit/s); ffmpeg checks each file. */
static void master_profile(double target)
{
	const struct { const char *path; enum audio_file_type type;
		       int ch; } out[] = {
		{ tmp_path("master.wav"), AUDIO_FILE_WAV, 1 },
		{ tmp_path("master.mp3"), AUDIO_FILE_MP3, 1 },
		{ tmp_path("master2.mp3"), AUDIO_FILE_MP3, 2 },
	};

	if (!have_ffmpeg())
		skip();
	for (size_t i = 0; i < ARRAY_SIZE(out); i++) {
		double l, tp;

		master_speech(out[i].path, out[i].type, out[i].ch, target,
			      LOUDNESS_CEILING_DBTP, 0);
		assert_int_equal(ffmpeg_measure(out[i].path, &l, &tp), 0);
		print_message("%s (%d ch): %.2f LUFS, %.2f dBTP (ffmpeg)\n",
			      out[i].path, out[i].ch, l, tp);
		assert_true(fabs(l - target) <= 0.5);
		assert_true(tp <= LOUDNESS_CEILING_DBTP);
		unlink(out[i].path);
	}
}

static void master_podcast(void **state)
{
	master_profile(LOUDNESS_PODCAST_LUFS);
}

static void master_broadcast(void **state)
{
	master_profile(LOUDNESS_BROADCAST_LUFS);
}

/* 12 dB more gain than planned (17 dB of gain reduction on peaks): the
 * peak stays under the ceiling (ffmpeg and libebur128), the length is the
 * input's, and the gain moves no faster than the attack allows. */
static void master_overload(void **state)
{
	const char *path = tmp_path("master-over.wav");
	audio_format fmt = { 44100, 1 };
	double g = plan_speech(1, -16, -1) + 12, l, tp, worst = 0;
	double span = LIMITER_LOOKAHEAD_MS * 44.1;
	audio_stage *sp = speech_new(1);
	float *x0, *x, *y;
	long n0 = drain(sp, &x0);   /* synthesis varies in length: render once */
	audio_stage *in = gained(bufsrc_new(fmt, x0, n0, 1), g);
	audio_stage *s = limited(gained(bufsrc_new(fmt, x0, n0, 1), g), -1,
				 LIMITER_LOOKAHEAD_MS, LIMITER_RELEASE_MS);
	long n = drain(in, &x), m = drain_in(s, &y, 1000);

	stage_free(sp);
	assert_int_equal(n, n0);
	assert_int_equal(m, n0);
	for (long i = 1; i < n; i++)
		if (fabs(x[i]) > 0.05 && fabs(x[i - 1]) > 0.05)
			worst = fmax(worst, fabs(y[i] / x[i] - y[i - 1] / x[i - 1]));
	print_message("overload: gain %.1f dB, reduction %.1f dB, max gain step "
		      "%.4f/frame (bound %.4f), jumps in %.3f out %.3f\n", g,
		      limiter_core_max_reduction_db(limiter_stage_core(s)),
		      worst, 2 / span, max_jump(x, n, 1), max_jump(y, m, 1));
	assert_true(worst <= 2 / span);
	assert_true(max_jump(y, m, 1) <= max_jump(x, n, 1));
	stage_free(s);
	stage_free(in);
	meter_measure(bufsrc_new(fmt, y, m, 1), &l, &tp);
	print_message("overload: %.2f LUFS, %.2f dBTP (libebur128)\n", l, tp);
	assert_true(tp <= -1.0);
	master_speech(path, AUDIO_FILE_WAV, 1, -16, -1, 12);
	if (have_ffmpeg()) {
		assert_int_equal(ffmpeg_measure(path, &l, &tp), 0);
		print_message("overload WAV: %.2f LUFS, %.2f dBTP (ffmpeg)\n",
			      l, tp);
		assert_true(tp <= -1.0);
	}
	unlink(path);
	free(x0);
	free(x);
	free(y);
}

/* The limited loudness of x at gain g (libebur128 on the limiter's
 * output). */
static double limited_at(audio_format fmt, const float *x, long n, double g,
			 double ceiling)
{
	double l, tp;

	meter_measure(limited(gained(bufsrc_new(fmt, x, n, 1), g), ceiling,
			      LIMITER_LOOKAHEAD_MS, LIMITER_RELEASE_MS),
		      &l, &tp);
	return l;
}

/* The pilot finds the gain that the limited speech needs.  A trial
 * 2 dB off measures how far it lands from the target; the pilot asked
 * for the target moved by that much gives a gain that lands within
 * 0.05 LU (here the "whole" is the excerpt itself). */
static void pilot_and_trial(void **state)
{
	audio_format fmt = { 44100, 1 };
	audio_stage *sp = speech_new(1), *t;
	float *x, *y, zero[4410] = { 0 };
	long n = drain(sp, &x);
	double g, slope, g2, l, lt;

	stage_free(sp);
	assert_int_equal(loudness_pilot(x, n, fmt, -16, -1, &g, &slope), 0);
	/* without the slope: one run fewer, the same gain */
	assert_int_equal(loudness_pilot(x, n, fmt, -16, -1, &g2, NULL), 0);
	assert_true(g2 == g);
	l = limited_at(fmt, x, n, g, -1);
	print_message("pilot: gain %+.2f dB, slope %.2f -> %.3f LUFS\n", g,
		      slope, l);
	assert_true(fabs(l - -16) <= 0.05);
	assert_true(slope >= 0 && slope <= 0.9);
	for (int off = -2; off <= 2; off += 4) {
		t = trial(bufsrc_new(fmt, x, n, 1), g + off, -1, 0);
		assert_int_equal(loudness_trial_result(t, &lt),
				 CRIEUR_EINVAL);   /* not ended yet */
		assert_int_equal(drain(t, &y), n);
		assert_memory_equal(x, y, (size_t)n * sizeof(float));
		free(y);
		assert_int_equal(loudness_trial_result(t, &lt), 0);
		stage_free(t);
		/* the same limited signal measured twice (the trial's own
		 * limiter and gain against the stages'): float rounding can
		 * move a 400 ms block across the relative gate, a step of
		 * about 0.02 LU on this excerpt; far under what is heard */
		assert_true(fabs(lt - limited_at(fmt, x, n, g + off, -1)) < 0.05);
		assert_int_equal(loudness_pilot(x, n, fmt, -16 + (-16 - lt), -1,
						&g2, &slope), 0);
		l = limited_at(fmt, x, n, g2, -1);
		print_message("trial at %+.2f dB: %.2f LUFS; gain %+.2f dB -> "
			      "%.3f LUFS\n", g + off, lt, g2, l);
		assert_true(fabs(l - (-16 + (-16 - lt))) <= 0.05);
	}
	assert_int_equal(loudness_pilot(zero, 4410, fmt, -16, -1, &g, &slope),
			 CRIEUR_EEMPTY);
	/* -3 LUFS under -12 dBTP: out of reach, said so (it came out as
	 * "gain +62.0 dB is out of range" from a bulletin) */
	assert_int_equal(loudness_pilot(x, n, fmt, -3, -12, &g, &slope),
			 CRIEUR_EINVAL);
	assert_non_null(strstr(err_detail(), "cannot be reached under the "
			       "-12.0 dBTP ceiling"));
	t = trial(bufsrc_new(fmt, zero, 4410, 1), 0, -1, 0);
	drain(t, &y);
	free(y);
	assert_int_equal(loudness_trial_result(t, &lt), CRIEUR_EEMPTY);
	stage_free(t);
	free(x);
}

/* A pilot given what an earlier one measured on the same excerpt runs
 * no trial for the same target, starts from the two nearest points for
 * a target moved a little (fewer trials than from nothing), and lands as
 * near; given the unlimited loudness, it runs no trial at 0 dB. */
static void pilot_remembers_its_curve(void **state)
{
	audio_format fmt = { 44100, 1 };
	audio_stage *sp = speech_new(1);
	float *x;
	long n = drain(sp, &x);
	loudness_curve c = LOUDNESS_CURVE_INIT, fresh = LOUDNESS_CURVE_INIT;
	loudness_curve from_u = LOUDNESS_CURVE_INIT;
	double g, g2, g3, l;
	int known;

	stage_free(sp);
	assert_int_equal(loudness_pilot_curve(x, n, fmt, -16, -1, &c, &g, NULL),
			 0);
	assert_true(c.n >= 2);
	assert_true(c.g[0] == 0);   /* from nothing: a trial at 0 dB first */
	/* the same target: the answer is among the points, no trial */
	known = c.n;
	assert_int_equal(loudness_pilot_curve(x, n, fmt, -16, -1, &c, &g2, NULL),
			 0);
	assert_int_equal(c.n, known);
	assert_true(g2 == g);
	/* 0.4 LU lower (pass B's case): fewer trials than from nothing */
	assert_int_equal(loudness_pilot_curve(x, n, fmt, -16.4, -1, &c, &g3,
					      NULL), 0);
	assert_int_equal(loudness_pilot_curve(x, n, fmt, -16.4, -1, &fresh, &g2,
					      NULL), 0);
	print_message("pilot at -16.4 LUFS: %d trials from the curve, %d from "
		      "nothing; gains %+.3f and %+.3f dB\n", c.n - known,
		      fresh.n, g3, g2);
	assert_true(c.n - known < fresh.n);
	l = limited_at(fmt, x, n, g3, -1);
	assert_true(fabs(l - -16.4) <= 0.05);
	/* from the unlimited loudness: no trial at 0 dB, the same answer
	 * within the aim */
	assert_int_equal(loudness_measure(x, n, fmt, &from_u.unlimited), 0);
	assert_int_equal(loudness_pilot_curve(x, n, fmt, -16, -1, &from_u, &g2,
					      NULL), 0);
	for (int i = 0; i < from_u.n; i++)
		assert_true(from_u.g[i] != 0);
	print_message("from the unlimited loudness: %d trials, gain %+.3f dB "
		      "(%+.3f from a trial at 0 dB)\n", from_u.n, g2, g);
	assert_true(fabs(limited_at(fmt, x, n, g2, -1) - -16) <= 0.05);
	free(x);
}

/* Excerpts that fade in and out, split at a join near the middle
 * (loudness_curve.cut): the trials run each side on its own thread and
 * measure them as one stream, and the gain lands as near the target as
 * on one thread.  The second half is 4 dB quieter than the first, so
 * that a side measured wrongly (the first half twice, say) moves the
 * answer by dB. */
static void pilot_on_two_threads(void **state)
{
	audio_format fmt = { 44100, 1 };
	audio_stage *sp = speech_new(1);
	float *x;
	long n = drain(sp, &x), piece = 3 * 44100, fade = 441, cut;
	int pieces = (int)(n / piece);
	loudness_curve one = LOUDNESS_CURVE_INIT, two = LOUDNESS_CURVE_INIT;
	double g1, g2, l;

	(void)state;
	stage_free(sp);
	assert_true(pieces >= 6);
	cut = piece * (pieces / 2);
	n = piece * pieces;
	for (long i = 0; i < n; i++) {
		long k = i % piece;
		float f = k < fade ? (float)k / fade :
			  piece - 1 - k < fade ? (float)(piece - 1 - k) / fade : 1;

		x[i] *= f * (i < cut ? 1.0f : (float)pow(10, -4.0 / 20));
	}
	two.cut = cut;
	assert_int_equal(loudness_pilot_curve(x, n, fmt, -16, -1, &one, &g1,
					      NULL), 0);
	assert_int_equal(loudness_pilot_curve(x, n, fmt, -16, -1, &two, &g2,
					      NULL), 0);
	l = limited_at(fmt, x, n, g2, -1);
	print_message("%d pieces cut after %ld: gain %+.3f dB on two threads, "
		      "%+.3f on one; %.3f LUFS as one stream\n", pieces,
		      cut / piece, g2, g1, l);
	assert_true(fabs(g2 - g1) < 0.05);
	assert_true(fabs(l - -16) <= 0.05);
	free(x);
}

/* Speech brought near the ceiling stops getting louder while a bed
 * under it still does, until the bed's blocks rise over BS.1770's
 * relative gate and the integrated loudness falls as the gain grows (a
 * short bulletin over a bed: "-14.9 LUFS at +16.2 dB" said unreachable
 * for a -15.6 target that +9.2 dB met within 0.2 LU).  Here: 1.2 s of
 * tone, 0.8 s of the same tone 14 dB lower, ten times; a target just
 * under the plateau is met near the plateau's gain, not refused and not
 * at the crushed crossing far above. */
static void pilot_when_the_gate_lets_the_bed_in(void **state)
{
	audio_format fmt = { 44100, 1 };
	long n = 20 * 44100;
	float *x = xcalloc((size_t)n, sizeof(float));
	double g, slope, l, top = -HUGE_VAL, top_g = 0, after;

	(void)state;
	for (long i = 0; i < n; i++)
		x[i] = (float)((i % 88200 < 52920 ? 0.1 : 0.1 * pow(10, -0.7)) *
			       sin(2 * M_PI * 1000 * (double)i / 44100));
	for (double t = 10; t <= 26; t += 0.5) {
		l = limited_at(fmt, x, n, t, -1);
		print_message("curve %+.1f dB %.3f LUFS\n", t, l);
		if (l > top) {
			top = l;
			top_g = t;
		}
	}
	after = limited_at(fmt, x, n, top_g + 3, -1);
	assert_true(after < top - 0.5);      /* the curve does turn down */
	assert_int_equal(loudness_pilot(x, n, fmt, top + 0.1, -1, &g, &slope),
			 0);
	l = limited_at(fmt, x, n, g, -1);
	print_message("plateau %.2f LUFS at %+.1f dB; pilot for %.2f: %+.2f dB "
		      "-> %.2f LUFS\n", top, top_g, top + 0.1, g, l);
	assert_true(fabs(l - (top + 0.1)) < 0.3);
	assert_true(g < top_g + 3);
	free(x);
}

/* A pass-through that records where each read asked of it ended. */
struct ends {
	audio_stage base;
	audio_stage *src;
	long long pos, at[4096];
	int n;
};

static long ends_read(audio_stage *self, float *buf, long frames)
{
	struct ends *e = (struct ends *)self;
	long got = stage_read(e->src, buf, frames);

	e->pos += got > 0 ? got : 0;
	if (e->n < 4096)
		e->at[e->n++] = e->pos;
	return got;
}

static void ends_free(audio_stage *self)
{
	stage_free(((struct ends *)self)->src);
	free(self);
}

/* Pass C's first half measured by a head stage and pass B's trial of
 * the rest (started 2 s early, unmeasured there) measure as the whole
 * limited stream does; the head splits the read that crosses its end,
 * says when it is done, and a wait gives up when told to stop. */
static void head_and_trial_measure_as_one(void **state)
{
	audio_format fmt = { 44100, 1 };
	audio_stage *sp = speech_new(1), *h, *t;
	struct ends *e = xcalloc(1, sizeof(*e));
	float *x, *y, *ref, buf[4096];
	long n = drain(sp, &x), split = n / 2 + 77, from = split - 2 * 44100;
	double g, slope, whole, joint;
	atomic_int stop;
	int at_split = 0;

	stage_free(sp);
	atomic_init(&stop, 1);
	assert_int_equal(loudness_pilot(x, n, fmt, -16, -1, &g, &slope), 0);
	whole = limited_at(fmt, x, n, g, -1);
	e->base.fmt = fmt;
	e->base.read = ends_read;
	e->base.free = ends_free;
	e->src = limited(gained(bufsrc_new(fmt, x, n, 1), g), -1,
			 LIMITER_LOOKAHEAD_MS, LIMITER_RELEASE_MS);
	assert_int_equal(loudness_head_new(&h, &e->base, split), 0);
	t = trial(bufsrc_new(fmt, x + from, n - from, 1), g, -1, split - from);
	assert_int_equal(drain(t, &y), n - from);
	assert_memory_equal(x + from, y, (size_t)(n - from) * sizeof(float));
	free(y);
	/* not done yet: no result, and a wait told to stop gives up */
	assert_int_equal(stage_read(h, buf, 4096), 4096);
	assert_int_equal(loudness_trial_result_with(t, h, &joint), CRIEUR_EINVAL);
	assert_int_equal(loudness_head_wait(h, &stop), CRIEUR_EINTR);
	assert_int_equal(loudness_head_wait(t, &stop), CRIEUR_EINVAL);
	atomic_store(&stop, 0);
	assert_int_equal(drain(h, &y), n - 4096);
	/* frames come out as the limiter put them out */
	sp = limited(gained(bufsrc_new(fmt, x, n, 1), g), -1,
		     LIMITER_LOOKAHEAD_MS, LIMITER_RELEASE_MS);
	assert_int_equal(drain(sp, &ref), n);
	stage_free(sp);
	assert_memory_equal(ref, buf, sizeof(buf));
	assert_memory_equal(ref + 4096, y, (size_t)(n - 4096) * sizeof(float));
	free(ref);
	free(y);
	for (int i = 0; i < e->n; i++)
		at_split |= e->at[i] == split;
	assert_true(at_split);
	assert_int_equal(loudness_head_wait(h, &stop), 0);
	assert_int_equal(loudness_trial_result_with(t, h, &joint), 0);
	print_message("at %+.2f dB: whole %.4f LUFS, head + trial %.4f LUFS\n",
		      g, whole, joint);
	/* the trial's limiter starts 2 s early from rest, not as the
	 * whole's was there: float rounding can then move a 400 ms block
	 * across the relative gate, a step of about 0.02 LU (as in
	 * pilot_and_trial); 0.009 or 0.019 by the speech the test gets (it
	 * changes with what the tests before said: eSpeak NG's state) */
	assert_true(fabs(joint - whole) < 0.025);
	assert_int_equal(loudness_trial_result_with(h, t, &joint), CRIEUR_EINVAL);
	stage_free(h);
	stage_free(t);
	assert_int_equal(loudness_head_new(&h, bufsrc_new(fmt, x, n, 1), -1),
			 CRIEUR_EINVAL);
	assert_null(h);
	free(x);
}

/* gain_ctl: starts at its gain, holds reads past hold_at until settled
 * (here from another thread, once the reader has been served every frame
 * up to its last read before hold_at), then ramps linearly from hold_at
 * to the settled gain; a failure comes out of the next read. */
struct settler { gain_ctl *ctl; long long seen; };

/* A pass-through that counts the frames it served (for other threads). */
struct counted {
	audio_stage base;
	audio_stage *src;
	_Atomic long served;
};

static long counted_read(audio_stage *self, float *buf, long frames)
{
	struct counted *c = (struct counted *)self;
	long got = stage_read(c->src, buf, frames);

	if (got > 0)
		atomic_fetch_add(&c->served, got);
	return got;
}

static void counted_free(audio_stage *self)
{
	stage_free(((struct counted *)self)->src);
	free(self);
}

static struct counted *counted_new(audio_stage *src)
{
	struct counted *c = xcalloc(1, sizeof(*c));

	c->base.fmt = src->fmt;
	c->base.read = counted_read;
	c->base.free = counted_free;
	c->src = src;
	atomic_init(&c->served, 0);
	return c;
}

static double settle_to_6db(void *ctx, long long pos)
{
	((struct settler *)ctx)->seen = pos;
	return 20 * log10(2.0);   /* x2 */
}

struct settle_when { struct settler *st; struct counted *src; };

static int served_800(void *ctx)
{
	return atomic_load(&((struct settle_when *)ctx)->src->served) >= 800;
}

static void *settler_run(void *arg)
{
	struct settle_when *w = arg;

	/* the reader is then at (or about to wait at) hold_at */
	assert_true(test_wait_for(served_800, w, 60));
	gain_ctl_settle(w->st->ctl, settle_to_6db, w->st);
	return NULL;
}

static void gain_ctl_settles_and_fails(void **state)
{
	audio_format fmt = { 1000, 1 };
	float ones[3000], *y;
	struct settler st = { 0 };
	struct settle_when w = { &st, NULL };
	pthread_t th;
	audio_stage *s;

	for (int i = 0; i < 3000; i++)
		ones[i] = 0.25f;
	w.src = counted_new(bufsrc_new(fmt, ones, 3000, 1));
	assert_int_equal(gain_ctl_new(&s, &w.src->base, 0, 1000, 500, &st.ctl),
			 0);
	assert_int_equal(pthread_create(&th, NULL, settler_run, &w), 0);
	assert_int_equal(drain_in(s, &y, 400), 3000);
	pthread_join(th, NULL);
	/* settled after the second read of 400, while the stage was at 400
	 * or 800: the change begins at hold_at all the same */
	assert_int_equal(st.seen, 1000);
	for (long i = 0; i < 3000; i++) {
		long k = i - (long)st.seen;
		float want = k < 0 ? 0.25f : k >= 500 ? 0.5f :
			     0.25f + 0.25f * (float)k / 500;

		assert_true(fabsf(y[i] - want) < 1e-5);
	}
	free(y);
	stage_free(s);

	/* settled before anything was read: the same output */
	assert_int_equal(gain_ctl_new(&s, bufsrc_new(fmt, ones, 3000, 1), 0,
				      1000, 500, &st.ctl), 0);
	assert_int_equal(gain_ctl_settle(st.ctl, settle_to_6db, &st), 0);
	assert_int_equal(st.seen, 1000);
	assert_int_equal(drain_in(s, &y, 700), 3000);
	for (long i = 0; i < 3000; i++) {
		long k = i - 1000;
		float want = k < 0 ? 0.25f : k >= 500 ? 0.5f :
			     0.25f + 0.25f * (float)k / 500;

		assert_true(fabsf(y[i] - want) < 1e-5);
	}
	free(y);
	stage_free(s);

	assert_int_equal(gain_ctl_new(&s, bufsrc_new(fmt, ones, 3000, 1), 0,
				      1000, 500, &st.ctl), 0);
	y = xcalloc(3000, sizeof(float));
	assert_int_equal(stage_read(s, y, 1000), 1000);
	{
		err_ctx e;   /* as pass B hands its error over */
		err_keep(&e, err_set(CRIEUR_EIO, "pass B: disk gone"));
		err_clear();
		gain_ctl_fail(st.ctl, &e);
	}
	assert_int_equal(stage_read(s, y, 1000), CRIEUR_EIO);
	assert_non_null(strstr(err_detail(), "disk gone"));
	free(y);
	stage_free(s);
	assert_int_equal(gain_ctl_new(&s, bufsrc_new(fmt, ones, 3000, 1), 99, 0,
				      1, &st.ctl), CRIEUR_EINVAL);
	assert_null(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(targets_parse),
		cmocka_unit_test(plan_and_mp3_offsets),
		cmocka_unit_test(meter_sine),
		cmocka_unit_test(meter_silence_and_errors),
		cmocka_unit_test(gain_stage),
		cmocka_unit_test(limiter_transparent_any_length),
		cmocka_unit_test(limiter_bad_arguments),
		cmocka_unit_test(limiter_step_is_smooth),
		cmocka_unit_test(limiter_same_output_any_read_size),
		cmocka_unit_test(master_podcast),
		cmocka_unit_test(master_broadcast),
		cmocka_unit_test(master_overload),
		cmocka_unit_test(pilot_and_trial),
		cmocka_unit_test(pilot_remembers_its_curve),
		cmocka_unit_test(pilot_on_two_threads),
		cmocka_unit_test(pilot_when_the_gate_lets_the_bed_in),
		cmocka_unit_test(head_and_trial_measure_as_one),
		cmocka_unit_test(gain_ctl_settles_and_fails),
	};

	return cmocka_run_group_tests_name("master", tests, NULL, NULL);
}
