/* test_build.c - `crieur build` renders statements to MP3, WAV, FLAC. */
#include "e2e.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define SAMPLE "samples/statements/2023-11-20-pristina.txt"

static void build_sample_mp3_matches_wav(void **state)
{
	struct run_result r;
	struct audio mp3, wav;

	run(&r, "%s build %s -o %s", crieur_bin(), SAMPLE, scratch("s.mp3"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "s.mp3"));
	run(&r, "%s build -q %s -o %s", crieur_bin(), SAMPLE, scratch("s.wav"));
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	audio_load(&mp3, scratch("s.mp3"));
	audio_load(&wav, scratch("s.wav"));
	assert_int_equal(mp3.rate, 44100);
	assert_int_equal(wav.rate, 44100);
	assert_int_equal(mp3.channels, 1);
	/* The sample statement takes well over a minute to read. */
	assert_true(audio_seconds(&wav) > 60 && audio_seconds(&wav) < 300);
	assert_true(fabs(audio_seconds(&mp3) - audio_seconds(&wav)) <
		    0.01 * audio_seconds(&wav));
	/* Speech throughout: most seconds well above silence. */
	assert_true(audio_voiced_fraction(&mp3, -40) > 0.8);
	assert_true(audio_voiced_fraction(&wav, -40) > 0.8);
	audio_release(&mp3);
	audio_release(&wav);
}

static void build_flac_and_options(void **state)
{
	struct run_result r;
	struct audio a;

	run(&r, "%s build --samplerate 22050 --channels 2 %s -o %s",
	    crieur_bin(), SAMPLE, scratch("s.flac"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("s.flac"));
	assert_int_equal(a.rate, 22050);
	assert_int_equal(a.channels, 2);
	assert_true(audio_voiced_fraction(&a, -40) > 0.8);
	audio_release(&a);
}

static void build_rate_changes_duration(void **state)
{
	struct run_result r;
	struct audio slow, fast;

	run(&r, "echo 'Titre.' > %s && echo 'Un deux trois quatre cinq six sept "
	    "huit neuf dix onze douze.' >> %s", scratch("t.txt"), scratch("t.txt"));
	run(&r, "%s build --rate 120 %s -o %s", crieur_bin(), scratch("t.txt"),
	    scratch("slow.wav"));
	assert_int_equal(r.status, 0);
	run(&r, "%s build --rate 240 --pitch 70 %s -o %s", crieur_bin(),
	    scratch("t.txt"), scratch("fast.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&slow, scratch("slow.wav"));
	audio_load(&fast, scratch("fast.wav"));
	assert_true(audio_seconds(&slow) > 1.5 * audio_seconds(&fast));
	audio_release(&slow);
	audio_release(&fast);
}

static void build_several_statements_in_order(void **state)
{
	struct run_result r;
	struct audio one, two;

	run(&r, "%s build --loudness none %s -o %s", crieur_bin(), SAMPLE,
	    scratch("one.wav"));
	assert_int_equal(r.status, 0);
	run(&r, "%s build --loudness none %s %s -o %s", crieur_bin(), SAMPLE,
	    SAMPLE, scratch("two.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&one, scratch("one.wav"));
	audio_load(&two, scratch("two.wav"));
	/* Twice the speech plus a pause between statements (1.2 s); eSpeak NG
	 * carries a little state from one text to the next, so the second
	 * reading may differ by a few hundredths of a second per sentence. */
	assert_true(fabs(audio_seconds(&two) - 2 * audio_seconds(&one) - 1.2) < 0.3);
	audio_release(&one);
	audio_release(&two);
}

static void build_mp3_to_stdout(void **state)
{
	struct run_result r;
	struct audio a;

	run(&r, "echo 'Bonjour à tous.' | %s build - -o - > %s", crieur_bin(),
	    scratch("pipe.mp3"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("pipe.mp3"));
	assert_int_equal(a.rate, 44100);
	assert_true(audio_seconds(&a) > 0.5 && audio_seconds(&a) < 5);
	assert_true(audio_rms_db(&a, 0, a.frames) > -40);
	audio_release(&a);
}

static void build_english_voice(void **state)
{
	struct run_result r;
	struct audio a;

	run(&r, "echo 'Good evening. Here is the news.' | %s build --voice "
	    "en-anchor - -o %s", crieur_bin(), scratch("en.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("en.wav"));
	assert_true(audio_seconds(&a) > 1 && audio_seconds(&a) < 6);
	audio_release(&a);
}

/* A statement built with no language or voice is said in the language it
 * is written in: an English one exactly as with --lang en (same WAV,
 * English ID3 language), a French one as before; --lang still decides. */
static void build_language_as_written(void **state)
{
	char en[256], fr[256];   /* scratch() names rotate: keep copies */
	struct run_result r;

	snprintf(en, sizeof(en), "%s", script("written-en.txt", "Fire at the "
		 "old station\n\nTwo people were hurt in the blaze on Monday, "
		 "and the police said that the building was empty.\n"));
	snprintf(fr, sizeof(fr), "%s", script("written-fr.txt", "Incendie à la "
		 "gare\n\nDeux personnes ont été blessées lundi, selon la "
		 "police.\n"));

	run(&r, "%s build -q %s -o %s && %s build -q --lang en %s -o %s && "
	    "cmp %s %s", crieur_bin(), en, scratch("w-en.wav"), crieur_bin(), en,
	    scratch("w-en-lang.wav"), scratch("w-en.wav"), scratch("w-en-lang.wav"));
	assert_int_equal(r.status, 0);
	run(&r, "%s build -q --lang fr %s -o %s && cmp -s %s %s", crieur_bin(),
	    en, scratch("w-en-fr.wav"), scratch("w-en.wav"), scratch("w-en-fr.wav"));
	assert_int_not_equal(r.status, 0);            /* --lang fr is heard */
	run(&r, "%s build -q %s -o %s && ffprobe -v error -show_entries "
	    "format_tags=language -of csv=p=0 %s", crieur_bin(), en,
	    scratch("w-en.mp3"), scratch("w-en.mp3"));
	if (r.status)
		fail_msg("status %d: %s", r.status, r.err);
	assert_string_equal(r.out, "eng\n");
	run(&r, "%s build -q %s -o %s && %s build -q --lang fr %s -o %s && "
	    "cmp %s %s", crieur_bin(), fr, scratch("w-fr.wav"), crieur_bin(), fr,
	    scratch("w-fr-lang.wav"), scratch("w-fr.wav"), scratch("w-fr-lang.wav"));
	assert_int_equal(r.status, 0);
}

/* A setting comes from the defaults, then the script, then the command
 * line, each over the one before; --help shows each option's range from
 * the one settings table. */
static void settings_layered(void **state)
{
	struct run_result r;
	struct audio a;
	FILE *f = fopen(scratch("layers.yaml"), "w");

	assert_non_null(f);
	fprintf(f, "output:\n  samplerate: 22050\n  channels: 2\n"
		"items:\n  - text: \"Un titre.\\nUne phrase.\"\n");
	fclose(f);
	run(&r, "%s build -q %s -o %s", crieur_bin(), scratch("layers.yaml"),
	    scratch("layers1.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("layers1.wav"));
	assert_int_equal(a.rate, 22050);        /* the script over the default */
	assert_int_equal(a.channels, 2);
	audio_release(&a);
	run(&r, "%s build -q --samplerate 16000 %s -o %s", crieur_bin(),
	    scratch("layers.yaml"), scratch("layers2.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("layers2.wav"));
	assert_int_equal(a.rate, 16000);        /* the command line over it */
	assert_int_equal(a.channels, 2);        /* the rest stays the script's */
	audio_release(&a);
	run(&r, "%s build --duration 5 %s -o %s", crieur_bin(),
	    scratch("layers.yaml"), scratch("layers3.wav"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "crieur: --duration wants seconds from 10 "
			       "to 14400, not '5'"));
	run(&r, "%s build --help", crieur_bin());
	assert_non_null(strstr(r.out, "--samplerate HZ"));
	assert_non_null(strstr(r.out, "(8000-192000)"));
}

/* -j N encodes the MP3 on N threads (issue 17): the file decodes to the
 * exact length of the WAV and sounds as the one-thread encode does;
 * --stats says where the time went. */
static void build_mp3_jobs(void **state)
{
	struct run_result r;
	struct audio par, ser, wav;

	run(&r, "%s build -q -j 3 --stats %s -o %s", crieur_bin(), SAMPLE,
	    scratch("j3.mp3"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "pass A (load, synthesis, layout):"));
	assert_non_null(strstr(r.err, "passes B+C and encoding"));
	run(&r, "%s build -q --jobs 1 %s -o %s", crieur_bin(), SAMPLE,
	    scratch("j1.mp3"));
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	run(&r, "%s build -q %s -o %s", crieur_bin(), SAMPLE, scratch("j.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&par, scratch("j3.mp3"));
	audio_load(&ser, scratch("j1.mp3"));
	audio_load(&wav, scratch("j.wav"));
	assert_int_equal(par.frames, wav.frames);   /* gapless, to the sample */
	assert_int_equal(ser.frames, wav.frames);
	assert_true(fabs(audio_rms_db(&par, 0, par.frames) -
			 audio_rms_db(&ser, 0, ser.frames)) < 0.1);
	audio_release(&par);
	audio_release(&ser);
	audio_release(&wav);
	run(&r, "%s build -j 0 %s -o %s", crieur_bin(), SAMPLE, scratch("j0.mp3"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "crieur: --jobs wants a number from 1 to "
			       "256, not '0'"));
}

/* Pass A's processes (issue 17): the items are cut into runs by their
 * text (this script's 18 KB make two), each synthesized by a process of
 * its own started from the same engine, so the bulletin comes out
 * sample for sample the same on 1, 2 or 5 cores; an English item keeps
 * its voice inside a run. */
static void build_synth_processes_same_audio(void **state)
{
	char yaml[2048];
	struct run_result r;
	const char *s;
	size_t n = 0;

	setup_samples();
	n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "items:\n");
	for (int i = 0; i < 8; i++)
		n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "%s  - file: "
				      "statements/2023-11-20-pristina.txt\n",
				      i != 4 ? "" : "  - file: statements/"
				      "2024-02-05-bruxelles.txt\n  - text: \""
				      "Good evening. NATO ministers met in "
				      "Brussels on the 4th of March.\"\n"
				      "    voice: en\n");
	s = script("procs.yaml", yaml);
	for (int k = 0; k < 3; k++) {
		static const int jobs[] = { 1, 2, 5 };
		char name[32];

		snprintf(name, sizeof(name), "procs%d.wav", jobs[k]);
		run(&r, "%s build -q -j %d %s -o %s", crieur_bin(), jobs[k], s,
		    scratch(name));
		assert_int_equal(r.status, 0);
		assert_string_equal(r.err, "");
	}
	assert_int_equal(pcm_diff(scratch("procs2.wav"), scratch("procs1.wav"), 1), 0);
	assert_int_equal(pcm_diff(scratch("procs5.wav"), scratch("procs1.wav"), 1), 0);
}

/* A process of crieur's whose parent is `parent` and that still runs
 * (not a zombie), or 0. */
static pid_t running_child(pid_t parent)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t found = 0;

	assert_non_null(d);
	while (!found && (e = readdir(d))) {
		char path[300], buf[512], *p, st;
		int ppid = 0;
		FILE *f;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		if (!(f = fopen(path, "r")))
			continue;
		buf[0] = 0;
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = 0;
		fclose(f);
		if ((p = strrchr(buf, ')')) && sscanf(p + 1, " %c %d", &st, &ppid) == 2 &&
		    ppid == parent && st != 'Z' && st != 'X')
			found = (pid_t)atoi(e->d_name);
	}
	closedir(d);
	return found;
}

/* Start `crieur build -q -j jobs script -o out` with stderr to errfile. */
static pid_t start_build(const char *jobs, const char *script_path,
			 const char *out, const char *errfile)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (!pid) {
		int fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || dup2(fd, 2) < 0)
			_exit(126);
		execl(crieur_bin(), "crieur", "build", "-q", "-j", jobs,
		      script_path, "-o", out, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Wait (up to 20 s) for a child of pid to run; 0 if none came. */
static pid_t wait_for_child(pid_t pid)
{
	for (int i = 0; i < 20000; i++) {
		pid_t c = running_child(pid);

		if (c)
			return c;
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return 0;
		usleep(1000);
	}
	return 0;
}

static const char *long_script(void)
{
	static char yaml[4096];
	size_t n = 0;

	setup_samples();
	n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "items:\n");
	for (int i = 0; i < 16; i++)
		n += (size_t)snprintf(yaml + n, sizeof(yaml) - n, "  - file: "
				      "statements/2023-11-20-pristina.txt\n");
	return script("long.yaml", yaml);
}

/* A synthesis process that dies is an error naming the items it had,
 * and no file is written.  (A kill may come too late, when the process
 * has just reported: then the build succeeds, and it is tried again.) */
static void build_synth_process_killed(void **state)
{
	const char *s = long_script(), *out = scratch("killed.wav");
	char err[4096];

	for (int attempt = 0; attempt < 5; attempt++) {
		pid_t pid = start_build("2", s, out, scratch("killed.err")), c;
		int st;

		c = wait_for_child(pid);
		assert_true(c > 0);
		kill(c, SIGKILL);
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st));
		if (WEXITSTATUS(st) == 0) {
			unlink(out);
			continue;
		}
		assert_int_equal(WEXITSTATUS(st), 1);
		slurp(scratch("killed.err"), err, sizeof(err));
		assert_non_null(strstr(err, "crieur: internal: the process that "
				       "synthesized items "));
		assert_non_null(strstr(err, " was killed"));
		assert_false(file_exists(out));
		return;
	}
	fail_msg("every kill came too late");
}

/* When crieur itself is killed, its synthesis processes go with it.  At
 * -j 1 crieur holds the only turn while it says the first run, so its
 * children all wait for one: left alone, they would wait for ever. */
static void build_killed_takes_children(void **state)
{
	const char *s = long_script();
	pid_t pid = start_build("1", s, scratch("orphans.wav"),
				scratch("orphans.err"));
	pid_t c = wait_for_child(pid);
	int gone = 0;

	assert_true(c > 0);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	for (int i = 0; i < 5000 && !gone; i++) {
		char path[64], buf[512], *p, st = 'Z';
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/stat", (int)c);
		if ((f = fopen(path, "r"))) {
			if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')))
				st = p[2];
			fclose(f);
		}
		gone = st == 'Z' || st == 'X';
		usleep(1000);
	}
	assert_true(gone);
	assert_false(file_exists(scratch("orphans.wav")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(build_sample_mp3_matches_wav),
		cmocka_unit_test(build_flac_and_options),
		cmocka_unit_test(build_rate_changes_duration),
		cmocka_unit_test(build_several_statements_in_order),
		cmocka_unit_test(build_mp3_to_stdout),
		cmocka_unit_test(build_english_voice),
		cmocka_unit_test(build_language_as_written),
		cmocka_unit_test(settings_layered),
		cmocka_unit_test(build_mp3_jobs),
		cmocka_unit_test(build_synth_processes_same_audio),
		cmocka_unit_test(build_synth_process_killed),
		cmocka_unit_test(build_killed_takes_children),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_build", tests, NULL,
						    NULL));
}
