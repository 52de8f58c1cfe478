/* synth.h - eSpeak NG as a pull stage of float audio.
 *
 * The stage holds a queue of text and pauses.  Each read that finds its
 * buffer empty synthesizes the next chunk (a sentence, at most
 * SYNTH_CHUNK_MAX bytes) with eSpeak NG's synchronous API and serves
 * frames from it, so memory stays bounded by one sentence of audio
 * whatever the input's length.  eSpeak NG is a process-wide engine: run
 * one synth stage at a time per process. */
#ifndef CRIEUR_SYNTH_H
#define CRIEUR_SYNTH_H

#include <stddef.h>
#include "audio/stage.h"
#include "speech/voice.h"

enum { SYNTH_CHUNK_MAX = 600 };

/* Start eSpeak NG once per process; its output rate, or a negative
 * error (CRIEUR_ESYNTH) with a detail. */
int synth_engine_init(void);

/* eSpeak NG's version string ("1.51"). */
const char *synth_engine_version(void);

/* A synth stage speaking with voice v (copied).  CRIEUR_EVOICE when
 * eSpeak NG rejects the voice. */
int synth_new(audio_stage **out, const voice *v);

/* Select voice v (and its rate, pitch...) in the engine, for
 * espeak_TextToPhonemes and the like.  0 or CRIEUR_EVOICE. */
int synth_use_voice(const voice *v);

/* Select eSpeak NG's own voice name ("fr+m3", "de") in the engine, for
 * espeak_TextToPhonemes and the like: 0, or -1 when it has no such
 * voice.  Every selection goes through here or synth_use_voice(): eSpeak
 * NG keeps a copy of the voice per selection until a synthesis takes it,
 * and these hand it over at once (no memory grows with selections). */
int synth_engine_voice(const char *name);

/* Blank in place what eSpeak NG (1.51) must not be given: the Greek
 * block's code points that are not letters (U+0380-0385, U+0387, U+038B,
 * U+038D, U+03A2, U+03F6) make its French voices read freed memory, in
 * espeak_Synth() and espeak_TextToPhonemes() alike (found by fuzz_ssml;
 * U+0080-06FF and U+1F00-1FFF scanned in fr and en: no other).  Each
 * becomes as many spaces as it had bytes: offsets hold.  Every text
 * handed to eSpeak NG goes through here first. */
void synth_engine_blank_unsafe(char *text, size_t len);

/* The respellings applied to a chunk of text in voice v before eSpeak NG
 * says it, in order: French words kept French (stay_native), names and
 * nouns without liaison (name_link), capital abbreviations as letters
 * (caps_letters).  Takes ownership of chunk (n bytes, NUL-terminated)
 * and returns the text to say, *n its length: synthesis and `crieur
 * phonemes` respell alike. */
char *synth_respell(const voice *v, char *chunk, size_t *n);

/* Queue text (valid UTF-8, already normalized) / a pause of ms.  Text
 * may hold [[phonemes]] (eSpeak NG mnemonics, spoken as such) and voice
 * marks (text/voicemark.h): it is then said in runs, each in its voice;
 * chunk offsets stay offsets in the text as given.  A mark naming no
 * voice fails the next read. */
void synth_add_text(audio_stage *s, const char *text, size_t len);
void synth_add_pause(audio_stage *s, int ms);
/* Queue an audio file played in place (SSML <audio>), decoded with
 * libsndfile, mono, at the stage's rate.  0 or an error naming path. */
int synth_add_audio(audio_stage *s, const char *path);

/* Queue an SSML mark: mark_fn (below) is called with name when synthesis
 * reaches it.  A mark inside a sentence adds no pause. */
void synth_add_mark(audio_stage *s, const char *name);

/* Called when synthesis reaches a mark (on the worker in live mode),
 * with the stage's frame where the audio after it begins. */
typedef void (*synth_mark_fn)(void *ctx, const char *name, long long frame);
void synth_set_mark_callback(audio_stage *s, synth_mark_fn fn, void *ctx);

/* Called as each chunk (a sentence) starts: the text item (0 for the
 * first synth_add_text(), 1 for the next...), the chunk's bytes
 * [start, end) in that text, and the stage's frame where its audio will
 * begin.  For transcripts: it maps written sentences to times. */
typedef void (*synth_chunk_fn)(void *ctx, size_t text_index, size_t start,
			       size_t end, long long frame);
void synth_set_chunk_callback(audio_stage *s, synth_chunk_fn fn, void *ctx);

/* Live mode, for playing as text arrives: a worker thread synthesizes
 * up to ahead_frames ahead of the reader, and each read returns as soon
 * as eSpeak NG has produced the frames asked for (a buffer of ~100 ms
 * at a time) rather than a whole sentence.  Set before the first read;
 * the chunk and mark callbacks then run on the worker.  Reads wait for audio:
 * read in small blocks for low latency.  Past the first read, a read that
 * finds nothing waits for batch_frames at least (0: for what it asks):
 * for a reader faster than eSpeak NG that only fills a buffer ahead (a
 * file, a player's read-ahead), not for one that plays what it reads. */
void synth_set_live(audio_stage *s, long ahead_frames, long batch_frames);

/* Stop synthesizing (eSpeak NG aborted within one of its buffers) once
 * stop(ctx) returns non-zero: reads then end early, with no error.  Also
 * always on crieur_interrupted (CRIEUR_EINTR).  stop must be thread-safe
 * in live mode. */
void synth_set_stop(audio_stage *s, int (*stop)(void *ctx), void *ctx);

/* Frames produced so far. */
long long synth_frames(const audio_stage *s);

/* Split-point for the next chunk of text[0..len): the end of the first
 * sentence, else the last space before max bytes, else max bytes moved
 * back to a UTF-8 boundary.  Exposed for tests. */
size_t synth_chunk_end(const char *text, size_t len, size_t max);

#endif
