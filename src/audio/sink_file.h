/* sink_file.h - a file writer chosen by the path's extension. */
#ifndef CRIEUR_SINK_FILE_H
#define CRIEUR_SINK_FILE_H

#include "audio/encode_mp3.h"
#include "audio/encode_opus.h"
#include "audio/stage.h"

/* An MP3 (mp3 options), Ogg Opus (.opus/.ogg: opus options), WAV or
 * FLAC writer for path by its extension ("-": MP3 on stdout); options
 * may be NULL for the defaults.  CRIEUR_EINVAL naming the path for
 * another extension. */
int audio_sink_open_file(audio_sink **out, const char *path, audio_format fmt,
			 const mp3_options *mp3, const opus_options *opus);

#endif
