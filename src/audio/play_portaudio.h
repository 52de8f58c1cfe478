/* play_portaudio.h - the audio device as a sink, over PortAudio.
 *
 * write() copies frames into a lock-free ring buffer (waiting while it is
 * full); PortAudio's callback only copies out of the ring, never
 * allocating, locking or doing I/O.  finish() waits until everything
 * written has been played.
 *
 * Live use: the stream starts as soon as PLAYER_PREBUFFER_MS of audio is
 * written and then keeps running; whenever the ring has run dry it
 * gathers that prebuffer again before playing (or plays at once after
 * player_idle()).  Running dry is an underrun unless player_idle() said
 * no more input was coming.  player_cut() fades out what is playing and
 * drops the rest; abort() does the same before stopping. */
#ifndef CRIEUR_PLAY_PORTAUDIO_H
#define CRIEUR_PLAY_PORTAUDIO_H

#include <stdio.h>
#include "audio/stage.h"

/* Open the device named by `device` (NULL: the default output; a number:
 * PortAudio's device index; otherwise a case-insensitive substring of the
 * device's name) for fmt.  When the device cannot take fmt.rate, the
 * sink's fmt.rate is the device's own rate: resample to it.
 * buffer_ms sizes the ring (0: PLAYER_BUFFER_MS): how far ahead of the
 * device the producer may run, the margin against underruns.  Playback
 * starts once PLAYER_PREBUFFER_MS (at most half the ring) is written, or
 * at player_idle()/finish().  CRIEUR_EDEVICE with a clear detail when
 * there is no device. */
int player_open(audio_sink **out, const char *device, audio_format fmt,
		int buffer_ms);

enum { PLAYER_BUFFER_MS = 500, PLAYER_PREBUFFER_MS = 20 };

/* CLOCK_MONOTONIC in nanoseconds (the clock marks and cuts use). */
long long player_now_ns(void);

/* No more input for now (a line is done): running dry is not an
 * underrun, and what is in the ring plays without waiting for more. */
void player_idle(audio_sink *s);

/* write() and finish() also give up (CRIEUR_EINTR, detail "stopped"; a
 * finish() fades out first) when stop(ctx) returns non-zero; they always
 * do on crieur_interrupted. */
void player_set_stop(audio_sink *s, int (*stop)(void *ctx), void *ctx);

/* The next frame written starts a line that became due at due_ns
 * (player_now_ns()): the callback notes when it hands that frame over.
 * First-audio latency = that time - max(due, when the frame before it
 * was handed over), so a line queued behind another is not charged for
 * the wait. */
void player_mark(audio_sink *s, long long due_ns);

/* Hold the start: the stream starts now, silent, and the first frame
 * written is heard at start_ns (player_now_ns()'s clock), placed to the
 * frame by the device's own clock (PortAudio's output DAC time), not by
 * a sleep.  A start_ns already past starts at once.  Call before writing;
 * 0 or CRIEUR_EDEVICE. */
int player_start_at(audio_sink *s, long long start_ns);

/* When the first frame after player_start_at() reached the device (its
 * DAC time on player_now_ns()'s clock); 0 while held. */
long long player_started_ns(audio_sink *s);

/* Whether `device` (as player_open() takes it) names an output device:
 * 0, or CRIEUR_EDEVICE with the detail player_open() would give. */
int player_check_device(const char *device);

/* Fade out what is playing (a few ms, no click) and drop everything
 * written so far; waits until the callback has done it (at most 0.5 s).
 * Returns the milliseconds from since_ns to the end of the fade. */
double player_cut(audio_sink *s, long long since_ns);

typedef struct player_stats_t {
	long underruns;
	size_t lines;                /* marks whose first frame was played */
	double first_p50_ms, first_p95_ms, first_max_ms;
} player_stats_t;

/* Underruns and first-audio latencies so far. */
void player_stats(audio_sink *s, player_stats_t *st);

/* For tests: a player with no device (in *out), driven by player_pull(),
 * which runs the device callback's code for `frames` frames into out (as
 * the device would, from its own thread).  Returns 0 (it cannot fail). */
int player_new_offline(audio_sink **out, audio_format fmt, int buffer_ms);
void player_pull(audio_sink *s, float *out, unsigned long frames);

/* Keep PortAudio started between players (player_release() when done):
 * a program that opens the device again and again, on several threads
 * (crieur air), probes the back ends once, and never hides stderr (as
 * the probing does) while its other threads print. */
int player_hold(void);
void player_release(void);

/* An output device, as player_each_device() shows it. */
typedef struct player_device {
	int index;             /* what --device N takes */
	int is_default;
	const char *name, *host_api;
	double rate;           /* its default sample rate */
	int channels;          /* output channels at most */
} player_device;

/* Call fn for each output device.  CRIEUR_EDEVICE (suggesting -o FILE)
 * when there is none. */
int player_each_device(void (*fn)(void *ctx, const player_device *d),
		       void *ctx);

#endif
