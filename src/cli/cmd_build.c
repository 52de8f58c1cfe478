/* cmd_build.c - `crieur build`: render statements or a bulletin script. */
#include "cli/cli.h"
#include "cli/options.h"
#include "audio/loudness.h"
#include "base/error.h"
#include "base/outfile.h"
#include "bulletin/bulletin.h"
#include "bulletin/script.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const cli_command build_cmd = {
	"build",
	"crieur build [OPTIONS] STATEMENT.txt... -o OUT\n"
	"crieur build [OPTIONS] BULLETIN.yaml -o OUT",
	"Render statements, one after another, or a bulletin script (jingles,\n"
	"a ducked music bed, items; see README.md) to OUT.  The format follows\n"
	"the extension: .mp3, .opus or .ogg (Ogg Opus), .wav or .flac; '-o -'\n"
	"writes MP3 to standard output.  A statement is UTF-8 text: the first\n"
	"line is the headline, then one paragraph per line.  OUT appears only\n"
	"when complete, with its transcript (OUT.vtt: one cue per written\n"
	"sentence) and chapters (OUT.chapters.json; in MP3 and Opus files also\n"
	"as chapter tags) beside it.\n"
	"Options override the script.\n",
	"examples:\n"
	"  crieur build samples/statements/2023-11-20-pristina.txt -o pristina.mp3\n"
	"  crieur build samples/bulletin.yaml --loudness broadcast -o journal.wav\n",
};

struct build_args {
	const char *out;
	int quiet, srt, no_sidecars;
};

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

/* Render spec (made from the operands and options) into a->out. */
static int build(bulletin_spec *spec, const struct build_args *a,
		 bulletin_result *res)
{
	struct progress_line line = { 0 };
	int err;

	/* progress only for a person watching: stderr a terminal */
	if (!a->quiet && isatty(STDERR_FILENO)) {
		spec->progress = show_progress;
		spec->progress_ctx = &line;
	}
	err = bulletin_render(spec, a->out, res);
	if (line.shown)
		fprintf(stderr, "\r%70s\r", "");   /* the line cleared */
	return err;
}

int cmd_build(int argc, char **argv)
{
	struct build_args a = { 0 };
	bulletin_spec spec;
	const cli_option opts[] = {
		OPT_STRING('o', "output", &a.out, "OUT",
			   "the file to write (required)"),
		CLI_SPEECH_OPTIONS(&spec.speech),
		CLI_LOUDNESS_OPTIONS(&spec),
		OPT_SETTING(0, "duration", &spec.duration, BS_DURATION, "S",
			    "fit to a slot of exactly S seconds"),
		OPT_SETTING(0, "gap", &spec.gap, BS_GAP, "S",
			    "seconds between items"),
		OPT_SETTING(0, "samplerate", &spec.out.rate, BS_SAMPLERATE, "HZ",
			    "output sample rate (default 44100)"),
		OPT_SETTING(0, "channels", &spec.out.channels, BS_CHANNELS, "N",
			    "1 or 2 (default 1; a script may say 2)"),
		OPT_SETTING(0, "bitrate", &spec.mp3.bitrate, BS_BITRATE, "KBPS",
			    "MP3 bit rate (default 64 mono, 128 stereo);\n"
			    "Opus: 32 per channel"),
		OPT_SETTING(0, "quality", &spec.mp3.quality, BS_QUALITY, "Q",
			    "MP3 encoder quality, 0 (best) to 9 (fastest)"),
		OPT_STRING(0, "cover", &spec.cover, "FILE",
			   "embed a JPEG or PNG cover image in the MP3"),
		OPT_FLAG(0, "srt", &a.srt,
			 "also write an SRT transcript (OUT.srt)"),
		CLI_CONFINE_OPTION,
		OPT_FLAG(0, "no-sidecars", &a.no_sidecars,
			 "write no transcript (OUT.vtt) nor chapters\n"
			 "(OUT.chapters.json) beside OUT"),
		OPT_FLAG('q', "quiet", &a.quiet, "print nothing on success"),
		OPT_END(),
	};
	bulletin_script *sc = NULL;
	bulletin_item *items = NULL;
	bulletin_result res;
	int r, err;

	bulletin_spec_init(&spec);
	if ((r = cli_parse_options(&build_cmd, opts, argc, argv)) >= 0)
		return r;
	if (!a.out)
		return cli_usage_error("build", "no output: give -o OUT.mp3");
	if (optind == argc)
		return cli_usage_error("build", "no statement to render");
	cli_catch_signals();
	memset(&res, 0, sizeof(res));
	outfile_group_begin();    /* the audio and its sidecars, together */
	err = cli_bulletin_spec(&build_cmd, opts, argc, argv, &spec, &sc, &items);
	if (!err)
		err = build(&spec, &a, &res);
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
	free(items);
	script_free(sc);
	return err ? cli_fail(err) : 0;
}
