/* air.h - what the `crieur air` end-to-end tests share: the binary's
 * path (the tests run it from the scratch folder), files written there,
 * the as-run log counted, a `crieur air` started in the background and
 * registered to be stopped by the teardown. */
#ifndef CRIEUR_E2E_AIR_H
#define CRIEUR_E2E_AIR_H

#include "icecast.h"

static char air_top[512];   /* the tree, where the tests start */

/* The group's setup: remember the tree. */
static inline int air_setup(void **state)
{
	return getcwd(air_top, sizeof(air_top)) ? 0 : -1;
}

/* The binary's absolute path. */
static inline const char *air_bin(void)
{
	static char path[1024];

	if (crieur_bin()[0] == '/')
		return crieur_bin();
	snprintf(path, sizeof(path), "%s/%s", air_top, crieur_bin());
	return path;
}

/* Lines of the as-run log (STATE = scratch "state") holding needle. */
static inline int air_count(const char *needle)
{
	FILE *f = fopen(scratch("state/asrun.jsonl"), "r");
	char line[8192];
	int n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, needle) != NULL;
	fclose(f);
	return n;
}

/* Wait until the log holds n lines with needle, at most timeout_s. */
static inline int air_wait_count(const char *needle, int n, double timeout_s)
{
	double t0 = mono_s();

	while (air_count(needle) < n && mono_s() - t0 < timeout_s)
		nap_ms(100);
	return air_count(needle) >= n;
}

/* `crieur air STATION` in the scratch folder, stderr to err_file;
 * stopped by kill_spawned() if the test fails. */
static inline pid_t air_spawn(const char *station, const char *err_file)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		if (chdir(scratch_dir()) || !freopen(err_file, "w", stderr))
			_exit(127);
		execl(air_bin(), "crieur", "air", station, (char *)NULL);
		_exit(127);
	}
	remember_pid(pid);
	return pid;
}

/* The epoch second of an ISO 8601 instant of the log (with offset). */
static inline long long iso_epoch(const char *t)
{
	struct tm tm = { 0 };
	int oh = 0, om = 0;
	const char *off = t + 19 + strspn(t + 19, ".0123456789");

	strptime(t, "%Y-%m-%dT%H:%M:%S", &tm);
	sscanf(off + 1, "%d:%d", &oh, &om);
	return (long long)timegm(&tm) - (*off == '-' ? -1 : 1) *
	       (oh * 3600LL + om * 60LL);
}

/* An ISO 8601 instant of the log in epoch seconds, its fraction
 * included. */
static inline double iso_epoch_s(const char *t)
{
	double frac = 0;

	if (t[19] == '.')
		sscanf(t + 19, "%lf", &frac);
	return (double)iso_epoch(t) + frac;
}

/* Seconds between two ISO 8601 instants of the log. */
static inline double diff_s(const char *a, const char *b)
{
	return iso_epoch_s(a) - iso_epoch_s(b);
}

/* One line of the as-run log: its main fields as written ("" when
 * absent), and the line itself (cut at 2047 bytes). */
struct asrun_line {
	char slot[32], scheduled[40], started[40], outcome[16];
	int clean;                      /* "error":null */
	char text[2048];
};

/* The string value of "key" in a JSON line into out ("" if absent). */
static inline void asrun_field(const char *line, const char *key, char *out,
			       size_t cap)
{
	char pat[64];
	const char *p;
	size_t n = 0;

	snprintf(pat, sizeof(pat), "\"%s\":\"", key);
	if ((p = strstr(line, pat)))
		for (p += strlen(pat); *p && *p != '"' && n + 1 < cap; p++)
			out[n++] = *p;
	out[n] = 0;
}

/* The lines of the as-run log (STATE = scratch "state"), at most max;
 * 0 while there is no log. */
static inline int asrun_lines(struct asrun_line *l, int max)
{
	FILE *f = fopen(scratch("state/asrun.jsonl"), "r");
	static char buf[1 << 16];
	int n = 0;

	if (!f)
		return 0;
	while (n < max && fgets(buf, sizeof(buf), f)) {
		snprintf(l[n].text, sizeof(l[n].text), "%.2047s", buf);
		asrun_field(buf, "slot", l[n].slot, sizeof(l[n].slot));
		asrun_field(buf, "scheduled", l[n].scheduled,
			    sizeof(l[n].scheduled));
		asrun_field(buf, "started", l[n].started, sizeof(l[n].started));
		asrun_field(buf, "outcome", l[n].outcome, sizeof(l[n].outcome));
		l[n].clean = strstr(buf, "\"error\":null") != NULL;
		n++;
	}
	fclose(f);
	return n;
}

/* tests/tools/jack_onset, built beside the tests. */
static inline const char *onset_bin(void)
{
	static char path[1024];
	const char *b = getenv("JACK_ONSET");

	snprintf(path, sizeof(path), "%s/%s", air_top, b && *b ? b :
		 "build/tests/jack_onset");
	return b && *b == '/' ? b : path;
}

/* SIGTERM: it fades out and exits with 143. */
static inline void air_stop(pid_t pid)
{
	int st;

	kill(pid, SIGTERM);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	forget_pid(pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 143);
}

#endif
