/* test_id3.c - ID3v2.4 tags: exact bytes, parsing back, the MP3 writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/encode_mp3.h"
#include "audio/id3.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "tmp_path.h"

static char dir[64];

static const char *tmp(const char *name)
{
	static char bufs[4][128];
	static int next;
	char *b = bufs[next++ & 3];

	snprintf(b, 128, "%s/%s", dir, name);
	return b;
}

/* id3/text_frame: one TIT2, byte for byte. */
/* A new, empty tag (id3_new() cannot fail). */
static id3_tag *new_tag(void)
{
	id3_tag *t = NULL;

	assert_int_equal(id3_new(&t), 0);
	assert_non_null(t);
	return t;
}

static void test_text_exact(void **state)
{
	static const unsigned char want[] = {
		'I', 'D', '3', 4, 0, 0, 0, 0, 0, 13,
		'T', 'I', 'T', '2', 0, 0, 0, 3, 0, 0, 3, 'H', 'i',
	};
	id3_tag *t = new_tag();
	strbuf sb;

	sb_init(&sb);
	assert_int_equal(id3_set(t, "TIT2", "Hi"), 0);
	assert_int_equal(id3_render(t, &sb), 0);
	assert_int_equal(sb.len, sizeof(want));
	assert_memory_equal(sb.buf, want, sizeof(want));
	sb_release(&sb);
	id3_free(t);
}

/* id3/chapter_exact: COMM, one CHAP with its TIT2, the CTOC. */
static void test_chapter_exact(void **state)
{
	static const unsigned char want[] = {
		'I', 'D', '3', 4, 0, 0, 0, 0, 0, 79,
		'C', 'O', 'M', 'M', 0, 0, 0, 7, 0, 0,
		3, 'f', 'r', 'a', 0, 'o', 'k',
		'C', 'H', 'A', 'P', 0, 0, 0, 32, 0, 0,
		'c', 'h', '0', 0, 0, 0, 0x03, 0xE8, 0, 0, 0x07, 0xD0,
		0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
		'T', 'I', 'T', '2', 0, 0, 0, 2, 0, 0, 3, 'A',
		'C', 'T', 'O', 'C', 0, 0, 0, 10, 0, 0,
		't', 'o', 'c', 0, 3, 1, 'c', 'h', '0', 0,
	};
	id3_tag *t = new_tag();
	strbuf sb;

	sb_init(&sb);
	assert_int_equal(id3_set_comment(t, "fra", "ok"), 0);
	assert_int_equal(id3_add_chapter(t, 1000, 2000, "A"), 0);
	assert_int_equal(id3_render(t, &sb), 0);
	assert_int_equal(sb.len, sizeof(want));
	assert_memory_equal(sb.buf, want, sizeof(want));
	sb_release(&sb);
	id3_free(t);
}

/* id3/syncsafe: a 200-byte title makes sizes that need two 7-bit bytes. */
static void test_syncsafe(void **state)
{
	char title[201];
	id3_tag *t = new_tag();
	strbuf sb;
	const unsigned char *b;

	memset(title, 'x', 200);
	title[200] = '\0';
	sb_init(&sb);
	id3_set(t, "TIT2", title);
	assert_int_equal(id3_render_padded(t, 100, &sb), 0);
	b = (const unsigned char *)sb.buf;
	/* tag size 10 + 201 + 100 = 311 = 2*128 + 55 */
	assert_int_equal(b[8], 2);
	assert_int_equal(b[9], 55);
	assert_int_equal(b[16], 1);   /* frame size 201 = 1*128 + 73 */
	assert_int_equal(b[17], 73);
	assert_int_equal(sb.len, 321);
	assert_int_equal(id3_tag_size(b), 321);
	sb_release(&sb);
	id3_free(t);
}

/* id3/roundtrip: every frame kind, non-ASCII text, parsed back. */
static void test_roundtrip(void **state)
{
	static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	id3_tag *t = new_tag(), *u = NULL;
	FILE *f = fopen(tmp("c.png"), "wb");
	const char *mime;
	size_t len;
	strbuf sb;

	fwrite(png, 1, sizeof(png), f);
	fclose(f);
	sb_init(&sb);
	id3_set(t, "TIT2", "Journal « été » & <co>");
	id3_set(t, "TPE1", "Radio Crieur");
	id3_set(t, "TDRC", "2024-02-05T18:00");
	id3_set(t, "TLAN", "fra");
	id3_set_comment(t, "fra", "Titre un\nTitre deux");
	assert_int_equal(id3_set_cover(t, tmp("c.png")), 0);
	id3_add_chapter(t, 0, 1500, "Intro");
	id3_add_chapter(t, 1500, 9000, "L’OTAN à Bruxelles");
	id3_render_padded(t, 64, &sb);
	assert_int_equal(id3_parse((unsigned char *)sb.buf, sb.len, &u), 0);
	assert_string_equal(id3_get(u, "TIT2"), "Journal « été » & <co>");
	assert_string_equal(id3_get(u, "TPE1"), "Radio Crieur");
	assert_string_equal(id3_get(u, "TDRC"), "2024-02-05T18:00");
	assert_string_equal(id3_comment(u), "Titre un\nTitre deux");
	assert_non_null(id3_cover(u, &mime, &len));
	assert_string_equal(mime, "image/png");
	assert_int_equal(len, sizeof(png));
	assert_int_equal(id3_chapter_count(u), 2);
	assert_int_equal(id3_chapter_at(u, 1)->start_ms, 1500);
	assert_int_equal(id3_chapter_at(u, 1)->end_ms, 9000);
	assert_string_equal(id3_chapter_at(u, 1)->title, "L’OTAN à Bruxelles");
	assert_null(id3_chapter_at(u, 2));
	sb_release(&sb);
	id3_free(t);
	id3_free(u);
}

/* id3/v23_utf16: a v2.3 tag with a UTF-16 title (as other taggers write). */
static void test_parse_v23(void **state)
{
	static const unsigned char v23[] = {
		'I', 'D', '3', 3, 0, 0, 0, 0, 0, 19,
		'T', 'I', 'T', '2', 0, 0, 0, 9, 0, 0,
		1, 0xFF, 0xFE, 'h', 0, 0xE9, 0, 0, 0,
	};
	id3_tag *u = NULL;

	assert_int_equal(id3_parse(v23, sizeof(v23), &u), 0);
	assert_string_equal(id3_get(u, "TIT2"), "hé");
	id3_free(u);
	assert_int_equal(id3_parse((const unsigned char *)"ID2xxxxxxx", 10, &u),
			 CRIEUR_EFORMAT);
	assert_null(u);
}

/* id3/empty_text: text frames with no text (found by fuzz_id3: the empty
 * string once came back unterminated). */
static void test_parse_empty_text(void **state)
{
	static const unsigned char tag[] = {
		'I', 'D', '3', 4, 0, 0, 0, 0, 0, 44,
		'T', 'I', 'T', '2', 0, 0, 0, 1, 0, 0, 3,
		'C', 'H', 'A', 'P', 0, 0, 0, 23, 0, 0,
		'c', 0, 0, 0, 0, 0, 0, 0, 0, 9, 0xFF, 0xFF, 0xFF, 0xFF,
		0xFF, 0xFF, 0xFF, 0xFF, 'T', 'I', 'T', '2', 0, 0, 0, 1, 0, 0, 0,
	};
	id3_tag *u = NULL;

	assert_int_equal(id3_parse(tag, sizeof(tag), &u), 0);
	assert_null(id3_get(u, "TIT2"));
	assert_int_equal(id3_chapter_count(u), 1);
	assert_string_equal(id3_chapter_at(u, 0)->title, "");
	assert_int_equal(id3_chapter_at(u, 0)->end_ms, 9);
	id3_free(u);
}

/* id3/errors: every bad argument is refused with its code. */
static void test_errors(void **state)
{
	id3_tag *t = new_tag();

	assert_int_equal(id3_set(t, "COMM", "x"), CRIEUR_EINVAL);
	assert_int_equal(id3_set(t, "TXXX", "x"), CRIEUR_EINVAL);
	assert_int_equal(id3_set(t, "tit2", "x"), CRIEUR_EINVAL);
	assert_int_equal(id3_set(t, "TIT2", "\xC3("), CRIEUR_EUTF8);
	assert_int_equal(id3_set_comment(t, "fr", "x"), CRIEUR_EINVAL);
	assert_int_equal(id3_add_chapter(t, 10, 5, "x"), CRIEUR_EINVAL);
	assert_int_equal(id3_set_cover(t, tmp("none.jpg")), CRIEUR_ENOENT);
	assert_non_null(strstr(err_detail(), "none.jpg"));
	FILE *f = fopen(tmp("not.jpg"), "wb");
	fputs("GIF89a", f);
	fclose(f);
	assert_int_equal(id3_set_cover(t, tmp("not.jpg")), CRIEUR_EFORMAT);
	for (int i = 0; i < ID3_MAX_CHAPTERS; i++)
		assert_int_equal(id3_add_chapter(t, 0, 1, NULL), 0);
	assert_int_equal(id3_add_chapter(t, 0, 1, NULL), CRIEUR_EINVAL);
	assert_string_equal(id3_language_code("fr-BE"), "fra");
	assert_string_equal(id3_language_code("en"), "eng");
	assert_string_equal(id3_language_code("fro"), "und");
	assert_string_equal(id3_language_code(NULL), "und");
	id3_set(t, "TIT2", "x");
	id3_set(t, "TPE1", "y");
	id3_set(t, "TIT2", NULL);     /* removing a frame moves the last one */
	id3_set(t, "TALB", "z");      /* (found by fuzz_id3: a stale pointer) */
	assert_null(id3_get(t, "TIT2"));
	assert_string_equal(id3_get(t, "TPE1"), "y");
	assert_string_equal(id3_get(t, "TALB"), "z");
	id3_free(t);
	id3_free(NULL);
}

/* A 1 kHz tone of `seconds` into an MP3 writer with tag. */
static void write_tone(const char *path, double seconds, const id3_tag *tag,
		       id3_tag *late, size_t padding)
{
	audio_format fmt = { 44100, 1 };
	mp3_options opt = { 64, 5, tag, padding };
	audio_sink *sink;
	float buf[4410];
	long total = (long)(seconds * 44100);

	assert_int_equal(mp3_writer_open(&sink, path, fmt, &opt), 0);
	for (long done = 0; done < total; done += 4410) {
		for (int i = 0; i < 4410; i++)
			buf[i] = (float)(0.3 * sin((done + i) * 2 * M_PI * 1000 /
						   44100));
		assert_int_equal(sink->write(sink, buf, 4410), 0);
	}
	for (int i = 0; late && i < 40; i++)   /* chapters known at the end */
		id3_add_chapter(late, (unsigned)i * 100, (unsigned)i * 100 + 100,
				"Un titre de chapitre assez long, « été »");
	assert_int_equal(sink->finish(sink), 0);
	sink_free(sink);
}

/* Run ffprobe on path; its JSON in out. */
static void ffprobe(const char *path, char *out, size_t cap)
{
	char cmd[512];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "ffprobe -v error -show_chapters "
		 "-show_format -of json '%s'", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, cap - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
}

/* Duration that libsndfile decodes. */
static double decoded_seconds(const char *path)
{
	audio_format fmt;
	long long frames;
	char name[64];

	assert_int_equal(sndfile_probe(path, &fmt, &frames, name,
				       sizeof(name)), 0);
	return (double)frames / fmt.rate;
}

/* mp3/tag_in_place: chapters added before finish fit the padding. */
static void test_mp3_tag_in_place(void **state)
{
	id3_tag *t = new_tag(), *u;
	static char js[65536];

	id3_set(t, "TIT2", "Bulletin & co");
	id3_set(t, "TALB", "Le journal");
	write_tone(tmp("a.mp3"), 3.0, t, NULL, 0);
	id3_add_chapter(t, 0, 0, NULL);   /* after finish: no effect */
	assert_int_equal(id3_read_file(tmp("a.mp3"), &u), 0);
	assert_string_equal(id3_get(u, "TIT2"), "Bulletin & co");
	assert_int_equal(id3_chapter_count(u), 0);
	id3_free(u);
	assert_true(fabs(decoded_seconds(tmp("a.mp3")) - 3.0) < 0.01);
	ffprobe(tmp("a.mp3"), js, sizeof(js));
	assert_non_null(strstr(js, "\"title\": \"Bulletin & co\""));
	assert_non_null(strstr(js, "\"album\": \"Le journal\""));
	id3_free(t);
}

/* mp3/chapters: late chapters, room exceeded (relocated), ffprobe reads. */
static void test_mp3_chapters(void **state)
{
	id3_tag *t = new_tag(), *u;
	static char js[65536];
	const char *p;

	id3_set(t, "TIT2", "Chapitres");
	write_tone(tmp("b.mp3"), 4.0, t, t, 64);  /* 40 chapters > 64 bytes */
	assert_int_equal(id3_read_file(tmp("b.mp3"), &u), 0);
	assert_int_equal(id3_chapter_count(u), 40);
	assert_int_equal(id3_chapter_at(u, 39)->start_ms, 3900);
	id3_free(u);
	assert_true(fabs(decoded_seconds(tmp("b.mp3")) - 4.0) < 0.01);
	ffprobe(tmp("b.mp3"), js, sizeof(js));
	assert_non_null(p = strstr(js, "\"start_time\": \"3.900000\""));
	assert_non_null(strstr(p, "\"end_time\": \"4.000000\""));
	assert_non_null(strstr(js, "assez long, « été »"));
	assert_non_null(strstr(js, "\"duration\": \"4.0"));
	id3_clear_chapters(t);
	id3_add_chapter(t, 0, 2000, "Un");
	id3_add_chapter(t, 2000, 4000, "Deux");
	write_tone(tmp("c.mp3"), 4.0, t, NULL, 0);
	ffprobe(tmp("c.mp3"), js, sizeof(js));
	assert_non_null(p = strstr(js, "\"start_time\": \"2.000000\""));
	assert_non_null(strstr(p, "\"title\": \"Deux\""));
	id3_free(t);
}

/* mp3/cover: a real PNG as APIC; ffprobe sees it, libsndfile still
 * decodes the audio to its exact length. */
static void test_mp3_cover(void **state)
{
	id3_tag *t = new_tag(), *u;
	static char js[65536];
	char cmd[256];
	const char *mime;
	size_t len;

	snprintf(cmd, sizeof(cmd), "ffmpeg -v error -y -f lavfi -i "
		 "color=red:s=16x16 -frames:v 1 '%s'", tmp("cover.png"));
	assert_int_equal(system(cmd), 0);
	assert_int_equal(id3_set_cover(t, tmp("cover.png")), 0);
	id3_set(t, "TIT2", "Avec pochette");
	write_tone(tmp("d.mp3"), 2.0, t, NULL, 0);
	assert_true(fabs(decoded_seconds(tmp("d.mp3")) - 2.0) < 0.01);
	snprintf(cmd, sizeof(cmd), "ffprobe -v error -show_streams -of json "
		 "'%s'", tmp("d.mp3"));
	FILE *p = popen(cmd, "r");
	size_t n = fread(js, 1, sizeof(js) - 1, p);
	js[n] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_non_null(strstr(js, "\"codec_name\": \"png\""));
	assert_non_null(strstr(js, "\"attached_pic\": 1"));
	assert_int_equal(id3_read_file(tmp("d.mp3"), &u), 0);
	assert_non_null(id3_cover(u, &mime, &len));
	assert_string_equal(mime, "image/png");
	id3_free(u);
	id3_free(t);
}

/* Scratch directory, removed at the end. */
static int setup(void **state)
{
	return tmp_dir_make(dir, sizeof(dir), "id3");
}

static int teardown(void **state)
{
	return tmp_dir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_exact),
		cmocka_unit_test(test_chapter_exact),
		cmocka_unit_test(test_syncsafe),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_parse_v23),
		cmocka_unit_test(test_parse_empty_text),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_mp3_tag_in_place),
		cmocka_unit_test(test_mp3_chapters),
		cmocka_unit_test(test_mp3_cover),
	};

	return cmocka_run_group_tests_name("id3", tests, setup, teardown);
}
