/* cmd_voices.c - `crieur voices`: list the built-in voices. */
#include "cli/cli.h"
#include "speech/voice.h"

#include <stdio.h>
#include <string.h>

static void print_voice(const voice *v, void *ctx)
{
	printf("%-14s %-6s %-10s %s\n", v->name, v->language, v->espeak,
	       v->description);
}

int cmd_voices(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: crieur voices\n\n"
		     "List the built-in voices: name, language, eSpeak NG voice,\n"
		     "description.  Any eSpeak NG voice name, or a path to a\n"
		     ".voice file, is accepted by --voice too.");
		return 0;
	}
	voice_each_builtin(print_voice, NULL);
	return 0;
}
