/* voicemark.h - voice changes inside normalized text.
 *
 * The normalizer's output is plain text for eSpeak NG, except where part
 * of it is to be said in another voice (a lexicon's lang=en reading, a
 * quotation read in the quote voice, an SSML <voice>/<lang>).  There it
 * writes marks with ESC (0x1B), which never survives tokenization, so it
 * cannot come from the input:
 *   ESC "lang:en" ESC     the current voice speaking another language
 *   ESC "voice:NAME" ESC  a crieur voice (voices/NAME.voice or a file)
 *   ESC ESC               back to the voice before
 * Marks nest.  The synth stage (speech/synth.h) splits text into runs at
 * the marks; `crieur normalize` shows them as <lang:en>...</>. */
#ifndef CRIEUR_VOICEMARK_H
#define CRIEUR_VOICEMARK_H

#define VMARK '\x1b'
#define VMARK_S "\x1b"

#endif
