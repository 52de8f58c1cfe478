/* timeline.h - where everything goes in a bulletin.
 *
 *   intro ──┐ (talk-up: speech starts over the intro's last seconds)
 *           item 1 ─ gap ─ [sting ─ gap] ─ item 2 ... item n ─ gap ─ outro
 *   bed:  from just before the first item to just after the outro starts
 *
 * All positions are frames of the output.  Gaps are what fit-to-slot
 * adjusts (within GAP_MIN..GAP_MAX seconds); past that it changes the
 * speaking rate, by at most RATE_FIT_MAX. */
#ifndef CRIEUR_TIMELINE_H
#define CRIEUR_TIMELINE_H

#include <stddef.h>

#define GAP_MIN 0.25          /* seconds */
#define GAP_MAX 6.0
#define RATE_FIT_MAX 0.08     /* speaking rate may change by +-8% */
#define BED_LEAD 1.5          /* the bed starts this long before speech */
#define BED_TAIL 2.5          /* and ends this long after the outro starts */

typedef struct timeline_input {
	int rate;                  /* output frames per second */
	long long intro, outro, sting;   /* jingle lengths (0: none) */
	const long long *items;    /* speech length of each item */
	size_t n_items;
	double gap;                /* seconds between items */
	double talkup;             /* seconds of speech over the intro */
	int has_bed;
} timeline_input;

typedef struct timeline {
	long long intro_at, outro_at, total;
	long long *item_at;        /* n_items starts */
	long long *sting_at;       /* n_items - 1 starts, -1 where none */
	long long bed_from, bed_to;
	double gap;                /* the gap used, seconds */
} timeline;

/* Lay out in with its own gap. */
void timeline_layout(const timeline_input *in, timeline *tl);

/* The gap that makes the bulletin last `duration` seconds exactly, or a
 * negative number when no gap >= 0 can (speech too long). */
double timeline_gap_for(const timeline_input *in, double duration);

void timeline_release(timeline *tl);

#endif
