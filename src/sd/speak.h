/* speak.h - the one place sd_crieur turns text into audio.
 *
 * A message is a list of pieces said in order, each maybe followed by an
 * index mark.  They go through the speech chain factory (speech/chain.h)
 * in screen-reader mode: normalizer, lexicon, eSpeak NG, the voice's
 * processing, at the engine's rate, mono; no headline or paragraph
 * pauses, no loudness pass.  Audio comes as eSpeak NG makes it. */
#ifndef CRIEUR_SD_SPEAK_H
#define CRIEUR_SD_SPEAK_H

#include <stddef.h>
#include "speech/voice.h"

typedef struct sd_piece {
	const char *text;   /* valid UTF-8 */
	size_t len;
	int raw;            /* names (of characters, keys): plain words the
			     * normalizer leaves as they are */
	const char *mark;   /* the index mark after it, or NULL */
} sd_piece;

/* A mark is reached: all the audio before it has been read.  Called on
 * the reading thread, inside sd_speech_read(); non-zero stops the
 * message there (the reads end). */
typedef int (*sd_mark_fn)(void *ctx, const char *name);

typedef struct sd_speech sd_speech;

/* Start saying n pieces with voice v (its name, rate, pitch and volume:
 * the chain takes no pitch range), text language lang.  stop(ctx),
 * polled from any thread, ends the audio early; on_mark (may be NULL)
 * gets the marks.  0, or an error with a detail (CRIEUR_EVOICE,
 * CRIEUR_ESYNTH...). */
int sd_speech_open(sd_speech **out, const voice *v, const char *lang,
		   const sd_piece *pieces, size_t n, int (*stop)(void *ctx),
		   sd_mark_fn on_mark, void *ctx);

/* The output rate (frames per second). */
int sd_speech_rate(const sd_speech *sp);

/* Up to frames frames (16-bit) into buf, waiting for audio: never past
 * a mark (reported at the start of the next read).  0 at the end (after
 * the last marks) or once stopped; negative on error.  A short read is
 * not the end. */
long sd_speech_read(sd_speech *sp, short *buf, long frames);

/* Stop and free; NULL does nothing. */
void sd_speech_free(sd_speech *sp);

#endif
