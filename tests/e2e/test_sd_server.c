/* test_sd_server.c - sd_crieur under the real Debian speech-dispatcher.
 *
 * The test starts a private server (its own configuration directory,
 * socket, log and pid file; `-s` single mode with an idle timeout; never
 * the user's session daemon), with sd_crieur as its default module and
 * its audio going to ALSA, captured through the ALSA file plugin over the
 * null device (as test_say.c does).  spd-say then talks to it through
 * SPEECHD_ADDRESS:
 *   - `spd-say -w -o crieur -l fr TEXT` plays exactly what `crieur say
 *     TEXT` plays (the server's ALSA output scales every sample by
 *     (85 + 100) / 200, truncating: output.c, alsa.c);
 *   - `spd-say -L` lists crieur's voices;
 *   - `spd-say -C` cancels a long message: the audio stops, the module
 *     speaks again right after. */
#include "e2e.h"

#include <fcntl.h>
#include <signal.h>
#include <time.h>

#define TEXT "Le 20/11 à 14h30, la KFOR…"

static pid_t server = -1;

static const char *module_bin(void)
{
	static char abs[4096];
	const char *b = getenv("SD_CRIEUR");

	if (!realpath(b && *b ? b : "build/sd_crieur", abs))
		fail_msg("no sd_crieur binary");
	return abs;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* An ALSA configuration whose default device writes what it plays to
 * dir/captured.wav (rewritten each time the device opens). */
static void write_asound(const char *dir)
{
	char file[512];

	snprintf(file, sizeof(file), "%s/captured.wav", dir);
	alsa_capture_conf(dir, file, "wav");
}

/* The first channel's 16-bit samples of a WAV the file plugin writes (its
 * header's lengths may still be 0), or raw mono from byte from (from >= 0),
 * without the runs of 32 zero samples
 * or more: silence the null device adds when it runs dry (it is not
 * paced), and eSpeak NG's pauses alike.  *n: the count. */
static short *capture_load(const char *path, long from, long *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char h[44];
	short *out = NULL, s[2];
	long cap = 64, zeros = 0;
	int ch = 1;

	*n = 0;
	if (!f)
		return NULL;
	if (from < 0) {   /* a WAV file */
		if (fread(h, 1, 44, f) != 44 || memcmp(h + 36, "data", 4)) {
			fclose(f);
			return NULL;
		}
		ch = h[22];
	} else {
		fseek(f, from, SEEK_SET);
	}
	out = malloc(sizeof(short) * (size_t)cap);
	while (fread(s, sizeof(short), (size_t)ch, f) == (size_t)ch) {
		if (*n + 40 >= cap)
			out = realloc(out, sizeof(short) * (size_t)(cap *= 2));
		if (!s[0]) {
			zeros++;
			continue;
		}
		if (zeros && zeros < 32)   /* a short run belongs to the speech */
			for (; zeros; zeros--)
				out[(*n)++] = 0;
		zeros = 0;
		out[(*n)++] = s[0];
	}
	fclose(f);
	return out;
}

/* Bytes in a file, -1 when absent. */
static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long)st.st_size;
}

/* For the server: every message played is appended, raw (mono 16-bit:
 * the server opens the device for the module's mono tracks), to
 * dir/played.raw, so the capture keeps them all. */
static void write_asound_append(const char *dir)
{
	char file[512], pipe_to[600];
	FILE *f;

	snprintf(file, sizeof(file), "%s/played.raw", dir);
	snprintf(pipe_to, sizeof(pipe_to), "|cat >> %s", file);
	alsa_capture_conf(dir, pipe_to, "raw");
	if (!(f = fopen(file, "w")))
		fail_msg("cannot create %s", file);
	fclose(f);
}

/* Start the private server; wait (10 s at most) for its socket. */
static void server_start(void)
{
	const char *dir = scratch("srv");
	struct run_result r;
	char conf[512], sock[512], log[512], pid[512], alsa[512];
	double until;

	write_asound_append(scratch("srv/cap"));
	run(&r, "mkdir -p %s/conf/modules %s/log %s/home && printf '%%s\\n' "
	    "'AudioOutputMethod \"alsa\"' 'AudioALSADevice \"default\"' "
	    "'AddModule \"crieur\" \"%s\" \"crieur.conf\"' 'DefaultModule \"crieur\"' "
	    "'DefaultLanguage \"fr\"' > %s/conf/speechd.conf && "
	    "printf 'CrieurDefaultVoice \"fr-anchor\"\\nCrieurLogLevel 3\\n' > "
	    "%s/conf/modules/crieur.conf", dir, dir, dir, module_bin(), dir, dir);
	assert_int_equal(r.status, 0);
	snprintf(conf, sizeof(conf), "%s/conf", dir);
	snprintf(sock, sizeof(sock), "%s/sock", dir);
	snprintf(log, sizeof(log), "%s/log", dir);
	snprintf(pid, sizeof(pid), "%s/pid", dir);
	snprintf(alsa, sizeof(alsa), "%s/srv/cap/asound.conf", scratch_dir());
	server = fork();
	assert_true(server >= 0);
	if (!server) {
		int null = open("/dev/null", O_RDWR);
		setenv("ALSA_CONFIG_PATH", alsa, 1);
		setenv("HOME", scratch("srv/home"), 1);
		setenv("XDG_RUNTIME_DIR", scratch("srv/home"), 1);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execlp("speech-dispatcher", "speech-dispatcher", "-s", "-t", "120",
		       "-C", conf, "-S", sock, "-c", "unix_socket", "-L", log,
		       "-P", pid, "-l", "3", (char *)NULL);
		_exit(127);
	}
	for (until = now_s() + 10; file_size(sock) < 0 && now_s() < until;)
		usleep(20000);
	assert_true(file_size(sock) >= 0);
}

/* spd-say with the private server's address and home. */
static void spd_say(struct run_result *r, const char *args)
{
	run(r, "SPEECHD_ADDRESS=unix_socket:%s/srv/sock HOME=%s XDG_RUNTIME_DIR=%s "
	    "timeout 120 spd-say %s", scratch_dir(), scratch("srv/home"),
	    scratch("srv/home"), args);
}

/* Wait until path stops growing (stable for 0.5 s, 15 s at most). */
static long wait_stable(const char *path)
{
	long last = -2, size;
	double since = now_s(), until = now_s() + 15;

	while (now_s() < until) {
		size = file_size(path);
		if (size != last) {
			last = size;
			since = now_s();
		} else if (now_s() - since > 0.5) {
			break;
		}
		usleep(20000);
	}
	return last;
}

static void spd_say_plays_what_crieur_say_plays(void **state)
{
	struct run_result r;
	char cap[512];
	short *heard, *said;
	long nh, ns, before;
	double like, gain;

	snprintf(cap, sizeof(cap), "%s", scratch("srv/cap/played.raw"));
	before = wait_stable(cap);

	spd_say(&r, "-w -o crieur -l fr '" TEXT "'");
	assert_int_equal(r.status, 0);
	wait_stable(cap);
	heard = capture_load(cap, before, &nh);
	/* the same text through crieur say, captured the same way */
	write_asound(scratch("say"));
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s say '" TEXT "'", scratch("say"),
	    crieur_bin());
	assert_int_equal(r.status, 0);
	said = capture_load(scratch("say/captured.wav"), -1, &ns);
	assert_true(ns > 22050);   /* a second of speech at least */
	/* the same length (to 1%), the same shape, the server's gain */
	like = pcm_likeness(heard, nh, said, ns, &gain);
	fprintf(stderr, "spd-say: %ld samples, crieur say: %ld; likeness %.4f, "
		"gain %.3f\n", nh, ns, like, gain);
	assert_true(labs(nh - ns) <= ns / 100);
	assert_true(like > 0.98);
	assert_true(fabs(gain - 0.925) < 0.01);
	free(heard);
	free(said);
}

static void spd_say_lists_crieur_voices(void **state)
{
	struct run_result r;

	spd_say(&r, "-o crieur -L");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "fr-anchor "));
	assert_non_null(strstr(r.out, "fr-be-anchor"));
	assert_non_null(strstr(r.out, "fr-BE"));
	assert_non_null(strstr(r.out, "en-anchor"));
	spd_say(&r, "-O");
	assert_non_null(strstr(r.out, "crieur"));
}

/* Lines of the module's log (the server keeps its stderr) holding what. */
static int log_count(const char *what)
{
	static char text[1 << 20];
	char path[512];
	int count = 0;

	snprintf(path, sizeof(path), "%s/srv/log/crieur.log", scratch_dir());
	slurp(path, text, sizeof(text));
	for (const char *p = text; (p = strstr(p, what)); p++)
		count++;
	return count;
}

/* Wait (at most s seconds) until the log holds n lines holding what. */
static int wait_log(const char *what, int n, double s)
{
	for (double until = now_s() + s; now_s() < until; usleep(10000))
		if (log_count(what) >= n)
			return 1;
	return 0;
}

/* The capture's growth tells how much a message played. */
static void spd_say_cancel_stops_the_audio(void **state)
{
	struct run_result r;
	char cap[512], args[512];
	FILE *f = fopen(scratch("long.txt"), "w");
	long before, after;
	int speaks, firsts;

	snprintf(cap, sizeof(cap), "%s", scratch("srv/cap/played.raw"));
	/* ~20 minutes of speech (53 MB at 22050 Hz): eSpeak NG makes it in
	 * tens of seconds, and the null device plays it as fast */
	for (int i = 0; i < 300; i++)
		fprintf(f, "Voici la phrase numéro %d d'un très long message, "
			"que l'on va interrompre. ", i + 1);
	fclose(f);
	before = wait_stable(cap);
	speaks = log_count("SPEAK: ");
	firsts = log_count("first audio");
	snprintf(args, sizeof(args), "-o crieur -l fr \"$(cat %s)\"", scratch("long.txt"));
	spd_say(&r, args);
	assert_int_equal(r.status, 0);
	/* it plays: the module said so in its log (the server keeps the
	 * module's stderr; the file plugin writes only when the device
	 * closes), 20 s at most */
	assert_true(wait_log("SPEAK: ", speaks + 1, 20));
	assert_true(wait_log("first audio", firsts + 1, 20));
		spd_say(&r, "-C");
	assert_int_equal(r.status, 0);
	assert_true(wait_log("703 STOP after", 1, 20));
	/* the next message waits for the end of the cancelled one */
	spd_say(&r, "-w -o crieur -l fr 'Encore une phrase.'");
	assert_int_equal(r.status, 0);
	after = wait_stable(cap);
	fprintf(stderr, "cancelled message and the next: %.1f s of audio\n",
		(after - before) / 44100.0);
	assert_true(after > before + 44100);   /* "Encore une phrase." at least */
	assert_true(after - before < 44100L * 120);   /* not the 20 minutes */
}

static int teardown(void **state)
{
	struct run_result r;

	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, NULL, 0);
	}
	if (!getenv("CRIEUR_KEEP_SCRATCH"))
		run(&r, "rm -rf %s", scratch_dir());
	return 0;
}

static int setup(void **state)
{
	server_start();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spd_say_plays_what_crieur_say_plays),
		cmocka_unit_test(spd_say_lists_crieur_voices),
		cmocka_unit_test(spd_say_cancel_stops_the_audio),
	};

	if (access("/usr/bin/speech-dispatcher", X_OK) || access("/usr/bin/spd-say", X_OK)) {
		fprintf(stderr, "test_sd_server: speech-dispatcher is not installed "
			"(make deps)\n");
		return 1;
	}
	return e2e_done(cmocka_run_group_tests_name("sd_server", tests, setup,
						    teardown));
}
