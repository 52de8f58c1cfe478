/* air.c - the station's main loop: plan slot instances, render them
 * ahead (one render thread), air them (one airing thread), log each. */
#include "air/air.h"
#include "air/asrun.h"
#include "air/job.h"
#include "audio/play_portaudio.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "bulletin/script.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum {
	MAX_JOBS = 64,
	LEAD_MS = 2000,        /* live outputs open this long ahead */
	TICK_MS = 50,          /* the loop's period */
	GRACE_MS = 1000,       /* a start this late is late, not missed */
	LATE_MS = 100,         /* a start later than this is "late" */
	FALLBACK_MS = 600,     /* not rendered this long ahead: fallback */
	CUT_AHEAD_MS = 1000,   /* a hard start cuts what plays this long
				  ahead (the device closed and opened again
				  in time for its first frame) */
	MAX_MISSED = 10000,    /* missed slots logged at one start */
};

#define MS(x) ((air_ns)(x) * 1000000LL)

struct runner {
	const air_opts *o;
	air_station *st;
	air_station *old;          /* kept while the airing uses it */
	air_job *jobs[MAX_JOBS];
	size_t n_jobs;
	air_ns cursor;             /* the last instance planned... */
	size_t cursor_idx;         /* ...and its slot */
	air_ns done;               /* the last instance taken from the plan */
	size_t done_idx;
	pthread_t render_th, air_th;
	air_job *rendering, *airing;
	air_station *airing_st;
	long long air_start_mono;
	air_ns last_end;           /* when the last airing ended */
	air_ns last_scan;
	air_inbox *inboxes;        /* of the station's bulletins, to scan */
	size_t n_inboxes;
};

static void note(struct runner *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void note(struct runner *r, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!r->o->note)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->o->note(r->o->ctx, msg);
}

/* "news 2026-12-03T10:00:00+01:00" for messages. */
static const char *job_name(const air_job *j)
{
	static _Thread_local char buf[160];
	char t[48];

	air_time_format(t, sizeof(t), j->at, 0);
	snprintf(buf, sizeof(buf), "%s %s", j->slot, t);
	return buf;
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* ---- the inboxes ------------------------------------------------- */

/* station_each_inbox() callback: collect distinct inbox directories. */
static int collect_inbox(const air_station *st, const air_slot *s,
			 const script_item *it, void *ctx)
{
	struct runner *r = ctx;

	for (size_t i = 0; i < r->n_inboxes; i++)
		if (!strcmp(r->inboxes[i].dir, it->inbox.path))
			return 0;
	r->inboxes = xrealloc(r->inboxes, (r->n_inboxes + 1) * sizeof(air_inbox));
	r->inboxes[r->n_inboxes++] = (air_inbox){ xstrdup(it->inbox.path),
		it->inbox_max, it->inbox_max_age, it->inbox_once, r->o->note,
		r->o->ctx };
	return 0;
}

static void free_inboxes(struct runner *r)
{
	for (size_t i = 0; i < r->n_inboxes; i++)
		free((char *)r->inboxes[i].dir);
	free(r->inboxes);
	r->inboxes = NULL;
	r->n_inboxes = 0;
}

/* Sort new drops into every inbox (each second). */
static void scan_inboxes(struct runner *r, air_ns now)
{
	if (now - r->last_scan < AIR_NS_PER_S)
		return;
	r->last_scan = now;
	for (size_t i = 0; i < r->n_inboxes; i++)
		if (inbox_scan(&r->inboxes[i], now))
			note(r, "inbox '%s': %s", r->inboxes[i].dir, err_detail());
}

static int recover_one_inbox(const air_station *st, const air_slot *s,
			     const script_item *it, void *ctx)
{
	struct runner *r = ctx;
	air_inbox ib = { it->inbox.path, 0, 0, 0, r->o->note, r->o->ctx };

	if (inbox_recover(&ib))
		note(r, "inbox '%s': %s", ib.dir, err_detail());
	return 0;
}

/* ---- loading ----------------------------------------------------- */

/* Load, check and switch to the station file's time zone. */
static int load_station(const char *path, air_station **out)
{
	air_station *st;
	int err = station_load(&st, path);

	if (!err)
		err = air_tz_use(st->timezone);
	if (!err)
		err = station_check(st);
	if (!err)
		err = station_check_inboxes(st);
	if (err) {
		station_free(st);
		return err;
	}
	*out = st;
	return 0;
}

/* STATE/NAME, heap. */
static char *state_file(const air_station *st, const char *name)
{
	strbuf sb = { 0 };

	sb_addf(&sb, "%s/%s", st->state, name);
	return sb_detach(&sb, NULL);
}

/* Remove what a stopped run left in STATE/prepared/ (ours alone). */
static void clear_prepared(const air_station *st)
{
	char *dir = state_file(st, "prepared");
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		strbuf sb = { 0 };

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		sb_addf(&sb, "%s/%s", dir, e->d_name);
		unlink(sb.buf);
		sb_release(&sb);
	}
	if (d)
		closedir(d);
	free(dir);
}

/* ---- resuming ---------------------------------------------------- */

struct resume {
	const air_station *st;
	air_ns last;
	size_t idx;
	int any;
};

static size_t slot_index(const air_station *st, const char *name)
{
	for (size_t i = 0; i < st->n_slots; i++)
		if (!strcmp(st->slots[i].name, name))
			return i;
	return (size_t)-1;
}

/* asrun_read() callback: the latest instant logged and its last slot. */
static void resume_line(void *ctx, const char *slot, air_ns at)
{
	struct resume *rs = ctx;
	size_t i = slot_index(rs->st, slot);

	if (!rs->any || at > rs->last) {
		rs->last = at;
		rs->idx = i == (size_t)-1 ? 0 : i;
		rs->any = 1;
	} else if (at == rs->last && i != (size_t)-1 && i > rs->idx) {
		rs->idx = i;
	}
}

/* A slot that was on air when the process died: logged interrupted. */
static void resume_onair(struct runner *r, struct resume *rs)
{
	char *path = state_file(r->st, "onair"), *data, slot[96];
	size_t len;
	long long at;

	if (read_file(path, &data, &len)) {
		free(path);
		return;
	}
	if (sscanf(data, "%95s %lld", slot, &at) == 2 &&
	    (!rs->any || at > rs->last ||
	     (at == rs->last && slot_index(r->st, slot) > rs->idx))) {
		asrun_entry e = { slot, at, 0, 0, ASRUN_INTERRUPTED, NULL, 0,
				  "crieur stopped while this slot was on air" };

		if (asrun_append(r->st->state, &e))
			note(r, "%s", err_detail());
		else
			note(r, "%s: logged interrupted (on air when crieur "
			     "stopped)", slot);
		resume_line(rs, slot, at);
	}
	free(data);
	unlink(path);
	free(path);
}

/* Where the schedule resumes: after the last slot logged, or now. */
static void resume(struct runner *r)
{
	struct resume rs = { r->st, 0, 0, 0 };

	if (asrun_read(r->st->state, resume_line, &rs))
		note(r, "%s", err_detail());
	resume_onair(r, &rs);
	if (rs.any) {
		r->cursor = rs.last;
		r->cursor_idx = rs.idx;
	} else {
		r->cursor = air_now();
		r->cursor_idx = SIZE_MAX;
	}
	r->done = r->cursor;
	r->done_idx = r->cursor_idx;
}

/* ---- planning ---------------------------------------------------- */

/* The next (instant, slot) after the cursor. */
static int next_instance(const struct runner *r, air_ns *at, size_t *idx)
{
	return station_next(r->st, r->cursor, r->cursor_idx, idx, at) ? -1 : 0;
}

/* Add every instance due within the longest prepare (and a margin). */
static void plan(struct runner *r, air_ns now)
{
	double ahead = 0;
	air_ns at;
	size_t idx;

	for (size_t i = 0; i < r->st->n_slots; i++)
		if (r->st->slots[i].prepare > ahead)
			ahead = r->st->slots[i].prepare;
	while (r->n_jobs < MAX_JOBS && !next_instance(r, &at, &idx) &&
	       at <= now + (air_ns)(ahead * AIR_NS_PER_S) + MS(LEAD_MS + 3000)) {
		air_job *j;

		job_new(&j, &r->st->slots[idx], idx, at, r->st->state);
		j->note = r->o->note;
		j->note_ctx = r->o->ctx;
		for (size_t i = 0; i < r->st->n_outputs; i++)
			j->want_mp3 |= r->st->outputs[i].kind->deliver != NULL;
		r->jobs[r->n_jobs++] = j;
		r->cursor = at;
		r->cursor_idx = idx;
	}
}

/* Drop the jobs not started yet (a reload plans them again). */
static void unplan(struct runner *r)
{
	size_t k = 0;

	for (size_t i = 0; i < r->n_jobs; i++) {
		if (atomic_load(&r->jobs[i]->state) == JOB_PLANNED &&
		    r->jobs[i] != r->rendering && r->jobs[i] != r->airing)
			job_free(r->jobs[i]);
		else
			r->jobs[k++] = r->jobs[i];
	}
	r->n_jobs = k;
	r->cursor = r->done;
	r->cursor_idx = r->done_idx;
	for (size_t i = 0; i < r->n_jobs; i++)
		if (r->jobs[i]->at > r->cursor ||
		    (r->jobs[i]->at == r->cursor && r->jobs[i]->index > r->cursor_idx)) {
			r->cursor = r->jobs[i]->at;
			r->cursor_idx = r->jobs[i]->index;
		}
}

/* Note that job j has left the plan (for a reload's re-planning). */
static void taken(struct runner *r, const air_job *j)
{
	if (j->at > r->done || (j->at == r->done && j->index > r->done_idx)) {
		r->done = j->at;
		r->done_idx = j->index;
	}
}

/* ---- outputs that run all day ------------------------------------ */

/* Start st's outputs (a continuous stream connects), taking over what
 * old runs when nothing about it changed. */
static void start_outputs(struct runner *r, air_station *st, air_station *old)
{
	for (size_t i = 0; i < st->n_outputs; i++) {
		air_output *o = &st->outputs[i];

		for (size_t k = 0; old && o->kind->take_over &&
		     k < old->n_outputs; k++)
			if (old->outputs[k].kind == o->kind &&
			    o->kind->take_over(o->cfg, old->outputs[k].cfg))
				break;
		if (o->kind->start &&
		    o->kind->start(o->cfg, st->name, r->o->note, r->o->ctx))
			note(r, "output %zu (%s): %s", i + 1, o->kind->name,
			     err_detail());
	}
}

/* ---- reloading --------------------------------------------------- */

static void reload(struct runner *r)
{
	air_station *st;

	if (load_station(r->o->station, &st)) {
		note(r, "reload: %s (the running station is kept)", err_detail());
		air_tz_use(r->st->timezone);
		return;
	}
	unplan(r);
	start_outputs(r, st, r->st);
	if (r->airing && r->airing_st == r->st && !r->old)
		r->old = r->st;
	else
		station_free(r->st);
	r->st = st;
	free_inboxes(r);
	station_each_inbox(st, collect_inbox, r);
	note(r, "reload: '%s', %zu slot%s", st->path, st->n_slots,
	     st->n_slots == 1 ? "" : "s");
}

/* ---- rendering --------------------------------------------------- */

/* How much lower than the rest of crieur the render thread runs (and
 * the threads it starts, which inherit it): a bulletin prepared while
 * another is on air must not take the CPU from the playout or from the
 * device's own server (JACK, PipeWire), whose late periods would delay
 * the bulletin on air and its end, or make it drop out. */
enum { RENDER_NICE = 10 };

static void *render_main(void *arg)
{
	/* Linux: a nice value is a thread's own; setpriority(2) on its id */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid),
		    getpriority(PRIO_PROCESS, 0) + RENDER_NICE);
	job_prepare(arg);
	return NULL;
}

/* Start rendering j on the render thread. */
static void start_render(struct runner *r, air_job *j)
{
	atomic_store(&j->state, JOB_RENDERING);
	r->rendering = j;
	taken(r, j);
	note(r, "%s: preparing '%s'", job_name(j), j->bulletin);
	if (pthread_create(&r->render_th, NULL, render_main, j)) {
		r->rendering = NULL;
		job_prepare(j);
	}
}

/* Hand job j's MP3 to st's file outputs of the given timing (after_air:
 * 0 when rendered, 1 once aired); failures noted, and added to the
 * job's as-run error once aired. */
static void deliver(struct runner *r, const air_station *st, air_job *j,
		    int after_air)
{
	char name[160], title[160], date[40];
	time_t t = (time_t)(j->at / AIR_NS_PER_S);
	struct tm tm;
	air_delivery dl = { j->mp3, name, title, date };

	if (!j->mp3)
		return;
	snprintf(name, sizeof(name), "%s-%lld", j->slot, (long long)t);
	localtime_r(&t, &tm);
	snprintf(title, sizeof(title), "%s, %04d-%02d-%02d %02d:%02d", j->slot,
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	for (size_t i = 0; i < st->n_outputs; i++) {
		const air_output *o = &st->outputs[i];
		strbuf sb = { 0 };

		if (!o->kind->deliver || o->kind->after_air != after_air ||
		    !o->kind->deliver(o->cfg, &dl))
			continue;
		sb_addf(&sb, "output %zu (%s): %s", i + 1, o->kind->name,
			err_detail());
		note(r, "%s: %s", job_name(j), sb.buf);
		if (after_air) {
			if (j->air_error)
				sb_addf(&sb, "; %s", j->air_error);
			free(j->air_error);
			j->air_error = sb_detach(&sb, NULL);
		}
		sb_release(&sb);
	}
}

/* The render thread is done with its job: join it, hand the file to the
 * file outputs that take it before it airs. */
static void finish_render(struct runner *r)
{
	air_job *j = r->rendering;

	pthread_join(r->render_th, NULL);
	r->rendering = NULL;
	if (!j->rendered) {
		note(r, "%s: the bulletin failed: %s", job_name(j), j->error);
		return;
	}
	note(r, "%s: prepared (%zu item%s)", job_name(j), j->n_items,
	     j->n_items == 1 ? "" : "s");
	deliver(r, r->st, j, 0);
}

/* ---- airing ------------------------------------------------------ */

struct live {
	audio_stage *src;
	audio_sink *sink;
	const air_output_kind *kind;
	size_t index;              /* in the station's outputs */
	int err;                   /* this output failed (the others go on) */
	char *why;
};

/* The realtime instant of a CLOCK_MONOTONIC time. */
static air_ns realtime_of(long long mono)
{
	return mono - air_mono_now() + air_now();
}

/* A live output's stop predicate: the job was cut (a hard start). */
static int job_cut(void *ctx)
{
	return atomic_load(&((air_job *)ctx)->cut);
}

/* Output l failed with err: recorded, dropped (the others go on). */
static void live_fail(struct live *l, int err)
{
	strbuf sb = { 0 };

	sb_addf(&sb, "output %zu (%s): %s", l->index + 1, l->kind->name,
		err_detail());
	l->err = err;
	l->why = sb_detach(&sb, NULL);
	if (l->sink)
		l->sink->abort(l->sink);
	stage_free(l->src);
	l->src = NULL;
}

/* Tell a live output where the job's items start (now playing). */
static void live_titles(const air_job *j, const struct live *l)
{
	if (!l->kind->title_at || j->playing != j->rendered)
		return;
	for (size_t i = 0; i < j->n_items; i++)
		if (j->items[i].title[0])
			l->kind->title_at(l->sink, (long long)(j->item_starts[i] *
					  l->sink->fmt.rate), j->items[i].title);
}

/* Open one live output for the job's file. */
static int open_live(const air_output *o, const air_job *j, long long start,
		     int paced, struct live *l)
{
	int err;

	if ((err = sndfile_reader_open(&l->src, j->playing)))
		return err;
	if ((err = o->kind->open_live(o->cfg, l->src->fmt, start, paced,
				      job_cut, (void *)j, &l->sink)))
		return err;
	if ((err = channel_map_new(&l->src, l->src, l->sink->fmt.channels)) ||
	    (err = resample_new(&l->src, l->src, l->sink->fmt.rate)))
		return err;
	live_titles(j, l);
	return 0;
}

/* Open the live outputs of st for the job's file, starting at start; an
 * output that cannot open is recorded failed. */
static void open_lives(const air_station *st, const air_job *j,
		       long long start, struct live *lv, size_t *n)
{
	int clock = 0, err;

	for (size_t i = 0; i < st->n_outputs; i++)
		clock |= st->outputs[i].kind->open_live &&
			 st->outputs[i].kind->has_clock;
	*n = 0;
	for (size_t i = 0; i < st->n_outputs && *n < 16; i++) {
		const air_output *o = &st->outputs[i];
		struct live *l = &lv[*n];

		if (!o->kind->open_live)
			continue;
		memset(l, 0, sizeof(*l));
		l->kind = o->kind;
		l->index = i;
		(*n)++;
		if ((err = open_live(o, j, start, clock && !o->kind->has_clock, l)))
			live_fail(l, err);
	}
}

/* Write every live output's audio in real time until the end, a cut or
 * an interrupt; 0, 1 (stopped) or the error when every output failed
 * (an output that fails is dropped and the others go on).  *end_at: when
 * the last output that finished well was done (0: none). */
static int pump_lives(air_job *j, struct live *lv, size_t n, air_ns *end_at)
{
	float buf[1024 * 8];
	size_t ended = 0, ok = 0;
	int err = 0;

	while (ended < n) {
		ended = 0;
		for (size_t i = 0; i < n; i++) {
			long want = 1024, got;

			if (!lv[i].src) {
				ended++;
				continue;
			}
			if (lv[i].src->fmt.channels > 8)
				want = 1024 * 8 / lv[i].src->fmt.channels;
			got = stage_read(lv[i].src, buf, want);
			err = got < 0 ? (int)got : got > 0 ?
			      lv[i].sink->write(lv[i].sink, buf, got) : 0;
			if (err == CRIEUR_EINTR)
				return 1;
			if (err)
				live_fail(&lv[i], err);
			else if (got < want) {
				stage_free(lv[i].src);
				lv[i].src = NULL;
			}
		}
		if (atomic_load(&j->cut) || crieur_interrupted)
			return 1;
	}
	/* the outputs with a clock (a device) first: their end is the
	 * bulletin's end on air, whatever a hung stream still holds */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			if (lv[i].err || (pass == 0) != (lv[i].kind->has_clock != 0))
				continue;
			err = lv[i].sink->finish(lv[i].sink);
			if (err == CRIEUR_EINTR)
				return 1;
			if (err) {
				live_fail(&lv[i], err);
				continue;
			}
			ok++;
			*end_at = air_now();
		}
	for (size_t i = 0; !ok && i < n; i++)
		if (lv[i].err)
			return err_set(lv[i].err, "%s", lv[i].why);
	return 0;
}

/* The file's length in seconds (0 if it cannot be probed). */
static double file_seconds(const char *path)
{
	audio_format fmt;
	long long frames;
	char name[32];

	if (sndfile_probe(path, &fmt, &frames, name, sizeof(name)) || !fmt.rate)
		return 0;
	return (double)frames / fmt.rate;
}

/* Air a job with no live output: its time is its start. */
static void air_files_only(air_job *j, long long start)
{
	while (air_mono_now() < start && !crieur_interrupted)
		nap_ms(10);
	j->started = realtime_of(start);
	j->ended = j->started + (air_ns)(file_seconds(j->playing) * 1e9);
}

/* An output that ran dry during the bulletin (gaps on air) is logged
 * beside the failures, though it aired. */
static void live_underruns(struct live *lv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		strbuf sb = { 0 };
		long u;

		if (lv[i].err || !lv[i].sink || !lv[i].kind->underruns ||
		    (u = lv[i].kind->underruns(lv[i].sink)) <= 0)
			continue;
		sb_addf(&sb, "output %zu (%s): %ld underrun%s: it ran dry on air",
			lv[i].index + 1, lv[i].kind->name, u, u == 1 ? "" : "s");
		free(lv[i].why);
		lv[i].why = sb_detach(&sb, NULL);
	}
}

/* The outputs' failures, "; "-joined (NULL: none). */
static char *live_errors(const struct live *lv, size_t n)
{
	strbuf sb = { 0 };

	for (size_t i = 0; i < n; i++)
		if (lv[i].why)
			sb_addf(&sb, "%s%s", sb.len ? "; " : "", lv[i].why);
	return sb.len ? sb_detach(&sb, NULL) : NULL;
}

/* The airing thread: open, wait for the start, play, close. */
static void *air_main(void *arg)
{
	struct runner *r = arg;
	air_job *j = r->airing;
	struct live lv[16];
	size_t n = 0, opened = 0;
	air_ns ended = 0;
	int err = 0, stop;

	open_lives(r->airing_st, j, r->air_start_mono, lv, &n);
	for (size_t i = 0; i < n; i++)
		opened += !lv[i].err;
	if (n && !opened)
		err = err_set(lv[0].err, "%s", lv[0].why);
	if (!n)
		air_files_only(j, r->air_start_mono);
	stop = err ? 0 : n ? pump_lives(j, lv, n, &ended) : crieur_interrupted != 0;
	live_underruns(lv, n);
	j->air_error = live_errors(lv, n);
	if (!j->air_error && (err || (stop != 0 && stop != 1)))
		j->air_error = xstrdup(err_detail());
	for (size_t i = 0; i < n && !j->started; i++)
		if (!lv[i].err && lv[i].sink && lv[i].kind->started_ns &&
		    lv[i].kind->started_ns(lv[i].sink))
			j->started = realtime_of(lv[i].kind->started_ns(lv[i].sink));
	for (size_t i = 0; i < n; i++) {
		if (stop && lv[i].sink && !lv[i].err)
			lv[i].sink->abort(lv[i].sink);   /* fades out */
		sink_free(lv[i].sink);
		stage_free(lv[i].src);
		free(lv[i].why);
	}
	if (n)
		j->ended = ended ? ended : air_now();
	if (stop == 1)
		j->outcome = ASRUN_INTERRUPTED;
	else if (err || stop)
		j->outcome = ASRUN_FAILED;
	else if (j->playing != j->rendered)
		j->outcome = ASRUN_FALLBACK;
	else if (j->started - j->at > MS(LATE_MS))
		j->outcome = ASRUN_LATE;
	else
		j->outcome = ASRUN_AIRED;
	if (j->outcome == ASRUN_FAILED && !j->started)
		j->ended = 0;
	atomic_store(&j->state, JOB_DONE);
	return NULL;
}

/* Mark j on air in STATE/onair (for a restart after a crash). */
static void mark_onair(struct runner *r, const air_job *j)
{
	char *path = state_file(r->st, "onair"), line[160];
	int n = snprintf(line, sizeof(line), "%s %lld\n", j->slot,
			 (long long)j->at);

	if (outfile_write_all(path, line, (size_t)n))
		note(r, "%s", err_detail());
	free(path);
}

/* Start airing j (its file or the fallback) at start (realtime). */
static void start_air(struct runner *r, air_job *j, air_ns start,
		      const char *file)
{
	j->playing = file;
	atomic_store(&j->state, JOB_AIRING);
	taken(r, j);
	mark_onair(r, j);
	r->airing = j;
	r->airing_st = r->st;
	r->air_start_mono = air_mono_of(start);
	if (pthread_create(&r->air_th, NULL, air_main, r)) {
		r->airing = NULL;
		air_main(r);
	}
}

/* Log a finished job and forget it (its rendered file removed). */
static void retire_job(struct runner *r, size_t i)
{
	air_job *j = r->jobs[i];
	char *onair = state_file(r->st, "onair");

	if ((j->outcome == ASRUN_AIRED || j->outcome == ASRUN_LATE) &&
	    j->playing == j->rendered)
		deliver(r, r->st, j, 1);
	if (job_log(j))
		note(r, "%s", err_detail());
	note(r, "%s: %s%s%s", job_name(j), asrun_outcome_name(j->outcome),
	     j->air_error || j->error ? ": " : "",
	     j->air_error ? j->air_error : j->error ? j->error : "");
	if (j->outcome == ASRUN_AIRED || j->outcome == ASRUN_LATE)
		job_aired(j, air_now());
	if (j->playing)
		unlink(onair);
	free(onair);
	if (j->rendered) {
		char *stem = xstrndup(j->rendered, strlen(j->rendered) - 4);
		const char *ext[] = { ".wav", ".mp3", ".vtt", ".chapters.json" };

		for (size_t k = 0; k < ARRAY_SIZE(ext); k++) {
			strbuf sb = { 0 };

			sb_addf(&sb, "%s%s", stem, ext[k]);
			unlink(sb.buf);
			sb_release(&sb);
		}
		free(stem);
	}
	taken(r, j);
	job_free(j);
	memmove(&r->jobs[i], &r->jobs[i + 1], (r->n_jobs - i - 1) * sizeof(*r->jobs));
	r->n_jobs--;
}

/* The airing thread is done: join it, log. */
static void finish_air(struct runner *r)
{
	air_job *j = r->airing;

	pthread_join(r->air_th, NULL);
	r->airing = NULL;
	r->last_end = j->ended ? j->ended : air_now();
	if (r->old) {
		station_free(r->old);
		r->old = NULL;
	}
	for (size_t i = 0; i < r->n_jobs; i++)
		if (r->jobs[i] == j && j != r->rendering) {
			retire_job(r, i);
			return;
		}
}

/* ---- the loop ---------------------------------------------------- */

/* Log job i as missed (or failed) now, without airing it. */
static void skip_job(struct runner *r, size_t i, enum asrun_outcome o,
		     const char *why)
{
	air_job *j = r->jobs[i];

	j->outcome = o;
	if (why && !j->error)
		j->error = xstrdup(why);
	if (j == r->rendering) {   /* logged when its render ends */
		atomic_store(&j->state, JOB_DONE);
		return;
	}
	retire_job(r, i);
}

/* A prepared (or late) job whose time has come: air it when the airing
 * thread is free.  Returns 1 when the job was retired. */
static int try_air(struct runner *r, size_t i, air_ns now)
{
	air_job *j = r->jobs[i];
	const char *file = j->rendered ? j->rendered : j->fallback;
	air_ns base = j->at, start;

	if (now < j->at - MS(LEAD_MS))
		return 0;
	if (!file) {
		if (now < j->at)
			return 0;
		skip_job(r, i, ASRUN_FAILED, NULL);
		return 1;
	}
	if (r->airing) {
		if (j->start == AIR_START_HARD &&
		    now >= j->at - MS(CUT_AHEAD_MS) &&
		    !atomic_load(&r->airing->cut)) {
			note(r, "%s: cutting '%s' for a hard start", job_name(j),
			     r->airing->slot);
			atomic_store(&r->airing->cut, 1);
		}
		return 0;
	}
	if (j->start == AIR_START_SOFT && r->last_end > base)
		base = r->last_end;
	if (now > base + (air_ns)(j->late * AIR_NS_PER_S) + MS(GRACE_MS)) {
		skip_job(r, i, ASRUN_MISSED, "its time passed before it could "
			 "start");
		return 1;
	}
	start = j->at > now + MS(300) ? j->at : now + MS(300);
	if (!j->rendered && !j->error)
		j->error = xstrdup("the bulletin was not ready in time");
	start_air(r, j, start, file);
	return 0;
}

/* Move job i along; 1 when it was retired (the list shifted). */
static int step_job(struct runner *r, size_t i, air_ns now)
{
	air_job *j = r->jobs[i];
	air_ns deadline = j->at + (air_ns)(j->late * AIR_NS_PER_S) + MS(GRACE_MS);

	switch (atomic_load(&j->state)) {
	case JOB_PLANNED:
		if (now > deadline && !(j->start == AIR_START_SOFT && r->airing)) {
			skip_job(r, i, ASRUN_MISSED, "its time passed while "
				 "crieur was stopped or busy");
			return 1;
		}
		if (now >= j->prepare_at && !r->rendering)
			start_render(r, j);
		return 0;
	case JOB_RENDERING:   /* the fallback airs if it is not ready */
		if (j->fallback && now >= j->at - MS(FALLBACK_MS))
			return try_air(r, i, now);
		if (now > deadline && !(j->start == AIR_START_SOFT && r->airing))
			skip_job(r, i, ASRUN_MISSED, "the bulletin was not "
				 "ready in time");
		return 0;
	case JOB_READY:
		return try_air(r, i, now);
	case JOB_DONE:
		if (j != r->rendering && j != r->airing) {
			retire_job(r, i);
			return 1;
		}
		return 0;
	default:
		return 0;
	}
}

/* One turn of the loop. */
static void step(struct runner *r)
{
	air_ns now;

	if (r->airing && atomic_load(&r->airing->state) == JOB_DONE)
		finish_air(r);
	if (r->rendering && atomic_load(&r->rendering->prepared)) {
		air_job *j = r->rendering;

		finish_render(r);
		if (atomic_load(&j->state) == JOB_RENDERING)
			atomic_store(&j->state, JOB_READY);
	}
	if (r->o->reload && r->o->reload(r->o->ctx))
		reload(r);
	now = air_now();
	scan_inboxes(r, now);
	plan(r, now);
	for (size_t i = 0; i < r->n_jobs; i++)
		if (step_job(r, i, now))
			i--;
}

/* Stop: the airing fades out (it polls crieur_interrupted) and is
 * logged interrupted; a render in progress gives up. */
static void stop(struct runner *r)
{
	if (r->airing) {
		pthread_join(r->air_th, NULL);
		atomic_store(&r->airing->state, JOB_DONE);
		r->airing = NULL;
	}
	if (r->rendering) {
		pthread_join(r->render_th, NULL);
		r->rendering = NULL;
	}
	for (size_t i = 0; i < r->n_jobs; i++)
		if (atomic_load(&r->jobs[i]->state) == JOB_DONE &&
		    r->jobs[i]->playing) {
			retire_job(r, i);
			i--;
		}
	for (size_t i = 0; i < r->n_jobs; i++)
		job_free(r->jobs[i]);
	r->n_jobs = 0;
}

int air_run(const air_opts *o)
{
	struct runner r = { .o = o };
	int err = load_station(o->station, &r.st);

	if (err)
		return err;
	if ((err = player_hold())) {
		station_free(r.st);
		return err;
	}
	start_outputs(&r, r.st, NULL);
	station_each_inbox(r.st, recover_one_inbox, &r);
	station_each_inbox(r.st, collect_inbox, &r);
	clear_prepared(r.st);
	resume(&r);
	note(&r, "on air: '%s' (%s), %zu slot%s, state in '%s'", r.st->name,
	     r.st->timezone ? r.st->timezone : "the system's time zone",
	     r.st->n_slots, r.st->n_slots == 1 ? "" : "s", r.st->state);
	while (!crieur_interrupted) {
		step(&r);
		nap_ms(TICK_MS);
	}
	stop(&r);
	free_inboxes(&r);
	station_free(r.old);
	station_free(r.st);
	player_release();
	return err_set(CRIEUR_EINTR, "interrupted");
}
