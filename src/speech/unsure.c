/* unsure.c - words said by guesswork (see unsure.h). */
#include "speech/unsure.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "speech/foreign_say.h"
#include "speech/phonemes.h"
#include "text/token.h"
#include "text/wordlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scan {
	const statement *st;
	normalizer *n;
	const lexicon *lex;
	const voice *v;
	unsure_fn fn;
	void *ctx;
	strbuf out, ipa, mn, line;
	struct tok_line tl;
	norm_foreign_fn say;      /* the normalizer's foreign hook, wrapped */
	void *say_ctx;
	struct named { char word[64]; char lang[8]; } *named;   /* this line's */
	size_t n_named, cap_named;
};

/* The normalizer's foreign hook, noting the names it says for the line. */
static int note_foreign(void *ctx, const char *text_lang, const char *lang,
			const char *word, size_t n, strbuf *out)
{
	struct scan *sc = ctx;
	int r = sc->say(sc->say_ctx, text_lang, lang, word, n, out);

	if (r || n >= sizeof(sc->named[0].word))
		return r;
	if (sc->n_named == sc->cap_named) {
		sc->cap_named = sc->cap_named ? 2 * sc->cap_named : 16;
		sc->named = xrealloc(sc->named, sc->cap_named * sizeof(*sc->named));
	}
	snprintf(sc->named[sc->n_named].word, sizeof(sc->named[0].word), "%.*s", (int)n, word);
	snprintf(sc->named[sc->n_named++].lang, sizeof(sc->named[0].lang), "%s", lang);
	return 0;
}

/* The language token t was said as a foreign name in on this line, or
 * NULL. */
static const char *named_lang(const struct scan *sc, const struct token *t)
{
	for (size_t k = 0; k < sc->n_named; k++)
		if (strlen(sc->named[k].word) == t->len && !memcmp(sc->named[k].word, t->text, t->len))
			return sc->named[k].lang;
	return NULL;
}

/* Token i is part of a code, a URL or an e-mail (glued to digits or to
 * the marks inside addresses), or an elided word ("l'", "qu'"). */
static int in_code(const struct tok_line *tl, size_t i)
{
	const struct token *prev = i ? &tl->tok[i - 1] : NULL;
	const struct token *next = i + 1 < tl->n ? &tl->tok[i + 1] : NULL;
	int glued_prev = prev && !(tl->tok[i].flags & TF_SPACE);
	int glued_next = next && !(next->flags & TF_SPACE);

	if (glued_prev && (prev->kind == TOK_NUM ||
			   (prev->kind == TOK_PUNCT && strchr("@./_:", prev->text[0]))))
		return 1;
	return glued_next && (next->kind == TOK_NUM ||
			      (next->kind == TOK_PUNCT && strchr("@/_'", next->text[0])) ||
			      (next->kind == TOK_PUNCT && next->text[0] == '.' && i + 2 < tl->n &&
			       tl->tok[i + 2].kind == TOK_WORD && !(tl->tok[i + 2].flags & TF_SPACE)));
}

/* The output piece that says exactly token t, or NULL. */
static const char *piece_of(const struct scan *sc, const struct token *t,
			    const struct norm_span *sp, size_t nsp, size_t *len)
{
	for (size_t k = 0; k < nsp; k++)
		if (sp[k].src_start == t->start && sp[k].src_end == t->end) {
			*len = sp[k].out_end - sp[k].out_start;
			return sc->out.buf + sp[k].out_start;
		}
	return NULL;
}

/* The word is known: to the language's list, or a name in French that
 * the English list knows. */
static int known(const char *lang, const struct token *t)
{
	if (wordlist_contains(lang, t->text, t->len))
		return 1;
	return (t->flags & TF_UPPER) && !(t->flags & TF_CAPS) && strncmp(lang, "en", 2) &&
		wordlist_contains("en", t->text, t->len);
}

/* Report token t (said as piece[0..plen)) of line `line` (1-based),
 * whose text starts at byte `base` of the file. */
static int report(struct scan *sc, const struct token *t, const char *piece, size_t plen,
		  size_t line, const char *src)
{
	struct unsure u = { sc->st->path, line, 1, t->text, t->len, NULL, NULL, NULL, NULL };
	struct foreign_guess g;
	const char *lang = named_lang(sc, t);
	int err;

	if (lang && !foreign_guess_find(norm_lang(sc->n), lang, t->text, t->len, &g)) {
		u.lang = g.lang;
		u.lang_ipa = g.ipa;
	}

	for (size_t k = 0; k < t->start; k++)
		u.column += ((unsigned char)src[k] & 0xC0) != 0x80;
	sb_reset(&sc->ipa);
	sb_reset(&sc->mn);
	if ((err = phon_ipa(piece, plen, sc->v, &sc->ipa)) ||
	    (err = phon_mnemonics(piece, plen, sc->v, &sc->mn)))
		return err;
	sb_reset(&sc->line);
	sb_add(&sc->line, t->text, t->len);
	sb_addf(&sc->line, "\t[[%s]]", sb_cstr(&sc->mn));
	u.ipa = sb_cstr(&sc->ipa);
	u.lexicon_line = sb_cstr(&sc->line);
	sc->fn(sc->ctx, &u);
	return 0;
}

/* Scan one line of the statement. */
static int scan_line(struct scan *sc, const char *src, size_t len, size_t line)
{
	const struct norm_span *sp;
	size_t nsp, i = 0;
	const char *lang = norm_lang(sc->n);
	int err = 0;

	sb_reset(&sc->out);
	sc->n_named = 0;
	if ((err = norm_line_map(sc->n, src, len, &sc->out, &sp, &nsp)))
		return err;
	tok_split(&sc->tl, src, len);
	while (i < sc->tl.n && !err) {
		const struct token *t = &sc->tl.tok[i];
		const char *piece;
		size_t k = 1, plen;
		int plural;

		if (sc->lex && t->kind == TOK_WORD && lex_match(sc->lex, &sc->tl, i, &k, &plural)) {
			i += k;
			continue;
		}
		i++;
		if (t->kind != TOK_WORD || t->len < 2 || in_code(&sc->tl, i - 1) ||
		    !(piece = piece_of(sc, t, sp, nsp, &plen)))
			continue;
		if (!named_lang(sc, t) && (known(lang, t) || (!(t->flags & TF_CAPS) &&
		    (plen != t->len || memcmp(piece, t->text, plen)))))
			continue;    /* known, or a rule reads it: an abbreviation, a unit */
		err = report(sc, t, piece, plen, line, src);
	}
	return err;
}

int unsure_scan(const statement *st, normalizer *n, const lexicon *lex, const voice *v,
		unsure_fn fn, void *ctx)
{
	struct scan sc = { st, n, lex, v, fn, ctx, { 0 }, { 0 }, { 0 }, { 0 }, { 0 },
			   NULL, NULL, NULL, 0, 0 };
	size_t lineno = 1, pos = 0;
	int err = 0;

	if ((sc.say = norm_foreign(n, &sc.say_ctx)))
		norm_set_foreign(n, note_foreign, &sc);
	tok_line_init(&sc.tl);
	for (size_t i = 0; i < st->n_lines && !err; i++) {
		const statement_line *l = &st->lines[i];

		for (; pos < l->start; pos++)
			lineno += st->data[pos] == '\n';
		err = scan_line(&sc, st->data + l->start, l->len, lineno);
	}
	if (sc.say)
		norm_set_foreign(n, sc.say, sc.say_ctx);
	free(sc.named);
	tok_line_release(&sc.tl);
	sb_release(&sc.out);
	sb_release(&sc.ipa);
	sb_release(&sc.mn);
	sb_release(&sc.line);
	return err;
}
