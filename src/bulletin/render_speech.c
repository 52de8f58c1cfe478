/* render_speech.c - pass A of the file renderer: every item synthesized
 * into one spill, and the items laid out (fitting the slot if asked). */
#include "bulletin/render.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Record a chunk's start (synth_chunk_fn): find the source byte where
 * its first spoken word was written. */
static void on_chunk(void *ctx, size_t line, size_t start, size_t end,
		     double seconds)
{
	struct item_state *is = ctx;
	const speech_line_map *m = &is->maps[line];
	size_t i = 0;

	while (i < m->n && m->spans[i].out_start < start)
		i++;
	if (i == m->n || m->spans[i].out_start >= end)
		return;   /* nothing written to point at: stays in the cue before */
	if (is->n_chunks == is->cap_chunks) {
		is->cap_chunks = is->cap_chunks ? is->cap_chunks * 2 : 16;
		is->chunks = xrealloc(is->chunks, is->cap_chunks * sizeof(*is->chunks));
	}
	is->chunks[is->n_chunks].line = line;
	is->chunks[is->n_chunks].src_start = m->spans[i].src_start;
	is->chunks[is->n_chunks++].seconds = seconds;
}

/* Forget what a previous pass A recorded for the item. */
static void item_reset(struct item_state *is)
{
	speech_line_maps_free(is->maps, is->in->st.n_lines);
	is->maps = xcalloc(is->in->st.n_lines + 1, sizeof(*is->maps));
	is->n_chunks = 0;
}

/* Pass A: synthesize every item into a new spill, speaking rate scaled
 * by `factor`. */
int render_synth_items(struct job *j, double factor)
{
	audio_format fmt = { j->spec->out.rate, 1 };   /* resampled once, here */
	int err = 0;

	spill_free(j->sp);
	j->sp = NULL;
	if ((err = spill_new(&j->sp, fmt)))
		return err;
	speech_lexicons_restart(j->ses->lexicons);   /* first mentions again */
	for (size_t i = 0; i < j->spec->n_items && !err; i++) {
		struct item_state *is = &j->items[i];
		speech_chain *c = NULL;

		item_reset(is);
		if (!(err = bulletin_session_chain(j->ses, i, factor, fmt,
						   is->maps, &c))) {
			speech_chain_set_chunk_callback(c, on_chunk, is);
			err = spill_append(j->sp, speech_chain_stage(c),
					   &is->spill_off, &is->spill_frames);
		}
		is->frames = is->spill_frames;
		speech_chain_free(c);
		if (!err && j->spec->progress)
			j->spec->progress(j->spec->progress_ctx, &(bulletin_progress){
				.step = BULLETIN_SPEECH, .items_done = i + 1,
				.n_items = j->spec->n_items,
				.seconds = (double)(is->spill_off + is->spill_frames) /
					   fmt.rate });
	}
	return err;
}

/* The timeline input for the current item lengths. */
static void timeline_input_for(const struct job *j, timeline_input *in,
			       long long *lengths, double gap)
{
	for (size_t i = 0; i < j->spec->n_items; i++)
		lengths[i] = j->items[i].frames;
	memset(in, 0, sizeof(*in));
	in->rate = j->spec->out.rate;
	in->intro = j->ses->intro;
	in->outro = j->ses->outro;
	in->sting = j->ses->sting;
	in->items = lengths;
	in->n_items = j->spec->n_items;
	in->gap = gap;
	in->talkup = j->spec->talkup;
	in->has_bed = j->spec->bed != NULL;
}

/* Speech seconds in the items. */
static double speech_seconds(const struct job *j)
{
	long long total = 0;

	for (size_t i = 0; i < j->spec->n_items; i++)
		total += j->items[i].frames;
	return (double)total / j->spec->out.rate;
}

/* Fit to the slot: the gap that gives the duration, else a rate change
 * within RATE_FIT_MAX and the gap after it.  Returns the gap. */
static int fit_slot(struct job *j, long long *lengths, double *gap)
{
	const double want = j->spec->duration;
	timeline_input in;
	double g, speech, spare, factor;
	int err;

	timeline_input_for(j, &in, lengths, 0);
	g = timeline_gap_for(&in, want);
	if (g >= GAP_MIN && g <= GAP_MAX) {
		*gap = g;
		return 0;
	}
	/* the speech must change length: by how much, with a middle gap */
	speech = speech_seconds(j);
	in.gap = g < GAP_MIN ? GAP_MIN : GAP_MAX;
	timeline_input_for(j, &in, lengths, in.gap);
	{
		timeline tl;
		timeline_layout(&in, &tl);
		spare = want - (double)tl.total / in.rate;
		timeline_release(&tl);
	}
	factor = speech / (speech + spare);   /* > 1: speak faster */
	if (fabs(factor - 1) > RATE_FIT_MAX || speech + spare <= 0)
		return err_set(CRIEUR_EINVAL, "cannot fit the bulletin into %.1f s:"
			       " it needs %.1f s with %.2f s gaps, beyond the "
			       "+-%.0f%% speaking-rate change allowed", want,
			       want - spare, in.gap, RATE_FIT_MAX * 100);
	if ((err = render_synth_items(j, factor)))
		return err;
	j->rate_factor = factor;
	timeline_input_for(j, &in, lengths, 0);
	g = timeline_gap_for(&in, want);
	if (g < 0)
		return err_set(CRIEUR_EINVAL, "cannot fit the bulletin into %.1f s",
			       want);
	*gap = g;
	return 0;
}

/* Lay out the items (fitting the slot if asked). */
int render_layout(struct job *j, bulletin_result *res)
{
	long long *lengths = xcalloc(j->spec->n_items + 1, sizeof(long long));
	double gap = j->spec->gap;
	timeline_input in;
	int err = 0;

	if (j->spec->duration > 0)
		err = fit_slot(j, lengths, &gap);
	if (!err) {
		timeline_input_for(j, &in, lengths, gap);
		timeline_layout(&in, &j->tl);
		res->gap = gap;
		res->rate_factor = j->rate_factor;
	}
	free(lengths);
	return err;
}

/* Each item's record points at the session's item. */
void render_item_states(struct job *j)
{
	for (size_t i = 0; i < j->spec->n_items; i++)
		j->items[i].in = &j->ses->items[i];
}
