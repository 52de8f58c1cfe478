/* inbox.h - a newsroom's drop directory: nothing lost, nothing aired
 * twice, nothing ever deleted.
 *
 * The protocol (README.md, "Scheduled broadcasts"): a newsroom writes a
 * statement elsewhere on the same file system, or in the inbox under a
 * name starting with '.' or ending in .tmp or .part, then renames it to
 * its final name in the inbox.  Such names are never picked up, nor is a
 * file modified less than INBOX_SETTLE_S ago (a writer that ignores the
 * protocol, still writing).
 *
 * Under DIR:
 *   .processing/   a file being checked (claimed by rename)
 *   current/       valid statements, the newest aired first
 *   quarantine/    bad files, each with NAME.error saying why
 *   archive/YYYY-MM-DD/  statements past max_age, flashes after their
 *                  airing, duplicates (the date of archiving)
 *   .seen          content hashes of the statements archived from
 *                  current/ (FNV-1a 64), one a line
 * The same content dropped twice counts once: a drop whose hash is that
 * of a statement in current/ or in .seen is archived as a duplicate.
 * A statement's age is that of its file (its modification time). */
#ifndef CRIEUR_AIR_INBOX_H
#define CRIEUR_AIR_INBOX_H

#include <stddef.h>
#include "air/clock.h"

enum { INBOX_SETTLE_S = 2, INBOX_MAX_BYTES = 256 * 1024 };

typedef struct air_inbox {
	const char *dir;
	int max;            /* statements taken at most */
	double max_age;     /* seconds a statement stays current */
	int once;           /* archive after the first airing */
	/* what happened to each file, one line ("quarantine/x.txt: invalid
	 * UTF-8 at byte 12"); NULL: quiet */
	void (*note)(void *ctx, const char *msg);
	void *note_ctx;
} air_inbox;

/* Create the subdirectories if missing and check that each can be
 * written; CRIEUR_EIO naming the directory. */
int inbox_prepare(const char *dir);

/* Return the files a crash left in .processing/ to the inbox. */
int inbox_recover(const air_inbox *ib);

/* Claim and sort every new drop: current/, quarantine/ or archive/. */
int inbox_scan(const air_inbox *ib, air_ns now);

/* Archive the statements older than max_age, then list the newest
 * current ones (at most max, newest first) as paths in *paths (free
 * each and the array).  *n may be 0. */
int inbox_current(const air_inbox *ib, air_ns now, char ***paths, size_t *n);

/* After an airing: with once, archive the statements that aired. */
int inbox_aired(const air_inbox *ib, char *const *paths, size_t n,
		air_ns now);

#endif
