/* cmd_info.c - `crieur info`: an audio file's format and duration. */
#include "cli/cli.h"
#include "audio/sndfile_io.h"

#include <stdio.h>
#include <string.h>

int cmd_info(int argc, char **argv)
{
	int status = 0;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs("usage: crieur info FILE...\n\n"
		      "Print each audio file's format, sample rate, channels and\n"
		      "duration (any format libsndfile reads: WAV, FLAC, Ogg, MP3).\n",
		      argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : 0;
	}
	for (int i = 1; i < argc; i++) {
		audio_format fmt;
		long long frames;
		char name[64];
		int err = sndfile_probe(argv[i], &fmt, &frames, name, sizeof(name));

		if (err) {
			status = cli_fail(err);
			continue;
		}
		printf("%s: %s, %d Hz, %d channel%s, %.3f s\n", argv[i], name,
		       fmt.rate, fmt.channels, fmt.channels == 1 ? "" : "s",
		       (double)frames / fmt.rate);
	}
	return status;
}
