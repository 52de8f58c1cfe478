/* test_lexicon.c - lexicon format, layers and matching; the golden IPA of
 * every built-in entry (tests/golden/ipa/LANG.tsv); phoneme checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "speech/phonemes.h"
#include "speech/voice.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/voicemark.h"

/* Normalize in with lex (lang) into a static buffer. */
static const char *norm_with(lexicon *lex, const char *lang, const char *in)
{
	static char buf[1024];
	normalizer *n;
	strbuf sb;

	assert_int_equal(norm_new(&n, lang), 0);
	norm_set_lexicon(n, lex);
	sb_init(&sb);
	assert_int_equal(norm_line(n, in, strlen(in), &sb), 0);
	snprintf(buf, sizeof(buf), "%s", sb_cstr(&sb));
	sb_release(&sb);
	norm_free(n);
	return buf;
}

/* An empty lexicon for lang with the phoneme check (lex_new() cannot
 * fail). */
static lexicon *new_lex(const char *lang)
{
	lexicon *lex = NULL;

	assert_int_equal(lex_new(&lex, lang, phon_check_lex), 0);
	return lex;
}

static void lexicon_readings(void **state)
{
	lexicon *lex = new_lex("fr");

	assert_int_equal(lex_load_text(lex, "t.lex",
		"# comment\n"
		"KFOR\tKafor\n"
		"UE spell\n"
		"Jens [[j'Ens]]\n"
		"\"Nothing Hill\" lang=en\n"
		"OTAN word expand \"Organisation du traité de l'Atlantique Nord\"\n"
		"Sarajevo \"Sa ra yé vo\"\n", NULL, NULL), 0);
	assert_int_equal(lex_count(lex), 6);
	assert_string_equal(norm_with(lex, "fr", "la KFOR et l’UE"), "la Kafor et l'u E");
	assert_string_equal(norm_with(lex, "fr", "JENS jens Jens"),
			    "[[j'Ens]] [[j'Ens]] [[j'Ens]]");
	/* case-sensitive acronyms, but the press's title case of one said as
	 * a word matches: "Kfor" is KFOR, "Ue" is not UE (spelled) */
	assert_string_equal(norm_with(lex, "fr", "Kfor Ue"), "Kafor Ue");
	assert_string_equal(norm_with(lex, "fr", "au camp Nothing Hill."),
			    "au camp " VMARK_S "lang:en" VMARK_S "Nothing Hill"
			    VMARK_S VMARK_S ".");
	/* first mention expanded, then the acronym; d'OTAN elided */
	assert_string_equal(norm_with(lex, "fr", "l'OTAN et d'OTAN"),
			    "l'Organisation du traité de l'Atlantique Nord et d'Otan");
	lex_forget_mentions(lex);
	lex_set_expansions(lex, 0);
	assert_string_equal(norm_with(lex, "fr", "l'OTAN"), "l'Otan");
	assert_string_equal(norm_with(lex, "fr", "Sarajevo"), "Sa ra yé vo");
	/* not inside URLs or longer words */
	assert_string_equal(norm_with(lex, "fr", "KFORS"), "K Forse");   /* the normalizer's reading */
	lex_free(lex);
	/* never a name or a word in title case: Olaf (the name tables),
	 * Olaf before an unknown surname, Mers (the word list); after l' the
	 * article says the acronym */
	lex = new_lex("fr");
	assert_int_equal(lex_load_text(lex, "t", "OLAF \"Olafe\"\nMERS \"Mèrsse\"\n"
				       "KFOR Kafor\n", NULL, NULL), 0);
	assert_string_equal(norm_with(lex, "fr", "Olaf Scholz et OLAF"), "Olaf Scholz et Olafe");
	assert_string_equal(norm_with(lex, "fr", "selon l'Olaf et l'Kfor"),
			    "selon l'Olafe et l'Kafor");
	assert_string_equal(norm_with(lex, "fr", "Mers et MERS"), "Mers et Mèrsse");
	assert_string_equal(norm_with(lex, "fr", "Kfor Zbignew"), "Kfor Zbignew");
	lex_free(lex);
}

/* The built-in tables' expansions are said only when asked for; a
 * user's are; and an expansion the text wrote out before the acronym
 * ("Banque ... (BERD)") is not said a second time. */
static void expansions_builtin_and_written(void **state)
{
	lexicon *lex = new_lex("fr");

	assert_int_equal(lex_load_builtin(lex), 0);
	assert_string_equal(norm_with(lex, "fr", "La BERD prête."), "La Bèrde prête.");
	lex_set_builtin_expansions(lex, 1);
	assert_string_equal(norm_with(lex, "fr", "La BERD prête, la BERD aussi."),
			    "La Banque européenne pour la reconstruction et le "
			    "développement prête, la Bèrde aussi.");
	lex_forget_mentions(lex);
	assert_string_equal(norm_with(lex, "fr", "La Banque européenne pour la "
				      "reconstruction et le développement (BERD) prête."),
			    "La Banque européenne pour la reconstruction et le "
			    "développement, Bèrde, prête.");
	assert_string_equal(norm_with(lex, "fr", "La BERD aussi."), "La Bèrde aussi.");
	lex_set_builtin_expansions(lex, 0);
	lex_forget_mentions(lex);
	/* a user's lexicon over the built-in one: its expansion is said */
	assert_int_equal(lex_load_text(lex, "t.lex", "BERD Bèrde expand \"Banque "
				       "européenne\"\n", NULL, NULL), 0);
	assert_string_equal(norm_with(lex, "fr", "La BERD prête, la BERD aussi."),
			    "La Banque européenne prête, la Bèrde aussi.");
	lex_free(lex);
}

static void lexicon_english_forms(void **state)
{
	lexicon *lex = new_lex("en");

	assert_int_equal(lex_load_builtin(lex), 0);
	assert_string_equal(norm_with(lex, "en", "KFOR's troops"), "Kay-for's troops");
	assert_string_equal(norm_with(lex, "en", "NGOs and the EU"), "N G O's and the E U");
	lex_free(lex);
}

static void lexicon_layers(void **state)
{
	lexicon *lex = new_lex("fr");

	assert_int_equal(lex_load_builtin(lex), 0);
	assert_string_equal(norm_with(lex, "fr", "la KFOR"), "la Kafor");
	assert_int_equal(lex_load_text(lex, "mine.lex", "KFOR spell\n", NULL, NULL), 0);
	assert_string_equal(norm_with(lex, "fr", "la KFOR"), "la K F O R");
	assert_int_equal(lex_load_text(lex, "bulletin.lex", "KFOR \"Kéfor\"\n", NULL, NULL), 0);
	assert_string_equal(norm_with(lex, "fr", "la KFOR"), "la Kéfor");
	assert_non_null(lex_lookup(lex, "Nothing  Hill", 13));
	assert_non_null(lex_lookup(lex, "nothing hill", 12));
	lex_free(lex);
}

/* The default for unknown all-capital words (lexicon/README.md), and the
 * lexicon overriding it. */
static void acronym_default_and_override(void **state)
{
	lexicon *lex = new_lex("fr");

	assert_string_equal(norm_with(NULL, "fr", "la SNCF, le RAPAX, la CGTX, le G7"),
			    "la S N C F, le Rapax, la C G T X, le G sept");
	assert_string_equal(norm_with(NULL, "en", "the ZQX and the G7"),
			    "the ZQX and the G seven");   /* left to eSpeak NG */
	assert_int_equal(lex_load_text(lex, "t.lex", "RAPAX spell\nCGTX word\n",
				       NULL, NULL), 0);
	assert_string_equal(norm_with(lex, "fr", "le RAPAX, la CGTX"),
			    "le R A P A X, la Cgtx");
	lex_free(lex);
}

static int n_reported;
static char last_msg[512];
static void report(void *ctx, const char *msg)
{
	n_reported++;
	snprintf(last_msg, sizeof(last_msg), "%s", msg);
	(void)ctx;
}

/* Each bad line fails with its file:line and what is wrong. */
static void lexicon_errors(void **state)
{
	static const struct { const char *text, *msg; } bad[] = {
		{ "KFOR spel\n", "t.lex:1: unknown flag 'spel' (did you mean 'spell'?)" },
		{ "KFOR foo=bar\n", "t.lex:1: unknown flag 'foo=bar'" },
		{ "KFOR Kafor spell\n", "t.lex:1: 'KFOR' given two readings ('Kafor' and 'spell')" },
		{ "\nKFOR spell\nKFOR word\n", "t.lex:3: 'KFOR' given two readings (also line 2)" },
		{ "Jens [[jQ9s]]\n", "t.lex:1: eSpeak NG has no phoneme '9' in [[jQ9s]] (fr)" },
		{ "KFOR\n", "t.lex:1: no reading for 'KFOR'" },
		{ "KFOR [[kaf\n", "t.lex:1: unclosed \" or [[" },
		{ "X lang=english\n", "t.lex:1: bad language in 'lang=english' (lang=en, lang=de...)" },
		{ "OTAN expand\n", "t.lex:1: expand wants a \"quoted\" expansion" },
		{ "-- spell\n", "t.lex:1: headword '--' must start with a letter and end with a letter or digit" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		lexicon *lex = new_lex("fr");

		assert_int_equal(lex_load_text(lex, "t.lex", bad[i].text, NULL, NULL),
				 CRIEUR_EFORMAT);
		assert_string_equal(err_detail(), bad[i].msg);
		lex_free(lex);
	}
	/* check mode: every bad line reported, good ones kept */
	lexicon *lex = new_lex("fr");
	n_reported = 0;
	assert_int_equal(lex_load_text(lex, "t.lex", "A spel\nB spell\nC [[9]]\nD word\n",
				       report, NULL), CRIEUR_EFORMAT);
	assert_int_equal(n_reported, 2);
	assert_string_equal(last_msg, "t.lex:3: eSpeak NG has no phoneme '9' in [[9]] (fr)");
	assert_int_equal(lex_count(lex), 2);
	lex_free(lex);
}

static void phoneme_check(void **state)
{
	char bad[16];

	assert_int_equal(phon_check("fr", "kaf'OR", bad, sizeof(bad)), 0);
	assert_int_equal(phon_check("fr-BE", "j'Ens", bad, sizeof(bad)), 0);
	assert_int_equal(phon_check("fr", "ka9", bad, sizeof(bad)), 1);
	assert_string_equal(bad, "9");
	assert_int_equal(phon_check("en", "n'VTIN", bad, sizeof(bad)), 0);
	assert_int_equal(phon_check("xx", "a", bad, sizeof(bad)), -1);
}

/* Say headword s with the normalizer and eSpeak NG: its IPA in ipa. */
static void say(normalizer *n, const voice *v, const char *s, strbuf *text, strbuf *ipa)
{
	sb_reset(text);
	sb_reset(ipa);
	assert_int_equal(norm_line(n, s, strlen(s), text), 0);
	assert_int_equal(phon_ipa(sb_cstr(text), text->len, v, ipa), 0);
}

/* Check the golden lines of path (headword<TAB>IPA), marking in seen the
 * entries they cover; the number of failures. */
static int golden_file(const char *path, lexicon *lex, normalizer *n, const voice *v,
		       unsigned char *seen, int *cases)
{
	char *data, *line, *next;
	size_t len, lineno = 0;
	strbuf text, ipa;
	int fails = 0;

	assert_int_equal(read_file(path, &data, &len), 0);
	sb_init(&text);
	sb_init(&ipa);
	for (line = data; line && *line; line = next) {
		char *tab;
		const lex_entry *e;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (line[0] == '#' || !(tab = strchr(line, '\t')))
			continue;
		*tab = '\0';
		(*cases)++;
		if ((e = lex_lookup(lex, line, strlen(line))))
			for (size_t k = 0; k < lex_count(lex); k++)
				if (lex_entry_at(lex, k) == e)
					seen[k] = 1;
		say(n, v, line, &text, &ipa);
		if (strcmp(sb_cstr(&ipa), tab + 1)) {
			print_error("%s:%zu: %s: got '%s', want '%s'\n", path, lineno, line,
				    sb_cstr(&ipa), tab + 1);
			fails++;
		}
	}
	free(data);
	sb_release(&text);
	sb_release(&ipa);
	return fails;
}

/* The golden IPA of every built-in entry of LANG: lexicon/LANG.lex in
 * tests/golden/ipa/LANG.tsv, lexicon/LANG/acronyms.lex in
 * tests/golden/ipa/LANG-acronyms.tsv.  With GOLDEN_PRINT set in the
 * environment, the lines missing are printed to stdout (how the acronym
 * files were made; listen to and review them before adding them). */
static int golden_lang(const char *lang, int *cases)
{
	char path[64];
	lexicon *lex = new_lex(lang);
	unsigned char *seen;
	strbuf text, ipa;
	normalizer *n;
	voice v;
	int fails = 0;

	assert_int_equal(lex_load_builtin(lex), 0);
	lex_set_expansions(lex, 0);
	seen = xcalloc(lex_count(lex) + 1, 1);
	assert_int_equal(voice_load(&v, voice_default_for(lang)), 0);
	assert_int_equal(norm_new(&n, lang), 0);
	norm_set_lexicon(n, lex);
	snprintf(path, sizeof(path), "tests/golden/ipa/%s.tsv", lang);
	fails += golden_file(path, lex, n, &v, seen, cases);
	snprintf(path, sizeof(path), "tests/golden/ipa/%s-acronyms.tsv", lang);
	fails += golden_file(path, lex, n, &v, seen, cases);
	sb_init(&text);
	sb_init(&ipa);
	for (size_t k = 0; k < lex_count(lex); k++)
		if (!seen[k]) {
			const lex_entry *e = lex_entry_at(lex, k);

			if (getenv("GOLDEN_PRINT")) {
				say(n, &v, e->head, &text, &ipa);
				printf("%s\t%s\t%s\n", lang, e->head, sb_cstr(&ipa));
			}
			print_error("%s:%d: '%s' has no golden IPA in tests/golden/ipa/\n",
				    e->file, e->line, e->head);
			fails++;
		}
	free(seen);
	sb_release(&text);
	sb_release(&ipa);
	norm_free(n);
	lex_free(lex);
	return fails;
}

static void lexicon_golden_ipa(void **state)
{
	int cases = 0, fails = golden_lang("fr", &cases) + golden_lang("en", &cases);

	print_message("golden IPA: %d cases, %d failures\n", cases, fails);
	assert_true(cases >= 1000);
	assert_int_equal(fails, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lexicon_readings),
		cmocka_unit_test(expansions_builtin_and_written),
		cmocka_unit_test(lexicon_english_forms),
		cmocka_unit_test(lexicon_layers),
		cmocka_unit_test(acronym_default_and_override),
		cmocka_unit_test(lexicon_errors),
		cmocka_unit_test(phoneme_check),
		cmocka_unit_test(lexicon_golden_ipa),
	};

	return cmocka_run_group_tests_name("lexicon", tests, NULL, NULL);
}
