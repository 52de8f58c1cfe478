/* embed.c - look up data files compiled into the binary. */
#include "base/embed.h"

#include <string.h>

const char *embed_get(const char *path, size_t *len)
{
	for (const struct embed_file *f = embed_files; f->path; f++) {
		if (!strcmp(f->path, path)) {
			if (len)
				*len = f->len;
			return f->data;
		}
	}
	return NULL;
}
