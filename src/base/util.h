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

/* Read a whole file into a NUL-terminated heap buffer.  "-" is stdin.
 * Returns 0 or CRIEUR_ENOENT/CRIEUR_EIO with a detail naming path. */
int read_file(const char *path, char **data, size_t *len);

#endif
