/* util.c - allocation that cannot fail; whole-file reading. */
#define _POSIX_C_SOURCE 200809L
#include "base/util.h"
#include "base/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size)
{
	fprintf(stderr, "crieur: out of memory allocating %zu bytes\n", size);
	abort();
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		out_of_memory(size);
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xcalloc(1, n + 1);

	memcpy(p, s, n);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

int read_file(const char *path, char **data, size_t *len)
{
	int is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	size_t cap = 65536, n = 0;
	char *buf;

	if (!f)
		return err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "cannot open '%s': %s", path, strerror(errno));
	buf = xcalloc(1, cap + 1);
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap)
			break;
		cap *= 2;
		buf = xrealloc(buf, cap + 1);
	}
	if (ferror(f)) {
		int e = errno;

		if (!is_stdin)
			fclose(f);
		free(buf);
		return err_set(CRIEUR_EIO, "cannot read '%s': %s", path,
			       strerror(e ? e : EIO));
	}
	if (!is_stdin)
		fclose(f);
	buf[n] = '\0';
	if (n + 1 < cap / 2)   /* a bulletin keeps every item's text: no slack */
		buf = xrealloc(buf, n + 1);
	*data = buf;
	*len = n;
	return 0;
}
