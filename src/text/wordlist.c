/* wordlist.c - lookups in the compiled-in word lists (see wordlist.h). */
#include "text/wordlist.h"
#include "text/fold.h"

#include <string.h>

extern const char crieur_words_fr[], crieur_words_fr_end[];
extern const char crieur_words_en[], crieur_words_en_end[];

enum { WORD_MAX = 128 };

struct list {
	const char *data, *end;
};

/* The list for a language tag, or 0. */
static int list_of(const char *lang, struct list *l)
{
	if (!lang || strlen(lang) < 2 || (lang[2] && lang[2] != '-' && lang[2] != '_'))
		return 0;
	if (!strncmp(lang, "fr", 2))
		*l = (struct list){ crieur_words_fr, crieur_words_fr_end };
	else if (!strncmp(lang, "en", 2))
		*l = (struct list){ crieur_words_en, crieur_words_en_end };
	else
		return 0;
	return 1;
}

/* The start of the line holding p. */
static const char *line_start(const struct list *l, const char *p)
{
	while (p > l->data && p[-1] != '\n')
		p--;
	return p;
}

/* Compare the key of the line at p with key[0..n). */
static int cmp_key(const char *p, const char *end, const char *key, size_t n)
{
	size_t k = 0;

	while (p + k < end && p[k] != '\t' && p[k] != '\n' && k < n) {
		if (p[k] != key[k])
			return (unsigned char)p[k] < (unsigned char)key[k] ? -1 : 1;
		k++;
	}
	if (k < n)
		return -1;                 /* the line's key is a prefix of key */
	return p + k < end && p[k] != '\t' && p[k] != '\n' ? 1 : 0;
}

/* The first line whose key is key[0..n), or NULL. */
static const char *first_line(const struct list *l, const char *key, size_t n)
{
	const char *lo = l->data, *hi = l->end;   /* answer in [lo, hi] */

	while (lo < hi) {
		const char *mid = line_start(l, lo + (hi - lo) / 2);

		if (mid < lo)
			mid = lo;
		if (cmp_key(mid, l->end, key, n) < 0) {
			const char *nl = memchr(mid, '\n', (size_t)(l->end - mid));
			lo = nl ? nl + 1 : l->end;
		} else {
			hi = mid;
		}
	}
	return lo < l->end && !cmp_key(lo, l->end, key, n) ? lo : NULL;
}

/* The word of the line at p (after the TAB, else the key), its length. */
static const char *line_word(const char *p, const char *end, size_t *n)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *tab;

	if (!nl)
		nl = end;
	tab = memchr(p, '\t', (size_t)(nl - p));
	if (tab)
		p = tab + 1;
	*n = (size_t)(nl - p);
	return p;
}

/* Whether the list writes s[0..n) in capitals (an acronym: "NATO"). */
static int all_caps(const char *s, size_t n)
{
	int upper = 0;

	for (size_t k = 0; k < n; k++) {
		if (s[k] >= 'a' && s[k] <= 'z')
			return 0;
		upper |= s[k] >= 'A' && s[k] <= 'Z';
	}
	return upper;
}

/* Search word; exact: accents must match.  Appends the found spelling to
 * out when out is not NULL. */
static int search(const char *lang, const char *word, size_t len, int exact, strbuf *out)
{
	char key[WORD_MAX], low[WORD_MAX], wlow[WORD_MAX];
	size_t nk, nl;
	const char *p, *best = NULL;
	size_t best_n = 0;
	int best_rank = 0;
	struct list l;

	if (!list_of(lang, &l) || !len || len >= WORD_MAX ||
	    (nk = fold_key(word, len, key, sizeof(key))) == (size_t)-1 ||
	    (nl = fold_lower(word, len, low, sizeof(low))) == (size_t)-1 ||
	    !(p = first_line(&l, key, nk)))
		return 0;
	while (p < l.end && !cmp_key(p, l.end, key, nk)) {
		size_t wn, wln;
		const char *w = line_word(p, l.end, &wn);
		int caps = all_caps(w, wn);

		wln = fold_lower(w, wn, wlow, sizeof(wlow));
		int same = wln == nl && !memcmp(wlow, low, nl);
		if (caps ? wn == len && !memcmp(w, word, len) : !exact || same) {
			/* the acronym, then the accents as written, then none, then any */
			int rank = caps ? 4 : same ? 3 : wn == nk && !memcmp(w, key, nk) ? 2 : 1;

			if (rank > best_rank) {
				best = w;
				best_n = wn;
				best_rank = rank;
			}
		}
		p = w + wn + 1;
	}
	if (best && out)
		sb_add(out, best, best_n);
	return best != NULL;
}

int wordlist_contains(const char *lang, const char *word, size_t len)
{
	return search(lang, word, len, 1, NULL);
}

int wordlist_find(const char *lang, const char *word, size_t len, strbuf *out)
{
	return search(lang, word, len, 0, out);
}

size_t wordlist_size(const char *lang)
{
	struct list l;
	size_t n = 0;

	if (!list_of(lang, &l))
		return 0;
	for (const char *p = l.data; p < l.end; p++)
		n += *p == '\n';
	return n;
}
