/* master.c - mastering speed: each stage of src/audio/loudness.c and
 * limiter.c timed on eSpeak speech looped to MINUTES (default 10), mono
 * 44.1 kHz, next to LAME encoding the same audio at 64 kbit/s through the
 * project's MP3 writer.  Run by tests/bench/master.sh (make bench). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "audio/encode_mp3.h"
#include "audio/limiter.h"
#include "audio/gain.h"
#include "audio/loudness.h"
#include "base/error.h"
#include "speech/chain.h"
#include "text/statement.h"
#include "unit/test_util.h"

#define SPEECH "samples/statements/2024-02-05-bruxelles.txt"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* Seconds to read s to its end (then freed). */
static double time_stage(audio_stage *s)
{
	static float buf[4096 * 2];
	double t0 = now();

	while (stage_read(s, buf, 4096) == 4096)
		;
	t0 = now() - t0;
	stage_free(s);
	return t0;
}

/* Seconds to encode s into a 64 kbit/s MP3 (then freed). */
static double time_mp3(audio_stage *s)
{
	const char *path = tmp_path("bench-master.mp3");
	audio_sink *sink = NULL;
	double t0 = now();

	if (mp3_writer_open(&sink, path, s->fmt, NULL) ||
	    audio_pump(s, sink, NULL))
		fprintf(stderr, "bench: %s\n", err_detail());
	t0 = now() - t0;
	sink_free(sink);
	stage_free(s);
	unlink(path);
	return t0;
}

/* The speech x (n frames of fmt) looped rep times, then +6 dB of gain
 * (gain), a limiter (limit) or a meter with flags (meter >= 0); the
 * bench ends at a constructor's error. */
static audio_stage *chain(audio_format fmt, const float *x, long n, int rep,
			  int gain, int limit, int meter)
{
	audio_stage *s = test_buffer_new(fmt, x, n, rep);

	if ((gain && gain_new(&s, s, 6)) ||
	    (limit && limiter_new(&s, s, -1, 5, 100)) ||
	    (meter >= 0 && loudness_meter_new(&s, s, meter))) {
		fprintf(stderr, "bench: %s\n", err_detail());
		exit(1);
	}
	return s;
}

static void bench_line(const char *what, double audio_s, double t)
{
	printf("  %-34s %7.3f s  %7.0fx realtime\n", what, t, audio_s / t);
}

/* The sample statement spoken at 44.1 kHz mono into *x; its frames. */
static long speech(float **x)
{
	speech_options opt = SPEECH_OPTIONS_INIT;
	speech_chain_config cfg = { .fmt = { 44100, 1 } };
	speech_chain *c = NULL;
	statement st;
	long n = -1;

	if (!statement_load(&st, SPEECH) && !speech_chain_new(&c, &opt, &cfg) &&
	    !speech_chain_say_statement(c, &st, 0, NULL))
		n = test_drain(speech_chain_stage(c), x);
	statement_release(&st);
	speech_chain_free(c);
	return n;
}

int main(int argc, char **argv)
{
	double minutes = argc > 1 ? atof(argv[1]) : 10;
	audio_format fmt = { 44100, 1 };
	float *x = NULL;
	long n = speech(&x);
	int rep;
	double secs;
	audio_stage *m;

	if (n <= 0) {
		fprintf(stderr, "bench: %s\n", err_detail());
		return 1;
	}
	rep = (int)ceil(minutes * 60 * fmt.rate / n);
	secs = (double)n * rep / fmt.rate;
	printf("master bench: %.1f min of speech, mono 44.1 kHz\n", secs / 60);
	bench_line("read (baseline)", secs,
		   time_stage(chain(fmt, x, n, rep, 0, 0, -1)));
	bench_line("gain", secs, time_stage(chain(fmt, x, n, rep, 1, 0, -1)));
	bench_line("limiter (gain +6 dB)", secs,
		   time_stage(chain(fmt, x, n, rep, 1, 1, -1)));
	bench_line("limiter (no gain: seldom limiting)", secs,
		   time_stage(chain(fmt, x, n, rep, 0, 1, -1)));
	bench_line("meter, integrated", secs,
		   time_stage(chain(fmt, x, n, rep, 0, 0, 0)));
	bench_line("meter, integrated + true peak", secs,
		   time_stage(chain(fmt, x, n, rep, 0, 0, LOUDNESS_TRUE_PEAK)));
	m = chain(fmt, x, n, rep, 0, 0, 0);
	loudness_meter_set_target(m, -16, -1);
	bench_line("pass 1: meter + trials", secs, time_stage(m));
	bench_line("pass 2: limiter + MP3 64k (LAME)", secs,
		   time_mp3(chain(fmt, x, n, rep, 1, 1, -1)));
	bench_line("MP3 64k alone (LAME)", secs,
		   time_mp3(chain(fmt, x, n, rep, 1, 0, -1)));
	free(x);
	return 0;
}
