/* stream_cost.c - what crieur's own Icecast output costs: CPU seconds
 * (user + system, this process: the encoder and the sender) per hour of
 * stream, for speech (a WAV looped) or silence (a news stream between
 * bulletins).  The stream is sent unpaced (the server takes it as fast as
 * it comes), so an hour is measured in seconds; pacing adds only the
 * sender's sleeps.
 *
 * usage: stream_cost URL MINUTES speech.wav|silence  (password from
 *        CRIEUR_ICECAST_PASSWORD); prints "cpu_s_per_hour N". */
#include "audio/sink_icecast.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

enum { RATE = 44100, BLOCK = 4096 };

static double cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* The whole file (mono, 44.1 kHz expected), or silence for "silence". */
static float *load(const char *what, long *n)
{
	audio_stage *st;
	float *x;
	long got, cap = RATE * 600L;

	if (!strcmp(what, "silence")) {
		*n = RATE;
		return xcalloc((size_t)*n, sizeof(float));
	}
	if (sndfile_reader_open(&st, what) || st->fmt.rate != RATE ||
	    st->fmt.channels != 1) {
		fprintf(stderr, "stream_cost: '%s': need a mono 44.1 kHz file\n", what);
		exit(1);
	}
	x = xcalloc((size_t)cap, sizeof(float));
	got = stage_read(st, x, cap);
	stage_free(st);
	*n = got > 0 ? got : 0;
	return x;
}

int main(int argc, char **argv)
{
	icecast_options o = { 0 };
	audio_format fmt = { RATE, 1 };
	audio_sink *sink;
	long n, pos = 0;
	long long total, done = 0;
	float *x;
	double c0;

	if (argc != 4)
		return fprintf(stderr, "usage: stream_cost URL MINUTES FILE|silence\n"), 2;
	x = load(argv[3], &n);
	total = (long long)(atof(argv[2]) * 60 * RATE);
	o.url = argv[1];
	o.unpaced = 1;
	c0 = cpu_s();
	if (icecast_sink_open(&sink, fmt, &o) ||
	    !icecast_sink_wait_connected(sink, 10000)) {
		fprintf(stderr, "stream_cost: %s\n", err_detail());
		return 1;
	}
	while (done < total) {
		long k = BLOCK;

		if (k > n - pos)
			k = n - pos;
		if (sink->write(sink, x + pos, k))
			return fprintf(stderr, "stream_cost: %s\n", err_detail()), 1;
		pos = (pos + k) % n;
		done += k;
	}
	if (sink->finish(sink))
		return fprintf(stderr, "stream_cost: %s\n", err_detail()), 1;
	printf("cpu_s_per_hour %.2f\n", (cpu_s() - c0) * 3600.0 * RATE / (double)total);
	sink_free(sink);
	free(x);
	return 0;
}
