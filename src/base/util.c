/* util.c - allocation that cannot fail; whole-file reading. */
#define _POSIX_C_SOURCE 200809L
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE     /* realpath() */
#endif
#include "base/util.h"
#include "base/error.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

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

/* The inputs noted, as (device, inode) pairs. */
static struct {
	pthread_mutex_t lock;
	int on;           /* noting: between input_noting(1) and (0) */
	size_t n, cap;
	dev_t *dev;
	ino_t *ino;
} inputs = { PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, NULL, NULL };

void input_noting(int on)
{
	pthread_mutex_lock(&inputs.lock);
	inputs.on = on;
	if (!on) {
		free(inputs.dev);
		free(inputs.ino);
		inputs.dev = NULL;
		inputs.ino = NULL;
		inputs.n = inputs.cap = 0;
	}
	pthread_mutex_unlock(&inputs.lock);
}

void input_note(const struct stat *st)
{
	pthread_mutex_lock(&inputs.lock);
	if (!inputs.on || !S_ISREG(st->st_mode))
		goto done;
	for (size_t i = 0; i < inputs.n; i++)
		if (inputs.dev[i] == st->st_dev && inputs.ino[i] == st->st_ino)
			goto done;
	if (inputs.n == inputs.cap) {
		inputs.cap = inputs.cap ? inputs.cap * 2 : 16;
		inputs.dev = xrealloc(inputs.dev, inputs.cap * sizeof(*inputs.dev));
		inputs.ino = xrealloc(inputs.ino, inputs.cap * sizeof(*inputs.ino));
	}
	inputs.dev[inputs.n] = st->st_dev;
	inputs.ino[inputs.n++] = st->st_ino;
done:
	pthread_mutex_unlock(&inputs.lock);
}

int input_noted(const struct stat *st)
{
	int found = 0;

	pthread_mutex_lock(&inputs.lock);
	for (size_t i = 0; i < inputs.n && !found; i++)
		found = inputs.dev[i] == st->st_dev && inputs.ino[i] == st->st_ino;
	pthread_mutex_unlock(&inputs.lock);
	return found;
}

/* "16 MiB" for n bytes (n a multiple of 1 KiB). */
static void size_text(size_t n, char *buf, size_t cap)
{
	if (n >= (1u << 20) && !(n % (1u << 20)))
		snprintf(buf, cap, "%zu MiB", n >> 20);
	else
		snprintf(buf, cap, "%zu KiB", n >> 10);
}

static int too_big(const char *path, size_t max, const char *what)
{
	char lim[32];

	size_text(max, lim, sizeof(lim));
	return err_set(CRIEUR_EFORMAT, "'%s' is larger than %s, the limit for %s",
		       path, lim, what);
}

int read_file_max(const char *path, size_t max, const char *what, char **data,
		  size_t *len)
{
	int is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	size_t cap = 65536, n = 0;
	struct stat st;
	char *buf;

	if (!f)
		return err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "cannot open '%s': %s", path, strerror(errno));
	if (!fstat(fileno(f), &st)) {
		input_note(&st);
		int e = S_ISDIR(st.st_mode) ? EISDIR : 0;

		if (e || (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max)) {
			if (!is_stdin)
				fclose(f);
			return e ? err_set(CRIEUR_EIO, "cannot read '%s': %s", path,
					   strerror(e)) : too_big(path, max, what);
		}
		if (S_ISREG(st.st_mode) && (size_t)st.st_size + 1 > cap)
			cap = (size_t)st.st_size + 1;
	}
	buf = xcalloc(1, cap + 1);
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap || n > max)
			break;
		cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
		buf = xrealloc(buf, cap + 1);
	}
	if (ferror(f) || n > max) {
		int e = errno, big = n > max;

		if (!is_stdin)
			fclose(f);
		free(buf);
		return big ? too_big(path, max, what) :
			err_set(CRIEUR_EIO, "cannot read '%s': %s", path,
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

static char *confine_dir;     /* resolved; NULL: no confinement */

int path_confine(const char *dir)
{
	char *r = realpath(dir, NULL);
	struct stat st;

	if (!r || stat(r, &st) || !S_ISDIR(st.st_mode)) {
		int e = r ? ENOTDIR : errno;

		free(r);
		return err_set(CRIEUR_ENOENT, "--confine '%s': %s", dir,
			       strerror(e));
	}
	free(confine_dir);
	confine_dir = r;
	return 0;
}

/* path resolved (its folder when it does not exist yet), or NULL. */
static char *resolve_path(const char *path)
{
	char *r = realpath(path, NULL), *dir, *slash;
	size_t n;

	if (r || errno != ENOENT)
		return r;
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	r = realpath(dir, NULL);
	free(dir);
	if (r && (slash = strrchr(path, '/')) && strcmp(slash + 1, "..") &&
	    strcmp(slash + 1, ".")) {
		n = strlen(r) + strlen(slash) + 1;
		r = xrealloc(r, n);
		strcat(r, slash);
	}
	return r;
}

int path_check_confined(const char *path)
{
	char *r;
	size_t n;
	int inside;

	if (!confine_dir)
		return 0;
	r = resolve_path(path);
	n = strlen(confine_dir);
	inside = r && !strncmp(r, confine_dir, n) &&
		 (r[n] == '/' || r[n] == '\0' || !strcmp(confine_dir, "/"));
	free(r);
	return inside ? 0 : err_set(CRIEUR_EINVAL, "'%s' is outside '%s', the "
				    "folder given to --confine", path, confine_dir);
}

int read_file(const char *path, char **data, size_t *len)
{
	return read_file_max(path, MAX_OTHER_BYTES, "an input file", data, len);
}
