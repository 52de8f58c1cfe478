/* proto.c - the output-module protocol: command reader, event formats. */
#include "sd/proto.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

enum state { IDLE, BODY, PARAMS };

struct sd_reader {
	strbuf in;          /* bytes not yet consumed start at pos */
	size_t pos;
	enum state state;
	sd_cmd cmd;         /* the command being read or last returned */
	strbuf body;
	size_t cap_params;
};

static const struct {
	const char *line;   /* exact, or a prefix when prefix is set */
	enum sd_cmd_type type;
	int prefix;
} commands[] = {
	{ "INIT", SD_INIT, 0 },         { "QUIT", SD_QUIT, 0 },
	{ "STOP", SD_STOP, 0 },         { "PAUSE", SD_PAUSE, 0 },
	{ "SPEAK", SD_SPEAK, 0 },       { "CHAR", SD_CHAR, 0 },
	{ "KEY", SD_KEY, 0 },           { "SOUND_ICON", SD_SOUND_ICON, 0 },
	{ "SET", SD_SET, 0 },           { "AUDIO", SD_AUDIO, 0 },
	{ "LOGLEVEL", SD_LOGLEVEL, 0 },
	{ "LIST VOICES", SD_LIST_VOICES, 1 }, { "DEBUG", SD_DEBUG, 1 },
};

int sd_reader_new(sd_reader **out)
{
	sd_reader *r = xcalloc(1, sizeof(*r));

	sb_init(&r->in);
	sb_init(&r->body);
	*out = r;
	return 0;
}

/* Forget the last command's contents. */
static void cmd_clear(sd_reader *r)
{
	sd_cmd *c = &r->cmd;

	for (size_t i = 0; i < c->n_params; i++) {
		free(c->params[i].key);
		free(c->params[i].value);
	}
	free(c->line);
	c->line = NULL;
	c->n_params = c->syntax = c->lines = c->len = 0;
	c->truncated = 0;
	c->text = NULL;
	sb_reset(&r->body);
}

void sd_reader_free(sd_reader *r)
{
	if (!r)
		return;
	cmd_clear(r);
	free(r->cmd.params);
	sb_release(&r->in);
	sb_release(&r->body);
	free(r);
}

void sd_reader_push(sd_reader *r, const char *buf, size_t len)
{
	if (r->pos && r->pos == r->in.len) {
		sb_reset(&r->in);
		r->pos = 0;
	} else if (r->pos > 65536 && r->pos * 2 > r->in.len) {
		memmove(r->in.buf, r->in.buf + r->pos, r->in.len - r->pos);
		sb_truncate(&r->in, r->in.len - r->pos);
		r->pos = 0;
	}
	sb_add(&r->in, buf, len);
}

/* The next complete line (without its LF) as [*line, *n), or 0. */
static int take_line(sd_reader *r, const char **line, size_t *n)
{
	const char *start = r->in.buf + r->pos;
	const char *lf;

	if (r->pos >= r->in.len)
		return 0;
	lf = memchr(start, '\n', r->in.len - r->pos);
	if (!lf)
		return 0;
	*line = start;
	*n = (size_t)(lf - start);
	r->pos += *n + 1;
	return 1;
}

static enum sd_cmd_type classify(const char *line, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		size_t k = strlen(commands[i].line);

		if (n >= k && !memcmp(line, commands[i].line, k) &&
		    (n == k || commands[i].prefix))
			return commands[i].type;
	}
	return SD_UNKNOWN;
}

/* A body line: unescape a leading dot and append it. */
static void body_line(sd_reader *r, const char *line, size_t n)
{
	sd_cmd *c = &r->cmd;

	if (n && line[0] == '.') {
		line++;
		n--;
	}
	c->lines++;
	if (c->truncated || r->body.len + n + 1 > SD_BODY_MAX) {
		c->truncated = 1;
		return;
	}
	sb_add(&r->body, line, n);
	sb_addch(&r->body, '\n');
}

/* A key=value line: both parts non-empty, else a syntax error. */
static void param_line(sd_reader *r, const char *line, size_t n)
{
	sd_cmd *c = &r->cmd;
	const char *eq = memchr(line, '=', n);

	if (!eq || eq == line || eq + 1 == line + n || memchr(line, '\0', n)) {
		c->syntax++;
		return;
	}
	if (c->n_params == r->cap_params) {
		r->cap_params = r->cap_params ? r->cap_params * 2 : 16;
		c->params = xrealloc(c->params, r->cap_params * sizeof(*c->params));
	}
	c->params[c->n_params].key = xstrndup(line, (size_t)(eq - line));
	c->params[c->n_params].value = xstrndup(eq + 1, (size_t)(line + n - eq - 1));
	c->n_params++;
}

int sd_reader_next(sd_reader *r, const sd_cmd **out)
{
	const char *line;
	size_t n;

	if (r->state == IDLE && r->cmd.phase == SD_PHASE_DONE)
		cmd_clear(r);
	while (take_line(r, &line, &n)) {
		sd_cmd *c = &r->cmd;

		if (r->state == IDLE) {
			c->line = xstrndup(line, n);
			c->type = classify(line, n);
			c->phase = SD_PHASE_DONE;
			if (c->type >= SD_SPEAK) {
				c->phase = SD_PHASE_START;
				r->state = c->type >= SD_SET ? PARAMS : BODY;
			}
			*out = c;
			return 1;
		}
		if (n == 1 && line[0] == '.') {
			if (r->state == BODY) {
				if (r->body.len)   /* the last LF */
					sb_truncate(&r->body, r->body.len - 1);
				c->text = (char *)sb_cstr(&r->body);
				c->len = r->body.len;
			}
			c->phase = SD_PHASE_DONE;
			r->state = IDLE;
			*out = c;
			return 1;
		}
		if (r->state == BODY)
			body_line(r, line, n);
		else
			param_line(r, line, n);
	}
	return 0;
}

const char *sd_ack(enum sd_cmd_type type)
{
	switch (type) {
	case SD_SPEAK: case SD_CHAR: case SD_KEY: case SD_SOUND_ICON:
		return SD_OK_RECEIVING_MESSAGE;
	case SD_SET:
		return SD_OK_RECEIVING_SETTINGS;
	case SD_AUDIO:
		return SD_OK_RECEIVING_AUDIO;
	case SD_LOGLEVEL:
		return SD_OK_RECEIVING_LOGLEVEL;
	default:
		return NULL;
	}
}

void sd_format_audio(strbuf *out, const short *samples, size_t n, int rate)
{
	const unsigned char *p = (const unsigned char *)samples;
	const unsigned short one = 1;
	size_t bytes = n * 2;
	char *w;

	sb_addf(out, "705-bits=16\n705-num_channels=1\n705-sample_rate=%d\n"
		"705-num_samples=%zu\n705-big_endian=%d\n705-AUDIO", rate, n,
		*(const unsigned char *)&one == 0);
	sb_addch(out, '\0');
	sb_grow(out, 2 * bytes + 16);   /* every byte escaped at worst */
	w = out->buf + out->len;
	for (size_t i = 0; i < bytes; i++) {
		if (p[i] == '\n' || p[i] == 0x7d) {
			*w++ = 0x7d;
			*w++ = (char)(p[i] ^ 0x20);
		} else {
			*w++ = (char)p[i];
		}
	}
	out->len = (size_t)(w - out->buf);
	out->buf[out->len] = '\0';
	sb_adds(out, "\n705 AUDIO\n");
}

size_t sd_unescape_audio(const char *in, size_t len, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if ((unsigned char)in[i] == 0x7d) {
			if (++i == len)
				return (size_t)-1;
			out[o++] = (char)(in[i] ^ 0x20);
		} else {
			out[o++] = in[i];
		}
	}
	return o;
}

void sd_format_mark(strbuf *out, const char *name)
{
	sb_addf(out, "700-%s\n700 INDEX MARK\n", name);
}
