/* test_golden.c - the normalizer against the tests/golden TSV files.
 *
 * Each file holds `category<TAB>written<TAB>gold | other gold` lines ('#'
 * starts a comment), the format ../shared/tools/tn-score reads.  The
 * language comes from the file name: "fr-BE.tsv" -> fr-BE, "fr.tsv" or
 * "fr_dates.tsv" -> fr, "en.tsv" -> en.  A case passes when the output
 * equals one gold form after tn-score's text canonicalisation (lower case,
 * every run of non-word characters -> one space, trimmed).  Every failure
 * is reported as file:line.
 *
 * The files in tests/golden/said are checked end to end, as `tn-score --said`
 * does: the line goes through the normalizer with the built-in lexicon
 * and the foreign names, made as `crieur phonemes` makes it (first
 * mentions expanded, in file order)
 * and eSpeak NG; it passes when its IPA equals the IPA eSpeak NG gives a
 * gold form, stress, length, schwa, spaces and punctuation aside.  Run
 * from the top of the tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/util.h"
#include "speech/phonemes.h"
#include "speech/voice.h"
#include "speech/chain.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/utf8.h"

/* A word character for tn-score's \w: letters and digits of any script. */
static int is_word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
			cp == '_';
	if (cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 || cp == 0xBA)
		return 1;
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return 0;
	return !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F);
}

/* Lower-case a code point (ASCII, Latin-1, Latin Extended-A pairs). */
static uint32_t lower_cp(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp >= 0x100 && cp <= 0x17F && !(cp & 1))
		return cp + 1;
	return cp;
}

/* tn-score's canon_text(): lower case, non-word runs -> ' ', trimmed. */
static void canon(const char *s, size_t n, strbuf *out)
{
	size_t i = 0;
	int gap = 0;

	sb_reset(out);
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		char enc[4];

		if (k <= 0) {
			cp = ' ';
			k = 1;
		}
		i += (size_t)k;
		if (!is_word_cp(cp)) {
			gap = 1;
			continue;
		}
		if (gap && out->len)
			sb_addch(out, ' ');
		gap = 0;
		sb_add(out, enc, (size_t)utf8_encode(lower_cp(cp), enc));
	}
}

/* The language of a golden file from its name. */
static void lang_of(const char *path, char *lang, size_t cap)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strcspn(base, "._");
	if (n >= cap)
		n = cap - 1;
	memcpy(lang, base, n);
	lang[n] = '\0';
}

/* Does out match one of the " | "-separated golds? */
static int matches(const char *out, size_t outlen, char *golds)
{
	strbuf a, b;
	int ok = 0;

	sb_init(&a);
	sb_init(&b);
	canon(out, outlen, &a);
	for (char *g = golds, *next; g && !ok; g = next) {
		next = strstr(g, " | ");
		size_t n = next ? (size_t)(next - g) : strlen(g);
		if (next)
			next += 3;
		canon(g, n, &b);
		ok = a.len == b.len && !memcmp(sb_cstr(&a), sb_cstr(&b), a.len);
	}
	sb_release(&a);
	sb_release(&b);
	return ok;
}

/* Check one golden file; returns the number of failures, *cases counts. */
static int check_file(const char *path, int *cases)
{
	char lang[16], *data, *line, *next;
	size_t len, lineno = 0;
	normalizer *n;
	strbuf out;
	int fails = 0;

	lang_of(path, lang, sizeof(lang));
	if (norm_new(&n, lang)) {
		print_error("%s: no normalizer for language '%s'\n", path, lang);
		return 1;
	}
	assert_int_equal(read_file(path, &data, &len), 0);
	sb_init(&out);
	for (line = data; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (line[0] == '#' || !t1 || !t2)
			continue;
		*t2 = '\0';
		char *written = t1 + 1, *gold = t2 + 1, *tab = strchr(gold, '\t');
		if (tab)
			*tab = '\0';
		sb_reset(&out);
		norm_line(n, written, strlen(written), &out);
		(*cases)++;
		if (!matches(sb_cstr(&out), out.len, gold)) {
			fails++;
			print_message("%s:%zu: '%s'\n  got  '%s'\n  want '%s'\n", path, lineno,
				      written, sb_cstr(&out), gold);
		}
	}
	sb_release(&out);
	free(data);
	norm_free(n);
	return fails;
}

/* tn-score's IPA_NOISE removed: stress, length, schwa, spaces, marks and
 * the "(en)" language switches; the result in out. */
static void ipa_canon(const char *s, strbuf *out)
{
	static const char *const noise[] = { "ˈ", "ˌ", "ː", "ə", "«", "»", "‿" };

	sb_reset(out);
	while (*s) {
		size_t k = 0;

		if (*s == '(' && s[1] >= 'a' && s[1] <= 'z') {
			while (s[1 + k] >= 'a' && s[1 + k] <= 'z')
				k++;
			if ((k == 2 || k == 3) && s[1 + k] == ')') {
				s += k + 2;
				continue;
			}
		}
		if (strchr("-.,;:!?\"'()_| \t\n", *s)) {
			s++;
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(noise); k++)
			if (!strncmp(s, noise[k], strlen(noise[k])))
				break;
		if (k < ARRAY_SIZE(noise)) {
			s += strlen(noise[k]);
			continue;
		}
		sb_addch(out, *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s);
		s++;
	}
}

/* The canonical IPA eSpeak NG says for text (already normalized). */
static void said(const char *text, size_t n, const voice *v, strbuf *ipa, strbuf *out)
{
	sb_reset(ipa);
	assert_int_equal(phon_ipa(text, n, v, ipa), 0);
	ipa_canon(sb_cstr(ipa), out);
}

/* Check one said file end to end; the number of failures. */
static int check_said(const char *path, int *cases)
{
	char lang[16], *data, *line, *next;
	size_t len, lineno = 0;
	normalizer *n;
	lexicon *lex;
	voice v;
	strbuf out, ipa, got, want;
	speech_options so = SPEECH_OPTIONS_INIT;
	int fails = 0;

	lang_of(path, lang, sizeof(lang));
	assert_int_equal(phon_lexicon_new(&lex, lang), 0);
	assert_int_equal(speech_normalizer_new(&n, &so, lang, lex), 0);   /* as phonemes */
	assert_int_equal(voice_load(&v, voice_default_for(lang)), 0);
	assert_int_equal(read_file(path, &data, &len), 0);
	sb_init(&out);
	sb_init(&ipa);
	sb_init(&got);
	sb_init(&want);
	for (line = data; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (line[0] == '#' || !t1 || !t2)
			continue;
		*t2 = '\0';
		char *written = t1 + 1, *gold = t2 + 1;
		int ok = 0;

		sb_reset(&out);
		norm_line(n, written, strlen(written), &out);
		said(sb_cstr(&out), out.len, &v, &ipa, &got);
		for (char *g = gold, *gn; g && !ok; g = gn) {
			gn = strstr(g, " | ");
			if (gn)
				*gn = '\0', gn += 3;
			said(g, strlen(g), &v, &ipa, &want);
			ok = !strcmp(sb_cstr(&got), sb_cstr(&want));
		}
		(*cases)++;
		if (!ok) {
			fails++;
			print_message("%s:%zu: '%s'\n  said '%s' /%s/\n  want /%s/\n", path, lineno,
				      written, sb_cstr(&out), sb_cstr(&got), sb_cstr(&want));
		}
	}
	sb_release(&out);
	sb_release(&ipa);
	sb_release(&got);
	sb_release(&want);
	free(data);
	lex_free(lex);
	norm_free(n);
	return fails;
}

/* Check every file matching pattern with check; the number of cases. */
static int check_glob(const char *pattern, int (*check)(const char *, int *), int *fails)
{
	glob_t g;
	int cases = 0;

	if (glob(pattern, 0, NULL, &g)) {
		print_message("no %s (run from the top of the tree)\n", pattern);
		fail();
	}
	for (size_t i = 0; i < g.gl_pathc; i++) {
		int c = 0, f = check(g.gl_pathv[i], &c);

		print_message("%s: %d/%d cases pass\n", g.gl_pathv[i], c - f, c);
		*fails += f;
		cases += c;
	}
	globfree(&g);
	return cases;
}

/* Every golden TSV file, every case. */
static void golden_all_files(void **state)
{
	int fails = 0;

	check_glob("tests/golden/*.tsv", check_file, &fails);
	assert_int_equal(fails, 0);
}

/* Every said file (tests/golden/said), every case, end to end. */
static void golden_said_files(void **state)
{
	int fails = 0;

	assert_true(check_glob("tests/golden/said/*.tsv", check_said, &fails) >= 250);
	assert_int_equal(fails, 0);
}

/* The canonicalisation agrees with tn-score's on a few strings. */
static void golden_canon(void **state)
{
	strbuf sb;

	sb_init(&sb);
	canon("Vingt-et-Une  heures !", 22, &sb);
	assert_string_equal(sb_cstr(&sb), "vingt et une heures");
	canon("« L’OTAN »", strlen("« L’OTAN »"), &sb);
	assert_string_equal(sb_cstr(&sb), "l otan");
	canon("ÉTÉ", strlen("ÉTÉ"), &sb);
	assert_string_equal(sb_cstr(&sb), "été");
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(golden_canon),
		cmocka_unit_test(golden_all_files),
		cmocka_unit_test(golden_said_files),
	};

	return cmocka_run_group_tests_name("golden", tests, NULL, NULL);
}
