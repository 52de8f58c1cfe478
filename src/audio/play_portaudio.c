/* play_portaudio.c - device sink: ring buffer + PortAudio callback. */
#define _GNU_SOURCE
#include "audio/play_portaudio.h"
#include "base/error.h"
#include "base/util.h"

#include <alsa/asoundlib.h>
#include <ctype.h>
#include <fcntl.h>
#include <portaudio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

struct player {
	audio_sink base;
	PaStream *stream;
	float *ring;            /* ring_size samples */
	size_t ring_size;       /* a power of two */
	_Atomic size_t head;    /* written by write() */
	_Atomic size_t tail;    /* written by the callback */
	atomic_int draining;    /* no more input: silence is not an underrun */
	atomic_long underruns;
	int started, done, pa_up;
};

/* Silence ALSA's own messages while PortAudio probes the devices. */
static void alsa_quiet(const char *file, int line, const char *function,
		       int err, const char *fmt, ...)
{
}

/* Start PortAudio.  Its back ends (ALSA, JACK) print their probing
 * noise on stderr; hide it while they probe, keep our own messages. */
static int pa_start(void)
{
	int saved = dup(STDERR_FILENO), devnull = open("/dev/null", O_WRONLY);
	PaError e;

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
		return err_set(CRIEUR_EDEVICE, "cannot start PortAudio: %s",
			       Pa_GetErrorText(e));
	return 0;
}

/* Stop PortAudio and drop ALSA's cached configuration with it. */
static void pa_stop(void)
{
	Pa_Terminate();
	snd_config_update_free_global();
}

/* PortAudio's callback: copy out of the ring; zero-fill and count an
 * underrun when it runs dry before the end. */
static int on_play(const void *in, void *outp, unsigned long frames,
		   const PaStreamCallbackTimeInfo *ti,
		   PaStreamCallbackFlags flags, void *user)
{
	struct player *p = user;
	float *out = outp;
	size_t want = frames * (size_t)p->base.fmt.channels;
	size_t tail = atomic_load_explicit(&p->tail, memory_order_relaxed);
	size_t head = atomic_load_explicit(&p->head, memory_order_acquire);
	size_t avail = head - tail, n = avail < want ? avail : want;

	for (size_t i = 0; i < n; i++)
		out[i] = p->ring[(tail + i) & (p->ring_size - 1)];
	if (n < want) {
		memset(out + n, 0, (want - n) * sizeof(float));
		if (!atomic_load(&p->draining))
			atomic_fetch_add(&p->underruns, 1);
	}
	atomic_store_explicit(&p->tail, tail + n, memory_order_release);
	return paContinue;
}

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int player_start(struct player *p)
{
	PaError e = Pa_StartStream(p->stream);

	if (e != paNoError)
		return err_set(CRIEUR_EDEVICE, "cannot start playback: %s",
			       Pa_GetErrorText(e));
	p->started = 1;
	return 0;
}

static int player_write(audio_sink *self, const float *buf, long frames)
{
	struct player *p = (struct player *)self;
	size_t n = (size_t)frames * (size_t)self->fmt.channels;

	while (n > 0) {
		size_t head = atomic_load_explicit(&p->head, memory_order_relaxed);
		size_t tail = atomic_load_explicit(&p->tail, memory_order_acquire);
		size_t space = p->ring_size - (head - tail), k = n < space ? n : space;

		for (size_t i = 0; i < k; i++)
			p->ring[(head + i) & (p->ring_size - 1)] = buf[i];
		atomic_store_explicit(&p->head, head + k, memory_order_release);
		buf += k;
		n -= k;
		if (!p->started && (n || head + k >= p->ring_size / 2)) {
			/* the ring is full or half full: start playing */
			int err = player_start(p);
			if (err)
				return err;
		}
		if (crieur_interrupted)
			return err_set(CRIEUR_EINTR, "interrupted");
		if (n)
			nap(5);
	}
	return 0;
}

static int player_finish(audio_sink *self)
{
	struct player *p = (struct player *)self;
	int err = 0;

	atomic_store(&p->draining, 1);
	if (!p->started && atomic_load(&p->head) > 0)
		err = player_start(p);
	while (!err && p->started &&
	       atomic_load(&p->tail) != atomic_load(&p->head)) {
		if (crieur_interrupted) {
			err = err_set(CRIEUR_EINTR, "interrupted");
			break;
		}
		nap(5);
	}
	if (p->started) {
		if (err)
			Pa_AbortStream(p->stream);
		else
			Pa_StopStream(p->stream);   /* plays what the device holds */
	}
	p->started = 0;
	p->done = 1;
	return err;
}

static void player_abort(audio_sink *self)
{
	struct player *p = (struct player *)self;

	if (p->started)
		Pa_AbortStream(p->stream);
	p->started = 0;
	p->done = 1;
}

static void player_free(audio_sink *self)
{
	struct player *p = (struct player *)self;

	if (!p->done)
		player_abort(self);
	if (p->stream)
		Pa_CloseStream(p->stream);
	if (p->pa_up)
		pa_stop();
	free(p->ring);
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
	if (buffer_ms <= 0)
		buffer_ms = PLAYER_BUFFER_MS;
	p->ring_size = 1;
	while (p->ring_size < (size_t)p->base.fmt.rate * (size_t)fmt.channels *
	       (size_t)buffer_ms / 1000)
		p->ring_size <<= 1;
	p->ring = xcalloc(p->ring_size, sizeof(float));
	p->base.write = player_write;
	p->base.finish = player_finish;
	p->base.abort = player_abort;
	p->base.free = player_free;
	*outp = &p->base;
	return 0;
}

long player_underruns(const audio_sink *s)
{
	return atomic_load(&((struct player *)s)->underruns);
}

int player_list_devices(FILE *out)
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
		fprintf(out, "%c %2d  %s  (%s, %.0f Hz, %d ch)\n",
			i == def ? '*' : ' ', i, di->name,
			Pa_GetHostApiInfo(di->hostApi)->name,
			di->defaultSampleRate, di->maxOutputChannels);
	}
	pa_stop();
	if (!shown)
		return err_set(CRIEUR_EDEVICE, "no audio output device found; "
			       "render to a file instead with -o FILE");
	return 0;
}
