/* test_check.c - `crieur check`: the sample's summary, errors, usage, and
 * the words said by guesswork (text and JSON). */
#include "e2e.h"

static void sample_summary(void **state)
{
	struct run_result r;

	run(&r, "%s check samples/bulletin.yaml", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "samples/bulletin.yaml: Le journal de "
			       "crieur, 2024-03-14, 4 items\n"));
	assert_non_null(strstr(r.out, "  1  Bonsoir, voici le journal de "
			       "crieur.  text, 2 lines"));
	assert_non_null(strstr(r.out, "  2  Pristina"));
	assert_non_null(strstr(r.out, "statements/2023-11-20-pristina.txt"));
	assert_non_null(strstr(r.out, "  4  Brussels"));
	assert_non_null(strstr(r.out, "en-anchor\n"));
	assert_non_null(strstr(r.out, "total: 4 items, "));
	assert_string_equal(r.err, "");
	run(&r, "%s check --dump samples/bulletin.yaml", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\nintro = samples/jingles/intro.wav "
			       "(16:8, 4.500 s)\n"));
	assert_non_null(strstr(r.out, "\nitems[3].voice = en-anchor\n"));
	run(&r, "%s check -q samples/bulletin.yaml", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
}

/* The foreign names guessed are listed with file:line:column, their
 * language, the IPA said and eSpeak NG's in that language, and a lexicon
 * line; a lexicon entry takes a name off the list.  A script's text item
 * is named SCRIPT#N. */
static void foreign_names_listed(void **state)
{
	struct run_result r;

	script("names.yaml", "language: fr\nitems:\n  - text: |\n      Kosovo\n"
	       "      Goran Rakić, maire de Zvečan, a rencontré Agim Çeku.\n"
	       "lexicons: names.lex\n");
	script("names.lex", "Çeku\t[[tSek'u]]\n");
	run(&r, "%s check %s", crieur_bin(), scratch("names.yaml"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "names.yaml#1:2:7: 'Rakić' said /ʁakˈitʃ/ as a name "
			       "in sr (/r"));
	assert_non_null(strstr(r.out, "\n    Rakić\t[[rak'itS]]\n"));
	assert_non_null(strstr(r.out, "'Zvečan' said /"));
	assert_null(strstr(r.out, "Çeku"));       /* the lexicon says it */
	run(&r, "%s check samples/bulletin.yaml", crieur_bin());
	assert_null(strstr(r.out, "Brussels\t"));
}

/* A statement's foreign names, in text and in JSON: each with its
 * position, language and both IPAs; ordinary words are not listed. */
static void foreign_names_of_statements(void **state)
{
	const char *txt = script("n.txt", "Le président a parlé.\n"
				 "Goran Rakić a rencontré Agim Çeku à Zvečan.\n");
	struct run_result r;

	run(&r, "%s check %s", crieur_bin(), txt);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "n.txt:2:7: 'Rakić' said /ʁakˈitʃ/ as a name in sr (/"));
	assert_non_null(strstr(r.out, "n.txt:2:30: 'Çeku' said /tʃekˈu/ as a name in sq (/"));
	assert_non_null(strstr(r.out, "n.txt:2:37: 'Zvečan' said /"));
	assert_null(strstr(r.out, "'président'"));
	run(&r, "%s check --json %s", crieur_bin(), txt);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\"line\": 2, \"column\": 7, \"word\": \"Rakić\", "
			       "\"ipa\": \"ʁakˈitʃ\", \"lexicon\": \"Rakić\\t[[rak'itS]]\", "
			       "\"lang\": \"sr\", \"lang_ipa\": \"r"));
	assert_non_null(strstr(r.out, "\"word\": \"Çeku\""));
	assert_string_equal(r.err, "");
	/* English text, English names */
	script("n.txt", "President Vučić met Erdoğan and the Prime Minister.\n");
	run(&r, "%s check --lang en %s", crieur_bin(), txt);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "n.txt:1:11: 'Vučić' said /vˈuːtʃɪtʃ/ as a name in sr (/"));
	assert_non_null(strstr(r.out, "'Erdoğan' said /"));
	assert_null(strstr(r.out, "'Prime'"));
	assert_null(strstr(r.out, "'President'"));
	unlink(txt);
}

static void error_exits_1(void **state)
{
	const char *yaml = script("typo.yaml", "title: Soir\nsting_: x.flac\n"
				  "items: [{text: Bonsoir.}]\n");
	struct run_result r;

	run(&r, "%s check %s", crieur_bin(), yaml);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	if (!strstr(r.err, ":2:1: unknown key 'sting_' (did you mean 'sting'?)\n"))
		fail_msg("stderr: %s", r.err);
	assert_non_null(strstr(r.err, "crieur: "));
	run(&r, "%s check /no/such.yaml", crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "cannot open '/no/such.yaml'"));
	unlink(yaml);
}

static void usage(void **state)
{
	struct run_result r;

	run(&r, "%s check --help", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "usage: crieur check"));
	run(&r, "%s check", crieur_bin());
	assert_int_equal(r.status, 2);
	run(&r, "%s check a.yaml b.yaml", crieur_bin());
	assert_int_equal(r.status, 2);
}

/* The seed statement: every name is in the built-in lexicon or a word
 * list, so nothing is flagged; a made-up name is, where it stands, with
 * the IPA and a lexicon line that loads. */
static void unsure_words(void **state)
{
	const char *txt = script("made-up.txt", "Titre\n\nLe ministre Kwertyxian "
				 "a parlé à Pristina avec la KFOR.\n");
	const char *lex;
	struct run_result r;
	char *line, *nl;

	run(&r, "%s check samples/statements/2023-11-20-pristina.txt", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	run(&r, "%s check %s", crieur_bin(), txt);
	assert_int_equal(r.status, 0);
	if (!strstr(r.out, ":3:13: 'Kwertyxian' said /") || strstr(r.out, "Pristina") ||
	    strstr(r.out, "KFOR"))
		fail_msg("stdout: %s", r.out);
	assert_non_null(line = strstr(r.out, "    Kwertyxian\t[["));
	line += 4;
	if ((nl = strchr(line, '\n')))
		nl[1] = '\0';                  /* the line as it is pasted */
	lex = script("fix.lex", line);
	run(&r, "%s lexicon check %s", crieur_bin(), lex);   /* pastes as it is */
	assert_int_equal(r.status, 0);
	run(&r, "%s check --lexicon %s %s", crieur_bin(), lex, txt);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");                     /* now known */
	run(&r, "%s check --json %s", crieur_bin(), txt);
	assert_int_equal(r.status, 0);
	if (strncmp(r.out, "{\"unsure\": [\n  {\"file\": \"", 25) ||
	    !strstr(r.out, "\"line\": 3, \"column\": 13, \"word\": \"Kwertyxian\", \"ipa\": \"") ||
	    !strstr(r.out, "\"lexicon\": \"Kwertyxian\\t[[") || !strstr(r.out, "\n]}\n"))
		fail_msg("stdout: %s", r.out);
	run(&r, "%s check --json samples/statements/2023-11-20-pristina.txt", crieur_bin());
	assert_string_equal(r.out, "{\"unsure\": []}\n");
	unlink(txt);
	unlink(lex);
}

/* With no --lang, each statement is checked in the language it is
 * written in, as 'crieur build' says it: an English statement's ordinary
 * words are not listed (in French, 'the' would be); a script with no
 * language reads each text item with its language's voice. */
static void language_as_written(void **state)
{
	const char *en = script("w-en.txt", "Fire at the old station\n\nTwo "
				"people were hurt in the blaze on Monday, and the "
				"police said that the building was empty.\n");
	const char *y = script("w.yaml", "items:\n  - text: |\n      Incendie à "
			       "la gare\n      Deux personnes ont été blessées, "
			       "selon la police.\n  - text: |\n      Fire at the "
			       "station\n      Two people were hurt in the blaze, "
			       "the police said.\n");
	struct run_result r;

	run(&r, "%s check %s", crieur_bin(), en);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	run(&r, "%s check --lang fr %s", crieur_bin(), en);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "'the' said /"));
	run(&r, "%s check %s", crieur_bin(), y);
	assert_int_equal(r.status, 0);
	if (!strstr(r.out, "  1  Incendie à la gare") || !strstr(r.out, "  2  Fire at the station") ||
	    !strstr(r.out, "fr-anchor\n  2") || !strstr(r.out, "en-anchor\ntotal"))
		fail_msg("stdout: %s", r.out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_summary),
		cmocka_unit_test(foreign_names_listed),
		cmocka_unit_test(foreign_names_of_statements),
		cmocka_unit_test(error_exits_1),
		cmocka_unit_test(usage),
		cmocka_unit_test(unsure_words),
		cmocka_unit_test(language_as_written),
	};

	return e2e_done(cmocka_run_group_tests_name("e2e_check", tests, NULL,
						    NULL));
}
