/* site.c - the site's lock and the record of the files crieur owns. */
#include "publish/site.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/strbuf.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

static const char lock_name[] = ".crieur-lock", record_name[] = ".crieur-files";

/* "site/name" in a new string. */
static char *site_path(const char *site, const char *name)
{
	char *p = xcalloc(1, strlen(site) + strlen(name) + 2);

	sprintf(p, "%s/%s", site, name);
	return p;
}

int site_lock(const char *site, int *fd)
{
	char *path = site_path(site, lock_name);
	struct timespec pause = { 0, 20 * 1000000L };
	long waited_ms = 0;
	int err = 0;

	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (*fd < 0) {
		err = err_set(CRIEUR_EIO, "cannot create the lock '%s': %s", path,
			      strerror(errno));
		free(path);
		return err;
	}
	while (flock(*fd, LOCK_EX | LOCK_NB)) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			err = err_set(CRIEUR_EIO, "cannot lock '%s': %s", path,
				      strerror(errno));
		else if (crieur_interrupted)
			err = err_set(CRIEUR_EINTR, "interrupted while waiting "
				      "for the lock on '%s'", site);
		else if (waited_ms >= SITE_LOCK_WAIT_S * 1000L)
			err = err_set(CRIEUR_EIO, "'%s' is being published by "
				      "another crieur (it held '%s' for %d s); "
				      "nothing was changed, try again", site,
				      path, SITE_LOCK_WAIT_S);
		if (err)
			break;
		nanosleep(&pause, NULL);
		waited_ms += 20;
	}
	free(path);
	if (err) {
		close(*fd);
		*fd = -1;
	}
	return err;
}

void site_unlock(int fd)
{
	if (fd >= 0)
		close(fd);    /* releases the flock */
}

int site_name_ok(const char *name)
{
	return name && *name && name[0] != '.' && !strchr(name, '/') &&
	       strcmp(name, "feed.xml") && strcmp(name, "index.html");
}

void site_record_add(site_record *r, const char *guid, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->guid[i], guid) && !strcmp(r->name[i], name))
			return;
	r->guid = xrealloc(r->guid, (r->n + 1) * sizeof(*r->guid));
	r->name = xrealloc(r->name, (r->n + 1) * sizeof(*r->name));
	r->guid[r->n] = xstrdup(guid);
	r->name[r->n] = xstrdup(name);
	r->n++;
}

int site_record_load(site_record *r, const char *site)
{
	char *path = site_path(site, record_name), *data, *line, *next;
	size_t len;
	int err;

	memset(r, 0, sizeof(*r));
	err = read_file_max(path, MAX_FEED_BYTES, "a site record", &data, &len);
	free(path);
	if (err == CRIEUR_ENOENT) {
		err_clear();
		return 0;
	}
	if (err)
		return err;
	for (line = data; line && *line; line = next) {
		char *tab;

		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (*line == '#' || !(tab = strchr(line, '\t')) || tab == line)
			continue;
		*tab = '\0';
		if (site_name_ok(tab + 1) && !strchr(tab + 1, '\t'))
			site_record_add(r, line, tab + 1);
	}
	free(data);
	return 0;
}

int site_record_save(const site_record *r, const char *site)
{
	char *path = site_path(site, record_name);
	strbuf sb;
	int err;

	sb_init(&sb);
	sb_adds(&sb, "# crieur: the files of this site's episodes (guid TAB "
		"name); only these are ever deleted\n");
	for (size_t i = 0; i < r->n; i++)
		sb_addf(&sb, "%s\t%s\n", r->guid[i], r->name[i]);
	err = outfile_update_all(path, sb.buf, sb.len);
	sb_release(&sb);
	free(path);
	return err;
}

/* Whether a line of a kept guid names name. */
static int named_by_kept(const site_record *r, const char *keep_mask,
			 const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (keep_mask[i] && !strcmp(r->name[i], name))
			return 1;
	return 0;
}

int site_record_prune(site_record *r, const char *site,
		      int (*keep)(void *ctx, const char *guid), void *ctx)
{
	char *mask = xcalloc(r->n + 1, 1);
	size_t out = 0;
	int deleted = 0;

	for (size_t i = 0; i < r->n; i++)
		mask[i] = (char)(keep(ctx, r->guid[i]) != 0);
	for (size_t i = 0; i < r->n; i++) {
		if (mask[i]) {
			continue;
		}
		if (!named_by_kept(r, mask, r->name[i])) {
			char *path = site_path(site, r->name[i]);

			deleted += unlink(path) == 0;
			free(path);
		}
	}
	for (size_t i = 0; i < r->n; i++) {
		if (mask[i]) {
			r->guid[out] = r->guid[i];
			r->name[out++] = r->name[i];
		} else {
			free(r->guid[i]);
			free(r->name[i]);
		}
	}
	r->n = out;
	free(mask);
	return deleted;
}

void site_record_release(site_record *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->guid[i]);
		free(r->name[i]);
	}
	free(r->guid);
	free(r->name);
	memset(r, 0, sizeof(*r));
}
