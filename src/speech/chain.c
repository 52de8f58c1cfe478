/* chain.c - the speech chain factory (chain.h). */
#include "speech/chain.h"
#include "audio/voicefx.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "speech/foreign_say.h"
#include "speech/phonemes.h"
#include "speech/ssml.h"
#include "speech/synth.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far eSpeak NG may run ahead of the reader, per mode (ms). */
enum { AHEAD_BULLETIN_MS = 1000, AHEAD_FILE_MS = 2000,
       AHEAD_SCREEN_READER_MS = 2000 };

/* ---- options ---- */

void speech_options_init(speech_options *o)
{
	memset(o, 0, sizeof(*o));
	o->pitch = -1;
}

const char *speech_voice_name(const speech_options *opt)
{
	return opt->voice ? opt->voice :
	       voice_default_for(opt->lang ? opt->lang : "fr");
}

int speech_pick_voice(const speech_options *opt, voice *v, const char **lang)
{
	int err = voice_load(v, speech_voice_name(opt));

	if (err)
		return err;
	if (opt->rate)
		v->rate = opt->rate;
	if (opt->pitch >= 0)
		v->pitch = opt->pitch;
	if (opt->volume > 0)
		v->volume = opt->volume;
	*lang = opt->lang ? opt->lang : v->language;
	return 0;
}

/* ---- lexicons, one per language ---- */

struct speech_lexicons {
	speech_options files;   /* the lexicon files, copied */
	struct { char lang[16]; lexicon *lex; } by_lang[8];
	size_t n;
};

int speech_lexicon_load(const speech_options *opt, const char *lang,
			lexicon **out)
{
	lexicon *lex;
	int err = phon_lexicon_new(&lex, lang);

	*out = NULL;
	if (err)
		return err;
	lex_set_builtin_expansions(lex, opt->expand_acronyms);
	for (size_t i = 0; i < opt->n_lexicons && !err; i++)
		err = lex_load_file(lex, opt->lexicons[i], NULL, NULL);
	if (err) {
		lex_free(lex);
		return err;
	}
	*out = lex;
	return 0;
}

int speech_lexicons_new(speech_lexicons **out, const speech_options *opt)
{
	speech_lexicons *lx = xcalloc(1, sizeof(*lx));

	speech_options_init(&lx->files);
	lx->files.expand_acronyms = opt && opt->expand_acronyms;
	for (size_t i = 0; opt && i < opt->n_lexicons; i++)
		lx->files.lexicons[lx->files.n_lexicons++] = xstrdup(opt->lexicons[i]);
	*out = lx;
	return 0;
}

int speech_lexicons_get(speech_lexicons *lx, const char *lang, lexicon **out)
{
	lexicon *lex;
	int err = 0;

	*out = NULL;
	for (size_t k = 0; k < lx->n; k++)
		if (!strcmp(lx->by_lang[k].lang, lang)) {
			*out = lx->by_lang[k].lex;
			return 0;
		}
	if (lx->n == ARRAY_SIZE(lx->by_lang))
		return err_set(CRIEUR_EINVAL, "too many languages in one bulletin");
	if ((err = speech_lexicon_load(&lx->files, lang, &lex)))
		return err;
	snprintf(lx->by_lang[lx->n].lang, sizeof(lx->by_lang[0].lang), "%s", lang);
	lx->by_lang[lx->n++].lex = lex;
	*out = lex;
	return 0;
}

void speech_lexicons_restart(speech_lexicons *lx)
{
	for (size_t k = 0; k < lx->n; k++)
		lex_forget_mentions(lx->by_lang[k].lex);
}

void speech_lexicons_free(speech_lexicons *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->files.n_lexicons; i++)
		free((char *)lx->files.lexicons[i]);
	for (size_t k = 0; k < lx->n; k++)
		lex_free(lx->by_lang[k].lex);
	free(lx);
}

int speech_normalizer_new(normalizer **out, const speech_options *opt,
			  const char *lang, lexicon *lex)
{
	int err = norm_new(out, lang);

	if (err)
		return err;
	norm_set_lexicon(*out, lex);
	norm_set_quote_voice(*out, opt->quote_voice);
	if (!strncmp(lang, "fr", 2) || !strncmp(lang, "en", 2))   /* foreign_say.h */
		norm_set_foreign(*out, foreign_say_hook, NULL);
	return 0;
}

/* ---- the chain ---- */

struct mark {
	char *name;
	long long frame;   /* output frames from the utterance's start */
};

struct speech_chain {
	audio_stage base;          /* the chain as a stage */
	speech_options opt;
	speech_chain_config cfg;
	voice v;
	const char *lang;
	speech_lexicons *own_lexicons;
	normalizer *norm;
	int synth_rate;
	/* the utterance */
	audio_stage *pipe;         /* synth -> voicefx -> resample -> channels */
	audio_stage *syn;          /* inside pipe */
	size_t n_said;
	int reading, ended;
	long long delivered;
	atomic_int stopped;
	int (*stop)(void *ctx);
	void *stop_ctx;
	/* marks: added by the synthesis thread, reported by the reader */
	pthread_mutex_t lock;
	struct mark *marks;
	size_t n_marks, cap_marks, next_mark;
	speech_mark_fn on_mark;
	void *mark_ctx;
	speech_chunk_fn on_chunk;
	void *chunk_ctx;
};

static int chain_should_stop(void *ctx)
{
	struct speech_chain *c = ctx;

	return atomic_load(&c->stopped) || (c->stop && c->stop(c->stop_ctx));
}

/* From the synthesis thread: a mark's place, in output frames. */
static void on_synth_mark(void *ctx, const char *name, long long frame)
{
	struct speech_chain *c = ctx;
	struct mark m = { xstrdup(name), llround((double)frame *
					       c->cfg.fmt.rate / c->synth_rate) };

	pthread_mutex_lock(&c->lock);
	if (c->n_marks == c->cap_marks) {
		c->cap_marks = c->cap_marks ? c->cap_marks * 2 : 8;
		c->marks = xrealloc(c->marks, c->cap_marks * sizeof(*c->marks));
	}
	c->marks[c->n_marks++] = m;
	pthread_mutex_unlock(&c->lock);
}

static void on_synth_chunk(void *ctx, size_t text_index, size_t start,
			   size_t end, long long frame)
{
	struct speech_chain *c = ctx;

	if (c->on_chunk)
		c->on_chunk(c->chunk_ctx, text_index, start, end,
			    (double)frame / c->synth_rate);
}

/* Report the marks at or before frame `upto` (all with upto < 0); the
 * frame of the next one, or -1 when none is known. */
static long long report_marks(struct speech_chain *c, long long upto)
{
	long long next = -1;

	pthread_mutex_lock(&c->lock);
	while (c->next_mark < c->n_marks &&
	       (upto < 0 || c->marks[c->next_mark].frame <= upto)) {
		struct mark m = c->marks[c->next_mark++];
		pthread_mutex_unlock(&c->lock);
		if (c->on_mark)
			c->on_mark(c->mark_ctx, m.name, m.frame);
		pthread_mutex_lock(&c->lock);
	}
	if (c->next_mark < c->n_marks)
		next = c->marks[c->next_mark].frame;
	pthread_mutex_unlock(&c->lock);
	return next;
}

/* End the utterance: free its stages (joining the synthesis thread) and
 * its marks. */
static void end_utterance(struct speech_chain *c)
{
	stage_free(c->pipe);
	c->pipe = c->syn = NULL;
	for (size_t i = 0; i < c->n_marks; i++)
		free(c->marks[i].name);
	c->n_marks = c->next_mark = 0;
	c->n_said = 0;
	c->reading = c->ended = 0;
	c->delivered = 0;
}

/* A new utterance: the synth stage and the stages after it. */
static int start_utterance(struct speech_chain *c)
{
	const int reader = c->cfg.mode == SPEECH_SCREEN_READER;
	int ahead = reader ? AHEAD_SCREEN_READER_MS :
		    c->cfg.to_file ? AHEAD_FILE_MS : AHEAD_BULLETIN_MS;
	long batch = reader ? 0 : c->cfg.to_file ? c->synth_rate :
		     c->synth_rate / 4;
	audio_stage *s;
	int err = synth_new(&c->syn, &c->v);

	if (err)
		return err;
	atomic_store(&c->stopped, 0);
	synth_set_chunk_callback(c->syn, on_synth_chunk, c);
	synth_set_mark_callback(c->syn, on_synth_mark, c);
	synth_set_stop(c->syn, chain_should_stop, c);
	/* a bulletin's reader is woken per `batch` frames, not per piece
	 * eSpeak NG hands over: per quarter second when it plays (15,000
	 * context switches in pass A of a 30-minute bulletin, 5,000 then),
	 * per second with a 2 s ring when it fills a file (the two
	 * threads mostly share a CPU there: the build switched context
	 * 26,500 times in all with a quarter, 13,100 with a second, and
	 * its pass A took 0.1 s less CPU); the screen reader plays what it
	 * reads */
	synth_set_live(c->syn, (long)c->synth_rate * ahead / 1000, batch);
	/* the voice's post-processing, then the output's rate */
	if ((err = voicefx_new(&s, c->syn, &c->v.fx)) ||
	    (err = resample_new_quality(&s, s, c->cfg.fmt.rate,
					RESAMPLE_SPEECH))) {
		c->syn = NULL;   /* freed by the stage that failed */
		return err;
	}
	return channel_map_new(&c->pipe, s, c->cfg.fmt.channels);
}

/* Normalize each line of st and queue it, with a statement's pauses in
 * bulletin mode. */
static int queue_lines(struct speech_chain *c, const statement *st,
		       speech_line_map *maps)
{
	strbuf sb;
	int err = 0;

	sb_init(&sb);
	for (size_t l = 0; l < st->n_lines && !err; l++) {
		const struct norm_span *spans;
		size_t n;

		sb_reset(&sb);
		err = norm_line_map(c->norm, st->data + st->lines[l].start,
				    st->lines[l].len, &sb, &spans, &n);
		if (err)
			break;
		if (maps) {
			maps[l].spans = xcalloc(n + 1, sizeof(*spans));
			memcpy(maps[l].spans, spans, n * sizeof(*spans));
			maps[l].n = n;
		}
		synth_add_text(c->syn, sb_cstr(&sb), sb.len);
		if (c->cfg.mode == SPEECH_BULLETIN && l + 1 < st->n_lines)
			synth_add_pause(c->syn, l == 0 ? PAUSE_AFTER_HEADLINE :
					PAUSE_AFTER_PARAGRAPH);
	}
	sb_release(&sb);
	return err;
}

int speech_chain_say_statement(speech_chain *c, const statement *st,
			       unsigned flags, speech_line_map *maps)
{
	int err, fresh;

	if (c->ended) {   /* read to its end, 0 not yet returned */
		report_marks(c, -1);
		end_utterance(c);
	}
	if (c->reading && !chain_should_stop(c))
		return err_set(CRIEUR_EINVAL, "%s: the speech chain is still "
			       "speaking (read it to its end or stop it)", st->path);
	if (c->pipe && chain_should_stop(c))
		end_utterance(c);   /* stopped: start afresh */
	fresh = !c->pipe;
	if (fresh && (err = start_utterance(c)))
		return err;
	if (c->n_said++ && c->cfg.mode == SPEECH_BULLETIN)
		synth_add_pause(c->syn, PAUSE_BETWEEN_STATEMENTS);
	if ((flags & SPEECH_SSML) || ssml_detect(st->data, st->len))
		err = ssml_queue(c->syn, st->data, st->len, st->path, c->norm,
				 c->lang);
	else
		err = queue_lines(c, st, maps);
	if (err && fresh)
		end_utterance(c);
	return err;
}

int speech_chain_say(speech_chain *c, const char *text, size_t len,
		     unsigned flags)
{
	statement st;
	int err = statement_from_text(&st, "the text", xstrndup(text, len), len);

	if (err)
		return err;
	err = speech_chain_say_statement(c, &st, flags, NULL);
	statement_release(&st);
	return err;
}

long speech_chain_read(speech_chain *c, float *buf, long frames)
{
	long long next;
	long limit = frames, got;

	if (!c->pipe || frames <= 0)
		return 0;
	if (chain_should_stop(c) && c->reading) {   /* at once: no more audio */
		end_utterance(c);
		return 0;
	}
	if (c->ended) {   /* the end: the last marks, then 0 */
		report_marks(c, -1);
		end_utterance(c);
		return 0;
	}
	c->reading = 1;
	next = report_marks(c, c->delivered);
	if (next >= 0 && next - c->delivered < limit)
		limit = (long)(next - c->delivered);
	got = stage_read(c->pipe, buf, limit);
	if (got < 0) {
		end_utterance(c);
		return got;
	}
	c->delivered += got;
	if (got < limit)
		c->ended = 1;
	if (got == 0)
		return speech_chain_read(c, buf, frames);
	return got;
}

/* The stage view: whole reads, a short one at the end. */
static long chain_stage_read(audio_stage *self, float *buf, long frames)
{
	struct speech_chain *c = (struct speech_chain *)self;
	int ch = self->fmt.channels;
	long done = 0, got;

	while (done < frames &&
	       (got = speech_chain_read(c, buf + (size_t)done * ch, frames - done)) != 0) {
		if (got < 0)
			return got;
		done += got;
	}
	return done;
}

static void chain_stage_free(audio_stage *self)
{
	struct speech_chain *c = (struct speech_chain *)self;

	end_utterance(c);
	free(c->marks);
	pthread_mutex_destroy(&c->lock);
	norm_free(c->norm);
	speech_lexicons_free(c->own_lexicons);
	free(c);
}

void speech_chain_free(speech_chain *c)
{
	if (c)
		chain_stage_free(&c->base);
}

audio_stage *speech_chain_stage(speech_chain *c)
{
	return &c->base;
}

int speech_chain_new(speech_chain **out, const speech_options *opt,
		     const speech_chain_config *cfg)
{
	struct speech_chain *c;
	speech_lexicons *lx;
	lexicon *lex = NULL;
	int rate = synth_engine_init(), err;
	voice q;

	*out = NULL;
	if (rate < 0)
		return rate;
	c = xcalloc(1, sizeof(*c));
	c->opt = *opt;
	if (cfg)
		c->cfg = *cfg;
	c->synth_rate = rate;
	if (!c->cfg.fmt.rate)
		c->cfg.fmt.rate = rate;
	if (!c->cfg.fmt.channels)
		c->cfg.fmt.channels = 1;
	c->base.fmt = c->cfg.fmt;
	c->base.read = chain_stage_read;
	c->base.free = chain_stage_free;
	pthread_mutex_init(&c->lock, NULL);
	atomic_init(&c->stopped, 0);
	lx = c->cfg.lexicons;
	if (!lx)
		speech_lexicons_new(&c->own_lexicons, opt), lx = c->own_lexicons;
	if ((err = speech_pick_voice(opt, &c->v, &c->lang)) ||
	    (opt->quote_voice && (err = voice_load(&q, opt->quote_voice))) ||
	    (err = speech_lexicons_get(lx, c->lang, &lex)) ||
	    (err = speech_normalizer_new(&c->norm, opt, c->lang, lex))) {
		chain_stage_free(&c->base);
		return err;
	}
	*out = c;
	return 0;
}

void speech_chain_set_mark_callback(speech_chain *c, speech_mark_fn fn, void *ctx)
{
	c->on_mark = fn;
	c->mark_ctx = ctx;
}

void speech_chain_set_chunk_callback(speech_chain *c, speech_chunk_fn fn,
				     void *ctx)
{
	c->on_chunk = fn;
	c->chunk_ctx = ctx;
}

void speech_chain_stop(speech_chain *c)
{
	atomic_store(&c->stopped, 1);
}

void speech_chain_set_stop(speech_chain *c, int (*stop)(void *ctx), void *ctx)
{
	c->stop = stop;
	c->stop_ctx = ctx;
}

audio_format speech_chain_format(const speech_chain *c)
{
	return c->cfg.fmt;
}

const voice *speech_chain_voice(const speech_chain *c)
{
	return &c->v;
}

const char *speech_chain_lang(const speech_chain *c)
{
	return c->lang;
}

void speech_line_maps_free(speech_line_map *maps, size_t n)
{
	for (size_t i = 0; maps && i < n; i++)
		free(maps[i].spans);
	free(maps);
}
