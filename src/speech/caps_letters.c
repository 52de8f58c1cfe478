/* caps_letters.c - capital abbreviations said as letters (caps_letters.h). */
#include "speech/caps_letters.h"
#include "base/util.h"

#include <espeak-ng/speak_lib.h>
#include <stdlib.h>
#include <string.h>

/* A carrier clause long enough in lower case for eSpeak NG to spell. */
#define CARRIER_BEFORE "and then the "
#define CARRIER_AFTER " was said here"

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_alpha(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* A byte that ends an eSpeak NG clause. */
static int clause_mark(char c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
}

/* The IPA eSpeak NG says for s, without stress marks and spaces, in out. */
static void ipa_plain(const char *s, strbuf *out)
{
	char *copy = xstrdup(s);
	const void *p = copy;

	sb_reset(out);
	while (p) {
		const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8,
						       espeakPHONEMES_IPA);

		for (; ph && *ph; ph++)
			if (*ph != ' ' && strncmp(ph, "ˈ", 2) && strncmp(ph, "ˌ", 2))
				sb_addch(out, *ph);
			else if (*ph != ' ')
				ph++;            /* the second byte of a stress mark */
	}
	free(copy);
}

/* Append the letters of w[0..n) spaced, "A" marked so that it is not the
 * article ("A- M"). */
static void add_letters(strbuf *out, const char *w, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (k)
			sb_addch(out, ' ');
		sb_addch(out, w[k]);
		if (w[k] == 'A' && k + 1 < n)
			sb_addch(out, '-');
	}
}

/* Does eSpeak NG spell w[0..n) in a long lower-case clause? */
static int spelled_in_running_text(const char *w, size_t n)
{
	strbuf text, a, b;
	int same;

	sb_init(&text);
	sb_init(&a);
	sb_init(&b);
	sb_adds(&text, CARRIER_BEFORE);
	sb_add(&text, w, n);
	sb_adds(&text, CARRIER_AFTER);
	ipa_plain(sb_cstr(&text), &a);
	sb_reset(&text);
	sb_adds(&text, CARRIER_BEFORE);
	add_letters(&text, w, n);
	sb_adds(&text, CARRIER_AFTER);
	ipa_plain(sb_cstr(&text), &b);
	same = a.len == b.len && !memcmp(a.buf, b.buf, a.len);
	sb_release(&text);
	sb_release(&a);
	sb_release(&b);
	return same;
}

/* Would eSpeak NG spell a short capital word in the clause c[0..n)?  Only
 * with more than three lower-case letters and no more capitals. */
static int clause_spells(const char *c, size_t n)
{
	size_t lower = 0, upper = 0;

	for (size_t i = 0; i < n; i++) {
		lower += c[i] >= 'a' && c[i] <= 'z';
		upper += is_upper(c[i]);
	}
	return lower > 3 && upper <= lower;
}

/* The end of the clause that starts at i (its mark, or len). */
static size_t clause_end(const char *text, size_t len, size_t i)
{
	while (i < len && !(clause_mark(text[i]) &&
			    (i + 1 == len || text[i + 1] == ' ')))
		i++;
	return i;
}

/* Rewrite the short capital words of clause [s, e) into out, after the
 * text since *from; 1 if one was spelled. */
static int spell_clause(const char *text, size_t s, size_t e, size_t *from,
			strbuf *out)
{
	int changed = 0;

	for (size_t i = s; i < e;) {
		size_t w = i;

		while (i < e && is_upper(text[i]))
			i++;
		if (i == w) {
			i++;
			continue;
		}
		int whole = (w == s || !is_alpha(text[w - 1])) &&
			(i == e || !is_alpha(text[i]));
		if (!whole || i - w < 2 || i - w > 3 ||
		    !spelled_in_running_text(text + w, i - w))
			continue;
		sb_add(out, text + *from, w - *from);
		add_letters(out, text + w, i - w);
		*from = i;
		changed = 1;
	}
	return changed;
}

int caps_letters(const voice *v, const char *text, size_t len, strbuf *out)
{
	size_t i = 0, from = 0, before = out->len;
	int changed = 0;

	if (strncmp(v->language, "en", 2))
		return 0;
	while (i < len) {
		if (i + 1 < len && text[i] == '[' && text[i + 1] == '[') {
			const char *close = strstr(text + i, "]]");

			i = close && (size_t)(close - text) < len ? (size_t)(close - text) + 2 : len;
			continue;
		}
		size_t e = clause_end(text, len, i);
		const char *open = memchr(text + i, '[', e - i);

		if (open && open + 1 < text + len && open[1] == '[')
			e = (size_t)(open - text);   /* up to the phonemes */
		if (!clause_spells(text + i, e - i))
			changed |= spell_clause(text, i, e, &from, out);
		i = e < len && text[e] != '[' ? e + 1 : e;
	}
	if (!changed) {
		sb_truncate(out, before);
		return 0;
	}
	sb_add(out, text + from, len - from);
	return 1;
}
