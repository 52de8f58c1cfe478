/* test_air_schedule.c - the schedule core: cron lines parsed and checked,
 * and their next instants over a simulated year in Europe/Paris and
 * America/Montreal, daylight-saving nights included, against a naive
 * minute-by-minute scan; ISO 8601 instants. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "air/clock.h"
#include "air/cron.h"
#include "base/error.h"

static cron_expr parse_ok(const char *line)
{
	cron_expr c;
	size_t at;

	if (cron_parse(&c, line, &at))
		fail_msg("'%s': %s", line, err_detail());
	return c;
}

/* The error of a bad line: its detail and the offset of the field. */
static void parse_bad(const char *line, const char *detail, size_t at_want)
{
	cron_expr c;
	size_t at = 99;

	assert_int_equal(cron_parse(&c, line, &at), CRIEUR_EFORMAT);
	if (!strstr(err_detail(), detail))
		fail_msg("'%s': got '%s', want '%s'", line, err_detail(), detail);
	assert_int_equal(at, at_want);
}

static void errors(void **state)
{
	parse_bad("61 * * * *", "minute 61 is out of range (0-59)", 0);
	parse_bad("0 24 * * *", "hour 24 is out of range (0-23)", 2);
	parse_bad("0 0 32 * *", "day of month 32 is out of range (1-31)", 4);
	parse_bad("0 0 0 * *", "day of month 0 is out of range (1-31)", 4);
	parse_bad("0 0 * 13 *", "month 13 is out of range (1-12)", 6);
	parse_bad("0 0 * * 8", "day of week 8 is out of range (0-7)", 8);
	parse_bad("60 0 * * * *", "second 60 is out of range (0-59)", 0);
	parse_bad("0 0 * *", "4 fields: a cron line has 5", 0);
	parse_bad("0 0 * * * * 2026", "too many fields", 12);
	parse_bad("0 0 L * *", "(Quartz's L, W and # are not supported)", 4);
	parse_bad("*/0 * * * *", "a step must be from 1 to 59", 0);
	parse_bad("5-2 * * * *", "range 5-2 runs backwards", 0);
	parse_bad("0 6 * foo *", "month: 'foo' is not a number or a name", 6);
	parse_bad("0 6,,7 * * *", "an empty element", 2);
	parse_bad("0 6, * * *", "a list ends with a comma", 2);
	parse_bad("0 ? * * *", "hour: '?' is not a number", 2);
	parse_bad("", "0 fields", 0);
}

/* The instant of a local wall time in the current zone. */
static time_t local(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			 .tm_hour = h, .tm_min = mi, .tm_sec = s };
	time_t t;

	assert_int_equal(air_local_instant(&tm, &t), 0);
	return t;
}

static void use_zone(const char *zone)
{
	assert_int_equal(air_tz_use(zone), 0);
}

/* Hourly news over 2026: one bulletin per wall-clock hour that exists;
 * spring forward: no 02:00 (01:00 then 03:00, one real hour apart); fall
 * back: 02:00 once (then 03:00, two real hours later). */
static void hourly_year(const char *zone, int spring_mo, int spring_d,
			int fall_mo, int fall_d)
{
	cron_expr c = parse_ok("0 * * * *");
	time_t t, end, next;
	int fires = 0, long_gaps = 0;
	struct tm tm;

	use_zone(zone);
	t = local(2025, 12, 31, 23, 30, 0);
	end = local(2027, 1, 1, 0, 0, 0);
	assert_int_equal(cron_next(&c, t, &t), 0);
	while (t < end) {
		localtime_r(&t, &tm);
		assert_int_equal(tm.tm_min, 0);
		assert_int_equal(tm.tm_sec, 0);
		fires++;
		assert_int_equal(cron_next(&c, t, &next), 0);
		if (next - t != 3600) {
			assert_int_equal(next - t, 7200);
			assert_int_equal(tm.tm_mon + 1, fall_mo);
			assert_int_equal(tm.tm_mday, fall_d);
			assert_int_equal(tm.tm_hour, zone[0] == 'E' ? 2 : 1);
			long_gaps++;
		}
		if (tm.tm_mon + 1 == spring_mo && tm.tm_mday == spring_d)
			assert_int_not_equal(tm.tm_hour, 2);
		t = next;
	}
	assert_int_equal(long_gaps, 1);
	assert_int_equal(fires, 365 * 24 - 1);
}

static void hourly_paris(void **state)
{
	hourly_year("Europe/Paris", 3, 29, 10, 25);
}

static void hourly_montreal(void **state)
{
	hourly_year("America/Montreal", 3, 8, 11, 1);
}

/* A daily slot near the changed hour: skipped on the spring-forward day
 * when its time does not exist then, aired once on the fall-back day
 * (with the offset fall_off: its first occurrence); fires in all. */
static void daily_in_changed_hour(const char *zone, const char *line,
				  int spring_mo, int spring_d, int fall_mo,
				  int fall_d, int fall_off, int fires_want)
{
	cron_expr c = parse_ok(line);
	time_t t, end, prev = 0;
	int fires = 0, saw_fall = 0;
	struct tm tm;

	use_zone(zone);
	t = local(2026, 1, 1, 0, 0, 0);
	end = local(2027, 1, 1, 0, 0, 0);
	while (!cron_next(&c, t, &t) && t < end) {
		localtime_r(&t, &tm);
		assert_false(tm.tm_mon + 1 == spring_mo && tm.tm_mday == spring_d);
		if (tm.tm_mon + 1 == fall_mo && tm.tm_mday == fall_d) {
			assert_int_equal(tm.tm_gmtoff, fall_off);
			saw_fall++;
		}
		if (prev)
			assert_true(t - prev >= 23 * 3600);
		prev = t;
		fires++;
	}
	assert_int_equal(saw_fall, 1);
	assert_int_equal(fires, fires_want);
}

static void daily_paris(void **state)
{
	/* 02:00-03:00 is skipped on 29 March, repeated on 25 October */
	daily_in_changed_hour("Europe/Paris", "30 2 * * *", 3, 29, 10, 25, 7200,
			      364);
}

static void daily_montreal(void **state)
{
	/* 02:00-03:00 is skipped on 8 March; on 1 November 02:00 EDT
	 * becomes 01:00 EST: 01:00-02:00 is repeated, 02:15 comes once */
	daily_in_changed_hour("America/Montreal", "15 2 * * *", 3, 8, 11, 1,
			      -5 * 3600, 364);
	daily_in_changed_hour("America/Montreal", "45 1 * * *", 0, 0, 11, 1,
			      -4 * 3600, 365);
}

/* Whether t shows a wall time the clock showed an hour earlier too (the
 * second pass of a repeated hour). */
static int repeated(time_t t)
{
	struct tm a, b;
	time_t e = t - 3600;

	localtime_r(&t, &a);
	localtime_r(&e, &b);
	return a.tm_hour == b.tm_hour && a.tm_min == b.tm_min &&
	       a.tm_mday == b.tm_mday;
}

/* The naive rule, minute by minute over the year. */
static int naive_matches(const cron_expr *c, time_t t)
{
	struct tm tm;
	int dom, dow;

	localtime_r(&t, &tm);
	dom = c->dom >> tm.tm_mday & 1;
	dow = c->dow >> tm.tm_wday & 1;
	return (c->sec >> tm.tm_sec & 1) && (c->min >> tm.tm_min & 1) &&
	       (c->hour >> tm.tm_hour & 1) && (c->mon >> (tm.tm_mon + 1) & 1) &&
	       (c->dom_any || c->dow_any ? dom && dow : dom || dow) &&
	       !repeated(t);
}

/* cron_next() agrees with a scan of every minute of 2026. */
static void against_scan(const char *zone, const char *line)
{
	cron_expr c = parse_ok(line);
	time_t t, end, want, got;
	long n = 0;

	use_zone(zone);
	t = local(2026, 1, 1, 0, 0, 0);
	end = local(2027, 1, 1, 0, 0, 0);
	assert_int_equal(cron_next(&c, t - 1, &got), 0);
	for (want = t; want < end; want += 60) {
		if (!naive_matches(&c, want))
			continue;
		if (got != want)
			fail_msg("%s '%s': next is %ld, the scan says %ld", zone,
				 line, (long)got, (long)want);
		assert_int_equal(cron_next(&c, got, &got), 0);
		n++;
	}
	assert_true(n > 0);
}

static void scan_year(void **state)
{
	static const char *const lines[] = {
		"*/20 * * * *", "0 6-22 * * *", "30 2 * * 0", "0 1-3 * * *",
		"5,35 2 * 3,10,11 *", "0 12 13 * fri", "0 0 1 */2 *",
		"0 7 * * mon-fri", "0 0-23/3 * * *", "59 1,2 25-31 10 sun",
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		against_scan("Europe/Paris", lines[i]);
		against_scan("America/Montreal", lines[i]);
	}
}

/* Six fields: seconds first, as Quartz writes them. */
static void six_fields(void **state)
{
	cron_expr c = parse_ok("50 59 * * * *");
	time_t t;
	struct tm tm;

	use_zone("Europe/Paris");
	assert_int_equal(c.fields, 6);
	assert_int_equal(cron_next(&c, local(2026, 6, 1, 10, 0, 0), &t), 0);
	assert_int_equal(t, local(2026, 6, 1, 10, 59, 50));
	assert_int_equal(cron_next(&c, t, &t), 0);
	assert_int_equal(t, local(2026, 6, 1, 11, 59, 50));
	c = parse_ok("*/5 * * * * ?");
	assert_int_equal(cron_next(&c, local(2026, 6, 1, 10, 0, 1), &t), 0);
	assert_int_equal(t, local(2026, 6, 1, 10, 0, 5));
	c = parse_ok("0 0 9 ? JAN MON");
	assert_int_equal(cron_next(&c, local(2026, 6, 1, 10, 0, 0), &t), 0);
	localtime_r(&t, &tm);
	assert_int_equal(tm.tm_year, 127);
	assert_int_equal(tm.tm_mon, 0);
	assert_int_equal(tm.tm_mday, 4);   /* the first Monday of 2027 */
	/* 7 is Sunday too */
	c = parse_ok("0 8 * * 7");
	assert_int_equal(cron_next(&c, local(2026, 6, 1, 10, 0, 0), &t), 0);
	assert_int_equal(t, local(2026, 6, 7, 8, 0, 0));
}

static void never(void **state)
{
	cron_expr c = parse_ok("0 0 31 2 *");
	time_t t;

	use_zone("Europe/Paris");
	assert_int_equal(cron_next(&c, local(2026, 1, 1, 0, 0, 0), &t),
			 CRIEUR_ENOENT);
	/* found by fuzz_cron: a month past December while carrying */
	c = parse_ok("0 2 31 2 0");
	assert_int_equal(cron_next(&c, local(2026, 12, 31, 23, 0, 0), &t), 0);
	assert_int_equal(t, local(2027, 2, 7, 2, 0, 0));   /* a Sunday */
	c = parse_ok("0 0 29 2 *");   /* leap days come */
	assert_int_equal(cron_next(&c, local(2026, 1, 1, 0, 0, 0), &t), 0);
	assert_int_equal(t, local(2028, 2, 29, 0, 0, 0));
}

static void iso_times(void **state)
{
	char buf[64];
	air_ns t;

	use_zone("Europe/Paris");
	assert_int_equal(air_time_parse("2026-03-29T01:59:59.250+01:00", &t), 0);
	air_time_format(buf, sizeof(buf), t, 1);
	assert_string_equal(buf, "2026-03-29T01:59:59.250+01:00");
	t += 750 * 1000000LL;
	air_time_format(buf, sizeof(buf), t, 0);
	assert_string_equal(buf, "2026-03-29T03:00:00+02:00");
	assert_int_equal(air_time_parse("2026-10-25T02:30", &t), 0);
	air_time_format(buf, sizeof(buf), t, 0);
	assert_string_equal(buf, "2026-10-25T02:30:00+02:00");   /* the first */
	assert_int_equal(air_time_parse("2026-03-29T02:30", &t), CRIEUR_EINVAL);
	assert_non_null(strstr(err_detail(), "does not exist"));
	assert_int_equal(air_time_parse("2026-07-01T12:00:00Z", &t), 0);
	assert_int_equal(t / AIR_NS_PER_S, 1782907200LL);
	assert_int_equal(air_time_parse("2026-07-01", &t), 0);
	air_time_format(buf, sizeof(buf), t, 0);
	assert_string_equal(buf, "2026-07-01T00:00:00+02:00");
	assert_int_equal(air_time_parse("2026-02-30T00:00Z", &t), CRIEUR_EINVAL);
	assert_int_equal(air_time_parse("tomorrow", &t), CRIEUR_EINVAL);
	assert_int_equal(air_time_parse("2026-07-01T12:00+5", &t), CRIEUR_EINVAL);
	use_zone("America/Montreal");
	assert_int_equal(air_time_parse("2026-07-01T12:00:00Z", &t), 0);
	air_time_format(buf, sizeof(buf), t, 1);
	assert_string_equal(buf, "2026-07-01T08:00:00.000-04:00");
	assert_int_equal(air_tz_use("Europe/Nowhere"), CRIEUR_EINVAL);
	assert_int_equal(air_tz_use("../../etc/passwd"), CRIEUR_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(errors),
		cmocka_unit_test(hourly_paris),
		cmocka_unit_test(hourly_montreal),
		cmocka_unit_test(daily_paris),
		cmocka_unit_test(daily_montreal),
		cmocka_unit_test(scan_year),
		cmocka_unit_test(six_fields),
		cmocka_unit_test(never),
		cmocka_unit_test(iso_times),
	};

	return cmocka_run_group_tests_name("air_schedule", tests, NULL, NULL);
}
