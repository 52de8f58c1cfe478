/* numbers_fr.c - French cardinals, ordinals and decimals (numbers_fr.h). */
#include "text/numbers_fr.h"
#include "text/lang.h"

#include <string.h>

static const char *const below20[20] = {
	"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit",
	"neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize",
	"dix-sept", "dix-huit", "dix-neuf",
};

static const char *const tens[10] = {
	"", "dix", "vingt", "trente", "quarante", "cinquante", "soixante",
	"soixante", "quatre-vingt", "quatre-vingt",
};

/* Powers of a thousand from the top, with their noun (NULL: mille). */
static const struct { uint64_t scale; const char *noun; } scales[] = {
	{ 1000000000000ULL, "billion" },
	{ 1000000000ULL, "milliard" },
	{ 1000000ULL, "million" },
	{ 1000ULL, NULL },
};

/* Add a space unless sb is empty or ends with one. */
static void sep(strbuf *sb)
{
	if (sb->len && sb->buf[sb->len - 1] != ' ' && sb->buf[sb->len - 1] != '-')
		sb_addch(sb, ' ');
}

/* The tens word for the decade t (7, 8, 9 vary by country); sets *rest_base
 * to what the units add to (10 for soixante-dix, 0 otherwise). */
static const char *tens_word(int t, unsigned flags, int *rest_base)
{
	*rest_base = 0;
	if (t == 7 && (flags & (NUMFR_BE | NUMFR_CH)))
		return "septante";
	if (t == 8 && (flags & NUMFR_CH))
		return "huitante";
	if (t == 9 && (flags & (NUMFR_BE | NUMFR_CH)))
		return "nonante";
	if (t == 7 || t == 9)
		*rest_base = 10;
	return tens[t];
}

/* 0 < n < 100; final: the number ends here (quatre-vingts takes its s). */
static void add_below100(strbuf *sb, int n, unsigned flags, int final)
{
	int t = n / 10, base, rest;
	const char *tw;

	sep(sb);
	if (n < 20) {
		sb_adds(sb, n == 1 && (flags & NUMFR_FEM) ? "une" : below20[n]);
		return;
	}
	tw = tens_word(t, flags, &base);
	rest = base + n % 10;
	sb_adds(sb, tw);
	if (!rest) {
		if (t == 8 && !(flags & NUMFR_CH) && final)
			sb_addch(sb, 's');
		return;
	}
	if ((rest == 1 || rest == 11) && strcmp(tw, "quatre-vingt"))
		sb_adds(sb, " et ");
	else
		sb_addch(sb, '-');
	sb_adds(sb, rest == 1 && (flags & NUMFR_FEM) ? "une" : below20[rest]);
}

/* 0 < n < 1000. */
static void add_below1000(strbuf *sb, int n, unsigned flags, int final)
{
	int h = n / 100, r = n % 100;

	if (h) {
		sep(sb);
		if (h > 1) {
			sb_adds(sb, below20[h]);
			sb_addch(sb, ' ');
		}
		sb_adds(sb, "cent");
		if (h > 1 && !r && final)
			sb_addch(sb, 's');
	}
	if (r)
		add_below100(sb, r, flags, final);
}

/* French cardinal, group by group from the billions down. */
void numfr_cardinal(strbuf *sb, uint64_t v, unsigned flags)
{
	unsigned masc = flags & ~(unsigned)NUMFR_FEM;

	if (v > NUMFR_MAX)
		v = NUMFR_MAX;
	if (!v) {
		sep(sb);
		sb_adds(sb, "zéro");
		return;
	}
	for (size_t k = 0; k < sizeof(scales) / sizeof(scales[0]); k++) {
		int g = (int)(v / scales[k].scale);

		v %= scales[k].scale;
		if (!g)
			continue;
		if (scales[k].noun) {
			add_below1000(sb, g, masc, 1);
			sep(sb);
			sb_adds(sb, scales[k].noun);
			if (g > 1)
				sb_addch(sb, 's');
		} else {
			if (g > 1)
				add_below1000(sb, g, masc, 0);
			sep(sb);
			sb_adds(sb, "mille");
		}
	}
	if (v)
		add_below1000(sb, (int)v, flags, 1);
}

/* Turn the last word of sb[from..] (a cardinal) into its ordinal form. */
static void ordinal_suffix(strbuf *sb, size_t from)
{
	size_t n = sb->len;
	char *w = sb->buf + from;

	for (size_t k = sb->len; k > from; k--)
		if (sb->buf[k - 1] == ' ' || sb->buf[k - 1] == '-') {
			w = sb->buf + k;
			break;
		}
	if (!strcmp(w, "cinq")) {
		sb_addch(sb, 'u');
	} else if (!strcmp(w, "neuf")) {
		sb->buf[n - 1] = 'v';
	} else if (n > from && (sb->buf[n - 1] == 's') &&
		   (!strcmp(w, "cents") || !strcmp(w, "vingts") ||
		    !strcmp(w, "millions") || !strcmp(w, "milliards") ||
		    !strcmp(w, "billions"))) {
		sb_truncate(sb, n - 1);
	} else if (sb->buf[n - 1] == 'e') {
		sb_truncate(sb, n - 1);
	}
	sb_adds(sb, "ième");
}

/* French ordinal: the cardinal with its last word turned. */
void numfr_ordinal(strbuf *sb, uint64_t v, unsigned flags)
{
	size_t from;

	if (v == 1) {
		sep(sb);
		sb_adds(sb, flags & NUMFR_FEM ? "première" : "premier");
		return;
	}
	sep(sb);
	from = sb->len;
	numfr_cardinal(sb, v, flags & ~(unsigned)NUMFR_FEM);
	ordinal_suffix(sb, from);
}

/* Digits one by one. */
void numfr_digits(strbuf *sb, const char *s, size_t n)
{
	sep(sb);
	norm_digits(sb, s, n, below20);
}

/* The value of a digit string of at most 15 significant digits. */
int numfr_value(const char *s, size_t n, uint64_t *v)
{
	uint64_t x = 0;
	size_t k = 0;

	while (k < n && s[k] == '0')
		k++;
	if (!n || n - k > 15)
		return 0;
	for (; k < n; k++)
		x = x * 10 + (uint64_t)(s[k] - '0');
	*v = x;
	return 1;
}

/* One chunk of decimals: leading zeros said, then the number. */
static void decimal_chunk(strbuf *sb, const char *s, size_t n, unsigned flags)
{
	uint64_t v;
	size_t z = 0;

	while (z + 1 < n && s[z] == '0') {
		sep(sb);
		sb_adds(sb, "zéro");
		z++;
	}
	if (numfr_value(s + z, n - z, &v))
		numfr_cardinal(sb, v, flags & ~(unsigned)NUMFR_FEM);
}

/* The digits after a decimal comma. */
void numfr_decimals(strbuf *sb, const char *frac, size_t n, unsigned flags)
{
	if (n <= 3) {
		decimal_chunk(sb, frac, n, flags);
		return;
	}
	if (n > 6) {             /* "3,14159265": digit by digit, as a newsreader */
		numfr_digits(sb, frac, n);
		return;
	}
	for (size_t k = 0; k < n; k += 2)
		decimal_chunk(sb, frac + k, n - k >= 2 ? 2 : 1, flags);
}

/* The digits after a decimal comma of a price, up to six read as one
 * number ("0,2516 €": deux mille cinq cent seize), more as usual. */
void numfr_decimals_whole(strbuf *sb, const char *frac, size_t n, unsigned flags)
{
	if (n <= 6)
		decimal_chunk(sb, frac, n, flags);
	else
		numfr_decimals(sb, frac, n, flags);
}

/* The word for a fraction's denominator. */
void numfr_denominator(strbuf *sb, uint64_t d, int plural, unsigned flags)
{
	sep(sb);
	if (d == 2)
		sb_adds(sb, "demi");
	else if (d == 3)
		sb_adds(sb, "tiers");
	else if (d == 4)
		sb_adds(sb, "quart");
	else
		numfr_ordinal(sb, d, flags & ~(unsigned)NUMFR_FEM);
	if (plural && d != 3)
		sb_addch(sb, 's');
}
