/* ssml.h - SSML 1.1 input (a realistic subset), parsed with libxml2 into
 * what the synth stage takes: text runs (normalized, with voice marks and
 * [[phonemes]]), pauses and audio clips.
 *
 * Elements: speak, p, s (a sentence end; p adds a 450 ms pause), break
 * (time="500ms"/"2s", or strength none..x-strong), prosody (rate, pitch,
 * volume: keywords or relative values, as a voice mark), emphasis (a
 * little slower, higher and louder), voice (name: a crieur voice or an
 * eSpeak NG voice; xml:lang), lang (xml:lang), sub (alias), phoneme
 * (alphabet="x-espeak" only: ph is eSpeak NG mnemonics, checked), audio
 * (src: a local file, played in place; its content is ignored), mark
 * (name: reported through the sink when its audio is reached), say-as interpret-as characters (spelled),
 * cardinal, ordinal, digits, date (format dmy, mdy, ymd, dm, md, my, ym),
 * time, telephone — eSpeak NG's own SSML lacks most of these, so crieur's
 * normalizer says them.  Anything else (an unknown element or
 * interpret-as, another phoneme alphabet, an unreadable audio file, XML
 * that does not parse) is an error "WHERE:LINE:COLUMN: ..." or
 * "WHERE:LINE: ...". */
#ifndef CRIEUR_SSML_H
#define CRIEUR_SSML_H

#include <stddef.h>
#include "audio/stage.h"
#include "base/strbuf.h"
#include "text/normalize.h"

/* Whether text (after white space) starts with <speak or <?xml. */
int ssml_detect(const char *text, size_t len);

/* Where SSML goes. */
typedef struct ssml_sink {
	void *ctx;
	void (*text)(void *ctx, const char *s, size_t n);   /* normalized */
	void (*pause)(void *ctx, int ms);
	int (*audio)(void *ctx, const char *path);          /* 0 or error */
	void (*mark)(void *ctx, const char *name);          /* may be NULL */
} ssml_sink;

/* Parse xml[0..len) named where (audio paths are relative to where's
 * folder), normalize its text with norm (language lang) and feed sink. */
int ssml_parse(const char *xml, size_t len, const char *where, normalizer *norm,
	       const char *lang, const ssml_sink *sink);

/* Parse and queue on a synth stage. */
int ssml_queue(audio_stage *syn, const char *xml, size_t len, const char *where,
	       normalizer *norm, const char *lang);

#endif
