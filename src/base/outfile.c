/* outfile.c - atomic output files: temporary name, then rename. */
#include "base/outfile.h"
#include "base/error.h"
#include "base/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporaries open now, so a fatal signal can remove them. */
enum { MAX_OPEN = 16 };
static const char *volatile open_tmps[MAX_OPEN];

static void track(const char *tmp, int add)
{
	for (int i = 0; i < MAX_OPEN; i++) {
		if (add && !open_tmps[i]) {
			open_tmps[i] = tmp;
			return;
		}
		if (!add && open_tmps[i] == tmp) {
			open_tmps[i] = NULL;
			return;
		}
	}
}

void outfile_abort_all_signal_safe(void)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (open_tmps[i])
			unlink(open_tmps[i]);
}

/* "dir/.name.XXXXXX" beside path. */
static char *tmp_name_for(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
	const char *base = path + dirlen;
	size_t n = dirlen + strlen(base) + 16;
	char *t = xcalloc(1, n);

	snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
	return t;
}

int outfile_open(outfile *o, const char *path)
{
	mode_t mask;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->path = xstrdup(path);
	if (!strcmp(path, "-")) {
		o->f = stdout;
		o->fd = STDOUT_FILENO;
		return 0;
	}
	o->tmp_path = tmp_name_for(path);
	o->fd = mkstemp(o->tmp_path);
	if (o->fd < 0) {
		int e = errno;
		const char *slash = strrchr(path, '/');
		int dirlen = slash ? (int)(slash - path) : 1;

		free(o->tmp_path);
		free(o->path);
		o->tmp_path = o->path = NULL;
		return err_set(e == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "cannot write in directory '%.*s': %s", dirlen,
			       slash ? path : ".", strerror(e));
	}
	track(o->tmp_path, 1);
	mask = umask(0);
	umask(mask);
	fchmod(o->fd, 0666 & ~mask);
	o->f = fdopen(o->fd, "w+b");
	return 0;
}

int outfile_seekable(const outfile *o)
{
	return o->tmp_path != NULL;
}

int outfile_commit(outfile *o)
{
	int err = 0;

	if (!o->tmp_path) {
		if (o->f && fflush(o->f))
			err = err_set(CRIEUR_EIO, "cannot write standard output: %s",
				      strerror(errno));
		o->f = NULL;
		free(o->path);
		o->path = NULL;
		return err;
	}
	if (fflush(o->f) || fsync(o->fd) || ferror(o->f))
		err = err_set(CRIEUR_EIO, "cannot write '%s': %s", o->path,
			      strerror(errno));
	if (fclose(o->f) && !err)
		err = err_set(CRIEUR_EIO, "cannot write '%s': %s", o->path,
			      strerror(errno));
	o->f = NULL;
	if (!err && rename(o->tmp_path, o->path))
		err = err_set(CRIEUR_EIO, "cannot rename '%s' to '%s': %s",
			      o->tmp_path, o->path, strerror(errno));
	if (err)
		unlink(o->tmp_path);
	track(o->tmp_path, 0);
	free(o->tmp_path);
	free(o->path);
	o->tmp_path = o->path = NULL;
	return err;
}

void outfile_abort(outfile *o)
{
	if (o->tmp_path) {
		if (o->f)
			fclose(o->f);
		unlink(o->tmp_path);
		track(o->tmp_path, 0);
		free(o->tmp_path);
	}
	free(o->path);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
}

int outfile_write_all(const char *path, const void *buf, size_t len)
{
	outfile o;
	int err = outfile_open(&o, path);

	if (err)
		return err;
	if (len && fwrite(buf, 1, len, o.f) != len) {
		err = err_set(CRIEUR_EIO, "cannot write '%s': %s", path,
			      strerror(errno));
		outfile_abort(&o);
		return err;
	}
	return outfile_commit(&o);
}
