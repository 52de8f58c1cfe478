/* encode_opus.h - Ogg Opus over libopusenc: a file writer sink, and the
 * same encoder writing pages to a callback (for a stream, see
 * sink_icecast.h).
 *
 * Metadata comes from an id3_tag (the one structure crieur fills for any
 * output), turned into Vorbis comments (RFC 7845 section 5.2):
 *   TIT2 TITLE, TPE1 ARTIST, TALB ALBUM, TDRC DATE, TLAN LANGUAGE,
 *   COMM DESCRIPTION, APIC METADATA_BLOCK_PICTURE, and the chapters as
 *   CHAPTER001=HH:MM:SS.mmm, CHAPTER001NAME=title (Xiph's chapter
 *   extension, which ffmpeg and most players read).
 * Loudness: the audio is stored mastered (the header's output gain stays
 * 0 dB, so every decoder plays it at the mastered level); the optional
 * R128_TRACK_GAIN comment is the gain, Q7.8 dB, that brings the track to
 * -23 LUFS (EBU R128) for players that normalize. */
#ifndef CRIEUR_ENCODE_OPUS_H
#define CRIEUR_ENCODE_OPUS_H

#include <stddef.h>
#include "audio/id3.h"
#include "audio/stage.h"

/* The reference level of R128_TRACK_GAIN (RFC 7845 section 5.2.1). */
#define OPUS_R128_REFERENCE_LUFS (-23.0)

typedef struct opus_options {
	int bitrate;          /* kbit/s; 0: 32 mono, 64 stereo */
	/* Read at the first write (not before): the tag may be completed
	 * between opening and the first audio.  NULL: no metadata. */
	const id3_tag *tag;
	/* The track's loudness (LUFS) as encoded, for R128_TRACK_GAIN;
	 * NAN: no R128 tag. */
	double track_lufs;
	/* libopus's complexity 1..10 (0: 10, the best, for files); a stream
	 * on air all day takes less (sink_icecast.c) */
	int complexity;
	int dtx;   /* discontinuous transmission: silence costs ~nothing */
} opus_options;

/* Open an Ogg Opus file writer at path (atomic, base/outfile.h; "-" is
 * standard output).  Any rate is taken (libopusenc resamples to 48 kHz),
 * 1 or 2 channels.  CRIEUR_EINVAL for another count, CRIEUR_EENCODE when
 * the encoder refuses the settings. */
int opus_writer_open(audio_sink **out, const char *path, audio_format fmt,
		     const opus_options *opt);

/* An Ogg Opus encoder whose pages go to put(ctx, bytes, n) (0, or an error
 * code that the write or drain returns). */
typedef struct opus_stream opus_stream;
typedef int (*opus_put_fn)(void *ctx, const unsigned char *p, size_t n);

/* A new encoder for fmt (1 or 2 channels) at opt's bitrate, with opt's
 * tag read at the first write.  Pages are flushed as soon as they are
 * complete, at most every `max_delay_ms` of audio (0: libopusenc's
 * default of one second), so that a stream's latency stays low. */
int opus_stream_new(opus_stream **out, audio_format fmt,
		    const opus_options *opt, int max_delay_ms,
		    opus_put_fn put, void *ctx);

/* Encode frames; 0 or an error code (CRIEUR_EENCODE, or put's). */
int opus_stream_write(opus_stream *s, const float *buf, long frames);

/* End the current logical stream here and start a new one (a chained
 * Ogg stream) whose OpusTags carry tag (not kept).  0 or an error. */
int opus_stream_chain(opus_stream *s, const id3_tag *tag);

/* Flush everything (the end-of-stream page included). */
int opus_stream_drain(opus_stream *s);

/* Free; NULL does nothing. */
void opus_stream_free(opus_stream *s);

#endif
