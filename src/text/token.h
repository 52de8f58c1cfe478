/* token.h - split one line of text into tokens that keep their source span.
 *
 * The tokenizer is the one place where the normalizer looks at raw UTF-8.
 * It first maps typographic variants through a table (tok_map_cp()):
 *   U+00A0 NBSP, U+202F narrow NBSP, U+2009 thin space, tabs, controls -> ' '
 *   ’ ‘ ʼ -> '      « » “ ” „ -> "      – — ‐ ‑ − -> -      … -> ...
 *   superscript letters (ᵉ ʳ ᵐ ˡ ˢ ᵍ ᵈ ᵒ) -> plain letters ("Mᵐᵉ" -> "Mme")
 *   subscript digits (₀..₉) -> plain digits ("CO₂" -> "CO2")
 * then cuts the mapped text into maximal runs of one class:
 *   TOK_NUM   ASCII digits only: "2023", "14" (never a sign, dot or comma)
 *   TOK_WORD  letters (any non-ASCII code point that is not punctuation,
 *             combining marks included): "Stoltenberg", "km", "h", "e"
 *   TOK_PUNCT one code point of anything else: "." "," "-" "'" "/" "%" "€"
 *             "°" "²" "&" "@" "(" ...; '"' stands for every quote
 * Spaces are not tokens: a token whose TF_SPACE flag is set had white space
 * (of any kind) before it.  So "14h30" is NUM "14", WORD "h", NUM "30" with
 * no TF_SPACE on "h" and "30", while "14 h 30" has TF_SPACE on both, and
 * "l’UE" is WORD "l", PUNCT "'", WORD "UE".  Classifiers look at the
 * neighbours and these flags to decide what a run of tokens means.
 *
 * Every token has its text (after mapping; not NUL-terminated) and its
 * span [start, end) in bytes in the ORIGINAL line, for transcripts. */
#ifndef CRIEUR_TOKEN_H
#define CRIEUR_TOKEN_H

#include <stddef.h>
#include <stdint.h>

enum tok_kind {
	TOK_WORD,
	TOK_NUM,
	TOK_PUNCT,
};

enum tok_flag {
	TF_SPACE = 1 << 0,   /* white space before this token */
	TF_UPPER = 1 << 1,   /* WORD: first letter is upper case (ASCII or Latin-1) */
	TF_CAPS = 1 << 2,    /* WORD: every letter upper case, at least one */
	TF_ASCII = 1 << 3,   /* WORD: only ASCII letters */
	TF_FIRST = 1 << 4,   /* first token of the line */
};

struct token {
	enum tok_kind kind;
	unsigned flags;       /* enum tok_flag */
	const char *text;     /* mapped text, len bytes, not NUL-terminated */
	size_t len;
	size_t start, end;    /* span in the original line, bytes */
};

/* A tokenized line.  Owns the mapped text and the token array; reuse one
 * across lines with tok_line_init / tok_split ... / tok_line_release. */
struct tok_line {
	struct token *tok;
	size_t n, cap;
	char *text;           /* the mapped line */
	size_t text_len, text_cap;
	size_t *src;          /* src[i]: original offset of mapped byte i (+1 end) */
	size_t src_cap;
};

void tok_line_init(struct tok_line *tl);
void tok_line_release(struct tok_line *tl);

/* Tokenize in[0..len) (valid UTF-8, no NUL) into tl, replacing what tl
 * held.  Time and memory linear in len.  Invalid bytes, should any slip
 * through, are treated as spaces. */
void tok_split(struct tok_line *tl, const char *in, size_t len);

/* The typographic mapping of one code point: writes the replacement
 * (ASCII, at most 3 bytes) to out and returns its length; returns 0 when
 * cp maps to itself and -1 when it is dropped (soft hyphen, BOM, ZWSP). */
int tok_map_cp(uint32_t cp, char out[4]);

/* Helpers for classifiers.  i may be out of range (then false / NULL). */
int tok_is(const struct tok_line *tl, size_t i, enum tok_kind kind, const char *text);
int tok_is_punct(const struct tok_line *tl, size_t i, char c);
/* Token i is glued to the one before (no white space between). */
int tok_glued(const struct tok_line *tl, size_t i);
/* Token i has exactly this text, ignoring ASCII case. */
int tok_eq_ci(const struct token *t, const char *s);

#endif
