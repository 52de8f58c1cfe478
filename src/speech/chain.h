/* chain.h - the speech chain factory: the one place where text becomes
 * audio.  Every consumer (build, play, say, and any new one: a stream, a
 * speech-dispatcher module) asks it for a chain; nobody wires the stages
 * by hand.
 *
 *   text -> normalizer (language, quote voice) -> lexicon(s)
 *        -> eSpeak NG (on its own thread, ahead of the reader)
 *        -> the voice's processing (voicefx) -> resample -> channel map
 *
 * Resampling: always libsoxr's MQ (RESAMPLE_SPEECH: 16-bit precision,
 * passband to 91% of Nyquist).  eSpeak NG's speech is band-limited well
 * inside that, and one decision means build, play and say make the same
 * samples at one output rate.  Speech is reproducible: the same
 * utterances in the same order give the same samples in any program
 * (eSpeak NG carries a little state, such as its pitch flutter's phase,
 * from one utterance to the next; its breath noise is drawn from a
 * per-thread rand(), speech/synth.c).
 *
 * Use:
 *   speech_chain *c;
 *   speech_options so;  speech_options_init(&so);  so.voice = "fr-anchor";
 *   speech_chain_new(&c, &so, &(speech_chain_config){ .fmt = { 44100, 1 } });
 *   speech_chain_say(c, text, len, 0);          (or SPEECH_SSML)
 *   while ((got = speech_chain_read(c, buf, 512)) > 0) send(buf, got);
 *   speech_chain_free(c);
 * or hand speech_chain_stage(c) to a sink, a mixer or a spill.
 *
 * An utterance is everything said since the last one ended: say() may be
 * called several times before the first read; reading it to its end (or
 * stop()) ends it, and the next say() starts a new one with the same
 * voice, lexicons and normalizer (loaded once per chain).  All calls but
 * speech_chain_stop() come from one thread at a time. */
#ifndef CRIEUR_SPEECH_CHAIN_H
#define CRIEUR_SPEECH_CHAIN_H

#include <stddef.h>
#include "audio/stage.h"
#include "speech/voice.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/statement.h"

enum { SPEECH_LEXICONS_MAX = 16 };

/* How to speak: what every speaking command and a bulletin's script
 * share.  Zero values (and pitch -1) keep the voice's own. */
typedef struct speech_options {
	const char *voice;   /* NULL: the language's default voice */
	const char *lang;    /* NULL: the voice's language */
	int rate;            /* words per minute; 0 keeps the voice's */
	int pitch;           /* 0..100; -1 keeps the voice's */
	int volume;          /* eSpeak NG's 1..200 (100 normal); 0 keeps */
	const char *lexicons[SPEECH_LEXICONS_MAX];   /* files, later wins */
	size_t n_lexicons;
	const char *quote_voice;   /* reads quotations; NULL: none */
	int expand_acronyms;       /* the built-in acronym tables' first-mention
				      expansions are said (a user lexicon's
				      always are) */
} speech_options;

/* Everything unset: the voice's own settings, no extra lexicon. */
#define SPEECH_OPTIONS_INIT { .pitch = -1 }
void speech_options_init(speech_options *o);

/* The name of the voice opt chooses: its voice, or its language's default
 * (French when it names neither). */
const char *speech_voice_name(const speech_options *opt);

/* Load the voice opt names (or the language's default), apply the rate,
 * pitch and volume overrides, and give the text language. */
int speech_pick_voice(const speech_options *opt, voice *v, const char **lang);

/* Pauses of a statement, in milliseconds. */
enum {
	PAUSE_AFTER_HEADLINE = 700,
	PAUSE_AFTER_PARAGRAPH = 450,
	PAUSE_BETWEEN_STATEMENTS = 1200,
};

/* The lexicon for lang: the built-in one, then opt's files in order;
 * the caller owns it.  0, or the first bad line's error ("FILE:LINE:
 * ..."). */
int speech_lexicon_load(const speech_options *opt, const char *lang,
			lexicon **out);

/* One lexicon per language, loaded once: the built-in one, then opt's
 * files in order.  First mentions (a lexicon entry's `expand`) count over
 * everything said with it: a bulletin shares one set between its items. */
typedef struct speech_lexicons speech_lexicons;

/* opt's lexicon files are copied.  Always succeeds (files are read by
 * speech_lexicons_get()). */
int speech_lexicons_new(speech_lexicons **out, const speech_options *opt);
/* The lexicon for lang (loaded on first use).  0, or the first bad
 * line's error ("FILE:LINE: ...").  Owned by lx. */
int speech_lexicons_get(speech_lexicons *lx, const char *lang, lexicon **out);
/* Forget every first mention (a pass that says everything again). */
void speech_lexicons_restart(speech_lexicons *lx);
void speech_lexicons_free(speech_lexicons *lx);

/* A normalizer for lang using lexicon lex (may be NULL; not owned) and
 * opt's quote voice. */
int speech_normalizer_new(normalizer **out, const speech_options *opt,
			  const char *lang, lexicon *lex);

enum speech_mode {
	/* Statements: the first line a headline, then paragraphs, with
	 * PAUSE_AFTER_HEADLINE / _PARAGRAPH between lines and
	 * PAUSE_BETWEEN_STATEMENTS between two say() of one utterance;
	 * eSpeak NG runs 1 s ahead of the reader (2 s to a file). */
	SPEECH_BULLETIN,
	/* Short strings spoken as given (lines joined, no pause added), for
	 * a screen reader: eSpeak NG runs up to 2 s ahead but hands audio
	 * over a buffer (~100 ms) at a time, so the first audio of a string
	 * is there ~20 ms after say(); read in small blocks. */
	SPEECH_SCREEN_READER,
};

typedef struct speech_chain_config {
	audio_format fmt;            /* output: rate 0 is the synthesizer's
				      * (22050), channels 0 is mono */
	enum speech_mode mode;
	speech_lexicons *lexicons;   /* shared (not owned): a bulletin's; NULL:
				      * the chain loads its own from opt */
	int to_file;                 /* SPEECH_BULLETIN read into a file, as
				      * fast as it comes: nobody waits on its
				      * first audio, so the reader is woken
				      * per second of it, not per quarter */
} speech_chain_config;

typedef struct speech_chain speech_chain;

/* Load the voice (opt's, or the language's default), the lexicons and
 * the normalizer once; opt is copied (its strings must outlive the
 * chain); cfg NULL is all defaults.  CRIEUR_EVOICE (an unknown voice or
 * quote voice), CRIEUR_EFORMAT (a bad lexicon line), CRIEUR_ESYNTH. */
int speech_chain_new(speech_chain **out, const speech_options *opt,
		     const speech_chain_config *cfg);

/* Free the chain (stopping synthesis first); NULL does nothing. */
void speech_chain_free(speech_chain *c);

enum speech_say_flags {
	SPEECH_SSML = 1,   /* the text is SSML (speech/ssml.h); text that
			    * starts with <speak> or <?xml is taken as SSML
			    * anyway */
};

/* Add text (valid UTF-8; copied) to the utterance: normalized and queued
 * now, so a bad text (SSML that does not parse, an unknown voice in it)
 * fails here with "the text:LINE: ...".  CRIEUR_EINVAL while an
 * utterance is being read; CRIEUR_EEMPTY for nothing to say. */
int speech_chain_say(speech_chain *c, const char *text, size_t len,
		     unsigned flags);

/* Where each spoken piece of a statement line came from (norm_line_map()),
 * for transcripts. */
typedef struct speech_line_map {
	struct norm_span *spans;
	size_t n;
} speech_line_map;
void speech_line_maps_free(speech_line_map *maps, size_t n);

/* speech_chain_say() for a statement (errors and SSML audio paths name
 * st->path).  maps, when not NULL, has st->n_lines entries and receives
 * each line's spans (free with speech_line_maps_free()). */
int speech_chain_say_statement(speech_chain *c, const statement *st,
			       unsigned flags, speech_line_map *maps);

/* Read up to frames frames of the utterance at the chain's format.
 * Returns the frames read, 0 at its end (or once stopped), or a negative
 * crieur_err.  A read never runs past an SSML <mark/> that was known
 * when it began: it returns the frames before it, and the mark is
 * reported (speech_mark_fn) at the start of the next read, once all the
 * audio before it has been handed out.  So a short read is not the end
 * here: only 0 is. */
long speech_chain_read(speech_chain *c, float *buf, long frames);

/* The chain as an audio stage (audio/stage.h: a short read is the end
 * of the utterance), for audio_pump(), a mixer or a spill; marks are
 * reported as the reads pass them.  The stage is the chain:
 * stage_free() on it is speech_chain_free(). */
audio_stage *speech_chain_stage(speech_chain *c);

/* Called on the reading thread as the reader reaches an SSML
 * <mark name="..."/>: frame is where it stands in the utterance's
 * output (frames from its start). */
typedef void (*speech_mark_fn)(void *ctx, const char *name, long long frame);
void speech_chain_set_mark_callback(speech_chain *c, speech_mark_fn fn,
				    void *ctx);

/* Called as each sentence of the utterance starts to be synthesized (on
 * the synthesis thread, ahead of the reader): the text it is in (0 for
 * the first line or say() of the utterance, 1 for the next...), its
 * bytes [start, end) in that text as normalized, and where its audio
 * begins, in seconds from the utterance's start. */
typedef void (*speech_chunk_fn)(void *ctx, size_t text_index, size_t start,
				size_t end, double seconds);
void speech_chain_set_chunk_callback(speech_chain *c, speech_chunk_fn fn,
				     void *ctx);

/* Stop the utterance from any thread (a signal handler aside): eSpeak NG
 * is aborted within one of its buffers and reads end (return 0) with no
 * error; marks not yet reached are dropped.  The next say() starts
 * afresh.  Also stopped while stop(ctx), when set, returns non-zero
 * (polled; thread-safe), and on crieur_interrupted (CRIEUR_EINTR). */
void speech_chain_stop(speech_chain *c);
void speech_chain_set_stop(speech_chain *c, int (*stop)(void *ctx), void *ctx);

/* The chain's output format, voice (after overrides) and text language. */
audio_format speech_chain_format(const speech_chain *c);
const voice *speech_chain_voice(const speech_chain *c);
const char *speech_chain_lang(const speech_chain *c);

#endif
