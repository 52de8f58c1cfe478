/* render.h - statements to speech: the chain from text to a sink.
 *
 * render_speech_stage() builds   synth -> resample -> channel map
 * from statements (headline, pause, paragraphs, pause between
 * statements); render_to_file() pumps it into an MP3/WAV/FLAC writer. */
#ifndef CRIEUR_RENDER_H
#define CRIEUR_RENDER_H

#include "audio/encode_mp3.h"
#include "audio/stage.h"
#include "text/statement.h"

typedef struct speech_options {
	const char *voice;   /* NULL: the language's default voice */
	const char *lang;    /* NULL: the voice's language */
	int rate;            /* words per minute; 0 keeps the voice's */
	int pitch;           /* 0..100; -1 keeps the voice's */
} speech_options;

typedef struct render_options {
	speech_options speech;
	int samplerate;      /* output rate; 0 for 44100 */
	int channels;        /* 0 for 1 */
	mp3_options mp3;
} render_options;

/* Pauses, in milliseconds. */
enum {
	PAUSE_AFTER_HEADLINE = 700,
	PAUSE_AFTER_PARAGRAPH = 450,
	PAUSE_BETWEEN_STATEMENTS = 1200,
};

/* Build the speech chain for n statements at fmt (fmt.rate 0 keeps the
 * synthesizer's rate).  *out owns everything it needs. */
int render_speech_stage(audio_stage **out, statement *st, size_t n,
			const speech_options *opt, audio_format fmt);

/* Render statements into out_path (format by extension; "-" is MP3 on
 * stdout).  *seconds receives the duration written. */
int render_to_file(statement *st, size_t n, const char *out_path,
		   const render_options *opt, double *seconds);

#endif
