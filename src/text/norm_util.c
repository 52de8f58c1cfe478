/* norm_util.c - language-independent helpers for language modules:
 * grouped numbers, digit-by-digit reading, URL and e-mail spelling. */
#include "text/lang.h"

#include <string.h>

/* Append the digits of token t to buf (at most cap-1 in all); 0 if full. */
static int add_digits(char *buf, size_t *n, size_t cap, const struct token *t)
{
	if (*n + t->len >= cap)
		return 0;
	memcpy(buf + *n, t->text, t->len);
	*n += t->len;
	buf[*n] = '\0';
	return 1;
}

/* Token j is a group of exactly three digits continuing a number. */
static int is_group(const struct tok_line *tl, size_t j)
{
	return j < tl->n && tl->tok[j].kind == TOK_NUM && tl->tok[j].len == 3;
}

/* Token j is one of the thousands marks in thou (NULL: none). */
static int thou_mark(const struct tok_line *tl, size_t j, const char *thou)
{
	return thou && j < tl->n && tl->tok[j].kind == TOK_PUNCT && tl->tok[j].len == 1 &&
		strchr(thou, tl->tok[j].text[0]);
}

/* Tokens consumed by the thousands groups after token i (0 if none). */
static size_t scan_groups(const struct tok_line *tl, size_t i, const char *thou,
			  struct norm_number *num)
{
	size_t j = i + 1;

	for (;;) {
		if (is_group(tl, j) && (tl->tok[j].flags & TF_SPACE) &&
		    !tok_is_punct(tl, j + 1, '/') && tl->tok[i].len <= 3) {
			if (!add_digits(num->digits, &num->ndigits, sizeof(num->digits), &tl->tok[j]))
				break;
			j++;
		} else if (thou_mark(tl, j, thou) && tok_glued(tl, j) &&
			   is_group(tl, j + 1) && tok_glued(tl, j + 1) &&
			   !(thou_mark(tl, j + 2, thou) && !is_group(tl, j + 3))) {
			if (!add_digits(num->digits, &num->ndigits, sizeof(num->digits),
					&tl->tok[j + 1]))
				break;
			j += 2;
		} else {
			break;
		}
	}
	return j - i - 1;
}

/* Collect a number written with digit groups and decimals. */
size_t norm_scan_number(const struct tok_line *tl, size_t i, const char *thou, char dec,
			struct norm_number *num)
{
	size_t j;

	memset(num, 0, sizeof(*num));
	if (i >= tl->n || tl->tok[i].kind != TOK_NUM)
		return 0;
	num->ntok = 1;
	if (!add_digits(num->digits, &num->ndigits, sizeof(num->digits), &tl->tok[i]))
		return 1;                   /* too long: ndigits stays 0 */
	j = i + 1 + scan_groups(tl, i, thou, num);
	num->grouped = j > i + 1;
	if (dec && tok_is_punct(tl, j, dec) && tok_glued(tl, j) &&
	    j + 1 < tl->n && tl->tok[j + 1].kind == TOK_NUM && tok_glued(tl, j + 1) &&
	    add_digits(num->frac, &num->nfrac, sizeof(num->frac), &tl->tok[j + 1]))
		j += 2;
	num->ntok = j - i;
	return num->ntok;
}

/* Say a digit string digit by digit. */
void norm_digits(strbuf *sb, const char *s, size_t n, const char *const digit[10])
{
	for (size_t k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			continue;
		if (sb->len && sb->buf[sb->len - 1] != ' ')
			sb_addch(sb, ' ');
		sb_adds(sb, digit[s[k] - '0']);
	}
}

/* The longest URL looked at, in tokens: keeps scanning linear on
 * "a.a.a.a..." lines. */
#define URL_MAX_TOKENS 96

/* A mark that may appear inside a URL or an e-mail address. */
static int url_mark(const struct token *t)
{
	return t->kind == TOK_PUNCT && t->len == 1 && strchr("./-_:?=&%#~+@", t->text[0]);
}

/* Top-level domains that make "name.tld" a web address without www. */
static int known_tld(const struct token *t)
{
	static const char *const tld[] = { "fr", "com", "org", "net", "eu", "be",
		"ch", "io", "info", "uk", "de", "gouv", "int", "ca", "lu", "edu" };

	for (size_t k = 0; k < sizeof(tld) / sizeof(tld[0]); k++)
		if (t->len == strlen(tld[k]) && !memcmp(t->text, tld[k], t->len))
			return 1;
	return 0;
}

/* Does the glued run tl->tok[i..i+n) look like a URL or an e-mail? */
static int looks_like_url(const struct tok_line *tl, size_t i, size_t n)
{
	const struct token *t = tl->tok + i;
	int at = 0, dot_after_at = 0, tld = 0;

	if (n >= 4 && t[0].kind == TOK_WORD && t[1].text[0] == ':' &&
	    t[2].text[0] == '/' && (tok_eq_ci(&t[0], "http") || tok_eq_ci(&t[0], "https") ||
				    tok_eq_ci(&t[0], "ftp") || tok_eq_ci(&t[0], "file")))
		return 1;
	if (n >= 3 && tok_eq_ci(&t[0], "www") && t[1].text[0] == '.')
		return 1;
	for (size_t k = 1; k < n; k++) {
		if (t[k].kind == TOK_PUNCT && t[k].text[0] == '@')
			at = 1;
		else if (at && t[k].kind == TOK_PUNCT && t[k].text[0] == '.')
			dot_after_at = 1;
		else if (t[k - 1].kind == TOK_PUNCT && t[k - 1].text[0] == '.' &&
			 t[k].kind == TOK_WORD && known_tld(&t[k]) &&
			 (k + 1 == n || t[k + 1].text[0] == '/'))
			tld = 1;
	}
	return (at && dot_after_at && t[0].kind != TOK_PUNCT) ||
		(tld && t[0].kind == TOK_WORD && !(t[0].flags & TF_CAPS));
}

/* Measure the URL or e-mail address starting at token i. */
size_t norm_scan_url(const struct tok_line *tl, size_t i)
{
	size_t j = i;

	if (i + 2 >= tl->n || tl->tok[i].kind != TOK_WORD || !tok_glued(tl, i + 1) ||
	    (tl->tok[i + 1].kind == TOK_PUNCT && !url_mark(&tl->tok[i + 1])))
		return 0;       /* "asdf123@abc.com": digits may follow the first word */
	if (i > 0 && tok_glued(tl, i) && url_mark(&tl->tok[i - 1]))
		return 0;       /* inside a run already looked at from its start */
	while (j < tl->n && j < i + URL_MAX_TOKENS && (j == i || !(tl->tok[j].flags & TF_SPACE)) &&
	       (tl->tok[j].kind != TOK_PUNCT || url_mark(&tl->tok[j])))
		j++;
	while (j > i + 1 && tl->tok[j - 1].kind == TOK_PUNCT &&
	       tl->tok[j - 1].text[0] != '/')
		j--;                    /* a final '.' or ':' ends the sentence */
	if (j - i < 3 || !looks_like_url(tl, i, j - i))
		return 0;
	return j - i;
}

/* The word for a URL mark c, or NULL to say nothing. */
static const char *mark_word(char c, const struct url_words *w)
{
	switch (c) {
	case '.': return w->dot;
	case '@': return w->at;
	case '-': return w->dash;
	case '/': return w->slash;
	case ':': return w->colon;
	case '_': return w->underscore;
	default: return NULL;
	}
}

/* Token k of the address i..i+n-1 is a country's two-letter domain after
 * its dot with a vowel ("rtbf.be", "example.de"): said letter by letter,
 * not as a word ("be"); "fr", "ch" are spelled as they are. */
static int tld_letters(const struct tok_line *tl, size_t i, size_t n, size_t k)
{
	const struct token *t = &tl->tok[k];

	return t->kind == TOK_WORD && t->len == 2 && t->text[0] >= 'a' && t->text[0] <= 'z' &&
		t->text[1] >= 'a' && t->text[1] <= 'z' && (strchr("aeiouy", t->text[0]) ||
							   strchr("aeiouy", t->text[1])) &&
		k > i && tok_is_punct(tl, k - 1, '.') &&
		(k + 1 == i + n || tok_is_punct(tl, k + 1, '/') || tok_is_punct(tl, k + 1, ':'));
}

/* Say a URL or e-mail address with words for its marks. */
void norm_say_url(struct norm_out *o, const struct tok_line *tl, size_t i, size_t n,
		  const struct url_words *w)
{
	for (size_t k = i; k < i + n; k++) {
		const struct token *t = &tl->tok[k];

		if (t->kind != TOK_PUNCT && tld_letters(tl, i, n, k)) {
			char s[4] = { (char)(t->text[0] - 32), ' ', (char)(t->text[1] - 32), 0 };

			out_words(o, s, 3, k, k);      /* ".be": B E, never the word "be" */
			continue;
		}
		if (t->kind != TOK_PUNCT) {
			out_words(o, t->text, t->len, k, k);
			continue;
		}
		const char *word = mark_word(t->text[0], w);
		/* "//" after the scheme is said once, or not at all */
		if (t->text[0] == '/' && k > i && tok_is_punct(tl, k - 1, '/'))
			continue;
		if (t->text[0] == '/' && k > i && tok_is_punct(tl, k - 1, ':'))
			continue;
		if (t->text[0] == ':' && tok_is_punct(tl, k + 1, '/'))
			continue;
		if (word)
			out_word(o, word, k, k);
	}
}

int norm_real_date(uint64_t d, uint64_t m, uint64_t y)
{
	static const unsigned char days[12] = { 31, 29, 31, 30, 31, 30, 31, 31,
						30, 31, 30, 31 };
	int leap = !y || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));

	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !leap);
}

int norm_is_headline(const struct tok_line *tl)
{
	size_t words = 0, caps = 0;

	for (size_t k = 0; k < tl->n; k++)
		if (tl->tok[k].kind == TOK_WORD && tl->tok[k].len > 1) {
			words++;
			caps += (tl->tok[k].flags & TF_CAPS) != 0;
		}
	return caps >= 3 && caps * 10 >= words * 6;
}
