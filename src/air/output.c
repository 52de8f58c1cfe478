/* output.c - the table of output kinds and the parsing of one entry. */
#include "air/output.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/suggest.h"
#include "base/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const air_output_kind *const kinds[] = {
	&air_output_device,
	&air_output_folder,
	&air_output_icecast,
	&air_output_podcast,
};

const air_output_kind *air_output_kind_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kinds[i]->name, name))
			return kinds[i];
	return NULL;
}

size_t air_output_kind_names(const char **names, size_t max)
{
	size_t n = 0;

	for (; n < ARRAY_SIZE(kinds) && n < max; n++)
		names[n] = kinds[n]->name;
	return n;
}

/* "device, folder": the kinds, for messages. */
static void kind_list(char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(kinds) && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%s",
					 i ? ", " : "", kinds[i]->name);
}

int air_output_parse(ydoc *d, yaml_node_t *v, const char *dir,
		     air_output *out)
{
	const char *names[16], *key, *hint;
	yaml_node_t *kn;
	char list[128];
	size_t n = air_output_kind_names(names, ARRAY_SIZE(names));

	memset(out, 0, sizeof(*out));
	out->pos = ydoc_pos_of(v);
	kind_list(list, sizeof(list));
	if (v->type != YAML_MAPPING_NODE ||
	    v->data.mapping.pairs.top - v->data.mapping.pairs.start != 1)
		return ydoc_fail(d, out->pos, CRIEUR_EFORMAT, "an output is one "
				 "key naming its kind (%s) and its value, such "
				 "as '- device: system'", list);
	kn = ydoc_node(d, v->data.mapping.pairs.start->key);
	key = kn->type == YAML_SCALAR_NODE ?
	      (const char *)kn->data.scalar.value : "";
	out->kind = air_output_kind_find(key);
	if (!out->kind) {
		hint = suggest_closest(key, names, n);
		return ydoc_fail(d, ydoc_pos_of(kn), CRIEUR_EFORMAT, "unknown "
				 "output kind '%s' (%s%s%sthe kinds are %s)", key,
				 hint ? "did you mean '" : "", hint ? hint : "",
				 hint ? "'? " : "", list);
	}
	return out->kind->parse(d, ydoc_node(d, v->data.mapping.pairs.start->value),
				dir, &out->cfg);
}

void air_output_release(air_output *o)
{
	if (o->kind && o->cfg)
		o->kind->free_cfg(o->cfg);
	memset(o, 0, sizeof(*o));
}

int air_output_scalar(ydoc *d, yaml_node_t *v, const char *key,
		      const char *what, const char *dir, void **cfg)
{
	const ykey k = { key, NULL, 0, 0, 0, NULL };
	strbuf sb = { 0 };
	const char *t;
	int err = ydoc_scalar(d, &k, v, what, &t);

	if (err)
		return err;
	if (!*t)
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s is empty",
				 key);
	if (!dir || t[0] == '/' || !strcmp(dir, "."))
		sb_adds(&sb, t);
	else
		sb_addf(&sb, "%s/%s", dir, t);
	*cfg = sb_detach(&sb, NULL);
	return 0;
}

void air_output_free_string(void *cfg)
{
	free(cfg);
}

/* The directory path's parent ("." for a bare name), heap. */
static char *parent_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

int air_output_check_dir(const char *what, const char *dir, int may_create)
{
	struct stat st;

	if (stat(dir, &st) && errno == ENOENT && may_create) {
		char *up = parent_of(dir);
		int bad = access(up, W_OK | X_OK);

		if (bad)
			err_set(CRIEUR_EIO, "%s '%s' cannot be created in '%s': %s",
				what, dir, up, strerror(errno));
		free(up);
		return bad ? CRIEUR_EIO : 0;
	}
	if (stat(dir, &st))
		return err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "%s '%s': %s", what, dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return err_set(CRIEUR_EINVAL, "%s '%s' is not a directory", what,
			       dir);
	if (access(dir, W_OK | X_OK))
		return err_set(CRIEUR_EIO, "%s '%s' cannot be written: %s", what,
			       dir, strerror(errno));
	return 0;
}
