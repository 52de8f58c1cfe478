/* bulletin.h - render a bulletin: items of speech laid on a timeline with
 * jingles, stings and a ducked music bed, mastered to a loudness target.
 *
 * Three passes, memory bounded whatever the length:
 *   A  synthesize every item once into a spill (temporary file), which
 *      gives each item's exact length; fit to the slot (may re-synthesize
 *      at a rate within +-8%)
 *   B  mix from the spill and measure the integrated loudness
 *   C  mix again, apply the gain and the true-peak limiter, and encode,
 *      the mix running on its own thread beside the encoder. */
#ifndef CRIEUR_BULLETIN_H
#define CRIEUR_BULLETIN_H

#include <stddef.h>
#include "audio/encode_mp3.h"
#include "audio/stage.h"
#include "bulletin/settings.h"
#include "speech/chain.h"

typedef struct bulletin_item {
	const char *file;    /* a statement file, or */
	const char *text;    /* inline text (first line: the headline) */
	const char *title;   /* NULL: the headline */
	const char *voice;   /* NULL: the bulletin's voice */
} bulletin_item;

/* How far a render is, for the caller to show: the library never prints.
 * BULLETIN_SPEECH after each item of pass A (items_done of n_items,
 * seconds of speech so far); BULLETIN_ENCODING as pass C goes (seconds
 * of audio out of total_seconds). */
typedef struct bulletin_progress {
	enum bulletin_step { BULLETIN_SPEECH, BULLETIN_ENCODING } step;
	size_t items_done, n_items;
	double seconds, total_seconds;
} bulletin_progress;
typedef void (*bulletin_progress_fn)(void *ctx, const bulletin_progress *p);

/* A bulletin's settings: the one structure that defaults
 * (bulletin_spec_init(), bulletin/settings.h), a script (script_load())
 * and the command line fill, in that order; then its items, and how the
 * caller follows the work. */
typedef struct bulletin_spec {
	const char *title;          /* the show (ID3 album); NULL: none */
	const char *date;           /* YYYY-MM-DD (ID3 date); NULL: today */
	const char *artist;         /* station or author (ID3); NULL: crieur */
	const char *cover;          /* JPEG or PNG for the MP3's cover; NULL */
	/* voice (NULL: the language's anchor), language (NULL: each
	 * voice's), rate, pitch, volume, lexicon files over the built-in
	 * ones (later wins), the voice for quotations */
	speech_options speech;
	const char *intro, *outro, *sting, *bed;   /* NULL: none */
	double bed_level;           /* dB */
	double duck;                /* dB under speech (<= 0) */
	double attack, release;     /* ms */
	double gap;                 /* seconds between items */
	double talkup;              /* seconds of speech over the intro */
	double duration;            /* seconds; <= 0: as long as it takes */
	double loudness;            /* LUFS target; NAN: leave the level */
	double true_peak;           /* dBTP ceiling */
	audio_format out;
	mp3_options mp3;
	const bulletin_item *items;
	size_t n_items;
	bulletin_progress_fn progress;   /* NULL: quiet */
	void *progress_ctx;
	/* Live playback (player.h): item i, titled title (its title, else its
	 * headline), starts at output frame `at`.  Called from the speech
	 * thread as the item is synthesized, ahead of playback; NULL: none. */
	void (*on_item)(void *ctx, size_t i, long long at, const char *title);
	void *on_item_ctx;
} bulletin_spec;

typedef struct bulletin_chapter {
	double start, end;          /* seconds */
	char *title;
} bulletin_chapter;

/* A transcript cue: a written sentence and when it is spoken. */
typedef struct bulletin_cue {
	double start, end;          /* seconds */
	char *text;                 /* as written, not as expanded */
} bulletin_cue;

typedef struct bulletin_result {
	double seconds;             /* length written */
	double measured_lufs;       /* before the gain (NAN if not measured;
				       a long bulletin: limited at the
				       pilot's gain, less that gain) */
	double gain_db;             /* gain applied */
	double rate_factor;         /* speaking-rate change for the slot (1) */
	double gap;                 /* the gap used, seconds */
	bulletin_chapter *chapters; /* intro?, items..., outro? */
	size_t n_chapters;
	bulletin_cue *cues;         /* one per sentence, in order */
	size_t n_cues;
	/* Where the time went, seconds of wall clock and of CPU (all
	 * threads): pass A (loading, synthesis, layout), then the rest
	 * (pass C's mixing and mastering, the encoder, pass B beside them);
	 * and pass B alone (its wall time, waiting for pass C to measure
	 * the first half included, and its own thread's CPU). */
	double wall_a, cpu_a, wall_rest, cpu_rest, wall_b, cpu_b;
} bulletin_result;

/* Write the transcript (OUT.vtt, and OUT.srt when srt is set) and the
 * Podcasting 2.0 chapters (OUT.chapters.json) beside out_path, where
 * OUT is out_path without its extension.  Nothing for "-". */
int bulletin_write_sidecars(const bulletin_result *res, const char *out_path,
			    int srt);

/* Render spec into out_path (.mp3/.opus/.ogg/.wav/.flac; "-": MP3 on
 * stdout).
 * Everything that can be checked (files, voices, formats) is checked
 * before any audio is made.  res may be NULL. */
int bulletin_render(const bulletin_spec *spec, const char *out_path,
		    bulletin_result *res);

/* The same rendered once into two files at once (out_path and
 * also_path, such as a WAV to play and an MP3 to publish), mastered for
 * also_path's format, which carries the tag. */
int bulletin_render_also(const bulletin_spec *spec, const char *out_path,
			 const char *also_path, bulletin_result *res);

void bulletin_result_release(bulletin_result *res);

struct bulletin_script;
/* The settings of a loaded script (bulletin/script.h): a copy of its
 * spec whose items are *items, a copy the caller frees (to fill or
 * reorder); the strings stay the script's. */
int bulletin_spec_from_script(const struct bulletin_script *sc,
			      bulletin_spec *spec, bulletin_item **items);

#endif
