/* cmd_build.c - `crieur build`: render statements to an audio file. */
#include "cli/cli.h"
#include "base/error.h"
#include "base/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"usage: crieur build [OPTIONS] STATEMENT.txt... -o OUT\n"
	"\n"
	"Render statements, one after another, to OUT.  The format follows\n"
	"the extension: .mp3, .wav or .flac; '-o -' writes MP3 to standard\n"
	"output.  A statement is UTF-8 text: the first line is the headline,\n"
	"then one paragraph per line.  OUT appears only when complete.\n"
	"\n"
	"  -o, --output OUT      the file to write (required)\n"
	CLI_SPEECH_HELP
	"      --samplerate HZ   output sample rate (default 44100)\n"
	"      --channels N      1 or 2 (default 1)\n"
	"      --bitrate KBPS    MP3 bit rate (default 64 mono, 128 stereo)\n"
	"  -q, --quiet           print nothing on success\n"
	"  -h, --help            show this help\n"
	"\n"
	"example: crieur build samples/statements/2023-11-20-pristina.txt -o pristina.mp3\n";

enum { OPT_RATE = 256, OPT_CHANNELS, OPT_BITRATE };

/* Parse options into opt; returns -1 to go on, else an exit code. */
static int parse(int argc, char **argv, render_options *opt,
		 const char **out, int *quiet)
{
	static const struct option opts[] = {
		CLI_SPEECH_OPTIONS,
		{ "output", required_argument, NULL, 'o' },
		{ "samplerate", required_argument, NULL, OPT_RATE },
		{ "channels", required_argument, NULL, OPT_CHANNELS },
		{ "bitrate", required_argument, NULL, OPT_BITRATE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	int c, r;

	while ((c = getopt_long(argc, argv, CLI_SPEECH_SHORT "o:qh", opts,
				NULL)) != -1) {
		if ((r = cli_speech_option("build", c, optarg, &opt->speech)))
			if (r < 0)
				return -r;
		if (r)
			continue;
		switch (c) {
		case 'o': *out = optarg; break;
		case 'q': *quiet = 1; break;
		case 'h': fputs(help, stdout); return 0;
		case OPT_RATE:
			if (cli_int_arg("build", "--samplerate", optarg, 8000,
					192000, &opt->samplerate))
				return EXIT_USAGE;
			break;
		case OPT_CHANNELS:
			if (cli_int_arg("build", "--channels", optarg, 1, 2,
					&opt->channels))
				return EXIT_USAGE;
			break;
		case OPT_BITRATE:
			if (cli_int_arg("build", "--bitrate", optarg, 8, 320,
					&opt->mp3.bitrate))
				return EXIT_USAGE;
			break;
		default:
			return cli_usage_error("build", "bad option");
		}
	}
	if (!*out)
		return cli_usage_error("build", "no output: give -o OUT.mp3");
	if (optind == argc)
		return cli_usage_error("build", "no statement to render");
	return -1;
}

int cmd_build(int argc, char **argv)
{
	render_options opt = { .speech = { .pitch = -1 }, .mp3 = { 0, 5 } };
	const char *out = NULL;
	int quiet = 0, err = 0, r = parse(argc, argv, &opt, &out, &quiet);
	size_t n = (size_t)(argc - optind), loaded = 0;
	statement *st;
	double seconds = 0;

	if (r >= 0)
		return r;
	cli_catch_signals();
	st = xcalloc(n, sizeof(*st));
	for (; loaded < n && !err; loaded++)
		err = statement_load(&st[loaded], argv[optind + (int)loaded]);
	if (!err)
		err = render_to_file(st, n, out, &opt, &seconds);
	for (size_t i = 0; i < loaded; i++)
		statement_release(&st[i]);
	free(st);
	if (err)
		return cli_fail(err);
	if (!quiet && strcmp(out, "-"))
		fprintf(stderr, "crieur: wrote '%s' (%.2f s)\n", out, seconds);
	return 0;
}
