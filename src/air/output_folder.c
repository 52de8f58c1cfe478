/* output_folder.c - the `folder:` output: each bulletin (the rendered
 * MP3, its WebVTT transcript and Podcasting 2.0 chapters) dropped into a
 * directory, complete or not at all (Rivendell's dropboxes, LibreTime's
 * watched folders): sidecars first, then the audio, each written under
 * a hidden temporary name and renamed into place. */
#include "air/output.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/strbuf.h"
#include "base/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* folder: a directory, relative to the station file's folder. */
static int folder_parse(ydoc *d, yaml_node_t *v, const char *dir, void **cfg)
{
	int err = air_output_scalar(d, v, "folder", "a directory", dir, cfg);

	if (!err && (err = path_check_confined(*cfg)))
		return ydoc_fail_detail(d, ydoc_pos_of(v), "folder", err);
	return err;
}

static void folder_describe(const void *cfg, char *buf, size_t n)
{
	snprintf(buf, n, "folder '%s'", (const char *)cfg);
}

static int folder_check(const void *cfg)
{
	return air_output_check_dir("folder", cfg, 0);
}

/* Copy from to `to` atomically; a missing source is not an error when
 * optional is set. */
static int copy_file(const char *from, const char *to, int optional)
{
	char buf[65536];
	FILE *in = fopen(from, "rb");
	outfile o;
	size_t got;
	int err;

	if (!in) {
		if (optional && errno == ENOENT)
			return 0;
		return err_set(CRIEUR_EIO, "cannot read '%s': %s", from,
			       strerror(errno));
	}
	if ((err = outfile_open(&o, to))) {
		fclose(in);
		return err;
	}
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, got, o.f) != got)
			break;
	if (ferror(in) || ferror(o.f)) {
		err = err_set(CRIEUR_EIO, "cannot copy '%s' to '%s'", from, to);
		outfile_abort(&o);
	} else {
		err = outfile_commit(&o);
	}
	fclose(in);
	return err;
}

/* path without its extension, + ext. */
static char *with_ext(const char *path, const char *ext)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) :
		      strlen(path);
	strbuf sb = { 0 };

	sb_addf(&sb, "%.*s%s", (int)stem, path, ext);
	return sb_detach(&sb, NULL);
}

static int folder_deliver(const void *cfg, const air_delivery *dl)
{
	static const char *const sidecars[] = { ".vtt", ".chapters.json" };
	const char *dot = strrchr(dl->path, '.');
	strbuf to = { 0 };
	int err = 0;

	for (size_t i = 0; i < ARRAY_SIZE(sidecars) && !err; i++) {
		char *from = with_ext(dl->path, sidecars[i]);

		sb_reset(&to);
		sb_addf(&to, "%s/%s%s", (const char *)cfg, dl->name, sidecars[i]);
		err = copy_file(from, sb_cstr(&to), 1);
		free(from);
	}
	sb_reset(&to);
	sb_addf(&to, "%s/%s%s", (const char *)cfg, dl->name, dot ? dot : "");
	if (!err)
		err = copy_file(dl->path, sb_cstr(&to), 0);
	sb_release(&to);
	return err;
}

const air_output_kind air_output_folder = {
	.name = "folder",
	.parse = folder_parse,
	.free_cfg = air_output_free_string,
	.describe = folder_describe,
	.check = folder_check,
	.deliver = folder_deliver,
};
