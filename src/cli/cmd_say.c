/* cmd_say.c - `crieur say`: speak text through the audio device. */
#include "cli/cli.h"
#include "audio/play_portaudio.h"
#include "audio/sink_file.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "live/speaker.h"
#include "speech/synth.h"
#include "text/utf8.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"usage: crieur say [OPTIONS] [TEXT...]\n"
	"       crieur say [OPTIONS] -f FILE\n"
	"       COMMAND | crieur say [OPTIONS]\n"
	"\n"
	"Speak text through the audio device: the words given, a file, or\n"
	"standard input.  Each line is normalized and spoken; audio starts as\n"
	"soon as the first words are synthesized.\n"
	"\n"
	"  -f, --file FILE      read the text from FILE ('-' for stdin)\n"
	"      --sample         say the voice's demo sentence (its sample key)\n"
	"      --ssml           the text is SSML (also when it starts with\n"
	"                       <speak>; see README.md)\n"
	"      --lines          speak each line of stdin as it arrives; lines\n"
	"                       queue (tail -f wire.txt | crieur say --lines)\n"
	"      --interrupt      with --lines: a new line cuts the one being\n"
	"                       spoken (screen-reader style)\n"
	"      --lenient        with --lines: say a line that is not valid\n"
	"                       UTF-8 with U+FFFD in place of the bad bytes\n"
	"                       (and warn) instead of skipping it\n"
	"      --stats          at exit, print to stderr the lines spoken,\n"
	"                       'first audio: N ms' (95th percentile, from a\n"
	"                       line's arrival to its first audio handed to\n"
	"                       the device) and 'underruns: N'\n"
	"  -d, --device N|NAME  output device, by index or part of its name\n"
	"                       ('crieur devices' lists them)\n"
	"  -o, --output FILE    write to FILE (.mp3, .opus, .wav, .flac) instead\n"
	"      --samplerate HZ  with -o: the file's sample rate (default\n"
	"                       44100; the device gets eSpeak NG's 22050)\n"
	CLI_ICECAST_HELP
	"      --buffer MS      how far synthesis may run ahead of the device,\n"
	"                       in milliseconds (default 500): the margin\n"
	"                       against underruns; playback starts after 20 ms\n"
	CLI_SPEECH_HELP
	"  -h, --help           show this help\n"
	"\n"
	"Ctrl-C (SIGINT) or SIGTERM fades out within a few milliseconds and\n"
	"exits with 130 or 143.\n"
	"\n"
	"example: crieur say --voice en-anchor \"Good evening.\"\n";

enum { OPT_SAMPLE = 256, OPT_RATE, OPT_LENIENT };

struct say_args {
	speech_options speech;
	icecast_options ice;
	const char *file, *device, *output;
	int buffer_ms, sample, lines, interrupt, stats, ssml, samplerate;
	int lenient;
};

/* Parse options; -1 to go on, else an exit code. */
static int parse(int argc, char **argv, struct say_args *a)
{
	static const struct option opts[] = {
		CLI_SPEECH_OPTIONS,
		CLI_ICECAST_OPTIONS,
		{ "file", required_argument, NULL, 'f' },
		{ "device", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "buffer", required_argument, NULL, 'B' },
		{ "sample", no_argument, NULL, OPT_SAMPLE },
		{ "samplerate", required_argument, NULL, OPT_RATE },
		{ "ssml", no_argument, NULL, 'X' },
		{ "lines", no_argument, NULL, 'L' },
		{ "interrupt", no_argument, NULL, 'I' },
		{ "stats", no_argument, NULL, 'S' },
		{ "lenient", no_argument, NULL, OPT_LENIENT },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	int c, r;

	while ((c = getopt_long(argc, argv, CLI_SPEECH_SHORT "f:d:o:h", opts,
				NULL)) != -1) {
		r = cli_speech_option("say", c, optarg, &a->speech);
		if (!r)
			r = cli_icecast_option("say", c, optarg, &a->ice);
		if (r < 0)
			return -r;
		if (r)
			continue;
		switch (c) {
		case 'f': a->file = optarg; break;
		case 'd': a->device = optarg; break;
		case 'o': a->output = optarg; break;
		case OPT_SAMPLE: a->sample = 1; break;
		case OPT_RATE:
			if (cli_int_arg("say", "--samplerate", optarg, 8000, 192000,
					&a->samplerate))
				return EXIT_USAGE;
			break;
		case 'X': a->ssml = 1; break;
		case 'B':
			if (cli_int_arg("say", "--buffer", optarg, 20, 600000,
					&a->buffer_ms))
				return EXIT_USAGE;
			break;
		case 'L': a->lines = 1; break;
		case 'I': a->interrupt = 1; break;
		case 'S': a->stats = 1; break;
		case OPT_LENIENT: a->lenient = 1; break;
		case 'h': fputs(help, stdout); return 0;
		default: return cli_usage_error("say", "bad option");
		}
	}
	if (a->file && optind < argc)
		return cli_usage_error("say", "give TEXT or -f FILE, not both");
	if (a->sample && (a->file || optind < argc))
		return cli_usage_error("say", "--sample says the voice's sentence: "
				       "give no TEXT nor -f FILE");
	if (a->lines && (a->file || optind < argc || a->output))
		return cli_usage_error("say", "--lines reads standard input and "
				       "plays it: no TEXT, -f or -o");
	if (a->ice.url && a->output)
		return cli_usage_error("say", "--icecast streams the text: not "
				       "with -o");
	if (a->samplerate && !a->output)
		return cli_usage_error("say", "--samplerate goes with -o FILE");
	if (a->interrupt && !a->lines)
		return cli_usage_error("say", "--interrupt goes with --lines");
	if (a->lenient && !a->lines)
		return cli_usage_error("say", "--lenient goes with --lines (a "
				       "file or TEXT must be valid UTF-8)");
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
		int err = speech_pick_voice(&a->speech, &v, &lang);
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

enum { SAY_LINE_MAX = 1 << 20 };   /* bytes; a longer line is skipped */

/* Say line number n of stdin: a line that is not valid UTF-8 (or longer
 * than SAY_LINE_MAX) is skipped with a warning naming it, or with
 * lenient said with U+FFFD in place of the bad bytes. */
static int say_line(speaker *sp, strbuf *line, long n, int lenient,
		    long long now)
{
	size_t bad = utf8_validate(line->buf, line->len), len, replaced;
	char *fixed;
	int err;

	if (line->len > SAY_LINE_MAX) {
		fprintf(stderr, "crieur: warning: standard input:%ld: a line of "
			"more than %d bytes: skipped\n", n, SAY_LINE_MAX);
		return 0;
	}
	if (bad == line->len)
		return speaker_say(sp, sb_cstr(line), line->len, now);
	fprintf(stderr, "crieur: warning: standard input:%ld: invalid UTF-8 at "
		"byte %zu: %s\n", n, bad + 1, lenient ? "bad bytes said as "
		"U+FFFD" : "line skipped (--lenient says it)");
	if (!lenient)
		return 0;
	fixed = utf8_sanitize(line->buf, line->len, &len, &replaced);
	err = speaker_say(sp, fixed, len, now);
	free(fixed);
	return err;
}

/* Queue each complete line of stdin as it arrives, until the end of
 * input or a signal. */
static int feed_lines(speaker *sp, int lenient)
{
	char buf[4096];
	strbuf line;
	long n = 0;
	int err = 0;

	sb_init(&line);
	while (!err && !crieur_interrupted) {
		struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
		ssize_t got;

		if (poll(&pfd, 1, 50) <= 0)
			continue;
		got = read(STDIN_FILENO, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = err_set(CRIEUR_EIO, "cannot read standard input: %s",
				      strerror(errno));
			break;
		}
		long long now = player_now_ns();
		for (ssize_t i = 0; i < got && !err; i++) {
			if (buf[i] != '\n') {
				if (line.len <= SAY_LINE_MAX)
					sb_addch(&line, buf[i]);
				continue;
			}
			n++;
			if (line.len)
				err = say_line(sp, &line, n, lenient, now);
			sb_reset(&line);
		}
		if (got == 0) {   /* the end: a last line without its newline */
			if (line.len)
				err = say_line(sp, &line, n + 1, lenient, now);
			break;
		}
	}
	sb_release(&line);
	return err;
}

/* The speaker's stream (say --lines --icecast). */
static int open_stream(audio_sink **out, audio_format fmt, int nonblocking,
		       void *ctx)
{
	icecast_options *ice = ctx;

	ice->nonblocking = nonblocking;
	return cli_icecast_open(out, fmt, ice);
}

/* Speak on the device (and the stream, or the stream alone without
 * --device): st, or the lines of stdin as they come. */
static int play(statement *st, struct say_args *a)
{
	speaker_options so = {
		.speech = a->speech, .device = a->device,
		.buffer_ms = a->buffer_ms, .interrupt = a->interrupt,
		/* a text is a statement; lines as they come, as a screen
		 * reader says them */
		.mode = a->lines ? SPEECH_SCREEN_READER : SPEECH_BULLETIN,
		.say_flags = a->ssml ? SPEECH_SSML : 0,
		.where = st->path,
		.open_stream = a->ice.url ? open_stream : NULL,
		.stream_ctx = &a->ice,
		.no_device = a->ice.url && !a->device,
	};
	speaker_stats stats;
	speaker *sp;
	int err = speaker_new(&sp, &so), err2;

	if (err)
		return err;
	if (a->lines)
		err = feed_lines(sp, a->lenient);
	else
		err = speaker_say(sp, st->data, st->len, player_now_ns());
	err2 = speaker_finish(sp);
	if (!err)
		err = err2;
	if (!err && crieur_interrupted)
		err = err_set(CRIEUR_EINTR, "interrupted");
	if (a->stats) {
		speaker_get_stats(sp, &stats);
		speaker_print_stats(&stats, stderr);
	}
	speaker_free(sp);
	return err;
}

/* Write what `say` would play to a.output or the Icecast stream instead
 * (the escape hatch when there is no audio device): the same speech
 * chain, at 44.1 kHz unless --samplerate says otherwise. */
static int say_to_file(statement *st, struct say_args *a)
{
	speech_chain_config cfg = { .fmt = { a->samplerate ? a->samplerate : 44100, 1 },
				    .mode = SPEECH_BULLETIN };
	mp3_options mp3 = { .quality = 5 };
	speech_chain *c = NULL;
	audio_sink *sink = NULL;
	int err = speech_chain_new(&c, &a->speech, &cfg);

	if (!err)
		err = speech_chain_say_statement(c, st, a->ssml ? SPEECH_SSML : 0,
						 NULL);
	if (!err && a->ice.url)
		err = cli_icecast_open(&sink, cfg.fmt, &a->ice);
	else if (!err)
		err = audio_sink_open_file(&sink, a->output, cfg.fmt, &mp3, NULL);
	if (!err && a->ice.url && st->n_lines) {   /* now playing: the headline */
		char *head = xstrndup(st->data + st->lines[0].start,
				      st->lines[0].len);
		icecast_sink_set_title(sink, head);
		free(head);
	}
	if (!err)
		err = audio_pump(speech_chain_stage(c), sink, NULL);
	sink_free(sink);
	speech_chain_free(c);
	return err;
}

int cmd_say(int argc, char **argv)
{
	struct say_args a = { .speech = SPEECH_OPTIONS_INIT };
	int r = parse(argc, argv, &a), err;
	statement st;

	if (r >= 0)
		return r;
	cli_catch_signals();
	memset(&st, 0, sizeof(st));
	err = a.lines ? 0 : load_text(&st, &a, argc, argv);
	if (!err && (a.output || (a.ice.url && !a.lines))) {
		err = say_to_file(&st, &a);
	} else if (!err) {
		err = play(&st, &a);
	}
	statement_release(&st);
	return err ? cli_fail(err) : 0;
}
