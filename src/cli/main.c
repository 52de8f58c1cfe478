/* main.c - crieur's entry point: the table of subcommands. */
#include "cli/cli.h"
#include "base/error.h"

#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <string.h>

#ifndef CRIEUR_VERSION
#define CRIEUR_VERSION "0.1.0"
#endif

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "build", cmd_build, "render statements to an MP3, WAV or FLAC file" },
	{ "check", cmd_check, "check a bulletin script and summarize it" },
	{ "say", cmd_say, "speak text through the audio device" },
	{ "play", cmd_play, "play a bulletin live on the audio device" },
	{ "normalize", cmd_normalize, "print text as it will be spoken" },
	{ "phonemes", cmd_phonemes, "print the IPA eSpeak NG will say" },
	{ "lexicon", cmd_lexicon, "check or import pronunciation lexicons" },
	{ "devices", cmd_devices, "list audio output devices" },
	{ "voices", cmd_voices, "list the built-in voices" },
	{ "info", cmd_info, "print an audio file's format and duration" },
	{ "publish", cmd_publish, "add an MP3 to a podcast feed and show page" },
	{ "air", cmd_air, "air a station's bulletins at their times" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: crieur COMMAND [OPTIONS] [ARGS]\n"
		   "       crieur --version | --help\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'crieur COMMAND --help' describes a command.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		const char *path = NULL;

		printf("crieur %s\neSpeak NG %s\n", CRIEUR_VERSION,
		       espeak_Info(&path));
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "crieur: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
