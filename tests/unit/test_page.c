/* test_page.c - the show page: players, chapters, transcript, escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "publish/page.h"

static const transcript_cue cue[] = {
	{ 0, 2, "Bonjour & <bienvenue>." },
	{ 2, 4.5, "Deuxième phrase." },
};
static const transcript cues = { (transcript_cue *)cue, 2 };
static const transcript_chapter ch[] = {
	{ 0, 4, "Titres \"du jour\"" },
	{ 4, 30, "L’OTAN à Bruxelles" },
};

static void render(strbuf *sb, const char *lang)
{
	feed_channel c = { .title = "Le journal & <co>", .description = "Nouvelles",
			   .language = (char *)lang };
	feed_item a = { .title = "Épisode <1> & \"x\"", .pub_date = 1707156000,
			.duration = 61.9, .description = "Un\nDeux" };
	feed_item b = { .title = "Vieux", .pub_date = 1700000000 };
	page_episode ep[2] = {
		{ &a, "a%20b.mp3", "a b.vtt", NULL, "a.chapters.json", ch, 2,
		  &cues },
		{ &b, "b.mp3", NULL, NULL, NULL, NULL, 0, NULL },
	};

	sb_init(sb);
	c.title = "Le journal & <co>";
	assert_int_equal(page_render(sb, &c, ep, 2), 0);
}

static void has(const strbuf *sb, const char *s)
{
	if (!strstr(sb_cstr(sb), s))
		fail_msg("page lacks: %s", s);
}

/* page/players: one player per episode, newest first, with its track. */
static void test_players(void **state)
{
	strbuf sb;
	const char *p;

	render(&sb, "fr");
	has(&sb, "<!DOCTYPE html>\n<html lang=\"fr\">");
	has(&sb, "<title>Le journal &amp; &lt;co&gt;</title>");
	has(&sb, "<audio id=\"ep0-audio\" controls preload=\"metadata\" "
		 "aria-label=\"Écouter : Épisode &lt;1&gt; &amp; &quot;x&quot;\" "
		 "src=\"a%20b.mp3\">");
	has(&sb, "<track kind=\"captions\" default src=\"a b.vtt\" srclang=\"fr\"");
	has(&sb, "<audio id=\"ep1-audio\" controls preload=\"metadata\"");
	has(&sb, "<time datetime=\"2024-02-05T18:00:00Z\">");
	has(&sb, "· 1:01</p>");
	has(&sb, "<p class=\"desc\">Un\nDeux</p>");
	has(&sb, "href=\"feed.xml\"");
	p = strstr(sb.buf, "ep0-title");
	assert_true(p && p < strstr(sb.buf, "ep1-title"));
	assert_null(strstr(sb.buf, "<co>"));
	assert_null(strstr(sb.buf, "<bienvenue>"));
	sb_release(&sb);
}

/* page/chapters_transcript: seekable links, timed cues, live region. */
static void test_chapters_transcript(void **state)
{
	strbuf sb;

	render(&sb, "fr-BE");
	has(&sb, "<h3 id=\"ep0-ch\">Chapitres</h3>");
	has(&sb, "<li><a href=\"a%20b.mp3#t=4.000\" data-start=\"4.000\" "
		 "data-end=\"30.000\" data-title=\"L’OTAN à Bruxelles\" "
		 "aria-controls=\"ep0-audio\">0:04 L’OTAN à Bruxelles</a></li>");
	has(&sb, "data-title=\"Titres &quot;du jour&quot;\"");
	has(&sb, "<li data-start=\"0.000\" data-end=\"2.000\">Bonjour &amp; "
		 "&lt;bienvenue&gt;.</li>");
	has(&sb, "<li data-start=\"2.000\" data-end=\"4.500\">Deuxième phrase.</li>");
	has(&sb, "aria-live=\"polite\"");
	has(&sb, "<a href=\"a.chapters.json\">Chapitres (JSON)</a>");
	has(&sb, "aria-current");            /* the script marks the cue */
	has(&sb, ":focus-visible");
	assert_null(strstr(sb.buf, "id=\"ep1-ch\""));   /* none for ep1 */
	sb_release(&sb);
}

/* page/english: labels follow the language; no episode says so. */
static void test_english_empty(void **state)
{
	feed_channel c = { .title = "News", .language = "en" };
	strbuf sb;

	render(&sb, "en");
	has(&sb, "<h3 id=\"ep0-tr\">Transcript</h3>");
	sb_release(&sb);
	sb_init(&sb);
	assert_int_equal(page_render(&sb, &c, NULL, 0), 0);
	has(&sb, "<p>No episode yet.</p>");
	sb_release(&sb);
}

/* page/errors: invalid UTF-8 refused; unwritable path named. */
static void test_errors(void **state)
{
	feed_channel c = { .title = "x\xC3" };
	strbuf sb;

	sb_init(&sb);
	assert_int_equal(page_render(&sb, &c, NULL, 0), CRIEUR_EUTF8);
	c.title = "ok";
	assert_int_equal(page_write("/nonexistent/index.html", &c, NULL, 0),
			 CRIEUR_ENOENT);
	assert_non_null(strstr(err_detail(), "/nonexistent"));
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_players),
		cmocka_unit_test(test_chapters_transcript),
		cmocka_unit_test(test_english_empty),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("page", tests, NULL, NULL);
}
