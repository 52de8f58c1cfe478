/* options.c - the command-line option tables (cli/options.h). */
#include "cli/options.h"
#include "cli/cli.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OPTS_MAX = 64, HELP_COLUMN = 24, CODE_BASE = 256 };

/* "--rate" or "-r": how messages name o. */
static const char *option_name(const cli_option *o, char *buf, size_t size)
{
	if (o->long_name)
		snprintf(buf, size, "--%s", o->long_name);
	else
		snprintf(buf, size, "-%c", o->short_name);
	return buf;
}

/* o's range, [lo, hi] (a setting's from the settings table). */
static void range_of(const cli_option *o, double *lo, double *hi)
{
	*lo = o->type == CLI_OPT_SETTING ? bulletin_settings[o->setting].lo : o->lo;
	*hi = o->type == CLI_OPT_SETTING ? bulletin_settings[o->setting].hi : o->hi;
}

/* A setting's value: a whole number or a decimal one in its range. */
static int setting_value(const cli_option *o, const char *cmd,
			 const char *name, const char *arg)
{
	const bulletin_setting *b = &bulletin_settings[o->setting];
	int secs = b->unit && !strcmp(b->unit, "seconds");
	char *end;
	double v;

	if (b->type == BS_INT)
		return cli_int_arg(cmd, name, arg, (int)b->lo, (int)b->hi,
				   (int *)o->value);
	v = strtod(arg, &end);
	if (!*arg || *end || !(v >= b->lo && v <= b->hi))
		return cli_usage_error(cmd, "%s wants %s from %g to %g, not "
				       "'%s'", name, secs ? "seconds" : "a number",
				       b->lo, b->hi, arg);
	*(double *)o->value = v;
	return 0;
}

/* Store arg (NULL for a flag) through o; 0 or an exit code. */
static int take(const cli_option *o, const char *cmd, const char *arg)
{
	char name[64];

	option_name(o, name, sizeof(name));
	switch (o->type) {
	case CLI_OPT_FLAG:
		*(int *)o->value = 1;
		return 0;
	case CLI_OPT_STRING:
		*(const char **)o->value = arg;
		return 0;
	case CLI_OPT_INT:
		return cli_int_arg(cmd, name, arg, (int)o->lo, (int)o->hi,
				   (int *)o->value);
	case CLI_OPT_SETTING:
		return setting_value(o, cmd, name, arg);
	case CLI_OPT_LIST:
		if (*o->count >= (size_t)o->hi)
			return cli_usage_error(cmd, "at most %.0f %s files",
					       o->hi, name);
		((const char **)o->value)[(*o->count)++] = arg;
		return 0;
	case CLI_OPT_CALLBACK:
		return o->cb(o, cmd, arg);
	case CLI_OPT_END:
		break;
	}
	return cli_usage_error(cmd, "bad option table entry %s", name);
}

/* getopt_long's tables from opts, -h/--help added: option i answers
 * CODE_BASE + i.  The number of entries. */
static size_t getopt_tables(const cli_option *opts, struct option *lo,
			    char *shorts)
{
	size_t i, k = 0, s = 0;

	shorts[s++] = ':';   /* a missing argument is told apart */
	for (i = 0; opts[i].type != CLI_OPT_END; i++) {
		const cli_option *o = &opts[i];
		int has_arg = o->argh ? required_argument : no_argument;

		if (i == OPTS_MAX)
			abort();   /* a table too long: a programming error */
		if (o->long_name)
			lo[k++] = (struct option){ o->long_name, has_arg, NULL,
						   CODE_BASE + (int)i };
		if (o->short_name) {
			shorts[s++] = (char)o->short_name;
			if (has_arg == required_argument)
				shorts[s++] = ':';
		}
	}
	lo[k++] = (struct option){ "help", no_argument, NULL, 'h' };
	lo[k] = (struct option){ 0, 0, 0, 0 };
	shorts[s++] = 'h';
	shorts[s] = 0;
	return i;
}

/* The entry getopt answered c for, or NULL. */
static const cli_option *entry_for(const cli_option *opts, size_t n, int c)
{
	if (c >= CODE_BASE && (size_t)(c - CODE_BASE) < n)
		return &opts[c - CODE_BASE];
	for (size_t i = 0; i < n && c != '?' && c != ':'; i++)
		if (opts[i].short_name == c)
			return &opts[i];
	return NULL;
}

/* Run getopt over argv: each option's entry to apply(), -h to the help.
 * in: when not NULL, apply only the entries whose field is in it. */
static int parse(const cli_command *cmd, const cli_option *opts, int argc,
		 char **argv, const void *base, size_t size)
{
	struct option lo[OPTS_MAX + 2];
	char shorts[3 * OPTS_MAX + 4];
	size_t n = getopt_tables(opts, lo, shorts);
	const cli_option *o;
	int c, r;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		if (c == 'h') {
			if (base)
				continue;
			cli_usage_with_options(cmd, opts, stdout);
			return 0;
		}
		if (!(o = entry_for(opts, n, c))) {
			const char *w = optind > 1 && optind <= argc ?
					argv[optind - 1] : "?";

			if (c == ':')
				return cli_usage_error(cmd->name, "%s needs a "
						       "value", w);
			return cli_usage_error(cmd->name, "unknown option "
					       "'%s'", w);
		}
		if (base && ((uintptr_t)o->value < (uintptr_t)base ||
			     (uintptr_t)o->value >= (uintptr_t)base + size))
			continue;
		if ((r = take(o, cmd->name, optarg)))
			return r;
	}
	return -1;
}

int cli_parse_options(const cli_command *cmd, const cli_option *opts,
		      int argc, char **argv)
{
	return parse(cmd, opts, argc, argv, NULL, 0);
}

int cli_apply_options_in(const cli_command *cmd, const cli_option *opts,
			 int argc, char **argv, const void *base, size_t size)
{
	int r = parse(cmd, opts, argc, argv, base, size);

	return r < 0 ? 0 : r;
}

/* "  -r, --rate WPM": the left column of an entry; its length. */
static int left_column(const cli_option *o, char *buf, size_t size)
{
	int len = snprintf(buf, size, "  %s%c%s%s%s%s%s",
			   o->short_name ? "-" : " ",
			   o->short_name ? o->short_name : ' ',
			   o->short_name && o->long_name ? ", " : "  ",
			   o->long_name ? "--" : "",
			   o->long_name ? o->long_name : "",
			   o->argh ? " " : "", o->argh ? o->argh : "");

	return len < (int)size ? len : (int)size - 1;
}

/* The help of o: its first line beside its names, the others under it,
 * aligned on HELP_COLUMN; a range is added to the last line. */
static void print_entry(const cli_option *o, FILE *f)
{
	char left[96], range[64] = "";
	const char *h = o->help ? o->help : "";
	int len = left_column(o, left, sizeof(left));
	double lo, hi;

	if (o->type == CLI_OPT_INT || o->type == CLI_OPT_SETTING) {
		range_of(o, &lo, &hi);
		snprintf(range, sizeof(range), " (%g-%g)", lo, hi);
	}
	fputs(left, f);
	if (len > HELP_COLUMN - 2) {
		fputc('\n', f);
		len = 0;
	}
	for (;;) {
		const char *nl = strchr(h, '\n');
		int n = nl ? (int)(nl - h) : (int)strlen(h);

		fprintf(f, "%*s%.*s%s\n", HELP_COLUMN - len, "", n, h,
			nl ? "" : range);
		if (!nl)
			break;
		h = nl + 1;
		len = 0;
	}
}

void cli_usage_with_options(const cli_command *cmd, const cli_option *opts,
			    FILE *f)
{
	static const cli_option help = OPT_FLAG('h', "help", NULL,
						"show this help");
	const char *u = cmd->usage;

	for (int first = 1; *u; first = 0) {
		const char *nl = strchr(u, '\n');
		int n = nl ? (int)(nl - u) : (int)strlen(u);

		fprintf(f, "%s%.*s\n", first ? "usage: " : "       ", n, u);
		u += n + (nl != NULL);
	}
	if (cmd->about)
		fprintf(f, "\n%s", cmd->about);
	fputc('\n', f);
	for (size_t i = 0; opts[i].type != CLI_OPT_END; i++)
		print_entry(&opts[i], f);
	print_entry(&help, f);
	if (cmd->footer)
		fprintf(f, "\n%s", cmd->footer);
}
