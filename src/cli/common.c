/* common.c - helpers shared by the commands. */
#include "cli/cli.h"
#include "audio/loudness.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"
#include "bulletin/script.h"
#include "live/speaker.h"

#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cli_fail(int code)
{
	/* A signal is reported as such, whichever stage noticed it first
	 * (a worker thread may have stopped on it with its own words); a
	 * detail that says what was interrupted is kept ("interrupted while
	 * waiting for the lock"). */
	if (code == CRIEUR_EINTR && crieur_interrupted) {
		const char *d = err_detail();

		fprintf(stderr, "crieur: %s\n", strncmp(d, "interrupted", 11) ?
			"interrupted" : d);
		return 128 + crieur_interrupted;
	}
	fprintf(stderr, "crieur: %s\n", err_detail());
	if (code == CRIEUR_EINTR)
		return 128 + SIGINT;
	return 1;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("crieur: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nsee 'crieur %s --help'\n", cmd);
	return EXIT_USAGE;
}

int cli_int_arg(const char *cmd, const char *opt, const char *val, int lo,
		int hi, int *out)
{
	char *end;
	long v = strtol(val, &end, 10);

	if (!*val || *end || v < lo || v > hi)
		return cli_usage_error(cmd, "%s wants a number from %d to %d, "
				       "not '%s'", opt, lo, hi, val);
	*out = (int)v;
	return 0;
}

/* Note the signal and when it came (base/error.h). */
static void on_signal(int sig)
{
	crieur_interrupt(sig);
}

static int is_script(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && !strcmp(path + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(path + n - 4, ".yml"));
}

int cli_bulletin_spec(int n, char **args, const speech_options *speech,
		      bulletin_spec *spec, bulletin_script **sc,
		      bulletin_item **items)
{
	int err = 0;

	bulletin_spec_init(spec);
	spec->loudness = LOUDNESS_PODCAST_LUFS;
	*sc = NULL;
	*items = NULL;
	if (n == 1 && is_script(args[0])) {
		if (!(err = script_load(sc, args[0])))
			for (size_t i = 0; !err && i < (*sc)->n_items; i++)
				if ((*sc)->items[i].inbox.path)
					err = err_set(CRIEUR_EINVAL, "%s:%d:%d: item "
						      "%zu: inbox: items are filled "
						      "when the bulletin airs ('crieur "
						      "air')", args[0],
						      (*sc)->items[i].pos.line,
						      (*sc)->items[i].pos.column, i + 1);
		if (!err)
			err = bulletin_spec_from_script(*sc, spec, items);
	} else {
		*items = xcalloc((size_t)n, sizeof(**items));
		for (int i = 0; i < n; i++)
			(*items)[i].file = args[i];
		spec->items = *items;
		spec->n_items = (size_t)n;
	}
	return err ? err : speech_options_overlay(&spec->speech, speech);
}

/* A signal that ends the process at once: remove the temporary outputs,
 * then die of it as if uncaught. */
static void on_fatal_signal(int sig)
{
	outfile_abort_all_signal_safe();
	signal(sig, SIG_DFL);
	raise(sig);
}

void cli_catch_signals(void)
{
	static const int fatal[] = { SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
				     SIGPROF, SIGQUIT, SIGXCPU };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);     /* the terminal went away */
	sa.sa_handler = on_fatal_signal;
	for (size_t i = 0; i < ARRAY_SIZE(fatal); i++)
		sigaction(fatal[i], &sa, NULL);
	/* A closed pipe then fails a write with EPIPE and a message, and
	 * the temporary files are removed on the way out. */
	signal(SIGPIPE, SIG_IGN);
	/* A file-size limit (or a quota) then fails a write with EFBIG and
	 * a message, instead of killing the process mid-file. */
	signal(SIGXFSZ, SIG_IGN);
}

int cli_speech_option(const char *cmd, int c, const char *arg,
		      speech_options *opt)
{
	switch (c) {
	case 'v':
		opt->voice = arg;
		return 1;
	case 'l':
		opt->lang = arg;
		return 1;
	case CLI_OPT_LEXICON:
		if (opt->n_lexicons == SPEECH_LEXICONS_MAX)
			return cli_usage_error(cmd, "at most %d --lexicon files",
					       SPEECH_LEXICONS_MAX), -EXIT_USAGE;
		opt->lexicons[opt->n_lexicons++] = arg;
		return 1;
	case CLI_OPT_QUOTE_VOICE:
		opt->quote_voice = arg;
		return 1;
	case 'r':
		return cli_int_arg(cmd, "--rate", arg, 80, 450, &opt->rate) ?
			-EXIT_USAGE : 1;
	case 'p':
		return cli_int_arg(cmd, "--pitch", arg, 0, 100, &opt->pitch) ?
			-EXIT_USAGE : 1;
	case 'V':
		return cli_int_arg(cmd, "--volume", arg, 1, 200, &opt->volume) ?
			-EXIT_USAGE : 1;
	}
	return 0;
}

int cli_icecast_option(const char *cmd, int c, const char *arg,
		       icecast_options *opt)
{
	switch (c) {
	case CLI_OPT_ICECAST: opt->url = arg; return 1;
	case CLI_OPT_ICECAST_PASSWORD: opt->password_file = arg; return 1;
	case CLI_OPT_STREAM_NAME: opt->station = opt->name = arg; return 1;
	case CLI_OPT_STREAM_FORMAT:
		if (!strcmp(arg, "mp3"))
			opt->format = ICECAST_MP3;
		else if (!strcmp(arg, "opus"))
			opt->format = ICECAST_OPUS;
		else
			return -cli_usage_error(cmd, "--stream-format is mp3 or "
						"opus, not '%s'", arg);
		return 1;
	case CLI_OPT_STREAM_BITRATE:
		return cli_int_arg(cmd, "--stream-bitrate", arg, 8, 320,
				   &opt->bitrate) ? -EXIT_USAGE : 1;
	default: return 0;
	}
}

static void print_event(void *ctx, const char *msg)
{
	fprintf(stderr, "crieur: %s\n", msg);
}

int cli_icecast_open(audio_sink **out, audio_format fmt, icecast_options *opt)
{
	opt->event = print_event;
	return icecast_sink_open(out, fmt, opt);
}

int cli_confine(const char *cmd, const char *dir)
{
	return path_confine(dir) ? cli_usage_error(cmd, "%s", err_detail()) : 0;
}
