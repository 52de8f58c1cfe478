/* cmd_lexicon.c - `crieur lexicon check|import`. */
#include "cli/cli.h"
#include "base/error.h"
#include "speech/phonemes.h"
#include "text/lexicon.h"
#include "speech/pls.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"usage: crieur lexicon check [--lang L] FILE...\n"
	"       crieur lexicon import [--lang L] FILE.pls [-o OUT.lex]\n"
	"\n"
	"check: read pronunciation lexicons (format: lexicon/README.md) and\n"
	"report every bad line as FILE:LINE: an unknown flag, phonemes eSpeak\n"
	"NG does not have (checked against its phoneme table for the\n"
	"language), a headword given two readings.  Exit status 1 if any.\n"
	"\n"
	"import: convert a W3C PLS lexicon (<lexeme> with <grapheme>, <alias>\n"
	"or <phoneme alphabet=\"x-espeak\">) to crieur's format, on standard\n"
	"output or OUT.lex.  IPA phonemes are refused (the lexeme is named).\n"
	"\n"
	"  -l, --lang L      language: fr (default), en, fr-BE, fr-CH; PLS\n"
	"                    files say theirs (xml:lang)\n"
	"  -o, --output OUT  import: write OUT instead of standard output\n"
	"  -h, --help        show this help\n";

/* Print one bad line (lex_report_fn). */
static void report(void *ctx, const char *msg)
{
	int *bad = ctx;

	(*bad)++;
	fprintf(stderr, "crieur: %s\n", msg);
}

/* Check each file on its own (headwords repeat across layers). */
static int check(const char *lang, int argc, char **argv)
{
	int bad = 0;

	for (int i = optind; i < argc; i++) {
		lexicon *lex;
		int before = bad;

		lex_new(&lex, lang, phon_check_lex);   /* cannot fail */
		lex_load_file(lex, argv[i], report, &bad);
		if (bad == before)
			printf("%s: %zu entries, ok\n", argv[i], lex_count(lex));
		lex_free(lex);
	}
	if (bad)
		fprintf(stderr, "crieur: %d error%s\n", bad, bad > 1 ? "s" : "");
	return bad ? 1 : 0;
}

int cmd_lexicon(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	const char *lang = "fr", *out = "-", *sub;
	int c, err;

	while ((c = getopt_long(argc, argv, "l:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': lang = optarg; break;
		case 'o': out = optarg; break;
		case 'h': fputs(help, stdout); return 0;
		default: return cli_usage_error("lexicon", "bad option");
		}
	}
	if (optind == argc)
		return cli_usage_error("lexicon", "say check or import");
	sub = argv[optind++];
	if (optind == argc)
		return cli_usage_error("lexicon", "no lexicon file");
	if (!strcmp(sub, "check"))
		return check(lang, argc, argv);
	if (!strcmp(sub, "import")) {
		if (optind + 1 != argc)
			return cli_usage_error("lexicon", "import takes one PLS file");
		err = pls_import(argv[optind], lang, out);
		return err ? cli_fail(err) : 0;
	}
	return cli_usage_error("lexicon", "unknown subcommand '%s' (check, import)", sub);
}
