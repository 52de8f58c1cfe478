/* transcript.c - WebVTT, SRT and Podcasting 2.0 chapters writers. */
#include "bulletin/transcript.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"
#include "text/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Seconds to whole milliseconds (negative -> 0). */
static unsigned long long to_ms(double t)
{
	return t > 0 ? (unsigned long long)llround(t * 1000) : 0;
}

/* "HH:MM:SS.mmm" (sep '.') or "HH:MM:SS,mmm" (sep ','). */
static void add_time(strbuf *out, double t, char sep)
{
	unsigned long long ms = to_ms(t);

	sb_addf(out, "%02llu:%02llu:%02llu%c%03llu", ms / 3600000,
		ms / 60000 % 60, ms / 1000 % 60, sep, ms % 1000);
}

/* Check every cue: times in order and valid UTF-8. */
static int check_cues(const transcript_cue *cue, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = cue[i].text ? cue[i].text : "";
		int err;

		if (!(cue[i].end >= cue[i].start))
			return err_set(CRIEUR_EINVAL, "cue %zu ends (%.3f s) "
				       "before it starts (%.3f s)", i + 1,
				       cue[i].end, cue[i].start);
		if ((err = utf8_check("cue text", s, strlen(s))))
			return err;
	}
	return 0;
}

/* Append text without blank lines (and no trailing line break); with
 * vtt, & < > become entities. */
static void add_text(strbuf *out, const char *s, int vtt)
{
	int at_line_start = 1;
	size_t from = out->len;

	for (; s && *s; s++) {
		if (*s == '\r')
			continue;
		if (*s == '\n') {
			if (!at_line_start)
				sb_addch(out, '\n');
			at_line_start = 1;
			continue;
		}
		at_line_start = 0;
		if (vtt && *s == '&')
			sb_adds(out, "&amp;");
		else if (vtt && *s == '<')
			sb_adds(out, "&lt;");
		else if (vtt && *s == '>')
			sb_adds(out, "&gt;");
		else
			sb_addch(out, *s);
	}
	if (out->len > from && out->buf[out->len - 1] == '\n')
		sb_truncate(out, out->len - 1);
}

int transcript_format_vtt(strbuf *out, const transcript_cue *cue, size_t n)
{
	int err = check_cues(cue, n);

	if (err)
		return err;
	sb_adds(out, "WEBVTT\n");
	for (size_t i = 0; i < n; i++) {
		sb_addch(out, '\n');
		add_time(out, cue[i].start, '.');
		sb_adds(out, " --> ");
		add_time(out, cue[i].end, '.');
		sb_addch(out, '\n');
		add_text(out, cue[i].text, 1);
		sb_addch(out, '\n');
	}
	return 0;
}

int transcript_format_srt(strbuf *out, const transcript_cue *cue, size_t n)
{
	int err = check_cues(cue, n);

	if (err)
		return err;
	for (size_t i = 0; i < n; i++) {
		sb_addf(out, "%s%zu\n", i ? "\n" : "", i + 1);
		add_time(out, cue[i].start, ',');
		sb_adds(out, " --> ");
		add_time(out, cue[i].end, ',');
		sb_addch(out, '\n');
		add_text(out, cue[i].text, 0);
		sb_addch(out, '\n');
	}
	return 0;
}

void json_escape(strbuf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (*p == '"' || *p == '\\') {
			sb_addch(out, '\\');
			sb_addch(out, (char)*p);
		} else if (*p == '\n') {
			sb_adds(out, "\\n");
		} else if (*p == '\r') {
			sb_adds(out, "\\r");
		} else if (*p == '\t') {
			sb_adds(out, "\\t");
		} else if (*p < 0x20) {
			sb_addf(out, "\\u00%c%c", hex[*p >> 4], hex[*p & 15]);
		} else if (p[0] == 0xE2 && p[1] == 0x80 &&
			   (p[2] == 0xA8 || p[2] == 0xA9)) {
			sb_adds(out, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
			p += 2;
		} else {
			sb_addch(out, (char)*p);
		}
	}
}

/* A JSON number for seconds: integer, or up to 3 decimals, trimmed. */
static void add_seconds(strbuf *out, double t)
{
	unsigned long long ms = to_ms(t);
	char frac[8];
	int len = 3;

	if (ms % 1000 == 0) {
		sb_addf(out, "%llu", ms / 1000);
		return;
	}
	snprintf(frac, sizeof(frac), "%03llu", ms % 1000);
	while (frac[len - 1] == '0')
		len--;
	sb_addf(out, "%llu.%.*s", ms / 1000, len, frac);
}

int transcript_format_chapters(strbuf *out, const transcript_chapter *ch,
			       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = ch[i].title ? ch[i].title : "";
		int err = utf8_check("chapter title", s, strlen(s));

		if (err)
			return err;
	}
	sb_adds(out, "{\n  \"version\": \"1.2.0\",\n  \"chapters\": [");
	for (size_t i = 0; i < n; i++) {
		sb_adds(out, i ? ",\n    {\"startTime\": " :
				 "\n    {\"startTime\": ");
		add_seconds(out, ch[i].start);
		if (to_ms(ch[i].end) > to_ms(ch[i].start)) {
			sb_adds(out, ", \"endTime\": ");
			add_seconds(out, ch[i].end);
		}
		sb_adds(out, ", \"title\": \"");
		json_escape(out, ch[i].title);
		sb_adds(out, "\"}");
	}
	sb_adds(out, n ? "\n  ]\n}\n" : "]\n}\n");
	return 0;
}

/* Write sb's bytes to path atomically. */
static int write_all(const char *path, const strbuf *sb)
{
	return outfile_write_all(path, sb->buf, sb->len);
}

typedef int (*format_fn)(strbuf *, const void *, size_t);

/* Format with fn, then write to path; errors name the file. */
static int format_and_write(const char *path, format_fn fn, const void *v,
			    size_t n)
{
	strbuf sb;
	int err;

	sb_init(&sb);
	err = fn(&sb, v, n);
	if (err) {
		char why[512];

		snprintf(why, sizeof(why), "%s", err_detail());
		err = err_set(err, "'%s': %s", path, why);
	}
	else
		err = write_all(path, &sb);
	sb_release(&sb);
	return err;
}

static int fmt_vtt(strbuf *sb, const void *v, size_t n)
{
	return transcript_format_vtt(sb, v, n);
}

static int fmt_srt(strbuf *sb, const void *v, size_t n)
{
	return transcript_format_srt(sb, v, n);
}

static int fmt_chapters(strbuf *sb, const void *v, size_t n)
{
	return transcript_format_chapters(sb, v, n);
}

int transcript_write_vtt(const char *path, const transcript_cue *cue,
			 size_t n)
{
	return format_and_write(path, fmt_vtt, cue, n);
}

int transcript_write_srt(const char *path, const transcript_cue *cue,
			 size_t n)
{
	return format_and_write(path, fmt_srt, cue, n);
}

int transcript_write_chapters(const char *path, const transcript_chapter *ch,
			      size_t n)
{
	return format_and_write(path, fmt_chapters, ch, n);
}

/* --- reading WebVTT --- */

/* Parse "[hh:]mm:ss.ttt" at *p; advances *p.  -1 when malformed. */
static double parse_time(const char **p)
{
	long part[3] = { 0 };
	int n = 0;
	const char *s = *p;
	char *end;

	while (n < 3) {
		if (*s < '0' || *s > '9')
			return -1;
		part[n++] = strtol(s, &end, 10);
		s = end;
		if (*s != ':')
			break;
		s++;
	}
	if (*s != '.' || n < 2 || s[1] < '0' || s[1] > '9')
		return -1;
	double frac = strtod(s, &end);
	*p = end;
	if (n == 2)
		return part[0] * 60.0 + part[1] + frac;
	return part[0] * 3600.0 + part[1] * 60.0 + part[2] + frac;
}

/* Parse "START --> END [settings]". */
static int parse_timing(const char *line, double *start, double *end)
{
	const char *p = line;

	while (*p == ' ' || *p == '\t')
		p++;
	if ((*start = parse_time(&p)) < 0)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "-->", 3))
		return -1;
	p += 3;
	while (*p == ' ' || *p == '\t')
		p++;
	return (*end = parse_time(&p)) < 0 ? -1 : 0;
}

/* Append cue text line to sb without tags, entities decoded. */
static void add_plain(strbuf *sb, const char *s)
{
	static const struct { const char *ent, *txt; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&nbsp;", "\xC2\xA0" }, { "&lrm;", "" }, { "&rlm;", "" },
	};

	while (*s) {
		size_t i;

		if (*s == '<' && strchr(s, '>')) {
			s = strchr(s, '>') + 1;
			continue;
		}
		for (i = 0; *s == '&' && i < ARRAY_SIZE(ents); i++)
			if (!strncmp(s, ents[i].ent, strlen(ents[i].ent)))
				break;
		if (*s == '&' && i < ARRAY_SIZE(ents)) {
			sb_adds(sb, ents[i].txt);
			s += strlen(ents[i].ent);
		} else {
			sb_addch(sb, *s++);
		}
	}
}

/* Next line of data (without its line break) into line; 0 at the end. */
static int next_line(const char **p, const char *end, strbuf *line)
{
	const char *s = *p, *e;

	if (s >= end)
		return 0;
	for (e = s; e < end && *e != '\n' && *e != '\r'; e++)
		;
	sb_reset(line);
	sb_add(line, s, (size_t)(e - s));
	if (e < end && *e == '\r')
		e++;
	if (e < end && *e == '\n')
		e++;
	*p = e;
	return 1;
}

static void add_cue(transcript *t, double start, double end, strbuf *text)
{
	transcript_cue *c;

	t->cue = xrealloc(t->cue, (t->n + 1) * sizeof(*t->cue));
	c = &t->cue[t->n++];
	c->start = start;
	c->end = end;
	c->text = sb_detach(text, NULL);
	if (!c->text)
		c->text = xstrdup("");
}

/* Read one block whose first line is in line; lineno counts lines. */
static int parse_block(transcript *t, const char *what, const char **p,
		       const char *end, strbuf *line, size_t *lineno)
{
	strbuf text;
	double start, stop;
	int skip = !strncmp(line->buf, "NOTE", 4) ||
		   !strncmp(line->buf, "STYLE", 5) ||
		   !strncmp(line->buf, "REGION", 6);

	if (!skip && !strstr(line->buf, "-->")) {       /* cue identifier */
		if (!next_line(p, end, line))
			return 0;
		++*lineno;
	}
	if (!skip && parse_timing(line->buf, &start, &stop))
		return err_set(CRIEUR_EFORMAT, "%s:%zu: bad cue timing '%s'",
			       what, *lineno, line->buf);
	sb_init(&text);
	while (next_line(p, end, line) && ++*lineno && line->len) {
		if (text.len)
			sb_addch(&text, '\n');
		add_plain(&text, line->buf);
	}
	if (!skip)
		add_cue(t, start, stop, &text);
	sb_release(&text);
	return 0;
}

int transcript_parse_vtt(transcript *t, const char *what, const char *data,
			 size_t len)
{
	const char *p = data, *end = data + len;
	strbuf line;
	size_t lineno = 1;
	int err = 0;

	memset(t, 0, sizeof(*t));
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	sb_init(&line);
	if (!next_line(&p, end, &line) || strncmp(sb_cstr(&line), "WEBVTT", 6))
		err = err_set(CRIEUR_EFORMAT, "%s:1: not a WebVTT file (no "
			      "'WEBVTT' header)", what);
	while (!err && next_line(&p, end, &line) && ++lineno && line.len)
		;                                   /* header block */
	while (!err && next_line(&p, end, &line) && ++lineno)
		if (line.len)
			err = parse_block(t, what, &p, end, &line, &lineno);
	sb_release(&line);
	if (err)
		transcript_release(t);
	return err;
}

int transcript_read_vtt(transcript *t, const char *path)
{
	char *data;
	size_t len;
	int err;

	memset(t, 0, sizeof(*t));
	if ((err = read_file_max(path, MAX_FEED_BYTES, "a transcript", &data,
				 &len)))
		return err;
	err = utf8_check(path, data, len);
	if (!err)
		err = transcript_parse_vtt(t, path, data, len);
	free(data);
	return err;
}

void transcript_release(transcript *t)
{
	for (size_t i = 0; i < t->n; i++)
		free((char *)t->cue[i].text);
	free(t->cue);
	t->cue = NULL;
	t->n = 0;
}
