/* sndfile_io.h - audio files through libsndfile: WAV/FLAC writing, and
 * reading of every format libsndfile knows (WAV, FLAC, Ogg, MP3...). */
#ifndef CRIEUR_SNDFILE_IO_H
#define CRIEUR_SNDFILE_IO_H

#include <stddef.h>
#include "audio/stage.h"

enum audio_file_type {
	AUDIO_FILE_WAV, AUDIO_FILE_FLAC, AUDIO_FILE_MP3, AUDIO_FILE_OPUS
};

/* The output type for a path, by extension (case-insensitive: .mp3,
 * .wav, .flac, .opus or .ogg for Ogg Opus); "-" is MP3.
 * CRIEUR_EINVAL naming the path for an unknown extension. */
int audio_file_type_for(const char *path, enum audio_file_type *type);

/* Open a 16-bit WAV or FLAC writer sink at path (atomically written, see
 * base/outfile.h).  *out is NULL on failure. */
int sndfile_writer_open(audio_sink **out, const char *path,
			enum audio_file_type type, audio_format fmt);

/* What a file read as audio may claim in its header (README "Limits"):
 * anything else is refused as damaged before a sample is read. */
enum {
	CLIP_MIN_RATE = 8000,
	CLIP_MAX_RATE = 384000,
	CLIP_MAX_CHANNELS = 8,
	CLIP_MAX_SECONDS = 4 * 3600
};

/* Open a file as a source stage; CRIEUR_ENOENT / CRIEUR_EFORMAT with a
 * detail naming the path (also for a header outside the limits above). */
int sndfile_reader_open(audio_stage **out, const char *path);

/* Format and length in frames of an audio file. */
int sndfile_probe(const char *path, audio_format *fmt, long long *frames,
		  char *format_name, size_t name_size);

#endif
