/* test_ssml.c - SSML to text runs, pauses and clips; its errors. */
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
#include "speech/ssml.h"
#include "speech/vrun.h"

static void c_text(void *ctx, const char *s, size_t n)
{
	char *shown;
	size_t len;

	vrun_strip(s, n, 1, &shown, &len);
	sb_addf(ctx, "[%s]", shown);
	free(shown);
}

static void c_pause(void *ctx, int ms)
{
	sb_addf(ctx, "<%d>", ms);
}

static int c_audio(void *ctx, const char *path)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return err_set(CRIEUR_ENOENT, "cannot open '%s'", path);
	fclose(f);
	sb_addf(ctx, "<audio %s>", path);
	return 0;
}

/* Parse xml in lang; the collected output, or the error detail. */
static const char *parse(const char *lang, const char *xml)
{
	static char buf[2048];
	strbuf sb;
	normalizer *n;
	ssml_sink sink = { &sb, c_text, c_pause, c_audio };
	int err;

	sb_init(&sb);
	assert_int_equal(norm_new(&n, lang), 0);
	err = ssml_parse(xml, strlen(xml), "tests/x.ssml", n, lang, &sink);
	snprintf(buf, sizeof(buf), "%s", err ? err_detail() : sb_cstr(&sb));
	norm_free(n);
	sb_release(&sb);
	return buf;
}

static void ssml_elements(void **state)
{
	assert_true(ssml_detect(" \n<speak>", 9));
	assert_false(ssml_detect("Bonjour <speak>", 15));
	assert_string_equal(parse("fr", "<speak><p>Il est 14h30.</p>"
				  "<s>La <sub alias=\"Kafor\">KFOR</sub></s>"
				  "<break time=\"1.5s\"/>fin</speak>"),
			    "[Il est quatorze heures trente.]<450>[La Kafor.]<1500>[fin]");
	assert_string_equal(parse("fr", "<speak><prosody rate=\"slow\" pitch=\"+20%\">"
				  "lent</prosody> <emphasis>fort</emphasis> "
				  "<voice name=\"fr-anchor-f\">elle</voice> "
				  "<lang xml:lang=\"en-GB\">Nothing Hill</lang> "
				  "<phoneme alphabet=\"x-espeak\" ph=\"j'Ens\">Jens</phoneme>"
				  "</speak>"),
			    "[<prosody:r=0.8,p=10,v=1> lent</><prosody:r=0.9,p=4,v=1.2> "
			    "fort</><voice:fr-anchor-f> elle</><lang:en> Nothing Hill</> "
			    "[[j'Ens]]]");
	assert_string_equal(parse("fr", "<speak><say-as interpret-as=\"characters\">ONU"
				  "</say-as>, <say-as interpret-as=\"cardinal\">1 000"
				  "</say-as>, <say-as interpret-as=\"ordinal\">2</say-as>, "
				  "<say-as interpret-as=\"digits\">123</say-as>, "
				  "<say-as interpret-as=\"date\" format=\"mdy\">11/20/2023"
				  "</say-as>, <say-as interpret-as=\"time\">9:05</say-as>, "
				  "<say-as interpret-as=\"telephone\">01-23</say-as></speak>"),
			    "[O N U, mille, deuxième, un deux trois, vingt novembre deux "
			    "mille vingt-trois, neuf heures cinq, zéro un, deux trois]");
	assert_string_equal(parse("en", "<speak><say-as interpret-as=\"ordinal\">22"
				  "</say-as> on <say-as interpret-as=\"date\" format=\"dmy\">"
				  "20.11.2023</say-as> at <say-as interpret-as=\"time\">"
				  "14:30</say-as></speak>"),
			    "[twenty-second on November twentieth, twenty twenty-three at "
			    "fourteen thirty]");
	assert_string_equal(parse("fr", "<speak>a<audio src=\"../samples/jingles/"
				  "sting.flac\"/>b<mark name=\"m\"/></speak>"),
			    "[a]<audio tests/../samples/jingles/sting.flac>[b]");
}

static void ssml_errors(void **state)
{
	static const struct { const char *xml, *msg; } bad[] = {
		{ "<speak>\n<p>oops</speak>",
		  "tests/x.ssml:2:16: malformed SSML: Premature end of data in tag speak line 1" },
		{ "<speak>\n<blink>x</blink></speak>", "tests/x.ssml:2: unknown SSML element <blink>" },
		{ "<speak><phoneme alphabet=\"ipa\" ph=\"jɛns\">J</phoneme></speak>",
		  "tests/x.ssml:1: phoneme alphabet 'ipa' is not supported (only x-espeak: eSpeak NG mnemonics)" },
		{ "<speak><phoneme alphabet=\"x-espeak\" ph=\"j9\">J</phoneme></speak>",
		  "tests/x.ssml:1: eSpeak NG has no phoneme '9' in 'j9' (fr)" },
		{ "<speak><say-as interpret-as=\"bogus\">1</say-as></speak>",
		  "tests/x.ssml:1: say-as interpret-as 'bogus' is not supported (characters, cardinal, ordinal, digits, date, time, telephone)" },
		{ "<speak><say-as interpret-as=\"date\" format=\"dmy\">2023</say-as></speak>",
		  "tests/x.ssml:1: say-as date: format 'dmy' does not fit '2023' (dmy, mdy, ymd, dm, md, my, ym)" },
		{ "<speak><voice name=\"nobody\">x</voice></speak>",
		  "tests/x.ssml:1: unknown voice 'nobody' ('crieur voices' lists them)" },
		{ "<speak><audio src=\"none.wav\"/></speak>",
		  "tests/x.ssml:1: audio: cannot open 'tests/none.wav'" },
		{ "<speak><break time=\"soon\"/></speak>", "tests/x.ssml:1: break: bad time or strength" },
		{ "<talk>x</talk>", "tests/x.ssml:1: SSML must start with <speak>" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_string_equal(parse("fr", bad[i].xml), bad[i].msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ssml_elements),
		cmocka_unit_test(ssml_errors),
	};

	return cmocka_run_group_tests_name("ssml", tests, NULL, NULL);
}
