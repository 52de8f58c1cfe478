/* test_script.c - the bulletin script: the worked example, defaults, and
 * every error with its exact file:line:column message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "base/suggest.h"
#include "base/util.h"
#include "bulletin/script.h"

/* A scratch folder holding statements, a lexicon and a link to the
 * sample jingles, so snippets can name files relative to the script. */
static char dir[64];
static char script[96];

static void write_file(const char *name, const char *data, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	char cwd[PATH_MAX], target[PATH_MAX + 32], link[128];

	snprintf(dir, sizeof(dir), "/tmp/crieur-script.XXXXXX");
	if (!mkdtemp(dir) || !getcwd(cwd, sizeof(cwd)))
		return -1;
	snprintf(script, sizeof(script), "%s/s.yaml", dir);
	snprintf(target, sizeof(target), "%s/samples/jingles", cwd);
	snprintf(link, sizeof(link), "%s/jingles", dir);
	if (symlink(target, link))
		return -1;
	write_file("a.txt", "Titre\nUn paragraphe.\n", 20);
	write_file("bad.txt", "ab\xC3(\n", 5);
	write_file("empty.txt", " \n", 2);
	write_file("fr.lex", "# lexicon\n", 10);
	return 0;
}

static int teardown(void **state)
{
	const char *names[] = { "a.txt", "bad.txt", "empty.txt", "fr.lex",
				"jingles", "s.yaml" };
	char path[128];

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

/* Write text as the script and load it. */
static int load(bulletin_script **s, const char *text)
{
	write_file("s.yaml", text, strlen(text));
	return script_load(s, script);
}

/* Load text, which must fail with code and exactly the message want
 * ("@" stands for the scratch folder), preceded by "SCRIPT:". */
static int expect_error(const char *text, int code, const char *want)
{
	bulletin_script *s = (bulletin_script *)1;
	char expected[1024], *at;
	int err = load(&s, text);

	snprintf(expected, sizeof(expected), "%s:%s", script, want);
	while ((at = strchr(expected, '@'))) {
		char rest[1024];

		snprintf(rest, sizeof(rest), "%s", at + 1);
		snprintf(at, sizeof(expected) - (size_t)(at - expected), "%s%s",
			 dir, rest);
	}
	if (!err && s)
		script_free(s);
	if (err != code || s || strcmp(err_detail(), expected)) {
		print_message("script:\n%s\ngave %d '%s'\nwant %d '%s'\n", text,
			      err, err_detail(), code, expected);
		return 1;
	}
	return 0;
}

static void sample_loads(void **state)
{
	bulletin_script *s;

	assert_int_equal(script_load(&s, "samples/bulletin.yaml"), 0);
	assert_string_equal(s->dir, "samples");
	assert_string_equal(s->spec.title, "Le journal de crieur");
	assert_string_equal(s->date, "2024-03-14");
	assert_string_equal(s->spec.speech.lang, "fr");
	assert_string_equal(s->spec.speech.voice, "fr-anchor");
	assert_string_equal(s->spec.speech.quote_voice, "fr-anchor-f");
	assert_int_equal(s->n_lexicons, 0);
	assert_string_equal(s->intro.path, "samples/jingles/intro.wav");
	assert_int_equal(s->intro.pos.line, 16);
	assert_int_equal(s->intro.pos.column, 8);
	assert_true(fabs(s->intro.seconds - 4.5) < 1e-3);
	assert_string_equal(s->outro.path, "samples/jingles/outro.wav");
	assert_string_equal(s->sting.path, "samples/jingles/sting.flac");
	assert_true(fabs(s->sting.seconds - 1.2) < 1e-3);
	assert_string_equal(s->bed.file.path, "samples/jingles/bed.flac");
	assert_true(s->spec.bed_level == -18 && s->spec.duck == -12);
	assert_true(s->spec.attack == 80 && s->spec.release == 400);
	assert_true(s->spec.gap == 1.2 && s->spec.talkup == 1.0);
	assert_int_equal(s->loudness, SCRIPT_LOUDNESS_PODCAST);
	assert_true(s->spec.loudness == -16 && s->spec.true_peak == -1);
	assert_true(s->spec.duration == 0);
	assert_int_equal(s->output.format, SCRIPT_FORMAT_MP3);
	assert_int_equal(s->spec.mp3.bitrate, 128);
	assert_int_equal(s->spec.mp3.quality, bulletin_settings[BS_QUALITY].def);
	assert_int_equal(s->spec.out.rate, 44100);
	assert_int_equal(s->spec.out.channels, 2);
	assert_int_equal(s->publish.set, 0);
	assert_int_equal(s->n_items, 4);
	assert_null(s->items[0].file.path);
	assert_string_equal(s->items[0].text, "Bonsoir, voici le journal de "
			    "crieur.\nTrois informations ce soir, dont une en "
			    "anglais.\n");
	assert_null(s->items[0].title);
	assert_string_equal(s->items[1].file.path,
			    "samples/statements/2023-11-20-pristina.txt");
	assert_string_equal(s->items[1].title, "Pristina");
	assert_null(s->items[1].voice);
	assert_string_equal(s->items[3].voice, "en-anchor");
	assert_int_equal(s->items[3].pos.line, 47);
	assert_int_equal(s->items[3].pos.column, 5);
	script_free(s);
}

static void defaults(void **state)
{
	bulletin_script *s;
	char today[11];
	time_t now = time(NULL);
	struct tm tm;

	assert_int_equal(load(&s, "items:\n  - text: Bonjour.\n"), 0);
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	assert_string_equal(s->date, today);
	assert_string_equal(s->dir, dir);
	assert_null(s->spec.title);
	assert_null(s->spec.speech.lang);
	assert_null(s->spec.speech.voice);
	assert_null(s->spec.speech.quote_voice);
	assert_null(s->intro.path);
	assert_null(s->outro.path);
	assert_null(s->sting.path);
	assert_null(s->bed.file.path);
	assert_true(s->spec.bed_level == bulletin_settings[BS_BED_LEVEL].def);
	assert_true(s->spec.duck == bulletin_settings[BS_BED_DUCK].def);
	assert_true(s->spec.attack == bulletin_settings[BS_BED_ATTACK].def);
	assert_true(s->spec.release == bulletin_settings[BS_BED_RELEASE].def);
	assert_true(s->spec.gap == bulletin_settings[BS_GAP].def);
	assert_true(s->spec.talkup == bulletin_settings[BS_TALKUP].def);
	assert_int_equal(s->loudness, SCRIPT_LOUDNESS_PODCAST);
	assert_true(s->spec.loudness == LOUDNESS_PODCAST_LUFS);
	assert_true(s->spec.true_peak == bulletin_settings[BS_TRUE_PEAK].def);
	assert_true(s->spec.duration == 0);
	assert_int_equal(s->duration_pos.line, 0);
	assert_int_equal(s->output.format, SCRIPT_FORMAT_UNSET);
	/* unset: the settings table's defaults */
	assert_int_equal(s->spec.mp3.bitrate, 0);
	assert_int_equal(s->spec.mp3.quality, 5);
	assert_int_equal(s->spec.out.rate, 44100);
	assert_int_equal(s->spec.out.channels, 1);
	assert_int_equal(s->n_items, 1);
	assert_string_equal(s->items[0].text, "Bonjour.");
	assert_int_equal(s->items[0].pos.line, 2);
	assert_int_equal(s->items[0].pos.column, 5);
	script_free(s);
	script_free(NULL);
}

/* The forms the keys accept beyond the sample's. */
static void other_forms(void **state)
{
	bulletin_script *s;
	char path[160];

	assert_int_equal(load(&s, "\xEF\xBB\xBF" "bed: jingles/bed.ogg\n"
			      "loudness: Broadcast\nlexicons: fr.lex\n"
			      "language: FR-be\ndate: 2024-02-29\n"
			      "duration: 180\nvoice: en-us\n"
			      "items:\n- {file: a.txt, voice: fr-anchor-f}\n"
			      "- text: Fin.\n  title: La fin\n"), 0);
	snprintf(path, sizeof(path), "%s/jingles/bed.ogg", dir);
	assert_string_equal(s->bed.file.path, path);
	assert_true(fabs(s->bed.file.seconds - 32) < 1e-3);
	assert_true(s->spec.bed_level == bulletin_settings[BS_BED_LEVEL].def);
	assert_int_equal(s->loudness, SCRIPT_LOUDNESS_BROADCAST);
	assert_true(s->spec.loudness == -23);
	assert_int_equal(s->n_lexicons, 1);
	snprintf(path, sizeof(path), "%s/fr.lex", dir);
	assert_string_equal(s->lexicons[0].path, path);
	assert_string_equal(s->spec.speech.lang, "fr-BE");
	assert_string_equal(s->date, "2024-02-29");
	assert_true(s->spec.duration == 180);
	assert_int_equal(s->duration_pos.line, 6);
	assert_int_equal(s->duration_pos.column, 11);
	assert_string_equal(s->spec.speech.voice, "en-us");
	assert_string_equal(s->items[0].voice, "fr-anchor-f");
	assert_string_equal(s->items[1].title, "La fin");
	script_free(s);

	snprintf(path, sizeof(path), "%s/a.txt", dir);
	{
		char text[512];

		snprintf(text, sizeof(text), "loudness: -20.5\nlexicons: [fr.lex, "
			 "%s/fr.lex]\noutput: {format: flac, samplerate: 96000, "
			 "channels: 1}\npublish:\n  site: Crieur\n  base_url: "
			 "https://example.org/crieur/\n  keep: 20\n"
			 "items: [{file: %s}]\n", dir, path);
		assert_int_equal(load(&s, text), 0);
	}
	assert_int_equal(s->loudness, SCRIPT_LOUDNESS_LUFS);
	assert_true(s->spec.loudness == -20.5);
	assert_int_equal(s->n_lexicons, 2);
	assert_string_equal(s->lexicons[0].path, s->lexicons[1].path);
	assert_int_equal(s->output.format, SCRIPT_FORMAT_FLAC);
	assert_int_equal(s->spec.out.rate, 96000);
	assert_int_equal(s->publish.set, 1);
	assert_string_equal(s->publish.site, "Crieur");
	assert_string_equal(s->publish.base_url, "https://example.org/crieur/");
	assert_int_equal(s->publish.keep, 20);
	assert_string_equal(s->items[0].file.path, path);   /* absolute: kept */
	script_free(s);
}

/* A script in the current folder: paths stay as written. */
static void script_in_current_folder(void **state)
{
	char cwd[PATH_MAX];
	bulletin_script *s;

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	write_file("s.yaml", "intro: jingles/intro.wav\nitems: [{file: a.txt}]\n",
		   48);
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(script_load(&s, "s.yaml"), 0);
	assert_int_equal(chdir(cwd), 0);
	assert_string_equal(s->dir, ".");
	assert_string_equal(s->intro.path, "jingles/intro.wav");
	assert_string_equal(s->items[0].file.path, "a.txt");
	script_free(s);
}

/* Every field dumped; loudness: none leaves the level. */
static void override_and_dump(void **state)
{
	bulletin_script *s;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	assert_int_equal(load(&s, "voice: en-anchor\ngap: 2.5\n"
			      "items: [{text: \"Un.\\nDeux.\"}]\n"), 0);
	f = open_memstream(&text, &len);
	script_dump(s, f);
	fclose(f);
	assert_non_null(strstr(text, "\nvoice = en-anchor\n"));
	assert_non_null(strstr(text, "\ntitle = (none)\n"));
	assert_non_null(strstr(text, "\ngap = 2.5\n"));
	assert_non_null(strstr(text, "\nloudness = podcast\nlufs = -16\n"));
	assert_non_null(strstr(text, "\nitems[0].text = Un.\\nDeux.\n"));
	free(text);
	script_free(s);
	assert_int_equal(load(&s, "loudness: none\nitems: [{text: Un.}]\n"), 0);
	assert_int_equal(s->loudness, SCRIPT_LOUDNESS_NONE);
	assert_true(isnan(s->spec.loudness));
	script_free(s);
	assert_string_equal(script_format_name(SCRIPT_FORMAT_WAV), "wav");
	assert_string_equal(script_loudness_name(SCRIPT_LOUDNESS_BROADCAST),
			    "broadcast");
}

static void suggestions(void **state)
{
	const char *keys[] = { "title", "sting", "gap", "output" };

	assert_int_equal(suggest_distance("sting_", "sting"), 1);
	assert_int_equal(suggest_distance("Titel", "title"), 1);
	assert_int_equal(suggest_distance("tilte", "title"), 1);
	assert_int_equal(suggest_distance("tilte", "file"), 2);
	assert_int_equal(suggest_distance("", "gap"), 3);
	assert_string_equal(suggest_closest("sting_", keys, 4), "sting");
	assert_string_equal(suggest_closest("GAP", keys, 4), "gap");
	assert_string_equal(suggest_closest("outptu", keys, 4), "output");
	assert_null(suggest_closest("colour", keys, 4));
	assert_null(suggest_closest("gp_x", keys, 4));
}

#define ITEM "items: [{file: a.txt}]\n"

static const struct error_case {
	const char *name, *text;
	int code;
	const char *message;
} error_cases[] = {
	/* unknown keys, with a suggestion when one is close */
	{ "unknown top key", "sting_: jingles/sting.flac\n" ITEM, CRIEUR_EFORMAT,
	  "1:1: unknown key 'sting_' (did you mean 'sting'?)" },
	{ "unknown top key, far", ITEM "colour: red\n", CRIEUR_EFORMAT,
	  "2:1: unknown key 'colour'" },
	{ "unknown key, case", "Title: x\n" ITEM, CRIEUR_EFORMAT,
	  "1:1: unknown key 'Title' (did you mean 'title'?)" },
	{ "unknown bed key", "bed:\n  file: jingles/bed.flac\n  levle: -10\n"
	  ITEM, CRIEUR_EFORMAT,
	  "3:3: unknown key 'levle' in bed (did you mean 'level'?)" },
	{ "unknown output key", "output:\n  bitrat: 96\n" ITEM, CRIEUR_EFORMAT,
	  "2:3: unknown key 'bitrat' in output (did you mean 'bitrate'?)" },
	{ "unknown publish key", "publish: {site: x, url: y}\n" ITEM,
	  CRIEUR_EFORMAT, "1:20: unknown key 'url' in publish" },
	{ "unknown item key", "items:\n  - file: a.txt\n    tilte: X\n",
	  CRIEUR_EFORMAT,
	  "3:5: item 1: unknown key 'tilte' (did you mean 'title'?)" },
	{ "key not a name", "[a, b]: 1\n" ITEM, CRIEUR_EFORMAT,
	  "1:1: a key must be a name, not a list" },
	/* duplicates */
	{ "duplicate key", "gap: 1\n" ITEM "gap: 2\n", CRIEUR_EFORMAT,
	  "3:1: duplicate key 'gap' (first at line 1)" },
	{ "duplicate bed key", "bed:\n  file: jingles/bed.flac\n  duck: -6\n"
	  "  duck: -9\n" ITEM, CRIEUR_EFORMAT,
	  "4:3: duplicate key 'bed.duck' (first at line 3)" },
	{ "duplicate item key", "items:\n  - file: a.txt\n    file: a.txt\n",
	  CRIEUR_EFORMAT, "3:5: item 1: duplicate key 'file' (first at line 2)" },
	/* types */
	{ "gap not a number", "gap: abc\n" ITEM, CRIEUR_EFORMAT,
	  "1:6: gap must be a number of seconds, not 'abc'" },
	{ "gap with unit", "gap:   2s\n" ITEM, CRIEUR_EFORMAT,
	  "1:8: gap must be a number of seconds, not '2s'" },
	{ "hex is no number", "talkup: 0x1\n" ITEM, CRIEUR_EFORMAT,
	  "1:9: talkup must be a number of seconds, not '0x1'" },
	{ "nan is no number", "true_peak: .nan\n" ITEM, CRIEUR_EFORMAT,
	  "1:12: true_peak must be a number of dBTP, not '.nan'" },
	{ "title a list", "title: [a, b]\n" ITEM, CRIEUR_EFORMAT,
	  "1:8: title must be a string, not a list" },
	{ "NUL from an escape", "title: \"a\\0b\"\n" ITEM, CRIEUR_EFORMAT,
	  "1:8: title has a NUL or an invalid character (from an escape?)" },
	{ "title empty", "title: \"\"\n" ITEM, CRIEUR_EFORMAT,
	  "1:8: title is empty" },
	{ "intro without value", "intro:\n" ITEM, CRIEUR_EFORMAT,
	  "1:7: intro has no value (it wants a file path)" },
	{ "bitrate not whole", "output:\n  bitrate: 96.5\n" ITEM,
	  CRIEUR_EFORMAT, "2:12: output.bitrate must be a whole number, not '96.5'" },
	{ "bed level a mapping", "bed:\n  file: jingles/bed.flac\n  level: "
	  "{a: 1}\n" ITEM, CRIEUR_EFORMAT,
	  "3:10: bed.level must be a number of dB, not a mapping" },
	{ "output a string", "output: mp3\n" ITEM, CRIEUR_EFORMAT,
	  "1:9: output must be a mapping (format, bitrate, quality, "
	  "samplerate, channels), not a string" },
	{ "items a mapping", "items: {file: a.txt}\n", CRIEUR_EFORMAT,
	  "1:8: items must be a list, not a mapping" },
	{ "item a string", "items:\n  - a.txt\n", CRIEUR_EFORMAT,
	  "2:5: item 1 must be a mapping with file: or text:, not a string" },
	{ "root a list", "- a\n- b\n", CRIEUR_EFORMAT,
	  "1:1: a bulletin script is a mapping of keys (title: ..., items: "
	  "...), not a list" },
	/* values and ranges */
	{ "gap negative", "gap: -1\n" ITEM, CRIEUR_EFORMAT,
	  "1:6: gap must be from 0 to 60 seconds, not -1" },
	{ "bed level positive", "bed:\n  file: jingles/bed.flac\n  level: 6\n"
	  ITEM, CRIEUR_EFORMAT, "3:10: bed.level must be from -60 to 0 dB, not 6" },
	{ "attack zero", "bed: {file: jingles/bed.flac, attack: 0}\n" ITEM,
	  CRIEUR_EFORMAT, "1:39: bed.attack must be from 1 to 5000 ms, not 0" },
	{ "channels 3", "output:\n  channels: 3\n" ITEM, CRIEUR_EFORMAT,
	  "2:13: output.channels must be from 1 to 2, not 3" },
	{ "quality 10", "output: {quality: 10}\n" ITEM, CRIEUR_EFORMAT,
	  "1:19: output.quality must be from 0 to 9, not 10" },
	{ "duration short", "duration: 5\n" ITEM, CRIEUR_EFORMAT,
	  "1:11: duration must be from 10 to 14400 seconds, not 5" },
	{ "format aac", "output:\n  format: aac\n" ITEM, CRIEUR_EFORMAT,
	  "2:11: output.format must be mp3, wav, flac or opus, not 'aac'" },
	{ "bitrate with wav", "output:\n  format: wav\n  bitrate: 128\n" ITEM,
	  CRIEUR_EFORMAT, "3:12: output.bitrate applies to MP3 and Opus, not "
	  "to format wav" },
	{ "quality with opus", "output:\n  format: opus\n  quality: 2\n" ITEM,
	  CRIEUR_EFORMAT, "3:12: output.quality applies to MP3 only, not to "
	  "format opus" },
	{ "samplerate for mp3", "output: {format: mp3, samplerate: 96000}\n"
	  ITEM, CRIEUR_EFORMAT, "1:35: output.samplerate 96000 is not an MP3 "
	  "rate (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)" },
	{ "loudness word", "loudness: loud\n" ITEM, CRIEUR_EFORMAT,
	  "1:11: loudness must be podcast, broadcast, none or a number of LUFS, not "
	  "'loud'" },
	{ "loudness positive", "loudness: 16\n" ITEM, CRIEUR_EFORMAT,
	  "1:11: loudness must be from -40 to -5 LUFS, not 16" },
	{ "date format", "date: 14/03/2024\n" ITEM, CRIEUR_EFORMAT,
	  "1:7: date must be a date as YYYY-MM-DD, not '14/03/2024'" },
	{ "date not a day", "date: 2023-02-29\n" ITEM, CRIEUR_EFORMAT,
	  "1:7: date '2023-02-29' is not a day of the calendar" },
	{ "language", "language: de\n" ITEM, CRIEUR_EFORMAT,
	  "1:11: language must be fr, en, fr-BE or fr-CH, not 'de'" },
	{ "voice typo", "voice: fr-anchr\n" ITEM, CRIEUR_EVOICE,
	  "1:8: voice: unknown voice 'fr-anchr' (did you mean 'fr-anchor'? "
	  "'crieur voices' lists them)" },
	{ "item voice unknown", "items:\n  - text: Bonjour.\n    voice: zz-top\n",
	  CRIEUR_EVOICE, "3:12: item 1: voice: unknown voice 'zz-top' ('crieur "
	  "voices' lists them)" },
	{ "voice file missing", "quote_voice: q.voice\n" ITEM, CRIEUR_ENOENT,
	  "1:14: quote_voice: cannot open '@/q.voice': No such file or "
	  "directory" },
	{ "base_url", "publish:\n  base_url: example.org\n" ITEM,
	  CRIEUR_EFORMAT, "2:13: publish.base_url must start with http:// or "
	  "https://, not 'example.org'" },
	{ "talkup longer than intro", "intro: jingles/intro.wav\ntalkup: 6\n"
	  ITEM, CRIEUR_EFORMAT,
	  "2:9: talkup (6 s) is longer than the intro (4.50 s)" },
	/* items */
	{ "file and text", "items:\n  - file: a.txt\n    text: Bonjour.\n",
	  CRIEUR_EFORMAT, "3:11: item 1: has both file: and text: (keep one)" },
	{ "text and file", "items:\n  - text: Bonjour.\n    file: a.txt\n",
	  CRIEUR_EFORMAT, "3:11: item 1: has both file: and text: (keep one)" },
	{ "neither file nor text", "items:\n  - file: a.txt\n  - title: X\n",
	  CRIEUR_EFORMAT, "3:5: item 2: needs file: (a statement file), "
	  "text: (inline text) or inbox: (a directory)" },
	{ "inbox not a directory", "items:\n  - inbox: s.yaml\n",
	  CRIEUR_ENOENT, "2:12: item 1: inbox: '@/s.yaml' is not a directory" },
	{ "inbox missing", "items:\n  - inbox: nowhere\n", CRIEUR_ENOENT,
	  "2:12: item 1: inbox: '@/nowhere' is not a directory: No such file "
	  "or directory" },
	{ "inbox and file", "items:\n  - inbox: .\n    file: a.txt\n",
	  CRIEUR_EFORMAT, "3:11: item 1: has both file: and inbox: (keep one)" },
	{ "max without inbox", "items:\n  - file: a.txt\n    max: 3\n",
	  CRIEUR_EFORMAT, "3:10: item 1: max: applies to an inbox: item only" },
	{ "inbox max out of range", "items:\n  - inbox: .\n    max: 0\n",
	  CRIEUR_EFORMAT, "3:10: item 1: max must be from 1 to 100 statements, "
	  "not 0" },
	{ "inbox once not a boolean", "items:\n  - inbox: .\n    once: maybe\n",
	  CRIEUR_EFORMAT, "3:11: item 1: once must be true or false, not "
	  "'maybe'" },
	{ "blank text", "items:\n  - text: \"  \\n\"\n", CRIEUR_EEMPTY,
	  "2:11: item 1: text is empty: nothing to say" },
	{ "empty items", "items: []\n", CRIEUR_EFORMAT,
	  "1:8: items is empty: a bulletin needs at least one" },
	{ "items without value", "title: x\nitems:\n", CRIEUR_EFORMAT,
	  "2:7: items is empty: a bulletin needs at least one" },
	{ "no items", "title: Soir\n", CRIEUR_EFORMAT,
	  "1:1: no items: a bulletin needs at least one (items: - file: "
	  "statement.txt)" },
	/* files */
	{ "missing statement", "items:\n  - file: a.txt\n  - file: nope.txt\n",
	  CRIEUR_ENOENT, "3:11: item 2: file: cannot open '@/nope.txt': No such "
	  "file or directory" },
	{ "statement not UTF-8", "items:\n  - file: bad.txt\n", CRIEUR_EUTF8,
	  "2:11: item 1: file: @/bad.txt: invalid UTF-8 at byte 2 (0xC3)" },
	{ "statement empty", "items:\n  - file: empty.txt\n", CRIEUR_EEMPTY,
	  "2:11: item 1: file: '@/empty.txt' is empty: nothing to say" },
	{ "missing jingle", "intro: jingles/nope.wav\n" ITEM, CRIEUR_ENOENT,
	  "1:8: intro: cannot open '@/jingles/nope.wav': No such file or "
	  "directory" },
	{ "jingle not audio", "sting: a.txt\n" ITEM, CRIEUR_EFORMAT, NULL },
	{ "missing bed", "bed: {file: jingles/nope.flac}\n" ITEM, CRIEUR_ENOENT,
	  "1:13: bed.file: cannot open '@/jingles/nope.flac': No such file or "
	  "directory" },
	{ "bed without file", "bed:\n  level: -10\n" ITEM, CRIEUR_EFORMAT,
	  "2:3: bed needs a file: (the music to play under the bulletin)" },
	{ "missing lexicon", "lexicons:\n  - fr.lex\n  - en.lex\n" ITEM,
	  CRIEUR_ENOENT, "3:5: lexicons: cannot open '@/en.lex': No such file "
	  "or directory" },
	/* YAML itself */
	{ "syntax: flow", "title: [unclosed\n" ITEM, CRIEUR_EFORMAT,
	  "2:6: YAML syntax: did not find expected ',' or ']' (while parsing a "
	  "flow sequence started at 1:8)" },
	{ "syntax: indent", "items:\n  - file: a.txt\n   title: x\n",
	  CRIEUR_EFORMAT, "3:4: YAML syntax: did not find expected '-' "
	  "indicator (while parsing a block collection started at 2:3)" },
	{ "syntax: tab", "bed:\n\tfile: x\n", CRIEUR_EFORMAT,
	  "2:1: YAML syntax: found character that cannot start any token "
	  "(while scanning for the next token started at 2:1) (YAML indents "
	  "with spaces, not tabs)" },
	{ "undefined alias", ITEM "title: *x\n", CRIEUR_EFORMAT,
	  "2:8: YAML syntax: found undefined alias" },
	{ "two documents", ITEM "---\ngap: 1\n", CRIEUR_EFORMAT,
	  "3:1: a second YAML document: a bulletin script holds one" },
	{ "control character", ITEM "title: \xC3\xA9\x01b\n", CRIEUR_EFORMAT,
	  "2:9: YAML syntax: control characters are not allowed" },
	{ "invalid UTF-8", "title: caf\xC3(\n" ITEM, CRIEUR_EUTF8,
	  "1:11: invalid UTF-8 at byte 10" },
	{ "invalid UTF-8, line 3", "title: \xC3\xA9t\xC3\xA9\n" ITEM "# \xFF\n",
	  CRIEUR_EUTF8, "3:3: invalid UTF-8 at byte 38" },
};

static void errors(void **state)
{
	int failed = 0;

	for (size_t i = 0; i < ARRAY_SIZE(error_cases); i++) {
		const struct error_case *c = &error_cases[i];

		if (c->message) {
			failed += expect_error(c->text, c->code, c->message);
			continue;
		}
		/* libsndfile's own wording varies: check the start */
		bulletin_script *s;
		char want[256];

		assert_int_equal(load(&s, c->text), c->code);
		snprintf(want, sizeof(want), "%s:1:8: sting: cannot read audio "
			 "from '%s/a.txt': ", script, dir);
		if (strncmp(err_detail(), want, strlen(want)))
			fail_msg("%s: gave '%s'", c->name, err_detail());
	}
	if (failed)
		fail_msg("%d of %zu error cases failed", failed,
			 ARRAY_SIZE(error_cases));
}

/* Errors without a position: the script itself is missing or empty. */
static void whole_file_errors(void **state)
{
	bulletin_script *s;
	char want[256];

	assert_int_equal(script_load(&s, "/no/such/bulletin.yaml"), CRIEUR_ENOENT);
	assert_null(s);
	assert_string_equal(err_detail(), "cannot open '/no/such/bulletin.yaml': "
			    "No such file or directory");
	snprintf(want, sizeof(want), "'%s' is empty: a bulletin script needs "
		 "at least items:", script);
	assert_int_equal(load(&s, ""), CRIEUR_EEMPTY);
	assert_string_equal(err_detail(), want);
	assert_int_equal(load(&s, "# only a comment\n\n"), CRIEUR_EEMPTY);
	assert_string_equal(err_detail(), want);
	write_file("s.yaml", "items: [{file: a.txt}]\n\0", 24);
	assert_int_equal(script_load(&s, script), CRIEUR_EUTF8);
	snprintf(want, sizeof(want), "%s:2:1: NUL byte at byte 23", script);
	assert_string_equal(err_detail(), want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_loads),
		cmocka_unit_test(defaults),
		cmocka_unit_test(other_forms),
		cmocka_unit_test(script_in_current_folder),
		cmocka_unit_test(override_and_dump),
		cmocka_unit_test(suggestions),
		cmocka_unit_test(errors),
		cmocka_unit_test(whole_file_errors),
	};

	return cmocka_run_group_tests_name("script", tests, setup, teardown);
}
