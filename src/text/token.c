/* token.c - typography mapping and tokenization with source spans. */
#include "text/token.h"
#include "text/utf8.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

/* One typographic variant and its ASCII replacement. */
struct cp_map {
	uint32_t cp;
	const char *to;
};

/* Sorted by code point (tok_map_cp does a binary search). */
static const struct cp_map typo[] = {
	{ 0x00A0, " " }, { 0x00AB, "\"" }, { 0x00AD, "" }, { 0x00BB, "\"" },
	{ 0x02B3, "r" }, { 0x02BC, "'" }, { 0x02E1, "l" }, { 0x02E2, "s" },
	{ 0x1D48, "d" }, { 0x1D49, "e" }, { 0x1D4D, "g" }, { 0x1D50, "m" },
	{ 0x1D52, "o" }, { 0x1D57, "t" },
	{ 0x2000, " " }, { 0x2001, " " }, { 0x2002, " " }, { 0x2003, " " },
	{ 0x2004, " " }, { 0x2005, " " }, { 0x2006, " " }, { 0x2007, " " },
	{ 0x2008, " " }, { 0x2009, " " }, { 0x200A, " " }, { 0x200B, "" },
	{ 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" }, { 0x2013, "-" },
	{ 0x2014, "-" }, { 0x2015, "-" }, { 0x2018, "'" }, { 0x2019, "'" },
	{ 0x201C, "\"" }, { 0x201D, "\"" }, { 0x201E, "\"" }, { 0x2026, "..." },
	{ 0x2028, " " }, { 0x2029, " " }, { 0x202F, " " }, { 0x2039, "\"" },
	{ 0x203A, "\"" }, { 0x205F, " " }, { 0x2060, "" },
	{ 0x2080, "0" }, { 0x2081, "1" }, { 0x2082, "2" }, { 0x2083, "3" },
	{ 0x2084, "4" }, { 0x2085, "5" }, { 0x2086, "6" }, { 0x2087, "7" },
	{ 0x2088, "8" }, { 0x2089, "9" }, { 0x2212, "-" },
	{ 0x3000, " " }, { 0xFEFF, "" },
};

/* Map one code point through the typography table. */
int tok_map_cp(uint32_t cp, char out[4])
{
	size_t lo = 0, hi = ARRAY_SIZE(typo);

	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
		out[0] = ' ';
		return 1;
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (typo[mid].cp == cp) {
			size_t n = strlen(typo[mid].to);

			memcpy(out, typo[mid].to, n);
			return n ? (int)n : -1;
		}
		if (typo[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Start with an empty token line. */
void tok_line_init(struct tok_line *tl)
{
	memset(tl, 0, sizeof(*tl));
}

/* Free what a token line holds and leave it empty. */
void tok_line_release(struct tok_line *tl)
{
	free(tl->tok);
	free(tl->text);
	free(tl->src);
	tok_line_init(tl);
}

/* Append bytes s[0..n) from original offset at to the mapped text. */
static void map_add(struct tok_line *tl, const char *s, size_t n, size_t at)
{
	for (size_t k = 0; k < n; k++) {
		tl->text[tl->text_len] = s[k];
		tl->src[tl->text_len++] = at;
	}
}

/* Build tl->text (typography mapped) and tl->src from in. */
static void map_line(struct tok_line *tl, const char *in, size_t len)
{
	size_t need = len + 4, i = 0;   /* mapping never lengthens text */

	if (need > tl->text_cap) {
		tl->text = xrealloc(tl->text, need);
		tl->src = xrealloc(tl->src, need * sizeof(size_t));
		tl->text_cap = need;
	}
	tl->text_len = 0;
	while (i < len) {
		uint32_t cp;
		char rep[4];
		unsigned char c = (unsigned char)in[i];
		int n, r;

		if (c >= 0x20 && c < 0x7F) {          /* plain ASCII: fast path */
			tl->text[tl->text_len] = (char)c;
			tl->src[tl->text_len++] = i++;
			continue;
		}
		n = utf8_decode(in + i, len - i, &cp);

		if (n <= 0) {
			map_add(tl, " ", 1, i++);
			continue;
		}
		r = n == 1 && cp >= 0x20 && cp < 0x7F ? 0 : tok_map_cp(cp, rep);
		if (r > 0)
			map_add(tl, rep, (size_t)r, i);
		else if (r == 0)
			map_add(tl, in + i, (size_t)n, i);
		i += (size_t)n;
	}
	tl->src[tl->text_len] = len;
	tl->text[tl->text_len] = '\0';
}

/* Character class of the code point at s: 'd' digit, 'l' letter, 's'
 * space, 'p' punctuation.  *n gets its length in bytes. */
static char cp_class(const char *s, size_t left, size_t *n)
{
	unsigned char c = (unsigned char)*s;
	uint32_t cp;
	int k;

	*n = 1;
	if (c < 0x80) {
		if (c >= '0' && c <= '9')
			return 'd';
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			return 'l';
		return c == ' ' ? 's' : 'p';
	}
	k = utf8_decode(s, left, &cp);
	if (k <= 0)
		return 's';
	*n = (size_t)k;
	if (cp == 0xD7 || cp == 0xF7 || (cp >= 0xA1 && cp <= 0xBF))
		return 'p';              /* Latin-1 signs: £ ° ² ³ § × ... */
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0xFE00 && cp <= 0xFE0F))
		return 'p';              /* € ™ → arrows, emoji, variation selectors */
	return 'l';
}

/* Word flags (TF_UPPER, TF_CAPS, TF_ASCII) of s[0..n). */
static unsigned word_flags(const char *s, size_t n)
{
	unsigned f = TF_ASCII | TF_CAPS;
	int letters = 0;

	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];

		if (c >= 0x80) {
			f &= ~(unsigned)TF_ASCII;
			if (c == 0xC3 && k + 1 < n) {  /* Latin-1 letters */
				unsigned char d = (unsigned char)s[k + 1];

				if (k == 0 && d >= 0x80 && d < 0x9F)
					f |= TF_UPPER;
				if (d >= 0xA0)
					f &= ~(unsigned)TF_CAPS;
				letters++;
				k++;
			}
			continue;
		}
		letters++;
		if (c >= 'A' && c <= 'Z') {
			if (k == 0)
				f |= TF_UPPER;
		} else {
			f &= ~(unsigned)TF_CAPS;
		}
	}
	if (!letters || !(f & TF_UPPER))
		f &= ~(unsigned)TF_CAPS;
	return f;
}

/* Append one token to tl. */
static void push(struct tok_line *tl, enum tok_kind kind, size_t a, size_t b,
		 unsigned flags)
{
	struct token *t;

	if (tl->n == tl->cap) {
		tl->cap = tl->cap ? tl->cap * 2 : 64;
		tl->tok = xrealloc(tl->tok, tl->cap * sizeof(*tl->tok));
	}
	t = &tl->tok[tl->n++];
	t->kind = kind;
	t->text = tl->text + a;
	t->len = b - a;
	t->start = tl->src[a];
	t->end = tl->src[b];   /* where the next source character begins */
	for (size_t k = b; t->end == t->start && k < tl->text_len; k++)
		t->end = tl->src[k + 1];   /* part of a mapped "...": whole char */
	if (kind == TOK_WORD)
		flags |= word_flags(t->text, t->len);
	if (tl->n == 1)
		flags |= TF_FIRST;
	t->flags = flags;
}

/* Map typography, then cut the line into tokens. */
void tok_split(struct tok_line *tl, const char *in, size_t len)
{
	size_t i = 0, n;
	unsigned space = 0;

	map_line(tl, in, len);
	tl->n = 0;
	while (i < tl->text_len) {
		const char *s = tl->text + i;
		char cls = cp_class(s, tl->text_len - i, &n);
		size_t a = i;

		if (cls == 's') {
			space = TF_SPACE;
			i += n;
			continue;
		}
		i += n;
		if (cls != 'p') {
			size_t m;

			while (i < tl->text_len &&
			       cp_class(tl->text + i, tl->text_len - i, &m) == cls)
				i += m;
		}
		push(tl, cls == 'd' ? TOK_NUM : cls == 'l' ? TOK_WORD : TOK_PUNCT,
		     a, i, space);
		space = 0;
	}
}

/* Token i has this kind (and text, when given). */
int tok_is(const struct tok_line *tl, size_t i, enum tok_kind kind, const char *text)
{
	if (i >= tl->n || tl->tok[i].kind != kind)
		return 0;
	return !text || (strlen(text) == tl->tok[i].len &&
			 !memcmp(text, tl->tok[i].text, tl->tok[i].len));
}

/* Token i is the one-byte punctuation c. */
int tok_is_punct(const struct tok_line *tl, size_t i, char c)
{
	return i < tl->n && tl->tok[i].kind == TOK_PUNCT &&
		tl->tok[i].len == 1 && tl->tok[i].text[0] == c;
}

/* Token i follows the one before with no white space. */
int tok_glued(const struct tok_line *tl, size_t i)
{
	return i < tl->n && i > 0 && !(tl->tok[i].flags & TF_SPACE);
}

/* Compare a token with s, ignoring ASCII case. */
int tok_eq_ci(const struct token *t, const char *s)
{
	size_t n = strlen(s);

	if (n != t->len)
		return 0;
	for (size_t k = 0; k < n; k++) {
		char a = t->text[k], b = s[k];

		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (char)(b + 32);
		if (a != b)
			return 0;
	}
	return 1;
}
