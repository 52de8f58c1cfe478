/* cmd_play.c - `crieur play`: play a bulletin live on the audio device. */
#include "cli/cli.h"
#include "cli/options.h"
#include "audio/loudness.h"
#include "audio/play_portaudio.h"
#include "base/error.h"
#include "base/util.h"
#include "bulletin/bulletin.h"
#include "bulletin/player.h"
#include "bulletin/script.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cli_command play_cmd = {
	"play",
	"crieur play [OPTIONS] BULLETIN.yaml\n"
	"crieur play [OPTIONS] STATEMENT...",
	"Play a bulletin script live on the audio device: jingles, bed and\n"
	"ducking, spoken as it is synthesized (it starts at once; no file is\n"
	"rendered first), mastered to the script's loudness with a per-voice\n"
	"calibration (measured once, cached in $XDG_CACHE_HOME/crieur) and\n"
	"the true-peak limiter.  Statement files play one after another.\n"
	"Not live: fitting to a slot ('duration' is ignored).\n",
	"With --icecast alone the bulletin streams instead of playing on the\n"
	"device; with -d as well, both, the stream never holding up the device.\n"
	"Ctrl-C (SIGINT) or SIGTERM fades out and exits with 130 or 143.\n"
	"\n"
	"example: crieur play samples/bulletin.yaml\n",
};

struct play_args {
	icecast_options ice;
	const char *device;
	int buffer_ms, stats;
};

/* Pump the stage into the sink in small blocks (dev: the device player
 * in it, or NULL). */
static int pump(audio_stage *src, audio_sink *sink, audio_sink *dev,
		long long t0)
{
	int ch = src->fmt.channels, err = 0, marked = 0;
	float *buf = xcalloc(256 * (size_t)ch, sizeof(float));
	long got;

	do {
		got = stage_read(src, buf, 256);
		if (got > 0 && !marked && dev) {
			player_mark(dev, t0);
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

/* Now playing on the stream: each item's title from its first frame
 * (bulletin frames scaled to the stream's rate). */
struct titler {
	audio_sink *ice;
	double scale;
};

static void on_item(void *ctx, size_t i, long long at, const char *title)
{
	struct titler *t = ctx;

	icecast_sink_set_title_at(t->ice, llround(at * t->scale), title);
}

/* Open the Icecast sink at the device's rate (or the bulletin's), as the
 * only output (dev NULL) or beside the device: *sink is the stream or the
 * tee of both (then owning dev); on failure it stays NULL. */
static int add_stream(bulletin_spec *spec, struct play_args *a,
		      audio_sink *dev, audio_sink **sink, struct titler *t)
{
	audio_format fmt = dev ? dev->fmt : spec->out;
	audio_sink *ice;
	int err;

	a->ice.nonblocking = dev != NULL;
	if ((err = cli_icecast_open(&ice, fmt, &a->ice)))
		return err;
	if (spec->title)
		icecast_sink_set_title(ice, spec->title);
	t->ice = ice;
	t->scale = (double)fmt.rate / spec->out.rate;
	spec->on_item = on_item;
	spec->on_item_ctx = t;
	*sink = ice;
	return dev ? sink_tee_new(sink, dev, ice) : 0;
}

/* Play spec on the device, the stream, or both.  The device opens on a
 * thread beside the bulletin's set-up, except with a stream, whose
 * format (the device's rate) and titles must be known first. */
static int play(bulletin_spec *spec, struct play_args *a, long long t0)
{
	struct opener o = { .a = a, .fmt = spec->out };
	int use_dev = !a->ice.url || a->device;
	bulletin_player_info info = { 0 };
	struct titler titler = { 0 };
	audio_stage *src = NULL;
	audio_sink *sink = NULL, *dev = NULL;
	player_stats_t st;
	pthread_t th;
	int err = 0, threaded = use_dev && !a->ice.url &&
		!pthread_create(&th, NULL, open_device, &o);

	if (use_dev && !threaded) {
		open_device(&o);
		dev = o.sink;
		if (o.err.code)
			err = err_raise(&o.err);
	}
	if (!err && a->ice.url)
		err = add_stream(spec, a, dev, &sink, &titler);
	if (!err)
		err = bulletin_player_new(&src, spec, &info);
	if (threaded) {
		pthread_join(th, NULL);
		dev = o.sink;
		if (!err && o.err.code)
			err = err_raise(&o.err);
	}
	if (!sink)
		sink = dev;
	if (err) {
		stage_free(src);
		sink_free(sink);
		return err;
	}
	if (sink->fmt.rate != spec->out.rate)
		err = resample_new(&src, src, sink->fmt.rate);
	if (!err)
		err = pump(src, sink, dev, t0);
	if (a->stats && dev) {
		player_stats(dev, &st);
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
	struct play_args a = { 0 };
	long long t0 = player_now_ns();
	bulletin_script *sc = NULL;
	bulletin_item *items = NULL;
	bulletin_spec spec;
	const cli_option opts[] = {
		CLI_DEVICE_OPTIONS(&a.device, &a.buffer_ms),
		CLI_CONFINE_OPTION,
		CLI_ICECAST_OPTIONS(&a.ice),
		OPT_FLAG(0, "stats", &a.stats, "at exit, print to stderr 'start: N "
			 "ms' (to the\nfirst audio handed to the device), the "
			 "gain\nand 'underruns: N'"),
		CLI_SPEECH_OPTIONS(&spec.speech),
		OPT_END(),
	};
	int r, err;

	bulletin_spec_init(&spec);
	if ((r = cli_parse_options(&play_cmd, opts, argc, argv)) >= 0)
		return r;
	if (optind == argc)
		return cli_usage_error("play", "give a bulletin script or statements");
	cli_catch_signals();
	err = cli_bulletin_spec(&play_cmd, opts, argc, argv, &spec, &sc, &items);
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
