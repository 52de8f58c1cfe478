/* test_mp3_parallel.c - MP3 encoded on several cores decodes like one
 * continuous encode: the parallel and the serial (LAME on one thread)
 * files are decoded by mpg123 and ffmpeg and compared with the source
 * and with each other. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include "audio/encode_mp3.h"
#include "audio/encode_mp3_parallel.h"
#include "base/error.h"
#include "base/thread.h"
#include "base/util.h"
#include "unit/tmp_path.h"

/* A deterministic test programme, mono or stereo: voiced sound (a
 * harmonic series gliding in pitch, syllables at ~4 Hz), hiss bursts,
 * clicks (transients that make LAME switch to short blocks and draw on
 * the bit reservoir) and silences, in a pattern that does not repeat
 * with the segments. */
static float *programme(long n, int ch, int rate)
{
	float *x = xcalloc((size_t)n * (size_t)ch, sizeof(float));
	unsigned seed = 12345;
	double phase = 0;

	for (long i = 0; i < n; i++) {
		double t = (double)i / rate, part = fmod(t, 7.3), v = 0;
		double f0 = 110 + 40 * sin(2 * M_PI * 0.31 * t);

		seed = seed * 1103515245u + 12345u;
		phase += 2 * M_PI * f0 / rate;
		if (part < 4.0) {   /* voiced, syllabic */
			double env = 0.5 + 0.5 * sin(2 * M_PI * 4.1 * t);
			for (int h = 1; h < 30; h++)
				v += sin(h * phase) / h;
			v *= 0.25 * env * env;
		} else if (part < 5.0) {   /* hiss */
			v = 0.3 * (((seed >> 8) & 0xFFFF) / 32768.0 - 1);
		} else if (part < 6.0) {   /* clicks every 90 ms */
			long k = (long)(t * 1000) % 90;
			v = k < 2 ? 0.8 * (k ? -1 : 1) : 0;
		}   /* else silence */
		for (int c = 0; c < ch; c++)
			x[i * ch + c] = (float)(c ? v * 0.7 + 0.05 * sin(phase * 3) : v);
	}
	return x;
}

static void encode(const char *path, const float *x, long n, audio_format fmt,
		   int bitrate, int jobs)
{
	mp3_options opt = { .bitrate = bitrate, .quality = 5, .jobs = jobs };
	audio_sink *sink;

	assert_int_equal(mp3_writer_open(&sink, path, fmt, &opt), 0);
	for (long at = 0; at < n; at += 3000)   /* odd blocks, as the pump */
		assert_int_equal(sink->write(sink, x + at * fmt.channels,
					     n - at < 3000 ? n - at : 3000), 0);
	assert_int_equal(sink->finish(sink), 0);
	sink_free(sink);
}

/* Run cmd; its standard error must be empty (no warning).  Returns
 * the float samples it wrote to standard output. */
static float *decode(const char *cmd, long *n)
{
	char line[1024], err[256];
	FILE *f;
	size_t cap = 1 << 20, len = 0, got;
	float *x = xcalloc(cap, sizeof(float));

	snprintf(err, sizeof(err), "%s", tmp_path("dec.err"));
	snprintf(line, sizeof(line), "%s 2>%s", cmd, err);
	assert_non_null(f = popen(line, "r"));
	while ((got = fread(x + len, sizeof(float), cap - len, f)) > 0)
		if ((len += got) == cap)
			x = xrealloc(x, (cap *= 2) * sizeof(float));
	assert_int_equal(pclose(f), 0);
	f = fopen(err, "r");
	assert_non_null(f);
	if (fgets(line, sizeof(line), f))
		fail_msg("'%s' warns: %s", cmd, line);
	fclose(f);
	unlink(err);
	*n = (long)len;
	return x;
}

static double snr_db(const float *ref, const float *y, long n)
{
	double s = 0, e = 0;

	for (long i = 0; i < n; i++) {
		s += (double)ref[i] * ref[i];
		e += ((double)y[i] - ref[i]) * ((double)y[i] - ref[i]);
	}
	return 10 * log10(s / e);
}

/* The largest sample-to-sample jump of channel c in frames [a, b). */
static double max_jump(const float *y, int ch, int c, long a, long b)
{
	double m = 0;

	for (long i = a + 1; i < b; i++) {
		double d = fabs((double)y[i * ch + c] - y[(i - 1) * ch + c]);
		m = d > m ? d : m;
	}
	return m;
}

/* Mean squared error of y against the source x, channel c, frames
 * [a, b). */
static double local_error(const float *x, const float *y, int ch, int c,
			  long a, long b)
{
	double e = 0;

	for (long i = a; i < b; i++) {
		double d = (double)y[i * ch + c] - x[i * ch + c];
		e += d * d;
	}
	return e / (double)(b - a);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void compare(audio_format fmt, int bitrate, double seconds, int jobs)
{
	long n = (long)(seconds * fmt.rate), ns, np, nf;
	int ch = fmt.channels, fs = fmt.rate >= 32000 ? 1152 : 576;
	float *x = programme(n, ch, fmt.rate), *ys, *yp, *yf;
	char ser[256], par[256], cmd[700];
	double snr_s, snr_p;
	long seg = mp3_par_segment_samples(fmt, jobs);

	snprintf(ser, sizeof(ser), "%s", tmp_path("serial.mp3"));
	snprintf(par, sizeof(par), "%s", tmp_path("parallel.mp3"));
	encode(ser, x, n, fmt, bitrate, 1);
	encode(par, x, n, fmt, bitrate, jobs);

	snprintf(cmd, sizeof(cmd), "mpg123 -q -e f32 -s '%s'", ser);
	ys = decode(cmd, &ns);
	snprintf(cmd, sizeof(cmd), "mpg123 -q -e f32 -s '%s'", par);
	yp = decode(cmd, &np);
	snprintf(cmd, sizeof(cmd), "ffmpeg -nostdin -v warning -i '%s' -f f32le -",
		 par);
	yf = decode(cmd, &nf);
	/* the exact length, to the sample, by both decoders (gapless) */
	assert_int_equal(ns, n * ch);
	assert_int_equal(np, n * ch);
	assert_int_equal(nf, n * ch);
	snr_s = snr_db(x, ys, n * ch);
	snr_p = snr_db(x, yp, n * ch);
	printf("# %d Hz x%d %d kbit/s, %d jobs: SNR serial %.2f dB, parallel "
	       "%.2f dB\n", fmt.rate, ch, bitrate, jobs, snr_s, snr_p);
	assert_true(fabs(snr_s - snr_p) <= 0.3);
	assert_true(snr_s > 5);   /* the comparison means something */

	/* at every join, the largest jump is within the serial file's own
	 * distribution of jumps (per frame-long window), give or take the
	 * coding noise (0.01: a join on one of the programme's clicks,
	 * themselves the file's largest jumps, came 0.0002 over them with
	 * 3.3-s segments) */
	for (int c = 0; c < ch; c++) {
		long nw = n / fs - 1, joins = 0;
		double *w = xcalloc((size_t)nw, sizeof(double)), top;

		for (long k = 0; k < nw; k++)
			w[k] = max_jump(ys, ch, c, k * fs, (k + 1) * fs);
		qsort(w, (size_t)nw, sizeof(double), cmp_double);
		top = w[nw - 1];
		for (long e = seg; e < n; e += seg) {
			long a = e - (MP3_PAR_WINDOW + 2) * fs, b = e + (MP3_PAR_WINDOW + 2) * fs;
			double jp, js;

			b = b < n ? b : n;
			jp = max_jump(yp, ch, c, a, b);
			js = max_jump(ys, ch, c, a, b);
			if (jp > top + 0.01 || jp > js * 1.25 + 0.01)
				fail_msg("join near sample %ld, channel %d: jump %.4f "
					 "(serial there %.4f, serial's largest %.4f)",
					 e, c, jp, js, top);
			/* and the coding error there is the serial's, granule
			 * by granule (an unprimed encoder's first is not) */
			for (long f = a; f + fs / 2 <= b; f += fs / 2) {
				double es = local_error(x, ys, ch, c, f, f + fs / 2);
				double ep = local_error(x, yp, ch, c, f, f + fs / 2);
				if (ep > es * 6 + 1e-6)
					fail_msg("join near sample %ld, channel %d: "
						 "error %.2g at %ld (serial %.2g)", e,
						 c, ep, f, es);
			}
			joins++;
		}
		assert_true(joins >= n / seg - 1);
		free(w);
	}
	free(x);
	free(ys);
	free(yp);
	free(yf);
	unlink(ser);
	unlink(par);
}

static void mono_44100(void **state)
{
	long before = mp3_lame_pauses();

	compare((audio_format){ 44100, 1 }, 64, 100, 3);
	/* A start of LAME pauses every encoding call of the process, and
	 * cost the other workers a few ms each: the encoders of the 7
	 * segments start in batches of 1, 2 and up to 3 (32 / 3 jobs^2);
	 * with the serial encoder's and the info frame's, 6 pauses (9 one by
	 * one: checked) */
	assert_in_range(mp3_lame_pauses() - before, 3, 6);
}

static void stereo_48000(void **state)
{
	compare((audio_format){ 48000, 2 }, 128, 50, 2);
}

static void mono_22050_mpeg2(void **state)
{
	compare((audio_format){ 22050, 1 }, 64, 90, 4);
}

/* The rare join where the next segment's encoder had saved more bits
 * than the stream leaves it: made by encoding the two segments again as
 * one (forced here at every join). */
static void joins_by_merging(void **state)
{
	long before = mp3_par_merges();

	setenv("CRIEUR_MP3_JOIN", "merge", 1);
	compare((audio_format){ 44100, 1 }, 64, 70, 2);
	unsetenv("CRIEUR_MP3_JOIN");
	assert_true(mp3_par_merges() - before >= 2);   /* 70 s: several joins */
}

/* Shorter than a segment, and empty: still the exact length. */
static void short_inputs(void **state)
{
	compare((audio_format){ 44100, 1 }, 64, 3.5, 4);
	compare((audio_format){ 44100, 2 }, 96, 0.3, 2);
}

/* Threads of this process now. */
static int threads_now(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* The threads a machine with 64 CPUs would ask for: the encoder runs
 * as many as keep its memory bounded, 16 in mono and 9 in stereo (the
 * PCM it holds within 16 MB with segments of 3.3 s at least), and the
 * stereo stream, in 30 segments of that size, decodes like a serial
 * encode. */
static void many_jobs_bounded(void **state)
{
	static const struct { int ch, want; } t[] = { { 1, 16 }, { 2, 9 } };

	for (int k = 0; k < 2; k++) {
		audio_format fmt = { 44100, t[k].ch };
		mp3_options opt = { .bitrate = 64 * t[k].ch, .quality = 5,
				    .jobs = 64 };
		int before = threads_now();
		audio_sink *sink;

		assert_int_equal(mp3_writer_open(&sink, tmp_path("many.mp3"),
						 fmt, &opt), 0);
		assert_int_equal(threads_now() - before, t[k].want);
		sink_free(sink);
		assert_int_equal(mp3_par_jobs(fmt, 64), t[k].want);
	}
	/* 129 frames: 16 MB over 12 segments of 9216 bytes a frame, less
	 * the 22 frames of overlaps */
	assert_int_equal(mp3_par_segment_samples((audio_format){ 44100, 2 }, 64),
			 129 * 1152);
	compare((audio_format){ 44100, 2 }, 128, 100, 64);
}

/* Segments still queued and encoding when the writer is dropped: the
 * workers stop, nothing is written, nothing leaks (ASan). */
static void abandoned_mid_way(void **state)
{
	audio_format fmt = { 44100, 2 };
	mp3_options opt = { .bitrate = 128, .quality = 5, .jobs = 4 };
	long n = 50L * fmt.rate;
	float *x = programme(n, 2, fmt.rate);
	const char *path = tmp_path("abandoned.mp3");
	audio_sink *sink;

	assert_int_equal(mp3_writer_open(&sink, path, fmt, &opt), 0);
	assert_int_equal(sink->write(sink, x, n), 0);
	sink_free(sink);
	assert_int_equal(access(path, F_OK), -1);
	free(x);
}

/* A write that fails (the file-size limit here) fails the encode with
 * the file named, and leaves no file. */
/* thread_pin(): the encoders' workers, as many as the CPUs the process
 * may use, each keep one of them (the k-th, round the mask); fewer
 * workers than CPUs are left to the scheduler.  The default number of
 * jobs follows the affinity mask (taskset, cpusets), not the CPUs
 * online. */
static void *pin_and_report(void *arg)
{
	int *k = arg;
	cpu_set_t set;

	thread_pin(k[0], k[1]);
	assert_int_equal(pthread_getaffinity_np(pthread_self(), sizeof(set),
						&set), 0);
	k[2] = CPU_COUNT(&set);
	k[3] = -1;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set)) {
			k[3] = c;
			break;
		}
	return NULL;
}

static void pin_run(int k, int workers, int *count, int *first)
{
	int a[4] = { k, workers, 0, 0 };
	pthread_t t;

	assert_int_equal(pthread_create(&t, NULL, pin_and_report, a), 0);
	pthread_join(t, NULL);
	*count = a[2];
	*first = a[3];
}

static void workers_keep_a_cpu_each(void **state)
{
	cpu_set_t all, two;
	int cpu[2], n = 0, count, first;

	(void)state;
	assert_int_equal(sched_getaffinity(0, sizeof(all), &all), 0);
	assert_int_equal(thread_cpus(), CPU_COUNT(&all));
	for (int c = 0; c < CPU_SETSIZE && n < 2; c++)
		if (CPU_ISSET(c, &all))
			cpu[n++] = c;
	if (n < 2) {
		print_message("one CPU: nothing to pin\n");
		pin_run(1, 1, &count, &first);
		assert_int_equal(count, 1);
		return;
	}
	/* two CPUs allowed, as taskset -c would */
	CPU_ZERO(&two);
	CPU_SET(cpu[0], &two);
	CPU_SET(cpu[1], &two);
	assert_int_equal(sched_setaffinity(0, sizeof(two), &two), 0);
	assert_int_equal(thread_cpus(), 2);
	pin_run(0, 2, &count, &first);
	assert_true(count == 1 && first == cpu[0]);
	pin_run(1, 2, &count, &first);
	assert_true(count == 1 && first == cpu[1]);
	pin_run(2, 3, &count, &first);   /* round the mask */
	assert_true(count == 1 && first == cpu[0]);
	pin_run(1, 1, &count, &first);   /* fewer workers than CPUs */
	assert_int_equal(count, 2);
	CPU_ZERO(&two);
	CPU_SET(cpu[1], &two);
	assert_int_equal(sched_setaffinity(0, sizeof(two), &two), 0);
	assert_int_equal(thread_cpus(), 1);
	pin_run(1, 2, &count, &first);   /* one CPU: left as it is */
	assert_true(count == 1 && first == cpu[1]);
	assert_int_equal(sched_setaffinity(0, sizeof(all), &all), 0);
}

/* thread_start_beside(): with two CPUs allowed, the thread starts on
 * the one the caller is not on (50 times out of 50: started as usual, it
 * started on the caller's in most of the loudness pilot's trials), then
 * may run on both; with one, it starts as usual. */
static void *report_cpu(void *arg)
{
	int *r = arg;
	cpu_set_t set;

	r[0] = sched_getcpu();
	r[1] = pthread_getaffinity_np(pthread_self(), sizeof(set), &set) ? -1 :
	       CPU_COUNT(&set);
	return NULL;
}

static void started_beside_the_caller(void **state)
{
	cpu_set_t all, two;
	int cpu[2], n = 0, r[2], done = 0, tries = 0;
	pthread_t t;

	(void)state;
	assert_int_equal(sched_getaffinity(0, sizeof(all), &all), 0);
	for (int c = 0; c < CPU_SETSIZE && n < 2; c++)
		if (CPU_ISSET(c, &all))
			cpu[n++] = c;
	CPU_ZERO(&two);
	CPU_SET(cpu[0], &two);
	if (n == 2)
		CPU_SET(cpu[1], &two);
	assert_int_equal(sched_setaffinity(0, sizeof(two), &two), 0);
	while (done < 50) {
		int before = sched_getcpu(), after;

		assert_int_equal(thread_start_beside(&t, report_cpu, r), 0);
		after = sched_getcpu();
		assert_int_equal(pthread_join(t, NULL), 0);
		assert_int_equal(r[1], n);   /* then free to run on all */
		if (before != after) {       /* the caller moved: try again */
			assert_true(++tries < 1000);
			continue;
		}
		if (n == 2)
			assert_true(r[0] != before &&
				    (r[0] == cpu[0] || r[0] == cpu[1]));
		else
			assert_int_equal(r[0], cpu[0]);
		done++;
	}
	assert_int_equal(sched_setaffinity(0, sizeof(all), &all), 0);
}

static void write_error(void **state)
{
	audio_format fmt = { 44100, 1 };
	mp3_options opt = { .bitrate = 64, .quality = 5, .jobs = 2 };
	long n = 60L * fmt.rate;
	float *x = programme(n, 1, fmt.rate);
	const char *path = tmp_path("full.mp3");
	struct rlimit old, lim;
	audio_sink *sink;
	int err;

	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 100000;   /* 12 s at 64 kbit/s */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_int_equal(mp3_writer_open(&sink, path, fmt, &opt), 0);
	err = sink->write(sink, x, n);
	if (!err)
		err = sink->finish(sink);
	sink_free(sink);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(err, CRIEUR_EIO);
	assert_non_null(strstr(err_detail(), "full.mp3"));
	assert_int_equal(access(path, F_OK), -1);
	free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mono_44100),
		cmocka_unit_test(stereo_48000),
		cmocka_unit_test(mono_22050_mpeg2),
		cmocka_unit_test(joins_by_merging),
		cmocka_unit_test(short_inputs),
		cmocka_unit_test(many_jobs_bounded),
		cmocka_unit_test(abandoned_mid_way),
		cmocka_unit_test(write_error),
		cmocka_unit_test(workers_keep_a_cpu_each),
		cmocka_unit_test(started_beside_the_caller),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
