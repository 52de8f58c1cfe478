/* tmp_path.h - per-process scratch file names for unit tests, so test
 * programs running at the same time (two checkouts, CI and a developer)
 * never share a file. */
#ifndef CRIEUR_TEST_TMP_PATH_H
#define CRIEUR_TEST_TMP_PATH_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* "/tmp/crieur-PID-name", in one of 8 rotating static buffers. */
static inline const char *tmp_path(const char *name)
{
	static char bufs[8][256];
	static int next;
	char *b = bufs[next++ & 7];

	snprintf(b, 256, "/tmp/crieur-%ld-%s", (long)getpid(), name);
	return b;
}

/* Make a scratch directory /tmp/crieur-TAG.XXXXXX into dir (size bytes,
 * 64 is plenty); 0, or -1 (as a cmocka group setup wants). */
static inline int tmp_dir_make(char *dir, size_t size, const char *tag)
{
	snprintf(dir, size, "/tmp/crieur-%s.XXXXXX", tag);
	return mkdtemp(dir) ? 0 : -1;
}

/* Remove it and all it holds; 0 or -1. */
static inline int tmp_dir_remove(const char *dir)
{
	char cmd[320];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

#endif
