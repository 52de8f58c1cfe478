/* clock.c - time zones, clocks and ISO 8601 instants. */
#include "air/clock.h"
#include "base/error.h"
#include "base/strbuf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The zoneinfo file of name, in buf. */
static void zone_path(char *buf, size_t n, const char *name)
{
	const char *dir = getenv("TZDIR");

	snprintf(buf, n, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo",
		 name);
}

int air_tz_exists(const char *name)
{
	char path[512], magic[4];
	FILE *f;
	size_t got;

	if (!name || !*name || name[0] == '/' || strstr(name, "..") ||
	    strlen(name) > 200)
		return 0;
	zone_path(path, sizeof(path), name);
	if (!(f = fopen(path, "rb")))
		return 0;
	got = fread(magic, 1, 4, f);
	fclose(f);
	return got == 4 && !memcmp(magic, "TZif", 4);
}

int air_tz_use(const char *name)
{
	char tz[256];

	if (!name || !*name)
		return 0;
	if (!air_tz_exists(name))
		return err_set(CRIEUR_EINVAL, "unknown time zone '%s' (an IANA "
			       "name such as Europe/Paris; see /usr/share/"
			       "zoneinfo)", name);
	snprintf(tz, sizeof(tz), ":%s", name);
	setenv("TZ", tz, 1);
	tzset();
	return 0;
}

static long long clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (long long)ts.tv_sec * AIR_NS_PER_S + ts.tv_nsec;
}

air_ns air_now(void)
{
	return clock_ns(CLOCK_REALTIME);
}

long long air_mono_now(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

long long air_mono_of(air_ns t)
{
	long long m0 = air_mono_now();
	air_ns r = air_now();
	long long m1 = air_mono_now();

	return t - r + m0 + (m1 - m0) / 2;
}

void air_time_format(char *buf, size_t n, air_ns t, int ms)
{
	time_t sec = (time_t)(t >= 0 ? t / AIR_NS_PER_S :
			      -((-t + AIR_NS_PER_S - 1) / AIR_NS_PER_S));
	long frac = (long)((t - (air_ns)sec * AIR_NS_PER_S) / 1000000);
	struct tm tm;
	long off;
	char date[32];

	if (!localtime_r(&sec, &tm)) {
		snprintf(buf, n, "?");
		return;
	}
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	off = tm.tm_gmtoff;
	if (ms)
		snprintf(buf, n, "%s.%03ld%c%02ld:%02ld", date, frac,
			 off < 0 ? '-' : '+', labs(off) / 3600,
			 labs(off) % 3600 / 60);
	else
		snprintf(buf, n, "%s%c%02ld:%02ld", date, off < 0 ? '-' : '+',
			 labs(off) / 3600, labs(off) % 3600 / 60);
}

void air_date(char *buf, air_ns t)
{
	time_t sec = (time_t)(t / AIR_NS_PER_S);
	struct tm tm;

	if (localtime_r(&sec, &tm))
		strftime(buf, 11, "%Y-%m-%d", &tm);
	else
		snprintf(buf, 11, "0000-00-00");
}

/* Read exactly n digits at *s; -1 if they are not there. */
static int digits(const char **s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++, (*s)++) {
		if (!isdigit((unsigned char)**s))
			return -1;
		v = v * 10 + (**s - '0');
	}
	return v;
}

/* The offset after a time: Z, +HH:MM, +HHMM or +HH; 1 if one was read,
 * 0 if there is none, -1 if malformed. */
static int parse_offset(const char *s, long *off)
{
	int sign, h, m = 0;

	if (!*s)
		return 0;
	if (!strcmp(s, "Z") || !strcmp(s, "z")) {
		*off = 0;
		return 1;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if ((h = digits(&s, 2)) < 0 || h > 23)
		return -1;
	if (*s == ':')
		s++;
	if (*s && ((m = digits(&s, 2)) < 0 || m > 59))
		return -1;
	if (*s)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 1;
}

int air_local_instant(const struct tm *want, time_t *out)
{
	int found = 0;

	for (int dst = 1; dst >= 0; dst--) {
		struct tm tm = *want, back;
		time_t t;

		tm.tm_isdst = dst;
		t = mktime(&tm);
		if (t == (time_t)-1 || !localtime_r(&t, &back) ||
		    back.tm_year != want->tm_year || back.tm_mon != want->tm_mon ||
		    back.tm_mday != want->tm_mday || back.tm_hour != want->tm_hour ||
		    back.tm_min != want->tm_min || back.tm_sec != want->tm_sec)
			continue;
		if (!found || t < *out)
			*out = t;
		found = 1;
	}
	return found ? 0 : -1;
}

int air_time_parse(const char *text, air_ns *out)
{
	const char *s = text;
	struct tm tm = { 0 };
	int y, mo, d, h = 0, mi = 0, sec = 0, r;
	long frac_ms = 0, off = 0;
	time_t t;

	if ((y = digits(&s, 4)) < 0 || *s++ != '-' || (mo = digits(&s, 2)) < 0 ||
	    *s++ != '-' || (d = digits(&s, 2)) < 0)
		goto bad;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if ((h = digits(&s, 2)) < 0 || *s++ != ':' ||
		    (mi = digits(&s, 2)) < 0)
			goto bad;
		if (*s == ':') {
			s++;
			if ((sec = digits(&s, 2)) < 0)
				goto bad;
			if (*s == '.') {
				int n = 0;
				for (s++; isdigit((unsigned char)*s); s++, n++)
					if (n < 3)
						frac_ms = frac_ms * 10 + (*s - '0');
				if (!n)
					goto bad;
				for (; n < 3; n++)
					frac_ms *= 10;
			}
		}
	}
	if ((r = parse_offset(s, &off)) < 0)
		goto bad;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59)
		goto bad;
	tm = (struct tm){ .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			  .tm_hour = h, .tm_min = mi, .tm_sec = sec };
	if (r) {
		t = timegm(&tm);
		if (tm.tm_mday != d)
			goto bad;
		t -= off;
	} else if (air_local_instant(&tm, &t)) {
		return err_set(CRIEUR_EINVAL, "'%s' does not exist in this time "
			       "zone (the hour skipped when clocks go forward)",
			       text);
	}
	*out = (air_ns)t * AIR_NS_PER_S + frac_ms * 1000000LL;
	return 0;
bad:
	return err_set(CRIEUR_EINVAL, "'%s' is not an ISO 8601 time (such as "
		       "2026-03-29T01:30:00+01:00, or 2026-03-29T01:30 local)",
		       text);
}
