/* embed.h - data files compiled into the binary.
 *
 * The Makefile runs src/tools/embed over lexicon/ and voices/ and compiles
 * the result (build/gen/embedded.c) into the library, so build/crieur works
 * from any directory and needs no install step.  Paths are relative to the
 * source tree: "lexicon/fr/abbreviations.tsv", "voices/fr-anchor.voice". */
#ifndef CRIEUR_EMBED_H
#define CRIEUR_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *path;
	const char *data;   /* NUL-terminated */
	size_t len;
};

/* NULL-path-terminated table, generated. */
extern const struct embed_file embed_files[];

/* The embedded file at path, or NULL (then *len is untouched). */
const char *embed_get(const char *path, size_t *len);

#endif
