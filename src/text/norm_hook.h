/* norm_hook.h - the normalizer's pronunciation hooks: lexicon words and
 * quotations in the quote voice (internal to normalize.c). */
#ifndef CRIEUR_NORM_HOOK_H
#define CRIEUR_NORM_HOOK_H

#include "base/strbuf.h"
#include "text/lang.h"
#include "text/lexicon.h"

struct norm_hook {
	lexicon *lex;          /* not owned; NULL: none */
	char *quote_voice;     /* NULL: none */
	const char *in;        /* the line being normalized */
	int in_quote;
	strbuf sb;
};

void norm_hook_set_quote_voice(struct norm_hook *h, const char *voice);
void norm_hook_release(struct norm_hook *h);
/* A new line in[...] begins. */
void norm_hook_line(struct norm_hook *h, const char *in);
/* Tokens consumed at i (a lexicon word, a quote mark), or 0. */
size_t norm_hook_expand(struct norm_hook *h, const struct tok_line *tl, size_t i,
			struct norm_out *o);
/* The line ends: close a quotation left open. */
void norm_hook_line_end(struct norm_hook *h, struct norm_out *o);

#endif
