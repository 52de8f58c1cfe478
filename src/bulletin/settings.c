/* settings.c - the table of a bulletin's settings (settings.h). */
#include "bulletin/settings.h"
#include "audio/loudness.h"
#include "bulletin/bulletin.h"

#include <math.h>
#include <string.h>

#define OFF(field) offsetof(bulletin_spec, field)

const bulletin_setting bulletin_settings[BS_COUNT] = {
	[BS_BED_LEVEL] = { "bed.level", BS_DOUBLE, OFF(bed_level), -18, -60, 0,
			   "dB" },
	[BS_BED_DUCK] = { "bed.duck", BS_DOUBLE, OFF(duck), -12, -60, 0, "dB" },
	[BS_BED_ATTACK] = { "bed.attack", BS_DOUBLE, OFF(attack), 80, 1, 5000,
			    "ms" },
	[BS_BED_RELEASE] = { "bed.release", BS_DOUBLE, OFF(release), 400, 1,
			     10000, "ms" },
	[BS_GAP] = { "gap", BS_DOUBLE, OFF(gap), 1.2, 0, 60, "seconds" },
	[BS_TALKUP] = { "talkup", BS_DOUBLE, OFF(talkup), 1.0, 0, 30,
			"seconds" },
	[BS_LOUDNESS] = { "loudness", BS_DOUBLE, OFF(loudness),
			  LOUDNESS_PODCAST_LUFS, LOUDNESS_TARGET_MIN,
			  LOUDNESS_TARGET_MAX, "LUFS" },
	[BS_TRUE_PEAK] = { "true_peak", BS_DOUBLE, OFF(true_peak),
			   LOUDNESS_CEILING_DBTP, -9, 0, "dBTP" },
	/* 0: no slot to fit (the natural length) */
	[BS_DURATION] = { "duration", BS_DOUBLE, OFF(duration), 0, 10, 14400,
			  "seconds" },
	[BS_SAMPLERATE] = { "output.samplerate", BS_INT, OFF(out.rate), 44100,
			    8000, 192000, "Hz" },
	[BS_CHANNELS] = { "output.channels", BS_INT, OFF(out.channels), 1, 1, 2,
			  NULL },
	/* 0: the encoder's default (MP3 64 mono, 128 stereo; Opus 32 per
	 * channel) */
	[BS_BITRATE] = { "output.bitrate", BS_INT, OFF(mp3.bitrate), 0, 8, 320,
			 "kbit/s" },
	[BS_QUALITY] = { "output.quality", BS_INT, OFF(mp3.quality), 5, 0, 9,
			 NULL },
};

void bulletin_spec_init(bulletin_spec *s)
{
	memset(s, 0, sizeof(*s));
	speech_options_init(&s->speech);
	for (size_t i = 0; i < BS_COUNT; i++) {
		const bulletin_setting *b = &bulletin_settings[i];
		char *field = (char *)s + b->off;

		if (b->type == BS_INT)
			*(int *)field = (int)b->def;
		else
			*(double *)field = b->def;
	}
}
