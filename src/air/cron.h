/* cron.h - when a slot airs: cron lines and the next instant they match.
 *
 * A line has 5 fields (minute hour day-of-month month day-of-week, as
 * crontab(5) writes them; the second is 0) or 6 with the seconds first,
 * as Quartz writes them ("50 59 * * * *" is :59:50 every hour).  Each
 * field is '*', a number, a range a-b, a list a,b,c, each with a step
 * '/N' after '*', a range (0-30/10) or a start (5/15: from 5 by 15);
 * months and days may be named (jan, mon; any case).  Day of week: 0 or 7 is Sunday (crontab's numbering, also
 * in the 6-field form).  '?' means '*' in the day fields (Quartz).  When
 * both day fields are restricted, a day matching either one matches
 * (crontab's rule).  Quartz's L, W and # are refused.
 *
 * Times are wall-clock times in the process's time zone (TZ; see
 * air_tz_use() in air/clock.h).  Daylight-saving changes:
 *   - spring forward: a wall-clock time that does not exist that night
 *     (02:30 in Paris on the last Sunday of March) does not fire: the
 *     slot is skipped that day (an hourly slot airs at 01:00 and 03:00);
 *   - fall back: a wall-clock time that happens twice (02:30 in Paris on
 *     the last Sunday of October) fires once, at its first occurrence.
 * cron_next() is a pure function of the line, the instant and TZ. */
#ifndef CRIEUR_CRON_H
#define CRIEUR_CRON_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

typedef struct cron_expr {
	uint64_t sec, min;      /* bit n: second / minute n matches */
	uint32_t hour, dom;     /* hours 0-23, days 1-31 */
	uint16_t mon;           /* months 1-12 */
	uint8_t dow;            /* 0 (Sunday) - 6 */
	int dom_any, dow_any;   /* the field was '*' or '?' */
	int fields;             /* 5 or 6, as written */
} cron_expr;

/* Parse one line.  On error returns CRIEUR_EFORMAT with a detail such as
 * "minute 61 is out of range (0-59)" (not naming any file) and sets *at
 * to the byte offset in line of the field at fault; the caller adds the
 * file and line. */
int cron_parse(cron_expr *c, const char *line, size_t *at);

/* The first instant strictly after `after` that c matches, in *out.
 * CRIEUR_ENOENT when it matches nothing within 8 years (31 February). */
int cron_next(const cron_expr *c, time_t after, time_t *out);

#endif
