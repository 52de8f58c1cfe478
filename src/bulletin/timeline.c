/* timeline.c - lay out intro, items, stings, outro and bed. */
#include "bulletin/timeline.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Frames for seconds, rounded. */
static long long frames(const timeline_input *in, double s)
{
	return llround(s * in->rate);
}

/* Whether the layout ends with a gap (a tail of bed or an outro follows
 * the last item). */
static int has_tail(const timeline_input *in)
{
	return in->outro > 0 || in->has_bed;
}

void timeline_layout(const timeline_input *in, timeline *tl)
{
	double t;   /* seconds, kept exact; frames are rounded from it */

	memset(tl, 0, sizeof(*tl));
	tl->item_at = xcalloc(in->n_items + 1, sizeof(long long));
	tl->sting_at = xcalloc(in->n_items + 1, sizeof(long long));
	tl->gap = in->gap;
	t = in->intro > 0 ? fmax(0, (double)in->intro / in->rate - in->talkup) : 0;
	tl->bed_from = frames(in, fmax(0, t - BED_LEAD));
	for (size_t i = 0; i < in->n_items; i++) {
		tl->item_at[i] = frames(in, t);
		t += (double)in->items[i] / in->rate;
		tl->sting_at[i] = -1;
		if (i + 1 < in->n_items) {
			t += in->gap;
			if (in->sting > 0) {
				tl->sting_at[i] = frames(in, t);
				t += (double)in->sting / in->rate + in->gap;
			}
		}
	}
	if (has_tail(in))
		t += in->gap;
	tl->outro_at = frames(in, t);
	if (in->outro > 0)
		t += (double)in->outro / in->rate;
	else if (in->has_bed)
		t += BED_TAIL;
	tl->total = frames(in, t);
	if (in->intro > tl->total)
		tl->total = in->intro;
	tl->bed_to = in->outro > 0 ? tl->outro_at + frames(in, BED_TAIL) : tl->total;
	if (tl->bed_to > tl->total)
		tl->bed_to = tl->total;
}

double timeline_gap_for(const timeline_input *in, double duration)
{
	timeline_input zero = *in;
	timeline tl;
	double base, gaps;

	zero.gap = 0;
	timeline_layout(&zero, &tl);
	base = (double)tl.total / in->rate;
	timeline_release(&tl);
	gaps = (in->n_items > 1 ? (double)(in->n_items - 1) * (in->sting > 0 ? 2 : 1) : 0) +
	       (has_tail(in) ? 1 : 0);
	if (gaps == 0)
		return fabs(duration - base) < 0.001 ? 0 : -1;
	return (duration - base) / gaps;
}

void timeline_release(timeline *tl)
{
	free(tl->item_at);
	free(tl->sting_at);
	memset(tl, 0, sizeof(*tl));
}
