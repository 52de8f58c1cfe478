/* cmd_check.c - `crieur check`: load a bulletin script and summarize it;
 * list the words crieur would say by guesswork (speech/unsure.h). */
#include "cli/cli.h"
#include "cli/options.h"
#include "base/error.h"
#include "base/util.h"
#include "bulletin/script.h"
#include "bulletin/session.h"
#include "bulletin/transcript.h"
#include "speech/unsure.h"
#include "speech/voice.h"
#include "text/guess.h"
#include "text/statement.h"

#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cli_command check_cmd = {
	"check",
	"crieur check [OPTIONS] SCRIPT.yaml\n"
	"crieur check [OPTIONS] STATEMENT.txt...",
	"Read a bulletin script and check every key, value and file it names\n"
	"(see \"Bulletin scripts\" in README.md), without rendering.  Prints\n"
	"one line per item (number, title, source, voice), then the total:\n"
	"items, words and an estimate of the bulletin's length at the voices'\n"
	"rates.  On an error, prints it as FILE:LINE:COLUMN: message and exits\n"
	"with status 1.\n"
	"\n"
	"Last, for the script's statements (a text item is named SCRIPT#N) or\n"
	"the statements given, it lists the words crieur will say by guesswork\n"
	"(in no lexicon, no word list, read by no rule) as FILE:LINE:COLUMN,\n"
	"with the IPA that will be said and a lexicon line to paste and\n"
	"correct; among them the foreign names said from their language's\n"
	"pronunciation (guessed from their spelling and the statement), with\n"
	"that language and eSpeak NG's IPA in it, to confirm or override.\n"
	"They do not change the exit status.\n",
	"examples: crieur check samples/bulletin.yaml\n"
	"          crieur check --json samples/statements/*.txt\n",
};

/* Print s in a column of width characters (UTF-8), cut with "..." when
 * longer, padded with spaces unless last. */
static void print_cell(const char *s, size_t width, int last)
{
	size_t chars = 0, i = 0, n = strlen(s);

	for (size_t j = 0; j < n; j++)
		chars += ((unsigned char)s[j] & 0xC0) != 0x80;
	if (chars > width) {
		for (chars = 0; i < n && chars < width - 3; i++)
			chars += ((unsigned char)s[i + 1] & 0xC0) != 0x80;
		printf("%.*s...", (int)i, s);
		chars += 3;
	} else {
		fputs(s, stdout);
	}
	for (; !last && chars < width; chars++)
		putchar(' ');
}

/* Words (runs of non-space bytes) in a statement. */
static size_t count_words(const statement *st)
{
	size_t words = 0;

	for (size_t i = 0; i < st->n_lines; i++) {
		const char *p = st->data + st->lines[i].start;
		int in_word = 0;

		for (size_t j = 0; j < st->lines[i].len; j++) {
			int space = p[j] == ' ' || p[j] == '\t';

			words += !space && !in_word;
			in_word = !space;
		}
	}
	return words;
}

/* The voice item i is read with, and its rate (words per minute), as the
 * bulletin session chooses them: st is the item's statement (its language
 * counts when nothing else chooses one), NULL for an inbox. */
static const char *item_voice(const bulletin_script *s, size_t i,
			      const statement *st, int *rate)
{
	speech_options so;
	const char *name;
	voice v;

	bulletin_item_speech(&s->spec, i, st ? lang_guess(st->data, st->len) : NULL,
			     &so);
	name = speech_voice_name(&so);
	*rate = voice_load(&v, name) ? 165 : v.rate;
	return name;
}

/* Print one item's line; add its words and estimated seconds. */
static int print_item(const bulletin_script *s, size_t i, size_t *words,
		      double *seconds)
{
	const script_item *it = &s->items[i];
	char source[64], title[256];
	statement st;
	int rate, err;
	const char *name;
	size_t w, dl = strlen(s->dir);

	if (it->inbox.path) {   /* filled when airing: nothing to count */
		snprintf(source, sizeof(source), "inbox %s, %d at most",
			 it->inbox.path + (strncmp(it->inbox.path, s->dir, dl) ||
					   it->inbox.path[dl] != '/' ? 0 : dl + 1),
			 it->inbox_max);
		name = item_voice(s, i, NULL, &rate);
		printf("%3zu  ", i + 1);
		print_cell(it->title ? it->title : "(the newest statements)", 36, 0);
		fputs("  ", stdout);
		print_cell(source, 36, 0);
		fputs("  ", stdout);
		print_cell(name, 24, 1);
		putchar('\n');
		return 0;
	}
	if (it->file.path)
		err = statement_load(&st, it->file.path);
	else
		err = statement_from_text(&st, "text", xstrdup(it->text),
					  strlen(it->text));
	if (err) {
		statement_release(&st);
		return err;
	}
	name = item_voice(s, i, &st, &rate);
	snprintf(title, sizeof(title), "%s", it->title ? it->title : "");
	if (!it->title)
		snprintf(title, sizeof(title), "%.*s", (int)st.lines[0].len,
			 st.data + st.lines[0].start);
	if (it->file.path)
		snprintf(source, sizeof(source), "%s", it->file.path +
			 (strncmp(it->file.path, s->dir, dl) ||
			  it->file.path[dl] != '/' ? 0 : dl + 1));
	else
		snprintf(source, sizeof(source), "text, %zu line%s", st.n_lines,
			 st.n_lines == 1 ? "" : "s");
	w = count_words(&st);
	*words += w;
	*seconds += w * 60.0 / rate + PAUSE_AFTER_HEADLINE / 1000.0 +
		    (st.n_lines - 1) * (PAUSE_AFTER_PARAGRAPH / 1000.0);
	printf("%3zu  ", i + 1);
	print_cell(title, 36, 0);
	fputs("  ", stdout);
	print_cell(source, 36, 0);
	fputs("  ", stdout);
	print_cell(name, 24, 1);
	putchar('\n');
	statement_release(&st);
	return 0;
}

/* The one-line header, the items, and the total. */
static int summarize(const bulletin_script *s)
{
	size_t words = 0;
	double sec = 0;
	int err;

	printf("%s: %s, %s, %zu item%s\n", s->path, s->spec.title ? s->spec.title :
	       "(no title)", s->date, s->n_items, s->n_items == 1 ? "" : "s");
	for (size_t i = 0; i < s->n_items; i++)
		if ((err = print_item(s, i, &words, &sec)))
			return err;
	sec += s->intro.seconds + s->outro.seconds +
	       (double)(s->n_items - 1) * (s->spec.gap + s->sting.seconds);
	if (s->intro.path)
		sec -= s->spec.talkup < s->intro.seconds ? s->spec.talkup : s->intro.seconds;
	printf("total: %zu item%s, %zu words, about %d:%02d", s->n_items,
	       s->n_items == 1 ? "" : "s", words, (int)(sec + 0.5) / 60,
	       (int)(sec + 0.5) % 60);
	if (s->spec.duration > 0)
		printf(" (to fit to %d:%02d)", (int)(s->spec.duration + 0.5) / 60,
		       (int)(s->spec.duration + 0.5) % 60);
	putchar('\n');
	return 0;
}

/* Load the script's lexicons over the built-in one of its language:
 * a bad line is an error here, not at build time. */
static int check_lexicons(const bulletin_script *s)
{
	const speech_options *so = &s->spec.speech;
	lexicon *lex = NULL;
	int err = speech_lexicon_load(so, so->lang ? so->lang : "fr", &lex);

	lex_free(lex);
	return err;
}

/* How the unsure words are printed. */
struct unsure_out {
	int json;
	size_t count;
	strbuf sb;
};

/* Print one unsure word (text or JSON). */
static void print_unsure(void *ctx, const struct unsure *u)
{
	struct unsure_out *uo = ctx;

	if (!uo->json && u->lang) {
		printf("%s:%zu:%zu: '%.*s' said /%s/ as a name in %s (/%s/ in %s); "
		       "lexicon line:\n    %s\n", u->file, u->line, u->column,
		       (int)u->word_len, u->word, u->ipa, u->lang, u->lang_ipa, u->lang,
		       u->lexicon_line);
		uo->count++;
		return;
	}
	if (!uo->json) {
		printf("%s:%zu:%zu: '%.*s' said /%s/ by guesswork; lexicon line:\n    %s\n",
		       u->file, u->line, u->column, (int)u->word_len, u->word, u->ipa,
		       u->lexicon_line);
		uo->count++;
		return;
	}
	sb_reset(&uo->sb);
	sb_adds(&uo->sb, uo->count++ ? ",\n  {\"file\": \"" : "\n  {\"file\": \"");
	json_escape(&uo->sb, u->file);
	sb_addf(&uo->sb, "\", \"line\": %zu, \"column\": %zu, \"word\": \"", u->line, u->column);
	{
		char *w = xstrndup(u->word, u->word_len);
		json_escape(&uo->sb, w);
		free(w);
	}
	sb_adds(&uo->sb, "\", \"ipa\": \"");
	json_escape(&uo->sb, u->ipa);
	sb_adds(&uo->sb, "\", \"lexicon\": \"");
	json_escape(&uo->sb, u->lexicon_line);
	if (u->lang) {
		sb_adds(&uo->sb, "\", \"lang\": \"");
		json_escape(&uo->sb, u->lang);
		sb_adds(&uo->sb, "\", \"lang_ipa\": \"");
		json_escape(&uo->sb, u->lang_ipa);
		sb_adds(&uo->sb, "\"}");
	} else {
		sb_adds(&uo->sb, "\", \"lang\": null, \"lang_ipa\": null}");
	}
	fputs(sb_cstr(&uo->sb), stdout);
}

/* List the unsure words of st, said in lang with the lexicons of so. */
static int check_statement(const speech_options *so, const char *lang,
			   const statement *st, struct unsure_out *uo)
{
	lexicon *lex = NULL;
	normalizer *norm = NULL;
	voice v;
	int err;

	if (!(err = speech_lexicon_load(so, lang, &lex)) &&
	    !(err = speech_normalizer_new(&norm, so, lang, lex)) &&
	    !(err = voice_load(&v, voice_default_for(lang))))
		err = unsure_scan(st, norm, lex, &v, print_unsure, uo);
	norm_free(norm);
	lex_free(lex);
	return err;
}

/* The unsure words of the statement files paths[0..n), in lang, or when
 * lang is NULL in the language each is written in (lang_guess(); French
 * when it cannot tell), as 'crieur build' would say them. */
static int check_files(const speech_options *so, const char *lang,
		       char *const *paths, size_t n, struct unsure_out *uo)
{
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		statement st;
		const char *l = lang;

		if (!(err = statement_load(&st, paths[i]))) {
			if (!l && !(l = lang_guess(st.data, st.len)))
				l = "fr";
			err = check_statement(so, l, &st, uo);
		}
		statement_release(&st);
	}
	return err;
}

/* The unsure words of a script's statements, each in the language of the
 * voice that reads it (the script's language first). */
static int check_script_words(const bulletin_script *s, struct unsure_out *uo)
{
	int err = 0;

	for (size_t i = 0; i < s->n_items && !err; i++) {
		const script_item *it = &s->items[i];
		const char *lang = s->spec.speech.lang;
		char name[512];
		statement st;
		voice v;
		int rate;

		if (!it->file.path && !it->text)
			continue;
		snprintf(name, sizeof(name), "%s#%zu", s->path, i + 1);
		err = it->file.path ? statement_load(&st, it->file.path) :
		      statement_from_text(&st, name, xstrdup(it->text),
					  strlen(it->text));
		if (!err) {
			if (!voice_load(&v, item_voice(s, i, &st, &rate)) &&
			    (!lang || it->voice))
				lang = v.language;
			err = check_statement(&s->spec.speech, lang ? lang : "fr",
					      &st, uo);
		}
		statement_release(&st);
	}
	return err;
}

int cmd_check(int argc, char **argv)
{
	speech_options so = SPEECH_OPTIONS_INIT;
	struct unsure_out uo = { 0, 0, { 0 } };
	bulletin_script *s = NULL;
	const char *lang = NULL;
	int dump = 0, quiet = 0, err = 0;
	const cli_option opts[] = {
		OPT_FLAG('d', "dump", &dump, "print every setting as 'key = value' "
			 "instead, with\ndefaults filled in and paths resolved"),
		OPT_FLAG('j', "json", &uo.json, "the unsure words as JSON on "
			 "standard output\n({\"unsure\": [{file, line, column, "
			 "word, ipa,\nlexicon, lang, lang_ipa}...]}; lang: a "
			 "foreign name's\nlanguage, else null), nothing else"),
		OPT_STRING('l', "lang", &lang, "LANG", "the statements' language "
			   "(fr, en, fr-BE, fr-CH;\ndefault: the one each is written "
			   "in,\nFrench when unclear; a script says its own)"),
		OPT_LIST(0, "lexicon", so.lexicons, &so.n_lexicons,
			 SPEECH_LEXICONS_MAX, "F",
			 "a lexicon over the built-in one (repeatable)"),
		OPT_FLAG('q', "quiet", &quiet, "print nothing; the exit status tells"),
		CLI_CONFINE_OPTION,
		OPT_END(),
	};

	if ((err = cli_parse_options(&check_cmd, opts, argc, argv)) >= 0)
		return err;
	err = 0;
	if (optind == argc)
		return cli_usage_error("check", "nothing to check");
	if (cli_is_script(argv[optind]) && optind != argc - 1)
		return cli_usage_error("check", "one script at a time");
	if (cli_is_script(argv[optind])) {
		if ((err = script_load(&s, argv[optind])))
			return cli_fail(err);
		if ((err = check_lexicons(s))) {
			script_free(s);
			return cli_fail(err);
		}
		err = quiet || uo.json ? 0 : dump ? (script_dump(s, stdout), 0) : summarize(s);
	}
	if (uo.json)
		fputs("{\"unsure\": [", stdout);
	if (!err && !quiet && !dump)
		err = s ? check_script_words(s, &uo) :
			check_files(&so, lang, argv + optind, (size_t)(argc - optind), &uo);
	if (uo.json)
		fputs(uo.count ? "\n]}\n" : "]}\n", stdout);
	sb_release(&uo.sb);
	script_free(s);
	if (!err && fflush(stdout))
		err = err_set(CRIEUR_EIO, "cannot write to standard output");
	return err ? cli_fail(err) : 0;
}
