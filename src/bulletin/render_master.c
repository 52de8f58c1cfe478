/* render_master.c - passes B and C of the file renderer: the loudness
 * pilot, the trial of the mix's second half, the gain settled while pass
 * C (gain, limiter, its first half measured, progress) runs. */
#include "bulletin/render.h"
#include "audio/async.h"
#include "audio/limiter.h"
#include "audio/spill.h"
#include "audio/gain.h"
#include "audio/loudness.h"
#include "base/error.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* The loudness target and true-peak ceiling to master to: MP3 and Opus
 * decode a little quieter than their input and overshoot its peaks, so
 * they are mastered to a compensated target and a lower ceiling (see
 * loudness_for_mp3() and loudness_for_opus()). */
static void master_targets(const struct job *j, double *target, double *ceiling)
{
	*target = j->spec->loudness;
	*ceiling = j->spec->true_peak;
	if (j->type == AUDIO_FILE_MP3)
		loudness_for_mp3(j->spec->mp3.bitrate ? j->spec->mp3.bitrate :
				 (j->spec->out.channels == 1 ? 64 : 128),
				 j->spec->out.channels, target, ceiling);
	else if (j->type == AUDIO_FILE_OPUS)
		loudness_for_opus(j->spec->mp3.bitrate, j->spec->out.channels,
				  target, ceiling);
}

/* The whole mix, for a short bulletin. */
static int pilot_whole(struct job *j, struct pilot *p)
{
	long total = (long)j->tl.total, got = 0;
	audio_stage *mix;
	int err = render_build_mix(j, 0, &mix);

	if (err)
		return err;
	p->fmt = j->spec->out;
	p->x = xcalloc((size_t)total * (size_t)p->fmt.channels + 1, sizeof(float));
	while (got < total) {
		long r = stage_read(mix, p->x + got * p->fmt.channels, total - got);

		if (r < 0) {
			err = (int)r;
			break;
		}
		if (!r)
			break;
		got += r;
	}
	stage_free(mix);
	p->n = got;
	p->whole = 1;
	return err;
}

/* Gather the excerpts.  Speech is mono in the spill: a stereo output
 * carries it on both channels, 3 dB louder by BS.1770, so the excerpts'
 * target is that much lower. */
static int pilot_new(struct job *j, double target, struct pilot *p)
{
	const struct item_state *last = &j->items[j->spec->n_items - 1];
	long long total = last->spill_off + last->spill_frames;
	long piece, fade;
	int pieces = PILOT_PIECES, err = 0;

	memset(p, 0, sizeof(*p));
	p->curve = (loudness_curve)LOUDNESS_CURVE_INIT;
	if (j->tl.total <= (long long)WHOLE_SECONDS * j->spec->out.rate) {
		p->target = target;
		return pilot_whole(j, p);
	}
	p->fmt = spill_format(j->sp);
	p->target = target - 10 * log10(j->spec->out.channels);
	p->n = 0;
	piece = (long)PILOT_SECONDS * p->fmt.rate;
	fade = p->fmt.rate / 100;
	if (total <= (long long)piece * pieces) {
		pieces = 1;
		piece = (long)total;
	}
	p->x = xcalloc((size_t)piece * (size_t)pieces + 1, sizeof(float));
	for (int k = 0; k < pieces && !err; k++) {
		long long at = (total - piece) * k / (pieces > 1 ? pieces - 1 : 1);

		err = spill_read(j->sp, at, p->x + p->n, piece);
		for (long i = 0; i < fade && i < piece / 2; i++) {
			float g = (float)i / (float)fade;

			p->x[p->n + i] *= g;
			p->x[p->n + piece - 1 - i] *= g;
		}
		p->n += piece;
	}
	/* the trials run the two halves on two threads */
	p->curve.cut = pieces > 1 ? piece * (pieces / 2) : 0;
	return err;
}

/* The gain at which the limited excerpts measure their target moved by
 * `shift` LU (the points an earlier call measured are not measured
 * again). */
static int pilot_gain(struct pilot *p, double ceiling, double shift,
		      double *gain)
{
	return loudness_pilot_curve(p->x, p->n, p->fmt, p->target + shift,
				    ceiling, &p->curve, gain, NULL);
}

/* The gain for the rest of the bulletin once pos frames went out at the
 * pilot's (gain_ctl_settle): so that the whole averages to b->gain, the
 * glide (SETTLE_GLIDE_SECONDS, linear) counted half at the pilot's. */
static double settle_gain(void *ctx, long long pos)
{
	struct pass_b *b = ctx;
	int rate = b->j->spec->out.rate;
	double total = (double)b->j->tl.total;
	double p = (double)pos + SETTLE_GLIDE_SECONDS * rate / 2.0;
	double g = b->gain, d;

	if (p >= total - rate)
		return g;
	d = (b->gain - b->pilot_gain) * p / (total - p);
	d = d > 2 ? 2 : d < -2 ? -2 : d;
	return g + d;
}

/* Seconds on clock c. */
double render_clock_seconds(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* CPU seconds of the whole process so far, with its children's (pass
 * A's) once they ended. */
double render_process_cpu(void)
{
	struct rusage ru, ch;

	getrusage(RUSAGE_SELF, &ru);
	getrusage(RUSAGE_CHILDREN, &ch);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6 +
	       ch.ru_utime.tv_sec + ch.ru_utime.tv_usec * 1e-6 +
	       ch.ru_stime.tv_sec + ch.ru_stime.tv_usec * 1e-6;
}

static void *pass_b_run(void *arg)
{
	struct pass_b *b = arg;
	struct job *j = b->j;
	audio_stage *mix = NULL, *trial = NULL;
	float *buf = NULL;
	long long from = b->split - (long long)PASS_B_PREROLL * j->spec->out.rate;
	double lufs;
	long got = 0;
	int err;
	double t0 = render_clock_seconds(CLOCK_MONOTONIC);

	from = from > 0 ? from : 0;
	if (!(err = render_build_mix(j, from, &mix)))
		err = loudness_trial_new(&trial, mix, b->pilot_gain, b->ceiling,
					 b->split - from);
	if (!err) {
		buf = xcalloc(8192 * (size_t)j->spec->out.channels, sizeof(float));
		while ((got = stage_read(trial, buf, 8192)) == 8192 &&
		       !crieur_interrupted && !atomic_load(&b->stop))
			;
		free(buf);
		err = got < 0 ? (int)got :
		      crieur_interrupted || atomic_load(&b->stop) ?
		      err_set(CRIEUR_EINTR, "interrupted") : 0;
	}
	/* the whole mix, at the pilot's gain (pass C's first half and the
	 * trial), is `off` from the target: the gain where the excerpts
	 * measure that much less than theirs (the curve of loudness against
	 * gain, limiter and all, is the excerpts', as measured, not a
	 * straight line) */
	if (!err)
		err = loudness_head_wait(b->head, &b->stop);
	if (!err && !(err = loudness_trial_result_with(trial, b->head, &lufs))) {
		b->measured = lufs - b->pilot_gain;
		err = pilot_gain(&b->pilot, b->ceiling, b->target - lufs,
				 &b->gain);
	}
	stage_free(trial);
	b->wall = render_clock_seconds(CLOCK_MONOTONIC) - t0;
	b->cpu = render_clock_seconds(CLOCK_THREAD_CPUTIME_ID);
	if (!err)
		err = gain_ctl_settle(b->ctl, settle_gain, b);
	if (err) {
		err_keep(&b->err, err);
		gain_ctl_fail(b->ctl, &b->err);
	}
	return NULL;
}

/* A pass-through stage that reports how far the encoding is. */
struct progress {
	audio_stage base;
	audio_stage *src;
	long long done, total;
	bulletin_progress_fn fn;
	void *ctx;
};

static long progress_read(audio_stage *self, float *buf, long frames)
{
	struct progress *p = (struct progress *)self;
	long got = stage_read(p->src, buf, frames);

	if (got <= 0)
		return got;
	p->done += got;
	p->fn(p->ctx, &(bulletin_progress){
		.step = BULLETIN_ENCODING,
		.seconds = (double)p->done / self->fmt.rate,
		.total_seconds = (double)p->total / self->fmt.rate });
	return got;
}

static void progress_free(audio_stage *self)
{
	stage_free(((struct progress *)self)->src);
	free(self);
}

/* Wrap src (owned) in a progress report to fn, in *out (NULL fn: src
 * itself).  Returns 0 (it cannot fail). */
static int progress_new(audio_stage **out, audio_stage *src, long long total,
			bulletin_progress_fn fn, void *ctx)
{
	struct progress *p;

	*out = src;
	if (!fn)
		return 0;
	p = xcalloc(1, sizeof(*p));
	p->base.fmt = src->fmt;
	p->base.read = progress_read;
	p->base.free = progress_free;
	p->src = src;
	p->total = total;
	p->fn = fn;
	p->ctx = ctx;
	*out = &p->base;
	return 0;
}

/* Once pass C's mix has come to its end, nothing reads the speech or
 * the music again (pass B's trial ended before pass C could pass the
 * split): their files go while the encoders finish. */
static void mix_ended(void *ctx)
{
	struct job *j = ctx;

	spill_discard(j->sp);
	spill_discard(j->music);
}

/* Pass C: the mix, with gain and limiter, on its own thread; the gain
 * settled by pass B (started here) when there is a loudness target.
 * Pass C holds at the pilot's gain until a second past the split, where
 * its first half is measured, so that pass B may finish the
 * measurement. */
int render_master_chain(struct job *j, struct pass_b *b, audio_stage **out)
{
	audio_stage *s;
	int err = render_build_mix(j, 0, &s), rate = j->spec->out.rate;

	if (err || (err = stage_on_end_new(&s, s, mix_ended, j)))
		return err;
	if (b && b->pilot.whole) {
		if ((err = gain_new(&s, s, b->gain)) ||
		    (err = limiter_new(&s, s, b->ceiling, LIMITER_LOOKAHEAD_MS,
				       LIMITER_RELEASE_MS)))
			return err;
	} else if (b) {
		b->split = j->tl.total / 2;
		if ((err = gain_ctl_new(&s, s, b->pilot_gain, b->split + rate,
					SETTLE_GLIDE_SECONDS * rate, &b->ctl)) ||
		    (err = limiter_new(&s, s, b->ceiling, LIMITER_LOOKAHEAD_MS,
				       LIMITER_RELEASE_MS)) ||
		    (err = loudness_head_new(&s, s, b->split)))
			return err;
		b->head = s;
	}
	/* two seconds ahead; the encoders' feeder is far faster than pass
	 * C: it waits for half a second at a time, not per block (32,000
	 * context switches on the 30-minute bulletin, 3,000 now) */
	if ((err = async_new(&s, s, 2 * (long)rate, rate / 2)))
		return err;
	if (b && b->head) {
		if (pthread_create(&b->thread, NULL, pass_b_run, b)) {
			err_keep(&b->err, err_set(CRIEUR_ENOMEM, "cannot start "
						  "a thread"));
			gain_ctl_fail(b->ctl, &b->err);   /* pass C waits */
			stage_free(s);
			return err_raise(&b->err);
		}
		b->started = 1;
	}
	return progress_new(out, s, j->tl.total, j->spec->progress,
			    j->spec->progress_ctx);
}

/* The pilot and its gain, for pass B and the start of pass C. */
int render_plan_master(struct job *j, struct pass_b *b)
{
	int err;

	memset(b, 0, sizeof(*b));
	b->j = j;
	b->measured = b->gain = NAN;
	atomic_init(&b->stop, 0);
	master_targets(j, &b->target, &b->ceiling);
	err = pilot_new(j, b->target, &b->pilot);
	/* the whole mix: its loudness, reported, is also where the pilot
	 * starts, instead of a trial at 0 dB */
	if (!err && b->pilot.whole &&
	    !(err = loudness_measure(b->pilot.x, b->pilot.n, b->pilot.fmt,
				     &b->measured)))
		b->pilot.curve.unlimited = b->measured;
	if (!err)
		err = pilot_gain(&b->pilot, b->ceiling, 0, &b->pilot_gain);
	if (!err && b->pilot.whole)   /* exact: pass C at that gain */
		b->gain = b->pilot_gain;
	return err;
}

/* Stop pass B if pass C failed (err), wait for it, and give its error
 * (which pass C may have passed on already) or err. */
int render_end_master(struct pass_b *b, int err, bulletin_result *res)
{
	if (!b->started) {
		free(b->pilot.x);
		b->pilot.x = NULL;
		if (b->pilot.whole) {
			res->measured_lufs = b->measured;
			res->gain_db = b->gain;
		}
		return err;
	}
	if (err)
		atomic_store(&b->stop, 1);
	pthread_join(b->thread, NULL);
	b->started = 0;
	free(b->pilot.x);
	res->measured_lufs = b->measured;
	res->gain_db = b->gain;
	res->wall_b = b->wall;
	res->cpu_b = b->cpu;
	if (b->err.code && (!err || err == b->err.code))
		return b->err.code == CRIEUR_EINTR && crieur_interrupted ?
		       err_set(CRIEUR_EINTR, "interrupted") : err_raise(&b->err);
	return err;
}
