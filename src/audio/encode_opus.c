/* encode_opus.c - Ogg Opus over libopusenc: file writer and page stream. */
#include "audio/encode_opus.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <opus/opusenc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OPUS_MAX_BLOCK = 4096 };

struct opus_stream {
	OggOpusEnc *enc;      /* created at the first write */
	audio_format fmt;
	int bitrate;          /* bit/s */
	int max_delay;        /* samples at 48 kHz; 0: libopusenc's */
	int complexity, dtx;
	const id3_tag *tag;   /* not owned; read at the first write */
	double track_lufs;
	opus_put_fn put;
	void *ctx;
	int put_err;          /* the first error put() returned */
};

/* "HH:MM:SS.mmm" for ms. */
static void chapter_time(char *out, size_t n, unsigned ms)
{
	snprintf(out, n, "%02u:%02u:%02u.%03u", ms / 3600000, ms / 60000 % 60,
		 ms / 1000 % 60, ms % 1000);
}

/* Add the chapters of tag as CHAPTERnnn / CHAPTERnnnNAME. */
static void add_chapters(OggOpusComments *c, const id3_tag *tag)
{
	for (size_t i = 0; i < id3_chapter_count(tag); i++) {
		const id3_chapter *ch = id3_chapter_at(tag, i);
		char key[32], when[32];

		snprintf(key, sizeof(key), "CHAPTER%03zu", i + 1);
		chapter_time(when, sizeof(when), ch->start_ms);
		ope_comments_add(c, key, when);
		snprintf(key, sizeof(key), "CHAPTER%03zuNAME", i + 1);
		ope_comments_add(c, key, ch->title);
	}
}

/* Vorbis comments for tag (may be NULL) and the track's loudness. */
static OggOpusComments *comments_for(const id3_tag *tag, double track_lufs)
{
	static const char *const map[][2] = {
		{ "TIT2", "TITLE" }, { "TPE1", "ARTIST" }, { "TALB", "ALBUM" },
		{ "TDRC", "DATE" }, { "TLAN", "LANGUAGE" },
	};
	OggOpusComments *c = ope_comments_create();
	const unsigned char *cover;
	const char *mime, *v;
	size_t len;

	if (!c)
		return NULL;
	for (size_t i = 0; tag && i < ARRAY_SIZE(map); i++)
		if ((v = id3_get(tag, map[i][0])))
			ope_comments_add(c, map[i][1], v);
	if (tag && (v = id3_comment(tag)))
		ope_comments_add(c, "DESCRIPTION", v);
	if (tag && (cover = id3_cover(tag, &mime, &len)))
		ope_comments_add_picture_from_memory(c, (const char *)cover, len,
						     3, NULL);
	if (tag)
		add_chapters(c, tag);
	if (isfinite(track_lufs)) {
		char q78[16];
		long g = lrint((OPUS_R128_REFERENCE_LUFS - track_lufs) * 256);

		g = g < -32768 ? -32768 : g > 32767 ? 32767 : g;
		snprintf(q78, sizeof(q78), "%ld", g);
		ope_comments_add(c, "R128_TRACK_GAIN", q78);
	}
	return c;
}

static int on_write(void *user, const unsigned char *p, opus_int32 len)
{
	struct opus_stream *s = user;
	int err = s->put(s->ctx, p, (size_t)len);

	if (err && !s->put_err)
		s->put_err = err;
	return err != 0;
}

static int on_close(void *user)
{
	return 0;
}

/* An error from libopusenc: put's own error when it was the cause. */
static int ope_fail(struct opus_stream *s, int ope, const char *what)
{
	if (s->put_err)
		return s->put_err;
	return err_set(CRIEUR_EENCODE, "Opus encoder: %s: %s", what,
		       ope_strerror(ope));
}

/* Create the encoder, with the tag as it is now. */
static int start(struct opus_stream *s)
{
	static const OpusEncCallbacks cb = { on_write, on_close };
	OggOpusComments *c = comments_for(s->tag, s->track_lufs);
	int e = 0;

	if (!c)
		return err_set(CRIEUR_ENOMEM, "Opus encoder: no memory");
	s->enc = ope_encoder_create_callbacks(&cb, s, c, s->fmt.rate,
					      s->fmt.channels, 0, &e);
	ope_comments_destroy(c);
	if (!s->enc)
		return ope_fail(s, e, "cannot start");
	if ((e = ope_encoder_ctl(s->enc, OPUS_SET_BITRATE(s->bitrate))) ||
	    (e = ope_encoder_ctl(s->enc, OPE_SET_HEADER_GAIN(0))) ||
	    (e = ope_encoder_ctl(s->enc, OPUS_SET_COMPLEXITY(s->complexity))) ||
	    (e = ope_encoder_ctl(s->enc, OPUS_SET_DTX(s->dtx))) ||
	    (s->max_delay &&
	     ((e = ope_encoder_ctl(s->enc, OPE_SET_MUXING_DELAY(s->max_delay))) ||
	      (e = ope_encoder_ctl(s->enc, OPE_SET_DECISION_DELAY(s->max_delay))))))
		return ope_fail(s, e, "rejects the settings");
	return 0;
}

int opus_stream_new(opus_stream **out, audio_format fmt,
		    const opus_options *opt, int max_delay_ms,
		    opus_put_fn put, void *ctx)
{
	int kbps = opt && opt->bitrate ? opt->bitrate : 32 * fmt.channels;
	struct opus_stream *s;

	*out = NULL;
	if (fmt.channels < 1 || fmt.channels > 2)
		return err_set(CRIEUR_EINVAL, "Opus takes 1 or 2 channels here, "
			       "not %d", fmt.channels);
	if (kbps < 6 || kbps > 256 * fmt.channels)
		return err_set(CRIEUR_EINVAL, "Opus bitrate %d kbit/s is out of "
			       "range (6 to %d)", kbps, 256 * fmt.channels);
	if (fmt.rate < 8000 || fmt.rate > 192000)
		return err_set(CRIEUR_EINVAL, "Opus input rate %d Hz is out of "
			       "range", fmt.rate);
	s = xcalloc(1, sizeof(*s));
	s->fmt = fmt;
	s->bitrate = kbps * 1000;
	s->max_delay = max_delay_ms * 48;
	s->tag = opt ? opt->tag : NULL;
	s->track_lufs = opt ? opt->track_lufs : NAN;
	s->complexity = opt && opt->complexity ? opt->complexity : 10;
	s->dtx = opt ? opt->dtx : 0;
	s->put = put;
	s->ctx = ctx;
	*out = s;
	return 0;
}

int opus_stream_write(opus_stream *s, const float *buf, long frames)
{
	int e, err;

	if (!s->enc && (err = start(s)))
		return err;
	while (frames > 0) {
		int n = frames > OPUS_MAX_BLOCK ? OPUS_MAX_BLOCK : (int)frames;

		if ((e = ope_encoder_write_float(s->enc, buf, n)))
			return ope_fail(s, e, "write failed");
		buf += (long)n * s->fmt.channels;
		frames -= n;
	}
	return s->put_err;
}

int opus_stream_chain(opus_stream *s, const id3_tag *tag)
{
	OggOpusComments *c;
	int e, err;

	if (!s->enc) {   /* nothing written yet: this tag is the first */
		s->tag = tag;
		err = start(s);
		s->tag = NULL;
		return err;
	}
	if (!(c = comments_for(tag, NAN)))
		return err_set(CRIEUR_ENOMEM, "Opus encoder: no memory");
	e = ope_encoder_chain_current(s->enc, c);
	ope_comments_destroy(c);
	return e ? ope_fail(s, e, "cannot chain a new stream") : s->put_err;
}

int opus_stream_drain(opus_stream *s)
{
	int e, err;

	if (!s->enc && (err = start(s)))
		return err;
	if ((e = ope_encoder_drain(s->enc)))
		return ope_fail(s, e, "cannot finish");
	return s->put_err;
}

void opus_stream_free(opus_stream *s)
{
	if (!s)
		return;
	if (s->enc)
		ope_encoder_destroy(s->enc);
	free(s);
}

/* The file writer: an opus_stream whose pages go to an atomic file. */
struct opus_writer {
	audio_sink base;
	outfile out;
	opus_stream *st;
	int done;
};

static int file_put(void *ctx, const unsigned char *p, size_t n)
{
	struct opus_writer *w = ctx;

	if (n && fwrite(p, 1, n, w->out.f) != n)
		return err_set(CRIEUR_EIO, "cannot write '%s': %s", w->out.path,
			       strerror(errno));
	return 0;
}

static int ow_write(audio_sink *self, const float *buf, long frames)
{
	return opus_stream_write(((struct opus_writer *)self)->st, buf, frames);
}

static int ow_finish(audio_sink *self)
{
	struct opus_writer *w = (struct opus_writer *)self;
	int err = opus_stream_drain(w->st);

	w->done = 1;
	if (err) {
		outfile_abort(&w->out);
		return err;
	}
	return outfile_commit(&w->out);
}

static void ow_abort(audio_sink *self)
{
	struct opus_writer *w = (struct opus_writer *)self;

	w->done = 1;
	outfile_abort(&w->out);
}

static void ow_free(audio_sink *self)
{
	struct opus_writer *w = (struct opus_writer *)self;

	if (!w->done)
		ow_abort(self);
	opus_stream_free(w->st);
	free(w);
}

int opus_writer_open(audio_sink **out, const char *path, audio_format fmt,
		     const opus_options *opt)
{
	struct opus_writer *w = xcalloc(1, sizeof(*w));
	int err;

	*out = NULL;
	if ((err = opus_stream_new(&w->st, fmt, opt, 0, file_put, w)) ||
	    (err = outfile_open(&w->out, path))) {
		opus_stream_free(w->st);
		free(w);
		return err;
	}
	w->base.fmt = fmt;
	w->base.write = ow_write;
	w->base.finish = ow_finish;
	w->base.abort = ow_abort;
	w->base.free = ow_free;
	*out = &w->base;
	return 0;
}
