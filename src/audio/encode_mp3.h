/* encode_mp3.h - MP3 writer sink over LAME's library. */
#ifndef CRIEUR_ENCODE_MP3_H
#define CRIEUR_ENCODE_MP3_H

#include "audio/stage.h"

typedef struct mp3_options {
	int bitrate;   /* CBR kbit/s; 0 for the default (64 mono, 128 stereo) */
	int quality;   /* LAME's algorithm quality 0 (best) .. 9 (fastest) */
} mp3_options;

/* Open an MP3 writer at path ("-" is standard output).  Files get a
 * LAME/Xing info frame so players show the exact duration and skip the
 * encoder's delay and padding (not possible on a pipe).  The input format
 * must be 1 or 2 channels at an MP3 sample rate. */
int mp3_writer_open(audio_sink **out, const char *path, audio_format fmt,
		    const mp3_options *opt);

#endif
