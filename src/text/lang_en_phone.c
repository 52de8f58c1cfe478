/* lang_en_phone.c - English telephone numbers ("+44 20 7946 0958",
 * "(555) 123-4567", "555-12-3456") said digit by digit in groups, and IP
 * addresses ("192.168.1.1"). */
#include "text/lang_en.h"
#include "text/numbers_en.h"

/* Collect digit groups from token i: NUM (sep NUM)*, sep one of - . or a
 * space, with an optional (area code).  Returns tokens consumed. */
static size_t phone_groups(const struct tok_line *tl, size_t i, size_t *glen,
			   size_t *gtok, size_t *ng, char *sep, int plus)
{
	size_t j = i;

	*ng = 0;
	*sep = 0;
	if (en_is_punct(tl, j, '(') && en_is_num(tl, j + 1) &&
	    en_is_punct(tl, j + 2, ')') && tl->tok[j + 1].len == 3) {
		gtok[(*ng)] = j + 1;
		glen[(*ng)++] = 3;
		j += 3;
		if (en_is_punct(tl, j, '-') && en_glued(tl, j))
			j++;
		if (!en_is_num(tl, j))
			return 0;
	}
	while (en_is_num(tl, j) && *ng < 8) {
		gtok[*ng] = j;
		glen[(*ng)++] = tl->tok[j].len;
		char c = en_is_punct(tl, j + 1, '-') ? '-' :
			en_is_punct(tl, j + 1, '.') ? '.' : 0;
		if (c && en_glued(tl, j + 1) && en_is_num(tl, j + 2) &&
		    en_glued(tl, j + 2) && (!*sep || *sep == c)) {
			*sep = c;
			j += 2;
			continue;
		}
		if ((plus || tl->tok[i].text[0] == '0') && (!*sep || *sep == ' ') &&
		    en_is_num(tl, j + 1) &&
		    !en_glued(tl, j + 1) && tl->tok[j + 1].len >= 2 &&
		    tl->tok[j + 1].len <= 4) {
			*sep = ' ';        /* +44 20 7946 0958 */
			j++;
			continue;
		}
		j++;
		break;
	}
	return j - i;
}

/* The group lengths look like a telephone or social security number. */
static int phone_shape(const size_t *g, size_t n, int plus)
{
	if (n >= 3 && g[n - 3] == 3 && g[n - 2] == 3 && g[n - 1] >= 4 && g[n - 1] <= 4)
		return n == 3 || plus || (n == 4 && g[0] <= 3);
	if (n >= 4 && g[0] == 3 && g[1] == 3 && g[2] == 4)
		return 1;      /* extension after the number */
	return n == 3 && g[0] == 3 && g[1] == 2 && g[2] == 4;
}

/* "555-0123": a local number of seven digits, not a range, when its
 * four digits start with a zero (no range ends so) or after a word that
 * dials ("call", "phone": lexicon/en/context.tsv); "400-1200 people"
 * stays a range. */
static int local_number(struct en *en, const struct tok_line *tl, size_t i,
			const size_t *glen, const size_t *gtok, size_t ng,
			char sep)
{
	if (ng != 2 || sep != '-' || glen[0] != 3 || glen[1] != 4)
		return 0;
	return tl->tok[gtok[1]].text[0] == '0' ||
	       en_word_role(en, tl, en_prev_word(tl, i), "dial");
}

/* Telephone numbers (digit groups) and IP addresses. */
size_t en_rule_phone(struct en *en, const struct tok_line *tl, size_t i,
		     struct norm_out *o)
{
	size_t glen[8], gtok[8], ng, j = i, used;
	int plus = 0;
	char sep;

	if (en_is_punct(tl, i, '+') && en_is_num(tl, i + 1) &&
	    en_glued(tl, i + 1) && tl->tok[i + 1].len <= 3) {
		plus = 1;
		j = i + 2;
		if (en_is_punct(tl, j, '-') && en_glued(tl, j))
			j++;
	} else if (!en_is_num(tl, i) && !en_is_punct(tl, i, '(')) {
		return 0;
	}
	if (!(used = phone_groups(tl, j, glen, gtok, &ng, &sep, plus)))
		return 0;
	strbuf *sb = &en->sb;
	if (sep == '.' && ng == 4 && !plus && glen[0] <= 3 && glen[1] <= 3 &&
	    glen[2] <= 3 && glen[3] <= 3) {
		for (size_t k = 0; k < ng; k++) {
			if (k)
				en_word(sb, "dot");
			en_digits(sb, tl->tok[gtok[k]].text, glen[k]);
		}
		en_emit(o, sb, i, j + used - 1);
		return j + used - i;
	}
	size_t total = 0;
	for (size_t k = 0; k < ng; k++)
		total += glen[k];
	if (!(phone_shape(glen, ng, plus) || local_number(en, tl, i, glen, gtok, ng, sep) ||
	      (sep == ' ' && ng >= 2 && total >= 10) ||
	      (sep == ' ' && plus && ng >= 3 && total >= 8)) ||
	    (!sep && ng > 1 && !plus))
		return 0;
	if (plus) {
		en_word(sb, "plus");
		en_digits(sb, tl->tok[i + 1].text, tl->tok[i + 1].len);
	}
	for (size_t k = 0; k < ng; k++) {
		if (sb->len)
			sb_addch(sb, ',');
		en_digits(sb, tl->tok[gtok[k]].text, glen[k]);
	}
	en_emit(o, sb, i, j + used - 1);
	return j + used - i;
}
