/* suggest.c - the closest name to a typo, by edit distance. */
#include "base/suggest.h"

#include <string.h>

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

size_t suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64], diag, up;

	if (la >= 63 || lb >= 63)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = diag + (lower(a[i - 1]) != lower(b[j - 1]));

			up = row[j];
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
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
