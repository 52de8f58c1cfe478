/* util.h - allocation that cannot fail, and small helpers.
 *
 * Out of memory is not a recoverable condition for crieur: the x*alloc
 * functions print a message and abort() (as git's xmalloc does), so
 * callers need not check.  All allocations are zeroed. */
#ifndef CRIEUR_UTIL_H
#define CRIEUR_UTIL_H

#include <stddef.h>

void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The largest input of each kind crieur reads whole (README "Limits";
 * checked before reading: a regular file by its size, a pipe or device
 * as it is read). */
enum {
	MAX_STATEMENT_BYTES = 16 << 20,  /* statements, say -f, SSML */
	MAX_SCRIPT_BYTES = 4 << 20,      /* bulletin scripts (YAML) */
	MAX_LEXICON_BYTES = 16 << 20,    /* lexicons, PLS */
	MAX_COVER_BYTES = 16 << 20,      /* cover images */
	MAX_FEED_BYTES = 64 << 20,       /* feed.xml, WebVTT transcripts */
	MAX_VOICE_BYTES = 1 << 20,       /* .voice files */
	MAX_OTHER_BYTES = 64 << 20       /* anything read through read_file() */
};

/* Read a whole file into a NUL-terminated heap buffer.  "-" is stdin.
 * Refuses a directory, and anything longer than max bytes (what names
 * the kind of input in the message: "a statement").  Returns 0 or
 * CRIEUR_ENOENT/CRIEUR_EIO, or CRIEUR_EFORMAT when too large, with a
 * detail naming path. */
int read_file_max(const char *path, size_t max, const char *what, char **data,
		  size_t *len);

/* The inputs of a run, by device and inode, so that no output replaces
 * one (base/outfile.h): while noting is on (input_noting(1)),
 * read_file_max() and input_note() record regular files;
 * input_noting(0) stops and forgets them.  Thread-safe. */
struct stat;
void input_noting(int on);
void input_note(const struct stat *st);
int input_noted(const struct stat *st);

/* Confinement (--confine DIR): from path_confine(dir) on, every path a
 * bulletin script names must resolve, after symbolic links, inside dir
 * (a script from elsewhere cannot make crieur read /etc/shadow).
 * path_confine: 0, or CRIEUR_ENOENT when dir is not a folder.
 * path_check_confined: 0 when no confinement is set or path (existing or
 * not) resolves inside it, else CRIEUR_EINVAL naming both. */
int path_confine(const char *dir);
int path_check_confined(const char *path);

/* read_file_max() with MAX_OTHER_BYTES. */
int read_file(const char *path, char **data, size_t *len);

#endif
