/* lang_en_date.c - English clock times (3:45 p.m., 14:00, 5pm-7pm; the
 * marker in every form, a.m., am, A.M., is written "AM"/"PM") and
 * dates (Nov. 20, 2023; 20 November 2023; 11/20/2023; 2023-11-20; 2Q22). */
#include "text/lang_en.h"
#include "text/numbers_en.h"

#include <stdio.h>
#include <string.h>

/* ---- clock times ---- */

/* An a.m./p.m. marker from token i: 1 am, 2 pm, 0 none; *end after it. */
static int ampm(const struct tok_line *tl, size_t i, size_t *end)
{
	if (en_word_is(tl, i, "am") || en_word_is(tl, i, "pm")) {
		*end = i + 1;
		return en_word_is(tl, i, "am") ? 1 : 2;
	}
	if ((en_word_is(tl, i, "a") || en_word_is(tl, i, "p")) &&
	    en_is_punct(tl, i + 1, '.') && en_glued(tl, i + 1) &&
	    en_word_is(tl, i + 2, "m") && en_glued(tl, i + 2)) {
		*end = i + 3;
		if (en_is_punct(tl, i + 3, '.') && en_glued(tl, i + 3))
			*end = i + 4;
		return en_word_is(tl, i, "a") ? 1 : 2;
	}
	return 0;
}

/* A time zone from token i ("EST", "e.s.t", "GMT"): its row, *end after. */
static const struct table_row *zone(struct en *en, const struct tok_line *tl,
				    size_t i, size_t *end)
{
	char key[16];
	size_t n = 0, j = i;

	while (en_is_word(tl, j) && tl->tok[j].len <= 4 && n + tl->tok[j].len < sizeof(key)) {
		memcpy(key + n, tl->tok[j].text, tl->tok[j].len);
		n += tl->tok[j].len;
		j++;
		if (en_is_punct(tl, j, '.') && en_glued(tl, j) && en_is_word(tl, j + 1) &&
		    en_glued(tl, j + 1) && tl->tok[j + 1].len == 1)
			j++;
		else
			break;
	}
	if (!n)
		return NULL;
	const struct table_row *r = table_get_lower(en->zones, key, n);
	if (r) {
		*end = j;
		if (n < 4 && tl->tok[i].len == 1 && en_is_punct(tl, j, '.') && en_glued(tl, j))
			*end = j + 1;
	}
	return r;
}

/* Say a 24-hour clock time without am/pm: "one o'clock", "fourteen
 * hundred", "fourteen thirty", "nine oh five". */
static void say_clock(strbuf *sb, long h, long m)
{
	if (!m && !h) {
		en_word(sb, "midnight");
		return;
	}
	en_cardinal_u(sb, (uint64_t)h, 0);
	if (!m)
		en_word(sb, h <= 12 ? "o'clock" : "hundred");
	else
		en_minutes(sb, (unsigned)m);
}

/* Say "N hours M minutes and S seconds", units singular for one; in a
 * duration (not clock, no a.m./p.m.) a nought minute or second is left
 * out ("2:00:35" two hours and thirty-five seconds, "2:05:00" two hours
 * and five minutes). */
static void say_hms(strbuf *sb, long h, long m, long s, int clock)
{
	en_cardinal_u(sb, (uint64_t)h, 0);
	en_word(sb, h == 1 ? "hour" : "hours");
	if (clock) {
		en_cardinal_u(sb, (uint64_t)m, 0);
		en_word(sb, m == 1 ? "minute" : "minutes");
		en_word(sb, "and");
		en_cardinal_u(sb, (uint64_t)s, 0);
		en_word(sb, s == 1 ? "second" : "seconds");
		return;
	}
	if (m && s) {
		en_cardinal_u(sb, (uint64_t)m, 0);
		en_word(sb, m == 1 ? "minute" : "minutes");
	}
	if (!m && !s)
		return;
	en_word(sb, "and");
	en_cardinal_u(sb, (uint64_t)(s ? s : m), 0);
	en_word(sb, s ? (s == 1 ? "second" : "seconds") : (m == 1 ? "minute" : "minutes"));
}

/* Token k is a glued ':' before a glued two-digit number up to 59. */
static int colon_pair(const struct tok_line *tl, size_t k)
{
	return en_is_punct(tl, k, ':') && en_glued(tl, k) && en_is_num(tl, k + 1) &&
		en_glued(tl, k + 1) && tl->tok[k + 1].len == 2 && en_tok_val(tl, k + 1) <= 59;
}

/* A race time with tenths or hundredths, m:ss.f or h:mm:ss.f ("won the
 * 1500m in 3:49.04" three minutes forty-nine point zero four seconds;
 * "1:55.3"): no clock has a fraction of a second.  Tokens used, or 0. */
static size_t race_time(const struct tok_line *tl, size_t i, strbuf *sb)
{
	size_t j = i + 1, f;
	long a = en_tok_val(tl, i), b, h = -1;

	if (a < 0 || a > 59 || tl->tok[i].len > 2 || !colon_pair(tl, j))
		return 0;
	b = en_tok_val(tl, j + 1);
	j += 2;
	if (colon_pair(tl, j)) {
		h = a;
		a = b;
		b = en_tok_val(tl, j + 1);
		j += 2;
	}
	f = j + 1;
	if (!en_is_punct(tl, j, '.') || !en_glued(tl, j) || !en_is_num(tl, f) ||
	    !en_glued(tl, f) || tl->tok[f].len > 3 ||
	    (en_glued(tl, f + 1) && !en_run_end(tl, f + 1)) ||
	    (en_is_punct(tl, f + 1, '.') && en_is_num(tl, f + 2) && en_glued(tl, f + 2)))
		return 0;
	if (h >= 0) {
		en_cardinal_u(sb, (uint64_t)h, 0);
		en_word(sb, h == 1 ? "hour" : "hours");
	}
	if (a) {
		en_cardinal_u(sb, (uint64_t)a, 0);
		en_word(sb, a == 1 ? "minute" : "minutes");
	}
	char ip[3];
	int n = snprintf(ip, sizeof(ip), "%ld", b);
	en_decimal(sb, ip, (size_t)n, tl->tok[f].text, tl->tok[f].len, 0);
	en_word(sb, "seconds");
	return f + 1 - i;
}

/* Token k is four digits that can be a 24-hour time, hhmm. */
static int hhmm(const struct tok_line *tl, size_t k)
{
	long v = en_tok_val(tl, k);

	if (!en_is_num(tl, k) || tl->tok[k].len != 4 || v / 100 > 23 || v % 100 > 59)
		return 0;
	return !en_glued(tl, k + 1) || (tl->tok[k + 1].kind == TOK_PUNCT &&
					strchr(",.;!?)", tl->tok[k + 1].text[0]) &&
					!(en_is_num(tl, k + 2) && en_glued(tl, k + 2)));
}

/* Whether the four digits at token i, with no zone after, are a time:
 * "0600 hours", a leading zero after a word of role "clock_before" (at,
 * from, until: "at 0430 local time"), or a pair of them "from 2200 to
 * 0600" with a leading zero on one side. */
static int bare_military(struct en *en, const struct tok_line *tl, size_t i)
{
	size_t p = i - 1;

	if (en_word_is(tl, i + 1, "hours") || en_word_is(tl, i + 1, "hrs"))
		return 1;
	if (!i || !en_is_word(tl, p))
		return 0;
	if (tl->tok[i].text[0] == '0' && en_word_role(en, tl, p, "clock_before"))
		return 1;
	if ((en_word_is(tl, p, "from") || en_word_is(tl, p, "between")) &&
	    (en_word_is(tl, i + 1, "to") || en_word_is(tl, i + 1, "and")) && hhmm(tl, i + 2))
		return tl->tok[i].text[0] == '0' || tl->tok[i + 2].text[0] == '0';
	return (en_word_is(tl, p, "to") || en_word_is(tl, p, "and")) && i >= 3 &&
		hhmm(tl, i - 2) && (en_word_is(tl, i - 3, "from") ||
				    en_word_is(tl, i - 3, "between")) &&
		(tl->tok[i].text[0] == '0' || tl->tok[i - 2].text[0] == '0');
}

/* "0500 GMT", "1430 UTC", "at 0430", "0600 hours": a four-digit
 * military time before a zone or where bare_military says so. */
static size_t military_time(struct en *en, const struct tok_line *tl, size_t i,
			    strbuf *sb)
{
	long v = en_tok_val(tl, i), h = v / 100, m = v % 100;
	size_t end = i + 1;
	const struct table_row *z = NULL;

	if (!hhmm(tl, i) || (!(z = zone(en, tl, i + 1, &end)) && !bare_military(en, tl, i)))
		return 0;
	if (h < 10)
		en_word(sb, "oh");
	en_cardinal_u(sb, (uint64_t)h, 0);
	if (m)
		en_minutes(sb, (unsigned)m);
	else
		en_word(sb, "hundred");
	if (z)
		en_word(sb, table_field(z, 1));
	return end - i;
}

/* The time written h.mm at tokens i..j-1 names a train, a coach or a race
 * by its departure: "the" before it, and after it a word of role
 * "timetable" (lexicon/en/context.tsv: from, train, service...) or "to"
 * or "at" before a capitalized place ("the 10.45 to Leeds"; "the 3.25 to
 * 3.50 range" stays a decimal). */
static int departure(struct en *en, const struct tok_line *tl, size_t i, size_t j)
{
	if (!i || !en_word_is(tl, i - 1, "the") || en_glued(tl, j))
		return 0;
	if (en_word_role(en, tl, j, "timetable"))
		return 1;
	return (en_word_is(tl, j, "to") || en_word_is(tl, j, "at")) && en_is_word(tl, j + 1) &&
		(tl->tok[j + 1].flags & TF_UPPER);
}

/* Parse and say one time at token i into sb; returns tokens consumed. */
static size_t one_time(struct en *en, const struct tok_line *tl, size_t i, strbuf *sb)
{
	long h = en_tok_val(tl, i), m = 0, s = -1;
	size_t j = i + 1, end;
	int clock = 0, ap;

	if (tl->tok[i].len == 4)
		return military_time(en, tl, i, sb);
	if (h < 0 || h > 24 || tl->tok[i].len > 2)
		return 0;
	if ((en_is_punct(tl, j, ':') || en_is_punct(tl, j, '.')) && en_glued(tl, j) &&
	    en_is_num(tl, j + 1) && en_glued(tl, j + 1) && tl->tok[j + 1].len == 2) {
		clock = tl->tok[j].text[0] == ':' ? 1 : 2;
		m = en_tok_val(tl, j + 1);
		j += 2;
		if (clock == 1 && en_is_punct(tl, j, ':') && en_glued(tl, j) &&
		    en_is_num(tl, j + 1) && en_glued(tl, j + 1) && tl->tok[j + 1].len == 2) {
			s = en_tok_val(tl, j + 1);
			j += 2;
		}
		if (m > 59 || s > 59)
			return 0;
	}
	ap = ampm(tl, j, &end);
	if (!ap && clock == 2 && h < 24 && departure(en, tl, i, j)) {
		say_clock(sb, h, m);           /* "the 9.15 from Paddington" */
		return j - i;
	}
	if (!ap && clock != 1)
		return 0;
	if (ap && h > 12)
		return 0;
	if (ap)
		j = end;
	if (s >= 0)
		say_hms(sb, h, m, s, ap);
	else if (ap) {
		en_cardinal_u(sb, (uint64_t)h, 0);
		en_minutes(sb, (unsigned)m);
	} else {
		say_clock(sb, h, m);
	}
	if (ap)
		en_word(sb, ap == 1 ? "AM" : "PM");   /* written as NeMo does; said as letters */
	const struct table_row *z = zone(en, tl, j, &end);
	if (z) {
		en_word(sb, table_field(z, 1));
		j = end;
	}
	return j - i;
}

/* Clock times and time ranges (5pm-7pm). */
size_t en_rule_time(struct en *en, const struct tok_line *tl, size_t i,
		    struct norm_out *o)
{
	size_t n, j;

	if (en_is_num(tl, i) && (n = race_time(tl, i, &en->sb))) {
		en_emit(o, &en->sb, i, i + n - 1);
		return n;
	}
	if (!en_is_num(tl, i) || !(n = one_time(en, tl, i, &en->sb))) {
		sb_reset(&en->sb);
		return 0;
	}
	j = i + n;
	size_t dash = en_is_punct(tl, j, '-') ? j : (size_t)-1;
	if (dash != (size_t)-1 && en_is_num(tl, j + 1)) {
		size_t save = en->sb.len, m;

		en_word(&en->sb, "to");
		if ((m = one_time(en, tl, j + 1, &en->sb)))
			j += 1 + m;
		else
			sb_truncate(&en->sb, save);
	}
	en_emit(o, &en->sb, i, j - 1);
	return j - i;   /* "at 1 a.m." may end the sentence: en_expand() */
}

/* ---- dates ---- */

/* Month row of the word at token i (with its optional dot), or NULL. */
static const struct table_row *month_at(struct en *en, const struct tok_line *tl,
					size_t i, size_t *end)
{
	if (!en_is_word(tl, i) || !en_maybe_key(&en->month_keys, tl->tok[i].text, tl->tok[i].len))
		return NULL;
	const struct table_row *r = en_lookup(en->months, tl, i);
	if (!r)
		return NULL;
	*end = i + 1;
	if (en_is_punct(tl, i + 1, '.') && en_glued(tl, i + 1) &&
	    strlen(table_field(r, 1)) != tl->tok[i].len)
		*end = i + 2;          /* "Sept." has a dot; "March." ends a sentence */
	return r;
}

/* Say a year written with two digits ("05" oh five, "98" ninety-eight). */
static void say_short_year(strbuf *sb, long y)
{
	if (y < 10)
		en_word(sb, "oh");
	en_cardinal_u(sb, (uint64_t)y, 0);
}

/* A day number at token i (1..31, one or two digits, not a clock time or a
 * quantity): its value, with *end after an optional ordinal suffix. */
static long day_at(const struct tok_line *tl, size_t i, size_t *end)
{
	long d = en_tok_val(tl, i);

	if (d < 1 || d > 31 || tl->tok[i].len > 2)
		return -1;
	if ((en_is_punct(tl, i + 1, ':') || en_is_punct(tl, i + 1, '.') ||
	     en_is_punct(tl, i + 1, ',') || en_is_punct(tl, i + 1, '/')) &&
	    en_glued(tl, i + 1) && en_is_num(tl, i + 2) && en_glued(tl, i + 2))
		return -1;
	*end = i + 1;
	if (en_is_word(tl, i + 1) && en_glued(tl, i + 1)) {
		struct en_num n = { .nd = tl->tok[i].len };
		memcpy(n.d, tl->tok[i].text, n.nd);
		if (!en_is_ordinal_suffix(tl, i + 1, &n))
			return -1;
		*end = i + 2;
	}
	return d;
}

/* A year at token i (four digits, or two after a date's separator). */
static long year_at(const struct tok_line *tl, size_t i)
{
	if (!en_is_num(tl, i) || tl->tok[i].len != 4 ||
	    (en_is_word(tl, i + 1) && en_glued(tl, i + 1)))
		return -1;
	return en_tok_val(tl, i);
}

/* "November 20, 2023", "Jan-15-2020", "july 1506", "SEPT. 15". */
static size_t month_first(struct en *en, const struct tok_line *tl, size_t i,
			  strbuf *sb)
{
	size_t j, end, k0 = i + 1;
	const struct table_row *mon;
	long d, y;

	if (en_glued(tl, k0) && (en_is_punct(tl, k0, '.') || en_is_punct(tl, k0, '-')))
		k0++;
	if (!en_is_num(tl, k0) || !(mon = month_at(en, tl, i, &j)))
		return 0;                  /* a month name needs a number after it */
	int dash = en_is_punct(tl, j, '-') && en_glued(tl, j) && en_glued(tl, j + 1);
	size_t k = dash ? j + 1 : j;
	if ((y = year_at(tl, k)) >= 1000 && !dash) {
		en_word(sb, table_field(mon, 1));
		en_year(sb, (unsigned)y, en->nflags);
		return k + 1 - i;
	}
	if ((d = day_at(tl, k, &end)) < 0 || (!dash && en_glued(tl, k)))
		return 0;
	en_word(sb, table_field(mon, 1));
	en_ordinal_u(sb, (uint64_t)d, 0);
	j = end;
	long d2;
	size_t end2;
	if (!dash && en_is_punct(tl, j, '-') && en_glued(tl, j) && en_glued(tl, j + 1) &&
	    (d2 = day_at(tl, j + 1, &end2)) > d) {
		en_word(sb, "to");                 /* "Nov. 8-9" */
		en_ordinal_u(sb, (uint64_t)d2, 0);
		j = end2;
	} else if (!dash && en_is_punct(tl, j, '-') && en_glued(tl, j) && en_glued(tl, j + 1) &&
		   month_at(en, tl, j + 1, &end2)) {
		size_t save = sb->len, n;

		en_word(sb, "to");                 /* "Nov. 20-Dec. 18" */
		if ((n = month_first(en, tl, j + 1, sb)))
			return j + 1 + n - i;
		sb_truncate(sb, save);
	}
	size_t c = j;
	if ((en_is_punct(tl, c, ',') || (dash && en_is_punct(tl, c, '-'))) &&
	    year_at(tl, c + 1) >= 0)
		c++;
	if ((y = year_at(tl, c)) >= 0 && (c > j || !en_glued(tl, c))) {
		if (c > j && tl->tok[j].text[0] == ',')
			sb_addch(sb, ',');
		en_year(sb, (unsigned)y, en->nflags);
		j = c + 1;
	}
	return j - i;
}

/* "20 November 2023", "25th jul 2012", "15 january": the day first. */
static size_t day_first(struct en *en, const struct tok_line *tl, size_t i,
			strbuf *sb)
{
	size_t j, k, j2;
	long d = day_at(tl, i, &j), d2 = -1, y;
	const struct table_row *mon;

	if (d < 0)
		return 0;
	if ((en_is_punct(tl, j, '-') || en_word_is(tl, j, "to") || en_word_is(tl, j, "and")) &&
	    en_is_num(tl, j + 1) && (d2 = day_at(tl, j + 1, &j2)) > d &&
	    month_at(en, tl, j2, &k) && !en_glued(tl, j2)) {
		const char *link = en_is_punct(tl, j, '-') ? "to" : tl->tok[j].text;

		if (!(i > 0 && en_word_is(tl, i - 1, "the")))
			en_word(sb, "the");              /* "1-2 February" */
		en_ordinal_u(sb, (uint64_t)d, 0);
		en_word(sb, "");
		sb_add(sb, link, en_is_punct(tl, j, '-') ? 2 : tl->tok[j].len);
		en_word(sb, "the");
		d = d2;
		j = j2;
	}
	if (!(mon = month_at(en, tl, j, &k)) || en_glued(tl, j))
		return 0;
	if (d2 < 0 && !(i > 0 && en_word_is(tl, i - 1, "the")))
		en_word(sb, "the");
	en_ordinal_u(sb, (uint64_t)d, 0);
	en_word(sb, "of");
	en_word(sb, table_field(mon, 1));
	size_t c = k;
	if (en_is_punct(tl, c, ',') && year_at(tl, c + 1) >= 0)
		c++;
	if ((y = year_at(tl, c)) >= 0) {
		if (c > k)
			sb_addch(sb, ',');
		en_year(sb, (unsigned)y, en->nflags);
		k = c + 1;
	}
	return k - i;
}

/* Say month m, day d and year y (y < 0: none; yd: digits of the year). */
static void say_mdy(struct en *en, strbuf *sb, long m, long d, long y,
		    size_t yd, int day_first_order)
{
	char key[4];
	const struct table_row *r;

	snprintf(key, sizeof(key), "%ld", m);
	r = table_get(en->months, key, strlen(key));
	const char *name = r ? table_field(r, 1) : "";


	if (day_first_order) {
		en_word(sb, "the");
		en_ordinal_u(sb, (uint64_t)d, 0);
		en_word(sb, "of");
		en_word(sb, name);
	} else {
		en_word(sb, name);
		en_ordinal_u(sb, (uint64_t)d, 0);
	}
	if (y >= 0 && yd == 4)
		en_year(sb, (unsigned)y, en->nflags);
	else if (y >= 0)
		say_short_year(sb, y);
}

/* A date-shaped a/b/c that is no real day (02/31/2023): its numbers (by
 * the language's "and" rule, nflags) and separators as written, never a
 * date nor a fraction.  Returns 5. */
static size_t as_written(const struct tok_line *tl, size_t i, char sep,
			 int nflags, strbuf *sb)
{
	for (size_t k = i; k <= i + 4; k += 2) {
		if (k > i)
			en_word(sb, sep == '/' ? "slash" : sep == '-' ? "dash" : "dot");
		en_cardinal(sb, tl->tok[k].text, tl->tok[k].len, nflags);
	}
	return 5;
}

/* 11/20/2023, 20.11.2023, 2023-11-20, 11/17/05: in en-GB the day first
 * when it can be; else the month first when it can be (American order),
 * day first when the first part is over 12. */
static size_t numeric_date(struct en *en, const struct tok_line *tl, size_t i,
			   strbuf *sb)
{
	if (!en_is_num(tl, i) || !en_is_num(tl, i + 2) || !en_is_num(tl, i + 4))
		return 0;
	char sep = tl->tok[i + 1].text[0];
	if (!strchr("/-.", sep) || !en_is_punct(tl, i + 1, sep) ||
	    !en_is_punct(tl, i + 3, sep))
		return 0;
	for (size_t k = i + 1; k <= i + 4; k++)
		if (!en_glued(tl, k))
			return 0;
	if (en_glued(tl, i + 5) && (en_is_num(tl, i + 6) || en_is_word(tl, i + 5)))
		return 0;
	size_t la = tl->tok[i].len, lb = tl->tok[i + 2].len, lc = tl->tok[i + 4].len;
	long a = en_tok_val(tl, i), b = en_tok_val(tl, i + 2), c = en_tok_val(tl, i + 4);
	if (la == 4 && lb <= 2 && lc <= 2) {
		if (!norm_real_date(c, b, a))
			return as_written(tl, i, sep, en->nflags, sb);
		say_mdy(en, sb, b, c, a, 4, 0);
		return 5;
	}
	if (la > 2 || lb > 2 || !(lc == 4 || (lc == 2 && sep != '.')))
		return 0;
	long y = lc == 4 ? c : c + (c < 50 ? 2000 : 1900);

	if (en->variant == EN_GB && norm_real_date(a, b, y))
		say_mdy(en, sb, b, a, c, lc, 1);    /* British: 05/12/2026 is 5 December */
	else if (norm_real_date(b, a, y))
		say_mdy(en, sb, a, b, c, lc, 0);
	else if (norm_real_date(a, b, y))
		say_mdy(en, sb, b, a, c, lc, 1);
	else
		return as_written(tl, i, sep, en->nflags, sb);
	return 5;
}

/* "2Q22": the second quarter of twenty-two. */
static size_t quarter(const struct en *en, const struct tok_line *tl, size_t i, strbuf *sb)
{
	long q = en_tok_val(tl, i), y;

	if (q < 1 || q > 4 || !en_word_is(tl, i + 1, "q") || !en_glued(tl, i + 1) ||
	    !en_is_num(tl, i + 2) || !en_glued(tl, i + 2) ||
	    (en_glued(tl, i + 3) && tl->tok[i + 3].kind != TOK_PUNCT))
		return 0;
	y = en_tok_val(tl, i + 2);
	en_word(sb, "the");
	en_ordinal_u(sb, (uint64_t)q, 0);
	en_word(sb, "quarter of");
	if (tl->tok[i + 2].len == 4)
		en_year(sb, (unsigned)y, en->nflags);
	else
		say_short_year(sb, y);
	return 3;
}

/* Dates written with month names or numbers. */
size_t en_rule_date(struct en *en, const struct tok_line *tl, size_t i,
		    struct norm_out *o)
{
	size_t n = month_first(en, tl, i, &en->sb);

	if (!n && en_is_num(tl, i))
		n = numeric_date(en, tl, i, &en->sb);
	if (!n && en_is_num(tl, i))
		n = day_first(en, tl, i, &en->sb);
	if (!n && en_is_num(tl, i))
		n = quarter(en, tl, i, &en->sb);
	if (!n) {
		sb_reset(&en->sb);
		return 0;
	}
	en_emit(o, &en->sb, i, i + n - 1);
	return n;
}
