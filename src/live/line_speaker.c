/* line_speaker.c - a thread that speaks queued lines on the device
 * (line_speaker.h). */
#include "live/line_speaker.h"
#include "audio/play_portaudio.h"
#include "audio/sink_icecast.h"
#include "base/error.h"
#include "base/util.h"
#include "text/statement.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* Frames per read/write: small, so the first audio leaves early. */
enum { SPEAK_BLOCK = 256 };

/* The stream's title at most this long (bytes); a cut fades it this
 * long. */
enum { STREAM_TITLE_MAX = 200, STREAM_FADE_MS = 8 };

struct line {
	char *text;
	size_t len;
	long seq;
	long long arrival_ns;
	int cuts;             /* fade out what plays before speaking this */
	struct line *next;
};

struct line_speaker {
	line_speaker_options opt;
	audio_sink *player;      /* NULL: the stream alone (no_device) */
	audio_sink *stream;      /* NULL: none */
	speech_chain *chain;     /* voice, lexicons, normalizer: loaded once */
	pthread_t thread;
	int thread_up;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct line *first, *last;   /* the queue */
	long next_seq;
	long cut_seq;        /* lines with seq < cut_seq are cut (lock-free read) */
	int speaking;        /* the thread is on a line */
	int closing;         /* no more lines: end after the queue */
	err_ctx error;       /* the thread's error */
	size_t cuts;
	double cut_max_ms, stop_ms;
	long cur_seq;        /* the line being spoken */
};

/* The speaking line must stop: a newer line cut it, or a signal. */
static int line_cut(void *ctx)
{
	struct line_speaker *sp = ctx;

	return crieur_interrupted ||
		__atomic_load_n(&sp->cut_seq, __ATOMIC_ACQUIRE) >
		__atomic_load_n(&sp->cur_seq, __ATOMIC_ACQUIRE);
}

/* Queue one text on the chain, as a statement named opt.where. */
static int line_say(struct line_speaker *sp, struct line *ln)
{
	statement st;
	int err = statement_from_text(&st, sp->opt.where ? sp->opt.where :
				      "the input", xstrndup(ln->text, ln->len),
				      ln->len);

	if (err)
		return err;
	err = speech_chain_say_statement(sp->chain, &st, sp->opt.say_flags, NULL);
	statement_release(&st);
	return err;
}

/* The line's first line as the stream's title. */
static void stream_title(struct line_speaker *sp, const struct line *ln)
{
	size_t n = strcspn(ln->text, "\n");
	char *t;

	if (!sp->stream)
		return;
	t = xstrndup(ln->text, n < STREAM_TITLE_MAX ? n : STREAM_TITLE_MAX);
	icecast_sink_set_title(sp->stream, t);
	free(t);
}

/* Write a block to the device and the stream. */
static int speak_block(struct line_speaker *sp, const float *buf, long n)
{
	int err = sp->player ? sp->player->write(sp->player, buf, n) : 0;

	if (!err && sp->stream)
		err = sp->stream->write(sp->stream, buf, n);
	return err;
}

/* Speak one line into the device; stops early when it is cut. */
static int speak_line(struct line_speaker *sp, struct line *ln)
{
	audio_sink *out = sp->player ? sp->player : sp->stream;
	int ch = out->fmt.channels, marked = 0, err;
	float buf[SPEAK_BLOCK * 8];
	long got;

	if (ch > 8)
		return err_set(CRIEUR_EDEVICE, "too many channels (%d)", ch);
	if ((err = line_say(sp, ln)))
		return err == CRIEUR_EEMPTY ? 0 : err;
	stream_title(sp, ln);
	do {
		got = speech_chain_read(sp->chain, buf, SPEAK_BLOCK);
		if (got > 0 && !marked && sp->player) {
			player_mark(sp->player, ln->arrival_ns);
			marked = 1;
		}
		if (got > 0)
			err = speak_block(sp, buf, got);
		else if (got < 0)
			err = (int)got;
	} while (!err && got > 0 && !line_cut(sp));
	if (got > 0)   /* cut, or the device failed: end the utterance */
		speech_chain_stop(sp->chain);
	if (sp->player)
		player_idle(sp->player);
	if (err == CRIEUR_EINTR && !crieur_interrupted)
		err = 0;   /* cut by a newer line */
	return crieur_interrupted ? err_set(CRIEUR_EINTR, "interrupted") : err;
}

/* Fade out what plays now (arrival t); the device's cut time, ms. */
static double cut_all(struct line_speaker *sp, long long t)
{
	if (sp->stream)
		icecast_sink_cut(sp->stream, STREAM_FADE_MS);
	return sp->player ? player_cut(sp->player, t) : 0;
}

/* Take the next line, waiting; NULL at the end or on a signal. */
static struct line *next_line(struct line_speaker *sp)
{
	struct line *ln;

	pthread_mutex_lock(&sp->lock);
	sp->speaking = 0;
	pthread_cond_broadcast(&sp->changed);
	while (!sp->first && !sp->closing && !crieur_interrupted) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 5000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&sp->changed, &sp->lock, &ts);
	}
	ln = crieur_interrupted ? NULL : sp->first;
	if (ln) {
		sp->first = ln->next;
		if (!sp->first)
			sp->last = NULL;
		sp->speaking = 1;
		__atomic_store_n(&sp->cur_seq, ln->seq, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&sp->lock);
	return ln;
}

static void *line_speaker_thread(void *arg)
{
	struct line_speaker *sp = arg;
	struct line *ln;
	int err = 0;

	while (!err && (ln = next_line(sp))) {
		if (ln->cuts) {
			double ms = cut_all(sp, ln->arrival_ns);
			pthread_mutex_lock(&sp->lock);
			sp->cuts++;
			if (ms > sp->cut_max_ms)
				sp->cut_max_ms = ms;
			pthread_mutex_unlock(&sp->lock);
		}
		err = speak_line(sp, ln);
		free(ln->text);
		free(ln);
	}
	if (crieur_interrupted) {
		long long t = atomic_load(&crieur_interrupted_ns);
		double ms = cut_all(sp, t ? t : player_now_ns());
		pthread_mutex_lock(&sp->lock);
		sp->stop_ms = ms;
		pthread_mutex_unlock(&sp->lock);
		err = err_set(CRIEUR_EINTR, "interrupted");
	}
	pthread_mutex_lock(&sp->lock);
	if (err)
		err_keep(&sp->error, err);
	sp->speaking = 0;
	sp->closing = 1;
	pthread_cond_broadcast(&sp->changed);
	pthread_mutex_unlock(&sp->lock);
	return NULL;
}

int line_speaker_new(line_speaker **out, const line_speaker_options *opt)
{
	struct line_speaker *sp = xcalloc(1, sizeof(*sp));
	speech_chain_config cfg = { .mode = opt->mode };   /* eSpeak NG's rate */
	int err;

	*out = NULL;
	sp->opt = *opt;
	sp->stop_ms = -1;
	pthread_mutex_init(&sp->lock, NULL);
	pthread_cond_init(&sp->changed, NULL);
	if (!(err = speech_chain_new(&sp->chain, &opt->speech, &cfg)) &&
	    !opt->no_device)
		err = player_open(&sp->player, opt->device,
				  speech_chain_format(sp->chain), opt->buffer_ms);
	if (!err && opt->open_stream)
		err = opt->open_stream(&sp->stream, speech_chain_format(sp->chain),
				       sp->player != NULL, opt->stream_ctx);
	if (!err && !sp->player && !sp->stream)
		err = err_set(CRIEUR_EINVAL, "no output: neither the device nor "
			      "a stream");
	if (!err) {
		speech_chain_set_stop(sp->chain, line_cut, sp);
		if (sp->player)
			player_set_stop(sp->player, line_cut, sp);
		if (pthread_create(&sp->thread, NULL, line_speaker_thread, sp))
			err = err_set(CRIEUR_EDEVICE, "cannot start a thread");
		else
			sp->thread_up = 1;
	}
	if (err) {
		line_speaker_free(sp);
		return err;
	}
	*out = sp;
	return 0;
}

int line_speaker_say(line_speaker *sp, const char *text, size_t len, long long arrival_ns)
{
	struct line *ln = xcalloc(1, sizeof(*ln));
	int err;

	ln->text = xstrndup(text, len);
	ln->len = len;
	ln->arrival_ns = arrival_ns;
	pthread_mutex_lock(&sp->lock);
	ln->seq = ++sp->next_seq;
	if (sp->opt.interrupt) {
		while (sp->first) {   /* drop what has not started */
			struct line *old = sp->first;
			sp->first = old->next;
			free(old->text);
			free(old);
		}
		sp->last = NULL;
		ln->cuts = ln->seq > 1;   /* the first has nothing to cut */
		__atomic_store_n(&sp->cut_seq, ln->seq, __ATOMIC_RELEASE);
	}
	if (sp->last)
		sp->last->next = ln;
	else
		sp->first = ln;
	sp->last = ln;
	err = err_raise(&sp->error);
	pthread_cond_broadcast(&sp->changed);
	pthread_mutex_unlock(&sp->lock);
	return err;
}

int line_speaker_finish(line_speaker *sp)
{
	int err;

	pthread_mutex_lock(&sp->lock);
	sp->closing = 1;
	pthread_cond_broadcast(&sp->changed);
	pthread_mutex_unlock(&sp->lock);
	if (sp->thread_up) {
		pthread_join(sp->thread, NULL);
		sp->thread_up = 0;
	}
	if (sp->error.code)
		return err_raise(&sp->error);
	err = sp->player ? sp->player->finish(sp->player) : 0;
	if (sp->stream) {
		int err2 = sp->stream->finish(sp->stream);

		if (!err)
			err = err2;
	}
	return err;
}

void line_speaker_get_stats(line_speaker *sp, line_speaker_stats *st)
{
	player_stats_t ps;

	memset(st, 0, sizeof(*st));
	st->stop_ms = -1;
	if (!sp->player)
		return;
	player_stats(sp->player, &ps);
	st->lines = ps.lines;
	st->first_p50_ms = ps.first_p50_ms;
	st->first_p95_ms = ps.first_p95_ms;
	st->first_max_ms = ps.first_max_ms;
	st->underruns = ps.underruns;
	pthread_mutex_lock(&sp->lock);
	st->cuts = sp->cuts;
	st->cut_max_ms = sp->cut_max_ms;
	st->stop_ms = sp->stop_ms;
	pthread_mutex_unlock(&sp->lock);
}

void line_speaker_free(line_speaker *sp)
{
	if (!sp)
		return;
	if (sp->thread_up) {
		pthread_mutex_lock(&sp->lock);
		sp->closing = 1;
		pthread_cond_broadcast(&sp->changed);
		pthread_mutex_unlock(&sp->lock);
		pthread_join(sp->thread, NULL);
	}
	while (sp->first) {
		struct line *ln = sp->first;
		sp->first = ln->next;
		free(ln->text);
		free(ln);
	}
	sink_free(sp->player);
	sink_free(sp->stream);
	speech_chain_free(sp->chain);
	pthread_mutex_destroy(&sp->lock);
	pthread_cond_destroy(&sp->changed);
	free(sp);
}
