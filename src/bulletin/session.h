/* session.h - a bulletin session: a bulletin's items, voices and lexicons
 * loaded once, before any audio is made.
 *
 * The two drivers of a bulletin read the same session: the file renderer
 * (bulletin.h, passes A/B/C) and the live player (player.h).  They differ
 * only in scheduling and in how loudness is planned; the words, voices,
 * lexicons (one per language for the whole bulletin: a first mention is
 * expanded once) and speech chains are the session's. */
#ifndef CRIEUR_BULLETIN_SESSION_H
#define CRIEUR_BULLETIN_SESSION_H

#include "bulletin/bulletin.h"
#include "speech/chain.h"
#include "speech/voice.h"
#include "text/statement.h"

/* An item as loaded: its statement, and the voice and language it is read
 * in (an item with its own voice speaks that voice's language). */
typedef struct bulletin_session_item {
	statement st;
	voice v;
	const char *lang;
} bulletin_session_item;

typedef struct bulletin_session {
	const bulletin_spec *spec;      /* not owned: outlives the session */
	bulletin_session_item *items;   /* spec->n_items */
	speech_lexicons *lexicons;      /* the bulletin's, one per language */
	long long intro, outro, sting;  /* the clips' lengths, output frames
					 * (0: none) */
	int to_file;                    /* the file renderer's: chains
					 * read as fast as they come
					 * (speech_chain_config) */
} bulletin_session;

/* Load every item (statement, voice, language), the lexicons of their
 * languages and the quote voice, and the clips' lengths: every input
 * error comes out here.  CRIEUR_EEMPTY without items. */
int bulletin_session_open(bulletin_session **out, const bulletin_spec *spec);

/* A speech chain for item i: its voice (rate scaled by rate_factor when
 * fitting a slot), the session's lexicons, output fmt, its statement
 * queued; maps as in speech_chain_say_statement(). */
int bulletin_session_chain(bulletin_session *ses, size_t i,
			   double rate_factor, audio_format fmt,
			   speech_line_map *maps, speech_chain **out);

/* NULL does nothing. */
void bulletin_session_free(bulletin_session *ses);

/* How item i of spec is spoken: the bulletin's speech options with the
 * item's voice, if it has one.  When neither the item nor the bulletin
 * chose a voice or a language, the language is written_in (the item's
 * language as lang_guess() read it, or as the session loaded it:
 * bulletin_session_item.lang; NULL: the default, French). */
void bulletin_item_speech(const bulletin_spec *spec, size_t i,
			  const char *written_in, speech_options *out);

/* The length of an audio file in spec's output frames (0 for NULL). */
int bulletin_clip_frames(const bulletin_spec *spec, const char *path,
			 long long *out);

/* An audio file as a stage in spec's output format (resampled with
 * libsoxr, channels mapped). */
int bulletin_open_clip(const bulletin_spec *spec, const char *path,
		       audio_stage **out);

#endif
