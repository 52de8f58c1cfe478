/* speak.c - sd_crieur's speech: the speech chain factory (speech/chain.h)
 * in screen-reader mode, one chain per voice setting, kept for the next
 * messages.  The pieces and their marks go to the chain as SSML. */
#include "sd/speak.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "speech/chain.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chains kept (a voice and its settings each): the normal voice, its
 * raised pitch for capitals, another language... */
enum { CHAINS_KEPT = 4 };

static struct kept {
	char key[160];
	char voice[64], lang[8];    /* the chain's options point here */
	speech_chain *chain;
	unsigned long used;
} kept[CHAINS_KEPT];
static unsigned long clock_;

/* A block read from the chain: frames [start, start + n), handed out
 * up to start + pos. */
struct block {
	float pcm[1024];
	long n, pos;
	long long start;
};

struct mark {
	char *name;
	long long frame;
};

struct sd_speech {
	speech_chain *chain;
	sd_mark_fn on_mark;
	void *ctx;
	int (*stop)(void *ctx);
	int halted;                  /* a mark asked to stop there */
	int done;                    /* the chain has said it all */
	/* The chain reports a mark at the start of the read after the one
	 * that reached it: with marks to come, a block is handed out only
	 * once the next one has been read, so each mark goes exactly
	 * between the frames before and after it. */
	int hold;
	struct block cur, ahead;     /* cur is handed out; ahead read */
	int have_ahead;
	struct mark *marks;          /* reported by the chain, not yet passed on */
	size_t n_marks, first_mark, cap_marks;
};

/* The chain for v and lang, made on first use; NULL with a detail. */
static speech_chain *chain_for(const voice *v, const char *lang, int *err)
{
	char key[160];
	struct kept *k = &kept[0];
	speech_options o;
	speech_chain_config cfg = { .fmt = { 0, 1 }, .mode = SPEECH_SCREEN_READER };

	snprintf(key, sizeof(key), "%s|%s|%d|%d|%d", v->name, lang, v->rate,
		 v->pitch, v->volume);
	for (int i = 0; i < CHAINS_KEPT; i++) {
		if (kept[i].chain && !strcmp(kept[i].key, key)) {
			kept[i].used = ++clock_;
			return kept[i].chain;
		}
		if (kept[i].used < k->used)
			k = &kept[i];
	}
	speech_chain_free(k->chain);   /* the least recently used */
	memset(k, 0, sizeof(*k));
	snprintf(k->voice, sizeof(k->voice), "%s", v->name);
	snprintf(k->lang, sizeof(k->lang), "%s", lang);
	speech_options_init(&o);
	o.voice = k->voice;
	o.lang = k->lang;
	o.rate = v->rate;
	o.pitch = v->pitch;
	o.volume = v->volume > 0 ? v->volume : 1;
	if ((*err = speech_chain_new(&k->chain, &o, &cfg)))
		return NULL;
	snprintf(k->key, sizeof(k->key), "%s", key);
	k->used = ++clock_;
	return k->chain;
}

/* text as XML character data: escaped, control characters dropped. */
static void add_xml(strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '<')
			sb_adds(sb, "&lt;");
		else if (c == '>')
			sb_adds(sb, "&gt;");
		else if (c == '&')
			sb_adds(sb, "&amp;");
		else if (c == '"')
			sb_adds(sb, "&quot;");
		else if (c >= 0x20 || c == '\n' || c == '\t')
			sb_addch(sb, (char)c);
		else
			sb_addch(sb, ' ');
	}
}

static void on_chain_mark(void *ctx, const char *name, long long frame)
{
	struct sd_speech *sp = ctx;

	if (sp->n_marks == sp->cap_marks) {
		sp->cap_marks = sp->cap_marks ? sp->cap_marks * 2 : 8;
		sp->marks = xrealloc(sp->marks, sp->cap_marks * sizeof(*sp->marks));
	}
	sp->marks[sp->n_marks++] = (struct mark){ xstrdup(name), frame };
}

static int should_stop(void *ctx)
{
	struct sd_speech *sp = ctx;

	return sp->halted || (sp->stop && sp->stop(sp->ctx));
}

int sd_speech_open(sd_speech **out, const voice *v, const char *lang,
		   const sd_piece *pieces, size_t n, int (*stop)(void *ctx),
		   sd_mark_fn on_mark, void *ctx)
{
	struct sd_speech *sp;
	speech_chain *c;
	strbuf sb;
	int err = 0;

	*out = NULL;
	if (!(c = chain_for(v, lang, &err)))
		return err;
	sp = xcalloc(1, sizeof(*sp));
	sb_init(&sb);
	sb_adds(&sb, "<speak>");
	for (size_t i = 0; i < n; i++) {
		add_xml(&sb, pieces[i].text, pieces[i].len);
		if (pieces[i].mark) {
			sp->hold = 1;
			sb_adds(&sb, "<mark name=\"");
			add_xml(&sb, pieces[i].mark, strlen(pieces[i].mark));
			sb_adds(&sb, "\"/>");
		}
	}
	sb_adds(&sb, "</speak>");
	sp->chain = c;
	sp->on_mark = on_mark;
	sp->stop = stop;
	sp->ctx = ctx;
	speech_chain_set_mark_callback(c, on_chain_mark, sp);
	speech_chain_set_stop(c, should_stop, sp);
	err = speech_chain_say(c, sb.buf, sb.len, SPEECH_SSML);
	sb_release(&sb);
	if (err) {
		sd_speech_free(sp);
		return err;
	}
	*out = sp;
	return 0;
}

int sd_speech_rate(const sd_speech *sp)
{
	return speech_chain_format(sp->chain).rate;
}

/* Pass on the marks at or before frame (all with frame < 0). */
static void pass_marks(sd_speech *sp, long long frame)
{
	while (!sp->halted && sp->first_mark < sp->n_marks &&
	       (frame < 0 || sp->marks[sp->first_mark].frame <= frame)) {
		const char *name = sp->marks[sp->first_mark++].name;
		if (sp->on_mark && sp->on_mark(sp->ctx, name))
			sp->halted = 1;
	}
}

/* Read the next block from the chain into b (after frame start); 0 at
 * the end, or an error. */
static long read_block(sd_speech *sp, struct block *b, long long start)
{
	long got = speech_chain_read(sp->chain, b->pcm, (long)ARRAY_SIZE(b->pcm));

	b->n = got > 0 ? got : 0;
	b->pos = 0;
	b->start = start;
	return got;
}

long sd_speech_read(sd_speech *sp, short *buf, long frames)
{
	struct block *b = &sp->cur;

	for (;;) {
		long long at = b->start + b->pos;
		long n = b->n - b->pos, got;

		if (sp->stop && sp->stop(sp->ctx))
			return 0;   /* stopped: the marks not reached are dropped */
		pass_marks(sp, at);
		if (sp->halted)
			return 0;
		if (n && (!sp->hold || sp->have_ahead || sp->done)) {
			if (n > frames)
				n = frames;
			if (sp->first_mark < sp->n_marks &&
			    sp->marks[sp->first_mark].frame < at + n)
				n = (long)(sp->marks[sp->first_mark].frame - at);
			for (long i = 0; i < n; i++) {
				float x = b->pcm[b->pos + i] * 32768.0f;
				buf[i] = (short)(x >= 32767.0f ? 32767 : x <= -32768.0f ?
						 -32768 : lrintf(x));
			}
			b->pos += n;
			return n;
		}
		if (!n && sp->have_ahead) {   /* the next block */
			*b = sp->ahead;
			sp->have_ahead = 0;
			continue;
		}
		if (sp->done) {
			pass_marks(sp, -1);   /* the last ones */
			return 0;
		}
		got = read_block(sp, n ? &sp->ahead : b, b->start + b->n);
		if (got < 0)
			return got;
		if (!got)
			sp->done = 1;
		else if (n)
			sp->have_ahead = 1;
		if (sp->halted)   /* a mark at the chain's read stopped it */
			continue;
	}
}

void sd_speech_free(sd_speech *sp)
{
	if (!sp)
		return;
	/* end the utterance (if not read to its end); the chain is kept */
	speech_chain_stop(sp->chain);
	while (speech_chain_read(sp->chain, sp->cur.pcm, 1024) > 0)
		;
	speech_chain_set_mark_callback(sp->chain, NULL, NULL);
	speech_chain_set_stop(sp->chain, NULL, NULL);
	for (size_t i = 0; i < sp->n_marks; i++)
		free(sp->marks[i].name);
	free(sp->marks);
	free(sp);
}
