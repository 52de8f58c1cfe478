/* speak.h - the one place sd_crieur turns text into audio.
 *
 * An utterance is a list of pieces said in order; after each piece may
 * come an index mark, so the caller needs to know the frame where each
 * piece's audio starts.  Pieces are normalized (crieur's normalizer and
 * the language's lexicon) unless marked raw (names of characters and
 * keys).  Audio is produced as eSpeak NG makes it (live: a worker
 * thread), mono, at the engine's rate, through the voice's processing;
 * no headline or paragraph pauses, no loudness pass: screen-reader
 * speech. */
#ifndef CRIEUR_SD_SPEAK_H
#define CRIEUR_SD_SPEAK_H

#include <stddef.h>
#include "speech/voice.h"

typedef struct sd_piece {
	const char *text;   /* valid UTF-8 */
	size_t len;
	int raw;            /* said as is, not normalized */
} sd_piece;

typedef struct sd_speech sd_speech;

/* Start saying n pieces with voice v, text language lang.  stop(ctx),
 * polled from any thread, ends the audio early.  0, or an error with a
 * detail (CRIEUR_EVOICE, CRIEUR_ESYNTH...). */
int sd_speech_open(sd_speech **out, const voice *v, const char *lang,
		   const sd_piece *pieces, size_t n, int (*stop)(void *ctx),
		   void *ctx);

/* The output rate (frames per second). */
int sd_speech_rate(const sd_speech *sp);

/* Up to frames frames (16-bit) into buf; waits for audio; fewer at the
 * end (or when stopped), negative on error. */
long sd_speech_read(sd_speech *sp, short *buf, long frames);

/* The frame where piece i's audio starts, or -1 while not known (a
 * piece with nothing to say never gets one). */
long long sd_speech_piece_frame(const sd_speech *sp, size_t i);

/* Stop and free; NULL does nothing. */
void sd_speech_free(sd_speech *sp);

#endif
