/* output_device.c - the `device:` output: the audio device (PortAudio),
 * by name (part of it) or index, with a hard start to the frame. */
#include "air/output.h"
#include "audio/play_portaudio.h"
#include "base/error.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DEVICE_BUFFER_MS = 1000 };

/* device: NAME or index; "default" is the system's default output. */
static int device_parse(ydoc *d, yaml_node_t *v, const char *dir, void **cfg)
{
	(void)dir;
	return air_output_scalar(d, v, "device", "a device name or number "
				 "('crieur devices' lists them; default: the "
				 "system's)", NULL, cfg);
}

static const char *device_name(const void *cfg)
{
	return strcmp(cfg, "default") ? cfg : NULL;
}

static void device_describe(const void *cfg, char *buf, size_t n)
{
	snprintf(buf, n, "device '%s'", (const char *)cfg);
}

static int device_check(const void *cfg)
{
	return player_check_device(device_name(cfg));
}

static int device_open_live(const void *cfg, audio_format fmt,
			    long long start_ns, int paced, int (*stop)(void *ctx),
			    void *ctx, audio_sink **out)
{
	int err = player_open(out, device_name(cfg), fmt, DEVICE_BUFFER_MS);

	(void)paced;   /* a device always paces itself */

	if (!err)
		player_set_stop(*out, stop, ctx);
	if (!err && (err = player_start_at(*out, start_ns))) {
		sink_free(*out);
		*out = NULL;
	}
	return err;
}

/* The device's underruns since it was opened for the bulletin. */
static long device_underruns(audio_sink *s)
{
	player_stats_t st;

	player_stats(s, &st);
	return st.underruns;
}

const air_output_kind air_output_device = {
	.name = "device",
	.has_clock = 1,
	.parse = device_parse,
	.free_cfg = air_output_free_string,
	.describe = device_describe,
	.check = device_check,
	.open_live = device_open_live,
	.started_ns = player_started_ns,
	.underruns = device_underruns,
};
