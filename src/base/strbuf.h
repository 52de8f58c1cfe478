/* strbuf.h - a growable byte string, always NUL-terminated.
 *
 * strbuf sb; sb_init(&sb); sb_adds(&sb, "x"); ... sb_release(&sb);
 * A zeroed strbuf is valid and empty (buf may be NULL until first add;
 * sb_cstr() always returns a string). */
#ifndef CRIEUR_STRBUF_H
#define CRIEUR_STRBUF_H

#include <stddef.h>

typedef struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
} strbuf;

void sb_init(strbuf *sb);
void sb_release(strbuf *sb);
void sb_reset(strbuf *sb);               /* len = 0, keeps memory */
void sb_grow(strbuf *sb, size_t extra);  /* room for extra more bytes */
void sb_add(strbuf *sb, const void *data, size_t n);
void sb_adds(strbuf *sb, const char *s);
void sb_addch(strbuf *sb, char c);
void sb_addf(strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_truncate(strbuf *sb, size_t len);
const char *sb_cstr(const strbuf *sb);   /* "" when empty */
/* Detach the buffer (caller frees); sb is left empty. */
char *sb_detach(strbuf *sb, size_t *len);

#endif
