/* common.c - helpers shared by the commands. */
#include "cli/cli.h"
#include "audio/loudness.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"
#include "bulletin/script.h"

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

int cli_is_script(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && !strcmp(path + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(path + n - 4, ".yml"));
}

/* The command line's settings over spec's, but for lexicons: a script's
 * own lexicons come after the command line's (later wins: README,
 * "Pronunciation"). */
static int apply_options(const cli_command *cmd, const cli_option *opts,
			 int argc, char **argv, bulletin_spec *spec)
{
	speech_options *so = &spec->speech;
	const char *script_lex[SPEECH_LEXICONS_MAX];
	size_t n = so->n_lexicons;

	memcpy(script_lex, so->lexicons, n * sizeof(*script_lex));
	so->n_lexicons = 0;
	if (cli_apply_options_in(cmd, opts, argc, argv, spec, sizeof(*spec)))
		return err_set(CRIEUR_EINVAL, "bad options");   /* parsed before */
	if (so->n_lexicons + n > SPEECH_LEXICONS_MAX)
		return err_set(CRIEUR_EINVAL, "at most %d lexicon files, the "
			       "script's and --lexicon together",
			       SPEECH_LEXICONS_MAX);
	memcpy(so->lexicons + so->n_lexicons, script_lex, n * sizeof(*script_lex));
	so->n_lexicons += n;
	return 0;
}

int cli_bulletin_spec(const cli_command *cmd, const cli_option *opts,
		      int argc, char **argv, bulletin_spec *spec,
		      bulletin_script **sc, bulletin_item **items)
{
	return cli_bulletin_spec_of(cmd, opts, argc, argv,
				    (const char *const *)argv + optind,
				    argc - optind, spec, sc, items);
}

int cli_bulletin_spec_of(const cli_command *cmd, const cli_option *opts,
			 int argc, char **argv, const char *const *args, int n,
			 bulletin_spec *spec, bulletin_script **sc,
			 bulletin_item **items)
{
	int err = 0;

	*sc = NULL;
	*items = NULL;
	bulletin_spec_init(spec);   /* the options come again, last */
	if (n == 1 && cli_is_script(args[0])) {
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
			*spec = (*sc)->spec;
	} else {
		*items = xcalloc((size_t)n, sizeof(**items));
		for (int i = 0; i < n; i++)
			(*items)[i].file = args[i];
		spec->items = *items;
		spec->n_items = (size_t)n;
	}
	return err ? err : apply_options(cmd, opts, argc, argv, spec);
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
	/* signals that end the process at once: the temporary outputs
	 * are removed, then it dies of the signal as if uncaught */
	sa.sa_handler = outfile_fatal_signal;
	for (size_t i = 0; i < ARRAY_SIZE(fatal); i++)
		sigaction(fatal[i], &sa, NULL);
	/* A closed pipe then fails a write with EPIPE and a message, and
	 * the temporary files are removed on the way out. */
	signal(SIGPIPE, SIG_IGN);
	/* A file-size limit (or a quota) then fails a write with EFBIG and
	 * a message, instead of killing the process mid-file. */
	signal(SIGXFSZ, SIG_IGN);
}

int cli_stream_name_option(const cli_option *o, const char *cmd,
			   const char *arg)
{
	icecast_options *ice = o->value;

	ice->station = ice->name = arg;
	return 0;
}

int cli_stream_format_option(const cli_option *o, const char *cmd,
			     const char *arg)
{
	if (strcmp(arg, "mp3") && strcmp(arg, "opus"))
		return cli_usage_error(cmd, "--stream-format is mp3 or opus, "
				       "not '%s'", arg);
	((icecast_options *)o->value)->format = !strcmp(arg, "mp3") ?
						ICECAST_MP3 : ICECAST_OPUS;
	return 0;
}

int cli_confine_option(const cli_option *o, const char *cmd, const char *arg)
{
	return cli_confine(cmd, arg);
}

int cli_loudness_option(const cli_option *o, const char *cmd, const char *arg)
{
	if (!strcmp(arg, "none")) {
		*(double *)o->value = NAN;   /* leave the level */
		return 0;
	}
	return loudness_target_parse(arg, o->value) ?
		cli_usage_error(cmd, "%s", err_detail()) : 0;
}

int cli_true_peak_option(const cli_option *o, const char *cmd,
			 const char *arg)
{
	return loudness_ceiling_parse(arg, o->value) ?
		cli_usage_error(cmd, "%s", err_detail()) : 0;
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
