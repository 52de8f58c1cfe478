/* render.h - statements to speech: the chain from text to a sink.
 *
 * render_speech_stage() builds   synth -> resample -> channel map
 * from statements (headline, pause, paragraphs, pause between
 * statements), for live speech; files are rendered by bulletin.h. */
#ifndef CRIEUR_RENDER_H
#define CRIEUR_RENDER_H

#include "audio/stage.h"
#include "speech/voice.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/statement.h"

enum { SPEECH_LEXICONS_MAX = 16 };

typedef struct speech_options {
	const char *voice;   /* NULL: the language's default voice */
	const char *lang;    /* NULL: the voice's language */
	int rate;            /* words per minute; 0 keeps the voice's */
	int pitch;           /* 0..100; -1 keeps the voice's */
	int volume;          /* eSpeak NG's 1..200 (100 normal); 0 keeps */
	const char *lexicons[SPEECH_LEXICONS_MAX];   /* files, later wins */
	size_t n_lexicons;
	const char *quote_voice;   /* reads quotations; NULL: none */
	int ssml;                  /* statements are SSML (also when they
				    * start with <speak>: speech/ssml.h) */
} speech_options;


/* Pauses, in milliseconds. */
enum {
	PAUSE_AFTER_HEADLINE = 700,
	PAUSE_AFTER_PARAGRAPH = 450,
	PAUSE_BETWEEN_STATEMENTS = 1200,
};

/* Load the voice the options name (or the language's default), apply
 * the rate, pitch and volume overrides, and tell the text language. */
int render_pick_voice(const speech_options *opt, voice *v, const char **lang);

/* The lexicon for lang: the built-in one, then opt's files in order.
 * 0, or the first bad line's error ("FILE:LINE: ..."). */
int render_lexicon(const speech_options *opt, const char *lang, lexicon **out);

/* A normalizer for lang that uses lex (may be NULL; not owned) and
 * opt's quote voice. */
int render_normalizer(const speech_options *opt, const char *lang, lexicon *lex,
		      normalizer **out);

/* Where each spoken piece of a statement line came from (see
 * norm_line_map()). */
typedef struct render_line_map {
	struct norm_span *spans;
	size_t n;
} render_line_map;

/* Normalize each line of st and queue it on the synth stage syn with the
 * headline and paragraph pauses (CRIEUR_EINVAL for an SSML statement:
 * render_speech_stage() takes those, bulletins do not).  maps, when not NULL, has st->n_lines
 * entries and receives each line's spans (free with
 * render_line_maps_free()). */
int render_queue_statement(audio_stage *syn, normalizer *norm,
			   const statement *st, render_line_map *maps);
void render_line_maps_free(render_line_map *maps, size_t n);

/* Build the speech chain for n statements at fmt (fmt.rate 0 keeps the
 * synthesizer's rate).  *out owns everything it needs. */
int render_speech_stage(audio_stage **out, statement *st, size_t n,
			const speech_options *opt, audio_format fmt);

#endif
