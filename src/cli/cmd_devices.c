/* cmd_devices.c - `crieur devices`: list audio output devices. */
#include "cli/cli.h"
#include "audio/play_portaudio.h"

#include <stdio.h>
#include <string.h>

int cmd_devices(int argc, char **argv)
{
	int err;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: crieur devices\n\n"
		     "List audio output devices: index, name, host API, default\n"
		     "rate and channels; '*' marks the default.  Give the index or\n"
		     "part of the name to 'crieur say --device'.");
		return 0;
	}
	if (argc > 1)
		return cli_usage_error("devices", "unexpected argument '%s'", argv[1]);
	err = player_list_devices(stdout);
	return err ? cli_fail(err) : 0;
}
