/* name_link.c - French names said without eSpeak NG's liaison
 * (name_link.h). */
#include "speech/name_link.h"
#include "base/util.h"
#include "text/tables.h"
#include "text/wordlist.h"

#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static struct table *nouns, *liaison;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* Load unlinked.tsv and liaison.tsv (built in; NULL if absent). */
static void tables_load(void)
{
	nouns = table_load("lexicon/fr/unlinked.tsv");
	liaison = table_load("lexicon/fr/liaison.tsv");
}

/* The length of the letter at s[0..n): an ASCII letter, or a Latin
 * letter of two bytes (U+00C0..U+017F, lead bytes C3..C5); 0 if none. */
static size_t letter_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];

	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return 1;
	if (c >= 0xC3 && c <= 0xC5 && n > 1 && ((unsigned char)s[1] & 0xC0) == 0x80)
		return c == 0xC3 && (unsigned char)s[1] == 0x97 ? 0 : 2;   /* not × */
	return 0;
}

/* The end of the word that starts at i (letters), i if none. */
static size_t word_end(const char *t, size_t len, size_t i)
{
	size_t k;

	while (i < len && (k = letter_len(t + i, len - i)))
		i += k;
	return i;
}

/* The start of the word that ends at e (letters before it). */
static size_t word_start(const char *t, size_t e)
{
	while (e > 0) {
		unsigned char c = (unsigned char)t[e - 1];

		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			e--;
		else if (e >= 2 && (c & 0xC0) == 0x80 && letter_len(t + e - 2, 2) == 2)
			e -= 2;
		else
			break;
	}
	return e;
}

/* The letter at s is a capital (A-Z, À-Þ). */
static int is_capital(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];

	return (c >= 'A' && c <= 'Z') ||
	       (c == 0xC3 && n > 1 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9E);
}

/* The word w[0..n) begins with a vowel or an h (ASCII or accented). */
static int vowel_initial(const char *w, size_t n)
{
	unsigned char c = (unsigned char)(w[0] | 0x20);

	if (n && strchr("aeiouyh", c))
		return 1;
	return n > 1 && (unsigned char)w[0] == 0xC3 &&
	       strchr("\x80\x82\x89\x88\x8a\x8e\x94\xa0\xa2\xa9\xa8\xaa\xab\xae\xaf\xb4\xb9\xbb",
		      w[1]) != NULL;
}

/* A name: a capital, then a small letter ("Dupont", not "ONU"). */
static int name_shape(const char *w, size_t n)
{
	size_t k = letter_len(w, n);

	return k && k < n && is_capital(w, n) && !is_capital(w + k, n - k);
}

/* w[0..n) marks a plural: a determiner of liaison.tsv that links with z
 * ("les", "des", "deux"), a number of unlinked.tsv ("mille") or a plural
 * adjective ("nouveaux", "grandes", "petits"). */
static int plural_word(const char *w, size_t n)
{
	static const char *const ends[] = { "es", "aux", "eux", "ts", "ds", "ls" };
	const struct table_row *r = liaison ? table_get_lower(liaison, w, n) : NULL;

	if (r && !strcmp(table_field(r, 1), "z"))
		return 1;
	r = nouns ? table_get_lower(nouns, w, n) : NULL;
	if (r && !strcmp(table_field(r, 1), "plural"))
		return 1;
	for (size_t k = 0; k < ARRAY_SIZE(ends); k++) {
		size_t el = strlen(ends[k]);

		if (n > el && !memcmp(w + n - el, ends[k], el))
			return 1;
	}
	return 0;
}

/* Where the words before c end, spaces skipped; 0 at the text's start. */
static size_t before_spaces(const char *t, size_t c)
{
	while (c > 0 && t[c - 1] == ' ')
		c--;
	return c;
}

/* The name or noun t[c..) follows a plural ("les Français", "les
 * États-Unis", "Les Verts"): walk back over the capitalized words before
 * it to the word that opens the phrase. */
static int after_plural(const char *t, size_t c, int name)
{
	for (;;) {
		size_t e = c, s;

		if (e > 0 && t[e - 1] == '-') {
			e--;                      /* "États-Unis" */
		} else {
			e = before_spaces(t, c);
			if (e == c)
				return 0;         /* the start, or a sign before */
		}
		s = word_start(t, e);
		if (s == e)
			return 0;
		if (plural_word(t + s, e - s))
			return 1;
		if (!name || !is_capital(t + s, e - s))
			return 0;
		c = s;
	}
}

/* The word at c begins a sentence (or the run). */
static int sentence_start(const char *t, size_t c)
{
	size_t e = before_spaces(t, c);

	if (e == 0)
		return 1;
	if (strchr(".!?:\"", t[e - 1]))
		return 1;
	return e >= 2 && !memcmp(t + e - 2, "\xc2\xab", 2);     /* « */
}

/* A word of the French list written in lower case there ("Tous", "Ils"
 * at a sentence's start), not a name or a place ("Nicolas", "Paris"). */
static int common_word(const char *w, size_t n)
{
	strbuf sb;
	int common;

	sb_init(&sb);
	common = wordlist_find("fr", w, n, &sb) && sb.len && !is_capital(sb.buf, sb.len);
	sb_release(&sb);
	return common;
}

/* The name w[0..n) ends in an s that may be said: after a consonant or
 * an e ("Valls", "Jones": eSpeak NG's liaison is the s heard), not after
 * another vowel ("Nicolas", "Dubois"). */
static int said_s(const char *w, size_t n)
{
	return n >= 2 && w[n - 1] == 's' && !strchr("aiouy", w[n - 2] | 0x20);
}

/* eSpeak NG's phonemes for the word w[0..n) before a vowel, without the
 * liaison consonant it adds ("nikol'az2" -> "nikol'a"), into out; 0 when
 * it adds none there. */
static int unlinked_phonemes(const char *w, size_t n, strbuf *out)
{
	char *probe = xcalloc(1, n + 3);
	const void *p = probe;
	const char *ph;
	size_t k;
	int ok = 0;

	memcpy(probe, w, n);
	memcpy(probe + n, " a", 3);
	ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, 0);
	k = ph ? strcspn(ph, " ") : 0;
	if (k > 2 && ph[k - 1] == '2' && strchr("ztnp", ph[k - 2]) &&
	    !memchr(ph, '(', k) && !memchr(ph, '[', k) &&
	    (memchr(ph, '\'', k - 2) || memchr(ph, ',', k - 2))) {
		sb_add(out, "[[", 2);
		sb_add(out, ph, k - 2);
		sb_add(out, "]]", 2);
		ok = 1;
	}
	free(probe);
	return ok;
}

/* The word t[s..e) is a name or a singular noun French does not link to
 * the word at nx[0..nn) (a vowel after it); c is where its compound
 * begins ("Saint-Denis"). */
static int unlinked(const char *t, size_t c, size_t s, size_t e, const char *nx, size_t nn)
{
	const struct table_row *r;

	if (name_shape(t + c, e - c)) {
		r = nouns ? table_get_lower(nouns, t + s, e - s) : NULL;
		if (after_plural(t, c, 1) || said_s(t + s, e - s) ||
		    (r && !strcmp(table_field(r, 1), "link") && is_capital(nx, nn)))
			return 0;
		return !(sentence_start(t, c) && common_word(t + c, e - c));
	}
	if (c != s || is_capital(t + s, e - s) || !nouns ||
	    !(r = table_get(nouns, t + s, e - s)) || strcmp(table_field(r, 1), "noun"))
		return 0;
	if (strlen(table_field(r, 2)) == nn && !memcmp(table_field(r, 2), nx, nn))
		return 0;                         /* "le cas échéant" */
	return !after_plural(t, c, 0);
}

/* Walk the plain words of text (outside [[phonemes]]); each name or noun
 * eSpeak NG would link goes into out as its unlinked phonemes. */
static int walk(const char *text, size_t len, strbuf *out)
{
	size_t i = 0, from = 0;
	int changed = 0;

	while (i < len) {
		if (i + 1 < len && text[i] == '[' && text[i + 1] == '[') {
			const char *close = strstr(text + i, "]]");
			i = close && (size_t)(close - text) < len ? (size_t)(close - text) + 2 : len;
			continue;
		}
		size_t s = i, e = word_end(text, len, i), c = s, n, ne;

		if (e == s) {
			i++;
			continue;
		}
		i = e;
		while (c >= 2 && text[c - 1] == '-' && word_start(text, c - 1) < c - 1)
			c = word_start(text, c - 1);
		for (n = e; n < len && text[n] == ' '; n++)
			;
		ne = word_end(text, len, n);
		if (n == e || ne == n || !vowel_initial(text + n, ne - n) ||
		    (e < len && text[e] != ' '))
			continue;
		if (!unlinked(text, c, s, e, text + n, ne - n))
			continue;
		size_t before = out->len;

		sb_add(out, text + from, c - from);
		if (!unlinked_phonemes(text + c, e - c, out)) {
			sb_truncate(out, before);
			continue;
		}
		from = e;
		changed = 1;
	}
	if (changed)
		sb_add(out, text + from, len - from);
	return changed;
}

int name_link(const voice *v, const char *text, size_t len, strbuf *out)
{
	size_t before = out->len;

	if (strncmp(v->language, "fr", 2))
		return 0;
	pthread_once(&tables_once, tables_load);
	if (walk(text, len, out))
		return 1;
	sb_truncate(out, before);
	return 0;
}
