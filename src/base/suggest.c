/* suggest.c - the closest name to a typo, by edit distance (Levenshtein
 * with transpositions: optimal string alignment). */
#include "base/suggest.h"

#include <string.h>

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

size_t suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), rows[3][64];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *t;

	if (la >= 63 || lb >= 63)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			int same = lower(a[i - 1]) == lower(b[j - 1]);
			size_t best = prev[j - 1] + !same;

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			/* two neighbours swapped count as one edit */
			if (i > 1 && j > 1 && !same &&
			    lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const char *suggest_closest(const char *word, const char *const *cand,
			    size_t n)
{
	size_t best = (size_t)-1, limit = strlen(word) <= 4 ? 1 : 2;
	const char *found = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t d = suggest_distance(word, cand[i]);

		if (d < best) {
			best = d;
			found = cand[i];
		}
	}
	return best <= limit ? found : NULL;
}
