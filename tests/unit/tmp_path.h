/* tmp_path.h - per-process scratch file names for unit tests, so test
 * programs running at the same time (two checkouts, CI and a developer)
 * never share a file. */
#ifndef CRIEUR_TEST_TMP_PATH_H
#define CRIEUR_TEST_TMP_PATH_H

#include <stdio.h>
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

#endif
