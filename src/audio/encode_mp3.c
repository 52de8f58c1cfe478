/* encode_mp3.c - MP3 writer sink: LAME encoding into an atomic file. */
#include "audio/encode_mp3.h"
#include "audio/encode_mp3_parallel.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/strbuf.h"
#include "base/thread.h"
#include "base/util.h"

#include <errno.h>
#include <lame/lame.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_BLOCK = 4096, COPY_BLOCK = 65536 };

/* LAME's lame_init() and lame_init_params() write tables that every
 * encoder of the process reads while it encodes (util.c's log table;
 * iteration_init()'s pow43, adj43, pow20 and ipow20): the same values
 * each time, but a write while another thread's encoder reads them is a
 * data race.  So encoders start alone and encode together: a gate where
 * a start waits for the encoding calls under way, and new encoding calls
 * wait for a start that is waiting. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	int encoding, starting, waiting;
	long pauses;   /* starts so far */
} gate = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0 };

void mp3_lame_enter(void)
{
	pthread_mutex_lock(&gate.lock);
	while (gate.starting || gate.waiting)
		pthread_cond_wait(&gate.changed, &gate.lock);
	gate.encoding++;
	pthread_mutex_unlock(&gate.lock);
}

void mp3_lame_leave(void)
{
	pthread_mutex_lock(&gate.lock);
	if (!--gate.encoding)
		pthread_cond_broadcast(&gate.changed);
	pthread_mutex_unlock(&gate.lock);
}

/* Enter the gate alone (to start an encoder). */
static void start_begin(void)
{
	pthread_mutex_lock(&gate.lock);
	gate.waiting++;
	while (gate.starting || gate.encoding)
		pthread_cond_wait(&gate.changed, &gate.lock);
	gate.waiting--;
	gate.starting = 1;
	gate.pauses++;
	pthread_mutex_unlock(&gate.lock);
}

long mp3_lame_pauses(void)
{
	long n;

	pthread_mutex_lock(&gate.lock);
	n = gate.pauses;
	pthread_mutex_unlock(&gate.lock);
	return n;
}

static void start_end(void)
{
	pthread_mutex_lock(&gate.lock);
	gate.starting = 0;
	pthread_cond_broadcast(&gate.changed);
	pthread_mutex_unlock(&gate.lock);
}

struct mp3_writer {
	audio_sink base;
	outfile out;
	lame_global_flags *lame;   /* one encoder, or */
	mp3_par *par;              /* several, on their threads */
	unsigned char *mp3;   /* encoder output, sized for MAX_BLOCK frames */
	size_t mp3_size;
	const id3_tag *tag;   /* not owned; NULL for none */
	long audio_off;       /* where the audio starts: the reserved room */
	size_t tag_padding;
	int done;
};

static int put(struct mp3_writer *w, const unsigned char *p, size_t n)
{
	if (n && fwrite(p, 1, n, w->out.f) != n)
		return err_set(CRIEUR_EIO, "cannot write '%s': %s", w->out.path,
			       strerror(errno));
	return 0;
}

/* Encode frames in MAX_BLOCK blocks into out (sized for one), handing
 * each block's bytes to emit(ctx, ...); what names the output. */
static int encode(lame_global_flags *l, int channels, const float *buf,
		  long frames, unsigned char *out, size_t out_size,
		  int (*emit)(void *ctx, const unsigned char *p, size_t n),
		  void *ctx, const char *what)
{
	while (frames > 0) {
		int n = frames > MAX_BLOCK ? MAX_BLOCK : (int)frames;
		int got, err;

		mp3_lame_enter();
		got = channels == 2 ?
			lame_encode_buffer_interleaved_ieee_float(
				l, buf, n, out, (int)out_size) :
			lame_encode_buffer_ieee_float(l, buf, buf, n, out,
						      (int)out_size);
		mp3_lame_leave();
		if (got < 0)
			return err_set(CRIEUR_EENCODE, "MP3 encoder failed (%d) "
				       "on %s", got, what);
		if ((err = emit(ctx, out, (size_t)got)))
			return err;
		buf += (long)n * channels;
		frames -= n;
	}
	return 0;
}

static int put_cb(void *ctx, const unsigned char *p, size_t n)
{
	return put(ctx, p, n);
}

static int mp3_write(audio_sink *self, const float *buf, long frames)
{
	struct mp3_writer *w = (struct mp3_writer *)self;

	if (w->par)
		return mp3_par_write(w->par, buf, frames);
	return encode(w->lame, self->fmt.channels, buf, frames, w->mp3,
		      w->mp3_size, put_cb, w, w->out.path);
}

/* Rewrite the first (reserved) frame with the LAME/Xing info tag. */
static int write_info_tag(struct mp3_writer *w)
{
	unsigned char tag[2880];
	size_t n = 0;
	int err;

	if (!outfile_seekable(&w->out))
		return 0;
	if (w->par) {
		if ((n = mp3_par_info_size(w->par)) > sizeof(tag))
			n = 0;
		if (n && (err = mp3_par_info_frame(w->par, tag)))
			return err;
	} else {
		n = lame_get_lametag_frame(w->lame, tag, sizeof(tag));
	}
	if (!n)
		return 0;
	if (fseek(w->out.f, w->audio_off, SEEK_SET))
		return err_set(CRIEUR_EIO, "cannot seek in '%s': %s",
			       w->out.path, strerror(errno));
	return put(w, tag, n);
}

/* Write tag (+ padding zero bytes) to f; errors name path. */
static int put_tag(FILE *f, const char *path, const id3_tag *tag,
		   size_t padding)
{
	strbuf sb;
	int err;

	sb_init(&sb);
	err = id3_render_padded(tag, padding, &sb);
	if (!err && fwrite(sb.buf, 1, sb.len, f) != sb.len)
		err = err_set(CRIEUR_EIO, "cannot write '%s': %s", path,
			      strerror(errno));
	sb_release(&sb);
	return err;
}

/* Copy everything from w->out after the reserved room to f. */
static int copy_audio(struct mp3_writer *w, FILE *f)
{
	unsigned char *buf = xcalloc(1, COPY_BLOCK);
	size_t n;
	int err = 0;

	if (fseek(w->out.f, w->audio_off, SEEK_SET))
		err = err_set(CRIEUR_EIO, "cannot seek in '%s': %s",
			      w->out.path, strerror(errno));
	while (!err && (n = fread(buf, 1, COPY_BLOCK, w->out.f)) > 0)
		if (fwrite(buf, 1, n, f) != n)
			err = err_set(CRIEUR_EIO, "cannot write '%s': %s",
				      w->out.path, strerror(errno));
	if (!err && ferror(w->out.f))
		err = err_set(CRIEUR_EIO, "cannot read back '%s': %s",
			      w->out.path, strerror(errno));
	free(buf);
	return err;
}

/* The tag outgrew its room: tag + audio into a second temporary file,
 * which takes the first one's place. */
static int relocate(struct mp3_writer *w)
{
	outfile o2;
	int err = outfile_open(&o2, w->out.path);

	if (!err)
		err = put_tag(o2.f, o2.path, w->tag, w->tag_padding);
	if (!err)
		err = copy_audio(w, o2.f);
	if (err) {
		outfile_abort(&o2);
		return err;
	}
	outfile_abort(&w->out);
	w->out = o2;
	return 0;
}

/* Write the tag as it is now at the start of the file. */
static int write_final_tag(struct mp3_writer *w)
{
	strbuf sb;
	int err;

	sb_init(&sb);
	err = id3_render(w->tag, &sb);
	if (!err && sb.len > (size_t)w->audio_off)
		err = relocate(w);
	else if (!err && fseek(w->out.f, 0, SEEK_SET))
		err = err_set(CRIEUR_EIO, "cannot seek in '%s': %s",
			      w->out.path, strerror(errno));
	else if (!err)
		err = put_tag(w->out.f, w->out.path, w->tag,
			      (size_t)w->audio_off - sb.len);
	sb_release(&sb);
	return err;
}

static int mp3_finish(audio_sink *self)
{
	struct mp3_writer *w = (struct mp3_writer *)self;
	int got = w->par ? 0 : mp3_lame_flush(w->lame, w->mp3, w->mp3_size);
	int err = got < 0 ? err_set(CRIEUR_EENCODE, "MP3 encoder failed (%d) "
				    "on '%s'", got, w->out.path) : 0;

	if (!err && w->par)
		err = mp3_par_finish(w->par);
	else if (!err)
		err = put(w, w->mp3, (size_t)got);
	if (!err)
		err = write_info_tag(w);
	if (!err && w->tag && outfile_seekable(&w->out))
		err = write_final_tag(w);
	w->done = 1;
	if (err) {
		outfile_abort(&w->out);
		return err;
	}
	return outfile_commit(&w->out);
}

static void mp3_abort(audio_sink *self)
{
	struct mp3_writer *w = (struct mp3_writer *)self;

	w->done = 1;
	outfile_abort(&w->out);
}

static void mp3_free(audio_sink *self)
{
	struct mp3_writer *w = (struct mp3_writer *)self;

	if (!w->done)
		mp3_abort(self);
	mp3_par_free(w->par);
	if (w->lame)   /* none on several jobs */
		lame_close(w->lame);
	free(w->mp3);
	free(w);
}

int mp3_lame_flush(lame_global_flags *l, unsigned char *out, size_t size)
{
	int got;

	mp3_lame_enter();
	got = lame_encode_flush(l, out, (int)size);
	mp3_lame_leave();
	return got;
}

/* Configure LAME for fmt and opt; 0 or CRIEUR_EENCODE. */
static int configure(lame_global_flags *l, audio_format fmt,
		     const mp3_options *opt, int seekable)
{
	int bitrate = opt && opt->bitrate ? opt->bitrate :
		      (fmt.channels == 1 ? 64 : 128);

	lame_set_in_samplerate(l, fmt.rate);
	lame_set_out_samplerate(l, fmt.rate);
	lame_set_num_channels(l, fmt.channels);
	lame_set_mode(l, fmt.channels == 1 ? MONO : JOINT_STEREO);
	lame_set_VBR(l, vbr_off);
	lame_set_brate(l, bitrate);
	lame_set_quality(l, opt ? opt->quality : 5);
	lame_set_bWriteVbrTag(l, seekable);
	lame_set_write_id3tag_automatic(l, 0);
	if (lame_init_params(l) < 0)
		return err_set(CRIEUR_EENCODE, "MP3 encoder rejects %d Hz, %d "
			       "channel(s), %d kbit/s", fmt.rate, fmt.channels,
			       bitrate);
	/* LAME would quietly write another rate or bit rate: refuse, and
	 * say what MP3 can carry */
	if (lame_get_out_samplerate(l) != fmt.rate)
		return err_set(CRIEUR_EINVAL, "MP3 cannot carry %d Hz (it takes "
			       "8000, 11025, 12000, 16000, 22050, 24000, 32000, "
			       "44100 or 48000 Hz; write WAV or FLAC for others)",
			       fmt.rate);
	if (lame_get_brate(l) != bitrate)
		return err_set(CRIEUR_EINVAL, "MP3 at %d Hz cannot be %d kbit/s "
			       "(%s)", fmt.rate, bitrate, fmt.rate >= 32000 ?
			       "32 to 320 kbit/s at 32000 Hz and over" :
			       fmt.rate >= 16000 ? "8 to 160 kbit/s at 16000 to "
			       "24000 Hz" : "8 to 64 kbit/s under 16000 Hz");
	return 0;
}

int mp3_lame_new(lame_global_flags **out, int n, audio_format fmt,
		 const mp3_options *opt, int info)
{
	int made = 0, err = 0;

	start_begin();
	for (; made < n && !err; made++) {
		out[made] = lame_init();
		err = out[made] ? configure(out[made], fmt, opt, info) :
		      err_set(CRIEUR_ENOMEM, "cannot start the MP3 encoder");
	}
	start_end();
	if (err)
		for (int i = 0; i < n; i++) {
			if (i < made && out[i])
				lame_close(out[i]);
			out[i] = NULL;
		}
	return err;
}

/* Write the tag as it is at open, with room to grow (files only). */
static int reserve_tag(struct mp3_writer *w, const mp3_options *opt)
{
	int seekable = outfile_seekable(&w->out);
	size_t pad = seekable ? (opt->tag_padding ? opt->tag_padding :
				 MP3_TAG_PADDING) : 0;
	long off;
	int err;

	w->tag = opt->tag;
	w->tag_padding = pad;
	if ((err = put_tag(w->out.f, w->out.path, w->tag, pad)))
		return err;
	if (seekable && (off = ftell(w->out.f)) < 0)
		return err_set(CRIEUR_EIO, "cannot seek in '%s': %s",
			       w->out.path, strerror(errno));
	w->audio_off = seekable ? off : 0;
	return 0;
}

/* The parallel encoder, its info frame's room reserved (files). */
static int start_parallel(struct mp3_writer *w, audio_format fmt,
			  const mp3_options *opt, int jobs)
{
	static const unsigned char zero[2880];
	int err = mp3_par_new(&w->par, fmt, opt, jobs, put_cb, w);
	size_t n;

	if (err || !outfile_seekable(&w->out))
		return err;
	n = mp3_par_info_size(w->par);
	return put(w, zero, n < sizeof(zero) ? n : 0);
}

int mp3_writer_open(audio_sink **out, const char *path, audio_format fmt,
		    const mp3_options *opt)
{
	struct mp3_writer *w;
	int jobs = opt && opt->jobs ? opt->jobs : thread_cpus();
	int err = 0;

	*out = NULL;
	if (fmt.channels < 1 || fmt.channels > 2)
		return err_set(CRIEUR_EINVAL, "MP3 takes 1 or 2 channels, not %d",
			       fmt.channels);
	w = xcalloc(1, sizeof(*w));
	if ((err = outfile_open(&w->out, path))) {
		free(w);
		return err;
	}
	/* on several jobs, the parallel encoder's own encoders do the work
	 * (and it checks fmt and opt as this one would) */
	if (jobs <= 1)
		err = mp3_lame_new(&w->lame, 1, fmt, opt,
				   outfile_seekable(&w->out));
	if (!err && opt && opt->tag)
		err = reserve_tag(w, opt);
	if (!err && jobs > 1)
		err = start_parallel(w, fmt, opt, jobs);
	if (err) {
		mp3_par_free(w->par);
		outfile_abort(&w->out);
		if (w->lame)
			lame_close(w->lame);
		free(w);
		return err;
	}
	w->mp3_size = MAX_BLOCK * 5 / 4 + 7200;
	w->mp3 = xcalloc(1, w->mp3_size);
	w->base.fmt = fmt;
	w->base.write = mp3_write;
	w->base.finish = mp3_finish;
	w->base.abort = mp3_abort;
	w->base.free = mp3_free;
	*out = &w->base;
	return 0;
}

struct mp3_stream {
	lame_global_flags *lame;
	int channels;
	unsigned char *mp3;
	size_t mp3_size;
	int (*put)(void *ctx, const unsigned char *p, size_t n);
	void *ctx;
};

int mp3_stream_new(mp3_stream **out, audio_format fmt, const mp3_options *opt,
		   int (*put_fn)(void *ctx, const unsigned char *p, size_t n),
		   void *ctx)
{
	struct mp3_stream *s;
	int err;

	*out = NULL;
	if (fmt.channels < 1 || fmt.channels > 2)
		return err_set(CRIEUR_EINVAL, "MP3 takes 1 or 2 channels, not %d",
			       fmt.channels);
	s = xcalloc(1, sizeof(*s));
	if ((err = mp3_lame_new(&s->lame, 1, fmt, opt, 0))) {
		mp3_stream_free(s);
		return err;
	}
	s->channels = fmt.channels;
	s->mp3_size = MAX_BLOCK * 5 / 4 + 7200;
	s->mp3 = xcalloc(1, s->mp3_size);
	s->put = put_fn;
	s->ctx = ctx;
	*out = s;
	return 0;
}

int mp3_stream_write(mp3_stream *s, const float *buf, long frames)
{
	return encode(s->lame, s->channels, buf, frames, s->mp3, s->mp3_size,
		      s->put, s->ctx, "the stream");
}

int mp3_stream_drain(mp3_stream *s)
{
	int got = mp3_lame_flush(s->lame, s->mp3, s->mp3_size);

	if (got < 0)
		return err_set(CRIEUR_EENCODE, "MP3 encoder failed (%d) on the "
			       "stream", got);
	return s->put(s->ctx, s->mp3, (size_t)got);
}

void mp3_stream_free(mp3_stream *s)
{
	if (!s)
		return;
	lame_close(s->lame);
	free(s->mp3);
	free(s);
}
