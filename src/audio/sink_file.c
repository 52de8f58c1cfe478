/* sink_file.c - open the right file writer for a path's extension. */
#include "audio/sink_file.h"
#include "audio/sndfile_io.h"

int audio_sink_open_file(audio_sink **out, const char *path, audio_format fmt,
			 const mp3_options *mp3)
{
	enum audio_file_type type;
	int err = audio_file_type_for(path, &type);

	*out = NULL;
	if (err)
		return err;
	return type == AUDIO_FILE_MP3 ? mp3_writer_open(out, path, fmt, mp3) :
		sndfile_writer_open(out, path, type, fmt);
}
