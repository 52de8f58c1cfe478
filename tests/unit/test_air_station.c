/* test_air_station.c - the station file (every error with its exact
 * file:line:column message), the inbox (claim, quarantine, duplicates,
 * half-written files, expiry, flashes, recovery after a crash) and the
 * as-run log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "air/asrun.h"
#include "air/inbox.h"
#include "air/station.h"
#include "base/error.h"
#include "base/util.h"
#include "tmp_path.h"

static char dir[64];
static char station[96];

static void write_file(const char *name, const char *data)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, strlen(data), f), strlen(data));
	assert_int_equal(fclose(f), 0);
}

static const char *at(const char *name)
{
	static char bufs[4][160];
	static int next;
	char *b = bufs[next++ & 3];

	snprintf(b, 160, "%s/%s", dir, name);
	return b;
}

static int setup(void **state)
{
	char cwd[256], target[320];

	if (tmp_dir_make(dir, sizeof(dir), "air") || !getcwd(cwd, sizeof(cwd)))
		return -1;
	snprintf(station, sizeof(station), "%s/station.yaml", dir);
	snprintf(target, sizeof(target), "%s/samples/jingles", cwd);
	if (symlink(target, at("jingles")))
		return -1;
	write_file("a.txt", "Titre\nUn paragraphe.\n");
	write_file("news.yaml", "items:\n  - file: a.txt\n");
	write_file("broken.yaml", "items:\n  - file: nowhere.txt\n");
	mkdir(at("drop"), 0755);
	return 0;
}

static int teardown(void **state)
{
	return tmp_dir_remove(dir);
}

/* Load text as the station file: it must fail with exactly want ("@"
 * for the scratch folder), preceded by "STATION:". */
static int expect_error(const char *text, const char *want)
{
	air_station *st = NULL;
	char expected[1024], *p;
	int err;

	write_file("station.yaml", text);
	err = station_load(&st, station);
	snprintf(expected, sizeof(expected), "%s:%s", station, want);
	while ((p = strchr(expected, '@'))) {
		char rest[1024];

		snprintf(rest, sizeof(rest), "%s", p + 1);
		snprintf(p, sizeof(expected) - (size_t)(p - expected), "%s%s",
			 dir, rest);
	}
	station_free(st);
	if (!err || st || strcmp(err_detail(), expected)) {
		print_message("station:\n%s\ngave %d '%s'\nwant '%s'\n", text,
			      err, err_detail(), expected);
		return 1;
	}
	return 0;
}

#define HEAD "outputs:\n  - folder: drop\nslots:\n"

static void errors(void **state)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "statoin: x\n", "1:1: unknown key 'statoin' (did you mean "
		  "'station'?)" },
		{ "timezone: Europe/Pariss\n" HEAD "  - { name: n, at: '0 * * * *', "
		  "bulletin: news.yaml }\n", "1:11: timezone: unknown time zone "
		  "'Europe/Pariss' (an IANA name such as Europe/Paris; see "
		  "/usr/share/zoneinfo)" },
		{ HEAD "  - name: news\n    at: '0 6-24 * * *'\n    bulletin: "
		  "news.yaml\n", "5:12: slot 1: at: hour 24 is out of range "
		  "(0-23)" },
		{ HEAD "  - name: news\n    at: 61 * * * *\n    bulletin: "
		  "news.yaml\n", "5:9: slot 1: at: minute 61 is out of range "
		  "(0-59)" },
		{ HEAD "  - name: news\n    at: ['0 * * * *', '0 0 31 2 *']\n"
		  "    bulletin: news.yaml\n", "5:23: slot 1: at: '0 0 31 2 *' "
		  "never comes (no such day)" },
		{ HEAD "  - name: news\n    at: '0 * * * *'\n    bulletin: "
		  "missing.yaml\n", "6:15: slot 1: bulletin: cannot open "
		  "'@/missing.yaml': No such file or directory" },
		{ HEAD "  - name: news\n    at: '0 * * * *'\n    bulletin: "
		  "broken.yaml\n", "6:15: slot 1: bulletin: @/broken.yaml:2:11: "
		  "item 1: file: cannot open '@/nowhere.txt': No such file or "
		  "directory" },
		{ HEAD "  - name: news\n    at: '0 * * * *'\n    bulletin: "
		  "news.yaml\n    strat: soft\n", "7:5: slot 1: unknown key "
		  "'strat' in a slot (did you mean 'start'?)" },
		{ HEAD "  - name: news\n    at: '0 * * * *'\n    bulletin: "
		  "news.yaml\n    start: later\n", "7:12: slot 1: start must be "
		  "hard or soft, not 'later'" },
		{ HEAD "  - name: news\n    at: '0 * * * *'\n    bulletin: "
		  "news.yaml\n    prepare: 0\n", "7:14: slot 1: prepare must be "
		  "from 1 to 86400 seconds, not 0" },
		{ HEAD "  - name: news\n    at: '0 * * * *'\n    bulletin: "
		  "news.yaml\n    fallback: jingles/none.wav\n", "7:15: slot 1: "
		  "fallback: cannot open '@/jingles/none.wav': No such file or "
		  "directory" },
		{ HEAD "  - name: news\n    bulletin: news.yaml\n",
		  "4:5: slot 1: needs at:" },
		{ HEAD "  - { name: a, at: '0 * * * *', bulletin: news.yaml }\n"
		  "  - { name: a, at: '0 * * * *', bulletin: news.yaml }\n",
		  "5:5: slot 2: name 'a' is already slot 1's" },
		{ HEAD "  - { name: 'a b', at: '0 * * * *', bulletin: news.yaml }\n",
		  "4:13: slot 1: name 'a b': use letters, digits, '.', '_' and '-' "
		  "(at most 64, not starting with '.')" },
		{ "outputs:\n  - devcie: x\n", "2:5: unknown output kind 'devcie' "
		  "(did you mean 'device'? the kinds are device, folder, icecast, podcast)" },
		{ "outputs:\n  - device: x\n    folder: y\n", "2:5: an output is one "
		  "key naming its kind (device, folder, icecast, podcast) and its value, such as "
		  "'- device: system'" },
		{ "outputs:\n  - icecast: { url: 'icecast://h/live' }\n",
		  "2:21: icecast: cannot tell the format of '/live': end the "
		  "mount in .mp3, .opus or .ogg, or set format:" },
		{ "outputs:\n  - icecast:\n      url: icecast://h/a.mp3\n"
		  "      mode: sometimes\n", "4:13: icecast: mode must be "
		  "continuous or slot, not 'sometimes'" },
		{ "outputs:\n  - icecast:\n      url: icecast://h/a.mp3\n"
		  "      mode: slot\n      fill: jingles/outro.wav\n", "5:13: "
		  "icecast: fill: is for mode: continuous (a slot mount is only "
		  "up for the bulletin)" },
		{ "outputs:\n  - icecast:\n      url: icecast://h/a.mp3\n"
		  "      password: x\n", "4:17: icecast: password: in a file "
		  "others can read ('@/station.yaml'): use password_file: (mode "
		  "600), CRIEUR_ICECAST_PASSWORD, or chmod 600 the station file" },
		{ "outputs:\n  - icecast:\n      server: h\n", "3:7: icecast: "
		  "give url: (icecast://host:port/mount), or server: and "
		  "mount:" },
		{ "outputs:\n  - icecast:\n      url: icecast://h/a.mp3\n"
		  "      mount: b.mp3\n", "3:12: icecast: url: already names the "
		  "server, port, mount and user" },
		{ "outputs:\n  - icecast: x\n", "2:14: icecast must be a mapping "
		  "(url: icecast://host:port/mount, password_file: FILE, mode: "
		  "continuous or slot...), not a string" },
		{ "outputs: []\n", "1:10: outputs must be a list of at least one "
		  "output (- device: NAME, - folder: DIR), not a list" },
		{ "station: x\n", "1:1: no outputs: say where bulletins go "
		  "(outputs: - device: NAME)" },
		{ "outputs:\n  - folder: drop\n", "1:1: no slots: say when "
		  "bulletins air (slots: - name: news, at: \"0 * * * *\", "
		  "bulletin: news.yaml)" },
		{ "- a\n", "1:1: a station file is a mapping of keys (station: "
		  "..., outputs: ..., slots: ...), not a list" },
		{ "station: [x\n", "2:1: YAML syntax: did not find expected ',' "
		  "or ']' (while parsing a flow sequence started at 1:10)" },
	};
	int failed = 0;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		failed += expect_error(cases[i].text, cases[i].want);
	assert_int_equal(failed, 0);
}

static void loads(void **state)
{
	air_station *st;
	size_t slot;
	air_ns t;
	char buf[48];

	write_file("station.yaml", "station: Radio Test\ntimezone: "
		   "America/Montreal\noutputs:\n  - folder: drop\n  - device: "
		   "default\nslots:\n  - name: news\n    at: '0 6-22 * * *'\n"
		   "    bulletin: news.yaml\n  - name: flash\n    at: ['50 59 * * "
		   "* *', '0 30 7 * * *']\n    bulletin: news.yaml\n    duration: "
		   "180\n    start: soft\n    late: 30\n    fallback: jingles/"
		   "intro.wav\n");
	if (station_load(&st, station))
		fail_msg("%s", err_detail());
	assert_string_equal(st->name, "Radio Test");
	assert_string_equal(st->timezone, "America/Montreal");
	assert_int_equal(st->n_outputs, 2);
	assert_string_equal(st->outputs[0].kind->name, "folder");
	assert_string_equal(st->outputs[1].kind->name, "device");
	assert_int_equal(st->n_slots, 2);
	assert_int_equal(st->slots[0].start, AIR_START_HARD);
	assert_true(st->slots[0].prepare == AIR_DEFAULT_PREPARE);
	assert_true(st->slots[0].late == 0);
	assert_int_equal(st->slots[1].n_at, 2);
	assert_int_equal(st->slots[1].start, AIR_START_SOFT);
	assert_true(st->slots[1].duration == 180);
	assert_non_null(strstr(st->state, "crieur/Radio-Test"));
	assert_int_equal(air_tz_use(st->timezone), 0);
	assert_int_equal(air_time_parse("2026-12-03T06:59:00", &t), 0);
	assert_int_equal(station_next(st, t, SIZE_MAX, &slot, &t), 0);
	air_time_format(buf, sizeof(buf), t, 0);
	assert_string_equal(buf, "2026-12-03T06:59:50-05:00");
	assert_string_equal(st->slots[slot].name, "flash");
	assert_int_equal(station_next(st, t, SIZE_MAX, &slot, &t), 0);
	air_time_format(buf, sizeof(buf), t, 0);
	assert_string_equal(buf, "2026-12-03T07:00:00-05:00");
	assert_string_equal(st->slots[slot].name, "news");
	station_free(st);

	/* the state directory must be writable */
	write_file("station.yaml", "state: /proc/crieur\noutputs:\n  - folder: "
		   "drop\nslots:\n  - { name: n, at: '0 * * * *', bulletin: "
		   "news.yaml }\n");
	assert_int_equal(station_load(&st, station), 0);
	assert_int_equal(station_check(st), CRIEUR_EIO);
	assert_non_null(strstr(err_detail(), "station.yaml:1:8: state "
			       "directory '/proc/crieur' cannot be written"));
	station_free(st);
	write_file("station.yaml", "outputs:\n  - folder: nowhere\nslots:\n"
		   "  - { name: n, at: '0 * * * *', bulletin: news.yaml }\n");
	setenv("XDG_STATE_HOME", at("state"), 1);
	assert_int_equal(station_load(&st, station), 0);
	assert_int_equal(station_check(st), CRIEUR_ENOENT);
	assert_non_null(strstr(err_detail(), "station.yaml:2:5: outputs: folder "));
	station_free(st);
}

/* ---- the inbox --------------------------------------------------- */

static char **notes;
static size_t n_notes;

static void on_note(void *ctx, const char *msg)
{
	notes = xrealloc(notes, (n_notes + 1) * sizeof(char *));
	notes[n_notes++] = xstrdup(msg);
}

static int noted(const char *s)
{
	for (size_t i = 0; i < n_notes; i++)
		if (strstr(notes[i], s))
			return 1;
	return 0;
}

/* Drop name into the inbox with the given age (seconds). */
static void drop(const char *name, const char *text, int age)
{
	char rel[96];
	struct utimbuf ut;

	snprintf(rel, sizeof(rel), "inbox/%s", name);
	write_file(rel, text);
	ut.actime = ut.modtime = time(NULL) - age;
	assert_int_equal(utime(at(rel), &ut), 0);
}

static int exists(const char *rel)
{
	struct stat st;

	return stat(at(rel), &st) == 0;
}

static void inbox(void **state)
{
	air_inbox ib = { .max = 2, .max_age = 3600, .note = on_note };
	char **paths, date[11], rel[64], inbox_dir[160];
	size_t n;
	air_ns now = air_now();

	snprintf(inbox_dir, sizeof(inbox_dir), "%s", at("inbox"));
	mkdir(inbox_dir, 0755);
	ib.dir = inbox_dir;
	assert_int_equal(inbox_prepare(ib.dir), 0);
	air_date(date, now);
	drop("one.txt", "Un\nPremier.\n", 30);
	drop("two.txt", "Deux\nSecond.\n", 20);
	drop("three.txt", "Trois\nTroisième.\n", 10);
	drop("same.txt", "Un\nPremier.\n", 5);        /* the same as one */
	drop("bad.txt", "ab\xC3(\n", 10);
	drop("empty.txt", "  \n", 10);
	/* what would fail at air time: nothing to say, SSML */
	drop("dots.txt", "\n\xE2\x80\xA6\n--\n", 10);
	drop("ssml.txt", "<speak>Bonjour</speak>\n", 10);
	drop("old.txt", "Vieux\nAncien.\n", 7200);
	drop(".half.txt.part", "Moitié", 60);           /* still written */
	drop("wet.txt", "Frais\nEn cours.\n", 0);        /* too recent */
	if (inbox_scan(&ib, now))
		fail_msg("%s", err_detail());
	assert_true(exists("inbox/current/one.txt"));
	assert_true(exists("inbox/current/three.txt"));
	assert_true(exists("inbox/quarantine/bad.txt"));
	assert_true(exists("inbox/quarantine/bad.txt.error"));
	assert_true(exists("inbox/quarantine/empty.txt.error"));
	assert_true(exists("inbox/.half.txt.part"));
	assert_true(exists("inbox/wet.txt"));
	snprintf(rel, sizeof(rel), "inbox/archive/%s/same.txt", date);
	assert_true(exists(rel));
	assert_true(noted("same.txt: a duplicate"));
	assert_true(noted("bad.txt: quarantined (bad.txt: invalid UTF-8 at "
			  "byte 2 (0xC3))"));
	assert_true(noted("dots.txt: quarantined (dots.txt:2: nothing to say: "
			  "no line has a word once normalized)"));
	assert_true(noted("ssml.txt: quarantined (ssml.txt:1: SSML: bulletins "
			  "read plain statements (SSML is for 'crieur say'))"));
	assert_true(exists("inbox/quarantine/dots.txt.error"));

	/* newest first, at most max; old.txt is past max_age: archived */
	assert_int_equal(inbox_current(&ib, now, &paths, &n), 0);
	assert_int_equal(n, 2);
	assert_non_null(strstr(paths[0], "current/three.txt"));
	assert_non_null(strstr(paths[1], "current/two.txt"));
	snprintf(rel, sizeof(rel), "inbox/archive/%s/old.txt", date);
	assert_true(exists(rel));

	/* once: archived after airing, and never taken again even when
	 * dropped again */
	ib.once = 1;
	assert_int_equal(inbox_aired(&ib, paths, n, now), 0);
	assert_false(exists("inbox/current/three.txt"));
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	drop("three-again.txt", "Trois\nTroisième.\n", 10);
	assert_int_equal(inbox_scan(&ib, now), 0);
	assert_false(exists("inbox/current/three-again.txt"));

	/* a crash left a claimed file: it returns to the inbox; a name
	 * taken in current/ gets a suffix, nothing is replaced */
	write_file("inbox/.processing/one.txt", "Autre\nContenu.\n");
	assert_int_equal(inbox_recover(&ib), 0);
	assert_true(exists("inbox/one.txt"));
	assert_int_equal(utime(at("inbox/one.txt"), &(struct utimbuf){ 0,
			 time(NULL) - 5 }), 0);
	assert_int_equal(inbox_scan(&ib, now), 0);
	assert_true(exists("inbox/current/one.txt"));
	assert_true(exists("inbox/current/one-2.txt"));
	for (size_t i = 0; i < n_notes; i++)
		free(notes[i]);
	free(notes);
}

static void count_line(void *ctx, const char *slot, air_ns scheduled)
{
	assert_string_equal(slot, "news");
	assert_int_equal(scheduled, 1796288400LL * AIR_NS_PER_S);
	++*(int *)ctx;
}

static void asrun(void **state)
{
	asrun_item items[] = { { "Pristina", "inbox/current/p.txt" },
			       { "Un \"titre\"", NULL } };
	asrun_entry e = { "news", 0, 0, 0, ASRUN_AIRED, items, 2, NULL };
	char line[1024];
	FILE *f;
	int count = 0;

	assert_int_equal(air_tz_use("Europe/Paris"), 0);
	mkdir(at("state"), 0755);
	assert_int_equal(air_time_parse("2026-12-03T10:00:00+01:00",
					 &e.scheduled), 0);
	e.started = e.scheduled + 2000000;
	e.ended = e.scheduled + 180 * AIR_NS_PER_S;
	assert_int_equal(asrun_append(at("state"), &e), 0);
	e.outcome = ASRUN_FAILED;
	e.started = e.ended = 0;
	e.n_items = 0;
	e.error = "bulletin: no current statement";
	assert_int_equal(asrun_append(at("state"), &e), 0);
	f = fopen(at("state/asrun.jsonl"), "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "{\"slot\":\"news\",\"scheduled\":"
		"\"2026-12-03T10:00:00.000+01:00\",\"started\":"
		"\"2026-12-03T10:00:00.002+01:00\",\"ended\":"
		"\"2026-12-03T10:03:00.000+01:00\",\"outcome\":\"aired\","
		"\"items\":[{\"title\":\"Pristina\",\"file\":"
		"\"inbox/current/p.txt\"},{\"title\":\"Un \\\"titre\\\"\","
		"\"file\":null}],\"error\":null}\n");
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "{\"slot\":\"news\",\"scheduled\":"
		"\"2026-12-03T10:00:00.000+01:00\",\"started\":null,\"ended\":"
		"null,\"outcome\":\"failed\",\"items\":[],\"error\":"
		"\"bulletin: no current statement\"}\n");
	fclose(f);
	/* a line cut by a crash is skipped when reading */
	f = fopen(at("state/asrun.jsonl"), "a");
	fputs("{\"slot\":\"news\",\"sched", f);
	fclose(f);
	assert_int_equal(asrun_read(at("state"), count_line, &count), 0);
	assert_int_equal(count, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(errors),
		cmocka_unit_test(loads),
		cmocka_unit_test(inbox),
		cmocka_unit_test(asrun),
	};

	return cmocka_run_group_tests_name("air_station", tests, setup,
					   teardown);
}
