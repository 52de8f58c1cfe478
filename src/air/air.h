/* air.h - a station on air: `crieur air STATION.yaml`.
 *
 * air_run() loads the station file and runs until crieur_interrupted is
 * set (SIGTERM/SIGINT), airing each slot at its time:
 *   - prepare: `prepare` seconds ahead, the slot's bulletin script is
 *     loaded again, its inbox: items filled with the newest current
 *     statements, and it is rendered (fitted to `duration` when given)
 *     into STATE/prepared/; file outputs (folder) take it at once;
 *   - air: live outputs (device) are opened two seconds ahead and the
 *     first frame is heard at the slot's instant by the device's clock
 *     (hard start), or after the bulletin before it ends (soft start);
 *     a bulletin that cannot be made airs the slot's fallback: or is
 *     logged failed; a slot that cannot start within `late` seconds is
 *     logged missed;
 *   - every slot writes one line to the as-run log (air/asrun.h).
 * Restart safety: the schedule resumes after the last slot in the as-run
 * log (slots whose time passed meanwhile air late or are logged missed);
 * a slot airing when the process died (STATE/onair) is logged
 * interrupted, never aired twice; inbox files claimed but not sorted
 * return to their inbox.
 * o->reload() (SIGHUP) reloads the station file: a broken one is
 * reported and the running one kept. */
#ifndef CRIEUR_AIR_H
#define CRIEUR_AIR_H

#include <signal.h>
#include <stddef.h>
#include "air/station.h"

typedef struct air_opts {
	const char *station;           /* the station file */
	/* polled each turn of the loop: non-zero to reload the station
	 * file (SIGHUP); NULL: never */
	int (*reload)(void *ctx);
	/* one line per event ("news 10:00:00+01:00: aired"); NULL: quiet */
	void (*note)(void *ctx, const char *msg);
	void *ctx;
} air_opts;

/* Load and check the station (station_check(), the inboxes of its
 * bulletins), then air it until interrupted.  Errors before anything
 * airs name the station file and line; then only an interrupt ends it:
 * CRIEUR_EINTR. */
int air_run(const air_opts *o);

#endif
