/* jack_onset.c - record what a JACK client plays, independently of it,
 * and locate each onset on the realtime clock.
 *
 *   jack_onset -s SECONDS [-m PATTERN] [-o OUT.wav] [-t THRESHOLD]
 *
 * A JACK client with one input port, for SECONDS: whenever nothing is
 * connected to it, the first channel of the stream playing (the lowest-
 * numbered output port matching PATTERN, a regular expression, default
 * "PortAudio[^:]*:out_[0-9]+$") is connected as soon as it appears.
 * PortAudio numbers the ports of each new stream on (out_0, then out_1
 * for the next), so a player that closes the device between bulletins
 * and opens it again is followed.  Each cycle's audio is stored
 * with the time its cycle started and its length (JACK's own
 * estimates, jack_get_cycle_times()).  An onset is the first sample
 * above THRESHOLD (default 0.01) after at least 0.3 s below it; for
 * each one a line "onset EPOCH.NNNNNNNNN FRAME" gives when it reached the
 * device: the cycle's frame time plus the sample's offset, converted to
 * CLOCK_REALTIME (JACK's clock read beside it), plus the playback
 * latency of system:playback_1 (what the device adds after the graph),
 * then the frame's index in the capture (the device's own count, which
 * a device late on the wall clock does not change).
 * An offset is where a sound ends: the frame after its last sample above
 * THRESHOLD, followed by at least 0.3 s below it (or by the end of the
 * capture, if that is 0.3 s later); a line "offset EPOCH.NNNNNNNNN FRAME" gives
 * when that frame reached the device.
 * For each xrun JACK reported (a client or the device late for a
 * cycle: on a loaded machine it may drop or repeat whole periods), a
 * line "xrun FRAME" gives where the capture stood.
 * -o writes the capture (mono float WAV, at JACK's rate). */
#define _GNU_SOURCE
#include <jack/jack.h>
#include <math.h>
#include <sndfile.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { MAX_CYCLES = 1 << 16, MAX_XRUNS = 256 };

static jack_client_t *client;
static jack_port_t *in;
static float *audio;                 /* every frame captured */
static jack_time_t *cycle_us;        /* when each cycle started (JACK) */
static float *cycle_period_us;       /* and how long it lasts */
static size_t cap_frames, period;
static atomic_size_t cycles;
static size_t xrun_at[MAX_XRUNS];     /* the cycle each xrun came in */
static atomic_size_t xruns;

static int process(jack_nframes_t n, void *arg)
{
	size_t c = atomic_load(&cycles);
	const float *x = jack_port_get_buffer(in, n);

	if (c >= MAX_CYCLES || (c + 1) * n > cap_frames)
		return 0;
	jack_nframes_t frames;
	jack_time_t now_us, next_us;
	float period_us;

	memcpy(audio + c * n, x, n * sizeof(float));
	if (jack_get_cycle_times(client, &frames, &now_us, &next_us, &period_us))
		return 0;
	cycle_us[c] = now_us;
	cycle_period_us[c] = period_us;
	period = n;
	atomic_store(&cycles, c + 1);
	return 0;
}

/* JACK's xrun notice: note the cycle the capture stands at. */
static int on_xrun(void *arg)
{
	size_t k = atomic_fetch_add(&xruns, 1);

	if (k < MAX_XRUNS)
		xrun_at[k] = atomic_load(&cycles);
	return 0;
}

/* The "xrun" lines. */
static void print_xruns(void)
{
	size_t nx = atomic_load(&xruns);

	for (size_t k = 0; k < nx && k < MAX_XRUNS; k++)
		printf("xrun %zu\n", xrun_at[k] * period);
}

static long long clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The number that ends a port's name ("PortAudio:out_12": 12). */
static long port_number(const char *name)
{
	const char *p = name + strlen(name);

	while (p > name && p[-1] >= '0' && p[-1] <= '9')
		p--;
	return atol(p);
}

/* When nothing is connected to our input (the player closed its stream,
 * or has not opened one), connect the first channel of the stream that
 * plays now: the lowest-numbered output port matching pattern. */
static void connect_new(const char *pattern)
{
	const char **ports;
	const char *first = NULL;

	if (jack_port_connected(in) > 0)
		return;
	ports = jack_get_ports(client, pattern, NULL, JackPortIsOutput);
	for (size_t i = 0; ports && ports[i]; i++)
		if (!first || port_number(ports[i]) < port_number(first))
			first = ports[i];
	if (first)
		jack_connect(client, first, jack_port_name(in));
	jack_free(ports);
}

static void write_wav(const char *path, size_t frames, int rate)
{
	SF_INFO info = { .samplerate = rate, .channels = 1,
			 .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT };
	SNDFILE *sf = sf_open(path, SFM_WRITE, &info);

	if (!sf) {
		fprintf(stderr, "jack_onset: cannot write '%s'\n", path);
		exit(1);
	}
	sf_writef_float(sf, audio, (sf_count_t)frames);
	sf_close(sf);
}

/* When frame i of the capture reached the device, on CLOCK_REALTIME
 * (shift: realtime minus JACK's clock, in ns), as "WHAT EPOCH.NNNNNNNNN I". */
static void print_time(const char *what, size_t i, long long shift,
		       unsigned latency)
{
	size_t cyc = i / period;
	double ns_per_frame = cycle_period_us[cyc] * 1000.0 / period;
	long long t = (long long)cycle_us[cyc] * 1000 + shift +
		      (long long)((double)(i % period + latency) * ns_per_frame);

	printf("%s %lld.%09lld %zu\n", what, t / 1000000000LL, t % 1000000000LL,
	       i);
}

int main(int argc, char **argv)
{
	const char *pattern = "PortAudio[^:]*:out_[0-9]+$", *out = NULL;
	double seconds = 10, threshold = 0.01;
	jack_latency_range_t lat = { 0, 0 };
	jack_port_t *play;
	long long jack0, real0, end;
	size_t n, quiet = 0;
	int rate, c;

	while ((c = getopt(argc, argv, "s:m:o:t:")) != -1) {
		switch (c) {
		case 's': seconds = atof(optarg); break;
		case 'm': pattern = optarg; break;
		case 'o': out = optarg; break;
		case 't': threshold = atof(optarg); break;
		default:
			fprintf(stderr, "usage: jack_onset -s SECONDS [-m PATTERN] "
				"[-o OUT.wav] [-t THRESHOLD]\n");
			return 2;
		}
	}
	client = jack_client_open("onset", JackNoStartServer, NULL);
	if (!client) {
		fprintf(stderr, "jack_onset: no JACK server\n");
		return 1;
	}
	rate = (int)jack_get_sample_rate(client);
	cap_frames = (size_t)(seconds * rate) + 8192;
	audio = calloc(cap_frames, sizeof(float));
	cycle_us = calloc(MAX_CYCLES, sizeof(*cycle_us));
	cycle_period_us = calloc(MAX_CYCLES, sizeof(*cycle_period_us));
	in = jack_port_register(client, "in", JACK_DEFAULT_AUDIO_TYPE,
				JackPortIsInput, 0);
	jack_set_process_callback(client, process, NULL);
	jack_set_xrun_callback(client, on_xrun, NULL);
	if (!audio || !cycle_us || !cycle_period_us || !in ||
	    jack_activate(client)) {
		fprintf(stderr, "jack_onset: cannot start\n");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	end = clock_ns(CLOCK_MONOTONIC) + (long long)(seconds * 1e9);
	while (clock_ns(CLOCK_MONOTONIC) < end) {
		connect_new(pattern);
		usleep(5000);
	}
	if ((play = jack_port_by_name(client, "system:playback_1")))
		jack_port_get_latency_range(play, JackPlaybackLatency, &lat);
	/* JACK's clock against the realtime one, read side by side */
	real0 = clock_ns(CLOCK_REALTIME);
	jack0 = (long long)jack_get_time() * 1000;
	real0 = (real0 + clock_ns(CLOCK_REALTIME)) / 2;
	jack_deactivate(client);
	n = atomic_load(&cycles);
	for (size_t i = 0; i < n * period; i++) {
		if (fabs(audio[i]) < threshold) {
			if (++quiet == (size_t)(0.3 * rate) && i + 1 > quiet)
				print_time("offset", i + 1 - quiet, real0 - jack0,
					   lat.max);
			continue;
		}
		if (quiet >= (size_t)(0.3 * rate))
			print_time("onset", i, real0 - jack0, lat.max);
		quiet = 0;
	}
	print_xruns();
	printf("latency %u frames, %zu cycles of %zu, rate %d\n", lat.max, n,
	       period, rate);
	if (out)
		write_wav(out, n * period, rate);
	jack_client_close(client);
	return 0;
}
