/* foreign_say_src.c - the letters of a foreign name that French radio
 * reads as written where the source language's voice says them
 * otherwise: German s, Nordic soft g, vocalized r and ie (see
 * foreign_ph.h). */
#include "speech/foreign_ph.h"
#include "base/util.h"
#include "text/foreign.h"
#include "text/utf8.h"

#include <stdint.h>
#include <string.h>

/* Whether cp is a vowel letter of the Latin languages the rules here
 * read (y too: Nordic y is a vowel). */
static int vowel_letter(uint32_t cp)
{
	static const uint32_t v[] = { 'a', 'e', 'i', 'o', 'u', 'y', 0xE0, 0xE1, 0xE2, 0xE4,
		0xE5, 0xE6, 0xE8, 0xE9, 0xEA, 0xED, 0xF3, 0xF4, 0xF6, 0xF8, 0xFA, 0xFC };

	for (size_t i = 0; i < ARRAY_SIZE(v); i++)
		if (v[i] == cp)
			return 1;
	return 0;
}

/* A German s said z at the start of a syllable after a consonant
 * (Ursula, Elsa, Hansen) is said s, as French reads the letter there;
 * between vowels French says z too, and a surname's first s stays as
 * French radio says it (Söder, Seehofer "zé-"). */
static void german_s(struct ph *p, size_t n)
{
	for (size_t k = 1; k < n; k++)
		if (!strcmp(p[k].s, "z") && ph_is_cons(p[k - 1].s) && strcmp(p[k - 1].s, "h"))
			strcpy(p[k].s, "s");
}

/* The vowel letter groups of cps[0..nc) into start/len: their number. */
static size_t letter_groups(const uint32_t *cps, size_t nc, size_t *start, size_t *len)
{
	size_t ng = 0;

	for (size_t i = 0; i < nc && ng < MAX_PH; i++) {
		if (!vowel_letter(cps[i]))
			continue;
		if (ng && start[ng - 1] + len[ng - 1] == i) {
			len[ng - 1]++;
			continue;
		}
		start[ng] = i;
		len[ng++] = 1;
	}
	return ng;
}

/* The vowel runs of p[0..n) into start/end (one past): their number. */
static size_t vowel_runs(const struct ph *p, size_t n, size_t *start, size_t *end)
{
	size_t nr = 0;

	for (size_t k = 0; k < n && nr < MAX_PH; k++) {
		if (!ph_is_vowel(p[k].s))
			continue;
		if (nr && end[nr - 1] == k) {
			end[nr - 1]++;
			continue;
		}
		start[nr] = k;
		end[nr++] = k + 1;
	}
	return nr;
}

/* The Nordic rule for one vowel run p[s..e) written as the letter group
 * cps[gs..ge): a written g after it said as a glide is g (Vestager, Fogh,
 * Magnus); a written r after it is said (Kierkegaard "-gard", Margrethe),
 * after it, not before (Danish er: Anders "an-dèrs"); ie is i
 * (Kierkegaard "kir-"). */
static void nordic_run(const uint32_t *cps, size_t nc, size_t gs, size_t ge, struct ph *p,
		      size_t *n, size_t s, size_t e)
{
	uint32_t after = ge < nc ? cps[ge] : 0, before = gs ? cps[gs - 1] : 0;
	const char *next = e < *n ? p[e].s : "";

	if (after == 'g' && ph_is_glide(next)) {
		strcpy(p[e].s, "g");
		return;
	}
	if (ge - gs == 2 && cps[gs] == 'i' && cps[gs + 1] == 'e' && e - s == 2) {
		ph_drop(p, n, s + 1);
		return;
	}
	if (after != 'r' || !strcmp(next, "r") || *n >= MAX_PH - 4)
		return;
	if (before != 'r' && s && e - s == 1 && !strcmp(p[s - 1].s, "r")) {
		struct ph v = p[s];                      /* Danish er said "re" */
		p[s] = p[s - 1];
		p[s - 1] = v;
		return;
	}
	if (ge + 1 < nc && vowel_letter(cps[ge + 1]))
		return;               /* r before a vowel: said where it is */
	memmove(p + e + 1, p + e, (*n - e) * sizeof(*p));
	memset(&p[e], 0, sizeof(p[e]));
	strcpy(p[e].s, "r");
	(*n)++;
}

/* Nordic letters French radio reads as written (nordic_run()), when the
 * word's vowel letter groups pair with the vowel runs of p. */
static void nordic_letters(const char *word, struct ph *p, size_t *n)
{
	uint32_t cps[MAX_PH];
	size_t gs[MAX_PH], gl[MAX_PH], rs[MAX_PH], re[MAX_PH];
	size_t nc = word_cps(word, cps), ng = letter_groups(cps, nc, gs, gl);

	if (ng != vowel_runs(p, *n, rs, re))
		return;
	for (size_t g = ng; g-- > 0;)       /* from the end: the runs before */
		nordic_run(cps, nc, gs[g], gs[g] + gl[g], p, n, rs[g], re[g]);  /* stay */
}

void final_ing(const char *word, struct ph *p, size_t *n)
{
	if (*n >= 3 && word_ends_with(word, "ing") && ph_is_vowel(p[*n - 3].s) &&
	    !strcmp(p[*n - 2].s, "n") && !strcmp(p[*n - 1].s, "g")) {
		strcpy(p[*n - 2].s, "N");
		(*n)--;
	}
}

/* English names as French radio reads their letters, when the word's
 * vowel letter groups (a final silent e aside) pair with the vowel runs:
 * ei before r said as in "their" is i (Keir "kir", Weir); a u before one
 * consonant letter and a vowel letter is ou, not the eu of Trump, Truss
 * (Sunak "sounak", Sununu); a final ay is è (May, Clay), kept open at the
 * end of the word (fixed 2), without its glide. */
static void english_letters_fr(const char *word, struct ph *p, size_t *n)
{
	uint32_t cps[MAX_PH];
	size_t gs[MAX_PH], gl[MAX_PH], rs[MAX_PH], re[MAX_PH];
	size_t nc = word_cps(word, cps), ng = letter_groups(cps, nc, gs, gl);
	size_t nr = vowel_runs(p, *n, rs, re);

	if (ng == nr + 1 && nc > 2 && gs[ng - 1] == nc - 1 && gl[ng - 1] == 1 && cps[nc - 1] == 'e')
		ng--;                                   /* Mike, Jake */
	if (ng != nr)
		return;
	for (size_t g = 0; g < ng; g++) {
		size_t a = gs[g], e = a + gl[g];
		struct ph *v = &p[rs[g]];
		if (re[g] - rs[g] != 1)
			continue;
		if (gl[g] == 2 && cps[a] == 'e' && cps[a + 1] == 'i' && e < nc && cps[e] == 'r' &&
		    (!strcmp(v->s, "E") || !strcmp(v->s, "e")))
			strcpy(v->s, "i");
		else if (gl[g] == 1 && cps[a] == 'u' && !strcmp(v->s, "Y") && e + 1 < nc &&
			 !vowel_letter(cps[e]) && vowel_letter(cps[e + 1]))
			strcpy(v->s, "u");
		else if (gl[g] == 2 && e == nc && cps[a] == 'a' && cps[a + 1] == 'y' &&
			 !strcmp(v->s, "e")) {
			strcpy(v->s, "E");
			v->fixed = 2;
			if (re[g] < *n && !strcmp(p[re[g]].s, "j"))
				ph_drop(p, n, re[g]);           /* May: no "mèï" */
		}
	}
}

void source_letters(const char *tag, const char *word, struct ph *p, size_t *n)
{
	if (!strcmp(tag, "en"))
		english_letters_fr(word, p, n);
	final_ing(word, p, n);
	if (!strcmp(tag, "de"))
		german_s(p, *n);
	else if (!strcmp(tag, "da") || !strcmp(tag, "nb") || !strcmp(tag, "sv"))
		nordic_letters(word, p, n);
}
