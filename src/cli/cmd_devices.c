/* cmd_devices.c - `crieur devices`: list audio output devices. */
#include "cli/cli.h"
#include "audio/play_portaudio.h"

#include <stdio.h>
#include <string.h>

/* One line per device: "* 3  name  (host API, 48000 Hz, 2 ch)". */
static void print_device(void *ctx, const player_device *d)
{
	printf("%c %2d  %s  (%s, %.0f Hz, %d ch)\n", d->is_default ? '*' : ' ',
	       d->index, d->name, d->host_api, d->rate, d->channels);
}

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
	err = player_each_device(print_device, NULL);
	return err ? cli_fail(err) : 0;
}
