/* options.h - command-line options declared once (git's parse-options):
 * each entry says its names, the field it fills, how its value is read
 * and checked, and its help line; the parser, the error messages and the
 * --help text all come from the one table.
 *
 *   bulletin_spec spec;  bulletin_spec_init(&spec);
 *   const cli_option opts[] = {
 *           OPT_STRING('o', "output", &out, "OUT", "the file to write"),
 *           OPT_SETTING(0, "gap", &spec.gap, BS_GAP, "S",
 *                       "seconds between items"),
 *           CLI_SPEECH_OPTIONS(&spec.speech),
 *           OPT_END(),
 *   };
 *   int r = cli_parse_options(&cmd, opts, argc, argv);
 *   if (r >= 0) return r;         (an exit code: bad usage, or --help)
 *   ... argv[optind..] are the operands ...
 *
 * A bad value is a usage error naming the option and its range:
 *   crieur: --rate wants a number from 80 to 450, not 'x'
 *   see 'crieur build --help'
 * -h/--help is every command's, printed from the table, ranges added. */
#ifndef CRIEUR_CLI_OPTIONS_H
#define CRIEUR_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>
#include "bulletin/settings.h"
#include "speech/chain.h"

enum cli_opt_type {
	CLI_OPT_END,
	CLI_OPT_FLAG,      /* int *: set to 1 */
	CLI_OPT_STRING,    /* const char **: the argument */
	CLI_OPT_INT,       /* int *: a whole number in [lo, hi] */
	CLI_OPT_SETTING,   /* a bulletin setting's field (its type and range
			    * from bulletin/settings.h) */
	CLI_OPT_LIST,      /* const char *value[], *count (< hi) */
	CLI_OPT_CALLBACK,  /* cb(opt, cmd, arg) */
};

typedef struct cli_option cli_option;
struct cli_option {
	enum cli_opt_type type;
	int short_name;          /* 0: none */
	const char *long_name;
	void *value;             /* the field it fills */
	const char *argh;        /* the argument's name in the help; NULL:
				  * the option takes none */
	const char *help;        /* one line or several ('\n' between) */
	double lo, hi;           /* INT: the range; LIST: hi = the most */
	enum bulletin_setting_id setting;   /* SETTING */
	size_t *count;           /* LIST: the number of values */
	/* CALLBACK: handle arg (NULL without argh) for command cmd; 0, or
	 * the exit code of a usage error (cli_usage_error()). */
	int (*cb)(const cli_option *o, const char *cmd, const char *arg);
};

#define OPT_END() { .type = CLI_OPT_END }
#define OPT_FLAG(s, l, v, h) \
	{ .type = CLI_OPT_FLAG, .short_name = (s), .long_name = (l), \
	  .value = (v), .help = (h) }
#define OPT_STRING(s, l, v, a, h) \
	{ .type = CLI_OPT_STRING, .short_name = (s), .long_name = (l), \
	  .value = (v), .argh = (a), .help = (h) }
#define OPT_INT(s, l, v, min, max, a, h) \
	{ .type = CLI_OPT_INT, .short_name = (s), .long_name = (l), \
	  .value = (v), .lo = (min), .hi = (max), .argh = (a), .help = (h) }
#define OPT_SETTING(s, l, v, id, a, h) \
	{ .type = CLI_OPT_SETTING, .short_name = (s), .long_name = (l), \
	  .value = (v), .setting = (id), .argh = (a), .help = (h) }
#define OPT_LIST(s, l, v, n, max, a, h) \
	{ .type = CLI_OPT_LIST, .short_name = (s), .long_name = (l), \
	  .value = (v), .count = (n), .hi = (max), .argh = (a), .help = (h) }
#define OPT_CALLBACK(s, l, v, a, h, f) \
	{ .type = CLI_OPT_CALLBACK, .short_name = (s), .long_name = (l), \
	  .value = (v), .argh = (a), .help = (h), .cb = (f) }

/* A command's text around its options. */
typedef struct cli_command {
	const char *name;        /* "build" */
	const char *usage;       /* usage lines ("crieur build ...") */
	const char *about;       /* paragraphs before the options, or NULL */
	const char *footer;      /* after them (examples), or NULL */
} cli_command;

/* Parse argv's options through opts (getopt_long: options and operands
 * may mix; "--" ends the options).  -1: go on, argv[optind..] being the
 * operands; else the exit code to return: 0 after --help (printed on
 * stdout), EXIT_USAGE after a usage error (printed on stderr). */
int cli_parse_options(const cli_command *cmd, const cli_option *opts,
		      int argc, char **argv);

/* Apply again, in order, the options of argv (parsed by
 * cli_parse_options()) whose field lies in the object [base, base +
 * size): the command line's settings over a script's.  0 or an exit
 * code. */
int cli_apply_options_in(const cli_command *cmd, const cli_option *opts,
			 int argc, char **argv, const void *base, size_t size);

/* The --help text: usage, about, the options (aligned), footer. */
void cli_usage_with_options(const cli_command *cmd, const cli_option *opts,
			    FILE *f);

/* The speech options of every speaking command, over so. */
#define CLI_SPEECH_OPTIONS(so) \
	OPT_STRING('v', "voice", &(so)->voice, "NAME", "voice (see 'crieur " \
		   "voices'; default: the\nlanguage's anchor, fr-anchor)"), \
	OPT_INT('r', "rate", &(so)->rate, 80, 450, "WPM", \
		"speaking rate, words per minute"), \
	OPT_INT('p', "pitch", &(so)->pitch, 0, 100, "N", "base pitch"), \
	OPT_INT('V', "volume", &(so)->volume, 1, 200, "N", \
		"speech volume, percent (default 100)"), \
	OPT_STRING('l', "lang", &(so)->lang, "L", "text language: fr, en, " \
		   "fr-BE, fr-CH (default:\nthe voice's; build and play with no "\
		   "voice:\nthe language each statement is written "\
		   "in,\nFrench when unclear)"), \
	OPT_LIST(0, "lexicon", (so)->lexicons, &(so)->n_lexicons, \
		 SPEECH_LEXICONS_MAX, "F", "a pronunciation lexicon over the " \
		 "built-in one\n(repeatable, later wins; lexicon/README.md)"), \
	OPT_STRING(0, "quote-voice", &(so)->quote_voice, "NAME", \
		   "read « quotations » in that voice"), \
	OPT_FLAG(0, "expand-acronyms", &(so)->expand_acronyms, "say the " \
		 "full name of an acronym the\nbuilt-in tables expand at its " \
		 "first mention")

#endif
