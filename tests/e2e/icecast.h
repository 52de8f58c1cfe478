/* icecast.h - private Icecast servers and listeners for the streaming
 * tests: icecast2 on a free loopback port with a generated config in a
 * scratch directory, run as nobody when the tests run as root (icecast2
 * refuses root), stopped by PID; listeners are ffmpeg recordings. */
#ifndef CRIEUR_E2E_ICECAST_H
#define CRIEUR_E2E_ICECAST_H

#include "e2e.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>

#define ICE_PASSWORD "s3cret-source"

struct icecast_srv {
	int port;
	pid_t pid;
	char dir[256];
};

static inline double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline void nap_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* A TCP port nothing listens on now (the kernel's pick). */
static inline int free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* Run sh -c cmd in the background (exec'd, so the PID is the program's),
 * stdout and stderr to log. */
static inline pid_t spawn(const char *log, const char *cmd)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		char full[4096];

		setpgid(0, 0);
		snprintf(full, sizeof(full), "exec %s >%s 2>&1 </dev/null", cmd, log);
		execl("/bin/sh", "sh", "-c", full, (char *)NULL);
		_exit(127);
	}
	remember_pid(pid);
	return pid;
}

/* Stop a spawned program (sig, then SIGKILL after 10 s); its status. */
static inline int stop_pid(pid_t pid, int sig)
{
	double t0 = mono_s();
	int st = 0;

	if (pid <= 0)
		return -1;
	kill(pid, sig);
	while (waitpid(pid, &st, WNOHANG) == 0) {
		if (mono_s() - t0 > 10) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			break;
		}
		nap_ms(20);
	}
	forget_pid(pid);
	return st;
}

/* Wait for a spawned program to end by itself, at most timeout_s; its
 * exit code, or -1 on timeout (then it is killed). */
static inline int wait_pid(pid_t pid, double timeout_s)
{
	double t0 = mono_s();
	int st;

	while (waitpid(pid, &st, WNOHANG) == 0) {
		if (mono_s() - t0 > timeout_s) {
			stop_pid(pid, SIGKILL);
			return -1;
		}
		nap_ms(50);
	}
	forget_pid(pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* A test's teardown: stop whatever it left running. */
static inline int kill_spawned(void **state)
{
	for (size_t i = 0; i < sizeof(spawned) / sizeof(spawned[0]); i++)
		if (spawned[i])
			stop_pid(spawned[i], SIGKILL);
	return 0;
}

/* The server's /status-json.xsl into r (r->status 0 when it answered). */
static inline void icecast_status(const struct icecast_srv *s,
				  struct run_result *r)
{
	run(r, "curl -sf --max-time 2 http://127.0.0.1:%d/status-json.xsl",
	    s->port);
}

/* Wait until the status page contains needle (or, with needle NULL,
 * answers at all); seconds waited, or -1 after timeout_s. */
static inline double icecast_wait_for(const struct icecast_srv *s,
				      const char *needle, double timeout_s)
{
	double t0 = mono_s();
	struct run_result r;

	do {
		icecast_status(s, &r);
		if (r.status == 0 && (!needle || strstr(r.out, needle)))
			return mono_s() - t0;
		nap_ms(100);
	} while (mono_s() - t0 < timeout_s);
	return -1;
}

/* Write the config (a relay of upstream_port's mount when not 0). */
static inline void icecast_config(struct icecast_srv *s, int upstream_port,
				  const char *mount)
{
	char path[300];
	FILE *f;

	snprintf(path, sizeof(path), "%s/icecast.xml", s->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "<icecast><location>test</location><admin>t@localhost</admin>"
		"<limits><clients>20</clients><sources>4</sources>"
		"<queue-size>524288</queue-size><client-timeout>30</client-timeout>"
		"<header-timeout>15</header-timeout><source-timeout>5</source-timeout>"
		"<burst-size>65535</burst-size></limits>"
		"<authentication><source-password>" ICE_PASSWORD "</source-password>"
		"<admin-user>admin</admin-user><admin-password>adm-%d</admin-password>"
		"</authentication><hostname>127.0.0.1</hostname>"
		"<listen-socket><port>%d</port><bind-address>127.0.0.1</bind-address>"
		"</listen-socket><fileserve>1</fileserve>"
		"<paths><basedir>%s</basedir><logdir>%s</logdir>"
		"<pidfile>%s/icecast.pid</pidfile>"
		"<webroot>/usr/share/icecast2/web</webroot>"
		"<adminroot>/usr/share/icecast2/admin</adminroot></paths>"
		"<logging><accesslog>access.log</accesslog><errorlog>error.log"
		"</errorlog><loglevel>3</loglevel></logging>"
		"<security><chroot>0</chroot></security>",
		s->port, s->port, s->dir, s->dir, s->dir);
	if (upstream_port)
		fprintf(f, "<relay><server>127.0.0.1</server><port>%d</port>"
			"<mount>%s</mount><local-mount>%s</local-mount>"
			"<on-demand>0</on-demand>"
			"<relay-shoutcast-metadata>1</relay-shoutcast-metadata>"
			"</relay>", upstream_port, mount, mount);
	fputs("</icecast>\n", f);
	fclose(f);
}

/* Start (or restart, same port) the server and wait until it answers. */
static inline void icecast_run(struct icecast_srv *s)
{
	char cmd[700], log[300];

	snprintf(log, sizeof(log), "%s/stdout.log", s->dir);
	snprintf(cmd, sizeof(cmd), "%sicecast2 -c %s/icecast.xml",
		 geteuid() == 0 ? "setpriv --reuid=nobody --regid=nogroup "
		 "--clear-groups " : "", s->dir);
	s->pid = spawn(log, cmd);
	assert_true(icecast_wait_for(s, NULL, 20) >= 0);
}

/* A new server in a fresh directory (readable by nobody, logs writable). */
static inline void icecast_start(struct icecast_srv *s, int upstream_port,
				 const char *mount)
{
	struct run_result r;

	snprintf(s->dir, sizeof(s->dir), "%s/ice-XXXXXX", scratch_dir());
	assert_non_null(mkdtemp(s->dir));
	s->port = free_port();
	icecast_config(s, upstream_port, mount);
	run(&r, "chmod 755 %s %s && chmod 644 %s/icecast.xml && "
	    "touch %s/error.log %s/access.log && chmod 666 %s/*.log",
	    scratch_dir(), s->dir, s->dir, s->dir, s->dir, s->dir);
	assert_int_equal(r.status, 0);
	icecast_run(s);
}

static inline void icecast_stop(struct icecast_srv *s)
{
	stop_pid(s->pid, SIGTERM);
	s->pid = 0;
}

/* The source password in a mode-600 file; its path. */
static inline const char *password_file(void)
{
	const char *p = scratch("ice.pw");
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(ICE_PASSWORD "\n", f);
	fclose(f);
	chmod(p, 0600);
	return p;
}

/* A listener recording url into out until the stream ends. */
static inline pid_t listener(const char *url, const char *out, const char *log)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "ffmpeg -nostdin -hide_banner -loglevel error "
		 "-y -i %s -c copy %s", url, out);
	return spawn(log, cmd);
}

#endif
