/* cli.h - the command layer: one cmd_* per subcommand, shared helpers.
 *
 * Only this layer prints to the user and chooses exit codes:
 *   0 success, 1 failure (message on stderr), 2 bad usage,
 *   130 / 143 interrupted by SIGINT / SIGTERM. */
#ifndef CRIEUR_CLI_H
#define CRIEUR_CLI_H

#include "speech/synth.h"

enum { EXIT_USAGE = 2 };

int cmd_build(int argc, char **argv);
int cmd_say(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_devices(int argc, char **argv);
int cmd_info(int argc, char **argv);

/* Print "crieur: DETAIL" for a failed library call; return the exit code
 * for code (130/143 when interrupted, else 1). */
int cli_fail(int code);

/* Print "crieur: MSG" then "see 'crieur CMD --help'"; return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parse an integer option value within [lo, hi]; 0 or EXIT_USAGE. */
int cli_int_arg(const char *cmd, const char *opt, const char *val, int lo,
		int hi, int *out);

/* Install SIGINT/SIGTERM handlers that set synth_interrupted (the library
 * polls it and fails with CRIEUR_EINTR). */
void cli_catch_signals(void);

#endif
