/* encode_mp3.h - MP3 writer sink over LAME's library. */
#ifndef CRIEUR_ENCODE_MP3_H
#define CRIEUR_ENCODE_MP3_H

#include <stddef.h>
#include "audio/id3.h"
#include "audio/stage.h"

enum { MP3_TAG_PADDING = 4096 };

typedef struct mp3_options {
	int bitrate;   /* CBR kbit/s; 0 for the default (64 mono, 128 stereo) */
	int quality;   /* LAME's algorithm quality 0 (best) .. 9 (fastest) */
	/* An ID3v2.4 tag to put before the audio, or NULL for none.  The
	 * writer keeps the pointer (the tag must outlive the sink) and
	 * renders it twice: at open, to reserve its room, and again at
	 * finish, so chapters added while the audio is written are in the
	 * file.  Layout: [tag + zero padding][LAME/Xing info frame][audio].
	 * At open the reserved room is the tag's size then plus tag_padding
	 * bytes (0: MP3_TAG_PADDING).  At finish, a tag that fits is written
	 * in place (the rest stays padding); one that has outgrown the room
	 * is written to a second temporary file followed by the audio,
	 * copied in 64 KiB blocks (bounded memory), which then replaces the
	 * first.  On a pipe ("-") the tag is written at open as it is then;
	 * later changes are lost. */
	const id3_tag *tag;
	size_t tag_padding;
	/* Encoder threads for a file (encode_mp3_parallel.h): 0 for one per
	 * CPU the process may use (thread_cpus()), 1 for LAME on the
	 * writer's thread alone.  The stream decodes the same either way
	 * (one stream, gapless, exact length). */
	int jobs;
} mp3_options;

/* Open an MP3 writer at path ("-" is standard output).  Files get a
 * LAME/Xing info frame so players show the exact duration and skip the
 * encoder's delay and padding (not possible on a pipe).  The input format
 * must be 1 or 2 channels at an MP3 sample rate. */
int mp3_writer_open(audio_sink **out, const char *path, audio_format fmt,
		    const mp3_options *opt);

/* A bare MP3 stream (no tag, no info frame) whose bytes go to put(ctx, p,
 * n) (0, or an error code that the write or drain returns): for a network
 * stream (sink_icecast.h).  opt's bitrate and quality apply. */
typedef struct mp3_stream mp3_stream;
int mp3_stream_new(mp3_stream **out, audio_format fmt, const mp3_options *opt,
		   int (*put)(void *ctx, const unsigned char *p, size_t n),
		   void *ctx);
int mp3_stream_write(mp3_stream *s, const float *buf, long frames);
int mp3_stream_drain(mp3_stream *s);
void mp3_stream_free(mp3_stream *s);   /* NULL does nothing */

#endif
