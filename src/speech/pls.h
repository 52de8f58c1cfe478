/* pls.h - W3C Pronunciation Lexicon Specification (PLS 1.0) import.
 *
 * Supported: <lexicon alphabet="x-espeak" xml:lang="...">, <lexeme> with
 * one or more <grapheme> (each becomes a headword) and its first
 * <alias> (a respelling) or first <phoneme> in the x-espeak alphabet
 * (eSpeak NG mnemonics, checked like a lexicon's [[...]]).  Refused, with
 * the lexeme's line: phonemes in any other alphabet (ipa, x-sampa: no
 * conversion is attempted), a lexeme with neither alias nor phoneme. */
#ifndef CRIEUR_PLS_H
#define CRIEUR_PLS_H

#include "base/strbuf.h"

/* Convert the PLS file at path to lexicon lines in out; lang is used
 * when the file gives no xml:lang.  0 or CRIEUR_EFORMAT/ENOENT with a
 * detail "FILE:LINE: ...". */
int pls_convert(const char *path, const char *lang, strbuf *out, char *lang_out,
		size_t lang_cap);

/* pls_convert(), check the result as a lexicon, write it to out_path
 * ("-": standard output). */
int pls_import(const char *path, const char *lang, const char *out_path);

#endif
