/* test_publish.c - `crieur publish` end to end: a rendered bulletin
 * published twice (then past --keep), the feed checked with xmllint, the
 * MP3 with ffprobe, every failure with its message. */
#include "e2e.h"

/* xmllint --xpath on the site's feed (namespaces by local-name()). */
static void xpath(struct run_result *r, const char *expr)
{
	run(r, "xmllint --xpath '%s' '%s'", expr, scratch("site/feed.xml"));
}

static void expect_xpath(const char *expr, const char *want)
{
	struct run_result r;

	xpath(&r, expr);
	if (strlen(r.out) && r.out[strlen(r.out) - 1] == '\n')
		r.out[strlen(r.out) - 1] = '\0';     /* numbers end a line */
	if (r.status || strcmp(r.out, want))
		fail_msg("%s: got '%s' (%s), want '%s'", expr, r.out, r.err, want);
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long)st.st_size;
}

/* publish/twice: render, publish, publish another, keep 2 of 3. */
static void test_publish_twice(void **state)
{
	struct run_result r;
	struct audio a;
	char want[64];
	const char *opts = "--base-url https://example.org/news/ "
			   "--title 'Le journal & <co> « été »' "
			   "--category 'News/Daily News' --explicit no "
			   "--language fr --author 'Radio Crieur' --image "
			   "https://example.org/news/cover.jpg";

	run(&r, "%s build -q samples/statements/2024-02-05-bruxelles.txt -o %s",
	    crieur_bin(), scratch("bx.mp3"));
	assert_int_equal(r.status, 0);
	run(&r, "cp %s %s && printf 'WEBVTT\\n\\n00:00:00.000 --> "
	    "00:00:02.000\\nUn.\\n' > %s", scratch("bx.mp3"),
	    scratch("older.mp3"), scratch("older.vtt"));
	assert_int_equal(r.status, 0);
	run(&r, "%s publish %s --site %s %s --episode-title 'Plus ancien' "
	    "--date 2024-02-04T08:00Z", crieur_bin(), scratch("older.mp3"),
	    scratch("site"), opts);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "1 episode,"));
	run(&r, "%s publish %s --site %s --base-url https://example.org/news "
	    "--episode-title 'L’OTAN & l’ONU <Bruxelles> \"5 février\"' "
	    "--date '2024-02-05T18:00'", crieur_bin(), scratch("bx.mp3"),
	    scratch("site"));
	assert_int_equal(r.status, 0);
	run(&r, "xmllint --noout %s", scratch("site/feed.xml"));
	assert_int_equal(r.status, 0);
	expect_xpath("count(//item)", "2");
	expect_xpath("string(/rss/channel/title)", "Le journal & <co> « été »");
	expect_xpath("string(//*[local-name()=\"category\"]/@text)", "News");
	expect_xpath("string(//*[local-name()=\"explicit\"])", "false");
	expect_xpath("string(//item[1]/title)",
		     "L’OTAN & l’ONU <Bruxelles> \"5 février\"");
	expect_xpath("string(//item[1]/pubDate)", "Mon, 05 Feb 2024 18:00:00 GMT");
	expect_xpath("string(//item[1]/enclosure/@url)",
		     "https://example.org/news/bx.mp3");
	snprintf(want, sizeof(want), "%ld", file_size(scratch("bx.mp3")));
	expect_xpath("string(//item[1]/enclosure/@length)", want);
	audio_load(&a, scratch("site/bx.mp3"));
	snprintf(want, sizeof(want), "00:00:%02d",
		 (int)(audio_seconds(&a) + 0.5));
	audio_release(&a);
	expect_xpath("string(//item[1]/*[local-name()=\"duration\"])", want);
	expect_xpath("string(//item[2]/title)", "Plus ancien");
	expect_xpath("string(//item[2]/*[local-name()=\"transcript\"]/@url)",
		     "https://example.org/news/older.vtt");
	assert_true(file_exists(scratch("site/older.vtt")));
	assert_true(file_exists(scratch("site/index.html")));
	run(&r, "grep -c '<audio ' %s", scratch("site/index.html"));
	assert_string_equal(r.out, "2\n");
	run(&r, "cp %s %s && %s publish %s --site %s --base-url "
	    "https://example.org/news --keep 2 --date 2024-02-06", scratch("bx.mp3"),
	    scratch("newest.mp3"), crieur_bin(), scratch("newest.mp3"),
	    scratch("site"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "2 episodes, 1 removed"));
	assert_false(file_exists(scratch("site/older.mp3")));
	assert_false(file_exists(scratch("site/older.vtt")));
	/* build wrote the headline as the ID3 title */
	expect_xpath("string(//item[1]/title)", "L’OTAN et l’ONU ouvrent à "
		     "Bruxelles un centre d’accueil pour les familles de "
		     "militaires déployés");
	expect_xpath("string(/rss/channel/title)", "Le journal & <co> « été »");
}

/* publish/ffprobe: the published MP3 is intact: same duration for
 * ffprobe and libsndfile, and any chapters have titles and times. */
static void test_ffprobe(void **state)
{
	struct run_result r;
	struct audio a;
	double d;
	const char *p, *fmt;

	run(&r, "ffprobe -v error -show_chapters -show_format -of json %s",
	    scratch("site/bx.mp3"));
	assert_int_equal(r.status, 0);
	assert_non_null(fmt = strstr(r.out, "\"format\""));
	assert_non_null(p = strstr(fmt, "\"duration\": \""));
	d = atof(p + 13);
	audio_load(&a, scratch("site/bx.mp3"));
	assert_true(fabs(d - audio_seconds(&a)) < 0.1);
	audio_release(&a);
	for (p = strstr(r.out, "\"time_base\""); p && p < fmt;
	     p = strstr(p + 1, "\"time_base\"")) {   /* chapters, if any */
		const char *t = strstr(p, "\"title\"");

		assert_true(t && t < fmt);
	}
}

/* publish/errors: usage, missing file, broken feed left untouched. */
static void test_errors(void **state)
{
	struct run_result r;
	char before[4096], after[4096];

	run(&r, "%s publish --help", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "--base-url"));
	run(&r, "%s publish %s", crieur_bin(), scratch("bx.mp3"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--site"));
	run(&r, "%s publish %s --site %s --base-url https://x.org --keep 0",
	    crieur_bin(), scratch("bx.mp3"), scratch("site"));
	assert_int_equal(r.status, 2);
	run(&r, "%s publish %s --site %s --base-url https://x.org", crieur_bin(),
	    scratch("nope.mp3"), scratch("site"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "nope.mp3"));
	run(&r, "mkdir -p %s && printf '<rss><channel>\\n<item>' > %s",
	    scratch("bad"), scratch("bad/feed.xml"));
	slurp(scratch("bad/feed.xml"), before, sizeof(before));
	run(&r, "%s publish %s --site %s --base-url https://x.org", crieur_bin(),
	    scratch("bx.mp3"), scratch("bad"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad/feed.xml:2"));
	slurp(scratch("bad/feed.xml"), after, sizeof(after));
	assert_string_equal(before, after);
}

static int teardown(void **state)
{
	struct run_result r;

	run(&r, "rm -rf '%s'", scratch_dir());
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_publish_twice),
		cmocka_unit_test(test_ffprobe),
		cmocka_unit_test(test_errors),
	};

	return e2e_done(cmocka_run_group_tests_name("e2e publish", tests, NULL,
						    teardown));
}
