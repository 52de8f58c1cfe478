/* play_portaudio.c - device sink: ring buffer + PortAudio callback. */
#define _GNU_SOURCE
#include "audio/play_portaudio.h"
#include "base/error.h"
#include "base/util.h"

#include <alsa/asoundlib.h>
#include <ctype.h>
#include <fcntl.h>
#include <portaudio.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

enum { MARKS = 1024, FADE_MS = 8, T0_WINDOW = 32 };

/* A mark: where a line's audio starts in the ring, and when the callback
 * handed its first frame (t_first) after the previous frame (t_prev). */
struct mark {
	long long pos;              /* sample index in the ring's stream */
	long long due_ns;           /* when the line became due */
	_Atomic long long t_first;  /* 0: not yet; -1: dropped by a cut */
	_Atomic long long t_prev;
};

struct player {
	audio_sink base;
	PaStream *stream;
	float *ring;            /* ring_size samples */
	size_t ring_size;       /* a power of two */
	size_t prebuffer;       /* samples to gather before (re)starting */
	_Atomic size_t head;    /* written by write() */
	_Atomic size_t tail;    /* written by the callback */
	atomic_int draining;    /* no more input for now: running dry is fine */
	atomic_long underruns;
	/* a cut: fade out, then skip to cut_to (set by player_cut()) */
	atomic_long cut_req, cut_ack;
	_Atomic size_t cut_to;
	_Atomic long long cut_done_ns;
	/* first-audio marks: producer owns mark_head, the callback mark_tail */
	struct mark marks[MARKS];
	atomic_long mark_head, mark_tail;
	long mark_harvested;
	double *lat_ms;         /* harvested first-audio latencies */
	size_t n_lat, cap_lat;
	/* the callback's own state */
	int playing, fade_left, fade_len;
	long seen_cut;
	long long last_data_ns;
	/* stop predicate for write() */
	int (*stop)(void *ctx);
	void *stop_ctx;
	/* a held start: the first frame is heard at hold_ns (monotonic) */
	_Atomic long long hold_ns, started_ns;
	long long frames_out;   /* frames handed to the device so far */
	long long t0_seen[T0_WINDOW];  /* when frame 0 reached the DAC, as
				   the last callbacks estimate it */
	int n_t0;
	atomic_long calls;      /* callbacks so far: the device's heartbeat */
	long seen_calls;
	long long seen_at;
	int started, done, pa_up, dead;
};

long long player_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Silence ALSA's own messages while PortAudio probes the devices. */
static void alsa_quiet(const char *file, int line, const char *function,
		       int err, const char *fmt, ...)
{
}

static pthread_mutex_t pa_lock = PTHREAD_MUTEX_INITIALIZER;
static int pa_users;

/* Start PortAudio (once for all its users in the process, which may be
 * on several threads).  Its back ends (ALSA, JACK) print their probing
 * noise on stderr; hide it while they probe, keep our own messages. */
static int pa_start(void)
{
	int saved, devnull;
	PaError e = paNoError;

	pthread_mutex_lock(&pa_lock);
	if (pa_users++ == 0) {
		saved = dup(STDERR_FILENO);
		devnull = open("/dev/null", O_WRONLY);
		snd_lib_error_set_handler(alsa_quiet);
		fflush(stderr);
		if (saved >= 0 && devnull >= 0)
			dup2(devnull, STDERR_FILENO);
		e = Pa_Initialize();
		if (saved >= 0) {
			dup2(saved, STDERR_FILENO);
			close(saved);
		}
		if (devnull >= 0)
			close(devnull);
		if (e != paNoError)
			pa_users = 0;
	}
	pthread_mutex_unlock(&pa_lock);
	if (e != paNoError)
		return err_set(CRIEUR_EDEVICE, "cannot start PortAudio: %s",
			       Pa_GetErrorText(e));
	return 0;
}

/* Stop PortAudio when its last user is done, and drop ALSA's cached
 * configuration with it. */
static void pa_stop(void)
{
	pthread_mutex_lock(&pa_lock);
	if (pa_users > 0 && --pa_users == 0) {
		Pa_Terminate();
		snd_config_update_free_global();
	}
	pthread_mutex_unlock(&pa_lock);
}

int player_hold(void)
{
	return pa_start();
}

void player_release(void)
{
	pa_stop();
}

/* Record the marks whose first frame lies in [tail, tail + n). */
static void note_marks(struct player *p, size_t tail, size_t n, long long now)
{
	long mt = atomic_load_explicit(&p->mark_tail, memory_order_relaxed);
	long mh = atomic_load_explicit(&p->mark_head, memory_order_acquire);

	for (; mt < mh; mt++) {
		struct mark *m = &p->marks[mt % MARKS];
		if (m->pos >= (long long)(tail + n))
			break;
		atomic_store(&m->t_prev, m->pos > (long long)tail ? now : p->last_data_ns);
		atomic_store(&m->t_first, now);
	}
	atomic_store_explicit(&p->mark_tail, mt, memory_order_release);
}

/* A cut's fade has ended: drop what is left of the cut audio and the
 * marks inside it. */
static size_t finish_cut(struct player *p, size_t tail, long long now)
{
	size_t to = atomic_load(&p->cut_to);
	long mt = atomic_load(&p->mark_tail), mh = atomic_load(&p->mark_head);

	if ((long long)(to - tail) > 0)
		tail = to;
	for (; mt < mh && p->marks[mt % MARKS].pos < (long long)tail; mt++)
		atomic_store(&p->marks[mt % MARKS].t_first, -1);
	atomic_store(&p->mark_tail, mt);
	p->playing = 0;
	atomic_store(&p->cut_done_ns, now);
	atomic_store(&p->cut_ack, p->seen_cut);
	return tail;
}

/* When this buffer's first frame reaches the DAC (monotonic ns).  The
 * device plays the frames handed to it back to back: frame S of the
 * stream at t0 + S / rate.  Each callback gives an estimate of t0 (its
 * DAC time, minus the frames before it); a callback that runs late (the
 * scheduler, a busy machine) overestimates it, never the reverse, so the
 * smallest of the last T0_WINDOW estimates is the truest; the window
 * lets t0 follow a device that drops cycles or drifts. */
static long long buffer_dac(struct player *p, const PaStreamCallbackTimeInfo *ti,
			    long long now, unsigned long frames)
{
	long long dac = now, t0, before = p->frames_out;
	long long spent = (long long)((double)before * 1e9 / p->base.fmt.rate);

	if (ti && ti->outputBufferDacTime > 0 &&
	    ti->outputBufferDacTime >= ti->currentTime)
		dac += (long long)((ti->outputBufferDacTime - ti->currentTime) * 1e9);
	p->frames_out += frames;
	p->t0_seen[p->n_t0++ % T0_WINDOW] = dac - spent;
	t0 = dac - spent;
	for (int i = 0; i < T0_WINDOW && i < p->n_t0; i++)
		if (p->t0_seen[i] < t0)
			t0 = p->t0_seen[i];
	return t0 + spent;
}

/* A held start: the frames of this buffer (whose first frame reaches
 * the DAC at dac) to keep silent before the one heard at hold_ns (all
 * of them when it is later than the buffer). */
static unsigned long held_frames(struct player *p, long long dac,
				 unsigned long frames)
{
	long long hold = atomic_load(&p->hold_ns), lead;

	lead = hold <= dac ? 0 : (long long)((double)(hold - dac) *
					      p->base.fmt.rate / 1e9 + 0.5);
	if (lead >= (long long)frames)
		return frames;
	atomic_store(&p->hold_ns, 0);
	atomic_store(&p->started_ns, dac + lead * 1000000000LL /
		     p->base.fmt.rate);
	p->playing = 1;
	return (unsigned long)lead;
}

/* PortAudio's callback: copy out of the ring (after a prebuffer when
 * starting from idle), fade out on a cut; zero-fill and count an
 * underrun when the ring runs dry in the middle of speech.  No
 * allocation, lock or I/O: atomics and clock_gettime (vDSO) only. */
static int on_play(const void *in, void *outp, unsigned long frames,
		   const PaStreamCallbackTimeInfo *ti,
		   PaStreamCallbackFlags flags, void *user)
{
	struct player *p = user;
	float *out = outp;
	int ch = p->base.fmt.channels;
	size_t want = frames * (size_t)ch, mask = p->ring_size - 1, n = 0;
	size_t tail = atomic_load_explicit(&p->tail, memory_order_relaxed);
	size_t head = atomic_load_explicit(&p->head, memory_order_acquire);
	long req = atomic_load(&p->cut_req);
	long long now = player_now_ns();
	int draining = atomic_load(&p->draining);

	long long dac = buffer_dac(p, ti, now, frames);

	atomic_fetch_add_explicit(&p->calls, 1, memory_order_relaxed);

	if (atomic_load(&p->hold_ns) && !p->fade_left && req == p->seen_cut) {
		size_t lead = held_frames(p, dac, frames) * (size_t)ch;

		memset(out, 0, lead * sizeof(float));
		out += lead;
		want -= lead;
	}
	if (req != p->seen_cut) {
		p->seen_cut = req;
		p->fade_left = p->playing ? p->fade_len : 0;
		if (!p->fade_left)
			tail = finish_cut(p, tail, now);
	}
	if (p->fade_left > 0) {
		size_t avail = head - tail;
		for (; n < want && p->fade_left > 0; n += (size_t)ch) {
			float g = (float)p->fade_left / (float)(p->fade_len + 1);
			for (int c = 0; c < ch; c++)
				out[n + (size_t)c] = n + (size_t)c < avail ?
					g * p->ring[(tail + n + (size_t)c) & mask] : 0.0f;
			p->fade_left--;
		}
		tail += n < avail ? n : avail;
		if (!p->fade_left)
			tail = finish_cut(p, tail, now);
	} else {
		size_t avail = head - tail;
		if (!p->playing && avail && (avail >= p->prebuffer || draining) &&
		    !atomic_load(&p->hold_ns))
			p->playing = 1;
		if (p->playing) {
			n = avail < want ? avail : want;
			note_marks(p, tail, n, now);
			for (size_t i = 0; i < n; i++)
				out[i] = p->ring[(tail + i) & mask];
			tail += n;
			if (n)
				p->last_data_ns = now;
			if (n < want) {
				if (!draining)
					atomic_fetch_add(&p->underruns, 1);
				p->playing = 0;
			}
		}
	}
	if (n < want)
		memset(out + n, 0, (want - n) * sizeof(float));
	atomic_store_explicit(&p->tail, tail, memory_order_release);
	return paContinue;
}

/* Move the marks the callback has recorded into p->lat_ms. */
static void player_harvest(struct player *p)
{
	long mt = atomic_load(&p->mark_tail);

	for (; p->mark_harvested < mt; p->mark_harvested++) {
		struct mark *m = &p->marks[p->mark_harvested % MARKS];
		long long first = atomic_load(&m->t_first), from = m->due_ns;

		if (first <= 0)
			continue;
		if (atomic_load(&m->t_prev) > from)
			from = atomic_load(&m->t_prev);
		if (p->n_lat == p->cap_lat) {
			p->cap_lat = p->cap_lat ? 2 * p->cap_lat : 64;
			p->lat_ms = xrealloc(p->lat_ms, p->cap_lat * sizeof(double));
		}
		p->lat_ms[p->n_lat++] = first > from ? (double)(first - from) / 1e6 : 0;
	}
}

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int player_start(struct player *p)
{
	PaError e = p->stream ? Pa_StartStream(p->stream) : paNoError;

	if (e != paNoError)
		return err_set(CRIEUR_EDEVICE, "cannot start playback: %s",
			       Pa_GetErrorText(e));
	p->started = 1;
	return 0;
}

/* The callback has not run for 2 s while started (a JACK server gone):
 * mark the stream dead, so that we never wait on it again. */
static int device_stalled(struct player *p)
{
	long calls = atomic_load(&p->calls);
	long long now = player_now_ns();

	if (!p->started || calls != p->seen_calls || !p->seen_at) {
		p->seen_calls = calls;
		p->seen_at = now;
		return 0;
	}
	if (now - p->seen_at < 2000000000LL)
		return 0;
	p->dead = 1;
	return err_set(CRIEUR_EDEVICE, "the audio device stopped playing");
}

static int stopped(struct player *p)
{
	if (crieur_interrupted)
		return err_set(CRIEUR_EINTR, "interrupted");
	if (p->stop && p->stop(p->stop_ctx))
		return err_set(CRIEUR_EINTR, "stopped");
	return 0;
}

static int player_write(audio_sink *self, const float *buf, long frames)
{
	struct player *p = (struct player *)self;
	size_t n = (size_t)frames * (size_t)self->fmt.channels;
	int err;

	if (n)
		atomic_store(&p->draining, 0);
	while (n > 0) {
		size_t head = atomic_load_explicit(&p->head, memory_order_relaxed);
		size_t tail = atomic_load_explicit(&p->tail, memory_order_acquire);
		size_t space = p->ring_size - (head - tail), k = n < space ? n : space;

		for (size_t i = 0; i < k; i++)
			p->ring[(head + i) & (p->ring_size - 1)] = buf[i];
		atomic_store_explicit(&p->head, head + k, memory_order_release);
		buf += k;
		n -= k;
		if (!p->started && head + k - tail >= p->prebuffer &&
		    (err = player_start(p)))
			return err;
		if ((err = stopped(p)) || (n && (err = device_stalled(p))))
			return err;
		if (n)
			nap(2);
	}
	return 0;
}

void player_idle(audio_sink *self)
{
	struct player *p = (struct player *)self;

	atomic_store(&p->draining, 1);
	if (!p->started && atomic_load(&p->head) != atomic_load(&p->tail))
		player_start(p);
}

int player_start_at(audio_sink *self, long long start_ns)
{
	struct player *p = (struct player *)self;

	atomic_store(&p->started_ns, 0);
	atomic_store(&p->hold_ns, start_ns > 0 ? start_ns : 1);
	return p->started ? 0 : player_start(p);
}

long long player_started_ns(audio_sink *self)
{
	return atomic_load(&((struct player *)self)->started_ns);
}

void player_set_stop(audio_sink *self, int (*stop)(void *), void *ctx)
{
	struct player *p = (struct player *)self;

	p->stop = stop;
	p->stop_ctx = ctx;
}

void player_mark(audio_sink *self, long long due_ns)
{
	struct player *p = (struct player *)self;
	long mh = atomic_load(&p->mark_head);

	player_harvest(p);
	if (mh - atomic_load(&p->mark_tail) >= MARKS)
		return;   /* the callback is far behind: skip this one */
	p->marks[mh % MARKS].pos = (long long)atomic_load(&p->head);
	p->marks[mh % MARKS].due_ns = due_ns;
	atomic_store(&p->marks[mh % MARKS].t_first, 0);
	atomic_store(&p->mark_head, mh + 1);
}

double player_cut(audio_sink *self, long long since_ns)
{
	struct player *p = (struct player *)self;
	long req = atomic_load(&p->cut_req) + 1;
	long long deadline = player_now_ns() + 500000000LL;

	atomic_store(&p->cut_to, atomic_load(&p->head));
	if (!p->started) {   /* no callback yet: drop everything here */
		atomic_store(&p->tail, atomic_load(&p->head));
		atomic_store(&p->cut_req, req);
		atomic_store(&p->cut_ack, req);
		p->seen_cut = req;
		atomic_store(&p->cut_done_ns, player_now_ns());
	} else {
		atomic_store(&p->cut_req, req);
		while (atomic_load(&p->cut_ack) != req && player_now_ns() < deadline)
			nap(1);
		if (atomic_load(&p->cut_ack) != req)
			device_stalled(p);
	}
	atomic_store(&p->draining, 1);
	return (double)(atomic_load(&p->cut_done_ns) - since_ns) / 1e6;
}

static int player_finish(audio_sink *self)
{
	struct player *p = (struct player *)self;
	int err = 0;

	atomic_store(&p->draining, 1);
	if (!p->started && atomic_load(&p->head) != atomic_load(&p->tail))
		err = player_start(p);
	p->seen_at = 0;
	while (!err && p->started && !p->dead &&
	       atomic_load(&p->tail) != atomic_load(&p->head)) {
		if ((err = stopped(p))) {
			player_cut(self, player_now_ns());
			break;
		}
		if ((err = device_stalled(p)))
			break;
		nap(2);
	}
	if (p->started && !p->dead && p->stream)
		Pa_StopStream(p->stream);   /* plays what the device holds */
	p->started = 0;
	p->done = 1;
	return err;
}

/* Give up: fade out what is playing (no click), then stop. */
static void player_abort(audio_sink *self)
{
	struct player *p = (struct player *)self;

	if (p->started && !p->dead) {
		player_cut(self, player_now_ns());
		if (!p->dead && p->stream)
			Pa_StopStream(p->stream);
	}
	p->started = 0;
	p->done = 1;
}

static void player_free(audio_sink *self)
{
	struct player *p = (struct player *)self;

	if (!p->done)
		player_abort(self);
	if (p->stream && !p->dead)   /* a dead stream would hang its close */
		Pa_CloseStream(p->stream);
	if (p->pa_up && !p->dead)
		pa_stop();
	free(p->ring);
	free(p->lat_ms);
	free(p);
}

/* Find the output device for spec; paNoDevice with a detail if none. */
static PaDeviceIndex find_device(const char *spec)
{
	int count = Pa_GetDeviceCount(), all_digits = 1;

	if (!spec) {
		PaDeviceIndex d = Pa_GetDefaultOutputDevice();
		if (d == paNoDevice)
			err_set(CRIEUR_EDEVICE, "no audio output device found; "
				"render to a file instead with -o FILE");
		return d;
	}
	for (const char *c = spec; *c; c++)
		all_digits &= isdigit((unsigned char)*c) != 0;
	for (int i = 0; i < count; i++) {
		const PaDeviceInfo *di = Pa_GetDeviceInfo(i);
		if (!di || di->maxOutputChannels < 1)
			continue;
		if (all_digits ? atoi(spec) == i : strcasestr(di->name, spec) != NULL)
			return i;
	}
	err_set(CRIEUR_EDEVICE, "no audio output device matches '%s' ('crieur "
		"devices' lists them)", spec);
	return paNoDevice;
}

/* Open the stream on dev at fmt, or at the device's rate if it refuses. */
static int open_stream(struct player *p, PaDeviceIndex dev, audio_format fmt)
{
	const PaDeviceInfo *di = Pa_GetDeviceInfo(dev);
	PaStreamParameters out = { dev, fmt.channels, paFloat32,
				   di->defaultHighOutputLatency, NULL };
	PaError e;

	if (Pa_IsFormatSupported(NULL, &out, fmt.rate) != paFormatIsSupported)
		fmt.rate = (int)di->defaultSampleRate;
	e = Pa_OpenStream(&p->stream, NULL, &out, fmt.rate,
			  paFramesPerBufferUnspecified, paNoFlag, on_play, p);
	if (e != paNoError)
		return err_set(CRIEUR_EDEVICE, "cannot open audio device '%s': %s",
			       di->name, Pa_GetErrorText(e));
	p->base.fmt = fmt;
	return 0;
}

/* Size the ring and set the sink's functions. */
static void player_setup(struct player *p, audio_format fmt, int buffer_ms)
{
	if (buffer_ms <= 0)
		buffer_ms = PLAYER_BUFFER_MS;
	p->ring_size = 1;
	while (p->ring_size < (size_t)p->base.fmt.rate * (size_t)fmt.channels *
	       (size_t)buffer_ms / 1000)
		p->ring_size <<= 1;
	p->ring = xcalloc(p->ring_size, sizeof(float));
	p->prebuffer = (size_t)p->base.fmt.rate * (size_t)fmt.channels *
		PLAYER_PREBUFFER_MS / 1000;
	if (p->prebuffer > p->ring_size / 2)
		p->prebuffer = p->ring_size / 2;
	p->fade_len = p->base.fmt.rate * FADE_MS / 1000;
	p->base.write = player_write;
	p->base.finish = player_finish;
	p->base.abort = player_abort;
	p->base.free = player_free;
}

int player_open(audio_sink **outp, const char *device, audio_format fmt,
		int buffer_ms)
{
	struct player *p;
	PaDeviceIndex dev;
	int err;

	*outp = NULL;
	if ((err = pa_start()))
		return err;
	p = xcalloc(1, sizeof(*p));
	p->pa_up = 1;
	if ((dev = find_device(device)) == paNoDevice ||
	    (err = open_stream(p, dev, fmt))) {
		player_free(&p->base);
		return err ? err : CRIEUR_EDEVICE;
	}
	player_setup(p, fmt, buffer_ms);
	*outp = &p->base;
	return 0;
}

int player_new_offline(audio_sink **out, audio_format fmt, int buffer_ms)
{
	struct player *p = xcalloc(1, sizeof(*p));

	p->base.fmt = fmt;
	player_setup(p, fmt, buffer_ms);
	*out = &p->base;
	return 0;
}

void player_pull(audio_sink *s, float *out, unsigned long frames)
{
	on_play(NULL, out, frames, NULL, 0, s);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void player_stats(audio_sink *self, player_stats_t *st)
{
	struct player *p = (struct player *)self;
	double *v;

	player_harvest(p);
	memset(st, 0, sizeof(*st));
	st->underruns = atomic_load(&p->underruns);
	st->lines = p->n_lat;
	if (!p->n_lat)
		return;
	v = xcalloc(p->n_lat, sizeof(double));
	memcpy(v, p->lat_ms, p->n_lat * sizeof(double));
	qsort(v, p->n_lat, sizeof(double), cmp_double);
	st->first_p50_ms = v[(p->n_lat - 1) / 2];
	st->first_p95_ms = v[(size_t)((double)(p->n_lat - 1) * 0.95 + 0.5)];
	st->first_max_ms = v[p->n_lat - 1];
	free(v);
}

int player_check_device(const char *device)
{
	int err = pa_start();

	if (err)
		return err;
	err = find_device(device) == paNoDevice ? CRIEUR_EDEVICE : 0;
	pa_stop();
	return err;
}

int player_each_device(void (*fn)(void *ctx, const player_device *d),
		       void *ctx)
{
	int err = pa_start(), count, shown = 0;
	PaDeviceIndex def;

	if (err)
		return err;
	count = Pa_GetDeviceCount();
	def = Pa_GetDefaultOutputDevice();
	for (int i = 0; i < count; i++) {
		const PaDeviceInfo *di = Pa_GetDeviceInfo(i);
		if (!di || di->maxOutputChannels < 1)
			continue;
		shown++;
		fn(ctx, &(player_device){ i, i == def, di->name,
					  Pa_GetHostApiInfo(di->hostApi)->name,
					  di->defaultSampleRate,
					  di->maxOutputChannels });
	}
	pa_stop();
	if (!shown)
		return err_set(CRIEUR_EDEVICE, "no audio output device found; "
			       "render to a file instead with -o FILE");
	return 0;
}
