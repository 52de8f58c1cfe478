/* asrun.h - the as-run log: one JSON line per slot in STATE/asrun.jsonl,
 * what a station shows its regulator.  Append-only (O_APPEND, one
 * write() per line), fsync'd after each line, never rewritten:
 *
 *   {"slot":"news","scheduled":"2026-12-03T10:00:00.000+01:00",
 *    "started":"2026-12-03T10:00:00.002+01:00",
 *    "ended":"2026-12-03T10:03:00.004+01:00","outcome":"aired",
 *    "items":[{"title":"Pristina","file":"inbox/current/pristina.txt"}],
 *    "error":null}
 *
 * (one line in the file).  outcome: aired (on time), late (aired after
 * its time, within late:), missed (its time passed, beyond late:, while
 * crieur was down or busy), fallback (the bulletin failed: the fallback
 * aired; error says why), failed (nothing aired; error says why),
 * interrupted (stopped by a signal or a crash while airing).  started and
 * ended are null when nothing aired. */
#ifndef CRIEUR_AIR_ASRUN_H
#define CRIEUR_AIR_ASRUN_H

#include <stddef.h>
#include "air/clock.h"

enum asrun_outcome {
	ASRUN_AIRED, ASRUN_LATE, ASRUN_MISSED, ASRUN_FALLBACK, ASRUN_FAILED,
	ASRUN_INTERRUPTED,
};

typedef struct asrun_item {
	const char *title;
	const char *file;      /* NULL for inline text */
} asrun_item;

typedef struct asrun_entry {
	const char *slot;
	air_ns scheduled;
	air_ns started, ended; /* 0: null */
	enum asrun_outcome outcome;
	const asrun_item *items;
	size_t n_items;
	const char *error;     /* NULL: null */
} asrun_entry;

const char *asrun_outcome_name(enum asrun_outcome o);

/* Append e as one line to STATE/asrun.jsonl (created 0644), fsync'd.
 * CRIEUR_EIO with a detail naming the file. */
int asrun_append(const char *state_dir, const asrun_entry *e);

/* Call each(ctx, slot, scheduled) for every line of STATE/asrun.jsonl,
 * in order (nothing when the file is absent).  Lines that cannot be read
 * (one cut short by a crash) are skipped. */
int asrun_read(const char *state_dir,
	       void (*each)(void *ctx, const char *slot, air_ns scheduled),
	       void *ctx);

#endif
