/* e2e.h - helpers for end-to-end tests that run build/crieur.
 *
 * Tests run from the top of the tree; CRIEUR names the binary (default
 * build/crieur).  Audio is decoded with libsndfile and measured. */
#ifndef CRIEUR_E2E_H
#define CRIEUR_E2E_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

struct run_result {
	int status;       /* exit code, or 128 + signal */
	char out[65536];  /* stdout, truncated */
	char err[8192];   /* stderr, truncated */
};

/* A fresh scratch directory for one test program. */
static inline const char *scratch_dir(void)
{
	static char dir[64];

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/crieur-e2e.XXXXXX");
		if (!mkdtemp(dir))
			abort();
	}
	return dir;
}

/* A test program's end, from main: `failed` is cmocka's count.  The
 * scratch directory goes when every test passed (each program's held
 * 10 to 600 MB of audio, and make test left some fifty of them in /tmp
 * at every run); when one failed it stays, and its path is said, for a
 * look at what the tests wrote. */
static inline int e2e_done(int failed)
{
	char cmd[128];

	if (failed) {
		fprintf(stderr, "e2e: scratch files kept in %s\n", scratch_dir());
	} else {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", scratch_dir());
		if (system(cmd) != 0)
			fprintf(stderr, "e2e: cannot remove %s\n", scratch_dir());
	}
	return failed;
}

static inline const char *crieur_bin(void)
{
	const char *b = getenv("CRIEUR");

	return b && *b ? b : "build/crieur";
}

static inline void slurp(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(buf, 1, cap - 1, f) : 0;

	buf[n] = '\0';
	if (f)
		fclose(f);
}

/* Run a shell command (printf-style), capturing stdout and stderr. */
static inline void run(struct run_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void run(struct run_result *r, const char *fmt, ...)
{
	char cmd[8192], full[9000], o[128], e[128];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(o, sizeof(o), "%s/stdout", scratch_dir());
	snprintf(e, sizeof(e), "%s/stderr", scratch_dir());
	snprintf(full, sizeof(full), "( %s ) >%s 2>%s", cmd, o, e);
	st = system(full);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	slurp(o, r->out, sizeof(r->out));
	slurp(e, r->err, sizeof(r->err));
}

/* "scratch/name" in a static buffer (one of 8 in rotation). */
static inline const char *scratch(const char *name)
{
	static char bufs[8][256];
	static int next;
	char *b = bufs[next++ & 7];

	snprintf(b, 256, "%s/%s", scratch_dir(), name);
	return b;
}

/* How alike two 16-bit recordings are (22050 Hz): the correlation of
 * their 10 ms RMS envelopes over their common length (1: the same
 * shape); *gain (may be NULL): the RMS ratio a / b. */
static inline double pcm_likeness(const short *a, long na, const short *b, long nb, double *gain)
{
	long frame = 220, n = (na < nb ? na : nb) / frame;
	double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, ea_all = 0, eb_all = 0;

	for (long f = 0; f < n; f++) {
		double ea = 0, eb = 0;
		for (long i = f * frame; i < (f + 1) * frame; i++) {
			ea += (double)a[i] * a[i];
			eb += (double)b[i] * b[i];
		}
		ea_all += ea;
		eb_all += eb;
		ea = sqrt(ea / frame);
		eb = sqrt(eb / frame);
		sa += ea; sb += eb; saa += ea * ea; sbb += eb * eb; sab += ea * eb;
	}
	if (gain)
		*gain = sqrt(ea_all / (eb_all + 1e-9));
	return (sab - sa * sb / n) / sqrt((saa - sa * sa / n) * (sbb - sb * sb / n) + 1e-9);
}

/* Write dir/asound.conf (for ALSA_CONFIG_PATH), making dir: a default
 * device that writes what it plays to file, in format ("wav"; or "raw"
 * with file "|cat >> PATH", which appends every opening's audio), through
 * ALSA's file plugin over the null device (not paced: it plays as fast as
 * it is fed).  The system's own configuration is not loaded. */
static inline void alsa_capture_conf(const char *dir, const char *file,
				     const char *format)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "mkdir -p %s && printf '%%s\\n' "
		 "'pcm.!default { type plug; slave { pcm \"capture\"; format S16_LE; } }' "
		 "'pcm.capture { type file; slave.pcm { type null; } "
		 "file \"%s\"; format \"%s\"; }' > %s/asound.conf",
		 dir, file, format, dir);
	if (system(cmd))
		fail_msg("cannot write %s/asound.conf", dir);
}

static inline int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Number of entries in a directory other than . and .. */
static inline int dir_entries(const char *dir)
{
	struct run_result r;

	run(&r, "ls -A '%s' | wc -l", dir);
	return atoi(r.out);
}

struct audio {
	int rate, channels;
	long frames;
	float *data;   /* interleaved */
};

/* Decode a whole audio file with libsndfile. */
static inline void audio_load(struct audio *a, const char *path)
{
	SF_INFO info = { 0 };
	SNDFILE *sf = sf_open(path, SFM_READ, &info);

	if (!sf)
		fail_msg("cannot decode '%s': %s", path, sf_strerror(NULL));
	a->rate = info.samplerate;
	a->channels = info.channels;
	a->data = calloc((size_t)info.frames * (size_t)info.channels + 1,
			 sizeof(float));
	a->frames = (long)sf_readf_float(sf, a->data, info.frames);
	sf_close(sf);
}

static inline void audio_release(struct audio *a)
{
	free(a->data);
	memset(a, 0, sizeof(*a));
}

static inline double audio_seconds(const struct audio *a)
{
	return (double)a->frames / a->rate;
}

/* RMS (dBFS) of frames [from, from+n) over all channels. */
static inline double audio_rms_db(const struct audio *a, long from, long n)
{
	double sum = 0;
	long count = 0;

	for (long f = from; f < from + n && f < a->frames; f++)
		for (int c = 0; c < a->channels; c++, count++)
			sum += (double)a->data[f * a->channels + c] *
			       a->data[f * a->channels + c];
	return count ? 10 * log10(sum / count + 1e-20) : -200;
}

/* Fraction of whole seconds whose RMS is above floor_db. */
static inline double audio_voiced_fraction(const struct audio *a, double floor_db)
{
	long secs = a->frames / a->rate, voiced = 0;

	for (long s = 0; s < secs; s++)
		voiced += audio_rms_db(a, s * a->rate, a->rate) > floor_db;
	return secs ? (double)voiced / secs : 0;
}

/* Write a script (or any file) into the scratch directory; its path. */
static inline const char *script(const char *name, const char *yaml)
{
	FILE *f = fopen(scratch(name), "w");

	assert_non_null(f);
	fputs(yaml, f);
	assert_int_equal(fclose(f), 0);
	return scratch(name);
}

/* Link the sample material next to the scripts. */
static inline void setup_samples(void)
{
	struct run_result r;

	run(&r, "cd %s && ln -sfn $OLDPWD/samples/jingles jingles && "
	    "ln -sfn $OLDPWD/samples/statements statements", scratch_dir());
	assert_int_equal(r.status, 0);
}

/* Integrated loudness and true peak measured by ffmpeg's ebur128 filter. */
static inline void ffmpeg_loudness(const char *path, double *lufs, double *peak)
{
	struct run_result r;
	const char *p;

	run(&r, "ffmpeg -hide_banner -nostats -i %s -af ebur128=peak=true "
	    "-f null - 2>&1 | sed -n '/Summary/,$p'", path);
	p = strstr(r.out, "I:");
	assert_non_null(p);
	*lufs = atof(p + 2);
	p = strstr(r.out, "Peak:");
	assert_non_null(p);
	*peak = atof(p + 5);
}

/* Every program spawned and not yet reaped, so that a failed test's
 * teardown (kill_spawned) leaves nothing running. */
static pid_t spawned[32];

static inline void forget_pid(pid_t pid)
{
	for (size_t i = 0; i < sizeof(spawned) / sizeof(spawned[0]); i++)
		if (spawned[i] == pid)
			spawned[i] = 0;
}

/* Remember pid for kill_spawned(). */
static inline void remember_pid(pid_t pid)
{
	for (size_t i = 0; i < sizeof(spawned) / sizeof(spawned[0]); i++)
		if (!spawned[i]) {
			spawned[i] = pid;
			break;
		}
}

/* A private jackd2 with the dummy back end (a sound card that runs in
 * real time: 22050 Hz, 256-frame periods) under the server name
 * crieur-TAG-PID, set as JACK_DEFAULT_SERVER; ALSA without its devices
 * (nor a "jack" PCM, slow to probe), so JACK's "system" is the only
 * real-time device.  It runs realtime where the system allows it (root,
 * or rtprio in limits.conf), as a station's sound server does: without
 * it, a dummy device on a busy machine skips its clients' periods and
 * is late on the wall clock, which the tests would take for crieur's
 * doing.  Returns its pid once it answers, or -1. */
static inline pid_t jackd_start(const char *tag)
{
	struct run_result r;
	char server[64];
	const char *rt;
	pid_t pid;

	snprintf(server, sizeof(server), "crieur-%s-%d", tag, (int)getpid());
	setenv("JACK_DEFAULT_SERVER", server, 1);
	run(&r, "echo 'pcm.!default { type null }' > %s", scratch("asound.conf"));
	setenv("ALSA_CONFIG_PATH", scratch("asound.conf"), 1);
	setenv("XDG_CACHE_HOME", scratch("cache"), 1);
	setenv("JACK_NO_AUDIO_RESERVATION", "1", 1);
	run(&r, "chrt -f 10 true");
	rt = r.status == 0 ? "--realtime" : "--no-realtime";
	/* a loaded machine can take long to start it; a second try runs
	 * it without realtime, in case the system refused that */
	for (int attempt = 0; attempt < 2; attempt++) {
		pid = fork();
		if (pid == 0) {
			if (!freopen(scratch("jackd.log"), "w", stdout) ||
			    !freopen(scratch("jackd.log"), "a", stderr))
				_exit(127);
			execlp("jackd", "jackd", rt, "-d", "dummy", "-r",
			       "22050", "-p", "256", (char *)NULL);
			_exit(127);
		}
		remember_pid(pid);   /* a failed test's teardown stops it */
		run(&r, "jack_wait -w -t 30");
		if (r.status == 0)
			return pid;
		run(&r, "tail -5 %s", scratch("jackd.log"));
		print_message("jackd %s did not answer in 30 s:\n%s", rt, r.out);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		forget_pid(pid);
		rt = "--no-realtime";
	}
	return -1;
}

/* Stop it (by its pid). */
static inline void jackd_stop(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		forget_pid(pid);
	}
}

/* A self-contained ALSA configuration (ALSA_CONFIG_PATH=DIR/asound.conf)
 * whose default device writes what it plays to DIR/captured.wav (the
 * file plugin over the null device, 16-bit); the system's own
 * configuration and plugins are not loaded.  Returns DIR. */
static inline const char *capture_home(void)
{
	const char *dir = scratch("capture");
	char file[512];

	snprintf(file, sizeof(file), "%s/captured.wav", dir);
	alsa_capture_conf(dir, file, "wav");
	remove(file);
	return dir;
}

/* The non-zero samples of a as 16-bit values, in order; *n their count.
 * (Free the result.) */
static inline int *nonzero_samples(const struct audio *a, long *n)
{
	int *out = calloc((size_t)a->frames * (size_t)a->channels + 1, sizeof(int));

	*n = 0;
	for (long i = 0; i < a->frames * a->channels; i++) {
		int v = (int)lrintf(a->data[i] * 32768.0f);
		if (v)
			out[(*n)++] = v;
	}
	return out;
}

/* How far the non-zero samples of `got` are from those of `want`, in
 * order: the largest difference in 16-bit steps, or -1 when there are
 * not as many.  Silence the device or a timeline put before, after or
 * between is not counted. */
static inline long speech_diff(const char *got, const char *want)
{
	struct audio g, w;
	long ng, nw, maxdiff = 0;
	int *a, *b;

	audio_load(&g, got);
	audio_load(&w, want);
	assert_int_equal(g.rate, w.rate);
	assert_int_equal(g.channels, w.channels);
	a = nonzero_samples(&g, &ng);
	b = nonzero_samples(&w, &nw);
	assert_true(ng > g.rate / 2);   /* at least half a second of speech */
	if (ng != nw) {
		print_message("%s: %ld non-zero samples, %s: %ld\n", got, ng, want, nw);
		maxdiff = -1;
	}
	for (long i = 0; maxdiff >= 0 && i < ng; i++)
		maxdiff = labs((long)a[i] - b[i]) > maxdiff ? labs((long)a[i] - b[i]) : maxdiff;
	free(a);
	free(b);
	audio_release(&g);
	audio_release(&w);
	return maxdiff;
}

/* got is the same speech as want (speech_diff()) within tol steps. */
static inline void assert_same_speech(const char *got, const char *want,
				      int tol)
{
	long d = speech_diff(got, want);

	if (d < 0 || d > tol) {
		struct run_result r;
		run(&r, "cp %s %s.failed", got, got);   /* kept to look at */
		fail_msg("%s is not the speech of %s (%s)", got, want,
			 d < 0 ? "not as many samples" : "samples differ");
	}
}

/* The largest difference, in 16-bit steps, between got and the start of
 * want, frame by frame; -1 when want is shorter, or, with same_length,
 * when the two lengths differ. */
static inline long pcm_diff(const char *got, const char *want, int same_length)
{
	struct audio g, w;
	long maxdiff = 0;

	audio_load(&g, got);
	audio_load(&w, want);
	assert_int_equal(g.rate, w.rate);
	assert_int_equal(g.channels, w.channels);
	assert_true(g.frames > g.rate / 2);
	if (g.frames > w.frames || (same_length && g.frames != w.frames))
		maxdiff = -1;
	for (long i = 0; maxdiff >= 0 && i < g.frames * g.channels; i++) {
		long d = labs(lrintf(g.data[i] * 32768.0f) - lrintf(w.data[i] * 32768.0f));
		maxdiff = d > maxdiff ? d : maxdiff;
	}
	audio_release(&g);
	audio_release(&w);
	return maxdiff;
}

/* pcm_diff of got against the start of want. */
static inline long start_diff(const char *got, const char *want)
{
	return pcm_diff(got, want, 0);
}

/* The number of non-zero samples in a file. */
static inline long nonzero_count(const char *path)
{
	struct audio a;
	long n;

	audio_load(&a, path);
	free(nonzero_samples(&a, &n));
	audio_release(&a);
	return n;
}

#endif
