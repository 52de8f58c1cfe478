/* tables.c - TSV word tables with an open-addressing hash index. */
#include "text/tables.h"
#include "base/embed.h"
#include "base/error.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

struct table {
	char *data;                 /* a copy of the file, cut in place */
	struct table_row *rows;
	size_t nrows;
	size_t *slot;               /* index + 1 into rows, 0 = empty */
	size_t nslot;               /* a power of two */
};

/* FNV-1a hash of key[0..n). */
static size_t hash(const char *key, size_t n)
{
	size_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)key[i]) * 16777619u;
	return h;
}

/* Split one line into the fields of r (in place). */
static void split_row(char *line, struct table_row *r)
{
	char *p = line;

	r->nf = 0;
	while (r->nf < TABLE_MAX_FIELDS) {
		char *tab = strchr(p, '\t');

		r->f[r->nf++] = p;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	r->key = r->f[0];
	r->klen = strlen(r->key);
}

/* Insert row k into the hash index unless its key is already there. */
static void index_row(struct table *t, size_t k)
{
	const struct table_row *r = &t->rows[k];
	size_t h = hash(r->key, r->klen) & (t->nslot - 1);

	while (t->slot[h]) {
		const struct table_row *o = &t->rows[t->slot[h] - 1];

		if (o->klen == r->klen && !memcmp(o->key, r->key, r->klen))
			return;
		h = (h + 1) & (t->nslot - 1);
	}
	t->slot[h] = k + 1;
}

/* Load and index an embedded TSV table. */
struct table *table_load(const char *path)
{
	size_t len, lines = 1;
	const char *src = embed_get(path, &len);
	struct table *t;

	if (!src) {
		err_set(CRIEUR_ENOENT, "table '%s' is not embedded", path);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->data = xstrndup(src, len);
	for (size_t i = 0; i < len; i++)
		lines += src[i] == '\n';
	t->rows = xcalloc(lines, sizeof(*t->rows));
	for (char *line = t->data, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		size_t n = strlen(line);
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		split_row(line, &t->rows[t->nrows++]);
	}
	for (t->nslot = 16; t->nslot < t->nrows * 2; t->nslot *= 2)
		;
	t->slot = xcalloc(t->nslot, sizeof(*t->slot));
	for (size_t k = 0; k < t->nrows; k++)
		index_row(t, k);
	return t;
}

/* Free a table. */
void table_free(struct table *t)
{
	if (!t)
		return;
	free(t->data);
	free(t->rows);
	free(t->slot);
	free(t);
}

/* Look a key up. */
const struct table_row *table_get(const struct table *t, const char *key, size_t klen)
{
	size_t h;

	if (!t)
		return NULL;
	h = hash(key, klen) & (t->nslot - 1);
	while (t->slot[h]) {
		const struct table_row *r = &t->rows[t->slot[h] - 1];

		if (r->klen == klen && !memcmp(r->key, key, klen))
			return r;
		h = (h + 1) & (t->nslot - 1);
	}
	return NULL;
}

/* Look a key up after lowering its capitals. */
const struct table_row *table_get_lower(const struct table *t, const char *key, size_t klen)
{
	char buf[128];

	if (klen >= sizeof(buf))
		return NULL;
	for (size_t i = 0; i < klen; i++) {
		unsigned char c = (unsigned char)key[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (i > 0 && (unsigned char)key[i - 1] == 0xC3 && c >= 0x80 &&
			 c < 0x9F && c != 0x97)
			c = (unsigned char)(c + 32);   /* É -> é ... */
		buf[i] = (char)c;
	}
	return table_get(t, buf, klen);
}

/* Field i of a row, or "". */
const char *table_field(const struct table_row *r, int i)
{
	return r && i < r->nf ? r->f[i] : "";
}
