/* speak.c - sd_crieur's speech: pieces -> normalizer (with the lexicon)
 * -> eSpeak NG (live) -> the voice's processing. */
#include "sd/speak.h"
#include "audio/voicefx.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "speech/phonemes.h"
#include "speech/synth.h"
#include "text/lexicon.h"
#include "text/normalize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far synthesis may run ahead of the reader. */
enum { AHEAD_MS = 2000, LANGS_MAX = 8 };

struct sd_speech {
	audio_stage *chain;
	long long *start;     /* per piece, -1 until known (atomic) */
	size_t n;
	float buf[4096];
};

/* One normalizer (with its lexicon) per language, made on first use and
 * kept: a screen reader speaks many short messages. */
static struct lang_tools {
	char lang[8];
	normalizer *norm;
	lexicon *lex;
} tools[LANGS_MAX];

static normalizer *normalizer_for(const char *lang)
{
	size_t i;
	int err;

	for (i = 0; i < LANGS_MAX && tools[i].norm; i++)
		if (!strcmp(tools[i].lang, lang))
			return tools[i].norm;
	if (i == LANGS_MAX)
		return NULL;
	if (!(tools[i].lex = phon_lexicon_new(lang)))
		return NULL;
	lex_set_expansions(tools[i].lex, 0);
	if ((err = norm_new(&tools[i].norm, lang))) {
		lex_free(tools[i].lex);
		tools[i].lex = NULL;
		return NULL;
	}
	norm_set_lexicon(tools[i].norm, tools[i].lex);
	snprintf(tools[i].lang, sizeof(tools[i].lang), "%s", lang);
	return tools[i].norm;
}

/* Normalize text[0..len) line by line into out (lines joined by a space). */
static int normalize_piece(normalizer *norm, const char *text, size_t len,
			   strbuf *out)
{
	size_t at = 0;

	while (at < len) {
		const char *lf = memchr(text + at, '\n', len - at);
		size_t end = lf ? (size_t)(lf - text) : len;
		int err;

		if (end > at) {
			if (out->len)
				sb_addch(out, ' ');
			if ((err = norm_line(norm, text + at, end - at, out)))
				return err;
		}
		at = end + 1;
	}
	return 0;
}

/* The synth stage reached piece `index`'s text at `frame`. */
static void on_piece(void *ctx, size_t index, size_t start, size_t end,
		     long long frame)
{
	struct sd_speech *sp = ctx;

	if (index < sp->n && __atomic_load_n(&sp->start[index], __ATOMIC_ACQUIRE) < 0)
		__atomic_store_n(&sp->start[index], frame, __ATOMIC_RELEASE);
}

int sd_speech_open(sd_speech **out, const voice *v, const char *lang,
		   const sd_piece *pieces, size_t n, int (*stop)(void *ctx),
		   void *ctx)
{
	struct sd_speech *sp;
	normalizer *norm = normalizer_for(lang);
	audio_stage *syn = NULL;
	strbuf sb;
	size_t total = 0;
	int err;

	*out = NULL;
	if (!norm)
		return CRIEUR_EFORMAT;
	if ((err = synth_new(&syn, v)))
		return err;
	sp = xcalloc(1, sizeof(*sp));
	sp->n = n;
	sp->start = xcalloc(n ? n : 1, sizeof(*sp->start));
	sb_init(&sb);
	for (size_t i = 0; i < n && !err; i++) {
		sp->start[i] = -1;
		sb_reset(&sb);
		if (pieces[i].raw)
			sb_add(&sb, pieces[i].text, pieces[i].len);
		else
			err = normalize_piece(norm, pieces[i].text, pieces[i].len, &sb);
		synth_add_text(syn, sb_cstr(&sb), sb.len);
		total += sb.len;
	}
	sb_release(&sb);
	if (err) {
		stage_free(syn);
		sd_speech_free(sp);
		return err;
	}
	synth_set_chunk_callback(syn, on_piece, sp);
	/* a short message is synthesized in the reader's thread, at once
	 * (one thread hand-over less); a long one on a worker, so audio
	 * flows as eSpeak NG makes it */
	if (total > SYNTH_CHUNK_MAX)
		synth_set_live(syn, (long)syn->fmt.rate * AHEAD_MS / 1000);
	synth_set_stop(syn, stop, ctx);
	sp->chain = voicefx_new(syn, &v->fx);
	*out = sp;
	return 0;
}

int sd_speech_rate(const sd_speech *sp)
{
	return sp->chain->fmt.rate;
}

long sd_speech_read(sd_speech *sp, short *buf, long frames)
{
	long got;

	if (frames > (long)ARRAY_SIZE(sp->buf))
		frames = (long)ARRAY_SIZE(sp->buf);
	got = stage_read(sp->chain, sp->buf, frames);
	for (long i = 0; i < got; i++) {
		float x = sp->buf[i] * 32768.0f;
		buf[i] = (short)(x >= 32767.0f ? 32767 : x <= -32768.0f ? -32768 :
				 lrintf(x));
	}
	return got;
}

long long sd_speech_piece_frame(const sd_speech *sp, size_t i)
{
	return i < sp->n ? __atomic_load_n(&sp->start[i], __ATOMIC_ACQUIRE) : -1;
}

void sd_speech_free(sd_speech *sp)
{
	if (!sp)
		return;
	stage_free(sp->chain);
	free(sp->start);
	free(sp);
}
