/* player.c - a bulletin played as it is synthesized (see player.h). */
#include "bulletin/player.h"
#include "bulletin/session.h"
#include "audio/async.h"
#include "audio/limiter.h"
#include "audio/loop.h"
#include "audio/gain.h"
#include "audio/loudness.h"
#include "audio/mix.h"
#include "audio/sndfile_io.h"
#include "audio/spill.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "bulletin/timeline.h"
#include "speech/synth.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The calibration's reference texts: news sentences, ~15 s each. */
static const char cal_fr[] =
	"Bonsoir, voici les informations.\n"
	"Le conseil a adopté hier soir un nouveau plan pour les transports "
	"publics de la région. Les travaux commenceront au printemps prochain "
	"et dureront trois ans. Les syndicats ont salué une bonne nouvelle, "
	"mais demandent des garanties sur l'emploi.";
static const char cal_en[] =
	"Good evening, here is the news.\n"
	"The council adopted a new plan for the region's public transport last "
	"night. Work will begin next spring and last three years. The unions "
	"welcomed the news, but they are asking for guarantees on jobs.";


/* What the speech track (on the worker) tells the mixer's thread. */
struct shared {
	pthread_mutex_t lock;
	long long *sting_at;   /* per item: its sting, -1 none, -2 not known */
	int final_known;
	long long outro_at, bed_to, total;
};

/* The voice track: items one after another at their timeline places. */
struct speech {
	audio_stage base;
	const bulletin_spec *spec;
	bulletin_session *ses;           /* items, voices, lexicons, clips */
	struct shared *sh;
	long long intro, outro, sting;   /* jingle lengths, output frames */
	long long *lengths;
	size_t k;                        /* the item being spoken */
	long long pos, item_at, item_start;
	audio_stage *chain;
};

/* The bed, whose end (and fade out) is known only late. */
struct bed_tail {
	audio_stage base;
	audio_stage *src;
	long long pos, end;              /* end -1: not known yet */
	long fade;
};

struct live {
	audio_stage base;
	const bulletin_spec *spec;
	bulletin_session *ses;           /* shared with the speech track */
	struct shared sh;
	audio_stage *mixer;
	struct bed_tail *bed;            /* owned by the mixer once added */
	spill *music;
	long long bed_from, t, total;    /* total -1: not known yet */
	size_t stings_applied;
	int final_applied;
	/* the bed is decoded on its own thread, off the start's path */
	pthread_t bed_thread;
	int bed_thread_up, bed_added;
	struct bed_tail *bed_ready;      /* under sh.lock */
	err_ctx bed_error;               /* under sh.lock */
};

/* The cache (below): files under $XDG_CACHE_HOME/crieur. */
static char *cache_path(char *name);
static int cache_get(const char *path, double *v, int n);
static void cache_put(const char *path, const double *v, int n);

/* The timeline for the lengths known so far (the others 0). */
static void layout_known(const struct speech *s, timeline *tl)
{
	timeline_input in;

	memset(&in, 0, sizeof(in));
	in.rate = s->spec->out.rate;
	in.intro = s->intro;
	in.outro = s->outro;
	in.sting = s->sting;
	in.items = s->lengths;
	in.n_items = s->spec->n_items;
	in.gap = s->spec->gap;
	in.talkup = s->spec->talkup;
	in.has_bed = s->spec->bed != NULL;
	timeline_layout(&in, tl);
}

/* The speech chain for item k, as rendered: same words, same samples. */
static int item_chain(struct speech *s, size_t k, audio_stage **out)
{
	speech_chain *c;
	int err = bulletin_session_chain(s->ses, k, 1.0, s->spec->out, NULL, &c);

	*out = err ? NULL : speech_chain_stage(c);
	return err;
}

/* Tell spec->on_item that item k starts now (at s->pos). */
static void announce(struct speech *s)
{
	const bulletin_item *bi = &s->spec->items[s->k];
	const statement *st = &s->ses->items[s->k].st;
	char *head;

	if (!s->spec->on_item)
		return;
	if (bi->title) {
		s->spec->on_item(s->spec->on_item_ctx, s->k, s->pos, bi->title);
		return;
	}
	head = xstrndup(st->data + st->lines[0].start, st->lines[0].len);
	s->spec->on_item(s->spec->on_item_ctx, s->k, s->pos, head);
	free(head);
}

/* Item k has ended: lay out what follows and tell the mixer. */
static void item_done(struct speech *s)
{
	size_t k = s->k, n = s->spec->n_items;
	timeline tl;

	s->lengths[k] = s->pos - s->item_start;
	layout_known(s, &tl);
	pthread_mutex_lock(&s->sh->lock);
	s->sh->sting_at[k] = k + 1 < n ? tl.sting_at[k] : -1;
	if (k + 1 == n) {
		s->sh->outro_at = tl.outro_at;
		s->sh->bed_to = tl.bed_to;
		s->sh->total = tl.total;
		s->sh->final_known = 1;
	}
	pthread_mutex_unlock(&s->sh->lock);
	s->k++;
	if (s->k < n)
		s->item_at = tl.item_at[s->k];
	timeline_release(&tl);
}

static long speech_read(audio_stage *self, float *buf, long frames)
{
	struct speech *s = (struct speech *)self;
	int ch = self->fmt.channels, err;
	long done = 0;

	while (done < frames && s->k < s->spec->n_items) {
		if (s->pos < s->item_at) {   /* silence before the item */
			long n = frames - done;
			if (n > s->item_at - s->pos)
				n = (long)(s->item_at - s->pos);
			memset(buf + (size_t)done * ch, 0, (size_t)n * ch * sizeof(float));
			done += n;
			s->pos += n;
			continue;
		}
		if (!s->chain) {
			if ((err = item_chain(s, s->k, &s->chain)))
				return err;
			s->item_start = s->pos;
			announce(s);
		}
		long want = frames - done, got = stage_read(s->chain,
			buf + (size_t)done * ch, want);
		if (got < 0)
			return got;
		done += got;
		s->pos += got;
		if (got < want) {
			stage_free(s->chain);
			s->chain = NULL;
			item_done(s);
		}
	}
	return done;
}

static void speech_free(audio_stage *self)
{
	struct speech *s = (struct speech *)self;

	stage_free(s->chain);
	free(s->lengths);
	free(s);
}

/* Raised-cosine fade factor for frame k of n (0 to 1), as the mixer's. */
static float fade_gain(long long k, long n)
{
	return n <= 0 || k >= n ? 1.0f : k <= 0 ? 0.0f :
		(float)(0.5 - 0.5 * cos(M_PI * (double)k / (double)n));
}

static long bed_read(audio_stage *self, float *buf, long frames)
{
	struct bed_tail *b = (struct bed_tail *)self;
	int ch = self->fmt.channels;
	long got;

	if (b->end >= 0 && frames > b->end - b->pos)
		frames = b->end > b->pos ? (long)(b->end - b->pos) : 0;
	got = stage_read(b->src, buf, frames);
	if (got <= 0)
		return got;
	for (long f = 0; b->end >= 0 && f < got; f++) {
		float g = fade_gain(b->end - (b->pos + f), b->fade);
		for (int c = 0; c < ch; c++)
			buf[f * ch + c] *= g;
	}
	b->pos += got;
	return got;
}

static void bed_free(audio_stage *self)
{
	stage_free(((struct bed_tail *)self)->src);
	free(self);
}

/* Place a jingle at `at` (or now, if that has passed). */
static int add_clip(struct live *l, const char *path, long long at)
{
	audio_stage *s;
	int err;

	if (!path || at < 0)
		return 0;
	if ((err = bulletin_open_clip(l->spec, path, &s)))
		return err;
	mixer_add(l->mixer, s, at > l->t ? at : l->t, -1, 0, MIX_JINGLE, 0, 0);
	return 0;
}

static int bed_apply(struct live *l);

/* Apply what the speech track has learnt: stings, outro, bed end, end. */
static int apply_events(struct live *l)
{
	const bulletin_spec *s = l->spec;
	int err = 0;

	pthread_mutex_lock(&l->sh.lock);
	err = bed_apply(l);
	while (!err && l->stings_applied < s->n_items &&
	       l->sh.sting_at[l->stings_applied] != -2) {
		long long at = l->sh.sting_at[l->stings_applied++];
		pthread_mutex_unlock(&l->sh.lock);
		err = add_clip(l, s->sting, at);
		pthread_mutex_lock(&l->sh.lock);
	}
	if (!err && l->sh.final_known && !l->final_applied) {
		l->final_applied = 1;
		l->total = l->sh.total;
		if (s->outro)
			err = add_clip(l, s->outro, l->sh.outro_at);
	}
	if (l->final_applied && l->bed && l->bed->end < 0)
		l->bed->end = l->sh.bed_to - l->bed_from;
	pthread_mutex_unlock(&l->sh.lock);
	return err;
}

static long live_read(audio_stage *self, float *buf, long frames)
{
	struct live *l = (struct live *)self;
	long got;
	int err;

	if ((err = apply_events(l)))
		return err;
	if (l->total >= 0 && frames > l->total - l->t)
		frames = l->total > l->t ? (long)(l->total - l->t) : 0;
	got = stage_read(l->mixer, buf, frames);
	if (got > 0)
		l->t += got;
	return got;
}

static void live_free(audio_stage *self)
{
	struct live *l = (struct live *)self;

	if (l->bed_thread_up)
		pthread_join(l->bed_thread, NULL);
	if (!l->bed_added && l->bed_ready)
		bed_free(&l->bed_ready->base);
	stage_free(l->mixer);   /* joins the speech worker first */
	spill_free(l->music);
	bulletin_session_free(l->ses);
	free(l->sh.sting_at);
	pthread_mutex_destroy(&l->sh.lock);
	free(l);
}

/* The bed's thread: decode it once into a spill, loop it. */
static void *bed_worker(void *arg)
{
	struct live *l = arg;
	const bulletin_spec *s = l->spec;
	audio_stage *src = NULL;
	struct bed_tail *b = NULL;
	long long off, frames;
	int err;

	if (!(err = spill_new(&l->music, s->out)) && !(err = bulletin_open_clip(s, s->bed, &src))) {
		err = spill_append(l->music, src, &off, &frames);
		stage_free(src);
		if (!err)
			err = loop_new(&src, l->music, 0, frames, 250);
	}
	if (!err) {
		b = xcalloc(1, sizeof(*b));
		b->base.fmt = s->out;
		b->base.read = bed_read;
		b->base.free = bed_free;
		b->src = src;
		b->end = -1;
		b->fade = s->out.rate * 2;
	}
	pthread_mutex_lock(&l->sh.lock);
	l->bed_ready = b;
	if (err)
		err_keep(&l->bed_error, err);
	pthread_mutex_unlock(&l->sh.lock);
	return NULL;
}

/* Add the bed to the mixer once decoded (under sh.lock): at its place,
 * or now with its fade-in if decoding took longer. */
static int bed_apply(struct live *l)
{
	const bulletin_spec *s = l->spec;

	if (l->bed_error.code)
		return err_raise(&l->bed_error);
	if (l->bed_added || !l->bed_ready)
		return 0;
	l->bed = l->bed_ready;
	l->bed_added = 1;
	if (l->t > l->bed_from)
		l->bed_from = l->t;
	mixer_add(l->mixer, &l->bed->base, l->bed_from, -1, s->bed_level,
		  MIX_BED, s->out.rate * 3 / 2, 0);
	return 0;
}

/* The speech track on its worker, and the mixer with the intro and bed. */
static int build(struct live *l)
{
	const bulletin_spec *s = l->spec;
	mix_duck duck = { s->duck, s->attack, s->release, 400, -45 };
	struct speech *sp = xcalloc(1, sizeof(*sp));
	audio_stage *ahead;
	timeline tl;
	int err;

	sp->base.fmt = s->out;
	sp->base.read = speech_read;
	sp->base.free = speech_free;
	sp->spec = s;
	sp->ses = l->ses;
	sp->sh = &l->sh;
	sp->lengths = xcalloc(s->n_items + 1, sizeof(long long));
	sp->intro = l->ses->intro;
	sp->outro = l->ses->outro;
	sp->sting = l->ses->sting;
	layout_known(sp, &tl);
	sp->item_at = tl.item_at[0];
	mixer_new(&l->mixer, s->out, LLONG_MAX, &duck);   /* cannot fail */
	async_new(&ahead, &sp->base, s->out.rate, 0);     /* cannot fail */
	mixer_add(l->mixer, ahead, 0, -1, 0, MIX_VOICE, 0, 0);
	err = add_clip(l, s->intro, s->intro ? 0 : -1);
	l->bed_from = tl.bed_from;
	timeline_release(&tl);
	if (!err && s->bed) {
		if (pthread_create(&l->bed_thread, NULL, bed_worker, l))
			return err_set(CRIEUR_EINVAL, "cannot start a thread");
		l->bed_thread_up = 1;
	}
	return err;
}

/* A jingle's loudness and length from the cache (keyed by the file's
 * size and time), or (store) into it.  0 when found. */
static int clip_cached(const bulletin_spec *s, const char *path, double *lufs,
		       double *seconds, int store)
{
	char name[512], *cp;
	double rec[2] = { *lufs, *seconds };
	struct stat st;
	int found = 0;

	if (stat(path, &st))
		return -1;
	snprintf(name, sizeof(name), "clip-%s-%lld-%lld-%dx%d", path,
		 (long long)st.st_size, (long long)st.st_mtime, s->out.rate,
		 s->out.channels);
	cp = cache_path(name);
	if (store && isfinite(rec[0]))
		cache_put(cp, rec, 2);
	else if (!store && (found = cache_get(cp, rec, 2) && rec[0] >= -70 &&
			    rec[0] <= 6 && rec[1] >= 0 &&
			    rec[1] <= CLIP_MAX_SECONDS)) {
		*lufs = rec[0];
		*seconds = rec[1];
	}
	free(cp);
	return found ? 0 : -1;
}

/* Integrated loudness and length (s) of a jingle, measured once and
 * cached; length 0 when it is silent. */
static int clip_loudness(const bulletin_spec *s, const char *path,
			 double *lufs, double *seconds)
{
	audio_stage *src, *meter;
	long long frames = 0;
	float *buf;
	long got;
	int err;

	*seconds = 0;
	if (!path)
		return 0;
	if (!(err = clip_cached(s, path, lufs, seconds, 0)))
		return 0;
	if ((err = bulletin_open_clip(s, path, &src)))
		return err;
	if ((err = loudness_meter_new(&meter, src, 0)))
		return err;
	buf = xcalloc(8192 * (size_t)s->out.channels, sizeof(float));
	while ((got = stage_read(meter, buf, 8192)) > 0)
		frames += got;
	free(buf);
	err = got < 0 ? (int)got : loudness_meter_result(meter, lufs, NULL);
	stage_free(meter);
	if (err == CRIEUR_EEMPTY) {   /* silent: gated out */
		*lufs = -HUGE_VAL;
		err = 0;
	} else {
		*seconds = (double)frames / s->out.rate;
	}
	if (!err)
		clip_cached(s, path, lufs, seconds, 1);
	return err;
}

/* How much louder than its speech the mix will measure: the power mean
 * of the speech (length estimated from the text) and the jingles, which
 * is what BS.1770 integrates when both pass its gates. */
static int mix_correction(const bulletin_spec *s,
			  const bulletin_session_item *items,
			  const bulletin_calibration *cal, double *db)
{
	double speech = 0, energy, total, l, d;
	const char *clips[3] = { s->intro, s->outro, s->sting };
	int err;

	*db = 0;
	for (size_t i = 0; i < s->n_items; i++)
		speech += (double)items[i].st.len * cal->seconds_per_byte;
	energy = speech * pow(10, cal->lufs / 10);
	total = speech;
	for (int c = 0; c < 3; c++) {
		if ((err = clip_loudness(s, clips[c], &l, &d)))
			return err;
		if (c == 2)   /* a sting between each two items */
			d *= s->n_items > 1 ? (double)(s->n_items - 1) : 0;
		if (d > 0 && l > cal->lufs - 10) {   /* over the relative gate */
			energy += d * pow(10, l / 10);
			total += d;
		}
	}
	if (total > 0 && energy > 0)
		*db = 10 * log10(energy / total) - cal->lufs;
	return 0;
}

/* The gain to master with: the main voice's calibration, corrected for
 * the jingles. */
static int live_gain(const bulletin_spec *s, const bulletin_session_item *items,
		     bulletin_player_info *info)
{
	speech_options so = s->speech;
	bulletin_calibration cal;
	double corr;
	int err;

	memset(info, 0, sizeof(*info));
	if (isnan(s->loudness))
		return 0;
	if (!s->speech.voice && s->n_items)
		bulletin_item_speech(s, 0, items[0].lang, &so);
	if ((err = bulletin_player_calibrate(&so, s->out, s->loudness,
					   s->true_peak, &cal)) ||
	    (err = mix_correction(s, items, &cal, &corr)))
		return err;
	info->gain_db = cal.gain_db - corr;
	info->mix_correction_db = -corr;
	info->calibration_cached = cal.cached;
	return 0;
}

int bulletin_player_new(audio_stage **out, const bulletin_spec *spec,
		      bulletin_player_info *info)
{
	bulletin_player_info local;
	struct live *l;
	audio_stage *st;
	int err, rate = synth_engine_init();

	*out = NULL;
	if (rate < 0)
		return rate;
	l = xcalloc(1, sizeof(*l));
	l->base.fmt = spec->out;
	l->base.read = live_read;
	l->base.free = live_free;
	l->spec = spec;
	l->total = -1;
	l->sh.sting_at = xcalloc(spec->n_items, sizeof(long long));
	for (size_t i = 0; i < spec->n_items; i++)
		l->sh.sting_at[i] = -2;
	pthread_mutex_init(&l->sh.lock, NULL);
	if (!info)
		info = &local;
	if ((err = bulletin_session_open(&l->ses, spec)) ||
	    (err = live_gain(spec, l->ses->items, info)) || (err = build(l))) {
		live_free(&l->base);
		return err;
	}
	st = &l->base;
	if (!isnan(spec->loudness) &&
	    ((err = gain_new(&st, st, info->gain_db)) ||
	     (err = limiter_new(&st, st, spec->true_peak, LIMITER_LOOKAHEAD_MS,
				LIMITER_RELEASE_MS))))
		return err;
	*out = st;
	return 0;
}

/* The cache file `name` (slashes and spaces made '_'), or NULL without a
 * cache folder. */
static char *cache_path(char *name)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char dir[1024], *path;

	if (xdg && *xdg)
		snprintf(dir, sizeof(dir), "%s/crieur", xdg);
	else if (home && *home)
		snprintf(dir, sizeof(dir), "%s/.cache/crieur", home);
	else
		return NULL;
	for (char *c = name; *c; c++)
		if (*c == '/' || *c == ' ')
			*c = '_';
	path = xcalloc(1, strlen(dir) + strlen(name) + 2);
	sprintf(path, "%s/%s", dir, name);
	return path;
}

/* Read n numbers from a cache file; 1 when all were there and finite. */
static int cache_get(const char *path, double *v, int n)
{
	FILE *f = path ? fopen(path, "r") : NULL;
	int ok = f != NULL;

	for (int i = 0; ok && i < n; i++)
		ok = fscanf(f, "%lf", &v[i]) == 1 && isfinite(v[i]);
	if (f)
		fclose(f);
	return ok;
}

static void make_parent(const char *path);

/* Write n numbers to a cache file, atomically (never half a record);
 * failing to is not an error. */
static void cache_put(const char *path, const double *v, int n)
{
	strbuf sb;

	if (!path)
		return;
	make_parent(path);
	sb_init(&sb);
	for (int i = 0; i < n; i++)
		sb_addf(&sb, "%.6f%c", v[i], i + 1 < n ? ' ' : '\n');
	if (outfile_write_all(path, sb.buf, sb.len))
		err_clear();   /* a cache that cannot be written is no error */
	sb_release(&sb);
}

/* The cache file of a voice's calibration.  "loudness2": records written
 * before the reference text was said once (their seconds per byte were
 * doubled) are not read. */
static char *cal_path(const voice *v, const char *lang, audio_format fmt,
		      double target, double ceiling)
{
	char name[512];
	const unsigned char *fx = (const unsigned char *)&v->fx;
	unsigned long fx_hash = 2166136261u;   /* FNV-1a of the processing */

	for (size_t i = 0; i < sizeof(v->fx); i++)
		fx_hash = (fx_hash ^ fx[i]) * 16777619u & 0xFFFFFFFFu;
	snprintf(name, sizeof(name), "loudness2-%s-%s-%d-%d-%d-%d-%08lx-%s-%dx%d-%.2f-%.2f",
		 synth_engine_version(), v->espeak, v->rate, v->pitch, v->range,
		 v->volume, fx_hash, lang, fmt.rate, fmt.channels, target, ceiling);
	return cache_path(name);
}

/* mkdir -p of path's folder. */
static void make_parent(const char *path)
{
	char *p = xstrdup(path);

	for (char *c = p + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = '\0';
		mkdir(p, 0755);
		*c = '/';
	}
	free(p);
}

/* Measure: the reference text spoken by v, through the meter's trials. */
static int cal_measure(const speech_options *so, audio_format fmt,
		       double target, double ceiling, bulletin_calibration *cal)
{
	speech_chain_config cfg = { .fmt = fmt, .mode = SPEECH_BULLETIN };
	audio_stage *meter;
	speech_chain *c;
	const char *text;
	long long frames = 0;
	float *buf;
	long got;
	int err;

	if ((err = speech_chain_new(&c, so, &cfg)))
		return err;
	text = !strncmp(speech_chain_lang(c), "en", 2) ? cal_en : cal_fr;
	if ((err = speech_chain_say(c, text, strlen(text), 0))) {
		speech_chain_free(c);
		return err;
	}
	if ((err = loudness_meter_new(&meter, speech_chain_stage(c), 0)))
		return err;
	if ((err = loudness_meter_set_target(meter, target, ceiling))) {
		stage_free(meter);
		return err;
	}
	buf = xcalloc(4096 * (size_t)fmt.channels, sizeof(float));
	while ((got = stage_read(meter, buf, 4096)) > 0)
		frames += got;
	free(buf);
	err = got < 0 ? (int)got : loudness_meter_result(meter, &cal->lufs, NULL);
	if (!err)
		err = loudness_plan_limited(meter, &cal->gain_db);
	cal->seconds_per_byte = (double)frames / fmt.rate / (double)strlen(text);
	stage_free(meter);
	return err;
}

int bulletin_player_calibrate(const speech_options *so, audio_format fmt,
			    double target_lufs, double ceiling_dbtp,
			    bulletin_calibration *cal)
{
	const char *lang;
	double rec[3];
	char *path;
	voice v;
	int err = speech_pick_voice(so, &v, &lang);

	memset(cal, 0, sizeof(*cal));
	if (err)
		return err;
	path = cal_path(&v, lang, fmt, target_lufs, ceiling_dbtp);
	/* a damaged or tampered record is measured again, never trusted */
	if (cache_get(path, rec, 3) && fabs(rec[0]) <= CAL_MAX_GAIN_DB &&
	    rec[1] >= -70 && rec[1] <= 0 && rec[2] > 0 && rec[2] < 1) {
		cal->gain_db = rec[0];
		cal->lufs = rec[1];
		cal->seconds_per_byte = rec[2];
		cal->cached = 1;
	} else if (!(err = cal_measure(so, fmt, target_lufs, ceiling_dbtp, cal))) {
		rec[0] = cal->gain_db;
		rec[1] = cal->lufs;
		rec[2] = cal->seconds_per_byte;
		cache_put(path, rec, 3);
	}
	free(path);
	return err;
}
