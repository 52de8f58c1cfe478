/* test_wordlist.c - the compiled-in Debian word lists (text/wordlist.h)
 * and the folding they rely on (text/fold.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "text/fold.h"
#include "text/wordlist.h"

static int has(const char *lang, const char *w)
{
	return wordlist_contains(lang, w, strlen(w));
}

/* The spelling wordlist_find() gives for w, or "" when none. */
static const char *found(const char *lang, const char *w)
{
	static char buf[128];
	strbuf sb;

	sb_init(&sb);
	buf[0] = '\0';
	if (wordlist_find(lang, w, strlen(w), &sb))
		snprintf(buf, sizeof(buf), "%s", sb_cstr(&sb));
	sb_release(&sb);
	return buf;
}

static void fold_case_and_accents(void **state)
{
	char out[64];

	assert_int_equal(fold_key("ÉTAT", strlen("ÉTAT"), out, sizeof(out)), 4);
	assert_string_equal(out, "etat");
	fold_key("Œuvre Ça Äßx", strlen("Œuvre Ça Äßx"), out, sizeof(out));
	assert_string_equal(out, "oeuvre ca assx");
	fold_lower("ÉLYSÉE Ÿ Ł", strlen("ÉLYSÉE Ÿ Ł"), out, sizeof(out));
	assert_string_equal(out, "élysée ÿ ł");
	fold_key("Łódź Šťř", strlen("Łódź Šťř"), out, sizeof(out));
	assert_string_equal(out, "lodz str");
	assert_true(fold_key("abcdef", 6, out, 4) == (size_t)-1);   /* too long */
}

static void french_words(void **state)
{
	assert_true(wordlist_size("fr") > 300000);
	assert_true(has("fr", "alerte"));
	assert_true(has("fr", "ALERTE"));
	assert_true(has("fr", "Alerte"));
	assert_true(has("fr-BE", "démissionne"));
	assert_true(has("fr", "DÉMISSIONNE"));
	assert_true(has("fr", "a"));
	assert_true(has("fr", "zygomatique"));   /* the last words of the list */
	assert_false(has("fr", "ETAT"));         /* accents count here */
	assert_false(has("fr", "Stoltenberg"));
	assert_false(has("fr", "SNCF"));
	assert_false(has("fr", ""));
	assert_false(has("fr", "alert"));        /* not a prefix match */
	assert_false(has("fr", "alertes-x"));
	assert_false(has("de", "alerte"));
	assert_false(has(NULL, "alerte"));
	assert_false(has("frx", "alerte"));
	assert_string_equal(found("fr", "ETAT"), "état");
	assert_string_equal(found("fr", "PRESIDENT"), "président");
	assert_string_equal(found("fr", "MARCHE"), "marche");   /* unaccented first */
	assert_string_equal(found("fr", "GRÈVE"), "grève");     /* not "grevé" */
	assert_string_equal(found("fr", "XQZW"), "");
}

static void english_words(void **state)
{
	assert_true(wordlist_size("en") > 70000);
	assert_true(has("en", "colour"));        /* British */
	assert_true(has("en-US", "color"));      /* American */
	assert_true(has("en", "BREAKING"));
	assert_true(has("en", "Chad"));
	assert_true(has("en", "NATO"));          /* an acronym, as written */
	assert_false(has("en", "Nato"));
	assert_false(has("en", "Paris's"));      /* possessives are dropped */
	assert_string_equal(found("en", "NATO"), "NATO");
	assert_string_equal(found("en", "US"), "US");      /* the acronym, not "us" */
	assert_string_equal(found("en", "Us"), "us");
	assert_string_equal(found("en", "CAFE"), "café");
	assert_string_equal(found("en", "ELYSEE"), "Elysée");   /* case as listed */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold_case_and_accents),
		cmocka_unit_test(french_words),
		cmocka_unit_test(english_words),
	};
	return cmocka_run_group_tests_name("wordlist", tests, NULL, NULL);
}
