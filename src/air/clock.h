/* clock.h - the station's time zone and its instants as text.
 *
 * Instants are CLOCK_REALTIME nanoseconds since the epoch (air_ns);
 * they are shown in the process's time zone, which air_tz_use() sets. */
#ifndef CRIEUR_AIR_CLOCK_H
#define CRIEUR_AIR_CLOCK_H

#include <stddef.h>
#include <time.h>

typedef long long air_ns;

#define AIR_NS_PER_S 1000000000LL

/* Use the IANA time zone name ("Europe/Paris") for every local time of
 * this process (TZ); NULL or "" keeps the system's.  CRIEUR_EINVAL with
 * a detail when no such zone is installed (zoneinfo under $TZDIR or
 * /usr/share/zoneinfo; names with ".." are refused). */
int air_tz_use(const char *name);

/* Whether name is an installed time zone (as air_tz_use() checks). */
int air_tz_exists(const char *name);

/* CLOCK_REALTIME and CLOCK_MONOTONIC now, in nanoseconds. */
air_ns air_now(void);
long long air_mono_now(void);

/* The monotonic time at which the realtime clock shows t (for waiting
 * on CLOCK_MONOTONIC and for device clocks), from a pair of readings. */
long long air_mono_of(air_ns t);

/* Format t as ISO 8601 local time with its offset, with milliseconds
 * when ms is set: 2026-03-29T03:00:00.000+02:00 (at least 30 bytes). */
void air_time_format(char *buf, size_t n, air_ns t, int ms);

/* Parse ISO 8601: YYYY-MM-DD[THH:MM[:SS[.fff]]] with Z or an offset
 * (+HH:MM, +HHMM, +HH), else local time (a wall time that does not exist
 * is an error; one that happens twice is its first occurrence).
 * CRIEUR_EINVAL with a detail when it is not one. */
int air_time_parse(const char *s, air_ns *out);

/* The first instant at which the local clock shows the wall time in
 * want (year to second; tm_isdst ignored): 0, or -1 when the clock never
 * shows it (the hour skipped when clocks go forward).  A wall time shown
 * twice (when clocks go back) gives its first occurrence. */
int air_local_instant(const struct tm *want, time_t *out);

/* The local date of t as YYYY-MM-DD (11 bytes). */
void air_date(char *buf, air_ns t);

#endif
