/* test_caps_letters.c - capital abbreviations spelled in short English
 * clauses (speech/caps_letters.h), checked against what eSpeak NG says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "speech/caps_letters.h"
#include "speech/phonemes.h"
#include "speech/synth.h"
#include "speech/voice.h"

/* Load voice name and select it in eSpeak NG, as the speech chain does
 * before caps_letters() runs. */
static void use_voice(voice *v, const char *name)
{
	assert_int_equal(voice_load(v, name), 0);
	assert_int_equal(synth_use_voice(v), 0);
}

/* What caps_letters() writes for text with v, or NULL when it leaves the
 * text as it is (and then writes nothing to out). */
static char *rewrite(const voice *v, const char *text)
{
	strbuf out;

	sb_init(&out);
	sb_adds(&out, "kept");             /* what out held stays before */
	if (!caps_letters(v, text, strlen(text), &out)) {
		assert_string_equal(sb_cstr(&out), "kept");
		sb_release(&out);
		return NULL;
	}
	assert_memory_equal(out.buf, "kept", 4);
	memmove(out.buf, out.buf + 4, out.len - 3);
	out.len -= 4;
	return sb_detach(&out, NULL);
}

/* The IPA eSpeak NG says for text with v (caps_letters applied). */
static char *said(const voice *v, const char *text)
{
	strbuf out;

	sb_init(&out);
	assert_int_equal(phon_ipa(text, strlen(text), v, &out), 0);
	return sb_detach(&out, NULL);
}

/* caps_letters/short_clause_spelled: "one AM" (a clause too short for
 * eSpeak NG's own spelling) is written as letters, "A" marked so that it
 * is not the article; and what is said is then the letters. */
static void short_clause_spelled(void **state)
{
	voice v;
	char *got, *ipa, *letters;

	(void)state;
	use_voice(&v, "en-anchor");
	got = rewrite(&v, "one AM");
	assert_non_null(got);
	assert_string_equal(got, "one A- M");
	free(got);
	got = rewrite(&v, "Two PM.");
	assert_non_null(got);
	assert_string_equal(got, "Two P M.");
	free(got);
	ipa = said(&v, "one AM");
	letters = said(&v, "one A- M");
	assert_string_equal(ipa, letters);
	assert_non_null(strstr(ipa, "ˈeɪ ˈɛm"));   /* the letters, not "am" */
	free(ipa);
	free(letters);
}

/* caps_letters/long_clause_left: in a clause with enough lower-case
 * letters eSpeak NG spells the word itself: nothing is rewritten. */
static void long_clause_left(void **state)
{
	voice v;

	(void)state;
	use_voice(&v, "en-anchor");
	assert_null(rewrite(&v, "the talks will start at one AM in the town hall"));
	assert_null(rewrite(&v, "nothing in capitals here"));
	assert_null(rewrite(&v, ""));
}

/* caps_letters/words_left: a capital word eSpeak NG reads as a word even
 * in running text ("NO", "OK"), one of four capitals or more, one letter,
 * or capitals glued to lower case are not spelled. */
static void words_left(void **state)
{
	voice v;

	(void)state;
	use_voice(&v, "en-anchor");
	assert_null(rewrite(&v, "Say NO."));
	assert_null(rewrite(&v, "By NATO."));
	assert_null(rewrite(&v, "Plan B."));
	assert_null(rewrite(&v, "By AMx."));
}

/* caps_letters/clauses_apart: each clause is judged alone: the short one
 * is spelled, the long one (where eSpeak NG spells) is left. */
static void clauses_apart(void **state)
{
	voice v;
	char *got;

	(void)state;
	use_voice(&v, "en-anchor");
	got = rewrite(&v, "By XKQ. The report was written by XKQ in the spring");
	assert_non_null(got);
	assert_string_equal(got, "By X K Q. The report was written by XKQ in the spring");
	free(got);
}

/* caps_letters/phonemes_untouched: [[phonemes]] are never rewritten, and a
 * clause stops at them. */
static void phonemes_untouched(void **state)
{
	voice v;
	char *got;

	(void)state;
	use_voice(&v, "en-anchor");
	assert_null(rewrite(&v, "[[AM]]"));
	got = rewrite(&v, "one AM [[h@l'oU]]");
	assert_non_null(got);
	assert_string_equal(got, "one A- M [[h@l'oU]]");
	free(got);
}

/* caps_letters/english_only: a French voice is never concerned (French
 * capitals are the normalizer's). */
static void english_only(void **state)
{
	voice v;

	(void)state;
	use_voice(&v, "fr-anchor");
	assert_null(rewrite(&v, "à un AM"));
	assert_null(rewrite(&v, "By XKQ."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(short_clause_spelled),
		cmocka_unit_test(long_clause_left),
		cmocka_unit_test(words_left),
		cmocka_unit_test(clauses_apart),
		cmocka_unit_test(phonemes_untouched),
		cmocka_unit_test(english_only),
	};
	return cmocka_run_group_tests_name("caps_letters", tests, NULL, NULL);
}
