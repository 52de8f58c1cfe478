/* stage.h - the pull contract every audio stage follows.
 *
 * A stage produces interleaved float frames (nominally in [-1, 1]) in the
 * format beside it.  read() fills up to `frames` frames and returns how
 * many it wrote: fewer than asked means the end of the stream (later reads
 * return 0); a negative value is a crieur_err code with a detail recorded.
 * Stages wrap the one before them and own it: freeing a stage frees the
 * chain behind it.  The sink drives the loop (see audio_pump()).
 *
 * Constructors follow one convention: int x_new(T **out, ...) returns 0
 * with the object in *out, or a negative crieur_err code with a detail
 * recorded (err_set()) and *out NULL.  A stage constructor that takes
 * ownership of its source frees it when it fails. */
#ifndef CRIEUR_STAGE_H
#define CRIEUR_STAGE_H

typedef struct audio_format {
	int rate;      /* frames per second */
	int channels;  /* interleaved channels per frame */
} audio_format;

typedef struct audio_stage audio_stage;
struct audio_stage {
	audio_format fmt;
	long (*read)(audio_stage *self, float *buf, long frames);
	void (*free)(audio_stage *self);
};

/* Read through the stage's read(); frames may be 0. */
static inline long stage_read(audio_stage *s, float *buf, long frames)
{
	return s->read(s, buf, frames);
}

/* Free a stage and the chain it owns; NULL does nothing. */
void stage_free(audio_stage *s);

/* A sink: something that consumes frames (a file writer, the device). */
typedef struct audio_sink audio_sink;
struct audio_sink {
	audio_format fmt;
	/* Consume frames; 0 or an error code. */
	int (*write)(audio_sink *self, const float *buf, long frames);
	/* Finish: flush, close, make the output visible.  0 or an error. */
	int (*finish)(audio_sink *self);
	/* Give up: drop any partial output.  Always succeeds. */
	void (*abort)(audio_sink *self);
	void (*free)(audio_sink *self);
};

/* Free a sink (aborting it if neither finished nor aborted); NULL ok. */
void sink_free(audio_sink *s);

/* A sink that writes everything to `first` (which paces the writer: the
 * device), then to `second` (which should never wait: a nonblocking
 * stream), in *out.  Owns both; finish() finishes both and returns the
 * first error; fmt is first's (second must take the same format).
 * Returns 0 (it cannot fail). */
int sink_tee_new(audio_sink **out, audio_sink *first, audio_sink *second);

/* Drive the loop: read src in blocks and write them to sink until the
 * end, then finish the sink.  On any failure (or an interrupt, see
 * crieur_interrupted) the sink is aborted and the error returned.
 * *frames_out, when not NULL, receives the frames written. */
int audio_pump(audio_stage *src, audio_sink *sink, long long *frames_out);

/* src (owned) passed through; fn(ctx) is called once, on the thread
 * that reads, when src first comes to its end (gives fewer frames than
 * asked), before those frames are returned.  Returns 0 (it cannot
 * fail). */
int stage_on_end_new(audio_stage **out, audio_stage *src,
		     void (*fn)(void *ctx), void *ctx);

/* A stage that converts src to `channels` (mono is averaged down, or
 * copied up to every channel; other counts map channel i to i mod n),
 * in *out.  Takes ownership of src; *out is src itself when nothing
 * changes.  Returns 0 (it cannot fail). */
int channel_map_new(audio_stage **out, audio_stage *src, int channels);

/* A stage that resamples src to rate with libsoxr (high quality), in
 * *out.  Takes ownership of src; *out is src itself when the rate
 * already matches.  Returns 0, or CRIEUR_ERESAMPLE with a detail
 * recorded, src freed and *out NULL. */
int resample_new(audio_stage **out, audio_stage *src, int rate);

/* resample_new() at a chosen quality: RESAMPLE_HIGH is libsoxr's HQ
 * (20-bit, steep); RESAMPLE_SPEECH its MQ (16-bit precision, passband to
 * 91%): enough for eSpeak NG's band-limited 22.05 kHz speech and about
 * twice as fast. */
enum resample_quality { RESAMPLE_HIGH, RESAMPLE_SPEECH };
int resample_new_quality(audio_stage **out, audio_stage *src, int rate,
			 enum resample_quality quality);

#endif
