/* names.c - characters, keys and punctuation said by name. */
#include "sd/names.h"
#include "base/error.h"
#include "base/util.h"
#include "text/tables.h"
#include "text/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sd_names {
	struct table *keys, *punct;
};

int sd_names_new(sd_names **out, const char *lang)
{
	sd_names *n = xcalloc(1, sizeof(*n));
	const char *l = strncmp(lang, "en", 2) ? "fr" : "en";
	char path[64];

	*out = NULL;
	snprintf(path, sizeof(path), "lexicon/%s/keys.tsv", l);
	n->keys = table_load(path);
	snprintf(path, sizeof(path), "lexicon/%s/punctuation.tsv", l);
	n->punct = table_load(path);
	if (!n->keys || !n->punct) {
		sd_names_free(n);
		return CRIEUR_EFORMAT;
	}
	*out = n;
	return 0;
}

void sd_names_free(sd_names *n)
{
	if (!n)
		return;
	table_free(n->keys);
	table_free(n->punct);
	free(n);
}

/* The punctuation row of the character at c[0..len), by its text, else
 * as "U+XXXX". */
static const struct table_row *punct_row(const sd_names *n, const char *c,
					 size_t len)
{
	const struct table_row *r = table_get(n->punct, c, len);
	uint32_t cp;
	char key[16];

	if (r || !utf8_decode(c, len, &cp))
		return r;
	snprintf(key, sizeof(key), "U+%04X", (unsigned)cp);
	return table_get(n->punct, key, strlen(key));
}

static const char *key_name(const sd_names *n, const char *k)
{
	const struct table_row *r = table_get(n->keys, k, strlen(k));

	return r ? table_field(r, 1) : NULL;
}

/* The lower case of a capital letter (ASCII, Latin-1), or 0. */
static uint32_t lower_of(uint32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
		return cp + 32;
	return 0;
}

void sd_names_char(const sd_names *n, const char *c, size_t len,
		   enum sd_cap cap, strbuf *out, int *raise)
{
	const struct table_row *r;
	uint32_t cp = 0, low;
	int k = len ? utf8_decode(c, len, &cp) : 0;
	const char *name;

	if ((len == 5 && !memcmp(c, "space", 5)) || (k == 1 && c[0] == ' ')) {
		sb_adds(out, key_name(n, "space"));
		return;
	}
	if (k == 1 && c[0] == '\n') {
		sb_adds(out, key_name(n, "newline"));
		return;
	}
	if ((r = punct_row(n, c, len))) {
		sb_adds(out, table_field(r, 1));
		return;
	}
	if (k && (low = lower_of(cp))) {
		char u[4];
		int m = utf8_encode(low, u);
		const char *pat = key_name(n, "capital");
		const char *at = pat ? strstr(pat, "%s") : NULL;

		if (cap == SD_CAP_SPELL && at) {
			sb_add(out, pat, (size_t)(at - pat));
			sb_add(out, u, (size_t)m);
			sb_adds(out, at + 2);
		} else {
			sb_add(out, u, (size_t)m);
			if (raise)
				*raise = 1;
		}
		return;
	}
	name = NULL;
	if (k == 1 && c[0] == '_')
		name = key_name(n, "underscore");
	sb_add(out, name ? name : c, name ? strlen(name) : len);
}

/* One key without modifiers. */
static void one_key(const sd_names *n, const char *k, size_t len,
		    enum sd_cap cap, strbuf *out, int *raise)
{
	char name[64];
	const char *said;

	if (len >= sizeof(name) || !len)
		return;
	memcpy(name, k, len);
	name[len] = '\0';
	if ((said = key_name(n, name))) {
		sb_adds(out, said);
	} else if (len > 3 && !memcmp(name, "kp-", 3)) {
		sb_adds(out, key_name(n, "kp"));
		sb_addch(out, ' ');
		sd_names_char(n, name + 3, len - 3, cap, out, raise);
	} else {
		sd_names_char(n, name, len, cap, out, raise);
	}
}

void sd_names_key(const sd_names *n, const char *key, size_t len,
		  enum sd_cap cap, strbuf *out, int *raise)
{
	size_t start = 0;

	if (len == 1) {   /* "_" alone is a key, not a separator */
		one_key(n, key, len, cap, out, raise);
		return;
	}
	for (size_t i = 0; i <= len; i++) {
		if (i < len && key[i] != '_')
			continue;
		if (i > start) {
			if (start)
				sb_addch(out, ' ');
			one_key(n, key + start, i - start, cap, out, raise);
		}
		start = i + 1;
	}
}

/* Whether byte c (a neighbour of a sign) belongs to a letter or digit
 * (ASCII, or any non-ASCII character, taken as a letter). */
static int wordish(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		(c >= 'a' && c <= 'z') || c >= 0x80;
}

static int mode_of(const char *level)
{
	return !strcmp(level, "some") ? SD_PUNCT_SOME :
		!strcmp(level, "most") ? SD_PUNCT_MOST : SD_PUNCT_ALL;
}

void sd_names_punctuate(const sd_names *n, const char *text, size_t len,
			enum sd_punct mode, strbuf *out)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		int k = utf8_decode(text + i, len - i, &cp);
		const struct table_row *r;

		if (k <= 0)
			k = 1;
		r = mode == SD_PUNCT_NONE ? NULL : punct_row(n, text + i, (size_t)k);
		if (r && (int)mode >= mode_of(table_field(r, 2)) &&
		    (mode == SD_PUNCT_ALL || i == 0 || i + (size_t)k >= len ||
		     !wordish((unsigned char)text[i - 1]) ||
		     !wordish((unsigned char)text[i + (size_t)k]))) {
			sb_addch(out, ' ');
			sb_adds(out, table_field(r, 1));
			if (strchr(".,;:!?", text[i]))
				sb_addch(out, text[i]);
			sb_addch(out, ' ');
		} else {
			sb_add(out, text + i, (size_t)k);
		}
		i += (size_t)k;
	}
}

int sd_names_only_symbols(const sd_names *n, const char *text, size_t len)
{
	int symbols = 0;

	for (size_t i = 0; i < len;) {
		int k = utf8_decode(text + i, len - i, NULL);

		if (k <= 0)
			return 0;
		if (punct_row(n, text + i, (size_t)k))
			symbols = 1;
		else if (!strchr(" \t\r\n", text[i]))
			return 0;
		i += (size_t)k;
	}
	return symbols;
}

void sd_names_spell(const sd_names *n, const char *text, size_t len,
		    enum sd_cap cap, strbuf *out)
{
	size_t i = 0, start = out->len;

	while (i < len) {
		int k = utf8_decode(text + i, len - i, NULL);

		if (k <= 0)
			k = 1;
		if (text[i] != '\n' && text[i] != '\r') {
			if (out->len > start)
				sb_adds(out, ", ");
			sd_names_char(n, text + i, (size_t)k, cap, out, NULL);
		}
		i += (size_t)k;
	}
}
