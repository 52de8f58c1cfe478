/* sd_peer.h - drive a speech-dispatcher output module over pipes, as the
 * server does: start it, write commands, read its replies and events
 * whole (multi-line ones joined), with 705 AUDIO payloads decoded and
 * the time each message arrived.  Used by tests/e2e/test_sd_crieur.c and
 * tests/bench/sd_latency.c; header-only. */
#ifndef CRIEUR_SD_PEER_H
#define CRIEUR_SD_PEER_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Debian's module, the reference. */
#define SD_ESPEAK_NG "/usr/lib/speech-dispatcher-modules/sd_espeak-ng"

struct sd_peer {
	pid_t pid;
	int to, from;
	char *buf;              /* bytes read, not yet parsed */
	size_t len, cap;
	int eof;
};

struct sd_msg {
	int code;               /* 0: none (timeout or end) */
	char text[8192];        /* the lines, LF-joined, audio payload left out */
	short *audio;           /* 705: the samples (malloc'd), else NULL */
	long samples;
	int rate;
	double ms;              /* when it was complete (sd_now_ms) */
};

static inline double sd_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Start module (with config file conf, may be NULL); stderr to errlog
 * (NULL: /dev/null).  0 or -1. */
static inline int sd_peer_start(struct sd_peer *p, const char *module,
				const char *conf, const char *errlog)
{
	int in[2], out[2];

	memset(p, 0, sizeof(*p));
	if (pipe(in) || pipe(out))
		return -1;
	p->pid = fork();
	if (p->pid < 0)
		return -1;
	if (!p->pid) {
		int e = open(errlog ? errlog : "/dev/null",
			     O_WRONLY | O_CREAT | O_APPEND, 0644);
		dup2(in[0], 0);
		dup2(out[1], 1);
		if (e >= 0)
			dup2(e, 2);
		close(in[1]);
		close(out[0]);
		execl(module, module, conf, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	p->to = in[1];
	p->from = out[0];
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* Write raw bytes; 0 or -1. */
static inline int sd_peer_write(struct sd_peer *p, const char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(p->to, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write a printf-formatted string. */
static inline int sd_peer_send(struct sd_peer *p, const char *fmt, ...)
{
	char small[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= sizeof(small) ? -1 :
		sd_peer_write(p, small, (size_t)n);
}

/* Write a message body as the server does (a line starting with "."
 * gets one more), then the closing ".". */
static inline int sd_peer_body(struct sd_peer *p, const char *text)
{
	const char *line = text;

	for (;;) {
		const char *lf = strchr(line, '\n');
		size_t n = lf ? (size_t)(lf - line + 1) : strlen(line);

		if ((*line == '.' && sd_peer_write(p, ".", 1)) ||
		    sd_peer_write(p, line, n))
			return -1;
		if (!lf)
			break;
		line = lf + 1;
	}
	return sd_peer_write(p, "\n.\n", 3);
}

/* One complete message in buf: its length, or 0 (incomplete). */
static inline size_t sd_peer_complete(const struct sd_peer *p)
{
	size_t at = 0;

	while (at < p->len) {
		const char *lf = memchr(p->buf + at, '\n', p->len - at);
		size_t end;

		if (!lf)
			return 0;
		end = (size_t)(lf - p->buf);
		if (end - at >= 4 && p->buf[at + 3] == ' ')
			return end + 1;
		if (end - at < 4)   /* a malformed short line ends a message */
			return end + 1;
		at = end + 1;
	}
	return 0;
}

/* Decode the complete message buf[0..n) into m. */
static inline void sd_peer_parse(const char *buf, size_t n, struct sd_msg *m)
{
	size_t at = 0, t = 0;

	m->code = n >= 3 ? atoi(buf) : -1;
	while (at < n) {
		const char *lf = memchr(buf + at, '\n', n - at);
		size_t end = lf ? (size_t)(lf - buf) : n;

		if (end - at >= 10 && !memcmp(buf + at, "705-AUDIO", 9) &&
		    buf[at + 9] == '\0') {
			const char *q = buf + at + 10;
			size_t k = 0, len = end - at - 10;
			char *bytes = malloc(len + 2);

			for (size_t i = 0; i < len; i++)
				bytes[k++] = q[i] == 0x7d && i + 1 < len ?
					(char)(q[++i] ^ 0x20) : q[i];
			m->audio = (short *)bytes;
			m->samples = (long)(k / 2);
		} else {
			if (end - at > 19 && !memcmp(buf + at, "705-sample_rate=", 16))
				m->rate = atoi(buf + at + 16);
			if (t + (end - at) + 2 < sizeof(m->text)) {
				memcpy(m->text + t, buf + at, end - at);
				t += end - at;
				m->text[t++] = '\n';
			}
		}
		at = end + 1;
	}
	if (t)
		t--;
	m->text[t] = '\0';
}

/* The next message, waiting at most timeout_ms: 1, or 0 (timeout or
 * end; m->code 0).  Free m->audio with sd_msg_release(). */
static inline int sd_peer_read(struct sd_peer *p, struct sd_msg *m, int timeout_ms)
{
	double until = sd_now_ms() + timeout_ms;

	memset(m, 0, sizeof(*m));
	for (;;) {
		size_t n = sd_peer_complete(p);
		struct pollfd pfd = { p->from, POLLIN, 0 };
		double left;
		ssize_t got;

		if (n) {
			sd_peer_parse(p->buf, n, m);
			m->ms = sd_now_ms();
			memmove(p->buf, p->buf + n, p->len - n);
			p->len -= n;
			return 1;
		}
		left = until - sd_now_ms();
		if (p->eof || left <= 0 || poll(&pfd, 1, (int)left + 1) <= 0)
			return 0;
		if (p->len + 65536 > p->cap) {
			p->cap = (p->len + 65536) * 2;
			p->buf = realloc(p->buf, p->cap);
		}
		got = read(p->from, p->buf + p->len, 65536);
		if (got <= 0)
			p->eof = 1;
		else
			p->len += (size_t)got;
	}
}

static inline void sd_msg_release(struct sd_msg *m)
{
	free(m->audio);
	m->audio = NULL;
}

/* Read until a message with code (or any of 702/703/704 when code is 0)
 * comes; every message read is passed to fn (may be NULL).  1 when it
 * came. */
static inline int sd_peer_until(struct sd_peer *p, int code, int timeout_ms,
				void (*fn)(void *ctx, const struct sd_msg *m),
				void *ctx)
{
	double until = sd_now_ms() + timeout_ms;
	struct sd_msg m;

	while (sd_peer_read(p, &m, (int)(until - sd_now_ms()))) {
		int hit = code ? m.code == code :
			(m.code == 702 || m.code == 703 || m.code == 704);
		if (fn)
			fn(ctx, &m);
		sd_msg_release(&m);
		if (hit)
			return 1;
	}
	return 0;
}

/* Close stdin (or send QUIT first) and wait for the exit, killing it
 * after timeout_ms; the exit status, or -1 when it had to be killed. */
static inline int sd_peer_stop(struct sd_peer *p, int quit, int timeout_ms)
{
	int status = 0;
	double until = sd_now_ms() + timeout_ms;

	if (quit)
		sd_peer_send(p, "QUIT\n");
	close(p->to);
	while (waitpid(p->pid, &status, WNOHANG) == 0) {
		struct sd_msg m;
		if (sd_now_ms() > until) {
			kill(p->pid, SIGKILL);
			waitpid(p->pid, &status, 0);
			status = -1;
			break;
		}
		if (sd_peer_read(p, &m, 10))   /* drain */
			sd_msg_release(&m);
		else
			usleep(2000);
	}
	close(p->from);
	free(p->buf);
	return status < 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) :
		128 + WTERMSIG(status);
}

/* The settings speech-dispatcher sends before each message, with the
 * language given. */
static inline int sd_peer_set(struct sd_peer *p, const char *lang)
{
	return sd_peer_send(p, "SET\nrate=0\npitch=0\npitch_range=0\nvolume=0\n"
			    "punctuation_mode=none\nspelling_mode=off\n"
			    "cap_let_recogn=none\nlanguage=%s\nsynthesis_voice=NULL\n.\n",
			    lang);
}

#endif
