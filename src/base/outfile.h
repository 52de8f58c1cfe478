/* outfile.h - write an output file atomically.
 *
 * The data goes to a temporary file in the target's directory (so the
 * final rename stays on one file system); outfile_commit() flushes, closes
 * and renames it over the target, outfile_abort() removes it.  A failed or
 * interrupted run therefore never leaves a truncated file at the output
 * path.  The path "-" means standard output (written directly). */
#ifndef CRIEUR_OUTFILE_H
#define CRIEUR_OUTFILE_H

#include <stdio.h>

typedef struct outfile {
	char *path;      /* the target */
	char *tmp_path;  /* NULL for stdout */
	FILE *f;         /* open for writing (and reading back) */
	int fd;
} outfile;

/* Create the temporary file; CRIEUR_EIO/ENOENT with a detail naming the
 * directory when it cannot be written. */
int outfile_open(outfile *o, const char *path);

/* Whether the output can seek (a regular temporary file, not a pipe). */
int outfile_seekable(const outfile *o);

/* Flush, sync, close and rename into place; on failure the temporary is
 * removed and the error (disk full...) reported with the target's name. */
int outfile_commit(outfile *o);

/* Write len bytes to path atomically (open, write, commit); errors name
 * path. */
int outfile_write_all(const char *path, const void *buf, size_t len);

/* Close and remove the temporary; safe to call after commit or twice. */
void outfile_abort(outfile *o);

/* Remove every temporary file still open (for a fatal-signal path);
 * async-signal-safe. */
void outfile_abort_all_signal_safe(void);

#endif
