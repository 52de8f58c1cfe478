/* cmd_say.c - `crieur say`: speak text through the audio device. */
#include "cli/cli.h"
#include "audio/play_portaudio.h"
#include "audio/sink_file.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "speech/synth.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"usage: crieur say [OPTIONS] [TEXT...]\n"
	"       crieur say [OPTIONS] -f FILE\n"
	"       COMMAND | crieur say [OPTIONS]\n"
	"\n"
	"Speak text through the audio device: the words given, a file, or\n"
	"standard input.  Each line is normalized and spoken.\n"
	"\n"
	"  -f, --file FILE      read the text from FILE ('-' for stdin)\n"
	"      --sample         say the voice's demo sentence (its sample key)\n"
	"      --ssml           the text is SSML (also when it starts with\n"
	"                       <speak>; see README.md)\n"
	"  -d, --device N|NAME  output device, by index or part of its name\n"
	"                       ('crieur devices' lists them)\n"
	"  -o, --output FILE    write to FILE (.mp3, .wav, .flac) instead\n"
	"      --buffer MS      device buffer in milliseconds (default 500);\n"
	"                       playback starts when half of it is filled\n"
	CLI_SPEECH_HELP
	"  -h, --help           show this help\n"
	"\n"
	"example: crieur say --voice en-anchor \"Good evening.\"\n";

struct say_args {
	speech_options speech;
	const char *file, *device, *output;
	int buffer_ms, sample;
};

/* Parse options; -1 to go on, else an exit code. */
static int parse(int argc, char **argv, struct say_args *a)
{
	static const struct option opts[] = {
		CLI_SPEECH_OPTIONS,
		{ "file", required_argument, NULL, 'f' },
		{ "device", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "buffer", required_argument, NULL, 'B' },
		{ "sample", no_argument, NULL, 'S' },
		{ "ssml", no_argument, NULL, 'X' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	int c, r;

	while ((c = getopt_long(argc, argv, CLI_SPEECH_SHORT "f:d:o:h", opts,
				NULL)) != -1) {
		r = cli_speech_option("say", c, optarg, &a->speech);
		if (r < 0)
			return -r;
		if (r)
			continue;
		switch (c) {
		case 'f': a->file = optarg; break;
		case 'd': a->device = optarg; break;
		case 'o': a->output = optarg; break;
		case 'S': a->sample = 1; break;
		case 'X': a->speech.ssml = 1; break;
		case 'B':
			if (cli_int_arg("say", "--buffer", optarg, 20, 600000,
					&a->buffer_ms))
				return EXIT_USAGE;
			break;
		case 'h': fputs(help, stdout); return 0;
		default: return cli_usage_error("say", "bad option");
		}
	}
	if (a->file && optind < argc)
		return cli_usage_error("say", "give TEXT or -f FILE, not both");
	if (a->sample && (a->file || optind < argc))
		return cli_usage_error("say", "--sample says the voice's sentence: "
				       "give no TEXT nor -f FILE");
	return -1;
}

/* Load the text to say into st: the arguments, a file or stdin. */
static int load_text(statement *st, const struct say_args *a, int argc,
		     char **argv)
{
	strbuf sb;

	if (a->sample) {
		voice v;
		const char *lang;
		int err = render_pick_voice(&a->speech, &v, &lang);
		if (err)
			return err;
		if (!v.sample[0])
			return err_set(CRIEUR_EINVAL, "voice '%s' has no sample sentence",
				       v.name);
		return statement_from_text(st, "the sample sentence", xstrdup(v.sample),
					   strlen(v.sample));
	}
	if (optind == argc)
		return statement_load(st, a->file ? a->file : "-");
	sb_init(&sb);
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			sb_addch(&sb, ' ');
		sb_adds(&sb, argv[i]);
	}
	size_t len;
	char *data = sb_detach(&sb, &len);
	return statement_from_text(st, "the text argument", data, len);
}

/* Play st on the device. */
static int play(statement *st, const struct say_args *a)
{
	int rate = synth_engine_init();
	audio_format fmt = { rate, 1 };
	audio_sink *sink = NULL;
	audio_stage *src = NULL;
	int err;

	if (rate < 0)
		return rate;
	if ((err = player_open(&sink, a->device, fmt, a->buffer_ms)))
		return err;
	err = render_speech_stage(&src, st, 1, &a->speech, sink->fmt);
	if (!err)
		err = audio_pump(src, sink, NULL);
	stage_free(src);
	sink_free(sink);
	return err;
}

/* Write what `say` would play to a.output instead (the escape hatch
 * when there is no audio device): the same speech chain, at 44.1 kHz. */
static int say_to_file(statement *st, const struct say_args *a)
{
	audio_format fmt = { 44100, 1 };
	mp3_options mp3 = { .quality = 5 };
	audio_stage *src = NULL;
	audio_sink *sink = NULL;
	int err = render_speech_stage(&src, st, 1, &a->speech, fmt);

	if (!err)
		err = audio_sink_open_file(&sink, a->output, fmt, &mp3);
	if (!err)
		err = audio_pump(src, sink, NULL);
	sink_free(sink);
	stage_free(src);
	return err;
}

int cmd_say(int argc, char **argv)
{
	struct say_args a = { .speech = { .pitch = -1 } };
	int r = parse(argc, argv, &a), err;
	statement st;

	if (r >= 0)
		return r;
	cli_catch_signals();
	err = load_text(&st, &a, argc, argv);
	if (!err && a.output) {
		err = say_to_file(&st, &a);
	} else if (!err) {
		err = play(&st, &a);
	}
	statement_release(&st);
	return err ? cli_fail(err) : 0;
}
