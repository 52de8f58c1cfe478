/* test_say_stream.c - `crieur say --lines --icecast`: live text to a
 * stream (a reading service), lines written into a FIFO one by one as a
 * newsroom's wire would; a private icecast2 and an ffmpeg listener; the
 * stream's title follows each line; the recording holds the speech.  And
 * beside the sound card (jackd2's dummy back end): while the Icecast
 * server hangs (SIGSTOP), the device never underruns. */
#define _GNU_SOURCE
#include "icecast.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

/* crieur say --lines ARGS reading the FIFO; *wfd is its write end. */
static pid_t say_lines(const char *args, const char *log, int *wfd)
{
	const char *fifo = scratch("lines.fifo");
	char cmd[2048];
	pid_t pid;

	unlink(fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	snprintf(cmd, sizeof(cmd), "exec %s say --lines %s <%s >%s 2>&1",
		 crieur_bin(), args, fifo, log);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setpgid(0, 0);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	remember_pid(pid);
	*wfd = open(fifo, O_WRONLY | O_CLOEXEC);   /* not in later children */
	assert_true(*wfd >= 0);
	return pid;
}

static void put_line(int fd, const char *line)
{
	assert_int_equal(write(fd, line, strlen(line)), (ssize_t)strlen(line));
}

/* Lines to the stream alone: each line's title on the status page, its
 * speech in the recording; the end of input ends the stream (exit 0). */
static void lines_to_stream(void **state)
{
	struct icecast_srv ice;
	struct run_result r;
	struct audio a;
	char args[512], listen[256];
	pid_t say, lis;
	int fd;

	icecast_start(&ice, 0, NULL);
	snprintf(args, sizeof(args), "--icecast icecast://127.0.0.1:%d/wire.mp3 "
		 "--password-file %s --stream-name 'Radio Test'", ice.port,
		 password_file());
	say = say_lines(args, scratch("say1.log"), &fd);
	put_line(fd, "Le conseil municipal a voté le budget de la commune.\n");
	assert_true(icecast_wait_for(&ice, "/wire.mp3", 30) >= 0);
	snprintf(listen, sizeof(listen), "http://127.0.0.1:%d/wire.mp3", ice.port);
	lis = listener(listen, scratch("wire.mp3"), scratch("lis1.log"));
	assert_true(icecast_wait_for(&ice, "Radio Test &#8212; Le conseil "
				     "municipal", 20) >= 0);
	put_line(fd, "Il fera beau demain sur toute la région.\n");
	assert_true(icecast_wait_for(&ice, "Radio Test &#8212; Il fera beau",
				     30) >= 0);
	close(fd);
	assert_int_equal(wait_pid(say, 60), 0);
	assert_true(wait_pid(lis, 30) >= 0);
	run(&r, "ffmpeg -nostdin -loglevel error -y -i %s %s", scratch("wire.mp3"),
	    scratch("wire.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("wire.wav"));
	print_message("stream: %.1f s, voiced %.2f\n", audio_seconds(&a),
		      audio_voiced_fraction(&a, -45));
	assert_true(audio_seconds(&a) > 3.0);
	assert_true(audio_voiced_fraction(&a, -45) > 0.4);
	audio_release(&a);
	icecast_stop(&ice);
}

/* Beside the device, the server hangs (SIGSTOP) while lines are spoken:
 * the sound card never waits for the network (no underrun), and the end
 * of input still ends crieur.  (The kernel's socket buffers take tens of
 * seconds of a stream before a send blocks, so this shows a stopped
 * server costs the device nothing over a few lines; the ring that never
 * makes the writer wait is what holds beyond that.) */
static void device_and_hung_stream(void **state)
{
	struct icecast_srv ice;
	struct run_result r;
	char args[512], log[256];
	pid_t jackd, say;
	int fd;
	long under = -1;

	jackd = jackd_start("e2e-saystream");
	assert_true(jackd > 0);
	icecast_start(&ice, 0, NULL);
	snprintf(args, sizeof(args), "--device system --stats --icecast "
		 "icecast://127.0.0.1:%d/both.mp3 --password-file %s", ice.port,
		 password_file());
	snprintf(log, sizeof(log), "%s", scratch("say2.log"));
	say = say_lines(args, log, &fd);
	put_line(fd, "Premier titre de la soirée.\n");
	assert_true(icecast_wait_for(&ice, "/both.mp3", 30) >= 0);
	kill(ice.pid, SIGSTOP);
	put_line(fd, "Le conseil municipal a longuement débattu du budget de la "
		 "commune, des écoles, des routes et de la piscine, puis il a "
		 "voté chaque ligne une à une.\n");
	put_line(fd, "Il fera beau demain sur toute la région, avec des "
		 "températures de saison et un vent faible.\n");
	close(fd);
	assert_int_equal(wait_pid(say, 120), 0);
	kill(ice.pid, SIGCONT);
	icecast_stop(&ice);
	jackd_stop(jackd);
	slurp(log, r.out, sizeof(r.out));
	print_message("%s", r.out);
	assert_non_null(strstr(r.out, "lines: 3"));
	if (strstr(r.out, "underruns: "))
		under = atol(strstr(r.out, "underruns: ") + 11);
	assert_int_equal(under, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(lines_to_stream, kill_spawned),
		cmocka_unit_test_teardown(device_and_hung_stream, kill_spawned),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_say_stream", tests,
						    NULL, NULL));
}
