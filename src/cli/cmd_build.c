/* cmd_build.c - `crieur build`: render statements or a bulletin script. */
#include "cli/cli.h"
#include "audio/loudness.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"
#include "bulletin/bulletin.h"
#include "bulletin/script.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"usage: crieur build [OPTIONS] STATEMENT.txt... -o OUT\n"
	"       crieur build [OPTIONS] BULLETIN.yaml -o OUT\n"
	"\n"
	"Render statements, one after another, or a bulletin script (jingles,\n"
	"a ducked music bed, items; see README.md) to OUT.  The format follows\n"
	"the extension: .mp3, .opus or .ogg (Ogg Opus), .wav or .flac; '-o -'\n"
	"writes MP3 to standard output.  A statement is UTF-8 text: the first line is the headline,\n"
	"then one paragraph per line.  OUT appears only when complete, with\n"
	"its transcript (OUT.vtt: one cue per written sentence) and chapters\n"
	"(OUT.chapters.json; in MP3 and Opus files also as chapter tags)\n"
	"beside it.\n"
	"Options override the script.\n"
	"\n"
	"  -o, --output OUT      the file to write (required)\n"
	CLI_SPEECH_HELP
	"      --loudness L      podcast (-16 LUFS, default), broadcast (-23,\n"
	"                        EBU R128), a LUFS number, or none\n"
	"      --true-peak DB    true-peak ceiling, dBTP (default -1)\n"
	"      --duration S      fit to a slot of exactly S seconds\n"
	"      --gap S           seconds between items\n"
	"      --samplerate HZ   output sample rate (default 44100)\n"
	"      --channels N      1 or 2 (default 1; a script may say 2)\n"
	"      --bitrate KBPS    MP3 bit rate (default 64 mono, 128 stereo); Opus:\n"
	"                        32 per channel\n"
	"      --quality Q       MP3 encoder quality, 0 (best) to 9 (fastest)\n"
	"      --cover FILE      embed a JPEG or PNG cover image in the MP3\n"
	"      --srt             also write an SRT transcript (OUT.srt)\n"
	"      --confine DIR     every file the script names must be inside DIR\n"
	"                        (after symbolic links)\n"
	"      --no-sidecars     write no transcript (OUT.vtt) nor chapters\n"
	"                        (OUT.chapters.json) beside OUT\n"
	"  -q, --quiet           print nothing on success\n"
	"  -h, --help            show this help\n"
	"\n"
	"examples:\n"
	"  crieur build samples/statements/2023-11-20-pristina.txt -o pristina.mp3\n"
	"  crieur build samples/bulletin.yaml --loudness broadcast -o journal.wav\n";

enum { OPT_RATE = 256, OPT_CHANNELS, OPT_BITRATE, OPT_QUALITY, OPT_LOUDNESS,
       OPT_PEAK, OPT_DURATION, OPT_GAP, OPT_SRT, OPT_NO_SIDECARS, OPT_COVER,
       OPT_CONFINE };

struct build_args {
	speech_options speech;
	const char *out, *loudness, *true_peak, *cover;
	int samplerate, channels, bitrate, quality, quiet, srt, no_sidecars;
	double duration, gap;
};

/* Parse a number of seconds for opt into *out. */
static int seconds_arg(const char *opt, const char *val, double lo, double hi,
		       double *out)
{
	char *end;
	double v = strtod(val, &end);

	if (!*val || *end || !(v >= lo && v <= hi))
		return cli_usage_error("build", "%s wants seconds from %g to %g, "
				       "not '%s'", opt, lo, hi, val);
	*out = v;
	return 0;
}

/* Handle one build-specific option; 0, or an exit code. */
static int build_option(int c, struct build_args *a)
{
	switch (c) {
	case 'o': a->out = optarg; return 0;
	case 'q': a->quiet = 1; return 0;
	case OPT_SRT: a->srt = 1; return 0;
	case OPT_COVER: a->cover = optarg; return 0;
	case OPT_NO_SIDECARS: a->no_sidecars = 1; return 0;
	case OPT_CONFINE: return cli_confine("build", optarg);
	case OPT_LOUDNESS: a->loudness = optarg; return 0;
	case OPT_PEAK: a->true_peak = optarg; return 0;
	case OPT_DURATION:
		return seconds_arg("--duration", optarg, 1, 14400, &a->duration);
	case OPT_GAP: return seconds_arg("--gap", optarg, 0, 60, &a->gap);
	case OPT_RATE:
		return cli_int_arg("build", "--samplerate", optarg, 8000, 192000,
				   &a->samplerate);
	case OPT_CHANNELS:
		return cli_int_arg("build", "--channels", optarg, 1, 2, &a->channels);
	case OPT_BITRATE:
		return cli_int_arg("build", "--bitrate", optarg, 8, 320, &a->bitrate);
	case OPT_QUALITY:
		return cli_int_arg("build", "--quality", optarg, 0, 9, &a->quality);
	}
	return cli_usage_error("build", "bad option");
}

/* Parse options; -1 to go on, else an exit code. */
static int parse(int argc, char **argv, struct build_args *a)
{
	static const struct option opts[] = {
		CLI_SPEECH_OPTIONS,
		{ "output", required_argument, NULL, 'o' },
		{ "samplerate", required_argument, NULL, OPT_RATE },
		{ "channels", required_argument, NULL, OPT_CHANNELS },
		{ "bitrate", required_argument, NULL, OPT_BITRATE },
		{ "quality", required_argument, NULL, OPT_QUALITY },
		{ "loudness", required_argument, NULL, OPT_LOUDNESS },
		{ "true-peak", required_argument, NULL, OPT_PEAK },
		{ "duration", required_argument, NULL, OPT_DURATION },
		{ "gap", required_argument, NULL, OPT_GAP },
		{ "srt", no_argument, NULL, OPT_SRT },
		{ "cover", required_argument, NULL, OPT_COVER },
		{ "no-sidecars", no_argument, NULL, OPT_NO_SIDECARS },
		{ "confine", required_argument, NULL, OPT_CONFINE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	int c, r;

	while ((c = getopt_long(argc, argv, CLI_SPEECH_SHORT "o:qh", opts,
				NULL)) != -1) {
		r = cli_speech_option("build", c, optarg, &a->speech);
		if (r < 0)
			return -r;
		if (r)
			continue;
		if (c == 'h') {
			fputs(help, stdout);
			return 0;
		}
		if ((r = build_option(c, a)))
			return r;
	}
	if (!a->out)
		return cli_usage_error("build", "no output: give -o OUT.mp3");
	if (optind == argc)
		return cli_usage_error("build", "no statement to render");
	return -1;
}

/* The progress line on stderr (a terminal): the speech as each item is
 * synthesized, then the encoding with an ETA, at most four times a
 * second. */
struct progress_line {
	struct timespec start, last;
	int shown;
};

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (b->tv_nsec - a->tv_nsec) * 1e-9;
}

static void show_progress(void *ctx, const bulletin_progress *p)
{
	struct progress_line *pl = ctx;
	struct timespec now;
	double frac, el;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!pl->shown)
		pl->start = now;
	if (p->step == BULLETIN_SPEECH) {
		fprintf(stderr, "\rcrieur: speech: %zu/%zu items, %.1f s   ",
			p->items_done, p->n_items, p->seconds);
		pl->shown = 1;
		return;
	}
	if (pl->shown == 2 && seconds_between(&pl->last, &now) < 0.25)
		return;
	if (pl->shown < 2)
		pl->start = now;   /* the encoding starts */
	frac = p->total_seconds > 0 ? p->seconds / p->total_seconds : 0;
	el = seconds_between(&pl->start, &now);
	fprintf(stderr, "\rcrieur: encoding: %3.0f%% (%.0f/%.0f s of audio), "
		"ETA %.0f s   ", frac * 100, p->seconds, p->total_seconds,
		frac > 0 ? el / frac - el : 0);
	pl->last = now;
	pl->shown = 2;
}

/* Apply the command line over the spec (the script's or the defaults). */
static int apply_args(const struct build_args *a, bulletin_spec *s)
{
	int err = 0;

	if (a->loudness && !strcmp(a->loudness, "none"))
		s->loudness = NAN;
	else if (a->loudness)
		err = loudness_target_parse(a->loudness, &s->loudness);
	if (!err && a->true_peak)
		err = loudness_ceiling_parse(a->true_peak, &s->true_peak);
	if (a->duration > 0)
		s->duration = a->duration;
	if (a->cover)
		s->cover = a->cover;
	if (a->gap >= 0)
		s->gap = a->gap;
	if (a->samplerate)
		s->out.rate = a->samplerate;
	if (a->channels)
		s->out.channels = a->channels;
	if (a->bitrate)
		s->mp3.bitrate = a->bitrate;
	if (a->quality >= 0)
		s->mp3.quality = a->quality;
	/* progress only for a person watching: stderr a terminal */
	s->progress = !a->quiet && isatty(STDERR_FILENO) ? show_progress : NULL;
	return err;
}

/* Render argv[optind..] (statements, or one script) as the args say. */
static int build(int argc, char **argv, const struct build_args *a,
		 bulletin_result *res)
{
	bulletin_script *sc = NULL;
	bulletin_item *items = NULL;
	struct progress_line line = { 0 };
	bulletin_spec spec;
	int n = argc - optind, err = 0;

	err = cli_bulletin_spec(n, argv + optind, &a->speech, &spec, &sc, &items);
	if (!err)
		err = apply_args(a, &spec);
	spec.progress_ctx = &line;
	if (!err)
		err = bulletin_render(&spec, a->out, res);
	if (line.shown)
		fprintf(stderr, "\r%70s\r", "");   /* the line cleared */
	free(items);
	script_free(sc);
	return err;
}

int cmd_build(int argc, char **argv)
{
	struct build_args a = { .speech = SPEECH_OPTIONS_INIT, .quality = -1, .gap = -1 };
	bulletin_result res;
	int r = parse(argc, argv, &a), err;

	if (r >= 0)
		return r;
	cli_catch_signals();
	memset(&res, 0, sizeof(res));
	outfile_group_begin();    /* the audio and its sidecars, together */
	err = build(argc, argv, &a, &res);
	if (!err && !a.no_sidecars)
		err = bulletin_write_sidecars(&res, a.out, a.srt);
	r = outfile_group_end(!err);
	err = err ? err : r;
	if (!err && !a.quiet && strcmp(a.out, "-")) {
		fprintf(stderr, "crieur: wrote '%s' (%.2f s", a.out, res.seconds);
		if (!isnan(res.measured_lufs))
			fprintf(stderr, ", %+.1f dB to reach the loudness target",
				res.gain_db);
		fprintf(stderr, ")\n");
	}
	bulletin_result_release(&res);
	return err ? cli_fail(err) : 0;
}
