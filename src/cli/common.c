/* common.c - helpers shared by the commands. */
#include "cli/cli.h"
#include "base/error.h"

#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t caught_signal;

int cli_fail(int code)
{
	fprintf(stderr, "crieur: %s\n", err_detail());
	if (code == CRIEUR_EINTR)
		return caught_signal == SIGTERM ? 143 : 130;
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

static void on_signal(int sig)
{
	caught_signal = sig;
	synth_interrupted = 1;
}

void cli_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}
