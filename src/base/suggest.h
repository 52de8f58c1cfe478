/* suggest.h - "did you mean ...?": the closest of a set of names. */
#ifndef CRIEUR_SUGGEST_H
#define CRIEUR_SUGGEST_H

#include <stddef.h>

/* Edit distance between a and b: insertions, deletions, substitutions
 * and swaps of two neighbours each count one; ASCII case is ignored;
 * (size_t)-1 when either is 63 bytes or longer. */
size_t suggest_distance(const char *a, const char *b);

/* The name among cand[0..n) closest to word when it is close enough to
 * be a likely typo (one edit in a word of up to 4 bytes, two in a longer
 * one), else NULL.  The first of equally close names wins. */
const char *suggest_closest(const char *word, const char *const *cand,
			    size_t n);

#endif
