/* lang_en.c - English rules: the module's state and dispatcher, shared
 * token and number helpers, and the rules for fixed expressions, web and
 * e-mail addresses, codes (G7, F-16) and Roman numerals.  Other words are
 * in lang_en_words.c, numbers in lang_en_num.c, measures in
 * lang_en_measure.c, telephone numbers in lang_en_phone.c, times and dates
 * in lang_en_date.c. */
#include "text/lang_en.h"
#include "text/numbers_en.h"
#include "text/wordlist.h"
#include "text/foreign.h"
#include "base/embed.h"
#include "base/util.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

/* ---- token helpers ---- */

/* The value of a short number token. */
long en_tok_val(const struct tok_line *tl, size_t i)
{
	if (!en_is_num(tl, i) || tl->tok[i].len > 9)
		return -1;
	long v = 0;
	for (size_t k = 0; k < tl->tok[i].len; k++)
		v = v * 10 + (tl->tok[i].text[k] - '0');
	return v;
}

/* Look token i up as written, then lowered. */
const struct table_row *en_lookup(const struct table *t,
				  const struct tok_line *tl, size_t i)
{
	if (i >= tl->n)
		return NULL;
	const struct token *k = &tl->tok[i];
	const struct table_row *r = table_get(t, k->text, k->len);

	if (r || k->kind != TOK_WORD || !(k->flags & (TF_UPPER | TF_CAPS)))
		return r;            /* no capital to lower: the same key */
	return table_get_lower(t, k->text, k->len);
}

/* Look glued tokens i..j-1 up as one key. */
const struct table_row *en_lookup_span(const struct table *t,
				       const struct tok_line *tl, size_t i, size_t j)
{
	char key[64];
	size_t n = 0;

	if (j > tl->n)
		return NULL;
	for (size_t k = i; k < j; k++) {
		if (n + tl->tok[k].len >= sizeof(key) || (k > i && !en_glued(tl, k)))
			return NULL;
		memcpy(key + n, tl->tok[k].text, tl->tok[k].len);
		n += tl->tok[k].len;
	}
	const struct table_row *r = table_get(t, key, n);
	return r ? r : table_get_lower(t, key, n);
}

/* Flush the scratch words to the output. */
void en_emit(struct norm_out *o, strbuf *sb, size_t first, size_t last)
{
	if (sb->len)
		out_words(o, sb->buf, sb->len, first, last);
	sb_reset(sb);
}

/* ---- numbers as written ---- */

/* A sign at token j belongs to the number after it (not "1-2"). */
static int sign_ok(const struct tok_line *tl, size_t j)
{
	if (!en_glued(tl, j))
		return 1;
	const struct token *p = &tl->tok[j - 1];
	return p->kind == TOK_PUNCT && !strchr(")]%'\"", p->text[0]);
}

/* Copy the digits of token j into n's integer part. */
static void num_digits(const struct tok_line *tl, size_t j, struct en_num *n)
{
	const struct token *t = &tl->tok[j];

	if (n->nd + t->len >= sizeof(n->d) || n->raw) {
		n->raw = t->text;
		n->nraw = t->len;
		return;
	}
	memcpy(n->d + n->nd, t->text, t->len);
	n->nd += t->len;
	n->d[n->nd] = '\0';
}

/* Copy the digits of token j into n's decimals (too many: ignored). */
static void num_frac(const struct tok_line *tl, size_t j, struct en_num *n)
{
	const struct token *t = &tl->tok[j];
	size_t k = t->len < sizeof(n->f) - 1 ? t->len : sizeof(n->f) - 1;

	memcpy(n->f, t->text, k);
	n->nf = k;
	n->f[k] = '\0';
	n->has_point = 1;
}

/* Read a written number from token i. */
int en_scan_num(const struct tok_line *tl, size_t i, struct en_num *n)
{
	size_t j = i;

	memset(n, 0, sizeof(*n));
	n->first = i;
	if ((en_is_punct(tl, j, '-') || en_is_punct(tl, j, '+')) && sign_ok(tl, j) &&
	    en_glued(tl, j + 1) && (en_is_num(tl, j + 1) || (en_is_punct(tl, j + 1, '.') &&
	    en_is_num(tl, j + 2) && en_glued(tl, j + 2)))) {
		n->sign = tl->tok[j].text[0];
		j++;
	}
	if (en_is_punct(tl, j, '.') && en_is_num(tl, j + 1) && en_glued(tl, j + 1) &&
	    (n->sign || !en_glued(tl, j) || (tl->tok[j - 1].kind == TOK_PUNCT &&
					     tl->tok[j - 1].text[0] != '.'))) {
		num_frac(tl, j + 1, n);
		n->next = j + 2;
		return 1;
	}
	if (!en_is_num(tl, j))
		return 0;
	num_digits(tl, j, n);
	size_t lead = tl->tok[j].len;
	j++;
	while (lead <= 3 && n->nd + 4 < sizeof(n->d) && en_is_punct(tl, j, ',') && en_glued(tl, j) &&
	       en_is_num(tl, j + 1) && en_glued(tl, j + 1) && tl->tok[j + 1].len == 3) {
		num_digits(tl, j + 1, n);
		n->grouped = 1;
		j += 2;
	}
	while (n->grouped != 1 && lead <= 3 && n->nd + 4 < sizeof(n->d) && tl->tok[i + !!n->sign].text[0] != '0' &&
	       en_is_num(tl, j) && !en_glued(tl, j) && tl->tok[j].len == 3 &&
	       (n->grouped || lead < 3 || tl->tok[j].text[0] == '0') &&
	       !(en_is_punct(tl, j + 1, '/') || en_is_punct(tl, j + 1, ':'))) {
		/* SI style: "10 000", "250 000"; "123 123" is two numbers, as
		 * English news, which groups with commas, means it */
		num_digits(tl, j, n);
		n->grouped = 2;
		j++;
	}
	if (n->grouped == 2)
		n->grouped = 1;
	if (en_is_punct(tl, j, '.') && en_glued(tl, j) && en_is_num(tl, j + 1) &&
	    en_glued(tl, j + 1) && !(en_is_punct(tl, j + 2, '.') && en_glued(tl, j + 2) &&
				     en_is_num(tl, j + 3))) {
		num_frac(tl, j + 1, n);
		j += 2;
	}
	n->next = j;
	return 1;
}

/* Say a number as a quantity. */
void en_say_num(strbuf *sb, const struct en_num *n, int flags)
{
	if (n->sign)
		en_word(sb, n->sign == '-' ? "minus" : "plus");
	if (n->raw)
		en_digits(sb, n->raw, n->nraw);
	else if (n->has_point)
		en_decimal(sb, n->d, n->nd, n->f, n->nf, flags);
	else if (!n->grouped && ((n->nd > 1 && n->d[0] == '0') || n->nd >= 5))
		en_digits(sb, n->d, n->nd);
	else
		en_cardinal(sb, n->d, n->nd, flags);
}

/* The number is exactly 1. */
int en_num_is_one(const struct en_num *n)
{
	return !n->has_point && !n->raw && n->nd == 1 && n->d[0] == '1';
}

/* ---- fixed expressions: 24/7, 9/11, 401(k) ---- */

/* Fixed expressions from lexicon/en/expressions.tsv: 24/7, and/or. */
static size_t rule_expression(struct en *en, const struct tok_line *tl, size_t i,
			      struct norm_out *o)
{
	const struct table_row *r;

	if (!en_maybe_key(&en->expr_keys, tl->tok[i].text, tl->tok[i].len))
		return 0;
	if (en_is_num(tl, i) && en_run_start(tl, i) && en_run_end(tl, i + 1) &&
	    (r = en_lookup(en->expr, tl, i))) {
		out_word(o, table_field(r, 1), i, i);     /* 911 */
		return 1;
	}
	if (tl->tok[i].kind == TOK_PUNCT || !en_run_start(tl, i) || !en_glued(tl, i + 1) ||
	    tl->tok[i + 1].kind != TOK_PUNCT || !strchr("/-(&", tl->tok[i + 1].text[0]))
		return 0;            /* other expressions have a mark: 24/7, and/or */
	for (size_t j = i + 5; j > i + 1; j--) {
		if (j <= tl->n && en_run_end(tl, j) && (r = en_lookup_span(en->expr, tl, i, j))) {
			out_word(o, table_field(r, 1), i, j - 1);
			return j - i;
		}
	}
	return 0;
}

/* ---- web and e-mail addresses ---- */

/* The word for a mark inside an address (lexicon/en/electronic.tsv), or NULL. */
static const char *url_mark(struct en *en, char c)
{
	char key[8];
	const struct table_row *r;

	snprintf(key, sizeof(key), c == '#' ? "U+0023" : "%c", c);
	r = table_get(en->elec, key, strlen(key));
	return r ? table_field(r, 1) : NULL;
}

/* A run-together address part of two English words ("pressoffice",
 * "enterpriseservices"), each of three letters or more, the first the
 * longest that fits: said as the two words.  1 when written to sb. */
static int url_compound(const struct token *t, strbuf *sb)
{
	if (t->len < 6 || t->len > 40 || !(t->flags & TF_ASCII) ||
	    (t->flags & (TF_UPPER | TF_CAPS)) || wordlist_contains("en", t->text, t->len))
		return 0;
	for (size_t k = 0; k < t->len; k++)
		if (t->text[k] < 'a' || t->text[k] > 'z')
			return 0;
	for (size_t cut = t->len - 3; cut >= 3; cut--) {
		if (wordlist_contains("en", t->text, cut) &&
		    wordlist_contains("en", t->text + cut, t->len - cut)) {
			en_word(sb, "");
			sb_add(sb, t->text, cut);
			en_word(sb, "");
			sb_add(sb, t->text + cut, t->len - cut);
			return 1;
		}
	}
	return 0;
}

/* Say a word of an address: a known part from the table, a short final
 * domain spelled ("D.E."), two run-together words apart, else as
 * written. */
static void url_word(struct en *en, const struct tok_line *tl, size_t k,
		     size_t end, strbuf *sb)
{
	const struct token *t = &tl->tok[k];
	const struct table_row *r = table_get_lower(en->elec, t->text, t->len);

	if (r) {
		en_word(sb, table_field(r, 1));
	} else if (t->len <= 3 && en_is_punct(tl, k - 1, '.') &&
		   (k + 1 == end || en_is_punct(tl, k + 1, '/'))) {
		en_word(sb, "");
		for (size_t c = 0; c < t->len; c++) {
			sb_addch(sb, (char)(t->text[c] & ~0x20));
			sb_addch(sb, '.');
		}
	} else if (!url_compound(t, sb)) {
		en_word(sb, "");
		sb_add(sb, t->text, t->len);
	}
}

/* "name.abc" in lower case with an unknown domain: 2 tokens... or 0. */
static size_t plain_domain(const struct tok_line *tl, size_t i)
{
	const unsigned caps = TF_UPPER | TF_CAPS;

	if (!en_is_word(tl, i) || (tl->tok[i].flags & caps) || tl->tok[i].len < 3 ||
	    !en_run_start(tl, i) || !en_is_punct(tl, i + 1, '.') || !en_glued(tl, i + 1) ||
	    !en_is_word(tl, i + 2) || !en_glued(tl, i + 2) || (tl->tok[i + 2].flags & caps) ||
	    tl->tok[i + 2].len < 2 || tl->tok[i + 2].len > 4 || !en_run_end(tl, i + 3) ||
	    en_glued(tl, i + 3))
		return 0;
	return 3;
}

/* Web and e-mail addresses, mark by mark. */
static size_t rule_url(struct en *en, const struct tok_line *tl, size_t i,
		       struct norm_out *o)
{
	size_t n = norm_scan_url(tl, i), end;
	strbuf *sb = &en->sb;

	if (!n)
		n = plain_domain(tl, i);
	end = i + n;

	if (!n)
		return 0;
	for (size_t k = i; k < end; k++) {
		const struct token *t = &tl->tok[k];

		if (t->kind == TOK_WORD)
			url_word(en, tl, k, end, sb);
		else if (t->kind == TOK_NUM && t->len == 4 && en_tok_val(tl, k) % 1000 == 0)
			en_cardinal_u(sb, (uint64_t)en_tok_val(tl, k), 0);
		else if (t->kind == TOK_NUM)
			en_digits(sb, t->text, t->len);
		else if (url_mark(en, t->text[0]))
			en_word(sb, url_mark(en, t->text[0]));
	}
	en_emit(o, sb, i, end - 1);
	return n;
}

/* ---- codes mixing letters and digits: G7, COP28, F-16, A320, 5G ---- */

/* Code token k is a year glued after the word that opens the code at
 * token i, that word of two letters or more: "FY2023", "Euro2024",
 * "Vision2030" (1950 to 2099, not round; "ISO9001" is no year). */
static int code_year(const struct tok_line *tl, size_t i, size_t k)
{
	long v = en_tok_val(tl, k);

	return k == i + 1 && en_is_word(tl, i) && tl->tok[i].len >= 2 &&
		tl->tok[k].len == 4 && v >= 1950 && v <= 2099 && v % 1000 != 0;
}

/* Say the digits of code token k (the code starts at token i): two digits
 * as a number, three in pairs after a letter (A320: three twenty, Kh-101:
 * one oh one), round ones whole, else digit by digit. */
static void code_digits(const struct en *en, const struct tok_line *tl, size_t i,
			size_t k, strbuf *sb)
{
	const struct token *t = &tl->tok[k];
	long v = en_tok_val(tl, k);
	int lead0 = t->len > 1 && t->text[0] == '0';

	if (lead0 || t->len > 4 || v < 0)
		en_digits(sb, t->text, t->len);
	else if (code_year(tl, i, k))
		en_year(sb, (unsigned)v, en->nflags);   /* FY2023, Euro2024 */
	else if (t->len <= 2 || (t->len == 3 && v % 100 == 0) || (t->len == 4 && v % 1000 == 0))
		en_cardinal_u(sb, (uint64_t)v, en->nflags);
	else if (t->len == 3 && ((k > i && en_is_word(tl, k - 1)) ||
				 (k >= i + 2 && en_is_word(tl, k - 2))))
		en_year(sb, (unsigned)v, 0);       /* A320, Kh-101: "one oh one" */
	else if (t->len == 3)
		en_cardinal_u(sb, (uint64_t)v, en->nflags);
	else
		en_digits(sb, t->text, t->len);
}

/* The glued run of words, digits and inner hyphens from i: its end. */
static size_t code_run(const struct tok_line *tl, size_t i, int *letters, int *digits)
{
	size_t j = i;

	*letters = *digits = 0;
	while (j < tl->n && j < i + 48 && (j == i || en_glued(tl, j))) {
		if (en_is_word(tl, j))
			*letters = 1;
		else if (en_is_num(tl, j))
			*digits = 1;
		else if (!((en_is_punct(tl, j, '-') || en_is_punct(tl, j, '/')) &&
			   j > i && en_glued(tl, j + 1) &&
			   (en_is_word(tl, j + 1) || en_is_num(tl, j + 1))))
			break;
		j++;
	}
	return j;
}

/* Make the last word of sb plural: "sixteen" -> "sixteens", "twenty" ->
 * "twenties", "six" -> "sixes". */
void en_plural_last(strbuf *sb)
{
	char c = sb->len ? sb->buf[sb->len - 1] : '\0';

	if (c == 'y') {
		sb_truncate(sb, sb->len - 1);
		sb_adds(sb, "ies");
	} else {
		sb_adds(sb, c == 'x' || c == 's' ? "es" : "s");
	}
}

/* The line names a British motorway: M and one or two digits glued
 * ("M25", "M6"), or A and digits before "(M)" ("A1(M)"). */
static int motorway_line(const struct tok_line *tl)
{
	for (size_t k = 0; k + 1 < tl->n; k++)
		if (en_is_word(tl, k) && tl->tok[k].len == 1 && en_is_num(tl, k + 1) &&
		    en_glued(tl, k + 1) && tl->tok[k + 1].len <= 2 &&
		    (tl->tok[k].text[0] == 'M' ||
		     (tl->tok[k].text[0] == 'A' && en_is_punct(tl, k + 2, '(') &&
		      en_word_is(tl, k + 3, "M"))))
			return 1;
	return 0;
}

/* Codes of letters and digits: G7, COP28, F-16, A320, 25d08A; numbers
 * alone joined by slashes are a reference, "slash" between them
 * (123/261788/2021; a part number's slash is silent: 25/235212-B). */
static size_t rule_code(struct en *en, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	int letters, digits;
	size_t end;
	strbuf *sb = &en->sb;

	if (tl->tok[i].kind == TOK_PUNCT || !en_run_start(tl, i))
		return 0;
	end = code_run(tl, i, &letters, &digits);
	if (!digits || end < i + 2 || (!letters && !en_is_num(tl, i)))
		return 0;                          /* "4-3-3" is read number by number */
	if (en_is_word(tl, i) && tl->tok[i].len >= 3 && !(tl->tok[i].flags & TF_CAPS) &&
	    en_is_punct(tl, i + 1, '-') && en_is_num(tl, i + 2) &&
	    !table_get(en->desig, tl->tok[i].text, tl->tok[i].len)) {
		out_token(o, tl, i);               /* mid-1980s, covid-19 */
		return 2;
	}
	if (end == i + 2 && en_word_is(tl, i, "J") && tl->tok[i].len == 1 &&
	    en_is_num(tl, i + 1) && tl->tok[i + 1].len <= 2 && motorway_line(tl)) {
		en_word(sb, "junction");           /* M25 ... J10: junction ten */
		en_cardinal_u(sb, (uint64_t)en_tok_val(tl, i + 1), 0);
		en_emit(o, sb, i, end - 1);
		return 2;
	}
	for (size_t k = i; k < end; k++) {
		const struct token *t = &tl->tok[k];
		const struct table_row *r;
		struct en_num n;

		if (t->kind == TOK_WORD && k == i && en_is_punct(tl, k + 1, '-') &&
		    (r = table_get(en->desig, t->text, t->len))) {
			en_word(sb, table_field(r, 1));  /* Su-35, Kh-101 */
		} else if (t->kind == TOK_WORD && (r = table_get(en->acro, t->text, t->len))) {
			en_word(sb, table_field(r, 1));
		} else if (t->kind == TOK_WORD && t->len == 1 && t->text[0] == 's' &&
			   k + 1 == end && k > i && en_is_num(tl, k - 1) &&
			   ((k >= i + 2 && en_is_punct(tl, k - 2, '-')) || tl->tok[k - 1].len >= 3 ||
			    (k == i + 1 && i && en_is_punct(tl, i - 1, '-') && en_glued(tl, i)) ||
			    (k == i + 1 && en_is_word(tl, i - 1) && !en_glued(tl, i) &&
			     !en_word_is(tl, i - 1, "a") && !en_word_is(tl, i - 1, "an")))) {
			en_plural_last(sb);           /* F-16s, A380s, Leopard 2s: "twos"; */
						   /* not "a 3s delay", W2s */
		} else if (t->kind == TOK_WORD && t->len == 2 && t->text[0] >= 'A' &&
			   t->text[0] <= 'Z' && t->text[1] == 's' && k + 1 == end && k > i &&
			   en_is_num(tl, k - 1)) {
			en_word(sb, "");           /* F-35As: the letter's plural */
			sb_addch(sb, t->text[0]);
			sb_adds(sb, "'s");
		} else if (t->kind == TOK_WORD) {
			en_word(sb, "");
			sb_add(sb, t->text, t->len);
			if (t->len == 1 && t->text[0] == 'A' && (k + 1 < end || k > i))
				sb_addch(sb, '-');      /* A320, 2/A: the letter, not the article */
		} else if (t->kind == TOK_NUM && en_is_punct(tl, k + 1, '.') &&
			   en_scan_num(tl, k, &n) && n.has_point && n.next <= end + 2) {
			en_say_num(sb, &n, 0);
			k = n.next - 1;
			if (k >= end)
				end = k + 1;
		} else if (t->kind == TOK_NUM) {
			code_digits(en, tl, i, k, sb);
		} else if (!letters && en_is_punct(tl, k, '/')) {
			en_word(sb, "slash");      /* a reference: 123/261788/2021 */
		} else if (en_is_punct(tl, k, '/') && k >= 1 && code_year(tl, i, k - 1) &&
			   k + 1 < end && tl->tok[k + 1].len == 2 &&
			   en_tok_val(tl, k + 1) == (en_tok_val(tl, k - 1) + 1) % 100) {
			en_word(sb, "to");         /* FY2022/23 */
			en_cardinal_u(sb, (uint64_t)en_tok_val(tl, k + 1), 0);
			k++;
		}
	}
	if (en_is_punct(tl, end, '(') && en_glued(tl, end) && en_word_is(tl, end + 1, "M") &&
	    tl->tok[end + 1].len == 1 && en_is_punct(tl, end + 2, ')')) {
		en_word(sb, "M");                  /* a British motorway: A1(M) */
		end += 3;
	}
	en_emit(o, sb, i, end - 1);
	return end - i;
}

/* ---- Roman numerals: Charles III, World War II, chapter IV ---- */

/* The word at token k is a kind ("regnal", "cardinal", "title") of
 * lexicon/en/regnal.tsv. */
static int regnal_kind(struct en *en, const struct tok_line *tl, size_t k, const char *kind)
{
	const struct table_row *r = en_is_word(tl, k) ? en_lookup(en->regnal, tl, k) : NULL;

	return r && !strcmp(table_field(r, 1), kind);
}

/* The capitalized word at token k is a proper name: the word list knows it
 * only as a name, or not at all ("Sam", "Dellums"; not "Mark", "Then"). */
static int proper_word(const struct tok_line *tl, size_t k)
{
	const struct token *t = &tl->tok[k];
	strbuf sb;
	int proper;

	if (!en_is_word(tl, k) || !(t->flags & TF_UPPER) || (t->flags & TF_CAPS))
		return 0;
	sb_init(&sb);
	proper = !wordlist_find("en", t->text, t->len, &sb) ||
		(sb.len && sb.buf[0] >= 'A' && sb.buf[0] <= 'Z');
	sb_release(&sb);
	return proper;
}

/* The word at token k is a person's given name: names.tsv lists it and it
 * is a proper name ("Sam", "Gary"; not "Mark"). */
static int person_name(const struct tok_line *tl, size_t k)
{
	return proper_word(tl, k) && foreign_is_name(tl->tok[k].text, tl->tok[k].len);
}

/* Roman numerals after a regnal name or a trigger word: a monarch's or a
 * pope's ("Charles III", "King Harald V") is an ordinal, and so is one
 * after a person's given name ("Sam II") or full name ("Robert Griffin
 * III"); after another capitalized word, a mission, a model or a sequel's
 * ("Artemis II", "Gladiator II", "Saturn V"), a cardinal.  A V with a
 * full stop before a proper name is an initial ("Ronald V. Dellums";
 * "Henry V. Then..." is the king). */
static size_t rule_roman(struct en *en, const struct tok_line *tl, size_t i,
			 struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	unsigned v;

	if (t->kind != TOK_WORD || !(t->flags & TF_CAPS) || !i || en_glued(tl, i) ||
	    !en_is_word(tl, i - 1) || (en_glued(tl, i + 1) && tl->tok[i + 1].kind != TOK_PUNCT) ||
	    !(v = en_roman_value(t->text, t->len)))
		return 0;
	const struct token *p = &tl->tok[i - 1];
	int ivx = strspn(t->text, "IVX") >= t->len, numeral = ivx || t->len >= 2;
	int named = (p->flags & TF_UPPER) && !(p->flags & TF_CAPS);
	int initial = t->len == 1 && en_is_punct(tl, i + 1, '.') && en_glued(tl, i + 1) &&
		proper_word(tl, i + 2);
	int cardinal = regnal_kind(en, tl, i - 1, "cardinal");
	int regnal = regnal_kind(en, tl, i - 1, "regnal") ||
		(named && i >= 2 && regnal_kind(en, tl, i - 2, "title"));

	if (initial)
		return 0;
	if (!regnal && !cardinal && ivx && (t->len >= 2 || t->text[0] == 'V'))
		regnal = person_name(tl, i - 1) || (named && t->len >= 2 && i >= 2 &&
						   !en_glued(tl, i - 1) && person_name(tl, i - 2));
	if (regnal && numeral) {
		en_word(&en->sb, "the");
		en_ordinal_u(&en->sb, v, 0);
	} else if ((cardinal && numeral) || (ivx && t->len >= 2 && named) ||
		   (named && t->len == 1 && t->text[0] == 'V')) {
		en_cardinal_u(&en->sb, v, 0);
	} else {
		return 0;
	}
	en_emit(o, &en->sb, i, i);
	return 1;
}

/* The last resort for a number no rule took: say it as a quantity, so
 * digits never reach eSpeak NG raw. */
static size_t rule_any_number(struct en *en, const struct tok_line *tl, size_t i,
			      struct norm_out *o)
{
	struct en_num n;

	if (!en_is_num(tl, i) || !en_scan_num(tl, i, &n))
		return 0;
	en_say_num(&en->sb, &n, en->nflags);
	en_emit(o, &en->sb, i, n.next - 1);
	return n.next - i;
}

/* ---- the module ---- */

/* A rule: tokens consumed at i, 0 if it does not apply. */
typedef size_t (*en_rule)(struct en *en, const struct tok_line *tl, size_t i,
			  struct norm_out *o);

/* The rules, most specific first; the first that consumes tokens wins. */
static const en_rule rules[] = {
	rule_expression, rule_url, en_rule_phone, en_rule_time, en_rule_date,
	en_rule_money, en_rule_number, rule_code, rule_roman, en_rule_initials,
	en_rule_abbrev, en_rule_state, en_rule_acronym, en_rule_symbol, rule_any_number,
};

/* A new line: is it written in capitals? */
static void en_line(void *state, const struct tok_line *tl)
{
	((struct en *)state)->headline = norm_is_headline(tl);
}

/* Whether token i is the apostrophe of a plural possessive: glued after a
 * word ending in s (workers', MPs', James'), a word apart after it. */
static int plural_possessive(const struct tok_line *tl, size_t i)
{
	const struct token *w = i ? &tl->tok[i - 1] : NULL;

	return en_is_punct(tl, i, '\'') && en_glued(tl, i) && en_is_word(tl, i - 1) &&
		(w->text[w->len - 1] | 0x20) == 's' && en_is_word(tl, i + 1) &&
		!en_glued(tl, i + 1);
}

/* Before the lexicon: words in capitals that context makes words. */
static size_t en_before_lexicon(void *state, const struct tok_line *tl, size_t i,
				struct norm_out *o)
{
	return en_rule_caps_context(state, tl, i, o);
}

/* Classify the token at i from itself and its neighbours and expand it. */
static size_t en_expand(void *state, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	struct en *en = state;
	const struct token *t = &tl->tok[i];

	/* Fast paths: a word with nothing glued after it, no number next and no
	 * second capital (MPs) can only be an abbreviation ("Mr Smith"); plain punctuation
	 * is left to the default handling. */
	if (t->kind == TOK_WORD && !(t->flags & TF_CAPS) && !en_glued(tl, i + 1) &&
	    !en_is_num(tl, i + 1) && !(t->len > 1 && t->text[1] >= 'A' && t->text[1] <= 'Z'))
		return en_rule_abbrev(en, tl, i, o);
	if (plural_possessive(tl, i))
		return 1;       /* "workers' rights": nothing said, the words apart */
	if (en_is_punct(tl, i, '\'') && en_glued(tl, i) && en_is_num(tl, i - 1) &&
	    en_word_is(tl, i + 1, "s") && en_glued(tl, i + 1) && !en_glued(tl, i + 2)) {
		out_glued(o, "'s", 2, i, i + 1);   /* "the FTSE 100's": the number's */
		return 2;
	}
	if (t->kind == TOK_PUNCT && t->len == 1 && (strchr(",;:!?)'", t->text[0]) ||
	    (t->text[0] == '.' && !(en_is_num(tl, i + 1) && en_glued(tl, i + 1)))))
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(rules); k++) {
		size_t n = rules[k](en, tl, i, o);

		/* a span that ends with an abbreviation's full stop ("Dec.",
		 * "p.m.", "Calif.") ends its sentence too when one starts
		 * after it ("on 12 Dec. The next day"): without the stop the
		 * two sentences ran together, with no pause between */
		if (n > 1 && en_is_punct(tl, i + n - 1, '.') &&
		    en_sentence_starts(en, tl, i + n))
			out_punct(o, '.', i + n - 1);
		if (n)
			return n;
	}
	return 0;
}

/* The tables of the English module, by field of struct en. */
static const struct {
	const char *path;
	size_t offset;
} en_tables[] = {
	{ "lexicon/en/abbreviations.tsv", offsetof(struct en, abbr) },
	{ "lexicon/en/months.tsv", offsetof(struct en, months) },
	{ "lexicon/en/currencies.tsv", offsetof(struct en, cur) },
	{ "lexicon/en/scales.tsv", offsetof(struct en, scales) },
	{ "lexicon/en/units.tsv", offsetof(struct en, units) },
	{ "lexicon/en/regnal.tsv", offsetof(struct en, regnal) },
	{ "lexicon/en/acronyms.tsv", offsetof(struct en, acro) },
	{ "lexicon/en/timezones.tsv", offsetof(struct en, zones) },
	{ "lexicon/en/symbols.tsv", offsetof(struct en, sym) },
	{ "lexicon/en/expressions.tsv", offsetof(struct en, expr) },
	{ "lexicon/en/electronic.tsv", offsetof(struct en, elec) },
	{ "lexicon/en/address.tsv", offsetof(struct en, addr) },
	{ "lexicon/en/sentence_starters.tsv", offsetof(struct en, starters) },
	{ "lexicon/en/context.tsv", offsetof(struct en, context) },
	{ "lexicon/en/designators.tsv", offsetof(struct en, desig) },
	{ "lexicon/en/spelling_gb.tsv", offsetof(struct en, spell_gb) },
};

/* Free the module state and its tables. */
static void en_state_free(void *state)
{
	struct en *en = state;

	if (!en)
		return;
	for (size_t k = 0; k < ARRAY_SIZE(en_tables); k++)
		table_free(*(struct table **)((char *)en + en_tables[k].offset));
	sb_release(&en->sb);
	free(en);
}

/* Describe the keys of the embedded table at path (see struct en_keys). */
static void scan_keys(const char *path, struct en_keys *k)
{
	size_t len;
	const char *p = embed_get(path, &len), *end = p ? p + len : NULL;

	memset(k, 0, sizeof(*k));
	while (p && p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *tab = memchr(p, '\t', (size_t)((eol ? eol : end) - p));
		unsigned char c = (unsigned char)*p;

		if (c != '#' && tab && tab > p) {
			k->first[c >= 'A' && c <= 'Z' ? c + 32 : c] = 1;
			if ((size_t)(tab - p) > k->max_len)
				k->max_len = (size_t)(tab - p);
		}
		p = eol ? eol + 1 : end;
	}
}

/* Load the English tables; NULL (with the detail set) if one is missing. */
static void *en_state_new(const char *tag)
{
	struct en *en = xcalloc(1, sizeof(*en));

	for (size_t k = 0; k < ARRAY_SIZE(en_tables); k++) {
		struct table *t = table_load(en_tables[k].path);

		if (!t) {
			en_state_free(en);
			return NULL;
		}
		*(struct table **)((char *)en + en_tables[k].offset) = t;
	}
	scan_keys("lexicon/en/abbreviations.tsv", &en->abbr_keys);
	scan_keys("lexicon/en/expressions.tsv", &en->expr_keys);
	scan_keys("lexicon/en/months.tsv", &en->month_keys);
	/* "en" and "en-GB" British (issue #13: one rule in every group; the
	 * default voice is British), "en-US" no "and" inside numbers */
	en->nflags = !strcmp(tag, "en-US") ? 0 : EN_AND;
	en->variant = !strcmp(tag, "en-US") ? EN_US : !strcmp(tag, "en-GB") ? EN_GB : EN_PLAIN;
	sb_init(&en->sb);
	return en;
}

const struct norm_lang norm_lang_en = {
	.name = "en",
	.state_new = en_state_new,
	.state_free = en_state_free,
	.expand = en_expand,
	.line = en_line,
	.before_lexicon = en_before_lexicon,
};
