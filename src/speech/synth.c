/* synth.c - the eSpeak NG synthesis stage. */
#include "speech/synth.h"
#include "base/error.h"
#include "base/util.h"

#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct item {
	size_t text_index;  /* among the text items */
	char *text;     /* NULL for a pause */
	size_t len;
	size_t pos;     /* bytes already synthesized */
	long pause;     /* frames of silence still to give */
};

struct synth {
	audio_stage base;
	voice v;
	struct item *items;
	size_t n_items, cap_items, cur;
	short *pcm;     /* the current chunk's audio */
	size_t pcm_len, pcm_cap, pcm_pos;
	long long frames;   /* frames handed out so far */
	size_t n_texts;     /* text items queued */
	synth_chunk_fn on_chunk;
	void *on_chunk_ctx;
	int failed;
	int (*stop)(void *ctx);   /* abort synthesis when it returns non-zero */
	void *stop_ctx;
	struct synth_live *live;  /* NULL: synthesize in read() */
};

/* Live mode: a worker thread synthesizes into a bounded ring of samples
 * as eSpeak NG hands them over, so reads get audio a buffer at a time
 * instead of a sentence at a time. */
struct synth_live {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	short *ring;
	long size;                  /* samples */
	long long put, got;         /* samples written / read */
	long long produced;         /* frames produced by the worker */
	int started, ended, quit, error;
	char detail[512];
};

static int engine_rate;
static pthread_once_t engine_once = PTHREAD_ONCE_INIT;

static int should_stop(struct synth *s)
{
	return crieur_interrupted || (s->stop && s->stop(s->stop_ctx)) ||
		(s->live && s->live->quit);
}

static void timed_wait(struct synth_live *l, long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += ms * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(&l->changed, &l->lock, &ts);
}

/* Live: copy samples (NULL: silence) into the ring, waiting for room.
 * 1 when synthesis should stop. */
static int live_put(struct synth *s, const short *wav, long n)
{
	struct synth_live *l = s->live;

	while (n > 0) {
		long k, at;

		pthread_mutex_lock(&l->lock);
		while (l->put - l->got >= l->size && !should_stop(s))
			timed_wait(l, 5);
		if (should_stop(s)) {
			pthread_mutex_unlock(&l->lock);
			return 1;
		}
		k = l->size - (long)(l->put - l->got);
		at = (long)(l->put % l->size);
		if (k > n)
			k = n;
		if (k > l->size - at)
			k = l->size - at;
		if (wav)
			memcpy(l->ring + at, wav, (size_t)k * sizeof(short));
		else
			memset(l->ring + at, 0, (size_t)k * sizeof(short));
		l->put += k;
		l->produced += k;
		pthread_cond_broadcast(&l->changed);
		pthread_mutex_unlock(&l->lock);
		if (wav)
			wav += k;
		n -= k;
	}
	return 0;
}

/* eSpeak NG hands us audio here, in the caller's thread. */
static int on_audio(short *wav, int n, espeak_EVENT *events)
{
	struct synth *s = events ? events->user_data : NULL;

	if (!s)
		return 0;
	if (s->live)
		return (wav && n > 0 && live_put(s, wav, n)) || should_stop(s);
	if (wav && n > 0) {
		if (s->pcm_len + (size_t)n > s->pcm_cap) {
			s->pcm_cap = (s->pcm_len + (size_t)n) * 2;
			s->pcm = xrealloc(s->pcm, s->pcm_cap * sizeof(short));
		}
		memcpy(s->pcm + s->pcm_len, wav, (size_t)n * sizeof(short));
		s->pcm_len += (size_t)n;
	}
	return should_stop(s);
}

static void engine_start(void)
{
	int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL,
				     espeakINITIALIZE_DONT_EXIT);

	if (rate > 0)
		espeak_SetSynthCallback(on_audio);
	engine_rate = rate;
}

int synth_engine_init(void)
{
	pthread_once(&engine_once, engine_start);
	if (engine_rate <= 0)
		return err_set(CRIEUR_ESYNTH, "cannot start eSpeak NG (is "
			       "espeak-ng-data installed?)");
	return engine_rate;
}

const char *synth_engine_version(void)
{
	const char *path = NULL;

	return espeak_Info(&path);
}

size_t synth_chunk_end(const char *t, size_t len, size_t max)
{
	size_t limit = len < max ? len : max, last_space = 0;

	for (size_t i = 0; i < limit; i++) {
		if ((t[i] == '.' || t[i] == '!' || t[i] == '?' || t[i] == ';') &&
		    i + 1 < len && t[i + 1] == ' ')
			return i + 1;
		if (t[i] == ' ')
			last_space = i;
	}
	if (len <= max)
		return len;
	if (last_space)
		return last_space;
	while (limit > 1 && ((unsigned char)t[limit] & 0xC0) == 0x80)
		limit--;
	return limit;
}

/* Select s's voice and settings in the (global) engine. */
static int apply_voice(struct synth *s)
{
	if (espeak_SetVoiceByName(s->v.espeak) != EE_OK) {
		/* a language name ("en-us"): select by properties */
		char lang[64];
		espeak_VOICE sel;

		snprintf(lang, sizeof(lang), "%s", s->v.espeak);
		lang[strcspn(lang, "+")] = '\0';
		memset(&sel, 0, sizeof(sel));
		sel.languages = lang;
		if (espeak_SetVoiceByProperties(&sel) != EE_OK)
			return err_set(CRIEUR_EVOICE, "eSpeak NG has no voice "
				       "'%s' (voice '%s')", s->v.espeak, s->v.name);
	}
	espeak_SetParameter(espeakRATE, s->v.rate, 0);
	espeak_SetParameter(espeakPITCH, s->v.pitch, 0);
	espeak_SetParameter(espeakRANGE, s->v.range, 0);
	espeak_SetParameter(espeakVOLUME, s->v.volume, 0);
	return 0;
}

/* Synthesize the next chunk of item it into s->pcm. */
static int synth_chunk(struct synth *s, struct item *it)
{
	size_t n = synth_chunk_end(it->text + it->pos, it->len - it->pos,
				   SYNTH_CHUNK_MAX);
	char *chunk = xstrndup(it->text + it->pos, n);
	espeak_ERROR e;
	int err;

	if (s->on_chunk)
		s->on_chunk(s->on_chunk_ctx, it->text_index, it->pos, it->pos + n,
			    s->live ? s->live->produced : s->frames);
	it->pos += n;
	s->pcm_len = s->pcm_pos = 0;
	if ((err = apply_voice(s))) {
		free(chunk);
		return err;
	}
	e = espeak_Synth(chunk, n + 1, 0, POS_CHARACTER, 0,
			 espeakCHARS_UTF8 | espeakENDPAUSE, NULL, s);
	free(chunk);
	if (should_stop(s))
		return err_set(CRIEUR_EINTR, crieur_interrupted ? "interrupted" :
			       "stopped");
	if (e != EE_OK)
		return err_set(CRIEUR_ESYNTH, "eSpeak NG failed (error %d)", e);
	return 0;
}

/* Make audio available; 0 at the end, 1 when some is ready, or error. */
static int fill(struct synth *s)
{
	while (s->pcm_pos >= s->pcm_len && s->cur < s->n_items) {
		struct item *it = &s->items[s->cur];

		if (!it->text && it->pause > 0)
			return 1;
		if (it->text && it->pos < it->len) {
			int err = synth_chunk(s, it);
			if (err)
				return err;
			continue;
		}
		s->cur++;
	}
	return s->pcm_pos < s->pcm_len;
}

/* The live worker: every item in turn into the ring. */
static void *live_worker(void *arg)
{
	struct synth *s = arg;
	struct synth_live *l = s->live;
	int err = 0;

	for (size_t i = 0; i < s->n_items && !err; i++) {
		struct item *it = &s->items[i];

		if (!it->text && live_put(s, NULL, it->pause))
			err = err_set(CRIEUR_EINTR, "stopped");
		while (!err && it->text && it->pos < it->len)
			err = synth_chunk(s, it);
	}
	pthread_mutex_lock(&l->lock);
	if (err && !(err == CRIEUR_EINTR && !crieur_interrupted)) {
		l->error = err;
		snprintf(l->detail, sizeof(l->detail), "%s", err_detail());
	}
	l->ended = 1;
	pthread_cond_broadcast(&l->changed);
	pthread_mutex_unlock(&l->lock);
	return NULL;
}

/* Live read: wait for frames (or the end) and convert them. */
static long live_read(struct synth *s, float *buf, long frames)
{
	struct synth_live *l = s->live;
	long done = 0;

	if (!l->started) {
		l->started = 1;
		if (pthread_create(&l->thread, NULL, live_worker, s)) {
			l->started = 0;
			return err_set(CRIEUR_ESYNTH, "cannot start a thread");
		}
	}
	pthread_mutex_lock(&l->lock);
	while (done < frames) {
		long avail = (long)(l->put - l->got), n, at;

		if (!avail) {
			if (l->ended || should_stop(s))
				break;
			timed_wait(l, 5);
			continue;
		}
		n = frames - done < avail ? frames - done : avail;
		at = (long)(l->got % l->size);
		if (n > l->size - at)
			n = l->size - at;
		for (long i = 0; i < n; i++)
			buf[done + i] = l->ring[at + i] / 32768.0f;
		l->got += n;
		done += n;
		pthread_cond_broadcast(&l->changed);
	}
	if (done < frames && l->error) {
		int err = l->error;
		l->error = 0;
		pthread_mutex_unlock(&l->lock);
		s->failed = 1;
		return err_set(err, "%s", l->detail);
	}
	pthread_mutex_unlock(&l->lock);
	if (done < frames && crieur_interrupted)
		return err_set(CRIEUR_EINTR, "interrupted");
	s->frames += done;
	return done;
}

static long synth_read(audio_stage *self, float *buf, long frames)
{
	struct synth *s = (struct synth *)self;
	long done = 0;

	if (s->live)
		return s->failed ? 0 : live_read(s, buf, frames);

	while (done < frames) {
		int r = s->failed ? 0 : fill(s);

		if (r < 0) {
			s->failed = 1;
			return r;
		}
		if (r == 0)
			break;
		if (s->pcm_pos < s->pcm_len) {
			size_t n = s->pcm_len - s->pcm_pos;
			if (n > (size_t)(frames - done))
				n = (size_t)(frames - done);
			for (size_t i = 0; i < n; i++)
				buf[done + (long)i] = s->pcm[s->pcm_pos + i] / 32768.0f;
			s->pcm_pos += n;
			done += (long)n;
			s->frames += (long long)n;
		} else {
			struct item *it = &s->items[s->cur];
			long n = it->pause < frames - done ? it->pause : frames - done;
			memset(buf + done, 0, (size_t)n * sizeof(float));
			it->pause -= n;
			done += n;
			s->frames += n;
		}
	}
	return done;
}

static void synth_free(audio_stage *self)
{
	struct synth *s = (struct synth *)self;

	if (s->live) {
		struct synth_live *l = s->live;
		pthread_mutex_lock(&l->lock);
		l->quit = 1;
		pthread_cond_broadcast(&l->changed);
		pthread_mutex_unlock(&l->lock);
		if (l->started)
			pthread_join(l->thread, NULL);
		pthread_mutex_destroy(&l->lock);
		pthread_cond_destroy(&l->changed);
		free(l->ring);
		free(l);
	}
	for (size_t i = 0; i < s->n_items; i++)
		free(s->items[i].text);
	free(s->items);
	free(s->pcm);
	free(s);
}

int synth_new(audio_stage **out, const voice *v)
{
	int rate = synth_engine_init();
	struct synth *s;
	int err;

	*out = NULL;
	if (rate < 0)
		return rate;
	s = xcalloc(1, sizeof(*s));
	s->v = *v;
	if ((err = apply_voice(s))) {
		free(s);
		return err;
	}
	s->base.fmt.rate = rate;
	s->base.fmt.channels = 1;
	s->base.read = synth_read;
	s->base.free = synth_free;
	*out = &s->base;
	return 0;
}

static struct item *push_item(struct synth *s)
{
	if (s->n_items == s->cap_items) {
		s->cap_items = s->cap_items ? s->cap_items * 2 : 16;
		s->items = xrealloc(s->items, s->cap_items * sizeof(*s->items));
	}
	memset(&s->items[s->n_items], 0, sizeof(s->items[0]));
	return &s->items[s->n_items++];
}

void synth_add_text(audio_stage *self, const char *text, size_t len)
{
	struct item *it = push_item((struct synth *)self);

	it->text = xstrndup(text, len);
	it->len = len;
	it->text_index = ((struct synth *)self)->n_texts++;
}

void synth_set_chunk_callback(audio_stage *self, synth_chunk_fn fn, void *ctx)
{
	struct synth *s = (struct synth *)self;

	s->on_chunk = fn;
	s->on_chunk_ctx = ctx;
}

void synth_add_pause(audio_stage *self, int ms)
{
	struct item *it = push_item((struct synth *)self);

	it->pause = (long)self->fmt.rate * ms / 1000;
}

long long synth_frames(const audio_stage *self)
{
	return ((const struct synth *)self)->frames;
}

void synth_set_live(audio_stage *self, long ahead_frames)
{
	struct synth *s = (struct synth *)self;
	struct synth_live *l;

	if (s->live)
		return;
	l = xcalloc(1, sizeof(*l));
	l->size = ahead_frames > 256 ? ahead_frames : 256;
	l->ring = xcalloc((size_t)l->size, sizeof(short));
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->changed, NULL);
	s->live = l;
}

void synth_set_stop(audio_stage *self, int (*stop)(void *ctx), void *ctx)
{
	struct synth *s = (struct synth *)self;

	s->stop = stop;
	s->stop_ctx = ctx;
}
