/* station.h - the station file: a YAML file describing a station's
 * scheduled bulletins (README.md, "Scheduled broadcasts";
 * samples/station.yaml is the worked example).
 *
 *   station: Radio Crieur          # the name (default: the file's)
 *   timezone: Europe/Paris         # IANA name (default: the system's)
 *   state: /var/lib/crieur/radio   # as-run log and state
 *   outputs:                       # where bulletins go (output.h)
 *     - device: system
 *     - folder: dropbox
 *   slots:
 *     - name: news
 *       at: "0 6-22 * * *"         # cron, 5 or 6 fields, or a list
 *       bulletin: news.yaml        # a bulletin script
 *       duration: 180              # fit to the slot (seconds)
 *       start: hard                # hard | soft
 *       prepare: 120               # seconds ahead to render
 *       fallback: sorry.wav        # aired when the bulletin fails
 *       late: 30                   # seconds a missed slot may still air
 *
 * station_load() checks the syntax, every key and value, and every file
 * named (bulletin scripts are loaded with script_load(), fallbacks probed
 * with libsndfile); errors name file:line:column, unknown keys are
 * refused with the closest known one suggested.  station_check() checks
 * what the machine must give (the state directory can be written, the
 * output devices exist, the folders and inboxes can be written). */
#ifndef CRIEUR_AIR_STATION_H
#define CRIEUR_AIR_STATION_H

#include <stddef.h>
#include "air/clock.h"
#include "air/cron.h"
#include "air/output.h"

enum air_start { AIR_START_HARD, AIR_START_SOFT };

#define AIR_DEFAULT_PREPARE 120.0

typedef struct air_slot {
	char *name;            /* letters, digits, '.', '_', '-' */
	ydoc_pos pos;          /* the slot's entry in slots: */
	cron_expr *at;         /* at least one */
	char **at_text;        /* the lines as written */
	size_t n_at;
	char *bulletin;        /* the bulletin script, resolved */
	ydoc_pos bulletin_pos;
	double duration;       /* seconds, 10..14400; 0: natural length */
	int start;             /* enum air_start (hard) */
	double prepare;        /* seconds ahead to render, 1..86400 (120) */
	char *fallback;        /* an audio file, resolved; NULL: none */
	double late;           /* seconds after its time a slot may still
				  air, 0..86400 (0) */
} air_slot;

typedef struct air_station {
	char *path;            /* the station file, as given */
	char *dir;             /* its folder */
	char *name;            /* station: (default: the file's name) */
	char *timezone;        /* NULL: the system's */
	char *state;           /* the state directory, resolved */
	ydoc_pos state_pos;    /* {0,0}: the default */
	air_output *outputs;
	size_t n_outputs;
	air_slot *slots;       /* at least one */
	size_t n_slots;
} air_station;

/* Read and check the station file at path; *out owns everything (free
 * with station_free()).  On failure *out is NULL and the detail names
 * path:line:column. */
int station_load(air_station **out, const char *path);

/* The same from text in memory (for the fuzzer and tests); files named
 * are still read. */
int station_load_text(air_station **out, const char *path, const char *text,
		      size_t len);

void station_free(air_station *st);

/* Check what the machine must give before anything airs: the state
 * directory (created if missing) can be written, each output's check
 * passes.  The detail names the station file and the line. */
int station_check(const air_station *st);

/* The next slot instance after (after, after_slot), in the process's
 * time zone (call air_tz_use(st->timezone) first): the first instant
 * strictly after `after`, or `after` itself for a slot listed after
 * after_slot (slots at one instant come in file order; SIZE_MAX: none at
 * `after`).  *slot is its index.  CRIEUR_ENOENT when none comes. */
int station_next(const air_station *st, air_ns after, size_t after_slot,
		 size_t *slot, air_ns *at);

/* The next instant of one slot after `after`. */
int slot_next(const air_slot *s, air_ns after, air_ns *at);

/* Call fn on each inbox: item of each slot's bulletin script (scripts
 * that do not load are skipped: they are reported when the slot is
 * prepared); stops at fn's first non-zero return, and returns it. */
struct script_item;
int station_each_inbox(const air_station *st,
		       int (*fn)(const air_station *st, const air_slot *s,
				 const struct script_item *it, void *ctx),
		       void *ctx);

/* Check that the inbox directories named by the station's bulletin
 * scripts can be written, creating their subdirectories; the detail
 * names the station file's slot line and the bulletin. */
int station_check_inboxes(const air_station *st);

#endif
