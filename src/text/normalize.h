/* normalize.h - written text to the words a newsreader says.
 *
 * A normalizer is made for one language ("fr", "en", "fr-BE", "fr-CH") and
 * turns one line of valid UTF-8 at a time into plain text that eSpeak NG
 * reads as intended.  Its tables come from lexicon/ (compiled in, see
 * base/embed.h). */
#ifndef CRIEUR_NORMALIZE_H
#define CRIEUR_NORMALIZE_H

#include <stddef.h>
#include "base/strbuf.h"

typedef struct normalizer normalizer;

/* Make a normalizer for lang; CRIEUR_EINVAL with a detail for an unknown
 * language.  *out is NULL on failure. */
int norm_new(normalizer **out, const char *lang);
void norm_free(normalizer *n);

/* The language the normalizer was made for, as given to norm_new(). */
const char *norm_lang(const normalizer *n);

/* Append the spoken form of in[0..len) to out.  in is one line (no '\n'),
 * valid UTF-8 without NUL bytes.  Never fails on odd text: long digit
 * strings are read digit by digit, unknown symbols are dropped or passed
 * through; time and memory are linear in len. */
int norm_line(normalizer *n, const char *in, size_t len, strbuf *out);

/* norm_line() for lines of any length in memory bounded by a segment
 * (64 KB of input): the output is handed to flush in pieces, in order,
 * whose concatenation is what norm_line() appends; scratch is working
 * space, left as it was.  For `crieur normalize` on huge lines. */
typedef void (*norm_flush_fn)(void *ctx, const char *s, size_t n);
int norm_line_stream(normalizer *n, const char *in, size_t len, strbuf *scratch,
		     norm_flush_fn flush, void *ctx);

/* Where a piece of the output came from: output bytes [out_start, out_end)
 * (offsets into out->buf) say source bytes [src_start, src_end) of in.
 * Pieces are in output order and do not overlap; punctuation and the
 * spaces between words belong to no piece. */
struct norm_span {
	size_t out_start, out_end;
	size_t src_start, src_end;
};

/* norm_line(), also giving the pieces: *spans points to *count of them,
 * owned by n and valid until the next call on n. */
int norm_line_map(normalizer *n, const char *in, size_t len, strbuf *out,
		  const struct norm_span **spans, size_t *count);

/* Pronunciation hooks (norm_hook.c), consulted before the language's
 * rules.  With a lexicon (not owned, may be NULL), a word the lexicon
 * knows is said its way (lexicon.h) and keeps its span.  With a quote
 * voice (NULL: none), text inside « », “ ” or "" is wrapped in voice
 * marks (voicemark.h) for that voice. */
struct lexicon;
void norm_set_lexicon(normalizer *n, struct lexicon *lex);
void norm_set_quote_voice(normalizer *n, const char *voice);

/* Foreign names (text/foreign.h): a capitalized word that is no word of
 * the text's language and whose spelling, name tables or statement say
 * another language is handed to say(ctx, text_lang, lang, word, n, out),
 * which appends how to say it ("[[phonemes]]") and returns 0, or nonzero
 * to leave the word to the language's rules.  The lexicon wins over it.
 * say NULL: off (the default). */
typedef int (*norm_foreign_fn)(void *ctx, const char *text_lang, const char *lang,
			       const char *word, size_t n, strbuf *out);
void norm_set_foreign(normalizer *n, norm_foreign_fn say, void *ctx);
/* The foreign hook set (NULL: off) and its ctx: to wrap it. */
norm_foreign_fn norm_foreign(const normalizer *n, void **ctx);

#endif
