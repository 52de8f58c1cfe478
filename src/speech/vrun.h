/* vrun.h - normalized text cut into runs at its voice marks
 * (text/voicemark.h), each run with the voice that says it. */
#ifndef CRIEUR_VRUN_H
#define CRIEUR_VRUN_H

#include <stddef.h>
#include "speech/voice.h"

struct vrun {
	size_t start, end;     /* bytes of the text, marks excluded */
	const char *spec;      /* the mark in force ("lang:en"), NULL: base */
	size_t spec_len;
};

/* Cut text[0..len) into runs that hold something to say (letters,
 * digits or [[phonemes]]).  *runs is malloc'ed (free it); their count is
 * returned.  Unbalanced closing marks are ignored; marks nest up to 8. */
size_t vrun_split(const char *text, size_t len, struct vrun **runs);

/* The voice for a mark, from base: "lang:en" is base speaking English
 * (its eSpeak NG variant kept), "voice:NAME" loads NAME (rate scaled like
 * base's against its file).  0 or CRIEUR_EVOICE with a detail. */
int vrun_voice(const voice *base, const char *spec, size_t n, voice *out);

/* Text without marks: marks removed, "<lang:en>" / "</>" shown instead
 * when show is set (for `crieur normalize`). */
void vrun_strip(const char *text, size_t len, int show, char **out, size_t *out_len);

#endif
