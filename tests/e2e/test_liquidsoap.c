/* test_liquidsoap.c - crieur with the real Liquidsoap, both ways:
 * (1) crieur streams into a Liquidsoap input.harbor (the Icecast source
 *     protocol), which writes what it hears with output.file;
 * (2) a Liquidsoap script plays `crieur:` requests (contrib/liquidsoap/
 *     crieur.liq renders them with `crieur build`) to a file.
 * Each recording is decoded and measured. */
#include "icecast.h"

static const char *const text =
	"Bulletin de Liquidsoap.\n"
	"La station diffuse ce bulletin à l'heure pile, entre deux morceaux "
	"de musique, comme chaque jour.";

static const char *text_file(void)
{
	const char *p = scratch("liq.txt");
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

/* Write a Liquidsoap script (logging to stdout; root allowed, as the
 * tests may run as root in a container). */
static const char *liq_script(const char *name, const char *body)
{
	const char *p = scratch(name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fprintf(f, "settings.init.allow_root.set(true)\n"
		"settings.log.stdout.set(true)\nsettings.log.file.set(false)\n%s",
		body);
	fclose(f);
	return p;
}

/* Wait until file contains needle, at most timeout_s; 1 if it does. */
static int log_has(const char *file, const char *needle, double timeout_s)
{
	static char buf[1 << 17];
	double t0 = mono_s();

	do {
		slurp(file, buf, sizeof(buf));
		if (strstr(buf, needle))
			return 1;
		nap_ms(100);
	} while (mono_s() - t0 < timeout_s);
	return 0;
}

/* Seconds of the text as crieur says it (cmd "say") or renders it
 * ("build"). */
static double text_seconds(const char *cmd)
{
	struct run_result r;
	struct audio a;
	double s;

	run(&r, "%s %s %s -o %s", crieur_bin(), cmd, text_file(),
	    scratch("ref.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("ref.wav"));
	s = audio_seconds(&a);
	audio_release(&a);
	return s;
}

static void liquidsoap_harbor_receives(void **state)
{
	char body[1024], cmd[1024];
	struct run_result r;
	struct audio a;
	double len = text_seconds("say -f");
	int port = free_port();
	pid_t liq;

	snprintf(body, sizeof(body),
		 "settings.harbor.bind_addrs.set([\"127.0.0.1\"])\n"
		 "s = input.harbor(\"news.mp3\", port=%d, password=\"%s\", "
		 "buffer=0.5)\n"
		 "output.file(%%wav, \"%s\", fallible=true, s)\n",
		 port, ICE_PASSWORD, scratch("harbor.wav"));
	snprintf(cmd, sizeof(cmd), "liquidsoap %s", liq_script("h.liq", body));
	liq = spawn(scratch("h.log"), cmd);
	assert_true(log_has(scratch("h.log"), "Adding mountpoint", 180));
	run(&r, "%s say -f %s --icecast icecast://127.0.0.1:%d/news.mp3 "
	    "--password-file %s", crieur_bin(), text_file(), port, password_file());
	assert_int_equal(r.status, 0);
	/* the harbor saw the source and its title */
	assert_true(log_has(scratch("h.log"), "Bulletin de Liquidsoap.", 10));
	stop_pid(liq, SIGTERM);   /* output.file closes the WAV */
	audio_load(&a, scratch("harbor.wav"));
	assert_true(audio_seconds(&a) > len * 0.6);
	assert_true(audio_seconds(&a) < len + 3);
	assert_true(audio_rms_db(&a, 0, a.frames) > -35);
	assert_true(audio_voiced_fraction(&a, -45) > 0.6);
	audio_release(&a);
}

static void liquidsoap_crieur_protocol(void **state)
{
	char body[2048], cmd[1024], bin[1024];
	struct audio a;
	double len = text_seconds("build"), lufs, peak;
	pid_t liq;

	assert_non_null(realpath(crieur_bin(), bin));
	snprintf(body, sizeof(body),
		 "%%include \"%s/contrib/liquidsoap/crieur.liq\"\n"
		 "settings.protocol.crieur.path.set(\"%s\")\n"
		 "s = once(single(\"crieur:%s\"))\n"
		 "s = clock(sync=\"none\", s)\n"
		 "output.file(%%wav, \"%s\", fallible=true, on_stop=shutdown, s)\n",
		 getenv("PWD"), bin, text_file(), scratch("proto.wav"));
	snprintf(cmd, sizeof(cmd), "liquidsoap %s", liq_script("p.liq", body));
	liq = spawn(scratch("p.log"), cmd);
	assert_int_equal(wait_pid(liq, 240), 0);
	assert_true(log_has(scratch("p.log"), "Prepared \"/tmp/liq-process", 1));
	audio_load(&a, scratch("proto.wav"));
	/* the whole bulletin, at crieur's podcast loudness */
	assert_true(fabs(audio_seconds(&a) - len) < 1.0);
	audio_release(&a);
	ffmpeg_loudness(scratch("proto.wav"), &lufs, &peak);
	assert_true(fabs(lufs - -16) < 1.0);
}

/* settings.protocol.crieur.confine: crieur build --confine.  A script
 * naming a file outside the folder is not resolved; inside, it is; and
 * without the setting, the same script is (so the setting is what
 * refuses it). */
static void liquidsoap_crieur_confine(void **state)
{
	char body[4096], cmd[1024], bin[1024], in[512];
	const char *bad = scratch("confine/in/bad.yaml");
	struct run_result r;
	pid_t liq;

	assert_non_null(realpath(crieur_bin(), bin));
	snprintf(in, sizeof(in), "%s/confine/in", scratch_dir());
	run(&r, "mkdir -p %s && echo 'Bonjour.' > %s/a.txt && echo 'Secret.' > "
	    "%s/../secret.txt && printf 'items:\n  - file: ../secret.txt\n' > %s",
	    in, in, in, bad);
	assert_int_equal(r.status, 0);
	snprintf(body, sizeof(body),
		 "%%include \"%s/contrib/liquidsoap/crieur.liq\"\n"
		 "settings.protocol.crieur.path.set(\"%s\")\n"
		 "settings.protocol.crieur.confine.set(\"%s\")\n"
		 "r = request.create(\"crieur:%s\")\n"
		 "print(\"outside: #{request.resolve(r)}\")\n"
		 "r = request.create(\"crieur:%s/a.txt\")\n"
		 "print(\"inside: #{request.resolve(r)}\")\n"
		 "settings.protocol.crieur.confine.set(\"\")\n"
		 "r = request.create(\"crieur:%s\")\n"
		 "print(\"unconfined: #{request.resolve(r)}\")\n"
		 "shutdown()\n",
		 getenv("PWD"), bin, in, bad, in, bad);
	snprintf(cmd, sizeof(cmd), "liquidsoap %s", liq_script("c.liq", body));
	liq = spawn(scratch("c.log"), cmd);
	/* no output: it ends after the prints ("nothing to do", status 1) */
	assert_true(wait_pid(liq, 240) >= 0);
	assert_true(log_has(scratch("c.log"), "outside: false", 1));
	assert_true(log_has(scratch("c.log"), "inside: true", 1));
	assert_true(log_has(scratch("c.log"), "unconfined: true", 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(liquidsoap_harbor_receives, kill_spawned),
		cmocka_unit_test_teardown(liquidsoap_crieur_protocol, kill_spawned),
		cmocka_unit_test_teardown(liquidsoap_crieur_confine, kill_spawned),
	};

	return e2e_done(cmocka_run_group_tests_name("e2e_liquidsoap", tests,
						    NULL, NULL));
}
