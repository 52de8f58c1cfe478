/* test_audio.c - stages: pump, channel map, resampler, writers, outfile. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audio/encode_mp3.h"
#include "audio/sndfile_io.h"
#include "audio/stage.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"
#include "unit/test_util.h"

/* A sine tone: freq Hz, `frames` long, amplitude 0.5. */
static audio_stage *tone_new(int rate, int channels, double freq, long frames)
{
	return test_tone_new(rate, channels, freq, 0.5, frames);
}

/* Read a whole stage into a heap buffer; returns frames. */
static long drain(audio_stage *s, float **out)
{
	long n = test_drain_in(s, out, 1000);

	assert_true(n >= 0);
	return n;
}

/* Zero crossings per second of channel 0: twice the frequency. */
static double frequency_of(const float *x, long n, int ch, int rate)
{
	long crossings = 0;

	for (long i = 1; i < n; i++)
		crossings += (x[(i - 1) * ch] < 0) != (x[i * ch] < 0);
	return crossings / 2.0 / ((double)n / rate);
}

static void resample_keeps_pitch_and_length(void **state)
{
	audio_stage *s;
	float *x;
	long n;

	assert_int_equal(resample_new(&s, tone_new(22050, 1, 440, 22050), 44100), 0);
	assert_non_null(s);
	assert_int_equal(s->fmt.rate, 44100);
	n = drain(s, &x);
	assert_true(labs(n - 44100) <= 2);
	assert_true(fabs(frequency_of(x, n, 1, 44100) - 440) < 2);
	free(x);
	stage_free(s);
}

static void resample_48k_stereo_to_44k1(void **state)
{
	audio_stage *s;
	float *x;
	long n;

	assert_int_equal(resample_new(&s, tone_new(48000, 2, 1000, 48000 * 2),
				      44100), 0);
	n = drain(s, &x);

	assert_true(labs(n - 88200) <= 2);
	assert_true(fabs(frequency_of(x, n, 2, 44100) - 1000) < 2);
	free(x);
	stage_free(s);
}

static void resample_same_rate_is_identity(void **state)
{
	audio_stage *t = tone_new(44100, 1, 440, 100), *s;

	assert_int_equal(resample_new(&s, t, 44100), 0);
	assert_ptr_equal(s, t);
	stage_free(t);
}

static void channel_map_up_and_down(void **state)
{
	audio_stage *s;
	float *x;
	long n;

	assert_int_equal(channel_map_new(&s, tone_new(8000, 1, 100, 800), 2), 0);
	n = drain(s, &x);

	assert_int_equal(n, 800);
	assert_int_equal(s->fmt.channels, 2);
	for (long i = 0; i < n; i++)
		assert_true(x[2 * i] == x[2 * i + 1]);
	free(x);
	stage_free(s);
	assert_int_equal(channel_map_new(&s, tone_new(8000, 2, 100, 800), 1), 0);
	n = drain(s, &x);
	assert_int_equal(n, 800);
	assert_true(fabs(x[20] - 0.5 * sin(2 * M_PI * 100 * 20 / 8000.0)) < 1e-6);
	free(x);
	stage_free(s);
}

static void outfile_commit_and_abort(void **state)
{
	char dir[] = "/tmp/crieur-outfile.XXXXXX", path[128];
	outfile o;
	struct stat st;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/x.bin", dir);
	assert_int_equal(outfile_open(&o, path), 0);
	fputs("data", o.f);
	assert_int_not_equal(stat(path, &st), 0);   /* not there until commit */
	assert_int_equal(outfile_commit(&o), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 4);
	assert_int_equal(outfile_open(&o, path), 0);
	fputs("other data", o.f);
	outfile_abort(&o);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 4);            /* the old file is kept */
	unlink(path);
	assert_int_equal(rmdir(dir), 0);            /* no temporary left */
	assert_int_equal(outfile_open(&o, "/nonexistent/x.bin"), CRIEUR_ENOENT);
	assert_non_null(strstr(err_detail(), "'/nonexistent'"));
}

enum { GROUP_FILES = 16 };

/* Write groups of files in dir over and over, each file holding the
 * group's number, until a signal ends the process. */
static void write_groups(const char *dir)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = outfile_fatal_signal;
	sigaction(SIGUSR1, &sa, NULL);
	for (int g = 1;; g++) {
		outfile_group_begin();
		for (int i = 0; i < GROUP_FILES; i++) {
			char path[128];
			outfile o;

			snprintf(path, sizeof(path), "%s/f%02d", dir, i);
			if (outfile_open(&o, path))
				_exit(1);
			fprintf(o.f, "%d", g);
			if (outfile_commit(&o))
				_exit(1);
		}
		if (outfile_group_end(1))
			_exit(1);
	}
}

/* A fatal signal at any moment: a group appears whole or not at all (the
 * files all hold one group's number), and no temporary is left. */
static void outfile_group_whole_on_fatal_signal(void **state)
{
	srand(7);
	for (int round = 0; round < 60; round++) {
		char dir[] = "/tmp/crieur-outfile.XXXXXX", path[160];
		int status, first = -1, files = 0;
		struct timespec t;
		pid_t pid;

		assert_non_null(mkdtemp(dir));
		if (!(pid = fork()))
			write_groups(dir);
		assert_true(pid > 0);
		t = (struct timespec){ 0, 2000000 + rand() % 20000000 };
		nanosleep(&t, NULL);
		kill(pid, SIGUSR1);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1);
		for (int i = 0; i < GROUP_FILES; i++) {
			FILE *f;
			int g;

			snprintf(path, sizeof(path), "%s/f%02d", dir, i);
			if (!(f = fopen(path, "r")))
				continue;
			assert_int_equal(fscanf(f, "%d", &g), 1);
			fclose(f);
			if (first < 0)
				first = g;
			assert_int_equal(g, first);
			files++;
			unlink(path);
		}
		assert_true(files == 0 || files == GROUP_FILES);
		assert_int_equal(rmdir(dir), 0);   /* no temporary left */
	}
}

/* Write a tone through a writer, read it back, compare. */
static void roundtrip(const char *path, enum audio_file_type type, int channels)
{
	audio_format fmt = { 44100, channels }, got_fmt;
	audio_stage *src = tone_new(44100, channels, 440, 44100);
	audio_sink *sink;
	long long frames;
	char name[64];
	mp3_options opt = { .bitrate = 0, .quality = 5 };

	assert_int_equal(type == AUDIO_FILE_MP3 ? mp3_writer_open(&sink, path, fmt, &opt) :
			 sndfile_writer_open(&sink, path, type, fmt), 0);
	assert_int_equal(audio_pump(src, sink, &frames), 0);
	assert_int_equal(frames, 44100);
	sink_free(sink);
	stage_free(src);
	assert_int_equal(sndfile_probe(path, &got_fmt, &frames, name, sizeof(name)), 0);
	assert_int_equal(got_fmt.rate, 44100);
	assert_int_equal(got_fmt.channels, channels);
	/* gapless MP3 (LAME info frame) decodes to the exact length */
	assert_true(llabs(frames - 44100) <= (type == AUDIO_FILE_MP3 ? 1152 : 0));
	assert_int_equal(sndfile_reader_open(&src, path), 0);
	{
		float *x;
		long n = drain(src, &x);
		assert_true(fabs(frequency_of(x, n, channels, 44100) - 440) < 3);
		free(x);
	}
	stage_free(src);
	unlink(path);
}

static void writers_roundtrip(void **state)
{
	roundtrip(tmp_path("rt.wav"), AUDIO_FILE_WAV, 1);
	roundtrip(tmp_path("rt.flac"), AUDIO_FILE_FLAC, 2);
	roundtrip(tmp_path("rt.mp3"), AUDIO_FILE_MP3, 1);
	roundtrip(tmp_path("rt2.mp3"), AUDIO_FILE_MP3, 2);
}

static void file_type_by_extension(void **state)
{
	enum audio_file_type t;

	assert_int_equal(audio_file_type_for("a.MP3", &t), 0);
	assert_int_equal(t, AUDIO_FILE_MP3);
	assert_int_equal(audio_file_type_for("-", &t), 0);
	assert_int_equal(t, AUDIO_FILE_MP3);
	assert_int_equal(audio_file_type_for("x/y.flac", &t), 0);
	assert_int_equal(t, AUDIO_FILE_FLAC);
	assert_int_equal(audio_file_type_for("a.wav", &t), 0);
	assert_int_equal(t, AUDIO_FILE_WAV);
	assert_int_equal(audio_file_type_for("a.ogg", &t), 0);
	assert_int_equal(t, AUDIO_FILE_OPUS);
	assert_int_equal(audio_file_type_for("a.Opus", &t), 0);
	assert_int_equal(t, AUDIO_FILE_OPUS);
	assert_int_equal(audio_file_type_for("a.aac", &t), CRIEUR_EINVAL);
	assert_int_equal(audio_file_type_for("noext", &t), CRIEUR_EINVAL);
}

static void reader_errors(void **state)
{
	audio_stage *s;

	assert_int_equal(sndfile_reader_open(&s, "/no/such.wav"), CRIEUR_ENOENT);
	assert_null(s);
	assert_int_equal(sndfile_reader_open(&s, "Makefile"), CRIEUR_EFORMAT);
	assert_non_null(strstr(err_detail(), "'Makefile'"));
}

static void pump_stops_on_interrupt(void **state)
{
	audio_format fmt = { 44100, 1 };
	audio_stage *src = tone_new(44100, 1, 440, 44100 * 60);
	audio_sink *sink;
	struct stat st;

	assert_int_equal(sndfile_writer_open(&sink, tmp_path("int.wav"),
					     AUDIO_FILE_WAV, fmt), 0);
	crieur_interrupted = 2;
	assert_int_equal(audio_pump(src, sink, NULL), CRIEUR_EINTR);
	crieur_interrupted = 0;
	assert_int_not_equal(stat(tmp_path("int.wav"), &st), 0);
	sink_free(sink);
	stage_free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(resample_keeps_pitch_and_length),
		cmocka_unit_test(resample_48k_stereo_to_44k1),
		cmocka_unit_test(resample_same_rate_is_identity),
		cmocka_unit_test(channel_map_up_and_down),
		cmocka_unit_test(outfile_commit_and_abort),
		cmocka_unit_test(outfile_group_whole_on_fatal_signal),
		cmocka_unit_test(writers_roundtrip),
		cmocka_unit_test(file_type_by_extension),
		cmocka_unit_test(reader_errors),
		cmocka_unit_test(pump_stops_on_interrupt),
	};
	return cmocka_run_group_tests_name("audio", tests, NULL, NULL);
}
