/* cmd_phonemes.c - `crieur phonemes`: the IPA eSpeak NG will say. */
#include "cli/cli.h"
#include "cli/options.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "speech/phonemes.h"
#include "text/utf8.h"

#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cli_command phonemes_cmd = {
	"phonemes",
	"crieur phonemes [OPTIONS] [FILE...]",
	"Print, for each input line, the IPA eSpeak NG will say for it after\n"
	"normalization and the lexicons: one output line per input line;\n"
	"standard input when no FILE (or -).  Words said in another voice\n"
	"(lang=en readings, quotations with --quote-voice) are translated\n"
	"with that voice.\n",
	"example: echo \"la KFOR et l'UE\" | crieur phonemes --lang fr\n",
};

struct phon_job {
	voice v;
	normalizer *norm;
	strbuf text, ipa;
};

/* Print the IPA of each line of in. */
static int phonemes_stream(struct phon_job *j, FILE *in, const char *name)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t got;
	int err = 0;

	while (!err && (got = getline(&line, &cap, in)) >= 0) {
		size_t len = (size_t)got, bad;

		lineno++;
		if (len && line[len - 1] == '\n')
			len--;
		if (len && line[len - 1] == '\r')
			len--;
		if ((bad = utf8_validate(line, len)) < len || memchr(line, '\0', len)) {
			err = err_set(CRIEUR_EUTF8, "%s:%zu: invalid UTF-8 or NUL "
				      "byte", name, lineno);
			break;
		}
		sb_reset(&j->text);
		sb_reset(&j->ipa);
		if (!(err = norm_line(j->norm, line, len, &j->text)) &&
		    !(err = phon_ipa(j->text.buf ? j->text.buf : "", j->text.len, &j->v,
				     &j->ipa))) {
			sb_addch(&j->ipa, '\n');
			fwrite(j->ipa.buf, 1, j->ipa.len, stdout);
		}
	}
	if (!err && ferror(in))
		err = err_set(CRIEUR_EIO, "cannot read '%s': %s", name, strerror(errno));
	free(line);
	return err;
}

/* Run over the files (or stdin). */
static int phonemes_files(struct phon_job *j, int argc, char **argv)
{
	int err = 0;

	if (optind == argc)
		return phonemes_stream(j, stdin, "standard input");
	for (int i = optind; i < argc && !err; i++) {
		int is_stdin = !strcmp(argv[i], "-");
		FILE *f = is_stdin ? stdin : fopen(argv[i], "rb");

		if (!f)
			return err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
				       "cannot open '%s': %s", argv[i], strerror(errno));
		err = phonemes_stream(j, f, is_stdin ? "standard input" : argv[i]);
		if (!is_stdin)
			fclose(f);
	}
	return err;
}

int cmd_phonemes(int argc, char **argv)
{
	speech_options so = SPEECH_OPTIONS_INIT;
	const cli_option opts[] = { CLI_SPEECH_OPTIONS(&so), OPT_END() };
	struct phon_job j;
	lexicon *lex = NULL;
	const char *lang;
	int r, err;

	if ((r = cli_parse_options(&phonemes_cmd, opts, argc, argv)) >= 0)
		return r;
	memset(&j, 0, sizeof(j));
	if ((err = speech_pick_voice(&so, &j.v, &lang)) ||
	    (so.quote_voice && (err = voice_load(&(voice){ 0 }, so.quote_voice))) ||
	    (err = speech_lexicon_load(&so, lang, &lex)) ||
	    (err = speech_normalizer_new(&j.norm, &so, lang, lex)))
		goto done;
	err = phonemes_files(&j, argc, argv);
done:
	norm_free(j.norm);
	lex_free(lex);
	sb_release(&j.text);
	sb_release(&j.ipa);
	if (!err && (fflush(stdout) || ferror(stdout)))
		err = err_set(CRIEUR_EIO, "cannot write standard output: %s",
			      strerror(errno));
	return err ? cli_fail(err) : 0;
}
