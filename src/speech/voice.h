/* voice.h - crieur voices: an eSpeak NG voice with its settings.
 *
 * A voice is a small text file, voices/NAME.voice (compiled in), or any
 * path ending in .voice; see voices/README.md for the format.  A bare
 * eSpeak NG voice name ("fr", "en-us", "fr+f3") is accepted too. */
#ifndef CRIEUR_VOICE_H
#define CRIEUR_VOICE_H

#include "audio/voicefx.h"

typedef struct voice {
	char name[64];
	char description[160];
	char language[16];  /* normalizer language: fr, en, fr-BE, fr-CH */
	char espeak[64];    /* eSpeak NG voice[+variant] */
	int rate;           /* words per minute, 80..450 */
	int pitch;          /* 0..100 */
	int range;          /* 0..100 */
	int volume;         /* 0..200 */
	char sample[256];   /* a demo sentence (say --sample) */
	voicefx_params fx;  /* post-processing (audio/voicefx.h) */
} voice;

/* Load a voice by name or path; CRIEUR_EVOICE (unknown name) or
 * CRIEUR_EFORMAT ("file:line: ...") with a detail. */
int voice_load(voice *v, const char *name);

/* The default voice name for a language ("fr" -> "fr-anchor"). */
const char *voice_default_for(const char *lang);

/* Call fn for each built-in voice, in name order. */
void voice_each_builtin(void (*fn)(const voice *v, void *ctx), void *ctx);

#endif
