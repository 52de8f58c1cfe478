/* settings.h - a bulletin's settings, declared once.
 *
 * A bulletin's settings are the fields of one structure, bulletin_spec
 * (bulletin.h).  Its numbers are declared here, in one table: the key a
 * script writes, the field, the default and the accepted range.  Three
 * layers fill the one structure, in this order and nowhere else:
 *   defaults      bulletin_spec_init(), from the table
 *   the script    script_load() (bulletin/script.h) writes the script's
 *                 values into its own bulletin_spec, ranges from the table
 *   command line  the command's option table (cli/options.h) writes the
 *                 options over it, ranges from the same table. */
#ifndef CRIEUR_BULLETIN_SETTINGS_H
#define CRIEUR_BULLETIN_SETTINGS_H

#include <stddef.h>

struct bulletin_spec;

enum bulletin_setting_id {
	BS_BED_LEVEL, BS_BED_DUCK, BS_BED_ATTACK, BS_BED_RELEASE, BS_GAP,
	BS_TALKUP, BS_LOUDNESS, BS_TRUE_PEAK, BS_DURATION, BS_SAMPLERATE,
	BS_CHANNELS, BS_BITRATE, BS_QUALITY, BS_COUNT
};

enum bulletin_setting_type {
	BS_DOUBLE,   /* a double in [lo, hi] */
	BS_INT,      /* an int in [lo, hi] */
};

typedef struct bulletin_setting {
	const char *key;       /* in a script: "gap", "bed.level" */
	enum bulletin_setting_type type;
	size_t off;            /* the field in bulletin_spec */
	double def;            /* the default (NAN: none) */
	double lo, hi;         /* the accepted range */
	const char *unit;      /* "seconds", "dB"...; NULL: a plain number */
} bulletin_setting;

/* The table, indexed by enum bulletin_setting_id. */
extern const bulletin_setting bulletin_settings[BS_COUNT];

/* Defaults for everything (from the table; podcast loudness) but the
 * items. */
void bulletin_spec_init(struct bulletin_spec *spec);

#endif
