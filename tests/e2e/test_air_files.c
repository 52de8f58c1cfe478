/* test_air_files.c - `crieur air`'s file outputs, in real time but
 * short: a station with no sound card, a folder (a dropbox) and a
 * podcast site.  The folder receives each bulletin before its time as a
 * complete MP3 (ffprobe: MP3, its duration the rendered one; no
 * temporary file left) with its WebVTT transcript and chapters JSON; the
 * podcast site gets each bulletin that aired, once: feed.xml valid
 * (xmllint), the episode's enclosure the exact size of the MP3 beside it,
 * the slot's title and date. */
#define _GNU_SOURCE
#include "air.h"

#include <signal.h>


static int teardown(void **state)
{
	kill_spawned(state);
	return 0;
}

/* ffprobe: the file's duration and its first stream's codec. */
static double probe_seconds(const char *path, char *codec)
{
	struct run_result r;
	double s = -1;

	run(&r, "ffprobe -v error -show_entries stream=codec_name:format="
	    "duration -of default=nw=1 %s", path);
	assert_int_equal(r.status, 0);
	if (strstr(r.out, "codec_name="))
		sscanf(strstr(r.out, "codec_name="), "codec_name=%31s", codec);
	if (strstr(r.out, "duration="))
		sscanf(strstr(r.out, "duration="), "duration=%lf", &s);
	return s;
}

static void folder_and_podcast(void **state)
{
	struct run_result r;
	char codec[32] = "", name[256], path[512];
	pid_t air;

	run(&r, "cd %s && rm -rf state drop site && mkdir drop && "
	    "sox -n -r 44100 -c 1 tone.wav synth 0.3 sine 800 vol 0.5",
	    scratch_dir());
	assert_int_equal(r.status, 0);
	script("fb.yaml", "intro: tone.wav\ntalkup: 0\ngap: 0.2\nitems:\n"
	    "  - text: Le conseil a voté le budget.\n    title: Budget\n"
	    "  - text: Il fera beau demain.\n    title: Météo\n");
	script("files.yaml", "station: Radio Essai\ntimezone: Europe/Paris\n"
	    "state: state\noutputs:\n  - folder: drop\n"
	    "  - podcast:\n      site: site\n"
	    "      base_url: https://radio.example/news\n"
	    "      title: Le journal\n      language: fr\n"
	    "slots:\n  - name: flash\n    at: '*/5 * * * * *'\n"
	    "    bulletin: fb.yaml\n    prepare: 3\n");
	air = air_spawn("files.yaml", scratch("files.err"));
	assert_true(air_wait_count("\"outcome\":\"aired\"", 2, 60));
	air_stop(air);

	/* the dropbox: complete MP3s with their sidecars, nothing half */
	run(&r, "cd %s/drop && ls | grep -v '^flash-[0-9]*\\.\\(mp3\\|vtt\\|"
	    "chapters\\.json\\)$' | wc -l; ls -a | grep -c '^\\.[^.]'",
	    scratch_dir());
	assert_string_equal(r.out, "0\n0\n");
	run(&r, "cd %s/drop && ls flash-*.mp3 | head -1", scratch_dir());
	r.out[strcspn(r.out, "\n")] = '\0';
	snprintf(name, sizeof(name), "%.*s", (int)(strlen(r.out) - 4), r.out);
	snprintf(path, sizeof(path), "%s/drop/%s.mp3", scratch_dir(), name);
	{
		double s = probe_seconds(path, codec);

		print_message("folder: %s.mp3, %s, %.2f s\n", name, codec, s);
		assert_string_equal(codec, "mp3");
		assert_true(s > 2.0 && s < 20.0);
	}
	snprintf(path, sizeof(path), "%s/drop/%s.vtt", scratch_dir(), name);
	slurp(path, r.out, sizeof(r.out));
	assert_true(!strncmp(r.out, "WEBVTT", 6));
	assert_non_null(strstr(r.out, "Il fera beau demain."));
	snprintf(path, sizeof(path), "%s/drop/%s.chapters.json", scratch_dir(),
		 name);
	slurp(path, r.out, sizeof(r.out));
	assert_non_null(strstr(r.out, "\"title\": \"Météo\"") ?
			strstr(r.out, "\"title\": \"Météo\"") :
			strstr(r.out, "\"title\":\"Météo\""));

	/* the podcast: one episode per aired (or late) slot, the feed valid */
	run(&r, "xmllint --noout %s/site/feed.xml", scratch_dir());
	assert_int_equal(r.status, 0);
	run(&r, "xmllint --xpath 'count(//item)' %s/site/feed.xml", scratch_dir());
	assert_int_equal(atoi(r.out),   /* a late slot is published too */
			 air_count("\"outcome\":\"aired\"") +
			 air_count("\"outcome\":\"late\""));
	snprintf(path, sizeof(path), "%s/site/%s.mp3", scratch_dir(), name);
	assert_true(file_exists(path));
	run(&r, "xmllint --xpath 'string(//item[enclosure[contains(@url,"
	    "\"%s.mp3\")]]/enclosure/@length)' %s/site/feed.xml; echo; "
	    "stat -c %%s %s", name, scratch_dir(), path);
	{
		long a = -1, b = -2;

		sscanf(r.out, "%ld %ld", &a, &b);
		print_message("enclosure %ld bytes, file %ld bytes\n", a, b);
		assert_true(a > 10000);
		assert_int_equal(a, b);
	}
	run(&r, "xmllint --xpath 'string(//item[enclosure[contains(@url,"
	    "\"%s.mp3\")]]/title)' %s/site/feed.xml", name, scratch_dir());
	assert_true(!strncmp(r.out, "flash, 20", 9));
	assert_true(probe_seconds(path, codec) > 2.0);
	snprintf(path, sizeof(path), "%s/site/%s.vtt", scratch_dir(), name);
	assert_true(file_exists(path));
	assert_true(file_exists(scratch("site/index.html")));
	/* the prepared files are gone once aired */
	run(&r, "ls %s/state/prepared | wc -l", scratch_dir());
	assert_int_equal(atoi(r.out), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(folder_and_podcast, teardown),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_air_files", tests,
						    air_setup, NULL));
}
