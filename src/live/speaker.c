/* speaker.c - a thread that speaks queued texts on the device. */
#include "live/speaker.h"
#include "audio/play_portaudio.h"
#include "audio/voicefx.h"
#include "base/error.h"
#include "base/util.h"
#include "speech/synth.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/statement.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

volatile long long crieur_interrupted_ns;

/* Frames per read/write: small, so the first audio leaves early. */
enum { SPEAK_BLOCK = 256, SYNTH_AHEAD_MS = 2000 };

struct line {
	char *text;
	size_t len;
	long seq;
	long long arrival_ns;
	int cuts;             /* fade out what plays before speaking this */
	struct line *next;
};

struct speaker {
	speaker_options opt;
	audio_sink *player;
	voice v;
	normalizer *norm;
	lexicon *lex;            /* the language's lexicon and --lexicon files */
	pthread_t thread;
	int thread_up;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct line *first, *last;   /* the queue */
	long next_seq;
	long cut_seq;        /* lines with seq < cut_seq are cut (lock-free read) */
	int speaking;        /* the thread is on a line */
	int closing;         /* no more lines: end after the queue */
	int error;           /* the thread's error */
	char detail[512];
	size_t cuts;
	double cut_max_ms, stop_ms;
	long cur_seq;        /* the line being spoken */
};

/* The speaking line must stop: a newer line cut it, or a signal. */
static int line_cut(void *ctx)
{
	struct speaker *sp = ctx;

	return crieur_interrupted ||
		__atomic_load_n(&sp->cut_seq, __ATOMIC_ACQUIRE) >
		__atomic_load_n(&sp->cur_seq, __ATOMIC_ACQUIRE);
}

/* The chain for one text: synth (live) -> resample -> channels. */
static int line_chain(struct speaker *sp, struct line *ln, audio_stage **out)
{
	audio_format fmt = sp->player->fmt;
	char *copy = xstrndup(ln->text, ln->len);
	audio_stage *syn = NULL;
	statement st;
	int err;

	*out = NULL;
	if ((err = statement_from_text(&st, "the input", copy, ln->len)))
		return err;
	if ((err = synth_new(&syn, &sp->v)) ||
	    (err = render_queue_statement(syn, sp->norm, &st, NULL))) {
		stage_free(syn);
		statement_release(&st);
		return err;
	}
	statement_release(&st);
	synth_set_live(syn, (long)syn->fmt.rate * SYNTH_AHEAD_MS / 1000);
	synth_set_stop(syn, line_cut, sp);
	syn = voicefx_new(syn, &sp->v.fx);   /* the voice's post-processing */
	if (!(syn = resample_new_quality(syn, fmt.rate, RESAMPLE_SPEECH)))
		return CRIEUR_ERESAMPLE;
	*out = channel_map_new(syn, fmt.channels);
	return 0;
}

/* Speak one line into the device; stops early when it is cut. */
static int speak_line(struct speaker *sp, struct line *ln)
{
	int ch = sp->player->fmt.channels, marked = 0, err;
	float buf[SPEAK_BLOCK * 8];
	audio_stage *chain;
	long got;

	if (ch > 8)
		return err_set(CRIEUR_EDEVICE, "too many channels (%d)", ch);
	if ((err = line_chain(sp, ln, &chain)))
		return err == CRIEUR_EEMPTY ? 0 : err;
	do {
		got = stage_read(chain, buf, SPEAK_BLOCK);
		if (got > 0 && !marked) {
			player_mark(sp->player, ln->arrival_ns);
			marked = 1;
		}
		if (got > 0)
			err = sp->player->write(sp->player, buf, got);
		else if (got < 0)
			err = (int)got;
	} while (!err && got == SPEAK_BLOCK && !line_cut(sp));
	stage_free(chain);
	player_idle(sp->player);
	if (err == CRIEUR_EINTR && !crieur_interrupted)
		err = 0;   /* cut by a newer line */
	return crieur_interrupted ? err_set(CRIEUR_EINTR, "interrupted") : err;
}

/* Take the next line, waiting; NULL at the end or on a signal. */
static struct line *next_line(struct speaker *sp)
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

static void *speaker_thread(void *arg)
{
	struct speaker *sp = arg;
	struct line *ln;
	int err = 0;

	while (!err && (ln = next_line(sp))) {
		if (ln->cuts) {
			double ms = player_cut(sp->player, ln->arrival_ns);
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
		long long t = crieur_interrupted_ns;
		double ms = player_cut(sp->player, t ? t : player_now_ns());
		pthread_mutex_lock(&sp->lock);
		sp->stop_ms = ms;
		pthread_mutex_unlock(&sp->lock);
		err = err_set(CRIEUR_EINTR, "interrupted");
	}
	pthread_mutex_lock(&sp->lock);
	if (err) {
		sp->error = err;
		snprintf(sp->detail, sizeof(sp->detail), "%s", err_detail());
	}
	sp->speaking = 0;
	sp->closing = 1;
	pthread_cond_broadcast(&sp->changed);
	pthread_mutex_unlock(&sp->lock);
	return NULL;
}

int speaker_new(speaker **out, const speaker_options *opt)
{
	struct speaker *sp = xcalloc(1, sizeof(*sp));
	int rate = synth_engine_init(), err;
	const char *lang;

	*out = NULL;
	sp->opt = *opt;
	sp->stop_ms = -1;
	pthread_mutex_init(&sp->lock, NULL);
	pthread_cond_init(&sp->changed, NULL);
	if (rate < 0)
		err = rate;
	else if (!(err = render_pick_voice(&opt->speech, &sp->v, &lang)) &&
		 !(err = render_lexicon(&opt->speech, lang, &sp->lex)) &&
		 !(err = render_normalizer(&opt->speech, lang, sp->lex, &sp->norm)))
		err = player_open(&sp->player, opt->device,
				  (audio_format){ rate, 1 }, opt->buffer_ms);
	if (!err) {
		player_set_stop(sp->player, line_cut, sp);
		if (pthread_create(&sp->thread, NULL, speaker_thread, sp))
			err = err_set(CRIEUR_EDEVICE, "cannot start a thread");
		else
			sp->thread_up = 1;
	}
	if (err) {
		speaker_free(sp);
		return err;
	}
	*out = sp;
	return 0;
}

int speaker_say(speaker *sp, const char *text, size_t len, long long arrival_ns)
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
	err = sp->error;
	pthread_cond_broadcast(&sp->changed);
	pthread_mutex_unlock(&sp->lock);
	return err ? err_set(err, "%s", sp->detail) : 0;
}

int speaker_finish(speaker *sp)
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
	if (sp->error)
		return err_set(sp->error, "%s", sp->detail);
	err = sp->player->finish(sp->player);
	return err;
}

void speaker_get_stats(speaker *sp, speaker_stats *st)
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

void speaker_print_stats(const speaker_stats *st, FILE *out)
{
	fprintf(out, "lines: %zu\n", st->lines);
	fprintf(out, "first audio: %.0f ms\n", st->first_p95_ms);
	fprintf(out, "first audio (median, max): %.1f ms, %.1f ms\n",
		st->first_p50_ms, st->first_max_ms);
	fprintf(out, "underruns: %ld\n", st->underruns);
	if (st->cuts)
		fprintf(out, "interrupts: %zu, longest %.1f ms\n", st->cuts,
			st->cut_max_ms);
	if (st->stop_ms >= 0)
		fprintf(out, "stop: %.1f ms\n", st->stop_ms);
}

void speaker_free(speaker *sp)
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
	norm_free(sp->norm);
	lex_free(sp->lex);
	pthread_mutex_destroy(&sp->lock);
	pthread_cond_destroy(&sp->changed);
	free(sp);
}
