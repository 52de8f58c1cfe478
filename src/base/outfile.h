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
	int update;      /* may replace an input (outfile_update_all) */
} outfile;

/* Create the temporary file; CRIEUR_EIO/ENOENT with a detail naming the
 * directory when it cannot be written.  An existing target that is not a
 * regular file (a device, FIFO, socket, directory) is refused with
 * CRIEUR_EINVAL: renaming over it would replace it (write to "-" and
 * redirect instead), as is a target that is an input of this run. */
int outfile_open(outfile *o, const char *path);

/* Whether the output can seek (a regular temporary file, not a pipe). */
int outfile_seekable(const outfile *o);

/* Flush, sync, close and rename into place; on failure the temporary is
 * removed and the error (disk full...) reported with the target's name. */
int outfile_commit(outfile *o);

/* Write len bytes to path atomically (open, write, commit); errors name
 * path. */
int outfile_write_all(const char *path, const void *buf, size_t len);

/* outfile_write_all() for a file this run read to update it in place
 * (feed.xml, a site's record): the only writes allowed over an input. */
int outfile_update_all(const char *path, const void *buf, size_t len);

/* Close and remove the temporary; safe to call after commit or twice. */
void outfile_abort(outfile *o);

/* Inputs of a run (device and inode), noted as they are opened while a
 * group (below) is open: an output that is one of them is refused, at
 * outfile_open() and again before the rename, so no run overwrites its
 * own input ("-o intro.wav" of a script whose intro it is, "import x.pls
 * -o x.pls").  Outside a group nothing is noted.  Thread-safe. */
void outfile_note_input(const char *path);

/* Outputs that appear together or not at all (a render's audio and its
 * transcript and chapters): between begin and end, outfile_commit()
 * writes, syncs and closes but defers the rename; outfile_group_end(1)
 * renames every deferred file (0 or the first error), end(0) removes
 * them, and forgets the inputs noted.  One group at a time, for the
 * whole process. */
void outfile_group_begin(void);
int outfile_group_end(int keep);

/* A fatal signal's handler: remove every temporary file and die of sig
 * as if it were not caught, at once or, when a thread is renaming a group
 * into place or making a temporary, as soon as it is done (so a group
 * still appears whole or not at all).  Async-signal-safe. */
void outfile_fatal_signal(int sig);

#endif
