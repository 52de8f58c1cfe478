/* cmd_play.c - `crieur play`: play a bulletin live on the audio device. */
#include "cli/cli.h"
#include "audio/loudness.h"
#include "audio/play_portaudio.h"
#include "base/error.h"
#include "base/util.h"
#include "bulletin/bulletin.h"
#include "bulletin/live.h"
#include "bulletin/script.h"

#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"usage: crieur play [OPTIONS] BULLETIN.yaml\n"
	"       crieur play [OPTIONS] STATEMENT...\n"
	"\n"
	"Play a bulletin script live on the audio device: jingles, bed and\n"
	"ducking, spoken as it is synthesized (it starts at once; no file is\n"
	"rendered first), mastered to the script's loudness with a per-voice\n"
	"calibration (measured once, cached in $XDG_CACHE_HOME/crieur) and\n"
	"the true-peak limiter.  Statement files play one after another.\n"
	"Not live: fitting to a slot ('duration' is ignored).\n"
	"\n"
	"  -d, --device N|NAME  output device, by index or part of its name\n"
	"                       ('crieur devices' lists them)\n"
	"      --buffer MS      how far the mix may run ahead of the device\n"
	"                       (default 500)\n"
	"      --stats          at exit, print to stderr 'start: N ms' (to the\n"
	"                       first audio handed to the device), the gain\n"
	"                       and 'underruns: N'\n"
	CLI_SPEECH_HELP
	"  -h, --help           show this help\n"
	"\n"
	"Ctrl-C (SIGINT) or SIGTERM fades out and exits with 130 or 143.\n"
	"\n"
	"example: crieur play samples/bulletin.yaml\n";

struct play_args {
	speech_options speech;
	const char *device;
	int buffer_ms, stats;
};

/* Parse options; -1 to go on, else an exit code. */
static int parse(int argc, char **argv, struct play_args *a)
{
	static const struct option opts[] = {
		CLI_SPEECH_OPTIONS,
		{ "device", required_argument, NULL, 'd' },
		{ "buffer", required_argument, NULL, 'B' },
		{ "stats", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	int c, r;

	while ((c = getopt_long(argc, argv, CLI_SPEECH_SHORT "d:h", opts,
				NULL)) != -1) {
		r = cli_speech_option("play", c, optarg, &a->speech);
		if (r < 0)
			return -r;
		if (r)
			continue;
		switch (c) {
		case 'd': a->device = optarg; break;
		case 'B':
			if (cli_int_arg("play", "--buffer", optarg, 20, 600000,
					&a->buffer_ms))
				return EXIT_USAGE;
			break;
		case 'S': a->stats = 1; break;
		case 'h': fputs(help, stdout); return 0;
		default: return cli_usage_error("play", "bad option");
		}
	}
	if (optind == argc)
		return cli_usage_error("play", "give a bulletin script or statements");
	return -1;
}

/* Pump the stage into the player in small blocks. */
static int pump(audio_stage *src, audio_sink *sink, long long t0)
{
	int ch = src->fmt.channels, err = 0, marked = 0;
	float *buf = xcalloc(256 * (size_t)ch, sizeof(float));
	long got;

	do {
		got = stage_read(src, buf, 256);
		if (got > 0 && !marked) {
			player_mark(sink, t0);
			marked = 1;
		}
		if (got > 0)
			err = sink->write(sink, buf, got);
		else if (got < 0)
			err = (int)got;
		if (!err && crieur_interrupted)
			err = err_set(CRIEUR_EINTR, "interrupted");
	} while (!err && got == 256);
	free(buf);
	if (!err)
		return sink->finish(sink);
	sink->abort(sink);   /* fades out */
	return err;
}

/* Opening the device (PortAudio probing its back ends: 50-100 ms with
 * JACK, 150 ms more when ALSA has a "jack" PCM to probe) runs on a thread
 * beside the bulletin's set-up.  (While PortAudio probes, stderr is
 * hidden: the set-up prints nothing; errors are printed after.) */
struct opener {
	const struct play_args *a;
	audio_format fmt;
	audio_sink *sink;
	err_ctx err;
};

static void *open_device(void *arg)
{
	struct opener *o = arg;

	int err = player_open(&o->sink, o->a->device, o->fmt, o->a->buffer_ms);

	if (err)
		err_keep(&o->err, err);
	return NULL;
}

/* Play spec on the device. */
static int play(const bulletin_spec *spec, const struct play_args *a,
		long long t0)
{
	struct opener o = { .a = a, .fmt = spec->out };
	bulletin_live_info info = { 0 };
	audio_stage *src = NULL;
	audio_sink *sink = NULL;
	player_stats_t st;
	pthread_t th;
	int err, threaded = !pthread_create(&th, NULL, open_device, &o);

	if (!threaded)
		open_device(&o);
	err = bulletin_live_new(&src, spec, &info);
	if (threaded)
		pthread_join(th, NULL);
	sink = o.sink;
	if (!err && o.err.code)
		err = err_raise(&o.err);
	if (err) {
		stage_free(src);
		sink_free(sink);
		return err;
	}
	if (sink->fmt.rate != spec->out.rate &&
	    !(src = resample_new(src, sink->fmt.rate)))
		err = CRIEUR_ERESAMPLE;
	if (!err)
		err = pump(src, sink, t0);
	if (a->stats) {
		player_stats(sink, &st);
		fprintf(stderr, "start: %.0f ms\n", st.first_max_ms);
		fprintf(stderr, "gain: %+.2f dB (voice calibration %s, jingles "
			"%+.2f dB)\n", info.gain_db, info.calibration_cached ?
			"cached" : "measured", info.mix_correction_db);
		fprintf(stderr, "underruns: %ld\n", st.underruns);
	}
	sink_free(sink);
	stage_free(src);
	return err;
}

int cmd_play(int argc, char **argv)
{
	struct play_args a = { .speech = SPEECH_OPTIONS_INIT };
	long long t0 = player_now_ns();
	int r = parse(argc, argv, &a), n, err = 0;
	bulletin_script *sc = NULL;
	bulletin_item *items = NULL;
	bulletin_spec spec;

	if (r >= 0)
		return r;
	cli_catch_signals();
	n = argc - optind;
	err = cli_bulletin_spec(n, argv + optind, &a.speech, &spec, &sc, &items);
	if (!err && spec.duration > 0)
		fprintf(stderr, "crieur: note: 'duration' (fitting to a slot) needs "
			"every item's length first; playing at the natural length\n");
	if (!err)
		err = play(&spec, &a, t0);
	if (err == CRIEUR_EDEVICE && strstr(err_detail(), "-o FILE"))
		err_set(err, "no audio output device found; render the bulletin "
			"to a file instead: crieur build %s -o FILE", argv[optind]);
	free(items);
	script_free(sc);
	return err ? cli_fail(err) : 0;
}
