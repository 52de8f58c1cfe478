/* lang_fr_qty.c - French quantities: a number with what decides how it is
 * said (sign handled before; then scale, currency, percent, unit, noun).
 *   3,5 %  -> trois virgule cinq pour cent
 *   12,50 € -> douze euros cinquante       5 Mds € -> cinq milliards d'euros
 *   130 km/h -> cent trente kilomètres-heure  21 victimes -> vingt et une
 *   18-25 ans -> dix-huit à vingt-cinq ans    les années 1990 -> quatre-vingt-dix */
#include "text/lang_fr.h"
#include "base/util.h"

#include <string.h>

/* Scale words and their abbreviations (abbreviations need a currency). */
static const struct { const char *w; const char *say; int abbr; } scale[] = {
	{ "million", "million", 0 }, { "millions", "millions", 0 },
	{ "milliard", "milliard", 0 }, { "milliards", "milliards", 0 },
	{ "billion", "billion", 0 }, { "billions", "billions", 0 },
	{ "M", "million", 1 }, { "Md", "milliard", 1 }, { "Mds", "milliard", 1 },
	{ "Mrd", "milliard", 1 }, { "Mrds", "milliard", 1 }, { "md", "milliard", 1 },
	{ "mds", "milliard", 1 }, { "Mdr", "milliard", 1 }, { "mrd", "milliard", 1 },
	{ "mrds", "milliard", 1 }, { "mio", "million", 1 }, { "Mio", "million", 1 },
	{ "mia", "milliard", 1 }, { "Mia", "milliard", 1 }, { "mias", "milliard", 1 },
	{ "k", "mille", 1 }, { "K", "mille", 1 },
};

/* The scale entry at token j, or -1. */
static int scale_at(const struct tok_line *tl, size_t j)
{
	if (j >= tl->n || tl->tok[j].kind != TOK_WORD)
		return -1;
	for (size_t k = 0; k < ARRAY_SIZE(scale); k++)
		if (tok_is(tl, j, TOK_WORD, scale[k].w))
			return (int)k;
	return -1;
}

/* The number at i groups its thousands with dots and has a decimal comma
 * after them: "11.972,5" (a Swiss text's dot is else a decimal point). */
static int dot_grouped(const struct tok_line *tl, size_t i)
{
	size_t k = i;

	if (k >= tl->n || tl->tok[k].kind != TOK_NUM || tl->tok[k].len > 3)
		return 0;
	while (fr_glued_punct(tl, k + 1, '.') && fr_glued_num(tl, k + 2) && tl->tok[k + 2].len == 3)
		k += 2;
	return k > i && fr_glued_punct(tl, k + 1, ',') && fr_glued_num(tl, k + 2);
}

/* The thousands marks of the variant at the number i: "1.200", and
 * "1'200" as the Swiss write it (read so in every French text: an
 * apostrophe between digits marks nothing else). */
static const char *thou_marks(const struct fr *fr, const struct tok_line *tl, size_t i)
{
	return fr->numflags & NUMFR_CH && !dot_grouped(tl, i) ? "'" : ".'";
}

/* The currency row for two words at j with one space between them
 * ("francs suisses", "livres sterling"), or NULL. */
static const struct table_row *currency_words(const struct fr *fr, const struct tok_line *tl,
					      size_t j)
{
	const struct token *a = &tl->tok[j], *b = &tl->tok[j + 1];

	if (j + 1 >= tl->n || a->kind != TOK_WORD || b->kind != TOK_WORD ||
	    a->text + a->len + 1 != b->text || a->text[a->len] != ' ' ||
	    (j + 2 < tl->n && tok_glued(tl, j + 2) && tl->tok[j + 2].kind != TOK_PUNCT))
		return NULL;
	return table_get(fr->cur, a->text, a->len + 1 + b->len);
}

/* The currency row at token j (two words, "francs suisses"; one token or
 * two glued, "US$", "Fr."); *used gets the number of tokens. */
static const struct table_row *currency_at(const struct fr *fr, const struct tok_line *tl,
					   size_t j, size_t *used)
{
	const struct table_row *r;

	if (j >= tl->n)
		return NULL;
	if ((r = currency_words(fr, tl, j))) {
		*used = 2;
		return r;
	}
	if (j + 1 < tl->n && tok_glued(tl, j + 1) && tl->tok[j].text + tl->tok[j].len ==
	    tl->tok[j + 1].text &&
	    (r = table_get(fr->cur, tl->tok[j].text, tl->tok[j].len + tl->tok[j + 1].len))) {
		*used = 2;
		return r;
	}
	r = table_get(fr->cur, tl->tok[j].text, tl->tok[j].len);
	if (r && tl->tok[j].kind == TOK_WORD && tok_glued(tl, j + 1) &&
	    tl->tok[j + 1].kind != TOK_PUNCT)
		return NULL;
	*used = 1;
	return r;
}

/* The unit written at token j. */
const struct table_row *fr_unit_at(const struct fr *fr, const struct tok_line *tl,
				       size_t j, size_t *used)
{
	for (size_t n = 4; n >= 1; n--) {
		size_t len = 0, k;

		if (j + n > tl->n)
			continue;
		for (k = j + 1; k < j + n && tok_glued(tl, k); k++)
			;
		if (k < j + n)
			continue;
		len = (size_t)(tl->tok[j + n - 1].text + tl->tok[j + n - 1].len - tl->tok[j].text);
		const struct table_row *r = table_get(fr->units, tl->tok[j].text, len);
		size_t after = j + n;
		if (!r)
			continue;
		if (after < tl->n && tok_glued(tl, after) &&
		    (tl->tok[after].kind != TOK_PUNCT || tok_is_punct(tl, after, '\'') ||
		     tok_is_punct(tl, after, '-')))
			continue;
		*used = n;
		return r;
	}
	return NULL;
}

/* Say a number (integer and decimals) into fr->sb. */
static void say_number(struct fr *fr, const struct norm_number *num, uint64_t v,
		       unsigned flags)
{
	fr_cardinal(fr, v, num->nfrac ? 0 : flags);
	if (num->nfrac) {
		sb_adds(&fr->sb, " virgule");
		numfr_decimals(&fr->sb, num->frac, num->nfrac, fr->numflags);
	}
}

/* A price with three decimals or more: "0,2516 € le kWh" zéro virgule
 * deux mille cinq cent seize, the decimals one number, not in pairs. */
static void say_price(struct fr *fr, const struct norm_number *num, uint64_t v)
{
	fr_cardinal(fr, v, 0);
	sb_adds(&fr->sb, " virgule");
	numfr_decimals_whole(&fr->sb, num->frac, num->nfrac, fr->numflags);
}

/* "de" or "d'" before word w. */
static void add_de(struct fr *fr, const char *w)
{
	sb_adds(&fr->sb, strchr("aeiouyéèAEIOUÉ", w[0]) && w[0] ? " d'" : " de ");
	sb_adds(&fr->sb, w);
}

/* Money: number and currency row r ("douze euros cinquante"). */
static void say_money(struct fr *fr, const struct norm_number *num, uint64_t v,
		      const struct table_row *r)
{
	unsigned fem = table_field(r, 3)[0] == 'f' ? NUMFR_FEM : 0;
	const char *cents = table_field(r, 4);
	uint64_t c = 0;

	if (num->nfrac && num->nfrac <= 2 && cents[0]) {
		numfr_value(num->frac, num->nfrac, &c);
		if (num->nfrac == 1)
			c *= 10;
		if (!v && c) {
			fr_cardinal(fr, c, 0);
			sb_addch(&fr->sb, ' ');
			sb_adds(&fr->sb, cents);
			if (c > 1 && strcmp(cents, "penny"))
				sb_addch(&fr->sb, 's');
			return;
		}
		fr_cardinal(fr, v, fem);
	} else if (num->nfrac >= 3) {
		say_price(fr, num, v);
	} else {
		say_number(fr, num, v, fem);
	}
	if (!num->nfrac && v >= 1000000 && v % 1000000 == 0)
		add_de(fr, table_field(r, 2));
	else {
		sb_addch(&fr->sb, ' ');
		sb_adds(&fr->sb, table_field(r, v >= 2 ? 2 : 1));
	}
	if (c)
		fr_cardinal(fr, c, 0);
}

/* Number, scale word, currency: "5 Mds €", "1,2 milliard $", "3 M€";
 * returns the tokens used after the number, or 0. */
static size_t scaled_money(struct fr *fr, const struct tok_line *tl, size_t j,
			   const struct norm_number *num, uint64_t v)
{
	int s = scale_at(tl, j);
	size_t cu = 0;
	const struct table_row *r;

	if (s < 0 || !(r = currency_at(fr, tl, j + 1, &cu)))
		return 0;
	say_number(fr, num, v, 0);
	sb_addch(&fr->sb, ' ');
	sb_adds(&fr->sb, scale[s].say);
	if (scale[s].abbr && (v >= 2) && strcmp(scale[s].say, "mille"))
		sb_addch(&fr->sb, 's');
	if (!strcmp(scale[s].say, "mille")) {
		sb_addch(&fr->sb, ' ');
		sb_adds(&fr->sb, table_field(r, 2));
	} else {
		add_de(fr, table_field(r, 2));
	}
	return 1 + cu;
}

/* A scale abbreviation before "de"/"d'": "2,3 Mds d'euros" -> milliards. */
static size_t scale_before_de(struct fr *fr, const struct tok_line *tl, size_t j,
			      const struct norm_number *num, uint64_t v)
{
	int s = scale_at(tl, j);

	if (s < 0 || !scale[s].abbr || scale[s].w[0] == 'k' || scale[s].w[0] == 'K' ||
	    !fr_word_in(tl, j + 1, "de|d"))
		return 0;
	say_number(fr, num, v, 0);
	sb_addch(&fr->sb, ' ');
	sb_adds(&fr->sb, scale[s].say);
	if (v >= 2)
		sb_addch(&fr->sb, 's');
	return 1;
}

/* A number glued after a word ("G7", "COP28", "F-16", "Covid-19"): said
 * as a plain cardinal, never grouped with what follows. */
static int after_word(const struct tok_line *tl, size_t i)
{
	if (!tok_glued(tl, i))
		return 0;
	if (fr_word_in(tl, i - 1, "x") && i >= 2 && tl->tok[i - 2].kind == TOK_NUM &&
	    tok_glued(tl, i - 1))
		return 0;                /* "4x100 m": a product, the unit follows */
	if (tl->tok[i - 1].kind == TOK_WORD)
		return 1;
	return tok_is_punct(tl, i - 1, '-') && tok_glued(tl, i - 1) && i >= 2 &&
		tl->tok[i - 2].kind == TOK_WORD;
}

/* Token j is a '-' glued between this number and another: a range or a
 * score ("18-25 ans", "3-1"), said with "à". */
static int glued_range(const struct tok_line *tl, size_t j)
{
	const struct token *a = &tl->tok[j - 1], *b = &tl->tok[j + 1];

	if (!tok_is_punct(tl, j, '-') || !tok_glued(tl, j) || j + 1 >= tl->n ||
	    b->kind != TOK_NUM || !tok_glued(tl, j + 1))
		return 0;
	/* not a reference number: "loi 2023-270" */
	return (a->len <= 3 && b->len <= 3) || b->len > a->len ||
		(a->len == 4 && b->len == 2) ||
		(b->len == a->len && memcmp(b->text, a->text, a->len) > 0);
}

/* After "2.5", token j shows a quantity (%, currency, unit, scale): the
 * dot was a decimal point written the English way. */
static int english_decimal(const struct fr *fr, const struct tok_line *tl, size_t j)
{
	size_t used;

	return tok_is_punct(tl, j, '%') || currency_at(fr, tl, j, &used) ||
		fr_unit_at(fr, tl, j, &used) || scale_at(tl, j) >= 0;
}

/* The number at i is a law article ("article L. 121-1", "art. 223-1",
 * "articles 21-2 et 21-3", "al. 2-1"): its hyphen is said "tiret", not "à". */
static int law_article(const struct tok_line *tl, size_t i)
{
	static const char cite[] = "article|articles|art|arts|alinéa|alinéas|al";

	/* back over the parts of one: "222-33-2" */
	while (i > 1 && tok_is_punct(tl, i - 1, '-') && tok_glued(tl, i) && tok_glued(tl, i - 1) &&
	       tl->tok[i - 2].kind == TOK_NUM)
		i -= 2;
	/* back over a list of them: "articles 21-2, 21-3 et 21-4" */
	for (size_t k = i; k > 1 && k + 12 > i; k--)
		if (fr_word_in(tl, k - 1, "et|ou|à|au") || tok_is_punct(tl, k - 1, ',')) {
			if (tl->tok[k - 2].kind != TOK_NUM)
				break;
			i = k - 2;
			while (i > 1 && tok_is_punct(tl, i - 1, '-') && tl->tok[i - 2].kind == TOK_NUM)
				i -= 2;
			k = i + 1;
		} else
			break;
	if (i >= 2 && tok_is_punct(tl, i - 1, '.') && tl->tok[i - 2].kind == TOK_WORD &&
	    ((tl->tok[i - 2].len == 1 && (tl->tok[i - 2].flags & TF_CAPS)) ||
	     fr_word_in(tl, i - 2, cite)))
		return 1;
	if (i >= 2 && tok_glued(tl, i) && tl->tok[i - 1].len == 1 &&
	    (tl->tok[i - 1].flags & TF_CAPS) && fr_word_in(tl, i - 2, cite))
		return 1;                        /* "article L1234-5" */
	return i >= 1 && fr_word_in(tl, i - 1, cite);
}

/* The number at i is a text's number ("la loi n° 2023-270", "décret no
 * 2024-12", "l'ordonnance 58-1100"): its hyphen is not said.  A year after
 * "loi" without "n°" begins a period: "loi 2024-2030". */
static int law_number(const struct tok_line *tl, size_t i)
{
	for (size_t k = i, no = 0; k-- > 0 && k + 4 > i;)
		if (fr_word_in(tl, k, "loi|lois|décret|décrets|ordonnance|ordonnances|arrêté|"
			       "circulaire|délibération"))
			return no || tl->tok[i].len != 4;
		else if (fr_word_in(tl, k, "n|no|nº|numéro|N|No"))
			no = 1;
		else if (!tok_is_punct(tl, k, '.') &&
			 !(tl->tok[k].kind == TOK_PUNCT && tok_eq_ci(&tl->tok[k], "°")))
			break;
	return 0;
}

/* Tokens j, j+1 are a '-' and digits glued after a number. */
static int glued_hyphen_num(const struct tok_line *tl, size_t j)
{
	return tok_is_punct(tl, j, '-') && tok_glued(tl, j) && j + 1 < tl->n &&
		tl->tok[j + 1].kind == TOK_NUM && tok_glued(tl, j + 1);
}

/* What the sentence of token i is about (lexicon/fr/contexts.tsv): 's'
 * if it has a sport word, else 'l' for a law word, else 0. */
static int sentence_context(const struct fr *fr, const struct tok_line *tl, size_t i)
{
	size_t a = i, b = i;
	int law = 0;

	while (a > 0 && !(tl->tok[a - 1].kind == TOK_PUNCT && tl->tok[a - 1].len == 1 &&
			  strchr(".!?;", tl->tok[a - 1].text[0])))
		a--;
	while (b < tl->n && !(tl->tok[b].kind == TOK_PUNCT && tl->tok[b].len == 1 &&
			      strchr(".!?;", tl->tok[b].text[0])))
		b++;
	for (size_t k = a; k < b; k++) {
		const struct table_row *r;

		if (tl->tok[k].kind != TOK_WORD ||
		    !(r = table_get_lower(fr->ctx, tl->tok[k].text, tl->tok[k].len)))
			continue;
		if (!strcmp(table_field(r, 1), "sport"))
			return 's';
		law |= !strcmp(table_field(r, 1), "law");
	}
	return law ? 'l' : 0;
}

/* The number at i, a hyphen at j and one digit after cite an article of
 * the Constitution by its paragraph, as the press names the procedure:
 * "le 49-3", "un nouveau 49-3", "du 47-1", "l'article 49-3" (said
 * "quarante-neuf trois").
 * Two digits then one, smaller, after a singular determiner or adjective,
 * in a sentence about law (or article 44, 47 or 49, the press's), none
 * about sport: not a score ("le 3-1", "ce 42-3 face à Toulon") nor a range
 * ("de 18-25 ans"). */
static int paragraph_ref(const struct fr *fr, const struct tok_line *tl, size_t i, size_t j)
{
	const struct token *a = &tl->tok[i], *b = &tl->tok[j + 1];
	int ctx;

	if (a->len == 2 && b->len == 1 && a->text[0] == '4' && strchr("479", a->text[1]) &&
	    i > 0 && fr_word_in(tl, i - 1, "article") &&
	    (j + 2 >= tl->n || !tok_glued(tl, j + 2) || tl->tok[j + 2].kind == TOK_PUNCT))
		return 1;                        /* "l'article 49-3" */
	if (!(a->len == 2 && b->len == 1 && b->text[0] < a->text[0] && i > 0 &&
	      fr_word_in(tl, i - 1, "le|du|au|un|ce|cet|son|leur|nouveau|énième|"
			 "premier|second|dernier|prochain|troisième") &&
	      (j + 2 >= tl->n || !tok_glued(tl, j + 2) || tl->tok[j + 2].kind == TOK_PUNCT)))
		return 0;
	ctx = sentence_context(fr, tl, i);
	return ctx == 'l' || (!ctx && a->text[0] == '4' && strchr("479", a->text[1]));
}

/* The number at i, a hyphen at j and the number after name a world war
 * by its years, "la guerre de 14-18", "39-45" (said "quatorze dix-huit",
 * no "à"); "les 14-18 ans", "le score 14-18" stay a range, a score. */
static int war_years(const struct tok_line *tl, size_t i, size_t j)
{
	const struct token *a = &tl->tok[i], *b = &tl->tok[j + 1];

	if (a->len != 2 || b->len != 2 || !((!memcmp(a->text, "14", 2) && !memcmp(b->text, "18", 2)) ||
					     (!memcmp(a->text, "39", 2) && !memcmp(b->text, "45", 2))))
		return 0;
	return i > 0 && fr_word_in(tl, i - 1, "de|la|des|du|guerre|entre|en") &&
		!(j + 2 < tl->n && ((tok_glued(tl, j + 2) && tl->tok[j + 2].kind != TOK_PUNCT) ||
				    fr_word_in(tl, j + 2, "ans")));
}

/* The number at i, a hyphen at j and a number of three digits or more
 * after a maker's name (contexts.tsv "model"): a model, "Boeing 737-800",
 * "Boeing 777-300ER", said without "à". */
static int model_number(const struct fr *fr, const struct tok_line *tl, size_t i, size_t j)
{
	const struct table_row *r;

	return i > 0 && tl->tok[i].len >= 3 && tl->tok[j + 1].len >= 3 &&
		tl->tok[i - 1].kind == TOK_WORD &&
		(r = table_get_lower(fr->ctx, tl->tok[i - 1].text, tl->tok[i - 1].len)) &&
		!strcmp(table_field(r, 1), "model");
}

/* Tokens j, j+1 are a '.' and digits glued to a number: "49.3" (French
 * writes decimals with a comma; a dot here separates parts of a
 * reference: article 49.3), read as two numbers. */
static int dotted_ref(const struct tok_line *tl, size_t j)
{
	return tok_is_punct(tl, j, '.') && tok_glued(tl, j) && j + 1 < tl->n &&
		tl->tok[j + 1].kind == TOK_NUM && tok_glued(tl, j + 1);
}

/* "les années 1990" -> "quatre-vingt-dix" (the newsreader's decade). */
static int decade(struct fr *fr, const struct tok_line *tl, size_t i, uint64_t v)
{
	if (i == 0 || !fr_word_in(tl, i - 1, "années") || v % 10 || v < 1910 || v > 1990)
		return 0;
	fr_cardinal(fr, v % 100, 0);
	if (fr->sb.len > 6 && !memcmp(fr->sb.buf + fr->sb.len - 6, "vingts", 6))
		sb_truncate(&fr->sb, fr->sb.len - 1);
	return 1;
}

/* No noun follows the number ending at j: the end, a mark, or a word
 * that is no noun ("contre 251", "251 sur 300", "251 ont voté"). */
static int noun_implied(const struct tok_line *tl, size_t j)
{
	return j >= tl->n || tl->tok[j].kind == TOK_PUNCT ||
		fr_word_in(tl, j, "contre|sur|et|ou|à|parmi|pour|dont|est|sont|a|ont|était|étaient|"
			   "avait|avaient|sera|seront|ne|n|seulement|environ|au|aux|en|de|d|du|"
			   "des|qui|se|y");
}

/* The noun after the plural determiner at k ("les électrices", "des
 * milliers de personnes": the noun after "de"), or 0. */
static size_t plural_noun_after(const struct tok_line *tl, size_t k)
{
	if (!fr_word_in(tl, k, "les|des|ces|aux|leurs|nos|vos|ses|plusieurs|"
			"certaines|certains|quelques|toutes|tous") ||
	    k + 1 >= tl->n || tl->tok[k + 1].kind != TOK_WORD)
		return 0;
	if (fr_word_in(tl, k + 2, "de|d") && k + 3 < tl->n &&
	    tok_is_punct(tl, k + 3, '\''))
		return k + 4 < tl->n && tl->tok[k + 4].kind == TOK_WORD ? k + 4 : 0;
	if (fr_word_in(tl, k + 2, "de") && k + 3 < tl->n && tl->tok[k + 3].kind == TOK_WORD)
		return k + 3;                    /* des milliers de personnes */
	return k + 1;
}

/* The noun the number at i stands for is feminine: the nearest number
 * with its noun, "une", or plural noun with its determiner before it in
 * the sentence ("289 voix contre 251", "une femme sur 21", "une sur 21",
 * "les électrices : 21 ont voté"), or the pronoun ("elles sont 21"). */
static int implied_feminine(struct fr *fr, const struct tok_line *tl, size_t i)
{
	for (size_t k = i; k-- > 0;) {
		const struct token *t = &tl->tok[k];
		size_t noun;

		if (t->kind == TOK_PUNCT && t->len == 1 && strchr(".!?;", t->text[0]))
			return 0;
		if (fr_word_in(tl, k, "une|elles"))
			return 1;                /* "elles sont 21" */
		if (fr_word_in(tl, k, "un|ils|eux"))
			return 0;
		if (k + 1 < i && (noun = plural_noun_after(tl, k)) && noun < i)
			return fr_feminine(fr, tl, noun);
		if (t->kind == TOK_NUM && k + 1 < i && tl->tok[k + 1].kind == TOK_WORD &&
		    (tl->tok[k + 1].flags & TF_SPACE) && !noun_implied(tl, k + 1))
			return fr_feminine(fr, tl, k + 1);   /* a number with its noun */
	}
	return 0;
}

/* A number with no noun of its own, followed by the noun it takes a part
 * of ("41 des 81 communes", "3 de ces écoles", "21 d'entre elles", "2 sur
 * les 5 régions"): *fem is that noun's gender.  0 when no such noun
 * follows in the sentence. */
static int partitive_ahead(const struct fr *fr, const struct tok_line *tl,
			   size_t j, int *fem)
{
	size_t k = j + 1;

	if (!fr_word_in(tl, j, "des|de|d|parmi|sur"))
		return 0;
	if (tok_is_punct(tl, k, '\''))
		k++;                                     /* d'entre */
	if (fr_word_in(tl, k, "entre"))
		k++;
	if (fr_word_in(tl, k, "elles|eux|ils")) {
		*fem = fr_word_in(tl, k, "elles");
		return 1;
	}
	if (fr_word_in(tl, k, "les|ces|nos|vos|leurs|mes|tes|ses|ce|cet|cette"))
		k++;                                     /* de ces écoles, sur les 5 */
	if (k < tl->n && tl->tok[k].kind == TOK_NUM)
		k++;                                     /* des 81 communes */
	if (k == j + 1 || k >= tl->n || tl->tok[k].kind != TOK_WORD ||
	    !(tl->tok[k].flags & TF_SPACE) || noun_implied(tl, k))
		return 0;                        /* "1 sur 5 est": no noun after */
	*fem = fr_feminine(fr, tl, k);
	return 1;
}

/* A rate after a price or a unit, "/" glued then a unit or a word
 * ("850 €/mois", "0,25 €/kWh", "5 t/ha"): " par" and the unit's singular
 * name or the word go to fr->sb; a number and a unit, "aux" ("5 l/100
 * km" aux cent kilomètres); the tokens used from j, or 0. */
static size_t per_tail(struct fr *fr, const struct tok_line *tl, size_t j)
{
	const struct table_row *r;
	size_t used;
	uint64_t per;

	if (j + 1 >= tl->n || !tok_is_punct(tl, j, '/') || !tok_glued(tl, j) ||
	    !tok_glued(tl, j + 1))
		return 0;
	if (tl->tok[j + 1].kind == TOK_NUM && fr_num_at(tl, j + 1, 4, &per) &&
	    (r = fr_unit_at(fr, tl, j + 2, &used))) {
		sb_adds(&fr->sb, " aux");      /* "5 l/100 km": litres aux cent kilomètres */
		fr_cardinal(fr, per, 0);
		sb_addch(&fr->sb, ' ');
		sb_adds(&fr->sb, table_field(r, per >= 2 ? 2 : 1));
		return used + 2;
	}
	if ((r = fr_unit_at(fr, tl, j + 1, &used))) {
		sb_adds(&fr->sb, " par ");
		sb_adds(&fr->sb, table_field(r, 1));
		return used + 1;
	}
	if (tl->tok[j + 1].kind != TOK_WORD || (tl->tok[j + 1].flags & TF_CAPS) ||
	    (j + 2 < tl->n && tok_glued(tl, j + 2) && !tok_is_punct(tl, j + 2, '.') &&
	     !tok_is_punct(tl, j + 2, ',')))
		return 0;
	sb_adds(&fr->sb, " par ");
	sb_add(&fr->sb, tl->tok[j + 1].text, tl->tok[j + 1].len);
	return 2;
}

/* A currency at j after decimals that are no cents: written in words after
 * one decimal or three ("82,3 dollars"), or any in an exchange rate, a
 * currency named before in the sentence ("l'euro s'échange à 1,08 dollar",
 * "taux de change de 1 € = 1,08 $"): the number is said with "virgule". */
static int decimal_rate(const struct tok_line *tl, size_t j, const struct norm_number *num)
{
	if (!num->nfrac)
		return 0;
	if (num->nfrac != 2 && tl->tok[j].kind == TOK_WORD && !(tl->tok[j].flags & TF_UPPER))
		return 1;
	for (size_t k = j - num->ntok; k-- > 1;) {
		if (tl->tok[k].kind == TOK_PUNCT && tl->tok[k].len == 1 &&
		    strchr(".!?;", tl->tok[k].text[0]))
			break;
		if (fr_word_in(tl, k, "euro|dollar|franc|livre|yen|yuan|rouble|couronne|peso|"
			       "bitcoin|change") &&
		    (fr_word_in(tl, k - 1, "le|la|l|du|de") || tok_is_punct(tl, k - 1, '\'')))
			return 1;
	}
	return 0;
}

/* What follows the number at j: percent, money, unit, noun; writes the
 * whole quantity to fr->sb and returns the tokens used after j. */
static size_t say_tail(struct fr *fr, const struct tok_line *tl, size_t j,
		       const struct norm_number *num, uint64_t v)
{
	const struct table_row *r;
	size_t used = 0, k;

	if (tok_is_punct(tl, j, '%')) {
		say_number(fr, num, v, 0);
		sb_adds(&fr->sb, " pour cent");
		return 1 + per_tail(fr, tl, j + 1);
	}
	if ((used = scaled_money(fr, tl, j, num, v)))
		return used;
	if ((r = currency_at(fr, tl, j, &used)) && decimal_rate(tl, j, num)) {
		if (num->nfrac >= 3)
			say_price(fr, num, v);   /* "0,1952 euro" */
		else
			say_number(fr, num, v, 0);       /* "1,08 dollar": singular below 2 */
		sb_addch(&fr->sb, ' ');
		sb_adds(&fr->sb, table_field(r, v >= 2 ? 2 : 1));
		return used;
	}
	if (r) {
		struct norm_number cents = *num;
		size_t c = j + used;

		if (!num->nfrac && tok_glued(tl, j) && c < tl->n && tl->tok[c].kind == TOK_NUM &&
		    tl->tok[c].len == 2 && tok_glued(tl, c)) {
			memcpy(cents.frac, tl->tok[c].text, 2);   /* "12€50" */
			cents.frac[2] = '\0';
			cents.nfrac = 2;
			used++;
		}
		say_money(fr, &cents, v, r);
		return used + per_tail(fr, tl, j + used);
	}
	if ((used = scale_before_de(fr, tl, j, num, v)))
		return used;
	if (j < tl->n && (r = fr_unit_at(fr, tl, j, &used))) {
		unsigned fem = table_field(r, 3)[0] == 'f' ? NUMFR_FEM : 0;
		uint64_t sub = 0;

		int chrono = !strcmp(table_field(r, 4), "chrono");

		if ((chrono || !strcmp(table_field(r, 4), "split")) && num->nfrac == 2 &&
		    v < 100 && (v || !chrono) && numfr_value(num->frac, 2, &sub) && sub) {
			fr_cardinal(fr, v, fem);  /* "1,80 m": un mètre quatre-vingts */
			sb_addch(&fr->sb, ' ');
			sb_adds(&fr->sb, table_field(r, v >= 2 ? 2 : 1));
			if (chrono && sub < 10)
				sb_adds(&fr->sb, " zéro");   /* "10,05 s": dix secondes zéro cinq */
			fr_cardinal(fr, sub, 0);
			return used;
		}
		say_number(fr, num, v, fem);
		sb_addch(&fr->sb, ' ');
		sb_adds(&fr->sb, table_field(r, v >= 2 ? 2 : 1));
		return used + per_tail(fr, tl, j + used);
	}
	k = j;
	if (fr_word_in(tl, k, "jeunes|autres|mêmes|vraies|fausses|grosses|bonnes"))
		k++;                     /* look past an adjective: "31 jeunes femmes" */
	if (k < tl->n && (tl->tok[k].flags & TF_SPACE) && fr_feminine(fr, tl, k))
		say_number(fr, num, v, NUMFR_FEM);
	else if (noun_implied(tl, j)) {
		int fem;

		if (!partitive_ahead(fr, tl, j, &fem))   /* "41 des 81 communes" */
			fem = implied_feminine(fr, tl, j - num->ntok);   /* "289 voix contre 251" */
		say_number(fr, num, v, fem ? NUMFR_FEM : 0);
	} else
		say_number(fr, num, v, 0);
	return 0;
}

/* A number that is part of a name or a reference, said alone: "G7",
 * "F-16", the "3" of "49.3", the "7" of "7j/7" ("sur sept"). */
static size_t plain_number(struct fr *fr, const struct tok_line *tl, size_t i,
			   struct norm_out *o)
{
	uint64_t v;

	if (!after_word(tl, i) && !(i > 0 && tok_glued(tl, i) && tok_is_punct(tl, i - 1, '/')) &&
	    !(i > 1 && dotted_ref(tl, i - 1) && tl->tok[i - 2].kind == TOK_NUM))
		return 0;
	if (i > 1 && tok_is_punct(tl, i - 1, '/') && tok_glued(tl, i - 1) &&
	    tl->tok[i - 2].kind == TOK_WORD)
		sb_adds(&fr->sb, "sur");
	if (numfr_value(tl->tok[i].text, tl->tok[i].len, &v))
		fr_cardinal(fr, v, 0);
	else
		numfr_digits(&fr->sb, tl->tok[i].text, tl->tok[i].len);
	if (after_word(tl, i) && tok_is_punct(tl, i + 1, ',') && tok_glued(tl, i + 1) &&
	    i + 2 < tl->n && tl->tok[i + 2].kind == TOK_NUM && tok_glued(tl, i + 2)) {
		sb_adds(&fr->sb, " virgule");     /* "PM2,5": P M deux virgule cinq */
		numfr_decimals(&fr->sb, tl->tok[i + 2].text, tl->tok[i + 2].len, fr->numflags);
		fr_flush(fr, o, i, i + 2);
		return 3;
	}
	if (glued_hyphen_num(tl, i + 1) && law_article(tl, i)) {
		sb_adds(&fr->sb, " tiret");        /* "L1234-5" */
		fr_flush(fr, o, i, i + 1);
		return 2;
	}
	fr_flush(fr, o, i, i);
	return 1;
}

/* The number at i is the seconds or minutes of a time written with
 * units, "2 min 08 s", "1 h 05 min 12 s": two digits after the unit of
 * the part before, said as a number ("huit secondes"), not "zéro huit". */
static int clock_part(const struct tok_line *tl, size_t i, const struct norm_number *num)
{
	return num->ndigits == 2 && !num->nfrac && num->ntok == 1 && i >= 2 &&
		fr_word_in(tl, i - 1, "min|mn|h") && tl->tok[i - 2].kind == TOK_NUM &&
		fr_word_in(tl, i + 1, "s|sec|min|mn");
}

/* A number and what it counts (see the top of the file). */
size_t fr_rule_number(struct fr *fr, const struct tok_line *tl, size_t i,
		      struct norm_out *o)
{
	struct norm_number num;
	size_t n, j, extra;
	uint64_t v;
	int kind;

	if ((n = plain_number(fr, tl, i, o)))
		return n;
	n = norm_scan_number(tl, i, thou_marks(fr, tl, i), ',', &num);
	if (!num.ndigits || !numfr_value(num.digits, num.ndigits, &v) ||
	    (num.ndigits > 15 && !num.grouped) ||
	    (num.digits[0] == '0' && num.ndigits > 1 && !clock_part(tl, i, &num))) {
		numfr_digits(&fr->sb, tl->tok[i].text, tl->tok[i].len);
		fr_flush(fr, o, i, i);
		return 1;
	}
	j = i + n;
	if (!num.nfrac && j < tl->n && tok_glued(tl, j) && tl->tok[j].kind == TOK_WORD &&
	    (kind = fr_ordinal_suffix_of(tl->tok[j].text, tl->tok[j].len, v)) &&
	    !tok_glued(tl, j + 1)) {
		fr_say_ordinal(fr, v, kind);     /* "1 000 000 000e" */
		fr_flush(fr, o, i, j);
		return n + 1;
	}
	if (!num.nfrac && dotted_ref(tl, j) && english_decimal(fr, tl, j + 2)) {
		n = norm_scan_number(tl, i, "'", '.', &num);   /* "2.5 %": a decimal */
		j = i + n;
	} else if (!num.nfrac && dotted_ref(tl, j)) {
		say_number(fr, &num, v, 0);
		fr_flush(fr, o, i, j);
		return n + 1;                   /* the digits after are a number */
	}
	if (!num.nfrac && glued_hyphen_num(tl, j) && !paragraph_ref(fr, tl, i, j) &&
	    ((!glued_range(tl, j) && law_article(tl, i)) || law_number(tl, i) ||
	     model_number(fr, tl, i, j))) {
		say_number(fr, &num, v, 0);      /* "article L. 1234-5", "loi n° 2023-270" */
		if (!law_number(tl, i) && !model_number(fr, tl, i, j))
			sb_adds(&fr->sb, " tiret");
		fr_flush(fr, o, i, j);
		return n + 1;
	}
	if (num.nfrac && glued_hyphen_num(tl, j) && !(j + 2 < tl->n && tok_glued(tl, j + 2) &&
						      tok_is_punct(tl, j + 2, '-'))) {
		say_number(fr, &num, v, 0);      /* "1,5-2 %": un virgule cinq à deux */
		sb_adds(&fr->sb, " à");
		fr_flush(fr, o, i, j);
		return n + 1;
	}
	if (num.nfrac && fr_glued_punct(tl, j, '/') && fr_glued_num(tl, j + 1) &&
	    tl->tok[j + 1].len <= 3 && !(j + 2 < tl->n && tok_glued(tl, j + 2) &&
					 !tok_is_punct(tl, j + 2, '.') && !tok_is_punct(tl, j + 2, ',') &&
					 !tok_is_punct(tl, j + 2, ')'))) {
		say_number(fr, &num, v, 0);      /* "4,2/5": quatre virgule deux sur cinq */
		sb_adds(&fr->sb, " sur");
		numfr_value(tl->tok[j + 1].text, tl->tok[j + 1].len, &v);
		fr_cardinal(fr, v, 0);
		fr_flush(fr, o, i, j + 1);
		return n + 2;
	}
	if (!num.nfrac && glued_range(tl, j)) {
		say_number(fr, &num, v, 0);
		if (!paragraph_ref(fr, tl, i, j) && !war_years(tl, i, j))
			sb_adds(&fr->sb, law_article(tl, i) ? " tiret" : " à");
		fr_flush(fr, o, i, j);
		return n + 1;
	}
	if (num.nfrac || !decade(fr, tl, i, v))
		extra = say_tail(fr, tl, j, &num, v);
	else
		extra = 0;
	fr_flush(fr, o, i, j + extra - (extra > 0));
	return n + extra;
}

/* Tokens k, k+1 are ".-" or ",-" glued after an amount ("Fr. 45.-",
 * "45,- €"): a round sum, nothing said; returns 2 or 0. */
static size_t round_mark(const struct tok_line *tl, size_t k)
{
	if ((!tok_is_punct(tl, k, '.') && !tok_is_punct(tl, k, ',')) || !tok_glued(tl, k) ||
	    !tok_is_punct(tl, k + 1, '-') || !tok_glued(tl, k + 1) ||
	    (k + 2 < tl->n && tok_glued(tl, k + 2) && tl->tok[k + 2].kind == TOK_NUM))
		return 0;
	return 2;
}

/* "de" (i) and a currency code after a scale word: "1,4 milliard de CHF",
 * "des millions d'USD" -> "de francs suisses", "de dollars". */
static size_t currency_of(struct fr *fr, const struct tok_line *tl, size_t i,
			  struct norm_out *o)
{
	const struct table_row *r;
	size_t used, k = i + 1;

	if (i == 0 || !fr_word_in(tl, i, "de|d") ||
	    !fr_word_in(tl, i - 1, "million|millions|milliard|milliards|billion|billions|"
			"milliers|centaines|dizaines"))
		return 0;
	if (tok_is_punct(tl, k, '\''))
		k++;
	if (k >= tl->n || tl->tok[k].kind != TOK_WORD || !(tl->tok[k].flags & TF_CAPS) ||
	    !(r = currency_at(fr, tl, k, &used)))
		return 0;
	add_de(fr, table_field(r, 2));
	fr_flush(fr, o, i, k + used - 1);
	return k + used - i;
}

/* A currency sign or code before its amount: "$5", "€ 12", "CHF 1200.50",
 * "Fr. 45.-" (a lower-case currency word does not come first: "euros"). */
size_t fr_rule_currency_first(struct fr *fr, const struct tok_line *tl, size_t i,
			      struct norm_out *o)
{
	struct norm_number num;
	const struct table_row *r;
	size_t used = 0, n, j;
	uint64_t v;
	int s;

	if ((n = currency_of(fr, tl, i, o)))
		return n;
	if (!(r = currency_at(fr, tl, i, &used)) || i + used >= tl->n ||
	    tl->tok[i + used].kind != TOK_NUM ||
	    (tl->tok[i].kind == TOK_WORD && !(tl->tok[i].flags & TF_UPPER) &&
	     !tok_is_punct(tl, i + 1, '.')))
		return 0;
	j = i + used;
	n = norm_scan_number(tl, j, thou_marks(fr, tl, j), ',', &num);
	if (n && !num.nfrac && dotted_ref(tl, j + n) && tl->tok[j + n + 1].len <= 2)
		n = norm_scan_number(tl, j, "'", '.', &num);   /* "CHF 1200.50" */
	if (!n)
		return 0;
	if (!num.ndigits || !numfr_value(num.digits, num.ndigits, &v)) {
		/* too long for an amount: the digits as written, then the
		 * currency, in the spoken order */
		for (size_t k = j; k < j + n; k++)
			if (tl->tok[k].kind == TOK_NUM)
				numfr_digits(&fr->sb, tl->tok[k].text, tl->tok[k].len);
		sb_addch(&fr->sb, ' ');
		sb_adds(&fr->sb, table_field(r, 2));
		fr_flush(fr, o, i, j + n - 1);
		return used + n;
	}
	if ((s = scale_at(tl, j + n)) >= 0 && !scale[s].abbr) {
		say_number(fr, &num, v, 0);
		sb_addch(&fr->sb, ' ');
		sb_adds(&fr->sb, scale[s].say);
		add_de(fr, table_field(r, 2));
		n++;
	} else {
		say_money(fr, &num, v, r);
		n += round_mark(tl, j + n);
	}
	fr_flush(fr, o, i, j + n - 1);
	return used + n;
}
