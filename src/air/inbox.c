/* inbox.c - claim, check, dedupe and archive dropped statements. */
#define _GNU_SOURCE
#include "air/inbox.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "speech/ssml.h"
#include "text/normalize.h"
#include "text/statement.h"

#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const subdirs[] = { ".processing", "current", "quarantine",
				       "archive" };

/* dir/a[/b], heap. */
static char *path2(const char *dir, const char *a, const char *b)
{
	strbuf sb = { 0 };

	sb_addf(&sb, "%s/%s%s%s", dir, a, b ? "/" : "", b ? b : "");
	return sb_detach(&sb, NULL);
}

static void note(const air_inbox *ib, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void note(const air_inbox *ib, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!ib->note)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ib->note(ib->note_ctx, msg);
}

/* mkdir that accepts an existing directory. */
static int ensure_dir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0755) && errno != EEXIST)
		return err_set(CRIEUR_EIO, "cannot create '%s': %s", path,
			       strerror(errno));
	if (stat(path, &st) || !S_ISDIR(st.st_mode))
		return err_set(CRIEUR_EIO, "'%s' is not a directory", path);
	if (access(path, W_OK | X_OK))
		return err_set(CRIEUR_EIO, "'%s' cannot be written: %s", path,
			       strerror(errno));
	return 0;
}

int inbox_prepare(const char *dir)
{
	int err = ensure_dir(dir);

	for (size_t i = 0; !err && i < ARRAY_SIZE(subdirs); i++) {
		char *p = path2(dir, subdirs[i], NULL);

		err = ensure_dir(p);
		free(p);
	}
	return err;
}

/* Rename from into directory to_dir under name, never replacing a file:
 * NAME, then NAME-2.EXT, NAME-3.EXT...  *final (when not NULL) gets the
 * path used (heap). */
static int move_unique(const char *from, const char *to_dir, const char *name,
		       char **final)
{
	const char *dot = strrchr(name, '.');
	size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);

	for (int i = 1; i < 10000; i++) {
		strbuf sb = { 0 };

		if (i == 1)
			sb_addf(&sb, "%s/%s", to_dir, name);
		else
			sb_addf(&sb, "%s/%.*s-%d%s", to_dir, (int)stem, name, i,
				name + stem);
		if (!renameat2(AT_FDCWD, from, AT_FDCWD, sb.buf, RENAME_NOREPLACE)) {
			if (final)
				*final = sb_detach(&sb, NULL);
			else
				sb_release(&sb);
			return 0;
		}
		sb_release(&sb);
		if (errno != EEXIST)
			return err_set(CRIEUR_EIO, "cannot move '%s' into '%s': %s",
				       from, to_dir, strerror(errno));
	}
	return err_set(CRIEUR_EIO, "cannot move '%s': too many files named "
		       "'%s' in '%s'", from, name, to_dir);
}

/* Move path into archive/DATE/ (created). */
static int archive(const air_inbox *ib, const char *path, air_ns now,
		   char **final)
{
	char date[11], *dir;
	const char *slash = strrchr(path, '/');
	int err;

	air_date(date, now);
	dir = path2(ib->dir, "archive", date);
	err = ensure_dir(dir);
	if (!err)
		err = move_unique(path, dir, slash ? slash + 1 : path, final);
	free(dir);
	return err;
}

int inbox_recover(const air_inbox *ib)
{
	char *proc = path2(ib->dir, ".processing", NULL);
	DIR *d = opendir(proc);
	struct dirent *e;
	int err = 0;

	while (d && !err && (e = readdir(d))) {
		char *p;

		if (e->d_name[0] == '.')
			continue;
		p = path2(proc, e->d_name, NULL);
		err = move_unique(p, ib->dir, e->d_name, NULL);
		if (!err)
			note(ib, "%s: returned to the inbox (claimed before a "
			     "stop)", e->d_name);
		free(p);
	}
	if (d)
		closedir(d);
	free(proc);
	return err;
}

/* ---- hashes ------------------------------------------------------ */

struct hashes {
	uint64_t *h;
	size_t n, cap;
};

static void hashes_add(struct hashes *hs, uint64_t h)
{
	if (hs->n == hs->cap) {
		hs->cap = hs->cap ? 2 * hs->cap : 64;
		hs->h = xrealloc(hs->h, hs->cap * sizeof(*hs->h));
	}
	hs->h[hs->n++] = h;
}

static int hashes_has(const struct hashes *hs, uint64_t h)
{
	for (size_t i = 0; i < hs->n; i++)
		if (hs->h[i] == h)
			return 1;
	return 0;
}

/* FNV-1a 64 of data[0..len), then its length. */
static uint64_t content_hash(const char *data, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 0x100000001b3ull;
	return (h ^ len) * 0x100000001b3ull;
}

/* The hash of a file's content; -1 if it cannot be read. */
static int file_hash(const char *path, uint64_t *h)
{
	char *data;
	size_t len;

	if (read_file(path, &data, &len))
		return -1;
	*h = content_hash(data, len);
	free(data);
	return 0;
}

/* The hashes of current/ and of .seen. */
static void known_hashes(const air_inbox *ib, struct hashes *hs)
{
	char *cur = path2(ib->dir, "current", NULL), *seen;
	DIR *d = opendir(cur);
	struct dirent *e;
	FILE *f;
	unsigned long long h;

	while (d && (e = readdir(d))) {
		char *p;
		uint64_t x;

		if (e->d_name[0] == '.')
			continue;
		p = path2(cur, e->d_name, NULL);
		if (!file_hash(p, &x))
			hashes_add(hs, x);
		free(p);
	}
	if (d)
		closedir(d);
	free(cur);
	seen = path2(ib->dir, ".seen", NULL);
	if ((f = fopen(seen, "r"))) {
		while (fscanf(f, "%16llx\n", &h) == 1)
			hashes_add(hs, (uint64_t)h);
		fclose(f);
	}
	free(seen);
}

/* Append h to .seen, fsync'd (before the file leaves current/). */
static int remember(const air_inbox *ib, uint64_t h)
{
	char *seen = path2(ib->dir, ".seen", NULL), line[24];
	int fd = open(seen, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	int err = 0;

	snprintf(line, sizeof(line), "%016llx\n", (unsigned long long)h);
	if (fd < 0 || write(fd, line, 17) != 17 || fsync(fd))
		err = err_set(CRIEUR_EIO, "cannot write '%s': %s", seen,
			      strerror(errno));
	if (fd >= 0)
		close(fd);
	free(seen);
	return err;
}

/* ---- claiming ---------------------------------------------------- */

/* Whether name follows the protocol for a file still being written. */
static int in_progress_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' || name[n - 1] == '~' ||
	       (n > 4 && !strcmp(name + n - 4, ".tmp")) ||
	       (n > 5 && !strcmp(name + n - 5, ".part"));
}

/* Quarantine the claimed file p with NAME.error saying why. */
static int quarantine(const air_inbox *ib, const char *p, const char *name,
		      const char *why)
{
	char *qdir = path2(ib->dir, "quarantine", NULL), *final = NULL;
	strbuf sb = { 0 };
	FILE *f;
	int err = move_unique(p, qdir, name, &final);

	if (!err) {
		sb_addf(&sb, "%s.error", final);
		if (!(f = fopen(sb.buf, "w")) || fprintf(f, "%s\n", why) < 0 ||
		    fclose(f))
			err = err_set(CRIEUR_EIO, "cannot write '%s'", sb.buf);
		note(ib, "%s: quarantined (%s)", name, why);
	}
	sb_release(&sb);
	free(final);
	free(qdir);
	return err;
}

/* The 1-based line number in the file of the statement's line i. */
static size_t line_of(const statement *st, size_t i)
{
	size_t n = 1;

	for (size_t b = 0; b < st->lines[i].start; b++)
		n += st->data[b] == '\n';
	return n;
}

/* The check the bulletin's speech chain makes at air time: each line
 * through the normalizer (without error), and something to say in one of
 * them; else why, naming NAME:LINE. */
static int check_spoken(const statement *st, const char *name, char *why,
			size_t n)
{
	normalizer *norm;
	strbuf out = { 0 };
	int err = norm_new(&norm, "fr"), said = 0;

	if (err)
		return snprintf(why, n, "%s: the normalizer: %s", name,
				err_detail()), -1;
	for (size_t i = 0; i < st->n_lines && !err; i++) {
		sb_reset(&out);
		if ((err = norm_line(norm, st->data + st->lines[i].start,
				     st->lines[i].len, &out)))
			snprintf(why, n, "%s:%zu: %s", name, line_of(st, i),
				 err_detail());
		for (size_t k = 0; k < out.len && !said; k++)
			said = (unsigned char)out.buf[k] >= 0x80 ||
			       isalnum((unsigned char)out.buf[k]);
	}
	if (!err && !said) {
		snprintf(why, n, "%s:%zu: nothing to say: no line has a word once "
			 "normalized", name, line_of(st, 0));
		err = -1;
	}
	sb_release(&out);
	norm_free(norm);
	return err ? -1 : 0;
}

/* Why the claimed file p is not a statement, into why; 0 if it is one.
 * *h gets its content hash. */
static int check_drop(const char *p, const char *name, uint64_t *h,
		      char *why, size_t n)
{
	statement st;
	struct stat sb;
	char *data;
	size_t len;
	int err;

	if (stat(p, &sb) || !S_ISREG(sb.st_mode))
		return snprintf(why, n, "not a regular file"), -1;
	if (sb.st_size > INBOX_MAX_BYTES)
		return snprintf(why, n, "%lld bytes, over the limit of %d",
				(long long)sb.st_size, INBOX_MAX_BYTES), -1;
	if (read_file(p, &data, &len))
		return snprintf(why, n, "unreadable: %s", err_detail()), -1;
	*h = content_hash(data, len);
	err = statement_from_text(&st, name, data, len);
	if (err)
		snprintf(why, n, "%s", err_detail());
	else if (ssml_detect(st.data, st.len)) {
		snprintf(why, n, "%s:%zu: SSML: bulletins read plain statements "
			 "(SSML is for 'crieur say')", name, line_of(&st, 0));
		err = -1;
	} else
		err = check_spoken(&st, name, why, n);
	statement_release(&st);
	return err ? -1 : 0;
}

/* Claim one drop by renaming it into .processing/, then sort it. */
static int claim(const air_inbox *ib, const char *name, struct hashes *known,
		 air_ns now)
{
	char *from = path2(ib->dir, name, NULL);
	char *p = path2(ib->dir, ".processing", name), *cur, why[600];
	uint64_t h = 0;
	int err = 0;

	if (rename(from, p)) {
		free(from);
		free(p);
		return errno == ENOENT ? 0 : err_set(CRIEUR_EIO, "cannot claim "
			"'%s': %s", name, strerror(errno));
	}
	if (check_drop(p, name, &h, why, sizeof(why))) {
		err = quarantine(ib, p, name, why);
	} else if (hashes_has(known, h)) {
		err = archive(ib, p, now, NULL);
		note(ib, "%s: a duplicate of a statement already received "
		     "(archived)", name);
	} else {
		cur = path2(ib->dir, "current", NULL);
		err = move_unique(p, cur, name, NULL);
		free(cur);
		hashes_add(known, h);
		if (!err)
			note(ib, "%s: current", name);
	}
	free(from);
	free(p);
	return err;
}

int inbox_scan(const air_inbox *ib, air_ns now)
{
	struct hashes known = { 0 };
	DIR *d = opendir(ib->dir);
	struct dirent *e;
	int err = 0, loaded = 0;

	if (!d)
		return err_set(CRIEUR_EIO, "cannot read the inbox '%s': %s",
			       ib->dir, strerror(errno));
	while (!err && (e = readdir(d))) {
		char *p;
		struct stat st;
		int skip;

		if (in_progress_name(e->d_name))
			continue;
		p = path2(ib->dir, e->d_name, NULL);
		skip = lstat(p, &st) || S_ISDIR(st.st_mode) ||
		       (air_ns)st.st_mtime * AIR_NS_PER_S >
		       now - INBOX_SETTLE_S * AIR_NS_PER_S;
		free(p);
		if (skip)
			continue;
		if (!loaded++)
			known_hashes(ib, &known);
		err = claim(ib, e->d_name, &known, now);
	}
	closedir(d);
	free(known.h);
	return err;
}

/* ---- taking ------------------------------------------------------ */

struct entry {
	char *path;
	air_ns mtime;
};

static int newest_first(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? 1 : -1;
	return strcmp(x->path, y->path);
}

/* Move an expired or aired statement to the archive, its hash kept. */
static int retire(const air_inbox *ib, const char *path, air_ns now,
		  const char *why)
{
	uint64_t h;
	int err = 0;
	const char *slash = strrchr(path, '/');

	if (!file_hash(path, &h))
		err = remember(ib, h);
	if (!err)
		err = archive(ib, path, now, NULL);
	if (!err)
		note(ib, "%s: archived (%s)", slash ? slash + 1 : path, why);
	return err;
}

int inbox_current(const air_inbox *ib, air_ns now, char ***paths, size_t *n)
{
	char *cur = path2(ib->dir, "current", NULL);
	DIR *d = opendir(cur);
	struct entry *list = NULL;
	size_t count = 0, cap = 0;
	struct dirent *e;
	int err = 0;

	*paths = NULL;
	*n = 0;
	if (!d) {
		err = err_set(CRIEUR_EIO, "cannot read '%s': %s", cur,
			      strerror(errno));
		free(cur);
		return err;
	}
	while (!err && (e = readdir(d))) {
		struct stat st;
		char *p;

		if (e->d_name[0] == '.')
			continue;
		p = path2(cur, e->d_name, NULL);
		if (stat(p, &st) || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		if ((double)(now / AIR_NS_PER_S - st.st_mtime) > ib->max_age) {
			err = retire(ib, p, now, "past max_age");
			free(p);
			continue;
		}
		if (count == cap) {
			cap = cap ? 2 * cap : 16;
			list = xrealloc(list, cap * sizeof(*list));
		}
		list[count++] = (struct entry){ p, (air_ns)st.st_mtim.tv_sec *
						AIR_NS_PER_S + st.st_mtim.tv_nsec };
	}
	closedir(d);
	free(cur);
	qsort(list, count, sizeof(*list), newest_first);
	*paths = xcalloc(count + 1, sizeof(char *));
	for (size_t i = 0; i < count; i++) {
		if (!err && (int)*n < ib->max)
			(*paths)[(*n)++] = list[i].path;
		else
			free(list[i].path);
	}
	free(list);
	return err;
}

int inbox_aired(const air_inbox *ib, char *const *paths, size_t n,
		air_ns now)
{
	int err = 0;

	for (size_t i = 0; ib->once && !err && i < n; i++)
		err = retire(ib, paths[i], now, "aired once");
	return err;
}
