/* cmd_build.c - `crieur build`: render statements or a bulletin script;
 * with -o DIR, a batch: each operand a bulletin of its own, eSpeak NG
 * started once for all, several bulletins at once. */
#include "cli/cli.h"
#include "cli/options.h"
#include "audio/loudness.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/strbuf.h"
#include "base/thread.h"
#include "base/util.h"
#include "bulletin/bulletin.h"
#include "bulletin/script.h"
#include "speech/synth.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const cli_command build_cmd = {
	"build",
	"crieur build [OPTIONS] STATEMENT.txt... -o OUT\n"
	"crieur build [OPTIONS] BULLETIN.yaml -o OUT\n"
	"crieur build [OPTIONS] INPUT... -o DIR",
	"Render statements, one after another, or a bulletin script (jingles,\n"
	"a ducked music bed, items; see README.md) to OUT.  The format follows\n"
	"the extension: .mp3, .opus or .ogg (Ogg Opus), .wav or .flac; '-o -'\n"
	"writes MP3 to standard output.  A statement is UTF-8 text: the first\n"
	"line is the headline, then one paragraph per line.  OUT appears only\n"
	"when complete, with its transcript (OUT.vtt: one cue per written\n"
	"sentence) and chapters (OUT.chapters.json; in MP3 and Opus files also\n"
	"as chapter tags) beside it.\n"
	"With -o DIR, an existing folder, each INPUT (a script or a statement)\n"
	"is a bulletin of its own, written to DIR/NAME.mp3 (NAME: the input's\n"
	"file name without its extension; --format, else the script's\n"
	"output.format, picks another) with its sidecars, -j at once, each\n"
	"sample for sample as its separate run would write it.\n"
	"An input that fails is reported and skipped: the others are still\n"
	"written, and the exit status is 1.  Two inputs of one NAME are\n"
	"refused before anything is rendered.\n"
	"Options override the script.\n",
	"examples:\n"
	"  crieur build samples/statements/2023-11-20-pristina.txt -o pristina.mp3\n"
	"  crieur build samples/bulletin.yaml --loudness broadcast -o journal.wav\n"
	"  crieur build regions/*.yaml -o out/        (out/NAME.mp3 for each)\n",
};

struct build_args {
	const char *out, *format;
	int quiet, srt, no_sidecars, stats;
	int no_progress;   /* a batch of several at once: no progress line */
};

/* The progress line on stderr (a terminal): the speech as each item is
 * synthesized, then the encoding with an ETA, at most four times a
 * second. */
struct progress_line {
	struct timespec start, last;
	int shown;
	const char *what;   /* "NAME (3/50): " in a batch, else "" */
};

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (b->tv_nsec - a->tv_nsec) * 1e-9;
}

static void show_progress(void *ctx, const bulletin_progress *p)
{
	struct progress_line *pl = ctx;
	struct timespec now;
	double frac, el;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!pl->shown)
		pl->start = now;
	if (p->step == BULLETIN_SPEECH) {
		fprintf(stderr, "\rcrieur: %sspeech: %zu/%zu items, %.1f s   ",
			pl->what, p->items_done, p->n_items, p->seconds);
		pl->shown = 1;
		return;
	}
	if (pl->shown == 2 && seconds_between(&pl->last, &now) < 0.25)
		return;
	if (pl->shown < 2)
		pl->start = now;   /* the encoding starts */
	frac = p->total_seconds > 0 ? p->seconds / p->total_seconds : 0;
	el = seconds_between(&pl->start, &now);
	fprintf(stderr, "\rcrieur: %sencoding: %3.0f%% (%.0f/%.0f s of audio), "
		"ETA %.0f s   ", pl->what, frac * 100, p->seconds, p->total_seconds,
		frac > 0 ? el / frac - el : 0);
	pl->last = now;
	pl->shown = 2;
}

/* One bulletin to render: its operands, and where it goes. */
struct target {
	const char *const *inputs;   /* its statements, or one script */
	int n;
	const char *out;             /* the output; NULL in a batch: */
	const char *dir, *stem;      /* dir/stem.EXT, EXT from --format or
				      * the script (target_path()) */
	char *path;                  /* the output, as rendered (owned) */
	const char *what;            /* the progress line's prefix */
};

/* Render spec (made from the operands and options) into out. */
static int build(bulletin_spec *spec, const struct build_args *a,
		 const struct target *t, bulletin_result *res)
{
	struct progress_line line = { .what = t->what };
	int err;

	/* progress only for a person watching: stderr a terminal */
	if (!a->quiet && !a->no_progress && isatty(STDERR_FILENO)) {
		spec->progress = show_progress;
		spec->progress_ctx = &line;
	}
	err = bulletin_render(spec, t->path, res);
	if (line.shown)
		fprintf(stderr, "\r%78s\r", "");   /* the line cleared */
	return err;
}

/* --stats: wall and CPU seconds, pass by pass. */
static void print_stats(const bulletin_result *r)
{
	fprintf(stderr, "pass A (load, synthesis, layout):        wall %7.2f s, "
		"CPU %7.2f s\n", r->wall_a, r->cpu_a);
	fprintf(stderr, "passes B+C and encoding (the rest):      wall %7.2f s, "
		"CPU %7.2f s\n", r->wall_rest, r->cpu_rest);
	if (r->wall_b > 0)
		fprintf(stderr, "  of which pass B (loudness, own thread): wall "
			"%7.2f s, CPU %7.2f s\n", r->wall_b, r->cpu_b);
}

/* The file extension of a batch's outputs: --format, else the script's
 * output.format, else MP3. */
static const char *batch_extension(const struct build_args *a,
				   const bulletin_script *sc)
{
	static const char *const by_script[] = {
		[SCRIPT_FORMAT_UNSET] = "mp3", [SCRIPT_FORMAT_MP3] = "mp3",
		[SCRIPT_FORMAT_WAV] = "wav", [SCRIPT_FORMAT_FLAC] = "flac",
		[SCRIPT_FORMAT_OPUS] = "opus",
	};

	if (a->format)
		return a->format;
	return sc ? by_script[sc->output.format] : "mp3";
}

/* t->path: t->out, or in a batch dir/stem.EXT. */
static void target_path(struct target *t, const struct build_args *a,
			const bulletin_script *sc)
{
	strbuf sb;
	size_t n;

	free(t->path);
	if (t->out) {
		t->path = xstrdup(t->out);
		return;
	}
	n = strlen(t->dir);
	sb_init(&sb);
	sb_addf(&sb, "%s%s%s.%s", t->dir, n && t->dir[n - 1] == '/' ? "" : "/",
		t->stem, batch_extension(a, sc));
	t->path = sb_detach(&sb, NULL);
}

/* Render one bulletin with its sidecars, all or nothing: 0, or the
 * error (its detail recorded, not printed). */
static int render_target(const cli_option *opts, int argc, char **argv,
			 bulletin_spec *spec, const struct build_args *a,
			 struct target *t)
{
	bulletin_script *sc = NULL;
	bulletin_item *items = NULL;
	bulletin_result res;
	int r, err;

	memset(&res, 0, sizeof(res));
	outfile_group_begin();    /* the audio and its sidecars, together */
	err = cli_bulletin_spec_of(&build_cmd, opts, argc, argv, t->inputs,
				   t->n, spec, &sc, &items);
	target_path(t, a, sc);
	if (!err)
		err = build(spec, a, t, &res);
	if (!err && !a->no_sidecars)
		err = bulletin_write_sidecars(&res, t->path, a->srt);
	r = outfile_group_end(!err);
	err = err ? err : r;
	if (!err && a->stats)
		print_stats(&res);
	if (!err && !a->quiet && strcmp(t->path, "-")) {
		fprintf(stderr, "crieur: wrote '%s' (%.2f s", t->path, res.seconds);
		if (!isnan(res.measured_lufs))
			fprintf(stderr, ", %+.1f dB to reach the loudness target",
				res.gain_db);
		fprintf(stderr, ")\n");
	}
	bulletin_result_release(&res);
	free(items);
	script_free(sc);
	return err;
}

static int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* An input's NAME in a batch: its file name without the extension. */
static char *input_stem(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot && dot > base ? xstrndup(base, (size_t)(dot - base)) :
	       xstrdup(base);
}

static int by_stem(const void *x, const void *y)
{
	const struct target *a = x, *b = y;
	int c = strcmp(a->stem, b->stem);

	return c ? c : (a->inputs > b->inputs) - (a->inputs < b->inputs);
}

/* The batch's targets, one per operand, refused (a usage error's exit
 * code) when two would write the same files: every name a target
 * writes (NAME.EXT, NAME.vtt, NAME.srt, NAME.chapters.json) comes from
 * its NAME, so two targets collide exactly when their NAMEs are equal. */
static int batch_targets(const char *dir, char **operands, int n,
			 struct target *t)
{
	struct target *sorted = xcalloc((size_t)n, sizeof(*sorted));
	int r = 0;

	for (int i = 0; i < n; i++) {
		if (!strcmp(operands[i], "-")) {
			r = cli_usage_error("build", "-o DIR: standard input has no "
					    "name; give files");
			break;
		}
		t[i].inputs = (const char *const *)&operands[i];
		t[i].n = 1;
		t[i].dir = dir;
		t[i].stem = input_stem(operands[i]);
	}
	memcpy(sorted, t, (size_t)n * sizeof(*t));
	if (!r)
		qsort(sorted, (size_t)n, sizeof(*sorted), by_stem);
	for (int i = 1; !r && i < n; i++)
		if (!strcmp(sorted[i - 1].stem, sorted[i].stem))
			r = cli_usage_error("build", "'%s' and '%s' would both "
					    "be written as '%s' in '%s'",
					    sorted[i - 1].inputs[0],
					    sorted[i].inputs[0], sorted[i].stem,
					    dir);
	free(sorted);
	return r;
}

/* A failed input of a batch: its error, naming it unless the detail
 * already does ("x.yaml:3:1: ...", "cannot open 'x.txt'"). */
static void batch_report(const char *input)
{
	const char *d = err_detail();

	if (strstr(d, input))
		fprintf(stderr, "crieur: %s\n", d);
	else
		fprintf(stderr, "crieur: %s: %s\n", input, d);
}

/* The child process that renders target t of a batch: it reports its
 * own failure, and exits 0 (written), 1 (failed) or 128 + the signal
 * that interrupted it (the batch reports that, once). */
static _Noreturn void batch_child(const cli_option *opts, int argc,
				  char **argv, bulletin_spec *spec,
				  const struct build_args *a, struct target *t,
				  const char *input, pid_t parent)
{
	int err;

	prctl(PR_SET_PDEATHSIG, SIGTERM);   /* the batch dies: stop, clean */
	if (getppid() != parent)            /* it already had */
		_exit(128 + SIGTERM);
	/* a line at a time: several children write to one stderr */
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
	err = crieur_interrupted ? err_set(CRIEUR_EINTR, "interrupted") :
	      render_target(opts, argc, argv, spec, a, t);
	if (err && !(err == CRIEUR_EINTR && crieur_interrupted))
		batch_report(input);
	fflush(NULL);
	_exit(!err ? 0 : err == CRIEUR_EINTR ?
	      128 + (crieur_interrupted ? crieur_interrupted : SIGINT) : 1);
}

/* What the child that rendered input says by its status: 0 written, 1
 * failed (reported), -1 the batch was interrupted. */
static int batch_status(int status, const char *input)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) <= 1)
		return WEXITSTATUS(status);
	if (crieur_interrupted)
		return -1;
	if (WIFEXITED(status))   /* 128 + a signal sent to it alone */
		fprintf(stderr, "crieur: %s: interrupted (signal %d)\n", input,
			WEXITSTATUS(status) - 128);
	else if (WIFSIGNALED(status))
		fprintf(stderr, "crieur: %s: the process rendering it was "
			"killed by signal %d (%s)\n", input, WTERMSIG(status),
			strsignal(WTERMSIG(status)));
	return 1;
}

/* -o DIR: every operand its own bulletin, each rendered by a process
 * forked from this one once eSpeak NG is started (-j of them at once;
 * its start is done once for all).  eSpeak NG carries state from one
 * utterance to the next, process wide (tests/e2e/test_batch.c): so each
 * bulletin starts from the engine a separate run starts from, and comes
 * out sample for sample as that run would write it, on any number of
 * cores, in any order.  0 when all were written, 1 when some failed
 * (each reported, the rest rendered), 130/143 when interrupted (the
 * bulletins under way are left unwritten, those done whole),
 * EXIT_USAGE before any rendering. */
static int build_batch(const cli_option *opts, int argc, char **argv,
		       bulletin_spec *spec, const struct build_args *a)
{
	int n = argc - optind, failed = 0, r, running = 0, next = 0, told = 0;
	int jobs = spec->mp3.jobs ? spec->mp3.jobs : thread_cpus();
	char **operands = xcalloc((size_t)n, sizeof(*operands));
	struct target *t = xcalloc((size_t)n, sizeof(*t));
	pid_t *pid = xcalloc((size_t)n, sizeof(*pid)), self = getpid();
	struct build_args ca = *a;
	char what[256];

	memcpy(operands, argv + optind, (size_t)n * sizeof(*operands));
	r = batch_targets(a->out, operands, n, t);
	ca.no_progress = jobs > 1 && n > 1;
	if (!r && synth_engine_init() < 0)
		r = cli_fail(CRIEUR_ESYNTH);
	fflush(NULL);   /* nothing buffered is written twice */
	while (!r && (running || (next < n && !crieur_interrupted))) {
		int status, i;
		pid_t p;

		if (crieur_interrupted && !told) {   /* a signal: pass it on */
			for (i = 0; i < next; i++)
				if (pid[i] > 0)
					kill(pid[i], crieur_interrupted);
			told = 1;
		}
		if (next < n && running < jobs && !crieur_interrupted) {
			snprintf(what, sizeof(what), "%s (%d/%d): ",
				 t[next].stem, next + 1, n);
			t[next].what = what;
			if (!(pid[next] = fork()))
				batch_child(opts, argc, argv, spec, &ca,
					    &t[next], operands[next], self);
			if (pid[next] < 0) {
				fprintf(stderr, "crieur: %s: cannot start a "
					"process: %s\n", operands[next],
					strerror(errno));
				failed++;
			} else {
				running++;
			}
			next++;
			continue;
		}
		p = waitpid(-1, &status, 0);
		if (p < 0) {
			if (errno != EINTR)
				break;
			continue;
		}
		for (i = 0; i < next && pid[i] != p; i++)
			;
		if (i == next)
			continue;
		pid[i] = 0;
		running--;
		if (batch_status(status, operands[i]) > 0)
			failed++;
	}
	if (!r && crieur_interrupted)
		r = cli_fail(err_set(CRIEUR_EINTR, "interrupted"));
	if (!r && failed) {
		fprintf(stderr, "crieur: %d of %d bulletins failed\n", failed, n);
		r = 1;
	}
	for (int i = 0; i < n; i++) {
		free((char *)t[i].stem);
		free(t[i].path);
	}
	free(pid);
	free(t);
	free(operands);
	return r;
}

/* The usage errors of -o and --format: 0 to go on, else the exit
 * code.  *batch: -o names a folder. */
static int check_output(const struct build_args *a, int argc, char **argv,
			int *batch)
{
	size_t n = strlen(a->out);
	int scripts = 0;
	enum audio_file_type type;
	char probe[32];

	*batch = is_dir(a->out);
	if (!*batch && n && a->out[n - 1] == '/')
		return cli_usage_error("build", "-o %s: no such folder", a->out);
	for (int i = optind; i < argc; i++)
		scripts += cli_is_script(argv[i]);
	if (!*batch && scripts && argc - optind > 1)
		return cli_usage_error("build", "several inputs with a script: "
				       "-o must be a folder (each written to "
				       "DIR/NAME.mp3), not '%s'", a->out);
	if (!a->format)
		return 0;
	if (!*batch)
		return cli_usage_error("build", "--format is for -o DIR; OUT's "
				       "extension gives its format");
	snprintf(probe, sizeof(probe), "x.%s", a->format);
	if (strchr(a->format, '.') || strchr(a->format, '/') ||
	    audio_file_type_for(probe, &type))
		return cli_usage_error("build", "--format is mp3, opus, ogg, wav "
				       "or flac, not '%s'", a->format);
	return 0;
}

int cmd_build(int argc, char **argv)
{
	struct build_args a = { 0 };
	bulletin_spec spec;
	const cli_option opts[] = {
		OPT_STRING('o', "output", &a.out, "OUT",
			   "the file to write (required), or an existing\n"
			   "folder: a batch (DIR/NAME.mp3 for each input)"),
		OPT_STRING(0, "format", &a.format, "F",
			   "with -o DIR: mp3 (default), opus, ogg, wav\n"
			   "or flac"),
		CLI_SPEECH_OPTIONS(&spec.speech),
		CLI_LOUDNESS_OPTIONS(&spec),
		OPT_SETTING(0, "duration", &spec.duration, BS_DURATION, "S",
			    "fit to a slot of exactly S seconds"),
		OPT_SETTING(0, "gap", &spec.gap, BS_GAP, "S",
			    "seconds between items"),
		OPT_SETTING(0, "samplerate", &spec.out.rate, BS_SAMPLERATE, "HZ",
			    "output sample rate (default 44100)"),
		OPT_SETTING(0, "channels", &spec.out.channels, BS_CHANNELS, "N",
			    "1 or 2 (default 1; a script may say 2)"),
		OPT_SETTING(0, "bitrate", &spec.mp3.bitrate, BS_BITRATE, "KBPS",
			    "MP3 bit rate (default 64 mono, 128 stereo);\n"
			    "Opus: 32 per channel"),
		OPT_SETTING(0, "quality", &spec.mp3.quality, BS_QUALITY, "Q",
			    "MP3 encoder quality, 0 (best) to 9 (fastest)"),
		OPT_INT('j', "jobs", &spec.mp3.jobs, 1, 256, "N",
			"MP3 encoders (16 at most, 9 in stereo) and\n"
			"synthesis processes at once, and with -o DIR\n"
			"bulletins at once (default: one per CPU it may\n"
			"use; 1: one at a time)"),
		OPT_STRING(0, "cover", &spec.cover, "FILE",
			   "embed a JPEG or PNG cover image in the MP3"),
		OPT_FLAG(0, "srt", &a.srt,
			 "also write an SRT transcript (OUT.srt)"),
		OPT_FLAG(0, "stats", &a.stats,
			 "print where the time went, pass by pass"),
		CLI_CONFINE_OPTION,
		OPT_FLAG(0, "no-sidecars", &a.no_sidecars,
			 "write no transcript (OUT.vtt) nor chapters\n"
			 "(OUT.chapters.json) beside OUT"),
		OPT_FLAG('q', "quiet", &a.quiet, "print nothing on success"),
		OPT_END(),
	};
	struct target t = { .what = "" };
	int r, err, batch;

	bulletin_spec_init(&spec);
	if ((r = cli_parse_options(&build_cmd, opts, argc, argv)) >= 0)
		return r;
	if (!a.out)
		return cli_usage_error("build", "no output: give -o OUT.mp3");
	if (optind == argc)
		return cli_usage_error("build", "no statement to render");
	if ((r = check_output(&a, argc, argv, &batch)))
		return r;
	cli_catch_signals();
	if (batch)
		return build_batch(opts, argc, argv, &spec, &a);
	t.inputs = (const char *const *)argv + optind;
	t.n = argc - optind;
	t.out = a.out;
	err = render_target(opts, argc, argv, &spec, &a, &t);
	free(t.path);
	return err ? cli_fail(err) : 0;
}
