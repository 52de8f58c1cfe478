/* bulletin.c - the three passes that render a bulletin. */
#include "bulletin/bulletin.h"
#include "audio/async.h"
#include "audio/id3.h"
#include "audio/limiter.h"
#include "audio/loop.h"
#include "audio/loudness.h"
#include "audio/mix.h"
#include "audio/sink_file.h"
#include "audio/sndfile_io.h"
#include "audio/spill.h"
#include "audio/voicefx.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/thread.h"
#include "base/util.h"
#include "bulletin/script.h"
#include "bulletin/session.h"
#include "bulletin/timeline.h"
#include "bulletin/transcript.h"
#include "speech/ssml.h"
#include "speech/synth.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A sentence chunk as it was synthesized: its line, its source bytes,
 * where its audio begins (seconds from the item's start). */
struct chunk {
	size_t line, src_start;
	double seconds;
};

/* What the renderer records of an item (its words: the session's). */
struct item_state {
	const bulletin_session_item *in;
	long long spill_off, spill_frames, frames;   /* frames: output */
	speech_line_map *maps;    /* per line: output -> source spans */
	struct chunk *chunks;
	size_t n_chunks, cap_chunks;
};

struct job {
	const bulletin_spec *spec;
	id3_tag *tag;             /* MP3/Opus output: filled as the layout is known */
	enum audio_file_type type;   /* of the output */
	struct item_state *items;
	spill *sp;                /* speech, mono, at the output rate */
	spill *music;             /* the bed, decoded once, output format */
	long long bed_frames;
	int synth_rate;
	double rate_factor;
	timeline tl;
	bulletin_session *ses;       /* items, voices, lexicons, clip lengths */
};

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
static int synth_items(struct job *j, double factor)
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
	if ((err = synth_items(j, factor)))
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

/* Decode the bed once, in the output format, into its own spill: every
 * pass then loops it without decoding or resampling again. */
static int prepare_bed(struct job *j)
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
static int build_mix(struct job *j, audio_stage **out)
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

/* Chapters: the intro, each item, the outro. */
static void make_chapters(const struct job *j, bulletin_result *res)
{
	const bulletin_spec *s = j->spec;
	double rate = s->out.rate, end = (double)j->tl.total / rate;
	size_t n = 0;

	res->chapters = xcalloc(s->n_items + 2, sizeof(*res->chapters));
	if (s->intro && j->tl.item_at[0] > 0) {
		res->chapters[n].start = 0;
		res->chapters[n++].title = xstrdup("Intro");
	}
	for (size_t i = 0; i < s->n_items; i++) {
		const statement *st = &j->items[i].in->st;
		res->chapters[n].start = (double)j->tl.item_at[i] / rate;
		res->chapters[n++].title = s->items[i].title ? xstrdup(s->items[i].title) :
			xstrndup(st->data + st->lines[0].start, st->lines[0].len);
	}
	if (s->outro) {
		res->chapters[n].start = (double)j->tl.outro_at / rate;
		res->chapters[n++].title = xstrdup("Outro");
	}
	for (size_t i = 0; i < n; i++)
		res->chapters[i].end = i + 1 < n ? res->chapters[i + 1].start : end;
	res->n_chapters = n;
}

/* Trim ASCII and typographic spaces off both ends of s[0..n). */
static void trim_span(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && (s[*a] == ' ' || s[*a] == '\t'))
		(*a)++;
	while (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '\t' || s[*b - 1] == '\r'))
		(*b)--;
}

/* Length of the opening punctuation mark (« ( “ ‘ „ ‹ [ { " ' < ¿ ¡ or a
 * dialogue dash) that ends s[0..end), or 0. */
static size_t opening_mark_before(const char *s, size_t end)
{
	static const char *const marks[] = {
		"\u00ab", "\u2039", "\u201c", "\u2018", "\u201e", "\u00bf",
		"\u00a1", "\u2014", "\u2013", "(", "[", "{", "\"", "'", "<", "-"
	};

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		size_t n = strlen(marks[i]);

		if (end < n || memcmp(s + end - n, marks[i], n))
			continue;
		/* " ' - open only after a space or another opening mark:
		 * «Fin." "Début» keeps the first " in its sentence */
		if (n == 1 && strchr("\"'-", marks[i][0]) && end > n &&
		    s[end - n - 1] != ' ' && s[end - n - 1] != '\t' &&
		    !opening_mark_before(s, end - n))
			return 0;
		return n;
	}
	return 0;
}

/* Move a cue boundary p back over the opening punctuation (and the spaces
 * after it) of the sentence that starts there: « Nous..., (AFP) Le... */
static size_t cue_boundary(const char *s, size_t p)
{
	for (;;) {
		size_t q = p, k;

		while (q > 0 && (s[q - 1] == ' ' || s[q - 1] == '\t'))
			q--;
		while (q >= 2 && !memcmp(s + q - 2, "\u00a0", 2))
			q -= 2;                    /* no-break space */
		while (q >= 3 && !memcmp(s + q - 3, "\u202f", 3))
			q -= 3;                    /* narrow no-break space */
		if (!(k = opening_mark_before(s, q)))
			return p;
		p = q - k;
	}
}

/* Cues: one per synthesized sentence, showing the written text, timed
 * on the bulletin's timeline. */
static void make_cues(const struct job *j, bulletin_result *res)
{
	size_t cap = 16, n = 0;

	res->cues = xcalloc(cap, sizeof(*res->cues));
	for (size_t i = 0; i < j->spec->n_items; i++) {
		const struct item_state *is = &j->items[i];
		double at = (double)j->tl.item_at[i] / j->spec->out.rate;
		double item_end = at + (double)is->frames / j->spec->out.rate;

		for (size_t c = 0; c < is->n_chunks; c++) {
			const struct chunk *ch = &is->chunks[c], *next =
				c + 1 < is->n_chunks ? &is->chunks[c + 1] : NULL;
			const statement_line *ln = &is->in->st.lines[ch->line];
			const char *src = is->in->st.data + ln->start;
			size_t a = cue_boundary(src, ch->src_start),
			       b = next && next->line == ch->line ?
				cue_boundary(src, next->src_start) : ln->len;

			trim_span(src, &a, &b);
			if (n == cap)
				res->cues = xrealloc(res->cues, (cap *= 2) * sizeof(*res->cues));
			res->cues[n].start = at + ch->seconds;
			res->cues[n].end = next ? at + next->seconds : item_end;
			res->cues[n++].text = xstrndup(src + a, b - a);
		}
	}
	res->n_cues = n;
}

/* The loudness target and true-peak ceiling to master to: MP3 and Opus
 * decode a little quieter than their input and overshoot its peaks, so
 * they are mastered to a compensated target and a lower ceiling (see
 * loudness_for_mp3() and loudness_for_opus()). */
static void master_targets(const struct job *j, double *target, double *ceiling)
{
	*target = j->spec->loudness;
	*ceiling = j->spec->true_peak;
	if (j->type == AUDIO_FILE_MP3)
		loudness_for_mp3(j->spec->mp3.bitrate ? j->spec->mp3.bitrate :
				 (j->spec->out.channels == 1 ? 64 : 128),
				 j->spec->out.channels, target, ceiling);
	else if (j->type == AUDIO_FILE_OPUS)
		loudness_for_opus(j->spec->mp3.bitrate, j->spec->out.channels,
				  target, ceiling);
}

/* The pilot (loudness_pilot) runs on PILOT_PIECES excerpts of
 * PILOT_SECONDS of the speech, spread over the spill, with short fades so
 * that the joins make no peaks.  A bulletin of up to WHOLE_SECONDS is its
 * own excerpt: the whole mix, jingles and bed included, is held in memory
 * (at most 23 MB: 60 s of 48 kHz stereo) and the pilot's gain is exact, so
 * no pass B runs.  Speech excerpts do not stand for a short mix: an intro
 * that is louder than the voice measured -13.9 LUFS against -16 (the
 * first half went out at the speech's gain and the rest could only make
 * up 2 dB), and a short item under a bed, mostly bed, asked the speech
 * for a loudness it cannot reach under the ceiling ("gain +62 dB"). */
enum { PILOT_PIECES = 8, PILOT_SECONDS = 3, WHOLE_SECONDS = 60 };

struct pilot {
	float *x;                 /* the excerpts, mono; or the whole mix */
	long n;
	audio_format fmt;
	double target;            /* for the excerpts (see pilot_new) */
	int whole;                /* x is the whole mix: its gain is exact */
};

/* The whole mix, for a short bulletin. */
static int pilot_whole(struct job *j, struct pilot *p)
{
	long total = (long)j->tl.total, got = 0;
	audio_stage *mix;
	int err = build_mix(j, &mix);

	if (err)
		return err;
	p->fmt = j->spec->out;
	p->x = xcalloc((size_t)total * (size_t)p->fmt.channels + 1, sizeof(float));
	while (got < total) {
		long r = stage_read(mix, p->x + got * p->fmt.channels, total - got);

		if (r < 0) {
			err = (int)r;
			break;
		}
		if (!r)
			break;
		got += r;
	}
	stage_free(mix);
	p->n = got;
	p->whole = 1;
	return err;
}

/* Gather the excerpts.  Speech is mono in the spill: a stereo output
 * carries it on both channels, 3 dB louder by BS.1770, so the excerpts'
 * target is that much lower. */
static int pilot_new(struct job *j, double target, struct pilot *p)
{
	const struct item_state *last = &j->items[j->spec->n_items - 1];
	long long total = last->spill_off + last->spill_frames;
	long piece, fade;
	int pieces = PILOT_PIECES, err = 0;

	memset(p, 0, sizeof(*p));
	if (j->tl.total <= (long long)WHOLE_SECONDS * j->spec->out.rate) {
		p->target = target;
		return pilot_whole(j, p);
	}
	p->fmt = spill_format(j->sp);
	p->target = target - 10 * log10(j->spec->out.channels);
	p->n = 0;
	piece = (long)PILOT_SECONDS * p->fmt.rate;
	fade = p->fmt.rate / 100;
	if (total <= (long long)piece * pieces) {
		pieces = 1;
		piece = (long)total;
	}
	p->x = xcalloc((size_t)piece * (size_t)pieces + 1, sizeof(float));
	for (int k = 0; k < pieces && !err; k++) {
		long long at = (total - piece) * k / (pieces > 1 ? pieces - 1 : 1);

		err = spill_read(j->sp, at, p->x + p->n, piece);
		for (long i = 0; i < fade && i < piece / 2; i++) {
			float g = (float)i / (float)fade;

			p->x[p->n + i] *= g;
			p->x[p->n + piece - 1 - i] *= g;
		}
		p->n += piece;
	}
	return err;
}

/* The gain at which the limited excerpts measure their target moved by
 * `shift` LU. */
static int pilot_gain(const struct pilot *p, double ceiling, double shift,
		      double *gain)
{
	double slope;

	return loudness_pilot(p->x, p->n, p->fmt, p->target + shift, ceiling,
			      gain, &slope);
}

/* Pass B, on a thread of its own beside pass C: the mix measured, and
 * one trial chain limiter(gain(mix)) at the pilot's gain, from which a
 * Newton step gives the gain the whole bulletin needs (the limiter takes
 * away up to several LU of eSpeak NG's peaky speech).  Pass C starts at
 * the pilot's gain meanwhile; when pass B is done, the rest of pass C is
 * ramped to the gain that brings the whole to the target (a few tenths
 * of a dB from the pilot's), and pass C waits at the bulletin's middle
 * if pass B is slower.  Pass B runs at lower priority: the encoder, on
 * the critical path, keeps its core; B takes what is left of the other
 * (the mix and its meter on a worker, the trial here). */
struct pass_b {
	struct job *j;
	struct pilot pilot;
	double target, ceiling, pilot_gain;
	gain_ctl *ctl;
	pthread_t thread;
	int started;
	atomic_int stop;          /* pass C failed: give up */
	double measured, gain;    /* the results */
	err_ctx err;
};

/* The gain for the rest of the bulletin once pos frames went out at the
 * pilot's (gain_ctl_settle): so that the whole averages to b->gain. */
static double settle_gain(void *ctx, long long pos)
{
	struct pass_b *b = ctx;
	double total = (double)b->j->tl.total, p = (double)pos + b->j->spec->out.rate / 2.0;
	double g = b->gain, d;

	if (p >= total - b->j->spec->out.rate)
		return g;
	d = (b->gain - b->pilot_gain) * p / (total - p);
	d = d > 2 ? 2 : d < -2 ? -2 : d;
	return g + d;
}

static void *pass_b_run(void *arg)
{
	struct pass_b *b = arg;
	struct job *j = b->j;
	audio_stage *mix = NULL, *meter = NULL, *ahead = NULL, *trial = NULL;
	float *buf = NULL;
	double lufs;
	long got = 0;
	int err;
	thread_background();
	if (!(err = build_mix(j, &mix)) &&
	    !(err = loudness_meter_new(&meter, mix, 0)) &&
	    !(err = async_new(&ahead, meter, j->spec->out.rate)))
		err = loudness_trial_new(&trial, ahead, b->pilot_gain,
					 b->ceiling);
	if (!err) {
		buf = xcalloc(8192 * (size_t)j->spec->out.channels, sizeof(float));
		while ((got = stage_read(trial, buf, 8192)) == 8192 &&
		       !crieur_interrupted && !atomic_load(&b->stop))
			;
		free(buf);
		/* the worker has ended (a short read came through): the
		 * meter is done and no longer touched by it */
		err = got < 0 ? (int)got :
		      crieur_interrupted || atomic_load(&b->stop) ?
		      err_set(CRIEUR_EINTR, "interrupted") :
		      loudness_meter_result(meter, &b->measured, NULL);
	}
	/* the whole mix, at the pilot's gain, is `off` from the target: the
	 * gain where the excerpts measure that much less than theirs (the
	 * curve of loudness against gain, limiter and all, is the
	 * excerpts', as measured, not a straight line) */
	if (!err && !(err = loudness_trial_result(trial, &lufs)))
		err = pilot_gain(&b->pilot, b->ceiling, b->target - lufs,
				 &b->gain);
	stage_free(trial);
	if (!err)
		err = gain_ctl_settle(b->ctl, settle_gain, b);
	if (err) {
		err_keep(&b->err, err);
		gain_ctl_fail(b->ctl, &b->err);
	}
	return NULL;
}

/* A pass-through stage that reports how far the encoding is. */
struct progress {
	audio_stage base;
	audio_stage *src;
	long long done, total;
	bulletin_progress_fn fn;
	void *ctx;
};

static long progress_read(audio_stage *self, float *buf, long frames)
{
	struct progress *p = (struct progress *)self;
	long got = stage_read(p->src, buf, frames);

	if (got <= 0)
		return got;
	p->done += got;
	p->fn(p->ctx, &(bulletin_progress){
		.step = BULLETIN_ENCODING,
		.seconds = (double)p->done / self->fmt.rate,
		.total_seconds = (double)p->total / self->fmt.rate });
	return got;
}

static void progress_free(audio_stage *self)
{
	stage_free(((struct progress *)self)->src);
	free(self);
}

/* Wrap src (owned) in a progress report to fn, in *out (NULL fn: src
 * itself).  Returns 0 (it cannot fail). */
static int progress_new(audio_stage **out, audio_stage *src, long long total,
			bulletin_progress_fn fn, void *ctx)
{
	struct progress *p;

	*out = src;
	if (!fn)
		return 0;
	p = xcalloc(1, sizeof(*p));
	p->base.fmt = src->fmt;
	p->base.read = progress_read;
	p->base.free = progress_free;
	p->src = src;
	p->total = total;
	p->fn = fn;
	p->ctx = ctx;
	*out = &p->base;
	return 0;
}

/* Pass C: the mix, with gain and limiter, on its own thread; the gain
 * settled by pass B (started here) when there is a loudness target. */
static int master_chain(struct job *j, struct pass_b *b, audio_stage **out)
{
	audio_stage *s;
	int err = build_mix(j, &s);

	if (err)
		return err;
	if (b && b->pilot.whole) {
		if ((err = gain_new(&s, s, b->gain)) ||
		    (err = limiter_new(&s, s, b->ceiling, LIMITER_LOOKAHEAD_MS,
				       LIMITER_RELEASE_MS)))
			return err;
	} else if (b) {
		if ((err = gain_ctl_new(&s, s, b->pilot_gain, j->tl.total / 2,
					j->spec->out.rate, &b->ctl)) ||
		    (err = limiter_new(&s, s, b->ceiling, LIMITER_LOOKAHEAD_MS,
				       LIMITER_RELEASE_MS)))
			return err;
		if (pthread_create(&b->thread, NULL, pass_b_run, b)) {
			stage_free(s);
			return err_set(CRIEUR_ENOMEM, "cannot start a thread");
		}
		b->started = 1;
	}
	if ((err = async_new(&s, s, j->spec->out.rate)))   /* a second ahead */
		return err;
	return progress_new(out, s, j->tl.total, j->spec->progress,
			    j->spec->progress_ctx);
}

/* The pilot and its gain, for pass B and the start of pass C. */
static int plan_pass_b(struct job *j, struct pass_b *b)
{
	int err;

	memset(b, 0, sizeof(*b));
	b->j = j;
	b->measured = b->gain = NAN;
	atomic_init(&b->stop, 0);
	master_targets(j, &b->target, &b->ceiling);
	if (!(err = pilot_new(j, b->target, &b->pilot)))
		err = pilot_gain(&b->pilot, b->ceiling, 0, &b->pilot_gain);
	if (!err && b->pilot.whole) {   /* exact: pass C at that gain */
		b->gain = b->pilot_gain;
		err = loudness_measure(b->pilot.x, b->pilot.n, b->pilot.fmt,
				       &b->measured);
	}
	return err;
}

/* Stop pass B if pass C failed (err), wait for it, and give its error
 * (which pass C may have passed on already) or err. */
static int end_pass_b(struct pass_b *b, int err, bulletin_result *res)
{
	if (!b->started) {
		free(b->pilot.x);
		b->pilot.x = NULL;
		if (b->pilot.whole) {
			res->measured_lufs = b->measured;
			res->gain_db = b->gain;
		}
		return err;
	}
	if (err)
		atomic_store(&b->stop, 1);
	pthread_join(b->thread, NULL);
	b->started = 0;
	free(b->pilot.x);
	res->measured_lufs = b->measured;
	res->gain_db = b->gain;
	if (b->err.code && (!err || err == b->err.code))
		return b->err.code == CRIEUR_EINTR && crieur_interrupted ?
		       err_set(CRIEUR_EINTR, "interrupted") : err_raise(&b->err);
	return err;
}

/* The tag's fixed frames: show, station, date, encoder, cover. */
static int tag_start(struct job *j)
{
	const bulletin_spec *s = j->spec;
	char today[16];
	time_t now = time(NULL);
	struct tm tm;

	strftime(today, sizeof(today), "%Y-%m-%d", localtime_r(&now, &tm));
	id3_new(&j->tag);
	if (s->title)
		id3_set(j->tag, "TALB", s->title);
	id3_set(j->tag, "TPE1", s->artist ? s->artist : "crieur");
	id3_set(j->tag, "TDRC", s->date ? s->date : today);
	id3_set(j->tag, "TSSE", j->type == AUDIO_FILE_MP3 ?
		"crieur (eSpeak NG, LAME)" : "crieur (eSpeak NG, libopusenc)");
	return s->cover ? id3_set_cover(j->tag, s->cover) : 0;
}

/* Open the output sink for the spec's format (MP3 with an ID3 tag, Opus
 * with the same tag as Vorbis comments and its R128 track gain). */
static int open_sink(struct job *j, const char *path, audio_sink **out)
{
	const bulletin_spec *s = j->spec;
	mp3_options mp3 = s->mp3;
	opus_options opus = { .bitrate = s->mp3.bitrate,
			      .track_lufs = s->loudness };
	int err = audio_file_type_for(path, &j->type);

	if (err)
		return err;
	if (j->type == AUDIO_FILE_MP3 || j->type == AUDIO_FILE_OPUS) {
		if ((err = tag_start(j)))
			return err;
		mp3.tag = opus.tag = j->tag;
	}
	return audio_sink_open_file(out, path, s->out, &mp3, &opus);
}

/* A chapter title short enough for players' chapter lists: at most
 * CHAPTER_TITLE_MAX bytes, cut at a space, with an ellipsis.  (Longer
 * embedded frames are also where some readers, ffmpeg among them, lose
 * the chapter.) */
enum { CHAPTER_TITLE_MAX = 100 };
static char *short_title(const char *t)
{
	size_t n = strlen(t), cut = CHAPTER_TITLE_MAX;
	char *out;

	if (n <= CHAPTER_TITLE_MAX)
		return xstrdup(t);
	while (cut > CHAPTER_TITLE_MAX / 2 && t[cut] != ' ')
		cut--;
	while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80)
		cut--;
	while (cut > 0 && (t[cut - 1] == ' ' || t[cut - 1] == ',' || t[cut - 1] == ':'))
		cut--;
	out = xcalloc(1, cut + 4);
	memcpy(out, t, cut);
	memcpy(out + cut, "\xE2\x80\xA6", 3);   /* … */
	return out;
}

/* Now that the items are known: title, headlines, language, chapters. */
static void tag_finish(struct job *j, const bulletin_result *res)
{
	const bulletin_spec *s = j->spec;
	strbuf heads;

	if (!j->tag)
		return;
	sb_init(&heads);
	for (size_t i = 0; i < s->n_items; i++) {
		const statement *st = &j->items[i].in->st;
		sb_add(&heads, st->data + st->lines[0].start, st->lines[0].len);
		if (i + 1 < s->n_items)
			sb_addch(&heads, '\n');
	}
	if (s->title)
		id3_set(j->tag, "TIT2", s->title);
	else if (s->items[0].title)
		id3_set(j->tag, "TIT2", s->items[0].title);
	else {
		const statement *st = &j->items[0].in->st;
		char *head = xstrndup(st->data + st->lines[0].start, st->lines[0].len);
		id3_set(j->tag, "TIT2", head);
		free(head);
	}
	id3_set(j->tag, "TLAN", id3_language_code(j->items[0].in->lang));
	id3_set_comment(j->tag, id3_language_code(j->items[0].in->lang), sb_cstr(&heads));
	for (size_t i = 0; i < res->n_chapters; i++) {
		char *t = short_title(res->chapters[i].title);
		id3_add_chapter(j->tag, (unsigned)lrint(res->chapters[i].start * 1000),
				(unsigned)lrint(res->chapters[i].end * 1000), t);
		free(t);
	}
	sb_release(&heads);
}

/* Lay out the items (fitting the slot if asked). */
static int layout(struct job *j, bulletin_result *res)
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
static void item_states(struct job *j)
{
	for (size_t i = 0; i < j->spec->n_items; i++)
		j->items[i].in = &j->ses->items[i];
}

/* Everything between opening the sink and pumping into it. */
static int render_job(struct job *j, audio_sink *sink, bulletin_result *res)
{
	int master = !isnan(j->spec->loudness);
	struct pass_b b = { 0 };
	audio_stage *out = NULL;
	long long frames = 0;
	int err;

	res->measured_lufs = NAN;
	res->gain_db = 0;
	if (!(err = bulletin_session_open(&j->ses, j->spec)))
		item_states(j);
	if (err || (err = prepare_bed(j)) ||
	    (err = synth_items(j, 1.0)) || (err = layout(j, res)) ||
	    (master && (err = plan_pass_b(j, &b))) ||
	    (err = master_chain(j, master ? &b : NULL, &out))) {
		sink->abort(sink);
		free(b.pilot.x);
		return err;
	}
	make_chapters(j, res);
	make_cues(j, res);
	tag_finish(j, res);
	err = audio_pump(out, sink, &frames);
	if (master)
		err = end_pass_b(&b, err, res);
	stage_free(out);
	res->seconds = (double)frames / j->spec->out.rate;
	return err;
}

int bulletin_render(const bulletin_spec *spec, const char *out_path,
		    bulletin_result *res)
{
	return bulletin_render_also(spec, out_path, NULL, res);
}

/* The sink for out_path, teed into also_path when given (the second
 * decides the mastering targets and carries the tag). */
static int open_sinks(struct job *j, const char *out_path,
		      const char *also_path, audio_sink **out)
{
	audio_sink *first, *second;
	int err = open_sink(j, out_path, &first);

	if (err || !also_path) {
		*out = err ? NULL : first;
		return err;
	}
	if ((err = open_sink(j, also_path, &second))) {
		sink_free(first);
		return err;
	}
	return sink_tee_new(out, first, second);
}

int bulletin_render_also(const bulletin_spec *spec, const char *out_path,
			 const char *also_path, bulletin_result *res)
{
	struct job j = { .spec = spec, .rate_factor = 1.0 };
	bulletin_result local;
	audio_sink *sink = NULL;
	int err;

	if (!res)
		res = &local;
	memset(res, 0, sizeof(*res));
	res->measured_lufs = NAN;
	if (!spec->n_items)
		return err_set(CRIEUR_EEMPTY, "the bulletin has no items");
	if ((j.synth_rate = synth_engine_init()) < 0)
		return j.synth_rate;
	if ((err = open_sinks(&j, out_path, also_path, &sink))) {
		id3_free(j.tag);
		return err;
	}
	j.items = xcalloc(spec->n_items, sizeof(*j.items));
	err = render_job(&j, sink, res);
	sink_free(sink);
	for (size_t i = 0; i < spec->n_items; i++) {
		if (j.items[i].in)
			speech_line_maps_free(j.items[i].maps,
					      j.items[i].in->st.n_lines);
		free(j.items[i].chunks);
	}
	free(j.items);
	spill_free(j.sp);
	spill_free(j.music);
	bulletin_session_free(j.ses);
	id3_free(j.tag);
	timeline_release(&j.tl);
	if (res == &local)
		bulletin_result_release(res);
	return err;
}

void bulletin_result_release(bulletin_result *res)
{
	for (size_t i = 0; i < res->n_chapters; i++)
		free(res->chapters[i].title);
	free(res->chapters);
	for (size_t i = 0; i < res->n_cues; i++)
		free(res->cues[i].text);
	free(res->cues);
	memset(res, 0, sizeof(*res));
}

int bulletin_spec_from_script(const bulletin_script *sc, bulletin_spec *spec,
			      bulletin_item **items)
{
	bulletin_item *it = xcalloc(sc->spec.n_items + 1, sizeof(*it));

	memcpy(it, sc->spec.items, sc->spec.n_items * sizeof(*it));
	*spec = sc->spec;
	spec->items = *items = it;
	return 0;
}

/* OUT without its extension, plus ext. */
static char *sidecar_path(const char *out, const char *ext)
{
	const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
	size_t n = dot && (!slash || dot > slash) ? (size_t)(dot - out) : strlen(out);
	char *p = xcalloc(1, n + strlen(ext) + 1);

	memcpy(p, out, n);
	strcpy(p + n, ext);
	return p;
}

int bulletin_write_sidecars(const bulletin_result *res, const char *out_path,
			    int srt)
{
	transcript_cue *cues = xcalloc(res->n_cues + 1, sizeof(*cues));
	transcript_chapter *ch = xcalloc(res->n_chapters + 1, sizeof(*ch));
	char *vtt = sidecar_path(out_path, ".vtt"), *srtp = sidecar_path(out_path, ".srt");
	char *json = sidecar_path(out_path, ".chapters.json");
	int err = 0;

	if (!strcmp(out_path, "-"))
		goto done;
	for (size_t i = 0; i < res->n_cues; i++)
		cues[i] = (transcript_cue){ res->cues[i].start, res->cues[i].end,
					    res->cues[i].text };
	for (size_t i = 0; i < res->n_chapters; i++)
		ch[i] = (transcript_chapter){ res->chapters[i].start,
					      res->chapters[i].end,
					      res->chapters[i].title };
	err = transcript_write_vtt(vtt, cues, res->n_cues);
	if (!err && srt)
		err = transcript_write_srt(srtp, cues, res->n_cues);
	if (!err)
		err = transcript_write_chapters(json, ch, res->n_chapters);
done:
	free(cues);
	free(ch);
	free(vtt);
	free(srtp);
	free(json);
	return err;
}
