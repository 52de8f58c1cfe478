/* outfile.c - atomic output files: temporary name, then rename. */
#include "base/outfile.h"
#include "base/error.h"
#include "base/util.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporaries open now, so a fatal signal can remove them.  busy
 * counts the threads changing that list or renaming files into place,
 * and is -1 once a fatal signal removes them: the handler acts only when
 * no thread is busy, and a signal that comes while one is waits in
 * pending for the last of them to leave.  So a group is renamed whole
 * or not at all, no temporary is made unseen, and the handler never
 * reads a list being changed. */
static const char **tmps;
static size_t n_tmps, cap_tmps;
static atomic_int busy, pending;

static void die_of(int sig)
{
	for (size_t i = 0; i < n_tmps; i++)
		unlink(tmps[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A forked child owns none of its parent's temporaries (and no other
 * thread of the parent is busy in it). */
static void forget_in_child(void)
{
	n_tmps = 0;
	atomic_store(&busy, 0);
	atomic_store(&pending, 0);
}

static void watch_forks(void)
{
	pthread_atfork(NULL, NULL, forget_in_child);
}

static void busy_enter(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	int n;

	pthread_once(&once, watch_forks);
	n = atomic_load(&busy);
	do
		while (n < 0)
			pause();   /* a fatal signal is ending the process */
	while (!atomic_compare_exchange_weak(&busy, &n, n + 1));
}

static void busy_leave(void)
{
	int idle = 0, sig;

	if (atomic_fetch_sub(&busy, 1) == 1 && (sig = atomic_load(&pending)) &&
	    atomic_compare_exchange_strong(&busy, &idle, -1))
		die_of(sig);
}

void outfile_fatal_signal(int sig)
{
	int n = 0;

	for (;;) {
		if (atomic_compare_exchange_strong(&busy, &n, -1))
			die_of(sig);
		if (n < 0)
			return;   /* another thread is dying of one */
		atomic_store(&pending, sig);
		if (atomic_load(&busy) > 0)
			return;   /* the last busy thread acts on it */
		n = 0;
	}
}

/* Add tmp to the list, or take it off; the caller is busy. */
static void track(const char *tmp, int add)
{
	if (add) {
		if (n_tmps == cap_tmps) {
			cap_tmps = cap_tmps ? 2 * cap_tmps : 16;
			tmps = xrealloc(tmps, cap_tmps * sizeof(*tmps));
		}
		tmps[n_tmps++] = tmp;
		return;
	}
	for (size_t i = 0; i < n_tmps; i++)
		if (tmps[i] == tmp) {
			tmps[i] = tmps[--n_tmps];
			return;
		}
}

void outfile_note_input(const char *path)
{
	struct stat st;

	if (strcmp(path, "-") && !stat(path, &st))
		input_note(&st);
}

/* 0, or CRIEUR_EINVAL when path exists and is not a regular file, or
 * (unless update) is an input of this run. */
static int check_target(const char *path, int update)
{
	struct stat st;
	int input = 0;

	if (stat(path, &st))
		return 0;
	if (!S_ISREG(st.st_mode))
		return err_set(CRIEUR_EINVAL, "'%s' is %s, not a regular file: "
			       "crieur writes its outputs beside the target and "
			       "renames them into place (write to '-' and "
			       "redirect instead)", path, S_ISDIR(st.st_mode) ?
			       "a directory" : S_ISFIFO(st.st_mode) ? "a FIFO" :
			       S_ISSOCK(st.st_mode) ? "a socket" : "a device");
	input = !update && input_noted(&st);
	return input ? err_set(CRIEUR_EINVAL, "refusing to write '%s': it is "
			       "an input of this run", path) : 0;
}

/* The files committed while a group is open, renamed at its end. */
static struct {
	pthread_mutex_t lock;
	int open;
	size_t n;
	char **tmp, **path;
} group = { PTHREAD_MUTEX_INITIALIZER, 0, 0, NULL, NULL };

void outfile_group_begin(void)
{
	pthread_mutex_lock(&group.lock);
	group.open = 1;
	pthread_mutex_unlock(&group.lock);
	input_noting(1);
}

/* Defer the rename of tmp to path when a group is open: 1 if deferred
 * (the group then owns both strings). */
static int group_defer(char *tmp, char *path)
{
	int deferred = 0;

	pthread_mutex_lock(&group.lock);
	if (group.open) {
		group.tmp = xrealloc(group.tmp, (group.n + 1) * sizeof(char *));
		group.path = xrealloc(group.path, (group.n + 1) * sizeof(char *));
		group.tmp[group.n] = tmp;
		group.path[group.n++] = path;
		deferred = 1;
	}
	pthread_mutex_unlock(&group.lock);
	return deferred;
}

int outfile_group_end(int keep)
{
	int err = 0;

	pthread_mutex_lock(&group.lock);
	for (size_t i = 0; i < group.n && keep && !err; i++)
		err = check_target(group.path[i], 0);
	busy_enter();
	for (size_t i = 0; i < group.n; i++) {
		if (keep && !err && rename(group.tmp[i], group.path[i]))
			err = err_set(CRIEUR_EIO, "cannot rename '%s' to '%s': %s",
				      group.tmp[i], group.path[i], strerror(errno));
		if (!keep || err)
			unlink(group.tmp[i]);
		track(group.tmp[i], 0);
		free(group.tmp[i]);
		free(group.path[i]);
	}
	busy_leave();
	free(group.tmp);
	free(group.path);
	group.tmp = group.path = NULL;
	group.n = 0;
	group.open = 0;
	pthread_mutex_unlock(&group.lock);
	input_noting(0);
	return err;
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

/* outfile_open(), update: whether path may be an input. */
static int open_file(outfile *o, const char *path, int update)
{
	mode_t mask;
	int e0;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->path = xstrdup(path);
	if (!strcmp(path, "-")) {
		o->f = stdout;
		o->fd = STDOUT_FILENO;
		return 0;
	}
	if ((e0 = check_target(path, update))) {
		free(o->path);
		o->path = NULL;
		return e0;
	}
	o->tmp_path = tmp_name_for(path);
	busy_enter();
	if ((o->fd = mkstemp(o->tmp_path)) >= 0)
		track(o->tmp_path, 1);
	busy_leave();
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
	o->update = update;
	mask = umask(0);
	umask(mask);
	fchmod(o->fd, 0666 & ~mask);
	o->f = fdopen(o->fd, "w+b");
	return 0;
}

int outfile_open(outfile *o, const char *path)
{
	return open_file(o, path, 0);
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
	if (!err && group_defer(o->tmp_path, o->path)) {
		o->tmp_path = o->path = NULL;
		return 0;
	}
	if (!err)
		err = check_target(o->path, o->update);
	busy_enter();
	if (!err && rename(o->tmp_path, o->path))
		err = err_set(CRIEUR_EIO, "cannot rename '%s' to '%s': %s",
			      o->tmp_path, o->path, strerror(errno));
	if (err)
		unlink(o->tmp_path);
	track(o->tmp_path, 0);
	busy_leave();
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
		busy_enter();
		unlink(o->tmp_path);
		track(o->tmp_path, 0);
		busy_leave();
		free(o->tmp_path);
	}
	free(o->path);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
}

/* outfile_write_all(), update: whether path may be an input. */
static int write_all(const char *path, const void *buf, size_t len, int update)
{
	outfile o;
	int err = open_file(&o, path, update);

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

int outfile_write_all(const char *path, const void *buf, size_t len)
{
	return write_all(path, buf, len, 0);
}

int outfile_update_all(const char *path, const void *buf, size_t len)
{
	return write_all(path, buf, len, 1);
}
