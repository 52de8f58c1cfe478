/* test_guess.c - the language a statement is written in (text/guess.h):
 * the sample statements, headlines in capitals, a French statement with
 * English quotations, and texts too short or too mixed to tell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text/guess.h"
#include "text/statement.h"

/* lang_guess() of a whole statement file. */
static const char *of_file(const char *path)
{
	statement st;
	const char *l;

	assert_int_equal(statement_load(&st, path), 0);
	l = lang_guess(st.data, st.len);
	statement_release(&st);
	return l;
}

static const char *of(const char *text)
{
	return lang_guess(text, strlen(text));
}

static void samples(void **state)
{
	(void)state;
	assert_string_equal(of_file("samples/statements/2023-11-20-pristina.txt"), "fr");
	assert_string_equal(of_file("samples/statements/2024-02-05-bruxelles.txt"), "fr");
	assert_string_equal(of_file("samples/statements/2024-03-14-brussels.txt"), "en");
}

/* Capitals, apostrophes (straight and typographic) and accents: "L’OTAN"
 * counts "l", "À" counts as "à"; "NATO's" counts no French "s". */
static void written_forms(void **state)
{
	(void)state;
	assert_string_equal(of("FIRE AT THE STATION: TWO PEOPLE WERE HURT IN THE "
			       "BLAZE, POLICE SAID"), "en");
	assert_string_equal(of("L’OTAN ET L’UE À BRUXELLES : LES MINISTRES DE LA "
			       "DÉFENSE ONT ÉTÉ REÇUS"), "fr");
	assert_string_equal(of("NATO's chief said the alliance's plan was ready "
			       "and that it would be sent to the allies."), "en");
}

/* A French statement quoting English at length is French; a bilingual
 * one, or a line too short, is left to the caller's default (NULL). */
static void quotes_and_doubt(void **state)
{
	(void)state;
	assert_string_equal(of("Le président a déclaré : « We will not give up, "
			       "and we will stand with the people of the town. » "
			       "Il a ensuite quitté la salle sans répondre aux "
			       "questions des journalistes, selon l'AFP."), "fr");
	assert_null(of("OTAN : 12 morts"));
	assert_null(of("Breaking news"));
	assert_null(of("Le conseil a voté. The council has voted. La séance est "
		       "levée. The session is closed."));
	assert_null(of(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(samples),
		cmocka_unit_test(written_forms),
		cmocka_unit_test(quotes_and_doubt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
