/* render.h - statements to speech: the chain from text to a sink.
 *
 * render_speech_stage() builds   synth -> resample -> channel map
 * from statements (headline, pause, paragraphs, pause between
 * statements); render_to_file() pumps it into an MP3/WAV/FLAC writer. */
#ifndef CRIEUR_RENDER_H
#define CRIEUR_RENDER_H

#include "audio/encode_mp3.h"
#include "audio/stage.h"
#include "speech/voice.h"
#include "text/normalize.h"
#include "text/statement.h"

typedef struct speech_options {
	const char *voice;   /* NULL: the language's default voice */
	const char *lang;    /* NULL: the voice's language */
	int rate;            /* words per minute; 0 keeps the voice's */
	int pitch;           /* 0..100; -1 keeps the voice's */
	int volume;          /* eSpeak NG's 1..200 (100 normal); 0 keeps */
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

/* Load the voice the options name (or the language's default), apply
 * the rate, pitch and volume overrides, and tell the text language. */
int render_pick_voice(const speech_options *opt, voice *v, const char **lang);

/* Where each spoken piece of a statement line came from (see
 * norm_line_map()). */
typedef struct render_line_map {
	struct norm_span *spans;
	size_t n;
} render_line_map;

/* Normalize each line of st and queue it on the synth stage syn with the
 * headline and paragraph pauses.  maps, when not NULL, has st->n_lines
 * entries and receives each line's spans (free with
 * render_line_maps_free()). */
int render_queue_statement(audio_stage *syn, normalizer *norm,
			   const statement *st, render_line_map *maps);
void render_line_maps_free(render_line_map *maps, size_t n);

/* Build the speech chain for n statements at fmt (fmt.rate 0 keeps the
 * synthesizer's rate).  *out owns everything it needs. */
int render_speech_stage(audio_stage **out, statement *st, size_t n,
			const speech_options *opt, audio_format fmt);

/* Render statements into out_path (format by extension; "-" is MP3 on
 * stdout).  *seconds receives the duration written. */
int render_to_file(statement *st, size_t n, const char *out_path,
		   const render_options *opt, double *seconds);

#endif
