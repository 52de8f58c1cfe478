/* foreign_say_en.c - a foreign name's phonemes, mapped as for French,
 * turned into English ones (syllables, stress, vowels by length, British r). */
#include "speech/foreign_ph.h"
#include "base/util.h"

#include <stddef.h>
#include <string.h>

/* The French vowels of spelled_vowels() as map_en/common.tsv's letters. */
void english_letters(struct ph *p, size_t n)
{
	static const char *const fr_en[][2] = { { "O", "o" }, { "E", "e" }, { "y", "u" },
		{ "Y", "3" }, { "W", "3" } };

	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < ARRAY_SIZE(fr_en); i++)
			if (!strcmp(p[k].s, fr_en[i][0]))
				strcpy(p[k].s, fr_en[i][1]);
}

/* Whether the vowel p[k] ends a closed syllable: a consonant then another
 * or the end, or an affricate (Dačić "DATCH-itch"). */
static int english_closed(const struct ph *p, size_t n, size_t k)
{
	if (k + 1 >= n || !ph_is_cons(p[k + 1].s))
		return 0;
	if (p[k + 1].gem)
		return 1;             /* a doubled (long) consonant: Passos */
	if (k + 3 < n && !p[k + 1].s[1] && strchr("ptkbdgf", p[k + 1].s[0]) &&
	    (!strcmp(p[k + 2].s, "r") || !strcmp(p[k + 2].s, "l")) && ph_is_vowel(p[k + 3].s))
		return 0;             /* an onset pair begins the next one: Dmytro */
	return k + 2 >= n || ph_is_cons(p[k + 2].s) || ph_is_affricate(p[k + 1].s);
}

/* The number of vowels after p[k]. */
static int vowels_after(const struct ph *p, size_t n, size_t k)
{
	int c = 0;

	for (size_t i = k + 1; i < n; i++)     /* k = (size_t)-1: all */
		c += ph_is_vowel(p[i].s);
	return c;
}

/* The English vowel a map letter says, by length (fl->english "length":
 * the language writes its long vowels, the others are short), stress and
 * position (see map_en/common.tsv).  A stressed vowel two syllables or
 * more from the end is short, as English says its own (trisyllabic
 * laxing: Radovan "RAD-o-van", Davutoğlu), but a "tense" language's i
 * (French) is "ee" wherever it is; an o stressed in an open
 * syllable before a final open one is "oh" (Simona, Kodály, Rugova), but
 * before an affricate, which closes it (Hoxha "HODGE-a"). */
static const char *english_vowel(const struct ph *p, size_t n, size_t k, int lenlang,
				 const char *flags)
{
	int tense = strstr(flags, "tense") != NULL;
	const char *v = p[k].s;
	int st = p[k].stress, last = k + 1 == n, closed = english_closed(p, n, k);
	int lax = st && vowels_after(p, n, k) >= 2;

	if (v[1])
		return v;             /* a diphthong */
	switch (v[0]) {
	case 'a':
		if (last && !st && !p[k].lng)
			return "@";   /* Angela, Zuzana; Čaputová long */
		if (p[k].lng || (st && !lenlang && !tense && k + 2 == n && ph_is_cons(p[k + 1].s) &&
				 vowels_after(p, n, (size_t)-1) == 1))
			return "A:";  /* a one-syllable word's a before one consonant: */
		return st && !lenlang && !closed && !lax ? "A:" : "a";   /* Juan, Jan */
	case 'e':             /* "ay" long, or stressed before a vowel: */
		if (p[k].lng || (st && k + 1 < n && strchr("ao", p[k + 1].s[0]) &&
				 !p[k + 1].s[1]))       /* Matteo "ma-TAY-o", */
			return "eI";                    /* Andrea; not Mateusz */
		return st && strstr(flags, "ay") && k + 2 < n && ph_is_cons(p[k + 1].s) &&
			!p[k + 1].gem && ph_is_vowel(p[k + 2].s) ? "eI" : "E";   /* Evo */
	case 'i':                 /* an affricate before a vowel does not */
		if (tense && !last)
			return "i:";  /* French i "ee" (Marine, Philippe) */
		if (p[k].lng || (st && !(closed && !(ph_is_affricate(p[k + 1].s) &&  /* close */
			k + 2 < n && ph_is_vowel(p[k + 2].s)))))   /* it: Fico; Klitschko */
			return "i:";
		return last ? "i" : "I";
	case 'o':
		if (p[k].lng)
			return "oU";
		if (st && k + 2 < n && ph_is_cons(p[k + 1].s) && ph_is_vowel(p[k + 2].s) &&
		    k + 3 == n && !ph_is_affricate(p[k + 1].s))
			return "oU";  /* Simona, Rugova, Kodály; Novak, Goran, Hoxha 0 */
		return (st && k + 1 < n && ph_is_cons(p[k + 1].s)) || closed ? "0" : "oU";
	case 'u':             /* "oo" but where the language writes length */
		return closed && !p[k].lng && lenlang ? "U" : "u:";
	case '3':
		return "3:";
	default:
		return v;
	}
}

/* The glides and the vowels that make diphthongs, i into j before a
 * vowel (Fiala, Claudia), j dropped between a consonant and a consonant
 * or i (Kaczyński, Antonín). */
static void english_glides(struct ph *p, size_t *n)
{
	static const char *const diph[][3] = { { "a", "j", "aI" }, { "e", "j", "eI" },
		{ "o", "j", "OI" }, { "i", "j", "i" }, { "a", "w", "aU" }, { "o", "w", "o" },
		{ "a", "i", "aI" }, { "e", "i", "eI" }, { "o", "i", "OI" }, { "a", "u", "aU" },
		{ "a", "e", "aI" } };

	for (size_t k = 0; k < *n; k++) {
		const char *next = k + 1 < *n ? p[k + 1].s : "";
		const char *prev = k ? p[k - 1].s : "";
		const char *after = k + 2 < *n ? p[k + 2].s : "";

		if (!strcmp(p[k].s, "j") && ph_is_cons(prev) && (!*next || ph_is_cons(next) ||
							 !strcmp(next, "i"))) {
			ph_drop(p, n, k--);
			continue;
		}
		if (!strcmp(p[k].s, "i") && !p[k].stress && ph_is_vowel(next) && !next[1] &&
		    (!k || ph_is_cons(prev)) && !(k >= 2 && !strcmp(prev, "r") && ph_is_cons(p[k - 2].s))) {
			strcpy(p[k].s, "j");
			continue;
		}
		if (ph_is_vowel(p[k].s) && !p[k].s[1] && strchr("aeo", p[k].s[0]) &&
		    !strcmp(next, "j") && ph_is_vowel(after)) {        /* Maia, Traian */
			strcpy(p[k].s, p[k].s[0] == 'a' ? "aI" : p[k].s[0] == 'e' ? "eI" : "OI");
			ph_drop(p, n, k + 1);
			continue;
		}
		if (!ph_is_vowel(p[k].s) || p[k].s[1] || !*next || ph_is_vowel(after) ||
		    (ph_is_vowel(next) && (p[k + 1].stress || p[k + 1].lng)) ||
		    (!strcmp(next, "e") && k + 2 < *n))
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(diph); i++)   /* a glide ends it */
			if (!strcmp(p[k].s, diph[i][0]) && !strcmp(next, diph[i][1])) {
				strcpy(p[k].s, diph[i][2]);
				p[k].stress |= p[k + 1].stress;
				ph_drop(p, n, k + 1);
				break;
			}
	}
}

/* Whether p[k] is the word's first vowel. */
static int first_vowel(const struct ph *p, size_t k)
{
	while (k-- > 0)
		if (ph_is_vowel(p[k].s))
			return 0;
	return 1;
}

/* Whether the unstressed vowel p[k], not the word's first, comes just
 * before the stressed one (Ukrainian o reduced, as English newsreaders say
 * Tymoshenko "ti-muh-SHEN-ko", Volodymyr, Poroshenko). */
static int pretonic(const struct ph *p, size_t n, size_t k)
{
	if (p[k].stress || first_vowel(p, k))
		return 0;
	for (size_t i = k + 1; i < n; i++)
		if (ph_is_vowel(p[i].s))
			return p[i].stress != 0;
	return 0;
}

/* Whether p is a word of two syllables whose first is light (a
 * consonant, a short vowel, one consonant) and whose last is a, i or u
 * before a consonant: English newsreaders stress its last, long, in
 * Arabic names: Najib "na-JEEB", Bashar "ba-SHAR", Hamid, Walid, Karim
 * (not Khaled, Tarek: e; nor Marwan, Hassan, Omar, Mahmoud). */
static int light_first(const struct ph *p, size_t n)
{
	size_t v[3], nv = 0;

	for (size_t k = 0; k < n; k++)
		if (ph_is_vowel(p[k].s) && nv < 3)
			v[nv++] = k;
	return nv == 2 && v[0] && v[1] == v[0] + 2 && !p[v[0]].s[1] && !p[v[0]].lng &&
		ph_is_cons(p[v[0] + 1].s) && !p[v[0] + 1].gem && !p[v[1]].s[1] &&
		strchr("aiu", p[v[1]].s[0]) && v[1] + 2 == n && ph_is_cons(p[n - 1].s);
}

/* English rules over the mapped phonemes: doubled ones said once, the
 * glides and diphthongs, the stress (one fixed by the caller, stress & 2,
 * else the source's, or the first vowel's when fl->english says "first"
 * or the source has none), the vowels by
 * length, stress and position, British r (silent after a vowel when no
 * vowel follows: a stressed or first vowel long, another a schwa; "ur"
 * between consonants, Brnabić; a schwa after a final consonant, Petr);
 * the mnemonics into out. */
void english_rules(struct ph *p, size_t n, const char *flags, int marks_long,
			  strbuf *out)
{
	static const char *const rvowel[][2] = { { "a", "A:" }, { "e", "e@" }, { "i", "I@" },
		{ "o", "O:" }, { "u", "U@" }, { "3", "3:" }, { "@", "3:" }, { "I", "I@" } };
	int lenlang = strstr(flags, "length") != NULL, stressed = 0, fixed = 0, light;

	for (size_t k = 0; k + 1 < n; k++)
		if (!strcmp(p[k].s, p[k + 1].s) ||
		    (!strcmp(p[k].s, "d") && !strcmp(p[k + 1].s, "t"))) {
			p[k + 1].stress |= p[k].stress;
			p[k + 1].lng |= p[k].lng;
			p[k + 1].gem |= ph_is_cons(p[k].s) && !strcmp(p[k].s, p[k + 1].s);
			ph_drop(p, &n, k--);     /* a doubled consonant closes */
						 /* its syllable: Abbas "AB-bas" */
		}
	english_glides(p, &n);
	light = strstr(flags, "light") && light_first(p, n);   /* before h goes */
	for (size_t k = 0; k < n && strstr(flags, "devoice"); k++)
		if (!strcmp(p[k].s, "v") && (k + 1 == n || (strchr("ptkfsS", p[k + 1].s[0]) &&
		    (!p[k + 1].s[1] || ph_is_affricate(p[k + 1].s)))))
			strcpy(p[k].s, "f");   /* Budanov "-nof", Kravchuk "-fch-" */
	for (size_t k = 1; k < n; k++)       /* h silent after a vowel at the end */
		if (!strcmp(p[k].s, "h") && ph_is_vowel(p[k - 1].s) &&   /* or before */
		    (k + 1 == n || strchr("mnlrwj", p[k + 1].s[0])))  /* a sonorant: */
			ph_drop(p, &n, k--);             /* Abdullah, Ahmet; Ahtisaari h */
		else if (!strcmp(p[k].s, "h") && !p[k - 1].s[1] && strchr("ptk", p[k - 1].s[0]))
			ph_drop(p, &n, k--);             /* and after p t k: Thunberg */
	for (size_t k = 0; k < n; k++)
		fixed |= p[k].stress & 2;
	for (size_t k = 0; k < n; k++) {
		if (fixed ? !(p[k].stress & 2) : strstr(flags, "first") || strstr(flags, "penult"))
			p[k].stress = 0;
		stressed |= p[k].stress;
	}
	for (size_t k = n; k-- > 0 && strstr(flags, "penult") && !stressed;)
		if (ph_is_vowel(p[k].s) && vowels_after(p, n, k) == 1)
			p[k].stress = stressed = 1;   /* Ukrainian: Kuleba, Budanov */
	for (size_t k = 0; k < n && !stressed; k++)   /* the first, but a schwa: */
		if (ph_is_vowel(p[k].s) && (strcmp(p[k].s, "@") || !vowels_after(p, n, k)))
			p[k].stress = stressed = 1;   /* Verhofstadt "fer-HOF-" */
	for (size_t k = 0; k < n && light; k++)       /* the last vowel */
		if (ph_is_vowel(p[k].s))
			p[k].stress = p[k].lng = !vowels_after(p, n, k);
	for (size_t k = 0; k + 3 < n; k++)      /* a long i or e before two */
		if (p[k].lng && strchr("ie", p[k].s[0]) && !p[k].s[1] &&   /* consonants */
		    ph_is_cons(p[k + 1].s) && ph_is_cons(p[k + 2].s) &&          /* is short: */
		    english_closed(p, n, k))                    /* Kristersson; not */
			p[k].lng = 0;                          /* at the end: Drews */
	for (size_t k = 0; k < n && !marks_long; k++)   /* an unstressed closed */
		if (p[k].lng && !p[k].stress && english_closed(p, n, k) &&  /* syllable */
		    strchr("aei", p[k].s[0]) && !p[k].s[1])   /* is short: Henrik, */
			p[k].lng = 0;         /* Olaf; not Orbán, nor Helmut's "oo" */
	for (size_t k = 0; k < n; k++) {
		const char *next = k + 1 < n ? p[k + 1].s : "";
		const char *after = k + 2 < n ? p[k + 2].s : "";
		int r_next = !strcmp(next, "r") && !ph_is_vowel(after) && strcmp(after, "j");
		const char *v = NULL;

		if (p[k].stress)
			sb_addch(out, '\'');
		if (ph_is_vowel(p[k].s) && r_next) {
			for (size_t i = 0; i < ARRAY_SIZE(rvowel) && !v; i++)
				if (!strcmp(p[k].s, rvowel[i][0]))
					v = p[k].stress || p[k].lng ||
					    (first_vowel(p, k) && p[k].s[0] != '@') ||
					    (lenlang && p[k].s[0] == 'o') ? rvowel[i][1] : "@";
			if (v && !strcmp(v, "@") && !strcmp(p[k].s, "e") && k + 3 == n &&
			    !strcmp(after, "g"))
				v = "3:";     /* -berg "burg": Thunberg, Rosenberg */
			if (v) {
				sb_adds(out, v);
				k++;                  /* the r is silent */
				continue;
			}
		}
		if (ph_is_vowel(p[k].s) && !strcmp(p[k].s, "o") && strstr(flags, "penult") &&
		    pretonic(p, n, k))
			v = "@";      /* Ukrainian o before the stress: Tymoshenko */
		else if (ph_is_vowel(p[k].s))
			v = english_vowel(p, n, k, lenlang, flags);
		else if (!strcmp(p[k].s, "r") && k && ph_is_cons(p[k - 1].s) && (k + 1 == n ||
			 ph_is_cons(next)))
			v = k + 1 == n ? "@" : "3:";   /* Petr, Brnabić */
		if (v && !strcmp(v, "E") && !p[k].stress && k >= 2 && k + 2 == n &&
		    strchr("ln", next[0]) && !next[1] && ph_is_cons(p[k - 1].s) &&
		    strcmp(p[k - 1].s, "n"))
			v = "@";      /* -el, -en reduced: Havel, Ibsen; not -nen */
		sb_adds(out, v ? v : p[k].s);
	}
}

/* Whether word ends with suffix (see foreign_ph.h). */
int word_ends_with(const char *word, const char *suffix)
{
	size_t n = strlen(word), k = strlen(suffix);

	if (k > n)
		return 0;
	for (size_t i = 0; i < k; i++)
		if ((unsigned char)word[n - k + i] >= 0x80 ? word[n - k + i] != suffix[i] :
		    (word[n - k + i] | 0x20) != suffix[i])
			return 0;
	return 1;
}

void english_turkish(const char *word, struct ph *p, size_t n)
{
	size_t k = n;
	int v = 0;

	if (!word_ends_with(word, "oğlu") && !word_ends_with(word, "oglu"))
		return;
	while (k-- > 0)
		if (ph_is_vowel(p[k].s) && ++v == 3)
			break;
	if (v < 3)
		return;
	p[k].stress = 2;
	p[k].lng = 1;
}

void english_russian(const char *word, struct ph *p, size_t n)
{
	if (n >= 3 && word_ends_with(word, "ail") && !strcmp(p[n - 1].s, "l") &&
	    !strcmp(p[n - 2].s, "i") && !strcmp(p[n - 3].s, "a")) {
		p[n - 2].stress = 2;           /* Mikhail "mi-ka-EEL" */
		p[n - 2].lng = 1;
	} else if (n >= 2 && (word_ends_with(word, "ai") || word_ends_with(word, "ay")) &&
		   ph_is_vowel(p[n - 2].s) && !strcmp(p[n - 2].s, "a") &&
		   (!strcmp(p[n - 1].s, "i") || !strcmp(p[n - 1].s, "j"))) {
		p[n - 2].stress = 2;           /* Nikolai "ni-ko-LAI" */
	}
}
