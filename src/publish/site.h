/* site.h - what crieur owns in a podcast site directory.
 *
 * A lock: publishing reads feed.xml, adds an episode and writes it back;
 * two runs at once would each drop the other's episode, so the whole
 * read-modify-write holds an exclusive flock(2) on SITE/.crieur-lock.
 *
 * A record, SITE/.crieur-files: one line "GUID<TAB>NAME" for every file
 * crieur copied into the site for an episode (its MP3, transcript,
 * chapters).  Only files recorded there are ever deleted when episodes
 * leave the feed (--keep), by their exact name: a feed.xml edited by hand
 * or by an attacker cannot make crieur delete anything else. */
#ifndef CRIEUR_SITE_H
#define CRIEUR_SITE_H

#include <stddef.h>

enum { SITE_LOCK_WAIT_S = 120 };   /* how long a publish waits its turn */

/* Take the site's lock, waiting up to SITE_LOCK_WAIT_S seconds (and
 * giving up on a signal: CRIEUR_EINTR); *fd receives the lock's
 * descriptor for site_unlock().  CRIEUR_EIO with a clear message when
 * another run holds it too long. */
int site_lock(const char *site, int *fd);
void site_unlock(int fd);

typedef struct site_record {
	size_t n;
	char **guid, **name;
} site_record;

/* Read SITE/.crieur-files (absent: empty).  Lines that are not
 * "GUID<TAB>NAME" with a plain file name are ignored. */
int site_record_load(site_record *r, const char *site);

/* Record that name belongs to the episode guid (once). */
void site_record_add(site_record *r, const char *guid, const char *name);

/* Whether name is a plain file name crieur may own: no '/', not hidden,
 * not feed.xml nor index.html. */
int site_name_ok(const char *name);

/* Write the record atomically. */
int site_record_save(const site_record *r, const char *site);

/* Drop the lines of every guid for which keep(ctx, guid) is false and
 * delete from site the files they named that no kept line names.
 * Returns the number of files deleted. */
int site_record_prune(site_record *r, const char *site,
		      int (*keep)(void *ctx, const char *guid), void *ctx);

void site_record_release(site_record *r);

#endif
