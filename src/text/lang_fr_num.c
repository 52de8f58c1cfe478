/* lang_fr_num.c - French rules for tokens that start with digits: dates,
 * times, phone numbers, fractions and ordinals (quantities, a number with
 * what decides its plural and gender, are in lang_fr_qty.c). */
#include "text/lang_fr.h"
#include "base/util.h"
#include "text/wordlist.h"

#include <string.h>

static const char *const month_name[13] = {
	"", "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre",
};

/* Say a day of the month: "premier", "deux", ... */
static void say_day(struct fr *fr, uint64_t d)
{
	if (d == 1)
		sb_adds(&fr->sb, " premier");
	else
		fr_cardinal(fr, d, 0);
}

/* Say "day month year" (year written with ylen digits). */
static void say_date(struct fr *fr, uint64_t d, uint64_t m, uint64_t y, size_t ylen)
{
	say_day(fr, d);
	sb_addch(&fr->sb, ' ');
	sb_adds(&fr->sb, month_name[m]);
	if (ylen == 2)
		y += y < 50 ? 2000 : 1900;
	if (ylen)
		fr_cardinal(fr, y, 0);
}

/* "20/11/2023", "20.11.2023", "02-03-2003", "2023-11-20", "17.06". */
static size_t date_numeric(struct fr *fr, const struct tok_line *tl, size_t i,
			   struct norm_out *o)
{
	uint64_t a, b, c;
	char sep = i + 1 < tl->n ? tl->tok[i + 1].text[0] : 0;

	if (!strchr("/.-", sep) || !sep || !fr_glued_punct(tl, i + 1, sep) ||
	    !fr_glued_num(tl, i + 2) || !fr_num_at(tl, i, 4, &a) || !fr_num_at(tl, i + 2, 2, &b))
		return 0;
	if (fr_glued_punct(tl, i + 3, sep) && fr_glued_num(tl, i + 4) && fr_num_at(tl, i + 4, 4, &c) &&
	    !(fr_glued_punct(tl, i + 5, sep) && fr_glued_num(tl, i + 6))) {
		size_t la = tl->tok[i].len, lc = tl->tok[i + 4].len;

		uint64_t y = lc == 4 ? c : c + (c < 50 ? 2000 : 1900);

		if (la <= 2 && (lc == 2 || lc == 4) && norm_real_date(a, b, y))
			say_date(fr, a, b, c, lc);
		else if (la == 4 && lc == 2 && sep == '-' && norm_real_date(c, b, a))
			say_date(fr, c, b, a, 4);
		else
			return 0;
		fr_flush(fr, o, i, i + 4);
		return 5;
	}
	if (sep != '.' || tl->tok[i].len > 2 || tl->tok[i + 2].len != 2 ||
	    !norm_real_date(a, b, 0) || fr_glued_punct(tl, i + 3, ',') ||
	    (fr_glued_punct(tl, i + 3, '.') && (fr_glued_num(tl, i + 4) || i == 0 ||
					     !fr_word_in(tl, i - 1, "le|du|au|jusqu|dès|depuis|"
							 "avant|après|ce"))) ||
	    (i + 3 < tl->n && tl->tok[i + 3].kind == TOK_PUNCT &&
	     !strchr(".,;:!?)", tl->tok[i + 3].text[0])))
		return 0;
	say_date(fr, a, b, 0, 0);
	fr_flush(fr, o, i, i + 2);
	return 3;
}

/* "le 12/12", "du 3/10": day/month without a year, only after a word
 * that announces a date (else 1/2 is a fraction). */
static size_t date_short(struct fr *fr, const struct tok_line *tl, size_t i,
			 struct norm_out *o)
{
	uint64_t d, m;

	if (i == 0 || !fr_word_in(tl, i - 1, "le|du|au|depuis|dès|avant|après|jusqu|"
				 "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche") ||
	    !fr_num_at(tl, i, 2, &d) || !fr_glued_punct(tl, i + 1, '/') || !fr_glued_num(tl, i + 2) ||
	    !fr_num_at(tl, i + 2, 2, &m) || fr_glued_punct(tl, i + 3, '/') ||
	    !norm_real_date(d, m, 0) || (d < m && m <= 4) ||
	    fr_word_in(tl, i + 3, "de|d|des|du"))
		return 0;                /* "le 1/4 de finale" is a fraction */
	say_date(fr, d, m, 0, 0);
	fr_flush(fr, o, i, i + 2);
	return 3;
}

/* "les 17/18 juin", "les 17-18-19 juin": days before a month. */
static size_t day_list(struct fr *fr, const struct tok_line *tl, size_t i,
		       struct norm_out *o)
{
	size_t j = i;
	uint64_t d;

	while (fr_num_at(tl, j, 2, &d) && d >= 1 && d <= 31 && j < i + 12) {
		say_day(fr, d);
		if ((fr_glued_punct(tl, j + 1, '/') || fr_glued_punct(tl, j + 1, '-')) && fr_glued_num(tl, j + 2))
			j += 2;
		else
			break;
	}
	if (j == i || !fr_month(fr, tl, j + 1) || tok_glued(tl, j + 1)) {
		sb_reset(&fr->sb);
		return 0;
	}
	fr_flush(fr, o, i, j);
	return j - i + 1;
}

/* Say the month at i (a full name or an abbreviation with its dot);
 * returns the tokens used. */
static size_t say_month_word(struct fr *fr, const struct tok_line *tl, size_t i)
{
	const struct table_row *m = fr_month(fr, tl, i);
	int abbr = m && strcmp(m->key, table_field(m, 1));

	int dot = fr_glued_punct(tl, i + 1, '.');

	if (!m || (abbr && !dot && !(i + 1 < tl->n && tl->tok[i + 1].kind == TOK_NUM &&
				     tl->tok[i + 1].len == 4)))
		return 0;                /* "3 janv." or "3 janv 2024", not "7 sept" */
	sb_addch(&fr->sb, ' ');
	sb_adds(&fr->sb, table_field(m, 1));
	return abbr && dot ? 2 : 1;
}

/* "1 mai", "14-Juillet", "3 janv.": a day then a month word. */
static size_t day_month(struct fr *fr, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	uint64_t d;
	size_t j = i + 1, used;

	if (!fr_num_at(tl, i, 2, &d) || d < 1 || d > 31)
		return 0;
	if (fr_glued_punct(tl, j, '-') && tok_glued(tl, j + 1))
		j++;
	else if (j < tl->n && !(tl->tok[j].flags & TF_SPACE))
		return 0;
	say_day(fr, d);
	if (!(used = say_month_word(fr, tl, j))) {
		sb_reset(&fr->sb);
		return 0;
	}
	fr_flush(fr, o, i, j + used - 1);
	return j + used - i;
}

/* Dates: numeric, day + month word, lists of days. */
/* Words that a numbered act, case or file follows ("l'arrêté n°
 * 2024/123", "le dossier 12/2024", "la directive 2019/790"). */
#define REFERENCE_NOUN "arrêté|arrêtés|loi|lois|décret|décrets|décision|décisions|" \
	"directive|directives|règlement|règlements|dossier|dossiers|affaire|affaires|" \
	"résolution|résolutions|délibération|délibérations|circulaire|circulaires|" \
	"ordonnance|ordonnances|arrêt|arrêts|jugement|jugements|requête|requêtes|" \
	"pourvoi|pourvois|recours|avis|recommandation|référence|réf|rôle|procédure|" \
	"plainte|numéro|numéros|RG"

/* The token before i is "n°" (2) or, a bracketed acronym aside
 * ("règlement (UE) 2016/679"), a noun of REFERENCE_NOUN (1); else 0. */
int fr_after_reference_noun(const struct tok_line *tl, size_t i)
{
	size_t k = i;

	if (k >= 2 && tl->tok[k - 1].kind == TOK_PUNCT && tok_eq_ci(&tl->tok[k - 1], "°") &&
	    fr_word_in(tl, k - 2, "n"))
		return 2;                /* "n°", "N°" */
	if (k >= 1 && fr_word_in(tl, k - 1, "nº|no|nos"))
		return 2;
	if (k >= 3 && tok_is_punct(tl, k - 1, ')') && (tl->tok[k - 2].flags & TF_CAPS) &&
	    tok_is_punct(tl, k - 3, '('))
		k -= 3;
	return k >= 1 && fr_word_in(tl, k - 1, REFERENCE_NOUN);
}

/* Token k is a separator of a case or file number: '-', '/' or '.'
 * glued between two parts ("22-81.234", "24-D-03"). */
static int file_separator(const struct tok_line *tl, size_t k)
{
	return (fr_glued_punct(tl, k, '-') || fr_glued_punct(tl, k, '/') ||
		fr_glued_punct(tl, k, '.')) && k + 1 < tl->n && tok_glued(tl, k + 1) &&
		(tl->tok[k + 1].kind == TOK_NUM ||
		 (tl->tok[k + 1].len == 1 && (tl->tok[k + 1].flags & TF_CAPS)));
}

/* A case or file number after "n°" or "numéro" ("le pourvoi n° 22-81.234",
 * "le dossier n° 23/01234", "la décision n° 24-D-03"), or after a file's
 * noun when it has two separators or a part with a leading zero ("RG
 * 21/00456"): its parts one after the other, separators unsaid, a part
 * with a leading zero digit by digit (vingt-trois zéro un deux trois
 * quatre), a letter as a letter. */
size_t fr_rule_file_number(struct fr *fr, const struct tok_line *tl, size_t i,
			   struct norm_out *o)
{
	int ref = fr_after_reference_noun(tl, i), zero = 0;
	size_t j = i, seps = 0;
	uint64_t v;

	if (!ref || (i > 0 && tok_glued(tl, i) && ref != 2))
		return 0;
	while (file_separator(tl, j + 1)) {
		j += 2;
		seps++;
		zero |= tl->tok[j].kind == TOK_NUM && tl->tok[j].text[0] == '0';
	}
	if (!seps || (j + 1 < tl->n && tok_glued(tl, j + 1) && tl->tok[j + 1].kind != TOK_PUNCT))
		return 0;
	if (ref != 2 && !fr_word_in(tl, i - 1, "numéro|numéros") && seps < 2 && !zero)
		return 0;
	for (size_t k = i; k <= j; k += 2) {
		const struct token *t = &tl->tok[k];

		if (t->kind != TOK_NUM) {
			sb_addch(&fr->sb, ' ');
			sb_add(&fr->sb, t->text, t->len);
		} else if ((t->text[0] == '0' && t->len > 1) || !numfr_value(t->text, t->len, &v)) {
			numfr_digits(&fr->sb, t->text, t->len);
		} else {
			fr_cardinal(fr, v, 0);
		}
	}
	fr_flush(fr, o, i, j);
	return j - i + 1;
}

/* "expire en 03/2024", "fin 12/2025": a month and a year, said "mars
 * deux mille vingt-quatre"; not a numbered file ("le dossier 12/2024"). */
static size_t month_year(struct fr *fr, const struct tok_line *tl, size_t i,
			 struct norm_out *o)
{
	uint64_t m, y;

	if (!fr_num_at(tl, i, 2, &m) || m < 1 || m > 12 || !fr_glued_punct(tl, i + 1, '/') ||
	    !fr_glued_num(tl, i + 2) || tl->tok[i + 2].len != 4 ||
	    !fr_num_at(tl, i + 2, 4, &y) || y < 1900 || y > 2100 ||
	    fr_glued_punct(tl, i + 3, '/') || fr_glued_punct(tl, i + 3, '-') ||
	    (i > 0 && tok_glued(tl, i)) || fr_after_reference_noun(tl, i))
		return 0;
	sb_adds(&fr->sb, month_name[m]);
	fr_cardinal(fr, y, 0);
	fr_flush(fr, o, i, i + 2);
	return 3;
}

size_t fr_rule_date(struct fr *fr, const struct tok_line *tl, size_t i,
		    struct norm_out *o)
{
	size_t n;

	if ((n = date_numeric(fr, tl, i, o)) || (n = day_month(fr, tl, i, o)) ||
	    (n = date_short(fr, tl, i, o)) || (n = month_year(fr, tl, i, o)))
		return n;
	return day_list(fr, tl, i, o);
}

/* "14h30", "9 h 05", "21h", "0h15", "2 h 30 min", "14:30", "24h/24". */
size_t fr_rule_time(struct fr *fr, const struct tok_line *tl, size_t i,
		    struct norm_out *o)
{
	uint64_t h, m = 0, per;
	size_t j = i + 1;
	int colon = fr_glued_punct(tl, j, ':'), has_min = 0;

	if (!fr_num_at(tl, i, 2, &h) || h > 24 || !(fr_word_in(tl, j, "h|H") || colon))
		return 0;
	if (fr_num_at(tl, j + 1, 2, &m) && tl->tok[j + 1].len == 2 && m >= 60 &&
	    tok_glued(tl, j + 1))
		return 0;                /* "14h60": not a time, said as written */
	if (fr_num_at(tl, j + 1, 2, &m) && tl->tok[j + 1].len == 2 && m < 60 &&
	    (!colon || tok_glued(tl, j + 1)) &&
	    (!tok_glued(tl, j + 2) || tl->tok[j + 2].kind == TOK_PUNCT ||
	     fr_word_in(tl, j + 2, "min|mn"))) {
		has_min = 1;
		j++;
	} else if (colon) {
		return 0;
	}
	fr_cardinal(fr, h, NUMFR_FEM);
	sb_adds(&fr->sb, h > 1 ? " heures" : " heure");
	if (has_min && m)      /* "18h00": dix-huit heures, no "zéro" */
		fr_cardinal(fr, m, NUMFR_FEM);
	if (has_min && fr_word_in(tl, j + 1, "min|mn")) {
		sb_adds(&fr->sb, m > 1 ? " minutes" : " minute");
		j++;
	}
	if (!has_min && fr_glued_punct(tl, j + 1, '/') && fr_num_at(tl, j + 2, 2, &per)) {
		sb_adds(&fr->sb, " sur");
		fr_cardinal(fr, per, 0);
		j += 2;
	}
	if (fr_glued_punct(tl, j + 1, '-') && fr_glued_num(tl, j + 2)) {
		sb_adds(&fr->sb, " à");
		j++;
	}
	fr_flush(fr, o, i, j);
	return j - i + 1;
}

/* Say a two-digit pair of a phone number: "01" zéro un, "45" quarante-cinq. */
static void say_pair(struct fr *fr, const char *s)
{
	if (fr->sb.len)
		sb_addch(&fr->sb, ',');
	if (s[0] == '0') {
		sb_adds(&fr->sb, " zéro");
		numfr_digits(&fr->sb, s + 1, 1);
	} else {
		fr_cardinal(fr, (uint64_t)((s[0] - '0') * 10 + s[1] - '0'), 0);
	}
}

/* Pairs of a phone number spread over tokens: "01 23 45 67 89",
 * "01.23.45.67.89"; returns the tokens used or 0. */
static size_t phone_pairs(const struct tok_line *tl, size_t i, size_t npairs)
{
	size_t j = i;

	for (size_t k = 0; k < npairs; k++) {
		if (j >= tl->n || tl->tok[j].kind != TOK_NUM || tl->tok[j].len != 2)
			return 0;
		if (k && !(tl->tok[j].flags & TF_SPACE) &&
		    !(tok_glued(tl, j) && (tok_is_punct(tl, j - 1, '.') || tok_is_punct(tl, j - 1, '-'))))
			return 0;
		j++;
		if (k + 1 < npairs && (fr_glued_punct(tl, j, '.') || fr_glued_punct(tl, j, '-')))
			j++;
	}
	return fr_glued_num(tl, j) ? 0 : j - i;
}

/* Say the NUM tokens i..i+n-1 as phone pairs. */
static void say_pairs(struct fr *fr, const struct tok_line *tl, size_t i, size_t n)
{
	for (size_t k = i; k < i + n; k++)
		if (tl->tok[k].kind == TOK_NUM)
			say_pair(fr, tl->tok[k].text);
}

/* "+33 1 23 45 67 89": country code, one digit, four pairs. */
static size_t phone_intl(struct fr *fr, const struct tok_line *tl, size_t i)
{
	uint64_t cc;
	size_t n;

	if (i == 0 || !tok_is_punct(tl, i - 1, '+') || !fr_num_at(tl, i, 3, &cc) ||
	    i + 1 >= tl->n || tl->tok[i + 1].len != 1 || tl->tok[i + 1].kind != TOK_NUM ||
	    !(n = phone_pairs(tl, i + 2, 4)))
		return 0;
	fr_cardinal(fr, cc, 0);
	sb_addch(&fr->sb, ',');
	numfr_digits(&fr->sb, tl->tok[i + 1].text, 1);
	say_pairs(fr, tl, i + 2, n);
	return n + 2;
}

/* "0800 123 456": a service number, the prefix then two groups of three. */
static size_t phone_0800(struct fr *fr, const struct tok_line *tl, size_t i)
{
	const struct token *t = &tl->tok[i];
	uint64_t v;

	if (t->len != 4 || t->text[0] != '0' || t->text[1] != '8' || i + 2 >= tl->n ||
	    tl->tok[i + 1].len != 3 || tl->tok[i + 2].len != 3 ||
	    tl->tok[i + 1].kind != TOK_NUM || tl->tok[i + 2].kind != TOK_NUM ||
	    !(tl->tok[i + 1].flags & TF_SPACE) || !(tl->tok[i + 2].flags & TF_SPACE))
		return 0;
	sb_adds(&fr->sb, "zéro");
	numfr_value(t->text + 1, 3, &v);
	fr_cardinal(fr, v, 0);
	for (size_t k = i + 1; k <= i + 2; k++) {
		numfr_value(tl->tok[k].text, 3, &v);
		sb_addch(&fr->sb, ',');
		fr_cardinal(fr, v, 0);
	}
	return 3;
}

/* Say a group of a phone number, after a comma if comma: its leading
 * zeros one by one, then the rest as a number ("022" zéro vingt-deux,
 * "0800" zéro huit cents). */
static void say_phone_group(struct fr *fr, const struct token *t, int comma)
{
	size_t z = 0;
	uint64_t v;

	if (comma && fr->sb.len)
		sb_addch(&fr->sb, ',');
	while (z < t->len && t->text[z] == '0') {
		sb_adds(&fr->sb, " zéro");
		z++;
	}
	if (z < t->len && numfr_value(t->text + z, t->len - z, &v))
		fr_cardinal(fr, v, 0);
}

/* Any other phone number in groups of 1 to 4 digits, by white space or by
 * dots: a trunk zero first ("022 708 12 34", "02 737 21 11", "0 800 123
 * 456") or a country code after "+" ("+41 22 708 12 34"), 8 to 13 digits
 * in 4 groups or more (3 dotted are a date, "02.03.2003").  A number
 * never begins with a zero group, and the groups after "+12" are not all
 * thousands ("+1 300 000 000"). */
static size_t phone_groups(struct fr *fr, const struct tok_line *tl, size_t i)
{
	int plus = i > 0 && tok_is_punct(tl, i - 1, '+');
	size_t j = i, ng = 0, digits = 0, threes = 0;
	char sep = 0;

	if (plus ? tl->tok[i].text[0] == '0' || tl->tok[i].len > 3 : tl->tok[i].text[0] != '0')
		return 0;
	for (;;) {
		const struct token *t = &tl->tok[j];

		if (t->kind != TOK_NUM || t->len > 4)
			return 0;
		ng++;
		digits += t->len;
		threes += ng > 1 && t->len == 3;
		if (j + 2 < tl->n && sep != ' ' && fr_glued_punct(tl, j + 1, '.') && fr_glued_num(tl, j + 2)) {
			sep = '.';
			j += 2;
		} else if (j + 1 < tl->n && sep != '.' && tl->tok[j + 1].kind == TOK_NUM &&
			   (tl->tok[j + 1].flags & TF_SPACE)) {
			sep = ' ';
			j++;
		} else {
			break;
		}
	}
	if ((ng < 4 && !(ng == 3 && digits == 9 && tl->tok[i].len == 4 && !plus &&
			 strchr("789", tl->tok[i].text[1]))) ||
	    digits < 8 || digits > 13 || fr_glued_num(tl, j + 1) ||
	    (fr_glued_punct(tl, j + 1, ',') && fr_glued_num(tl, j + 2)) || (plus && threes == ng - 1))
		return 0;
	/* four groups or more; three for a Belgian service number, "0800 12
	 * 345", "0900 12 345", "070 ..." (four digits, then two and three) */
	for (size_t k = i; k <= j; k++)   /* "0 800": zéro huit cents, one group */
		if (tl->tok[k].kind == TOK_NUM)
			say_phone_group(fr, &tl->tok[k], !(k == i + 1 && tok_eq_ci(&tl->tok[i], "0")));
	return j - i + 1;
}

/* French phone numbers, said in pairs. */
size_t fr_rule_phone(struct fr *fr, const struct tok_line *tl, size_t i,
		     struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	size_t n = 0;

	if (t->len == 4 && t->text[0] == '3' && i > 0 &&
	    fr_word_in(tl, i - 1, "le|au|du|numéro|écoute|ligne|urgence") &&
	    !(i + 1 < tl->n && tok_glued(tl, i + 1) && tl->tok[i + 1].kind != TOK_PUNCT) &&
	    fr_sentence_has(fr, tl, i, 1, "phone")) {
		say_pair(fr, t->text);  /* a short number: "le 3919" trente-neuf dix-neuf */
		say_pair(fr, t->text + 2);
		char *c = memchr(fr->sb.buf, ',', fr->sb.len);   /* said in one breath */
		if (c) {
			memmove(c, c + 1, fr->sb.len - (size_t)(c - fr->sb.buf) - 1);
			sb_truncate(&fr->sb, fr->sb.len - 1);
		}
		n = 1;
	} else if (t->len == 10 && t->text[0] == '0' && !fr_glued_num(tl, i + 1)) {
		for (size_t k = 0; k < 10; k += 2)
			say_pair(fr, t->text + k);
		n = 1;
	} else if (t->len == 2 && t->text[0] == '0' && (n = phone_pairs(tl, i, 5))) {
		say_pairs(fr, tl, i, n);
	} else if (!(n = phone_intl(fr, tl, i)) && !(n = phone_0800(fr, tl, i))) {
		n = phone_groups(fr, tl, i);
	}
	if (n)
		fr_flush(fr, o, i, i + n - 1);
	return n;
}

/* Token t is a place of the word list, spelled there with a capital
 * (lexicon/fr/places.txt, cities.txt: "Marseille", "Villeurbanne"). */
int fr_listed_place(const struct token *t)
{
	strbuf sb;
	int cap;

	sb_init(&sb);
	cap = wordlist_find("fr", t->text, t->len, &sb) && sb.len &&
	      (((unsigned char)sb.buf[0] >= 'A' && (unsigned char)sb.buf[0] <= 'Z') ||
	       ((unsigned char)sb.buf[0] == 0xC3 && sb.len > 1 &&
		(unsigned char)sb.buf[1] >= 0x80 && (unsigned char)sb.buf[1] <= 0x9E));
	sb_release(&sb);
	return cap;
}

/* A French postal code: five digits, a department (01-95, 97, 98) first,
 * after a comma, a capital or the start and before a capitalized place
 * ("75002 Paris", "13008 Marseille", "33000 Bordeaux Cedex").  Said as
 * the post office and people say it: the department, then the rest
 * with its leading zeros ("soixante-quinze zéro zéro deux"), "mille"
 * for 000 ("trente-trois mille"), else as a number ("soixante-neuf
 * cent"). */
size_t fr_rule_postcode(struct fr *fr, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	uint64_t dep, rest;
	size_t z;

	if (t->len != 5 || !numfr_value(t->text, 2, &dep) || !numfr_value(t->text + 2, 3, &rest) ||
	    dep < 1 || dep > 98 || dep == 96 || i + 1 >= tl->n ||
	    tl->tok[i + 1].kind != TOK_WORD || !(tl->tok[i + 1].flags & TF_SPACE) ||
	    !(tl->tok[i + 1].flags & TF_UPPER) || (i > 0 && tok_glued(tl, i)) ||
	    (i > 0 && tl->tok[i - 1].kind == TOK_NUM) ||
	    (i > 0 && tl->tok[i - 1].kind == TOK_WORD && !(tl->tok[i - 1].flags & TF_UPPER) &&
	     !fr_word_in(tl, i - 1, "postal") &&
	     (fr_word_in(tl, i - 1, "les|des|ces|nos|vos|leurs|mes|tes|ses") ||
	      !fr_listed_place(&tl->tok[i + 1]))))
		return 0;
	if (t->text[0] == '0')
		sb_adds(&fr->sb, "zéro");
	fr_cardinal(fr, dep, 0);
	if (rest == 0) {
		sb_adds(&fr->sb, " mille");
	} else {
		for (z = 2; z < 5 && t->text[z] == '0'; z++)
			sb_adds(&fr->sb, " zéro");
		fr_cardinal(fr, rest, 0);
	}
	fr_flush(fr, o, i, i);
	return 1;
}

/* Say the fraction a/d: "un demi", "trois quarts", "deux neuvièmes",
 * or "a sur d" for a large denominator or a numerator as large ("15 sur
 * 20", "24 sur 7"); two years are just said; after an article
 * "un" is left out ("le quart"). */
static void say_fraction(struct fr *fr, uint64_t a, uint64_t d, int after_article,
			 int plural_article, unsigned fem)
{
	if (a >= 1000 && d >= 1000) {
		fr_cardinal(fr, a, 0);   /* "l'exercice 2023/2024" */
		fr_cardinal(fr, d, 0);
		return;
	}
	if (a != 1 || d > 10 || !after_article)
		fr_cardinal(fr, a, a == 1 ? fem : 0);   /* "le 1/4 de finale": "le quart" */
	if (a < d && (d <= 10 || d == 100 || d == 1000)) {
		/* "les 1/4 de finale": les quarts */
		numfr_denominator(&fr->sb, d, a >= 2 || (a == 1 && plural_article && d <= 10),
				  fr->numflags);
	} else {
		sb_adds(&fr->sb, " sur");
		fr_cardinal(fr, d, 0);
	}
}

/* A fraction written as one character ("½", "¾"): its numerator and
 * denominator; 0 if token i is not one. */
static int vulgar_at(const struct tok_line *tl, size_t i, uint64_t *a, uint64_t *d)
{
	static const struct { const char *c; unsigned char a, d; } vf[] = {
		{ "½", 1, 2 }, { "⅓", 1, 3 }, { "⅔", 2, 3 }, { "¼", 1, 4 }, { "¾", 3, 4 },
		{ "⅕", 1, 5 }, { "⅖", 2, 5 }, { "⅗", 3, 5 }, { "⅘", 4, 5 }, { "⅙", 1, 6 },
		{ "⅚", 5, 6 }, { "⅐", 1, 7 }, { "⅛", 1, 8 }, { "⅜", 3, 8 }, { "⅝", 5, 8 },
		{ "⅞", 7, 8 }, { "⅑", 1, 9 }, { "⅒", 1, 10 },
	};

	if (i >= tl->n || tl->tok[i].kind != TOK_PUNCT)
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(vf); k++)
		if (tok_eq_ci(&tl->tok[i], vf[k].c)) {
			*a = vf[k].a;
			*d = vf[k].d;
			return 1;
		}
	return 0;
}

/* The fraction a/d written at j ("3/4" or "¾"): how many tokens it
 * takes, 0 if there is none. */
static size_t fraction_end(const struct tok_line *tl, size_t j, uint64_t *a, uint64_t *d)
{
	if (vulgar_at(tl, j, a, d))
		return 1;
	if (!fr_num_at(tl, j, 4, a) || !fr_glued_punct(tl, j + 1, '/') || !fr_glued_num(tl, j + 2) ||
	    !fr_num_at(tl, j + 2, 4, d) || *d < 2 || fr_glued_punct(tl, j + 3, '/'))
		return 0;
	return 3;
}

/* Token k is a lower-case word after a space, not "de"/"des"/"du"/"d'",
 * and nothing but punctuation is glued after it: a noun a fraction can
 * count ("1/2 heure", "2 1/2 ans"). */
static int fraction_noun(const struct tok_line *tl, size_t k)
{
	return k < tl->n && tl->tok[k].kind == TOK_WORD && (tl->tok[k].flags & TF_SPACE) &&
	       !(tl->tok[k].flags & TF_UPPER) && !fr_word_in(tl, k, "de|des|du|d") &&
	       !(k + 1 < tl->n && tok_glued(tl, k + 1) && tl->tok[k + 1].kind != TOK_PUNCT);
}

/* What follows "de" when 1/2 counts a part of something ("de la", "de
 * ces", "d'entre"). */
#define HALF_OF_DET "la|l|ce|cet|cette|ces|son|sa|ses|leur|leurs|notre|nos|votre|vos|" \
	"mon|ma|mes|entre|tous|toutes|chaque|celle|celles|ceux"

/* "1/2 des votants", "½ de la population", "1/2 d'entre eux": "la
 * moitié" (just "moitié" after "la"); not before a bare noun ("1/2 de
 * finale", "1/2 d'heure"). */
static int say_half_of(struct fr *fr, const struct tok_line *tl, size_t i, size_t k)
{
	if (!(k < tl->n && (tl->tok[k].flags & TF_SPACE)))
		return 0;
	if (!fr_word_in(tl, k, "des|du") &&
	    !(fr_word_in(tl, k, "de") && fr_word_in(tl, k + 1, HALF_OF_DET)) &&
	    !(fr_word_in(tl, k, "d") && tok_is_punct(tl, k + 1, '\'') &&
	      fr_word_in(tl, k + 2, HALF_OF_DET)))
		return 0;
	sb_adds(&fr->sb, i > 0 && fr_word_in(tl, i - 1, "la") ? "moitié" : "la moitié");
	return 1;
}

/* Fractions and mixed numbers (not dates). */
size_t fr_rule_fraction(struct fr *fr, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	uint64_t w = 0, a, d;
	size_t j = i, last;
	int mixed = 0, ref;

	if (i > 0 && tok_glued(tl, i) && tok_is_punct(tl, i - 1, '/'))
		return 0;
	if (fraction_end(tl, i, &a, &d) == 3 &&
	    (a >= 1000 || (ref = fr_after_reference_noun(tl, i)) == 2 ||
	     (ref && (a >= d || d >= 100))))
		return 0;                /* "l'arrêté n° 2024/123": a number, no fraction */
	if (fr_num_at(tl, i, 3, &w) && i + 1 < tl->n &&
	    ((tl->tok[i + 1].kind == TOK_NUM && (tl->tok[i + 1].flags & TF_SPACE) &&
	      fr_glued_punct(tl, i + 2, '/')) || vulgar_at(tl, i + 1, &a, &d))) {
		mixed = 1;
		j = i + 1;
	}
	if (!(last = fraction_end(tl, j, &a, &d)) || (mixed && a >= d))
		return 0;
	last += j - 1;
	if (mixed && a == 1 && d == 2 && fraction_noun(tl, last + 1)) {
		/* "1 1/2 litre": un litre et demi; "2 1/2 heures": deux heures et demie */
		int fem = fr_feminine(fr, tl, last + 1);

		fr_cardinal(fr, w, fem ? NUMFR_FEM : 0);
		sb_addch(&fr->sb, ' ');
		sb_add(&fr->sb, tl->tok[last + 1].text, tl->tok[last + 1].len);
		sb_adds(&fr->sb, fem ? " et demie" : " et demi");
		fr_flush(fr, o, i, last + 1);
		return last + 2 - i;
	}
	if (mixed) {
		fr_cardinal(fr, w, 0);
		sb_adds(&fr->sb, " et");
	}
	if (mixed && a == 1 && d == 2) {
		sb_adds(&fr->sb, " demi");          /* "un et demi" */
	} else if (a == 1 && d == 2 && !mixed && say_half_of(fr, tl, i, last + 1)) {
		;                                     /* "la moitié des votants" */
	} else if (a == 1 && d == 2 && !mixed && fraction_noun(tl, last + 1)) {
		if (!(i > 0 && fr_word_in(tl, i - 1, "le|la|un|une|du|au|l")))
			fr_cardinal(fr, 1, fr_feminine(fr, tl, last + 1) ? NUMFR_FEM : 0);
		sb_adds(&fr->sb, " demi-");         /* "1/2 heure": une demi-heure */
		sb_add(&fr->sb, tl->tok[last + 1].text, tl->tok[last + 1].len);
		fr_flush(fr, o, i, last + 1);
		return last + 2 - i;
	} else
		say_fraction(fr, a, d, !mixed && i > 0 &&
			     fr_word_in(tl, i - 1, "le|la|les|du|au|l|des|aux"),
			     !mixed && i > 0 && fr_word_in(tl, i - 1, "les|des|aux"),
			     last + 1 < tl->n && (tl->tok[last + 1].flags & TF_SPACE) &&
			     fr_feminine(fr, tl, last + 1) ? NUMFR_FEM : 0);
	if (last + 1 < tl->n && tok_glued(tl, last + 1) && tl->tok[last + 1].kind == TOK_WORD &&
	    fr_ordinal_suffix(tl->tok[last + 1].text, tl->tok[last + 1].len))
		last++;                  /* "1/8e de finale": the suffix is said already */
	fr_flush(fr, o, i, last);
	return last + 1 - i;
}

/* Ordinal suffixes: 1 masculine, 2 feminine, 3 plural masculine, 4 plural
 * feminine, 5-8 the same for second(e)(s); 0 if s is not one. */
int fr_ordinal_suffix(const char *s, size_t n)
{
	static const struct { const char *suf; int kind; } sfx[] = {
		{ "er", 1 }, { "re", 2 }, { "ère", 2 }, { "e", 1 }, { "ème", 1 },
		{ "eme", 1 }, { "è", 1 }, { "ers", 3 }, { "res", 4 }, { "ères", 4 },
		{ "es", 3 }, { "èmes", 3 }, { "nd", 5 }, { "nde", 6 }, { "nds", 7 },
		{ "ndes", 8 }, { "d", 5 }, { "de", 6 },
	};

	char low[8];

	if (n >= sizeof(low))
		return 0;
	for (size_t k = 0; k < n; k++) {     /* a headline's "1ER MAI", "XXIE" */
		unsigned char c = (unsigned char)s[k];

		if ((c >= 'A' && c <= 'Z') || (k && (unsigned char)s[k - 1] == 0xC3 &&
					       c >= 0x80 && c < 0x9F))
			c = (unsigned char)(c + 32);
		low[k] = (char)c;
	}
	for (size_t k = 0; k < ARRAY_SIZE(sfx); k++)
		if (n == strlen(sfx[k].suf) && !memcmp(low, sfx[k].suf, n))
			return sfx[k].kind;
	return 0;
}

/* Say an ordinal with its gender and number. */
void fr_say_ordinal(struct fr *fr, uint64_t v, int kind)
{
	if (kind >= 5 && v != 2)
		kind -= 4;
	if (kind >= 5) {
		sb_adds(&fr->sb, kind == 5 ? " second" : kind == 6 ? " seconde" :
			kind == 7 ? " seconds" : " secondes");
		return;
	}
	numfr_ordinal(&fr->sb, v, fr->numflags | (kind == 2 || kind == 4 ? NUMFR_FEM : 0));
	if (kind >= 3)
		sb_addch(&fr->sb, 's');
}

/* After "N°": a noun that is ranked makes it an ordinal ("6° arrondissement");
 * alone on its line it is a list mark ("1°"); anything else is degrees. */
static int degree_is_ordinal(const struct tok_line *tl, size_t j)
{
	if (j >= tl->n || tl->tok[j].kind != TOK_WORD)
		return j >= tl->n && tl->n <= 2;
	return (tl->tok[j].flags & TF_SPACE) &&
		fr_word_in(tl, j, "arrondissement|étage|rang|place|anniversaire|édition|"
			   "jour|siècle|régiment|division|circonscription|étape|tour|"
			   "round|minute|mandat|trimestre|semestre|classe|année|fois|"
			   "chambre|section|bataillon|compagnie|tome|chapitre|partie|"
			   "journée|manche|set|législature|république|art");
}

/* The suffix kind after v, if it fits (see lang_fr.h). */
int fr_ordinal_suffix_of(const char *s, size_t n, uint64_t v)
{
	int kind = fr_ordinal_suffix(s, n);

	if (kind && v != 1 && (memchr(s, 'r', n) || memchr(s, 'R', n)))
		return 0;                /* "er", "re", "ère", "ers": 1 only */
	if (kind >= 5 && v != 2)
		return 0;                /* "nd", "de": 2 only */
	return kind;
}

/* "2e", "1re", "2nd", "6° arrondissement". */
size_t fr_rule_ordinal(struct fr *fr, const struct tok_line *tl, size_t i,
		       struct norm_out *o)
{
	const struct token *t = &tl->tok[i], *s = i + 1 < tl->n ? &tl->tok[i + 1] : NULL;
	const struct table_row *m;
	int kind = 0;
	uint64_t v;
	size_t used;

	if (!s || !tok_glued(tl, i + 1))
		return 0;
	if (s->kind == TOK_WORD && t->len <= 15 && numfr_value(t->text, t->len, &v))
		kind = fr_ordinal_suffix_of(s->text, s->len, v);
	else if (s->len == 2 && !memcmp(s->text, "°", 2) && degree_is_ordinal(tl, i + 2))
		kind = 1;
	if (!kind || (i + 2 < tl->n && tok_glued(tl, i + 2) && tl->tok[i + 2].kind != TOK_PUNCT))
		return 0;
	if (t->len > 15 || !numfr_value(t->text, t->len, &v))
		return 0;
	if (kind == 1 && v == 1 && s->len == 1 && i > 0 &&
	    fr_word_in(tl, i - 1, "la|une|sa|ma|ta|cette|leur|notre|votre"))
		kind = 2;                /* "la 1e place": première */
	fr_say_ordinal(fr, v, kind);
	if (v == 1 && i + 2 < tl->n && (tl->tok[i + 2].flags & TF_SPACE) &&
	    (m = fr_month(fr, tl, i + 2)) && strcmp(m->key, table_field(m, 1)) &&
	    (used = say_month_word(fr, tl, i + 2))) {
		fr_flush(fr, o, i, i + 1 + used);   /* "le 1er sept.": premier septembre */
		return 2 + used;
	}
	fr_flush(fr, o, i, i + 1);
	return 2;
}
