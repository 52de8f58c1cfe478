/* statement.h - a statement file: a headline, then paragraphs.
 *
 * UTF-8 text; the first non-blank line is the headline, each later
 * non-blank line a paragraph.  A UTF-8 byte-order mark is skipped; CR LF
 * line ends are accepted. */
#ifndef CRIEUR_STATEMENT_H
#define CRIEUR_STATEMENT_H

#include <stddef.h>

typedef struct statement_line {
	size_t start;   /* byte offset in the file */
	size_t len;     /* bytes, without the line end */
} statement_line;

typedef struct statement {
	char *path;
	char *data;             /* the whole file */
	size_t len;
	statement_line *lines;  /* lines[0] is the headline */
	size_t n_lines;
} statement;

/* Read and check path: CRIEUR_ENOENT/EIO (unreadable), CRIEUR_EUTF8
 * ("path: invalid UTF-8 at byte N"), CRIEUR_EEMPTY (nothing to say). */
int statement_load(statement *st, const char *path);

/* Split text already in memory (takes ownership of data).  The same
 * errors as statement_load(); on error data is freed and *st left empty
 * (statement_release() on it does nothing). */
int statement_from_text(statement *st, const char *name, char *data, size_t len);

void statement_release(statement *st);

#endif
