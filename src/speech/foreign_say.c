/* foreign_say.c - eSpeak NG's pronunciation of a name in its language,
 * mapped onto French phonemes (see foreign_say.h). */
#include "speech/foreign_say.h"
#include "speech/foreign_ph.h"
#include "base/embed.h"
#include "base/util.h"
#include "speech/synth.h"
#include "text/foreign.h"
#include "text/utf8.h"

#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { KEY_MAX = 16 };

/* ---- maps --------------------------------------------------------------- */

struct map_row {
	char ipa[KEY_MAX];
	size_t len;
	char fr[24];
};

struct map {
	char tag[8];
	int en;                /* onto English phonemes (map_en/), else French */
	struct map_row *row;   /* the language's rows, then common.tsv's */
	size_t n, cap;
	int loaded;
};

static struct map maps[2 * FOREIGN_MAX_LANGS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Add the rows of the embedded map at path to m. */
static void map_add(struct map *m, const char *path)
{
	size_t len;
	const char *data = embed_get(path, &len);
	const char *p, *end;

	if (!data)
		return;
	for (p = data, end = data + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end, *tab = memchr(p, '\t', (size_t)(eol - p));

		if (*p != '#' && tab && tab > p && (size_t)(tab - p) < KEY_MAX &&
		    (size_t)(eol - tab - 1) < sizeof(m->row[0].fr)) {
			struct map_row *r;
			if (m->n == m->cap) {
				m->cap = m->cap ? m->cap * 2 : 128;
				m->row = xrealloc(m->row, m->cap * sizeof(*m->row));
			}
			r = &m->row[m->n++];
			r->len = (size_t)(tab - p);
			memcpy(r->ipa, p, r->len);
			r->ipa[r->len] = '\0';
			snprintf(r->fr, sizeof(r->fr), "%.*s", (int)(eol - tab - 1), tab + 1);
		}
		p = eol + 1;
	}
}

/* The map of language tag onto French phonemes (lexicon/foreign/map/) or,
 * en set, English ones (map_en/), loaded on first use. */
static struct map *map_get(const char *tag, int en)
{
	const char *dir = en ? "lexicon/foreign/map_en" : "lexicon/foreign/map";
	char path[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(maps) && maps[i].tag[0]; i++)
		if (!strcmp(maps[i].tag, tag) && maps[i].en == en)
			return &maps[i];
	if (i == ARRAY_SIZE(maps))
		return NULL;
	snprintf(maps[i].tag, sizeof(maps[i].tag), "%s", tag);
	maps[i].en = en;
	snprintf(path, sizeof(path), "%s/%s.tsv", dir, tag);
	map_add(&maps[i], path);
	snprintf(path, sizeof(path), "%s/common.tsv", dir);
	map_add(&maps[i], path);
	return &maps[i];
}

/* The longest row of m that starts s (the language's rows win a tie), or
 * NULL. */
static const struct map_row *map_match(const struct map *m, const char *s)
{
	const struct map_row *best = NULL;

	for (size_t i = 0; i < m->n; i++) {
		const struct map_row *r = &m->row[i];
		if ((!best || r->len > best->len) && !strncmp(s, r->ipa, r->len))
			best = r;
	}
	return best;
}

/* ---- French phonemes ---------------------------------------------------- */

/* A vowel of the maps' French phonemes or of the English ones before
 * english_rules() (I, 3: see map_en/common.tsv). */
int ph_is_vowel(const char *p)
{
	static const char *const v[] = { "a", "A~", "E", "e", "i", "o", "O", "u",
		"y", "Y", "W", "@", "E~", "O~", "W~", "I", "3", "aI", "aU", "eI", "OI" };

	for (size_t i = 0; i < ARRAY_SIZE(v); i++)
		if (!strcmp(p, v[i]))
			return 1;
	return 0;
}

int ph_is_glide(const char *p)
{
	return !strcmp(p, "j") || !strcmp(p, "w");
}

int ph_is_cons(const char *p)
{
	return *p && !ph_is_vowel(p) && !ph_is_glide(p);
}

/* The mid-vowel family of p: its open and closed forms, or 0. */
static int mid_family(const char *p, const char **open, const char **closed)
{
	static const char *const fam[][2] = { { "e", "E" }, { "o", "O" }, { "Y", "W" } };

	for (size_t i = 0; i < ARRAY_SIZE(fam); i++)
		if (!strcmp(p, fam[i][0]) || !strcmp(p, fam[i][1])) {
			*open = fam[i][0];   /* an open syllable takes the close vowel */
			*closed = fam[i][1];
			return 1;
		}
	return 0;
}

/* Whether c1 c2, then v, begin the next syllable together for a vowel
 * of family open, as French respellings are read: before o only tr, dr
 * (ko-tra, but kob-ra, kop-la); before e and eu p b t d g + r (Pé-dro,
 * Monté-négro) and p b k g f + l, not kr, vl (Turkish Èk-rem, Dèv-let). */
static int onset_pair(const char *open, const char *c1, const char *c2, const char *v)
{
	int r = !strcmp(c2, "r"), l = !strcmp(c2, "l");

	if (c1[1] || !ph_is_vowel(v))
		return 0;
	if (!strcmp(open, "o"))
		return r && strchr("td", c1[0]);
	return (r && strchr("pbtdg", c1[0])) || (l && strchr("pbkgf", c1[0]));
}

/* Whether p is an affricate (tS dZ ts dz), two consonants to French
 * syllables: ko-tcho is read kɔ. */
int ph_is_affricate(const char *p)
{
	return strlen(p) == 2 && strchr("td", p[0]) && strchr("SZsz", p[1]);
}

/* Whether the mid vowel p[k] (family open) is in a closed syllable, as
 * eSpeak NG's French voice reads a French respelling of the name: two
 * consonants after it (an onset pair aside), a long one (not after o), a final one; o
 * before an affricate, a single s (written ss: Pe-lo-si, pélossi) or a
 * vowel not final (kɔ-a-na, ko-a), an h after
 * a consonant aside (Or-han: o); eu is closed (œ) only before r
 * (treusse, nazeume, peur). */
static int closed_syllable(const struct ph *p, size_t n, size_t k, const char *open)
{
	const char *c1 = k + 1 < n ? p[k + 1].s : "", *c2 = k + 2 < n ? p[k + 2].s : "",
		*v = k + 3 < n ? p[k + 3].s : "";
	int o = !strcmp(open, "o");

	if ((o || (c1[0] && strchr("ptk", c1[0]) && !c1[1])) && ph_is_cons(c1) &&
	    !strcmp(c2, "h")) {          /* rh, th: one consonant (Margrethe) */
		c2 = v;
		v = k + 4 < n ? p[k + 4].s : "";
	}
	if (!*c1)
		return 0;
	if (ph_is_vowel(c1))                      /* ko-a, kɔ-a-na */
		return o && k + 2 < n;
	if (ph_is_glide(c1))                      /* oï is ɔj: Rajoy, Soylu */
		return o && !strcmp(c1, "j");
	if (!strcmp(open, "Y") && strcmp(c1, "r"))
		return 0;       /* eu is open (œ) only before r: "treusse", "peur" */
	if ((p[k + 1].gem && !o) || (o && ph_is_affricate(c1)))   /* Pekka: pè-ka, */
		return 1;                         /* but Pa-co-lli, Ho-lland: o */
	if (o && !strcmp(c1, "s") && (ph_is_vowel(c2) || ph_is_glide(c2)))
		return 1;                     /* written ss: Pélossi, Radossouaf */
	return !*c2 || (ph_is_cons(c2) && !onset_pair(open, c1, c2, v));    /* to-nio */
}

/* Remove p[k] from the n phonemes. */
void ph_drop(struct ph *p, size_t *n, size_t k)
{
	memmove(p + k, p + k + 1, (*n - k - 1) * sizeof(*p));
	(*n)--;
}

/* French syllable rules over the mapped phonemes (see map/common.tsv);
 * enye: the word is written with ñ (ɲ before i stays ɲ). */
static void french_rules(struct ph *p, size_t *n, const char *nasal, int enye)
{
	for (size_t k = 0; k + 1 < *n; k++)          /* doubled phonemes: one */
		if (!strcmp(p[k].s, p[k + 1].s))         /* (a long consonant; Feijóo) */
			ph_drop(p, n, k + 1), p[k].gem = !ph_is_vowel(p[k].s), k--;
		else if (!strcmp(p[k].s, "d") && !strcmp(p[k + 1].s, "t"))
			ph_drop(p, n, k), k--;              /* dt is t: Bildt */
	for (size_t k = 0; k < *n; k++) {            /* gn: n j before a vowel */
		if (strcmp(p[k].s, "n^") || k + 1 >= *n ||   /* but i after ñ (Iñigo), */
		    (enye && !strcmp(p[k + 1].s, "i")))      /* else n (Kaczyński) */
			continue;
		if (k >= 2 && !strcmp(p[k - 1].s, "g") && ph_is_vowel(p[k - 2].s)) {
			ph_drop(p, n, --k);    /* g ɲ after a vowel: French gn, */
			continue;              /* Agnieszka "agnièchka", Zbigniew */
		}
		if (!ph_is_vowel(p[k + 1].s) || *n >= MAX_PH) {
			strcpy(p[k].s, "n");
			continue;
		}
		memmove(p + k + 2, p + k + 1, (*n - k - 1) * sizeof(*p));
		strcpy(p[k].s, "n");
		strcpy(p[k + 1].s, "j");
		p[k + 1].gem = p[k + 1].fixed = p[k + 1].stress = 0;
		(*n)++;
	}
	for (size_t k = 0; k < *n; k++) {
		const char *next = k + 1 < *n ? p[k + 1].s : "";
		const char *prev = k ? p[k - 1].s : "";

		if (!strcmp(p[k].s, "j") && !strcmp(next, "i") && ph_is_cons(prev)) {
			ph_drop(p, n, k--);
			continue;
		}
		if (!strcmp(p[k].s, "i") && ph_is_vowel(next) &&
		    !(k >= 2 && strchr("rl", prev[0]) && !prev[1] && ph_is_cons(p[k - 2].s)))
			strcpy(p[k].s, "j");   /* not after br, pl...: Ga-bri-el */
		else if (!strcmp(p[k].s, "u") && ph_is_vowel(next) && !ph_is_vowel(prev))
			strcpy(p[k].s, "w");
		else if (p[k].s[0] == 'j' && ph_is_vowel(prev) && !strcmp(next, "l"))
			;                      /* ïl is jl: Soylu, Mykhailo */
		else if (!strcmp(p[k].s, "i") && ph_is_vowel(prev) && !strcmp(next, "l"))
			strcpy(p[k].s, "j");
		else if (!strcmp(p[k].s, "j") && ph_is_vowel(prev) && ph_is_cons(next))
			strcpy(p[k].s, "i");
		else if (!strcmp(p[k].s, "i") && ph_is_vowel(prev) && !*next)
			strcpy(p[k].s, "j");   /* a final ï: Rajoy ra-khoï */
	}
	for (size_t k = 0; k + 2 < *n; k++) {        /* ɐ̃ before n + vowel: oral */
		static const char *const oral[][2] = { { "A~", "a" }, { "O~", "O" },
			{ "E~", "E" } };
		if (strcmp(p[k + 1].s, "n") && strcmp(p[k + 1].s, "m"))
			continue;
		if (!ph_is_vowel(p[k + 2].s))           /* Cristiano, Xanana */
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(oral); i++)
			if (!strcmp(p[k].s, oral[i][0]))
				strcpy(p[k].s, oral[i][1]);
	}
	for (size_t k = 0; k + 2 < *n; k++) {        /* an, on, in + consonant: nasal */
		const char *v = p[k].s;
		if ((strcmp(p[k + 1].s, "n") && strcmp(p[k + 1].s, "m")) ||
		    !ph_is_cons(p[k + 2].s) || !strcmp(p[k + 2].s, "n") || !strcmp(p[k + 2].s, "h") ||
		    !strcmp(p[k + 2].s, "m"))
			continue;
		if (!strcmp(v, "a") && strchr(nasal, 'a'))
			strcpy(p[k].s, "A~"), ph_drop(p, n, k + 1);
		else if ((!strcmp(v, "o") || !strcmp(v, "O")) && strchr(nasal, 'o'))
			strcpy(p[k].s, "O~"), ph_drop(p, n, k + 1);
		else if (!strcmp(v, "i") && strchr(nasal, 'i'))
			strcpy(p[k].s, "E~"), ph_drop(p, n, k + 1);
	}
	for (size_t k = 0; k < *n; k++) {            /* mid vowels by position */
		const char *open, *closed;

		if (mid_family(p[k].s, &open, &closed) &&
		    !(p[k].fixed == 2 || (p[k].fixed && k + 1 < *n)))
			strcpy(p[k].s, closed_syllable(p, *n, k, open) ? closed : open);
	}
}

/* A final voiced letter (b d g v w) said voiceless by the source voice
 * (German, Polish, Czech final devoicing: Jörg, Drews) is said as
 * written, as French radio reads it. */
static void final_voicing(const char *word, struct ph *p, size_t n)
{
	static const char *const pair[][3] = { { "b", "p", "b" }, { "d", "t", "d" },
		{ "g", "k", "g" }, { "v", "f", "v" }, { "w", "f", "v" } };
	size_t len = strlen(word), k = n, np = ARRAY_SIZE(pair) - 1;
	char last;

	if (len > 1 && word[len - 1] == 's' && n > 1 && !strcmp(p[n - 1].s, "s"))
		len--, k--, np++;             /* Drews: the w before the s */
	if (!k || !len)                       /* (a final w is f: Jarosław) */
		return;
	last = (char)(word[len - 1] | 0x20);
	for (size_t i = 0; i < np; i++)
		if (last == pair[i][0][0] && !strcmp(p[k - 1].s, pair[i][1]))
			strcpy(p[k - 1].s, pair[i][2]);
}

/* A final rg said rj by the source (Swedish: Thunberg, Borg) is said as
 * written, by French radio and English newsreaders alike. */
static void written_final_g(const char *word, struct ph *p, size_t n)
{
	size_t len = strlen(word);

	if (n > 1 && len > 2 && (word[len - 1] | 0x20) == 'g' && (word[len - 2] | 0x20) == 'r' &&
	    !strcmp(p[n - 1].s, "j") && !strcmp(p[n - 2].s, "r"))
		strcpy(p[n - 1].s, "g");
}

/* "B" (a map's b-or-v, Spanish β) is v when the word is written with a v
 * and no b (Javier, Gustavo), else b (Isabel, Alberto). */
static void spelled_b(const char *word, struct ph *p, size_t n)
{
	int v = strpbrk(word, "vV") && !strpbrk(word, "bB");

	for (size_t k = 0; k < n; k++)
		if (!strcmp(p[k].s, "B"))
			strcpy(p[k].s, v ? "v" : "b");
}

/* Whether p is a map's spelled-vowel mark: "V" (a reduced vowel, said as
 * written: Biden, Johnson), "U" (the same, but a final e is silent:
 * Portuguese Filipe), "Q" (a or o as written: Johnson, Mark), "R" (an
 * r-coloured one: Cameron, Starmer). */
static int is_spelled(const char *p)
{
	return !p[1] && (p[0] == 'V' || p[0] == 'Q' || p[0] == 'R' || p[0] == 'U');
}

/* The French vowel a spelled-vowel mark says for vowel letter cp (lower
 * case), or NULL if cp is not a vowel letter; y is i in English (Tony),
 * u elsewhere (Nyberg). */
static const char *letter_vowel(uint32_t cp, int english)
{
	static const struct { uint32_t cp; const char *fr; } v[] = {
		{ 'a', "a" }, { 0xE1, "a" }, { 0xE0, "a" }, { 0xE2, "a" }, { 0xE3, "a" },
		{ 'e', "e" }, { 0xE9, "e" }, { 0xE8, "e" }, { 0xEA, "e" },
		{ 'i', "i" }, { 0xED, "i" }, { 'o', "O" }, { 0xF3, "O" }, { 0xF4, "O" },
		{ 0xF5, "O" }, { 'u', "u" }, { 0xFA, "u" }, { 0xFC, "y" },
		{ 0xF8, "Y" }, { 0xF6, "Y" }, { 0xE5, "O" }, { 0xE6, "E" }, { 0xE4, "E" },
	};

	if (cp == 'y')
		return english ? "i" : "y";
	for (size_t i = 0; i < ARRAY_SIZE(v); i++)
		if (v[i].cp == cp)
			return v[i].fr;
	return NULL;
}

/* Whether p is an obstruent (a consonant voicing can spread over). */
static int is_obstruent(const char *p)
{
	return *p && strchr("pbtdkgfvszSZ", p[0]) && (!p[1] || ph_is_affricate(p));
}

/* Whether the lower-case word has one of the ASCII letters next to a
 * consonant letter on side d (+1: after it, -1: before it); a w only
 * before a vowel letter (Kwaśniewski's kw, not -wski, which French radio
 * says -fski). */
static int letter_by_consonant(const uint32_t *cps, size_t nc, const char *letters, int d)
{
	for (size_t i = 0; i < nc; i++) {
		size_t j = i + (size_t)d;
		if (cps[i] >= 0x80 || !strchr(letters, (int)cps[i]) || j >= nc ||
		    letter_vowel(cps[j], 0) ||
		    !((cps[j] >= 'a' && cps[j] <= 'z') || cps[j] >= 0xDF))
			continue;     /* not a letter, or a vowel letter */
		if (cps[i] == 'w' && (i + 1 >= nc || !letter_vowel(cps[i + 1], 0)))
			continue;
		return 1;
	}
	return 0;
}

/* The lower-case code points of word into cps (at most MAX_PH): their
 * number. */
size_t word_cps(const char *word, uint32_t *cps)
{
	char low[256];
	size_t len = foreign_lower(word, strlen(word), low, sizeof(low)), nc = 0;

	for (size_t i = 0; i < len && nc < MAX_PH;) {
		int k = utf8_decode(low + i, len - i, &cps[nc]);
		if (k <= 0)
			break;
		i += (size_t)k;
		nc++;
	}
	return nc;
}

/* A consonant that eSpeak NG voices or devoices by its neighbour (Serbian
 * Izetbegović db, Czech Lipavský fs, Dubček ptʃ, Polish Kwaśniewski kf) is
 * said with the voicing written, as French radio reads it: when the
 * word writes the other letter of the pair next to a consonant on that
 * side, and never its own. */
static void written_voicing(const char *word, struct ph *p, size_t n)
{
	static const struct { const char *ph, *letters; } pair[][2] = {
		{ { "p", "p" }, { "b", "b" } }, { { "t", "t" }, { "d", "d" } },
		{ { "k", "kcq" }, { "g", "g" } }, { { "f", "f" }, { "v", "v" } },
		{ { "f", "f" }, { "v", "w" } },
	};
	uint32_t cps[MAX_PH];
	size_t nc = word_cps(word, cps);

	for (size_t k = 0; k < n; k++) {
		int d = k + 1 < n && is_obstruent(p[k + 1].s) ? 1 :
			k && is_obstruent(p[k - 1].s) ? -1 : 0;
		for (size_t i = 0; d && i < ARRAY_SIZE(pair); i++)
			for (int side = 0; side < 2; side++)
				if (!strcmp(p[k].s, pair[i][side].ph) &&
				    letter_by_consonant(cps, nc, pair[i][!side].letters, d) &&
				    !letter_by_consonant(cps, nc, pair[i][side].letters, d)) {
					strcpy(p[k].s, pair[i][!side].ph);
					i = ARRAY_SIZE(pair);
					break;
				}
	}
}

/* Insert phoneme s at p[k] (when there is room). */
static void insert(struct ph *p, size_t *n, size_t k, const char *s)
{
	if (*n >= MAX_PH - 4)
		return;
	memmove(p + k + 1, p + k, (*n - k) * sizeof(*p));
	snprintf(p[k].s, sizeof(p[k].s), "%s", s);
	p[k].gem = p[k].fixed = p[k].stress = p[k].lng = 0;
	(*n)++;
}

/* Whether cps[i] is a consonant letter doubled (Mette, Ebba, Løkke). */
static int doubled(const uint32_t *cps, size_t nc, size_t i)
{
	return i + 1 < nc && cps[i] == cps[i + 1] && cps[i] >= 'b' && cps[i] <= 'z' &&
		!strchr("aeiouy", (int)cps[i]);
}

/* Say the spelled-vowel marks (is_spelled()) as French radio reads a
 * foreign name: the vowels as written.  The word's vowel letter groups
 * ("Johnson": o, o; a final silent e aside) pair with the vowel runs of p
 * in order, letter by letter inside a run (Tobias: o, ia); when their
 * counts differ, V is e, Q a, R eur.  When they pair, a doubled consonant
 * letter after a group closes its syllable (Mette: mè-té). */
static void spelled_vowels(const char *word, int english, struct ph *p, size_t *n)
{
	size_t gstart[MAX_PH], glen[MAX_PH];   /* the vowel letter groups */
	uint32_t cps[MAX_PH];
	size_t ng = 0, nv = 0, nc = 0, v = 0, at = 0;
	int any = 0;

	for (size_t k = 0; k < *n; k++)
		any |= is_spelled(p[k].s);
	if (!any)
		return;
	nc = word_cps(word, cps);
	for (size_t i = 0; i < nc && ng < MAX_PH; i++) {
		int next_v = i + 1 < nc && letter_vowel(cps[i + 1], english);
		if (!letter_vowel(cps[i], english) || (cps[i] == 'y' && (!i || next_v)))
			continue;     /* Yanis, Lloyd's y: a consonant or in a group */
		if (cps[i] == 'u' && i && (cps[i - 1] == 'q' || cps[i - 1] == 'g') &&
		    i + 1 < nc && (cps[i + 1] == 'e' || cps[i + 1] == 'i' || cps[i + 1] == 0xE8 ||
				   cps[i + 1] == 0xE9 || cps[i + 1] == 0xED))
			continue;     /* qu, gu before e, i: Junqueras, Henrique, Guillem */
		if (cps[i] == 'y' && !english && i && cps[i - 1] == 'n' &&
		    (i + 1 == nc || (i + 2 == nc && cps[i + 1] == 's')))
			continue;     /* Catalan ny: Companys */
		if (ng && gstart[ng - 1] + glen[ng - 1] == i && !(cps[i - 1] == 'y' && i == 1)) {
			glen[ng - 1]++;
			continue;
		}
		gstart[ng] = i;
		glen[ng++] = 1;
	}
	for (size_t k = 0; k < *n; k++)
		if ((ph_is_vowel(p[k].s) || is_spelled(p[k].s)) &&
		    (!k || !(ph_is_vowel(p[k - 1].s) || is_spelled(p[k - 1].s))))
			nv++;
	if (ng == nv + 1 && nc > 2 && gstart[ng - 1] == nc - 1 && cps[nc - 1] == 'e' &&
	    glen[ng - 1] == 1)
		ng--;                 /* Mike, Jake: the final e is silent */
	for (size_t k = 0; k < *n; k++) {
		const char *c = NULL;
		int run_start = !k || !(ph_is_vowel(p[k - 1].s) || is_spelled(p[k - 1].s));

		if (!ph_is_vowel(p[k].s) && !is_spelled(p[k].s))
			continue;
		if (run_start)                                        /* a new vowel run; */
			v++, at = k && ph_is_glide(p[k - 1].s) ? 1 : 0;  /* after a glide, its */
		else                                                  /* letter is read: */
			at++;                                         /* António's io */
		if (ng == nv) {
			size_t g = v - 1, e = gstart[g] + glen[g];
			c = letter_vowel(cps[gstart[g] + (at < glen[g] ? at : glen[g] - 1)], english);
			if (e < nc && doubled(cps, nc, e) && (k + 1 >= *n || !ph_is_vowel(p[k + 1].s)) &&
			    k + 1 < *n && ph_is_cons(p[k + 1].s))
				p[k + 1].gem = 1;
		}
		if (!is_spelled(p[k].s))
			continue;
		if (p[k].s[0] == 'U' && k + 1 == *n && c && !strcmp(c, "e") && ng > 1) {
			(*n)--;                           /* Filipe: the final e is silent */
			break;
		}
		if (p[k].s[0] == 'Q') {
			strcpy(p[k].s, c && !strcmp(c, "O") ? "O" : "a");
		} else if (p[k].s[0] == 'V' || p[k].s[0] == 'U' ||
			   (k + 1 < *n && !strcmp(p[k + 1].s, "r"))) {   /* Cameron */
			strcpy(p[k].s, c ? c : "e");
		} else {                                              /* Starmer */
			strcpy(p[k].s, "W");
			insert(p, n, k + 1, "r");
		}
	}
}

/* A written nd that the source says n (Norwegian, Danish: Egeland,
 * Grande) is said with its d: the word's runs of n letters pair in order
 * with the runs of n phonemes when they are as many. */
static void written_nd(const char *word, struct ph *p, size_t *n)
{
	size_t runs = 0, k = 0, len = strlen(word);
	char d[MAX_PH];       /* d[r]: the r-th run of n letters before a d */

	for (size_t i = 0; i < len && runs < MAX_PH; i++)
		if ((word[i] | 0x20) == 'n' && (!i || (word[i - 1] | 0x20) != 'n')) {
			size_t j = i;
			while (j < len && (word[j] | 0x20) == 'n')
				j++;
			d[runs++] = j < len && (word[j] | 0x20) == 'd';
		}
	for (size_t i = 0; i < *n; i++)
		k += !strcmp(p[i].s, "n") && (!i || strcmp(p[i - 1].s, "n"));
	if (k != runs)
		return;
	for (size_t i = 0, r = 0; i < *n; i++) {
		if (strcmp(p[i].s, "n") || (i && !strcmp(p[i - 1].s, "n")))
			continue;
		while (i + 1 < *n && !strcmp(p[i + 1].s, "n"))
			i++;
		if (d[r++] && (i + 1 == *n || !strchr("dt", p[i + 1].s[0]) || p[i + 1].s[1]))
			insert(p, n, i + 1, "d");
	}
}

/* Map eSpeak NG's IPA through m into p; the number of phonemes. */
static size_t map_ipa(const struct map *m, const char *src, struct ph *p)
{
	char buf[1024], mark[1024], *ipa = buf;  /* mark: a primary stress */
	size_t n = 0, b = 0;                      /* before that byte */
	int stress = 0;       /* a primary stress mark waits for its vowel */

	memset(mark, 0, sizeof(mark));
	for (; *src && b + 1 < sizeof(buf); src++) {  /* French puts its own */
		if (!strncmp(src, "ˌ", 2))                /* stress; English keeps */
			src++;                            /* the primary one */
		else if (!strncmp(src, "ˈ", 2))
			src++, mark[b] = 1;
		else
			buf[b++] = *src;
	}
	buf[b] = '\0';
	while (*ipa && n < MAX_PH - 4) {
		const struct map_row *r;

		stress |= mark[ipa - buf];
		if (!strncmp(ipa, "ː", 2)) {        /* length: a consonant doubles */
			if (n && !ph_is_vowel(p[n - 1].s) && !is_spelled(p[n - 1].s) &&
			    !ph_is_glide(p[n - 1].s))
				p[n - 1].gem = 1;
			else if (n)                  /* a vowel is long (English) */
				p[n - 1].lng = 1;
			ipa += 2;
			continue;
		}
		if (*ipa == '(') {                   /* a language switch "(en)" */
			char *e = strchr(ipa, ')');
			ipa = e ? e + 1 : ipa + 1;
			continue;
		}
		if (!(r = map_match(m, ipa))) {      /* stress, length, spaces... */
			ipa++;
			while (((unsigned char)*ipa & 0xC0) == 0x80)
				ipa++;
			continue;
		}
		for (size_t k = 1; k < r->len; k++)
			stress |= mark[ipa - buf + (ptrdiff_t)k];
		ipa += r->len;
		for (const char *f = r->fr; *f && n < MAX_PH - 4;) {
			size_t l = strcspn(f, " ");
			int fixed = l > 1 && f[l - 1] == '!';
			if (l && l < sizeof(p[0].s) && strncmp(f, "-", l)) {
				snprintf(p[n].s, sizeof(p[0].s), "%.*s", (int)(l - (size_t)fixed), f);
				p[n].fixed = (char)fixed;
				p[n].gem = p[n].lng = 0;
				p[n].stress = stress && (ph_is_vowel(p[n].s) || is_spelled(p[n].s));
				stress &= !p[n++].stress;
			}
			f += l;
			f += *f == ' ';
		}
	}
	return n;
}

/* ---- transliteration ---------------------------------------------------- */

/* Spell the lower-case word w through lexicon/foreign/translit_TAG.tsv
 * (longest Latin sequence first; "x$" only at the end; a row with a third
 * field only for a text in that language: "fr") into out, for a text in
 * English when en is set, else French. */
static void translit(const char *tag, const char *w, int en, strbuf *out)
{
	char path[64];
	size_t len;
	const char *data;

	snprintf(path, sizeof(path), "lexicon/foreign/translit_%s.tsv", tag);
	if (!(data = embed_get(path, &len))) {
		sb_adds(out, w);
		return;
	}
	while (*w) {
		const char *p = data, *end = data + len, *best_to = NULL;
		size_t best = 0, best_to_len = 0;

		for (; p < end;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *eol = nl ? nl : end, *tab = memchr(p, '\t', (size_t)(eol - p));
			const char *tab2 = tab ? memchr(tab + 1, '\t', (size_t)(eol - tab - 1)) : NULL;
			if (tab2 && strncmp(tab2 + 1, en ? "en" : "fr", 2))
				tab = NULL;           /* a row for the other language */
			if (*p != '#' && tab) {
				size_t k = (size_t)(tab - p);
				int at_end = k > 1 && p[k - 1] == '$';
				size_t kk = k - (size_t)at_end;
				if (kk > best && !strncmp(w, p, kk) && (!at_end || !w[kk]))
					best = kk, best_to = tab + 1,
					best_to_len = (size_t)((tab2 ? tab2 : eol) - tab - 1);
			}
			p = eol + 1;
		}
		if (!best) {
			size_t k = 1;
			while (((unsigned char)w[k] & 0xC0) == 0x80)
				k++;
			sb_add(out, w, k);
			w += k;
			continue;
		}
		sb_add(out, best_to, best_to_len);
		w += best;
	}
}

/* ---- the cache ---------------------------------------------------------- */

struct entry {
	char *key;            /* "fr|sr|Rakić": the text's language, the name's */
	struct foreign_guess g;
	int ok;
};

static struct entry *cache;
static size_t n_cache, cap_cache;
static size_t *slot;            /* index + 1 into cache, by hash of the key */
static size_t n_slot;

/* FNV-1a of a NUL-terminated key. */
static size_t key_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The cache entry for key, or NULL. */
static struct entry *cache_find(const char *key)
{
	for (size_t h = n_slot ? key_hash(key) & (n_slot - 1) : 0; n_slot && slot[h];
	     h = (h + 1) & (n_slot - 1))
		if (!strcmp(cache[slot[h] - 1].key, key))
			return &cache[slot[h] - 1];
	return NULL;
}

/* Index entry i of the cache (rebuilding the index when half full). */
static void cache_index(size_t i)
{
	size_t h;

	if (2 * (n_cache + 1) > n_slot) {
		free(slot);
		n_slot = n_slot ? n_slot * 2 : 256;
		slot = xcalloc(n_slot, sizeof(*slot));
		for (size_t k = 0; k < i; k++) {
			for (h = key_hash(cache[k].key) & (n_slot - 1); slot[h];
			     h = (h + 1) & (n_slot - 1))
				;
			slot[h] = k + 1;
		}
	}
	for (h = key_hash(cache[i].key) & (n_slot - 1); slot[h]; h = (h + 1) & (n_slot - 1))
		;
	slot[h] = i + 1;
}

/* eSpeak NG's IPA for word in its language fl, for an English text when
 * en is set: 0 or -1. */
static int source_ipa(const struct foreign_lang *fl, const char *word, int en, strbuf *ipa)
{
	strbuf text;
	const void *p;
	char low[256];

	if (synth_engine_voice(fl->voice))
		return -1;
	sb_init(&text);
	if (fl->translit) {
		foreign_lower(word, strlen(word), low, sizeof(low));
		translit(fl->tag, low, en, &text);
	} else {
		sb_adds(&text, word);
	}
	synth_engine_blank_unsafe(text.buf, text.len);
	p = sb_cstr(&text);
	while (p) {
		const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, espeakPHONEMES_IPA);
		if (ph)
			sb_adds(ipa, ph);
	}
	sb_release(&text);
	return 0;
}

/* Whether word writes a long vowel: an accented one (Orbán, Václav) or a
 * doubled one (Ahtisaari). */
static int marks_long(const char *word)
{
	static const char *const acc[] = { "á", "é", "í", "ó", "ú", "ý", "ő", "ű", "Á", "É",
		"Í", "Ó", "Ú", "aa", "ee", "ii", "oo", "uu" };

	for (size_t i = 0; i < ARRAY_SIZE(acc); i++)
		if (strstr(word, acc[i]))
			return 1;
	return 0;
}

/* The spelling of an English name that French radio reads: Mc as Mac
 * (McCarthy "mac-carti", McConnell "mac-conèl", was "mé-"), into buf;
 * else word itself. */
static const char *mac_name(const struct foreign_lang *fl, const char *word, char *buf,
			    size_t cap)
{
	if (strcmp(fl->tag, "en") || word[0] != 'M' || word[1] != 'c' || word[2] < 'A' ||
	    word[2] > 'Z' || strlen(word) + 2 > cap)
		return word;
	snprintf(buf, cap, "Mac%s", word + 2);
	return buf;
}

/* Say word in lang into e (the work behind a cache miss), for an
 * English text when en is set, else a French one. */
static void compute(struct entry *e, const struct foreign_lang *fl, int en)
{
	struct ph p[MAX_PH];
	char mac[160];
	const char *w = mac_name(fl, e->g.word, mac, sizeof(mac));
	strbuf ipa, said;
	struct map *m = map_get(fl->tag, en);
	size_t n, last = 0;

	sb_init(&ipa);
	sb_init(&said);
	if (!m || source_ipa(fl, w, en, &ipa) || !(n = map_ipa(m, sb_cstr(&ipa), p))) {
		sb_release(&ipa);
		return;
	}
	spelled_vowels(w, !strcmp(fl->tag, "en"), p, &n);
	written_voicing(w, p, n);
	final_voicing(w, p, n);
	written_final_g(w, p, n);
	if (!strcmp(fl->tag, "nb") || !strcmp(fl->tag, "da"))
		written_nd(w, p, &n);
	spelled_b(w, p, n);
	if (n > 1 && !strcmp(p[n - 1].s, "j") && (!strcmp(p[n - 2].s, "d") ||
						  !strcmp(p[n - 2].s, "t"))) {
		strcpy(p[n - 2].s, p[n - 2].s[0] == 'd' ? "dZ" : "tS");
		n--;            /* a final palatal stop (Hungarian gy, ty) is an */
	}                       /* affricate: Nagy "nadj", "NODGE" */
	if (en) {
		size_t wl = strlen(w);
		for (size_t k = 0; k + 1 < n; k++)      /* m before b or p where the */
			if (!strcmp(p[k].s, "m") && strchr("bp", p[k + 1].s[0]) &&  /* name */
			    !p[k + 1].s[1] && (strstr(w, "nb") ||           /* writes */
			    strstr(w, "np")) && !strstr(w, "mb") &&   /* n: */
			    !strstr(w, "mp"))                       /* Sheinbaum */
				strcpy(p[k].s, "n");
		if (n && p[n - 1].lng && wl && strchr("aeiouyAEIOUY", w[wl - 1]))
			p[n - 1].lng = 0;   /* a final vowel is long where written so: */
		final_ing(w, p, &n);
		english_letters(p, n);       /* Čaputová, not Angela */
		if (!strcmp(fl->tag, "tr"))
			english_turkish(w, p, n);
		if (!strcmp(fl->tag, "uk"))
			english_russian(w, p, n);
		english_rules(p, n, fl->english, marks_long(w), &said);
		e->g.ipa = sb_detach(&ipa, NULL);
		e->g.said = sb_detach(&said, NULL);
		e->ok = 1;
		return;
	}
	source_letters(fl->tag, w, p, &n);
	if (n > 1 && !strcmp(p[n - 1].s, "w") && ph_is_vowel(p[n - 2].s))
		strcpy(p[n - 1].s, "u");   /* a final ł: Rafał "rafaou", Paweł */
	if (n && !strcmp(p[n - 1].s, "S") && (word_ends_with(w, "rz") ||
					       word_ends_with(w, "ż")))
		strcpy(p[n - 1].s, "Z");   /* a final Polish rz, ż as written: */
					   /* Grzegorz "gjégoje" */
	for (size_t k = 1; !strcmp(fl->tag, "en") && k < n; k++)   /* English ei */
		if (!strcmp(p[k].s, "j") && !strcmp(p[k - 1].s, "e") && (k + 1 == n ||
		    (k + 2 < n && ph_is_cons(p[k + 1].s) && ph_is_vowel(p[k + 2].s))))
			ph_drop(p, &n, k--);   /* "é" at the end or before one consonant */
					       /* and a vowel: May "mè", David "dévide"; */
					       /* Jake "djéïk" keeps it */
	if (!strcmp(fl->tag, "pt") && n && !strcmp(p[n - 1].s, "S") &&
	    strchr("szSZ", w[strlen(w) - 1]))
		strcpy(p[n - 1].s, "s");   /* a final Portuguese s or z is s on */
					   /* French radio: Luiz, Gomes, Carlos */
	french_rules(p, &n, fl->nasal, strstr(w, "ñ") != NULL);
	for (size_t k = n; k-- > 0;)                 /* h has closed its syllable */
		if (!strcmp(p[k].s, "h"))
			ph_drop(p, &n, k);
	for (size_t k = 0; k < n; k++)
		if (ph_is_vowel(p[k].s))
			last = k;
	for (size_t k = 0; k < n; k++) {
		if (k == last)
			sb_addch(&said, '\'');          /* French stress: the last vowel */
		sb_adds(&said, p[k].s);
	}
	e->g.ipa = sb_detach(&ipa, NULL);
	e->g.said = sb_detach(&said, NULL);
	e->ok = 1;
}

int foreign_say(const char *text_lang, const char *lang, const char *word, size_t n,
		strbuf *out)
{
	const struct foreign_lang *fl = foreign_lang_get(lang);
	int en = !strncmp(text_lang, "en", 2);
	char key[256];
	struct entry *e = NULL;
	int ok;

	if (!fl || (!en && strncmp(text_lang, "fr", 2)) || !strcmp(lang, text_lang) ||
	    (en && !strcmp(lang, "en")) || n > 128)
		return -1;
	snprintf(key, sizeof(key), "%s|%s|%.*s", en ? "en" : "fr", lang, (int)n, word);
	pthread_mutex_lock(&lock);
	if (!(e = cache_find(key))) {
		if (n_cache == cap_cache) {
			cap_cache = cap_cache ? cap_cache * 2 : 64;
			cache = xrealloc(cache, cap_cache * sizeof(*cache));
		}
		e = &cache[n_cache++];
		memset(e, 0, sizeof(*e));
		e->key = xstrdup(key);
		e->g.word = e->key + strlen(lang) + 4;
		e->g.lang = fl->tag;
		cache_index(n_cache - 1);
		compute(e, fl, en);
	}
	ok = e->ok;
	if (ok) {
		sb_adds(out, "[[");
		sb_adds(out, e->g.said);
		sb_adds(out, "]]");
	}
	pthread_mutex_unlock(&lock);
	return ok ? 0 : -1;
}

int foreign_say_hook(void *ctx, const char *text_lang, const char *lang,
		     const char *word, size_t n, strbuf *out)
{
	(void)ctx;
	return foreign_say(text_lang, lang, word, n, out);
}

int foreign_guess_find(const char *text_lang, const char *lang, const char *word,
		       size_t n, struct foreign_guess *g)
{
	char key[256];
	struct entry *e;
	int ok;

	snprintf(key, sizeof(key), "%s|%s|%.*s", strncmp(text_lang, "en", 2) ? "fr" : "en",
		 lang, (int)n, word);
	pthread_mutex_lock(&lock);
	e = cache_find(key);
	if ((ok = e && e->ok))
		*g = e->g;
	pthread_mutex_unlock(&lock);
	return ok ? 0 : -1;
}
