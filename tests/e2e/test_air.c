/* test_air.c - `crieur air` end to end, in real time but short: slots
 * a few seconds apart on jackd2's dummy back end (a device that runs in
 * real time, started here under a server name of our own), what it plays
 * recorded by tests/tools/jack_onset (a JACK client of our own) and
 * compared with the rendered bulletin; an inbox fed while running (good,
 * bad, duplicate and half-written files); SIGHUP with a broken then a
 * good station file; kill -9 while preparing, while on air and between
 * slots, then a restart: no slot airs twice, none is silently lost; bad
 * input refused at start with the file and line.  Bounds are generous (a
 * loaded 2-core machine): `make bench` (tests/bench/air.sh) measures the
 * hard-start accuracy. */
#define _GNU_SOURCE
#include "air.h"

#include <signal.h>
#include <time.h>
#include <utime.h>

static pid_t jackd_pid;

static int jack_up(void **state)
{
	if (!getcwd(air_top, sizeof(air_top)))
		return -1;
	jackd_pid = jackd_start("e2e-air");
	return jackd_pid > 0 ? 0 : -1;
}

static void stop_running(void);

static int jack_down(void **state)
{
	stop_running();
	jackd_stop(jackd_pid);
	return 0;
}

/* ---- a station in the scratch folder ----------------------------- */

/* A statement dropped in the inbox, written age seconds ago (older than
 * the settling time), renamed in as the protocol says. */
static void drop(const char *name, const char *text, int age)
{
	char tmp[128], final[128];
	struct utimbuf ut;

	snprintf(tmp, sizeof(tmp), "inbox/.%s.part", name);
	script(tmp, text);
	ut.actime = ut.modtime = time(NULL) - age;
	assert_int_equal(utime(scratch(tmp), &ut), 0);
	snprintf(tmp, sizeof(tmp), "%s", scratch(tmp));
	snprintf(final, sizeof(final), "%s/inbox/%s", scratch_dir(), name);
	assert_int_equal(rename(tmp, final), 0);
}

/* The station: slot(s) every `every` seconds on the device and a folder. */
static void station(const char *file, const char *slots)
{
	char text[4096];

	snprintf(text, sizeof(text), "station: e2e\ntimezone: Europe/Paris\n"
		 "state: state\noutputs:\n  - device: system\n  - folder: drop\n"
		 "slots:\n%s", slots);
	script(file, text);
}

static pid_t running = -1;   /* a crieur air to stop if a test fails */

static void stop_running(void)
{
	if (running > 0) {
		kill(running, SIGKILL);
		waitpid(running, NULL, 0);
		running = -1;
	}
}

static void fresh(void)
{
	struct run_result r;

	stop_running();
	run(&r, "cd %s && rm -rf state drop inbox && mkdir drop inbox && "
	    "sox -n -r 44100 -c 1 tone.wav synth 0.3 sine 800 vol 0.5 && "
	    "cp %s/samples/jingles/outro.wav fallback.wav", scratch_dir(), air_top);
	assert_int_equal(r.status, 0);
	script("b.yaml", "intro: tone.wav\ntalkup: 0\ngap: 0.2\nitems:\n"
	    "  - text: Journal.\n  - inbox: inbox\n    max: 1\n");
}

/* ---- running it --------------------------------------------------- */

/* Start `crieur air STATION` in the scratch folder, stderr appended to
 * err_file. */
static pid_t air_start(const char *station_file, const char *err_file)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (chdir(scratch_dir()) || !freopen(err_file, "a", stderr))
			_exit(127);
		execl(air_bin(), "crieur", "air", station_file, (char *)NULL);
		_exit(127);
	}
	running = pid;
	return pid;
}

/* Wait until the as-run log holds n lines (timeout seconds at most). */
static int wait_lines(int n, double timeout)
{
	struct asrun_line l[64];
	double t0 = mono_s();
	int got;

	while ((got = asrun_lines(l, 64)) < n && mono_s() - t0 < timeout)
		usleep(50000);
	return got;
}

/* Wait until text shows in the file (timeout seconds at most). */
static int wait_text(const char *file, const char *text, double timeout)
{
	char buf[65536];
	double t0 = mono_s();

	do {
		slurp(file, buf, sizeof(buf));
		if (strstr(buf, text))
			return 1;
		usleep(20000);
	} while (mono_s() - t0 < timeout);
	return 0;
}

static void stop_air(pid_t pid, int want)
{
	int st;

	kill(pid, SIGTERM);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	running = -1;
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), want);
}

/* ---- the tests ---------------------------------------------------- */

/* Bad input: a clear error at start, naming the file and line; nothing
 * airs (no as-run log). */
static void bad_input(void **state)
{
	static const struct { const char *slots, *want; } cases[] = {
		{ "  - { name: n, at: '0 * * * *', bulletin: missing.yaml }\n",
		  "e.yaml:8:43: slot 1: bulletin: cannot open 'missing.yaml': No "
		  "such file or directory" },
		{ "  - { name: n, at: '61 * * * *', bulletin: b.yaml }\n",
		  "e.yaml:8:21: slot 1: at: minute 61 is out of range (0-59)" },
		{ "  - { name: n, at: '0 * * * *', bulletin: nofile.yaml }\n",
		  "e.yaml:8:43: slot 1: bulletin: cannot open 'nofile.yaml'" },
	};
	struct run_result r;

	fresh();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		station("e.yaml", cases[i].slots);
		run(&r, "cd %s && %s air e.yaml", scratch_dir(), air_bin());
		assert_int_equal(r.status, 1);
		if (!strstr(r.err, cases[i].want))
			fail_msg("got '%s', want '%s'", r.err, cases[i].want);
	}
	/* an unknown device, an unwritable state directory, an inbox whose
	 * archive cannot be made: refused before anything airs */
	script("e.yaml", "state: state\noutputs:\n  - device: nosuchdevice\nslots:\n"
	    "  - { name: n, at: '0 * * * *', bulletin: b.yaml }\n");
	run(&r, "cd %s && %s air e.yaml", scratch_dir(), air_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "e.yaml:3:5: outputs: no audio output "
				      "device matches 'nosuchdevice'"));
	script("e.yaml", "state: /proc/crieur-e2e\noutputs:\n  - folder: drop\n"
	    "slots:\n  - { name: n, at: '0 * * * *', bulletin: b.yaml }\n");
	run(&r, "cd %s && %s air e.yaml", scratch_dir(), air_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "e.yaml:1:8: state directory "
				      "'/proc/crieur-e2e' cannot be written"));
	script("e.yaml", "state: state\noutputs:\n  - folder: drop\nslots:\n"
	    "  - { name: n, at: '0 * * * *', bulletin: b.yaml }\n");
	script("inbox/archive", "a file where the archive should be\n");
	run(&r, "cd %s && %s air e.yaml", scratch_dir(), air_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "e.yaml:5:43: slot 'n': bulletin "
				      "'b.yaml': inbox: 'inbox/archive' is not "
				      "a directory"));
	assert_false(file_exists(scratch("state/asrun.jsonl")));
	unlink(scratch("inbox/archive"));
	run(&r, "cd %s && %s air --check e.yaml", scratch_dir(), air_bin());
	assert_int_equal(r.status, 0);
}

/* --next on the nights the clocks change (Europe/Paris). */
static void next_dst(void **state)
{
	struct run_result r;

	fresh();
	station("n.yaml", "  - { name: half, at: '30 * * * *', bulletin: b.yaml }\n");
	run(&r, "cd %s && %s air --next 3 --from 2026-03-29T01:00 n.yaml",
	    scratch_dir(), air_bin());
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "2026-03-29T01:30:00+01:00 half\n"
			    "2026-03-29T03:30:00+02:00 half\n"
			    "2026-03-29T04:30:00+02:00 half\n");
	run(&r, "cd %s && %s air --next 3 --from 2026-10-25T01:00 n.yaml",
	    scratch_dir(), air_bin());
	assert_string_equal(r.out, "2026-10-25T01:30:00+02:00 half\n"
			    "2026-10-25T02:30:00+02:00 half\n"
			    "2026-10-25T03:30:00+01:00 half\n");
	run(&r, "cd %s && %s air --next 2 --from 2026-10-25T00:00Z n.yaml",
	    scratch_dir(), air_bin());
	assert_string_equal(r.out, "2026-10-25T02:30:00+02:00 half\n"
			    "2026-10-25T03:30:00+01:00 half\n");
}

/* RMS (dB) of n frames of mono audio from frame `from`. */
static double rms_db(const struct audio *a, long from, long n)
{
	return audio_rms_db(a, from, n);
}

/* The first frame above 0.01 (channel 0), or -1. */
static long first_sound(const struct audio *a)
{
	for (long f = 0; f < a->frames; f++)
		if (fabsf(a->data[f * a->channels]) > 0.01f)
			return f;
	return -1;
}

/* Slots every 4 s with inbox statements fed while running; what the
 * device played is what was rendered; SIGHUP with a broken, then a good
 * station file; SIGTERM ends it with 143. */
static void airs_inbox_reload(void **state)
{
	struct asrun_line l[64];
	struct run_result r;
	struct audio cap, ren;
	char err[128], path[256];
	pid_t pid, rec;
	int n, st;

	fresh();
	snprintf(err, sizeof(err), "%s", scratch("air1.err"));
	drop("one.txt", "Titre un\nPremier.\n", 30);
	station("s.yaml", "  - name: flash\n    at: '*/5 * * * * *'\n"
		"    bulletin: b.yaml\n    prepare: 3\n    fallback: fallback.wav\n");
	rec = fork();
	if (rec == 0) {
		freopen(scratch("onsets.txt"), "w", stdout);
		execl(onset_bin(), "jack_onset", "-s", "9", "-o", scratch("cap.wav"),
		      (char *)NULL);
		_exit(127);
	}
	pid = air_start("s.yaml", err);
	assert_true(wait_text(err, "one.txt: current", 10));
	/* while running: a bad file, a duplicate, a half-written one */
	script("inbox/bad.txt", "Titre\nab\xC3(\n");
	script("inbox/.half.txt.part", "Titre\nEn cours d'");
	drop("same.txt", "Titre un\nPremier.\n", 30);
	drop("two.txt", "Titre deux\nSecond.\n", 20);
	assert_true(wait_text(err, "bad.txt: quarantined", 10));
	assert_true(wait_text(err, "same.txt: a duplicate", 10));
	assert_true(wait_text(err, "two.txt: current", 10));
	assert_true(wait_lines(2, 20) >= 2);
	assert_int_equal(waitpid(rec, &st, 0), rec);

	/* a broken station file is refused, the running one kept */
	script("s.yaml", "station: e2e\noutputs:\n  - device: system\nslotz: []\n");
	kill(pid, SIGHUP);
	assert_true(wait_text(err, "reload: s.yaml:4:1: unknown key 'slotz' (did "
			      "you mean 'slots'?) (the running station is kept)",
			      10));
	n = wait_lines(3, 20);
	assert_true(n >= 3);
	/* a good one: its new slot airs */
	station("s.yaml", "  - name: other\n    at: '*/5 * * * * *'\n"
		"    bulletin: b.yaml\n    prepare: 3\n");
	kill(pid, SIGHUP);
	assert_true(wait_text(err, "reload: 's.yaml', 1 slot", 10));
	assert_true(wait_text(scratch("state/asrun.jsonl"), "\"slot\":\"other\"",
			      20));
	stop_air(pid, 143);

	n = asrun_lines(l, 64);
	for (int i = 0; i < n; i++) {
		if (i)
			assert_true(diff_s(l[i].scheduled, l[i - 1].scheduled) > 4.5);
		if (!strcmp(l[i].outcome, "interrupted"))
			continue;
		/* crieur's own account (a loaded machine may start one late,
		 * or render one too late: its fallback airs on time);
		 * tests/bench/air.sh measures the accuracy */
		if (strcmp(l[i].outcome, "late") &&
		    strcmp(l[i].outcome, "fallback"))   /* a slow render */
			assert_string_equal(l[i].outcome, "aired");
		assert_true(fabs(diff_s(l[i].started, l[i].scheduled)) < 1.0);
	}
	/* the newest current statement airs; bad ones and duplicates never */
	slurp(scratch("state/asrun.jsonl"), r.out, sizeof(r.out));
	assert_non_null(strstr(r.out, "{\"title\":\"Titre deux\",\"file\":"
			       "\"inbox/current/two.txt\"}"));
	assert_null(strstr(r.out, "bad.txt"));
	assert_null(strstr(r.out, "same.txt"));
	assert_true(file_exists(scratch("inbox/quarantine/bad.txt.error")));
	slurp(scratch("inbox/quarantine/bad.txt.error"), r.out, sizeof(r.out));
	assert_non_null(strstr(r.out, "invalid UTF-8 at byte"));
	assert_true(file_exists(scratch("inbox/.half.txt.part")));
	run(&r, "ls %s/inbox/archive/*/same.txt", scratch_dir());
	assert_int_equal(r.status, 0);
	run(&r, "jack_lsp | grep -c PortAudio");
	assert_int_equal(atoi(r.out), 0);

	/* what the device played first (its first second): the first slot's bulletin (or its
	 * fallback, when it was not rendered in time), from its start */
	if (!strcmp(l[0].outcome, "fallback") ||   /* or cut by the next */
	    strstr(l[0].text, "not ready in time"))
		snprintf(path, sizeof(path), "%s", scratch("fallback.wav"));
	else
		snprintf(path, sizeof(path), "%s/drop/flash-%lld.mp3", scratch_dir(),
			 iso_epoch(l[0].scheduled));
	audio_load(&ren, path);
	audio_load(&cap, scratch("cap.wav"));
	{
		long a = first_sound(&cap), b = first_sound(&ren);
		double played = a >= 0 ? rms_db(&cap, a, cap.rate) : -200;
		double rendered = b >= 0 ? rms_db(&ren, b, ren.rate) : -200;

		audio_release(&cap);
		audio_release(&ren);
		print_message("first second: played %.1f dB, rendered "
			      "%.1f dB\n", played, rendered);
		assert_true(a >= 0 && b >= 0);
		assert_true(fabs(played - rendered) < 1.5);
	}
	(void)path;
}

/* kill -9 while preparing, while on air and between slots, then a
 * restart: every slot is logged once (aired, late, interrupted or
 * missed), none twice, none lost; a file claimed when it died returns to
 * the inbox. */
static void kill9_restarts(void **state)
{
	struct asrun_line l[128];
	char err[128];
	pid_t pid;
	int n, st;

	fresh();
	snprintf(err, sizeof(err), "%s", scratch("air2.err"));
	drop("one.txt", "Un\nDeux.\n", 30);
	script("kb.yaml", "intro: tone.wav\ntalkup: 0\ngap: 0.2\nitems:\n"
	    "  - inbox: inbox\n    max: 1\n");
	station("k.yaml", "  - name: flash\n    at: '*/4 * * * * *'\n"
		"    bulletin: kb.yaml\n    prepare: 3\n    late: 2\n");
	/* while preparing */
	pid = air_start("k.yaml", err);
	assert_true(wait_text(err, "preparing", 15));
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	/* a file claimed when it died */
	script("inbox/.processing/lost.txt", "Perdu\nRetrouvé.\n");
	/* while on air */
	pid = air_start("k.yaml", err);
	for (int i = 0; i < 300 && !file_exists(scratch("state/onair")); i++)
		usleep(20000);
	assert_true(file_exists(scratch("state/onair")));
	usleep(2500000);   /* opened 2 s ahead: now it plays */
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	assert_true(wait_text(err, "lost.txt: returned to the inbox", 1));
	/* between slots: right after a line is logged */
	pid = air_start("k.yaml", err);
	assert_true(wait_text(err, "logged interrupted", 10));
	n = asrun_lines(l, 128);
	assert_true(wait_lines(n + 1, 15) > n);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	sleep(9);   /* slots pass while it is down: beyond late: missed */
	n = asrun_lines(l, 128);
	pid = air_start("k.yaml", err);
	assert_true(wait_lines(n + 3, 15) >= n + 3);
	stop_air(pid, 143);

	n = asrun_lines(l, 128);
	assert_true(n >= 5);
	{
		int interrupted = 0, missed = 0;

		for (int i = 0; i < n; i++) {
			if (i) {   /* every 4 s: none twice, none lost */
				double d = diff_s(l[i].scheduled, l[i - 1].scheduled);
				if (fabs(d - 4) > 0.01)
					fail_msg("line %d: %s after %s", i + 1,
						 l[i].scheduled, l[i - 1].scheduled);
			}
			interrupted += !strcmp(l[i].outcome, "interrupted");
			missed += !strcmp(l[i].outcome, "missed");
		}
		assert_true(interrupted >= 1);
		assert_true(missed >= 1);
		slurp(scratch("state/asrun.jsonl"), l[0].text, sizeof(l[0].text));
		assert_non_null(strstr(l[0].text, "crieur stopped while this "
				       "slot was on air"));
	}
	assert_true(file_exists(scratch("inbox/current/lost.txt")));
	assert_false(file_exists(scratch("state/onair")));
}

/* A hard start that cuts a bulletin still on air: the bulletin before
 * it fades out, and the slot's first frame reaches the device at its
 * second, measured by tests/tools/jack_onset (a JACK client of our own,
 * the device's clock), not by crieur's log.  Under load a start may be
 * late (crieur logs it late, and that is checked too); at least one cut
 * must start on time, which a start that waits for the cut bulletin to
 * close (0.3 s and more) never does.  tests/bench/air.sh measures the
 * accuracy. */
static void hard_start_cuts_on_time(void **state)
{
	struct asrun_line l[64];
	double onsets[128];
	char err[128], buf[16384], *p;
	pid_t pid, rec;
	int n, no = 0, cuts = 0, on_time = 0, st;

	fresh();
	snprintf(err, sizeof(err), "%s", scratch("air3.err"));
	script("long.yaml", "talkup: 0\nitems:\n  - text: Le conseil municipal "
		"a longuement débattu du budget de la commune, des écoles, des "
		"routes, de la piscine et de la bibliothèque, puis il a voté "
		"chaque ligne une à une, jusque tard dans la soirée, devant un "
		"public nombreux et attentif.\n");
	script("cut.yaml", "intro: tone.wav\ntalkup: 0\nitems:\n"
		"  - text: Flash.\n");
	station("h.yaml", "  - name: long\n    at: '0/12 * * * * *'\n"
		"    bulletin: long.yaml\n    prepare: 6\n"
		"  - name: cut\n    at: '7/12 * * * * *'\n"
		"    bulletin: cut.yaml\n    prepare: 4\n    start: hard\n");
	rec = fork();
	if (rec == 0) {
		freopen(scratch("onsets3.txt"), "w", stdout);
		execl(onset_bin(), "jack_onset", "-s", "55", (char *)NULL);
		_exit(127);
	}
	pid = air_start("h.yaml", err);
	assert_int_equal(waitpid(rec, &st, 0), rec);
	stop_air(pid, 143);

	slurp(scratch("onsets3.txt"), buf, sizeof(buf));
	for (p = buf; (p = strstr(p, "onset ")) && no < 128; p += 6)
		onsets[no++] = atof(p + 6);
	assert_true(no > 0);
	n = asrun_lines(l, 64);
	for (int i = 1; i < n; i++) {
		double sched = (double)iso_epoch(l[i].scheduled), best = 99;

		if (strcmp(l[i].slot, "cut") || strcmp(l[i - 1].slot, "long") ||
		    strcmp(l[i - 1].outcome, "interrupted") ||
		    sched < onsets[0] || sched > onsets[no - 1] + 1)
			continue;   /* not a cut, or not recorded */
		if (i == n - 1 && !strcmp(l[i].outcome, "interrupted"))
			continue;   /* on air when the test stopped crieur */
		for (int k = 0; k < no; k++)
			if (fabs(onsets[k] - sched) < fabs(best))
				best = onsets[k] - sched;
		print_message("cut at %s: %s, onset %+.1f ms\n", l[i].scheduled,
			      l[i].outcome, best * 1000);
		cuts++;
		if (!strcmp(l[i].outcome, "aired")) {
			/* crieur says on time: the device agrees */
			assert_true(fabs(best) < 0.25);
			on_time++;
		} else {
			assert_string_equal(l[i].outcome, "late");
			assert_true(best > 0.05);
		}
	}
	assert_true(cuts >= 1);
	assert_true(on_time >= 1);
	assert_true(wait_text(err, "cutting 'long' for a hard start", 1));
}

/* Whether one of the n frames at[] where the device overran lies in
 * [from, to]. */
static int overran(const long *at, int n, long from, long to)
{
	for (int i = 0; i < n; i++)
		if (at[i] >= from && at[i] <= to)
			return 1;
	return 0;
}

/* A backtimed slot (duration:): the bulletin is fitted to the slot and
 * ends at the slot's second plus its duration.  The rendered file (the
 * folder's copy, decoded by ffmpeg, which drops the encoder's delay) is
 * the slot's length and ends on its outro tone.  At the device
 * (tests/tools/jack_onset, by the device's clock and frame count): its
 * first sound starts at its second (within a loaded machine's bound;
 * the bench, tests/bench/air.sh, measures the accuracy) and the end of
 * the tone comes exactly the file's frames later, nothing dropped or
 * inserted, so the bulletin ends when the slot does; or, where JACK
 * reported xruns meanwhile (a machine loaded by other work, under the
 * sanitizers: three 256-frame periods went missing once, -769 frames),
 * a whole number of the device's periods off, dropped or repeated by
 * JACK, not by crieur. */
static void backtimed_ends_on_time(void **state)
{
	struct asrun_line l[16];
	struct { double t; long f; int off; } ev[128];
	long over[64];
	char err[128], buf[16384], path[512], *p;
	pid_t pid, rec;
	long period = 0, captured = 0;
	int n, ne = 0, no = 0, checked = 0, st, jrate = 0;

	fresh();
	snprintf(err, sizeof(err), "%s", scratch("air5.err"));
	script("bt.yaml", "outro: tone.wav\ntalkup: 0\nitems:\n"
		"  - text: Le conseil municipal a voté le budget de la commune.\n"
		"  - text: Il fera beau demain sur toute la région.\n");
	station("bt-station.yaml", "  - name: bt\n    at: '0/20 * * * * *'\n"
		"    bulletin: bt.yaml\n    duration: 10\n    prepare: 8\n");
	rec = fork();
	if (rec == 0) {
		freopen(scratch("onsets5.txt"), "w", stdout);
		execl(onset_bin(), "jack_onset", "-s", "44", (char *)NULL);
		_exit(127);
	}
	pid = air_start("bt-station.yaml", err);
	assert_int_equal(waitpid(rec, &st, 0), rec);
	stop_air(pid, 143);

	slurp(scratch("onsets5.txt"), buf, sizeof(buf));
	for (p = buf; *p && ne < 128; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "") {
		if (sscanf(p, "onset %lf %ld", &ev[ne].t, &ev[ne].f) == 2)
			ev[ne++].off = 0;
		else if (sscanf(p, "offset %lf %ld", &ev[ne].t, &ev[ne].f) == 2)
			ev[ne++].off = 1;
		else if (no < 64 && sscanf(p, "xrun %ld", &over[no]) == 1)
			no++;
		else if (strstr(p, "rate ") && strstr(p, "cycles of ")) {
			jrate = atoi(strstr(p, "rate ") + 5);
			period = atol(strstr(p, "cycles of ") + 10);
			captured = atol(strstr(p, "frames, ") + 8) * period;
		}
	}
	assert_true(jrate > 0);
	n = asrun_lines(l, 16);
	for (int i = 0; i < n; i++) {
		struct run_result r;
		struct audio a;
		long long sched = iso_epoch(l[i].scheduled);
		double first = -1, last = -1, start = 99, end = 99;
		long want, got = -1;
		int k0 = -1;

		if (strcmp(l[i].outcome, "aired"))
			continue;   /* late (prepared too close to its time) */
		run(&r, "cd %s && ffmpeg -nostdin -loglevel error -y -i "
		    "drop/bt-%lld.mp3 -c:a pcm_s16le bt-%lld.wav", scratch_dir(),
		    sched, sched);
		assert_int_equal(r.status, 0);
		snprintf(path, sizeof(path), "%s/bt-%lld.wav", scratch_dir(), sched);
		audio_load(&a, path);
		for (long f = 0; f < a.frames && first < 0; f++)
			if (fabsf(a.data[f * a.channels]) > 0.01f)
				first = (double)f / a.rate;
		for (long f = a.frames - 1; f >= 0 && last < 0; f--)
			if (fabsf(a.data[f * a.channels]) > 0.01f)
				last = (double)(f + 1) / a.rate;
		print_message("slot %s: file %.3f s, sound from %.3f to %.3f s\n",
			      l[i].scheduled, audio_seconds(&a), first, last);
		assert_true(fabs(audio_seconds(&a) - 10.0) < 0.03);
		assert_true(last > 9.5);   /* the outro ends the slot */
		audio_release(&a);
		for (int k = 0; k < ne; k++)
			if (!ev[k].off &&
			    fabs(ev[k].t - sched - first) < fabs(start)) {
				start = ev[k].t - sched - first;
				k0 = k;
			}
		if (k0 < 0 || fabs(start) > 1.5)
			continue;   /* not recorded */
		want = ev[k0].f + lround((last - first) * jrate);
		if (want + 3 * jrate / 10 > captured) {
			/* the recording stopped before the tone's end and
			 * the 0.3 s of quiet that mark it: the slot went on
			 * past the recorder's 44 s (the clock's phase at the
			 * start decides whether the second slot does) */
			print_message("  at the device: its end not recorded\n");
			continue;
		}
		for (int k = k0 + 1; k < ne; k++)
			if (ev[k].off && labs(ev[k].f - want) < labs(got - want)) {
				got = ev[k].f;
				end = ev[k].t - sched - last;
			}
		print_message("  at the device: first sound %+.1f ms, end of the "
			      "tone %+ld frames from the file's, %+.1f ms from "
			      "the slot's end\n", start * 1000, got - want,
			      end * 1000);
		assert_true(fabs(start) < 0.25);
		if (period > 0 && overran(over, no, ev[k0].f, got) &&
		    labs(got - want) > jrate / 500) {
			long k = lround((double)(got - want) / (double)period);

			print_message("  JACK reported xruns meanwhile: %+ld "
				      "periods of %ld frames\n", k, period);
			want += k * period;
		}
		assert_true(labs(got - want) <= jrate / 500);   /* 2 ms */
		checked++;
	}
	assert_true(checked >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_input),
		cmocka_unit_test(next_dst),
		cmocka_unit_test(airs_inbox_reload),
		cmocka_unit_test(kill9_restarts),
		cmocka_unit_test(hard_start_cuts_on_time),
		cmocka_unit_test(backtimed_ends_on_time),
	};

	if (getenv("TEST_FILTER"))   /* a pattern: TEST_FILTER=backtimed* */
		cmocka_set_test_filter(getenv("TEST_FILTER"));
	return e2e_done(cmocka_run_group_tests_name("e2e_air", tests, jack_up,
						    jack_down));
}
