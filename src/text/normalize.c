/* normalize.c - the normalizer: tokenize a line, let the language module
 * classify and expand each token, collect words and spans (see lang.h). */
#include "text/normalize.h"
#include "text/lang.h"
#include "text/token.h"
#include "text/norm_hook.h"
#include "base/error.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

/* The registered languages: tag -> module (lang.h explains how to add one). */
static const struct {
	const char *tag;
	const struct norm_lang *lang;
} langs[] = {
	{ "fr", &norm_lang_fr },
	{ "fr-FR", &norm_lang_fr },
	{ "fr-BE", &norm_lang_fr },
	{ "fr-CH", &norm_lang_fr },
	{ "en", &norm_lang_en },
	{ "en-GB", &norm_lang_en },
	{ "en-US", &norm_lang_en },
};

struct norm_out {
	strbuf *sb;
	size_t base;              /* sb->len when the line began */
	const struct tok_line *tl;
	size_t src_base;          /* offset of the segment in the line */
	int keep_spans;           /* record spans (norm_line_map wants them) */
	struct norm_span *span;
	size_t nspan, cap;
};

struct normalizer {
	char *lang;
	const struct norm_lang *mod;
	void *state;
	struct tok_line tl;
	struct norm_out out;
	struct norm_hook hook;    /* lexicon and quote voice (norm_hook.c) */
};

/* Make a normalizer for a registered language tag. */
int norm_new(normalizer **out, const char *lang)
{
	*out = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++) {
		if (strcmp(lang, langs[i].tag))
			continue;
		normalizer *n = xcalloc(1, sizeof(*n));
		n->lang = xstrdup(lang);
		n->hook.lang = n->lang;
		n->mod = langs[i].lang;
		if (n->mod->state_new && !(n->state = n->mod->state_new(lang))) {
			norm_free(n);
			return CRIEUR_EINVAL;
		}
		tok_line_init(&n->tl);
		*out = n;
		return 0;
	}
	return err_set(CRIEUR_EINVAL,
		       "unknown language '%s' (fr, en, fr-BE, fr-CH, en-GB, en-US)", lang);
}

/* Free a normalizer and its language state. */
void norm_free(normalizer *n)
{
	if (!n)
		return;
	if (n->state && n->mod->state_free)
		n->mod->state_free(n->state);
	tok_line_release(&n->tl);
	norm_hook_release(&n->hook);
	free(n->out.span);
	free(n->lang);
	free(n);
}

/* The tag the normalizer was made for. */
const char *norm_lang(const normalizer *n)
{
	return n->lang;
}

/* Record that out bytes [a, b) stand for tokens first..last. */
static void add_span(struct norm_out *o, size_t a, size_t b, size_t first, size_t last)
{
	const struct tok_line *tl = o->tl;

	if (first >= tl->n || last >= tl->n || b <= a || !o->keep_spans)
		return;
	if (o->nspan == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->span = xrealloc(o->span, o->cap * sizeof(*o->span));
	}
	o->span[o->nspan++] = (struct norm_span){ a, b, o->src_base + tl->tok[first].start,
						  o->src_base + tl->tok[last].end };
}

/* Nothing written yet on this line. */
int out_empty(const struct norm_out *o)
{
	return o->sb->len == o->base;
}

/* The last byte written on this line. */
char out_last(const struct norm_out *o)
{
	return out_empty(o) ? '\0' : o->sb->buf[o->sb->len - 1];
}

/* Remove the last n bytes of this line's output and their spans. */
void out_drop(struct norm_out *o, size_t n)
{
	size_t len = o->sb->len - o->base;

	sb_truncate(o->sb, o->sb->len - (n < len ? n : len));
	while (o->nspan && o->span[o->nspan - 1].out_start >= o->sb->len)
		o->nspan--;
	if (o->nspan && o->span[o->nspan - 1].out_end > o->sb->len)
		o->span[o->nspan - 1].out_end = o->sb->len;
}

/* This line's output so far. */
char *out_text(struct norm_out *o, size_t *len)
{
	*len = o->sb->len - o->base;
	return o->sb->buf ? o->sb->buf + o->base : (char *)"";
}

/* Append bytes with no space before, recording their span. */
void out_glued(struct norm_out *o, const char *s, size_t n, size_t first, size_t last)
{
	size_t a = o->sb->len;

	sb_add(o->sb, s, n);
	add_span(o, a, o->sb->len, first, last);
}

/* The output ends with a spelled letter A written "A-" (so that eSpeak NG
 * does not read the article): the next word still needs its space, else
 * eSpeak NG reads "A-declined", "A-session" as one word. */
static int letter_a_before(struct norm_out *o)
{
	size_t len;
	const char *t = out_text(o, &len);

	return len >= 2 && t[len - 1] == '-' && t[len - 2] == 'A' &&
		(len == 2 || t[len - 3] == ' ');
}

/* Append words after one space, recording their span. */
void out_words(struct norm_out *o, const char *s, size_t n, size_t first, size_t last)
{
	char c = out_last(o);

	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	if (!n)
		return;
	if ((c && c != ' ' && c != '\'' && c != '-') || letter_a_before(o))
		sb_addch(o->sb, ' ');
	out_glued(o, s, n, first, last);
}

/* out_words() for a NUL-terminated string. */
void out_word(struct norm_out *o, const char *s, size_t first, size_t last)
{
	out_words(o, s, strlen(s), first, last);
}

/* Strength of a pause mark: later marks replace weaker ones. */
static int punct_rank(char c)
{
	switch (c) {
	case ',': return 1;
	case ';': case ':': return 2;
	case '.': return 3;
	case '!': case '?': return 4;
	default: return 0;
	}
}

/* Append a pause mark, merging it with one already there. */
void out_punct(struct norm_out *o, char c, size_t tok)
{
	char last = out_last(o);

	if (!last)
		return;
	if (last == '\'' || last == '-') {   /* dangling glue: drop it */
		out_drop(o, 1);
		last = out_last(o);
		if (!last)
			return;
	}
	if (punct_rank(last)) {
		if (punct_rank(c) <= punct_rank(last))
			return;
		sb_truncate(o->sb, o->sb->len - 1);
	}
	sb_addch(o->sb, c);
}

/* Copy token i to the output unchanged. */
void out_token(struct norm_out *o, const struct tok_line *tl, size_t i)
{
	out_words(o, tl->tok[i].text, tl->tok[i].len, i, i);
}

/* A dash or quote between words, seen as a pause. */
static int is_pause_dash(const struct tok_line *tl, size_t i)
{
	return (tl->tok[i].flags & TF_SPACE) &&
		(i + 1 >= tl->n || (tl->tok[i + 1].flags & TF_SPACE));
}

/* The mark for the dot at i: 0 inside a run of dots (the last one
 * decides), ',' for the last dot of "..." before a lower-case word (a
 * pause: "il a hésité... puis"), else '.'. */
static char dot_mark(const struct tok_line *tl, size_t i)
{
	if (tok_is_punct(tl, i + 1, '.'))
		return 0;
	if (i > 0 && tok_is_punct(tl, i - 1, '.') && i + 1 < tl->n &&
	    tl->tok[i + 1].kind == TOK_WORD && !(tl->tok[i + 1].flags & TF_UPPER))
		return ',';
	return '.';
}

/* What a token gets when its language module has no rule for it. */
void norm_default(const struct tok_line *tl, size_t i, struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	char c = t->len == 1 ? t->text[0] : 0;

	if (t->kind != TOK_PUNCT) {
		out_token(o, tl, i);
		return;
	}
	switch (c) {
	case '.':
		if ((c = dot_mark(tl, i)))
			out_punct(o, c, i);
		break;
	case ',': case ';': case ':': case '!': case '?':
		out_punct(o, c, i);
		break;
	case '(': case ')': case '[': case ']':
		out_punct(o, ',', i);
		break;
	case '-':
		if (is_pause_dash(tl, i))
			out_punct(o, ',', i);
		else if (tok_glued(tl, i) && i + 1 < tl->n && tok_glued(tl, i + 1) &&
			 tl->tok[i - 1].kind == TOK_WORD && tl->tok[i + 1].kind == TOK_WORD)
			out_glued(o, "-", 1, i, i);
		break;
	case '\'':
		if (tok_glued(tl, i) && tl->tok[i - 1].kind == TOK_WORD &&
		    out_last(o) != ' ' && !out_empty(o))
			out_glued(o, "'", 1, i, i);
		break;
	default:
		break;                  /* quotes and unknown symbols: silent */
	}
}

/* Trim a trailing space or dangling glue mark from this line's output. */
static void trim_end(struct norm_out *o)
{
	while (!out_empty(o)) {
		char c = out_last(o);

		if (c != ' ' && c != '-' && c != '\'')
			break;
		out_drop(o, 1);         /* and the spans that reached it */
	}
}

/* Normalize in[0..len), a segment of the line at offset base. */
static void norm_segment(normalizer *n, const char *in, size_t len, size_t base)
{
	struct norm_out *o = &n->out;
	size_t i = 0;

	tok_split(&n->tl, in, len);
	o->tl = &n->tl;
	o->src_base = base;
	norm_hook_line(&n->hook, in, &n->tl);
	if (n->mod->line)
		n->mod->line(n->state, &n->tl);
	while (i < n->tl.n) {
		size_t used = n->mod->before_lexicon ?
			n->mod->before_lexicon(n->state, &n->tl, i, o) : 0;

		if (!used)
			used = norm_hook_expand(&n->hook, &n->tl, i, o);
		if (!used)
			used = n->mod->expand(n->state, &n->tl, i, o);
		if (!used)     /* the language's rules first: Mme, VI, units */
			used = norm_hook_foreign(&n->hook, &n->tl, i, o);

		if (!used) {
			norm_default(&n->tl, i, o);
			used = 1;
		}
		i += used;
	}
	norm_hook_line_end(&n->hook, o);
}

/* Where a line longer than SEGMENT_MAX is cut: after the last ". ", "; "
 * or ", " before max, else before the last space that a letter follows
 * (never inside "1 000"), else at max (on a character boundary). */
static size_t segment_end(const char *in, size_t len, size_t max)
{
	size_t k;

	if (len <= max)
		return len;
	for (k = max; k > max / 2; k--)
		if (in[k] == ' ' && strchr(".;,!?", in[k - 1]))
			return k + 1;
	for (k = max; k > max / 2; k--)
		if (in[k] == ' ' && ((in[k + 1] | 0x20) >= 'a' && (in[k + 1] | 0x20) <= 'z'))
			return k + 1;
	for (k = max; k > 0 && ((unsigned char)in[k] & 0xC0) == 0x80; k--)
		;
	return k ? k : max;
}

/* Normalize one line; with flush, hand the output over segment by
 * segment (all but its last byte, which later words join to) and keep
 * only the rest in out.  A very long line is normalized in segments of
 * at most SEGMENT_MAX bytes, so tokens and spans take memory in
 * proportion to a segment, not to the line. */
static void norm_run(normalizer *n, const char *in, size_t len, strbuf *out,
		     int keep_spans, norm_flush_fn flush, void *ctx)
{
	enum { SEGMENT_MAX = 64 * 1024 };
	struct norm_out *o = &n->out;

	o->sb = out;
	o->base = out->len;
	o->nspan = 0;
	o->keep_spans = keep_spans;
	sb_grow(out, (flush && len > SEGMENT_MAX ? SEGMENT_MAX : len) * 3 / 2 + 16);
	out->buf[out->len] = '\0';
	for (size_t at = 0; at < len || !at;) {
		size_t seg = segment_end(in + at, len - at, SEGMENT_MAX);

		norm_segment(n, in + at, seg, at);
		at += seg;
		if (flush && at < len && out->len > o->base + 1) {
			flush(ctx, out->buf + o->base, out->len - o->base - 1);
			out->buf[o->base] = out->buf[out->len - 1];
			sb_truncate(out, o->base + 1);
		}
		if (!seg)
			break;
	}
	trim_end(o);
	if (o->nspan && o->span[o->nspan - 1].out_end > out->len)
		o->span[o->nspan - 1].out_end = out->len;
	if (flush && out->len > o->base) {
		flush(ctx, out->buf + o->base, out->len - o->base);
		sb_truncate(out, o->base);
	}
}

/* Normalize one line and give the output-to-source spans. */
int norm_line_map(normalizer *n, const char *in, size_t len, strbuf *out,
		  const struct norm_span **spans, size_t *count)
{
	norm_run(n, in, len, out, spans || count, NULL, NULL);
	if (spans)
		*spans = n->out.span;
	if (count)
		*count = n->out.nspan;
	return 0;
}

/* Normalize one line, handing the output over in pieces. */
int norm_line_stream(normalizer *n, const char *in, size_t len, strbuf *scratch,
		     norm_flush_fn flush, void *ctx)
{
	norm_run(n, in, len, scratch, 0, flush, ctx);
	return 0;
}

void norm_set_lexicon(normalizer *n, struct lexicon *lex)
{
	n->hook.lex = lex;
}

void norm_set_foreign(normalizer *n, norm_foreign_fn say, void *ctx)
{
	n->hook.foreign = say;
	n->hook.foreign_ctx = ctx;
	n->hook.lang = n->lang;
}

norm_foreign_fn norm_foreign(const normalizer *n, void **ctx)
{
	*ctx = n->hook.foreign_ctx;
	return n->hook.foreign;
}

void norm_set_quote_voice(normalizer *n, const char *voice)
{
	norm_hook_set_quote_voice(&n->hook, voice);
}

/* Normalize one line. */
int norm_line(normalizer *n, const char *in, size_t len, strbuf *out)
{
	return norm_line_map(n, in, len, out, NULL, NULL);
}
