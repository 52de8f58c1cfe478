/* statement.c - load and split statement files. */
#include "text/statement.h"
#include "base/error.h"
#include "base/util.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

int statement_from_text(statement *st, const char *name, char *data, size_t len)
{
	size_t pos = 0, cap = 0;
	int err;

	memset(st, 0, sizeof(*st));
	st->path = xstrdup(name);
	st->data = data;
	st->len = len;
	if ((err = utf8_check(name, data, len))) {
		statement_release(st);
		return err;
	}
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len, n = end - pos;

		if (n && data[pos + n - 1] == '\r')
			n--;
		if (!is_blank(data + pos, n)) {
			if (st->n_lines == cap) {
				cap = cap ? cap * 2 : 16;
				st->lines = xrealloc(st->lines, cap * sizeof(*st->lines));
			}
			st->lines[st->n_lines].start = pos;
			st->lines[st->n_lines++].len = n;
		}
		pos = end + 1;
	}
	if (!st->n_lines) {
		statement_release(st);
		return err_set(CRIEUR_EEMPTY, "'%s' is empty: nothing to say", name);
	}
	return 0;
}

int statement_load(statement *st, const char *path)
{
	char *data;
	size_t len;
	int err = read_file_max(path, MAX_STATEMENT_BYTES, "a statement", &data,
				&len);

	if (err) {
		memset(st, 0, sizeof(*st));
		return err;
	}
	return statement_from_text(st, strcmp(path, "-") ? path : "standard input",
				   data, len);
}

void statement_release(statement *st)
{
	free(st->path);
	free(st->data);
	free(st->lines);
	memset(st, 0, sizeof(*st));
}
