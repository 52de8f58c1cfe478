/* utf8.c - UTF-8 validation, decoding and encoding. */
#include "text/utf8.h"
#include "base/error.h"
#include "base/strbuf.h"

#include <string.h>

int utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	int len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		c = s[0], len = 1, min = 0;
	} else if ((s[0] & 0xE0) == 0xC0) {
		c = s[0] & 0x1F, len = 2, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		c = s[0] & 0x0F, len = 3, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		c = s[0] & 0x07, len = 4, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	if (cp)
		*cp = c;
	return len;
}

size_t utf8_validate(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int len = utf8_decode(s + i, n - i, NULL);
		if (!len)
			return i;
		i += (size_t)len;
	}
	return n;
}

int utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int utf8_check(const char *what, const char *s, size_t n)
{
	size_t bad = utf8_validate(s, n);
	const char *nul = memchr(s, '\0', bad);

	if (nul)
		return err_set(CRIEUR_EUTF8, "%s: NUL byte at byte %zu", what,
			       (size_t)(nul - s));
	if (bad < n)
		return err_set(CRIEUR_EUTF8,
			       "%s: invalid UTF-8 at byte %zu (0x%02X)", what,
			       bad, (unsigned char)s[bad]);
	return 0;
}

char *utf8_sanitize(const char *s, size_t n, size_t *out_len, size_t *replaced)
{
	strbuf sb;
	size_t i = 0, count = 0;

	sb_init(&sb);
	sb_grow(&sb, n);
	while (i < n) {
		int len = utf8_decode(s + i, n - i, NULL);

		if (len && s[i] != '\0') {
			sb_add(&sb, s + i, (size_t)len);
			i += (size_t)len;
		} else if (len) {
			sb_addch(&sb, ' ');
			count++;
			i++;
		} else {
			sb_adds(&sb, "\xEF\xBF\xBD");
			count++;
			i++;
		}
	}
	if (replaced)
		*replaced = count;
	return sb_detach(&sb, out_len);
}
