/* render_mix.c - the file renderer's mix: the speech track, the jingles
 * (opened when reached) and the ducked bed. */
#include "bulletin/render.h"
#include "audio/loop.h"
#include "audio/mix.h"
#include "base/error.h"
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

static void *bed_main(void *arg)
{
	struct job *j = arg;
	int err = render_prepare_bed(j);

	if (err)
		err_keep(&j->bed_err, err);
	return NULL;
}

void render_bed_start(struct job *j)
{
	if (!j->spec->bed)
		return;
	j->bed_running = !pthread_create(&j->bed_thread, NULL, bed_main, j);
	if (!j->bed_running)   /* no thread: here and now */
		bed_main(j);
}

int render_bed_wait(struct job *j, int err)
{
	if (j->bed_running) {
		pthread_join(j->bed_thread, NULL);
		j->bed_running = 0;
	}
	return err ? err : err_raise(&j->bed_err);
}

/* A jingle opened when the mix reaches it and closed at its end: a
 * bulletin of hundreds of items then holds one decoder and resampler at
 * a time, not one per sting (memory and file descriptors).  A mix that
 * starts part-way into it skips its first `skip` frames. */
struct lazy_clip {
	audio_stage base;
	const bulletin_spec *spec;
	const char *path;
	audio_stage *src;
	long long skip;
	int done;
};

/* Open the clip and drop its first c->skip frames (through buf, of
 * `frames` frames).  0 or an error. */
static int lazy_clip_open(struct lazy_clip *c, float *buf, long frames)
{
	int err = bulletin_open_clip(c->spec, c->path, &c->src);

	while (!err && c->skip > 0) {
		long n = c->skip < frames ? (long)c->skip : frames;
		long got = stage_read(c->src, buf, n);

		if (got < 0)
			return (int)got;
		c->skip = got < n ? 0 : c->skip - got;
	}
	return err;
}

static long lazy_clip_read(audio_stage *self, float *buf, long frames)
{
	struct lazy_clip *c = (struct lazy_clip *)self;
	long got;
	int err;

	if (c->done)
		return 0;
	if (!c->src && (err = lazy_clip_open(c, buf, frames)))
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

/* Add a jingle of `frames` frames at `at` of the bulletin if path is set
 * (at >= 0), to a mix that starts at frame `from`. */
static void add_clip(struct job *j, audio_stage *mix, const char *path,
		     long long at, long long frames, long long from)
{
	struct lazy_clip *c;

	if (!path || at < 0 || at + frames <= from)
		return;
	c = xcalloc(1, sizeof(*c));
	c->base.fmt = j->spec->out;
	c->base.read = lazy_clip_read;
	c->base.free = lazy_clip_free;
	c->spec = j->spec;
	c->path = path;
	c->skip = at < from ? from - at : 0;
	mixer_add(mix, &c->base, at - from, -1, 0, MIX_JINGLE, 0, 0);
}

/* The speech track from frame `from` on: the spill's items at their
 * places, in the output format. */
static int speech_track(struct job *j, long long from, audio_stage **out)
{
	size_t n = j->spec->n_items, k = 0;
	spill_piece *p = xcalloc(n, sizeof(*p));
	long long total = 0;
	audio_stage *s;

	for (size_t i = 0; i < n; i++) {
		long long cut;

		p[k].at = j->tl.item_at[i] - from;
		p[k].offset = j->items[i].spill_off;
		p[k].frames = j->items[i].spill_frames;
		total = p[k].at + p[k].frames;
		if (total <= 0)
			continue;   /* over before the mix starts */
		cut = p[k].at < 0 ? -p[k].at : 0;
		p[k].at += cut;
		p[k].offset += cut;
		p[k++].frames -= cut;
	}
	spill_track_new(&s, j->sp, p, k, total > 0 ? total : 0);
	free(p);
	return channel_map_new(out, s, j->spec->out.channels);
}

/* The bed, looped from the start of its span, from frame `from` on. */
static int add_bed(struct job *j, audio_stage *mix, long long from)
{
	const bulletin_spec *s = j->spec;
	audio_stage *t;
	int err;

	if (!s->bed || j->tl.bed_to <= from)
		return 0;
	if ((err = loop_new(&t, j->music, 0, j->bed_frames, 250)))
		return err;
	loop_skip(t, from - j->tl.bed_from);
	mixer_add(mix, t, j->tl.bed_from - from, j->tl.bed_to - j->tl.bed_from,
		  s->bed_level, MIX_BED, s->out.rate * 3 / 2, s->out.rate * 2);
	return 0;
}

/* Build the mix for the current timeline, from frame `from` on (0: the
 * whole mix). */
int render_build_mix(struct job *j, long long from, audio_stage **out)
{
	const bulletin_spec *s = j->spec;
	const bulletin_session *ses = j->ses;
	mix_duck duck = { s->duck, s->attack, s->release, 400, -45 };
	audio_stage *mix, *t;
	int err = mixer_new(&mix, s->out, j->tl.total - from, &duck);

	if (!err && !(err = speech_track(j, from, &t)))
		mixer_add(mix, t, 0, -1, 0, MIX_VOICE, 0, 0);
	if (!err && s->intro)
		add_clip(j, mix, s->intro, j->tl.intro_at, ses->intro, from);
	for (size_t i = 0; !err && s->sting && i + 1 < s->n_items; i++)
		add_clip(j, mix, s->sting, j->tl.sting_at[i], ses->sting, from);
	if (!err && s->outro)
		add_clip(j, mix, s->outro, j->tl.outro_at, ses->outro, from);
	if (!err)
		err = add_bed(j, mix, from);
	if (err) {
		stage_free(mix);
		return err;
	}
	*out = mix;
	return 0;
}
