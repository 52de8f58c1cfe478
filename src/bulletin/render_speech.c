/* render_speech.c - pass A of the file renderer: every item synthesized
 * into one spill, and the items laid out (fitting the slot if asked). */
#include "bulletin/render.h"
#include "base/thread.h"
#include "base/util.h"
#include "speech/synth.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* Record a chunk's start (synth_chunk_fn): find the source byte where
 * its first spoken word was written. */
static void on_chunk(void *ctx, size_t line, size_t start, size_t end,
		     double seconds)
{
	struct item_state *is = ctx;
	const speech_line_map *m = &is->maps[line];
	size_t i = 0;

	while (i < m->n && m->spans[i].out_start < start)
		i++;
	if (i == m->n || m->spans[i].out_start >= end)
		return;   /* nothing written to point at: stays in the cue before */
	if (is->n_chunks == is->cap_chunks) {
		is->cap_chunks = is->cap_chunks ? is->cap_chunks * 2 : 16;
		is->chunks = xrealloc(is->chunks, is->cap_chunks * sizeof(*is->chunks));
	}
	is->chunks[is->n_chunks].line = line;
	is->chunks[is->n_chunks].src_start = m->spans[i].src_start;
	is->chunks[is->n_chunks++].seconds = seconds;
}

/* Forget what a previous pass A recorded for the item. */
static void item_reset(struct item_state *is)
{
	speech_line_maps_free(is->maps, is->in->st.n_lines);
	is->maps = xcalloc(is->in->st.n_lines + 1, sizeof(*is->maps));
	is->n_chunks = 0;
}

/* Report item i done (its audio in the spill). */
static void report_item(const struct job *j, size_t i)
{
	const struct item_state *is = &j->items[i];

	if (j->spec->progress)
		j->spec->progress(j->spec->progress_ctx, &(bulletin_progress){
			.step = BULLETIN_SPEECH, .items_done = i + 1,
			.n_items = j->spec->n_items,
			.seconds = (double)(is->spill_off + is->spill_frames) /
				   spill_format(j->sp).rate });
}

/* Synthesize items [from, to) onto the end of j->sp, reporting each
 * when `report`. */
static int synth_range(struct job *j, size_t from, size_t to, double factor,
		       int report)
{
	audio_format fmt = spill_format(j->sp);
	int err = 0;

	for (size_t i = from; i < to && !err; i++) {
		struct item_state *is = &j->items[i];
		speech_chain *c = NULL;

		item_reset(is);
		if (!(err = bulletin_session_chain(j->ses, i, factor, fmt,
						   is->maps, &c))) {
			speech_chain_set_chunk_callback(c, on_chunk, is);
			err = spill_append(j->sp, speech_chain_stage(c),
					   &is->spill_off, &is->spill_frames);
		}
		is->frames = is->spill_frames;
		speech_chain_free(c);
		if (!err && report)
			report_item(j, i);
	}
	return err;
}

/* Pass A's work: the items cut into runs ("groups") of about equal
 * text, run g being items [cut[g], cut[g + 1]), each synthesized by a
 * child process into a spill of its own. */
struct synth_split {
	int groups, procs;
	size_t cut[SYNTH_GROUPS + 1];
	spill *spills[SYNTH_GROUPS];
	long long frames[SYNTH_GROUPS];   /* in the spill, once collected */
	pid_t pid[SYNTH_GROUPS];
	int fd[SYNTH_GROUPS];             /* its report, read end */
	int tokens[2];                    /* a pipe of one byte per process
					     that may synthesize now */
	enum { G_WAITING, G_RUNNING, G_DONE, G_JOINED } state[SYNTH_GROUPS];
};

/* Cut the items into runs of about equal text: a power of two of them
 * (the cores of most machines divide it), each of at least
 * SYNTH_GROUP_BYTES (a process costs ~20 ms of CPU to start: a 30-minute
 * bulletin makes two), at most SYNTH_GROUPS. */
static void split_items(const struct job *j, struct synth_split *sp)
{
	size_t n = j->spec->n_items, total = 0, acc = 0, i = 0;
	int groups = 1;

	for (size_t k = 0; k < n; k++)
		total += j->ses->items[k].st.len + 1;
	while (groups < SYNTH_GROUPS && (size_t)groups * 2 <= n &&
	       total / ((size_t)groups * 2) >= SYNTH_GROUP_BYTES)
		groups *= 2;
	sp->groups = 0;
	for (int g = 0; g < groups && i < n; g++) {
		size_t want = total * (size_t)(g + 1) / (size_t)groups;

		sp->cut[sp->groups++] = i;
		do
			acc += j->ses->items[i++].st.len + 1;
		while (i < n && acc + (j->ses->items[i].st.len + 1) / 2 <= want);
	}
	sp->cut[sp->groups] = n;
}

/* Give items [from, to) to the lexicons as pass A does, without
 * synthesizing them: their chains are made (which normalizes the text
 * and marks first mentions) and never read. */
static int replay_mentions(struct job *j, size_t from, size_t to,
			   double factor)
{
	int err = 0;

	for (size_t i = from; i < to && !err; i++) {
		speech_chain *c = NULL;

		err = bulletin_session_chain(j->ses, i, factor,
					     spill_format(j->sp), NULL, &c);
		speech_chain_free(c);
	}
	return err;
}

/* Write (put) or read all n bytes of p through fd; 0 or -1. */
static int fd_all(int fd, void *p, size_t n, int put)
{
	for (char *c = p; n; ) {
		ssize_t k = put ? write(fd, c, n) : read(fd, c, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

static int fd_put(int fd, const void *p, size_t n)
{
	return fd_all(fd, (void *)p, n, 1);
}

static int fd_get(int fd, void *p, size_t n)
{
	return fd_all(fd, p, n, 0);
}

/* In the child for group g: its items into its spill, then the report
 * to fd: the error (or none), the spill's frames, and each item's place
 * in the spill, line maps and chunks.  Never returns. */
static _Noreturn void child_synth(struct job *j, const struct synth_split *sp,
				  int g, double factor, int fd)
{
	err_ctx e = { 0 };
	long long frames;
	int err, bad;
	char token;

	j->sp = sp->spills[g];
	if (fd_get(sp->tokens[0], &token, 1))   /* its turn (-j) */
		_exit(1);
	err = synth_range(j, sp->cut[g], sp->cut[g + 1], factor, 0);
	bad = fd_put(sp->tokens[1], &token, 1);
	frames = err ? 0 : spill_length(j->sp);
	err_keep(&e, err);
	bad |= fd_put(fd, &e, sizeof(e)) | fd_put(fd, &frames, sizeof(frames));
	for (size_t i = sp->cut[g]; i < sp->cut[g + 1] && !err && !bad; i++) {
		const struct item_state *is = &j->items[i];

		bad |= fd_put(fd, &is->spill_off, sizeof(is->spill_off)) |
		       fd_put(fd, &is->spill_frames, sizeof(is->spill_frames));
		for (size_t l = 0; l < is->in->st.n_lines; l++)
			bad |= fd_put(fd, &is->maps[l].n, sizeof(size_t)) |
			       fd_put(fd, is->maps[l].spans, is->maps[l].n *
				      sizeof(*is->maps[l].spans));
		bad |= fd_put(fd, &is->n_chunks, sizeof(size_t)) |
		       fd_put(fd, is->chunks, is->n_chunks * sizeof(*is->chunks));
	}
	_exit(err || bad ? 1 : 0);
}

/* Read what child g reported of its items into j->items: 0, the
 * child's error, or 1 when the report stops short (the child died). */
static int collect_child(struct job *j, struct synth_split *sp, int g)
{
	err_ctx e;
	int fd = sp->fd[g];

	if (fd_get(fd, &e, sizeof(e)) ||
	    fd_get(fd, &sp->frames[g], sizeof(sp->frames[g])))
		return 1;
	if (e.code)
		return err_raise(&e);
	for (size_t i = sp->cut[g]; i < sp->cut[g + 1]; i++) {
		struct item_state *is = &j->items[i];

		item_reset(is);
		if (fd_get(fd, &is->spill_off, sizeof(is->spill_off)) ||
		    fd_get(fd, &is->spill_frames, sizeof(is->spill_frames)))
			return 1;
		is->frames = is->spill_frames;
		for (size_t l = 0; l < is->in->st.n_lines; l++) {
			speech_line_map *m = &is->maps[l];

			if (fd_get(fd, &m->n, sizeof(m->n)) || m->n > (1u << 24))
				return 1;
			m->spans = xcalloc(m->n + 1, sizeof(*m->spans));
			if (fd_get(fd, m->spans, m->n * sizeof(*m->spans)))
				return 1;
		}
		if (fd_get(fd, &is->n_chunks, sizeof(size_t)) ||
		    is->n_chunks > (1u << 24))
			return 1;
		is->cap_chunks = is->n_chunks;
		is->chunks = xrealloc(is->chunks, (is->n_chunks + 1) *
				      sizeof(*is->chunks));
		if (fd_get(fd, is->chunks, is->n_chunks * sizeof(*is->chunks)))
			return 1;
	}
	return 0;
}

/* Take child g's report (or stop it, when err is set) and wait for it.
 * 0 or an error. */
static int finish_child(struct job *j, struct synth_split *sp, int g, int err)
{
	int status = 0, got = err ? 0 : collect_child(j, sp, g);

	if (err || got)
		kill(sp->pid[g], SIGKILL);
	while (waitpid(sp->pid[g], &status, 0) < 0 && errno == EINTR)
		;
	close(sp->fd[g]);
	sp->state[g] = G_DONE;
	if (err || !got)
		return err;
	if (got < 0)
		return got;
	return err_set(CRIEUR_ESYNTH, "internal: the process that synthesized "
		       "items %zu to %zu %s", sp->cut[g] + 1, sp->cut[g + 1],
		       WIFSIGNALED(status) ? "was killed" : "failed");
}

/* Fork the child for group g, once the lexicons have seen the items
 * before it (this process replays each group before the next fork). */
static int start_child(struct job *j, struct synth_split *sp, int g,
		       double factor)
{
	pid_t parent = getpid();
	int p[2], err;

	if ((err = replay_mentions(j, g ? sp->cut[g - 1] : 0, sp->cut[g],
				   factor)) ||
	    (err = spill_new(&sp->spills[g], spill_format(j->sp))))
		return err;
	if (pipe(p))
		return err_set(CRIEUR_ENOMEM, "cannot make a pipe: %s",
			       strerror(errno));
	if (!(sp->pid[g] = fork())) {
		close(p[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);   /* the parent dies: go too */
		if (getppid() != parent)            /* it already had */
			_exit(1);
		child_synth(j, sp, g, factor, p[1]);
	}
	close(p[1]);
	if (sp->pid[g] < 0) {
		close(p[0]);
		return err_set(CRIEUR_ENOMEM, "cannot start a process to "
			       "synthesize items %zu to %zu: %s", sp->cut[g] + 1,
			       sp->cut[g + 1], strerror(errno));
	}
	sp->fd[g] = p[0];
	sp->state[g] = G_RUNNING;
	return 0;
}

/* Join the groups done, in order, to the end of j->sp (no copy). */
static int join_done(struct job *j, struct synth_split *sp, int *joined)
{
	int err = 0;

	while (!err && *joined < sp->groups && sp->state[*joined] == G_DONE) {
		int g = (*joined)++;
		long long base;

		err = spill_adopt(j->sp, sp->spills[g], sp->frames[g], &base);
		sp->spills[g] = NULL;
		sp->state[g] = G_JOINED;
		for (size_t i = sp->cut[g]; i < sp->cut[g + 1] && !err; i++) {
			j->items[i].spill_off += base;
			report_item(j, i);
		}
	}
	return err;
}

/* Wait until a running child has its report ready; its group. */
static int wait_any(struct synth_split *sp, int *out)
{
	struct pollfd fds[SYNTH_GROUPS];
	int of[SYNTH_GROUPS], n = 0;

	for (int g = 0; g < sp->groups; g++)
		if (sp->state[g] == G_RUNNING) {
			fds[n] = (struct pollfd){ .fd = sp->fd[g], .events = POLLIN };
			of[n++] = g;
		}
	for (;;) {
		if (crieur_interrupted)
			return err_set(CRIEUR_EINTR, "interrupted");
		if (poll(fds, (nfds_t)n, 100) > 0)
			break;
	}
	for (int k = 0; k < n; k++)
		if (fds[k].revents) {
			*out = of[k];
			return 0;
		}
	return err_set(CRIEUR_EIO, "internal: poll");
}

/* Pass A: synthesize every item into a new spill, speaking rate scaled
 * by `factor`.  eSpeak NG is one engine per process, so a long bulletin's
 * items are cut into runs of about equal text (split_items()): this
 * process says the first run and a child process forked here says each
 * other one, all forked before anything is said, once eSpeak NG and the
 * first voice are loaded; a pipe of tokens (one per -j) lets that many
 * speak at once.  A child's audio goes to a spill of its own, which this
 * process then takes over without a copy; its items' maps and chunks
 * come back through a pipe, and the runs before it are given to the
 * lexicons before it is forked, so that first mentions fall where they
 * would in one process.  eSpeak NG carries state from one utterance to
 * the next (its pitch flutter's phase, a static counter in wavegen.c):
 * every run starts from the same engine and the runs are fixed by the
 * text, not by -j, so a bulletin comes out the same on any number of
 * cores.  A bulletin of one run (under 2 x SYNTH_GROUP_BYTES of text,
 * most of them) is said here alone, as `crieur play` says it, with no
 * process to start; a longer one differs from play by that phase at
 * each run's start, a few samples in length.  The bed is decoded
 * meanwhile on a thread of its own (render_bed_start()). */
int render_synth_items(struct job *j, double factor)
{
	audio_format fmt = { j->spec->out.rate, 1 };   /* resampled once, here */
	struct synth_split sp;
	int err, running = 0, joined = 1;

	spill_free(j->sp);
	j->sp = NULL;
	if ((err = spill_new(&j->sp, fmt)))
		return err;
	speech_lexicons_restart(j->ses->lexicons);   /* first mentions again */
	/* the children find the first voice loaded, its dictionary read */
	if ((err = synth_use_voice(&j->ses->items[0].v)))
		return err;
	memset(&sp, 0, sizeof(sp));
	sp.procs = j->spec->mp3.jobs ? j->spec->mp3.jobs : thread_cpus();
	split_items(j, &sp);
	if (sp.groups == 1)   /* one run: this process, as `crieur play` */
		return synth_range(j, 0, sp.cut[1], factor, 1);
	if (pipe(sp.tokens))
		return err_set(CRIEUR_ENOMEM, "cannot make a pipe: %s",
			       strerror(errno));
	for (int k = 1; k < sp.procs && !err; k++)   /* this one holds one */
		err = fd_put(sp.tokens[1], "t", 1) ? err_set(CRIEUR_ENOMEM,
			"cannot fill a pipe: %s", strerror(errno)) : 0;
	for (int g = 1; g < sp.groups && !err; g++)
		if (!(err = start_child(j, &sp, g, factor)))
			running++;
	/* this process says the first run, then gives its turn away */
	speech_lexicons_restart(j->ses->lexicons);
	if (!err)
		err = synth_range(j, 0, sp.cut[1], factor, 1);
	if (!err && fd_put(sp.tokens[1], "t", 1))
		err = err_set(CRIEUR_ENOMEM, "cannot write a pipe: %s",
			      strerror(errno));
	sp.state[0] = G_JOINED;
	while (!err && running) {
		int g = 0;

		if (!(err = wait_any(&sp, &g))) {
			running--;
			if (!(err = finish_child(j, &sp, g, 0)))
				err = join_done(j, &sp, &joined);
		}
	}
	for (int g = 1; g < sp.groups; g++) {
		if (sp.state[g] == G_RUNNING)
			finish_child(j, &sp, g, err);
		spill_free(sp.spills[g]);
	}
	close(sp.tokens[0]);
	close(sp.tokens[1]);
	return err;
}

/* The timeline input for the current item lengths. */
static void timeline_input_for(const struct job *j, timeline_input *in,
			       long long *lengths, double gap)
{
	for (size_t i = 0; i < j->spec->n_items; i++)
		lengths[i] = j->items[i].frames;
	memset(in, 0, sizeof(*in));
	in->rate = j->spec->out.rate;
	in->intro = j->ses->intro;
	in->outro = j->ses->outro;
	in->sting = j->ses->sting;
	in->items = lengths;
	in->n_items = j->spec->n_items;
	in->gap = gap;
	in->talkup = j->spec->talkup;
	in->has_bed = j->spec->bed != NULL;
}

/* Speech seconds in the items. */
static double speech_seconds(const struct job *j)
{
	long long total = 0;

	for (size_t i = 0; i < j->spec->n_items; i++)
		total += j->items[i].frames;
	return (double)total / j->spec->out.rate;
}

/* Fit to the slot: the gap that gives the duration, else a rate change
 * within RATE_FIT_MAX and the gap after it.  Returns the gap. */
static int fit_slot(struct job *j, long long *lengths, double *gap)
{
	const double want = j->spec->duration;
	timeline_input in;
	double g, speech, spare, factor;
	int err;

	timeline_input_for(j, &in, lengths, 0);
	g = timeline_gap_for(&in, want);
	if (g >= GAP_MIN && g <= GAP_MAX) {
		*gap = g;
		return 0;
	}
	/* the speech must change length: by how much, with a middle gap */
	speech = speech_seconds(j);
	in.gap = g < GAP_MIN ? GAP_MIN : GAP_MAX;
	timeline_input_for(j, &in, lengths, in.gap);
	{
		timeline tl;
		timeline_layout(&in, &tl);
		spare = want - (double)tl.total / in.rate;
		timeline_release(&tl);
	}
	factor = speech / (speech + spare);   /* > 1: speak faster */
	if (fabs(factor - 1) > RATE_FIT_MAX || speech + spare <= 0)
		return err_set(CRIEUR_EINVAL, "cannot fit the bulletin into %.1f s:"
			       " it needs %.1f s with %.2f s gaps, beyond the "
			       "+-%.0f%% speaking-rate change allowed", want,
			       want - spare, in.gap, RATE_FIT_MAX * 100);
	if ((err = render_synth_items(j, factor)))
		return err;
	j->rate_factor = factor;
	timeline_input_for(j, &in, lengths, 0);
	g = timeline_gap_for(&in, want);
	if (g < 0)
		return err_set(CRIEUR_EINVAL, "cannot fit the bulletin into %.1f s",
			       want);
	*gap = g;
	return 0;
}

/* Lay out the items (fitting the slot if asked). */
int render_layout(struct job *j, bulletin_result *res)
{
	long long *lengths = xcalloc(j->spec->n_items + 1, sizeof(long long));
	double gap = j->spec->gap;
	timeline_input in;
	int err = 0;

	if (j->spec->duration > 0)
		err = fit_slot(j, lengths, &gap);
	if (!err) {
		timeline_input_for(j, &in, lengths, gap);
		timeline_layout(&in, &j->tl);
		res->gap = gap;
		res->rate_factor = j->rate_factor;
	}
	free(lengths);
	return err;
}

/* Each item's record points at the session's item. */
void render_item_states(struct job *j)
{
	for (size_t i = 0; i < j->spec->n_items; i++)
		j->items[i].in = &j->ses->items[i];
}
