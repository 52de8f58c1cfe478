/* cron.c - cron lines (5 or 6 fields) and their next instant, walking
 * wall-clock time in the process's time zone. */
#include "air/cron.h"
#include "air/clock.h"
#include "base/error.h"
#include "base/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { F_SEC, F_MIN, F_HOUR, F_DOM, F_MON, F_DOW, F_COUNT };

struct field_spec {
	const char *name;
	int lo, hi;
	const char *const *names;   /* names for lo..hi, or NULL */
};

static const char *const month_names[] = { "jan", "feb", "mar", "apr",
	"may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
static const char *const day_names[] = { "sun", "mon", "tue", "wed", "thu",
	"fri", "sat", "sun" };

static const struct field_spec fields[F_COUNT] = {
	{ "second", 0, 59, NULL },
	{ "minute", 0, 59, NULL },
	{ "hour", 0, 23, NULL },
	{ "day of month", 1, 31, NULL },
	{ "month", 1, 12, month_names },
	{ "day of week", 0, 7, day_names },
};

/* A number or a name of field f at *s; advances *s.  -1 if neither. */
static int parse_value(const struct field_spec *f, const char **s)
{
	const char *p = *s;
	long v;

	if (isdigit((unsigned char)*p)) {
		v = 0;
		while (isdigit((unsigned char)*p) && v < 1000)
			v = v * 10 + (*p++ - '0');
		if (isdigit((unsigned char)*p))
			return -1;
		*s = p;
		return (int)v;
	}
	if (f->names && isalpha((unsigned char)p[0]) &&
	    isalpha((unsigned char)p[1]) && isalpha((unsigned char)p[2]) &&
	    !isalpha((unsigned char)p[3]))
		for (int i = 0; i <= f->hi - f->lo; i++)
			if (!strncasecmp(p, f->names[i], 3)) {
				*s = p + 3;
				return f->lo + i;
			}
	return -1;
}

/* The range check of v in field f. */
static int check_range(const struct field_spec *f, int v)
{
	if (v >= f->lo && v <= f->hi)
		return 0;
	return err_set(CRIEUR_EFORMAT, "%s %d is out of range (%d-%d)", f->name,
		       v, f->lo, f->hi);
}

/* A note when [s, end) holds Quartz's L, W or #, else "". */
static const char *quartz_only(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s == 'L' || *s == 'W' || *s == '#')
			return " (Quartz's L, W and # are not supported)";
	return "";
}

/* One element of a list: *, ?, a, a-b, each with an optional /step. */
static int parse_element(const struct field_spec *f, int fi, const char *s,
			 const char *end, uint64_t *bits, int *any)
{
	int a = f->lo, b = f->hi, step = 1, star = 0;

	if (*s == '*' || (*s == '?' && (fi == F_DOM || fi == F_DOW))) {
		star = 1;
		s++;
	} else {
		if ((a = parse_value(f, &s)) < 0)
			return err_set(CRIEUR_EFORMAT, "%s: '%.*s' is not a "
				       "number%s%s", f->name, (int)(end - s), s,
				       f->names ? " or a name" : "",
				       quartz_only(s, end));
		if (check_range(f, a))
			return CRIEUR_EFORMAT;
		b = a;
		if (*s == '-') {
			s++;
			if ((b = parse_value(f, &s)) < 0)
				return err_set(CRIEUR_EFORMAT, "%s: a range "
					       "needs an end (a-b)", f->name);
			if (check_range(f, b))
				return CRIEUR_EFORMAT;
			if (b < a)
				return err_set(CRIEUR_EFORMAT, "%s: range %d-%d "
					       "runs backwards", f->name, a, b);
		}
	}
	if (*s == '/') {
		s++;
		step = parse_value(&fields[F_SEC], &s);
		if (step < 1 || step > f->hi)
			return err_set(CRIEUR_EFORMAT, "%s: a step must be from "
				       "1 to %d", f->name, f->hi);
		if (!star && b == a)
			b = f->hi;       /* 5/15: from 5 to the end by 15 */
	}
	if (s != end)
		return err_set(CRIEUR_EFORMAT, "%s: unexpected '%.*s'%s", f->name,
			       (int)(end - s), s, quartz_only(s, end));
	if (star && step == 1)
		*any = 1;
	for (int v = a; v <= b; v += step)
		*bits |= 1ULL << (fi == F_DOW && v == 7 ? 0 : v);
	return 0;
}

/* A whole field: elements separated by commas. */
static int parse_field(int fi, const char *s, const char *end, uint64_t *bits,
		       int *any)
{
	const struct field_spec *f = &fields[fi];
	int err;

	*bits = 0;
	*any = 0;
	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *e = comma ? comma : end;

		if (e == s)
			return err_set(CRIEUR_EFORMAT, "%s: an empty element "
				       "in a list", f->name);
		if ((err = parse_element(f, fi, s, e, bits, any)))
			return err;
		s = comma ? comma + 1 : end;
		if (comma && s == end)
			return err_set(CRIEUR_EFORMAT, "%s: a list ends with a "
				       "comma", f->name);
	}
	return 0;
}

int cron_parse(cron_expr *c, const char *line, size_t *at)
{
	const char *start[F_COUNT + 1], *end[F_COUNT + 1], *p = line;
	uint64_t bits[F_COUNT] = { 1, 0, 0, 0, 0, 0 };   /* second 0 */
	int n = 0, any[F_COUNT] = { 0 }, err;

	memset(c, 0, sizeof(*c));
	*at = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (n == F_COUNT)
			return *at = (size_t)(p - line), err_set(CRIEUR_EFORMAT,
				"too many fields: a cron line has 5 (minute hour "
				"day month weekday) or 6 (seconds first)");
		start[n] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		end[n++] = p;
	}
	if (n < 5)
		return err_set(CRIEUR_EFORMAT, "%d field%s: a cron line has 5 "
			       "(minute hour day month weekday) or 6 (seconds "
			       "first)", n, n == 1 ? "" : "s");
	for (int i = 0; i < n; i++) {
		int fi = i + (n == 5);

		*at = (size_t)(start[i] - line);
		err = parse_field(fi, start[i], end[i], &bits[fi], &any[fi]);
		if (err)
			return err;
	}
	*at = 0;
	c->sec = bits[F_SEC];
	c->min = bits[F_MIN];
	c->hour = (uint32_t)bits[F_HOUR];
	c->dom = (uint32_t)bits[F_DOM];
	c->mon = (uint16_t)bits[F_MON];
	c->dow = (uint8_t)bits[F_DOW];
	c->dom_any = any[F_DOM];
	c->dow_any = any[F_DOW];
	c->fields = n;
	return 0;
}

/* ---- wall-clock arithmetic --------------------------------------- */

struct wall {
	int y, mo, d, h, mi, s;   /* month 1-12, day 1-31 */
};

static int days_in(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				      31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* Day of week (0 = Sunday) of a date (Sakamoto's method). */
static int weekday(int y, int m, int d)
{
	static const int t[12] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	y -= m < 3;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* Carry overflowing fields upwards (each at most one step over). */
static void wall_carry(struct wall *w)
{
	if (w->s > 59) { w->s = 0; w->mi++; }
	if (w->mi > 59) { w->mi = 0; w->h++; }
	if (w->h > 23) { w->h = 0; w->d++; }
	if (w->mo > 12) { w->mo = 1; w->y++; }
	if (w->d > days_in(w->y, w->mo)) { w->d = 1; w->mo++; }
	if (w->mo > 12) { w->mo = 1; w->y++; }
}

/* The lowest set bit at or above from in bits (below limit), or -1. */
static int next_bit(uint64_t bits, int from, int limit)
{
	for (int i = from; i < limit; i++)
		if (bits >> i & 1)
			return i;
	return -1;
}

static int day_matches(const cron_expr *c, const struct wall *w)
{
	int dom = c->dom >> w->d & 1;
	int dow = c->dow >> weekday(w->y, w->mo, w->d) & 1;

	if (c->dom_any || c->dow_any)
		return dom && dow;
	return dom || dow;
}

/* The first instant showing wall time w on the clock: 0, or -1 when w
 * does not exist (the hour skipped in spring). */
static int wall_instant(const struct wall *w, time_t *out)
{
	struct tm tm = { .tm_year = w->y - 1900, .tm_mon = w->mo - 1,
			 .tm_mday = w->d, .tm_hour = w->h, .tm_min = w->mi,
			 .tm_sec = w->s };

	return air_local_instant(&tm, out);
}

/* Advance w to the next wall time whose fields all match (w itself if
 * it does); 0, or -1 past the year limit. */
static int wall_match(const cron_expr *c, struct wall *w, int limit)
{
	int v;

	while (w->y <= limit) {
		if (!(c->mon >> w->mo & 1)) {
			*w = (struct wall){ w->y, w->mo + 1, 1, 0, 0, 0 };
		} else if (!day_matches(c, w)) {
			*w = (struct wall){ w->y, w->mo, w->d + 1, 0, 0, 0 };
		} else if (!(c->hour >> w->h & 1)) {
			v = next_bit(c->hour, w->h, 24);
			*w = (struct wall){ w->y, w->mo, w->d, v < 0 ? 24 : v, 0, 0 };
		} else if (!(c->min >> w->mi & 1)) {
			v = next_bit(c->min, w->mi, 60);
			w->mi = v < 0 ? 60 : v;
			w->s = 0;
		} else if (!(c->sec >> w->s & 1)) {
			v = next_bit(c->sec, w->s, 60);
			w->s = v < 0 ? 60 : v;
		} else {
			return 0;
		}
		wall_carry(w);
	}
	return -1;
}

int cron_next(const cron_expr *c, time_t after, time_t *out)
{
	struct tm tm;
	struct wall w;
	int limit;

	if (!localtime_r(&after, &tm))
		return err_set(CRIEUR_EINVAL, "time out of range");
	w = (struct wall){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			   tm.tm_hour, tm.tm_min, tm.tm_sec + 1 };
	if (w.s > 59)   /* a leap second shown as :60 */
		w.s = 60;
	wall_carry(&w);
	limit = w.y + 8;
	while (!wall_match(c, &w, limit)) {
		if (!wall_instant(&w, out) && *out > after)
			return 0;
		w.s++;
		wall_carry(&w);
	}
	return err_set(CRIEUR_ENOENT, "the schedule never comes (no such day "
		       "within 8 years)");
}
