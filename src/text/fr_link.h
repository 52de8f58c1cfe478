/* fr_link.h - French acronyms said as a newsreader says them: elision and
 * liaison with a spelled letter or a lexicon's phonemes, and the choice
 * between a word, letters, or both for an unknown acronym.
 *
 * Data (lexicon/fr/): letters.tsv (letter names), elisions.tsv (elided
 * words and their phonemes), liaison.tsv (words that link), and
 * acronym_shape.tsv, acronym_words.tsv (phonotactics and respellings).
 * The tables are loaded once, on first use, and shared (read-only) by
 * every normalizer: the language module (lang_fr.c) and the lexicon hook
 * (norm_hook.c) both call these. */
#ifndef CRIEUR_FR_LINK_H
#define CRIEUR_FR_LINK_H

#include <stddef.h>
#include "base/strbuf.h"
#include "text/token.h"

/* Link the reading in sb of the word at token i to what comes before:
 *   after an elision glued to it ("l'", "qu'", "jusqu'"): a spelled first
 *   letter becomes its name ("l'a F P", "l'èf B I"); phonemes take the
 *   elided word inside them ("[[lyef'a]]");
 *   after a liaison word ("les", "deux"): a spelled first letter or
 *   phonemes that begin with a vowel take the consonant heard ("les zo N
 *   G", "deux zèf", "[[zyef'a]]").
 * A reading is spelled when its first word is one capital letter, and in
 * phonemes when it starts with "[[".  Returns how many bytes of the
 * output just before the word to drop (the elided word and its
 * apostrophe, moved into the phonemes), else 0; with may_drop 0 (the
 * output does not end with them), phonemes are left as they are. */
size_t frl_link(const struct tok_line *tl, size_t i, strbuf *sb, int may_drop);

enum frl_shape { FRL_SPELL, FRL_WORD, FRL_MIXED };

/* How the unknown acronym s[0..n) (capitals, UTF-8) is read; for
 * FRL_MIXED, *spelled gets the number of leading letters spelled before
 * the rest is read as a word ("PNUD": 1). */
enum frl_shape frl_shape(const char *s, size_t n, size_t *spelled);

/* Append the acronym s[0..n) as a word eSpeak NG reads right: capital
 * initial, lower case, respelled by acronym_words.tsv ("BERD" ->
 * "Berde", "INSEE" -> "Insé"). */
void frl_word(strbuf *sb, const char *s, size_t n);

/* Token i, a word in capitals, stands among words in capitals: a run of
 * three words or more in capitals (apostrophes and hyphens glued inside)
 * holding an ordinary French word of four letters or more ("NON À LA
 * RÉFORME", "LA FRANCE A PEUR" in a sentence in lower case).  Short
 * words are then the words of the language, as in a headline. */
int frl_caps_run(const struct tok_line *tl, size_t i);

/* Token i, in capitals, is one of the short French words that an acronym
 * also writes (acronym_shape.tsv "caps_words": CE, SA, MES...), in a
 * headline (headline set) or a run of capitals: the word, not the
 * acronym ("CE QU'IL FAUT SAVOIR", "ANNONCE SA CANDIDATURE"). */
int frl_caps_function(const struct tok_line *tl, size_t i, int headline);

/* Token i, in capitals, is a French article or preposition
 * (acronym_shape.tsv "determiners": LE, LA, DU...) before another word in
 * capitals: the word, not letters ("Pour LA CGT", "LE PSG"). */
int frl_caps_determiner(const struct tok_line *tl, size_t i);

/* Tokens i, i+2 are two French words joined by an apostrophe that is no
 * elision and make no word of the list ("Vert'libéraux", the Swiss
 * party): eSpeak NG would read the whole with its English rules. */
int frl_joined_words(const struct tok_line *tl, size_t i);

/* In the spelled letters of sb, a Y is "i grec": eSpeak NG reads a lone
 * Y among letters as the word "y" ("N Y T" would be "èn i té"). */
void frl_letter_y(strbuf *sb);

/* Append s[0..n) letter by letter, separated by spaces ("S N C F"). */
void frl_spell(strbuf *sb, const char *s, size_t n);

#endif
