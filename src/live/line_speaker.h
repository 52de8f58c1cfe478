/* line_speaker.h - `crieur say`: lines of text spoken live on the audio
 * device (and an Icecast stream) as they arrive (a bulletin played live
 * is bulletin/player.h).
 *
 * A speaker owns the device (a player sink) and a thread that speaks the
 * queued texts one after another through one speech chain
 * (speech/chain.h: voice, lexicons and normalizer loaded once; audio
 * handed to the device a buffer at a time, so a line is heard ~20 ms
 * after it arrives).
 * With `interrupt`, a new text cuts the one being spoken (eSpeak NG
 * aborted, the device faded out over a few ms) and drops the queue:
 * screen-reader style.  On crieur_interrupted the speaker fades out and
 * stops. */
#ifndef CRIEUR_LIVE_LINE_SPEAKER_H
#define CRIEUR_LIVE_LINE_SPEAKER_H

#include <stddef.h>
#include <stdio.h>
#include "speech/chain.h"

typedef struct line_speaker line_speaker;

typedef struct line_speaker_options {
	speech_options speech;
	enum speech_mode mode; /* a text is a statement (headline, pauses),
				* or a line as a screen reader says it */
	unsigned say_flags;    /* SPEECH_SSML: texts are SSML */
	const char *where;     /* the texts' name in messages (SSML audio
				* paths are relative to its folder); NULL:
				* "the input" */
	const char *device;    /* NULL: the default output */
	int buffer_ms;         /* the device ring (0: PLAYER_BUFFER_MS) */
	int interrupt;         /* a new text cuts the current one */
	/* An Icecast stream too (audio/sink_icecast.h), or instead of the
	 * device with no_device: open_stream(&sink, fmt, ctx) opens it in
	 * the speech's format (nonblocking beside the device, so that the
	 * network never holds up the sound card); each text's first line
	 * becomes the stream's title; a cut fades it out too.  NULL: none. */
	int (*open_stream)(audio_sink **out, audio_format fmt, int nonblocking,
			   void *ctx);
	void *stream_ctx;
	int no_device;
} line_speaker_options;

/* Open the device and load the voice and normalizer once.  CRIEUR_EDEVICE
 * (suggesting -o FILE) with no device, CRIEUR_EVOICE... */
int line_speaker_new(line_speaker **out, const line_speaker_options *opt);

/* Queue text (a statement: first line the headline; copied) that arrived
 * at arrival_ns (player_now_ns()).  0, or the speaker thread's error. */
int line_speaker_say(line_speaker *sp, const char *text, size_t len, long long arrival_ns);

/* Wait until everything queued has been played (and sent to the
 * stream); 0 or the first error (CRIEUR_EINTR after a signal, the device
 * faded out; CRIEUR_ENET when the stream never connected). */
int line_speaker_finish(line_speaker *sp);

typedef struct line_speaker_stats {
	size_t lines;                 /* lines whose first audio was played */
	double first_p50_ms, first_p95_ms, first_max_ms;
	long underruns;
	size_t cuts;                  /* lines cut by a newer one */
	double cut_max_ms;            /* arrival of the new line -> fade end */
	double stop_ms;               /* signal -> fade end; <0: none */
} line_speaker_stats;

void line_speaker_get_stats(line_speaker *sp, line_speaker_stats *st);


/* Stop the thread (fading out) and close the device; NULL does nothing. */
void line_speaker_free(line_speaker *sp);

#endif
