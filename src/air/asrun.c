/* asrun.c - the as-run log: JSON lines, appended and fsync'd. */
#include "air/asrun.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "bulletin/transcript.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *asrun_outcome_name(enum asrun_outcome o)
{
	static const char *const names[] = { "aired", "late", "missed",
		"fallback", "failed", "interrupted" };

	return (unsigned)o < sizeof(names) / sizeof(names[0]) ? names[o] : "?";
}

/* "key":"escaped" or "key":null, with a comma before unless first. */
static void add_string(strbuf *sb, const char *key, const char *value)
{
	sb_addf(sb, "%s\"%s\":", sb->len > 1 ? "," : "", key);
	if (!value) {
		sb_adds(sb, "null");
		return;
	}
	sb_addch(sb, '"');
	json_escape(sb, value);
	sb_addch(sb, '"');
}

/* An instant with milliseconds and offset, or null for 0. */
static void add_time(strbuf *sb, const char *key, air_ns t)
{
	char buf[48];

	if (t)
		air_time_format(buf, sizeof(buf), t, 1);
	add_string(sb, key, t ? buf : NULL);
}

/* The entry as one JSON line. */
static void format_entry(strbuf *sb, const asrun_entry *e)
{
	sb_addch(sb, '{');
	add_string(sb, "slot", e->slot);
	add_time(sb, "scheduled", e->scheduled);
	add_time(sb, "started", e->started);
	add_time(sb, "ended", e->ended);
	add_string(sb, "outcome", asrun_outcome_name(e->outcome));
	sb_adds(sb, ",\"items\":[");
	for (size_t i = 0; i < e->n_items; i++) {
		sb_adds(sb, i ? ",{\"title\":\"" : "{\"title\":\"");
		json_escape(sb, e->items[i].title ? e->items[i].title : "");
		sb_adds(sb, "\",\"file\":");
		if (e->items[i].file) {
			sb_addch(sb, '"');
			json_escape(sb, e->items[i].file);
			sb_addch(sb, '"');
		} else {
			sb_adds(sb, "null");
		}
		sb_addch(sb, '}');
	}
	sb_addch(sb, ']');
	add_string(sb, "error", e->error);
	sb_adds(sb, "}\n");
}

/* STATE/asrun.jsonl, heap. */
static char *log_path(const char *state_dir)
{
	strbuf sb = { 0 };

	sb_addf(&sb, "%s/asrun.jsonl", state_dir);
	return sb_detach(&sb, NULL);
}

int asrun_append(const char *state_dir, const asrun_entry *e)
{
	char *path = log_path(state_dir);
	strbuf sb = { 0 };
	int fd, err = 0;
	ssize_t wrote;

	format_entry(&sb, e);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		err = err_set(CRIEUR_EIO, "cannot open the as-run log '%s': %s",
			      path, strerror(errno));
	} else {
		wrote = write(fd, sb.buf, sb.len);
		if (wrote != (ssize_t)sb.len || fsync(fd))
			err = err_set(CRIEUR_EIO, "cannot write the as-run log "
				      "'%s': %s", path, wrote < 0 ||
				      wrote == (ssize_t)sb.len ? strerror(errno) :
				      "short write");
		if (close(fd) && !err)
			err = err_set(CRIEUR_EIO, "cannot write the as-run log "
				      "'%s': %s", path, strerror(errno));
	}
	sb_release(&sb);
	free(path);
	return err;
}

/* The string value of "key":"..." in line, into buf; -1 if absent. */
static int field(const char *line, const char *key, char *buf, size_t n)
{
	char pat[32];
	const char *p, *end;

	snprintf(pat, sizeof(pat), "\"%s\":\"", key);
	if (!(p = strstr(line, pat)))
		return -1;
	p += strlen(pat);
	if (!(end = strchr(p, '"')) || (size_t)(end - p) >= n)
		return -1;
	memcpy(buf, p, (size_t)(end - p));
	buf[end - p] = '\0';
	return 0;
}

int asrun_read(const char *state_dir,
	       void (*each)(void *ctx, const char *slot, air_ns scheduled),
	       void *ctx)
{
	char *path = log_path(state_dir), *line = NULL, slot[96], when[64];
	FILE *f = fopen(path, "r");
	size_t cap = 0;
	air_ns t;

	if (!f) {
		int err = errno == ENOENT ? 0 : err_set(CRIEUR_EIO, "cannot "
			  "read the as-run log '%s': %s", path, strerror(errno));
		free(path);
		return err;
	}
	while (getline(&line, &cap, f) > 0)
		if (strchr(line, '\n') && !field(line, "slot", slot, sizeof(slot)) &&
		    !field(line, "scheduled", when, sizeof(when)) &&
		    !air_time_parse(when, &t))
			each(ctx, slot, t);
	free(line);
	fclose(f);
	free(path);
	return 0;
}
