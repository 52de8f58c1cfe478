/* cmd_say.c - `crieur say`: speak text through the audio device. */
#include "cli/cli.h"
#include "cli/options.h"
#include "audio/play_portaudio.h"
#include "audio/sink_file.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "live/line_speaker.h"
#include "speech/synth.h"
#include "text/utf8.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cli_command say_cmd = {
	"say",
	"crieur say [OPTIONS] [TEXT...]\n"
	"crieur say [OPTIONS] -f FILE\n"
	"COMMAND | crieur say [OPTIONS]",
	"Speak text through the audio device: the words given, a file, or\n"
	"standard input.  Each line is normalized and spoken; audio starts as\n"
	"soon as the first words are synthesized.\n",
	"Ctrl-C (SIGINT) or SIGTERM fades out within a few milliseconds and\n"
	"exits with 130 or 143.\n"
	"\n"
	"example: crieur say --voice en-anchor \"Good evening.\"\n",
};

struct say_args {
	bulletin_spec spec;   /* the speech, the file's format */
	icecast_options ice;
	const char *file, *device, *output;
	int buffer_ms, sample, lines, interrupt, stats, ssml, samplerate;
	int lenient;
};

/* Check the options that go together; -1 to go on, else an exit code. */
static int check_args(int argc, const struct say_args *a)
{
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
		int err = speech_pick_voice(&a->spec.speech, &v, &lang);
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
static int say_line(line_speaker *sp, strbuf *line, long n, int lenient,
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
		return line_speaker_say(sp, sb_cstr(line), line->len, now);
	fprintf(stderr, "crieur: warning: standard input:%ld: invalid UTF-8 at "
		"byte %zu: %s\n", n, bad + 1, lenient ? "bad bytes said as "
		"U+FFFD" : "line skipped (--lenient says it)");
	if (!lenient)
		return 0;
	fixed = utf8_sanitize(line->buf, line->len, &len, &replaced);
	err = line_speaker_say(sp, fixed, len, now);
	free(fixed);
	return err;
}

/* Queue each complete line of stdin as it arrives, until the end of
 * input or a signal. */
static int feed_lines(line_speaker *sp, int lenient)
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

/* --stats: what the line speaker measured, as "name: value" lines. */
static void print_stats(const line_speaker_stats *st)
{
	fprintf(stderr, "lines: %zu\n", st->lines);
	fprintf(stderr, "first audio: %.0f ms\n", st->first_p95_ms);
	fprintf(stderr, "first audio (median, max): %.1f ms, %.1f ms\n",
		st->first_p50_ms, st->first_max_ms);
	fprintf(stderr, "underruns: %ld\n", st->underruns);
	if (st->cuts)
		fprintf(stderr, "interrupts: %zu, longest %.1f ms\n", st->cuts,
			st->cut_max_ms);
	if (st->stop_ms >= 0)
		fprintf(stderr, "stop: %.1f ms\n", st->stop_ms);
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
	line_speaker_options so = {
		.speech = a->spec.speech, .device = a->device,
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
	line_speaker_stats stats;
	line_speaker *sp;
	int err = line_speaker_new(&sp, &so), err2;

	if (err)
		return err;
	if (a->lines)
		err = feed_lines(sp, a->lenient);
	else
		err = line_speaker_say(sp, st->data, st->len, player_now_ns());
	err2 = line_speaker_finish(sp);
	if (!err)
		err = err2;
	if (!err && crieur_interrupted)
		err = err_set(CRIEUR_EINTR, "interrupted");
	if (a->stats) {
		line_speaker_get_stats(sp, &stats);
		print_stats(&stats);
	}
	line_speaker_free(sp);
	return err;
}

/* Write what `say` would play to a.output or the Icecast stream instead
 * (the escape hatch when there is no audio device): the same speech
 * chain, at 44.1 kHz unless --samplerate says otherwise. */
static int say_to_file(statement *st, struct say_args *a)
{
	speech_chain_config cfg = { .fmt = { a->spec.out.rate, 1 },
				    .mode = SPEECH_BULLETIN };
	speech_chain *c = NULL;
	audio_sink *sink = NULL;
	int err = speech_chain_new(&c, &a->spec.speech, &cfg);

	if (!err)
		err = speech_chain_say_statement(c, st, a->ssml ? SPEECH_SSML : 0,
						 NULL);
	if (!err && a->ice.url)
		err = cli_icecast_open(&sink, cfg.fmt, &a->ice);
	else if (!err)
		err = audio_sink_open_file(&sink, a->output, cfg.fmt, &a->spec.mp3,
					   NULL);
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
	struct say_args a = { .samplerate = 0 };
	const cli_option opts[] = {
		OPT_STRING('f', "file", &a.file, "FILE",
			   "read the text from FILE ('-' for stdin)"),
		OPT_FLAG(0, "sample", &a.sample,
			 "say the voice's demo sentence (its sample key)"),
		OPT_FLAG(0, "ssml", &a.ssml, "the text is SSML (also when it "
			 "starts with\n<speak>; see README.md)"),
		OPT_FLAG(0, "lines", &a.lines, "speak each line of stdin as it "
			 "arrives; lines\nqueue (tail -f wire.txt | crieur say "
			 "--lines)"),
		OPT_FLAG(0, "interrupt", &a.interrupt, "with --lines: a new line "
			 "cuts the one being\nspoken (screen-reader style)"),
		OPT_FLAG(0, "lenient", &a.lenient, "with --lines: say a line that "
			 "is not valid\nUTF-8 with U+FFFD in place of the bad "
			 "bytes\n(and warn) instead of skipping it"),
		OPT_FLAG(0, "stats", &a.stats, "at exit, print to stderr the lines "
			 "spoken,\n'first audio: N ms' (95th percentile, from a\n"
			 "line's arrival to its first audio handed to\nthe "
			 "device) and 'underruns: N'"),
		CLI_DEVICE_OPTIONS(&a.device, &a.buffer_ms),
		OPT_STRING('o', "output", &a.output, "FILE", "write to FILE (.mp3, "
			   ".opus, .wav, .flac) instead"),
		OPT_SETTING(0, "samplerate", &a.samplerate, BS_SAMPLERATE, "HZ",
			    "with -o: the file's sample rate (default\n44100; the "
			    "device gets eSpeak NG's 22050)"),
		CLI_ICECAST_OPTIONS(&a.ice),
		CLI_SPEECH_OPTIONS(&a.spec.speech),
		OPT_END(),
	};
	int r, err;
	statement st;

	bulletin_spec_init(&a.spec);
	if ((r = cli_parse_options(&say_cmd, opts, argc, argv)) >= 0 ||
	    (r = check_args(argc, &a)) >= 0)
		return r;
	if (a.samplerate)
		a.spec.out.rate = a.samplerate;
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
