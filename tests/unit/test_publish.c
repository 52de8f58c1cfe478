/* test_publish.c - publish_episode: files, feed, page, keep-N, failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/encode_mp3.h"
#include "audio/id3.h"
#include "base/error.h"
#include "base/util.h"
#include "bulletin/transcript.h"
#include "publish/feed.h"
#include "publish/publish.h"
#include "tmp_path.h"

static char dir[64];

static const char *tmp(const char *name)
{
	static char bufs[8][160];
	static int next;
	char *b = bufs[next++ & 7];

	snprintf(b, 160, "%s/%s", dir, name);
	return b;
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* An episode STEM.mp3 (2 s tone, tagged) with its sidecars. */
static void make_episode(const char *stem, const char *title,
			 const char *date)
{
	static const transcript_cue cue[] = { { 0, 1, "Un & <deux>." },
					      { 1, 2, "Trois." } };
	static const transcript_chapter ch[] = { { 0, 1, "A" }, { 1, 2, "B" } };
	audio_format fmt = { 44100, 1 };
	id3_tag *t;
	mp3_options opt = { 64, 5, NULL, 0 };
	audio_sink *sink;
	float buf[4410];
	char path[160];

	assert_int_equal(id3_new(&t), 0);
	opt.tag = t;
	id3_set(t, "TIT2", title);
	id3_set(t, "TALB", "Le journal");
	id3_set(t, "TPE1", "Radio Crieur");
	id3_set(t, "TLAN", "eng");
	id3_set(t, "TDRC", date);
	id3_set_comment(t, "fra", "Titre un\nTitre « deux »");
	snprintf(path, sizeof(path), "%s/%s.mp3", dir, stem);
	assert_int_equal(mp3_writer_open(&sink, path, fmt, &opt), 0);
	for (int k = 0; k < 20; k++) {
		for (int i = 0; i < 4410; i++)
			buf[i] = (float)(0.3 * sin(i * 0.06));
		assert_int_equal(sink->write(sink, buf, 4410), 0);
	}
	id3_add_chapter(t, 0, 1000, "Intro & titres");
	id3_add_chapter(t, 1000, 2000, "L’OTAN à Bruxelles");
	assert_int_equal(sink->finish(sink), 0);
	sink_free(sink);
	id3_free(t);
	snprintf(path, sizeof(path), "%s/%s.vtt", dir, stem);
	assert_int_equal(transcript_write_vtt(path, cue, 2), 0);
	snprintf(path, sizeof(path), "%s/%s.srt", dir, stem);
	assert_int_equal(transcript_write_srt(path, cue, 2), 0);
	snprintf(path, sizeof(path), "%s/%s.chapters.json", dir, stem);
	assert_int_equal(transcript_write_chapters(path, ch, 2), 0);
}

static publish_options options(void)
{
	static char site[96];
	publish_options o = { .site = site,
			      .base_url = "https://example.org/news/",
			      .explicit_content = -1 };

	snprintf(site, sizeof(site), "%s/site", dir);
	return o;
}

/* publish/first: files copied, feed and page from the ID3 tag. */
static void test_first(void **state)
{
	publish_options o = options();
	publish_report r;
	feed f;
	char *page;
	size_t len;

	make_episode("ep one", "Bulletin & <co>", "2024-02-05T18:00");
	assert_int_equal(publish_episode(tmp("ep one.mp3"), &o, &r), 0);
	assert_int_equal(r.episodes, 1);
	assert_int_equal(r.sidecars, 3);
	assert_true(exists(tmp("site/ep one.mp3")));
	assert_true(exists(tmp("site/ep one.vtt")));
	assert_true(exists(tmp("site/ep one.srt")));
	assert_true(exists(tmp("site/ep one.chapters.json")));
	feed_init(&f);
	assert_int_equal(feed_load(&f, tmp("site/feed.xml")), 0);
	assert_string_equal(f.ch.title, "Le journal");
	assert_string_equal(f.ch.language, "en");
	assert_string_equal(f.ch.author, "Radio Crieur");
	assert_string_equal(f.ch.link, "https://example.org/news/");
	assert_string_equal(f.item[0].title, "Bulletin & <co>");
	assert_string_equal(f.item[0].description, "Titre un\nTitre « deux »");
	assert_true(f.item[0].pub_date == 1707156000);
	assert_string_equal(f.item[0].url, "https://example.org/news/ep%20one.mp3");
	assert_true(fabs(f.item[0].duration - 2) < 0.6);
	assert_non_null(strstr(f.item[0].guid, "crieur:ep one:"));
	feed_release(&f);
	assert_int_equal(read_file(tmp("site/index.html"), &page, &len), 0);
	assert_non_null(strstr(page, "data-title=\"L’OTAN à Bruxelles\""));
	assert_non_null(strstr(page, "Un &amp; &lt;deux&gt;.</li>"));
	assert_non_null(strstr(page, "src=\"ep%20one.mp3\""));
	free(page);
}

/* publish/keep: a third episode with keep 2 drops the oldest's files; a
 * republished file replaces its item and keeps its guid. */
static void test_keep(void **state)
{
	publish_options o = options();
	publish_report r;
	feed f;
	char *guid;

	make_episode("ep two", "Deux", "2024-02-06");
	make_episode("ep three", "Trois", "2024-02-07");
	assert_int_equal(publish_episode(tmp("ep two.mp3"), &o, &r), 0);
	feed_init(&f);
	feed_load(&f, tmp("site/feed.xml"));
	guid = xstrdup(f.item[0].guid);
	feed_release(&f);
	o.keep = 2;
	o.title = "Nouveau titre";
	assert_int_equal(publish_episode(tmp("ep three.mp3"), &o, &r), 0);
	assert_int_equal(r.episodes, 2);
	assert_int_equal(r.removed, 1);
	assert_false(exists(tmp("site/ep one.mp3")));
	assert_false(exists(tmp("site/ep one.vtt")));
	assert_false(exists(tmp("site/ep one.chapters.json")));
	assert_true(exists(tmp("site/ep two.mp3")));
	o.title = NULL;
	assert_int_equal(publish_episode(tmp("ep two.mp3"), &o, &r), 0);
	assert_int_equal(r.episodes, 2);
	if (publish_episode(tmp("site/ep two.mp3"), &o, &r))
		fail_msg("%s", err_detail());
	assert_int_equal(feed_load(&f, tmp("site/feed.xml")), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.ch.title, "Nouveau titre");     /* kept */
	assert_string_equal(f.item[0].title, "Trois");
	assert_string_equal(f.item[1].guid, guid);
	feed_release(&f);
	free(guid);
}

/* publish/errors: each failure named; a broken feed is never replaced. */
static void test_errors(void **state)
{
	publish_options o = options();
	char *before, *after;
	size_t n1, n2;
	FILE *f;

	assert_int_equal(publish_episode(tmp("missing.mp3"), &o, NULL),
			 CRIEUR_ENOENT);
	assert_non_null(strstr(err_detail(), "missing.mp3"));
	assert_int_equal(publish_episode(tmp("x.wav"), &o, NULL), CRIEUR_EINVAL);
	o.base_url = "example.org";
	assert_int_equal(publish_episode(tmp("ep two.mp3"), &o, NULL),
			 CRIEUR_EINVAL);
	o = options();
	f = fopen(tmp("ep two.vtt"), "w");
	fputs("not vtt\n", f);
	fclose(f);
	assert_int_equal(publish_episode(tmp("ep two.mp3"), &o, NULL),
			 CRIEUR_EFORMAT);
	assert_non_null(strstr(err_detail(), "ep two.vtt:1"));
	unlink(tmp("ep two.vtt"));
	f = fopen(tmp("site/feed.xml"), "w");
	fputs("<rss><channel><item>", f);
	fclose(f);
	read_file(tmp("site/feed.xml"), &before, &n1);
	assert_int_equal(publish_episode(tmp("ep two.mp3"), &o, NULL),
			 CRIEUR_EFORMAT);
	assert_non_null(strstr(err_detail(), "site/feed.xml:1"));
	read_file(tmp("site/feed.xml"), &after, &n2);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* Scratch directory, removed at the end. */
static int setup(void **state)
{
	return tmp_dir_make(dir, sizeof(dir), "pub");
}

static int teardown(void **state)
{
	return tmp_dir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first),
		cmocka_unit_test(test_keep),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("publish", tests, setup, teardown);
}
