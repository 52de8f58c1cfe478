/* cmd_normalize.c - `crieur normalize`: print text as it will be spoken. */
#include "cli/cli.h"
#include "cli/options.h"
#include "text/voicemark.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "speech/phonemes.h"
#include "speech/vrun.h"
#include "text/normalize.h"
#include "text/utf8.h"

#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cli_command normalize_cmd = {
	"normalize",
	"crieur normalize [--lang fr|en|en-GB|en-US|fr-BE|fr-CH] [--lexicon F]... [FILE...]",
	"Print each input line as it will be spoken: numbers, dates, times,\n"
	"money, measures, abbreviations and acronyms written out in words.\n"
	"One output line per input line; standard input when no FILE (or -).\n",
	NULL,
};

/* Output pieces of one line: written as they come, unless voice marks
 * appear, which are shown once the line is whole. */
struct shown {
	strbuf held;
};

static void show_piece(void *ctx, const char *s, size_t n)
{
	struct shown *sh = ctx;

	if (sh->held.len || memchr(s, VMARK, n))
		sb_add(&sh->held, s, n);
	else
		fwrite(s, 1, n, stdout);
}

/* Normalize one line and print it, in memory bounded whatever its
 * length (norm_line_stream). */
static int print_line(normalizer *n, const char *line, size_t len, strbuf *scratch)
{
	struct shown sh = { { 0 } };
	int err;

	sb_reset(scratch);
	err = norm_line_stream(n, line, len, scratch, show_piece, &sh);
	if (sh.held.len) {
		char *shown;
		size_t shown_len;

		vrun_strip(sb_cstr(&sh.held), sh.held.len, 1, &shown, &shown_len);
		fwrite(shown, 1, shown_len, stdout);
		free(shown);
	}
	fputc('\n', stdout);
	sb_release(&sh.held);
	return err;
}

/* Normalize one stream line by line; name is used in messages. */
static int normalize_stream(normalizer *n, FILE *in, const char *name,
			    int lenient, strbuf *out)
{
	char *line = NULL;
	size_t cap = 0, offset = 0, lineno = 0;
	ssize_t got;
	int err = 0;

	while ((got = getline(&line, &cap, in)) >= 0) {
		size_t len = (size_t)got, bad;
		const char *nul;

		lineno++;
		if (len && line[len - 1] == '\n')
			len--;
		if (len && line[len - 1] == '\r')
			len--;
		bad = utf8_validate(line, len);
		nul = memchr(line, '\0', len);
		if (bad < len || nul) {
			if (!lenient) {
				int is_nul = nul && (size_t)(nul - line) < bad;
				size_t at = is_nul ? (size_t)(nul - line) : bad;

				err = err_set(CRIEUR_EUTF8, "%s:%zu: %s at byte %zu",
					      name, lineno, is_nul ? "NUL byte" :
					      "invalid UTF-8", offset + at);
				break;
			}
			size_t clean_len, replaced;
			char *clean = utf8_sanitize(line, len, &clean_len, &replaced);
			fprintf(stderr, "crieur: warning: %s:%zu: replaced %zu invalid "
				"byte(s)\n", name, lineno, replaced);
			err = print_line(n, clean, clean_len, out);
			free(clean);
		} else {
			err = print_line(n, line, len, out);
		}
		if (err)
			break;
		offset += (size_t)got;
	}
	if (!err && ferror(in))
		err = err_set(CRIEUR_EIO, "cannot read '%s': %s", name,
			      strerror(errno));
	free(line);
	return err;
}

int cmd_normalize(int argc, char **argv)
{
	const char *lang = "fr";
	int lenient = 0, no_lex = 0, r, err = 0;
	speech_options so = SPEECH_OPTIONS_INIT;
	const cli_option opts[] = {
		OPT_STRING('l', "lang", &lang, "L",
			   "language of the text (default: fr)"),
		OPT_LIST(0, "lexicon", so.lexicons, &so.n_lexicons,
			 SPEECH_LEXICONS_MAX, "F", "a pronunciation lexicon over "
			 "the built-in one\n(repeatable); lexicon readings show as "
			 "written in\nit: [[phonemes]], <lang:en>words</>"),
		OPT_FLAG(0, "no-lexicon", &no_lex,
			 "no lexicon at all, not even the built-in one"),
		OPT_FLAG(0, "expand-acronyms", &so.expand_acronyms, "say the "
			 "full name of an acronym the\nbuilt-in tables expand at "
			 "its first mention"),
		OPT_STRING(0, "quote-voice", &so.quote_voice, "NAME",
			   "mark quotations <voice:NAME>...</>"),
		OPT_FLAG(0, "lenient", &lenient, "replace invalid UTF-8 with "
			 "U+FFFD and warn, instead\nof failing"),
		OPT_END(),
	};
	lexicon *lex = NULL;
	normalizer *n = NULL;
	strbuf out;

	if ((r = cli_parse_options(&normalize_cmd, opts, argc, argv)) >= 0)
		return r;
	if ((!no_lex && (err = speech_lexicon_load(&so, lang, &lex))) ||
	    (err = speech_normalizer_new(&n, &so, lang, lex))) {
		lex_free(lex);
		return cli_fail(err);
	}
	sb_init(&out);
	if (optind == argc)
		err = normalize_stream(n, stdin, "standard input", lenient, &out);
	for (int i = optind; i < argc && !err; i++) {
		int is_stdin = !strcmp(argv[i], "-");
		FILE *f = is_stdin ? stdin : fopen(argv[i], "rb");

		if (!f) {
			err = err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
				      "cannot open '%s': %s", argv[i],
				      strerror(errno));
			break;
		}
		err = normalize_stream(n, f, is_stdin ? "standard input" : argv[i],
				       lenient, &out);
		if (!is_stdin)
			fclose(f);
	}
	sb_release(&out);
	norm_free(n);
	lex_free(lex);
	if (!err && (fflush(stdout) || ferror(stdout)))
		err = err_set(CRIEUR_EIO, "cannot write standard output: %s",
			      strerror(errno));
	return err ? cli_fail(err) : 0;
}
