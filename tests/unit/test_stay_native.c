/* test_stay_native.c - French text kept French (speech/stay_native.h):
 * names eSpeak NG would read with its English rules are respelled, the
 * English loans of the French word list keep eSpeak NG's reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "speech/name_link.h"
#include "speech/stay_native.h"
#include "speech/synth.h"
#include "speech/voice.h"

/* Load voice name and select it in eSpeak NG, as the speech chain does. */
static void use_voice(voice *v, const char *name)
{
	assert_int_equal(voice_load(v, name), 0);
	assert_int_equal(synth_use_voice(v), 0);
}

/* What stay_native() writes for text, or NULL when it leaves it. */
static char *kept(const voice *v, const char *text)
{
	strbuf out;

	sb_init(&out);
	if (!stay_native(v, text, strlen(text), &out)) {
		assert_int_equal(out.len, 0);
		sb_release(&out);
		return NULL;
	}
	return sb_detach(&out, NULL);
}

/* stay_native/names_respelled: a name eSpeak NG would switch is respelled
 * by stay_french.tsv until it reads it in French, the rest as written. */
static void names_respelled(void **state)
{
	voice v;
	char *got;

	(void)state;
	use_voice(&v, "fr-anchor");
	got = kept(&v, "L'ex-président Sarkozy a parlé.");
	assert_non_null(got);
	assert_string_equal(got, "L'ex-président Sarkozi a parlé.");
	assert_int_equal(stay_native_count(&v, got, strlen(got)), 0);
	free(got);
	got = kept(&v, "Le Président Bush a parlé.");
	assert_non_null(got);
	assert_string_equal(got, "Le Président Bouche a parlé.");
	free(got);
	assert_null(kept(&v, "Le président a parlé."));
	/* place names of Belgium, Switzerland and France: a leading th, a
	 * final -oing, -ll or -elt, a ccl (each was said in English) */
	got = kept(&v, "De Thionville à Tourcoing, de Thoune à Saint-Gall, "
		   "d'Uccle à Hasselt.");
	assert_non_null(got);
	assert_string_equal(got, "De Ttionville à Tourcoin, de Ttoune à "
			    "Saint-Gal, d'Ucle à Hassèlt.");
	assert_int_equal(stay_native_count(&v, got, strlen(got)), 0);
	free(got);
}

/* stay_native/loans_left: an English loan of the French word list keeps
 * eSpeak NG's own reading ("flash" respelled "flach" was said "flak"), in
 * lower case, joined by a hyphen, or capitalized to begin a sentence. */
static void loans_left(void **state)
{
	voice v;
	char *got;

	(void)state;
	use_voice(&v, "fr-anchor");
	assert_int_equal(stay_native_count(&v, "le flash", 8), 1);
	got = kept(&v, "un flash et un meeting le week-end");
	assert_non_null(got);      /* the switch is there, nothing respelled */
	assert_string_equal(got, "un flash et un meeting le week-end");
	free(got);
	got = kept(&v, "Flash spécial. « Leader du parti »");
	assert_non_null(got);
	assert_string_equal(got, "Flash spécial. « Leader du parti »");
	free(got);
}

/* stay_native/phonemes_and_english_left: [[phonemes]] are not words of
 * the text, and an English voice is never concerned. */
static void phonemes_and_english_left(void **state)
{
	voice v;

	(void)state;
	use_voice(&v, "fr-anchor");
	assert_int_equal(stay_native_count(&v, "[[sarkoz'i]]", 12), 0);
	use_voice(&v, "en-anchor");
	assert_null(kept(&v, "Sarkozy spoke."));
	assert_int_equal(stay_native_count(&v, "Sarkozy spoke.", 14), 0);
}

/* What name_link() writes for text, or NULL when it leaves it. */
static char *unlinked(const voice *v, const char *text)
{
	strbuf out;

	sb_init(&out);
	if (!name_link(v, text, strlen(text), &out)) {
		assert_int_equal(out.len, 0);
		sb_release(&out);
		return NULL;
	}
	return sb_detach(&out, NULL);
}

/* name_link/names_and_nouns: a name or a singular noun of unlinked.tsv
 * before a vowel is said without eSpeak NG's liaison; a plural, a verb, a
 * fixed phrase and an English voice keep theirs. */
static void names_and_nouns(void **state)
{
	voice v;
	char *got;

	(void)state;
	use_voice(&v, "fr-anchor");
	got = unlinked(&v, "Nicolas a dit que le pont est fermé.");
	assert_non_null(got);
	assert_string_equal(got, "[[nikol'a]] a dit que le [[p'O~]] est fermé.");
	free(got);
	got = unlinked(&v, "Dupont et [[dyr'A~]] ont voté.");
	assert_non_null(got);
	assert_string_equal(got, "[[dyp'O~]] et [[dyr'A~]] ont voté.");
	free(got);
	assert_null(unlinked(&v, "Les Français ont voté, les taux ont baissé."));
	assert_null(unlinked(&v, "Les États-Unis ont dit. Tous ont voté."));
	assert_null(unlinked(&v, "Le cas échéant, ils sont arrivés."));
	assert_null(unlinked(&v, "Manuel Vals a parlé."));   /* the s is said */
	use_voice(&v, "en-anchor");
	assert_null(unlinked(&v, "Nicolas a dit."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_respelled),
		cmocka_unit_test(loans_left),
		cmocka_unit_test(phonemes_and_english_left),
		cmocka_unit_test(names_and_nouns),
	};
	return cmocka_run_group_tests_name("stay_native", tests, NULL, NULL);
}
