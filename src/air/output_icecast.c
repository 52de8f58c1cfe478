/* output_icecast.c - the `icecast:` output: bulletins on an Icecast
 * mount (or a Liquidsoap harbor, an AzuraCast streamer mount) through
 * the stream sink (audio/sink_icecast.h).
 *
 *   - icecast:
 *       url: icecast://source@radio.example:8000/news.mp3
 *       # or server:, port:, mount:, user: instead of url:
 *       password_file: icecast.pw   # mode 600; or $CRIEUR_ICECAST_PASSWORD
 *       mode: continuous            # or slot
 *       fill: bed.wav               # continuous: looped between bulletins
 *       format: mp3                 # or opus (default: the mount's extension)
 *       bitrate: 64
 *       name: Radio Crieur          # and description:, genre:, website:
 *
 * continuous: the mount is connected when the station starts and stays
 * up all day; between bulletins it carries the fill (or silence).
 * slot: connected two seconds before each bulletin (the airing loop's
 * lead), silence until its instant, disconnected after.  Either way the
 * bulletin's first frame is held in the ring until the slot's instant
 * (icecast_sink_hold_until), so it starts at its time in the stream. */
#include "air/output.h"
#include "audio/loop.h"
#include "audio/sink_icecast.h"
#include "audio/sndfile_io.h"
#include "audio/spill.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum { RING_MS = 4000, CUT_FADE_MS = 8, FILL_XFADE_MS = 50 };

struct ice_cfg {
	char *url, *server, *mount, *user;
	int port;
	char *password_file, *password, *format, *mode, *fill;
	int bitrate, channels;
	char *name, *description, *genre, *website;
	ydoc_pos pos;
	/* resolved at parse */
	char *where;                 /* the full URL */
	enum icecast_format fmt;
	int slot_mode;
	/* set by start() */
	char *station;
	void (*note)(void *ctx, const char *msg);
	void *note_ctx;
	audio_sink *stream;          /* continuous: the running stream */
};

#define OFF(field) offsetof(struct ice_cfg, field)

static const ykey keys[] = {
	{ "url", ykey_string, OFF(url), 0, 0, NULL },
	{ "server", ykey_string, OFF(server), 0, 0, NULL },
	{ "port", ykey_int, OFF(port), 1, 65535, NULL },
	{ "mount", ykey_string, OFF(mount), 0, 0, NULL },
	{ "user", ykey_string, OFF(user), 0, 0, NULL },
	{ "password_file", ykey_string, OFF(password_file), 0, 0, NULL },
	{ "password", ykey_string, OFF(password), 0, 0, NULL },
	{ "format", ykey_string, OFF(format), 0, 0, NULL },
	{ "bitrate", ykey_int, OFF(bitrate), 8, 320, "kbit/s" },
	{ "channels", ykey_int, OFF(channels), 1, 2, NULL },
	{ "mode", ykey_string, OFF(mode), 0, 0, NULL },
	{ "fill", ykey_string, OFF(fill), 0, 0, NULL },
	{ "name", ykey_string, OFF(name), 0, 0, NULL },
	{ "description", ykey_string, OFF(description), 0, 0, NULL },
	{ "genre", ykey_string, OFF(genre), 0, 0, NULL },
	{ "website", ykey_string, OFF(website), 0, 0, NULL },
};
enum { K_URL, K_SERVER, K_PORT, K_MOUNT, K_USER, K_PWFILE, K_PASSWORD,
       K_FORMAT, K_BITRATE, K_CHANNELS, K_MODE, K_FILL };

static void ice_free_cfg(void *p)
{
	struct ice_cfg *c = p;

	if (!c)
		return;
	if (c->stream) {   /* the end of the day: what is queued, then close */
		c->stream->finish(c->stream);
		sink_free(c->stream);
	}
	free(c->url);
	free(c->server);
	free(c->mount);
	free(c->user);
	free(c->password_file);
	free(c->password);
	free(c->format);
	free(c->mode);
	free(c->fill);
	free(c->name);
	free(c->description);
	free(c->genre);
	free(c->website);
	free(c->where);
	free(c->station);
	free(c);
}

/* A parse error at the value of key k (or the mapping). */
static int bad(ydoc *d, yaml_node_t **val, int k, yaml_node_t *m,
	       const char *fmt, const char *arg)
{
	return ydoc_fail(d, ydoc_pos_of(k >= 0 && val[k] ? val[k] : m),
			 CRIEUR_EFORMAT, fmt, arg);
}

static int ice_parse(ydoc *d, yaml_node_t *v, const char *dir, void **out)
{
	yaml_node_t *val[ARRAY_SIZE(keys)] = { 0 };
	struct ice_cfg *c = xcalloc(1, sizeof(*c));
	icecast_url u;
	struct stat st;
	strbuf sb = { 0 };
	int err;

	*out = c;
	c->pos = ydoc_pos_of(v);
	if ((err = ydoc_want_mapping(d, v, "icecast", "a mapping (url: "
				     "icecast://host:port/mount, password_file: "
				     "FILE, mode: continuous or slot...)")) ||
	    (err = ydoc_walk(d, v, keys, ARRAY_SIZE(keys), c, "icecast", val)))
		return err;
	if (!c->url && !(c->server && c->mount))
		return bad(d, val, -1, v, "icecast: give url: (icecast://host:port/"
			   "mount), or server: and mount:%s", "");
	if (c->url && (c->server || c->mount || c->port || c->user))
		return bad(d, val, K_URL, v, "icecast: url: already names the "
			   "server, port, mount and user%s", "");
	if (!c->url) {
		sb_addf(&sb, "icecast://%s@%s:%d%s%s", c->user ? c->user :
			"source", c->server, c->port ? c->port : 8000,
			c->mount[0] == '/' ? "" : "/", c->mount);
		c->url = sb_detach(&sb, NULL);
	}
	if (icecast_url_parse(c->url, &u))
		return ydoc_fail_detail(d, ydoc_pos_of(val[K_URL] ? val[K_URL] :
					val[K_SERVER]), "icecast", CRIEUR_EFORMAT);
	sb_addf(&sb, "icecast://%s@%s:%d%s", u.user, u.host, u.port, u.mount);
	c->where = sb_detach(&sb, NULL);
	c->fmt = icecast_format_for_mount(u.mount);
	if (c->format) {
		if (!strcasecmp(c->format, "mp3"))
			c->fmt = ICECAST_MP3;
		else if (!strcasecmp(c->format, "opus") ||
			 !strcasecmp(c->format, "ogg"))
			c->fmt = ICECAST_OPUS;
		else
			return bad(d, val, K_FORMAT, v, "icecast: format must be "
				   "mp3 or opus, not '%s'", c->format);
	}
	if (c->fmt == ICECAST_AUTO)
		return bad(d, val, K_MOUNT >= 0 && val[K_MOUNT] ? K_MOUNT : K_URL,
			   v, "icecast: cannot tell the format of '%s': end the "
			   "mount in .mp3, .opus or .ogg, or set format:", u.mount);
	if (c->mode && strcasecmp(c->mode, "continuous") &&
	    strcasecmp(c->mode, "slot"))
		return bad(d, val, K_MODE, v, "icecast: mode must be continuous "
			   "or slot, not '%s'", c->mode);
	c->slot_mode = c->mode && !strcasecmp(c->mode, "slot");
	if (c->fill && c->slot_mode)
		return bad(d, val, K_FILL, v, "icecast: fill: is for mode: "
			   "continuous (a slot mount is only up for the "
			   "bulletin)%s", "");
	if (c->password && c->password_file)
		return bad(d, val, K_PASSWORD, v, "icecast: password: and "
			   "password_file: both given%s", "");
	/* a password in the station file only when nobody else can read it */
	if (c->password && (stat(d->path, &st) || (st.st_mode & 077)))
		return bad(d, val, K_PASSWORD, v, "icecast: password: in a file "
			   "others can read ('%s'): use password_file: (mode "
			   "600), CRIEUR_ICECAST_PASSWORD, or chmod 600 the "
			   "station file", d->path);
	for (int k = K_PWFILE; k <= K_FILL; k += K_FILL - K_PWFILE) {
		char **field = k == K_PWFILE ? &c->password_file : &c->fill;

		if (*field && (*field)[0] != '/' && strcmp(dir, ".")) {
			sb_addf(&sb, "%s/%s", dir, *field);
			free(*field);
			*field = sb_detach(&sb, NULL);
		}
	}
	if (c->fill) {
		audio_format f;
		long long frames;
		char name[32];

		if ((err = sndfile_probe(c->fill, &f, &frames, name, sizeof(name))))
			return ydoc_fail_detail(d, ydoc_pos_of(val[K_FILL]),
						"icecast: fill", err);
	}
	if (!c->channels)
		c->channels = 1;
	return 0;
}

static void ice_describe(const void *cfg, char *buf, size_t n)
{
	const struct ice_cfg *c = cfg;

	snprintf(buf, n, "icecast '%s' (%s)", c->where,
		 c->slot_mode ? "slot" : "continuous");
}

/* The password can be had (a file of mode 600, or the environment). */
static int ice_check(const void *cfg)
{
	const struct ice_cfg *c = cfg;
	char *pw = NULL;
	int err;

	if (c->password)
		return 0;
	err = icecast_password(c->password_file, &pw);
	free(pw);
	return err;
}

/* The stream's format: MP3 at 44.1 kHz, Opus at its own 48 kHz. */
static audio_format stream_format(const struct ice_cfg *c)
{
	return (audio_format){ c->fmt == ICECAST_MP3 ? 44100 : 48000,
			       c->channels };
}

/* ---- the fill: a file looped -------------------------------------- */

struct fill_stage {
	audio_stage base;
	audio_stage *loop;
	spill *sp;
};

static long fill_read(audio_stage *self, float *buf, long n)
{
	return stage_read(((struct fill_stage *)self)->loop, buf, n);
}

static void fill_free(audio_stage *self)
{
	struct fill_stage *f = (struct fill_stage *)self;

	stage_free(f->loop);
	spill_free(f->sp);
	free(f);
}

/* The fill file decoded once, in fmt, looped forever. */
static int fill_open(const char *path, audio_format fmt, audio_stage **out)
{
	struct fill_stage *f = xcalloc(1, sizeof(*f));
	audio_stage *src;
	long long off, frames;
	int err;

	f->base.fmt = fmt;
	f->base.read = fill_read;
	f->base.free = fill_free;
	if ((err = sndfile_reader_open(&src, path)))
		goto fail;
	if ((err = channel_map_new(&src, src, fmt.channels)) ||
	    (err = resample_new(&src, src, fmt.rate)))
		goto fail;
	if (!(err = spill_new(&f->sp, fmt)))
		err = spill_append(f->sp, src, &off, &frames);
	stage_free(src);
	if (!err)
		err = loop_new(&f->loop, f->sp, off, frames, FILL_XFADE_MS);
	if (err)
		goto fail;
	*out = &f->base;
	return 0;
fail:
	fill_free(&f->base);
	return err;
}

/* ---- the stream --------------------------------------------------- */

static int stream_open(const struct ice_cfg *c, audio_sink **out)
{
	icecast_options o = {
		.url = c->url, .password_file = c->password_file,
		.password = c->password, .format = c->fmt,
		.bitrate = c->bitrate,
		.name = c->name ? c->name : c->station,
		.description = c->description, .genre = c->genre,
		.url_info = c->website, .station = c->station,
		.buffer_ms = RING_MS, .event = c->note, .event_ctx = c->note_ctx,
	};
	int err;

	if (c->fill && (err = fill_open(c->fill, stream_format(c), &o.fill)))
		return err;
	return icecast_sink_open(out, stream_format(c), &o);
}

/* At the station's start (and after a reload that did not take the
 * running stream over): a continuous mount connects now. */
static int ice_start(void *cfg, const char *station,
		     void (*note)(void *ctx, const char *msg), void *ctx)
{
	struct ice_cfg *c = cfg;

	free(c->station);
	c->station = xstrdup(station);
	c->note = note;
	c->note_ctx = ctx;
	if (c->slot_mode || c->stream)
		return 0;
	return stream_open(c, &c->stream);
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* A reload: the running stream carries on when nothing about it
 * changed (listeners stay connected). */
static int ice_take_over(void *cfg, void *old_cfg)
{
	struct ice_cfg *c = cfg, *o = old_cfg;

	if (!o->stream || c->stream || c->slot_mode ||
	    !same(c->where, o->where) || c->fmt != o->fmt ||
	    c->bitrate != o->bitrate || c->channels != o->channels ||
	    !same(c->password_file, o->password_file) ||
	    !same(c->password, o->password) || !same(c->fill, o->fill) ||
	    !same(c->name, o->name) || !same(c->description, o->description) ||
	    !same(c->genre, o->genre) || !same(c->website, o->website))
		return 0;
	c->stream = o->stream;
	o->stream = NULL;
	return 1;
}

/* ---- one bulletin's sink ------------------------------------------ */

struct ice_live {
	audio_sink base;
	audio_sink *ice;
	int owned;                   /* slot mode: this bulletin's stream */
	int (*stop)(void *ctx);
	void *ctx;
	icecast_stats at_open;
	long long base_frame;        /* frames written before this bulletin */
	const char *where;
};

static int live_write(audio_sink *self, const float *buf, long frames)
{
	struct ice_live *l = (struct ice_live *)self;

	if (crieur_interrupted || (l->stop && l->stop(l->ctx)))
		return err_set(CRIEUR_EINTR, "interrupted");
	return l->ice->write(l->ice, buf, frames);
}

/* Everything sent; an outage during the bulletin is an error (the
 * airing logs it, the other outputs go on). */
static int live_finish(audio_sink *self)
{
	struct ice_live *l = (struct ice_live *)self;
	icecast_stats now;
	int err = icecast_sink_drain(l->ice, l->stop, l->ctx);

	icecast_sink_stats(l->ice, &now);
	if (!err && l->owned)
		err = l->ice->finish(l->ice);
	if (err)
		return err;
	if (!now.connects)
		return err_set(CRIEUR_ENET, "%s: never connected: the bulletin "
			       "did not reach the stream", l->where);
	if (!now.connected && !l->owned && !l->at_open.connected &&
	    now.connects == l->at_open.connects)
		return err_set(CRIEUR_ENET, "%s: not connected during the "
			       "bulletin (the server down?): it did not reach "
			       "the stream", l->where);
	if (!now.connected && !l->owned)
		return err_set(CRIEUR_ENET, "%s: the connection was lost during "
			       "the bulletin: it did not all reach the stream",
			       l->where);
	if (now.connects > l->at_open.connects + !l->at_open.connected)
		return err_set(CRIEUR_ENET, "%s: the connection was lost during "
			       "the bulletin (reconnected)", l->where);
	return 0;
}

static void live_abort(audio_sink *self)
{
	struct ice_live *l = (struct ice_live *)self;

	icecast_sink_cut(l->ice, CUT_FADE_MS);
	if (l->owned)
		l->ice->finish(l->ice);   /* the fade, then close */
}

static void live_free(audio_sink *self)
{
	struct ice_live *l = (struct ice_live *)self;

	if (l->owned)
		sink_free(l->ice);
	free(l);
}

static int ice_open_live(const void *cfg, audio_format fmt, long long start_ns,
			 int paced, int (*stop)(void *ctx), void *ctx,
			 audio_sink **out)
{
	const struct ice_cfg *c = cfg;
	struct ice_live *l;
	audio_sink *ice = c->stream;
	int err;

	(void)fmt;   /* the stream's own: the airing converts to it */
	*out = NULL;
	if (!ice && !c->slot_mode)
		return err_set(CRIEUR_ENET, "%s: the stream is not running",
			       c->where);
	if (!ice && (err = stream_open(c, &ice)))
		return err;
	l = xcalloc(1, sizeof(*l));
	l->base.fmt = ice->fmt;
	l->base.write = live_write;
	l->base.finish = live_finish;
	l->base.abort = live_abort;
	l->base.free = live_free;
	l->ice = ice;
	l->owned = c->slot_mode;
	l->stop = stop;
	l->ctx = ctx;
	l->where = c->where;
	/* beside a device, the device paces: the stream never holds it up */
	icecast_sink_set_nonblocking(ice, paced);
	icecast_sink_stats(ice, &l->at_open);
	l->base_frame = icecast_sink_written(ice);
	icecast_sink_hold_until(ice, start_ns);
	*out = &l->base;
	return 0;
}

static long long ice_started_ns(audio_sink *s)
{
	return icecast_sink_started_ns(((struct ice_live *)s)->ice);
}

static void ice_title_at(audio_sink *s, long long frame, const char *title)
{
	struct ice_live *l = (struct ice_live *)s;

	icecast_sink_set_title_at(l->ice, l->base_frame + frame, title);
}

const air_output_kind air_output_icecast = {
	.name = "icecast",
	.parse = ice_parse,
	.free_cfg = ice_free_cfg,
	.describe = ice_describe,
	.check = ice_check,
	.start = ice_start,
	.take_over = ice_take_over,
	.open_live = ice_open_live,
	.started_ns = ice_started_ns,
	.title_at = ice_title_at,
};
