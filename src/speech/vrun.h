/* vrun.h - normalized text cut into runs at its voice marks
 * (text/voicemark.h), each run with the voice that says it. */
#ifndef CRIEUR_VRUN_H
#define CRIEUR_VRUN_H

#include <stddef.h>
#include "speech/voice.h"

struct vrun {
	size_t start, end;     /* bytes of the text, marks excluded */
	const char *spec;      /* the marks in force, outermost first, joined
				* by '|' ("voice:x|lang:en"); NULL: none */
	size_t spec_len;
};

/* Cut text[0..len) into runs that hold something to say (letters,
 * digits or [[phonemes]]).  Free with vrun_free(); their count is
 * returned.  Unbalanced closing marks are ignored; marks nest up to 8. */
size_t vrun_split(const char *text, size_t len, struct vrun **runs);
void vrun_free(struct vrun *runs, size_t n);

/* The voice for a run's marks, applied in turn to base:
 *   lang:en          the voice speaking English (its eSpeak NG variant
 *                    kept: fr+m3 -> en+m3)
 *   voice:NAME       NAME (a built-in voice, a .voice file, an eSpeak NG
 *                    voice), its rate scaled as the voice before was
 *                    against its own file (--rate, a bulletin's slot fit)
 *   prosody:r=R,p=P,v=V  rate x R, pitch + P (0-100 scale), volume x V
 * 0 or CRIEUR_EVOICE with a detail. */
int vrun_voice(const voice *base, const char *spec, size_t n, voice *out);

/* Text without marks: marks removed, "<lang:en>" / "</>" shown instead
 * when show is set (for `crieur normalize`). */
void vrun_strip(const char *text, size_t len, int show, char **out, size_t *out_len);

#endif
