/* job.h - one slot instance on its way to air (internal to air/). */
#ifndef CRIEUR_AIR_JOB_H
#define CRIEUR_AIR_JOB_H

#include <stdatomic.h>
#include <stddef.h>
#include "air/asrun.h"
#include "air/inbox.h"
#include "air/station.h"

enum job_state { JOB_PLANNED, JOB_RENDERING, JOB_READY, JOB_AIRING,
		 JOB_DONE };

typedef struct air_job {
	/* the slot, copied (a reload may free the station) */
	char *slot, *bulletin, *fallback, *state_dir;
	double duration, late;
	int start;
	air_ns at;              /* the scheduled instant */
	air_ns prepare_at;      /* when to start rendering */
	size_t index;           /* the slot's index (ties at one instant) */
	int want_mp3;           /* file outputs: render an MP3 too */
	atomic_int state;       /* enum job_state (the main thread's) */
	atomic_int prepared;    /* set by the render thread when done */
	void (*note)(void *ctx, const char *msg);   /* inbox events */
	void *note_ctx;
	/* prepared (by the render thread) */
	char *rendered;         /* the rendered file; NULL: failed */
	char *mp3;              /* beside it, for the file outputs (want_mp3) */
	char *error;            /* why the bulletin failed; NULL: it did not */
	asrun_item *items;      /* strings owned */
	double *item_starts;    /* where each item starts, seconds */
	size_t n_items;
	air_inbox *inboxes;     /* the inbox: items and what they gave */
	char ***inbox_paths;
	size_t *inbox_n, n_inboxes;
	/* aired (by the airing thread) */
	const char *playing;    /* rendered, or the fallback */
	air_ns started, ended;
	enum asrun_outcome outcome;
	atomic_int cut;         /* fade out now (a hard start after it) */
	char *air_error;
} air_job;

/* A job for slot s at instant at, in *out; 0 (it cannot fail). */
int job_new(air_job **out, const air_slot *s, size_t index, air_ns at,
	    const char *state_dir);
void job_free(air_job *j);

/* Render the job's bulletin into STATE/prepared/ (the render thread):
 * fills rendered, items, inbox paths; or error. */
void job_prepare(air_job *j);

/* Archive the inbox statements of a job that aired (once:). */
void job_aired(air_job *j, air_ns now);

/* The as-run entry of a finished job, appended. */
int job_log(const air_job *j);

#endif
