/* test_icecast.c - crieur as an Icecast source, against real icecast2
 * servers started here: a listener (ffmpeg) records the stream, which is
 * decoded and measured; the status page shows the source and its title;
 * a relay serves it again; faults (wrong password, mount in use, server
 * down at start, killed and restarted) are survived. */
#include "icecast.h"

#include <poll.h>

static const char *const short_text =
	"Bulletin de test.\n"
	"Le conseil municipal a voté le budget de l'année prochaine, "
	"avec une hausse des crédits pour les écoles et les transports.";

/* A statement file with short_text. */
static const char *short_file(void)
{
	const char *p = scratch("short.txt");
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(short_text, f);
	fclose(f);
	return p;
}

/* Start `crieur say -f FILE --icecast URL ...` in the background. */
static pid_t say_to(const char *url, const char *file, const char *extra,
		    const char *log)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "%s say -f %s --icecast %s --stream-name "
		 "'Radio Test' %s", crieur_bin(), file, url, extra);
	return spawn(log, cmd);
}

/* Wait until file contains needle, at most timeout_s; 1 if it does. */
static int log_has(const char *file, const char *needle, double timeout_s)
{
	static char buf[65536];
	double t0 = mono_s();

	do {
		slurp(file, buf, sizeof(buf));
		if (strstr(buf, needle))
			return 1;
		nap_ms(50);
	} while (mono_s() - t0 < timeout_s);
	return 0;
}

/* Decode any recording to a WAV with ffmpeg and load it. */
static void decode(const char *in, struct audio *a)
{
	struct run_result r;
	const char *wav = scratch("decoded.wav");

	run(&r, "ffmpeg -nostdin -v error -y -i %s -ac 1 %s", in, wav);
	assert_int_equal(r.status, 0);
	audio_load(a, wav);
}

/* The length of short_text as say renders it (s). */
static double short_seconds(void)
{
	struct run_result r;
	struct audio a;
	double s;

	run(&r, "%s say -f %s -o %s", crieur_bin(), short_file(),
	    scratch("short.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("short.wav"));
	s = audio_seconds(&a);
	audio_release(&a);
	return s;
}

/* MP3: the listener's recording holds the whole text at speech level;
 * the status page shows the name and the now-playing title. */
static void icecast_mp3_listener_and_status(void **state)
{
	struct icecast_srv ice;
	struct run_result r;
	struct audio a;
	char url[256], listen[256], mount_seen[300], extra[300];
	double len = short_seconds();
	pid_t src, lis;

	icecast_start(&ice, 0, NULL);
	snprintf(url, sizeof(url), "icecast://127.0.0.1:%d/news.mp3", ice.port);
	snprintf(listen, sizeof(listen), "http://127.0.0.1:%d/news.mp3", ice.port);
	snprintf(mount_seen, sizeof(mount_seen), "\"listenurl\":\"%s\"", listen);
	snprintf(extra, sizeof(extra), "--password-file %s", password_file());
	src = say_to(url, short_file(), extra, scratch("say.log"));
	assert_true(icecast_wait_for(&ice, mount_seen, 30) >= 0);
	lis = listener(listen, scratch("rec.mp3"), scratch("lis.log"));
	icecast_status(&ice, &r);
	assert_non_null(strstr(r.out, "\"server_name\":\"Radio Test\""));
	assert_non_null(strstr(r.out, "\"server_type\":\"audio/mpeg\""));
	/* the now-playing title (sent beside the stream, so not at once) */
	assert_true(icecast_wait_for(&ice, "\"title\":\"Radio Test &#8212; "
				     "Bulletin de test.\"", 10) >= 0);
	assert_int_equal(wait_pid(src, 60), 0);
	assert_true(wait_pid(lis, 30) >= 0);
	decode(scratch("rec.mp3"), &a);
	/* the burst (64 KB: 8 s at 64 kbit/s) gives a late listener the start */
	assert_true(audio_seconds(&a) > len - 1.0);
	assert_true(audio_seconds(&a) < len + 3.0);
	assert_true(audio_rms_db(&a, 0, a.frames) > -32);
	assert_true(audio_voiced_fraction(&a, -45) > 0.6);
	audio_release(&a);
	icecast_stop(&ice);
}

/* The number of times needle occurs in the file's bytes. */
static int count_in_file(const char *path, const char *needle)
{
	struct run_result r;

	run(&r, "grep -a -o '%s' %s | wc -l", needle, path);
	return atoi(r.out);
}

/* Ogg Opus: the recording decodes, holds the speech, and its chained
 * stream's OpusTags carry the now-playing title (Icecast 2.4 does not
 * show Ogg titles on its status page: see README). */
static void icecast_opus_listener_and_tags(void **state)
{
	struct icecast_srv ice;
	struct run_result r;
	struct audio a;
	char url[256], listen[256], seen[300], extra[300];
	double len = short_seconds();
	pid_t src, lis;

	icecast_start(&ice, 0, NULL);
	snprintf(url, sizeof(url), "icecast://127.0.0.1:%d/news.opus", ice.port);
	snprintf(listen, sizeof(listen), "http://127.0.0.1:%d/news.opus", ice.port);
	snprintf(seen, sizeof(seen), "\"listenurl\":\"%s\"", listen);
	snprintf(extra, sizeof(extra), "--password-file %s", password_file());
	src = say_to(url, short_file(), extra, scratch("say-opus.log"));
	assert_true(icecast_wait_for(&ice, seen, 30) >= 0);
	/* the codec shows once Icecast has parsed the first pages */
	assert_true(icecast_wait_for(&ice, "\"subtype\":\"Opus\"", 10) >= 0);
	lis = listener(listen, scratch("rec.ogg"), scratch("lis-opus.log"));
	icecast_status(&ice, &r);
	assert_non_null(strstr(r.out, "\"server_type\":\"audio/ogg\""));
	assert_int_equal(wait_pid(src, 60), 0);
	assert_true(wait_pid(lis, 30) >= 0);
	assert_true(count_in_file(scratch("rec.ogg"), "OpusHead") >= 1);
	assert_true(count_in_file(scratch("rec.ogg"),
				  "TITLE=Radio Test — Bulletin de test.") >= 1);
	decode(scratch("rec.ogg"), &a);
	assert_true(audio_seconds(&a) > len - 1.0);
	assert_true(audio_seconds(&a) < len + 3.0);
	assert_true(audio_rms_db(&a, 0, a.frames) > -32);
	assert_true(audio_voiced_fraction(&a, -45) > 0.6);
	audio_release(&a);
	icecast_stop(&ice);
}

/* A second icecast2 relays the first: a listener on the relay hears the
 * speech (one encoder at the source, whatever the audience). */
static void icecast_relay(void **state)
{
	struct icecast_srv up, relay;
	struct audio a;
	char url[256], listen[256], seen[300], extra[300];
	pid_t src, lis;

	icecast_start(&up, 0, NULL);
	snprintf(url, sizeof(url), "icecast://127.0.0.1:%d/news.mp3", up.port);
	snprintf(extra, sizeof(extra), "--password-file %s", password_file());
	src = say_to(url, "samples/statements/2024-02-05-bruxelles.txt", extra,
		     scratch("say-relay.log"));
	assert_true(icecast_wait_for(&up, "\"listenurl\"", 30) >= 0);
	icecast_start(&relay, up.port, "/news.mp3");
	snprintf(listen, sizeof(listen), "http://127.0.0.1:%d/news.mp3", relay.port);
	snprintf(seen, sizeof(seen), "\"listenurl\":\"%s\"", listen);
	assert_true(icecast_wait_for(&relay, seen, 30) >= 0);
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "ffmpeg -nostdin -v error -y -i %s -t 6 "
			 "-c copy %s", listen, scratch("relay.mp3"));
		lis = spawn(scratch("lis-relay.log"), cmd);
	}
	assert_int_equal(wait_pid(lis, 30), 0);
	decode(scratch("relay.mp3"), &a);
	assert_true(audio_seconds(&a) > 5.5);
	assert_true(audio_rms_db(&a, 0, a.frames) > -32);
	assert_true(audio_voiced_fraction(&a, -45) > 0.6);
	audio_release(&a);
	assert_int_equal(WEXITSTATUS(stop_pid(src, SIGTERM)), 143);
	icecast_stop(&relay);
	icecast_stop(&up);
}

/* A wrong password, then the mount in use: a clear message, retries, no
 * stream; SIGTERM ends it at once (143).  A text never streamed fails. */
static void icecast_refused(void **state)
{
	struct icecast_srv ice;
	struct run_result r;
	char url[256], cmd[1024];
	const char *text = "samples/statements/2024-02-05-bruxelles.txt";
	pid_t bad, good, busy;
	double t0;

	icecast_start(&ice, 0, NULL);
	snprintf(url, sizeof(url), "icecast://127.0.0.1:%d/news.mp3", ice.port);
	snprintf(cmd, sizeof(cmd), "env CRIEUR_ICECAST_PASSWORD=wrong %s say -f "
		 "%s --icecast %s", crieur_bin(), text, url);
	bad = spawn(scratch("bad.log"), cmd);
	assert_true(log_has(scratch("bad.log"), "refused the source (wrong "
			    "password, or the mount in use)", 20));
	icecast_status(&ice, &r);
	assert_null(strstr(r.out, "listenurl"));
	t0 = mono_s();
	assert_int_equal(WEXITSTATUS(stop_pid(bad, SIGTERM)), 143);
	assert_true(mono_s() - t0 < 3);

	snprintf(cmd, sizeof(cmd), "--password-file %s", password_file());
	good = say_to(url, text, cmd, scratch("good.log"));
	assert_true(icecast_wait_for(&ice, "listenurl", 30) >= 0);
	busy = say_to(url, text, cmd, scratch("busy.log"));
	assert_true(log_has(scratch("busy.log"), "the mount in use", 20));
	assert_true(log_has(scratch("good.log"), "connected", 1));
	assert_int_equal(WEXITSTATUS(stop_pid(busy, SIGTERM)), 143);
	assert_int_equal(WEXITSTATUS(stop_pid(good, SIGTERM)), 143);
	icecast_stop(&ice);

	/* nobody there at all: the text plays into the void, and says so */
	run(&r, "%s say --icecast icecast://127.0.0.1:%d/x.mp3 --password-file %s "
	    "Bonjour.", crieur_bin(), free_port(), password_file());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "cannot connect (server down?)"));
	assert_non_null(strstr(r.err, "never connected"));
}

/* The server down at start, then up: streaming within 5 s of it; then
 * killed mid-stream and started again: back within 5 s, and a listener
 * hears the speech that follows. */
static void icecast_server_down_and_killed(void **state)
{
	struct icecast_srv ice;
	struct audio a;
	char url[256], listen[256], extra[300], cmd[600];
	double waited;
	pid_t src, lis;

	/* a server directory and port, not started yet */
	icecast_start(&ice, 0, NULL);
	icecast_stop(&ice);
	snprintf(url, sizeof(url), "icecast://127.0.0.1:%d/news.mp3", ice.port);
	snprintf(listen, sizeof(listen), "http://127.0.0.1:%d/news.mp3", ice.port);
	snprintf(extra, sizeof(extra), "--password-file %s", password_file());
	src = say_to(url, "samples/statements/2023-11-20-pristina.txt", extra,
		     scratch("down.log"));
	assert_true(log_has(scratch("down.log"), "cannot connect (server down?)", 20));
	icecast_run(&ice);
	waited = icecast_wait_for(&ice, "listenurl", 10);
	assert_true(waited >= 0 && waited <= 5.0);

	/* killed (no goodbye), then back */
	stop_pid(ice.pid, SIGKILL);
	assert_true(log_has(scratch("down.log"), "connection lost", 20));
	icecast_run(&ice);
	waited = icecast_wait_for(&ice, "listenurl", 10);
	assert_true(waited >= 0 && waited <= 5.0);
	snprintf(cmd, sizeof(cmd), "ffmpeg -nostdin -v error -y -i %s -t 5 -c copy %s",
		 listen, scratch("after.mp3"));
	lis = spawn(scratch("lis-after.log"), cmd);
	assert_int_equal(wait_pid(lis, 30), 0);
	decode(scratch("after.mp3"), &a);
	assert_true(audio_seconds(&a) > 4.5);
	assert_true(audio_rms_db(&a, 0, a.frames) > -32);
	assert_true(audio_voiced_fraction(&a, -45) > 0.6);
	audio_release(&a);
	assert_int_equal(WEXITSTATUS(stop_pid(src, SIGTERM)), 143);
	icecast_stop(&ice);
}

/* `crieur play --icecast`: the bulletin on the stream, its title following
 * the items; the listener's recording is the whole bulletin. */
static void icecast_play_bulletin_titles(void **state)
{
	static const char *const yaml =
		"title: Le journal\n"
		"items:\n"
		"  - text: \"Première information.\\nLe marché couvert rouvre "
		"samedi après trois mois de travaux.\"\n"
		"    title: Marché\n"
		"  - text: \"Deuxième information.\\nLa piscine municipale ferme "
		"pour une semaine.\"\n"
		"    title: Piscine\n";
	struct icecast_srv ice;
	struct run_result r;
	struct audio a, ref;
	char cmd[1024], listen[256];
	const char *sc = script("b2.yaml", yaml);
	double t_first, t_second;
	pid_t src, lis;

	run(&r, "%s build %s -o %s", crieur_bin(), sc, scratch("b2.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&ref, scratch("b2.wav"));
	icecast_start(&ice, 0, NULL);
	snprintf(listen, sizeof(listen), "http://127.0.0.1:%d/play.mp3", ice.port);
	snprintf(cmd, sizeof(cmd), "%s play %s --icecast icecast://127.0.0.1:%d/"
		 "play.mp3 --password-file %s --stream-name 'Radio Test'",
		 crieur_bin(), sc, ice.port, password_file());
	src = spawn(scratch("play.log"), cmd);
	assert_true(icecast_wait_for(&ice, "listenurl", 30) >= 0);
	lis = listener(listen, scratch("play.mp3"), scratch("lis-play.log"));
	t_first = icecast_wait_for(&ice, "Radio Test &#8212; March", 30);
	assert_true(t_first >= 0);
	t_second = icecast_wait_for(&ice, "Radio Test &#8212; Piscine", 30);
	assert_true(t_second > 0);   /* later, when the second item plays */
	assert_int_equal(wait_pid(src, 60), 0);
	assert_true(wait_pid(lis, 30) >= 0);
	decode(scratch("play.mp3"), &a);
	assert_true(fabs(audio_seconds(&a) - audio_seconds(&ref)) < 2.0);
	assert_true(audio_voiced_fraction(&a, -45) > 0.6);
	audio_release(&a);
	audio_release(&ref);
	icecast_stop(&ice);
}

/* A server that takes the connection and never answers (a hung host):
 * SIGTERM still ends crieur within a few seconds, with 143. */
static void icecast_hung_server_no_hang_on_exit(void **state)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	struct pollfd pfd;
	char cmd[1024];
	int fd = socket(AF_INET, SOCK_STREAM, 0), conn, st;
	pid_t src;
	double t0;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(fd, 4), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	snprintf(cmd, sizeof(cmd), "%s say -f samples/statements/2024-02-05-"
		 "bruxelles.txt --icecast icecast://127.0.0.1:%d/x.mp3 "
		 "--password-file %s", crieur_bin(), ntohs(a.sin_port),
		 password_file());
	src = spawn(scratch("hung.log"), cmd);
	pfd = (struct pollfd){ fd, POLLIN, 0 };
	assert_int_equal(poll(&pfd, 1, 30000), 1);   /* crieur is connecting */
	conn = accept(fd, NULL, NULL);
	assert_true(conn >= 0);
	t0 = mono_s();
	st = stop_pid(src, SIGTERM);   /* (SIGKILL after 10 s: the test fails) */
	assert_true(mono_s() - t0 < 8);   /* 2 s of grace, then cancelled */
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 143);
	close(conn);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(icecast_mp3_listener_and_status,
					  kill_spawned),
		cmocka_unit_test_teardown(icecast_opus_listener_and_tags,
					  kill_spawned),
		cmocka_unit_test_teardown(icecast_relay, kill_spawned),
		cmocka_unit_test_teardown(icecast_refused, kill_spawned),
		cmocka_unit_test_teardown(icecast_play_bulletin_titles, kill_spawned),
		cmocka_unit_test_teardown(icecast_server_down_and_killed,
					  kill_spawned),
		cmocka_unit_test_teardown(icecast_hung_server_no_hang_on_exit,
					  kill_spawned),
	};

	return e2e_done(cmocka_run_group_tests_name("e2e_icecast", tests, NULL,
						    NULL));
}
