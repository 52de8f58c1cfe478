/* test_transcript.c - WebVTT, SRT and chapters JSON: exact output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "bulletin/transcript.h"
#include "unit/tmp_path.h"

static const transcript_cue cues[] = {
	{ 0.0, 2.0, "Bonjour & bienvenue <ici>." },
	{ 2.0, 4.5, "L’OTAN à Bruxelles\n\nsecond line\n" },
	{ 3725.0004, 3727.9996, NULL },
};

/* transcript/vtt: header, times, escapes, no blank line inside a cue. */
static void test_vtt(void **state)
{
	strbuf sb;

	sb_init(&sb);
	assert_int_equal(transcript_format_vtt(&sb, cues, 3), 0);
	assert_string_equal(sb_cstr(&sb),
		"WEBVTT\n"
		"\n"
		"00:00:00.000 --> 00:00:02.000\n"
		"Bonjour &amp; bienvenue &lt;ici&gt;.\n"
		"\n"
		"00:00:02.000 --> 00:00:04.500\n"
		"L’OTAN à Bruxelles\nsecond line\n"
		"\n"
		"01:02:05.000 --> 01:02:08.000\n"
		"\n");
	sb_release(&sb);
}

/* transcript/srt: numbered, comma before milliseconds, no escapes. */
static void test_srt(void **state)
{
	strbuf sb;

	sb_init(&sb);
	assert_int_equal(transcript_format_srt(&sb, cues, 2), 0);
	assert_string_equal(sb_cstr(&sb),
		"1\n"
		"00:00:00,000 --> 00:00:02,000\n"
		"Bonjour & bienvenue <ici>.\n"
		"\n"
		"2\n"
		"00:00:02,000 --> 00:00:04,500\n"
		"L’OTAN à Bruxelles\nsecond line\n");
	sb_release(&sb);
}

/* transcript/chapters: version, numbers, JSON escapes. */
static void test_chapters(void **state)
{
	static const transcript_chapter ch[] = {
		{ 0, 0, "Intro" },
		{ 2.5, 7.125, "Les \"Alliés\" \\ l’UE\n\ttab\x01 \xE2\x80\xA8" },
		{ 61.01, 0, NULL },
	};
	strbuf sb;

	sb_init(&sb);
	assert_int_equal(transcript_format_chapters(&sb, ch, 3), 0);
	assert_string_equal(sb_cstr(&sb),
		"{\n  \"version\": \"1.2.0\",\n  \"chapters\": [\n"
		"    {\"startTime\": 0, \"title\": \"Intro\"},\n"
		"    {\"startTime\": 2.5, \"endTime\": 7.125, \"title\": "
		"\"Les \\\"Alliés\\\" \\\\ l’UE\\n\\ttab\\u0001 \\u2028\"},\n"
		"    {\"startTime\": 61.01, \"title\": \"\"}\n"
		"  ]\n}\n");
	sb_reset(&sb);
	assert_int_equal(transcript_format_chapters(&sb, ch, 0), 0);
	assert_string_equal(sb_cstr(&sb),
		"{\n  \"version\": \"1.2.0\",\n  \"chapters\": []\n}\n");
	sb_release(&sb);
}

/* transcript/errors: bad times, bad UTF-8, unwritable path. */
static void test_errors(void **state)
{
	transcript_cue bad[] = { { 2, 1, "x" } }, utf[] = { { 0, 1, "\xFF" } };
	transcript_chapter bch[] = { { 0, 0, "\xC3" } };
	strbuf sb;

	sb_init(&sb);
	assert_int_equal(transcript_format_vtt(&sb, bad, 1), CRIEUR_EINVAL);
	assert_non_null(strstr(err_detail(), "cue 1"));
	assert_int_equal(transcript_format_srt(&sb, utf, 1), CRIEUR_EUTF8);
	assert_int_equal(transcript_format_chapters(&sb, bch, 1), CRIEUR_EUTF8);
	assert_int_equal(sb.len, 0);
	assert_int_equal(transcript_write_vtt("/nonexistent/dir/x.vtt", cues, 1),
			 CRIEUR_ENOENT);
	assert_non_null(strstr(err_detail(), "/nonexistent/dir"));
	{
		const char *vtt = tmp_path("x.vtt");
		char quoted[300];

		assert_int_equal(transcript_write_vtt(vtt, bad, 1), CRIEUR_EINVAL);
		snprintf(quoted, sizeof(quoted), "'%s'", vtt);
		assert_non_null(strstr(err_detail(), quoted));
	}
	sb_release(&sb);
}

/* transcript/files: the three files written, the VTT read back. */
static void test_files_roundtrip(void **state)
{
	char dir[64], path[96], *data;
	static const transcript_chapter ch[] = { { 0, 2, "A" } };
	transcript t;
	size_t len;

	assert_int_equal(tmp_dir_make(dir, sizeof(dir), "tr"), 0);
	snprintf(path, sizeof(path), "%s/a.vtt", dir);
	assert_int_equal(transcript_write_vtt(path, cues, 3), 0);
	assert_int_equal(transcript_read_vtt(&t, path), 0);
	assert_int_equal(t.n, 3);
	assert_true(t.cue[1].start == 2.0 && t.cue[1].end == 4.5);
	assert_string_equal(t.cue[0].text, "Bonjour & bienvenue <ici>.");
	assert_string_equal(t.cue[1].text, "L’OTAN à Bruxelles\nsecond line");
	assert_string_equal(t.cue[2].text, "");
	assert_true(t.cue[2].start == 3725.0);
	transcript_release(&t);
	snprintf(path, sizeof(path), "%s/a.srt", dir);
	assert_int_equal(transcript_write_srt(path, cues, 3), 0);
	snprintf(path, sizeof(path), "%s/a.chapters.json", dir);
	assert_int_equal(transcript_write_chapters(path, ch, 1), 0);
	assert_int_equal(read_file(path, &data, &len), 0);
	assert_non_null(strstr(data, "\"endTime\": 2, \"title\": \"A\""));
	free(data);
	assert_int_equal(tmp_dir_remove(dir), 0);
}

/* transcript/parse_vtt: identifiers, NOTE blocks, tags, short times. */
static void test_parse_vtt(void **state)
{
	static const char in[] =
		"\xEF\xBB\xBFWEBVTT - a title\r\n"
		"Kind: captions\r\n\r\n"
		"NOTE a comment\r\nspanning lines\r\n\r\n"
		"intro\r\n"
		"00:01.500 --> 00:03.000 align:start\r\n"
		"<v Anne>Hello</v> &amp; <b>bye</b>\r\n\r\n\r\n"
		"00:00:03.000 --> 00:00:04.000\n"
		"Two\n";
	transcript t;

	assert_int_equal(transcript_parse_vtt(&t, "in.vtt", in, sizeof(in) - 1),
			 0);
	assert_int_equal(t.n, 2);
	assert_true(t.cue[0].start == 1.5 && t.cue[0].end == 3.0);
	assert_string_equal(t.cue[0].text, "Hello & bye");
	assert_string_equal(t.cue[1].text, "Two");
	transcript_release(&t);
	assert_int_equal(transcript_parse_vtt(&t, "x.vtt", "WEBVT\n", 6),
			 CRIEUR_EFORMAT);
	assert_int_equal(transcript_parse_vtt(&t, "x.vtt",
		"WEBVTT\n\n1\n00:00 --> 00:01.000\nx\n", 33), CRIEUR_EFORMAT);
	assert_string_equal(err_detail(),
			    "x.vtt:4: bad cue timing '00:00 --> 00:01.000'");
	assert_int_equal(t.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vtt),
		cmocka_unit_test(test_srt),
		cmocka_unit_test(test_chapters),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_files_roundtrip),
		cmocka_unit_test(test_parse_vtt),
	};

	return cmocka_run_group_tests_name("transcript", tests, NULL, NULL);
}
