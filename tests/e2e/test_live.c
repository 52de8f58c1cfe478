/* test_live.c - live playback on a device that runs in real time: jackd2's
 * dummy back end, started here under a server name of our own.  Timing
 * bounds are generous (a loaded 2-core machine); tests/bench/live.sh
 * reports the precise figures.  Content is checked through the ALSA file
 * plugin, as in test_say.c. */
#define _GNU_SOURCE
#include "e2e.h"

#include <signal.h>
#include <time.h>

static pid_t jackd_pid;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Start `jackd -d dummy -r 22050 -p 256` and wait until it answers. */
static int jack_up(void **state)
{
	jackd_pid = jackd_start("e2e");
	return jackd_pid > 0 ? 0 : -1;
}

static int jack_down(void **state)
{
	jackd_stop(jackd_pid);
	return 0;
}

/* The number after "name: " in text, or -1. */
static double stat_value(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? atof(p + strlen(name)) : -1;
}

/* Lines spaced in time: each is heard within bounds, no underrun. */
static void lines_first_audio(void **state)
{
	struct run_result r;
	double t0 = now_ms(), elapsed;

	run(&r, "(for i in 1 2 3 4 5; do echo \"Ligne numéro $i.\"; sleep 1; done) "
	    "| %s say --lines --stats --device system", crieur_bin());
	elapsed = now_ms() - t0;
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "lines: 5\n"));
	assert_true(stat_value(r.err, "first audio: ") >= 0);
	/* latency itself is measured by tests/bench/live.sh; here only that
	 * each line is heard before the next one arrives (1 s later) */
	assert_true(stat_value(r.err, "first audio: ") < 800);
	assert_true(stat_value(r.err, "underruns: ") >= 0);
	assert_true(stat_value(r.err, "underruns: ") <= 2);
	/* the last line ends shortly after its arrival: played in real time */
	assert_true(elapsed > 4900 && elapsed < 9000);
}

/* Each new line cuts the one being spoken, promptly. */
static void interrupt_cuts(void **state)
{
	struct run_result r;
	double t0 = now_ms(), elapsed;

	run(&r, "(echo 'Une longue phrase qui ne sera jamais finie, car une autre "
	    "ligne arrive et la coupe net, comme un lecteur d écran.'; sleep 0.8; "
	    "echo 'Une deuxième phrase, aussi longue, coupée elle aussi avant "
	    "sa fin par la suivante.'; sleep 0.8; echo 'Fin.') "
	    "| %s say --lines --interrupt --stats --device system", crieur_bin());
	elapsed = now_ms() - t0;
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "interrupts: 2, longest "));
	/* a cut takes well under the 0.8 s between lines (its latency is
	 * measured by tests/bench/live.sh, not here) */
	assert_true(stat_value(r.err, "interrupts: 2, longest ") < 600);
	/* uncut, the two long lines alone would last well over 6 s */
	assert_true(elapsed < 4000);
}

/* A signal fades out at once and exits with 130/143, leaving no client
 * on the JACK server. */
/* Wait until a crieur client plays on JACK (10 s at most), then 0.3 s
 * more: not a fixed delay, which a loaded machine may outlast (the
 * process would not have set its signal handlers yet). */
static void wait_until_playing(void)
{
	struct run_result r;

	for (int i = 0; i < 100; i++) {
		usleep(100000);
		run(&r, "jack_lsp | grep -c PortAudio");
		if (atoi(r.out) >= 1)
			break;
	}
	assert_true(atoi(r.out) >= 1);
	usleep(300000);
}

static void signal_stops(int sig, int code)
{
	struct run_result r;
	char log[128];
	pid_t pid;
	int st;
	double t0;

	snprintf(log, sizeof(log), "%s", scratch("sig.err"));
	pid = fork();
	if (pid == 0) {
		freopen(log, "w", stderr);
		execl(crieur_bin(), "crieur", "say", "--stats", "--device", "system",
		      "Une phrase très longue, qui continue encore et encore, pour "
		      "être sûr que la parole est en cours quand le signal arrive.",
		      (char *)NULL);
		_exit(127);
	}
	wait_until_playing();
	t0 = now_ms();
	kill(pid, sig);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(now_ms() - t0 < 3000);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), code);
	slurp(log, r.err, sizeof(r.err));
	assert_true(stat_value(r.err, "stop: ") >= 0);
	assert_true(stat_value(r.err, "stop: ") < 600);   /* bench: live.sh */
	assert_int_equal(kill(pid, 0), -1);
	run(&r, "jack_lsp | grep -c PortAudio");
	assert_int_equal(atoi(r.out), 0);
}

/* A short bulletin plays to its end in real time; the sample one starts
 * at once and stops on SIGINT. */
static void play_bulletin_live(void **state)
{
	struct run_result r;
	struct audio a;
	double t0, elapsed;
	pid_t pid;
	int st;

	run(&r, "printf '%%s\n' 'intro: %s/samples/jingles/intro.wav' "
	    "'outro: %s/samples/jingles/outro.wav' 'sting: %s/samples/jingles/sting.flac' "
	    "'bed: { file: %s/samples/jingles/bed.flac }' 'output: { channels: 2 }' "
	    "'items:' '  - text: Premier titre.' '  - text: Second titre.' > %s",
	    getenv("PWD"), getenv("PWD"), getenv("PWD"), getenv("PWD"),
	    scratch("short.yaml"));
	run(&r, "%s build -q %s -o %s", crieur_bin(), scratch("short.yaml"),
	    scratch("short.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("short.wav"));
	t0 = now_ms();
	run(&r, "%s play --stats --device system %s", crieur_bin(), scratch("short.yaml"));
	elapsed = now_ms() - t0;
	assert_int_equal(r.status, 0);
	print_message("short bulletin: %.2f s rendered, %.2f s live; %s",
		      audio_seconds(&a), elapsed / 1000, r.err);
	/* Paced by the device: never faster than the audio; slower only by
	 * the start (setup, calibration: slow under sanitizers on a loaded
	 * machine, measured by crieur and subtracted) and the device's
	 * drain.  Stalls show as underruns. */
	assert_true(elapsed / 1000 > audio_seconds(&a) - 0.5);
	assert_true(stat_value(r.err, "start: ") >= 0);
	assert_true((elapsed - stat_value(r.err, "start: ")) / 1000 <
		    audio_seconds(&a) + 4);
	assert_true(stat_value(r.err, "underruns: ") <= 2);
	audio_release(&a);

	pid = fork();
	if (pid == 0) {
		freopen(scratch("play.err"), "w", stderr);
		execl(crieur_bin(), "crieur", "play", "--stats", "--device", "system",
		      "samples/bulletin.yaml", (char *)NULL);
		_exit(127);
	}
	wait_until_playing();
	kill(pid, SIGINT);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 130);
	slurp(scratch("play.err"), r.err, sizeof(r.err));
	print_message("sample bulletin: %s", r.err);
	assert_true(stat_value(r.err, "start: ") >= 0);
	assert_true(stat_value(r.err, "start: ") < 3000);  /* bench: live.sh */
	run(&r, "jack_lsp | grep -c PortAudio");
	assert_int_equal(atoi(r.out), 0);
}

static void sigint_stops(void **state) { signal_stops(SIGINT, 130); }
static void sigterm_stops(void **state) { signal_stops(SIGTERM, 143); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_first_audio),
		cmocka_unit_test(interrupt_cuts),
		cmocka_unit_test(sigint_stops),
		cmocka_unit_test(sigterm_stops),
		cmocka_unit_test(play_bulletin_live),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_live", tests, jack_up,
						    jack_down));
}
