/* sink_file.c - open the right file writer for a path's extension. */
#include "audio/sink_file.h"
#include "audio/sndfile_io.h"

#include <math.h>

int audio_sink_open_file(audio_sink **out, const char *path, audio_format fmt,
			 const mp3_options *mp3, const opus_options *opus)
{
	const opus_options opus_default = { .track_lufs = NAN };
	enum audio_file_type type;
	int err = audio_file_type_for(path, &type);

	*out = NULL;
	if (err)
		return err;
	switch (type) {
	case AUDIO_FILE_MP3: return mp3_writer_open(out, path, fmt, mp3);
	case AUDIO_FILE_OPUS:
		return opus_writer_open(out, path, fmt, opus ? opus : &opus_default);
	default: return sndfile_writer_open(out, path, type, fmt);
	}
}
