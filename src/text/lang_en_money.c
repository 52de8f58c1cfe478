/* lang_en_money.c - English amounts of money: a currency before the
 * amount ($5, US$, EUR 5, Rs 50 lakh), cents and pence, scales ($3bn),
 * rates ($5/mo) and money ranges. */
#include "text/lang_en.h"
#include "text/numbers_en.h"

#include <stdlib.h>
#include <string.h>

/* A currency written before an amount ($, US$, €, USD 5, Rs 50, Rs.500):
 * its row, with *end on the amount. */
static const struct table_row *currency_before(struct en *en,
		const struct tok_line *tl, size_t i, size_t *end)
{
	const struct table_row *r = NULL;

	if (en_table_mark(tl, i)) {
		r = en_lookup(en->cur, tl, i);
		*end = i + 1;
	} else if (en_is_word(tl, i) && en_is_punct(tl, i + 1, '$') &&
		   en_glued(tl, i + 1)) {
		r = en_lookup_span(en->cur, tl, i, i + 2);
		*end = i + 2;
	} else if (en_is_word(tl, i) && (tl->tok[i].flags & TF_CAPS) &&
		   tl->tok[i].len == 3 && en_is_num(tl, i + 1) && !en_glued(tl, i + 1)) {
		r = table_get(en->cur, tl->tok[i].text, 3);
		*end = i + 1;
	} else if (en_is_word(tl, i) && (tl->tok[i].flags & TF_UPPER) &&
		   !(tl->tok[i].flags & TF_CAPS) && tl->tok[i].len <= 3 &&
		   en_run_start(tl, i)) {
		r = table_get(en->cur, tl->tok[i].text, tl->tok[i].len);  /* Rs 50 */
		*end = i + 1;
		if (en_is_punct(tl, *end, '.') && en_glued(tl, *end))
			++*end;                                          /* Rs.500 */
	}
	if (r && !en_is_num(tl, *end) && !(en_is_punct(tl, *end, '.') &&
					  en_is_num(tl, *end + 1)))
		r = NULL;
	return r;
}

/* The scale word (million, bn, m...) at token i, or NULL. */
const char *en_scale_at(struct en *en, const struct tok_line *tl, size_t i)
{
	if (!en_is_word(tl, i) || (en_is_num(tl, i + 1) && en_glued(tl, i + 1)))
		return NULL;
	const struct table_row *r = en_lookup(en->scales, tl, i);
	return r ? table_field(r, 1) : NULL;
}

/* The cents of n's decimals (0..99), or -1 when they are not cents. */
static int cents_of(const struct en_num *n)
{
	size_t nz = n->nf;

	while (nz > 2 && n->f[nz - 1] == '0')
		nz--;
	if (nz > 2)
		return -1;
	if (!n->nf)
		return 0;
	return (n->f[0] - '0') * 10 + (nz > 1 ? n->f[1] - '0' : 0);
}

/* The integer part of n is zero (or empty, ".50"). */
static int whole_is_zero(const struct en_num *n)
{
	for (size_t k = 0; k < n->nd; k++)
		if (n->d[k] != '0')
			return 0;
	return 1;
}

/* Say an amount of money in currency cur: "two dollars and fifty cents"
 * (in every English: issue #13), "five
 * point two million dollars"; adjectival: "a three billion dollar deal". */
void en_say_money(const struct en *en, strbuf *sb, const struct en_num *n,
		      const struct table_row *cur,
		      const char *scale, int adjectival)
{
	const char *one = table_field(cur, 1), *many = table_field(cur, 2);
	const char *sub1 = table_field(cur, 3), *subn = table_field(cur, 4);
	int cents = cents_of(n);

	if (n->raw) {             /* too many digits for a quantity: as written */
		en_say_num(sb, n, 0);
		en_word(sb, many);
		return;
	}
	if (scale || cents < 0 || (cents > 0 && !strcmp(sub1, "-"))) {
		en_say_num(sb, n, en->nflags);
		if (scale)
			en_word(sb, scale);
		en_word(sb, adjectival ? one : many);
		return;
	}
	if (!whole_is_zero(n) || !cents) {
		if (n->sign)
			en_word(sb, n->sign == '-' ? "minus" : "plus");
		en_cardinal(sb, n->d, n->nd, en->nflags);
		en_word(sb, adjectival || (n->nd == 1 && n->d[0] == '1') ? one : many);
		if (cents > 0)
			en_word(sb, "and");     /* "five dollars and fifty cents" */
	}
	if (cents > 0) {
		en_cardinal_u(sb, (uint64_t)cents, 0);
		en_word(sb, cents == 1 ? sub1 : subn);
	}
}

/* One amount with its currency before it, from token i; 0 if none. */
static size_t one_amount(struct en *en, const struct tok_line *tl, size_t i, strbuf *sb)
{
	size_t j, k;
	const struct table_row *cur = currency_before(en, tl, i, &j);
	struct en_num n;
	const char *scale;

	if (!cur || !en_scan_num(tl, j, &n) || n.sign)
		return 0;
	k = n.next;
	if ((scale = en_scale_at(en, tl, k)))
		k++;
	en_say_money(en, sb, &n, cur, scale, en_adjectival(en, tl, i ? i - 1 : (size_t)-1, k));
	k += en_per_unit(en, tl, k, sb);
	return k - i;
}

/* Amounts with a currency before them, and money ranges. */
size_t en_rule_money(struct en *en, const struct tok_line *tl, size_t i,
		     struct norm_out *o)
{
	size_t n = one_amount(en, tl, i, &en->sb), j, m;

	if (!n)
		return 0;
	j = i + n;
	if (en_is_punct(tl, j, '-')) {
		size_t save = en->sb.len;

		en_word(&en->sb, "to");
		if ((m = one_amount(en, tl, j + 1, &en->sb)))
			j += 1 + m;
		else
			sb_truncate(&en->sb, save);
	}
	en_emit(o, &en->sb, i, j - 1);
	return j - i;
}
