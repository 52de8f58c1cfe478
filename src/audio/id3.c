/* id3.c - ID3v2.4 tags: build, render, parse back. */
#include "audio/id3.h"
#include "base/error.h"
#include "base/util.h"
#include "text/utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ENC_UTF8 = 3, MAX_TEXT_FRAMES = 64 };

struct text_frame {
	char id[5];
	char *text;
};

struct id3_tag {
	struct text_frame text[MAX_TEXT_FRAMES];
	size_t n_text;
	char comment_lang[4];
	char *comment;
	char *cover_mime;
	unsigned char *cover;
	size_t cover_len;
	id3_chapter *chapters;
	size_t n_chapters;
};

int id3_new(id3_tag **out)
{
	*out = xcalloc(1, sizeof(id3_tag));
	return 0;
}

void id3_clear_chapters(id3_tag *tag)
{
	for (size_t i = 0; i < tag->n_chapters; i++)
		free(tag->chapters[i].title);
	free(tag->chapters);
	tag->chapters = NULL;
	tag->n_chapters = 0;
}

void id3_free(id3_tag *tag)
{
	if (!tag)
		return;
	for (size_t i = 0; i < tag->n_text; i++)
		free(tag->text[i].text);
	free(tag->comment);
	free(tag->cover_mime);
	free(tag->cover);
	id3_clear_chapters(tag);
	free(tag);
}

/* A frame id is four characters from A-Z0-9. */
static int valid_id(const char *id)
{
	if (!id || strlen(id) != 4)
		return 0;
	for (int i = 0; i < 4; i++)
		if (!((id[i] >= 'A' && id[i] <= 'Z') ||
		      (id[i] >= '0' && id[i] <= '9')))
			return 0;
	return 1;
}

static int check_text(const char *what, const char *s)
{
	return s ? utf8_check(what, s, strlen(s)) : 0;
}

static struct text_frame *find_text(const id3_tag *tag, const char *id)
{
	for (size_t i = 0; i < tag->n_text; i++)
		if (!strcmp(tag->text[i].id, id))
			return (struct text_frame *)&tag->text[i];
	return NULL;
}

int id3_set(id3_tag *tag, const char *frame_id, const char *utf8)
{
	struct text_frame *f;
	int err;

	if (!valid_id(frame_id) || frame_id[0] != 'T' ||
	    !strcmp(frame_id, "TXXX"))
		return err_set(CRIEUR_EINVAL, "'%s' is not an ID3 text frame",
			       frame_id ? frame_id : "(null)");
	if ((err = check_text(frame_id, utf8)))
		return err;
	f = find_text(tag, frame_id);
	if (!utf8 || !*utf8) {
		if (f) {
			free(f->text);
			*f = tag->text[--tag->n_text];
			memset(&tag->text[tag->n_text], 0, sizeof(*f));
		}
		return 0;
	}
	if (!f) {
		if (tag->n_text == MAX_TEXT_FRAMES)
			return err_set(CRIEUR_EINVAL, "too many ID3 text frames");
		f = &tag->text[tag->n_text++];
		memcpy(f->id, frame_id, 5);
		f->text = NULL;
	}
	free(f->text);
	f->text = xstrdup(utf8);
	return 0;
}

const char *id3_get(const id3_tag *tag, const char *frame_id)
{
	const struct text_frame *f = frame_id ? find_text(tag, frame_id) : NULL;

	return f ? f->text : NULL;
}

int id3_set_comment(id3_tag *tag, const char *lang, const char *utf8)
{
	int err;

	if (lang && (strlen(lang) != 3 || !lang[0] || (lang[0] & 0x80) ||
		     (lang[1] & 0x80) || (lang[2] & 0x80)))
		return err_set(CRIEUR_EINVAL, "ID3 comment language '%s' is not "
			       "three letters (ISO 639-2)", lang);
	if ((err = check_text("COMM", utf8)))
		return err;
	free(tag->comment);
	tag->comment = utf8 ? xstrdup(utf8) : NULL;
	memcpy(tag->comment_lang, lang ? lang : "und", 4);
	return 0;
}

const char *id3_language_code(const char *lang)
{
	static const char *const map[][2] = {
		{ "fr", "fra" }, { "en", "eng" }, { "de", "deu" },
		{ "es", "spa" }, { "it", "ita" }, { "nl", "nld" },
	};

	for (size_t i = 0; lang && i < ARRAY_SIZE(map); i++)
		if (!strncmp(lang, map[i][0], 2) &&
		    (!lang[2] || lang[2] == '-' || lang[2] == '_'))
			return map[i][1];
	return "und";
}

const char *id3_comment(const id3_tag *tag)
{
	return tag->comment;
}

/* The MIME type of an image from its first bytes, or NULL. */
static const char *image_mime(const unsigned char *p, size_t n)
{
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	return NULL;
}

int id3_set_cover(id3_tag *tag, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	const char *mime;
	int err;

	free(tag->cover);
	free(tag->cover_mime);
	tag->cover = NULL;
	tag->cover_mime = NULL;
	tag->cover_len = 0;
	if (!path)
		return 0;
	if ((err = read_file_max(path, MAX_COVER_BYTES, "a cover image", &data,
				 &len)))
		return err;
	if (!(mime = image_mime((unsigned char *)data, len))) {
		free(data);
		return err_set(CRIEUR_EFORMAT, "'%s': not a JPEG or PNG image",
			       path);
	}
	tag->cover = (unsigned char *)data;
	tag->cover_len = len;
	tag->cover_mime = xstrdup(mime);
	return 0;
}

const unsigned char *id3_cover(const id3_tag *tag, const char **mime,
			       size_t *len)
{
	if (mime)
		*mime = tag->cover_mime;
	if (len)
		*len = tag->cover_len;
	return tag->cover;
}

int id3_add_chapter(id3_tag *tag, unsigned start_ms, unsigned end_ms,
		    const char *title)
{
	id3_chapter *c;
	int err;

	if (end_ms < start_ms)
		return err_set(CRIEUR_EINVAL, "chapter ends (%u ms) before it "
			       "starts (%u ms)", end_ms, start_ms);
	if (tag->n_chapters == ID3_MAX_CHAPTERS)
		return err_set(CRIEUR_EINVAL, "more than %d chapters",
			       ID3_MAX_CHAPTERS);
	if ((err = check_text("chapter title", title)))
		return err;
	tag->chapters = xrealloc(tag->chapters,
				 (tag->n_chapters + 1) * sizeof(*c));
	c = &tag->chapters[tag->n_chapters++];
	c->start_ms = start_ms;
	c->end_ms = end_ms;
	c->title = xstrdup(title ? title : "");
	return 0;
}

size_t id3_chapter_count(const id3_tag *tag)
{
	return tag->n_chapters;
}

const id3_chapter *id3_chapter_at(const id3_tag *tag, size_t i)
{
	return i < tag->n_chapters ? &tag->chapters[i] : NULL;
}

/* --- rendering --- */

static void put_syncsafe(unsigned char *p, size_t v)
{
	p[0] = (unsigned char)((v >> 21) & 0x7F);
	p[1] = (unsigned char)((v >> 14) & 0x7F);
	p[2] = (unsigned char)((v >> 7) & 0x7F);
	p[3] = (unsigned char)(v & 0x7F);
}

static void put_be32(strbuf *out, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };

	sb_add(out, b, 4);
}

/* Start a frame: id and a size placeholder; returns the header offset. */
static size_t frame_begin(strbuf *out, const char *id)
{
	size_t at = out->len;

	sb_add(out, id, 4);
	sb_add(out, "\0\0\0\0\0\0", 6);
	return at;
}

/* Fill in the size of the frame begun at `at`. */
static void frame_end(strbuf *out, size_t at)
{
	put_syncsafe((unsigned char *)out->buf + at + 4,
		     out->len - at - ID3_HEADER_SIZE);
}

static void text_frame(strbuf *out, const char *id, const char *text)
{
	size_t at = frame_begin(out, id);

	sb_addch(out, ENC_UTF8);
	sb_adds(out, text);
	frame_end(out, at);
}

static void comment_frame(strbuf *out, const id3_tag *tag)
{
	size_t at = frame_begin(out, "COMM");

	sb_addch(out, ENC_UTF8);
	sb_add(out, tag->comment_lang, 3);
	sb_addch(out, '\0');          /* empty short description */
	sb_adds(out, tag->comment);
	frame_end(out, at);
}

static void cover_frame(strbuf *out, const id3_tag *tag)
{
	size_t at = frame_begin(out, "APIC");

	sb_addch(out, ENC_UTF8);
	sb_add(out, tag->cover_mime, strlen(tag->cover_mime) + 1);
	sb_addch(out, 3);             /* front cover */
	sb_addch(out, '\0');          /* empty description */
	sb_add(out, tag->cover, tag->cover_len);
	frame_end(out, at);
}

static void chapter_frame(strbuf *out, const id3_chapter *c, size_t i)
{
	size_t at = frame_begin(out, "CHAP");

	sb_addf(out, "ch%zu", i);
	sb_addch(out, '\0');
	put_be32(out, c->start_ms);
	put_be32(out, c->end_ms);
	put_be32(out, 0xFFFFFFFFu);   /* no byte offsets */
	put_be32(out, 0xFFFFFFFFu);
	text_frame(out, "TIT2", c->title);
	frame_end(out, at);
}

static void toc_frame(strbuf *out, const id3_tag *tag)
{
	size_t at = frame_begin(out, "CTOC");

	sb_add(out, "toc", 4);
	sb_addch(out, 0x03);          /* top-level, ordered */
	sb_addch(out, (char)tag->n_chapters);
	for (size_t i = 0; i < tag->n_chapters; i++) {
		sb_addf(out, "ch%zu", i);
		sb_addch(out, '\0');
	}
	frame_end(out, at);
}

int id3_render_padded(const id3_tag *tag, size_t padding, strbuf *out)
{
	size_t start = out->len;

	sb_add(out, "ID3\x04\0\0\0\0\0\0", ID3_HEADER_SIZE);
	for (size_t i = 0; i < tag->n_text; i++)
		text_frame(out, tag->text[i].id, tag->text[i].text);
	if (tag->comment)
		comment_frame(out, tag);
	if (tag->cover)
		cover_frame(out, tag);
	for (size_t i = 0; i < tag->n_chapters; i++)
		chapter_frame(out, &tag->chapters[i], i);
	if (tag->n_chapters)
		toc_frame(out, tag);
	if (out->len - start - ID3_HEADER_SIZE + padding > ID3_MAX_SIZE) {
		sb_truncate(out, start);
		return err_set(CRIEUR_EINVAL, "ID3 tag too large");
	}
	sb_grow(out, padding);
	memset(out->buf + out->len, 0, padding + 1);
	out->len += padding;
	put_syncsafe((unsigned char *)out->buf + start + 6,
		     out->len - start - ID3_HEADER_SIZE);
	return 0;
}

int id3_render(const id3_tag *tag, strbuf *out)
{
	return id3_render_padded(tag, 0, out);
}

/* --- parsing --- */

static size_t get_syncsafe(const unsigned char *p)
{
	return ((size_t)p[0] << 21) | ((size_t)p[1] << 14) |
	       ((size_t)p[2] << 7) | p[3];
}

static uint32_t get_be32(const unsigned char *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	       ((uint32_t)p[2] << 8) | p[3];
}

size_t id3_tag_size(const unsigned char *h)
{
	if (memcmp(h, "ID3", 3) || h[3] < 2 || h[3] > 4 || h[4] == 0xFF ||
	    ((h[6] | h[7] | h[8] | h[9]) & 0x80))
		return 0;
	return ID3_HEADER_SIZE + get_syncsafe(h + 6) +
	       (h[3] == 4 && (h[5] & 0x10) ? ID3_HEADER_SIZE : 0);
}

/* Bytes of the string at p (before its terminator, or all n). */
static size_t str_len(int enc, const unsigned char *p, size_t n)
{
	size_t i = 0;

	if (enc == 1 || enc == 2) {
		for (; i + 1 < n; i += 2)
			if (!p[i] && !p[i + 1])
				return i;
		return n;
	}
	while (i < n && p[i])
		i++;
	return i;
}

/* Width of the terminator in encoding enc. */
static size_t term_len(int enc)
{
	return enc == 1 || enc == 2 ? 2 : 1;
}

/* Decode UTF-16 (big-endian unless le) into UTF-8 in out. */
static void utf16_to_utf8(const unsigned char *p, size_t n, int le,
			  strbuf *out)
{
	for (size_t i = 0; i + 1 < n; i += 2) {
		uint32_t u = le ? (uint32_t)(p[i] | p[i + 1] << 8) :
				  (uint32_t)(p[i] << 8 | p[i + 1]);
		char b[4];

		if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
			uint32_t l = le ? (uint32_t)(p[i + 2] | p[i + 3] << 8) :
					  (uint32_t)(p[i + 2] << 8 | p[i + 3]);
			if (l >= 0xDC00 && l < 0xE000) {
				u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u < 0xE000)
			u = 0xFFFD;
		sb_add(out, b, (size_t)utf8_encode(u, b));
	}
}

/* The string of n bytes at p in encoding enc, as new valid UTF-8. */
static char *to_utf8(int enc, const unsigned char *p, size_t n)
{
	strbuf sb;
	char *s;
	size_t len, bad;

	sb_init(&sb);
	if (enc == 0) {
		for (size_t i = 0; i < n; i++) {
			char b[4];

			sb_add(&sb, b, (size_t)utf8_encode(p[i], b));
		}
	} else if (enc == 1 && n >= 2 && (p[0] == 0xFF || p[0] == 0xFE)) {
		utf16_to_utf8(p + 2, n - 2, p[0] == 0xFF, &sb);
	} else if (enc == 1 || enc == 2) {
		utf16_to_utf8(p, n, 0, &sb);
	} else {
		sb_add(&sb, p, n);
	}
	s = utf8_sanitize(sb_cstr(&sb), sb.len, &len, &bad);
	sb_release(&sb);
	return s;
}

/* Undo unsynchronisation (FF 00 -> FF) in place; returns the new size. */
static size_t resync(unsigned char *p, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		p[o++] = p[i];
		if (p[i] == 0xFF && i + 1 < n && p[i + 1] == 0)
			i++;
	}
	return o;
}

static void parse_frames(id3_tag *tag, int ver, unsigned char *p, size_t n,
			 int in_chapter);

static void parse_text(id3_tag *tag, const char *id, const unsigned char *p,
		       size_t n)
{
	char *s;

	if (!n || p[0] > 3 || !strcmp(id, "TXXX"))
		return;
	s = to_utf8(p[0], p + 1, str_len(p[0], p + 1, n - 1));
	id3_set(tag, id, s);
	free(s);
}

static void parse_comment(id3_tag *tag, const unsigned char *p, size_t n)
{
	int enc = n ? p[0] : 0;
	char lang[4] = { 0 };
	size_t d;
	char *s;

	if (n < 4 || enc > 3 || tag->comment)
		return;
	for (int i = 0; i < 3; i++)
		lang[i] = (p[1 + i] & 0x80) || !p[1 + i] ? 'x' : (char)p[1 + i];
	p += 4;
	n -= 4;
	d = str_len(enc, p, n);
	d = d + term_len(enc) > n ? n : d + term_len(enc);
	s = to_utf8(enc, p + d, str_len(enc, p + d, n - d));
	id3_set_comment(tag, lang, s);
	free(s);
}

static void parse_cover(id3_tag *tag, const unsigned char *p, size_t n)
{
	int enc = n ? p[0] : 0;
	size_t m = n > 1 ? str_len(0, p + 1, n - 1) : 0, at = 1 + m + 1, d;
	const char *mime;

	if (n < 4 || enc > 3 || tag->cover || at + 1 > n)
		return;
	at++;                              /* picture type */
	d = str_len(enc, p + at, n - at);
	at = at + d + term_len(enc) > n ? n : at + d + term_len(enc);
	if (!(mime = image_mime(p + at, n - at)))
		return;
	tag->cover_len = n - at;
	tag->cover = xcalloc(1, tag->cover_len + 1);
	memcpy(tag->cover, p + at, tag->cover_len);
	tag->cover_mime = xstrdup(mime);
}

static void parse_chapter(id3_tag *tag, int ver, unsigned char *p, size_t n)
{
	size_t id = str_len(0, p, n) + 1;
	id3_tag *sub;

	if (id + 16 > n)
		return;
	id3_new(&sub);
	parse_frames(sub, ver, p + id + 16, n - id - 16, 1);
	id3_add_chapter(tag, get_be32(p + id), get_be32(p + id + 4),
			id3_get(sub, "TIT2"));
	id3_free(sub);
}

/* One frame's body (after flags are handled). */
static void parse_frame(id3_tag *tag, int ver, const char *id,
			unsigned char *p, size_t n, int in_chapter)
{
	if (id[0] == 'T')
		parse_text(tag, id, p, n);
	else if (in_chapter)
		return;
	else if (!strcmp(id, "COMM"))
		parse_comment(tag, p, n);
	else if (!strcmp(id, "APIC"))
		parse_cover(tag, p, n);
	else if (!strcmp(id, "CHAP"))
		parse_chapter(tag, ver, p, n);
}

/* Strip a frame's flag-driven prefixes; 0 to skip the frame. */
static size_t frame_body(int ver, unsigned fl, unsigned char **p, size_t n)
{
	size_t skip = 0;

	if (ver == 4) {
		if (fl & 0x000C)                    /* compressed, encrypted */
			return 0;
		skip = (fl & 0x0040 ? 1 : 0) + (fl & 0x0001 ? 4 : 0);
	} else {
		if (fl & 0x00C0)
			return 0;
		skip = fl & 0x0020 ? 1 : 0;
	}
	if (skip > n)
		return 0;
	*p += skip;
	n -= skip;
	return ver == 4 && (fl & 0x0002) ? resync(*p, n) : n;
}

static void parse_frames(id3_tag *tag, int ver, unsigned char *p, size_t n,
			 int in_chapter)
{
	size_t pos = 0;

	while (pos + ID3_HEADER_SIZE <= n) {
		char id[5] = { 0 };
		size_t size;
		unsigned char *body;

		memcpy(id, p + pos, 4);
		if (!valid_id(id))
			break;                      /* padding */
		size = ver == 4 ? get_syncsafe(p + pos + 4) :
				  get_be32(p + pos + 4);
		if (size > n - pos - ID3_HEADER_SIZE)
			break;
		body = p + pos + ID3_HEADER_SIZE;
		size_t blen = frame_body(ver, (unsigned)(p[pos + 8] << 8 |
					 p[pos + 9]), &body, size);
		if (blen)
			parse_frame(tag, ver, id, body, blen, in_chapter);
		pos += ID3_HEADER_SIZE + size;
	}
}

/* Offset of the frames after the extended header, or 0 if malformed. */
static size_t frames_start(int ver, const unsigned char *b, size_t n)
{
	size_t ext;

	if (!(b[5] & 0x40))
		return ID3_HEADER_SIZE;
	if (n < ID3_HEADER_SIZE + 4)
		return 0;
	ext = ver == 4 ? get_syncsafe(b + 10) : get_be32(b + 10) + 4;
	return ID3_HEADER_SIZE + ext <= n ? ID3_HEADER_SIZE + ext : 0;
}

int id3_parse(const unsigned char *data, size_t len, id3_tag **out)
{
	size_t size = len >= ID3_HEADER_SIZE ? id3_tag_size(data) : 0, at;
	unsigned char *copy;
	int ver = size ? data[3] : 0;

	*out = NULL;
	if (!size || size > len || ver < 3)
		return err_set(CRIEUR_EFORMAT, "not an ID3v2.3/2.4 tag");
	size -= ver == 4 && (data[5] & 0x10) ? ID3_HEADER_SIZE : 0;
	copy = xcalloc(1, size);
	memcpy(copy, data, size);
	if (ver == 3 && (data[5] & 0x80))
		size = ID3_HEADER_SIZE + resync(copy + ID3_HEADER_SIZE,
						size - ID3_HEADER_SIZE);
	if (!(at = frames_start(ver, copy, size))) {
		free(copy);
		return err_set(CRIEUR_EFORMAT, "bad ID3 extended header");
	}
	id3_new(out);
	parse_frames(*out, ver, copy + at, size - at, 0);
	free(copy);
	return 0;
}

int id3_read_file(const char *path, id3_tag **out)
{
	unsigned char hdr[ID3_HEADER_SIZE];
	unsigned char *buf;
	FILE *f = fopen(path, "rb");
	size_t size;
	int err;

	*out = NULL;
	if (!f)
		return err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "cannot open '%s': %s", path, strerror(errno));
	if (fread(hdr, 1, sizeof(hdr), f) != sizeof(hdr) ||
	    !(size = id3_tag_size(hdr)) || hdr[3] < 3) {
		fclose(f);
		return 0;
	}
	buf = xcalloc(1, size);
	memcpy(buf, hdr, sizeof(hdr));
	if (fread(buf + sizeof(hdr), 1, size - sizeof(hdr), f) !=
	    size - sizeof(hdr))
		err = err_set(CRIEUR_EFORMAT, "'%s': truncated ID3 tag", path);
	else if ((err = id3_parse(buf, size, out)))
		err = err_set(err, "'%s': malformed ID3 tag", path);
	free(buf);
	fclose(f);
	return err;
}
