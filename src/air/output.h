/* output.h - where a station's bulletins go: a list of outputs, each of
 * one kind.
 *
 * A kind is one entry of a table (output.c): its key in the station
 * file's `outputs:` list, a parser for its value, a check run at start
 * (before anything airs), and one of two ways to take a bulletin:
 *   - live kinds (device, icecast) open a sink whose first frame
 *     is heard at a given instant: the airing loop writes the bulletin's
 *     audio into it in real time;
 *   - file kinds (folder, podcast) take the rendered MP3 and its
 *     sidecars once it is ready, before the slot's time (folder), or
 *     once it has aired (podcast).
 * Adding a kind is adding one table entry and its functions (a file of
 * their own, output_KIND.c); the station loader and the airing loop do
 * not change. */
#ifndef CRIEUR_AIR_OUTPUT_H
#define CRIEUR_AIR_OUTPUT_H

#include "audio/stage.h"
#include "bulletin/ydoc.h"

struct air_delivery;

typedef struct air_output_kind {
	const char *name;   /* the key in outputs: ("device") */
	/* Live kinds: 1 when the output has a clock of its own (a sound
	 * card) that paces the writer; the others are then written without
	 * waiting (open_live's paced). */
	int has_clock;
	/* Parse the value node v into *cfg (owned; freed by free_cfg).  dir
	 * is the station file's folder for relative paths.  Errors through
	 * ydoc_fail(): file:line:column. */
	int (*parse)(ydoc *d, yaml_node_t *v, const char *dir, void **cfg);
	void (*free_cfg)(void *cfg);
	/* A one-line description for messages and --check ("device
	 * 'system'"), into buf. */
	void (*describe)(const void *cfg, char *buf, size_t n);
	/* At start: the device exists, the folder can be written...  A
	 * detail without file:line (the caller adds them). */
	int (*check)(const void *cfg);
	/* Live kinds: a sink for fmt (its fmt.rate may differ: resample)
	 * whose first frame is heard at start_ns (CLOCK_MONOTONIC); frames
	 * are then written in real time and finish() waits for the end.
	 * paced: another live output (a device) paces the writer, so this
	 * one must never make write() wait.
	 * write() and finish() give up with CRIEUR_EINTR (fading out) as
	 * soon as stop(ctx) returns non-zero or crieur_interrupted is set.
	 * NULL for file kinds. */
	int (*open_live)(const void *cfg, audio_format fmt, long long start_ns,
			 int paced, int (*stop)(void *ctx), void *ctx,
			 audio_sink **out);
	/* The CLOCK_MONOTONIC time at which a live sink's first frame was
	 * heard (0: not yet); NULL when the kind cannot tell. */
	long long (*started_ns)(audio_sink *s);
	/* Live kinds, optional: the item `title` starts at frame (counted
	 * in the sink's frames from its first). */
	void (*title_at)(audio_sink *s, long long frame, const char *title);
	/* Live kinds, optional: how often the output ran dry while the
	 * bulletin played (a sound card's underruns: gaps on air). */
	long (*underruns)(audio_sink *s);
	/* Optional: when the station starts airing (and after a reload):
	 * an output that runs all day (a continuous stream) starts; notes
	 * (connection changes) go to note(ctx, msg), from any thread.
	 * free_cfg() stops it. */
	int (*start)(void *cfg, const char *station,
		     void (*note)(void *ctx, const char *msg), void *ctx);
	/* Optional, at a reload: take what old_cfg (the same kind, from the
	 * station being replaced) runs over into cfg when nothing about it
	 * changed, so that a stream's listeners stay connected; 1 if taken. */
	int (*take_over)(void *cfg, void *old_cfg);
	/* File kinds: take the rendered bulletin (an MP3 with its ID3 tag
	 * and chapters, its sidecars beside it).  NULL for live kinds. */
	int (*deliver)(const void *cfg, const struct air_delivery *dl);
	/* 0: deliver() as soon as the bulletin is rendered, before its
	 * time (a dropbox); 1: once it has aired (aired or late: a podcast
	 * publishes what went on air). */
	int after_air;
} air_output_kind;

/* A rendered bulletin handed to a file kind. */
typedef struct air_delivery {
	const char *path;      /* the MP3; beside it, the same name with
				* .vtt and .chapters.json */
	const char *name;      /* SLOT-EPOCH: a file name without extension */
	const char *title;     /* "SLOT, YYYY-MM-DD HH:MM" (local time) */
	const char *date;      /* the slot's instant, ISO 8601 UTC */
} air_delivery;

/* One configured output. */
typedef struct air_output {
	const air_output_kind *kind;
	ydoc_pos pos;       /* where the station file gives it */
	void *cfg;
} air_output;

/* The kind named name, or NULL; air_output_kind_names() for messages. */
const air_output_kind *air_output_kind_find(const char *name);
size_t air_output_kind_names(const char **names, size_t max);

/* Parse one entry of outputs: (a mapping with one kind's key). */
int air_output_parse(ydoc *d, yaml_node_t *v, const char *dir,
		     air_output *out);
void air_output_release(air_output *o);

/* The kinds, one file each. */
extern const air_output_kind air_output_device;
extern const air_output_kind air_output_folder;
extern const air_output_kind air_output_icecast;
extern const air_output_kind air_output_podcast;

/* Helpers for the kinds whose value is one string: parse it into a new
 * string (resolved against dir when dir is not NULL: a path), and free
 * it. */
int air_output_scalar(ydoc *d, yaml_node_t *v, const char *key,
		      const char *what, const char *dir, void **cfg);
void air_output_free_string(void *cfg);

/* A kind's check of its directory: it exists and can be written (or,
 * with may_create, can be created in its parent).  what names it in
 * the detail ("folder"). */
int air_output_check_dir(const char *what, const char *dir, int may_create);

#endif
