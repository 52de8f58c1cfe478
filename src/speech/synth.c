/* synth.c - the eSpeak NG synthesis stage. */
#include "speech/synth.h"
#include "base/error.h"
#include "base/util.h"
#include "speech/caps_letters.h"
#include "speech/name_link.h"
#include "speech/stay_native.h"
#include "speech/vrun.h"
#include "audio/sndfile_io.h"

#include <espeak-ng/speak_lib.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct item {
	size_t text_index;  /* among the text items */
	char *text;     /* NULL for a pause; one run of the text item */
	size_t len;
	size_t pos;     /* bytes already synthesized */
	size_t base;    /* where the run starts in its text item */
	size_t vix;     /* its voice in synth.voices (0: the stage's) */
	int mid;        /* more of the sentence follows: no end pause */
	int cont;       /* continues the sentence of the run before */
	long pause;     /* frames of silence still to give */
	audio_stage *clip;   /* an audio file played in place, or NULL */
	char *mark;          /* an SSML mark reached here, or NULL */
};

/* A voice the stage switches to (voice marks, text/voicemark.h). */
struct synth_voice {
	char spec[256];
	voice v;
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
	synth_mark_fn on_mark;
	void *on_mark_ctx;
	int after_mark;     /* the next text continues a sentence a mark cut */
	int failed;
	struct synth_voice *voices;   /* [0] is v */
	size_t n_voices;
	err_ctx add_err;    /* a voice mark that named no voice */
	int (*stop)(void *ctx);   /* abort synthesis when it returns non-zero */
	void *stop_ctx;
	struct synth_live *live;  /* NULL: synthesize in read() */
	int seeded;               /* rand() started for this stage */
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
	long batch;                 /* past the first read, a reader that
				       finds nothing waits for this many */
	long reader_want;           /* samples the waiting reader waits
				       for (0: it does not wait) */
	int writer_waits;
	long long produced;         /* frames produced by the worker */
	int started, ended, quit;
	err_ctx error;
};

static int engine_rate;
static pthread_once_t engine_once = PTHREAD_ONCE_INIT;

/* eSpeak NG (1.51) draws the breath noise of some voices (the +f3
 * variant of fr-anchor-f, the quote voice) from libc's rand(): one
 * generator for the whole process, which other libraries reseed and draw
 * from on their threads (PulseAudio's client calls srand() as PortAudio
 * starts).  So the same text could come out differently from build, play
 * and say.  These definitions take the place of libc's for the whole
 * program: one generator per thread (xorshift64*, libc's range), which
 * each synthesis thread starts from the same seed: the same text always
 * gives the same samples. */
static _Thread_local unsigned long long rand_state = 0x9E3779B97F4A7C15ull;

int rand(void)
{
	rand_state ^= rand_state >> 12;
	rand_state ^= rand_state << 25;
	rand_state ^= rand_state >> 27;
	return (int)((rand_state * 0x2545F4914F6CDD1Dull) >> 33);   /* 0..RAND_MAX */
}

void srand(unsigned int seed)
{
	rand_state = 0x9E3779B97F4A7C15ull ^ seed;
	if (!rand_state)
		rand_state = 1;
}

static int should_stop(struct synth *s)
{
	return crieur_interrupted || (s->stop && s->stop(s->stop_ctx)) ||
		(s->live && s->live->quit);
}

/* Why synthesis gave up: a signal (the user's Ctrl-C, a service
 * stop) or the caller's stop.  Both threads say the same. */
static int stop_error(void)
{
	return err_set(CRIEUR_EINTR, crieur_interrupted ? "interrupted" :
		       "stopped");
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
		while (l->put - l->got >= l->size && !should_stop(s)) {
			l->writer_waits = 1;
			timed_wait(l, 5);
		}
		l->writer_waits = 0;
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
		if (l->reader_want && l->put - l->got >= l->reader_want)
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

/* eSpeak NG (1.51) queues a copy of the voice at each selection and
 * frees it only when a synthesis reaches it: a voice selected for
 * espeak_TextToPhonemes(), or by a stage freed before it spoke, leaked
 * 1.3 KB each time (found by fuzz_ssml).  An empty synthesis takes the
 * queue: it gives no stage any audio (no user data), and what is
 * synthesized next comes out sample for sample the same. */
static void engine_settle(void)
{
	espeak_Synth("", 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8 | espeakPHONEMES,
		     NULL, NULL);
}

char *synth_respell(const voice *v, char *chunk, size_t *n)
{
	static int (*const pass[])(const voice *, const char *, size_t,
				   strbuf *) = {
		stay_native, name_link, caps_letters,
	};
	strbuf sb;

	sb_init(&sb);
	for (size_t k = 0; k < ARRAY_SIZE(pass); k++)
		if (pass[k](v, chunk, *n, &sb)) {
			free(chunk);
			chunk = sb_detach(&sb, n);
		}
	sb_release(&sb);
	return chunk;
}

void synth_engine_blank_unsafe(char *text, size_t len)
{
	/* second bytes after 0xCE (U+0380..U+03BF), and after 0xCF */
	static const unsigned char ce[] = { 0x80, 0x81, 0x82, 0x83, 0x84, 0x85,
					    0x87, 0x8B, 0x8D, 0xA2 };

	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char a = (unsigned char)text[i], b = (unsigned char)text[i + 1];

		if ((a == 0xCE && memchr(ce, b, sizeof(ce))) || (a == 0xCF && b == 0xB6))
			text[i] = text[i + 1] = ' ';
	}
}

int synth_engine_voice(const char *name)
{
	if (synth_engine_init() < 0 || espeak_SetVoiceByName(name) != EE_OK)
		return -1;
	engine_settle();
	return 0;
}

int synth_use_voice(const voice *v)
{
	if (synth_engine_init() < 0)
		return CRIEUR_ESYNTH;
	if (espeak_SetVoiceByName(v->espeak) != EE_OK) {
		/* a language name ("en-us"): select by properties */
		char lang[64];
		espeak_VOICE sel;

		snprintf(lang, sizeof(lang), "%s", v->espeak);
		lang[strcspn(lang, "+")] = '\0';
		memset(&sel, 0, sizeof(sel));
		sel.languages = lang;
		if (espeak_SetVoiceByProperties(&sel) != EE_OK)
			return err_set(CRIEUR_EVOICE, "eSpeak NG has no voice "
				       "'%s' (voice '%s')", v->espeak, v->name);
	}
	espeak_SetParameter(espeakRATE, v->rate, 0);
	espeak_SetParameter(espeakPITCH, v->pitch, 0);
	espeak_SetParameter(espeakRANGE, v->range, 0);
	espeak_SetParameter(espeakVOLUME, v->volume, 0);
	engine_settle();
	return 0;
}

/* Select s's voice ix and its settings in the (global) engine. */
static int apply_voice(struct synth *s, size_t ix)
{
	return synth_use_voice(ix ? &s->voices[ix].v : &s->v);
}

/* Synthesize the next chunk of item it into s->pcm. */
static int synth_chunk(struct synth *s, struct item *it)
{
	size_t n = synth_chunk_end(it->text + it->pos, it->len - it->pos,
				   SYNTH_CHUNK_MAX);
	char *chunk = xstrndup(it->text + it->pos, n);
	espeak_ERROR e;
	int err;

	synth_engine_blank_unsafe(chunk, n);
	if (s->on_chunk && !(it->cont && it->pos == 0))   /* one cue a sentence */
		s->on_chunk(s->on_chunk_ctx, it->text_index, it->base + it->pos,
			    it->base + it->pos + n,
			    s->live ? s->live->produced : s->frames);
	it->pos += n;
	s->pcm_len = s->pcm_pos = 0;
	if ((err = apply_voice(s, it->vix))) {
		free(chunk);
		return err;
	}
	chunk = synth_respell(it->vix ? &s->voices[it->vix].v : &s->v, chunk, &n);
	e = espeak_Synth(chunk, n + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8 |
			 espeakPHONEMES | (it->mid && it->pos >= it->len ? 0 :
					   espeakENDPAUSE), NULL, s);
	free(chunk);
	if (should_stop(s))
		return stop_error();
	if (e != EE_OK)
		return err_set(CRIEUR_ESYNTH, "eSpeak NG failed (error %d)", e);
	return 0;
}

/* Decode the next block of an audio item into s->pcm; 0 at its end. */
static long clip_block(struct synth *s, struct item *it)
{
	enum { BLOCK = 4096 };
	float buf[BLOCK];
	long got = stage_read(it->clip, buf, BLOCK);

	if (got <= 0) {
		stage_free(it->clip);
		it->clip = NULL;
		return got;
	}
	if ((size_t)got > s->pcm_cap) {
		s->pcm_cap = BLOCK;
		s->pcm = xrealloc(s->pcm, s->pcm_cap * sizeof(short));
	}
	for (long i = 0; i < got; i++) {
		float x = buf[i] > 1 ? 1 : buf[i] < -1 ? -1 : buf[i];
		s->pcm[i] = (short)lrintf(x * 32767);
	}
	s->pcm_len = (size_t)got;
	s->pcm_pos = 0;
	return got;
}

/* Make audio available; 0 at the end, 1 when some is ready, or error. */
static int fill(struct synth *s)
{
	while (s->pcm_pos >= s->pcm_len && s->cur < s->n_items) {
		struct item *it = &s->items[s->cur];

		if (it->clip) {
			long got = clip_block(s, it);
			if (got < 0)
				return (int)got;
			if (got > 0)
				continue;
		}

		if (it->mark && s->on_mark) {
			s->on_mark(s->on_mark_ctx, it->mark, s->frames);
			free(it->mark);
			it->mark = NULL;
		}
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

	srand(1);   /* the same noise for the same text (see rand() above) */
	for (size_t i = 0; i < s->n_items && !err; i++) {
		struct item *it = &s->items[i];

		if (it->mark && s->on_mark)
			s->on_mark(s->on_mark_ctx, it->mark, l->produced);
		while (!err && it->clip) {
			long got = clip_block(s, it);
			if (got < 0)
				err = (int)got;
			else if (got > 0 && live_put(s, s->pcm, got))
				err = stop_error();
		}
		if (!err && !it->text && live_put(s, NULL, it->pause))
			err = stop_error();
		while (!err && it->text && it->pos < it->len)
			err = synth_chunk(s, it);
	}
	pthread_mutex_lock(&l->lock);
	if (err && !(err == CRIEUR_EINTR && !crieur_interrupted))
		err_keep(&l->error, err);
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
		long avail = (long)(l->put - l->got), n, at, want;

		/* the reader returns only with all it asked for (and past
		 * the first read, when it found nothing, with the batch):
		 * it is woken then, not per piece eSpeak NG hands over, a
		 * context switch both ways and a wait on the lock each */
		want = frames - done;
		if (l->got > 0 && want < l->batch)
			want = l->batch;
		want = want < l->size ? want : l->size;
		if (avail < want && !l->ended && !should_stop(s) &&
		    (!avail || l->reader_want)) {
			l->reader_want = want;
			timed_wait(l, l->batch ? 20 : 5);   /* to see a stop */
			continue;
		}
		l->reader_want = 0;
		if (!avail)
			break;
		n = frames - done < avail ? frames - done : avail;
		at = (long)(l->got % l->size);
		if (n > l->size - at)
			n = l->size - at;
		for (long i = 0; i < n; i++)
			buf[done + i] = l->ring[at + i] / 32768.0f;
		l->got += n;
		done += n;
		if (l->writer_waits)
			pthread_cond_broadcast(&l->changed);
	}
	if (done < frames && l->error.code) {
		int err = err_raise(&l->error);
		l->error.code = 0;
		pthread_mutex_unlock(&l->lock);
		s->failed = 1;
		return err;
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

	if (s->live && !s->failed && s->add_err.code) {   /* a voice mark */
		s->failed = 1;
		return err_raise(&s->add_err);
	}
	if (s->live)
		return s->failed ? 0 : live_read(s, buf, frames);
	if (!s->seeded) {
		srand(1);   /* the same noise for the same text */
		s->seeded = 1;
	}

	while (done < frames) {
		int r = s->failed ? 0 : s->add_err.code ? err_raise(&s->add_err) :
			fill(s);

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
	for (size_t i = 0; i < s->n_items; i++) {
		free(s->items[i].text);
		free(s->items[i].mark);
		stage_free(s->items[i].clip);
	}
	free(s->items);
	free(s->voices);
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
	s->voices = xcalloc(1, sizeof(*s->voices));
	s->voices[0].v = *v;
	s->n_voices = 1;
	if ((err = apply_voice(s, 0))) {
		free(s->voices);
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

/* The index of the voice for a mark (added on first use); 0 when the
 * mark names no voice (the error is kept for the next read). */
static size_t voice_index(struct synth *s, const char *spec, size_t n)
{
	struct synth_voice sv;
	int err;

	if (!spec)
		return 0;
	for (size_t i = 1; i < s->n_voices; i++)
		if (strlen(s->voices[i].spec) == n && !memcmp(s->voices[i].spec, spec, n))
			return i;
	memset(&sv, 0, sizeof(sv));
	snprintf(sv.spec, sizeof(sv.spec), "%.*s", (int)n, spec);
	if ((err = vrun_voice(&s->v, spec, n, &sv.v))) {
		if (!s->add_err.code)
			err_keep(&s->add_err, err);
		return 0;
	}
	s->voices = xrealloc(s->voices, (s->n_voices + 1) * sizeof(*s->voices));
	s->voices[s->n_voices] = sv;
	return s->n_voices++;
}

void synth_add_text(audio_stage *self, const char *text, size_t len)
{
	struct synth *s = (struct synth *)self;
	struct vrun *runs;
	size_t n = vrun_split(text, len, &runs), index = s->n_texts++;

	for (size_t r = 0; r < n || (r == 0 && n == 0); r++) {
		struct item *it = push_item(s);
		const struct vrun *v = n ? &runs[r] : NULL;
		char last = v && v->end > v->start ? text[v->end - 1] : '.';

		it->text_index = index;
		if (!v) {
			it->text = xstrdup("");
			break;
		}
		it->text = xstrndup(text + v->start, v->end - v->start);
		it->len = v->end - v->start;
		it->base = v->start;
		it->vix = voice_index(s, v->spec, v->spec_len);
		it->mid = r + 1 < n && !strchr(".!?;:", last);
		/* a run after one that ended no sentence gets no cue of its own */
		it->cont = r > 0 ? !strchr(".!?", text[runs[r - 1].end - 1]) :
			   s->after_mark;
	}
	s->after_mark = 0;
	vrun_free(runs, n);
}

void synth_set_chunk_callback(audio_stage *self, synth_chunk_fn fn, void *ctx)
{
	struct synth *s = (struct synth *)self;

	s->on_chunk = fn;
	s->on_chunk_ctx = ctx;
}

int synth_add_audio(audio_stage *self, const char *path)
{
	audio_stage *clip = NULL;
	int err = sndfile_reader_open(&clip, path);

	if (err)
		return err;
	if ((err = resample_new(&clip, clip, self->fmt.rate)) ||
	    (err = channel_map_new(&clip, clip, 1)))
		return err;
	push_item((struct synth *)self)->clip = clip;
	return 0;
}

void synth_add_mark(audio_stage *self, const char *name)
{
	struct synth *s = (struct synth *)self;
	struct item *last = s->n_items ? &s->items[s->n_items - 1] : NULL;

	/* a mark inside a sentence: no end pause before it, no new cue after */
	if (last && last->text && last->len &&
	    !strchr(".!?;:", last->text[last->len - 1])) {
		last->mid = 1;
		s->after_mark = 1;
	}
	push_item(s)->mark = xstrdup(name);
}

void synth_set_mark_callback(audio_stage *self, synth_mark_fn fn, void *ctx)
{
	struct synth *s = (struct synth *)self;

	s->on_mark = fn;
	s->on_mark_ctx = ctx;
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

void synth_set_live(audio_stage *self, long ahead_frames, long batch_frames)
{
	struct synth *s = (struct synth *)self;
	struct synth_live *l;

	if (s->live)
		return;
	l = xcalloc(1, sizeof(*l));
	l->size = ahead_frames > 256 ? ahead_frames : 256;
	l->batch = batch_frames > 0 ? batch_frames : 0;
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
