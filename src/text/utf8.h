/* utf8.h - UTF-8 validation, decoding and encoding.
 *
 * Text is validated once, where it enters (files, stdin, arguments); later
 * stages may assume valid UTF-8.  Overlong forms, surrogates and code
 * points above U+10FFFF are invalid. */
#ifndef CRIEUR_UTF8_H
#define CRIEUR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length of the valid sequence at s (1-4), or 0 if the bytes at s (at most
 * n of them, n > 0) do not start a valid sequence.  Stores the code point
 * in *cp when cp is not NULL. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Byte offset of the first invalid sequence in s[0..n), or n when all of
 * it is valid UTF-8. */
size_t utf8_validate(const char *s, size_t n);

/* Encode cp (<= 0x10FFFF, not a surrogate) into out; returns 1-4. */
int utf8_encode(uint32_t cp, char out[4]);

/* Check that s[0..n) is valid UTF-8 without NUL bytes; on failure record
 * "what: invalid UTF-8 at byte N" (or "NUL byte at byte N") and return
 * CRIEUR_EUTF8.  what names the input (a path, "standard input"). */
int utf8_check(const char *what, const char *s, size_t n);

/* Copy s[0..n) into a new heap string, replacing each invalid sequence by
 * U+FFFD and NUL bytes by spaces; *replaced counts the replacements. */
char *utf8_sanitize(const char *s, size_t n, size_t *out_len, size_t *replaced);

#endif
