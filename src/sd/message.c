/* message.c - a SPEAK's SSML cut into text and index marks. */
#include "sd/message.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Close the current segment (text so far) with mark (may be NULL). */
static void push_segment(sd_message *m, strbuf *text, const char *mark,
			 size_t mark_len)
{
	sd_segment *s;

	m->seg = xrealloc(m->seg, (m->n + 1) * sizeof(*m->seg));
	s = &m->seg[m->n++];
	s->text = sb_detach(text, &s->len);
	if (!s->text)
		s->text = xstrdup("");
	s->mark = NULL;
	if (mark) {
		s->mark = xcalloc(1, mark_len + 1);
		for (size_t i = 0, o = 0; i < mark_len; i++)   /* one line */
			if (mark[i] != '\n' && mark[i] != '\r' && mark[i])
				s->mark[o++] = mark[i];
	}
}

/* Decode the entity at p (p[0] == '&') into out; bytes consumed. */
static size_t entity(const char *p, const char *end, strbuf *out)
{
	static const struct { const char *name; char c; } named[] = {
		{ "lt;", '<' }, { "gt;", '>' }, { "amp;", '&' },
		{ "quot;", '"' }, { "apos;", '\'' },
	};
	const char *semi = memchr(p, ';', (size_t)(end - p) < 12 ? (size_t)(end - p) : 12);

	if (semi) {
		for (size_t i = 0; i < ARRAY_SIZE(named); i++) {
			size_t k = strlen(named[i].name);
			if ((size_t)(semi + 1 - p - 1) == k &&
			    !memcmp(p + 1, named[i].name, k)) {
				sb_addch(out, named[i].c);
				return k + 1;
			}
		}
		if (p[1] == '#') {
			int hex = p[2] == 'x' || p[2] == 'X';
			char *e;
			unsigned long cp = strtoul(p + 2 + hex, &e, hex ? 16 : 10);
			char u[4];

			if (e == semi && e > p + 2 + hex && cp > 0 && cp <= 0x10FFFF &&
			    (cp < 0xD800 || cp > 0xDFFF)) {
				sb_add(out, u, (size_t)utf8_encode((uint32_t)cp, u));
				return (size_t)(semi + 1 - p);
			}
		}
	}
	sb_addch(out, '&');
	return 1;
}

/* The value of attribute name="..." in tag[0..n), or NULL. */
static const char *attribute(const char *tag, size_t n, const char *name,
			     size_t *len)
{
	size_t k = strlen(name);

	for (size_t i = 1; i + k + 2 < n; i++) {
		const char *q, *close;

		if (memcmp(tag + i, name, k) || (tag[i - 1] != ' ' &&
		    tag[i - 1] != '\t' && tag[i - 1] != '\n'))
			continue;
		q = tag + i + k;
		while (q < tag + n && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= tag + n || *q != '=')
			continue;
		q++;
		while (q < tag + n && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= tag + n || (*q != '"' && *q != '\''))
			continue;
		close = memchr(q + 1, *q, (size_t)(tag + n - q - 1));
		if (!close)
			return NULL;
		*len = (size_t)(close - q - 1);
		return q + 1;
	}
	return NULL;
}

/* Whether tag[0..n) (between < and >) is element name, open or close. */
static int is_element(const char *tag, size_t n, const char *name)
{
	size_t k = strlen(name), i = tag[0] == '/';

	return n >= i + k && !strncasecmp(tag + i, name, k) &&
		(n == i + k || strchr(" \t\n/", tag[i + k]));
}

/* One tag at p ('<'); bytes consumed, or 0 when it never closes. */
static size_t tag(sd_message *m, const char *p, const char *end, strbuf *text)
{
	const char *close, *body = p + 1;
	size_t n;

	if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
		const char *c = p + 4;
		while (c + 3 <= end && memcmp(c, "-->", 3))
			c++;
		return c + 3 <= end ? (size_t)(c + 3 - p) : 0;
	}
	close = memchr(body, '>', (size_t)(end - body));
	if (!close)
		return 0;
	n = (size_t)(close - body);
	if (n && is_element(body, n, "mark") && body[0] != '/') {
		size_t len = 0;
		const char *name = attribute(body, n, "name", &len);
		if (name)
			push_segment(m, text, name, len);
	} else if (n && (is_element(body, n, "s") || is_element(body, n, "p") ||
			 is_element(body, n, "br")) &&
		   (body[0] == '/' || body[n - 1] == '/')) {
		sb_addch(text, '\n');
	}
	return (size_t)(close + 1 - p);
}

void sd_message_parse(sd_message *m, const char *msg, size_t len)
{
	const char *p = msg, *end = msg + len;
	strbuf text;

	memset(m, 0, sizeof(*m));
	sb_init(&text);
	while (p < end && strchr(" \t\r\n", *p) && *p)
		p++;
	if (end - p < 6 || memcmp(p, "<speak", 6)) {
		sb_add(&text, msg, len);
		push_segment(m, &text, NULL, 0);
		return;
	}
	while (p < end) {
		if (*p == '<') {
			size_t used = tag(m, p, end, &text);
			if (!used)
				break;
			p += used;
		} else if (*p == '&') {
			p += entity(p, end, &text);
		} else {
			const char *q = p;
			while (q < end && *q != '<' && *q != '&')
				q++;
			sb_add(&text, p, (size_t)(q - p));
			p = q;
		}
	}
	push_segment(m, &text, NULL, 0);
}

void sd_message_release(sd_message *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->seg[i].text);
		free(m->seg[i].mark);
	}
	free(m->seg);
	memset(m, 0, sizeof(*m));
}
