/* test_sd.c - sd_crieur's pure parts: the protocol reader, the 705
 * escaping, the SSML marks, SET mapping, key and punctuation names. */
#define _GNU_SOURCE   /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "sd/message.h"
#include "sd/names.h"
#include "sd/proto.h"
#include "sd/settings.h"

/* Feed s one byte at a time; the events as "T:phase" codes joined. */
static void read_all(const char *s, size_t n, strbuf *log)
{
	sd_reader *r;
	const sd_cmd *c;

	assert_int_equal(sd_reader_new(&r), 0);
	for (size_t i = 0; i < n; i++) {
		sd_reader_push(r, s + i, 1);
		while (sd_reader_next(r, &c)) {
			sb_addf(log, "%d%c", c->type, c->phase == SD_PHASE_START ? '+' : '.');
			if (c->phase == SD_PHASE_DONE && c->text)
				sb_addf(log, "[%s|%zu]", c->text, c->lines);
			for (size_t k = 0; k < c->n_params; k++)
				sb_addf(log, "{%s=%s}", c->params[k].key, c->params[k].value);
			if (c->syntax)
				sb_addf(log, "!%zu", c->syntax);
		}
	}
	sd_reader_free(r);
}

static void reader_commands_bodies_params(void **state)
{
	static const char in[] =
		"INIT\nSPEAK\nHello\n..dot\n.\nSET\nrate=20\nbad\nlanguage=fr\n.\n"
		"STOP\nLIST VOICES fr\nFOO\nCHAR\n.\n";
	strbuf log;

	sb_init(&log);
	read_all(in, sizeof(in) - 1, &log);
	/* SPEAK=7 (body "Hello\n.dot", 2 lines), SET=11, STOP=3, LIST=5,
	 * unknown=0, CHAR=8 with an empty body */
	assert_string_equal(sb_cstr(&log),
			    "1.7+7.[Hello\n.dot|2]11+11.{rate=20}{language=fr}!1"
			    "3.5.0.8+8.[|0]");
	sb_release(&log);
}

static void reader_chunks_any_split(void **state)
{
	static const char in[] = "SPEAK\nab\n.\nQUIT\n";
	sd_reader *r;
	const sd_cmd *c;
	int n = 0;

	assert_int_equal(sd_reader_new(&r), 0);
	sd_reader_push(r, in, 7);   /* "SPEAK\na" */
	while (sd_reader_next(r, &c))
		n++;
	assert_int_equal(n, 1);     /* only the start */
	sd_reader_push(r, in + 7, sizeof(in) - 8);
	assert_true(sd_reader_next(r, &c));
	assert_int_equal(c->phase, SD_PHASE_DONE);
	assert_string_equal(c->text, "ab");
	assert_true(sd_reader_next(r, &c));
	assert_int_equal(c->type, SD_QUIT);
	assert_false(sd_reader_next(r, &c));
	sd_reader_free(r);
}

static void audio_escaping_roundtrip(void **state)
{
	short s[6] = { 0x0a0a, 0x7d7d, 0x2a5d, 0, -1, 0x0a7d };
	strbuf sb;
	const char *p, *end;
	char out[64];

	sb_init(&sb);
	sd_format_audio(&sb, s, 6, 22050);
	p = memchr(sb.buf, '\0', sb.len) + 1;   /* after "705-AUDIO" */
	end = memmem(p, sb.len - (size_t)(p - sb.buf), "\n705 AUDIO\n", 11);
	assert_non_null(end);
	assert_null(memchr(p, '\n', (size_t)(end - p)));   /* no raw LF */
	assert_int_equal(sd_unescape_audio(p, (size_t)(end - p), out), 12);
	assert_memory_equal(out, s, 12);
	assert_non_null(strstr(sb.buf, "705-num_samples=6\n705-big_endian=0\n"));
	assert_int_equal(sd_unescape_audio("\x7d", 1, out), (size_t)-1);
	sb_release(&sb);
}

static void message_marks_and_entities(void **state)
{
	static const char in[] = "<speak>Le 20/11 &amp; l&apos;UE.<mark name=\"__spd_id_0\"/>"
		" B &#233;t&#xE9; &bogus; <!-- x --><s>C</s><mark name='m1'/></speak>";
	sd_message m;

	sd_message_parse(&m, in, sizeof(in) - 1);
	assert_int_equal(m.n, 3);
	assert_string_equal(m.seg[0].text, "Le 20/11 & l'UE.");
	assert_string_equal(m.seg[0].mark, "__spd_id_0");
	assert_string_equal(m.seg[1].text, " B été &bogus; C\n");
	assert_string_equal(m.seg[1].mark, "m1");
	assert_string_equal(m.seg[2].text, "");
	assert_null(m.seg[2].mark);
	sd_message_release(&m);

	sd_message_parse(&m, "a <b> c", 7);   /* not SSML: whole */
	assert_int_equal(m.n, 1);
	assert_string_equal(m.seg[0].text, "a <b> c");
	sd_message_release(&m);

	sd_message_parse(&m, "<speak>a <mark name=", 20);   /* cut off */
	assert_int_equal(m.n, 1);
	assert_string_equal(m.seg[0].text, "a ");
	sd_message_release(&m);
}

static void settings_values(void **state)
{
	sd_settings s;
	voice v;
	const char *lang;

	sd_settings_init(&s);
	assert_int_equal(sd_settings_set(&s, "rate", "-100"), 0);
	assert_int_equal(sd_settings_set(&s, "rate", "101"), -1);
	assert_int_equal(sd_settings_set(&s, "rate", "2x"), -1);
	assert_int_equal(s.rate, -100);
	assert_int_equal(sd_settings_set(&s, "punctuation_mode", "most"), 0);
	assert_int_equal(s.punct, SD_PUNCT_MOST);
	assert_int_equal(sd_settings_set(&s, "punctuation_mode", "lots"), -1);
	assert_int_equal(sd_settings_set(&s, "cap_let_recogn", "spell"), 0);
	assert_int_equal(sd_settings_set(&s, "voice", "female2"), 0);
	assert_int_equal(sd_settings_set(&s, "language", "fr-be"), 0);
	assert_string_equal(s.language, "fr-BE");
	assert_int_equal(sd_settings_set(&s, "language", "de"), -1);
	assert_string_equal(s.language, "fr-BE");
	assert_int_equal(sd_settings_set(&s, "synthesis_voice", "nope"), -1);
	assert_int_equal(sd_settings_set(&s, "unknown", "1"), -1);
	assert_string_equal(sd_language("en-GB"), "en");
	assert_string_equal(sd_language("fr_CH"), "fr-CH");
	assert_string_equal(sd_language("fr-CA"), "fr");
	assert_null(sd_language("frr"));

	/* rate -100 is the slowest rate; French female: fr-anchor-f */
	assert_int_equal(sd_settings_set(&s, "language", "fr"), 0);
	assert_int_equal(sd_settings_voice(&s, "fr-anchor", &v, &lang), 0);
	assert_string_equal(v.name, "fr-anchor-f");
	assert_string_equal(lang, "fr");
	assert_int_equal(v.rate, 80);
	assert_int_equal(v.volume, 100);   /* volume 0: the voice's own */
	assert_int_equal(sd_settings_set(&s, "volume", "-50"), 0);
	assert_int_equal(sd_settings_voice(&s, "fr-anchor", &v, &lang), 0);
	assert_int_equal(v.volume, 50);
	assert_int_equal(sd_settings_set(&s, "volume", "100"), 0);
	assert_int_equal(sd_settings_voice(&s, "fr-anchor", &v, &lang), 0);
	assert_int_equal(v.volume, 200);
	assert_int_equal(sd_settings_set(&s, "synthesis_voice", "en-anchor"), 0);
	assert_int_equal(sd_settings_voice(&s, "fr-anchor", &v, &lang), 0);
	assert_string_equal(lang, "en");
}

/* The spoken form of fn(n, text) as a string. */
static const char *said(sd_names *n, int key, const char *text, enum sd_cap cap,
			int *raise)
{
	static strbuf sb;

	sb_reset(&sb);
	if (key)
		sd_names_key(n, text, strlen(text), cap, &sb, raise);
	else
		sd_names_char(n, text, strlen(text), cap, &sb, raise);
	return sb_cstr(&sb);
}

static void names_keys_and_chars(void **state)
{
	sd_names *fr, *en;
	strbuf sb;
	int raise = 0;

	assert_int_equal(sd_names_new(&fr, "fr-BE"), 0);
	assert_int_equal(sd_names_new(&en, "en"), 0);
	assert_string_equal(said(fr, 0, ",", SD_CAP_NONE, NULL), "virgule");
	assert_string_equal(said(fr, 0, "!", SD_CAP_NONE, NULL), "point d'exclamation");
	assert_string_equal(said(fr, 0, "#", SD_CAP_NONE, NULL), "dièse");
	assert_string_equal(said(fr, 0, "space", SD_CAP_NONE, NULL), "espace");
	assert_string_equal(said(fr, 0, "é", SD_CAP_NONE, NULL), "é");
	assert_string_equal(said(fr, 0, "A", SD_CAP_SPELL, NULL), "a majuscule");
	assert_string_equal(said(en, 0, "A", SD_CAP_SPELL, NULL), "capital a");
	assert_string_equal(said(fr, 0, "É", SD_CAP_NONE, &raise), "é");
	assert_int_equal(raise, 1);
	assert_string_equal(said(fr, 1, "enter", SD_CAP_NONE, NULL), "entrée");
	assert_string_equal(said(fr, 1, "left", SD_CAP_NONE, NULL), "flèche gauche");
	assert_string_equal(said(fr, 1, "control_alt_delete", SD_CAP_NONE, NULL),
			    "contrôle alt supprimer");
	assert_string_equal(said(fr, 1, "shift_kp-enter", SD_CAP_NONE, NULL),
			    "majuscule pavé numérique entrée");
	assert_string_equal(said(fr, 1, "kp-5", SD_CAP_NONE, NULL), "pavé numérique 5");
	assert_string_equal(said(fr, 1, "_", SD_CAP_NONE, NULL), "souligné");
	assert_string_equal(said(en, 1, "f12", SD_CAP_NONE, NULL), "F 12");
	assert_string_equal(said(en, 1, "shift_A", SD_CAP_SPELL, NULL), "shift capital a");

	sb_init(&sb);
	sd_names_punctuate(fr, "Oui, l'UE (20/11) !", 20, SD_PUNCT_SOME, &sb);
	assert_string_equal(sb_cstr(&sb), "Oui, l'UE (20/11) !");
	sb_reset(&sb);
	sd_names_punctuate(fr, "Oui, l'UE (20/11) !", 20, SD_PUNCT_MOST, &sb);
	assert_string_equal(sb_cstr(&sb), "Oui, l'UE  parenthèse ouvrante 20/11 "
			    "parenthèse fermante  !");
	sb_reset(&sb);
	sd_names_punctuate(fr, "a, b/c", 6, SD_PUNCT_ALL, &sb);
	assert_string_equal(sb_cstr(&sb), "a virgule,  b barre oblique c");
	sb_reset(&sb);
	sd_names_punctuate(fr, "a - b", 5, SD_PUNCT_NONE, &sb);
	assert_string_equal(sb_cstr(&sb), "a - b");
	sb_reset(&sb);
	sd_names_punctuate(fr, "Oui\xe2\x80\xa6", 6, SD_PUNCT_MOST, &sb);
	assert_string_equal(sb_cstr(&sb), "Oui points de suspension ");
	assert_true(sd_names_only_symbols(fr, " ?! ", 4));
	assert_true(sd_names_only_symbols(fr, "\xe2\x80\xa6", 3));
	assert_false(sd_names_only_symbols(fr, "a ?", 3));
	assert_false(sd_names_only_symbols(fr, "  ", 2));
	sb_reset(&sb);
	sd_names_spell(en, "Ab 1", 4, SD_CAP_SPELL, &sb);
	assert_string_equal(sb_cstr(&sb), "capital a, b, space, 1");
	sb_release(&sb);
	sd_names_free(fr);
	sd_names_free(en);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reader_commands_bodies_params),
		cmocka_unit_test(reader_chunks_any_split),
		cmocka_unit_test(audio_escaping_roundtrip),
		cmocka_unit_test(message_marks_and_entities),
		cmocka_unit_test(settings_values),
		cmocka_unit_test(names_keys_and_chars),
	};
	return cmocka_run_group_tests_name("sd", tests, NULL, NULL);
}
