/* tables.h - word tables from lexicon/ TSV files, looked up by key.
 *
 * A table file is UTF-8 text, one row per line: fields separated by TABs,
 * the first field is the key.  Lines that are empty or start with '#' are
 * comments.  Keys are matched exactly (byte for byte); a module that wants
 * case-insensitive lookups stores lower-case keys and lowers its query with
 * table_get_lower().  A later row with the same key is ignored. */
#ifndef CRIEUR_TABLES_H
#define CRIEUR_TABLES_H

#include <stddef.h>

#define TABLE_MAX_FIELDS 8

struct table_row {
	const char *key;
	size_t klen;
	const char *f[TABLE_MAX_FIELDS];   /* f[0] is the key; NUL-terminated */
	int nf;                            /* number of fields, >= 1 */
};

struct table;

/* Load the embedded table at path ("lexicon/fr/units.tsv").  NULL with a
 * detail (err_set) if it is not embedded. */
struct table *table_load(const char *path);
void table_free(struct table *t);

/* The row whose key is key[0..klen), or NULL. */
const struct table_row *table_get(const struct table *t, const char *key, size_t klen);

/* Same with key lowered (ASCII and Latin-1 upper case letters). */
const struct table_row *table_get_lower(const struct table *t, const char *key, size_t klen);

/* Field i of row r, or "" when the row has fewer fields. */
const char *table_field(const struct table_row *r, int i);

#endif
