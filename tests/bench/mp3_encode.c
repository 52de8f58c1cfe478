/* mp3_encode.c - crieur's MP3 writer alone on a WAV (no synthesis, no
 * mixing): what the encoder costs, serial (-j 1, LAME on one thread)
 * or parallel, next to the `lame` program on the same PCM.
 *
 * usage: mp3_encode IN.wav OUT.mp3 JOBS [KBPS]   (JOBS 0: the CPUs it may use) */
#include "audio/encode_mp3.h"
#include "audio/sndfile_io.h"
#include "base/error.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	mp3_options opt = { .quality = 5 };
	audio_stage *src;
	audio_sink *sink;
	long long frames;
	int err;

	if (argc < 4) {
		fprintf(stderr, "usage: mp3_encode IN.wav OUT.mp3 JOBS [KBPS]\n");
		return 2;
	}
	opt.jobs = atoi(argv[3]);
	opt.bitrate = argc > 4 ? atoi(argv[4]) : 0;
	err = sndfile_reader_open(&src, argv[1]);
	if (!err)
		err = mp3_writer_open(&sink, argv[2], src->fmt, &opt);
	if (!err) {
		err = audio_pump(src, sink, &frames);
		sink_free(sink);
	}
	if (err) {
		fprintf(stderr, "mp3_encode: %s\n", err_detail());
		return 1;
	}
	stage_free(src);
	return 0;
}
