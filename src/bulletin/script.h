/* script.h - the bulletin script: a YAML file describing one bulletin.
 *
 * script_load() reads the file with libyaml, checks every key and value
 * and returns a bulletin_script with defaults filled in.  README.md
 * ("Bulletin scripts") documents each key; samples/bulletin.yaml is the
 * worked example.
 *
 * Errors name the script, a 1-based line:column and the key:
 *   bulletin.yaml:7:6: gap must be a number of seconds, not 'abc'
 *   bulletin.yaml:3:1: unknown key 'sting_' (did you mean 'sting'?)
 * Positions point at the value for a bad value or a missing file, at the
 * key for an unknown or duplicate key.  Unknown keys are errors at every
 * level; nothing in a script is silently ignored.
 *
 * Paths (intro, outro, sting, bed.file, lexicons, items' file, voices
 * given as NAME.voice files) are relative to the script's folder; they are
 * stored joined to it unless absolute, and checked to be readable at load
 * time (audio files are probed with libsndfile, statements are read and
 * checked as statement_load() does).
 *
 * The script's settings go straight into the bulletin's one settings
 * structure, s->spec (bulletin/settings.h: defaults, then the script; the
 * command line writes its options over a copy of it).  The rest of
 * bulletin_script says where each value came from (positions, probed
 * lengths) for messages and `crieur check`.  Strings are owned by the
 * script. */
#ifndef CRIEUR_SCRIPT_H
#define CRIEUR_SCRIPT_H

#include <stddef.h>
#include <stdio.h>
#include "audio/loudness.h"
#include "bulletin/bulletin.h"
#include "bulletin/ydoc.h"

/* A place in the script, 1-based; {0, 0} when the value is not from the
 * script (a default, or set by the caller). */
typedef ydoc_pos script_pos;

/* A file the script refers to. */
typedef struct script_file {
	char *path;       /* resolved path; NULL: not set */
	script_pos pos;   /* where the script names it */
	double seconds;   /* audio files: duration probed at load, else 0 */
} script_file;

/* The bed: music under the whole bulletin, ducked under speech (its
 * level, duck, attack and release are spec.bed_level...). */
typedef struct script_bed {
	script_file file;  /* file.path NULL: no bed */
} script_bed;

enum script_loudness {
	SCRIPT_LOUDNESS_PODCAST,    /* -16 LUFS (the default) */
	SCRIPT_LOUDNESS_BROADCAST,  /* EBU R128: -23 LUFS */
	SCRIPT_LOUDNESS_LUFS,       /* an explicit number */
	SCRIPT_LOUDNESS_NONE,       /* leave the level (lufs NAN) */
};

enum script_format {
	SCRIPT_FORMAT_UNSET,   /* follow the output file's extension */
	SCRIPT_FORMAT_MP3,
	SCRIPT_FORMAT_WAV,
	SCRIPT_FORMAT_FLAC,
	SCRIPT_FORMAT_OPUS,    /* Ogg Opus (.opus, .ogg) */
};

/* output: the format (the rest is spec.out and spec.mp3). */
typedef struct script_output {
	enum script_format format;
} script_output;

/* Reserved for publishing (issue 6): parsed and checked, not used yet. */
typedef struct script_publish {
	int set;           /* 1 when the script has a publish: mapping */
	char *site;        /* the show's name; NULL: the script's title */
	char *base_url;    /* http:// or https:// URL the files are served at */
	int keep;          /* episodes kept in the feed, 1..10000; 0: all */
} script_publish;

typedef struct script_item {
	script_pos pos;    /* the item's '-' in the list */
	script_file file;  /* a statement file, or file.path NULL... */
	char *text;        /* ...inline text, or... */
	script_file inbox; /* ...an inbox directory (exactly one is set):
			      the newest current statements dropped there,
			      taken when the bulletin airs (crieur air) */
	int inbox_max;     /* statements taken at most, 1..100 (5) */
	double inbox_max_age; /* seconds a statement stays current (6 h) */
	int inbox_once;    /* archive a statement after its first airing */
	char *title;       /* NULL: the statement's headline */
	char *voice;       /* NULL: the script's voice */
} script_item;

typedef struct bulletin_script {
	char *path;          /* the script file, as given to script_load() */
	char *dir;           /* its folder, that relative paths start from */

	/* The settings: title, date (this date[]), language (speech.lang),
	 * voice, quote_voice, lexicons (speech.lexicons, paths of lexicons[]
	 * below), the clips' paths, bed, gap, talkup, loudness, true_peak,
	 * duration, output's samplerate, channels, bitrate and quality (out,
	 * mp3), publish.site (artist), and the items (items[] below). */
	bulletin_spec spec;
	char date[11];       /* YYYY-MM-DD; default: today (local time) */
	script_file *lexicons;   /* at most SPEECH_LEXICONS_MAX */
	size_t n_lexicons;

	script_file intro, outro, sting;   /* path NULL: none */
	script_bed bed;
	enum script_loudness loudness;   /* the profile spec.loudness is from */
	script_pos duration_pos;

	script_output output;
	script_publish publish;

	script_item *items;  /* at least one */
	size_t n_items;
} bulletin_script;

/* Defaults applied when an item's key is absent (the bulletin's are in
 * bulletin/settings.c). */
#define SCRIPT_DEFAULT_INBOX_MAX   5
#define SCRIPT_DEFAULT_INBOX_MAX_AGE (6 * 3600.0)

/* Read and check the script at path.  On success *out owns everything
 * (free with script_free()).  On failure *out is NULL and the detail
 * names path:line:column: CRIEUR_ENOENT/CRIEUR_EIO (the script or a file
 * it names cannot be read), CRIEUR_EUTF8 (invalid UTF-8, in the script
 * or a statement), CRIEUR_EEMPTY (an empty script or statement),
 * CRIEUR_EFORMAT (YAML syntax, unknown or duplicate key, bad value),
 * CRIEUR_EVOICE (an unknown voice). */
/* Lists and mappings nest at most YDOC_MAX_DEPTH deep (bulletin/ydoc.h,
 * README "Limits"); the file is at most MAX_SCRIPT_BYTES (base/util.h). */

int script_load(bulletin_script **out, const char *path);

/* Free a script; NULL does nothing. */
void script_free(bulletin_script *s);

/* The name of a format or loudness profile ("mp3", "podcast"; "" for
 * SCRIPT_FORMAT_UNSET). */
const char *script_format_name(enum script_format f);
const char *script_loudness_name(enum script_loudness l);

/* Write every field as "key = value" lines, one per line, items as
 * "items[N].key = value" (for debugging and tests). */
void script_dump(const bulletin_script *s, FILE *f);

#endif
