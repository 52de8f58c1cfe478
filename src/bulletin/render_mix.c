/* render_mix.c - the file renderer's mix: the speech track, the jingles
 * (opened when reached) and the ducked bed. */
#include "bulletin/render.h"
#include "audio/loop.h"
#include "audio/mix.h"
#include "base/util.h"

#include <stdlib.h>

/* Decode the bed once, in the output format, into its own spill: every
 * pass then loops it without decoding or resampling again. */
int render_prepare_bed(struct job *j)
{
	audio_stage *s;
	long long off;
	int err;

	if (!j->spec->bed)
		return 0;
	if ((err = spill_new(&j->music, j->spec->out)) ||
	    (err = bulletin_open_clip(j->spec, j->spec->bed, &s)))
		return err;
	err = spill_append(j->music, s, &off, &j->bed_frames);
	stage_free(s);
	return err;
}

/* A jingle opened when the mix reaches it and closed at its end: a
 * bulletin of hundreds of items then holds one decoder and resampler at
 * a time, not one per sting (memory and file descriptors). */
struct lazy_clip {
	audio_stage base;
	const bulletin_spec *spec;
	const char *path;
	audio_stage *src;
	int done;
};

static long lazy_clip_read(audio_stage *self, float *buf, long frames)
{
	struct lazy_clip *c = (struct lazy_clip *)self;
	long got;
	int err;

	if (c->done)
		return 0;
	if (!c->src && (err = bulletin_open_clip(c->spec, c->path, &c->src)))
		return err;
	got = stage_read(c->src, buf, frames);
	if (got >= 0 && got < frames) {
		stage_free(c->src);
		c->src = NULL;
		c->done = 1;
	}
	return got;
}

static void lazy_clip_free(audio_stage *self)
{
	stage_free(((struct lazy_clip *)self)->src);
	free(self);
}

/* Add a jingle at `at` if path is set. */
static int add_clip(struct job *j, audio_stage *mix, const char *path,
		    long long at)
{
	struct lazy_clip *c;

	if (!path || at < 0)
		return 0;
	c = xcalloc(1, sizeof(*c));
	c->base.fmt = j->spec->out;
	c->base.read = lazy_clip_read;
	c->base.free = lazy_clip_free;
	c->spec = j->spec;
	c->path = path;
	mixer_add(mix, &c->base, at, -1, 0, MIX_JINGLE, 0, 0);
	return 0;
}

/* The speech track: the spill's items at their places, in the output
 * format. */
static int speech_track(struct job *j, audio_stage **out)
{
	size_t n = j->spec->n_items;
	spill_piece *p = xcalloc(n, sizeof(*p));
	long long total = 0;
	audio_stage *s;

	for (size_t i = 0; i < n; i++) {
		p[i].at = j->tl.item_at[i];
		p[i].offset = j->items[i].spill_off;
		p[i].frames = j->items[i].spill_frames;
		total = p[i].at + p[i].frames;
	}
	spill_track_new(&s, j->sp, p, n, total);
	free(p);
	return channel_map_new(out, s, j->spec->out.channels);
}

/* Build the whole mix for the current timeline. */
int render_build_mix(struct job *j, audio_stage **out)
{
	const bulletin_spec *s = j->spec;
	mix_duck duck = { s->duck, s->attack, s->release, 400, -45 };
	audio_stage *mix, *t;
	int err = mixer_new(&mix, s->out, j->tl.total, &duck);

	if (!err && !(err = speech_track(j, &t)))
		mixer_add(mix, t, 0, -1, 0, MIX_VOICE, 0, 0);
	if (!err)
		err = add_clip(j, mix, s->intro, s->intro ? j->tl.intro_at : -1);
	for (size_t i = 0; !err && s->sting && i + 1 < s->n_items; i++)
		err = add_clip(j, mix, s->sting, j->tl.sting_at[i]);
	if (!err)
		err = add_clip(j, mix, s->outro, s->outro ? j->tl.outro_at : -1);
	if (!err && s->bed && !(err = loop_new(&t, j->music, 0, j->bed_frames, 250)))
		mixer_add(mix, t, j->tl.bed_from, j->tl.bed_to - j->tl.bed_from,
			  s->bed_level, MIX_BED, s->out.rate * 3 / 2,
			  s->out.rate * 2);
	if (err) {
		stage_free(mix);
		return err;
	}
	*out = mix;
	return 0;
}
