/* norm_hook.h - the normalizer's pronunciation hooks: lexicon words and
 * quotations in the quote voice (internal to normalize.c). */
#ifndef CRIEUR_NORM_HOOK_H
#define CRIEUR_NORM_HOOK_H

#include "base/strbuf.h"
#include "text/lang.h"
#include "text/lexicon.h"
#include "text/foreign.h"
#include "text/normalize.h"

struct norm_hook {
	lexicon *lex;          /* not owned; NULL: none */
	char *quote_voice;     /* NULL: none */
	const char *in;        /* the line being normalized */
	int in_quote;
	size_t en_quote_end;   /* the closing mark of an English quotation
				* in a French line (its token), 0: none */
	int headline;          /* the line is written in capitals */
	norm_foreign_fn foreign;  /* NULL: foreign names read as written */
	void *foreign_ctx;
	const char *lang;         /* the text's language */
	struct foreign_state fs;
	strbuf sb;
};

void norm_hook_set_quote_voice(struct norm_hook *h, const char *voice);
void norm_hook_release(struct norm_hook *h);
/* A new line in[...], cut into tl, begins. */
void norm_hook_line(struct norm_hook *h, const char *in, const struct tok_line *tl);
/* Tokens consumed at i (a lexicon word, a quote mark), or 0. */
size_t norm_hook_expand(struct norm_hook *h, const struct tok_line *tl, size_t i,
			struct norm_out *o);
/* Token i as a foreign name (text/foreign.h) when it is one and the
 * foreign hook is set: the tokens consumed (1; 3 with an English
 * possessive: Müller's), else 0.  Asked after the language's rules. */
size_t norm_hook_foreign(struct norm_hook *h, const struct tok_line *tl, size_t i,
			 struct norm_out *o);
/* The line ends: close a quotation left open. */
void norm_hook_line_end(struct norm_hook *h, struct norm_out *o);

#endif
