/* sink_icecast.h - an Icecast (or Liquidsoap harbor) source over libshout.
 *
 * The sink is a ring and a sender thread.  write() only copies frames
 * into the ring; the sender encodes them (MP3 with LAME, or Ogg Opus with
 * libopusenc), sends them with shout_send() and paces itself with
 * shout_sync(), so the network never holds up the thread that writes
 * (which may be feeding a sound card at the same time).
 *
 * Faults never end the stream: the sender connects at open and again
 * whenever the connection is lost (the server down or killed, a wrong
 * password, the mount in use), reporting each change through the event
 * callback, and goes on consuming the ring at the audio's pace while it
 * is disconnected (what it cannot send is dropped: a live stream does not
 * fall behind).  Retries: a server that refuses the TCP connection (it is
 * not running) is probed again after 1, 2, 4, then every 4 s, so the
 * stream is back within 5 s of the server; a server that answers and
 * refuses the source (HTTP 401 or 403: password, mount in use) is asked
 * again after 1, 2, 4, 8, 16, then every 30 s.  Every new connection
 * starts a fresh encoder: an Ogg stream with its headers, an MP3 stream
 * with an empty bit reservoir, so listeners and relays can decode it.
 *
 * When nothing has been written for 0.3 s (before the first audio,
 * between texts or bulletins), the sender sends silence or the `fill`
 * stage, so the mount stays up and listeners stay connected.
 *
 * Now playing: icecast_sink_set_title() takes effect at the next frame
 * written: MP3 sends it as the stream's metadata (libshout's admin
 * request, which Icecast passes to listeners as ICY StreamTitle); Ogg
 * ends the current logical stream and chains a new one whose OpusTags
 * carry TITLE (Icecast reads it from there). */
#ifndef CRIEUR_SINK_ICECAST_H
#define CRIEUR_SINK_ICECAST_H

#include "audio/stage.h"

enum icecast_format { ICECAST_AUTO, ICECAST_MP3, ICECAST_OPUS };

/* An icecast://[user@]host[:port]/mount URL taken apart. */
typedef struct icecast_url {
	char user[64];      /* default "source" */
	char host[256];
	int port;           /* default 8000 */
	char mount[256];    /* starts with '/' */
} icecast_url;

/* Parse url; CRIEUR_EINVAL with a detail quoting it when it is not of
 * that form.  A password in the URL (user:pass@) is refused: passwords
 * come from a file or the environment, never the command line. */
int icecast_url_parse(const char *url, icecast_url *out);

/* The format for a mount by its extension (.mp3; .opus or .ogg), or
 * ICECAST_AUTO when it has neither. */
enum icecast_format icecast_format_for_mount(const char *mount);

/* The source password: the first line of path when path is not NULL
 * (refused with CRIEUR_EINVAL when the file is readable or writable by
 * group or others, as ssh refuses such keys), else the environment's
 * CRIEUR_ICECAST_PASSWORD.  *out is a new string; CRIEUR_EINVAL with a
 * clear detail when there is none. */
int icecast_password(const char *path, char **out);

typedef struct icecast_options {
	const char *url;            /* icecast://[user@]host[:port]/mount */
	const char *password_file;  /* NULL: $CRIEUR_ICECAST_PASSWORD */
	const char *password;       /* given (a mode-600 station file):
				     * used instead of the two above */
	enum icecast_format format; /* ICECAST_AUTO: by the mount's extension */
	int bitrate;                /* kbit/s; 0: 64 MP3 mono (128 stereo),
				     * 32 Opus mono (64 stereo) */
	const char *name, *description, *genre, *url_info;  /* may be NULL */
	const char *station;        /* now playing is "station — title" */
	int buffer_ms;              /* the ring; 0: ICECAST_BUFFER_MS */
	/* What the stream plays while nothing is written (between bulletins
	 * of a continuous stream): a never-ending stage in the sink's format
	 * (a looped `fill:` file, audio/loop.h), owned by the sink from open
	 * (freed on failure too); NULL: silence. */
	audio_stage *fill;
	/* 1: something else (a sound card) paces the writer: write() never
	 * waits, frames that do not fit are dropped (and counted).  0: write()
	 * waits for room, so the stream paces the writer. */
	int nonblocking;
	/* Benchmarks only: send as fast as the server takes it (no
	 * shout_sync()), to measure a stream-hour's cost in seconds. */
	int unpaced;
	/* Status changes (connected, lost, retrying), one line without a
	 * newline, called from the sender thread; NULL: silent. */
	void (*event)(void *ctx, const char *msg);
	void *event_ctx;
} icecast_options;

enum { ICECAST_BUFFER_MS = 2000 };

/* (finish() drains the ring and fails with CRIEUR_ENET when the sink
 * never connected at all: nothing reached the server.)
 *
 * Open the sink for fmt (1 or 2 channels; MP3 needs an MP3 rate) and
 * start the sender, which connects in the background: a server that is
 * down is not an error here.  Errors: a bad URL, no password, a format
 * that cannot be told, encoder settings refused. */
int icecast_sink_open(audio_sink **out, audio_format fmt,
		      const icecast_options *opt);

/* The stream's title from the next frame written ("station — title", or
 * title alone without a station). */
void icecast_sink_set_title(audio_sink *s, const char *title);

/* The stream's title from frame `at` (counted in frames written since
 * open; an earlier frame means at once).  Titles must come in order. */
void icecast_sink_set_title_at(audio_sink *s, long long at, const char *title);

/* Pre-roll: frames written from now wait in the ring until mono_ns
 * (CLOCK_MONOTONIC); until then the stream carries the fill (or
 * silence), so the first of them is sent at that instant. */
void icecast_sink_hold_until(audio_sink *s, long long mono_ns);

/* The CLOCK_MONOTONIC instant the first frame after a hold was sent
 * (0: not yet). */
long long icecast_sink_started_ns(audio_sink *s);

/* Frames written since open (for icecast_sink_set_title_at()). */
long long icecast_sink_written(audio_sink *s);

/* Wait until everything written has been sent, the stream going on
 * (a continuous mount between bulletins).  CRIEUR_EINTR when give_up(ctx)
 * or an interrupt came first; CRIEUR_ENET when the sender could not send
 * it within the ring's length and a grace (a hung server): the rest is
 * dropped. */
int icecast_sink_drain(audio_sink *s, int (*give_up)(void *ctx), void *ctx);

/* Drop what is written and not sent, fading its first fade_ms out (no
 * click); the stream goes on with the fill. */
void icecast_sink_cut(audio_sink *s, int fade_ms);

/* Change icecast_options.nonblocking while the stream runs. */
void icecast_sink_set_nonblocking(audio_sink *s, int nonblocking);

/* Wait until connected, at most timeout_ms; 1 if connected. */
int icecast_sink_wait_connected(audio_sink *s, int timeout_ms);

typedef struct icecast_stats {
	int connected;
	long connects;          /* successful connections so far */
	long long sent_bytes;
	long long dropped_frames;   /* nonblocking: the ring was full */
} icecast_stats;

void icecast_sink_stats(audio_sink *s, icecast_stats *st);

#endif
